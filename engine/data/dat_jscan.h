/* dat_jscan: the strict JSON grammar check, and the parse into a cJSON tree.
 *
 * cJSON accepts some text that is not JSON and reports errors at loose positions. dat_json_parse
 * first walks the text once following RFC 8259 exactly (no leading zeros, no raw control
 * characters or \u0000 in strings, valid UTF-8, no NUL bytes, nothing after the value, at most
 * DAT_JSON_MAX_DEPTH levels) and stops at the first byte that cannot be there, reporting
 * "FILE:LINE:COL: not valid JSON: hint"; only then does cJSON build the tree, which the caller
 * frees with cJSON_Delete. Nothing else is allocated; messages go into the caller's buffer. */
#ifndef DAT_JSCAN_H
#define DAT_JSCAN_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* Deepest nesting dat_json_parse accepts (cJSON's own limit is 1000). */
#define DAT_JSON_MAX_DEPTH 128

/* Checks and parses len bytes of text (which need not be NUL-terminated). `file` names the text
 * in messages. Returns the tree (the caller frees it with cJSON_Delete), or NULL with
 * "FILE:LINE:COL: not valid JSON: hint" in err. */
cJSON *dat_json_parse(const char *text, size_t len, const char *file, char *err, size_t errsz);

/* Line and column (both from 1; columns count UTF-8 characters) of byte `offset` of text. */
void dat_json_line_col(const char *text, size_t len, size_t offset, int *line, int *col);

/* Length of the valid UTF-8 sequence at s (n bytes available: 1 to 4), or 0 if there is none
 * (overlong forms, UTF-16 surrogates and values past U+10FFFF are not valid). */
size_t dat_utf8_len(const unsigned char *s, size_t n);

#endif
