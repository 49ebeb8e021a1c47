/* ui_fmt: readable numbers (see ui_fmt.h). */
#include "ui_fmt.h"

#include "core_month.h"
#include "core_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

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

const char *ui_tr(const char *key)
{
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
}
