/* dat_jscan: the RFC 8259 grammar check and the parse into a cJSON tree (see dat_jscan.h). */
#include "dat_jscan.h"

#include "core_err.h"
#include "dat_msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
    dat_vtr(x->hint, sizeof x->hint, key, english, ap);
    va_end(ap);
    x->at = at;
    return -1;
}

/* Length of the valid UTF-8 sequence at s (n bytes available), or 0. */
size_t dat_utf8_len(const unsigned char *s, size_t n)
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
static void scan_found(const Scan *x, size_t at, char *buf, size_t sz)
{
    char t[24];
    if (at >= x->n) {
        dat_tr(buf, sz, "err.json.found.eof", "the end of the file", NULL);
        return;
    }
    unsigned c = x->s[at];
    if (c == '\n' || c == '\r')
        dat_tr(buf, sz, "err.json.found.line_break", "a line break", NULL);
    else if (c == '\t')
        dat_tr(buf, sz, "err.json.found.tab", "a tab", NULL);
    else if (c == 0)
        dat_tr(buf, sz, "err.json.found.nul", "a NUL byte", NULL);
    else if (c < 0x20 || c == 0x7F) {
        snprintf(t, sizeof t, "%02X", c);
        dat_tr(buf, sz, "err.json.found.control", "control byte 0x{1}", t, NULL);
    } else if (c >= 0x80) {
        size_t k = dat_utf8_len(x->s + at, x->n - at);
        if (k) {
            snprintf(t, sizeof t, "%.*s", (int)k, (const char *)x->s + at);
            dat_tr(buf, sz, "err.json.found.text", "'{1}'", t, NULL);
        } else {
            snprintf(t, sizeof t, "%02X", c);
            dat_tr(buf, sz, "err.json.found.byte", "byte 0x{1} (not UTF-8)", t, NULL);
        }
    } else if (is_word_byte(c)) {
        size_t k = 0;
        while (at + k < x->n && k < 16 && is_word_byte(x->s[at + k]))
            k++;
        snprintf(t, sizeof t, "%.*s", (int)k, (const char *)x->s + at);
        dat_tr(buf, sz, "err.json.found.text", "'{1}'", t, NULL);
    } else {
        snprintf(t, sizeof t, "%c", (char)c);
        dat_tr(buf, sz, "err.json.found.text", "'{1}'", t, NULL);
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
        size_t k = dat_utf8_len(x->s + x->i, x->n - x->i);
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
        return core_errf(err, errsz, "%s: %s", file, dat_phrase("err.json.no_text", "no text")),
               NULL;
    if (scan_document(&x)) {
        dat_json_line_col(text, len, x.at, &line, &col);
        dat_msg_clean(x.hint);
        char why[512];
        core_errf(err, errsz, "%s:%d:%d: %s", file, line, col,
                  dat_tr(why, sizeof why, "err.json.invalid", "not valid JSON: {1}", x.hint, NULL));
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
                  dat_tr(why, sizeof why, "err.json.invalid", "not valid JSON: {1}",
                         dat_phrase("err.json.gave_up", "the parser gave up here (out of memory?)"),
                         NULL));
        return NULL;
    }
    return root;
}
