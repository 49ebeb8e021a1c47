/* app_batch_run: playing a batch plan: one run, and the threads that play them in run order
 * (declared in app_batch.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_batch.h"

#include "app_seat.h"
#include "core_err.h"
#include "core_text.h"
#include "sim_native.h"
#include "sim_param.h"
#include "sim_turn.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------------
 * One run */

static int make_seat(const AppBatchPlan *p, const SimWorld *w, int v, int i, SimStrategy *s,
                     char *err, size_t errsz)
{
    int k = p->script_of[v][i];
    if (k < 0) {
        if (sim_strategy_native(p->seat[v][i], s) < 0)
            return app_cli_fail(err, errsz, "cli.err.oom", NULL);
        return 0;
    }
    const AppBatchScript *sc = &p->scripts[k];
    return app_seat_script(sc->path, sc->text, sc->len, w, i, s, err, errsz);
}

static void measure(const SimWorld *w, AppBatchResult *r)
{
    int hub = w->sc->hub;
    r->end = w->end;
    r->turns = w->turn;
    /* The turn count when the hub fell (its default turn + 1, as a game that stopped there would
     * have counted): the calendar runs on after it. */
    r->collapse_turn = w->actors[hub].defaulted ? sim_default_turn(w, hub) + 1 : 0;
    r->defaults = 0;
    r->peak_circularity = 0;
    r->peak_leverage = 0;
    r->value_created = r->value_destroyed = 0;
    for (int t = 0; t <= w->turn; t++) {
        if (w->info[t].leverage > r->peak_leverage)
            r->peak_leverage = w->info[t].leverage;
        for (int i = 0; i < w->n; i++) {
            double c = sim_snap(w, t, i)->circularity;
            if (c > r->peak_circularity)
                r->peak_circularity = c;
        }
    }
    for (int i = 0; i < w->n; i++) {
        r->defaults += w->actors[i].defaulted != 0;
        double d = sim_market_value(w, i) - sim_snap(w, 0, i)->market_value;
        if (d > 0)
            r->value_created += d;
        else
            r->value_destroyed -= d;
        r->scores[i] = sim_score(w, i);
        r->lost[i] = w->actors[i].turns_lost;
        r->retired[i] = w->actors[i].retired_turn;
    }
    r->announced = w->announced_value;
    r->horizon = w->turns;
    for (int i = 0; i < w->n; i++) {
        r->value_change[i] = sim_market_value(w, i) - sim_snap(w, 0, i)->market_value;
        double c = 0, e = 0;
        for (int t = 0; t <= w->turn; t++) {
            const SimSnap *s = sim_snap(w, t, i);
            c = s->circularity > c ? s->circularity : c;
            e = s->exposure > e ? s->exposure : e;
        }
        r->peak_circ[i] = c;
        r->peak_exposure[i] = e;
    }
}

/* A world of variant v with `seed`, every role seated (role `passive_role` with passive, unless
 * it is -1), played to its end. NULL with err if it could not be made; else the world (the
 * caller destroys it), *failed set with err if the engine failed during the game. */
static SimWorld *play_world(const AppBatchPlan *p, const SimScenario *sc, int v, uint64_t seed,
                            int passive_role, int *failed, char *err, size_t errsz)
{
    char why[512];
    *failed = 0;
    SimWorld *w = sim_world_create(sc, seed, why, sizeof why);
    if (!w) {
        core_strlcpy(err, why, errsz);
        return NULL;
    }
    w->check_books = p->check_books;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        int rc = i == passive_role ? sim_strategy_native("passive", &s)
                                   : make_seat(p, w, v, i, &s, why, sizeof why);
        if (rc < 0) {
            snprintf(err, errsz, "%.31s: %.160s", w->sc->actors[i].id, why);
            sim_world_destroy(w);
            return NULL;
        }
        sim_world_set_strategy(w, i, s);
    }
    if (sim_turn_start(w, why, sizeof why) < 0 || sim_turn_run(w, -1, why, sizeof why) < 0) {
        *failed = 1;
        core_strlcpy(err, why, errsz);
    }
    return w;
}

/* With plan.gain: each role's score less passive's in its seat, the others as they are, the
 * same seed (a seat already passive gains 0 without another game). */
static void measure_gains(const AppBatchPlan *p, const SimScenario *sc, AppBatchResult *res)
{
    for (int i = 0; i < sc->n_actors && !res->failed; i++) {
        if (p->script_of[res->variant][i] < 0 && strcmp(p->seat[res->variant][i], "passive") == 0)
            continue;
        int failed = 0;
        SimWorld *w =
            play_world(p, sc, res->variant, res->seed, i, &failed, res->error, sizeof res->error);
        res->failed = !w || failed;
        if (w)
            res->gain[i] = res->scores[i] - sim_score(w, i);
        sim_world_destroy(w);
    }
}

/* Plays run r of the plan on scenario `sc` (the worker's own copy when parameters vary). */
void app_batch_play_run(const AppBatchPlan *p, SimScenario *sc, long long r, AppBatchResult *res)
{
    memset(res, 0, sizeof *res);
    long long per_variant = p->points * p->runs;
    res->run = r;
    res->variant = (int)(r / per_variant);
    res->point = (r / p->runs) % p->points;
    res->rep = r % p->runs;
    res->seed = app_batch_seed(p->seed, res->rep);
    app_batch_point_values(p, res->point, res->values);
    for (int j = 0; j < p->n_vary; j++) {
        SimParamRef ref = {p->vary[j].field, p->vary[j].actor};
        *sim_param_slot(sc, &ref) = res->values[j];
    }
    int failed = 0;
    SimWorld *w =
        play_world(p, sc, res->variant, res->seed, -1, &failed, res->error, sizeof res->error);
    if (!w) {
        res->failed = 1;
        return;
    }
    res->failed = failed;
    measure(w, res);
    sim_world_destroy(w);
    if (p->gain)
        measure_gains(p, sc, res);
}

int app_batch_check_scripts_at(const AppBatchPlan *p, int *variant, int *actor, char *err,
                               size_t errsz)
{
    *variant = *actor = -1;
    SimWorld *w = sim_world_create(p->sc, p->seed, err, errsz);
    if (!w)
        return -1;
    int rc = 0;
    for (int v = 0; v < p->n_variants && rc == 0; v++)
        for (int i = 0; i < w->n && rc == 0; i++) {
            if (p->script_of[v][i] < 0)
                continue;
            SimStrategy s;
            if (make_seat(p, w, v, i, &s, err, errsz) < 0) {
                *variant = v;
                *actor = i;
                rc = -1;
            } else {
                sim_strategy_destroy(&s);
            }
        }
    sim_world_destroy(w);
    return rc;
}

int app_batch_check_scripts(const AppBatchPlan *p, char *err, size_t errsz)
{
    char why[700];
    int v, i;
    if (app_batch_check_scripts_at(p, &v, &i, why, sizeof why) == 0)
        return 0;
    if (i < 0)
        return core_errf(err, errsz, "%s", why);
    return core_errf(err, errsz, "%s=%s: %s", p->sc->actors[i].id, p->seat[v][i], why);
}

/* ---------------------------------------------------------------------------------------------
 * Threads: workers take the next run, play it into a slot of a window of results, and the
 * calling thread hands the slots to the sink in run order. A worker never runs more than the
 * window ahead of the sink, so memory stays bounded however many runs there are. */

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct {
    const AppBatchPlan *p;
    pthread_mutex_t lock;
    pthread_cond_t ready, space;
    long long count;   /* runs of this shard */
    long long next;    /* next local index to hand out */
    long long written; /* local indexes handed to the sink */
    int stop;
    long long window;
    AppBatchResult *slots;
    long long *slot_run; /* the local index held by each slot once played, or -1 */
} Queue;

typedef struct {
    Queue *q;
    SimScenario *sc; /* own copy when parameters vary, else the plan's (read-only) */
    pthread_t thread;
    int started;
} Worker;

static void *worker_main(void *arg)
{
    Worker *wk = arg;
    Queue *q = wk->q;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->stop && !interrupted && q->next < q->count && q->next >= q->written + q->window)
            pthread_cond_wait(&q->space, &q->lock);
        if (q->stop || interrupted || q->next >= q->count)
            break;
        long long k = q->next++;
        pthread_mutex_unlock(&q->lock);
        long long r = q->p->shard_i + k * q->p->shard_n;
        app_batch_play_run(q->p, wk->sc, r, &q->slots[k % q->window]);
        pthread_mutex_lock(&q->lock);
        q->slot_run[k % q->window] = k;
        pthread_cond_signal(&q->ready);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

double app_batch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the whole process (every thread), in seconds. */
double app_batch_cpu(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

void app_batch_progress_bar(long long done, long long count, double elapsed)
{
    char bar[31];
    int fill = count ? (int)(30.0 * (double)done / (double)count) : 30;
    for (int k = 0; k < 30; k++)
        bar[k] = k < fill ? '#' : '.';
    bar[30] = '\0';
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    long left = rate > 0 ? (long)((double)(count - done) / rate + 0.5) : 0;
    char a[32], b[32], c[32], d[32];
    snprintf(a, sizeof a, "%lld", done);
    snprintf(b, sizeof b, "%lld", count);
    snprintf(c, sizeof c, "%.0f", rate);
    snprintf(d, sizeof d, "%ld:%02ld", left / 60, left % 60);
    char line[256];
    fprintf(stderr, "\r[%s] %s ", bar,
            core_trf(line, sizeof line, "batch.progress", a, b, c, d, NULL));
    fflush(stderr);
}

/* Gives each of the threads its scenario (its own copy when parameters vary) and starts it. 0, or
 * -1 with err (the threads started so far are marked). */
static int start_workers(Queue *q, Worker *wk, int threads, char *err, size_t errsz)
{
    const AppBatchPlan *p = q->p;
    for (int t = 0; t < threads; t++) {
        wk[t].q = q;
        wk[t].sc = p->n_vary ? sim_scenario_clone(p->sc) : p->sc;
        if (!wk[t].sc)
            return app_cli_fail(err, errsz, "cli.err.oom", NULL);
        if (pthread_create(&wk[t].thread, NULL, worker_main, &wk[t]) != 0) {
            char a[16], b[16];
            snprintf(a, sizeof a, "%d", t + 1);
            snprintf(b, sizeof b, "%d", threads);
            return app_cli_fail(err, errsz, "batch.err.thread", a, b, NULL);
        }
        wk[t].started = 1;
    }
    return 0;
}

/* On the calling thread: hands the played runs to the sink in run order until all are in, the
 * sink fails, SIGINT comes or `stop` (the threads did not all start); draws the progress bar.
 * Returns APP_BATCH_DONE, APP_BATCH_SINK_FAILED or APP_BATCH_INTERRUPTED. */
static int drain(Queue *q, AppBatchSink sink, void *ctx, int stop, int bar, double t0)
{
    int status = APP_BATCH_DONE;
    double last_bar = 0;
    pthread_mutex_lock(&q->lock);
    if (stop)
        q->stop = 1;
    for (;;) {
        while (!q->stop && q->written < q->count &&
               q->slot_run[q->written % q->window] == q->written) {
            const AppBatchResult *res = &q->slots[q->written % q->window];
            pthread_mutex_unlock(&q->lock);
            int bad = sink(ctx, res);
            pthread_mutex_lock(&q->lock);
            q->slot_run[q->written % q->window] = -1;
            q->written++;
            pthread_cond_broadcast(&q->space);
            if (bad) {
                q->stop = 1;
                status = APP_BATCH_SINK_FAILED;
            }
        }
        if (q->stop || q->written >= q->count)
            break;
        if (interrupted) {
            q->stop = 1;
            status = APP_BATCH_INTERRUPTED;
            break;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&q->ready, &q->lock, &until);
        double t = app_batch_now();
        if (bar && t - last_bar >= 0.2) {
            last_bar = t;
            app_batch_progress_bar(q->written, q->count, t - t0);
        }
    }
    pthread_cond_broadcast(&q->space);
    pthread_mutex_unlock(&q->lock);
    return status;
}

int app_batch_execute(const AppBatchPlan *p, AppBatchSink sink, void *ctx, long long *done,
                      char *err, size_t errsz)
{
    Queue q;
    memset(&q, 0, sizeof q);
    q.p = p;
    q.count = app_batch_shard_count(p);
    int threads = p->threads < 1 ? 1 : p->threads;
    if (threads > q.count && q.count > 0)
        threads = (int)q.count;
    q.window = 64LL * threads;
    if (q.window > q.count)
        q.window = q.count > 0 ? q.count : 1;
    q.slots = malloc((size_t)q.window * sizeof *q.slots);
    q.slot_run = malloc((size_t)q.window * sizeof *q.slot_run);
    Worker *wk = calloc((size_t)threads, sizeof *wk);
    *done = 0;
    if (!q.slots || !q.slot_run || !wk) {
        free(q.slots);
        free(q.slot_run);
        free(wk);
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    for (long long k = 0; k < q.window; k++)
        q.slot_run[k] = -1;
    pthread_mutex_init(&q.lock, NULL);
    pthread_cond_init(&q.ready, NULL);
    pthread_cond_init(&q.space, NULL);

    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old);

    int rc = start_workers(&q, wk, threads, err, errsz);
    int bar = p->progress && isatty(STDERR_FILENO);
    double t0 = app_batch_now();
    int status = drain(&q, sink, ctx, rc < 0, bar, t0);
    for (int t = 0; t < threads; t++)
        if (wk[t].started)
            pthread_join(wk[t].thread, NULL);
    /* The runs that were in flight when SIGINT came: keep those that follow on in order. */
    if (status == APP_BATCH_INTERRUPTED)
        while (q.written < q.count && q.slot_run[q.written % q.window] == q.written) {
            if (sink(ctx, &q.slots[q.written % q.window])) {
                status = APP_BATCH_SINK_FAILED;
                break;
            }
            q.written++;
        }
    if (status == APP_BATCH_DONE && interrupted && q.written < q.count)
        status = APP_BATCH_INTERRUPTED;
    if (bar) {
        app_batch_progress_bar(q.written, q.count, app_batch_now() - t0);
        fputc('\n', stderr);
    }
    sigaction(SIGINT, &old, NULL);
    for (int t = 0; t < threads; t++)
        if (p->n_vary && wk[t].sc)
            sim_scenario_free(wk[t].sc);
    pthread_cond_destroy(&q.ready);
    pthread_cond_destroy(&q.space);
    pthread_mutex_destroy(&q.lock);
    free(q.slots);
    free(q.slot_run);
    free(wk);
    *done = q.written;
    return rc < 0 ? -1 : status;
}
