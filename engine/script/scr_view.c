/* scr_view: the view a script reads: read-only proxies (refused writes, a resolver for pairs and
 * next), the lists and tables filled on first read and refilled when stale, building the view
 * and pointing it at a turn (scr_api_begin, scr_api_end).
 *
 * Ownership: the view's tables live in the sandbox's registry, kept by references in the
 * context. */
#include "scr_api_int.h"

#include "core_err.h"
#include "core_mem.h"
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

/* Pushes a new proxy and its target (target on top); returns the target's index. */
static int new_proxy(lua_State *L, ScrApi *api, int cls, int index, int narr, int nrec, int lazy)
{
    lua_createtable(L, 0, 0); /* proxy */
    int proxy = lua_gettop(L);
    lua_createtable(L, narr, nrec); /* target */
    int target = lua_gettop(L);
    lua_createtable(L, 3, 5); /* metatable */
    lua_pushinteger(L, cls);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, target);
    lua_rawseti(L, -2, 2);
    lua_pushinteger(L, index);
    lua_rawseti(L, -2, 3);
    if (lazy)
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_REFRESH]);
    else
        lua_pushvalue(L, target);
    lua_setfield(L, -2, "__index");
    scr_api_proxy_mt(L, api);
    lua_setmetatable(L, proxy);
    return target;
}

void scr_api_fill(lua_State *L, ScrApi *api, int cls, int index, int t);
static int list_unchanged(const ScrApi *api, int cls);

/* The read-only part of a proxy's metatable (at -1): writes refused, # and the resolver through
 * the view's functions, the metatable hidden. */
void scr_api_proxy_mt(lua_State *L, ScrApi *api)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_RO]);
    lua_setfield(L, -2, "__newindex");
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_LEN]);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_RESOLVE]);
    lua_rawsetp(L, -2, scr_sandbox_proxy_key());
}

/* Makes the proxy at idx fresh; returns the index of its target (pushed). */
static int make_fresh(lua_State *L, ScrApi *api, int idx)
{
    idx = lua_absindex(L, idx);
    if (!lua_getmetatable(L, idx))
        luaL_error(L, "not a view table");
    int mt = lua_gettop(L);
    lua_rawgeti(L, mt, 1);
    int cls = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (scr_api_record_slot(cls) >= 0) { /* read field by field: a full copy, for pairs */
        if (lua_rawgetp(L, idx, &scr_api_record_key) != LUA_TNUMBER)
            luaL_error(L, "not a view table");
        int index = (int)lua_tointeger(L, -1);
        lua_settop(L, mt - 1);
        lua_createtable(L, 0, 16);
        scr_api_fill_fields(L, scr_api_world_of(L, api), cls, index, lua_gettop(L));
        return lua_gettop(L);
    }
    if (lua_rawgeti(L, mt, 2) != LUA_TTABLE)
        luaL_error(L, "not a view table");
    int t = lua_gettop(L);
    lua_rawgeti(L, mt, 3);
    int index = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    int K = scr_api_push_keys(L, api);
    lua_rawgeti(L, K, K_INDEX + 1);
    lua_rawget(L, mt);
    int fresh = lua_rawequal(L, -1, t);
    lua_pop(L, 1);
    if (!fresh) {
        scr_api_world_of(L, api);
        scr_api_fill(L, api, cls, index, t);
        lua_rawgeti(L, K, K_INDEX + 1);
        lua_pushvalue(L, t);
        lua_rawset(L, mt);
        if (scr_api_per_call(cls)) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fresh);
            lua_pushvalue(L, mt);
            lua_rawseti(L, -2, ++api->n_fresh);
            lua_pop(L, 1);
        }
    }
    lua_settop(L, t);
    lua_remove(L, mt);
    return t - 1;
}

/* __index of a stale record: (proxy, key). */
static int l_refresh(lua_State *L)
{
    int t = make_fresh(L, scr_api_of(L), 1);
    lua_pushvalue(L, 2);
    lua_rawget(L, t);
    return 1;
}

static int l_resolve(lua_State *L)
{
    make_fresh(L, scr_api_of(L), 1);
    return 1;
}

static int l_len(lua_State *L)
{
    int t = make_fresh(L, scr_api_of(L), 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, t));
    return 1;
}

static int l_readonly(lua_State *L)
{
    int kt = lua_type(L, 2);
    if (kt == LUA_TSTRING || kt == LUA_TNUMBER)
        return luaL_error(L,
                          "the view is read-only (tried to set '%s'); keep your own data in "
                          "view.memory",
                          lua_tostring(L, 2));
    return luaL_error(L, "the view is read-only; keep your own data in view.memory");
}

/* Marks stale every record refreshed since the last call, and the lists whose deals changed. */
static void mark_stale(lua_State *L, ScrApi *api)
{
    for (int x = 0; x < 3; x++) {
        if (!api->lists[x].valid || list_unchanged(api, C_OFFERS + x))
            continue;
        api->lists[x].valid = 0;
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->lists[x].ref_mt);
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_REFRESH]);
        lua_setfield(L, -2, "__index");
        lua_pop(L, 1);
    }
    if (api->n_fresh == 0)
        return;
    int K = scr_api_push_keys(L, api);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fresh);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_REFRESH]);
    for (int k = 1; k <= api->n_fresh; k++) {
        lua_rawgeti(L, -2, k);
        lua_rawgeti(L, K, K_INDEX + 1);
        lua_pushvalue(L, -3);
        lua_rawset(L, -3);
        lua_pop(L, 1);
    }
    lua_pop(L, 3);
    api->n_fresh = 0;
}

int scr_api_push_cached(lua_State *L, ScrApi *api, int ref, int cls, int k)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    if (lua_rawgeti(L, -1, k + 1) != LUA_TNIL) {
        lua_remove(L, -2);
        return 0;
    }
    lua_pop(L, 1);
    scr_api_new_record(L, api, cls, k);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, k + 1);
    lua_remove(L, -2);
    return 1;
}

/* Pushes the record of deal k (one table for the deal's whole life). */
static void push_deal(lua_State *L, ScrApi *api, int k)
{
    scr_api_push_cached(L, api, api->ref_deals, C_DEAL, k);
}

/* Replaces t[1..] by the records of the deals `want` picks among ids[0..n). */
/* Whether deal d belongs in list cls of actor me. */
static int in_list(const SimDeal *d, int cls, int me)
{
    int mine = d->t.payer == me || d->t.payee == me;
    if (cls == C_OFFERS)
        return d->status == SIM_DS_PROPOSED && d->proposer != me && mine;
    if (cls == C_MYOFFERS)
        return d->status == SIM_DS_PROPOSED && d->proposer == me;
    return sim_deal_is_live(d) && mine;
}

/* Whether list cls (0-2 from C_OFFERS) would hold exactly the deals it held when filled. */
static int list_unchanged(const ScrApi *api, int cls)
{
    const SimWorld *w = api->v.world;
    int me = api->v.self, which = cls - C_OFFERS, k = 0;
    const int *src = cls == C_DEALS ? w->live : w->open;
    int n = cls == C_DEALS ? w->n_live : w->n_open;
    for (int x = 0; x < n; x++) {
        if (!in_list(&w->deals[src[x]], cls, me))
            continue;
        if (k >= api->lists[which].n || api->lists[which].ids[k] != src[x])
            return 0;
        k++;
    }
    return k == api->lists[which].n;
}

/* Remembers deal id k as entry `at` of list cls; on failure the list is never kept fresh. */
static void list_note(ScrApi *api, int cls, int at, int k)
{
    int which = cls - C_OFFERS;
    int *ids = core_grow(api->lists[which].ids, &api->lists[which].cap, at + 1, sizeof *ids, 16);
    if (!ids) {
        api->lists[which].valid = 0;
        api->lists[which].n = -1;
        return;
    }
    api->lists[which].ids = ids;
    api->lists[which].ids[at] = k;
}

static void fill_list(lua_State *L, ScrApi *api, int t, const int *ids, int n, int cls)
{
    const SimWorld *w = api->v.world;
    int me = api->v.self, k = 0, which = cls - C_OFFERS, ok = 1;
    for (int x = 0; x < n; x++) {
        if (!in_list(&w->deals[ids[x]], cls, me))
            continue;
        push_deal(L, api, ids[x]);
        lua_rawseti(L, t, k + 1);
        list_note(api, cls, k, ids[x]);
        ok = ok && api->lists[which].n >= 0;
        k++;
    }
    api->lists[which].n = ok ? k : -1;
    api->lists[which].valid = ok;
    for (lua_Integer j = k + 1; lua_rawgeti(L, t, j) != LUA_TNIL; j++) {
        lua_pop(L, 1);
        lua_pushnil(L);
        lua_rawseti(L, t, j);
    }
    lua_pop(L, 1);
}

static void fill_series(lua_State *L, const SimWorld *w, int i, int t)
{
    int from = w->turn - (SCR_PRICES_MAX - 1);
    if (from < 0)
        from = 0;
    lua_Integer k = 0;
    for (int turn = from; turn <= w->turn; turn++) {
        lua_pushnumber(L, sim_snap(w, turn, i)->market_value);
        lua_rawseti(L, t, ++k);
    }
    for (lua_Integer j = k + 1; lua_rawgeti(L, t, j) != LUA_TNIL; j++) {
        lua_pop(L, 1);
        lua_pushnil(L);
        lua_rawseti(L, t, j);
    }
    lua_pop(L, 1);
}

static const char *event_type_name(SimScenarioEventType t)
{
    return t == SIM_SEV_NEWS ? "news" : t == SIM_SEV_DEAL ? "deal" : "release";
}

static void fill_calendar(lua_State *L, ScrApi *api, int t)
{
    const SimWorld *w = api->v.world;
    const SimScenario *sc = w->sc;
    lua_createtable(L, 0, 0);
    scr_api_make_strict(L, -1, "a calendar entry", "Calendar entries");
    lua_getmetatable(L, -1);
    int mt = lua_gettop(L);
    for (int k = 0; k < sc->n_events; k++) {
        const SimScenarioEvent *ev = &sc->events[k];
        char month[16];
        core_month_format(ev->month, month, sizeof month);
        int r = new_proxy(L, api, C_CALEV, k, 0, 8, 0);
        scr_api_sets(L, r, "month", month);
        scr_api_seti(L, r, "turn", ev->month - sc->start);
        scr_api_sets(L, r, "type", event_type_name(ev->type));
        scr_api_sets(L, r, "id", ev->id);
        scr_api_sets(L, r, "title", ev->title);
        scr_api_sets(L, r, "actor",
                     scr_api_actor_id(w, ev->type == SIM_SEV_DEAL ? ev->proposer : ev->actor));
        lua_pushvalue(L, mt); /* one strict metatable for every entry */
        lua_setmetatable(L, r);
        lua_pop(L, 1);
        lua_rawseti(L, t, k + 1);
    }
    lua_pop(L, 2);
}

void scr_api_fill(lua_State *L, ScrApi *api, int cls, int index, int t)
{
    const SimWorld *w = api->v.world;
    switch (cls) {
    case C_OFFERS:
    case C_MYOFFERS:
        fill_list(L, api, t, w->open, w->n_open, cls);
        break;
    case C_DEALS:
        fill_list(L, api, t, w->live, w->n_live, cls);
        break;
    case C_NEWS:
        scr_api_fill_news(L, api, t);
        break;
    case C_SERIES:
        fill_series(L, w, index, t);
        break;
    case C_CALENDAR:
        fill_calendar(L, api, t);
        break;
    default:
        break;
    }
}

static void fill_params(lua_State *L, const SimWorld *w, int me, int t)
{
    const SimActorSpec *a = &w->sc->actors[me];
    const SimBaselineParams *p = &a->baseline;
    scr_api_setn(L, t, "fomo_weight", p->fomo_weight);
    scr_api_setn(L, t, "threat_weight", p->threat_weight);
    scr_api_setn(L, t, "sentiment_weight", p->sentiment_weight);
    scr_api_setn(L, t, "risk_weight", p->risk_weight);
    scr_api_setn(L, t, "threshold", p->threshold);
    scr_api_setn(L, t, "budget_share", p->budget_share);
    scr_api_setn(L, t, "max_exposure", p->max_exposure);
    scr_api_sets(L, t, "kind", sim_deal_kind_name((SimDealKind)p->kind));
    scr_api_seti(L, t, "months", p->months);
    scr_api_setn(L, t, "gw_per_billion", p->gw_per_billion);
    scr_api_seti(L, t, "cooldown", p->cooldown);
    scr_api_setn(L, t, "min_coverage", p->min_coverage);
    scr_api_setn(L, t, "w_value", a->objective.w_value);
    scr_api_setn(L, t, "w_compute", a->objective.w_compute);
    scr_api_setn(L, t, "w_exposure", a->objective.w_exposure);
    scr_api_setn(L, t, "w_survival", a->objective.w_survival);
    scr_api_setn(L, t, "interest_rate", w->sc->market.interest_rate);
    scr_api_setn(L, t, "budget_slack", w->sc->market.budget_slack);
    scr_api_setn(L, t, "sell_impact", w->sc->market.sell_impact);
    scr_api_setn(L, t, "exit_penalty", w->sc->market.exit_penalty);
    scr_api_setn(L, t, "max_commit_pd", w->sc->market.max_commit_pd);
}

/* view.params.playbook: the playbook parameters the scenario sets for this role, by name (a
 * whole number as an integer, as a literal in the script's own table would be). */
static void fill_playbook_params(lua_State *L, ScrApi *api, const SimActorSpec *a, int pa)
{
    int t = new_proxy(L, api, C_PARAMS, 0, 0, a->n_playbook_params, 0);
    for (int k = 0; k < a->n_playbook_params; k++) {
        const SimPlaybookParam *p = &a->playbook_params[k];
        if (p->is_bool)
            lua_pushboolean(L, p->value != 0.0);
        else if (p->value == floor(p->value) && fabs(p->value) <= 9007199254740992.0)
            lua_pushinteger(L, (lua_Integer)p->value);
        else
            lua_pushnumber(L, p->value);
        lua_setfield(L, t, p->name);
    }
    lua_pop(L, 1);
    lua_setfield(L, pa, "playbook");
}

/* Sets t[key] to a new lazy proxy of class cls; leaves nothing on the stack. */
static void lazy_field(lua_State *L, ScrApi *api, int t, const char *key, int cls, int index)
{
    new_proxy(L, api, cls, index, 0, 0, 1);
    lua_pop(L, 1);
    lua_setfield(L, t, key);
}

static void build_view(lua_State *L, ScrApi *api)
{
    const SimWorld *w = api->v.world;
    const SimScenario *sc = w->sc;
    int me = api->v.self;
    int *refs[] = {&api->ref_view, &api->ref_viewt, &api->ref_deals, &api->ref_events,
                   &api->ref_ids};
    for (size_t k = 0; k < sizeof refs / sizeof refs[0]; k++)
        scr_api_unref(L, refs[k]);
    api->built = 0;
    api->n_fresh = 0;
    api->news_n = 0;
    api->news_scan = 0;
    api->news_ok = 0;
    lua_createtable(L, 0, w->n);
    for (int i = 0; i < w->n; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, sc->actors[i].id);
    }
    api->ref_ids = scr_api_keep(L);
    lua_createtable(L, 64, 0);
    api->ref_deals = scr_api_keep(L);
    lua_createtable(L, 0, 0);
    api->ref_events = scr_api_keep(L);

    int view = new_proxy(L, api, C_VIEW, 0, 0, 24, 0) - 1;
    int t = view + 1;
    scr_api_sets(L, t, "me", sc->actors[me].id);
    scr_api_sets(L, t, "hub", sc->actors[sc->hub].id);
    scr_api_seti(L, t, "turns", w->turns);
    scr_api_setn(L, t, "target_gw", sc->target_gw);
    char month[16];
    core_month_format(sc->start, month, sizeof month);
    scr_api_sets(L, t, "start", month);
    scr_api_sets(L, t, "scenario", sc->id);

    int at = new_proxy(L, api, C_ACTORS, 0, w->n, w->n, 0);
    for (int i = 0; i < w->n; i++) {
        scr_api_new_record(L, api, C_ACTOR, i);
        lua_pushvalue(L, -1);
        lua_setfield(L, at, sc->actors[i].id);
        if (i == me) {
            lua_pushvalue(L, -1);
            lua_setfield(L, t, "self");
        }
        lua_rawseti(L, at, i + 1);
    }
    scr_api_make_strict(L, at, "view.actors", "Top-level fields");
    lua_pop(L, 1);
    lua_setfield(L, t, "actors");

    static const char *const list_names[3] = {"offers_to_me", "my_offers", "deals"};
    for (int x = 0; x < 3; x++) {
        lazy_field(L, api, t, list_names[x], C_OFFERS + x, 0);
        lua_getfield(L, t, list_names[x]);
        lua_getmetatable(L, -1);
        luaL_unref(L, LUA_REGISTRYINDEX, api->lists[x].ref_mt);
        api->lists[x].ref_mt = scr_api_keep(L);
        lua_pop(L, 1);
        api->lists[x].valid = 0;
        api->lists[x].n = 0;
    }
    lazy_field(L, api, t, "news", C_NEWS, 0);
    lazy_field(L, api, t, "calendar", C_CALENDAR, 0);

    int pt = new_proxy(L, api, C_PRICES, 0, w->n, w->n, 0);
    for (int i = 0; i < w->n; i++) {
        new_proxy(L, api, C_SERIES, i, SCR_PRICES_MAX, 0, 1);
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_setfield(L, pt, sc->actors[i].id);
        lua_rawseti(L, pt, i + 1);
    }
    scr_api_make_strict(L, pt, "view.prices", "view.prices");
    lua_pop(L, 1);
    lua_setfield(L, t, "prices");

    int pa = new_proxy(L, api, C_PARAMS, 0, 0, 20, 0);
    fill_params(L, w, me, pa);
    fill_playbook_params(L, api, &sc->actors[me], pa);
    scr_api_make_strict(L, pa, "view.params", "view.params");
    lua_pop(L, 1);
    lua_setfield(L, t, "params");

    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_memory);
    lua_setfield(L, t, "memory");
    scr_api_push_view_deal(L, api);
    lua_setfield(L, t, "deal");
    scr_api_make_strict(L, t, "view", "Top-level fields");

    lua_pushvalue(L, t);
    api->ref_viewt = scr_api_keep(L);
    lua_pop(L, 1);
    api->ref_view = scr_api_keep(L);
    (void)view;
    api->world = w;
    api->me = me;
    api->built = 1;
    api->month_turn = -1;
}

/* "YYYY-MM" without snprintf (it was a sixth of the cost of starting a call). */
static void format_month(int m, char out[16])
{
    if (m < 0 || m / 12 > 9999) {
        core_month_format(m, out, 16);
        return;
    }
    int y = m / 12, mo = m % 12 + 1;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + mo / 10);
    out[6] = (char)('0' + mo % 10);
    out[7] = '\0';
}

void scr_api_begin(lua_State *L, ScrApi *api, const SimView *v)
{
    api->v = *v;
    api->active = 1;
    if (!api->built || api->world != v->world || api->me != v->self)
        build_view(L, api);
    else
        mark_stale(L, api);
    const SimWorld *w = v->world;
    int K = scr_api_push_keys(L, api);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_viewt);
    int t = lua_gettop(L);
    if (api->month_turn != w->turn) {
        char month[16];
        format_month(w->sc->start + w->turn, month);
        scr_api_kint(L, K, t, K_TURN, w->turn);
        scr_api_kstr(L, K, t, K_MONTH, month);
        api->month_turn = w->turn;
    }
    scr_api_knum(L, K, t, K_SENTIMENT, sim_market_sentiment(w));
    scr_api_knum(L, K, t, K_LEVERAGE, w->info[w->turn].leverage);
    lua_pop(L, 2);
    scr_api_take_refs(L, api);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_view);
}

void scr_api_end(ScrApi *api)
{
    api->active = 0;
}

void scr_view_open(lua_State *L, ScrApi *api)
{
    static const lua_CFunction fns[F_COUNT] = {l_refresh, l_readonly, l_len, l_resolve};
    for (int k = 0; k < F_COUNT; k++) {
        lua_pushlightuserdata(L, api);
        lua_pushcclosure(L, fns[k], 1);
        api->ref_fn[k] = scr_api_keep(L);
    }
}
