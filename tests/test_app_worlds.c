/* test_app_worlds: this game among others like it (app_worlds, ui_debrief_bins). The 100 worlds
 * count to 100 in the histogram's bars; world k is the game `run --seed app_worlds_seed(S, k)`
 * plays with the same seats; the same game gives the same worlds twice, on the calling thread
 * or on background threads; a person's role is replayed by its playbook and said so; this
 * game's month lands in its bar. The time of 100 worlds is printed. */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"
#include "app_worlds.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static AppGame *new_game(const AppStrategyChoice *c, int n, uint64_t seed)
{
    AppGameSpec spec = {CL_SCENARIO, 1, seed, c, n, NULL, 0, NULL};
    int status;
    char err[1024];
    AppGame *g = app_game_new(&spec, &status, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    return g;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The worlds of g, played on the calling thread (threads = 0) or on that many threads. */
static void worlds_of(const AppGame *g, int n, int threads, UiDebriefWorlds *out)
{
    char err[1024];
    AppWorlds *a = app_worlds_new(g, n, err, sizeof err);
    CHECK_MSG(a != NULL, "%s", err);
    if (!a)
        return;
    if (threads > 0) {
        CHECK(app_worlds_start(a, threads, 0) == 0);
        /* The window never waits: poll as its frames would. */
        UiDebriefWorlds mid;
        app_worlds_fill(a, &mid);
        CHECK(mid.total == n && mid.done <= n);
        while (app_worlds_done(a) < n)
            SDL_Delay(2);
    } else {
        app_worlds_run(a);
    }
    app_worlds_fill(a, out);
    app_worlds_free(a);
}

/* The month the hub of a game with seed `seed` and choices c defaults (0: it holds). */
static int direct(const AppStrategyChoice *c, int n, uint64_t seed)
{
    AppGame *g = new_game(c, n, seed);
    if (!g)
        return -2;
    char err[512];
    CHECK_MSG(sim_turn_run(g->world, -1, err, sizeof err) >= 0, "%s", err);
    const SimWorld *w = g->world;
    int hub = w->sc->hub, m = w->actors[hub].defaulted ? sim_default_turn(w, hub) + 1 : 0;
    app_game_free(g);
    return m;
}

static void test_bins(void)
{
    UiDebriefWorlds wd;
    memset(&wd, 0, sizeof wd);
    wd.total = wd.done = 10;
    wd.horizon = 60;
    int months[10] = {1, 6, 7, 12, 30, 60, 0, 0, 0, -1};
    memcpy(wd.broke, months, sizeof months);
    wd.failed = 1;
    UiDebriefBins b;
    ui_debrief_bins(&wd, 7, 1, &b);
    CHECK_MSG(b.width == 3 && b.n == 21, "width %d, %d bars", b.width, b.n);
    int sum = 0;
    for (int k = 0; k < b.n; k++)
        sum += b.count[k];
    CHECK_MSG(sum == 9, "%d counted of 9 played", sum);
    CHECK(b.count[0] == 1 && b.count[1] == 1 && b.count[2] == 1 && b.count[3] == 1);
    CHECK(b.count[9] == 1 && b.count[19] == 1 && b.count[20] == 3);
    CHECK_MSG(b.broke == 6 && b.median == 7, "%d broke, median %d", b.broke, b.median);
    CHECK(b.yours == 2); /* month 7: the bar of months 7-9 */
    ui_debrief_bins(&wd, 0, 1, &b);
    CHECK(b.yours == b.n - 1); /* held to the end: the last bar */
    ui_debrief_bins(&wd, 0, 0, &b);
    CHECK(b.yours == -1); /* still going: no bar yet */
    wd.horizon = 110;
    ui_debrief_bins(&wd, 110, 1, &b);
    CHECK_MSG(b.width == 6 && b.n == 20 && b.yours == 18, "width %d, %d bars, yours %d", b.width,
              b.n, b.yours);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_bins();
    const uint64_t seed = 7;
    static const AppStrategyChoice base[] = {{"all", "baseline"}};
    AppGame *g = new_game(base, 1, seed);
    if (!g)
        TEST_END();
    UiDebriefWorlds a, b, t;
    double t0 = now();
    worlds_of(g, UI_DEBRIEF_WORLDS, 0, &a);
    printf("100 worlds, baseline seats: %.2f s on one thread\n", now() - t0);
    worlds_of(g, UI_DEBRIEF_WORLDS, 0, &b);
    t0 = now();
    worlds_of(g, UI_DEBRIEF_WORLDS, 3, &t);
    printf("100 worlds, baseline seats: %.2f s on three threads\n", now() - t0);
    CHECK(a.total == 100 && a.done == 100 && a.failed == 0 && a.horizon == g->world->turns);
    CHECK_MSG(memcmp(a.broke, b.broke, sizeof a.broke) == 0, "two runs differ");
    CHECK_MSG(memcmp(a.broke, t.broke, sizeof a.broke) == 0, "threads and one thread differ");
    CHECK(a.people == 0 && a.baseline == 0);
    /* The counts add to 100, whatever the game's month. */
    UiDebriefBins bins;
    ui_debrief_bins(&a, 0, 1, &bins);
    int sum = 0;
    for (int k = 0; k < bins.n; k++)
        sum += bins.count[k];
    CHECK_MSG(sum == 100, "%d in the bars", sum);
    /* Not all the same world: the seeds differ (some break, some hold, or the months differ). */
    int differ = 0;
    for (int k = 1; k < 100; k++)
        differ += a.broke[k] != a.broke[0];
    CHECK_MSG(differ > 0, "all 100 worlds ended alike");
    /* World k is the game played with seed app_worlds_seed(seed, k), the same seats. */
    int ks[3] = {0, 37, 99};
    for (int j = 0; j < 3; j++) {
        int m = direct(base, 1, app_worlds_seed(seed, ks[j]));
        CHECK_MSG(m == a.broke[ks[j]], "world %d: %d, its game %d", ks[j], a.broke[ks[j]], m);
    }
    /* This game's own month lands in its bar. */
    int mine = direct(base, 1, seed);
    ui_debrief_bins(&a, mine, 1, &bins);
    CHECK(mine > 0 ? bins.yours == (mine - 1) / bins.width : bins.yours == bins.n - 1);
    app_game_free(g);

    /* A person at OpenAI: replayed by its playbook, as a game of every role's playbook is. */
    static const AppStrategyChoice person[] = {{"all", "playbook"}, {"openai", "human"}};
    static const AppStrategyChoice books[] = {{"all", "playbook"}};
    AppGame *h = new_game(person, 2, seed), *k = new_game(books, 1, seed);
    if (h && k) {
        UiDebriefWorlds hp, kp;
        t0 = now();
        worlds_of(k, UI_DEBRIEF_WORLDS, 0, &kp);
        printf("100 worlds, playbook seats: %.2f s on one thread\n", now() - t0);
        worlds_of(h, UI_DEBRIEF_WORLDS, 2, &hp);
        int hub = h->world->sc->hub;
        CHECK(hp.people == (uint64_t)1 << hub && hp.baseline == 0 && kp.people == 0);
        CHECK_MSG(memcmp(hp.broke, kp.broke, sizeof hp.broke) == 0,
                  "the person's role replayed differs from its playbook");
    }
    app_game_free(h);
    app_game_free(k);
    TEST_END();
}
