/* app_host_room: the room, the server and the stand-ins of a hosted game (see app_host_room.h). */
#define _DEFAULT_SOURCE /* getifaddrs */
#include "app_host_room.h"

#include "app_host.h"

#include "app_cli.h"
#include "app_path.h"
#include "app_seat.h"
#include "sim_strategy.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>

/* Each seat's stand-in: its playbook (baseline without one), made and initialised once. */
static int make_stand_ins(AppHostRoom *h, FILE *errout)
{
    SimWorld *w = h->game->world;
    const NetRoom *r = net_game_room(h->room);
    for (int k = 0; k < r->n_seats; k++) {
        int i = r->seats[k].actor;
        char book[4096], err[1024];
        const char *c = app_seat_playbook(w->sc, i, h->game->scenario_path, book, sizeof book)
                            ? "playbook"
                            : "baseline";
        SimStrategy *s = &h->stand_in[k];
        if (app_seat_make(w, i, c, h->game->scenario_path, s, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.stand_in", w->sc->actors[i].id, err, NULL);
            return -1;
        }
        h->has_stand_in[k] = 1;
        SimView v = {w, i};
        if (s->init && s->init(s->self, &v, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.stand_in", w->sc->actors[i].id, err, NULL);
            return -1;
        }
    }
    return 0;
}

int app_host_room_open(AppHostRoom *h, AppGame *g, const AppHostConf *c, FILE *log, FILE *errout)
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
    if (make_stand_ins(h, errout) < 0)
        return -1;
    net_game_new_month(h->room, net_clock(), h->month_seconds);
    return 0;
}

void app_host_room_close(AppHostRoom *h)
{
    for (int k = 0; k < NET_ROOM_SEATS; k++)
        if (h->has_stand_in[k])
            sim_strategy_destroy(&h->stand_in[k]);
    net_server_destroy(h->srv);
    net_game_destroy(h->room);
    memset(h, 0, sizeof *h);
}

void app_host_room_swap(AppHostRoom *h, FILE *out, int announce)
{
    SimWorld *w = h->game->world;
    const NetRoom *r = net_game_room(h->room);
    for (int k = 0; k < r->n_seats; k++) {
        if (net_game_seat_taken(h->room, k) || !h->has_stand_in[k])
            continue;
        int i = r->seats[k].actor;
        SimStrategy t = w->actors[i].strategy;
        w->actors[i].strategy = h->stand_in[k];
        h->stand_in[k] = t;
        if (announce && out)
            app_cli_say(out, "host.empty_seat", w->sc->actors[i].name, NULL);
    }
}

void app_host_room_next_month(AppHostRoom *h)
{
    double now = net_clock();
    net_game_new_month(h->room, now, h->month_seconds);
    net_game_push(h->room, h->srv, now);
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
