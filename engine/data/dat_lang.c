/* dat_lang: a language's string tables from its folder (see dat_lang.h). */
#include "dat_lang.h"

#include "core_mem.h"
#include "dat_json.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_BYTES (4u << 20)
#define MAX_KEY        256

static int put(DatReader *r, CoreText *t, const char *key, const cJSON *v)
{
    if (!cJSON_IsString(v)) {
        char got[96];
        dat_describe(v, got, sizeof got);
        return dat_fail(r, NULL, "expected a text (a string), got %s", got);
    }
    if (strlen(v->valuestring) > DAT_LANG_MAX_TEXT)
        return dat_fail(r, NULL, "a text of %zu bytes; at most %d", strlen(v->valuestring),
                        DAT_LANG_MAX_TEXT);
    if (!t)
        return 0;
    int rc = core_text_put(t, key, v->valuestring);
    if (rc < 0)
        return dat_fail(r, NULL, "out of memory");
    if (rc > 0)
        return dat_fail(r, NULL, "this key is given a text already (here or in another file)");
    return 0;
}

/* Key parts are lower-case words: what the code names, so that a typo is caught here. */
static int key_part_ok(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int read_strings(DatReader *r, const cJSON *node, char *key, size_t keylen, CoreText *t,
                        int depth)
{
    if (!cJSON_IsObject(node))
        return put(r, t, key, node);
    if (depth > 8)
        return dat_fail(r, NULL, "keys nest deeper than 8 parts");
    if (dat_object(r, node, "an object of texts", NULL) < 0)
        return -1;
    for (const cJSON *c = node->child; c; c = c->next) {
        size_t mark = dat_enter_key(r, c->string);
        if (!key_part_ok(c->string))
            return dat_fail(r, NULL, "a key part must be lower-case letters, digits, _ or -");
        size_t n = strlen(c->string);
        if (keylen + 1 + n >= MAX_KEY)
            return dat_fail(r, NULL, "key longer than %d bytes", MAX_KEY - 1);
        size_t at = keylen;
        if (keylen)
            key[at++] = '.';
        memcpy(key + at, c->string, n + 1);
        if (read_strings(r, c, key, at + n, t, depth + 1) < 0)
            return -1;
        key[keylen] = '\0';
        dat_leave(r, mark);
    }
    return 0;
}

int dat_lang_read(DatReader *r, const cJSON *node, CoreText *strings, CoreText *content)
{
    static const char *const top[] = {"strings", "content", NULL};
    int rc = dat_object(r, node, "an object with \"strings\" and/or \"content\"", top);
    const cJSON *s = dat_get(node, "strings"), *c = dat_get(node, "content");
    if (rc == 0 && s) {
        size_t mark = dat_enter_key(r, "strings");
        char key[MAX_KEY] = "";
        if (!cJSON_IsObject(s))
            rc = dat_fail(r, NULL, "expected an object of texts");
        else
            rc = read_strings(r, s, key, 0, strings, 0);
        dat_leave(r, mark);
    }
    if (rc == 0 && c) {
        size_t mark = dat_enter_key(r, "content");
        if (!cJSON_IsObject(c) || dat_object(r, c, "an object of translations", NULL) < 0) {
            rc = cJSON_IsObject(c) ? -1 : dat_fail(r, NULL, "expected an object of translations");
        } else {
            for (const cJSON *e = c->child; e && rc == 0; e = e->next) {
                size_t m2 = dat_enter_key(r, e->string);
                if (!*e->string)
                    rc = dat_fail(r, NULL, "an empty English text");
                else
                    rc = put(r, content, e->string, e);
                dat_leave(r, m2);
            }
        }
        dat_leave(r, mark);
    }
    return rc;
}

typedef struct {
    CoreText *strings, *content;
} Tables;

static int read_doc(DatReader *r, const cJSON *root, void *ctx)
{
    Tables *t = ctx;
    return dat_lang_read(r, root, t->strings, t->content);
}

static int read_file(const char *path, CoreText *strings, CoreText *content, char *err,
                     size_t errsz)
{
    Tables t = {strings, content};
    return dat_json_read_file(path, MAX_FILE_BYTES, read_doc, &t, err, errsz);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dat_lang_load(const char *dir, CoreText *strings, CoreText *content, char *err, size_t errsz)
{
    DIR *d = opendir(dir);
    if (!d)
        return core_errf(err, errsz, "%s: cannot open the folder of string tables", dir);
    char *names[DAT_LANG_MAX_FILES];
    int n = 0, rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == DAT_LANG_MAX_FILES) {
            rc = core_errf(err, errsz, "%s: more than %d table files", dir, DAT_LANG_MAX_FILES);
            break;
        }
        if (!(names[n] = core_strndup(e->d_name, len))) {
            rc = core_errf(err, errsz, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0 && n == 0)
        rc = core_errf(err, errsz, "%s: no table files (*.json) in the folder", dir);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    for (int i = 0; i < n && rc == 0; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = read_file(path, strings, content, err, errsz);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    return rc;
}
