/* app_batch: batch plans: the sweepable parameters, the sweeps, the seats of each variant, the
 * scripts read once, the counts and the plan's hash (app_batch_run plays a plan). */
#define _POSIX_C_SOURCE 200809L
#include "app_batch.h"

#include "app_cli.h"
#include "app_lang.h"
#include "app_opt.h"
#include "app_run.h"
#include "app_seat.h"
#include "core_err.h"
#include "core_text.h"
#include "core_value.h"
#include "dat_json.h"
#include "dat_scenario.h"
#include "sim_param.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCRIPT_BYTES (1u << 20)
#define MAX_POINTS       1000000LL

/* ---------------------------------------------------------------------------------------------
 * The sweepable parameters: the scenario's tunable numbers (sim_param). */

/* The value of step i of a sweep, rounded to 12 significant digits so that 0.1 steps read as
 * 0.3, not 0.30000000000000004 (the same on every machine: it is decimal text). */
static double vary_value(const AppBatchVary *v, long long i)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.12g", v->from + (double)i * v->step);
    return strtod(buf, NULL);
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
    if (app_opt_double(range, &v.from) < 0 || app_opt_double(c1 + 1, &v.to) < 0 ||
        app_opt_double(c2 + 1, &v.step) < 0)
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
    p->scenario_hash = core_fnv1a(CORE_FNV_OFFSET, text, len);
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
    if (p->n_scripts == APP_BATCH_MAX_SCRIPTS)
        return app_cli_full(err, errsz, "batch.err.too_many_scripts", APP_BATCH_MAX_SCRIPTS);
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
    if (p->n_variants == APP_BATCH_MAX_VARIANTS)
        return app_cli_full(err, errsz, "batch.err.too_many_variants", APP_BATCH_MAX_VARIANTS);
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
    h = core_fnv1a(h, buf, (size_t)n);
    if (p->gain) /* only then: a batch without gains keeps the identity it had before them */
        h = core_fnv1a(h, "|gain", 5);
    for (int j = 0; j < p->n_vary; j++) {
        const AppBatchVary *v = &p->vary[j];
        n = snprintf(buf, sizeof buf, "|%s=%.17g:%.17g:%.17g", v->name, v->from, v->to, v->step);
        h = core_fnv1a(h, buf, (size_t)n);
    }
    for (int v = 0; v < p->n_variants; v++)
        for (int i = 0; i < p->sc->n_actors; i++) {
            int k = p->script_of[v][i];
            h = core_fnv1a(h, "|", 1);
            if (k < 0) {
                h = core_fnv1a(h, p->seat[v][i], strlen(p->seat[v][i]));
            } else {
                /* A script by its text, not its path: the same playbook under two paths is the
                 * same batch, an edited one is not. */
                h = core_fnv1a(h, p->scripts[k].text, p->scripts[k].len);
            }
        }
    return h;
}

void app_batch_point_values(const AppBatchPlan *p, long long point, double *values)
{
    long long stride = p->points;
    for (int j = 0; j < p->n_vary; j++) {
        if (p->design) {
            values[j] = p->design[point * p->n_vary + j];
        } else {
            stride /= p->vary[j].count; /* the first --vary changes slowest */
            values[j] = vary_value(&p->vary[j], (point / stride) % p->vary[j].count);
        }
    }
}
