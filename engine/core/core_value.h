/* core_value: a tree of plain values, the exchange format between a Lua strategy's memory
 * (script/) and a save file (data/).
 *
 * A value is nil, a boolean, a 64-bit integer, a double, a byte string (any bytes, NUL
 * included) or a table: a list of key/value pairs, in the order they were added (a Lua walk adds
 * them in the sandbox's fixed key order, so the same memory always makes the same tree). Lua
 * keeps integers and floats apart (3 and 3.0 print differently), so the tree does too.
 *
 * Ownership: a CoreValue owns what it points to (strings, pairs and their subtrees);
 * core_value_clear frees it and leaves nil. Values are plain structs: embed them or allocate
 * them, the caller keeps the struct itself. */
#ifndef CORE_VALUE_H
#define CORE_VALUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    CORE_VAL_NIL,
    CORE_VAL_BOOL,
    CORE_VAL_INT,
    CORE_VAL_FLOAT,
    CORE_VAL_STRING,
    CORE_VAL_TABLE
} CoreValType;

typedef struct CoreValue {
    CoreValType type;
    int b;                /* BOOL */
    int64_t i;            /* INT */
    double f;             /* FLOAT */
    char *s;              /* STRING: len bytes, NUL-terminated for convenience */
    size_t len;           /* STRING: bytes; TABLE: pairs */
    struct CoreValue *kv; /* TABLE: 2 * len values, key then value */
    size_t cap;           /* TABLE: pairs allocated */
} CoreValue;

/* Frees everything v owns and makes it nil. */
void core_value_clear(CoreValue *v);

/* Makes v (which must own nothing) a string copy of len bytes; 0, or -1 if memory runs out. */
int core_value_set_string(CoreValue *v, const char *s, size_t len);

/* Makes v (which must own nothing) an empty table. */
void core_value_set_table(CoreValue *v);

/* Appends a pair to table t; returns the key slot (the value slot follows it), both nil, or NULL
 * if memory runs out. The pointer is valid until the next append to t. */
CoreValue *core_value_table_add(CoreValue *t);

/* Whether two trees hold the same values (floats compared bit for bit), in the same order. */
int core_value_equal(const CoreValue *a, const CoreValue *b);

/* FNV-1a, 64 bits, over len bytes, continuing from h (start with CORE_FNV_OFFSET). Stable
 * across platforms: the hash that names scenario and script texts in saves and replays. */
#define CORE_FNV_OFFSET 0xcbf29ce484222325ull
uint64_t core_fnv1a(uint64_t h, const void *data, size_t len);

#endif
