/* app_run: the `run` command: load a scenario, seat a strategy in every role, play headless,
 * tell the story, print the final table, write the JSON history.
 *
 * Returns the process exit status (0 played, 1 engine failure, 2 bad input) and prints its own
 * messages: the story to `out`, errors to `errout`. */
#ifndef APP_RUN_H
#define APP_RUN_H

#include "app_cli.h"

#include <stdio.h>

int app_run(const AppOptions *o, FILE *out, FILE *errout);

/* The default scenario's path: $CLOSEDLOOP_DATA/scenarios/closed-loop-2025.json if set, else
 * assets/scenarios/... under the working folder, else under the source tree it was built from. */
const char *app_default_scenario(void);

#endif
