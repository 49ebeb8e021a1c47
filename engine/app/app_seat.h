/* app_seat: who decides for each role: a native strategy, the role's playbook script, or any
 * Lua file.
 *
 * A choice is "history", "baseline", "passive", "playbook" (the Lua script the scenario names
 * for the role: app_seat_playbook) or a path ending in ".lua". A role without a playbook plays
 * "baseline" when every role is asked to play its playbook, with a note naming it. app_seat_make
 * reads and compiles a script (app/ reads files; script/ never does) and hands the strategy over;
 * the caller (or the world it gives it to) destroys it. app_seat_world applies a list of
 * ROLE=CHOICE to every role of a world, history by default. */
#ifndef APP_SEAT_H
#define APP_SEAT_H

#include "app_cli.h"
#include "app_path.h" /* app_scripts_dir: once declared here */
#include "sim_world.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The playbook of role i of sc: its path in buf and buf returned, or NULL when the scenario names
 * none for the role. A playbook is looked for in the folder the scenario declares ("playbooks"),
 * else beside the scenario file (scenario_path; NULL: its loaded folder), then in
 * app_scripts_dir(). The one place that knows where a role's playbook
 * comes from. */
const char *app_seat_playbook(const SimScenario *sc, int i, const char *scenario_path, char *buf,
                              size_t bufsz);

/* Makes the strategy `choice` for actor i of w (scenario_path: the file w was loaded from, for
 * its playbooks; may be NULL). 0, or -1 with err ("file:LINE: what" for a script that does not
 * compile). */
int app_seat_make(const SimWorld *w, int i, const char *choice, const char *scenario_path,
                  SimStrategy *out, char *err, size_t errsz);

/* The choice for each role of w (choice[] has w->n <= 64 slots, pointing into choices or
 * fallback or static storage): `fallback` for all ("history" if NULL), then each --strategy
 * choice in order. A role asked to play "playbook" (by the fallback or ROLE "all") that has none
 * plays "baseline" instead, and its bit (1 << i) is set in *no_book (may be NULL); asked by its
 * own name, it is an error. 0, or -1 with err naming the flag at fault. */
int app_seat_resolve(const SimWorld *w, const AppStrategyChoice *choices, int n,
                     const char *fallback, const char **choice, uint64_t *no_book, char *err,
                     size_t errsz);

/* The note that the roles in no_book (bits as app_seat_resolve sets them) play baseline, one
 * line to `to`; nothing if no_book is 0 or to is NULL. */
void app_seat_note(FILE *to, const SimScenario *sc, uint64_t no_book);

/* Seats every role of w: `fallback` for all ("history" if NULL), then each --strategy choice in
 * order; the note of roles without a playbook goes to `notes` (may be NULL). 0, or -1 with err
 * naming the flag at fault. */
int app_seat_world(SimWorld *w, const char *scenario_path, const AppStrategyChoice *choices, int n,
                   const char *fallback, FILE *notes, char *err, size_t errsz);

/* Compiles the Lua strategy `text` (len bytes, named path in messages) for actor i of w, as
 * scr_strategy_create does. Every Lua strategy of the program is made here, whether its text
 * comes from a file (app_seat_make), a save, a replay or a batch's plan: the first call names
 * scripts/lib (the folder beside app_scripts_dir(), the modules a script may require) to the
 * script layer, once per process and safe from any thread, so a script's require finds the same
 * modules however it was loaded. 0, or -1 with err. */
int app_seat_script(const char *path, const char *text, size_t len, const SimWorld *w, int i,
                    SimStrategy *out, char *err, size_t errsz);

#endif
