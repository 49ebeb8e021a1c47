/* app_tournament: strategies against each other in one role, on the same seeds. */
#include "app_tournament.h"

#include "app_batch_cmd.h"
#include "app_league.h"
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
    double gain; /* mean over the seeds of the score less passive's in the same seat */
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

/* ---------------------------------------------------------------------------------------------
 * Options */

typedef struct {
    AppBatchArgs b; /* first: the shared readers take the context as AppBatchArgs */
    const char *role;
    const char *entrants[APP_BATCH_MAX_VARIANTS];
    int n_entrants;
    int passive; /* the variant with passive in the role: an entrant's, or one added after them */
    AppLeagueArgs league; /* --league and its options */
} Args;

static int read_ecology(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    long long n;
    if (app_opt_count(opt->name, v, 1, 100000, &n, err, errsz) < 0)
        return -1;
    ((Args *)ctx)->league.generations = (int)n;
    return 0;
}

static int read_role(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    if (!*v)
        return app_cli_fail(err, errsz, "tournament.err.role", NULL);
    ((Args *)ctx)->role = v;
    return 0;
}

static int read_entrant(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt;
    if (a->n_entrants == APP_BATCH_MAX_VARIANTS)
        return app_cli_full(err, errsz, "batch.err.too_many_variants", APP_BATCH_MAX_VARIANTS);
    for (int k = 0; k < a->n_entrants; k++)
        if (strcmp(a->entrants[k], v) == 0)
            return app_cli_fail(err, errsz, "tournament.err.twice", v, NULL);
    a->entrants[a->n_entrants++] = v;
    return 0;
}

static const AppOpt opts[] = {
    {"--role", NULL, "cli.arg.role", NULL, APP_OPT_CALL, 0, read_role,
     APP_OPT_MISSING | APP_OPT_MUST, 0},
    APP_BATCH_OPT_RUNS,
    APP_BATCH_OPT_SEED("cli.arg.s", 0),
    APP_BATCH_OPT_SCENARIO(0),
    APP_BATCH_OPT_STRATEGY(APP_OPT_MISSING),
    APP_BATCH_OPT_THREADS("cli.arg.t"),
    APP_BATCH_OPT_OUT("cli.arg.board"),
    APP_BATCH_OPT_BOOK_CHECKS,
    APP_BATCH_OPT_QUIET,
    APP_BATCH_OPT_ALLOW_FAILURES(0),
    {"--league", NULL, "cli.arg.league", NULL, APP_OPT_FILE, offsetof(Args, league.file), NULL, 0,
     0},
    {"--ecology", NULL, "cli.arg.generations", NULL, APP_OPT_CALL, 0, read_ecology, 0, 0},
    {"--png", NULL, "cli.arg.dir", NULL, APP_OPT_FILE, offsetof(Args, league.png), NULL, 0, 0},
    {"--progress", NULL, NULL, NULL, APP_OPT_SWITCH, offsetof(Args, league.progress), NULL, 0, 0},
};

static const AppCmd cmd = {"tournament", "tournament.operands", "tournament.about",
                           opts,         APP_OPT_COUNT(opts),   "tournament.err.unknown_option",
                           NULL,         read_entrant};

/* ---------------------------------------------------------------------------------------------
 * Steps */

/* The role's index in the scenario, or -1 with err naming the roles there are. */
static int find_role(const AppBatchPlan *p, const char *role, char *err, size_t errsz)
{
    for (int i = 0; i < p->sc->n_actors; i++)
        if (strcmp(p->sc->actors[i].id, role) == 0)
            return i;
    char ids[1200];
    size_t len = 0;
    ids[0] = '\0';
    for (int j = 0; j < p->sc->n_actors && len < sizeof ids; j++) {
        const char *sep = j == 0                     ? ""
                          : j + 1 == p->sc->n_actors ? core_tr("err.list.or")
                                                     : core_tr("err.list.sep");
        int k = snprintf(ids + len, sizeof ids - len, "%s%s", sep, p->sc->actors[j].id);
        len += k > 0 ? (size_t)k : 0;
    }
    app_cli_fail(err, errsz, "tournament.err.no_role", role, p->scenario_path, ids, NULL);
    return -1;
}

/* The plan: a variant per entrant, in ROLE, the other roles seated by --strategy. Returns the
 * role's index, or -1 with err. */
static int plan_tournament(Args *a, FILE *errout, char *err, size_t errsz)
{
    AppBatchPlan *p = &a->b.plan;
    if (!a->role || a->n_entrants == 0)
        return app_cli_fail(err, errsz, "tournament.err.args", NULL);
    if (a->b.out) {
        size_t n = strlen(a->b.out);
        if (strcmp(a->b.out, "-") != 0 && (n < 4 || strcmp(a->b.out + n - 4, ".csv") != 0))
            return app_cli_fail(err, errsz, "tournament.err.out_ext", a->b.out, NULL);
    }
    if (app_batch_load_scenario(p, a->b.scenario, err, errsz) < 0)
        return -1;
    app_batch_args_seed(&a->b);
    int role = find_role(p, a->role, err, errsz);
    if (role < 0)
        return -1;
    for (int k = 0; k < a->b.n_seats; k++)
        if (strcmp(a->b.seats[k].role, a->role) == 0)
            return app_cli_fail(err, errsz, "tournament.err.seats", a->b.seats[k].role,
                                a->b.seats[k].strategy, a->role, NULL);
    a->passive = -1;
    for (int e = 0; e < a->n_entrants; e++) {
        if (app_batch_args_variant(&a->b, "playbook", a->role, a->entrants[e], err, errsz) < 0)
            return -1;
        if (strcmp(a->entrants[e], "passive") == 0)
            a->passive = e;
    }
    /* The yardstick of the gains: passive in the role, the same seeds and opponents. */
    if (a->passive < 0) {
        if (a->n_entrants == APP_BATCH_MAX_VARIANTS)
            return app_cli_full(err, errsz, "tournament.err.no_room", APP_BATCH_MAX_VARIANTS - 1);
        a->passive = a->n_entrants;
        if (app_batch_args_variant(&a->b, "playbook", a->role, "passive", err, errsz) < 0)
            return -1;
    }
    if (app_batch_plan_finish(p, err, errsz) < 0 || app_batch_check_scripts(p, err, errsz) < 0)
        return -1;
    app_batch_note_playbooks(errout, p);
    return role;
}

static int board_alloc(Board *b, const AppBatchPlan *p)
{
    size_t cells = (size_t)p->total;
    b->p = p;
    b->score = calloc(cells, sizeof *b->score);
    b->collapsed = calloc(cells, 1);
    b->failed = calloc(cells, 1);
    b->lost = calloc(cells, sizeof *b->lost);
    b->retired = calloc(cells, 1);
    b->roles = calloc((size_t)p->n_variants * APP_BATCH_MAX_ACTORS, sizeof *b->roles);
    return b->score && b->collapsed && b->failed && b->lost && b->retired && b->roles ? 0 : -1;
}

static void board_free(Board *b)
{
    free(b->score);
    free(b->collapsed);
    free(b->failed);
    free(b->lost);
    free(b->retired);
    free(b->roles);
}

/* The rows of the board, ranked. A run's win goes to the best of the entrants that played it
 * clean (lost no turn, and the engine did not fail); if none did, nobody wins it. Returns the
 * runs the engine failed. */
static long long rank(const Board *b, int n_entrants, int passive, Row *rows)
{
    long long runs = b->p->runs, failed = 0;
    for (int e = 0; e < n_entrants; e++) {
        Row *r = &rows[e];
        r->variant = e;
        double sum = 0, sq = 0, col = 0, gain = 0;
        for (long long k = 0; k < runs; k++) {
            size_t c = (size_t)e * (size_t)runs + (size_t)k;
            sum += b->score[c];
            gain += b->score[c] - b->score[(size_t)passive * (size_t)runs + (size_t)k];
            col += b->collapsed[c];
            r->failed += b->failed[c];
            r->lost.turns += b->lost[c];
            r->lost.runs += b->lost[c] > 0;
            r->lost.retired += b->retired[c];
            if (b->lost[c] > 0 || b->failed[c])
                continue;
            int best = 1;
            for (int o = 0; o < n_entrants; o++) {
                size_t oc = (size_t)o * (size_t)runs + (size_t)k;
                if (b->lost[oc] == 0 && !b->failed[oc] && b->score[oc] > b->score[c])
                    best = 0;
            }
            r->wins += best;
        }
        r->mean = sum / (double)runs;
        r->gain = gain / (double)runs;
        for (long long k = 0; k < runs; k++) {
            double d = b->score[(size_t)e * (size_t)runs + (size_t)k] - r->mean;
            sq += d * d;
        }
        r->sd = runs > 1 ? sqrt(sq / (double)(runs - 1)) : 0.0;
        r->collapse = col / (double)runs;
        failed += r->failed;
    }
    qsort(rows, (size_t)n_entrants, sizeof *rows, by_rank);
    return failed;
}

/* The leaderboard on out, and under it what each entrant that lost turns lost. */
static void print_board(FILE *out, const Args *a, const Board *b, const Row *rows)
{
    const AppBatchPlan *p = b->p;
    size_t wide = 8;
    for (int e = 0; e < a->n_entrants; e++)
        if (strlen(a->entrants[e]) > wide)
            wide = strlen(a->entrants[e]);
    char n1[32], n2[32], n3[32], n4[32], cell[9][128];
    snprintf(n1, sizeof n1, "%lld", p->runs);
    snprintf(n2, sizeof n2, "%llu", (unsigned long long)p->seed);
    app_cli_say(out, "tournament.title", p->sc->actors[b->role].id, n1, n2, p->scenario_path, NULL);
    /* The headings in the language's words, padded by the columns they take on a terminal. */
    static const char *const heads[9] = {
        "tournament.col.rank", "tournament.col.strategy", "tournament.col.mean",
        "tournament.col.gain", "tournament.col.sd",       "tournament.col.collapse",
        "tournament.col.wins", "tournament.col.lost",     "tournament.col.retired"};
    const int widths[9] = {4, -(int)wide, 10, 10, 8, 8, 6, 10, 8};
    for (int c = 0; c < 9; c++)
        app_cli_pad(cell[c], sizeof cell[c], core_tr(heads[c]), widths[c]);
    fprintf(out, "%s  %s  %s  %s  %s  %s  %s  %s  %s\n", cell[0], cell[1], cell[2], cell[3],
            cell[4], cell[5], cell[6], cell[7], cell[8]);
    for (int e = 0; e < a->n_entrants; e++) {
        const Row *r = &rows[e];
        char retired[48];
        if (r->lost.retired)
            snprintf(retired, sizeof retired, "%lld/%lld", r->lost.retired, p->runs);
        else
            snprintf(retired, sizeof retired, "-");
        fprintf(out, "%4d  %-*s  %10.4f  %+10.4f  %8.4f  %7.1f%%  %6lld  %10lld  %8s\n", e + 1,
                (int)wide, a->entrants[r->variant], r->mean, r->gain, r->sd, 100.0 * r->collapse,
                r->wins, r->lost.turns, retired);
    }
    app_cli_say(out, "tournament.note.gain", NULL);
    int lost_any = 0;
    for (int e = 0; e < a->n_entrants; e++) {
        const Row *r = &rows[e];
        if (!r->lost.runs)
            continue;
        if (!lost_any)
            fputc('\n', out);
        lost_any = 1;
        snprintf(n1, sizeof n1, "%lld", r->lost.turns);
        snprintf(n2, sizeof n2, "%lld", r->lost.runs);
        snprintf(n3, sizeof n3, "%lld", p->runs);
        snprintf(n4, sizeof n4, "%lld", r->lost.retired);
        app_cli_say(out, r->lost.retired ? "tournament.note.retired" : "tournament.note.lost",
                    a->entrants[r->variant], n1, n2, n3, n4, NULL);
    }
}

/* On errout, every seat that lost turns (an opponent's too: it changed the games) and the runs
 * that failed; the exit status. */
static int warn_board(FILE *errout, const Board *b, long long failed)
{
    const AppBatchPlan *p = b->p;
    int warned = 0, status = failed ? 1 : 0;
    for (int v = 0; v < p->n_variants; v++)
        warned |= app_batch_lost_warn(errout, p, v, &b->roles[(size_t)v * APP_BATCH_MAX_ACTORS],
                                      p->runs, -1);
    if (failed) {
        char n1[32];
        snprintf(n1, sizeof n1, "%lld", failed);
        app_cli_error(errout, "tournament.failed", n1, NULL);
    }
    if (warned) {
        app_cli_error(
            errout, p->allow_failures ? "tournament.lost.allowed" : "tournament.lost.status", NULL);
        if (!failed && !p->allow_failures)
            status = APP_BATCH_EXIT_STRATEGY_FAILED;
    }
    return status;
}

/* The board as CSV to a->b.out ("-": standard output). 0, or -1 with err. */
static int write_board(const Args *a, const Board *b, const Row *rows, char *err, size_t errsz)
{
    const AppBatchPlan *p = b->p;
    int piped = strcmp(a->b.out, "-") == 0;
    FILE *f = piped ? stdout : fopen(a->b.out, "w");
    if (!f)
        return app_cli_fail(err, errsz, "batch.err.out_write", a->b.out, strerror(errno), NULL);
    fprintf(f, "rank,strategy,role,runs,mean_score,sd_score,collapse_rate,wins,failed,"
               "lost_runs,lost_turns,retired_runs,flag,mean_gain,passive_mean\n");
    for (int e = 0; e < a->n_entrants; e++) {
        const Row *r = &rows[e];
        const char *flag = r->lost.retired ? "retired" : r->lost.runs ? "lost_turns" : "clean";
        fprintf(f, "%d,\"%s\",%s,%lld,%.9g,%.9g,%.9g,%lld,%lld,%lld,%lld,%lld,%s,%.9g,%.9g\n",
                e + 1, a->entrants[r->variant], p->sc->actors[b->role].id, p->runs, r->mean, r->sd,
                r->collapse, r->wins, r->failed, r->lost.runs, r->lost.turns, r->lost.retired, flag,
                r->gain, r->mean - r->gain);
    }
    if (ferror(f) | ((piped ? fflush(f) : fclose(f)) != 0))
        return app_cli_fail(err, errsz, "tournament.err.write", a->b.out, NULL);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

int app_tournament_main(int argc, char **argv, FILE *out, FILE *errout)
{
    static Args a; /* large (the plan): not on the stack */
    AppBatchPlan *p = app_batch_args_init(&a, sizeof a);
    char err[2560];
    int status = 2;
    Board b;
    memset(&b, 0, sizeof b);
    Row *rows = NULL;
    int rc = app_opt_command(&cmd, argc, argv, &a, NULL, out, err, sizeof err);
    if (rc == 1)
        return 0;
    if (rc == 0 && a.league.file) {
        if (a.role || a.n_entrants)
            rc = app_cli_fail(err, sizeof err, "tournament.err.league_args", NULL);
        else
            return app_league_main(&a.b, &a.league, out, errout);
    } else if (rc == 0 && (a.league.generations || a.league.png || a.league.progress)) {
        rc = app_cli_fail(err, sizeof err, "tournament.err.league_only", NULL);
    }
    if (rc < 0 || (b.role = plan_tournament(&a, errout, err, sizeof err)) < 0)
        goto fail;
    rows = calloc((size_t)a.n_entrants, sizeof *rows);
    if (board_alloc(&b, p) < 0 || !rows) {
        app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
        status = 1;
        goto fail;
    }
    long long done = 0;
    rc = app_batch_execute(p, collect, &b, &done, err, sizeof err);
    status = 1;
    if (rc < 0)
        goto fail;
    if (rc == APP_BATCH_INTERRUPTED) {
        char n1[32], n2[32];
        snprintf(n1, sizeof n1, "%lld", done);
        snprintf(n2, sizeof n2, "%lld", p->total);
        app_cli_fail(err, sizeof err, "tournament.interrupted", n1, n2, NULL);
        status = APP_BATCH_EXIT_INTERRUPTED;
        goto fail;
    }
    long long failed = rank(&b, a.n_entrants, a.passive, rows);
    /* --out -: the CSV alone on standard output, the board for a person on errout. */
    print_board(a.b.out && strcmp(a.b.out, "-") == 0 ? errout : out, &a, &b, rows);
    status = warn_board(errout, &b, failed);
    if (a.b.out && write_board(&a, &b, rows, err, sizeof err) < 0) {
        status = 1;
        goto fail;
    }
    free(rows);
    board_free(&b);
    app_batch_plan_free(p);
    return status;
fail:
    fprintf(errout, "closedloop: %s\n", err);
    free(rows);
    board_free(&b);
    app_batch_plan_free(p);
    return status;
}
