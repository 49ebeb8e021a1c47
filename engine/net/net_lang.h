/* net_lang: the string tables of one language as the pages read them (GET /lang/CODE.json).
 *
 * The pages have no text table of their own: the host reads the same tables as the window
 * (the .json files of assets/lang/CODE, with English under any key a language lacks) and serves,
 * for each language, one JSON object: {"lang": CODE, "strings": {KEY: TEXT}, "content": {ENGLISH:
 * TEXT}}. "strings" holds the keys under the prefixes the pages use (NET_LANG_PREFIXES: their own
 * web.* texts and the deal dialog's desk.*, refuse.*, money.* ...); "content" the translations of
 * the scenario's actor names and news titles (core_tr_content's table), so the page says 软银 where
 * the world says SoftBank. Built once when the host starts; the tables are not changed after. */
#ifndef NET_LANG_H
#define NET_LANG_H

#include "core_text.h"
#include "dat_jwrite.h"
#include "sim_scenario.h"

/* The key prefixes served, NULL-terminated. */
extern const char *const net_lang_prefixes[];

/* Writes the object of language code from strings (that language's table), english (the
 * fallback; may be strings) and content (translations of content texts; NULL: none) for
 * scenario sc into b. */
void net_lang_json(const char *code, const CoreText *strings, const CoreText *english,
                   const CoreText *content, const SimScenario *sc, DatBuf *b);

#endif
