/* core_mem: growing arrays and copied strings. */
#include "core_mem.h"

#include <stdlib.h>
#include <string.h>

void *core_grow(void *items, int *cap, int need, size_t size, int first)
{
    if (need <= *cap && items)
        return items;
    int n = *cap > 0 ? *cap : (first > 0 ? first : 1);
    while (n < need)
        n *= 2;
    void *p = realloc(items, (size_t)n * size);
    if (!p)
        return NULL;
    *cap = n;
    return p;
}

char *core_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
