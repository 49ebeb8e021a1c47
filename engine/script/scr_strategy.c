/* scr_strategy: the SimStrategy callbacks of a Lua script, its stats and messages. */
#include "scr_strategy.h"

#include "core_err.h"
#include "core_mem.h"
#include "core_text.h"
#include "scr_api.h"
#include "sim_world.h"

#include <lauxlib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RUN_INIT, RUN_DECIDE, RUN_EVENT };

typedef struct {
    ScrSandbox *sb;
    ScrApi *api;
    char *name;
    char actor[SIM_ID_LEN];
    int ref_decide, ref_init, ref_on_event;
    int decide_line;
    ScrStats st;
    struct {
        ScrMsgKind kind;
        int turn;
        char text[SCR_MESSAGE_LEN];
    } msg[SCR_MAX_MESSAGES];
    int turn;                     /* for message stamps */
    char pending[SIM_REASON_LEN]; /* a failure of init or on_event, for the next decide */
    const SimView *view;          /* the call in progress */
    SimIntentList *out;           /* during decide only */
    int run;                      /* the call in progress: RUN_* */
    const SimEvent *ev;
    char last_error[2048]; /* the last failure, with its traceback */
    char *source;          /* the script's text as compiled, for saves */
    size_t source_len;
} ScrStrategy;

static void note(ScrStrategy *s, ScrMsgKind kind, const char *text)
{
    int slot = s->st.messages % SCR_MAX_MESSAGES;
    s->msg[slot].kind = kind;
    s->msg[slot].turn = s->turn;
    core_strlcpy(s->msg[slot].text, text, sizeof s->msg[slot].text);
    s->st.messages++;
}

static void on_drop(void *ud, int count, const char *msg)
{
    ScrStrategy *s = ud;
    s->st.dropped += count;
    note(s, SCR_MSG_DROPPED, msg);
    /* During decide the engine records it too, so the game's record shows it. */
    if (s->out && s->run == RUN_DECIDE)
        sim_intents_note(s->out, msg);
}

/* Turns what the script printed into messages, a line each. */
static void take_output(ScrStrategy *s)
{
    size_t len;
    int cut;
    const char *out = scr_sandbox_output(s->sb, &len, &cut);
    while (len > 0) {
        const char *nl = memchr(out, '\n', len);
        size_t n = nl ? (size_t)(nl - out) : len;
        char line[SCR_MESSAGE_LEN];
        size_t k = n < sizeof line - 1 ? n : sizeof line - 1;
        memcpy(line, out, k);
        line[k] = '\0';
        note(s, SCR_MSG_PRINT, line);
        out += n + (nl ? 1 : 0);
        len -= n + (nl ? 1 : 0);
    }
    if (cut) {
        char text[SCR_MESSAGE_LEN];
        snprintf(text, sizeof text,
                 "(output cut at %d bytes per call: print less, or across turns; lines are cut at "
                 "%d bytes)",
                 SCR_OUTPUT_MAX, SCR_MESSAGE_LEN - 1);
        note(s, SCR_MSG_PRINT, text);
    }
    scr_sandbox_clear_output(s->sb);
}

/* The body of every call into the script, run inside scr_sandbox_call. */
static int run(lua_State *L)
{
    ScrStrategy *s = lua_touserdata(L, 1);
    int what = (int)lua_tointeger(L, 2);
    scr_api_begin(L, s->api, s->view);
    int view = lua_gettop(L);
    switch (what) {
    case RUN_INIT:
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_init);
        lua_pushvalue(L, view);
        lua_call(L, 1, 0);
        break;
    case RUN_DECIDE:
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_decide);
        lua_pushvalue(L, view);
        lua_call(L, 1, LUA_MULTRET);
        if (lua_gettop(L) == view)
            lua_pushnil(L);
        scr_api_extra_results(L, s->api, view + 2, s->decide_line);
        lua_settop(L, view + 1);
        scr_api_intents(L, s->api, -1, s->decide_line, s->out);
        break;
    default:
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_on_event);
        lua_pushvalue(L, view);
        scr_api_push_event(L, s->api, s->ev);
        lua_call(L, 2, 0);
        break;
    }
    scr_api_check_memory(L, s->api);
    return 0;
}

static void count_call(ScrStrategy *s, int rc, const char *err)
{
    int64_t used = scr_sandbox_used(s->sb);
    int64_t cap = scr_sandbox_limits(s->sb)->instructions;
    if (cap > 0 && used > cap)
        used = cap; /* a spent budget is the whole budget: the hook notices it in steps */
    s->st.calls++;
    s->st.instructions = used;
    if (used > s->st.instructions_max)
        s->st.instructions_max = used;
    s->st.instructions_total += used;
    s->st.memory = scr_sandbox_memory(s->sb);
    s->st.memory_peak = scr_sandbox_memory_peak(s->sb);
    take_output(s);
    if (rc < 0) {
        s->st.failures++;
        note(s, SCR_MSG_ERROR, err);
        const char *tb = scr_sandbox_traceback(s->sb);
        core_strlcpy(s->last_error, tb[0] ? tb : err, sizeof s->last_error);
    }
}

static int call(ScrStrategy *s, int what, char *err, size_t errsz)
{
    char why[SCR_MESSAGE_LEN] = "";
    lua_State *L = scr_sandbox_lua(s->sb);
    int rc;
    s->run = what;
    if (!lua_checkstack(L, 4)) {
        rc = core_errf(why, sizeof why, "%s: out of memory for the Lua stack", s->name);
    } else {
        lua_pushcfunction(L, run);
        lua_pushlightuserdata(L, s);
        lua_pushinteger(L, what);
        rc = scr_sandbox_call(s->sb, 2, 0, why, sizeof why);
    }
    scr_api_end(s->api);
    count_call(s, rc, why);
    if (rc < 0)
        core_strlcpy(err, why, errsz);
    return rc;
}

/* Checks that the strategy plays the actor it was made for. */
static int check_actor(ScrStrategy *s, const SimView *view, char *err, size_t errsz)
{
    const char *id = view->world->sc->actors[view->self].id;
    if (s->actor[0] && strcmp(s->actor, id) != 0)
        return core_errf(err, errsz, "%s: made for %s, given to %s", s->name, s->actor, id);
    return 0;
}

static int s_init(void *self, const SimView *view, char *err, size_t errsz)
{
    ScrStrategy *s = self;
    char why[SIM_REASON_LEN] = "";
    s->turn = view->world->turn;
    (void)err, (void)errsz;
    if (check_actor(s, view, why, sizeof why) < 0) {
        note(s, SCR_MSG_ERROR, why);
    } else if (s->ref_init != LUA_NOREF) {
        s->view = view;
        if (call(s, RUN_INIT, why, sizeof why) == 0)
            return 0;
    } else {
        return 0;
    }
    /* The game goes on: the first decide reports the failure. */
    if (!s->pending[0])
        snprintf(s->pending, sizeof s->pending, "init failed: %.*s",
                 (int)(sizeof s->pending - sizeof "init failed: "), why);
    return 0;
}

static int s_decide(void *self, const SimView *view, SimIntentList *out, char *err, size_t errsz)
{
    ScrStrategy *s = self;
    s->turn = view->world->turn;
    if (check_actor(s, view, err, errsz) < 0)
        return -1;
    if (s->pending[0]) {
        core_strlcpy(err, s->pending, errsz);
        s->pending[0] = '\0';
        return -1;
    }
    s->view = view;
    s->out = out;
    int n0 = out->n;
    int rc = call(s, RUN_DECIDE, err, errsz);
    s->out = NULL;
    if (rc < 0) {
        out->n = n0;
        out->n_notes = 0; /* a failed turn is reported as a failure, not as drops */
        scr_api_forget_refs(s->api);
        return -1;
    }
    return 0;
}

static void s_on_event(void *self, const SimView *view, const struct SimEvent *ev)
{
    ScrStrategy *s = self;
    char why[SIM_REASON_LEN] = "";
    s->turn = view->world->turn;
    if (s->pending[0] || check_actor(s, view, why, sizeof why) < 0)
        return;
    s->view = view;
    s->ev = ev;
    if (call(s, RUN_EVENT, why, sizeof why) < 0)
        snprintf(s->pending, sizeof s->pending, "on_event failed: %.*s",
                 (int)(sizeof s->pending - sizeof "on_event failed: "), why);
}

static void s_destroy(void *self)
{
    ScrStrategy *s = self;
    if (!s)
        return;
    scr_api_destroy(s->api);
    scr_sandbox_destroy(s->sb);
    free(s->name);
    free(s->source);
    free(s);
}

/* Raises for a function-valued key of the module table (argument 1) that looks like a misspelt
 * callback (S.decied for decide) while the callback itself is missing: names its line. */
static void misspelt(lua_State *L, const char *name, const char *const *fields, int *missing)
{
    scr_sandbox_sorted_keys(L, 1);
    int keys = lua_gettop(L);
    for (lua_Integer j = 1; lua_rawgeti(L, keys, j) != LUA_TNIL; j++) {
        size_t len;
        int key = lua_gettop(L);
        if (lua_type(L, key) != LUA_TSTRING) {
            lua_pop(L, 1);
            continue;
        }
        const char *k = lua_tolstring(L, key, &len);
        lua_pushvalue(L, key);
        int fn = lua_rawget(L, 1) == LUA_TFUNCTION;
        for (int f = 0; f < 3 && fn; f++) {
            if (!missing[f] || core_nearest(k, len, &fields[f], 1) != 0)
                continue;
            lua_Debug ar;
            int line = lua_getinfo(L, ">S", &ar) ? ar.linedefined : 0;
            luaL_error(L,
                       "%s:%d: the table the script returns has %s but no %s: did you mean "
                       "%s? (function S.%s(view) ...)",
                       name, line, k, fields[f], fields[f], fields[f]);
        }
        lua_settop(L, key - 1);
    }
    lua_settop(L, keys - 1);
}

/* Takes the module table the main chunk returned (argument 1) apart; run protected. */
static int bind(lua_State *L)
{
    ScrStrategy *s = lua_touserdata(L, 2);
    const char *name = scr_sandbox_name(s->sb);
    if (lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L,
                          "%s: the script must return a table with a decide function (it "
                          "returned %s)",
                          name, luaL_typename(L, 1));
    static const char *const fields[] = {"decide", "init", "on_event"};
    int *refs[] = {&s->ref_decide, &s->ref_init, &s->ref_on_event};
    int missing[3];
    for (int k = 0; k < 3; k++) {
        lua_pushstring(L, fields[k]);
        missing[k] = lua_rawget(L, 1) == LUA_TNIL;
        lua_pop(L, 1);
    }
    misspelt(L, name, fields, missing);
    for (int k = 0; k < 3; k++) {
        lua_pushstring(L, fields[k]);
        int t = lua_rawget(L, 1);
        if (t == LUA_TNIL && k > 0) {
            lua_pop(L, 1);
            continue;
        }
        if (t != LUA_TFUNCTION)
            return luaL_error(L,
                              "%s: the table the script returns needs %s to be a function "
                              "(it is %s)",
                              name, fields[k], lua_typename(L, t));
        if (k == 0) {
            lua_Debug ar;
            lua_pushvalue(L, -1);
            if (lua_getinfo(L, ">S", &ar))
                s->decide_line = ar.linedefined;
        }
        *refs[k] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    return 0;
}

static ScrStrategy *from(const SimStrategy *s)
{
    return scr_strategy_is_lua(s) ? s->self : NULL;
}

int scr_strategy_create(const char *name, const char *text, size_t len, const ScrLimits *lim,
                        uint64_t seed, const char *actor_id, SimStrategy *out, char *err,
                        size_t errsz)
{
    memset(out, 0, sizeof *out);
    ScrStrategy *s = calloc(1, sizeof *s);
    if (!s || !(s->name = core_strndup(name, strlen(name)))) {
        free(s);
        return core_errf(err, errsz, "%s: out of memory", name);
    }
    if (!(s->source = core_strndup(text, len))) {
        s_destroy(s);
        return core_errf(err, errsz, "%s: out of memory", name);
    }
    s->source_len = len;
    s->ref_decide = s->ref_init = s->ref_on_event = LUA_NOREF;
    s->turn = -1;
    if (actor_id)
        core_strlcpy(s->actor, actor_id, sizeof s->actor);
    char stream[SIM_ID_LEN + 8];
    snprintf(stream, sizeof stream, "lua:%s", s->actor);
    char why[SCR_MESSAGE_LEN];
    s->sb = scr_sandbox_create(lim, seed, stream, why, sizeof why);
    if (!s->sb) {
        s_destroy(s);
        return core_errf(err, errsz, "%s: %s", name, why);
    }
    s->api = scr_api_create(s->sb, on_drop, s, why, sizeof why);
    if (!s->api) {
        s_destroy(s);
        return core_errf(err, errsz, "%s: %s", name, why);
    }
    lua_State *L = scr_sandbox_lua(s->sb);
    int rc = scr_sandbox_load(s->sb, name, text, len, why, sizeof why);
    if (rc == 0)
        rc = scr_sandbox_call(s->sb, 0, 1, why, sizeof why);
    if (rc == 0) {
        lua_pushcfunction(L, bind);
        lua_insert(L, -2);
        lua_pushlightuserdata(L, s);
        rc = scr_sandbox_call(s->sb, 2, 0, why, sizeof why);
    }
    count_call(s, rc, why);
    if (rc < 0) {
        core_strlcpy(err, why, errsz);
        s_destroy(s);
        return -1;
    }
    out->name = s->name;
    out->self = s;
    out->init = s_init;
    out->decide = s_decide;
    out->on_event = s->ref_on_event != LUA_NOREF ? s_on_event : NULL;
    out->destroy = s_destroy;
    return 0;
}

int scr_strategy_is_lua(const SimStrategy *s)
{
    return s && s->decide == s_decide && s->self;
}

int scr_strategy_stats(const SimStrategy *s, ScrStats *out)
{
    ScrStrategy *x = from(s);
    if (!x)
        return -1;
    *out = x->st;
    out->memory = scr_sandbox_memory(x->sb);
    out->memory_peak = scr_sandbox_memory_peak(x->sb);
    return 0;
}

int scr_strategy_message_count(const SimStrategy *s)
{
    ScrStrategy *x = from(s);
    if (!x)
        return 0;
    return x->st.messages < SCR_MAX_MESSAGES ? x->st.messages : SCR_MAX_MESSAGES;
}

int scr_strategy_message(const SimStrategy *s, int k, ScrMessage *out)
{
    ScrStrategy *x = from(s);
    if (!x || k < 0 || k >= scr_strategy_message_count(s))
        return -1;
    int first = x->st.messages > SCR_MAX_MESSAGES ? x->st.messages - SCR_MAX_MESSAGES : 0;
    int slot = (first + k) % SCR_MAX_MESSAGES;
    out->kind = x->msg[slot].kind;
    out->turn = x->msg[slot].turn;
    out->text = x->msg[slot].text;
    return 0;
}

const char *scr_strategy_last_error(const SimStrategy *s)
{
    ScrStrategy *x = from(s);
    return x ? x->last_error : "";
}

int scr_strategy_memory_ref(const SimStrategy *s, lua_State **L)
{
    ScrStrategy *x = from(s);
    if (!x)
        return -1;
    if (L)
        *L = scr_sandbox_lua(x->sb);
    return scr_api_memory_ref(x->api);
}

ScrSandbox *scr_strategy_sandbox(const SimStrategy *s)
{
    ScrStrategy *x = from(s);
    return x ? x->sb : NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Saves: the script's text, its memory as a plain tree and back, the failure it still owes */

#define MEMORY_DEPTH_MAX 32 /* as scr_api's memory check */

typedef struct {
    ScrStrategy *s;
    CoreValue *out;      /* export */
    const CoreValue *in; /* import */
} MemJob;

const char *scr_strategy_source(const SimStrategy *s, size_t *len)
{
    ScrStrategy *x = from(s);
    if (len)
        *len = x ? x->source_len : 0;
    return x ? x->source : NULL;
}

const char *scr_strategy_pending(const SimStrategy *s)
{
    ScrStrategy *x = from(s);
    return x ? x->pending : "";
}

/* Copies the value at idx into v (nil on entry); raises on a value memory may not hold. */
static void export_value(lua_State *L, int idx, CoreValue *v, int depth)
{
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 6, "view.memory is nested too deep");
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        v->type = CORE_VAL_BOOL;
        v->b = lua_toboolean(L, idx);
        return;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            v->type = CORE_VAL_INT;
            v->i = (int64_t)lua_tointeger(L, idx);
        } else {
            v->type = CORE_VAL_FLOAT;
            v->f = (double)lua_tonumber(L, idx);
        }
        return;
    case LUA_TSTRING: {
        size_t n;
        const char *str = lua_tolstring(L, idx, &n);
        if (core_value_set_string(v, str, n) < 0)
            luaL_error(L, "out of memory saving view.memory");
        return;
    }
    case LUA_TTABLE:
        break;
    default:
        luaL_error(L, "view.memory holds a %s, which a save cannot keep", luaL_typename(L, idx));
        return;
    }
    if (depth >= MEMORY_DEPTH_MAX)
        luaL_error(L, "view.memory is nested deeper than %d tables", MEMORY_DEPTH_MAX);
    core_value_set_table(v);
    scr_sandbox_sorted_keys(L, idx);
    int keys = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, keys);
    for (lua_Integer k = 1; k <= n; k++) {
        CoreValue *slot = core_value_table_add(v);
        if (!slot)
            luaL_error(L, "out of memory saving view.memory");
        lua_rawgeti(L, keys, k);
        export_value(L, -1, &slot[0], depth + 1);
        lua_rawget(L, idx);
        export_value(L, -1, &slot[1], depth + 1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static int mem_export(lua_State *L)
{
    MemJob *job = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, scr_api_memory_ref(job->s->api));
    export_value(L, -1, job->out, 0);
    return 0;
}

/* Pushes v; raises on what memory may not hold. */
static void import_value(lua_State *L, const CoreValue *v, int depth, int is_key)
{
    luaL_checkstack(L, 6, "the saved memory is nested too deep");
    switch (v->type) {
    case CORE_VAL_BOOL:
        lua_pushboolean(L, v->b);
        return;
    case CORE_VAL_INT:
        lua_pushinteger(L, (lua_Integer)v->i);
        return;
    case CORE_VAL_FLOAT:
        if (!isfinite(v->f))
            luaL_error(L, "the saved memory holds a number that is not finite");
        lua_pushnumber(L, (lua_Number)v->f);
        return;
    case CORE_VAL_STRING:
        lua_pushlstring(L, v->s, v->len);
        return;
    case CORE_VAL_TABLE:
        if (!is_key)
            break;
        /* fall through */
    default:
        luaL_error(L, "the saved memory holds a %s %s", v->type == CORE_VAL_NIL ? "nil" : "table",
                   is_key ? "key" : "value");
        return;
    }
    if (depth >= MEMORY_DEPTH_MAX)
        luaL_error(L, "the saved memory is nested deeper than %d tables", MEMORY_DEPTH_MAX);
    /* Room for the sequence 1..n up front, as a table grown by appends would have. */
    size_t narr = 0;
    while (narr < v->len && v->kv[2 * narr].type == CORE_VAL_INT &&
           v->kv[2 * narr].i == (int64_t)narr + 1)
        narr++;
    size_t nrec = v->len - narr, cap = (size_t)1 << 20;
    lua_createtable(L, (int)(narr < cap ? narr : cap), (int)(nrec < cap ? nrec : cap));
    int t = lua_gettop(L);
    for (size_t k = 0; k < v->len; k++) {
        import_value(L, &v->kv[2 * k], depth + 1, 1);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, t) != LUA_TNIL)
            luaL_error(L, "the saved memory has a key twice in one table");
        lua_pop(L, 1);
        import_value(L, &v->kv[2 * k + 1], depth + 1, 0);
        lua_rawset(L, t);
    }
}

static int mem_import(lua_State *L)
{
    MemJob *job = lua_touserdata(L, 1);
    ScrApi *api = job->s->api;
    lua_rawgeti(L, LUA_REGISTRYINDEX, scr_api_memory_ref(api));
    int mem = lua_gettop(L);
    scr_sandbox_clear(L, mem); /* in place: the view keeps the same table */
    if (job->in->type == CORE_VAL_NIL)
        return 0;
    if (job->in->type != CORE_VAL_TABLE)
        return luaL_error(L, "the saved memory is not a table");
    import_value(L, job->in, 0, 0);
    scr_sandbox_copy(L, -1, mem);
    scr_api_check_memory(L, api);
    return 0;
}

static int mem_call(ScrStrategy *s, lua_CFunction f, MemJob *job, char *err, size_t errsz)
{
    lua_State *L = scr_sandbox_lua(s->sb);
    char why[SCR_MESSAGE_LEN] = "";
    if (!lua_checkstack(L, 3))
        return core_errf(err, errsz, "%s: out of memory for the Lua stack", s->name);
    lua_pushcfunction(L, f);
    lua_pushlightuserdata(L, job);
    if (scr_sandbox_call(s->sb, 1, 0, why, sizeof why) < 0)
        return core_errf(err, errsz, "%s", why);
    return 0;
}

int scr_strategy_memory_get(const SimStrategy *s, CoreValue *out, char *err, size_t errsz)
{
    ScrStrategy *x = from(s);
    memset(out, 0, sizeof *out);
    if (!x)
        return core_errf(err, errsz, "not a Lua strategy");
    MemJob job = {x, out, NULL};
    if (mem_call(x, mem_export, &job, err, errsz) < 0) {
        core_value_clear(out);
        return -1;
    }
    return 0;
}

int scr_strategy_restore(SimStrategy *s, const CoreValue *memory, const CoreRng *rng,
                         const char *pending, char *err, size_t errsz)
{
    ScrStrategy *x = from(s);
    if (!x)
        return core_errf(err, errsz, "not a Lua strategy");
    CoreValue nil;
    memset(&nil, 0, sizeof nil);
    MemJob job = {x, NULL, memory ? memory : &nil};
    if (mem_call(x, mem_import, &job, err, errsz) < 0)
        return -1;
    if (rng)
        *scr_sandbox_rng(x->sb) = *rng;
    core_strlcpy(x->pending, pending ? pending : "", sizeof x->pending);
    return 0;
}
