/* app_run: headless play. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "app_run.h"

#include "app_path.h"
#include "app_cli.h"
#include "app_replay.h"
#include "app_save.h"
#include "app_class.h"
#include "app_lang.h"
#include "app_seat.h"
#include "app_story.h"
#include "app_worlds.h"
#include "core_text.h"
#include "dat_history.h"
#include "dat_scenario.h"
#include "sim_turn.h"
#include "ui_png.h"
#include "sim_world.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

SimWorld *app_open_world(const AppOptions *o, FILE *errout, int *status)
{
    char err[1024] = "";
    const char *path = o->scenario ? o->scenario : app_default_scenario();
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    *status = 2;
    if (!sc) {
        fprintf(errout, "closedloop: %s\n", err);
        return NULL;
    }
    if (sc->n_actors > 64) {
        app_cli_error(errout, "run.err.too_many_actors", path, "64", NULL);
        sim_scenario_free(sc);
        return NULL;
    }
    if (app_lang_use_scenario(sc, path, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        sim_scenario_free(sc);
        return NULL;
    }
    uint64_t seed = o->has_seed ? o->seed : sc->default_seed;
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    sim_scenario_free(sc);
    if (!w) {
        fprintf(errout, "closedloop: %s\n", err);
        *status = 1;
        return NULL;
    }
    w->check_books = o->check_books;
    *status = 0;
    return w;
}

/* The debrief, with the game's seats over other seeds (app_worlds) played here and now; if they
 * cannot be (a scenario that no longer reads), the debrief without them. */
static int write_debrief(const AppGame *g, const char *path, FILE *out, char *err, size_t errsz)
{
    char why[1024];
    AppWorlds *a = app_worlds_new(g, UI_DEBRIEF_WORLDS, why, sizeof why);
    UiDebriefWorlds wd;
    if (a) {
        int cpus = SDL_GetCPUCount();
        app_worlds_start(a, cpus > 2 ? cpus - 1 : 1, 0);
        app_worlds_run(a);
        app_worlds_fill(a, &wd);
        app_worlds_free(a);
        char line[700];
        fprintf(out, "%s\n", ui_debrief_worlds_sentence(g->world, &wd, line, sizeof line));
    }
    return ui_png_write_debrief_worlds(g->world, a ? &wd : NULL, 1920, 1080, 1.5, path, err, errsz);
}

/* The flow map and the charts of the last month played, drawn with the software renderer (no
 * display needed), at 1920x1080 and a scale that reads well projected. */
static int write_pngs(const AppGame *g, const char *dir, FILE *out, char *err, size_t errsz)
{
    const SimWorld *w = g->world;
    char map[4096], charts[4096], debrief[4096];
    snprintf(map, sizeof map, "%s/map.png", dir);
    snprintf(charts, sizeof charts, "%s/charts.png", dir);
    snprintf(debrief, sizeof debrief, "%s/debrief.png", dir);
    if (ui_png_write_map(w, w->turn, 1920, 1080, 1.5, map, err, errsz) < 0 ||
        ui_png_write_charts(w, w->turn, 1920, 1080, 1.5, charts, err, errsz) < 0 ||
        write_debrief(g, debrief, out, err, errsz) < 0)
        return -1;
    /* The lesson in numbers, with the class's questions when the scenario has notes. */
    char lesson[4096], why[512];
    snprintf(lesson, sizeof lesson, "%s/lesson.png", dir);
    AppClass *c = app_class_create(w, why, sizeof why);
    const char *q[DAT_LESSON_DEBRIEF];
    int nq = 0;
    for (int k = 0; c && k < c->notes->n_debrief; k++)
        q[nq++] = c->notes->debrief[k];
    int rc = ui_png_write_takeaway(w, 1920, 1080, 1.5, q, nq, lesson, err, errsz);
    app_class_destroy(c);
    if (rc < 0)
        return -1;
    /* Say where they went in full: the no-argument run writes into the working folder. */
    char full[4096];
    const char *where = realpath(dir, full) ? full : dir;
    app_cli_say(out, "run.drew", where, NULL);
    app_cli_say(out, "run.drew_lesson", where, NULL);
    return 0;
}

/* --load with --strategy ROLE=CHOICE: each role named (all: every one) seated anew in the loaded
 * game, as a seat is rebuilt mid-game (app_game_reseat): a script starts fresh at the loaded
 * month (its init runs then, its view.memory empty; the saved seat's memory is not carried
 * over). The roles not named keep their saved seats. 0, or -1 with err (a role the scenario
 * does not have: the roles listed). */
static int reseat_loaded(const AppOptions *o, AppGame *g, char *err, size_t errsz)
{
    SimWorld *w = g->world;
    const char **choice = calloc((size_t)w->n, sizeof *choice);
    if (!choice)
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    /* "" for the roles not named: they stay as saved. */
    int rc = app_seat_resolve(w, o->strategies, o->n_strategies, "", choice, NULL, err, errsz);
    for (int i = 0; rc == 0 && i < w->n; i++)
        if (choice[i][0])
            rc = app_game_reseat(g, i, choice[i], err, errsz);
    free(choice);
    return rc;
}

/* The game o asks for: a saved one (--load, its roles reseated as --strategy says) or a new
 * one. NULL with the message on errout and *status set. */
static AppGame *open_game(const AppOptions *o, FILE *errout, int *status)
{
    char err[1024] = "";
    AppGame *g;
    if (o->load) {
        g = app_game_load(o->load, o->scenario, status, err, sizeof err);
        if (g && o->n_strategies && reseat_loaded(o, g, err, sizeof err) < 0) {
            app_game_free(g);
            g = NULL;
            *status = 2;
        }
    } else {
        AppGameSpec spec = {o->scenario,     o->has_seed, o->seed,        o->strategies,
                            o->n_strategies, NULL,        o->check_books, errout};
        g = app_game_new(&spec, status, err, sizeof err);
    }
    if (!g)
        fprintf(errout, "closedloop: %s\n", err);
    return g;
}

/* The story's opening: the scenario, where a loaded game goes on, the seed and who plays what. */
static void tell_start(FILE *out, const AppOptions *o, const SimWorld *w)
{
    fprintf(out, "%s\n%s\n", core_tr_content(w->sc->title), core_tr_content(w->sc->description));
    char num[32], list[4096];
    if (o->load) {
        snprintf(num, sizeof num, "%d", w->turn);
        app_cli_say(out, "run.going_on", o->load, num, NULL);
    }
    /* Who plays what, as ids and strategy names (what --strategy takes back). */
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; i < w->n && len < sizeof list; i++) {
        int k = snprintf(list + len, sizeof list - len, "%s%s=%s", i ? core_tr("run.sep") : "",
                         w->sc->actors[i].id, w->actors[i].strategy.name);
        len += k > 0 ? (size_t)k : 0;
    }
    snprintf(num, sizeof num, "%llu", (unsigned long long)w->seed);
    app_cli_say(out, "run.seed_strategies", num, list, NULL);
}

/* Plays the turns o asks for (recorded, told, autosaved). 0, or 1 with the message on errout. */
static int play_turns(const AppOptions *o, AppGame *g, AppReplay *rec, FILE *out, FILE *errout)
{
    SimWorld *w = g->world;
    char err[1024];
    for (int played = 0; o->turns < 0 || played < o->turns; played++) {
        int first = w->n_events, turn = w->turn;
        if (rec && app_replay_record_turn(rec, w, err, sizeof err) < 0) {
            fprintf(errout, "closedloop: %s\n", err);
            return 1;
        }
        int rc = sim_turn_step(w, err, sizeof err);
        if (rc < 0) {
            app_cli_error(errout, "run.err.engine", err, NULL);
            return 1;
        }
        if (!o->quiet) {
            app_story_turn(out, w, turn, first, w->n_events);
            app_story_script_notes(out, w, turn);
        }
        if (o->autosave_dir && w->turn != turn &&
            app_autosave(g, o->autosave_dir, APP_AUTOSAVE_KEEP, NULL, 0, err, sizeof err) < 0) {
            app_cli_error(errout, "run.err.autosave", err, NULL);
            return 1;
        }
        if (rc == 1)
            break;
    }
    return 0;
}

/* The files o asks for: the history, the pictures, the save, the replay. The exit status after
 * them: status, or 1 if it was 0 and one could not be written (each says why on errout). */
static int write_files(const AppOptions *o, AppGame *g, AppReplay *rec, int status, FILE *out,
                       FILE *errout)
{
    SimWorld *w = g->world;
    char err[1024];
    int failed = 0;
    if (o->json_out && dat_history_write(w, o->json_out, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        failed = 1;
    }
    if (o->png_dir && write_pngs(g, o->png_dir, out, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        failed = 1;
    }
    if (o->save_out && app_game_save(g, o->save_out, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        failed = 1;
    }
    if (rec && app_replay_finish(rec, w, o->replay_out, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        failed = 1;
    }
    return status ? status : failed;
}

/* A script seated beside roles that play history because nobody said otherwise: the note that
 * check, batch and tournament would have seated playbooks there (issue 16: the same script gave
 * opposite results), on errout. */
static void note_history(const AppOptions *o, const SimWorld *w, FILE *errout)
{
    if (o->load)
        return;
    uint64_t named = 0;
    for (int k = 0; k < o->n_strategies; k++) {
        if (strcmp(o->strategies[k].role, "all") == 0)
            return;
        int i = sim_scenario_find_actor(w->sc, o->strategies[k].role);
        if (i >= 0 && i < 64)
            named |= 1ull << i;
    }
    const char *script = NULL;
    int history = 0;
    for (int i = 0; i < w->n && i < 64; i++) {
        const char *name = w->actors[i].strategy.name;
        if (!name)
            continue;
        size_t len = strlen(name);
        if (len > 4 && strcmp(name + len - 4, ".lua") == 0 && (named >> i & 1))
            script = name;
        history |= !(named >> i & 1) && strcmp(name, "history") == 0;
    }
    if (script && history)
        app_cli_say(errout, "run.note.history", script, NULL);
}

int app_run(const AppOptions *o, FILE *out, FILE *errout)
{
    char err[1024] = "";
    int status = 0;
    /* --json -: the data alone on standard output, every line for a person on errout. */
    if (o->json_out && strcmp(o->json_out, "-") == 0)
        out = errout;
    AppGame *g = open_game(o, errout, &status);
    if (!g)
        return status;
    SimWorld *w = g->world;
    w->check_books = o->check_books;
    AppReplay *rec = NULL;
    if (o->replay_out && !(rec = app_replay_begin(g, err, sizeof err))) {
        fprintf(errout, "closedloop: %s\n", err);
        app_game_free(g);
        return 1;
    }
    note_history(o, w, errout);
    if (!o->quiet)
        tell_start(out, o, w);
    status = play_turns(o, g, rec, out, errout);
    if (status == 0 && w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    app_story_table(out, w);
    status = write_files(o, g, rec, status, out, errout);
    app_replay_free(rec);
    app_game_free(g);
    return status;
}
