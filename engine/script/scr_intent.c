/* scr_intent: intents. The constructors (propose and its shorthands per deal kind, accept,
 * reject, counter, release, pass, sell, rescue, exit) make plain tables that remember the line
 * they were made on; scr_api_intents reads what decide returned into SimIntents, dropping
 * malformed ones with a message each.
 *
 * Ownership: nothing of its own; dropped intents are told to the context's drop function. */
#include "scr_api_int.h"

#include "core_err.h"
#include "core_month.h"
#include "core_text.h"
#include "sim_market.h"
#include "sim_pay.h"
#include "sim_turn.h"

#include <lauxlib.h>

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int caller_line(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        return ar.currentline;
    return -1;
}

/* Marks the table at src (or a new one if src is 0 or not a table) as an intent: op, and the
 * caller's line; pushes it. A plain table given is the one returned, not a copy: propose{...}
 * makes a fresh table anyway, and copying was a third of a constructor's cost. A table with a
 * metatable (a view record, say) is copied. */
static int new_intent(lua_State *L, const char *op, int src)
{
    int plain = src && lua_type(L, src) == LUA_TTABLE && !lua_getmetatable(L, src);
    if (plain) {
        lua_pushvalue(L, src);
    } else {
        if (src && lua_type(L, src) == LUA_TTABLE)
            lua_pop(L, 1); /* its metatable */
        lua_createtable(L, 0, 8);
        if (src && lua_type(L, src) == LUA_TTABLE) {
            int t = lua_gettop(L);
            scr_sandbox_sorted_keys(L, src); /* through proxies too */
            int keys = lua_gettop(L);
            for (lua_Integer j = 1; lua_rawgeti(L, keys, j) != LUA_TNIL; j++) {
                lua_pushvalue(L, -1);
                lua_gettable(L, src);
                lua_rawset(L, t);
            }
            lua_settop(L, t);
        }
    }
    int t = lua_gettop(L);
    ScrApi *api = scr_api_of(L);
    int K = scr_api_push_keys(L, api);
    scr_api_kstr(L, K, t, K_OP, op);
    scr_api_kint(L, K, t, K_LINE, caller_line(L));
    lua_pop(L, 1);
    return t;
}

/* Gives the new offer at t its ref: "T.N", the N-th offer made in turn T (view.turn), unless it
 * has one (a table proposed twice keeps its first). */
static void set_ref(lua_State *L, int t)
{
    ScrApi *api = scr_api_of(L);
    lua_pushliteral(L, "ref");
    if (lua_rawget(L, t) != LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    int turn = api->active ? api->v.world->turn : -1;
    if (turn != api->ref_turn) {
        api->ref_turn = turn;
        api->ref_n = 0;
    }
    lua_pushfstring(L, "%d.%d", turn, ++api->ref_n);
    lua_setfield(L, t, "ref");
}

/* propose{...} and its shorthands (upvalue 2: the kind, or nil). */
static int l_propose(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    int t = new_intent(L, "propose", 1);
    set_ref(L, t);
    if (!lua_isnil(L, lua_upvalueindex(2))) {
        lua_pushliteral(L, "kind");
        if (lua_rawget(L, t) == LUA_TNIL) {
            lua_pushvalue(L, lua_upvalueindex(2));
            lua_setfield(L, t, "kind");
        }
        lua_pop(L, 1);
    }
    return 1;
}

/* accept(id, reason), reject(id, reason), release(id, reason) (upvalue 2: the op). */
/* The intent of kind made from the call's two arguments: field (the deal) and the reason. */
static int intent_of_args(lua_State *L, const char *kind, const char *field)
{
    lua_settop(L, 2);
    int t = new_intent(L, kind, 0);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, field);
    lua_pushvalue(L, 2);
    lua_setfield(L, t, "reason");
    return 1;
}

static int l_answer(lua_State *L)
{
    return intent_of_args(L, lua_tostring(L, lua_upvalueindex(2)), "id");
}

static int l_counter(lua_State *L)
{
    luaL_checkany(L, 1);
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 3);
    int t = new_intent(L, "counter", 2);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, "id");
    set_ref(L, t);
    if (!lua_isnoneornil(L, 3)) {
        lua_pushvalue(L, 3);
        lua_setfield(L, t, "reason");
    }
    return 1;
}

/* sell{actor=, fraction= | shares=, reason=}: a stake sale. A table without `actor` is the chip
 * sale it always was (propose{kind = "chip_purchase", ...}; upvalue 2: that kind). */
static int l_sell(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_getfield(L, 1, "actor");
    int stake = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!stake)
        return l_propose(L);
    new_intent(L, "sell", 1);
    return 1;
}

/* rescue{actor=, amount=, reason=}: put amount ($B) into a distressed actor now, for new shares
 * at its price. */
static int l_rescue(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    new_intent(L, "rescue", 1);
    return 1;
}

/* exit{deal=, reason=} or exit(deal, reason): cancel a live deal, paying the penalty. */
static int l_exit(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_settop(L, 1);
        new_intent(L, "exit", 1);
        return 1;
    }
    return intent_of_args(L, "exit", "deal");
}

static int l_pass(lua_State *L)
{
    lua_settop(L, 1);
    int t = new_intent(L, "pass", 0);
    lua_pushvalue(L, 1);
    lua_setfield(L, t, "reason");
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * From intent tables to SimIntents */

/* The fields an intent table may hold, read in one pass (the table holds the strings). */
enum {
    I_OP,
    I_LINE,
    I_ID,
    I_TO,
    I_KIND,
    I_AMOUNT,
    I_MONTHS,
    I_DELAY,
    I_UPFRONT,
    I_GW,
    I_RATE,
    I_RATE2,
    I_SHARES,
    I_PAY,
    I_REASON,
    I_ACTOR,
    I_FRACTION,
    I_DEAL,
    I_REF,
    I_COUNT
};
static const char *const intent_fields[I_COUNT] = {
    "op",   "line",  "id",     "to",  "kind",   "amount", "months",   "delay", "upfront", "gw",
    "rate", "rate2", "shares", "pay", "reason", "actor",  "fraction", "deal",  "ref"};
#define BIT(f) (1u << (f))
#define TERMS_BITS                                                                                 \
    (BIT(I_TO) | BIT(I_KIND) | BIT(I_AMOUNT) | BIT(I_MONTHS) | BIT(I_DELAY) | BIT(I_UPFRONT) |     \
     BIT(I_GW) | BIT(I_RATE) | BIT(I_RATE2) | BIT(I_SHARES) | BIT(I_PAY))

typedef struct {
    int type[I_COUNT]; /* LUA_TNIL (0) when absent */
    double num[I_COUNT];
    int isint[I_COUNT];
    lua_Integer ival[I_COUNT];
    const char *str[I_COUNT];
    size_t len[I_COUNT];
    int truth[I_COUNT];
    const char *unknown; /* the smallest unknown field name, or NULL */
    size_t unknown_len;
    int odd_key; /* a key that is not a string */
} Fields;

static int bytes_less(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    return c < 0 || (c == 0 && la < lb);
}

/* The intent field named k (len bytes), or -1. */
static int field_of(const char *k, size_t len)
{
    static const unsigned char lens[I_COUNT] = {2, 4, 2, 2, 4, 6, 6, 5, 7, 2,
                                                4, 5, 6, 3, 6, 5, 8, 4, 3};
    for (int j = 0; j < I_COUNT; j++)
        if (lens[j] == len && k[0] == intent_fields[j][0] && memcmp(k, intent_fields[j], len) == 0)
            return j;
    return -1;
}

static void gather(lua_State *L, int t, Fields *f)
{
    memset(f, 0, sizeof *f);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            f->odd_key = 1;
            lua_pop(L, 1);
            continue;
        }
        size_t len;
        const char *k = lua_tolstring(L, -2, &len);
        int id = field_of(k, len);
        if (id < 0) {
            if (!f->unknown || bytes_less(k, len, f->unknown, f->unknown_len)) {
                f->unknown = k;
                f->unknown_len = len;
            }
            lua_pop(L, 1);
            continue;
        }
        int ty = lua_type(L, -1);
        f->type[id] = ty;
        if (ty == LUA_TNUMBER) {
            f->num[id] = lua_tonumber(L, -1);
            f->ival[id] = lua_tointegerx(L, -1, &f->isint[id]);
        } else if (ty == LUA_TSTRING) {
            f->str[id] = lua_tolstring(L, -1, &f->len[id]);
        } else if (ty == LUA_TBOOLEAN) {
            f->truth[id] = lua_toboolean(L, -1);
        }
        lua_pop(L, 1);
    }
}

/* A number field: 0 absent (out untouched), 1 read, -1 bad (why written). */
static int num_field(lua_State *L, const Fields *f, int id, int whole, double *out, char *why,
                     size_t whysz)
{
    const char *k = intent_fields[id];
    if (f->type[id] == LUA_TNIL)
        return 0;
    if (f->type[id] != LUA_TNUMBER) {
        snprintf(why, whysz, "%s is a %s, not a number", k, lua_typename(L, f->type[id]));
        return -1;
    }
    double x = f->num[id];
    if (!isfinite(x))
        snprintf(why, whysz, "%s is not a finite number", k);
    else if (x < 0.0)
        snprintf(why, whysz, "%s is negative (%g)", k, x);
    else if (x > SCR_ABSURD)
        snprintf(why, whysz, "%s is absurd (%g; at most %g)", k, x, SCR_ABSURD);
    else if (whole && x != floor(x))
        snprintf(why, whysz, "%s must be a whole number (%g)", k, x);
    else {
        *out = x;
        return 1;
    }
    return -1;
}

/* The length of s[0..n) cut to at most max bytes at a UTF-8 character boundary. */
static size_t utf8_fit(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Copies n bytes of one language's part; a separator inside it becomes a space, so that a
 * stored reason never has more than two parts. Returns the end of the copy. */
static char *part_copy(char *dst, const char *s, size_t n)
{
    memcpy(dst, s, n);
    for (char *p = dst; (p = memchr(p, CORE_TEXT_SEP, n - (size_t)(p - dst))) != NULL; p++)
        *p = ' ';
    return dst + n;
}

/* Stores a reason of two parts (either may be empty) as one text of at most SCR_REASON_MAX bytes:
 * "EN\x1fZH" when both have words, else the one that has (a reason in one language is a plain
 * text, as a string reason is). When both do not fit, the shorter keeps all of its words if it
 * takes at most half, the longer the rest; otherwise each gets half; cuts fall at a UTF-8
 * character boundary. */
static void reason_join(char *dst, const char *en, size_t ne, const char *zh, size_t nz)
{
    char *p = dst;
    if (ne == 0 || nz == 0) {
        const char *s = ne ? en : zh;
        p = part_copy(p, s, utf8_fit(s, ne ? ne : nz, SCR_REASON_MAX));
    } else {
        size_t room = SCR_REASON_MAX - 1, half = room / 2;
        if (ne + nz > room) {
            if (ne <= half)
                nz = utf8_fit(zh, nz, room - ne);
            else if (nz <= half)
                ne = utf8_fit(en, ne, room - nz);
            else {
                ne = utf8_fit(en, ne, half);
                nz = utf8_fit(zh, nz, room - ne);
            }
        }
        p = part_copy(p, en, ne);
        *p++ = CORE_TEXT_SEP;
        p = part_copy(p, zh, nz);
    }
    *p = '\0';
}

/* The bytes of a string up to its first NUL. */
static size_t text_len(const char *s, size_t len)
{
    const char *nul = memchr(s, '\0', len);
    return nul ? (size_t)(nul - s) : len;
}

/* Reads the reason table {en = ..., zh = ...} on top of the stack into its two parts (which the
 * table keeps alive). The problem named does not depend on the order lua_next walks: an unknown
 * key first (the smallest), then a key that is not a string, then en, then zh. */
static int reason_table(lua_State *L, const char **en, size_t *ne, const char **zh, size_t *nz,
                        char *why, size_t whysz)
{
    int t = lua_gettop(L), bad[2] = {LUA_TSTRING, LUA_TSTRING}, odd = LUA_TNIL;
    const char *unknown = NULL;
    size_t unknown_len = 0;
    *en = *zh = "";
    *ne = *nz = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        size_t kl;
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &kl) : NULL;
        int lang = !k                                   ? -1
                   : kl == 2 && memcmp(k, "en", 2) == 0 ? 0
                   : kl == 2 && memcmp(k, "zh", 2) == 0 ? 1
                                                        : -1;
        if (lang >= 0 && lua_type(L, -1) == LUA_TSTRING) {
            size_t n;
            const char *v = lua_tolstring(L, -1, &n);
            *(lang ? zh : en) = v;
            *(lang ? nz : ne) = text_len(v, n);
        } else if (lang >= 0) {
            bad[lang] = lua_type(L, -1);
        } else if (k) {
            if (!unknown || bytes_less(k, kl, unknown, unknown_len)) {
                unknown = k;
                unknown_len = kl;
            }
        } else if (odd == LUA_TNIL) {
            odd = lua_type(L, -2);
        }
        lua_pop(L, 1);
    }
    if (unknown)
        snprintf(why, whysz, "reason: unknown language '%.*s' (a reason table takes en and zh)",
                 (int)(unknown_len < 16 ? unknown_len : 16), unknown);
    else if (odd != LUA_TNIL)
        snprintf(why, whysz, "reason: a table's keys must be en and zh, not a %s",
                 lua_typename(L, odd));
    else if (bad[0] != LUA_TSTRING || bad[1] != LUA_TSTRING)
        snprintf(why, whysz, "reason.%s: expected a string, got %s",
                 bad[0] != LUA_TSTRING ? "en" : "zh",
                 lua_typename(L, bad[0] != LUA_TSTRING ? bad[0] : bad[1]));
    else
        return 0;
    return -1;
}

/* The intent's reason into dst (SIM_REASON_LEN bytes): a string as it is (one holding the
 * separator is read as its two parts, as the view gives them back), or a table
 * {en = "...", zh = "..."} joined as "EN\x1fZH" (reason_join). The intent table is at t. */
static int reason_field(lua_State *L, int t, const Fields *f, char *dst, char *why, size_t whysz)
{
    dst[0] = '\0';
    int ty = f->type[I_REASON];
    if (ty == LUA_TNIL)
        return 0;
    if (ty == LUA_TSTRING) {
        const char *s = f->str[I_REASON];
        size_t n = text_len(s, f->len[I_REASON]);
        const char *sep = memchr(s, CORE_TEXT_SEP, n);
        if (!sep)
            reason_join(dst, s, n, "", 0);
        else
            reason_join(dst, s, (size_t)(sep - s), sep + 1, n - (size_t)(sep - s) - 1);
        return 0;
    }
    if (ty != LUA_TTABLE) {
        snprintf(why, whysz, "reason: expected a string or a table {en=..., zh=...}, got %s",
                 lua_typename(L, ty));
        return -1;
    }
    const char *en, *zh;
    size_t ne, nz;
    lua_pushliteral(L, "reason");
    lua_rawget(L, t);
    int rc = reason_table(L, &en, &ne, &zh, &nz, why, whysz);
    if (rc == 0)
        reason_join(dst, en, ne, zh, nz);
    lua_pop(L, 1);
    return rc;
}

/* The deal id of an answer or a counter. */
static int id_field(lua_State *L, const Fields *f, int *id, char *why, size_t whysz)
{
    int ty = f->type[I_ID];
    lua_Integer v = f->ival[I_ID];
    if (ty == LUA_TNUMBER && f->isint[I_ID] && v >= 0 && v <= INT_MAX) {
        *id = (int)v;
        return 0;
    }
    if (ty == LUA_TNIL)
        snprintf(why, whysz, "the deal id is missing");
    else if (ty != LUA_TNUMBER)
        snprintf(why, whysz, "the deal id is a %s, not a number", lua_typename(L, ty));
    else
        snprintf(why, whysz, "%.17g is not a deal id", f->num[I_ID]);
    return -1;
}

/* Refuses fields an op does not take: an unknown name (the smallest, so that the message does
 * not change from run to run), else the first known field the op has no use for. */
static int unknown_fields(const Fields *f, unsigned allowed, const char *op, char *why,
                          size_t whysz)
{
    if (f->unknown) {
        int near = core_nearest(f->unknown, f->unknown_len, intent_fields, I_COUNT);
        int n = (int)(f->unknown_len < 40 ? f->unknown_len : 40);
        if (near >= 0)
            snprintf(why, whysz, "unknown field '%.*s'; did you mean '%s'?", n, f->unknown,
                     intent_fields[near]);
        else
            snprintf(why, whysz, "unknown field '%.*s'", n, f->unknown);
        return -1;
    }
    if (f->odd_key) {
        snprintf(why, whysz, "an intent holds keys that are not field names");
        return -1;
    }
    for (int j = 0; j < I_COUNT; j++) {
        if (f->type[j] != LUA_TNIL && !(allowed & BIT(j))) {
            snprintf(why, whysz, "%s takes no field '%s'", op, intent_fields[j]);
            return -1;
        }
    }
    return 0;
}

/* Whether the proposer pays when the intent does not say: not when it sells (supply) or holds
 * the right it asks for (exclusivity); then the counterparty pays. */
static int default_pay(SimDealKind k)
{
    return !(sim_kind(k)->flags & SIM_KF_SOLD);
}

/* The actor whose id is s (len bytes), or -1. */
static int actor_by_id(const SimWorld *w, const char *s, size_t len)
{
    for (int i = 0; i < w->n; i++) {
        const char *id = w->sc->actors[i].id;
        if (strlen(id) == len && memcmp(id, s, len) == 0)
            return i;
    }
    return -1;
}

/* Terms from an intent's fields (for a counter, over the countered deal's terms). */
static int read_terms(lua_State *L, ScrApi *api, const Fields *f, int countered, SimTerms *out,
                      char *why, size_t whysz)
{
    const SimWorld *w = api->v.world;
    int me = api->v.self, to = -1;
    SimTerms tm;
    memset(&tm, 0, sizeof tm);
    if (countered >= 0) {
        tm = w->deals[countered].t;
        to = sim_deal_counterparty(&w->deals[countered], me);
    }
    if (f->type[I_KIND] == LUA_TSTRING) {
        int k = sim_deal_kind_parse(f->str[I_KIND]);
        if (k < 0) {
            char list[320];
            size_t at = 0;
            list[0] = '\0';
            for (int j = 0; j < SIM_DEAL_KIND_COUNT && at < sizeof list; j++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", j ? ", " : "",
                                       sim_kinds[j].name);
            snprintf(why, whysz, "unknown kind '%.32s' (%s)", f->str[I_KIND], list);
            return -1;
        }
        tm.kind = (SimDealKind)k;
    } else if (f->type[I_KIND] != LUA_TNIL || countered < 0) {
        snprintf(why, whysz,
                 f->type[I_KIND] == LUA_TNIL ? "kind is missing" : "kind is a %s, not a string",
                 lua_typename(L, f->type[I_KIND]));
        return -1;
    }
    if (f->type[I_TO] == LUA_TSTRING) {
        int i = actor_by_id(w, f->str[I_TO], f->len[I_TO]);
        if (i < 0) {
            snprintf(why, whysz, "unknown actor '%.32s'", f->str[I_TO]);
            return -1;
        }
        if (countered >= 0 && i != to) {
            snprintf(why, whysz, "a counter goes back to %s, who made the offer",
                     w->sc->actors[to].id);
            return -1;
        }
        to = i;
    } else if (f->type[I_TO] != LUA_TNIL) {
        snprintf(why, whysz, "to is a %s, not an actor id", lua_typename(L, f->type[I_TO]));
        return -1;
    }
    if (sim_kind(tm.kind)->payee == SIM_PAYEE_WORLD) {
        tm.payer = me;
        tm.payee = SIM_WORLD;
    } else {
        if (to < 0) {
            snprintf(why, whysz, "to is missing (whom is the offer for?)");
            return -1;
        }
        if (to == me) {
            snprintf(why, whysz, "to is the proposer itself");
            return -1;
        }
        int ty = f->type[I_PAY];
        if (ty != LUA_TNIL && ty != LUA_TBOOLEAN) {
            snprintf(why, whysz, "pay is a %s, not true or false", lua_typename(L, ty));
            return -1;
        }
        int pay = ty == LUA_TBOOLEAN                        ? f->truth[I_PAY]
                  : countered >= 0 && tm.payee != SIM_WORLD ? tm.payer == me
                                                            : default_pay(tm.kind);
        tm.payer = pay ? me : to;
        tm.payee = pay ? to : me;
    }
    static const int nums[] = {I_AMOUNT, I_UPFRONT, I_GW, I_RATE, I_RATE2, I_SHARES};
    double *dst[] = {&tm.amount, &tm.upfront, &tm.gw, &tm.rate, &tm.rate2, &tm.shares};
    int given_rate = 0;
    for (int k = 0; k < 6; k++) {
        int rc = num_field(L, f, nums[k], 0, dst[k], why, whysz);
        if (rc < 0)
            return -1;
        if (nums[k] == I_RATE)
            given_rate = rc;
    }
    double months = countered >= 0 ? tm.months : 12.0, delay = countered >= 0 ? tm.delay : 0.0;
    if (num_field(L, f, I_MONTHS, 1, &months, why, whysz) < 0 ||
        num_field(L, f, I_DELAY, 1, &delay, why, whysz) < 0)
        return -1;
    tm.months = (int)months;
    tm.delay = (int)delay;
    if (countered < 0 && !given_rate) {
        /* A loan at the market's interest; a joint venture's payer funds the rest of the build. */
        if (sim_kind(tm.kind)->pay == SIM_PAY_LOAN)
            tm.rate = w->sc->market.interest_rate;
        else if (sim_kind(tm.kind)->pay == SIM_PAY_SPLIT)
            tm.rate = tm.rate2 < 1.0 ? 1.0 - tm.rate2 : 0.0;
    }
    *out = tm;
    return 0;
}

/* The `actor` field of a sale or a rescue, as the intent's actor: 0, or -1 with why. */
static int actor_field(lua_State *L, const SimWorld *w, const Fields *f, SimIntent *in, char *why,
                       size_t whysz)
{
    if (f->type[I_ACTOR] != LUA_TSTRING) {
        snprintf(why, whysz,
                 f->type[I_ACTOR] == LUA_TNIL ? "actor is missing" : "actor is a %s, not an id",
                 lua_typename(L, f->type[I_ACTOR]));
        return -1;
    }
    in->actor = actor_by_id(w, f->str[I_ACTOR], f->len[I_ACTOR]);
    if (in->actor >= 0)
        return 0;
    snprintf(why, whysz, "unknown actor '%.32s'", f->str[I_ACTOR]);
    return -1;
}

/* A sale's fields: the issuer, and a fraction of the stake held or a number of shares. */
static int read_sale(lua_State *L, ScrApi *api, const Fields *f, SimIntent *in, char *why,
                     size_t whysz)
{
    const SimWorld *w = api->v.world;
    if (actor_field(L, w, f, in, why, whysz) < 0)
        return -1;
    if ((f->type[I_FRACTION] == LUA_TNIL) == (f->type[I_SHARES] == LUA_TNIL)) {
        snprintf(why, whysz, "give either fraction (of the stake held) or shares (billions)");
        return -1;
    }
    double x = 0.0;
    if (f->type[I_FRACTION] != LUA_TNIL) {
        if (num_field(L, f, I_FRACTION, 0, &x, why, whysz) < 0)
            return -1;
        if (!(x > 0.0) || x > 1.0) {
            snprintf(why, whysz, "fraction must be above 0 and at most 1 (%g)", x);
            return -1;
        }
        in->shares = x * w->holdings[(size_t)api->v.self * (size_t)w->n + (size_t)in->actor];
        return 1;
    }
    if (num_field(L, f, I_SHARES, 0, &x, why, whysz) < 0)
        return -1;
    in->shares = x;
    return 1;
}

/* A rescue's fields: the actor rescued and the amount ($B). */
static int read_rescue(lua_State *L, ScrApi *api, const Fields *f, SimIntent *in, char *why,
                       size_t whysz)
{
    if (actor_field(L, api->v.world, f, in, why, whysz) < 0)
        return -1;
    double x = 0.0;
    if (f->type[I_AMOUNT] == LUA_TNIL) {
        snprintf(why, whysz, "amount is missing");
        return -1;
    }
    if (num_field(L, f, I_AMOUNT, 0, &x, why, whysz) < 0)
        return -1;
    if (!(x > 0.0)) {
        snprintf(why, whysz, "amount must be above 0 (%g)", x);
        return -1;
    }
    in->amount = x;
    return 1;
}

/* Reads the intent table at t: 1 an intent in *in, 0 a pass, -1 malformed (why written). *op
 * names what it was, *line where it was made (or stays as given). */
int scr_api_read_intent(lua_State *L, ScrApi *api, int t, SimIntent *in, const char **op, int *line,
                        char *why, size_t whysz)
{
    static const char *const ops[] = {"pass",    "propose", "accept", "reject", "counter",
                                      "release", "sell",    "exit",   "rescue"};
    static const SimIntentKind kinds[] = {SIM_INTENT_PASS,   SIM_INTENT_PROPOSE, SIM_INTENT_ACCEPT,
                                          SIM_INTENT_REJECT, SIM_INTENT_COUNTER, SIM_INTENT_RELEASE,
                                          SIM_INTENT_SELL,   SIM_INTENT_EXIT,    SIM_INTENT_RESCUE};
    static const unsigned allowed[] = {
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_REF) | TERMS_BITS,
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID) | BIT(I_REF) | TERMS_BITS,
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ID),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ACTOR) | BIT(I_FRACTION) | BIT(I_SHARES),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_DEAL),
        BIT(I_OP) | BIT(I_LINE) | BIT(I_REASON) | BIT(I_ACTOR) | BIT(I_AMOUNT)};
    const SimWorld *w = api->v.world;
    Fields f;
    gather(L, t, &f);
    *op = "intent";
    if (f.type[I_LINE] == LUA_TNUMBER && f.isint[I_LINE] && f.ival[I_LINE] > 0 &&
        f.ival[I_LINE] < INT_MAX)
        *line = (int)f.ival[I_LINE];
    if (f.type[I_OP] != LUA_TSTRING) {
        snprintf(why, whysz, "not an intent (make them with propose{...}, accept(id), ...)");
        return -1;
    }
    int o = -1;
    for (int k = 0; k < 9 && o < 0; k++)
        if (strlen(ops[k]) == f.len[I_OP] && memcmp(f.str[I_OP], ops[k], f.len[I_OP]) == 0)
            o = k;
    if (o < 0) {
        snprintf(why, whysz, "unknown op '%.32s'", f.str[I_OP]);
        return -1;
    }
    *op = ops[o];
    memset(in, 0, sizeof *in);
    in->kind = kinds[o];
    in->deal = -1;
    in->history_event = -1;
    in->made = -1;
    if (unknown_fields(&f, allowed[o], ops[o], why, whysz) < 0 ||
        reason_field(L, t, &f, in->reason, why, whysz) < 0)
        return -1;
    if (o == 0)
        return 0;
    if (o == 6)
        return read_sale(L, api, &f, in, why, whysz);
    if (o == 8)
        return read_rescue(L, api, &f, in, why, whysz);
    if (o == 7) {
        /* exit{deal = id}: the deal field is the id. */
        f.type[I_ID] = f.type[I_DEAL];
        f.num[I_ID] = f.num[I_DEAL];
        f.isint[I_ID] = f.isint[I_DEAL];
        f.ival[I_ID] = f.ival[I_DEAL];
        return id_field(L, &f, &in->deal, why, whysz) < 0 ? -1 : 1;
    }
    if (o != 1 && id_field(L, &f, &in->deal, why, whysz) < 0)
        return -1;
    if (o == 4 && in->deal >= w->n_deals) {
        snprintf(why, whysz, "counter: %d is not a deal", in->deal);
        return -1;
    }
    if ((o == 1 || o == 4) &&
        read_terms(L, api, &f, o == 4 ? in->deal : -1, &in->terms, why, whysz) < 0)
        return -1;
    return 1;
}

static void tell_drop(ScrApi *api, int count, const char *op, int line, const char *why)
{
    if (!api->drop)
        return;
    char msg[320];
    if (line > 0)
        snprintf(msg, sizeof msg, "%s:%d: %s dropped: %s", scr_sandbox_name(api->sb), line, op,
                 why);
    else
        snprintf(msg, sizeof msg, "%s: %s dropped: %s", scr_sandbox_name(api->sb), op, why);
    api->drop(api->drop_ud, count, msg);
}

/* One entry of decide's list: appended to out, or dropped. Returns 1 if dropped. */
static int take(lua_State *L, ScrApi *api, int t, int line, SimIntentList *out, int *extra)
{
    SimIntent in;
    const char *op;
    char why[256];
    int rc = scr_api_read_intent(L, api, t, &in, &op, &line, why, sizeof why);
    if (rc < 0) {
        tell_drop(api, 1, op, line, why);
        return 1;
    }
    if (rc == 0)
        return 0;
    SimIntent *slot = sim_intents_push(out, in.kind);
    if (!slot) {
        out->overflow--; /* counted once, below */
        (*extra)++;
        return 0;
    }
    *slot = in;
    scr_api_note_ref(L, api, t, (int)(slot - out->v));
    return 0;
}

/* The hint for a function where an intent was expected: the constructor it is, called. */
static const char *call_hint(lua_State *L, int idx)
{
    static const char *const ctors[] = {
        "pass",   "accept",  "reject",   "counter",   "release",   "exit",
        "rescue", "propose", "cloud",    "invest",    "lend",      "lease",
        "sell",   "build",   "warrants", "codevelop", "guarantee", "joint_venture"};
    static const char *const calls[] = {
        " (did you mean pass()? a constructor makes an intent when called)",
        " (did you mean accept(id)? a constructor makes an intent when called)",
        " (did you mean reject(id)? a constructor makes an intent when called)",
        " (did you mean counter(id, {...})? a constructor makes an intent when called)",
        " (did you mean release(id)? a constructor makes an intent when called)",
        " (did you mean exit(id)? a constructor makes an intent when called)",
        " (did you mean rescue{...}? a constructor makes an intent when called)",
        " (did you mean propose{...}? a constructor makes an intent when called)"};
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TFUNCTION)
        return "";
    for (size_t k = 0; k < sizeof ctors / sizeof ctors[0]; k++) {
        int same = lua_getglobal(L, ctors[k]) == LUA_TFUNCTION && lua_rawequal(L, -1, idx);
        lua_pop(L, 1);
        if (same && k < 8)
            return calls[k];
        if (same) /* a shorthand: its name, called with its terms (the string stays on the stack
                     until the error is raised) */
            return lua_pushfstring(L,
                                   " (did you mean %s{...}? a constructor makes an intent when "
                                   "called)",
                                   ctors[k]);
    }
    return " (call it: an intent is the table a constructor returns)";
}

static int garbage(lua_State *L, ScrApi *api, int line, const char *what)
{
    return scr_api_raise_msg(L, "%s:%d: decide returned %s", scr_sandbox_name(api->sb), line, what);
}

void scr_api_extra_results(lua_State *L, ScrApi *api, int from, int line)
{
    int top = lua_gettop(L);
    for (int k = from; k <= top; k++) {
        if (lua_isnil(L, k))
            continue;
        int at = line;
        if (lua_type(L, k) == LUA_TTABLE && lua_getfield(L, k, "line") == LUA_TNUMBER &&
            lua_isinteger(L, -1) && lua_tointeger(L, -1) > 0 && lua_tointeger(L, -1) < INT_MAX)
            at = (int)lua_tointeger(L, -1);
        lua_settop(L, top);
        char why[200];
        snprintf(why, sizeof why,
                 "decide returned %d values and only the first counts: return one list, "
                 "return {a, b}",
                 top - from + 2);
        tell_drop(api, 1, "return value", at, why);
    }
}

int scr_api_intents(lua_State *L, ScrApi *api, int idx, int line, SimIntentList *out)
{
    idx = lua_absindex(L, idx);
    scr_api_world_of(L, api);
    int ty = lua_type(L, idx);
    if (ty == LUA_TNIL)
        return 0;
    if (ty != LUA_TTABLE) {
        lua_pushfstring(L, "a %s, not a list of intents%s", lua_typename(L, ty), call_hint(L, idx));
        return garbage(L, api, line, lua_tostring(L, -1));
    }
    int dropped = 0, extra = 0;
    lua_pushliteral(L, "op");
    if (lua_rawget(L, idx) != LUA_TNIL) { /* a single intent */
        lua_pop(L, 1);
        dropped += take(L, api, idx, line, out, &extra);
    } else {
        lua_pop(L, 1);
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        scr_sandbox_charge(L, n);
        for (lua_Integer k = 1; k <= n; k++) {
            int et = lua_rawgeti(L, idx, k);
            if (et != LUA_TTABLE) {
                lua_pushfstring(L, "a list whose entry %I is a %s, not an intent%s", k,
                                lua_typename(L, et), call_hint(L, -1));
                return garbage(L, api, line, lua_tostring(L, -1));
            }
            dropped += take(L, api, lua_gettop(L), line, out, &extra);
            lua_pop(L, 1);
        }
    }
    if (extra) {
        char why[128];
        snprintf(why, sizeof why, "%d intents beyond the %d a turn allows", extra, SIM_MAX_INTENTS);
        tell_drop(api, extra, "intent list", line, why);
        out->overflow += extra;
        dropped += extra;
    }
    return dropped;
}

/* check(intent) -> true | nil, why: what the engine would say of it now. */

static const luaL_Reg intent_funcs[] = {
    {"counter", l_counter}, {"pass", l_pass}, {"exit", l_exit}, {"rescue", l_rescue}, {NULL, NULL}};

/* A constructor closure: the context and (when up2 is not NULL) a name as its upvalues. */
static void closure(lua_State *L, ScrApi *api, lua_CFunction f, const char *up2)
{
    lua_pushlightuserdata(L, api);
    if (up2) {
        lua_pushstring(L, up2);
        lua_pushcclosure(L, f, 2);
    } else {
        lua_pushcclosure(L, f, 1);
    }
}

/* The constructors as globals (the table at -1): the plain ones from intent_funcs, then those
 * that carry a name (an answer's op, a deal kind). */
void scr_intent_open(lua_State *L, ScrApi *api)
{
    int g = lua_gettop(L);
    lua_pushlightuserdata(L, api);
    luaL_setfuncs(L, intent_funcs, 1);
    static const char *const answers[] = {"accept", "reject", "release"};
    for (int k = 0; k < 3; k++) {
        closure(L, api, l_answer, answers[k]);
        lua_setfield(L, g, answers[k]);
    }
    lua_pushlightuserdata(L, api);
    lua_pushnil(L);
    lua_pushcclosure(L, l_propose, 2);
    lua_setfield(L, g, "propose");
    /* A constructor per kind that has one (cloud{...} is propose{kind = "compute", ...}). */
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        if (!sim_kinds[k].verb)
            continue;
        closure(L, api, l_propose, sim_kinds[k].name);
        lua_setfield(L, g, sim_kinds[k].verb);
    }
    /* sell{actor = ...} sells a stake; any other sell{...} stays the chip sale. */
    closure(L, api, l_sell, sim_kind(SIM_DEAL_CHIP_PURCHASE)->name);
    lua_setfield(L, g, "sell");
}
