/* scr_memory: view.memory, the one writable part of the view: checked after each call to hold
 * plain data only (scr_api_check_memory), so that a save can keep it.
 *
 * Ownership: the memory table lives in the registry (the context's reference). */
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
    if (depth > 0 && lua_getmetatable(L, t)) { /* view.memory's own is the API's */
        int view = lua_rawgetp(L, -1, scr_sandbox_proxy_key()) != LUA_TNIL;
        lua_pop(L, 2);
        snprintf(pb->what, sizeof pb->what, "%s",
                 view ? "a view table (copy the values you need: {cash = view.self.cash})"
                      : "a table with a metatable");
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

/* __newindex of view.memory: (memory, key, value). A view table stored at a new key fails there,
 * at the script's line; anything else is set as in a plain table (the checks after the call
 * see the rest). */
static int l_memory_set(lua_State *L)
{
    lua_settop(L, 3);
    if (lua_type(L, 3) == LUA_TTABLE && lua_getmetatable(L, 3)) {
        int view = lua_rawgetp(L, -1, scr_sandbox_proxy_key()) != LUA_TNIL;
        lua_pop(L, 2);
        if (view)
            return luaL_error(L,
                              "view.memory.%s = a view table: memory keeps plain data (view "
                              "tables change every turn); copy the values you need, for example "
                              "{cash = view.self.cash}",
                              lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
    }
    lua_rawset(L, 1);
    return 0;
}

void scr_api_memory_open(lua_State *L, int mem)
{
    mem = lua_absindex(L, mem);
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, l_memory_set);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, mem);
}

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
    scr_sandbox_clear(L, mem);
    scr_api_raise_msg(L, "%s", msg);
}

int scr_api_memory_ref(const ScrApi *api)
{
    return api->ref_memory;
}
