/* scr_budget: the cost budget of a call. A count hook runs every SCR_HOOK_STEP instructions and
 * adds them to the units library work charged (scr_sandbox_charge); past the budget, or past the
 * wall-clock backstop, it raises, and re-arms itself at every instruction so that pcall cannot
 * swallow the error.
 *
 * Ownership: nothing of its own; the counters live in the sandbox. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char fail_key; /* registry: the message a spent budget raises */

int64_t scr_sb_spent_units(const ScrSandbox *sb)
{
    return sb->steps * SCR_HOOK_STEP + sb->charged;
}

static int past_deadline(const ScrSandbox *sb)
{
    if (sb->lim.wall_ms <= 0)
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > sb->deadline.tv_sec ||
           (now.tv_sec == sb->deadline.tv_sec && now.tv_nsec >= sb->deadline.tv_nsec);
}

/* Raises the spent-budget error again; the hook now runs at every instruction. */
static int raise_spent(lua_State *L)
{
    lua_sethook(L, scr_sb_hook, LUA_MASKCOUNT, 1);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &fail_key) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushliteral(L, "budget spent");
    }
    return lua_error(L);
}

/* The budget (or the clock) is spent: remember where, and raise. */
static int spend(lua_State *L, ScrSandbox *sb, int by_clock)
{
    char pos[LUA_IDSIZE + 24];
    sb->spent = 1;
    scr_sb_where(L, sb, pos, sizeof pos);
    if (by_clock)
        snprintf(sb->fail, sizeof sb->fail, "%stook longer than %d ms (the backstop of a call)",
                 pos, sb->lim.wall_ms);
    else
        snprintf(sb->fail, sizeof sb->fail,
                 "%sinstruction budget exhausted: a call may spend %lld units and this one "
                 "spent them all (an endless loop?)",
                 pos, (long long)sb->lim.instructions);
    sb->slack = 1;
    lua_pushstring(L, sb->fail);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &fail_key);
    return raise_spent(L);
}

static int over_budget(const ScrSandbox *sb)
{
    return sb->lim.instructions > 0 && scr_sb_spent_units(sb) >= sb->lim.instructions;
}

void scr_sb_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    ScrSandbox *sb = scr_sandbox_of(L);
    if (!sb->spent) {
        sb->steps++;
        if (over_budget(sb))
            spend(L, sb, 0);
        else if (past_deadline(sb))
            spend(L, sb, 1);
        return;
    }
    raise_spent(L);
}

void scr_sandbox_charge(lua_State *L, int64_t units)
{
    ScrSandbox *sb = scr_sandbox_of(L);
    if (units > 0)
        sb->charged += units;
    if (sb->spent)
        raise_spent(L);
    if (over_budget(sb))
        spend(L, sb, 0);
}

size_t scr_sandbox_memory(const ScrSandbox *sb)
{
    return sb->used;
}

size_t scr_sandbox_memory_peak(const ScrSandbox *sb)
{
    return sb->peak;
}

int64_t scr_sandbox_used(const ScrSandbox *sb)
{
    return sb->last_used;
}

const ScrLimits *scr_sandbox_limits(const ScrSandbox *sb)
{
    return &sb->lim;
}

const char *scr_sandbox_traceback(const ScrSandbox *sb)
{
    return sb->trace;
}

const char *scr_sandbox_output(const ScrSandbox *sb, size_t *len, int *truncated)
{
    if (len)
        *len = sb->out_len;
    if (truncated)
        *truncated = sb->out_truncated;
    return sb->out;
}

void scr_sandbox_clear_output(ScrSandbox *sb)
{
    sb->out_len = 0;
    sb->out[0] = '\0';
    sb->out_truncated = 0;
}

CoreRng *scr_sandbox_rng(ScrSandbox *sb)
{
    return &sb->rng;
}
