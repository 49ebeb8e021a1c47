/* net_room: the room code, the seats' tokens and the rate limit. */
#include "net_room.h"

#include "core_err.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

/* ---------------------------------------------------------------- the rate limit */

void net_bucket_init(NetBucket *b, double cap, double rate, double now)
{
    b->tokens = cap;
    b->cap = cap;
    b->rate = rate;
    b->last = now;
}

int net_bucket_take(NetBucket *b, double now)
{
    if (now > b->last) {
        b->tokens += (now - b->last) * b->rate;
        if (b->tokens > b->cap)
            b->tokens = b->cap;
        b->last = now;
    }
    if (b->tokens < 1)
        return 0;
    b->tokens -= 1;
    return 1;
}

/* ---------------------------------------------------------------- random codes and tokens */

int net_random(void *buf, size_t n, char *err, size_t errsz)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return core_errf(err, errsz, "no random source for the room's tokens: %s",
                             strerror(errno));
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

static int make_token(char *out, char *err, size_t errsz)
{
    unsigned char raw[NET_TOKEN_LEN / 2];
    if (net_random(raw, sizeof raw, err, errsz) < 0)
        return -1;
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[NET_TOKEN_LEN] = '\0';
    return 0;
}

/* Equal strings of the same length, in time that does not depend on where they differ. */
static int same(const char *a, const char *b, size_t n)
{
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

int net_room_init(NetRoom *r, const int *actors, int n, char *err, size_t errsz)
{
    memset(r, 0, sizeof *r);
    if (n < 0 || n > NET_ROOM_SEATS)
        return core_errf(err, errsz, "%d seats, at most %d in a room", n, NET_ROOM_SEATS);
    unsigned char raw[NET_ROOM_LEN];
    if (net_random(raw, sizeof raw, err, errsz) < 0 || make_token(r->teacher, err, errsz) < 0)
        return -1;
    /* 32 letters: each byte's low 5 bits pick one, evenly. */
    for (int i = 0; i < NET_ROOM_LEN; i++)
        r->code[i] = NET_ROOM_ALPHABET[raw[i] & 31];
    r->code[NET_ROOM_LEN] = '\0';
    for (int k = 0; k < n; k++)
        r->seats[k].actor = actors[k];
    r->n_seats = n;
    return 0;
}

int net_room_code_ok(const NetRoom *r, const char *code)
{
    return strlen(code) == NET_ROOM_LEN && same(code, r->code, NET_ROOM_LEN);
}

int net_room_seat_of(const NetRoom *r, int actor)
{
    for (int k = 0; k < r->n_seats; k++)
        if (r->seats[k].actor == actor)
            return k;
    return -1;
}

int net_room_who(const NetRoom *r, const char *token)
{
    if (strlen(token) != NET_TOKEN_LEN)
        return -1;
    int who = -1;
    if (same(token, r->teacher, NET_TOKEN_LEN))
        who = NET_ROOM_TEACHER;
    for (int k = 0; k < r->n_seats; k++)
        if (r->seats[k].token[0] && same(token, r->seats[k].token, NET_TOKEN_LEN))
            who = k;
    return who;
}

int net_room_take(NetRoom *r, int s, char *token, char *err, size_t errsz)
{
    if (s < 0 || s >= r->n_seats || r->seats[s].token[0])
        return -1;
    return net_room_assign(r, s, token, err, errsz);
}

int net_room_assign(NetRoom *r, int s, char *token, char *err, size_t errsz)
{
    if (s < 0 || s >= r->n_seats)
        return -1;
    char fresh[NET_TOKEN_LEN + 1];
    if (make_token(fresh, err, errsz) < 0)
        return -2;
    memcpy(r->seats[s].token, fresh, sizeof fresh);
    memcpy(token, fresh, sizeof fresh);
    return 0;
}

void net_room_free(NetRoom *r, int s)
{
    if (s >= 0 && s < r->n_seats)
        memset(r->seats[s].token, 0, sizeof r->seats[s].token);
}

/* ---------------------------------------------------------------- a room put back */

static int hex_token(const char *t)
{
    if (strlen(t) != NET_TOKEN_LEN)
        return 0;
    for (const char *p = t; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

int net_room_restore(NetRoom *r, const char *code, const char *teacher)
{
    if (strlen(code) != NET_ROOM_LEN || strspn(code, NET_ROOM_ALPHABET) != NET_ROOM_LEN ||
        !hex_token(teacher))
        return -1;
    memcpy(r->code, code, NET_ROOM_LEN + 1);
    memcpy(r->teacher, teacher, NET_TOKEN_LEN + 1);
    return 0;
}

int net_room_restore_seat(NetRoom *r, int s, const char *token)
{
    if (s < 0 || s >= r->n_seats || (token[0] && !hex_token(token)))
        return -1;
    if (!token[0])
        net_room_free(r, s);
    else
        memcpy(r->seats[s].token, token, NET_TOKEN_LEN + 1);
    return 0;
}
