/* app_host_room: a game served to a class, shared by `host --headless` (app_host) and the window
 * (app_play_host): the room over the world (net_game), the server (net_server), and each seat's
 * stand-in, the strategy that plays a seat nobody holds (its playbook, baseline without one),
 * swapped in for the month's step and back after it. Also the addresses it can be reached at.
 *
 * The world stays the AppGame's; the room keeps a pointer to it, so the game must not be replaced
 * (a load) while the room is open. */
#ifndef APP_HOST_ROOM_H
#define APP_HOST_ROOM_H

#include "app_save.h"
#include "net_game.h"
#include "net_server.h"

#include <stdio.h>

/* How to host: the options of `host` that are not the game's. */
typedef struct AppHostConf {
    const char *bind; /* NULL or "": every interface */
    int port;         /* 0: a free one */
    const char *web;  /* NULL: assets/web */
    double month_seconds;
} AppHostConf;

typedef struct {
    AppGame *game; /* kept, not owned */
    NetGame *room;
    NetServer *srv;
    double month_seconds;
    SimStrategy stand_in[NET_ROOM_SEATS]; /* a seat's playbook, for months nobody holds it */
    int has_stand_in[NET_ROOM_SEATS];
    char web[4096];
} AppHostRoom;

/* Opens the room and the server over game g (its seats: the actors with a queued strategy) and
 * makes the stand-ins. log: the server's and the room's lines. 0, or -1 said on errout (then
 * app_host_room_close still frees what was made). */
int app_host_room_open(AppHostRoom *h, AppGame *g, const AppHostConf *c, FILE *log, FILE *errout);
void app_host_room_close(AppHostRoom *h);

/* Swaps the stand-ins in for the seats nobody holds (and back, called again after the month);
 * announce: say each one on out. */
void app_host_room_swap(AppHostRoom *h, FILE *out, int announce);

/* After a month was played: the next month's timer, every seated desk pushed. */
void app_host_room_next_month(AppHostRoom *h);

/* The addresses students can open: with a bind address, that one; else every IPv4 address of
 * the machine's interfaces, loopback last. url[k] (160 bytes each) and where[k] (the interface,
 * 32 bytes each); returns how many (at most cap). *qr: the one a QR code should carry (the first
 * that is not loopback, else the first). */
int app_host_room_urls(const char *bind, int port, char (*url)[160], char (*where)[32], int cap,
                       int *qr);

#endif
