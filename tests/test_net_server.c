/* test_net_server: the classroom's server on loopback, attacked as the issue lists: a path with
 * "..", a symlink and a hidden file are refused; a WebSocket with a foreign Origin is refused; a
 * 1 MB message closes its connection; 1,000 messages in a second from one client are limited and
 * the client cut off; a forged act for another company and a missing or replayed token are
 * refused. Each is logged, and afterwards the game is unharmed: the world is the same, the queues
 * empty, and a fair client is still served. The server runs in its own thread here (the test's
 * clients block); the game is touched only from that thread until it stops. */
#define _POSIX_C_SOURCE 200809L
#define NC_ROOM
#include "net_client.h"

#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/stat.h>

static SimWorld *w;
static NetGame *g;
static NetServer *srv;
static FILE *log_file;
static atomic_int stop;
static int port;
static char dir[64], room[NET_ROOM_LEN + 1], teacher[NET_TOKEN_LEN + 1];
static char buf[1 << 16];

static void *serve(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop))
        net_server_poll(srv, 20);
    return NULL;
}

static int log_has(const char *text)
{
    return nc_log_has(log_file, text);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The pages' folder, a secret beside it, a hidden file and a symlink inside. */
static void make_webroot(void)
{
    snprintf(dir, sizeof dir, "/tmp/clnet.XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    char p[128], q[128];
    snprintf(p, sizeof p, "%s/web", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/web/index.html", dir);
    write_file(p, "<!doctype html><title>join</title>JOIN-PAGE");
    snprintf(p, sizeof p, "%s/web/.hidden", dir);
    write_file(p, "HIDDEN-FILE");
    snprintf(p, sizeof p, "%s/secret.txt", dir);
    write_file(p, "SECRET-OUTSIDE");
    snprintf(p, sizeof p, "%s/web/link.html", dir);
    snprintf(q, sizeof q, "%s/secret.txt", dir);
    CHECK(symlink(q, p) == 0);
}

static void remove_webroot(void)
{
    const char *names[] = {"web/index.html", "web/.hidden", "web/link.html",
                           "secret.txt",     "web",         ""};
    char p[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
}

static int setup(void)
{
    char err[512];
    const char *seated[2] = {"msft", "nvda"};
    g = nc_room(CL_TESTDATA "/minimal.json", seated, 2, &w, &log_file);
    if (!g)
        return -1;
    /* The pages' tables: a body bigger than one write (the server sends it in pieces). */
    static char lang[40000];
    memset(lang, 'x', sizeof lang - 1);
    memcpy(lang, "{\"lang\":\"zh\",\"pad\":\"", 20);
    memcpy(lang + sizeof lang - 4, "\"}@", 3);
    CHECK(net_game_set_lang(g, CORE_LANG_ZH, lang, strlen(lang)) == 0);
    snprintf(room, sizeof room, "%s", net_game_room(g)->code);
    snprintf(teacher, sizeof teacher, "%s", net_game_room(g)->teacher);
    make_webroot();
    char web[128];
    snprintf(web, sizeof web, "%s/web", dir);
    NetServerOpts o = {0};
    o.bind = "127.0.0.1";
    o.webroot = web;
    o.max_msg = NET_MSG_MAX;
    o.log = log_file;
    net_game_attach(g, &o);
    /* The test's ports: 18500-18599; the first free one from 18510. */
    for (port = 18510; port < 18600 && !srv; port++) {
        o.port = port;
        srv = net_server_create(&o, err, sizeof err);
    }
    port--;
    CHECK_MSG(srv != NULL, "%s", err);
    return srv ? 0 : -1;
}

static void test_files(void)
{
    CHECK(nc_get(port, "/", buf, sizeof buf) == 200 && strstr(buf, "JOIN-PAGE"));
    CHECK(strstr(buf, "content-security-policy: default-src 'self'") != NULL);
    CHECK(nc_get(port, "/index.html", buf, sizeof buf) == 200);
    /* Out of the folder, however it is spelt: never the secret. */
    const char *escapes[] = {"/../secret.txt",   "/web/../../secret.txt", "/%2e%2e/secret.txt",
                             "/..%2fsecret.txt", "//secret.txt",          "/./../secret.txt"};
    for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
        int code = nc_get(port, escapes[i], buf, sizeof buf);
        CHECK_MSG(code != 200 && !strstr(buf, "SECRET-OUTSIDE"), "%s: %d", escapes[i], code);
    }
    int code = nc_get(port, "/.hidden", buf, sizeof buf);
    CHECK_MSG(code == 403 && !strstr(buf, "HIDDEN-FILE"), "hidden: %d", code);
    code = nc_get(port, "/link.html", buf, sizeof buf);
    CHECK_MSG(code == 403 && !strstr(buf, "SECRET-OUTSIDE"), "symlink: %d", code);
    CHECK(nc_get(port, "/missing.html", buf, sizeof buf) == 404);
    /* The tables the host made, whole, as JSON with the pages' headers; no other language. */
    CHECK(nc_get(port, "/lang/zh.json", buf, sizeof buf) == 200);
    CHECK(strstr(buf, "application/json") && strstr(buf, "content-security-policy:"));
    const char *body = strstr(buf, "{\"lang\":\"zh\"");
    CHECK_MSG(body && strlen(body) == 39999 && body[39998] == '@', "%zu bytes",
              body ? strlen(body) : 0);
    CHECK(nc_get(port, "/lang/en.json", buf, sizeof buf) == 404);
}

static void test_origin(void)
{
    int status = 0;
    int fd = nc_ws_open(port, "http://evil.example", &status);
    CHECK_MSG(fd < 0 && status != 101, "evil Origin admitted (%d)", status);
    if (fd >= 0)
        close(fd);
    char mine[64];
    snprintf(mine, sizeof mine, "http://127.0.0.1:%d", port + 1);
    fd = nc_ws_open(port, mine, &status);
    CHECK_MSG(fd < 0, "another port's Origin admitted (%d)", status);
    if (fd >= 0)
        close(fd);
    snprintf(mine, sizeof mine, "http://127.0.0.1:%d", port);
    fd = nc_ws_open(port, mine, &status);
    CHECK_MSG(fd >= 0, "this host's Origin refused (%d)", status);
    if (fd >= 0)
        close(fd);
}

/* A WebSocket that said hello: the fd. */
static int joined(void)
{
    int status = 0;
    int fd = nc_ws_open(port, NULL, &status);
    CHECK_MSG(fd >= 0, "no WebSocket (%d)", status);
    return fd;
}

static const char *ask(int fd, const char *text)
{
    buf[0] = '\0';
    if (nc_ws_send(fd, text) < 0 || nc_ws_text(fd, buf, sizeof buf) < 0)
        return "";
    return buf;
}

static void test_too_big(void)
{
    int fd = joined();
    if (fd < 0)
        return;
    size_t n = 1 << 20;
    char *big = malloc(n);
    memset(big, 'x', n);
    nc_ws_send_op(fd, big, n, 1); /* may fail halfway: the server hangs up */
    free(big);
    int op = 0;
    long k = nc_ws_recv(fd, buf, sizeof buf, &op);
    int status = k >= 2 && op == 8 ? ((unsigned char)buf[0] << 8) | (unsigned char)buf[1] : 0;
    CHECK_MSG(k < 0 || (op == 8 && status == 1009), "1 MB: op %d status %d", op, status);
    /* Nothing more comes: the connection is gone. */
    CHECK(nc_ws_recv(fd, buf, sizeof buf, &op) < 0);
    close(fd);
    /* A binary frame is refused too. */
    fd = joined();
    if (fd < 0)
        return;
    nc_ws_send_op(fd, "\x01\x02", 2, 2);
    k = nc_ws_recv(fd, buf, sizeof buf, &op);
    CHECK(k < 0 || op == 8);
    close(fd);
}

/* Reads the answers already there (without waiting for more): counts them into *served and
 * *limited; 1 if the connection has ended. */
static int drain(int fd, int *served, int *limited)
{
    struct pollfd p = {fd, POLLIN, 0};
    while (poll(&p, 1, 0) > 0) {
        int op = 0;
        long k = nc_ws_recv(fd, buf, sizeof buf, &op);
        if (k < 0 || op == 8)
            return 1;
        *served += strstr(buf, "\"type\":\"seats\"") != NULL;
        *limited += strstr(buf, "rate_limited") != NULL;
    }
    return 0;
}

static void test_flood(void)
{
    int fd = joined();
    if (fd < 0)
        return;
    char hello[128];
    snprintf(hello, sizeof hello, "{\"v\":1,\"type\":\"hello\",\"room\":\"%s\"}", room);
    /* 1,000 messages in 20 bursts of 50 over about 0.4 s, reading the answers between bursts (the
     * server hangs up with messages unread, and the reset may drop answers not yet read). */
    int served = 0, limited = 0, closed = 0, sent = 0;
    for (int burst = 0; burst < 20 && !closed; burst++) {
        for (int i = 0; i < 50 && nc_ws_send(fd, hello) == 0; i++)
            sent++;
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
        closed = drain(fd, &served, &limited);
    }
    for (int i = 0; i < 100 && !closed; i++) {
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
        closed = drain(fd, &served, &limited);
    }
    close(fd);
    CHECK_MSG(served >= NET_BURST && served <= NET_BURST + 12, "%d served of %d sent", served,
              sent);
    CHECK_MSG(limited == 1 && closed, "%d warnings, closed %d", limited, closed);
}

static void test_acts(void)
{
    int a = joined(), b = joined(), t = joined();
    if (a < 0 || b < 0 || t < 0)
        return;
    char m[1024], tok_a[NET_TOKEN_LEN + 1] = "", tok_b[NET_TOKEN_LEN + 1] = "";
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"msft\"}",
             room);
    const char *r = strstr(ask(a, m), "\"token\":\"");
    CHECK(r != NULL);
    if (r)
        snprintf(tok_a, sizeof tok_a, "%s", r + 9);
    nc_ws_text(a, buf, sizeof buf); /* the state after the seat */
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"nvda\"}",
             room);
    r = strstr(ask(b, m), "\"token\":\"");
    if (r)
        snprintf(tok_b, sizeof tok_b, "%s", r + 9);
    nc_ws_text(b, buf, sizeof buf);
    /* Microsoft's token acting for Nvidia. */
    snprintf(m, sizeof m,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"actor\":\"nvda\",\"kind\":\"loan\","
             "\"counterparty\":\"msft\",\"side\":\"payer\",\"terms\":{\"amount\":1,\"months\":12,"
             "\"rate\":0.05}}",
             tok_a);
    CHECK(strstr(ask(a, m), "\"code\":\"forbidden\""));
    /* Nvidia's seat, tokenless. */
    CHECK(strstr(ask(b, "{\"v\":1,\"type\":\"ready\"}"), "\"code\":\"bad_message\""));
    /* The teacher frees Microsoft's seat: its token, replayed, is dead. */
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"free_seat\",\"token\":\"%s\",\"actor\":\"msft\"}",
             teacher);
    CHECK(strstr(ask(t, m), "\"type\":\"ok\""));
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", tok_a);
    CHECK(strstr(ask(a, m), "\"code\":\"bad_token\""));
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", tok_a);
    CHECK(strstr(ask(a, m), "\"code\":\"bad_token\""));
    /* A student cannot free a seat. */
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"free_seat\",\"token\":\"%s\",\"actor\":\"nvda\"}",
             tok_b);
    CHECK(strstr(ask(b, m), "\"code\":\"forbidden\""));
    /* Nvidia, honest, is served. */
    snprintf(m, sizeof m, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\",\"seq\":3}", tok_b);
    const char *s = ask(b, m);
    CHECK(strstr(s, "\"type\":\"state\"") && strstr(s, "\"actor\":\"nvda\"") &&
          strstr(s, "\"seq\":3"));
    close(a);
    close(b);
    close(t);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (setup() == 0) {
        uint64_t h = sim_world_hash(w);
        pthread_t th;
        pthread_create(&th, NULL, serve, NULL);
        test_files();
        test_origin();
        test_too_big();
        test_flood();
        test_acts();
        atomic_store(&stop, 1);
        pthread_join(th, NULL);
        /* Each attack left a line in the log, and the game is as it was. */
        CHECK(log_has("refused path \"/.hidden\""));
        CHECK(log_has("(a symlink)"));
        CHECK(log_has("refused Origin \"http://evil.example\""));
        CHECK(log_has("a message of 1048576 bytes or more"));
        CHECK(log_has("a binary message"));
        CHECK(log_has("over the rate limit") && log_has("closed after 200"));
        CHECK(log_has("propose refused (forbidden)"));
        CHECK(log_has("ready refused (bad_message)"));
        CHECK(log_has("state refused (bad_token)"));
        CHECK(sim_world_hash(w) == h);
        for (int i = 0; i < w->n; i++) {
            const SimIntentList *q = sim_strategy_queue(&w->actors[i].strategy);
            CHECK(!q || q->n == 0);
        }
        CHECK(net_server_refusals(srv) >= 6);
    }
    net_server_destroy(srv);
    net_game_destroy(g);
    sim_world_destroy(w);
    if (log_file)
        fclose(log_file);
    remove_webroot();
    TEST_END();
}
