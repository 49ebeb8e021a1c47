/* scr_record: the records of actors, deals and events. A record is a proxy whose __index reads
 * the one field asked for from the world (the field tables below: one X-macro list a class), so
 * a turn costs what the script reads.
 *
 * Ownership: the records' shared metatables live in the registry (references in the context). */
#include "scr_api_int.h"

#include "core_err.h"
#include "core_month.h"
#include "core_text.h"
#include "sim_market.h"
#include "sim_pay.h"
#include "sim_rescue.h"
#include "sim_turn.h"

#include <lauxlib.h>

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
/* An actor's exposure_to: by counterparty id, only those it is exposed to (the network's
 * matrix row). */
static void push_exposure_to(lua_State *L, const SimWorld *w, int i)
{
    const double *x = &w->net_exposure[(size_t)i * (size_t)w->n];
    lua_createtable(L, 0, 4);
    for (int j = 0; j < w->n; j++)
        if (x[j] > 0.0) {
            lua_pushnumber(L, x[j]);
            lua_setfield(L, -2, w->sc->actors[j].id);
        }
}

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
        lua_pushstring(L, scr_api_role_name(sp->role));
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
    case A_EXPOSURE_TO:
        push_exposure_to(L, w, i);
        break;
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
    X(D_SIZE, "size")            \
    X(D_COUNTERED_BY, "countered_by")
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
        push_opt_str(L, scr_api_actor_id(w, d->proposer));
        break;
    case D_TO:
        push_opt_str(L, scr_api_actor_id(w, sim_deal_counterparty(d, d->proposer)));
        break;
    case D_PAYER:
        push_opt_str(L, scr_api_actor_id(w, t->payer));
        break;
    case D_PAYEE:
        push_opt_str(L, scr_api_actor_id(w, t->payee));
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
    case D_COUNTERED_BY: { /* the counter-offer that answered it (its parent is this deal) */
        int by = -1;
        for (int j = k + 1; d->status == SIM_DS_COUNTERED && j < w->n_deals && by < 0; j++)
            if (w->deals[j].parent == k)
                by = j;
        push_opt_int(L, by);
        break;
    }
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
        push_opt_str(L, scr_api_actor_id(w, e->actor));
        break;
    case E_OTHER:
        push_opt_str(L, scr_api_actor_id(w, countered ? scr_api_countered_to(w, e) : e->other));
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

/* A string key no record of class cls has (at 2; the proxy at 1): raises, naming the record as
 * the script reaches it (view.self, view.actors.ID, deal#ID, event#INDEX). */
static void no_field(lua_State *L, ScrApi *api, int cls)
{
    lua_rawgetp(L, 1, &scr_api_record_key);
    int index = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    char path[64];
    const char *where;
    if (cls == C_ACTOR) {
        const SimWorld *w = api->active ? api->v.world : NULL;
        if (w && index == api->v.self)
            snprintf(path, sizeof path, "view.self");
        else if (w && index >= 0 && index < w->n)
            snprintf(path, sizeof path, "view.actors.%.40s", w->sc->actors[index].id);
        else
            snprintf(path, sizeof path, "actor#%d", index + 1);
        where = "Actor records";
        scr_api_no_field(L, path, 2, actor_field_names, A_COUNT, where);
    } else if (cls == C_DEAL) {
        snprintf(path, sizeof path, "deal#%d", index);
        scr_api_no_field(L, path, 2, deal_field_names, D_COUNT, "Deal records");
    } else {
        snprintf(path, sizeof path, "event#%d", index);
        scr_api_no_field(L, path, 2, event_field_names, E_COUNT, "News events");
    }
}

/* __index of a record: (proxy, key); upvalues: api, the class's field ids (name -> id), class.
 * Always the world as it is now: nothing to refresh. */
static int l_field(lua_State *L)
{
    ScrApi *api = lua_touserdata(L, lua_upvalueindex(1));
    lua_settop(L, 2);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNUMBER) {
        if (lua_type(L, 2) == LUA_TSTRING)
            no_field(L, api, (int)lua_tointeger(L, lua_upvalueindex(3)));
        lua_pushnil(L);
        return 1;
    }
    const SimWorld *w = scr_api_world_of(L, api);
    int f = (int)lua_tointeger(L, -1);
    lua_rawgetp(L, 1, &scr_api_record_key);
    int index = (int)lua_tointeger(L, -1);
    push_record_field(L, w, (int)lua_tointeger(L, lua_upvalueindex(3)), index, f);
    return 1;
}

/* Pushes a new record of class cls: an empty table but for its index under scr_api_record_key, with
 * the class's shared metatable. */
void scr_api_new_record(lua_State *L, ScrApi *api, int cls, int index)
{
    lua_createtable(L, 0, 1);
    lua_pushinteger(L, index);
    lua_rawsetp(L, -2, &scr_api_record_key);
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_record_mt[scr_api_record_slot(cls)]);
    lua_setmetatable(L, -2);
}

/* Every field of a record into table t (for pairs). */
void scr_api_fill_fields(lua_State *L, const SimWorld *w, int cls, int index, int t)
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

/* The shared metatables of the three classes of records (as new_proxy makes a proxy's). */
void scr_record_open(lua_State *L, ScrApi *api)
{
    static const int record_cls[3] = {C_ACTOR, C_DEAL, C_EVENT};
    static const int record_n[3] = {A_COUNT, D_COUNT, E_COUNT};
    const char *const *record_names[3] = {actor_field_names, deal_field_names, event_field_names};
    for (int r = 0; r < 3; r++) {
        lua_createtable(L, 3, 5);
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
        scr_api_proxy_mt(L, api);
        api->ref_record_mt[r] = scr_api_keep(L);
    }
}
