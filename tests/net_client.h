/* net_client: a raw HTTP and WebSocket client for the network tests, on plain sockets: it can
 * send what a browser never would (a 1 MB frame, a forged Origin, a path with ".."), which is the
 * point. Blocking, with a receive timeout; static functions, one test uses what it needs. */
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
static int nc_connect(int port, int ms)
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

static int nc_send_all(int fd, const void *data, size_t n)
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
static int nc_read_http(int fd, char *buf, size_t cap, int body)
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
static int nc_get(int port, const char *path, char *buf, size_t cap)
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
static int nc_ws_open(int port, const char *origin, int *status)
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
static int nc_ws_send_op(int fd, const void *data, size_t n, int opcode)
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

static int nc_ws_send(int fd, const char *text)
{
    return nc_ws_send_op(fd, text, strlen(text), 1);
}

static int nc_recv_all(int fd, void *buf, size_t n)
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
static long nc_ws_recv(int fd, char *buf, size_t cap, int *opcode)
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
static long nc_ws_text(int fd, char *buf, size_t cap)
{
    int op = 0;
    long n;
    while ((n = nc_ws_recv(fd, buf, cap, &op)) >= 0 && op != 1)
        if (op == 8)
            return -1;
    return n;
}

#endif
