/* app_sens: the `sensitivity` command: settings, the design, the games, the estimates, output. */
#define _POSIX_C_SOURCE 200809L
#include "app_sens.h"

#include "app_batch_cmd.h"
#include "app_sens_chart.h"
#include "core_err.h"
#include "core_sens.h"
#include "core_text.h"
#include "core_value.h"
#include "sim_param.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_PARAMS    APP_BATCH_MAX_PARAMS
#define MAX_FROM      4096
#define MAX_POINTS    10000000LL
#define META_PREFIX   "# closedloop sensitivity 1 "
#define DEFAULT_SEEDS 10

/* ---------------------------------------------------------------------------------------------
 * Outcomes: what one game says, averaged over the seeds of a point. */

typedef enum {
    O_HUB_DEFAULT,
    O_DEFAULT_MONTH,
    O_DEFAULTS,
    O_VALUE_CREATED,
    O_VALUE_DESTROYED,
    O_PEAK_CIRCULARITY,
    O_PEAK_LEVERAGE,
    O_SCORE,
    O_VALUE,
    O_CIRCULAR,
    O_EXPOSURE,
} OutcomeKind;

static const struct {
    const char *name;
    OutcomeKind kind;
    int role; /* NAME:ROLE */
} outcomes[] = {
    {"hub_default", O_HUB_DEFAULT, 0},
    {"default_month", O_DEFAULT_MONTH, 0},
    {"defaults", O_DEFAULTS, 0},
    {"value_created", O_VALUE_CREATED, 0},
    {"value_destroyed", O_VALUE_DESTROYED, 0},
    {"peak_circularity", O_PEAK_CIRCULARITY, 0},
    {"peak_leverage", O_PEAK_LEVERAGE, 0},
    {"score", O_SCORE, 1},
    {"value", O_VALUE, 1},
    {"circular", O_CIRCULAR, 1},
    {"exposure", O_EXPOSURE, 1},
};
#define N_OUTCOMES ((int)(sizeof outcomes / sizeof outcomes[0]))

static double outcome_of(OutcomeKind kind, int role, const AppBatchResult *r)
{
    switch (kind) {
    case O_HUB_DEFAULT:
        return r->collapse_turn > 0;
    case O_DEFAULT_MONTH: /* a game the hub survived counts the whole calendar */
        return r->collapse_turn > 0 ? r->collapse_turn : r->horizon;
    case O_DEFAULTS:
        return r->defaults;
    case O_VALUE_CREATED:
        return r->value_created;
    case O_VALUE_DESTROYED:
        return r->value_destroyed;
    case O_PEAK_CIRCULARITY:
        return r->peak_circularity;
    case O_PEAK_LEVERAGE:
        return r->peak_leverage;
    case O_SCORE:
        return r->scores[role];
    case O_VALUE:
        return r->value_change[role];
    case O_CIRCULAR:
        return r->peak_circ[role];
    case O_EXPOSURE:
        return r->peak_exposure[role];
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Settings: everything that decides the table, written into the runs file's first line so that
 * --from rebuilds the same design from it. */

enum { M_MORRIS, M_SOBOL };

typedef struct {
    char name[SIM_SENS_NAME_LEN];
    double low, high;
    int log;
} Param;

typedef struct {
    int method;
    char outcome[SIM_SENS_NAME_LEN]; /* as given: hub_default, score:openai */
    long long seeds;                 /* games per point */
    uint64_t seed;
    int trajectories, levels, samples, bootstrap;
    Param par[MAX_PARAMS];
    int k;
    long long points;
    unsigned long long hash;
    int shard_i, shard_n;
    char strategies[1024];
    char scenario[4096];
} Config;

static const char *method_name(int m)
{
    return m == M_SOBOL ? "sobol" : "morris";
}

static double to_value(const Param *p, double u)
{
    return p->log ? p->low * exp(u * log(p->high / p->low)) : p->low + u * (p->high - p->low);
}

/* The settings line (without the shard and the hash) that the hash covers. */
static void settings_text(const Config *c, char *buf, size_t bufsz)
{
    size_t n = (size_t)snprintf(
        buf, bufsz,
        "method=%s outcome=%s seeds=%lld seed=%llu trajectories=%d levels=%d samples=%d "
        "bootstrap=%d",
        method_name(c->method), c->outcome, c->seeds, (unsigned long long)c->seed, c->trajectories,
        c->levels, c->samples, c->bootstrap);
    for (int j = 0; j < c->k && n < bufsz; j++)
        n += (size_t)snprintf(buf + n, bufsz - n, " param=%s:%.17g:%.17g:%s", c->par[j].name,
                              c->par[j].low, c->par[j].high, c->par[j].log ? "log" : "linear");
}

static void write_meta(const Config *c, FILE *f)
{
    char set[16384];
    settings_text(c, set, sizeof set);
    fprintf(f, META_PREFIX "batch=%016llx total=%lld shard=%d/%d %s strategies=%s scenario=%s\n",
            c->hash, c->points, c->shard_i, c->shard_n, set, c->strategies, c->scenario);
    fputs("run", f);
    for (int j = 0; j < c->k; j++)
        fprintf(f, ",%s", c->par[j].name);
    fprintf(f, ",%s\n", c->outcome);
}

/* The unit-cube design of the settings: points rows of k values. NULL if memory runs out. */
static double *make_design(const Config *c)
{
    double *u = malloc((size_t)c->points * (size_t)c->k * sizeof *u);
    if (!u)
        return NULL;
    int rc = c->method == M_MORRIS
                 ? core_sens_morris_design(c->k, c->trajectories, c->levels, c->seed, u)
                 : core_sens_sobol_design(c->k, c->samples, c->seed, u);
    if (rc < 0) {
        free(u);
        return NULL;
    }
    return u;
}

static long long points_of(const Config *c)
{
    return c->method == M_MORRIS ? core_sens_morris_points(c->k, c->trajectories)
                                 : core_sens_sobol_points(c->k, c->samples);
}

/* ---------------------------------------------------------------------------------------------
 * Output: the ranked table, the CSV and the chart, from the outcomes y of every point. */

typedef struct {
    int param;
    double a, b, c, d; /* Morris: mu*, mu, sigma, mu* half-width; Sobol: S1, S1 hw, ST, ST hw */
} Ranked;

/* Orders by the key (mu* or ST), larger first, then by the parameter's place: total, stable. */
static void rank(Ranked *r, int k, int sobol)
{
    for (int i = 1; i < k; i++) {
        Ranked x = r[i];
        double kx = sobol ? x.c : x.a;
        int j = i - 1;
        while (j >= 0) {
            double kj = sobol ? r[j].c : r[j].a;
            if (kj > kx || (kj == kx && r[j].param < x.param))
                break;
            r[j + 1] = r[j];
            j--;
        }
        r[j + 1] = x;
    }
}

/* "the share of games in which the hub defaulted" or "Nvidia's score", in the reader's words. */
static void outcome_words(const char *outcome, char *buf, size_t bufsz)
{
    char key[96], name[64];
    const char *colon = strchr(outcome, ':');
    size_t n = colon ? (size_t)(colon - outcome) : strlen(outcome);
    snprintf(name, sizeof name, "%.*s", (int)n, outcome);
    snprintf(key, sizeof key, "sens.outcome.%s", name);
    core_trf(buf, bufsz, key, colon ? colon + 1 : "", NULL);
}

/* The numbers in the titles: parameters, trajectories or samples, levels or resamples, seeds,
 * games. */
typedef struct {
    char k[32], n[32], grid[32], seeds[32], games[32];
} Counts;

static void counts(const Config *c, Counts *n)
{
    int sobol = c->method == M_SOBOL;
    snprintf(n->k, sizeof n->k, "%d", c->k);
    snprintf(n->n, sizeof n->n, "%d", sobol ? c->samples : c->trajectories);
    snprintf(n->grid, sizeof n->grid, "%d", sobol ? c->bootstrap : c->levels);
    snprintf(n->seeds, sizeof n->seeds, "%lld", c->seeds);
    snprintf(n->games, sizeof n->games, "%lld", c->points * c->seeds);
}

/* The estimates of every parameter into r, ranked; *variance: the outcome's (Sobol). 0, or -1
 * when memory runs out. */
static int estimate(const Config *c, const double *y, Ranked *r, double *variance)
{
    int k = c->k, sobol = c->method == M_SOBOL, rc = -1;
    CoreMorris *m = calloc((size_t)k, sizeof *m);
    CoreSobol *s = calloc((size_t)k, sizeof *s);
    double *u = sobol ? NULL : make_design(c);
    *variance = 0;
    if (m && s && (sobol || u) &&
        !(sobol ? core_sens_sobol(k, c->samples, y, c->bootstrap, c->seed, s, variance)
                : core_sens_morris(k, c->trajectories, u, y, c->bootstrap, c->seed, m))) {
        for (int j = 0; j < k; j++) {
            r[j].param = j;
            r[j].a = sobol ? s[j].s1 : m[j].mu_star;
            r[j].b = sobol ? s[j].s1_conf : m[j].mu;
            r[j].c = sobol ? s[j].st : m[j].sigma;
            r[j].d = sobol ? s[j].st_conf : m[j].mu_star_conf;
        }
        rank(r, k, sobol);
        rc = 0;
    }
    free(m);
    free(s);
    free(u);
    return rc;
}

/* The ranked table on out, with its title and how to read it. */
static void print_table(FILE *out, const Config *c, const Ranked *r, double variance)
{
    int k = c->k, sobol = c->method == M_SOBOL;
    char words[256], v[32];
    Counts n;
    counts(c, &n);
    outcome_words(c->outcome, words, sizeof words);
    if (sobol)
        app_cli_say(out, "sens.title.sobol", c->outcome, n.k, n.n, n.seeds, n.games, c->scenario,
                    NULL);
    else
        app_cli_say(out, "sens.title.morris", c->outcome, n.k, n.n, n.grid, n.seeds, n.games,
                    c->scenario, NULL);
    app_cli_say(out, "sens.outcome_line", c->outcome, words, NULL);
    int wide = 9;
    for (int j = 0; j < k; j++)
        wide = (int)strlen(c->par[j].name) > wide ? (int)strlen(c->par[j].name) : wide;
    static const char *const morris_heads[8] = {
        "sens.col.rank",    "sens.col.param", "sens.col.low",   "sens.col.high",
        "sens.col.mu_star", "sens.col.mu",    "sens.col.sigma", "sens.col.conf"};
    static const char *const sobol_heads[8] = {"sens.col.rank", "sens.col.param", "sens.col.low",
                                               "sens.col.high", "sens.col.s1",    "sens.col.conf",
                                               "sens.col.st",   "sens.col.conf"};
    const int widths[8] = {4, -wide, 10, 10, 10, 10, 10, 10};
    char cell[8][128];
    for (int j = 0; j < 8; j++)
        app_cli_pad(cell[j], sizeof cell[j], core_tr((sobol ? sobol_heads : morris_heads)[j]),
                    widths[j]);
    fprintf(out, "%s  %s  %s  %s  %s  %s  %s  %s\n", cell[0], cell[1], cell[2], cell[3], cell[4],
            cell[5], cell[6], cell[7]);
    for (int j = 0; j < k; j++) {
        const Ranked *x = &r[j];
        const Param *p = &c->par[x->param];
        if (sobol)
            fprintf(out, "%4d  %-*s  %10.4g  %10.4g  %10.4f  %10.4f  %10.4f  %10.4f\n", j + 1, wide,
                    p->name, p->low, p->high, x->a, x->b, x->c, x->d);
        else
            fprintf(out, "%4d  %-*s  %10.4g  %10.4g  %10.4g  %10.4g  %10.4g  %10.4g\n", j + 1, wide,
                    p->name, p->low, p->high, x->a, x->b, x->c, x->d);
    }
    if (sobol && !(variance > 0)) {
        app_cli_say(out, "sens.read.constant", NULL);
    } else if (sobol) {
        snprintf(v, sizeof v, "%.6g", variance);
        app_cli_say(out, "sens.read.sobol", v, NULL);
    } else {
        app_cli_say(out, "sens.read.morris", NULL);
    }
}

/* The CSV: one row per parameter, in rank order. 0, or -1 with err. */
static int write_csv(const Config *c, const Ranked *r, const char *path, char *err, size_t errsz)
{
    int sobol = c->method == M_SOBOL;
    FILE *f = fopen(path, "w");
    if (!f)
        return app_cli_fail(err, errsz, "sens.err.write", path, strerror(errno), NULL);
    fputs(sobol ? "rank,param,low,high,scale,S1,S1_conf,ST,ST_conf\n"
                : "rank,param,low,high,scale,mu_star,mu,sigma,mu_star_conf\n",
          f);
    for (int j = 0; j < c->k; j++) {
        const Ranked *x = &r[j];
        const Param *p = &c->par[x->param];
        fprintf(f, "%d,%s,%.12g,%.12g,%s,%.9g,%.9g,%.9g,%.9g\n", j + 1, p->name, p->low, p->high,
                p->log ? "log" : "linear", x->a, x->b, x->c, x->d);
    }
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (bad)
        return app_cli_fail(err, errsz, "sens.err.write", path, strerror(errno), NULL);
    return 0;
}

/* The tornado chart as PNG. 0, or -1 with err. */
static int draw_chart(const Config *c, const Ranked *r, AppSensBar *bars, const char *path,
                      char *err, size_t errsz)
{
    int k = c->k, sobol = c->method == M_SOBOL;
    char title[300], sub[400], words[256];
    Counts n;
    counts(c, &n);
    outcome_words(c->outcome, words, sizeof words);
    core_trf(title, sizeof title, sobol ? "sens.chart.title.sobol" : "sens.chart.title.morris",
             c->outcome, words, NULL);
    if (sobol)
        core_trf(sub, sizeof sub, "sens.chart.sub.sobol", n.k, n.n, n.seeds, n.games, c->scenario,
                 NULL);
    else
        core_trf(sub, sizeof sub, "sens.chart.sub.morris", n.k, n.n, n.grid, n.seeds, n.games,
                 c->scenario, NULL);
    for (int j = 0; j < k; j++) {
        const Ranked *x = &r[j];
        bars[j].name = c->par[x->param].name;
        if (sobol) {
            bars[j].outer = x->c;
            bars[j].outer_conf = x->d;
            bars[j].inner = x->a;
            bars[j].inner_conf = x->b;
        } else {
            bars[j].outer = x->a;
            bars[j].outer_conf = x->d;
            bars[j].negative = x->b < 0;
        }
    }
    AppSensChart ch = {title,
                       sub,
                       core_tr(sobol ? "sens.chart.st" : "sens.chart.mu_star_up"),
                       sobol ? core_tr("sens.chart.s1") : NULL,
                       sobol ? NULL : core_tr("sens.chart.mu_star_down"),
                       core_tr(sobol ? "sens.chart.axis.sobol" : "sens.chart.axis.morris"),
                       bars,
                       k,
                       sobol};
    char why[1024];
    if (app_sens_chart_png(&ch, path, why, sizeof why) < 0) {
        core_errf(err, errsz, "%s", why);
        return -1;
    }
    return 0;
}

/* The estimates from the outcomes y of every point: the table on out, the CSV, the chart. 0; -1
 * (err) when memory runs out; -2 (err) when a file cannot be written. */
static int write_outputs(const Config *c, const double *y, const char *csv_path,
                         const char *png_path, FILE *out, char *err, size_t errsz)
{
    Ranked *r = calloc((size_t)c->k, sizeof *r);
    AppSensBar *bars = calloc((size_t)c->k, sizeof *bars);
    double variance = 0;
    int rc = 0;
    if (!r || !bars || estimate(c, y, r, &variance) < 0) {
        rc = app_cli_fail(err, errsz, "cli.err.oom", NULL);
    } else {
        print_table(out, c, r, variance);
        if ((csv_path && write_csv(c, r, csv_path, err, errsz) < 0) ||
            (png_path && draw_chart(c, r, bars, png_path, err, errsz) < 0))
            rc = -2;
    }
    free(r);
    free(bars);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Playing the design: the batch engine plays this shard's points, S seeds each; the sink takes
 * the mean of each point as its last seed comes in (in order: the same sum whatever the threads).
 */

typedef struct {
    const Config *c;
    OutcomeKind kind;
    int role;
    double *y;  /* every point of the design (this shard's filled) */
    double sum; /* of the point being summed */
    FILE *runs; /* --runs-csv, or NULL */
    long long failed;
    long long done_points;
} Sink;

static int take(void *ctx, const AppBatchResult *r)
{
    Sink *s = ctx;
    const Config *c = s->c;
    if (r->rep == 0)
        s->sum = 0;
    s->sum += outcome_of(s->kind, s->role, r);
    if (r->failed) {
        s->failed++;
        char run[32], seed[32];
        snprintf(run, sizeof run, "%lld", r->run);
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
        app_cli_error(stderr, "batch.run_failed", run, seed, r->error, NULL);
    }
    if (r->rep + 1 < c->seeds)
        return 0;
    long long g = c->shard_i + r->point * c->shard_n;
    s->y[g] = s->sum / (double)c->seeds;
    s->done_points++;
    if (s->runs) {
        fprintf(s->runs, "%lld", g);
        for (int j = 0; j < c->k; j++)
            fprintf(s->runs, ",%.17g", r->values[j]);
        fprintf(s->runs, ",%.17g\n", s->y[g]);
        return ferror(s->runs) ? -1 : 0;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Flags */

/* FIELD=LOW:HIGH or FIELD=LOW:HIGH:log into p (the name only checked for form here). */
static int parse_param(const char *spec, Param *p, char *err, size_t errsz)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof p->name)
        return app_cli_fail(err, errsz, "sens.err.param_form", spec, NULL);
    memset(p, 0, sizeof *p);
    memcpy(p->name, spec, (size_t)(eq - spec));
    char range[128];
    if (strlen(eq + 1) >= sizeof range)
        return app_cli_fail(err, errsz, "sens.err.param_form", spec, NULL);
    core_strlcpy(range, eq + 1, sizeof range);
    char *c1 = strchr(range, ':');
    char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c1)
        return app_cli_fail(err, errsz, "sens.err.param_form", spec, NULL);
    *c1 = '\0';
    if (c2) {
        *c2 = '\0';
        if (strcmp(c2 + 1, "log") == 0)
            p->log = 1;
        else if (strcmp(c2 + 1, "linear") != 0)
            return app_cli_fail(err, errsz, "sens.err.param_scale", p->name, c2 + 1, NULL);
    }
    if (app_opt_double(range, &p->low) < 0 || app_opt_double(c1 + 1, &p->high) < 0)
        return app_cli_fail(err, errsz, "sens.err.param_form", spec, NULL);
    return 0;
}

/* The outcome name against the table (and its role against the scenario, if one is given). */
static int parse_outcome(const char *v, const SimScenario *sc, const char *scenario_path,
                         OutcomeKind *kind, int *role, char *err, size_t errsz)
{
    const char *colon = strchr(v, ':');
    size_t n = colon ? (size_t)(colon - v) : strlen(v);
    for (int k = 0; k < N_OUTCOMES; k++) {
        if (strlen(outcomes[k].name) != n || strncmp(outcomes[k].name, v, n) != 0)
            continue;
        *kind = outcomes[k].kind;
        *role = -1;
        if (!outcomes[k].role) {
            if (colon)
                return app_cli_fail(err, errsz, "sens.err.outcome_no_role", v, outcomes[k].name,
                                    NULL);
            return 0;
        }
        if (!colon || !colon[1])
            return app_cli_fail(err, errsz, "sens.err.outcome_role", v, outcomes[k].name, NULL);
        if (!sc)
            return 0;
        *role = sim_scenario_find_actor(sc, colon + 1);
        if (*role < 0) {
            char ids[1200];
            size_t len = 0;
            ids[0] = '\0';
            for (int j = 0; j < sc->n_actors && len < sizeof ids; j++) {
                int w =
                    snprintf(ids + len, sizeof ids - len, "%s%s", j ? ", " : "", sc->actors[j].id);
                len += w > 0 ? (size_t)w : 0;
            }
            return app_cli_fail(err, errsz, "sens.err.outcome_actor", v, colon + 1, scenario_path,
                                ids, NULL);
        }
        return 0;
    }
    return app_cli_fail(err, errsz, "sens.err.outcome", v, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * --from: the runs files of one screening (shards, or a merged file) back into y. */

/* The value of " key=" in line up to the next space, into out. */
static int meta_token(const char *line, const char *key, char *out, size_t outsz)
{
    char pat[64];
    snprintf(pat, sizeof pat, " %s=", key);
    return app_batch_meta_token(line, pat, " \n", out, outsz);
}

/* Reads the settings from a runs file's first line. */
static int parse_meta(const char *line, Config *c)
{
    char t[SIM_SENS_NAME_LEN + 80];
    memset(c, 0, sizeof *c);
    if (strncmp(line, META_PREFIX, strlen(META_PREFIX)) != 0)
        return -1;
    if (meta_token(line, "batch", t, sizeof t) < 0 || sscanf(t, "%llx", &c->hash) != 1)
        return -1;
    if (meta_token(line, "total", t, sizeof t) < 0 || sscanf(t, "%lld", &c->points) != 1)
        return -1;
    if (meta_token(line, "shard", t, sizeof t) < 0 ||
        sscanf(t, "%d/%d", &c->shard_i, &c->shard_n) != 2)
        return -1;
    if (meta_token(line, "method", t, sizeof t) < 0)
        return -1;
    c->method = strcmp(t, "sobol") == 0 ? M_SOBOL : strcmp(t, "morris") == 0 ? M_MORRIS : -1;
    if (c->method < 0 || meta_token(line, "outcome", c->outcome, sizeof c->outcome) < 0)
        return -1;
    if (meta_token(line, "seeds", t, sizeof t) < 0 || sscanf(t, "%lld", &c->seeds) != 1 ||
        c->seeds < 1)
        return -1;
    unsigned long long seed;
    if (meta_token(line, "seed", t, sizeof t) < 0 || sscanf(t, "%llu", &seed) != 1)
        return -1;
    c->seed = seed;
    if (meta_token(line, "trajectories", t, sizeof t) < 0 ||
        sscanf(t, "%d", &c->trajectories) != 1 || meta_token(line, "levels", t, sizeof t) < 0 ||
        sscanf(t, "%d", &c->levels) != 1 || meta_token(line, "samples", t, sizeof t) < 0 ||
        sscanf(t, "%d", &c->samples) != 1 || meta_token(line, "bootstrap", t, sizeof t) < 0 ||
        sscanf(t, "%d", &c->bootstrap) != 1)
        return -1;
    for (const char *s = strstr(line, " param="); s; s = strstr(s + 1, " param=")) {
        if (c->k == MAX_PARAMS)
            return -1;
        char *p = NULL;
        size_t n = strcspn(s + 7, " \n");
        if (n >= sizeof t)
            return -1;
        memcpy(t, s + 7, n);
        t[n] = '\0';
        Param *x = &c->par[c->k];
        char *c3 = strrchr(t, ':');
        if (!c3)
            return -1;
        *c3 = '\0';
        x->log = strcmp(c3 + 1, "log") == 0;
        char *c2 = strrchr(t, ':');
        if (!c2)
            return -1;
        *c2 = '\0';
        char *c1 = strrchr(t, ':');
        if (!c1 || (size_t)(c1 - t) >= sizeof x->name)
            return -1;
        *c1 = '\0';
        core_strlcpy(x->name, t, sizeof x->name);
        x->low = strtod(c1 + 1, &p);
        x->high = strtod(c2 + 1, &p);
        c->k++;
    }
    const char *st = strstr(line, " strategies="), *sc = strstr(line, " scenario=");
    if (!st || !sc || sc < st)
        return -1;
    snprintf(c->strategies, sizeof c->strategies, "%.*s", (int)(sc - st - 12), st + 12);
    snprintf(c->scenario, sizeof c->scenario, "%.*s", (int)strcspn(sc + 10, "\n"), sc + 10);
    if (c->k < 1 || c->points != points_of(c) || c->points < 1 || c->points > MAX_POINTS)
        return -1;
    return 0;
}

/* Reads the files into c and y (allocated here). 0, or -1 with err naming the file and line. */
static int read_from(char **paths, int n, Config *c, double **yout, char *err, size_t errsz)
{
    char *line = NULL;
    size_t cap = 0;
    double *y = NULL;
    signed char *seen = NULL;
    const char **where = NULL;
    int rc = -1;
    for (int f = 0; f < n; f++) {
        FILE *in = fopen(paths[f], "r");
        char n1[32], n2[32];
        if (!in) {
            app_cli_fail(err, errsz, "sens.err.read", paths[f], strerror(errno), NULL);
            goto done;
        }
        Config one;
        if (getline(&line, &cap, in) < 0 || parse_meta(line, &one) < 0) {
            fclose(in);
            app_cli_fail(err, errsz, "sens.err.from_header", paths[f], NULL);
            goto done;
        }
        if (f == 0) {
            *c = one;
            y = calloc((size_t)c->points, sizeof *y);
            seen = calloc((size_t)c->points, 1);
            where = calloc((size_t)c->points, sizeof *where);
            if (!y || !seen || !where) {
                fclose(in);
                app_cli_fail(err, errsz, "cli.err.oom", NULL);
                goto done;
            }
        } else if (one.hash != c->hash || one.points != c->points) {
            fclose(in);
            app_cli_fail(err, errsz, "sens.err.from_mix", paths[0], paths[f], NULL);
            goto done;
        }
        /* The column names, then one row per point: run,values...,outcome. */
        long long ln = 1;
        if (getline(&line, &cap, in) < 0 || strncmp(line, "run,", 4) != 0) {
            fclose(in);
            app_cli_fail(err, errsz, "sens.err.from_columns", paths[f], NULL);
            goto done;
        }
        ln++;
        while (getline(&line, &cap, in) >= 0) {
            ln++;
            char *end = NULL;
            errno = 0;
            long long g = strtoll(line, &end, 10);
            int fields = 1;
            for (const char *s = line; *s; s++)
                fields += *s == ',';
            const char *last = strrchr(line, ',');
            double v = 0;
            char *vend = NULL;
            if (last)
                v = strtod(last + 1, &vend);
            snprintf(n1, sizeof n1, "%lld", ln);
            if (end == line || *end != ',' || g < 0 || g >= c->points || fields != c->k + 2 ||
                !vend || (*vend != '\n' && *vend != '\0') || !isfinite(v)) {
                fclose(in);
                snprintf(n2, sizeof n2, "%d", c->k + 2);
                app_cli_fail(err, errsz, "sens.err.from_row", paths[f], n1, n2, NULL);
                goto done;
            }
            if (seen[g]) {
                fclose(in);
                snprintf(n2, sizeof n2, "%lld", g);
                app_cli_fail(err, errsz, "sens.err.from_twice", paths[f], n1, n2, where[g], NULL);
                goto done;
            }
            seen[g] = 1;
            where[g] = paths[f];
            y[g] = v;
        }
        fclose(in);
    }
    for (long long g = 0; g < c->points; g++)
        if (!seen[g]) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%lld", g);
            snprintf(b, sizeof b, "%lld", c->points);
            app_cli_fail(err, errsz, "sens.err.from_missing", a, b, NULL);
            goto done;
        }
    c->shard_i = 0;
    c->shard_n = 1;
    *yout = y;
    y = NULL;
    rc = 0;
done:
    free(line);
    free(y);
    free(seen);
    free(where);
    return rc;
}

/* Splits "a.csv,b.csv" (in place) and adds the parts to paths. */
static int add_from(char *v, char **paths, int *n, char *err, size_t errsz)
{
    for (char *s = v; s;) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        if (!*s)
            return app_cli_fail(err, errsz, "cli.err.expects_file", "--from", NULL);
        if (*n == MAX_FROM)
            return app_cli_full(err, errsz, "merge.err.too_many", MAX_FROM);
        paths[(*n)++] = s;
        s = comma ? comma + 1 : NULL;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* The ranges to screen: the scenario's (unless --params-only), then each --param, which
 * replaces the scenario's range of the same name or adds one. Each checked against the field. */
static int gather_params(Config *c, const AppBatchPlan *p, int declared, char **specs, int n_specs,
                         char *err, size_t errsz)
{
    c->k = 0;
    for (int j = 0; declared && j < p->sc->n_sens; j++) {
        Param *x = &c->par[c->k++];
        core_strlcpy(x->name, p->sc->sens[j].param, sizeof x->name);
        x->low = p->sc->sens[j].low;
        x->high = p->sc->sens[j].high;
        x->log = p->sc->sens[j].log;
    }
    for (int s = 0; s < n_specs; s++) {
        Param q;
        if (parse_param(specs[s], &q, err, errsz) < 0)
            return -1;
        AppBatchVary v;
        memset(&v, 0, sizeof v);
        core_strlcpy(v.name, q.name, sizeof v.name);
        if (app_batch_resolve_param(p->sc, p->scenario_path, q.name, "--param", &v.field, &v.actor,
                                    err, errsz) < 0)
            return -1;
        char a[32], b[32];
        snprintf(a, sizeof a, "%g", q.low);
        snprintf(b, sizeof b, "%g", q.high);
        if (!(q.low < q.high))
            return app_cli_fail(err, errsz, "sens.err.param_order", q.name, a, b, NULL);
        if (q.log && !(q.low > 0))
            return app_cli_fail(err, errsz, "sens.err.param_log", q.name, a, NULL);
        if (app_batch_check_range(&v, "--param", q.low, q.high, err, errsz) < 0)
            return -1;
        int j = 0;
        while (j < c->k && strcmp(c->par[j].name, q.name) != 0)
            j++;
        if (j == c->k) {
            if (c->k == MAX_PARAMS) {
                snprintf(a, sizeof a, "%d", MAX_PARAMS);
                return app_cli_fail(err, errsz, "sens.err.too_many", a, NULL);
            }
            c->k++;
        }
        c->par[j] = q;
    }
    if (c->k == 0)
        return app_cli_fail(err, errsz, declared ? "sens.err.no_ranges" : "sens.err.no_params",
                            p->scenario_path, NULL);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Options */

typedef struct {
    AppBatchArgs b; /* first: the shared readers take the context as AppBatchArgs */
    Config c;
    const char *csv, *png, *runs_csv;
    char *from[MAX_FROM];
    int n_from;
    char *specs[MAX_PARAMS];
    int n_specs;
    int declared; /* the scenario's ranges too (not --params-only) */
    int samples_set, traj_set;
    const char *run_flag; /* the last flag given that --from cannot take */
} Args;

static int read_method(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt;
    if (strcmp(v, "morris") == 0)
        a->c.method = M_MORRIS;
    else if (strcmp(v, "sobol") == 0)
        a->c.method = M_SOBOL;
    else
        return app_cli_fail(err, errsz, "sens.err.method", v, NULL);
    return 0;
}

static int read_outcome(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    OutcomeKind kind;
    int role;
    (void)opt;
    if (strlen(v) >= sizeof a->c.outcome)
        return app_cli_fail(err, errsz, "sens.err.outcome", v, NULL);
    if (parse_outcome(v, NULL, NULL, &kind, &role, err, errsz) < 0)
        return -1;
    core_strlcpy(a->c.outcome, v, sizeof a->c.outcome);
    return 0;
}

/* --seeds, --trajectories, --levels, --samples, --bootstrap: whole numbers in their ranges. */
static int read_whole(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    static const struct {
        const char *name;
        long long lo, hi;
    } ranges[] = {{"--seeds", 1, 100000},
                  {"--trajectories", 2, 100000},
                  {"--levels", 2, 1000},
                  {"--samples", 2, 1000000},
                  {"--bootstrap", 0, 100000}};
    Args *a = ctx;
    long long lo = 0, hi = 0, n;
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        if (strcmp(ranges[k].name, opt->name) == 0) {
            lo = ranges[k].lo;
            hi = ranges[k].hi;
        }
    if (app_opt_count(opt->name, v, lo, hi, &n, err, errsz) < 0)
        return -1;
    if (strcmp(opt->name, "--levels") == 0 && n % 2)
        return app_cli_fail(err, errsz, "sens.err.levels", v, NULL);
    if (strcmp(opt->name, "--seeds") == 0)
        a->c.seeds = n;
    else
        *(int *)(void *)((char *)ctx + opt->at) = (int)n;
    a->samples_set |= strcmp(opt->name, "--samples") == 0;
    a->traj_set |= strcmp(opt->name, "--trajectories") == 0;
    return 0;
}

static int read_param(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt;
    if (a->n_specs == MAX_PARAMS)
        return app_cli_full(err, errsz, "sens.err.too_many", MAX_PARAMS);
    a->specs[a->n_specs++] = v;
    return 0;
}

static int read_shard(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt;
    return app_opt_shard(v, &a->c.shard_i, &a->c.shard_n, err, errsz);
}

static int read_from_flag(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt;
    return add_from(v, a->from, &a->n_from, err, errsz);
}

#define AT(f) offsetof(Args, f)
#define RUN   APP_OPT_MARK
static const AppOpt opts[] = {
    {"--method", NULL, "sens.arg.method", NULL, APP_OPT_CALL, 0, read_method, RUN, 0},
    {"--outcome", NULL, "cli.arg.name", NULL, APP_OPT_CALL, 0, read_outcome, RUN, 0},
    {"--param", NULL, "sens.arg.param", NULL, APP_OPT_CALL, 0, read_param, RUN | APP_OPT_REPEAT, 0},
    {"--params-only", NULL, NULL, NULL, APP_OPT_SWITCH, AT(declared), NULL, RUN | APP_OPT_OFF, 0},
    {"--seeds", NULL, "cli.arg.s", NULL, APP_OPT_CALL, 0, read_whole, RUN, 0},
    {"--trajectories", NULL, "sens.arg.r", NULL, APP_OPT_CALL, AT(c.trajectories), read_whole, RUN,
     0},
    {"--levels", NULL, "sens.arg.p", NULL, APP_OPT_CALL, AT(c.levels), read_whole, RUN, 0},
    {"--samples", NULL, "cli.arg.n", NULL, APP_OPT_CALL, AT(c.samples), read_whole, RUN, 0},
    {"--bootstrap", NULL, "sens.arg.b", NULL, APP_OPT_CALL, AT(c.bootstrap), read_whole, RUN, 0},
    APP_BATCH_OPT_SEED("sens.arg.seed", RUN),
    APP_BATCH_OPT_SCENARIO(RUN),
    APP_BATCH_OPT_STRATEGY(RUN),
    APP_BATCH_OPT_THREADS("sens.arg.k"),
    {"--shard", NULL, "cli.arg.shard", NULL, APP_OPT_CALL, 0, read_shard, RUN, 0},
    {"--csv", NULL, "sens.arg.csv", NULL, APP_OPT_FILE, AT(csv), NULL, 0, 0},
    {"--png", NULL, "sens.arg.png", NULL, APP_OPT_FILE, AT(png), NULL, 0, 0},
    {"--runs-csv", NULL, "sens.arg.runs", NULL, APP_OPT_FILE, AT(runs_csv), NULL, RUN, 0},
    {"--from", NULL, "sens.arg.from", NULL, APP_OPT_CALL, 0, read_from_flag, APP_OPT_HIDE, 0},
    APP_BATCH_OPT_QUIET,
    APP_BATCH_OPT_ALLOW_FAILURES(RUN),
};
#undef RUN
#undef AT

static const AppCmd cmd = {
    "sensitivity",         NULL, "sens.about", opts, APP_OPT_COUNT(opts), "sens.err.unknown_option",
    "sens.err.unexpected", NULL};

/* ---------------------------------------------------------------------------------------------
 * Steps */

static void init_args(Args *a)
{
    app_batch_args_init(a, sizeof *a);
    a->b.plan.runs = 1; /* the seeds, once known (plan_sens) */
    a->b.plan.threads = cores();
    a->declared = 1;
    Config *c = &a->c;
    c->method = M_MORRIS;
    core_strlcpy(c->outcome, "hub_default", sizeof c->outcome);
    c->seeds = DEFAULT_SEEDS;
    c->trajectories = 20;
    c->levels = 4;
    c->samples = 64;
    c->bootstrap = 200;
    c->shard_n = 1;
}

/* --from: the table from the runs files, whose settings no flag may change. The exit status. */
static int from_files(Args *a, FILE *out, char *err, size_t errsz)
{
    double *y = NULL;
    int rc;
    if (a->run_flag)
        rc = app_cli_fail(err, errsz, "sens.err.from_flag", a->run_flag, NULL);
    else if ((rc = read_from(a->from, a->n_from, &a->c, &y, err, errsz)) == 0)
        rc = write_outputs(&a->c, y, a->csv, a->png, out, err, errsz);
    free(y);
    return rc == 0 ? 0 : rc == -2 ? 1 : 2;
}

/* The flags that go together: the method's own, a shard's runs file. */
static int check_flags(Args *a, char *err, size_t errsz)
{
    Config *c = &a->c;
    if (c->method == M_MORRIS && a->samples_set)
        return app_cli_fail(err, errsz, "sens.err.samples_morris", NULL);
    if (c->method == M_SOBOL && a->traj_set)
        return app_cli_fail(err, errsz, "sens.err.trajectories_sobol", NULL);
    if (c->shard_n > 1 && !a->runs_csv)
        return app_cli_fail(err, errsz, "sens.err.shard_runs", NULL);
    if (c->method == M_MORRIS)
        c->samples = 0;
    else
        c->trajectories = c->levels = 0;
    return 0;
}

/* The scenario, the ranges, the outcome (into sink), the seats; the parameters as the plan's
 * sweep (one value each: the design sets them) and the settings' hash. */
static int plan_sens(Args *a, Sink *sink, FILE *errout, char *err, size_t errsz)
{
    AppBatchPlan *p = &a->b.plan;
    Config *c = &a->c;
    if (app_batch_load_scenario(p, a->b.scenario, err, errsz) < 0)
        return -1;
    app_batch_args_seed(&a->b);
    c->seed = p->seed;
    core_strlcpy(c->scenario, p->scenario_path, sizeof c->scenario);
    if (gather_params(c, p, a->declared, a->specs, a->n_specs, err, errsz) < 0 ||
        parse_outcome(c->outcome, p->sc, p->scenario_path, &sink->kind, &sink->role, err, errsz) <
            0)
        return -1;
    c->points = points_of(c);
    if (c->points > MAX_POINTS ||
        (double)c->points * (double)c->seeds > (double)APP_BATCH_MAX_RUNS) {
        char n1[32], n2[32], n3[32];
        snprintf(n1, sizeof n1, "%lld", c->points);
        snprintf(n2, sizeof n2, "%lld", c->seeds);
        snprintf(n3, sizeof n3, "%lld", APP_BATCH_MAX_RUNS);
        return app_cli_fail(err, errsz, "sens.err.too_big", n1, n2, n3, NULL);
    }
    p->runs = c->seeds;
    if (app_batch_args_variant(&a->b, "history", NULL, NULL, err, errsz) < 0)
        return -1;
    app_batch_note_playbooks(errout, p);
    for (int j = 0; j < c->k; j++) {
        AppBatchVary *v = &p->vary[j];
        memset(v, 0, sizeof *v);
        core_strlcpy(v->name, c->par[j].name, sizeof v->name);
        app_batch_resolve_param(p->sc, p->scenario_path, v->name, "--param", &v->field, &v->actor,
                                err, errsz);
        v->from = c->par[j].low;
        v->to = c->par[j].high;
        v->step = c->par[j].log ? -1 : 0; /* only the hash reads it */
        v->count = 1;
    }
    p->n_vary = c->k;
    size_t len = 0;
    for (int i = 0; i < p->sc->n_actors && len < sizeof c->strategies; i++) {
        int w = snprintf(c->strategies + len, sizeof c->strategies - len, "%s%s=%s", i ? "," : "",
                         p->sc->actors[i].id, p->label[0][i]);
        len += w > 0 ? (size_t)w : 0;
    }
    char set[16384];
    settings_text(c, set, sizeof set);
    c->hash = core_fnv1a(app_batch_plan_hash(p), set, strlen(set));
    return 0;
}

/* This shard's rows of the design, in values, as the plan's points (*design: the caller frees);
 * the plan finished and its scripts checked. Returns the points, or -1 with err. */
static long long design_sens(Args *a, double **design, char *err, size_t errsz)
{
    AppBatchPlan *p = &a->b.plan;
    const Config *c = &a->c;
    double *unit = make_design(c);
    long long mine =
        c->shard_i < c->points ? (c->points - c->shard_i + c->shard_n - 1) / c->shard_n : 0;
    *design = malloc(((size_t)mine + 1) * (size_t)c->k * sizeof **design);
    if (!unit || !*design) {
        free(unit);
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    for (long long l = 0; l < mine; l++) {
        long long g = c->shard_i + l * c->shard_n;
        for (int j = 0; j < c->k; j++)
            (*design)[l * c->k + j] = to_value(&c->par[j], unit[g * c->k + j]);
    }
    free(unit);
    p->design = *design;
    p->design_points = mine;
    p->shard_i = 0;
    p->shard_n = 1;
    if (app_batch_plan_finish(p, err, errsz) < 0 || app_batch_check_scripts(p, err, errsz) < 0)
        return -1;
    return mine;
}

/* Plays the design into sink (and the runs file); says what it did. The exit status: 0, or 1 /
 * 130 with the message in err. */
static int play_sens(Args *a, Sink *sink, long long mine, FILE *out, FILE *errout, char *err,
                     size_t errsz)
{
    AppBatchPlan *p = &a->b.plan;
    long long done = 0;
    double t0 = app_batch_now();
    int rc = app_batch_execute(p, take, sink, &done, err, errsz);
    double secs = app_batch_now() - t0;
    int closed = sink->runs ? fclose(sink->runs) : 0;
    sink->runs = NULL;
    char n1[32], n2[32], n3[32], n4[32], n5[32];
    snprintf(n1, sizeof n1, "%lld", done);
    snprintf(n2, sizeof n2, "%lld", p->total);
    snprintf(n3, sizeof n3, "%lld", mine);
    if (rc < 0)
        return 1;
    if (rc == APP_BATCH_SINK_FAILED || closed != 0) {
        app_cli_fail(err, errsz, "sens.err.write", a->runs_csv, strerror(errno), NULL);
        return 1;
    }
    if (rc == APP_BATCH_INTERRUPTED) {
        app_cli_fail(err, errsz, "sens.interrupted", n1, n2, NULL);
        return APP_BATCH_EXIT_INTERRUPTED;
    }
    if (sink->failed) {
        snprintf(n4, sizeof n4, "%lld", sink->failed);
        app_cli_fail(err, errsz, "sens.err.failed", n4, n1, NULL);
        return 1;
    }
    if (p->progress) {
        snprintf(n4, sizeof n4, "%.2f", secs);
        snprintf(n5, sizeof n5, "%d", p->threads);
        app_cli_error(errout, "sens.done", n1, n3, n4, n5, NULL);
    }
    if (a->c.shard_n > 1) {
        char sh[48];
        snprintf(sh, sizeof sh, "%d/%d", a->c.shard_i, a->c.shard_n);
        app_cli_say(out, "sens.shard_done", sh, n3, a->runs_csv, NULL);
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

int app_sens_main(int argc, char **argv, FILE *out, FILE *errout)
{
    static Args a; /* large (the plan, the settings): not on the stack */
    init_args(&a);
    AppBatchPlan *p = &a.b.plan;
    char err[2560];
    double *design = NULL, *y = NULL;
    int status = 2;
    long long mine;
    Sink sink;
    memset(&sink, 0, sizeof sink);
    sink.c = &a.c;
    int rc = app_opt_command(&cmd, argc, argv, &a, &a.run_flag, out, err, sizeof err);
    if (rc == 1) {
        app_batch_plan_free(p);
        return 0;
    }
    if (rc == 0 && a.n_from) {
        status = from_files(&a, out, err, sizeof err);
        goto done;
    }
    if (rc < 0 || check_flags(&a, err, sizeof err) < 0 ||
        plan_sens(&a, &sink, errout, err, sizeof err) < 0 ||
        (mine = design_sens(&a, &design, err, sizeof err)) < 0)
        goto done;
    if (!(y = calloc((size_t)a.c.points, sizeof *y))) {
        app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
        goto done;
    }
    if (a.runs_csv) {
        if (!(sink.runs = fopen(a.runs_csv, "w"))) {
            app_cli_fail(err, sizeof err, "sens.err.write", a.runs_csv, strerror(errno), NULL);
            goto done;
        }
        write_meta(&a.c, sink.runs);
    }
    sink.y = y;
    status = play_sens(&a, &sink, mine, out, errout, err, sizeof err);
    if (status == 0 && a.c.shard_n == 1 &&
        write_outputs(&a.c, y, a.csv, a.png, out, err, sizeof err) < 0)
        status = 1;
done:
    if (status != 0)
        fprintf(errout, "closedloop: %s\n", err);
    if (sink.runs)
        fclose(sink.runs);
    free(design);
    free(y);
    app_batch_plan_free(p);
    return status;
}
