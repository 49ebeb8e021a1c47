/* scr_alloc: the sandbox's allocator. Every byte a sandboxed state holds goes through
 * scr_sb_alloc, which keeps the count (used, peak), refuses growth past ScrLimits.memory (Lua then
 * raises "not enough memory"), charges allocation to the cost budget (one unit per ALLOC_UNIT
 * bytes), and serves small blocks from a pool of the sandbox's own.
 *
 * Ownership: the pool's slabs belong to the sandbox; scr_sb_pool_free_all frees them at close. */
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if SCR_POOL
/* A small block of n bytes (1..POOL_MAX) from the pool, or NULL. */
static void *pool_get(ScrSandbox *sb, size_t n)
{
    size_t c = (n - 1) / POOL_GRAIN, sz = (c + 1) * POOL_GRAIN;
    void *p = sb->pool_free[c];
    if (p) {
        sb->pool_free[c] = *(void **)p;
        return p;
    }
    if (sb->bump_left < sz) { /* the old slab's last few bytes are left unused */
        Slab *s = malloc(SLAB_BYTES);
        if (!s)
            return NULL;
        s->next = sb->slabs;
        sb->slabs = s;
        sb->bump = (char *)s + sizeof *s;
        sb->bump_left = SLAB_BYTES - sizeof *s;
    }
    p = sb->bump;
    sb->bump += sz;
    sb->bump_left -= sz;
    return p;
}

static void pool_put(ScrSandbox *sb, void *p, size_t n)
{
    size_t c = (n - 1) / POOL_GRAIN;
    *(void **)p = sb->pool_free[c];
    sb->pool_free[c] = p;
}
#endif

/* realloc for the sandbox's blocks (old: the block's size, 0 when ptr is NULL): small ones in the
 * pool, others with the C allocator; Lua always gives a block's size back, which tells where it
 * lives. NULL when out of memory (and the block is kept). */
static void *block_realloc(ScrSandbox *sb, void *ptr, size_t old, size_t nsize)
{
#if SCR_POOL
    int small_old = ptr && old <= POOL_MAX, small_new = nsize <= POOL_MAX;
    if (nsize == 0) {
        if (small_old)
            pool_put(sb, ptr, old);
        else
            free(ptr);
        return NULL;
    }
    if (small_old && small_new && (old - 1) / POOL_GRAIN == (nsize - 1) / POOL_GRAIN)
        return ptr;
    if (!small_old && !small_new)
        return realloc(ptr, nsize);
    void *p = small_new ? pool_get(sb, nsize) : malloc(nsize);
    if (!p)
        return NULL;
    if (ptr) {
        memcpy(p, ptr, old < nsize ? old : nsize);
        if (small_old)
            pool_put(sb, ptr, old);
        else
            free(ptr);
    }
    return p;
#else
    (void)sb, (void)old;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
#endif
}

void scr_sb_pool_free_all(ScrSandbox *sb)
{
    while (sb->slabs) {
        Slab *s = sb->slabs;
        sb->slabs = s->next;
        free(s);
    }
}

/* The allocator: frees and shrinks always succeed; growth past the limit is refused, and charged
 * for the emergency collection Lua then runs. Lua passes a type tag, not a size, as osize when
 * ptr is NULL. */
void *scr_sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    ScrSandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        block_realloc(sb, ptr, old, 0);
        sb->used -= old;
        return NULL;
    }
    if (nsize > old) {
        size_t grow = nsize - old;
        size_t cap = sb->lim.memory + (sb->slack ? SLACK : 0);
        if (sb->limit_on && sb->lim.memory && (grow > cap || sb->used > cap - grow)) {
            sb->refused = 1;
            sb->charged += (int64_t)(sb->used / ALLOC_UNIT);
            if (sb->in_call)
                scr_sb_where(sb->L, sb, sb->oom_where, sizeof sb->oom_where);
            return NULL;
        }
        sb->charged += (int64_t)(grow / ALLOC_UNIT);
        /* Spent by allocating: stop at the next instruction, not at the next run of the hook,
         * up to SCR_HOOK_STEP instructions later, each of which may allocate SCR_REP_MAX more. */
        if (sb->in_call && !sb->spent && sb->lim.instructions > 0 &&
            sb->steps * SCR_HOOK_STEP + sb->charged >= sb->lim.instructions)
            lua_sethook(sb->L, scr_sb_hook, LUA_MASKCOUNT, 1);
    }
    void *p = block_realloc(sb, ptr, old, nsize);
    if (!p) /* a shrink must not fail: keep the block (one shrunk from the C allocator into the
             * pool's sizes then stays in the pool, unfreed, if the system is out of memory) */
        return nsize <= old ? ptr : NULL;
    sb->used = sb->used - old + nsize;
    if (sb->used > sb->peak)
        sb->peak = sb->used;
    return p;
}
