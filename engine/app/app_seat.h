/* app_seat: who decides for each role: a native strategy, the role's playbook script, or any
 * Lua file.
 *
 * A choice is "history", "baseline", "passive", "playbook" (the Lua script the scenario names
 * for the role, found in the scenario's folder of playbooks or scripts/strategies/) or a path
 * ending in ".lua". app_seat_make reads and compiles a script (app/ reads files; script/ never
 * does) and hands the strategy over; the caller (or the world it gives it to) destroys it.
 * app_seat_world applies a list of ROLE=CHOICE to every role of a world, history by default. */
#ifndef APP_SEAT_H
#define APP_SEAT_H

#include "app_cli.h"
#include "sim_world.h"

#include <stddef.h>

/* The folder of the default playbooks: $CLOSEDLOOP_SCRIPTS if set, else scripts/strategies under
 * the working folder if it exists, else under the source tree. Static storage. */
const char *app_scripts_dir(void);

/* Where the playbook of actor i of sc is: in the folder the scenario declares ("playbooks",
 * relative to the scenario file), else in app_scripts_dir(). Writes the path into buf and
 * returns it; NULL (buf untouched) if the actor names no playbook. */
const char *app_seat_playbook_path(const SimScenario *sc, int i, char *buf, size_t bufsz);

/* Makes the strategy `choice` for actor i of w. 0, or -1 with err ("file:LINE: what" for a
 * script that does not compile). */
int app_seat_make(const SimWorld *w, int i, const char *choice, SimStrategy *out, char *err,
                  size_t errsz);

/* The choice for each role of w (choice[] has w->n <= 64 slots, pointing into choices or
 * fallback): `fallback` for all ("history" if NULL), then each --strategy choice in order. 0, or
 * -1 with err naming the flag at fault. */
int app_seat_resolve(const SimWorld *w, const AppStrategyChoice *choices, int n,
                     const char *fallback, const char **choice, char *err, size_t errsz);

/* Seats every role of w: `fallback` for all ("history" if NULL), then each --strategy choice in
 * order. 0, or -1 with err naming the flag at fault. */
int app_seat_world(SimWorld *w, const AppStrategyChoice *choices, int n, const char *fallback,
                   char *err, size_t errsz);

#endif
