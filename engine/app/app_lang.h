/* app_lang: which language the program speaks, and loading its tables.
 *
 * The language is --lang en|zh if given, else $CLOSEDLOOP_LANG, else the locale of the
 * environment ($LC_ALL, $LC_MESSAGES, $LANG: "zh_CN.UTF-8" means Chinese), else English. The
 * tables are read from $CLOSEDLOOP_DATA/lang if set, else assets/lang under the working folder,
 * else under the source tree the program was built from. English is always read too: it is
 * what a text missing from another table falls back to.
 *
 * Ownership: the tables live until exit (app_lang_init registers their freeing with atexit) or
 * the next app_lang_init, which replaces them (the start screen switches language this way).
 * Call it before any thread starts. */
#ifndef APP_LANG_H
#define APP_LANG_H

#include "core_text.h"
#include "sim_scenario.h"

#include <stddef.h>

/* The language named by the environment (CLOSEDLOOP_LANG, LC_ALL, LC_MESSAGES, LANG), or
 * English. */
CoreLang app_lang_from_env(void);

/* Takes "--lang CODE" or "--lang=CODE" out of argv (anywhere after the command name), so that
 * every command accepts it; sets *lang (left alone when absent). -1 with the reason in err if
 * the code is not en or zh or is missing. */
int app_lang_take_flag(int *argc, char **argv, int *lang, char *err, size_t errsz);

/* Reads English and lang and puts them in use. -1 with the reason in err (the tables in use are
 * then unchanged). */
int app_lang_init(CoreLang lang, char *err, size_t errsz);

/* Puts the scenario's own texts (its "lang" block: its words over the engine's tables and the
 * translations of its texts) in use, in every language, until the next call (NULL sc: none).
 * Each of its keys must be a key of the engine's English table and take no argument that text
 * does not; else -1 with "NAME: $.lang.CODE.strings.KEY: ..." in err and nothing changed. Call it
 * where a scenario is opened, before any thread starts. */
int app_lang_use_scenario(const SimScenario *sc, const char *name, char *err, size_t errsz);

/* Whether the language was asked for by name: --lang (app_lang_take_flag) or $CLOSEDLOOP_LANG;
 * then the window's settings file does not choose it. */
int app_lang_was_asked(void);

#endif
