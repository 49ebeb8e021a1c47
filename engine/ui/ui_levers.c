/* ui_levers: the teacher's lever panel (see ui_levers.h). */
#include "ui_levers.h"

#include "core_text.h"
#include "ui_chart.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdlib.h>

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

SDL_Color ui_levers_faint(const UiDraw *d, const SimWorld *w)
{
    /* The hub's colour mixed with the background, opaque: a line that reads as "the other game"
     * and that a screenshot can find. */
    SDL_Color c = ui_chart_actor_color(w, w->sc->hub), bg = ui_draw_theme(d)->bg;
    return (SDL_Color){(Uint8)((c.r * 9 + bg.r * 11) / 20), (Uint8)((c.g * 9 + bg.g * 11) / 20),
                       (Uint8)((c.b * 9 + bg.b * 11) / 20), 255};
}

/* A lever's name whole in width tw: on two lines where one is short (a narrow panel at projector
 * size). Its height. */
static float name_height(UiDraw *d, const SimWorld *w, SimLever l, float tw)
{
    char buf[256];
    ui_levers_name(w, l, buf, sizeof buf);
    return ui_text_wrapped_height(d, buf, tw, ui_px(d, 16), 1, 2);
}

/* The height of lever l's row: its name and buttons, its line on what it does wrapped under the
 * name (help = 0: that line left out). */
static float row_height(UiDraw *d, const SimWorld *w, SimLever l, float tw, int help)
{
    float name_h = name_height(d, w, l, tw),
          one = ui_text_wrapped_height(d, "Ag", tw, ui_px(d, 16), 1, 1);
    float h = ui_px(d, 6) + ui_px(d, 24) + (name_h > one * 1.5f ? name_h - one : 0.0f);
    if (help)
        h += ui_text_wrapped_height(d, ui_levers_help(l), tw, ui_px(d, 13), 0, 6);
    h += ui_px(d, 10);
    return h < ui_px(d, 40) ? ui_px(d, 40) : h;
}

/* The hub's market value in both games, from `from` on for the one without the change, in the
 * area under the levers; then the sentence. */
static void draw_compare(UiDraw *d, SDL_FRect area, const SimWorld *w, const UiLeversCompare *cmp,
                         UiLeversGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    char buf[512];
    float y = area.y, x = area.x, wi = area.w;
    const SimWorld *b = cmp ? cmp->without : NULL;
    const char *sentence = cmp && cmp->sentence ? cmp->sentence : "";
    float sh = ui_text_wrapped_height(d, sentence, wi, ui_px(d, 14), 0, 6);
    ui_fill_rect(d, (SDL_FRect){x, y, wi, ui_px(d, 1)}, th->grid);
    y += ui_px(d, 8);
    if (!b) {
        /* Whole, in smaller type where the room is short (down to 12 units), or not at all. */
        const char *none = ui_tr("lever.compare.none");
        for (double pt = 14; pt >= 12; pt -= 1)
            if (ui_text_wrapped_height(d, none, wi, ui_px(d, pt), 0, 6) <= area.y + area.h - y) {
                ui_text_wrapped(d, none, x, y, wi, ui_px(d, pt), 0, th->text_dim, 6);
                break;
            }
        return;
    }
    int hub = w->sc->hub;
    ui_trf(buf, sizeof buf, "lever.compare.title", core_tr_content(w->sc->actors[hub].name), NULL);
    float ch = area.y + area.h - y - sh - ui_px(d, 8);
    /* From a few months before the change to the later of the two games. */
    int x0 = cmp->from > 6 ? cmp->from - 6 : 0;
    int last = w->turn > b->turn ? w->turn : b->turn, len = last - x0 + 1;
    double *v = ch > ui_px(d, 40) ? malloc(2 * (size_t)len * sizeof *v) : NULL;
    if (v) {
        for (int t = 0; t < len; t++) {
            int at = x0 + t;
            v[t] = at <= w->turn ? sim_snap(w, at, hub)->market_value : NAN;
            v[len + t] =
                at >= cmp->from && at <= b->turn ? sim_snap(b, at, hub)->market_value : NAN;
        }
        UiSeries se[2] = {{.name = ui_tr("lever.compare.without"),
                           .color = ui_levers_faint(d, w),
                           .y = v + len,
                           .n = len,
                           .width = 5}, /* wider: seen round the real line where they meet */
                          {.name = ui_tr("lever.compare.with"),
                           .color = ui_chart_actor_color(w, hub),
                           .y = v,
                           .n = len,
                           .width = 2.5f}};
        static const int order[2] = {1, 0}; /* "with" first */
        UiChartSpec spec = {.title = buf,
                            .legend_order = order,
                            .month0 = w->sc->start - 1 + x0,
                            .x_max = len - 1 > 6 ? len - 1 : 6,
                            .yfmt = UI_Y_MONEY,
                            .ref_line = NAN,
                            .legend_top = 1};
        /* Sized as the game screen's charts are in their panel (ui_screen's PANEL_K). */
        double scale = ui_draw_scale(d);
        ui_draw_set_scale(d, scale * 0.7);
        ui_chart_lines(d, (SDL_FRect){x, y, wi, ch}, &spec, se, 2, &g->chart);
        ui_draw_set_scale(d, scale);
        free(v);
        y += ch + ui_px(d, 6);
    }
    ui_text_wrapped(d, sentence, x, y, wi, ui_px(d, 14), 0, th->text, 6);
}

void ui_levers_draw(UiDraw *d, SDL_FRect area, const SimWorld *w, int focus, float mx, float my,
                    const UiLeversCompare *cmp, UiLeversGeom *g)
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
    y += ui_text_wrapped(d, buf, x, y, wi, ui_px(d, 14), 0, th->text_dim, 3) + ui_px(d, 8);
    float sb = ui_px(d, 32), vw = ui_px(d, 84), tw = wi - 2 * sb - vw - ui_px(d, 16);
    /* The keys' line at the bottom, wrapped rather than cut in a narrow panel. */
    float keys_h = ui_text_wrapped_height(d, ui_tr("lever.keys"), wi, ui_px(d, 13), 0, 3);
    float keys_y = area.y + area.h - ui_px(d, 8) - keys_h;
    /* Every lever's line wrapped in full; where that leaves the comparison too little room,
     * only the focused lever's line (the others' come with the focus). */
    float rows = 0, least = ui_px(d, 26 + 150 + 16) +
                            ui_text_wrapped_height(d, cmp && cmp->sentence ? cmp->sentence : "", wi,
                                                   ui_px(d, 14), 0, 6);
    for (int l = 0; l < SIM_LEVER_COUNT; l++)
        rows += row_height(d, w, (SimLever)l, tw, 1);
    int all_help = y + rows + least <= keys_y;
    for (int l = 0; l < SIM_LEVER_COUNT; l++) {
        int help = all_help || l == focus;
        float rh = row_height(d, w, (SimLever)l, tw, help);
        if (y + rh > keys_y)
            break;
        SDL_FRect row = {x - ui_px(d, 6), y, wi + ui_px(d, 12), rh - ui_px(d, 4)};
        g->row[l] = row;
        if (l == focus)
            ui_fill_round_rect(d, row, ui_px(d, 6), ui_shade(th->panel, 0.15));
        float ty = y + ui_px(d, 6);
        /* The hub's own levers carry its name. */
        ui_levers_name(w, (SimLever)l, buf, sizeof buf);
        /* Whole, on two lines where one is short. */
        float name_h = name_height(d, w, (SimLever)l, tw);
        if (help)
            ui_text_wrapped(d, buf, x, ty, tw, ui_px(d, 16), 1, th->text, 2);
        else /* a name alone stands level with its buttons */
            ui_text_wrapped(d, buf, x, y + (rh - ui_px(d, 4) - name_h) / 2, tw, ui_px(d, 16), 1,
                            th->text, 2);
        if (help)
            ui_text_wrapped(d, ui_levers_help((SimLever)l), x,
                            ty + name_h + ui_px(d, 23) -
                                ui_text_wrapped_height(d, "Ag", tw, ui_px(d, 16), 1, 1),
                            tw, ui_px(d, 13), 0, th->text_dim, 6);
        float bx = x + wi - 2 * sb - vw, by = y + (rh - ui_px(d, 4) - sb) / 2;
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
    y += ui_px(d, 4);
    if (keys_y - ui_px(d, 8) - y > ui_px(d, 40))
        draw_compare(d, (SDL_FRect){x, y, wi, keys_y - ui_px(d, 8) - y}, w, cmp, g);
    ui_text_wrapped(d, ui_tr("lever.keys"), x, keys_y, wi, ui_px(d, 13), 0, th->text_dim, 3);
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
