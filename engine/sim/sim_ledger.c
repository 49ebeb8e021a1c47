/* sim_ledger: double-entry books, turn checks, audit and circularity. */
#include "sim_ledger.h"

#include "core_err.h"
#include "core_mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *flow_names[SIM_FLOW_KIND_COUNT] = {
    "revenue",      "opex",         "contract",       "equity",        "loan_draw",
    "loan_repay",   "interest",     "guarantee_call", "revenue_share", "jv_contribution",
    "build",        "warrant_sale", "equity_raise",   "credit_draw",   "credit_repay",
    "share_sale",   "exit_penalty", "salvage",        "liquidation",   "recovery",
    "default_cost", "estate",
};

const char *sim_flow_kind_name(SimFlowKind k)
{
    return (unsigned)k < SIM_FLOW_KIND_COUNT ? flow_names[k] : "?";
}

int sim_ledger_init(SimLedger *l, int n_actors, const double *cash, char *err, size_t errsz)
{
    memset(l, 0, sizeof *l);
    l->n_accounts = n_actors + 1;
    l->balance = calloc((size_t)l->n_accounts, sizeof *l->balance);
    l->opening = calloc((size_t)l->n_accounts, sizeof *l->opening);
    l->cap_flows = 1024;
    l->flows = malloc((size_t)l->cap_flows * sizeof *l->flows);
    size_t nn = (size_t)l->n_accounts * (size_t)l->n_accounts;
    l->financed = calloc(nn, sizeof *l->financed);
    l->paid = calloc(nn, sizeof *l->paid);
    l->moved = calloc((size_t)l->n_accounts, sizeof *l->moved);
    if (!l->balance || !l->opening || !l->flows || !l->financed || !l->paid || !l->moved) {
        sim_ledger_destroy(l);
        return core_errf(err, errsz, "out of memory for the ledger");
    }
    for (int i = 0; i < n_actors; i++) {
        l->balance[i] = cash[i];
        l->total += cash[i];
    }
    memcpy(l->opening, l->balance, (size_t)l->n_accounts * sizeof *l->opening);
    return 0;
}

void sim_ledger_destroy(SimLedger *l)
{
    free(l->flows);
    free(l->balance);
    free(l->opening);
    free(l->financed);
    free(l->paid);
    free(l->moved);
    memset(l, 0, sizeof *l);
}

int sim_ledger_copy(SimLedger *dst, const SimLedger *src, char *err, size_t errsz)
{
    *dst = *src;
    size_t nb = (size_t)src->n_accounts * sizeof(double);
    dst->balance = malloc(nb);
    dst->opening = malloc(nb);
    dst->flows = malloc((size_t)src->cap_flows * sizeof(SimFlow));
    size_t nn = (size_t)src->n_accounts * (size_t)src->n_accounts * sizeof(double);
    dst->financed = malloc(nn);
    dst->paid = malloc(nn);
    dst->moved = calloc((size_t)src->n_accounts, sizeof(double));
    if (!dst->balance || !dst->opening || !dst->flows || !dst->financed || !dst->paid ||
        !dst->moved) {
        sim_ledger_destroy(dst);
        return core_errf(err, errsz, "out of memory copying the ledger");
    }
    memcpy(dst->financed, src->financed, nn);
    memcpy(dst->paid, src->paid, nn);
    memcpy(dst->balance, src->balance, nb);
    memcpy(dst->opening, src->opening, nb);
    if (src->n_flows)
        memcpy(dst->flows, src->flows, (size_t)src->n_flows * sizeof(SimFlow));
    return 0;
}

int sim_ledger_world(const SimLedger *l)
{
    return l->n_accounts - 1;
}

int sim_ledger_post(SimLedger *l, int turn, int from, int to, double amount, SimFlowKind kind,
                    int deal, int via)
{
    if (!(amount > 0.0) || !isfinite(amount))
        return 0;
    if (from < 0 || from >= l->n_accounts || to < 0 || to >= l->n_accounts)
        return -1; /* an engine bug: refuse rather than corrupt the books */
    SimFlow *f = core_grow(l->flows, &l->cap_flows, l->n_flows + 1, sizeof *f, 1024);
    if (!f)
        return -1;
    l->flows = f;
    f[l->n_flows++] = (SimFlow){turn, from, to, amount, kind, deal, via};
    l->balance[from] -= amount;
    l->balance[to] += amount;
    int n = l->n_accounts;
    if (kind == SIM_FLOW_CONTRACT || kind == SIM_FLOW_REVENUE_SHARE)
        l->paid[from * n + to] += amount;
    else if (kind == SIM_FLOW_EQUITY || kind == SIM_FLOW_LOAN_DRAW)
        l->financed[from * n + to] += amount;
    else if (kind == SIM_FLOW_WARRANT_SALE && via >= 0 && via < n)
        l->financed[via * n + to] += amount;
    return 0;
}

void sim_ledger_begin_turn(SimLedger *l)
{
    memcpy(l->opening, l->balance, (size_t)l->n_accounts * sizeof *l->opening);
    l->turn_first = l->n_flows;
}

/* The scale money is compared at: the largest balance or total in play, at least $1B. */
static double money_scale(const SimLedger *l)
{
    double scale = fabs(l->total);
    for (int a = 0; a < l->n_accounts; a++)
        if (fabs(l->balance[a]) > scale)
            scale = fabs(l->balance[a]);
    return scale > 1.0 ? scale : 1.0;
}

int sim_ledger_check_turn(const SimLedger *l, char *err, size_t errsz)
{
    double tol = 1e-9 * money_scale(l);
    double sum = 0.0;
    for (int a = 0; a < l->n_accounts; a++)
        sum += l->balance[a];
    if (!(fabs(sum - l->total) <= tol))
        return core_errf(err, errsz, "books: the accounts sum to %.17g, not %.17g", sum, l->total);
    /* Each account moved by exactly its flows this turn. */
    double *moved = l->moved;
    int n = l->n_accounts;
    memset(moved, 0, (size_t)n * sizeof *moved);
    for (int k = l->turn_first; k < l->n_flows; k++) {
        const SimFlow *f = &l->flows[k];
        moved[f->from] -= f->amount;
        moved[f->to] += f->amount;
    }
    for (int a = 0; a < n; a++) {
        double delta = l->balance[a] - l->opening[a];
        if (!(fabs(delta - moved[a]) <= tol))
            return core_errf(err, errsz, "books: account %d moved by %.17g but its flows say %.17g",
                             a, delta, moved[a]);
    }
    return 0;
}

int sim_ledger_audit(const SimLedger *l, const double *opening_cash, char *err, size_t errsz)
{
    double *bal = calloc((size_t)l->n_accounts, sizeof *bal);
    if (!bal)
        return core_errf(err, errsz, "out of memory for the audit");
    for (int a = 0; a < l->n_accounts - 1; a++)
        bal[a] = opening_cash[a];
    for (int k = 0; k < l->n_flows; k++) {
        const SimFlow *f = &l->flows[k];
        if (f->from < 0 || f->from >= l->n_accounts || f->to < 0 || f->to >= l->n_accounts ||
            !(f->amount > 0.0)) {
            free(bal);
            return core_errf(err, errsz, "books: flow %d is malformed", k);
        }
        bal[f->from] -= f->amount;
        bal[f->to] += f->amount;
    }
    double tol = 1e-9 * money_scale(l);
    int bad = -1;
    for (int a = 0; a < l->n_accounts && bad < 0; a++)
        if (!(fabs(bal[a] - l->balance[a]) <= tol))
            bad = a;
    int rc = 0;
    if (bad >= 0)
        rc = core_errf(err, errsz, "books: account %d holds %.17g but its flows add to %.17g", bad,
                       l->balance[bad], bal[bad]);
    free(bal);
    return rc;
}

/* Money the vendor put into the hub: flows vendor -> hub of finance kinds, and sales of the
 * vendor's warrant shares by the hub. */
static int is_vendor_finance(const SimFlow *f, int hub, int vendor)
{
    if (f->to != hub)
        return 0;
    if (f->from == vendor)
        return f->kind == SIM_FLOW_EQUITY || f->kind == SIM_FLOW_LOAN_DRAW;
    return f->kind == SIM_FLOW_WARRANT_SALE && f->via == vendor;
}

static int is_payment_to_vendor(const SimFlow *f, int hub, int vendor)
{
    return f->from == hub && f->to == vendor &&
           (f->kind == SIM_FLOW_CONTRACT || f->kind == SIM_FLOW_REVENUE_SHARE);
}

static double circ_ratio(double financed, double paid)
{
    if (paid <= 0.0)
        return 0.0;
    return financed >= paid ? 1.0 : financed / paid;
}

double sim_ledger_circularity(const SimLedger *l, int hub, int vendor)
{
    int n = l->n_accounts;
    return circ_ratio(l->financed[vendor * n + hub], l->paid[hub * n + vendor]);
}

double sim_ledger_circularity_at(const SimLedger *l, int hub, int vendor, int turn)
{
    double financed = 0.0, paid = 0.0;
    for (int k = 0; k < l->n_flows; k++) {
        const SimFlow *f = &l->flows[k];
        if (f->turn > turn)
            break;
        if (is_vendor_finance(f, hub, vendor))
            financed += f->amount;
        else if (is_payment_to_vendor(f, hub, vendor))
            paid += f->amount;
    }
    return circ_ratio(financed, paid);
}

double sim_ledger_circularity_peak(const SimLedger *l, int hub, int vendor, int turn)
{
    double financed = 0.0, paid = 0.0, peak = 0.0;
    for (int k = 0; k < l->n_flows; k++) {
        const SimFlow *f = &l->flows[k];
        if (f->turn > turn)
            break;
        /* A turn's flows all booked: the ratio as sim_ledger_circularity_at gives it. */
        if (k > 0 && f->turn != l->flows[k - 1].turn)
            peak = fmax(peak, circ_ratio(financed, paid));
        if (is_vendor_finance(f, hub, vendor))
            financed += f->amount;
        else if (is_payment_to_vendor(f, hub, vendor))
            paid += f->amount;
    }
    return fmax(peak, circ_ratio(financed, paid));
}

double sim_ledger_sum(const SimLedger *l, int from, int to, int kind)
{
    double s = 0.0;
    for (int k = 0; k < l->n_flows; k++) {
        const SimFlow *f = &l->flows[k];
        if ((from == -2 || f->from == from) && (to == -2 || f->to == to) &&
            (kind < 0 || (int)f->kind == kind))
            s += f->amount;
    }
    return s;
}
