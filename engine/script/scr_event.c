/* scr_event: the news (view.news: the last SCR_NEWS_MAX events that are public or concern the
 * actor, kept up to date with only what is new) and event records for on_event.
 *
 * Ownership: event records are cached in the registry (references in the context). */
#include "scr_api_int.h"

#include "core_err.h"
#include "core_month.h"
#include "core_text.h"
#include "sim_market.h"
#include "sim_pay.h"
#include "sim_turn.h"

#include <lauxlib.h>

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_private(SimLogKind k)
{
    return k == SIM_LOG_PROPOSED || k == SIM_LOG_COUNTERED || k == SIM_LOG_REJECTED ||
           k == SIM_LOG_EXPIRED || k == SIM_LOG_DROPPED || k == SIM_LOG_STRATEGY_ERROR;
}

/* The actor a COUNTERED event is addressed to: the proposer of the deal it counters. */
int scr_api_countered_to(const SimWorld *w, const SimEvent *e)
{
    return e->other >= 0 && e->other < w->n_deals ? w->deals[e->other].proposer : -1;
}

static int involves(const SimWorld *w, const SimEvent *e, int me)
{
    if (e->actor == me)
        return 1;
    if (e->kind == SIM_LOG_COUNTERED ? scr_api_countered_to(w, e) == me : e->other == me)
        return 1;
    if (e->deal >= 0 && e->deal < w->n_deals) {
        const SimDeal *d = &w->deals[e->deal];
        return d->t.payer == me || d->t.payee == me;
    }
    return 0;
}

/* Forgets the records of events before `oldest` (the news window's start). */
static void prune_events(lua_State *L, ScrApi *api, int oldest)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_events);
    int cache = lua_gettop(L);
    api->n_cached = 0;
    lua_pushnil(L);
    while (lua_next(L, cache)) {
        lua_pop(L, 1);
        if (lua_tointeger(L, -1) - 1 < oldest) {
            lua_pushvalue(L, -1);
            lua_pushnil(L);
            lua_rawset(L, cache);
        } else {
            api->n_cached++;
        }
    }
    lua_pop(L, 1);
}

/* Pushes the record of world event k (kept while it is recent, so that reading the news again
 * finds the same tables). */
static void push_event(lua_State *L, ScrApi *api, int k)
{
    if (!scr_api_push_cached(L, api, api->ref_events, C_EVENT, k))
        return;
    /* A strategy that takes events through on_event and never reads the news: keep the cache to
     * the recent past all the same. */
    if (++api->n_cached > 4 * SCR_NEWS_MAX)
        prune_events(L, api, k - 2 * SCR_NEWS_MAX);
}

/* Brings the news list t up to date. t holds the records of api->news as last filled: the
 * entries that left the window are shifted out and only the new ones are made, rather than
 * writing all 64 every turn (this was a fifth of the playbooks' cost); the cache of records is
 * pruned by push_event when it grows. */
void scr_api_fill_news(lua_State *L, ScrApi *api, int t)
{
    const SimWorld *w = api->v.world;
    /* A fill cut short (memory ran out) left the list unknown: write it all. */
    int me = api->v.self, old_n = api->news_ok ? api->news_n : 0, dropped = 0;
    api->news_ok = 0;
    for (; api->news_scan < w->n_events; api->news_scan++) {
        const SimEvent *e = &w->events[api->news_scan];
        if (is_private(e->kind) && !involves(w, e, me))
            continue;
        if (api->news_n == SCR_NEWS_MAX) {
            memmove(api->news, api->news + 1, (SCR_NEWS_MAX - 1) * sizeof api->news[0]);
            api->news_n--;
            dropped++;
        }
        api->news[api->news_n++] = api->news_scan;
    }
    int keep = old_n > dropped ? old_n - dropped : 0;
    for (int j = 1; dropped > 0 && j <= keep; j++) {
        lua_rawgeti(L, t, j + dropped);
        lua_rawseti(L, t, j);
    }
    for (int k = keep; k < api->news_n; k++) {
        push_event(L, api, api->news[k]);
        lua_rawseti(L, t, k + 1);
    }
    for (lua_Integer j = api->news_n + 1; lua_rawgeti(L, t, j) != LUA_TNIL; j++) {
        lua_pop(L, 1);
        lua_pushnil(L);
        lua_rawseti(L, t, j);
    }
    lua_pop(L, 1);
    api->news_ok = 1;
}

void scr_api_push_event(lua_State *L, ScrApi *api, const SimEvent *ev)
{
    const SimWorld *w = scr_api_world_of(L, api);
    ptrdiff_t k = ev - w->events;
    if (k < 0 || k >= w->n_events)
        luaL_error(L, "an event that is not in the world's record");
    push_event(L, api, (int)k);
}
