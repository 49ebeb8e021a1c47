/* dat_json: strict JSON reading over cJSON, exact JSON writing, whole-file I/O. */
#define _POSIX_C_SOURCE 200809L

#include "dat_json.h"

#include "core_month.h"
#include "core_text.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* =============================================================================================
 * Messages
 *
 * The generic phrases of the messages below ("expected a finite number >= 0, got string") are
 * "err." keys of the string tables (assets/lang/<code>/cli.json), with {1}-style arguments; the
 * file name, the JSON path and LINE:COL before them are the same in every language. The English
 * is here too, used when no table is in use (the data layer's own tests, the fuzzers, the loading
 * of the tables themselves); it is the same text as in the English table (test_app_save checks
 * that the messages are the same bytes with and without the tables). */

static const char *phrase(const char *key, const char *english)
{
    const char *s = core_tr(key);
    return s == key ? english : s; /* core_tr gives the key itself when no table has it */
}

static char *vphrasef(char *buf, size_t bufsz, const char *key, const char *english, va_list ap)
{
    return core_text_substv(buf, bufsz, phrase(key, english), ap);
}

/* The phrase of key with its arguments (strings, then NULL) into buf; returns buf. */
static char *phrasef(char *buf, size_t bufsz, const char *key, const char *english,
                     ...) DAT_SENTINEL;
static char *phrasef(char *buf, size_t bufsz, const char *key, const char *english, ...)
{
    va_list ap;
    va_start(ap, english);
    vphrasef(buf, bufsz, key, english, ap);
    va_end(ap);
    return buf;
}

/* =============================================================================================
 * The grammar check
 *
 * cJSON accepts some text that is not JSON (leading zeros, "1.", raw control characters in
 * strings), cuts strings at \u0000, and reports errors at loose positions (a trailing comma in an
 * object is reported at the end of the file). This scanner walks the text once, following
 * RFC 8259 exactly, and stops at the first byte that cannot be there, with a short hint. */

typedef struct {
    const unsigned char *s;
    size_t n, i;
    size_t at; /* where the error is */
    char hint[256];
} Scan;

/* The hint of key (its English given) with its arguments (strings, then NULL). */
static int scan_fail(Scan *x, size_t at, const char *key, const char *english, ...) DAT_SENTINEL;

static int scan_fail(Scan *x, size_t at, const char *key, const char *english, ...)
{
    va_list ap;
    va_start(ap, english);
    vphrasef(x->hint, sizeof x->hint, key, english, ap);
    va_end(ap);
    x->at = at;
    return -1;
}

/* Length of the valid UTF-8 sequence at s (n bytes available), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < k)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t j = 2; j < k; j++) {
        if (s[j] < 0x80 || s[j] > 0xBF)
            return 0;
    }
    return k;
}

static int is_word_byte(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

/* Control characters (C0, DEL, and C1 as UTF-8) in s become '?': a message quotes text from the
 * file, which must neither break the message's one line nor reach a terminal as an escape. */
static void no_controls(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            *p = '?';
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) {
            p[0] = '?';
            p[1] = '?';
            p++;
        }
    }
}

/* Describes what stands at byte `at`, for "found ..." in hints. */
static void scan_found(const Scan *x, size_t at, char *buf, size_t sz)
{
    char t[24];
    if (at >= x->n) {
        phrasef(buf, sz, "err.json.found.eof", "the end of the file", NULL);
        return;
    }
    unsigned c = x->s[at];
    if (c == '\n' || c == '\r')
        phrasef(buf, sz, "err.json.found.line_break", "a line break", NULL);
    else if (c == '\t')
        phrasef(buf, sz, "err.json.found.tab", "a tab", NULL);
    else if (c == 0)
        phrasef(buf, sz, "err.json.found.nul", "a NUL byte", NULL);
    else if (c < 0x20 || c == 0x7F) {
        snprintf(t, sizeof t, "%02X", c);
        phrasef(buf, sz, "err.json.found.control", "control byte 0x{1}", t, NULL);
    } else if (c >= 0x80) {
        size_t k = utf8_seq(x->s + at, x->n - at);
        if (k) {
            snprintf(t, sizeof t, "%.*s", (int)k, (const char *)x->s + at);
            phrasef(buf, sz, "err.json.found.text", "'{1}'", t, NULL);
        } else {
            snprintf(t, sizeof t, "%02X", c);
            phrasef(buf, sz, "err.json.found.byte", "byte 0x{1} (not UTF-8)", t, NULL);
        }
    } else if (is_word_byte(c)) {
        size_t k = 0;
        while (at + k < x->n && k < 16 && is_word_byte(x->s[at + k]))
            k++;
        snprintf(t, sizeof t, "%.*s", (int)k, (const char *)x->s + at);
        phrasef(buf, sz, "err.json.found.text", "'{1}'", t, NULL);
    } else {
        snprintf(t, sizeof t, "%c", (char)c);
        phrasef(buf, sz, "err.json.found.text", "'{1}'", t, NULL);
    }
}

static void scan_ws(Scan *x)
{
    while (x->i < x->n) {
        unsigned c = x->s[x->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        x->i++;
    }
}

static int hex4(const Scan *x, size_t at, unsigned *out)
{
    unsigned v = 0;
    if (at + 4 > x->n)
        return -1;
    for (size_t j = 0; j < 4; j++) {
        unsigned c = x->s[at + j], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

static int scan_string(Scan *x)
{
    size_t open = x->i++;
    while (x->i < x->n) {
        unsigned c = x->s[x->i];
        if (c == '"') {
            x->i++;
            return 0;
        }
        if (c == '\\') {
            if (x->i + 1 >= x->n)
                break;
            unsigned e = x->s[x->i + 1], u, u2;
            if (e && strchr("\"\\/bfnrt", (int)e)) {
                x->i += 2;
                continue;
            }
            if (e != 'u') {
                char f[96];
                scan_found(x, x->i + 1, f, sizeof f);
                return scan_fail(x, x->i, "err.json.escape",
                                 "invalid escape in a string: backslash then {1}", f, NULL);
            }
            if (hex4(x, x->i + 2, &u))
                return scan_fail(x, x->i, "err.json.u_escape",
                                 "invalid \\u escape (expected 4 hex digits)", NULL);
            if (u == 0)
                return scan_fail(x, x->i, "err.json.u0000", "\\u0000 is not allowed in a string",
                                 NULL);
            if (u >= 0xDC00 && u <= 0xDFFF)
                return scan_fail(x, x->i, "err.json.surrogate",
                                 "unpaired UTF-16 surrogate in a \\u escape", NULL);
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (x->i + 7 >= x->n || x->s[x->i + 6] != '\\' || x->s[x->i + 7] != 'u' ||
                    hex4(x, x->i + 8, &u2) || u2 < 0xDC00 || u2 > 0xDFFF)
                    return scan_fail(x, x->i, "err.json.surrogate",
                                     "unpaired UTF-16 surrogate in a \\u escape", NULL);
                x->i += 12;
                continue;
            }
            x->i += 6;
            continue;
        }
        if (c == 0)
            return scan_fail(x, x->i, "err.json.nul", "NUL byte in a string", NULL);
        if (c < 0x20)
            return scan_fail(x, x->i, "err.json.control",
                             "raw control character in a string (escape it: \\n, \\t, \\u001F)",
                             NULL);
        size_t k = utf8_seq(x->s + x->i, x->n - x->i);
        if (!k) {
            char b[8];
            snprintf(b, sizeof b, "%02X", c);
            return scan_fail(x, x->i, "err.json.utf8", "invalid UTF-8 in a string (byte 0x{1})", b,
                             NULL);
        }
        x->i += k;
    }
    return scan_fail(x, open, "err.json.unterminated",
                     "unterminated string (it starts here and runs to the end of file)", NULL);
}

static int scan_number(Scan *x)
{
    size_t st = x->i;
    const unsigned char *s = x->s;
#define DIGIT(j) ((j) < x->n && s[j] >= '0' && s[j] <= '9')
    if (s[x->i] == '-')
        x->i++;
    if (!DIGIT(x->i))
        return scan_fail(x, st, "err.json.minus", "invalid number: a digit must follow '-'", NULL);
    if (s[x->i] == '0') {
        x->i++;
        if (DIGIT(x->i))
            return scan_fail(x, st, "err.json.leading_zero",
                             "invalid number: leading zero (write 12, not 012)", NULL);
    } else {
        while (DIGIT(x->i))
            x->i++;
    }
    if (x->i < x->n && s[x->i] == '.') {
        x->i++;
        if (!DIGIT(x->i))
            return scan_fail(x, st, "err.json.dot", "invalid number: a digit must follow '.'",
                             NULL);
        while (DIGIT(x->i))
            x->i++;
    }
    if (x->i < x->n && (s[x->i] == 'e' || s[x->i] == 'E')) {
        x->i++;
        if (x->i < x->n && (s[x->i] == '+' || s[x->i] == '-'))
            x->i++;
        if (!DIGIT(x->i))
            return scan_fail(x, st, "err.json.exponent",
                             "invalid number: the exponent has no digits", NULL);
        while (DIGIT(x->i))
            x->i++;
    }
#undef DIGIT
    if (x->i < x->n && is_word_byte(s[x->i])) {
        char f[96];
        scan_found(x, st, f, sizeof f);
        return scan_fail(x, st, "err.json.number", "invalid number {1}", f, NULL);
    }
    return 0;
}

static int scan_value(Scan *x, int depth);

/* An object or an array, standing on its opening bracket. */
static int scan_container(Scan *x, int depth)
{
    int obj = x->s[x->i] == '{';
    char close = obj ? '}' : ']';
    char f[96];
    if (depth > DAT_JSON_MAX_DEPTH) {
        char d[16];
        snprintf(d, sizeof d, "%d", DAT_JSON_MAX_DEPTH);
        return scan_fail(x, x->i, "err.json.depth", "nesting deeper than {1} levels", d, NULL);
    }
    x->i++;
    scan_ws(x);
    if (x->i < x->n && x->s[x->i] == (unsigned char)close) {
        x->i++;
        return 0;
    }
    for (;;) {
        scan_ws(x);
        if (obj) {
            if (x->i >= x->n)
                return scan_fail(x, x->i, "err.json.eof_key",
                                 "unexpected end of file inside an object", NULL);
            if (x->s[x->i] != '"') {
                scan_found(x, x->i, f, sizeof f);
                return scan_fail(x, x->i, "err.json.key",
                                 "expected a key in double quotes, found {1}", f, NULL);
            }
            if (scan_string(x))
                return -1;
            scan_ws(x);
            if (x->i >= x->n || x->s[x->i] != ':') {
                scan_found(x, x->i, f, sizeof f);
                return scan_fail(x, x->i, "err.json.colon", "expected ':' after the key, found {1}",
                                 f, NULL);
            }
            x->i++;
        }
        if (scan_value(x, depth))
            return -1;
        scan_ws(x);
        if (x->i >= x->n)
            return obj ? scan_fail(x, x->i, "err.json.eof_object",
                                   "unexpected end of file inside an object (missing '}')", NULL)
                       : scan_fail(x, x->i, "err.json.eof_array",
                                   "unexpected end of file inside an array (missing ']')", NULL);
        if (x->s[x->i] == ',') {
            size_t comma = x->i++;
            scan_ws(x);
            if (x->i < x->n && x->s[x->i] == (unsigned char)close)
                return scan_fail(x, comma, "err.json.trailing_comma", "trailing comma before '{1}'",
                                 obj ? "}" : "]", NULL);
            continue;
        }
        if (x->s[x->i] == (unsigned char)close) {
            x->i++;
            return 0;
        }
        scan_found(x, x->i, f, sizeof f);
        return obj ? scan_fail(x, x->i, "err.json.comma_object",
                               "expected ',' or '}' after a value in an object, found {1}", f, NULL)
                   : scan_fail(x, x->i, "err.json.comma_array",
                               "expected ',' or ']' after a value in an array, found {1}", f, NULL);
    }
}

static int scan_literal(Scan *x, const char *word)
{
    size_t k = strlen(word);
    if (x->i + k <= x->n && memcmp(x->s + x->i, word, k) == 0 &&
        !(x->i + k < x->n && is_word_byte(x->s[x->i + k]))) {
        x->i += k;
        return 0;
    }
    char f[96];
    scan_found(x, x->i, f, sizeof f);
    return scan_fail(x, x->i, "err.json.value", "expected a value, found {1}", f, NULL);
}

static int scan_value(Scan *x, int depth)
{
    char f[96];
    scan_ws(x);
    if (x->i >= x->n)
        return scan_fail(x, x->i, "err.json.eof_value", "unexpected end of file, expected a value",
                         NULL);
    unsigned c = x->s[x->i];
    switch (c) {
    case '{':
    case '[':
        return scan_container(x, depth + 1);
    case '"':
        return scan_string(x);
    case 't':
        return scan_literal(x, "true");
    case 'f':
        return scan_literal(x, "false");
    case 'n':
        return scan_literal(x, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return scan_number(x);
        scan_found(x, x->i, f, sizeof f);
        return scan_fail(x, x->i, "err.json.value", "expected a value, found {1}", f, NULL);
    }
}

static int scan_document(Scan *x)
{
    char f[96];
    if (x->n == 0)
        return scan_fail(x, 0, "err.json.empty", "the file is empty", NULL);
    if (x->n >= 3 && memcmp(x->s, "\xEF\xBB\xBF", 3) == 0)
        x->i = 3; /* a UTF-8 byte order mark, as cJSON allows */
    scan_ws(x);
    if (x->i >= x->n)
        return scan_fail(x, x->i, "err.json.blank", "the file holds only white space", NULL);
    if (scan_value(x, 0))
        return -1;
    scan_ws(x);
    if (x->i < x->n) {
        scan_found(x, x->i, f, sizeof f);
        return scan_fail(x, x->i, "err.json.after", "text after the end of the JSON value: {1}", f,
                         NULL);
    }
    return 0;
}

void dat_json_line_col(const char *text, size_t len, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) { /* count characters, not continuation bytes */
            c++;
        }
    }
    *line = l;
    *col = c;
}

cJSON *dat_json_parse(const char *text, size_t len, const char *file, char *err, size_t errsz)
{
    Scan x = {(const unsigned char *)text, len, 0, 0, ""};
    int line, col;
    if (!text && len)
        return core_errf(err, errsz, "%s: %s", file, phrase("err.json.no_text", "no text")), NULL;
    if (scan_document(&x)) {
        dat_json_line_col(text, len, x.at, &line, &col);
        no_controls(x.hint);
        char why[512];
        core_errf(
            err, errsz, "%s:%d:%d: %s", file, line, col,
            phrasef(why, sizeof why, "err.json.invalid", "not valid JSON: {1}", x.hint, NULL));
        return NULL;
    }
    /* The text is valid JSON, so cJSON stops exactly at the end of the value (no NUL needed). */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        size_t at = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        dat_json_line_col(text, len, at, &line, &col);
        char why[512];
        core_errf(err, errsz, "%s:%d:%d: %s", file, line, col,
                  phrasef(why, sizeof why, "err.json.invalid", "not valid JSON: {1}",
                          phrase("err.json.gave_up", "the parser gave up here (out of memory?)"),
                          NULL));
        return NULL;
    }
    return root;
}

/* =============================================================================================
 * Reading a tree */

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
    no_controls(buf); /* C1 controls */
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
    no_controls(msg);
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
            return phrase(names[i][1], what);
    return what;
}

/* dat_fail with the message a phrase of the tables (key, its English, then string arguments and
 * NULL). */
static int fail_phrase(DatReader *r, const char *key, const char *pkey, const char *english,
                       ...) DAT_SENTINEL;
static int fail_phrase(DatReader *r, const char *key, const char *pkey, const char *english, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, english);
    vphrasef(msg, sizeof msg, pkey, english, ap);
    va_end(ap);
    return dat_fail(r, key, "%s", msg);
}

char *dat_tr(char *buf, size_t bufsz, const char *key, const char *english, ...)
{
    va_list ap;
    va_start(ap, english);
    vphrasef(buf, bufsz, key, english, ap);
    va_end(ap);
    return buf;
}

int dat_fail_tr(DatReader *r, const char *at, const char *key, const char *english, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, english);
    vphrasef(msg, sizeof msg, key, english, ap);
    va_end(ap);
    return dat_fail(r, at, "%s", msg);
}

/* "expected WHAT, got GOT" */
static int fail_expected(DatReader *r, const char *key, const char *what, const char *got)
{
    return fail_phrase(r, key, "err.expected", "expected {1}, got {2}", what, got, NULL);
}

const char *dat_type_name(const cJSON *v)
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
        phrasef(buf, sz, "err.got.string", "string {1}", q, NULL);
    } else if (cJSON_IsNumber(v)) {
        snprintf(q, sizeof q, "%.15g", v->valuedouble);
        phrasef(buf, sz, "err.got.number", "number {1}", q, NULL);
    } else if (cJSON_IsBool(v)) {
        snprintf(buf, sz, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (!v) {
        phrasef(buf, sz, "err.got.nothing", "nothing", NULL);
    } else if (cJSON_IsNull(v)) {
        snprintf(buf, sz, "null");
    } else if (cJSON_IsArray(v)) {
        phrasef(buf, sz, "err.got.array", "array", NULL);
    } else if (cJSON_IsObject(v)) {
        phrasef(buf, sz, "err.got.object", "object", NULL);
    } else {
        snprintf(buf, sz, "%s", dat_type_name(v));
    }
}

int dat_fail_missing(DatReader *r, const char *at, const char *what)
{
    return fail_phrase(r, at, "err.missing", "expected {1}, got nothing (the key is missing)",
                       what_phrase(what), NULL);
}

static int missing(DatReader *r, const char *key, const char *desc)
{
    return fail_phrase(r, key, "err.missing", "expected {1}, got nothing (the key is missing)",
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
                    return fail_phrase(r, k, "err.key.unknown_near",
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
                return fail_phrase(r, k, "err.key.unknown", "unknown key; expected one of: {1}",
                                   list, NULL);
            }
        }
        /* Allowed keys are few, so a duplicate turns up within that many members. */
        for (const cJSON *d = node->child; d != c; d = d->next) {
            if (d->string && strcmp(d->string, k) == 0)
                return fail_phrase(r, k, "err.key.duplicate",
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
    const char *an_array = phrase("err.an_array", "an array");
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
        return fail_phrase(r, key, "err.array.at_most",
                           "expected an array of at most {1} items, got more", num, NULL);
    }
    if (count < min_items) {
        char c[24];
        snprintf(num, sizeof num, "%d", min_items);
        snprintf(c, sizeof c, "%d", count);
        return min_items == 1
                   ? fail_phrase(r, key, "err.array.at_least.one",
                                 "expected an array of at least {1} item, got {2}", num, c, NULL)
                   : fail_phrase(r, key, "err.array.at_least.many",
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
        phrasef(desc, sizeof desc, "err.string.charset",
                "a string of {1} to {2} characters from [{3}]", lo, hi, charset, NULL);
    else if (min_len)
        phrasef(desc, sizeof desc, "err.string.between", "a string of {1} to {2} bytes", lo, hi,
                NULL);
    else
        phrasef(desc, sizeof desc, "err.string.at_most", "a string of at most {1} bytes", hi, NULL);
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
                             phrasef(got, sizeof got, "err.got.bytes", "{1} bytes", lo, NULL));
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
        phrasef(buf, sz, "err.number.in", "a finite number in {1}", a, NULL);
    } else if (has_min) {
        snprintf(a, sizeof a, "%g", g.min);
        if (g.min_open)
            phrasef(buf, sz, "err.number.above", "a finite number > {1}", a, NULL);
        else
            phrasef(buf, sz, "err.number.at_least", "a finite number >= {1}", a, NULL);
    } else if (has_max) {
        snprintf(a, sizeof a, "%g", g.max);
        if (g.max_open)
            phrasef(buf, sz, "err.number.below", "a finite number < {1}", a, NULL);
        else
            phrasef(buf, sz, "err.number.at_most", "a finite number <= {1}", a, NULL);
    } else {
        phrasef(buf, sz, "err.number.any", "a finite number", NULL);
    }
}

int dat_number(DatReader *r, const cJSON *obj, const char *key, DatNeed need, DatRange g,
               double def, double *out)
{
    const cJSON *v = dat_get(obj, key);
    char desc[192], got[96];
    range_desc(g, desc, sizeof desc);
    *out = def;
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 0;
    if (!cJSON_IsNumber(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    double x = v->valuedouble;
    if (!isfinite(x))
        return fail_expected(r, key, desc,
                             phrase("err.got.huge", "a number beyond the range of a double"));
    snprintf(got, sizeof got, "%.15g", x);
    if (x > g.max || (g.max_open && x == g.max)) {
        if (is_cap(g.max))
            return fail_phrase(r, key, "err.number.cap", "expected at most 1e6 ($B), got {1}", got,
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
    const cJSON *v = dat_get(obj, key);
    char desc[192], got[96], lo[32], hi[32];
    snprintf(lo, sizeof lo, "%lld", (long long)min);
    snprintf(hi, sizeof hi, "%lld", (long long)max);
    phrasef(desc, sizeof desc, "err.integer", "an integer in {1}..{2}", lo, hi, NULL);
    *out = def;
    if (!v)
        return need == DAT_REQUIRED ? missing(r, key, desc) : 0;
    if (!cJSON_IsNumber(v)) {
        dat_describe(v, got, sizeof got);
        return fail_expected(r, key, desc, got);
    }
    double x = v->valuedouble;
    if (!isfinite(x))
        return fail_expected(r, key, desc,
                             phrase("err.got.huge", "a number beyond the range of a double"));
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
    const char *desc = phrase("err.boolean", "true or false");
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
    const char *desc = phrase("err.month", "a month \"YYYY-MM\" (month 01-12, year 1900-2200)");
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
                          : i == n - 1 ? phrase("err.list.or", " or ")
                                       : phrase("err.list.sep", ", ");
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
    phrasef(desc, sizeof desc, "err.one_of", "one of {1}", list, NULL);
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
 * Files */

char *dat_read_file(const char *path, size_t max, size_t *len, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    size_t cap = 65536, n = 0;
    char *buf = NULL;
    int too_large = 0;
    *len = 0;
    if (!f) {
        char why[512];
        return core_errf(err, errsz, "%s: %s", path,
                         phrasef(why, sizeof why, "err.file.open", "cannot open: {1}",
                                 strerror(errno), NULL)),
               NULL;
    }
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            return core_errf(err, errsz, "%s: %s", path,
                             phrase("err.file.folder", "is a folder, not a file")),
                   NULL;
        }
        /* Refuse a big file from its size, before reading any of it. */
        if (S_ISREG(st.st_mode)) {
            if ((uintmax_t)st.st_size > (uintmax_t)max) {
                fclose(f);
                char size[32], limit[32], why[256];
                snprintf(size, sizeof size, "%.1f", (double)st.st_size / 1048576.0);
                snprintf(limit, sizeof limit, "%.0f", (double)max / 1048576.0);
                core_errf(err, errsz, "%s: %s", path,
                          phrasef(why, sizeof why, "err.file.too_large",
                                  "file is too large ({1} MiB; the limit is {2} MiB)", size, limit,
                                  NULL));
                return NULL;
            }
            cap = (size_t)st.st_size + 2; /* room to see the end of file without growing */
        }
    }
    /* Read at most max + 1 bytes: a file that grew, or a pipe, is caught by its length too. */
    for (;;) {
        if (n + 1 >= cap || !buf) {
            size_t ncap = !buf ? cap : (cap > (max + 2) / 2 ? max + 2 : cap * 2);
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                return core_errf(err, errsz, "%s: out of memory", path), NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t want = cap - 1 - n;
        size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (n > max) {
            too_large = 1;
            break;
        }
        if (got < want) {
            if (ferror(f)) {
                int e = errno;
                free(buf);
                fclose(f);
                char why[512];
                return core_errf(err, errsz, "%s: %s", path,
                                 phrasef(why, sizeof why, "err.file.read", "cannot read: {1}",
                                         strerror(e), NULL)),
                       NULL;
            }
            break;
        }
    }
    fclose(f);
    if (too_large) {
        free(buf);
        char limit[32], why[256];
        snprintf(limit, sizeof limit, "%.0f", (double)max / 1048576.0);
        return core_errf(err, errsz, "%s: %s", path,
                         phrasef(why, sizeof why, "err.file.too_large_read",
                                 "file is too large (the limit is {1} MiB)", limit, NULL)),
               NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

cJSON *dat_json_load(const char *path, size_t max, char *err, size_t errsz)
{
    size_t len = 0;
    char *text = dat_read_file(path, max, &len, err, errsz);
    if (!text)
        return NULL;
    cJSON *root = dat_json_parse(text, len, path, err, errsz);
    free(text);
    return root;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int dat_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errsz)
{
    char why[512];
    if (strcmp(path, "-") == 0) {
        if (len && fwrite(data, 1, len, stdout) != len)
            return core_errf(err, errsz, "stdout: %s",
                             phrasef(why, sizeof why, "err.file.write", "cannot write: {1}",
                                     strerror(errno), NULL));
        if (fflush(stdout))
            return core_errf(err, errsz, "stdout: %s",
                             phrasef(why, sizeof why, "err.file.write", "cannot write: {1}",
                                     strerror(errno), NULL));
        return 0;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dirlen = slash ? (size_t)(slash - path) : 0;
    if (!*base)
        return core_errf(err, errsz, "%s: %s", path,
                         phrase("err.file.not_a_name", "not a file name"));
    char *dir = malloc(dirlen + 2);
    char *tmp = malloc(strlen(path) + 16);
    int fd = -1, e = 0;
    const char *step = "";
    if (!dir || !tmp) {
        free(dir);
        free(tmp);
        return core_errf(err, errsz, "%s: out of memory", path);
    }
    if (!slash)
        strcpy(dir, ".");
    else if (dirlen == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, dirlen);
        dir[dirlen] = '\0';
    }
    /* A hidden temp file beside the target, so the rename stays within one file system. */
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)(slash ? dirlen + 1 : 0), path, base);
    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        core_errf(err, errsz, "%s: %s", path,
                  phrasef(why, sizeof why, "err.file.temp",
                          "cannot create a temporary file in {1}: {2}", dir, strerror(e), NULL));
        free(dir);
        free(tmp);
        return -1;
    }
    if (fchmod(fd, 0644) != 0) {
        step = phrase("err.file.mode", "cannot set the mode of the temporary file");
        goto fail;
    }
    if (write_all(fd, data, len) != 0) {
        step = phrase("err.file.step_write", "cannot write");
        goto fail;
    }
    if (fsync(fd) != 0) {
        step = phrase("err.file.flush", "cannot flush to disk");
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        step = phrase("err.file.close", "cannot close");
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        step = phrase("err.file.replace", "cannot replace the file");
        goto fail;
    }
    /* Make the rename itself durable. Some file systems refuse fsync on a folder: not an error. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(dir);
    free(tmp);
    return 0;
fail:
    e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    core_errf(err, errsz, "%s: %s: %s", path, step, strerror(e));
    free(dir);
    free(tmp);
    return -1;
}

/* =============================================================================================
 * Writing */

void dat_buf_init(DatBuf *b)
{
    memset(b, 0, sizeof *b);
}

void dat_buf_free(DatBuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

static int buf_oom(DatBuf *b)
{
    if (!b->failed)
        snprintf(b->why, sizeof b->why, "out of memory");
    b->failed = 1;
    return -1;
}

static int buf_reserve(DatBuf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX / 2 - b->len)
        return buf_oom(b);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return buf_oom(b);
    b->data = p;
    b->cap = cap;
    return 0;
}

int dat_buf_append(DatBuf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n))
        return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int dat_buf_puts(DatBuf *b, const char *s)
{
    return dat_buf_append(b, s, strlen(s));
}

int dat_buf_printf(DatBuf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    if (b->failed)
        return -1;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return buf_oom(b);
    if ((size_t)n < sizeof small)
        return dat_buf_append(b, small, (size_t)n);
    if (buf_reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int dat_buf_string(DatBuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s)
        return dat_buf_puts(b, "null");
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    if (buf_reserve(b, n + 2))
        return -1;
    dat_buf_append(b, "\"", 1);
    while (*p) {
        unsigned c = *p;
        size_t run = 0;
        /* copy the plain stretch in one go */
        while (p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
            run++;
        if (run) {
            dat_buf_append(b, (const char *)p, run);
            p += run;
            continue;
        }
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            dat_buf_append(b, e, 2);
            p++;
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            if (c == '\n')
                dat_buf_append(b, "\\n", 2);
            else if (c == '\t')
                dat_buf_append(b, "\\t", 2);
            else if (c == '\r')
                dat_buf_append(b, "\\r", 2);
            else
                dat_buf_append(b, e, 6);
            p++;
        } else {
            size_t k = utf8_seq(p, strlen((const char *)p));
            if (k) {
                dat_buf_append(b, (const char *)p, k);
                p += k;
            } else {
                dat_buf_append(b, "\xEF\xBF\xBD", 3); /* U+FFFD for a broken byte */
                p++;
            }
        }
    }
    return dat_buf_append(b, "\"", 1);
}

int dat_fmt_double(char *buf, size_t bufsz, double v)
{
    char tmp[40];
    if (!isfinite(v)) {
        snprintf(buf, bufsz, "null");
        return -1;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (prec == 17 || strtod(tmp, NULL) == v)
            break;
    }
    /* Whatever the C locale says, JSON's decimal point is '.'. */
    size_t o = 0;
    int point = 0;
    for (const char *p = tmp; *p && o + 1 < bufsz; p++) {
        char c = *p;
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E') {
            buf[o++] = c;
        } else if (!point) {
            buf[o++] = '.';
            point = 1;
        }
    }
    if (bufsz)
        buf[o < bufsz ? o : bufsz - 1] = '\0';
    return 0;
}

int dat_buf_double(DatBuf *b, double v, const char *what)
{
    char num[40];
    if (b->failed)
        return -1;
    if (dat_fmt_double(num, sizeof num, v)) {
        snprintf(b->why, sizeof b->why, "%s is not a finite number (%g)", what ? what : "a value",
                 v);
        b->failed = 1;
        return -1;
    }
    return dat_buf_puts(b, num);
}
