/* net_room: a classroom's room: its code, its seats and their secret tokens, the teacher's token,
 * and the token bucket that limits each connection's messages.
 *
 * Codes and tokens come from the kernel's random source (getrandom), never from the game's random
 * streams: they decide who may act, never what happens, and the same game replays the same
 * whoever sat where. A seat's token is the only key to it: taking a free seat makes one, freeing
 * or reassigning the seat makes the old one dead. Tokens are compared in constant time. A NetRoom
 * is a plain value the caller owns; nothing is allocated. Time comes in as seconds from the
 * caller (a monotonic clock), so tests can drive it. */
#ifndef NET_ROOM_H
#define NET_ROOM_H

#include "net_proto.h"

#include <stddef.h>

#define NET_ROOM_SEATS 64

/* The room code's alphabet: capitals and digits without the look-alikes 0/O and 1/I. */
#define NET_ROOM_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/* A token bucket: up to cap messages at once, refilled at rate a second. */
typedef struct {
    double tokens, cap, rate, last;
} NetBucket;

void net_bucket_init(NetBucket *b, double cap, double rate, double now);
/* Takes one message's token at time now: 1 if allowed, 0 if over the limit. */
int net_bucket_take(NetBucket *b, double now);

typedef struct {
    char token[NET_TOKEN_LEN + 1]; /* "" while the seat is free */
    int actor;                     /* the world's actor index of this seat */
} NetSeat;

typedef struct {
    char code[NET_ROOM_LEN + 1];
    char teacher[NET_TOKEN_LEN + 1];
    NetSeat seats[NET_ROOM_SEATS];
    int n_seats;
} NetRoom;

/* Fills buf with n random bytes from the kernel. 0, or -1 with err. */
int net_random(void *buf, size_t n, char *err, size_t errsz);

/* A room with a fresh code and teacher token and n seats (actors[k] is seat k's actor index),
 * all free. 0, or -1 with err (too many seats, no random source). */
int net_room_init(NetRoom *r, const int *actors, int n, char *err, size_t errsz);

/* Whether code is the room's code (constant time). */
int net_room_code_ok(const NetRoom *r, const char *code);

/* The seat of an actor index, or -1. */
int net_room_seat_of(const NetRoom *r, int actor);

/* Who a token is: a seat index, NET_ROOM_TEACHER, or -1 for nobody (constant time per seat). */
#define NET_ROOM_TEACHER (-2)
int net_room_who(const NetRoom *r, const char *token);

/* Takes free seat s: writes its new token into token (NET_TOKEN_LEN + 1 bytes). 0; -1 if the
 * seat is taken or does not exist; -2 (err) if no random source. */
int net_room_take(NetRoom *r, int s, char *token, char *err, size_t errsz);

/* Gives seat s a fresh token whether or not it was taken (the teacher's assign_seat); the old
 * token is dead. 0, or -1 as net_room_take. */
int net_room_assign(NetRoom *r, int s, char *token, char *err, size_t errsz);

/* Frees seat s: its token is dead. */
void net_room_free(NetRoom *r, int s);

/* Puts back a saved room's code and teacher's token (a host restarted from its autosave): code
 * must be NET_ROOM_LEN characters of the alphabet, teacher NET_TOKEN_LEN hex digits. 0, or -1
 * (the room is unchanged). */
int net_room_restore(NetRoom *r, const char *code, const char *teacher);
/* Gives seat s a saved token (NET_TOKEN_LEN hex digits, or "" for free). 0, or -1. */
int net_room_restore_seat(NetRoom *r, int s, const char *token);

#endif
