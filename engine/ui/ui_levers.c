/* ui_levers: the teacher's lever panel (see ui_levers.h). */
#include "ui_levers.h"

#include "core_text.h"
#include "ui_fmt.h"

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

const char *ui_levers_name(const SimWorld *w, SimLever l, char *buf, size_t bufsz)
{
    const SimLeverInfo *in = sim_lever_info(l);
    char key[64];
    snprintf(key, sizeof key, "lever.%s.name", in ? in->id : "?");
    return ui_trf(buf, bufsz, key, core_tr_content(w->sc->actors[w->sc->hub].name), NULL);
}

const char *ui_levers_help(SimLever l)
{
    const SimLeverInfo *in = sim_lever_info(l);
    static char key[SIM_LEVER_COUNT][64];
    if (!in)
        return "";
    /* ui_tr may hand the key back: keep it where it outlives the call. */
    snprintf(key[l], sizeof key[l], "lever.%s.help", in->id);
    return ui_tr(key[l]);
}

const char *ui_levers_event_text(const SimWorld *w, const SimEvent *e, char *buf, size_t bufsz)
{
    const SimLeverInfo *in = sim_lever_info((SimLever)e->other);
    if (core_tr_lang() == CORE_LANG_EN || !in) {
        snprintf(buf, bufsz, "%s", e->text);
        return buf;
    }
    char name[128], from[32], to[32];
    ui_levers_name(w, (SimLever)e->other, name, sizeof name);
    if (in->percent) {
        snprintf(from, sizeof from, "%.1f%%", e->aux * 100.0);
        snprintf(to, sizeof to, "%.1f%%", e->amount * 100.0);
    } else {
        snprintf(from, sizeof from, "%.2f", e->aux);
        snprintf(to, sizeof to, "%.2f", e->amount);
    }
    return ui_trf(buf, bufsz, "lever.changed", name, from, to, NULL);
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
    ui_text(d, ui_tr("lever.title"), x, y, ui_px(d, 24), 1, th->text, UI_LEFT);
    y += ui_px(d, 34);
    char buf[256];
    ui_trf(buf, sizeof buf, "lever.hub", core_tr_content(w->sc->actors[w->sc->hub].name), NULL);
    y += ui_text_wrapped(d, buf, x, y, wi, ui_px(d, 14), 0, th->text_dim, 2) + ui_px(d, 8);
    float rh = ui_px(d, 64), sb = ui_px(d, 36), vw = ui_px(d, 90);
    for (int l = 0; l < SIM_LEVER_COUNT && y + rh <= area.y + area.h - ui_px(d, 30); l++) {
        SDL_FRect row = {x - ui_px(d, 6), y, wi + ui_px(d, 12), rh - ui_px(d, 6)};
        g->row[l] = row;
        if (l == focus)
            ui_fill_round_rect(d, row, ui_px(d, 6), ui_shade(th->panel, 0.15));
        float ty = y + ui_px(d, 6);
        /* The hub's own levers carry its name. */
        ui_levers_name(w, (SimLever)l, buf, sizeof buf);
        char fit[256];
        ui_text_fit(d, buf, ui_px(d, 16), 1, wi - 2 * sb - vw - ui_px(d, 20), fit, sizeof fit);
        ui_text(d, fit, x, ty, ui_px(d, 16), 1, th->text, UI_LEFT);
        ui_text_fit(d, ui_levers_help((SimLever)l), ui_px(d, 13), 0,
                    wi - 2 * sb - vw - ui_px(d, 20), fit, sizeof fit);
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
    ui_text(d, ui_tr("lever.keys"), x, area.y + area.h - ui_px(d, 24), ui_px(d, 13), 0,
            th->text_dim, UI_LEFT);
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
