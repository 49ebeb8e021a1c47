/* ui_scene: the map and charts screens (see ui_scene.h). */
#include "ui_scene.h"

#include "core_month.h"
#include "core_text.h"
#include "ui_fmt.h"

#include <stdio.h>

float ui_scene_title_height(const UiDraw *d)
{
    return ui_px(d, 64);
}

void ui_scene_title(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn)
{
    const UiTheme *th = ui_draw_theme(d);
    turn = turn < 0 ? 0 : turn > w->turn ? w->turn : turn;
    SDL_FRect bar = {area.x, area.y, area.w, ui_scene_title_height(d)};
    ui_fill_rect(d, bar, th->panel);
    char month[32], line[256];
    if (turn == 0) {
        core_tr_month(w->sc->start, month, sizeof month);
        ui_trf(line, sizeof line, "screen.title.opening", month, NULL);
    } else {
        core_tr_month(w->sc->start + turn - 1, month, sizeof month);
        snprintf(line, sizeof line, "%s", month);
    }
    float cy = bar.y + bar.h / 2.0f, pad = ui_px(d, 20);
    char month_line[256], count[64], mood[96], fit[512];
    snprintf(month_line, sizeof month_line, "%s", line);
    char a[16], b[16], key[48];
    snprintf(a, sizeof a, "%d", turn);
    snprintf(b, sizeof b, "%d", w->turns);
    ui_trf(count, sizeof count, "screen.title.count", a, b, NULL);
    double s = w->info[turn].sentiment;
    snprintf(a, sizeof a, "%+.2f", s);
    if (turn == w->turn && w->end != SIM_END_NONE && w->end != SIM_END_TURN_LIMIT) {
        snprintf(key, sizeof key, "end.%s", sim_end_reason_name(w->end)); /* the feed's words */
        ui_trf(mood, sizeof mood, "screen.title.over", ui_tr(key), a, NULL);
    } else {
        ui_trf(mood, sizeof mood, "screen.title.sentiment", a, NULL);
    }
    const char *title = core_tr_content(w->sc->title);
    /* A long title (a what-if's question) gives way: the month and the mood always show, the
     * count of months when there is room, the title shortened to what is left. */
    int mw = 0, lw = 0, cw = 0;
    ui_text_size(d, mood, ui_px(d, 21), 1, &mw, NULL);
    ui_text_size(d, month_line, ui_px(d, 26), 0, &lw, NULL);
    ui_text_size(d, count, ui_px(d, 19), 0, &cw, NULL);
    float room = bar.w - 2 * pad - (float)mw - ui_px(d, 28) - (float)lw - ui_px(d, 28);
    /* Shortened with intent: without its parentheses, then its first clause, then cut. */
    ui_text_fit_short(d, title, 1, ui_px(d, 26), 1, room > ui_px(d, 60) ? room : ui_px(d, 60), fit,
                      sizeof fit);
    int tw = 0;
    ui_text_size(d, fit, ui_px(d, 26), 1, &tw, NULL);
    int show_count = (float)tw + (float)cw + ui_px(d, 20) <= room;
    float x = bar.x + pad;
    x += (float)ui_text(d, fit, x, cy, ui_px(d, 26), 1, th->text, UI_LEFT | UI_MIDDLE);
    x += ui_px(d, 28);
    x += (float)ui_text(d, month_line, x, cy, ui_px(d, 26), 0, th->text, UI_LEFT | UI_MIDDLE);
    x += ui_px(d, 20);
    if (show_count)
        ui_text(d, count, x, cy, ui_px(d, 19), 0, th->text_dim, UI_LEFT | UI_MIDDLE);
    snprintf(line, sizeof line, "%s", mood);
    ui_text(d, line, bar.x + bar.w - pad, cy, ui_px(d, 21), 1, s >= 0 ? th->up : th->down,
            UI_RIGHT | UI_MIDDLE);
}

#define MAP_LAYER 1

/* The map's still part (everything but the particles) changes with the turn, not the frame: it
 * is kept as a texture (a layer of ui_draw, covering the view from the origin so the layout's
 * coordinates need no shift) and redrawn only when the world's record, the turn, the view or the
 * scale change; each frame copies it and draws the particles over it. */
static void draw_map_layer(UiDraw *d, UiMap *map, SDL_FRect view, const SimWorld *w, int turn,
                           double phase)
{
    SDL_Renderer *r = ui_draw_renderer(d);
    int tw = (int)SDL_ceilf(view.x + view.w), th_ = (int)SDL_ceilf(view.y + view.h);
    /* The language too: the start screen may change it between two games. */
    unsigned long long key =
        ui_layer_key(d, w, turn, view) ^ ((unsigned long long)core_tr_lang() << 56);
    int stale = 1;
    SDL_Texture *t = ui_draw_layer(d, MAP_LAYER, tw, th_, key, &stale);
    SDL_Rect clip;
    int clipped = SDL_RenderIsClipEnabled(r);
    if (clipped)
        SDL_RenderGetClipRect(r, &clip);
    if (t && stale) {
        if (SDL_SetRenderTarget(r, t) == 0) {
            ui_fill_rect(d, (SDL_FRect){0, 0, (float)tw, (float)th_}, ui_draw_theme(d)->bg);
            ui_map_draw_static(map, d);
            SDL_RenderFlush(r);
            SDL_SetRenderTarget(r, NULL);
        } else {
            ui_draw_layer_forget(d, MAP_LAYER);
            t = NULL;
        }
    }
    if (clipped) /* changing the target resets the clip */
        SDL_RenderSetClipRect(r, &clip);
    if (!t) {
        ui_map_draw(map, d, phase);
        return;
    }
    SDL_Rect src = {(int)view.x, (int)view.y, (int)SDL_ceilf(view.w), (int)SDL_ceilf(view.h)};
    SDL_FRect dst = {(float)src.x, (float)src.y, (float)src.w, (float)src.h};
    SDL_RenderCopyF(r, t, &src, &dst);
    ui_map_draw_particles(map, d, phase);
}

int ui_scene_map(UiDraw *d, UiMap *map, SDL_FRect area, const SimWorld *w, int turn, double phase,
                 char *err, size_t errsz)
{
    ui_scene_title(d, area, w, turn);
    return ui_scene_map_view(d, map, area, w, turn, phase, err, errsz);
}

int ui_scene_map_view(UiDraw *d, UiMap *map, SDL_FRect area, const SimWorld *w, int turn,
                      double phase, char *err, size_t errsz)
{
    float th_ = ui_scene_title_height(d);
    float legend = ui_map_legend_height(d, area.w - ui_px(d, 40));
    SDL_FRect view = {area.x, area.y + th_, area.w, area.h - th_ - legend};
    if (ui_map_layout(map, w, turn, view, ui_draw_scale(d), err, errsz) < 0)
        return -1;
    draw_map_layer(d, map, view, w, turn, phase);
    SDL_FRect leg = {area.x + ui_px(d, 20), area.y + area.h - legend, area.w - ui_px(d, 40),
                     legend};
    ui_map_draw_legend(d, leg);
    return 0;
}

void ui_scene_charts(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn,
                     UiChartGeom geom[UI_N_CHARTS])
{
    SDL_FRect slot[UI_N_CHARTS];
    ui_scene_title(d, area, w, turn);
    ui_panel_layout(d, UI_PANEL_SHEET, area, ui_scene_title_height(d), slot);
    ui_panel_draw(d, slot, w, turn, geom);
}
