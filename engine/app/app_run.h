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

/* Loads the scenario of o (--scenario, or the default) and makes a world with o's seed (or the
 * scenario's), no strategies seated yet. NULL with the message printed to errout and *status
 * set to the exit status (2 bad file, 1 engine failure). The caller destroys the world. */
struct SimWorld *app_open_world(const AppOptions *o, FILE *errout, int *status);

/* The default scenario's path: $CLOSEDLOOP_DATA/scenarios/closed-loop-2025.json if set, else
 * assets/scenarios/... under the working folder, else under the source tree it was built from. */
const char *app_default_scenario(void);
/* Where a file or folder of the data is, rel being its path under assets/ ("lang/zh"):
 * $CLOSEDLOOP_DATA/rel if that is set, else assets/rel under the working folder if it exists,
 * else under the source tree the program was built from. Writes into buf, returns it. */
const char *app_data_path(const char *rel, char *buf, size_t bufsz);

#endif
