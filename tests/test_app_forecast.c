/* test_app_forecast: the other side's likely answer asked of its script on a copy of the game
 * (app_game_forecast). The answer is one a seat gives (accept, refuse, counter, wait) with its
 * reason; the same question gets the same answer; asking changes nothing: a game asked many times
 * plays on to the same bytes as one never asked; and it is quick enough to ask after every change
 * of the terms (the times, at months 3 and 60, are printed). */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"
#include "dat_history.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static AppGame *new_game(void)
{
    static const AppStrategyChoice c[] = {{"all", "playbook"}, {"openai", "human"}};
    return test_game_new(CL_SCENARIO, 5, c, 2);
}

static void play(AppGame *g, int turns)
{
    char err[512];
    for (int k = 0; k < turns; k++)
        CHECK_MSG(sim_turn_step(g->world, err, sizeof err) >= 0, "%s", err);
}

static int actor(const SimWorld *w, const char *id)
{
    for (int i = 0; i < w->n; i++)
        if (strcmp(w->sc->actors[i].id, id) == 0)
            return i;
    return -1;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    AppGame *a = new_game(), *b = new_game();
    if (!a || !b)
        return 1;
    play(a, 3);
    play(b, 3);
    SimWorld *w = a->world;
    int me = actor(w, "openai"), ms = actor(w, "microsoft"), nv = actor(w, "nvidia");
    CHECK(me >= 0 && ms >= 0 && nv >= 0);
    uint64_t before = sim_world_hash(w);
    char reason[SIM_REASON_LEN], again[SIM_REASON_LEN], err[512];
    int kinds[SIM_INTENT_KIND_COUNT] = {0};
    double worst = 0.0;
    const int others[] = {ms, nv};
    const double amounts[] = {5.0, 100.0, 900.0};
    for (int o = 0; o < 2; o++)
        for (int i = 0; i < 3; i++) {
            SimTerms t = {.kind = SIM_DEAL_COMPUTE,
                          .payer = me,
                          .payee = others[o],
                          .amount = amounts[i],
                          .months = 48,
                          .gw = 1.0};
            double t0 = now_ms();
            int ans =
                app_game_forecast(a, me, others[o], &t, reason, sizeof reason, err, sizeof err);
            double dt = now_ms() - t0;
            worst = dt > worst ? dt : worst;
            CHECK_MSG(ans == SIM_INTENT_ACCEPT || ans == SIM_INTENT_REJECT ||
                          ans == SIM_INTENT_COUNTER || ans == SIM_INTENT_PASS,
                      "answer %d: %s", ans, err);
            if (ans >= 0 && ans < SIM_INTENT_KIND_COUNT)
                kinds[ans]++;
            if (ans != SIM_INTENT_PASS)
                CHECK_MSG(reason[0] != '\0', "no reason for answer %d", ans);
            /* The same question, the same answer. */
            CHECK(app_game_forecast(a, me, others[o], &t, again, sizeof again, err, sizeof err) ==
                      ans &&
                  strcmp(reason, again) == 0);
        }
    CHECK(kinds[SIM_INTENT_ACCEPT] + kinds[SIM_INTENT_REJECT] + kinds[SIM_INTENT_COUNTER] > 0);
    printf("app_game_forecast: at most %.1f ms a question (month 3 of the 2025 game)\n", worst);
    /* A bound for pathologies only: the sanitizers' build runs 10-30 times slower (0.8 s here). */
    CHECK_MSG(worst < 5000.0, "%.0f ms", worst);
    /* Nothing changed: the world, and the games played on from here. */
    CHECK(sim_world_hash(w) == before && sim_world_hash(b->world) == before);
    play(a, 6);
    play(b, 6);
    CHECK(sim_world_hash(a->world) == sim_world_hash(b->world));
    char *ha = dat_history_text(a->world, NULL, err, sizeof err);
    char *hb = dat_history_text(b->world, NULL, err, sizeof err);
    CHECK(ha && hb && strcmp(ha, hb) == 0);
    free(ha);
    free(hb);
    /* Late in the game (month 60: a longer record to copy), still quick enough. */
    play(a, 51);
    SimTerms late = {
        .kind = SIM_DEAL_COMPUTE, .payer = me, .payee = ms, .amount = 50, .months = 24};
    double t0 = now_ms();
    int ans = app_game_forecast(a, me, ms, &late, reason, sizeof reason, err, sizeof err);
    double dt = now_ms() - t0;
    printf("app_game_forecast: %.1f ms at month %d\n", dt, a->world->turn);
    CHECK_MSG(ans >= 0 && dt < 5000.0, "answer %d in %.0f ms: %s", ans, dt, err);
    /* A seat that is not an actor is refused with a message. */
    SimTerms t = {.kind = SIM_DEAL_COMPUTE, .payer = me, .payee = ms, .amount = 1, .months = 1};
    CHECK(app_game_forecast(a, me, w->n, &t, reason, sizeof reason, err, sizeof err) == -1 &&
          err[0]);
    app_game_free(a);
    app_game_free(b);
    TEST_END();
}
