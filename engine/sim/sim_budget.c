/* sim_budget: the budget rules over whole schedules (see sim_budget.h). */
#include "sim_budget.h"

#include "core_err.h"
#include "sim_pay.h"
#include "sim_value.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Months from now a schedule can reach (a delay of 240, then a loan's 600 draws and 600
 * repayments), and a year past it so that every window fits. */
#define REACH  (240 + 2 * 600)
#define WINDOW 12
#define SPAN   (REACH + WINDOW)
#define YEARS  (SPAN / 12 + 1)

/* What a party owes month by month, as differences (load[m] = d[0] + ... + d[m]) so that a run
 * of equal payments costs two additions whatever its length. */
typedef struct {
    double d[SPAN + 1];
    int hi; /* months [0, hi) may be non-zero */
} Load;

static void load_clear(Load *l)
{
    memset(l->d, 0, sizeof l->d);
    l->hi = 0;
}

/* Adds v each month in [a, b) from now. */
static void load_run(Load *l, long a, long b, double v)
{
    if (a < 0)
        a = 0;
    if (b > SPAN)
        b = SPAN;
    if (a >= b || v == 0.0)
        return;
    l->d[a] += v;
    l->d[b] -= v;
    if (b > l->hi)
        l->hi = (int)b;
}

/* Adds slots [k0, months) of terms t, slot k paid m0 + k months from now, scale x its share. */
static void load_slots(Load *l, const SimTerms *t, long m0, int k0, double scale)
{
    if (k0 < 0)
        k0 = 0;
    if (k0 >= t->months || !(scale > 0.0))
        return;
    if (k0 == 0) {
        load_run(l, m0, m0 + 1, scale * sim_schedule_share(t, 0));
        k0 = 1;
    }
    load_run(l, m0 + k0, m0 + t->months, scale * sim_schedule_share(t, t->months - 1));
}

/* What actor i pays over the whole schedule of terms t, in the budget's terms ($B; a revenue
 * share at the payer's revenue now; a guarantee at its weight), and the amount it commits. */
static double part_of(const SimWorld *w, const SimTerms *t, int i, double *committed)
{
    double part = 0.0;
    *committed = 0.0;
    switch (sim_kind(t->kind)->budget) {
    case SIM_BUDGET_NONE:
        break;
    case SIM_BUDGET_AMOUNT:
        part = *committed = t->payer == i ? t->amount : 0.0;
        break;
    case SIM_BUDGET_SPLIT:
        part = *committed = t->payer == i   ? t->amount * t->rate
                            : t->payee == i ? t->amount * t->rate2
                                            : 0.0;
        break;
    case SIM_BUDGET_REVENUE:
        part = *committed =
            t->payer == i ? t->rate * w->actors[i].revenue / 12.0 * (double)t->months : 0.0;
        break;
    case SIM_BUDGET_CONTINGENT:
        *committed = t->payer == i ? t->amount : 0.0;
        part = SIM_GUARANTEE_WEIGHT * *committed;
        break;
    }
    return part;
}

/* Adds what actor i owes under terms t from slot k0 on, slot k paid m0 + k months from now. */
static void load_terms(Load *l, const SimWorld *w, const SimTerms *t, int i, long m0, int k0)
{
    double committed, part = part_of(w, t, i, &committed);
    if (sim_kind(t->kind)->budget == SIM_BUDGET_REVENUE)
        /* Each month rate x revenue / 12, upfront or not. */
        load_run(l, m0 + (k0 > 0 ? k0 : 0), m0 + t->months, part / (double)t->months);
    else
        load_slots(l, t, m0, k0, part);
}

/* Adds what actor i owes under deal d (live, or accepted this turn): its arrears now, its side of
 * the schedule still to come, and a borrower's repayments as sim_deal_owed spreads them. */
static void load_deal(Load *l, const SimWorld *w, const SimDeal *d, int i)
{
    const SimTerms *t = &d->t;
    if (sim_deal_debtor(t) == i && d->arrears > 0.0)
        load_run(l, 0, 1, d->arrears);
    long m0 = (long)d->start_turn - w->turn;
    load_terms(l, w, t, i, m0, d->paid_count);
    if (sim_kind(t->kind)->pay == SIM_PAY_LOAN && t->payee == i) {
        double all = d->principal + t->amount * sim_schedule_sum(t, d->paid_count, t->months);
        long lo = m0 + t->months, end = m0 + 2L * t->months;
        if (lo < 0)
            lo = 0;
        if (end <= 0)
            load_run(l, 0, 1, all); /* past the schedule: the whole balance is due now */
        else
            load_run(l, lo, end, all / (double)(end - lo));
    }
}

/* Whether actor i is a party to deal d that may owe under it. */
static int party(const SimDeal *d, int i)
{
    return d->t.payer == i || d->t.payee == i;
}

/* What actor i owes under its live deals and the deals accepted earlier this turn. */
static void load_existing(Load *l, const SimWorld *w, int i)
{
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if (sim_deal_is_live(d) && party(d, i))
            load_deal(l, w, d, i);
    }
    for (int x = 0; x < w->n_accepted_now; x++) {
        const SimDeal *d = &w->deals[w->accepted_now[x]];
        if (d->status == SIM_DS_ACCEPTED && party(d, i))
            load_deal(l, w, d, i);
    }
}

/* Turns differences into monthly amounts, then into the sum over each window: out[m] is what is
 * owed in months [m, m + 12), for m < hi. */
static void windows(const Load *l, double *out)
{
    static const int W = WINDOW;
    double run = 0.0, sum = 0.0, month[SPAN];
    int hi = l->hi;
    for (int m = 0; m < hi; m++) {
        run += l->d[m];
        month[m] = run;
    }
    for (int m = 0; m < hi && m < W; m++)
        sum += month[m];
    for (int m = 0; m < hi; m++) {
        out[m] = sum;
        sum -= month[m];
        if (m + W < hi)
            sum += month[m + W];
    }
}

/* Where the busiest window of l lies among windows [from, to), and what it holds. */
static double busiest(const double *win, int hi, int from, int to, int *at)
{
    double best = 0.0;
    *at = from > 0 ? from : 0;
    for (int m = from > 0 ? from : 0; m < to && m < hi; m++)
        if (win[m] > best + 1e-12) {
            best = win[m];
            *at = m;
        }
    return best;
}

/* "the next year" or "the 12 months starting 30 months from now". */
static const char *when(int at, char *buf, size_t bufsz)
{
    if (at == 0)
        snprintf(buf, bufsz, "the next year");
    else
        snprintf(buf, bufsz, "the 12 months starting %d months from now", at);
    return buf;
}

static int refuse(SimRefusal *why, SimRefuseCode code, const SimTerms *t, int actor, double a,
                  double b)
{
    if (why) {
        memset(why, 0, sizeof *why);
        why->code = code;
        why->kind = t->kind;
        why->actor = actor;
        why->other = why->deal = -1;
        why->a = a;
        why->b = b;
    }
    return -1;
}

/* Present value now of a load's payments at the discount rate, $B. */
static double load_pv(const Load *l, double annual)
{
    double q = exp(-log1p(annual) / 12.0), disc = 1.0, run = 0.0, pv = 0.0;
    for (int m = 0; m < l->hi; m++) {
        run += l->d[m];
        pv += run * disc;
        disc *= q;
    }
    return pv;
}

/* GW of compute terms t bring to actor i. */
static double gw_to(const SimTerms *t, int i)
{
    switch (sim_kind(t->kind)->gw) {
    case SIM_GW_PAYER_OWNED:
    case SIM_GW_PAYER_CONTRACTED:
        return t->payer == i ? t->gw : 0.0;
    case SIM_GW_PAYEE_CONTRACTED:
        return t->payee == i ? t->gw : 0.0;
    case SIM_GW_NONE:
        break;
    }
    return 0.0;
}

/* The scratch of one check: what the party owes already, and what the new commitments add. */
typedef struct {
    Load old, add;
    double win_old[SPAN], win_add[SPAN];
} Scratch;

/* The rules for actor i's side of terms t. */
static int check_party(const SimWorld *w, const SimTerms *t, int i, Scratch *s, SimRefusal *why,
                       char *err, size_t errsz)
{
    const SimScenario *sc = w->sc;
    const SimActor *a = &w->actors[i];
    const char *name = sc->actors[i].name;
    double committed, part = part_of(w, t, i, &committed);
    double value = sim_market_value(w, i), most = SIM_ABSURD_MULTIPLE * value;
    if (committed > most)
        return refuse(why, SIM_REFUSE_TOO_BIG, t, i, committed, value),
               core_errf(err, errsz,
                         "larger than the whole company: %s would commit $%.0fB, more than %g "
                         "times its market value of $%.0fB",
                         name, committed, SIM_ABSURD_MULTIPLE, value);
    if (!(part > 0.0))
        return 0;
    load_clear(&s->old);
    load_clear(&s->add);
    load_existing(&s->old, w, i);
    load_terms(&s->add, w, t, i, t->delay, 0);
    int hi = s->old.hi > s->add.hi ? s->old.hi : s->add.hi;
    s->old.hi = s->add.hi = hi;
    windows(&s->old, s->win_old);
    windows(&s->add, s->win_add);
    /* Only the windows the terms touch: a year they leave alone is not theirs to answer for. */
    int from = t->delay - WINDOW + 1, to = t->delay + t->months;
    char year[64];
    int market = i == sc->hub || !(sc->actors[i].capex_budget > 0.0);
    if (!market) {
        double budget = sc->actors[i].capex_budget * sc->market.budget_slack, worst = 0.0;
        int at = 0;
        for (int m = from > 0 ? from : 0; m < to && m < hi; m++) {
            double load = s->win_old[m] + s->win_add[m];
            if (load > budget + 1e-9 && load - budget > worst) {
                worst = load - budget;
                at = m;
            }
        }
        if (worst > 0.0) {
            double load = s->win_old[at] + s->win_add[at];
            return refuse(why, SIM_REFUSE_OVER_BUDGET, t, i, load, budget),
                   core_errf(err, errsz,
                             "over budget: %s would owe $%.0fB in %s against a budget of $%.0fB",
                             name, load, when(at, year, sizeof year), budget);
        }
        return 0;
    }
    /* market.max_commit_pd = 1 turns the market's judgment off: the hub signs what it likes. */
    if (sc->market.max_commit_pd >= 1.0)
        return 0;
    /* The market's judgment: valued with everything it would newly owe (this turn's other
     * acceptances are not live yet: the valuation does not see them either). */
    for (int x = 0; x < w->n_accepted_now; x++) {
        const SimDeal *d = &w->deals[w->accepted_now[x]];
        if (d->status == SIM_DS_ACCEPTED && party(d, i))
            load_terms(&s->add, w, &d->t, i, (long)d->start_turn - w->turn, 0);
    }
    double gw = gw_to(t, i);
    for (int x = 0; x < w->n_accepted_now; x++) {
        const SimDeal *d = &w->deals[w->accepted_now[x]];
        if (d->status == SIM_DS_ACCEPTED)
            gw += gw_to(&d->t, i);
    }
    SimValue v = sim_value_with(w, i, load_pv(&s->add, sc->market.discount_rate), gw);
    if (v.pd > sc->market.max_commit_pd)
        return refuse(why, SIM_REFUSE_TOO_RISKY, t, i, v.owed, v.assets),
               core_errf(err, errsz,
                         "too risky: with this deal %s would owe $%.0fB against assets of $%.0fB; "
                         "the market would put its default probability at %.0f%%, above the "
                         "%.0f%% allowed",
                         name, v.owed, v.assets, 100.0 * v.pd, 100.0 * sc->market.max_commit_pd);
    /* What it can carry in each year: revenue after running costs, as the market projects it,
     * plus what it could borrow, raise and spend from cash now. The windows counted again
     * with this turn's acceptances in the new load, which the old one left out. */
    double rev[YEARS];
    sim_value_revenue_path(w, i, gw, rev, YEARS);
    double room = sim_pay_funding_room(w, i), keep = 1.0 - a->spec->opex_ratio, worst = 0.0;
    windows(&s->add, s->win_add);
    int at = 0;
    for (int m = from > 0 ? from : 0; m < to && m < hi; m++) {
        double load = s->win_old[m] + s->win_add[m];
        double carry = keep * rev[m / 12] + room;
        if (load > carry + 1e-9 && load - carry > worst) {
            worst = load - carry;
            at = m;
        }
    }
    if (worst > 0.0) {
        double load = s->win_old[at] + s->win_add[at], carry = keep * rev[at / 12] + room;
        return refuse(why, SIM_REFUSE_CANNOT_CARRY, t, i, load, carry),
               core_errf(err, errsz,
                         "cannot carry it: %s would owe $%.0fB in %s, more than the $%.0fB its "
                         "revenue after costs and what it can borrow and raise could pay",
                         name, load, when(at, year, sizeof year), carry);
    }
    return 0;
}

int sim_budget_check(const SimWorld *w, const SimTerms *t, SimRefusal *why, char *err, size_t errsz)
{
    if (sim_kind(t->kind)->stake == SIM_STAKE_VEST && t->shares > w->actors[t->payer].shares) {
        const SimActor *p = &w->actors[t->payer];
        return refuse(why, SIM_REFUSE_TOO_BIG, t, t->payer, t->shares * p->price,
                      p->shares * p->price),
               core_errf(err, errsz,
                         "larger than the whole company: warrants for %.3g billion shares of %s, "
                         "which has %.3g billion",
                         t->shares, w->sc->actors[t->payer].name, p->shares);
    }
    Scratch s; /* about 46 KB of stack: batches run worlds in threads, so no static */
    int parties[2] = {t->payer, t->payee};
    for (int k = 0; k < 2; k++)
        if (parties[k] >= 0 && (k == 0 || parties[k] != parties[0]) &&
            check_party(w, t, parties[k], &s, why, err, errsz) < 0)
            return -1;
    return 0;
}

double sim_budget_peak(const SimWorld *w, int i, const SimTerms *t, int *at)
{
    Scratch s;
    load_clear(&s.old);
    load_existing(&s.old, w, i);
    if (t)
        load_terms(&s.old, w, t, i, t->delay, 0);
    windows(&s.old, s.win_old);
    int m = 0;
    double best = busiest(s.win_old, s.old.hi, 0, s.old.hi, &m);
    if (at)
        *at = m;
    return best;
}
