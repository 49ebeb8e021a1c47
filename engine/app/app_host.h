/* app_host: the `host` command: a game served to a class on the network (issue 15).
 *
 *   closedloop host [--headless] [SCENARIO] [--strategy ROLE=human|CHOICE]... [--bind ADDR]
 *                   [--port N] [--month-seconds S] [--turns T] [--seed N] [--web DIR]
 *                   [--classroom] [--fullscreen] [--size WxH] [--scale S]
 *
 * The roles given "human" are the room's seats (none given: every role is one); the others play
 * as in `run` (their playbook by default). Students join at the address it prints with the room
 * code; the teacher's token is printed too. A month is played when every seated team is ready or
 * the month's timer runs out; a seat nobody has taken is played by its playbook that month (and
 * the host says so). Without --headless the game opens in the window (app_play with the room,
 * app_play_host): the room screen until the teacher starts, then the game with the room's strip.
 * Exit status: 0 the game ended (or --turns months were played), 1 the engine, the server or the
 * window failed, 2 bad input, 130 interrupted. */
#ifndef APP_HOST_H
#define APP_HOST_H

#include "app_cli.h"

#include <stdio.h>

int app_host_main(int argc, char **argv, FILE *out, FILE *errout);

/* The seats of a hosted game: a's --strategy choices, with "all=human" after them if none is
 * human. Fills seats (APP_MAX_STRATEGIES) and returns how many. */
int app_host_seats(const AppGameArgs *a, AppStrategyChoice *seats);

#endif
