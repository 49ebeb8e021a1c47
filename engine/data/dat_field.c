/* dat_field: the fields a save and a replay spell their own way (see dat_field.h). */
#include "dat_field.h"

#include "core_mem.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Valid UTF-8 with no NUL byte (what a JSON string carries both ways). */
static int utf8_plain(const unsigned char *s, size_t n)
{
    for (size_t i = 0, k; i < n; i += k)
        if (s[i] == 0 || !(k = dat_utf8_len(s + i, n - i)))
            return 0;
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

/* A string, or {"hex": "..."}, the node at the reader's path. */
int dat_bytes_node(DatReader *r, const cJSON *v, char **out, size_t *len, size_t max)
{
    char got[80];
    char a[32], b[32];
    *out = NULL;
    *len = 0;
    if (cJSON_IsString(v)) {
        size_t n = strlen(v->valuestring);
        if (n > max)
            return dat_fail_tr(r, NULL, "err.save.bytes_long",
                               "expected a string of at most {1} bytes, got {2}",
                               dat_arg_size(a, max), dat_arg_size(b, n), NULL);
        if (!(*out = core_strndup(v->valuestring, n)))
            return dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
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
                           dat_arg_size(a, max), NULL);
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
    int rc = dat_bytes_node(r, v, out, len, max);
    dat_leave(r, m);
    return rc;
}

/* Text into a fixed buffer (no NUL inside). */
int dat_text_read(DatReader *r, const cJSON *obj, const char *key, DatNeed need, char *out,
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

void dat_text_write(DatBuf *b, const char *s)
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

int dat_u64_read(DatReader *r, const cJSON *obj, const char *key, uint64_t *out)
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

void dat_out_key(DatOut *o, const char *k, int first)
{
    dat_buf_puts(&o->b, first ? "\"" : ",\"");
    dat_buf_puts(&o->b, k);
    dat_buf_puts(&o->b, "\":");
}

void dat_out_num(DatOut *o, const char *k, double v)
{
    dat_out_key(o, k, 0);
    char what[160];
    snprintf(what, sizeof what, "%s.%s", o->what, k);
    dat_buf_double(&o->b, v, what);
}

void dat_out_int(DatOut *o, const char *k, long long v)
{
    dat_out_key(o, k, 0);
    dat_buf_printf(&o->b, "%lld", v);
}

void dat_out_text(DatOut *o, const char *k, const char *s)
{
    dat_out_key(o, k, 0);
    dat_text_write(&o->b, s);
}

void dat_out_double(DatOut *o, double v)
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
int dat_row(DatReader *r, const cJSON *v, int n, const cJSON **items)
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

int dat_item_num(DatReader *r, const cJSON *v, int i, double lo, double hi, double *out)
{
    size_t m = dat_enter_index(r, i);
    int rc = node_num(r, v, lo, hi, out);
    dat_leave(r, m);
    return rc;
}

int dat_item_int(DatReader *r, const cJSON *v, int i, int lo, int hi, int *out)
{
    size_t m = dat_enter_index(r, i);
    int rc = node_int(r, v, lo, hi, out);
    dat_leave(r, m);
    return rc;
}

void dat_out_fields(DatOut *o, const void *base, const DatField *f, int n)
{
    for (int i = 0; i < n; i++) {
        const char *p = (const char *)base + f[i].off;
        if (f[i].is_int) {
            int v;
            memcpy(&v, p, sizeof v);
            dat_out_int(o, f[i].key, v);
        } else {
            double v;
            memcpy(&v, p, sizeof v);
            dat_out_num(o, f[i].key, v);
        }
    }
}

int dat_fields_read(DatReader *r, const cJSON *obj, void *base, const DatField *f, int n)
{
    for (int i = 0; i < n; i++) {
        char *p = (char *)base + f[i].off;
        int rc = f[i].is_int ? dat_int(r, obj, f[i].key, DAT_REQUIRED, (int)f[i].lo, (int)f[i].hi,
                                       0, (int *)(void *)p)
                             : dat_number(r, obj, f[i].key, DAT_REQUIRED,
                                          dat_between(f[i].lo, f[i].hi), 0, (double *)(void *)p);
        if (rc < 0)
            return -1;
    }
    return 0;
}
