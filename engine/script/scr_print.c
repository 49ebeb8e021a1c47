/* scr_print: print and tostring inside a sandbox. Numbers and strings as Lua writes them,
 * __tostring if a value has one, otherwise its type name: never an address, which would change
 * from run to run. print keeps at most SCR_OUTPUT_MAX bytes in the sandbox (scr_sandbox_output)
 * and charges one unit per ALLOC_UNIT bytes.
 *
 * Ownership: the output lives in the sandbox. */
#include "scr_sandbox_int.h"

#include <lauxlib.h>

#include <stdio.h>
#include <string.h>

/* Pushes a string for the value at idx: numbers and strings as Lua writes them, __tostring if the
 * value has one, otherwise its type name (never an address). */
const char *scr_sb_safe_tostring(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
        lua_pushvalue(L, idx);
        return lua_tostring(L, -1);
    case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TNIL:
        lua_pushliteral(L, "nil");
        break;
    default:
        if (luaL_callmeta(L, idx, "__tostring")) {
            if (!lua_isstring(L, -1))
                luaL_error(L, "'__tostring' must return a string");
        } else {
            lua_pushstring(L, luaL_typename(L, idx));
        }
        break;
    }
    return lua_tostring(L, -1);
}

int scr_sb_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    scr_sb_safe_tostring(L, 1);
    return 1;
}

static void out_append(ScrSandbox *sb, const char *s, size_t n)
{
    size_t room = SCR_OUTPUT_MAX - sb->out_len;
    if (n > room) {
        n = room;
        sb->out_truncated = 1;
    }
    memcpy(sb->out + sb->out_len, s, n);
    sb->out_len += n;
    sb->out[sb->out_len] = '\0';
}

/* dump: a value as text, tables opened in pairs' fixed order. */
typedef struct {
    char s[SCR_DUMP_MAX + 1];
    size_t n;
    int cut;
} Dump;

static void dump_put(Dump *d, const char *s, size_t n)
{
    if (d->cut)
        return;
    if (n > SCR_DUMP_MAX - d->n) {
        n = SCR_DUMP_MAX - d->n;
        d->cut = 1;
    }
    memcpy(d->s + d->n, s, n);
    d->n += n;
    d->s[d->n] = '\0';
}

static void dump_str(Dump *d, const char *s, size_t n)
{
    dump_put(d, "\"", 1);
    for (size_t k = 0; k < n && !d->cut; k++) {
        unsigned char c = (unsigned char)s[k];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            dump_put(d, esc, 2);
        } else if (c < 32 || c == 127) {
            snprintf(esc, sizeof esc, "\\%d", c);
            dump_put(d, esc, strlen(esc));
        } else {
            dump_put(d, (const char *)&s[k], 1);
        }
    }
    dump_put(d, "\"", 1);
}

/* A key as it would be written in a table constructor: name = or [key] =. */
static void dump_key(lua_State *L, Dump *d, int k)
{
    size_t n;
    if (lua_type(L, k) == LUA_TSTRING) {
        const char *s = lua_tolstring(L, k, &n);
        int ident = n > 0 && !(s[0] >= '0' && s[0] <= '9');
        for (size_t j = 0; j < n && ident; j++)
            ident = (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                    (s[j] >= '0' && s[j] <= '9') || s[j] == '_';
        if (ident) {
            dump_put(d, s, n);
        } else {
            dump_put(d, "[", 1);
            dump_str(d, s, n);
            dump_put(d, "]", 1);
        }
    } else {
        const char *s = scr_sb_safe_tostring(L, k);
        dump_put(d, "[", 1);
        dump_put(d, s, strlen(s));
        dump_put(d, "]", 1);
        lua_pop(L, 1);
    }
    dump_put(d, " = ", 3);
}

static void dump_value(lua_State *L, Dump *d, int v, int depth, int max_depth);

/* The table at t: {1, 2, name = value, ...}; the top level of a long one a line per entry. */
static void dump_table(lua_State *L, Dump *d, int t, int depth, int max_depth)
{
    if (depth >= max_depth) {
        dump_put(d, "{...}", 5);
        return;
    }
    luaL_checkstack(L, 8, "dump: tables nested too deep");
    scr_sandbox_sorted_keys(L, t);
    int keys = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, keys);
    int lines = depth == 0 && n > 4;
    dump_put(d, "{", 1);
    for (lua_Integer j = 1; j <= n && !d->cut; j++) {
        lua_rawgeti(L, keys, j);
        int k = lua_gettop(L);
        if (j > 1)
            dump_put(d, ",", 1);
        dump_put(d, lines ? "\n  " : j > 1 ? " " : "", lines ? 3 : j > 1 ? 1 : 0);
        if (!(lua_isinteger(L, k) && lua_tointeger(L, k) == j))
            dump_key(L, d, k);
        lua_pushvalue(L, k);
        lua_gettable(L, t); /* through view proxies */
        dump_value(L, d, lua_gettop(L), depth + 1, max_depth);
        lua_settop(L, keys);
    }
    if (lines)
        dump_put(d, "\n", 1);
    dump_put(d, "}", 1);
    lua_settop(L, keys - 1);
    scr_sandbox_charge(L, n);
}

static void dump_value(lua_State *L, Dump *d, int v, int depth, int max_depth)
{
    size_t n;
    int type = lua_type(L, v);
    if (type == LUA_TSTRING) {
        const char *s = lua_tolstring(L, v, &n);
        dump_str(d, s, n);
        return;
    }
    if (type == LUA_TTABLE) {
        /* A table of the script's own with __tostring is written as that gives. */
        int own = luaL_getmetafield(L, v, "__tostring") != LUA_TNIL;
        if (own)
            lua_pop(L, 1);
        if (!own || scr_sb_is_proxy(L, v)) {
            dump_table(L, d, v, depth, max_depth);
            return;
        }
    }
    const char *s = scr_sb_safe_tostring(L, v);
    dump_put(d, s, strlen(s));
    lua_pop(L, 1);
}

/* Pushes the dump of the value at idx, at most max_depth tables deep. */
static void push_dump(lua_State *L, int idx, int max_depth)
{
    Dump *d = lua_newuserdatauv(L, sizeof(Dump), 0);
    int ud = lua_gettop(L);
    d->n = 0;
    d->cut = 0;
    d->s[0] = '\0';
    dump_value(L, d, lua_absindex(L, idx), 0, max_depth);
    lua_settop(L, ud);
    if (d->cut) {
        char tail[64];
        snprintf(tail, sizeof tail, " ... (dump cut at %d bytes)", SCR_DUMP_MAX);
        lua_pushlstring(L, d->s, d->n);
        lua_pushstring(L, tail);
        lua_concat(L, 2);
    } else {
        lua_pushlstring(L, d->s, d->n);
    }
    lua_remove(L, ud);
    scr_sandbox_charge(L, (int64_t)(d->n / ALLOC_UNIT));
}

/* dump(value [, depth]): the value as text (docs/strategy-api.md, "Looking inside: dump"). */
int scr_sb_dump(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer depth = luaL_optinteger(L, 2, SCR_DUMP_DEPTH);
    if (depth < 1 || depth > SCR_DUMP_DEPTH_MAX)
        return luaL_error(L, "dump: depth must be from 1 to %d, got %I", SCR_DUMP_DEPTH_MAX, depth);
    push_dump(L, 1, (int)depth);
    return 1;
}

int scr_sb_print(lua_State *L)
{
    ScrSandbox *sb = scr_sandbox_of(L);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        int own = lua_type(L, i) == LUA_TTABLE && luaL_getmetafield(L, i, "__tostring");
        if (own)
            lua_pop(L, 1);
        if (lua_type(L, i) == LUA_TTABLE && !own)
            push_dump(L, i, 2); /* a table printed shows what is in it */
        else
            scr_sb_safe_tostring(L, i);
        const char *s = lua_tolstring(L, -1, &len);
        if (i > 1)
            out_append(sb, "\t", 1);
        out_append(sb, s, len);
        scr_sandbox_charge(L, (int64_t)(len / ALLOC_UNIT));
        lua_pop(L, 1);
    }
    out_append(sb, "\n", 1);
    return 0;
}
