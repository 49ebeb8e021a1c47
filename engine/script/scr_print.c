/* scr_print: print and tostring inside a sandbox. Numbers and strings as Lua writes them,
 * __tostring if a value has one, otherwise its type name: never an address, which would change
 * from run to run. print keeps at most SCR_OUTPUT_MAX bytes in the sandbox (scr_sandbox_output)
 * and charges one unit per ALLOC_UNIT bytes.
 *
 * Ownership: the output lives in the sandbox. */
#include "scr_sandbox_int.h"

#include <lauxlib.h>

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

int scr_sb_print(lua_State *L)
{
    ScrSandbox *sb = scr_sandbox_of(L);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
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
