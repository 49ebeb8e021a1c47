/* sim_rescue: buying a failed firm (a rescue of a defaulted firm). */
#include "sim_rescue.h"

#include "core_err.h"
#include "sim_kind.h"
#include "sim_pay.h"
#include "sim_turn.h"

#include <math.h>
#include <stdlib.h>

double sim_rescue_estate(const SimWorld *w, int j)
{
    const SimActor *q = &w->actors[j];
    double cash = sim_cash(w, j), v = cash > 0.0 ? cash : 0.0;
    for (int k = 0; k < w->n; k++) {
        double held = w->holdings[(size_t)j * (size_t)w->n + (size_t)k];
        if (k != j && held > 0.0)
            v += sim_turn_sale_proceeds(w, k, held, NULL);
    }
    return v + (q->price > 0.0 && q->shares > 0.0 ? q->price * q->shares : 0.0);
}

int sim_rescue_buyer(const SimWorld *w, int j)
{
    int t = sim_default_turn(w, j);
    if (t < 0)
        return -1;
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_RESCUE && e->other == j && e->turn > t)
            return e->actor;
    }
    return -1;
}

int sim_rescue_open(const SimWorld *w, int j)
{
    if (j < 0 || j >= w->n)
        return 0;
    return w->actors[j].defaulted ? sim_rescue_buyer(w, j) < 0 : sim_turn_distressed(w, j);
}

/* How failed firm j's creditors share a price paid for it: weight[a] for each ledger account a
 * (actors 0..n-1, the world n), summing to 1. Pro rata to what each recovered from j's estate at
 * its default (the clearing pays every creditor the same share of its claim); if the estate paid
 * nothing, to the claims of j's contracts that defaulted with it; failing both, all to the world.
 * A creditor that has itself defaulted sold its claims with its estate: its weight goes to the
 * world. weight has n + 1 entries. */
static void sim_rescue_weights(const SimWorld *w, int j, double *weight)
{
    int n = w->n, world = sim_ledger_world(&w->ledger);
    double sum = 0.0;
    for (int a = 0; a <= n; a++)
        weight[a] = 0.0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->kind == SIM_FLOW_RECOVERY && f->from == j && f->to != j) {
            weight[f->to == world ? n : f->to] += f->amount;
            sum += f->amount;
        }
    }
    if (!(sum > 0.0)) {
        /* Nothing was recovered: the claims of the contracts that defaulted with j. */
        int t = sim_default_turn(w, j);
        for (int k = 0; k < w->n_deals; k++) {
            const SimDeal *d = &w->deals[k];
            if (d->status != SIM_DS_DEFAULTED || d->end_turn != t || sim_deal_debtor(&d->t) != j)
                continue;
            int c = sim_deal_creditor(&d->t);
            double claim =
                d->arrears + (sim_kind(d->t.kind)->pay == SIM_PAY_LOAN ? d->principal : 0.0);
            if (c == j || !(claim > 0.0))
                continue;
            weight[c == SIM_WORLD || c < 0 ? n : c] += claim;
            sum += claim;
        }
    }
    if (!(sum > 0.0)) {
        weight[n] = 1.0;
        return;
    }
    for (int a = 0; a < n; a++)
        if (weight[a] > 0.0 && w->actors[a].defaulted) {
            weight[n] += weight[a];
            weight[a] = 0.0;
        }
    for (int a = 0; a <= n; a++)
        weight[a] /= sum;
}

static int post(SimWorld *w, int from, int to, double amount, SimFlowKind kind, int via)
{
    if (!(amount > 0.0) || from == to)
        return 0;
    return sim_ledger_post(&w->ledger, w->turn, from, to, amount, kind, -1, via);
}

int sim_rescue_buy(SimWorld *w, int buyer, int j, double price, const char *reason)
{
    int n = w->n, world = sim_ledger_world(&w->ledger);
    double estate = sim_rescue_estate(w, j);
    if (sim_cash(w, buyer) < price && sim_pay_fund(w, buyer, price) < 0)
        return -1;
    if (sim_cash(w, buyer) < price * (1.0 - 1e-12))
        return 0;
    double *weight = malloc((size_t)(n + 1) * sizeof *weight);
    if (!weight)
        return -1;
    sim_rescue_weights(w, j, weight);
    /* The price into the estate, and out of it to the creditors; the last creditor paid takes
     * what rounding leaves, so the estate keeps exactly what it had. */
    int rc = post(w, buyer, j, price, SIM_FLOW_EQUITY, -1), last = -1;
    for (int a = 0; a <= n; a++)
        if (weight[a] > 0.0)
            last = a;
    double paid = 0.0;
    for (int a = 0; a <= n && rc == 0; a++) {
        if (!(weight[a] > 0.0))
            continue;
        double amt = a == last ? price - paid : price * weight[a];
        if (amt > 0.0)
            rc = sim_ledger_post(&w->ledger, w->turn, j, a == n ? world : a, amt, SIM_FLOW_RECOVERY,
                                 -1, buyer);
        paid += amt;
    }
    free(weight);
    /* The estate's cash and its shares of others pass to the buyer; its own shares bought back
     * are retired. */
    double cash = sim_cash(w, j);
    if (rc == 0)
        rc = post(w, j, buyer, cash, SIM_FLOW_ESTATE, -1);
    for (int k = 0; k < n && rc == 0; k++) {
        size_t from = (size_t)j * (size_t)n + (size_t)k, to = (size_t)buyer * (size_t)n + (size_t)k;
        double held = w->holdings[from];
        if (k == j || !(held > 0.0))
            continue;
        if (k == buyer) {
            w->actors[buyer].shares -= held;
        } else {
            w->holdings[to] += held;
            w->granted[to] += w->granted[from];
        }
        w->holdings[from] = 0.0;
        w->granted[from] = 0.0;
    }
    /* Every share of j is the buyer's: the old shareholders are behind the creditors. */
    for (int i = 0; i < n && rc == 0; i++) {
        w->holdings[(size_t)i * (size_t)n + (size_t)j] = 0.0;
        w->granted[(size_t)i * (size_t)n + (size_t)j] = 0.0;
    }
    if (rc < 0)
        return -1;
    w->holdings[(size_t)buyer * (size_t)n + (size_t)j] = w->actors[j].shares;
    SimEvent *e = sim_world_log(w, SIM_LOG_RESCUE, buyer, j, -1);
    if (!e)
        return -1;
    e->amount = price;
    e->value = w->actors[j].shares;
    e->aux = 1.0;
    e->change = estate;
    core_strlcpy(e->text, reason ? reason : "", sizeof e->text);
    return 1;
}
