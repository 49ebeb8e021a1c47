/* test_lang_tables: the string tables of every language are whole.
 * - English and Chinese load without error;
 * - every key of one table is in the other (a missing key would fall back to English: this test
 *   names each one), and each translation takes the same {1}..{9} arguments as the English;
 * - every text a person reads in the data files (scenario titles, events, reasons, lessons,
 *   names, classroom notes) has a Chinese translation, and the content table holds no
 *   translation of a text that no file has any longer;
 * - the tables in use answer as the game asks: a key, a key missing everywhere (the key itself,
 *   never a blank), money and months in each language's way. */
#define _POSIX_C_SOURCE 200809L
#include "test_lang.h"
#include "test_util.h"

#include "core_text.h"
#include "dat_json.h"
#include "dat_lang.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#define ROOT CL_LANGDIR "/../.."

/* The members of the data files whose strings are read by people. */
static const char *const content_fields[] = {"title",   "description", "lesson",  "name",
                                             "leader",  "text",        "reason",  "answer",
                                             "explain", "question",    "debrief", NULL};

static int is_content_field(const char *k)
{
    for (const char *const *f = content_fields; *f; f++)
        if (k && strcmp(k, *f) == 0)
            return 1;
    return 0;
}

static int missing_content;
static const CoreText *engine_en; /* the engine's English table, for the scenarios' own words */
static CoreText *own_zh;          /* the Chinese a scenario file carries itself (its "lang") */

/* Collects the content strings of a tree into seen (key = text, value = file) and checks each
 * has a translation, in the content tables or in the scenario's own. */
static void walk(const cJSON *node, const char *field, const char *file, const CoreText *zh,
                 CoreText *seen)
{
    if (field && strcmp(field, "lang") == 0)
        return;
    if (cJSON_IsString(node) && is_content_field(field) && node->valuestring[0]) {
        if (!core_text_find(own_zh, node->valuestring))
            core_text_put(seen, node->valuestring, file);
        if (!core_text_find(zh, node->valuestring) && !core_text_find(own_zh, node->valuestring)) {
            if (missing_content++ < 20)
                fprintf(stderr, "%s: %s: no Chinese for \"%.70s\"\n", file, field,
                        node->valuestring);
        }
        return;
    }
    for (const cJSON *c = node->child; c; c = c->next)
        walk(c, cJSON_IsArray(node) ? field : c->string, file, zh, seen);
}

/* A scenario's own words ("lang"): each key one of the engine's, taking no argument the engine's
 * text does not give; the same keys in every language it offers. Its Chinese content is kept in
 * own_zh for walk. */
static void check_own_words(const cJSON *root, const char *file)
{
    const cJSON *lang = dat_get(root, "lang");
    if (!lang)
        return;
    char err[512];
    CoreText *str[2] = {core_text_create(), core_text_create()};
    static const char *const codes[2] = {"en", "zh"};
    for (int l = 0; l < 2; l++) {
        const cJSON *o = dat_get(lang, codes[l]);
        DatReader r;
        dat_reader_init(&r, file, err, sizeof err);
        CHECK_MSG(!o || dat_lang_read(&r, o, str[l], l ? own_zh : NULL) == 0, "%s", err);
    }
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < core_text_count(str[l]); i++) {
            const char *k = core_text_key(str[l], i), *engine = core_text_find(engine_en, k);
            CHECK_MSG(engine != NULL, "%s: $.lang.%s.strings.%s: no such key in the engine", file,
                      codes[l], k);
            CHECK_MSG(!engine ||
                          !(core_text_args(core_text_find(str[l], k)) & ~core_text_args(engine)),
                      "%s: $.lang.%s.strings.%s: an argument the engine does not give", file,
                      codes[l], k);
            CHECK_MSG(core_text_find(str[1 - l], k) != NULL, "%s: $.lang.%s.strings.%s: not in %s",
                      file, codes[l], k, codes[1 - l]);
        }
    }
    core_text_destroy(str[0]);
    core_text_destroy(str[1]);
}

/* Every data file of dir: first the scenarios' own words (their Chinese serves the classroom
 * notes beside them too), then each file's texts. */
static void check_folder(const char *dir, const CoreText *zh, CoreText *seen)
{
    DIR *d = opendir(dir);
    CHECK_MSG(d != NULL, "%s", dir);
    if (!d)
        return;
    cJSON *roots[128];
    char names[128][256];
    int n_roots = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n_roots < 128) {
        size_t n = strlen(e->d_name);
        if (n < 6 || n >= sizeof names[0] || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char path[4096], err[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *text = dat_read_file(path, 1u << 22, &len, err, sizeof err);
        CHECK_MSG(text != NULL, "%s", err);
        cJSON *root = text ? dat_json_parse(text, len, path, err, sizeof err) : NULL;
        free(text);
        CHECK_MSG(root != NULL, "%s", err);
        if (!root)
            continue;
        snprintf(names[n_roots], sizeof names[0], "%s", e->d_name);
        roots[n_roots++] = root;
    }
    closedir(d);
    own_zh = core_text_create();
    for (int i = 0; i < n_roots; i++)
        check_own_words(roots[i], names[i]);
    for (int i = 0; i < n_roots; i++) {
        walk(roots[i], NULL, names[i], zh, seen);
        cJSON_Delete(roots[i]);
    }
    core_text_destroy(own_zh);
    own_zh = NULL;
}

static void check_parity(const CoreText *a, const char *an, const CoreText *b, const char *bn)
{
    int missing = 0;
    for (size_t i = 0; i < core_text_count(a); i++) {
        const char *k = core_text_key(a, i), *tb = core_text_find(b, k);
        if (!tb) {
            missing++;
            fprintf(stderr, "key %s is in the %s table, not in the %s one\n", k, an, bn);
            continue;
        }
        if (core_text_args(core_text_find(a, k)) != core_text_args(tb) &&
            strncmp(k, "money.", 6) != 0)
            CHECK_MSG(0, "key %s: the %s text takes arguments %#x, the %s one %#x", k, an,
                      core_text_args(core_text_find(a, k)), bn, core_text_args(tb));
    }
    CHECK_MSG(missing == 0, "%d keys of the %s table missing from the %s one", missing, an, bn);
}

/* A folder with one table file of the given text must be refused with a message holding want. */
static void check_refused(const char *json, const char *want)
{
    char dir[] = "/tmp/cl_lang_XXXXXX", path[256], err[512] = "";
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/a.json", dir);
    FILE *f = fopen(path, "w");
    fputs(json, f);
    fclose(f);
    CoreText *t = core_text_create(), *c = core_text_create();
    CHECK_MSG(dat_lang_load(dir, t, c, err, sizeof err) < 0, "accepted %s", json);
    CHECK_MSG(strstr(err, want) != NULL && strstr(err, "a.json") != NULL, "%s: got \"%s\"", json,
              err);
    core_text_destroy(t);
    core_text_destroy(c);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    check_refused("{\"strings\": {\"a\": 3}}", "$.strings.a: expected a text");
    check_refused("{\"strings\": {\"a\": \"x\", \"a\": \"y\"}}", "a");
    check_refused("{\"strings\": {\"Feed\": \"x\"}}", "lower-case");
    check_refused("{\"strings\": {\"a\": \"x\"},\n \"extra\": 1}", "extra");
    check_refused("{\"strings\": {\"a\": \"x\"", "a.json:1:");
    check_refused("{\"content\": {\"Hello\": [1]}}", "$.content.Hello: expected a text");
    {
        char dir[] = "/tmp/cl_lang_XXXXXX", err[512] = "";
        CHECK(mkdtemp(dir) != NULL);
        CoreText *t = core_text_create();
        CHECK(dat_lang_load(dir, t, NULL, err, sizeof err) < 0 && strstr(err, "no table files"));
        CHECK(dat_lang_load("/nonexistent/lang", t, NULL, err, sizeof err) < 0 &&
              strstr(err, "/nonexistent/lang"));
        core_text_destroy(t);
        rmdir(dir);
    }

    char err[512];
    CoreText *en = core_text_create(), *zh = core_text_create(), *zhc = core_text_create();
    CHECK_MSG(dat_lang_load(CL_LANGDIR "/en", en, NULL, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(dat_lang_load(CL_LANGDIR "/zh", zh, zhc, err, sizeof err) == 0, "%s", err);
    CHECK(core_text_count(en) > 20);
    check_parity(en, "English", zh, "Chinese");
    check_parity(zh, "Chinese", en, "English");
    for (size_t i = 0; i < core_text_count(en); i++)
        CHECK_MSG(core_text_find(en, core_text_key(en, i))[0] != '\0', "key %s is blank",
                  core_text_key(en, i));
    for (size_t i = 0; i < core_text_count(zh); i++)
        CHECK_MSG(core_text_find(zh, core_text_key(zh, i))[0] != '\0', "key %s is blank in zh",
                  core_text_key(zh, i));

    /* Content: every text of the data files translated, and nothing translated that is gone. */
    CoreText *seen = core_text_create();
    engine_en = en;
    check_folder(ROOT "/assets/scenarios", zhc, seen);
    check_folder(ROOT "/tests/data/telecom", zhc, seen);
    check_folder(ROOT "/assets/classroom", zhc, seen);
    CHECK_MSG(missing_content == 0, "%d texts of the data files have no Chinese", missing_content);
    int stale = 0;
    for (size_t i = 0; i < core_text_count(zhc); i++)
        if (!core_text_find(seen, core_text_key(zhc, i)) && stale++ < 10)
            fprintf(stderr, "content: \"%.70s\" is in no data file\n", core_text_key(zhc, i));
    CHECK_MSG(stale == 0, "%d translations of texts that no data file has", stale);
    core_text_destroy(seen);

    /* The tables in use. */
    char buf[128];
    test_lang_use(CORE_LANG_EN);
    CHECK(strcmp(core_tr("no.such.key"), "no.such.key") == 0);
    CHECK(strcmp(core_tr_money(300.0, CORE_MONEY_SHORT, buf, sizeof buf), "$300B") == 0);
    CHECK(strcmp(core_tr_money(7000.0, CORE_MONEY_FULL, buf, sizeof buf), "$7.00T") == 0);
    CHECK(strcmp(core_tr_money(0.85, CORE_MONEY_SHORT, buf, sizeof buf), "$850M") == 0);
    CHECK(strcmp(core_tr_month(2025 * 12 + 2, buf, sizeof buf), "March 2025") == 0);
    test_lang_use(CORE_LANG_ZH);
    CHECK(strcmp(core_tr_money(300.0, CORE_MONEY_SHORT, buf, sizeof buf), "3000亿美元") == 0);
    CHECK(strcmp(core_tr_money(2.4, CORE_MONEY_FULL, buf, sizeof buf), "24亿美元") == 0);
    CHECK(strcmp(core_tr_money(7000.0, CORE_MONEY_FULL, buf, sizeof buf), "7万亿美元") == 0);
    CHECK(strcmp(core_tr_money(0.01, CORE_MONEY_FULL, buf, sizeof buf), "1000万美元") == 0);
    CHECK(strcmp(core_tr_money(3080.0, CORE_MONEY_FULL, buf, sizeof buf), "3.08万亿美元") == 0);
    CHECK(strcmp(core_tr_money(1200.0, CORE_MONEY_SHORT, buf, sizeof buf), "1.2万亿美元") == 0);
    CHECK(strcmp(core_tr_money(2.0, CORE_MONEY_SHORT, buf, sizeof buf), "20亿美元") == 0);
    CHECK(strcmp(core_tr_money(-0.85, CORE_MONEY_SHORT, buf, sizeof buf), "-8.5亿美元") == 0);
    CHECK(strcmp(core_tr_month(2025 * 12 + 2, buf, sizeof buf), "2025年3月") == 0);
    CHECK(strcmp(core_tr("lang.name"), "简体中文") == 0);
    /* A key only English has falls back to English (checked with a table of our own). */
    CoreText *partial = core_text_create();
    core_text_put(partial, "lang.name", "x");
    core_tr_use(CORE_LANG_ZH, partial, en, NULL);
    CHECK(strcmp(core_tr("month.3"), "March") == 0);
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL);
    core_text_destroy(partial);

    core_text_destroy(en);
    core_text_destroy(zh);
    core_text_destroy(zhc);
    TEST_END();
}
