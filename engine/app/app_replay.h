/* app_replay: recording a game as a replay, and the `replay` command that plays one back.
 *
 * Recording: app_replay_begin notes the scenario, the seed, the seats and each Lua script's path
 * and hash; app_replay_record_turn, called before every sim_turn_step, copies the intents queued
 * for each human seat; app_replay_finish writes the file with the final state's hash. The window
 * records the same way.
 *
 * Playing back (app_replay_play): the world is made again from the embedded scenario and the
 * seed, every seat again from its choice (a Lua seat from the script at its recorded path, whose
 * hash must match), the human inputs are queued turn by turn, and the final hash is compared.
 * Exit status: 0 the same end; 1 a different end (the message says where it was recorded and by
 * which version); 2 it cannot be played (a bad file, another version, a script changed or gone:
 * which one).
 *
 * Ownership: app_replay_begin returns a recorder the caller frees with app_replay_free. */
#ifndef APP_REPLAY_H
#define APP_REPLAY_H

#include "app_save.h"
#include "sim_world.h"

#include <stddef.h>
#include <stdio.h>

typedef struct AppReplay AppReplay;

/* Starts recording game g (at turn 0). NULL with err. */
AppReplay *app_replay_begin(const AppGame *g, char *err, size_t errsz);
/* Before each step: records the intents queued for human seats. 0 or -1 with err. */
int app_replay_record_turn(AppReplay *r, const SimWorld *w, char *err, size_t errsz);
/* Writes the replay of w (as played so far) to path, atomically. 0 or -1 with err. */
int app_replay_finish(AppReplay *r, const SimWorld *w, const char *path, char *err, size_t errsz);
void app_replay_free(AppReplay *r);

/* The `replay` command: returns the exit status and prints its verdict. */
int app_replay_play(const char *path, FILE *out, FILE *errout);

/* Records intents actor played at turn (a strategy standing in for an empty seat of a hosted
 * game: the replay plays them as that seat's input). Call after the step, in turn order. 0 or -1
 * with err. */
int app_replay_record_intents(AppReplay *r, int turn, int actor, const SimIntentList *l, char *err,
                              size_t errsz);
/* Writes the replay of the game as played so far (a game still going ends there on the turn
 * limit, as the window's replays do): replayed, it reaches w as it stands. 0 or -1 with err. */
int app_replay_write_so_far(AppReplay *r, SimWorld *w, const char *path, char *err, size_t errsz);
/* Goes on recording game g (loaded mid-game) from the replay file at path that recorded it up to
 * g's turn or later: what it holds from g's turn on is dropped. NULL with err if the file does
 * not read, is of another scenario or seed, or stops before g's turn. */
AppReplay *app_replay_resume(const AppGame *g, const char *path, char *err, size_t errsz);

#endif
