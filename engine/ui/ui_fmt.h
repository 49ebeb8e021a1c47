/* ui_fmt: numbers as a class reads them: money in $B with a unit ("$630B", "$1.2T", "$850M"),
 * percentages with a sign ("+40%"), months on a time axis ("2025-09") and nice axis steps; and
 * the screens' texts from the string tables (ui_tr, ui_trf: core_tr and core_trf that also count
 * the keys that have no text, so that a test can draw every screen in a language and check that
 * no key name showed). Everything writes into a caller buffer and returns it; nothing
 * allocates. */
#ifndef UI_FMT_H
#define UI_FMT_H

#include <stddef.h>

/* $B as "$1.2T", "$630B", "$12.5B", "$850M", "$0"; negative values get a leading minus. */
char *ui_fmt_money(double billions, char *buf, size_t bufsz);
/* A fraction as a signed percentage: 0.4 -> "+40%", -0.052 -> "-5.2%", 0 -> "0%". */
char *ui_fmt_pct(double fraction, char *buf, size_t bufsz);
/* A probability as a percentage without a sign: 0.032 -> "3.2%", 0.41 -> "41%", below 0.1%
 * "<0.1%", 1 -> "100%". */
char *ui_fmt_prob(double p, char *buf, size_t bufsz);
/* An absolute month (year*12 + m-1) as "2025-09". */
char *ui_fmt_month(int month, char *buf, size_t bufsz);
/* core_tr(key), counting a key with no text in any table (the text is then the key itself). */
const char *ui_tr(const char *key);
/* core_trf(buf, bufsz, key, args..., NULL) with the same count. Returns buf. */
char *ui_trf(char *buf, size_t bufsz, const char *key, ...);
/* Keys asked for with no text since the last reset, and the last of them (NULL if none). Read
 * and reset from the thread that draws (the tests'). */
int ui_tr_missing(const char **last);
void ui_tr_missing_reset(void);
/* How many times `key` was asked for (ui_tr, ui_trf) since the last ui_tr_missing_reset: the
 * tests' check that a figure was drawn with the words that say what it measures. */
int ui_tr_asked(const char *key);

/* A "nice" step (1, 2, 2.5 or 5 times a power of ten) near span / target_ticks. */
double ui_nice_step(double span, int target_ticks);

#endif
