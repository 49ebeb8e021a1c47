/* app_seat: strategies for roles, native or Lua. */
#include "app_seat.h"

#include "core_err.h"
#include "core_text.h"
#include "dat_json.h"
#include "scr_strategy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CL_DATADIR
#define CL_DATADIR "."
#endif

#define MAX_SCRIPT_BYTES (1u << 20)

static int is_dir_with(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

const char *app_scripts_dir(void)
{
    static char dir[4096];
    const char *env = getenv("CLOSEDLOOP_SCRIPTS");
    if (env && *env) {
        core_strlcpy(dir, env, sizeof dir);
        return dir;
    }
    if (is_dir_with("scripts/strategies", "openai_orchestrate.lua"))
        return "scripts/strategies";
    snprintf(dir, sizeof dir, "%s/scripts/strategies", CL_DATADIR);
    return dir;
}

const char *app_seat_playbook_path(const SimScenario *sc, int i, char *buf, size_t bufsz)
{
    const char *book = sc->actors[i].playbook;
    if (!book[0])
        return NULL;
    if (!sc->playbooks[0])
        snprintf(buf, bufsz, "%s/%s", app_scripts_dir(), book);
    else if (sc->dir[0])
        snprintf(buf, bufsz, "%s/%s/%s", sc->dir, sc->playbooks, book);
    else
        snprintf(buf, bufsz, "%s/%s", sc->playbooks, book);
    return buf;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

int app_seat_make(const SimWorld *w, int i, const char *choice, SimStrategy *out, char *err,
                  size_t errsz)
{
    if (sim_strategy_native(choice, out) == 0)
        return 0;
    char path[4096];
    if (strcmp(choice, "playbook") == 0) {
        if (!app_seat_playbook_path(w->sc, i, path, sizeof path)) {
            core_trf(err, errsz, "seat.no_playbook", w->sc->actors[i].id, NULL);
            return -1;
        }
    } else if (ends_with(choice, ".lua")) {
        core_strlcpy(path, choice, sizeof path);
    } else {
        core_trf(err, errsz, "seat.unknown", choice, NULL);
        return -1;
    }
    size_t len = 0;
    char *text = dat_read_file(path, MAX_SCRIPT_BYTES, &len, err, errsz);
    if (!text)
        return -1;
    int rc =
        scr_strategy_create(path, text, len, NULL, w->seed, w->sc->actors[i].id, out, err, errsz);
    free(text);
    return rc;
}

int app_seat_resolve(const SimWorld *w, const AppStrategyChoice *choices, int n,
                     const char *fallback, const char **choice, char *err, size_t errsz)
{
    if (w->n > 64) {
        core_trf(err, errsz, "seat.too_many", NULL);
        return -1;
    }
    for (int i = 0; i < w->n; i++)
        choice[i] = fallback ? fallback : "history";
    for (int k = 0; k < n; k++) {
        const AppStrategyChoice *c = &choices[k];
        if (strcmp(c->role, "all") == 0) {
            for (int i = 0; i < w->n; i++)
                choice[i] = c->strategy;
            continue;
        }
        int i = sim_scenario_find_actor(w->sc, c->role);
        if (i < 0) {
            char roles[2048];
            int len = 0;
            roles[0] = '\0';
            for (int j = 0; j < w->n && len >= 0 && (size_t)len < sizeof roles; j++)
                len += snprintf(roles + len, sizeof roles - (size_t)len, "%s%s",
                                core_tr(j + 1 == w->n ? "seat.list_or" : "seat.list_sep"),
                                w->sc->actors[j].id);
            if (err && errsz > 0)
                core_trf(err, errsz, "seat.no_role", c->role, c->strategy, roles, NULL);
            return -1;
        }
        choice[i] = c->strategy;
    }
    return 0;
}

int app_seat_world(SimWorld *w, const AppStrategyChoice *choices, int n, const char *fallback,
                   char *err, size_t errsz)
{
    const char *choice[64];
    if (app_seat_resolve(w, choices, n, fallback, choice, err, errsz) < 0)
        return -1;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        char why[768];
        if (app_seat_make(w, i, choice[i], &s, why, sizeof why) < 0)
            return core_errf(err, errsz, "%s=%s: %s", w->sc->actors[i].id, choice[i], why);
        sim_world_set_strategy(w, i, s);
    }
    return 0;
}
