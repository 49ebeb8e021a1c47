/* app_batch: the batch engine (plans, sweeps, threads, run order) and the `batch` command. */
#define _POSIX_C_SOURCE 200809L
#include "app_batch.h"

#include "app_lang.h"
#include "app_cli.h"
#include "app_run.h"
#include "app_seat.h"
#include "core_err.h"
#include "core_text.h"
#include "dat_json.h"
#include "dat_scenario.h"
#include "scr_strategy.h"
#include "sim_param.h"
#include "sim_native.h"
#include "sim_turn.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_SCRIPT_BYTES (1u << 20)
#define MAX_POINTS       1000000LL
#define MAX_THREADS      256

/* ---------------------------------------------------------------------------------------------
 * The sweepable parameters: the scenario's tunable numbers (sim_param). */

int app_batch_add_strategy(const char *v, const char **roles, const char **choices, int *n,
                           const char *bad_key, char *err, size_t errsz)
{
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1])
        return app_cli_fail(err, errsz, bad_key, v, NULL);
    if (*n == APP_BATCH_MAX_ACTORS) {
        char most[16];
        snprintf(most, sizeof most, "%d", APP_BATCH_MAX_ACTORS);
        return app_cli_fail(err, errsz, "cli.err.too_many_strategies", most, NULL);
    }
    /* The value is the program's own argv: split it in place at the '='. */
    ((char *)eq)[0] = '\0';
    roles[*n] = v;
    choices[(*n)++] = eq + 1;
    return 0;
}

void app_batch_param_names(char *buf, size_t bufsz)
{
    sim_param_names(buf, bufsz);
}

static double *param_slot(SimScenario *sc, const AppBatchVary *v)
{
    SimParamRef ref = {v->field, v->actor};
    return sim_param_slot(sc, &ref);
}

/* The value of step i of a sweep, rounded to 12 significant digits so that 0.1 steps read as
 * 0.3, not 0.30000000000000004 (the same on every machine: it is decimal text). */
static double vary_value(const AppBatchVary *v, long long i)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.12g", v->from + (double)i * v->step);
    return strtod(buf, NULL);
}

static int parse_double(const char *s, double *out)
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

/* The scenario's actor ids as a list for "expected ...": "a, b or c" in the language's words. */
static void actor_ids(const SimScenario *sc, char *buf, size_t bufsz)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int j = 0; j < sc->n_actors && len < bufsz; j++) {
        const char *sep = j == 0                  ? ""
                          : j + 1 == sc->n_actors ? core_tr("err.list.or")
                                                  : core_tr("err.list.sep");
        int k = snprintf(buf + len, bufsz - len, "%s%s", sep, sc->actors[j].id);
        len += k > 0 ? (size_t)k : 0;
    }
}

int app_batch_resolve_param(const SimScenario *sc, const char *scenario_path, const char *name,
                            const char *flag, int *field, int *actor, char *err, size_t errsz)
{
    char id[SIM_ID_LEN];
    SimParamRef ref;
    switch (sim_param_find(sc, name, &ref, id, sizeof id)) {
    case SIM_PARAM_OK:
        *field = ref.field;
        *actor = ref.actor;
        return 0;
    case SIM_PARAM_ACTOR_FORM:
        return app_cli_fail(err, errsz, "batch.err.vary_actor_form", flag, name, NULL);
    case SIM_PARAM_NO_ACTOR: {
        char ids[1200];
        actor_ids(sc, ids, sizeof ids);
        return app_cli_fail(err, errsz, "batch.err.vary_no_actor", flag, name, id, scenario_path,
                            ids, NULL);
    }
    default: {
        char names[2048];
        sim_param_names(names, sizeof names);
        return app_cli_fail(err, errsz, "batch.err.vary_unknown", flag, name, names, NULL);
    }
    }
}

int app_batch_check_range(const AppBatchVary *v, const char *flag, double lo, double hi, char *err,
                          size_t errsz)
{
    SimParamRef ref = {v->field, v->actor};
    if (sim_param_accepts(&ref, lo) && sim_param_accepts(&ref, hi))
        return 0;
    double min, max;
    int min_open;
    sim_param_range(&ref, &min, &max, &min_open);
    char from[32], to[32], n1[32], n2[32], n3[64];
    snprintf(from, sizeof from, "%g", lo);
    snprintf(to, sizeof to, "%g", hi);
    snprintf(n1, sizeof n1, "%g", min);
    snprintf(n2, sizeof n2, "%g", max);
    const char *range_key = sim_param_bounded(&ref) ? (min_open ? "batch.err.vary_out.above_to"
                                                                : "batch.err.vary_out.from_to")
                            : min_open              ? "batch.err.vary_out.above"
                                                    : "batch.err.vary_out.from";
    core_trf(n3, sizeof n3, range_key, n1, n2, NULL);
    return app_cli_fail(err, errsz, "batch.err.vary_out.msg", flag, v->name, from, to, n3, NULL);
}

int app_batch_add_vary(AppBatchPlan *p, const char *spec, char *err, size_t errsz)
{
    const char *usage = core_tr("batch.vary.usage");
    char n1[64], n2[64];
    if (p->n_vary == APP_BATCH_MAX_VARY) {
        snprintf(n1, sizeof n1, "%d", APP_BATCH_MAX_VARY);
        return app_cli_fail(err, errsz, "batch.err.too_many_vary", n1, NULL);
    }
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof p->vary[0].name)
        return app_cli_fail(err, errsz, "batch.err.vary_form", spec, usage, NULL);
    AppBatchVary v;
    memset(&v, 0, sizeof v);
    memcpy(v.name, spec, (size_t)(eq - spec));
    v.name[eq - spec] = '\0';
    v.actor = -1;
    v.field = -1;
    /* The name: target_gw, market.KEY or actors.ID.KEY. */
    if (app_batch_resolve_param(p->sc, p->scenario_path, v.name, "--vary", &v.field, &v.actor, err,
                                errsz) < 0)
        return -1;
    for (int j = 0; j < p->n_vary; j++)
        if (p->vary[j].field == v.field && p->vary[j].actor == v.actor)
            return app_cli_fail(err, errsz, "batch.err.vary_twice", v.name, NULL);
    /* FROM:TO:STEP */
    char range[128];
    core_strlcpy(range, eq + 1, sizeof range);
    char *c1 = strchr(range, ':');
    char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c1 || !c2 || strchr(c2 + 1, ':'))
        return app_cli_fail(err, errsz, "batch.err.vary_range_form", v.name, eq + 1, usage, NULL);
    *c1 = *c2 = '\0';
    if (parse_double(range, &v.from) < 0 || parse_double(c1 + 1, &v.to) < 0 ||
        parse_double(c2 + 1, &v.step) < 0)
        return app_cli_fail(err, errsz, "batch.err.vary_numbers", v.name, eq + 1, usage, NULL);
    if (!(v.step > 0))
        return app_cli_fail(err, errsz, "batch.err.vary_step", v.name, c2 + 1, NULL);
    if (v.from > v.to)
        return app_cli_fail(err, errsz, "batch.err.vary_order", v.name, range, c1 + 1, NULL);
    double count = floor((v.to - v.from) / v.step + 1e-9) + 1;
    if (count > (double)MAX_POINTS) {
        snprintf(n1, sizeof n1, "%.0f", count);
        snprintf(n2, sizeof n2, "%lld", MAX_POINTS);
        return app_cli_fail(err, errsz, "batch.err.vary_count", v.name, n1, n2, NULL);
    }
    v.count = (int)count;
    double last = vary_value(&v, v.count - 1);
    double lo = v.from < last ? v.from : last, hi = v.from < last ? last : v.from;
    if (app_batch_check_range(&v, "--vary", lo, hi, err, errsz) < 0)
        return -1;
    p->vary[p->n_vary++] = v;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Plans */

uint64_t app_batch_seed(uint64_t base, long long k)
{
    /* splitmix64 of base + k: neighbouring replicates get unrelated seeds. */
    uint64_t z = base + (uint64_t)k * 0x9e3779b97f4a7c15ULL + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void app_batch_plan_init(AppBatchPlan *p)
{
    memset(p, 0, sizeof *p);
    p->threads = 1;
    p->shard_n = 1;
    p->points = 1;
    p->runs = 1;
    p->progress = 1;
}

void app_batch_plan_free(AppBatchPlan *p)
{
    sim_scenario_free(p->sc);
    free(p->scenario_path);
    for (int k = 0; k < p->n_scripts; k++) {
        free(p->scripts[k].path);
        free(p->scripts[k].text);
    }
    memset(p, 0, sizeof *p);
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t k = 0; k < n; k++) {
        h ^= b[k];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int app_batch_load_scenario(AppBatchPlan *p, const char *path, char *err, size_t errsz)
{
    if (!path)
        path = app_default_scenario();
    size_t len = 0;
    char *text = dat_read_file(path, DAT_SCENARIO_MAX_BYTES, &len, err, errsz);
    if (!text)
        return -1;
    p->sc = dat_scenario_parse(text, len, path, err, errsz);
    p->scenario_hash = fnv(0xcbf29ce484222325ULL, text, len);
    free(text);
    if (!p->sc)
        return -1;
    dat_scenario_set_dir(p->sc, path);
    if (app_lang_use_scenario(p->sc, path, err, errsz) < 0) {
        sim_scenario_free(p->sc);
        p->sc = NULL;
        return -1;
    }
    if (p->sc->n_actors > APP_BATCH_MAX_ACTORS) {
        sim_scenario_free(p->sc);
        p->sc = NULL;
        {
            char most[16];
            snprintf(most, sizeof most, "%d", APP_BATCH_MAX_ACTORS);
            return app_cli_fail(err, errsz, "run.err.too_many_actors", path, most, NULL);
        }
    }
    if (!(p->scenario_path = dup_str(path)))
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    return 0;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The script at path, read once: its index in p->scripts, or -1 with err. */
static int script_index(AppBatchPlan *p, const char *path, char *err, size_t errsz)
{
    for (int k = 0; k < p->n_scripts; k++)
        if (strcmp(p->scripts[k].path, path) == 0)
            return k;
    if (p->n_scripts == APP_BATCH_MAX_SCRIPTS) {
        char most[16];
        snprintf(most, sizeof most, "%d", APP_BATCH_MAX_SCRIPTS);
        return app_cli_fail(err, errsz, "batch.err.too_many_scripts", most, NULL);
    }
    AppBatchScript *s = &p->scripts[p->n_scripts];
    s->text = dat_read_file(path, MAX_SCRIPT_BYTES, &s->len, err, errsz);
    if (!s->text)
        return -1;
    if (!(s->path = dup_str(path))) {
        free(s->text);
        s->text = NULL;
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    return p->n_scripts++;
}

/* Seats role i of variant v with `choice`; `named`: the flag names the role (a playbook it does
 * not have is then an error, not baseline). */
static int seat_one(AppBatchPlan *p, int v, int i, const char *choice, const char *flag, int named,
                    char *err, size_t errsz)
{
    static const char *const natives[] = {"history", "baseline", "passive"};
    char why[700];
    p->label[v][i] = choice;
    p->no_playbook[v] &= ~((uint64_t)1 << i);
    for (int k = 0; k < 3; k++)
        if (strcmp(choice, natives[k]) == 0) {
            p->seat[v][i] = natives[k];
            p->script_of[v][i] = -1;
            return 0;
        }
    char path[4096];
    if (strcmp(choice, "playbook") == 0) {
        if (!app_seat_playbook(p->sc, i, p->scenario_path, path, sizeof path)) {
            if (named)
                return app_cli_fail(err, errsz, "batch.err.no_playbook", flag, p->sc->actors[i].id,
                                    NULL);
            int rc = seat_one(p, v, i, "baseline", flag, named, err, errsz);
            p->no_playbook[v] |= (uint64_t)1 << i;
            return rc;
        }
    } else if (ends_with(choice, ".lua")) {
        core_strlcpy(path, choice, sizeof path);
    } else if (strcmp(choice, "human") == 0) {
        return app_cli_fail(err, errsz, "batch.err.human", flag, NULL);
    } else {
        return app_cli_fail(err, errsz, "batch.err.unknown_strategy", flag, choice, NULL);
    }
    int k = script_index(p, path, why, sizeof why);
    if (k < 0)
        return core_errf(err, errsz, "%s: %s", flag, why);
    p->seat[v][i] = p->scripts[k].path;
    p->script_of[v][i] = k;
    return 0;
}

int app_batch_add_variant(AppBatchPlan *p, const char *fallback, const char *const *roles,
                          const char *const *choices, int n, char *err, size_t errsz)
{
    if (p->n_variants == APP_BATCH_MAX_VARIANTS) {
        char most[16];
        snprintf(most, sizeof most, "%d", APP_BATCH_MAX_VARIANTS);
        return app_cli_fail(err, errsz, "batch.err.too_many_variants", most, NULL);
    }
    int v = p->n_variants;
    const SimScenario *sc = p->sc;
    char flag[300];
    snprintf(flag, sizeof flag, "all=%s", fallback);
    for (int i = 0; i < sc->n_actors; i++)
        if (seat_one(p, v, i, fallback, flag, 0, err, errsz) < 0)
            return -1;
    for (int k = 0; k < n; k++) {
        snprintf(flag, sizeof flag, "--strategy %s=%s", roles[k], choices[k]);
        if (strcmp(roles[k], "all") == 0) {
            for (int i = 0; i < sc->n_actors; i++)
                if (seat_one(p, v, i, choices[k], flag, 0, err, errsz) < 0)
                    return -1;
            continue;
        }
        int i = sim_scenario_find_actor(sc, roles[k]);
        if (i < 0) {
            char ids[1200];
            actor_ids(sc, ids, sizeof ids);
            return app_cli_fail(err, errsz, "batch.err.no_role", flag, roles[k], ids, NULL);
        }
        if (seat_one(p, v, i, choices[k], flag, 1, err, errsz) < 0)
            return -1;
    }
    p->n_variants++;
    return v;
}

void app_batch_note_playbooks(FILE *to, const AppBatchPlan *p)
{
    uint64_t any = 0;
    for (int v = 0; v < p->n_variants; v++)
        any |= p->no_playbook[v];
    app_seat_note(to, p->sc, any);
}

int app_batch_plan_finish(AppBatchPlan *p, char *err, size_t errsz)
{
    double points = 1;
    for (int j = 0; j < p->n_vary && !p->design; j++)
        points *= p->vary[j].count;
    if (p->design)
        points = (double)p->design_points;
    double total = points * (double)p->runs * p->n_variants;
    char a[32], b[32], c[32], d[32];
    if (total > (double)APP_BATCH_MAX_RUNS) {
        snprintf(a, sizeof a, "%.0f", total);
        snprintf(b, sizeof b, "%.0f", points);
        snprintf(c, sizeof c, "%lld", p->runs);
        snprintf(d, sizeof d, "%lld", APP_BATCH_MAX_RUNS);
        return app_cli_fail(err, errsz,
                            p->n_variants > 1 ? "batch.err.too_many_runs.variants"
                                              : "batch.err.too_many_runs.one",
                            a, b, c, d, NULL);
    }
    p->points = (long long)points;
    p->total = (long long)total;
    if (p->shard_i >= p->shard_n) {
        snprintf(a, sizeof a, "%d/%d", p->shard_i, p->shard_n);
        snprintf(b, sizeof b, "%d", p->shard_n - 1);
        return app_cli_fail(err, errsz, "batch.err.shard_below", a, b, NULL);
    }
    return 0;
}

long long app_batch_shard_count(const AppBatchPlan *p)
{
    if (p->shard_i >= p->total)
        return 0;
    return (p->total - p->shard_i + p->shard_n - 1) / p->shard_n;
}

uint64_t app_batch_plan_hash(const AppBatchPlan *p)
{
    uint64_t h = p->scenario_hash;
    char buf[256];
    int n = snprintf(buf, sizeof buf, "runs=%lld seed=%llu books=%d variants=%d", p->runs,
                     (unsigned long long)p->seed, p->check_books, p->n_variants);
    h = fnv(h, buf, (size_t)n);
    for (int j = 0; j < p->n_vary; j++) {
        const AppBatchVary *v = &p->vary[j];
        n = snprintf(buf, sizeof buf, "|%s=%.17g:%.17g:%.17g", v->name, v->from, v->to, v->step);
        h = fnv(h, buf, (size_t)n);
    }
    for (int v = 0; v < p->n_variants; v++)
        for (int i = 0; i < p->sc->n_actors; i++) {
            int k = p->script_of[v][i];
            h = fnv(h, "|", 1);
            if (k < 0) {
                h = fnv(h, p->seat[v][i], strlen(p->seat[v][i]));
            } else {
                /* A script by its text, not its path: the same playbook under two paths is the
                 * same batch, an edited one is not. */
                h = fnv(h, p->scripts[k].text, p->scripts[k].len);
            }
        }
    return h;
}

/* ---------------------------------------------------------------------------------------------
 * One run */

static int make_seat(const AppBatchPlan *p, const SimWorld *w, int v, int i, SimStrategy *s,
                     char *err, size_t errsz)
{
    int k = p->script_of[v][i];
    if (k < 0) {
        if (sim_strategy_native(p->seat[v][i], s) < 0)
            return app_cli_fail(err, errsz, "cli.err.oom", NULL);
        return 0;
    }
    const AppBatchScript *sc = &p->scripts[k];
    return scr_strategy_create(sc->path, sc->text, sc->len, NULL, w->seed, w->sc->actors[i].id, s,
                               err, errsz);
}

static void measure(const SimWorld *w, AppBatchResult *r)
{
    int hub = w->sc->hub;
    r->end = w->end;
    r->turns = w->turn;
    /* The turn count when the hub fell (its default turn + 1, as a game that stopped there would
     * have counted): the calendar runs on after it. */
    r->collapse_turn = w->actors[hub].defaulted ? sim_default_turn(w, hub) + 1 : 0;
    r->defaults = 0;
    r->peak_circularity = 0;
    r->peak_leverage = 0;
    r->value_created = r->value_destroyed = 0;
    for (int t = 0; t <= w->turn; t++) {
        if (w->info[t].leverage > r->peak_leverage)
            r->peak_leverage = w->info[t].leverage;
        for (int i = 0; i < w->n; i++) {
            double c = sim_snap(w, t, i)->circularity;
            if (c > r->peak_circularity)
                r->peak_circularity = c;
        }
    }
    for (int i = 0; i < w->n; i++) {
        r->defaults += w->actors[i].defaulted != 0;
        double d = sim_market_value(w, i) - sim_snap(w, 0, i)->market_value;
        if (d > 0)
            r->value_created += d;
        else
            r->value_destroyed -= d;
        r->scores[i] = sim_score(w, i);
        r->lost[i] = w->actors[i].turns_lost;
        r->retired[i] = w->actors[i].retired_turn;
    }
    r->announced = w->announced_value;
    r->horizon = w->turns;
    for (int i = 0; i < w->n; i++) {
        r->value_change[i] = sim_market_value(w, i) - sim_snap(w, 0, i)->market_value;
        double c = 0, e = 0;
        for (int t = 0; t <= w->turn; t++) {
            const SimSnap *s = sim_snap(w, t, i);
            c = s->circularity > c ? s->circularity : c;
            e = s->exposure > e ? s->exposure : e;
        }
        r->peak_circ[i] = c;
        r->peak_exposure[i] = e;
    }
}

/* Plays run r of the plan on scenario `sc` (the worker's own copy when parameters vary). */
static void play_run(const AppBatchPlan *p, SimScenario *sc, long long r, AppBatchResult *res)
{
    memset(res, 0, sizeof *res);
    long long per_variant = p->points * p->runs;
    res->run = r;
    res->variant = (int)(r / per_variant);
    res->point = (r / p->runs) % p->points;
    res->rep = r % p->runs;
    res->seed = app_batch_seed(p->seed, res->rep);
    long long stride = p->points;
    for (int j = 0; j < p->n_vary; j++) {
        if (p->design) {
            res->values[j] = p->design[res->point * p->n_vary + j];
        } else {
            stride /= p->vary[j].count; /* the first --vary changes slowest */
            res->values[j] = vary_value(&p->vary[j], (res->point / stride) % p->vary[j].count);
        }
        *param_slot(sc, &p->vary[j]) = res->values[j];
    }
    char err[512];
    SimWorld *w = sim_world_create(sc, res->seed, err, sizeof err);
    if (!w) {
        res->failed = 1;
        core_strlcpy(res->error, err, sizeof res->error);
        return;
    }
    w->check_books = p->check_books;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        if (make_seat(p, w, res->variant, i, &s, err, sizeof err) < 0) {
            res->failed = 1;
            snprintf(res->error, sizeof res->error, "%.31s: %.160s", w->sc->actors[i].id, err);
            sim_world_destroy(w);
            return;
        }
        sim_world_set_strategy(w, i, s);
    }
    if (sim_turn_start(w, err, sizeof err) < 0 || sim_turn_run(w, -1, err, sizeof err) < 0) {
        res->failed = 1;
        core_strlcpy(res->error, err, sizeof res->error);
    }
    measure(w, res);
    sim_world_destroy(w);
}

int app_batch_check_scripts(const AppBatchPlan *p, char *err, size_t errsz)
{
    char why[700];
    SimWorld *w = sim_world_create(p->sc, p->seed, why, sizeof why);
    if (!w)
        return core_errf(err, errsz, "%s", why);
    int rc = 0;
    for (int v = 0; v < p->n_variants && rc == 0; v++)
        for (int i = 0; i < w->n && rc == 0; i++) {
            if (p->script_of[v][i] < 0)
                continue;
            SimStrategy s;
            if (make_seat(p, w, v, i, &s, why, sizeof why) < 0)
                rc = core_errf(err, errsz, "%s=%s: %s", w->sc->actors[i].id, p->seat[v][i], why);
            else
                sim_strategy_destroy(&s);
        }
    sim_world_destroy(w);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Threads: workers take the next run, play it into a slot of a window of results, and the
 * calling thread hands the slots to the sink in run order. A worker never runs more than the
 * window ahead of the sink, so memory stays bounded however many runs there are. */

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct {
    const AppBatchPlan *p;
    pthread_mutex_t lock;
    pthread_cond_t ready, space;
    long long count;   /* runs of this shard */
    long long next;    /* next local index to hand out */
    long long written; /* local indexes handed to the sink */
    int stop;
    long long window;
    AppBatchResult *slots;
    long long *slot_run; /* the local index held by each slot once played, or -1 */
} Queue;

typedef struct {
    Queue *q;
    SimScenario *sc; /* own copy when parameters vary, else the plan's (read-only) */
    pthread_t thread;
    int started;
} Worker;

static void *worker_main(void *arg)
{
    Worker *wk = arg;
    Queue *q = wk->q;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->stop && !interrupted && q->next < q->count && q->next >= q->written + q->window)
            pthread_cond_wait(&q->space, &q->lock);
        if (q->stop || interrupted || q->next >= q->count)
            break;
        long long k = q->next++;
        pthread_mutex_unlock(&q->lock);
        long long r = q->p->shard_i + k * q->p->shard_n;
        play_run(q->p, wk->sc, r, &q->slots[k % q->window]);
        pthread_mutex_lock(&q->lock);
        q->slot_run[k % q->window] = k;
        pthread_cond_signal(&q->ready);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the whole process (every thread), in seconds. */
static double cpu_s(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static void progress_bar(long long done, long long count, double elapsed)
{
    char bar[31];
    int fill = count ? (int)(30.0 * (double)done / (double)count) : 30;
    for (int k = 0; k < 30; k++)
        bar[k] = k < fill ? '#' : '.';
    bar[30] = '\0';
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    long left = rate > 0 ? (long)((double)(count - done) / rate + 0.5) : 0;
    char a[32], b[32], c[32], d[32];
    snprintf(a, sizeof a, "%lld", done);
    snprintf(b, sizeof b, "%lld", count);
    snprintf(c, sizeof c, "%.0f", rate);
    snprintf(d, sizeof d, "%ld:%02ld", left / 60, left % 60);
    char line[256];
    fprintf(stderr, "\r[%s] %s ", bar,
            core_trf(line, sizeof line, "batch.progress", a, b, c, d, NULL));
    fflush(stderr);
}

int app_batch_execute(const AppBatchPlan *p, AppBatchSink sink, void *ctx, long long *done,
                      char *err, size_t errsz)
{
    Queue q;
    memset(&q, 0, sizeof q);
    q.p = p;
    q.count = app_batch_shard_count(p);
    int threads = p->threads < 1 ? 1 : p->threads;
    if (threads > q.count && q.count > 0)
        threads = (int)q.count;
    q.window = 64LL * threads;
    if (q.window > q.count)
        q.window = q.count > 0 ? q.count : 1;
    q.slots = malloc((size_t)q.window * sizeof *q.slots);
    q.slot_run = malloc((size_t)q.window * sizeof *q.slot_run);
    Worker *wk = calloc((size_t)threads, sizeof *wk);
    *done = 0;
    if (!q.slots || !q.slot_run || !wk) {
        free(q.slots);
        free(q.slot_run);
        free(wk);
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    for (long long k = 0; k < q.window; k++)
        q.slot_run[k] = -1;
    pthread_mutex_init(&q.lock, NULL);
    pthread_cond_init(&q.ready, NULL);
    pthread_cond_init(&q.space, NULL);

    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old);

    int status = APP_BATCH_DONE, rc = 0;
    for (int t = 0; t < threads && rc == 0; t++) {
        wk[t].q = &q;
        wk[t].sc = p->n_vary ? sim_scenario_clone(p->sc) : p->sc;
        if (!wk[t].sc) {
            rc = app_cli_fail(err, errsz, "cli.err.oom", NULL);
            break;
        }
        if (pthread_create(&wk[t].thread, NULL, worker_main, &wk[t]) != 0) {
            char a[16], b[16];
            snprintf(a, sizeof a, "%d", t + 1);
            snprintf(b, sizeof b, "%d", threads);
            rc = app_cli_fail(err, errsz, "batch.err.thread", a, b, NULL);
        } else
            wk[t].started = 1;
    }
    int bar = p->progress && isatty(STDERR_FILENO);
    double t0 = now_s(), last_bar = 0;

    pthread_mutex_lock(&q.lock);
    if (rc < 0)
        q.stop = 1;
    for (;;) {
        while (!q.stop && q.written < q.count && q.slot_run[q.written % q.window] == q.written) {
            const AppBatchResult *res = &q.slots[q.written % q.window];
            pthread_mutex_unlock(&q.lock);
            int bad = sink(ctx, res);
            pthread_mutex_lock(&q.lock);
            q.slot_run[q.written % q.window] = -1;
            q.written++;
            pthread_cond_broadcast(&q.space);
            if (bad) {
                q.stop = 1;
                status = APP_BATCH_SINK_FAILED;
            }
        }
        if (q.stop || q.written >= q.count)
            break;
        if (interrupted) {
            q.stop = 1;
            status = APP_BATCH_INTERRUPTED;
            break;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&q.ready, &q.lock, &until);
        double t = now_s();
        if (bar && t - last_bar >= 0.2) {
            last_bar = t;
            progress_bar(q.written, q.count, t - t0);
        }
    }
    pthread_cond_broadcast(&q.space);
    pthread_mutex_unlock(&q.lock);
    for (int t = 0; t < threads; t++)
        if (wk[t].started)
            pthread_join(wk[t].thread, NULL);
    /* The runs that were in flight when SIGINT came: keep those that follow on in order. */
    if (status == APP_BATCH_INTERRUPTED)
        while (q.written < q.count && q.slot_run[q.written % q.window] == q.written) {
            if (sink(ctx, &q.slots[q.written % q.window])) {
                status = APP_BATCH_SINK_FAILED;
                break;
            }
            q.written++;
        }
    if (status == APP_BATCH_DONE && interrupted && q.written < q.count)
        status = APP_BATCH_INTERRUPTED;
    if (bar) {
        progress_bar(q.written, q.count, now_s() - t0);
        fputc('\n', stderr);
    }
    sigaction(SIGINT, &old, NULL);
    for (int t = 0; t < threads; t++)
        if (p->n_vary && wk[t].sc)
            sim_scenario_free(wk[t].sc);
    pthread_cond_destroy(&q.ready);
    pthread_cond_destroy(&q.space);
    pthread_mutex_destroy(&q.lock);
    free(q.slots);
    free(q.slot_run);
    free(wk);
    *done = q.written;
    return rc < 0 ? -1 : status;
}

/* ---------------------------------------------------------------------------------------------
 * Flags shared by the batch commands */

int app_batch_parse_count(const char *flag, const char *v, long long min, long long max,
                          long long *out, char *err, size_t errsz)
{
    const char *s = v;
    int ok = *s != '\0';
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            ok = 0;
    errno = 0;
    long long n = ok ? strtoll(v, NULL, 10) : 0;
    if (!ok || errno == ERANGE || n < min || n > max) {
        char lo[32], hi[32];
        snprintf(lo, sizeof lo, "%lld", min);
        snprintf(hi, sizeof hi, "%lld", max);
        return app_cli_fail(err, errsz, "batch.err.count", flag, lo, hi, v, NULL);
    }
    *out = n;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The batch command: rows as CSV or JSON lines */

typedef struct {
    const AppBatchPlan *p;
    FILE *f;
    int jsonl;
    long long rows;
    long long failed;
    AppBatchLost lost[APP_BATCH_MAX_ACTORS]; /* per role */
} Writer;

static void csv_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
    fputc('"', f);
}

static void json_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* The header: one line that names the batch (merge checks it) and, for CSV, the column names. */
static void write_header(const AppBatchPlan *p, FILE *f, int jsonl)
{
    const SimScenario *sc = p->sc;
    unsigned long long hash = (unsigned long long)app_batch_plan_hash(p);
    if (jsonl) {
        fprintf(f,
                "{\"closedloop_batch\":1,\"batch\":\"%016llx\",\"total\":%lld,\"shard\":\"%d/%d\","
                "\"scenario\":",
                hash, p->total, p->shard_i, p->shard_n);
        json_text(f, p->scenario_path);
        fprintf(f, ",\"seed\":%llu,\"runs\":%lld,\"vary\":[", (unsigned long long)p->seed, p->runs);
        for (int j = 0; j < p->n_vary; j++) {
            char spec[200];
            snprintf(spec, sizeof spec, "%s=%.12g:%.12g:%.12g", p->vary[j].name, p->vary[j].from,
                     p->vary[j].to, p->vary[j].step);
            fputs(j ? "," : "", f);
            json_text(f, spec);
        }
        fputs("],\"strategies\":{", f);
        for (int i = 0; i < sc->n_actors; i++) {
            fprintf(f, "%s\"%s\":", i ? "," : "", sc->actors[i].id);
            json_text(f, p->label[0][i]);
        }
        fprintf(f, "},\"book_checks\":%s}\n", p->check_books ? "true" : "false");
        return;
    }
    fprintf(f,
            "# closedloop batch 1 batch=%016llx total=%lld shard=%d/%d scenario=%s seed=%llu "
            "runs=%lld",
            hash, p->total, p->shard_i, p->shard_n, p->scenario_path, (unsigned long long)p->seed,
            p->runs);
    for (int j = 0; j < p->n_vary; j++)
        fprintf(f, " vary=%s=%.12g:%.12g:%.12g", p->vary[j].name, p->vary[j].from, p->vary[j].to,
                p->vary[j].step);
    fputs(" strategies=", f);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, "%s%s=%s", i ? "," : "", sc->actors[i].id, p->label[0][i]);
    fprintf(f, " book_checks=%d\n", p->check_books);
    fputs("run,seed", f);
    for (int j = 0; j < p->n_vary; j++)
        fprintf(f, ",%s", p->vary[j].name);
    fputs(",end,turns,collapse_turn,defaults,peak_circularity,peak_leverage,value_created,"
          "value_destroyed,announced_value",
          f);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, ",score_%s", sc->actors[i].id);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, ",lost_%s", sc->actors[i].id);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, ",retired_%s", sc->actors[i].id);
    fputs(",error\n", f);
}

static const char *end_name(const AppBatchResult *r)
{
    return r->failed ? "failed" : sim_end_reason_name(r->end);
}

static int write_row(void *ctx, const AppBatchResult *r)
{
    Writer *wr = ctx;
    const AppBatchPlan *p = wr->p;
    FILE *f = wr->f;
    if (wr->jsonl) {
        fprintf(f, "{\"run\":%lld,\"seed\":%llu,\"params\":{", r->run, (unsigned long long)r->seed);
        for (int j = 0; j < p->n_vary; j++)
            fprintf(f, "%s\"%s\":%.12g", j ? "," : "", p->vary[j].name, r->values[j]);
        fprintf(f, "},\"end\":\"%s\",\"turns\":%d,\"collapse_turn\":", end_name(r), r->turns);
        if (r->collapse_turn)
            fprintf(f, "%d", r->collapse_turn);
        else
            fputs("null", f);
        fprintf(f,
                ",\"defaults\":%d,\"peak_circularity\":%.9g,\"peak_leverage\":%.9g,"
                "\"value_created\":%.9g,\"value_destroyed\":%.9g,\"announced_value\":%.9g,"
                "\"scores\":{",
                r->defaults, r->peak_circularity, r->peak_leverage, r->value_created,
                r->value_destroyed, r->announced);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, "%s\"%s\":%.9g", i ? "," : "", p->sc->actors[i].id, r->scores[i]);
        fputs("},\"lost\":{", f);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, "%s\"%s\":%d", i ? "," : "", p->sc->actors[i].id, r->lost[i]);
        fputs("},\"retired\":{", f);
        for (int i = 0; i < p->sc->n_actors; i++) {
            fprintf(f, "%s\"%s\":", i ? "," : "", p->sc->actors[i].id);
            if (r->retired[i])
                fprintf(f, "%d", r->retired[i]);
            else
                fputs("null", f);
        }
        fputs("}", f);
        if (r->failed) {
            fputs(",\"error\":", f);
            json_text(f, r->error);
        }
        fputs("}\n", f);
    } else {
        fprintf(f, "%lld,%llu", r->run, (unsigned long long)r->seed);
        for (int j = 0; j < p->n_vary; j++)
            fprintf(f, ",%.12g", r->values[j]);
        fprintf(f, ",%s,%d,", end_name(r), r->turns);
        if (r->collapse_turn)
            fprintf(f, "%d", r->collapse_turn);
        fprintf(f, ",%d,%.9g,%.9g,%.9g,%.9g,%.9g", r->defaults, r->peak_circularity,
                r->peak_leverage, r->value_created, r->value_destroyed, r->announced);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, ",%.9g", r->scores[i]);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, ",%d", r->lost[i]);
        for (int i = 0; i < p->sc->n_actors; i++) {
            fputc(',', f);
            if (r->retired[i])
                fprintf(f, "%d", r->retired[i]);
        }
        fputc(',', f);
        if (r->failed)
            csv_text(f, r->error);
        fputc('\n', f);
    }
    wr->rows++;
    wr->failed += r->failed;
    app_batch_lost_add(wr->lost, p->sc->n_actors, r);
    if (r->failed) {
        char run[32], seed[32];
        snprintf(run, sizeof run, "%lld", r->run);
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
        app_cli_error(stderr, "batch.run_failed", run, seed, r->error, NULL);
    }
    return ferror(f) ? -1 : 0;
}

void app_batch_lost_add(AppBatchLost *lost, int n, const AppBatchResult *r)
{
    for (int i = 0; i < n; i++) {
        lost[i].turns += r->lost[i];
        lost[i].runs += r->lost[i] > 0;
        lost[i].retired += r->retired[i] > 0;
    }
}

int app_batch_lost_warn(FILE *f, const AppBatchPlan *p, int variant, const AppBatchLost *lost,
                        long long runs, int skip)
{
    int any = 0;
    for (int i = 0; i < p->sc->n_actors; i++) {
        const AppBatchLost *l = &lost[i];
        if (l->turns == 0 || i == skip)
            continue;
        char a[32], b[32], c[32], d[32];
        snprintf(a, sizeof a, "%lld", l->turns);
        snprintf(b, sizeof b, "%lld", l->runs);
        snprintf(c, sizeof c, "%lld", runs);
        snprintf(d, sizeof d, "%lld", l->retired);
        app_cli_error(f, l->retired ? "batch.lost.retired" : "batch.lost.turns",
                      p->sc->actors[i].id, p->label[variant][i], a, b, c, d, NULL);
        any = 1;
    }
    return any;
}

static void batch_usage(FILE *f)
{
    fputs(core_tr("batch.help"), f);
}

/* Parses I/N. */
static int parse_shard(const char *v, int *si, int *sn, char *err, size_t errsz)
{
    const char *slash = strchr(v, '/');
    char a[32];
    long long i, n;
    if (!slash || (size_t)(slash - v) >= sizeof a)
        return app_cli_fail(err, errsz, "batch.err.shard_form", v, NULL);
    memcpy(a, v, (size_t)(slash - v));
    a[slash - v] = '\0';
    char why[200];
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

int app_batch_common_flag(AppBatchPlan *p, int argc, char **argv, int *i, const char **scenario,
                          const char **out, char *err, size_t errsz)
{
    const char *a = argv[*i], *v;
    long long n;
    if (app_cli_is_flag(a, "--scenario")) {
        if (!(v = app_cli_value(argc, argv, i, "--scenario", err, errsz)))
            return -1;
        if (!*v)
            return app_cli_fail(err, errsz, "cli.err.expects_file", "--scenario", NULL);
        *scenario = v;
    } else if (app_cli_is_flag(a, "--runs")) {
        if (!(v = app_cli_value(argc, argv, i, "--runs", err, errsz)) ||
            app_batch_parse_count("--runs", v, 1, APP_BATCH_MAX_RUNS, &p->runs, err, errsz) < 0)
            return -1;
    } else if (app_cli_is_flag(a, "--seed")) {
        if (!(v = app_cli_value(argc, argv, i, "--seed", err, errsz)))
            return -1;
        const char *s = v;
        int ok = *s != '\0';
        for (; *s; s++)
            if (*s < '0' || *s > '9')
                ok = 0;
        errno = 0;
        unsigned long long seed = ok ? strtoull(v, NULL, 10) : 0;
        if (!ok || errno == ERANGE)
            return app_cli_fail(err, errsz, "cli.err.seed", v, NULL);
        p->seed = seed;
        p->has_seed = 1;
    } else if (app_cli_is_flag(a, "--threads")) {
        if (!(v = app_cli_value(argc, argv, i, "--threads", err, errsz)) ||
            app_batch_parse_count("--threads", v, 1, MAX_THREADS, &n, err, errsz) < 0)
            return -1;
        p->threads = (int)n;
    } else if (app_cli_is_flag(a, "--out")) {
        if (!(v = app_cli_value(argc, argv, i, "--out", err, errsz)))
            return -1;
        if (!*v)
            return app_cli_fail(err, errsz, "cli.err.expects_file", "--out", NULL);
        *out = v;
    } else if (strcmp(a, "--book-checks") == 0) {
        p->check_books = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
        p->progress = 0;
    } else if (strcmp(a, "--allow-failures") == 0) {
        p->allow_failures = 1;
    } else {
        return 0;
    }
    return 1;
}

int app_batch_main(int argc, char **argv, FILE *out, FILE *errout)
{
    AppBatchPlan p;
    app_batch_plan_init(&p);
    p.runs = 100;
    char err[2560];
    const char *scenario = NULL, *out_path = NULL;
    const char *roles[APP_BATCH_MAX_ACTORS], *choices[APP_BATCH_MAX_ACTORS];
    const char *varies[APP_BATCH_MAX_VARY];
    int n_choices = 0, n_varies = 0, status = 2;
    Writer wr;
    memset(&wr, 0, sizeof wr);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v;
        int rc = app_batch_common_flag(&p, argc, argv, &i, &scenario, &out_path, err, sizeof err);
        if (rc < 0)
            goto fail;
        if (rc > 0)
            continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            batch_usage(out);
            return 0;
        } else if (app_cli_is_flag(a, "--vary")) {
            if (!(v = app_cli_value(argc, argv, &i, "--vary", err, sizeof err)))
                goto fail;
            if (n_varies == APP_BATCH_MAX_VARY) {
                char most[16];
                snprintf(most, sizeof most, "%d", APP_BATCH_MAX_VARY);
                app_cli_fail(err, sizeof err, "batch.err.too_many_vary", most, NULL);
                goto fail;
            }
            varies[n_varies++] = v;
        } else if (app_cli_is_flag(a, "--strategy")) {
            if (!(v = app_cli_value(argc, argv, &i, "--strategy", err, sizeof err)))
                goto fail;
            if (app_batch_add_strategy(v, roles, choices, &n_choices, "cli.err.strategy", err,
                                       sizeof err) < 0)
                goto fail;
        } else if (app_cli_is_flag(a, "--shard")) {
            if (!(v = app_cli_value(argc, argv, &i, "--shard", err, sizeof err)) ||
                parse_shard(v, &p.shard_i, &p.shard_n, err, sizeof err) < 0)
                goto fail;
        } else if (a[0] == '-') {
            app_cli_fail(err, sizeof err, "batch.err.unknown_option", a, NULL);
            goto fail;
        } else {
            app_cli_fail(err, sizeof err, "batch.err.unexpected", a, NULL);
            goto fail;
        }
    }
    if (out_path && !ends_with(out_path, ".csv") && !ends_with(out_path, ".jsonl")) {
        app_cli_fail(err, sizeof err, "batch.err.out_ext", out_path, NULL);
        goto fail;
    }
    wr.jsonl = out_path && ends_with(out_path, ".jsonl");
    if (app_batch_load_scenario(&p, scenario, err, sizeof err) < 0)
        goto fail;
    if (!p.has_seed)
        p.seed = p.sc->default_seed;
    for (int j = 0; j < n_varies; j++)
        if (app_batch_add_vary(&p, varies[j], err, sizeof err) < 0)
            goto fail;
    if (app_batch_add_variant(&p, "playbook", roles, choices, n_choices, err, sizeof err) < 0 ||
        app_batch_plan_finish(&p, err, sizeof err) < 0 ||
        app_batch_check_scripts(&p, err, sizeof err) < 0)
        goto fail;
    app_batch_note_playbooks(errout, &p);
    wr.p = &p;
    wr.f = out;
    if (out_path && !(wr.f = fopen(out_path, "w"))) {
        app_cli_fail(err, sizeof err, "batch.err.out_write", out_path, strerror(errno), NULL);
        goto fail;
    }
    write_header(&p, wr.f, wr.jsonl);
    long long done = 0, count = app_batch_shard_count(&p);
    double t0 = now_s(), c0 = cpu_s();
    int rc = app_batch_execute(&p, write_row, &wr, &done, err, sizeof err);
    double secs = now_s() - t0, cpu = cpu_s() - c0;
    int closed = wr.f == out ? fflush(out) : fclose(wr.f);
    const char *where = out_path ? out_path : core_tr("batch.stdout");
    char a[32], b[32], c[32], d[32], e[32];
    snprintf(a, sizeof a, "%lld", done);
    if (rc < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        status = 1;
    } else if (rc == APP_BATCH_SINK_FAILED || closed != 0) {
        app_cli_error(errout, "batch.err.write", where, a, strerror(errno), NULL);
        status = 1;
    } else if (rc == APP_BATCH_INTERRUPTED) {
        snprintf(b, sizeof b, "%lld", count);
        app_cli_error(errout, "batch.interrupted", a, b, where, NULL);
        status = APP_BATCH_EXIT_INTERRUPTED;
    } else if (wr.failed) {
        snprintf(b, sizeof b, "%lld", wr.failed);
        app_cli_error(errout, "batch.failed", b, a, NULL);
        app_batch_lost_warn(errout, &p, 0, wr.lost, done, -1);
        status = 1;
    } else if (app_batch_lost_warn(errout, &p, 0, wr.lost, done, -1)) {
        app_cli_error(errout, p.allow_failures ? "batch.lost.allowed" : "batch.lost.status", NULL);
        status = p.allow_failures ? 0 : APP_BATCH_EXIT_STRATEGY_FAILED;
    } else {
        if (p.progress) {
            snprintf(b, sizeof b, "%.2f", secs);
            snprintf(c, sizeof c, "%.0f", secs > 0 ? (double)done / secs : 0.0);
            snprintf(d, sizeof d, "%d", p.threads);
            snprintf(e, sizeof e, "%.3f", done ? 1e3 * cpu / (double)done : 0.0);
            const char *key =
                p.threads == 1 ? (out_path ? "batch.done.one_thread_file" : "batch.done.one_thread")
                : out_path     ? "batch.done.threads_file"
                               : "batch.done.threads";
            app_cli_error(errout, key, a, b, c, d, e, out_path ? out_path : "", NULL);
        }
        status = 0;
    }
    app_batch_plan_free(&p);
    return status;
fail:
    fprintf(errout, "closedloop: %s\n", err);
    app_batch_plan_free(&p);
    return status;
}
