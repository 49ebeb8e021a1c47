/* scr_api: the strategy API's context (scr_api.h): making it, installing the view's functions and
 * the globals (each module's luaL_Reg table, through its open function), and the small helpers
 * every part shares (scr_api_int.h).
 *
 * Ownership: scr_api_create allocates the context, scr_api_destroy frees it. */
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

/* Classes made stale at every call (the three lists are checked one by one instead). */
int scr_api_per_call(int cls)
{
    return cls == C_NEWS || cls == C_SERIES;
}

/* Records (actors, deals, events): the class's slot in ref_record_mt, or -1. */
int scr_api_record_slot(int cls)
{
    return cls == C_ACTOR ? 0 : cls == C_DEAL ? 1 : cls == C_EVENT ? 2 : -1;
}

/* The key (its address, as a light userdata) under which a record's proxy keeps its index. */
char scr_api_record_key;

/* Raises a message that already names the script (no position prepended). */
int scr_api_raise_msg(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return lua_error(L);
}

ScrApi *scr_api_of(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

const SimWorld *scr_api_world_of(lua_State *L, ScrApi *api)
{
    if (!api->active)
        luaL_error(L, "the world can only be read during init, decide or on_event");
    return api->v.world;
}

/* ---------------------------------------------------------------------------------------------
 * Small setters on the table at t */

void scr_api_setn(lua_State *L, int t, const char *k, double v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, t, k);
}

void scr_api_seti(lua_State *L, int t, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, t, k);
}

void scr_api_sets(lua_State *L, int t, const char *k, const char *v)
{
    if (v)
        lua_pushstring(L, v);
    else
        lua_pushnil(L);
    lua_setfield(L, t, k);
}

/* The same, with a key from the key array at stack index K. */
void scr_api_knum(lua_State *L, int K, int t, int key, double v)
{
    lua_rawgeti(L, K, key + 1);
    lua_pushnumber(L, v);
    lua_rawset(L, t);
}

void scr_api_kint(lua_State *L, int K, int t, int key, lua_Integer v)
{
    lua_rawgeti(L, K, key + 1);
    lua_pushinteger(L, v);
    lua_rawset(L, t);
}

void scr_api_kstr(lua_State *L, int K, int t, int key, const char *v)
{
    lua_rawgeti(L, K, key + 1);
    if (v)
        lua_pushstring(L, v);
    else
        lua_pushnil(L);
    lua_rawset(L, t);
}

int scr_api_push_keys(lua_State *L, ScrApi *api)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref_keys);
    return lua_gettop(L);
}

const char *scr_api_actor_id(const SimWorld *w, int i)
{
    if (i >= 0 && i < w->n)
        return w->sc->actors[i].id;
    return i == SIM_WORLD ? "world" : NULL;
}

const char *scr_api_role_name(SimRole r)
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

int scr_api_check_actor(lua_State *L, ScrApi *api, int idx)
{
    const SimWorld *w = scr_api_world_of(L, api);
    int i = find_actor(L, api, idx);
    if (i < 0 && lua_type(L, idx) == LUA_TSTRING) {
        size_t len;
        const char *id = lua_tolstring(L, idx, &len);
        const char *ids[128];
        int n = w->n < 128 ? w->n : 128;
        for (int k = 0; k < n; k++)
            ids[k] = w->sc->actors[k].id;
        int near = core_nearest(id, len, ids, n);
        if (near >= 0)
            luaL_error(L, "unknown actor '%s'; did you mean '%s'?", id, ids[near]);
        luaL_error(L, "unknown actor '%s'", id);
    }
    if (i < 0)
        luaL_error(L, "expected an actor id, got %s", luaL_typename(L, idx));
    return i;
}

/* ---------------------------------------------------------------------------------------------
 * Strict reads: an unknown field of a view table is an error that names it */

int scr_api_no_field(lua_State *L, const char *path, int key, const char *const *names, int n,
                     const char *where)
{
    size_t len;
    const char *k = lua_tolstring(L, key, &len);
    int near = core_nearest(k, len, names, n);
    if (near >= 0)
        return luaL_error(L, "%s.%s: no such field; did you mean '%s'?", path, k, names[near]);
    return luaL_error(L, "%s.%s: no such field (the fields are in docs/strategy-api.md, %s)", path,
                      k, where);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* __index of a constant view table's target: (target, key); upvalues: the table's path, the
 * docs section. Other keys than strings (ipairs reading past the end) read nil. */
static int l_strict(lua_State *L)
{
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    const char *names[64];
    int n = 0;
    luaL_checkstack(L, 72, NULL);
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && n < 64) {
            lua_pushvalue(L, -1);
            lua_insert(L, 3); /* keep the string alive below the iteration */
            names[n++] = lua_tostring(L, 3);
        }
    }
    qsort(names, (size_t)n, sizeof names[0], by_name);
    return scr_api_no_field(L, lua_tostring(L, lua_upvalueindex(1)), 2, names, n,
                            lua_tostring(L, lua_upvalueindex(2)));
}

void scr_api_make_strict(lua_State *L, int t, const char *path, const char *where)
{
    t = lua_absindex(L, t);
    lua_createtable(L, 0, 2);
    lua_pushstring(L, path);
    lua_pushstring(L, where);
    lua_pushcclosure(L, l_strict, 2);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, t);
}

void scr_api_unref(lua_State *L, int *ref)
{
    luaL_unref(L, LUA_REGISTRYINDEX, *ref);
    *ref = LUA_NOREF;
}

int scr_api_keep(lua_State *L)
{
    return luaL_ref(L, LUA_REGISTRYINDEX);
}
/* ---------------------------------------------------------------------------------------------
 * Installing */

/* Installs the API in the sandbox's state: each part opens itself (the view's functions first:
 * the records' metatables use them), then view.memory and the registry's shared tables. */
static int install(lua_State *L)
{
    ScrApi *api = lua_touserdata(L, 1);
    scr_view_open(L, api);
    scr_record_open(L, api);
    lua_createtable(L, 0, 0);
    scr_api_memory_open(L, -1);
    api->ref_memory = scr_api_keep(L);
    lua_createtable(L, 8, 0);
    api->ref_fresh = scr_api_keep(L);
    lua_createtable(L, 0, 0);
    api->ref_seen = scr_api_keep(L);
    lua_createtable(L, 0, 0);
    api->ref_refs = scr_api_keep(L);
    lua_createtable(L, K_COUNT, 0);
    for (int k = 0; k < K_COUNT; k++) {
        lua_pushstring(L, key_names[k]);
        lua_rawseti(L, -2, k + 1);
    }
    api->ref_keys = scr_api_keep(L);
    lua_pushglobaltable(L);
    scr_query_open(L, api);
    scr_intent_open(L, api);
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
    api->ref_turn = -2;
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
