/* core_name: shorter forms of names and titles (see core_name.h). */
#include "core_name.h"

#include <stdio.h>
#include <string.h>

/* Legal forms, dropped at level 1 (matched as the last word, or as a CJK suffix). */
static const char *const legal[] = {
    "Inc.",    "Inc",  "Incorporated", "Corp.",   "Corp",  "Corporation", "Co.",  "Co",
    "Company", "Ltd.", "Ltd",          "Limited", "LLC",   "L.L.C.",      "plc",  "PLC",
    "AG",      "SE",   "S.A.",         "SA",      "N.V.",  "NV",          "B.V.", "BV",
    "GmbH",    "K.K.", "Holdings",     "Holding", "Group", "&",           "and",  NULL};
static const char *const legal_cjk[] = {"股份有限公司", "有限责任公司", "有限公司", "公司",
                                        "集团",         "控股",         NULL};
/* Generic trade words, dropped at level 2. */
static const char *const trade[] = {"Technologies",
                                    "Technology",
                                    "Communications",
                                    "Communication",
                                    "Networks",
                                    "Network",
                                    "Systems",
                                    "System",
                                    "Solutions",
                                    "Services",
                                    "Service",
                                    "International",
                                    "Telecommunications",
                                    "Telecom",
                                    "Enterprises",
                                    "Industries",
                                    "Partners",
                                    "Fiber",
                                    "Fibre",
                                    "Optical",
                                    "Broadband",
                                    "Information",
                                    "Business",
                                    "Internet",
                                    "Consulting",
                                    "Operations",
                                    "Wireless",
                                    "Fixed",
                                    "Global",
                                    "Labs",
                                    "Software",
                                    "Semiconductor",
                                    "Semiconductors",
                                    "Electronics",
                                    "Devices",
                                    "Platforms",
                                    "Capital",
                                    "Research",
                                    "Digital",
                                    "&",
                                    "and",
                                    NULL};
static const char *const trade_cjk[] = {"科技", "通信", "网络", "系统", "国际", "技术", NULL};
/* Long leading words that say only what kind of company it is ("Telefonaktiebolaget LM
 * Ericsson": telephone company LM Ericsson), dropped at level 1 when a name follows. */
static const char *const leading[] = {"Telefonaktiebolaget", "Aktiebolaget", "Koninklijke", "The",
                                      NULL};

static void copy(char *buf, size_t bufsz, const char *s, size_t n)
{
    if (n >= bufsz)
        n = bufsz - 1;
    /* Never end inside a UTF-8 sequence. */
    while (n > 0 && n < strlen(s) && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

/* Trailing spaces and commas off. */
static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';'))
        s[--n] = '\0';
}

/* Drops "(...)" and "（...）" groups, and the spaces they leave doubled. */
static void drop_parens(char *s)
{
    char *out = s;
    int depth = 0;
    for (const char *p = s; *p;) {
        if (*p == '(' || strncmp(p, "（", 3) == 0) {
            depth++;
            p += *p == '(' ? 1 : 3;
            continue;
        }
        if (depth > 0 && (*p == ')' || strncmp(p, "）", 3) == 0)) {
            depth--;
            p += *p == ')' ? 1 : 3;
            continue;
        }
        if (depth == 0 && !(*p == ' ' && out > s && out[-1] == ' '))
            *out++ = *p;
        p++;
    }
    *out = '\0';
    trim(s);
    while (s[0] == ' ')
        memmove(s, s + 1, strlen(s));
}

/* Drops the last word of s if it is one of words (never the first word), or a CJK suffix of
 * cjk (never the whole text). 1 if it dropped one. */
static int drop_last(char *s, const char *const *words, const char *const *cjk)
{
    trim(s);
    size_t n = strlen(s);
    char *sp = strrchr(s, ' ');
    if (sp && sp > s) {
        for (int k = 0; words[k]; k++)
            if (strcmp(sp + 1, words[k]) == 0) {
                *sp = '\0';
                trim(s);
                return 1;
            }
    }
    for (int k = 0; cjk[k]; k++) {
        size_t m = strlen(cjk[k]);
        if (n > m && strcmp(s + n - m, cjk[k]) == 0) {
            s[n - m] = '\0';
            trim(s);
            return 1;
        }
    }
    return 0;
}

/* Drops the first word of s if it is one of words and another word follows. 1 if it did. */
static int drop_first(char *s, const char *const *words)
{
    char *sp = strchr(s, ' ');
    if (!sp || !sp[1])
        return 0;
    for (int k = 0; words[k]; k++)
        if ((size_t)(sp - s) == strlen(words[k]) && strncmp(s, words[k], (size_t)(sp - s)) == 0) {
            memmove(s, sp + 1, strlen(sp + 1) + 1);
            return 1;
        }
    return 0;
}

/* Drops a first word of initials (one to three capitals, "LM") when another word follows: after
 * a leading word is gone, "LM Ericsson" is Ericsson. 1 if it did. */
static int drop_initials(char *s)
{
    char *sp = strchr(s, ' ');
    size_t n = sp ? (size_t)(sp - s) : 0;
    if (!sp || !sp[1] || n == 0 || n > 3)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < 'A' || s[k] > 'Z')
            return 0;
    memmove(s, sp + 1, strlen(sp + 1) + 1);
    return 1;
}

char *core_name_short(const char *name, int level, char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0)
        return buf;
    if (!name)
        name = "";
    copy(buf, bufsz, name, strlen(name));
    if (level <= 0)
        return buf;
    char tmp[256];
    copy(tmp, sizeof tmp, name, strlen(name));
    drop_parens(tmp);
    while (drop_last(tmp, legal, legal_cjk))
        ;
    int led = 0;
    while (drop_first(tmp, leading))
        led = 1;
    if (level >= 2) {
        while (drop_last(tmp, trade, trade_cjk) || drop_last(tmp, legal, legal_cjk))
            ;
        if (led)
            drop_initials(tmp);
    }
    if (tmp[0])
        copy(buf, bufsz, tmp, strlen(tmp));
    return buf;
}

char *core_title_short(const char *title, int level, char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0)
        return buf;
    if (!title)
        title = "";
    copy(buf, bufsz, title, strlen(title));
    if (level <= 0)
        return buf;
    char tmp[512];
    copy(tmp, sizeof tmp, title, strlen(title));
    drop_parens(tmp);
    if (level >= 2) {
        /* The first clause, if it says something (a dozen bytes or more). */
        static const char *const seps[] = {
            ": ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ", ", "; ", "：", "，", "；",
            "——", NULL};
        size_t cut = strlen(tmp);
        for (int k = 0; seps[k]; k++) {
            const char *p = strstr(tmp, seps[k]);
            while (p && (size_t)(p - tmp) < 12)
                p = strstr(p + 1, seps[k]);
            if (p && (size_t)(p - tmp) < cut)
                cut = (size_t)(p - tmp);
        }
        tmp[cut] = '\0';
        trim(tmp);
    }
    if (tmp[0])
        copy(buf, bufsz, tmp, strlen(tmp));
    return buf;
}
