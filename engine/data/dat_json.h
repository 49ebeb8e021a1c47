/* dat_json: strict reading and exact writing of JSON, over cJSON.
 *
 * Reading: dat_json_parse checks the whole text against the JSON grammar (RFC 8259, stricter
 * than cJSON: no leading zeros, no raw control characters or \u0000 in strings, valid UTF-8, no
 * NUL bytes, nothing after the value) so that a syntax error is reported as "FILE:LINE:COL: not
 * valid JSON: hint", then builds the cJSON tree, which the caller frees with cJSON_Delete. A
 * DatReader walks that tree: it remembers the file name and the JSON path it stands at, and its
 * typed getters (strings with a length limit, finite numbers in a range, integers, booleans,
 * months, enums) write "FILE: $.actors[2].cash: expected a finite number >= 0, got string" into
 * the caller's buffer. Objects are checked for duplicate and unknown keys; lookups are
 * case-sensitive. A DatReader owns nothing; the tree and the error buffer stay the caller's.
 *
 * Writing: DatBuf is a growable text buffer (freed with dat_buf_free) with JSON string escaping
 * and exact doubles (the shortest of %.15g/%.16g/%.17g that reads back to the same bits, so files
 * written by the project round-trip bit for bit; non-finite numbers are an error).
 * dat_write_file_atomic replaces a file in one step (temp file, fsync, rename), and
 * dat_read_file reads a whole file under a size cap into a buffer the caller frees. */
#ifndef DAT_JSON_H
#define DAT_JSON_H

#include "core_err.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

/* Amounts in $B above this are refused as absurd. */
#define DAT_MAX_AMOUNT 1e6
/* Deepest nesting dat_json_parse accepts (cJSON's own limit is 1000). */
#define DAT_JSON_MAX_DEPTH 128
#define DAT_PATH_LEN       256

/* ---------------------------------------------------------------------------------------------
 * Parsing */

/* Checks and parses len bytes of text (which need not be NUL-terminated). `file` names the text
 * in messages. Returns the tree (the caller frees it with cJSON_Delete), or NULL with
 * "FILE:LINE:COL: not valid JSON: hint" in err. */
cJSON *dat_json_parse(const char *text, size_t len, const char *file, char *err, size_t errsz);

/* Line and column (both from 1; columns count UTF-8 characters) of byte `offset` of text. */
void dat_json_line_col(const char *text, size_t len, size_t offset, int *line, int *col);

/* Reads a whole file into a NUL-terminated buffer the caller frees; refuses files over max
 * bytes before reading them. NULL with "FILE: why" in err. */
char *dat_read_file(const char *path, size_t max, size_t *len, char *err, size_t errsz);

/* dat_read_file then dat_json_parse: the checked tree of a JSON file of at most max bytes (the
 * caller frees it with cJSON_Delete), or NULL with the reason in err. */
cJSON *dat_json_load(const char *path, size_t max, char *err, size_t errsz);

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

/* The loaders' messages in the language in use: key is an "err." key of the string tables
 * (assets/lang/<code>/cli.json), english its text for when no table is in use (the data layer's
 * tests, fuzzing), then string arguments for {1}..{9} and NULL. dat_tr writes the text into buf
 * and returns buf; dat_fail_tr is dat_fail with it; dat_fail_missing says "expected WHAT, got
 * nothing (the key is missing)" of the key `at`. */
#if defined(__GNUC__)
#define DAT_SENTINEL __attribute__((sentinel))
#else
#define DAT_SENTINEL
#endif
char *dat_tr(char *buf, size_t bufsz, const char *key, const char *english, ...) DAT_SENTINEL;
int dat_fail_tr(DatReader *r, const char *at, const char *key, const char *english,
                ...) DAT_SENTINEL;
int dat_fail_missing(DatReader *r, const char *at, const char *what);

/* "string", "number", "boolean", "null", "array", "object". */
const char *dat_type_name(const cJSON *v);

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
 * Writing */

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

/* Writes the shortest decimal text that reads back as v exactly, always with '.' as the decimal
 * point (buf needs 32 bytes). Returns -1 (and writes "null") if v is not finite. */
int dat_fmt_double(char *buf, size_t bufsz, double v);

/* Replaces path with data in one step: a temp file in the same folder, fsync, rename, fsync of
 * the folder. "-" writes to stdout. Returns 0 or -1 with "PATH: why" in err. */
int dat_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errsz);

#endif
