/* net_proto: the classroom's messages (docs/protocol.md), version 1.
 *
 * net_proto_parse reads one message from a client, a JSON object of at most NET_MSG_MAX bytes,
 * into a NetMsg: strict JSON (the data layer's reader: no duplicate or unknown keys), the version,
 * the type from the table of types, and each field the type allows, typed and in range. What is
 * wrong goes into the caller's buffer as one line naming the JSON path and what was expected, with
 * an error code for the answer. It knows nothing of rooms or worlds: an actor is still an id, a
 * token still text (net_game resolves them). The answer builders write the server's messages into
 * a DatBuf the caller owns. Nothing here allocates past the call. */
#ifndef NET_PROTO_H
#define NET_PROTO_H

#include "dat_jwrite.h"
#include "sim_deal.h"
#include "sim_scenario.h"

#include <stddef.h>
#include <stdint.h>

#define NET_PROTO_VERSION 1
#define NET_MSG_MAX       4096 /* bytes of one message from a client */
#define NET_ROOM_LEN      6    /* characters of a room code */
#define NET_TOKEN_LEN     32   /* hex characters of a token (128 bits) */
#define NET_REASON_MAX    300  /* bytes of a proposal's reason */
#define NET_CARD_CHOICES  4    /* choices a story card may offer */
#define NET_CHOICE_MAX    60   /* bytes of one choice's label */
#define NET_ANSWER_MAX    200  /* bytes of a team's written answer to a card */

typedef enum {
    NET_MSG_HELLO,
    NET_MSG_TAKE_SEAT,
    NET_MSG_RESUME,
    NET_MSG_STATE,
    NET_MSG_PROPOSE,
    NET_MSG_ANSWER,
    NET_MSG_READY,
    NET_MSG_PAUSE,
    NET_MSG_EXTEND,
    NET_MSG_LEVER,
    NET_MSG_FREE_SEAT,
    NET_MSG_ASSIGN_SEAT,
    NET_MSG_FORECAST,
    NET_MSG_ROOM,        /* teacher: the room as it stands (room, world, card) */
    NET_MSG_CARD_PUSH,   /* teacher: show a story card on every screen */
    NET_MSG_CARD_REVEAL, /* teacher: show every team's answer */
    NET_MSG_CARD_CLOSE,  /* teacher: take the card off the screens */
    NET_MSG_CARD_ANSWER, /* seat: the team's answer to the card on show */
    NET_MSG_COUNT
} NetMsgType;

/* Who may send a type: anyone (no token), a seated student, the teacher. */
typedef enum { NET_WHO_ANYONE, NET_WHO_SEAT, NET_WHO_TEACHER } NetWho;

typedef enum { NET_REPLY_ACCEPT, NET_REPLY_REJECT, NET_REPLY_COUNTER, NET_REPLY_COUNT } NetReply;

/* The error codes of answers (docs/protocol.md). */
typedef enum {
    NET_ERR_NONE,
    NET_ERR_BAD_JSON,
    NET_ERR_BAD_MESSAGE,
    NET_ERR_VERSION,
    NET_ERR_BAD_ROOM,
    NET_ERR_BAD_TOKEN,
    NET_ERR_FORBIDDEN,
    NET_ERR_SEAT_TAKEN,
    NET_ERR_NO_SEAT,
    NET_ERR_REFUSED,
    NET_ERR_FULL,
    NET_ERR_RATE_LIMITED,
    NET_ERR_NOT_NOW,
    NET_ERR_NO_CARD,
    NET_ERR_COUNT
} NetErr;

typedef struct {
    const char *name; /* "hello" ... */
    NetWho who;
} NetMsgInfo;

/* The terms of a proposal or a counter, as sent: numbers only (the parties come apart). */
typedef struct {
    double amount, upfront, gw, rate, rate2, shares;
    int months, delay;
} NetTerms;

typedef struct {
    NetMsgType type;
    int64_t seq; /* -1 if the client sent none */
    char room[NET_ROOM_LEN + 1];
    char token[NET_TOKEN_LEN + 1];
    char
        actor[SIM_ID_LEN]; /* take_seat, free_seat, assign_seat; a seat message's claim ("" none) */
    char counterparty[SIM_ID_LEN];
    int kind;     /* propose: a SimDealKind */
    int is_payer; /* propose: 1 if the seat pays */
    int has_terms;
    NetTerms terms;
    char reason[NET_REASON_MAX + 1];
    int offer; /* answer: a deal id */
    NetReply reply;
    int flag;              /* ready: ready; pause: paused */
    int seconds;           /* extend */
    int lever;             /* lever: a SimLever */
    double value;          /* lever */
    char card[SIM_ID_LEN]; /* card_push, card_answer: the card's id (a scenario event id) */
    char choices[NET_CARD_CHOICES][NET_CHOICE_MAX + 1]; /* card_push: the teacher's choices */
    int n_choices;
    int choice;                    /* card_answer: an index of the card's choices, -1 none */
    char text[NET_ANSWER_MAX + 1]; /* card_answer: the written answer ("" none) */
} NetMsg;

const NetMsgInfo *net_msg_info(NetMsgType t);
const char *net_err_name(NetErr e);

/* Reads text (len bytes, need not end in NUL) into *out. Returns NET_ERR_NONE, or an error code
 * with one line in err ("message: $.terms.amount: expected ..."). A text longer than NET_MSG_MAX
 * is refused unread (bad_message). out->type and out->seq are set as soon as they were read (for
 * the answer's "re" and "seq"); out->type is NET_MSG_COUNT before. */
NetErr net_proto_parse(const char *text, size_t len, NetMsg *out, char *err, size_t errsz);

/* Answers, each one JSON object appended to b. re: the type answered (NET_MSG_COUNT: "?"); seq:
 * the client's, or -1 for none. */
void net_proto_error(DatBuf *b, NetMsgType re, int64_t seq, NetErr code, const char *message,
                     const char *why);
void net_proto_ok(DatBuf *b, NetMsgType re, int64_t seq);
/* The seat answer: the seat's actor id, its name, and its token. */
void net_proto_seat(DatBuf *b, NetMsgType re, int64_t seq, const char *actor, const char *name,
                    const char *token);
/* Opens an answer object of type `type` with re and seq, leaving it open for more members
 * (each written as `,"key":value`); close it with dat_buf_puts(b, "}"). */
void net_proto_open(DatBuf *b, const char *type, NetMsgType re, int64_t seq);

#endif
