/* test_sim_deal: the life cycle of every kind of deal in a small world (names, term checks and
 * schedules, which need no world, are in test_sim_terms.c): proposed, accepted, announced,
 * delivering, completed, with the flows each kind books; then rejection, counter-offers, expiry,
 * dropped intents, budgets and exclusivity. The worlds are quiet (no noise, no drift) and rich
 * (nobody runs short), so every figure is exact. */
#include "sim_fixture.h"
#include "test_lang.h"
#include "test_util.h"

#include <string.h>

/* Actors of the 5-giant fixture. */
enum { HUB = FX_HUB, NVIDIA = 1, ORACLE = 2, MICROSOFT = 3, SOFTBANK = 4, AMD = 5 };

/* ---------------------------------------------------------------------------------------------
 * A small world */

typedef struct {
    SimScenario *sc;
    SimWorld *w;
    FxScript *s[FX_MAX_GIANTS + 1];
} Game;

/* Quiet and rich, a hub and 5 giants, 24 months. */
static SimScenario *small_scenario(void)
{
    SimScenario *sc = fx_scenario(5, 24);
    fx_quiet(sc);
    fx_rich(sc);
    return sc;
}

static int game_start(Game *g, SimScenario *sc)
{
    memset(g, 0, sizeof *g);
    char err[256] = "";
    g->sc = sc;
    g->w = sc ? sim_world_create(sc, 7, err, sizeof err) : NULL;
    CHECK_MSG(g->w != NULL, "world: %s", err);
    if (!g->w) {
        sim_scenario_free(sc);
        return -1;
    }
    for (int i = 0; i < g->w->n; i++)
        g->s[i] = fx_script(g->w, i);
    CHECK(sim_turn_start(g->w, err, sizeof err) == 0);
    return 0;
}

static int game_step(Game *g)
{
    char err[256] = "";
    int t = g->w->turn;
    int rc = sim_turn_step(g->w, err, sizeof err);
    CHECK_MSG(rc >= 0, "turn %d: %s", t, err);
    CHECK(g->w->turn == t + 1 || rc == 1);
    return rc;
}

static void game_end(Game *g)
{
    char err[256] = "";
    CHECK_MSG(sim_ledger_audit(&g->w->ledger, g->w->opening_cash, err, sizeof err) == 0, "%s", err);
    sim_world_destroy(g->w);
    sim_scenario_free(g->sc);
}

/* Flows of a deal booked in one turn. */
static double turn_flows(const SimWorld *w, int deal, int kind, int from, int to, int turn)
{
    return fx_deal_flows(w, deal, kind, from, to, turn) -
           (turn > 0 ? fx_deal_flows(w, deal, kind, from, to, turn - 1) : 0.0);
}

static int has_event(const SimWorld *w, SimLogKind kind, int actor, int other, int deal, int turn)
{
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == kind && (actor == -2 || e->actor == actor) &&
            (other == -2 || e->other == other) && (deal == -2 || e->deal == deal) &&
            (turn < 0 || e->turn == turn))
            return 1;
    }
    return 0;
}

static int dropped_with(const SimWorld *w, int actor, int turn, const char *text)
{
    int c = 0;
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        char told[512];
        /* The record keeps a reference to the tables; a reader sees it told (English here). */
        core_text_pick(e->text, told, sizeof told);
        if (e->kind == SIM_LOG_DROPPED && e->actor == actor && e->turn == turn &&
            (!text || strstr(told, text)))
            c++;
    }
    return c;
}

/* What the state was once the deal was announced, before any payment. */
typedef struct {
    double price[8], shares[8], mv[8], owned[8], contracted[8], cash[8];
    double holdings[8][8];
} State;

static void capture(const SimWorld *w, State *s)
{
    for (int i = 0; i < w->n; i++) {
        s->price[i] = w->actors[i].price;
        s->shares[i] = w->actors[i].shares;
        s->mv[i] = sim_market_value(w, i);
        s->owned[i] = w->actors[i].compute_owned;
        s->contracted[i] = w->actors[i].compute_contracted;
        s->cash[i] = sim_cash(w, i);
        for (int j = 0; j < w->n; j++)
            s->holdings[i][j] = fx_holdings(w, i, j);
    }
}

/* What the payee of deal 0 spent building what it delivers (sim_pay: the builder's cost of a
 * supply deal, paid to the world ahead of each delivery). */
static double builder_cost(const SimWorld *w)
{
    const SimTerms *t = &w->deals[0].t;
    if (t->payee < 0 || t->kind == SIM_DEAL_BUILD)
        return 0.0;
    return fx_deal_flows(w, 0, SIM_FLOW_BUILD, t->payee, sim_ledger_world(&w->ledger), -1);
}

/* A kind of plain instalments to another actor, as its row says (compute, chips, leases,
 * co-development, exclusivity and any kind added with the same columns): one a month, payer to
 * payee, as the schedule says; the compute its row delivers. */
static int plain_contract(SimDealKind k)
{
    const SimKindInfo *ki = sim_kind(k);
    return ki->pay == SIM_PAY_PLAIN && ki->payee == SIM_PAYEE_ACTOR &&
           ki->flow == SIM_FLOW_CONTRACT && ki->stake == SIM_STAKE_NONE;
}

static void check_instalments(const SimWorld *w, const State *b, int start)
{
    const SimDeal *d = &w->deals[0];
    const SimTerms *t = &d->t;
    const char *kn = sim_deal_kind_name(t->kind);
    int p = t->payer, q = t->payee;
    /* Instalments payer -> payee, one a month, as the schedule says. */
    for (int k = 0; k < t->months; k++) {
        CHECK_MSG(fabs(turn_flows(w, 0, SIM_FLOW_CONTRACT, p, q, start + k) -
                       t->amount * sim_schedule_share(t, k)) <= 1e-9,
                  "%s: instalment %d", kn, k);
        CHECK(fx_deal_flow_count(w, 0, SIM_FLOW_CONTRACT, start + k) == 1);
    }
    CHECK_NEAR(fx_deal_flows(w, 0, -2, -2, -2, -1) - builder_cost(w), t->amount, 1e-9);
    CHECK_NEAR(d->paid, t->amount, 1e-9);
    /* The vendor built what it delivered: its cost per dollar of contract, all of it by the
     * last delivery. */
    CHECK_NEAR(builder_cost(w), w->sc->market.delivery_cost[t->kind] * t->amount, 1e-9);
    CHECK_NEAR(d->cost_paid, builder_cost(w), 1e-9);
    /* Compute: owned for purchases and co-development, contracted for rentals. */
    int owned = sim_kind(t->kind)->gw == SIM_GW_PAYER_OWNED;
    double gained = owned ? w->actors[p].compute_owned - b->owned[p]
                          : w->actors[p].compute_contracted - b->contracted[p];
    CHECK_MSG(fabs(gained - t->gw) <= 1e-9, "%s: %g GW delivered of %g", kn, gained, t->gw);
    CHECK_NEAR(d->gw_done, t->gw, 1e-9);
    /* The other kind of compute is untouched. */
    double other = owned ? w->actors[p].compute_contracted - b->contracted[p]
                         : w->actors[p].compute_owned - b->owned[p];
    CHECK(other == 0.0);
}

static void check_kind_flows(const SimWorld *w, const State *b, int start)
{
    const SimDeal *d = &w->deals[0];
    const SimTerms *t = &d->t;
    const char *kn = sim_deal_kind_name(t->kind);
    int world = sim_ledger_world(&w->ledger);
    int p = t->payer, q = t->payee;
    if (plain_contract(t->kind)) {
        check_instalments(w, b, start);
        return;
    }
    switch (t->kind) {
    case SIM_DEAL_EQUITY: {
        for (int k = 0; k < t->months; k++)
            CHECK_NEAR(turn_flows(w, 0, SIM_FLOW_EQUITY, p, q, start + k),
                       t->amount * sim_schedule_share(t, k), 1e-9);
        CHECK_NEAR(fx_deal_flows(w, 0, -2, -2, -2, -1), t->amount, 1e-9);
        /* New shares at the price of the day (constant in a quiet market). */
        double new_shares = t->amount / b->price[q];
        CHECK_NEAR(fx_holdings(w, p, q), b->holdings[p][q] + new_shares, 1e-9);
        CHECK_NEAR(w->actors[q].shares, b->shares[q] + new_shares, 1e-9);
        CHECK_NEAR(sim_market_value(w, q), b->mv[q] + t->amount, 1e-6);
        CHECK_NEAR(w->actors[q].price, b->price[q], 1e-9 * b->price[q]);
        break;
    }
    case SIM_DEAL_LOAN:
    case SIM_DEAL_GUARANTEE: {
        /* Draws over `months`, then repayments of principal / months left, interest monthly on
         * the principal out. Guaranteed loans are the world's money. */
        int lender = t->kind == SIM_DEAL_LOAN ? p : world;
        double principal = 0.0, interest_total = 0.0;
        for (int s = 0; s < 2 * t->months; s++) {
            int turn = start + s;
            double draw = s < t->months ? t->amount * sim_schedule_share(t, s) : 0.0;
            principal += draw;
            double interest = principal * t->rate / 12.0;
            double repay = s >= t->months ? principal / (double)(2 * t->months - s) : 0.0;
            principal -= repay;
            interest_total += interest;
            CHECK_MSG(fabs(turn_flows(w, 0, SIM_FLOW_LOAN_DRAW, lender, q, turn) - draw) <= 1e-9,
                      "%s: draw in slot %d", kn, s);
            CHECK_MSG(fabs(turn_flows(w, 0, SIM_FLOW_INTEREST, q, lender, turn) - interest) <= 1e-9,
                      "%s: interest in slot %d", kn, s);
            CHECK_MSG(fabs(turn_flows(w, 0, SIM_FLOW_LOAN_REPAY, q, lender, turn) - repay) <= 1e-9,
                      "%s: repayment in slot %d", kn, s);
        }
        CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_LOAN_DRAW, -2, -2, -1), t->amount, 1e-9);
        CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_LOAN_REPAY, -2, -2, -1), t->amount, 1e-9);
        CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_INTEREST, -2, -2, -1), interest_total, 1e-9);
        CHECK(interest_total > 0.0);
        CHECK_MSG(d->principal == 0.0, "%s: %.17g principal left", kn, d->principal);
        if (t->kind == SIM_DEAL_GUARANTEE) {
            /* The guarantor pays nothing while the borrower pays. */
            CHECK(sim_ledger_sum(&w->ledger, p, -2, SIM_FLOW_GUARANTEE_CALL) == 0.0);
            CHECK(fx_deal_flows(w, 0, -2, p, -2, -1) == 0.0);
            CHECK(fx_deal_flows(w, 0, -2, -2, p, -1) == 0.0);
        }
        break;
    }
    case SIM_DEAL_WARRANTS: {
        /* No money; shares vest month by month into the payee's holdings, diluting the issuer
         * while its market value stays what it was. */
        CHECK(fx_deal_flows(w, 0, -2, -2, -2, -1) == 0.0);
        CHECK_NEAR(d->vested, t->shares, 1e-12);
        CHECK_NEAR(fx_holdings(w, q, p), b->holdings[q][p] + t->shares, 1e-12);
        CHECK_NEAR(w->actors[p].shares, b->shares[p] + t->shares, 1e-12);
        CHECK_NEAR(sim_market_value(w, p), b->mv[p], 1e-9 * b->mv[p]);
        CHECK_NEAR(w->actors[p].price, b->price[p] * b->shares[p] / (b->shares[p] + t->shares),
                   1e-9 * b->price[p]);
        for (int k = 0; k < t->months; k++) {
            double vest = sim_snap(w, start + k + 1, p)->shares - sim_snap(w, start + k, p)->shares;
            CHECK_MSG(fabs(vest - t->shares * sim_schedule_share(t, k)) <= 1e-12,
                      "warrants: vesting %d", k);
        }
        break;
    }
    case SIM_DEAL_REVENUE_SHARE:
        /* rate * the payer's revenue of that month / 12, each month. */
        for (int k = 0; k < t->months; k++) {
            int turn = start + k;
            double expect = t->rate * sim_snap(w, turn + 1, p)->revenue / 12.0;
            CHECK_MSG(fabs(turn_flows(w, 0, SIM_FLOW_REVENUE_SHARE, p, q, turn) - expect) <= 1e-12,
                      "revenue share in month %d: %.17g, expected %.17g", k,
                      turn_flows(w, 0, SIM_FLOW_REVENUE_SHARE, p, q, turn), expect);
        }
        /* The revenue grew, so the months differ. */
        CHECK(turn_flows(w, 0, SIM_FLOW_REVENUE_SHARE, p, q, start + 1) >
              turn_flows(w, 0, SIM_FLOW_REVENUE_SHARE, p, q, start));
        break;
    case SIM_DEAL_JOINT_VENTURE: {
        /* Both partners pay their share of the build to the builders; the GW go to the payee. */
        for (int k = 0; k < t->months; k++) {
            double s = sim_schedule_share(t, k);
            CHECK_NEAR(turn_flows(w, 0, SIM_FLOW_JV_CONTRIBUTION, p, world, start + k),
                       t->amount * t->rate * s, 1e-9);
            CHECK_NEAR(turn_flows(w, 0, SIM_FLOW_JV_CONTRIBUTION, q, world, start + k),
                       t->amount * t->rate2 * s, 1e-9);
        }
        CHECK_NEAR(fx_deal_flows(w, 0, -2, p, -2, -1), t->amount * t->rate, 1e-9);
        /* The payee's own share, and rent to the partner on what the partner has put in so
         * far: jv_yield a year, each month after a contribution (the last one's month
         * included: rent is owed after the build round). */
        double rent = 0.0;
        for (int k = 0; k < t->months; k++)
            rent +=
                w->sc->market.jv_yield / 12.0 * t->amount * t->rate * sim_schedule_sum(t, 0, k + 1);
        CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_CONTRACT, q, p, -1), rent, 1e-9);
        CHECK_NEAR(fx_deal_flows(w, 0, -2, q, -2, -1), t->amount * t->rate2 + rent, 1e-9);
        CHECK_NEAR(d->paid, t->amount * (t->rate + t->rate2), 1e-9);
        CHECK_NEAR(w->actors[q].compute_contracted - b->contracted[q], t->gw, 1e-9);
        CHECK_NEAR(d->gw_done, t->gw, 1e-9);
        CHECK(w->actors[p].compute_contracted == b->contracted[p]);
        CHECK(w->actors[p].compute_owned == b->owned[p]);
        /* Finished, the partner's share of the build is leased to the payee: a compute
         * contract of jv_yield a year on what it put in, already built (no builder's cost). */
        CHECK_MSG(w->n_deals == 2, "joint_venture: %d deals after the build", w->n_deals);
        if (w->n_deals == 2) {
            const SimDeal *l = &w->deals[1];
            const SimMarketParams *m = &w->sc->market;
            CHECK(l->t.kind == SIM_DEAL_COMPUTE && l->t.payer == q && l->t.payee == p);
            CHECK(sim_deal_is_live(l) && l->t.months == (int)m->jv_lease_months);
            CHECK_NEAR(l->t.amount, t->amount * t->rate * m->jv_yield * m->jv_lease_months / 12.0,
                       1e-9);
            CHECK_NEAR(l->cost_paid, m->delivery_cost[SIM_DEAL_COMPUTE] * l->t.amount, 1e-9);
            CHECK(strncmp(l->tag, "lease:", 6) == 0);
        }
        break;
    }
    case SIM_DEAL_BUILD:
        for (int k = 0; k < t->months; k++)
            CHECK_NEAR(turn_flows(w, 0, SIM_FLOW_BUILD, p, world, start + k),
                       t->amount * sim_schedule_share(t, k), 1e-9);
        CHECK_NEAR(fx_deal_flows(w, 0, -2, -2, -2, -1), t->amount, 1e-9);
        CHECK_NEAR(w->actors[p].compute_owned - b->owned[p], t->gw, 1e-9);
        break;
    default:
        CHECK_MSG(0, "no check for %s", kn);
        break;
    }
}

/* Proposed at turn 0, answered at turn 1 (a build needs no answer), delay 1: announced, then
 * delivering, then completed at start + span - 1. */
static int lived[SIM_DEAL_KIND_COUNT]; /* the kinds whose life cycle test_lifecycles ran */

static void lifecycle(SimTerms t, int proposer)
{
    if (sim_kind_valid((int)t.kind))
        lived[t.kind] = 1;
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    const char *kn = sim_deal_kind_name(t.kind);
    int build = t.payee == SIM_WORLD;
    int other = build ? -1 : (proposer == t.payer ? t.payee : t.payer);
    fx_propose(g.s[proposer], 0, t);
    if (!build)
        fx_answer(g.s[other], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    int announced = build ? 0 : 1;
    int start = announced + t.delay;
    int span = sim_deal_span(&t);
    int last = start + span - 1;

    game_step(&g); /* turn 0 */
    CHECK_MSG(w->n_deals == 1, "%s: %d deals", kn, w->n_deals);
    if (w->n_deals != 1) {
        game_end(&g);
        return;
    }
    CHECK(w->deals[0].proposer == proposer && w->deals[0].parent == -1);
    CHECK(w->deals[0].proposed_turn == 0);
    CHECK_MSG(has_event(w, SIM_LOG_PROPOSED, proposer, other, 0, 0), "%s: no PROPOSED event", kn);
    if (!build) {
        CHECK_MSG(w->deals[0].status == SIM_DS_PROPOSED, "%s is %s after turn 0", kn,
                  sim_deal_status_name(w->deals[0].status));
        CHECK(w->deals[0].decided_turn == -1 && w->deals[0].start_turn == -1);
        game_step(&g); /* turn 1: accepted */
    }
    const SimDeal *d = &w->deals[0];
    CHECK_MSG(d->status == SIM_DS_ANNOUNCED, "%s is %s once accepted", kn,
              sim_deal_status_name(d->status));
    CHECK(sim_deal_is_live(d));
    CHECK(d->decided_turn == announced && d->start_turn == start);
    CHECK_MSG(has_event(w, SIM_LOG_ACCEPTED, build ? -2 : other, proposer, 0, announced),
              "%s: no ACCEPTED event", kn);
    CHECK_MSG(has_event(w, SIM_LOG_REACTION, -2, -2, 0, announced), "%s: no market reaction", kn);
    CHECK_MSG(fx_deal_flows(w, 0, -2, -2, -2, -1) - builder_cost(w) == 0.0,
              "%s: money moved before the start", kn);
    /* A builder spends ahead of delivery: the slots due within the lead are built the month the
     * deal is signed. */
    if (w->sc->market.delivery_cost[t.kind] > 0.0 && !build) {
        int lead = (int)w->sc->market.delivery_lead;
        CHECK_NEAR(builder_cost(w),
                   w->sc->market.delivery_cost[t.kind] * t.amount *
                       sim_schedule_sum(&t, 0, lead - t.delay + 1),
                   1e-9);
    }
    /* The proposer's strategy heard about it. */
    CHECK(g.s[proposer]->events > 0);
    State before;
    capture(w, &before);

    while (w->turn <= last) {
        int t_now = w->turn;
        game_step(&g);
        d = &w->deals[0];
        if (t_now < start) {
            CHECK_MSG(d->status == SIM_DS_ANNOUNCED, "%s turn %d: %s", kn, t_now,
                      sim_deal_status_name(d->status));
        } else if (t_now < last) {
            CHECK_MSG(d->status == SIM_DS_DELIVERING, "%s turn %d: %s", kn, t_now,
                      sim_deal_status_name(d->status));
            CHECK(d->paid_count == t_now - start + 1);
        } else {
            CHECK_MSG(d->status == SIM_DS_COMPLETED, "%s turn %d: %s", kn, t_now,
                      sim_deal_status_name(d->status));
            CHECK(d->end_turn == last && d->paid_count == span);
            CHECK_MSG(has_event(w, SIM_LOG_COMPLETED, t.payer, -2, 0, last),
                      "%s: no COMPLETED event", kn);
        }
    }
    check_kind_flows(w, &before, start);
    /* Nothing after the end. */
    double total = fx_deal_flows(w, 0, -2, -2, -2, -1);
    game_step(&g);
    game_step(&g);
    CHECK(w->deals[0].status == SIM_DS_COMPLETED);
    CHECK_MSG(fx_deal_flows(w, 0, -2, -2, -2, -1) == total, "%s: money moved after completion", kn);
    CHECK(!sim_deal_is_live(&w->deals[0]));
    CHECK(fx_count_events(w, SIM_LOG_DROPPED, -2, -1) == 0);
    game_end(&g);
}

static void test_lifecycles(void)
{
    SimTerms t = fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 30.0, 3);
    t.delay = 1, t.upfront = 0.5, t.gw = 3.0;
    lifecycle(t, HUB);

    t = fx_terms(SIM_DEAL_CHIP_PURCHASE, HUB, NVIDIA, 24.0, 4);
    t.delay = 1, t.gw = 2.0;
    lifecycle(t, NVIDIA);

    t = fx_terms(SIM_DEAL_CHIP_LEASE, HUB, AMD, 12.0, 2);
    t.delay = 1, t.gw = 1.0;
    lifecycle(t, HUB);

    t = fx_terms(SIM_DEAL_CODEV, HUB, ORACLE, 9.0, 3);
    t.delay = 1, t.gw = 0.5;
    lifecycle(t, ORACLE);

    t = fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 3);
    t.delay = 1;
    lifecycle(t, NVIDIA);

    t = fx_terms(SIM_DEAL_LOAN, NVIDIA, HUB, 12.0, 2);
    t.delay = 1, t.rate = 0.12;
    lifecycle(t, HUB);

    t = fx_terms(SIM_DEAL_LOAN, ORACLE, HUB, 30.0, 3);
    t.delay = 1, t.rate = 0.07, t.upfront = 0.4;
    lifecycle(t, ORACLE);

    t = fx_terms(SIM_DEAL_GUARANTEE, SOFTBANK, HUB, 12.0, 2);
    t.delay = 1, t.rate = 0.06;
    lifecycle(t, HUB);

    t = fx_terms(SIM_DEAL_WARRANTS, AMD, HUB, 0.0, 3);
    t.delay = 1, t.shares = 0.6;
    lifecycle(t, AMD);

    t = fx_terms(SIM_DEAL_REVENUE_SHARE, HUB, MICROSOFT, 0.0, 3);
    t.delay = 1, t.rate = 0.2;
    lifecycle(t, MICROSOFT);

    t = fx_terms(SIM_DEAL_JOINT_VENTURE, SOFTBANK, HUB, 100.0, 4);
    t.delay = 1, t.rate = 0.4, t.rate2 = 0.1, t.gw = 5.0;
    lifecycle(t, SOFTBANK);

    t = fx_terms(SIM_DEAL_EXCLUSIVITY, HUB, MICROSOFT, 3.0, 3);
    t.delay = 1;
    lifecycle(t, MICROSOFT);

    t = fx_terms(SIM_DEAL_BUILD, HUB, SIM_WORLD, 30.0, 3);
    t.delay = 1, t.gw = 1.5;
    lifecycle(t, HUB);

    /* A giant builds too. */
    t = fx_terms(SIM_DEAL_BUILD, ORACLE, SIM_WORLD, 20.0, 2);
    t.delay = 1, t.gw = 1.0;
    lifecycle(t, ORACLE);

#ifdef SIM_TEST_EXTRA_KIND /* the recipe's test build: tests/kindtest/kind_row.h */
    t = fx_terms(SIM_DEAL_PREPAY, HUB, ORACLE, 6.0, 3);
    t.delay = 1, t.gw = 0.5;
    lifecycle(t, HUB);
#endif

    /* A kind added to the table gets its life cycle here too. */
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        CHECK_MSG(lived[k], "kind %s has no life cycle in test_lifecycles",
                  sim_deal_kind_name((SimDealKind)k));
}

/* A deal running when the game begins pays from its start, with no announcement. */
static void test_initial_deal(void)
{
    SimScenario *sc = fx_scenario_ex(5, 24, 0, 1);
    fx_quiet(sc);
    fx_rich(sc);
    SimInitialDeal *in = &sc->initial[0];
    core_strlcpy(in->tag, "azure", sizeof in->tag);
    in->proposer = MICROSOFT;
    in->terms = fx_terms(SIM_DEAL_COMPUTE, HUB, MICROSOFT, 12.0, 4);
    in->terms.delay = 2;
    in->terms.gw = 1.0;
    Game g;
    if (game_start(&g, sc) < 0)
        return;
    SimWorld *w = g.w;
    CHECK(w->n_deals == 1 && w->deals[0].status == SIM_DS_ANNOUNCED);
    CHECK(strcmp(w->deals[0].tag, "azure") == 0);
    CHECK(w->deals[0].start_turn == 2);
    CHECK(w->actors[MICROSOFT].joined);
    /* Owed from the start: in the opening snapshot's obligations and exposure. */
    CHECK_NEAR(sim_snap(w, 0, HUB)->obligations, 12.0, 1e-9);
    CHECK_NEAR(sim_snap(w, 0, MICROSOFT)->exposure, 12.0, 1e-9);
    for (int k = 0; k < 6; k++)
        game_step(&g);
    CHECK(w->deals[0].status == SIM_DS_COMPLETED && w->deals[0].end_turn == 5);
    CHECK(turn_flows(w, 0, SIM_FLOW_CONTRACT, HUB, MICROSOFT, 1) == 0.0);
    CHECK_NEAR(turn_flows(w, 0, SIM_FLOW_CONTRACT, HUB, MICROSOFT, 2), 3.0, 1e-12);
    CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_CONTRACT, HUB, MICROSOFT, -1), 12.0, 1e-9);
    CHECK(fx_count_events(w, SIM_LOG_REACTION, -2, -1) == 0);
    CHECK_NEAR(sim_snap(w, 6, HUB)->obligations, 0.0, 1e-12);
    game_end(&g);
}

/* ---------------------------------------------------------------------------------------------
 * Other endings */

static void test_rejected(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 3));
    fx_answer(g.s[HUB], 1, SIM_INTENT_REJECT, 0);
    fx_answer(g.s[HUB], 2, SIM_INTENT_ACCEPT, 0); /* too late: dropped */
    for (int k = 0; k < 5; k++)
        game_step(&g);
    const SimDeal *d = &w->deals[0];
    CHECK_MSG(d->status == SIM_DS_REJECTED, "%s", sim_deal_status_name(d->status));
    CHECK(d->decided_turn == 1 && d->start_turn == -1);
    CHECK(strcmp(d->answer, "step 0 of openai") == 0);
    CHECK(strcmp(d->reason, "step 0 of nvidia") == 0);
    CHECK(has_event(w, SIM_LOG_REJECTED, HUB, NVIDIA, 0, 1));
    CHECK(dropped_with(w, HUB, 2, "accept") == 1);
    CHECK(fx_deal_flows(w, 0, -2, -2, -2, -1) == 0.0);
    CHECK(fx_count_events(w, SIM_LOG_REACTION, -2, -1) == 0);
    CHECK(fx_holdings(w, NVIDIA, HUB) == 0.0);
    game_end(&g);
}

static void test_countered(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[HUB], 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 30.0, 3));
    SimTerms bad = fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 45.0, 0); /* months 0: dropped */
    fx_counter(g.s[ORACLE], 1, 0, bad);
    fx_counter(g.s[ORACLE], 1, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 45.0, 3));
    fx_answer(g.s[ORACLE], 2, SIM_INTENT_ACCEPT, 1); /* its own counter: dropped */
    fx_answer(g.s[HUB], 2, SIM_INTENT_ACCEPT, 1);
    game_step(&g);
    game_step(&g);
    CHECK(w->n_deals == 2);
    if (w->n_deals != 2) {
        game_end(&g);
        return;
    }
    CHECK_MSG(w->deals[0].status == SIM_DS_COUNTERED, "parent is %s",
              sim_deal_status_name(w->deals[0].status));
    CHECK(w->deals[0].decided_turn == 1);
    const SimDeal *c = &w->deals[1];
    CHECK(c->status == SIM_DS_PROPOSED && c->proposer == ORACLE && c->parent == 0);
    CHECK(c->proposed_turn == 1 && c->t.amount == 45.0);
    CHECK(has_event(w, SIM_LOG_COUNTERED, ORACLE, 0, 1, 1));
    CHECK(dropped_with(w, ORACLE, 1, "counter") == 1); /* the bad one */
    game_step(&g);
    CHECK(dropped_with(w, ORACLE, 2, "accept") == 1);
    CHECK_MSG(w->deals[1].status == SIM_DS_DELIVERING, "counter is %s",
              sim_deal_status_name(w->deals[1].status));
    CHECK(has_event(w, SIM_LOG_ACCEPTED, HUB, ORACLE, 1, 2));
    for (int k = 0; k < 3; k++)
        game_step(&g);
    CHECK(w->deals[1].status == SIM_DS_COMPLETED);
    CHECK_NEAR(fx_deal_flows(w, 1, SIM_FLOW_CONTRACT, HUB, ORACLE, -1), 45.0, 1e-9);
    CHECK(fx_deal_flows(w, 0, -2, -2, -2, -1) == 0.0);
    CHECK(w->deals[0].status == SIM_DS_COUNTERED);
    game_end(&g);
}

/* A counter-offer goes back to the proposer: it may change the terms, not the counterparty. */
static void test_counter_third_party(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[HUB], 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 30.0, 3));
    /* Oracle "counters" OpenAI's offer with an offer to Microsoft. */
    fx_counter(g.s[ORACLE], 1, 0, fx_terms(SIM_DEAL_COMPUTE, MICROSOFT, ORACLE, 30.0, 3));
    game_step(&g);
    game_step(&g);
    CHECK_MSG(dropped_with(w, ORACLE, 1, "counter") == 1,
              "a counter-offer addressed to a third party was not dropped");
    CHECK_MSG(w->deals[0].status == SIM_DS_PROPOSED,
              "the hub's offer was marked %s by a counter addressed to someone else",
              sim_deal_status_name(w->deals[0].status));
    CHECK(w->n_deals == 1);
    game_end(&g);
}

static void test_expired(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 3));
    fx_propose(g.s[ORACLE], 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2));
    fx_answer(g.s[HUB], 3, SIM_INTENT_ACCEPT, 1); /* answered in the last turn it is open */
    fx_answer(g.s[HUB], 4, SIM_INTENT_ACCEPT, 0); /* too late */
    for (int k = 0; k < 3; k++) {
        game_step(&g);
        CHECK_MSG(w->deals[0].status == SIM_DS_PROPOSED, "after turn %d: %s", k,
                  sim_deal_status_name(w->deals[0].status));
    }
    game_step(&g); /* turn 3 */
    CHECK_MSG(w->deals[0].status == SIM_DS_EXPIRED, "after turn 3: %s",
              sim_deal_status_name(w->deals[0].status));
    CHECK(w->deals[0].decided_turn == 3);
    CHECK(has_event(w, SIM_LOG_EXPIRED, NVIDIA, -2, 0, 3));
    CHECK(fx_count_events(w, SIM_LOG_EXPIRED, -2, -1) == 1);
    CHECK_MSG(w->deals[1].status == SIM_DS_DELIVERING, "deal answered in time: %s",
              sim_deal_status_name(w->deals[1].status));
    game_step(&g);
    CHECK(dropped_with(w, HUB, 4, "accept") == 1);
    CHECK(w->deals[0].status == SIM_DS_EXPIRED);
    CHECK(fx_deal_flows(w, 0, -2, -2, -2, -1) == 0.0);
    game_end(&g);
}

/* Invalid intents are dropped one by one with a message; the rest of the turn goes on. */
static void test_dropped(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    FxScript *n = g.s[NVIDIA];
    fx_propose(n, 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, -5.0, 3));       /* bad amount */
    fx_answer(n, 0, SIM_INTENT_ACCEPT, 99);                                  /* no such deal */
    fx_propose(n, 0, fx_terms(SIM_DEAL_COMPUTE, MICROSOFT, ORACLE, 5.0, 3)); /* not a party */
    fx_propose(n, 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 3));       /* good */
    fx_answer(n, 0, SIM_INTENT_RELEASE, 0);                                  /* holds nothing */
    fx_answer(n, 0, (SimIntentKind)42, -1);                                  /* no such intent */
    fx_answer(n, 0, SIM_INTENT_REJECT, -1);                                  /* no deal */
    fx_propose(g.s[ORACLE], 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2)); /* good */
    game_step(&g);
    CHECK(w->turn == 1);
    CHECK_MSG(dropped_with(w, NVIDIA, 0, NULL) == 6, "%d dropped",
              dropped_with(w, NVIDIA, 0, NULL));
    CHECK(dropped_with(w, NVIDIA, 0, "propose dropped") == 2);
    CHECK(dropped_with(w, NVIDIA, 0, "accept dropped") == 1);
    CHECK(dropped_with(w, NVIDIA, 0, "release dropped") == 1);
    CHECK(dropped_with(w, NVIDIA, 0, "reject dropped") == 1);
    CHECK(dropped_with(w, NVIDIA, 0, "amount") == 1);
    CHECK(dropped_with(w, ORACLE, 0, NULL) == 0);
    CHECK(w->n_deals == 2);
    if (w->n_deals == 2) {
        CHECK(w->deals[0].proposer == NVIDIA && w->deals[0].t.amount == 30.0);
        CHECK(w->deals[1].proposer == ORACLE);
    }

    /* More intents than a turn allows: the first SIM_MAX_INTENTS count, the rest are reported. */
    for (int k = 0; k < SIM_MAX_INTENTS + 4; k++) {
        SimTerms t = fx_terms(SIM_DEAL_BUILD, MICROSOFT, SIM_WORLD, 0.5, 1);
        fx_propose(g.s[MICROSOFT], 1, t);
    }
    game_step(&g);
    CHECK(dropped_with(w, MICROSOFT, 1, "beyond") == 1);
    int builds = 0;
    for (int k = 0; k < w->n_deals; k++)
        builds += w->deals[k].t.kind == SIM_DEAL_BUILD && w->deals[k].proposer == MICROSOFT;
    CHECK_MSG(builds == SIM_MAX_INTENTS, "%d builds", builds);
    game_end(&g);
}

static void test_who_may_answer(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 3));
    fx_answer(g.s[NVIDIA], 1, SIM_INTENT_ACCEPT, 0); /* its own offer */
    fx_answer(g.s[ORACLE], 1, SIM_INTENT_ACCEPT, 0); /* not its offer */
    fx_answer(g.s[ORACLE], 1, SIM_INTENT_REJECT, 0);
    game_step(&g);
    game_step(&g);
    CHECK(dropped_with(w, NVIDIA, 1, "accept") == 1);
    CHECK(dropped_with(w, ORACLE, 1, NULL) == 2);
    CHECK(w->deals[0].status == SIM_DS_PROPOSED);
    /* Accepting twice in one turn: one deal, the second answer dropped. */
    fx_answer(g.s[HUB], 2, SIM_INTENT_ACCEPT, 0);
    fx_answer(g.s[HUB], 2, SIM_INTENT_ACCEPT, 0);
    fx_answer(g.s[HUB], 2, SIM_INTENT_REJECT, 0);
    game_step(&g);
    CHECK(dropped_with(w, HUB, 2, "already answered") == 2);
    CHECK(w->deals[0].status == SIM_DS_DELIVERING);
    CHECK(fx_count_events(w, SIM_LOG_ACCEPTED, HUB, 2) == 1);
    for (int k = 0; k < 3; k++)
        game_step(&g);
    CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_EQUITY, NVIDIA, HUB, -1), 30.0, 1e-9);
    game_end(&g);
}

/* A giant commits at most budget_slack * capex_budget in the next twelve months. */
static void test_budget(void)
{
    SimScenario *sc = small_scenario();
    sc->actors[NVIDIA].capex_budget = 10.0;
    sc->market.budget_slack = 1.0;
    Game g;
    if (game_start(&g, sc) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 12)); /* 30 > 10 */
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 60.0, 24)); /* 30 in a year */
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 30.0, 36)); /* 10: fits */
    game_step(&g);
    CHECK(dropped_with(w, NVIDIA, 0, "over budget") == 2);
    /* The same record told in Chinese: the refusal in the reader's words, the same figures. */
    test_lang_use(CORE_LANG_ZH);
    CHECK(dropped_with(w, NVIDIA, 0, "超出预算") == 2);
    CHECK(dropped_with(w, NVIDIA, 0, "over budget") == 0);
    test_lang_use(CORE_LANG_EN);
    CHECK(w->n_deals == 1);
    /* The hub has no capex budget rule, but nobody commits more than five times its value. */
    fx_propose(g.s[HUB], 1, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 5000.0, 12));
    game_step(&g);
    CHECK(dropped_with(w, HUB, 1, "larger than the whole company") == 1);
    game_end(&g);
}

/* Two commitments that each fit but not together: the second must not pass in the same turn. */
static void test_budget_same_turn(void)
{
    SimScenario *sc = small_scenario();
    sc->actors[NVIDIA].capex_budget = 10.0;
    sc->actors[ORACLE].capex_budget = 10.0;
    sc->market.budget_slack = 1.0;
    Game g;
    if (game_start(&g, sc) < 0)
        return;
    SimWorld *w = g.w;
    /* Two offers to Nvidia, 6 each in the next year, accepted together. */
    fx_propose(g.s[HUB], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 6.0, 12));
    fx_propose(g.s[HUB], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 6.0, 12));
    fx_answer(g.s[NVIDIA], 1, SIM_INTENT_ACCEPT, 0);
    fx_answer(g.s[NVIDIA], 1, SIM_INTENT_ACCEPT, 1);
    game_step(&g);
    game_step(&g);
    int live = sim_deal_is_live(&w->deals[0]) + sim_deal_is_live(&w->deals[1]);
    CHECK_MSG(live == 1, "Nvidia accepted %d offers of 6 against a budget of 10 in one turn", live);
    CHECK_MSG(sim_obligations(w, NVIDIA, 12) <= 10.0 + 1e-9,
              "Nvidia owes %.1f in the next year against a budget of 10",
              sim_obligations(w, NVIDIA, 12));

    /* The same with its own builds, which need nobody's answer. */
    fx_propose(g.s[ORACLE], 2, fx_terms(SIM_DEAL_BUILD, ORACLE, SIM_WORLD, 6.0, 12));
    fx_propose(g.s[ORACLE], 2, fx_terms(SIM_DEAL_BUILD, ORACLE, SIM_WORLD, 6.0, 12));
    game_step(&g);
    CHECK_MSG(sim_obligations(w, ORACLE, 12) <= 10.0 + 1e-9,
              "Oracle's builds of one turn commit %.1f in the next year against a budget of 10",
              sim_obligations(w, ORACLE, 12));
    game_end(&g);
}

/* A loan whose last repayment falls short is not done with: the lender keeps its claim on the
 * principal (it does not vanish), and when the borrower has money again it repays exactly what
 * is left, no more. */
static void test_loan_unpaid(void)
{
    SimScenario *sc = small_scenario();
    SimActorSpec *hub = &sc->actors[HUB];
    hub->cash = 0.0;
    hub->revenue = 0.0;
    hub->opex_ratio = 0.0;
    sc->market.credit_appetite = 0.0;
    sc->market.raise_fraction = 0.0;
    Game g;
    if (game_start(&g, sc) < 0)
        return;
    SimWorld *w = g.w;
    /* Nvidia lends 12 for a month at 10%; the hub spends 1 of it on Oracle's compute meanwhile;
     * Microsoft's investment arrives a month after the repayment was due. */
    SimTerms t = fx_terms(SIM_DEAL_LOAN, NVIDIA, HUB, 12.0, 1);
    t.rate = 0.1;
    fx_propose(g.s[HUB], 0, t);
    fx_propose(g.s[HUB], 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 1.0, 1));
    SimTerms eq = fx_terms(SIM_DEAL_EQUITY, MICROSOFT, HUB, 50.0, 1);
    eq.delay = 2;
    fx_propose(g.s[MICROSOFT], 0, eq);
    fx_answer(g.s[NVIDIA], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(g.s[ORACLE], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(g.s[HUB], 1, SIM_INTENT_ACCEPT, 2);
    for (int k = 0; k < 3; k++)
        game_step(&g);
    /* Turn 2: the repayment of 12 (and the month's interest) falls short. */
    const SimDeal *d = &w->deals[0];
    CHECK(fx_count_events(w, SIM_LOG_MISSED, HUB, 2) == 1);
    double repaid = fx_deal_flows(w, 0, SIM_FLOW_LOAN_REPAY, HUB, NVIDIA, -1);
    CHECK(repaid < 12.0 && repaid > 10.0);
    CHECK_NEAR(d->principal, 12.0 - repaid, 1e-9);
    CHECK_MSG(!(d->status == SIM_DS_COMPLETED && d->principal > 1e-9),
              "the loan is %s with %.2f of principal unpaid", sim_deal_status_name(d->status),
              d->principal);
    CHECK_MSG(sim_exposure(w, NVIDIA, HUB) >= d->principal - 1e-9 ||
                  fx_find_event(w, SIM_LOG_WRITEDOWN, NVIDIA, -2) != NULL,
              "Nvidia's claim of %.2f vanished: exposure %.2f, no write-down", d->principal,
              sim_exposure(w, NVIDIA, HUB));
    double left = d->principal;
    /* What is owed is the principal left and the month's unpaid interest (under 0.1): counted
     * once. */
    CHECK_MSG(sim_exposure(w, NVIDIA, HUB) <= left + 0.1 + 1e-9,
              "Nvidia's exposure %.4f counts the %.4f of principal left twice",
              sim_exposure(w, NVIDIA, HUB), left);
    CHECK_MSG(sim_obligations(w, HUB, -1) <= left + 0.1 + 1e-9,
              "the hub's obligations %.4f count the %.4f of principal left twice",
              sim_obligations(w, HUB, -1), left);
    /* Turn 3: the hub has money and settles: the principal it still owed, and interest. */
    game_step(&g);
    game_step(&g);
    d = &w->deals[0];
    CHECK_MSG(d->status == SIM_DS_COMPLETED && d->principal == 0.0, "loan %s, principal %.4f",
              sim_deal_status_name(d->status), d->principal);
    double repay_total = fx_deal_flows(w, 0, SIM_FLOW_LOAN_REPAY, HUB, NVIDIA, -1);
    CHECK_MSG(fabs(repay_total - 12.0) <= 1e-9,
              "a loan of 12 was repaid %.4f (%.4f was left after the short month)", repay_total,
              left);
    /* Interest: two months on 12 and one on what was left, at most. */
    double interest = fx_deal_flows(w, 0, SIM_FLOW_INTEREST, HUB, NVIDIA, -1);
    CHECK_MSG(interest <= 2.0 * 12.0 * 0.1 / 12.0 + left * 0.1 / 12.0 + 1e-9, "interest paid %.4f",
              interest);
    CHECK(interest >= 2.0 * 12.0 * 0.1 / 12.0 - 1e-9);
    game_end(&g);
}

/* An exclusivity over the hub's compute blocks compute deals with anyone else until released. */
static void test_exclusivity(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[MICROSOFT], 0, fx_terms(SIM_DEAL_EXCLUSIVITY, HUB, MICROSOFT, 0.0, 12));
    fx_answer(g.s[HUB], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    /* Turn 2: blocked with Oracle, whoever proposes; allowed with the holder. */
    fx_propose(g.s[HUB], 2, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2));
    fx_propose(g.s[ORACLE], 2, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2));
    fx_propose(g.s[HUB], 2, fx_terms(SIM_DEAL_COMPUTE, HUB, MICROSOFT, 10.0, 2));
    /* Turn 3: only the holder can give the right up. */
    fx_answer(g.s[NVIDIA], 3, SIM_INTENT_RELEASE, 0);
    fx_answer(g.s[HUB], 3, SIM_INTENT_RELEASE, 0);
    fx_answer(g.s[MICROSOFT], 3, SIM_INTENT_RELEASE, FX_HELD);
    /* Turn 4: free to buy from Oracle. */
    fx_propose(g.s[HUB], 4, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2));
    fx_answer(g.s[ORACLE], 5, SIM_INTENT_ACCEPT, FX_OPEN);
    for (int k = 0; k < 3; k++)
        game_step(&g);
    CHECK(w->deals[0].status == SIM_DS_ANNOUNCED || w->deals[0].status == SIM_DS_DELIVERING);
    CHECK(dropped_with(w, HUB, 2, "exclusive") == 1);
    CHECK(dropped_with(w, ORACLE, 2, "exclusive") == 1);
    CHECK(w->n_deals == 2 && w->deals[1].t.payee == MICROSOFT);
    game_step(&g); /* turn 3 */
    CHECK(dropped_with(w, NVIDIA, 3, "release") == 1);
    CHECK(dropped_with(w, HUB, 3, "release") == 1);
    CHECK_MSG(w->deals[0].status == SIM_DS_RELEASED, "%s",
              sim_deal_status_name(w->deals[0].status));
    CHECK(w->deals[0].end_turn == 3);
    CHECK(has_event(w, SIM_LOG_RELEASED, MICROSOFT, HUB, 0, 3));
    game_step(&g); /* turn 4 */
    CHECK(dropped_with(w, HUB, 4, NULL) == 0);
    CHECK(w->n_deals == 3 && w->deals[2].t.payee == ORACLE &&
          w->deals[2].status == SIM_DS_PROPOSED);
    game_step(&g); /* turn 5 */
    CHECK(sim_deal_is_live(&w->deals[2]));
    /* A released right stays released. */
    for (int k = 0; k < 3; k++)
        game_step(&g);
    CHECK(w->deals[0].status == SIM_DS_RELEASED);
    game_end(&g);
}

/* Exits: either party of a live supply deal may cancel it, paying the penalty on what is still
 * scheduled; the builder sells what it built and was not paid for at the salvage share; the deal
 * ends cancelled, no more payments, and the books balance every turn (game_step checks them). */
static void test_exit(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    const SimMarketParams *m = &w->sc->market;
    /* Deal 0: the hub buys 120 of compute from Oracle over 12 months, first payment at turn 2. */
    SimTerms t = fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 120.0, 12);
    t.delay = 1;
    t.gw = 2.0;
    fx_propose(g.s[HUB], 0, t);
    fx_answer(g.s[ORACLE], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    /* Turn 4: Nvidia is no party; the hub leaves (actor order: first); Oracle's exit the same turn
     * finds the deal gone. */
    fx_answer(g.s[NVIDIA], 4, SIM_INTENT_EXIT, 0);
    fx_answer(g.s[ORACLE], 4, SIM_INTENT_EXIT, 0);
    fx_answer(g.s[HUB], 4, SIM_INTENT_EXIT, 0);
    fx_answer(g.s[ORACLE], 6, SIM_INTENT_EXIT, 0); /* gone already */
    for (int k = 0; k < 4; k++)
        game_step(&g);
    const SimDeal *d = &w->deals[0];
    CHECK(d->status == SIM_DS_DELIVERING && d->paid_count == 2);
    double scheduled = sim_turn_exit_scheduled(w, d);
    CHECK_MSG(fabs(scheduled - 100.0) < 1e-6, "scheduled %g", scheduled);
    double penalty = m->exit_penalty * scheduled;
    CHECK(fabs(sim_turn_exit_cost(w, d, ORACLE) - penalty) < 1e-9);
    CHECK(fabs(sim_turn_exit_cost(w, d, HUB) - penalty) < 1e-9);
    double stranded = d->cost_paid - m->delivery_cost[SIM_DEAL_COMPUTE] * d->paid;
    CHECK_MSG(stranded > 0.0, "stranded %g", stranded);
    double gw_before = w->actors[HUB].compute_contracted;
    double p_oracle = w->actors[ORACLE].price;
    game_step(&g); /* turn 4 */
    CHECK(dropped_with(w, NVIDIA, 4, "exit") == 1);
    CHECK_MSG(d->status == SIM_DS_CANCELLED && d->end_turn == 4, "%s",
              sim_deal_status_name(d->status));
    CHECK(strcmp(sim_deal_status_name(SIM_DS_CANCELLED), "cancelled") == 0);
    CHECK(has_event(w, SIM_LOG_EXITED, HUB, ORACLE, 0, 4));
    CHECK(!has_event(w, SIM_LOG_EXITED, ORACLE, -2, 0, 4));
    CHECK(fabs(turn_flows(w, 0, SIM_FLOW_EXIT_PENALTY, HUB, ORACLE, 4) - penalty) < 1e-9);
    int world = sim_ledger_world(&w->ledger);
    CHECK(fabs(turn_flows(w, 0, SIM_FLOW_SALVAGE, world, ORACLE, 4) - stranded * m->salvage) <
          1e-9);
    CHECK(turn_flows(w, 0, SIM_FLOW_CONTRACT, HUB, ORACLE, 4) == 0.0);
    const SimEvent *e = fx_find_event(w, SIM_LOG_EXITED, HUB, 0);
    CHECK(e && fabs(e->amount - penalty) < 1e-9 &&
          fabs(e->aux - stranded * (1.0 - m->salvage)) < 1e-9);
    /* The market reacted on the day: a reaction naming the deal for both parties. */
    CHECK(has_event(w, SIM_LOG_REACTION, ORACLE, -1, 0, 4));
    CHECK(has_event(w, SIM_LOG_REACTION, HUB, -1, 0, 4));
    CHECK(w->actors[ORACLE].price != p_oracle);
    for (int k = 0; k < 3; k++)
        game_step(&g);
    CHECK(dropped_with(w, ORACLE, 6, "exit") == 1);
    CHECK(d->paid_count == 2 && w->actors[HUB].compute_contracted == gw_before);
    CHECK(fx_deal_flows(w, 0, SIM_FLOW_CONTRACT, HUB, ORACLE, -1) ==
          fx_deal_flows(w, 0, SIM_FLOW_CONTRACT, HUB, ORACLE, 3));
    game_end(&g);
}

/* Exits refused: kinds that cannot be exited, deals that do not exist. */
static void test_exit_refused(void)
{
    Game g;
    SimScenario *sc = small_scenario();
    if (!sc || game_start(&g, sc) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[MICROSOFT], 0, fx_terms(SIM_DEAL_EXCLUSIVITY, HUB, MICROSOFT, 0.0, 12));
    fx_answer(g.s[HUB], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(g.s[MICROSOFT], 2, SIM_INTENT_EXIT, 0);  /* a right: release it instead */
    fx_answer(g.s[MICROSOFT], 2, SIM_INTENT_EXIT, 99); /* no such deal */
    for (int k = 0; k < 3; k++)
        game_step(&g);
    CHECK(dropped_with(w, MICROSOFT, 2, "can exit") == 2);
    CHECK(sim_deal_is_live(&w->deals[0]));
    CHECK(!sim_turn_exitable(&w->deals[0]));
    /* The refusal as data, for the desk. */
    SimIntent in;
    memset(&in, 0, sizeof in);
    in.kind = SIM_INTENT_EXIT;
    in.deal = 0;
    SimRefusal why;
    char err[256];
    CHECK(sim_turn_validate_why(w, MICROSOFT, &in, &why, err, sizeof err) < 0 &&
          why.code == SIM_REFUSE_NOT_EXITABLE);
    game_end(&g);
}

/* Sales: a stake sold at the price less the square-root discount, warrant shares first, the
 * holdings reduced; more than held, or a hub nobody funds, is refused. */
static void test_sell(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    const SimMarketParams *m = &w->sc->market;
    /* Nvidia buys 20 of Oracle's shares at turn 1 (one tranche), sells half at turn 3. */
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, ORACLE, 20.0, 1));
    fx_answer(g.s[ORACLE], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    for (int k = 0; k < 3; k++)
        game_step(&g);
    double held = fx_holdings(w, NVIDIA, ORACLE);
    CHECK_MSG(held > 0.0, "held %g", held);
    fx_sell(g.s[NVIDIA], 3, ORACLE, held / 2);
    fx_sell(g.s[NVIDIA], 3, ORACLE, held * 2); /* more than it holds */
    fx_sell(g.s[NVIDIA], 3, NVIDIA, 1.0);      /* its own */
    fx_sell(g.s[MICROSOFT], 3, ORACLE, 1.0);   /* holds none */
    double price = w->actors[ORACLE].price, mv = sim_market_value(w, ORACLE);
    double value = held / 2 * price;
    double disc = m->sell_impact * sqrt(value / mv);
    double cash = sim_cash(w, NVIDIA);
    game_step(&g); /* turn 3 */
    CHECK(dropped_with(w, NVIDIA, 3, "sell") == 2);
    CHECK(dropped_with(w, MICROSOFT, 3, "sell") == 1);
    CHECK(fabs(fx_holdings(w, NVIDIA, ORACLE) - held / 2) < 1e-12);
    const SimEvent *e = fx_find_event(w, SIM_LOG_SOLD, NVIDIA, -1);
    CHECK(e && e->other == ORACLE && fabs(e->aux - disc) < 1e-12 &&
          fabs(e->amount - value * (1.0 - disc)) < 1e-9);
    int world = sim_ledger_world(&w->ledger);
    double sold = sim_ledger_sum(&w->ledger, world, NVIDIA, SIM_FLOW_SHARE_SALE);
    CHECK_MSG(fabs(sold - value * (1.0 - disc)) < 1e-9, "sold %g", sold);
    CHECK(sim_cash(w, NVIDIA) > cash - 1e3);
    CHECK(has_event(w, SIM_LOG_REACTION, NVIDIA, -1, -1, 3));
    game_end(&g);
}

/* The hub's shares have a buyer only while it can raise: sentiment above 0. */
static void test_sell_hub(void)
{
    Game g;
    if (game_start(&g, small_scenario()) < 0)
        return;
    SimWorld *w = g.w;
    fx_propose(g.s[NVIDIA], 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 20.0, 1));
    fx_answer(g.s[HUB], 1, SIM_INTENT_ACCEPT, FX_OPEN);
    for (int k = 0; k < 3; k++)
        game_step(&g);
    double held = fx_holdings(w, NVIDIA, HUB);
    CHECK(held > 0.0);
    SimIntent in;
    memset(&in, 0, sizeof in);
    in.kind = SIM_INTENT_SELL;
    in.deal = -1;
    in.actor = HUB;
    in.shares = held;
    SimRefusal why;
    char err[256];
    double keep = w->sentiment_x;
    w->sentiment_x = -0.5;
    CHECK(sim_turn_validate_why(w, NVIDIA, &in, &why, err, sizeof err) < 0 &&
          why.code == SIM_REFUSE_NO_BUYER);
    w->sentiment_x = 0.5;
    CHECK_MSG(sim_turn_validate_why(w, NVIDIA, &in, &why, err, sizeof err) == 0, "%s", err);
    w->sentiment_x = keep;
    fx_sell(g.s[NVIDIA], 3, HUB, held);
    w->sentiment_x = 0.5;
    game_step(&g);
    CHECK(fx_holdings(w, NVIDIA, HUB) == 0.0);
    CHECK(has_event(w, SIM_LOG_SOLD, NVIDIA, HUB, -1, 3));
    game_end(&g);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_lifecycles();
    test_initial_deal();
    test_rejected();
    test_countered();
    test_counter_third_party();
    test_expired();
    test_dropped();
    test_who_may_answer();
    test_budget();
    test_budget_same_turn();
    test_loan_unpaid();
    test_exclusivity();
    test_exit();
    test_exit_refused();
    test_sell();
    test_sell_hub();
    TEST_END();
}
