/* test_lang: puts the string tables of a language in use for a unit test, as the program does at
 * start (app_lang), read from the source tree (CL_LANGDIR). Tests that check texts call
 * test_lang_use(CORE_LANG_EN) first; the tables are freed at exit. */
#ifndef TEST_LANG_H
#define TEST_LANG_H

#include "core_text.h"
#include "dat_lang.h"

#include <stdio.h>
#include <stdlib.h>

static CoreText *test_lang_tables_[3];

static void test_lang_free_(void)
{
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL);
    for (int i = 0; i < 3; i++) {
        core_text_destroy(test_lang_tables_[i]);
        test_lang_tables_[i] = NULL;
    }
}

static void test_lang_use(CoreLang lang)
{
    static int registered;
    char err[512], dir[4096];
    test_lang_free_();
    CoreText *en = core_text_create(), *strings = core_text_create(), *content = core_text_create();
    snprintf(dir, sizeof dir, "%s/en", CL_LANGDIR);
    if (dat_lang_load(dir, en, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "test_lang: %s\n", err);
        exit(1);
    }
    snprintf(dir, sizeof dir, "%s/%s", CL_LANGDIR, core_lang_code(lang));
    if (lang != CORE_LANG_EN && dat_lang_load(dir, strings, content, err, sizeof err) < 0) {
        fprintf(stderr, "test_lang: %s\n", err);
        exit(1);
    }
#ifdef CL_LANGDIR_EXTRA
    /* A test build's extra texts (tests/kindtest/lang), added to the engine's. */
    snprintf(dir, sizeof dir, "%s/en", CL_LANGDIR_EXTRA);
    if (dat_lang_load(dir, en, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "test_lang: %s\n", err);
        exit(1);
    }
    snprintf(dir, sizeof dir, "%s/%s", CL_LANGDIR_EXTRA, core_lang_code(lang));
    if (lang != CORE_LANG_EN && dat_lang_load(dir, strings, content, err, sizeof err) < 0) {
        fprintf(stderr, "test_lang: %s\n", err);
        exit(1);
    }
#endif
    test_lang_tables_[0] = en;
    test_lang_tables_[1] = strings;
    test_lang_tables_[2] = content;
    core_tr_use(lang, lang == CORE_LANG_EN ? en : strings, en, content);
    if (!registered) {
        atexit(test_lang_free_);
        registered = 1;
    }
}

#endif
