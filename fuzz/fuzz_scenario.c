/* fuzz_scenario: the scenario loader (dat_scenario_parse) on any bytes, and the engine on what it
 * accepts.
 *
 * A refused file must give one line naming the place and what was expected. An accepted
 * scenario is a promise that the engine can play it: it is played for a few turns with the
 * `history` strategy (which replays its dated deals) for every actor, twice, then `baseline`;
 * the engine must not fail (its books must balance) nor trip a sanitizer, and the two games with
 * `history` must be the same game. */
#include "dat_scenario.h"
#include "fuzz_util.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "sim_world.h"

/* Turns played on an accepted scenario: enough for proposals to be answered and paid. */
#define FUZZ_TURNS 8

static uint64_t play(const SimScenario *sc, const char *strategy)
{
    char err[512];
    SimWorld *w = sim_world_create(sc, sc->default_seed, err, sizeof err);
    if (!w)
        fuzz_fail("sim_world_create on an accepted scenario", err);
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        if (sim_strategy_native(strategy, &s) < 0)
            fuzz_fail("sim_strategy_native", strategy);
        sim_world_set_strategy(w, i, s);
    }
    int rc = sim_turn_start(w, err, sizeof err);
    if (rc >= 0)
        rc = sim_turn_run(w, FUZZ_TURNS, err, sizeof err);
    if (rc < 0)
        fuzz_fail("the engine failed on an accepted scenario", err);
    uint64_t h = sim_world_hash(w);
    sim_world_destroy(w);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    err[0] = '\0';
    SimScenario *sc = dat_scenario_parse((const char *)data, size, "fuzz.json", err, sizeof err);
    if (!sc) {
        fuzz_check_message(err, sizeof err, "dat_scenario_parse");
        return 0;
    }
    /* The same scenario and seed twice: the same game (an uninitialised read would differ). */
    if (play(sc, "history") != play(sc, "history"))
        fuzz_fail("an accepted scenario", "played twice, two different games");
    play(sc, "baseline");
    sim_scenario_free(sc);
    return 0;
}
