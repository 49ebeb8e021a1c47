/* scr_sandbox: the Lua state, its allocator and hook, the protected call, and the safe library.
 *
 * Sections: the state and its limits; the protected call and its message handler; the base
 * library replacements (print, tostring, pairs, next, xpcall, setmetatable, rawset); string;
 * table; math; setting it all up. */
#define _POSIX_C_SOURCE 200809L
#include "scr_sandbox.h"

#include "core_err.h"

#include <lauxlib.h>
#include <lualib.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLACK      ((size_t)64 << 10) /* room the message handler may use past the limit */
#define ALLOC_UNIT 8                  /* bytes allocated per unit charged */
#define ERROR_COST 100                /* units a caught error costs (unwinding, ~0.4 us) */
#define TRACE_MAX  2048
#define FAIL_MAX   256

/* Small blocks (most of what Lua allocates: tables, short strings, closures) come from a pool of
 * the sandbox's own: size classes of POOL_GRAIN bytes up to POOL_MAX, carved from slabs of
 * SLAB_BYTES that are all freed at once when the sandbox closes. The C allocator cost about a
 * tenth of a playbook's game (and closing a state freed every object one by one). Not under
 * AddressSanitizer, so that it keeps checking every Lua object on its own. */
#if defined(__SANITIZE_ADDRESS__)
#define SCR_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCR_POOL 0
#endif
#endif
#ifndef SCR_POOL
#define SCR_POOL 1
#endif
#define POOL_GRAIN   16 /* the alignment of max_align_t here */
#define POOL_MAX     256
#define POOL_CLASSES (POOL_MAX / POOL_GRAIN)
#define SLAB_BYTES   ((size_t)32 << 10)

typedef union Slab {
    union Slab *next;
    char align[POOL_GRAIN]; /* blocks start POOL_GRAIN bytes in: aligned as malloc's */
} Slab;

struct ScrSandbox {
    lua_State *L;
    ScrLimits lim;
    void *user;
    size_t used, peak;
    int limit_on; /* the memory limit applies (not while the libraries are set up) */
    int slack;    /* the message handler is running: SLACK more bytes allowed */
    int in_call;
    int64_t steps;   /* hook runs this call */
    int64_t charged; /* units charged by library work this call */
    int64_t last_used;
    int spent;   /* budget or clock spent: the hook raises at every instruction */
    int refused; /* an allocation was refused this call */
    struct timespec deadline;
    char src[LUA_IDSIZE];            /* the chunk's name as messages show it */
    char fail[FAIL_MAX];             /* the message of a spent budget */
    char oom_where[LUA_IDSIZE + 24]; /* where the last refused allocation happened */
    char trace[TRACE_MAX];           /* the last failure, in full */
    char out[SCR_OUTPUT_MAX + 1];    /* captured print output */
    size_t out_len;
    int out_truncated;
    CoreRng rng;
    uint64_t seed;
    char stream[64];
    void *pool_free[POOL_CLASSES]; /* freed small blocks, a list per class */
    Slab *slabs;
    char *bump; /* the rest of the newest slab */
    size_t bump_left;
};

/* Registry keys (their addresses). */
static char proxy_key; /* in a proxy's metatable: its resolver */
static char seal_key;  /* the metatable of tables used as metatables */
static char fail_key;  /* the message a spent budget raises */

static void hook(lua_State *L, lua_Debug *ar);

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

void scr_sandbox_set_user(ScrSandbox *sb, void *user)
{
    sb->user = user;
}

void *scr_sandbox_user(lua_State *L)
{
    return scr_sandbox_of(L)->user;
}

const char *scr_sandbox_name(const ScrSandbox *sb)
{
    return sb->src;
}

const void *scr_sandbox_proxy_key(void)
{
    return &proxy_key;
}

/* "name:LINE: " of the innermost Lua function running, or "name: " when none is. */
static void where(lua_State *L, const ScrSandbox *sb, char *buf, size_t n)
{
    lua_Debug ar;
    for (int level = 0; level < 100 && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(buf, n, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    snprintf(buf, n, "%s: ", sb->src);
}

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

static void pool_free_all(ScrSandbox *sb)
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
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
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
                where(sb->L, sb, sb->oom_where, sizeof sb->oom_where);
            return NULL;
        }
        sb->charged += (int64_t)(grow / ALLOC_UNIT);
        /* Spent by allocating: stop at the next instruction, not at the next run of the hook,
         * up to SCR_HOOK_STEP instructions later, each of which may allocate SCR_REP_MAX more. */
        if (sb->in_call && !sb->spent && sb->lim.instructions > 0 &&
            sb->steps * SCR_HOOK_STEP + sb->charged >= sb->lim.instructions)
            lua_sethook(sb->L, hook, LUA_MASKCOUNT, 1);
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

static int64_t spent_units(const ScrSandbox *sb)
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
    lua_sethook(L, hook, LUA_MASKCOUNT, 1);
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
    where(L, sb, pos, sizeof pos);
    if (by_clock)
        snprintf(sb->fail, sizeof sb->fail, "%stook longer than %d ms (the backstop of a call)",
                 pos, sb->lim.wall_ms);
    else
        snprintf(sb->fail, sizeof sb->fail,
                 "%sinstruction budget exhausted (%lld units a call; an endless loop?)", pos,
                 (long long)sb->lim.instructions);
    sb->slack = 1;
    lua_pushstring(L, sb->fail);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &fail_key);
    return raise_spent(L);
}

static int over_budget(const ScrSandbox *sb)
{
    return sb->lim.instructions > 0 && spent_units(sb) >= sb->lim.instructions;
}

static void hook(lua_State *L, lua_Debug *ar)
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

/* ---------------------------------------------------------------------------------------------
 * The protected call */

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
        where(L, sb, pos, sizeof pos);
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
    lua_sethook(sb->L, hook, LUA_MASKCOUNT, SCR_HOOK_STEP);
}

/* The first line of msg into err, control characters (C0, DEL and C1, which a script's text can
 * put in a message) turned into spaces. */
static void one_line(char *err, size_t errsz, const char *msg)
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
    sb->last_used = spent_units(sb);
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
    one_line(err, errsz, sb->trace);
    lua_settop(L, fn - 1);
    lua_sethook(L, hook, LUA_MASKCOUNT, SCR_HOOK_STEP);
    lua_gc(L, LUA_GCCOLLECT, 0);
    sb->slack = 0;
    return -1;
}

/* The name as Lua shows a "@name" chunk (cut from the left when long). */
static void short_src(char *dst, size_t dstsz, const char *name)
{
    size_t l = strlen(name);
    if (l < dstsz) {
        memcpy(dst, name, l + 1);
        return;
    }
    snprintf(dst, dstsz, "...%s", name + l - (dstsz - 4));
}

/* Compiled chunks.
 *
 * A batch of games makes the same few strategies again and again, and compiling a playbook was
 * about half of making its state. So each text is compiled once, in a scratch state under the
 * same memory cap, and dumped with its debug information (lines and names stay in messages);
 * every sandbox then loads that dump, the first one too, so that a state's history, and with it
 * every figure of memory and cost, never depends on what the process compiled before. The dumps
 * are the only binary chunks ever loaded, and only ones made here from text: a script itself is
 * still read as text only. Process-wide, behind a mutex, at most CHUNK_CACHE entries (the oldest
 * replaced); what it holds is freed at exit by the system. */
#define CHUNK_CACHE 32

typedef struct {
    char *name; /* the chunk name ("@path") */
    char *text;
    size_t len;
    char *dump;
    size_t dump_len;
} Chunk;

static Chunk chunks[CHUNK_CACHE];
static int chunks_next;
static pthread_mutex_t chunks_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct {
    size_t used, cap;
} Scratch;

static void *scratch_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    Scratch *sc = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sc->used -= old;
        return NULL;
    }
    if (nsize > old && sc->cap && (nsize - old > sc->cap || sc->used > sc->cap - (nsize - old)))
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p)
        return nsize <= old ? ptr : NULL;
    sc->used = sc->used - old + nsize;
    return p;
}

typedef struct {
    char *p;
    size_t n, cap;
} DumpBuf;

static int dump_write(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    DumpBuf *b = ud;
    if (b->n + sz > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + sz)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return 1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, sz);
    b->n += sz;
    return 0;
}

/* The dump of text as chunk `chunk`, from the cache or compiled now (then cached): 0 with a copy
 * in *dump (the caller frees it), or the status of the failed compilation with its message in
 * msg. cap: the memory the compilation may use (0: no limit). */
static int chunk_dump(const char *chunk, const char *text, size_t len, size_t cap, char **dump,
                      size_t *dump_len, char *msg, size_t msgsz)
{
    *dump = NULL;
    pthread_mutex_lock(&chunks_lock);
    for (int k = 0; k < CHUNK_CACHE; k++) {
        const Chunk *c = &chunks[k];
        if (c->dump && c->len == len && strcmp(c->name, chunk) == 0 &&
            memcmp(c->text, text, len) == 0) {
            *dump = malloc(c->dump_len);
            if (*dump) {
                memcpy(*dump, c->dump, c->dump_len);
                *dump_len = c->dump_len;
            }
            break;
        }
    }
    pthread_mutex_unlock(&chunks_lock);
    if (*dump)
        return LUA_OK;

    Scratch sc = {0, cap};
    lua_State *C = lua_newstate(scratch_alloc, &sc);
    if (!C) {
        core_strlcpy(msg, "cannot load", msgsz);
        return LUA_ERRMEM;
    }
    int st = luaL_loadbufferx(C, text, len, chunk, "t");
    DumpBuf b = {NULL, 0, 0};
    if (st == LUA_OK && lua_dump(C, dump_write, &b, 0) != 0)
        st = LUA_ERRMEM;
    if (st != LUA_OK) {
        core_strlcpy(msg, lua_type(C, -1) == LUA_TSTRING ? lua_tostring(C, -1) : "cannot load",
                     msgsz);
        lua_close(C);
        free(b.p);
        return st;
    }
    lua_close(C);

    Chunk c = {malloc(strlen(chunk) + 1), malloc(len ? len : 1), len, malloc(b.n), b.n};
    if (c.name && c.text && c.dump) {
        memcpy(c.name, chunk, strlen(chunk) + 1);
        memcpy(c.text, text, len);
        memcpy(c.dump, b.p, b.n);
        pthread_mutex_lock(&chunks_lock);
        Chunk *old = &chunks[chunks_next];
        free(old->name);
        free(old->text);
        free(old->dump);
        *old = c;
        chunks_next = (chunks_next + 1) % CHUNK_CACHE;
        pthread_mutex_unlock(&chunks_lock);
    } else {
        free(c.name);
        free(c.text);
        free(c.dump);
    }
    *dump = b.p;
    *dump_len = b.n;
    return LUA_OK;
}

int scr_sandbox_load(ScrSandbox *sb, const char *name, const char *text, size_t len, char *err,
                     size_t errsz)
{
    lua_State *L = sb->L;
    char chunk[512];
    snprintf(chunk, sizeof chunk, "@%s", name);
    short_src(sb->src, sizeof sb->src, name);
    if (!lua_checkstack(L, 2))
        return core_errf(err, errsz, "%s: out of memory for the Lua stack", sb->src);
    sb->refused = 0;
    char *dump, why[512];
    size_t dump_len = 0;
    size_t cap = sb->lim.memory ? (sb->lim.memory > sb->used ? sb->lim.memory - sb->used : 1) : 0;
    int st = chunk_dump(chunk, text, len, cap, &dump, &dump_len, why, sizeof why);
    const char *msg = why;
    if (st == LUA_OK) {
        st = luaL_loadbufferx(L, dump, dump_len, chunk, "b"); /* our own dump, see above */
        free(dump);
        if (st == LUA_OK)
            return 0;
        msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "cannot load";
    } else {
        lua_pushnil(L); /* nothing was pushed: keep the stack as a failed load leaves it */
    }
    if (st == LUA_ERRMEM)
        msg = "not enough memory to compile the script";
    size_t sl = strlen(sb->src);
    if (strncmp(msg, sb->src, sl) == 0 && msg[sl] == ':')
        snprintf(sb->trace, sizeof sb->trace, "%s", msg);
    else
        snprintf(sb->trace, sizeof sb->trace, "%s: %s", sb->src, msg);
    one_line(err, errsz, sb->trace);
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT, 0);
    return -1;
}

/* ---------------------------------------------------------------------------------------------
 * Base library: print, tostring, pairs, next, xpcall, setmetatable, rawset */

/* Pushes a string for the value at idx: numbers and strings as Lua writes them, __tostring if the
 * value has one, otherwise its type name (never an address). */
static const char *safe_tostring(lua_State *L, int idx)
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

static int l_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    safe_tostring(L, 1);
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

static int l_print(lua_State *L)
{
    ScrSandbox *sb = scr_sandbox_of(L);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        safe_tostring(L, i);
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
static int resolve(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_getmetatable(L, idx)) {
        if (lua_rawgetp(L, -1, &proxy_key) == LUA_TFUNCTION) {
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

static int64_t sort_cost(lua_Integer m)
{
    int64_t c = 1;
    for (lua_Integer x = m; x > 1; x >>= 1)
        c++;
    return (int64_t)m * c;
}

void scr_sandbox_sorted_keys(lua_State *L, int idx)
{
    int t = resolve(L, idx);
    int array;
    lua_Integer m = count_keys(L, t, &array);
    scr_sandbox_charge(L, sort_cost(m));
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
        int proxy = lua_rawgetp(L, -1, &proxy_key) != LUA_TNIL;
        lua_pop(L, 1);
        if (!proxy && lua_getfield(L, -1, "__pairs") != LUA_TNIL) { /* the script's own */
            lua_pushvalue(L, 1);
            lua_call(L, 1, 3);
            return 3;
        }
        lua_settop(L, 1);
    }
    int t = resolve(L, 1);
    int array;
    lua_Integer m = count_keys(L, t, &array);
    scr_sandbox_charge(L, array ? m : sort_cost(m));
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
    int t = resolve(L, 1);
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
static int is_proxy(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx))
        return 0;
    int proxy = lua_rawgetp(L, -1, &proxy_key) != LUA_TNIL;
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
    if (is_proxy(L, 1))
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
            safe_tostring(L, arg);
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
    scr_sandbox_charge(L, sort_cost(n));
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

/* ---------------------------------------------------------------------------------------------
 * Setting up */

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

static void set_fn(lua_State *L, const char *name, lua_CFunction f)
{
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, name);
}

static void drop(lua_State *L, const char *name)
{
    lua_pushnil(L);
    lua_setfield(L, -2, name);
}

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
    static const char *const gone[] = {"dofile",  "loadfile",       "load", "loadstring",
                                       "require", "collectgarbage", "warn", NULL};
    for (int k = 0; gone[k]; k++)
        drop(L, gone[k]);
    set_fn(L, "print", l_print);
    set_fn(L, "tostring", l_tostring);
    set_fn(L, "pairs", l_pairs);
    set_fn(L, "next", l_next);
    set_fn(L, "pcall", l_pcall);
    set_fn(L, "xpcall", l_xpcall);
    set_fn(L, "setmetatable", l_setmetatable);
    set_fn(L, "rawset", l_rawset);

    lua_getfield(L, -1, LUA_STRLIBNAME); /* the real table: strings index it */
    drop(L, "dump");
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
    set_fn(L, "insert", l_insert);
    set_fn(L, "remove", l_remove);
    set_fn(L, "move", l_move);
    set_fn(L, "concat", l_concat);
    set_fn(L, "unpack", l_unpack);
    wrap(L, "sort", l_sort, -1);
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_MATHLIBNAME);
    set_fn(L, "random", l_random);
    set_fn(L, "randomseed", l_randomseed);
    lua_pop(L, 1);
    lua_pop(L, 1); /* globals */

    lua_createtable(L, 0, 2); /* the seal */
    lua_pushcfunction(L, l_seal_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &seal_key);
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
    sb->L = lua_newstate(sandbox_alloc, sb);
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
    pool_free_all(sb);
    free(sb);
}
