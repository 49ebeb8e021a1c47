/* dat_jwrite: JSON text built in a growable buffer, with exact doubles (see dat_jwrite.h). */
#include "dat_jwrite.h"

#include "dat_jscan.h"
#include "dat_msg.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dat_buf_init(DatBuf *b)
{
    memset(b, 0, sizeof *b);
}

void dat_buf_free(DatBuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

char *dat_buf_take(DatBuf *b, size_t *len, char *err, size_t errsz, const char *key,
                   const char *english)
{
    char *text = b->failed ? NULL : b->data;
    if (len)
        *len = text ? b->len : 0;
    if (text) {
        memset(b, 0, sizeof *b);
        return text;
    }
    char msg[400];
    core_errf(err, errsz, "%s", dat_tr(msg, sizeof msg, key, english, b->why, NULL));
    dat_buf_free(b);
    return NULL;
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
            size_t k = dat_utf8_len(p, strlen((const char *)p));
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
