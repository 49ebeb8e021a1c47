/* scr_call: the one protected call (scr_sandbox_call). It arms the budget, calls with a message
 * handler that names the script and line and keeps a traceback, and on failure leaves one line in
 * the caller's buffer and runs a full garbage collection.
 *
 * Ownership: nothing of its own; the messages live in the sandbox. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message handler: runs where the error happened, reads only strings and numbers (never a
 * user's __tostring), makes sure the message names the script and line, adds a traceback. */
static int msgh(lua_State *L)
{
    ScrSandbox *sb = scr_sandbox_of(L);
    sb->slack = 1;
    const char *msg;
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER)
        msg = lua_tostring(L, 1);
    else
        msg = lua_pushfstring(L, "error object is a %s value", lua_typename(L, t));
    size_t sl = strlen(sb->src);
    if (!(strncmp(msg, sb->src, sl) == 0 && msg[sl] == ':')) {
        char pos[LUA_IDSIZE + 24];
        scr_sb_where(L, sb, pos, sizeof pos);
        msg = lua_pushfstring(L, "%s%s", pos, msg);
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

static void begin_call(ScrSandbox *sb)
{
    sb->steps = 0;
    sb->charged = 0;
    sb->spent = 0;
    sb->refused = 0;
    sb->slack = 0;
    sb->oom_where[0] = '\0';
    sb->in_call = 1;
    if (sb->lim.wall_ms > 0) {
        clock_gettime(CLOCK_MONOTONIC, &sb->deadline);
        sb->deadline.tv_sec += sb->lim.wall_ms / 1000;
        sb->deadline.tv_nsec += (long)(sb->lim.wall_ms % 1000) * 1000000L;
        if (sb->deadline.tv_nsec >= 1000000000L) {
            sb->deadline.tv_sec++;
            sb->deadline.tv_nsec -= 1000000000L;
        }
    }
    lua_sethook(sb->L, scr_sb_hook, LUA_MASKCOUNT, SCR_HOOK_STEP);
}

/* The first line of msg into err, control characters (C0, DEL and C1, which a script's text can
 * put in a message) turned into spaces. */
void scr_sb_one_line(char *err, size_t errsz, const char *msg)
{
    if (!err || errsz == 0)
        return;
    size_t k = 0;
    for (; msg[k] && msg[k] != '\n' && k + 1 < errsz; k++) {
        unsigned char c = (unsigned char)msg[k];
        err[k] = c < 32 || c == 0x7f ? ' ' : msg[k];
        if (c == 0xC2 && (unsigned char)msg[k + 1] >= 0x80 && (unsigned char)msg[k + 1] < 0xA0 &&
            k + 2 < errsz) {
            err[k] = ' ';
            err[++k] = ' ';
        }
    }
    err[k] = '\0';
}

int scr_sandbox_call(ScrSandbox *sb, int nargs, int nresults, char *err, size_t errsz)
{
    lua_State *L = sb->L;
    int fn = lua_gettop(L) - nargs;
    if (!lua_checkstack(L, 4)) {
        lua_settop(L, fn - 1);
        return core_errf(err, errsz, "%s: out of memory for the Lua stack", sb->src);
    }
    lua_pushcfunction(L, msgh);
    lua_insert(L, fn);
    begin_call(sb);
    int st = lua_pcall(L, nargs, nresults, fn);
    sb->in_call = 0;
    sb->last_used = scr_sb_spent_units(sb);
    if (st == LUA_OK) {
        sb->slack = 0;
        lua_remove(L, fn);
        sb->trace[0] = '\0';
        return 0;
    }
    if (sb->spent) {
        core_strlcpy(sb->trace, sb->fail, sizeof sb->trace);
    } else if (st == LUA_ERRMEM || (st == LUA_ERRERR && sb->refused)) {
        char pos[sizeof sb->oom_where];
        if (sb->oom_where[0])
            core_strlcpy(pos, sb->oom_where, sizeof pos);
        else
            snprintf(pos, sizeof pos, "%s: ", sb->src);
        snprintf(sb->trace, sizeof sb->trace, "%sout of memory (the limit is %.1f MiB)", pos,
                 (double)sb->lim.memory / (1024.0 * 1024.0));
    } else if (st == LUA_ERRRUN && lua_type(L, -1) == LUA_TSTRING) {
        core_strlcpy(sb->trace, lua_tostring(L, -1), sizeof sb->trace);
    } else {
        snprintf(sb->trace, sizeof sb->trace, "%s: error while handling an error", sb->src);
    }
    scr_sb_one_line(err, errsz, sb->trace);
    lua_settop(L, fn - 1);
    lua_sethook(L, scr_sb_hook, LUA_MASKCOUNT, SCR_HOOK_STEP);
    lua_gc(L, LUA_GCCOLLECT, 0);
    sb->slack = 0;
    return -1;
}
