/* ui_fail: the card of a firm's default (see ui_fail.h). */
#include "ui_fail.h"

#include "core_month.h"
#include "core_text.h"
#include "sim_cascade.h"
#include "ui_fmt.h"

#include <stdio.h>
#include <string.h>

int ui_fail_month(const SimWorld *w, int turn, int *actors, int max)
{
    int n = 0;
    for (int k = 0; k < w->n_events && n < max; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_DEFAULT && e->turn == turn && e->actor >= 0 && e->actor < w->n)
            actors[n++] = e->actor;
    }
    /* By place in the order of failures (an insertion sort: n is a month's failures). */
    for (int a = 1; a < n; a++)
        for (int b = a;
             b > 0 && sim_default_order(w, actors[b]) < sim_default_order(w, actors[b - 1]); b--) {
            int t = actors[b];
            actors[b] = actors[b - 1];
            actors[b - 1] = t;
        }
    return n;
}

/* Actor i's DEFAULT event, or NULL. */
static const SimEvent *default_event(const SimWorld *w, int i)
{
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_DEFAULT && w->events[k].actor == i)
            return &w->events[k];
    return NULL;
}

void ui_fail_card(const SimWorld *w, int i, int index, int count, UiFailCard *c)
{
    memset(c, 0, sizeof *c);
    c->actor = i;
    const char *name = core_tr_content(w->sc->actors[i].name);
    const SimEvent *e = default_event(w, i);
    int turn = e ? e->turn : sim_default_turn(w, i);
    char mon[48], k[16], n[16];
    core_tr_month(w->sc->start + (turn > 0 ? turn : 0), mon, sizeof mon);
    snprintf(c->when, sizeof c->when, "%s", mon);
    if (count > 1) {
        snprintf(k, sizeof k, "%d", index + 1);
        snprintf(n, sizeof n, "%d", count);
        ui_trf(c->head, sizeof c->head, "fail.head.many", mon, k, n, NULL);
    } else {
        ui_trf(c->head, sizeof c->head, "fail.head.one", mon, NULL);
    }
    ui_trf(c->title, sizeof c->title, "fail.title", name, NULL);

    /* Its place in the order of failures, the round of its month's clearing, its weight. */
    int order = sim_default_order(w, i), round = sim_default_round(w, i);
    int cause = sim_default_cause(w, i);
    char ord[48], r[16], wt[16];
    snprintf(n, sizeof n, "%d", order > 0 ? order : 1);
    ui_trf(ord, sizeof ord, core_ordinal_key(order > 0 ? order : 1), n, NULL);
    snprintf(r, sizeof r, "%d", round > 0 ? round : 1);
    snprintf(wt, sizeof wt, "%.0f", e ? e->value * 100.0 : 0.0);
    if (round > 1 && cause >= 0 && cause < w->n)
        ui_trf(c->order, sizeof c->order, "fail.order_with", ord, r,
               core_tr_content(w->sc->actors[cause].name), wt, NULL);
    else
        ui_trf(c->order, sizeof c->order, "fail.order", ord, r, wt, NULL);

    /* What its estate paid its creditors in the clearing, and what the firms of the game lost on
     * it (claims written off, guarantees paid). */
    double recovered = 0.0, lost = 0.0;
    for (int f = 0; f < w->ledger.n_flows; f++) {
        const SimFlow *fl = &w->ledger.flows[f];
        if (fl->kind == SIM_FLOW_RECOVERY && fl->from == i && fl->turn == turn)
            recovered += fl->amount;
    }
    for (int x = 0; x < w->n_events; x++) {
        const SimEvent *ev = &w->events[x];
        if ((ev->kind == SIM_LOG_WRITEDOWN || ev->kind == SIM_LOG_GUARANTEE) && ev->other == i)
            lost += ev->amount;
    }
    char a[32], b[32];
    if (recovered > 0.0005 && lost > 0.0005)
        ui_trf(c->recovery, sizeof c->recovery, "fail.recovery.both",
               ui_fmt_money(recovered, a, sizeof a), ui_fmt_money(lost, b, sizeof b), NULL);
    else if (recovered > 0.0005)
        ui_trf(c->recovery, sizeof c->recovery, "fail.recovery.only",
               ui_fmt_money(recovered, a, sizeof a), NULL);
    else if (lost > 0.0005)
        ui_trf(c->recovery, sizeof c->recovery, "fail.recovery.none",
               ui_fmt_money(lost, b, sizeof b), NULL);

    core_tr_month(w->sc->end, mon, sizeof mon);
    ui_trf(c->goes_on, sizeof c->goes_on, "fail.goes_on", mon, NULL);
}

void ui_fail_to_card(const UiFailCard *c, int index, int count, UiCard *out)
{
    memset(out, 0, sizeof *out);
    out->kind = UI_CARD_FAIL;
    out->when = c->when;
    out->title = c->title;
    out->body[0] = c->order;
    out->body[1] = c->recovery;
    out->last = c->goes_on;
    out->action = ui_tr("fail.button.debrief");
    out->index = index;
    out->count = count;
}
