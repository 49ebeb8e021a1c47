/* app_sens_chart: the tornado chart of a sensitivity screening. */
#include "app_sens_chart.h"

#include "core_err.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_png.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>

#define WIDTH 1600
#define SCALE 1.25

static double nice_step(double range)
{
    double raw = range / 6, mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/* A legend swatch and its text at (x, y); returns the x after it. */
static float legend(UiDraw *d, float x, float y, float fs, SDL_Color c, const char *text)
{
    const UiTheme *t = ui_draw_theme(d);
    SDL_FRect sw = {x, y - fs * 0.45f, fs * 1.4f, fs * 0.9f};
    ui_fill_rect(d, sw, c);
    int w = 0, h = 0;
    ui_text_size(d, text, fs, 0, &w, &h);
    ui_text(d, text, x + fs * 1.8f, y, fs, 0, t->text, UI_LEFT | UI_MIDDLE);
    return x + fs * 1.8f + (float)w + fs * 1.6f;
}

static void whisker(UiDraw *d, float x0, float x1, float cy, float h, SDL_Color c)
{
    float lw = ui_px(d, 2);
    ui_line(d, x0, cy, x1, cy, lw, c);
    ui_line(d, x0, cy - h / 2, x0, cy + h / 2, lw, c);
    ui_line(d, x1, cy - h / 2, x1, cy + h / 2, lw, c);
}

static void draw(UiDraw *d, const AppSensChart *c, float width, float height)
{
    const UiTheme *t = ui_draw_theme(d);
    float pad = ui_px(d, 20), fs = ui_px(d, 15), fts = ui_px(d, 21);
    ui_text(d, c->title, pad, pad, fts, 1, t->text, UI_LEFT);
    float y = pad + fts * 1.5f;
    if (c->subtitle) {
        char fit[400];
        ui_text_fit(d, c->subtitle, fs, 0, width - 2 * pad, fit, sizeof fit);
        ui_text(d, fit, pad, y, fs, 0, t->text_dim, UI_LEFT);
        y += fs * 1.6f;
    }
    /* Legend */
    SDL_Color outer = c->sobol ? t->series[3] : t->series[2];
    SDL_Color inner = t->series[5], neg = t->series[1];
    if (c->sobol) { /* ST pale (half way to the panel), S1 solid inside it */
        outer.r = (Uint8)((outer.r + t->panel.r) / 2);
        outer.g = (Uint8)((outer.g + t->panel.g) / 2);
        outer.b = (Uint8)((outer.b + t->panel.b) / 2);
    }
    float lx = pad, ly = y + fs * 0.8f;
    lx = legend(d, lx, ly, fs, outer, c->outer_label);
    if (c->sobol && c->inner_label)
        lx = legend(d, lx, ly, fs, inner, c->inner_label);
    if (!c->sobol && c->negative_label)
        lx = legend(d, lx, ly, fs, neg, c->negative_label);
    y = ly + fs * 1.6f;
    /* The names' column: as wide as the widest name, within a third of the width. */
    float name_w = 0;
    for (int k = 0; k < c->n; k++) {
        int w = 0, h = 0;
        ui_text_size(d, c->bars[k].name, fs, 0, &w, &h);
        name_w = fmaxf(name_w, (float)w);
    }
    name_w = fminf(name_w, width / 3);
    SDL_FRect plot = {pad + name_w + ui_px(d, 14), y + fs * 1.2f, 0, 0};
    plot.w = width - pad - plot.x;
    plot.h = height - pad - fs * 3.4f - plot.y;
    ui_fill_rect(d, plot, t->panel);
    double lo = 0, hi = 0;
    for (int k = 0; k < c->n; k++) {
        const AppSensBar *b = &c->bars[k];
        hi = fmax(hi, b->outer + b->outer_conf);
        if (c->sobol) /* mu* >= 0: its whisker stops at 0 */
            lo = fmin(lo, b->outer - b->outer_conf);
        if (c->sobol) {
            hi = fmax(hi, b->inner + b->inner_conf);
            lo = fmin(lo, b->inner - b->inner_conf);
        }
    }
    if (c->sobol)
        hi = fmax(hi, 1.0) > 1.0 ? hi : 1.0;
    if (hi - lo < 1e-12)
        hi = lo + 1;
    double step = nice_step(hi - lo);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
#define XPIX(v) (plot.x + (float)(((v)-lo) / (hi - lo)) * plot.w)
    char buf[64];
    for (double v = lo; v <= hi + step * 0.5; v += step) {
        float x = XPIX(v);
        int zero = fabs(v) < step * 1e-6;
        ui_line(d, x, plot.y, x, plot.y + plot.h, 1, zero ? t->axis : t->grid);
        snprintf(buf, sizeof buf, "%g", zero ? 0.0 : v);
        ui_text(d, buf, x, plot.y + plot.h + ui_px(d, 6), fs, 0, t->text_dim, UI_CENTER | UI_TOP);
    }
    if (c->axis)
        ui_text(d, c->axis, plot.x + plot.w / 2, plot.y + plot.h + fs * 1.9f, fs, 1, t->text_dim,
                UI_CENTER | UI_TOP);
    float slot = c->n ? plot.h / (float)c->n : plot.h, bh = slot * 0.66f;
    for (int k = 0; k < c->n; k++) {
        const AppSensBar *b = &c->bars[k];
        float cy = plot.y + slot * ((float)k + 0.5f), x0 = XPIX(0);
        char fit[128];
        ui_text_fit(d, b->name, fs, 0, name_w, fit, sizeof fit);
        ui_text(d, fit, plot.x - ui_px(d, 10), cy, fs, 0, t->text, UI_RIGHT | UI_MIDDLE);
        float x1 = XPIX(b->outer);
        SDL_FRect r = {fminf(x0, x1), cy - bh / 2, fmaxf(fabsf(x1 - x0), 1), bh};
        ui_fill_rect(d, r, c->sobol ? outer : b->negative ? neg : outer);
        if (b->outer_conf > 0)
            whisker(d,
                    XPIX(c->sobol ? b->outer - b->outer_conf : fmax(0, b->outer - b->outer_conf)),
                    XPIX(b->outer + b->outer_conf), c->sobol ? cy - bh * 0.38f : cy,
                    c->sobol ? bh * 0.22f : bh * 0.5f, t->text);
        if (c->sobol) {
            float xi = XPIX(b->inner), ih = bh * 0.5f;
            SDL_FRect ri = {fminf(x0, xi), cy - ih / 2, fmaxf(fabsf(xi - x0), 1), ih};
            ui_fill_rect(d, ri, inner);
            if (b->inner_conf > 0)
                whisker(d, XPIX(b->inner - b->inner_conf), XPIX(b->inner + b->inner_conf), cy,
                        ih * 0.6f, t->text_dim);
        }
    }
#undef XPIX
}

int app_sens_chart_png(const AppSensChart *c, const char *path, char *err, size_t errsz)
{
    char msg[1024];
    /* Tall enough for every name to stand on its own row. */
    int height = (int)(SCALE * (190 + 30.0 * (c->n < 6 ? 6 : c->n)));
    SDL_Surface *s = ui_png_surface(WIDTH, height, err, errsz);
    if (!s)
        return -1;
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    if (!r) {
        SDL_FreeSurface(s);
        return core_errf(err, errsz, "%s",
                         ui_trf(msg, sizeof msg, "report.err.renderer", SDL_GetError(), NULL));
    }
    UiDraw *d = ui_draw_create(r, SCALE, NULL, err, errsz);
    int rc = -1;
    if (d) {
        ui_clear(d, ui_draw_theme(d)->bg);
        draw(d, c, (float)WIDTH, (float)height);
        SDL_RenderFlush(r);
        SDL_RenderPresent(r);
        ui_draw_destroy(d);
        rc = 0;
        if (IMG_SavePNG(s, path) != 0)
            rc = core_errf(err, errsz, "%s",
                           ui_trf(msg, sizeof msg, "report.err.png", path, IMG_GetError(), NULL));
    }
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    return rc;
}
