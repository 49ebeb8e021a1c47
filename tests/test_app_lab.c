/* test_app_lab: the strategy author's lab (app_lab) without a window.
 *  - the watcher: a file not tried yet is a change; the same file is none; a new size or time is
 *    one; a file that cannot be looked at is none; app_lab_poll looks at most once a second;
 *  - a version's run is the run a fresh game with the same scenario, seed and seats makes (the
 *    same `run --json` bytes), and the window's copy at month T played on ends as it does;
 *  - a new version keeps the one before as "before" and the sentence compares the two;
 *  - print() lines and errors go to the console (a compile error and a runtime error with
 *    FILE:LINE); a version with an error is refused and the run in hand stays;
 *  - a wrong role is refused at once, naming the roles;
 *  - from a chosen month M: the months before M are the run in hand's, and the run is the one
 *    `run --turns M --save` then `run --load --strategy ROLE=FILE` makes (the game saved at M,
 *    loaded, the role seated anew on the file, played to its end); a month chosen before the
 *    month the run in hand was replayed from works too; a bad file from M is refused. */
#define _POSIX_C_SOURCE 200809L
#include "app_lab.h"
#include "core_text.h"
#include "dat_file.h"
#include "dat_history.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[256], script[300];

static void put(const char *text)
{
    FILE *f = fopen(script, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

/* Whether the history files of worlds a and b are the same bytes. */
static int same_history(const SimWorld *a, const SimWorld *b)
{
    char pa[320], pb[320], err[512];
    snprintf(pa, sizeof pa, "%s/a.json", dir);
    snprintf(pb, sizeof pb, "%s/b.json", dir);
    if (dat_history_write(a, pa, err, sizeof err) < 0 ||
        dat_history_write(b, pb, err, sizeof err) < 0)
        return 0;
    size_t la = 0, lb = 0;
    char *x = dat_read_file(pa, 1u << 26, &la, err, sizeof err),
         *y = dat_read_file(pb, 1u << 26, &lb, err, sizeof err);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static int console_has(const AppLab *lab, AppLabKind kind, const char *part)
{
    for (int k = 0; k < app_lab_console_count(lab); k++) {
        const AppLabLine *l = app_lab_console_line(lab, k);
        if (l->kind == kind && strstr(l->text, part))
            return 1;
    }
    return 0;
}

static const AppStrategyChoice books[] = {{"all", "playbook"}};

static const char *v1 = "return { decide = function(view) return {} end }\n";
static const char *v2 = "return { decide = function(view)\n"
                        "  print('month ' .. view.turn)\n"
                        "  return {}\n"
                        "end }\n";
static const char *bad_syntax = "return { decide = function(view) return {} end\n";
static const char *bad_runtime = "local S = {}\n"
                                 "function S.decide(view)\n"
                                 "  local t = nil\n"
                                 "  return t.x\n"
                                 "end\n"
                                 "return S\n";

static void test_lab(void)
{
    AppGameSpec spec = {CL_SCENARIO, 1, 11, books, 1, "playbook", 1, NULL};
    char err[1024] = "";
    AppLab *lab = app_lab_new(&spec, "microsoft", script, err, sizeof err);
    CHECK_MSG(lab != NULL, "%s", err);
    if (!lab)
        return;
    /* A file that is not there is no change (an editor may be writing it). */
    CHECK(app_lab_changed(lab) == 0);
    put(v1);
    CHECK(app_lab_changed(lab) == 1);
    AppGame *at = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(app_lab_reload(lab, 3, &at, err, sizeof err) == 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* What a reload costs the window (docs: the lab replays on the window's thread). */
    fprintf(stderr, "test_app_lab: a version played to its end (%d months) and copied in %.0f ms\n",
            app_lab_run(lab) ? app_lab_run(lab)->turn : 0,
            (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    CHECK(app_lab_version(lab) == 1 && app_lab_before(lab) == NULL);
    CHECK(app_lab_changed(lab) == 0);
    const SimWorld *run = app_lab_run(lab);
    CHECK(run != NULL && run->end != SIM_END_NONE);
    /* The run is a fresh game's with the same seats, played to its end. */
    AppStrategyChoice seats[2] = {{"all", "playbook"}, {"microsoft", script}};
    AppGameSpec same = {CL_SCENARIO, 1, 11, seats, 2, "playbook", 1, NULL};
    int status = 0;
    AppGame *fresh = app_game_new(&same, &status, err, sizeof err);
    CHECK_MSG(fresh != NULL, "%s", err);
    if (fresh && run) {
        CHECK(sim_turn_run(fresh->world, -1, err, sizeof err) >= 0);
        CHECK(same_history(run, fresh->world));
    }
    /* The window's copy stood at month 3 and, played on, ends as the run does. */
    CHECK(at != NULL && at->world->turn == 3);
    if (at && run) {
        CHECK(sim_turn_run(at->world, -1, err, sizeof err) >= 0);
        CHECK(same_history(run, at->world));
    }
    app_game_free(at);
    app_game_free(fresh);
    char sentence[1200];
    CHECK(app_lab_sentence(lab, sentence, sizeof sentence) > 0);
    CHECK_MSG(strstr(sentence, "Microsoft's score") && strstr(sentence, "The game ended"), "%s",
              sentence);

    /* Version 2 prints each month: its lines in the console, the run before kept. */
    put(v2);
    CHECK(app_lab_changed(lab) == 1);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 1);
    CHECK(app_lab_version(lab) == 2 && app_lab_before(lab) == run);
    CHECK(console_has(lab, APP_LAB_PRINT, "month 0"));
    CHECK(app_lab_sentence(lab, sentence, sizeof sentence) > 0);
    CHECK_MSG(strstr(sentence, "as before"), "%s", sentence); /* passive both times */
    const SimWorld *run2 = app_lab_run(lab);

    /* A compile error: refused, said with the file and line, the run in hand stays. */
    put(bad_syntax);
    CHECK(app_lab_reload(lab, 0, &at, err, sizeof err) == 0);
    CHECK(at == NULL && app_lab_refused(lab) && app_lab_run(lab) == run2);
    CHECK(app_lab_version(lab) == 2 && app_lab_tries(lab) == 3);
    char where[400];
    snprintf(where, sizeof where, "%s:", script);
    CHECK(console_has(lab, APP_LAB_ERROR, where));
    CHECK(app_lab_changed(lab) == 0); /* tried: not tried again until it changes */

    /* A runtime error: the turn lost, said with FILE:4, refused. */
    put(bad_runtime);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 0);
    snprintf(where, sizeof where, "%s:4:", script);
    CHECK(console_has(lab, APP_LAB_ERROR, where));
    CHECK(app_lab_run(lab) == run2 && app_lab_refused(lab));

    /* Fixed: taken, compared with version 2. */
    put(v1);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 1);
    CHECK(app_lab_version(lab) == 3 && app_lab_before(lab) == run2 && !app_lab_refused(lab));

    /* The poll: at most one look a second. */
    put(v2);
    CHECK(app_lab_poll(lab, 5000, 0, NULL, err, sizeof err) == 1);
    put(v1);
    CHECK(app_lab_poll(lab, 5500, 0, NULL, err, sizeof err) == 0);
    CHECK(app_lab_poll(lab, 6000, 0, NULL, err, sizeof err) == 1);
    CHECK(app_lab_version(lab) == 5);
    put(bad_syntax);
    CHECK(app_lab_poll(lab, 7000, 0, NULL, err, sizeof err) == 2);

    /* The history written is the run's. */
    char out[320];
    snprintf(out, sizeof out, "%s/lab.json", dir);
    CHECK(app_lab_write(lab, out, err, sizeof err) == 0);

    /* In Chinese. */
    test_lang_use(CORE_LANG_ZH);
    CHECK(app_lab_sentence(lab, sentence, sizeof sentence) > 0 && strstr(sentence, "得分"));
    test_lang_use(CORE_LANG_EN);
    app_lab_free(lab);

    /* A wrong role: refused at once, the roles listed. */
    lab = app_lab_new(&spec, "microsft", script, err, sizeof err);
    CHECK(lab == NULL);
    CHECK_MSG(strstr(err, "microsoft") != NULL, "%s", err);
    app_lab_free(lab);
}

/* Whether worlds a and b have the same snapshots (every actor's cash and market value) up to
 * and including month m. */
static int same_until(const SimWorld *a, const SimWorld *b, int m)
{
    for (int t = 0; t <= m; t++)
        for (int i = 0; i < a->n; i++) {
            const SimSnap *x = sim_snap(a, t, i), *y = sim_snap(b, t, i);
            if (!x || !y || x->cash != y->cash || x->market_value != y->market_value)
                return 0;
        }
    return 1;
}

/* The run `run --seed 11 --strategy all=playbook --strategy oracle=FILE --turns m --save S` with
 * FILE holding old_text, then `run --load S --strategy oracle=FILE` with FILE holding new_text,
 * makes (the lab's file, left holding new_text). */
static AppGame *load_reseat(const char *old_text, const char *new_text, int m)
{
    char save[320], err[1024];
    snprintf(save, sizeof save, "%s/at_m.json", dir);
    /* The old version under the lab's file name, as its version was: the same path. */
    put(old_text);
    AppStrategyChoice seats[2] = {{"all", "playbook"}, {"oracle", script}};
    AppGameSpec spec = {CL_SCENARIO, 1, 11, seats, 2, "playbook", 1, NULL};
    int status = 0;
    AppGame *g = app_game_new(&spec, &status, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    for (int t = 0; g && t < m; t++)
        CHECK(sim_turn_step(g->world, err, sizeof err) == 0);
    CHECK(g && app_game_save(g, save, err, sizeof err) == 0);
    app_game_free(g);
    put(new_text);
    g = app_game_load(save, NULL, &status, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    if (g && app_game_reseat(g, sim_scenario_find_actor(g->world->sc, "oracle"), script, err,
                             sizeof err) < 0) {
        CHECK_MSG(0, "%s", err);
        app_game_free(g);
        return NULL;
    }
    if (g)
        CHECK(sim_turn_run(g->world, -1, err, sizeof err) >= 0);
    return g;
}

static void test_from(void)
{
    size_t len = 0;
    char cookbook[1024], err[1024] = "";
    snprintf(cookbook, sizeof cookbook, "%s", CL_SCENARIO);
    char *cut = strstr(cookbook, "assets/scenarios/");
    CHECK(cut != NULL);
    if (!cut)
        return;
    snprintf(cut, sizeof cookbook - (size_t)(cut - cookbook), "scripts/cookbook/timed_exit.lua");
    char *timed = dat_read_file(cookbook, 1u << 20, &len, err, sizeof err);
    CHECK_MSG(timed != NULL, "%s", cookbook);
    AppGameSpec spec = {CL_SCENARIO, 1, 11, books, 1, "playbook", 1, NULL};
    AppLab *lab = app_lab_new(&spec, "oracle", script, err, sizeof err);
    CHECK_MSG(lab != NULL, "%s", err);
    if (!lab || !timed) {
        app_lab_free(lab);
        free(timed);
        return;
    }
    /* Version 1 (passive) from the start; then the timed exit from month 6. */
    put(v1);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 1);
    CHECK(app_lab_run_from(lab) == 0);
    app_lab_set_from(lab, 6);
    CHECK(app_lab_from(lab) == 6);
    put(timed);
    AppGame *at = NULL;
    int took = app_lab_reload(lab, 2, &at, err, sizeof err);
    CHECK_MSG(took == 1, "%s", err);
    for (int k = 0; took != 1 && k < app_lab_console_count(lab); k++)
        fprintf(stderr, "  console: %s\n", app_lab_console_line(lab, k)->text);
    const SimWorld *run = app_lab_run(lab), *before = app_lab_before(lab);
    CHECK(app_lab_version(lab) == 2 && app_lab_run_from(lab) == 6 && run && before);
    /* The window's game is the new run at the month replayed from (it did not exist before). */
    CHECK(at != NULL && at->world->turn == 6);
    app_game_free(at);
    if (!run || !before) {
        app_lab_free(lab);
        free(timed);
        return;
    }
    /* The months before 6 are version 1's; the timed exit changed the months after. */
    CHECK(same_until(run, before, 6));
    CHECK(!same_until(run, before, run->turn));
    CHECK(console_has(lab, APP_LAB_INFO, "view.memory starts empty"));
    CHECK(console_has(lab, APP_LAB_INFO, "Version 2 played from "));
    char sentence[1200];
    CHECK(app_lab_sentence(lab, sentence, sizeof sentence) > 0);
    CHECK_MSG(strstr(sentence, "Played again from ") != NULL, "%s", sentence);
    /* The run is load + reseat's. */
    AppGame *want = load_reseat(v1, timed, 6);
    CHECK(want != NULL && same_history(run, want->world));
    app_game_free(want);
    /* A month before 6: the game at 3 of the run in hand (version 1's there), passive again. */
    app_lab_set_from(lab, 3);
    put(v1);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 1);
    CHECK(app_lab_run_from(lab) == 3 && same_until(app_lab_run(lab), app_lab_before(lab), 3));
    want = load_reseat(v1, v1, 3); /* version 2 replayed from 6: at 3 the run is version 1's */
    CHECK(want != NULL && same_history(app_lab_run(lab), want->world));
    app_game_free(want);
    /* Then from 9 with the timed exit: months 3..8 made again from the game at 3. */
    app_lab_set_from(lab, 9);
    put(timed);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 1);
    CHECK(same_until(app_lab_run(lab), app_lab_before(lab), 9));
    /* A bad file from month 9: refused with its FILE:LINE, the run in hand stays. */
    const SimWorld *run3 = app_lab_run(lab);
    put(bad_syntax);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 0);
    char where[400];
    snprintf(where, sizeof where, "%s:", script);
    CHECK(app_lab_run(lab) == run3 && app_lab_refused(lab));
    CHECK(console_has(lab, APP_LAB_ERROR, where));
    /* 0: from the start again. */
    app_lab_set_from(lab, 0);
    put(v1);
    CHECK(app_lab_reload(lab, 0, NULL, err, sizeof err) == 1 && app_lab_run_from(lab) == 0);
    app_lab_free(lab);
    free(timed);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    snprintf(dir, sizeof dir, "/tmp/test_app_lab.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(script, sizeof script, "%s/mine.lua", dir);
    test_lab();
    test_from();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_app_lab: %s not removed\n", dir);
    TEST_END();
}
