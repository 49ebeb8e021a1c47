/* sim_turn: the order of a month, validation and resolution of intents, end conditions, scores. */
#include "sim_turn.h"

#include "core_err.h"
#include "core_text.h"
#include "sim_budget.h"
#include "sim_cascade.h"
#include "sim_market.h"
#include "sim_pay.h"
#include "sim_rescue.h"
#include "sim_value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rules of the game, not parameters of the model: how long an offer stays open, and how many
 * failed turns in a row make the engine stop asking a broken strategy. */
#define PROPOSAL_LIFE     3
#define STRATEGY_FAILURES 3

int sim_turn_start(SimWorld *w, char *err, size_t errsz)
{
    for (int i = 0; i < w->n; i++) {
        SimStrategy *s = &w->actors[i].strategy;
        SimView v = {w, i};
        char why[256] = "";
        if (s->init && s->init(s->self, &v, why, sizeof why) < 0)
            return core_errf(err, errsz, "%s: strategy %s failed to start: %s", w->sc->actors[i].id,
                             s->name, why);
    }
    return 0;
}

/* The holder of a live exclusivity over `buyer`'s compute purchases, or -1. */
static int exclusive_holder(const SimWorld *w, int buyer)
{
    for (int x = 0; x < w->n_live; x++) {
        const SimDeal *d = &w->deals[w->live[x]];
        if ((sim_kind(d->t.kind)->flags & SIM_KF_RIGHT) && d->t.payer == buyer &&
            sim_deal_is_live(d) && d->start_turn <= w->turn)
            return d->t.payee;
    }
    return -1;
}

/* Sets *why (if wanted) and returns -1, for `return why_set(...), core_errf(...)`. */
static int why_set(SimRefusal *why, SimRefuseCode code, const SimTerms *t, int actor, int other,
                   int deal, double a, double b)
{
    if (why) {
        memset(why, 0, sizeof *why);
        why->code = code;
        why->kind = t && (unsigned)t->kind < SIM_DEAL_KIND_COUNT ? t->kind : SIM_DEAL_KIND_COUNT;
        why->actor = actor;
        why->other = other;
        why->deal = deal;
        why->a = a;
        why->b = b;
    }
    return -1;
}

/* Whether the terms fit the parties: exclusivity, defaults, sizes and budgets. A deal the
 * scenario records (`recorded`: the history strategy replays a scenario event; scripts cannot
 * set that) is history the scenario asserts, not a choice: the size and budget rules judge what
 * players and strategies add (docs/budget-rules.md). */
static int check_fit(const SimWorld *w, const SimTerms *t, int recorded, SimRefusal *why, char *err,
                     size_t errsz)
{
    const SimScenario *sc = w->sc;
    if (w->actors[t->payer].defaulted || (t->payee >= 0 && w->actors[t->payee].defaulted))
        return why_set(why, SIM_REFUSE_DEFAULTED, t,
                       w->actors[t->payer].defaulted ? t->payer : t->payee, -1, -1, 0, 0),
               core_errf(err, errsz, "a party has defaulted");
    if (sim_kind(t->kind)->flags & SIM_KF_EXCLUSIVE) {
        int h = exclusive_holder(w, t->payer);
        if (h >= 0 && h != t->payee)
            return why_set(why, SIM_REFUSE_EXCLUSIVE, t, t->payer, h, -1, 0, 0),
                   core_errf(err, errsz, "%s's compute purchases are exclusive to %s",
                             sc->actors[t->payer].name, sc->actors[h].name);
    }
    /* Sizes and budgets over the whole schedule, every party that pays (sim_budget.h). */
    return recorded ? 0 : sim_budget_check(w, t, why, err, errsz);
}

int sim_turn_exitable(const SimDeal *d)
{
    const SimKindInfo *ki = sim_kind(d->t.kind);
    if (ki->pay == SIM_PAY_PLAIN && (sim_kind_is_supply(d->t.kind) || ki->stake == SIM_STAKE_BUY))
        return 1;
    return ki->pay == SIM_PAY_LOAN && ki->lender == SIM_LENDER_PAYER && !(d->principal > 0.0) &&
           !(d->arrears > 0.0);
}

double sim_turn_exit_scheduled(const SimWorld *w, const SimDeal *d)
{
    int from = d->start_turn >= 0 && w->turn > d->start_turn ? w->turn - d->start_turn : 0;
    return d->t.amount * sim_schedule_sum(&d->t, from, d->t.months);
}

double sim_turn_exit_cost(const SimWorld *w, const SimDeal *d, int who)
{
    double cost = w->sc->market.exit_penalty * sim_turn_exit_scheduled(w, d);
    if (sim_deal_debtor(&d->t) == who && d->arrears > 0.0)
        cost += d->arrears;
    return cost;
}

double sim_turn_sale_proceeds(const SimWorld *w, int issuer, double shares, double *discount)
{
    double value = shares > 0.0 ? shares * w->actors[issuer].price : 0.0;
    double mv = sim_market_value(w, issuer);
    double disc = mv > 0.0 && value > 0.0 ? w->sc->market.sell_impact * sqrt(value / mv) : 0.0;
    if (disc > 1.0)
        disc = 1.0;
    if (discount)
        *discount = disc;
    return value * (1.0 - disc);
}

/* Checks a sell intent: a stake held in a live issuer that somebody will buy. */
static int check_sell(const SimWorld *w, int who, const SimIntent *in, SimRefusal *why, char *err,
                      size_t errsz)
{
    const SimScenario *sc = w->sc;
    int j = in->actor;
    if (j < 0 || j >= w->n || j == who || !isfinite(in->shares) || !(in->shares > 0.0))
        return why_set(why, SIM_REFUSE_NO_STAKE, NULL, who, j >= 0 && j < w->n ? j : -1, -1, 0,
                       isfinite(in->shares) ? in->shares : 0),
               core_errf(err, errsz, "sell: %s must name another actor and shares above 0",
                         sc->actors[who].name);
    if (w->actors[who].defaulted || w->actors[j].defaulted)
        return why_set(why, SIM_REFUSE_DEFAULTED, NULL, w->actors[who].defaulted ? who : j, -1, -1,
                       0, 0),
               core_errf(err, errsz, "a party has defaulted");
    double held = w->holdings[(size_t)who * (size_t)w->n + (size_t)j];
    if (in->shares > held * (1.0 + 1e-9) + 1e-15)
        return why_set(why, SIM_REFUSE_NO_STAKE, NULL, who, j, -1, held, in->shares),
               core_errf(err, errsz, "sell: %s holds %.4g billion shares of %s, not %.4g",
                         sc->actors[who].name, held, sc->actors[j].name, in->shares);
    double s = sim_market_sentiment(w);
    if (j == sc->hub && !(s > 0.0))
        return why_set(why, SIM_REFUSE_NO_BUYER, NULL, who, j, -1, s, 0),
               core_errf(err, errsz,
                         "sell: no funding round buys %s's shares while sentiment is %.2f",
                         sc->actors[j].name, s);
    return 0;
}

/* Checks an exit intent: a live deal of an exitable kind, no defaulted party, and the exiting
 * party able to pay (cash, credit and, for the hub, what it can raise). */
static int check_exit(const SimWorld *w, int who, const SimIntent *in, SimRefusal *why, char *err,
                      size_t errsz)
{
    const SimScenario *sc = w->sc;
    const SimDeal *d = in->deal >= 0 && in->deal < w->n_deals ? &w->deals[in->deal] : NULL;
    if (!d || !sim_deal_is_live(d) || (d->t.payer != who && d->t.payee != who) ||
        !sim_turn_exitable(d))
        return why_set(why, SIM_REFUSE_NOT_EXITABLE, d ? &d->t : NULL, who, -1, in->deal, 0, 0),
               core_errf(err, errsz,
                         "exit: deal %d is not a live supply, equity or undrawn loan deal of %s",
                         in->deal, sc->actors[who].name);
    int other = sim_deal_counterparty(d, who);
    if (w->actors[who].defaulted || (other >= 0 && w->actors[other].defaulted))
        return why_set(why, SIM_REFUSE_DEFAULTED, &d->t, w->actors[who].defaulted ? who : other, -1,
                       in->deal, 0, 0),
               core_errf(err, errsz, "a party has defaulted");
    double cost = sim_turn_exit_cost(w, d, who), room = sim_pay_funding_room(w, who);
    if (cost > room + 1e-9)
        return why_set(why, SIM_REFUSE_CANNOT_PAY, &d->t, who, other, in->deal, cost, room),
               core_errf(err, errsz,
                         "exit: %s cannot pay $%.1fB to leave deal %d with $%.1fB of cash and "
                         "credit",
                         sc->actors[who].name, cost, in->deal, room);
    return 0;
}

/* Checks a rescue intent: another live actor in distress (a payment missed this run of months, or
 * a default probability of at least SIM_RESCUE_PD) or a defaulted one nobody has bought, for at
 * least what its estate is worth to outside buyers (sim_rescue); an amount above 0 that the
 * rescuer can pay from its cash and credit. */
static int check_rescue(const SimWorld *w, int who, const SimIntent *in, SimRefusal *why, char *err,
                        size_t errsz)
{
    const SimScenario *sc = w->sc;
    int j = in->actor;
    if (j < 0 || j >= w->n || j == who)
        return why_set(why, SIM_REFUSE_SAME_PARTY, NULL, who, -1, -1, 0, 0),
               core_errf(err, errsz, "rescue: %s must name another actor", sc->actors[who].name);
    if (!isfinite(in->amount) || !(in->amount > 0.0))
        return why_set(why, SIM_REFUSE_NO_AMOUNT, NULL, who, j, -1, 0, 0),
               core_errf(err, errsz, "rescue: amount must be above 0");
    if (w->actors[who].defaulted)
        return why_set(why, SIM_REFUSE_DEFAULTED, NULL, who, -1, -1, 0, 0),
               core_errf(err, errsz, "a party has defaulted");
    if (w->actors[j].defaulted) {
        /* A failed firm is bought whole (sim_rescue), once, for at least its estate. */
        int buyer = sim_rescue_buyer(w, j);
        if (buyer >= 0)
            return why_set(why, SIM_REFUSE_BOUGHT, NULL, buyer, j, -1, 0, 0),
                   core_errf(err, errsz, "rescue: %s was bought already by %s", sc->actors[j].name,
                             sc->actors[buyer].name);
        double estate = sim_rescue_estate(w, j);
        if (in->amount < estate * (1.0 - 1e-12))
            return why_set(why, SIM_REFUSE_BELOW_ESTATE, NULL, who, j, -1, in->amount, estate),
                   core_errf(err, errsz,
                             "rescue: $%.2fB is below the $%.2fB failed %s is worth to outside "
                             "buyers",
                             in->amount, estate, sc->actors[j].name);
    } else if (!sim_turn_distressed(w, j))
        return why_set(why, SIM_REFUSE_NOT_DISTRESSED, NULL, who, j, -1, w->actors[j].val.pd, 0),
               core_errf(err, errsz, "rescue: %s is not in distress", sc->actors[j].name);
    double room = sim_pay_funding_room(w, who);
    if (in->amount > room + 1e-9)
        return why_set(why, SIM_REFUSE_NO_FUNDS, NULL, who, j, -1, in->amount, room),
               core_errf(err, errsz,
                         "rescue: %s cannot put $%.1fB in with $%.1fB of cash and credit",
                         sc->actors[who].name, in->amount, room);
    return 0;
}

int sim_turn_distressed(const SimWorld *w, int i)
{
    const SimActor *a = &w->actors[i];
    return !a->defaulted && (a->missed > 0 || a->val.pd >= SIM_RESCUE_PD);
}

static int open_for(const SimWorld *w, int deal, int who)
{
    const SimDeal *d = &w->deals[deal];
    return d->status == SIM_DS_PROPOSED && d->proposer != who &&
           (d->t.payer == who || d->t.payee == who);
}

int sim_turn_validate(const SimWorld *w, int who, const SimIntent *in, char *err, size_t errsz)
{
    return sim_turn_validate_why(w, who, in, NULL, err, errsz);
}

int sim_turn_validate_why(const SimWorld *w, int who, const SimIntent *in, SimRefusal *why,
                          char *err, size_t errsz)
{
    why_set(why, SIM_REFUSE_NONE, NULL, -1, -1, -1, 0, 0);
    switch (in->kind) {
    case SIM_INTENT_PASS:
        return 0;
    case SIM_INTENT_PROPOSE:
    case SIM_INTENT_COUNTER: {
        const SimTerms *t = &in->terms;
        if (in->kind == SIM_INTENT_COUNTER &&
            (in->deal < 0 || in->deal >= w->n_deals || !open_for(w, in->deal, who)))
            return why_set(why, SIM_REFUSE_NOT_OPEN, t, who, -1, in->deal, 0, 0),
                   core_errf(err, errsz, "counter: deal %d is not an open offer to %s", in->deal,
                             w->sc->actors[who].name);
        if (in->kind == SIM_INTENT_COUNTER) {
            /* A counter goes back to the proposer: same two parties, either way round. */
            const SimTerms *o = &w->deals[in->deal].t;
            if (!((t->payer == o->payer && t->payee == o->payee) ||
                  (t->payer == o->payee && t->payee == o->payer)))
                return why_set(why, SIM_REFUSE_COUNTER_PARTIES, t, who, -1, in->deal, 0, 0),
                       core_errf(err, errsz,
                                 "counter: the terms must be between the same two parties as "
                                 "deal %d",
                                 in->deal);
        }
        if (sim_terms_check_why(t, w->n, why, err, errsz) < 0)
            return -1;
        if (t->payer != who && t->payee != who)
            return why_set(why, SIM_REFUSE_NOT_PARTY, t, who, -1, -1, 0, 0),
                   core_errf(err, errsz, "%s is neither the payer nor the payee",
                             w->sc->actors[who].name);
        return check_fit(w, t, in->history_event >= 0, why, err, errsz);
    }
    case SIM_INTENT_ACCEPT:
    case SIM_INTENT_REJECT:
        if (in->deal < 0 || in->deal >= w->n_deals || !open_for(w, in->deal, who))
            return why_set(why, SIM_REFUSE_NOT_OPEN, NULL, who, -1, in->deal, 0, 0),
                   core_errf(err, errsz, "%s: deal %d is not an open offer to %s",
                             sim_intent_kind_name(in->kind), in->deal, w->sc->actors[who].name);
        return in->kind == SIM_INTENT_ACCEPT
                   ? check_fit(w, &w->deals[in->deal].t, w->deals[in->deal].history_event >= 0, why,
                               err, errsz)
                   : 0;
    case SIM_INTENT_RELEASE: {
        const SimDeal *d = in->deal >= 0 && in->deal < w->n_deals ? &w->deals[in->deal] : NULL;
        if (!d || !(sim_kind(d->t.kind)->flags & SIM_KF_RIGHT) || !sim_deal_is_live(d) ||
            d->t.payee != who)
            return why_set(why, SIM_REFUSE_NOT_HELD, NULL, who, -1, in->deal, 0, 0),
                   core_errf(err, errsz, "release: deal %d is not a right that %s holds", in->deal,
                             w->sc->actors[who].name);
        return 0;
    }
    case SIM_INTENT_SELL:
        return check_sell(w, who, in, why, err, errsz);
    case SIM_INTENT_EXIT:
        return check_exit(w, who, in, why, err, errsz);
    case SIM_INTENT_RESCUE:
        return check_rescue(w, who, in, why, err, errsz);
    default:
        return why_set(why, SIM_REFUSE_UNKNOWN_INTENT, NULL, who, -1, -1, 0, 0),
               core_errf(err, errsz, "unknown intent %d", (int)in->kind);
    }
}

static int log_text(SimWorld *w, SimLogKind kind, int actor, int other, int deal, const char *text)
{
    SimEvent *e = sim_world_log(w, kind, actor, other, deal);
    if (!e)
        return -1;
    core_strlcpy(e->text, text, sizeof e->text);
    return 0;
}

/* Whether a failure of the record happens now: the firm is played by history and still trades.
 * A free strategy's firm fails only if its payments fail (sim_pay), whatever the date. */
static int falls_now(const SimWorld *w, const SimScenarioEvent *ev)
{
    int d = ev->default_actor;
    return d >= 0 && !w->actors[d].defaulted && sim_plays_history(w, d);
}

/* The firm defaults, its creditors recovering the record's share (or the market's). */
static int fire_default(SimWorld *w, const SimScenarioEvent *ev)
{
    w->recovery_set = !isnan(ev->recovery);
    w->recovery_now = ev->recovery;
    int rc = sim_market_default(w, ev->default_actor);
    w->recovery_set = 0;
    return rc;
}

/* Whether a news item can be told: the narration never says a firm failed while it trades. `falls`:
 * its own failure of the record happens now. */
static int news_holds(const SimWorld *w, const SimScenarioEvent *ev, int falls)
{
    int d = ev->default_actor, a = ev->after_default;
    if (d >= 0 && !w->actors[d].defaulted && !falls)
        return 0;
    return a < 0 || w->actors[a].defaulted || (a == d && falls);
}

/* Scheduled news of this month, and the failures of the record (told first, then played). */
static int fire_events(SimWorld *w)
{
    int month = w->sc->start + w->turn;
    for (; w->next_event < w->sc->n_events; w->next_event++) {
        const SimScenarioEvent *ev = &w->sc->events[w->next_event];
        if (ev->month > month)
            break;
        if (ev->type != SIM_SEV_NEWS)
            continue; /* deals and releases happen only if strategies make them */
        int falls = falls_now(w, ev);
        if (news_holds(w, ev, falls)) {
            SimEvent *e = sim_world_log(w, SIM_LOG_NEWS, ev->actor, ev->threat_to, -1);
            if (!e)
                return -1;
            e->scenario_event = w->next_event;
            core_strlcpy(e->text, ev->title, sizeof e->text);
            w->sentiment_x += ev->sentiment;
            if (ev->actor >= 0)
                w->actors[ev->actor].growth += ev->growth;
            if (ev->threat_to >= 0)
                w->actors[ev->threat_to].threat += ev->threat;
        }
        if (falls && fire_default(w, ev) < 0)
            return -1;
    }
    return 0;
}

static void decide_all(SimWorld *w)
{
    for (int i = 0; i < w->n; i++) {
        SimActor *a = &w->actors[i];
        SimIntentList *l = &w->intents[i];
        l->n = 0;
        l->overflow = 0;
        l->n_notes = 0;
        l->notes_lost = 0;
        if (a->defaulted || !a->strategy.decide)
            continue;
        SimView v = {w, i};
        char why[256] = "";
        if (a->strategy.decide(a->strategy.self, &v, l, why, sizeof why) < 0) {
            l->n = 0;
            a->strategy_failures++;
            a->turns_lost++;
            char text[2 * SIM_REASON_LEN];
            snprintf(text, sizeof text, "%s lost its turn: %s", a->strategy.name, why);
            log_text(w, SIM_LOG_STRATEGY_ERROR, i, -1, -1, text);
            if (a->strategy_failures >= STRATEGY_FAILURES) {
                SimStrategy passive;
                sim_strategy_passive(&passive);
                snprintf(text, sizeof text, "%s failed %d turns in a row; passive from now on",
                         a->strategy.name, a->strategy_failures);
                sim_world_set_strategy(w, i, passive);
                a->retired_turn = w->turn + 1;
                log_text(w, SIM_LOG_STRATEGY_ERROR, i, -1, -1, text);
            }
        } else {
            a->strategy_failures = 0;
        }
    }
}

/* An intent the engine refuses. The record tells it through the tables (core_text.h), so that
 * each reader reads it in their language: "propose dropped: over budget: ...". The arguments are
 * in the order the refuse.<code> texts number them ({1} kind, {2} actor, {3} other, {4} deal,
 * {5} and {6} figures), then the intent ({7}) and the refusal itself ({8}). `answered` stands for
 * a refusal with no code: the offer was answered already this turn. */
static int drop(SimWorld *w, int who, const SimIntent *in, const SimRefusal *r, const char *plain)
{
    if (r && r->code == SIM_REFUSE_NONE && plain) {
        /* A refusal without a code (none is known to lack one): told as the engine wrote it. */
        char line[SIM_REASON_LEN];
        snprintf(line, sizeof line, "%s dropped: %s", sim_intent_kind_name(in->kind), plain);
        return log_text(w, SIM_LOG_DROPPED, who, -1, in->deal, line);
    }
    const SimScenario *sc = w->sc;
    char text[SIM_REASON_LEN];
    const char R = CORE_TEXT_REF;
    const char *actor = r->actor >= 0 && r->actor < w->n ? sc->actors[r->actor].name : "?";
    const char *other = r->other >= 0 && r->other < w->n ? sc->actors[r->other].name : "?";
    const char *kind = (unsigned)r->kind < SIM_DEAL_KIND_COUNT ? sim_deal_kind_name(r->kind) : "";
    snprintf(text, sizeof text,
             "%creason.dropped%c%%desk.kind.%s%c#%s%c#%s%c%d%c$%.17g%c$%.17g%c%%reason.intent.%s%c"
             "%%%s%s",
             R, R, *kind ? kind : "other", R, actor, R, other, R, r->deal, R, r->a, R, r->b, R,
             sim_intent_kind_name(in->kind), R, r->code == SIM_REFUSE_NONE ? "reason." : "refuse.",
             r->code == SIM_REFUSE_NONE ? "answered" : sim_refuse_code_name(r->code));
    return log_text(w, SIM_LOG_DROPPED, who, -1, in->deal, text);
}

static int accept_deal(SimWorld *w, int k, const char *answer, int *accepted, int *n_acc)
{
    SimDeal *d = &w->deals[k];
    d->status = SIM_DS_ACCEPTED;
    d->decided_turn = w->turn;
    d->start_turn = w->turn + d->t.delay;
    if (answer)
        core_strlcpy(d->answer, answer, sizeof d->answer);
    accepted[(*n_acc)++] = k;
    w->n_accepted_now = *n_acc; /* the budget rules count it from now on */
    w->actors[d->t.payer].committed_now += sim_terms_first_year(&d->t);
    if (sim_kind(d->t.kind)->budget == SIM_BUDGET_SPLIT && d->t.payee >= 0) {
        SimTerms share = d->t;
        share.rate = d->t.rate2;
        w->actors[d->t.payee].committed_now += sim_terms_first_year(&share);
    }
    /* Who accepted: the counterparty; an actor's own build is its own decision. */
    int other = d->proposer == d->t.payer ? d->t.payee : d->t.payer;
    if (other == SIM_WORLD)
        other = d->proposer;
    return log_text(w, SIM_LOG_ACCEPTED, other, d->proposer, k, d->answer);
}

static int new_deal(SimWorld *w, int who, const SimIntent *in, int parent)
{
    int k = sim_world_add_deal(w, &in->terms, who, parent);
    if (k < 0)
        return -1;
    SimDeal *d = &w->deals[k];
    core_strlcpy(d->reason, in->reason, sizeof d->reason);
    d->history_event = in->history_event;
    if (in->history_event >= 0 && in->history_event < w->sc->n_events)
        core_strlcpy(d->tag, w->sc->events[in->history_event].id, sizeof d->tag);
    return k;
}

/* Sells a stake (a validated sell intent) to outside investors, warrant shares first. */
static int do_sell(SimWorld *w, int i, const SimIntent *in, int *party, int *deal_of,
                   double *weighed)
{
    int j = in->actor, n = w->n;
    size_t at = (size_t)i * (size_t)n + (size_t)j;
    double *held = &w->holdings[at], *granted = &w->granted[at];
    double shares = in->shares < *held ? in->shares : *held;
    if (!(shares > 0.0) || w->actors[j].defaulted)
        return 0; /* sold already this turn */
    double disc, value = shares * w->actors[j].price;
    double proceeds = sim_turn_sale_proceeds(w, j, shares, &disc);
    double g = *granted < shares ? *granted : shares;
    double from_granted = shares > 0.0 ? proceeds * g / shares : 0.0;
    *held -= shares;
    *granted -= g;
    if (*held < 1e-15)
        *held = 0.0;
    if (*granted < 1e-15 || *granted > *held)
        *granted = *granted > *held ? *held : 0.0;
    int world = sim_ledger_world(&w->ledger);
    if (sim_ledger_post(&w->ledger, w->turn, world, i, from_granted, SIM_FLOW_WARRANT_SALE, -1, j) <
            0 ||
        sim_ledger_post(&w->ledger, w->turn, world, i, proceeds - from_granted, SIM_FLOW_SHARE_SALE,
                        -1, j) < 0)
        return -1;
    SimEvent *e = sim_world_log(w, SIM_LOG_SOLD, i, j, -1);
    if (!e)
        return -1;
    e->amount = proceeds;
    e->value = value;
    e->aux = disc;
    core_strlcpy(e->text, in->reason, sizeof e->text);
    party[i] = 1;
    deal_of[i] = -1;
    weighed[i] += value;
    return 0;
}

/* A rescue (a validated rescue intent): the rescuer, funding itself if it must, puts the amount
 * into the distressed firm now, for new shares at its price. */
static int do_rescue(SimWorld *w, int i, const SimIntent *in, int *party, int *deal_of,
                     double *weighed)
{
    int j = in->actor, n = w->n;
    SimActor *q = &w->actors[j];
    if (w->actors[i].defaulted)
        return 0;
    if (q->defaulted) {
        /* A failed firm: bought whole, unless another rescuer bought it earlier this turn. */
        int buyer = sim_rescue_buyer(w, j);
        if (buyer >= 0) {
            SimRefusal r = {SIM_REFUSE_BOUGHT, SIM_DEAL_KIND_COUNT, buyer, j, -1, 0, 0};
            return drop(w, i, in, &r, NULL);
        }
        int rc = sim_rescue_buy(w, i, j, in->amount, in->reason);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            SimRefusal r = {SIM_REFUSE_NO_FUNDS,
                            SIM_DEAL_KIND_COUNT,
                            i,
                            j,
                            -1,
                            in->amount,
                            sim_cash(w, i) > 0.0 ? sim_cash(w, i) : 0.0};
            return drop(w, i, in, &r, NULL);
        }
        party[i] = 1;
        deal_of[i] = -1;
        weighed[i] += in->amount;
        return 0;
    }
    if (sim_cash(w, i) < in->amount && sim_pay_fund(w, i, in->amount) < 0)
        return -1;
    double cash = sim_cash(w, i) > 0.0 ? sim_cash(w, i) : 0.0;
    double amt = in->amount < cash ? in->amount : cash;
    if (!(amt > 0.0) || !(q->price > 0.0))
        return 0;
    if (sim_ledger_post(&w->ledger, w->turn, i, j, amt, SIM_FLOW_EQUITY, -1, -1) < 0)
        return -1;
    double shares = amt / q->price;
    q->shares += shares;
    w->holdings[(size_t)i * (size_t)n + (size_t)j] += shares;
    SimEvent *e = sim_world_log(w, SIM_LOG_RESCUE, i, j, -1);
    if (!e)
        return -1;
    e->amount = amt;
    e->value = shares;
    e->aux = shares / q->shares;
    core_strlcpy(e->text, in->reason, sizeof e->text);
    int who[2] = {i, j};
    for (int p = 0; p < 2; p++) {
        party[who[p]] = 1;
        deal_of[who[p]] = -1;
        weighed[who[p]] += amt;
    }
    return 0;
}

/* Cancels a live deal (a validated exit intent): the exiting party pays what it owes of the
 * arrears and the penalty, the builder sells what it built and was not paid for at the salvage
 * share, and the deal ends. */
static int do_exit(SimWorld *w, int i, const SimIntent *in, int *party, int *deal_of,
                   double *weighed)
{
    const SimMarketParams *m = &w->sc->market;
    SimDeal *d = &w->deals[in->deal];
    if (!sim_deal_is_live(d))
        return 0; /* exited by the other party this turn */
    const SimTerms *t = &d->t;
    int other = sim_deal_counterparty(d, i), world = sim_ledger_world(&w->ledger);
    double scheduled = sim_turn_exit_scheduled(w, d);
    double penalty = m->exit_penalty * scheduled;
    double late = sim_deal_debtor(t) == i && d->arrears > 0.0 ? d->arrears : 0.0;
    if (sim_cash(w, i) < penalty + late && sim_pay_fund(w, i, penalty + late) < 0)
        return -1;
    double cash = sim_cash(w, i) > 0.0 ? sim_cash(w, i) : 0.0;
    double paid_late = late < cash ? late : cash;
    double paid = penalty < cash - paid_late ? penalty : cash - paid_late;
    if (sim_ledger_post(&w->ledger, w->turn, i, other, paid_late, SIM_FLOW_CONTRACT, in->deal, -1) <
            0 ||
        sim_ledger_post(&w->ledger, w->turn, i, other, paid, SIM_FLOW_EXIT_PENALTY, in->deal, -1) <
            0)
        return -1;
    d->paid += paid_late;
    d->arrears = 0.0;
    double lost = 0.0;
    if (sim_kind_is_supply(t->kind)) {
        double stranded = d->cost_paid - m->delivery_cost[t->kind] * d->paid;
        if (stranded > 0.0) {
            double back = stranded * m->salvage;
            lost = stranded - back;
            if (sim_ledger_post(&w->ledger, w->turn, world, t->payee, back, SIM_FLOW_SALVAGE,
                                in->deal, -1) < 0)
                return -1;
        }
    }
    d->status = SIM_DS_CANCELLED;
    d->end_turn = w->turn;
    core_strlcpy(d->answer, in->reason, sizeof d->answer);
    SimEvent *e = sim_world_log(w, SIM_LOG_EXITED, i, other, in->deal);
    if (!e)
        return -1;
    e->amount = paid;
    e->value = scheduled;
    e->aux = lost;
    core_strlcpy(e->text, in->reason, sizeof e->text);
    int who[2] = {i, other};
    for (int p = 0; p < 2; p++) {
        if (who[p] < 0)
            continue;
        party[who[p]] = 1;
        deal_of[who[p]] = in->deal;
        weighed[who[p]] += scheduled;
    }
    return 0;
}

/* Pass 1 of resolve: validates every intent against the world as it stood when everyone decided
 * (a refused one becomes a pass) and logs the notes a strategy left. why is scratch space of cap
 * bytes. Returns 0, or -1 if memory runs out. */
static int validate_intents(SimWorld *w, char *why, size_t cap)
{
    for (int i = 0; i < w->n; i++) {
        SimIntentList *l = &w->intents[i];
        for (int k = 0; k < l->n; k++) {
            SimIntent *in = &l->v[k];
            in->reason[SIM_REASON_LEN - 1] = '\0';
            SimRefusal r;
            if (sim_turn_validate_why(w, i, in, &r, why, cap) < 0) {
                if (drop(w, i, in, &r, why) < 0)
                    return -1;
                in->kind = SIM_INTENT_PASS;
            }
        }
        for (int k = 0; k < l->n_notes; k++)
            if (log_text(w, SIM_LOG_DROPPED, i, -1, -1, l->notes[k]) < 0)
                return -1;
        if (l->notes_lost) {
            snprintf(why, cap, "and %d more intents dropped by the strategy", l->notes_lost);
            if (log_text(w, SIM_LOG_DROPPED, i, -1, -1, why) < 0)
                return -1;
        }
        if (l->overflow) {
            snprintf(why, cap, "%d intents beyond the %d a turn allows", l->overflow,
                     SIM_MAX_INTENTS);
            if (log_text(w, SIM_LOG_DROPPED, i, -1, -1, why) < 0)
                return -1;
        }
    }
    return 0;
}

/* The number of intents this turn that move the market on the day (sales, exits, rescues). */
static int count_moves(const SimWorld *w)
{
    int moves = 0;
    for (int i = 0; i < w->n; i++)
        for (int k = 0; k < w->intents[i].n; k++)
            moves += w->intents[i].v[k].kind == SIM_INTENT_SELL ||
                     w->intents[i].v[k].kind == SIM_INTENT_EXIT ||
                     w->intents[i].v[k].kind == SIM_INTENT_RESCUE;
    return moves;
}

/* Phase 0 of resolve, in actor order: releases, exits, sales and rescues. party, deal_of and
 * weighed (n each, NULL when no intent moves the market) gather who moved for the market's
 * reaction. Returns 0, or -1 if memory runs out. */
static int resolve_moves(SimWorld *w, int *party, int *deal_of, double *weighed)
{
    for (int i = 0; i < w->n; i++) {
        SimIntentList *l = &w->intents[i];
        for (int k = 0; k < l->n; k++) {
            SimIntent *in = &l->v[k];
            int rc = 0;
            if (in->kind == SIM_INTENT_RELEASE) {
                SimDeal *d = &w->deals[in->deal];
                if (!sim_deal_is_live(d))
                    continue;
                d->status = SIM_DS_RELEASED;
                d->end_turn = w->turn;
                core_strlcpy(d->answer, in->reason, sizeof d->answer);
                rc = log_text(w, SIM_LOG_RELEASED, i, d->t.payer, in->deal, in->reason);
            } else if (in->kind == SIM_INTENT_EXIT) {
                rc = do_exit(w, i, in, party, deal_of, weighed);
            } else if (in->kind == SIM_INTENT_SELL) {
                rc = do_sell(w, i, in, party, deal_of, weighed);
            } else if (in->kind == SIM_INTENT_RESCUE) {
                rc = do_rescue(w, i, in, party, deal_of, weighed);
            }
            if (rc < 0)
                return -1;
        }
    }
    return 0;
}

/* Phase 1 of resolve: actor i's answer in to an offer (accept, reject or counter); an accepted
 * deal's id is added to accepted (*n_acc of them). why is scratch space of cap bytes. Returns 0,
 * or -1 if memory runs out. */
static int answer_offer(SimWorld *w, int i, SimIntent *in, int *accepted, int *n_acc, char *why,
                        size_t cap)
{
    SimDeal *d = &w->deals[in->deal];
    if (d->status != SIM_DS_PROPOSED) {
        SimRefusal r = {
            .code = SIM_REFUSE_NONE, .actor = i, .other = -1, .deal = in->deal, .kind = d->t.kind};
        return drop(w, i, in, &r, NULL);
    }
    if (in->kind == SIM_INTENT_ACCEPT) {
        /* Re-check: earlier acceptances this turn may have used the budget. */
        SimRefusal r;
        if (check_fit(w, &d->t, d->history_event >= 0, &r, why, cap) < 0)
            return drop(w, i, in, &r, why);
        return accept_deal(w, in->deal, in->reason, accepted, n_acc);
    }
    if (in->kind == SIM_INTENT_REJECT) {
        d->status = SIM_DS_REJECTED;
        d->decided_turn = w->turn;
        core_strlcpy(d->answer, in->reason, sizeof d->answer);
        return log_text(w, SIM_LOG_REJECTED, i, d->proposer, in->deal, in->reason);
    }
    d->status = SIM_DS_COUNTERED;
    d->decided_turn = w->turn;
    int c = new_deal(w, i, in, in->deal);
    in->made = c;
    return c < 0 ? -1 : log_text(w, SIM_LOG_COUNTERED, i, in->deal, c, in->reason);
}

/* Phase 2 of resolve: actor i's new offer in; an actor's own build (payee the world) is accepted
 * at once when it fits the budget, its id added to accepted (*n_acc of them). why is scratch
 * space of cap bytes. Returns 0, or -1 if memory runs out. */
static int make_offer(SimWorld *w, int i, SimIntent *in, int *accepted, int *n_acc, char *why,
                      size_t cap)
{
    int c = new_deal(w, i, in, -1);
    if (c < 0)
        return -1;
    in->made = c; /* a script follows its offer by it (scr_api: refs) */
    if (in->terms.payee != SIM_WORLD)
        return log_text(w, SIM_LOG_PROPOSED, i, sim_deal_counterparty(&w->deals[c], i), c,
                        in->reason);
    /* An actor's own build needs nobody's consent, only budget. */
    int rc = log_text(w, SIM_LOG_PROPOSED, i, -1, c, in->reason);
    SimRefusal r;
    if (rc == 0 && check_fit(w, &w->deals[c].t, w->deals[c].history_event >= 0, &r, why, cap) < 0) {
        w->deals[c].status = SIM_DS_REJECTED;
        w->deals[c].decided_turn = w->turn;
        rc = drop(w, i, in, &r, why);
    } else if (rc == 0) {
        rc = accept_deal(w, c, in->reason, accepted, n_acc);
    }
    return rc;
}

/* Phases 1 and 2 of resolve, in actor order: the answers to offers, then the new offers.
 * Returns 0, or -1 if memory runs out. */
static int resolve_offers(SimWorld *w, int *accepted, int *n_acc, char *why, size_t cap)
{
    for (int phase = 1; phase < 3; phase++) {
        for (int i = 0; i < w->n; i++) {
            SimIntentList *l = &w->intents[i];
            for (int k = 0; k < l->n; k++) {
                SimIntent *in = &l->v[k];
                int rc = 0;
                if (phase == 1 && (in->kind == SIM_INTENT_ACCEPT || in->kind == SIM_INTENT_REJECT ||
                                   in->kind == SIM_INTENT_COUNTER))
                    rc = answer_offer(w, i, in, accepted, n_acc, why, cap);
                else if (phase == 2 && in->kind == SIM_INTENT_PROPOSE)
                    rc = make_offer(w, i, in, accepted, n_acc, why, cap);
                if (rc < 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* Offers nobody answered in time expire. Returns 0, or -1 if memory runs out. */
static int expire_offers(SimWorld *w)
{
    for (int x = 0; x < w->n_open; x++) {
        int k = w->open[x];
        SimDeal *d = &w->deals[k];
        if (d->status == SIM_DS_PROPOSED && w->turn - d->proposed_turn >= PROPOSAL_LIFE) {
            d->status = SIM_DS_EXPIRED;
            d->decided_turn = w->turn;
            if (!sim_world_log(w, SIM_LOG_EXPIRED, d->proposer, -1, k))
                return -1;
        }
    }
    return 0;
}

/* Resolves every actor's intents together. Returns the number of deals accepted (their ids in
 * accepted), or -1 if memory runs out. */
static int resolve(SimWorld *w, int *accepted)
{
    int n_acc = 0;
    char why[SIM_REASON_LEN];
    /* Pass 1: validate against the world as it stood when everyone decided. */
    if (validate_intents(w, why, sizeof why) < 0)
        return -1;
    /* Exits and sales move the market on the day: the fundamentals before them, only when there
     * are some (a game without them values nothing more than before). */
    int moves = count_moves(w);
    double *e0 = NULL, *weighed = NULL;
    int *party = NULL, *deal_of = NULL;
    if (moves) {
        e0 = calloc((size_t)w->n * 2, sizeof *e0);
        party = calloc((size_t)w->n * 2, sizeof *party);
        if (!e0 || !party) {
            free(e0);
            free(party);
            return -1;
        }
        weighed = e0 + w->n;
        deal_of = party + w->n;
        sim_market_fundamentals(w, e0);
    }
    /* Pass 2: releases, exits and sales, then answers, then new offers; in actor order. */
    int rc = resolve_moves(w, party, deal_of, weighed);
    if (rc == 0 && moves)
        rc = sim_market_react(w, e0, party, deal_of, weighed);
    free(e0);
    free(party);
    if (rc < 0 || resolve_offers(w, accepted, &n_acc, why, sizeof why) < 0)
        return -1;
    if (expire_offers(w) < 0)
        return -1;
    return n_acc;
}

static int announce(SimWorld *w, const int *accepted, int n_acc, double *announced)
{
    *announced = 0.0;
    for (int k = 0; k < n_acc; k++) {
        SimDeal *d = &w->deals[accepted[k]];
        d->status = SIM_DS_ANNOUNCED;
        *announced += sim_market_deal_size(w, d);
        int p = d->t.payer, q = d->t.payee;
        if (p >= 0)
            w->actors[p].last_deal_turn = w->turn;
        if (q >= 0)
            w->actors[q].last_deal_turn = w->turn;
    }
    /* After the whole batch: a loan announced with the purchase it pays for makes its borrower
     * one already. */
    for (int k = 0; k < n_acc; k++)
        sim_world_bind(w, &w->deals[accepted[k]]);
    sim_world_count_rewarded(w);
    return sim_market_announce(w, accepted, n_acc);
}

static void tell_strategies(SimWorld *w, int first_event)
{
    for (int k = first_event; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        for (int i = 0; i < w->n; i++) {
            SimStrategy *s = &w->actors[i].strategy;
            /* A counter-offer's `other` is the deal it answers: tell that deal's proposer. */
            int other = e->kind == SIM_LOG_COUNTERED && e->other >= 0 && e->other < w->n_deals
                            ? w->deals[e->other].proposer
                            : e->other;
            if (s->on_event && (e->actor == i || other == i)) {
                SimView v = {w, i};
                s->on_event(s->self, &v, e);
            }
        }
    }
}

int sim_turn_step(SimWorld *w, char *err, size_t errsz)
{
    if (w->end == SIM_END_TURN_LIMIT)
        w->end = SIM_END_NONE;
    if (w->end != SIM_END_NONE || w->turn >= w->turns)
        return 1;
    int first_event = w->n_events;
    sim_ledger_begin_turn(&w->ledger);
    for (int i = 0; i < w->n; i++)
        w->actors[i].committed_now = 0.0;
    int *accepted = malloc((size_t)(w->n * SIM_MAX_INTENTS + 1) * sizeof *accepted);
    if (!accepted)
        return core_errf(err, errsz, "out of memory in turn %d", w->turn);
    int rc = fire_events(w);
    if (rc == 0)
        decide_all(w);
    w->accepted_now = accepted;
    w->n_accepted_now = 0;
    int n_acc = rc == 0 ? resolve(w, accepted) : -1;
    w->accepted_now = NULL;
    w->n_accepted_now = 0;
    double announced = 0.0;
    rc = n_acc < 0 ? -1 : announce(w, accepted, n_acc, &announced);
    free(accepted);
    if (rc == 0)
        rc = sim_world_index_deals(w);
    if (rc == 0)
        rc = sim_pay_month(w);
    if (rc == 0)
        rc = sim_world_index_deals(w);
    int hub = w->sc->hub;
    /* Defaults: the payment rule fails some; the clearing decides who fails with them and what
     * their creditors receive (sim_cascade). */
    if (rc == 0 && sim_cascade_month(w) < 0)
        rc = -1;
    if (rc < 0)
        return core_errf(err, errsz, "out of memory in turn %d", w->turn);
    sim_market_month(w, announced);
    const SimActor *h = &w->actors[hub];
    /* A default does not end the game: the calendar runs on, creditors keep what they recovered,
     * and the others go on trading and may fail in turn. */
    if (!h->defaulted && h->compute_owned + h->compute_contracted >= w->sc->target_gw) {
        w->end = SIM_END_TARGET;
        w->target_reached_turn = w->turn;
        if (!sim_world_log(w, SIM_LOG_TARGET, hub, -1, -1))
            return core_errf(err, errsz, "out of memory in turn %d", w->turn);
    }
    w->turn++;
    w->info[w->turn].announced = announced;
    /* Shares held are worth their new prices: value everyone again for the next month's lenders
     * (as a restored save does, from the same state). */
    sim_value_update(w);
    sim_world_snapshot(w, w->turn);
    if (w->end == SIM_END_NONE && w->turn >= w->turns)
        w->end = h->defaulted ? SIM_END_DEFAULT : SIM_END_HORIZON;
    if (w->end != SIM_END_NONE) {
        SimEvent *e = sim_world_log(w, SIM_LOG_END, hub, -1, -1);
        if (!e)
            return core_errf(err, errsz, "out of memory in turn %d", w->turn);
        e->turn = w->turn - 1;
        core_strlcpy(e->text, sim_end_reason_name(w->end), sizeof e->text);
    }
    if (w->check_books &&
        sim_ledger_check_turn(&w->ledger, w->books_error, sizeof w->books_error) < 0)
        return core_errf(err, errsz, "turn %d: %s", w->turn - 1, w->books_error);
    tell_strategies(w, first_event);
    return w->end != SIM_END_NONE ? 1 : 0;
}

int sim_turn_run(SimWorld *w, int max_turns, char *err, size_t errsz)
{
    for (int k = 0; max_turns < 0 || k < max_turns; k++) {
        int rc = sim_turn_step(w, err, errsz);
        if (rc != 0)
            return rc;
    }
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    return 1;
}

void sim_score_parts(const SimWorld *w, int i, double parts[SIM_SCORE_PARTS])
{
    const SimObjective *o = &w->sc->actors[i].objective;
    const SimActor *a = &w->actors[i];
    const SimSnap *s0 = sim_snap(w, 0, i);
    const SimActor *h = &w->actors[w->sc->hub];
    double mv = sim_market_value(w, i);
    /* The return to the owners at the start: the share price, so that shares sold to investors or
     * granted as warrants are not counted as the starting owners' gain. */
    double value = s0->price > 0.0 ? a->price / s0->price - 1.0 : 0.0;
    double compute = (h->compute_owned + h->compute_contracted) / w->sc->target_gw;
    /* Exposure to the whole network (in a star, to the hub). */
    double exposure = mv > 0.0 ? sim_exposure_total(w, i) / mv : 0.0;
    parts[0] = o->w_value * value;
    parts[1] = o->w_compute * compute;
    parts[2] = o->w_exposure * exposure;
    parts[3] = o->w_survival * (a->defaulted ? 0.0 : 1.0);
}

double sim_score(const SimWorld *w, int i)
{
    double p[SIM_SCORE_PARTS];
    sim_score_parts(w, i, p);
    return p[0] + p[1] + p[2] + p[3];
}
