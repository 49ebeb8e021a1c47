/* ui_desk: a person's month at the table (see ui_desk.h). */
#include "ui_desk.h"

#include "core_text.h"
#include "sim_after.h"
#include "sim_market.h"
#include "sim_rescue.h"
#include "sim_turn.h"
#include "ui_fmt.h"
#include "ui_news.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const field_keys[UI_F_COUNT] = {
    "desk.field.other",  "desk.field.kind",   "desk.field.side",   "desk.field.amount",
    "desk.field.months", "desk.field.delay",  "desk.field.gw",     "desk.field.rate",
    "desk.field.rate2",  "desk.field.shares", "desk.field.reason",
};

const char *ui_desk_field_name(UiField f)
{
    return (unsigned)f < UI_F_COUNT ? core_tr(field_keys[f]) : "?";
}

/* The vendor side gets paid: the hub (or any buyer) pays for compute and chips. */
static int is_supply(SimDealKind k)
{
    return sim_kind_is_supply(k);
}

static int carries_gw(SimDealKind k)
{
    return sim_kind_uses(k, SIM_FIELD_GW);
}

/* The term each row of the dialog edits (0: a row every kind shows). */
static const unsigned field_terms[UI_F_COUNT] = {
    [UI_F_AMOUNT] = SIM_FIELD_AMOUNT, [UI_F_MONTHS] = SIM_FIELD_MONTHS,
    [UI_F_DELAY] = SIM_FIELD_DELAY,   [UI_F_GW] = SIM_FIELD_GW,
    [UI_F_RATE] = SIM_FIELD_RATE,     [UI_F_RATE2] = SIM_FIELD_RATE2,
    [UI_F_SHARES] = SIM_FIELD_SHARES,
};

unsigned ui_desk_field_term(UiField f)
{
    return (unsigned)f < UI_F_COUNT ? field_terms[f] : 0;
}

int ui_desk_field_shown(SimDealKind kind, UiField f)
{
    if ((unsigned)f >= UI_F_COUNT || !sim_kind_valid((int)kind))
        return 0;
    /* A deal with the world (an actor's own build) has no counterparty and no side. */
    if (f == UI_F_OTHER || f == UI_F_SIDE)
        return sim_kind(kind)->payee == SIM_PAYEE_ACTOR;
    return sim_kind_uses(kind, field_terms[f]);
}

/* ---------------------------------------------------------------- opening */

void ui_desk_open(UiDesk *k, const SimWorld *w, int me)
{
    memset(k, 0, sizeof *k);
    k->me = me;
    k->turn = w->turn;
    k->sel = -1;
    k->draft.counter_of = -1;
    k->n_last = ui_news_yours(w, me, w->turn - 1, k->last, UI_DESK_LAST);
    for (int o = 0; o < w->n_open; o++) {
        const SimDeal *d = &w->deals[w->open[o]];
        if (d->status != SIM_DS_PROPOSED || d->proposer == me ||
            (d->t.payer != me && d->t.payee != me))
            continue;
        if (k->n_offers == UI_DESK_OFFERS) {
            k->more_offers++;
            continue;
        }
        UiDeskOffer *of = &k->offers[k->n_offers++];
        of->deal = d->id;
        of->answer = UI_ANS_WAIT;
        of->counter = d->t;
    }
    if (k->n_offers > 0)
        k->sel = 0;
    /* The first draft: the actor's usual deal with the hub (the hub: a compute contract). */
    const SimActorSpec *sp = &w->sc->actors[me];
    int hub = w->sc->hub;
    SimTerms *t = &k->draft.t;
    memset(t, 0, sizeof *t);
    if (me == hub) {
        int other = me == 0 ? 1 : 0;
        for (int i = 0; i < w->n; i++)
            if (i != me && w->sc->actors[i].role == SIM_ROLE_GIANT) {
                other = i;
                break;
            }
        t->kind = SIM_DEAL_COMPUTE;
        t->payer = me;
        t->payee = other;
        t->months = 60;
        t->amount = 100.0;
        /* A smaller hub (another loop, another decade) starts from a deal its size allows: at
         * most a quarter of what the engine accepts (SIM_ABSURD_MULTIPLE times its value),
         * two significant digits. */
        double most = 0.25 * SIM_ABSURD_MULTIPLE * sim_market_value(w, me);
        if (most > 0 && t->amount > most) {
            double p10 = pow(10.0, floor(log10(most)) - 1.0);
            t->amount = fmax(1.0, floor(most / p10) * p10);
        }
    } else {
        /* A deal with the hub that an amount sizes; an equity stake otherwise. */
        int kind = sp->baseline.kind;
        if (!sim_kind_valid(kind) || !sim_kind_uses((SimDealKind)kind, SIM_FIELD_AMOUNT) ||
            sim_kind((SimDealKind)kind)->payee != SIM_PAYEE_ACTOR)
            kind = SIM_DEAL_EQUITY;
        t->kind = (SimDealKind)kind;
        t->months = sp->baseline.months > 0 ? sp->baseline.months : 48;
        double share = sp->baseline.budget_share > 0 ? sp->baseline.budget_share : 0.2;
        t->amount = round(share * sp->capex_budget * t->months / 12.0);
        if (t->amount < 1.0)
            t->amount = 1.0;
        t->payer = is_supply(t->kind) ? hub : me;
        t->payee = is_supply(t->kind) ? me : hub;
    }
    if (sim_kind(t->kind)->typical.months == 1)
        t->months = 1; /* a single tranche */
    t->gw = carries_gw(t->kind) ? round(t->amount * 0.0286 * 10.0) / 10.0 : 0.0;
}

/* ---------------------------------------------------------------- the draft */

static int draft_me_pays(const UiDesk *k)
{
    return k->draft.t.payer == k->me;
}

static int draft_other(const UiDesk *k)
{
    const SimTerms *t = &k->draft.t;
    return t->payer == k->me ? t->payee : t->payer;
}

static void set_parties(UiDesk *k, int other, int me_pays)
{
    SimTerms *t = &k->draft.t;
    if (sim_kind(t->kind)->payee == SIM_PAYEE_WORLD) {
        t->payer = k->me;
        t->payee = SIM_WORLD;
        return;
    }
    t->payer = me_pays ? k->me : other;
    t->payee = me_pays ? other : k->me;
}

/* Sensible terms for a kind just chosen, keeping the amount and the parties. */
static void kind_defaults(UiDesk *k, const SimWorld *w)
{
    SimTerms *t = &k->draft.t;
    int other = draft_other(k);
    if (other == SIM_WORLD || other == k->me)
        other = k->me == w->sc->hub ? (k->me == 0 ? 1 : 0) : w->sc->hub;
    /* Who pays, as the story's deals go: the hub pays for supply, hands over a revenue share
     * and grants exclusivity; the others invest, lend, guarantee and grant warrants. */
    const SimKindInfo *ki = sim_kind(t->kind);
    int hub_pays = (ki->flags & SIM_KF_HUB_PAYS) != 0;
    int me_pays = draft_me_pays(k);
    if (k->me == w->sc->hub)
        me_pays = hub_pays;
    else if (other == w->sc->hub)
        me_pays = !hub_pays;
    set_parties(k, other, me_pays);
    ui_desk_fit_kind(k);
    t->gw = carries_gw(t->kind) ? round(t->amount * 0.0286 * 10.0) / 10.0 : 0.0;
    const SimKindTypical *ty = &ki->typical;
    if (t->months < ty->below)
        t->months = ty->months;
    t->rate = ty->rate == SIM_RATE_MARKET ? w->sc->market.interest_rate : ty->rate;
    t->rate2 = ty->rate2;
    t->shares = ty->shares;
}

void ui_desk_draft_new(UiDesk *k, const SimWorld *w)
{
    k->draft.open = 1;
    k->draft.rescue = 0;
    k->draft.counter_of = -1;
    k->draft.focus = UI_F_OTHER;
    k->draft.typed[0] = '\0';
    k->draft.reason[0] = '\0';
    ui_desk_check(k, w);
}

void ui_desk_draft_counter(UiDesk *k, const SimWorld *w, int offer)
{
    if (offer < 0 || offer >= k->n_offers)
        return;
    UiDeskOffer *of = &k->offers[offer];
    k->sel = offer;
    k->draft.open = 1;
    k->draft.counter_of = offer;
    k->draft.rescue = 0;
    k->draft.t = of->answer == UI_ANS_COUNTER ? of->counter : w->deals[of->deal].t;
    k->draft.focus = UI_F_AMOUNT;
    k->draft.typed[0] = '\0';
    snprintf(k->draft.reason, sizeof k->draft.reason, "%s",
             of->answer == UI_ANS_COUNTER ? of->reason : "");
    ui_desk_check(k, w);
}

void ui_desk_draft_rescue(UiDesk *k, const SimWorld *w, int target)
{
    if (target < 0 || target >= w->n || target == k->me) {
        target = -1;
        for (int i = 0; i < w->n && target < 0; i++)
            if (i != k->me && sim_rescue_open(w, i))
                target = i;
        if (target < 0) /* nobody to rescue: the engine's refusal will say why */
            target = k->me == w->sc->hub ? (k->me == 0 ? 1 : 0) : w->sc->hub;
    }
    k->draft.open = 1;
    k->draft.rescue = 1;
    k->draft.counter_of = -1;
    memset(&k->draft.t, 0, sizeof k->draft.t);
    k->draft.t.kind = SIM_DEAL_EQUITY;
    k->draft.t.payer = k->me;
    k->draft.t.payee = target;
    /* A failed firm: its estate, rounded up to $0.1B; a firm in distress: $1B. */
    k->draft.t.amount = w->actors[target].defaulted
                            ? fmax(0.1, ceil(sim_rescue_estate(w, target) * 10.0) / 10.0)
                            : 1.0;
    k->draft.focus = UI_F_AMOUNT;
    k->draft.typed[0] = '\0';
    k->draft.reason[0] = '\0';
    ui_desk_check(k, w);
}

int ui_desk_draft_shows(const UiDesk *k, UiField f)
{
    if (k->draft.rescue)
        return f == UI_F_OTHER || f == UI_F_AMOUNT || f == UI_F_REASON;
    return ui_desk_field_shown(k->draft.t.kind, f);
}

const char *ui_desk_own_text(const UiDesk *k, const SimWorld *w, int i, char *buf, size_t bufsz)
{
    const SimIntent *in = &k->own[i];
    if (in->kind != SIM_INTENT_RESCUE)
        return ui_desk_terms_text(w, k->me, &in->terms, buf, bufsz);
    char a[48];
    ui_fmt_money(in->amount, a, sizeof a);
    int failed = in->actor >= 0 && in->actor < w->n && w->actors[in->actor].defaulted;
    core_trf(buf, bufsz, failed ? "desk.rescue.own_failed" : "desk.rescue.own",
             in->actor >= 0 && in->actor < w->n ? w->sc->actors[in->actor].name : "?", a, NULL);
    return buf;
}

void ui_desk_draft_cancel(UiDesk *k)
{
    k->draft.open = 0;
    k->draft.typed[0] = '\0';
}

static int field_ok(const UiDesk *k, UiField f)
{
    if (!ui_desk_draft_shows(k, f))
        return 0;
    /* A counter keeps its two parties. */
    if (k->draft.counter_of >= 0 && f == UI_F_OTHER)
        return 0;
    return 1;
}

void ui_desk_focus(UiDesk *k, int dir)
{
    int f = (int)k->draft.focus;
    for (int tries = 0; tries < UI_F_COUNT; tries++) {
        f = (f + (dir > 0 ? 1 : UI_F_COUNT - 1)) % UI_F_COUNT;
        if (field_ok(k, (UiField)f))
            break;
    }
    k->draft.focus = (UiField)f;
    k->draft.typed[0] = '\0';
}

/* A step that suits the size of the number: about 5% of it, on a round value. */
static double money_step(double v)
{
    double a = fabs(v);
    return a < 10 ? 1 : a < 50 ? 2 : a < 200 ? 5 : a < 1000 ? 25 : a < 5000 ? 100 : 500;
}

/* v within the range the engine takes for term `field` (sim_terms_range): a step lands inside,
 * also from a value typed outside it. */
static double clamp_term(unsigned field, double v)
{
    double lo = 0.0, hi = 0.0;
    sim_terms_range(field, &lo, &hi);
    return v < lo ? lo : v > hi ? hi : v;
}

void ui_desk_step(UiDesk *k, const SimWorld *w, UiField f, int dir, int big)
{
    SimTerms *t = &k->draft.t;
    double s = dir > 0 ? 1.0 : -1.0;
    int n = big ? 10 : 1;
    k->draft.typed[0] = '\0';
    if (!field_ok(k, f))
        return;
    switch (f) {
    case UI_F_OTHER: {
        int other = draft_other(k);
        for (int tries = 0; tries < w->n; tries++) {
            other = (other + (dir > 0 ? 1 : w->n - 1)) % w->n;
            if (other != k->me &&
                (k->draft.rescue ? sim_rescue_open(w, other) : !w->actors[other].defaulted))
                break;
        }
        if (other != k->me)
            set_parties(k, other, draft_me_pays(k));
        break;
    }
    case UI_F_KIND: {
        int kind = (int)t->kind;
        kind = (kind + (dir > 0 ? 1 : SIM_DEAL_KIND_COUNT - 1)) % SIM_DEAL_KIND_COUNT;
        t->kind = (SimDealKind)kind;
        /* A counter stays between the two parties: no deal with the world. */
        if (k->draft.counter_of >= 0 && sim_kind(t->kind)->payee == SIM_PAYEE_WORLD)
            t->kind = (SimDealKind)((kind + (dir > 0 ? 1 : SIM_DEAL_KIND_COUNT - 1)) %
                                    SIM_DEAL_KIND_COUNT);
        kind_defaults(k, w);
        break;
    }
    case UI_F_SIDE:
        set_parties(k, draft_other(k), !draft_me_pays(k));
        break;
    case UI_F_AMOUNT:
        for (int i = 0; i < n; i++)
            t->amount = clamp_term(SIM_FIELD_AMOUNT,
                                   t->amount + s * money_step(t->amount + (s < 0 ? -1e-9 : 0)));
        if (carries_gw(t->kind))
            t->gw = round(t->amount * 0.0286 * 10.0) / 10.0;
        break;
    case UI_F_MONTHS:
        t->months = (int)clamp_term(SIM_FIELD_MONTHS, t->months + s * (big ? 12 : 1));
        break;
    case UI_F_DELAY:
        t->delay = (int)clamp_term(SIM_FIELD_DELAY, t->delay + s * (big ? 12 : 1));
        break;
    case UI_F_GW:
        t->gw = clamp_term(SIM_FIELD_GW, round((t->gw + s * 0.5 * n) * 10.0) / 10.0);
        break;
    case UI_F_RATE:
        t->rate = clamp_term(SIM_FIELD_RATE, round((t->rate + s * 0.01 * n) * 100.0) / 100.0);
        break;
    case UI_F_RATE2:
        t->rate2 = clamp_term(SIM_FIELD_RATE2, round((t->rate2 + s * 0.01 * n) * 100.0) / 100.0);
        break;
    case UI_F_SHARES:
        t->shares = clamp_term(SIM_FIELD_SHARES, round((t->shares + s * 0.01 * n) * 100.0) / 100.0);
        break;
    default:
        break;
    }
    ui_desk_check(k, w);
}

/* Applies what is typed to the focused number (percent fields take percent), as typed: a value
 * outside the range the engine takes is kept, and the dialog flags it (ui_desk_field_state). */
static void apply_typed(UiDesk *k)
{
    SimTerms *t = &k->draft.t;
    if (!k->draft.typed[0])
        return;
    double v = strtod(k->draft.typed, NULL);
    if (!isfinite(v))
        return;
    switch (k->draft.focus) {
    case UI_F_AMOUNT:
        t->amount = v;
        if (carries_gw(t->kind))
            t->gw = round(t->amount * 0.0286 * 10.0) / 10.0;
        break;
    case UI_F_MONTHS:
        t->months = (int)v; /* UI_DESK_TYPED_MAX digits: no overflow */
        break;
    case UI_F_DELAY:
        t->delay = (int)v;
        break;
    case UI_F_GW:
        t->gw = v;
        break;
    case UI_F_RATE:
        t->rate = v / 100.0;
        break;
    case UI_F_RATE2:
        t->rate2 = v / 100.0;
        break;
    case UI_F_SHARES:
        t->shares = v;
        break;
    default:
        break;
    }
}

/* The most characters a number typed into the dialog takes: a whole number of months stays an
 * int, and anything longer is absurd for every term. */
#define UI_DESK_TYPED_MAX 9

static int numeric(UiField f)
{
    return f == UI_F_AMOUNT || f == UI_F_MONTHS || f == UI_F_DELAY || f == UI_F_GW ||
           f == UI_F_RATE || f == UI_F_RATE2 || f == UI_F_SHARES;
}

void ui_desk_type(UiDesk *k, const SimWorld *w, const char *utf8)
{
    UiDeskDraft *d = &k->draft;
    if (d->focus == UI_F_REASON) {
        size_t have = strlen(d->reason), add = strlen(utf8);
        if (have + add < sizeof d->reason) {
            memcpy(d->reason + have, utf8, add + 1);
        }
        return;
    }
    if (!numeric(d->focus))
        return;
    for (const char *c = utf8; *c; c++) {
        size_t n = strlen(d->typed);
        if (((*c >= '0' && *c <= '9') || (*c == '.' && !strchr(d->typed, '.'))) &&
            n < UI_DESK_TYPED_MAX) {
            d->typed[n] = *c;
            d->typed[n + 1] = '\0';
        }
    }
    apply_typed(k);
    ui_desk_check(k, w);
}

void ui_desk_backspace(UiDesk *k, const SimWorld *w)
{
    UiDeskDraft *d = &k->draft;
    char *s = d->focus == UI_F_REASON ? d->reason : d->typed;
    size_t n = strlen(s);
    if (n == 0)
        return;
    /* Back over one whole UTF-8 character. */
    do
        n--;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80);
    s[n] = '\0';
    if (d->focus != UI_F_REASON) {
        apply_typed(k);
        ui_desk_check(k, w);
    }
}

static void draft_intent(const UiDesk *k, SimIntent *in)
{
    memset(in, 0, sizeof *in);
    in->history_event = -1;
    in->actor = -1;
    if (k->draft.rescue) {
        in->kind = SIM_INTENT_RESCUE;
        in->deal = -1;
        in->actor = draft_other(k);
        in->amount = k->draft.t.amount;
        snprintf(in->reason, sizeof in->reason, "%s", k->draft.reason);
        return;
    }
    if (k->draft.counter_of >= 0) {
        in->kind = SIM_INTENT_COUNTER;
        in->deal = k->offers[k->draft.counter_of].deal;
    } else {
        in->kind = SIM_INTENT_PROPOSE;
        in->deal = -1;
    }
    in->terms = k->draft.t;
    snprintf(in->reason, sizeof in->reason, "%s", k->draft.reason);
}

void ui_desk_check(UiDesk *k, const SimWorld *w)
{
    SimIntent in;
    draft_intent(k, &in);
    char why[256], a[48];
    if (sim_turn_validate_why(w, k->me, &in, &k->draft.refusal, NULL, 0) < 0) {
        k->draft.valid = 0;
        ui_desk_refusal_text(w, &k->draft.refusal, why, sizeof why);
        core_trf(k->draft.verdict, sizeof k->draft.verdict, "desk.verdict.refused", why, NULL);
        return;
    }
    k->draft.valid = 1;
    if (k->draft.rescue) {
        int j = in.actor;
        char b[48];
        ui_fmt_money(in.amount, a, sizeof a);
        if (w->actors[j].defaulted) {
            ui_fmt_money(sim_rescue_estate(w, j), b, sizeof b);
            core_trf(k->draft.verdict, sizeof k->draft.verdict, "desk.rescue.ok_failed",
                     w->sc->actors[j].name, a, b, NULL);
        } else {
            core_trf(k->draft.verdict, sizeof k->draft.verdict, "desk.rescue.ok",
                     w->sc->actors[j].name, a, NULL);
        }
        return;
    }
    double fy = sim_terms_first_year(&k->draft.t);
    /* Both partners of a joint build pay (to the builders): the player's part, either side. */
    int split = sim_kind(k->draft.t.kind)->pay == SIM_PAY_SPLIT;
    if (split && k->draft.t.payee == k->me) {
        SimTerms mine = k->draft.t;
        mine.rate = mine.rate2;
        fy = sim_terms_first_year(&mine);
    }
    ui_fmt_money(fy, a, sizeof a);
    if ((k->draft.t.payer == k->me || split) && fy > 0)
        core_trf(k->draft.verdict, sizeof k->draft.verdict, "desk.verdict.pay", a, NULL);
    else if (fy > 0)
        core_trf(k->draft.verdict, sizeof k->draft.verdict, "desk.verdict.receive", a, NULL);
    else
        core_trf(k->draft.verdict, sizeof k->draft.verdict, "desk.verdict.ok", NULL);
}

static int answered(const UiDesk *k)
{
    int n = 0;
    for (int i = 0; i < k->n_offers; i++)
        n += k->offers[i].answer != UI_ANS_WAIT;
    return n;
}

int ui_desk_draft_commit(UiDesk *k, const SimWorld *w)
{
    UiDeskDraft *d = &k->draft;
    apply_typed(k);
    ui_desk_check(k, w);
    if (!d->valid)
        return -1;
    if (d->counter_of >= 0) {
        UiDeskOffer *of = &k->offers[d->counter_of];
        if (of->answer == UI_ANS_WAIT && answered(k) + k->n_own >= SIM_MAX_INTENTS) {
            core_trf(d->verdict, sizeof d->verdict, "desk.verdict.full", NULL);
            d->valid = 0;
            return -1;
        }
        of->answer = UI_ANS_COUNTER;
        of->counter = d->t;
        snprintf(of->reason, sizeof of->reason, "%s", d->reason);
    } else {
        if (k->n_own >= UI_DESK_OWN || answered(k) + k->n_own >= SIM_MAX_INTENTS) {
            char n[16];
            snprintf(n, sizeof n, "%d", k->n_own);
            core_trf(d->verdict, sizeof d->verdict, "desk.verdict.too_many", n, NULL);
            d->valid = 0;
            return -1;
        }
        draft_intent(k, &k->own[k->n_own++]);
    }
    d->open = 0;
    d->typed[0] = '\0';
    return 0;
}

void ui_desk_answer(UiDesk *k, int offer, UiAnswer a)
{
    if (offer < 0 || offer >= k->n_offers)
        return;
    UiDeskOffer *of = &k->offers[offer];
    k->sel = offer;
    if (of->answer == UI_ANS_WAIT && a != UI_ANS_WAIT && answered(k) + k->n_own >= SIM_MAX_INTENTS)
        return;
    /* Pressing the answer already given takes it back. */
    of->answer = of->answer == a ? UI_ANS_WAIT : a;
}

void ui_desk_remove_own(UiDesk *k, int i)
{
    if (i < 0 || i >= k->n_own)
        return;
    memmove(k->own + i, k->own + i + 1, (size_t)(k->n_own - i - 1) * sizeof k->own[0]);
    k->n_own--;
}

void ui_desk_intents(const UiDesk *k, SimIntentList *out)
{
    for (int i = 0; i < k->n_offers; i++) {
        const UiDeskOffer *of = &k->offers[i];
        SimIntentKind kind = of->answer == UI_ANS_ACCEPT    ? SIM_INTENT_ACCEPT
                             : of->answer == UI_ANS_REJECT  ? SIM_INTENT_REJECT
                             : of->answer == UI_ANS_COUNTER ? SIM_INTENT_COUNTER
                                                            : SIM_INTENT_PASS;
        if (kind == SIM_INTENT_PASS)
            continue;
        SimIntent *in = sim_intents_push(out, kind);
        if (!in)
            return;
        in->deal = of->deal;
        if (kind == SIM_INTENT_COUNTER) {
            in->terms = of->counter;
            snprintf(in->reason, sizeof in->reason, "%s", of->reason);
        }
    }
    for (int i = 0; i < k->n_own; i++) {
        SimIntent *in = sim_intents_push(out, SIM_INTENT_PROPOSE);
        if (!in)
            return;
        *in = k->own[i];
    }
}

/* ---------------------------------------------------------------- words and numbers */

/* What the rate of a kind is: a share of revenue, the payer's share of a build, or a yearly
 * interest rate. */
static const char *rate_key(SimDealKind k)
{
    switch (sim_kind_valid((int)k) ? sim_kind(k)->pay : SIM_PAY_LOAN) {
    case SIM_PAY_REVENUE:
        return "desk.rate.revenue";
    case SIM_PAY_SPLIT:
        return "desk.rate.build";
    case SIM_PAY_PLAIN:
    case SIM_PAY_LOAN:
    case SIM_PAY_NONE:
    case SIM_PAY_MODE_COUNT:
        break;
    }
    return "desk.rate.year";
}

/* The kind as the dialog names it ("chip lease"). */
static const char *kind_label(SimDealKind k)
{
    char key[48];
    if (!sim_kind_valid((int)k))
        return core_tr("desk.kind.other");
    snprintf(key, sizeof key, "desk.kind.%s", sim_deal_kind_name(k));
    return core_tr(key);
}

static const char *actor_name(const SimWorld *w, int i)
{
    return i == SIM_WORLD       ? core_tr("desk.builders")
           : i >= 0 && i < w->n ? core_tr_content(w->sc->actors[i].name)
                                : "?";
}

/* "48 months", "1 month" in the language's words. */
static const char *months_text(int m, char *buf, size_t bufsz)
{
    char n[16];
    snprintf(n, sizeof n, "%d", m);
    return core_trf(buf, bufsz, m == 1 ? "desk.months.one" : "desk.months.many", n, NULL);
}

/* Billions of shares as the language counts: "0.16" (billions) or "1.6" (亿, in a language that
 * counts in ten thousands, as its money does). */
static const char *shares_number(double bn, char *buf, size_t bufsz)
{
    if (strcmp(core_tr("money.system"), "myriad") == 0)
        snprintf(buf, bufsz, "%.1f", bn * 10.0);
    else
        snprintf(buf, bufsz, "%.2f", bn);
    return buf;
}

static const char *pct_number(double fraction, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%.0f", fraction * 100.0);
    return buf;
}

const char *ui_desk_refusal_text(const SimWorld *w, const SimRefusal *r, char *buf, size_t bufsz)
{
    char key[48], deal[16], a[48], b[48];
    snprintf(key, sizeof key, "refuse.%s", sim_refuse_code_name(r->code));
    snprintf(deal, sizeof deal, "%d", r->deal);
    core_tr_money(r->a, CORE_MONEY_FULL, a, sizeof a);
    core_tr_money(r->b, CORE_MONEY_FULL, b, sizeof b);
    const char *args[6] = {kind_label(r->kind),
                           r->actor >= 0 ? actor_name(w, r->actor) : "?",
                           r->other >= 0 ? actor_name(w, r->other) : "?",
                           deal,
                           a,
                           b};
    return core_text_subst(buf, bufsz, core_tr(key), args, 6);
}

const char *ui_desk_value_text(SimDealKind kind, UiField f, double v, char *buf, size_t bufsz)
{
    char a[48];
    switch (f) {
    case UI_F_AMOUNT:
        snprintf(buf, bufsz, "%s", ui_fmt_money(v, a, sizeof a));
        break;
    case UI_F_MONTHS:
        months_text((int)v, buf, bufsz);
        break;
    case UI_F_DELAY:
        if (v == 0)
            core_trf(buf, bufsz, "desk.delay.none", NULL);
        else
            core_trf(buf, bufsz, "desk.delay.later", months_text((int)v, a, sizeof a), NULL);
        break;
    case UI_F_GW:
        /* In the scenario's unit ("{1} GW", "{1} Tbps"; the engine's own: "{1} units"). */
        snprintf(a, sizeof a, "%.1f", v);
        core_trf(buf, bufsz, "desk.unit.gw", a, NULL);
        break;
    case UI_F_RATE:
    case UI_F_RATE2:
        core_trf(buf, bufsz, f == UI_F_RATE ? rate_key(kind) : "desk.rate.build",
                 pct_number(v, a, sizeof a), NULL);
        break;
    case UI_F_SHARES:
        core_trf(buf, bufsz, "desk.shares", shares_number(v, a, sizeof a), NULL);
        break;
    default:
        snprintf(buf, bufsz, "?");
        break;
    }
    return buf;
}

const char *ui_desk_field_text(const UiDesk *k, const SimWorld *w, UiField f, char *buf,
                               size_t bufsz)
{
    const SimTerms *t = &k->draft.t;
    if (k->draft.typed[0] && f == k->draft.focus) {
        const char *unit = f == UI_F_AMOUNT                    ? "desk.unit.amount"
                           : f == UI_F_RATE || f == UI_F_RATE2 ? "desk.unit.percent"
                           : f == UI_F_GW                      ? "desk.unit.gw"
                           : f == UI_F_SHARES                  ? "desk.unit.shares"
                                                               : "desk.unit.months";
        core_trf(buf, bufsz, unit, k->draft.typed, NULL);
        size_t n = strlen(buf);
        if (n + 1 < bufsz) {
            buf[n] = '_';
            buf[n + 1] = '\0';
        }
        return buf;
    }
    switch (f) {
    case UI_F_OTHER:
        snprintf(buf, bufsz, "%s", actor_name(w, draft_other(k)));
        break;
    case UI_F_KIND:
        snprintf(buf, bufsz, "%s", kind_label(t->kind));
        break;
    case UI_F_SIDE:
        if (sim_kind(t->kind)->payee == SIM_PAYEE_WORLD)
            core_trf(buf, bufsz, "desk.side.build", NULL);
        else if (sim_kind(t->kind)->pay == SIM_PAY_SPLIT) /* both fund it: whose it is */
            core_trf(buf, bufsz, "desk.side.venture",
                     t->payee == k->me ? core_tr("desk.you") : actor_name(w, t->payee), NULL);
        else if (t->payer == k->me)
            core_trf(buf, bufsz, "desk.side.you_pay", actor_name(w, t->payee), NULL);
        else if (t->payee == k->me)
            core_trf(buf, bufsz, "desk.side.pays_you", actor_name(w, t->payer), NULL);
        else
            core_trf(buf, bufsz, "desk.side.other", actor_name(w, t->payer),
                     actor_name(w, t->payee), NULL);
        break;
    case UI_F_AMOUNT:
    case UI_F_MONTHS:
    case UI_F_DELAY:
    case UI_F_GW:
    case UI_F_RATE:
    case UI_F_RATE2:
    case UI_F_SHARES:
        ui_desk_value_text(t->kind, f, ui_desk_term_value(t, f), buf, bufsz);
        break;
    case UI_F_REASON:
        snprintf(buf, bufsz, "%s%s", k->draft.reason, f == k->draft.focus ? "_" : "");
        break;
    default:
        snprintf(buf, bufsz, "?");
        break;
    }
    return buf;
}

/* "you" for the player, the actor's name otherwise. */
static const char *who_name(const SimWorld *w, int me, int i)
{
    return i == me ? core_tr("desk.you") : actor_name(w, i);
}

const char *ui_desk_terms_text(const SimWorld *w, int me, const SimTerms *t, char *buf,
                               size_t bufsz)
{
    /* Whole sentences per kind, and per person where English verbs agree with "you"; the
     * arguments are the same for every sentence: {1} kind, {2} payer, {3} payee, {4} amount,
     * {5} months, {6} rate %, {7} second rate %, {8} shares. */
    char a[48], m[48], r1[16], r2[16], sh[24];
    ui_fmt_money(t->amount, a, sizeof a);
    months_text(t->months, m, sizeof m);
    pct_number(t->rate, r1, sizeof r1);
    pct_number(t->rate2, r2, sizeof r2);
    shares_number(t->shares, sh, sizeof sh);
    const char *args[8] = {kind_label(t->kind),
                           who_name(w, me, t->payer),
                           who_name(w, me, t->payee),
                           a,
                           m,
                           r1,
                           r2,
                           sh};
    const char *you = "other";
    const SimKindInfo *ki = sim_kind(sim_kind_valid((int)t->kind) ? t->kind : SIM_DEAL_COMPUTE);
    switch (ki->voice) {
    case SIM_VOICE_PAYER:
        you = t->payer == me ? "you" : "other";
        break;
    case SIM_VOICE_HOLDER:
        you = t->payee == me ? "you" : t->payer == me ? "yours" : "other";
        break;
    case SIM_VOICE_ANY:
        you = "any";
        break;
    }
    const char *group = ki->words;
    char key[64];
    snprintf(key, sizeof key, "desk.terms.%s.%s", group, you);
    return core_text_subst(buf, bufsz, core_tr(key), args, 8);
}

/* The last first-day reaction of `who` to its own announcement, or NULL. */
static const SimEvent *last_reaction(const SimWorld *w, int who)
{
    for (int e = w->n_events - 1; e >= 0; e--) {
        const SimEvent *ev = &w->events[e];
        if (ev->kind == SIM_LOG_REACTION && ev->actor == who && ev->other < 0)
            return ev;
    }
    return NULL;
}

const char *ui_desk_premium_text(double market_value, double fundamental, char *buf, size_t bufsz)
{
    char a[48], p[16];
    ui_fmt_money(fundamental, a, sizeof a);
    double prem = fundamental > 1e-9 ? market_value / fundamental - 1.0 : INFINITY;
    if (fabs(prem) < 0.02)
        return ui_trf(buf, bufsz, "desk.fact.fundamental_level", a, NULL);
    if (prem > 9.995) /* a price almost all story: a percentage would read as noise */
        return ui_trf(buf, bufsz, "desk.fact.fundamental_far", a, NULL);
    snprintf(p, sizeof p, "%.0f%%", fabs(prem) * 100.0);
    return ui_trf(buf, bufsz,
                  prem > 0 ? "desk.fact.fundamental_above" : "desk.fact.fundamental_below", a, p,
                  NULL);
}

int ui_desk_facts(const SimWorld *w, int who, char label[][UI_DESK_FACT_LEN],
                  char value[][UI_DESK_FACT_LEN], int max)
{
    int n = 0;
    if (who < 0 || who >= w->n)
        return 0;
    const SimSnap *s = sim_snap(w, w->turn, who);
    const SimSnap *s0 = w->turn > 0 ? sim_snap(w, w->turn - 1, who) : NULL;
    const SimActorSpec *sp = &w->sc->actors[who];
    char a[48], b[48], t[UI_DESK_FACT_LEN];
#define ROW(L, ...)                                                                                \
    do {                                                                                           \
        if (n < max) {                                                                             \
            snprintf(label[n], UI_DESK_FACT_LEN, "%s", L);                                         \
            snprintf(value[n], UI_DESK_FACT_LEN, __VA_ARGS__);                                     \
            n++;                                                                                   \
        }                                                                                          \
    } while (0)
    ROW(core_tr("desk.fact.cash"), "%s", ui_fmt_money(s->cash, a, sizeof a));
    if (who != w->sc->hub) {
        double cap = sp->capex_budget * w->sc->market.budget_slack;
        double left = cap - s->due_12m;
        ui_fmt_money(left > 0 ? left : 0, a, sizeof a);
        ui_fmt_money(cap, b, sizeof b);
        ROW(core_tr("desk.fact.budget"), "%s",
            core_trf(t, sizeof t, "desk.fact.budget_value", a, b, NULL));
        ROW(core_tr("desk.fact.exposure"), "%s", ui_fmt_money(s->exposure, a, sizeof a));
    } else {
        ui_fmt_money(s->revenue, a, sizeof a);
        ROW(core_tr("desk.fact.revenue"), "%s",
            core_trf(t, sizeof t, "desk.fact.revenue_value", a, NULL));
        ui_fmt_money(s->obligations, a, sizeof a);
        ui_fmt_money(s->due_12m, b, sizeof b);
        ROW(core_tr("desk.fact.owed"), "%s",
            core_trf(t, sizeof t, "desk.fact.owed_value", a, b, NULL));
    }
    ui_fmt_money(s->market_value, a, sizeof a);
    if (s0 && s0->price > 0)
        ROW(core_tr("desk.fact.value"), "%s",
            core_trf(t, sizeof t, "desk.fact.value_move", a,
                     ui_fmt_pct(s->price / s0->price - 1.0, b, sizeof b), NULL));
    else
        ROW(core_tr("desk.fact.value"), "%s", a);
    /* What it is worth on its fundamentals, how likely it is to default, and what lenders would
     * still lend: the credit room is the world's as it stands (the desk is always the month just
     * played). */
    if (!s->defaulted) {
        ui_desk_premium_text(s->market_value, s->fundamental, t, sizeof t);
        ROW(core_tr("desk.fact.fundamental"), "%s", t);
        char years[16];
        snprintf(years, sizeof years, "%g", w->sc->market.merton_horizon);
        ROW(core_tr("desk.fact.pd"), "%s",
            core_trf(t, sizeof t, "desk.fact.pd_value", ui_fmt_prob(s->pd, a, sizeof a), years,
                     NULL));
        double room = w->actors[who].val.room;
        if (room >= 0.05)
            ROW(core_tr("desk.fact.room"), "%s",
                core_trf(t, sizeof t, "desk.fact.room_value", ui_fmt_money(room, a, sizeof a),
                         NULL));
        else
            ROW(core_tr("desk.fact.room"), "%s", core_tr("desk.fact.room_none"));
    }
    const SimEvent *r = last_reaction(w, who);
    if (r)
        ROW(core_tr("desk.fact.last"), "%s",
            core_trf(t, sizeof t, "desk.fact.last_value", ui_fmt_pct(expm1(r->change), a, sizeof a),
                     ui_fmt_month(w->sc->start + r->turn, b, sizeof b), NULL));
    else
        ROW(core_tr("desk.fact.last"), "%s", core_tr("desk.fact.last_none"));
#undef ROW
    return n;
}

double ui_desk_expected_move(const UiDesk *k, const SimWorld *w, int who)
{
    return sim_after_move(w, who, &k->draft.t);
}
