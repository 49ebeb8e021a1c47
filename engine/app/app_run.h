/* app_run: the `run` command: load a scenario, seat a strategy in every role, play headless,
 * tell the story, print the final table, write the JSON history.
 *
 * Returns the process exit status (0 played, 1 engine failure, 2 bad input) and prints its own
 * messages: the story to `out`, errors to `errout`. */
#ifndef APP_RUN_H
#define APP_RUN_H

#include "app_cli.h"
#include "app_path.h" /* app_default_scenario, app_data_path: once declared here */

#include <stdio.h>

int app_run(const AppOptions *o, FILE *out, FILE *errout);

/* Loads the scenario of o (--scenario, or the default) and makes a world with o's seed (or the
 * scenario's), no strategies seated yet. NULL with the message printed to errout and *status
 * set to the exit status (2 bad file, 1 engine failure). The caller destroys the world. */
struct SimWorld *app_open_world(const AppOptions *o, FILE *errout, int *status);

#endif
