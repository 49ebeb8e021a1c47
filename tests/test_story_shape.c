/* test_story_shape: left free (no history mode), the Lua playbooks reproduce the shape of the
 * 2025 story in most seeds. Each check below is one sentence of the story, measured on the game's
 * record; the test plays 100 seeds, prints the share that meets each, and requires at least 80%
 * for each (docs/model.md quotes the shares). */
#include "app_seat.h"
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_world.h"
#include "test_lang.h"
#include "test_util.h"

#include <string.h>

#define SEEDS    100
#define REQUIRED 0.80

enum { SOFTBANK_FIRST, MICROSOFT_HEDGES, NVIDIA_AFTER_THREAT, AMD_WARRANTS, CIRCULAR, N_CHECKS };

static const char *check_names[N_CHECKS] = {
    "SoftBank commits first and biggest",
    "Microsoft declines to fund the build-out but keeps its rights",
    "Nvidia's deal comes after a rival threat",
    "the AMD deal carries warrants",
    "vendor financing makes some flows circular (a vendor above 5%)",
};

static int is_funding(SimDealKind k)
{
    return k == SIM_DEAL_EQUITY || k == SIM_DEAL_LOAN || k == SIM_DEAL_GUARANTEE ||
           k == SIM_DEAL_JOINT_VENTURE;
}

/* A deal signed between the hub and someone else (accepted, whatever happened after). */
static int signed_with_hub(const SimWorld *w, const SimDeal *d)
{
    int hub = w->sc->hub;
    return d->start_turn >= 0 && (d->t.payer == hub || d->t.payee == hub);
}

/* What the payer puts at stake. */
static double committed(const SimDeal *d)
{
    return d->t.kind == SIM_DEAL_JOINT_VENTURE ? d->t.amount * d->t.rate : d->t.amount;
}

static void judge(const SimWorld *w, int ok[N_CHECKS])
{
    const SimScenario *sc = w->sc;
    int hub = sc->hub, softbank = sim_scenario_find_actor(sc, "softbank");
    int microsoft = sim_scenario_find_actor(sc, "microsoft");
    int nvidia = sim_scenario_find_actor(sc, "nvidia"), amd = sim_scenario_find_actor(sc, "amd");
    /* SoftBank: the first giant to put money into the hub, and the largest such commitment. */
    int first = -1;
    double biggest = 0.0;
    int biggest_by = -1;
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (!signed_with_hub(w, d) || d->t.payee != hub || !is_funding(d->t.kind))
            continue;
        if (first < 0 || d->decided_turn < w->deals[first].decided_turn)
            first = k;
        if (committed(d) > biggest) {
            biggest = committed(d);
            biggest_by = d->t.payer;
        }
    }
    ok[SOFTBANK_FIRST] =
        first >= 0 && w->deals[first].t.payer == softbank && biggest_by == softbank;
    /* Microsoft: refused at least one offer to fund the hub, funded nothing, kept its revenue
     * share (never released). */
    int refused = 0, funded = 0, kept = 0;
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (d->t.payer == microsoft && d->t.payee == hub && is_funding(d->t.kind)) {
            refused += d->status == SIM_DS_REJECTED;
            funded += d->start_turn >= 0;
        }
        if (d->t.kind == SIM_DEAL_REVENUE_SHARE && d->t.payee == microsoft &&
            d->status != SIM_DS_RELEASED)
            kept = 1;
    }
    ok[MICROSOFT_HEDGES] = refused > 0 && funded == 0 && kept;
    /* Nvidia: its first deal with the hub signed at or after the first threat to it. */
    int threat_turn = -1, nvidia_turn = -1;
    for (int e = 0; e < w->n_events; e++)
        if (w->events[e].kind == SIM_LOG_NEWS && w->events[e].other == nvidia && threat_turn < 0)
            threat_turn = w->events[e].turn;
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (signed_with_hub(w, d) && (d->t.payer == nvidia || d->t.payee == nvidia) &&
            (nvidia_turn < 0 || d->decided_turn < nvidia_turn))
            nvidia_turn = d->decided_turn;
    }
    ok[NVIDIA_AFTER_THREAT] = nvidia_turn >= 0 && threat_turn >= 0 && nvidia_turn >= threat_turn;
    /* AMD: a supply deal with the hub signed in the same turn as warrants AMD grants it. */
    int amd_ok = 0;
    for (int k = 0; k < w->n_deals && !amd_ok; k++) {
        const SimDeal *d = &w->deals[k];
        if (!signed_with_hub(w, d) || d->t.payer != amd || d->t.kind != SIM_DEAL_WARRANTS)
            continue;
        for (int j = 0; j < w->n_deals; j++) {
            const SimDeal *s = &w->deals[j];
            amd_ok |= signed_with_hub(w, s) && s->t.payee == amd &&
                      s->decided_turn == d->decided_turn && !is_funding(s->t.kind);
        }
    }
    ok[AMD_WARRANTS] = amd_ok;
    /* Circularity: some vendor's payments from the hub were more than 5% self-financed. */
    int circ = 0;
    for (int t = 0; t <= w->turn && !circ; t++)
        for (int i = 0; i < w->n; i++)
            circ |= i != hub && sim_snap(w, t, i)->circularity > 0.05;
    ok[CIRCULAR] = circ;
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char err[1024];
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    int met[N_CHECKS] = {0}, ends[5] = {0}, played = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
        SimWorld *w = sim_world_create(sc, (uint64_t)seed, err, sizeof err);
        CHECK_MSG(w != NULL, "%s", err);
        if (!w)
            break;
        int rc = app_seat_world(w, NULL, NULL, 0, "playbook", NULL, err, sizeof err);
        CHECK_MSG(rc == 0, "%s", err);
        if (rc == 0)
            rc = sim_turn_start(w, err, sizeof err);
        if (rc == 0)
            rc = sim_turn_run(w, -1, err, sizeof err);
        CHECK_MSG(rc == 1, "seed %d: %s", seed, err);
        /* The playbooks must play: no script failure, no intent dropped by the engine. */
        for (int e = 0; e < w->n_events; e++)
            CHECK_MSG(w->events[e].kind != SIM_LOG_STRATEGY_ERROR, "seed %d turn %d: %s", seed,
                      w->events[e].turn, w->events[e].text);
        int ok[N_CHECKS];
        judge(w, ok);
        for (int c = 0; c < N_CHECKS; c++)
            met[c] += ok[c];
        ends[w->end]++;
        played++;
        sim_world_destroy(w);
    }
    printf("%d seeds played with the playbooks; ends: horizon %d, default %d, target %d\n", played,
           ends[SIM_END_HORIZON], ends[SIM_END_DEFAULT], ends[SIM_END_TARGET]);
    for (int c = 0; c < N_CHECKS; c++) {
        double share = (double)met[c] / (double)SEEDS;
        printf("  %5.1f%%  %s\n", share * 100.0, check_names[c]);
        CHECK_MSG(share >= REQUIRED, "%s: %.0f%% of seeds, need %.0f%%", check_names[c],
                  share * 100.0, REQUIRED * 100.0);
    }
    sim_scenario_free(sc);
    TEST_END();
}
