/* scr_strategy: a Lua script as a SimStrategy.
 *
 * scr_strategy_create compiles a script (text and a name for messages: the caller reads the
 * file; script/ never does) in a fresh sandbox (scr_sandbox.h) with the strategy API
 * (scr_api.h), runs its main chunk, and checks that it returned a table with a decide function
 * (init and on_event optional). The SimStrategy it fills calls them:
 *  - init(view) before the first turn; a failure does not stop the game: it is recorded, and the
 *    first decide reports it (the actor loses that turn);
 *  - decide(view) each turn; an error, a spent budget, memory exhaustion or a return value that
 *    is not a list of intents makes decide return -1 with one line "script.lua:LINE: what" (the
 *    engine logs it and the actor loses its turn; after 3 failures in a row the engine retires
 *    the strategy for the passive one). Malformed intents are dropped one by one, with a message
 *    each, and the rest kept;
 *  - on_event(view, ev) for each event of the turn that concerns the actor; a failure is recorded
 *    and reported by the next decide, which then fails.
 * Limits: ScrLimits (NULL for the defaults of scr_sandbox.h: 8 MiB, 5 million units a call, a
 * 1 s backstop). Each call gets the whole budget; view.memory is checked after each call.
 * The random stream of math.random is seeded from `seed` and the actor id, so two strategies of
 * one game draw different numbers and a rerun draws the same ones.
 *
 * Ownership: the SimStrategy owns everything (the sandbox, the script's state, the messages, its
 * name); the world that is given it calls destroy, or sim_strategy_destroy does. Messages and
 * strings returned below live until the next call into the strategy or its destruction. */
#ifndef SCR_STRATEGY_H
#define SCR_STRATEGY_H

#include "core_value.h"
#include "scr_sandbox.h"
#include "sim_strategy.h"

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

/* How many messages a strategy keeps (the most recent; older ones are counted, not kept). */
#define SCR_MAX_MESSAGES 64
#define SCR_MESSAGE_LEN  256

typedef enum {
    SCR_MSG_ERROR,   /* a call failed (the text is its one-line message) */
    SCR_MSG_DROPPED, /* an intent was dropped before it reached the engine */
    SCR_MSG_PRINT    /* a line the script printed */
} ScrMsgKind;

typedef struct {
    ScrMsgKind kind;
    int turn;         /* the world's turn then (-1: while loading) */
    const char *text; /* one line, owned by the strategy */
} ScrMessage;

typedef struct {
    size_t memory;              /* bytes the script's state holds now */
    size_t memory_peak;         /* the most it has held */
    int64_t instructions;       /* cost units the last call spent (see scr_sandbox.h) */
    int64_t instructions_max;   /* the most one call spent */
    int64_t instructions_total; /* all calls together */
    int calls;                  /* calls into the script: the main chunk, init, decide, on_event */
    int failures;               /* calls that failed */
    int dropped;                /* intents dropped before the engine saw them */
    int messages;               /* messages recorded since the start */
} ScrStats;

/* Makes a Lua strategy for actor `actor_id` (NULL: any; otherwise a mismatch with the actor it
 * is given to fails its first call) from len bytes of script text; name (the path) names it in
 * messages. 0 and *out filled, or -1 with one line in err ("name:LINE: what"). */
int scr_strategy_create(const char *name, const char *text, size_t len, const ScrLimits *lim,
                        uint64_t seed, const char *actor_id, SimStrategy *out, char *err,
                        size_t errsz);

/* Whether s was made by scr_strategy_create. */
int scr_strategy_is_lua(const SimStrategy *s);

/* Fills *out; -1 if s is not a Lua strategy. */
int scr_strategy_stats(const SimStrategy *s, ScrStats *out);

/* The messages kept, oldest first: k in [0, scr_strategy_message_count). 0, or -1 if out of
 * range or not a Lua strategy. */
int scr_strategy_message_count(const SimStrategy *s);
int scr_strategy_message(const SimStrategy *s, int k, ScrMessage *out);

/* The last failure in full, traceback included ("" if none). */
const char *scr_strategy_last_error(const SimStrategy *s);

/* The script's memory table, for a saver: returns its registry reference and sets *L to the state
 * (lua_rawgeti(*L, LUA_REGISTRYINDEX, ref) pushes it; walk it with scr_sandbox_sorted_keys inside
 * a protected call, see scr_api.h). -1 if s is not a Lua strategy. */
int scr_strategy_memory_ref(const SimStrategy *s, lua_State **L);

/* The sandbox, for its random stream and counters (NULL if s is not a Lua strategy). */
ScrSandbox *scr_strategy_sandbox(const SimStrategy *s);

/* Saves. What a save holds of a Lua strategy: its text (kept as compiled, so a script edited on
 * disk since does not change what the save says ran), view.memory, the math.random stream and a
 * failure of init or on_event still to be reported by the next decide. Locals and upvalues are
 * not saved: a strategy keeps what must persist in view.memory (docs/strategy-api.md). To load,
 * make the strategy afresh from the saved text with scr_strategy_create (which runs the main
 * chunk; do not call init again), then scr_strategy_restore.
 *
 * The text the strategy was made from (NULL if s is not a Lua strategy); owned by it. */
const char *scr_strategy_source(const SimStrategy *s, size_t *len);
/* The failure still to be reported ("" if none); owned by the strategy. */
const char *scr_strategy_pending(const SimStrategy *s);
/* Copies view.memory into *out as a plain tree (a table; keys in pairs' order), through the
 * sandbox's protected call. The caller frees it with core_value_clear. -1 with err if it cannot
 * (memory holds what a save cannot keep, or memory ran out); *out is then nil. */
int scr_strategy_memory_get(const SimStrategy *s, CoreValue *out, char *err, size_t errsz);
/* Replaces view.memory's contents with memory (a table, or nil for empty), checked by the same
 * rules as after every call (scr_api_check_memory) and within the memory limit; sets the random
 * stream (rng NULL: keep) and the pending failure (NULL or "": none). -1 with err on failure (a
 * key twice in one table, a value memory may not hold, too deep, over the limit). */
int scr_strategy_restore(SimStrategy *s, const CoreValue *memory, const CoreRng *rng,
                         const char *pending, char *err, size_t errsz);

#endif
