/* dat_json: reading a checked JSON tree with paths in the messages (see dat_json.h). */
#include "dat_json.h"

#include "core_month.h"
#include "core_text.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dat_reader_init(DatReader *r, const char *file, char *err, size_t errsz)
{
    r->file = file ? file : "(text)";
    r->err = err;
    r->errsz = errsz;
    strcpy(r->path, "$");
    r->len = 1;
}

static int is_ident(const char *k)
{
    if (!k || !*k)
        return 0;
    for (const char *p = k; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                 (p != k && c >= '0' && c <= '9');
        if (!ok)
            return 0;
    }
    return 1;
}

/* ".key", or ["key"] with quotes and backslashes escaped for keys that are not identifiers;
 * long keys are cut. */
static void key_segment(const char *key, char *buf, size_t sz)
{
    if (is_ident(key) && strlen(key) <= 48) {
        snprintf(buf, sz, ".%s", key);
        return;
    }
    size_t o = 0;
    if (sz < 16) {
        if (sz)
            buf[0] = '\0';
        return;
    }
    buf[o++] = '[';
    buf[o++] = '"';
    for (const char *p = key; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* Cut after 40 bytes, or when the buffer is nearly full, between two characters. */
        if ((p - key >= 40 || o + 12 > sz) && (c & 0xC0) != 0x80) {
            buf[o++] = '.';
            buf[o++] = '.';
            buf[o++] = '.';
            break;
        }
        if (c == '"' || c == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            buf[o++] = '?';
        } else {
            buf[o++] = (char)c;
        }
    }
    buf[o++] = '"';
    buf[o++] = ']';
    buf[o] = '\0';
    dat_msg_clean(buf); /* C1 controls */
}

static size_t path_append(DatReader *r, const char *seg)
{
    size_t mark = r->len;
    size_t k = strlen(seg);
    if (r->len + k >= sizeof r->path)
        k = sizeof r->path - 1 - r->len;
    memcpy(r->path + r->len, seg, k);
    r->len += k;
    r->path[r->len] = '\0';
    return mark;
}

size_t dat_enter_key(DatReader *r, const char *key)
{
    char seg[64];
    key_segment(key, seg, sizeof seg);
    return path_append(r, seg);
}

size_t dat_enter_index(DatReader *r, int i)
{
    char seg[24];
    snprintf(seg, sizeof seg, "[%d]", i);
    return path_append(r, seg);
}

void dat_leave(DatReader *r, size_t mark)
{
    if (mark < r->len) {
        r->len = mark;
        r->path[mark] = '\0';
    }
}

int dat_fail(DatReader *r, const char *key, const char *fmt, ...)
{
    char seg[64] = "";
    char msg[512];
    va_list ap;
    if (key)
        key_segment(key, seg, sizeof seg);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dat_msg_clean(msg);
    return core_errf(r->err, r->errsz, "%s: %s%s: %s", r->file, r->path, seg, msg);
}

/* What an object should have been, as the loaders name it ("an actor object"), in the language
 * in use: the names the loaders of this project give, each an "err.what." key. */
static const char *what_phrase(const char *what)
{
    static const char *const names[][2] = {
        {"an object", "err.what.object"},
        {"an actor object", "err.what.actor"},
        {"a scenario object", "err.what.scenario"},
        {"an event object", "err.what.event"},
        {"an initial deal object", "err.what.initial_deal"},
        {"an object of market parameters", "err.what.market"},
        {"a baseline object", "err.what.baseline"},
        {"a reaction object", "err.what.reaction"},
        {"an objective object", "err.what.objective"},
        {"a sensitivity range object", "err.what.sensitivity"},
        {"a save object", "err.what.save"},
        {"a world object", "err.what.world"},
        {"a deal object", "err.what.deal"},
        {"a terms object", "err.what.terms"},
        {"a snapshot object", "err.what.snapshot"},
        {"a seat object", "err.what.seat"},
        {"a script object", "err.what.script"},
        {"an intent object", "err.what.intent"},
        {"a replay object", "err.what.replay"},
        {"an input object", "err.what.input"},
        {"a lever object", "err.what.lever"},
        {"a lesson object", "err.what.lesson"},
        {"an object of texts", "err.what.texts"},
        {"an object of translations", "err.what.translations"},
        {"an object of playbook parameters (name: number or boolean)", "err.what.params"},
    };
    for (size_t i = 0; what && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(what, names[i][0]) == 0)
            return dat_phrase(names[i][1], what);
    return what;
}

int dat_fail_tr(DatReader *r, const char *at, const char *key, const char *english, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, english);
    dat_vtr(msg, sizeof msg, key, english, ap);
    va_end(ap);
    return dat_fail(r, at, "%s", msg);
}

/* "expected WHAT, got GOT" */
static int fail_expected(DatReader *r, const char *key, const char *what, const char *got)
{
    return dat_fail_tr(r, key, "err.expected", "expected {1}, got {2}", what, got, NULL);
}

/* "string", "number", "boolean", "null", "array", "object". */
static const char *type_name(const cJSON *v)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v))
        return "string";
    if (cJSON_IsNumber(v))
        return "number";
    if (cJSON_IsBool(v))
        return "boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "array";
    if (cJSON_IsObject(v))
        return "object";
    return "an unknown value";
}

/* The text of a string value for "got ...": in double quotes, at most 40 bytes of it (cut at the
 * start of a character, "..." after), with control characters (C0, DEL, C1) shown as '?', so that
 * a file can neither break the message's one line nor send escape sequences to a terminal. */
static void quote_value(const char *s, char *buf, size_t sz)
{
    char t[48];
    size_t n = strlen(s), k = n > 40 ? 40 : n, o = 0;
    while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            t[o++] = '?';
        } else if (c == 0xC2 && i + 1 < k && (unsigned char)s[i + 1] < 0xA0) {
            t[o++] = '?'; /* U+0080..U+009F */
            i++;
        } else {
            t[o++] = (char)c;
        }
    }
    t[o] = '\0';
    snprintf(buf, sz, "\"%s%s\"", t, k < n ? "..." : ""); /* as in JSON, in every language */
}

void dat_describe(const cJSON *v, char *buf, size_t sz)
{
    char q[56];
    if (cJSON_IsString(v)) {
        quote_value(v->valuestring, q, sizeof q);
        dat_tr(buf, sz, "err.got.string", "string {1}", q, NULL);
    } else if (cJSON_IsNumber(v)) {
        snprintf(q, sizeof q, "%.15g", v->valuedouble);
        dat_tr(buf, sz, "err.got.number", "number {1}", q, NULL);
    } else if (cJSON_IsBool(v)) {
        snprintf(buf, sz, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (!v) {
        dat_tr(buf, sz, "err.got.nothing", "nothing", NULL);
    } else if (cJSON_IsNull(v)) {
        snprintf(buf, sz, "null");
    } else if (cJSON_IsArray(v)) {
        dat_tr(buf, sz, "err.got.array", "array", NULL);
    } else if (cJSON_IsObject(v)) {
        dat_tr(buf, sz, "err.got.object", "object", NULL);
    } else {
        snprintf(buf, sz, "%s", type_name(v));
    }
}

int dat_fail_missing(DatReader *r, const char *at, const char *what)
{
    return dat_fail_tr(r, at, "err.missing", "expected {1}, got nothing (the key is missing)",
                       what_phrase(what), NULL);
}

static int missing(DatReader *r, const char *key, const char *desc)
{
    return dat_fail_tr(r, key, "err.missing", "expected {1}, got nothing (the key is missing)",
                       desc, NULL);
}

const cJSON *dat_get(const cJSON *obj, const char *key)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Edit distance with transpositions (optimal string alignment), for "did you mean". Keys are
 * short; long ones are not compared. */
static int edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int d[3][65]; /* rows i-2, i-1, i, kept modulo 3 */
    if (na > 64 || nb > 64)
        return 99;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int *cur = d[i % 3], *up = d[(i - 1) % 3], *up2 = d[(i + 1) % 3];
        cur[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = up[j - 1] + cost;
            if (up[j] + 1 < best)
                best = up[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                up2[j - 2] + 1 < best)
                best = up2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return d[na % 3][nb];
}

int dat_object(DatReader *r, const cJSON *node, const char *what, const char *const *allowed)
{
    char got[96];
    if (!cJSON_IsObject(node)) {
        dat_describe(node, got, sizeof got);
        return fail_expected(r, NULL, what_phrase(what), got);
    }
    for (const cJSON *c = node->child; c; c = c->next) {
        const char *k = c->string ? c->string : "";
        if (allowed) {
            int found = 0, best = 99;
            const char *near = NULL;
            for (const char *const *a = allowed; *a; a++) {
                if (strcmp(*a, k) == 0) {
                    found = 1;
                    break;
                }
                int d = edit_distance(k, *a);
                if (d < best) {
                    best = d;
                    near = *a;
                }
            }
            if (!found) {
                size_t kl = strlen(k);
                if (near && best <= (kl < 5 ? 1 : 2))
                    return dat_fail_tr(r, k, "err.key.unknown_near",
                                       "unknown key (did you mean \"{1}\"?)", near, NULL);
                char list[400] = "";
                size_t o = 0;
                for (const char *const *a = allowed; *a && o + 1 < sizeof list; a++) {
                    int w =
                        snprintf(list + o, sizeof list - o, "%s%s", a == allowed ? "" : ", ", *a);
                    if (w < 0)
                        break;
                    o += (size_t)w;
                }
                return dat_fail_tr(r, k, "err.key.unknown", "unknown key; expected one of: {1}",
                                   list, NULL);
            }
        }
        /* Allowed keys are few, so a duplicate turns up within that many members. */
        for (const cJSON *d = node->child; d != c; d = d->next) {
            if (d->string && strcmp(d->string, k) == 0)
                return dat_fail_tr(r, k, "err.key.duplicate",
                                   "duplicate key (it appears twice in this object)", NULL);
        }
    }
    return 0;
}

int dat_array(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int min_items,
              int max_items, const cJSON **out, int *n)
{
    const cJSON *v = dat_get(obj, key);
    char got[96], num[24];
    const char *an_array = dat_phrase("err.an_array", "an array");
    *out = NULL;
    *n = 0;
    if (!v) {
        if (need == DAT_REQUIRED)
            return missing(r, key, an_array);
        return 0;
    }
    if (!cJSON_IsArray(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, an_array, got);
    }
    int count = 0;
    for (const cJSON *c = v->child; c; c = c->next) {
        if (count > max_items)
            break;
        count++;
    }
    if (count > max_items) {
        snprintf(num, sizeof num, "%d", max_items);
        return dat_fail_tr(r, key, "err.array.at_most",
                           "expected an array of at most {1} items, got more", num, NULL);
    }
    if (count < min_items) {
        char c[24];
        snprintf(num, sizeof num, "%d", min_items);
        snprintf(c, sizeof c, "%d", count);
        return min_items == 1
                   ? dat_fail_tr(r, key, "err.array.at_least.one",
                                 "expected an array of at least {1} item, got {2}", num, c, NULL)
                   : dat_fail_tr(r, key, "err.array.at_least.many",
                                 "expected an array of at least {1} items, got {2}", num, c, NULL);
    }
    *out = v;
    *n = count;
    return 0;
}

static int charset_has(const char *set, unsigned char c)
{
    for (const char *p = set; *p; p++) {
        if (p[1] == '-' && p[2]) {
            if (c >= (unsigned char)p[0] && c <= (unsigned char)p[2])
                return 1;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return 1;
        }
    }
    return 0;
}

int dat_string(DatReader *r, const cJSON *obj, const char *key, DatNeed need, size_t min_len,
               const char *charset, char *out, size_t outsz)
{
    const cJSON *v = dat_get(obj, key);
    size_t max_len = outsz - 1;
    char desc[192], got[96], lo[24], hi[24];
    snprintf(lo, sizeof lo, "%zu", min_len);
    snprintf(hi, sizeof hi, "%zu", max_len);
    if (charset)
        dat_tr(desc, sizeof desc, "err.string.charset",
               "a string of {1} to {2} characters from [{3}]", lo, hi, charset, NULL);
    else if (min_len)
        dat_tr(desc, sizeof desc, "err.string.between", "a string of {1} to {2} bytes", lo, hi,
               NULL);
    else
        dat_tr(desc, sizeof desc, "err.string.at_most", "a string of at most {1} bytes", hi, NULL);
    out[0] = '\0';
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 0;
    if (!cJSON_IsString(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    const char *s = v->valuestring;
    size_t n = strlen(s);
    if (n < min_len || n > max_len) {
        snprintf(lo, sizeof lo, "%zu", n);
        return fail_expected(r, key, desc,
                             dat_tr(got, sizeof got, "err.got.bytes", "{1} bytes", lo, NULL));
    }
    if (charset) {
        for (size_t i = 0; i < n; i++) {
            if (!charset_has(charset, (unsigned char)s[i])) {
                quote_value(s, got, sizeof got);
                return fail_expected(r, key, desc, got);
            }
        }
    }
    memcpy(out, s, n + 1);
    return 0;
}

static int is_cap(double max)
{
    return max == DAT_MAX_AMOUNT;
}

static void range_desc(DatRange g, char *buf, size_t sz)
{
    int has_min = g.min > -DBL_MAX;
    int has_max = g.max < DBL_MAX && !is_cap(g.max);
    char a[64];
    if (has_min && has_max) {
        snprintf(a, sizeof a, "%c%g, %g%c", g.min_open ? '(' : '[', g.min, g.max,
                 g.max_open ? ')' : ']');
        dat_tr(buf, sz, "err.number.in", "a finite number in {1}", a, NULL);
    } else if (has_min) {
        snprintf(a, sizeof a, "%g", g.min);
        if (g.min_open)
            dat_tr(buf, sz, "err.number.above", "a finite number > {1}", a, NULL);
        else
            dat_tr(buf, sz, "err.number.at_least", "a finite number >= {1}", a, NULL);
    } else if (has_max) {
        snprintf(a, sizeof a, "%g", g.max);
        if (g.max_open)
            dat_tr(buf, sz, "err.number.below", "a finite number < {1}", a, NULL);
        else
            dat_tr(buf, sz, "err.number.at_most", "a finite number <= {1}", a, NULL);
    } else {
        dat_tr(buf, sz, "err.number.any", "a finite number", NULL);
    }
}

/* The finite number obj[key] into *x: 0, or 1 if it is absent and optional, or -1 with
 * "expected DESC, got ..." in r. */
static int finite_at(DatReader *r, const cJSON *obj, const char *key, DatNeed need,
                     const char *desc, double *x)
{
    const cJSON *v = dat_get(obj, key);
    char got[96];
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 1;
    if (!cJSON_IsNumber(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    if (!isfinite(v->valuedouble))
        return fail_expected(r, key, desc,
                             dat_phrase("err.got.huge", "a number beyond the range of a double"));
    *x = v->valuedouble;
    return 0;
}

int dat_number(DatReader *r, const cJSON *obj, const char *key, DatNeed need, DatRange g,
               double def, double *out)
{
    char desc[192], got[96];
    double x;
    range_desc(g, desc, sizeof desc);
    *out = def;
    int rc = finite_at(r, obj, key, need, desc, &x);
    if (rc)
        return rc < 0 ? -1 : 0;
    snprintf(got, sizeof got, "%.15g", x);
    if (x > g.max || (g.max_open && x == g.max)) {
        if (is_cap(g.max))
            return dat_fail_tr(r, key, "err.number.cap", "expected at most 1e6 ($B), got {1}", got,
                               NULL);
        return fail_expected(r, key, desc, got);
    }
    if (x < g.min || (g.min_open && x == g.min))
        return fail_expected(r, key, desc, got);
    *out = x;
    return 0;
}

int dat_int64(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int64_t min,
              int64_t max, int64_t def, int64_t *out)
{
    char desc[192], got[96], lo[32], hi[32];
    double x;
    snprintf(lo, sizeof lo, "%lld", (long long)min);
    snprintf(hi, sizeof hi, "%lld", (long long)max);
    dat_tr(desc, sizeof desc, "err.integer", "an integer in {1}..{2}", lo, hi, NULL);
    *out = def;
    int rc = finite_at(r, obj, key, need, desc, &x);
    if (rc)
        return rc < 0 ? -1 : 0;
    /* min and max are within 2^53 in practice, so the double comparisons are exact. */
    if (x != floor(x) || x < (double)min || x > (double)max) {
        snprintf(got, sizeof got, "%.17g", x);
        return fail_expected(r, key, desc, got);
    }
    *out = (int64_t)x;
    return 0;
}

int dat_int(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int min, int max,
            int def, int *out)
{
    int64_t v;
    *out = def;
    if (dat_int64(r, obj, key, need, min, max, def, &v))
        return -1;
    *out = (int)v;
    return 0;
}

int dat_bool(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int def, int *out)
{
    const cJSON *v = dat_get(obj, key);
    char got[96];
    const char *desc = dat_phrase("err.boolean", "true or false");
    *out = def;
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 0;
    if (!cJSON_IsBool(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    *out = cJSON_IsTrue(v) ? 1 : 0;
    return 0;
}

int dat_month(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int def, int *out)
{
    const char *desc = dat_phrase("err.month", "a month \"YYYY-MM\" (month 01-12, year 1900-2200)");
    const cJSON *v = dat_get(obj, key);
    char got[96];
    *out = def;
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 0;
    if (!cJSON_IsString(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    if (core_month_parse(v->valuestring, out)) {
        *out = def;
        quote_value(v->valuestring, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    return 0;
}

void dat_names_list(const char *const *names, int n, char *buf, size_t bufsz)
{
    size_t o = 0;
    if (bufsz == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < n && o + 1 < bufsz; i++) {
        const char *sep = i == 0       ? ""
                          : i == n - 1 ? dat_phrase("err.list.or", " or ")
                                       : dat_phrase("err.list.sep", ", ");
        int w = snprintf(buf + o, bufsz - o, "%s\"%s\"", sep, names[i]);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

int dat_enum(DatReader *r, const cJSON *obj, const char *key, DatNeed need,
             const char *const *names, int n, int def, int *out)
{
    const cJSON *v = dat_get(obj, key);
    char list[400], desc[440], got[96];
    dat_names_list(names, n, list, sizeof list);
    dat_tr(desc, sizeof desc, "err.one_of", "one of {1}", list, NULL);
    *out = def;
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 0;
    if (!cJSON_IsString(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i], v->valuestring) == 0) {
            *out = i;
            return 0;
        }
    }
    quote_value(v->valuestring, got, sizeof got);
    return fail_expected(r, key, desc, got);
}

DatRange dat_any(void)
{
    DatRange g = {-DBL_MAX, DBL_MAX, 0, 0};
    return g;
}

DatRange dat_at_least(double min)
{
    DatRange g = {min, DBL_MAX, 0, 0};
    return g;
}

DatRange dat_above(double min)
{
    DatRange g = {min, DBL_MAX, 1, 0};
    return g;
}

DatRange dat_between(double a, double b)
{
    DatRange g = {a, b, 0, 0};
    return g;
}

DatRange dat_amount(void)
{
    DatRange g = {0, DAT_MAX_AMOUNT, 0, 0};
    return g;
}

/* =============================================================================================
 * From a text or a file to a reader */

/* dat_read_file then dat_json_parse: the checked tree of a JSON file of at most max bytes (the
 * caller frees it with cJSON_Delete), or NULL with the reason in err. */
static cJSON *dat_json_load(const char *path, size_t max, char *err, size_t errsz)
{
    size_t len = 0;
    char *text = dat_read_file(path, max, &len, err, errsz);
    if (!text)
        return NULL;
    cJSON *root = dat_json_parse(text, len, path, err, errsz);
    free(text);
    return root;
}

/* Runs fn over root (NULL: the parse failed, its message already in err) and frees root. */
static int read_tree(cJSON *root, const char *name, DatReadFn fn, void *ctx, char *err,
                     size_t errsz)
{
    if (!root)
        return -1;
    DatReader r;
    dat_reader_init(&r, name, err, errsz);
    int rc = fn(&r, root, ctx);
    cJSON_Delete(root);
    return rc;
}

int dat_json_read_text(const char *text, size_t len, const char *name, DatReadFn fn, void *ctx,
                       char *err, size_t errsz)
{
    if (!name)
        name = "(text)";
    return read_tree(dat_json_parse(text, len, name, err, errsz), name, fn, ctx, err, errsz);
}

int dat_json_read_file(const char *path, size_t max, DatReadFn fn, void *ctx, char *err,
                       size_t errsz)
{
    return read_tree(dat_json_load(path, max, err, errsz), path, fn, ctx, err, errsz);
}

/* Context of read_into: the table and the struct it reads into. */
typedef struct {
    const DatInto *into;
    void *out;
} Into;

static int read_into(DatReader *r, const cJSON *root, void *ctx)
{
    const Into *in = ctx;
    if (in->into->fn(r, root, in->out) == 0)
        return 0;
    in->into->undo(in->out);
    return -1;
}

int dat_json_read_into(const DatInto *into, const char *text, size_t len, const char *name,
                       void *out, size_t size, char *err, size_t errsz)
{
    Into in = {into, out};
    memset(out, 0, size);
    if (!text)
        return dat_json_read_file(name, into->max, read_into, &in, err, errsz);
    return dat_json_read_text(text, len, name, read_into, &in, err, errsz);
}
