/* test_app_class: the classroom's cards follow the game. In the crypto scenario with every seat
 * played by history, June 2022 brings the cards of Three Arrows' default and of DCG's note that
 * answered it; with Three Arrows played freely (it keeps trading), neither card comes, while the
 * month's other cards (Celsius's pause, Alameda's lines to Voyager) still do. */
#include "app_class.h"
#include "dat_scenario.h"
#include "sim_strategy.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_util.h"

#include <string.h>

#define CRYPTO CL_TESTDATA "/../../assets/scenarios/crypto-2022.json"

static int has_card(const AppClass *c, const SimWorld *w, const char *id)
{
    for (int k = 0; k < c->n_cards; k++)
        if (c->cards[k] >= 0 && strcmp(w->sc->events[c->cards[k]].id, id) == 0)
            return 1;
    return 0;
}

static void june_cards(const SimScenario *sc, int free_threeac)
{
    char err[512] = "";
    SimWorld *w = sim_world_create(sc, 1, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        if (free_threeac && strcmp(sc->actors[i].id, "threeac") == 0)
            sim_strategy_passive(&s);
        else
            sim_strategy_history(&s);
        sim_world_set_strategy(w, i, s);
    }
    AppClass *c = app_class_create(w, err, sizeof err);
    CHECK_MSG(c != NULL, "%s", err);
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    for (int k = 0; k < 3 && c; k++) { /* April, May, June 2022 */
        CHECK_MSG(sim_turn_step(w, err, sizeof err) == 0, "%s", err);
        app_class_month(c, w);
    }
    if (c) {
        CHECK(has_card(c, w, "celsius-pause") && has_card(c, w, "alameda-voyager-line"));
        CHECK_MSG(has_card(c, w, "threeac-default") == !free_threeac,
                  "3AC %s: its default's card %s", free_threeac ? "free" : "history",
                  has_card(c, w, "threeac-default") ? "shown" : "not shown");
        CHECK(has_card(c, w, "dcg-note") == !free_threeac);
    }
    app_class_destroy(c);
    sim_world_destroy(w);
}

int main(void)
{
    char err[1024] = "";
    SimScenario *sc = dat_scenario_load(CRYPTO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (sc) {
        june_cards(sc, 0);
        june_cards(sc, 1);
    }
    sim_scenario_free(sc);
    TEST_END();
}
