/* bench_lua: what Lua strategies cost against the native ones.
 *
 * Not a test: it times, it does not judge. Plays the 2025 scenario (full calendar: defaults off,
 * so that every game plays all its months, as in bench_sim) with the native baseline for every
 * actor, then with a Lua version of the same rule (below) for every actor, and prints CPU time
 * per game (median of several batches; the kinds of game take turns batch by batch, so that a
 * machine shared with other jobs slows them alike), the cost of making the nine Lua states alone,
 * and each
 * state's memory and cost units after a game. The Lua rule plays the same game as the native
 * one, to the bit, which the first line checks. Then the same for the roles' own playbooks
 * (scripts/strategies, as the scenario names them), when they can be read.
 *
 * Usage: cl_bench_lua [SCENARIO] [GAMES] [PLAYBOOK_DIR] [profile | profile-native]
 *        (defaults: the 2025 scenario, 500 games a batch, scripts/strategies; `profile` plays
 *        only GAMES games of the playbooks, `profile-native` of the native baseline, untimed,
 *        for perf or callgrind, and prints a hash of their end states) */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "core_err.h"
#include "dat_scenario.h"
#include "scr_require.h"
#include "scr_strategy.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "sim_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCHES 5

/* The baseline rule of sim_baseline.c, in Lua, as a strategy author would write it. */
static const char baseline_lua[] =
    "-- baseline.lua: the rule of sim_baseline.c: join when FOMO pressure beats risk, sized by "
    "budget\n"
    "local function supply(kind)\n"
    "  return kind == 'compute' or kind == 'chip_purchase' or kind == 'chip_lease' or kind == "
    "'codev'\n"
    "end\n"
    "local function open_with(view, other)\n"
    "  for _, d in ipairs(view.offers_to_me) do if d.from == other then return true end end\n"
    "  for _, d in ipairs(view.my_offers) do if d.to == other then return true end end\n"
    "  return false\n"
    "end\n"
    "local function exposure_after(a, size)\n"
    "  local mv = a.market_value\n"
    "  if mv > 0 then return (a.exposure + size) / mv end\n"
    "  return 1e9\n"
    "end\n"
    "local function cooling(view, me, p)\n"
    "  return me.last_deal ~= nil and view.turn - me.last_deal < p.cooldown\n"
    "end\n"
    "local function giant(view, out)\n"
    "  local me, p, hub = view.self, view.params, view.actors[view.hub]\n"
    "  local push = p.fomo_weight * me.fomo + p.threat_weight * me.threat +\n"
    "               p.sentiment_weight * view.sentiment\n"
    "  for _, d in ipairs(view.offers_to_me) do\n"
    "    local ex = exposure_after(me, d.size)\n"
    "    local risk = p.risk_weight * ex\n"
    "    local yes = push - risk > p.threshold and ex <= p.max_exposure\n"
    "    local a = yes and accept(d.id) or reject(d.id)\n"
    "    if yes and not check(a) then yes, a = false, reject(d.id) end\n"
    "    a.reason = string.format('pressure %.2f %s %.2f + threshold %.2f', push,\n"
    "                             yes and 'beats risk' or 'does not beat risk', risk, "
    "p.threshold)\n"
    "    out[#out + 1] = a\n"
    "  end\n"
    "  local k = p.kind\n"
    "  if me.defaulted or hub.defaulted or open_with(view, view.hub) or cooling(view, me, p) or\n"
    "     p.budget_share <= 0 or k == 'warrants' or k == 'revenue_share' or k == 'exclusivity' "
    "then\n"
    "    return\n"
    "  end\n"
    "  local amount = p.budget_share * me.capex_budget * p.months / 12\n"
    "  local offer = propose{to = view.hub, kind = k, amount = amount, months = p.months,\n"
    "                        gw = p.gw_per_billion * amount, rate = k == 'joint_venture' and 1 or "
    "nil}\n"
    "  local ex = exposure_after(me, deal_size(offer))\n"
    "  local risk = p.risk_weight * ex\n"
    "  if not (push - risk > p.threshold) or ex > p.max_exposure or not check(offer) then return "
    "end\n"
    "  offer.reason = string.format('pressure %.2f beats risk %.2f + threshold %.2f', push, risk,\n"
    "                               p.threshold)\n"
    "  out[#out + 1] = offer\n"
    "end\n"
    "local function hub(view, out)\n"
    "  local me, p = view.self, view.params\n"
    "  local room, taken = funding_room(view.me), 0\n"
    "  local function coverage(extra)\n"
    "    local due = me.due_12m + extra\n"
    "    if due <= 0 then return 1e9 end\n"
    "    return (me.revenue + room) / due\n"
    "  end\n"
    "  for _, d in ipairs(view.offers_to_me) do\n"
    "    local extra = d.payer == view.me and d.amount * 12 / d.months or 0\n"
    "    if d.kind == 'joint_venture' and d.payee == view.me then\n"
    "      extra = d.amount * d.rate2 * 12 / d.months\n"
    "    end\n"
    "    local cov = coverage(taken + extra)\n"
    "    local yes = cov >= p.min_coverage\n"
    "    local a = yes and accept(d.id) or reject(d.id)\n"
    "    if yes and not check(a) then yes, a = false, reject(d.id) end\n"
    "    if yes then taken = taken + extra end\n"
    "    a.reason = string.format('coverage %.2f %s %.2f it needs', cov,\n"
    "                             yes and 'meets the' or 'falls short of the', p.min_coverage)\n"
    "    out[#out + 1] = a\n"
    "  end\n"
    "  local have = me.compute_owned + me.compute_contracted\n"
    "  for _, d in ipairs(view.deals) do\n"
    "    if d.payer == view.me then have = have + d.gw - d.gw_done end\n"
    "  end\n"
    "  local path = view.target_gw * (view.turn + 1) / view.turns\n"
    "  if have >= path or cooling(view, me, p) or p.budget_share <= 0 then return end\n"
    "  local best, best_ex\n"
    "  for _, a in ipairs(view.actors) do\n"
    "    if a.id ~= view.me and not a.defaulted and supply(a.deal_kind) and\n"
    "       not open_with(view, a.id) then\n"
    "      local ex = exposure_after(a, 0)\n"
    "      if not best or ex < best_ex then best, best_ex = a, ex end\n"
    "    end\n"
    "  end\n"
    "  if not best then return end\n"
    "  local amount = p.budget_share * me.capex_budget * p.months / 12\n"
    "  local cov = coverage(taken + amount * 12 / p.months)\n"
    "  if cov < p.min_coverage then return end\n"
    "  local offer = propose{to = best.id, kind = best.deal_kind, amount = amount, months = "
    "p.months,\n"
    "                        gw = p.gw_per_billion * amount, pay = true}\n"
    "  if not check(offer) then return end\n"
    "  offer.reason = string.format('%.0f GW in hand or coming, %.0f GW on the path to the target; "
    "' ..\n"
    "                               'coverage %.2f', have, path, cov)\n"
    "  out[#out + 1] = offer\n"
    "end\n"
    "return {\n"
    "  decide = function(view)\n"
    "    local out = {}\n"
    "    if view.me == view.hub then hub(view, out) else giant(view, out) end\n"
    "    return out\n"
    "  end,\n"
    "}\n";

/* Each Lua state's figures after a game; returns the largest peak. */
static size_t table(const SimWorld *w)
{
    printf("%-10s %10s %10s %12s %12s %8s %8s\n", "actor", "memory", "peak", "units/call",
           "max units", "calls", "dropped");
    size_t mem_max = 0;
    for (int i = 0; i < w->n; i++) {
        ScrStats st;
        if (scr_strategy_stats(&w->actors[i].strategy, &st) < 0)
            continue;
        printf("%-10s %9.1fK %9.1fK %12.0f %12lld %8d %8d\n", w->sc->actors[i].id,
               (double)st.memory / 1024.0, (double)st.memory_peak / 1024.0,
               st.calls ? (double)st.instructions_total / st.calls : 0.0,
               (long long)st.instructions_max, st.calls, st.dropped);
        if (st.memory_peak > mem_max)
            mem_max = st.memory_peak;
    }
    return mem_max;
}

/* The playbooks' texts, by actor (NULL when not read). */
static char *playbook[64];
static size_t playbook_len[64];
static char playbook_name[64][96];

static int read_playbooks(const SimScenario *sc, const char *dir)
{
    for (int i = 0; i < sc->n_actors && i < 64; i++) {
        snprintf(playbook_name[i], sizeof playbook_name[i], "%s/%s", dir, sc->actors[i].playbook);
        FILE *f = fopen(playbook_name[i], "rb");
        if (!f)
            return -1;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        playbook[i] = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (!playbook[i] || fread(playbook[i], 1, (size_t)n, f) != (size_t)n) {
            fclose(f);
            return -1;
        }
        playbook_len[i] = (size_t)n;
        fclose(f);
    }
    return 0;
}

/* A world with every actor on the native baseline (lua 0), the Lua one (lua 1) or its playbook
 * (lua 2). */
static SimWorld *make(const SimScenario *sc, uint64_t seed, int lua)
{
    char err[256];
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    if (!w) {
        fprintf(stderr, "bench_lua: %s\n", err);
        exit(1);
    }
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        if (lua) {
            const char *name = lua == 2 ? playbook_name[i] : "baseline.lua";
            const char *text = lua == 2 ? playbook[i] : baseline_lua;
            size_t len = lua == 2 ? playbook_len[i] : sizeof baseline_lua - 1;
            if (scr_strategy_create(name, text, len, NULL, seed, sc->actors[i].id, &s, err,
                                    sizeof err) < 0) {
                fprintf(stderr, "bench_lua: %s\n", err);
                exit(1);
            }
        } else {
            sim_strategy_native("baseline", &s);
        }
        sim_world_set_strategy(w, i, s);
    }
    return w;
}

static void play(SimWorld *w)
{
    char err[256];
    int rc = sim_turn_start(w, err, sizeof err);
    if (rc == 0)
        rc = sim_turn_run(w, -1, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "bench_lua: %s\n", err);
        exit(1);
    }
}

/* CPU microseconds per game of batch b with strategies `lua` (as make); play 0: only making and
 * destroying the states. */
static double time_batch(const SimScenario *sc, int lua, int play_it, int games, int b)
{
    double t0 = bench_cpu_seconds();
    for (int g = 0; g < games; g++) {
        SimWorld *w = make(sc, (uint64_t)(b * games + g + 1), lua);
        if (play_it)
            play(w);
        sim_world_destroy(w);
    }
    return (bench_cpu_seconds() - t0) / games * 1e6;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], bench_cmp_double);
    return v[n / 2];
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "assets/scenarios/closed-loop-2025.json";
    int games = argc > 2 ? atoi(argv[2]) : 500;
    bench_keep_memory();
    if (games < 1)
        games = 1;
    char err[512];
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    if (!sc) {
        fprintf(stderr, "bench_lua: %s\n", err);
        return 2;
    }
    bench_full_calendar(sc);
    const char *dir = argc > 3 ? argv[3] : "scripts/strategies";
    char lib[4200]; /* what the playbooks require: scripts/lib beside their folder */
    snprintf(lib, sizeof lib, "%s/../lib", dir);
    scr_require_set_dir(lib);

    if (argc > 4 && (strcmp(argv[4], "profile") == 0 || strcmp(argv[4], "profile-native") == 0)) {
        int lua = strcmp(argv[4], "profile") == 0 ? 2 : 0;
        if (lua && read_playbooks(sc, dir) < 0) {
            fprintf(stderr, "bench_lua: cannot read the playbooks in %s\n", dir);
            return 2;
        }
        uint64_t h = 0; /* the games' hashes together: a change of behaviour shows here */
        for (int g = 0; g < games; g++) {
            SimWorld *w = make(sc, (uint64_t)g + 1, lua);
            play(w);
            h = h * 0x100000001b3ull ^ sim_world_hash(w);
            sim_world_destroy(w);
        }
        printf("%d games, hash of their end states %016llx\n", games, (unsigned long long)h);
        for (int i = 0; i < 64; i++)
            free(playbook[i]);
        sim_scenario_free(sc);
        return 0;
    }

    /* One game of each, to show that both play the same rule and what the states hold. */
    SimWorld *nat = make(sc, 1, 0), *lua = make(sc, 1, 1);
    play(nat);
    play(lua);
    int deals_nat = 0, deals_lua = 0;
    for (int k = 0; k < nat->n_deals; k++)
        deals_nat += nat->deals[k].decided_turn >= 0 && nat->deals[k].start_turn >= 0;
    for (int k = 0; k < lua->n_deals; k++)
        deals_lua += lua->deals[k].decided_turn >= 0 && lua->deals[k].start_turn >= 0;
    printf("one game, seed 1: %d turns; deals signed: native %d, Lua %d; %s\n", lua->turn,
           deals_nat, deals_lua,
           sim_world_hash(nat) == sim_world_hash(lua) ? "the same game to the bit (world hash)"
                                                      : "not the same game (world hash differs)");
    size_t mem_max = table(lua);
    sim_world_destroy(nat);
    sim_world_destroy(lua);

    /* The kinds of game take turns batch by batch, so that a machine whose speed drifts (other
     * jobs on it) slows them alike; each ratio is the median of the batches' own ratios. */
    int have_pb = read_playbooks(sc, dir) == 0;
    enum { NATIVE, LUA, LUA_STATES, PB, PB_STATES, KINDS };
    double t[KINDS][BATCHES], r_lua[BATCHES], r_play[BATCHES], r_pb[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        t[NATIVE][b] = time_batch(sc, 0, 1, games, b);
        t[LUA][b] = time_batch(sc, 1, 1, games, b);
        t[LUA_STATES][b] = time_batch(sc, 1, 0, games, b);
        t[PB][b] = have_pb ? time_batch(sc, 2, 1, games, b) : 0;
        t[PB_STATES][b] = have_pb ? time_batch(sc, 2, 0, games, b) : 0;
        r_lua[b] = t[LUA][b] / t[NATIVE][b];
        r_play[b] = (t[LUA][b] - t[LUA_STATES][b]) / t[NATIVE][b];
        r_pb[b] = t[PB][b] / t[NATIVE][b];
    }
    double m[KINDS];
    for (int k = 0; k < KINDS; k++)
        m[k] = median(t[k], BATCHES);
    printf("\nmedian of %d batches of %d games, CPU time of this process (ratios: median of the "
           "batches' ratios)\n",
           BATCHES, games);
    printf("%-44s %10.1f us/game\n", "native baseline, 9 actors, full calendar", m[NATIVE]);
    printf("%-44s %10.1f us/game  (%.2fx native)\n", "Lua baseline, 9 states, full calendar",
           m[LUA], median(r_lua, BATCHES));
    printf("%-44s %10.1f us/game\n", "  of which making and closing the 9 states", m[LUA_STATES]);
    printf("%-44s %10.1f us/game  (%.2fx native)\n", "  playing alone", m[LUA] - m[LUA_STATES],
           median(r_play, BATCHES));
    printf("largest Lua state: %.1f KB at its peak\n", (double)mem_max / 1024.0);

    if (have_pb) {
        printf("\nthe roles' playbooks (%s), seed 1, full calendar:\n", dir);
        SimWorld *pb = make(sc, 1, 2);
        play(pb);
        mem_max = table(pb);
        sim_world_destroy(pb);
        printf("%-44s %10.1f us/game  (%.2fx native baseline)\n", "playbooks, 9 states", m[PB],
               median(r_pb, BATCHES));
        printf("%-44s %10.1f us/game\n", "  of which making and closing the 9 states",
               m[PB_STATES]);
        printf("largest Lua state: %.1f KB at its peak\n", (double)mem_max / 1024.0);
    } else {
        printf("\n(no playbooks read from %s)\n", dir);
    }
    for (int i = 0; i < 64; i++)
        free(playbook[i]);
    sim_scenario_free(sc);
    return 0;
}
