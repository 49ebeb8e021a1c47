/* app_worlds: this game among others like it, for the debrief's histogram.
 *
 * The game's seats are played again over UI_DEBRIEF_WORLDS other seeds, each world from the
 * scenario as written (the game's own text: a teacher's levers are not replayed), to the end of
 * its calendar; what the debrief draws is the month the hub defaulted in each (ui_debrief.h).
 * A role a person played is replayed by its playbook (baseline when it has none), and the
 * debrief says so. World k plays with seed app_batch_seed(game seed, k), k = 0..99: the runs of
 * `closedloop batch --seed GAME_SEED --runs 100` with the same seats (docs/cli.md), so a class
 * can reproduce any world with `closedloop run --seed`.
 *
 * app_worlds_run plays them on the calling thread (the headless debrief, `play --png`);
 * app_worlds_start on background threads (SDL threads, each world on its own copy of nothing
 * shared but the read-only plan), so the window's frames never wait. Each world's result goes to
 * its own slot: the results are the same whatever the threads and their timing.
 *
 * Ownership: an AppWorlds owns its plan (the scenario parsed from the game's text, the scripts
 * read once) and its threads; app_worlds_free stops the threads (the worlds in flight finish,
 * the rest are left) and frees it all. */
#ifndef APP_WORLDS_H
#define APP_WORLDS_H

#include "app_save.h"
#include "ui_debrief.h"

#include <stddef.h>
#include <stdint.h>

typedef struct AppWorlds AppWorlds;

/* The seed of world k of a game seeded game_seed (app_batch_seed). */
uint64_t app_worlds_seed(uint64_t game_seed, int k);

/* The worlds of game g: n of them (1..UI_DEBRIEF_WORLDS), none played yet. NULL with err (a
 * scenario or script that no longer reads). */
AppWorlds *app_worlds_new(const AppGame *g, int n, char *err, size_t errsz);

/* Plays every world not played yet, on the calling thread. */
void app_worlds_run(AppWorlds *a);

/* Starts `threads` background threads (at least 1) that play the worlds; after each world,
 * when wake is not 0, an SDL event of that type is pushed (it wakes the window's loop). 0, or
 * -1 if no thread started (then app_worlds_run still works). */
int app_worlds_start(AppWorlds *a, int threads, uint32_t wake);

/* Worlds played so far (from any thread). */
int app_worlds_done(const AppWorlds *a);

/* What the debrief draws: total and done always, the months once all are played. */
void app_worlds_fill(const AppWorlds *a, UiDebriefWorlds *out);

/* Stops and joins the threads, frees everything. NULL: nothing. */
void app_worlds_free(AppWorlds *a);

#endif
