/* test_sim_lever: the teacher's levers. Each lever reads back what it was set to, clamped into
 * its range, records one event per change (none for no change), bad values are refused, a game
 * rebuilt from a fresh scenario gets the scenario-side settings back from the record, the same
 * changes give the same game, and a change changes what happens next. */
#include "sim_fixture.h"
#include "sim_native.h"
#include "sim_lever.h"
#include "sim_turn.h"
#include "test_util.h"

#include <math.h>
#include <string.h>

static SimWorld *world(uint64_t seed)
{
    SimScenario *sc = fx_scenario(4, 36);
    char err[256] = "";
    SimWorld *w = sc ? sim_world_create(sc, seed, err, sizeof err) : NULL;
    CHECK_MSG(w != NULL, "%s", err);
    sim_scenario_free(sc);
    if (w) {
        for (int i = 0; i < w->n; i++) {
            SimStrategy s;
            sim_strategy_baseline(&s);
            sim_world_set_strategy(w, i, s);
        }
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
    }
    return w;
}

static void test_set_get(void)
{
    SimWorld *w = world(3);
    if (!w)
        return;
    char err[256] = "";
    for (int l = 0; l < SIM_LEVER_COUNT; l++) {
        const SimLeverInfo *in = sim_lever_info((SimLever)l);
        CHECK(in && sim_lever_parse(in->id) == l && in->min < in->max && in->step > 0);
        int before = w->n_events;
        double old = sim_lever_get(w, (SimLever)l);
        double v = in->min + 0.37 * (in->max - in->min);
        CHECK(sim_lever_set(w, (SimLever)l, v, err, sizeof err) == 0);
        CHECK_NEAR(sim_lever_get(w, (SimLever)l), v, 1e-12);
        CHECK(w->n_events == before + 1);
        const SimEvent *e = &w->events[before];
        CHECK(e->kind == SIM_LOG_LEVER && e->other == l && e->amount == v && e->aux == old &&
              e->turn == w->turn && strstr(e->text, in->name));
        /* The same value again records nothing; out of range is clamped. */
        CHECK(sim_lever_set(w, (SimLever)l, v, err, sizeof err) == 0 && w->n_events == before + 1);
        CHECK(sim_lever_set(w, (SimLever)l, in->max + 100, err, sizeof err) == 0);
        CHECK(sim_lever_get(w, (SimLever)l) == in->max);
        CHECK(sim_lever_set(w, (SimLever)l, NAN, err, sizeof err) == -1 && strstr(err, in->id));
    }
    CHECK(sim_lever_info(SIM_LEVER_COUNT) == NULL && sim_lever_parse("gravity") == -1);
    CHECK(sim_lever_set(w, SIM_LEVER_COUNT, 1.0, err, sizeof err) == -1);
    CHECK(strcmp(sim_log_kind_name(SIM_LOG_LEVER), "lever") == 0);
    sim_world_destroy(w);
}

/* A save reads its scenario afresh: the record puts the levers' settings back. */
static void test_restore(void)
{
    SimWorld *w = world(4);
    if (!w)
        return;
    char err[256] = "";
    SimMarketParams fresh = w->sc->market;
    double floor0 = w->sc->actors[w->sc->hub].growth_floor;
    CHECK(sim_turn_step(w, err, sizeof err) >= 0);
    CHECK(sim_lever_set(w, SIM_LEVER_NEWS_REWARD, 0.1, err, sizeof err) == 0);
    CHECK(sim_turn_step(w, err, sizeof err) >= 0);
    CHECK(sim_lever_set(w, SIM_LEVER_CREDIT, 0.5, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_INTEREST, 0.2, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_BUDGET, 2.5, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_REVENUE_GROWTH, 0.9, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_NEWS_REWARD, 0.3, err, sizeof err) == 0);
    SimMarketParams set = w->sc->market;
    double floor1 = w->sc->actors[w->sc->hub].growth_floor;
    w->sc->market = fresh;
    w->sc->actors[w->sc->hub].growth_floor = floor0;
    sim_lever_restore(w);
    CHECK(memcmp(&w->sc->market, &set, sizeof set) == 0);
    CHECK(w->sc->actors[w->sc->hub].growth_floor == floor1);
    sim_world_destroy(w);
}

static void test_effect_and_determinism(void)
{
    SimWorld *a = world(9), *b = world(9), *c = world(9);
    if (!a || !b || !c)
        return;
    char err[256] = "";
    for (int t = 0; t < 30; t++) {
        if (t == 6) {
            CHECK(sim_lever_set(a, SIM_LEVER_CREDIT, 0.0, err, sizeof err) == 0);
            CHECK(sim_lever_set(a, SIM_LEVER_SENTIMENT, -0.9, err, sizeof err) == 0);
            CHECK(sim_lever_set(b, SIM_LEVER_CREDIT, 0.0, err, sizeof err) == 0);
            CHECK(sim_lever_set(b, SIM_LEVER_SENTIMENT, -0.9, err, sizeof err) == 0);
        }
        sim_turn_step(a, err, sizeof err);
        sim_turn_step(b, err, sizeof err);
        sim_turn_step(c, err, sizeof err);
    }
    CHECK(sim_world_hash(a) == sim_world_hash(b));
    CHECK(sim_world_hash(a) != sim_world_hash(c));
    /* Fear from month 7 on: the market's mood there is lower than without the change. */
    CHECK(a->info[7].sentiment < c->info[7].sentiment);
    sim_world_destroy(a);
    sim_world_destroy(b);
    sim_world_destroy(c);
}

int main(void)
{
    test_set_get();
    test_restore();
    test_effect_and_determinism();
    TEST_END();
}
