/* app_tournament: strategies against each other in one role, on the same seeds. */
#include "app_tournament.h"

#include "app_batch.h"
#include "core_err.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const AppBatchPlan *p;
    int role;
    double *score;   /* [variant * runs + rep] */
    char *collapsed; /* same layout */
    char *failed;
} Board;

static int collect(void *ctx, const AppBatchResult *r)
{
    Board *b = ctx;
    size_t k = (size_t)r->variant * (size_t)b->p->runs + (size_t)r->rep;
    b->score[k] = r->scores[b->role];
    b->collapsed[k] = r->collapse_turn > 0;
    b->failed[k] = (char)r->failed;
    if (r->failed)
        fprintf(stderr, "closedloop: run %lld (%s, seed %llu) failed: %s\n", r->run,
                b->p->label[r->variant][b->role], (unsigned long long)r->seed, r->error);
    return 0;
}

typedef struct {
    int variant;
    double mean, sd, collapse;
    long long wins, failed;
} Row;

static int by_rank(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    if (x->mean != y->mean)
        return x->mean > y->mean ? -1 : 1;
    if (x->wins != y->wins)
        return x->wins > y->wins ? -1 : 1;
    return x->variant - y->variant;
}

static void usage(FILE *f)
{
    fputs("Usage: closedloop tournament --role ROLE A.lua B.lua ... [--runs N] [--seed S]\n"
          "                             [--scenario FILE] [--strategy ROLE=NAME]...\n"
          "                             [--threads T] [--out BOARD.csv] [--quiet]\n"
          "Each strategy plays ROLE in N runs (default 100) on the same seeds against the same\n"
          "opponents (the other roles' playbooks); prints the leaderboard: mean score, spread\n"
          "(sd), collapse rate (the hub defaulted) and wins (best score of the entrants on a\n"
          "seed; ties count for each).\n",
          f);
}

int app_tournament_main(int argc, char **argv, FILE *out, FILE *errout)
{
    AppBatchPlan p;
    app_batch_plan_init(&p);
    p.runs = 100;
    char err[2560];
    const char *scenario = NULL, *out_path = NULL, *role = NULL;
    const char *entrants[APP_BATCH_MAX_VARIANTS];
    const char *roles[APP_BATCH_MAX_ACTORS + 1], *choices[APP_BATCH_MAX_ACTORS + 1];
    int n_entrants = 0, n_choices = 0, status = 2;
    Board b;
    memset(&b, 0, sizeof b);
    Row *rows = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int rc = app_batch_common_flag(&p, argc, argv, &i, &scenario, &out_path, err, sizeof err);
        if (rc < 0)
            goto fail;
        if (rc > 0)
            continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(out);
            return 0;
        } else if (strcmp(a, "--role") == 0 || strncmp(a, "--role=", 7) == 0) {
            role = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!role || !*role) {
                core_errf(err, sizeof err, "--role expects an actor id, for example nvidia");
                goto fail;
            }
        } else if (strcmp(a, "--strategy") == 0 || strncmp(a, "--strategy=", 11) == 0) {
            const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
            const char *eq = v ? strchr(v, '=') : NULL;
            if (!eq || eq == v || !eq[1]) {
                core_errf(err, sizeof err,
                          "--strategy expects ROLE=NAME (for example amd=baseline), got '%s'",
                          v ? v : "");
                goto fail;
            }
            if (n_choices == APP_BATCH_MAX_ACTORS) {
                core_errf(err, sizeof err, "too many --strategy flags (at most %d)",
                          APP_BATCH_MAX_ACTORS);
                goto fail;
            }
            ((char *)eq)[0] = '\0';
            roles[n_choices] = v;
            choices[n_choices++] = eq + 1;
        } else if (a[0] == '-') {
            core_errf(err, sizeof err,
                      "tournament: unknown option '%s' (see closedloop tournament --help)", a);
            goto fail;
        } else {
            if (n_entrants == APP_BATCH_MAX_VARIANTS) {
                core_errf(err, sizeof err, "too many strategies (at most %d)",
                          APP_BATCH_MAX_VARIANTS);
                goto fail;
            }
            for (int k = 0; k < n_entrants; k++)
                if (strcmp(entrants[k], a) == 0) {
                    core_errf(err, sizeof err, "tournament: %s is given twice", a);
                    goto fail;
                }
            entrants[n_entrants++] = a;
        }
    }
    if (!role || n_entrants == 0) {
        core_errf(err, sizeof err,
                  "tournament needs a role and strategies: closedloop tournament --role ROLE "
                  "A.lua B.lua ...");
        goto fail;
    }
    if (out_path) {
        size_t n = strlen(out_path);
        if (n < 4 || strcmp(out_path + n - 4, ".csv") != 0) {
            core_errf(err, sizeof err, "--out %s: expected a file name ending in .csv", out_path);
            goto fail;
        }
    }
    if (app_batch_load_scenario(&p, scenario, err, sizeof err) < 0)
        goto fail;
    if (!p.has_seed)
        p.seed = p.sc->default_seed;
    b.role = -1;
    for (int i = 0; i < p.sc->n_actors; i++)
        if (strcmp(p.sc->actors[i].id, role) == 0)
            b.role = i;
    if (b.role < 0) {
        int len = snprintf(err, sizeof err, "--role %s: no role '%s' in %s: expected", role, role,
                           p.scenario_path);
        for (int j = 0; j < p.sc->n_actors && len > 0 && (size_t)len < sizeof err; j++)
            len += snprintf(err + len, sizeof err - (size_t)len, "%s%s",
                            j == 0                    ? " "
                            : j + 1 == p.sc->n_actors ? " or "
                                                      : ", ",
                            p.sc->actors[j].id);
        goto fail;
    }
    for (int k = 0; k < n_choices; k++)
        if (strcmp(roles[k], role) == 0 || strcmp(roles[k], "all") == 0) {
            core_errf(err, sizeof err,
                      "--strategy %s=%s: the entrants play %s; --strategy seats the other roles "
                      "only",
                      roles[k], choices[k], role);
            goto fail;
        }
    roles[n_choices] = role;
    for (int e = 0; e < n_entrants; e++) {
        choices[n_choices] = entrants[e];
        if (app_batch_add_variant(&p, "playbook", roles, choices, n_choices + 1, err, sizeof err) <
            0)
            goto fail;
    }
    if (app_batch_plan_finish(&p, err, sizeof err) < 0 ||
        app_batch_check_scripts(&p, err, sizeof err) < 0)
        goto fail;
    size_t cells = (size_t)p.total;
    b.p = &p;
    b.score = calloc(cells, sizeof *b.score);
    b.collapsed = calloc(cells, 1);
    b.failed = calloc(cells, 1);
    rows = calloc((size_t)n_entrants, sizeof *rows);
    if (!b.score || !b.collapsed || !b.failed || !rows) {
        core_errf(err, sizeof err, "out of memory");
        status = 1;
        goto fail;
    }
    long long done = 0;
    int rc = app_batch_execute(&p, collect, &b, &done, err, sizeof err);
    if (rc < 0) {
        status = 1;
        goto fail;
    }
    if (rc == APP_BATCH_INTERRUPTED) {
        core_errf(err, sizeof err,
                  "interrupted after %lld of %lld runs: no leaderboard (the entrants would not "
                  "have played the same games)",
                  done, p.total);
        status = APP_BATCH_EXIT_INTERRUPTED;
        goto fail;
    }
    /* The board. */
    long long failed = 0;
    for (int e = 0; e < n_entrants; e++) {
        Row *r = &rows[e];
        r->variant = e;
        double sum = 0, sq = 0, col = 0;
        for (long long k = 0; k < p.runs; k++) {
            size_t c = (size_t)e * (size_t)p.runs + (size_t)k;
            sum += b.score[c];
            col += b.collapsed[c];
            r->failed += b.failed[c];
            int best = 1;
            for (int o = 0; o < n_entrants; o++)
                if (b.score[(size_t)o * (size_t)p.runs + (size_t)k] > b.score[c])
                    best = 0;
            r->wins += best;
        }
        r->mean = sum / (double)p.runs;
        for (long long k = 0; k < p.runs; k++) {
            double d = b.score[(size_t)e * (size_t)p.runs + (size_t)k] - r->mean;
            sq += d * d;
        }
        r->sd = p.runs > 1 ? sqrt(sq / (double)(p.runs - 1)) : 0.0;
        r->collapse = col / (double)p.runs;
        failed += r->failed;
    }
    qsort(rows, (size_t)n_entrants, sizeof *rows, by_rank);
    size_t wide = 8;
    for (int e = 0; e < n_entrants; e++)
        if (strlen(entrants[e]) > wide)
            wide = strlen(entrants[e]);
    fprintf(out, "Tournament for %s: %lld runs each on the same seeds (base seed %llu), %s\n",
            p.sc->actors[b.role].id, p.runs, (unsigned long long)p.seed, p.scenario_path);
    fprintf(out, "%4s  %-*s  %10s  %8s  %8s  %6s\n", "rank", (int)wide, "strategy", "mean score",
            "sd", "collapse", "wins");
    for (int e = 0; e < n_entrants; e++) {
        const Row *r = &rows[e];
        fprintf(out, "%4d  %-*s  %10.4f  %8.4f  %7.1f%%  %6lld\n", e + 1, (int)wide,
                entrants[r->variant], r->mean, r->sd, 100.0 * r->collapse, r->wins);
    }
    status = failed ? 1 : 0;
    if (failed)
        fprintf(errout, "closedloop: %lld runs failed (counted with the scores they had)\n",
                failed);
    if (out_path) {
        FILE *f = fopen(out_path, "w");
        if (!f) {
            core_errf(err, sizeof err, "--out %s: cannot write it: %s", out_path, strerror(errno));
            status = 1;
            goto fail;
        }
        fprintf(f, "rank,strategy,role,runs,mean_score,sd_score,collapse_rate,wins,failed\n");
        for (int e = 0; e < n_entrants; e++) {
            const Row *r = &rows[e];
            fprintf(f, "%d,\"%s\",%s,%lld,%.9g,%.9g,%.9g,%lld,%lld\n", e + 1, entrants[r->variant],
                    p.sc->actors[b.role].id, p.runs, r->mean, r->sd, r->collapse, r->wins,
                    r->failed);
        }
        if (ferror(f) | (fclose(f) != 0)) {
            core_errf(err, sizeof err, "--out %s: writing failed", out_path);
            status = 1;
            goto fail;
        }
    }
    free(rows);
    free(b.score);
    free(b.collapsed);
    free(b.failed);
    app_batch_plan_free(&p);
    return status;
fail:
    fprintf(errout, "closedloop: %s\n", err);
    free(rows);
    free(b.score);
    free(b.collapsed);
    free(b.failed);
    app_batch_plan_free(&p);
    return status;
}
