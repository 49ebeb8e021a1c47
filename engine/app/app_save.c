/* app_save: games in hand, saves, loads and autosaves. */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"

#include "app_path.h"
#include "app_lang.h"
#include "app_cli.h"
#include "app_run.h"
#include "app_seat.h"
#include "core_err.h"
#include "core_mem.h"
#include "dat_save.h"
#include "dat_scenario.h"
#include "scr_strategy.h"
#include "sim_lever.h"
#include "sim_native.h"
#include "sim_turn.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CL_VERSION
#define CL_VERSION "0"
#endif

static AppGame *game_alloc(SimWorld *w, const char *path, char *text, size_t len)
{
    AppGame *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->choice = calloc((size_t)w->n, sizeof *g->choice);
    if (!g->choice) {
        free(g);
        return NULL;
    }
    g->world = w;
    core_strlcpy(g->scenario_path, path, sizeof g->scenario_path);
    g->scenario_text = text;
    g->scenario_len = len;
    return g;
}

void app_game_free(AppGame *g)
{
    if (!g)
        return;
    sim_world_destroy(g->world);
    free(g->scenario_text);
    free(g->choice);
    free(g->room);
    free(g);
}

AppGame *app_game_new(const AppGameSpec *spec, int *status, char *err, size_t errsz)
{
    const char *path = spec->scenario ? spec->scenario : app_default_scenario();
    size_t len;
    *status = 2;
    char *text = dat_read_file(path, DAT_SCENARIO_MAX_BYTES, &len, err, errsz);
    if (!text)
        return NULL;
    SimScenario *sc = dat_scenario_parse(text, len, path, err, errsz);
    if (!sc) {
        free(text);
        return NULL;
    }
    dat_scenario_set_dir(sc, path);
    if (app_lang_use_scenario(sc, path, err, errsz) < 0) {
        sim_scenario_free(sc);
        free(text);
        return NULL;
    }
    if (sc->n_actors > 64) {
        app_cli_fail(err, errsz, "run.err.too_many_actors", path, "64", NULL);
        sim_scenario_free(sc);
        free(text);
        return NULL;
    }
    SimWorld *w = sim_world_create(sc, spec->has_seed ? spec->seed : sc->default_seed, err, errsz);
    sim_scenario_free(sc);
    AppGame *g = w ? game_alloc(w, path, text, len) : NULL;
    if (!g) {
        if (w)
            app_cli_fail(err, errsz, "cli.err.oom", NULL);
        sim_world_destroy(w);
        free(text);
        *status = 1;
        return NULL;
    }
    w->check_books = spec->check_books;
    const char *choice[64];
    uint64_t no_book = 0;
    if (app_seat_resolve(w, spec->choices, spec->n_choices, spec->fallback, choice, &no_book, err,
                         errsz) < 0) {
        app_game_free(g);
        return NULL;
    }
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        char why[768];
        core_strlcpy(g->choice[i], choice[i], sizeof g->choice[i]);
        if (app_seat_make(w, i, choice[i], path, &s, why, sizeof why) < 0) {
            core_errf(err, errsz, "%s=%s: %s", w->sc->actors[i].id, choice[i], why);
            app_game_free(g);
            return NULL;
        }
        sim_world_set_strategy(w, i, s);
    }
    app_seat_note(spec->notes, w->sc, no_book);
    if (sim_turn_start(w, err, errsz) < 0) {
        app_game_free(g);
        *status = 1;
        return NULL;
    }
    *status = 0;
    return g;
}

/* ---------------------------------------------------------------------------------------------
 * Saving */

static void now_utc(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        core_strlcpy(buf, "", n);
}

/* Fills a DatSave that borrows g's world (the caller frees it with dat_save_free). */
static int gather(const AppGame *g, DatSave *s, char *err, size_t errsz)
{
    const SimWorld *w = g->world;
    memset(s, 0, sizeof *s);
    core_strlcpy(s->program, "closedloop " CL_VERSION, sizeof s->program);
    now_utc(s->saved_at, sizeof s->saved_at);
    core_strlcpy(s->scenario_path, g->scenario_path, sizeof s->scenario_path);
    s->scenario_text = core_strndup(g->scenario_text, g->scenario_len);
    s->seats = calloc((size_t)w->n, sizeof *s->seats);
    s->scripts = calloc((size_t)w->n, sizeof *s->scripts);
    s->world = (SimWorld *)w;
    s->owns_world = 0;
    if (!s->scenario_text || !s->seats || !s->scripts)
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    s->scenario_len = g->scenario_len;
    s->scenario_hash = core_fnv1a(CORE_FNV_OFFSET, g->scenario_text, g->scenario_len);
    if (g->room) {
        s->has_room = 1;
        s->room = *g->room;
    }
    for (int i = 0; i < w->n; i++) {
        const SimStrategy *st = &w->actors[i].strategy;
        DatSeat *seat = &s->seats[i];
        core_strlcpy(seat->role, w->sc->actors[i].id, sizeof seat->role);
        core_strlcpy(seat->choice, g->choice[i], sizeof seat->choice);
        if (scr_strategy_is_lua(st)) {
            size_t len;
            const char *text = scr_strategy_source(st, &len);
            uint64_t hash = core_fnv1a(CORE_FNV_OFFSET, text, len);
            int k = 0;
            while (k < s->n_scripts &&
                   !(s->scripts[k].hash == hash && strcmp(s->scripts[k].path, st->name) == 0))
                k++;
            if (k == s->n_scripts) {
                DatScript *ds = &s->scripts[k];
                ds->path = strdup(st->name);
                ds->text = core_strndup(text, len);
                if (!ds->path || !ds->text) {
                    free(ds->path);
                    free(ds->text);
                    ds->path = ds->text = NULL;
                    return app_cli_fail(err, errsz, "cli.err.oom", NULL);
                }
                ds->len = len;
                ds->hash = hash;
                s->n_scripts++;
            }
            core_strlcpy(seat->plays, "lua", sizeof seat->plays);
            seat->script = k;
            seat->rng = *scr_sandbox_rng(scr_strategy_sandbox(st));
            core_strlcpy(seat->pending, scr_strategy_pending(st), sizeof seat->pending);
            char why[512];
            if (scr_strategy_memory_get(st, &seat->memory, why, sizeof why) < 0)
                return app_cli_fail(err, errsz, "save.err.memory", w->sc->actors[i].id, why, NULL);
        } else if (sim_strategy_is_queued(st)) {
            core_strlcpy(seat->plays, "human", sizeof seat->plays);
            seat->queue = *sim_strategy_queue((SimStrategy *)st);
        } else {
            const char *name = st->name ? st->name : "passive";
            if (strcmp(name, "history") && strcmp(name, "baseline") && strcmp(name, "passive"))
                return app_cli_fail(err, errsz, "save.err.strategy", w->sc->actors[i].id, name,
                                    NULL);
            core_strlcpy(seat->plays, name, sizeof seat->plays);
        }
    }
    return 0;
}

int app_game_save(const AppGame *g, const char *path, char *err, size_t errsz)
{
    DatSave s;
    char why[768];
    int rc = gather(g, &s, why, sizeof why);
    if (rc < 0)
        core_errf(err, errsz, "%s: %s", path, why);
    else
        rc = dat_save_write(&s, path, err, errsz);
    dat_save_free(&s);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Loading */

/* Seats actor i of w from a saved seat. */
static int reseat(SimWorld *w, int i, const DatSave *s, char *err, size_t errsz)
{
    const DatSeat *seat = &s->seats[i];
    SimStrategy st;
    if (strcmp(seat->plays, "lua") == 0) {
        const DatScript *ds = &s->scripts[seat->script];
        char why[768];
        if (app_seat_script(ds->path, ds->text, ds->len, w, i, &st, why, sizeof why) < 0) {
            char at[32];
            snprintf(at, sizeof at, "$.seats[%d]", i);
            return app_cli_fail(err, errsz, "save.err.script", at, why, NULL);
        }
        if (scr_strategy_restore(&st, &seat->memory, &seat->rng, seat->pending, why, sizeof why) <
            0) {
            sim_strategy_destroy(&st);
            return core_errf(err, errsz, "$.seats[%d].memory: %s", i, why);
        }
    } else if (sim_strategy_native(seat->plays, &st) < 0) {
        {
            char at[32];
            snprintf(at, sizeof at, "$.seats[%d]", i);
            return app_cli_fail(err, errsz, "cli.err.oom_at", at, NULL);
        }
    } else if (strcmp(seat->plays, "human") == 0) {
        *sim_strategy_queue(&st) = seat->queue;
    }
    sim_world_set_strategy(w, i, st);
    return 0;
}

AppGame *app_game_load(const char *path, const char *expect_scenario, int *status, char *err,
                       size_t errsz)
{
    DatSave s;
    *status = 2;
    if (dat_save_load(path, &s, err, errsz) < 0)
        return NULL;
    if (expect_scenario) {
        size_t len;
        char why[512];
        char *text = dat_read_file(expect_scenario, DAT_SCENARIO_MAX_BYTES, &len, why, sizeof why);
        if (!text) {
            core_errf(err, errsz, "%s", why);
            dat_save_free(&s);
            return NULL;
        }
        uint64_t h = core_fnv1a(CORE_FNV_OFFSET, text, len);
        free(text);
        if (h != s.scenario_hash) {
            app_cli_fail(err, errsz, "save.err.other_scenario", path, s.world->sc->id,
                         s.scenario_path, expect_scenario, NULL);
            dat_save_free(&s);
            return NULL;
        }
    }
    SimWorld *w = s.world;
    if (app_lang_use_scenario(w->sc, s.scenario_path, err, errsz) < 0) {
        dat_save_free(&s);
        return NULL;
    }
    /* The scenario was read afresh: the teacher's levers recorded in the game go back in. */
    sim_lever_restore(w);
    for (int i = 0; i < w->n; i++) {
        char why[1024];
        if (reseat(w, i, &s, why, sizeof why) < 0) {
            core_errf(err, errsz, "%s: %s", path, why);
            dat_save_free(&s);
            return NULL;
        }
    }
    AppGame *g = game_alloc(w, s.scenario_path, s.scenario_text, s.scenario_len);
    if (!g) {
        app_cli_fail(err, errsz, "cli.err.oom_at", path, NULL);
        dat_save_free(&s);
        *status = 1;
        return NULL;
    }
    for (int i = 0; i < w->n; i++)
        core_strlcpy(g->choice[i], s.seats[i].choice, sizeof g->choice[i]);
    if (s.has_room && (g->room = malloc(sizeof *g->room)) != NULL)
        *g->room = s.room;
    if (s.has_room && !g->room) {
        s.owns_world = 0;
        s.scenario_text = NULL;
        dat_save_free(&s);
        app_game_free(g);
        app_cli_fail(err, errsz, "cli.err.oom_at", path, NULL);
        *status = 1;
        return NULL;
    }
    /* The game took the world and the scenario text. */
    s.owns_world = 0;
    s.scenario_text = NULL;
    dat_save_free(&s);
    *status = 0;
    return g;
}

/* ---------------------------------------------------------------------------------------------
 * Autosaves */

/* "autosave-SEQ-tTURN.json": its sequence number, or -1 if the name is not an autosave's. */
static int autosave_seq(const char *name)
{
    int seq, turn, used = 0;
    if (sscanf(name, "autosave-%d-t%d.json%n", &seq, &turn, &used) == 2 && used > 0 &&
        name[used] == '\0' && seq >= 0)
        return seq;
    return -1;
}

typedef struct {
    int seq;
    char name[256];
} Found;

static int by_seq_desc(const void *a, const void *b)
{
    const Found *x = a, *y = b;
    return (x->seq < y->seq) - (x->seq > y->seq);
}

/* The autosaves in dir, newest first, in a list the caller frees. */
static int scan(const char *dir, Found **out, int *n, int clean_temps)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    int cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        /* A writer killed mid-save leaves ".autosave-...json.XXXXXX": never a save. */
        if (clean_temps && strncmp(e->d_name, ".autosave-", 10) == 0) {
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
            continue;
        }
        int seq = autosave_seq(e->d_name);
        if (seq < 0 || strlen(e->d_name) >= sizeof((Found *)0)->name)
            continue;
        Found *f = core_grow(*out, &cap, *n + 1, sizeof *f, 16);
        if (!f) {
            closedir(d);
            return -1;
        }
        *out = f;
        (*out)[*n].seq = seq;
        core_strlcpy((*out)[*n].name, e->d_name, sizeof(*out)[*n].name);
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(*out, (size_t)*n, sizeof **out, by_seq_desc);
    return 0;
}

int app_autosave(const AppGame *g, const char *dir, int keep, char *path_out, size_t path_sz,
                 char *err, size_t errsz)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return app_cli_fail(err, errsz, "save.err.mkdir", dir, strerror(errno), NULL);
    Found *f;
    int n;
    if (scan(dir, &f, &n, 1) < 0)
        return app_cli_fail(err, errsz, "save.err.list", dir, strerror(errno), NULL);
    int seq = n ? f[0].seq + 1 : 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/autosave-%06d-t%04d.json", dir, seq, g->world->turn);
    int rc = app_game_save(g, path, err, errsz);
    if (rc == 0) {
        if (path_out)
            core_strlcpy(path_out, path, path_sz);
        /* The new one is kept, and keep - 1 of the older ones. */
        for (int k = keep > 0 ? keep - 1 : 0; k < n; k++) {
            char old[4096];
            snprintf(old, sizeof old, "%s/%s", dir, f[k].name);
            unlink(old);
        }
    }
    free(f);
    return rc;
}

int app_autosave_list(const char *dir, AppSaveEntry **out, int *n, char *err, size_t errsz)
{
    Found *f;
    int m;
    *out = NULL;
    *n = 0;
    if (scan(dir, &f, &m, 0) < 0)
        return app_cli_fail(err, errsz, "save.err.list", dir, strerror(errno), NULL);
    if (!m)
        return 0;
    AppSaveEntry *list = calloc((size_t)m, sizeof *list);
    if (!list) {
        free(f);
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    for (int k = 0; k < m; k++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, f[k].name);
        app_save_entry_read(&list[k], path);
        list[k].seq = f[k].seq;
    }
    free(f);
    *out = list;
    *n = m;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Asking a seat without changing the game */

/* The game as a save would keep it, read back into a world of its own (the levers put back);
 * no seat rebuilt yet. 0, or -1 with err. */
static int copy_save(const AppGame *g, DatSave *c, char *err, size_t errsz)
{
    DatSave s;
    size_t len = 0;
    char *text = NULL;
    if (gather(g, &s, err, errsz) == 0)
        text = dat_save_text(&s, &len, err, errsz);
    dat_save_free(&s);
    if (!text)
        return -1;
    int rc = dat_save_parse(text, len, "copy", c, err, errsz);
    free(text);
    if (rc < 0)
        return -1;
    sim_lever_restore(c->world);
    return 0;
}

AppGame *app_game_copy(const AppGame *g, char *err, size_t errsz)
{
    DatSave c;
    char why[768];
    if (copy_save(g, &c, why, sizeof why) < 0) {
        core_errf(err, errsz, "%s", why);
        return NULL;
    }
    SimWorld *w = c.world;
    for (int i = 0; i < w->n; i++)
        if (reseat(w, i, &c, why, sizeof why) < 0) {
            core_errf(err, errsz, "%s", why);
            dat_save_free(&c);
            return NULL;
        }
    w->check_books = g->world->check_books;
    AppGame *h = game_alloc(w, g->scenario_path, c.scenario_text, c.scenario_len);
    if (!h) {
        app_cli_fail(err, errsz, "cli.err.oom", NULL);
        dat_save_free(&c);
        return NULL;
    }
    memcpy(h->choice, g->choice, (size_t)w->n * sizeof *h->choice);
    c.owns_world = 0;
    c.scenario_text = NULL;
    dat_save_free(&c);
    return h;
}

int app_game_forecast(const AppGame *g, int me, int who, const SimTerms *t, char *reason,
                      size_t cap, char *err, size_t errsz)
{
    if (cap > 0)
        reason[0] = '\0';
    const SimWorld *w = g->world;
    if (who < 0 || who >= w->n || me < 0 || me >= w->n)
        return core_errf(err, errsz, "no such seat");
    DatSave c;
    char why[768];
    if (copy_save(g, &c, why, sizeof why) < 0)
        return core_errf(err, errsz, "%s", why);
    SimWorld *cw = c.world;
    /* Only the seat asked is rebuilt (its memory and random stream put back); the offer goes on
     * its table as the player's proposal would, and its strategy decides once. */
    int answer = -1, deal = -1;
    if (reseat(cw, who, &c, why, sizeof why) == 0 &&
        (deal = sim_world_add_deal(cw, t, me, -1)) >= 0 && sim_world_index_deals(cw) == 0) {
        SimIntentList out;
        memset(&out, 0, sizeof out);
        SimView v = {cw, who};
        SimStrategy *st = &cw->actors[who].strategy;
        answer = SIM_INTENT_PASS;
        if (st->decide(st->self, &v, &out, why, sizeof why) < 0)
            answer = -1;
        for (int i = 0; answer >= 0 && i < out.n; i++) {
            const SimIntent *in = &out.v[i];
            if (in->deal != deal)
                continue;
            if (in->kind == SIM_INTENT_ACCEPT || in->kind == SIM_INTENT_REJECT ||
                in->kind == SIM_INTENT_COUNTER) {
                answer = (int)in->kind;
                core_strlcpy(reason, in->reason, cap);
                break;
            }
        }
    }
    dat_save_free(&c);
    if (answer < 0)
        return core_errf(err, errsz, "%s", why[0] ? why : "cannot ask");
    return answer;
}
