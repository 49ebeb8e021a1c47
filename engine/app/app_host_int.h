/* app_host_int: what app_host.c (options, the room, the loop) and app_host_keep.c (autosaves,
 * --load, the replay, the stand-ins of empty seats) share. Private to the host command. */
#ifndef APP_HOST_INT_H
#define APP_HOST_INT_H

#include "app_replay.h"
#include "app_save.h"
#include "net_game.h"

#include <stdio.h>

/* Seconds between saves of a month in progress that has changed (a seat taken, an intent
 * queued, a lever moved); every month played is saved at once. */
#define HOST_SAVE_EVERY 2.0

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

typedef struct {
    AppGame *game;
    NetGame *room;
    NetServer *srv;
    HostStandIn stand_in[NET_ROOM_SEATS];
    /* What is kept: DIR/autosave/SCENARIO-gameN-YYYY-MM.json, DIR/replays/... */
    char auto_dir[1100], replay_dir[1100], replay_path[1300];
    AppReplay *rec; /* NULL: no replay is recorded */
    unsigned long saved_changes;
    double saved_at;
    int writer;             /* the pid of the process writing the last save, 0 none */
    struct AppTeach *teach; /* the story cards (NULL: the scenario has no classroom notes) */
} Host;

/* Each seat's stand-in, made and initialised once. 0, or -1 (said on errout). */
int app_host_make_stand_ins(Host *h, FILE *errout);
/* Swaps the stand-ins in for the seats nobody holds (saying so on out), and back after the
 * month (recording what they decided in the replay). */
void app_host_stand_ins_in(Host *h, FILE *out);
void app_host_stand_ins_out(Host *h, int turn, FILE *errout);
void app_host_stand_ins_free(Host *h);

/* Sets up what is kept under dir: the folders, the game's number, the room of a loaded save put
 * back, the replay begun (turn 0) or resumed (a loaded game: from its replay file, or none, said
 * on out). 0, or -1 (said on errout). */
int app_host_keep_begin(Host *h, const char *dir, const char *loaded, FILE *out, FILE *errout);
/* Saves the game and its room as they stand now (DIR/autosave, named by game and month): a child
 * process writes the file while the loop goes on. 0 or -1 (said). */
int app_host_autosave(Host *h, FILE *errout);
/* Waits for the last save to be on disk (before the host exits). */
void app_host_keep_end(Host *h);
/* After a month: the replay so far, then the autosave. */
void app_host_keep_month(Host *h, FILE *errout);
/* In the loop: saves the month in progress if it changed and HOST_SAVE_EVERY has passed. */
void app_host_keep_poll(Host *h, double now, FILE *errout);

#endif
