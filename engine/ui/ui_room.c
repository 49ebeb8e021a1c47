/* ui_room: the room screen, the strip and the seat menu (see ui_room.h). */
#include "ui_room.h"

#include "ui_fmt.h"

#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- the QR code */

int ui_qr_make(const char *text, UiQr *q)
{
    memset(q, 0, sizeof *q);
    QRcode *c = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!c)
        return -1;
    q->size = c->width;
    q->version = c->version;
    q->dark = malloc((size_t)c->width * (size_t)c->width);
    if (!q->dark) {
        QRcode_free(c);
        return -1;
    }
    /* libqrencode's byte per module: bit 0 is the colour (1 dark), the others say what it is. */
    for (int k = 0; k < c->width * c->width; k++)
        q->dark[k] = c->data[k] & 1;
    QRcode_free(c);
    return 0;
}

void ui_qr_free(UiQr *q)
{
    free(q->dark);
    memset(q, 0, sizeof *q);
}

/* Draws q into the square `box` (quiet zone included): white field, dark modules. */
static void draw_qr(UiDraw *d, SDL_FRect box, const UiQr *q, UiRoomGeom *g)
{
    int n = q->size + 8; /* four modules of quiet zone each side */
    float m = floorf(box.w / (float)n);
    if (m < 1)
        m = 1;
    float side = m * (float)n;
    SDL_FRect field = {box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
    ui_fill_rect(d, field, (SDL_Color){255, 255, 255, 255});
    g->qr = (SDL_FRect){field.x + 4 * m, field.y + 4 * m, m * (float)q->size, m * (float)q->size};
    g->module = m;
    SDL_Color black = {0, 0, 0, 255};
    for (int y = 0; y < q->size; y++)
        for (int x = 0; x < q->size; x++)
            if (q->dark[y * q->size + x]) {
                ui_fill_rect(d, (SDL_FRect){g->qr.x + (float)x * m, g->qr.y + (float)y * m, m, m},
                             black);
                g->qr_drawn++;
            }
}

/* ---------------------------------------------------------------- words and colours */

static const char *seat_word(UiSeatState s)
{
    static const char *const keys[] = {"room.seat.free", "room.seat.taken", "room.seat.connected",
                                       "room.seat.ready"};
    return ui_tr(keys[s]);
}

static SDL_Color seat_colour(const UiTheme *th, UiSeatState s)
{
    switch (s) {
    case UI_SEAT_READY:
        return th->up;
    case UI_SEAT_CONNECTED:
        return th->family[UI_FAM_REVSHARE];
    case UI_SEAT_TAKEN:
        return th->family[UI_FAM_EQUITY];
    default:
        return th->text_dim;
    }
}

/* "1:05 left", "paused", "no timer". */
static const char *countdown_text(const UiRoom *r, char *buf, size_t n)
{
    if (r->paused)
        return ui_tr("room.paused");
    if (r->countdown < 0)
        return ui_tr("room.no_timer");
    long s = lround(ceil(r->countdown));
    char t[32];
    snprintf(t, sizeof t, "%ld:%02ld", s / 60, s % 60);
    return ui_trf(buf, n, "room.left", t, NULL);
}

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static void draw_menu(UiDraw *d, SDL_FRect area, const UiRoom *r, float mx, float my,
                      UiRoomGeom *g);

/* ---------------------------------------------------------------- the room screen */

/* The addresses, the one in the QR code marked; returns the y below them. */
static float draw_urls(UiDraw *d, const UiRoom *r, float x, float y, float w)
{
    const UiTheme *th = ui_draw_theme(d);
    float size = ui_px(d, 22), lh = ui_px(d, 30);
    char fit[300];
    ui_text(d, ui_text_fit(d, ui_tr("room.open"), ui_px(d, 22), 0, w, fit, sizeof fit), x, y,
            ui_px(d, 22), 0, th->text_dim, UI_LEFT);
    y += ui_px(d, 34);
    int shown = r->n_url < 4 ? r->n_url : 4;
    for (int k = 0; k < shown; k++) {
        char line[300];
        int qr = k == r->qr_url;
        if (qr)
            ui_trf(line, sizeof line, "room.url_qr", r->url[k], NULL);
        else if (r->where[k])
            ui_trf(line, sizeof line, "room.url_where", r->url[k], r->where[k], NULL);
        else
            snprintf(line, sizeof line, "%s", r->url[k]);
        ui_text(d, ui_text_fit(d, line, size, qr, w, fit, sizeof fit), x, y, size, qr,
                qr ? th->text : th->text_dim, UI_LEFT);
        y += lh;
    }
    if (r->n_url == 0) {
        ui_text(d, ui_tr("room.no_url"), x, y, size, 0, th->down, UI_LEFT);
        y += lh;
    }
    return y;
}

/* The seats in columns from y down to bottom. */
static void draw_seats(UiDraw *d, const UiRoom *r, SDL_FRect area, float mx, float my,
                       UiRoomGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    int n = r->n_seats;
    if (n <= 0)
        return;
    int cols = n <= 12 ? 3 : n <= 24 ? 4 : 5;
    if (cols > n)
        cols = n;
    float gap = ui_px(d, 8), pad = ui_px(d, 14), cw = 0, ch = 0, size = 0;
    /* Fewer columns while a seat's state ("taken, not connected") would not fit its box whole and
     * the rows that makes still leave type of 13 units (20 px at projector size). */
    for (;; cols--) {
        int rows = (n + cols - 1) / cols;
        cw = (area.w - gap * (float)(cols - 1)) / (float)cols;
        ch = (area.h - gap * (float)(rows - 1)) / (float)rows;
        if (ch > ui_px(d, 64))
            ch = ui_px(d, 64);
        size = ch * 0.36f;
        if (size > ui_px(d, 22))
            size = ui_px(d, 22);
        int widest = 0;
        for (int k = 0; k < n; k++) {
            int tw = 0;
            ui_text_size(d, seat_word(r->seats[k].state), size * 0.9f, 0, &tw, NULL);
            widest = tw > widest ? tw : widest;
        }
        if (cols <= 1 || (float)widest + 2 * pad <= cw)
            break;
        int rows_less = (n + cols - 2) / (cols - 1);
        float ch_less = (area.h - gap * (float)(rows_less - 1)) / (float)rows_less;
        if (ch_less * 0.36f < ui_px(d, 13))
            break;
    }
    for (int k = 0; k < n; k++) {
        SDL_FRect b = {area.x + (float)(k % cols) * (cw + gap),
                       area.y + (float)(k / cols) * (ch + gap), cw, ch};
        g->seat[k] = b;
        UiSeatState s = r->seats[k].state;
        SDL_Color c = seat_colour(th, s);
        int hot = inside(b, mx, my);
        ui_fill_round_rect(d, b, ui_px(d, 6), hot ? ui_shade(th->panel, 0.12) : th->panel);
        ui_fill_rect(d, (SDL_FRect){b.x, b.y, ui_px(d, 6), b.h}, c);
        char fit[200];
        ui_text(d,
                ui_text_fit_short(d, r->seats[k].name, 0, size, 1, b.w - 2 * pad, fit, sizeof fit),
                b.x + pad, b.y + b.h * 0.08f, size, 1, th->text, UI_LEFT);
        ui_text(d, ui_text_fit(d, seat_word(s), size * 0.9f, 0, b.w - 2 * pad, fit, sizeof fit),
                b.x + pad, b.y + b.h * 0.52f, size * 0.9f, 0, c, UI_LEFT);
    }
}

void ui_room_draw(UiDraw *d, int width, int height, const UiRoom *r, const UiQr *q,
                  const char *keys, float mx, float my, UiRoomGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    SDL_FRect scr = ui_fill_window(d, width, height);
    g->screen = scr;
    float pad = ui_px(d, 28), W = scr.w, H = scr.h;
    /* The QR code on the right, as tall as the room allows, at most 40% of the width. In an
     * enlarged layout's short canvas (under 640 units high) it takes the upper half only, and the
     * seats the whole width under it and the codes, the Start button at the foot. */
    int wide_seats = H / ui_px(d, 1) < 640.0f;
    float qside = wide_seats ? H * 0.52f : H - 2 * pad - ui_px(d, 60);
    if (qside > W * 0.40f)
        qside = W * 0.40f;
    SDL_FRect qbox = {W - pad - qside, pad, qside, qside};
    float left_w = qbox.x - 2 * pad;
    float y = pad;
    char fit[400];
    ui_text(d, ui_text_fit(d, ui_tr("room.title"), ui_px(d, 30), 1, left_w, fit, sizeof fit), pad,
            y, ui_px(d, 30), 1, th->text, UI_LEFT);
    y += ui_px(d, 48);
    y = draw_urls(d, r, pad, y, left_w);
    y += ui_px(d, 8);
    ui_text(d, ui_text_fit(d, ui_tr("room.code"), ui_px(d, 22), 0, left_w, fit, sizeof fit), pad, y,
            ui_px(d, 22), 0, th->text_dim, UI_LEFT);
    y += ui_px(d, 30);
    float big = ui_px(d, 72);
    int cw = 0, chh = 0;
    ui_text_size(d, r->code, big, 1, &cw, &chh);
    ui_text(d, r->code, pad, y, big, 1, th->family[UI_FAM_REVSHARE], UI_LEFT);
    g->code = (SDL_FRect){pad, y, (float)cw, (float)chh};
    y += (float)chh + ui_px(d, 6);
    float seats_w = left_w;
    if (wide_seats) {
        y = fmaxf(y, qbox.y + qside + ui_px(d, 8));
        seats_w = W - 2 * pad;
    }
    ui_text(d, ui_text_fit(d, ui_tr("room.pick"), ui_px(d, 22), 0, seats_w, fit, sizeof fit), pad,
            y, ui_px(d, 22), 0, th->text_dim, UI_LEFT);
    y += ui_px(d, 32);
    float foot = H - pad - ui_px(d, 40);
    draw_seats(d, r, (SDL_FRect){pad, y, seats_w, foot - ui_px(d, 10) - y}, mx, my, g);
    if (q && q->size > 0)
        draw_qr(d, qbox, q, g);
    /* Start, under the code (at the foot's right in the short canvas), and the keys. */
    float bw = ui_px(d, 240), bh = ui_px(d, 44), keys_w = left_w;
    g->start = (SDL_FRect){qbox.x + (qside - bw) / 2, qbox.y + qside + ui_px(d, 10), bw, bh};
    if (wide_seats) {
        int sw = 0; /* as wide as its words need: the keys take the rest of the line */
        ui_text_size(d, ui_tr("room.start"), ui_px(d, 20), 1, &sw, NULL);
        bw = fminf(bw, (float)sw + ui_px(d, 40));
        g->start = (SDL_FRect){W - pad - bw, H - pad / 2 - bh, bw, bh};
        keys_w = W - 2 * pad - bw - ui_px(d, 16);
    }
    if (g->start.y + bh > H - ui_px(d, 4))
        g->start.y = H - ui_px(d, 4) - bh;
    ui_button(d, g->start, ui_tr("room.start"), 20, inside(g->start, mx, my), 1, NULL);
    float ks = ui_px(d, 18);
    ui_text(d, ui_text_fit(d, keys ? keys : "", ks, 0, keys_w, fit, sizeof fit), pad,
            H - pad - ui_px(d, 22), ks, 0, th->text_dim, UI_LEFT);
    if (r->menu_seat >= 0 && r->menu_seat < r->n_seats)
        draw_menu(d, scr, r, mx, my, g);
}

/* ---------------------------------------------------------------- the strip and the menu */

static void draw_menu(UiDraw *d, SDL_FRect map, const UiRoom *r, float mx, float my, UiRoomGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    int s = r->menu_seat;
    float w = ui_px(d, 440), pad = ui_px(d, 12), bh = ui_px(d, 34), size = ui_px(d, 18);
    float h = pad * 4 + ui_px(d, 26) + bh * 3 + (r->menu_code ? ui_px(d, 60) : 0);
    /* Above the seat's chip in the strip; beside its box on the room screen. */
    SDL_FRect chip = g->chip[s].w > 0 ? g->chip[s] : g->seat[s];
    SDL_FRect box = {chip.x, chip.y - h - ui_px(d, 6), w, h};
    if (g->chip[s].w <= 0)
        box = (SDL_FRect){chip.x + chip.w * 0.5f, chip.y, w, h};
    if (box.x + w > map.x + map.w)
        box.x = map.x + map.w - w;
    if (box.y + h > map.y + map.h)
        box.y = map.y + map.h - h;
    if (box.y < map.y)
        box.y = map.y;
    g->menu = box;
    ui_draw_plate(d); /* the menu lies over the room or the map, on purpose */
    ui_fill_round_rect(d, box, ui_px(d, 8), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 8), ui_px(d, 1.5f), th->axis);
    char fit[200];
    float y = box.y + pad;
    ui_text(d, ui_text_fit_short(d, r->seats[s].name, 0, size, 1, w - 2 * pad, fit, sizeof fit),
            box.x + pad, y, size, 1, th->text, UI_LEFT);
    y += ui_px(d, 26) + pad;
    if (r->menu_code) {
        ui_text(d, ui_tr("room.menu.hand"), box.x + pad, y, ui_px(d, 16), 0, th->text_dim, UI_LEFT);
        ui_text(d, ui_text_fit(d, r->menu_code, ui_px(d, 16), 1, w - 2 * pad, fit, sizeof fit),
                box.x + pad, y + ui_px(d, 24), ui_px(d, 16), 1, th->family[UI_FAM_REVSHARE],
                UI_LEFT);
        y += ui_px(d, 60);
    }
    SDL_FRect *btn[3] = {&g->menu_free, &g->menu_new, &g->menu_close};
    static const char *const keys[3] = {"room.menu.free", "room.menu.new", "room.menu.close"};
    for (int k = 0; k < 3; k++) {
        *btn[k] = (SDL_FRect){box.x + pad, y, w - 2 * pad, bh};
        ui_button(d, *btn[k], ui_tr(keys[k]), 16, inside(*btn[k], mx, my), 0, NULL);
        y += bh + pad / 2;
    }
}

/* The strip's rows: chips of at least STRIP_CHIP logical pixels, the first row after the lead. */
#define STRIP_CHIP 118
#define STRIP_LEAD 280
#define STRIP_ROW  30

static int strip_rows(UiDraw *d, float width, int n)
{
    float chip = ui_px(d, STRIP_CHIP), pad = ui_px(d, 8);
    int per = (int)((width - 2 * pad) / chip),
        first = (int)((width - 2 * pad - ui_px(d, STRIP_LEAD)) / chip);
    if (per < 1)
        per = 1;
    if (first < 1)
        first = 1;
    int rows = 1;
    for (int left = n - first; left > 0; left -= per)
        rows++;
    return rows;
}

float ui_room_strip_height(UiDraw *d, float width, int n_seats)
{
    return (float)strip_rows(d, width, n_seats) * ui_px(d, STRIP_ROW) + ui_px(d, 6);
}

void ui_room_strip(UiDraw *d, SDL_FRect area, const UiRoom *r, float mx, float my, UiRoomGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    float row = ui_px(d, STRIP_ROW), pad = ui_px(d, 8), lead_w = ui_px(d, STRIP_LEAD);
    g->strip = area;
    ui_fill_rect(d, area, ui_shade(th->panel, -0.25));
    ui_fill_rect(d, (SDL_FRect){area.x, area.y, area.w, ui_px(d, 1)}, th->grid);
    char lead[200], left[80], fit[200];
    ui_trf(lead, sizeof lead, "room.strip", r->code, countdown_text(r, left, sizeof left), NULL);
    float size = ui_px(d, 15), y0 = area.y + ui_px(d, 3);
    ui_text(d, ui_text_fit(d, lead, size, 1, lead_w - pad, fit, sizeof fit), area.x + pad,
            y0 + row / 2, size, 1, r->paused ? th->down : th->text, UI_LEFT | UI_MIDDLE);
    int n = r->n_seats;
    float chip = ui_px(d, STRIP_CHIP), x = area.x + pad + lead_w, y = y0;
    int per = (int)((area.w - 2 * pad) / chip);
    if (per < 1)
        per = 1;
    /* The chips share each row's width evenly: a full row is as wide as the strip. */
    float cw = (area.w - 2 * pad) / (float)per, ch = row - ui_px(d, 4);
    for (int k = 0; k < n; k++) {
        if (x + cw > area.x + area.w - pad + 0.5f) {
            x = area.x + pad;
            y += row;
        }
        SDL_FRect c = {x, y + ui_px(d, 2), cw - ui_px(d, 4), ch};
        x += cw;
        g->chip[k] = c;
        UiSeatState s = r->seats[k].state;
        SDL_Color col = seat_colour(th, s);
        int hot = inside(c, mx, my) || k == r->menu_seat;
        ui_fill_round_rect(d, c, ui_px(d, 4), hot ? ui_shade(th->panel, 0.15) : th->panel);
        float dot = ch * 0.2f, cy = c.y + ch / 2;
        if (s == UI_SEAT_FREE)
            ui_stroke_circle(d, c.x + ui_px(d, 5) + dot, cy, dot, ui_px(d, 1.5f), col);
        else
            ui_fill_circle(d, c.x + ui_px(d, 5) + dot, cy, dot, col);
        float tx = c.x + ui_px(d, 10) + 2 * dot, tw = c.x + c.w - ui_px(d, 3) - tx;
        if (tw > ui_px(d, 10))
            ui_text(d, ui_text_fit_short(d, r->seats[k].name, 0, size, 0, tw, fit, sizeof fit), tx,
                    cy, size, 0, s == UI_SEAT_FREE ? th->text_dim : th->text, UI_LEFT | UI_MIDDLE);
    }
    if (r->menu_seat >= 0 && r->menu_seat < n) {
        SDL_FRect above = {area.x, area.y - ui_px(d, 400), area.w, area.h + ui_px(d, 400)};
        draw_menu(d, above, r, mx, my, g);
    }
}

UiRoomHit ui_room_hit(const UiRoomGeom *g, const UiRoom *r, float x, float y, int *seat)
{
    if (g->menu.w > 0 && inside(g->menu, x, y)) {
        if (inside(g->menu_free, x, y))
            return UI_ROOM_HIT_FREE;
        if (inside(g->menu_new, x, y))
            return UI_ROOM_HIT_NEW;
        return UI_ROOM_HIT_CLOSE;
    }
    if (inside(g->start, x, y))
        return UI_ROOM_HIT_START;
    for (int k = 0; k < r->n_seats && k < UI_ROOM_SEATS; k++)
        if (inside(g->chip[k], x, y) || inside(g->seat[k], x, y)) {
            *seat = k;
            return UI_ROOM_HIT_SEAT;
        }
    return g->menu.w > 0 ? UI_ROOM_HIT_CLOSE : UI_ROOM_HIT_NONE;
}
