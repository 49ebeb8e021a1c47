/* sim_market: announcement jumps, monthly prices and sentiment, default write-downs. */
#include "sim_market.h"

#include "sim_value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double sim_market_sentiment(const SimWorld *w)
{
    return tanh(w->sentiment_x);
}

double sim_market_fomo(const SimWorld *w, int i)
{
    /* The world keeps the counts; take out actor i itself. */
    int giant = w->sc->actors[i].role == SIM_ROLE_GIANT;
    int rivals = w->n_giants - giant;
    int rewarded = w->n_rewarded - (giant && w->actors[i].joined && w->actors[i].car > 0.0);
    return rivals > 0 ? (double)rewarded / (double)rivals : 0.0;
}

static double jump_mult(const SimWorld *w, int i)
{
    const SimMarketParams *m = &w->sc->market;
    double mult = 1.0 + m->sentiment_gain * sim_market_sentiment(w);
    if (i != w->sc->hub)
        mult *= 1.0 + m->fomo_gain * sim_market_fomo(w, i);
    return mult > 0.0 ? mult : 0.0;
}

double sim_market_expected_jump(const SimWorld *w, int i, double net, int payee)
{
    const SimMarketParams *m = &w->sc->market;
    double mv = sim_market_value(w, i);
    if (!(net > 0.0) || !(mv > 0.0))
        return 0.0;
    double y = payee ? m->jump_payee : m->jump_payer;
    double j = y * pow(net / mv, m->jump_alpha) * jump_mult(w, i);
    return j > m->jump_cap ? m->jump_cap : j;
}

/* A value the market reads from terms, in $B on the day (sim_kind.h). */
static double kind_value(const SimWorld *w, const SimTerms *t, SimKindValue v)
{
    switch (v) {
    case SIM_VALUE_NONE:
    case SIM_VALUE_COUNT:
        return 0.0;
    case SIM_VALUE_AMOUNT:
        return t->amount;
    case SIM_VALUE_REVENUE:
        return t->rate * w->actors[t->payer].revenue / 12.0 * (double)t->months;
    case SIM_VALUE_SHARES:
        return t->shares * w->actors[t->payer].price;
    case SIM_VALUE_UNFUNDED:
        /* The payee gets a build worth the whole amount, of which it pays rate2. */
        return t->amount * (1.0 - t->rate2);
    case SIM_VALUE_PAYER_PART:
        return t->amount * t->rate;
    }
    return 0.0;
}

/* What the payee receives, in $B, as the market values it on the day. */
static double value_received(const SimWorld *w, const SimDeal *d)
{
    return kind_value(w, &d->t, sim_kind(d->t.kind)->receives);
}

/* What the payer commits, in $B. */
static double value_committed(const SimWorld *w, const SimDeal *d)
{
    return kind_value(w, &d->t, sim_kind(d->t.kind)->commits);
}

double sim_market_deal_size(const SimWorld *w, const SimDeal *d)
{
    double r = value_received(w, d), c = value_committed(w, d);
    return r > c ? r : c;
}

static int is_finance(SimDealKind k)
{
    return (sim_kind(k)->flags & SIM_KF_FINANCE) != 0;
}

static int log_reaction(SimWorld *w, int i, int other, int deal, double change, double mv_before,
                        double net, double fomo, double fund)
{
    SimEvent *e = sim_world_log(w, SIM_LOG_REACTION, i, other, deal);
    if (!e)
        return -1;
    e->change = change;
    e->fund = fund;
    e->value = sim_market_value(w, i) - mv_before;
    e->amount = net;
    e->aux = fomo;
    return 0;
}

/* The noise of an announcement day, from a stream of its own for each actor and month, so that
 * whether an actor announces this month does not shift its later monthly draws (two strategies
 * compared on one seed meet the same market). */
static double day_noise(const SimWorld *w, int i)
{
    CoreRng r;
    core_rng_seed_named(&r, w->seed ^ (0x9e3779b97f4a7c15ull * (uint64_t)(w->turn + 1)),
                        w->sc->actors[i].id);
    return core_rng_normal(&r);
}

/* Values every balance sheet as the world stands (sim_value) and copies each actor's
 * fundamental equity into e. */
static void value_all(SimWorld *w, double *e)
{
    sim_value_update(w);
    for (int i = 0; i < w->n; i++)
        e[i] = w->actors[i].val.equity;
}

/* The log change of each actor's fundamental equity from e0 to now; 0 where either is nil. */
static void value_change(const SimWorld *w, const double *e0, double *dlog)
{
    for (int i = 0; i < w->n; i++) {
        double e1 = w->actors[i].val.equity;
        dlog[i] = e0[i] > 1e-9 && e1 > 1e-9 ? log(e1 / e0[i]) : 0.0;
    }
}

/* What each actor gives and gets in a batch of announced deals: recv, money it receives; giveback,
 * financing it puts into a customer that pays it in the same batch (money that comes back, which
 * the market looks through by circular_discount); commit, what else it commits to. */
static void batch_sums(const SimWorld *w, const int *deals, int n_deals, double *recv,
                       double *giveback, double *commit)
{
    for (int k = 0; k < n_deals; k++) {
        const SimDeal *d = &w->deals[deals[k]];
        if (d->t.payee >= 0 && !is_finance(d->t.kind))
            recv[d->t.payee] += value_received(w, d);
    }
    for (int k = 0; k < n_deals; k++) {
        const SimDeal *d = &w->deals[deals[k]];
        int p = d->t.payer, q = d->t.payee;
        if (q >= 0 && is_finance(d->t.kind)) {
            int circular = 0;
            for (int j = 0; j < n_deals; j++) {
                const SimDeal *o = &w->deals[deals[j]];
                if (!is_finance(o->t.kind) && o->t.payer == q && o->t.payee == p)
                    circular = 1;
            }
            if (circular)
                giveback[p] += value_committed(w, d);
            else
                commit[p] += value_committed(w, d);
            recv[q] += value_received(w, d);
        } else {
            commit[p] += value_committed(w, d);
        }
    }
}

/* Rivals feel a share of each giant's jump (negative spill: they lose ground). 0, or -1. */
static int spill_to_rivals(SimWorld *w, int first, const double *is_party, const double *jumps,
                           const double *fund)
{
    const SimMarketParams *m = &w->sc->market;
    int n = w->n, rc = 0;
    for (int r = 0; r < n && rc == 0 && m->rival_spill != 0.0; r++) {
        if (is_party[r] != 0.0 || w->actors[r].defaulted || w->sc->actors[r].role != SIM_ROLE_GIANT)
            continue;
        double spill = fund[r];
        int from = -1;
        for (int i = 0; i < n; i++) {
            if (i == r || i == w->sc->hub || jumps[i] == 0.0)
                continue;
            spill += m->rival_spill * jumps[i];
            if (from < 0 || fabs(jumps[i]) > fabs(jumps[from]))
                from = i;
        }
        if (spill == 0.0)
            continue;
        double mv_before = sim_market_value(w, r);
        w->actors[r].price *= exp(spill);
        rc = log_reaction(w, r, from, first, spill, mv_before, 0.0, 0.0, fund[r]);
    }
    return rc;
}

int sim_market_announce(SimWorld *w, const int *deals, int n_deals)
{
    if (n_deals == 0)
        return 0;
    const SimMarketParams *m = &w->sc->market;
    int n = w->n;
    double *recv = calloc((size_t)n * 3, sizeof *recv);
    if (!recv)
        return -1;
    double *giveback = recv + n, *commit = recv + 2 * n;
    batch_sums(w, deals, n_deals, recv, giveback, commit);
    int first = deals[0];
    int rc = 0;
    double *jumps = calloc((size_t)n * 4, sizeof *jumps);
    double *is_party = jumps ? jumps + n : NULL;
    double *fund0 = jumps ? jumps + 2 * n : NULL, *fund = jumps ? jumps + 3 * n : NULL;
    if (!jumps) {
        free(recv);
        return -1;
    }
    /* The market revalues every balance sheet with the new deals in it: the fundamental part of
     * the day's move, which can be negative (a payer taking on what it cannot carry, a rival
     * losing its share of the hub's spending). */
    value_all(w, fund0);
    if (sim_world_index_deals(w) < 0) {
        free(jumps);
        free(recv);
        return -1;
    }
    sim_value_update(w);
    value_change(w, fund0, fund);
    for (int i = 0; i < n && rc == 0; i++) {
        if (w->actors[i].defaulted)
            continue;
        double net = recv[i] - m->circular_discount * giveback[i];
        double j = 0.0;
        int party = recv[i] > 0.0 || commit[i] > 0.0 || giveback[i] > 0.0;
        if (net > 0.0)
            j += sim_market_expected_jump(w, i, net, 1);
        if (commit[i] > 0.0)
            j += sim_market_expected_jump(w, i, commit[i], 0);
        j += fund[i];
        if (j > m->jump_cap)
            j = m->jump_cap;
        if (j < -m->jump_cap)
            j = -m->jump_cap;
        if (!party)
            continue;
        is_party[i] = 1.0;
        /* The deal that names this actor, for the record. */
        int deal = first;
        for (int k = 0; k < n_deals; k++) {
            const SimDeal *d = &w->deals[deals[k]];
            if (d->t.payer == i || d->t.payee == i) {
                deal = deals[k];
                break;
            }
        }
        double fomo = i != w->sc->hub ? sim_market_fomo(w, i) : 0.0;
        double change = j + m->day_noise * day_noise(w, i);
        double mv_before = sim_market_value(w, i);
        w->actors[i].price *= exp(change);
        jumps[i] = change;
        rc = log_reaction(w, i, -1, deal, change, mv_before, (net > 0.0 ? net : 0.0) + commit[i],
                          fomo, fund[i]);
        /* The value the partners gained on the day; the hub's private mark is not a market. */
        if (i != w->sc->hub)
            w->announced_value += sim_market_value(w, i) - mv_before;
    }
    /* The market's reward counts toward FOMO only after the whole batch, so that partners announced
     * together do not see each other's reward in actor order. */
    for (int i = 0; i < n; i++)
        if (i != w->sc->hub)
            w->actors[i].car += jumps[i];
    sim_world_count_rewarded(w);
    if (rc == 0)
        rc = spill_to_rivals(w, first, is_party, jumps, fund);
    free(jumps);
    free(recv);
    return rc;
}

void sim_market_fundamentals(SimWorld *w, double *e)
{
    value_all(w, e);
}

int sim_market_react(SimWorld *w, const double *e0, const int *party, const int *deal_of,
                     const double *weighed)
{
    const SimMarketParams *m = &w->sc->market;
    double *dlog = calloc((size_t)w->n, sizeof *dlog);
    if (!dlog || sim_world_index_deals(w) < 0) {
        free(dlog);
        return -1;
    }
    sim_value_update(w);
    value_change(w, e0, dlog);
    int rc = 0;
    for (int i = 0; i < w->n && rc == 0; i++) {
        if (!party[i] || w->actors[i].defaulted)
            continue;
        double change = dlog[i];
        if (change > m->jump_cap)
            change = m->jump_cap;
        if (change < -m->jump_cap)
            change = -m->jump_cap;
        double mv_before = sim_market_value(w, i);
        w->actors[i].price *= exp(change);
        rc = log_reaction(w, i, -1, deal_of[i], change, mv_before, weighed[i], 0.0, change);
    }
    free(dlog);
    return rc;
}

void sim_market_month(SimWorld *w, double announced)
{
    const SimMarketParams *m = &w->sc->market;
    int hub = w->sc->hub;
    /* Balance sheets after the month's money, then the month's change of sentiment (news shocks
     * of the turn included): enthusiasm feeds on announcements and is pulled back by the hub's
     * default probability, the market's reading of its fundamentals. */
    sim_value_update(w);
    double s_before = w->info[w->turn].sentiment;
    double total_mv = 0.0;
    for (int i = 0; i < w->n; i++)
        total_mv += sim_market_value(w, i);
    /* Once the hub has failed the fear it fed is spent (the crash took it, crash_sentiment):
     * the market no longer strains under a default that has happened. */
    double pd = w->actors[hub].defaulted ? 0.0 : w->actors[hub].val.pd;
    double news = total_mv > 0.0 ? m->sentiment_news * announced / total_mv : 0.0;
    w->sentiment_x = (1.0 - m->sentiment_decay) * w->sentiment_x + news - m->sentiment_strain * pd;
    double ds = tanh(w->sentiment_x) - s_before;
    for (int i = 0; i < w->n; i++) {
        SimActor *a = &w->actors[i];
        a->threat *= 1.0 - m->threat_decay;
        if (a->defaulted)
            continue;
        double e = a->val.equity > 1e-6 ? a->val.equity : 1e-6;
        a->log_anchor = log(e / a->shares);
        double lp = log(a->price);
        double dlp = m->reversion * (a->log_anchor - lp) + a->spec->sentiment_beta * ds +
                     a->spec->volatility * core_rng_normal(&a->rng);
        a->price = exp(lp + dlp);
    }
}

/* The share of claims on a defaulter its creditors recover: the market's, or the record's for a
 * scheduled failure (sim_turn). */
static double recovery_of(const SimWorld *w)
{
    return w->recovery_set ? w->recovery_now : w->sc->market.recovery_rate;
}

/* What a vendor loses on a customer's default: the arrears it will not see again (less what it
 * recovers), and the capacity it built and has not yet been paid for (stranded: it sells it for
 * the salvage share). What it was still to be paid is not a loss in the books; the market's
 * revaluation of its backlog takes care of it. */
static double vendor_loss(const SimWorld *w, const SimDeal *deal)
{
    const SimMarketParams *m = &w->sc->market;
    double late = deal->arrears * (1.0 - recovery_of(w));
    double stranded = deal->cost_paid - m->delivery_cost[deal->t.kind] * deal->paid;
    return late + (stranded > 0.0 ? stranded * (1.0 - m->salvage) : 0.0);
}

int sim_market_default(SimWorld *w, int d)
{
    return sim_market_default_cleared(w, d, NULL);
}

/* The defaulter d's live deals end (defaulted): each counterparty's loss goes to losses[], a
 * builder sells the capacity it built for d at the salvage share, a guarantor pays what the
 * estate did not. c: the month's clearing, or NULL (recovery at the market's rate). 0, or -1 if
 * memory runs out. */
static int close_deals(SimWorld *w, int d, const SimDefaultClear *c, double keep, double *losses)
{
    const SimMarketParams *m = &w->sc->market;
    int world = sim_ledger_world(&w->ledger);
    for (int x = 0; x < w->n_live; x++) {
        int k = w->live[x];
        SimDeal *deal = &w->deals[k];
        if (!sim_deal_is_live(deal))
            continue;
        const SimTerms *t = &deal->t;
        if (t->payer != d && t->payee != d)
            continue;
        int other = sim_deal_counterparty(deal, d);
        switch (sim_kind(t->kind)->risk) {
        case SIM_RISK_NONE:
        case SIM_RISK_COUNT:
            break;
        case SIM_RISK_UNPAID:
            if (t->payer == d) {
                /* The vendor loses what it was still to be paid, less what it recovers, and
                 * sells the capacity it built for the defaulter for the salvage share (after a
                 * clearing the arrears are settled already: only the stranded part). */
                double lost =
                    c ? vendor_loss(w, deal) - deal->arrears * (1.0 - keep) : vendor_loss(w, deal);
                if (lost > 0.0)
                    losses[other] += lost;
                double stranded = deal->cost_paid - m->delivery_cost[t->kind] * deal->paid;
                if (stranded > 0.0 && other >= 0 &&
                    sim_ledger_post(&w->ledger, w->turn, world, other, stranded * m->salvage,
                                    SIM_FLOW_SALVAGE, k, -1) < 0) {
                    return -1;
                }
            }
            break;
        case SIM_RISK_PRINCIPAL:
            if (t->payee == d && !c)
                losses[other] += (deal->principal + deal->arrears) * (1.0 - keep);
            break;
        case SIM_RISK_CALLED:
            if (t->payee == d && deal->principal > 0.0) {
                /* After a clearing the lenders got paid_share of the balance from the estate. */
                double call = deal->principal * (1.0 - (c ? c->paid_share : keep));
                if (sim_ledger_post(&w->ledger, w->turn, t->payer, world, call,
                                    SIM_FLOW_GUARANTEE_CALL, k, -1) < 0) {
                    return -1;
                }
                SimEvent *g = sim_world_log(w, SIM_LOG_GUARANTEE, t->payer, d, k);
                if (!g) {
                    return -1;
                }
                g->amount = call;
                losses[t->payer] += call;
                deal->principal = 0.0;
            }
            break;
        case SIM_RISK_PAID_IN:
            if (t->payee == d && t->rate + t->rate2 > 0.0)
                losses[t->payer] += deal->paid * t->rate / (t->rate + t->rate2) * (1.0 - keep);
            break;
        }
        deal->status = SIM_DS_DEFAULTED;
        deal->end_turn = w->turn;
    }
    return 0;
}

/* Everyone is valued again without the defaulter's deals: each loser's price moves by the change
 * of its fundamental value (fund0: before), logged as a write-down. 0, or -1. */
static int write_down(SimWorld *w, int d, const SimDefaultClear *c, const double *losses,
                      const double *fund0, double *fund)
{
    int n = w->n;
    int rc = sim_world_index_deals(w);
    if (rc == 0) {
        sim_value_update(w);
        value_change(w, fund0, fund);
    }
    for (int i = 0; i < n && rc == 0; i++) {
        if (i == d || !(losses[i] > 0.0))
            continue;
        double mv = sim_market_value(w, i);
        double change = w->actors[i].val.equity > 1e-9 ? fund[i] : -2.3;
        if (change > 0.0)
            change = 0.0;
        if (change < -2.3)
            change = -2.3; /* at most a 90% fall on the day */
        w->actors[i].price *= exp(change);
        SimEvent *e = sim_world_log(w, SIM_LOG_WRITEDOWN, i, d, -1);
        if (!e) {
            rc = -1;
            break;
        }
        e->amount = losses[i];
        e->aux = c ? c->got[i] : 0.0;
        e->change = change;
        e->fund = change; /* a write-down is all fundamentals */
        e->value = sim_market_value(w, i) - mv;
    }
    return rc;
}

int sim_market_default_cleared(SimWorld *w, int d, const SimDefaultClear *c)
{
    const SimMarketParams *m = &w->sc->market;
    SimActor *da = &w->actors[d];
    if (da->defaulted)
        return 0;
    double owed_all = sim_obligations(w, d, -1);
    da->defaulted = 1;
    SimEvent *ev = sim_world_log(w, SIM_LOG_DEFAULT, d, c ? c->cause : -1, -1);
    if (!ev)
        return -1;
    ev->amount = owed_all;
    ev->aux = c ? (double)c->round : 0.0;
    int n = w->n;
    double *losses = calloc((size_t)n * 3, sizeof *losses);
    if (!losses)
        return -1;
    double *fund0 = losses + n, *fund = losses + 2 * n;
    value_all(w, fund0);
    double keep = recovery_of(w);
    if (close_deals(w, d, c, keep, losses) < 0) {
        free(losses);
        return -1;
    }
    if (c) {
        for (int i = 0; i < n; i++)
            if (i != d && c->lost[i] > 0.0)
                losses[i] += c->lost[i];
        da->debt = 0.0; /* its credit lines were settled by the clearing too */
    }
    /* Shareholders of the defaulted actor: its price falls to the recovery share. */
    double old_price = da->price;
    double left = m->equity_recovery;
    da->price *= left > 0.001 ? left : 0.001; /* a price of 0 would make values meaningless */
    for (int i = 0; i < n; i++) {
        double held = w->holdings[(size_t)i * (size_t)n + (size_t)d];
        if (held > 0.0)
            losses[i] += held * (old_price - da->price);
    }
    int rc = write_down(w, d, c, losses, fund0, fund);
    if (d == w->sc->hub)
        w->sentiment_x -= m->crash_sentiment;
    free(losses);
    return rc;
}
