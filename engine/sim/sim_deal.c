/* sim_deal: names, checks and schedules of deals. */
#include "sim_deal.h"

#include "core_err.h"

#include <math.h>
#include <string.h>

static const char *status_names[SIM_DS_STATUS_COUNT] = {
    "proposed",   "countered", "rejected",  "expired",  "accepted",  "announced",
    "delivering", "completed", "defaulted", "released", "cancelled",
};

const char *sim_deal_kind_name(SimDealKind k)
{
    return sim_kind_valid((int)k) ? sim_kinds[k].name : "?";
}

int sim_deal_kind_parse(const char *name)
{
    for (int k = 0; name && k < SIM_DEAL_KIND_COUNT; k++)
        if (strcmp(name, sim_kinds[k].name) == 0)
            return k;
    return -1;
}

const char *sim_deal_status_name(SimDealStatus s)
{
    return (unsigned)s < SIM_DS_STATUS_COUNT ? status_names[s] : "?";
}

int sim_deal_debtor(const SimTerms *t)
{
    return sim_kind(t->kind)->lender != SIM_LENDER_NONE ? t->payee : t->payer;
}

int sim_deal_creditor(const SimTerms *t)
{
    switch (sim_kind(t->kind)->lender) {
    case SIM_LENDER_NONE:
        return t->payee;
    case SIM_LENDER_PAYER:
        return t->payer;
    case SIM_LENDER_WORLD:
        return SIM_WORLD;
    }
    return t->payee; /* not reached: the switch names every lender */
}

int sim_deal_counterparty(const SimDeal *d, int actor)
{
    return actor == d->t.payer ? d->t.payee : d->t.payer;
}

static int in_unit(double x)
{
    return isfinite(x) && x >= 0.0 && x <= 1.0;
}

static const char *refuse_names[SIM_REFUSE_COUNT] = {
    "none",         "kind",         "payer",          "payee",          "build_payee",
    "same_party",   "amount",       "amount_huge",    "months",         "delay",
    "upfront",      "gw",           "rates",          "shares",         "no_rate",
    "no_shares",    "no_amount",    "jv_shares",      "not_open",       "counter_parties",
    "not_party",    "defaulted",    "exclusive",      "over_budget",    "not_held",
    "not_exitable", "no_stake",     "no_buyer",       "cannot_pay",     "too_big",
    "too_risky",    "cannot_carry", "unknown_intent", "not_distressed", "no_funds",
    "below_estate", "bought",
};

const char *sim_refuse_code_name(SimRefuseCode c)
{
    return (unsigned)c < SIM_REFUSE_COUNT ? refuse_names[c] : "unknown";
}

/* Sets *why (if wanted) to code about terms t, and returns -1 for `return refuse(...) ...`. */
static int refuse(SimRefusal *why, SimRefuseCode code, const SimTerms *t)
{
    if (why) {
        memset(why, 0, sizeof *why);
        why->code = code;
        why->kind = (unsigned)t->kind < SIM_DEAL_KIND_COUNT ? t->kind : SIM_DEAL_KIND_COUNT;
        why->actor = why->other = why->deal = -1;
        why->a = t->amount;
    }
    return -1;
}

/* The ranges of the terms, the one place that states them (sim_terms_check reads them). */
#define AMOUNT_MAX 1e6
#define MONTHS_MIN 1
#define MONTHS_MAX 600
#define DELAY_MAX  240
#define GW_MAX     1e4
#define SHARES_MAX 1e3

int sim_terms_range(unsigned field, double *lo, double *hi)
{
    static const struct {
        unsigned field;
        double lo, hi;
    } ranges[] = {
        {SIM_FIELD_AMOUNT, 0.0, AMOUNT_MAX}, {SIM_FIELD_MONTHS, MONTHS_MIN, MONTHS_MAX},
        {SIM_FIELD_DELAY, 0.0, DELAY_MAX},   {SIM_FIELD_UPFRONT, 0.0, 1.0},
        {SIM_FIELD_GW, 0.0, GW_MAX},         {SIM_FIELD_RATE, 0.0, 1.0},
        {SIM_FIELD_RATE2, 0.0, 1.0},         {SIM_FIELD_SHARES, 0.0, SHARES_MAX},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (ranges[i].field == field) {
            *lo = ranges[i].lo;
            *hi = ranges[i].hi;
            return 0;
        }
    return -1;
}

int sim_terms_check(const SimTerms *t, int n_actors, char *err, size_t errsz)
{
    return sim_terms_check_why(t, n_actors, NULL, err, errsz);
}

int sim_terms_check_why(const SimTerms *t, int n_actors, SimRefusal *why, char *err, size_t errsz)
{
#define REFUSE(code, ...) (refuse(why, code, t), core_errf(err, errsz, __VA_ARGS__))
    if (why)
        refuse(why, SIM_REFUSE_NONE, t);
    if ((unsigned)t->kind >= SIM_DEAL_KIND_COUNT)
        return REFUSE(SIM_REFUSE_KIND, "unknown deal kind %d", (int)t->kind);
    const SimKindInfo *ki = sim_kind(t->kind);
    const char *kn = ki->name;
    if (t->payer < 0 || t->payer >= n_actors)
        return REFUSE(SIM_REFUSE_PAYER, "%s: the payer is not an actor", kn);
    if (ki->payee == SIM_PAYEE_WORLD) {
        if (t->payee != SIM_WORLD)
            return REFUSE(SIM_REFUSE_BUILD_PAYEE, "%s: the payee must be the world", kn);
    } else {
        if (t->payee < 0 || t->payee >= n_actors)
            return REFUSE(SIM_REFUSE_PAYEE, "%s: the payee is not an actor", kn);
        if (t->payee == t->payer)
            return REFUSE(SIM_REFUSE_SAME_PARTY, "%s: payer and payee are the same actor", kn);
    }
    if (!isfinite(t->amount) || t->amount < 0.0)
        return REFUSE(SIM_REFUSE_AMOUNT, "%s: amount must be a finite number >= 0", kn);
    if (t->amount > AMOUNT_MAX)
        return REFUSE(SIM_REFUSE_AMOUNT_HUGE, "%s: amount %.6g $B is absurd (at most 1e6)", kn,
                      t->amount);
    if (t->months < MONTHS_MIN || t->months > MONTHS_MAX)
        return REFUSE(SIM_REFUSE_MONTHS, "%s: months must be within 1..600", kn);
    if (t->delay < 0 || t->delay > DELAY_MAX)
        return REFUSE(SIM_REFUSE_DELAY, "%s: delay must be within 0..240 months", kn);
    if (!in_unit(t->upfront))
        return REFUSE(SIM_REFUSE_UPFRONT, "%s: upfront must be within [0, 1]", kn);
    if (!isfinite(t->gw) || t->gw < 0.0 || t->gw > GW_MAX)
        return REFUSE(SIM_REFUSE_GW, "%s: gw must be within [0, 10000]", kn);
    if (!in_unit(t->rate) || !in_unit(t->rate2))
        return REFUSE(SIM_REFUSE_RATES, "%s: rates must be within [0, 1]", kn);
    if (!isfinite(t->shares) || t->shares < 0.0 || t->shares > SHARES_MAX)
        return REFUSE(SIM_REFUSE_SHARES, "%s: shares must be within [0, 1000] billion", kn);
    switch (ki->need) {
    case SIM_NEED_NONE:
        break;
    case SIM_NEED_RATE:
        if (t->rate <= 0.0)
            return REFUSE(SIM_REFUSE_NO_RATE, "%s: rate must be above 0", kn);
        break;
    case SIM_NEED_SHARES:
        if (t->shares <= 0.0)
            return REFUSE(SIM_REFUSE_NO_SHARES, "%s: shares must be above 0", kn);
        break;
    case SIM_NEED_SPLIT:
        if (t->amount <= 0.0)
            return REFUSE(SIM_REFUSE_NO_AMOUNT, "%s: amount must be above 0", kn);
        if (t->rate + t->rate2 > 1.0 + 1e-12 || t->rate + t->rate2 <= 0.0)
            return REFUSE(SIM_REFUSE_JV_SHARES,
                          "%s: the partners' shares (rate + rate2) must be in (0, 1]", kn);
        break;
    case SIM_NEED_AMOUNT:
        if (t->amount <= 0.0)
            return REFUSE(SIM_REFUSE_NO_AMOUNT, "%s: amount must be above 0", kn);
        break;
    }
#undef REFUSE
    return 0;
}

double sim_schedule_share(const SimTerms *t, int k)
{
    int n = t->months;
    if (k < 0 || k >= n)
        return 0.0;
    if (n == 1)
        return 1.0;
    double rest = (1.0 - t->upfront) / (double)n;
    return k == 0 ? t->upfront + rest : rest;
}

double sim_schedule_sum(const SimTerms *t, int from, int to)
{
    int n = t->months;
    if (from < 0)
        from = 0;
    if (to > n)
        to = n;
    if (to <= from)
        return 0.0;
    if (n == 1)
        return 1.0;
    double s = (double)(to - from) * ((1.0 - t->upfront) / (double)n);
    return from == 0 ? s + t->upfront : s;
}

int sim_deal_span(const SimTerms *t)
{
    /* A loan draws over `months` and is repaid over as many. */
    return sim_kind(t->kind)->pay == SIM_PAY_LOAN ? 2 * t->months : t->months;
}

double sim_terms_first_year(const SimTerms *t)
{
    SimKindBudget b = sim_kind(t->kind)->budget;
    if (b == SIM_BUDGET_NONE || b == SIM_BUDGET_REVENUE)
        return 0.0;
    double share = 0.0;
    for (int k = 0; k < t->months && k + t->delay < 12; k++)
        share += sim_schedule_share(t, k);
    double amount = t->amount;
    if (b == SIM_BUDGET_SPLIT)
        amount *= t->rate;
    else if (b == SIM_BUDGET_CONTINGENT)
        amount *= SIM_GUARANTEE_WEIGHT;
    return amount * share;
}
