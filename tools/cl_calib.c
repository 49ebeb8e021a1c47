/* cl_calib: the measuring half of the calibration (tools/calibrate.py is the fitting half).
 *
 * Plays the scenario in history mode on a range of seeds, once for every line of parameter
 * settings it reads, and prints what the facts sheet can be checked against, per seed, as one
 * JSON line per settings line: the first-day reactions the scenario's deal events target
 * (SoftBank, Oracle, AMD), the market value the partners gained on announcement days, the hub's
 * revenue over calendar 2025, each reacting payee's market value just after its jump, the
 * months of 2025 in which the listed companies' combined value set a new high, and whether
 * the hub had defaulted by the end of 2025. It reads the same code paths as
 * tests/test_calibration.c (the world stepped month by month, the REACTION events of the deals
 * that replay the scenario's events), so what it measures is what the test asserts.
 *
 * Usage: cl_calib [--scenario FILE] [--seeds FROM:TO]
 *   then on stdin one line per parameter set: PARAM=VALUE ... (names as in `batch --vary`,
 *   engine/sim/sim_param.c); an empty line plays the scenario as it is. Each set starts from
 *   the scenario as loaded. Bad input: a message naming the line and the setting, exit 2. */
#define _POSIX_C_SOURCE 200809L
#include "dat_scenario.h"
#include "sim_param.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "sim_world.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TARGETS 8
#define MAX_SETS    64
#define YEAR        2025

typedef struct {
    int event; /* scenario event */
    int actor;
    int payee;
    double want;
} Target;

typedef struct {
    double reaction[MAX_TARGETS];
    double value_after[MAX_TARGETS]; /* the actor's market value just after its jump, $B */
    double total;                    /* announced_value after the last event's month */
    double revenue;                  /* the hub's revenue over calendar YEAR, $B */
    int highs;                       /* months of YEAR with a new high of the listed value */
    int hub_default;                 /* the hub had defaulted by the end of YEAR */
} Measure;

static int find_targets(const SimScenario *sc, Target *t)
{
    int n = 0;
    for (int k = 0; k < sc->n_events && n < MAX_TARGETS; k++) {
        const SimScenarioEvent *ev = &sc->events[k];
        for (int side = 0; ev->type == SIM_SEV_DEAL && side < 2 && n < MAX_TARGETS; side++) {
            double want = side ? ev->target_payee : ev->target_payer;
            if (isnan(want))
                continue;
            t[n].event = k;
            t[n].actor = side ? ev->terms.payee : ev->terms.payer;
            t[n].payee = side;
            t[n].want = want;
            n++;
        }
    }
    return n;
}

/* The first-day move (simple return) of t's actor on the deal replaying t's event, and its
 * market value just after; NAN if the deal was not decided. */
static void reaction_for(const SimWorld *w, const Target *t, double *ret, double *after)
{
    *ret = NAN;
    *after = NAN;
    for (int d = 0; d < w->n_deals; d++) {
        if (w->deals[d].history_event != t->event || w->deals[d].decided_turn < 0)
            continue;
        for (int e = 0; e < w->n_events; e++) {
            const SimEvent *ev = &w->events[e];
            if (ev->kind == SIM_LOG_REACTION && ev->actor == t->actor && ev->other < 0 &&
                ev->turn == w->deals[d].decided_turn) {
                double g = exp(ev->change) - 1.0;
                *ret = g;
                /* value = before x g, so after = before x (1 + g). */
                *after = fabs(g) > 1e-12 ? ev->value / g * (1.0 + g) : NAN;
            }
        }
    }
}

/* The combined market value of the listed companies (every actor but the hub) after turn t. */
static double listed_value(const SimWorld *w, int t)
{
    double v = 0.0;
    for (int i = 0; i < w->n; i++)
        if (i != w->sc->hub)
            v += sim_snap(w, t, i)->market_value;
    return v;
}

static int play(const SimScenario *sc, uint64_t seed, const Target *tg, int nt, Measure *m,
                char *err, size_t errsz)
{
    memset(m, 0, sizeof *m);
    SimWorld *w = sim_world_create(sc, seed, err, errsz);
    if (!w)
        return -1;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        sim_strategy_history(&s);
        sim_world_set_strategy(w, i, s);
    }
    int last = sc->events[sc->n_events - 1].month;
    int jan = YEAR * 12, dec = YEAR * 12 + 11; /* absolute months, as scenario months count */
    int stop = last > dec ? last : dec;
    int rc = sim_turn_start(w, err, errsz);
    while (rc == 0 && sc->start + w->turn <= stop && w->turn < w->turns) {
        rc = sim_turn_step(w, err, errsz);
        if (sc->start + w->turn - 1 == last)
            m->total = w->announced_value;
    }
    if (rc < 0) {
        sim_world_destroy(w);
        return -1;
    }
    for (int k = 0; k < nt; k++)
        reaction_for(w, &tg[k], &m->reaction[k], &m->value_after[k]);
    /* Snapshot t holds the end of month start + t - 1. */
    double high = 0.0;
    for (int t = 1; t <= w->turn; t++) {
        int month = sc->start + t - 1;
        double v = listed_value(w, t);
        if (month >= jan && month <= dec) {
            m->revenue += sim_snap(w, t, sc->hub)->revenue / 12.0;
            if (v > high)
                m->highs++;
        }
        if (v > high)
            high = v;
        if (month == dec)
            m->hub_default = sim_snap(w, t, sc->hub)->defaulted;
    }
    sim_world_destroy(w);
    return 0;
}

static void print_array(const char *name, const double *v, int n)
{
    printf("\"%s\":[", name);
    for (int s = 0; s < n; s++) {
        double x = v[s];
        if (isnan(x))
            printf("%snull", s ? "," : "");
        else
            printf("%s%.6g", s ? "," : "", x);
    }
    printf("]");
}

/* One settings line: applies it to sc (remembering the old values in saved), or says why not. */
static int apply_line(SimScenario *sc, char *line, int lineno, SimParamRef *refs, double *saved,
                      int *n_set)
{
    *n_set = 0;
    for (char *tok = strtok(line, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
        char *eq = strchr(tok, '=');
        char id[SIM_ID_LEN];
        if (!eq) {
            fprintf(stderr, "cl_calib: stdin line %d: '%s': expected PARAM=VALUE\n", lineno, tok);
            return -1;
        }
        *eq = '\0';
        char *end;
        double v = strtod(eq + 1, &end);
        if (*n_set >= MAX_SETS) {
            fprintf(stderr, "cl_calib: stdin line %d: more than %d settings\n", lineno, MAX_SETS);
            return -1;
        }
        SimParamRef *ref = &refs[*n_set];
        if (sim_param_find(sc, tok, ref, id, sizeof id) != SIM_PARAM_OK) {
            fprintf(stderr,
                    "cl_calib: stdin line %d: '%s' is not a parameter (see `closedloop batch "
                    "--vary` and docs/scaling.md)\n",
                    lineno, tok);
            return -1;
        }
        if (end == eq + 1 || *end != '\0' || !sim_param_accepts(ref, v)) {
            fprintf(stderr,
                    "cl_calib: stdin line %d: %s=%s: expected a number the scenario "
                    "accepts for it\n",
                    lineno, tok, eq + 1);
            return -1;
        }
        saved[*n_set] = sim_param_get(sc, ref);
        *sim_param_slot(sc, ref) = v;
        (*n_set)++;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = CL_SCENARIO;
    long from = 1, to = 101;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--scenario") == 0 && a + 1 < argc) {
            path = argv[++a];
        } else if (strcmp(argv[a], "--seeds") == 0 && a + 1 < argc) {
            char *end;
            from = strtol(argv[++a], &end, 10);
            if (*end != ':' || (to = strtol(end + 1, &end, 10), *end != '\0') || from < 0 ||
                to < from || to - from >= 100000) {
                fprintf(stderr, "cl_calib: --seeds %s: expected FROM:TO, 0 <= FROM <= TO\n",
                        argv[a]);
                return 2;
            }
        } else {
            fprintf(stderr,
                    "cl_calib: '%s': usage: cl_calib [--scenario FILE] [--seeds FROM:TO]"
                    " < settings lines\n",
                    argv[a]);
            return 2;
        }
    }
    char err[512];
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    if (!sc) {
        fprintf(stderr, "cl_calib: %s\n", err);
        return 2;
    }
    Target tg[MAX_TARGETS];
    int nt = find_targets(sc, tg);
    int ns = (int)(to - from + 1);
    Measure *ms = calloc((size_t)ns, sizeof *ms);
    double *col = calloc((size_t)ns, sizeof *col);
    if (!ms || !col) {
        fprintf(stderr, "cl_calib: out of memory\n");
        return 1;
    }
    char line[8192];
    int lineno = 0, status = 0;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        SimParamRef refs[MAX_SETS];
        double saved[MAX_SETS];
        int n_set;
        if (apply_line(sc, line, lineno, refs, saved, &n_set) < 0) {
            status = 2;
            break;
        }
        for (int s = 0; s < ns && status == 0; s++) {
            if (play(sc, (uint64_t)(from + s), tg, nt, &ms[s], err, sizeof err) < 0) {
                fprintf(stderr, "cl_calib: stdin line %d, seed %ld: %s\n", lineno, from + s, err);
                status = 1;
            }
        }
        for (int k = n_set - 1; k >= 0; k--)
            *sim_param_slot(sc, &refs[k]) = saved[k];
        if (status)
            break;
        printf("{\"seeds\":[%ld,%ld],\"targets\":[", from, to);
        for (int k = 0; k < nt; k++)
            printf("%s{\"event\":\"%s\",\"actor\":\"%s\",\"side\":\"%s\",\"want\":%.6g}",
                   k ? "," : "", sc->events[tg[k].event].id, sc->actors[tg[k].actor].id,
                   tg[k].payee ? "payee" : "payer", tg[k].want);
        printf("],\"reaction\":[");
        for (int k = 0; k < nt; k++) {
            for (int s = 0; s < ns; s++)
                col[s] = ms[s].reaction[k];
            printf("%s{", k ? "," : "");
            print_array("got", col, ns);
            for (int s = 0; s < ns; s++)
                col[s] = ms[s].value_after[k];
            printf(",");
            print_array("value_after", col, ns);
            printf("}");
        }
        printf("]");
        for (int f = 0; f < 4; f++) {
            static const char *names[] = {"total", "revenue", "highs", "hub_default"};
            for (int s = 0; s < ns; s++)
                col[s] = f == 0   ? ms[s].total
                         : f == 1 ? ms[s].revenue
                         : f == 2 ? (double)ms[s].highs
                                  : (double)ms[s].hub_default;
            printf(",");
            print_array(names[f], col, ns);
        }
        printf("}\n");
        fflush(stdout);
    }
    free(col);
    free(ms);
    sim_scenario_free(sc);
    return status;
}
