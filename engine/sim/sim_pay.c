/* sim_pay: revenue, costs, scheduled payments, funding and missed payments of a month. */
#include "sim_pay.h"

#include "sim_demand.h"
#include "sim_market.h"
#include "sim_value.h"

#include "core_err.h"
#include "core_mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rounds of a month (SimKindRound): money coming in to the hub first, so that it can pay
 * the rest. */
enum {
    ROUND_IN = SIM_ROUND_IN,
    ROUND_BUILD = SIM_ROUND_BUILD,
    ROUND_OWED = SIM_ROUND_OWED,
    ROUND_COUNT = SIM_ROUND_COUNT
};

/* Most joint ventures that can finish in one month (each then becomes a lease). */
#define SIM_MAX_LEASES 64

/* Slots of dues that are not a scheduled payment. */
#define SLOT_ARREARS (-2) /* money owed from earlier months */
#define SLOT_OVERDUE (-3) /* a loan's balance past its schedule */

/* The ledger account of whom a deal's debtor pays: the lender of a loan, the payee otherwise
 * (the world for a guaranteed loan or a build). */
static int creditor_account(const SimTerms *tm, int world)
{
    int c = sim_deal_creditor(tm);
    return c == SIM_WORLD ? world : c;
}

typedef struct SimDue {
    int deal;
    int from, to; /* ledger accounts */
    double amount;
    SimFlowKind kind;
    int slot; /* the schedule slot this pays, -1 (interest), or SLOT_* */
    int side; /* DUE_*: whose money it is, where a deal has more than one kind of due */
} Due;

/* What a due is, beyond its flow kind. */
enum {
    DUE_PAYER,    /* the payer's scheduled payment (or a borrower's, a lender's draw) */
    DUE_JV_PAYEE, /* a joint venture's payee: its own share of the build */
    DUE_BUILDER,  /* the payee's cost of building what it delivers (sim_kind: supply) */
    DUE_RENT,     /* a joint venture's tenant: rent to the partner on what it has put in */
};

/* The month's dues; the array is the world's scratch, kept between turns. */
typedef struct {
    SimWorld *w;
    int n;
} Dues;

static int dues_add(Dues *ds, int deal, int from, int to, double amount, SimFlowKind kind, int slot,
                    int side)
{
    if (!(amount > 0.0))
        return 0;
    SimWorld *w = ds->w;
    Due *v = core_grow(w->dues, &w->cap_dues, ds->n + 1, sizeof *v, 64);
    if (!v)
        return -1;
    w->dues = v;
    w->dues[ds->n++] = (Due){deal, from, to, amount, kind, slot, side};
    return 0;
}

double sim_pay_credit_limit(const SimWorld *w, int i)
{
    /* What lenders offered when the actor was last valued (sim_value: Merton's debt capacity),
     * on top of the debt it had then. */
    return w->actors[i].credit_limit;
}

static double raise_capacity(const SimWorld *w, int i)
{
    if (i != w->sc->hub)
        return 0.0;
    double s = sim_market_sentiment(w);
    /* Investors buy new shares at the hub's value (which already prices its default risk),
     * twice as keenly at full enthusiasm as in a neutral market, not at all in a panic. */
    double keen = 0.5 * (1.0 + s);
    return w->sc->market.raise_fraction * sim_market_value(w, i) * keen;
}

/* The annual rate an actor pays on its credit: the risk-free rate plus the expected loss its
 * default probability implies (hazard x loss given default). */
static double credit_rate(const SimWorld *w, int i)
{
    const SimMarketParams *m = &w->sc->market;
    double spread = w->actors[i].val.spread * (1.0 - m->recovery_rate);
    return m->interest_rate + (spread < 0.5 ? spread : 0.5);
}

double sim_pay_funding_room(const SimWorld *w, int i)
{
    double room = sim_pay_credit_limit(w, i) - w->actors[i].debt;
    if (room < 0.0)
        room = 0.0;
    return room + 12.0 * raise_capacity(w, i) + (sim_cash(w, i) > 0.0 ? sim_cash(w, i) : 0.0);
}

/* Makes sure actor i holds `need` in cash if it can: sells listed shares it holds, raises equity
 * (the hub), draws credit. `raised` tracks the hub's raise this month. */
/* Sells up to `want` $B of new shares of actor i to outside investors at its price, within what
 * they take this month (`raised` tracks it). Returns the amount raised, or -1 if memory runs
 * out. */
static double raise_equity(SimWorld *w, int i, double want, double *raised)
{
    SimActor *a = &w->actors[i];
    double room = raise_capacity(w, i) - *raised;
    double amt = room < want ? room : want;
    if (!(amt > 1e-12))
        return 0.0;
    a->shares += amt / a->price;
    *raised += amt;
    if (sim_ledger_post(&w->ledger, w->turn, sim_ledger_world(&w->ledger), i, amt,
                        SIM_FLOW_EQUITY_RAISE, -1, -1) < 0)
        return -1.0;
    SimEvent *e = sim_world_log(w, SIM_LOG_RAISE, i, -1, -1);
    if (!e)
        return -1.0;
    e->amount = amt;
    return amt;
}

static int fund(SimWorld *w, int i, double need, double *raised)
{
    SimActor *a = &w->actors[i];
    int n = w->n, world = sim_ledger_world(&w->ledger);
    double short_by = need - sim_cash(w, i);
    /* Shares granted as warrants go first: that money is the issuer's subsidy, and counts as
     * its financing of the holder in circularity; shares bought earlier are a plain sale. */
    for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < n && short_by > 1e-12; j++) {
            size_t at = (size_t)i * (size_t)n + (size_t)j;
            double *held = &w->holdings[at], *granted = &w->granted[at];
            double avail = pass == 0 ? *granted : *held - *granted;
            if (avail <= 1e-15 || j == w->sc->hub || w->actors[j].defaulted)
                continue;
            double value = avail * w->actors[j].price;
            double sell = value < short_by ? value : short_by;
            double sold = sell / w->actors[j].price;
            *held -= sold;
            if (pass == 0)
                *granted -= sold;
            if (*held < 1e-15)
                *held = 0.0;
            if (*granted < 1e-15 || *granted > *held)
                *granted = *granted > *held ? *held : 0.0;
            if (sim_ledger_post(&w->ledger, w->turn, world, i, sell,
                                pass == 0 ? SIM_FLOW_WARRANT_SALE : SIM_FLOW_SHARE_SALE, -1, j) < 0)
                return -1;
            SimEvent *e = sim_world_log(w, SIM_LOG_WARRANT_SALE, i, j, -1);
            if (!e)
                return -1;
            e->amount = sell;
            short_by -= sell;
        }
    }
    if (short_by > 1e-12) {
        double amt = raise_equity(w, i, short_by, raised);
        if (amt < 0.0)
            return -1;
        short_by -= amt;
    }
    if (short_by > 1e-12) {
        double room = sim_pay_credit_limit(w, i) - a->debt;
        double amt = room < short_by ? room : short_by;
        if (amt > 1e-12) {
            a->debt += amt;
            if (sim_ledger_post(&w->ledger, w->turn, world, i, amt, SIM_FLOW_CREDIT_DRAW, -1, -1) <
                0)
                return -1;
            SimEvent *e = sim_world_log(w, SIM_LOG_CREDIT, i, -1, -1);
            if (!e)
                return -1;
            e->amount = amt;
        }
    }
    return 0;
}

int sim_pay_fund(SimWorld *w, int i, double need)
{
    double raised = 0.0;
    return fund(w, i, need, &raised);
}

/* How many of deal d's monthly slots its builder has put up by the end of month t: each slot's
 * capacity is built delivery_lead months before it is paid for, and a kind with build_months
 * shorter than the contract puts up the whole contract's capacity within that many months
 * (front-loaded capex), so a customer's early failure strands more of it. */
static int sim_pay_built_by(const SimWorld *w, const SimDeal *d, int t)
{
    const SimTerms *tm = &d->t;
    int months = tm->months, lead = (int)w->sc->market.delivery_lead;
    double b = w->sc->market.build_months[tm->kind];
    long u = (long)t - d->start_turn + lead + 1; /* months of building done by the end of t */
    long slots = u;
    if (b > 0.0 && b < months)
        slots = (long)ceil((double)u * months / b);
    return slots < 0 ? 0 : slots > months ? months : (int)slots;
}

static int t_before_signing(const SimWorld *w, const SimDeal *d)
{
    return w->turn < d->decided_turn;
}

/* The builder's cost of what it delivers under deal k that falls due this month: the cost of the
 * slots put up this month (sim_pay_built_by), never before the deal was signed (what would fall
 * earlier is spent the month it is signed). */
static int build_cost_due(SimWorld *w, Dues *ds, int k)
{
    const SimDeal *d = &w->deals[k];
    const SimTerms *tm = &d->t;
    double ratio = w->sc->market.delivery_cost[tm->kind];
    if (!(ratio > 0.0) || tm->payee < 0 || d->decided_turn < 0)
        return 0;
    if (t_before_signing(w, d))
        return 0;
    int t = w->turn, from = sim_pay_built_by(w, d, t - 1), to = sim_pay_built_by(w, d, t);
    if (t == d->decided_turn)
        from = 0;
    double share = sim_schedule_sum(tm, from, to);
    return dues_add(ds, k, tm->payee, sim_ledger_world(&w->ledger), ratio * tm->amount * share,
                    SIM_FLOW_BUILD, -1, DUE_BUILDER);
}

/* Adds what each live deal asks of its parties this month, for one round. */
static int collect(SimWorld *w, Dues *ds, int round)
{
    int t = w->turn, world = sim_ledger_world(&w->ledger);
    for (int x = 0; x < w->n_live; x++) {
        int k = w->live[x];
        SimDeal *d = &w->deals[k];
        const SimTerms *tm = &d->t;
        if (!sim_deal_is_live(d))
            continue;
        if (round == ROUND_BUILD && build_cost_due(w, ds, k) < 0)
            return -1;
        if (d->start_turn > t)
            continue;
        const SimKindInfo *ki = sim_kind(tm->kind);
        int slot = t - d->start_turn;
        int rc = 0;
        /* What the debtor still owes from earlier months comes due again first. */
        if (round == ROUND_OWED && d->arrears > 0.0) {
            int debtor = sim_deal_debtor(tm), creditor = sim_deal_creditor(tm);
            if (creditor == SIM_WORLD)
                creditor = world;
            /* A loan's unpaid repayments stay in its principal; its arrears are interest. */
            SimFlowKind fk = ki->pay == SIM_PAY_REVENUE ? SIM_FLOW_REVENUE_SHARE
                             : ki->pay == SIM_PAY_LOAN  ? SIM_FLOW_INTEREST
                                                        : SIM_FLOW_CONTRACT;
            rc = dues_add(ds, k, debtor, creditor, d->arrears, fk, SLOT_ARREARS, DUE_PAYER);
            d->arrears = 0.0; /* what goes unpaid again is added back in pay_round */
        }
        if (rc < 0)
            return -1;
        if (slot >= sim_deal_span(tm)) {
            /* Past its schedule a loan still owes its balance: interest and all of it. */
            if (round == ROUND_OWED && ki->pay == SIM_PAY_LOAN && d->principal > 0.0) {
                int lender = creditor_account(tm, world);
                rc = dues_add(ds, k, tm->payee, lender, d->principal * tm->rate / 12.0,
                              SIM_FLOW_INTEREST, -1, DUE_PAYER);
                if (rc == 0)
                    rc = dues_add(ds, k, tm->payee, lender, d->principal, SIM_FLOW_LOAN_REPAY,
                                  SLOT_OVERDUE, DUE_PAYER);
            }
            if (rc < 0)
                return -1;
            continue;
        }
        double share = sim_schedule_share(tm, slot);
        switch (ki->pay) {
        case SIM_PAY_PLAIN:
            /* Contract instalments, equity tranches, exclusivity fees, builds. */
            if ((int)round == (int)ki->round)
                rc = dues_add(ds, k, tm->payer, creditor_account(tm, world), tm->amount * share,
                              ki->flow, slot, DUE_PAYER);
            break;
        case SIM_PAY_LOAN: {
            int lender = creditor_account(tm, world);
            if ((int)round == (int)ki->round && slot < tm->months)
                rc = dues_add(ds, k, lender, tm->payee, tm->amount * share, ki->flow, slot,
                              DUE_PAYER);
            if (round == ROUND_OWED && d->principal > 0.0) {
                rc = dues_add(ds, k, tm->payee, lender, d->principal * tm->rate / 12.0,
                              SIM_FLOW_INTEREST, -1, DUE_PAYER);
                if (rc == 0 && slot >= tm->months) {
                    int left = 2 * tm->months - slot;
                    rc = dues_add(ds, k, tm->payee, lender, d->principal / (double)left,
                                  SIM_FLOW_LOAN_REPAY, slot, DUE_PAYER);
                }
            }
            break;
        }
        case SIM_PAY_SPLIT:
            if ((int)round == (int)ki->round) {
                rc = dues_add(ds, k, tm->payer, world, tm->amount * tm->rate * share, ki->flow,
                              slot, DUE_PAYER);
                if (rc == 0)
                    rc = dues_add(ds, k, tm->payee, world, tm->amount * tm->rate2 * share, ki->flow,
                                  slot, DUE_JV_PAYEE);
            }
            /* What the partner has built so far is in use: its tenant pays rent on it. */
            if (round == ROUND_OWED && tm->payee >= 0 && tm->rate + tm->rate2 > 0.0)
                rc = dues_add(ds, k, tm->payee, tm->payer,
                              w->sc->market.jv_yield / 12.0 * d->paid * tm->rate /
                                  (tm->rate + tm->rate2),
                              SIM_FLOW_CONTRACT, -1, DUE_RENT);
            break;
        case SIM_PAY_REVENUE:
            if ((int)round == (int)ki->round)
                rc = dues_add(ds, k, tm->payer, tm->payee,
                              tm->rate * w->actors[tm->payer].revenue / 12.0, ki->flow, slot,
                              DUE_PAYER);
            break;
        case SIM_PAY_NONE:
        case SIM_PAY_MODE_COUNT:
            break; /* no money: warrants' shares vest in advance() */
        }
        if (rc < 0)
            return -1;
    }
    /* Running costs and interest on credit lines: owed like any bill. */
    for (int i = 0; i < w->n && round == ROUND_OWED; i++) {
        const SimActor *a = &w->actors[i];
        if (a->defaulted)
            continue;
        if (dues_add(ds, -1, i, world, a->spec->opex_ratio * a->revenue / 12.0, SIM_FLOW_OPEX, -1,
                     0) < 0)
            return -1;
        if (a->debt > 0.0 && dues_add(ds, -1, i, world, a->debt * credit_rate(w, i) / 12.0,
                                      SIM_FLOW_INTEREST, -1, 0) < 0)
            return -1;
    }
    return 0;
}

/* Effects of a made payment on the deal and the parties. */
static void apply(SimWorld *w, const Due *du, double paid, double frac)
{
    if (du->deal < 0)
        return;
    SimDeal *d = &w->deals[du->deal];
    const SimTerms *tm = &d->t;
    if (du->side == DUE_RENT)
        return; /* rent on a joint build: nothing owed under the deal changes */
    if (du->side == DUE_BUILDER) {
        d->cost_paid += paid; /* the builder's own spending: not a payment under the deal */
        return;
    }
    d->paid += du->kind == SIM_FLOW_INTEREST ? 0.0 : paid;
    if (du->kind == SIM_FLOW_LOAN_REPAY && du->slot < 0) {
        /* Arrears or the overdue balance of a loan: principal comes down by what was paid. */
        d->principal -= paid;
        if (d->principal < 1e-12)
            d->principal = 0.0;
        return;
    }
    if (du->slot < 0)
        return;
    const SimKindInfo *ki = sim_kind(tm->kind);
    double share = sim_schedule_share(tm, du->slot);
    if (ki->stake == SIM_STAKE_BUY) {
        SimActor *q = &w->actors[tm->payee];
        double new_shares = paid / q->price;
        q->shares += new_shares;
        w->holdings[(size_t)tm->payer * (size_t)w->n + (size_t)tm->payee] += new_shares;
    }
    if (ki->pay == SIM_PAY_LOAN) {
        if (du->kind == SIM_FLOW_LOAN_DRAW)
            d->principal += paid;
        else if (du->kind == SIM_FLOW_LOAN_REPAY)
            d->principal -= paid;
        if (d->principal < 1e-12)
            d->principal = 0.0;
    }
    switch (ki->gw) {
    case SIM_GW_NONE:
        break;
    case SIM_GW_PAYEE_CONTRACTED: {
        /* Capacity arrives in proportion to the money both partners and the outside
         * investors put in; each partner's due carries its part of the slot's GW. */
        double part = du->side == DUE_JV_PAYEE ? tm->rate2 : tm->rate;
        double whole = tm->rate + tm->rate2;
        if (whole > 0.0)
            w->actors[tm->payee].compute_contracted += tm->gw * share * frac * part / whole;
        if (tm->gw > 0.0)
            d->gw_done += tm->gw * share * frac * (whole > 0.0 ? part / whole : 0.0);
        break;
    }
    case SIM_GW_PAYER_OWNED:
        w->actors[tm->payer].compute_owned += tm->gw * share * frac;
        d->gw_done += tm->gw * share * frac;
        break;
    case SIM_GW_PAYER_CONTRACTED:
        w->actors[tm->payer].compute_contracted += tm->gw * share * frac;
        d->gw_done += tm->gw * share * frac;
        break;
    }
}

/* Pays one round: funds each payer that is short, pays what it can, records the rest as missed.
 * missed_now[i] is set for each actor that missed anything. */
static int pay_round(SimWorld *w, int round, double *raised, double *missed_now)
{
    Dues ds = {w, 0};
    if (collect(w, &ds, round) < 0)
        return -1;
    const Due *dv = w->dues;
    int n = w->n, world = sim_ledger_world(&w->ledger);
    double *owed = w->pay_scratch + 2 * n, *frac = w->pay_scratch + 3 * n;
    for (int i = 0; i < n; i++)
        owed[i] = frac[i] = 0.0;
    for (int k = 0; k < ds.n; k++)
        if (dv[k].from != world)
            owed[dv[k].from] += dv[k].amount;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        if (owed[i] > 0.0 && sim_cash(w, i) < owed[i])
            rc = fund(w, i, owed[i], &raised[i]);
    /* The share of its dues each payer can meet this round. */
    for (int i = 0; i < n && rc == 0; i++) {
        if (owed[i] <= 0.0)
            continue;
        /* A shortfall below a millionth of the bill is rounding, not a missed payment. */
        double cash = sim_cash(w, i);
        frac[i] = cash >= owed[i] * (1.0 - 1e-9) ? 1.0 : (cash > 0.0 ? cash / owed[i] : 0.0);
        if (frac[i] < 1.0) {
            missed_now[i] = 1.0;
            SimEvent *e = sim_world_log(w, SIM_LOG_MISSED, i, -1, -1);
            if (!e)
                rc = -1;
            else
                e->amount = owed[i] * (1.0 - frac[i]);
        }
    }
    for (int k = 0; k < ds.n && rc == 0; k++) {
        const Due *du = &w->dues[k];
        double f = du->from == world ? 1.0 : frac[du->from];
        double amt = du->amount * f;
        if (sim_ledger_post(&w->ledger, w->turn, du->from, du->to, amt, du->kind, du->deal, -1) <
            0) {
            rc = -1;
            break;
        }
        /* A shortfall is a missed payment under the deal; rent and a builder's own spending are
         * not payments its debtor owes, so they leave no arrears. */
        if (du->deal >= 0 && f < 1.0 && du->side != DUE_BUILDER && du->side != DUE_RENT) {
            SimDeal *d = &w->deals[du->deal];
            d->missed++;
            /* Debts stay owed; investments not made are simply not made. */
            if (du->kind == SIM_FLOW_CONTRACT || du->kind == SIM_FLOW_REVENUE_SHARE ||
                du->kind == SIM_FLOW_INTEREST)
                d->arrears += du->amount - amt;
        }
        apply(w, du, amt, f);
    }
    return rc;
}

/* Moves each live deal along its schedule once the month's payments are made: first payment
 * makes it delivering, warrants vest, the last slot completes it. */
/* When a joint venture's build is finished, the partner that funded it (the payer) leases its
 * share to the tenant that gets the capacity (the payee): a compute contract of
 * market.jv_yield a year on what the partner put in, over market.jv_lease_months, already built
 * (no delivery cost), so that the money a partner puts into a build comes back while the tenant
 * pays. Returns 0, or -1 if memory runs out. */
static int lease_build(SimWorld *w, int k)
{
    const SimMarketParams *m = &w->sc->market;
    const SimDeal *jv = &w->deals[k];
    int partner = jv->t.payer, tenant = jv->t.payee;
    double whole = jv->t.rate + jv->t.rate2;
    double put = whole > 0.0 ? jv->paid * jv->t.rate / whole : 0.0;
    int months = (int)m->jv_lease_months;
    if (!(put > 0.0) || months < 1 || !(m->jv_yield > 0.0) || tenant < 0 ||
        w->actors[partner].defaulted || w->actors[tenant].defaulted)
        return 0;
    SimTerms t = {0};
    t.kind = SIM_DEAL_COMPUTE;
    t.payer = tenant;
    t.payee = partner;
    t.amount = put * m->jv_yield * (double)months / 12.0;
    t.months = months;
    t.delay = 1;
    char tag[SIM_TAG_LEN];
    snprintf(tag, sizeof tag, "lease:%.*s", (int)sizeof tag - 7, jv->tag);
    int id = sim_world_add_deal(w, &t, partner, -1);
    if (id < 0)
        return -1;
    SimDeal *d = &w->deals[id];
    d->status = SIM_DS_ANNOUNCED;
    d->decided_turn = w->turn;
    d->start_turn = w->turn + t.delay;
    d->cost_paid = m->delivery_cost[t.kind] * t.amount; /* built already, by the venture */
    core_strlcpy(d->tag, tag, sizeof d->tag);
    core_strlcpy(d->reason,
                 "The joint venture's data centres, leased to their tenant"
                 "\x1f合资建成的数据中心租给使用它的一方",
                 sizeof d->reason);
    return sim_world_log(w, SIM_LOG_ACCEPTED, tenant, partner, id) ? 0 : -1;
}

/* Deal k has run its course: it completes this month; a joint venture's is added to built
 * (*n_built of them, at most SIM_MAX_LEASES) to lease what it built. Returns 0, or -1 if memory
 * runs out. */
static int complete(SimWorld *w, int k, int *built, int *n_built)
{
    SimDeal *d = &w->deals[k];
    d->status = SIM_DS_COMPLETED;
    d->end_turn = w->turn;
    if (!sim_world_log(w, SIM_LOG_COMPLETED, d->t.payer, d->t.payee, k))
        return -1;
    if (sim_kind(d->t.kind)->pay == SIM_PAY_SPLIT && *n_built < SIM_MAX_LEASES)
        built[(*n_built)++] = k;
    return 0;
}

static int advance(SimWorld *w)
{
    int t = w->turn;
    int built[SIM_MAX_LEASES], n_built = 0;
    for (int x = 0; x < w->n_live; x++) {
        int k = w->live[x];
        SimDeal *d = &w->deals[k];
        const SimTerms *tm = &d->t;
        if (!sim_deal_is_live(d) || d->start_turn > t)
            continue;
        int slot = t - d->start_turn;
        int span = sim_deal_span(tm);
        const SimKindInfo *ki = sim_kind(tm->kind);
        int owing = d->arrears > 1e-9 || (ki->pay == SIM_PAY_LOAN && d->principal > 1e-9);
        if (slot >= span) {
            /* Past the schedule: done once nothing is owed any more. */
            if (!owing && complete(w, k, built, &n_built) < 0)
                return -1;
            continue;
        }
        if (ki->stake == SIM_STAKE_VEST) {
            double v = tm->shares * sim_schedule_share(tm, slot);
            SimActor *issuer = &w->actors[tm->payer];
            /* New shares dilute the issuer: its value is shared by more shares. */
            issuer->price *= issuer->shares / (issuer->shares + v);
            issuer->shares += v;
            size_t at = (size_t)tm->payee * (size_t)w->n + (size_t)tm->payer;
            w->holdings[at] += v;
            w->granted[at] += v;
            d->vested += v;
        }
        d->status = SIM_DS_DELIVERING;
        d->paid_count = slot + 1;
        if (slot + 1 == span && !owing && complete(w, k, built, &n_built) < 0)
            return -1;
    }
    /* New deals after the walk over the live ones (adding may move the deals in memory). */
    for (int b = 0; b < n_built; b++)
        if (lease_build(w, built[b]) < 0)
            return -1;
    return 0;
}

int sim_pay_month(SimWorld *w)
{
    int n = w->n, world = sim_ledger_world(&w->ledger);
    /* The actors' own business. */
    for (int i = 0; i < n; i++) {
        SimActor *a = &w->actors[i];
        if (a->defaulted)
            continue;
        const SimActorSpec *s = a->spec;
        if (i == w->sc->hub) {
            sim_demand_month(w); /* the hub sells what demand and its compute allow */
        } else {
            a->revenue *= pow(1.0 + a->growth, 1.0 / 12.0);
            a->growth = s->growth_floor + (a->growth - s->growth_floor) * (1.0 - s->growth_decay);
        }
        if (sim_ledger_post(&w->ledger, w->turn, world, i, a->revenue / 12.0, SIM_FLOW_REVENUE, -1,
                            -1) < 0)
            return -1;
    }
    double *raised = w->pay_scratch, *missed_now = raised + n;
    for (int i = 0; i < 2 * n; i++)
        raised[i] = 0.0;
    int rc = 0;
    for (int round = 0; round < ROUND_COUNT && rc == 0; round++)
        rc = pay_round(w, round, raised, missed_now);
    if (rc == 0)
        rc = advance(w);
    for (int i = 0; i < n && rc == 0; i++) {
        SimActor *a = &w->actors[i];
        a->missed = missed_now[i] != 0.0 ? a->missed + 1 : 0;
        /* Pay credit drawn in the game back from cash beyond three months of revenue; the
         * opening debt is bonds with their own maturities, not a line to pay down at once. */
        double reserve = a->revenue / 4.0;
        double spare = sim_cash(w, i) - reserve;
        double drawn = a->debt - a->spec->debt;
        if (!a->defaulted && drawn > 0.0 && spare > 0.0) {
            double back = spare < drawn ? spare : drawn;
            a->debt -= back;
            rc =
                sim_ledger_post(&w->ledger, w->turn, i, world, back, SIM_FLOW_CREDIT_REPAY, -1, -1);
        }
        /* Investors willing, a company that raises equity (the hub) keeps cash_buffer_months of
         * its bills in hand, as a start-up raises its next round before it needs it. */
        if (rc == 0 && !a->defaulted && raise_capacity(w, i) > 0.0) {
            double monthly =
                sim_obligations(w, i, 12) / 12.0 + a->spec->opex_ratio * a->revenue / 12.0;
            double gap = w->sc->market.cash_buffer_months * monthly - sim_cash(w, i);
            if (gap > 0.0 && raise_equity(w, i, gap, &raised[i]) < 0.0)
                rc = -1;
        }
    }
    return rc;
}
