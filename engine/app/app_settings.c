/* app_settings: the window's choices kept between runs (see app_settings.h). */
#include "app_settings.h"

#include "core_err.h"
#include "core_text.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SCALE_MIN 0.5 /* as said in cli.warn.settings_scale */
#define SCALE_MAX 4.0
#define FILE_MAX  65536

int app_settings_path(char *buf, size_t bufsz)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, bufsz, "%s/closedloop/settings.json", xdg);
    else if (home && *home)
        n = snprintf(buf, bufsz, "%s/.config/closedloop/settings.json", home);
    else
        return -1;
    return n > 0 && (size_t)n < bufsz ? 0 : -1;
}

/* A message of the string tables into buf; returns -1. */
#define tr(buf, bufsz, ...) (core_trf(buf, bufsz, __VA_ARGS__), -1)

/* The file's text (NUL-ended, the caller frees), NULL with errno when it cannot be read. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = malloc(FILE_MAX + 1);
    size_t n = text ? fread(text, 1, FILE_MAX + 1, f) : 0;
    int bad = !text || ferror(f) || n > FILE_MAX;
    fclose(f);
    if (bad) {
        free(text);
        errno = EFBIG;
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* Checks one key of the object into s; 0, or -1 with warn. */
static int take(const cJSON *it, AppSettings *s, const char *path, char *warn, size_t warnsz)
{
    const char *k = it->string;
    if (strcmp(k, "interface_scale") == 0) {
        if (!cJSON_IsNumber(it) || it->valuedouble < SCALE_MIN || it->valuedouble > SCALE_MAX)
            return tr(warn, warnsz, "cli.warn.settings_scale", path, "0.5", "4", NULL);
        s->scale = it->valuedouble;
        s->has_scale = 1;
    } else if (strcmp(k, "fullscreen") == 0) {
        if (!cJSON_IsBool(it))
            return tr(warn, warnsz, "cli.warn.settings_fullscreen", path, NULL);
        s->fullscreen = cJSON_IsTrue(it);
        s->has_fullscreen = 1;
    } else if (strcmp(k, "language") == 0) {
        int l = cJSON_IsString(it) ? core_lang_parse(it->valuestring) : -1;
        if (l < 0 || strlen(it->valuestring) != 2)
            return tr(warn, warnsz, "cli.warn.settings_language", path, NULL);
        s->lang = l;
        s->has_lang = 1;
    } else {
        return tr(warn, warnsz, "cli.warn.settings_unknown", path, k, NULL);
    }
    return 0;
}

int app_settings_read(const char *path, AppSettings *s, char *warn, size_t warnsz)
{
    memset(s, 0, sizeof *s);
    char *text = slurp(path);
    if (!text)
        return errno == ENOENT ? 0 : core_errf(warn, warnsz, "%s: %s", path, strerror(errno));
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    int rc = 0;
    if (!root) {
        /* The line and column of the first thing the parser could not read. */
        int line = 1, col = 1;
        for (const char *p = text; end && p < end && *p; p++, col++)
            if (*p == '\n')
                line++, col = 0;
        char l[16], c[16];
        snprintf(l, sizeof l, "%d", line);
        snprintf(c, sizeof c, "%d", col);
        rc = tr(warn, warnsz, "cli.warn.settings_json", path, l, c, NULL);
    } else if (!cJSON_IsObject(root)) {
        rc = tr(warn, warnsz, "cli.warn.settings_object", path, NULL);
    } else {
        for (const cJSON *it = root->child; it && rc == 0; it = it->next)
            rc = take(it, s, path, warn, warnsz);
    }
    cJSON_Delete(root);
    free(text);
    if (rc < 0)
        memset(s, 0, sizeof *s);
    return rc;
}

/* Makes the folders of path (not its last part), as mkdir -p. */
static int make_dirs(const char *path, char *err, size_t errsz)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0755) < 0 && errno != EEXIST)
            return core_errf(err, errsz, "%s: %s", dir, strerror(errno));
        *p = '/';
    }
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return core_errf(err, errsz, "%s: %s", dir, strerror(errno));
    return 0;
}

int app_settings_write(const char *path, const AppSettings *s, char *err, size_t errsz)
{
    if (make_dirs(path, err, errsz) < 0)
        return -1;
    cJSON *root = cJSON_CreateObject();
    if (root && s->has_scale)
        cJSON_AddNumberToObject(root, "interface_scale", s->scale);
    if (root && s->has_fullscreen)
        cJSON_AddBoolToObject(root, "fullscreen", s->fullscreen != 0);
    if (root && s->has_lang)
        cJSON_AddStringToObject(root, "language", core_lang_code((CoreLang)s->lang));
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return core_errf(err, errsz, "%s: out of memory", path);
    /* Written beside it, then renamed: a run stopped half-way leaves the old file whole. */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    ok = f && fclose(f) == 0 && ok;
    free(text);
    if (!ok || rename(tmp, path) < 0) {
        int e = errno;
        remove(tmp);
        return core_errf(err, errsz, "%s: %s", path, strerror(e));
    }
    return 0;
}
