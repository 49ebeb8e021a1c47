/* scr_sandbox: one Lua 5.4 state per strategy, fenced in.
 *
 * A sandbox is a lua_State that can only compute: it holds the safe parts of the base, string,
 * table, math and utf8 libraries (no io, os, debug, package, coroutine, load, require,
 * collectgarbage, string.dump; require only for scripts/lib, see scr_require.h), loads text chunks
 * only, and runs every call into Lua through one protected-call helper (scr_sandbox_call) with
 * three limits:
 *  - memory: a custom allocator refuses to grow the state past ScrLimits.memory bytes (the script
 *    sees "not enough memory"; the call fails with "out of memory");
 *  - cost: a budget of ScrLimits.instructions units per call, spent by the VM (one unit an
 *    instruction, counted by a count hook in steps of SCR_HOOK_STEP) and by library work the hook
 *    cannot see (one unit per 8 bytes allocated, per element a table function touches, per
 *    2 worst-case steps of a pattern match, 100 per error a pcall catches, ...). Once spent, the
 *    hook re-arms at every instruction, so pcall cannot swallow the error. Deterministic: the
 *    same script and inputs spend the same units;
 *  - a wall-clock backstop (ScrLimits.wall_ms): for the few VM operations whose cost the budget
 *    cannot see (comparing two long strings, a flooded hash chain). Not deterministic, so it is
 *    set far above what any budget-abiding call takes; a call that trips it is hostile or broken.
 * The library functions that could run long inside C (string.rep, the pattern functions, the
 * table functions that take counts) are capped; pairs and next visit keys in a fixed order
 * (positive integer keys ascending, then the other numbers, strings bytewise, false, true; keys of
 * other types are refused); math.random draws from a core_rng
 * stream seeded by the caller; tostring and print never show addresses; setmetatable refuses
 * __gc, __close and __mode, and a table used as a metatable can neither gain them later nor get
 * a metatable itself. A failed call leaves one line "script.lua:LINE: what" in the caller's
 * buffer (the full traceback stays readable through scr_sandbox_traceback) and is followed by a
 * full garbage collection.
 *
 * Ownership: scr_sandbox_create returns a sandbox the caller frees with scr_sandbox_destroy,
 * which closes the state. Strings returned by the accessors belong to the sandbox and live until
 * the next call or the destroy. */
#ifndef SCR_SANDBOX_H
#define SCR_SANDBOX_H

#include "core_rng.h"

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

/* Defaults. A state of a typical strategy holds 60-300 KB and a decide spends a few hundred to a
 * few thousand units, so 8 MiB and 5 million units leave a thousandfold headroom while a runaway
 * call stops after 10-30 ms (a strategy that fails 3 turns in a row is then retired by the
 * engine, so a runaway costs a game about 0.1 s). The clock backstop is 30-100 times that, so
 * that it fires only for work the budget cannot see, not for a budget-abiding call on a slow
 * machine (under valgrind, a full budget takes about a second: tests there relax it). */
#define SCR_DEFAULT_MEMORY       ((size_t)8 << 20) /* 8 MiB a state */
#define SCR_DEFAULT_INSTRUCTIONS 5000000           /* units a call */
#define SCR_DEFAULT_WALL_MS      1000              /* backstop a call */

/* Instructions between two runs of the count hook (the granularity of the count; the hook's
 * cost per instruction is the same whatever the step, the count needs Lua to trap every one). */
#define SCR_HOOK_STEP 1000

/* Library caps (fixed rules of the sandbox, not tuning knobs). */
#define SCR_REP_MAX        ((size_t)1 << 20)  /* largest string.rep result, bytes */
#define SCR_TABLE_MAX      ((int64_t)1 << 20) /* most elements a table function touches in a call */
#define SCR_PATTERN_MAX    1e7  /* most worst-case steps of one pattern function call */
#define SCR_OUTPUT_MAX     4096 /* bytes of print output kept between two clears */
#define SCR_DUMP_MAX       2048 /* bytes of one dump(value); past it the text is cut and says so */
#define SCR_DUMP_DEPTH     3    /* tables dump opens by default ({...} below) */
#define SCR_DUMP_DEPTH_MAX 8

typedef struct {
    size_t memory;        /* bytes the state may hold; 0 = no limit */
    int64_t instructions; /* cost units a call may spend; 0 = no limit */
    int wall_ms;          /* wall-clock backstop a call, milliseconds; 0 = none */
} ScrLimits;

typedef struct ScrSandbox ScrSandbox;

/* The default limits. */
ScrLimits scr_limits_default(void);

/* Makes a sandbox. lim NULL means the defaults. The random stream is seeded from seed and the
 * name stream (core_rng_seed_named). NULL with err on failure. */
ScrSandbox *scr_sandbox_create(const ScrLimits *lim, uint64_t seed, const char *stream, char *err,
                               size_t errsz);
void scr_sandbox_destroy(ScrSandbox *sb);

lua_State *scr_sandbox_lua(ScrSandbox *sb);
/* The sandbox a state belongs to (kept in the state's extra space). */
ScrSandbox *scr_sandbox_of(lua_State *L);

/* The chunk's name as messages show it ("?" before a load). */
const char *scr_sandbox_name(const ScrSandbox *sb);

/* Compiles len bytes of text as a chunk named `name` (used in messages as "name:LINE") and
 * pushes it as a function. Binary chunks are refused. A text is compiled once per process and
 * every sandbox loads the same dump of it (thread-safe; see scr_sandbox.c). 0, or -1 with one
 * line in err. */
int scr_sandbox_load(ScrSandbox *sb, const char *name, const char *text, size_t len, char *err,
                     size_t errsz);

/* The one protected call: calls the function below the nargs arguments on top of the stack,
 * with a fresh budget, leaving nresults results (LUA_MULTRET allowed). On failure, pops the
 * function and arguments, writes one line "name:LINE: what" into err, keeps the traceback, runs
 * a full GC, and returns -1. */
int scr_sandbox_call(ScrSandbox *sb, int nargs, int nresults, char *err, size_t errsz);

/* For C functions running inside a call: spends units of the budget, and raises the budget error
 * when it is spent. */
void scr_sandbox_charge(lua_State *L, int64_t units);

/* Bytes the state holds now, and the most it has held. */
size_t scr_sandbox_memory(const ScrSandbox *sb);
size_t scr_sandbox_memory_peak(const ScrSandbox *sb);
/* Cost units the last call spent (VM instructions rounded down to SCR_HOOK_STEP, plus charges). */
int64_t scr_sandbox_used(const ScrSandbox *sb);
const ScrLimits *scr_sandbox_limits(const ScrSandbox *sb);

/* The last failure in full (message and traceback), or "" if the last call succeeded. */
const char *scr_sandbox_traceback(const ScrSandbox *sb);

/* What the script printed since the last clear (at most SCR_OUTPUT_MAX bytes; *truncated set if
 * more was dropped). */
const char *scr_sandbox_output(const ScrSandbox *sb, size_t *len, int *truncated);
void scr_sandbox_clear_output(ScrSandbox *sb);

/* The script's random stream (math.random), for saves. */
CoreRng *scr_sandbox_rng(ScrSandbox *sb);

/* The key (a light userdata) under which a read-only proxy's metatable keeps its resolver: a C
 * function that takes the proxy and returns the table it stands for. pairs, next and the memory
 * checks look through proxies with it. Scripts cannot forge a light userdata. */
const void *scr_sandbox_proxy_key(void);

/* For C functions running inside a call: pushes an array of the keys of the table at idx (or of
 * the table a proxy stands for) in pairs' order: positive integers ascending, then the other
 * numbers ascending, then strings (bytewise), then false and true. Raises an error for a key of
 * another type (a table or a function has no order that survives a rerun). A saver walks
 * view.memory with it so that the same memory always writes the same file. */
void scr_sandbox_sorted_keys(lua_State *L, int idx);

/* Raw table helpers for C code running inside a call (no metamethods; they allocate nothing but
 * what the destination needs): empties the table at idx in place; copies every key of the table
 * at from into the table at to. */
void scr_sandbox_clear(lua_State *L, int idx);
void scr_sandbox_copy(lua_State *L, int from, int to);

#endif
