/* fuzz_lua: any bytes as a Lua strategy, in the sandbox, in a small game.
 *
 * The input is compiled as a script (scr_strategy_create, text only) and, if it loads, seated
 * as the hub and as a giant of the minimal scenario (tests/data/minimal.json) for a few turns,
 * with small limits so that each input runs in milliseconds. Whatever the script does, the host
 * must stay healthy: no memory error or undefined behaviour in the sandbox, the API or the
 * engine, no engine failure (the books balance whatever the intents), the state within its
 * memory cap, and every message one line. A hang shows as a libFuzzer timeout (the wall-clock
 * backstop is far below it). */
#include "dat_scenario.h"
#include "fuzz_util.h"
#include "scr_strategy.h"
#include "sim_turn.h"
#include "sim_world.h"

#ifndef CL_FUZZ_SCENARIO
#define CL_FUZZ_SCENARIO "tests/data/minimal.json"
#endif

/* Turns played: enough for proposals to be answered, deals to start and events to arrive. */
#define FUZZ_TURNS 4

static SimScenario *scenario;
static ScrLimits limits;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    scenario = dat_scenario_load(CL_FUZZ_SCENARIO, err, sizeof err);
    if (!scenario)
        fuzz_fail("cannot load the scenario", err);
    /* A thousandth of the default budget (still ten times what a playbook's decide spends), an
     * eighth of the memory; the clock backstop stays well under libFuzzer's -timeout. */
    limits.memory = (size_t)1 << 20;
    limits.instructions = 100000;
    limits.wall_ms = 1000;
    return 0;
}

static void check_strategy(const SimStrategy *s)
{
    ScrStats st;
    if (scr_strategy_stats(s, &st) < 0)
        fuzz_fail("scr_strategy_stats", "not a Lua strategy any more");
    /* The allocator lets the message handler use 64 KiB past the cap. */
    if (st.memory_peak > limits.memory + ((size_t)64 << 10))
        fuzz_fail("memory cap", "the state grew past its limit");
    int n = scr_strategy_message_count(s);
    for (int k = 0; k < n; k++) {
        ScrMessage m;
        if (scr_strategy_message(s, k, &m) < 0)
            fuzz_fail("scr_strategy_message", "a counted message cannot be read");
        if (!m.text || strchr(m.text, '\n'))
            fuzz_fail("a message is not one line", m.text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    SimWorld *w = sim_world_create(scenario, 1, err, sizeof err);
    if (!w)
        fuzz_fail("sim_world_create", err);
    int seats[2] = {scenario->hub, scenario->hub == 0 ? 1 : 0};
    for (int k = 0; k < 2; k++) {
        SimStrategy s;
        err[0] = '\0';
        if (scr_strategy_create("fuzz.lua", (const char *)data, size, &limits, 1,
                                scenario->actors[seats[k]].id, &s, err, sizeof err) < 0) {
            fuzz_check_message(err, sizeof err, "scr_strategy_create");
            sim_world_destroy(w);
            return 0;
        }
        sim_world_set_strategy(w, seats[k], s);
    }
    int rc = sim_turn_start(w, err, sizeof err);
    if (rc >= 0)
        rc = sim_turn_run(w, FUZZ_TURNS, err, sizeof err);
    if (rc < 0)
        fuzz_fail("the engine failed", err);
    for (int k = 0; k < 2; k++) {
        /* A strategy that failed 3 turns in a row was retired for the passive one. */
        if (scr_strategy_is_lua(&w->actors[seats[k]].strategy))
            check_strategy(&w->actors[seats[k]].strategy);
    }
    (void)sim_world_hash(w);
    sim_world_destroy(w);
    return 0;
}
