/* scr_query: the helper functions a script calls: expected_jump, exposure, circularity, fomo,
 * obligations, funding_room, stake, exit_cost, check and deal_size. Each reads the world as the
 * current call sees it.
 *
 * Ownership: nothing of its own. */
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

static int l_expected_jump(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    int i = scr_api_check_actor(L, api, 1);
    double net = luaL_checknumber(L, 2);
    lua_pushnumber(L, sim_market_expected_jump(api->v.world, i, net, lua_toboolean(L, 3)));
    return 1;
}

static int l_exposure(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    int i = scr_api_check_actor(L, api, 1), j = scr_api_check_actor(L, api, 2);
    lua_pushnumber(L, sim_exposure(api->v.world, i, j));
    return 1;
}

static int l_circularity(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    int v = scr_api_check_actor(L, api, 1);
    int p = lua_isnoneornil(L, 2) ? -1 : scr_api_check_actor(L, api, 2);
    lua_pushnumber(L, sim_circularity(api->v.world, p, v));
    return 1;
}

/* Pushes f(world, actor) for the actor named by argument 1: a binding of one actor's number. */
static int push_of_actor(lua_State *L, double (*f)(const SimWorld *w, int i))
{
    ScrApi *api = scr_api_of(L);
    int i = scr_api_check_actor(L, api, 1);
    lua_pushnumber(L, f(api->v.world, i));
    return 1;
}

static int l_fomo(lua_State *L)
{
    return push_of_actor(L, sim_market_fomo);
}

static int l_obligations(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    int i = scr_api_check_actor(L, api, 1);
    lua_Integer h = luaL_optinteger(L, 2, -1);
    lua_pushnumber(L, sim_obligations(api->v.world, i, h < 0 || h > INT_MAX ? -1 : (int)h));
    return 1;
}

static int l_funding_room(lua_State *L)
{
    return push_of_actor(L, sim_pay_funding_room);
}

/* stake(of [, holder]) -> shares, value, proceeds: billions of `of`'s shares the holder (the
 * strategy's own actor by default) holds, their value at the price, and what selling them all
 * now would fetch after the discount (sim_turn_sale_proceeds). */
static int l_stake(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    const SimWorld *w = api->v.world;
    int j = scr_api_check_actor(L, api, 1);
    int i = lua_isnoneornil(L, 2) ? api->v.self : scr_api_check_actor(L, api, 2);
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
    ScrApi *api = scr_api_of(L);
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

/* Reads argument 1, a table, as an intent into *in (its operation's name in *op), as
 * scr_api_read_intent does: 1, 0 for a pass, or -1 with why (cap bytes). */
static int read_arg_intent(lua_State *L, ScrApi *api, SimIntent *in, const char **op, char *why,
                           size_t cap)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int line = 0;
    return scr_api_read_intent(L, api, 1, in, op, &line, why, cap);
}

static int l_check(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    const SimWorld *w = scr_api_world_of(L, api);
    SimIntent in;
    const char *op;
    char why[256];
    int rc = read_arg_intent(L, api, &in, &op, why, sizeof why);
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
    ScrApi *api = scr_api_of(L);
    scr_api_world_of(L, api);
    SimIntent in;
    const char *op;
    char why[256];
    int rc = read_arg_intent(L, api, &in, &op, why, sizeof why);
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
 * Offers by ref: view.deal */

void scr_api_note_ref(lua_State *L, ScrApi *api, int t, int k)
{
    if (k < 0 || k >= SIM_MAX_INTENTS)
        return;
    if (api->pending_n > 0 &&
        (api->pending_world != api->v.world || api->pending_turn != api->v.world->turn))
        api->pending_n = 0; /* left from a decide whose turn never resolved */
    lua_pushliteral(L, "ref");
    const char *ref = lua_rawget(L, t) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    while (api->pending_n < k)
        api->pending[api->pending_n++][0] = '\0';
    if (api->pending_n == k) {
        core_strlcpy(api->pending[k], ref, sizeof api->pending[k]);
        api->pending_n = k + 1;
    }
    lua_pop(L, 1);
    api->pending_world = api->v.world;
    api->pending_turn = api->v.world->turn;
}

void scr_api_take_refs(lua_State *L, ScrApi *api)
{
    const SimWorld *w = api->v.world;
    if (api->pending_n == 0)
        return;
    if (w != api->pending_world || !w->intents || w->turn <= api->pending_turn) {
        if (w != api->pending_world || w->turn < api->pending_turn)
            api->pending_n = 0;
        return;
    }
    const SimIntentList *l = &w->intents[api->v.self];
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_refs);
    for (int k = 0; k < api->pending_n; k++) {
        int made = l->v[k].made;
        if (!api->pending[k][0] || made < 0 || made >= w->n_deals)
            continue;
        lua_pushinteger(L, made);
        lua_setfield(L, -2, api->pending[k]);
    }
    lua_pop(L, 1);
    api->pending_n = 0;
}

void scr_api_forget_refs(ScrApi *api)
{
    api->pending_n = 0;
}

/* Whether actor me may see deal d through view.deal: a deal it is party to or proposed, or one
 * that was signed (public from its announcement). */
static int deal_visible(const SimDeal *d, int me)
{
    if (d->proposer == me || d->t.payer == me || d->t.payee == me)
        return 1;
    return d->status != SIM_DS_PROPOSED && d->status != SIM_DS_COUNTERED &&
           d->status != SIM_DS_REJECTED && d->status != SIM_DS_EXPIRED;
}

/* view.deal(id | ref | intent): the record of a deal, by its id, by the ref a constructor gave
 * its offer, or by the intent itself; nil if there is none (yet) that the script may see. */
static int l_view_deal(lua_State *L)
{
    ScrApi *api = scr_api_of(L);
    const SimWorld *w = scr_api_world_of(L, api);
    lua_settop(L, 1);
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_getfield(L, 1, "ref");
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "view.deal: this table has no ref (an offer made by propose{...}, "
                                 "a shorthand or counter has one)");
        lua_replace(L, 1);
    }
    lua_Integer k;
    if (lua_type(L, 1) == LUA_TSTRING) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_refs);
        lua_pushvalue(L, 1);
        if (lua_rawget(L, -2) != LUA_TNUMBER) {
            lua_pushnil(L); /* not made yet: the turn makes offers after every decide */
            return 1;
        }
        k = lua_tointeger(L, -1);
    } else if (lua_isinteger(L, 1)) {
        k = lua_tointeger(L, 1);
    } else {
        return luaL_error(L, "view.deal: expected a deal id, a ref or an offer, got %s",
                          luaL_typename(L, 1));
    }
    if (k < 0 || k >= w->n_deals || !deal_visible(&w->deals[k], api->v.self)) {
        lua_pushnil(L);
        return 1;
    }
    scr_api_push_cached(L, api, api->ref_deals, C_DEAL, (int)k);
    return 1;
}

void scr_api_push_view_deal(lua_State *L, ScrApi *api)
{
    lua_pushlightuserdata(L, api);
    lua_pushcclosure(L, l_view_deal, 1);
}

static const luaL_Reg query_funcs[] = {{"expected_jump", l_expected_jump},
                                       {"exposure", l_exposure},
                                       {"circularity", l_circularity},
                                       {"fomo", l_fomo},
                                       {"obligations", l_obligations},
                                       {"funding_room", l_funding_room},
                                       {"check", l_check},
                                       {"deal_size", l_deal_size},
                                       {"stake", l_stake},
                                       {"exit_cost", l_exit_cost},
                                       {NULL, NULL}};

/* The helpers as globals (the table at -1), each with the context as its upvalue. */
void scr_query_open(lua_State *L, ScrApi *api)
{
    lua_pushlightuserdata(L, api);
    luaL_setfuncs(L, query_funcs, 1);
}
