/* bench_net: the classroom server under load (issue 15): CLIENTS simulated students on loopback
 * for SECONDS, each sending a few messages a second to a real `closedloop host --headless`. Not
 * a test: it measures (docs/performance.md quotes it).
 *
 * Usage: cl_bench_net BINARY [CLIENTS] [SECONDS] [RATE] [SCENARIO]
 *        (defaults: 60 clients, 60 s, 3 messages a second each, the 2025 scenario)
 *
 * The host runs every role as a seat (the 2025 scenario: 9), with its saves in a temporary folder
 * (so its autosaves, every month and every 2 s of changes, are in the figures). The first clients
 * take the seats, the rest resume them with their tokens (a team on several laptops): about 7
 * connections a seat. Each client then sends, at RATE a second with a random jitter, one of
 * state (30 %), forecast (10 %: the deal dialog's numbers for a draft loan, as the page asks while
 * a student types), propose (30 %: a small loan to another seat), answer (15 %: to the last offer
 * its state showed, else state) or ready (15 %... of which only 1 in 5 is sent, so that a month is
 * played every few seconds, not at once; CL_BENCH_NET_READY=0: no ready and no timer, so no
 * month is played and the memory shows the server alone), numbering every message (seq = client *
 * 10^6 + n) and waiting for its answer before the next. Counted:
 *   - lost: a message never answered (after 3 s of draining at the end);
 *   - doubled: a second answer with a seq already answered, or an answer to no message (an
 *     intent's answer is two lines, "ok" then the desk with the same seq: one answer);
 *   - queue errors: an intent acknowledged ("ok") this month missing from, or listed twice in,
 *     the seat's state.queued_seq; and the host's log must show as many intents queued as there
 *     were acknowledged;
 *   - the server's time from reading a message to writing its answers (net_server_latency, which
 *     the host logs when it stops): median, p99, max, of all and of each kind of message (and of
 *     the desks pushed after a month, from queued to written), with the time to make the answer
 *     beside it; and the round trip the clients see (the server's time plus two socket hops plus
 *     this program's own waits for the CPU);
 *   - the host's memory: VmRSS every second (printed at 5 s, half-time and the end) and VmHWM
 *     (the peak) from /proc/PID/status.
 * CL_BENCH_NET_NICE=N runs the clients and the host at nice N (negative needs the right to);
 * CL_BENCH_NET_KEEP=1 keeps the host's folder (its log host.err, its saves) and says where.
 * Exit status 0 if nothing was lost, doubled or wrongly queued and the server's p99 < 50 ms; 1
 * otherwise. */
#define _GNU_SOURCE
#include "net_client.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#define MAX_CLIENTS 256
#define MAX_ACKED   64

typedef struct {
    int fd, seat;
    double next_at, sent_at;
    long long out_seq; /* the message awaiting its answer, -1 none */
    int out_kind;      /* 0 state, 1 propose, 2 answer, 3 ready, 4 forecast */
    long long n;
    int last_offer;
    char month[16];
    long long acked[MAX_ACKED];
    int n_acked;
    int acked_now; /* out_seq was acknowledged: its desk is awaited */
} Cl;

static Cl cl[MAX_CLIENTS];
static double *lat;
static size_t n_lat, cap_lat;
static double RATE_G = 3;
static double READY_SHARE = 0.2; /* of the ready draws, the share sent (CL_BENCH_NET_READY) */
static long sent, answered, doubled, queue_errors, acked_intents, refused;
static char seat_id[64][32];
static char seat_tok[64][40];
static int n_seats;
static unsigned long long rng = 88172645463325252ull;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double uniform(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* kB of a field of /proc/PID/status ("VmRSS:", "VmHWM:"). */
static long proc_kb(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, strlen(field)) == 0)
            kb = atol(line + strlen(field));
    if (f)
        fclose(f);
    return kb;
}

/* This program and the host it starts at nice n. Linux groups the tasks of a session (autogroup,
 * /proc/sys/kernel/sched_autogroup_enabled) and a nice value only ranks tasks inside their group:
 * against the other sessions' builds a plain nice changes nothing. So this program starts a
 * session of its own (the host, its child, joins it) and gives the group the nice value too. */
static void set_nice(int n)
{
    if (setsid() < 0)
        perror("cl_bench_net: setsid");
    FILE *f = fopen("/proc/self/autogroup", "w");
    if (f) {
        fprintf(f, "%d\n", n);
        if (fclose(f) != 0)
            perror("cl_bench_net: /proc/self/autogroup");
    }
    if (setpriority(PRIO_PROCESS, 0, n) != 0)
        perror("cl_bench_net: setpriority");
}

static pid_t start_host(const char *bin, const char *scenario, const char *dir, int *port,
                        char *code)
{
    char out[600], err[600];
    snprintf(out, sizeof out, "%s/host.out", dir);
    snprintf(err, sizeof err, "%s/host.err", dir);
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(o, 1);
        dup2(e, 2);
        const char *argv[20];
        int k = 0;
        argv[k++] = bin;
        argv[k++] = "host";
        argv[k++] = "--headless";
        if (scenario)
            argv[k++] = scenario;
        const char *timer = READY_SHARE > 0 ? "30" : "86400"; /* no ready: no month either */
        const char *rest[] = {"--bind", "127.0.0.1",  "--port", "0", "--month-seconds",
                              timer,    "--save-dir", dir,      NULL};
        for (int i = 0; rest[i]; i++)
            argv[k++] = rest[i];
        argv[k] = NULL;
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    for (int i = 0; i < 200; i++) {
        usleep(50000);
        FILE *f = fopen(out, "r");
        char line[512];
        *port = 0;
        code[0] = '\0';
        while (f && fgets(line, sizeof line, f)) {
            sscanf(line, "Listening on http://127.0.0.1:%d/", port);
            sscanf(line, "Room code: %6s", code);
        }
        if (f)
            fclose(f);
        if (*port > 0 && code[0])
            return pid;
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

/* Joins client k: the first n_seats take a seat each, the others resume one. 0 or -1. */
static int join(int k, int port, const char *code)
{
    char msg[4096], buf[65536];
    int st;
    cl[k].fd = nc_ws_open(port, NULL, &st);
    if (cl[k].fd < 0)
        return -1;
    cl[k].out_seq = -1;
    cl[k].last_offer = -1;
    if (k == 0) {
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"hello\",\"room\":\"%s\",\"seq\":1}", code);
        if (nc_ask(cl[k].fd, msg, 1, buf, sizeof buf) < 0)
            return -1;
        /* The seats' list only: the game's description after it names the actors again. */
        const char *p = strstr(buf, "\"seats\":["), *end = p ? strstr(p, "],\"kinds\"") : NULL;
        while (p && (p = strstr(p, "{\"actor\":\"")) && p < end && n_seats < 64) {
            p += 10;
            size_t n = strcspn(p, "\"");
            snprintf(seat_id[n_seats++], sizeof seat_id[0], "%.*s", (int)n, p);
        }
    }
    cl[k].seat = k % n_seats;
    if (k < n_seats)
        snprintf(msg, sizeof msg,
                 "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"%s\",\"seq\":2}",
                 code, seat_id[k]);
    else
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\",\"seq\":2}",
                 seat_tok[cl[k].seat]);
    if (nc_ask(cl[k].fd, msg, 2, buf, sizeof buf) < 0 || !nc_is(buf, "seat"))
        return -1;
    if (k < n_seats)
        nc_string_of(buf, "token", seat_tok[k], sizeof seat_tok[k]);
    if (nc_ws_text(cl[k].fd, buf, sizeof buf) < 0) /* its state */
        return -1;
    nc_string_of(buf, "month", cl[k].month, sizeof cl[k].month);
    return 0;
}

static void send_next(int k, double t)
{
    Cl *c = &cl[k];
    char msg[1024];
    const char *tok = seat_tok[c->seat];
    long long seq = (long long)k * 1000000 + ++c->n;
    double r = uniform();
    int kind = r < 0.30 ? 0 : r < 0.40 ? 4 : r < 0.70 ? 1 : r < 0.85 ? 2 : 3;
    if (kind == 2 && c->last_offer < 0)
        kind = 0;
    if (kind == 3 && uniform() >= READY_SHARE)
        kind = 0;
    if (kind == 0)
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\",\"seq\":%lld}", tok,
                 seq);
    else if (kind == 1 || kind == 4)
        snprintf(msg, sizeof msg,
                 "{\"v\":1,\"type\":\"%s\",\"token\":\"%s\",\"kind\":\"loan\","
                 "\"counterparty\":\"%s\",\"side\":\"payer\",\"terms\":{\"amount\":0.5,"
                 "\"months\":12,\"rate\":0.05},\"reason\":\"bench\",\"seq\":%lld}",
                 kind == 1 ? "propose" : "forecast", tok,
                 seat_id[(c->seat + 1 + (int)(uniform() * (n_seats - 1))) % n_seats], seq);
    else if (kind == 2)
        snprintf(msg, sizeof msg,
                 "{\"v\":1,\"type\":\"answer\",\"token\":\"%s\",\"offer\":%d,\"reply\":\"%s\","
                 "\"seq\":%lld}",
                 tok, c->last_offer, uniform() < 0.5 ? "accept" : "reject", seq);
    else
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"ready\",\"token\":\"%s\",\"seq\":%lld}", tok,
                 seq);
    c->out_seq = seq;
    c->out_kind = kind;
    c->sent_at = now_s();
    if (nc_ws_send(c->fd, msg) == 0)
        sent++;
    (void)t;
}

/* A state: the month (a new month forgets the acknowledgements), the last offer, and each intent
 * acknowledged this month listed once in queued_seq. */
static void read_state(Cl *c, const char *buf)
{
    char month[16] = "";
    nc_string_of(buf, "month", month, sizeof month);
    if (strcmp(month, c->month) != 0) {
        snprintf(c->month, sizeof c->month, "%s", month);
        c->n_acked = 0;
    }
    const char *o = strstr(buf, "\"offers\":[{\"offer\":");
    c->last_offer = o ? atoi(o + 19) : -1;
    const char *q = strstr(buf, "\"queued_seq\":[");
    if (!q)
        return;
    q += 14;
    long long list[64];
    int n = 0;
    while (*q && *q != ']' && n < 64) {
        list[n++] = atoll(q);
        q += strcspn(q, ",]");
        if (*q == ',')
            q++;
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (list[i] == list[j] && list[i] >= 0)
                queue_errors++;
    for (int a = 0; a < c->n_acked; a++) {
        int found = 0;
        for (int i = 0; i < n; i++)
            found += list[i] == c->acked[a];
        if (found != 1)
            queue_errors++;
    }
}

static void on_frame(int k, const char *buf)
{
    Cl *c = &cl[k];
    long long seq = nc_seq_of(buf);
    if (seq < 0) { /* a state pushed after a month, or a rate-limit warning */
        if (nc_is(buf, "state"))
            read_state(c, buf);
        else
            refused++;
        return;
    }
    if (seq != c->out_seq) {
        doubled++;
        return;
    }
    if (nc_is(buf, "ok") && (c->out_kind == 1 || c->out_kind == 2)) {
        if (c->acked_now) { /* a second ok */
            doubled++;
            return;
        }
        acked_intents++; /* the desk with the intent queued follows, with the same seq */
        c->acked_now = 1;
        if (c->n_acked < MAX_ACKED)
            c->acked[c->n_acked++] = seq;
        return;
    }
    c->acked_now = 0;
    double ms = (now_s() - c->sent_at) * 1000;
    if (n_lat == cap_lat) {
        cap_lat = cap_lat ? 2 * cap_lat : 4096;
        lat = realloc(lat, cap_lat * sizeof *lat);
    }
    lat[n_lat++] = ms;
    answered++;
    c->out_seq = -1;
    if (nc_is(buf, "state"))
        read_state(c, buf);
    else if (nc_is(buf, "error"))
        refused++;
    c->next_at = now_s() + (0.5 + uniform()) / RATE_G;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: cl_bench_net BINARY [CLIENTS] [SECONDS] [RATE] [SCENARIO]\n");
        return 2;
    }
    int clients = argc > 2 ? atoi(argv[2]) : 60;
    double seconds = argc > 3 ? atof(argv[3]) : 60;
    RATE_G = argc > 4 ? atof(argv[4]) : 3;
    const char *scenario = argc > 5 ? argv[5] : NULL;
    if (getenv("CL_BENCH_NET_READY"))
        READY_SHARE = atof(getenv("CL_BENCH_NET_READY"));
    /* CL_BENCH_NET_NICE=-10: the host and the clients ahead of the machine's other jobs (a shared
     * machine at a load of 20 measures its queue for the CPU, not the server). */
    if (getenv("CL_BENCH_NET_NICE"))
        set_nice(atoi(getenv("CL_BENCH_NET_NICE")));
    if (clients < 1 || clients > MAX_CLIENTS || seconds <= 0 || RATE_G <= 0) {
        fprintf(stderr, "cl_bench_net: 1..%d clients, seconds and rate > 0\n", MAX_CLIENTS);
        return 2;
    }
    char dir[] = "/tmp/cl_bench_net.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    int port;
    char code[8];
    pid_t host = start_host(argv[1], scenario, dir, &port, code);
    if (host < 0) {
        fprintf(stderr, "cl_bench_net: the host did not start (see %s)\n", dir);
        return 1;
    }
    for (int k = 0; k < clients; k++)
        if (join(k, port, code) < 0) {
            fprintf(stderr, "cl_bench_net: client %d could not join\n", k);
            kill(host, SIGKILL);
            return 1;
        }
    printf("host pid %d, port %d, %d clients on %d seats, %.0f s at %.1f messages/s each\n",
           (int)host, port, clients, n_seats, seconds, RATE_G);
    double t0 = now_s(), next_mem = t0 + 1;
    for (int k = 0; k < clients; k++)
        cl[k].next_at = t0 + uniform() / RATE_G;
    long rss_first = -1, rss_mid = -1, rss_end = -1;
    struct pollfd pf[MAX_CLIENTS];
    int draining = 0;
    for (;;) {
        double t = now_s();
        if (!draining && t - t0 >= seconds)
            draining = 1;
        if (draining && t - t0 >= seconds + 3)
            break;
        for (int k = 0; k < clients; k++)
            if (!draining && cl[k].out_seq < 0 && t >= cl[k].next_at)
                send_next(k, t);
        if (t >= next_mem) {
            long rss = proc_kb(host, "VmRSS:");
            double el = t - t0;
            if (rss_first < 0 && el >= 5)
                rss_first = rss;
            if (rss_mid < 0 && el >= seconds / 2)
                rss_mid = rss;
            if (el <= seconds)
                rss_end = rss;
            next_mem += 1;
        }
        for (int k = 0; k < clients; k++) {
            pf[k].fd = cl[k].fd;
            pf[k].events = POLLIN;
            pf[k].revents = 0;
        }
        if (poll(pf, (nfds_t)clients, 5) <= 0)
            continue;
        static char buf[65536];
        for (int k = 0; k < clients; k++)
            if (pf[k].revents & POLLIN) {
                if (nc_ws_text(cl[k].fd, buf, sizeof buf) < 0) {
                    fprintf(stderr, "cl_bench_net: client %d was cut off\n", k);
                    pf[k].fd = -1;
                    cl[k].fd = -1;
                    continue;
                }
                on_frame(k, buf);
            }
    }
    long hwm = proc_kb(host, "VmHWM:");
    long lost = 0;
    for (int k = 0; k < clients; k++)
        lost += cl[k].out_seq >= 0;
    kill(host, SIGTERM);
    waitpid(host, NULL, 0);
    /* The host's own count: one log line per intent it queued. */
    char path[600], line[1024];
    snprintf(path, sizeof path, "%s/host.err", dir);
    long logged = 0, months = 0;
    double step_ms[4096], step_max = 0, s50 = -1, s99 = -1, smax = -1;
    int n_steps = 0, n_kinds = 0;
    static char kinds[32][300];
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f)) {
        logged += strstr(line, " queued a ") != NULL;
        const char *q = strstr(line, "from a message read to its answer written: median ");
        if (q)
            sscanf(q + 51, "%lf ms, p99 %lf ms, max %lf", &s50, &s99, &smax);
        const char *kt = strstr(line, "times of ");
        if (kt && n_kinds < 32)
            snprintf(kinds[n_kinds++], sizeof kinds[0], "  %s", kt + 9);
        const char *p = strstr(line, " played in ");
        if (p && n_steps < 4096) {
            step_ms[n_steps] = atof(p + 11);
            step_max = step_ms[n_steps] > step_max ? step_ms[n_steps] : step_max;
            n_steps++;
        }
    }
    if (f)
        fclose(f);
    snprintf(path, sizeof path, "%s/host.out", dir);
    f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f))
        months += strncmp(line, "Month ", 6) == 0;
    if (f)
        fclose(f);
    qsort(lat, n_lat, sizeof *lat, cmp_d);
    double p50 = n_lat ? lat[n_lat / 2] : 0, p99 = n_lat ? lat[(size_t)((double)n_lat * 0.99)] : 0;
    double mx = n_lat ? lat[n_lat - 1] : 0;
    printf("sent %ld, answered %ld, lost %ld, doubled %ld, refused or warned %ld\n", sent, answered,
           lost, doubled, refused);
    printf("intents acknowledged %ld, queued in the host's log %ld, queue errors %ld\n",
           acked_intents, logged, queue_errors);
    qsort(step_ms, (size_t)n_steps, sizeof step_ms[0], cmp_d);
    printf("months played %ld: a month's step median %.1f ms, max %.1f ms (the host's log)\n",
           months, n_steps ? step_ms[n_steps / 2] : 0, step_max);
    printf("round trip ms (client side): median %.3f, p99 %.3f, max %.3f (%zu answers)\n", p50, p99,
           mx, n_lat);
    printf("server ms (message read to answer written): median %.2f, p99 %.2f, max %.2f\n", s50,
           s99, smax);
    printf("server ms by kind (read to written; read to made):\n");
    for (int k = 0; k < n_kinds; k++)
        fputs(kinds[k], stdout);
    printf("host memory kB: VmRSS at 5 s %ld, at %.0f s %ld, at %.0f s %ld; VmHWM %ld\n", rss_first,
           seconds / 2, rss_mid, seconds, rss_end, hwm);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (getenv("CL_BENCH_NET_KEEP")) /* the host's log and saves, to read */
        printf("kept %s\n", dir);
    else if (system(cmd) != 0)
        fprintf(stderr, "cl_bench_net: %s left behind\n", dir);
    free(lat);
    int good = lost == 0 && doubled == 0 && queue_errors == 0 && logged == acked_intents &&
               s99 >= 0 && s99 < 50;
    printf("%s\n", good ? "PASS" : "FAIL");
    return good ? 0 : 1;
}
