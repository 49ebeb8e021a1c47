/* app_sens: `closedloop sensitivity`: which parameters of the scenario move an outcome, and how
 * much. Screens the ranges the scenario declares (its "sensitivity" array) and those given with
 * --param, by Morris elementary effects or Sobol indices (core_sens), each point of the design
 * played on S seeds (the same seeds at every point) through the batch engine (app_batch: all
 * cores, the same bytes whatever the thread count). Prints a ranked table, writes CSV, a tornado
 * chart (app_sens_chart) and the evaluations (--runs-csv), which shard (--shard I/N) and merge
 * (closedloop merge, or --from A.csv,B.csv) back into the same table. docs/sensitivity.md. */
#ifndef APP_SENS_H
#define APP_SENS_H

#include <stdio.h>

/* `closedloop sensitivity ...` (argv[1] is "sensitivity"): the process exit status (0 done, 1 a
 * run or a write failed, 2 bad input, 130 interrupted). */
int app_sens_main(int argc, char **argv, FILE *out, FILE *errout);

#endif
