/* ui_takeaway: the lesson of a game in four numbers (see ui_takeaway.h). */
#include "ui_takeaway.h"

#include "core_month.h"
#include "core_text.h"
#include "ui_chart.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void ui_takeaway_compute(const SimWorld *w, UiTakeaway *t)
{
    memset(t, 0, sizeof *t);
    int hub = w->sc->hub, T = w->turn;
    t->announced = w->announced_value;
    for (int i = 0; i < w->n; i++)
        if (i != hub)
            t->partners_gain += sim_snap(w, T, i)->market_value - sim_snap(w, 0, i)->market_value;
    for (int k = 0; k <= T; k++)
        if (w->info[k].leverage > t->leverage_peak) {
            t->leverage_peak = w->info[k].leverage;
            t->leverage_peak_turn = k;
        }
    t->leverage_now = w->info[T].leverage;
    const SimSnap *h = sim_snap(w, T, hub);
    t->owed_all = h->obligations;
    t->revenue = h->revenue;
    for (int i = 0; i < w->n && t->n < UI_TAKEAWAY_ACTORS; i++) {
        if (i == hub)
            continue;
        const SimSnap *s = sim_snap(w, T, i);
        int k = t->n++;
        t->actor[k] = i;
        /* The tile asks what the hub's failure would cost: the hub's column of the network's
         * exposures (the snapshot's total counts every counterparty). */
        double x = w->net_exposure[(size_t)i * (size_t)w->n + (size_t)hub];
        t->exposure[k] = x;
        t->exposure_share[k] = s->market_value > 0 ? x / s->market_value : 0.0;
        t->circ_now[k] = s->circularity;
        for (int u = 0; u <= T; u++)
            t->circ_peak[k] = fmax(t->circ_peak[k], sim_snap(w, u, i)->circularity);
        t->circ_contract[k] = ui_circ_contract(w, i, T, 1);
        if (t->circ_contract[k] >= 0.005)
            t->n_contract++;
    }
    /* After a default, what each one lost on the hub, against its value before. */
    t->hub_failed = w->actors[hub].defaulted;
    for (int e = 0; t->hub_failed && e < w->n_events; e++) {
        const SimEvent *ev = &w->events[e];
        if ((ev->kind != SIM_LOG_WRITEDOWN && ev->kind != SIM_LOG_GUARANTEE) || ev->other != hub)
            continue;
        for (int k = 0; k < t->n; k++)
            if (t->actor[k] == ev->actor) {
                t->lost[k] += ev->amount;
                int before = ev->turn > 0 ? ev->turn : 0; /* the snapshot before that month */
                double v = sim_snap(w, before, ev->actor)->market_value;
                t->lost_share[k] = v > 0 ? t->lost[k] / v : 0.0;
            }
    }
    /* Largest exposure (after a default: loss) first (a stable insertion sort: the actor order
     * breaks ties). */
    for (int a = 1; a < t->n; a++)
        for (int b = a; b > 0 && (t->hub_failed ? t->lost[b] > t->lost[b - 1]
                                                : t->exposure[b] > t->exposure[b - 1]);
             b--) {
#define SWAP(arr, T_)                                                                              \
    do {                                                                                           \
        T_ tmp = arr[b];                                                                           \
        arr[b] = arr[b - 1];                                                                       \
        arr[b - 1] = tmp;                                                                          \
    } while (0)
            SWAP(t->actor, int);
            SWAP(t->exposure, double);
            SWAP(t->exposure_share, double);
            SWAP(t->circ_now, double);
            SWAP(t->circ_peak, double);
            SWAP(t->circ_contract, double);
            SWAP(t->lost, double);
            SWAP(t->lost_share, double);
#undef SWAP
        }
}

/* A tile: its heading, a big figure and a sentence under it; returns where the body starts. */
/* 1 in an enlarged layout's short canvas (under 640 units high: projector size), where every
 * block is drawn a little tighter so that the lower tiles keep room for their bars. */
static int short_canvas(UiDraw *d)
{
    int oh = 0;
    if (SDL_GetRendererOutputSize(ui_draw_renderer(d), NULL, &oh) != 0)
        return 0;
    return (float)oh / ui_px(d, 1) < 640.0f;
}

/* 1 where a tile's figure goes on its heading's line, at the right (the short canvas, where both
 * fit the tile's width r_w): the sentence then starts a line higher. */
static int figure_inline(UiDraw *d, float r_w, const char *heading, const char *figure,
                         double fig_pt)
{
    if (!figure || !short_canvas(d))
        return 0;
    int hw = 0, fw = 0;
    ui_text_size(d, heading, ui_px(d, 14), 1, &hw, NULL);
    ui_text_size(d, figure, ui_px(d, fig_pt), 1, &fw, NULL);
    return (float)(hw + fw) + ui_px(d, 24) <= r_w - 2 * ui_px(d, 20);
}

static float tile(UiDraw *d, SDL_FRect r, const char *heading, const char *figure,
                  const char *sentence, SDL_Color accent, double pt, double fig_pt)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_fill_round_rect(d, r, ui_px(d, 10), ui_shade(th->bg, 0.06));
    ui_fill_rect(d, (SDL_FRect){r.x, r.y + ui_px(d, 10), ui_px(d, 5), r.h - ui_px(d, 20)}, accent);
    float pad = ui_px(d, 20), x = r.x + pad, y = r.y + ui_px(d, short_canvas(d) ? 12 : 16);
    float w = r.w - 2 * pad;
    /* In the short canvas a smaller heading leaves room beside it for a bar chart's legend. */
    ui_text(d, heading, x, y, ui_px(d, short_canvas(d) ? 14 : 16), 1, th->text_dim, UI_LEFT);
    if (figure_inline(d, r.w, heading, figure, fig_pt)) {
        ui_text(d, figure, x + w, y - ui_px(d, 4), ui_px(d, fig_pt), 1, accent, UI_RIGHT);
        y += ui_px(d, fig_pt * 1.2 + 4);
    } else if (figure) {
        y += ui_px(d, short_canvas(d) ? 24 : 28);
        ui_text(d, figure, x, y, ui_px(d, fig_pt), 1, accent, UI_LEFT);
        y += ui_px(d, fig_pt + (short_canvas(d) ? 10 : 14));
    } else {
        y += ui_px(d, short_canvas(d) ? 24 : 28);
    }
    /* As many lines as the tile holds (four at most); the last ends in an ellipsis if cut. */
    int lines = (int)((r.y + r.h - ui_px(d, 6) - y) / (ui_px(d, pt) * 1.35f));
    if (sentence)
        y += ui_text_wrapped(d, sentence, x, y, w, ui_px(d, pt), 0, th->text,
                             lines < 1   ? 1
                             : lines > 4 ? 4
                                         : lines);
    return y + ui_px(d, 8);
}

/* The scale of a bar chart: 0..1 as 0-100% (circularity), or money from 0 to a round figure at
 * or above vmax ($B: 1, 2, 2.5, 5 times a power of ten), in `ticks` steps. */
static double axis_top(double vmax, int money, int *ticks)
{
    *ticks = 4;
    if (!money)
        return 1.0;
    double p = 1.0;
    while (p * 10.0 < vmax)
        p *= 10.0;
    while (p > vmax && p > 1e-3)
        p /= 10.0;
    static const double m[] = {1, 2, 2.5, 5, 10};
    static const int t[] = {4, 4, 5, 5, 4};
    for (int k = 0; k < 5; k++)
        if (m[k] * p >= vmax) {
            *ticks = t[k];
            return m[k] * p;
        }
    return 10 * p;
}

/* The figure at tick k of an axis from bx in width bw, and its left and right ends drawn. */
static void tick_label(UiDraw *d, float bx, float bw, double vmax, int money, int k, int ticks,
                       char *t, size_t tsz, float *x0, float *x1)
{
    double v = vmax * k / ticks;
    if (money)
        ui_fmt_money(v, t, tsz);
    else
        snprintf(t, tsz, "%.0f%%", 100.0 * v);
    int tw = 0;
    ui_text_size(d, t, ui_px(d, 13), 0, &tw, NULL);
    float x = bx + bw * (float)k / (float)ticks;
    *x0 = k == 0 ? x : k == ticks ? x - (float)tw : x - (float)tw / 2;
    *x1 = *x0 + (float)tw;
}

/* The axis under bars from bx to bx + bw (figures at the ticks) with grid lines up to `top`.
 * Where neighbouring figures would touch (a narrow tile, long Chinese figures), only every
 * second (third, ...) tick has one. */
static void bars_axis(UiDraw *d, float bx, float bw, float top, float y, double vmax, int money,
                      int ticks)
{
    const UiTheme *th = ui_draw_theme(d);
    float pt = ui_px(d, 13), x0, x1, end;
    char t[32];
    int step = 1;
    for (; step < ticks; step++) {
        int clash = 0;
        end = -1e9f;
        for (int k = 0; k <= ticks && !clash; k += step) {
            tick_label(d, bx, bw, vmax, money, k, ticks, t, sizeof t, &x0, &x1);
            clash = x0 < end + ui_px(d, 6);
            end = x1;
        }
        if (!clash)
            break;
    }
    ui_line(d, bx, y, bx + bw, y, ui_px(d, 1), th->axis);
    for (int k = 0; k <= ticks; k++) {
        float x = bx + bw * (float)k / (float)ticks;
        ui_line(d, x, top, x, y + ui_px(d, 4), ui_px(d, 1), k ? th->grid : th->axis);
        if (k % step)
            continue;
        tick_label(d, bx, bw, vmax, money, k, ticks, t, sizeof t, &x0, &x1);
        ui_text(d, t, x0, y + ui_px(d, 5), pt, 0, th->text_dim, UI_LEFT);
    }
}

/* The legend of bars, in a row ending at `right` on the line y (the tile's heading): the bar
 * (`what`), the peak's tick, the outline by contract (those drawn). */
static void bars_legend(UiDraw *d, float right, float y, SDL_Color c, int with_peak, int with_outer,
                        const char *what)
{
    const UiTheme *th = ui_draw_theme(d);
    /* Closer together in the short canvas, clear of the tile's heading. */
    float pt = ui_px(d, 13), sw = ui_px(d, 16), sh = ui_px(d, 10);
    float gap = ui_px(d, short_canvas(d) ? 8 : 16);
    const char *names[3] = {what, ui_tr("takeaway.legend.peak"), ui_tr("takeaway.legend.contract")};
    int on[3] = {1, with_peak, with_outer};
    float width = 0;
    for (int k = 0; k < 3; k++) {
        int tw = 0;
        ui_text_size(d, names[k], pt, 0, &tw, NULL);
        width += on[k] ? sw + ui_px(d, 5) + (float)tw + gap : 0;
    }
    float x = right - width + gap;
    for (int k = 0; k < 3; k++) {
        if (!on[k])
            continue;
        SDL_FRect r = {x, y - sh / 2, sw, sh};
        if (k == 0)
            ui_fill_rect(d, r, c);
        else if (k == 1)
            ui_fill_rect(d, (SDL_FRect){x + sw / 2 - ui_px(d, 1.5), y - sh, ui_px(d, 3), sh * 2},
                         th->text_dim);
        else
            ui_stroke_round_rect(d, r, 0, ui_px(d, 1.5), c);
        int tw =
            ui_text(d, names[k], x + sw + ui_px(d, 5), y, pt, 0, th->text_dim, UI_LEFT | UI_MIDDLE);
        x += sw + ui_px(d, 5) + (float)tw + gap;
    }
}

/* Horizontal bars in [x, x + w) on an absolute scale (money: $B from 0 to a round figure over
 * vmax; else 0-100%), name, bar, value text, an axis and a legend (`what` names the bar) under
 * them; returns the count drawn. */
static int bars(UiDraw *d, SDL_FRect tile_r, float y, const SimWorld *w_, const int *actor,
                const double *v, const double *peak, const double *outer, const char *const *label,
                int n, double vmax, int money, const char *what, SDL_Color c)
{
    const UiTheme *th = ui_draw_theme(d);
    float x = tile_r.x + ui_px(d, 20), w = tile_r.w - ui_px(d, 40);
    int tight = short_canvas(d);
    float lh = ui_px(d, 28), text_w = ui_px(d, 150), pt = ui_px(d, tight ? 13 : 16);
    float gap = ui_px(d, 12), vpt = ui_px(d, tight ? 13 : 15), least = ui_px(d, tight ? 16 : 20);
    int ticks = 4;
    vmax = axis_top(vmax, money, &ticks);
    /* The axis's figures under the rows; the rows closer together when they would not fit. */
    float bottom = tile_r.y + tile_r.h - ui_px(d, 10) - ui_px(d, 13) * 1.5f - ui_px(d, 8);
    if (n > 0 && (bottom - y) / (float)n < lh)
        lh = fmaxf(least, (bottom - y) / (float)n);
    /* The value column as wide as its widest label (a label with the figure by contract is
     * longer), up to a third of the row. */
    for (int k = 0; k < n; k++) {
        int tw = 0;
        ui_text_size(d, label[k], vpt, 1, &tw, NULL);
        text_w = fmaxf(text_w, (float)tw + ui_px(d, 20));
    }
    text_w = fminf(text_w, w / 3.0f);
    /* The name column as wide as its widest name, up to two fifths of the row; a longer name
     * is shortened with intent (core_name.h) to fit it. */
    float name_w = ui_px(d, 60);
    for (int k = 0; k < n; k++) {
        int tw = 0;
        ui_text_size(d, core_tr_content(w_->sc->actors[actor[k]].name), pt, 0, &tw, NULL);
        name_w = fmaxf(name_w, (float)tw + gap);
    }
    name_w = fminf(name_w, w * 0.4f);
    float bw = w - name_w - text_w, top = y;
    int drawn = 0, any_peak = 0, any_outer = 0;
    char fit[128];
    for (int k = 0; k < n && y + lh <= bottom; k++, y += lh) {
        ui_text_fit_short(d, core_tr_content(w_->sc->actors[actor[k]].name), 0, pt, 0, name_w - gap,
                          fit, sizeof fit);
        ui_text(d, fit, x, y + lh / 2, pt, 0, th->text, UI_LEFT | UI_MIDDLE);
        float len = (float)(fmin(v[k], vmax) / vmax) * bw;
        SDL_FRect bar = {x + name_w, y + ui_px(d, 6), fmaxf(len, 0.0f), lh - ui_px(d, 12)};
        ui_fill_rect(d, (SDL_FRect){x + name_w, bar.y, bw, bar.h}, ui_shade(th->bg, 0.1));
        if (bar.w > 0)
            ui_fill_rect(d, bar, c);
        if (outer && outer[k] > v[k]) {
            /* The figure by contract: an outline from 0, the range beyond the filled bar. */
            float ow = (float)(fmin(outer[k], vmax) / vmax) * bw;
            ui_stroke_round_rect(d, (SDL_FRect){x + name_w, bar.y, ow, bar.h}, 0, ui_px(d, 1.5), c);
            any_outer = 1;
        }
        if (peak && peak[k] > v[k]) {
            float px = x + name_w + (float)(fmin(peak[k], vmax) / vmax) * bw;
            ui_fill_rect(d,
                         (SDL_FRect){px - ui_px(d, 1.5), bar.y - ui_px(d, 3), ui_px(d, 3),
                                     bar.h + ui_px(d, 6)},
                         th->text_dim);
            any_peak = 1;
        }
        ui_text(d, label[k], x + name_w + bw + ui_px(d, 10), y + lh / 2, vpt, 1, th->text,
                UI_LEFT | UI_MIDDLE);
        drawn++;
    }
    if (drawn > 0) {
        bars_axis(d, x + name_w, bw, top, y + ui_px(d, 4), vmax, money, ticks);
        if (drawn < n) { /* the rows left out, counted under the figures */
            char num[16], more[64];
            snprintf(num, sizeof num, "%d", n - drawn);
            ui_trf(more, sizeof more, "chart.legend.more", num, NULL);
            ui_text(d, more, x + name_w + bw + ui_px(d, 10), y + ui_px(d, 4 + 5), ui_px(d, 13), 0,
                    th->text_dim, UI_LEFT);
        }
        bars_legend(d, tile_r.x + tile_r.w - ui_px(d, 20), tile_r.y + ui_px(d, 16 + 8), c, any_peak,
                    any_outer, what);
    }
    return drawn;
}

/* Tile 3: money that goes round, one bar per firm with a circular share. */
static void circ_tile(UiDraw *d, SDL_FRect r, const SimWorld *w, const UiTakeaway *t,
                      const char *hub, double pt)
{
    const UiTheme *th = ui_draw_theme(d);
    char p1[16], p2[16];
    char circ_text[UI_TAKEAWAY_ACTORS][96];
    const char *circ_label[UI_TAKEAWAY_ACTORS] = {0};
    int circ_actor[UI_TAKEAWAY_ACTORS] = {0}, nc = 0;
    double cv[UI_TAKEAWAY_ACTORS] = {0}, cp[UI_TAKEAWAY_ACTORS] = {0}, co[UI_TAKEAWAY_ACTORS] = {0};
    for (int k = 0; k < t->n; k++)
        if (t->circ_peak[k] > 0.0005 || t->circ_contract[k] >= 0.005) {
            circ_actor[nc] = t->actor[k];
            cv[nc] = t->circ_now[k];
            cp[nc] = t->circ_peak[k];
            co[nc] = t->circ_contract[k] >= 0.005 ? t->circ_contract[k] : 0.0;
            snprintf(p1, sizeof p1, "%.0f", 100 * t->circ_now[k]);
            snprintf(p2, sizeof p2, "%.0f", 100 * t->circ_peak[k]);
            if (co[nc] > 0.0) {
                char p3[16];
                snprintf(p3, sizeof p3, "%.0f", 100 * co[nc]);
                ui_trf(circ_text[nc], sizeof circ_text[nc], "takeaway.circular.label_contract", p1,
                       p2, p3, NULL);
            } else {
                ui_trf(circ_text[nc], sizeof circ_text[nc], "takeaway.circular.label", p1, p2,
                       NULL);
            }
            circ_label[nc] = circ_text[nc];
            nc++;
        }
    /* Both figures when the hub has vendors with one by contract: the range is the lesson. */
    char circ_sent[768];
    if (t->n_contract > 0)
        ui_trf(circ_sent, sizeof circ_sent, "takeaway.circular.some_range", hub, NULL);
    else
        snprintf(circ_sent, sizeof circ_sent, "%s",
                 ui_tr(nc > 0 ? "takeaway.circular.some" : "takeaway.circular.none"));
    float body = tile(d, r, ui_tr("takeaway.head.circular"), NULL, circ_sent, th->glow, pt, 0);
    /* On the scale of 0-100%, whatever the largest: 19% is a fifth of the bar. */
    bars(d, r, body, w, circ_actor, cv, cp, co, circ_label, nc, 1.0, 0,
         ui_tr("takeaway.legend.now"), th->glow);
}

/* Tile 4: who holds the exposure (after a default: who lost); returns the number of bars. */
static int exposure_tile(UiDraw *d, SDL_FRect r, const SimWorld *w, const UiTakeaway *t,
                         const char *hub, double pt)
{
    const UiTheme *th = ui_draw_theme(d);
    char a[32], p1[16], sent[512];
    char ex_text[UI_TAKEAWAY_ACTORS][48];
    const char *ex_label[UI_TAKEAWAY_ACTORS] = {0};
    const double *ex = t->hub_failed ? t->lost : t->exposure;
    const double *ex_share = t->hub_failed ? t->lost_share : t->exposure_share;
    int ne = 0;
    double emax = 0;
    for (int k = 0; k < t->n; k++) {
        if (ex[k] <= 0.0005)
            break;
        snprintf(p1, sizeof p1, "%.0f", 100 * ex_share[k]);
        ui_trf(ex_text[k], sizeof ex_text[k], "takeaway.exposure.label",
               ui_fmt_money(ex[k], a, sizeof a), p1, NULL);
        ex_label[k] = ex_text[k];
        emax = fmax(emax, ex[k]);
        ne++;
    }
    ui_trf(sent, sizeof sent,
           t->hub_failed ? "takeaway.exposure.lost"
           : ne > 0      ? "takeaway.exposure.some"
                         : "takeaway.exposure.none",
           hub, NULL);
    float body =
        tile(d, r, ui_tr(t->hub_failed ? "takeaway.head.hub_failed" : "takeaway.head.hub_fails"),
             NULL, sent, th->down, pt, 0);
    return bars(d, r, body, w, t->actor, ex, NULL, NULL, ex_label, ne, emax > 0 ? emax : 1, 1,
                ui_tr(t->hub_failed ? "takeaway.legend.lost" : "takeaway.legend.exposure"),
                th->down);
}

/* The questions for discussion, numbered, in the band g->questions at the foot. */
static void draw_questions(UiDraw *d, const char *const *questions, int n_questions, float pad,
                           float W, float H, float qh, UiTakeawayGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    char n[16];
    g->questions = (SDL_FRect){pad, H - pad - qh, W - 2 * pad, qh};
    float qy = g->questions.y;
    int snug = short_canvas(d);
    ui_text(d, ui_tr("takeaway.discuss"), pad, qy, ui_px(d, snug ? 14 : 16), 1, th->text_dim,
            UI_LEFT);
    qy += ui_px(d, snug ? 24 : 30);
    for (int k = 0; k < n_questions && qy + ui_px(d, 24) <= H - pad + 1; k++) {
        char q[600];
        snprintf(n, sizeof n, "%d", k + 1);
        ui_trf(q, sizeof q, "takeaway.question", n, core_tr_content(questions[k]), NULL);
        qy +=
            ui_text_wrapped(d, q, pad, qy, W - 2 * pad, ui_px(d, snug ? 14 : 18), 0, th->text, 2) +
            ui_px(d, snug ? 3 : 7);
    }
}

/* The height of the questions' band: its heading and each question whole on up to two lines. */
static float questions_h(UiDraw *d, const char *const *questions, int n_questions, float width)
{
    int snug = short_canvas(d);
    float h = ui_px(d, snug ? 24 : 30);
    char n[16], q[600];
    for (int k = 0; k < n_questions; k++) {
        snprintf(n, sizeof n, "%d", k + 1);
        ui_trf(q, sizeof q, "takeaway.question", n, core_tr_content(questions[k]), NULL);
        h += ui_text_wrapped_height(d, q, width, ui_px(d, snug ? 14 : 18), 0, 2) +
             ui_px(d, snug ? 3 : 7);
    }
    return h + ui_px(d, 4);
}

void ui_takeaway_draw(UiDraw *d, int width, int height, const SimWorld *w,
                      const char *const *questions, int n_questions, const char *hint,
                      UiTakeawayGeom *g)
{
    UiTakeawayGeom local;
    if (!g)
        g = &local;
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    SDL_FRect screen = ui_fill_window(d, width, height);
    float W = screen.w, H = screen.h;
    UiTakeaway t;
    ui_takeaway_compute(w, &t);
    const char *hub = core_tr_content(w->sc->actors[w->sc->hub].name);
    char a[32], b[32], c[32], m[48], sent[512];

    float pad = ui_px(d, 24), y = pad;
    /* In the short canvas the subtitle goes beside the title, the keys to the foot. */
    int tight = short_canvas(d), title_w = 0, hint_w = 0, sub_w = 0;
    ui_text(d, ui_tr("takeaway.title"), pad, y, ui_px(d, 32), 1, th->text, UI_LEFT);
    ui_text_size(d, ui_tr("takeaway.title"), ui_px(d, 32), 1, &title_w, NULL);
    char n[16], p1[16];
    snprintf(n, sizeof n, "%d", w->turn);
    ui_trf(sent, sizeof sent, "takeaway.subtitle", core_tr_content(w->sc->title), n, NULL);
    ui_text_size(d, sent, ui_px(d, 17), 0, &sub_w, NULL);
    tight = tight && (float)(title_w + sub_w) + ui_px(d, 24) <= W - 2 * pad;
    if (tight)
        ui_text(d, sent, pad + (float)title_w + ui_px(d, 24), y + ui_px(d, 12), ui_px(d, 17), 0,
                th->text_dim, UI_LEFT);
    else
        ui_text(d, sent, pad, y + ui_px(d, 44), ui_px(d, 17), 0, th->text_dim, UI_LEFT);
    /* The keys beside the title, or at the foot of the screen where they would touch it. */
    if (hint)
        ui_text_size(d, hint, ui_px(d, 15), 0, &hint_w, NULL);
    if (hint && !tight && (float)(title_w + hint_w) + ui_px(d, 24) <= W - 2 * pad)
        ui_text(d, hint, W - pad, y + ui_px(d, 10), ui_px(d, 15), 0, th->text_dim, UI_RIGHT);
    else if (hint)
        ui_text(d, hint, W - pad, H - pad / 2, ui_px(d, 12), 0, th->text_dim, UI_RIGHT | UI_MIDDLE);
    y += ui_px(d, tight ? 46 : 80);

    float qh = n_questions > 0 ? questions_h(d, questions, n_questions, W - 2 * pad) : 0.0f;
    if (qh > H * 0.3f)
        qh = H * 0.3f;
    /* The two figures and their sentences first: the upper row is as tall as they need. */
    char fig1[64], sent1[512], fig2[64], sent2[512];
    ui_fmt_money(t.announced, fig1, sizeof fig1);
    if (t.partners_gain > 0) {
        snprintf(p1, sizeof p1, "%.0f", 100.0 * t.announced / t.partners_gain);
        ui_trf(sent1, sizeof sent1, "takeaway.announced.gain",
               ui_fmt_money(t.partners_gain, a, sizeof a), p1, NULL);
    } else {
        ui_trf(sent1, sizeof sent1, "takeaway.announced.loss",
               ui_fmt_money(-t.partners_gain, a, sizeof a), NULL);
    }
    snprintf(p1, sizeof p1, "%.1f", t.leverage_peak);
    ui_trf(fig2, sizeof fig2, "takeaway.years", p1, NULL);
    core_tr_month(w->sc->start + t.leverage_peak_turn - 1, m, sizeof m);
    snprintf(p1, sizeof p1, "%.1f", t.leverage_now);
    ui_trf(sent2, sizeof sent2, "takeaway.obligations", hub, m, p1,
           ui_fmt_money(t.owed_all, b, sizeof b), ui_fmt_money(t.revenue, c, sizeof c), NULL);
    float gap = ui_px(d, 16), tw = (W - 2 * pad - gap) / 2;
    float avail = H - y - pad - qh - gap - (qh > 0 ? gap : 0);
    float text_w = tw - 2 * ui_px(d, 20);
    /* The sentences in 17-unit type, smaller (down to 14, to 13 in the short canvas) where the
     * upper row cannot hold them (projector size); the upper row takes at most 55% of the room,
     * the lower tiles' bars the rest. */
    int snug = short_canvas(d);
    double pt = 17, fig = snug ? 32 : 44, least = snug ? 13 : 14;
    float head = ui_px(d, snug ? 12 + 24 + fig + 10 + 4 + 6 : 16 + 28 + fig + 14 + 8 + 12);
    float share = 0.55f;
    if (figure_inline(d, tw, ui_tr("takeaway.head.announced"), fig1, fig) &&
        figure_inline(d, tw, ui_tr("takeaway.head.obligations"), fig2, fig))
        head = ui_px(d, 16 + fig * 1.2 + 4 + 8 + 12);
    /* In the short canvas the lower tiles keep room for two rows of bars under sentences of three
     * lines in 13-unit type: the upper row gets what is left, if less than 55%. */
    double low_pt = snug ? 13 : 0;
    if (snug) {
        float low_need = ui_px(d, 16 + 24 + 3 * 13 * 1.35 + 8 + 2 * 16 + 13 * 1.5 + 18 + 6);
        if (avail - low_need < avail * share)
            share = (avail - low_need) / avail;
    }
    float need = 0;
    for (; pt >= least; pt -= 1) {
        need = fmaxf(ui_text_wrapped_height(d, sent1, text_w, ui_px(d, pt), 0, 4),
                     ui_text_wrapped_height(d, sent2, text_w, ui_px(d, pt), 0, 4));
        if (head + need <= avail * share || pt <= least)
            break;
    }
    /* Whole sentences come first: the row takes what they need at the smallest type, up to 55%. */
    float top_h = fminf(head + need, avail * 0.55f);
    float low_h = avail - top_h;
    for (int k = 0; k < 4; k++)
        g->tile[k] = (SDL_FRect){pad + (float)(k % 2) * (tw + gap), k < 2 ? y : y + top_h + gap, tw,
                                 k < 2 ? top_h : low_h};
    tile(d, g->tile[0], ui_tr("takeaway.head.announced"), fig1, sent1, th->family[UI_FAM_EQUITY],
         pt, fig);
    tile(d, g->tile[1], ui_tr("takeaway.head.obligations"), fig2, sent2, th->family[UI_FAM_PAYMENT],
         pt, fig);

    circ_tile(d, g->tile[2], w, &t, hub, low_pt > 0 ? low_pt : pt);
    g->n_bars = exposure_tile(d, g->tile[3], w, &t, hub, low_pt > 0 ? low_pt : pt);
    if (n_questions > 0)
        draw_questions(d, questions, n_questions, pad, W, H, qh, g);
}
