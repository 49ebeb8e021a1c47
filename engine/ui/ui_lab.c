/* ui_lab: the lab's panel and picker (see ui_lab.h). */
#include "ui_lab.h"

#include "core_text.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

SDL_Color ui_lab_faint(const UiDraw *d, const SimWorld *w, int i)
{
    SDL_Color c = ui_chart_actor_color(w, i), bg = ui_draw_theme(d)->bg;
    return (SDL_Color){(Uint8)((c.r * 9 + bg.r * 11) / 20), (Uint8)((c.g * 9 + bg.g * 11) / 20),
                       (Uint8)((c.b * 9 + bg.b * 11) / 20), 255};
}

/* ---------------------------------------------------------------- the two runs */

/* One figure of actor i in both runs, month by month to the later end: the run before faint and
 * wide, this version's over it, the hub's default in this version marked. */
static void draw_runs(UiDraw *d, SDL_FRect area, const UiLab *lab, int i, int cash,
                      const char *title, UiChartGeom *g)
{
    const SimWorld *a = lab->now, *b = lab->before;
    int len = a->turn + 1;
    if (b && b->turn + 1 > len)
        len = b->turn + 1;
    double *v = malloc(2 * (size_t)len * sizeof *v);
    if (!v)
        return;
    for (int t = 0; t < len; t++) {
        const SimSnap *s = t <= a->turn ? sim_snap(a, t, i) : NULL;
        const SimSnap *z = b && t <= b->turn ? sim_snap(b, t, i) : NULL;
        v[t] = s ? (cash ? s->cash : s->market_value) : NAN;
        v[len + t] = z ? (cash ? z->cash : z->market_value) : NAN;
    }
    /* The hub's default in each run, marked on its line: the state after the month it came. */
    int mark = sim_default_turn(a, a->sc->hub), mark_b = b ? sim_default_turn(b, b->sc->hub) : -1;
    mark = mark >= 0 ? mark + 1 : -1;
    mark_b = mark_b >= 0 ? mark_b + 1 : -1;
    UiSeries se[2] = {{.name = ui_tr("lab.chart.before"),
                       .color = ui_lab_faint(d, a, i),
                       .y = v + len,
                       .n = b ? len : 0,
                       .marks = mark_b >= 0 && mark_b < len ? &mark_b : NULL,
                       .n_marks = mark_b >= 0 && mark_b < len,
                       .width = 5},
                      {.name = ui_tr("lab.chart.now"),
                       .color = ui_chart_actor_color(a, i),
                       .y = v,
                       .n = len,
                       .marks = mark >= 0 && mark < len ? &mark : NULL,
                       .n_marks = mark >= 0 && mark < len,
                       .width = 2.5f}};
    static const int order[2] = {1, 0}; /* "this version" first */
    UiChartSpec spec = {.title = title,
                        .legend_order = b ? order : NULL,
                        .month0 = a->sc->start - 1,
                        .x_max = len - 1 > 6 ? len - 1 : 6,
                        .yfmt = UI_Y_MONEY,
                        .ref_line = NAN,
                        .include_zero = cash,
                        .legend_top = 1};
    double scale = ui_draw_scale(d);
    ui_draw_set_scale(d, scale * 0.7);
    ui_chart_lines(d, area, &spec, b ? se : se + 1, b ? 2 : 1, g);
    ui_draw_set_scale(d, scale);
    free(v);
}

/* ---------------------------------------------------------------- the console */

static SDL_Color line_color(const UiTheme *th, int kind)
{
    switch (kind) {
    case UI_LAB_ERROR:
        return th->down;
    case UI_LAB_DROPPED:
        return th->family[UI_FAM_LOAN];
    case UI_LAB_PRINT:
        return th->text;
    default:
        return th->text_dim;
    }
}

/* The console's lines, the newest at the bottom (scrolled back by lab->scroll), each wrapped to
 * the box's width (an error up to 4 lines, others up to 2): the lines are drawn from the newest
 * up while they fit. */
static void draw_console(UiDraw *d, SDL_FRect box, const UiLab *lab, UiLabGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    g->console = box;
    ui_fill_rect(d, box, ui_shade(th->bg, -0.25));
    float pad = ui_px(d, 6), size = ui_px(d, 12), gap = ui_px(d, 3), wi = box.w - 2 * pad;
    if (lab->n_lines == 0) {
        ui_text_wrapped(d, ui_tr("lab.console.empty"), box.x + pad, box.y + pad, wi, size, 0,
                        th->text_dim, 3);
        return;
    }
    int last = lab->n_lines - 1 - (lab->scroll > 0 ? lab->scroll : 0);
    if (last < 0)
        last = 0;
    float y = box.y + box.h - pad, top = box.y + pad;
    int first = last + 1;
    for (int k = last; k >= 0; k--) {
        int err = lab->kinds[k] == UI_LAB_ERROR;
        float h = ui_text_wrapped_height(d, lab->lines[k], wi, size, err, err ? 4 : 2);
        if (y - h < top)
            break;
        y -= h;
        ui_text_wrapped(d, lab->lines[k], box.x + pad, y, wi, size, err,
                        line_color(th, lab->kinds[k]), err ? 4 : 2);
        y -= gap;
        first = k;
    }
    g->first_line = first;
    g->shown = last - first + 1;
}

void ui_lab_draw(UiDraw *d, SDL_FRect area, const UiLab *lab, UiLabGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = th->family[UI_FAM_EQUITY];
    g->box = area;
    ui_draw_plate(d); /* over the chart panel, on purpose */
    ui_fill_rect(d, area, ui_shade(th->bg, 0.05));
    ui_fill_rect(d, (SDL_FRect){area.x, area.y, ui_px(d, 3), area.h}, accent);
    float pad = ui_px(d, 14), x = area.x + pad, wi = area.w - 2 * pad, y = area.y + pad;
    /* A short panel (a 720-unit canvas, the enlarged layout of a projector) keeps room for a chart
     * of the two runs: the status (the controls bar says the version too) left out, the sentence on
     * four lines. */
    int shortp = area.h < ui_px(d, 640);
    y += ui_text_wrapped(d, lab->title, x, y, wi, ui_px(d, 20), 1, th->text, 2) + ui_px(d, 4);
    if (!shortp)
        y += ui_text_wrapped(d, lab->status, x, y, wi, ui_px(d, 13), 0, th->text_dim, 3) +
             ui_px(d, 4);
    if (lab->sentence && lab->sentence[0])
        y +=
            ui_text_wrapped(d, lab->sentence, x, y, wi, ui_px(d, 14), 0, th->text, shortp ? 4 : 5) +
            ui_px(d, 6);
    float keys_h = ui_text_wrapped_height(d, ui_tr("lab.keys"), wi, ui_px(d, 12), 0, 3);
    float bottom = area.y + area.h - ui_px(d, 6) - keys_h;
    float left = bottom - y;
    /* The charts take half of what is left when there is a run (one, the hub's value, more in a
     * short panel), the console the rest; none when even one would have no plot. */
    int charts = left >= ui_px(d, 520) ? 2 : left >= ui_px(d, 150) ? 1 : 0;
    if (lab->now && charts) {
        float ch = (left * (charts == 1 ? 0.55f : 0.5f) - ui_px(d, 8)) / (float)charts;
        int hub = lab->now->sc->hub;
        char t1[256], t2[256];
        ui_trf(t1, sizeof t1, "lab.chart.value", core_tr_content(lab->now->sc->actors[hub].name),
               NULL);
        ui_trf(t2, sizeof t2, "lab.chart.cash",
               core_tr_content(lab->now->sc->actors[lab->actor].name), NULL);
        draw_runs(d, (SDL_FRect){x, y, wi, ch}, lab, hub, 0, t1, &g->value);
        y += ch + ui_px(d, 4);
        if (charts == 2) {
            draw_runs(d, (SDL_FRect){x, y, wi, ch}, lab, lab->actor, 1, t2, &g->cash);
            y += ch + ui_px(d, 4);
        }
        y += ui_px(d, 4);
    }
    ui_text(d, ui_tr("lab.console.title"), x, y, ui_px(d, 14), 1, th->text, UI_LEFT);
    y += ui_px(d, 20);
    if (bottom - ui_px(d, 6) - y > ui_px(d, 24))
        draw_console(d, (SDL_FRect){x, y, wi, bottom - ui_px(d, 6) - y}, lab, g);
    ui_text_wrapped(d, ui_tr("lab.keys"), x, bottom, wi, ui_px(d, 12), 0, th->text_dim, 3);
}

/* ---------------------------------------------------------------- the picker */

void ui_lab_pick_draw(UiDraw *d, int ow, int oh, const UiLabPick *pk, UiLabPickGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    float bw = ui_px(d, 640), bh = ui_px(d, 520);
    if (bw > (float)ow * 0.9f)
        bw = (float)ow * 0.9f;
    if (bh > (float)oh * 0.9f)
        bh = (float)oh * 0.9f;
    SDL_FRect box = {((float)ow - bw) / 2, ((float)oh - bh) / 2, bw, bh};
    g->box = box;
    ui_draw_plate(d); /* over the screen, on purpose */
    ui_dim_around(d, (SDL_FRect){0, 0, (float)ow, (float)oh}, box, ui_alpha(th->bg, 190));
    ui_fill_round_rect(d, box, ui_px(d, 10), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 10), ui_px(d, 2), th->axis);
    float pad = ui_px(d, 20), x = box.x + pad, wi = box.w - 2 * pad, y = box.y + pad;
    ui_text(d, pk->title, x, y, ui_px(d, 22), 1, th->text, UI_LEFT);
    y += ui_px(d, 34);
    y += ui_text_wrapped(d, pk->question, x, y, wi, ui_px(d, 15), 0, th->text, 3) + ui_px(d, 8);
    char buf[1200], cut[1200];
    if (pk->typed) {
        ui_trf(buf, sizeof buf, "lab.pick.path", pk->typed, NULL);
        size_t n = strlen(buf);
        if (n + 2 < sizeof buf)
            memcpy(buf + n, "_", 2); /* the caret */
        ui_text_fit(d, buf, ui_px(d, 15), 1, wi, cut, sizeof cut);
        ui_text(d, cut, x, y, ui_px(d, 15), 1, th->family[UI_FAM_EQUITY], UI_LEFT);
        y += ui_px(d, 28);
    }
    float keys_y = box.y + box.h - pad - ui_px(d, 16);
    float rh = ui_px(d, 26);
    int fit = (int)((keys_y - ui_px(d, 6) - y) / rh);
    fit = fit > 64 ? 64 : fit;
    int first = 0;
    if (fit > 0 && pk->sel >= fit)
        first = pk->sel - fit + 1;
    g->first = first;
    for (int k = first; k < pk->n_rows && k - first < fit; k++) {
        SDL_FRect r = {x - ui_px(d, 6), y, wi + ui_px(d, 12), rh - ui_px(d, 2)};
        g->row[k - first] = r;
        if (k == pk->sel)
            ui_fill_round_rect(d, r, ui_px(d, 5), ui_shade(th->panel, 0.18));
        ui_text_fit(d, pk->rows[k], ui_px(d, 15), k == pk->sel, wi, cut, sizeof cut);
        ui_text(d, cut, x, y + (rh - ui_px(d, 2)) / 2, ui_px(d, 15), k == pk->sel, th->text,
                UI_LEFT | UI_MIDDLE);
        y += rh;
    }
    ui_text_fit(d, pk->keys, ui_px(d, 13), 0, wi, cut, sizeof cut);
    ui_text(d, cut, x, keys_y, ui_px(d, 13), 0, th->text_dim, UI_LEFT);
}

int ui_lab_pick_hit(const UiLabPickGeom *g, int n_rows, float x, float y)
{
    for (int k = 0; k < 64 && g->first + k < n_rows; k++) {
        SDL_FRect r = g->row[k];
        if (r.w > 0 && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h)
            return g->first + k;
    }
    return -1;
}
