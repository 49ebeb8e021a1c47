/* sim_verdict: what decided a game (see sim_verdict.h). */
#include "sim_verdict.h"

#include "sim_demand.h"
#include "sim_kind.h"
#include "sim_world.h"

#include <string.h>

/* Revenue below potential by more than this share counts as capped by compute (the two differ by
 * rounding otherwise). */
#define BOUND_TOL 1e-9

/* ---------------------------------------------------------------- the world drawn */

static void world_drawn(const SimWorld *w, SimVerdict *v)
{
    const int hub = w->sc->hub;
    v->ceiling = w->demand_ceiling;
    v->percentile = sim_demand_percentile(w);
    v->speed = w->actors[hub].growth;
    v->speed_prior = w->sc->actors[hub].revenue_growth;
    /* Months the hub traded: to its default (that month included), else every month played. */
    int last = v->defaulted ? v->default_turn + 1 : w->turn;
    v->months_played = last;
    for (int t = 1; t <= last; t++) {
        double want = w->info[t].demand, got = sim_snap(w, t, hub)->revenue;
        if (got < want * (1.0 - BOUND_TOL))
            v->compute_bound++;
    }
}

/* ---------------------------------------------------------------- the deal that tipped it */

/* What deal d adds to what the hub owes when it is signed, $B: the whole schedule of the part
 * the hub pays (as its debtor), 0 if the hub owes nothing under it. Revenue shares count at the
 * hub's revenue of the month before. */
static double hub_owes(const SimWorld *w, const SimDeal *d, int hub)
{
    if (!sim_kind_valid((int)d->t.kind))
        return 0.0;
    const SimKindInfo *ki = sim_kind(d->t.kind);
    const SimTerms *t = &d->t;
    switch (ki->pay) {
    case SIM_PAY_PLAIN:
        return t->payer == hub ? t->amount : 0.0;
    case SIM_PAY_LOAN: /* the borrower is the payee, whoever lends */
        return t->payee == hub ? t->amount : 0.0;
    case SIM_PAY_SPLIT:
        return (t->payer == hub ? t->rate : 0.0) * t->amount +
               (t->payee == hub ? t->rate2 : 0.0) * t->amount;
    case SIM_PAY_REVENUE: {
        if (t->payer != hub)
            return 0.0;
        int before = d->decided_turn >= 0 && d->decided_turn <= w->turn ? d->decided_turn : 0;
        return t->rate * sim_snap(w, before, hub)->revenue / 12.0 * (double)t->months;
    }
    default:
        return 0.0;
    }
}

/* Whether deal d was signed and made public (whatever became of it since). */
static int announced(const SimDeal *d)
{
    switch (d->status) {
    case SIM_DS_ANNOUNCED:
    case SIM_DS_DELIVERING:
    case SIM_DS_COMPLETED:
    case SIM_DS_DEFAULTED:
    case SIM_DS_RELEASED:
        return d->decided_turn >= 0;
    default:
        return 0;
    }
}

/* Market value the announcement of deal k moved, all actors (first-day moves and spill-overs). */
static double value_moved(const SimWorld *w, int k)
{
    double s = 0.0;
    for (int e = 0; e < w->n_events; e++)
        if (w->events[e].kind == SIM_LOG_REACTION && w->events[e].deal == k)
            s += w->events[e].value;
    return s;
}

static void tipping_deal(const SimWorld *w, SimVerdict *v)
{
    const int hub = w->sc->hub;
    /* A deal counts if the hub is a party, it was announced by the end of the record (before the
     * default), and its month has a snapshot after it. */
    int last = v->defaulted ? v->default_turn : w->turn - 1;
    int best = -1, best_owes = 0;
    double best_rise = 0.0, best_owed = 0.0, best_value = 0.0;
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        if (!announced(d) || d->decided_turn > last || d->decided_turn + 1 > w->turn ||
            (d->t.payer != hub && d->t.payee != hub))
            continue;
        int t = d->decided_turn;
        double rise = sim_snap(w, t + 1, hub)->pd - sim_snap(w, t, hub)->pd;
        double owed = hub_owes(w, d, hub), value = value_moved(w, k);
        int better;
        if (best < 0) {
            better = 1;
        } else if (v->defaulted) {
            /* A deal the hub owes on beats one it does not (money coming in lowers its pd;
             * a rise that month came from elsewhere); then the larger rise in pd; in one
             * month, the larger obligation. */
            int owes = owed > 0.0;
            if (owes != best_owes)
                better = owes;
            else if (t == w->deals[best].decided_turn || rise == best_rise)
                better = owed > best_owed;
            else
                better = rise > best_rise;
        } else {
            better = value > best_value;
        }
        if (better) {
            best = k;
            best_owes = owed > 0.0;
            best_rise = rise;
            best_owed = owed;
            best_value = value;
        }
    }
    v->tipping_deal = best;
    if (best >= 0) {
        int t = w->deals[best].decided_turn;
        v->tipping_turn = t;
        v->pd_before = sim_snap(w, t, hub)->pd;
        v->pd_after = sim_snap(w, t + 1, hub)->pd;
        v->owed_added = best_owed;
        v->value_added = best_value;
        for (int k = 0; k < w->n_deals; k++) {
            const SimDeal *d = &w->deals[k];
            if (announced(d) && d->decided_turn == t && (d->t.payer == hub || d->t.payee == hub)) {
                v->month_deals++;
                v->month_owed += hub_owes(w, d, hub);
            }
        }
    }
}

/* ---------------------------------------------------------------- the funding that dried up */

static void funding(const SimWorld *w, SimVerdict *v)
{
    const int hub = w->sc->hub;
    for (int t = 1; t <= w->turn; t++)
        if (sim_snap(w, t, hub)->pd > 0.5) {
            v->pd_half_turn = t - 1; /* snapshot t closes month t - 1 */
            break;
        }
    if (!v->defaulted)
        return;
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->actor != hub || e->turn > v->default_turn)
            continue;
        if (e->kind == SIM_LOG_CREDIT)
            v->last_credit_turn = e->turn;
        else if (e->kind == SIM_LOG_RAISE)
            v->last_raise_turn = e->turn;
        else if (e->kind == SIM_LOG_MISSED && v->first_miss_turn < 0)
            v->first_miss_turn = e->turn;
    }
    if (v->first_miss_turn >= 0)
        v->dried_turn = v->first_miss_turn;
    else
        v->dried_turn =
            v->last_credit_turn > v->last_raise_turn ? v->last_credit_turn : v->last_raise_turn;
    if (v->dried_turn < 0)
        v->dried_turn = v->default_turn;

    /* The market saw it coming: the peak of the hub's value before the default against its
     * best in the last months. Snapshot t closes month t - 1; the default's own month is out. */
    int end = v->default_turn; /* snapshot of the month before the default */
    for (int t = 0; t <= end && t <= w->turn; t++) {
        double mv = sim_snap(w, t, hub)->market_value;
        if (mv > v->peak_value)
            v->peak_value = mv;
        if (t > end - SIM_VERDICT_WINDOW && mv > v->window_value)
            v->window_value = mv;
    }
    if (end <= w->turn)
        v->last_value = sim_snap(w, end, hub)->market_value;
    v->below_peak = v->peak_value > 0.0 ? 1.0 - v->window_value / v->peak_value : 0.0;
    if (v->pd_half_turn >= 0 && v->pd_half_turn <= v->default_turn)
        v->warning_months = v->default_turn - v->pd_half_turn;
    v->saw_coming = v->below_peak >= SIM_VERDICT_DROP || v->warning_months >= SIM_VERDICT_WARNING;
}

/* ---------------------------------------------------------------- the verdict */

void sim_verdict(const SimWorld *w, SimVerdict *v)
{
    memset(v, 0, sizeof *v);
    v->default_turn = v->tipping_turn = -1;
    v->tipping_deal = -1;
    v->last_credit_turn = v->last_raise_turn = v->first_miss_turn = v->dried_turn = -1;
    v->pd_half_turn = v->warning_months = -1;
    const int hub = w->sc->hub;
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_DEFAULT && w->events[k].actor == hub) {
            v->defaulted = 1;
            v->default_turn = w->events[k].turn;
            break;
        }
    world_drawn(w, v);
    tipping_deal(w, v);
    funding(w, v);
}
