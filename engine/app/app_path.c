/* app_path: the folders of the program's files, and the environment variables that move them. */
#define _POSIX_C_SOURCE 200809L /* readlink */
#include "app_path.h"

#include "core_err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CL_DATADIR
#define CL_DATADIR "."
#endif

#define DEFAULT_SCENARIO "closed-loop-2025.json"

/* The value of an environment variable for a path, or NULL when it is unset or empty. */
static const char *env_path(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *app_data_path(const char *rel, char *buf, size_t bufsz)
{
    const char *env = env_path("CLOSEDLOOP_DATA");
    if (env) {
        snprintf(buf, bufsz, "%s/%s", env, rel);
        return buf;
    }
    snprintf(buf, bufsz, "assets/%s", rel);
    if (access(buf, F_OK) == 0)
        return buf;
    snprintf(buf, bufsz, "%s/assets/%s", CL_DATADIR, rel);
    return buf;
}

const char *app_default_scenario(void)
{
    static char path[4096];
    return app_data_path("scenarios/" DEFAULT_SCENARIO, path, sizeof path);
}

const char *app_scripts_dir(void)
{
    static char dir[4096];
    const char *env = env_path("CLOSEDLOOP_SCRIPTS");
    if (env) {
        core_strlcpy(dir, env, sizeof dir);
        return dir;
    }
    /* Beside the binary: an install prefix, or the build folder of a source tree. */
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const near[] = {"../share/closedloop/scripts/strategies",
                                               "../scripts/strategies"};
            for (size_t k = 0; k < sizeof near / sizeof near[0]; k++) {
                snprintf(dir, sizeof dir, "%.3000s/%s", exe, near[k]);
                if (is_dir(dir))
                    return dir;
            }
        }
    }
    snprintf(dir, sizeof dir, "%s/scripts/strategies", CL_DATADIR);
    if (is_dir(dir) || !is_dir("scripts/strategies"))
        return dir;
    return "scripts/strategies";
}

const char *app_saves_dir(void)
{
    const char *env = env_path("CLOSEDLOOP_SAVES");
    return env ? env : "saves";
}

void app_classroom_path(const char *id, char *buf, size_t bufsz)
{
    const char *env = env_path("CLOSEDLOOP_CLASSROOM");
    if (env) {
        snprintf(buf, bufsz, "%s/%s.json", env, id);
        return;
    }
    snprintf(buf, bufsz, "assets/classroom/%s.json", id);
    if (access(buf, R_OK) == 0)
        return;
    snprintf(buf, bufsz, "%s/assets/classroom/%s.json", CL_DATADIR, id);
}
