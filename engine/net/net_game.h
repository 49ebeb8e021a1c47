/* net_game: a room playing a world. It takes each message a connection sends (net_server hands
 * them over), checks it (the rate limit, the parse, the token, who may send it) and acts: seats
 * are taken and resumed, a student's proposal or answer goes through the engine's own validation
 * (sim_turn_validate_why, as the window's deal dialog) onto the seat's queued strategy (as the
 * window's end of turn), the teacher's levers move. Every refusal is logged as one line and
 * leaves the world as it was.
 *
 * The seats are the world's actors whose strategy is a queued one (sim_strategy_queued) when the
 * game is made. The world stays the caller's; net_game never steps it (the host does, when
 * net_game_month_due says so). Connections are small integers below NET_GAME_CONNS that the
 * server chooses. Time is seconds on a monotonic clock, given by the caller. */
#ifndef NET_GAME_H
#define NET_GAME_H

#include "net_room.h"
#include "net_server.h"
#include "sim_world.h"

#include <stdio.h>

#define NET_GAME_CONNS 256

/* Rate limit: NET_BURST messages at once, NET_RATE a second after. Messages over the limit are
 * dropped; one answer warns at the first drop of an episode of flooding (which ends after
 * NET_QUIET seconds without a drop), and NET_DROPS_CLOSE drops in one episode close the
 * connection. */
#define NET_BURST       20
#define NET_RATE        10
#define NET_QUIET       2.0
#define NET_DROPS_CLOSE 200

typedef struct NetGame NetGame;

/* What the server does after a message: send the answers (if any), then keep or close. */
typedef enum { NET_KEEP, NET_CLOSE } NetAfter;

/* A game for world w (kept, not owned). log: where refusals and seat changes go (NULL: none).
 * NULL with err if there is no seat or no random source. The caller frees with
 * net_game_destroy. */
NetGame *net_game_create(SimWorld *w, FILE *log, char *err, size_t errsz);
void net_game_destroy(NetGame *g);

const NetRoom *net_game_room(const NetGame *g);

/* A connection opened at time now / closed. */
void net_game_open(NetGame *g, int conn, double now);
void net_game_close(NetGame *g, int conn);

/* One message of connection conn: appends the answers to out, one JSON object a line. */
NetAfter net_game_message(NetGame *g, int conn, const char *text, size_t len, double now,
                          DatBuf *out);

/* Writes a line to the game's log (printf-like). */
void net_game_log(NetGame *g, const char *fmt, ...) CORE_PRINTF(2, 3);

/* Whether the month should be played now: every taken seat is ready (and one is taken), or the
 * timer (net_game_set_timer) has run out; never while paused. */
int net_game_month_due(const NetGame *g, double now);
/* Starts the month's timer: seconds from now (<= 0: no timer); clears every seat's ready. */
void net_game_new_month(NetGame *g, double now, double seconds);
int net_game_paused(const NetGame *g);
/* Messages refused so far (every kind of refusal, rate-limited drops included). */
long net_game_refusals(const NetGame *g);

/* Seconds on the monotonic clock: the time net_game_attach gives the game. */
double net_clock(void);
/* Sets o's ctx and callbacks so that the server hands every connection and message to g (the
 * rest of o is the caller's). */
void net_game_attach(NetGame *g, NetServerOpts *o);
/* Sends each connection that holds a seat its desk as it stands (after a month is played). */
void net_game_push(NetGame *g, NetServer *s, double now);
/* Whether seat k is taken (has a live token). */
int net_game_seat_taken(const NetGame *g, int k);

/* For the projector: seat k is free, taken (nobody connected for it now), connected, or ready. */
enum { NET_SEAT_FREE, NET_SEAT_TAKEN, NET_SEAT_CONNECTED, NET_SEAT_READY };
int net_game_seat_state(const NetGame *g, int k);
/* Seconds left on the month's timer (frozen while paused), or -1 with no timer. */
double net_game_countdown(const NetGame *g, double now);
/* The teacher's actions, from the window or from the teacher's messages (pause, extend,
 * free_seat, assign_seat go through these): pause or go on, add seconds to the timer, free seat
 * k (its token dies, what it queued this month goes), give it a new token (into token,
 * NET_TOKEN_LEN + 1 bytes; 0, or -1 with err). */
void net_game_set_paused(NetGame *g, int paused, double now);
void net_game_extend(NetGame *g, int seconds);
void net_game_free_seat(NetGame *g, int k);
int net_game_assign_seat(NetGame *g, int k, char *token, char *err, size_t errsz);
/* A count that grows with every message handled, every connection opened or closed and every
 * teacher's action: the window draws the room again when it changes. */
unsigned long net_game_changes(const NetGame *g);

#endif
