/* test_net_order: no answer waits behind a month. A host asks net_game_month_now before it plays a
 * month: when the month is due, every answer already made is on its client's socket before the
 * step begins, a message that comes in meanwhile is not read until the month is played (then it
 * is answered, with the new month), the desks pushed after the month are the same text for two
 * devices of one seat, and the server's times count the answer under its kind and the desks as
 * pushes, not answers. The server runs in a thread while the clients join (their calls block),
 * then in this thread alone, so that the test decides when it is serviced. */
#define _POSIX_C_SOURCE 200809L
#define NC_ROOM
#include "net_client.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/stat.h>

static SimWorld *w;
static NetGame *g;
static NetServer *srv;
static FILE *log_file;
static atomic_int stop;
static char buf[1 << 16];

static void *serve(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop))
        net_server_poll(srv, 10);
    return NULL;
}

/* Whether fd has something to read within ms. */
static int readable(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* Services the server until the month is due (the ready was read and handled), at most 3 s. */
static int serve_until_due(void)
{
    for (int k = 0; k < 300; k++) {
        if (net_game_month_due(g, net_clock()))
            return 1;
        net_server_poll(srv, 10);
    }
    return 0;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const char *seated[1] = {"msft"};
    g = nc_room(CL_TESTDATA "/minimal.json", seated, 1, &w, &log_file);
    char web[] = "/tmp/clorder.XXXXXX", err[512];
    CHECK(mkdtemp(web) != NULL);
    NetServerOpts o = {0};
    o.bind = "127.0.0.1";
    o.webroot = web;
    o.max_msg = NET_MSG_MAX;
    o.log = log_file;
    if (g) {
        net_game_attach(g, &o);
        srv = net_server_create(&o, err, sizeof err);
        CHECK_MSG(srv != NULL, "%s", err);
    }
    if (srv) {
        int port = net_server_port(srv), st;
        net_game_new_month(g, net_clock(), 0); /* no timer: the month is due when msft is ready */
        pthread_t th;
        pthread_create(&th, NULL, serve, NULL);
        /* Two devices of msft's team: one takes the seat, the other resumes it. */
        int a = nc_ws_open(port, NULL, &st), b = nc_ws_open(port, NULL, &st);
        char msg[512], token[40] = "";
        snprintf(msg, sizeof msg,
                 "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"msft\",\"seq\":1}",
                 net_game_room(g)->code);
        CHECK(a >= 0 && b >= 0 && nc_ask(a, msg, 1, buf, sizeof buf) > 0 && nc_is(buf, "seat"));
        CHECK(nc_string_of(buf, "token", token, sizeof token) == 0);
        CHECK(nc_ws_text(a, buf, sizeof buf) > 0 && nc_is(buf, "state")); /* its desk */
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\",\"seq\":2}",
                 token);
        CHECK(nc_ask(b, msg, 2, buf, sizeof buf) > 0 && nc_is(buf, "seat"));
        CHECK(nc_ws_text(b, buf, sizeof buf) > 0 && nc_is(buf, "state"));
        atomic_store(&stop, 1);
        pthread_join(th, NULL);

        /* The team is ready: the month is due once the server has read it, its ok made and
         * queued, not yet written. */
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"ready\",\"token\":\"%s\",\"seq\":3}", token);
        CHECK(nc_ws_send(a, msg) == 0);
        CHECK(serve_until_due());
        /* A message sent while the host is about to play the month. */
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\",\"seq\":4}", token);
        CHECK(nc_ws_send(b, msg) == 0);
        poll(NULL, 0, 20); /* on the server's socket before it writes out */
        int turn = w->turn;
        CHECK(net_game_month_now(g, srv, net_clock()) == 1);
        /* Before the month's step: the ok is on a's socket already, nothing served since. */
        CHECK_MSG(readable(a, 0), "the answer to ready waits behind the month");
        CHECK(nc_ws_text(a, buf, sizeof buf) > 0 && nc_is(buf, "ok") && nc_seq_of(buf) == 3);
        /* b's state was not read: its answer would have waited behind the month. */
        CHECK(!readable(b, 50));
        /* The month, as the host plays it, and its desks. */
        CHECK(sim_turn_step(w, err, sizeof err) >= 0 && w->turn == turn + 1);
        double now = net_clock();
        net_game_new_month(g, now, 0);
        net_game_push(g, srv, now);
        for (int k = 0; k < 50; k++)
            net_server_poll(srv, 5);
        /* Both devices: the same desk of the new month; then b's state, read after the month. */
        static char desk_a[1 << 16];
        CHECK(readable(a, 1000) && nc_ws_text(a, desk_a, sizeof desk_a) > 0);
        CHECK(nc_is(desk_a, "state") && nc_seq_of(desk_a) < 0);
        CHECK(readable(b, 1000) && nc_ws_text(b, buf, sizeof buf) > 0);
        CHECK(strcmp(buf, desk_a) == 0);
        char month[16] = "", month_was[16] = "";
        nc_string_of(desk_a, "month", month, sizeof month);
        CHECK(readable(b, 1000) && nc_ws_text(b, buf, sizeof buf) > 0);
        CHECK(nc_is(buf, "state") && nc_seq_of(buf) == 4);
        nc_string_of(buf, "month", month_was, sizeof month_was);
        CHECK_MSG(month[0] && strcmp(month, month_was) == 0, "%s / %s", month, month_was);

        /* The times: the answers by kind (ready once), the two desks as pushes. */
        NetLatency l;
        net_server_latency(srv, NET_MSG_READY, &l);
        CHECK(l.n == 1 && l.p99 >= l.made_p99 && l.max >= l.p50);
        net_server_latency(srv, NET_MSG_STATE, &l);
        CHECK(l.n == 1);
        net_server_latency(srv, NET_KIND_MONTH, &l);
        CHECK(l.n == 2 && l.made_max == 0);
        net_server_latency(srv, -1, &l); /* take_seat, resume, ready, state: no pushes */
        CHECK_MSG(l.n == 4, "%ld answers", l.n);
        close(a);
        close(b);
    }
    net_server_destroy(srv);
    net_game_destroy(g);
    sim_world_destroy(w);
    if (log_file)
        fclose(log_file);
    rmdir(web);
    TEST_END();
}
