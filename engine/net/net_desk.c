/* net_desk: the student's desk and the room's game, as data for the page (net_desk.h). */
#include "net_desk.h"

#include "core_month.h"
#include "sim_kind.h"
#include "sim_strategy.h"

#include <math.h>

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

/* The terms after "months", without the braces. */
static void terms_rest(const SimTerms *t, DatBuf *b)
{
    dat_buf_printf(b, ",\"delay\":%d", t->delay);
    num(b, "upfront", t->upfront);
    num(b, "gw", t->gw);
    num(b, "rate", t->rate);
    num(b, "rate2", t->rate2);
    num(b, "shares", t->shares);
}

void net_desk_offer_terms(const SimWorld *w, const SimDeal *d, DatBuf *b)
{
    terms_rest(&d->t, b);
    str(b, "from_name",
        d->proposer >= 0 && d->proposer < w->n ? w->sc->actors[d->proposer].name : "");
}

void net_desk_queue(SimWorld *w, int me, DatBuf *b)
{
    const SimIntentList *q = sim_strategy_queue(&w->actors[me].strategy);
    dat_buf_puts(b, ",\"queued_list\":[");
    for (int k = 0; q && k < q->n; k++) {
        const SimIntent *in = &q->v[k];
        dat_buf_puts(b, k ? ",{\"intent\":" : "{\"intent\":");
        dat_buf_string(b, sim_intent_kind_name(in->kind));
        dat_buf_printf(b, ",\"deal\":%d", in->deal);
        if (in->kind == SIM_INTENT_PROPOSE || in->kind == SIM_INTENT_COUNTER) {
            const SimTerms *t = &in->terms;
            str(b, "kind", sim_deal_kind_name(t->kind));
            str(b, "payer", id_of(w, t->payer));
            str(b, "payee", id_of(w, t->payee));
            num(b, "amount", t->amount);
            dat_buf_printf(b, ",\"months\":%d", t->months);
            terms_rest(t, b);
        }
        dat_buf_puts(b, "}");
    }
    dat_buf_puts(b, "]");
}

/* Whether event e goes into actor me's news. */
static int newsworthy(const SimEvent *e, int me)
{
    int mine = e->actor == me || e->other == me;
    switch (e->kind) {
    case SIM_LOG_NEWS:
    case SIM_LOG_ACCEPTED:
    case SIM_LOG_DEFAULT:
    case SIM_LOG_LEVER:
    case SIM_LOG_RESCUE:
        return 1;
    case SIM_LOG_PROPOSED:
    case SIM_LOG_COUNTERED:
    case SIM_LOG_REJECTED:
    case SIM_LOG_EXPIRED:
    case SIM_LOG_DROPPED:
        return mine;
    case SIM_LOG_REACTION:
        return e->actor == me && e->other < 0;
    default:
        return 0;
    }
}

static void write_event(const SimWorld *w, const SimEvent *e, int first, DatBuf *b)
{
    char month[16];
    core_month_format(w->sc->start + e->turn, month, sizeof month);
    dat_buf_puts(b, first ? "{\"month\":" : ",{\"month\":");
    dat_buf_string(b, month);
    str(b, "kind", sim_log_kind_name(e->kind));
    str(b, "actor", id_of(w, e->actor));
    str(b, "other", id_of(w, e->other));
    if (e->deal >= 0 && e->deal < w->n_deals) {
        const SimDeal *d = &w->deals[e->deal];
        str(b, "deal_kind", sim_deal_kind_name(d->t.kind));
        str(b, "payer", id_of(w, d->t.payer));
        str(b, "payee", id_of(w, d->t.payee));
        num(b, "deal_amount", d->t.amount);
        dat_buf_printf(b, ",\"deal_months\":%d", d->t.months);
    }
    num(b, "amount", e->amount);
    num(b, "change", e->change);
    str(b, "text", e->text);
    dat_buf_puts(b, "}");
}

void net_desk_events(const SimWorld *w, int me, DatBuf *b)
{
    int from = w->turn - NET_DESK_MONTHS, start = w->n_events, n = 0;
    /* The newest NET_DESK_NEWS of the last months, written oldest first. */
    while (start > 0 && w->events[start - 1].turn >= from && n < NET_DESK_NEWS) {
        start--;
        n += newsworthy(&w->events[start], me);
    }
    dat_buf_puts(b, ",\"events\":[");
    int first = 1;
    for (int k = start; k < w->n_events; k++) {
        if (!newsworthy(&w->events[k], me))
            continue;
        write_event(w, &w->events[k], first, b);
        first = 0;
    }
    dat_buf_puts(b, "]");
}

static const char *pay_name(SimKindPay p)
{
    static const char *const names[SIM_PAY_MODE_COUNT] = {"plain", "revenue", "loan", "split",
                                                          "none"};
    return (unsigned)p < SIM_PAY_MODE_COUNT ? names[p] : "none";
}

static const char *gw_name(SimKindCompute g)
{
    switch (g) {
    case SIM_GW_PAYER_OWNED:
        return "owned";
    case SIM_GW_PAYER_CONTRACTED:
        return "rented";
    case SIM_GW_PAYEE_CONTRACTED:
        return "venture";
    case SIM_GW_NONE:
        break;
    }
    return "none";
}

void net_desk_game(const SimWorld *w, DatBuf *b)
{
    dat_buf_puts(b, ",\"actors\":[");
    for (int i = 0; i < w->n; i++) {
        dat_buf_puts(b, i ? ",{\"actor\":" : "{\"actor\":");
        dat_buf_string(b, w->sc->actors[i].id);
        str(b, "name", w->sc->actors[i].name);
        dat_buf_puts(b, "}");
    }
    static const char *const fields[] = {"amount", "months", "delay", "upfront",
                                         "gw",     "rate",   "rate2", "shares"};
    dat_buf_puts(b, "],\"kind_info\":[");
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        const SimKindInfo *ki = sim_kind((SimDealKind)k);
        dat_buf_puts(b, k ? ",{\"kind\":" : "{\"kind\":");
        dat_buf_string(b, sim_deal_kind_name((SimDealKind)k));
        dat_buf_puts(b, ",\"fields\":[");
        int first = 1;
        for (int f = 0; f < 8; f++) {
            if (!(ki->fields & (1u << f)))
                continue;
            dat_buf_puts(b, first ? "" : ",");
            dat_buf_string(b, fields[f]);
            first = 0;
        }
        dat_buf_printf(b, "],\"world\":%s", ki->payee == SIM_PAYEE_WORLD ? "true" : "false");
        str(b, "pay", pay_name(ki->pay));
        str(b, "gw", gw_name(ki->gw));
        dat_buf_puts(b, "}");
    }
    dat_buf_puts(b, "]");
}
