/* net_server: the classroom's HTTP and WebSocket server, a thin wrapper of libwebsockets
 * (docs/network.md says why that library).
 *
 * One thread: net_server_poll services whatever is pending and returns, so the window can call it
 * once a frame and a headless host in its own loop; every callback runs inside it, on the
 * caller's thread. It serves files from one folder only (a path of [A-Za-z0-9._-/], no part
 * starting with '.', no symlink anywhere, nothing else: 403), admits a WebSocket only if its
 * Origin, when it sends one, is this host (http:// + the Host header), and reads text messages of
 * at most max_msg bytes: a longer one, or a binary one, closes the connection. Each refusal is
 * one line in the log. What a message means is the caller's (on_message); the server only carries
 * text. The server owns its connections and their queues; the caller owns the options' strings
 * for the server's life. */
#ifndef NET_SERVER_H
#define NET_SERVER_H

#include "dat_jwrite.h"

#include <stddef.h>
#include <stdio.h>

#define NET_SERVER_CONNS 256 /* connections at once (connection ids 0..255) */
#define NET_SERVER_QUEUE 256 /* answers waiting to be written, per connection */
#define NET_SERVER_PROTO "closedloop.v1"

typedef struct NetServer NetServer;

typedef struct {
    const char *bind;    /* an address or an interface to listen on; NULL or "": all */
    int port;            /* 0: a free port, chosen by the system (net_server_port tells it) */
    const char *webroot; /* the folder of the pages (assets/web) */
    size_t max_msg;      /* bytes of one message; 0: 4096 */
    FILE *log;           /* refusals and connections, one line each (NULL: none) */
    void *ctx;           /* handed to the callbacks */
    void (*on_open)(void *ctx, int conn);
    /* A whole text message: append the answers to out, one per line; set *kind (0 when called)
     * to what it was, 0..NET_LAT_KINDS-1, for the times (net_server_latency); return 0 to keep
     * the connection, 1 to close it once the answers are written. */
    int (*on_message)(void *ctx, int conn, const char *text, size_t len, DatBuf *out, int *kind);
    void (*on_close)(void *ctx, int conn);
    /* A GET of a path the caller makes itself (the pages' string tables, /lang/en.json): 1 with
     * *body (kept by the caller while the server lives), *len and *mime set, or 0 to serve the
     * path from webroot as any other. NULL: none. */
    int (*on_get)(void *ctx, const char *path, const char **body, size_t *len, const char **mime);
} NetServerOpts;

/* Listens as o says. NULL with err (the port is taken, the address is not this machine's...). */
NetServer *net_server_create(const NetServerOpts *o, char *err, size_t errsz);
void net_server_destroy(NetServer *s);

/* The port it listens on. */
int net_server_port(const NetServer *s);

/* Services what is pending: with timeout_ms <= 0 returns at once; otherwise waits for an event
 * at most timeout_ms. 0, or -1 if the server failed. */
int net_server_poll(NetServer *s, int timeout_ms);

/* Queues a text message to connection conn (copied). 0, or -1 if conn is not open or its queue
 * is full (the connection is then closed: a client that does not read is dropped). */
int net_server_send(NetServer *s, int conn, const char *text, size_t len);

/* Writes what every connection has queued (the answers made so far, pushes) without reading
 * anything new, for at most max_ms: before the host does long work (a month's step), so that no
 * answer already made waits behind it. 0 when all is written, -1 if some is left (a client that
 * does not read) or the server failed. */
int net_server_write_out(NetServer *s, int max_ms);

/* Refusals so far: paths, Origins, sizes, binary frames, full rooms. */
long net_server_refusals(const NetServer *s);

/* The server's own times, per kind of message, in a fixed histogram (steps of 1/64 of a power of
 * two microseconds: to within 1.6 %, up to 33 s). For an answer: from reading its message (the
 * whole of it) to on_message returning (made), and to the last of its answers written on the
 * socket (written). For a pushed message (net_server_push): from queueing it to writing it. The
 * kind is the caller's: on_message's *kind, net_server_push's kind (0..NET_LAT_KINDS-1). */
#define NET_LAT_KINDS   24
#define NET_LAT_BUCKETS 1280
typedef struct {
    long n;                              /* answers (or pushes) counted */
    double p50, p99, max;                /* written, ms */
    double made_p50, made_p99, made_max; /* made, ms (0 for pushes) */
} NetLatency;
/* kind -1: every answer of every kind (pushes not counted); else that kind's. */
void net_server_latency(const NetServer *s, int kind, NetLatency *out);

/* Queues a pushed message (not an answer) to conn, timed as kind from now to written. As
 * net_server_send. */
int net_server_push(NetServer *s, int conn, const char *text, size_t len, int kind);

#endif
