/* core_text: the words a person reads, in the language they chose.
 *
 * A CoreText is a table from keys ("feed.accepts") to UTF-8 texts, filled by data/dat_lang from
 * assets/lang/<code>/. The game reads its texts through core_tr* below, which look in the table
 * of the chosen language, then in English, and at last give the key itself, so that a missing
 * text shows up as its key and never as a blank (the tests report every key missing from a
 * table). Texts take numbered arguments, {1} to {9}, so that a language can put them in its
 * own order; numbers are formatted by the rules of the language (money in the Chinese way with
 * 亿 and 万: 3000亿美元 where English writes $300B), with the unit words from the table
 * (money.system "western" counts in thousands: money.big/mid/small are T, B, M; "myriad" counts
 * in ten thousands: 万亿, 亿, 万).
 *
 * Content written in English in the data files (scenario events, lessons, classroom notes) is
 * translated through a second table keyed by the English text itself (core_tr_content), so that
 * the same sentence in several what-if scenarios is translated once.
 *
 * The tables in use are process-wide: the language is chosen once, before any game or thread
 * starts (like the C locale), and the tables are only read after that, from any thread. sim/
 * never calls core_tr: the game is the same in every language, only its telling differs.
 *
 * Ownership: core_text_create/destroy; a table copies what is put in it. core_tr_use keeps the
 * pointers it is given (the caller keeps the tables alive while they are in use). */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { CORE_LANG_EN, CORE_LANG_ZH, CORE_LANG_COUNT } CoreLang;

typedef struct CoreText CoreText;

CoreText *core_text_create(void);
void core_text_destroy(CoreText *t);
/* Adds key -> text (both copied). 0; 1 if the key was there already (the table is unchanged);
 * -1 if memory runs out. */
int core_text_put(CoreText *t, const char *key, const char *text);
/* The text of key, or NULL. */
const char *core_text_find(const CoreText *t, const char *key);
/* How many keys, and the i-th key in the order they were put (for the tests and tools). */
size_t core_text_count(const CoreText *t);
const char *core_text_key(const CoreText *t, size_t i);

/* A copy of t (NULL t: an empty table); NULL if memory runs out. */
CoreText *core_text_clone(const CoreText *t);

/* "en" / "zh"; and back (-1 if code names no language). A locale name such as "zh_CN.UTF-8"
 * counts by its first two letters. */
const char *core_lang_code(CoreLang lang);
int core_lang_parse(const char *code);

/* Puts tables in use: strings of lang, the English strings (the fallback; may be the same
 * pointer) and content translations (NULL for English). NULL strings: no tables (core_tr gives
 * keys). */
void core_tr_use(CoreLang lang, const CoreText *strings, const CoreText *english,
                 const CoreText *content);
CoreLang core_tr_lang(void);
/* Puts a scenario's own texts in use over the engine's tables (NULL arrays or entries: none):
 * strings[lang] are looked up before the tables of lang, strings[CORE_LANG_EN] before English,
 * content[lang] before the content table. The words of one loop (its unit, what it delivers,
 * its deal kinds' nouns) come from its scenario this way; the engine's tables keep words that
 * fit any loop. Kept as pointers, like core_tr_use. */
void core_tr_overlay(const CoreText *const strings[CORE_LANG_COUNT],
                     const CoreText *const content[CORE_LANG_COUNT]);

/* The text of key: the language's, else English, else the key itself. Never NULL. */
const char *core_tr(const char *key);
/* The text of key with {1}..{n} replaced by the arguments (a NULL-terminated list of strings)
 * into buf; returns buf. A {k} with no argument k is left as it is. */
char *core_trf(char *buf, size_t bufsz, const char *key, ...);
/* The same with the template given and the NULL-terminated arguments in a va_list (for other
 * modules' variadic wrappers). */
char *core_text_substv(char *buf, size_t bufsz, const char *tmpl, va_list ap);
/* The same with the template given rather than its key. */
char *core_text_subst(char *buf, size_t bufsz, const char *tmpl, const char *const *args,
                      int nargs);
/* The arguments {1}..{9} a template uses, as a bit set (bit k-1 for {k}): the tests check that
 * a translation takes the same arguments as the English text. */
unsigned core_text_args(const char *tmpl);
/* The translation of an English content text, or the text itself. */
const char *core_tr_content(const char *english);

/* A text that may carry one version per language, "English\x1f中文" (how a strategy's reason
 * given as {en=..., zh=...} is kept): the part for the language in use, else the first non-empty
 * part. A text without the separator is returned as is. Writes into buf, returns buf. */
#define CORE_TEXT_SEP '\x1f'
char *core_text_pick(const char *text, char *buf, size_t bufsz);
/* The same in English whatever the reader's language: for what must not depend on it (what a
 * strategy script reads, the --json record). */
char *core_text_pick_en(const char *text, char *buf, size_t bufsz);
/* A text may also be a reference to a table text with its arguments, "\x1eKEY\x1eARG\x1eARG..."
 * (how sim/, which never reads the tables, leaves words for a reader: the native strategy's
 * reasons): core_text_pick tells it in the reader's language. An argument "$79.5" is money in $B
 * (written as core_tr_money's full style), "#SoftBank" a content text (translated: 软银),
 * "%key" the table text of key filled with the arguments before it; any other argument is put
 * in as it is. */
#define CORE_TEXT_REF '\x1e'

/* Money in billions of dollars, in the language's way. CORE_MONEY_SHORT: "$1.2T", "$630B",
 * "$12.5B", "$850M", "$0" (charts, panels); CORE_MONEY_FULL: "$1.20T", "$79B", "$2.4B", "$850M"
 * (sentences). In Chinese both use 万亿/亿/万美元. Returns buf. */
typedef enum { CORE_MONEY_SHORT, CORE_MONEY_FULL } CoreMoneyStyle;
char *core_tr_money(double billions, CoreMoneyStyle style, char *buf, size_t bufsz);
/* A month (year*12 + m-1) in words: "January 2025", "2025年1月". Returns buf. */
char *core_tr_month(int month, char *buf, size_t bufsz);

/* The table key of the ordinal suffix for n ("18th": story.verdict.ordinal.th; 1st, 2nd, 3rd, but
 * 11th-13th); the tables take the number as {1} (Chinese: "第{1}"). */
const char *core_ordinal_key(int n);

/* The candidate nearest to word (len bytes) by edit distance (insert, delete, change, swap of
 * two neighbours; ASCII letters compared case-blind), for "did you mean" hints: its index, or -1
 * when none is near enough (a distance above a third of the longer name, at least 1 and at most
 * 3). Ties go to the earlier candidate, so the answer is deterministic. */
int core_nearest(const char *word, size_t len, const char *const *cands, int n);

#endif
