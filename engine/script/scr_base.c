/* scr_base: the base library's replacements inside a sandbox: pairs and next in a fixed order
 * (through read-only proxies too), sorted keys for savers, pcall and xpcall that charge caught
 * errors and run the handler with hooks on, setmetatable and rawset that refuse __gc, __close and
 * __mode and keep proxies read-only.
 *
 * Ownership: nothing of its own (the seal lives in the state's registry). */
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char seal_key; /* registry: the metatable of tables used as metatables */

/* A key as C sees it, for sorting. */
typedef struct {
    int rank; /* 0 positive integer, 1 other number, 2 string, 3 boolean */
    int isint;
    lua_Integer i;
    lua_Number d;
    const char *s;
    size_t len;
} Key;

static int to_key(lua_State *L, int idx, Key *k)
{
    memset(k, 0, sizeof *k);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        k->i = lua_tointegerx(L, idx, &k->isint); /* 2.0 is the key 2 */
        if (!k->isint)
            k->d = lua_tonumber(L, idx);
        k->rank = k->isint && k->i >= 1 ? 0 : 1;
        return 1;
    case LUA_TSTRING:
        k->rank = 2;
        k->s = lua_tolstring(L, idx, &k->len);
        return 1;
    case LUA_TBOOLEAN:
        k->rank = 3;
        k->i = lua_toboolean(L, idx);
        return 1;
    default:
        return 0;
    }
}

static int key_cmp(const void *pa, const void *pb)
{
    const Key *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    switch (a->rank) {
    case 0:
    case 1:
        if (a->isint && b->isint)
            return (a->i > b->i) - (a->i < b->i);
        else {
            /* long double holds every 64-bit integer exactly (x86-64), so no two distinct keys
             * compare equal and the order never depends on the sort's whims. */
            long double x = a->isint ? (long double)a->i : (long double)a->d;
            long double y = b->isint ? (long double)b->i : (long double)b->d;
            return (x > y) - (x < y);
        }
    case 2: {
        size_t n = a->len < b->len ? a->len : b->len;
        int c = memcmp(a->s, b->s, n);
        if (c)
            return c;
        return (a->len > b->len) - (a->len < b->len);
    }
    default:
        return (int)(a->i - b->i);
    }
}

static void push_key(lua_State *L, const Key *k)
{
    switch (k->rank) {
    case 0:
    case 1:
        if (k->isint)
            lua_pushinteger(L, k->i);
        else
            lua_pushnumber(L, k->d);
        break;
    case 2:
        lua_pushlstring(L, k->s, k->len);
        break;
    default:
        lua_pushboolean(L, (int)k->i);
        break;
    }
}

static int no_order(lua_State *L, int idx)
{
    return luaL_error(L,
                      "a table key of type %s has no fixed order (pairs and next need numbers, "
                      "strings or booleans as keys)",
                      luaL_typename(L, idx));
}

/* Pushes the table a value stands for: a proxy's target, or the table itself. */
int scr_sb_resolve(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_getmetatable(L, idx)) {
        if (lua_rawgetp(L, -1, scr_sandbox_proxy_key()) == LUA_TFUNCTION) {
            lua_pushvalue(L, idx);
            lua_call(L, 1, 1);
            lua_remove(L, -2);
            if (lua_type(L, -1) != LUA_TTABLE)
                luaL_error(L, "a view table failed to resolve");
            return lua_gettop(L);
        }
        lua_pop(L, 2);
    }
    lua_pushvalue(L, idx);
    return lua_gettop(L);
}

/* Counts the keys of table t; sets *array when they are exactly 1..count. */
static lua_Integer count_keys(lua_State *L, int t, int *array)
{
    lua_Integer m = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        m++;
    }
    *array = 1;
    if (m > 0 && lua_rawgeti(L, t, m) == LUA_TNIL)
        *array = 0;
    if (m > 0)
        lua_pop(L, 1);
    for (lua_Integer i = 1; *array && i < m; i++) {
        if (lua_rawgeti(L, t, i) == LUA_TNIL)
            *array = 0;
        lua_pop(L, 1);
    }
    return m;
}

/* Pushes the keys of table t in order into a new array (t holds the strings while we sort). */
static void sorted_keys(lua_State *L, int t, lua_Integer m)
{
    Key *k = lua_newuserdatauv(L, (size_t)m * sizeof *k, 0);
    lua_Integer j = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (j >= m || !to_key(L, -1, &k[j]))
            no_order(L, -1);
        j++;
    }
    qsort(k, (size_t)j, sizeof *k, key_cmp);
    lua_createtable(L, (int)j, 0);
    for (lua_Integer x = 0; x < j; x++) {
        push_key(L, &k[x]);
        lua_rawseti(L, -2, x + 1);
    }
    lua_remove(L, -2); /* the userdata */
}

int64_t scr_sb_sort_cost(lua_Integer m)
{
    int64_t c = 1;
    for (lua_Integer x = m; x > 1; x >>= 1)
        c++;
    return (int64_t)m * c;
}

void scr_sandbox_sorted_keys(lua_State *L, int idx)
{
    int t = scr_sb_resolve(L, idx);
    int array;
    lua_Integer m = count_keys(L, t, &array);
    scr_sandbox_charge(L, scr_sb_sort_cost(m));
    if (array) {
        lua_createtable(L, (int)m, 0);
        for (lua_Integer i = 1; i <= m; i++) {
            lua_pushinteger(L, i);
            lua_rawseti(L, -2, i);
        }
    } else {
        sorted_keys(L, t, m);
    }
    lua_remove(L, t);
}

/* The iterator pairs returns: upvalues table, count, keys (or false for 1..count), position. */
static int pairs_next(lua_State *L)
{
    lua_Integer m = lua_tointeger(L, lua_upvalueindex(2));
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(4));
    int array = !lua_toboolean(L, lua_upvalueindex(3));
    while (pos < m) {
        pos++;
        if (array)
            lua_pushinteger(L, pos);
        else
            lua_rawgeti(L, lua_upvalueindex(3), pos);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNIL) { /* removed meanwhile */
            lua_pop(L, 2);
            continue;
        }
        lua_pushinteger(L, pos);
        lua_replace(L, lua_upvalueindex(4));
        return 2;
    }
    lua_pushinteger(L, pos);
    lua_replace(L, lua_upvalueindex(4));
    return 0;
}

static int l_pairs(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_getmetatable(L, 1)) {
        int proxy = lua_rawgetp(L, -1, scr_sandbox_proxy_key()) != LUA_TNIL;
        lua_pop(L, 1);
        if (!proxy && lua_getfield(L, -1, "__pairs") != LUA_TNIL) { /* the script's own */
            lua_pushvalue(L, 1);
            lua_call(L, 1, 3);
            return 3;
        }
        lua_settop(L, 1);
    }
    int t = scr_sb_resolve(L, 1);
    int array;
    lua_Integer m = count_keys(L, t, &array);
    scr_sandbox_charge(L, array ? m : scr_sb_sort_cost(m));
    if (array)
        lua_pushboolean(L, 0);
    else
        sorted_keys(L, t, m);
    int keys = lua_gettop(L);
    lua_pushvalue(L, t);
    lua_pushinteger(L, m);
    lua_pushvalue(L, keys);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, pairs_next, 4);
    lua_pushnil(L);
    lua_pushnil(L);
    return 3;
}

/* next(t, k) in pairs' order: O(1) along 1, 2, 3, ..., a scan of the keys otherwise. */
static int l_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    int t = scr_sb_resolve(L, 1);
    int isint = 0;
    lua_Integer prev = lua_type(L, 2) == LUA_TNUMBER ? lua_tointegerx(L, 2, &isint) : 0;
    if (lua_isnil(L, 2) || (isint && prev >= 1 && prev < LUA_MAXINTEGER)) {
        lua_Integer i = lua_isnil(L, 2) ? 1 : prev + 1;
        if (i >= 1 && lua_rawgeti(L, t, i) != LUA_TNIL) {
            lua_pushinteger(L, i);
            lua_insert(L, -2);
            return 2;
        }
        lua_pop(L, 1);
    }
    Key after, best, k;
    int has_after = !lua_isnil(L, 2), has_best = 0;
    if (has_after && !to_key(L, 2, &after))
        no_order(L, 2);
    lua_Integer m = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        m++;
        if (!to_key(L, -1, &k))
            no_order(L, -1);
        if ((!has_after || key_cmp(&k, &after) > 0) && (!has_best || key_cmp(&k, &best) < 0)) {
            best = k;
            has_best = 1;
        }
    }
    scr_sandbox_charge(L, m);
    if (!has_best) {
        lua_pushnil(L);
        return 1;
    }
    push_key(L, &best);
    lua_pushvalue(L, -1);
    lua_rawget(L, t);
    return 2;
}

/* pcall, charging each caught error for the unwinding the hook does not see (a loop of errors
 * caught by pcall otherwise ran 15 times longer than a plain loop of the same budget). */
static int l_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int n = lua_gettop(L);
    if (lua_pcall(L, n - 1, LUA_MULTRET, 0) == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, 1);
        return lua_gettop(L);
    }
    scr_sandbox_charge(L, ERROR_COST);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

/* xpcall(f, handler, ...): the handler runs after the protected call has returned, with hooks on,
 * so that it cannot run unbounded (Lua would run it with hooks off inside the error). Its
 * traceback therefore no longer shows the failing frames. */
static int l_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    for (int i = 3; i <= n; i++)
        lua_pushvalue(L, i);
    if (lua_pcall(L, n - 2 < 0 ? 0 : n - 2, LUA_MULTRET, 0) == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, n + 1);
        return lua_gettop(L) - n;
    }
    scr_sandbox_charge(L, ERROR_COST);
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK)
        scr_sandbox_charge(L, ERROR_COST);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

static int forbidden_key(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TSTRING)
        return 0;
    const char *k = lua_tostring(L, idx);
    return strcmp(k, "__gc") == 0 || strcmp(k, "__close") == 0 || strcmp(k, "__mode") == 0;
}

/* Whether the table at idx is in use as a metatable (it carries the seal). */
static int is_sealed(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx))
        return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &seal_key);
    int sealed = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return sealed;
}

/* The seal's __newindex: new keys of a metatable pass, except the three forbidden ones. */
static int l_seal_newindex(lua_State *L)
{
    if (forbidden_key(L, 2))
        return luaL_error(L, "%s cannot be added to a metatable in the sandbox",
                          lua_tostring(L, 2));
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

/* Whether the table at idx is a read-only proxy (its metatable holds a resolver). */
int scr_sb_is_proxy(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx))
        return 0;
    int proxy = lua_rawgetp(L, -1, scr_sandbox_proxy_key()) != LUA_TNIL;
    lua_pop(L, 2);
    return proxy;
}

/* rawset, except into a read-only proxy (a raw key there would shadow the real value) or the
 * three forbidden keys into a metatable. */
static int l_rawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (scr_sb_is_proxy(L, 1))
        return luaL_error(L, "the view is read-only (rawset included)");
    if (forbidden_key(L, 2) && is_sealed(L, 1))
        return luaL_error(L, "%s cannot be added to a metatable in the sandbox",
                          lua_tostring(L, 2));
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* setmetatable without finalizers (__gc), to-be-closed objects (__close) and weak tables
 * (__mode): the first runs with hooks off, the others reach known bugs of Lua 5.4.4. A table used
 * as a metatable gets the seal as its own metatable, so that these keys cannot be added later;
 * hence a metatable cannot have a metatable of its own. */
static int l_setmetatable(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int t = lua_type(L, 2);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    if (is_sealed(L, 1))
        return luaL_error(L, "setmetatable: this table is a metatable, and a metatable cannot "
                             "have a metatable in the sandbox");
    if (t == LUA_TTABLE) {
        static const char *const bad[] = {"__gc", "__close", "__mode"};
        for (int k = 0; k < 3; k++) {
            lua_pushstring(L, bad[k]);
            if (lua_rawget(L, 2) != LUA_TNIL)
                return luaL_error(L, "setmetatable: %s is not allowed in the sandbox", bad[k]);
            lua_pop(L, 1);
        }
        if (lua_rawequal(L, 1, 2))
            return luaL_error(L, "setmetatable: a table cannot be its own metatable here");
        if (!is_sealed(L, 2)) {
            if (lua_getmetatable(L, 2))
                return luaL_error(L, "setmetatable: a table that has a metatable cannot be a "
                                     "metatable in the sandbox");
            lua_rawgetp(L, LUA_REGISTRYINDEX, &seal_key);
            lua_setmetatable(L, 2);
        }
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static const luaL_Reg base_funcs[] = {{"print", scr_sb_print}, {"tostring", scr_sb_tostring},
                                      {"dump", scr_sb_dump},   {"pairs", l_pairs},
                                      {"next", l_next},        {"pcall", l_pcall},
                                      {"xpcall", l_xpcall},    {"setmetatable", l_setmetatable},
                                      {"rawset", l_rawset},    {NULL, NULL}};

void scr_base_open(lua_State *L)
{
    luaL_setfuncs(L, base_funcs, 0);
    lua_createtable(L, 0, 2); /* the seal */
    lua_pushcfunction(L, l_seal_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &seal_key);
}

void scr_sandbox_clear(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) { /* clearing fields that exist is allowed while traversing */
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, idx);
    }
}

void scr_sandbox_copy(lua_State *L, int from, int to)
{
    from = lua_absindex(L, from);
    to = lua_absindex(L, to);
    lua_pushnil(L);
    while (lua_next(L, from)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, to);
    }
}
