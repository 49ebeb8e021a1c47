/* test_app_savegame: saves named by game and game month (app_save.h, second part): the game
 * number read back from names (and none from names of before), the name of a month and of the
 * start, F5's second save of a month beside the first, the window's autosaves kept per game
 * (the newest few of each of the last few games; names of before and other files left alone,
 * temp files removed), a save's head for the list (seed, the roles people play, what plays the
 * others, a key that tells seats apart), and seating a role anew mid-game. */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"
#include "dat_save.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static void play(AppGame *g, int turns)
{
    char err[512];
    for (int k = 0; k < turns; k++)
        CHECK_MSG(sim_turn_step(g->world, err, sizeof err) >= 0, "%s", err);
}

/* How many files in dir have a name containing `part`. */
static int count(const char *dir, const char *part)
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d))
        n += strstr(e->d_name, part) != NULL;
    if (d)
        closedir(d);
    return n;
}

static void test_names(void)
{
    static const struct {
        const char *name;
        int game;
    } cases[] = {
        {"closed-loop-2025-game12-2026-03.json", 12},
        {"saves/autosave/closed-loop-2025-game7-2025-01.json", 7},
        {"telecom-game3-start.json", 3},
        {"telecom-game3-2026-03-2.json", 3},
        {"my-game5-x-game6-start.json", 6},
        {"autosave-000008-t0008.json", 0},
        {"closed-loop-2025-20261206-170000-t3.json", 0},
        {"closed-loop-2025-game-2026-03.json", 0},
        {"closed-loop-2025-game4-2026-3.json", 0},
        {"closed-loop-2025-game4-2026-03.txt", 0},
        {".closed-loop-2025-game4-2026-03.json.AbC123", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        CHECK_MSG(app_save_game_no(cases[k].name) == cases[k].game, "%s: %d, want %d",
                  cases[k].name, app_save_game_no(cases[k].name), cases[k].game);
}

static void test_save_named(void)
{
    char dir[512], path[4096], path2[4096], err[1024];
    snprintf(dir, sizeof dir, "%s/saves", tmpdir);
    static const AppStrategyChoice c[] = {{"all", "playbook"}};
    AppGame *g = test_game_new(CL_SCENARIO, 4, c, 1);
    if (!g)
        return;
    const char *dirs[1] = {dir};
    CHECK(app_save_new_game_no(dirs, 1) == 1); /* the folder is not there yet */
    g->game_no = 3;
    CHECK_MSG(app_game_save_named(g, dir, 1, path, sizeof path, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(strstr(path, "/closed-loop-2025-game3-start.json") != NULL, "%s", path);
    CHECK(app_game_save_named(g, dir, 1, path2, sizeof path2, err, sizeof err) == 0);
    CHECK_MSG(strstr(path2, "/closed-loop-2025-game3-start-2.json") != NULL, "%s", path2);
    play(g, 2);
    CHECK(app_game_save_named(g, dir, 0, path, sizeof path, err, sizeof err) == 0);
    AppSaveEntry e;
    app_save_entry_read(&e, path);
    char want[64];
    snprintf(want, sizeof want, "-game3-%s.json", e.month);
    CHECK_MSG(e.ok && e.turn == 2 && strstr(path, want) != NULL, "%s (month %s)", path, e.month);
    CHECK(e.game == 3 && strcmp(e.seed, "4") == 0 && e.people[0] == '\0');
    CHECK_MSG(strcmp(e.others, "playbook") == 0, "others %s", e.others);
    /* Replacing (an autosave) keeps one file for the month. */
    CHECK(app_game_save_named(g, dir, 0, path2, sizeof path2, err, sizeof err) == 0);
    CHECK(strcmp(path, path2) == 0 && count(dir, "-game3-") == 3);
    CHECK(app_save_new_game_no(dirs, 1) == 4);
    app_game_free(g);
}

static void test_autosave_per_game(void)
{
    char dir[512], path[4096], err[1024];
    snprintf(dir, sizeof dir, "%s/auto", tmpdir);
    mkdir(dir, 0755);
    /* A name of before and another file stay; a killed writer's temp file goes. */
    char other[600];
    snprintf(other, sizeof other, "%s/autosave-000001-t0001.json", dir);
    FILE *f = fopen(other, "w");
    if (f)
        fclose(f);
    snprintf(other, sizeof other, "%s/.closed-loop-2025-game1-2025-01.json.AbC123", dir);
    f = fopen(other, "w");
    if (f)
        fclose(f);
    static const AppStrategyChoice c[] = {{"all", "baseline"}};
    AppGame *a = test_game_new(CL_SCENARIO, 1, c, 1), *b = test_game_new(CL_SCENARIO, 2, c, 1),
            *d = test_game_new(CL_SCENARIO, 3, c, 1);
    if (!a || !b || !d)
        return;
    a->game_no = 1;
    b->game_no = 2;
    d->game_no = 3;
    for (int t = 0; t < 7; t++) {
        play(a, 1);
        CHECK_MSG(app_game_autosave(a, dir, 3, 2, path, sizeof path, err, sizeof err) == 0, "%s",
                  err);
    }
    CHECK_MSG(count(dir, "-game1-") == 3, "%d of game 1", count(dir, "-game1-"));
    CHECK(count(dir, ".json.AbC") == 0 && count(dir, "autosave-000001") == 1);
    /* The newest three months of game 1: turns 5, 6, 7. */
    AppSaveEntry e;
    app_save_entry_read(&e, path);
    CHECK(e.ok && e.turn == 7 && e.game == 1);
    for (int t = 0; t < 2; t++) {
        play(b, 1);
        CHECK(app_game_autosave(b, dir, 3, 2, NULL, 0, err, sizeof err) == 0);
    }
    CHECK(count(dir, "-game1-") == 3 && count(dir, "-game2-") == 2);
    /* A third game: two games are kept, so the one written longest ago (game 1) goes. */
    play(d, 1);
    CHECK(app_game_autosave(d, dir, 3, 2, NULL, 0, err, sizeof err) == 0);
    CHECK_MSG(count(dir, "-game1-") == 0 && count(dir, "-game2-") == 2 &&
                  count(dir, "-game3-") == 1,
              "%d %d %d", count(dir, "-game1-"), count(dir, "-game2-"), count(dir, "-game3-"));
    CHECK(count(dir, "autosave-000001") == 1);
    app_game_free(a);
    app_game_free(b);
    app_game_free(d);
}

static void test_seats(void)
{
    char dir[512], p1[4096], p2[4096], p3[4096], err[1024];
    snprintf(dir, sizeof dir, "%s/seats", tmpdir);
    static const AppStrategyChoice human[] = {{"all", "playbook"}, {"openai", "human"}};
    static const AppStrategyChoice mixed[] = {{"all", "playbook"}, {"oracle", "baseline"}};
    static const AppStrategyChoice books[] = {{"all", "playbook"}};
    AppGame *g = test_game_new(CL_SCENARIO, 5, human, 2),
            *h = test_game_new(CL_SCENARIO, 5, mixed, 2),
            *k = test_game_new(CL_SCENARIO, 5, books, 1);
    if (!g || !h || !k)
        return;
    g->game_no = h->game_no = k->game_no = 1;
    CHECK(app_game_save_named(g, dir, 1, p1, sizeof p1, err, sizeof err) == 0);
    CHECK(app_game_save_named(h, dir, 1, p2, sizeof p2, err, sizeof err) == 0);
    CHECK(app_game_save_named(k, dir, 1, p3, sizeof p3, err, sizeof err) == 0);
    AppSaveEntry a, b, c;
    app_save_entry_read(&a, p1);
    app_save_entry_read(&b, p2);
    app_save_entry_read(&c, p3);
    CHECK_MSG(strcmp(a.people, "openai") == 0 && strcmp(a.others, "playbook") == 0, "%s / %s",
              a.people, a.others);
    CHECK_MSG(b.people[0] == '\0' && strcmp(b.others, "mixed") == 0, "%s", b.others);
    CHECK(a.seats_key != b.seats_key && a.seats_key != c.seats_key && b.seats_key != c.seats_key);
    /* A broken file reads as not ok, with its reason. */
    AppSaveEntry bad;
    app_save_entry_read(&bad, CL_SCENARIO);
    CHECK(!bad.ok && bad.why[0] != '\0');
    /* Seating anew mid-game: OpenAI to a person and back to its playbook; the game goes on. */
    int status;
    AppGame *l = app_game_load(p3, NULL, &status, err, sizeof err);
    CHECK_MSG(l != NULL, "%s", err);
    if (l) {
        CHECK(app_game_reseat(l, 0, "human", err, sizeof err) == 0);
        CHECK(sim_strategy_is_queued(&l->world->actors[0].strategy) &&
              strcmp(l->choice[0], "human") == 0);
        CHECK(app_game_reseat(l, 0, "nonsense", err, sizeof err) < 0 && err[0]);
        CHECK(sim_strategy_is_queued(&l->world->actors[0].strategy));
        CHECK_MSG(app_game_reseat(l, 0, "playbook", err, sizeof err) == 0, "%s", err);
        CHECK(!sim_strategy_is_queued(&l->world->actors[0].strategy) &&
              strcmp(l->choice[0], "playbook") == 0);
        play(l, 2);
        CHECK(l->world->turn == 2);
        app_game_free(l);
    }
    app_game_free(g);
    app_game_free(h);
    app_game_free(k);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/cl_test_savegame.XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    test_names();
    test_save_named();
    test_autosave_per_game();
    test_seats();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    TEST_END();
}
