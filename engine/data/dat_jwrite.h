/* dat_jwrite: JSON text written into a growable buffer, with exact doubles.
 *
 * DatBuf is a growable text buffer the caller owns and frees with dat_buf_free (its data may
 * also be taken over: it is a malloc'ed, NUL-terminated string). Appending never stops halfway
 * through: the first failure (memory ran out, a non-finite number) sets failed and why, and later
 * appends do nothing, so a writer checks once at the end. Strings are escaped as JSON (invalid
 * UTF-8 becomes U+FFFD); doubles are written in the shortest of %.15g/%.16g/%.17g that reads back
 * to the same bits, so files written by the project round-trip bit for bit. */
#ifndef DAT_JWRITE_H
#define DAT_JWRITE_H

#include "core_err.h"

#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated while len < cap */
    size_t len, cap;
    int failed;    /* memory ran out, or a non-finite number was written */
    char why[128]; /* what failed first */
} DatBuf;

void dat_buf_init(DatBuf *b);
void dat_buf_free(DatBuf *b);
/* Appenders return 0, or -1 and set failed (later appends then do nothing). */
int dat_buf_append(DatBuf *b, const char *s, size_t n);
int dat_buf_puts(DatBuf *b, const char *s);
int dat_buf_printf(DatBuf *b, const char *fmt, ...) CORE_PRINTF(2, 3);
/* A JSON string in double quotes; invalid UTF-8 becomes U+FFFD. NULL writes null. */
int dat_buf_string(DatBuf *b, const char *s);
/* An exact double; a non-finite value fails the buffer with `what` in why. */
int dat_buf_double(DatBuf *b, double v, const char *what);

/* Hands over the text (a malloc'ed string the caller frees) and its length (len may be NULL),
 * leaving b empty. If b failed, frees it and returns NULL with the phrase of key (dat_msg.h; its
 * English given, {1} what failed) in err. */
char *dat_buf_take(DatBuf *b, size_t *len, char *err, size_t errsz, const char *key,
                   const char *english);

/* Writes the shortest decimal text that reads back as v exactly, always with '.' as the decimal
 * point (buf needs 32 bytes). Returns -1 (and writes "null") if v is not finite. */
int dat_fmt_double(char *buf, size_t bufsz, double v);

#endif
