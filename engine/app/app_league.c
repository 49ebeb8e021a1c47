/* app_league: a league of entries and its ecological mode (declared in app_league.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_league.h"

#include "app_report.h"
#include "core_err.h"
#include "core_text.h"
#include "dat_json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ENTRIES 31 /* with passive beside them, a plan's variants */
#define NAME_LEN    64

typedef struct {
    char name[NAME_LEN];
    char *choice[APP_BATCH_MAX_ACTORS]; /* per role: a .lua path or a built-in name; NULL: none */
} Entry;

typedef struct {
    const SimScenario *sc;
    char dir[2048];   /* the league file's folder, for relative script paths ("" : the cwd) */
    const char *file; /* the league file as named on the command line */
    Entry e[MAX_ENTRIES];
    int n;
} League;

static void league_free(League *l)
{
    for (int k = 0; k < l->n; k++)
        for (int i = 0; i < APP_BATCH_MAX_ACTORS; i++)
            free(l->e[k].choice[i]);
    l->n = 0;
}

/* ---------------------------------------------------------------------------------------------
 * The file */

static int builtin(const char *v)
{
    return strcmp(v, "passive") == 0 || strcmp(v, "baseline") == 0 || strcmp(v, "playbook") == 0 ||
           strcmp(v, "history") == 0;
}

/* One entry's "scripts": role ids of the scenario to FILE.lua or a built-in name. */
static int read_scripts(DatReader *r, League *l, Entry *e, const cJSON *scripts)
{
    if (!scripts)
        return dat_fail_missing(r, "scripts", "an object");
    size_t mark = dat_enter_key(r, "scripts");
    if (dat_object(r, scripts, "an object of ROLE: FILE.lua", NULL) < 0)
        return -1;
    for (const cJSON *s = scripts->child; s; s = s->next) {
        int i = sim_scenario_find_actor(l->sc, s->string);
        if (i < 0) {
            char ids[1200] = "";
            size_t len = 0;
            for (int j = 0; j < l->sc->n_actors && len < sizeof ids; j++) {
                int k = snprintf(ids + len, sizeof ids - len, "%s%s", j ? ", " : "",
                                 l->sc->actors[j].id);
                len += k > 0 ? (size_t)k : 0;
            }
            return dat_fail_tr(r, s->string, "err.league.role",
                               "no role \"{1}\" in scenario \"{2}\": expected one of {3}",
                               s->string, l->sc->id, ids, NULL);
        }
        char v[1024];
        if (dat_string(r, scripts, s->string, DAT_REQUIRED, 1, NULL, v, sizeof v) < 0)
            return -1;
        size_t n = strlen(v);
        if (!builtin(v) && (n < 5 || strcmp(v + n - 4, ".lua") != 0))
            return dat_fail_tr(r, s->string, "err.league.script",
                               "expected FILE.lua or passive, baseline, playbook or history, got "
                               "\"{1}\"",
                               v, NULL);
        char path[4096];
        if (!builtin(v) && v[0] != '/' && l->dir[0])
            snprintf(path, sizeof path, "%s/%s", l->dir, v);
        else
            snprintf(path, sizeof path, "%s", v);
        if (!builtin(v) && access(path, R_OK) != 0)
            return dat_fail_tr(r, s->string, "err.league.unreadable", "cannot read {1}: {2}", path,
                               strerror(errno), NULL);
        if (!(e->choice[i] = strdup(path)))
            return dat_fail_tr(r, s->string, "err.oom", "out of memory", NULL);
    }
    dat_leave(r, mark);
    return 0;
}

static int read_league(DatReader *r, const cJSON *root, void *ctx)
{
    League *l = ctx;
    static const char *const top[] = {"entries", NULL};
    static const char *const item[] = {"name", "scripts", NULL};
    const cJSON *arr = NULL;
    int n = 0;
    if (dat_object(r, root, "an object", top) < 0 ||
        dat_array(r, root, "entries", DAT_REQUIRED, 1, MAX_ENTRIES, &arr, &n) < 0)
        return -1;
    size_t in_list = dat_enter_key(r, "entries");
    int k = 0;
    for (const cJSON *it = arr->child; it; it = it->next, k++) {
        size_t mark = dat_enter_index(r, k);
        Entry *e = &l->e[l->n++];
        if (dat_object(r, it, "an entry object", item) < 0 ||
            dat_string(r, it, "name", DAT_REQUIRED, 1, "A-Za-z0-9_.-", e->name, sizeof e->name) <
                0 ||
            read_scripts(r, l, e, dat_get(it, "scripts")) < 0)
            return -1;
        for (int j = 0; j < k; j++)
            if (strcmp(l->e[j].name, e->name) == 0) {
                char at[16];
                snprintf(at, sizeof at, "%d", j);
                return dat_fail_tr(r, "name", "err.league.twice",
                                   "the name \"{1}\" is taken already (entries[{2}])", e->name, at,
                                   NULL);
            }
        dat_leave(r, mark);
    }
    dat_leave(r, in_list);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The games */

/* What the seatings of one role gave: [entry][opponents], and passive's per opponents. */
typedef struct {
    int entered[MAX_ENTRIES]; /* the entry names a script for the role */
    double score[MAX_ENTRIES][MAX_ENTRIES];
    double gain[MAX_ENTRIES][MAX_ENTRIES];
    double collapse[MAX_ENTRIES][MAX_ENTRIES];
    long long lost[MAX_ENTRIES][MAX_ENTRIES];
    double passive[MAX_ENTRIES];
} RoleBoard;

typedef struct {
    League *l;
    const AppBatchArgs *b;
    int n_roles, roles[APP_BATCH_MAX_ACTORS]; /* the roles some entry names */
    RoleBoard *board;                         /* per role, in roles[] order */
    long long done, total;                    /* games, for the bar */
    int bar;
    double t0, last;
    long long failed, lost_runs;
} Games;

/* What one plan (one role, one opponents' entry) collects: per variant, per seed. */
typedef struct {
    Games *g;
    int role; /* the actor */
    const AppBatchPlan *p;
    double *score; /* [variant * runs + rep] */
    char *collapsed;
    int *lost;
} Sink;

static void draw_bar(Games *g, int last)
{
    double t = app_batch_now();
    if (!g->bar || (!last && t - g->last < 0.2))
        return;
    g->last = t;
    app_batch_progress_bar(g->done, g->total, t - g->t0);
    if (last)
        fputc('\n', stderr);
}

static int collect(void *ctx, const AppBatchResult *r)
{
    Sink *s = ctx;
    size_t k = (size_t)r->variant * (size_t)s->p->runs + (size_t)r->rep;
    s->score[k] = r->scores[s->role];
    s->collapsed[k] = r->collapse_turn > 0;
    s->lost[k] = r->lost[s->role];
    s->g->failed += r->failed;
    s->g->done++;
    draw_bar(s->g, 0);
    return 0;
}

/* The plan of role roles[x] against entry f's scripts: a variant per entry that entered the
 * role (in entry order), then passive. Its variants' entries in ents[] (-1: passive). */
static int plan_seating(Games *g, AppBatchPlan *p, int x, int f, int *ents, char *err, size_t errsz)
{
    const League *l = g->l;
    const AppBatchArgs *b = g->b;
    int role = g->roles[x];
    app_batch_plan_init(p);
    p->runs = b->plan.runs;
    p->seed = b->plan.seed;
    p->has_seed = 1;
    p->threads = b->plan.threads;
    p->check_books = b->plan.check_books;
    p->progress = 0;
    if (app_batch_load_scenario(p, b->scenario, err, errsz) < 0)
        return -1;
    const char *roles[APP_BATCH_MAX_ACTORS + APP_MAX_STRATEGIES + 1];
    const char *choices[APP_BATCH_MAX_ACTORS + APP_MAX_STRATEGIES + 1];
    int n = 0;
    for (int k = 0; k < b->n_seats; k++) {
        roles[n] = b->seats[k].role;
        choices[n++] = b->seats[k].strategy;
    }
    for (int i = 0; i < l->sc->n_actors; i++)
        if (i != role && l->e[f].choice[i]) {
            roles[n] = l->sc->actors[i].id;
            choices[n++] = l->e[f].choice[i];
        }
    roles[n] = l->sc->actors[role].id;
    int v = 0;
    for (int e = 0; e <= l->n; e++) {
        if (e < l->n && !l->e[e].choice[role])
            continue;
        choices[n] = e < l->n ? l->e[e].choice[role] : "passive";
        if (app_batch_add_variant(p, "playbook", roles, choices, n + 1, err, errsz) < 0)
            return -1;
        ents[v++] = e < l->n ? e : -1;
    }
    return app_batch_plan_finish(p, err, errsz);
}

/* Plays the seatings of role roles[x] against entry f into the role's board. 0, or -1 with err
 * (APP_BATCH_INTERRUPTED: 1). */
static int play_seating(Games *g, int x, int f, char *err, size_t errsz)
{
    static AppBatchPlan p; /* large: not on the stack (one plan at a time) */
    int ents[MAX_ENTRIES + 1];
    RoleBoard *rb = &g->board[x];
    Sink s = {g, g->roles[x], &p, NULL, NULL, NULL};
    int rc = plan_seating(g, &p, x, f, ents, err, errsz);
    size_t cells = (size_t)(p.total > 0 ? p.total : 1);
    s.score = calloc(cells, sizeof *s.score);
    s.collapsed = calloc(cells, 1);
    s.lost = calloc(cells, sizeof *s.lost);
    if (rc == 0 && (!s.score || !s.collapsed || !s.lost))
        rc = app_cli_fail(err, errsz, "cli.err.oom", NULL);
    long long done = 0;
    if (rc == 0)
        rc = app_batch_execute(&p, collect, &s, &done, err, errsz);
    if (rc == APP_BATCH_DONE) {
        long long runs = p.runs;
        int pv = p.n_variants - 1;
        double pmean = 0;
        for (long long k = 0; k < runs; k++)
            pmean += s.score[(size_t)pv * (size_t)runs + (size_t)k] / (double)runs;
        rb->passive[f] = pmean;
        for (int v = 0; v < pv; v++) {
            int e = ents[v];
            double sum = 0, gain = 0, col = 0;
            long long lost = 0;
            for (long long k = 0; k < runs; k++) {
                size_t c = (size_t)v * (size_t)runs + (size_t)k;
                sum += s.score[c];
                gain += s.score[c] - s.score[(size_t)pv * (size_t)runs + (size_t)k];
                col += s.collapsed[c];
                lost += s.lost[c];
                g->lost_runs += s.lost[c] > 0;
            }
            rb->entered[e] = 1;
            rb->score[e][f] = sum / (double)runs;
            rb->gain[e][f] = gain / (double)runs;
            rb->collapse[e][f] = col / (double)runs;
            rb->lost[e][f] = lost;
        }
    } else if (rc > 0) {
        rc = 1;
    }
    free(s.score);
    free(s.collapsed);
    free(s.lost);
    app_batch_plan_free(&p);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Standings and the ecology */

typedef struct {
    int entry, roles;
    double gain, score;
    long long lost;
} Standing;

static int by_gain(const void *a, const void *b)
{
    const Standing *x = a, *y = b;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    return x->entry - y->entry;
}

/* Entry e's fitness against the population share[]: the mean over the roles it entered of its
 * gains there, weighted by the opponents' shares. Its score the same way into *score. */
static double fitness(const Games *g, int e, const double *share, double *score, int *roles)
{
    double sum = 0, sc = 0;
    int n = 0;
    for (int x = 0; x < g->n_roles; x++) {
        const RoleBoard *rb = &g->board[x];
        if (!rb->entered[e])
            continue;
        double ge = 0, se = 0;
        for (int f = 0; f < g->l->n; f++) {
            ge += share[f] * rb->gain[e][f];
            se += share[f] * rb->score[e][f];
        }
        sum += ge;
        sc += se;
        n++;
    }
    if (score)
        *score = n ? sc / n : 0;
    if (roles)
        *roles = n;
    return n ? sum / n : 0;
}

static void standings(const Games *g, Standing *st)
{
    double even[MAX_ENTRIES];
    for (int f = 0; f < g->l->n; f++)
        even[f] = 1.0 / g->l->n;
    for (int e = 0; e < g->l->n; e++) {
        st[e].entry = e;
        st[e].gain = fitness(g, e, even, &st[e].score, &st[e].roles);
        st[e].lost = 0;
        for (int x = 0; x < g->n_roles; x++)
            for (int f = 0; f < g->l->n; f++)
                st[e].lost += g->board[x].lost[e][f];
    }
    qsort(st, (size_t)g->l->n, sizeof *st, by_gain);
}

/* The generations: share[gen * n + e], gen 0 even. Returns the generations computed (the last
 * one's shares are the end), at most max + 1. */
static int ecology(const Games *g, int max, double *share)
{
    int n = g->l->n, gen = 0;
    for (int e = 0; e < n; e++)
        share[e] = 1.0 / n;
    while (gen < max) {
        const double *p = &share[gen * n];
        double *q = &share[(gen + 1) * n], total = 0, moved = 0;
        for (int e = 0; e < n; e++) {
            q[e] = p[e] * exp(fitness(g, e, p, NULL, NULL));
            total += q[e];
        }
        for (int e = 0; e < n; e++) {
            q[e] = total > 0 ? q[e] / total : p[e];
            moved = fmax(moved, fabs(q[e] - p[e]));
        }
        gen++;
        if (moved < 1e-9)
            break;
    }
    return gen + 1;
}

/* ---------------------------------------------------------------------------------------------
 * Output */

static void print_standings(FILE *out, const Games *g, const Standing *st)
{
    const League *l = g->l;
    char n1[32], n2[32], n3[32], n4[32];
    snprintf(n1, sizeof n1, "%d", l->n);
    snprintf(n2, sizeof n2, "%d", g->n_roles);
    snprintf(n3, sizeof n3, "%lld", g->b->plan.runs);
    snprintf(n4, sizeof n4, "%llu", (unsigned long long)g->b->plan.seed);
    app_cli_say(out, "league.title", n1, n2, n3, n4, g->b->plan.scenario_path, NULL);
    app_cli_say(out, "league.head", NULL);
    for (int k = 0; k < l->n; k++) {
        const Standing *s = &st[k];
        fprintf(out, "%4d  %-24s  %5d  %+10.4f  %10.4f  %10lld\n", k + 1, l->e[s->entry].name,
                s->roles, s->gain, s->score, s->lost);
    }
    for (int x = 0; x < g->n_roles; x++) {
        const RoleBoard *rb = &g->board[x];
        fprintf(out, "  %s:", l->sc->actors[g->roles[x]].id);
        double even[MAX_ENTRIES];
        for (int f = 0; f < l->n; f++)
            even[f] = 1.0 / l->n;
        for (int e = 0; e < l->n; e++) {
            if (!rb->entered[e])
                continue;
            double gain = 0;
            for (int f = 0; f < l->n; f++)
                gain += even[f] * rb->gain[e][f];
            fprintf(out, " %s %+.4f", l->e[e].name, gain);
        }
        fputc('\n', out);
    }
    app_cli_say(out, "league.note", NULL);
}

static void csv_name(FILE *f, const char *s)
{
    fprintf(f, "\"%s\"", s); /* names are [A-Za-z0-9_.-]: nothing to escape */
}

/* The league's CSV: the standings (role "all", opponents "all"), then every seating. */
static void write_league_csv(FILE *f, const Games *g, const Standing *st)
{
    const League *l = g->l;
    fputs("kind,rank,entry,role,opponents,runs,mean_score,mean_gain,passive_mean,collapse_rate,"
          "lost_turns\n",
          f);
    for (int k = 0; k < l->n; k++) {
        fprintf(f, "standing,%d,", k + 1);
        csv_name(f, l->e[st[k].entry].name);
        fprintf(f, ",all,all,%lld,%.9g,%.9g,,,%lld\n", g->b->plan.runs, st[k].score, st[k].gain,
                st[k].lost);
    }
    for (int x = 0; x < g->n_roles; x++) {
        const RoleBoard *rb = &g->board[x];
        for (int e = 0; e < l->n; e++)
            for (int o = 0; o < l->n && rb->entered[e]; o++) {
                fputs("seating,,", f);
                csv_name(f, l->e[e].name);
                fprintf(f, ",%s,", l->sc->actors[g->roles[x]].id);
                csv_name(f, l->e[o].name);
                fprintf(f, ",%lld,%.9g,%.9g,%.9g,%.9g,%lld\n", g->b->plan.runs, rb->score[e][o],
                        rb->gain[e][o], rb->passive[o], rb->collapse[e][o], rb->lost[e][o]);
            }
    }
}

static void write_ecology_csv(FILE *f, const Games *g, const double *share, int gens)
{
    fputs("generation,entry,share,fitness\n", f);
    for (int t = 0; t < gens; t++)
        for (int e = 0; e < g->l->n; e++) {
            fprintf(f, "%d,", t);
            csv_name(f, g->l->e[e].name);
            fprintf(f, ",%.9g,%.9g\n", share[t * g->l->n + e],
                    fitness(g, e, &share[t * g->l->n], NULL, NULL));
        }
}

/* FILE ("-": standard output) written by fn. 0, or -1 with err. */
static int write_csv(const char *path, void (*fn)(FILE *, const void *), const void *ctx, char *err,
                     size_t errsz)
{
    int piped = strcmp(path, "-") == 0;
    FILE *f = piped ? stdout : fopen(path, "w");
    if (!f)
        return app_cli_fail(err, errsz, "batch.err.out_write", path, strerror(errno), NULL);
    fn(f, ctx);
    if (ferror(f) | ((piped ? fflush(f) : fclose(f)) != 0))
        return app_cli_fail(err, errsz, "tournament.err.write", path, NULL);
    return 0;
}

typedef struct {
    const Games *g;
    const Standing *st;
    const double *share;
    int gens;
} Out;

static void league_csv(FILE *f, const void *ctx)
{
    const Out *o = ctx;
    write_league_csv(f, o->g, o->st);
}

static void ecology_csv(FILE *f, const void *ctx)
{
    const Out *o = ctx;
    write_ecology_csv(f, o->g, o->share, o->gens);
}

/* The charts: DIR/league.png (each entry's league gain) and, with the ecology, DIR/ecology.png
 * (each entry's final share, its first share and the generations in the note). */
static int write_charts(const char *dir, const Out *o, FILE *out, char *err, size_t errsz)
{
    const League *l = o->g->l;
    AppReportBar bars[MAX_ENTRIES];
    char path[4096], title[256], sub[256], n1[32], n2[32];
    memset(bars, 0, sizeof bars);
    for (int k = 0; k < l->n; k++) {
        snprintf(bars[k].label, sizeof bars[k].label, "%s", l->e[o->st[k].entry].name);
        bars[k].value = o->st[k].gain;
        snprintf(bars[k].note, sizeof bars[k].note, "%+.3f", o->st[k].gain);
    }
    snprintf(n1, sizeof n1, "%lld", o->g->b->plan.runs);
    core_trf(title, sizeof title, "league.chart.title", NULL);
    core_trf(sub, sizeof sub, "league.chart.sub", n1, NULL);
    snprintf(path, sizeof path, "%s/league.png", dir);
    if (app_report_bars_png(path, 1.25, title, sub, bars, l->n, 0, core_tr("league.chart.axis"),
                            err, errsz) < 0)
        return -1;
    app_cli_say(out, "league.wrote", path, NULL);
    if (!o->share)
        return 0;
    const double *last = &o->share[(o->gens - 1) * l->n];
    for (int e = 0; e < l->n; e++) {
        snprintf(bars[e].label, sizeof bars[e].label, "%s", l->e[e].name);
        bars[e].value = 100.0 * last[e];
        snprintf(bars[e].note, sizeof bars[e].note, "%.1f%%", 100.0 * last[e]);
    }
    snprintf(n2, sizeof n2, "%d", o->gens - 1);
    core_trf(title, sizeof title, "league.eco.title", NULL);
    core_trf(sub, sizeof sub, "league.eco.sub", n2, NULL);
    snprintf(path, sizeof path, "%s/ecology.png", dir);
    if (app_report_bars_png(path, 1.25, title, sub, bars, l->n, 1, core_tr("league.eco.axis"), err,
                            errsz) < 0)
        return -1;
    app_cli_say(out, "league.wrote", path, NULL);
    return 0;
}

/* The ecology's CSV beside the league's: FILE.csv -> FILE-ecology.csv; "-": after the league's
 * rows, on standard output, after an empty line. */
static void ecology_path(const char *out, char *buf, size_t bufsz)
{
    size_t n = strlen(out);
    if (n > 4 && strcmp(out + n - 4, ".csv") == 0)
        snprintf(buf, bufsz, "%.*s-ecology.csv", (int)(n - 4), out);
    else
        snprintf(buf, bufsz, "%s-ecology.csv", out);
}

static void print_ecology(FILE *out, const Games *g, const double *share, int gens)
{
    const League *l = g->l;
    const double *last = &share[(gens - 1) * l->n];
    const double *before = &share[(gens > 1 ? gens - 2 : 0) * l->n];
    double moved = 0;
    for (int e = 0; e < l->n; e++)
        moved = fmax(moved, fabs(last[e] - before[e]));
    char n1[32], n2[32];
    snprintf(n1, sizeof n1, "%d", gens - 1);
    snprintf(n2, sizeof n2, "%.2g", moved);
    app_cli_say(out, "league.eco.head", n1, n2, NULL);
    for (int e = 0; e < l->n; e++)
        fprintf(out, "  %-24s  %6.2f%%  ->  %6.2f%%\n", l->e[e].name, 100.0 * share[e],
                100.0 * last[e]);
}

/* ---------------------------------------------------------------------------------------------
 * The command */

/* The roles some entry names, and the count of games. */
static void count_games(Games *g)
{
    const League *l = g->l;
    g->n_roles = 0;
    g->total = 0;
    for (int i = 0; i < l->sc->n_actors; i++) {
        int entered = 0;
        for (int e = 0; e < l->n; e++)
            entered += l->e[e].choice[i] != NULL;
        if (!entered)
            continue;
        g->roles[g->n_roles++] = i;
        g->total += (long long)(entered + 1) * l->n * g->b->plan.runs;
    }
}

static int read_file_of(League *l, const AppLeagueArgs *la, char *err, size_t errsz)
{
    l->file = la->file;
    const char *slash = strrchr(la->file, '/');
    if (slash)
        snprintf(l->dir, sizeof l->dir, "%.*s", (int)(slash - la->file), la->file);
    if (slash && !l->dir[0])
        snprintf(l->dir, sizeof l->dir, "/");
    return dat_json_read_file(la->file, 1 << 20, read_league, l, err, errsz);
}

/* The scripts of one seating's plan compiled; a script that does not is named by the league
 * file's JSON path (FILE: $.entries[K].scripts.ROLE: SCRIPT:LINE: what), or as batch names it
 * when it came from the command line. 0 or -1 with err. */
static int check_seating(const Games *g, const AppBatchPlan *p, int x, int f, const int *ents,
                         char *err, size_t errsz)
{
    char why[700];
    int v, i;
    if (app_batch_check_scripts_at(p, &v, &i, why, sizeof why) == 0)
        return 0;
    int e = -1;
    if (i == g->roles[x])
        e = ents[v];
    else if (i >= 0 && g->l->e[f].choice[i])
        e = f;
    if (e < 0)
        return app_batch_check_scripts(p, err, errsz);
    return core_errf(err, errsz, "%s: $.entries[%d].scripts.%s: %s", g->l->file, e,
                     g->l->sc->actors[i].id, why);
}

/* Every seating's plan made and its scripts compiled once before any game, so that a file that
 * does not read or compile is bad input (exit 2) and no game was played in vain. 0 or -1. */
static int check_all(Games *g, char *err, size_t errsz)
{
    static AppBatchPlan p;
    int ents[MAX_ENTRIES + 1];
    for (int x = 0; x < g->n_roles; x++)
        for (int f = 0; f < g->l->n; f++) {
            int rc = plan_seating(g, &p, x, f, ents, err, errsz);
            if (rc == 0)
                rc = check_seating(g, &p, x, f, ents, err, errsz);
            app_batch_plan_free(&p);
            if (rc < 0)
                return -1;
        }
    return 0;
}

/* Plays every seating. 0, 1 interrupted, -1 with err. */
static int play_all(Games *g, char *err, size_t errsz)
{
    if (check_all(g, err, errsz) < 0)
        return -2;
    g->t0 = app_batch_now();
    for (int x = 0; x < g->n_roles; x++)
        for (int f = 0; f < g->l->n; f++) {
            int rc = play_seating(g, x, f, err, errsz);
            if (rc != 0)
                return rc;
        }
    draw_bar(g, 1);
    return 0;
}

static int finish(Games *g, const AppLeagueArgs *la, FILE *out, FILE *errout, char *err,
                  size_t errsz)
{
    Standing st[MAX_ENTRIES];
    standings(g, st);
    const char *csv = g->b->out;
    FILE *say = csv && strcmp(csv, "-") == 0 ? errout : out;
    print_standings(say, g, st);
    Out o = {g, st, NULL, 0};
    double *share = NULL;
    if (la->generations > 0) {
        share = calloc((size_t)(la->generations + 1) * (size_t)g->l->n, sizeof *share);
        if (!share)
            return app_cli_fail(err, errsz, "cli.err.oom", NULL);
        o.share = share;
        o.gens = ecology(g, la->generations, share);
        print_ecology(say, g, share, o.gens);
    }
    int rc = 0;
    if (csv) {
        rc = write_csv(csv, league_csv, &o, err, errsz);
        char eco[4096];
        ecology_path(csv, eco, sizeof eco);
        if (rc == 0 && share && strcmp(csv, "-") == 0)
            fputc('\n', stdout);
        if (rc == 0 && share)
            rc = write_csv(strcmp(csv, "-") == 0 ? "-" : eco, ecology_csv, &o, err, errsz);
    }
    if (rc == 0 && la->png)
        rc = write_charts(la->png, &o, say, err, errsz);
    free(share);
    return rc;
}

int app_league_main(AppBatchArgs *b, const AppLeagueArgs *la, FILE *out, FILE *errout)
{
    static League l;
    char err[2560];
    int status = 2;
    Games g;
    memset(&g, 0, sizeof g);
    memset(&l, 0, sizeof l);
    if (b->out && strcmp(b->out, "-") != 0 &&
        (strlen(b->out) < 4 || strcmp(b->out + strlen(b->out) - 4, ".csv") != 0)) {
        app_cli_fail(err, sizeof err, "tournament.err.out_ext", b->out, NULL);
        goto fail;
    }
    if (app_batch_load_scenario(&b->plan, b->scenario, err, sizeof err) < 0)
        goto fail;
    app_batch_args_seed(b);
    l.sc = b->plan.sc;
    if (read_file_of(&l, la, err, sizeof err) < 0)
        goto fail;
    g.l = &l;
    g.b = b;
    count_games(&g);
    g.bar = b->plan.progress && (la->progress || isatty(STDERR_FILENO));
    g.board = calloc((size_t)(g.n_roles ? g.n_roles : 1), sizeof *g.board);
    status = 1;
    if (!g.board) {
        app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
        goto fail;
    }
    int rc = play_all(&g, err, sizeof err);
    if (rc == 1) {
        app_cli_fail(err, sizeof err, "league.interrupted", NULL);
        status = APP_BATCH_EXIT_INTERRUPTED;
        goto fail;
    }
    if (rc < 0) {
        status = rc == -2 ? 2 : 1; /* a script that does not load is bad input */
        goto fail;
    }
    if (finish(&g, la, out, errout, err, sizeof err) < 0)
        goto fail;
    status = g.failed ? 1 : 0;
    if (g.lost_runs) {
        char n1[32];
        snprintf(n1, sizeof n1, "%lld", g.lost_runs);
        app_cli_error(errout, b->plan.allow_failures ? "league.lost.allowed" : "league.lost.status",
                      n1, NULL);
        if (!status && !b->plan.allow_failures)
            status = APP_BATCH_EXIT_STRATEGY_FAILED;
    }
    free(g.board);
    league_free(&l);
    app_batch_plan_free(&b->plan);
    return status;
fail:
    fprintf(errout, "closedloop: %s\n", err);
    free(g.board);
    league_free(&l);
    app_batch_plan_free(&b->plan);
    return status;
}
