/* sim_fixture: synthetic scenarios and scripted strategies for the sim tests.
 *
 * fx_scenario builds a SimScenario in C: a hub ("openai", index 0) and N giants with sane
 * parameters, every field of every actor and of the market set here, so that a test changes only
 * what it is about. fx_quiet turns every source of randomness and drift off, so that prices move
 * only by announcement jumps, dilution and write-downs and a test can check exact numbers.
 * fx_script attaches a strategy that plays a fixed list of intents at given turns (and can be
 * told to fail), for life-cycle tests. The caller frees a scenario with sim_scenario_free; a
 * script belongs to the world it is attached to. All functions are static inline so that each
 * test uses what it needs without unused-function warnings. */
#ifndef SIM_FIXTURE_H
#define SIM_FIXTURE_H

#include "core_err.h"
#include "sim_deal.h"
#include "sim_ledger.h"
#include "sim_scenario.h"
#include "sim_strategy.h"
#include "sim_turn.h"
#include "sim_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FX_HUB        0
#define FX_MAX_GIANTS 7
#define FX_START      (2025 * 12) /* January 2025 */

static const char *const fx_ids[FX_MAX_GIANTS + 1] = {
    "openai", "nvidia", "oracle", "microsoft", "softbank", "amd", "broadcom", "coreweave"};
static const char *const fx_names[FX_MAX_GIANTS + 1] = {
    "OpenAI", "Nvidia", "Oracle", "Microsoft", "SoftBank", "AMD", "Broadcom", "CoreWeave"};
/* The kind of deal each giant's baseline rule offers: supply for some, finance for others. */
static const SimDealKind fx_kinds[FX_MAX_GIANTS + 1] = {
    SIM_DEAL_COMPUTE,       SIM_DEAL_CHIP_LEASE, SIM_DEAL_COMPUTE, SIM_DEAL_EQUITY,
    SIM_DEAL_JOINT_VENTURE, SIM_DEAL_WARRANTS,   SIM_DEAL_CODEV,   SIM_DEAL_LOAN};

/* The fixture sets every field of these structs; when one grows a field, these fail so that the
 * fixture learns about it (a field left at 0 makes tests quietly test something else). */
_Static_assert(sizeof(SimObjective) == 4 * sizeof(double), "SimObjective changed: update fx_*");
_Static_assert(sizeof(SimBaselineParams) == 9 * sizeof(double) + 2 * sizeof(double),
               "SimBaselineParams changed: update fx_hub and fx_giant");
_Static_assert(sizeof(SimActorSpec) ==
                   SIM_ID_LEN + 2 * SIM_NAME_LEN + SIM_PATH_LEN + sizeof(double) +
                       15 * sizeof(double) + sizeof(SimObjective) + sizeof(SimBaselineParams) +
                       SIM_PLAYBOOK_PARAMS * sizeof(SimPlaybookParam) + sizeof(double),
               "SimActorSpec changed: update fx_hub and fx_giant (playbook and playbook_params "
               "stay empty: the fixture's actors are played by native strategies)");
_Static_assert(sizeof(SimMarketParams) ==
                   (42 + 2 * SIM_DEAL_KIND_COUNT) * sizeof(double) + sizeof(double),
               "SimMarketParams changed: update fx_market");

/* The market: close to the shipped scenario's calibration. */
static inline void fx_market(SimMarketParams *m)
{
    m->jump_payee = 0.8;
    m->jump_payer = 0.3;
    m->jump_alpha = 0.5;
    m->jump_cap = 0.45;
    m->circular_discount = 0.5;
    m->sentiment_gain = 0.6;
    m->fomo_gain = 0.5;
    m->rival_spill = -0.1;
    m->day_noise = 0.02;
    m->sentiment_start = 0.3;
    m->sentiment_decay = 0.1;
    m->sentiment_news = 0.5;
    m->sentiment_strain = 0.05;
    m->reversion = 0.05;
    m->demand_ceiling = 150.0;
    m->demand_sigma = 0.8;
    m->demand_speed_sd = 0.1;
    m->demand_innovation = 0.0;
    m->revenue_per_gw = 40.0;
    m->discount_rate = 0.1;
    m->merton_horizon = 3.0;
    m->lender_dd = 0.5;
    m->credit_appetite = 1.0;
    m->growth_optimism = 0.5;
    m->spend_share = 0.4;
    m->franchise_margin = 0.3;
    m->share_weight = 0.0;
    m->delivery_lead = 6.0;
    m->salvage = 0.3;
    m->jv_yield = 0.16;
    m->jv_lease_months = 120.0;
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        m->delivery_cost[k] = 0.0;
    m->delivery_cost[SIM_DEAL_COMPUTE] = 0.5;
    m->delivery_cost[SIM_DEAL_CHIP_LEASE] = 0.35;
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        m->build_months[k] = 0.0; /* built as delivered: the tests of costs assume it */
    m->raise_fraction = 0.02;
    m->cash_buffer_months = 0.0;
    m->interest_rate = 0.08;
    m->missed_to_default = 3;
    m->recovery_rate = 0.4;
    m->equity_recovery = 0.2;
    m->crash_sentiment = 1.5;
    m->threat_decay = 0.1;
    m->budget_slack = 1.5;
    m->sell_impact = 0.5;
    m->exit_penalty = 0.2;
    m->max_commit_pd = 1.0; /* the hub's rule off: tests of the model make it over-commit */
}

static inline void fx_hub(SimActorSpec *a)
{
    memset(a, 0, sizeof *a);
    core_strlcpy(a->id, fx_ids[0], sizeof a->id);
    core_strlcpy(a->name, fx_names[0], sizeof a->name);
    core_strlcpy(a->leader, "Sam Altman", sizeof a->leader);
    a->role = SIM_ROLE_HUB;
    a->cash = 20.0;
    a->debt = 0.0;
    a->asset_vol = 0.5;
    a->revenue = 50.0;
    a->revenue_growth = 0.6;
    a->growth_floor = 0.2;
    a->growth_decay = 0.03;
    a->opex_ratio = 0.5;
    a->capex_budget = 60.0;
    a->shares = 1.0;
    a->price = 300.0;
    a->compute_gw = 2.0;
    a->volatility = 0.05;
    a->sentiment_beta = 1.0;
    a->objective =
        (SimObjective){.w_value = 1.0, .w_compute = 1.0, .w_exposure = 0.0, .w_survival = 2.0};
    a->baseline = (SimBaselineParams){.fomo_weight = 0.0,
                                      .threat_weight = 0.0,
                                      .sentiment_weight = 0.5,
                                      .risk_weight = 0.0,
                                      .threshold = 0.0,
                                      .budget_share = 0.4,
                                      .max_exposure = 10.0,
                                      .kind = SIM_DEAL_COMPUTE,
                                      .months = 36,
                                      .gw_per_billion = 0.03,
                                      .cooldown = 3,
                                      .min_coverage = 1.0};
}

/* Giant g (1-based): same shape for all, sizes spread a little so that they differ. */
static inline void fx_giant(SimActorSpec *a, int g)
{
    memset(a, 0, sizeof *a);
    double f = 1.0 + 0.25 * (double)(g - 1);
    core_strlcpy(a->id, fx_ids[g], sizeof a->id);
    core_strlcpy(a->name, fx_names[g], sizeof a->name);
    snprintf(a->leader, sizeof a->leader, "Leader of %s", fx_names[g]);
    a->role = SIM_ROLE_GIANT;
    a->cash = 40.0 * f;
    a->debt = 10.0;
    a->asset_vol = 0.2;
    a->revenue = 100.0 * f;
    a->revenue_growth = 0.2;
    a->growth_floor = 0.08;
    a->growth_decay = 0.02;
    a->opex_ratio = 0.6;
    a->capex_budget = 60.0 * f;
    a->shares = 5.0;
    a->price = 100.0 * f;
    a->compute_gw = 1.0;
    a->volatility = 0.06;
    a->sentiment_beta = 0.5;
    a->objective =
        (SimObjective){.w_value = 1.0, .w_compute = 0.0, .w_exposure = -0.5, .w_survival = 0.5};
    a->baseline = (SimBaselineParams){.fomo_weight = 1.0,
                                      .threat_weight = 0.5,
                                      .sentiment_weight = 1.0,
                                      .risk_weight = 1.0,
                                      .threshold = 0.1,
                                      .budget_share = 0.2,
                                      .max_exposure = 0.6,
                                      .kind = (int)fx_kinds[g],
                                      .months = 24,
                                      .gw_per_billion = 0.03,
                                      .cooldown = 9,
                                      .min_coverage = 0.0};
}

/* A hub and n_giants giants over `turns` months from January 2025, with room for n_events
 * events and n_initial running deals (zeroed: the caller fills them). NULL if memory runs out or
 * a count is out of range. */
static inline SimScenario *fx_scenario_ex(int n_giants, int turns, int n_events, int n_initial)
{
    if (n_giants < 0 || n_giants > FX_MAX_GIANTS || turns < 1)
        return NULL;
    SimScenario *s = sim_scenario_alloc(n_giants + 1, n_events, n_initial);
    if (!s)
        return NULL;
    core_strlcpy(s->id, "fixture", sizeof s->id);
    core_strlcpy(s->title, "A synthetic loop", sizeof s->title);
    core_strlcpy(s->description, "A hub and its giants, built in C for the tests.",
                 sizeof s->description);
    s->start = FX_START;
    s->end = FX_START + turns - 1;
    s->hub = FX_HUB;
    s->target_gw = 30.0;
    s->default_seed = 42;
    fx_market(&s->market);
    fx_hub(&s->actors[0]);
    for (int g = 1; g <= n_giants; g++)
        fx_giant(&s->actors[g], g);
    return s;
}

/* A hub and n_giants giants, no events, no initial deals. */
static inline SimScenario *fx_scenario(int n_giants, int turns)
{
    return fx_scenario_ex(n_giants, turns, 0, 0);
}

/* No randomness and no drift: prices move only by jumps, dilution and write-downs, sentiment only
 * by news and crashes. */
static inline void fx_quiet(SimScenario *s)
{
    SimMarketParams *m = &s->market;
    m->day_noise = 0.0;
    m->reversion = 0.0;
    m->sentiment_decay = 0.0;
    m->sentiment_news = 0.0;
    m->sentiment_strain = 0.0;
    m->rival_spill = 0.0;
    m->threat_decay = 0.0;
    for (int i = 0; i < s->n_actors; i++) {
        s->actors[i].volatility = 0.0;
        s->actors[i].sentiment_beta = 0.0;
    }
}

/* Deep pockets: nobody is ever short of cash or budget, the hub included. */
static inline void fx_rich(SimScenario *s)
{
    for (int i = 0; i < s->n_actors; i++) {
        s->actors[i].cash = 1e4;
        s->actors[i].capex_budget = 1e4;
    }
}

static inline SimTerms fx_terms(SimDealKind kind, int payer, int payee, double amount, int months)
{
    SimTerms t;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    t.payer = payer;
    t.payee = payee;
    t.amount = amount;
    t.months = months;
    return t;
}

/* ---------------------------------------------------------------------------------------------
 * A scripted strategy */

#define FX_MAX_STEPS 32
#define FX_OPEN      (-100) /* the first open offer addressed to this actor */
#define FX_HELD      (-101) /* the first live exclusivity right this actor holds */

typedef struct {
    int turn;
    SimIntentKind kind;
    SimTerms terms;
    int deal;
    int actor;     /* sell: the issuer */
    double shares; /* sell: billions of shares */
} FxStep;

typedef struct {
    FxStep steps[FX_MAX_STEPS];
    int n;
    int fail_from, fail_to; /* decide returns -1 on turns in [fail_from, fail_to) */
    int push_before_fail;   /* push a proposal before failing (it must not count) */
    int decides;            /* decide calls */
    int events;             /* on_event calls */
    int *destroyed;         /* incremented by destroy when set */
} FxScript;

static inline int fx_first_open(const SimWorld *w, int me)
{
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (d->status == SIM_DS_PROPOSED && d->proposer != me &&
            (d->t.payer == me || d->t.payee == me))
            return k;
    }
    return -1;
}

static inline int fx_first_held(const SimWorld *w, int me)
{
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (d->t.kind == SIM_DEAL_EXCLUSIVITY && d->t.payee == me && sim_deal_is_live(d))
            return k;
    }
    return -1;
}

static inline int fx_script_decide(void *self, const SimView *view, SimIntentList *out, char *err,
                                   size_t errsz)
{
    FxScript *s = self;
    const SimWorld *w = view->world;
    s->decides++;
    if (w->turn >= s->fail_from && w->turn < s->fail_to) {
        if (s->push_before_fail) {
            SimIntent *in = sim_intents_push(out, SIM_INTENT_PROPOSE);
            if (in)
                in->terms = fx_terms(SIM_DEAL_BUILD, view->self, SIM_WORLD, 1.0, 1);
        }
        return core_errf(err, errsz, "scripted failure at turn %d", w->turn);
    }
    for (int k = 0; k < s->n; k++) {
        const FxStep *st = &s->steps[k];
        if (st->turn != w->turn)
            continue;
        SimIntent *in = sim_intents_push(out, st->kind);
        if (!in)
            continue;
        in->terms = st->terms;
        in->actor = st->actor;
        in->shares = st->shares;
        in->deal = st->deal == FX_OPEN   ? fx_first_open(w, view->self)
                   : st->deal == FX_HELD ? fx_first_held(w, view->self)
                                         : st->deal;
        snprintf(in->reason, sizeof in->reason, "step %d of %s", k, w->sc->actors[view->self].id);
    }
    return 0;
}

static inline void fx_script_on_event(void *self, const SimView *view, const struct SimEvent *ev)
{
    (void)view, (void)ev;
    ((FxScript *)self)->events++;
}

static inline void fx_script_destroy(void *self)
{
    FxScript *s = self;
    if (s->destroyed)
        (*s->destroyed)++;
    free(s);
}

/* Attaches a new, empty script to actor i of w (the world owns it). NULL if memory runs out. */
static inline FxScript *fx_script(SimWorld *w, int i)
{
    FxScript *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fail_from = s->fail_to = -1;
    SimStrategy st;
    memset(&st, 0, sizeof st);
    st.name = "script";
    st.self = s;
    st.decide = fx_script_decide;
    st.on_event = fx_script_on_event;
    st.destroy = fx_script_destroy;
    sim_world_set_strategy(w, i, st);
    return s;
}

static inline FxStep *fx_step(FxScript *s, int turn, SimIntentKind kind)
{
    if (s->n >= FX_MAX_STEPS)
        return NULL;
    FxStep *st = &s->steps[s->n++];
    memset(st, 0, sizeof *st);
    st->turn = turn;
    st->kind = kind;
    st->deal = -1;
    st->actor = -1;
    return st;
}

static inline void fx_propose(FxScript *s, int turn, SimTerms t)
{
    FxStep *st = fx_step(s, turn, SIM_INTENT_PROPOSE);
    if (st)
        st->terms = t;
}

/* Accept, reject or release `deal` (or FX_OPEN / FX_HELD) at `turn`. */
static inline void fx_answer(FxScript *s, int turn, SimIntentKind kind, int deal)
{
    FxStep *st = fx_step(s, turn, kind);
    if (st)
        st->deal = deal;
}

/* Sell `shares` billion shares of `issuer` at `turn`. */
static inline void fx_sell(FxScript *s, int turn, int issuer, double shares)
{
    FxStep *st = fx_step(s, turn, SIM_INTENT_SELL);
    if (st) {
        st->actor = issuer;
        st->shares = shares;
    }
}

static inline void fx_counter(FxScript *s, int turn, int deal, SimTerms t)
{
    FxStep *st = fx_step(s, turn, SIM_INTENT_COUNTER);
    if (st) {
        st->deal = deal;
        st->terms = t;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Reading the record */

/* Events of a kind (actor -2: any actor; turn -1: any turn). */
static inline int fx_count_events(const SimWorld *w, SimLogKind kind, int actor, int turn)
{
    int c = 0;
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == kind && (actor == -2 || e->actor == actor) && (turn < 0 || e->turn == turn))
            c++;
    }
    return c;
}

/* The first event of a kind about actor (-2: any) and deal (-2: any), or NULL. */
static inline const SimEvent *fx_find_event(const SimWorld *w, SimLogKind kind, int actor, int deal)
{
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == kind && (actor == -2 || e->actor == actor) &&
            (deal == -2 || e->deal == deal))
            return e;
    }
    return NULL;
}

/* Sum of the flows of a deal (kind, from, to: -2 means any), with turn <= until (-1: all). */
static inline double fx_deal_flows(const SimWorld *w, int deal, int kind, int from, int to,
                                   int until)
{
    double s = 0.0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->deal == deal && (kind == -2 || (int)f->kind == kind) &&
            (from == -2 || f->from == from) && (to == -2 || f->to == to) &&
            (until < 0 || f->turn <= until))
            s += f->amount;
    }
    return s;
}

/* Number of flows of a deal and kind in one turn. */
static inline int fx_deal_flow_count(const SimWorld *w, int deal, int kind, int turn)
{
    int c = 0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->deal == deal && (int)f->kind == kind && f->turn == turn)
            c++;
    }
    return c;
}

static inline double fx_holdings(const SimWorld *w, int holder, int issuer)
{
    return w->holdings[(size_t)holder * (size_t)w->n + (size_t)issuer];
}

#endif
