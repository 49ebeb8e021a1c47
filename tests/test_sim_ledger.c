/* test_sim_ledger: the double-entry books: posting, the per-turn check, the audit, growth, deep
 * copies and circularity, on hand-made ledgers and on real games. */
#include "sim_fixture.h"
#include "sim_native.h"
#include "test_util.h"

#include <string.h>

static double sum_balances(const SimLedger *l)
{
    double s = 0.0;
    for (int a = 0; a < l->n_accounts; a++)
        s += l->balance[a];
    return s;
}

static void test_post_and_balance(void)
{
    SimLedger l;
    double cash[3] = {10.0, 20.0, 30.0};
    char err[256] = "";
    CHECK(sim_ledger_init(&l, 3, cash, err, sizeof err) == 0);
    CHECK(l.n_accounts == 4);
    CHECK(sim_ledger_world(&l) == 3);
    CHECK(l.balance[3] == 0.0);
    CHECK(l.total == 60.0);
    CHECK(l.n_flows == 0);

    CHECK(sim_ledger_post(&l, 0, 0, 1, 5.0, SIM_FLOW_CONTRACT, 7, -1) == 0);
    CHECK(l.balance[0] == 5.0 && l.balance[1] == 25.0);
    CHECK(sim_ledger_post(&l, 0, 3, 2, 7.5, SIM_FLOW_REVENUE, -1, -1) == 0);
    CHECK(l.balance[2] == 37.5 && l.balance[3] == -7.5);
    CHECK(sim_ledger_post(&l, 0, 1, 3, 2.25, SIM_FLOW_OPEX, -1, -1) == 0);
    CHECK(l.n_flows == 3);
    const SimFlow *f = &l.flows[0];
    CHECK(f->turn == 0 && f->from == 0 && f->to == 1 && f->amount == 5.0 &&
          f->kind == SIM_FLOW_CONTRACT && f->deal == 7 && f->via == -1);
    /* The total never changes: money only moves between accounts. */
    CHECK(l.total == 60.0);
    CHECK_NEAR(sum_balances(&l), 60.0, 1e-12);
    CHECK(sim_ledger_sum(&l, 0, 1, SIM_FLOW_CONTRACT) == 5.0);
    CHECK(sim_ledger_sum(&l, -2, -2, -1) == 14.75);
    CHECK(sim_ledger_sum(&l, -2, 3, -1) == 2.25);
    CHECK(sim_ledger_sum(&l, 3, -2, SIM_FLOW_REVENUE) == 7.5);
    CHECK(sim_ledger_sum(&l, 3, -2, SIM_FLOW_OPEX) == 0.0);
    sim_ledger_destroy(&l);
    CHECK(l.flows == NULL && l.balance == NULL && l.n_flows == 0);
}

static void test_nothing_booked(void)
{
    SimLedger l;
    double cash[2] = {1.0, 2.0};
    CHECK(sim_ledger_init(&l, 2, cash, NULL, 0) == 0);
    double bad[] = {0.0, -0.0, -1.0, -1e-300, NAN, -NAN, INFINITY, -INFINITY};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        CHECK_MSG(sim_ledger_post(&l, 0, 0, 1, bad[k], SIM_FLOW_CONTRACT, -1, -1) == 0,
                  "posting %g must not be an error", bad[k]);
        CHECK_MSG(l.n_flows == 0, "posting %g must book nothing", bad[k]);
    }
    CHECK(l.balance[0] == 1.0 && l.balance[1] == 2.0 && l.balance[2] == 0.0);
    /* Nothing moved in the running circularity sums either. */
    CHECK(sim_ledger_circularity(&l, 0, 1) == 0.0);
    CHECK(sim_ledger_check_turn(&l, NULL, 0) == 0);
    CHECK(sim_ledger_audit(&l, cash, NULL, 0) == 0);
    sim_ledger_destroy(&l);
}

static void test_check_turn(void)
{
    SimLedger l;
    double cash[3] = {100.0, 50.0, 25.0};
    char err[256];
    CHECK(sim_ledger_init(&l, 3, cash, err, sizeof err) == 0);
    sim_ledger_post(&l, 0, 3, 0, 12.0, SIM_FLOW_REVENUE, -1, -1);
    sim_ledger_begin_turn(&l);
    CHECK(l.turn_first == 1);
    CHECK(l.opening[0] == 112.0);
    sim_ledger_post(&l, 1, 0, 1, 30.0, SIM_FLOW_CONTRACT, 0, -1);
    sim_ledger_post(&l, 1, 1, 2, 10.0, SIM_FLOW_EQUITY, 1, -1);
    sim_ledger_post(&l, 1, 3, 2, 0.1, SIM_FLOW_LOAN_DRAW, 2, -1);
    err[0] = '\0';
    CHECK_MSG(sim_ledger_check_turn(&l, err, sizeof err) == 0, "%s", err);

    /* A balance changed behind the ledger's back: the total is off. */
    double keep = l.balance[1];
    l.balance[1] += 1.0;
    err[0] = '\0';
    CHECK(sim_ledger_check_turn(&l, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "books") && strstr(err, "sum"), "message: %s", err);
    l.balance[1] = keep;
    CHECK(sim_ledger_check_turn(&l, err, sizeof err) == 0);

    /* Money moved between two accounts without a flow: the total holds, the accounts do not. */
    l.balance[0] += 2.0;
    l.balance[2] -= 2.0;
    err[0] = '\0';
    CHECK(sim_ledger_check_turn(&l, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "account 0"), "message: %s", err);
    /* The audit sees it too. */
    err[0] = '\0';
    CHECK(sim_ledger_audit(&l, cash, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "account 0"), "message: %s", err);
    l.balance[0] -= 2.0;
    l.balance[2] += 2.0;
    CHECK(sim_ledger_check_turn(&l, err, sizeof err) == 0);

    /* Smaller than the tolerance of 1e-9 of the money in play: passes; larger: caught. */
    l.balance[0] += 1e-12;
    l.balance[1] -= 1e-12;
    CHECK(sim_ledger_check_turn(&l, NULL, 0) == 0);
    l.balance[0] += 1e-5;
    l.balance[1] -= 1e-5;
    CHECK(sim_ledger_check_turn(&l, NULL, 0) == -1);
    CHECK(sim_ledger_check_turn(&l, NULL, 0) == -1); /* no buffer: still the answer */
    sim_ledger_destroy(&l);
}

static void test_audit(void)
{
    SimLedger l;
    double cash[2] = {5.0, 7.0};
    char err[256];
    CHECK(sim_ledger_init(&l, 2, cash, err, sizeof err) == 0);
    for (int t = 0; t < 10; t++) {
        sim_ledger_begin_turn(&l);
        sim_ledger_post(&l, t, 2, 0, 1.5, SIM_FLOW_REVENUE, -1, -1);
        sim_ledger_post(&l, t, 0, 1, 0.75, SIM_FLOW_CONTRACT, 0, -1);
        sim_ledger_post(&l, t, 1, 2, 0.25, SIM_FLOW_INTEREST, -1, -1);
        CHECK(sim_ledger_check_turn(&l, NULL, 0) == 0);
    }
    err[0] = '\0';
    CHECK_MSG(sim_ledger_audit(&l, cash, err, sizeof err) == 0, "%s", err);
    CHECK(l.balance[0] == 5.0 + 10 * 0.75);
    CHECK(l.balance[1] == 7.0 + 10 * 0.5);
    /* The wrong opening cash does not add up. */
    double wrong[2] = {5.0, 8.0};
    CHECK(sim_ledger_audit(&l, wrong, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "account 1"), "message: %s", err);
    /* A flow rewritten after the fact (the balances no longer match the record). */
    l.flows[4].amount = 0.5;
    CHECK(sim_ledger_audit(&l, cash, NULL, 0) == -1);
    l.flows[4].amount = 0.75;
    /* A malformed flow. */
    l.flows[0].to = 9;
    err[0] = '\0';
    CHECK(sim_ledger_audit(&l, cash, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "malformed"), "message: %s", err);
    l.flows[0].to = 0;
    CHECK(sim_ledger_audit(&l, cash, NULL, 0) == 0);
    sim_ledger_destroy(&l);
}

static void test_growth_and_copy(void)
{
    SimLedger l;
    double cash[3] = {0.0, 0.0, 0.0};
    CHECK(sim_ledger_init(&l, 3, cash, NULL, 0) == 0);
    int first_cap = l.cap_flows;
    sim_ledger_begin_turn(&l);
    enum { N = 5000 };
    int ok = 1;
    for (int k = 0; k < N; k++)
        ok &= sim_ledger_post(&l, k / 100, k % 3, (k + 1) % 4, 1.0 + (double)(k % 7),
                              SIM_FLOW_BUILD, k, -1) == 0;
    CHECK(ok);
    CHECK(l.n_flows == N);
    CHECK(l.cap_flows >= N && l.cap_flows > first_cap);
    /* The early flows survived the reallocations. */
    CHECK(l.flows[0].deal == 0 && l.flows[0].amount == 1.0 && l.flows[0].from == 0);
    CHECK(l.flows[N - 1].deal == N - 1 && l.flows[N - 1].amount == 1.0 + (double)((N - 1) % 7));
    CHECK(sim_ledger_check_turn(&l, NULL, 0) == 0);
    CHECK(sim_ledger_audit(&l, cash, NULL, 0) == 0);
    CHECK_NEAR(sum_balances(&l), 0.0, 1e-9);

    /* A deep copy: posting to one leaves the other alone. */
    SimLedger c;
    char err[128];
    CHECK(sim_ledger_copy(&c, &l, err, sizeof err) == 0);
    CHECK(c.flows != l.flows && c.balance != l.balance && c.financed != l.financed);
    CHECK(c.n_flows == N && memcmp(c.flows, l.flows, sizeof(SimFlow) * N) == 0);
    sim_ledger_post(&c, 50, 0, 1, 100.0, SIM_FLOW_EQUITY, -1, -1);
    sim_ledger_post(&c, 50, 1, 0, 400.0, SIM_FLOW_CONTRACT, -1, -1);
    CHECK(c.n_flows == N + 2 && l.n_flows == N);
    CHECK(c.balance[0] != l.balance[0]);
    CHECK(sim_ledger_circularity(&c, 1, 0) == 0.25);
    CHECK(sim_ledger_circularity(&l, 1, 0) == 0.0);
    CHECK(sim_ledger_audit(&c, cash, NULL, 0) == 0);
    CHECK(sim_ledger_audit(&l, cash, NULL, 0) == 0);
    sim_ledger_destroy(&c);
    sim_ledger_destroy(&l);
}

/* The per-turn check must cover every account: the ledger takes any number of actors. */
static void test_check_many_accounts(void)
{
    enum { N = 70 };
    double cash[N];
    for (int i = 0; i < N; i++)
        cash[i] = 10.0;
    SimLedger l;
    CHECK(sim_ledger_init(&l, N, cash, NULL, 0) == 0);
    sim_ledger_begin_turn(&l);
    sim_ledger_post(&l, 0, 68, 69, 1.0, SIM_FLOW_CONTRACT, -1, -1);
    CHECK(sim_ledger_check_turn(&l, NULL, 0) == 0);
    /* Money moved between accounts 67 and 68 without a flow. */
    l.balance[67] += 3.0;
    l.balance[68] -= 3.0;
    char err[256] = "";
    CHECK_MSG(sim_ledger_check_turn(&l, err, sizeof err) == -1,
              "a tampered account 67 of 71 passed the turn check (only the first 65 accounts are "
              "compared)");
    CHECK(sim_ledger_audit(&l, cash, NULL, 0) == -1);
    sim_ledger_destroy(&l);
}

static void test_flow_names(void)
{
    for (int k = 0; k < SIM_FLOW_KIND_COUNT; k++) {
        const char *a = sim_flow_kind_name((SimFlowKind)k);
        CHECK(a && strcmp(a, "?") != 0);
        for (int j = 0; j < k; j++)
            CHECK(strcmp(a, sim_flow_kind_name((SimFlowKind)j)) != 0);
    }
    CHECK(strcmp(sim_flow_kind_name(SIM_FLOW_KIND_COUNT), "?") == 0);
    CHECK(strcmp(sim_flow_kind_name((SimFlowKind)-1), "?") == 0);
    CHECK(strcmp(sim_flow_kind_name(SIM_FLOW_WARRANT_SALE), "warrant_sale") == 0);
}

/* ---------------------------------------------------------------------------------------------
 * Circularity */

static void test_circularity(void)
{
    /* Hub 0, vendors 1 and 2, world 3. */
    SimLedger l;
    double cash[3] = {0.0, 100.0, 100.0};
    CHECK(sim_ledger_init(&l, 3, cash, NULL, 0) == 0);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 0.0); /* the hub paid nothing yet */
    sim_ledger_post(&l, 0, 1, 0, 10.0, SIM_FLOW_EQUITY, 0, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 0.0); /* financed, but nothing paid: 0 */
    sim_ledger_post(&l, 1, 0, 1, 40.0, SIM_FLOW_CONTRACT, 1, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 0.25);
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 1) == 0.25);
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 0) == 0.0);
    /* Direction matters: vendor 1 as the hub of vendor 0 is another question. */
    CHECK(sim_ledger_circularity(&l, 1, 0) == 0.0);
    /* Vendor 2 financed nothing and was paid nothing. */
    CHECK(sim_ledger_circularity(&l, 0, 2) == 0.0);

    /* Interest, repayments, opex do not count; revenue share counts as paid, a loan draw as
     * financed. */
    sim_ledger_post(&l, 2, 0, 1, 5.0, SIM_FLOW_INTEREST, 2, -1);
    sim_ledger_post(&l, 2, 0, 1, 5.0, SIM_FLOW_LOAN_REPAY, 2, -1);
    sim_ledger_post(&l, 2, 1, 0, 5.0, SIM_FLOW_CONTRACT, 3, -1); /* vendor pays the hub */
    CHECK(sim_ledger_circularity(&l, 0, 1) == 0.25);
    sim_ledger_post(&l, 3, 0, 1, 40.0, SIM_FLOW_REVENUE_SHARE, 4, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 10.0 / 80.0);
    sim_ledger_post(&l, 3, 1, 0, 10.0, SIM_FLOW_LOAN_DRAW, 5, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 20.0 / 80.0);

    /* Another vendor's money is not this vendor's. */
    sim_ledger_post(&l, 4, 2, 0, 30.0, SIM_FLOW_EQUITY, 6, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 20.0 / 80.0);
    CHECK(sim_ledger_circularity(&l, 0, 2) == 0.0);

    /* Warrant sale proceeds count for the issuer named in `via`, whoever buys. */
    sim_ledger_post(&l, 5, 3, 0, 20.0, SIM_FLOW_WARRANT_SALE, -1, 1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 40.0 / 80.0);
    sim_ledger_post(&l, 5, 3, 0, 20.0, SIM_FLOW_WARRANT_SALE, -1, 2);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 40.0 / 80.0);
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 5) == 40.0 / 80.0);
    /* A sale with no issuer counts for nobody. */
    sim_ledger_post(&l, 5, 3, 0, 20.0, SIM_FLOW_WARRANT_SALE, -1, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 40.0 / 80.0);

    /* Capped at 1. */
    sim_ledger_post(&l, 6, 1, 0, 1000.0, SIM_FLOW_EQUITY, 7, -1);
    CHECK(sim_ledger_circularity(&l, 0, 1) == 1.0);
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 6) == 1.0);
    /* circularity_at looks back in time. */
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 1) == 0.25);
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 3) == 20.0 / 80.0);
    CHECK(sim_ledger_circularity_at(&l, 0, 1, 4) == 20.0 / 80.0);
    sim_ledger_destroy(&l);
}

/* O(1) running sums, the flow-by-flow recount and the snapshots agree after every turn. */
static void check_circularity_agrees(const SimWorld *w, int t, const char *what)
{
    int hub = w->sc->hub;
    for (int v = 0; v < w->n; v++) {
        if (v == hub)
            continue;
        double fast = sim_ledger_circularity(&w->ledger, hub, v);
        double slow = sim_ledger_circularity_at(&w->ledger, hub, v, t);
        CHECK_MSG(fabs(fast - slow) <= 1e-12, "%s turn %d vendor %d: %.17g vs %.17g", what, t, v,
                  fast, slow);
        CHECK_MSG(fast >= 0.0 && fast <= 1.0, "%s: circularity %.17g outside [0, 1]", what, fast);
        /* The snapshot holds the circularity traced along any path (sim_world: pooled money,
         * any payer). In this star, where no vendor finances another, money comes back to a
         * vendor only through the hub, so the earmarked figure above bounds the traced one. */
        CHECK_MSG(sim_snap(w, t + 1, v)->circularity == sim_circularity(w, -1, v),
                  "%s turn %d vendor %d snapshot", what, t, v);
        CHECK_MSG(sim_circularity(w, hub, v) <= fast + 1e-12,
                  "%s turn %d vendor %d: traced %.17g above earmarked %.17g", what, t, v,
                  sim_circularity(w, hub, v), fast);
    }
}

static void test_circularity_scripted_game(void)
{
    SimScenario *sc = fx_scenario(3, 12);
    fx_quiet(sc);
    SimActorSpec *hub = &sc->actors[FX_HUB];
    hub->cash = 5.0;
    hub->revenue = 0.0;
    hub->opex_ratio = 0.0;
    sc->market.credit_appetite = 0.0;
    sc->market.raise_fraction = 0.0;
    const int nv = 1, orc = 2;
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, 1, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    FxScript *h = fx_script(w, FX_HUB), *n = fx_script(w, nv), *o = fx_script(w, orc);
    /* Nvidia invests 10 in two tranches; the hub rents 40 of compute from it over 4 months;
     * Oracle grants the hub 1 billion shares, which the hub sells to pay Oracle's own 20. */
    fx_propose(n, 0, fx_terms(SIM_DEAL_EQUITY, nv, FX_HUB, 10.0, 2));
    SimTerms c1 = fx_terms(SIM_DEAL_COMPUTE, FX_HUB, nv, 40.0, 4);
    c1.delay = 1;
    c1.gw = 1.0;
    fx_propose(h, 0, c1);
    SimTerms c2 = fx_terms(SIM_DEAL_COMPUTE, FX_HUB, orc, 20.0, 4);
    c2.delay = 1;
    fx_propose(h, 0, c2);
    SimTerms wt = fx_terms(SIM_DEAL_WARRANTS, orc, FX_HUB, 0.0, 1);
    wt.shares = 1.0;
    fx_propose(o, 0, wt);
    /* Ids in the order of resolution: the hub's two offers, then Nvidia's, then Oracle's. */
    fx_answer(h, 1, SIM_INTENT_ACCEPT, 2);
    fx_answer(h, 1, SIM_INTENT_ACCEPT, 3);
    fx_answer(n, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(o, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    int rc = 0;
    while (rc == 0) {
        int t = w->turn;
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "%s", err);
        check_circularity_agrees(w, t, "scripted");
    }
    CHECK(w->end == SIM_END_HORIZON);
    for (int k = 0; k < 4; k++)
        CHECK_MSG(w->deals[k].status == SIM_DS_COMPLETED, "deal %d is %s", k,
                  sim_deal_status_name(w->deals[k].status));
    CHECK(sim_ledger_sum(&w->ledger, nv, FX_HUB, SIM_FLOW_EQUITY) == 10.0);
    CHECK_NEAR(sim_ledger_sum(&w->ledger, FX_HUB, nv, SIM_FLOW_CONTRACT), 40.0, 1e-12);
    CHECK_NEAR(sim_ledger_circularity(&w->ledger, FX_HUB, nv), 0.25, 1e-12);
    /* The hub paid Oracle with Oracle's own shares: fully circular. */
    double sold =
        sim_ledger_sum(&w->ledger, sim_ledger_world(&w->ledger), FX_HUB, SIM_FLOW_WARRANT_SALE);
    CHECK(sold > 20.0);
    CHECK(fx_count_events(w, SIM_LOG_WARRANT_SALE, FX_HUB, -1) >= 2);
    CHECK(sim_ledger_circularity(&w->ledger, FX_HUB, orc) == 1.0);
    CHECK(sim_ledger_circularity(&w->ledger, FX_HUB, 3) == 0.0);
    CHECK(sim_ledger_audit(&w->ledger, w->opening_cash, err, sizeof err) == 0);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

static void test_circularity_baseline_games(void)
{
    /* Nvidia invests in the hub under its baseline rule while the hub leases its chips under a
     * deal running from the start: the loop the measure is about. */
    SimScenario *sc = fx_scenario_ex(6, 36, 0, 1);
    sc->actors[1].baseline.kind = SIM_DEAL_EQUITY;
    SimInitialDeal *in = &sc->initial[0];
    core_strlcpy(in->tag, "lease", sizeof in->tag);
    core_strlcpy(in->text, "The hub leases Nvidia's chips.", sizeof in->text);
    in->proposer = FX_HUB;
    in->terms = fx_terms(SIM_DEAL_CHIP_LEASE, FX_HUB, 1, 60.0, 36);
    in->terms.gw = 2.0;
    char cerr[256] = "";
    CHECK_MSG(sim_scenario_check(sc, cerr, sizeof cerr) == 0, "%s", cerr);
    int circular = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        char err[256] = "", what[32];
        SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
        CHECK_MSG(w != NULL, "%s", err);
        if (!w)
            break;
        for (int i = 0; i < w->n; i++) {
            SimStrategy s;
            sim_strategy_baseline(&s);
            sim_world_set_strategy(w, i, s);
        }
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        snprintf(what, sizeof what, "seed %llu", (unsigned long long)seed);
        int rc = 0;
        while (rc == 0) {
            int t = w->turn;
            rc = sim_turn_step(w, err, sizeof err);
            CHECK_MSG(rc >= 0, "%s: %s", what, err);
            check_circularity_agrees(w, t, what);
        }
        for (int v = 1; v < w->n; v++)
            circular += sim_ledger_circularity(&w->ledger, FX_HUB, v) > 0.0;
        CHECK_MSG(sim_ledger_audit(&w->ledger, w->opening_cash, err, sizeof err) == 0, "%s: %s",
                  what, err);
        sim_world_destroy(w);
    }
    /* The games must exercise the thing measured. */
    CHECK_MSG(circular > 0, "no baseline game produced any circular money");
    sim_scenario_free(sc);
}

int main(void)
{
    test_post_and_balance();
    test_nothing_booked();
    test_check_turn();
    test_audit();
    test_growth_and_copy();
    test_check_many_accounts();
    test_flow_names();
    test_circularity();
    test_circularity_scripted_game();
    test_circularity_baseline_games();
    TEST_END();
}
