/* app_batch_cmd: what the commands for many games share (batch, tournament, sensitivity): their
 * common options as entries of an option table (app_opt), the seats of a variant from the
 * --strategy list, the lost turns of a strategy; and the `batch` command itself, which writes
 * one row per run as CSV or JSON lines.
 *
 * A command's option context starts with an AppBatchArgs (its first member), so that the shared
 * readers below take the context as one. The plan inside is the command's to free
 * (app_batch_plan_free); the texts point into argv. */
#ifndef APP_BATCH_CMD_H
#define APP_BATCH_CMD_H

#include "app_batch.h"
#include "app_cli.h"
#include "app_opt.h"

#include <stddef.h>
#include <stdio.h>

typedef struct {
    AppBatchPlan plan;
    const char *scenario;                            /* --scenario, or NULL: the default */
    const char *out;                                 /* --out, or NULL */
    AppStrategyChoice seats[APP_MAX_STRATEGIES + 1]; /* --strategy, in order (+1: a spare) */
    int n_seats;
} AppBatchArgs;

/* Readers of the shared options (AppOptRead; ctx is an AppBatchArgs). */
int app_batch_read_runs(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz);
int app_batch_read_seed(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz);
int app_batch_read_threads(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz);
int app_batch_read_strategy(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz);
int app_batch_read_shard(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz);

/* The shared options, as entries of a command's table; `flags` adds APP_OPT_* bits. */
#define APP_BATCH_OPT_SCENARIO(flags)                                                              \
    {                                                                                              \
        "--scenario", NULL, "cli.arg.file", NULL, APP_OPT_FILE, offsetof(AppBatchArgs, scenario),  \
            NULL, (flags), 0                                                                       \
    }
#define APP_BATCH_OPT_RUNS                                                                         \
    {                                                                                              \
        "--runs", NULL, "cli.arg.n", NULL, APP_OPT_CALL, 0, app_batch_read_runs, 0, 0              \
    }
#define APP_BATCH_OPT_SEED(arg, flags)                                                             \
    {                                                                                              \
        "--seed", NULL, (arg), NULL, APP_OPT_CALL, 0, app_batch_read_seed, (flags), 0              \
    }
#define APP_BATCH_OPT_STRATEGY(flags)                                                              \
    {                                                                                              \
        "--strategy", NULL, "cli.arg.role_name", NULL, APP_OPT_CALL, 0, app_batch_read_strategy,   \
            APP_OPT_REPEAT | (flags), 0                                                            \
    }
#define APP_BATCH_OPT_THREADS(arg)                                                                 \
    {                                                                                              \
        "--threads", NULL, (arg), NULL, APP_OPT_CALL, 0, app_batch_read_threads, 0, 0              \
    }
#define APP_BATCH_OPT_OUT(arg)                                                                     \
    {                                                                                              \
        "--out", NULL, (arg), NULL, APP_OPT_FILE, offsetof(AppBatchArgs, out), NULL, 0, 0          \
    }
#define APP_BATCH_OPT_BOOK_CHECKS                                                                  \
    {                                                                                              \
        "--book-checks", NULL, NULL, NULL, APP_OPT_SWITCH,                                         \
            offsetof(AppBatchArgs, plan.check_books), NULL, 0, 0                                   \
    }
#define APP_BATCH_OPT_QUIET                                                                        \
    {                                                                                              \
        "--quiet", "-q", NULL, NULL, APP_OPT_SWITCH, offsetof(AppBatchArgs, plan.progress), NULL,  \
            APP_OPT_OFF, 0                                                                         \
    }
#define APP_BATCH_OPT_ALLOW_FAILURES(flags)                                                        \
    {                                                                                              \
        "--allow-failures", NULL, NULL, NULL, APP_OPT_SWITCH,                                      \
            offsetof(AppBatchArgs, plan.allow_failures), NULL, (flags), 0                          \
    }

/* Clears a command's option context of `size` bytes, which starts with an AppBatchArgs: an empty
 * plan (app_batch_plan_init) of 100 runs, no options yet. Returns the plan. */
AppBatchPlan *app_batch_args_init(void *ctx, size_t size);

/* Adds a variant to a's plan: every role plays `fallback`, then a's seats in order, then
 * `role`=`choice` if role is not NULL (a tournament's entrant). app_batch_add_variant's result. */
int app_batch_args_variant(AppBatchArgs *a, const char *fallback, const char *role,
                           const char *choice, char *err, size_t errsz);

/* The seed given, else the scenario's own (after app_batch_load_scenario). */
void app_batch_args_seed(AppBatchArgs *a);

/* What one role's strategy lost over the runs of a plan (or one entrant's, in a tournament). */
typedef struct {
    long long turns;   /* turns lost, in all */
    long long runs;    /* runs in which it lost at least one turn */
    long long retired; /* runs in which it was retired to passive */
} AppBatchLost;

/* Adds run r's lost turns to lost[0..n-1] (one per role). */
void app_batch_lost_add(AppBatchLost *lost, int n, const AppBatchResult *r);

/* Warns on f, one line per role (but `skip`, or -1) whose strategy in `variant` lost turns:
 * "warning: nvidia (loop.lua) lost 60 turns in 20 of 20 runs and was retired to passive in 20".
 * Returns 1 if it warned of any. */
int app_batch_lost_warn(FILE *f, const AppBatchPlan *p, int variant, const AppBatchLost *lost,
                        long long runs, int skip);

/* The text after key in line (a batch file's first line, read by merge and sensitivity) up to
 * the first byte of stops, into out: 0, or -1 if key is not there or the text is empty or does
 * not fit. */
int app_batch_meta_token(const char *line, const char *key, const char *stops, char *out,
                         size_t outsz);

/* `closedloop batch ...` (argv[1] is "batch"): the process exit status. */
int app_batch_main(int argc, char **argv, FILE *out, FILE *errout);

#endif
