/* app_host_room: the one host object of both hosts (see app_host_room.h): the room, the server,
 * the month around the step; what is kept and the stand-ins are app_host_keep.c's. */
#define _DEFAULT_SOURCE /* getifaddrs */
#include "app_host_room.h"

#include "app_host.h"

#include "app_cli.h"
#include "app_host_int.h"
#include "app_path.h"
#include "app_teach.h"
#include "core_month.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>

int app_host_room_open(AppHostRoom *h, AppGame *g, const AppHostConf *c, FILE *log, FILE *out,
                       FILE *errout)
{
    memset(h, 0, sizeof *h);
    h->game = g;
    h->month_seconds = c->month_seconds;
    char err[1024] = "";
    h->room = net_game_create(g->world, log, err, sizeof err);
    NetServerOpts o = {
        c->bind,     c->port, c->web ? c->web : app_data_path("web", h->web, sizeof h->web),
        NET_MSG_MAX, log,     NULL,
        NULL,        NULL,    NULL,
        NULL};
    if (h->room && app_host_serve_tables(h->room, g->world->sc, err, sizeof err) < 0) {
        net_game_destroy(h->room);
        h->room = NULL;
    }
    if (h->room) {
        net_game_attach(h->room, &o);
        net_game_set_ask(h->room, app_host_ask_seat, g);
        h->srv = net_server_create(&o, err, sizeof err);
    }
    if (!h->room || !h->srv) {
        app_cli_error(errout, "host.err.start", err, NULL);
        return -1;
    }
    h->teach = app_teach_create(g->world, h->no_cards, sizeof h->no_cards);
    if (app_host_make_stand_ins(h, errout) < 0 ||
        app_host_keep_begin(h, c->save_dir ? c->save_dir : app_saves_dir(), c->loaded, out,
                            errout) < 0 ||
        app_host_autosave(h, errout) < 0)
        return -1;
    net_game_new_month(h->room, net_clock(), h->month_seconds);
    return 0;
}

void app_host_room_close(AppHostRoom *h)
{
    /* The last answers and desks go out before the server stops. */
    if (h->srv && h->room) {
        net_game_flush(h->room, h->srv, net_clock());
        for (int k = 0; k < 10; k++)
            net_server_poll(h->srv, 20);
    }
    app_host_keep_end(h);
    app_host_stand_ins_free(h);
    app_replay_free(h->rec);
    app_teach_destroy(h->teach);
    net_server_destroy(h->srv);
    net_game_destroy(h->room);
    memset(h, 0, sizeof *h);
}

void app_host_room_month_begin(AppHostRoom *h, FILE *out, FILE *errout)
{
    SimWorld *w = h->game->world;
    char err[1024];
    if (h->rec && app_replay_record_turn(h->rec, w, err, sizeof err) < 0) {
        app_cli_error(errout, "host.err.replay", err, NULL);
        app_replay_free(h->rec);
        h->rec = NULL;
    }
    h->turn = w->turn;
    h->month_t0 = net_clock();
    app_host_stand_ins_in(h, out);
}

int app_host_room_month_end(AppHostRoom *h, FILE *errout)
{
    SimWorld *w = h->game->world;
    app_host_stand_ins_out(h, h->turn, errout);
    char month[16];
    core_month_format(w->sc->start + h->turn, month, sizeof month);
    net_game_log(h->room, "month %s played in %.1f ms", month, (net_clock() - h->month_t0) * 1000);
    app_host_keep_month(h, errout);
    double now = net_clock();
    net_game_new_month(h->room, now, h->month_seconds);
    net_game_push(h->room, h->srv, now);
    int added = h->teach ? app_teach_offer(h->teach, w, h->room) : 0;
    net_game_flush(h->room, h->srv, now);
    return added;
}

void app_host_room_poll(AppHostRoom *h, FILE *errout)
{
    double now = net_clock();
    app_host_keep_poll(h, now, errout);
    net_game_flush(h->room, h->srv, now);
}

int app_host_room_urls(const char *bind, int port, char (*url)[160], char (*where)[32], int cap,
                       int *qr)
{
    int n = 0;
    *qr = 0;
    if (bind && bind[0]) {
        if (cap > 0) {
            snprintf(url[0], 160, "http://%s:%d/", bind, port);
            where[0][0] = '\0';
            n = 1;
        }
        return n;
    }
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) < 0)
        return 0;
    /* Two passes: the interfaces others can reach first, loopback last. */
    for (int pass = 0; pass < 2; pass++)
        for (struct ifaddrs *i = list; i && n < cap; i = i->ifa_next) {
            if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
                continue;
            struct in_addr a = ((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
            int loop = (ntohl(a.s_addr) >> 24) == 127;
            if (loop != pass)
                continue;
            char ip[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &a, ip, sizeof ip);
            snprintf(url[n], 160, "http://%s:%d/", ip, port);
            snprintf(where[n], 32, "%s", i->ifa_name);
            n++;
        }
    freeifaddrs(list);
    return n;
}
