/* scr_sandbox_int: what the sandbox's own files share (not for the rest of the engine).
 *
 * The sandbox (scr_sandbox.h) is one struct and five files along its seams: scr_sandbox.c (the
 * state: making, setting up, closing, accessors), scr_alloc.c (the allocator and its memory
 * limit), scr_budget.c (the cost budget: the count hook, charges, the wall-clock backstop),
 * scr_call.c (the one protected call and its message handler), scr_load.c (compiling text
 * chunks, once per process), scr_print.c (print and tostring), scr_base.c (the base library's
 * replacements: pairs, next, pcall, xpcall, setmetatable, rawset), scr_caps.c (the capped string,
 * table and math functions) and scr_require.c (require for scripts/lib).
 *
 * Ownership: the struct belongs to scr_sandbox.c, which makes and frees it; the other files only
 * read and update its fields during calls. */
#ifndef SCR_SANDBOX_INT_H
#define SCR_SANDBOX_INT_H

#include "scr_sandbox.h"

#include <lua.h>
#include <stddef.h>
#include <stdint.h>
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

/* "name:LINE: " of the innermost running function of the script's own chunk (else of any Lua
 * function; "name: " when none runs) into buf. */
void scr_sb_where(lua_State *L, const ScrSandbox *sb, char *buf, size_t n);
/* The first line of msg into err, control characters turned into spaces. */
void scr_sb_one_line(char *err, size_t errsz, const char *msg);

/* scr_alloc.c: the state's allocator (ud: the sandbox), and freeing the pool at close. */
void *scr_sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void scr_sb_pool_free_all(ScrSandbox *sb);

/* scr_budget.c: the count hook, and the units spent in this call so far. */
void scr_sb_hook(lua_State *L, lua_Debug *ar);
int64_t scr_sb_spent_units(const ScrSandbox *sb);

/* scr_load.c: the dump of text as chunk `chunk` ("@name"), compiled once per process within
 * `cap` bytes (0: no limit): LUA_OK with a copy in *dump the caller frees, or the failed
 * compilation's status with its message in msg. */
int scr_sb_chunk_dump(const char *chunk, const char *text, size_t len, size_t cap, char **dump,
                      size_t *dump_len, char *msg, size_t msgsz);
/* The name as Lua shows a "@name" chunk (cut from the left when long). */
void scr_sb_short_src(char *dst, size_t dstsz, const char *name);

/* scr_print.c: print and tostring that never show an address. */
int scr_sb_print(lua_State *L);
/* Pushes a string for the value at idx (numbers and strings as Lua writes them, __tostring if
 * the value has one, otherwise its type name) and returns it. */
const char *scr_sb_safe_tostring(lua_State *L, int idx);
int scr_sb_tostring(lua_State *L);
int scr_sb_dump(lua_State *L);

/* scr_base.c: pushes the table a value stands for (a proxy's target, or itself) and returns its
 * index; whether the table at idx is a read-only proxy. */
int scr_sb_resolve(lua_State *L, int idx);
int scr_sb_is_proxy(lua_State *L, int idx);
/* The units sorting m keys costs (m log m). */
int64_t scr_sb_sort_cost(lua_Integer m);

/* Inside setup (globals table at -1): install each part of the library. */
void scr_base_open(lua_State *L);
void scr_caps_open(lua_State *L);
void scr_require_open(lua_State *L);

#endif
