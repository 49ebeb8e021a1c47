/* ui_desk_draft: the deal dialog explains itself (see ui_desk.h, "the dialog explains"): Enter
 * confirms a row, values outside their range are kept and flagged, rows named for the kind, one
 * line on the kind, the player after the deal and the other side's likely answer. */
#include "ui_desk.h"

#include "core_text.h"
#include "sim_after.h"
#include "sim_native.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

double ui_desk_term_value(const SimTerms *t, UiField f)
{
    switch (f) {
    case UI_F_AMOUNT:
        return t->amount;
    case UI_F_MONTHS:
        return t->months;
    case UI_F_DELAY:
        return t->delay;
    case UI_F_GW:
        return t->gw;
    case UI_F_RATE:
        return t->rate;
    case UI_F_RATE2:
        return t->rate2;
    case UI_F_SHARES:
        return t->shares;
    default:
        return 0.0;
    }
}

UiField ui_desk_refusal_field(SimRefuseCode code)
{
    switch (code) {
    case SIM_REFUSE_AMOUNT:
    case SIM_REFUSE_AMOUNT_HUGE:
    case SIM_REFUSE_NO_AMOUNT:
    case SIM_REFUSE_OVER_BUDGET:
    case SIM_REFUSE_TOO_BIG:
    case SIM_REFUSE_TOO_RISKY:
    case SIM_REFUSE_CANNOT_CARRY:
    case SIM_REFUSE_NO_FUNDS:
    case SIM_REFUSE_BELOW_ESTATE:
        return UI_F_AMOUNT;
    case SIM_REFUSE_MONTHS:
        return UI_F_MONTHS;
    case SIM_REFUSE_DELAY:
        return UI_F_DELAY;
    case SIM_REFUSE_GW:
        return UI_F_GW;
    case SIM_REFUSE_RATES:
    case SIM_REFUSE_NO_RATE:
    case SIM_REFUSE_JV_SHARES:
        return UI_F_RATE;
    case SIM_REFUSE_SHARES:
    case SIM_REFUSE_NO_SHARES:
        return UI_F_SHARES;
    case SIM_REFUSE_SAME_PARTY:
    case SIM_REFUSE_DEFAULTED:
    case SIM_REFUSE_EXCLUSIVE:
    case SIM_REFUSE_NOT_DISTRESSED:
    case SIM_REFUSE_BOUGHT:
        return UI_F_OTHER;
    default:
        return UI_F_COUNT;
    }
}

UiFieldState ui_desk_field_state(const UiDesk *k, UiField f)
{
    if (!ui_desk_draft_shows(k, f))
        return UI_FS_OK;
    double lo, hi, v = ui_desk_term_value(&k->draft.t, f);
    unsigned term = ui_desk_field_term(f);
    if (term && sim_terms_range(term, &lo, &hi) == 0) {
        if (!(v >= lo))
            return UI_FS_LOW;
        if (v > hi)
            return UI_FS_HIGH;
    }
    if (k->draft.valid)
        return UI_FS_OK;
    SimRefuseCode code = k->draft.refusal.code;
    /* The partners' shares are refused together: both rows. */
    if (code == SIM_REFUSE_JV_SHARES && f == UI_F_RATE2)
        return UI_FS_REFUSED;
    return ui_desk_refusal_field(code) == f ? UI_FS_REFUSED : UI_FS_OK;
}

const char *ui_desk_field_note(const UiDesk *k, const SimWorld *w, UiField f, char *buf,
                               size_t bufsz)
{
    (void)w;
    if (bufsz > 0)
        buf[0] = '\0';
    UiFieldState st = ui_desk_field_state(k, f);
    double lo, hi;
    if ((st != UI_FS_LOW && st != UI_FS_HIGH) ||
        sim_terms_range(ui_desk_field_term(f), &lo, &hi) < 0)
        return buf;
    /* The bounds of a delay read as lengths ("0 months"), not as "starts at once". */
    UiField unit = f == UI_F_DELAY ? UI_F_MONTHS : f;
    char v[64], a[64], b[64];
    SimDealKind kind = k->draft.t.kind;
    ui_desk_value_text(kind, unit, ui_desk_term_value(&k->draft.t, f), v, sizeof v);
    ui_desk_value_text(kind, unit, lo, a, sizeof a);
    ui_desk_value_text(kind, unit, hi, b, sizeof b);
    return core_trf(buf, bufsz, st == UI_FS_HIGH ? "desk.range.high" : "desk.range.low",
                    ui_desk_field_name(f), v, a, b, NULL);
}

void ui_desk_enter(UiDesk *k, const SimWorld *w)
{
    ui_desk_check(k, w); /* what is typed is in the terms already (ui_desk_type) */
    UiFieldState st = ui_desk_field_state(k, k->draft.focus);
    if (st == UI_FS_LOW || st == UI_FS_HIGH) {
        k->draft.typed[0] = '\0'; /* the row shows the value, flagged; typing starts afresh */
        return;
    }
    ui_desk_focus(k, 1);
}

/* "You" or the actor's name, for a partner's part of a joint build. */
static const char *part_label(const SimWorld *w, int me, int who, char *buf, size_t bufsz)
{
    if (who == me)
        return core_trf(buf, bufsz, "desk.label.part_you", NULL);
    const char *name = who >= 0 && who < w->n ? core_tr_content(w->sc->actors[who].name) : "?";
    return core_trf(buf, bufsz, "desk.label.part", name, NULL);
}

const char *ui_desk_field_label(const UiDesk *k, const SimWorld *w, UiField f, char *buf,
                                size_t bufsz)
{
    const SimTerms *t = &k->draft.t;
    const SimKindInfo *ki = sim_kind(sim_kind_valid((int)t->kind) ? t->kind : SIM_DEAL_COMPUTE);
    if (!k->draft.rescue && f == UI_F_RATE) {
        switch (ki->pay) {
        case SIM_PAY_REVENUE:
            return core_trf(buf, bufsz, "desk.label.revenue", NULL);
        case SIM_PAY_LOAN:
            return core_trf(buf, bufsz, "desk.label.interest", NULL);
        case SIM_PAY_SPLIT:
            return part_label(w, k->me, t->payer, buf, bufsz);
        case SIM_PAY_PLAIN:
        case SIM_PAY_NONE:
        case SIM_PAY_MODE_COUNT:
            break;
        }
    }
    if (!k->draft.rescue && f == UI_F_RATE2 && ki->pay == SIM_PAY_SPLIT)
        return part_label(w, k->me, t->payee, buf, bufsz);
    if (!k->draft.rescue && f == UI_F_SIDE && ki->pay == SIM_PAY_SPLIT)
        return core_trf(buf, bufsz, "desk.label.venture", NULL);
    if (!k->draft.rescue && f == UI_F_GW) {
        switch (ki->gw) {
        case SIM_GW_PAYER_OWNED:
            return core_trf(buf, bufsz, "desk.label.gw_owned", ui_desk_field_name(UI_F_GW), NULL);
        case SIM_GW_PAYER_CONTRACTED:
            return core_trf(buf, bufsz, "desk.label.gw_rented", ui_desk_field_name(UI_F_GW), NULL);
        case SIM_GW_PAYEE_CONTRACTED:
            return core_trf(buf, bufsz, "desk.label.gw_venture", ui_desk_field_name(UI_F_GW), NULL);
        case SIM_GW_NONE:
            break;
        }
    }
    snprintf(buf, bufsz, "%s", ui_desk_field_name(f));
    return buf;
}

const char *ui_desk_kind_text(const UiDesk *k, char *buf, size_t bufsz)
{
    if (k->draft.rescue)
        return core_trf(buf, bufsz, "desk.explain.rescue", NULL);
    char key[64];
    snprintf(key, sizeof key, "desk.explain.%s", sim_deal_kind_name(k->draft.t.kind));
    return core_trf(buf, bufsz, key, NULL);
}

void ui_desk_fit_kind(UiDesk *k)
{
    SimTerms *t = &k->draft.t;
    unsigned used = sim_kind(t->kind)->fields;
    if (!(used & SIM_FIELD_AMOUNT)) {
        if (t->amount > 0.0)
            k->draft.kept_amount = t->amount;
        t->amount = 0.0;
    } else if (t->amount <= 0.0 && k->draft.kept_amount > 0.0) {
        t->amount = k->draft.kept_amount;
    }
    if (!(used & SIM_FIELD_UPFRONT))
        t->upfront = 0.0;
    if (!(used & SIM_FIELD_GW))
        t->gw = 0.0;
    if (!(used & SIM_FIELD_RATE))
        t->rate = 0.0;
    if (!(used & SIM_FIELD_RATE2))
        t->rate2 = 0.0;
    if (!(used & SIM_FIELD_SHARES))
        t->shares = 0.0;
}

/* ---------------------------------------------------------------- you after this deal */

void ui_desk_after(const UiDesk *k, const SimWorld *w, UiDeskAfter *a)
{
    SimAfter s;
    sim_after_terms(w, k->me, &k->draft.t, k->draft.rescue, &s);
    *a = (UiDeskAfter){s.cash,     s.cash_after,     s.due,       s.due_after,
                       s.exposure, s.exposure_after, s.first_turn};
}

int ui_desk_after_text(const UiDesk *k, const SimWorld *w, char *cash, char *dues, char *exposure,
                       size_t bufsz)
{
    UiDeskAfter a;
    ui_desk_after(k, w, &a);
    char x[48], y[48], m[48];
    int short_of_cash = a.cash_after < -1e-9;
    ui_fmt_money(a.cash, x, sizeof x);
    ui_fmt_money(a.cash_after, y, sizeof y);
    core_tr_month(w->sc->start + a.first_turn, m, sizeof m);
    const char *key = k->draft.rescue
                          ? (short_of_cash ? "desk.after.cash_now_short" : "desk.after.cash_now")
                          : (short_of_cash ? "desk.after.cash_short" : "desk.after.cash");
    core_trf(cash, bufsz, key, x, y, m, NULL);
    dues[0] = exposure[0] = '\0';
    if (k->draft.rescue)
        return short_of_cash;
    ui_fmt_money(a.due, x, sizeof x);
    ui_fmt_money(a.due_after, y, sizeof y);
    core_trf(dues, bufsz, "desk.after.dues", x, y, NULL);
    ui_fmt_money(a.exposure, x, sizeof x);
    ui_fmt_money(a.exposure_after, y, sizeof y);
    core_trf(exposure, bufsz, "desk.after.exposure", x, y, NULL);
    return short_of_cash;
}

/* ---------------------------------------------------------------- the other side's answer */

static int same_terms(const SimTerms *a, const SimTerms *b)
{
    return a->kind == b->kind && a->payer == b->payer && a->payee == b->payee &&
           a->amount == b->amount && a->months == b->months && a->delay == b->delay &&
           a->upfront == b->upfront && a->gw == b->gw && a->rate == b->rate &&
           a->rate2 == b->rate2 && a->shares == b->shares;
}

/* The strategy's name as a reader knows it: "baseline", a script's file name. */
static const char *seat_label(const SimWorld *w, int who, char *buf, size_t bufsz)
{
    const char *name = w->actors[who].strategy.name ? w->actors[who].strategy.name : "?";
    const char *slash = strrchr(name, '/');
    snprintf(buf, bufsz, "%s", slash ? slash + 1 : name);
    return buf;
}

const char *ui_desk_forecast_text(const UiDesk *k, const SimWorld *w, char *buf, size_t bufsz)
{
    const SimTerms *t = &k->draft.t;
    if (bufsz > 0)
        buf[0] = '\0';
    if (k->draft.rescue)
        return buf;
    if (t->payee == SIM_WORLD)
        return core_trf(buf, bufsz, "desk.forecast.build", NULL);
    if (!k->draft.valid)
        return core_trf(buf, bufsz, "desk.forecast.refused", NULL);
    int other = t->payer == k->me ? t->payee : t->payer;
    if (other < 0 || other >= w->n)
        return buf;
    const char *name = core_tr_content(w->sc->actors[other].name);
    char why[SIM_REASON_LEN], said[SIM_REASON_LEN], seat[96];
    SimForecast f = sim_native_forecast(w, other, t, why, sizeof why);
    const char *how =
        strcmp(w->actors[other].strategy.name ? w->actors[other].strategy.name : "", "history") == 0
            ? "desk.forecast.record"
            : NULL;
    switch (f) {
    case SIM_FORECAST_ACCEPT:
    case SIM_FORECAST_REJECT:
        if (how)
            return core_trf(buf, bufsz, how, name, NULL);
        core_text_pick(why, said, sizeof said);
        return core_trf(buf, bufsz,
                        f == SIM_FORECAST_ACCEPT ? "desk.forecast.accept" : "desk.forecast.reject",
                        name, core_tr("start.script.baseline"), said, NULL);
    case SIM_FORECAST_SILENT:
        return core_trf(buf, bufsz, "desk.forecast.passive", name, NULL);
    case SIM_FORECAST_PERSON:
        return core_trf(buf, bufsz, "desk.forecast.person", name, NULL);
    case SIM_FORECAST_UNKNOWN:
        break;
    }
    seat_label(w, other, seat, sizeof seat);
    const UiDeskDraft *d = &k->draft;
    if (!d->asked || !same_terms(&d->asked_t, t) || d->asked_answer < 0)
        return core_trf(buf, bufsz, "desk.forecast.script", name, seat, NULL);
    /* Its script's own answer on a copy of the game. */
    core_text_pick(d->asked_reason, said, sizeof said);
    const char *key = d->asked_answer == SIM_INTENT_ACCEPT    ? "desk.forecast.accept"
                      : d->asked_answer == SIM_INTENT_REJECT  ? "desk.forecast.reject"
                      : d->asked_answer == SIM_INTENT_COUNTER ? "desk.forecast.counter"
                                                              : "desk.forecast.wait";
    if (!said[0])
        snprintf(said, sizeof said, "%s", core_tr("desk.forecast.no_reason"));
    return core_trf(buf, bufsz, key, name, seat, said, NULL);
}

int ui_desk_wants_asking(const UiDesk *k, const SimWorld *w)
{
    const SimTerms *t = &k->draft.t;
    if (!k->draft.open || k->draft.rescue || !k->draft.valid || t->payee == SIM_WORLD)
        return 0;
    if (k->draft.asked && same_terms(&k->draft.asked_t, t))
        return 0;
    int other = t->payer == k->me ? t->payee : t->payer;
    char why[8];
    return other >= 0 && other < w->n &&
           sim_native_forecast(w, other, t, why, sizeof why) == SIM_FORECAST_UNKNOWN;
}

void ui_desk_set_asked(UiDesk *k, int answer, const char *reason)
{
    k->draft.asked = 1;
    k->draft.asked_t = k->draft.t;
    k->draft.asked_answer = answer;
    snprintf(k->draft.asked_reason, sizeof k->draft.asked_reason, "%s", reason ? reason : "");
}
