/* app_seat: strategies for roles, native or Lua. */
#define _POSIX_C_SOURCE 200809L /* readlink */
#include "app_seat.h"

#include "app_path.h"
#include "core_err.h"
#include "core_text.h"
#include "dat_json.h"
#include "scr_require.h"
#include "sim_native.h"
#include "scr_strategy.h"

#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCRIPT_BYTES (1u << 20)

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Names scripts/lib, the folder beside app_scripts_dir(), to the script layer. */
static void name_lib(void)
{
    char lib[4200];
    snprintf(lib, sizeof lib, "%s/../lib", app_scripts_dir());
    scr_require_set_dir(lib);
}

int app_seat_script(const char *path, const char *text, size_t len, const SimWorld *w, int i,
                    SimStrategy *out, char *err, size_t errsz)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, name_lib);
    return scr_strategy_create(path, text, len, NULL, w->seed, w->sc->actors[i].id, out, err,
                               errsz);
}

const char *app_seat_playbook(const SimScenario *sc, int i, const char *scenario_path, char *buf,
                              size_t bufsz)
{
    const char *book = sc->actors[i].playbook;
    if (!book[0])
        return NULL;
    /* The folder the scenario declares ("playbooks", relative to the scenario file) ... */
    if (sc->playbooks[0]) {
        if (sc->dir[0])
            snprintf(buf, bufsz, "%s/%s/%s", sc->dir, sc->playbooks, book);
        else
            snprintf(buf, bufsz, "%s/%s", sc->playbooks, book);
        return buf;
    }
    /* ... else beside the scenario file, else the scripts folder. */
    if (scenario_path) {
        const char *slash = strrchr(scenario_path, '/');
        int len = slash ? (int)(slash - scenario_path) : 1;
        snprintf(buf, bufsz, "%.*s/%s", len, slash ? scenario_path : ".", book);
        if (is_file(buf))
            return buf;
    }
    if (sc->dir[0]) {
        snprintf(buf, bufsz, "%s/%s", sc->dir, book);
        if (is_file(buf))
            return buf;
    }
    snprintf(buf, bufsz, "%s/%s", app_scripts_dir(), book);
    return buf;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

int app_seat_make(const SimWorld *w, int i, const char *choice, const char *scenario_path,
                  SimStrategy *out, char *err, size_t errsz)
{
    if (sim_strategy_native(choice, out) == 0)
        return 0;
    char path[4096];
    if (strcmp(choice, "playbook") == 0) {
        if (!app_seat_playbook(w->sc, i, scenario_path, path, sizeof path)) {
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
    int rc = app_seat_script(path, text, len, w, i, out, err, errsz);
    free(text);
    return rc;
}

int app_seat_resolve(const SimWorld *w, const AppStrategyChoice *choices, int n,
                     const char *fallback, const char **choice, uint64_t *no_book, char *err,
                     size_t errsz)
{
    if (w->n > 64) {
        core_trf(err, errsz, "seat.too_many", NULL);
        return -1;
    }
    uint64_t named = 0; /* roles whose choice names them */
    for (int i = 0; i < w->n; i++)
        choice[i] = fallback ? fallback : "history";
    for (int k = 0; k < n; k++) {
        const AppStrategyChoice *c = &choices[k];
        if (strcmp(c->role, "all") == 0) {
            for (int i = 0; i < w->n; i++)
                choice[i] = c->strategy;
            named = 0;
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
        named |= (uint64_t)1 << i;
    }
    uint64_t fell = 0;
    char path[4096];
    for (int i = 0; i < w->n; i++) {
        if (strcmp(choice[i], "playbook") != 0 ||
            app_seat_playbook(w->sc, i, NULL, path, sizeof path))
            continue;
        if (named >> i & 1) {
            core_trf(err, errsz, "seat.named_no_playbook", w->sc->actors[i].id, NULL);
            return -1;
        }
        choice[i] = "baseline";
        fell |= (uint64_t)1 << i;
    }
    if (no_book)
        *no_book = fell;
    return 0;
}

void app_seat_note(FILE *to, const SimScenario *sc, uint64_t no_book)
{
    if (!to || !no_book)
        return;
    char roles[2048];
    size_t len = 0;
    int left = 0;
    for (int i = 0; i < sc->n_actors && i < 64; i++)
        left += (int)(no_book >> i & 1);
    roles[0] = '\0';
    for (int i = 0, k = 0; i < sc->n_actors && i < 64 && len < sizeof roles; i++) {
        if (!(no_book >> i & 1))
            continue;
        const char *sep = k == 0          ? ""
                          : k + 1 == left ? core_tr("seat.list_and")
                                          : core_tr("seat.list_sep");
        int m = snprintf(roles + len, sizeof roles - len, "%s%s", sep, sc->actors[i].id);
        len += m > 0 ? (size_t)m : 0;
        k++;
    }
    app_cli_error(to, left > 1 ? "seat.note_many" : "seat.note_one", roles, NULL);
}

int app_seat_world(SimWorld *w, const char *scenario_path, const AppStrategyChoice *choices, int n,
                   const char *fallback, FILE *notes, char *err, size_t errsz)
{
    const char *choice[64];
    uint64_t no_book = 0;
    if (app_seat_resolve(w, choices, n, fallback, choice, &no_book, err, errsz) < 0)
        return -1;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        char why[768];
        if (app_seat_make(w, i, choice[i], scenario_path, &s, why, sizeof why) < 0)
            return core_errf(err, errsz, "%s=%s: %s", w->sc->actors[i].id, choice[i], why);
        sim_world_set_strategy(w, i, s);
    }
    app_seat_note(notes, w->sc, no_book);
    return 0;
}
