/* ui_map_hit: what lies under the mouse on a laid-out flow map (a node or an edge) and the
 * tooltip that explains it, written into a caller buffer. */
#include "ui_map_int.h"

#include "core_err.h"
#include "core_name.h"
#include "core_text.h"
#include "sim_cascade.h"
#include "ui_chart.h"
#include "ui_desk.h"
#include "ui_fmt.h"
#include "ui_place.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Actor i's systemic weight when it failed (its DEFAULT event's value), or 0. */
static double fail_weight(const SimWorld *w, int i)
{
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_DEFAULT && w->events[k].actor == i)
            return w->events[k].value;
    return 0.0;
}

/* A deal's kind in words, with its article in English ("a compute contract"): deal.kind.<id> of
 * the feed's table. */
static const char *kind_words(SimDealKind k)
{
    static char key[SIM_DEAL_KIND_COUNT][48];
    if (!sim_kind_valid((int)k))
        return ui_tr("deal.kind.unknown");
    snprintf(key[k], sizeof key[k], "deal.kind.%s", sim_deal_kind_name(k)); /* outlives the call */
    return ui_tr(key[k]);
}

static float seg_dist(float px, float py, float x0, float y0, float x1, float y1)
{
    float dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
    float t = l2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / l2 : 0.0f;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float ex = x0 + t * dx - px, ey = y0 + t * dy - py;
    return sqrtf(ex * ex + ey * ey);
}

UiMapHit ui_map_hit(const UiMap *m, float x, float y)
{
    UiMapHit h = {UI_HIT_NONE, -1};
    float best = 0;
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        float dx = x - nd->x, dy = y - nd->y, dist = sqrtf(dx * dx + dy * dy);
        if (dist <= nd->r && (h.kind == UI_HIT_NONE || dist / nd->r < best)) {
            h.kind = UI_HIT_NODE;
            h.index = i;
            best = dist / nd->r;
        }
    }
    if (h.kind == UI_HIT_NODE)
        return h;
    for (int k = 0; k < m->n_edges; k++) {
        const UiMapEdge *e = &m->edges[k];
        float dist = seg_dist(x, y, e->x0, e->y0, e->x1, e->y1);
        if (dist <= e->width / 2.0f + (float)(4.0 * m->scale) &&
            (h.kind == UI_HIT_NONE || dist < best)) {
            h.kind = UI_HIT_EDGE;
            h.index = k;
            best = dist;
        }
    }
    return h;
}

/* Appends formatted text to buf at *at, keeping it terminated. */
static void put(char *buf, size_t bufsz, size_t *at, const char *fmt, ...) CORE_PRINTF(4, 5);
static void put(char *buf, size_t bufsz, size_t *at, const char *fmt, ...)
{
    if (*at >= bufsz)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *at, bufsz - *at, fmt, ap);
    va_end(ap);
    if (n > 0)
        *at += (size_t)n < bufsz - *at ? (size_t)n : bufsz - *at - 1;
}

static double paid_until(const SimWorld *w, int deal, int turn)
{
    double s = 0.0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->deal == deal && f->turn < turn && f->from != f->to)
            s += f->amount;
    }
    return s;
}

/* The words a deal's tag stands for, for a reader: the text of the running deal it names, the
 * title of the historical event it came from, or the tag's own translation; NULL when there are
 * none (a tag is an id, "msft-exclusivity", and says nothing the line does not). */
static const char *deal_words(const SimWorld *w, const char *tag)
{
    if (!tag[0])
        return NULL;
    for (int k = 0; k < w->sc->n_initial; k++)
        if (strcmp(w->sc->initial[k].tag, tag) == 0 && w->sc->initial[k].text[0])
            return w->sc->initial[k].text;
    for (int k = 0; k < w->sc->n_events; k++)
        if (strcmp(w->sc->events[k].id, tag) == 0 && w->sc->events[k].title[0])
            return w->sc->events[k].title;
    return strcmp(core_tr_content(tag), tag) != 0 ? tag : NULL;
}

int ui_map_tooltip(const UiMap *m, UiMapHit hit, char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0)
        return 0;
    buf[0] = '\0';
    const SimWorld *w = m->w;
    if (!w)
        return 0;
    size_t at = 0;
    char a[32], b[32], c[32];
    int hub = w->sc->hub;
    if (hit.kind == UI_HIT_NODE && hit.index >= 0 && hit.index < m->n) {
        int i = hit.index;
        const SimSnap *s = sim_snap(w, m->turn, i);
        const UiMapNode *nd = &m->nodes[i];
        char line[512];
        put(buf, bufsz, &at, "%s\n", core_tr_content(w->sc->actors[i].name));
        put(buf, bufsz, &at, "%s\n",
            ui_trf(line, sizeof line, "map.tip.value", ui_fmt_money(s->market_value, a, sizeof a),
                   ui_fmt_pct(nd->since, b, sizeof b), ui_fmt_pct(nd->change, c, sizeof c), NULL));
        put(buf, bufsz, &at, "%s\n",
            ui_trf(line, sizeof line, "map.tip.cash", ui_fmt_money(s->cash, a, sizeof a),
                   ui_fmt_money(s->debt, b, sizeof b), NULL));
        if (s->top >= 0 && s->exposure > 0.0)
            put(buf, bufsz, &at, "%s\n",
                ui_trf(line, sizeof line, "map.tip.exposure",
                       core_tr_content(w->sc->actors[s->top].name),
                       ui_fmt_money(s->exposure, a, sizeof a),
                       ui_fmt_money(s->exposure_top, b, sizeof b), NULL));
        put(buf, bufsz, &at, "%s",
            ui_trf(line, sizeof line, "map.tip.obligations",
                   ui_fmt_money(s->obligations, a, sizeof a), ui_fmt_money(s->due_12m, b, sizeof b),
                   NULL));
        if (!s->defaulted) {
            /* On its fundamentals, its default risk and (for the month just played, the only
             * one whose balance sheet the world keeps) what lenders would still lend. */
            char fund[128], years[16];
            ui_desk_premium_text(s->market_value, s->fundamental, fund, sizeof fund);
            put(buf, bufsz, &at, "\n%s",
                ui_trf(line, sizeof line, "map.tip.fundamental", fund, NULL));
            snprintf(years, sizeof years, "%g", w->sc->market.merton_horizon);
            ui_fmt_prob(s->pd, a, sizeof a);
            if (m->turn == w->turn && w->actors[i].val.room < 0.05)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.risk_noroom", a, years, NULL));
            else if (m->turn == w->turn)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.risk_room", a, years,
                           ui_fmt_money(w->actors[i].val.room, b, sizeof b), NULL));
            else
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.risk", a, years, NULL));
        }
        if (i == hub) {
            /* What it could sell against what it sells: compute binds when it sells less. */
            double could = w->info[m->turn].demand;
            put(buf, bufsz, &at, "\n%s",
                ui_trf(line, sizeof line,
                       s->revenue < could * 0.995 ? "map.tip.demand_compute" : "map.tip.demand_met",
                       ui_fmt_money(could, a, sizeof a), ui_fmt_money(s->revenue, b, sizeof b),
                       NULL));
        }
        /* Pooled along any path (the snapshot's), and for a vendor of the hub the earmarked
         * figure by contract beside it: the range is the lesson (docs/model.md, section 3). */
        double contract = ui_circ_contract(w, i, m->turn, 0);
        if (s->circularity > 0.0 || contract >= 0.005) {
            snprintf(a, sizeof a, "%.0f", s->circularity * 100.0);
            snprintf(b, sizeof b, "%.0f", contract * 100.0);
            if (contract >= 0.005)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.circular_contract", a, b,
                           core_tr_content(w->sc->actors[hub].name), NULL));
            else
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.circular", a, NULL));
        }
        if (s->defaulted)
            put(buf, bufsz, &at, "\n%s", ui_tr("map.tip.defaulted"));
        int order = ui_map_fail_order(m, i);
        if (order > 0) {
            /* Its place in the order of failures (sim_cascade) and its systemic weight. */
            char o[32], n[16], r[16], wt[16];
            snprintf(n, sizeof n, "%d", order);
            ui_trf(o, sizeof o, core_ordinal_key(order), n, NULL);
            snprintf(r, sizeof r, "%d", sim_default_round(w, i));
            snprintf(wt, sizeof wt, "%.0f", fail_weight(w, i) * 100.0);
            put(buf, bufsz, &at, "\n%s",
                ui_trf(line, sizeof line, "map.tip.failed", o, r, wt, NULL));
        }
    } else if (hit.kind == UI_HIT_EDGE && hit.index >= 0 && hit.index < m->n_edges) {
        const UiMapEdge *e = &m->edges[hit.index];
        char line[512], n[16];
        put(buf, bufsz, &at, "%s\n",
            ui_trf(line, sizeof line, "map.tip.edge", core_tr_content(w->sc->actors[e->from].name),
                   e->to == SIM_WORLD ? ui_tr("map.tip.builders")
                                      : core_tr_content(w->sc->actors[e->to].name),
                   ui_map_family_name(e->family), ui_fmt_money(e->monthly, a, sizeof a), NULL));
        int shown = e->n_deals < UI_MAP_EDGE_DEALS ? e->n_deals : UI_MAP_EDGE_DEALS;
        for (int j = 0; j < shown; j++) {
            const SimDeal *d = &w->deals[e->deals[j]];
            snprintf(n, sizeof n, "%d", d->t.months);
            put(buf, bufsz, &at, "%s",
                ui_trf(line, sizeof line, "map.tip.deal", kind_words(d->t.kind),
                       ui_fmt_money(d->t.amount, a, sizeof a), n,
                       ui_fmt_money(paid_until(w, d->id, m->turn), b, sizeof b), NULL));
            const char *words = deal_words(w, d->tag);
            if (words)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.tag", core_tr_content(words), NULL));
            if (j + 1 < shown)
                put(buf, bufsz, &at, "\n");
        }
        if (e->n_deals > shown) {
            snprintf(n, sizeof n, "%d", e->n_deals - shown);
            put(buf, bufsz, &at, "\n%s", ui_trf(line, sizeof line, "map.tip.more", n, NULL));
        }
    }
    return (int)at;
}
