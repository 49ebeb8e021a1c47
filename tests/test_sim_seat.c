/* test_sim_seat: who plays a seat. Broken strategies lose their turn and then their say; a
 * person's queued intents are played once, in the step they were queued for; scores follow the
 * objectives. */
#include "sim_fixture.h"
#include "sim_game.h"
#include "sim_native.h"
#include "test_util.h"

#include <string.h>

enum { HUB = FX_HUB, NVIDIA = 1, ORACLE = 2, MICROSOFT = 3 };

/* ---------------------------------------------------------------------------------------------
 * Strategies that fail */

static int failing_init(void *self, const SimView *view, char *err, size_t errsz)
{
    (void)self, (void)view;
    return core_errf(err, errsz, "no script to load");
}

static void test_strategy_failures(void)
{
    SimScenario *sc = fx_scenario(3, 24);
    fx_rich(sc);
    SimWorld *w = make_world(sc, 8);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    int destroyed = 0;
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA), *orc = fx_script(w, ORACLE),
             *ms = fx_script(w, MICROSOFT);
    h->destroyed = orc->destroyed = ms->destroyed = nv->destroyed = &destroyed;
    /* Nvidia fails three turns running, with an intent pushed each time. */
    nv->fail_from = 0;
    nv->fail_to = 100;
    nv->push_before_fail = 1;
    /* Microsoft fails twice, recovers, fails twice again. */
    ms->fail_from = 0;
    ms->fail_to = 2;
    fx_propose(ms, 2, fx_terms(SIM_DEAL_COMPUTE, HUB, MICROSOFT, 10.0, 2));
    /* Meanwhile the hub and Oracle do business. */
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2));
    fx_answer(orc, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    for (int k = 0; k < 3; k++)
        CHECK(step(w) == 0);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, 0) == 1);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, 1) == 1);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, 2) == 2);
    const SimEvent *e = fx_find_event(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, -2);
    CHECK(e && strstr(e->text, "scripted failure at turn 0"));
    CHECK(strcmp(w->actors[NVIDIA].strategy.name, "passive") == 0);
    CHECK(destroyed == 1);
    /* Its intents of the failed turns never counted. */
    for (int k = 0; k < w->n_deals; k++)
        CHECK(w->deals[k].proposer != NVIDIA);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, MICROSOFT, -1) == 2);
    CHECK(w->actors[MICROSOFT].strategy_failures == 0);
    /* The game went on. */
    CHECK(sim_deal_is_live(&w->deals[0]) || w->deals[0].status == SIM_DS_COMPLETED);
    CHECK(w->n_deals == 2 && w->deals[1].proposer == MICROSOFT);
    ms->fail_from = 3;
    ms->fail_to = 5;
    for (int k = 0; k < 4; k++)
        CHECK(step(w) == 0);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, -1) == 4);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, MICROSOFT, -1) == 4);
    CHECK(strcmp(w->actors[MICROSOFT].strategy.name, "script") == 0);
    /* The counts batches and tournaments read: every lost turn, and the month of retirement
     * (1-based: Nvidia's third turn); Microsoft lost four turns but was never retired. */
    CHECK_MSG(w->actors[NVIDIA].turns_lost == 3 && w->actors[NVIDIA].retired_turn == 3,
              "nvidia lost %d, retired %d", w->actors[NVIDIA].turns_lost,
              w->actors[NVIDIA].retired_turn);
    CHECK_MSG(w->actors[MICROSOFT].turns_lost == 4 && w->actors[MICROSOFT].retired_turn == 0,
              "microsoft lost %d, retired %d", w->actors[MICROSOFT].turns_lost,
              w->actors[MICROSOFT].retired_turn);
    CHECK(w->actors[HUB].turns_lost == 0 && w->actors[ORACLE].retired_turn == 0);
    sim_world_destroy(w);
    CHECK(destroyed == 4);

    /* A strategy that cannot start stops the game before it begins, saying who and why. */
    w = make_world(sc, 8);
    if (w) {
        SimStrategy s;
        sim_strategy_passive(&s);
        s.name = "broken";
        s.init = failing_init;
        sim_world_set_strategy(w, ORACLE, s);
        char err[256] = "";
        CHECK(sim_turn_start(w, err, sizeof err) == -1);
        CHECK_MSG(strstr(err, "oracle") && strstr(err, "no script to load"), "%s", err);
        sim_world_destroy(w);
    }
    sim_scenario_free(sc);
}

/* A person's seat: what is queued before a step is what the actor does in it, once. */
static void test_queued_seat(void)
{
    SimScenario *sc = fx_scenario(3, 12);
    fx_quiet(sc);
    fx_rich(sc);
    SimWorld *w = make_world(sc, 5);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    SimStrategy s;
    CHECK(sim_strategy_native("human", &s) == 0);
    CHECK(sim_strategy_is_queued(&s) && strcmp(s.name, "human") == 0);
    sim_world_set_strategy(w, NVIDIA, s);
    SimIntentList *q = sim_strategy_queue(&w->actors[NVIDIA].strategy);
    CHECK(q != NULL);
    SimStrategy passive;
    sim_strategy_passive(&passive);
    CHECK(sim_strategy_queue(&passive) == NULL && !sim_strategy_is_queued(&passive));
    if (q) {
        SimIntent *in = sim_intents_push(q, SIM_INTENT_PROPOSE);
        in->terms = fx_terms(SIM_DEAL_EQUITY, NVIDIA, HUB, 10.0, 1);
        snprintf(in->reason, sizeof in->reason, "the player's own deal");
    }
    CHECK(step(w) == 0);
    CHECK(w->n_deals == 1 && w->deals[0].proposer == NVIDIA);
    CHECK(strcmp(w->deals[0].reason, "the player's own deal") == 0);
    CHECK(q && q->n == 0);
    /* Nothing queued: the seat passes. */
    CHECK(step(w) == 0);
    CHECK(w->n_deals == 1);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* ---------------------------------------------------------------------------------------------
 * Scores */

static void test_score(void)
{
    SimScenario *sc = fx_scenario(4, 24);
    fx_quiet(sc);
    fx_rich(sc);
    sc->actors[HUB].objective = (SimObjective){0.0, 3.0, 0.0, 0.0};
    sc->actors[NVIDIA].objective = (SimObjective){2.0, 0.0, 0.0, 0.0};
    sc->actors[ORACLE].objective = (SimObjective){0.0, 0.0, -0.5, 0.0};
    sc->actors[MICROSOFT].objective = (SimObjective){0.0, 0.0, 0.0, 1.5};
    sc->actors[4].objective = (SimObjective){1.0, 1.0, -1.0, 1.0};
    SimWorld *w = make_world(sc, 4);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    /* At the start: no change of value, no exposure, the hub's own compute. */
    double c0 = sc->actors[HUB].compute_gw / sc->target_gw;
    CHECK_NEAR(sim_score(w, HUB), 3.0 * c0, 1e-12);
    CHECK_NEAR(sim_score(w, NVIDIA), 0.0, 1e-12);
    CHECK_NEAR(sim_score(w, ORACLE), 0.0, 1e-12);
    CHECK_NEAR(sim_score(w, MICROSOFT), 1.5, 1e-12);
    CHECK_NEAR(sim_score(w, 4), c0 + 1.0, 1e-12);
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA), *orc = fx_script(w, ORACLE),
             *sb = fx_script(w, 4);
    SimTerms a = fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 40.0, 4);
    a.gw = 4.0;
    fx_propose(h, 0, a);
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 30.0, 3));
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, 4, 20.0, 4));
    fx_answer(nv, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(orc, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(sb, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    step(w);
    step(w); /* one instalment of each paid */
    double mv0 = sim_snap(w, 0, NVIDIA)->market_value;
    CHECK_NEAR(sim_score(w, NVIDIA), 2.0 * (sim_market_value(w, NVIDIA) / mv0 - 1.0), 1e-12);
    CHECK(sim_score(w, NVIDIA) > 0.0); /* the market liked the deal */
    CHECK_NEAR(sim_score(w, HUB), 3.0 * (sc->actors[HUB].compute_gw + 1.0) / sc->target_gw, 1e-12);
    /* Oracle is owed the two instalments to come. */
    CHECK_NEAR(sim_exposure(w, ORACLE, HUB), 20.0, 1e-9);
    CHECK_NEAR(sim_score(w, ORACLE), -0.5 * 20.0 / sim_market_value(w, ORACLE), 1e-12);
    CHECK_NEAR(sim_score(w, MICROSOFT), 1.5, 1e-12);
    double mv4 = sim_market_value(w, 4);
    CHECK_NEAR(sim_score(w, 4),
               (mv4 / sim_snap(w, 0, 4)->market_value - 1.0) +
                   (sc->actors[HUB].compute_gw + 1.0) / sc->target_gw - 15.0 / mv4 + 1.0,
               1e-12);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

int main(void)
{
    test_strategy_failures();
    test_queued_seat();
    test_score();
    TEST_END();
}
