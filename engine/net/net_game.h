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

#include "core_text.h"
#include "net_forecast.h"
#include "dat_save.h" /* DatRoom */
#include "net_room.h"
#include "net_server.h"
#include "core_text.h"
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

/* Whether the month should be played now: every taken seat is ready, or the timer
 * (net_game_new_month) has run out; never while paused, nor while no seat is taken (the timer
 * starts again when the first seat is taken). */
int net_game_month_due(const NetGame *g, double now);
/* net_game_month_due, and when it is due, first writes the answers already made on s (at most
 * 50 ms, net_server_write_out): the host's loop asks this before playing a month, so that an
 * answer never waits behind the month's step, the autosave and the desks pushed after it. */
int net_game_month_now(NetGame *g, NetServer *s, double now);
/* Starts the month's timer: seconds from now (<= 0: no timer); clears every seat's ready and counts
 * what each seat has queued (nothing after a month played; a loaded game's queues as saved). */
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

/* The kinds the server times (net_server_latency): a message's type (NetMsgType), then these. */
#define NET_KIND_OTHER   NET_MSG_COUNT       /* unreadable, refused before its type, rate limit */
#define NET_KIND_MONTH   (NET_MSG_COUNT + 1) /* pushed: each desk after a month (net_game_push) */
#define NET_KIND_SCREENS (NET_MSG_COUNT + 2) /* pushed: the teacher's screens, a card (flush) */
/* Writes the server's times to the game's log: every answer, then each kind seen (answers:
 * made and written; pushes: written), one line each. */
void net_game_log_latency(NetGame *g, const NetServer *s);
/* Whether seat k is taken (has a live token). */
int net_game_seat_taken(const NetGame *g, int k);
/* Installs how a forecast asks a script's seat (app_host: app_game_forecast on a copy of the
 * game); without it a script's answer is "unknown". */
void net_game_set_ask(NetGame *g, NetAskFn ask, void *ctx);
/* The pages' string tables of lang (net_lang_json), served at GET /lang/CODE.json once attached
 * (copied). 0, or -1 out of memory. */
int net_game_set_lang(NetGame *g, CoreLang lang, const char *json, size_t len);

/* The room as a save holds it (code, teacher's token, every seat's role and token). */
void net_game_save_room(const NetGame *g, DatRoom *out);
/* Puts a saved room back (a host restarted with --load): its code and teacher's token, and the
 * token of each saved seat that is a seat of this game (a saved role that is not a seat here is
 * skipped and logged). 0, or -1 with err (a code or token that is not one). */
int net_game_restore_room(NetGame *g, const DatRoom *saved, char *err, size_t errsz);
/* Counts every change a save would hold (a seat taken, freed or assigned, an intent queued, a
 * lever moved): the host saves when it has moved since its last save. */
unsigned long net_game_changes(const NetGame *g);
/* ---------------------------------------------------------------------------------------------
 * The teacher's screens and story cards (net_teach.c; docs/protocol.md)
 *
 * The teacher's connections (and the projector page, which holds the teacher's token) get a
 * `room` message (the seats, who is connected and ready, the levers, the timer, the cards) and a
 * `world` message (the flow map and the hub's charts); every screen gets the `card` on show.
 * Changes mark what is out of date; net_game_flush sends it. A story card is offered by the
 * caller (the host or the window, from the scenario's classroom notes, in every language it has),
 * pushed by the teacher (a message, or net_game_card_push), answered once per seat (changeable
 * until the reveal), revealed, closed. */

#define NET_CARD_OFFERS 16   /* cards offered at once */
#define NET_CARD_TITLE  256  /* bytes of a card's title */
#define NET_CARD_TEXT   1024 /* bytes of its explanation */
#define NET_CARD_ASK    512  /* bytes of its question */

typedef struct {
    char title[NET_CARD_TITLE];
    char explain[NET_CARD_TEXT];
    char question[NET_CARD_ASK];
} NetCardWords;

/* A card as offered: words[CORE_LANG_EN] always; another language's words "" where it has none
 * (the pages then show the English). */
typedef struct {
    char id[SIM_ID_LEN]; /* the scenario event's id ("stargate"), or the scenario's id */
    char month[16];      /* "2025-01": the month it belongs to */
    NetCardWords words[CORE_LANG_COUNT];
} NetCard;

typedef enum { NET_CARD_NONE, NET_CARD_OPEN, NET_CARD_REVEALED } NetCardPhase;

typedef struct {
    int n_choices;                /* the card's choices (0: written answers only) */
    int counts[NET_CARD_CHOICES]; /* seats that chose each */
    int answered;                 /* seats that answered at all */
    int seats;                    /* seats taken */
} NetCardTally;

/* One seat's answer. */
typedef struct {
    int given;  /* 0: none yet */
    int choice; /* -1: none */
    char text[NET_ANSWER_MAX + 1];
} NetCardAnswer;

/* Replaces the cards on offer (n <= NET_CARD_OFFERS; copied). The card on show stays. */
void net_game_card_offer(NetGame *g, const NetCard *cards, int n);
int net_game_card_offers(const NetGame *g, const NetCard **cards);
/* Shows offered card `id` on every screen, with n_choices (0, or 2..NET_CARD_CHOICES) labels;
 * the answers of a card shown before are dropped. 0, or -1 with err (no such card offered, a bad
 * choice). */
int net_game_card_push(NetGame *g, const char *id, const char *const *choices, int n_choices,
                       char *err, size_t errsz);
/* Shows every team's answer: -1 if no card is open (none shown, or revealed already). */
int net_game_card_reveal(NetGame *g);
/* Takes the card off every screen. */
void net_game_card_close(NetGame *g);
/* The card on show (NULL: none) and its phase. */
const NetCard *net_game_card(const NetGame *g, NetCardPhase *phase);
void net_game_card_tally(const NetGame *g, NetCardTally *t);
/* The label of choice c of the card on show ("" if it has no such choice). */
const char *net_game_card_choice(const NetGame *g, int c);
/* Seat k's answer to the card on show (NULL: no such seat). */
const NetCardAnswer *net_game_card_answer(const NetGame *g, int k);

/* Counts every change of the cards a save holds (a card pushed, answered, revealed, closed). */
unsigned long net_game_card_changes(const NetGame *g);
/* The cards in a save: the ids of the cards on offer, the card on show with its phase, serial,
 * choices and every seat's answer (into out->card and out->seats[k].answer*: call after
 * net_game_save_room). */
void net_game_save_card(const NetGame *g, DatRoom *out);
/* Puts the saved card back: the caller has offered the saved offers' cards again (the words are
 * the caller's); the card on show is found among them (one that is not is dropped and logged),
 * with its phase, serial, choices and each saved seat's answer. 0, or -1 with err. */
int net_game_restore_card(NetGame *g, const DatRoom *saved, char *err, size_t errsz);

/* The address the projector shows (the host's URL for students); copied. */
void net_game_set_url(NetGame *g, const char *url);

/* Sends what changed since the last flush: `room` and `world` to the teacher's connections, the
 * `card` to every seat and teacher connection. send returns 0, or -1 (the connection is gone). */
typedef int (*NetSendFn)(void *ctx, int conn, const char *text, size_t len);
void net_game_flush_to(NetGame *g, NetSendFn send, void *ctx, double now);
void net_game_flush(NetGame *g, NetServer *s, double now);

/* Seat k: whether a connection holds it now; whether it said ready; what it queued this month. */
int net_game_seat_connected(const NetGame *g, int k);
int net_game_seat_ready(const NetGame *g, int k);
int net_game_seat_queued(const NetGame *g, int k);
/* Seconds left on the month's timer (frozen while paused; -1: no timer). */
double net_game_countdown(const NetGame *g, double now);
const SimWorld *net_game_world(const NetGame *g);

/* For the projector: seat k is free, taken (nobody connected for it now), connected, or ready. */
enum { NET_SEAT_FREE, NET_SEAT_TAKEN, NET_SEAT_CONNECTED, NET_SEAT_READY };
int net_game_seat_state(const NetGame *g, int k);
/* The teacher's actions, from the window or from the teacher's messages (pause, extend,
 * free_seat, assign_seat go through these): pause or go on, add seconds to the timer, free seat
 * k (its token dies, what it queued this month and its card answer go), give it a new token (into
 * token, NET_TOKEN_LEN + 1 bytes; 0, or -1 with err). */
void net_game_set_paused(NetGame *g, int paused, double now);
void net_game_extend(NetGame *g, int seconds);
void net_game_free_seat(NetGame *g, int k);
int net_game_assign_seat(NetGame *g, int k, char *token, char *err, size_t errsz);
/* A count that grows with every message handled, every connection opened or closed and every
 * teacher's action: the window draws the room again when it changes (net_game_changes counts
 * only what a save holds). */
unsigned long net_game_activity(const NetGame *g);

#endif
