/* test_app_settings: the window's settings file (app_settings.h). Its place under
 * $XDG_CONFIG_HOME, else ~/.config; a written file read back the same; a missing file read as no
 * settings; a bad file (not JSON, not an object, an unknown key, a value of the wrong type or out
 * of range) read as no settings with a warning naming the file and the JSON path (or line and
 * column), never a failure. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include "app_settings.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A file holding text reads as bad, with a warning naming the file and `where`. */
static void bad(const char *text, const char *where)
{
    char path[512], warn[1200] = "";
    snprintf(path, sizeof path, "%s/bad.json", dir);
    put(path, text);
    AppSettings s;
    memset(&s, 0x55, sizeof s);
    CHECK_MSG(app_settings_read(path, &s, warn, sizeof warn) == -1, "%s read", text);
    CHECK_MSG(strstr(warn, path) && strstr(warn, where), "%s: \"%s\", not %s", text, warn, where);
    CHECK(!s.has_scale && !s.has_fullscreen && !s.has_lang);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    snprintf(dir, sizeof dir, "/tmp/cl_settings.%d", (int)getpid());
    char path[512], warn[1200] = "", cmd[600];

    /* Its place. */
    setenv("XDG_CONFIG_HOME", dir, 1);
    CHECK(app_settings_path(path, sizeof path) == 0);
    CHECK_MSG(strcmp(path + strlen(dir), "/closedloop/settings.json") == 0 &&
                  strncmp(path, dir, strlen(dir)) == 0,
              "%s", path);
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/someone", 1);
    CHECK(app_settings_path(path, sizeof path) == 0 &&
          strcmp(path, "/home/someone/.config/closedloop/settings.json") == 0);
    setenv("XDG_CONFIG_HOME", dir, 1);
    CHECK(app_settings_path(path, sizeof path) == 0);

    /* Missing: no settings, no warning. */
    AppSettings s;
    CHECK(app_settings_read(path, &s, warn, sizeof warn) == 0 && warn[0] == '\0');
    CHECK(!s.has_scale && !s.has_fullscreen && !s.has_lang);

    /* Written (its folders made) and read back. */
    AppSettings w = {1, 1, 1, 1.25, 1, CORE_LANG_ZH};
    CHECK_MSG(app_settings_write(path, &w, warn, sizeof warn) == 0, "%s", warn);
    CHECK(app_settings_read(path, &s, warn, sizeof warn) == 0);
    CHECK(s.has_scale && s.scale == 1.25 && s.has_fullscreen && s.fullscreen == 1 && s.has_lang &&
          s.lang == CORE_LANG_ZH);
    /* A file by hand with one key: the others stay unset. */
    put(path, "{ \"fullscreen\": false }\n");
    CHECK(app_settings_read(path, &s, warn, sizeof warn) == 0);
    CHECK(!s.has_scale && s.has_fullscreen && s.fullscreen == 0 && !s.has_lang);

    /* Bad files. */
    snprintf(path, sizeof path, "%s", dir);
    bad("{\n  \"fullscreen\": tru\n}", ":2:");
    bad("[1, 2]", "$: expected an object");
    bad("{\"interface_scale\": 9}", "$.interface_scale");
    bad("{\"interface_scale\": \"big\"}", "$.interface_scale");
    bad("{\"fullscreen\": 1}", "$.fullscreen");
    bad("{\"language\": \"fr\"}", "$.language");
    bad("{\"language\": \"english\"}", "$.language");
    bad("{\"colour\": \"blue\"}", "$.colour");
    bad("", ":1:");

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    TEST_END();
}
