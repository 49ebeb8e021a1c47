/* net_forecast: the deal dialog's numbers for a student's draft (net_forecast.h). */
#include "net_forecast.h"

#include "core_month.h"
#include "sim_after.h"
#include "sim_kind.h"
#include "sim_native.h"
#include "sim_turn.h"

#include <math.h>
#include <string.h>

static void num(DatBuf *b, const char *key, double v)
{
    dat_buf_printf(b, ",\"%s\":", key);
    dat_buf_double(b, isfinite(v) ? v : 0, key);
}

static void str(DatBuf *b, const char *key, const char *v)
{
    dat_buf_printf(b, ",\"%s\":", key);
    dat_buf_string(b, v);
}

static const char *id_of(const SimWorld *w, int i)
{
    return i >= 0 && i < w->n ? w->sc->actors[i].id : i == SIM_WORLD ? "world" : "";
}

/* The refusal as data: its code, the engine's line, and what the table's refuse.<code> text takes
 * (the kind, the actors, the deal, two figures in $B). */
static void write_refusal(const SimWorld *w, const SimRefusal *r, const char *line, DatBuf *b)
{
    dat_buf_puts(b, ",\"refusal\":{\"code\":");
    dat_buf_string(b, sim_refuse_code_name(r->code));
    str(b, "line", line);
    str(b, "kind", sim_kind_valid((int)r->kind) ? sim_deal_kind_name(r->kind) : "");
    str(b, "actor", id_of(w, r->actor));
    str(b, "other", id_of(w, r->other));
    dat_buf_printf(b, ",\"deal\":%d", r->deal);
    num(b, "a", r->a);
    num(b, "b", r->b);
    dat_buf_puts(b, "}");
}

/* Each term the kind uses: its range and whether the draft's value is in it. */
static void write_fields(const SimTerms *t, DatBuf *b)
{
    static const struct {
        unsigned field;
        const char *name;
    } terms[] = {{SIM_FIELD_AMOUNT, "amount"}, {SIM_FIELD_MONTHS, "months"},
                 {SIM_FIELD_DELAY, "delay"},   {SIM_FIELD_UPFRONT, "upfront"},
                 {SIM_FIELD_GW, "gw"},         {SIM_FIELD_RATE, "rate"},
                 {SIM_FIELD_RATE2, "rate2"},   {SIM_FIELD_SHARES, "shares"}};
    const double values[] = {t->amount, t->months, t->delay, t->upfront,
                             t->gw,     t->rate,   t->rate2, t->shares};
    dat_buf_puts(b, ",\"fields\":{");
    int first = 1;
    for (size_t k = 0; k < sizeof terms / sizeof terms[0]; k++) {
        double lo, hi;
        if (!sim_kind_uses(t->kind, terms[k].field) || sim_terms_range(terms[k].field, &lo, &hi))
            continue;
        double v = values[k];
        dat_buf_printf(b, "%s\"%s\":{\"lo\":", first ? "" : ",", terms[k].name);
        dat_buf_double(b, lo, "lo");
        num(b, "hi", hi);
        str(b, "state", !(v >= lo) ? "low" : v > hi ? "high" : "ok");
        dat_buf_puts(b, "}");
        first = 0;
    }
    dat_buf_puts(b, "}");
}

static const char *reply_name(int kind)
{
    switch (kind) {
    case SIM_INTENT_ACCEPT:
        return "accept";
    case SIM_INTENT_REJECT:
        return "reject";
    case SIM_INTENT_COUNTER:
        return "counter";
    default:
        return "wait";
    }
}

/* The strategy's name as a reader knows it: "baseline", a script's file name. */
static const char *seat_label(const SimWorld *w, int who)
{
    const char *name = w->actors[who].strategy.name ? w->actors[who].strategy.name : "?";
    const char *slash = strrchr(name, '/');
    return slash ? slash + 1 : name;
}

/* The other side's likely answer (ui_desk_forecast_text tells the same cases): by "build" (a deal
 * with the world), "refused" (the engine would not take it), "record" (history plays it),
 * "baseline", "passive", "person" or "script"; reply accept, reject, counter, wait or unknown. */
static void write_answer(const SimWorld *w, int me, const SimTerms *t, int valid, NetAskFn ask,
                         void *ask_ctx, DatBuf *b)
{
    const char *by = NULL, *reply = "unknown";
    char reason[SIM_REASON_LEN] = "";
    int other = t->payer == me ? t->payee : t->payer;
    if (t->payee == SIM_WORLD)
        by = "build";
    else if (!valid)
        by = "refused";
    else if (other < 0 || other >= w->n)
        by = "refused";
    dat_buf_puts(b, ",\"answer\":{");
    if (by) {
        dat_buf_puts(b, "\"by\":");
        dat_buf_string(b, by);
        dat_buf_puts(b, "}");
        return;
    }
    SimForecast f = sim_native_forecast(w, other, t, reason, sizeof reason);
    const char *strategy = w->actors[other].strategy.name ? w->actors[other].strategy.name : "";
    switch (f) {
    case SIM_FORECAST_ACCEPT:
    case SIM_FORECAST_REJECT:
        by = strcmp(strategy, "history") == 0 ? "record" : "baseline";
        reply = f == SIM_FORECAST_ACCEPT ? "accept" : "reject";
        break;
    case SIM_FORECAST_SILENT:
        by = "passive";
        break;
    case SIM_FORECAST_PERSON:
        by = "person";
        break;
    case SIM_FORECAST_UNKNOWN: {
        by = "script";
        reason[0] = '\0';
        char err[256];
        int k = ask ? ask(ask_ctx, me, other, t, reason, sizeof reason, err, sizeof err) : -1;
        if (k >= 0)
            reply = reply_name(k);
        break;
    }
    }
    dat_buf_puts(b, "\"by\":");
    dat_buf_string(b, by);
    str(b, "reply", reply);
    str(b, "who", id_of(w, other));
    str(b, "seat", seat_label(w, other));
    str(b, "reason", reason);
    dat_buf_puts(b, "}");
}

void net_forecast_write(const SimWorld *w, int me, const SimIntent *in, NetAskFn ask, void *ask_ctx,
                        DatBuf *b)
{
    const SimTerms *t = &in->terms;
    SimRefusal why;
    char line[512] = "";
    int valid = sim_turn_validate_why(w, me, in, &why, line, sizeof line) == 0;
    dat_buf_printf(b, ",\"valid\":%s", valid ? "true" : "false");
    if (!valid)
        write_refusal(w, &why, line, b);
    write_fields(t, b);
    int other = t->payer == me ? t->payee : t->payer;
    dat_buf_puts(b, ",\"move\":{");
    dat_buf_puts(b, "\"me\":");
    dat_buf_double(b, sim_after_move(w, me, t), "me");
    if (other >= 0 && other < w->n) {
        str(b, "other", id_of(w, other));
        num(b, "them", sim_after_move(w, other, t));
    }
    dat_buf_puts(b, "}");
    /* What it takes from the budget in its first year: the drafter's part of a joint build. */
    SimTerms mine = *t;
    int split = sim_kind(t->kind)->pay == SIM_PAY_SPLIT;
    if (split && t->payee == me)
        mine.rate = mine.rate2;
    num(b, "first_year", sim_terms_first_year(&mine));
    dat_buf_printf(b, ",\"pays\":%s", t->payer == me || split ? "true" : "false");
    SimAfter a;
    sim_after_terms(w, me, t, 0, &a);
    dat_buf_puts(b, ",\"after\":{\"cash\":");
    dat_buf_double(b, a.cash, "cash");
    num(b, "cash_after", a.cash_after);
    num(b, "due", a.due);
    num(b, "due_after", a.due_after);
    num(b, "exposure", a.exposure);
    num(b, "exposure_after", a.exposure_after);
    char month[16];
    core_month_format(w->sc->start + a.first_turn, month, sizeof month);
    str(b, "first_month", month);
    dat_buf_puts(b, "}");
    write_answer(w, me, t, valid, ask, ask_ctx, b);
}
