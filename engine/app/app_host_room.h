/* app_host_room: a game served to a class, the ONE host object of both `host --headless`
 * (app_host) and the window (app_play_host): the room over the world (net_game), the server
 * (net_server), each seat's stand-in (the strategy that plays a seat nobody holds, its moves
 * recorded in the replay), what is kept so that nothing is lost (the autosaves with the room and
 * its cards, the game put back by --load, the replay written every month: app_host_keep.c), and
 * the story cards offered to the teacher (app_teach). Also the addresses it can be reached at.
 *
 * A month, in either host: app_host_room_month_begin, sim_turn_step, app_host_room_month_end.
 * Between months: app_host_room_poll after each service of the server.
 *
 * The world stays the AppGame's; the room keeps a pointer to it, so the game must not be replaced
 * (a load) while the room is open. */
#ifndef APP_HOST_ROOM_H
#define APP_HOST_ROOM_H

#include "app_replay.h"
#include "app_save.h"
#include "net_game.h"
#include "net_server.h"

#include <stdio.h>

/* Seconds between saves of a month in progress that has changed (a seat taken, an intent
 * queued, a lever moved, a card answered); every month played is saved at once. */
#define HOST_SAVE_EVERY 2.0

/* How to host: the options of `host` that are not the game's. */
typedef struct AppHostConf {
    const char *bind; /* NULL or "": every interface */
    int port;         /* 0: a free one */
    const char *web;  /* NULL: assets/web */
    double month_seconds;
    const char *save_dir; /* NULL: app_saves_dir() */
    const char *loaded;   /* the save the game was loaded from (its room put back), or NULL */
} AppHostConf;

/* A seat's stand-in: its playbook (baseline without one), swapped in for the months nobody holds
 * the seat, wrapped so that what it decides is recorded in the replay as that seat's input. */
typedef struct {
    SimStrategy inner;
    SimIntentList last; /* what it decided this month */
    int decided;
    int made;
    int in;           /* swapped in for the month being played */
    SimStrategy held; /* the seat's own (queued) strategy while it is swapped out */
} HostStandIn;

typedef struct AppHostRoom {
    AppGame *game; /* kept, not owned */
    NetGame *room;
    NetServer *srv;
    double month_seconds;
    HostStandIn stand_in[NET_ROOM_SEATS];
    /* What is kept: DIR/autosave/SCENARIO-gameN-YYYY-MM.json, DIR/replays/... */
    char auto_dir[1100], replay_dir[1100], replay_path[1300];
    AppReplay *rec; /* NULL: no replay is recorded */
    unsigned long saved_changes;
    double saved_at;
    int writer;             /* the pid of the process writing the last save, 0 none */
    struct AppTeach *teach; /* the story cards (NULL: the scenario has no classroom notes) */
    char no_cards[512];     /* why there are none */
    int turn;               /* the month being played (month_begin) */
    double month_t0;
    char web[4096];
} AppHostRoom;

/* Opens the room and the server over game g (its seats: the actors with a queued strategy),
 * makes the stand-ins and the cards, puts a loaded save's room back (c->loaded), begins or
 * resumes the replay and saves the game once. log: the server's and the room's lines; out: what
 * it says (the saves' folder, a loaded room). 0, or -1 said on errout (then app_host_room_close
 * still frees what was made). */
int app_host_room_open(AppHostRoom *h, AppGame *g, const AppHostConf *c, FILE *log, FILE *out,
                       FILE *errout);
/* Waits for the last save to be written and frees everything but the game. */
void app_host_room_close(AppHostRoom *h);

/* Before the month's step: the turn recorded in the replay, the stand-ins swapped in for the
 * seats nobody holds (each said on out when out is not NULL). */
void app_host_room_month_begin(AppHostRoom *h, FILE *out, FILE *errout);
/* After it: the stand-ins out (their moves recorded), the replay and the autosave written, the
 * next month's timer, every seated desk pushed, the month's story cards offered. Returns how many
 * cards the month added. */
int app_host_room_month_end(AppHostRoom *h, FILE *errout);
/* Between months, after each service of the server: the month in progress saved if it changed
 * and HOST_SAVE_EVERY has passed, what changed sent to the teacher's and every card's screen. */
void app_host_room_poll(AppHostRoom *h, FILE *errout);

/* The addresses students can open: with a bind address, that one; else every IPv4 address of
 * the machine's interfaces, loopback last. url[k] (160 bytes each) and where[k] (the interface,
 * 32 bytes each); returns how many (at most cap). *qr: the one a QR code should carry (the first
 * that is not loopback, else the first). */
int app_host_room_urls(const char *bind, int port, char (*url)[160], char (*where)[32], int cap,
                       int *qr);

#endif
