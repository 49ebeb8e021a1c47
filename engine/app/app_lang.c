/* app_lang: the language of the program and its tables (see app_lang.h). */
#include "app_lang.h"

#include "core_err.h"
#include "app_run.h"
#include "dat_lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static CoreText *cur_strings, *cur_english, *cur_content;
/* The scenario's own texts in use (app_lang_use_scenario), copies owned here. */
static CoreText *over_strings[CORE_LANG_COUNT], *over_content[CORE_LANG_COUNT];
static int registered;
static int asked; /* --lang was given */

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
        asked = 1;
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

/* The folder of the tables of lang (static storage). */
static const char *app_lang_dir(CoreLang lang)
{
    static char path[4096];
    char rel[16];
    snprintf(rel, sizeof rel, "lang/%s", core_lang_code(lang));
    return app_data_path(rel, path, sizeof path);
}

static void free_overlay(void)
{
    core_tr_overlay(NULL, NULL);
    for (int i = 0; i < CORE_LANG_COUNT; i++) {
        core_text_destroy(over_strings[i]);
        core_text_destroy(over_content[i]);
        over_strings[i] = over_content[i] = NULL;
    }
}

static void free_tables(void)
{
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL);
    if (cur_strings != cur_english)
        core_text_destroy(cur_strings);
    core_text_destroy(cur_english);
    core_text_destroy(cur_content);
    cur_strings = cur_english = cur_content = NULL;
}

/* Frees the tables (at exit). */
static void app_lang_free(void)
{
    free_overlay();
    free_tables();
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
    free_tables();
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

/* A scenario's text for key must be one the engine has (the code asks for it by its key) and
 * take no argument the engine's text does not give. */
static int check_words(const CoreText *t, const char *code, const char *name, char *err,
                       size_t errsz)
{
    for (size_t k = 0; k < core_text_count(t); k++) {
        const char *key = core_text_key(t, k), *text = core_text_find(t, key);
        const char *engine = core_text_find(cur_english, key);
        char path[512];
        snprintf(path, sizeof path, "$.lang.%s.strings.%s", code, key);
        if (!engine) {
            char msg[1024];
            core_trf(msg, sizeof msg, "cli.err.lang_key", name, path, NULL);
            return core_errf(err, errsz, "%s", msg);
        }
        unsigned extra = core_text_args(text) & ~core_text_args(engine);
        if (extra) {
            char msg[1024], arg[16];
            int a = 0;
            while (!(extra & (1u << a)))
                a++;
            snprintf(arg, sizeof arg, "{%d}", a + 1);
            core_trf(msg, sizeof msg, "cli.err.lang_arg", name, path, arg, NULL);
            return core_errf(err, errsz, "%s", msg);
        }
    }
    return 0;
}

int app_lang_use_scenario(const SimScenario *sc, const char *name, char *err, size_t errsz)
{
    CoreText *strings[CORE_LANG_COUNT] = {0}, *content[CORE_LANG_COUNT] = {0};
    int rc = 0;
    for (int i = 0; sc && i < CORE_LANG_COUNT && rc == 0; i++) {
        if (cur_english &&
            check_words(sc->lang_strings[i], core_lang_code((CoreLang)i), name, err, errsz) < 0)
            rc = -1;
        else if ((sc->lang_strings[i] && !(strings[i] = core_text_clone(sc->lang_strings[i]))) ||
                 (sc->lang_content[i] && !(content[i] = core_text_clone(sc->lang_content[i]))))
            rc = core_errf(err, errsz, "out of memory");
    }
    if (rc < 0) {
        for (int i = 0; i < CORE_LANG_COUNT; i++) {
            core_text_destroy(strings[i]);
            core_text_destroy(content[i]);
        }
        return -1;
    }
    free_overlay();
    for (int i = 0; i < CORE_LANG_COUNT; i++) {
        over_strings[i] = strings[i];
        over_content[i] = content[i];
    }
    core_tr_overlay((const CoreText *const *)over_strings, (const CoreText *const *)over_content);
    if (!registered) {
        atexit(app_lang_free);
        registered = 1;
    }
    return 0;
}

int app_lang_was_asked(void)
{
    const char *v = getenv("CLOSEDLOOP_LANG");
    return asked || (v && *v);
}
