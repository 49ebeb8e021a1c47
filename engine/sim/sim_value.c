/* sim_value: balance sheets, fundamental value and distance to default (see sim_value.h). */
#include "sim_value.h"

#include "sim_deal.h"
#include "sim_demand.h"
#include "sim_market.h"
#include "sim_world.h"

#include <math.h>
#include <string.h>

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

/* Discount factor for money `months` from now, given lr = log(1 + annual rate). */
static double disc_at(double lr, double months)
{
    return months > 0.0 ? exp(-lr * months / 12.0) : 1.0;
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

/* GW the hub will have once every live deal has delivered (and `extra` more). */
static double hub_gw_secured(const SimWorld *w, double extra)
{
    double gw = sim_demand_gw_online(w) + extra;
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

static double hub_revenue_pv(const SimWorld *w, double extra_gw)
{
    const SimMarketParams *m = &w->sc->market;
    const SimActor *h = &w->actors[w->sc->hub];
    double cap = m->revenue_per_gw * hub_gw_secured(w, extra_gw);
    return revenue_pv(h->revenue, hub_growth_seen(w), h->spec->growth_floor, h->spec->growth_decay,
                      m->discount_rate, cap > h->revenue ? cap : h->revenue);
}

/* The hub's revenue as the market projects it: present value of the next years' revenue at the
 * discount rate, $B. */
static double sim_value_hub_revenue_pv(const SimWorld *w)
{
    return hub_revenue_pv(w, 0.0);
}

void sim_value_revenue_path(const SimWorld *w, int i, double extra_gw, double *rev, int years)
{
    const SimActor *a = &w->actors[i];
    const SimActorSpec *s = a->spec;
    int hub = i == w->sc->hub;
    double r = a->revenue, g = hub ? hub_growth_seen(w) : a->growth;
    double cap = hub ? w->sc->market.revenue_per_gw * hub_gw_secured(w, extra_gw) : INFINITY;
    double keep = pow(1.0 - s->growth_decay, 12.0);
    if (cap < a->revenue)
        cap = a->revenue;
    double gt = s->growth_floor < TERMINAL_GROWTH ? s->growth_floor : TERMINAL_GROWTH;
    /* The path revenue_pv discounts: growth fading to its floor, capped; past the explicit
     * years, the terminal growth. */
    for (int y = 0; y < years; y++) {
        rev[y] = r;
        r *= 1.0 + (y < PROJECTION_YEARS ? g : gt);
        if (r > cap)
            r = cap;
        if (y < PROJECTION_YEARS)
            g = s->growth_floor + (g - s->growth_floor) * keep;
    }
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

/* What an actor's live deals add to its balance sheet ($B), before the sums of sim_value.h. */
typedef struct {
    double owed;    /* PV of what it still owes under them */
    double guar;    /* expected calls on the guarantees it gave */
    double backlog; /* its backlog as a vendor, net of the cost still to build */
    double stakes;  /* joint-venture stakes and loans made */
    double mine;    /* what the hub still owes it for compute */
} Sheet;
_Static_assert(sizeof(Sheet) == SIM_VALUE_SCRATCH * sizeof(double), "Sheet: update the scratch");

/* The default probability the market reads for actor j, the hub's given as hub_pd. */
static double pd_of(const SimWorld *w, int j, double hub_pd)
{
    if (w->actors[j].defaulted)
        return 1.0;
    return j == w->sc->hub ? hub_pd : w->actors[j].val.pd;
}

/* Actor i's side of live deal d, added to sh. */
static void side(const SimWorld *w, const SimDeal *d, int i, double hub_pd, double lr, Sheet *sh)
{
    const SimMarketParams *m = &w->sc->market;
    const SimTerms *t = &d->t;
    const SimKindInfo *ki = sim_kind(t->kind);
    double mid = mid_left(w, d);
    /* What the debtor still owes under it: the borrower of a loan, the payer otherwise. */
    double rem = sim_deal_owed(w, d, sim_deal_debtor(t), -1);
    int other = sim_deal_counterparty(d, i);
    double pd_other = other >= 0 ? pd_of(w, other, hub_pd) : 0.0;
    if (t->payer == w->sc->hub && t->payee == i && sim_kind_is_supply(t->kind))
        sh->mine += rem;
    if (ki->lender != SIM_LENDER_NONE) {
        /* A loan (or a guaranteed one): the borrower owes the balance and the draws to come;
         * the lender holds a claim worth what it expects to recover; a guarantor carries the
         * expected call. */
        if (t->payee == i)
            sh->owed += rem;
        else if (ki->lender == SIM_LENDER_PAYER)
            sh->stakes += d->principal * (1.0 - pd_other * (1.0 - m->recovery_rate));
        else
            sh->guar += pd_other * d->principal * (1.0 - m->recovery_rate);
    } else if (ki->pay == SIM_PAY_SPLIT) {
        double whole = t->rate + t->rate2;
        double left = sim_deal_owed(w, d, i, -1);
        sh->owed += left * disc_at(lr, mid);
        /* A stake in the build: worth its cost while its tenant (the payee) pays, a salvage
         * share if it fails. The payee's share is its own capacity, valued in its business. */
        if (t->payer == i && whole > 0.0) {
            double keep = 1.0 - pd_other * (1.0 - m->salvage);
            sh->stakes += d->paid * t->rate / whole * keep + left * keep * disc_at(lr, mid);
        }
    } else if (ki->flow == SIM_FLOW_CONTRACT || ki->pay == SIM_PAY_REVENUE ||
               ki->payee == SIM_PAYEE_WORLD) {
        /* Payments for something delivered: owed by the payer; a backlog for the payee, worth
         * what the payer is expected to pay, less what it still costs to deliver. */
        if (t->payer == i) {
            sh->owed += rem * disc_at(lr, mid);
        } else {
            double cost = m->delivery_cost[t->kind] * t->amount - d->cost_paid;
            sh->backlog += (1.0 - pd_other) * rem * disc_at(lr, mid) -
                           (cost > 0.0 ? cost * disc_at(lr, mid - m->delivery_lead) : 0.0);
        }
    }
    /* Equity tranches buy shares worth what they cost; warrants dilute and owe nothing. */
}

/* One pass over the live deals: the sheet of every actor into sh[actor] (only < 0), or of actor
 * `only` alone into sh[0]. Returns what the hub still owes for compute, all vendors together. */
static double tally(const SimWorld *w, int only, double hub_pd, Sheet *sh)
{
    double lr = log1p(w->sc->market.discount_rate), hub_owes = 0.0;
    int hub = w->sc->hub;
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if (!sim_deal_is_live(d))
            continue;
        const SimTerms *t = &d->t;
        if (t->payer == hub && sim_kind_is_supply(t->kind))
            hub_owes += sim_deal_owed(w, d, hub, -1);
        if (only < 0 || t->payer == only)
            side(w, d, t->payer, hub_pd, lr, &sh[only < 0 ? t->payer : 0]);
        if (t->payee >= 0 && (only < 0 || t->payee == only))
            side(w, d, t->payee, hub_pd, lr, &sh[only < 0 ? t->payee : 0]);
    }
    return hub_owes;
}

/* Actor i's own business (S = 1), given the hub's projected revenue PV. */
static double own_business(const SimWorld *w, int i, double hub_pv)
{
    const SimActor *a = &w->actors[i];
    const SimActorSpec *s = a->spec;
    double pv = i == w->sc->hub
                    ? hub_pv
                    : revenue_pv(a->revenue, a->growth, s->growth_floor, s->growth_decay,
                                 w->sc->market.discount_rate, INFINITY);
    return (1.0 - s->opex_ratio) * pv;
}

/* Actor i's value from its sheet: the sums of sim_value.h, then Merton. */
static SimValue finish(const SimWorld *w, int i, double own, const Sheet *sh, double hub_pv,
                       double hub_owes, double hub_pd)
{
    const SimMarketParams *m = &w->sc->market;
    const SimActor *a = &w->actors[i];
    int hub = w->sc->hub, n = w->n;
    SimValue v = {0};
    v.own = a->scale * own;
    v.backlog = sh->backlog;
    v.stakes = sh->stakes;
    /* The vendor's share of what the hub will buy beyond its contracts. */
    /* Its share of the hub's spending: what the hub owes it under contracts, beside the share it
     * had at the start (hub_share, as if worth share_weight $B of contracts): a vendor that
     * stays out while its rivals sign loses its share to them. */
    double opening = a->spec->hub_share * m->share_weight;
    if (i != hub && sh->mine + opening > 0.0) {
        double all = hub_owes + w->hub_share_total * m->share_weight;
        double future = m->spend_share * hub_pv - hub_owes;
        if (future > 0.0 && all > 0.0)
            v.franchise =
                (sh->mine + opening) / all * future * m->franchise_margin * (1.0 - hub_pd);
    }
    for (int j = 0; j < n; j++) {
        double held = w->holdings[(size_t)i * (size_t)n + (size_t)j];
        if (held > 0.0)
            v.holdings += held * w->actors[j].price;
    }
    double cash = sim_cash(w, i);
    v.assets = v.own + (v.backlog > 0.0 ? v.backlog : 0.0) + v.franchise + v.stakes + v.holdings +
               (cash > 0.0 ? cash : 0.0);
    v.owed = a->debt + sh->owed + sh->guar + (v.backlog < 0.0 ? -v.backlog : 0.0) +
             (cash < 0.0 ? -cash : 0.0);
    double sigma = a->spec->asset_vol;
    merton(&v, sigma, m->merton_horizon, m->lender_dd, m->credit_appetite, 0.0);
    if (i != hub && !a->defaulted) {
        /* Listed shares only: the hub's private mark is no collateral. */
        double premium = a->price * a->shares - v.equity;
        if (premium > 0.0)
            merton(&v, sigma, m->merton_horizon, m->lender_dd, m->credit_appetite, premium);
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

SimValue sim_value_with(const SimWorld *w, int i, double extra_owed, double extra_gw)
{
    Sheet sh = {0};
    double hub_pd = w->actors[w->sc->hub].val.pd, hub_pv = sim_value_hub_revenue_pv(w);
    double hub_owes = tally(w, i, hub_pd, &sh);
    sh.owed += extra_owed;
    double own = own_business(w, i, i == w->sc->hub ? hub_revenue_pv(w, extra_gw) : hub_pv);
    return finish(w, i, own, &sh, hub_pv, hub_owes, hub_pd);
}

static void store(SimWorld *w, int i, SimValue v)
{
    SimActor *a = &w->actors[i];
    a->val = v;
    a->credit_limit = a->debt + v.room;
}

void sim_value_update(SimWorld *w)
{
    int hub = w->sc->hub, n = w->n;
    Sheet *sh = (Sheet *)w->value_scratch;
    double hub_pv = sim_value_hub_revenue_pv(w);
    /* The hub first, its counterparties' PDs as last read; then everyone with its new PD. */
    Sheet mine = {0};
    double hub_owes = tally(w, hub, w->actors[hub].val.pd, &mine);
    store(w, hub,
          finish(w, hub, own_business(w, hub, hub_pv), &mine, hub_pv, hub_owes,
                 w->actors[hub].val.pd));
    double hub_pd = w->actors[hub].val.pd;
    memset(sh, 0, (size_t)n * sizeof *sh);
    tally(w, -1, hub_pd, sh);
    for (int i = 0; i < n; i++)
        if (i != hub)
            store(w, i, finish(w, i, own_business(w, i, hub_pv), &sh[i], hub_pv, hub_owes, hub_pd));
}

/* The scale S of actor i that makes its Merton equity equal its opening market value (its deals
 * do not depend on S: tallied once). */
static double fit_scale(SimWorld *w, int i, double hub_pv, double hub_pd)
{
    SimActor *a = &w->actors[i];
    Sheet sh = {0};
    double hub_owes = tally(w, i, hub_pd, &sh);
    double own = own_business(w, i, hub_pv);
    double target = a->price * a->shares;
    double lo = 0.0, hi = 1.0;
    a->scale = hi;
    while (finish(w, i, own, &sh, hub_pv, hub_owes, hub_pd).equity < target && hi < 1e6) {
        hi *= 2.0;
        a->scale = hi;
    }
    for (int k = 0; k < 60; k++) {
        a->scale = 0.5 * (lo + hi);
        if (finish(w, i, own, &sh, hub_pv, hub_owes, hub_pd).equity < target)
            lo = a->scale;
        else
            hi = a->scale;
    }
    return 0.5 * (lo + hi);
}

double sim_value_debt_capacity(const SimWorld *w, int i)
{
    const SimActor *a = &w->actors[i];
    const SimMarketParams *m = &w->sc->market;
    double st = a->spec->asset_vol * sqrt(m->merton_horizon);
    if (st < 1e-6)
        st = 1e-6;
    /* As merton(): a listed company's market premium is collateral too; the hub's mark is not. */
    double premium = i != w->sc->hub ? a->price * a->shares - a->val.equity : 0.0;
    double assets = a->val.assets > 1e-9 ? a->val.assets : 1e-9;
    return (assets + (premium > 0.0 ? premium : 0.0)) * exp(-m->lender_dd * st - 0.5 * st * st);
}

void sim_value_init(SimWorld *w)
{
    int hub = w->sc->hub;
    double hub_pv = sim_value_hub_revenue_pv(w);
    /* The hub first: the others' backlog and franchise read its default probability. */
    w->actors[hub].scale = fit_scale(w, hub, hub_pv, 0.0);
    w->actors[hub].val.pd = 0.0;
    sim_value_update(w);
    for (int i = 0; i < w->n; i++)
        if (i != hub)
            w->actors[i].scale = fit_scale(w, i, hub_pv, w->actors[hub].val.pd);
    sim_value_update(w);
}
