/* test_app_compare: the game with and without the teacher's change (app_compare), the lever
 * panel's comparison. With Lua playbooks on every seat (and once with a person's seat):
 *  - the unchanged game is the same game without the change: played beside the changed one, it
 *    ends exactly as the same seed played straight without any lever (the same hash);
 *  - the comparison changes nothing of the real game: played with one, the changed game ends
 *    in the same hash and saves to the same bytes as without (saved_at aside);
 *  - the two worlds part (the hub's value differs) and the sentence says it from both, in
 *    English and Chinese; before a month is played it says the game waits; a default in only one
 *    world is said as such;
 *  - a lever moved in the same month joins the comparison, one in a later month starts another;
 *  - a saved game gets its comparison back by replay (app_compare_rebuild), the same game;
 *  - a person's queued moves are played in both games.
 * The time a month of the unchanged game takes is printed (docs/performance.md). */
#define _POSIX_C_SOURCE 200809L
#include "app_compare.h"
#include "app_save.h"
#include "core_text.h"
#include "sim_lever.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static AppGame *game(const AppStrategyChoice *c, int n, uint64_t seed)
{
    AppGameSpec spec = {CL_SCENARIO, 1, seed, c, n, NULL, 1, NULL};
    char err[1024] = "";
    int status = 0;
    AppGame *g = app_game_new(&spec, &status, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    return g;
}

static const AppStrategyChoice books[] = {{"all", "playbook"}};

/* A month of g, and first of the comparison c's unchanged game when there is one. */
static void month(AppGame *g, AppCompare *c)
{
    char err[512] = "";
    if (c)
        CHECK_MSG(app_compare_step(c, g->world, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(sim_turn_step(g->world, err, sizeof err) >= 0, "%s", err);
}

static void change(SimWorld *w)
{
    char err[256] = "";
    CHECK(sim_lever_set(w, SIM_LEVER_REVENUE_GROWTH, 2.5, err, sizeof err) == 0);
    CHECK(sim_lever_set(w, SIM_LEVER_INTEREST, 0.02, err, sizeof err) == 0);
}

/* The file at path, its "saved_at" line left out. */
static char *read_save(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 24), line[1 << 14];
    size_t used = 0;
    while (buf && fgets(line, sizeof line, f))
        if (!strstr(line, "\"saved_at\"")) {
            size_t n = strlen(line);
            if (used + n + 1 < (1 << 24)) {
                memcpy(buf + used, line, n);
                used += n;
            }
        }
    fclose(f);
    return buf;
}

static void same_game(uint64_t seed)
{
    AppGame *a = game(books, 1, seed), *b = game(books, 1, seed), *plain = game(books, 1, seed);
    if (!a || !b || !plain)
        goto done;
    for (int k = 0; k < 3; k++) {
        month(a, NULL);
        month(b, NULL);
        month(plain, NULL);
    }
    char err[1024] = "", s[640];
    CHECK(app_compare_wants_new(NULL, a->world));
    AppCompare *c = app_compare_begin(a, err, sizeof err);
    CHECK_MSG(c != NULL, "%s", err);
    if (!c)
        goto done;
    CHECK(c->from == 3 && !app_compare_wants_new(c, a->world));
    change(a->world);
    change(b->world);
    /* Before a month: nothing to compare yet, and the sentence says so. */
    CHECK(app_compare_sentence(c, a->world, s, sizeof s) > 0 && strstr(s, "Play on"));
    double worst = 0, sum = 0;
    for (int k = 0; k < 24; k++) {
        month(a, c);
        month(b, NULL);
        month(plain, NULL);
        sum += c->step_ms;
        worst = c->step_ms > worst ? c->step_ms : worst;
        CHECK(app_compare_world(c)->turn == a->world->turn);
    }
    printf("seed %llu: a month of the unchanged game: %.1f ms on average, %.1f ms at most\n",
           (unsigned long long)seed, sum / 24, worst);
    const SimWorld *u = app_compare_world(c);
    /* The unchanged game is the game played without the change. */
    CHECK_MSG(sim_world_hash(u) == sim_world_hash(plain->world),
              "seed %llu: the unchanged game is not the game without the change",
              (unsigned long long)seed);
    CHECK(sim_lever_get(u, SIM_LEVER_INTEREST) != sim_lever_get(a->world, SIM_LEVER_INTEREST));
    /* The comparison changed nothing of the real game, to the byte of its save. */
    CHECK_MSG(sim_world_hash(a->world) == sim_world_hash(b->world),
              "seed %llu: the comparison changed the real game", (unsigned long long)seed);
    char pa[64], pb[64];
    snprintf(pa, sizeof pa, "/tmp/cl_compare_a_%d.json", (int)getpid());
    snprintf(pb, sizeof pb, "/tmp/cl_compare_b_%d.json", (int)getpid());
    CHECK_MSG(app_game_save(a, pa, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(app_game_save(b, pb, err, sizeof err) == 0, "%s", err);
    char *ta = read_save(pa), *tb = read_save(pb);
    CHECK(ta && tb && strlen(ta) > 1000 && strcmp(ta, tb) == 0);
    free(ta);
    free(tb);
    unlink(pa);
    unlink(pb);
    /* The worlds parted, and the sentence says so from both. */
    int hub = u->sc->hub;
    double va = sim_snap(a->world, a->world->turn, hub)->market_value,
           vu = sim_snap(u, u->turn, hub)->market_value;
    CHECK_MSG(va != vu, "the change made no difference (%g)", va);
    CHECK(app_compare_sentence(c, a->world, s, sizeof s) > 0);
    CHECK_MSG(strstr(s, "OpenAI") && (strstr(s, "with your change") || strstr(s, "with it")), "%s",
              s);
    printf("  %s\n", s);
    test_lang_use(CORE_LANG_ZH);
    CHECK(app_compare_sentence(c, a->world, s, sizeof s) > 0);
    CHECK_MSG(strstr(s, "改动") && !strstr(s, "lever."), "%s", s);
    printf("  %s\n", s);
    test_lang_use(CORE_LANG_EN);
    /* Saved and loaded, the game gets its comparison back by replay: the same game without the
     * change as the one played beside it. */
    CHECK_MSG(app_game_save(a, pa, err, sizeof err) == 0, "%s", err);
    int status = 0;
    AppGame *l = app_game_load(pa, NULL, &status, err, sizeof err);
    CHECK_MSG(l != NULL, "%s", err);
    AppCompare *r = l ? app_compare_rebuild(l, err, sizeof err) : NULL;
    CHECK_MSG(r != NULL, "rebuilt: %s", err);
    if (r) {
        CHECK(r->from == c->from && app_compare_world(r)->turn == u->turn);
        CHECK_MSG(sim_world_hash(app_compare_world(r)) == sim_world_hash(u),
                  "seed %llu: the rebuilt comparison is another game", (unsigned long long)seed);
        month(l, r);
        month(a, c);
        CHECK(sim_world_hash(app_compare_world(r)) == sim_world_hash(app_compare_world(c)));
    }
    app_compare_free(r);
    app_game_free(l);
    unlink(pa);
    /* A game with no lever change has nothing to rebuild, and says no reason. */
    r = app_compare_rebuild(plain, err, sizeof err);
    CHECK(r == NULL && err[0] == '\0');
    /* A lever in a later month starts a comparison of its own. */
    CHECK(app_compare_wants_new(c, a->world));
    app_compare_free(c);
done:
    app_game_free(a);
    app_game_free(b);
    app_game_free(plain);
}

/* A default in the unchanged game alone is said as such (the record of one world, marked). */
static void default_sentence(void)
{
    AppGame *a = game(books, 1, 3);
    if (!a)
        return;
    char err[1024] = "", s[640];
    month(a, NULL);
    AppCompare *c = app_compare_begin(a, err, sizeof err);
    CHECK_MSG(c != NULL, "%s", err);
    if (!c) {
        app_game_free(a);
        return;
    }
    change(a->world);
    for (int k = 0; k < 4; k++)
        month(a, c);
    SimWorld *u = c->base->world;
    int hub = u->sc->hub;
    SimEvent *e = sim_world_log(u, SIM_LOG_DEFAULT, hub, -1, -1);
    CHECK(e != NULL);
    if (e)
        e->turn = 2;                            /* in the third month played */
    CHECK(sim_default_turn(a->world, hub) < 0); /* the changed game's hub stands */
    {
        app_compare_sentence(c, a->world, s, sizeof s);
        char m[64];
        core_tr_month(u->sc->start + 2, m, sizeof m);
        CHECK_MSG(strstr(s, "Without your change OpenAI defaults in") && strstr(s, m) &&
                      strstr(s, "still solvent"),
                  "%s", s);
        printf("  %s\n", s);
    }
    app_compare_free(c);
    app_game_free(a);
}

/* A person's queued moves are played in both games. */
static void person(void)
{
    static const AppStrategyChoice c2[] = {{"all", "playbook"}, {"openai", "human"}};
    AppGame *a = game(c2, 2, 11);
    if (!a)
        return;
    SimWorld *w = a->world;
    int me = w->sc->hub, other = me == 0 ? 1 : 0;
    char err[1024] = "";
    AppCompare *c = app_compare_begin(a, err, sizeof err);
    CHECK_MSG(c != NULL, "%s", err);
    if (!c) {
        app_game_free(a);
        return;
    }
    change(w);
    SimIntentList *q = sim_strategy_queue(&w->actors[me].strategy);
    CHECK(q != NULL);
    if (q) {
        SimIntent in = {.kind = SIM_INTENT_PROPOSE,
                        .deal = -1,
                        .terms = {.kind = SIM_DEAL_COMPUTE,
                                  .payer = me,
                                  .payee = other,
                                  .amount = 7.0,
                                  .months = 24,
                                  .gw = 0.1},
                        .history_event = -1,
                        .actor = -1};
        q->v[q->n++] = in;
    }
    month(a, c);
    const SimWorld *u = app_compare_world(c);
    int found[2] = {0, 0};
    for (int k = 0; k < w->n_deals; k++)
        found[0] += w->deals[k].proposer == me && w->deals[k].t.amount == 7.0;
    for (int k = 0; k < u->n_deals; k++)
        found[1] += u->deals[k].proposer == me && u->deals[k].t.amount == 7.0;
    CHECK_MSG(found[0] == 1 && found[1] == 1, "the person's offer: %d in the game, %d unchanged",
              found[0], found[1]);
    app_compare_free(c);
    app_game_free(a);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    same_game(5);
    same_game(21);
    default_sentence();
    person();
    TEST_END();
}
