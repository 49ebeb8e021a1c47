/* test_app_game: a game started as the binary starts one (app_game_new: the scenario file, the
 * seed, the --strategy choices), reporting through test_util's CHECK. Static inline: a test uses
 * what it needs. */
#ifndef TEST_APP_GAME_H
#define TEST_APP_GAME_H

#include "app_save.h"
#include "test_util.h"

#include <stdint.h>

/* The game of `scenario` (NULL: the default one) at `seed`, seated by the n choices c; NULL (a
 * failed check) if it cannot start. The caller frees it with app_game_free. */
static inline AppGame *test_game_new(const char *scenario, uint64_t seed,
                                     const AppStrategyChoice *c, int n)
{
    AppGameSpec spec = {scenario, 1, seed, c, n, NULL, 1, NULL};
    int status = 0;
    char err[1024] = "";
    AppGame *g = app_game_new(&spec, &status, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    return g;
}

#endif
