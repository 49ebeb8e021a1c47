/* dat_field: the fields a save and a replay spell their own way, both ways.
 *
 * Text that must survive as bytes (a JSON string if it is valid UTF-8 without NUL, else
 * {"hex": "..."}); 64-bit values in strings (16 hex digits, or decimal); DatOut, a writer of
 * "key":value members that names the value it writes in its error ("world.actors[2].debt is not
 * a finite number"); and the readers of rows (fixed-length arrays of numbers) with the path of
 * the item in their messages. Readers write into the caller's memory, or into a buffer the
 * caller frees where they say so; messages go to the DatReader's buffer. */
#ifndef DAT_FIELD_H
#define DAT_FIELD_H

#include "dat_json.h"

#include <stddef.h>
#include <stdint.h>

/* A JSON object being written: the text, and the name of what is being written for messages. */
typedef struct {
    DatBuf b;
    char what[96];
} DatOut;

/* "key": (with a comma before it unless first); then a member of each kind. */
void dat_out_key(DatOut *o, const char *k, int first);
void dat_out_num(DatOut *o, const char *k, double v);
void dat_out_int(DatOut *o, const char *k, long long v);
void dat_out_text(DatOut *o, const char *k, const char *s);
/* An exact double alone (an array item); a non-finite one fails o->b naming o->what. */
void dat_out_double(DatOut *o, double v);

/* Text that survives as bytes: a JSON string if it is valid UTF-8 without NUL, else
 * {"hex": "..."}; and back into a buffer the caller frees (dat_bytes_node: the node itself, at
 * the reader's path; dat_bytes_read: obj[key], "" if absent and optional). */
void dat_bytes_write(DatBuf *b, const char *s, size_t len);
int dat_bytes_node(DatReader *r, const cJSON *v, char **out, size_t *len, size_t max);
int dat_bytes_read(DatReader *r, const cJSON *obj, const char *key, DatNeed need, char **out,
                   size_t *len, size_t max);

/* A NUL-terminated text, as bytes; and back into a fixed buffer (no NUL inside). */
void dat_text_write(DatBuf *b, const char *s);
int dat_text_read(DatReader *r, const cJSON *obj, const char *key, DatNeed need, char *out,
                  size_t outsz);

/* A 64-bit value as 16 hex digits, and back (obj[key], or obj itself if key is NULL). */
void dat_hex64(uint64_t v, char buf[17]);
int dat_hex64_read(DatReader *r, const cJSON *obj, const char *key, uint64_t *out);

/* A whole number 0..2^64-1 written as decimal in a string (the seed). */
int dat_u64_read(DatReader *r, const cJSON *obj, const char *key, uint64_t *out);

/* A member of a struct saved under its own name: an int or a double at offset off, read back
 * within [lo, hi]. A table of them writes and reads a run of members in one order. */
typedef struct {
    const char *key;
    int is_int;
    size_t off;
    double lo, hi;
} DatField;
#define DAT_FIELD_NUM(T, m, lo, hi)                                                                \
    {                                                                                              \
#m, 0, offsetof(T, m), lo, hi                                                              \
    }
#define DAT_FIELD_INT(T, m, lo, hi)                                                                \
    {                                                                                              \
#m, 1, offsetof(T, m), lo, hi                                                              \
    }

/* Writes the n members of base (each "key":value, after a comma); reads them back (each
 * required, dat_int or dat_number), stopping at the first failure. */
void dat_out_fields(DatOut *o, const void *base, const DatField *f, int n);
int dat_fields_read(DatReader *r, const cJSON *obj, void *base, const DatField *f, int n);

/* The items of an array of exactly n, the array at the reader's path. */
int dat_row(DatReader *r, const cJSON *v, int n, const cJSON **items);

/* Item i of a row (v the item) as a number in [lo, hi] or a whole number in lo..hi; the message
 * names the item's path. */
int dat_item_num(DatReader *r, const cJSON *v, int i, double lo, double hi, double *out);
int dat_item_int(DatReader *r, const cJSON *v, int i, int lo, int hi, int *out);

#endif
