/* ui_fail: the card of a firm's default (see ui_fail.h). */
#include "ui_fail.h"

#include "core_month.h"
#include "core_text.h"
#include "sim_cascade.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

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

void ui_fail_draw(UiDraw *d, SDL_FRect screen, const UiFailCard *c, float mx, float my,
                  UiFailGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = th->down;
    float pad = ui_px(d, 30);
    float bw = fminf(screen.w * 0.9f, ui_px(d, 860));
    float tw = bw - 2 * pad;
    float title_pt = ui_px(d, 30), body_pt = ui_px(d, 19);
    /* The height the texts need, so the card fits them (within the screen). */
    float h_title = ui_text_wrapped_height(d, c->title, tw, title_pt, 1, 2);
    float h_order = ui_text_wrapped_height(d, c->order, tw, body_pt, 0, 4);
    float h_rec = c->recovery[0] ? ui_text_wrapped_height(d, c->recovery, tw, body_pt, 0, 4) : 0;
    float h_on = ui_text_wrapped_height(d, c->goes_on, tw, body_pt, 1, 3);
    float bh = pad + ui_px(d, 30) + h_title + ui_px(d, 16) + h_order + ui_px(d, 12) + h_rec +
               (h_rec > 0 ? ui_px(d, 12) : 0) + ui_px(d, 10) + h_on + ui_px(d, 26) + ui_px(d, 48) +
               pad;
    bh = fminf(bh, screen.h * 0.96f);
    SDL_FRect box = {screen.x + (screen.w - bw) / 2, screen.y + (screen.h - bh) / 2, bw, bh};
    g->box = box;
    ui_dim_around(d, screen, box, ui_alpha(th->bg, 170));
    ui_fill_round_rect(d, box, ui_px(d, 14), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 14), ui_px(d, 3), accent);

    float x = box.x + pad, y = box.y + pad;
    ui_text(d, c->head, x, y, ui_px(d, 15), 1, accent, UI_LEFT);
    y += ui_px(d, 30);
    y += ui_text_wrapped(d, c->title, x, y, tw, title_pt, 1, th->text, 2) + ui_px(d, 16);
    y += ui_text_wrapped(d, c->order, x, y, tw, body_pt, 0, th->text, 4) + ui_px(d, 12);
    if (c->recovery[0])
        y += ui_text_wrapped(d, c->recovery, x, y, tw, body_pt, 0, th->text, 4) + ui_px(d, 12);
    y += ui_px(d, 10);
    ui_text_wrapped(d, c->goes_on, x, y, tw, body_pt, 1, th->text_dim, 3);

    float by = box.y + box.h - pad - ui_px(d, 48);
    g->btn_next = (SDL_FRect){box.x + box.w - pad - ui_px(d, 250), by, ui_px(d, 250), ui_px(d, 48)};
    g->btn_debrief = (SDL_FRect){x, by, ui_px(d, 250), ui_px(d, 48)};
    ui_button(d, g->btn_next, ui_tr("fail.button.next"), 18, inside(g->btn_next, mx, my), 1, NULL);
    ui_button(d, g->btn_debrief, ui_tr("fail.button.debrief"), 16, inside(g->btn_debrief, mx, my),
              0, NULL);
}

UiFailHit ui_fail_hit(const UiFailGeom *g, float x, float y)
{
    if (g->box.w <= 0)
        return UI_FAIL_NONE;
    if (inside(g->btn_next, x, y))
        return UI_FAIL_NEXT;
    if (inside(g->btn_debrief, x, y))
        return UI_FAIL_DEBRIEF;
    return inside(g->box, x, y) ? UI_FAIL_INSIDE : UI_FAIL_NONE;
}
