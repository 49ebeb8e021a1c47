/* test_sim_budget: no intent commits a party beyond its budget through any schedule (issue 11,
 * item 6; docs/budget-rules.md). Every deal kind, paid by a giant and by the hub, with delays,
 * schedules and sizes from sensible to absurd: whatever the engine lets through stays within
 * the budget by a reckoning of this test's own, month by month; sensible terms pass. */
#include "sim_budget.h"
#include "sim_fixture.h"
#include "sim_pay.h"
#include "sim_value.h"
#include "test_util.h"

#include <string.h>

#define GIANT 1
#define OTHER 2

/* What party p pays each month from now under t, by this test's own reckoning: the schedule's
 * shares month by month (a revenue share at the payer's revenue now, a guarantee at its weight,
 * a joint venture's partner at its share). Returns the busiest 12 months. */
static double brute_peak(const SimWorld *w, const SimTerms *t, int p)
{
    static double month[240 + 600 + 12];
    memset(month, 0, sizeof month);
    const SimKindInfo *ki = sim_kind(t->kind);
    for (int k = 0; k < t->months; k++) {
        double v = 0.0;
        if (ki->pay == SIM_PAY_REVENUE)
            v = t->payer == p ? t->rate * w->actors[p].revenue / 12.0 : 0.0;
        else if (ki->pay == SIM_PAY_SPLIT)
            v = t->amount * sim_schedule_share(t, k) *
                (t->payer == p   ? t->rate
                 : t->payee == p ? t->rate2
                                 : 0.0);
        else if (ki->pay == SIM_PAY_NONE)
            v = 0.0;
        else if (ki->lender == SIM_LENDER_WORLD)
            v = t->payer == p ? SIM_GUARANTEE_WEIGHT * t->amount * sim_schedule_share(t, k) : 0.0;
        else
            v = t->payer == p ? t->amount * sim_schedule_share(t, k) : 0.0;
        month[t->delay + k] += v;
    }
    double best = 0.0;
    for (int m = 0; m + 12 <= (int)(sizeof month / sizeof month[0]); m++) {
        double s = 0.0;
        for (int j = 0; j < 12; j++)
            s += month[m + j];
        if (s > best)
            best = s;
    }
    return best;
}

/* The most the market lets actor p carry in any year (the hub's rule): revenue after costs in the
 * best year it projects, plus its funding room. */
static double most_carried(const SimWorld *w, int p, double gw)
{
    double rev[130], best = 0.0;
    sim_value_revenue_path(w, p, gw, rev, 130);
    for (int y = 0; y < 130; y++)
        if (rev[y] > best)
            best = rev[y];
    return (1.0 - w->actors[p].spec->opex_ratio) * best + sim_pay_funding_room(w, p);
}

static SimTerms make_terms(SimDealKind k, int payer, int payee, double amount, int months,
                           int delay)
{
    SimTerms t = fx_terms(k, payer, sim_kind(k)->payee == SIM_PAYEE_WORLD ? SIM_WORLD : payee,
                          amount, months);
    t.delay = delay;
    if (sim_kind(k)->need == SIM_NEED_RATE || sim_kind(k)->lender != SIM_LENDER_NONE)
        t.rate = sim_kind(k)->need == SIM_NEED_RATE ? 0.5 : 0.05;
    if (sim_kind(k)->need == SIM_NEED_SPLIT) {
        t.rate = 0.5;
        t.rate2 = 0.5;
    }
    if (sim_kind(k)->need == SIM_NEED_SHARES)
        t.shares = amount / 100.0; /* 1 -> 0.01 billion; 1e6 -> 1e4, far past what exists */
    if (t.shares > 1e3)
        t.shares = 1e3;
    return t;
}

static int validate(const SimWorld *w, const SimTerms *t, SimRefusal *why, char *err, size_t errsz)
{
    SimIntent in;
    memset(&in, 0, sizeof in);
    in.kind = SIM_INTENT_PROPOSE;
    in.deal = -1;
    in.history_event = -1;
    in.terms = *t;
    return sim_turn_validate_why(w, t->payer, &in, why, err, errsz);
}

/* Every kind, paid by `payer`, over delays, schedules and sizes. */
static void every_kind(const SimWorld *w, int payer, int payee)
{
    static const int delays[] = {0, 12, 60, 240}, months[] = {1, 60, 600};
    const SimScenario *sc = w->sc;
    double budget = sc->actors[payer].capex_budget * sc->market.budget_slack;
    double sizes[] = {1.0, budget, 10.0 * budget, 1e6};
    int passed = 0, refused = 0;
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        const char *kn = sim_kind((SimDealKind)k)->name;
        for (size_t d = 0; d < sizeof delays / sizeof delays[0]; d++)
            for (size_t m = 0; m < sizeof months / sizeof months[0]; m++)
                for (size_t a = 0; a < sizeof sizes / sizeof sizes[0]; a++) {
                    SimTerms t =
                        make_terms((SimDealKind)k, payer, payee, sizes[a], months[m], delays[d]);
                    SimRefusal why;
                    char err[SIM_REASON_LEN] = "";
                    int rc = validate(w, &t, &why, err, sizeof err);
                    if (rc < 0) {
                        refused++;
                        /* A refusal says why, as data and in words. */
                        CHECK_MSG(why.code != SIM_REFUSE_NONE && err[0], "%s", kn);
                        continue;
                    }
                    passed++;
                    /* Let through: within the budget by this test's own reckoning, every
                     * party that pays. */
                    int parties[2] = {t.payer, t.payee};
                    for (int p = 0; p < 2; p++) {
                        int i = parties[p];
                        if (i < 0)
                            continue;
                        double peak = brute_peak(w, &t, i);
                        int by_market = i == sc->hub;
                        double cap = by_market
                                         ? most_carried(w, i, t.gw)
                                         : sc->actors[i].capex_budget * sc->market.budget_slack;
                        CHECK_MSG(peak <= cap + 1e-6,
                                  "%s paid by %s: delay %d, %d months, $%gB: %s owes $%gB in a "
                                  "year against $%gB",
                                  kn, sc->actors[payer].name, t.delay, t.months, t.amount,
                                  sc->actors[i].name, peak, cap);
                        /* And never more than the whole company. */
                        CHECK_MSG(t.amount * (p == 0 ? 1.0 : t.rate2) <=
                                          SIM_ABSURD_MULTIPLE * sim_market_value(w, i) + 1e-6 ||
                                      sim_kind(t.kind)->budget == SIM_BUDGET_NONE ||
                                      sim_kind(t.kind)->budget == SIM_BUDGET_REVENUE ||
                                      (p == 1 && sim_kind(t.kind)->budget != SIM_BUDGET_SPLIT),
                                  "%s: $%gB let through for %s", kn, t.amount, sc->actors[i].name);
                    }
                    if (sim_kind(t.kind)->stake == SIM_STAKE_VEST)
                        CHECK_MSG(t.shares <= w->actors[payer].shares, "%s: %g shares", kn,
                                  t.shares);
                }
        /* Sensible terms pass: $1B over five years, now or in a year. */
        for (int d = 0; d < 2; d++) {
            SimTerms t = make_terms((SimDealKind)k, payer, payee, 1.0, 60, 12 * d);
            char err[SIM_REASON_LEN] = "";
            CHECK_MSG(validate(w, &t, NULL, err, sizeof err) == 0, "%s paid by %s: %s", kn,
                      sc->actors[payer].name, err);
        }
    }
    /* The grid has both outcomes (a test that cannot fail checks nothing). */
    CHECK_MSG(passed > 0 && refused > 0, "%d passed, %d refused", passed, refused);
}

/* The issue's cases: a giant's deal with payments a year out, and the hub's lease. */
static void issue_cases(const SimWorld *w)
{
    SimRefusal why;
    char err[SIM_REASON_LEN] = "";
    /* A quadrillion dollars of investment starting in a year: larger than the company. */
    SimTerms t = make_terms(SIM_DEAL_EQUITY, GIANT, FX_HUB, 1e6, 60, 12);
    CHECK(validate(w, &t, &why, err, sizeof err) < 0);
    CHECK_MSG(why.code == SIM_REFUSE_TOO_BIG && why.actor == GIANT && why.a == 1e6 &&
                  strstr(err, "larger than the whole company"),
              "%s", err);
    /* Within the company's size but over its budget once it starts, a year or twenty out: the
     * first-year rule let these through. */
    double budget = w->sc->actors[GIANT].capex_budget * w->sc->market.budget_slack;
    static const int delays[] = {12, 60, 240};
    for (int d = 0; d < 3; d++) {
        t = make_terms(SIM_DEAL_BUILD, GIANT, -1, 3.0 * budget, 12, delays[d]);
        CHECK(validate(w, &t, &why, err, sizeof err) < 0);
        CHECK_MSG(why.code == SIM_REFUSE_OVER_BUDGET && why.a > why.b && why.b == budget &&
                      strstr(err, "over budget: ") && strstr(err, " months from now"),
                  "%s", err);
    }
    /* The hub may not sign any lease: a lease it could never carry. */
    t = make_terms(SIM_DEAL_CHIP_LEASE, FX_HUB, GIANT, 2.0 * sim_market_value(w, FX_HUB), 24, 12);
    CHECK(validate(w, &t, &why, err, sizeof err) < 0);
    CHECK_MSG((why.code == SIM_REFUSE_CANNOT_CARRY || why.code == SIM_REFUSE_TOO_RISKY) &&
                  why.actor == FX_HUB && why.a > why.b,
              "%d: %s", why.code, err);
    /* A joint venture's payee is held to its share; warrants to the shares that exist. */
    t = make_terms(SIM_DEAL_JOINT_VENTURE, OTHER, GIANT, 4.0 * budget, 12, 60);
    t.rate = 0.01;
    t.rate2 = 0.99;
    CHECK(validate(w, &t, &why, err, sizeof err) < 0);
    CHECK_MSG(why.code == SIM_REFUSE_OVER_BUDGET && why.actor == GIANT, "%s", err);
    t = make_terms(SIM_DEAL_WARRANTS, GIANT, FX_HUB, 0.0, 12, 0);
    t.shares = 2.0 * w->actors[GIANT].shares;
    CHECK(validate(w, &t, &why, err, sizeof err) < 0);
    CHECK_MSG(why.code == SIM_REFUSE_TOO_BIG && strstr(err, "warrants for"), "%s", err);
}

/* Deals already signed count, whenever they pay: a build due in two years takes that year. */
static void existing_deals(void)
{
    SimScenario *sc = fx_scenario(3, 48);
    fx_quiet(sc);
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, 1, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    double budget = sc->actors[GIANT].capex_budget * sc->market.budget_slack;
    SimTerms first = make_terms(SIM_DEAL_BUILD, GIANT, -1, 0.8 * budget, 12, 24);
    FxScript *fs = fx_script(w, GIANT);
    fs->steps[fs->n++] =
        (FxStep){.turn = 0, .kind = SIM_INTENT_PROPOSE, .terms = first, .deal = -1};
    CHECK(sim_turn_step(w, err, sizeof err) >= 0);
    CHECK_MSG(w->n_live == 1, "%d live: %s", w->n_live, err);
    /* The same again in the same year of payments: over; a year that does not overlap: fine. */
    SimRefusal why;
    SimTerms again = make_terms(SIM_DEAL_BUILD, GIANT, -1, 0.8 * budget, 12, 23);
    CHECK(validate(w, &again, &why, err, sizeof err) < 0 && why.code == SIM_REFUSE_OVER_BUDGET);
    CHECK_MSG(fabs(why.a - 1.6 * budget) < 1e-6, "%g", why.a);
    again.delay = 0;
    CHECK_MSG(validate(w, &again, &why, err, sizeof err) == 0, "%s", err);
    CHECK(fabs(sim_budget_peak(w, GIANT, NULL, NULL) - 0.8 * budget) < 1e-6);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* Two offers accepted in one turn, each within the budget, together over it: the second is
 * dropped (deals accepted earlier this turn are not live yet, but they count). */
static void same_turn(void)
{
    SimScenario *sc = fx_scenario(3, 48);
    fx_quiet(sc);
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, 1, err, sizeof err);
    if (!w) {
        CHECK_MSG(0, "%s", err);
        sim_scenario_free(sc);
        return;
    }
    double budget = sc->actors[GIANT].capex_budget * sc->market.budget_slack;
    SimTerms a = make_terms(SIM_DEAL_BUILD, GIANT, -1, 0.6 * budget, 12, 36);
    FxScript *fs = fx_script(w, GIANT);
    fs->steps[fs->n++] = (FxStep){.turn = 0, .kind = SIM_INTENT_PROPOSE, .terms = a, .deal = -1};
    fs->steps[fs->n++] = (FxStep){.turn = 0, .kind = SIM_INTENT_PROPOSE, .terms = a, .deal = -1};
    CHECK(sim_turn_step(w, err, sizeof err) >= 0);
    int live = 0, dropped = 0;
    for (int k = 0; k < w->n_deals; k++)
        live += sim_deal_is_live(&w->deals[k]);
    for (int e = 0; e < w->n_events; e++)
        dropped += w->events[e].kind == SIM_LOG_DROPPED && w->events[e].actor == GIANT;
    CHECK_MSG(live == 1 && dropped == 1, "%d live, %d dropped", live, dropped);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

int main(void)
{
    SimScenario *sc = fx_scenario(3, 48);
    fx_quiet(sc);
    sc->market.max_commit_pd = 0.6; /* the fixture turns the hub's rule off; not here */
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, 1, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (w) {
        every_kind(w, GIANT, FX_HUB);
        every_kind(w, FX_HUB, GIANT);
        issue_cases(w);
        sim_world_destroy(w);
    }
    sim_scenario_free(sc);
    existing_deals();
    same_turn();
    TEST_END();
}
