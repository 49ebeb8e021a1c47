/* test_ui_util: what the ui tests share: a synthetic loop to draw (from sim_fixture.h) and
 * pixel reading on ARGB8888 surfaces. Static inline, so each test takes what it needs. */
#ifndef TEST_UI_UTIL_H
#define TEST_UI_UTIL_H

#include "sim_fixture.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"

#include <SDL.h>
#include <stdlib.h>

enum { UT_HUB = FX_HUB, UT_VENDOR = 1, UT_INVESTOR = 2, UT_BIG = 4 };

/* A hub and four giants: the hub buys compute from giant 1, which also invests in the hub (so
 * the hub's payments to it are partly circular); giant 2 invests; giant 4 is the largest. Played
 * for `turns` turns (>= 3). The caller destroys the world. */
static inline SimWorld *ut_world(int turns)
{
    char err[256] = "";
    SimScenario *sc = fx_scenario(4, 24);
    if (!sc)
        return NULL;
    fx_quiet(sc);
    fx_rich(sc);
    sc->actors[UT_BIG].price = 2000.0;
    SimWorld *w = sim_world_create(sc, 7, err, sizeof err);
    sim_scenario_free(sc);
    CHECK_MSG(w != NULL, "world: %s", err);
    if (!w)
        return NULL;
    FxScript *h = fx_script(w, UT_HUB), *v = fx_script(w, UT_VENDOR),
             *inv = fx_script(w, UT_INVESTOR);
    fx_script(w, 3);
    fx_script(w, UT_BIG);
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, UT_HUB, UT_VENDOR, 120.0, 12));
    fx_answer(v, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_propose(v, 0, fx_terms(SIM_DEAL_EQUITY, UT_VENDOR, UT_HUB, 60.0, 6));
    fx_propose(inv, 0, fx_terms(SIM_DEAL_EQUITY, UT_INVESTOR, UT_HUB, 30.0, 3));
    fx_answer(h, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(h, 2, SIM_INTENT_ACCEPT, FX_OPEN);
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    for (int t = 0; t < turns; t++)
        CHECK_MSG(sim_turn_step(w, err, sizeof err) >= 0, "turn %d: %s", t, err);
    return w;
}

/* A world of sc at seed with every role played by history, its first month started; NULL (a
 * failed check) if it cannot be made. The caller destroys it (sc stays the caller's). */
static inline SimWorld *ut_history_world(const SimScenario *sc, uint64_t seed)
{
    char err[256] = "";
    SimWorld *w = sc ? sim_world_create(sc, seed, err, sizeof err) : NULL;
    CHECK_MSG(w != NULL, "world: %s", err);
    if (!w)
        return NULL;
    for (int i = 0; i < w->n; i++) {
        SimStrategy st;
        sim_strategy_history(&st);
        sim_world_set_strategy(w, i, st);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    return w;
}

static inline SDL_Color ut_pixel(SDL_Surface *s, int x, int y)
{
    SDL_Color c = {0, 0, 0, 0};
    if (x < 0 || y < 0 || x >= s->w || y >= s->h)
        return c;
    Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
    SDL_GetRGBA(p, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static inline int ut_near(SDL_Color a, SDL_Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

#endif
