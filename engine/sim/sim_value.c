/* sim_value: balance sheets, fundamental value and distance to default (see sim_value.h). */
#include "sim_value.h"

#include "sim_deal.h"
#include "sim_demand.h"
#include "sim_market.h"
#include "sim_world.h"

#include <math.h>

/* Years of explicit projection before the terminal value; the long-run growth in the terminal
 * value never exceeds this, whatever an actor's floor (no firm outgrows the economy forever). */
#define PROJECTION_YEARS 10
#define TERMINAL_GROWTH  0.04

double sim_value_ncdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

/* Present value of a revenue path: R grows at g, g fades toward g_floor by `decay` a month,
 * capped at `cap` ($B a year); ten years then a growing perpetuity. */
static double revenue_pv(double rev, double g, double g_floor, double decay, double r, double cap)
{
    double pv = 0.0, disc = 1.0, keep = pow(1.0 - decay, 12.0);
    for (int y = 1; y <= PROJECTION_YEARS; y++) {
        rev *= 1.0 + g;
        if (rev > cap)
            rev = cap;
        disc /= 1.0 + r;
        pv += rev * disc;
        g = g_floor + (g - g_floor) * keep;
    }
    double gt = g_floor < TERMINAL_GROWTH ? g_floor : TERMINAL_GROWTH;
    if (gt > r - 0.02)
        gt = r - 0.02;
    return pv + rev * (1.0 + gt) / (r - gt) * disc;
}

/* Discount factor for money `months` from now. */
static double disc_at(double r, double months)
{
    return months > 0.0 ? pow(1.0 + r, -months / 12.0) : 1.0;
}

/* The growth the market projects for the hub: what it has seen over the last year (the adoption
 * speed before a year has passed), lifted or cut by sentiment. */
static double hub_growth_seen(const SimWorld *w)
{
    int hub = w->sc->hub, k = w->turn < 12 ? w->turn : 12;
    const SimActor *h = &w->actors[hub];
    double g = h->growth;
    double before = k > 0 ? sim_snap(w, w->turn - k, hub)->revenue : 0.0;
    if (k >= 6 && before > 0.0 && h->revenue > 0.0)
        g = pow(h->revenue / before, 12.0 / (double)k) - 1.0;
    g *= 1.0 + w->sc->market.growth_optimism * sim_market_sentiment(w);
    return g > -0.5 ? g : -0.5;
}

/* GW the hub will have once every live deal has delivered. */
static double hub_gw_secured(const SimWorld *w)
{
    double gw = sim_demand_gw_online(w);
    int hub = w->sc->hub;
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if (!sim_deal_is_live(d) || d->t.gw <= 0.0)
            continue;
        int to = sim_kind(d->t.kind)->gw == SIM_GW_PAYEE_CONTRACTED ? d->t.payee : d->t.payer;
        if (to == hub)
            gw += d->t.gw - d->gw_done;
    }
    return gw;
}

double sim_value_hub_revenue_pv(const SimWorld *w)
{
    const SimMarketParams *m = &w->sc->market;
    const SimActor *h = &w->actors[w->sc->hub];
    double cap = m->revenue_per_gw * hub_gw_secured(w);
    return revenue_pv(h->revenue, hub_growth_seen(w), h->spec->growth_floor, h->spec->growth_decay,
                      m->discount_rate, cap > h->revenue ? cap : h->revenue);
}

/* Months from now to the middle of what is left of a schedule. */
static double mid_left(const SimWorld *w, const SimDeal *d)
{
    int first = d->start_turn + d->paid_count;
    double mid = (double)first + 0.5 * (double)(d->t.months - d->paid_count);
    return mid - (double)w->turn;
}

/* Merton: equity as a call on the assets struck at what is owed. Lenders lend against the
 * assets plus whatever premium the market puts on the shares over their fundamental value
 * (`premium`, $B): collateral is worth what it sells for, so credit is easy in a boom and dries
 * up when the premium goes. */
static void merton(SimValue *v, double sigma, double horizon, double lender_dd, double appetite,
                   double premium)
{
    double a = v->assets > 1e-9 ? v->assets : 1e-9, l = v->owed;
    double st = sigma * sqrt(horizon);
    if (st < 1e-6)
        st = 1e-6;
    if (l < 1e-9) {
        v->equity = a;
        v->dd = 10.0;
        v->pd = 0.0;
    } else {
        double d2 = (log(a / l) - 0.5 * st * st) / st;
        v->equity = a * sim_value_ncdf(d2 + st) - l * sim_value_ncdf(d2);
        v->dd = d2 > 10.0 ? 10.0 : d2 < -10.0 ? -10.0 : d2;
        v->pd = sim_value_ncdf(-v->dd);
    }
    /* Lenders lend until what is owed reaches the level at which DD would be lender_dd. */
    double most = (a + (premium > 0.0 ? premium : 0.0)) * exp(-lender_dd * st - 0.5 * st * st);
    v->room = most > l ? appetite * (most - l) : 0.0;
    double hazard = v->pd < 0.999 ? -log(1.0 - v->pd) / horizon : 7.0;
    v->spread = hazard;
}

SimValue sim_value_of(const SimWorld *w, int i)
{
    const SimMarketParams *m = &w->sc->market;
    const SimActor *a = &w->actors[i];
    const SimActorSpec *s = a->spec;
    int hub = w->sc->hub, n = w->n;
    double r = m->discount_rate;
    SimValue v = {0};
    double margin = 1.0 - s->opex_ratio;
    if (i == hub)
        v.own = a->scale * margin * sim_value_hub_revenue_pv(w);
    else
        v.own = a->scale * margin *
                revenue_pv(a->revenue, a->growth, s->growth_floor, s->growth_decay, r, INFINITY);
    double pd_hub = i == hub ? 0.0 : w->actors[hub].val.pd;
    double owed = 0.0, guar = 0.0;
    /* The hub's purchases of compute still to come, for the franchise below. */
    double hub_rem_total = 0.0, hub_rem_mine = 0.0;
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if (!sim_deal_is_live(d))
            continue;
        const SimTerms *t = &d->t;
        if (t->payer != i && t->payee != i) {
            if (t->payer == hub && sim_kind_is_supply(t->kind))
                hub_rem_total += sim_deal_owed(w, d, hub, -1);
            continue;
        }
        double mid = mid_left(w, d);
        /* What the debtor still owes under it: the borrower of a loan, the payer otherwise. */
        double rem = sim_deal_owed(w, d, sim_deal_debtor(t), -1);
        double pd_other = 0.0;
        int other = sim_deal_counterparty(d, i);
        if (other >= 0)
            pd_other = w->actors[other].defaulted ? 1.0 : w->actors[other].val.pd;
        const SimKindInfo *ki = sim_kind(t->kind);
        if (t->payer == hub && sim_kind_is_supply(t->kind)) {
            hub_rem_total += rem;
            if (t->payee == i)
                hub_rem_mine += rem;
        }
        if (ki->lender != SIM_LENDER_NONE) {
            /* A loan (or a guaranteed one): the borrower owes the balance and the draws to
             * come; the lender holds a claim worth what it expects to recover; a guarantor
             * carries the expected call. */
            if (t->payee == i)
                owed += rem;
            else if (ki->lender == SIM_LENDER_PAYER)
                v.stakes += d->principal * (1.0 - pd_other * (1.0 - m->recovery_rate));
            else
                guar += pd_other * d->principal * (1.0 - m->recovery_rate);
        } else if (ki->pay == SIM_PAY_SPLIT) {
            double whole = t->rate + t->rate2;
            double left = sim_deal_owed(w, d, i, -1);
            owed += left * disc_at(r, mid);
            /* A stake in the build: worth its cost while its tenant (the payee) pays, a salvage
             * share if it fails. The payee's share is its own capacity, valued in its business. */
            if (t->payer == i && whole > 0.0) {
                double keep = 1.0 - pd_other * (1.0 - m->salvage);
                v.stakes += d->paid * t->rate / whole * keep + left * keep * disc_at(r, mid);
            }
        } else if (ki->flow == SIM_FLOW_CONTRACT || ki->pay == SIM_PAY_REVENUE ||
                   ki->payee == SIM_PAYEE_WORLD) {
            /* Payments for something delivered: owed by the payer; a backlog for the payee,
             * worth what the payer is expected to pay, less what it still costs to deliver. */
            if (t->payer == i) {
                owed += rem * disc_at(r, mid);
            } else {
                double cost = m->delivery_cost[t->kind] * t->amount - d->cost_paid;
                double lead = mid - m->delivery_lead;
                v.backlog += (1.0 - pd_other) * rem * disc_at(r, mid) -
                             (cost > 0.0 ? cost * disc_at(r, lead) : 0.0);
            }
        }
        /* Equity tranches buy shares worth what they cost; warrants dilute and owe nothing. */
    }
    /* The vendor's share of what the hub will buy beyond its contracts. */
    if (i != hub && hub_rem_mine > 0.0 && hub_rem_total > 0.0) {
        double future = m->spend_share * sim_value_hub_revenue_pv(w) - hub_rem_total;
        if (future > 0.0)
            v.franchise =
                hub_rem_mine / hub_rem_total * future * m->franchise_margin * (1.0 - pd_hub);
    }
    for (int j = 0; j < n; j++) {
        double held = w->holdings[(size_t)i * (size_t)n + (size_t)j];
        if (held > 0.0)
            v.holdings += held * w->actors[j].price;
    }
    double cash = sim_cash(w, i);
    v.assets = v.own + (v.backlog > 0.0 ? v.backlog : 0.0) + v.franchise + v.stakes + v.holdings +
               (cash > 0.0 ? cash : 0.0);
    v.owed =
        a->debt + owed + guar + (v.backlog < 0.0 ? -v.backlog : 0.0) + (cash < 0.0 ? -cash : 0.0);
    merton(&v, s->asset_vol, m->merton_horizon, m->lender_dd, m->credit_appetite, 0.0);
    if (i != hub && !a->defaulted) {
        /* Listed shares only: the hub's private mark is no collateral. */
        double premium = a->price * a->shares - v.equity;
        if (premium > 0.0)
            merton(&v, s->asset_vol, m->merton_horizon, m->lender_dd, m->credit_appetite, premium);
    }
    if (a->defaulted) {
        /* What is left is what its shares still trade at; nobody lends to it. */
        v.equity = a->price * a->shares;
        v.dd = -10.0;
        v.pd = 1.0;
        v.room = 0.0;
    }
    return v;
}

static void store(SimWorld *w, int i)
{
    SimActor *a = &w->actors[i];
    a->val = sim_value_of(w, i);
    a->credit_limit = a->debt + a->val.room;
}

void sim_value_update(SimWorld *w)
{
    int hub = w->sc->hub;
    store(w, hub);
    for (int i = 0; i < w->n; i++)
        if (i != hub)
            store(w, i);
}

/* The scale of actor i that makes its Merton equity equal its opening market value. */
static double fit_scale(SimWorld *w, int i)
{
    SimActor *a = &w->actors[i];
    double target = a->price * a->shares;
    double lo = 0.0, hi = 1.0;
    a->scale = hi;
    while (sim_value_of(w, i).equity < target && hi < 1e6) {
        hi *= 2.0;
        a->scale = hi;
    }
    for (int k = 0; k < 60; k++) {
        double mid = 0.5 * (lo + hi);
        a->scale = mid;
        if (sim_value_of(w, i).equity < target)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

void sim_value_init(SimWorld *w)
{
    int hub = w->sc->hub;
    /* The hub first: the others' backlog and franchise read its default probability. */
    w->actors[hub].scale = fit_scale(w, hub);
    store(w, hub);
    for (int i = 0; i < w->n; i++)
        if (i != hub) {
            w->actors[i].scale = fit_scale(w, i);
            store(w, i);
        }
}
