/* sim_after: a drafted deal's expected first-day moves and the drafter after it (sim_after.h). */
#include "sim_after.h"

#include "sim_kind.h"
#include "sim_market.h"

#include <math.h>
#include <string.h>

double sim_after_move(const SimWorld *w, int who, const SimTerms *t)
{
    if (who < 0 || who >= w->n || (who != t->payer && who != t->payee))
        return 0.0;
    SimDeal probe = {.t = *t};
    double net = sim_market_deal_size(w, &probe);
    return expm1(sim_market_expected_jump(w, who, net, who == t->payee));
}

void sim_after_terms(const SimWorld *w, int me, const SimTerms *t, int rescue, SimAfter *a)
{
    memset(a, 0, sizeof *a);
    const SimSnap *s = sim_snap(w, w->turn, me);
    a->cash = a->cash_after = s->cash;
    a->due = a->due_after = s->due_12m;
    a->exposure = a->exposure_after = s->exposure;
    a->first_turn = w->turn;
    if (rescue) { /* paid at once, this month */
        a->cash_after = s->cash - t->amount;
        return;
    }
    /* The deal as it would stand once signed: accepted next month, paying from then on after
     * its delay. */
    SimDeal d = {.t = *t, .status = SIM_DS_ANNOUNCED, .start_turn = w->turn + 1 + t->delay};
    a->first_turn = d.start_turn;
    const SimKindInfo *ki = sim_kind(t->kind);
    int other = t->payer == me ? t->payee : t->payer;
    int first = d.start_turn - w->turn + 1; /* the horizon that ends with the first payment */
    double out = sim_deal_owed(w, &d, me, first), in = 0.0;
    if (t->payee == me && ki->pay != SIM_PAY_SPLIT)
        in = ki->lender == SIM_LENDER_WORLD ? t->amount * sim_schedule_share(t, 0)
                                            : sim_deal_owed(w, &d, t->payer, first);
    a->cash_after = s->cash - out + in;
    /* Its first 12 months (it starts next month at the earliest): the months the next
     * snapshot's dues will count, and the verdict's "in the first 12 months". */
    a->due_after = s->due_12m + sim_deal_owed(w, &d, me, 13);
    /* Exposure at its height: a loan fully drawn, a joint build fully funded. */
    if (ki->pay == SIM_PAY_LOAN)
        d.principal = t->amount;
    if (ki->pay == SIM_PAY_SPLIT)
        d.paid = t->amount * (t->rate + t->rate2);
    if (other >= 0 && other < w->n)
        a->exposure_after = s->exposure + sim_deal_exposure(w, &d, me, other);
}
