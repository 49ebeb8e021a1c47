/* dat_msg: the data layer's messages in the language in use.
 *
 * A message of a loader is a phrase of the string tables: an "err." key of
 * assets/lang/<code>/cli.json with {1}..{9} arguments, and the English text beside it for when no
 * table is in use (the data layer's tests, fuzzing, the loading of the tables themselves). The
 * functions here write into a buffer the caller owns and return it; nothing is allocated. */
#ifndef DAT_MSG_H
#define DAT_MSG_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define DAT_SENTINEL __attribute__((sentinel))
#else
#define DAT_SENTINEL
#endif

/* The text of key in the table in use, or english when no table has it (not a copy). */
const char *dat_phrase(const char *key, const char *english);

/* The phrase of key with its arguments (strings, then NULL) written into buf; returns buf. */
char *dat_tr(char *buf, size_t bufsz, const char *key, const char *english, ...) DAT_SENTINEL;
char *dat_vtr(char *buf, size_t bufsz, const char *key, const char *english, va_list ap);

/* Control characters (C0, DEL, and C1 as UTF-8) in s become '?': a message quotes text from a
 * file, which must neither break the message's one line nor reach a terminal as an escape. */
void dat_msg_clean(char *s);

/* Numbers as the arguments of phrases ("%zu", "%.17g"); each returns buf. */
const char *dat_arg_size(char buf[32], size_t v);
const char *dat_arg_double(char buf[40], double v);

#endif
