/* sim_world: creating, reading and recording a game. */
#include "sim_world.h"

#include "core_err.h"
#include "core_mem.h"
#include "core_text.h"
#include "sim_demand.h"
#include "sim_kind.h"
#include "sim_lever.h"
#include "sim_network.h"
#include "sim_value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *end_names[] = {"none", "horizon", "default", "target", "turn_limit"};

static const char *log_names[SIM_LOG_KIND_COUNT] = {
    "news",      "proposed", "countered", "accepted",     "rejected", "expired",
    "released",  "reaction", "completed", "missed",       "default",  "guarantee",
    "writedown", "raise",    "credit",    "warrant_sale", "dropped",  "strategy_error",
    "target",    "end",      "lever",     "sold",         "exited",   "rescue",
};

int sim_default_turn(const SimWorld *w, int i)
{
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_DEFAULT && w->events[k].actor == i)
            return w->events[k].turn;
    return -1;
}

const char *sim_end_reason_name(SimEndReason r)
{
    return (unsigned)r <= SIM_END_TURN_LIMIT ? end_names[r] : "?";
}

int sim_game_over(const SimWorld *w)
{
    return w->end == SIM_END_NONE ? w->turn >= w->turns : w->end != SIM_END_TURN_LIMIT;
}

const char *sim_log_kind_name(SimLogKind k)
{
    return (unsigned)k < SIM_LOG_KIND_COUNT ? log_names[k] : "?";
}

static void snapshot(SimWorld *w, int t);
static void net_reset(SimWorld *w);

#define DEBT_LIMIT_EN                                                                              \
    "{1}.debt: expected at most {3}, the debt lenders carry for \"{2}\" at its opening value "     \
    "(down to a distance to default of market.lender_dd = {5}), got {4}"

int sim_world_check_start(const SimWorld *w, int ref, char *err, size_t errsz)
{
    for (int i = 0; i < w->n; i++) {
        const SimActor *a = &w->actors[i];
        double debt = a->spec->debt;
        /* The rest of what it owes at the start (deals, guarantees) counts against the limit. */
        double most = sim_value_debt_capacity(w, i) - (a->val.owed - debt);
        if (!(debt > 0.0) || debt <= most)
            continue;
        char at[40], m[48], g[48], dd[32];
        snprintf(at, sizeof at, "$.actors[%d]", i);
        snprintf(dd, sizeof dd, "%g", w->sc->market.lender_dd);
        if (most < 0.0)
            most = 0.0;
        if (ref) {
            snprintf(m, sizeof m, "$%.17g", most);
            snprintf(g, sizeof g, "$%.17g", debt);
            snprintf(err, errsz, "%cerr.sc.debt_limit%c%s%c%s%c%s%c%s%c%s", CORE_TEXT_REF,
                     CORE_TEXT_REF, at, CORE_TEXT_REF, a->spec->id, CORE_TEXT_REF, m, CORE_TEXT_REF,
                     g, CORE_TEXT_REF, dd);
        } else {
            snprintf(m, sizeof m, "$%.1fB", most);
            snprintf(g, sizeof g, "$%.1fB", debt);
            const char *args[] = {at, a->spec->id, m, g, dd};
            core_text_subst(err, errsz, DEBT_LIMIT_EN, args, 5);
        }
        return -1;
    }
    return 0;
}

SimWorld *sim_world_create(const SimScenario *sc, uint64_t seed, char *err, size_t errsz)
{
    SimWorld *w = calloc(1, sizeof *w);
    if (!w) {
        core_errf(err, errsz, "out of memory for the world");
        return NULL;
    }
    w->sc = sim_scenario_clone(sc);
    w->seed = seed;
    w->n = sc->n_actors;
    w->turns = sim_scenario_turns(sc);
    size_t n = (size_t)w->n;
    w->actors = calloc(n, sizeof *w->actors);
    w->holdings = calloc(n * n, sizeof *w->holdings);
    w->granted = calloc(n * n, sizeof *w->granted);
    w->opening_cash = calloc(n, sizeof *w->opening_cash);
    w->snaps = calloc((size_t)(w->turns + 1) * n, sizeof *w->snaps);
    w->info = calloc((size_t)(w->turns + 1), sizeof *w->info);
    w->cap_deals = 64;
    w->deals = malloc((size_t)w->cap_deals * sizeof *w->deals);
    w->live = malloc((size_t)w->cap_deals * sizeof *w->live);
    w->open = malloc((size_t)w->cap_deals * sizeof *w->open);
    w->intents = calloc(n, sizeof *w->intents);
    w->tally = calloc(3 * n, sizeof *w->tally);
    w->pay_scratch = calloc(4 * n, sizeof *w->pay_scratch);
    w->value_scratch = calloc(SIM_VALUE_SCRATCH * n, sizeof *w->value_scratch);
    w->cap_events = 256;
    w->events = malloc((size_t)w->cap_events * sizeof *w->events);
    w->net_exposure = calloc(n * n, sizeof *w->net_exposure);
    w->circ_financed = calloc(n * n, sizeof *w->circ_financed);
    w->circ_paid = calloc(n * n, sizeof *w->circ_paid);
    w->net_carried = calloc(n * n, sizeof *w->net_carried);
    w->net_cash = calloc(n, sizeof *w->net_cash);
    w->net_buf = calloc(4 * n * n + n, sizeof *w->net_buf);
    w->net_scratch = malloc(sim_network_scratch_size(w->n) + 1);
    if (!w->sc || !w->actors || !w->holdings || !w->granted || !w->opening_cash || !w->snaps ||
        !w->info || !w->intents || !w->tally || !w->pay_scratch || !w->value_scratch || !w->deals ||
        !w->live || !w->open || !w->events || !w->net_exposure || !w->circ_financed ||
        !w->circ_paid || !w->net_carried || !w->net_cash || !w->net_buf || !w->net_scratch) {
        sim_world_destroy(w);
        core_errf(err, errsz, "out of memory for the world");
        return NULL;
    }
    for (int i = 0; i < w->n; i++) {
        const SimActorSpec *s = &w->sc->actors[i];
        SimActor *a = &w->actors[i];
        a->spec = s;
        a->debt = s->debt;
        a->revenue = s->revenue;
        a->growth = s->revenue_growth;
        a->shares = s->shares;
        a->price = a->price0 = s->price;
        a->log_anchor = log(s->price);
        a->compute_owned = s->compute_gw;
        a->last_deal_turn = -1000;
        a->holdings = &w->holdings[(size_t)i * n];
        core_rng_seed_named(&a->rng, seed, s->id);
        w->opening_cash[i] = s->cash;
        sim_strategy_passive(&a->strategy);
    }
    if (sim_ledger_init(&w->ledger, w->n, w->opening_cash, err, errsz) < 0) {
        sim_world_destroy(w);
        return NULL;
    }
    w->sentiment_x = sc->market.sentiment_start;
    w->target_reached_turn = -1;
    w->check_books = 1;
    w->clear_turn = -1;
    /* Deals already running: live from turn 0, no announcement. */
    for (int k = 0; k < sc->n_initial; k++) {
        const SimInitialDeal *in = &w->sc->initial[k];
        int id = sim_world_add_deal(w, &in->terms, in->proposer, -1);
        if (id < 0) {
            sim_world_destroy(w);
            core_errf(err, errsz, "out of memory for the deals");
            return NULL;
        }
        SimDeal *d = &w->deals[id];
        d->status = SIM_DS_ANNOUNCED;
        d->decided_turn = 0;
        d->start_turn = d->t.delay;
        core_strlcpy(d->tag, in->tag, sizeof d->tag);
    }
    for (int k = 0; k < w->n_deals; k++)
        sim_world_bind(w, &w->deals[k]);
    sim_world_index_deals(w);
    sim_world_count_rewarded(w);
    sim_demand_draw(w);
    for (int i = 0; i < w->n; i++)
        if (i != sc->hub)
            w->hub_share_total += w->sc->actors[i].hub_share;
    sim_value_init(w);
    for (int i = 0; i < w->n; i++)
        w->actors[i].log_anchor = log(w->actors[i].val.equity / w->actors[i].shares);
    net_reset(w);
    snapshot(w, 0);
    return w;
}

void sim_world_destroy(SimWorld *w)
{
    if (!w)
        return;
    if (w->actors)
        for (int i = 0; i < w->n; i++)
            sim_strategy_destroy(&w->actors[i].strategy);
    sim_ledger_destroy(&w->ledger);
    sim_scenario_free(w->sc);
    free(w->actors);
    free(w->holdings);
    free(w->granted);
    free(w->opening_cash);
    free(w->snaps);
    free(w->info);
    free(w->deals);
    free(w->live);
    free(w->open);
    free(w->events);
    free(w->intents);
    free(w->tally);
    free(w->pay_scratch);
    free(w->value_scratch);
    free(w->dues);
    free(w->clear_buf);
    free(w->clear_round);
    free(w->clear_scratch);
    free(w->net_exposure);
    free(w->circ_financed);
    free(w->circ_paid);
    free(w->net_carried);
    free(w->net_cash);
    free(w->net_buf);
    free(w->net_scratch);
    free(w);
}

void sim_world_set_strategy(SimWorld *w, int i, SimStrategy s)
{
    sim_strategy_destroy(&w->actors[i].strategy);
    w->actors[i].strategy = s;
}

double sim_market_value(const SimWorld *w, int i)
{
    return w->actors[i].price * w->actors[i].shares;
}

double sim_cash(const SimWorld *w, int i)
{
    return w->ledger.balance[i];
}

/* Share of the schedule still to pay whose turn start+k is before `until`. */
static double share_left(const SimDeal *d, int until)
{
    long to = (long)until - d->start_turn;
    return sim_schedule_sum(&d->t, d->paid_count, to > d->t.months ? d->t.months : (int)to);
}

/* The JV share that a party pays: rate for the payer, rate2 for the payee. */
static double jv_share(const SimDeal *d, int payer_side)
{
    return payer_side ? d->t.rate : d->t.rate2;
}

static double deal_exposure_scheduled(const SimWorld *w, const SimDeal *d, int i, int j);

/* What actor i stands to lose through deal d if actor j fails (holdings aside). */
static double deal_exposure(const SimWorld *w, const SimDeal *d, int i, int j)
{
    const SimTerms *t = &d->t;
    /* Arrears are owed by the payer (by the borrower for loans). */
    double late =
        d->arrears > 0.0 && sim_deal_debtor(t) == j && sim_deal_creditor(t) == i ? d->arrears : 0.0;
    return late + deal_exposure_scheduled(w, d, i, j);
}

/* The same for what is still to come on the schedule. */
static double deal_exposure_scheduled(const SimWorld *w, const SimDeal *d, int i, int j)
{
    const SimTerms *t = &d->t;
    switch (sim_kind(t->kind)->risk) {
    case SIM_RISK_NONE:
    case SIM_RISK_COUNT:
        return 0.0;
    case SIM_RISK_UNPAID:
        if (t->payer != j || t->payee != i)
            return 0.0;
        return sim_kind(t->kind)->pay == SIM_PAY_REVENUE
                   ? t->rate * w->actors[j].revenue / 12.0 * (double)(t->months - d->paid_count)
                   : t->amount * share_left(d, 1 << 30);
    case SIM_RISK_PRINCIPAL:
    case SIM_RISK_CALLED:
        return t->payer == i && t->payee == j ? d->principal : 0.0;
    case SIM_RISK_PAID_IN:
        return t->payer == i && t->payee == j && t->rate + t->rate2 > 0.0
                   ? d->paid * t->rate / (t->rate + t->rate2)
                   : 0.0;
    }
    return 0.0;
}

static double deal_owed_scheduled(const SimWorld *w, const SimDeal *d, int i, int until);

/* What actor i owes under deal d in turns before `until` (1 << 30: everything). */
static double deal_owed(const SimWorld *w, const SimDeal *d, int i, int until)
{
    const SimTerms *t = &d->t;
    double late = sim_deal_debtor(t) == i ? d->arrears : 0.0;
    return late + deal_owed_scheduled(w, d, i, until);
}

/* The same for what is still to come on the schedule. */
static double deal_owed_scheduled(const SimWorld *w, const SimDeal *d, int i, int until)
{
    const SimTerms *t = &d->t;
    const SimKindInfo *ki = sim_kind(t->kind);
    switch (ki->pay) {
    case SIM_PAY_NONE:
    case SIM_PAY_MODE_COUNT:
        return 0.0;
    case SIM_PAY_PLAIN:
        return t->payer == i ? t->amount * share_left(d, until) : 0.0;
    case SIM_PAY_REVENUE: {
        if (t->payer != i)
            return 0.0;
        long left = t->months - d->paid_count;
        long end = (long)d->start_turn + t->months;
        if (end > until)
            left -= end - until;
        return left > 0 ? t->rate * w->actors[i].revenue / 12.0 * (double)left : 0.0;
    }
    case SIM_PAY_LOAN:
        if (t->payee == i) {
            /* Everything: principal drawn plus draws to come. Within a horizon: the repayments
             * (amount / months each) that fall in it. */
            double all = d->principal + t->amount * share_left(d, 1 << 30);
            if (until >= (1 << 30))
                return all;
            /* Repayments are the balance spread over the repayment months left; past the
             * schedule, the whole balance is due now. */
            int end = d->start_turn + 2 * t->months;
            int lo = d->start_turn + t->months;
            if (lo < w->turn)
                lo = w->turn;
            if (w->turn >= end)
                return all;
            int hi = end < until ? end : until;
            return hi > lo ? all * (double)(hi - lo) / (double)(end - lo) : 0.0;
        }
        /* A lender owes the draws to come; a guarantor owes nothing until it is called. */
        return t->payer == i && ki->lender == SIM_LENDER_PAYER ? t->amount * share_left(d, until)
                                                               : 0.0;
    case SIM_PAY_SPLIT:
        if (t->payer == i || t->payee == i)
            return t->amount * jv_share(d, t->payer == i) * share_left(d, until);
        return 0.0;
    }
    return 0.0;
}

double sim_deal_owed(const SimWorld *w, const SimDeal *d, int i, int horizon)
{
    return deal_owed(w, d, i, horizon < 0 ? (1 << 30) : w->turn + horizon);
}

double sim_deal_exposure(const SimWorld *w, const SimDeal *d, int i, int j)
{
    return i == j || i < 0 || j < 0 ? 0.0 : deal_exposure(w, d, i, j);
}

double sim_exposure(const SimWorld *w, int i, int j)
{
    if (i == j || i < 0 || j < 0)
        return 0.0;
    double e = w->holdings[(size_t)i * (size_t)w->n + (size_t)j] * w->actors[j].price;
    for (int k = 0; k < w->n_live; k++) {
        const SimDeal *d = &w->deals[w->live[k]];
        if (sim_deal_is_live(d)) /* a deal released earlier this turn is not */
            e += deal_exposure(w, d, i, j);
    }
    return e;
}

double sim_obligations(const SimWorld *w, int i, int horizon)
{
    int until = horizon < 0 ? (1 << 30) : w->turn + horizon;
    double o = 0.0;
    for (int k = 0; k < w->n_live; k++) {
        const SimDeal *d = &w->deals[w->live[k]];
        if (sim_deal_is_live(d))
            o += deal_owed(w, d, i, until);
    }
    return o;
}

/* Obligations (all, and over 12 months) of every actor, and the exposure of every actor to
 * every other (w->net_exposure), in one pass over the live deals; the snapshot needs them all
 * each turn. */
static void tally(SimWorld *w, double *owed, double *due12)
{
    int n = w->n, until = w->turn + 12;
    double *x = w->net_exposure;
    for (int i = 0; i < n; i++) {
        owed[i] = due12[i] = 0.0;
        for (int j = 0; j < n; j++)
            x[(size_t)i * (size_t)n + (size_t)j] =
                i == j ? 0.0 : w->holdings[(size_t)i * (size_t)n + (size_t)j] * w->actors[j].price;
    }
    for (int k = 0; k < w->n_live; k++) {
        const SimDeal *d = &w->deals[w->live[k]];
        if (!sim_deal_is_live(d))
            continue;
        int party[2] = {d->t.payer, d->t.payee};
        for (int p = 0; p < 2; p++) {
            int i = party[p], j = party[1 - p];
            if (i < 0 || (p == 1 && i == party[0]))
                continue;
            if (j >= 0 && j != i)
                x[(size_t)i * (size_t)n + (size_t)j] += deal_exposure(w, d, i, j);
            owed[i] += deal_owed(w, d, i, 1 << 30);
            due12[i] += deal_owed(w, d, i, until);
        }
    }
}

double sim_exposure_total(const SimWorld *w, int i)
{
    double e = 0.0;
    for (int j = 0; j < w->n; j++)
        e += sim_exposure(w, i, j);
    return e;
}

double sim_circularity(const SimWorld *w, int payer, int vendor)
{
    size_t n = (size_t)w->n, b = (size_t)vendor;
    double fin = 0.0, paid = 0.0;
    for (size_t a = 0; a < n; a++) {
        if (payer >= 0 && a != (size_t)payer)
            continue;
        fin += w->circ_financed[a * n + b];
        paid += w->circ_paid[a * n + b];
    }
    if (!(paid > 0.0))
        return 0.0;
    double c = fin / paid;
    return c < 0.0 ? 0.0 : c > 1.0 ? 1.0 : c;
}

int sim_world_is_borrower(const SimWorld *w, int j)
{
    if (j < 0)
        return 0;
    if (j == w->sc->hub)
        return 1;
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (d->t.payee != j || d->t.payer < 0 || d->t.payer == j ||
            !(sim_kind(d->t.kind)->flags & SIM_KF_FINANCE))
            continue;
        if (d->status >= SIM_DS_ACCEPTED && d->status < SIM_DS_STATUS_COUNT)
            return 1;
    }
    return 0;
}

void sim_world_bind(SimWorld *w, const SimDeal *d)
{
    int p = d->t.payer, q = d->t.payee;
    if (p < 0 || q < 0 || p == q)
        return;
    if (sim_world_is_borrower(w, q))
        w->actors[p].joined = 1;
    if (sim_world_is_borrower(w, p))
        w->actors[q].joined = 1;
}

/* ---------------------------------------------------------------------------------------------
 * Circularity along any path, month by month (sim_network_trace): each month's flows between
 * actors, read from the ledger, with each actor's cash at the start of the month and what it
 * received from the world (revenue, credit, raises, sales) as its own money. */

static void net_reset(SimWorld *w)
{
    size_t nn = (size_t)w->n * (size_t)w->n;
    memset(w->circ_financed, 0, nn * sizeof *w->circ_financed);
    memset(w->circ_paid, 0, nn * sizeof *w->circ_paid);
    memset(w->net_carried, 0, nn * sizeof *w->net_carried);
    memcpy(w->net_cash, w->opening_cash, (size_t)w->n * sizeof *w->net_cash);
    w->net_month = 0;
    w->net_flow = 0;
}

static int is_goods_flow(SimFlowKind k)
{
    return k == SIM_FLOW_CONTRACT || k == SIM_FLOW_REVENUE_SHARE;
}

/* Traces month m (the flows booked in turn m) and adds its payments to the running sums. */
static void net_trace_month(SimWorld *w, int m)
{
    int n = w->n, world = n;
    size_t un = (size_t)n, nn = un * un;
    double *fin = w->net_buf, *pay = fin + nn, *goods = pay + nn, *share = goods + nn;
    double *outside = share + nn;
    memset(fin, 0, 3 * nn * sizeof *fin);
    for (int a = 0; a < n; a++)
        outside[a] = w->net_cash[a] > 0.0 ? w->net_cash[a] : 0.0;
    const SimLedger *l = &w->ledger;
    int k = w->net_flow;
    for (; k < l->n_flows && l->flows[k].turn <= m; k++) {
        const SimFlow *f = &l->flows[k];
        double amt = f->amount;
        if (f->from < n)
            w->net_cash[f->from] -= amt;
        if (f->to < n)
            w->net_cash[f->to] += amt;
        if (f->to >= n || f->from == f->to)
            continue;
        size_t to = (size_t)f->to;
        if (f->from == world) {
            /* Warrant proceeds are the issuer's financing of the holder: as if the issuer had
             * raised the money and handed it over. */
            if (f->kind == SIM_FLOW_WARRANT_SALE && f->via >= 0 && f->via < n && f->via != f->to) {
                fin[(size_t)f->via * un + to] += amt;
                outside[f->via] += amt;
            } else {
                outside[f->to] += amt;
            }
            continue;
        }
        size_t from = (size_t)f->from;
        if (f->kind == SIM_FLOW_EQUITY || f->kind == SIM_FLOW_LOAN_DRAW) {
            fin[from * un + to] += amt;
        } else {
            pay[from * un + to] += amt;
            if (is_goods_flow(f->kind))
                goods[from * un + to] += amt;
        }
    }
    w->net_flow = k;
    /* No financing this month and none carried from before: there is nothing to trace, every
     * share is 0 and so is the mix carried on (most months of a game in which nobody finances
     * anybody). */
    int any = 0;
    for (size_t x = 0; x < nn && !any; x++)
        any = fin[x] > 0.0 || w->net_carried[x] > 0.0;
    if (!any)
        return;
    SimFlows fl = {
        .n = n, .finance = fin, .pay = pay, .outside = outside, .carried = w->net_carried};
    char err[160];
    if (sim_network_trace(&fl, share, w->net_scratch, sim_network_scratch_size(n), err,
                          sizeof err) < 0)
        memset(share, 0, nn * sizeof *share); /* cannot happen: the flows are finite and >= 0 */
    for (size_t x = 0; x < nn; x++) {
        if (goods[x] > 0.0) {
            w->circ_financed[x] += goods[x] * share[x];
            w->circ_paid[x] += goods[x];
        }
    }
    sim_network_carry(n, share, w->net_cash, w->net_carried);
}

/* Traces every month played and not yet traced (snapshot t closes month t - 1). */
static void net_trace_to(SimWorld *w, int t)
{
    while (w->net_month < t)
        net_trace_month(w, w->net_month++);
}

const SimSnap *sim_snap(const SimWorld *w, int t, int i)
{
    return &w->snaps[(size_t)t * (size_t)w->n + (size_t)i];
}

static void snapshot(SimWorld *w, int t)
{
    int hub = w->sc->hub, n = w->n;
    double *f = w->tally;
    tally(w, f, f + n);
    net_trace_to(w, t);
    for (int i = 0; i < n; i++) {
        const SimActor *a = &w->actors[i];
        SimSnap *s = &w->snaps[(size_t)t * (size_t)n + (size_t)i];
        s->cash = sim_cash(w, i);
        s->debt = a->debt;
        s->revenue = a->revenue;
        s->price = a->price;
        s->shares = a->shares;
        s->market_value = a->price * a->shares;
        s->compute_owned = a->compute_owned;
        s->compute_contracted = a->compute_contracted;
        const double *x = &w->net_exposure[(size_t)i * (size_t)n];
        s->exposure = s->exposure_top = 0.0;
        s->top = -1;
        for (int j = 0; j < n; j++) {
            s->exposure += x[j];
            if (x[j] > s->exposure_top) {
                s->exposure_top = x[j];
                s->top = j;
            }
        }
        s->obligations = f[i];
        s->due_12m = f[n + i];
        s->circularity = sim_circularity(w, -1, i);
        s->defaulted = a->defaulted;
        s->fundamental = a->val.equity;
        s->pd = a->defaulted ? 1.0 : a->val.pd;
        sim_series_derive(s);
    }
    SimTurnInfo *in = &w->info[t];
    in->sentiment = tanh(w->sentiment_x);
    double rev = w->actors[hub].revenue;
    in->leverage = rev > 0.0 ? sim_snap(w, t, hub)->due_12m / rev : 0.0;
    in->demand = sim_demand_potential(w);
}

void sim_world_snapshot(SimWorld *w, int t)
{
    snapshot(w, t);
}

SimEvent *sim_world_log(SimWorld *w, SimLogKind kind, int actor, int other, int deal)
{
    SimEvent *e = core_grow(w->events, &w->cap_events, w->n_events + 1, sizeof *e, 64);
    if (!e)
        return NULL;
    w->events = e;
    e += w->n_events++;
    memset(e, 0, sizeof *e);
    e->turn = w->turn;
    e->kind = kind;
    e->actor = actor;
    e->other = other;
    e->deal = deal;
    e->scenario_event = -1;
    return e;
}

void sim_world_count_rewarded(SimWorld *w)
{
    w->n_giants = w->n_rewarded = 0;
    for (int i = 0; i < w->n; i++) {
        if (w->sc->actors[i].role != SIM_ROLE_GIANT)
            continue;
        w->n_giants++;
        if (w->actors[i].joined && w->actors[i].car > 0.0)
            w->n_rewarded++;
    }
}

int sim_world_index_deals(SimWorld *w)
{
    w->n_live = w->n_open = 0;
    for (int k = 0; k < w->n_deals; k++) {
        if (sim_deal_is_live(&w->deals[k]))
            w->live[w->n_live++] = k;
        else if (w->deals[k].status == SIM_DS_PROPOSED)
            w->open[w->n_open++] = k;
    }
    return 0;
}

int sim_world_add_deal(SimWorld *w, const SimTerms *t, int proposer, int parent)
{
    if (w->n_deals == w->cap_deals) {
        int cap = w->cap_deals * 2;
        SimDeal *d = realloc(w->deals, (size_t)cap * sizeof *d);
        if (!d)
            return -1;
        w->deals = d;
        int *live = realloc(w->live, (size_t)cap * sizeof *live);
        if (live)
            w->live = live;
        int *open = live ? realloc(w->open, (size_t)cap * sizeof *open) : NULL;
        if (open)
            w->open = open;
        if (!live || !open)
            return -1;
        w->cap_deals = cap;
    }
    int id = w->n_deals++;
    SimDeal *d = &w->deals[id];
    memset(d, 0, sizeof *d);
    d->id = id;
    d->t = *t;
    d->proposer = proposer;
    d->parent = parent;
    d->status = SIM_DS_PROPOSED;
    d->proposed_turn = w->turn;
    d->decided_turn = -1;
    d->start_turn = -1;
    d->end_turn = -1;
    d->history_event = -1;
    return id;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t k = 0; k < n; k++) {
        h ^= b[k];
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t sim_world_hash(const SimWorld *w)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = fnv(h, &w->turn, sizeof w->turn);
    h = fnv(h, &w->end, sizeof w->end);
    for (int t = 0; t <= w->turn && t <= w->turns; t++) {
        h = fnv(h, &w->info[t], sizeof w->info[t]);
        for (int i = 0; i < w->n; i++) {
            const SimSnap *s = sim_snap(w, t, i);
            double v[12] = {s->cash,     s->debt,         s->revenue,       s->price,
                            s->shares,   s->market_value, s->compute_owned, s->compute_contracted,
                            s->exposure, s->obligations,  s->due_12m,       s->circularity};
            h = fnv(h, v, sizeof v);
            h = fnv(h, &s->exposure_top, sizeof s->exposure_top);
            h = fnv(h, &s->top, sizeof s->top);
        }
    }
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        int iv[5] = {f->turn, f->from, f->to, (int)f->kind, f->deal};
        h = fnv(h, iv, sizeof iv);
        h = fnv(h, &f->amount, sizeof f->amount);
    }
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        int iv[6] = {d->t.payer,     d->t.payee,    (int)d->t.kind,
                     (int)d->status, d->start_turn, d->end_turn};
        h = fnv(h, iv, sizeof iv);
        h = fnv(h, &d->t.amount, sizeof d->t.amount);
    }
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        int iv[5] = {e->turn, (int)e->kind, e->actor, e->other, e->deal};
        h = fnv(h, iv, sizeof iv);
        double dv[3] = {e->amount, e->change, e->value};
        h = fnv(h, dv, sizeof dv);
        h = fnv(h, e->text, strlen(e->text));
    }
    return h;
}

/* ---------------------------------------------------------------------------------------------
 * Restoring a saved game */

void sim_world_clear_record(SimWorld *w)
{
    w->n_deals = w->n_live = w->n_open = 0;
    w->n_events = 0;
    w->ledger.n_flows = 0;
    w->ledger.turn_first = 0;
    int na = w->ledger.n_accounts;
    memset(w->ledger.balance, 0, (size_t)na * sizeof *w->ledger.balance);
    memset(w->ledger.financed, 0, (size_t)na * (size_t)na * sizeof *w->ledger.financed);
    memset(w->ledger.paid, 0, (size_t)na * (size_t)na * sizeof *w->ledger.paid);
    for (int i = 0; i < w->n; i++)
        w->ledger.balance[i] = w->opening_cash[i];
    memcpy(w->ledger.opening, w->ledger.balance, (size_t)na * sizeof *w->ledger.opening);
}

static int in_range(int v, int lo, int hi)
{
    return v >= lo && v <= hi;
}

static int check_deal(const SimWorld *w, int k, char *err, size_t errsz)
{
    const SimDeal *d = &w->deals[k];
    char why[200];
    if (d->id != k)
        return core_errf(err, errsz, "world.deals[%d].id: expected %d, got %d", k, k, d->id);
    if (!in_range((int)d->t.kind, 0, SIM_DEAL_KIND_COUNT - 1))
        return core_errf(err, errsz, "world.deals[%d].kind: not a deal kind", k);
    if (sim_terms_check(&d->t, w->n, why, sizeof why) < 0)
        return core_errf(err, errsz, "world.deals[%d]: %s", k, why);
    if (!in_range(d->proposer, 0, w->n - 1))
        return core_errf(err, errsz, "world.deals[%d].proposer: expected an actor index", k);
    if (!in_range(d->parent, -1, k - 1))
        return core_errf(err, errsz, "world.deals[%d].parent: expected an earlier deal or none", k);
    if (!in_range((int)d->status, 0, SIM_DS_STATUS_COUNT - 1))
        return core_errf(err, errsz, "world.deals[%d].status: not a deal status", k);
    if (!in_range(d->history_event, -1, w->sc->n_events - 1))
        return core_errf(err, errsz,
                         "world.deals[%d].history_event: expected a scenario event or none", k);
    int span = sim_deal_span(&d->t);
    if (!in_range(d->paid_count, 0, span) || !in_range(d->missed, 0, span) ||
        !in_range(d->proposed_turn, 0, w->turn) || !in_range(d->decided_turn, -1, w->turn) ||
        !in_range(d->end_turn, -1, w->turn) || !in_range(d->start_turn, -1, w->turns + 240))
        return core_errf(err, errsz, "world.deals[%d]: a count or turn is out of range", k);
    const double v[] = {d->paid, d->gw_done, d->principal, d->vested, d->arrears};
    for (size_t x = 0; x < sizeof v / sizeof v[0]; x++)
        if (!(isfinite(v[x]) && v[x] >= 0.0))
            return core_errf(err, errsz, "world.deals[%d]: a sum is negative or not finite", k);
    if (sim_deal_is_live(d) && d->start_turn < 0)
        return core_errf(err, errsz, "world.deals[%d]: live but never started", k);
    return 0;
}

int sim_world_restore_finish(SimWorld *w, char *err, size_t errsz)
{
    const SimScenario *sc = w->sc;
    if (!in_range(w->turn, 0, w->turns))
        return core_errf(err, errsz, "world.turn: expected 0..%d, got %d", w->turns, w->turn);
    if (!in_range(w->next_event, 0, sc->n_events))
        return core_errf(err, errsz, "world.next_event: expected 0..%d", sc->n_events);
    if (!in_range((int)w->end, 0, SIM_END_TURN_LIMIT))
        return core_errf(err, errsz, "world.end: not an end reason");
    if (!in_range(w->target_reached_turn, -1, w->turn))
        return core_errf(err, errsz, "world.target_reached_turn: out of range");
    if (!in_range(w->n_giants, 0, w->n) || !in_range(w->n_rewarded, 0, w->n_giants))
        return core_errf(err, errsz, "world.giants: counts out of range");
    for (int i = 0; i < w->n; i++) {
        const SimActor *a = &w->actors[i];
        if (!in_range(a->last_deal_turn, -1000, w->turn) || !in_range(a->missed, 0, 1 << 20) ||
            !in_range(a->strategy_failures, 0, 1 << 20))
            return core_errf(err, errsz, "world.actors[%d]: a turn or count is out of range", i);
        if (a->rng.s[0] == 0 && a->rng.s[1] == 0 && a->rng.s[2] == 0 && a->rng.s[3] == 0)
            return core_errf(err, errsz,
                             "world.actors[%d].rng: an all-zero state is not a random stream", i);
    }
    for (int k = 0; k < w->n_deals; k++)
        if (check_deal(w, k, err, errsz) < 0)
            return -1;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (!in_range(f->turn, 0, w->turn > 0 ? w->turn - 1 : 0) ||
            !in_range((int)f->kind, 0, SIM_FLOW_KIND_COUNT - 1) ||
            !in_range(f->deal, -1, w->n_deals - 1) || !in_range(f->via, -1, w->n - 1) ||
            (k > 0 && f->turn < w->ledger.flows[k - 1].turn))
            return core_errf(err, errsz, "world.flows[%d]: a turn, kind or index is out of range",
                             k);
    }
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        /* other is a deal for a counter-offer, a lever for a lever's change, else an actor. */
        int other_max = e->kind == SIM_LOG_COUNTERED ? w->n_deals - 1
                        : e->kind == SIM_LOG_LEVER   ? SIM_LEVER_COUNT - 1
                                                     : w->n - 1;
        if (!in_range(e->turn, 0, w->turn) || !in_range((int)e->kind, 0, SIM_LOG_KIND_COUNT - 1) ||
            !in_range(e->actor, -1, w->n - 1) || !in_range(e->other, -1, other_max) ||
            !in_range(e->deal, -1, w->n_deals - 1) ||
            !in_range(e->scenario_event, -1, sc->n_events - 1))
            return core_errf(err, errsz, "world.events[%d]: a turn, kind or index is out of range",
                             k);
    }
    sim_world_index_deals(w);
    sim_ledger_begin_turn(&w->ledger);
    if (sim_ledger_check_turn(&w->ledger, err, errsz) < 0)
        return -1;
    /* The balance sheets come as saved (a valuation reads the one before it, so valuing anew
     * would not give the turn's figures to the bit); their credit limits came with them. */
    /* So is the network: its exposures from the deals and holdings, its circularity from the
     * flows, traced month by month again as the game did. */
    net_reset(w);
    net_trace_to(w, w->turn);
    tally(w, w->tally, w->tally + w->n);
    return 0;
}

int sim_plays_history(const SimWorld *w, int i)
{
    const char *name = w->actors[i].strategy.name;
    return name && strcmp(name, "history") == 0;
}

int sim_record_failed_by(const SimWorld *w, int i, int month)
{
    if (w->actors[i].defaulted)
        return 1;
    if (!sim_plays_history(w, i))
        return 0;
    const SimScenario *sc = w->sc;
    for (int k = 0; k < sc->n_events && sc->events[k].month <= month; k++)
        if (sc->events[k].type == SIM_SEV_NEWS && sc->events[k].default_actor == i)
            return 1;
    return 0;
}
