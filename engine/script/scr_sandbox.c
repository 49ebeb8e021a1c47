/* scr_sandbox: the sandbox's state: making and setting it up (which library parts go in, and
 * from which file), closing it, and its accessors. The parts live beside it (scr_sandbox_int.h
 * lists them).
 *
 * Ownership: scr_sandbox_create allocates the struct and the state; scr_sandbox_destroy frees
 * both. */
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>
#include <lualib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Registry keys (their addresses). */
static char proxy_key; /* in a proxy's metatable: its resolver */

/* ---------------------------------------------------------------------------------------------
 * The state and its limits */

ScrLimits scr_limits_default(void)
{
    ScrLimits l = {SCR_DEFAULT_MEMORY, SCR_DEFAULT_INSTRUCTIONS, SCR_DEFAULT_WALL_MS};
    return l;
}

ScrSandbox *scr_sandbox_of(lua_State *L)
{
    return *(ScrSandbox **)lua_getextraspace(L);
}

lua_State *scr_sandbox_lua(ScrSandbox *sb)
{
    return sb->L;
}

const char *scr_sandbox_name(const ScrSandbox *sb)
{
    return sb->src;
}

const void *scr_sandbox_proxy_key(void)
{
    return &proxy_key;
}

/* "name:LINE: " of the innermost running function of the script's own chunk; else (only modules
 * of scripts/lib run, or none) of the innermost Lua function; else "name: ". */
void scr_sb_where(lua_State *L, const ScrSandbox *sb, char *buf, size_t n)
{
    lua_Debug ar;
    int found = 0;
    for (int level = 0; level < 100 && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            if (!found || strcmp(ar.short_src, sb->src) == 0)
                snprintf(buf, n, "%s:%d: ", ar.short_src, ar.currentline);
            found = 1;
            if (strcmp(ar.short_src, sb->src) == 0)
                return;
        }
    }
    if (!found)
        snprintf(buf, n, "%s: ", sb->src);
}

/* ---------------------------------------------------------------------------------------------
 * Setting up */

static int setup(lua_State *L)
{
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    lua_pop(L, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    lua_pop(L, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    lua_pop(L, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_pop(L, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 1);

    lua_pushglobaltable(L);
    static const char *const gone[] = {"dofile",         "loadfile", "load", "loadstring",
                                       "collectgarbage", "warn",     NULL};
    for (int k = 0; gone[k]; k++) {
        lua_pushnil(L);
        lua_setfield(L, -2, gone[k]);
    }
    scr_base_open(L);
    scr_caps_open(L);
    scr_require_open(L);
    lua_pop(L, 1); /* globals */
    return 0;
}

static int panic(lua_State *L)
{
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
    fprintf(stderr, "closedloop: unprotected error in a Lua sandbox: %s\n", msg);
    return 0; /* Lua aborts */
}

ScrSandbox *scr_sandbox_create(const ScrLimits *lim, uint64_t seed, const char *stream, char *err,
                               size_t errsz)
{
    ScrSandbox *sb = calloc(1, sizeof *sb);
    if (!sb) {
        core_errf(err, errsz, "out of memory for a Lua sandbox");
        return NULL;
    }
    sb->lim = lim ? *lim : scr_limits_default();
    sb->seed = seed;
    core_strlcpy(sb->stream, stream ? stream : "", sizeof sb->stream);
    core_rng_seed_named(&sb->rng, seed, sb->stream);
    core_strlcpy(sb->src, "?", sizeof sb->src);
    sb->L = lua_newstate(scr_sb_alloc, sb);
    if (!sb->L) {
        free(sb);
        core_errf(err, errsz, "out of memory for a Lua state");
        return NULL;
    }
    *(ScrSandbox **)lua_getextraspace(sb->L) = sb;
    lua_atpanic(sb->L, panic);
    lua_pushcfunction(sb->L, setup);
    char why[256];
    if (scr_sandbox_call(sb, 0, 0, why, sizeof why) < 0) {
        scr_sandbox_destroy(sb);
        core_errf(err, errsz, "cannot set up a Lua sandbox: %s", why);
        return NULL;
    }
    lua_gc(sb->L, LUA_GCCOLLECT, 0);
    if (sb->lim.memory && sb->used + ((size_t)16 << 10) > sb->lim.memory) {
        core_errf(err, errsz, "the memory limit (%zu bytes) is below what a Lua state needs (%zu)",
                  sb->lim.memory, sb->used + ((size_t)16 << 10));
        scr_sandbox_destroy(sb);
        return NULL;
    }
    sb->limit_on = 1;
    return sb;
}

void scr_sandbox_destroy(ScrSandbox *sb)
{
    if (!sb)
        return;
    if (sb->L) {
        sb->limit_on = 0;
        lua_close(sb->L);
    }
    scr_sb_pool_free_all(sb);
    free(sb);
}
