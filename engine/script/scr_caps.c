/* scr_caps: the string, table and math functions a sandbox caps or replaces: string.rep and
 * the pattern functions within a cost, the table functions that take counts within
 * SCR_TABLE_MAX, math.random from the sandbox's own stream.
 *
 * Ownership: nothing of its own. */
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>
#include <lualib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * string */

static int l_rep(lua_State *L)
{
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || (l == 0 && lsep == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    double total = (double)n * (double)l + (double)(n - 1) * (double)lsep;
    if (total > (double)SCR_REP_MAX) {
        char msg[128]; /* lua_pushfstring knows no %.0f */
        snprintf(msg, sizeof msg, "string.rep: the result would be %.0f bytes (at most %zu)", total,
                 SCR_REP_MAX);
        return luaL_error(L, "%s", msg);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* Worst-case steps of Lua's backtracking matcher for pattern p on a subject of n bytes: with k
 * quantified items (* + - ?) a path picks k lengths summing to at most n, so C(n + k, k) paths
 * per start, each costing about the pattern's length (times n for %b and back-references,
 * which scan); n + 1 starts unless anchored. Plain search: n * length. */
static double pattern_cost(const char *p, size_t lp, size_t n, int plain, int anchorable)
{
    double dn = (double)n;
    if (plain)
        return (dn + 1.0) * ((double)lp + 1.0);
    size_t i = 0;
    int anchored = 0, k = 0, heavy = 0;
    if (anchorable && lp > 0 && p[0] == '^') {
        anchored = 1;
        i = 1;
    }
    while (i < lp) {
        char c = p[i];
        if (c == '(' || c == ')') {
            i++;
            continue;
        }
        if (c == '%' && i + 1 < lp) {
            char d = p[i + 1];
            if (d == 'b') {
                heavy = 1;
                i += 4;
                continue;
            }
            if (d == 'f') {
                i += 2;
                if (i < lp && p[i] == '[') {
                    i++;
                    if (i < lp && p[i] == '^')
                        i++;
                    do {
                        if (i < lp && p[i] == '%')
                            i++;
                        i++;
                    } while (i < lp && p[i] != ']');
                    i++;
                }
                continue;
            }
            if (d >= '0' && d <= '9') {
                heavy = 1;
                i += 2;
                continue;
            }
            i += 2;
        } else if (c == '[') {
            i++;
            if (i < lp && p[i] == '^')
                i++;
            do { /* the first character of a set is a member even if it is ']' */
                if (i < lp && p[i] == '%')
                    i++;
                i++;
            } while (i < lp && p[i] != ']');
            i++;
        } else {
            i++;
        }
        if (i < lp && (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?')) {
            k++;
            i++;
        }
    }
    double paths = 1.0;
    for (int j = 1; j <= k && paths < 1e30; j++)
        paths = paths * (dn + (double)j) / (double)j;
    double per = (double)lp + 1.0;
    if (heavy)
        per *= dn + 1.0;
    return (anchored ? 1.0 : dn + 1.0) * paths * per;
}

static int has_specials(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr("^$*+?.([%-", p[i]))
            return 1;
    return 0;
}

/* find, match, gmatch, gsub: refuse calls whose worst case is too long to run inside C (the hook
 * cannot stop them), charge the rest by their worst case. Upvalues: the real function, its kind
 * (0 find, 1 match, 2 gmatch, 3 gsub). */
static int l_pattern(lua_State *L)
{
    static const char *const names[] = {"find", "match", "gmatch", "gsub"};
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    size_t ls, lp;
    luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    lua_Integer init = 1;
    if (kind != 3)
        init = luaL_optinteger(L, 3, 1);
    if (init < 0)
        init = (lua_Integer)ls + init + 1 < 1 ? 1 : (lua_Integer)ls + init + 1;
    else if (init == 0)
        init = 1;
    size_t n = init > (lua_Integer)ls + 1 ? 0 : ls - (size_t)(init - 1);
    int plain = kind == 0 && (lua_toboolean(L, 4) || !has_specials(p, lp));
    /* gmatch reads a leading '^' as a plain character */
    double cost = pattern_cost(p, lp, n, plain, kind != 2);
    if (cost > SCR_PATTERN_MAX) {
        char msg[224];
        snprintf(msg, sizeof msg,
                 "string.%s: pattern too costly for a %zu-byte subject (up to %.3g steps; the "
                 "limit is %.3g): use a plain find or a shorter subject",
                 names[kind], n, cost, SCR_PATTERN_MAX);
        return luaL_error(L, "%s", msg);
    }
    scr_sandbox_charge(L, (int64_t)(cost / 2.0) + 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* format without %p (an address) and with %s of tables through safe_tostring (no address). */
static int l_format(lua_State *L)
{
    size_t lf;
    const char *f = luaL_checklstring(L, 1, &lf);
    int top = lua_gettop(L), arg = 1;
    for (size_t i = 0; i < lf; i++) {
        if (f[i] != '%')
            continue;
        if (++i < lf && f[i] == '%')
            continue;
        arg++;
        while (i < lf && f[i] != '\0' && strchr("-+ #0123456789.", f[i]))
            i++;
        if (i >= lf)
            break;
        if (f[i] == 'p')
            return luaL_error(L, "string.format: %%p is not allowed (it would show an address)");
        if (f[i] == 's' && arg <= top && lua_type(L, arg) != LUA_TSTRING &&
            lua_type(L, arg) != LUA_TNUMBER) {
            scr_sb_safe_tostring(L, arg);
            lua_replace(L, arg);
        }
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, top, 1);
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * table: the functions that take counts, rewritten so that no count escapes the caps (a __len
 * is asked once, its answer checked before any loop). */

static void check_count(lua_State *L, const char *fname, lua_Unsigned count)
{
    if (count > (lua_Unsigned)SCR_TABLE_MAX)
        luaL_error(L, "table.%s: %I elements is too many (at most %I)", fname,
                   (lua_Integer)(count > (lua_Unsigned)LUA_MAXINTEGER ? LUA_MAXINTEGER : count),
                   (lua_Integer)SCR_TABLE_MAX);
    scr_sandbox_charge(L, (int64_t)count);
}

static lua_Integer checked_len(lua_State *L, const char *fname)
{
    lua_Integer n = luaL_len(L, 1);
    if (n < 0 || n > SCR_TABLE_MAX)
        luaL_error(L, "table.%s: the table's length %I is out of range (0..%I)", fname, n,
                   (lua_Integer)SCR_TABLE_MAX);
    return n;
}

static int l_insert(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer e = checked_len(L, "insert") + 1, pos;
    switch (lua_gettop(L)) {
    case 2:
        pos = e;
        break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        check_count(L, "insert", (lua_Unsigned)(e - pos));
        for (lua_Integer i = e; i > pos; i--) {
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

static int l_remove(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer size = checked_len(L, "remove");
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    if (size > pos)
        check_count(L, "remove", (lua_Unsigned)(size - pos));
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

static int l_move(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
    if (tt == 5)
        luaL_checktype(L, 5, LUA_TTABLE);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        lua_Integer n = e - f + 1;
        check_count(L, "move", (lua_Unsigned)n);
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < n; i++) {
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
            }
        } else {
            for (lua_Integer i = n - 1; i >= 0; i--) {
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
            }
        }
    }
    lua_pushvalue(L, tt);
    return 1;
}

static void concat_field(lua_State *L, luaL_Buffer *b, lua_Integer i)
{
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid value (at index %I) in table for 'concat'", i);
    luaL_addvalue(b);
}

static int l_concat(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t lsep;
    const char *sep = luaL_optlstring(L, 2, "", &lsep);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    if (i <= last)
        check_count(L, "concat", (lua_Unsigned)last - (lua_Unsigned)i + 1u);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (; i < last; i++) {
        concat_field(L, &b, i);
        luaL_addlstring(&b, sep, lsep);
    }
    if (i == last)
        concat_field(L, &b, i);
    luaL_pushresult(&b);
    return 1;
}

static int l_unpack(lua_State *L)
{
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer e = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    if (i > e)
        return 0;
    lua_Unsigned n = (lua_Unsigned)e - (lua_Unsigned)i;
    if (n >= (lua_Unsigned)SCR_TABLE_MAX || !lua_checkstack(L, (int)(++n)))
        return luaL_error(L, "too many results to unpack");
    check_count(L, "unpack", n);
    for (; i < e; i++)
        lua_geti(L, 1, i);
    lua_geti(L, 1, e);
    return (int)n;
}

/* The real sort, on tables without __len (whose length could change between our check and
 * sort's own reading of it). */
static int l_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL)
        return luaL_error(L, "table.sort: cannot sort a table with a __len metamethod (view "
                             "tables are read-only: copy one first)");
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    check_count(L, "sort", (lua_Unsigned)n);
    scr_sandbox_charge(L, scr_sb_sort_cost(n));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 0);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * math: the caller's stream instead of a time-seeded one */

/* Uniform in [0, n] by rejection (no modulo bias). */
static uint64_t project(CoreRng *r, uint64_t n)
{
    if (n == UINT64_MAX)
        return core_rng_next(r);
    uint64_t lim = n + 1, floor = (0 - lim) % lim;
    for (;;) {
        uint64_t x = core_rng_next(r);
        if (x >= floor)
            return x % lim;
    }
}

static int l_random(lua_State *L)
{
    CoreRng *r = &scr_sandbox_of(L)->rng;
    lua_Integer low, up;
    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, (lua_Number)core_rng_uniform(r));
        return 1;
    case 1:
        low = 1;
        up = luaL_checkinteger(L, 1);
        if (up == 0) {
            lua_pushinteger(L, (lua_Integer)core_rng_next(r));
            return 1;
        }
        break;
    case 2:
        low = luaL_checkinteger(L, 1);
        up = luaL_checkinteger(L, 2);
        break;
    default:
        return luaL_error(L, "wrong number of arguments");
    }
    luaL_argcheck(L, low <= up, lua_gettop(L), "interval is empty");
    uint64_t v = project(r, (uint64_t)up - (uint64_t)low);
    lua_pushinteger(L, (lua_Integer)((uint64_t)low + v));
    return 1;
}

/* randomseed(): back to the caller's seed; randomseed(n [, m]): a stream of its own. */
static int l_randomseed(lua_State *L)
{
    ScrSandbox *sb = scr_sandbox_of(L);
    if (lua_isnone(L, 1)) {
        core_rng_seed_named(&sb->rng, sb->seed, sb->stream);
        return 0;
    }
    lua_Integer a = luaL_checkinteger(L, 1), b = luaL_optinteger(L, 2, 0);
    core_rng_seed(&sb->rng, (uint64_t)a ^ ((uint64_t)b * 0x9e3779b97f4a7c15ull));
    return 0;
}

/* Replaces t[name] (t at -1) by f with the old value as upvalue 1 (and `extra` as upvalue 2 when
 * extra >= 0). */
static void wrap(lua_State *L, const char *name, lua_CFunction f, int extra)
{
    lua_getfield(L, -1, name);
    if (extra >= 0) {
        lua_pushinteger(L, extra);
        lua_pushcclosure(L, f, 2);
    } else {
        lua_pushcclosure(L, f, 1);
    }
    lua_setfield(L, -2, name);
}

static const luaL_Reg table_funcs[] = {{"insert", l_insert}, {"remove", l_remove}, {"move", l_move},
                                       {"concat", l_concat}, {"unpack", l_unpack}, {NULL, NULL}};

static const luaL_Reg math_funcs[] = {
    {"random", l_random}, {"randomseed", l_randomseed}, {NULL, NULL}};

void scr_caps_open(lua_State *L)
{
    lua_getfield(L, -1, LUA_STRLIBNAME); /* the real table: strings index it */
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    wrap(L, "rep", l_rep, -1);
    wrap(L, "find", l_pattern, 0);
    wrap(L, "match", l_pattern, 1);
    wrap(L, "gmatch", l_pattern, 2);
    wrap(L, "gsub", l_pattern, 3);
    wrap(L, "format", l_format, -1);
    lua_pop(L, 1);
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_TABLIBNAME);
    luaL_setfuncs(L, table_funcs, 0);
    wrap(L, "sort", l_sort, -1);
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_MATHLIBNAME);
    luaL_setfuncs(L, math_funcs, 0);
    lua_pop(L, 1);
}
