/* core_break: line breaks and UTF-8 (see core_break.h). */
#include "core_break.h"

/* The next character of UTF-8 text at s and its length in bytes (*len >= 1); a malformed byte is
 * taken as U+FFFD on its own. */
uint32_t core_utf8_next(const char *s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c = p[0];
    int n = c < 0x80 ? 0 : c < 0xC2 ? -1 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF5 ? 3 : -1;
    if (n < 0) {
        *len = 1;
        return 0xFFFD;
    }
    c = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    for (int k = 1; k <= n; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        c = (c << 6) | (p[k] & 0x3F);
    }
    *len = (size_t)n + 1;
    return c;
}

/* Han, kana, CJK punctuation and full-width forms: a line may break between two of them. */
int core_is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

/* Punctuation that must not begin a line. */
static int is_closing(uint32_t c)
{
    static const uint32_t cl[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,
                                  0xFF09, 0xFF3D, 0xFF5D, 0x300D, 0x300F, 0x3009, 0x300B, 0x3011,
                                  0x3015, 0x3017, 0x3019, 0x301B, 0x201D, 0x2019, 0x2026, 0x00B7,
                                  0x30FB, 0x30FC, 0xFF05, 0x2030, 0xFF5E, 0x301C};
    if (c < 0x80)
        return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
               c == ']' || c == '}' || c == '%';
    for (size_t k = 0; k < sizeof cl / sizeof *cl; k++)
        if (cl[k] == c)
            return 1;
    return 0;
}

/* Punctuation that must not end a line. The middle dot of names ("萨姆·奥尔特曼") is both. */
static int is_opening(uint32_t c)
{
    static const uint32_t op[] = {0xFF08, 0xFF3B, 0xFF5B, 0x300C, 0x300E, 0x3008, 0x300A, 0x3010,
                                  0x3014, 0x3016, 0x3018, 0x301A, 0x201C, 0x2018, 0x00B7, 0x30FB};
    if (c < 0x80)
        return c == '(' || c == '[' || c == '{' || c == '$';
    for (size_t k = 0; k < sizeof op / sizeof *op; k++)
        if (op[k] == c)
            return 1;
    return 0;
}

static int is_money_unit(uint32_t c)
{
    return c == 0x4E07 || c == 0x4EBF || c == 0x7F8E || c == 0x5143; /* 万 亿 美 元 */
}

/* Whether a line may end before p[k] (0 < k < strlen(p)): at a space as always, and between two
 * characters of which one is CJK, unless punctuation forbids it. Latin words stay whole. */
int core_can_break(const char *p, size_t k)
{
    unsigned char b0 = (unsigned char)p[k], a0 = (unsigned char)p[k - 1];
    if (b0 == ' ')
        return 1;
    if ((b0 & 0xC0) == 0x80 || (b0 < 0x80 && a0 < 0x80) || a0 == ' ')
        return 0; /* inside a character, or between two ASCII ones */
    size_t s = k - 1, len;
    while (s > 0 && ((unsigned char)p[s] & 0xC0) == 0x80)
        s--;
    uint32_t a = core_utf8_next(p + s, &len), b = core_utf8_next(p + k, &len);
    if (is_closing(b) || is_opening(a))
        return 0;
    /* Amounts stay whole: "585亿美元" and "2025年" break neither after the number nor inside
     * the unit (万, 亿, 美, 元). */
    if (((a >= '0' && a <= '9') || a == '.') && core_is_cjk(b))
        return 0;
    if (is_money_unit(a) && is_money_unit(b))
        return 0;
    return core_is_cjk(a) || core_is_cjk(b);
}
