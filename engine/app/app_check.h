/* app_check: the `check` command: load one Lua strategy in the sandbox, seat it in a role, play a
 * few turns against the other roles' strategies, and report what a strategy author needs: load
 * and run errors with script:line, the intents it made and those dropped, the budget and memory
 * it used against its limits.
 *
 * Returns the exit status (0 clean; 1 the script lost a turn or had intents dropped; 2 it does
 * not load, or bad input) and prints the report to `out`, fatal errors to `errout`. */
#ifndef APP_CHECK_H
#define APP_CHECK_H

#include "app_cli.h"

#include <stdio.h>

int app_check(const AppOptions *o, FILE *out, FILE *errout);

#endif
