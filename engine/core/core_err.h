/* core_err: error text written into a buffer the caller owns.
 *
 * Every function that can fail takes (char *err, size_t errsz) and, on failure, writes one line
 * saying what went wrong and where. Nothing here allocates; the caller owns the buffer. A NULL
 * buffer or a zero size is allowed and means "I do not want the text". */
#ifndef CORE_ERR_H
#define CORE_ERR_H

#include <stddef.h>

#if defined(__GNUC__)
#define CORE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CORE_PRINTF(f, a)
#endif

/* Writes a formatted message into err (truncated to errsz) and returns -1, so that a failing
 * function can end with `return core_errf(err, errsz, "...", ...);`. */
int core_errf(char *err, size_t errsz, const char *fmt, ...) CORE_PRINTF(3, 4);

/* Copies at most dstsz-1 bytes of src into dst and always terminates it. */
void core_strlcpy(char *dst, const char *src, size_t dstsz);

#endif
