/* app_batch: many games at once: Monte Carlo runs, parameter sweeps and the engine under the
 * `batch` and `tournament` commands.
 *
 * A plan (AppBatchPlan) holds what every run shares, read once: the scenario (parsed from its
 * text once), the texts of the Lua scripts (compiled per world, never read again), the seats of
 * each variant (a tournament's entrants; a batch has one), the swept parameters, the number of
 * runs per point, the base seed, the threads and the shard. Run r of a plan is
 *     variant v = r / (points * runs), point p = (r / runs) % points, replicate k = r % runs,
 * and plays with seed app_batch_seed(base, k): every point and every variant of a plan plays the
 * same seeds (common random numbers, so that a difference between two points or two strategies
 * is not the luck of the draw). The seed in a row is the one `closedloop run --seed` takes.
 *
 * app_batch_execute plays the plan's runs (those of its shard) on `threads` threads, each with
 * its own worlds and Lua states, and hands every result to a sink on the calling thread in run
 * order, whatever the thread count: the output is the same bytes with 1 thread or 16. SIGINT
 * stops it cleanly: the runs in flight finish, the results up to the first missing one reach the
 * sink, and it returns APP_BATCH_INTERRUPTED.
 *
 * The sweepable parameters (docs/scaling.md lists them) are scenario fields named by their JSON
 * path: market.NAME (a number of the scenario's "market" object) and actors.ID.NAME (a number of
 * the actor with that id). The plan owns everything it holds; app_batch_plan_free frees it.
 *
 * Built in app_batch.c (the plan), played in app_batch_run.c (one run, the threads); the batch
 * commands' shared options and the `batch` command are app_batch_cmd. */
#ifndef APP_BATCH_H
#define APP_BATCH_H

#include "sim_scenario.h"
#include "sim_world.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define APP_BATCH_MAX_VARY     8  /* --vary flags of one batch (a grid grows fast) */
#define APP_BATCH_MAX_PARAMS   64 /* parameters a plan sets per run (a design's columns) */
#define APP_BATCH_MAX_VARIANTS 32
#define APP_BATCH_MAX_ACTORS   64
#define APP_BATCH_MAX_SCRIPTS  (APP_BATCH_MAX_VARIANTS + APP_BATCH_MAX_ACTORS)
#define APP_BATCH_MAX_RUNS     100000000LL

/* Exit statuses of the batch commands (as the rest of the binary: 2 bad input, 1 failure). 3: a
 * strategy lost turns (its results are not what the script meant), unless --allow-failures. */
#define APP_BATCH_EXIT_STRATEGY_FAILED 3
#define APP_BATCH_EXIT_INTERRUPTED     130

/* One swept parameter: values from, from + step, ... up to `to` (count of them). */
typedef struct {
    char name[96]; /* as the user wrote it: market.jump_payee, actors.openai.revenue_growth */
    int field;     /* index in the table of sweepable fields */
    int actor;     /* the actor of an actors.* parameter, else -1 */
    double from, to, step;
    int count;
} AppBatchVary;

typedef struct {
    char *path; /* as given (or the playbook's path) */
    char *text;
    size_t len;
} AppBatchScript;

typedef struct {
    SimScenario *sc;                                                 /* the scenario, parsed once */
    char *scenario_path;                                             /* as given */
    uint64_t scenario_hash;                                          /* FNV-1a of its text */
    const char *seat[APP_BATCH_MAX_VARIANTS][APP_BATCH_MAX_ACTORS];  /* choice per role; point
                                                          into scripts[] paths or static names */
    int script_of[APP_BATCH_MAX_VARIANTS][APP_BATCH_MAX_ACTORS];     /* index in scripts, or -1 */
    const char *label[APP_BATCH_MAX_VARIANTS][APP_BATCH_MAX_ACTORS]; /* the choice as the user
                                                         wrote it (playbook, a path): not owned */
    int n_variants;
    uint64_t no_playbook[APP_BATCH_MAX_VARIANTS]; /* per variant, bit i: role i was asked for a
                                                     playbook it has not and plays baseline */
    AppBatchScript scripts[APP_BATCH_MAX_SCRIPTS];
    int n_scripts;
    AppBatchVary vary[APP_BATCH_MAX_PARAMS];
    int n_vary;
    /* A design instead of a grid (closedloop sensitivity): design_points rows of n_vary values,
     * row-major; point p sets vary[j] to design[p * n_vary + j]. NULL: the grid of the sweeps.
     * Not owned. */
    const double *design;
    long long design_points;
    long long points; /* product of the vary counts (1 without --vary), or design_points */
    long long runs;   /* replicates per point and variant */
    long long total;  /* n_variants * points * runs */
    uint64_t seed;    /* base seed */
    int has_seed;     /* --seed given (else the scenario's own seed) */
    int threads;
    int shard_i, shard_n; /* this process plays the runs r with r % shard_n == shard_i */
    int check_books;
    int progress;       /* 1: a progress bar on stderr (only if it is a terminal) */
    int allow_failures; /* --allow-failures: strategies that lost turns do not fail the command */
    int gain; /* --gain: each run also plays every role's seat with passive (the others as they
                 are, the same seed) to measure each role's gain over passive */
} AppBatchPlan;

/* The outcome of one run. */
typedef struct {
    long long run; /* index in the whole plan */
    int variant;
    long long point, rep;
    uint64_t seed;
    double values[APP_BATCH_MAX_PARAMS]; /* the swept parameters' values */
    int failed;                          /* the engine failed (error says why) */
    char error[200];
    SimEndReason end;
    int turns;         /* turns played */
    int collapse_turn; /* the turn the hub defaulted (1-based count of turns played), or 0 */
    int defaults;      /* actors that defaulted */
    double peak_circularity;
    double peak_leverage;
    double value_created;   /* $B: the sum of the market value gains, start to end */
    double value_destroyed; /* $B: the sum of the losses, as a positive figure */
    double announced;       /* $B of market value added on announcement days */
    double scores[APP_BATCH_MAX_ACTORS];
    int lost[APP_BATCH_MAX_ACTORS];    /* turns each role's strategy lost (an error, a bad return,
                                          over its time or memory budget) */
    int retired[APP_BATCH_MAX_ACTORS]; /* the month (1-based) each role's strategy was retired to
                                          passive after failing turns in a row, or 0 */
    double value_change[APP_BATCH_MAX_ACTORS]; /* $B: market value at the end less at the start */
    double peak_circ[APP_BATCH_MAX_ACTORS];    /* the highest circularity of each, any month */
    double
        peak_exposure[APP_BATCH_MAX_ACTORS]; /* $B: the highest exposure to all others, any month */
    int horizon;                             /* months in the scenario's calendar */
    double gain[APP_BATCH_MAX_ACTORS];       /* with plan.gain: each role's score less what passive
                                                scored in its seat (0 where the seat is passive) */
} AppBatchResult;

/* Called in run order on the thread of app_batch_execute. Non-zero stops the batch. */
typedef int (*AppBatchSink)(void *ctx, const AppBatchResult *r);

enum { APP_BATCH_DONE = 0, APP_BATCH_INTERRUPTED = 1, APP_BATCH_SINK_FAILED = 2 };

/* The seed of replicate k of a batch with base seed `base` (splitmix64 of base + k). */
uint64_t app_batch_seed(uint64_t base, long long k);

/* An empty plan: no scenario yet, one thread, shard 0/1, no book checks, progress on. */
void app_batch_plan_init(AppBatchPlan *p);
void app_batch_plan_free(AppBatchPlan *p);

/* Reads and parses the scenario (NULL: the default one) into p. 0, or -1 with err. */
int app_batch_load_scenario(AppBatchPlan *p, const char *path, char *err, size_t errsz);

/* Adds a variant: every role plays `fallback`, then each ROLE=CHOICE of roles/choices (n of
 * them) in order ("all" for every role). Reads each script once. Returns the variant's index, or
 * -1 with err naming the bad choice or the unreadable file. */
int app_batch_add_variant(AppBatchPlan *p, const char *fallback, const char *const *roles,
                          const char *const *choices, int n, char *err, size_t errsz);

/* The note (app_seat_note) of the roles that play baseline in some variant for want of a
 * playbook, one line to `to`. */
void app_batch_note_playbooks(FILE *to, const AppBatchPlan *p);

/* Resolves a parameter name (sim_param) against sc: 0 with *field and *actor, or -1 with err
 * naming the flag, the name and what was expected (the valid names, or the scenario's actors). */
int app_batch_resolve_param(const SimScenario *sc, const char *scenario_path, const char *name,
                            const char *flag, int *field, int *actor, char *err, size_t errsz);

/* 0 if every value from lo to hi is one the scenario loader accepts for v's field, else -1
 * with err ("FLAG NAME: values from lo to hi leave the accepted range: ..."). */
int app_batch_check_range(const AppBatchVary *v, const char *flag, double lo, double hi, char *err,
                          size_t errsz);

/* Parses PARAM=FROM:TO:STEP into the plan's sweep. 0, or -1 with err naming what is wrong. */
int app_batch_add_vary(AppBatchPlan *p, const char *spec, char *err, size_t errsz);

/* Sets the counts (points, total) once variants, sweeps and runs are in; checks the total
 * against APP_BATCH_MAX_RUNS and the shard against it. 0 or -1 with err. */
int app_batch_plan_finish(AppBatchPlan *p, char *err, size_t errsz);

/* Compiles every script of the plan once on a throwaway world, so that a script that does not
 * load is reported before any run ("variant: role=path:LINE: what"). 0 or -1 with err. */
int app_batch_check_scripts(const AppBatchPlan *p, char *err, size_t errsz);
/* The same, saying which seat failed: variant *variant, actor *actor (both -1 when the world could
 * not be made) and err only the script's own message (path:LINE: what). 0 or -1. */
int app_batch_check_scripts_at(const AppBatchPlan *p, int *variant, int *actor, char *err,
                               size_t errsz);

/* Plays run r of the plan on scenario sc (the plan's own when no parameter varies: it is then
 * only read) into *res, on the calling thread: what each batch thread does for one run. Several
 * threads may call it at once on the same plan. */
void app_batch_play_run(const AppBatchPlan *p, SimScenario *sc, long long r, AppBatchResult *res);

/* How many runs this shard plays. */
long long app_batch_shard_count(const AppBatchPlan *p);

/* Plays the plan's runs of this shard. *done: results handed to the sink. Returns APP_BATCH_DONE,
 * APP_BATCH_INTERRUPTED (SIGINT) or APP_BATCH_SINK_FAILED, or -1 with err if the threads cannot
 * start. */
int app_batch_execute(const AppBatchPlan *p, AppBatchSink sink, void *ctx, long long *done,
                      char *err, size_t errsz);

/* A hash of everything that decides a plan's results (scenario text, scripts, seats, sweeps,
 * runs, seed, book checks; not threads or shard): the batch's identity in its files' headers. */
uint64_t app_batch_plan_hash(const AppBatchPlan *p);

/* The values of point `point`'s parameters (a row of the design, or the grid of the sweeps) into
 * values[0..n_vary-1]. */
void app_batch_point_values(const AppBatchPlan *p, long long point, double *values);

/* The progress bar on stderr, redrawn in place: "[####....] N of M runs, R runs/s, M:SS left". */
void app_batch_progress_bar(long long done, long long count, double elapsed);

/* Wall-clock time (monotonic) and the process's CPU time, in seconds, for the closing lines. */
double app_batch_now(void);
double app_batch_cpu(void);

#endif
