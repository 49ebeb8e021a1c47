/* test_lever_resume: the teacher's levers survive a save. A game whose levers were moved, saved
 * and loaded plays on exactly as the same game played straight (a save reads its scenario
 * afresh; the loader puts the levers back from the record), with native and Lua strategies. */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"
#include "sim_lever.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static AppGame *game(const char *choice, uint64_t seed)
{
    AppStrategyChoice c[1] = {{"all", choice}};
    return test_game_new(CL_SCENARIO, seed, c, 1);
}

static void steps(SimWorld *w, int n)
{
    char err[512] = "";
    for (int k = 0; k < n; k++)
        CHECK_MSG(sim_turn_step(w, err, sizeof err) >= 0, "%s", err);
}

static void moves(SimWorld *w)
{
    char err[256] = "";
    CHECK(sim_lever_set(w, SIM_LEVER_REVENUE_GROWTH, 1.4, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_NEWS_REWARD, 0.2, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_CREDIT, 0.75, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_BUDGET, 2.0, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_INTEREST, 0.11, err, sizeof err) == 0);
}

static void resume(const char *choice, uint64_t seed, const char *dir)
{
    AppGame *a = game(choice, seed), *b = game(choice, seed);
    if (!a || !b) {
        app_game_free(a);
        app_game_free(b);
        return;
    }
    steps(a->world, 4);
    steps(b->world, 4);
    moves(a->world);
    moves(b->world);
    steps(a->world, 3);
    steps(b->world, 3);
    char path[512], err[1024] = "";
    snprintf(path, sizeof path, "%s/lever-%s-%llu.json", dir, choice, (unsigned long long)seed);
    CHECK_MSG(app_game_save(b, path, err, sizeof err) == 0, "%s", err);
    app_game_free(b);
    int status = 0;
    AppGame *c = app_game_load(path, NULL, &status, err, sizeof err);
    CHECK_MSG(c != NULL, "%s", err);
    if (c) {
        CHECK(memcmp(&c->world->sc->market, &a->world->sc->market, sizeof a->world->sc->market) ==
              0);
        int hub = a->world->sc->hub;
        CHECK(c->world->sc->actors[hub].growth_floor == a->world->sc->actors[hub].growth_floor);
        steps(a->world, 24);
        steps(c->world, 24);
        CHECK_MSG(sim_world_hash(a->world) == sim_world_hash(c->world),
                  "%s seed %llu: the loaded game went another way", choice,
                  (unsigned long long)seed);
    }
    app_game_free(a);
    app_game_free(c);
    unlink(path);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char dir[] = "/tmp/cl_lever_resume_XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        TEST_END();
    }
    for (uint64_t seed = 1; seed <= 3; seed++) {
        resume("history", seed, dir);
        resume("baseline", seed, dir);
    }
    resume("playbook", 7, dir);
    rmdir(dir);
    TEST_END();
}
