/* test_save_kill: a writer killed in the middle of a save leaves the previous save whole.
 *
 * A child process saves two games in turn over one path (and, in a second round, autosaves into a
 * folder) as fast as it can; the parent kills it with SIGKILL after a random delay, then loads
 * the file: it must load whole and be one of the two games. The delays come from a seeded stream,
 * so a failure can be run again. */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"
#include "core_rng.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 40

static AppGame *game_at(int turns)
{
    static const AppStrategyChoice c[] = {{"all", "playbook"}};
    AppGame *g = test_game_new(CL_SCENARIO, 77, c, 1);
    char err[1024];
    for (int k = 0; g && k < turns; k++)
        sim_turn_step(g->world, err, sizeof err);
    return g;
}

static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int count_temps(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] == '.' && strstr(e->d_name, ".json.") != NULL;
    if (d)
        closedir(d);
    return n;
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char dir[] = "/tmp/cl_test_kill.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[512], err[1024], autodir[512];
    snprintf(path, sizeof path, "%s/game.json", dir);
    snprintf(autodir, sizeof autodir, "%s/auto", dir);
    AppGame *a = game_at(30), *b = game_at(31);
    if (!a || !b)
        return 1;
    uint64_t ha = sim_world_hash(a->world), hb = sim_world_hash(b->world);
    /* How long one save takes here (sanitizers make it 10 times slower): the kills land within
     * about three saves' time, most of them in the middle of one. */
    double t0 = now_us();
    CHECK(app_game_save(a, path, err, sizeof err) == 0);
    CHECK(app_autosave(a, autodir, 3, NULL, 0, err, sizeof err) == 0);
    double one = (now_us() - t0) / 2.0;
    CoreRng rng;
    core_rng_seed(&rng, 2026);
    int loaded = 0, temps = 0, listed = 0;
    for (int round = 0; round < 2 * ROUNDS; round++) {
        int autosave = round >= ROUNDS;
        pid_t pid = fork();
        if (pid == 0) {
            for (unsigned k = 0;; k++) {
                const AppGame *g = k % 2 ? a : b;
                if (autosave)
                    app_autosave(g, autodir, 3, NULL, 0, err, sizeof err);
                else
                    app_game_save(g, path, err, sizeof err);
            }
        }
        CHECK(pid > 0);
        sleep_us(200 + (long)(core_rng_uniform(&rng) * 3.0 * one));
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
        if (!autosave) {
            int status;
            temps += count_temps(dir);
            AppGame *g = app_game_load(path, NULL, &status, err, sizeof err);
            CHECK_MSG(g != NULL, "round %d: %s", round, err);
            if (g) {
                uint64_t h = sim_world_hash(g->world);
                CHECK(h == ha || h == hb);
                loaded++;
            }
            app_game_free(g);
        } else {
            temps += count_temps(autodir);
            AppSaveEntry *list;
            int n;
            CHECK(app_autosave_list(autodir, &list, &n, err, sizeof err) == 0);
            for (int k = 0; k < n; k++) {
                int status;
                AppGame *g = app_game_load(list[k].path, NULL, &status, err, sizeof err);
                CHECK_MSG(g != NULL && list[k].ok, "round %d: %s", round, err);
                app_game_free(g);
                loaded += g != NULL;
            }
            /* No bound on n here: a writer killed after its new file and before its clean-up
             * leaves one more each time, until a writer gets through (checked below). */
            listed += n;
            free(list);
        }
    }
    /* The next autosave clears what killed writers left behind: temp files and autosaves beyond
     * the newest three. */
    CHECK(app_autosave(a, autodir, 3, NULL, 0, err, sizeof err) == 0);
    CHECK(count_temps(autodir) == 0);
    {
        AppSaveEntry *list;
        int n = -1;
        CHECK(app_autosave_list(autodir, &list, &n, err, sizeof err) == 0);
        CHECK_MSG(n == 3, "%d autosaves after a complete one", n);
        if (n >= 0)
            free(list);
    }
    printf("%d kills within %.0f ms (3 saves), %d saves loaded whole (%d autosaves listed), %d "
           "temp files left by killed writers\n",
           2 * ROUNDS, 3.0 * one / 1000.0, loaded, listed, temps);
    CHECK(listed > 0);
    app_game_free(a);
    app_game_free(b);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    TEST_END();
}
