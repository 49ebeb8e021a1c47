/* app_worlds: the game's seats over other seeds (see app_worlds.h). */
#include "app_worlds.h"

#include "app_batch.h"
#include "app_cli.h"
#include "core_err.h"
#include "dat_scenario.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 8

struct AppWorlds {
    AppBatchPlan plan; /* one variant, n runs: world k is run k */
    int n;
    int horizon;
    uint64_t people, baseline;
    int broke[UI_DEBRIEF_WORLDS]; /* written by the world's thread before `done` counts it */
    SDL_atomic_t next, done, stop;
    SDL_Thread *thread[MAX_THREADS];
    int n_threads;
    uint32_t wake;
};

uint64_t app_worlds_seed(uint64_t game_seed, int k)
{
    return app_batch_seed(game_seed, k);
}

/* The plan: the scenario from the game's own text, every role its playbook (baseline without
 * one), then each role that did not play its playbook its own choice; a person's role keeps the
 * playbook. */
static int make_plan(AppWorlds *a, const AppGame *g, char *err, size_t errsz)
{
    AppBatchPlan *p = &a->plan;
    app_batch_plan_init(p);
    p->progress = 0;
    p->sc = dat_scenario_parse(g->scenario_text, g->scenario_len, g->scenario_path, err, errsz);
    if (!p->sc)
        return -1;
    dat_scenario_set_dir(p->sc, g->scenario_path);
    size_t len = strlen(g->scenario_path) + 1;
    if (!(p->scenario_path = malloc(len)))
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    memcpy(p->scenario_path, g->scenario_path, len);
    const SimWorld *w = g->world;
    if (p->sc->n_actors != w->n)
        return app_cli_fail(err, errsz, "worlds.err.roles", g->scenario_path, NULL);
    const char *roles[APP_BATCH_MAX_ACTORS], *choices[APP_BATCH_MAX_ACTORS];
    int n = 0;
    for (int i = 0; i < w->n; i++) {
        const char *c = g->choice ? g->choice[i] : "playbook";
        if (strcmp(c, "human") == 0) {
            a->people |= (uint64_t)1 << i;
            continue;
        }
        if (strcmp(c, "playbook") == 0)
            continue;
        roles[n] = w->sc->actors[i].id;
        choices[n++] = c;
    }
    if (app_batch_add_variant(p, "playbook", roles, choices, n, err, errsz) < 0)
        return -1;
    a->baseline = p->no_playbook[0] & a->people;
    p->seed = w->seed;
    p->has_seed = 1;
    p->runs = a->n;
    p->check_books = w->check_books;
    return app_batch_plan_finish(p, err, errsz);
}

AppWorlds *app_worlds_new(const AppGame *g, int n, char *err, size_t errsz)
{
    AppWorlds *a = calloc(1, sizeof *a);
    if (!a) {
        app_cli_fail(err, errsz, "cli.err.oom", NULL);
        return NULL;
    }
    a->n = n < 1 ? 1 : n > UI_DEBRIEF_WORLDS ? UI_DEBRIEF_WORLDS : n;
    a->horizon = g->world->turns;
    if (make_plan(a, g, err, errsz) < 0) {
        app_batch_plan_free(&a->plan);
        free(a);
        return NULL;
    }
    return a;
}

/* Takes the next world not yet handed out and plays it, until none is left or stop is set. */
static void play_some(AppWorlds *a)
{
    AppBatchResult *res = malloc(sizeof *res);
    for (;;) {
        if (SDL_AtomicGet(&a->stop))
            break;
        int k = SDL_AtomicAdd(&a->next, 1);
        if (k >= a->n)
            break;
        int month = -1;
        if (res) {
            app_batch_play_run(&a->plan, a->plan.sc, k, res);
            month = res->failed ? -1 : res->collapse_turn;
        }
        a->broke[k] = month;
        SDL_AtomicAdd(&a->done, 1); /* a full barrier: broke[k] is written before it counts */
        if (a->wake) {
            SDL_Event e;
            memset(&e, 0, sizeof e);
            e.type = a->wake;
            SDL_PushEvent(&e);
        }
    }
    free(res);
}

static int thread_main(void *arg)
{
    play_some(arg);
    return 0;
}

void app_worlds_run(AppWorlds *a)
{
    play_some(a);
    /* Worlds another thread holds finish there. */
    for (int t = 0; t < a->n_threads; t++) {
        SDL_WaitThread(a->thread[t], NULL);
        a->thread[t] = NULL;
    }
    a->n_threads = 0;
}

int app_worlds_start(AppWorlds *a, int threads, uint32_t wake)
{
    a->wake = wake;
    threads = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    for (int t = a->n_threads; t < threads; t++) {
        SDL_Thread *th = SDL_CreateThread(thread_main, "worlds", a);
        if (!th)
            break;
        a->thread[a->n_threads++] = th;
    }
    return a->n_threads > 0 ? 0 : -1;
}

int app_worlds_done(const AppWorlds *a)
{
    return SDL_AtomicGet((SDL_atomic_t *)&a->done);
}

void app_worlds_fill(const AppWorlds *a, UiDebriefWorlds *out)
{
    memset(out, 0, sizeof *out);
    out->total = a->n;
    out->done = app_worlds_done(a);
    out->horizon = a->horizon;
    out->people = a->people;
    out->baseline = a->baseline;
    if (out->done < a->n)
        return;
    for (int k = 0; k < a->n; k++) {
        out->broke[k] = a->broke[k];
        out->failed += a->broke[k] < 0;
    }
}

void app_worlds_free(AppWorlds *a)
{
    if (!a)
        return;
    SDL_AtomicSet(&a->stop, 1);
    for (int t = 0; t < a->n_threads; t++)
        SDL_WaitThread(a->thread[t], NULL);
    app_batch_plan_free(&a->plan);
    free(a);
}
