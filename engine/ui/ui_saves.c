/* ui_saves: the list of saved games (see ui_saves.h). */
#include "ui_saves.h"

#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* The seat question: a panel in the middle of the list's box, its text wrapped, its answers a
 * column of buttons. */
static void draw_ask(UiDraw *d, const UiSavesAsk *ask, float mx, float my, UiSavesGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_FRect box = g->box;
    float pad = ui_px(d, 22), bh = ui_px(d, 44), gap = ui_px(d, 10);
    float w = box.w - 2 * ui_px(d, 40);
    float text_h =
        ask->text ? ui_text_wrapped_height(d, ask->text, w - 2 * pad, ui_px(d, 16), 0, 4) : 0;
    text_h += ui_px(d, 18);
    float h = pad * 2 + ui_px(d, 36) + text_h + (float)ask->n * (bh + gap) + ui_px(d, 30);
    h = fminf(h, box.h - ui_px(d, 20));
    SDL_FRect a = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
    g->ask_box = a;
    ui_dim_around(d, box, a, ui_alpha(th->bg, 170));
    ui_draw_plate(d); /* the question lies over the list */
    ui_fill_round_rect(d, a, ui_px(d, 10), ui_shade(th->panel, 0.06));
    ui_stroke_round_rect(d, a, ui_px(d, 10), ui_px(d, 2), th->family[UI_FAM_EQUITY]);
    float x = a.x + pad, y = a.y + pad, tw = a.w - 2 * pad;
    ui_text(d, ask->title ? ask->title : "", x, y, ui_px(d, 21), 1, th->text, UI_LEFT);
    y += ui_px(d, 36);
    if (ask->text)
        ui_text_wrapped(d, ask->text, x, y, tw, ui_px(d, 16), 0, th->text, 4);
    y += text_h;
    for (int k = 0; k < ask->n && k < UI_SAVES_ASK_MAX; k++) {
        SDL_FRect b = {x, y, tw, bh};
        g->btn_ask[k] = b;
        ui_button(d, b, ask->answer[k] ? ask->answer[k] : "", 16,
                  ask->enabled[k] && inside(b, mx, my), ask->enabled[k] && k == ask->sel, NULL);
        if (!ask->enabled[k])
            ui_fill_round_rect(d, b, ui_px(d, 6), ui_alpha(th->panel, 150));
        y += bh + gap;
    }
    if (ask->keys)
        ui_text(d, ask->keys, x, y + ui_px(d, 4), ui_px(d, 14), 0, th->text_dim, UI_LEFT);
}

void ui_saves_draw(UiDraw *d, SDL_FRect screen, const UiSaveRow *rows, int n, int sel,
                   const char *message, const UiSavesAsk *ask, float mx, float my, UiSavesGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    float bw = fminf(screen.w * 0.9f, ui_px(d, 900)), bh = fminf(screen.h * 0.9f, ui_px(d, 640));
    SDL_FRect box = {screen.x + (screen.w - bw) / 2, screen.y + (screen.h - bh) / 2, bw, bh};
    g->box = box;
    ui_dim_around(d, screen, box, ui_alpha(th->bg, 190));
    ui_draw_plate(d); /* the list lies over the screen */
    ui_fill_round_rect(d, box, ui_px(d, 12), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 12), ui_px(d, 2), th->family[UI_FAM_EQUITY]);
    float pad = ui_px(d, 24), x = box.x + pad, w = box.w - 2 * pad, y = box.y + pad;
    ui_text(d, ui_tr("saves.title"), x, y, ui_px(d, 26), 1, th->text, UI_LEFT);
    y += ui_px(d, 44);
    float bottom = box.y + box.h - pad - ui_px(d, 44) - ui_px(d, 44);
    float rh = ui_px(d, 50);
    if (n == 0) {
        ui_text_wrapped(d, ui_tr("saves.empty"), x, y, w, ui_px(d, 16), 0, th->text_dim, 2);
    }
    int fit = (int)((bottom - y) / rh);
    if (fit > UI_SAVES_ROWS)
        fit = UI_SAVES_ROWS;
    if (fit < 1)
        fit = 1;
    int first = sel >= fit ? sel - fit + 1 : 0;
    g->first = first;
    char buf[512];
    for (int k = first; k < n && g->n_drawn < fit; k++, y += rh) {
        int i = g->n_drawn++;
        SDL_FRect r = {x, y, w, rh - ui_px(d, 6)};
        g->row[i] = r;
        g->index[i] = k;
        int hot = inside(r, mx, my) && !rows[k].heading;
        if (k == sel && !rows[k].heading)
            ui_fill_round_rect(d, r, ui_px(d, 6), ui_shade(th->family[UI_FAM_EQUITY], -0.55));
        else if (hot)
            ui_fill_round_rect(d, r, ui_px(d, 6), ui_shade(th->panel, 0.1));
        /* A game's heading at the list's edge in the accent colour; its saves indented. */
        float in = rows[k].heading ? 0 : ui_px(d, 26);
        SDL_Color c = rows[k].heading ? th->family[UI_FAM_EQUITY]
                      : rows[k].ok    ? th->text
                                      : th->text_dim;
        ui_text_fit(d, rows[k].title, ui_px(d, 17), 1, w - in - ui_px(d, 20), buf, sizeof buf);
        ui_text(d, buf, x + in + ui_px(d, 10), r.y + ui_px(d, 4), ui_px(d, 17), 1, c, UI_LEFT);
        ui_text_fit(d, rows[k].detail, ui_px(d, 14), 0, w - in - ui_px(d, 20), buf, sizeof buf);
        ui_text(d, buf, x + in + ui_px(d, 10), r.y + ui_px(d, 25), ui_px(d, 14), 0,
                rows[k].ok || rows[k].heading ? th->text_dim : th->down, UI_LEFT);
    }
    g->message = (SDL_FRect){x, bottom + ui_px(d, 8), w, ui_px(d, 28)};
    if (message && *message) {
        ui_text_fit(d, message, ui_px(d, 15), 1, w, buf, sizeof buf);
        ui_text(d, buf, x, g->message.y + g->message.h / 2, ui_px(d, 15), 1, th->down,
                UI_LEFT | UI_MIDDLE);
    }
    float by = box.y + box.h - pad - ui_px(d, 44);
    g->btn_cancel =
        (SDL_FRect){box.x + box.w - pad - ui_px(d, 160), by, ui_px(d, 160), ui_px(d, 44)};
    g->btn_load = (SDL_FRect){g->btn_cancel.x - ui_px(d, 12) - ui_px(d, 200), by, ui_px(d, 200),
                              ui_px(d, 44)};
    int can = sel >= 0 && sel < n && rows[sel].ok && !rows[sel].heading;
    ui_button(d, g->btn_load, ui_tr("saves.button.load"), 16, inside(g->btn_load, mx, my), can,
              NULL);
    ui_button(d, g->btn_cancel, ui_tr("saves.button.cancel"), 16, inside(g->btn_cancel, mx, my), 0,
              NULL);
    if (ask && ask->n > 0)
        draw_ask(d, ask, mx, my, g);
}

UiSavesHit ui_saves_hit(const UiSavesGeom *g, float x, float y)
{
    UiSavesHit h = {UI_SAVES_NONE, -1};
    if (g->box.w <= 0)
        return h;
    h.action = UI_SAVES_INSIDE;
    if (g->ask_box.w > 0) {
        for (int k = 0; k < UI_SAVES_ASK_MAX; k++)
            if (inside(g->btn_ask[k], x, y))
                h = (UiSavesHit){UI_SAVES_ASK, k};
        return h;
    }
    if (inside(g->btn_load, x, y))
        h.action = UI_SAVES_LOAD;
    else if (inside(g->btn_cancel, x, y))
        h.action = UI_SAVES_CANCEL;
    for (int i = 0; i < g->n_drawn && h.action == UI_SAVES_INSIDE; i++)
        if (inside(g->row[i], x, y))
            h = (UiSavesHit){UI_SAVES_ROW, g->index[i]};
    return h;
}
