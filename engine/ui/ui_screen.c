/* ui_screen: the game screen (see ui_screen.h). */
#include "ui_screen.h"

#include "core_text.h"
#include "ui_fmt.h"
#include "ui_scene.h"

#include <stdio.h>
#include <string.h>

/* The map and the charts were sized for a whole screen; in their share of this one they are
 * drawn a little smaller than the screen's own text (feed, controls). */
#define MAP_K   0.85
#define PANEL_K 0.7

/* ---------------------------------------------------------------- layout */

/* The layout of a width x height screen at the UiDraw's scale (no drawing). */
static void ui_screen_layout(UiDraw *d, int width, int height, UiScreenGeom *g)
{
    memset(g, 0, sizeof *g);
    float W = (float)width, H = (float)height;
    /* Seven rows of news; five where the layout is enlarged for a projector (its canvas under
     * 640 units high), so that the map keeps its room: the log scrolls. */
    int small = H / ui_px(d, 1) < 640.0f;
    int feed_rows = small ? 5 : 7;
    float ctrl_h = ui_px(d, 48), feed_h = ui_px(d, feed_rows * 19 + 30);
    float title_h = ui_px(d, 64 * MAP_K);
    float panel_w = W * 0.36f;
    if (feed_h > H * 0.3f)
        feed_h = H * 0.3f;
    g->screen = (SDL_FRect){0, 0, W, H};
    g->controls = (SDL_FRect){0, H - ctrl_h, W, ctrl_h};
    g->map = (SDL_FRect){0, 0, W - panel_w, H - ctrl_h - feed_h};
    g->feed = (SDL_FRect){0, g->map.h, g->map.w, feed_h};
    g->panel = (SDL_FRect){g->map.w, title_h, panel_w, H - ctrl_h - title_h};
    ui_panel_layout(d, UI_PANEL_SCREEN, g->panel, 0, g->slot);
    float bh = ctrl_h - ui_px(d, 12), by = g->controls.y + (ctrl_h - bh) / 2.0f;
    g->btn_play = (SDL_FRect){ui_px(d, 12), by, ui_px(d, 96), bh};
    g->btn_next = (SDL_FRect){g->btn_play.x + g->btn_play.w + ui_px(d, 10), by, ui_px(d, 136), bh};
    g->btn_save = (SDL_FRect){g->btn_next.x + g->btn_next.w + ui_px(d, 10), by, ui_px(d, 76), bh};
    g->btn_load = (SDL_FRect){g->btn_save.x + g->btn_save.w + ui_px(d, 6), by, ui_px(d, 76), bh};
    g->hover.kind = UI_HIT_NONE;
}

static int inside(SDL_FRect r, float x, float y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

UiButton ui_screen_button_at(const UiScreenGeom *g, float x, float y)
{
    if (inside(g->btn_play, x, y))
        return UI_BUTTON_PLAY;
    if (inside(g->btn_next, x, y))
        return UI_BUTTON_NEXT;
    if (inside(g->btn_save, x, y))
        return UI_BUTTON_SAVE;
    if (inside(g->btn_load, x, y))
        return UI_BUTTON_LOAD;
    return UI_BUTTON_NONE;
}

/* ---------------------------------------------------------------- controls */

static void draw_controls(UiDraw *d, const UiScreenGeom *g, const UiScreenState *st)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_fill_rect(d, g->controls, th->panel);
    ui_fill_rect(d, (SDL_FRect){0, g->controls.y, g->controls.w, ui_px(d, 1)}, th->grid);
    float mx = st ? st->mouse_x : -1, my = st ? st->mouse_y : -1;
    int playing = st && st->playing;
    int host = st && st->hosting, held = host && st->timer_paused;
    /* Hosting, the room's timer plays the months: the button pauses it. */
    const char *play = host ? (held ? "screen.button.resume_timer" : "screen.button.pause_timer")
                            : (playing ? "screen.button.pause" : "screen.button.play");
    ui_button(d, g->btn_play, ui_tr(play), 16, inside(g->btn_play, mx, my), playing || held, NULL);
    int desk = st && st->desk;
    ui_button(d, g->btn_next, ui_tr(desk ? "screen.button.end_turn" : "screen.button.next"), 16,
              inside(g->btn_next, mx, my), 0, NULL);
    ui_button(d, g->btn_save, ui_tr("screen.button.save"), 15, inside(g->btn_save, mx, my), 0,
              NULL);
    ui_button(d, g->btn_load, ui_tr("screen.button.load"), 15, inside(g->btn_load, mx, my), 0,
              NULL);
    float cy = g->controls.y + g->controls.h / 2;
    float x = g->btn_load.x + g->btn_load.w + ui_px(d, 18);
    char buf[160];
    float rx = g->controls.w - ui_px(d, 16);
    if (st && st->notice && *st->notice) {
        snprintf(buf, sizeof buf, "%s", st->notice);
    } else if (host) {
        snprintf(buf, sizeof buf, "%s", ui_tr(held ? "screen.timer_paused" : "screen.timer_on"));
    } else {
        double sp = st ? st->speed : 1.0;
        const char *state = ui_tr(playing ? "screen.playing" : "screen.paused");
        char n[32];
        if (sp >= 1.0) {
            snprintf(n, sizeof n, "%.0f", sp);
            ui_trf(buf, sizeof buf, sp == 1.0 ? "screen.speed.one" : "screen.speed.many", state, n,
                   NULL);
        } else {
            snprintf(n, sizeof n, "%.0f", 1.0 / sp);
            ui_trf(buf, sizeof buf, "screen.speed.slow", state, n, NULL);
        }
    }
    /* The keys line gets what the status leaves: cut short rather than run under it. */
    int sw = 0;
    ui_text_size(d, buf, ui_px(d, 15), 1, &sw, NULL);
    float room = rx - (float)sw - ui_px(d, 24) - x;
    char keys[256];
    const char *line = desk ? "screen.keys.desk" : host ? "screen.keys.host" : "screen.keys.watch";
    ui_text_fit(d, ui_tr(line), ui_px(d, 14), 0, room > 0 ? room : 1, keys, sizeof keys);
    if (room > ui_px(d, 40))
        ui_text(d, keys, x, cy, ui_px(d, 14), 0, th->text_dim, UI_LEFT | UI_MIDDLE);
    ui_text(d, buf, rx, cy, ui_px(d, 15), 1, playing ? th->up : th->text, UI_RIGHT | UI_MIDDLE);
}

/* ---------------------------------------------------------------- overlays */

static void draw_tooltip(UiDraw *d, const char *text, float mx, float my, float sw, float sh)
{
    const UiTheme *th = ui_draw_theme(d);
    char lines[24][256];
    int n = 0;
    const char *p = text;
    while (*p && n < 24) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 255)
            len = 255;
        memcpy(lines[n], p, len);
        lines[n][len] = '\0';
        n++;
        p += e ? (size_t)(e - p) + 1 : strlen(p);
    }
    float size = ui_px(d, 15), lh = ui_px(d, 20), pad = ui_px(d, 10), bw = 0;
    for (int i = 0; i < n; i++) {
        int tw = 0;
        ui_text_size(d, lines[i], size, i == 0, &tw, NULL);
        if ((float)tw > bw)
            bw = (float)tw;
    }
    SDL_FRect box = {mx + ui_px(d, 18), my + ui_px(d, 18), bw + 2 * pad, (float)n * lh + 2 * pad};
    if (box.x + box.w > sw)
        box.x = mx - ui_px(d, 12) - box.w;
    if (box.y + box.h > sh)
        box.y = sh - box.h;
    if (box.x < 0)
        box.x = 0;
    if (box.y < 0)
        box.y = 0;
    ui_draw_plate(d); /* over the screen, on purpose */
    ui_fill_round_rect(d, box, ui_px(d, 6), ui_alpha(ui_shade(th->panel, -0.2), 240));
    ui_stroke_round_rect(d, box, ui_px(d, 6), ui_px(d, 1.5), th->axis);
    for (int i = 0; i < n; i++)
        ui_text(d, lines[i], box.x + pad, box.y + pad + (float)i * lh, size, i == 0,
                i == 0 ? th->text : th->text, UI_LEFT);
}

/* The help's rows, in order: each id has a text for the keys (help.<id>.keys) and one for
 * what they do (help.<id>.what). The host_* five are the keys of a teacher hosting a class; the
 * last two, the lab's. */
static const char *const help_ids[] = {
    "space",       "next",       "speed",       "zoom",          "fullscreen",    "help",
    "shot",        "save",       "load",        "debrief",       "quit",          "click_play",
    "click_next",  "hover_node", "hover_edge",  "story",         "levers",        "turn",
    "propose",     "pick",       "answer",      "dialog_choose", "dialog_change", "dialog_send",
    "rescue",      "card",       "news_scroll", "news_filter",   "host_start",    "host_pause",
    "host_extend", "host_seat",  "host_card",   "lab",           "lab_from",
};

static void draw_help(UiDraw *d, float sw, float sh)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_draw_plate(d); /* over the screen, on purpose */
    ui_fill_rect(d, (SDL_FRect){0, 0, sw, sh}, ui_alpha(th->bg, 200));
    enum { N_HELP = sizeof help_ids / sizeof help_ids[0] };
    const char *rows[N_HELP][2];
    char key[64];
    for (int i = 0; i < N_HELP; i++)
        for (int k = 0; k < 2; k++) {
            snprintf(key, sizeof key, "help.%s.%s", help_ids[i], k ? "what" : "keys");
            rows[i][k] = ui_tr(key);
        }
    int n = N_HELP;
    float size = ui_px(d, 18), lh = ui_px(d, 30), pad = ui_px(d, 28), kw = 0, aw = 0;
    /* Smaller type rather than rows off the screen in a short window. */
    float room = sh * 0.96f - 2 * pad - ui_px(d, 48);
    if ((float)n * lh > room && room > 0) {
        float k = room / ((float)n * lh);
        size *= k;
        lh *= k;
    }
    for (int i = 0; i < n; i++) {
        int a = 0, b = 0;
        ui_text_size(d, rows[i][0], size, 1, &a, NULL);
        ui_text_size(d, rows[i][1], size, 0, &b, NULL);
        kw = (float)a > kw ? (float)a : kw;
        aw = (float)b > aw ? (float)b : aw;
    }
    float gap = ui_px(d, 28), title = ui_px(d, 48);
    SDL_FRect box = {0, 0, kw + gap + aw + 2 * pad, title + (float)n * lh + 2 * pad};
    box.x = (sw - box.w) / 2;
    box.y = (sh - box.h) / 2;
    ui_fill_round_rect(d, box, ui_px(d, 10), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 10), ui_px(d, 2), th->axis);
    ui_text(d, ui_tr("help.title"), box.x + pad, box.y + pad, ui_px(d, 26), 1, th->text, UI_LEFT);
    for (int i = 0; i < n; i++) {
        float y = box.y + pad + title + (float)i * lh;
        ui_text(d, rows[i][0], box.x + pad, y, size, 1, th->family[UI_FAM_REVSHARE], UI_LEFT);
        ui_text(d, rows[i][1], box.x + pad + kw + gap, y, size, 0, th->text, UI_LEFT);
    }
}

/* ---------------------------------------------------------------- the panel */

static SDL_FRect moved(SDL_FRect r, float dx, float dy)
{
    return (SDL_FRect){r.x + dx, r.y + dy, r.w, r.h};
}

static void draw_panel_at(UiDraw *d, UiScreenGeom *g, const SimWorld *w, int turn, float dx,
                          float dy)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_FRect panel = moved(g->panel, dx, dy);
    ui_fill_rect(d, panel, ui_shade(th->bg, 0.04));
    ui_fill_rect(d, (SDL_FRect){panel.x, panel.y, ui_px(d, 1), panel.h}, th->grid);
    /* The charts' titles and legends are sized for a whole screen: a smaller scale here. */
    double scale = ui_draw_scale(d);
    ui_draw_set_scale(d, scale * PANEL_K);
    SDL_FRect slot[UI_N_CHARTS];
    for (int k = 0; k < UI_N_CHARTS; k++)
        slot[k] = moved(g->slot[k], dx, dy);
    ui_panel_draw(d, slot, w, turn, g->chart);
    ui_draw_set_scale(d, scale);
    for (int k = 0; k < UI_N_CHARTS; k++) {
        g->chart[k].plot = moved(g->chart[k].plot, -dx, -dy);
        if (g->chart[k].legend.w > 0)
            g->chart[k].legend = moved(g->chart[k].legend, -dx, -dy);
        if (g->chart[k].more.w > 0)
            g->chart[k].more = moved(g->chart[k].more, -dx, -dy);
    }
}

#define PANEL_LAYER 0

/* The charts reset the renderer's clip, so the panel is drawn into a texture of its own size
 * and copied: nothing a chart draws can leave the panel. The texture is kept between frames and
 * redrawn only when the turn, the size or the scale changes: the charts were a quarter of a
 * frame (docs/performance.md). */
static void draw_panel(UiDraw *d, UiScreenGeom *g, const SimWorld *w, int turn)
{
    _Static_assert(sizeof g->chart <= UI_LAYER_AUX, "the charts' geometry must fit");
    UiChartGeom *kept = ui_draw_layer_aux(d, PANEL_LAYER); /* geometry of the kept texture */
    SDL_Renderer *r = ui_draw_renderer(d);
    int pw = (int)SDL_ceilf(g->panel.w), ph = (int)SDL_ceilf(g->panel.h);
    int stale = 1;
    SDL_Texture *t = ui_draw_layer(
        d, PANEL_LAYER, pw, ph,
        ui_layer_key(d, w, turn, g->panel) ^ ((unsigned long long)core_tr_lang() << 56), &stale);
    if (!t) {
        ui_clip(d, &g->panel);
        draw_panel_at(d, g, w, turn, 0, 0);
        ui_clip(d, NULL);
        return;
    }
    if (stale) {
        if (SDL_SetRenderTarget(r, t) < 0) {
            ui_draw_layer_forget(d, PANEL_LAYER);
            ui_clip(d, &g->panel);
            draw_panel_at(d, g, w, turn, 0, 0);
            ui_clip(d, NULL);
            return;
        }
        draw_panel_at(d, g, w, turn, -g->panel.x, -g->panel.y);
        SDL_RenderFlush(r);
        SDL_SetRenderTarget(r, NULL);
        memcpy(kept, g->chart, sizeof g->chart);
    } else {
        memcpy(g->chart, kept, sizeof g->chart);
    }
    SDL_FRect dst = {g->panel.x, g->panel.y, (float)pw, (float)ph};
    ui_clip(d, &g->panel);
    SDL_RenderCopyF(r, t, NULL, &dst);
    ui_clip(d, NULL);
}

/* ---------------------------------------------------------------- the screen */

/* What the tooltip describes, ringed on the map: a node gets a halo, an edge a light sheath. */
static void draw_hover(UiDraw *d, const UiMap *map, UiMapHit hit)
{
    const UiTheme *th = ui_draw_theme(d);
    if (hit.kind == UI_HIT_NODE) {
        const UiMapNode *n = ui_map_node(map, hit.index);
        ui_stroke_circle(d, n->x, n->y, n->r + ui_px(d, 5), ui_px(d, 3), ui_alpha(th->text, 220));
    } else if (hit.kind == UI_HIT_EDGE) {
        const UiMapEdge *e = ui_map_edge(map, hit.index);
        ui_line(d, e->x0, e->y0, e->x1, e->y1, e->width + ui_px(d, 6), ui_alpha(th->text, 70));
    }
}

int ui_screen_draw(UiDraw *d, UiMap *map, int width, int height, const SimWorld *w, int turn,
                   double phase, const UiScreenState *st, UiScreenGeom *g, char *err, size_t errsz)
{
    UiScreenGeom local;
    if (!g)
        g = &local;
    ui_screen_layout(d, width, height, g);
    if (st && st->map_foot > 0 && st->map_foot < g->map.h / 2)
        g->map.h -= st->map_foot;
    const UiTheme *th = ui_draw_theme(d);
    ui_clip(d, &g->screen);
    ui_fill_rect(d, g->screen, th->bg);

    double scale = ui_draw_scale(d);
    ui_draw_set_scale(d, scale * MAP_K);
    ui_clip(d, &g->map);
    int rc = ui_scene_map_view(d, map, g->map, w, turn, phase, err, errsz);
    /* The title bar across the whole width, so that month and sentiment do not collide. */
    ui_clip(d, &g->screen);
    if (rc == 0)
        ui_scene_title(d, g->screen, w, turn);
    ui_clip(d, NULL);
    ui_draw_set_scale(d, scale);
    if (rc < 0)
        return -1;

    ui_role_geom_clear(&g->role);
    memset(&g->levers, 0, sizeof g->levers);
    if (st && st->levers)
        ui_levers_draw(d, g->panel, w, st->lever_focus, st->mouse_x, st->mouse_y,
                       &st->lever_compare, &g->levers);
    else if (st && st->desk)
        ui_role_draw_desk(d, g->panel, w, st->desk, st->seat, st->n_seats, st->mouse_x, st->mouse_y,
                          &g->role);
    else
        draw_panel(d, g, w, turn);

    ui_clip(d, &g->feed);
    static const UiNewsView follow = {0, 1, UI_NEWS_ALL};
    ui_news_draw(d, g->feed, st ? st->news : NULL, st ? st->n_news : 0,
                 st ? &st->news_view : &follow, st && st->news_mine,
                 st && st->feed_empty ? st->feed_empty : ui_tr("screen.feed.empty"),
                 st ? st->mouse_x : -1, st ? st->mouse_y : -1, &g->news);
    ui_clip(d, &g->controls);
    draw_controls(d, g, st);
    ui_clip(d, &g->screen);

    if (st && st->show_help) {
        draw_help(d, g->screen.w, g->screen.h);
    } else if (st && st->desk && st->handover) {
        ui_role_draw_handover(d, g->screen, w, st->desk->me, st->seat, st->n_seats, st->mouse_x,
                              st->mouse_y, &g->role);
    } else if (st && st->desk && st->desk->draft.open) {
        ui_role_draw_dialog(d, g->screen, w, st->desk, st->mouse_x, st->mouse_y, &g->role);
    } else if (st && st->mouse_x >= 0 && !st->desk && !st->levers &&
               inside(g->chart[UI_CHART_PRICES].more, st->mouse_x, st->mouse_y)) {
        /* The price legend's "+N more": the firms it leaves out, named. */
        char tip[2048];
        if (ui_chart_prices_rest(w, turn, g->chart[UI_CHART_PRICES].legend_shown, tip, sizeof tip) >
            0)
            draw_tooltip(d, tip, st->mouse_x, st->mouse_y, g->screen.w, g->screen.h);
    } else if (st && st->mouse_x >= 0 && inside(g->map, st->mouse_x, st->mouse_y)) {
        g->hover = ui_map_hit(map, st->mouse_x, st->mouse_y);
        draw_hover(d, map, g->hover);
        char tip[2048];
        if (g->hover.kind != UI_HIT_NONE && ui_map_tooltip(map, g->hover, tip, sizeof tip) > 0)
            draw_tooltip(d, tip, st->mouse_x, st->mouse_y, g->screen.w, g->screen.h);
    }
    ui_clip(d, NULL);
    return 0;
}
