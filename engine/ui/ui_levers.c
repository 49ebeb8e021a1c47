/* ui_levers: the teacher's lever panel (see ui_levers.h). */
#include "ui_levers.h"

#include <stdio.h>
#include <string.h>

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

const char *ui_levers_value(const SimWorld *w, SimLever l, char *buf, size_t bufsz)
{
    const SimLeverInfo *in = sim_lever_info(l);
    double v = sim_lever_get(w, l);
    if (in && in->percent)
        snprintf(buf, bufsz, "%.1f%%", v * 100.0);
    else
        snprintf(buf, bufsz, l == SIM_LEVER_SENTIMENT ? "%+.2f" : "%.2f", v);
    return buf;
}

void ui_levers_draw(UiDraw *d, SDL_FRect area, const SimWorld *w, int focus, float mx, float my,
                    UiLeversGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = th->family[UI_FAM_LOAN];
    g->box = area;
    ui_fill_rect(d, area, ui_shade(th->bg, 0.05));
    ui_fill_rect(d, (SDL_FRect){area.x, area.y, ui_px(d, 3), area.h}, accent);
    float pad = ui_px(d, 16), x = area.x + pad, wi = area.w - 2 * pad, y = area.y + pad;
    ui_text(d, "Teacher's levers", x, y, ui_px(d, 24), 1, th->text, UI_LEFT);
    y += ui_px(d, 34);
    char buf[256];
    snprintf(buf, sizeof buf, "The hub is %s. Changes count from the next month.",
             w->sc->actors[w->sc->hub].name);
    y += ui_text_wrapped(d, buf, x, y, wi, ui_px(d, 14), 0, th->text_dim, 2) + ui_px(d, 8);
    float rh = ui_px(d, 64), sb = ui_px(d, 36), vw = ui_px(d, 90);
    for (int l = 0; l < SIM_LEVER_COUNT && y + rh <= area.y + area.h - ui_px(d, 30); l++) {
        const SimLeverInfo *in = sim_lever_info((SimLever)l);
        SDL_FRect row = {x - ui_px(d, 6), y, wi + ui_px(d, 12), rh - ui_px(d, 6)};
        g->row[l] = row;
        if (l == focus)
            ui_fill_round_rect(d, row, ui_px(d, 6), ui_shade(th->panel, 0.15));
        float ty = y + ui_px(d, 6);
        /* The hub's own levers carry its name. */
        const char *hub = w->sc->actors[w->sc->hub].name;
        if (l == SIM_LEVER_REVENUE_GROWTH)
            snprintf(buf, sizeof buf, "%s's revenue growth", hub);
        else if (l == SIM_LEVER_CREDIT)
            snprintf(buf, sizeof buf, "%s's credit line", hub);
        else
            snprintf(buf, sizeof buf, "%s", in->name);
        ui_text(d, buf, x, ty, ui_px(d, 16), 1, th->text, UI_LEFT);
        char fit[256];
        ui_text_fit(d, in->help, ui_px(d, 13), 0, wi - 2 * sb - vw - ui_px(d, 20), fit, sizeof fit);
        ui_text(d, fit, x, ty + ui_px(d, 24), ui_px(d, 13), 0, th->text_dim, UI_LEFT);
        float bx = x + wi - 2 * sb - vw - ui_px(d, 8), by = y + (rh - ui_px(d, 6) - sb) / 2;
        g->minus[l] = (SDL_FRect){bx, by, sb, sb};
        g->value[l] = (SDL_FRect){bx + sb, by, vw, sb};
        g->plus[l] = (SDL_FRect){bx + sb + vw, by, sb, sb};
        ui_button(d, g->minus[l], "-", 18, inside(g->minus[l], mx, my), 0, NULL);
        ui_button(d, g->plus[l], "+", 18, inside(g->plus[l], mx, my), 0, NULL);
        ui_levers_value(w, (SimLever)l, buf, sizeof buf);
        ui_text(d, buf, bx + sb + vw / 2, by + sb / 2, ui_px(d, 17), 1, accent,
                UI_CENTER | UI_MIDDLE);
        y += rh;
    }
    ui_text(d, "Up/Down choose   Left/Right change   L or Esc close", x,
            area.y + area.h - ui_px(d, 24), ui_px(d, 13), 0, th->text_dim, UI_LEFT);
}

UiLeverHit ui_levers_hit(const UiLeversGeom *g, float x, float y)
{
    UiLeverHit h = {UI_LEVER_NONE, -1};
    if (!inside(g->box, x, y))
        return h;
    h.action = UI_LEVER_INSIDE;
    for (int l = 0; l < SIM_LEVER_COUNT; l++) {
        if (inside(g->minus[l], x, y))
            return (UiLeverHit){UI_LEVER_MINUS, l};
        if (inside(g->plus[l], x, y))
            return (UiLeverHit){UI_LEVER_PLUS, l};
        if (inside(g->row[l], x, y))
            h = (UiLeverHit){UI_LEVER_ROW, l};
    }
    return h;
}
