/* app_sens: the `sensitivity` command: settings, the design, the games, the estimates, output. */
#define _POSIX_C_SOURCE 200809L
#include "app_sens.h"

#include "app_batch.h"
#include "app_cli.h"
#include "app_sens_chart.h"
#include "core_err.h"
#include "core_sens.h"
#include "core_text.h"
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

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
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

static int write_outputs(const Config *c, const double *y, const char *csv_path,
                         const char *png_path, FILE *out, char *err, size_t errsz)
{
    int k = c->k, sobol = c->method == M_SOBOL, rc = -1;
    Ranked *r = calloc((size_t)k, sizeof *r);
    CoreMorris *m = calloc((size_t)k, sizeof *m);
    CoreSobol *s = calloc((size_t)k, sizeof *s);
    AppSensBar *bars = calloc((size_t)k, sizeof *bars);
    double *u = sobol ? NULL : make_design(c);
    double variance = 0;
    FILE *f = NULL;
    if (!r || !m || !s || !bars || (!sobol && !u)) {
        app_cli_fail(err, errsz, "cli.err.oom", NULL);
        goto done;
    }
    if (sobol ? core_sens_sobol(k, c->samples, y, c->bootstrap, c->seed, s, &variance)
              : core_sens_morris(k, c->trajectories, u, y, c->bootstrap, c->seed, m)) {
        app_cli_fail(err, errsz, "cli.err.oom", NULL);
        goto done;
    }
    for (int j = 0; j < k; j++) {
        r[j].param = j;
        if (sobol) {
            r[j].a = s[j].s1;
            r[j].b = s[j].s1_conf;
            r[j].c = s[j].st;
            r[j].d = s[j].st_conf;
        } else {
            r[j].a = m[j].mu_star;
            r[j].b = m[j].mu;
            r[j].c = m[j].sigma;
            r[j].d = m[j].mu_star_conf;
        }
    }
    rank(r, k, sobol);

    /* The table */
    char words[256], n1[32], n2[32], n3[32], n4[32], n5[32], n6[32];
    outcome_words(c->outcome, words, sizeof words);
    snprintf(n1, sizeof n1, "%d", k);
    snprintf(n4, sizeof n4, "%lld", c->seeds);
    snprintf(n5, sizeof n5, "%lld", c->points * c->seeds);
    if (sobol) {
        snprintf(n2, sizeof n2, "%d", c->samples);
        snprintf(n3, sizeof n3, "%d", c->bootstrap);
        app_cli_say(out, "sens.title.sobol", c->outcome, n1, n2, n4, n5, c->scenario, NULL);
    } else {
        snprintf(n2, sizeof n2, "%d", c->trajectories);
        snprintf(n3, sizeof n3, "%d", c->levels);
        app_cli_say(out, "sens.title.morris", c->outcome, n1, n2, n3, n4, n5, c->scenario, NULL);
    }
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
        snprintf(n6, sizeof n6, "%.6g", variance);
        app_cli_say(out, "sens.read.sobol", n6, NULL);
    } else {
        app_cli_say(out, "sens.read.morris", NULL);
    }

    /* The CSV: one row per parameter, in rank order. */
    if (csv_path) {
        if (!(f = fopen(csv_path, "w"))) {
            app_cli_fail(err, errsz, "sens.err.write", csv_path, strerror(errno), NULL);
            rc = -2;
            goto done;
        }
        fputs(sobol ? "rank,param,low,high,scale,S1,S1_conf,ST,ST_conf\n"
                    : "rank,param,low,high,scale,mu_star,mu,sigma,mu_star_conf\n",
              f);
        for (int j = 0; j < k; j++) {
            const Ranked *x = &r[j];
            const Param *p = &c->par[x->param];
            fprintf(f, "%d,%s,%.12g,%.12g,%s,%.9g,%.9g,%.9g,%.9g\n", j + 1, p->name, p->low,
                    p->high, p->log ? "log" : "linear", x->a, x->b, x->c, x->d);
        }
        int bad = ferror(f);
        bad |= fclose(f) != 0;
        f = NULL;
        if (bad) {
            app_cli_fail(err, errsz, "sens.err.write", csv_path, strerror(errno), NULL);
            rc = -2;
            goto done;
        }
    }

    /* The tornado chart */
    if (png_path) {
        char title[300], sub[400];
        core_trf(title, sizeof title, sobol ? "sens.chart.title.sobol" : "sens.chart.title.morris",
                 c->outcome, words, NULL);
        if (sobol)
            core_trf(sub, sizeof sub, "sens.chart.sub.sobol", n1, n2, n4, n5, c->scenario, NULL);
        else
            core_trf(sub, sizeof sub, "sens.chart.sub.morris", n1, n2, n3, n4, n5, c->scenario,
                     NULL);
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
        if (app_sens_chart_png(&ch, png_path, why, sizeof why) < 0) {
            core_errf(err, errsz, "%s", why);
            rc = -2;
            goto done;
        }
    }
    rc = 0;
done:
    if (f)
        fclose(f);
    free(r);
    free(m);
    free(s);
    free(bars);
    free(u);
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

static int parse_int(const char *flag, const char *v, long long lo, long long hi, int *out,
                     char *err, size_t errsz)
{
    long long n;
    if (app_batch_parse_count(flag, v, lo, hi, &n, err, errsz) < 0)
        return -1;
    *out = (int)n;
    return 0;
}

static int parse_number(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    if (!*s)
        return -1;
    double d = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(d))
        return -1;
    *out = d;
    return 0;
}

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
    if (parse_number(range, &p->low) < 0 || parse_number(c1 + 1, &p->high) < 0)
        return app_cli_fail(err, errsz, "sens.err.param_form", spec, NULL);
    return 0;
}

/* Parses I/N. */
static int parse_shard(const char *v, int *si, int *sn, char *err, size_t errsz)
{
    const char *slash = strchr(v, '/');
    char a[32], why[256];
    long long i, n;
    if (!slash || (size_t)(slash - v) >= sizeof a)
        return app_cli_fail(err, errsz, "batch.err.shard_form", v, NULL);
    memcpy(a, v, (size_t)(slash - v));
    a[slash - v] = '\0';
    if (app_batch_parse_count("--shard N", slash + 1, 1, 1000000, &n, why, sizeof why) < 0 ||
        app_batch_parse_count("--shard I", a, 0, 1000000, &i, why, sizeof why) < 0)
        return app_cli_fail(err, errsz, "batch.err.shard_range", v, NULL);
    if (i >= n) {
        char last[32];
        snprintf(last, sizeof last, "%lld", n - 1);
        return app_cli_fail(err, errsz, "batch.err.shard_below", v, last, NULL);
    }
    *si = (int)i;
    *sn = (int)n;
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
    const char *s = strstr(line, pat);
    if (!s)
        return -1;
    s += strlen(pat);
    size_t n = strcspn(s, " \n");
    if (n == 0 || n >= outsz)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
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
        if (*n == MAX_FROM) {
            char most[16];
            snprintf(most, sizeof most, "%d", MAX_FROM);
            return app_cli_fail(err, errsz, "merge.err.too_many", most, NULL);
        }
        paths[(*n)++] = s;
        s = comma ? comma + 1 : NULL;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

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

int app_sens_main(int argc, char **argv, FILE *out, FILE *errout)
{
    static Config c;
    static char *from[MAX_FROM];
    AppBatchPlan p;
    app_batch_plan_init(&p);
    memset(&c, 0, sizeof c);
    c.method = M_MORRIS;
    core_strlcpy(c.outcome, "hub_default", sizeof c.outcome);
    c.seeds = DEFAULT_SEEDS;
    c.trajectories = 20;
    c.levels = 4;
    c.samples = 64;
    c.bootstrap = 200;
    c.shard_n = 1;
    p.threads = cores();
    char err[2560];
    const char *scenario = NULL, *csv = NULL, *png = NULL, *runs_csv = NULL, *dummy_out = NULL;
    const char *roles[APP_BATCH_MAX_ACTORS], *choices[APP_BATCH_MAX_ACTORS];
    char *specs[MAX_PARAMS];
    const char *run_flag = NULL; /* a flag that --from cannot take */
    int n_choices = 0, n_specs = 0, n_from = 0, declared = 1, status = 2, samples_set = 0;
    int traj_set = 0;
    double *design = NULL, *y = NULL;
    FILE *runs = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(core_tr("sens.help"), out);
            return 0;
        }
        if (app_cli_is_flag(a, "--out") || app_cli_is_flag(a, "--runs") ||
            strcmp(a, "--book-checks") == 0) {
            app_cli_fail(err, sizeof err, "sens.err.unknown_option", a, NULL);
            goto fail;
        }
        int rc = app_batch_common_flag(&p, argc, argv, &i, &scenario, &dummy_out, err, sizeof err);
        if (rc < 0)
            goto fail;
        if (rc > 0) {
            if (strcmp(a, "--quiet") != 0 && strcmp(a, "-q") != 0 &&
                !app_cli_is_flag(a, "--threads"))
                run_flag = a;
            continue;
        }
        if (app_cli_is_flag(a, "--method")) {
            if (!(v = app_cli_value(argc, argv, &i, "--method", err, sizeof err)))
                goto fail;
            if (strcmp(v, "morris") == 0)
                c.method = M_MORRIS;
            else if (strcmp(v, "sobol") == 0)
                c.method = M_SOBOL;
            else {
                app_cli_fail(err, sizeof err, "sens.err.method", v, NULL);
                goto fail;
            }
            run_flag = a;
        } else if (app_cli_is_flag(a, "--outcome")) {
            if (!(v = app_cli_value(argc, argv, &i, "--outcome", err, sizeof err)))
                goto fail;
            OutcomeKind kind;
            int role;
            if (strlen(v) >= sizeof c.outcome) {
                app_cli_fail(err, sizeof err, "sens.err.outcome", v, NULL);
                goto fail;
            }
            if (parse_outcome(v, NULL, NULL, &kind, &role, err, sizeof err) < 0)
                goto fail;
            core_strlcpy(c.outcome, v, sizeof c.outcome);
            run_flag = a;
        } else if (app_cli_is_flag(a, "--seeds")) {
            long long n;
            if (!(v = app_cli_value(argc, argv, &i, "--seeds", err, sizeof err)) ||
                app_batch_parse_count("--seeds", v, 1, 100000, &n, err, sizeof err) < 0)
                goto fail;
            c.seeds = n;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--trajectories")) {
            if (!(v = app_cli_value(argc, argv, &i, "--trajectories", err, sizeof err)) ||
                parse_int("--trajectories", v, 2, 100000, &c.trajectories, err, sizeof err) < 0)
                goto fail;
            traj_set = 1;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--levels")) {
            if (!(v = app_cli_value(argc, argv, &i, "--levels", err, sizeof err)) ||
                parse_int("--levels", v, 2, 1000, &c.levels, err, sizeof err) < 0)
                goto fail;
            if (c.levels % 2) {
                app_cli_fail(err, sizeof err, "sens.err.levels", v, NULL);
                goto fail;
            }
            run_flag = a;
        } else if (app_cli_is_flag(a, "--samples")) {
            if (!(v = app_cli_value(argc, argv, &i, "--samples", err, sizeof err)) ||
                parse_int("--samples", v, 2, 1000000, &c.samples, err, sizeof err) < 0)
                goto fail;
            samples_set = 1;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--bootstrap")) {
            if (!(v = app_cli_value(argc, argv, &i, "--bootstrap", err, sizeof err)) ||
                parse_int("--bootstrap", v, 0, 100000, &c.bootstrap, err, sizeof err) < 0)
                goto fail;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--param")) {
            if (!(v = app_cli_value(argc, argv, &i, "--param", err, sizeof err)))
                goto fail;
            if (n_specs == MAX_PARAMS) {
                char most[16];
                snprintf(most, sizeof most, "%d", MAX_PARAMS);
                app_cli_fail(err, sizeof err, "sens.err.too_many", most, NULL);
                goto fail;
            }
            specs[n_specs++] = (char *)v;
            run_flag = a;
        } else if (strcmp(a, "--params-only") == 0) {
            declared = 0;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--strategy")) {
            if (!(v = app_cli_value(argc, argv, &i, "--strategy", err, sizeof err)))
                goto fail;
            if (app_batch_add_strategy(v, roles, choices, &n_choices, "cli.err.strategy", err,
                                       sizeof err) < 0)
                goto fail;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--shard")) {
            if (!(v = app_cli_value(argc, argv, &i, "--shard", err, sizeof err)) ||
                parse_shard(v, &c.shard_i, &c.shard_n, err, sizeof err) < 0)
                goto fail;
            run_flag = a;
        } else if (app_cli_is_flag(a, "--csv") || app_cli_is_flag(a, "--png") ||
                   app_cli_is_flag(a, "--runs-csv") || app_cli_is_flag(a, "--from")) {
            char flag[16];
            size_t fl = strcspn(a, "=");
            snprintf(flag, sizeof flag, "%.*s", (int)fl, a);
            if (!(v = app_cli_value(argc, argv, &i, flag, err, sizeof err)))
                goto fail;
            if (!*v) {
                app_cli_fail(err, sizeof err, "cli.err.expects_file", flag, NULL);
                goto fail;
            }
            if (strcmp(flag, "--csv") == 0)
                csv = v;
            else if (strcmp(flag, "--png") == 0)
                png = v;
            else if (strcmp(flag, "--runs-csv") == 0) {
                runs_csv = v;
                run_flag = a;
            } else if (add_from((char *)v, from, &n_from, err, sizeof err) < 0)
                goto fail;
        } else if (a[0] == '-') {
            app_cli_fail(err, sizeof err, "sens.err.unknown_option", a, NULL);
            goto fail;
        } else {
            app_cli_fail(err, sizeof err, "sens.err.unexpected", a, NULL);
            goto fail;
        }
    }
    if (n_from) {
        /* The settings come from the files: a flag that would change them is refused. */
        if (run_flag) {
            app_cli_fail(err, sizeof err, "sens.err.from_flag", run_flag, NULL);
            goto fail;
        }
        if (read_from(from, n_from, &c, &y, err, sizeof err) < 0)
            goto fail;
        int rc = write_outputs(&c, y, csv, png, out, err, sizeof err);
        if (rc < 0) {
            status = rc == -2 ? 1 : 2;
            goto fail;
        }
        status = 0;
        goto done;
    }
    if (c.method == M_MORRIS && samples_set) {
        app_cli_fail(err, sizeof err, "sens.err.samples_morris", NULL);
        goto fail;
    }
    if (c.method == M_SOBOL && traj_set) {
        app_cli_fail(err, sizeof err, "sens.err.trajectories_sobol", NULL);
        goto fail;
    }
    if (c.shard_n > 1 && !runs_csv) {
        app_cli_fail(err, sizeof err, "sens.err.shard_runs", NULL);
        goto fail;
    }
    if (c.method == M_MORRIS)
        c.samples = 0;
    else
        c.trajectories = c.levels = 0;

    /* The scenario, the ranges, the outcome. */
    if (app_batch_load_scenario(&p, scenario, err, sizeof err) < 0)
        goto fail;
    if (!p.has_seed)
        p.seed = p.sc->default_seed;
    c.seed = p.seed;
    core_strlcpy(c.scenario, p.scenario_path, sizeof c.scenario);
    if (gather_params(&c, &p, declared, specs, n_specs, err, sizeof err) < 0)
        goto fail;
    Sink sink;
    memset(&sink, 0, sizeof sink);
    sink.c = &c;
    if (parse_outcome(c.outcome, p.sc, p.scenario_path, &sink.kind, &sink.role, err, sizeof err) <
        0)
        goto fail;
    c.points = points_of(&c);
    if (c.points > MAX_POINTS || (double)c.points * (double)c.seeds > (double)APP_BATCH_MAX_RUNS) {
        char a[32], b[32], d[32];
        snprintf(a, sizeof a, "%lld", c.points);
        snprintf(b, sizeof b, "%lld", c.seeds);
        snprintf(d, sizeof d, "%lld", APP_BATCH_MAX_RUNS);
        app_cli_fail(err, sizeof err, "sens.err.too_big", a, b, d, NULL);
        goto fail;
    }

    /* The plan: the same seats and seeds at every point; this shard's rows of the design. */
    p.runs = c.seeds;
    if (app_batch_add_variant(&p, "history", roles, choices, n_choices, err, sizeof err) < 0)
        goto fail;
    app_batch_note_playbooks(errout, &p);
    for (int j = 0; j < c.k; j++) {
        AppBatchVary *v = &p.vary[j];
        memset(v, 0, sizeof *v);
        core_strlcpy(v->name, c.par[j].name, sizeof v->name);
        app_batch_resolve_param(p.sc, p.scenario_path, v->name, "--param", &v->field, &v->actor,
                                err, sizeof err);
        v->from = c.par[j].low;
        v->to = c.par[j].high;
        v->step = c.par[j].log ? -1 : 0; /* only the hash reads it */
        v->count = 1;
    }
    p.n_vary = c.k;
    {
        size_t len = 0;
        for (int i = 0; i < p.sc->n_actors && len < sizeof c.strategies; i++) {
            int w = snprintf(c.strategies + len, sizeof c.strategies - len, "%s%s=%s", i ? "," : "",
                             p.sc->actors[i].id, p.label[0][i]);
            len += w > 0 ? (size_t)w : 0;
        }
        char set[16384];
        settings_text(&c, set, sizeof set);
        c.hash = fnv(app_batch_plan_hash(&p), set);
    }
    double *unit = make_design(&c);
    long long mine = c.shard_i < c.points ? (c.points - c.shard_i + c.shard_n - 1) / c.shard_n : 0;
    design = malloc(((size_t)mine + 1) * (size_t)c.k * sizeof *design);
    y = calloc((size_t)c.points, sizeof *y);
    if (!unit || !design || !y) {
        free(unit);
        app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
        goto fail;
    }
    for (long long l = 0; l < mine; l++) {
        long long g = c.shard_i + l * c.shard_n;
        for (int j = 0; j < c.k; j++)
            design[l * c.k + j] = to_value(&c.par[j], unit[g * c.k + j]);
    }
    free(unit);
    p.design = design;
    p.design_points = mine;
    p.shard_i = 0;
    p.shard_n = 1;
    if (app_batch_plan_finish(&p, err, sizeof err) < 0 ||
        app_batch_check_scripts(&p, err, sizeof err) < 0)
        goto fail;
    if (runs_csv) {
        if (!(runs = fopen(runs_csv, "w"))) {
            app_cli_fail(err, sizeof err, "sens.err.write", runs_csv, strerror(errno), NULL);
            goto fail;
        }
        write_meta(&c, runs);
        sink.runs = runs;
    }
    sink.y = y;
    long long done = 0;
    double t0 = now_s();
    int rc = app_batch_execute(&p, take, &sink, &done, err, sizeof err);
    double secs = now_s() - t0;
    int closed = runs ? fclose(runs) : 0;
    runs = NULL;
    char n1[32], n2[32], n3[32], n4[32], n5[32];
    snprintf(n1, sizeof n1, "%lld", done);
    snprintf(n2, sizeof n2, "%lld", p.total);
    if (rc < 0) {
        status = 1;
        goto fail;
    }
    if (rc == APP_BATCH_SINK_FAILED || closed != 0) {
        app_cli_fail(err, sizeof err, "sens.err.write", runs_csv, strerror(errno), NULL);
        status = 1;
        goto fail;
    }
    if (rc == APP_BATCH_INTERRUPTED) {
        app_cli_fail(err, sizeof err, "sens.interrupted", n1, n2, NULL);
        status = APP_BATCH_EXIT_INTERRUPTED;
        goto fail;
    }
    if (sink.failed) {
        snprintf(n3, sizeof n3, "%lld", sink.failed);
        app_cli_fail(err, sizeof err, "sens.err.failed", n3, n1, NULL);
        status = 1;
        goto fail;
    }
    if (p.progress) {
        snprintf(n3, sizeof n3, "%lld", mine);
        snprintf(n4, sizeof n4, "%.2f", secs);
        snprintf(n5, sizeof n5, "%d", p.threads);
        app_cli_error(errout, "sens.done", n1, n3, n4, n5, NULL);
    }
    if (c.shard_n > 1) {
        char sh[48];
        snprintf(sh, sizeof sh, "%d/%d", c.shard_i, c.shard_n);
        snprintf(n3, sizeof n3, "%lld", mine);
        app_cli_say(out, "sens.shard_done", sh, n3, runs_csv, NULL);
        status = 0;
        goto done;
    }
    rc = write_outputs(&c, y, csv, png, out, err, sizeof err);
    if (rc < 0) {
        status = 1;
        goto fail;
    }
    status = 0;
    goto done;
fail:
    fprintf(errout, "closedloop: %s\n", err);
done:
    if (runs)
        fclose(runs);
    free(design);
    free(y);
    app_batch_plan_free(&p);
    return status;
}
