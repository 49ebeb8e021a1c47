/* net_teach: the teacher's screens and the story cards of a NetGame (the public half, the
 * net_game_card_* functions, is declared in net_game.h). Private to engine/net: net_game.c keeps
 * one NetTeach in its game and hands the new messages here.
 *
 * The `room` message is the teacher's state (seats, who is connected and ready, levers, timer,
 * cards on offer), the `world` message the projector's flow map and charts, the `card` message
 * the story card on show with the answers (docs/protocol.md). Ownership: a NetTeach is a plain
 * value inside the NetGame; nothing is allocated. */
#ifndef NET_TEACH_H
#define NET_TEACH_H

#include "net_game.h"

#define NET_URL_MAX      160 /* bytes of the address the projector shows */
#define NET_WORLD_EDGES  400 /* live deals the world message carries, at most */
#define NET_WORLD_MONTHS 240 /* months of the hub's charts, the latest */
#define NET_QR_MAX       81  /* modules a side of a QR code, at most (version 16) */

/* A QR code (libqrencode, error correction M) as the room message carries it: size rows of
 * size modules, each row hex digits, 4 modules a digit, the leftmost module the digit's highest
 * bit, 1 dark (docs/protocol.md). size 0: none (no address, or one too long). */
typedef struct {
    int size;
    char rows[NET_QR_MAX][(NET_QR_MAX + 3) / 4 + 1];
} NetQr;

typedef struct {
    NetCard offers[NET_CARD_OFFERS];
    int n_offers;
    NetCard card; /* the card on show (phase != NET_CARD_NONE) */
    NetCardPhase phase;
    char choices[NET_CARD_CHOICES][NET_CHOICE_MAX + 1];
    int n_choices;
    NetCardAnswer answers[NET_ROOM_SEATS];
    int serial; /* cards pushed so far: a page tells a new card from an update */
    int dirty_room, dirty_world, dirty_card;
    char url[NET_URL_MAX];
    unsigned long changes;                  /* a card pushed, answered, revealed or closed */
    NetQr url_qr;                           /* of url */
    int handover;                           /* the seat of the last assign_seat + 1; 0 none */
    char handover_token[NET_TOKEN_LEN + 1]; /* the token it gave */
    NetQr handover_qr;                      /* of url#seat=TOKEN */
} NetTeach;

NetTeach *net_game_teach(NetGame *g);
const NetTeach *net_game_teach_c(const NetGame *g);

/* The messages, each one JSON object and a line break appended to b (re, seq: the message
 * answered; NET_MSG_COUNT, -1 for a push). */
void net_teach_room(const NetGame *g, NetMsgType re, int64_t seq, double now, DatBuf *b);
void net_teach_world(const NetGame *g, NetMsgType re, int64_t seq, DatBuf *b);
/* The card as seat k sees it (k = -1: the teacher, who sees every answer before the reveal). */
void net_teach_card(const NetGame *g, int seat, NetMsgType re, int64_t seq, DatBuf *b);

/* The teacher gave seat s the fresh token: the room message shows its code and link (with its QR
 * code) until the seat is freed, given another code or a team connects with it. */
void net_teach_handover(NetGame *g, int s, const char *token);

/* Seat k's card_answer m: NET_ERR_NONE, or a code with one line in err. */
NetErr net_teach_answer(NetGame *g, int seat, const NetMsg *m, char *err, size_t errsz);

#endif
