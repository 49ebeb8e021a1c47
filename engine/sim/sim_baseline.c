/* sim_baseline: one parametric rule for every role: join when FOMO pressure beats risk, sized by
 * budget.
 *
 * A giant feels pressure = fomo_weight * (share of rivals bound to a borrower and rewarded)
 * + threat_weight * (outside threat to its business) + sentiment_weight * sentiment, and risk =
 * risk_weight * (its exposure to every counterparty after the deal / own market value). It accepts
 * an offer, or makes its own of its preferred kind (amount = budget_share * capex budget * years),
 * when pressure - risk > threshold and the exposure stays under max_exposure. The hub accepts
 * offers while its coverage ((revenue + funding room) / next year's obligations) stays above
 * min_coverage, and asks the least exposed vendor for more compute while it is behind the
 * straight path to its target. Every number comes from the scenario. Stateless.
 *
 * The rule sizes deals by amount, so it makes offers of the kinds that have one (compute, chips,
 * co-development, equity, loans, guarantees, joint ventures, builds); an actor whose preferred
 * kind is warrants, a revenue share or exclusivity only answers offers. */
#include "sim_native.h"

#include "core_err.h"
#include "sim_market.h"
#include "core_text.h"
#include "sim_pay.h"
#include "sim_turn.h"

#include <stdio.h>
#include <string.h>

/* Reasons are written every turn for every offer, so they are built by hand rather than with
 * snprintf's general float formatting, which showed up as a seventh of a game's cost. */
typedef struct {
    char *buf;
    size_t cap, len;
} Text;

static void put_str(Text *t, const char *s)
{
    while (*s && t->len + 1 < t->cap)
        t->buf[t->len++] = *s++;
    t->buf[t->len] = '\0';
}

/* Appends v with two decimals, as %.2f would for |v| < 1e15. */
static void put_num(Text *t, double v)
{
    char tmp[32];
    int k = 0;
    if (!(v == v)) {
        put_str(t, "nan");
        return;
    }
    int neg = v < 0.0;
    double a = neg ? -v : v;
    if (a >= 1e15) {
        put_str(t, neg ? "-huge" : "huge");
        return;
    }
    unsigned long long cents = (unsigned long long)(a * 100.0 + 0.5);
    tmp[k++] = (char)('0' + cents % 10);
    tmp[k++] = (char)('0' + cents / 10 % 10);
    tmp[k++] = '.';
    unsigned long long whole = cents / 100;
    do {
        tmp[k++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (neg && cents)
        tmp[k++] = '-';
    char out[32];
    for (int i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = '\0';
    put_str(t, out);
}

/* A reason told by the tables (core_text.h): the key, then x, y and, if has_z, z, two decimals
 * each. sim/ never reads the tables, so it leaves the reference and the reader's language tells
 * it: "pressure 0.53 beats risk 0.20 + threshold 0.10". */
static void reason(char *buf, size_t cap, const char *key, double x, double y, int has_z, double z)
{
    static const char sep[2] = {CORE_TEXT_REF, '\0'};
    Text t = {buf, cap, 0};
    buf[0] = '\0';
    put_str(&t, sep);
    put_str(&t, key);
    put_str(&t, sep);
    put_num(&t, x);
    put_str(&t, sep);
    put_num(&t, y);
    if (has_z) {
        put_str(&t, sep);
        put_num(&t, z);
    }
}

static int is_supply(int kind)
{
    return sim_kind_valid(kind) && sim_kind_is_supply((SimDealKind)kind);
}

/* Whether the rule can make offers of this kind: it sizes deals by amount. */
static int sized_by_amount(int kind)
{
    return sim_kind_valid(kind) && sim_kind_uses((SimDealKind)kind, SIM_FIELD_AMOUNT);
}

static int has_open_offer(const SimWorld *w, int a, int b)
{
    for (int o = 0; o < w->n_open; o++) {
        const SimDeal *d = &w->deals[w->open[o]];
        if (d->status == SIM_DS_PROPOSED &&
            ((d->t.payer == a && d->t.payee == b) || (d->t.payer == b && d->t.payee == a)))
            return 1;
    }
    return 0;
}

static double pressure(const SimWorld *w, int me)
{
    const SimBaselineParams *p = &w->sc->actors[me].baseline;
    return p->fomo_weight * sim_market_fomo(w, me) + p->threat_weight * w->actors[me].threat +
           p->sentiment_weight * sim_market_sentiment(w);
}

/* Exposure (to every counterparty: in a star, the hub) after taking `size` more, as a share of
 * own market value. */
static double exposure_after(const SimWorld *w, int me, double size)
{
    double mv = sim_market_value(w, me);
    /* The snapshot that closed last turn holds the exposure as it stands while strategies
     * decide: nothing moves deals between the two. */
    return mv > 0.0 ? (sim_snap(w, w->turn, me)->exposure + size) / mv : 1e9;
}

/* A giant's offer of its kind to counterparty `to`: it sells to it (supply kinds) or pays it
 * (finance, joint builds). */
static void set_parties(SimTerms *t, int kind, int me, int to)
{
    if (is_supply(kind)) {
        t->payer = to;
        t->payee = me;
    } else {
        t->payer = me;
        t->payee = to;
    }
}

/* Whom a giant makes its offer to: any borrower (the hub, or an actor another has financed:
 * sim_world_is_borrower) still standing and without an offer open with it, the one it is least
 * exposed to (as of the last snapshot), the first in the scenario's order on a tie; -1 if
 * none. In a star that is the hub; in a network a vendor also sells to, or lends to, a second
 * borrower, and turns to it once the hub has failed. */
static int counterparty(const SimWorld *w, int me)
{
    int best = -1;
    double best_ex = 0.0;
    for (int j = 0; j < w->n; j++) {
        if (j == me || w->actors[j].defaulted || !sim_world_is_borrower(w, j) ||
            has_open_offer(w, me, j))
            continue;
        double ex = w->net_exposure[(size_t)me * (size_t)w->n + (size_t)j];
        if (best < 0 || ex < best_ex) {
            best = j;
            best_ex = ex;
        }
    }
    return best;
}

/* The rule's answer to offer d (in the world or not): whether the pressure push beats the risk
 * of the exposure it would add (*risk) by the threshold, with the exposure under its cap. */
static int giant_answer(const SimWorld *w, int me, double push, const SimDeal *d, double *risk)
{
    const SimBaselineParams *p = &w->sc->actors[me].baseline;
    double ex = exposure_after(w, me, sim_market_deal_size(w, d));
    *risk = p->risk_weight * ex;
    return push - *risk > p->threshold && ex <= p->max_exposure;
}

static int giant_decide(const SimWorld *w, int me, SimIntentList *out)
{
    const SimBaselineParams *p = &w->sc->actors[me].baseline;
    int hub = w->sc->hub;
    double push = pressure(w, me);
    for (int o = 0; o < w->n_open; o++) {
        int k = w->open[o];
        const SimDeal *d = &w->deals[k];
        if (d->status != SIM_DS_PROPOSED || d->proposer == me ||
            (d->t.payer != me && d->t.payee != me))
            continue;
        double risk;
        int yes = giant_answer(w, me, push, d, &risk);
        SimIntent probe = {.kind = SIM_INTENT_ACCEPT, .deal = k};
        if (yes && sim_turn_validate(w, me, &probe, NULL, 0) < 0)
            yes = 0;
        SimIntent *in = sim_intents_push(out, yes ? SIM_INTENT_ACCEPT : SIM_INTENT_REJECT);
        if (!in)
            return 0;
        in->deal = k;
        reason(in->reason, sizeof in->reason,
               yes ? "reason.baseline.pressure_yes" : "reason.baseline.pressure_no", push, risk, 1,
               p->threshold);
    }
    if (w->actors[me].defaulted || w->turn - w->actors[me].last_deal_turn < p->cooldown ||
        p->budget_share <= 0.0 || !sized_by_amount(p->kind))
        return 0;
    SimTerms t = {0};
    t.kind = (SimDealKind)p->kind;
    t.months = p->months;
    t.amount = p->budget_share * w->sc->actors[me].capex_budget * (double)p->months / 12.0;
    t.gw = p->gw_per_billion * t.amount;
    set_parties(&t, p->kind, me, hub);
    if (sim_kind(t.kind)->pay == SIM_PAY_SPLIT)
        t.rate = 1.0; /* it funds the whole build */
    if (sim_kind(t.kind)->pay == SIM_PAY_LOAN)
        t.rate = w->sc->market.interest_rate;
    /* Pressure and risk do not depend on who the counterparty is (risk reads the exposure to
     * every counterparty), so the rule decides whether to offer before it looks for whom. */
    SimDeal probe_deal = {.t = t};
    double ex = exposure_after(w, me, sim_market_deal_size(w, &probe_deal));
    double risk = p->risk_weight * ex;
    if (!(push - risk > p->threshold) || ex > p->max_exposure)
        return 0;
    int to = counterparty(w, me);
    if (to < 0)
        return 0;
    set_parties(&t, p->kind, me, to);
    SimIntent *in = sim_intents_push(out, SIM_INTENT_PROPOSE);
    if (!in)
        return 0;
    in->terms = t;
    if (sim_turn_validate(w, me, in, NULL, 0) < 0) {
        out->n--;
        return 0;
    }
    reason(in->reason, sizeof in->reason, "reason.baseline.pressure_yes", push, risk, 1,
           p->threshold);
    return 0;
}

/* The hub's cover for new obligations: (revenue + funding room) / next year's obligations. */
static double coverage(const SimWorld *w, int hub, double extra)
{
    double due = sim_snap(w, w->turn, hub)->due_12m + extra;
    if (due <= 0.0)
        return 1e9;
    return (w->actors[hub].revenue + sim_pay_funding_room(w, hub)) / due;
}

/* The yearly payments an offer with terms t adds to the hub's dues, as the rule counts them. */
static double hub_extra(const SimTerms *t, int hub)
{
    double extra = t->payer == hub ? t->amount * 12.0 / (double)t->months : 0.0;
    if (sim_kind(t->kind)->pay == SIM_PAY_SPLIT && t->payee == hub)
        extra = t->amount * t->rate2 * 12.0 / (double)t->months;
    return extra;
}

static int hub_decide(const SimWorld *w, int hub, SimIntentList *out)
{
    const SimBaselineParams *p = &w->sc->actors[hub].baseline;
    double taken = 0.0; /* yearly payments of the offers it accepts this turn */
    for (int o = 0; o < w->n_open; o++) {
        int k = w->open[o];
        const SimDeal *d = &w->deals[k];
        if (d->status != SIM_DS_PROPOSED || d->proposer == hub ||
            (d->t.payer != hub && d->t.payee != hub))
            continue;
        double extra = hub_extra(&d->t, hub);
        double cov = coverage(w, hub, taken + extra);
        int yes = cov >= p->min_coverage;
        SimIntent probe = {.kind = SIM_INTENT_ACCEPT, .deal = k};
        if (yes && sim_turn_validate(w, hub, &probe, NULL, 0) < 0)
            yes = 0;
        if (yes)
            taken += extra;
        SimIntent *in = sim_intents_push(out, yes ? SIM_INTENT_ACCEPT : SIM_INTENT_REJECT);
        if (!in)
            return 0;
        in->deal = k;
        reason(in->reason, sizeof in->reason,
               yes ? "reason.baseline.coverage_yes" : "reason.baseline.coverage_no", cov,
               p->min_coverage, 0, 0.0);
    }
    const SimActor *h = &w->actors[hub];
    double have = h->compute_owned + h->compute_contracted;
    for (int k = 0; k < w->n_live; k++) {
        const SimDeal *d = &w->deals[w->live[k]];
        if (sim_deal_is_live(d) && d->t.payer == hub)
            have += d->t.gw - d->gw_done;
    }
    double path = w->sc->target_gw * (double)(w->turn + 1) / (double)w->turns;
    if (have >= path || w->turn - h->last_deal_turn < p->cooldown || p->budget_share <= 0.0)
        return 0;
    /* Ask the vendor least exposed to us: it has the most room to say yes. */
    int best = -1;
    double best_ex = 0.0;
    for (int j = 0; j < w->n; j++) {
        const SimBaselineParams *q = &w->sc->actors[j].baseline;
        if (j == hub || w->actors[j].defaulted || !is_supply(q->kind) || has_open_offer(w, hub, j))
            continue;
        double ex = exposure_after(w, j, 0.0);
        if (best < 0 || ex < best_ex) {
            best = j;
            best_ex = ex;
        }
    }
    if (best < 0)
        return 0;
    SimTerms t = {0};
    t.kind = (SimDealKind)w->sc->actors[best].baseline.kind;
    t.payer = hub;
    t.payee = best;
    t.months = p->months;
    t.amount = p->budget_share * w->sc->actors[hub].capex_budget * (double)p->months / 12.0;
    t.gw = p->gw_per_billion * t.amount;
    double cov = coverage(w, hub, taken + t.amount * 12.0 / (double)t.months);
    if (cov < p->min_coverage)
        return 0;
    SimIntent *in = sim_intents_push(out, SIM_INTENT_PROPOSE);
    if (!in)
        return 0;
    in->terms = t;
    if (sim_turn_validate(w, hub, in, NULL, 0) < 0) {
        out->n--;
        return 0;
    }
    snprintf(in->reason, sizeof in->reason, "%creason.baseline.hub_path%c%.0f%c%.0f%c%.2f",
             CORE_TEXT_REF, CORE_TEXT_REF, have, CORE_TEXT_REF, path, CORE_TEXT_REF, cov);
    return 0;
}

static int baseline_decide(void *self, const SimView *view, SimIntentList *out, char *err,
                           size_t errsz)
{
    (void)self, (void)err, (void)errsz;
    if (view->self == view->world->sc->hub)
        return hub_decide(view->world, view->self, out);
    return giant_decide(view->world, view->self, out);
}

int sim_strategy_baseline(SimStrategy *out)
{
    return sim_strategy_stateless(out, "baseline", baseline_decide);
}

int sim_baseline_answer(const SimWorld *w, int me, const SimTerms *t, char *why, size_t cap)
{
    const SimBaselineParams *p = &w->sc->actors[me].baseline;
    if (me == w->sc->hub) {
        double cov = coverage(w, me, hub_extra(t, me));
        int yes = cov >= p->min_coverage;
        reason(why, cap, yes ? "reason.baseline.coverage_yes" : "reason.baseline.coverage_no", cov,
               p->min_coverage, 0, 0.0);
        return yes;
    }
    double push = pressure(w, me), risk;
    SimDeal probe = {.t = *t};
    int yes = giant_answer(w, me, push, &probe, &risk);
    reason(why, cap, yes ? "reason.baseline.pressure_yes" : "reason.baseline.pressure_no", push,
           risk, 1, p->threshold);
    return yes;
}
