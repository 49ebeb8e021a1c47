/* ui_chart: line charts and the sentiment gauge (see ui_chart.h). */
#include "ui_chart.h"

#include "core_name.h"
#include "core_text.h"
#include "ui_fmt.h"
#include "ui_map.h"
#include "ui_place.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI_F 3.14159265f

/* Logical sizes. */
#define TITLE_PT  24.0
#define TICK_PT   17.0
#define LEGEND_PT 18.0

static void fmt_y(UiYFormat f, double v, double step, char *buf, size_t n)
{
    if (f == UI_Y_MONEY)
        ui_fmt_money(v, buf, n);
    else if (f == UI_Y_PERCENT)
        snprintf(buf, n, step >= 1.0 || v == 0.0 ? "%.0f%%" : "%.1f%%", v);
    else if (step >= 1.0 || v == 0.0)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, step >= 0.1 ? "%.1f" : "%.2f", v);
}

/* A month step for the x axis that gives at most about `most` labels. */
static int month_step(int span, int most)
{
    static const int steps[] = {1, 2, 3, 6, 12, 24, 36, 60, 120};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
        if (span / steps[k] <= most)
            return steps[k];
    return 240;
}

/* The width of series s's entry in a legend row. */
static float legend_entry_w(UiDraw *d, const UiSeries *se, float legend_pt)
{
    int tw = 0, vw = 0;
    ui_text_size(d, se->name, legend_pt, 1, &tw, NULL);
    if (se->value_text)
        ui_text_size(d, se->value_text, legend_pt, 0, &vw, NULL);
    return ui_px(d, 36) + (float)tw + (se->value_text ? ui_px(d, 8) + (float)vw : 0.0f) +
           ui_px(d, 28);
}

/* Lays the legend's entries out in rows under the title in type of pixel size pt, as many as fit
 * area's width in each; brk[s] (when not NULL) is 1 where entry s starts a new row. Returns the
 * number of rows. */
static int legend_top_rows(UiDraw *d, SDL_FRect area, const UiSeries *series, int n, int *brk,
                           float pt)
{
    int rows = 1;
    float x = 0.0f, gap = ui_px(d, 28);
    for (int s = 0; s < n; s++) {
        float ew = legend_entry_w(d, &series[s], pt);
        int wrap = s > 0 && x + ew - gap > area.w;
        if (wrap) {
            rows++;
            x = 0.0f;
        }
        if (brk)
            brk[s] = wrap;
        x += ew;
    }
    return rows;
}

/* The series shown k-th in the legend column. */
static int legend_at(const UiChartSpec *spec, int k)
{
    return spec->legend_order ? spec->legend_order[k] : k;
}

/* The legend's measure: a column on the right (its width and how many entries it names) or
 * rows under the title (their height). */
typedef struct {
    float w, row_r, row_h; /* column width; a column row's height; height of the rows on top */
    float top_pt;          /* the rows' type (pixels) */
    int n_leg, n_more;     /* entries named; entries counted in "+N more" */
    char more_txt[64];
} Legend;

/* The legend column: as many entries as its height holds, in legend_order, the rest counted in a
 * last "+N more" entry; its width is the longest entry with the name's legal form dropped
 * (core_name level 1), at most 40% of the area. */
static void legend_measure(UiDraw *d, SDL_FRect area, const UiChartSpec *spec,
                           const UiSeries *series, int n_series, Legend *lg)
{
    float title_pt = ui_px(d, TITLE_PT), legend_pt = ui_px(d, LEGEND_PT);
    char buf[64];
    lg->w = 0.0f;
    lg->top_pt = legend_pt;
    lg->row_r = legend_pt * 1.45f;
    lg->n_leg = n_series;
    lg->n_more = 0;
    lg->more_txt[0] = '\0';
    if (!spec->no_legend && !spec->legend_top && n_series > 0) {
        float top0 = spec->title ? title_pt * 1.6f : ui_px(d, 8);
        int fit = (int)((area.h - top0 - ui_px(d, 8)) / lg->row_r);
        if (n_series > (fit > 1 ? fit : 1)) {
            lg->n_leg = fit > 1 ? fit - 1 : 0;
            lg->n_more = n_series - lg->n_leg;
            snprintf(buf, sizeof buf, "%d", lg->n_more);
            ui_trf(lg->more_txt, sizeof lg->more_txt, "chart.legend.more", buf, NULL);
            int tw = 0;
            ui_text_size(d, lg->more_txt, legend_pt, 0, &tw, NULL);
            lg->w = (float)tw + ui_px(d, 36 + 12);
        }
    }
    for (int k = 0; k < lg->n_leg && !spec->no_legend; k++) {
        const UiSeries *se = &series[legend_at(spec, k)];
        int tw = 0, vw = 0;
        char form[256];
        ui_text_size(d, se->name ? core_name_short(se->name, 1, form, sizeof form) : "", legend_pt,
                     1, &tw, NULL);
        if (se->value_text)
            ui_text_size(d, se->value_text, legend_pt, 0, &vw, NULL);
        float need = (float)(tw + vw) + ui_px(d, 36 + 12 + (se->value_text ? 10 : 0));
        if (need > lg->w)
            lg->w = need;
    }
    if (lg->w > area.w * 0.4f)
        lg->w = area.w * 0.4f;
    lg->row_h = 0.0f;
    if (spec->legend_top && lg->w > 0) {
        /* In legend_order, as draw_legend lays it out. */
        UiSeries ordered[64];
        int n_top = n_series < 64 ? n_series : 64;
        for (int k = 0; k < n_top; k++)
            ordered[k] = series[legend_at(spec, k)];
        lg->w = 0.0f;
        int rows = legend_top_rows(d, area, ordered, n_top, NULL, legend_pt);
        /* Rows in type down to 87% where that saves one: a narrow panel keeps its plot. */
        float small = legend_pt * 0.87f;
        int rows_small = legend_top_rows(d, area, ordered, n_top, NULL, small);
        if (rows_small < rows) {
            lg->top_pt = small;
            rows = rows_small;
        }
        /* The rows as far apart as in full-size type: the top y label keeps its room. */
        lg->row_h = legend_pt * 1.6f * (float)rows;
    }
}

/* A chart's title at the top left of area: in smaller type (down to three quarters) before it
 * loses words to an ellipsis, in a narrow area or a large interface scale. */
static void chart_title(UiDraw *d, const char *title, SDL_FRect area, float pt)
{
    float size = pt;
    for (int tw = 0; size > pt * 0.75f; size -= ui_px(d, 0.5)) {
        ui_text_size(d, title, size, 1, &tw, NULL);
        if ((float)tw <= area.w)
            break;
    }
    char fit[256];
    ui_text_fit(d, title, size, 1, area.w, fit, sizeof fit);
    ui_text(d, fit, area.x, area.y, size, 1, ui_draw_theme(d)->text, UI_LEFT);
}

/* The y range from the spec or the data, widened to whole ticks; returns the tick step. */
static double y_range(UiDraw *d, SDL_FRect area, const UiChartSpec *spec, const UiSeries *series,
                      int n_series, double *lo_out, double *hi_out)
{
    double lo = spec->y_min, hi = spec->y_max;
    if (!(hi > lo)) {
        lo = INFINITY;
        hi = -INFINITY;
        for (int s = 0; s < n_series; s++)
            for (int x = 0; x < series[s].n && x <= spec->x_max; x++) {
                double v = series[s].y[x];
                if (isfinite(v)) {
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }
        if (isfinite(spec->ref_line)) {
            lo = spec->ref_line < lo ? spec->ref_line : lo;
            hi = spec->ref_line > hi ? spec->ref_line : hi;
        }
        if (!isfinite(lo)) {
            lo = 0.0;
            hi = 1.0;
        }
        if (spec->include_zero && (lo > 0.0 || lo > -(hi - lo) * 0.02))
            lo = 0.0;
        double air = (hi - lo) * 0.06;
        if (!(air > 0.0))
            air = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1.0;
        hi += air;
        /* Data that never go below zero get no negative axis. */
        if (!(spec->include_zero && lo == 0.0))
            lo = lo >= 0.0 && lo - air < 0.0 ? 0.0 : lo - air;
    }
    /* About one y label per 60 logical units of height, 3 to 6 of them. */
    int ticks = (int)(area.h / ui_px(d, 60));
    double step = ui_nice_step(hi - lo, ticks < 3 ? 3 : ticks > 6 ? 6 : ticks);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    *lo_out = lo;
    *hi_out = hi;
    return step;
}

/* The grid, the y ticks, the x ticks (months or plain numbers) and the axes. */
static void draw_axes(UiDraw *d, SDL_FRect area, SDL_FRect plot, const UiChartSpec *spec, double lo,
                      double hi, double step)
{
    const UiTheme *th = ui_draw_theme(d);
    float tick_pt = ui_px(d, TICK_PT);
    double xmax = spec->x_max > 0 ? spec->x_max : 1;
    char buf[64];
    /* A label on every tick, or every k-th where the plot is too low for them all to stand
     * apart (a short panel, a large interface scale). */
    float gap = plot.h * (float)(step / (hi - lo)), need = tick_pt * 1.2f;
    int every = gap >= need || gap <= 0 ? 1 : (int)ceilf(need / gap), k = 0;
    for (double v = lo; v <= hi + step * 0.5; v += step, k++) {
        float y = plot.y + plot.h - (float)((v - lo) / (hi - lo)) * plot.h;
        SDL_FRect g = {plot.x, roundf(y) - ui_px(d, 0.5), plot.w, fmaxf(ui_px(d, 1), 1.0f)};
        ui_fill_rect(d, g, th->grid);
        if (k % every != 0)
            continue;
        fmt_y(spec->yfmt, fabs(v) < step * 1e-6 ? 0.0 : v, step, buf, sizeof buf);
        ui_text(d, buf, plot.x - ui_px(d, 8), y, tick_pt, 0, th->text_dim, UI_RIGHT | UI_MIDDLE);
    }
    /* x ticks: months, or plain numbers. */
    int xs = spec->month0 >= 0 ? month_step(spec->x_max, (int)(plot.w / ui_px(d, 110)) + 1)
                               : (int)ui_nice_step(xmax, 8);
    if (xs < 1)
        xs = 1;
    float last_right = -1e9f; /* the right end of the last x label drawn */
    for (int x = 0; x <= spec->x_max; x++) {
        int label_here = spec->month0 >= 0 ? (spec->month0 + x) % xs == 0 : x % xs == 0;
        if (!label_here)
            continue;
        float px = plot.x + (float)(x / xmax) * plot.w;
        SDL_FRect g = {roundf(px), plot.y, fmaxf(ui_px(d, 1), 1.0f), plot.h};
        ui_fill_rect(d, g, ui_alpha(th->grid, 150));
        if (spec->month0 >= 0)
            ui_fmt_month(spec->month0 + x, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%d", x);
        int tw;
        ui_text_size(d, buf, tick_pt, 0, &tw, NULL);
        float tx = px;
        if (tx + (float)tw / 2.0f > area.x + area.w)
            tx = area.x + area.w - (float)tw / 2.0f;
        if (tx - (float)tw / 2.0f < area.x)
            tx = area.x + (float)tw / 2.0f;
        /* A label pushed in from the right edge onto the one before is left out. */
        if (tx - (float)tw / 2.0f < last_right + ui_px(d, 6))
            continue;
        last_right = tx + (float)tw / 2.0f;
        /* Below the lowest y label, which stands half its height under the plot's bottom. */
        ui_text(d, buf, tx, plot.y + plot.h + tick_pt * 0.6f + ui_px(d, 1), tick_pt, 0,
                th->text_dim, UI_CENTER);
    }
    /* Axes. */
    ui_fill_rect(d, (SDL_FRect){plot.x, plot.y + plot.h - ui_px(d, 1), plot.w, ui_px(d, 2)},
                 th->axis);
    ui_fill_rect(d, (SDL_FRect){plot.x - ui_px(d, 1), plot.y, ui_px(d, 2), plot.h}, th->axis);
}

/* The lines and their marks, clipped to the plot, with the dashed reference line. */
static void draw_series(UiDraw *d, SDL_FRect plot, const UiChartSpec *spec, const UiSeries *series,
                        int n_series, double lo, double hi)
{
    const UiTheme *th = ui_draw_theme(d);
    double xmax = spec->x_max > 0 ? spec->x_max : 1;
    ui_clip(d, &plot);
    if (isfinite(spec->ref_line) && spec->ref_line >= lo && spec->ref_line <= hi) {
        float y = plot.y + plot.h - (float)((spec->ref_line - lo) / (hi - lo)) * plot.h;
        for (float x = plot.x; x < plot.x + plot.w; x += ui_px(d, 16))
            ui_line(d, x, y, fminf(x + ui_px(d, 8), plot.x + plot.w), y, ui_px(d, 2), th->axis);
    }
    for (int s = 0; s < n_series; s++) {
        const UiSeries *se = &series[s];
        float wdt = ui_px(d, se->width > 0 ? se->width : 3.0);
        float px = 0, py = 0;
        int have = 0;
        for (int x = 0; x < se->n && x <= spec->x_max; x++) {
            double v = se->y[x];
            if (!isfinite(v)) {
                have = 0;
                continue;
            }
            float qx = plot.x + (float)(x / xmax) * plot.w;
            float qy = plot.y + plot.h - (float)((v - lo) / (hi - lo)) * plot.h;
            if (have) {
                float a0 = px, b0 = py, a1 = qx, b1 = qy;
                if (ui_place_clip_segment(plot, &a0, &b0, &a1, &b1))
                    ui_line(d, a0, b0, a1, b1, wdt, se->color);
                /* A round joint so thick lines do not crack at bends. */
                if (qx >= plot.x && qx <= plot.x + plot.w && qy >= plot.y &&
                    qy <= plot.y + plot.h && x + 1 < se->n)
                    ui_fill_circle(d, qx, qy, wdt / 2.0f, se->color);
            }
            px = qx;
            py = qy;
            have = 1;
        }
        for (int k = 0; k < se->n_marks; k++) {
            int x = se->marks[k];
            if (x < 0 || x >= se->n || x > spec->x_max || !isfinite(se->y[x]))
                continue;
            float qx = plot.x + (float)(x / xmax) * plot.w;
            float qy = plot.y + plot.h - (float)((se->y[x] - lo) / (hi - lo)) * plot.h;
            ui_fill_circle(d, qx, qy, ui_px(d, 6.5), th->bg);
            ui_fill_circle(d, qx, qy, ui_px(d, 4.5), se->color);
        }
    }
    ui_clip(d, NULL);
}

/* The legend: a row under the title, or a column on the right; its box and the "+N more"
 * entry's box go to leg and more. */
static void draw_legend(UiDraw *d, SDL_FRect area, SDL_FRect plot, const UiChartSpec *spec,
                        const UiSeries *series, int n_series, const Legend *lg, SDL_FRect *leg_out,
                        SDL_FRect *more_out)
{
    const UiTheme *th = ui_draw_theme(d);
    float title_pt = ui_px(d, TITLE_PT), legend_pt = ui_px(d, LEGEND_PT);
    float legend_row = lg->row_h, legend_w = lg->w, row_r = lg->row_r;
    int n_leg = lg->n_leg, n_more = lg->n_more;
    const char *more_txt = lg->more_txt;
    SDL_FRect leg = {0, 0, 0, 0}, more = {0, 0, 0, 0};
    if (n_series > 0 && legend_row > 0) {
        float pt = lg->top_pt, row = legend_pt * 1.6f;
        float x = area.x, y = area.y + title_pt * 1.6f + row * 0.4f;
        leg = (SDL_FRect){area.x, y - row / 2.0f, area.w, legend_row};
        /* In legend_order, as the column is. */
        int brk[64], n_top = n_series < 64 ? n_series : 64;
        UiSeries ordered[64];
        for (int k = 0; k < n_top; k++)
            ordered[k] = series[legend_at(spec, k)];
        legend_top_rows(d, area, ordered, n_top, brk, pt);
        for (int s = 0; s < n_top; s++) {
            const UiSeries *se = &ordered[s];
            if (s > 0 && brk[s]) {
                x = area.x;
                y += row;
            }
            ui_line(d, x, y, x + ui_px(d, 28), y, ui_px(d, 5), se->color);
            x += ui_px(d, 36);
            x += (float)ui_text(d, se->name, x, y, pt, 1, th->text, UI_LEFT | UI_MIDDLE);
            if (se->value_text)
                x += ui_px(d, 8) + (float)ui_text(d, se->value_text, x + ui_px(d, 8), y, pt, 0,
                                                  th->text_dim, UI_LEFT | UI_MIDDLE);
            x += ui_px(d, 28);
        }
    } else if (n_series > 0 && legend_w > 0) {
        float row = row_r;
        leg = (SDL_FRect){area.x + area.w - legend_w, plot.y, legend_w,
                          row * (float)(n_leg + (n_more > 0)) + ui_px(d, 8)};
        float y = leg.y + ui_px(d, 4) + row / 2.0f;
        for (int k = 0; k < n_leg; k++) {
            const UiSeries *se = &series[legend_at(spec, k)];
            ui_line(d, leg.x, y, leg.x + ui_px(d, 28), y, ui_px(d, 5), se->color);
            float tx = leg.x + ui_px(d, 36);
            int vw = 0;
            if (se->value_text)
                ui_text_size(d, se->value_text, legend_pt, 0, &vw, NULL);
            float room = leg.x + leg.w - tx - (se->value_text ? (float)vw + ui_px(d, 10) : 0.0f);
            char fit[256];
            ui_text_fit_short(d, se->name ? se->name : "", 0, legend_pt, 1,
                              room > ui_px(d, 20) ? room : ui_px(d, 20), fit, sizeof fit);
            tx += (float)ui_text(d, fit, tx, y, legend_pt, 1, th->text, UI_LEFT | UI_MIDDLE);
            if (se->value_text)
                ui_text(d, se->value_text, tx + ui_px(d, 10), y, legend_pt, 0, th->text_dim,
                        UI_LEFT | UI_MIDDLE);
            y += row;
        }
        if (n_more > 0) {
            more = (SDL_FRect){leg.x, y - row / 2.0f, leg.w, row};
            char fit[64];
            ui_text_fit(d, more_txt, legend_pt, 0, leg.w - ui_px(d, 36), fit, sizeof fit);
            ui_text(d, fit, leg.x + ui_px(d, 36), y, legend_pt, 0, th->text_dim,
                    UI_LEFT | UI_MIDDLE);
        }
    }
    *leg_out = leg;
    *more_out = more;
}

void ui_chart_lines(UiDraw *d, SDL_FRect area, const UiChartSpec *spec, const UiSeries *series,
                    int n_series, UiChartGeom *out)
{
    const UiTheme *th = ui_draw_theme(d);
    float title_pt = ui_px(d, TITLE_PT), tick_pt = ui_px(d, TICK_PT);
    char buf[64];
    Legend lg;
    legend_measure(d, area, spec, series, n_series, &lg);
    float legend_w = lg.w, legend_row = lg.row_h;
    double lo, hi, step = y_range(d, area, spec, series, n_series, &lo, &hi);

    /* y label width. */
    int ylw = 0;
    for (double v = lo; v <= hi + step * 0.5; v += step) {
        int tw;
        fmt_y(spec->yfmt, fabs(v) < step * 1e-6 ? 0.0 : v, step, buf, sizeof buf);
        ui_text_size(d, buf, tick_pt, 0, &tw, NULL);
        ylw = tw > ylw ? tw : ylw;
    }
    /* The top y label stands half its height above the plot: room for it under a legend row. */
    float top = (spec->title ? title_pt * 1.6f : ui_px(d, 8)) + legend_row +
                (legend_row > 0 ? tick_pt * 0.25f : 0.0f),
          bottom = tick_pt * 2.2f, left = (float)ylw + ui_px(d, 14);
    SDL_FRect plot = {area.x + left, area.y + top,
                      area.w - left - (legend_w > 0 ? legend_w + ui_px(d, 18) : ui_px(d, 10)),
                      area.h - top - bottom};
    if (plot.w < 10.0f)
        plot.w = 10.0f;
    if (plot.h < 10.0f)
        plot.h = 10.0f;
    double xmax = spec->x_max > 0 ? spec->x_max : 1;

    if (spec->title) {
        /* Never wider than the area (a legend column starts below it, at the plot's top):
         * shortened with an ellipsis if need be. The title says what the figures measure
         * ("start = 100"), so it takes the legend column's width too before losing words. */
        chart_title(d, spec->title, area, title_pt);
    }
    ui_fill_rect(d, plot, ui_alpha(th->panel, 160));
    draw_axes(d, area, plot, spec, lo, hi, step);
    draw_series(d, plot, spec, series, n_series, lo, hi);
    SDL_FRect leg = {0, 0, 0, 0}, more = {0, 0, 0, 0};
    draw_legend(d, area, plot, spec, series, n_series, &lg, &leg, &more);
    if (out) {
        out->plot = plot;
        out->legend = leg;
        out->more = more;
        out->legend_shown = legend_row > 0 ? n_series : leg.w > 0 ? lg.n_leg : 0;
        out->x_max = xmax;
        out->y_min = lo;
        out->y_max = hi;
    }
}

SDL_Color ui_chart_actor_color(const SimWorld *w, int i)
{
    const UiTheme *th = ui_theme_dark();
    int hub = w->sc->hub;
    if (i == hub)
        return th->series[0];
    int k = i < hub ? i + 1 : i;
    return th->series[1 + (k - 1) % 8];
}

/* A chart title that names a firm ("{1}: default risk"): the firm's name shortened with intent
 * (core_name.h) until the title fits maxw; ui_chart_lines cuts what still does not. */
static const char *title_named(UiDraw *d, float maxw, const char *key, const char *name, char *buf,
                               size_t bufsz)
{
    char form[256];
    for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
        core_name_short(name, lv, form, sizeof form);
        ui_trf(buf, bufsz, key, form, NULL);
        int tw = 0;
        ui_text_size(d, buf, ui_px(d, TITLE_PT), 1, &tw, NULL);
        if ((float)tw <= maxw)
            break;
    }
    return buf;
}

/* A chart of the scenario's months 0..turn (at least 6 of them shown); the caller sets the rest. */
static UiChartSpec months_spec(const SimWorld *w, int turn)
{
    UiChartSpec spec = {.month0 = w->sc->start - 1, .x_max = turn > 6 ? turn : 6};
    return spec;
}

static int clamp_turn(const SimWorld *w, int turn)
{
    return turn < 0 ? 0 : turn > w->turn ? w->turn : turn;
}

/* Orders idx[0..n) by key, largest first; ties keep idx's order (an insertion sort: stable,
 * and n is a scenario's actors). */
static void sort_by_key_desc(int *idx, int n, const double *key)
{
    for (int a = 1; a < n; a++) {
        int v = idx[a], b = a;
        while (b > 0 && key[idx[b - 1]] < key[v]) {
            idx[b] = idx[b - 1];
            b--;
        }
        idx[b] = v;
    }
}

void ui_chart_prices_order(const SimWorld *w, int turn, int *order)
{
    turn = clamp_turn(w, turn);
    int n = w->n, hub = w->sc->hub, k = 0;
    double *mv = malloc((size_t)(n > 0 ? n : 1) * sizeof *mv);
    int first = hub >= 0 && hub < n; /* the hub stays first */
    if (first)
        order[k++] = hub;
    for (int i = 0; i < n; i++) {
        if (i == hub)
            continue;
        order[k++] = i;
        if (mv) {
            double v = sim_snap(w, turn, i)->market_value;
            mv[i] = isfinite(v) ? v : 0.0;
        }
    }
    if (mv)
        sort_by_key_desc(order + first, n - first, mv);
    free(mv);
}

size_t ui_chart_prices_rest(const SimWorld *w, int turn, int shown, char *buf, size_t bufsz)
{
    if (bufsz == 0)
        return 0;
    buf[0] = '\0';
    turn = clamp_turn(w, turn);
    int n = w->n;
    if (shown < 0)
        shown = 0;
    if (shown >= n)
        return 0;
    int *order = malloc((size_t)n * sizeof *order);
    if (!order)
        return 0;
    ui_chart_prices_order(w, turn, order);
    char num[16];
    snprintf(num, sizeof num, "%d", n - shown);
    ui_trf(buf, bufsz, "chart.legend.rest", num, NULL);
    size_t len = strlen(buf);
    /* Several to a line, so that 40 firms fit a tooltip's 24 lines. */
    int per_line = (n - shown + 21) / 22, on_line = 0;
    for (int k = shown; k < n && len + 1 < bufsz; k++) {
        int i = order[k];
        char form[128], item[192];
        double v0 = sim_snap(w, 0, i)->market_value;
        double v = sim_snap(w, turn, i)->market_value;
        core_name_short(core_tr_content(w->sc->actors[i].name), 1, form, sizeof form);
        if (v0 > 0)
            snprintf(item, sizeof item, "%s %.0f", form, 100.0 * v / v0);
        else
            snprintf(item, sizeof item, "%s", form);
        const char *sep = on_line == 0 ? "\n" : "   ";
        int wrote = snprintf(buf + len, bufsz - len, "%s%s", sep, item);
        if (wrote < 0 || (size_t)wrote >= bufsz - len) {
            buf[len] = '\0';
            break;
        }
        len += (size_t)wrote;
        on_line = on_line + 1 >= per_line ? 0 : on_line + 1;
    }
    free(order);
    return len;
}

void ui_chart_prices(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out)
{
    ui_chart_prices_ex(d, area, w, turn, 1, NULL, out);
}

/* One line per actor over months 0..turn: what the prices and series charts share. lines[i] is
 * actor i's, named and coloured, its y (len values) in y; order is for the legend. */
typedef struct {
    int n, len;
    double *y;
    UiSeries *lines;
    int *order;
} ActorLines;

static int actor_lines_new(ActorLines *a, const SimWorld *w, int turn)
{
    a->n = w->n;
    a->len = turn + 1;
    a->y = malloc((size_t)a->n * (size_t)a->len * sizeof *a->y);
    a->lines = calloc((size_t)a->n, sizeof *a->lines);
    a->order = malloc((size_t)a->n * sizeof *a->order);
    if (!a->y || !a->lines || !a->order)
        return -1;
    for (int i = 0; i < a->n; i++) {
        a->lines[i].name = core_tr_content(w->sc->actors[i].name);
        a->lines[i].color = ui_chart_actor_color(w, i);
        a->lines[i].y = &a->y[i * a->len];
        a->lines[i].n = a->len;
    }
    return 0;
}

static void actor_lines_free(ActorLines *a)
{
    free(a->y);
    free(a->lines);
    free(a->order);
}

void ui_chart_prices_ex(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, int legend,
                        const char *title, UiChartGeom *out)
{
    turn = clamp_turn(w, turn);
    ActorLines a;
    int rc = actor_lines_new(&a, w, turn), n = a.n, len = a.len;
    int *marks = malloc((size_t)(w->n_events > 0 ? w->n_events : 1) * sizeof *marks);
    char(*vals)[16] = calloc((size_t)n, sizeof *vals);
    if (rc < 0 || !marks || !vals)
        goto done;
    double *y = a.y;
    UiSeries *s = a.lines;
    ui_chart_prices_order(w, turn, a.order);
    int nm = 0;
    for (int i = 0; i < n; i++) {
        double v0 = sim_snap(w, 0, i)->market_value;
        for (int t = 0; t < len; t++)
            y[i * len + t] = v0 > 0 ? 100.0 * sim_snap(w, t, i)->market_value / v0 : NAN;
        s[i].width = i == w->sc->hub ? 4.0f : 3.0f;
        snprintf(vals[i], sizeof vals[i], "%.0f", y[i * len + turn]);
        s[i].value_text = vals[i];
        s[i].marks = &marks[nm];
        for (int k = 0; k < w->n_events; k++) {
            const SimEvent *e = &w->events[k];
            /* A month's reactions show on the state after it (x = turn + 1). */
            if (e->kind == SIM_LOG_REACTION && e->actor == i && e->other < 0 &&
                e->turn + 1 <= turn &&
                (s[i].n_marks == 0 || s[i].marks[s[i].n_marks - 1] != e->turn + 1))
                marks[nm + s[i].n_marks++] = e->turn + 1;
        }
        nm += s[i].n_marks;
    }
    UiChartSpec spec = months_spec(w, turn);
    spec.title = title ? title : ui_tr("chart.prices.title");
    spec.no_legend = !legend;
    spec.legend_order = a.order;
    spec.yfmt = UI_Y_INDEX;
    spec.ref_line = 100.0;
    ui_chart_lines(d, area, &spec, s, n, out);
done:
    actor_lines_free(&a);
    free(marks);
    free(vals);
}

void ui_chart_series(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, int series,
                     const char *title, int legend, UiChartGeom *out)
{
    turn = clamp_turn(w, turn);
    SimSeriesKind kind = sim_series[series].kind;
    ActorLines a;
    int rc = actor_lines_new(&a, w, turn), n = a.n;
    double *last = malloc((size_t)n * sizeof *last);
    if (rc < 0 || !last)
        goto done;
    /* Every actor: in a network the hub may hold claims and sell too. */
    for (int i = 0; i < n; i++) {
        double *yi = &a.y[i * a.len];
        for (int t = 0; t < a.len; t++) {
            double v = sim_series_get(sim_snap(w, t, i), series);
            yi[t] = kind == SIM_SERIES_SHARE ? 100.0 * v : v;
        }
        /* The legend's order: the largest at its peak (a debrief's exposures are all 0 at the
         * end, after a default; who held the most is what the legend should name). */
        last[i] = 0.0;
        for (int t = 0; t < a.len; t++)
            last[i] = isfinite(yi[t]) && yi[t] > last[i] ? yi[t] : last[i];
        a.order[i] = i;
    }
    /* The legend names the largest first (see ui_chart_lines for the ones it leaves out). */
    sort_by_key_desc(a.order, n, last);
    UiChartSpec spec = months_spec(w, turn);
    spec.title = title;
    spec.no_legend = !legend;
    spec.legend_order = a.order;
    spec.yfmt = kind == SIM_SERIES_MONEY   ? UI_Y_MONEY
                : kind == SIM_SERIES_SHARE ? UI_Y_PERCENT
                                           : UI_Y_PLAIN;
    spec.include_zero = 1;
    spec.ref_line = NAN;
    ui_chart_lines(d, area, &spec, a.lines, n, out);
done:
    actor_lines_free(&a);
    free(last);
}

void ui_chart_actors(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiActorMetric metric,
                     int legend, UiChartGeom *out)
{
    char title[128];
    if (metric == UI_METRIC_EXPOSURE)
        ui_trf(title, sizeof title, "chart.exposure.title", NULL);
    else
        ui_trf(title, sizeof title, "chart.circularity.title", NULL);
    int k = sim_series_find(metric == UI_METRIC_EXPOSURE ? "exposure" : "circularity");
    ui_chart_series(d, area, w, turn, k, title, legend, out);
}

double ui_circ_contract(const SimWorld *w, int vendor, int turn, int peak)
{
    int hub = w->sc->hub;
    turn = clamp_turn(w, turn);
    if (hub < 0 || vendor < 0 || vendor >= w->n || vendor == hub || turn <= 0)
        return 0.0;
    /* Snapshot `turn` is the state after months 0..turn-1: their flows. */
    if (peak)
        return sim_ledger_circularity_peak(&w->ledger, hub, vendor, turn - 1);
    return sim_ledger_circularity_at(&w->ledger, hub, vendor, turn - 1);
}

void ui_chart_obligations(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out)
{
    turn = clamp_turn(w, turn);
    int len = turn + 1, hub = w->sc->hub;
    double *y = malloc(4 * (size_t)len * sizeof *y);
    if (!y)
        return;
    for (int t = 0; t < len; t++) {
        const SimSnap *s = sim_snap(w, t, hub);
        y[t] = s->due_12m;
        y[len + t] = s->revenue;
        y[2 * len + t] = s->cash;
        y[3 * len + t] = w->info[t].demand;
    }
    const UiTheme *th = ui_draw_theme(d);
    char v[4][32];
    UiSeries s[4] = {
        {.name = ui_tr("chart.obligations.due"), .color = th->down, .y = y, .n = len, .width = 4},
        /* What it could sell if compute did not bind: the gap down to revenue is demand it
         * turns away for want of data centres (drawn first: revenue lies on it when it binds). */
        {.name = ui_tr("chart.obligations.demand"),
         .color = th->up,
         .y = y + 3 * len,
         .n = len,
         .width = 2.5f},
        {.name = ui_tr("chart.obligations.revenue"),
         .color = th->family[UI_FAM_EQUITY],
         .y = y + len,
         .n = len,
         .width = 4},
        {.name = ui_tr("chart.obligations.cash"),
         .color = th->text_dim,
         .y = y + 2 * len,
         .n = len,
         .width = 2.5f},
    };
    for (int k = 0; k < 4; k++) {
        ui_fmt_money(s[k].y[turn], v[k], sizeof v[k]);
        s[k].value_text = v[k];
    }
    char title[128];
    title_named(d, area.w, "chart.obligations.title", core_tr_content(w->sc->actors[hub].name),
                title, sizeof title);
    UiChartSpec spec = months_spec(w, turn);
    spec.title = title;
    spec.yfmt = UI_Y_MONEY;
    spec.include_zero = 1;
    spec.ref_line = NAN;
    spec.legend_top = 1;
    /* In the legend, what is owed beside the cash, what it could sell beside what it sells: the
     * pairs read together, and two to a row keep the legend on two rows in a narrow panel. */
    static const int order[4] = {0, 3, 1, 2};
    spec.legend_order = order;
    ui_chart_lines(d, area, &spec, s, 4, out);
    free(y);
}

void ui_chart_risk(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out)
{
    turn = clamp_turn(w, turn);
    int len = turn + 1, hub = w->sc->hub;
    const SimMarketParams *mk = &w->sc->market;
    double *y = malloc(2 * (size_t)len * sizeof *y);
    if (!y)
        return;
    /* Lenders lend to the hub while its distance to default stays above lender_dd: the default
     * probability at that distance is where its credit stops. */
    double stop = 100.0 * sim_value_ncdf(-mk->lender_dd), top = stop;
    for (int t = 0; t < len; t++) {
        y[t] = 100.0 * sim_snap(w, t, hub)->pd;
        y[len + t] = stop;
        if (y[t] > top)
            top = y[t];
    }
    const UiTheme *th = ui_draw_theme(d);
    char v[32], title[128], years[16], series[64];
    snprintf(years, sizeof years, "%g", mk->merton_horizon);
    UiSeries s[2] = {
        {.name = ui_trf(series, sizeof series, "chart.risk.series", years, NULL),
         .color = th->down,
         .y = y,
         .n = len,
         .width = 4,
         .value_text = ui_fmt_prob(y[turn] / 100.0, v, sizeof v)},
        {.name = ui_tr("chart.risk.lenders"),
         .color = th->text_dim,
         .y = y + len,
         .n = len,
         .width = 2},
    };
    title_named(d, area.w, "chart.risk.title", core_tr_content(w->sc->actors[hub].name), title,
                sizeof title);
    /* From 0, to a round top above the worst month: a low risk reads low. */
    top = top * 1.15 < 10.0 ? 10.0 : top * 1.15 > 100.0 ? 100.0 : top * 1.15;
    UiChartSpec spec = months_spec(w, turn);
    spec.title = title;
    spec.yfmt = UI_Y_PERCENT;
    spec.y_max = top; /* from 0 */
    spec.ref_line = NAN;
    spec.legend_top = 1;
    ui_chart_lines(d, area, &spec, s, 2, out);
    free(y);
}

void ui_chart_sentiment(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn)
{
    turn = clamp_turn(w, turn);
    const UiTheme *th = ui_draw_theme(d);
    float title_pt = ui_px(d, TITLE_PT), tick_pt = ui_px(d, TICK_PT);
    chart_title(d, ui_tr("chart.sentiment.title"), area, title_pt);
    double s = w->info[turn].sentiment;
    /* The dial takes the upper part; the sentiment's path the lower. */
    float top = area.y + title_pt * 1.6f;
    float dial_h = (area.h - title_pt * 1.6f) * 0.55f;
    /* Narrow areas: the radius leaves room for the end labels ("fear", "euphoria") beside it. */
    int lw0 = 0, lw1 = 0;
    ui_text_size(d, ui_tr("chart.mood.fear"), tick_pt, 0, &lw0, NULL);
    ui_text_size(d, ui_tr("chart.mood.euphoria"), tick_pt, 0, &lw1, NULL);
    float side = area.w / 2.0f - (float)(lw0 > lw1 ? lw0 : lw1) - ui_px(d, 20);
    float r = fminf(fminf(area.w * 0.36f, dial_h * 0.7f), fmaxf(side, area.w * 0.18f));
    float cx = area.x + area.w / 2.0f, cy = top + r + ui_px(d, 10) + tick_pt;
    float band = r * 0.22f;
    int steps = 48;
    for (int k = 0; k < steps; k++) {
        double v0 = -1.0 + 2.0 * k / steps, v1 = -1.0 + 2.0 * (k + 1) / steps;
        double mid = (v0 + v1) / 2.0;
        SDL_Color c = mid < 0 ? ui_shade(th->down, -0.15 - 0.55 * (1.0 + mid))
                              : ui_shade(th->up, -0.15 - 0.55 * (1.0 - mid));
        float a0 = PI_F + (float)((v0 + 1.0) / 2.0) * PI_F;
        float a1 = PI_F + (float)((v1 + 1.0) / 2.0) * PI_F + 0.01f;
        ui_stroke_arc(d, cx, cy, r - band / 2.0f, a0, a1, band, c);
    }
    static const double ticks[] = {-1.0, -0.5, 0.0, 0.5, 1.0};
    char buf[32];
    for (int k = 0; k < 5; k++) {
        float a = PI_F + (float)((ticks[k] + 1.0) / 2.0) * PI_F;
        float x0 = cx + cosf(a) * (r + ui_px(d, 4)), y0 = cy + sinf(a) * (r + ui_px(d, 4));
        float x1 = cx + cosf(a) * (r + ui_px(d, 12)), y1 = cy + sinf(a) * (r + ui_px(d, 12));
        ui_line(d, x0, y0, x1, y1, ui_px(d, 2), th->axis);
        snprintf(buf, sizeof buf, "%g", ticks[k]);
        int align = k == 0   ? UI_RIGHT | UI_MIDDLE
                    : k == 4 ? UI_LEFT | UI_MIDDLE
                             : UI_CENTER | UI_BOTTOM;
        ui_text(d, buf, cx + cosf(a) * (r + ui_px(d, 16)), cy + sinf(a) * (r + ui_px(d, 16)),
                tick_pt, 0, th->text_dim, align);
    }
    double sc = s < -1 ? -1 : s > 1 ? 1 : s;
    float a = PI_F + (float)((sc + 1.0) / 2.0) * PI_F;
    ui_arrow(d, cx, cy, cx + cosf(a) * (r - band * 0.4f), cy + sinf(a) * (r - band * 0.4f),
             ui_px(d, 5), ui_px(d, 18), th->text);
    ui_fill_circle(d, cx, cy, ui_px(d, 9), th->text);
    const char *mood = ui_tr(s > 0.6    ? "chart.mood.euphoria"
                             : s > 0.2  ? "chart.mood.optimism"
                             : s > -0.2 ? "chart.mood.calm"
                             : s > -0.6 ? "chart.mood.worry"
                                        : "chart.mood.fear");
    snprintf(buf, sizeof buf, "%+.2f  %s", s, mood);
    ui_text(d, buf, cx, cy + ui_px(d, 40), ui_px(d, 26), 1, s >= 0 ? th->up : th->down, UI_CENTER);
    /* The end labels beside the dial, kept inside the area when it is narrow. */
    float fx = fmaxf(cx - r - ui_px(d, 16), area.x + (float)lw0);
    float ex = fminf(cx + r + ui_px(d, 16), area.x + area.w - (float)lw1);
    ui_text(d, ui_tr("chart.mood.fear"), fx, cy + ui_px(d, 14), tick_pt, 0, th->text_dim, UI_RIGHT);
    ui_text(d, ui_tr("chart.mood.euphoria"), ex, cy + ui_px(d, 14), tick_pt, 0, th->text_dim,
            UI_LEFT);

    /* The path so far. */
    int len = turn + 1;
    double *y = malloc((size_t)len * sizeof *y);
    if (!y)
        return;
    for (int t = 0; t < len; t++)
        y[t] = w->info[t].sentiment;
    UiSeries se = {.name = NULL, .color = th->text, .y = y, .n = len, .width = 3};
    UiChartSpec spec = months_spec(w, turn);
    spec.y_min = -1.0;
    spec.y_max = 1.0;
    spec.no_legend = 1;
    float path_top = cy + ui_px(d, 84);
    SDL_FRect path = {area.x, path_top, area.w, area.y + area.h - path_top};
    se.name = ui_tr("chart.sentiment.series");
    if (path.h > ui_px(d, 120)) /* a path squeezed smaller reads as noise */
        ui_chart_lines(d, path, &spec, &se, 1, NULL);
    free(y);
}
