/* core_month: "YYYY-MM" <-> month index. */
#include "core_month.h"

#include <stdio.h>

int core_month_parse(const char *s, int *out)
{
    if (!s)
        return -1;
    for (int i = 0; i < 7; i++) {
        if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    }
    if (s[7] != '\0')
        return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (y < 1900 || y > 2200 || m < 1 || m > 12)
        return -1;
    *out = y * 12 + (m - 1);
    return 0;
}

void core_month_format(int month, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%04d-%02d", month / 12, month % 12 + 1);
}
