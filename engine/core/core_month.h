/* core_month: calendar months as integers.
 *
 * A month is year*12 + (month-1), so that "2025-01" minus "2024-11" is 2 turns. Parsing is strict
 * ("YYYY-MM", month 01-12, year 1900-2200); formatting writes into a caller buffer. */
#ifndef CORE_MONTH_H
#define CORE_MONTH_H

#include <stddef.h>

/* Parses "YYYY-MM"; returns 0 and sets *out, or -1 if the text is not such a month. */
int core_month_parse(const char *s, int *out);

/* Writes "YYYY-MM" (buf needs 8 bytes). */
void core_month_format(int month, char *buf, size_t bufsz);

/* Months in words, in the reader's language: core_tr_month (core_text.h). */

#endif
