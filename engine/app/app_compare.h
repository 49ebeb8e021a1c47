/* app_compare: the game with and without the teacher's lever changes, side by side.
 *
 * When the teacher moves a lever, the window first keeps a copy of the game as it stands
 * (app_compare_begin: app_game_copy, every seat rebuilt as a load rebuilds it, Lua seats with
 * their view.memory and random streams), then changes the lever in the real game only. Before
 * each month the real game plays, app_compare_step plays the same month of the copy: the
 * people's moves queued for the real game are copied to the copy's people's seats (an answer to
 * an offer the copy does not hold with the same parties and kind is left out), and every other
 * seat plays its own strategy there. So the copy is the same seed, seats and inputs without the
 * change: the "unchanged" game the lever panel draws faint beside the real one. The two worlds
 * share nothing, so the real game's bytes do not depend on whether a comparison runs.
 *
 * One comparison at a time: the changes of the month it began in (several presses of a lever,
 * several levers) all count as "the change"; a lever moved in a later month starts a new
 * comparison from there (app_compare_wants_new). A save does not carry the copy; a loaded game
 * gets its comparison back by replay (app_compare_rebuild) where that is the same game.
 *
 * Ownership: app_compare_begin returns a comparison the caller frees with app_compare_free;
 * the copy is its own. */
#ifndef APP_COMPARE_H
#define APP_COMPARE_H

#include "app_save.h"
#include "sim_world.h"

#include <stddef.h>

typedef struct AppCompare {
    AppGame *base;  /* the unchanged game */
    int from;       /* the turn (months played) when the change was made */
    int stopped;    /* the unchanged game ended or failed: it stays where it stopped */
    double step_ms; /* the time its last month took to play */
} AppCompare;

/* Copies g as it stands, before a change. NULL with err. */
AppCompare *app_compare_begin(const AppGame *g, char *err, size_t errsz);

/* Whether a lever moved now in `real` starts a new comparison (none yet, or the one in hand
 * began in an earlier month). */
int app_compare_wants_new(const AppCompare *c, const SimWorld *real);

/* Before `real` plays its month: plays the same month of the unchanged game with the people's
 * queued moves of `real`. 0 (also when it has stopped), or -1 with err (it then stops). */
int app_compare_step(AppCompare *c, const SimWorld *real, char *err, size_t errsz);

/* The unchanged world (its turn may lag the real one's by the month being played). */
const SimWorld *app_compare_world(const AppCompare *c);

/* The difference in outcome between real and the unchanged game, said in one sentence in the
 * reader's language (lever.compare.*): the month the hub defaults in either, else its market
 * value in both and the firms failed in each. Returns the length written. */
size_t app_compare_sentence(const AppCompare *c, const SimWorld *real, char *buf, size_t n);

/* The comparison of a loaded game (g at its turn T), rebuilt by replay: the month m of its last
 * lever changes is found in its record, a new game is made from g's scenario, seed and seats
 * (every seat's strategy started again from its first month) and played to m with the lever
 * changes before m as recorded; it must then be the loaded game as it stood at m (every actor's
 * snapshot of every month the same), or there is nothing to rebuild; it plays on to T without
 * the changes of m. NULL with err "" when g has no lever change; NULL with err saying why when it
 * cannot be rebuilt (a seat played by a person, whose moves a save does not keep; a game that
 * was not played straight from its start with these seats). */
AppCompare *app_compare_rebuild(const AppGame *g, char *err, size_t errsz);

void app_compare_free(AppCompare *c);

#endif
