/* dat_lang: the string tables of one language, read from its folder (assets/lang/CODE/).
 *
 * A language is a folder of JSON files, one per part of the game (cli.json, feed.json, ui.json
 * ...), so that translators can share the work; together they make the language's one table.
 * Each file is an object with up to two members:
 *   "strings": keys to texts, nested objects naming the parts of a key: {"feed": {"accepts":
 *              "..."}} holds the key "feed.accepts" (see core_text.h for {1}-style arguments);
 *   "content": English texts of the data files (scenario events, lessons, classroom notes) to
 *              their translation, keyed by the English text itself.
 * Every value is a string of valid UTF-8 (at most DAT_LANG_MAX_TEXT bytes); a key given twice,
 * in one file or across files, is an error, as is anything else in a file. Files are read in the
 * order of their names. Errors say "FILE: $.strings.feed.accepts: ..." or FILE:LINE:COL.
 *
 * Ownership: the caller creates and destroys the CoreText tables; dat_lang_load adds to them. */
#ifndef DAT_LANG_H
#define DAT_LANG_H

#include "core_text.h"
#include "dat_json.h"

#include <stddef.h>

#define DAT_LANG_MAX_TEXT  8192
#define DAT_LANG_MAX_FILES 64

/* Reads every *.json file of folder dir into strings and content (content may be NULL: the
 * "content" members are then checked and dropped). 0, or -1 with the reason in err. */
int dat_lang_load(const char *dir, CoreText *strings, CoreText *content, char *err, size_t errsz);

/* Reads one such object, node, standing at r's path (a language file's root, or a language of a
 * scenario's "lang" block), into strings and content (either may be NULL: checked and dropped).
 * 0, or -1 with the reason in r's err. */
int dat_lang_read(DatReader *r, const cJSON *node, CoreText *strings, CoreText *content);

#endif
