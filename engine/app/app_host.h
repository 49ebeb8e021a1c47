/* app_host: the `host` command: a game served to a class on the network (issue 15).
 *
 *   closedloop host [--headless] [SCENARIO | --load SAVE] [--strategy ROLE=human|CHOICE]...
 *                   [--bind ADDR] [--port N] [--month-seconds S] [--turns T] [--seed N]
 *                   [--web DIR] [--save-dir DIR] [--classroom] [--fullscreen] [--size WxH]
 *                   [--scale S]
 *
 * The roles given "human" are the room's seats (none given: every role is one); the others play
 * as in `run` (their playbook by default). Students join at the address it prints with the room
 * code; the teacher's token is printed too. A month is played when every seated team is ready or
 * the month's timer runs out; a seat nobody has taken is played by its playbook that month (and
 * the host says so). Without --headless the game opens in the window (app_play with the room,
 * app_play_host): the room screen until the teacher starts, then the game with the room's strip.
 * Both run the one host object (app_host_room.h): autosaves with the room, --load, the replay,
 * the stand-ins, the story cards.
 * Exit status: 0 the game ended (or --turns months were played), 1 the engine, the server or the
 * window failed, 2 bad input, 130 interrupted. */
#ifndef APP_HOST_H
#define APP_HOST_H

#include "app_cli.h"
#include "net_game.h"

#include <stdio.h>

int app_host_main(int argc, char **argv, FILE *out, FILE *errout);

/* The seats of a hosted game: a's --strategy choices, with "all=human" after them if none is
 * human. Fills seats (APP_MAX_STRATEGIES) and returns how many. */
int app_host_seats(const AppGameArgs *a, AppStrategyChoice *seats);

/* What the students' pages need of the app, for both hosts (headless and the window's room):
 * GET /lang/CODE.json, the pages' string tables of every language read from assets/lang (0, or
 * -1 with err); and a forecast's question to a script's seat, asked on a copy of game `ctx` (an
 * AppGame) as the window's deal dialog asks it (a NetAskFn). */
int app_host_serve_tables(NetGame *room, const SimScenario *sc, char *err, size_t errsz);
int app_host_ask_seat(void *ctx, int me, int who, const SimTerms *t, char *reason, size_t cap,
                      char *err, size_t errsz);

#endif
