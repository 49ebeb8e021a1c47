/* net_client: a raw HTTP and WebSocket client for the network tests and the load benchmark, on
 * plain sockets: it can send what a browser never would (a 1 MB frame, a forged Origin, a path
 * with ".."), which is the point. Blocking, with a receive timeout; static inline functions, one
 * test uses what it needs. Below the client: the classroom's messages by name (nc_ask, nc_seq_of)
 * and, for a test that defines NC_ROOM before including it (and links cl_net), the room set-up the
 * network tests share: a scenario's world with some roles seated, started, and its game. */
#ifndef NET_CLIENT_H
#define NET_CLIENT_H

#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* A TCP connection to 127.0.0.1:port with a receive timeout of ms; -1 on failure. */
static inline int nc_connect(int port, int ms)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static inline int nc_send_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads until the end of the HTTP head (and, with body, until the peer closes or times out):
 * returns the status code, the whole response in buf. */
static inline int nc_read_http(int fd, char *buf, size_t cap, int body)
{
    size_t n = 0;
    while (n + 1 < cap) {
        ssize_t k = recv(fd, buf + n, body ? cap - 1 - n : 1, 0);
        if (k <= 0)
            break;
        n += (size_t)k;
        buf[n] = '\0';
        if (!body && n >= 4 && memcmp(buf + n - 4, "\r\n\r\n", 4) == 0)
            break;
    }
    buf[n] = '\0';
    int code = 0;
    if (sscanf(buf, "HTTP/1.%*d %d", &code) != 1)
        return 0;
    return code;
}

/* GET path: the status code; the response in buf. */
static inline int nc_get(int port, const char *path, char *buf, size_t cap)
{
    int fd = nc_connect(port, 2000);
    if (fd < 0)
        return -1;
    char req[1024];
    snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n",
             path, port);
    int code = nc_send_all(fd, req, strlen(req)) < 0 ? -1 : nc_read_http(fd, buf, cap, 1);
    close(fd);
    return code;
}

/* A WebSocket to the server with the classroom's subprotocol and an Origin (NULL: none). The fd,
 * or -1; *status gets the HTTP status of the answer (101 when admitted). */
static inline int nc_ws_open(int port, const char *origin, int *status)
{
    int fd = nc_connect(port, 3000);
    *status = -1;
    if (fd < 0)
        return -1;
    char req[1024], o[300] = "";
    if (origin)
        snprintf(o, sizeof o, "Origin: %s\r\n", origin);
    snprintf(req, sizeof req,
             "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
             "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
             "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: closedloop.v1\r\n%s\r\n",
             port, o);
    char head[4096];
    if (nc_send_all(fd, req, strlen(req)) < 0 ||
        (*status = nc_read_http(fd, head, sizeof head, 0)) != 101) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Sends one frame (masked, as a client must): opcode 1 text, 2 binary. */
static inline int nc_ws_send_op(int fd, const void *data, size_t n, int opcode)
{
    unsigned char h[14];
    size_t k = 0;
    h[k++] = (unsigned char)(0x80 | opcode);
    if (n < 126) {
        h[k++] = (unsigned char)(0x80 | n);
    } else if (n < 65536) {
        h[k++] = 0x80 | 126;
        h[k++] = (unsigned char)(n >> 8);
        h[k++] = (unsigned char)n;
    } else {
        h[k++] = 0x80 | 127;
        for (int i = 7; i >= 0; i--)
            h[k++] = (unsigned char)((uint64_t)n >> (8 * i));
    }
    static const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
    memcpy(h + k, mask, 4);
    k += 4;
    unsigned char *body = malloc(n ? n : 1);
    if (!body)
        return -1;
    for (size_t i = 0; i < n; i++)
        body[i] = ((const unsigned char *)data)[i] ^ mask[i & 3];
    int rc = nc_send_all(fd, h, k) < 0 || nc_send_all(fd, body, n) < 0 ? -1 : 0;
    free(body);
    return rc;
}

static inline int nc_ws_send(int fd, const char *text)
{
    return nc_ws_send_op(fd, text, strlen(text), 1);
}

static inline int nc_recv_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t k = recv(fd, p, n, 0);
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Receives one frame into buf (NUL-terminated, cut to cap - 1): its length, or -1 on a closed
 * connection or a timeout; *opcode: 1 text, 8 close (buf then holds the status, 2 bytes). */
static inline long nc_ws_recv(int fd, char *buf, size_t cap, int *opcode)
{
    unsigned char h[2];
    if (nc_recv_all(fd, h, 2) < 0)
        return -1;
    *opcode = h[0] & 15;
    uint64_t n = h[1] & 127;
    if (n == 126 || n == 127) {
        unsigned char e[8];
        int m = n == 126 ? 2 : 8;
        if (nc_recv_all(fd, e, (size_t)m) < 0)
            return -1;
        n = 0;
        for (int i = 0; i < m; i++)
            n = (n << 8) | e[i];
    }
    size_t keep = n < cap - 1 ? (size_t)n : cap - 1;
    if (nc_recv_all(fd, buf, keep) < 0)
        return -1;
    for (uint64_t i = keep; i < n; i++) {
        char c;
        if (nc_recv_all(fd, &c, 1) < 0)
            return -1;
    }
    buf[keep] = '\0';
    return (long)n;
}

/* Receives the next text frame (skipping others); -1 if closed or timed out. */
static inline long nc_ws_text(int fd, char *buf, size_t cap)
{
    int op = 0;
    long n;
    while ((n = nc_ws_recv(fd, buf, cap, &op)) >= 0 && op != 1)
        if (op == 8)
            return -1;
    return n;
}

/* The "seq" an answer carries, or -1. */
static inline long long nc_seq_of(const char *answer)
{
    const char *p = strstr(answer, "\"seq\":");
    return p ? atoll(p + 6) : -1;
}

/* Whether an answer is of a type ("ok", "state" ...). */
static inline int nc_is(const char *answer, const char *type)
{
    char want[64];
    snprintf(want, sizeof want, "\"type\":\"%s\"", type);
    return strstr(answer, want) != NULL;
}

/* Sends text and reads text frames into buf until one carries seq (skipping pushed states and
 * answers without it). The length, or -1 on a closed connection or a timeout. */
static inline long nc_ask(int fd, const char *text, long long seq, char *buf, size_t cap)
{
    if (nc_ws_send(fd, text) < 0)
        return -1;
    long n;
    while ((n = nc_ws_text(fd, buf, cap)) >= 0)
        if (nc_seq_of(buf) == seq)
            return n;
    return -1;
}

/* Copies the string value of "key" in a JSON answer (a token, a room code) into out. 0 or -1. */
static inline int nc_string_of(const char *answer, const char *key, char *out, size_t cap)
{
    char k[64];
    snprintf(k, sizeof k, "\"%s\":\"", key);
    const char *p = strstr(answer, k);
    if (!p)
        return -1;
    p += strlen(k);
    size_t n = 0;
    while (p[n] && p[n] != '"' && n + 1 < cap)
        n++;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

#ifdef NC_ROOM
#include "dat_scenario.h"
#include "net_game.h"
#include "sim_game.h"
#include "sim_strategy.h"

/* Whether a line of the log holds text. */
static inline int nc_log_has(FILE *log, const char *text)
{
    fflush(log);
    rewind(log);
    char line[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, log))
        found = strstr(line, text) != NULL;
    fseek(log, 0, SEEK_END);
    return found;
}

/* The world of the scenario at path (seed 7) with the n roles of seated played from a queue (the
 * room's seats), started, and a game over it logging to a temp file (*log). The game, or NULL
 * (CHECKed); *w is the caller's to destroy after the game. */
static inline NetGame *nc_room(const char *path, const char *const *seated, int n, SimWorld **w,
                               FILE **log)
{
    char err[512];
    *w = NULL;
    *log = NULL;
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return NULL;
    *w = make_world(sc, 7);
    sim_scenario_free(sc);
    if (!*w)
        return NULL;
    for (int k = 0; k < n; k++) {
        SimStrategy s;
        CHECK(sim_strategy_queued(&s) == 0);
        sim_world_set_strategy(*w, sim_scenario_find_actor((*w)->sc, seated[k]), s);
    }
    CHECK(sim_turn_start(*w, err, sizeof err) == 0);
    *log = tmpfile();
    NetGame *g = net_game_create(*w, *log, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    return g;
}
#endif

#endif
