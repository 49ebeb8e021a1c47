/* test_ui_png: the 2025 story (history strategy) as PNG files, with no display: the map and the
 * charts after twelve months and at the end, written to a temporary folder and read back with
 * the right size; a bad path gives an error naming it. */
#define _POSIX_C_SOURCE 200809L
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "sim_world.h"
#include "test_lang.h"
#include "test_util.h"
#include "ui_fmt.h"
#include "ui_png.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check_png(const char *path, int w, int h)
{
    SDL_Surface *s = IMG_Load(path);
    CHECK_MSG(s != NULL, "%s: %s", path, IMG_GetError());
    if (!s)
        return;
    CHECK(s->w == w && s->h == h);
    SDL_FreeSurface(s);
}

static void write_both(const SimWorld *w, const char *dir, const char *tag, int turn)
{
    char err[512] = "", map[512], charts[512];
    snprintf(map, sizeof map, "%s/map-%s.png", dir, tag);
    snprintf(charts, sizeof charts, "%s/charts-%s.png", dir, tag);
    CHECK_MSG(ui_png_write_map(w, turn, 1280, 800, 1.0, map, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(ui_png_write_charts(w, turn, 1920, 1080, 1.5, charts, err, sizeof err) == 0, "%s",
              err);
    check_png(map, 1280, 800);
    check_png(charts, 1920, 1080);
    remove(map);
    remove(charts);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    SimWorld *w = sim_world_create(sc, sc->default_seed, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    for (int i = 0; w && i < w->n; i++) {
        SimStrategy s;
        CHECK(sim_strategy_history(&s) == 0);
        sim_world_set_strategy(w, i, s);
    }
    char dir[] = "/tmp/cl_ui_png_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    CHECK_MSG(sim_turn_run(w, 12, err, sizeof err) >= 0, "%s", err);
    CHECK(w->turn == 12);
    write_both(w, dir, "turn12", 12);
    CHECK_MSG(sim_turn_run(w, -1, err, sizeof err) >= 0, "%s", err);
    CHECK(w->end != SIM_END_NONE);
    write_both(w, dir, "end", w->turn);
    /* And in Chinese, with the lesson in numbers too. */
    test_lang_use(CORE_LANG_ZH);
    write_both(w, dir, "end-zh", w->turn);
    char lesson[512];
    snprintf(lesson, sizeof lesson, "%s/lesson-zh.png", dir);
    const char *q[] = {"Who would hold the losses if the hub failed?"};
    CHECK_MSG(ui_png_write_takeaway(w, 1280, 800, 1.0, q, 1, lesson, err, sizeof err) == 0, "%s",
              err);
    check_png(lesson, 1280, 800);
    remove(lesson);
    const char *missing = NULL;
    CHECK_MSG(ui_tr_missing(&missing) == 0, "a key shows: %s", missing ? missing : "");
    test_lang_use(CORE_LANG_EN);
    /* An unwritable path: an error that names it. */
    CHECK(ui_png_write_map(w, w->turn, 320, 200, 0.5, "/nonexistent-dir/x.png", err, sizeof err) !=
          0);
    CHECK_MSG(strstr(err, "/nonexistent-dir/x.png") != NULL, "%s", err);
    CHECK(ui_png_write_map(w, w->turn, 5, 5, 1.0, "/tmp/never.png", err, sizeof err) != 0);
    CHECK(rmdir(dir) == 0);
    sim_world_destroy(w);
    sim_scenario_free(sc);
    TEST_END();
}
