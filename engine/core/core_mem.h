/* core_mem: the two memory chores every layer repeats: an array that grows as items are added,
 * and a string copied into memory of its own.
 *
 * Ownership: what they return belongs to the caller, who frees it with free(). core_grow hands
 * back the array it was given (moved, perhaps); on failure the old array is untouched and still
 * the caller's. */
#ifndef CORE_MEM_H
#define CORE_MEM_H

#include <stddef.h>

/* Room for at least need items of size bytes in items (an array of *cap items, or NULL with *cap
 * 0): doubles *cap (from first, if it is 0) until need fits and reallocates. Returns the array,
 * which may have moved, with *cap updated; NULL if memory runs out (items and *cap unchanged).
 * Typical use, before adding one item:
 *     T *a = core_grow(x->items, &x->cap, x->n + 1, sizeof *a, 16);
 *     if (!a) return -1;
 *     x->items = a; */
void *core_grow(void *items, int *cap, int need, size_t size, int first);

/* A copy of the len bytes at s with a '\0' after them (s may be NULL when len is 0), or NULL if
 * memory runs out. */
char *core_strndup(const char *s, size_t len);

#endif
