/* bench_sim: how fast the engine plays whole games, and how much memory it takes.
 *
 * Not a test: it times, it does not judge. Plays the 2025 scenario many times with the native
 * strategies (history and baseline), then scenarios made longer (2x the months) and wider (10x
 * the actors, each giant cloned ten times) to show how the cost grows. Prints CPU time per game
 * (CLOCK_PROCESS_CPUTIME_ID, median of several batches), games per second and peak resident
 * memory (getrusage). docs/performance.md quotes its output.
 *
 * Usage: cl_bench [SCENARIO] [GAMES] [ROW]   (defaults: the 2025 scenario, 2000 games a batch,
 * every row; ROW runs only the rows whose name contains it) */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "core_err.h"
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "sim_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BATCHES 5

/* Plays one game to its end; returns the turns played or -1. */
static int play(const SimScenario *sc, uint64_t seed, const char *strategy, int check_books)
{
    char err[256];
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    if (!w) {
        fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    w->check_books = check_books;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        sim_strategy_native(strategy, &s);
        sim_world_set_strategy(w, i, s);
    }
    int rc = sim_turn_start(w, err, sizeof err);
    if (rc == 0)
        rc = sim_turn_run(w, -1, err, sizeof err);
    int turns = w->turn;
    sim_world_destroy(w);
    if (rc < 0) {
        fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    return turns;
}

/* Median CPU microseconds per game over BATCHES batches of `games` games. */
static double time_games(const SimScenario *sc, const char *strategy, int games, int check_books,
                         double *turns_out)
{
    double per[BATCHES];
    long turns = 0;
    for (int b = 0; b < BATCHES; b++) {
        double t0 = bench_cpu_seconds();
        for (int g = 0; g < games; g++) {
            int t = play(sc, (uint64_t)(b * games + g + 1), strategy, check_books);
            if (t < 0)
                exit(1);
            turns += t;
        }
        per[b] = (bench_cpu_seconds() - t0) / games * 1e6;
    }
    qsort(per, BATCHES, sizeof per[0], bench_cmp_double);
    *turns_out = (double)turns / (BATCHES * games);
    return per[BATCHES / 2];
}

/* The scenario with every giant and outside player cloned `times` times (ids get a suffix). */
static SimScenario *widen(const SimScenario *sc, int times)
{
    int extra = 0;
    for (int i = 0; i < sc->n_actors; i++)
        if (i != sc->hub)
            extra += times - 1;
    SimScenario *w = sim_scenario_alloc(sc->n_actors + extra, sc->n_events, sc->n_initial);
    if (!w)
        return NULL;
    SimActorSpec *actors = w->actors;
    SimScenarioEvent *events = w->events;
    SimInitialDeal *initial = w->initial;
    *w = *sc;
    w->actors = actors;
    w->events = events;
    w->initial = initial;
    /* The copy must not share sc's language tables (each scenario frees its own). */
    for (int l = 0; l < CORE_LANG_COUNT; l++)
        w->lang_strings[l] = w->lang_content[l] = NULL;
    w->n_actors = sc->n_actors + extra;
    memcpy(w->events, sc->events, (size_t)sc->n_events * sizeof *sc->events);
    memcpy(w->initial, sc->initial, (size_t)sc->n_initial * sizeof *sc->initial);
    memcpy(w->actors, sc->actors, (size_t)sc->n_actors * sizeof *sc->actors);
    int k = sc->n_actors;
    for (int i = 0; i < sc->n_actors; i++) {
        if (i == sc->hub)
            continue;
        for (int c = 1; c < times; c++, k++) {
            w->actors[k] = sc->actors[i];
            char id[SIM_ID_LEN];
            snprintf(id, sizeof id, "%.20s_%d", sc->actors[i].id, c);
            core_strlcpy(w->actors[k].id, id, sizeof w->actors[k].id);
        }
    }
    return w;
}

static const char *only; /* run only the rows whose name contains this */

static void row(const char *what, const SimScenario *sc, const char *strategy, int games,
                int check_books)
{
    if (only && !strstr(what, only))
        return;
    double turns = 0.0;
    double us = time_games(sc, strategy, games, check_books, &turns);
    printf("%-34s %6d actors %6.1f turns %10.1f us/game %9.0f games/s %7.2f us/turn\n", what,
           sc->n_actors, turns, us, 1e6 / us, us / turns);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "assets/scenarios/closed-loop-2025.json";
    int games = argc > 2 ? atoi(argv[2]) : 2000;
    only = argc > 3 ? argv[3] : NULL;
    bench_keep_memory();
    if (games < 1)
        games = 1;
    char err[512];
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    if (!sc) {
        fprintf(stderr, "bench: %s\n", err);
        return 2;
    }
    printf("median of %d batches of %d games, CPU time of this process\n", BATCHES, games);
    row("2025, history, as it plays", sc, "history", games, 1);
    /* Full calendars: the same scenario with defaults and the compute target switched off, so
     * that every game plays all its months and the cost per game is the cost of the horizon. */
    SimScenario *full = sim_scenario_clone(sc);
    bench_full_calendar(full);
    row("2025, history, full calendar", full, "history", games, 1);
    row("2025, baseline, full calendar", full, "baseline", games, 1);
    row("2025, baseline, full, no book checks", full, "baseline", games, 0);
    /* Twice the months: the horizon moved out 9 years. */
    SimScenario *longer = sim_scenario_clone(full);
    longer->end += sim_scenario_turns(sc);
    row("2x months, baseline, full", longer, "baseline", games / 2 > 0 ? games / 2 : 1, 1);
    SimScenario *wide = widen(full, 10);
    if (wide)
        row("10x actors, baseline, full", wide, "baseline", games / 10 > 0 ? games / 10 : 1, 1);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident memory: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    sim_scenario_free(wide);
    sim_scenario_free(longer);
    sim_scenario_free(full);
    sim_scenario_free(sc);
    return 0;
}
