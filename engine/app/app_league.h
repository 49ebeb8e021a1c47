/* app_league: `closedloop tournament --league FILE`: a round-robin league of entries (one script
 * per role, from each student) and its ecological mode (Axelrod).
 *
 * The league file is JSON: {"entries": [{"name": "alice", "scripts": {"nvidia": "a/nv.lua",
 * "oracle": "a/or.lua"}}, ...]}, read strictly (unknown keys, a role the scenario lacks, a
 * script that is not FILE.lua or passive|baseline|playbook|history, a name given twice: the
 * file and the JSON path in the message, exit 2). Script paths are relative to the league file's
 * folder.
 *
 * A seating is (role R, entry E, opponents F): E's script plays R, and every other role plays
 * entry F's script for it (the role's playbook where F names none; F = E too: the entry against
 * itself). For each role some entry names, every entry that names a script for it meets every
 * entry as opponents, on the same N seeds (common random numbers), beside a game with passive in
 * R and the same opponents: the seating's gain is E's score in R less passive's, seed by seed
 * (docs/tournaments.md). An entry's league gain is the mean of its seatings' gains over the roles
 * it entered and all opponents alike; the standings rank by it.
 *
 * The ecological mode (--ecology G): the entries' populations start equal and, generation by
 * generation, each grows by exp(its fitness), the fitness being its gain against the current
 * population (the mean over its roles of the population-weighted gains of its seatings), then
 * shares are renormalised; it stops after G generations or once no share moves by 1e-9. The games
 * are those of the league, played once: the same seeds give the same populations.
 *
 * Every game runs on the batch engine (app_batch) with --threads threads, the results in run
 * order: the output is the same bytes for any thread count. A progress bar goes to stderr when it
 * is a terminal (or with --progress; never with --quiet). */
#ifndef APP_LEAGUE_H
#define APP_LEAGUE_H

#include "app_batch_cmd.h"

#include <stdio.h>

typedef struct {
    const char *file; /* --league */
    int generations;  /* --ecology G (0: no ecological mode) */
    const char *png;  /* --png DIR, or NULL */
    int progress;     /* --progress: the bar even when stderr is not a terminal */
} AppLeagueArgs;

/* Plays the league of l with the shared options of b (scenario, runs, seed, threads, --strategy
 * seating roles no entry names, --out, --quiet, --allow-failures): the standings on out (errout
 * with --out -), the CSVs and charts asked for. The exit status, as tournament's. */
int app_league_main(AppBatchArgs *b, const AppLeagueArgs *l, FILE *out, FILE *errout);

#endif
