/* test_sim_net_game: exposure, circularity and FOMO counted over the whole network of a game, not
 * only towards the hub (issue 12, item 1).
 *
 * - The telecom loop of 2000 (tests/data/telecom/, history seats): Nortel lends Global Crossing,
 *   the second borrower, the money with which Global Crossing buys Nortel's optics. Nortel's
 *   circularity (as a vendor of Global Crossing) and its exposure to Global Crossing are above 0,
 *   though Nortel has no deal with the hub; both are 0 towards the hub; Nortel is bound to a
 *   borrower (FOMO) and Corning, which signs nothing, is not.
 * - A fixture game where money comes back along a path: Nvidia lends Oracle, Oracle invests in
 *   the hub, the hub buys compute from Nvidia. Nvidia never financed the hub directly (the
 *   earmarked figure of the ledger is 0), yet part of what the hub paid it was its own money.
 * - The baseline rule in the same loop: a giant's own offers go to a borrower still standing, the
 *   hub or Global Crossing (which Nortel's 1999 facility makes one), and some go to Global
 *   Crossing; none goes to a firm that has failed.
 * - The snapshot's summary figures are the matrix's: total exposure is the row's sum and equals
 *   sim_exposure summed; the largest counterparty is the row's largest entry. */
#include "dat_scenario.h"
#include "sim_fixture.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_util.h"

#include <math.h>
#include <string.h>

#define HUB    FX_HUB
#define NVIDIA 1
#define ORACLE 2

static int actor(const SimWorld *w, const char *id)
{
    for (int i = 0; i < w->n; i++)
        if (strcmp(w->sc->actors[i].id, id) == 0)
            return i;
    CHECK_MSG(0, "no actor %s", id);
    return 0;
}

/* The snapshot of turn t against the matrix and the functions, while the world is at turn t. */
static void check_summary(const SimWorld *w, const char *what)
{
    for (int i = 0; i < w->n; i++) {
        const SimSnap *s = sim_snap(w, w->turn, i);
        double sum = 0.0, top = 0.0;
        int who = -1;
        for (int j = 0; j < w->n; j++) {
            double x = w->net_exposure[i * w->n + j];
            double f = sim_exposure(w, i, j);
            CHECK_MSG(fabs(x - f) <= 1e-9 * (1.0 + f), "%s: exposure of %d to %d: %g vs %g", what,
                      i, j, x, f);
            sum += x;
            if (x > top) {
                top = x;
                who = j;
            }
        }
        CHECK_MSG(fabs(s->exposure - sum) <= 1e-9 * (1.0 + sum), "%s: actor %d total", what, i);
        CHECK_MSG(s->top == who && s->exposure_top == top, "%s: actor %d top %d vs %d", what, i,
                  s->top, who);
        CHECK_MSG(s->circularity >= 0.0 && s->circularity <= 1.0, "%s: circularity %g", what,
                  s->circularity);
    }
}

/* The telecom loop (tests/data/telecom/) from `seed`, every role played by the native strategy
 * `strategy`; NULL (after a failed check) if it does not load. *sc gets the scenario to free. */
static SimWorld *telecom_world(uint64_t seed, const char *strategy, SimScenario **sc)
{
    char err[512] = "";
    *sc = dat_scenario_load(CL_TESTDATA "/telecom/telecom-2000.json", err, sizeof err);
    CHECK_MSG(*sc != NULL, "%s", err);
    if (!*sc)
        return NULL;
    SimWorld *w = sim_world_create(*sc, seed, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w) {
        sim_scenario_free(*sc);
        *sc = NULL;
        return NULL;
    }
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        CHECK(sim_strategy_native(strategy, &s) == 0);
        sim_world_set_strategy(w, i, s);
    }
    return w;
}

static void test_telecom_second_borrower(void)
{
    char err[512] = "";
    SimScenario *sc;
    SimWorld *w = telecom_world(1, "history", &sc);
    if (!w)
        return;
    int hub = w->sc->hub, nortel = actor(w, "nortel"), gx = actor(w, "globalcrossing");
    int corning = actor(w, "corning"), lucent = actor(w, "lucent");
    /* Nortel's 1999 facility, a deal the scenario starts with, makes Global Crossing a borrower
     * from the first day. */
    CHECK(sim_world_is_borrower(w, hub) && sim_world_is_borrower(w, gx));
    int rc = sim_turn_start(w, err, sizeof err);
    double peak_circ = 0.0, peak_exp = 0.0;
    while (rc == 0) {
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "turn %d: %s", w->turn, err);
        if (rc < 0)
            break;
        check_summary(w, "telecom");
        const SimSnap *s = sim_snap(w, w->turn, nortel);
        peak_circ = fmax(peak_circ, s->circularity);
        if (s->exposure > peak_exp) {
            peak_exp = s->exposure;
            CHECK_MSG(s->top == gx, "turn %d: Nortel's largest counterparty is %d", w->turn,
                      s->top);
        }
        /* Nortel deals with Global Crossing alone: nothing of it is towards the hub. */
        CHECK(w->net_exposure[nortel * w->n + hub] == 0.0);
        CHECK(sim_circularity(w, hub, nortel) == 0.0);
    }
    printf("telecom, history, seed 1: Nortel's peak circularity %.3f (of what Global Crossing "
           "paid it: %.3f), peak exposure $%.2fB (to Global Crossing); Lucent's as the hub's "
           "vendor %.3f\n",
           peak_circ, sim_circularity(w, gx, nortel), peak_exp, sim_circularity(w, hub, lucent));
    CHECK_MSG(peak_circ > 0.05, "Nortel's circularity %g", peak_circ);
    CHECK_MSG(peak_exp > 1.0, "Nortel's exposure %g", peak_exp);
    CHECK(sim_circularity(w, gx, nortel) > 0.05);
    CHECK(sim_circularity(w, -1, nortel) == sim_snap(w, w->turn, nortel)->circularity);
    /* The hub's vendor keeps its circularity too: the star is the special case. */
    CHECK(sim_circularity(w, hub, lucent) > 0.05);
    /* FOMO over the network: Global Crossing borrowed, so Nortel is bound to a borrower. */
    CHECK(sim_world_is_borrower(w, gx));
    CHECK(w->actors[nortel].joined && !w->actors[corning].joined);
    CHECK(!sim_world_is_borrower(w, corning));
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

static void test_telecom_baseline_counterparties(void)
{
    char err[512] = "";
    SimScenario *sc;
    SimWorld *w = telecom_world(100, "baseline", &sc);
    if (!w)
        return;
    int hub = w->sc->hub, gx = actor(w, "globalcrossing");
    int failed[64] = {0}, to_gx = 0, to_hub = 0, seen = 0;
    CHECK(w->n <= 64);
    int rc = sim_turn_start(w, err, sizeof err);
    while (rc == 0) {
        for (int i = 0; i < w->n; i++)
            failed[i] = w->actors[i].defaulted;
        int first_new = w->n_deals;
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "turn %d: %s", w->turn, err);
        if (rc < 0)
            break;
        for (int k = first_new; k < w->n_deals; k++) {
            const SimDeal *d = &w->deals[k];
            int me = d->proposer, other = d->t.payer == me ? d->t.payee : d->t.payer;
            if (me == hub || other < 0)
                continue;
            seen++;
            CHECK_MSG(other == hub || sim_world_is_borrower(w, other),
                      "turn %d: actor %d offered to %d, not a borrower", w->turn, me, other);
            CHECK_MSG(!failed[other], "turn %d: actor %d offered to %d, failed", w->turn, me,
                      other);
            to_gx += other == gx;
            to_hub += other == hub;
        }
    }
    printf("telecom, baseline, seed 100: %d offers of giants, %d to the hub, %d to Global "
           "Crossing\n",
           seen, to_hub, to_gx);
    CHECK(to_hub > 0 && to_gx > 0);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

static void test_path_fixture(void)
{
    SimScenario *sc = fx_scenario(2, 16);
    fx_quiet(sc);
    fx_rich(sc);
    /* Little cash of their own, so that the loan is most of what Oracle spends and Oracle's
     * money most of what the hub spends. */
    sc->actors[HUB].cash = 5.0;
    sc->actors[ORACLE].cash = 5.0;
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, 3, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA), *orc = fx_script(w, ORACLE);
    /* The loan is drawn over months 1-6 and repaid over months 7-12: Oracle invests while it
     * still holds Nvidia's money, and the hub pays Nvidia while it holds Oracle's. */
    fx_propose(nv, 0, fx_terms(SIM_DEAL_LOAN, NVIDIA, ORACLE, 30.0, 6));
    fx_answer(orc, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_propose(orc, 1, fx_terms(SIM_DEAL_EQUITY, ORACLE, HUB, 30.0, 6));
    fx_answer(h, 2, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_propose(h, 2, fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 30.0, 6));
    fx_answer(nv, 3, SIM_INTENT_ACCEPT, FX_OPEN);
    int rc = sim_turn_start(w, err, sizeof err);
    while (rc == 0) {
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "turn %d: %s", w->turn, err);
        check_summary(w, "path");
    }
    int done = 0;
    for (int k = 0; k < w->n_deals; k++)
        done += w->deals[k].status == SIM_DS_COMPLETED;
    CHECK_MSG(done >= 3, "%d deals completed", done);
    double c = sim_circularity(w, HUB, NVIDIA);
    printf("path: Nvidia lent Oracle, Oracle invested in the hub, the hub paid Nvidia: %.3f of "
           "it was Nvidia's own money (earmarked to the hub: %.3f)\n",
           c, sim_ledger_circularity(&w->ledger, HUB, NVIDIA));
    CHECK(sim_ledger_circularity(&w->ledger, HUB, NVIDIA) == 0.0);
    CHECK_MSG(c > 0.1 && c <= 1.0, "traced %g", c);
    CHECK(sim_snap(w, w->turn, NVIDIA)->circularity == c);
    /* Oracle received money but sold nothing: no circularity. */
    CHECK(sim_snap(w, w->turn, ORACLE)->circularity == 0.0);
    /* Oracle is a borrower (Nvidia lent it), so Nvidia bound itself to one by lending. */
    CHECK(sim_world_is_borrower(w, ORACLE) && w->actors[NVIDIA].joined);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

int main(void)
{
    test_telecom_second_borrower();
    test_telecom_baseline_counterparties();
    test_path_fixture();
    TEST_END();
}
