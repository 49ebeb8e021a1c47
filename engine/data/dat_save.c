/* dat_save: writes and reads whole games.
 *
 * Sections: bytes, hex and small writers; intents; Lua memory trees; the writer; the reader.
 * The key names below are the file format (docs/save-format.md): change one, change the other. */
#include "dat_save.h"

#include "core_month.h"
#include "core_text.h"
#include "dat_scenario.h"
#include "sim_lever.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEALS  1000000
#define MAX_FLOWS  10000000
#define MAX_EVENTS 10000000
#define MAX_SCRIPT ((size_t)1 << 20)
#define BIG        1e15 /* $B, GW, shares: anything past this is corruption, not a game */
#define MEM_DEPTH  32   /* as view.memory's own check */
#define MEM_ITEMS  ((int)1 << 20)

/* =============================================================================================
 * Bytes, hex and small writers */

/* Valid UTF-8 with no NUL byte (what a JSON string carries both ways). */
static int utf8_plain(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned min;
        if ((c & 0xE0) == 0xC0)
            k = 1, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
            k = 2, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
            k = 3, min = 0x10000, c &= 0x07;
        else
            return 0;
        if (n - i <= k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[i + j] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

void dat_bytes_write(DatBuf *b, const char *s, size_t len)
{
    if (utf8_plain((const unsigned char *)s, len)) {
        dat_buf_string(b, s);
        return;
    }
    static const char digits[] = "0123456789abcdef";
    dat_buf_puts(b, "{\"hex\":\"");
    for (size_t i = 0; i < len; i++) {
        char h[2] = {digits[(unsigned char)s[i] >> 4], digits[(unsigned char)s[i] & 15]};
        dat_buf_append(b, h, 2);
    }
    dat_buf_puts(b, "\"}");
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Numbers as the arguments of the messages' phrases. */
static const char *fmt_u(char buf[32], size_t v)
{
    snprintf(buf, 32, "%zu", v);
    return buf;
}

static const char *fmt_g(char buf[40], double v)
{
    snprintf(buf, 40, "%.17g", v);
    return buf;
}

/* A string, or {"hex": "..."}, the node at the reader's path. */
static int bytes_node(DatReader *r, const cJSON *v, char **out, size_t *len, size_t max)
{
    char got[80];
    char a[32], b[32];
    *out = NULL;
    *len = 0;
    if (cJSON_IsString(v)) {
        size_t n = strlen(v->valuestring);
        if (n > max)
            return dat_fail_tr(r, NULL, "err.save.bytes_long",
                               "expected a string of at most {1} bytes, got {2}", fmt_u(a, max),
                               fmt_u(b, n), NULL);
        if (!(*out = malloc(n + 1)))
            return dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
        memcpy(*out, v->valuestring, n + 1);
        *len = n;
        return 0;
    }
    if (!cJSON_IsObject(v)) {
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.bytes_type",
                           "expected a string or {\"hex\": \"...\"}, got {1}", got, NULL);
    }
    static const char *const keys[] = {"hex", NULL};
    const cJSON *h = dat_get(v, "hex");
    if (dat_object(r, v, "a string or {\"hex\": \"...\"}", keys) < 0)
        return -1;
    if (!h || !cJSON_IsString(h))
        return dat_fail_tr(r, "hex", "err.save.hex_string", "expected a string of hex digits",
                           NULL);
    const char *hex = h->valuestring;
    size_t hl = strlen(hex);
    if (hl % 2 != 0 || hl / 2 > max)
        return dat_fail_tr(r, "hex", "err.save.hex_even",
                           "expected an even number of hex digits, at most {1} bytes",
                           fmt_u(a, max), NULL);
    char *bytes = malloc(hl / 2 + 1);
    if (!bytes)
        return dat_fail_tr(r, "hex", "err.oom", "out of memory", NULL);
    for (size_t i = 0; i < hl / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(bytes);
            return dat_fail_tr(r, "hex", "err.save.hex_lower",
                               "expected lower-case hex digits only", NULL);
        }
        bytes[i] = (char)(hi * 16 + lo);
    }
    bytes[hl / 2] = '\0';
    *out = bytes;
    *len = hl / 2;
    return 0;
}

int dat_bytes_read(DatReader *r, const cJSON *obj, const char *key, DatNeed need, char **out,
                   size_t *len, size_t max)
{
    const cJSON *v = dat_get(obj, key);
    *out = NULL;
    *len = 0;
    if (!v) {
        if (need == DAT_REQUIRED)
            return dat_fail_tr(r, key, "err.save.string_missing", "missing: expected a string",
                               NULL);
        *out = calloc(1, 1);
        return *out ? 0 : dat_fail_tr(r, key, "err.oom", "out of memory", NULL);
    }
    size_t m = dat_enter_key(r, key);
    int rc = bytes_node(r, v, out, len, max);
    dat_leave(r, m);
    return rc;
}

/* Text into a fixed buffer (no NUL inside). */
static int read_text(DatReader *r, const cJSON *obj, const char *key, DatNeed need, char *out,
                     size_t outsz)
{
    char *s;
    size_t n;
    if (dat_bytes_read(r, obj, key, need, &s, &n, outsz - 1) < 0)
        return -1;
    if (memchr(s, 0, n)) {
        free(s);
        return dat_fail_tr(r, key, "err.text_nul", "expected text without NUL bytes", NULL);
    }
    memcpy(out, s, n + 1);
    free(s);
    return 0;
}

static void put_text(DatBuf *b, const char *s)
{
    dat_bytes_write(b, s, strlen(s));
}

void dat_hex64(uint64_t v, char buf[17])
{
    snprintf(buf, 17, "%016" PRIx64, v);
}

int dat_hex64_read(DatReader *r, const cJSON *obj, const char *key, uint64_t *out)
{
    const cJSON *v = obj && key ? dat_get(obj, key) : obj;
    char got[80];
    if (!v)
        return dat_fail_tr(r, key, "err.save.hex64_missing",
                           "missing: expected 16 hex digits in a string", NULL);
    if (!cJSON_IsString(v) || strlen(v->valuestring) != 16) {
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(r, key, "err.save.hex64_type",
                           "expected 16 lower-case hex digits in a string, got {1}", got, NULL);
    }
    uint64_t x = 0;
    for (int i = 0; i < 16; i++) {
        int h = hexval(v->valuestring[i]);
        if (h < 0)
            return dat_fail_tr(r, key, "err.save.hex64_digits",
                               "expected 16 lower-case hex digits, got \"{1}\"", v->valuestring,
                               NULL);
        x = x * 16 + (uint64_t)h;
    }
    *out = x;
    return 0;
}

static int read_u64_decimal(DatReader *r, const cJSON *obj, const char *key, uint64_t *out)
{
    const cJSON *v = dat_get(obj, key);
    char got[80];
    if (!v || !cJSON_IsString(v)) {
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(r, key, "err.save.u64_type",
                           "expected a whole number 0..18446744073709551615 in a string, got {1}",
                           got, NULL);
    }
    const char *s = v->valuestring;
    uint64_t x = 0;
    size_t n = strlen(s);
    int bad = n == 0 || n > 20 || (n > 1 && s[0] == '0');
    for (size_t i = 0; !bad && i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || x > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
            bad = 1;
        else
            x = x * 10 + (uint64_t)(s[i] - '0');
    }
    if (bad)
        return dat_fail_tr(
            r, key, "err.save.u64_text",
            "expected a whole number 0..18446744073709551615 in a string, got \"{1}\"", s, NULL);
    *out = x;
    return 0;
}

typedef struct {
    DatBuf b;
    char what[96];
} W;

static void wkey(W *o, const char *k, int first)
{
    dat_buf_puts(&o->b, first ? "\"" : ",\"");
    dat_buf_puts(&o->b, k);
    dat_buf_puts(&o->b, "\":");
}

static void wnum(W *o, const char *k, double v)
{
    wkey(o, k, 0);
    char what[160];
    snprintf(what, sizeof what, "%s.%s", o->what, k);
    dat_buf_double(&o->b, v, what);
}

static void wint(W *o, const char *k, long long v)
{
    wkey(o, k, 0);
    dat_buf_printf(&o->b, "%lld", v);
}

static void wtext(W *o, const char *k, const char *s)
{
    wkey(o, k, 0);
    put_text(&o->b, s);
}

static void wdouble(W *o, double v)
{
    dat_buf_double(&o->b, v, o->what);
}

/* Reading numbers that are array items (the node itself, at the reader's path). */
static int node_num(DatReader *r, const cJSON *v, double lo, double hi, double *out)
{
    char got[80];
    if (!cJSON_IsNumber(v)) {
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.number", "expected a number, got {1}", got, NULL);
    }
    double x = v->valuedouble;
    if (!isfinite(x))
        return dat_fail_tr(r, NULL, "err.save.finite",
                           "expected a finite number, got one beyond the range of a double", NULL);
    if (x < lo || x > hi) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%g", lo);
        snprintf(b, sizeof b, "%g", hi);
        snprintf(got, sizeof got, "%.17g", x);
        return dat_fail_tr(r, NULL, "err.save.number_in",
                           "expected a number in [{1}, {2}], got {3}", a, b, got, NULL);
    }
    *out = x;
    return 0;
}

static int node_int(DatReader *r, const cJSON *v, int lo, int hi, int *out)
{
    char got[80];
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        !(v->valuedouble >= lo && v->valuedouble <= hi)) {
        char a[16], b[16];
        dat_describe(v, got, sizeof got);
        snprintf(a, sizeof a, "%d", lo);
        snprintf(b, sizeof b, "%d", hi);
        return dat_fail_tr(r, NULL, "err.save.whole_in",
                           "expected a whole number in {1}..{2}, got {3}", a, b, got, NULL);
    }
    *out = (int)v->valuedouble;
    return 0;
}

/* The items of an array of exactly n (n <= max_n); the array at the reader's path. */
static int row(DatReader *r, const cJSON *v, int n, const cJSON **items)
{
    char got[80], want[16];
    snprintf(want, sizeof want, "%d", n);
    if (!cJSON_IsArray(v)) {
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.row", "expected an array of {1} items, got {2}", want,
                           got, NULL);
    }
    int k = 0;
    for (const cJSON *c = v->child; c; c = c->next) {
        if (k == n)
            return dat_fail_tr(r, NULL, "err.save.row_more",
                               "expected an array of {1} items, got more", want, NULL);
        items[k++] = c;
    }
    if (k != n) {
        snprintf(got, sizeof got, "%d", k);
        return dat_fail_tr(r, NULL, "err.save.row_count", "expected an array of {1} items, got {2}",
                           want, got, NULL);
    }
    return 0;
}

static int item_num(DatReader *r, const cJSON *v, int i, double lo, double hi, double *out)
{
    size_t m = dat_enter_index(r, i);
    int rc = node_num(r, v, lo, hi, out);
    dat_leave(r, m);
    return rc;
}

static int item_int(DatReader *r, const cJSON *v, int i, int lo, int hi, int *out)
{
    size_t m = dat_enter_index(r, i);
    int rc = node_int(r, v, lo, hi, out);
    dat_leave(r, m);
    return rc;
}

static DatRange range(double lo, double hi)
{
    return dat_between(lo, hi);
}

/* =============================================================================================
 * Intents */

static const char *const intent_names[] = {"pass",    "propose", "accept", "reject", "counter",
                                           "release", "sell",    "exit",   "rescue"};

static void write_terms(W *o, const SimTerms *t)
{
    dat_buf_puts(&o->b, "{");
    wkey(o, "kind", 1);
    dat_buf_string(&o->b, sim_deal_kind_name(t->kind));
    wint(o, "payer", t->payer);
    wint(o, "payee", t->payee);
    wnum(o, "amount", t->amount);
    wint(o, "months", t->months);
    wint(o, "delay", t->delay);
    wnum(o, "upfront", t->upfront);
    wnum(o, "gw", t->gw);
    wnum(o, "rate", t->rate);
    wnum(o, "rate2", t->rate2);
    wnum(o, "shares", t->shares);
    dat_buf_puts(&o->b, "}");
}

static const char *const terms_keys[] = {"kind",    "payer", "payee", "amount", "months", "delay",
                                         "upfront", "gw",    "rate",  "rate2",  "shares", NULL};

/* 0 if the terms are valid, else fails r with why, in the reader's language: the refusal's
 * refuse.<code> text (desk.json: {1} the deal kind as in the file, {5} the amount), or
 * sim_terms_check's own English when no table has it (no tables in use). */
static int fail_terms(DatReader *r, const SimTerms *t, int n_actors)
{
    char why[200], key[48], a[48], b[48], msg[256];
    SimRefusal re;
    if (sim_terms_check_why(t, n_actors, &re, why, sizeof why) == 0)
        return 0;
    snprintf(key, sizeof key, "refuse.%s", sim_refuse_code_name(re.code));
    const char *tmpl = core_tr(key);
    if (strcmp(tmpl, key) == 0)
        return dat_fail(r, NULL, "%s", why);
    snprintf(a, sizeof a, "?");
    snprintf(b, sizeof b, "?");
    if (isfinite(re.a))
        core_tr_money(re.a, CORE_MONEY_FULL, a, sizeof a);
    if (isfinite(re.b))
        core_tr_money(re.b, CORE_MONEY_FULL, b, sizeof b);
    const char *args[6] = {
        (unsigned)re.kind < SIM_DEAL_KIND_COUNT ? sim_deal_kind_name(re.kind) : "?",
        "?",
        "?",
        "?",
        a,
        b};
    core_text_subst(msg, sizeof msg, tmpl, args, 6);
    return dat_fail(r, NULL, "%s", msg);
}

static int read_terms(DatReader *r, const cJSON *v, int n_actors, SimTerms *t)
{
    const char *kinds[SIM_DEAL_KIND_COUNT];
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        kinds[k] = sim_deal_kind_name((SimDealKind)k);
    int kind;
    memset(t, 0, sizeof *t);
    if (dat_object(r, v, "a terms object", terms_keys) < 0 ||
        dat_enum(r, v, "kind", DAT_REQUIRED, kinds, SIM_DEAL_KIND_COUNT, 0, &kind) < 0 ||
        dat_int(r, v, "payer", DAT_REQUIRED, 0, n_actors - 1, 0, &t->payer) < 0 ||
        dat_int(r, v, "payee", DAT_REQUIRED, SIM_WORLD, n_actors - 1, 0, &t->payee) < 0 ||
        dat_number(r, v, "amount", DAT_REQUIRED, dat_amount(), 0, &t->amount) < 0 ||
        dat_int(r, v, "months", DAT_REQUIRED, 0, 100000, 0, &t->months) < 0 ||
        dat_int(r, v, "delay", DAT_REQUIRED, 0, 100000, 0, &t->delay) < 0 ||
        dat_number(r, v, "upfront", DAT_REQUIRED, range(0, 1), 0, &t->upfront) < 0 ||
        dat_number(r, v, "gw", DAT_REQUIRED, range(0, BIG), 0, &t->gw) < 0 ||
        dat_number(r, v, "rate", DAT_REQUIRED, range(0, 1), 0, &t->rate) < 0 ||
        dat_number(r, v, "rate2", DAT_REQUIRED, range(0, 1), 0, &t->rate2) < 0 ||
        dat_number(r, v, "shares", DAT_REQUIRED, range(0, BIG), 0, &t->shares) < 0)
        return -1;
    t->kind = (SimDealKind)kind;
    return 0;
}

void dat_intents_write(DatBuf *b, const SimIntentList *l)
{
    W o;
    o.b = *b;
    snprintf(o.what, sizeof o.what, "intent");
    dat_buf_puts(&o.b, "[");
    for (int k = 0; k < l->n; k++) {
        const SimIntent *in = &l->v[k];
        dat_buf_puts(&o.b, k ? ",{" : "{");
        wkey(&o, "kind", 1);
        dat_buf_string(&o.b, sim_intent_kind_name(in->kind));
        wint(&o, "deal", in->deal);
        wint(&o, "history_event", in->history_event);
        wtext(&o, "reason", in->reason);
        if (in->kind == SIM_INTENT_SELL) {
            wint(&o, "actor", in->actor);
            wnum(&o, "shares", in->shares);
        }
        if (in->kind == SIM_INTENT_RESCUE) {
            wint(&o, "actor", in->actor);
            wnum(&o, "amount", in->amount);
        }
        if (in->kind == SIM_INTENT_PROPOSE || in->kind == SIM_INTENT_COUNTER) {
            wkey(&o, "terms", 0);
            write_terms(&o, &in->terms);
        }
        dat_buf_puts(&o.b, "}");
    }
    dat_buf_puts(&o.b, "]");
    *b = o.b;
}

int dat_intents_read(DatReader *r, const cJSON *arr, int n_actors, SimIntentList *out)
{
    static const char *const keys[] = {"kind",  "deal",   "history_event", "reason", "terms",
                                       "actor", "shares", "amount",        NULL};
    char got[80];
    memset(out, 0, sizeof *out);
    if (!cJSON_IsArray(arr)) {
        dat_describe(arr, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.intents_type",
                           "expected an array of intents, got {1}", got, NULL);
    }
    int k = 0;
    for (const cJSON *c = arr->child; c; c = c->next, k++) {
        if (k == SIM_MAX_INTENTS)
            return dat_fail_tr(r, NULL, "err.save.intents_many", "expected at most {1} intents",
                               fmt_u(got, (size_t)SIM_MAX_INTENTS), NULL);
        size_t m = dat_enter_index(r, k);
        int kind;
        SimIntent *in = sim_intents_push(out, SIM_INTENT_PASS);
        if (dat_object(r, c, "an intent object", keys) < 0 ||
            dat_enum(r, c, "kind", DAT_REQUIRED, intent_names, SIM_INTENT_KIND_COUNT, 0, &kind) <
                0 ||
            dat_int(r, c, "deal", DAT_REQUIRED, -1, MAX_DEALS, -1, &in->deal) < 0 ||
            dat_int(r, c, "history_event", DAT_REQUIRED, -1, 100000, -1, &in->history_event) < 0 ||
            read_text(r, c, "reason", DAT_REQUIRED, in->reason, sizeof in->reason) < 0) {
            dat_leave(r, m);
            return -1;
        }
        in->kind = (SimIntentKind)kind;
        /* A sale names the issuer and the shares (saves before sales have neither). */
        DatNeed sale =
            kind == SIM_INTENT_SELL || kind == SIM_INTENT_RESCUE ? DAT_REQUIRED : DAT_OPTIONAL;
        if (dat_int(r, c, "actor", sale, -1, n_actors - 1, -1, &in->actor) < 0 ||
            dat_number(r, c, "shares", kind == SIM_INTENT_SELL ? DAT_REQUIRED : DAT_OPTIONAL,
                       range(0, BIG), 0, &in->shares) < 0 ||
            dat_number(r, c, "amount", kind == SIM_INTENT_RESCUE ? DAT_REQUIRED : DAT_OPTIONAL,
                       range(0, BIG), 0, &in->amount) < 0) {
            dat_leave(r, m);
            return -1;
        }
        const cJSON *t = dat_get(c, "terms");
        if (kind == SIM_INTENT_PROPOSE || kind == SIM_INTENT_COUNTER) {
            if (!t) {
                dat_fail_tr(r, "terms", "err.save.terms_needed", "missing: a {1} needs terms",
                            intent_names[kind], NULL);
                dat_leave(r, m);
                return -1;
            }
            size_t m2 = dat_enter_key(r, "terms");
            if (read_terms(r, t, n_actors, &in->terms) < 0) {
                dat_leave(r, m);
                return -1;
            }
            if (fail_terms(r, &in->terms, n_actors) < 0) {
                dat_leave(r, m);
                return -1;
            }
            dat_leave(r, m2);
        } else if (t) {
            dat_fail_tr(r, "terms", "err.save.terms_only", "only propose and counter carry terms",
                        NULL);
            dat_leave(r, m);
            return -1;
        }
        dat_leave(r, m);
    }
    return 0;
}

/* =============================================================================================
 * Lua memory trees: a table is an array of [key, value] pairs; an integral JSON number is an
 * integer, another number a float; {"int": "..."} an integer beyond 2^53, {"float": x} an integral
 * float (3.0, -0.0, 1e20), {"hex": "..."} a string of bytes that is not UTF-8. */

#define EXACT_INT ((int64_t)1 << 53)

static void write_value(W *o, const CoreValue *v)
{
    char num[40];
    switch (v->type) {
    case CORE_VAL_BOOL:
        dat_buf_puts(&o->b, v->b ? "true" : "false");
        return;
    case CORE_VAL_INT:
        if (v->i > -EXACT_INT && v->i < EXACT_INT)
            dat_buf_printf(&o->b, "%" PRId64, v->i);
        else
            dat_buf_printf(&o->b, "{\"int\":\"%" PRId64 "\"}", v->i);
        return;
    case CORE_VAL_FLOAT:
        if (isfinite(v->f) && v->f == floor(v->f)) {
            dat_fmt_double(num, sizeof num, v->f);
            dat_buf_printf(&o->b, "{\"float\":%s}", num);
        } else {
            wdouble(o, v->f);
        }
        return;
    case CORE_VAL_STRING:
        dat_bytes_write(&o->b, v->s, v->len);
        return;
    case CORE_VAL_TABLE:
        dat_buf_puts(&o->b, "[");
        for (size_t k = 0; k < v->len; k++) {
            dat_buf_puts(&o->b, k ? ",[" : "[");
            write_value(o, &v->kv[2 * k]);
            dat_buf_puts(&o->b, ",");
            write_value(o, &v->kv[2 * k + 1]);
            dat_buf_puts(&o->b, "]");
        }
        dat_buf_puts(&o->b, "]");
        return;
    default:
        dat_buf_puts(&o->b, "null");
        return;
    }
}

static int read_value(DatReader *r, const cJSON *j, CoreValue *v, int depth, int *budget)
{
    char got[80];
    memset(v, 0, sizeof *v);
    if (--*budget < 0)
        return dat_fail_tr(r, NULL, "err.save.memory_many", "the memory holds more than {1} values",
                           fmt_u(got, (size_t)MEM_ITEMS), NULL);
    if (cJSON_IsBool(j)) {
        v->type = CORE_VAL_BOOL;
        v->b = cJSON_IsTrue(j);
        return 0;
    }
    if (cJSON_IsString(j))
        return core_value_set_string(v, j->valuestring, strlen(j->valuestring)) < 0
                   ? dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL)
                   : 0;
    if (cJSON_IsNumber(j)) {
        double x = j->valuedouble;
        if (!isfinite(x))
            return dat_fail_tr(r, NULL, "err.save.memory_finite",
                               "expected a finite number, got one beyond a double's range", NULL);
        if (x != floor(x)) {
            v->type = CORE_VAL_FLOAT;
            v->f = x;
            return 0;
        }
        if (!(x > -(double)EXACT_INT && x < (double)EXACT_INT))
            return dat_fail_tr(r, NULL, "err.save.memory_int",
                               "expected an integer within 2^53 (larger ones are written {\"int\": "
                               "\"...\"}), got {1}",
                               fmt_g(got, x), NULL);
        v->type = CORE_VAL_INT;
        v->i = (int64_t)x;
        return 0;
    }
    if (cJSON_IsObject(j)) {
        static const char *const keys[] = {"int", "float", "hex", NULL};
        if (dat_object(r, j, "{\"int\": ...}, {\"float\": ...} or {\"hex\": ...}", keys) < 0)
            return -1;
        if (!j->child || j->child->next)
            return dat_fail_tr(r, NULL, "err.save.memory_one",
                               "expected exactly one of int, float or hex", NULL);
        const char *k = j->child->string;
        if (strcmp(k, "hex") == 0) {
            char *s;
            size_t n;
            if (bytes_node(r, j, &s, &n, (size_t)8 << 20) < 0)
                return -1;
            v->type = CORE_VAL_STRING;
            v->s = s;
            v->len = n;
            return 0;
        }
        if (strcmp(k, "float") == 0)
            return dat_number(r, j, "float", DAT_REQUIRED, dat_any(), 0, &v->f) < 0
                       ? -1
                       : (v->type = CORE_VAL_FLOAT, 0);
        const cJSON *s = j->child;
        size_t m = dat_enter_key(r, "int");
        if (!cJSON_IsString(s)) {
            dat_describe(s, got, sizeof got);
            dat_fail_tr(r, NULL, "err.save.memory_int_type",
                        "expected a whole number in a string, got {1}", got, NULL);
            dat_leave(r, m);
            return -1;
        }
        char *end = NULL;
        errno = 0;
        long long x = strtoll(s->valuestring, &end, 10);
        if (!s->valuestring[0] || *end || errno) {
            dat_fail_tr(r, NULL, "err.save.memory_int64",
                        "expected a 64-bit whole number, got \"{1}\"", s->valuestring, NULL);
            dat_leave(r, m);
            return -1;
        }
        dat_leave(r, m);
        v->type = CORE_VAL_INT;
        v->i = (int64_t)x;
        return 0;
    }
    if (!cJSON_IsArray(j)) {
        dat_describe(j, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.memory_value", "expected a memory value, got {1}",
                           got, NULL);
    }
    if (depth >= MEM_DEPTH)
        return dat_fail_tr(r, NULL, "err.save.memory_deep",
                           "the memory is nested deeper than {1} tables",
                           fmt_u(got, (size_t)MEM_DEPTH), NULL);
    core_value_set_table(v);
    int k = 0;
    for (const cJSON *c = j->child; c; c = c->next, k++) {
        size_t m = dat_enter_index(r, k);
        const cJSON *kv[2] = {NULL, NULL};
        CoreValue *slot = NULL;
        if (row(r, c, 2, kv) < 0 || !(slot = core_value_table_add(v))) {
            if (!slot)
                dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
            dat_leave(r, m);
            return -1;
        }
        size_t mk = dat_enter_index(r, 0);
        int rc = read_value(r, kv[0], &slot[0], depth + 1, budget);
        if (rc == 0 && (slot[0].type == CORE_VAL_TABLE || slot[0].type == CORE_VAL_NIL))
            rc = dat_fail_tr(r, NULL, "err.save.memory_key",
                             "a key must be a number, a string or a boolean", NULL);
        dat_leave(r, mk);
        if (rc == 0) {
            mk = dat_enter_index(r, 1);
            rc = read_value(r, kv[1], &slot[1], depth + 1, budget);
            dat_leave(r, mk);
        }
        dat_leave(r, m);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* =============================================================================================
 * The writer */

static const char *const plays_names[] = {"history", "baseline", "passive", "human", "lua"};
#define N_PLAYS 5

static void top(W *o, const char *k)
{
    dat_buf_puts(&o->b, ",\n\"");
    dat_buf_puts(&o->b, k);
    dat_buf_puts(&o->b, "\":");
}

static void write_rng(W *o, const CoreRng *g)
{
    char h[17];
    dat_buf_puts(&o->b, "[");
    for (int k = 0; k < 4; k++) {
        dat_hex64(g->s[k], h);
        dat_buf_puts(&o->b, k ? ",\"" : "\"");
        dat_buf_puts(&o->b, h);
        dat_buf_puts(&o->b, "\"");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_doubles(W *o, const double *v, int n)
{
    dat_buf_puts(&o->b, "[");
    for (int k = 0; k < n; k++) {
        if (k)
            dat_buf_puts(&o->b, ",");
        wdouble(o, v[k]);
    }
    dat_buf_puts(&o->b, "]");
}

/* SimValue is a row of doubles, saved as an array in its field order. */
#define VAL_FIELDS ((int)(sizeof(SimValue) / sizeof(double)))
_Static_assert(sizeof(SimValue) % sizeof(double) == 0, "SimValue: doubles only, saved as a row");

static void write_actor(W *o, const SimWorld *w, int i)
{
    const SimActor *a = &w->actors[i];
    snprintf(o->what, sizeof o->what, "world.actors[%d]", i);
    dat_buf_puts(&o->b, i ? ",\n{" : "\n{");
    wkey(o, "id", 1);
    dat_buf_string(&o->b, w->sc->actors[i].id);
    wnum(o, "debt", a->debt);
    wnum(o, "credit_limit", a->credit_limit);
    wnum(o, "revenue", a->revenue);
    wnum(o, "growth", a->growth);
    wnum(o, "shares", a->shares);
    wnum(o, "price", a->price);
    wnum(o, "price0", a->price0);
    wnum(o, "log_anchor", a->log_anchor);
    wnum(o, "compute_owned", a->compute_owned);
    wnum(o, "compute_contracted", a->compute_contracted);
    wnum(o, "threat", a->threat);
    wnum(o, "car", a->car);
    wint(o, "joined", a->joined);
    wint(o, "last_deal_turn", a->last_deal_turn);
    wint(o, "defaulted", a->defaulted);
    wint(o, "missed", a->missed);
    wint(o, "strategy_failures", a->strategy_failures);
    wnum(o, "committed_now", a->committed_now);
    wkey(o, "rng", 0);
    write_rng(o, &a->rng);
    wkey(o, "holdings", 0);
    write_doubles(o, &w->holdings[(size_t)i * (size_t)w->n], w->n);
    wkey(o, "granted", 0);
    write_doubles(o, &w->granted[(size_t)i * (size_t)w->n], w->n);
    /* Its balance sheet as the market last valued it: a valuation reads the default probabilities
     * of the one before it, so a restored game takes it as saved rather than valuing anew. */
    wkey(o, "val", 0);
    write_doubles(o, (const double *)&a->val, VAL_FIELDS);
    dat_buf_puts(&o->b, "}");
}

static void write_deal(W *o, const SimDeal *d, int k)
{
    snprintf(o->what, sizeof o->what, "world.deals[%d]", k);
    dat_buf_puts(&o->b, k ? ",\n{" : "\n{");
    wkey(o, "id", 1);
    dat_buf_printf(&o->b, "%d", d->id);
    wkey(o, "terms", 0);
    write_terms(o, &d->t);
    wint(o, "proposer", d->proposer);
    wint(o, "parent", d->parent);
    wkey(o, "status", 0);
    dat_buf_string(&o->b, sim_deal_status_name(d->status));
    wint(o, "proposed_turn", d->proposed_turn);
    wint(o, "decided_turn", d->decided_turn);
    wint(o, "start_turn", d->start_turn);
    wint(o, "paid_count", d->paid_count);
    wnum(o, "paid", d->paid);
    wnum(o, "gw_done", d->gw_done);
    wnum(o, "principal", d->principal);
    wnum(o, "vested", d->vested);
    wnum(o, "cost_paid", d->cost_paid);
    wint(o, "missed", d->missed);
    wnum(o, "arrears", d->arrears);
    wint(o, "end_turn", d->end_turn);
    wint(o, "history_event", d->history_event);
    wtext(o, "tag", d->tag);
    wtext(o, "reason", d->reason);
    wtext(o, "answer", d->answer);
    dat_buf_puts(&o->b, "}");
}

static void write_world(W *o, const SimWorld *w)
{
    dat_buf_puts(&o->b, "{");
    snprintf(o->what, sizeof o->what, "world");
    wkey(o, "turn", 1);
    dat_buf_printf(&o->b, "%d", w->turn);
    wkey(o, "end", 0);
    dat_buf_string(&o->b, sim_end_reason_name(w->end));
    wnum(o, "sentiment_x", w->sentiment_x);
    wnum(o, "demand_adoption", w->demand_adoption);
    wint(o, "next_event", w->next_event);
    wint(o, "target_reached_turn", w->target_reached_turn);
    wnum(o, "announced_value", w->announced_value);
    wint(o, "n_giants", w->n_giants);
    wint(o, "n_rewarded", w->n_rewarded);
    dat_buf_puts(&o->b, ",\n\"actors\":[");
    for (int i = 0; i < w->n; i++)
        write_actor(o, w, i);
    dat_buf_puts(&o->b, "]");
    snprintf(o->what, sizeof o->what, "world.cash");
    dat_buf_puts(&o->b, ",\n\"cash\":");
    write_doubles(o, w->ledger.balance, w->ledger.n_accounts);
    dat_buf_puts(&o->b, ",\n\"deals\":[");
    for (int k = 0; k < w->n_deals && !o->b.failed; k++)
        write_deal(o, &w->deals[k], k);
    dat_buf_puts(&o->b, "]");
    dat_buf_puts(&o->b, ",\n\"flows\":[");
    for (int k = 0; k < w->ledger.n_flows && !o->b.failed; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        snprintf(o->what, sizeof o->what, "world.flows[%d]", k);
        dat_buf_printf(&o->b, "%s[%d,%d,%d,", k ? ",\n" : "\n", f->turn, f->from, f->to);
        wdouble(o, f->amount);
        dat_buf_puts(&o->b, ",");
        dat_buf_string(&o->b, sim_flow_kind_name(f->kind));
        dat_buf_printf(&o->b, ",%d,%d]", f->deal, f->via);
    }
    dat_buf_puts(&o->b, "]");
    dat_buf_puts(&o->b, ",\n\"events\":[");
    for (int k = 0; k < w->n_events && !o->b.failed; k++) {
        const SimEvent *e = &w->events[k];
        snprintf(o->what, sizeof o->what, "world.events[%d]", k);
        dat_buf_printf(&o->b, "%s[%d,", k ? ",\n" : "\n", e->turn);
        dat_buf_string(&o->b, sim_log_kind_name(e->kind));
        dat_buf_printf(&o->b, ",%d,%d,%d,%d,", e->actor, e->other, e->deal, e->scenario_event);
        double v[5] = {e->amount, e->change, e->value, e->aux, e->fund};
        for (int x = 0; x < 5; x++) {
            wdouble(o, v[x]);
            dat_buf_puts(&o->b, ",");
        }
        put_text(&o->b, e->text);
        dat_buf_puts(&o->b, "]");
    }
    dat_buf_puts(&o->b, "]");
    dat_buf_puts(&o->b, ",\n\"snapshots\":[");
    for (int t = 0; t <= w->turn && !o->b.failed; t++) {
        const SimTurnInfo *in = &w->info[t];
        snprintf(o->what, sizeof o->what, "world.snapshots[%d]", t);
        dat_buf_puts(&o->b, t ? ",\n{\"info\":" : "\n{\"info\":");
        double iv[4] = {in->sentiment, in->leverage, in->announced, in->demand};
        write_doubles(o, iv, 4);
        dat_buf_puts(&o->b, ",\"actors\":[");
        for (int i = 0; i < w->n; i++) {
            const SimSnap *s = sim_snap(w, t, i);
            double sv[14] = {s->cash,          s->debt,
                             s->revenue,       s->price,
                             s->shares,        s->market_value,
                             s->compute_owned, s->compute_contracted,
                             s->exposure,      s->obligations,
                             s->due_12m,       s->circularity,
                             s->fundamental,   s->pd};
            dat_buf_puts(&o->b, i ? ",[" : "[");
            for (int x = 0; x < 14; x++) {
                wdouble(o, sv[x]);
                dat_buf_puts(&o->b, ",");
            }
            dat_buf_printf(&o->b, "%d,", s->defaulted);
            wdouble(o, s->exposure_top);
            dat_buf_printf(&o->b, ",%d]", s->top);
        }
        dat_buf_puts(&o->b, "]}");
    }
    dat_buf_puts(&o->b, "]}");
}

char *dat_save_text(const DatSave *s, size_t *len, char *err, size_t errsz)
{
    const SimWorld *w = s->world;
    W o;
    memset(&o, 0, sizeof o);
    dat_buf_init(&o.b);
    if (len)
        *len = 0;
    char h[17], seed[32], month[16] = "";
    if (w->turn > 0)
        core_month_format(w->sc->start + w->turn - 1, month, sizeof month);
    dat_buf_puts(&o.b, "{\"format\":\"" DAT_SAVE_FORMAT "\"");
    wint(&o, "version", DAT_SAVE_VERSION);
    top(&o, "program");
    dat_buf_string(&o.b, s->program);
    top(&o, "saved_at");
    dat_buf_string(&o.b, s->saved_at);
    top(&o, "turn");
    dat_buf_printf(&o.b, "%d", w->turn);
    top(&o, "month");
    dat_buf_string(&o.b, month);
    top(&o, "end");
    dat_buf_string(&o.b, sim_end_reason_name(w->end));
    top(&o, "scenario");
    dat_buf_puts(&o.b, "{\"id\":");
    dat_buf_string(&o.b, w->sc->id);
    wtext(&o, "path", s->scenario_path);
    dat_hex64(s->scenario_hash, h);
    wkey(&o, "hash", 0);
    dat_buf_string(&o.b, h);
    wkey(&o, "text", 0);
    dat_bytes_write(&o.b, s->scenario_text, s->scenario_len);
    dat_buf_puts(&o.b, "}");
    snprintf(seed, sizeof seed, "%" PRIu64, w->seed);
    top(&o, "seed");
    dat_buf_string(&o.b, seed);
    top(&o, "scripts");
    dat_buf_puts(&o.b, "[");
    for (int k = 0; k < s->n_scripts; k++) {
        const DatScript *sc = &s->scripts[k];
        dat_buf_puts(&o.b, k ? ",\n{" : "\n{");
        wkey(&o, "path", 1);
        put_text(&o.b, sc->path);
        dat_hex64(sc->hash, h);
        wkey(&o, "hash", 0);
        dat_buf_string(&o.b, h);
        wkey(&o, "text", 0);
        dat_bytes_write(&o.b, sc->text, sc->len);
        dat_buf_puts(&o.b, "}");
    }
    dat_buf_puts(&o.b, "]");
    top(&o, "seats");
    dat_buf_puts(&o.b, "[");
    for (int i = 0; i < w->n; i++) {
        const DatSeat *st = &s->seats[i];
        snprintf(o.what, sizeof o.what, "seats[%d]", i);
        dat_buf_puts(&o.b, i ? ",\n{" : "\n{");
        wkey(&o, "role", 1);
        dat_buf_string(&o.b, w->sc->actors[i].id);
        wtext(&o, "choice", st->choice);
        wkey(&o, "plays", 0);
        dat_buf_string(&o.b, st->plays);
        if (strcmp(st->plays, "lua") == 0) {
            wint(&o, "script", st->script);
            wkey(&o, "rng", 0);
            write_rng(&o, &st->rng);
            wtext(&o, "pending", st->pending);
            wkey(&o, "memory", 0);
            snprintf(o.what, sizeof o.what, "seats[%d].memory", i);
            if (st->memory.type == CORE_VAL_TABLE)
                write_value(&o, &st->memory);
            else
                dat_buf_puts(&o.b, "[]");
        } else if (strcmp(st->plays, "human") == 0) {
            wkey(&o, "queue", 0);
            dat_intents_write(&o.b, &st->queue);
        }
        dat_buf_puts(&o.b, "}");
    }
    dat_buf_puts(&o.b, "]");
    top(&o, "world");
    write_world(&o, w);
    dat_buf_puts(&o.b, "}\n");
    if (o.b.failed) {
        char msg[400];
        core_errf(
            err, errsz, "%s",
            dat_tr(msg, sizeof msg, "err.save.write", "cannot write the save: {1}", o.b.why, NULL));
        dat_buf_free(&o.b);
        return NULL;
    }
    if (len)
        *len = o.b.len;
    return o.b.data;
}

int dat_save_write(const DatSave *s, const char *path, char *err, size_t errsz)
{
    size_t len;
    char why[256];
    char *text = dat_save_text(s, &len, why, sizeof why);
    if (!text)
        return core_errf(err, errsz, "%s: %s", path, why);
    int rc = dat_write_file_atomic(path, text, len, err, errsz);
    free(text);
    return rc;
}

/* =============================================================================================
 * The reader */

static const char *const top_keys[] = {"format", "version", "program",  "saved_at", "turn",
                                       "month",  "end",     "scenario", "seed",     "scripts",
                                       "seats",  "world",   NULL};

static const char *const end_names[] = {"none", "horizon", "default", "target", "turn_limit"};

/* format and version first, so that another file or version is named as such. */
static int read_head(DatReader *r, const cJSON *root)
{
    int version;
    char got[80];
    if (!cJSON_IsObject(root)) {
        dat_describe(root, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.object",
                           "expected a save (an object with \"format\": \"{1}\"), got {2}",
                           DAT_SAVE_FORMAT, got, NULL);
    }
    const cJSON *f = dat_get(root, "format");
    if (!f || !cJSON_IsString(f) || strcmp(f->valuestring, DAT_SAVE_FORMAT) != 0) {
        dat_describe(f, got, sizeof got);
        return dat_fail_tr(r, "format", "err.save.format",
                           "expected \"{1}\" (this is not a save), got {2}", DAT_SAVE_FORMAT, got,
                           NULL);
    }
    if (dat_int(r, root, "version", DAT_REQUIRED, 0, 1 << 30, 0, &version) < 0)
        return -1;
    if (version == 1)
        return dat_fail_tr(r, "version", "err.save.old_model",
                           "version 1 is a save of the model before balance sheets, uncertain "
                           "demand and delivery costs (2026-12); this program cannot play it on: "
                           "start the scenario again",
                           NULL);
    if (version == 2)
        return dat_fail_tr(r, "version", "err.save.old_network",
                           "version 2 is a save from before exposure and circularity were "
                           "counted over the whole network (2026-12); this program cannot play "
                           "it on: start the scenario again",
                           NULL);
    if (version != DAT_SAVE_VERSION) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", version);
        snprintf(b, sizeof b, "%d", DAT_SAVE_VERSION);
        return dat_fail_tr(r, "version", "err.save.version",
                           "unknown version {1}: this program reads saves of version {2}", a, b,
                           NULL);
    }
    return dat_object(r, root, "a save object", top_keys);
}

static int read_rng(DatReader *r, const cJSON *obj, const char *key, CoreRng *g)
{
    const cJSON *items[4];
    size_t m = dat_enter_key(r, key);
    const cJSON *v = dat_get(obj, key);
    if (!v) {
        dat_leave(r, m);
        return dat_fail_tr(r, key, "err.save.rng_missing", "missing: expected 4 hex strings", NULL);
    }
    if (row(r, v, 4, items) < 0) {
        dat_leave(r, m);
        return -1;
    }
    for (int k = 0; k < 4; k++) {
        size_t mk = dat_enter_index(r, k);
        int rc = dat_hex64_read(r, items[k], NULL, &g->s[k]);
        dat_leave(r, mk);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    if (!(g->s[0] | g->s[1] | g->s[2] | g->s[3]))
        return dat_fail_tr(r, key, "err.save.rng_zero", "an all-zero state is not a random stream",
                           NULL);
    return 0;
}

static int read_doubles(DatReader *r, const cJSON *obj, const char *key, int n, double lo,
                        double hi, double *out)
{
    const cJSON *items[65];
    const cJSON *v = dat_get(obj, key);
    char num[32];
    size_t m = dat_enter_key(r, key);
    int rc = 0;
    if (!v)
        rc = dat_fail_tr(r, NULL, "err.save.numbers_missing",
                         "missing: expected an array of {1} numbers", fmt_u(num, (size_t)n), NULL);
    else if (n > 65)
        rc = dat_fail_tr(r, NULL, "err.save.too_many_actors", "too many actors", NULL);
    else
        rc = row(r, v, n, items);
    for (int k = 0; rc == 0 && k < n; k++)
        rc = item_num(r, items[k], k, lo, hi, &out[k]);
    dat_leave(r, m);
    return rc;
}

static const char *const actor_keys[] = {"id",
                                         "debt",
                                         "credit_limit",
                                         "revenue",
                                         "growth",
                                         "shares",
                                         "price",
                                         "price0",
                                         "log_anchor",
                                         "compute_owned",
                                         "compute_contracted",
                                         "threat",
                                         "car",
                                         "joined",
                                         "last_deal_turn",
                                         "defaulted",
                                         "missed",
                                         "strategy_failures",
                                         "committed_now",
                                         "rng",
                                         "holdings",
                                         "val",
                                         "granted",
                                         NULL};

static int read_actor(DatReader *r, const cJSON *v, SimWorld *w, int i)
{
    SimActor *a = &w->actors[i];
    char id[SIM_ID_LEN], num[32];
    DatRange any = range(-BIG, BIG), pos = range(0, BIG);
    if (dat_object(r, v, "an actor object", actor_keys) < 0 ||
        dat_string(r, v, "id", DAT_REQUIRED, 1, NULL, id, sizeof id) < 0)
        return -1;
    if (strcmp(id, w->sc->actors[i].id) != 0)
        return dat_fail_tr(r, "id", "err.save.actor",
                           "expected \"{1}\" (the scenario's actor {2}), got \"{3}\"",
                           w->sc->actors[i].id, fmt_u(num, (size_t)i), id, NULL);
    if (dat_number(r, v, "debt", DAT_REQUIRED, any, 0, &a->debt) < 0 ||
        dat_number(r, v, "credit_limit", DAT_REQUIRED, any, 0, &a->credit_limit) < 0 ||
        dat_number(r, v, "revenue", DAT_REQUIRED, any, 0, &a->revenue) < 0 ||
        dat_number(r, v, "growth", DAT_REQUIRED, any, 0, &a->growth) < 0 ||
        dat_number(r, v, "shares", DAT_REQUIRED, pos, 0, &a->shares) < 0 ||
        dat_number(r, v, "price", DAT_REQUIRED, pos, 0, &a->price) < 0 ||
        dat_number(r, v, "price0", DAT_REQUIRED, pos, 0, &a->price0) < 0 ||
        dat_number(r, v, "log_anchor", DAT_REQUIRED, range(-1e4, 1e4), 0, &a->log_anchor) < 0 ||
        dat_number(r, v, "compute_owned", DAT_REQUIRED, pos, 0, &a->compute_owned) < 0 ||
        dat_number(r, v, "compute_contracted", DAT_REQUIRED, pos, 0, &a->compute_contracted) < 0 ||
        dat_number(r, v, "threat", DAT_REQUIRED, any, 0, &a->threat) < 0 ||
        dat_number(r, v, "car", DAT_REQUIRED, range(-1e4, 1e4), 0, &a->car) < 0 ||
        dat_int(r, v, "joined", DAT_REQUIRED, 0, 1, 0, &a->joined) < 0 ||
        dat_int(r, v, "last_deal_turn", DAT_REQUIRED, -1000, 1 << 20, 0, &a->last_deal_turn) < 0 ||
        dat_int(r, v, "defaulted", DAT_REQUIRED, 0, 1, 0, &a->defaulted) < 0 ||
        dat_int(r, v, "missed", DAT_REQUIRED, 0, 1 << 20, 0, &a->missed) < 0 ||
        dat_int(r, v, "strategy_failures", DAT_REQUIRED, 0, 1 << 20, 0, &a->strategy_failures) <
            0 ||
        dat_number(r, v, "committed_now", DAT_REQUIRED, any, 0, &a->committed_now) < 0 ||
        read_rng(r, v, "rng", &a->rng) < 0 ||
        read_doubles(r, v, "holdings", w->n, 0, BIG, &w->holdings[(size_t)i * (size_t)w->n]) < 0 ||
        read_doubles(r, v, "granted", w->n, 0, BIG, &w->granted[(size_t)i * (size_t)w->n]) < 0 ||
        read_doubles(r, v, "val", VAL_FIELDS, -BIG, BIG, (double *)&a->val) < 0)
        return -1;
    return 0;
}

static const char *const deal_keys[] = {
    "id",           "terms",      "proposer",   "parent",   "status",        "proposed_turn",
    "decided_turn", "start_turn", "paid_count", "paid",     "gw_done",       "principal",
    "vested",       "missed",     "arrears",    "end_turn", "history_event", "tag",
    "reason",       "answer",     "cost_paid",  NULL};

static int read_deal(DatReader *r, const cJSON *v, SimWorld *w, int k)
{
    const char *status[SIM_DS_STATUS_COUNT];
    for (int s = 0; s < SIM_DS_STATUS_COUNT; s++)
        status[s] = sim_deal_status_name((SimDealStatus)s);
    SimTerms t;
    int id, proposer, parent, st;
    DatRange pos = range(0, BIG);
    if (dat_object(r, v, "a deal object", deal_keys) < 0 ||
        dat_int(r, v, "id", DAT_REQUIRED, k, k, 0, &id) < 0 ||
        dat_int(r, v, "proposer", DAT_REQUIRED, 0, w->n - 1, 0, &proposer) < 0 ||
        dat_int(r, v, "parent", DAT_REQUIRED, -1, k - 1, -1, &parent) < 0)
        return -1;
    size_t m = dat_enter_key(r, "terms");
    const cJSON *tv = dat_get(v, "terms");
    int rc = tv ? read_terms(r, tv, w->n, &t)
                : dat_fail_tr(r, NULL, "err.save.terms_missing", "missing: expected terms", NULL);
    if (rc == 0)
        rc = fail_terms(r, &t, w->n);
    dat_leave(r, m);
    if (rc < 0)
        return -1;
    int d = sim_world_add_deal(w, &t, proposer, parent);
    if (d != k)
        return dat_fail_tr(r, NULL, "err.save.oom_deals", "out of memory for the deals", NULL);
    SimDeal *x = &w->deals[k];
    if (dat_enum(r, v, "status", DAT_REQUIRED, status, SIM_DS_STATUS_COUNT, 0, &st) < 0 ||
        dat_int(r, v, "proposed_turn", DAT_REQUIRED, 0, 1 << 20, 0, &x->proposed_turn) < 0 ||
        dat_int(r, v, "decided_turn", DAT_REQUIRED, -1, 1 << 20, 0, &x->decided_turn) < 0 ||
        dat_int(r, v, "start_turn", DAT_REQUIRED, -1, 1 << 20, 0, &x->start_turn) < 0 ||
        dat_int(r, v, "paid_count", DAT_REQUIRED, 0, 1 << 20, 0, &x->paid_count) < 0 ||
        dat_number(r, v, "paid", DAT_REQUIRED, pos, 0, &x->paid) < 0 ||
        dat_number(r, v, "gw_done", DAT_REQUIRED, pos, 0, &x->gw_done) < 0 ||
        dat_number(r, v, "principal", DAT_REQUIRED, pos, 0, &x->principal) < 0 ||
        dat_number(r, v, "vested", DAT_REQUIRED, pos, 0, &x->vested) < 0 ||
        dat_number(r, v, "cost_paid", DAT_REQUIRED, pos, 0, &x->cost_paid) < 0 ||
        dat_int(r, v, "missed", DAT_REQUIRED, 0, 1 << 20, 0, &x->missed) < 0 ||
        dat_number(r, v, "arrears", DAT_REQUIRED, pos, 0, &x->arrears) < 0 ||
        dat_int(r, v, "end_turn", DAT_REQUIRED, -1, 1 << 20, 0, &x->end_turn) < 0 ||
        dat_int(r, v, "history_event", DAT_REQUIRED, -1, w->sc->n_events - 1, -1,
                &x->history_event) < 0 ||
        read_text(r, v, "tag", DAT_REQUIRED, x->tag, sizeof x->tag) < 0 ||
        read_text(r, v, "reason", DAT_REQUIRED, x->reason, sizeof x->reason) < 0 ||
        read_text(r, v, "answer", DAT_REQUIRED, x->answer, sizeof x->answer) < 0)
        return -1;
    x->status = (SimDealStatus)st;
    return 0;
}

static int read_flow(DatReader *r, const cJSON *v, SimWorld *w)
{
    const char *kinds[SIM_FLOW_KIND_COUNT];
    for (int s = 0; s < SIM_FLOW_KIND_COUNT; s++)
        kinds[s] = sim_flow_kind_name((SimFlowKind)s);
    const cJSON *it[7] = {NULL};
    int turn, from, to, kind = -1, deal, via;
    double amount;
    if (row(r, v, 7, it) < 0 || item_int(r, it[0], 0, 0, w->turns, &turn) < 0 ||
        item_int(r, it[1], 1, 0, w->n, &from) < 0 || item_int(r, it[2], 2, 0, w->n, &to) < 0 ||
        item_num(r, it[3], 3, DBL_MIN, BIG, &amount) < 0 ||
        item_int(r, it[5], 5, -1, w->n_deals - 1, &deal) < 0 ||
        item_int(r, it[6], 6, -1, w->n - 1, &via) < 0)
        return -1;
    for (int s = 0; s < SIM_FLOW_KIND_COUNT && cJSON_IsString(it[4]); s++)
        if (strcmp(it[4]->valuestring, kinds[s]) == 0)
            kind = s;
    if (kind < 0) {
        size_t m = dat_enter_index(r, 4);
        char list[400];
        dat_names_list(kinds, SIM_FLOW_KIND_COUNT, list, sizeof list);
        dat_fail_tr(r, NULL, "err.save.flow_kind", "expected a flow kind: {1}", list, NULL);
        dat_leave(r, m);
        return -1;
    }
    if (sim_ledger_post(&w->ledger, turn, from, to, amount, (SimFlowKind)kind, deal, via) < 0)
        return dat_fail_tr(r, NULL, "err.save.oom_flows", "out of memory for the flows", NULL);
    return 0;
}

static int read_event(DatReader *r, const cJSON *v, SimWorld *w)
{
    const char *kinds[SIM_LOG_KIND_COUNT];
    for (int s = 0; s < SIM_LOG_KIND_COUNT; s++)
        kinds[s] = sim_log_kind_name((SimLogKind)s);
    const cJSON *it[12] = {NULL};
    int turn, kind = -1, actor, other, deal, sev;
    double d[5];
    if (row(r, v, 12, it) < 0 || item_int(r, it[0], 0, 0, w->turns, &turn) < 0)
        return -1;
    for (int s = 0; s < SIM_LOG_KIND_COUNT && cJSON_IsString(it[1]); s++)
        if (strcmp(it[1]->valuestring, kinds[s]) == 0)
            kind = s;
    if (kind < 0) {
        size_t m = dat_enter_index(r, 1);
        dat_fail_tr(r, NULL, "err.save.event_kind",
                    "expected an event kind (news, proposed, accepted, ...)", NULL);
        dat_leave(r, m);
        return -1;
    }
    /* other is a deal for a counter-offer, a lever for a lever's change, else an actor. */
    int other_max = kind == SIM_LOG_COUNTERED ? w->n_deals - 1
                    : kind == SIM_LOG_LEVER   ? SIM_LEVER_COUNT - 1
                                              : w->n - 1;
    if (item_int(r, it[2], 2, -1, w->n - 1, &actor) < 0 ||
        item_int(r, it[3], 3, -1, other_max, &other) < 0 ||
        item_int(r, it[4], 4, -1, w->n_deals - 1, &deal) < 0 ||
        item_int(r, it[5], 5, -1, w->sc->n_events - 1, &sev) < 0)
        return -1;
    for (int x = 0; x < 5; x++)
        if (item_num(r, it[6 + x], 6 + x, -BIG, BIG, &d[x]) < 0)
            return -1;
    SimEvent *e = sim_world_log(w, (SimLogKind)kind, actor, other, deal);
    if (!e)
        return dat_fail_tr(r, NULL, "err.save.oom_events", "out of memory for the events", NULL);
    e->turn = turn;
    e->scenario_event = sev;
    e->amount = d[0];
    e->change = d[1];
    e->value = d[2];
    e->aux = d[3];
    e->fund = d[4];
    /* The text is item 11: read it through a one-key view of the row. */
    size_t m = dat_enter_index(r, 11);
    int rc = 0;
    char *str;
    size_t n;
    rc = bytes_node(r, it[11], &str, &n, sizeof e->text - 1);
    if (rc == 0) {
        if (memchr(str, 0, n))
            rc = dat_fail_tr(r, NULL, "err.text_nul", "expected text without NUL bytes", NULL);
        else
            memcpy(e->text, str, n + 1);
        free(str);
    }
    dat_leave(r, m);
    return rc;
}

static int read_snapshot(DatReader *r, const cJSON *v, SimWorld *w, int t)
{
    static const char *const keys[] = {"info", "actors", NULL};
    double iv[4];
    const cJSON *arr;
    int n;
    if (dat_object(r, v, "a snapshot object", keys) < 0 ||
        read_doubles(r, v, "info", 4, -BIG, BIG, iv) < 0 ||
        dat_array(r, v, "actors", DAT_REQUIRED, w->n, w->n, &arr, &n) < 0)
        return -1;
    w->info[t].sentiment = iv[0];
    w->info[t].leverage = iv[1];
    w->info[t].announced = iv[2];
    w->info[t].demand = iv[3];
    size_t m = dat_enter_key(r, "actors");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t mi = dat_enter_index(r, i);
        const cJSON *it[17] = {NULL};
        double sv[14];
        SimSnap *s = &w->snaps[(size_t)t * (size_t)w->n + (size_t)i];
        int rc = row(r, c, 17, it);
        for (int x = 0; rc == 0 && x < 14; x++)
            rc = item_num(r, it[x], x, (x == 3 || x == 4) ? 0 : -BIG, BIG, &sv[x]);
        if (rc == 0)
            rc = item_int(r, it[14], 14, 0, 1, &s->defaulted);
        if (rc == 0)
            rc = item_num(r, it[15], 15, 0, BIG, &s->exposure_top);
        if (rc == 0)
            rc = item_int(r, it[16], 16, -1, w->n - 1, &s->top);
        dat_leave(r, mi);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
        s->cash = sv[0];
        s->debt = sv[1];
        s->revenue = sv[2];
        s->price = sv[3];
        s->shares = sv[4];
        s->market_value = sv[5];
        s->compute_owned = sv[6];
        s->compute_contracted = sv[7];
        s->exposure = sv[8];
        s->obligations = sv[9];
        s->due_12m = sv[10];
        s->circularity = sv[11];
        s->fundamental = sv[12];
        s->pd = sv[13];
    }
    dat_leave(r, m);
    return 0;
}

/* Runs fn over each element of the array obj[key] (at most max), with the path set. */
typedef int (*ItemFn)(DatReader *r, const cJSON *v, SimWorld *w, int k);

static int each(DatReader *r, const cJSON *obj, const char *key, int min, int max, SimWorld *w,
                ItemFn fn)
{
    const cJSON *arr;
    int n;
    if (dat_array(r, obj, key, DAT_REQUIRED, min, max, &arr, &n) < 0)
        return -1;
    size_t m = dat_enter_key(r, key);
    int k = 0;
    for (const cJSON *c = arr->child; c; c = c->next, k++) {
        size_t mk = dat_enter_index(r, k);
        int rc = fn(r, c, w, k);
        dat_leave(r, mk);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    return 0;
}

static int flow_fn(DatReader *r, const cJSON *v, SimWorld *w, int k)
{
    (void)k;
    return read_flow(r, v, w);
}

static int event_fn(DatReader *r, const cJSON *v, SimWorld *w, int k)
{
    (void)k;
    return read_event(r, v, w);
}

static const char *const world_keys[] = {"turn",
                                         "end",
                                         "sentiment_x",
                                         "demand_adoption",
                                         "next_event",
                                         "target_reached_turn",
                                         "announced_value",
                                         "n_giants",
                                         "n_rewarded",
                                         "actors",
                                         "cash",
                                         "deals",
                                         "flows",
                                         "events",
                                         "snapshots",
                                         NULL};

static int read_world(DatReader *r, const cJSON *v, SimWorld *w, int turn)
{
    int end;
    if (dat_object(r, v, "a world object", world_keys) < 0 ||
        dat_int(r, v, "turn", DAT_REQUIRED, turn, turn, 0, &w->turn) < 0 ||
        dat_enum(r, v, "end", DAT_REQUIRED, end_names, 5, 0, &end) < 0 ||
        dat_number(r, v, "sentiment_x", DAT_REQUIRED, range(-1e6, 1e6), 0, &w->sentiment_x) < 0 ||
        dat_number(r, v, "demand_adoption", DAT_REQUIRED, range(0, 1), 0, &w->demand_adoption) <
            0 ||
        dat_int(r, v, "next_event", DAT_REQUIRED, 0, w->sc->n_events, 0, &w->next_event) < 0 ||
        dat_int(r, v, "target_reached_turn", DAT_REQUIRED, -1, w->turns, -1,
                &w->target_reached_turn) < 0 ||
        dat_number(r, v, "announced_value", DAT_REQUIRED, range(-BIG, BIG), 0,
                   &w->announced_value) < 0 ||
        dat_int(r, v, "n_giants", DAT_REQUIRED, 0, w->n, 0, &w->n_giants) < 0 ||
        dat_int(r, v, "n_rewarded", DAT_REQUIRED, 0, w->n, 0, &w->n_rewarded) < 0)
        return -1;
    w->end = (SimEndReason)end;
    const cJSON *arr;
    int n;
    if (dat_array(r, v, "actors", DAT_REQUIRED, w->n, w->n, &arr, &n) < 0)
        return -1;
    size_t m = dat_enter_key(r, "actors");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t mi = dat_enter_index(r, i);
        int rc = read_actor(r, c, w, i);
        dat_leave(r, mi);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    sim_world_clear_record(w);
    if (each(r, v, "deals", 0, MAX_DEALS, w, read_deal) < 0 ||
        each(r, v, "flows", 0, MAX_FLOWS, w, flow_fn) < 0 ||
        each(r, v, "events", 0, MAX_EVENTS, w, event_fn) < 0)
        return -1;
    /* The balances the flows add up to must be the saved ones, to the bit. */
    double cash[65];
    int na = w->ledger.n_accounts;
    if (read_doubles(r, v, "cash", na, -BIG, BIG, cash) < 0)
        return -1;
    for (int a = 0; a < na; a++)
        if (memcmp(&cash[a], &w->ledger.balance[a], sizeof cash[a]) != 0) {
            size_t mc = dat_enter_key(r, "cash");
            dat_enter_index(r, a);
            char sum[40], saved[40];
            dat_fail_tr(r, NULL, "err.save.books",
                        "the flows add up to {1}, not {2}: the books do not balance",
                        fmt_g(sum, w->ledger.balance[a]), fmt_g(saved, cash[a]), NULL);
            dat_leave(r, mc);
            return -1;
        }
    if (dat_array(r, v, "snapshots", DAT_REQUIRED, w->turn + 1, w->turn + 1, &arr, &n) < 0)
        return -1;
    m = dat_enter_key(r, "snapshots");
    int t = 0;
    for (const cJSON *c = arr->child; c; c = c->next, t++) {
        size_t mt = dat_enter_index(r, t);
        int rc = read_snapshot(r, c, w, t);
        dat_leave(r, mt);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    char why[256];
    if (sim_world_restore_finish(w, why, sizeof why) < 0)
        return core_errf(r->err, r->errsz, "%s: $.%s", r->file, why);
    return 0;
}

static const char *const seat_keys[] = {"role",    "choice", "plays", "script", "rng",
                                        "pending", "memory", "queue", NULL};

static int read_seat(DatReader *r, const cJSON *v, DatSave *s, int i)
{
    DatSeat *st = &s->seats[i];
    const SimWorld *w = s->world;
    int plays;
    char num[32];
    if (dat_object(r, v, "a seat object", seat_keys) < 0 ||
        dat_string(r, v, "role", DAT_REQUIRED, 1, NULL, st->role, sizeof st->role) < 0)
        return -1;
    if (strcmp(st->role, w->sc->actors[i].id) != 0)
        return dat_fail_tr(r, "role", "err.save.actor",
                           "expected \"{1}\" (the scenario's actor {2}), got \"{3}\"",
                           w->sc->actors[i].id, fmt_u(num, (size_t)i), st->role, NULL);
    if (read_text(r, v, "choice", DAT_REQUIRED, st->choice, sizeof st->choice) < 0 ||
        dat_enum(r, v, "plays", DAT_REQUIRED, plays_names, N_PLAYS, 0, &plays) < 0)
        return -1;
    core_strlcpy(st->plays, plays_names[plays], sizeof st->plays);
    int lua = plays == 4, human = plays == 3;
    static const char *const lua_only[] = {"script", "rng", "pending", "memory"};
    for (int k = 0; k < 4; k++)
        if (!lua && dat_get(v, lua_only[k]))
            return dat_fail_tr(r, lua_only[k], "err.save.lua_only",
                               "only a seat that plays lua has {1}", lua_only[k], NULL);
    if (!human && dat_get(v, "queue"))
        return dat_fail_tr(r, "queue", "err.save.queue_only", "only a human seat has a queue",
                           NULL);
    if (human) {
        const cJSON *q = dat_get(v, "queue");
        if (!q)
            return dat_fail_tr(r, "queue", "err.save.queue_missing",
                               "missing: expected an array of intents", NULL);
        size_t m = dat_enter_key(r, "queue");
        int rc = dat_intents_read(r, q, w->n, &st->queue);
        dat_leave(r, m);
        return rc;
    }
    if (!lua)
        return 0;
    if (dat_int(r, v, "script", DAT_REQUIRED, 0, s->n_scripts - 1, 0, &st->script) < 0 ||
        read_rng(r, v, "rng", &st->rng) < 0 ||
        read_text(r, v, "pending", DAT_REQUIRED, st->pending, sizeof st->pending) < 0)
        return -1;
    const cJSON *mem = dat_get(v, "memory");
    if (!mem)
        return dat_fail_tr(r, "memory", "err.save.memory_missing",
                           "missing: expected an array of [key, value] pairs", NULL);
    size_t m = dat_enter_key(r, "memory");
    int budget = MEM_ITEMS;
    int rc = cJSON_IsArray(mem) ? read_value(r, mem, &st->memory, 0, &budget)
                                : dat_fail_tr(r, NULL, "err.save.memory_pairs",
                                              "expected an array of [key, value] pairs", NULL);
    dat_leave(r, m);
    return rc;
}

static int read_scenario(DatReader *r, const cJSON *root, DatSave *s, SimScenario **sc)
{
    static const char *const keys[] = {"id", "path", "hash", "text", NULL};
    const cJSON *v = dat_get(root, "scenario");
    char id[SIM_ID_LEN];
    uint64_t hash;
    if (!v)
        return dat_fail_tr(r, "scenario", "err.save.scenario_missing",
                           "missing: expected the scenario object", NULL);
    size_t m = dat_enter_key(r, "scenario");
    int rc = -1;
    if (dat_object(r, v, "a scenario object", keys) < 0 ||
        dat_string(r, v, "id", DAT_REQUIRED, 1, NULL, id, sizeof id) < 0 ||
        read_text(r, v, "path", DAT_REQUIRED, s->scenario_path, sizeof s->scenario_path) < 0 ||
        dat_hex64_read(r, v, "hash", &hash) < 0 ||
        dat_bytes_read(r, v, "text", DAT_REQUIRED, &s->scenario_text, &s->scenario_len,
                       DAT_SCENARIO_MAX_BYTES) < 0)
        goto out;
    s->scenario_hash = core_fnv1a(CORE_FNV_OFFSET, s->scenario_text, s->scenario_len);
    if (s->scenario_hash != hash) {
        dat_fail_tr(r, "hash", "err.save.scenario_hash",
                    "the scenario text does not match its hash (the file was altered)", NULL);
        goto out;
    }
    char name[DAT_PATH_LEN + 64], why[1024];
    snprintf(name, sizeof name, "%s: $.scenario.text", r->file);
    *sc = dat_scenario_parse(s->scenario_text, s->scenario_len, name, why, sizeof why);
    if (!*sc) {
        core_errf(r->err, r->errsz, "%s", why);
        goto out;
    }
    dat_scenario_set_dir(*sc, s->scenario_path);
    if (strcmp((*sc)->id, id) != 0) {
        dat_fail_tr(r, "id", "err.save.scenario_id",
                    "expected \"{1}\" (the id in the scenario text), got \"{2}\"", (*sc)->id, id,
                    NULL);
        sim_scenario_free(*sc);
        *sc = NULL;
        goto out;
    }
    rc = 0;
out:
    dat_leave(r, m);
    return rc;
}

static int read_scripts(DatReader *r, const cJSON *root, DatSave *s)
{
    static const char *const keys[] = {"path", "hash", "text", NULL};
    const cJSON *arr;
    int n;
    if (dat_array(r, root, "scripts", DAT_REQUIRED, 0, 64, &arr, &n) < 0)
        return -1;
    s->scripts = calloc((size_t)(n ? n : 1), sizeof *s->scripts);
    if (!s->scripts)
        return dat_fail_tr(r, "scripts", "err.oom", "out of memory", NULL);
    size_t m = dat_enter_key(r, "scripts");
    int k = 0, rc = 0;
    for (const cJSON *c = arr->child; c && rc == 0; c = c->next, k++) {
        size_t mk = dat_enter_index(r, k);
        DatScript *sc = &s->scripts[k];
        size_t pl;
        uint64_t hash;
        s->n_scripts = k + 1;
        if (dat_object(r, c, "a script object", keys) < 0 ||
            dat_bytes_read(r, c, "path", DAT_REQUIRED, &sc->path, &pl, 4095) < 0 ||
            dat_hex64_read(r, c, "hash", &hash) < 0 ||
            dat_bytes_read(r, c, "text", DAT_REQUIRED, &sc->text, &sc->len, MAX_SCRIPT) < 0)
            rc = -1;
        else if ((sc->hash = core_fnv1a(CORE_FNV_OFFSET, sc->text, sc->len)) != hash)
            rc = dat_fail_tr(r, "hash", "err.save.script_hash",
                             "the script text does not match its hash (altered)", NULL);
        else if (!pl || memchr(sc->path, 0, pl))
            rc = dat_fail_tr(r, "path", "err.save.file_name", "expected a file name", NULL);
        dat_leave(r, mk);
    }
    dat_leave(r, m);
    return rc;
}

static int read_root(DatReader *r, const cJSON *root, DatSave *s)
{
    SimScenario *sc = NULL;
    int turn;
    uint64_t seed = 0;
    char month[16], end[16], num[32], num2[32];
    if (read_head(r, root) < 0 ||
        read_text(r, root, "program", DAT_REQUIRED, s->program, sizeof s->program) < 0 ||
        read_text(r, root, "saved_at", DAT_REQUIRED, s->saved_at, sizeof s->saved_at) < 0 ||
        dat_int(r, root, "turn", DAT_REQUIRED, 0, 1 << 20, 0, &turn) < 0 ||
        dat_string(r, root, "month", DAT_REQUIRED, 0, "0-9-", month, sizeof month) < 0 ||
        dat_string(r, root, "end", DAT_REQUIRED, 1, "a-z_", end, sizeof end) < 0 ||
        read_u64_decimal(r, root, "seed", &seed) < 0 || read_scenario(r, root, s, &sc) < 0)
        return -1;
    char why[512];
    s->world = sim_world_create(sc, seed, why, sizeof why);
    sim_scenario_free(sc);
    if (!s->world)
        return dat_fail(r, NULL, "%s", why);
    s->owns_world = 1;
    SimWorld *w = s->world;
    if (turn > w->turns)
        return dat_fail_tr(r, "turn", "err.save.turn_beyond",
                           "expected at most {1} (the scenario's length), got {2}",
                           fmt_u(num, (size_t)w->turns), fmt_u(num2, (size_t)turn), NULL);
    const cJSON *wv = dat_get(root, "world");
    if (!wv)
        return dat_fail_tr(r, "world", "err.save.world_missing",
                           "missing: expected the world object", NULL);
    size_t m = dat_enter_key(r, "world");
    int rc = read_world(r, wv, w, turn);
    dat_leave(r, m);
    if (rc < 0)
        return -1;
    if (strcmp(end, sim_end_reason_name(w->end)) != 0)
        return dat_fail_tr(r, "end", "err.save.end",
                           "expected \"{1}\" (as the world says), got \"{2}\"",
                           sim_end_reason_name(w->end), end, NULL);
    if (read_scripts(r, root, s) < 0)
        return -1;
    const cJSON *arr;
    int n;
    if (dat_array(r, root, "seats", DAT_REQUIRED, w->n, w->n, &arr, &n) < 0)
        return -1;
    s->seats = calloc((size_t)w->n, sizeof *s->seats);
    if (!s->seats)
        return dat_fail_tr(r, "seats", "err.oom", "out of memory", NULL);
    m = dat_enter_key(r, "seats");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t mi = dat_enter_index(r, i);
        rc = read_seat(r, c, s, i);
        dat_leave(r, mi);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    return 0;
}

int dat_save_parse(const char *text, size_t len, const char *name, DatSave *out, char *err,
                   size_t errsz)
{
    memset(out, 0, sizeof *out);
    if (!name)
        name = "(text)";
    cJSON *root = dat_json_parse(text, len, name, err, errsz);
    if (!root)
        return -1;
    DatReader r;
    dat_reader_init(&r, name, err, errsz);
    int rc = read_root(&r, root, out);
    cJSON_Delete(root);
    if (rc < 0)
        dat_save_free(out);
    return rc;
}

int dat_save_load(const char *path, DatSave *out, char *err, size_t errsz)
{
    size_t len;
    memset(out, 0, sizeof *out);
    char *text = dat_read_file(path, DAT_SAVE_MAX_BYTES, &len, err, errsz);
    if (!text)
        return -1;
    int rc = dat_save_parse(text, len, path, out, err, errsz);
    free(text);
    return rc;
}

int dat_save_peek(const char *path, DatSaveInfo *info, char *err, size_t errsz)
{
    memset(info, 0, sizeof *info);
    cJSON *root = dat_json_load(path, DAT_SAVE_MAX_BYTES, err, errsz);
    if (!root)
        return -1;
    DatReader r;
    dat_reader_init(&r, path, err, errsz);
    int rc = read_head(&r, root);
    const cJSON *sc = dat_get(root, "scenario");
    if (rc == 0)
        rc = dat_int(&r, root, "turn", DAT_REQUIRED, 0, 1 << 20, 0, &info->turn);
    if (rc == 0)
        rc =
            dat_string(&r, root, "month", DAT_REQUIRED, 0, "0-9-", info->month, sizeof info->month);
    if (rc == 0)
        rc = read_text(&r, root, "saved_at", DAT_REQUIRED, info->saved_at, sizeof info->saved_at);
    if (rc == 0)
        rc = dat_string(&r, root, "end", DAT_REQUIRED, 1, "a-z_", info->end, sizeof info->end);
    if (rc == 0 && sc)
        rc = dat_string(&r, sc, "id", DAT_REQUIRED, 1, NULL, info->scenario, sizeof info->scenario);
    cJSON_Delete(root);
    return rc;
}

void dat_save_free(DatSave *s)
{
    if (!s)
        return;
    if (s->seats && s->world)
        for (int i = 0; i < s->world->n; i++)
            core_value_clear(&s->seats[i].memory);
    free(s->seats);
    if (s->owns_world)
        sim_world_destroy(s->world);
    for (int k = 0; k < s->n_scripts; k++) {
        free(s->scripts[k].path);
        free(s->scripts[k].text);
    }
    free(s->scripts);
    free(s->scenario_text);
    memset(s, 0, sizeof *s);
}
