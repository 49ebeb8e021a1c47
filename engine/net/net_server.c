/* net_server: libwebsockets serving the pages and the classroom's WebSockets on one thread. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "net_server.h"

#include "core_err.h"

#include <libwebsockets.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* One answer waiting to be written: LWS_PRE bytes of room for the frame's header, then text. */
typedef struct Out {
    struct Out *next;
    size_t len;
    double t_in; /* the last answer to a message: when it was read (seconds); a push: when queued;
                    -1: not timed */
    double made; /* when its answers were made (seconds); -1: a push */
    int kind;
    unsigned char data[]; /* LWS_PRE + len */
} Out;

/* Per connection (libwebsockets' per-session data). */
typedef struct {
    int conn; /* its id, once live */
    int live; /* established (libwebsockets zeroes a session before that) */
    char *rx;
    size_t rx_len;
    Out *head, *tail;
    int queued;
    int closing; /* close once the queue is written */
    int status;  /* the close status when closing */
    /* An HTTP answer the caller made (on_get), written from its writeable callback. */
    const char *body;
    size_t body_len, body_off;
} Session;

/* The times of one kind (net_server_latency). */
typedef struct {
    unsigned made[NET_LAT_BUCKETS], written[NET_LAT_BUCKETS];
    long n;
    double made_max, written_max; /* ms */
} LatHist;

struct NetServer {
    NetServerOpts o;
    char root[PATH_MAX]; /* the webroot, resolved */
    struct lws_context *ctx;
    struct lws_vhost *vh;
    struct lws *wsi[NET_SERVER_CONNS];
    lws_sorted_usec_list_t wake;
    long refusals;
    LatHist lat[NET_LAT_KINDS + 1]; /* per kind, then every answer of every kind */
};

static double mono_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void slog(NetServer *s, const char *fmt, ...) CORE_PRINTF(2, 3);
static void slog(NetServer *s, const char *fmt, ...)
{
    if (!s->o.log)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("net: ", s->o.log);
    vfprintf(s->o.log, fmt, ap);
    fputc('\n', s->o.log);
    fflush(s->o.log);
    va_end(ap);
}

static NetServer *server_of(struct lws *wsi)
{
    return lws_context_user(lws_get_context(wsi));
}

/* ---------------------------------------------------------------- files */

/* Whether a request path may name a file: [A-Za-z0-9._-/] only, no part starting with '.'. */
static int path_ok(const char *p)
{
    if (p[0] != '/')
        return 0;
    for (const char *c = p; *c; c++) {
        int good = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                   (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '-' || *c == '/';
        if (!good || (*c == '.' && c[-1] == '/') || (*c == '/' && c[1] == '/'))
            return 0;
    }
    return 1;
}

static const char *mime_of(const char *path)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".png", "image/png"},
        {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i][0]) == 0)
            return types[i][1];
    return "application/octet-stream";
}

static int http_status(struct lws *wsi, unsigned code)
{
    lws_return_http_status(wsi, code, NULL);
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}

/* The headers every page gets: the pages may load nothing from elsewhere (a classroom LAN may
 * have no internet, and a page that needs a CDN fails there) and talk only to this host. Appends
 * them at *p; 0, or -1 if they do not fit. */
static int page_headers(struct lws *wsi, unsigned char **p, unsigned char *end)
{
    static const char *const headers[][2] = {
        {"content-security-policy:", "default-src 'self'; connect-src 'self'; img-src 'self' "
                                     "data:; frame-ancestors 'none'; base-uri 'none'; "
                                     "form-action 'none'"},
        {"x-content-type-options:", "nosniff"},
        {"referrer-policy:", "no-referrer"},
        {"cache-control:", "no-cache"},
    };
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)headers[i][0],
                                        (const unsigned char *)headers[i][1],
                                        (int)strlen(headers[i][1]), p, end))
            return -1;
    return 0;
}

/* Answers with a body the caller made: the headers now, the body when writeable. */
static int serve_made(struct lws *wsi, Session *ss, const char *body, size_t len, const char *mime)
{
    unsigned char head[LWS_PRE + 1024], *start = head + LWS_PRE, *p = start,
                                        *end = head + sizeof head - 1;
    if (lws_add_http_common_headers(wsi, HTTP_STATUS_OK, mime, (lws_filepos_t)len, &p, end) ||
        page_headers(wsi, &p, end) || lws_finalize_write_http_header(wsi, start, &p, end))
        return -1;
    ss->body = body;
    ss->body_len = len;
    ss->body_off = 0;
    lws_callback_on_writable(wsi);
    return 0;
}

/* Writes the next piece of a made body. */
static int write_made(struct lws *wsi, Session *ss)
{
    if (!ss || !ss->body)
        return 0;
    unsigned char buf[LWS_PRE + 16384];
    size_t n = ss->body_len - ss->body_off;
    if (n > sizeof buf - LWS_PRE)
        n = sizeof buf - LWS_PRE;
    memcpy(buf + LWS_PRE, ss->body + ss->body_off, n);
    ss->body_off += n;
    int last = ss->body_off >= ss->body_len;
    if (lws_write(wsi, buf + LWS_PRE, n, last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) < (int)n)
        return -1;
    if (!last) {
        lws_callback_on_writable(wsi);
        return 0;
    }
    ss->body = NULL;
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}

/* Serves the file at request path uri, or refuses it. */
static int serve(NetServer *s, struct lws *wsi, Session *ss, const char *uri)
{
    char peer[64] = "?";
    lws_get_peer_simple(wsi, peer, sizeof peer);
    if (strcmp(uri, "/") == 0)
        uri = "/index.html";
    if (!path_ok(uri) || strlen(s->root) + strlen(uri) >= PATH_MAX) {
        s->refusals++;
        slog(s,
             "http %s: refused path \"%.80s\" (only [A-Za-z0-9._-/], no part starting with "
             "'.')",
             peer, uri);
        return http_status(wsi, HTTP_STATUS_FORBIDDEN);
    }
    const char *body = NULL, *mime = NULL;
    size_t len = 0;
    if (s->o.on_get && ss && s->o.on_get(s->o.ctx, uri, &body, &len, &mime) == 1)
        return serve_made(wsi, ss, body, len, mime);
    char joined[PATH_MAX], real[PATH_MAX];
    size_t nr = strlen(s->root), nu = strlen(uri);
    memcpy(joined, s->root, nr);
    memcpy(joined + nr, uri, nu + 1);
    struct stat st;
    if (!realpath(joined, real) || stat(real, &st) < 0 || !S_ISREG(st.st_mode))
        return http_status(wsi, HTTP_STATUS_NOT_FOUND);
    /* A symlink anywhere on the way resolves to another path: refused, even inside the root. */
    if (strcmp(real, joined) != 0) {
        s->refusals++;
        slog(s, "http %s: refused path \"%.80s\" (a symlink)", peer, uri);
        return http_status(wsi, HTTP_STATUS_FORBIDDEN);
    }
    unsigned char extra[768], *p = extra, *end = extra + sizeof extra;
    if (page_headers(wsi, &p, end))
        return -1;
    int n = lws_serve_http_file(wsi, real, mime_of(real), (const char *)extra, (int)(p - extra));
    if (n < 0 || (n > 0 && lws_http_transaction_completed(wsi)))
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- WebSockets */

/* Whether the upgrade's Origin, if any, is this host. */
static int origin_ok(NetServer *s, struct lws *wsi)
{
    char origin[256] = "", host[256] = "", want[300], peer[64] = "?";
    if (lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN) <= 0)
        return 1;
    if (lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN) >= (int)sizeof origin ||
        lws_hdr_total_length(wsi, WSI_TOKEN_HOST) >= (int)sizeof host)
        goto refused;
    lws_hdr_copy(wsi, origin, sizeof origin, WSI_TOKEN_ORIGIN);
    lws_hdr_copy(wsi, host, sizeof host, WSI_TOKEN_HOST);
    snprintf(want, sizeof want, "http://%s", host);
    if (host[0] && strcmp(origin, want) == 0)
        return 1;
refused:
    s->refusals++;
    lws_get_peer_simple(wsi, peer, sizeof peer);
    slog(s, "ws %s: refused Origin \"%.80s\" (expected \"http://%.80s\")", peer, origin, host);
    return 0;
}

static int free_slot(NetServer *s)
{
    for (int k = 0; k < NET_SERVER_CONNS; k++)
        if (!s->wsi[k])
            return k;
    return -1;
}

static void drop_queue(Session *ss)
{
    while (ss->head) {
        Out *o = ss->head;
        ss->head = o->next;
        free(o);
    }
    ss->tail = NULL;
    ss->queued = 0;
}

/* Queues one message (not timed). Its place in the queue, or NULL if refused. */
static Out *enqueue(NetServer *s, struct lws *wsi, Session *ss, const char *text, size_t len)
{
    if (ss->queued >= NET_SERVER_QUEUE) {
        s->refusals++;
        slog(s, "ws conn %d: %d answers unread: closing", ss->conn, ss->queued);
        ss->closing = 1;
        ss->status = LWS_CLOSE_STATUS_POLICY_VIOLATION;
        lws_callback_on_writable(wsi);
        return NULL;
    }
    Out *o = malloc(sizeof *o + LWS_PRE + len);
    if (!o)
        return NULL;
    o->next = NULL;
    o->len = len;
    o->t_in = -1;
    o->made = -1;
    o->kind = 0;
    memcpy(o->data + LWS_PRE, text, len);
    if (ss->tail)
        ss->tail->next = o;
    else
        ss->head = o;
    ss->tail = o;
    ss->queued++;
    lws_callback_on_writable(wsi);
    return o;
}

/* Hands a whole message to the caller and queues its answers, one per line. */
static void deliver(NetServer *s, struct lws *wsi, Session *ss)
{
    DatBuf out;
    dat_buf_init(&out);
    double t_in = mono_s();
    int kind = 0;
    int close =
        s->o.on_message ? s->o.on_message(s->o.ctx, ss->conn, ss->rx, ss->rx_len, &out, &kind) : 0;
    double made = mono_s();
    ss->rx_len = 0;
    Out *last = NULL;
    const char *p = out.data;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        Out *o = n > 0 ? enqueue(s, wsi, ss, p, n) : NULL;
        last = o ? o : last;
        p += n + (nl != NULL);
    }
    dat_buf_free(&out);
    if (last) { /* the answer is written when its last line is */
        last->t_in = t_in;
        last->made = made;
        last->kind = kind >= 0 && kind < NET_LAT_KINDS ? kind : 0;
    }
    if (close) {
        ss->closing = 1;
        ss->status = LWS_CLOSE_STATUS_POLICY_VIOLATION;
        lws_callback_on_writable(wsi);
    }
}

/* A fragment of a message: gathered up to the cap, delivered when whole. 0, or -1 to close. */
static int receive(NetServer *s, struct lws *wsi, Session *ss, const void *in, size_t len)
{
    if (!ss->live)
        return -1;
    if (ss->closing)
        return 0;
    if (lws_frame_is_binary(wsi)) {
        s->refusals++;
        slog(s, "ws conn %d: a binary message: closing", ss->conn);
        lws_close_reason(wsi, LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE, NULL, 0);
        return -1;
    }
    size_t total = ss->rx_len + len + lws_remaining_packet_payload(wsi);
    if (total > s->o.max_msg) {
        s->refusals++;
        slog(s, "ws conn %d: a message of %zu bytes or more (at most %zu): closing", ss->conn,
             total, s->o.max_msg);
        lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, NULL, 0);
        return -1;
    }
    memcpy(ss->rx + ss->rx_len, in, len);
    ss->rx_len += len;
    if (lws_is_final_fragment(wsi) && lws_remaining_packet_payload(wsi) == 0)
        deliver(s, wsi, ss);
    return 0;
}

/* The histogram's step of a time in ms: microseconds below 128, then 64 steps per power of two
 * (the 7 leading bits), the last step for 2^25 us (33.5 s) or more. */
static int step_of(double ms)
{
    double us = ms * 1000;
    if (!(us >= 0))
        return 0;
    if (us >= 33554432.0)
        return NET_LAT_BUCKETS - 1;
    unsigned long v = (unsigned long)us;
    int shift = 0;
    while ((v >> shift) >= 128)
        shift++;
    return shift == 0 ? (int)v : shift * 64 + (int)(v >> shift);
}

/* The upper edge of step k, in ms. */
static double step_top(int k)
{
    if (k < 128)
        return (k + 1) / 1000.0;
    int shift = k / 64 - 1;
    return (double)((unsigned long)(k - shift * 64 + 1) << shift) / 1000.0;
}

static void count_in(LatHist *h, double made_ms, double written_ms)
{
    h->n++;
    h->written[step_of(written_ms)]++;
    if (written_ms > h->written_max)
        h->written_max = written_ms;
    if (made_ms >= 0) {
        h->made[step_of(made_ms)]++;
        if (made_ms > h->made_max)
            h->made_max = made_ms;
    }
}

/* A timed message written at now: its kind's times, and an answer's in every answer's. */
static void count(NetServer *s, const Out *o, double now)
{
    double written = (now - o->t_in) * 1000, made = o->made < 0 ? -1 : (o->made - o->t_in) * 1000;
    count_in(&s->lat[o->kind], made, written);
    if (made >= 0)
        count_in(&s->lat[NET_LAT_KINDS], made, written);
}

static int writeable(NetServer *s, struct lws *wsi, Session *ss)
{
    Out *o = ss->head;
    if (o) {
        ss->head = o->next;
        if (!ss->head)
            ss->tail = NULL;
        ss->queued--;
        int n = lws_write(wsi, o->data + LWS_PRE, o->len, LWS_WRITE_TEXT);
        if (o->t_in >= 0 && n >= 0)
            count(s, o, mono_s());
        free(o);
        if (n < 0)
            return -1;
        if (ss->head) {
            lws_callback_on_writable(wsi);
            return 0;
        }
    }
    if (ss->closing) {
        lws_close_reason(wsi, (enum lws_close_status)ss->status, NULL, 0);
        return -1;
    }
    return 0;
}

static int established(NetServer *s, struct lws *wsi, Session *ss)
{
    memset(ss, 0, sizeof *ss);
    ss->conn = free_slot(s);
    if (ss->conn < 0)
        return -1;
    ss->rx = malloc(s->o.max_msg + 1);
    if (!ss->rx) {
        ss->conn = -1;
        return -1;
    }
    s->wsi[ss->conn] = wsi;
    ss->live = 1;
    char peer[64] = "?";
    lws_get_peer_simple(wsi, peer, sizeof peer);
    slog(s, "ws conn %d: open from %s", ss->conn, peer);
    if (s->o.on_open)
        s->o.on_open(s->o.ctx, ss->conn);
    return 0;
}

static void closed(NetServer *s, struct lws *wsi, Session *ss)
{
    if (!ss || !ss->live || ss->conn < 0 || ss->conn >= NET_SERVER_CONNS || s->wsi[ss->conn] != wsi)
        return;
    ss->live = 0;
    if (s->o.on_close)
        s->o.on_close(s->o.ctx, ss->conn);
    s->wsi[ss->conn] = NULL;
    slog(s, "ws conn %d: closed", ss->conn);
    drop_queue(ss);
    free(ss->rx);
    ss->rx = NULL;
    ss->conn = -1;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                    size_t len)
{
    NetServer *s = server_of(wsi);
    Session *ss = user;
    switch (reason) {
    case LWS_CALLBACK_HTTP:
        return serve(s, wsi, ss, in ? (const char *)in : "/");
    case LWS_CALLBACK_HTTP_WRITEABLE:
        return write_made(wsi, ss);
    case LWS_CALLBACK_HTTP_FILE_COMPLETION:
        return lws_http_transaction_completed(wsi) ? -1 : 0;
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        if (!origin_ok(s, wsi))
            return 1;
        if (free_slot(s) < 0) {
            s->refusals++;
            slog(s, "ws: refused a connection: %d open already", NET_SERVER_CONNS);
            return 1;
        }
        return 0;
    case LWS_CALLBACK_ESTABLISHED:
        return established(s, wsi, ss);
    case LWS_CALLBACK_RECEIVE:
        return receive(s, wsi, ss, in, len);
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return writeable(s, wsi, ss);
    case LWS_CALLBACK_CLOSED:
        closed(s, wsi, ss);
        return 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

/* ---------------------------------------------------------------- the server */

static const struct lws_protocols protocols[] = {
    {NET_SERVER_PROTO, callback, sizeof(Session), 4096, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static void quiet(int level, const char *line)
{
    if (level & LLL_ERR)
        fprintf(stderr, "libwebsockets: %s", line);
}

NetServer *net_server_create(const NetServerOpts *o, char *err, size_t errsz)
{
    NetServer *s = calloc(1, sizeof *s);
    if (!s) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    s->o = *o;
    if (!s->o.max_msg)
        s->o.max_msg = 4096;
    if (!o->webroot || !realpath(o->webroot, s->root)) {
        core_errf(err, errsz, "%s: not a folder of pages to serve", o->webroot ? o->webroot : "");
        free(s);
        return NULL;
    }
    lws_set_log_level(LLL_ERR, quiet);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = o->port;
    info.iface = o->bind && o->bind[0] ? o->bind : NULL;
    info.protocols = protocols;
    info.user = s;
    info.options = LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE |
                   LWS_SERVER_OPTION_DISABLE_IPV6;
    info.timeout_secs = 30;
    s->ctx = lws_create_context(&info);
    if (!s->ctx) {
        core_errf(err, errsz,
                  "cannot listen on %s port %d (taken, or not an address of this "
                  "machine)",
                  info.iface ? info.iface : "all interfaces", o->port);
        free(s);
        return NULL;
    }
    s->vh = lws_get_vhost_by_name(s->ctx, "default");
    return s;
}

void net_server_destroy(NetServer *s)
{
    if (!s)
        return;
    lws_context_destroy(s->ctx);
    free(s);
}

int net_server_port(const NetServer *s)
{
    return s->vh ? lws_get_vhost_listen_port(s->vh) : s->o.port;
}

static void woken(lws_sorted_usec_list_t *sul)
{
    (void)sul;
}

int net_server_poll(NetServer *s, int timeout_ms)
{
    if (timeout_ms <= 0)
        return lws_service(s->ctx, -1) < 0 ? -1 : 0;
    lws_sul_schedule(s->ctx, 0, &s->wake, woken, (lws_usec_t)timeout_ms * 1000);
    int rc = lws_service(s->ctx, 0);
    lws_sul_schedule(s->ctx, 0, &s->wake, woken, LWS_SET_TIMER_USEC_CANCEL);
    return rc < 0 ? -1 : 0;
}

int net_server_send(NetServer *s, int conn, const char *text, size_t len)
{
    if (conn < 0 || conn >= NET_SERVER_CONNS || !s->wsi[conn])
        return -1;
    struct lws *wsi = s->wsi[conn];
    return enqueue(s, wsi, lws_wsi_user(wsi), text, len) ? 0 : -1;
}

int net_server_push(NetServer *s, int conn, const char *text, size_t len, int kind)
{
    if (conn < 0 || conn >= NET_SERVER_CONNS || !s->wsi[conn])
        return -1;
    struct lws *wsi = s->wsi[conn];
    Out *o = enqueue(s, wsi, lws_wsi_user(wsi), text, len);
    if (!o)
        return -1;
    o->t_in = mono_s();
    o->kind = kind >= 0 && kind < NET_LAT_KINDS ? kind : 0;
    return 0;
}

/* Whether any connection has a message waiting to be written. */
static int any_queued(const NetServer *s)
{
    for (int k = 0; k < NET_SERVER_CONNS; k++)
        if (s->wsi[k] && ((const Session *)lws_wsi_user(s->wsi[k]))->head)
            return 1;
    return 0;
}

int net_server_write_out(NetServer *s, int max_ms)
{
    if (!any_queued(s))
        return 0;
    /* Reading stops on every connection (a message read now would wait, not be answered), the
     * queues are written, then reading goes on where it stopped. */
    for (int k = 0; k < NET_SERVER_CONNS; k++)
        if (s->wsi[k])
            lws_rx_flow_control(s->wsi[k], 0);
    double end = mono_s() + max_ms / 1000.0;
    int rc = 0;
    while (rc == 0 && any_queued(s) && mono_s() < end)
        rc = net_server_poll(s, 2);
    for (int k = 0; k < NET_SERVER_CONNS; k++)
        if (s->wsi[k])
            lws_rx_flow_control(s->wsi[k], 1);
    return rc < 0 || any_queued(s) ? -1 : 0;
}

long net_server_refusals(const NetServer *s)
{
    return s->refusals;
}

/* The quantile q (0..1) of a histogram: its step's upper edge in ms, at most the max. */
static double quantile(const unsigned *steps, long n, double max, double q)
{
    long want = (long)((double)n * q), seen = 0;
    for (int k = 0; k < NET_LAT_BUCKETS; k++) {
        seen += steps[k];
        if (seen > want)
            return k == NET_LAT_BUCKETS - 1 ? max : fmin(step_top(k), max);
    }
    return max;
}

void net_server_latency(const NetServer *s, int kind, NetLatency *out)
{
    memset(out, 0, sizeof *out);
    if (kind < -1 || kind >= NET_LAT_KINDS)
        return;
    const LatHist *h = &s->lat[kind < 0 ? NET_LAT_KINDS : kind];
    out->n = h->n;
    if (h->n == 0)
        return;
    out->p50 = quantile(h->written, h->n, h->written_max, 0.5);
    out->p99 = quantile(h->written, h->n, h->written_max, 0.99);
    out->max = h->written_max;
    long made = 0;
    for (int k = 0; k < NET_LAT_BUCKETS; k++)
        made += h->made[k];
    if (made == 0)
        return;
    out->made_p50 = quantile(h->made, made, h->made_max, 0.5);
    out->made_p99 = quantile(h->made, made, h->made_max, 0.99);
    out->made_max = h->made_max;
}
