/* sim_cascade: the month's defaults cleared over the network, and the order of failures. */
#include "sim_cascade.h"

#include "core_err.h"
#include "sim_market.h"
#include "sim_network.h"
#include "sim_turn.h"
#include "sim_value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How far short of its debts a firm the payment rule failed is taken to fall, at least: a share
 * of what it owes, far above the clearing's rounding (10^-12). */
#define FAIL_SHORT 1e-6

/* The recovery of a defaulter's outside assets (alpha) and receivables (beta): the scenario's
 * "clearing" block, else market.recovery_rate. */
static double sim_cascade_alpha(const SimWorld *w)
{
    return w->sc->clearing_set ? w->sc->clearing_alpha : w->sc->market.recovery_rate;
}

static double sim_cascade_beta(const SimWorld *w)
{
    return w->sc->clearing_set ? w->sc->clearing_beta : w->sc->market.recovery_rate;
}

SimClearNet sim_cascade_net(const SimWorld *w)
{
    SimClearNet net = {w->n + 1, w->clear_owed, w->clear_outside, sim_cascade_alpha(w),
                       sim_cascade_beta(w)};
    return net;
}

/* The world's buffers for the clearing, made at the first default. */
static int ensure(SimWorld *w)
{
    if (w->clear_buf)
        return 0;
    size_t N = (size_t)w->n + 1;
    w->clear_buf = calloc(N * N + 6 * N, sizeof *w->clear_buf);
    w->clear_round = calloc(N, sizeof *w->clear_round);
    w->clear_scratch_size = sim_clear_scratch_size((int)N);
    w->clear_scratch = malloc(w->clear_scratch_size);
    if (!w->clear_buf || !w->clear_round || !w->clear_scratch) {
        free(w->clear_buf);
        free(w->clear_round);
        free(w->clear_scratch);
        w->clear_buf = NULL;
        w->clear_round = NULL;
        w->clear_scratch = NULL;
        return -1;
    }
    w->clear_owed = w->clear_buf;
    w->clear_outside = w->clear_owed + N * N;
    w->clear_pay = w->clear_outside + N;
    w->clear_recv = w->clear_pay + N;
    return 0;
}

/* What actor i's loans to others are worth in its balance sheet (sim_value's stakes): paid to it
 * through the network instead. */
static double loans_made(const SimWorld *w, int i, const int *failing)
{
    double rec = w->sc->market.recovery_rate, v = 0.0;
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if (!sim_deal_is_live(d) || d->t.payer != i || d->t.payee < 0 ||
            sim_kind(d->t.kind)->lender != SIM_LENDER_PAYER)
            continue;
        const SimActor *b = &w->actors[d->t.payee];
        double pd = b->defaulted || failing[d->t.payee] ? 1.0 : b->val.pd;
        v += d->principal * (1.0 - pd * (1.0 - rec));
    }
    return v;
}

/* Shares actor i holds of live issuers outside `failing`, at what a forced sale fetches. */
static double sale_value(const SimWorld *w, int i, const int *failing)
{
    double v = 0.0;
    for (int j = 0; j < w->n; j++) {
        double held = w->holdings[(size_t)i * (size_t)w->n + (size_t)j];
        if (j != i && held > 0.0 && !w->actors[j].defaulted && !failing[j])
            v += sim_turn_sale_proceeds(w, j, held, NULL);
    }
    return v;
}

/* L and the outside assets for the month, with the firms in `failing` read as failed. hold gets
 * each firm's forced-sale value of its shares. */
static void build(SimWorld *w, const int *failing, double *hold)
{
    int n = w->n, N = n + 1, world = n;
    double *L = w->clear_owed, *e = w->clear_outside;
    memset(L, 0, (size_t)N * (size_t)N * sizeof *L);
    memset(e, 0, (size_t)N * sizeof *e);
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if (!sim_deal_is_live(d))
            continue;
        int debtor = sim_deal_debtor(&d->t), creditor = sim_deal_creditor(&d->t);
        if (creditor == SIM_WORLD)
            creditor = world;
        if (debtor < 0 || debtor >= n || debtor == creditor || w->actors[debtor].defaulted ||
            (creditor < n && w->actors[creditor].defaulted))
            continue;
        double claim = d->arrears + (sim_kind(d->t.kind)->pay == SIM_PAY_LOAN ? d->principal : 0.0);
        if (claim > 0.0)
            L[(size_t)debtor * (size_t)N + (size_t)creditor] += claim;
    }
    for (int i = 0; i < n; i++) {
        const SimActor *a = &w->actors[i];
        hold[i] = 0.0;
        if (a->defaulted)
            continue;
        if (a->debt > 0.0)
            L[(size_t)i * (size_t)N + (size_t)world] += a->debt;
        double cash = sim_cash(w, i) > 0.0 ? sim_cash(w, i) : 0.0;
        hold[i] = sale_value(w, i, failing);
        double business = a->val.assets - cash - a->val.holdings - loans_made(w, i, failing);
        e[i] = cash + hold[i] + (business > 0.0 ? business : 0.0);
    }
    /* A firm the payment rule has not failed pays in full when everyone pays it: the lenders
     * that carry it count its going concern worth at least that. It fails only by its losses.
     * A firm the rule has failed cannot pay in full however its business is valued: what it
     * realises stops short of its debts, and its default costs (1 - alpha) of that. */
    for (int i = 0; i < n; i++) {
        if (w->actors[i].defaulted)
            continue;
        double owes = 0.0, due = 0.0;
        for (int j = 0; j < N; j++) {
            owes += L[(size_t)i * (size_t)N + (size_t)j];
            due += L[(size_t)j * (size_t)N + (size_t)i];
        }
        if (!failing[i] && e[i] + due < owes)
            e[i] = owes - due;
        if (failing[i] && e[i] + due >= owes * (1.0 - FAIL_SHORT))
            e[i] = owes - due > 0.0 ? (owes - due) * (1.0 - FAIL_SHORT) : 0.0;
    }
}

static int post(SimWorld *w, int from, int to, double amount, SimFlowKind kind, int via)
{
    if (!(amount > 0.0))
        return 0;
    return sim_ledger_post(&w->ledger, w->turn, from, to, amount, kind, -1, via);
}

/* Books defaulter d's estate: its shares sold, its business and its claims on firms that still
 * pay sold to outside buyers, its creditors paid as the clearing says, its default costs. */
static int settle(SimWorld *w, const SimClearNet *net, int d, const int *fails, const int *failing)
{
    int n = w->n, N = n + 1, world = sim_ledger_world(&w->ledger);
    double cash = sim_cash(w, d) > 0.0 ? sim_cash(w, d) : 0.0, sold = 0.0;
    for (int j = 0; j < n; j++) {
        size_t at = (size_t)d * (size_t)n + (size_t)j;
        double held = w->holdings[at];
        if (j == d || !(held > 0.0) || w->actors[j].defaulted || failing[j])
            continue;
        double disc, before = held * w->actors[j].price;
        double got = sim_turn_sale_proceeds(w, j, held, &disc);
        if (post(w, world, d, got, SIM_FLOW_SHARE_SALE, j) < 0)
            return -1;
        w->holdings[at] = 0.0;
        w->granted[at] = 0.0;
        w->actors[j].price *= 1.0 - (disc < 0.9 ? disc : 0.9); /* the forced sale moves it */
        SimEvent *e = sim_world_log(w, SIM_LOG_SOLD, d, j, -1);
        if (!e)
            return -1;
        e->amount = got;
        e->value = before;
        e->aux = disc;
        core_strlcpy(e->text, SIM_CASCADE_FORCED_SALE, sizeof e->text);
        sold += got;
    }
    double business = net->outside[d] - cash - sold;
    if (post(w, world, d, business, SIM_FLOW_LIQUIDATION, -1) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        double owed = net->owed[(size_t)i * (size_t)N + (size_t)d];
        if (i == d || fails[i] || !(owed > 0.0))
            continue;
        /* A debtor that pays: its debt to d is bought by outside lenders, to whom it owes it. */
        if (post(w, world, d, owed, SIM_FLOW_LIQUIDATION, i) < 0)
            return -1;
        w->actors[i].debt += owed;
    }
    return 0;
}

/* Each defaulter pays its creditors (actors and the world) and loses its default costs. */
static int pay_out(SimWorld *w, const SimClearNet *net, int d)
{
    int N = w->n + 1, world = sim_ledger_world(&w->ledger);
    for (int j = 0; j < N; j++) {
        if (j == d)
            continue;
        double amt = sim_clear_paid(net, w->clear_pay, d, j);
        if (post(w, d, j == w->n ? world : j, amt, SIM_FLOW_RECOVERY, -1) < 0)
            return -1;
    }
    if (w->clear_round[d] > 0) {
        double cost = net->outside[d] + w->clear_recv[d] - w->clear_pay[d];
        if (post(w, d, world, cost, SIM_FLOW_DEFAULT_COST, -1) < 0)
            return -1;
    }
    return 0;
}

int sim_cascade_debtrank(const SimWorld *w, double *rank)
{
    int n = w->n;
    size_t nn = (size_t)n * (size_t)n, ss = sim_network_scratch_size(n);
    double *buf = calloc(4 * nn + 3 * (size_t)n, sizeof *buf);
    void *scratch = malloc(ss);
    if (!buf || !scratch) {
        free(buf);
        free(scratch);
        return -1;
    }
    double *claims = buf, *stakes = buf + nn, *x = buf + 2 * nn;
    double *rec = buf + 4 * nn, *equity = rec + n, *value = equity + n;
    for (int k = 0; k < w->n_live; k++) {
        const SimDeal *d = &w->deals[w->live[k]];
        if (!sim_deal_is_live(d))
            continue;
        int debtor = sim_deal_debtor(&d->t), creditor = sim_deal_creditor(&d->t);
        if (debtor < 0 || creditor < 0 || debtor == creditor || w->actors[debtor].defaulted ||
            w->actors[creditor].defaulted)
            continue;
        claims[(size_t)creditor * (size_t)n + (size_t)debtor] += sim_deal_owed(w, d, debtor, -1);
    }
    for (int i = 0; i < n; i++) {
        const SimActor *a = &w->actors[i];
        rec[i] = w->sc->market.recovery_rate;
        equity[i] = a->defaulted ? 0.0 : a->val.equity;
        value[i] = a->defaulted ? 0.0 : sim_market_value(w, i);
        for (int j = 0; j < n; j++)
            if (j != i && !w->actors[j].defaulted && !a->defaulted)
                stakes[(size_t)i * (size_t)n + (size_t)j] =
                    w->holdings[(size_t)i * (size_t)n + (size_t)j] * w->actors[j].price;
    }
    sim_network_exposure(n, claims, stakes, rec, x);
    int rc = sim_debtrank(n, x, equity, value, rank, scratch, ss);
    for (int i = 0; i < n && rc == 0; i++)
        if (w->actors[i].defaulted)
            rank[i] = 0.0;
    free(buf);
    free(scratch);
    return rc;
}

int sim_cascade_month(SimWorld *w)
{
    int n = w->n, N = n + 1;
    int any = 0;
    for (int i = 0; i < n; i++)
        any |= !w->actors[i].defaulted && w->actors[i].missed >= w->sc->market.missed_to_default;
    if (!any)
        return 0;
    if (ensure(w) < 0)
        return -1;
    int *flags = calloc((size_t)n * 3, sizeof *flags);
    double *num = calloc((size_t)n * 3, sizeof *num);
    if (!flags || !num) {
        free(flags);
        free(num);
        return -1;
    }
    int *failing = flags, *fails = flags + n, *round = flags + 2 * n;
    double *hold = num, *lost = num + n, *got = num + 2 * n;
    /* Each firm's systemic weight as the month's money left it, for the record. */
    double *weight = calloc((size_t)n, sizeof *weight);
    if (!weight || sim_cascade_debtrank(w, weight) < 0) {
        free(weight);
        free(flags);
        free(num);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        failing[i] =
            !w->actors[i].defaulted && w->actors[i].missed >= w->sc->market.missed_to_default;
        w->actors[i].defaulted += failing[i]; /* read as failed by the valuation below */
    }
    sim_value_update(w);
    for (int i = 0; i < n; i++)
        w->actors[i].defaulted -= failing[i];
    build(w, failing, hold);
    SimClearNet net = sim_cascade_net(w);
    SimClearOut out = {w->clear_pay, w->clear_recv, w->clear_round, 0, 0, 0.0};
    char err[128];
    if (sim_clear(&net, &out, w->clear_scratch, w->clear_scratch_size, err, sizeof err) < 0) {
        free(weight);
        free(flags);
        free(num);
        return -1; /* not reached: L and e are finite and non-negative */
    }
    w->clear_turn = w->turn;
    int top = 1, count = 0;
    for (int i = 0; i < n; i++) {
        fails[i] = failing[i] || w->clear_round[i] > 0;
        round[i] = failing[i] ? 1 : w->clear_round[i];
        if (round[i] > top)
            top = round[i];
        count += fails[i];
    }
    int rc = 0;
    for (int d = 0; d < n && rc == 0; d++)
        if (fails[d])
            rc = settle(w, &net, d, fails, failing);
    for (int d = 0; d < n && rc == 0; d++)
        if (fails[d])
            rc = pay_out(w, &net, d);
    /* The defaults in the order of the cascade: round by round, then in the scenario's order. */
    for (int r = 1; r <= top && rc == 0; r++) {
        for (int d = 0; d < n && rc == 0; d++) {
            if (!fails[d] || round[d] != r)
                continue;
            double owes = 0.0, best = 0.0;
            int cause = -1;
            for (int j = 0; j < N; j++)
                owes += net.owed[(size_t)d * (size_t)N + (size_t)j];
            for (int i = 0; i < n; i++) {
                double paid = i == d ? 0.0 : sim_clear_paid(&net, w->clear_pay, d, i);
                got[i] = paid;
                lost[i] = i == d ? 0.0 : net.owed[(size_t)d * (size_t)N + (size_t)i] - paid;
                if (lost[i] < 0.0)
                    lost[i] = 0.0;
                /* What d lost on i, an earlier defaulter: the largest such loss is the cause. */
                double short_i = i == d || !fails[i] || round[i] >= r
                                     ? 0.0
                                     : net.owed[(size_t)i * (size_t)N + (size_t)d] -
                                           sim_clear_paid(&net, w->clear_pay, i, d);
                if (short_i > best) {
                    best = short_i;
                    cause = i;
                }
            }
            SimDefaultClear c = {r, cause, lost, got, owes > 0.0 ? w->clear_pay[d] / owes : 1.0};
            int first = w->n_events;
            rc = sim_market_default_cleared(w, d, &c);
            if (rc == 0 && first < w->n_events && w->events[first].kind == SIM_LOG_DEFAULT)
                w->events[first].value = weight[d];
        }
    }
    if (rc == 0)
        rc = sim_world_index_deals(w);
    free(weight);
    free(flags);
    free(num);
    return rc < 0 ? -1 : count;
}

static const SimEvent *default_event(const SimWorld *w, int i, int *order)
{
    int k = 0;
    for (int x = 0; x < w->n_events; x++) {
        const SimEvent *e = &w->events[x];
        if (e->kind != SIM_LOG_DEFAULT)
            continue;
        k++;
        if (e->actor == i) {
            if (order)
                *order = k;
            return e;
        }
    }
    return NULL;
}

int sim_default_round(const SimWorld *w, int i)
{
    const SimEvent *e = default_event(w, i, NULL);
    return e ? (int)e->aux : 0;
}

int sim_default_order(const SimWorld *w, int i)
{
    int k = 0;
    return default_event(w, i, &k) ? k : 0;
}

int sim_default_cause(const SimWorld *w, int i)
{
    const SimEvent *e = default_event(w, i, NULL);
    return e ? e->other : -1;
}
