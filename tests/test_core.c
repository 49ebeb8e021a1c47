/* test_core: the core layer: random streams, calendar months, error text.
 *
 * The generator's first outputs are pinned against an independent reference (splitmix64 and
 * xoshiro256** as published), so a change to the stream, which would change every golden game,
 * shows up here first. The statistical checks use tolerances of many standard errors: at a fixed
 * seed they cannot fail by chance, but a broken generator fails them. */
#include "core_err.h"
#include "core_text.h"
#include "core_month.h"
#include "core_name.h"
#include "core_rng.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * core_rng */

static void test_rng_reference(void)
{
    /* splitmix64 from 0: the published first four outputs. */
    CoreRng r;
    core_rng_seed(&r, 0);
    CHECK(r.s[0] == 0xe220a8397b1dcdafull);
    CHECK(r.s[1] == 0x6e789e6aa1b965f4ull);
    CHECK(r.s[2] == 0x06c45d188009454full);
    CHECK(r.s[3] == 0xf88bb8a8724c81ecull);
    /* xoshiro256** from that state. */
    CHECK(core_rng_next(&r) == 0x99ec5f36cb75f2b4ull);
    CHECK(core_rng_next(&r) == 0xbf6e1f784956452aull);
    CHECK(core_rng_next(&r) == 0x1a5f849d4933e6e0ull);
    core_rng_seed(&r, 42);
    CHECK(core_rng_next(&r) == 0x15780b2e0c2ec716ull);
    CHECK(core_rng_next(&r) == 0x6104d9866d113a7eull);
    /* A named stream: game seed 2025, actor "nvidia". */
    core_rng_seed_named(&r, 2025, "nvidia");
    CHECK(core_rng_next(&r) == 0x404017cdd41dca2dull);
    CHECK(core_rng_next(&r) == 0x347de65e77879e74ull);
    CHECK(core_rng_next(&r) == 0xdd03af41e0b1f883ull);
}

static void test_hash_str(void)
{
    /* FNV-1a 64 test vectors. */
    CHECK(core_hash_str("") == 0xcbf29ce484222325ull);
    CHECK(core_hash_str("a") == 0xaf63dc4c8601ec8cull);
    CHECK(core_hash_str("foobar") == 0x85944171f73967e8ull);
    CHECK(core_hash_str(NULL) == core_hash_str(""));
    CHECK(core_hash_str("nvidia") != core_hash_str("Nvidia"));
}

static void test_rng_streams(void)
{
    CoreRng a, b;
    core_rng_seed(&a, 12345);
    core_rng_seed(&b, 12345);
    int same = 1;
    for (int k = 0; k < 10000; k++)
        if (core_rng_next(&a) != core_rng_next(&b))
            same = 0;
    CHECK_MSG(same, "the same seed must give the same stream");

    /* A copy of the state continues the same stream (a CoreRng is a plain value). */
    CoreRng c = a;
    CHECK(core_rng_next(&a) == core_rng_next(&c));

    /* Different seeds, even adjacent ones, give different streams. */
    for (uint64_t s = 0; s < 64; s++) {
        core_rng_seed(&a, s);
        core_rng_seed(&b, s + 1);
        int equal = 0;
        for (int k = 0; k < 16; k++)
            equal += core_rng_next(&a) == core_rng_next(&b);
        CHECK_MSG(equal == 0, "seeds %llu and %llu share %d of 16 draws", (unsigned long long)s,
                  (unsigned long long)s + 1, equal);
    }

    /* Named streams: a function of (seed, name) only. Seeding or drawing from other names in any
     * order leaves "nvidia"'s stream as it is. */
    CoreRng nv1, nv2, other;
    core_rng_seed_named(&nv1, 7, "nvidia");
    uint64_t first[8];
    for (int k = 0; k < 8; k++)
        first[k] = core_rng_next(&nv1);
    core_rng_seed_named(&other, 7, "oracle");
    for (int k = 0; k < 100; k++)
        core_rng_next(&other);
    core_rng_seed_named(&other, 7, "softbank");
    core_rng_seed_named(&nv2, 7, "nvidia");
    int match = 1;
    for (int k = 0; k < 8; k++)
        match &= core_rng_next(&nv2) == first[k];
    CHECK_MSG(match, "nvidia's stream must not depend on other names");

    /* ... and differs between names, between seeds, and from the unnamed stream. */
    const char *names[] = {"nvidia", "oracle", "softbank", "openai", "nvidia2", "Nvidia", ""};
    int nn = (int)(sizeof names / sizeof names[0]);
    uint64_t v[8];
    for (int i = 0; i < nn; i++) {
        CoreRng r;
        core_rng_seed_named(&r, 7, names[i]);
        v[i] = core_rng_next(&r);
    }
    for (int i = 0; i < nn; i++)
        for (int j = i + 1; j < nn; j++)
            CHECK_MSG(v[i] != v[j], "streams \"%s\" and \"%s\" start alike", names[i], names[j]);
    core_rng_seed_named(&a, 8, "nvidia");
    CHECK(core_rng_next(&a) != first[0]);
    core_rng_seed(&a, 7);
    CHECK(core_rng_next(&a) != first[0]);
}

static void test_rng_uniform(void)
{
    CoreRng r;
    core_rng_seed(&r, 99);
    enum { N = 1000000, B = 10 };
    double lo = 1.0, hi = 0.0, sum = 0.0;
    int bucket[B] = {0};
    int in_range = 1;
    for (int k = 0; k < N; k++) {
        double u = core_rng_uniform(&r);
        if (!(u >= 0.0 && u < 1.0))
            in_range = 0;
        if (u < lo)
            lo = u;
        if (u > hi)
            hi = u;
        sum += u;
        int b = (int)(u * B);
        bucket[b < B ? (b >= 0 ? b : 0) : B - 1]++;
    }
    CHECK_MSG(in_range, "uniform draws must lie in [0, 1)");
    CHECK(lo < 1e-4 && hi > 1.0 - 1e-4);
    /* The mean's standard error is 0.289 / 1000; 0.003 is ten of them. */
    CHECK_NEAR(sum / N, 0.5, 0.003);
    /* Each bucket holds 100000 +- 300; 3000 is ten standard deviations. */
    for (int b = 0; b < B; b++)
        CHECK_MSG(bucket[b] > N / B - 3000 && bucket[b] < N / B + 3000, "bucket %d holds %d", b,
                  bucket[b]);

    /* All 53 bits are used: some draws need the low bits. */
    core_rng_seed(&r, 5);
    int fine = 0;
    for (int k = 0; k < 1000; k++) {
        double u = core_rng_uniform(&r);
        if (u * 0x1.0p32 != floor(u * 0x1.0p32))
            fine++;
    }
    CHECK(fine > 900);
}

static void test_rng_normal(void)
{
    CoreRng r;
    core_rng_seed(&r, 2025);
    enum { N = 100000 };
    double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
    int within1 = 0, finite = 1, pos = 0;
    for (int k = 0; k < N; k++) {
        double x = core_rng_normal(&r);
        if (!isfinite(x))
            finite = 0;
        sum += x;
        sum2 += x * x;
        sum4 += x * x * x * x;
        within1 += fabs(x) < 1.0;
        pos += x > 0.0;
    }
    CHECK_MSG(finite, "normal draws must be finite");
    double mean = sum / N, var = sum2 / N - mean * mean;
    /* Standard errors: mean 0.0032, sd 0.0022, share within 1 sd 0.0015, kurtosis ~0.05. */
    CHECK_NEAR(mean, 0.0, 0.03);
    CHECK_NEAR(sqrt(var), 1.0, 0.02);
    CHECK_NEAR((double)within1 / N, 0.6827, 0.012);
    CHECK_NEAR((double)pos / N, 0.5, 0.015);
    CHECK_NEAR(sum4 / N, 3.0, 0.4);

    /* The state alone determines the stream: no cached spare value. */
    CoreRng a, b;
    core_rng_seed(&a, 11);
    core_rng_normal(&a);
    b = a;
    CHECK(core_rng_normal(&a) == core_rng_normal(&b));
}

/* ---------------------------------------------------------------------------------------------
 * core_month */

static void test_month(void)
{
    int m = -1;
    CHECK(core_month_parse("2024-11", &m) == 0);
    CHECK(m == 2024 * 12 + 10);
    CHECK(core_month_parse("2025-01", &m) == 0);
    CHECK(m == 2025 * 12);
    int a = 0, b = 0;
    core_month_parse("2024-11", &a);
    core_month_parse("2025-01", &b);
    CHECK(b - a == 2);
    CHECK(core_month_parse("1900-01", &m) == 0 && m == 1900 * 12);
    CHECK(core_month_parse("2200-12", &m) == 0 && m == 2200 * 12 + 11);

    const char *bad[] = {"2024-13", "2024-00", "2024-1",   "24-11",   "2024-11x", "",
                         "2024/11", "2024-1a", "1899-12",  "2201-01", " 2024-11", "2024-11 ",
                         "20241-1", "abcd-ef", "2024--11", "-2024-11"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        m = 12345;
        CHECK_MSG(core_month_parse(bad[k], &m) == -1, "\"%s\" must be refused", bad[k]);
        CHECK_MSG(m == 12345, "a refused \"%s\" must leave the output alone", bad[k]);
    }
    CHECK(core_month_parse(NULL, &m) == -1);

    /* Round trip over the whole accepted range. */
    char buf[16];
    int ok = 1;
    for (int month = 1900 * 12; month <= 2200 * 12 + 11; month++) {
        core_month_format(month, buf, sizeof buf);
        int back = -1;
        if (strlen(buf) != 7 || core_month_parse(buf, &back) != 0 || back != month)
            ok = 0;
    }
    CHECK_MSG(ok, "format then parse must give the month back");
    core_month_format(2024 * 12 + 10, buf, sizeof buf);
    CHECK(strcmp(buf, "2024-11") == 0);
    core_month_format(2025 * 12, buf, 8);
    CHECK(strcmp(buf, "2025-01") == 0);

    /* Months in words come from the string tables (core_text). */
    test_lang_use(CORE_LANG_EN);
    core_tr_month(2025 * 12, buf, sizeof buf);
    CHECK(strcmp(buf, "January 2025") == 0);
    core_tr_month(2024 * 12 + 11, buf, sizeof buf);
    CHECK(strcmp(buf, "December 2024") == 0);
    core_tr_month(2033 * 12 + 8, buf, sizeof buf);
    CHECK(strcmp(buf, "September 2033") == 0); /* the longest name fits 16 bytes */
    /* A short buffer truncates and stays terminated. */
    char small[6];
    memset(small, 'z', sizeof small);
    core_tr_month(2025 * 12, small, sizeof small);
    CHECK(strcmp(small, "Janua") == 0);
}

/* ---------------------------------------------------------------------------------------------
 * core_err */

static int fails_with(char *err, size_t errsz, int n)
{
    return core_errf(err, errsz, "deal %d: amount must be above %s", n, "0");
}

static void test_err(void)
{
    char err[64];
    memset(err, 'z', sizeof err);
    CHECK(fails_with(err, sizeof err, 7) == -1);
    CHECK(strcmp(err, "deal 7: amount must be above 0") == 0);

    /* Truncated to the buffer, always terminated. */
    char small[8];
    memset(small, 'z', sizeof small);
    CHECK(fails_with(small, sizeof small, 7) == -1);
    CHECK(strcmp(small, "deal 7:") == 0);

    /* NULL buffer or zero size: still -1, nothing written. */
    CHECK(fails_with(NULL, 0, 1) == -1);
    CHECK(fails_with(NULL, 100, 1) == -1);
    char untouched[4] = {'a', 'b', 'c', '\0'};
    CHECK(fails_with(untouched, 0, 1) == -1);
    CHECK(strcmp(untouched, "abc") == 0);

    /* core_strlcpy */
    char dst[6];
    core_strlcpy(dst, "hello world", sizeof dst);
    CHECK(strcmp(dst, "hello") == 0);
    core_strlcpy(dst, "hi", sizeof dst);
    CHECK(strcmp(dst, "hi") == 0);
    core_strlcpy(dst, "exact", sizeof dst);
    CHECK(strcmp(dst, "exact") == 0);
    core_strlcpy(dst, "", sizeof dst);
    CHECK(dst[0] == '\0');
    core_strlcpy(dst, NULL, sizeof dst);
    CHECK(dst[0] == '\0');
    memcpy(dst, "abcde", 6);
    core_strlcpy(dst, "xyz", 0); /* no room: nothing written */
    CHECK(strcmp(dst, "abcde") == 0);
    core_strlcpy(dst, "xyz", 1);
    CHECK(dst[0] == '\0' && dst[1] == 'b');
}

/* core_text: the table, {k} arguments in any order, bilingual texts, cuts at UTF-8 boundaries. */
static void test_text(void)
{
    CoreText *t = core_text_create();
    char key[32], buf[64];
    for (int i = 0; i < 500; i++) {
        snprintf(key, sizeof key, "k.%d", i);
        snprintf(buf, sizeof buf, "v%d", i);
        CHECK(core_text_put(t, key, buf) == 0);
    }
    CHECK(core_text_put(t, "k.7", "again") == 1);
    CHECK(core_text_count(t) == 500);
    CHECK(strcmp(core_text_find(t, "k.7"), "v7") == 0);
    CHECK(strcmp(core_text_find(t, "k.499"), "v499") == 0);
    CHECK(core_text_find(t, "k.500") == NULL);
    CHECK(strcmp(core_text_key(t, 3), "k.3") == 0);
    const char *args[3] = {"A", "B", "C"};
    CHECK(strcmp(core_text_subst(buf, sizeof buf, "{3}向{1}提出{2}", args, 3), "C向A提出B") == 0);
    CHECK(strcmp(core_text_subst(buf, sizeof buf, "{1} {4} {x}", args, 3), "A {4} {x}") == 0);
    CHECK(core_text_args("{2} and {1}, {2}") == 3u && core_text_args("none {0}") == 0u);
    /* 8 bytes: "ab" and two whole 3-byte characters fit; the third is dropped, not cut. */
    core_text_subst(buf, 9, "ab中文字", args, 0);
    CHECK(strcmp(buf, "ab中文") == 0);
    core_tr_use(CORE_LANG_ZH, t, t, NULL);
    CHECK(strcmp(core_text_pick("Yes\x1f好", buf, sizeof buf), "好") == 0);
    CHECK(strcmp(core_text_pick("Yes\x1f", buf, sizeof buf), "Yes") == 0);
    CHECK(strcmp(core_text_pick("plain", buf, sizeof buf), "plain") == 0);
    CHECK(strcmp(core_tr("k.9"), "v9") == 0 && strcmp(core_tr("nope"), "nope") == 0);
    /* References: a key and its arguments, money ($) and content (#) told by the tables. */
    core_text_put(t, "ref.x", "{2} pays {1}");
    CHECK(strcmp(core_text_pick("\x1eref.x\x1e#Nobody\x1eyou", buf, sizeof buf),
                 "you pays Nobody") == 0);
    CHECK(strcmp(core_text_pick("\x1eref.x\x1e$x\x1e", buf, sizeof buf), " pays $x") == 0);
    CHECK(strcmp(core_text_pick("\x1eno.key", buf, sizeof buf), "no.key") == 0);
    core_tr_use(CORE_LANG_EN, t, t, NULL);
    CHECK(strcmp(core_text_pick("Yes\x1f好", buf, sizeof buf), "Yes") == 0);
    CHECK(strcmp(core_text_pick("\x1f好", buf, sizeof buf), "好") == 0);
    CHECK(core_lang_parse("zh_CN.UTF-8") == CORE_LANG_ZH && core_lang_parse("en") == CORE_LANG_EN);
    CHECK(core_lang_parse("C") == -1 && core_lang_parse("zhx") == -1);
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL);
    core_text_destroy(t);
}

/* Names shortened with intent: the legal form, then the trade words, never to nothing. */
static void test_names(void)
{
    static const struct {
        const char *name, *l1, *l2;
    } cases[] = {
        {"Lucent Technologies Inc.", "Lucent Technologies", "Lucent"},
        {"Qwest Communications International Inc.", "Qwest Communications International", "Qwest"},
        {"Level 3 Communications, Inc.", "Level 3 Communications", "Level 3"},
        {"Viatel Holding (Bermuda) Limited", "Viatel", "Viatel"},
        {"Siemens Information & Communication Networks",
         "Siemens Information & Communication Networks", "Siemens"},
        {"Global Crossing Holdings Ltd.", "Global Crossing", "Global Crossing"},
        /* Shortened with intent, not cut: the leading word that says "telephone company", then
         * the initials it leaves; a finance firm's trade word. */
        {"Telefonaktiebolaget LM Ericsson", "LM Ericsson", "Ericsson"},
        {"Genesis Global Capital", "Genesis Global Capital", "Genesis"},
        {"Three Arrows Capital", "Three Arrows Capital", "Three Arrows"},
        {"Voyager Digital", "Voyager Digital", "Voyager"},
        {"FTX and Alameda Research", "FTX and Alameda Research", "FTX and Alameda"},
        {"Pan-Atlantic Fibre Networks Holdings Ltd.", "Pan-Atlantic Fibre Networks",
         "Pan-Atlantic"},
        {"Koninklijke Philips N.V.", "Philips", "Philips"},
        {"The Walt Disney Company", "Walt Disney", "Walt Disney"},
        /* Initials stay when no leading word went: they are the name. */
        {"JDS Uniphase Corporation", "JDS Uniphase", "JDS Uniphase"},
        {"LG Electronics", "LG Electronics", "LG"},
        {"The", "The", "The"},
        {"Networks Inc.", "Networks", "Networks"},
        {"OpenAI", "OpenAI", "OpenAI"},
        {"华为技术有限公司", "华为技术", "华为"},
        {"中国电信集团", "中国电信", "中国电信"},
        {"", "", ""},
    };
    char buf[128];
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        CHECK_MSG(strcmp(core_name_short(cases[k].name, 0, buf, sizeof buf), cases[k].name) == 0,
                  "%s", buf);
        CHECK_MSG(strcmp(core_name_short(cases[k].name, 1, buf, sizeof buf), cases[k].l1) == 0,
                  "%s -> %s", cases[k].name, buf);
        CHECK_MSG(strcmp(core_name_short(cases[k].name, 2, buf, sizeof buf), cases[k].l2) == 0,
                  "%s -> %s", cases[k].name, buf);
    }
    /* A small buffer cuts at a character, never inside one. */
    char small[8];
    core_name_short("华为技术有限公司", 0, small, sizeof small);
    CHECK_MSG(strcmp(small, "华为") == 0, "%s", small);
    /* Titles: the parentheses, then the first clause that says something. */
    const char *t = "The telecom build-out of 1999 to 2001, its vendors and carriers (20 firms)";
    CHECK(strcmp(core_title_short(t, 0, buf, sizeof buf), t) == 0);
    CHECK_MSG(strcmp(core_title_short(t, 1, buf, sizeof buf),
                     "The telecom build-out of 1999 to 2001, its vendors and carriers") == 0,
              "%s", buf);
    CHECK_MSG(strcmp(core_title_short(t, 2, buf, sizeof buf),
                     "The telecom build-out of 1999 to 2001") == 0,
              "%s", buf);
    CHECK_MSG(strcmp(core_title_short("What if: Nvidia never financed OpenAI", 2, buf, sizeof buf),
                     "What if: Nvidia never financed OpenAI") == 0,
              "%s", buf); /* "What if" is too short a clause to stand alone */
    CHECK_MSG(strcmp(core_title_short("2025年的闭环：谁为谁买单", 2, buf, sizeof buf),
                     "2025年的闭环") == 0,
              "%s", buf);
}

int main(void)
{
    test_names();
    test_text();
    test_rng_reference();
    test_hash_str();
    test_rng_streams();
    test_rng_uniform();
    test_rng_normal();
    test_month();
    test_err();
    TEST_END();
}
