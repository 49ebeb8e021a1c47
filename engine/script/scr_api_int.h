/* scr_api_int: what the strategy API's own files share (not for the rest of the engine).
 *
 * The API (scr_api.h) is one context and seven files along its seams: scr_api.c (the context,
 * installing the globals, shared helpers), scr_view.c (the view: read-only proxies, the lists
 * and tables, building it and pointing it at a turn), scr_record.c (the records of actors,
 * deals and events, read field by field), scr_event.c (the news and event records),
 * scr_query.c (the helper functions: exposure, circularity, check, ...), scr_intent.c (the
 * intent constructors and reading what decide returns) and scr_memory.c (view.memory's checks).
 * Each file with bindings registers them from its own luaL_Reg table in its open function.
 *
 * The view's design. A view table is a proxy: an empty table whose metatable refuses writes and
 * holds the real table (the target). Metatable slots: [1] class, [2] target, [3] index (actor,
 * deal, event). Reads go one of three ways, whichever was cheapest for what strategies read:
 *  - records of actors, deals and events: __index is a C function that reads the one field
 *    asked for from the world (a strategy reads a few of their twenty-odd fields). These share
 *    one metatable per class, and the proxy keeps its record's index under a light-userdata key
 *    that no script can name (scripts cannot make light userdata, and pairs, next and rawset
 *    look through or refuse proxies): making a record is one small table, not three tables and
 *    a closure (making event records was a fifth of what the playbooks cost);
 *  - lists and tables of many values (offers, deals, news, price series, the calendar): __index
 *    is the target, a plain table read without any C call, filled by a refresh function that
 *    stands as __index while the table is stale. scr_api_begin makes the news and price series
 *    read in the last call stale again, and the three lists of deals only if their deals changed;
 *    the calendar is filled once;
 *  - constant tables (the view itself, actors, params, calendar entries): __index is the
 *    target, filled when made (the view's turn, month, sentiment and leverage are rewritten at
 *    every call).
 *
 * Ownership: the context belongs to scr_api.c (scr_api_create, scr_api_destroy). */
#ifndef SCR_API_INT_H
#define SCR_API_INT_H

#include "scr_api.h"

#include <lua.h>
#include <stddef.h>

enum {
    C_VIEW,
    C_ACTORS,
    C_ACTOR,    /* a record: read field by field, see l_field */
    C_OFFERS,   /* when its deals change (these three in this order) */
    C_MYOFFERS, /* when its deals change */
    C_DEALS,    /* when its deals change */
    C_DEAL,     /* a record */
    C_NEWS,     /* per call */
    C_EVENT,    /* a record */
    C_PRICES,
    C_SERIES,   /* per call */
    C_CALENDAR, /* filled on first read */
    C_CALEV,
    C_PARAMS
};

enum { F_REFRESH, F_RO, F_LEN, F_RESOLVE, F_COUNT };

/* Field names written at every call, interned once and kept in a registry array: lua_setfield
 * would look each C string up in Lua's small string cache, where such names keep evicting one
 * another (a third of a refresh once went to strcmp). */
/* clang-format off */
#define KEYS(X) \
    X(INDEX, "__index")        \
    X(TURN, "turn")            \
    X(MONTH, "month")          \
    X(SENTIMENT, "sentiment")  \
    X(LEVERAGE, "leverage")    \
    X(OP, "op")                \
    X(LINE, "line")
/* clang-format on */
#define KEY_ENUM(e, str) K_##e,
#define KEY_NAME(e, str) str,
enum { KEYS(KEY_ENUM) K_COUNT };
static const char *const key_names[K_COUNT] = {KEYS(KEY_NAME)};

#define MEMORY_DEPTH 32

struct ScrApi {
    ScrSandbox *sb;
    ScrDropFn drop;
    void *drop_ud;
    SimView v;  /* during a call */
    int active; /* v is valid */
    const SimWorld *world;
    int me;
    int built;
    int ref_fn[F_COUNT];
    int ref_view, ref_viewt, ref_fresh, ref_deals, ref_events, ref_ids, ref_memory, ref_seen;
    int ref_keys;
    int ref_record_mt[3]; /* the shared metatables of actor, deal and event records */
    /* The three lists of deals (offers_to_me, my_offers, deals): what each held when it was
     * last filled, so that a list whose deals did not change stays fresh across calls. */
    struct {
        int ref_mt;
        int valid; /* ids hold the list as filled */
        int *ids, n, cap;
    } lists[3];
    int month_turn; /* the turn view.month was last written for */
    int n_fresh;
    int news[SCR_NEWS_MAX]; /* world event indexes, oldest first */
    int news_n;
    int news_scan; /* the first world event not yet looked at */
    int news_ok;   /* the news list holds the records of news[0..news_n) (a fill completed) */
    int n_cached;  /* event records in the cache (about) */
    int seen_dirty;
    /* Refs of offers (scr_query.c, view.deal): the last turn a constructor gave one and how
     * many it gave; ref -> deal id in the registry table ref_refs; the refs of the offers the
     * last decide handed over, by their slot in the actor's intent list, until the turn has
     * made them into deals. */
    int ref_turn, ref_n;
    int ref_refs;
    char pending[SIM_MAX_INTENTS][24];
    int pending_n, pending_turn;
    const SimWorld *pending_world;
};

/* scr_api.c: the context, small readers and writers, registry references */
/* Whether class cls is made stale at every call; a record class's slot in ref_record_mt, or -1. */
int scr_api_per_call(int cls);
int scr_api_record_slot(int cls);
/* Raises a message that already names the script (no position prepended). */
int scr_api_raise_msg(lua_State *L, const char *fmt, ...);
/* The context of a binding (its upvalue 1); the world, raising outside init, decide, on_event. */
ScrApi *scr_api_of(lua_State *L);
const SimWorld *scr_api_world_of(lua_State *L, ScrApi *api);
/* t[k] = v for the table at t; the k* forms take an interned key (KEYS) by number. */
void scr_api_setn(lua_State *L, int t, const char *k, double v);
void scr_api_seti(lua_State *L, int t, const char *k, lua_Integer v);
void scr_api_sets(lua_State *L, int t, const char *k, const char *v);
void scr_api_knum(lua_State *L, int K, int t, int key, double v);
void scr_api_kint(lua_State *L, int K, int t, int key, lua_Integer v);
void scr_api_kstr(lua_State *L, int K, int t, int key, const char *v);
/* Pushes the table of interned keys; an actor's id and a role's name; the index of the actor
 * named at idx (raising for an unknown one). */
int scr_api_push_keys(lua_State *L, ScrApi *api);
const char *scr_api_actor_id(const SimWorld *w, int i);
const char *scr_api_role_name(SimRole r);
int scr_api_check_actor(lua_State *L, ScrApi *api, int idx);
/* Strict reads. Raises "PATH.KEY: no such field; did you mean 'NAME'?" for the string key at
 * index key, NAME the nearest of names[0..n) (or, when none is near, a pointer to the docs'
 * section where). Gives the target of a constant view table (at t) a metatable whose __index
 * raises so for a string key no field has (and reads nil for other keys). */
int scr_api_no_field(lua_State *L, const char *path, int key, const char *const *names, int n,
                     const char *where);
void scr_api_make_strict(lua_State *L, int t, const char *path, const char *where);
/* Registry references: frees one (and sets it to LUA_NOREF); keeps the value on top. The key
 * (its address) under which a record's proxy keeps its index. */
void scr_api_unref(lua_State *L, int *ref);
int scr_api_keep(lua_State *L);
extern char scr_api_record_key;

/* scr_view.c: the view's proxies, lists and tables */
/* The read-only part of a proxy's metatable (at -1); fills the target t of a proxy of class
 * cls; pushes the cached record k of the registry table ref (made if missing). */
void scr_api_proxy_mt(lua_State *L, ScrApi *api);
void scr_api_fill(lua_State *L, ScrApi *api, int cls, int index, int t);
int scr_api_push_cached(lua_State *L, ScrApi *api, int ref, int cls, int k);

/* scr_record.c: records of actors, deals and events */
/* Writes every field of record index of class cls into t; pushes a new record proxy. */
void scr_api_fill_fields(lua_State *L, const SimWorld *w, int cls, int index, int t);
void scr_api_new_record(lua_State *L, ScrApi *api, int cls, int index);

/* scr_event.c: the news */
/* The actor a COUNTERED event is addressed to; fills view.news into t. */
int scr_api_countered_to(const SimWorld *w, const SimEvent *e);
void scr_api_fill_news(lua_State *L, ScrApi *api, int t);

/* scr_intent.c: intent tables read as SimIntents */
/* Reads the intent table at t: 1 an intent in *in, 0 a pass, -1 malformed (why written). */
int scr_api_read_intent(lua_State *L, ScrApi *api, int t, SimIntent *in, const char **op, int *line,
                        char *why, size_t whysz);

/* scr_memory.c: gives view.memory (at mem) its metatable: a view table stored at a new key fails
 * at the script's line. */
void scr_api_memory_open(lua_State *L, int mem);

/* scr_query.c: the ref of the intent at t (a propose or counter) as the one in slot k of the
 * list decide hands over; after the turn (at the next scr_api_begin) the refs of the offers it
 * made are kept. */
void scr_api_note_ref(lua_State *L, ScrApi *api, int t, int k);
void scr_api_take_refs(lua_State *L, ScrApi *api);
/* Pushes the function view.deal. */
void scr_api_push_view_deal(lua_State *L, ScrApi *api);

/* The open functions, called by scr_api.c's install: the view's functions and the records'
 * metatables into the registry; the helpers and the constructors into the globals (at -1). */
void scr_view_open(lua_State *L, ScrApi *api);
void scr_record_open(lua_State *L, ScrApi *api);
void scr_query_open(lua_State *L, ScrApi *api);
void scr_intent_open(lua_State *L, ScrApi *api);

#endif
