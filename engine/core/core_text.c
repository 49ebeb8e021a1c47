/* core_text: string tables and the words of the language in use (see core_text.h). */
#include "core_text.h"

#include "core_mem.h"
#include "core_value.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the table: an open-addressing hash of keys, and the keys in the order put ---- */

struct CoreText {
    char **keys; /* in order put */
    char **texts;
    size_t n, cap;
    size_t *slots; /* index + 1 into keys, 0 = empty; nslots a power of two */
    size_t nslots;
};

static uint64_t hash_key(const char *key)
{
    return core_fnv1a(CORE_FNV_OFFSET, key, strlen(key));
}

CoreText *core_text_create(void)
{
    return calloc(1, sizeof(CoreText));
}

void core_text_destroy(CoreText *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->keys[i]);
        free(t->texts[i]);
    }
    free(t->keys);
    free(t->texts);
    free(t->slots);
    free(t);
}

static size_t *find_slot(const CoreText *t, const char *key)
{
    if (!t->nslots)
        return NULL;
    size_t mask = t->nslots - 1, s = (size_t)hash_key(key) & mask;
    while (t->slots[s] && strcmp(t->keys[t->slots[s] - 1], key) != 0)
        s = (s + 1) & mask;
    return &t->slots[s];
}

static int grow(CoreText *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    char **k = realloc(t->keys, cap * sizeof *k);
    if (!k)
        return -1;
    t->keys = k;
    char **x = realloc(t->texts, cap * sizeof *x);
    if (!x)
        return -1;
    t->texts = x;
    t->cap = cap;
    /* Slots at twice the capacity keep the table at most half full. */
    size_t nslots = cap * 2, *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    for (size_t i = 0; i < t->n; i++)
        *find_slot(t, t->keys[i]) = i + 1;
    return 0;
}

int core_text_put(CoreText *t, const char *key, const char *text)
{
    if (t->nslots && *find_slot(t, key))
        return 1;
    if (t->n == t->cap && grow(t) < 0)
        return -1;
    char *k = core_strndup(key, strlen(key)), *x = core_strndup(text, strlen(text));
    if (!k || !x) {
        free(k);
        free(x);
        return -1;
    }
    t->keys[t->n] = k;
    t->texts[t->n] = x;
    t->n++;
    *find_slot(t, key) = t->n;
    return 0;
}

const char *core_text_find(const CoreText *t, const char *key)
{
    if (!t || !key)
        return NULL;
    size_t *s = find_slot(t, key);
    return s && *s ? t->texts[*s - 1] : NULL;
}

size_t core_text_count(const CoreText *t)
{
    return t ? t->n : 0;
}

const char *core_text_key(const CoreText *t, size_t i)
{
    return t && i < t->n ? t->keys[i] : NULL;
}

/* ---- languages ---- */

static const char *const lang_codes[CORE_LANG_COUNT] = {"en", "zh"};

const char *core_lang_code(CoreLang lang)
{
    return (unsigned)lang < CORE_LANG_COUNT ? lang_codes[lang] : "en";
}

int core_lang_parse(const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < CORE_LANG_COUNT; i++) {
        size_t n = strlen(lang_codes[i]);
        if (strncmp(code, lang_codes[i], n) == 0 &&
            (code[n] == '\0' || code[n] == '_' || code[n] == '-' || code[n] == '.'))
            return i;
    }
    return -1;
}

CoreText *core_text_clone(const CoreText *t)
{
    CoreText *c = core_text_create();
    for (size_t i = 0; c && t && i < core_text_count(t); i++) {
        const char *k = core_text_key(t, i);
        if (core_text_put(c, k, core_text_find(t, k)) < 0) {
            core_text_destroy(c);
            return NULL;
        }
    }
    return c;
}

/* ---- the tables in use ---- */

static CoreLang use_lang = CORE_LANG_EN;
static const CoreText *use_strings, *use_english, *use_content;
/* The scenario's own texts, by language, over the engine's (core_tr_overlay). */
static const CoreText *over_strings[CORE_LANG_COUNT], *over_content[CORE_LANG_COUNT];

void core_tr_overlay(const CoreText *const strings[CORE_LANG_COUNT],
                     const CoreText *const content[CORE_LANG_COUNT])
{
    for (int i = 0; i < CORE_LANG_COUNT; i++) {
        over_strings[i] = strings ? strings[i] : NULL;
        over_content[i] = content ? content[i] : NULL;
    }
}

void core_tr_use(CoreLang lang, const CoreText *strings, const CoreText *english,
                 const CoreText *content)
{
    use_lang = (unsigned)lang < CORE_LANG_COUNT ? lang : CORE_LANG_EN;
    use_strings = strings;
    use_english = english;
    use_content = content;
}

CoreLang core_tr_lang(void)
{
    return use_lang;
}

/* The text of key in the reader's language (en 0) or in English (en 1). */
static const char *tr_in(int en, const char *key)
{
    /* The scenario's words before the engine's, the reader's language before English. */
    const char *s = en ? NULL : core_text_find(over_strings[use_lang], key);
    if (!s && !en)
        s = core_text_find(use_strings, key);
    if (!s)
        s = core_text_find(over_strings[CORE_LANG_EN], key);
    if (!s)
        s = core_text_find(use_english, key);
    return s ? s : key;
}

static char *money_in(int en, double b, CoreMoneyStyle style, char *buf, size_t bufsz);

const char *core_tr(const char *key)
{
    return tr_in(0, key);
}

char *core_text_subst(char *buf, size_t bufsz, const char *tmpl, const char *const *args, int nargs)
{
    size_t o = 0;
    if (!bufsz)
        return buf;
    for (const char *p = tmpl; *p && o + 1 < bufsz; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && p[1] - '0' <= nargs &&
            args[p[1] - '1']) {
            const char *a = args[p[1] - '1'];
            size_t n = strlen(a);
            if (n > bufsz - 1 - o)
                n = bufsz - 1 - o;
            memcpy(buf + o, a, n);
            o += n;
            p += 2;
        } else {
            buf[o++] = *p;
        }
    }
    /* Never end in the middle of a UTF-8 character: step back over a cut one. */
    if (o + 1 >= bufsz && o > 0) {
        size_t k = o;
        while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)buf[k - 1] & 0x80)) {
            unsigned char lead = (unsigned char)buf[k - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (o - (k - 1) < need)
                o = k - 1;
        }
    }
    buf[o] = '\0';
    return buf;
}

char *core_text_substv(char *buf, size_t bufsz, const char *tmpl, va_list ap)
{
    const char *args[9];
    int n = 0;
    for (const char *a = va_arg(ap, const char *); a && n < 9; a = va_arg(ap, const char *))
        args[n++] = a;
    return core_text_subst(buf, bufsz, tmpl, args, n);
}

char *core_trf(char *buf, size_t bufsz, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    core_text_substv(buf, bufsz, core_tr(key), ap);
    va_end(ap);
    return buf;
}

unsigned core_text_args(const char *tmpl)
{
    unsigned set = 0;
    for (const char *p = tmpl; p && *p; p++)
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
            set |= 1u << (p[1] - '1');
    return set;
}

const char *core_tr_content(const char *english)
{
    if (!english || !*english)
        return english;
    const char *s = core_text_find(over_content[use_lang], english);
    if (!s)
        s = core_text_find(use_content, english);
    return s ? s : english;
}

/* Tells a reference "\x1eKEY\x1eARG..." through the table (see core_text.h). */
static char *tell_ref(int en, const char *text, char *buf, size_t bufsz)
{
    char scratch[512], money[9][48], told[9][256];
    const char *args[9], *fields[10];
    int nf = 0;
    snprintf(scratch, sizeof scratch, "%s", text + 1);
    fields[nf++] = scratch;
    for (char *p = scratch; *p; p++) {
        if (*p == CORE_TEXT_REF) {
            *p = '\0';
            if (nf == 10)
                break;
            fields[nf++] = p + 1;
        }
    }
    for (int i = 1; i < nf; i++) {
        const char *a = fields[i];
        args[i - 1] = a;
        if (a[0] == '$') {
            char *end = NULL;
            double b = strtod(a + 1, &end);
            if (end != a + 1 && !*end)
                args[i - 1] = money_in(en, b, CORE_MONEY_FULL, money[i - 1], sizeof money[i - 1]);
        } else if (a[0] == '#') {
            args[i - 1] = en ? a + 1 : core_tr_content(a + 1);
        } else if (a[0] == '%') {
            /* A table text filled with the arguments before it (a refusal inside "X dropped"). */
            args[i - 1] =
                core_text_subst(told[i - 1], sizeof told[i - 1], tr_in(en, a + 1), args, i - 1);
        }
    }
    return core_text_subst(buf, bufsz, tr_in(en, fields[0]), args, nf - 1);
}

static char *pick_in(int en, const char *text, char *buf, size_t bufsz)
{
    if (!bufsz)
        return buf;
    const char *parts[CORE_LANG_COUNT] = {0};
    size_t lens[CORE_LANG_COUNT] = {0};
    const char *p = text ? text : "";
    if (p[0] == CORE_TEXT_REF)
        return tell_ref(en, p, buf, bufsz);
    if (!strchr(p, CORE_TEXT_SEP)) {
        snprintf(buf, bufsz, "%s", p);
        return buf;
    }
    for (int i = 0; i < CORE_LANG_COUNT && p; i++) {
        const char *end = strchr(p, CORE_TEXT_SEP);
        parts[i] = p;
        lens[i] = end ? (size_t)(end - p) : strlen(p);
        p = end ? end + 1 : NULL;
    }
    int pick = en ? (int)CORE_LANG_EN : (int)use_lang;
    if (!lens[pick])
        for (pick = 0; pick < CORE_LANG_COUNT - 1 && !lens[pick]; pick++)
            ;
    size_t n = lens[pick] < bufsz - 1 ? lens[pick] : bufsz - 1;
    if (parts[pick])
        memcpy(buf, parts[pick], n);
    else
        n = 0;
    buf[n] = '\0';
    return buf;
}

char *core_text_pick(const char *text, char *buf, size_t bufsz)
{
    return pick_in(0, text, buf, bufsz);
}

char *core_text_pick_en(const char *text, char *buf, size_t bufsz)
{
    return pick_in(1, text, buf, bufsz);
}

/* ---- numbers ---- */

/* Formats x with the given decimals, then puts it into the table's unit template. */
static void unit(int en, char *buf, size_t bufsz, const char *sign, const char *key, int decimals,
                 double x)
{
    char num[48];
    size_t n = strlen(sign) < bufsz ? strlen(sign) : 0;
    snprintf(num, sizeof num, "%.*f", decimals, x);
    /* Chinese writes 7万亿 and 1.2万亿, not 7.00万亿: trailing zeros of the decimals go. */
    if (decimals > 0 && strcmp(tr_in(en, "money.system"), "myriad") == 0) {
        size_t len = strlen(num);
        while (len > 0 && num[len - 1] == '0')
            num[--len] = '\0';
        if (len > 0 && num[len - 1] == '.')
            num[--len] = '\0';
    }
    const char *args[1] = {num};
    /* The sign goes before the whole amount: "-$40B", "-400亿美元". */
    memcpy(buf, sign, n);
    core_text_subst(buf + n, bufsz - n, tr_in(en, key), args, 1);
}

char *core_tr_money(double b, CoreMoneyStyle style, char *buf, size_t bufsz)
{
    return money_in(0, b, style, buf, bufsz);
}

static char *money_in(int en, double b, CoreMoneyStyle style, char *buf, size_t bufsz)
{
    const char *sign = b < 0 ? "-" : "";
    double a = fabs(b);
    if (!isfinite(b)) {
        snprintf(buf, bufsz, "?");
        return buf;
    }
    int myriad = strcmp(tr_in(en, "money.system"), "myriad") == 0;
    if (myriad) {
        /* 万亿 = 10^12, 亿 = 10^8, 万 = 10^4 dollars; a billion is 10 亿. */
        double yi = a * 10.0;
        if (a >= 999.5)
            unit(en, buf, bufsz, sign, "money.big",
                 a >= 9995.0 ? 1 : 2 - (style == CORE_MONEY_SHORT), a / 1000.0);
        else if (yi >= 9.95)
            unit(en, buf, bufsz, sign, "money.mid", 0, yi);
        else if (yi >= 0.995)
            unit(en, buf, bufsz, sign, "money.mid", 1, yi);
        else if (a >= 0.0005 || (style == CORE_MONEY_FULL && a > 0))
            unit(en, buf, bufsz, sign, "money.small", 0, a * 1e5);
        else
            unit(en, buf, bufsz, "", "money.zero", 0, 0.0);
        return buf;
    }
    if (a >= 999.5) {
        int d = style == CORE_MONEY_FULL ? 2 : a >= 9995.0 ? 0 : 1;
        unit(en, buf, bufsz, sign, "money.big", d, a / 1000.0);
    } else if (a >= 9.95) {
        unit(en, buf, bufsz, sign, "money.mid", 0, a);
    } else if (a >= 0.995) {
        unit(en, buf, bufsz, sign, "money.mid", 1, a);
    } else if (a >= 0.0005 || style == CORE_MONEY_FULL) {
        unit(en, buf, bufsz, sign, "money.small", 0, a * 1000.0);
    } else {
        unit(en, buf, bufsz, "", "money.zero", 0, 0.0);
    }
    return buf;
}

char *core_tr_month(int month, char *buf, size_t bufsz)
{
    char key[16], year[16];
    snprintf(key, sizeof key, "month.%d", month % 12 + 1);
    snprintf(year, sizeof year, "%d", month / 12);
    const char *args[2] = {core_tr(key), year};
    core_text_subst(buf, bufsz, core_tr("month.long"), args, 2);
    return buf;
}

const char *core_ordinal_key(int n)
{
    if (n % 100 >= 11 && n % 100 <= 13)
        return "story.verdict.ordinal.th";
    switch (n % 10) {
    case 1:
        return "story.verdict.ordinal.st";
    case 2:
        return "story.verdict.ordinal.nd";
    case 3:
        return "story.verdict.ordinal.rd";
    default:
        return "story.verdict.ordinal.th";
    }
}

/* Optimal string alignment distance of a[0..la) and b[0..lb), both at most 64 bytes. */
static int edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = a[i - 1] >= 'A' && a[i - 1] <= 'Z' ? a[i - 1] + 32 : a[i - 1];
            int cb = b[j - 1] >= 'A' && b[j - 1] <= 'Z' ? b[j - 1] + 32 : b[j - 1];
            int best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

int core_nearest(const char *word, size_t len, const char *const *cands, int n)
{
    if (!word || len == 0 || len > 64)
        return -1;
    int best = -1, best_d = 1 << 30;
    for (int k = 0; k < n; k++) {
        size_t lc = strlen(cands[k]);
        if (lc > 64)
            continue;
        int dist = edit_distance(word, len, cands[k], lc);
        size_t longer = lc > len ? lc : len;
        int room = (int)(longer / 3);
        if (room < 1)
            room = 1;
        if (room > 3)
            room = 3;
        if (dist <= room && dist < best_d) {
            best = k;
            best_d = dist;
        }
    }
    return best;
}
