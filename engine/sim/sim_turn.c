/* sim_turn: the order of a month, validation and resolution of intents, end conditions, scores. */
#include "sim_turn.h"

#include "core_err.h"
#include "core_text.h"
#include "sim_budget.h"
#include "sim_market.h"
#include "sim_pay.h"
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

/* Scheduled news of this month. */
static int fire_events(SimWorld *w)
{
    int month = w->sc->start + w->turn;
    for (; w->next_event < w->sc->n_events; w->next_event++) {
        const SimScenarioEvent *ev = &w->sc->events[w->next_event];
        if (ev->month > month)
            break;
        if (ev->type != SIM_SEV_NEWS)
            continue; /* deals and releases happen only if strategies make them */
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

/* Resolves every actor's intents together. Returns the number of deals accepted (their ids in
 * accepted), or -1 if memory runs out. */
static int resolve(SimWorld *w, int *accepted)
{
    int n_acc = 0;
    char why[SIM_REASON_LEN];
    /* Pass 1: validate against the world as it stood when everyone decided. */
    for (int i = 0; i < w->n; i++) {
        SimIntentList *l = &w->intents[i];
        for (int k = 0; k < l->n; k++) {
            SimIntent *in = &l->v[k];
            in->reason[SIM_REASON_LEN - 1] = '\0';
            SimRefusal r;
            if (sim_turn_validate_why(w, i, in, &r, why, sizeof why) < 0) {
                if (drop(w, i, in, &r, why) < 0)
                    return -1;
                in->kind = SIM_INTENT_PASS;
            }
        }
        for (int k = 0; k < l->n_notes; k++)
            if (log_text(w, SIM_LOG_DROPPED, i, -1, -1, l->notes[k]) < 0)
                return -1;
        if (l->notes_lost) {
            snprintf(why, sizeof why, "and %d more intents dropped by the strategy", l->notes_lost);
            if (log_text(w, SIM_LOG_DROPPED, i, -1, -1, why) < 0)
                return -1;
        }
        if (l->overflow) {
            snprintf(why, sizeof why, "%d intents beyond the %d a turn allows", l->overflow,
                     SIM_MAX_INTENTS);
            if (log_text(w, SIM_LOG_DROPPED, i, -1, -1, why) < 0)
                return -1;
        }
    }
    /* Pass 2: releases, then answers, then new offers; in actor order. */
    for (int phase = 0; phase < 3; phase++) {
        for (int i = 0; i < w->n; i++) {
            SimIntentList *l = &w->intents[i];
            for (int k = 0; k < l->n; k++) {
                SimIntent *in = &l->v[k];
                int rc = 0;
                if (phase == 0 && in->kind == SIM_INTENT_RELEASE) {
                    SimDeal *d = &w->deals[in->deal];
                    if (!sim_deal_is_live(d))
                        continue;
                    d->status = SIM_DS_RELEASED;
                    d->end_turn = w->turn;
                    core_strlcpy(d->answer, in->reason, sizeof d->answer);
                    rc = log_text(w, SIM_LOG_RELEASED, i, d->t.payer, in->deal, in->reason);
                } else if (phase == 1 &&
                           (in->kind == SIM_INTENT_ACCEPT || in->kind == SIM_INTENT_REJECT ||
                            in->kind == SIM_INTENT_COUNTER)) {
                    SimDeal *d = &w->deals[in->deal];
                    if (d->status != SIM_DS_PROPOSED) {
                        SimRefusal r = {.code = SIM_REFUSE_NONE,
                                        .actor = i,
                                        .other = -1,
                                        .deal = in->deal,
                                        .kind = d->t.kind};
                        rc = drop(w, i, in, &r, NULL);
                    } else if (in->kind == SIM_INTENT_ACCEPT) {
                        /* Re-check: earlier acceptances this turn may have used the budget. */
                        SimRefusal r;
                        if (check_fit(w, &d->t, d->history_event >= 0, &r, why, sizeof why) < 0)
                            rc = drop(w, i, in, &r, why);
                        else
                            rc = accept_deal(w, in->deal, in->reason, accepted, &n_acc);
                    } else if (in->kind == SIM_INTENT_REJECT) {
                        d->status = SIM_DS_REJECTED;
                        d->decided_turn = w->turn;
                        core_strlcpy(d->answer, in->reason, sizeof d->answer);
                        rc = log_text(w, SIM_LOG_REJECTED, i, d->proposer, in->deal, in->reason);
                    } else {
                        d->status = SIM_DS_COUNTERED;
                        d->decided_turn = w->turn;
                        int c = new_deal(w, i, in, in->deal);
                        rc =
                            c < 0 ? -1 : log_text(w, SIM_LOG_COUNTERED, i, in->deal, c, in->reason);
                    }
                } else if (phase == 2 && in->kind == SIM_INTENT_PROPOSE) {
                    int c = new_deal(w, i, in, -1);
                    if (c < 0)
                        return -1;
                    if (in->terms.payee == SIM_WORLD) {
                        /* An actor's own build needs nobody's consent, only budget. */
                        rc = log_text(w, SIM_LOG_PROPOSED, i, -1, c, in->reason);
                        SimRefusal r;
                        if (rc == 0 && check_fit(w, &w->deals[c].t, w->deals[c].history_event >= 0,
                                                 &r, why, sizeof why) < 0) {
                            w->deals[c].status = SIM_DS_REJECTED;
                            w->deals[c].decided_turn = w->turn;
                            rc = drop(w, i, in, &r, why);
                        } else if (rc == 0) {
                            rc = accept_deal(w, c, in->reason, accepted, &n_acc);
                        }
                    } else {
                        rc = log_text(w, SIM_LOG_PROPOSED, i,
                                      sim_deal_counterparty(&w->deals[c], i), c, in->reason);
                    }
                }
                if (rc < 0)
                    return -1;
            }
        }
    }
    /* Offers nobody answered in time. */
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
    return n_acc;
}

static int announce(SimWorld *w, const int *accepted, int n_acc, double *announced)
{
    int hub = w->sc->hub;
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
        if (p == hub && q >= 0)
            w->actors[q].joined = 1;
        if (q == hub)
            w->actors[p].joined = 1;
    }
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
    for (int i = 0; i < w->n && rc == 0; i++)
        if (!w->actors[i].defaulted && w->actors[i].missed >= w->sc->market.missed_to_default)
            rc = sim_market_default(w, i);
    if (rc == 0)
        rc = sim_world_index_deals(w);
    if (rc < 0)
        return core_errf(err, errsz, "out of memory in turn %d", w->turn);
    sim_market_month(w, announced);
    const SimActor *h = &w->actors[hub];
    if (h->defaulted) {
        w->end = SIM_END_DEFAULT;
    } else if (h->compute_owned + h->compute_contracted >= w->sc->target_gw) {
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
        w->end = SIM_END_HORIZON;
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

double sim_score(const SimWorld *w, int i)
{
    const SimObjective *o = &w->sc->actors[i].objective;
    const SimActor *a = &w->actors[i];
    const SimSnap *s0 = sim_snap(w, 0, i);
    const SimActor *h = &w->actors[w->sc->hub];
    double mv = sim_market_value(w, i);
    double value = s0->market_value > 0.0 ? mv / s0->market_value - 1.0 : 0.0;
    double compute = (h->compute_owned + h->compute_contracted) / w->sc->target_gw;
    double exposure = mv > 0.0 ? sim_exposure(w, i, w->sc->hub) / mv : 0.0;
    return o->w_value * value + o->w_compute * compute + o->w_exposure * exposure +
           o->w_survival * (a->defaulted ? 0.0 : 1.0);
}
