/* app_compare: the game with and without the lever changes (see app_compare.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_compare.h"

#include "core_err.h"
#include "core_text.h"
#include "sim_lever.h"
#include "sim_strategy.h"
#include "sim_turn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

AppCompare *app_compare_begin(const AppGame *g, char *err, size_t errsz)
{
    AppCompare *c = calloc(1, sizeof *c);
    if (!c) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    c->base = app_game_copy(g, err, errsz);
    if (!c->base) {
        free(c);
        return NULL;
    }
    c->from = g->world->turn;
    return c;
}

int app_compare_wants_new(const AppCompare *c, const SimWorld *real)
{
    return !c || c->from != real->turn;
}

const SimWorld *app_compare_world(const AppCompare *c)
{
    return c ? c->base->world : NULL;
}

/* Whether an intent of the real game means the same in the copy: one naming a deal needs the
 * copy's deal of that index to have the same parties and kind (the worlds part after the
 * change, and a deal proposed in one may not be in the other). */
static int same_meaning(const SimWorld *real, const SimWorld *copy, const SimIntent *in)
{
    switch (in->kind) {
    case SIM_INTENT_ACCEPT:
    case SIM_INTENT_REJECT:
    case SIM_INTENT_COUNTER:
    case SIM_INTENT_RELEASE:
    case SIM_INTENT_EXIT: {
        int k = in->deal;
        if (k < 0 || k >= real->n_deals || k >= copy->n_deals)
            return 0;
        const SimTerms *a = &real->deals[k].t, *b = &copy->deals[k].t;
        return a->kind == b->kind && a->payer == b->payer && a->payee == b->payee &&
               real->deals[k].status == copy->deals[k].status;
    }
    default:
        return 1;
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int app_compare_step(AppCompare *c, const SimWorld *real, char *err, size_t errsz)
{
    if (!c || c->stopped)
        return 0;
    SimWorld *w = c->base->world;
    if (w->turn != real->turn || w->turn >= w->turns) {
        c->stopped = w->turn >= w->turns;
        return 0;
    }
    for (int i = 0; i < w->n && i < real->n; i++) {
        SimIntentList *q = sim_strategy_queue(&w->actors[i].strategy);
        const SimIntentList *rq =
            sim_strategy_queue((SimStrategy *)&real->actors[i].strategy); /* read only */
        if (!q)
            continue;
        memset(q, 0, sizeof *q);
        for (int k = 0; rq && k < rq->n; k++)
            if (same_meaning(real, w, &rq->v[k]))
                q->v[q->n++] = rq->v[k];
    }
    double t0 = now_ms();
    int rc = sim_turn_step(w, err, errsz);
    c->step_ms = now_ms() - t0;
    if (rc != 0)
        c->stopped = 1; /* the end of the game, or a failure: it stays where it is */
    return rc < 0 ? -1 : 0;
}

/* Firms in default after turn t. */
static int failed(const SimWorld *w, int t)
{
    int n = 0;
    for (int i = 0; i < w->n; i++)
        n += sim_snap(w, t, i)->defaulted != 0;
    return n;
}

size_t app_compare_sentence(const AppCompare *c, const SimWorld *real, char *buf, size_t n)
{
    if (n == 0)
        return 0;
    buf[0] = '\0';
    if (!c)
        return 0;
    const SimWorld *b = c->base->world;
    int hub = real->sc->hub, t = real->turn < b->turn ? real->turn : b->turn;
    const char *name = core_tr_content(real->sc->actors[hub].name);
    char m1[64], m2[64], v1[32], v2[32], pct[32], f1[16], f2[16];
    core_tr_month(real->sc->start + c->from, m1, sizeof m1); /* the change's first month */
    if (t <= c->from) {
        core_trf(buf, n, "lever.compare.wait", m1, NULL);
        return strlen(buf);
    }
    core_tr_month(real->sc->start - 1 + t, m2, sizeof m2);
    int dr = sim_default_turn(real, hub), db = sim_default_turn(b, hub);
    dr = dr >= t ? -1 : dr; /* only what both worlds have played */
    db = db >= t ? -1 : db;
    char d1[64], d2[64];
    if (dr >= 0)
        core_tr_month(real->sc->start + dr, d1, sizeof d1);
    if (db >= 0)
        core_tr_month(real->sc->start + db, d2, sizeof d2);
    if (dr >= 0 && db >= 0 && dr == db)
        core_trf(buf, n, "lever.compare.default_same", name, d1, NULL);
    else if (dr >= 0 && db >= 0)
        core_trf(buf, n, "lever.compare.default_both", name, d2, d1, NULL);
    else if (db >= 0)
        core_trf(buf, n, "lever.compare.default_without", name, d2, m2, NULL);
    else if (dr >= 0)
        core_trf(buf, n, "lever.compare.default_with", name, d1, m2, NULL);
    else {
        double a = sim_snap(real, t, hub)->market_value, z = sim_snap(b, t, hub)->market_value;
        core_tr_money(a, CORE_MONEY_SHORT, v1, sizeof v1);
        core_tr_money(z, CORE_MONEY_SHORT, v2, sizeof v2);
        if (fabs(a - z) <= 1e-9 * (fabs(a) + fabs(z) + 1.0)) {
            core_trf(buf, n, "lever.compare.same", name, m2, v1, NULL);
        } else {
            snprintf(pct, sizeof pct, "%+.1f%%", z != 0.0 ? 100.0 * (a - z) / fabs(z) : 0.0);
            core_trf(buf, n, "lever.compare.value", name, m2, v1, v2, pct, NULL);
        }
    }
    int fr = failed(real, t), fb = failed(b, t);
    if (fr != fb) {
        snprintf(f1, sizeof f1, "%d", fr);
        snprintf(f2, sizeof f2, "%d", fb);
        char more[256], first[512];
        core_trf(more, sizeof more, "lever.compare.failed", f1, f2, NULL);
        snprintf(first, sizeof first, "%s", buf);
        core_trf(buf, n, "lever.compare.join", first, more, NULL);
    }
    return strlen(buf);
}

/* The turn of the last lever change in w's record, or -1. */
static int last_lever_turn(const SimWorld *w)
{
    int m = -1;
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_LEVER)
            m = w->events[k].turn;
    return m;
}

/* Whether worlds a and b have every actor's snapshot of turns 0..t the same. */
static int same_until(const SimWorld *a, const SimWorld *b, int t)
{
    if (a->n != b->n || a->turn < t || b->turn < t)
        return 0;
    for (int u = 0; u <= t; u++)
        for (int i = 0; i < a->n; i++)
            if (memcmp(sim_snap(a, u, i), sim_snap(b, u, i), sizeof(SimSnap)) != 0)
                return 0;
    return 1;
}

/* Sets in w, in order, the levers recorded in `from`'s record for turn t. */
static int levers_of(SimWorld *w, const SimWorld *from, int t, char *err, size_t errsz)
{
    for (int k = 0; k < from->n_events; k++) {
        const SimEvent *e = &from->events[k];
        if (e->kind == SIM_LOG_LEVER && e->turn == t &&
            sim_lever_set(w, (SimLever)e->other, e->amount, err, errsz) < 0)
            return -1;
    }
    return 0;
}

/* A new game of g's scenario, seed and seats, its strategies started. */
static AppGame *fresh(const AppGame *g, char *err, size_t errsz)
{
    const SimWorld *w = g->world;
    AppStrategyChoice *c = calloc((size_t)w->n, sizeof *c);
    if (!c) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    for (int i = 0; i < w->n; i++)
        c[i] = (AppStrategyChoice){w->sc->actors[i].id, g->choice[i]};
    AppGameSpec spec = {.scenario = g->scenario_path,
                        .has_seed = 1,
                        .seed = w->seed,
                        .choices = c,
                        .n_choices = w->n,
                        .fallback = "playbook",
                        .check_books = w->check_books};
    int status = 0;
    AppGame *h = app_game_new(&spec, &status, err, errsz);
    free(c);
    return h;
}

AppCompare *app_compare_rebuild(const AppGame *g, char *err, size_t errsz)
{
    const SimWorld *w = g->world;
    int m = last_lever_turn(w);
    if (errsz)
        err[0] = '\0';
    if (m < 0)
        return NULL;
    for (int i = 0; i < w->n; i++)
        if (sim_strategy_is_queued(&w->actors[i].strategy)) {
            core_errf(err, errsz, "%s is played by a person, whose moves a save does not keep",
                      w->sc->actors[i].id);
            return NULL;
        }
    AppCompare *c = calloc(1, sizeof *c);
    if (!c || !(c->base = fresh(g, err, errsz))) {
        free(c);
        return NULL;
    }
    c->from = m;
    SimWorld *b = c->base->world;
    /* The game as played up to the change, then on without it. */
    int rc = 0;
    while (rc == 0 && b->turn < w->turn) {
        if (b->turn == m && !same_until(b, w, m)) {
            core_errf(err, errsz, "the game was not played straight from its start");
            rc = -1;
            break;
        }
        if (b->turn < m && levers_of(b, w, b->turn, err, errsz) < 0)
            rc = -1;
        else
            rc = sim_turn_step(b, err, errsz);
    }
    if (rc < 0 || b->turn < m || !same_until(b, w, m)) {
        if (rc >= 0)
            core_errf(err, errsz, "the game was not played straight from its start");
        app_compare_free(c);
        return NULL;
    }
    c->stopped = rc == 1;
    return c;
}

void app_compare_free(AppCompare *c)
{
    if (!c)
        return;
    app_game_free(c->base);
    free(c);
}
