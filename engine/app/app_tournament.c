/* app_tournament: strategies against each other in one role, on the same seeds. */
#include "app_tournament.h"

#include "app_batch.h"
#include "app_cli.h"
#include "core_err.h"
#include "core_text.h"

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
    int *lost;           /* turns the entrant lost, same layout */
    char *retired;       /* same layout */
    AppBatchLost *roles; /* [variant * APP_BATCH_MAX_ACTORS + role]: every seat's lost turns */
} Board;

static int collect(void *ctx, const AppBatchResult *r)
{
    Board *b = ctx;
    size_t k = (size_t)r->variant * (size_t)b->p->runs + (size_t)r->rep;
    b->score[k] = r->scores[b->role];
    b->collapsed[k] = r->collapse_turn > 0;
    b->failed[k] = (char)r->failed;
    b->lost[k] = r->lost[b->role];
    b->retired[k] = r->retired[b->role] > 0;
    app_batch_lost_add(&b->roles[(size_t)r->variant * APP_BATCH_MAX_ACTORS], b->p->sc->n_actors, r);
    if (r->failed) {
        char run[32], seed[32];
        snprintf(run, sizeof run, "%lld", r->run);
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
        app_cli_error(stderr, "tournament.run_failed", run, b->p->label[r->variant][b->role], seed,
                      r->error, NULL);
    }
    return 0;
}

typedef struct {
    int variant;
    double mean, sd, collapse;
    long long wins, failed;
    AppBatchLost lost;
} Row;

/* Clean entrants first (one that lost a turn in any run ranks below every one that did not),
 * then by mean score, then wins. */
static int by_rank(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    if ((x->lost.runs > 0) != (y->lost.runs > 0))
        return x->lost.runs > 0 ? 1 : -1;
    if (x->mean != y->mean)
        return x->mean > y->mean ? -1 : 1;
    if (x->wins != y->wins)
        return x->wins > y->wins ? -1 : 1;
    return x->variant - y->variant;
}

static void usage(FILE *f)
{
    fputs(core_tr("tournament.help"), f);
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
                app_cli_fail(err, sizeof err, "tournament.err.role", NULL);
                goto fail;
            }
        } else if (strcmp(a, "--strategy") == 0 || strncmp(a, "--strategy=", 11) == 0) {
            const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
            if (app_batch_add_strategy(v ? v : "", roles, choices, &n_choices,
                                       "tournament.err.strategy", err, sizeof err) < 0)
                goto fail;
        } else if (a[0] == '-') {
            app_cli_fail(err, sizeof err, "tournament.err.unknown_option", a, NULL);
            goto fail;
        } else {
            if (n_entrants == APP_BATCH_MAX_VARIANTS) {
                char most[16];
                snprintf(most, sizeof most, "%d", APP_BATCH_MAX_VARIANTS);
                app_cli_fail(err, sizeof err, "batch.err.too_many_variants", most, NULL);
                goto fail;
            }
            for (int k = 0; k < n_entrants; k++)
                if (strcmp(entrants[k], a) == 0) {
                    app_cli_fail(err, sizeof err, "tournament.err.twice", a, NULL);
                    goto fail;
                }
            entrants[n_entrants++] = a;
        }
    }
    if (!role || n_entrants == 0) {
        app_cli_fail(err, sizeof err, "tournament.err.args", NULL);
        goto fail;
    }
    if (out_path) {
        size_t n = strlen(out_path);
        if (n < 4 || strcmp(out_path + n - 4, ".csv") != 0) {
            app_cli_fail(err, sizeof err, "tournament.err.out_ext", out_path, NULL);
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
        char ids[1200];
        size_t len = 0;
        ids[0] = '\0';
        for (int j = 0; j < p.sc->n_actors && len < sizeof ids; j++) {
            const char *sep = j == 0                    ? ""
                              : j + 1 == p.sc->n_actors ? core_tr("err.list.or")
                                                        : core_tr("err.list.sep");
            int k = snprintf(ids + len, sizeof ids - len, "%s%s", sep, p.sc->actors[j].id);
            len += k > 0 ? (size_t)k : 0;
        }
        app_cli_fail(err, sizeof err, "tournament.err.no_role", role, p.scenario_path, ids, NULL);
        goto fail;
    }
    for (int k = 0; k < n_choices; k++)
        if (strcmp(roles[k], role) == 0) {
            app_cli_fail(err, sizeof err, "tournament.err.seats", roles[k], choices[k], role, NULL);
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
    app_batch_note_playbooks(errout, &p);
    size_t cells = (size_t)p.total;
    b.p = &p;
    b.score = calloc(cells, sizeof *b.score);
    b.collapsed = calloc(cells, 1);
    b.failed = calloc(cells, 1);
    b.lost = calloc(cells, sizeof *b.lost);
    b.retired = calloc(cells, 1);
    b.roles = calloc((size_t)p.n_variants * APP_BATCH_MAX_ACTORS, sizeof *b.roles);
    rows = calloc((size_t)n_entrants, sizeof *rows);
    if (!b.score || !b.collapsed || !b.failed || !b.lost || !b.retired || !b.roles || !rows) {
        app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
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
        char a[32], t[32];
        snprintf(a, sizeof a, "%lld", done);
        snprintf(t, sizeof t, "%lld", p.total);
        app_cli_fail(err, sizeof err, "tournament.interrupted", a, t, NULL);
        status = APP_BATCH_EXIT_INTERRUPTED;
        goto fail;
    }
    /* The board. A run's win goes to the best of the entrants that played it clean (lost no
     * turn, and the engine did not fail); if none did, nobody wins it. */
    long long failed = 0;
    int lost_any = 0;
    for (int e = 0; e < n_entrants; e++) {
        Row *r = &rows[e];
        r->variant = e;
        double sum = 0, sq = 0, col = 0;
        for (long long k = 0; k < p.runs; k++) {
            size_t c = (size_t)e * (size_t)p.runs + (size_t)k;
            sum += b.score[c];
            col += b.collapsed[c];
            r->failed += b.failed[c];
            r->lost.turns += b.lost[c];
            r->lost.runs += b.lost[c] > 0;
            r->lost.retired += b.retired[c];
            if (b.lost[c] > 0 || b.failed[c])
                continue;
            int best = 1;
            for (int o = 0; o < n_entrants; o++) {
                size_t oc = (size_t)o * (size_t)p.runs + (size_t)k;
                if (b.lost[oc] == 0 && !b.failed[oc] && b.score[oc] > b.score[c])
                    best = 0;
            }
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
    char n1[32], n2[32], n3[32], n4[32], cell[8][128];
    snprintf(n1, sizeof n1, "%lld", p.runs);
    snprintf(n2, sizeof n2, "%llu", (unsigned long long)p.seed);
    app_cli_say(out, "tournament.title", p.sc->actors[b.role].id, n1, n2, p.scenario_path, NULL);
    /* The headings in the language's words, padded by the columns they take on a terminal. */
    static const char *const heads[8] = {"tournament.col.rank",     "tournament.col.strategy",
                                         "tournament.col.mean",     "tournament.col.sd",
                                         "tournament.col.collapse", "tournament.col.wins",
                                         "tournament.col.lost",     "tournament.col.retired"};
    const int widths[8] = {4, -(int)wide, 10, 8, 8, 6, 10, 8};
    for (int c = 0; c < 8; c++)
        app_cli_pad(cell[c], sizeof cell[c], core_tr(heads[c]), widths[c]);
    fprintf(out, "%s  %s  %s  %s  %s  %s  %s  %s\n", cell[0], cell[1], cell[2], cell[3], cell[4],
            cell[5], cell[6], cell[7]);
    for (int e = 0; e < n_entrants; e++) {
        const Row *r = &rows[e];
        char retired[48];
        if (r->lost.retired)
            snprintf(retired, sizeof retired, "%lld/%lld", r->lost.retired, p.runs);
        else
            snprintf(retired, sizeof retired, "-");
        fprintf(out, "%4d  %-*s  %10.4f  %8.4f  %7.1f%%  %6lld  %10lld  %8s\n", e + 1, (int)wide,
                entrants[r->variant], r->mean, r->sd, 100.0 * r->collapse, r->wins, r->lost.turns,
                retired);
    }
    /* Under the board, each entrant that lost turns, in rank order: what it lost. */
    for (int e = 0; e < n_entrants; e++) {
        const Row *r = &rows[e];
        if (!r->lost.runs)
            continue;
        if (!lost_any)
            fputc('\n', out);
        lost_any = 1;
        snprintf(n1, sizeof n1, "%lld", r->lost.turns);
        snprintf(n2, sizeof n2, "%lld", r->lost.runs);
        snprintf(n3, sizeof n3, "%lld", p.runs);
        snprintf(n4, sizeof n4, "%lld", r->lost.retired);
        app_cli_say(out, r->lost.retired ? "tournament.note.retired" : "tournament.note.lost",
                    entrants[r->variant], n1, n2, n3, n4, NULL);
    }
    /* On standard error, every seat that lost turns (an opponent's too: it changed the games). */
    int warned = 0;
    for (int v = 0; v < p.n_variants; v++)
        warned |= app_batch_lost_warn(errout, &p, v, &b.roles[(size_t)v * APP_BATCH_MAX_ACTORS],
                                      p.runs, -1);
    status = failed ? 1 : 0;
    if (failed) {
        snprintf(n1, sizeof n1, "%lld", failed);
        app_cli_error(errout, "tournament.failed", n1, NULL);
    }
    if (warned) {
        app_cli_error(
            errout, p.allow_failures ? "tournament.lost.allowed" : "tournament.lost.status", NULL);
        if (!failed && !p.allow_failures)
            status = APP_BATCH_EXIT_STRATEGY_FAILED;
    }
    if (out_path) {
        FILE *f = fopen(out_path, "w");
        if (!f) {
            app_cli_fail(err, sizeof err, "batch.err.out_write", out_path, strerror(errno), NULL);
            status = 1;
            goto fail;
        }
        fprintf(f, "rank,strategy,role,runs,mean_score,sd_score,collapse_rate,wins,failed,"
                   "lost_runs,lost_turns,retired_runs,flag\n");
        for (int e = 0; e < n_entrants; e++) {
            const Row *r = &rows[e];
            const char *flag = r->lost.retired ? "retired" : r->lost.runs ? "lost_turns" : "clean";
            fprintf(f, "%d,\"%s\",%s,%lld,%.9g,%.9g,%.9g,%lld,%lld,%lld,%lld,%lld,%s\n", e + 1,
                    entrants[r->variant], p.sc->actors[b.role].id, p.runs, r->mean, r->sd,
                    r->collapse, r->wins, r->failed, r->lost.runs, r->lost.turns, r->lost.retired,
                    flag);
        }
        if (ferror(f) | (fclose(f) != 0)) {
            app_cli_fail(err, sizeof err, "tournament.err.write", out_path, NULL);
            status = 1;
            goto fail;
        }
    }
    free(rows);
    free(b.score);
    free(b.collapsed);
    free(b.failed);
    free(b.lost);
    free(b.retired);
    free(b.roles);
    app_batch_plan_free(&p);
    return status;
fail:
    fprintf(errout, "closedloop: %s\n", err);
    free(rows);
    free(b.score);
    free(b.collapsed);
    free(b.failed);
    free(b.lost);
    free(b.retired);
    free(b.roles);
    app_batch_plan_free(&p);
    return status;
}
