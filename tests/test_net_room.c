/* test_net_room: the room's code and tokens, the seats, and the rate limit. Tokens are unguessable
 * text (128 bits of the kernel's randomness, hex), unique, and dead once their seat is freed or
 * reassigned; the token bucket lets a burst through and then its rate, no more. */
#include "net_room.h"
#include "test_util.h"

#include <string.h>

static int is_hex_token(const char *t)
{
    if (strlen(t) != NET_TOKEN_LEN)
        return 0;
    for (const char *c = t; *c; c++)
        if (!strchr("0123456789abcdef", *c))
            return 0;
    return 1;
}

static void test_code(void)
{
    int actors[3] = {1, 2, 4};
    NetRoom a, b;
    char err[256];
    CHECK(net_room_init(&a, actors, 3, err, sizeof err) == 0);
    CHECK(net_room_init(&b, actors, 3, err, sizeof err) == 0);
    CHECK(strlen(a.code) == NET_ROOM_LEN);
    for (const char *c = a.code; *c; c++)
        CHECK(strchr(NET_ROOM_ALPHABET, *c) != NULL);
    /* Two rooms: different codes and teacher tokens (a 2^-30 and a 2^-128 chance of a clash). */
    CHECK(strcmp(a.code, b.code) != 0);
    CHECK(is_hex_token(a.teacher) && strcmp(a.teacher, b.teacher) != 0);
    CHECK(net_room_code_ok(&a, a.code));
    CHECK(!net_room_code_ok(&a, b.code));
    CHECK(!net_room_code_ok(&a, ""));
    char longer[16];
    snprintf(longer, sizeof longer, "%sA", a.code);
    CHECK(!net_room_code_ok(&a, longer));
    CHECK(net_room_who(&a, a.teacher) == NET_ROOM_TEACHER);
    CHECK(net_room_who(&a, b.teacher) == -1);
    CHECK(a.n_seats == 3 && a.seats[2].actor == 4);
    CHECK(net_room_seat_of(&a, 4) == 2 && net_room_seat_of(&a, 3) == -1);
    int many[NET_ROOM_SEATS + 1] = {0};
    CHECK(net_room_init(&a, many, NET_ROOM_SEATS + 1, err, sizeof err) < 0);
    CHECK(strstr(err, "at most") != NULL);
}

static void test_seats(void)
{
    int actors[2] = {1, 2};
    NetRoom r;
    char err[256], t0[NET_TOKEN_LEN + 1], t1[NET_TOKEN_LEN + 1], t2[NET_TOKEN_LEN + 1];
    CHECK(net_room_init(&r, actors, 2, err, sizeof err) == 0);
    /* A free seat has no token: no token, not even an empty one, names it. */
    CHECK(net_room_who(&r, "") == -1);
    CHECK(net_room_take(&r, 0, t0, err, sizeof err) == 0);
    CHECK(is_hex_token(t0) && net_room_who(&r, t0) == 0);
    /* Taken: a second take fails and the first token still holds. */
    CHECK(net_room_take(&r, 0, t1, err, sizeof err) == -1);
    CHECK(net_room_who(&r, t0) == 0);
    CHECK(net_room_take(&r, 2, t1, err, sizeof err) == -1);
    CHECK(net_room_take(&r, -1, t1, err, sizeof err) == -1);
    CHECK(net_room_take(&r, 1, t1, err, sizeof err) == 0);
    CHECK(strcmp(t0, t1) != 0 && net_room_who(&r, t1) == 1);
    /* A token one character off names nobody. */
    char off[NET_TOKEN_LEN + 1];
    memcpy(off, t1, sizeof off);
    off[NET_TOKEN_LEN - 1] = off[NET_TOKEN_LEN - 1] == 'a' ? 'b' : 'a';
    CHECK(net_room_who(&r, off) == -1);
    /* Freed: the old token is dead (a replay of it fails); the seat can be taken again, anew. */
    net_room_free(&r, 0);
    CHECK(net_room_who(&r, t0) == -1);
    CHECK(net_room_take(&r, 0, t2, err, sizeof err) == 0);
    CHECK(strcmp(t2, t0) != 0 && net_room_who(&r, t2) == 0 && net_room_who(&r, t0) == -1);
    /* Reassigned by the teacher: a fresh token, the holder's old one dead. */
    char t3[NET_TOKEN_LEN + 1];
    CHECK(net_room_assign(&r, 1, t3, err, sizeof err) == 0);
    CHECK(net_room_who(&r, t3) == 1 && net_room_who(&r, t1) == -1);
    CHECK(net_room_assign(&r, 5, t3, err, sizeof err) == -1);
}

static void test_bucket(void)
{
    NetBucket b;
    net_bucket_init(&b, 20, 10, 100.0);
    int n = 0;
    for (int i = 0; i < 1000; i++)
        n += net_bucket_take(&b, 100.0);
    CHECK(n == 20);                          /* the burst, then nothing at the same instant */
    CHECK(net_bucket_take(&b, 100.05) == 0); /* half a token refilled */
    CHECK(net_bucket_take(&b, 100.15) == 1); /* one and a half: one */
    CHECK(net_bucket_take(&b, 100.15) == 0);
    /* A thousand messages spread over one second: the burst plus ten a second. */
    net_bucket_init(&b, 20, 10, 0);
    n = 0;
    for (int i = 0; i < 1000; i++)
        n += net_bucket_take(&b, i / 1000.0);
    CHECK_MSG(n >= 29 && n <= 30, "%d let through", n);
    /* A long pause refills to the cap only. */
    n = 0;
    for (int i = 0; i < 100; i++)
        n += net_bucket_take(&b, 1000.0);
    CHECK(n == 20);
    /* A clock going back refills nothing. */
    CHECK(net_bucket_take(&b, 5.0) == 0);
}

int main(void)
{
    test_code();
    test_seats();
    test_bucket();
    TEST_END();
}
