/* ui_fmt: readable numbers (see ui_fmt.h). */
#include "ui_fmt.h"

#include "core_month.h"
#include "core_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

char *ui_fmt_money(double b, char *buf, size_t bufsz)
{
    return core_tr_money(b, CORE_MONEY_SHORT, buf, bufsz);
}

char *ui_fmt_pct(double f, char *buf, size_t bufsz)
{
    double p = f * 100.0, a = fabs(p);
    if (!isfinite(p))
        snprintf(buf, bufsz, "?");
    else if (a < 0.05)
        snprintf(buf, bufsz, "0%%");
    else if (a < 9.95)
        snprintf(buf, bufsz, "%+.1f%%", p);
    else
        snprintf(buf, bufsz, "%+.0f%%", p);
    return buf;
}

char *ui_fmt_prob(double p, char *buf, size_t bufsz)
{
    double a = p * 100.0;
    if (!isfinite(a))
        snprintf(buf, bufsz, "?");
    else if (a < 0.05)
        snprintf(buf, bufsz, "<0.1%%");
    else if (a < 9.95)
        snprintf(buf, bufsz, "%.1f%%", a);
    else
        snprintf(buf, bufsz, "%.0f%%", a);
    return buf;
}

char *ui_fmt_month(int month, char *buf, size_t bufsz)
{
    core_month_format(month, buf, bufsz);
    return buf;
}

double ui_nice_step(double span, int target)
{
    if (!(span > 0.0) || !isfinite(span) || target < 1)
        return 1.0;
    double raw = span / target, p = pow(10.0, floor(log10(raw))), m = raw / p;
    double nice = m < 1.5 ? 1.0 : m < 2.25 ? 2.0 : m < 3.5 ? 2.5 : m < 7.5 ? 5.0 : 10.0;
    return nice * p;
}

static int tr_missing;
static char tr_last[128]; /* a copy: the key may be a caller's buffer */

/* The keys asked for since the last reset, with their counts: open addressing on a hash of the
 * key, a copy of each (a key longer than the slot is not counted). For the tests, which check
 * that each figure is drawn with the text that says what it measures. */
#define TR_SLOTS 512
static struct {
    char key[64];
    int n;
} tr_asked[TR_SLOTS];

static unsigned tr_hash(const char *key)
{
    unsigned h = 2166136261u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

static int tr_slot(const char *key)
{
    if (strlen(key) >= sizeof tr_asked[0].key)
        return -1;
    unsigned h = tr_hash(key);
    for (unsigned k = 0; k < TR_SLOTS; k++) {
        int i = (int)((h + k) % TR_SLOTS);
        if (!tr_asked[i].key[0] || strcmp(tr_asked[i].key, key) == 0)
            return i;
    }
    return -1;
}

const char *ui_tr(const char *key)
{
    int i = tr_slot(key);
    if (i >= 0) {
        if (!tr_asked[i].key[0])
            memcpy(tr_asked[i].key, key, strlen(key) + 1);
        tr_asked[i].n++;
    }
    const char *s = core_tr(key);
    if (s == key) { /* core_tr gives the key itself when no table has it */
        tr_missing++;
        snprintf(tr_last, sizeof tr_last, "%s", key);
    }
    return s;
}

char *ui_trf(char *buf, size_t bufsz, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    core_text_substv(buf, bufsz, ui_tr(key), ap);
    va_end(ap);
    return buf;
}

int ui_tr_missing(const char **last)
{
    if (last)
        *last = tr_missing ? tr_last : NULL;
    return tr_missing;
}

void ui_tr_missing_reset(void)
{
    tr_missing = 0;
    tr_last[0] = '\0';
    memset(tr_asked, 0, sizeof tr_asked);
}

int ui_tr_asked(const char *key)
{
    int i = tr_slot(key);
    return i >= 0 && tr_asked[i].key[0] ? tr_asked[i].n : 0;
}
