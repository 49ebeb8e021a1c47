/* app_host_int: what app_host_room.c (the host object) and app_host_keep.c (autosaves, --load,
 * the replay, the stand-ins of empty seats) share. Private to the host. */
#ifndef APP_HOST_INT_H
#define APP_HOST_INT_H

#include "app_host_room.h"

#include <stdio.h>

/* Each seat's stand-in, made and initialised once. 0, or -1 (said on errout). */
int app_host_make_stand_ins(AppHostRoom *h, FILE *errout);
/* Swaps the stand-ins in for the seats nobody holds (saying so on out, if not NULL), and back
 * after the month (recording what they decided in the replay). */
void app_host_stand_ins_in(AppHostRoom *h, FILE *out);
void app_host_stand_ins_out(AppHostRoom *h, int turn, FILE *errout);
void app_host_stand_ins_free(AppHostRoom *h);

/* Sets up what is kept under dir: the folders, the game's number, the room of a loaded save put
 * back (with its cards), the replay begun (turn 0) or resumed (a loaded game: from its replay
 * file, or none, said on out). 0, or -1 (said on errout). */
int app_host_keep_begin(AppHostRoom *h, const char *dir, const char *loaded, FILE *out,
                        FILE *errout);
/* Saves the game and its room as they stand now (DIR/autosave, named by game and month): a child
 * process writes the file while the loop goes on. 0 or -1 (said). */
int app_host_autosave(AppHostRoom *h, FILE *errout);
/* Waits for the last save to be on disk (before the host exits). */
void app_host_keep_end(AppHostRoom *h);
/* After a month: the replay so far, then the autosave. */
void app_host_keep_month(AppHostRoom *h, FILE *errout);
/* In the loop: saves the month in progress if it changed and HOST_SAVE_EVERY has passed. */
void app_host_keep_poll(AppHostRoom *h, double now, FILE *errout);

#endif
