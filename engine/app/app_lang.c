/* app_lang: the language of the program and its tables (see app_lang.h). */
#include "app_lang.h"

#include "core_err.h"
#include "app_run.h"
#include "dat_lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static CoreText *cur_strings, *cur_english, *cur_content;
static int registered;

CoreLang app_lang_from_env(void)
{
    static const char *const vars[] = {"CLOSEDLOOP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v)
            continue;
        /* The first variable set decides, as in POSIX; "C" and "POSIX" mean English. */
        int l = core_lang_parse(v);
        return l < 0 ? CORE_LANG_EN : (CoreLang)l;
    }
    return CORE_LANG_EN;
}

int app_lang_take_flag(int *argc, char **argv, int *lang, char *err, size_t errsz)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *code = NULL;
        if (strcmp(argv[i], "--lang") == 0) {
            if (i + 1 >= *argc)
                return core_errf(err, errsz, "--lang needs a language: en or zh");
            code = argv[++i];
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            code = argv[i] + 7;
        } else {
            argv[out++] = argv[i];
            continue;
        }
        int l = core_lang_parse(code);
        if (l < 0 || strlen(code) != 2)
            return core_errf(err, errsz, "--lang: expected en or zh, got \"%.40s\"", code);
        *lang = l;
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

const char *app_lang_dir(CoreLang lang)
{
    static char path[4096];
    char rel[16];
    snprintf(rel, sizeof rel, "lang/%s", core_lang_code(lang));
    return app_data_path(rel, path, sizeof path);
}

void app_lang_free(void)
{
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL);
    if (cur_strings != cur_english)
        core_text_destroy(cur_strings);
    core_text_destroy(cur_english);
    core_text_destroy(cur_content);
    cur_strings = cur_english = cur_content = NULL;
}

int app_lang_init(CoreLang lang, char *err, size_t errsz)
{
    CoreText *en = core_text_create(), *strings = NULL, *content = NULL;
    if (!en)
        return core_errf(err, errsz, "out of memory");
    if (dat_lang_load(app_lang_dir(CORE_LANG_EN), en, NULL, err, errsz) < 0) {
        core_text_destroy(en);
        return -1;
    }
    strings = en;
    if (lang != CORE_LANG_EN) {
        strings = core_text_create();
        content = core_text_create();
        if (!strings || !content ||
            dat_lang_load(app_lang_dir(lang), strings, content, err, errsz) < 0) {
            if (!strings || !content)
                core_errf(err, errsz, "out of memory");
            core_text_destroy(strings);
            core_text_destroy(content);
            core_text_destroy(en);
            return -1;
        }
    }
    app_lang_free();
    cur_strings = strings;
    cur_english = en;
    cur_content = content;
    core_tr_use(lang, strings, en, content);
    if (!registered) {
        atexit(app_lang_free);
        registered = 1;
    }
    return 0;
}
