/* app_tournament: `closedloop tournament --role R A.lua B.lua ... --runs N [--seed S]
 * [--scenario F] [--strategy ROLE=NAME]... [--threads T] [--out board.csv]`.
 *
 * Each entrant plays role R in N runs, on the same N seeds as every other entrant, against the
 * same opponents (every other role plays its playbook unless --strategy says otherwise): the
 * batch engine (app_batch) with one variant per entrant. The leaderboard ranks the entrants by
 * mean score (sim_score of role R at the end of the game) and gives the spread (sample standard
 * deviation), the collapse rate (share of runs in which the hub defaulted) and the wins (runs in
 * which the entrant's score was the best of all entrants on that seed; a tie is a win for each
 * of the tied). It prints the table and writes it as CSV with --out. Exit status: 0, 1 if runs
 * failed or the file cannot be written, 2 bad input, 130 interrupted (nothing is written then:
 * a leaderboard of some entrants' runs would compare unequal games). */
#ifndef APP_TOURNAMENT_H
#define APP_TOURNAMENT_H

#include <stdio.h>

/* `closedloop tournament ...` (argv[1] is "tournament"): the process exit status. */
int app_tournament_main(int argc, char **argv, FILE *out, FILE *errout);

#endif
