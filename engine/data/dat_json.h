/* dat_json: reading a checked JSON tree, with the JSON path in every message.
 *
 * A DatReader walks a tree that dat_json_parse (dat_jscan.h) checked and built: it remembers the
 * file name and the JSON path it stands at, and its typed getters (strings with a length limit,
 * finite numbers in a range, integers, booleans, months, enums) write "FILE: $.actors[2].cash:
 * expected a finite number >= 0, got string" into the caller's buffer, in the language in use
 * (dat_msg.h). Objects are checked for duplicate and unknown keys; lookups are case-sensitive. A
 * DatReader owns nothing; the tree and the error buffer stay the caller's. dat_json_read_text and
 * _file (and dat_json_read_into, for a struct read all or nothing) are the one way the loaders go
 * from a file or a text to a tree and a reader at "$".
 *
 * This header also brings in the rest of the JSON layer, so that a loader needs one include:
 * dat_jscan.h (the grammar check and the parse), dat_file.h (whole files in, atomic writes),
 * dat_jwrite.h (DatBuf, the writer) and dat_msg.h (the messages' phrases). */
#ifndef DAT_JSON_H
#define DAT_JSON_H

#include "core_err.h"
#include "dat_file.h"
#include "dat_jscan.h"
#include "dat_jwrite.h"
#include "dat_msg.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

/* Amounts in $B above this are refused as absurd. */
#define DAT_MAX_AMOUNT 1e6
#define DAT_PATH_LEN   256

/* ---------------------------------------------------------------------------------------------
 * Reading a tree */

typedef struct {
    const char *file; /* name used in messages (not owned) */
    char *err;        /* caller's buffer, may be NULL */
    size_t errsz;
    char path[DAT_PATH_LEN]; /* JSON path of the value being read: "$", "$.actors[2]" ... */
    size_t len;
} DatReader;

typedef enum { DAT_OPTIONAL = 0, DAT_REQUIRED = 1 } DatNeed;

/* A range of accepted numbers: [min, max], each end open if its flag is set. Use -DBL_MAX /
 * DBL_MAX for "no bound". A max of DAT_MAX_AMOUNT reads as the sanity cap on amounts. */
typedef struct {
    double min, max;
    int min_open, max_open;
} DatRange;

void dat_reader_init(DatReader *r, const char *file, char *err, size_t errsz);

/* Moves the path into a key or an array element; returns a mark for dat_leave. */
size_t dat_enter_key(DatReader *r, const char *key);
size_t dat_enter_index(DatReader *r, int i);
void dat_leave(DatReader *r, size_t mark);

/* Writes "FILE: PATH[.key]: message" into err and returns -1 (key may be NULL). */
int dat_fail(DatReader *r, const char *key, const char *fmt, ...) CORE_PRINTF(3, 4);

/* dat_fail with a phrase of the string tables (dat_msg.h: key, its English, then string
 * arguments for {1}..{9} and NULL); dat_fail_missing says "expected WHAT, got nothing (the key is
 * missing)" of the key `at`. */
int dat_fail_tr(DatReader *r, const char *at, const char *key, const char *english,
                ...) DAT_SENTINEL;
int dat_fail_missing(DatReader *r, const char *at, const char *what);

/* A short description of a value for "got ...": its type and, for scalars, its value
 * ("string \"80\"", "number -5", "true", "array"; "nothing" for NULL). */
void dat_describe(const cJSON *v, char *buf, size_t sz);

/* The member `key` of object obj (case-sensitive), or NULL. */
const cJSON *dat_get(const cJSON *obj, const char *key);

/* Checks that node (standing at the reader's path) is an object whose keys all appear in the
 * NULL-terminated list `allowed` (NULL: any key), each once. `what` names the object in the type
 * error ("an object", "an actor object" ...). */
int dat_object(DatReader *r, const cJSON *node, const char *what, const char *const *allowed);

/* The array under key: sets *out (NULL if absent and optional) and *n; checks the item count. */
int dat_array(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int min_items,
              int max_items, const cJSON **out, int *n);

/* A string of min_len..outsz-1 bytes; if charset is not NULL, every byte must match it (a class
 * body such as "a-z0-9_"). Absent and optional: "". */
int dat_string(DatReader *r, const cJSON *obj, const char *key, DatNeed need, size_t min_len,
               const char *charset, char *out, size_t outsz);

/* A finite number in range. Absent and optional: def. */
int dat_number(DatReader *r, const cJSON *obj, const char *key, DatNeed need, DatRange range,
               double def, double *out);

/* A whole number within [min, max] (|values| up to 2^53). Absent and optional: def. */
int dat_int64(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int64_t min,
              int64_t max, int64_t def, int64_t *out);
int dat_int(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int min, int max,
            int def, int *out);

/* true or false; absent and optional: def. */
int dat_bool(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int def, int *out);

/* A month "YYYY-MM" (core_month_parse), as an absolute month. Absent and optional: def. */
int dat_month(DatReader *r, const cJSON *obj, const char *key, DatNeed need, int def, int *out);

/* One of n names; sets *out to its index. Absent and optional: def. */
int dat_enum(DatReader *r, const cJSON *obj, const char *key, DatNeed need,
             const char *const *names, int n, int def, int *out);

/* Writes `"a", "b" or "c"` into buf (for "expected one of ..." messages). */
void dat_names_list(const char *const *names, int n, char *buf, size_t bufsz);

/* Ranges. */
DatRange dat_any(void);                   /* any finite number */
DatRange dat_at_least(double min);        /* >= min */
DatRange dat_above(double min);           /* > min */
DatRange dat_between(double a, double b); /* [a, b] */
DatRange dat_amount(void);                /* [0, DAT_MAX_AMOUNT] */

/* ---------------------------------------------------------------------------------------------
 * From a text or a file to a reader */

/* A reader of one whole document: reads root (r stands at "$") into ctx; 0, or -1 with r's
 * message. */
typedef int (*DatReadFn)(DatReader *r, const cJSON *root, void *ctx);

/* Parses text (dat_json_parse; name, or "(text)" if NULL, names it in messages) or the file at
 * path (dat_read_file, at most max bytes, then dat_json_parse), runs fn over the tree with a reader
 * at "$", and frees the tree. Returns fn's result, or -1 with the reason in err. */
int dat_json_read_text(const char *text, size_t len, const char *name, DatReadFn fn, void *ctx,
                       char *err, size_t errsz);
int dat_json_read_file(const char *path, size_t max, DatReadFn fn, void *ctx, char *err,
                       size_t errsz);

/* A document read into a struct the caller owns, all or nothing: clears size bytes of out, reads
 * text (len bytes, named name) or, if text is NULL, the file at name (at most max bytes) with fn,
 * and if that fails calls undo(out), so out holds nothing to free. Returns 0, or -1 with err. */
typedef struct DatInto {
    DatReadFn fn;         /* reads the root into out */
    void (*undo)(void *); /* frees what fn had read into out */
    size_t max;           /* the largest file it reads */
} DatInto;
int dat_json_read_into(const DatInto *into, const char *text, size_t len, const char *name,
                       void *out, size_t size, char *err, size_t errsz);

#endif
