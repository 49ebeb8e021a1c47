/* ui_pdf_chart: a line chart on the printed page (see ui_pdf.h): a title, a plot with its grid
 * and axis figures, the series, an optional dashed reference line, and a legend under it. */
#include "ui_pdf_int.h"

#include <math.h>
#include <string.h>

static const UiPdfColor INK = {0.1, 0.1, 0.12}, DIM = {0.4, 0.4, 0.42};

/* A step of 1, 2 or 5 times a power of ten that cuts span into about `ticks` parts. */
static double tick_step(double span, int ticks)
{
    double raw = span / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void range(const UiPdfChart *c, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int s = 0; s < c->n_series; s++)
        for (int k = 0; k < c->n; k++)
            if (isfinite(c->series[s].v[k])) {
                *lo = fmin(*lo, c->series[s].v[k]);
                *hi = fmax(*hi, c->series[s].v[k]);
            }
    if (c->has_ref) {
        *lo = fmin(*lo, c->ref);
        *hi = fmax(*hi, c->ref);
    }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
    if (*lo > 0 && *lo < *hi * 0.5)
        *lo = 0; /* an axis from zero when the data come near it */
    if (*hi - *lo < 1e-9)
        *hi = *lo + 1;
}

/* The legend under the plot: a swatch and a name per series, on as many rows as needed. Returns
 * its height. */
static double legend(UiPdf *p, const UiPdfChart *c, double x0, double y, double w, int draw)
{
    double x = x0, fs = UI_PDF_SMALL, lh = fs * 1.6, sw = fs * 1.8;
    double h = lh;
    for (int s = 0; s < c->n_series + (c->has_ref && c->ref_label ? 1 : 0); s++) {
        int is_ref = s == c->n_series;
        const char *name = is_ref ? c->ref_label : c->series[s].name;
        double item = sw + fs * 0.5 + ui_pdf_measure(p, name, strlen(name), fs, 0) + fs * 1.5;
        if (x > x0 && x + item > x0 + w) {
            x = x0;
            y += lh;
            h += lh;
        }
        if (draw) {
            UiPdfColor col = is_ref ? DIM : c->series[s].color;
            cairo_set_source_rgb(p->cr, col.r, col.g, col.b);
            cairo_set_line_width(p->cr, is_ref ? 0.8 : 2.0);
            double dash[] = {3, 2};
            cairo_set_dash(p->cr, dash, is_ref ? 2 : 0, 0);
            cairo_move_to(p->cr, x, y - fs * 0.35);
            cairo_line_to(p->cr, x + sw, y - fs * 0.35);
            cairo_stroke(p->cr);
            cairo_set_dash(p->cr, NULL, 0, 0);
            ui_pdf_draw(p, name, strlen(name), x + sw + fs * 0.5, y, fs, 0, INK, 0);
        }
        x += item;
    }
    return h;
}

static void axes(UiPdf *p, const UiPdfChart *c, double px, double py, double pw, double ph,
                 double lo, double hi, double step)
{
    double fs = UI_PDF_SMALL;
    char buf[32];
    cairo_set_line_width(p->cr, 0.4);
    for (double v = lo; v <= hi + step * 0.5; v += step) {
        double y = py + ph - (v - lo) / (hi - lo) * ph;
        cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.87);
        cairo_move_to(p->cr, px, y);
        cairo_line_to(p->cr, px + pw, y);
        cairo_stroke(p->cr);
        snprintf(buf, sizeof buf, step >= 1 ? "%.0f" : "%.1f", fabs(v) < step * 1e-6 ? 0.0 : v);
        ui_pdf_draw(p, buf, strlen(buf), px - fs * 0.5, y + fs * 0.35, fs, 0, DIM, 2);
    }
    /* The x labels given, each where its point is, skipped when it would touch the last. */
    double right = -INFINITY;
    for (int k = 0; k < c->n; k++) {
        const char *l = c->xlabels ? c->xlabels[k] : NULL;
        if (!l || !*l)
            continue;
        double x = c->n > 1 ? px + pw * k / (c->n - 1) : px,
               lw = ui_pdf_measure(p, l, strlen(l), fs, 0);
        if (x - lw / 2 < right + fs || x + lw / 2 > px + pw + fs * 2)
            continue;
        cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.62);
        cairo_move_to(p->cr, x, py + ph);
        cairo_line_to(p->cr, x, py + ph + fs * 0.4);
        cairo_stroke(p->cr);
        ui_pdf_draw(p, l, strlen(l), x, py + ph + fs * 1.5, fs, 0, DIM, 1);
        right = x + lw / 2;
    }
    cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.32);
    cairo_set_line_width(p->cr, 0.8);
    cairo_move_to(p->cr, px, py);
    cairo_line_to(p->cr, px, py + ph);
    cairo_line_to(p->cr, px + pw, py + ph);
    cairo_stroke(p->cr);
}

static void lines(UiPdf *p, const UiPdfChart *c, double px, double py, double pw, double ph,
                  double lo, double hi)
{
    cairo_save(p->cr);
    cairo_rectangle(p->cr, px, py - 2, pw + 2, ph + 4);
    cairo_clip(p->cr);
    if (c->has_ref) {
        double y = py + ph - (c->ref - lo) / (hi - lo) * ph, dash[] = {3, 2};
        cairo_set_source_rgb(p->cr, DIM.r, DIM.g, DIM.b);
        cairo_set_line_width(p->cr, 0.8);
        cairo_set_dash(p->cr, dash, 2, 0);
        cairo_move_to(p->cr, px, y);
        cairo_line_to(p->cr, px + pw, y);
        cairo_stroke(p->cr);
        cairo_set_dash(p->cr, NULL, 0, 0);
    }
    cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
    for (int s = 0; s < c->n_series; s++) {
        const UiPdfSeries *se = &c->series[s];
        cairo_set_source_rgb(p->cr, se->color.r, se->color.g, se->color.b);
        cairo_set_line_width(p->cr, se->width > 0 ? se->width : 1.2);
        int pen = 0;
        for (int k = 0; k < c->n; k++) {
            if (!isfinite(se->v[k])) {
                pen = 0;
                continue;
            }
            double x = c->n > 1 ? px + pw * k / (c->n - 1) : px;
            double y = py + ph - (se->v[k] - lo) / (hi - lo) * ph;
            if (pen)
                cairo_line_to(p->cr, x, y);
            else
                cairo_move_to(p->cr, x, y);
            pen = 1;
        }
        cairo_stroke(p->cr);
    }
    cairo_restore(p->cr);
}

void ui_pdf_chart(UiPdf *p, const UiPdfChart *c)
{
    double W = ui_pdf_width(p), fs = UI_PDF_SMALL, ts = 10.5;
    double head = ts * 1.6 + (c->note ? fs * 1.7 : 0);
    double foot = fs * 3.0 + legend(p, c, p->margin, 0, W, 0);
    if (p->y + head + c->height + foot > p->bottom)
        ui_pdf_page(p);
    double y = p->y + ts;
    ui_pdf_draw(p, c->title, strlen(c->title), p->margin, y, ts, ui_pdf_weight(p, c->title, 1), INK,
                0);
    if (c->note)
        ui_pdf_draw(p, c->note, strlen(c->note), p->margin, y + fs * 1.8, fs, 0, DIM, 0);
    double lo, hi;
    range(c, &lo, &hi);
    double step = tick_step(hi - lo, 5);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    /* The plot, right of the widest axis figure. */
    char buf[32];
    snprintf(buf, sizeof buf, step >= 1 ? "%.0f" : "%.1f", fabs(hi) > fabs(lo) ? hi : lo);
    double lab = ui_pdf_measure(p, buf, strlen(buf), fs, 0) + fs;
    double px = p->margin + lab, py = p->y + head + fs * 0.5, pw = W - lab - fs, ph = c->height;
    axes(p, c, px, py, pw, ph, lo, hi, step);
    lines(p, c, px, py, pw, ph, lo, hi);
    legend(p, c, px, py + ph + fs * 3.2, pw, 1);
    p->y += head + ph + foot + fs;
}
