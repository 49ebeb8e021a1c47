/* test_sim_market: the market's first day. Each announcement moves the parties' prices by exactly
 * what sim_market_expected_jump says plus the change of their fundamentals; moves are capped and
 * spill to rivals; a vendor investing in its own customer is discounted; partners announced in the
 * same turn see the same FOMO. */
#include "sim_fixture.h"
#include "sim_game.h"
#include "sim_market.h"
#include "test_util.h"

#include <math.h>
#include <string.h>

enum { HUB = FX_HUB, NVIDIA = 1, ORACLE = 2, MICROSOFT = 3 };

/* ---------------------------------------------------------------------------------------------
 * The market's first day */

static const SimEvent *reaction(const SimWorld *w, int actor, int turn)
{
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_REACTION && e->actor == actor && e->turn == turn)
            return e;
    }
    return NULL;
}

/* A day's move is the market's story (sim_market_expected_jump) plus the change of the party's
 * fundamental value (sim_value), which the reaction records as `fund`; at most jump_cap either
 * way. */
static double story_plus_fund(const SimWorld *w, double story, const SimEvent *e)
{
    double j = story + e->fund, cap = w->sc->market.jump_cap;
    return j > cap ? cap : j < -cap ? -cap : j;
}

static SimScenario *market_scenario(void)
{
    SimScenario *sc = fx_scenario(3, 24);
    fx_quiet(sc);
    fx_rich(sc);
    sc->market.jump_alpha = 0.7;
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        sc->market.delivery_cost[k] = 0.0; /* nothing to build: a backlog is pure income */
    return sc;
}

static void test_market_jump(void)
{
    SimScenario *sc = market_scenario();
    SimWorld *w = make_world(sc, 6);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    const SimMarketParams *m = &sc->market;
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA), *orc = fx_script(w, ORACLE);
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 50.0, 5));
    fx_answer(nv, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    step(w);
    /* Before the turn of the announcement. */
    double mv = sim_market_value(w, NVIDIA), s = tanh(w->sentiment_x);
    CHECK(s > 0.2); /* sentiment takes part */
    double by_hand = m->jump_payee * pow(50.0 / mv, m->jump_alpha) * (1.0 + m->sentiment_gain * s);
    double expect = sim_market_expected_jump(w, NVIDIA, 50.0, 1);
    CHECK_NEAR(expect, by_hand, 1e-15);
    CHECK(expect > 0.01 && expect < m->jump_cap);
    double expect_hub = sim_market_expected_jump(w, HUB, 50.0, 0);
    CHECK_NEAR(expect_hub,
               m->jump_payer * pow(50.0 / sim_market_value(w, HUB), m->jump_alpha) *
                   (1.0 + m->sentiment_gain * s),
               1e-15);
    double p_nv = w->actors[NVIDIA].price, p_hub = w->actors[HUB].price;
    double p_orc = w->actors[ORACLE].price;
    step(w);
    const SimEvent *e = reaction(w, NVIDIA, 1);
    CHECK(e != NULL);
    /* The day's move is the expected jump (the market's story) plus the change of the vendor's
     * fundamental value: a backlog it is paid for, with nothing to build in this market, can
     * only add. */
    if (e) {
        CHECK(e->fund >= 0.0 && fabs(e->fund) < 0.05);
        CHECK_NEAR(e->change, story_plus_fund(w, expect, e), 1e-15);
        CHECK_NEAR(e->value, mv * (exp(e->change) - 1.0), 1e-9);
        CHECK(e->deal == 0);
        CHECK_NEAR(w->actors[NVIDIA].price, p_nv * exp(e->change), 1e-12 * p_nv);
    }
    e = reaction(w, HUB, 1);
    CHECK(e && fabs(e->change - story_plus_fund(w, expect_hub, e)) < 1e-15);
    if (e)
        CHECK_NEAR(w->actors[HUB].price, p_hub * exp(e->change), 1e-12 * p_hub);
    /* No spill in a quiet market: Oracle did not move. */
    CHECK(reaction(w, ORACLE, 1) == NULL);
    CHECK_NEAR(w->actors[ORACLE].price, p_orc, 1e-12 * p_orc);
    CHECK(w->actors[NVIDIA].car > 0.0 && w->actors[NVIDIA].joined);

    /* Now Nvidia is bound and rewarded: Oracle's deal is amplified by FOMO. */
    fx_propose(h, 2, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 50.0, 5));
    fx_answer(orc, 3, SIM_INTENT_ACCEPT, FX_OPEN);
    step(w);
    double fomo = sim_market_fomo(w, ORACLE);
    CHECK_NEAR(fomo, 0.5, 1e-15); /* one of its two rivals */
    s = tanh(w->sentiment_x);
    by_hand = m->jump_payee * pow(50.0 / sim_market_value(w, ORACLE), m->jump_alpha) *
              (1.0 + m->sentiment_gain * s) * (1.0 + m->fomo_gain * fomo);
    expect = sim_market_expected_jump(w, ORACLE, 50.0, 1);
    CHECK_NEAR(expect, by_hand, 1e-15);
    step(w);
    e = reaction(w, ORACLE, 3);
    CHECK(e && fabs(e->change - story_plus_fund(w, expect, e)) < 1e-15);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

static void test_market_cap_and_spill(void)
{
    SimScenario *sc = market_scenario();
    sc->market.rival_spill = -0.1;
    SimWorld *w = make_world(sc, 6);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    const SimMarketParams *m = &sc->market;
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA);
    /* Large, but within five times the hub's value (larger is refused: budget rules). */
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 1400.0, 60));
    fx_answer(nv, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    step(w);
    double uncapped = m->jump_payee * pow(1400.0 / sim_market_value(w, NVIDIA), m->jump_alpha);
    CHECK(uncapped > m->jump_cap);
    CHECK(sim_market_expected_jump(w, NVIDIA, 1400.0, 1) == m->jump_cap);
    double p_orc = w->actors[ORACLE].price, p_ms = w->actors[MICROSOFT].price;
    step(w);
    const SimEvent *e = reaction(w, NVIDIA, 1);
    CHECK(e && e->change == m->jump_cap);
    e = reaction(w, HUB, 1);
    CHECK(e && e->change <= m->jump_cap);
    /* The rivals lose rival_spill of it; the hub's own jump does not spill. */
    e = reaction(w, ORACLE, 1);
    CHECK(e != NULL);
    if (e) {
        CHECK_NEAR(e->change, m->rival_spill * m->jump_cap, 1e-15);
        CHECK(e->other == NVIDIA);
    }
    CHECK_NEAR(w->actors[ORACLE].price, p_orc * exp(m->rival_spill * m->jump_cap), 1e-12 * p_orc);
    CHECK_NEAR(w->actors[MICROSOFT].price, p_ms * exp(m->rival_spill * m->jump_cap), 1e-12 * p_ms);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* A vendor that invests in its customer the day the customer buys from it: the market looks
 * through circular_discount of the investment. */
static void test_market_circular_discount(void)
{
    SimScenario *sc = market_scenario();
    sc->market.circular_discount = 0.5;
    SimWorld *w = make_world(sc, 6);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    const SimMarketParams *m = &sc->market;
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA);
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 50.0, 5));
    fx_propose(nv, 0, fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 20.0, 2));
    fx_answer(nv, 1, SIM_INTENT_ACCEPT, 0);
    fx_answer(h, 1, SIM_INTENT_ACCEPT, 1);
    step(w);
    double net = 50.0 - m->circular_discount * 20.0;
    double expect_nv = sim_market_expected_jump(w, NVIDIA, net, 1);
    double expect_hub =
        sim_market_expected_jump(w, HUB, 20.0, 1) + sim_market_expected_jump(w, HUB, 50.0, 0);
    step(w);
    const SimEvent *e = reaction(w, NVIDIA, 1);
    CHECK_MSG(e && fabs(e->change - story_plus_fund(w, expect_nv, e)) < 1e-15,
              "nvidia moved %.17g, expected %.17g", e ? e->change : NAN, expect_nv);
    CHECK(fx_count_events(w, SIM_LOG_REACTION, NVIDIA, 1) == 1);
    e = reaction(w, HUB, 1);
    CHECK_MSG(e && fabs(e->change - story_plus_fund(w, expect_hub, e)) < 1e-15,
              "hub moved %.17g, expected %.17g", e ? e->change : NAN, expect_hub);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* Partners announced in the same turn see the same FOMO: none of them was rewarded before. */
static void test_market_same_turn(void)
{
    SimScenario *sc = market_scenario();
    sc->actors[ORACLE].price = sc->actors[NVIDIA].price;
    sc->actors[ORACLE].shares = sc->actors[NVIDIA].shares;
    SimWorld *w = make_world(sc, 6);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA), *orc = fx_script(w, ORACLE);
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 50.0, 5));
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 50.0, 5));
    fx_answer(nv, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(orc, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    step(w);
    double expect = sim_market_expected_jump(w, NVIDIA, 50.0, 1);
    CHECK(expect == sim_market_expected_jump(w, ORACLE, 50.0, 1));
    step(w);
    const SimEvent *a = reaction(w, NVIDIA, 1), *b = reaction(w, ORACLE, 1);
    CHECK(a && b);
    if (a && b) {
        CHECK_NEAR(a->change, story_plus_fund(w, expect, a), 1e-15);
        CHECK_NEAR(b->change, story_plus_fund(w, expect, b), 1e-15);
        CHECK_MSG(fabs(b->change - a->change) < 1e-5,
                  "same deal, same day: nvidia %.17g, oracle %.17g", a->change, b->change);
    }
    /* Afterwards each sees the other rewarded. */
    CHECK_NEAR(sim_market_fomo(w, NVIDIA), 0.5, 1e-15);
    CHECK_NEAR(sim_market_fomo(w, ORACLE), 0.5, 1e-15);
    CHECK_NEAR(sim_market_fomo(w, MICROSOFT), 1.0, 1e-15);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

int main(void)
{
    test_market_jump();
    test_market_cap_and_spill();
    test_market_circular_discount();
    test_market_same_turn();
    TEST_END();
}
