/* scr_api: the view (read-only proxies), the helpers, the intent constructors and the
 * conversion of what decide returns into SimIntents.
 *
 * A view table is a proxy: an empty table whose metatable refuses writes and holds the real
 * table (the target). Metatable slots: [1] class, [2] target, [3] index (actor, deal, event).
 * Reads go one of three ways, whichever was cheapest for what strategies read:
 *  - records of actors, deals and events: __index is a C function that reads the one field
 *    asked for from the world (a strategy reads a few of their twenty-odd fields). These share
 *    one metatable per class, and the proxy keeps its record's index under a light-userdata key
 *    that no script can name (scripts cannot make light userdata, and pairs, next and rawset
 *    look through or refuse proxies): making a record is one small table, not three tables and
 *    a closure (making event records was a fifth of what the playbooks cost);
 *  - lists and tables of many values (offers, deals, news, price series, the calendar): __index
 *    is the target, a plain table read without any C call, filled by a refresh function that
 *    stands as __index while the table is stale. scr_api_begin makes the news and price series
 *    read in the last call stale again, and the three lists of deals only if their deals changed;
 *    the calendar is filled once;
 *  - constant tables (the view itself, actors, params, calendar entries): __index is the
 *    target, filled when made (the view's turn, month, sentiment and leverage are rewritten at
 * every call). */
#include "scr_api.h"

#include "core_err.h"
#include "core_month.h"
#include "core_text.h"
#include "sim_market.h"
#include "sim_pay.h"
#include "sim_rescue.h"
#include "sim_turn.h"

#include <lauxlib.h>

#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    C_VIEW,
    C_ACTORS,
    C_ACTOR,    /* a record: read field by field, see l_field */
    C_OFFERS,   /* when its deals change (these three in this order) */
    C_MYOFFERS, /* when its deals change */
    C_DEALS,    /* when its deals change */
    C_DEAL,     /* a record */
    C_NEWS,     /* per call */
    C_EVENT,    /* a record */
    C_PRICES,
    C_SERIES,   /* per call */
    C_CALENDAR, /* filled on first read */
    C_CALEV,
    C_PARAMS
};

enum { F_REFRESH, F_RO, F_LEN, F_RESOLVE, F_COUNT };

/* Field names written at every call, interned once and kept in a registry array: lua_setfield
 * would look each C string up in Lua's small string cache, where such names keep evicting one
 * another (a third of a refresh once went to strcmp). */
/* clang-format off */
#define KEYS(X) \
    X(INDEX, "__index")        \
    X(TURN, "turn")            \
    X(MONTH, "month")          \
    X(SENTIMENT, "sentiment")  \
    X(LEVERAGE, "leverage")    \
    X(OP, "op")                \
    X(LINE, "line")
/* clang-format on */
#define KEY_ENUM(e, str) K_##e,
#define KEY_NAME(e, str) str,
enum { KEYS(KEY_ENUM) K_COUNT };
static const char *const key_names[K_COUNT] = {KEYS(KEY_NAME)};

#define MEMORY_DEPTH 32

struct ScrApi {
    ScrSandbox *sb;
    ScrDropFn drop;
    void *drop_ud;
    SimView v;  /* during a call */
    int active; /* v is valid */
    const SimWorld *world;
    int me;
    int built;
    int ref_fn[F_COUNT];
    int ref_view, ref_viewt, ref_fresh, ref_deals, ref_events, ref_ids, ref_memory, ref_seen;
    int ref_keys;
    int ref_record_mt[3]; /* the shared metatables of actor, deal and event records */
    /* The three lists of deals (offers_to_me, my_offers, deals): what each held when it was
     * last filled, so that a list whose deals did not change stays fresh across calls. */
    struct {
        int ref_mt;
        int valid; /* ids hold the list as filled */
        int *ids, n, cap;
    } lists[3];
    int month_turn; /* the turn view.month was last written for */
    int n_fresh;
    int news[SCR_NEWS_MAX]; /* world event indexes, oldest first */
    int news_n;
    int news_scan; /* the first world event not yet looked at */
    int news_ok;   /* the news list holds the records of news[0..news_n) (a fill completed) */
    int n_cached;  /* event records in the cache (about) */
    int seen_dirty;
};

/* Classes made stale at every call (the three lists are checked one by one instead). */
static int per_call(int cls)
{
    return cls == C_NEWS || cls == C_SERIES;
}

/* Records (actors, deals, events): the class's slot in ref_record_mt, or -1. */
static int record_slot(int cls)
{
    return cls == C_ACTOR ? 0 : cls == C_DEAL ? 1 : cls == C_EVENT ? 2 : -1;
}

/* The key (its address, as a light userdata) under which a record's proxy keeps its index. */
static char record_key;

/* Raises a message that already names the script (no position prepended). */
static int raise_msg(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return lua_error(L);
}

static ScrApi *api_of(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

static const SimWorld *world_of(lua_State *L, ScrApi *api)
{
    if (!api->active)
        luaL_error(L, "the world can only be read during init, decide or on_event");
    return api->v.world;
}

/* ---------------------------------------------------------------------------------------------
 * Small setters on the table at t */

static void setn(lua_State *L, int t, const char *k, double v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, t, k);
}

static void seti(lua_State *L, int t, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, t, k);
}

static void sets(lua_State *L, int t, const char *k, const char *v)
{
    if (v)
        lua_pushstring(L, v);
    else
        lua_pushnil(L);
    lua_setfield(L, t, k);
}

/* The same, with a key from the key array at stack index K. */
static void knum(lua_State *L, int K, int t, int key, double v)
{
    lua_rawgeti(L, K, key + 1);
    lua_pushnumber(L, v);
    lua_rawset(L, t);
}

static void kint(lua_State *L, int K, int t, int key, lua_Integer v)
{
    lua_rawgeti(L, K, key + 1);
    lua_pushinteger(L, v);
    lua_rawset(L, t);
}

static void kstr(lua_State *L, int K, int t, int key, const char *v)
{
    lua_rawgeti(L, K, key + 1);
    if (v)
        lua_pushstring(L, v);
    else
        lua_pushnil(L);
    lua_rawset(L, t);
}

static int push_keys(lua_State *L, ScrApi *api)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_keys);
    return lua_gettop(L);
}

static const char *actor_id(const SimWorld *w, int i)
{
    if (i >= 0 && i < w->n)
        return w->sc->actors[i].id;
    return i == SIM_WORLD ? "world" : NULL;
}

static const char *role_name(SimRole r)
{
    return r == SIM_ROLE_HUB ? "hub" : r == SIM_ROLE_GIANT ? "giant" : "outside";
}

/* The actor index of the id at idx, or -1. */
static int find_actor(lua_State *L, ScrApi *api, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TSTRING)
        return -1;
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_ids);
    lua_pushvalue(L, idx);
    int i = lua_rawget(L, -2) == LUA_TNUMBER ? (int)lua_tointeger(L, -1) : -1;
    lua_pop(L, 2);
    return i;
}

static int check_actor(lua_State *L, ScrApi *api, int idx)
{
    world_of(L, api);
    int i = find_actor(L, api, idx);
    if (i < 0 && lua_type(L, idx) == LUA_TSTRING)
        luaL_error(L, "unknown actor '%s'", lua_tostring(L, idx));
    if (i < 0)
        luaL_error(L, "expected an actor id, got %s", luaL_typename(L, idx));
    return i;
}

/* ---------------------------------------------------------------------------------------------
 * Proxies */

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
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_RO]);
    lua_setfield(L, -2, "__newindex");
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_LEN]);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_RESOLVE]);
    lua_rawsetp(L, -2, scr_sandbox_proxy_key());
    lua_setmetatable(L, proxy);
    return target;
}

static void fill(lua_State *L, ScrApi *api, int cls, int index, int t);
static void fill_fields(lua_State *L, const SimWorld *w, int cls, int index, int t);
static int list_unchanged(const ScrApi *api, int cls);

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
    if (record_slot(cls) >= 0) { /* read field by field: a full copy, for pairs */
        if (lua_rawgetp(L, idx, &record_key) != LUA_TNUMBER)
            luaL_error(L, "not a view table");
        int index = (int)lua_tointeger(L, -1);
        lua_settop(L, mt - 1);
        lua_createtable(L, 0, 16);
        fill_fields(L, world_of(L, api), cls, index, lua_gettop(L));
        return lua_gettop(L);
    }
    if (lua_rawgeti(L, mt, 2) != LUA_TTABLE)
        luaL_error(L, "not a view table");
    int t = lua_gettop(L);
    lua_rawgeti(L, mt, 3);
    int index = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    int K = push_keys(L, api);
    lua_rawgeti(L, K, K_INDEX + 1);
    lua_rawget(L, mt);
    int fresh = lua_rawequal(L, -1, t);
    lua_pop(L, 1);
    if (!fresh) {
        world_of(L, api);
        fill(L, api, cls, index, t);
        lua_rawgeti(L, K, K_INDEX + 1);
        lua_pushvalue(L, t);
        lua_rawset(L, mt);
        if (per_call(cls)) {
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
    int t = make_fresh(L, api_of(L), 1);
    lua_pushvalue(L, 2);
    lua_rawget(L, t);
    return 1;
}

static int l_resolve(lua_State *L)
{
    make_fresh(L, api_of(L), 1);
    return 1;
}

static int l_len(lua_State *L)
{
    int t = make_fresh(L, api_of(L), 1);
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
    int K = push_keys(L, api);
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

/* ---------------------------------------------------------------------------------------------
 * Records */

/* An actor's record is read field by field: its __index computes the one field asked for.
 * Strategies read a handful of the twenty fields of a few actors (the hub looks at every vendor,
 * a giant at itself and the hub), so filling whole records cost about four times what reading
 * the fields does. pairs and # still see a full table (l_resolve fills it). */
/* clang-format off */
#define ACTOR_FIELDS(X) \
    X(A_ID, "id")                          \
    X(A_NAME, "name")                      \
    X(A_ROLE, "role")                      \
    X(A_INDEX, "index")                    \
    X(A_CAPEX, "capex_budget")             \
    X(A_CASH, "cash")                      \
    X(A_DEBT, "debt")                      \
    X(A_CREDIT, "credit_limit")            \
    X(A_REVENUE, "revenue")                \
    X(A_GROWTH, "growth")                  \
    X(A_SHARES, "shares")                  \
    X(A_PRICE, "price")                    \
    X(A_MV, "market_value")                \
    X(A_OWNED, "compute_owned")            \
    X(A_CONTRACTED, "compute_contracted")  \
    X(A_EXPOSURE, "exposure")              \
    X(A_OBLIGATIONS, "obligations")        \
    X(A_DUE, "due_12m")                    \
    X(A_CIRCULARITY, "circularity")        \
    X(A_THREAT, "threat")                  \
    X(A_FOMO, "fomo")                      \
    X(A_JOINED, "joined")                  \
    X(A_DEFAULTED, "defaulted")            \
    X(A_LAST_DEAL, "last_deal")            \
    X(A_DEAL_KIND, "deal_kind")            \
    X(A_PD, "pd")                          \
    X(A_FUNDAMENTAL, "fundamental")        \
    X(A_CREDIT_ROOM, "credit_room")        \
    X(A_EXPOSURE_TOP, "exposure_top")      \
    X(A_TOP, "top")                        \
    X(A_EXPOSURE_TO, "exposure_to")       \
    X(A_ESTATE, "estate")
/* clang-format on */
#define AF_ENUM(e, str) e,
#define AF_NAME(e, str) str,
enum { ACTOR_FIELDS(AF_ENUM) A_COUNT };
static const char *const actor_field_names[A_COUNT] = {ACTOR_FIELDS(AF_NAME)};

/* Pushes field f of actor i. */
static void push_actor_field(lua_State *L, const SimWorld *w, int i, int f)
{
    const SimActor *a = &w->actors[i];
    const SimActorSpec *sp = &w->sc->actors[i];
    /* The snapshot that closed the last turn: nothing moves deals or prices between it and the
     * strategies' turn, so it holds the same figures as sim_exposure and sim_obligations,
     * without walking the deals. */
    const SimSnap *s = sim_snap(w, w->turn, i);
    switch (f) {
    case A_ID:
        lua_pushstring(L, sp->id);
        break;
    case A_NAME:
        lua_pushstring(L, sp->name);
        break;
    case A_ROLE:
        lua_pushstring(L, role_name(sp->role));
        break;
    case A_INDEX:
        lua_pushinteger(L, i + 1);
        break;
    case A_CAPEX:
        lua_pushnumber(L, sp->capex_budget);
        break;
    case A_CASH:
        lua_pushnumber(L, sim_cash(w, i));
        break;
    case A_DEBT:
        lua_pushnumber(L, a->debt);
        break;
    case A_CREDIT:
        lua_pushnumber(L, sim_pay_credit_limit(w, i));
        break;
    case A_REVENUE:
        lua_pushnumber(L, a->revenue);
        break;
    case A_GROWTH:
        lua_pushnumber(L, a->growth);
        break;
    case A_SHARES:
        lua_pushnumber(L, a->shares);
        break;
    case A_PRICE:
        lua_pushnumber(L, a->price);
        break;
    case A_MV:
        lua_pushnumber(L, sim_market_value(w, i));
        break;
    case A_OWNED:
        lua_pushnumber(L, a->compute_owned);
        break;
    case A_CONTRACTED:
        lua_pushnumber(L, a->compute_contracted);
        break;
    case A_EXPOSURE:
        lua_pushnumber(L, s->exposure);
        break;
    case A_OBLIGATIONS:
        lua_pushnumber(L, s->obligations);
        break;
    case A_DUE:
        lua_pushnumber(L, s->due_12m);
        break;
    case A_CIRCULARITY:
        lua_pushnumber(L, s->circularity);
        break;
    case A_THREAT:
        lua_pushnumber(L, a->threat);
        break;
    case A_FOMO:
        lua_pushnumber(L, sim_market_fomo(w, i));
        break;
    case A_JOINED:
        lua_pushboolean(L, a->joined);
        break;
    case A_DEFAULTED:
        lua_pushboolean(L, a->defaulted);
        break;
    case A_LAST_DEAL:
        if (a->last_deal_turn >= 0)
            lua_pushinteger(L, a->last_deal_turn);
        else
            lua_pushnil(L);
        break;
    case A_DEAL_KIND:
        lua_pushstring(L, sim_deal_kind_name((SimDealKind)sp->baseline.kind));
        break;
    case A_PD:
        lua_pushnumber(L, a->defaulted ? 1.0 : a->val.pd);
        break;
    case A_FUNDAMENTAL:
        lua_pushnumber(L, a->val.equity);
        break;
    case A_CREDIT_ROOM:
        lua_pushnumber(L, a->val.room);
        break;
    case A_EXPOSURE_TOP:
        lua_pushnumber(L, s->exposure_top);
        break;
    case A_TOP:
        if (s->top >= 0)
            lua_pushstring(L, w->sc->actors[s->top].id);
        else
            lua_pushnil(L);
        break;
    case A_EXPOSURE_TO: {
        /* By counterparty id, only those it is exposed to (the snapshot's matrix row). */
        const double *x = &w->net_exposure[(size_t)i * (size_t)w->n];
        lua_createtable(L, 0, 4);
        for (int j = 0; j < w->n; j++)
            if (x[j] > 0.0) {
                lua_pushnumber(L, x[j]);
                lua_setfield(L, -2, w->sc->actors[j].id);
            }
        break;
    }
    case A_ESTATE:
        /* The least a rescue of a failed firm must offer; 0 if it is live or bought already. */
        lua_pushnumber(L,
                       a->defaulted && sim_rescue_buyer(w, i) < 0 ? sim_rescue_estate(w, i) : 0.0);
        break;
    default:
        lua_pushnil(L);
        break;
    }
}

/* clang-format off */
#define DEAL_FIELDS(X) \
    X(D_ID, "id")                \
    X(D_KIND, "kind")            \
    X(D_FROM, "from")            \
    X(D_TO, "to")                \
    X(D_PAYER, "payer")          \
    X(D_PAYEE, "payee")          \
    X(D_AMOUNT, "amount")        \
    X(D_MONTHS, "months")        \
    X(D_DELAY, "delay")          \
    X(D_UPFRONT, "upfront")      \
    X(D_GW, "gw")                \
    X(D_RATE, "rate")            \
    X(D_RATE2, "rate2")          \
    X(D_SHARES, "shares")        \
    X(D_REASON, "reason")        \
    X(D_PARENT, "parent")        \
    X(D_PROPOSED, "proposed")    \
    X(D_TAG, "tag")              \
    X(D_STATUS, "status")        \
    X(D_DECIDED, "decided")      \
    X(D_START, "start")          \
    X(D_ENDED, "ended")          \
    X(D_PAID, "paid")            \
    X(D_GW_DONE, "gw_done")      \
    X(D_PRINCIPAL, "principal")  \
    X(D_VESTED, "vested")        \
    X(D_MISSED, "missed")        \
    X(D_ANSWER, "answer")        \
    X(D_SIZE, "size")
/* clang-format on */
enum { DEAL_FIELDS(AF_ENUM) D_COUNT };
static const char *const deal_field_names[D_COUNT] = {DEAL_FIELDS(AF_NAME)};

static void push_opt_int(lua_State *L, int v)
{
    if (v >= 0)
        lua_pushinteger(L, v);
    else
        lua_pushnil(L);
}

/* A text of the record: one the engine left as a reference to the tables (core_text.h) is
 * told in English, whatever language the game is shown in, so that a script reads the same
 * view in every language; a reason in two languages is given with both parts (docs). */
static void push_record_text(lua_State *L, const char *s)
{
    char told[SIM_REASON_LEN * 2];
    lua_pushstring(L, s && s[0] == CORE_TEXT_REF ? core_text_pick_en(s, told, sizeof told) : s);
}

static void push_opt_str(lua_State *L, const char *s)
{
    if (s && s[0])
        push_record_text(L, s);
    else
        lua_pushnil(L);
}

/* Pushes field f of deal k. */
static void push_deal_field(lua_State *L, const SimWorld *w, int k, int f)
{
    const SimDeal *d = &w->deals[k];
    const SimTerms *t = &d->t;
    switch (f) {
    case D_ID:
        lua_pushinteger(L, k);
        break;
    case D_KIND:
        lua_pushstring(L, sim_deal_kind_name(t->kind));
        break;
    case D_FROM:
        push_opt_str(L, actor_id(w, d->proposer));
        break;
    case D_TO:
        push_opt_str(L, actor_id(w, sim_deal_counterparty(d, d->proposer)));
        break;
    case D_PAYER:
        push_opt_str(L, actor_id(w, t->payer));
        break;
    case D_PAYEE:
        push_opt_str(L, actor_id(w, t->payee));
        break;
    case D_AMOUNT:
        lua_pushnumber(L, t->amount);
        break;
    case D_MONTHS:
        lua_pushinteger(L, t->months);
        break;
    case D_DELAY:
        lua_pushinteger(L, t->delay);
        break;
    case D_UPFRONT:
        lua_pushnumber(L, t->upfront);
        break;
    case D_GW:
        lua_pushnumber(L, t->gw);
        break;
    case D_RATE:
        lua_pushnumber(L, t->rate);
        break;
    case D_RATE2:
        lua_pushnumber(L, t->rate2);
        break;
    case D_SHARES:
        lua_pushnumber(L, t->shares);
        break;
    case D_REASON:
        push_record_text(L, d->reason);
        break;
    case D_PARENT:
        push_opt_int(L, d->parent);
        break;
    case D_PROPOSED:
        lua_pushinteger(L, d->proposed_turn);
        break;
    case D_TAG:
        push_opt_str(L, d->tag);
        break;
    case D_STATUS:
        lua_pushstring(L, sim_deal_status_name(d->status));
        break;
    case D_DECIDED:
        push_opt_int(L, d->decided_turn);
        break;
    case D_START:
        push_opt_int(L, d->start_turn);
        break;
    case D_ENDED:
        push_opt_int(L, d->end_turn);
        break;
    case D_PAID:
        lua_pushnumber(L, d->paid);
        break;
    case D_GW_DONE:
        lua_pushnumber(L, d->gw_done);
        break;
    case D_PRINCIPAL:
        lua_pushnumber(L, d->principal);
        break;
    case D_VESTED:
        lua_pushnumber(L, d->vested);
        break;
    case D_MISSED:
        lua_pushinteger(L, d->missed);
        break;
    case D_ANSWER:
        push_opt_str(L, d->answer);
        break;
    case D_SIZE: /* what the market weighs: the larger of what the payee gets and the payer
                    commits */
        lua_pushnumber(L, sim_market_deal_size(w, d));
        break;
    default:
        lua_pushnil(L);
        break;
    }
}

/* clang-format off */
#define EVENT_FIELDS(X) \
    X(E_INDEX, "index")    \
    X(E_TURN, "turn")      \
    X(E_KIND, "kind")      \
    X(E_ACTOR, "actor")    \
    X(E_OTHER, "other")    \
    X(E_PARENT, "parent")  \
    X(E_DEAL, "deal")      \
    X(E_AMOUNT, "amount")  \
    X(E_CHANGE, "change")  \
    X(E_VALUE, "value")    \
    X(E_AUX, "aux")        \
    X(E_FUND, "fund")      \
    X(E_TEXT, "text")      \
    X(E_TAG, "tag")
/* clang-format on */
enum { EVENT_FIELDS(AF_ENUM) E_COUNT };
static const char *const event_field_names[E_COUNT] = {EVENT_FIELDS(AF_NAME)};

static int countered_to(const SimWorld *w, const SimEvent *e);

/* Pushes field f of world event k (events never change once logged). A COUNTERED event's
 * `other` is the actor the counter goes to and its `parent` the countered deal; other events
 * have no parent. */
static void push_event_field(lua_State *L, const SimWorld *w, int k, int f)
{
    const SimEvent *e = &w->events[k];
    int countered = e->kind == SIM_LOG_COUNTERED;
    switch (f) {
    case E_INDEX:
        lua_pushinteger(L, k);
        break;
    case E_TURN:
        lua_pushinteger(L, e->turn);
        break;
    case E_KIND:
        lua_pushstring(L, sim_log_kind_name(e->kind));
        break;
    case E_ACTOR:
        push_opt_str(L, actor_id(w, e->actor));
        break;
    case E_OTHER:
        push_opt_str(L, actor_id(w, countered ? countered_to(w, e) : e->other));
        break;
    case E_PARENT:
        push_opt_int(L, countered ? e->other : -1);
        break;
    case E_DEAL:
        push_opt_int(L, e->deal);
        break;
    case E_AMOUNT:
        lua_pushnumber(L, e->amount);
        break;
    case E_CHANGE:
        lua_pushnumber(L, e->change);
        break;
    case E_VALUE:
        lua_pushnumber(L, e->value);
        break;
    case E_AUX:
        lua_pushnumber(L, e->aux);
        break;
    case E_FUND:
        lua_pushnumber(L, e->fund);
        break;
    case E_TEXT:
        push_record_text(L, e->text);
        break;
    case E_TAG:
        if (e->scenario_event >= 0 && e->scenario_event < w->sc->n_events)
            lua_pushstring(L, w->sc->events[e->scenario_event].id);
        else
            lua_pushnil(L);
        break;
    default:
        lua_pushnil(L);
        break;
    }
}

/* Pushes field f of record `index` of class cls; nil if the world has no such record (a record
 * kept from another game). */
static void push_record_field(lua_State *L, const SimWorld *w, int cls, int index, int f)
{
    if (cls == C_ACTOR && index >= 0 && index < w->n)
        push_actor_field(L, w, index, f);
    else if (cls == C_DEAL && index >= 0 && index < w->n_deals)
        push_deal_field(L, w, index, f);
    else if (cls == C_EVENT && index >= 0 && index < w->n_events)
        push_event_field(L, w, index, f);
    else
        lua_pushnil(L);
}

/* __index of a record: (proxy, key); upvalues: api, the class's field ids (name -> id), class.
 * Always the world as it is now: nothing to refresh. */
static int l_field(lua_State *L)
{
    ScrApi *api = lua_touserdata(L, lua_upvalueindex(1));
    lua_settop(L, 2);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNUMBER) {
        lua_pushnil(L);
        return 1;
    }
    const SimWorld *w = world_of(L, api);
    int f = (int)lua_tointeger(L, -1);
    lua_rawgetp(L, 1, &record_key);
    int index = (int)lua_tointeger(L, -1);
    push_record_field(L, w, (int)lua_tointeger(L, lua_upvalueindex(3)), index, f);
    return 1;
}

/* Pushes a new record of class cls: an empty table but for its index under record_key, with
 * the class's shared metatable. */
static void new_record(lua_State *L, ScrApi *api, int cls, int index)
{
    lua_createtable(L, 0, 1);
    lua_pushinteger(L, index);
    lua_rawsetp(L, -2, &record_key);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_record_mt[record_slot(cls)]);
    lua_setmetatable(L, -2);
}

/* Every field of a record into table t (for pairs). */
static void fill_fields(lua_State *L, const SimWorld *w, int cls, int index, int t)
{
    int n = cls == C_ACTOR ? A_COUNT : cls == C_DEAL ? D_COUNT : E_COUNT;
    const char *const *names = cls == C_ACTOR  ? actor_field_names
                               : cls == C_DEAL ? deal_field_names
                                               : event_field_names;
    for (int f = 0; f < n; f++) {
        push_record_field(L, w, cls, index, f);
        lua_setfield(L, t, names[f]);
    }
}

/* Pushes record k of class cls from the cache table at registry ref, making and caching it if it
 * is not there. Returns 1 if it was made. */
static int push_cached(lua_State *L, ScrApi *api, int ref, int cls, int k)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    if (lua_rawgeti(L, -1, k + 1) != LUA_TNIL) {
        lua_remove(L, -2);
        return 0;
    }
    lua_pop(L, 1);
    new_record(L, api, cls, k);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, k + 1);
    lua_remove(L, -2);
    return 1;
}

/* Pushes the record of deal k (one table for the deal's whole life). */
static void push_deal(lua_State *L, ScrApi *api, int k)
{
    push_cached(L, api, api->ref_deals, C_DEAL, k);
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
    if (at >= api->lists[which].cap) {
        int cap = api->lists[which].cap ? 2 * api->lists[which].cap : 16;
        int *ids = realloc(api->lists[which].ids, (size_t)cap * sizeof *ids);
        if (!ids) {
            api->lists[which].valid = 0;
            api->lists[which].n = -1;
            return;
        }
        api->lists[which].ids = ids;
        api->lists[which].cap = cap;
    }
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

static int is_private(SimLogKind k)
{
    return k == SIM_LOG_PROPOSED || k == SIM_LOG_COUNTERED || k == SIM_LOG_REJECTED ||
           k == SIM_LOG_EXPIRED || k == SIM_LOG_DROPPED || k == SIM_LOG_STRATEGY_ERROR;
}

/* The actor a COUNTERED event is addressed to: the proposer of the deal it counters. */
static int countered_to(const SimWorld *w, const SimEvent *e)
{
    return e->other >= 0 && e->other < w->n_deals ? w->deals[e->other].proposer : -1;
}

static int involves(const SimWorld *w, const SimEvent *e, int me)
{
    if (e->actor == me)
        return 1;
    if (e->kind == SIM_LOG_COUNTERED ? countered_to(w, e) == me : e->other == me)
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
    if (!push_cached(L, api, api->ref_events, C_EVENT, k))
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
static void fill_news(lua_State *L, ScrApi *api, int t)
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
    for (int k = 0; k < sc->n_events; k++) {
        const SimScenarioEvent *ev = &sc->events[k];
        char month[16];
        core_month_format(ev->month, month, sizeof month);
        int r = new_proxy(L, api, C_CALEV, k, 0, 8, 0);
        sets(L, r, "month", month);
        seti(L, r, "turn", ev->month - sc->start);
        sets(L, r, "type", event_type_name(ev->type));
        sets(L, r, "id", ev->id);
        sets(L, r, "title", ev->title);
        sets(L, r, "actor", actor_id(w, ev->type == SIM_SEV_DEAL ? ev->proposer : ev->actor));
        lua_pop(L, 1);
        lua_rawseti(L, t, k + 1);
    }
}

static void fill(lua_State *L, ScrApi *api, int cls, int index, int t)
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
        fill_news(L, api, t);
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
    setn(L, t, "fomo_weight", p->fomo_weight);
    setn(L, t, "threat_weight", p->threat_weight);
    setn(L, t, "sentiment_weight", p->sentiment_weight);
    setn(L, t, "risk_weight", p->risk_weight);
    setn(L, t, "threshold", p->threshold);
    setn(L, t, "budget_share", p->budget_share);
    setn(L, t, "max_exposure", p->max_exposure);
    sets(L, t, "kind", sim_deal_kind_name((SimDealKind)p->kind));
    seti(L, t, "months", p->months);
    setn(L, t, "gw_per_billion", p->gw_per_billion);
    seti(L, t, "cooldown", p->cooldown);
    setn(L, t, "min_coverage", p->min_coverage);
    setn(L, t, "w_value", a->objective.w_value);
    setn(L, t, "w_compute", a->objective.w_compute);
    setn(L, t, "w_exposure", a->objective.w_exposure);
    setn(L, t, "w_survival", a->objective.w_survival);
    setn(L, t, "interest_rate", w->sc->market.interest_rate);
    setn(L, t, "budget_slack", w->sc->market.budget_slack);
    setn(L, t, "sell_impact", w->sc->market.sell_impact);
    setn(L, t, "exit_penalty", w->sc->market.exit_penalty);
    setn(L, t, "max_commit_pd", w->sc->market.max_commit_pd);
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

/* ---------------------------------------------------------------------------------------------
 * The view */

static void unref(lua_State *L, int *ref)
{
    luaL_unref(L, LUA_REGISTRYINDEX, *ref);
    *ref = LUA_NOREF;
}

static int keep(lua_State *L)
{
    return luaL_ref(L, LUA_REGISTRYINDEX);
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
        unref(L, refs[k]);
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
    api->ref_ids = keep(L);
    lua_createtable(L, 64, 0);
    api->ref_deals = keep(L);
    lua_createtable(L, 0, 0);
    api->ref_events = keep(L);

    int view = new_proxy(L, api, C_VIEW, 0, 0, 24, 0) - 1;
    int t = view + 1;
    sets(L, t, "me", sc->actors[me].id);
    sets(L, t, "hub", sc->actors[sc->hub].id);
    seti(L, t, "turns", w->turns);
    setn(L, t, "target_gw", sc->target_gw);
    char month[16];
    core_month_format(sc->start, month, sizeof month);
    sets(L, t, "start", month);
    sets(L, t, "scenario", sc->id);

    int at = new_proxy(L, api, C_ACTORS, 0, w->n, w->n, 0);
    for (int i = 0; i < w->n; i++) {
        new_record(L, api, C_ACTOR, i);
        lua_pushvalue(L, -1);
        lua_setfield(L, at, sc->actors[i].id);
        if (i == me) {
            lua_pushvalue(L, -1);
            lua_setfield(L, t, "self");
        }
        lua_rawseti(L, at, i + 1);
    }
    lua_pop(L, 1);
    lua_setfield(L, t, "actors");

    static const char *const list_names[3] = {"offers_to_me", "my_offers", "deals"};
    for (int x = 0; x < 3; x++) {
        lazy_field(L, api, t, list_names[x], C_OFFERS + x, 0);
        lua_getfield(L, t, list_names[x]);
        lua_getmetatable(L, -1);
        luaL_unref(L, LUA_REGISTRYINDEX, api->lists[x].ref_mt);
        api->lists[x].ref_mt = keep(L);
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
    lua_pop(L, 1);
    lua_setfield(L, t, "prices");

    int pa = new_proxy(L, api, C_PARAMS, 0, 0, 20, 0);
    fill_params(L, w, me, pa);
    fill_playbook_params(L, api, &sc->actors[me], pa);
    lua_pop(L, 1);
    lua_setfield(L, t, "params");

    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_memory);
    lua_setfield(L, t, "memory");

    lua_pushvalue(L, t);
    api->ref_viewt = keep(L);
    lua_pop(L, 1);
    api->ref_view = keep(L);
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
    int K = push_keys(L, api);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_viewt);
    int t = lua_gettop(L);
    if (api->month_turn != w->turn) {
        char month[16];
        format_month(w->sc->start + w->turn, month);
        kint(L, K, t, K_TURN, w->turn);
        kstr(L, K, t, K_MONTH, month);
        api->month_turn = w->turn;
    }
    knum(L, K, t, K_SENTIMENT, sim_market_sentiment(w));
    knum(L, K, t, K_LEVERAGE, w->info[w->turn].leverage);
    lua_pop(L, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_view);
}

void scr_api_end(ScrApi *api)
{
    api->active = 0;
}

void scr_api_push_event(lua_State *L, ScrApi *api, const SimEvent *ev)
{
    const SimWorld *w = world_of(L, api);
    ptrdiff_t k = ev - w->events;
    if (k < 0 || k >= w->n_events)
        luaL_error(L, "an event that is not in the world's record");
    push_event(L, api, (int)k);
}

/* ---------------------------------------------------------------------------------------------
 * Helpers */

static int l_expected_jump(lua_State *L)
{
    ScrApi *api = api_of(L);
    int i = check_actor(L, api, 1);
    double net = luaL_checknumber(L, 2);
    lua_pushnumber(L, sim_market_expected_jump(api->v.world, i, net, lua_toboolean(L, 3)));
    return 1;
}

static int l_exposure(lua_State *L)
{
    ScrApi *api = api_of(L);
    int i = check_actor(L, api, 1), j = check_actor(L, api, 2);
    lua_pushnumber(L, sim_exposure(api->v.world, i, j));
    return 1;
}

static int l_circularity(lua_State *L)
{
    ScrApi *api = api_of(L);
    int v = check_actor(L, api, 1);
    int p = lua_isnoneornil(L, 2) ? -1 : check_actor(L, api, 2);
    lua_pushnumber(L, sim_circularity(api->v.world, p, v));
    return 1;
}

static int l_fomo(lua_State *L)
{
    ScrApi *api = api_of(L);
    int i = check_actor(L, api, 1);
    lua_pushnumber(L, sim_market_fomo(api->v.world, i));
    return 1;
}

static int l_obligations(lua_State *L)
{
    ScrApi *api = api_of(L);
    int i = check_actor(L, api, 1);
    lua_Integer h = luaL_optinteger(L, 2, -1);
    lua_pushnumber(L, sim_obligations(api->v.world, i, h < 0 || h > INT_MAX ? -1 : (int)h));
    return 1;
}

static int l_funding_room(lua_State *L)
{
    ScrApi *api = api_of(L);
    int i = check_actor(L, api, 1);
    lua_pushnumber(L, sim_pay_funding_room(api->v.world, i));
    return 1;
}

/* stake(of [, holder]) -> shares, value, proceeds: billions of `of`'s shares the holder (the
 * strategy's own actor by default) holds, their value at the price, and what selling them all
 * now would fetch after the discount (sim_turn_sale_proceeds). */
static int l_stake(lua_State *L)
{
    ScrApi *api = api_of(L);
    const SimWorld *w = api->v.world;
    int j = check_actor(L, api, 1);
    int i = lua_isnoneornil(L, 2) ? api->v.self : check_actor(L, api, 2);
    double held = w->holdings[(size_t)i * (size_t)w->n + (size_t)j];
    lua_pushnumber(L, held);
    lua_pushnumber(L, held * w->actors[j].price);
    lua_pushnumber(L, sim_turn_sale_proceeds(w, j, held, NULL));
    return 3;
}

/* exit_cost(deal) -> $B the strategy's actor would pay to exit the deal now (penalty and its
 * arrears), or nil if the deal is not one it can exit (sim_turn_exitable). */
static int l_exit_cost(lua_State *L)
{
    ScrApi *api = api_of(L);
    const SimWorld *w = api->v.world;
    lua_Integer k = luaL_checkinteger(L, 1);
    const SimDeal *d = k >= 0 && k < w->n_deals ? &w->deals[k] : NULL;
    if (!d || !sim_deal_is_live(d) || !sim_turn_exitable(d) ||
        (d->t.payer != api->v.self && d->t.payee != api->v.self)) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushnumber(L, sim_turn_exit_cost(w, d, api->v.self));
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * Intent constructors: plain tables that remember where they were made */

static int caller_line(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        return ar.currentline;
    return -1;
}

/* Marks the table at src (or a new one if src is 0 or not a table) as an intent: op, and the
 * caller's line; pushes it. A plain table given is the one returned, not a copy: propose{...}
 * makes a fresh table anyway, and copying was a third of a constructor's cost. A table with a
 * metatable (a view record, say) is copied. */
static int new_intent(lua_State *L, const char *op, int src)
{
    int plain = src && lua_type(L, src) == LUA_TTABLE && !lua_getmetatable(L, src);
    if (plain) {
        lua_pushvalue(L, src);
    } else {
        if (src && lua_type(L, src) == LUA_TTABLE)
            lua_pop(L, 1); /* its metatable */
        lua_createtable(L, 0, 8);
        if (src && lua_type(L, src) == LUA_TTABLE) {
            int t = lua_gettop(L);
            scr_sandbox_sorted_keys(L, src); /* through proxies too */
            int keys = lua_gettop(L);
            for (lua_Integer j = 1; lua_rawgeti(L, keys, j) != LUA_TNIL; j++) {
                lua_pushvalue(L, -1);
                lua_gettable(L, src);
                lua_rawset(L, t);
            }
            lua_settop(L, t);
        }
    }
    int t = lua_gettop(L);
    ScrApi *api = api_of(L);
    int K = push_keys(L, api);
    kstr(L, K, t, K_OP, op);
    kint(L, K, t, K_LINE, caller_line(L));
    lua_pop(L, 1);
    return t;
}

/* propose{...} and its shorthands (upvalue 2: the kind, or nil). */
static int l_propose(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    int t = new_intent(L, "propose", 1);
    if (!lua_isnil(L, lua_upvalueindex(2))) {
        lua_pushliteral(L, "kind");
        if (lua_rawget(L, t) == LUA_TNIL) {
            lua_pushvalue(L, lua_upvalueindex(2));
            lua_setfield(L, t, "kind");
        }
        lua_pop(L, 1);
    }
    return 1;
}

/* accept(id, reason), reject(id, reason), release(id, reason) (upvalue 2: the op). */
static int l_answer(lua_State *L)
{
    lua_settop(L, 2);
    int t = new_intent(L, lua_tostring(L, lua_upvalueindex(2)), 0);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, "id");
    lua_pushvalue(L, 2);
    lua_setfield(L, t, "reason");
    return 1;
}

static int l_counter(lua_State *L)
{
    luaL_checkany(L, 1);
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 3);
    int t = new_intent(L, "counter", 2);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, "id");
    if (!lua_isnoneornil(L, 3)) {
        lua_pushvalue(L, 3);
        lua_setfield(L, t, "reason");
    }
    return 1;
}

/* sell{actor=, fraction= | shares=, reason=}: a stake sale. A table without `actor` is the chip
 * sale it always was (propose{kind = "chip_purchase", ...}; upvalue 2: that kind). */
static int l_sell(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_getfield(L, 1, "actor");
    int stake = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!stake)
        return l_propose(L);
    new_intent(L, "sell", 1);
    return 1;
}

/* rescue{actor=, amount=, reason=}: put amount ($B) into a distressed actor now, for new shares
 * at its price. */
static int l_rescue(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    new_intent(L, "rescue", 1);
    return 1;
}

/* exit{deal=, reason=} or exit(deal, reason): cancel a live deal, paying the penalty. */
static int l_exit(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_settop(L, 1);
        new_intent(L, "exit", 1);
        return 1;
    }
    lua_settop(L, 2);
    int t = new_intent(L, "exit", 0);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, "deal");
    lua_pushvalue(L, 2);
    lua_setfield(L, t, "reason");
    return 1;
}

static int l_pass(lua_State *L)
{
    lua_settop(L, 1);
    int t = new_intent(L, "pass", 0);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, "reason");
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * From intent tables to SimIntents */

/* The fields an intent table may hold, read in one pass (the table holds the strings). */
enum {
    I_OP,
    I_LINE,
    I_ID,
    I_TO,
    I_KIND,
    I_AMOUNT,
    I_MONTHS,
    I_DELAY,
    I_UPFRONT,
    I_GW,
    I_RATE,
    I_RATE2,
    I_SHARES,
    I_PAY,
    I_REASON,
    I_ACTOR,
    I_FRACTION,
    I_DEAL,
    I_COUNT
};
static const char *const intent_fields[I_COUNT] = {
    "op", "line", "id",    "to",     "kind", "amount", "months", "delay",    "upfront",
    "gw", "rate", "rate2", "shares", "pay",  "reason", "actor",  "fraction", "deal"};
#define BIT(f) (1u << (f))
#define TERMS_BITS                                                                                 \
    (BIT(I_TO) | BIT(I_KIND) | BIT(I_AMOUNT) | BIT(I_MONTHS) | BIT(I_DELAY) | BIT(I_UPFRONT) |     \
     BIT(I_GW) | BIT(I_RATE) | BIT(I_RATE2) | BIT(I_SHARES) | BIT(I_PAY))

typedef struct {
    int type[I_COUNT]; /* LUA_TNIL (0) when absent */
    double num[I_COUNT];
    int isint[I_COUNT];
    lua_Integer ival[I_COUNT];
    const char *str[I_COUNT];
    size_t len[I_COUNT];
    int truth[I_COUNT];
    const char *unknown; /* the smallest unknown field name, or NULL */
    size_t unknown_len;
    int odd_key; /* a key that is not a string */
} Fields;

static int bytes_less(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    return c < 0 || (c == 0 && la < lb);
}

/* The intent field named k (len bytes), or -1. */
static int field_of(const char *k, size_t len)
{
    static const unsigned char lens[I_COUNT] = {2, 4, 2, 2, 4, 6, 6, 5, 7,
                                                2, 4, 5, 6, 3, 6, 5, 8, 4};
    for (int j = 0; j < I_COUNT; j++)
        if (lens[j] == len && k[0] == intent_fields[j][0] && memcmp(k, intent_fields[j], len) == 0)
            return j;
    return -1;
}

static void gather(lua_State *L, int t, Fields *f)
{
    memset(f, 0, sizeof *f);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            f->odd_key = 1;
            lua_pop(L, 1);
            continue;
        }
        size_t len;
        const char *k = lua_tolstring(L, -2, &len);
        int id = field_of(k, len);
        if (id < 0) {
            if (!f->unknown || bytes_less(k, len, f->unknown, f->unknown_len)) {
                f->unknown = k;
                f->unknown_len = len;
            }
            lua_pop(L, 1);
            continue;
        }
        int ty = lua_type(L, -1);
        f->type[id] = ty;
        if (ty == LUA_TNUMBER) {
            f->num[id] = lua_tonumber(L, -1);
            f->ival[id] = lua_tointegerx(L, -1, &f->isint[id]);
        } else if (ty == LUA_TSTRING) {
            f->str[id] = lua_tolstring(L, -1, &f->len[id]);
        } else if (ty == LUA_TBOOLEAN) {
            f->truth[id] = lua_toboolean(L, -1);
        }
        lua_pop(L, 1);
    }
}

/* A number field: 0 absent (out untouched), 1 read, -1 bad (why written). */
static int num_field(lua_State *L, const Fields *f, int id, int whole, double *out, char *why,
                     size_t whysz)
{
    const char *k = intent_fields[id];
    if (f->type[id] == LUA_TNIL)
        return 0;
    if (f->type[id] != LUA_TNUMBER) {
        snprintf(why, whysz, "%s is a %s, not a number", k, lua_typename(L, f->type[id]));
        return -1;
    }
    double x = f->num[id];
    if (!isfinite(x))
        snprintf(why, whysz, "%s is not a finite number", k);
    else if (x < 0.0)
        snprintf(why, whysz, "%s is negative (%g)", k, x);
    else if (x > SCR_ABSURD)
        snprintf(why, whysz, "%s is absurd (%g; at most %g)", k, x, SCR_ABSURD);
    else if (whole && x != floor(x))
        snprintf(why, whysz, "%s must be a whole number (%g)", k, x);
    else {
        *out = x;
        return 1;
    }
    return -1;
}

/* The length of s[0..n) cut to at most max bytes at a UTF-8 character boundary. */
static size_t utf8_fit(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Copies n bytes of one language's part; a separator inside it becomes a space, so that a
 * stored reason never has more than two parts. Returns the end of the copy. */
static char *part_copy(char *dst, const char *s, size_t n)
{
    memcpy(dst, s, n);
    for (char *p = dst; (p = memchr(p, CORE_TEXT_SEP, n - (size_t)(p - dst))) != NULL; p++)
        *p = ' ';
    return dst + n;
}

/* Stores a reason of two parts (either may be empty) as one text of at most SCR_REASON_MAX bytes:
 * "EN\x1fZH" when both have words, else the one that has (a reason in one language is a plain
 * text, as a string reason is). When both do not fit, the shorter keeps all of its words if it
 * takes at most half, the longer the rest; otherwise each gets half; cuts fall at a UTF-8
 * character boundary. */
static void reason_join(char *dst, const char *en, size_t ne, const char *zh, size_t nz)
{
    char *p = dst;
    if (ne == 0 || nz == 0) {
        const char *s = ne ? en : zh;
        p = part_copy(p, s, utf8_fit(s, ne ? ne : nz, SCR_REASON_MAX));
    } else {
        size_t room = SCR_REASON_MAX - 1, half = room / 2;
        if (ne + nz > room) {
            if (ne <= half)
                nz = utf8_fit(zh, nz, room - ne);
            else if (nz <= half)
                ne = utf8_fit(en, ne, room - nz);
            else {
                ne = utf8_fit(en, ne, half);
                nz = utf8_fit(zh, nz, room - ne);
            }
        }
        p = part_copy(p, en, ne);
        *p++ = CORE_TEXT_SEP;
        p = part_copy(p, zh, nz);
    }
    *p = '\0';
}

/* The bytes of a string up to its first NUL. */
static size_t text_len(const char *s, size_t len)
{
    const char *nul = memchr(s, '\0', len);
    return nul ? (size_t)(nul - s) : len;
}

/* Reads the reason table {en = ..., zh = ...} on top of the stack into its two parts (which the
 * table keeps alive). The problem named does not depend on the order lua_next walks: an unknown
 * key first (the smallest), then a key that is not a string, then en, then zh. */
static int reason_table(lua_State *L, const char **en, size_t *ne, const char **zh, size_t *nz,
                        char *why, size_t whysz)
{
    int t = lua_gettop(L), bad[2] = {LUA_TSTRING, LUA_TSTRING}, odd = LUA_TNIL;
    const char *unknown = NULL;
    size_t unknown_len = 0;
    *en = *zh = "";
    *ne = *nz = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        size_t kl;
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &kl) : NULL;
        int lang = !k                                   ? -1
                   : kl == 2 && memcmp(k, "en", 2) == 0 ? 0
                   : kl == 2 && memcmp(k, "zh", 2) == 0 ? 1
                                                        : -1;
        if (lang >= 0 && lua_type(L, -1) == LUA_TSTRING) {
            size_t n;
            const char *v = lua_tolstring(L, -1, &n);
            *(lang ? zh : en) = v;
            *(lang ? nz : ne) = text_len(v, n);
        } else if (lang >= 0) {
            bad[lang] = lua_type(L, -1);
        } else if (k) {
            if (!unknown || bytes_less(k, kl, unknown, unknown_len)) {
                unknown = k;
                unknown_len = kl;
            }
        } else if (odd == LUA_TNIL) {
            odd = lua_type(L, -2);
        }
        lua_pop(L, 1);
    }
    if (unknown)
        snprintf(why, whysz, "reason: unknown language '%.*s' (a reason table takes en and zh)",
                 (int)(unknown_len < 16 ? unknown_len : 16), unknown);
    else if (odd != LUA_TNIL)
        snprintf(why, whysz, "reason: a table's keys must be en and zh, not a %s",
                 lua_typename(L, odd));
    else if (bad[0] != LUA_TSTRING || bad[1] != LUA_TSTRING)
        snprintf(why, whysz, "reason.%s: expected a string, got %s",
                 bad[0] != LUA_TSTRING ? "en" : "zh",
                 lua_typename(L, bad[0] != LUA_TSTRING ? bad[0] : bad[1]));
    else
        return 0;
    return -1;
}

/* The intent's reason into dst (SIM_REASON_LEN bytes): a string as it is (one holding the
 * separator is read as its two parts, as the view gives them back), or a table
 * {en = "...", zh = "..."} joined as "EN\x1fZH" (reason_join). The intent table is at t. */
static int reason_field(lua_State *L, int t, const Fields *f, char *dst, char *why, size_t whysz)
{
    dst[0] = '\0';
    int ty = f->type[I_REASON];
    if (ty == LUA_TNIL)
        return 0;
    if (ty == LUA_TSTRING) {
        const char *s = f->str[I_REASON];
        size_t n = text_len(s, f->len[I_REASON]);
        const char *sep = memchr(s, CORE_TEXT_SEP, n);
        if (!sep)
            reason_join(dst, s, n, "", 0);
        else
            reason_join(dst, s, (size_t)(sep - s), sep + 1, n - (size_t)(sep - s) - 1);
        return 0;
    }
    if (ty != LUA_TTABLE) {
        snprintf(why, whysz, "reason: expected a string or a table {en=..., zh=...}, got %s",
                 lua_typename(L, ty));
        return -1;
    }
    const char *en, *zh;
    size_t ne, nz;
    lua_pushliteral(L, "reason");
    lua_rawget(L, t);
    int rc = reason_table(L, &en, &ne, &zh, &nz, why, whysz);
    if (rc == 0)
        reason_join(dst, en, ne, zh, nz);
    lua_pop(L, 1);
    return rc;
}

/* The deal id of an answer or a counter. */
static int id_field(lua_State *L, const Fields *f, int *id, char *why, size_t whysz)
{
    int ty = f->type[I_ID];
    lua_Integer v = f->ival[I_ID];
    if (ty == LUA_TNUMBER && f->isint[I_ID] && v >= 0 && v <= INT_MAX) {
        *id = (int)v;
        return 0;
    }
    if (ty == LUA_TNIL)
        snprintf(why, whysz, "the deal id is missing");
    else if (ty != LUA_TNUMBER)
        snprintf(why, whysz, "the deal id is a %s, not a number", lua_typename(L, ty));
    else
        snprintf(why, whysz, "%.17g is not a deal id", f->num[I_ID]);
    return -1;
}

/* Refuses fields an op does not take: an unknown name (the smallest, so that the message does
 * not change from run to run), else the first known field the op has no use for. */
static int unknown_fields(const Fields *f, unsigned allowed, const char *op, char *why,
                          size_t whysz)
{
    if (f->unknown) {
        snprintf(why, whysz, "unknown field '%.*s'",
                 (int)(f->unknown_len < 40 ? f->unknown_len : 40), f->unknown);
        return -1;
    }
    if (f->odd_key) {
        snprintf(why, whysz, "an intent holds keys that are not field names");
        return -1;
    }
    for (int j = 0; j < I_COUNT; j++) {
        if (f->type[j] != LUA_TNIL && !(allowed & BIT(j))) {
            snprintf(why, whysz, "%s takes no field '%s'", op, intent_fields[j]);
            return -1;
        }
    }
    return 0;
}

/* Whether the proposer pays when the intent does not say: not when it sells (supply) or holds
 * the right it asks for (exclusivity); then the counterparty pays. */
static int default_pay(SimDealKind k)
{
    return !(sim_kind(k)->flags & SIM_KF_SOLD);
}

/* The actor whose id is s (len bytes), or -1. */
static int actor_by_id(const SimWorld *w, const char *s, size_t len)
{
    for (int i = 0; i < w->n; i++) {
        const char *id = w->sc->actors[i].id;
        if (strlen(id) == len && memcmp(id, s, len) == 0)
            return i;
    }
    return -1;
}

/* Terms from an intent's fields (for a counter, over the countered deal's terms). */
static int read_terms(lua_State *L, ScrApi *api, const Fields *f, int countered, SimTerms *out,
                      char *why, size_t whysz)
{
    const SimWorld *w = api->v.world;
    int me = api->v.self, to = -1;
    SimTerms tm;
    memset(&tm, 0, sizeof tm);
    if (countered >= 0) {
        tm = w->deals[countered].t;
        to = sim_deal_counterparty(&w->deals[countered], me);
    }
    if (f->type[I_KIND] == LUA_TSTRING) {
        int k = sim_deal_kind_parse(f->str[I_KIND]);
        if (k < 0) {
            char list[320];
            size_t at = 0;
            list[0] = '\0';
            for (int j = 0; j < SIM_DEAL_KIND_COUNT && at < sizeof list; j++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", j ? ", " : "",
                                       sim_kinds[j].name);
            snprintf(why, whysz, "unknown kind '%.32s' (%s)", f->str[I_KIND], list);
            return -1;
        }
        tm.kind = (SimDealKind)k;
    } else if (f->type[I_KIND] != LUA_TNIL || countered < 0) {
        snprintf(why, whysz,
                 f->type[I_KIND] == LUA_TNIL ? "kind is missing" : "kind is a %s, not a string",
                 lua_typename(L, f->type[I_KIND]));
        return -1;
    }
    if (f->type[I_TO] == LUA_TSTRING) {
        int i = actor_by_id(w, f->str[I_TO], f->len[I_TO]);
        if (i < 0) {
            snprintf(why, whysz, "unknown actor '%.32s'", f->str[I_TO]);
            return -1;
        }
        if (countered >= 0 && i != to) {
            snprintf(why, whysz, "a counter goes back to %s, who made the offer",
                     w->sc->actors[to].id);
            return -1;
        }
        to = i;
    } else if (f->type[I_TO] != LUA_TNIL) {
        snprintf(why, whysz, "to is a %s, not an actor id", lua_typename(L, f->type[I_TO]));
        return -1;
    }
    if (sim_kind(tm.kind)->payee == SIM_PAYEE_WORLD) {
        tm.payer = me;
        tm.payee = SIM_WORLD;
    } else {
        if (to < 0) {
            snprintf(why, whysz, "to is missing (whom is the offer for?)");
            return -1;
        }
        if (to == me) {
            snprintf(why, whysz, "to is the proposer itself");
            return -1;
        }
        int ty = f->type[I_PAY];
        if (ty != LUA_TNIL && ty != LUA_TBOOLEAN) {
            snprintf(why, whysz, "pay is a %s, not true or false", lua_typename(L, ty));
            return -1;
        }
        int pay = ty == LUA_TBOOLEAN                        ? f->truth[I_PAY]
                  : countered >= 0 && tm.payee != SIM_WORLD ? tm.payer == me
                                                            : default_pay(tm.kind);
        tm.payer = pay ? me : to;
        tm.payee = pay ? to : me;
    }
    static const int nums[] = {I_AMOUNT, I_UPFRONT, I_GW, I_RATE, I_RATE2, I_SHARES};
    double *dst[] = {&tm.amount, &tm.upfront, &tm.gw, &tm.rate, &tm.rate2, &tm.shares};
    int given_rate = 0;
    for (int k = 0; k < 6; k++) {
        int rc = num_field(L, f, nums[k], 0, dst[k], why, whysz);
        if (rc < 0)
            return -1;
        if (nums[k] == I_RATE)
            given_rate = rc;
    }
    double months = countered >= 0 ? tm.months : 12.0, delay = countered >= 0 ? tm.delay : 0.0;
    if (num_field(L, f, I_MONTHS, 1, &months, why, whysz) < 0 ||
        num_field(L, f, I_DELAY, 1, &delay, why, whysz) < 0)
        return -1;
    tm.months = (int)months;
    tm.delay = (int)delay;
    if (countered < 0 && !given_rate) {
        /* A loan at the market's interest; a joint venture's payer funds the rest of the build. */
        if (sim_kind(tm.kind)->pay == SIM_PAY_LOAN)
            tm.rate = w->sc->market.interest_rate;
        else if (sim_kind(tm.kind)->pay == SIM_PAY_SPLIT)
            tm.rate = tm.rate2 < 1.0 ? 1.0 - tm.rate2 : 0.0;
    }
    *out = tm;
    return 0;
}

/* The `actor` field of a sale or a rescue: the index of the actor it names, or -1 with why. */
static int actor_field(lua_State *L, const SimWorld *w, const Fields *f, char *why, size_t whysz)
{
    if (f->type[I_ACTOR] != LUA_TSTRING) {
        snprintf(why, whysz,
                 f->type[I_ACTOR] == LUA_TNIL ? "actor is missing" : "actor is a %s, not an id",
                 lua_typename(L, f->type[I_ACTOR]));
        return -1;
    }
    int j = actor_by_id(w, f->str[I_ACTOR], f->len[I_ACTOR]);
    if (j < 0)
        snprintf(why, whysz, "unknown actor '%.32s'", f->str[I_ACTOR]);
    return j;
}

/* A sale's fields: the issuer, and a fraction of the stake held or a number of shares. */
static int read_sale(lua_State *L, ScrApi *api, const Fields *f, SimIntent *in, char *why,
                     size_t whysz)
{
    const SimWorld *w = api->v.world;
    int j = actor_field(L, w, f, why, whysz);
    if (j < 0)
        return -1;
    if ((f->type[I_FRACTION] == LUA_TNIL) == (f->type[I_SHARES] == LUA_TNIL)) {
        snprintf(why, whysz, "give either fraction (of the stake held) or shares (billions)");
        return -1;
    }
    in->actor = j;
    double x = 0.0;
    if (f->type[I_FRACTION] != LUA_TNIL) {
        if (num_field(L, f, I_FRACTION, 0, &x, why, whysz) < 0)
            return -1;
        if (!(x > 0.0) || x > 1.0) {
            snprintf(why, whysz, "fraction must be above 0 and at most 1 (%g)", x);
            return -1;
        }
        in->shares = x * w->holdings[(size_t)api->v.self * (size_t)w->n + (size_t)j];
        return 1;
    }
    if (num_field(L, f, I_SHARES, 0, &x, why, whysz) < 0)
        return -1;
    in->shares = x;
    return 1;
}

/* A rescue's fields: the actor rescued and the amount ($B). */
static int read_rescue(lua_State *L, ScrApi *api, const Fields *f, SimIntent *in, char *why,
                       size_t whysz)
{
    const SimWorld *w = api->v.world;
    int j = actor_field(L, w, f, why, whysz);
    if (j < 0)
        return -1;
    double x = 0.0;
    if (f->type[I_AMOUNT] == LUA_TNIL) {
        snprintf(why, whysz, "amount is missing");
        return -1;
    }
    if (num_field(L, f, I_AMOUNT, 0, &x, why, whysz) < 0)
        return -1;
    if (!(x > 0.0)) {
        snprintf(why, whysz, "amount must be above 0 (%g)", x);
        return -1;
    }
    in->actor = j;
    in->amount = x;
    return 1;
}

/* Reads the intent table at t: 1 an intent in *in, 0 a pass, -1 malformed (why written). *op
 * names what it was, *line where it was made (or stays as given). */
static int read_intent(lua_State *L, ScrApi *api, int t, SimIntent *in, const char **op, int *line,
                       char *why, size_t whysz)
{
    static const char *const ops[] = {"pass",    "propose", "accept", "reject", "counter",
                                      "release", "sell",    "exit",   "rescue"};
    static const SimIntentKind kinds[] = {SIM_INTENT_PASS,   SIM_INTENT_PROPOSE, SIM_INTENT_ACCEPT,
                                          SIM_INTENT_REJECT, SIM_INTENT_COUNTER, SIM_INTENT_RELEASE,
                                          SIM_INTENT_SELL,   SIM_INTENT_EXIT,    SIM_INTENT_RESCUE};
    static const unsigned allowed[] = {
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | TERMS_BITS,
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID) | TERMS_BITS,
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ACTOR) | BIT(I_FRACTION) | BIT(I_SHARES),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_DEAL),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ACTOR) | BIT(I_AMOUNT)};
    const SimWorld *w = api->v.world;
    Fields f;
    gather(L, t, &f);
    *op = "intent";
    if (f.type[I_LINE] == LUA_TNUMBER && f.isint[I_LINE] && f.ival[I_LINE] > 0 &&
        f.ival[I_LINE] < INT_MAX)
        *line = (int)f.ival[I_LINE];
    if (f.type[I_OP] != LUA_TSTRING) {
        snprintf(why, whysz, "not an intent (make them with propose{...}, accept(id), ...)");
        return -1;
    }
    int o = -1;
    for (int k = 0; k < 9 && o < 0; k++)
        if (strlen(ops[k]) == f.len[I_OP] && memcmp(f.str[I_OP], ops[k], f.len[I_OP]) == 0)
            o = k;
    if (o < 0) {
        snprintf(why, whysz, "unknown op '%.32s'", f.str[I_OP]);
        return -1;
    }
    *op = ops[o];
    memset(in, 0, sizeof *in);
    in->kind = kinds[o];
    in->deal = -1;
    in->history_event = -1;
    if (unknown_fields(&f, allowed[o], ops[o], why, whysz) < 0 ||
        reason_field(L, t, &f, in->reason, why, whysz) < 0)
        return -1;
    if (o == 0)
        return 0;
    if (o == 6)
        return read_sale(L, api, &f, in, why, whysz);
    if (o == 8)
        return read_rescue(L, api, &f, in, why, whysz);
    if (o == 7) {
        /* exit{deal = id}: the deal field is the id. */
        f.type[I_ID] = f.type[I_DEAL];
        f.num[I_ID] = f.num[I_DEAL];
        f.isint[I_ID] = f.isint[I_DEAL];
        f.ival[I_ID] = f.ival[I_DEAL];
        return id_field(L, &f, &in->deal, why, whysz) < 0 ? -1 : 1;
    }
    if (o != 1 && id_field(L, &f, &in->deal, why, whysz) < 0)
        return -1;
    if (o == 4 && in->deal >= w->n_deals) {
        snprintf(why, whysz, "counter: %d is not a deal", in->deal);
        return -1;
    }
    if ((o == 1 || o == 4) &&
        read_terms(L, api, &f, o == 4 ? in->deal : -1, &in->terms, why, whysz) < 0)
        return -1;
    return 1;
}

static void tell_drop(ScrApi *api, int count, const char *op, int line, const char *why)
{
    if (!api->drop)
        return;
    char msg[320];
    if (line > 0)
        snprintf(msg, sizeof msg, "%s:%d: %s dropped: %s", scr_sandbox_name(api->sb), line, op,
                 why);
    else
        snprintf(msg, sizeof msg, "%s: %s dropped: %s", scr_sandbox_name(api->sb), op, why);
    api->drop(api->drop_ud, count, msg);
}

/* One entry of decide's list: appended to out, or dropped. Returns 1 if dropped. */
static int take(lua_State *L, ScrApi *api, int t, int line, SimIntentList *out, int *extra)
{
    SimIntent in;
    const char *op;
    char why[256];
    int rc = read_intent(L, api, t, &in, &op, &line, why, sizeof why);
    if (rc < 0) {
        tell_drop(api, 1, op, line, why);
        return 1;
    }
    if (rc == 0)
        return 0;
    SimIntent *slot = sim_intents_push(out, in.kind);
    if (!slot) {
        out->overflow--; /* counted once, below */
        (*extra)++;
        return 0;
    }
    *slot = in;
    return 0;
}

static int garbage(lua_State *L, ScrApi *api, int line, const char *what)
{
    return raise_msg(L, "%s:%d: decide returned %s", scr_sandbox_name(api->sb), line, what);
}

int scr_api_intents(lua_State *L, ScrApi *api, int idx, int line, SimIntentList *out)
{
    idx = lua_absindex(L, idx);
    world_of(L, api);
    int ty = lua_type(L, idx);
    if (ty == LUA_TNIL)
        return 0;
    if (ty != LUA_TTABLE) {
        lua_pushfstring(L, "a %s, not a list of intents", lua_typename(L, ty));
        return garbage(L, api, line, lua_tostring(L, -1));
    }
    int dropped = 0, extra = 0;
    lua_pushliteral(L, "op");
    if (lua_rawget(L, idx) != LUA_TNIL) { /* a single intent */
        lua_pop(L, 1);
        dropped += take(L, api, idx, line, out, &extra);
    } else {
        lua_pop(L, 1);
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        scr_sandbox_charge(L, n);
        for (lua_Integer k = 1; k <= n; k++) {
            int et = lua_rawgeti(L, idx, k);
            if (et != LUA_TTABLE) {
                lua_pushfstring(L, "a list whose entry %I is a %s, not an intent", k,
                                lua_typename(L, et));
                return garbage(L, api, line, lua_tostring(L, -1));
            }
            dropped += take(L, api, lua_gettop(L), line, out, &extra);
            lua_pop(L, 1);
        }
    }
    if (extra) {
        char why[128];
        snprintf(why, sizeof why, "%d intents beyond the %d a turn allows", extra, SIM_MAX_INTENTS);
        tell_drop(api, extra, "intent list", line, why);
        out->overflow += extra;
        dropped += extra;
    }
    return dropped;
}

/* check(intent) -> true | nil, why: what the engine would say of it now. */
static int l_check(lua_State *L)
{
    ScrApi *api = api_of(L);
    const SimWorld *w = world_of(L, api);
    luaL_checktype(L, 1, LUA_TTABLE);
    SimIntent in;
    const char *op;
    int line = 0;
    char why[256];
    int rc = read_intent(L, api, 1, &in, &op, &line, why, sizeof why);
    if (rc > 0 && sim_turn_validate(w, api->v.self, &in, why, sizeof why) < 0)
        rc = -1;
    if (rc >= 0) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushnil(L);
    lua_pushstring(L, why);
    return 2;
}

/* deal_size(intent) -> $B: the size the market would weigh on the day for a proposal (the larger
 * of what the payee gets and what the payer commits), or nil, why if it is malformed. */
static int l_deal_size(lua_State *L)
{
    ScrApi *api = api_of(L);
    world_of(L, api);
    luaL_checktype(L, 1, LUA_TTABLE);
    SimIntent in;
    const char *op;
    int line = 0;
    char why[256];
    int rc = read_intent(L, api, 1, &in, &op, &line, why, sizeof why);
    if (rc > 0 && in.kind != SIM_INTENT_PROPOSE && in.kind != SIM_INTENT_COUNTER) {
        snprintf(why, sizeof why, "%s carries no terms", op);
        rc = -1;
    }
    if (rc <= 0) {
        lua_pushnil(L);
        lua_pushstring(L, rc == 0 ? "pass carries no terms" : why);
        return 2;
    }
    SimDeal probe;
    memset(&probe, 0, sizeof probe);
    probe.t = in.terms;
    probe.proposer = api->v.self;
    probe.parent = -1;
    lua_pushnumber(L, sim_market_deal_size(api->v.world, &probe));
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * view.memory: plain data only */

typedef struct {
    char path[160];
    char what[96];
} MemProblem;

static void path_push(char *path, size_t n, lua_State *L, int k)
{
    size_t l = strlen(path);
    if (lua_type(L, k) == LUA_TSTRING)
        snprintf(path + l, n - l, ".%.40s", lua_tostring(L, k));
    else if (lua_type(L, k) == LUA_TNUMBER)
        snprintf(path + l, n - l, "[%.17g]", lua_tonumber(L, k));
    else
        snprintf(path + l, n - l, "[%s]", lua_toboolean(L, k) ? "true" : "false");
}

/* Walks the table at t; on the first problem fills *pb and returns -1. sorted: in pairs' order
 * (for a stable message), else in the table's own order (fast). seen (a table at index `seen`)
 * holds the tables on the current path. */
static int mem_walk(lua_State *L, int t, int seen, int depth, int sorted, MemProblem *pb)
{
    if (depth > MEMORY_DEPTH) {
        snprintf(pb->what, sizeof pb->what, "tables nested deeper than %d", MEMORY_DEPTH);
        return -1;
    }
    /* Each level keeps a key, a value and (sorted) the key list on the stack: more, over 32
     * levels, than the LUA_MINSTACK slots a C function is given, and Lua does not check pushes. */
    if (!lua_checkstack(L, 8)) {
        snprintf(pb->what, sizeof pb->what, "tables nested deeper than the memory left allows");
        return -1;
    }
    if (lua_getmetatable(L, t)) {
        lua_pop(L, 1);
        snprintf(pb->what, sizeof pb->what, "a table with a metatable");
        return -1;
    }
    lua_pushvalue(L, t);
    if (lua_rawget(L, seen) != LUA_TNIL) {
        lua_pop(L, 1);
        snprintf(pb->what, sizeof pb->what, "a cycle (a table inside itself)");
        return -1;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, t);
    lua_pushboolean(L, 1);
    lua_rawset(L, seen);
    int keys = 0;
    lua_Integer n = 0, j = 0;
    if (sorted) {
        scr_sandbox_sorted_keys(L, t);
        keys = lua_gettop(L);
        n = (lua_Integer)lua_rawlen(L, keys);
        lua_pushnil(L); /* a placeholder, popped first thing in the loop */
    } else {
        lua_pushnil(L);
    }
    size_t at = strlen(pb->path);
    for (;;) {
        if (sorted) {
            lua_pop(L, 1);
            if (++j > n)
                break;
            lua_rawgeti(L, keys, j);
            lua_pushvalue(L, -1);
            lua_rawget(L, t);
        } else if (!lua_next(L, t)) {
            break;
        }
        /* key at -2, value at -1 */
        scr_sandbox_charge(L, 1);
        int kt = lua_type(L, -2), vt = lua_type(L, -1);
        pb->path[at] = '\0';
        if (kt != LUA_TSTRING && kt != LUA_TNUMBER && kt != LUA_TBOOLEAN) {
            snprintf(pb->what, sizeof pb->what, "a key of type %s", lua_typename(L, kt));
            return -1;
        }
        if (sorted) /* only the sorted walk's path is ever shown; snprintf was most of a walk */
            path_push(pb->path, sizeof pb->path, L, lua_gettop(L) - 1);
        if ((kt == LUA_TNUMBER && !isfinite(lua_tonumber(L, -2))) ||
            (vt == LUA_TNUMBER && !isfinite(lua_tonumber(L, -1)))) {
            snprintf(pb->what, sizeof pb->what, "a number that is not finite");
            return -1;
        }
        if (vt == LUA_TTABLE) {
            if (mem_walk(L, lua_gettop(L), seen, depth + 1, sorted, pb) < 0)
                return -1;
        } else if (vt != LUA_TSTRING && vt != LUA_TNUMBER && vt != LUA_TBOOLEAN) {
            snprintf(pb->what, sizeof pb->what, "a %s", lua_typename(L, vt));
            return -1;
        }
        if (sorted) {
            lua_pop(L, 1); /* value; the key is popped at the top of the loop */
        } else {
            lua_pop(L, 1);
        }
    }
    pb->path[at] = '\0';
    if (sorted)
        lua_pop(L, 1); /* keys */
    lua_pushvalue(L, t);
    lua_pushnil(L);
    lua_rawset(L, seen);
    return 0;
}

#define SCR_MEMORY_MSG 512

void scr_api_check_memory(lua_State *L, ScrApi *api)
{
    int top = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_memory);
    int mem = lua_gettop(L);
    lua_pushnil(L);
    if (lua_next(L, mem) == 0) { /* empty: the common case costs one lookup */
        lua_settop(L, top);
        return;
    }
    lua_settop(L, mem);
    if (api->seen_dirty) { /* a walk was cut short: start from a clean set */
        lua_createtable(L, 0, 0);
        lua_rawseti(L, LUA_REGISTRYINDEX, api->ref_seen);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_seen);
    int seen = lua_gettop(L);
    MemProblem pb;
    strcpy(pb.path, "view.memory");
    api->seen_dirty = 1;
    if (mem_walk(L, mem, seen, 0, 0, &pb) == 0) {
        api->seen_dirty = 0;
        lua_settop(L, top);
        return;
    }
    /* Again, in a fixed order, for a message that names the same place every run. */
    lua_settop(L, mem);
    lua_createtable(L, 0, 0);
    seen = lua_gettop(L);
    strcpy(pb.path, "view.memory");
    mem_walk(L, mem, seen, 0, 1, &pb);
    char msg[SCR_MEMORY_MSG];
    snprintf(msg, sizeof msg,
             "%s: %s holds %s; memory keeps only strings, numbers, booleans and plain tables "
             "(memory emptied)",
             scr_sandbox_name(api->sb), pb.path, pb.what);
    /* Empty it in place (the view keeps the same table), so the next call starts clean instead
     * of failing on the same value until the script is retired. */
    lua_settop(L, mem);
    lua_pushnil(L);
    while (lua_next(L, mem)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, mem);
    }
    raise_msg(L, "%s", msg);
}

int scr_api_memory_ref(const ScrApi *api)
{
    return api->ref_memory;
}

/* ---------------------------------------------------------------------------------------------
 * Installing */

static void closure(lua_State *L, ScrApi *api, lua_CFunction f, const char *up2)
{
    lua_pushlightuserdata(L, api);
    if (up2) {
        lua_pushstring(L, up2);
        lua_pushcclosure(L, f, 2);
    } else {
        lua_pushcclosure(L, f, 1);
    }
}

static int install(lua_State *L)
{
    ScrApi *api = lua_touserdata(L, 1);
    static const lua_CFunction fns[F_COUNT] = {l_refresh, l_readonly, l_len, l_resolve};
    for (int k = 0; k < F_COUNT; k++) {
        closure(L, api, fns[k], NULL);
        api->ref_fn[k] = keep(L);
    }
    lua_createtable(L, 0, 0);
    api->ref_memory = keep(L);
    lua_createtable(L, 8, 0);
    api->ref_fresh = keep(L);
    lua_createtable(L, 0, 0);
    api->ref_seen = keep(L);
    lua_createtable(L, K_COUNT, 0);
    for (int k = 0; k < K_COUNT; k++) {
        lua_pushstring(L, key_names[k]);
        lua_rawseti(L, -2, k + 1);
    }
    api->ref_keys = keep(L);
    static const int record_cls[3] = {C_ACTOR, C_DEAL, C_EVENT};
    static const int record_n[3] = {A_COUNT, D_COUNT, E_COUNT};
    const char *const *record_names[3] = {actor_field_names, deal_field_names, event_field_names};
    for (int r = 0; r < 3; r++) {
        lua_createtable(L, 3, 5); /* the class's metatable, as new_proxy makes them */
        lua_pushinteger(L, record_cls[r]);
        lua_rawseti(L, -2, 1);
        lua_pushlightuserdata(L, api);
        lua_createtable(L, 0, record_n[r]); /* field name -> id */
        for (int k = 0; k < record_n[r]; k++) {
            lua_pushinteger(L, k);
            lua_setfield(L, -2, record_names[r][k]);
        }
        lua_pushinteger(L, record_cls[r]);
        lua_pushcclosure(L, l_field, 3);
        lua_setfield(L, -2, "__index");
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_RO]);
        lua_setfield(L, -2, "__newindex");
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_LEN]);
        lua_setfield(L, -2, "__len");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_fn[F_RESOLVE]);
        lua_rawsetp(L, -2, scr_sandbox_proxy_key());
        api->ref_record_mt[r] = keep(L);
    }

    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    static const struct {
        const char *name;
        lua_CFunction f;
    } helpers[] = {{"expected_jump", l_expected_jump},
                   {"exposure", l_exposure},
                   {"circularity", l_circularity},
                   {"fomo", l_fomo},
                   {"obligations", l_obligations},
                   {"funding_room", l_funding_room},
                   {"check", l_check},
                   {"deal_size", l_deal_size},
                   {"counter", l_counter},
                   {"pass", l_pass},
                   {"stake", l_stake},
                   {"exit_cost", l_exit_cost},
                   {"exit", l_exit},
                   {"rescue", l_rescue}};
    for (size_t k = 0; k < sizeof helpers / sizeof helpers[0]; k++) {
        closure(L, api, helpers[k].f, NULL);
        lua_setfield(L, g, helpers[k].name);
    }
    static const char *const answers[] = {"accept", "reject", "release"};
    for (int k = 0; k < 3; k++) {
        closure(L, api, l_answer, answers[k]);
        lua_setfield(L, g, answers[k]);
    }
    lua_pushlightuserdata(L, api);
    lua_pushnil(L);
    lua_pushcclosure(L, l_propose, 2);
    lua_setfield(L, g, "propose");
    /* A constructor per kind that has one (cloud{...} is propose{kind = "compute", ...}). */
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        if (!sim_kinds[k].verb)
            continue;
        closure(L, api, l_propose, sim_kinds[k].name);
        lua_setfield(L, g, sim_kinds[k].verb);
    }
    /* sell{actor = ...} sells a stake; any other sell{...} stays the chip sale. */
    closure(L, api, l_sell, sim_kind(SIM_DEAL_CHIP_PURCHASE)->name);
    lua_setfield(L, g, "sell");
    return 0;
}

ScrApi *scr_api_create(ScrSandbox *sb, ScrDropFn drop, void *drop_ud, char *err, size_t errsz)
{
    ScrApi *api = calloc(1, sizeof *api);
    if (!api) {
        core_errf(err, errsz, "out of memory for the strategy API");
        return NULL;
    }
    api->sb = sb;
    api->drop = drop;
    api->drop_ud = drop_ud;
    api->me = -1;
    api->ref_view = api->ref_viewt = api->ref_deals = api->ref_events = api->ref_ids = LUA_NOREF;
    for (int x = 0; x < 3; x++)
        api->lists[x].ref_mt = LUA_NOREF;
    lua_State *L = scr_sandbox_lua(sb);
    lua_pushcfunction(L, install);
    lua_pushlightuserdata(L, api);
    if (scr_sandbox_call(sb, 1, 0, err, errsz) < 0) {
        free(api);
        return NULL;
    }
    return api;
}

void scr_api_destroy(ScrApi *api)
{
    if (!api)
        return;
    for (int x = 0; x < 3; x++)
        free(api->lists[x].ids);
    free(api);
}
