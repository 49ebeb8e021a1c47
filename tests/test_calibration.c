/* test_calibration: the 2025 scenario in history mode, default seed, reproduces the story's
 * first-day reactions (each deal event's "reaction" in the scenario: Oracle ~+40%, AMD +24%,
 * SoftBank +11%): the median over 101 seeds within MEDIAN_TOL, the default seed within SEED_TOL,
 * and OpenAI's 2025 revenue within TOTAL_TOL of the facts sheet's ~$13B (the fitted facts).
 * The held-out facts are printed with the model's median: the ~$630B the partners gained on
 * announcement days (asserted within TOTAL_TOL: the model claims it), repeated record highs of
 * the listed companies' value in 2025 (asserted: at least two new highs), Oracle's value "close
 * to $1 trillion" after its jump (printed only: the model misses it, docs/calibration.md says
 * why). docs/calibration.md gives the method and the fitted values (tools/calibrate.py). */
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "sim_world.h"
#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MEDIAN_TOL 0.05 /* simple return, absolute, for the median over seeds */
#define SEED_TOL                                                                                   \
    0.10                     /* the same for the default seed alone: its pre-announcement prices   \
                                wander with the monthly noise */
#define STORY_TOTAL   630.0  /* $B, facts sheet */
#define STORY_REVENUE 13.0   /* $B over 2025, facts sheet ("annual revenue about $13B") */
#define STORY_ORACLE  1000.0 /* $B, Oracle's value after its jump, "close to $1 trillion" */
#define YEAR          2025
#define TOTAL_TOL     0.15 /* relative */

/* The payer's or payee's first-day move (simple return) on the deal replaying event k, or NAN;
 * *after: its market value just after the move. */
static double reaction_for(const SimWorld *w, int k, int actor, double *after)
{
    *after = NAN;
    for (int d = 0; d < w->n_deals; d++) {
        if (w->deals[d].history_event != k || w->deals[d].decided_turn < 0)
            continue;
        for (int e = 0; e < w->n_events; e++) {
            const SimEvent *ev = &w->events[e];
            if (ev->kind == SIM_LOG_REACTION && ev->actor == actor && ev->other < 0 &&
                ev->turn == w->deals[d].decided_turn) {
                double g = exp(ev->change) - 1.0;
                /* value = before x g, so after = before x (1 + g). */
                *after = fabs(g) > 1e-12 ? ev->value / g * (1.0 + g) : NAN;
                return g;
            }
        }
    }
    return NAN;
}

#define MAX_TARGETS 8
#define SEEDS       101

typedef struct {
    int n;
    double got[MAX_TARGETS], want[MAX_TARGETS], after[MAX_TARGETS];
    const char *tag[MAX_TARGETS], *actor[MAX_TARGETS];
    double total;
    double revenue;      /* the hub's revenue over calendar YEAR, $B */
    double oracle_value; /* Oracle's market value just after its jump, $B (NAN if none) */
    int highs;           /* months of YEAR in which the listed companies' value set a new high */
} Result;

/* Plays the record through its last event and the end of YEAR with `seed` and collects the
 * targeted reactions and the held-out figures. */
static int play(const SimScenario *sc, uint64_t seed, Result *r)
{
    char err[512];
    memset(r, 0, sizeof *r);
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return -1;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        sim_strategy_history(&s);
        sim_world_set_strategy(w, i, s);
    }
    int last = sc->events[sc->n_events - 1].month, dec = YEAR * 12 + 11;
    int rc = sim_turn_start(w, err, sizeof err);
    while (rc == 0 && w->sc->start + w->turn <= (last > dec ? last : dec)) {
        rc = sim_turn_step(w, err, sizeof err);
        if (w->sc->start + w->turn - 1 == last)
            r->total = w->announced_value;
    }
    CHECK_MSG(rc >= 0, "%s", err);
    /* Snapshot t holds the end of month start + t - 1; the listed companies: all but the hub. */
    double high = 0.0;
    for (int t = 1; t <= w->turn; t++) {
        int month = sc->start + t - 1;
        double v = 0.0;
        for (int i = 0; i < w->n; i++)
            if (i != sc->hub)
                v += sim_snap(w, t, i)->market_value;
        if (month >= YEAR * 12 && month <= dec) {
            r->revenue += sim_snap(w, t, sc->hub)->revenue / 12.0;
            r->highs += v > high;
        }
        if (v > high)
            high = v;
    }
    for (int k = 0; k < sc->n_events && r->n < MAX_TARGETS; k++) {
        const SimScenarioEvent *ev = &sc->events[k];
        for (int side = 0; ev->type == SIM_SEV_DEAL && side < 2 && r->n < MAX_TARGETS; side++) {
            double want = side ? ev->target_payee : ev->target_payer;
            int actor = side ? ev->terms.payee : ev->terms.payer;
            if (isnan(want))
                continue;
            r->want[r->n] = want;
            r->got[r->n] = reaction_for(w, k, actor, &r->after[r->n]);
            r->tag[r->n] = ev->id;
            r->actor[r->n] = sc->actors[actor].id;
            r->n++;
        }
    }
    r->oracle_value = NAN;
    for (int k = 0; k < r->n; k++)
        if (strcmp(r->actor[k], "oracle") == 0)
            r->oracle_value = r->after[k];
    sim_world_destroy(w);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    char err[512];
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    /* The default seed: what `closedloop` shows. */
    Result r;
    play(sc, sc->default_seed, &r);
    CHECK(r.n == 3); /* SoftBank, Oracle, AMD */
    printf("default seed %llu:\n", (unsigned long long)sc->default_seed);
    for (int k = 0; k < r.n; k++) {
        printf("  %-12s %-9s story %+.1f%%  model %+.1f%%\n", r.tag[k], r.actor[k],
               r.want[k] * 100.0, r.got[k] * 100.0);
        CHECK_MSG(fabs(r.got[k] - r.want[k]) <= SEED_TOL, "%s moved %+.1f%%, story %+.1f%%",
                  r.actor[k], r.got[k] * 100.0, r.want[k] * 100.0);
    }
    printf("  market value added on announcement days $%.0fB, story about $%.0fB\n", r.total,
           STORY_TOTAL);
    CHECK(fabs(r.total / STORY_TOTAL - 1.0) <= TOTAL_TOL);
    /* The calibration proper: the median over many seeds. */
    static double got[MAX_TARGETS][SEEDS], total[SEEDS], revenue[SEEDS], oracle[SEEDS],
        highs[SEEDS];
    for (int s = 0; s < SEEDS; s++) {
        Result x;
        play(sc, (uint64_t)s + 1, &x);
        for (int k = 0; k < r.n && k < x.n; k++)
            got[k][s] = x.got[k];
        total[s] = x.total;
        revenue[s] = x.revenue;
        oracle[s] = isnan(x.oracle_value) ? 0.0 : x.oracle_value;
        highs[s] = x.highs;
    }
    printf("over seeds 1..%d (10th percentile, median, 90th percentile):\n", SEEDS);
    for (int k = 0; k < r.n; k++) {
        qsort(got[k], SEEDS, sizeof got[k][0], cmp_double);
        double p10 = got[k][SEEDS / 10], med = got[k][SEEDS / 2], p90 = got[k][SEEDS * 9 / 10];
        printf("  %-12s %-9s story %+.1f%%  model %+.1f%% %+.1f%% %+.1f%%\n", r.tag[k], r.actor[k],
               r.want[k] * 100.0, p10 * 100.0, med * 100.0, p90 * 100.0);
        CHECK_MSG(fabs(med - r.want[k]) <= MEDIAN_TOL, "%s: median %+.1f%%, story %+.1f%%",
                  r.actor[k], med * 100.0, r.want[k] * 100.0);
    }
    qsort(total, SEEDS, sizeof total[0], cmp_double);
    qsort(revenue, SEEDS, sizeof revenue[0], cmp_double);
    printf("  fitted: OpenAI revenue over %d: $%.1fB $%.1fB $%.1fB, facts about $%.0fB\n", YEAR,
           revenue[SEEDS / 10], revenue[SEEDS / 2], revenue[SEEDS * 9 / 10], STORY_REVENUE);
    CHECK_MSG(fabs(revenue[SEEDS / 2] / STORY_REVENUE - 1.0) <= TOTAL_TOL, "revenue $%.1fB",
              revenue[SEEDS / 2]);
    printf("held out (not fitted):\n");
    printf("  market value added: $%.0fB $%.0fB $%.0fB, story about $%.0fB: %s\n",
           total[SEEDS / 10], total[SEEDS / 2], total[SEEDS * 9 / 10], STORY_TOTAL,
           fabs(total[SEEDS / 2] / STORY_TOTAL - 1.0) <= TOTAL_TOL ? "hit" : "miss");
    CHECK(fabs(total[SEEDS / 2] / STORY_TOTAL - 1.0) <= TOTAL_TOL);
    qsort(highs, SEEDS, sizeof highs[0], cmp_double);
    printf("  months of %d with a new high of the listed value: %.0f %.0f %.0f, story "
           "\"repeated record highs\": %s\n",
           YEAR, highs[SEEDS / 10], highs[SEEDS / 2], highs[SEEDS * 9 / 10],
           highs[SEEDS / 2] >= 2 ? "hit" : "miss");
    CHECK(highs[SEEDS / 2] >= 2);
    qsort(oracle, SEEDS, sizeof oracle[0], cmp_double);
    printf("  Oracle's value after its jump: $%.0fB $%.0fB $%.0fB, story close to $%.0fB: %s "
           "(not asserted; docs/calibration.md)\n",
           oracle[SEEDS / 10], oracle[SEEDS / 2], oracle[SEEDS * 9 / 10], STORY_ORACLE,
           fabs(oracle[SEEDS / 2] / STORY_ORACLE - 1.0) <= 0.10 ? "hit" : "miss");
    sim_scenario_free(sc);
    TEST_END();
}
