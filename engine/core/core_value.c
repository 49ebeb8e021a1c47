/* core_value: plain value trees. */
#include "core_value.h"

#include "core_mem.h"

#include <stdlib.h>
#include <string.h>

void core_value_clear(CoreValue *v)
{
    if (v->type == CORE_VAL_STRING)
        free(v->s);
    if (v->type == CORE_VAL_TABLE) {
        for (size_t k = 0; k < 2 * v->len; k++)
            core_value_clear(&v->kv[k]);
        free(v->kv);
    }
    memset(v, 0, sizeof *v);
}

int core_value_set_string(CoreValue *v, const char *s, size_t len)
{
    memset(v, 0, sizeof *v);
    v->s = core_strndup(s, len);
    if (!v->s)
        return -1;
    v->len = len;
    v->type = CORE_VAL_STRING;
    return 0;
}

void core_value_set_table(CoreValue *v)
{
    memset(v, 0, sizeof *v);
    v->type = CORE_VAL_TABLE;
}

CoreValue *core_value_table_add(CoreValue *t)
{
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        CoreValue *kv = realloc(t->kv, 2 * cap * sizeof *kv);
        if (!kv)
            return NULL;
        t->kv = kv;
        t->cap = cap;
    }
    CoreValue *slot = &t->kv[2 * t->len++];
    memset(slot, 0, 2 * sizeof *slot);
    return slot;
}

int core_value_equal(const CoreValue *a, const CoreValue *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case CORE_VAL_NIL:
        return 1;
    case CORE_VAL_BOOL:
        return !a->b == !b->b;
    case CORE_VAL_INT:
        return a->i == b->i;
    case CORE_VAL_FLOAT:
        return memcmp(&a->f, &b->f, sizeof a->f) == 0;
    case CORE_VAL_STRING:
        return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    case CORE_VAL_TABLE:
        if (a->len != b->len)
            return 0;
        for (size_t k = 0; k < 2 * a->len; k++)
            if (!core_value_equal(&a->kv[k], &b->kv[k]))
                return 0;
        return 1;
    }
    return 0;
}

uint64_t core_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t k = 0; k < len; k++) {
        h ^= p[k];
        h *= 0x100000001b3ull;
    }
    return h;
}
