/* dat_msg: the loaders' messages in the language in use (see dat_msg.h). */
#include "dat_msg.h"

#include "core_text.h"

#include <stdio.h>

/* The generic phrases of the data layer's messages ("expected a finite number >= 0, got string")
 * are "err." keys of the string tables (assets/lang/<code>/cli.json), with {1}-style arguments;
 * the file name, the JSON path and LINE:COL before them are the same in every language. The
 * English is given beside each key, used when no table is in use (the data layer's own tests, the
 * fuzzers, the loading of the tables themselves); it is the same text as in the English table
 * (test_app_save checks that the messages are the same bytes with and without the tables). */

const char *dat_phrase(const char *key, const char *english)
{
    const char *s = core_tr(key);
    return s == key ? english : s; /* core_tr gives the key itself when no table has it */
}

char *dat_vtr(char *buf, size_t bufsz, const char *key, const char *english, va_list ap)
{
    return core_text_substv(buf, bufsz, dat_phrase(key, english), ap);
}

char *dat_tr(char *buf, size_t bufsz, const char *key, const char *english, ...)
{
    va_list ap;
    va_start(ap, english);
    dat_vtr(buf, bufsz, key, english, ap);
    va_end(ap);
    return buf;
}

/* Control characters (C0, DEL, and C1 as UTF-8) in s become '?': a message quotes text from the
 * file, which must neither break the message's one line nor reach a terminal as an escape. */
void dat_msg_clean(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            *p = '?';
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) {
            p[0] = '?';
            p[1] = '?';
            p++;
        }
    }
}

/* Describes what stands at byte `at`, for "found ..." in hints. */

const char *dat_arg_size(char buf[32], size_t v)
{
    snprintf(buf, 32, "%zu", v);
    return buf;
}

const char *dat_arg_double(char buf[40], double v)
{
    snprintf(buf, 40, "%.17g", v);
    return buf;
}
