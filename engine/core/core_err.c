/* core_err: error text into caller-owned buffers. */
#include "core_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int core_errf(char *err, size_t errsz, const char *fmt, ...)
{
    if (err && errsz > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errsz, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void core_strlcpy(char *dst, const char *src, size_t dstsz)
{
    if (dstsz == 0)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= dstsz)
        n = dstsz - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}
