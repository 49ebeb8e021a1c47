/* ui_role: the desk, the deal dialog and the hand-over screen (see ui_role.h). */
#include "ui_role.h"

#include "core_month.h"
#include "core_name.h"
#include "core_text.h"
#include "ui_fmt.h"
#include "ui_news.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* An actor's name as the reader knows it. */
static const char *name_of(const SimWorld *w, int i)
{
    return i >= 0 && i < w->n ? core_tr_content(w->sc->actors[i].name) : "?";
}

/* A number as text, for core_trf's string arguments. */
static const char *num(int v, char *buf, size_t n)
{
    snprintf(buf, n, "%d", v);
    return buf;
}

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

void ui_role_geom_clear(UiRoleGeom *g)
{
    memset(g, 0, sizeof *g);
}

static void section(UiDraw *d, const char *title, float x, float y, float w)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_text(d, title, x, y, ui_px(d, 13), 1, th->text_dim, UI_LEFT);
    ui_fill_rect(d, (SDL_FRect){x, y + ui_px(d, 18), w, ui_px(d, 1)}, th->grid);
}

/* Label/value rows of ui_desk_facts, the first `most` of them; the value cells go to cells.
 * Returns the height used. */
static float facts(UiDraw *d, const SimWorld *w, int who, float x, float y, float width, float size,
                   int most, SDL_FRect *cells, int *n_cells)
{
    const UiTheme *th = ui_draw_theme(d);
    char label[UI_ROLE_FACTS][UI_DESK_FACT_LEN], value[UI_ROLE_FACTS][UI_DESK_FACT_LEN];
    int n = ui_desk_facts(w, who, label, value, UI_ROLE_FACTS);
    n = n < most ? n : most;
    /* The labels' column as wide as its longest label (at most 40%): the values get the rest, and
     * a value longer than that (at projector size) goes on to a second line, never cut. */
    float lh = size * 1.3f, lw = 0.0f, ry = y;
    for (int i = 0; i < n; i++) {
        int tw = 0;
        ui_text_size(d, label[i], size, 0, &tw, NULL);
        lw = (float)tw + ui_px(d, 16) > lw ? (float)tw + ui_px(d, 16) : lw;
    }
    lw = lw < width * 0.4f ? lw : width * 0.4f;
    for (int i = 0; i < n; i++) {
        char fit[UI_DESK_FACT_LEN * 2];
        ui_text_fit(d, label[i], size, 0, lw - ui_px(d, 8), fit, sizeof fit);
        ui_text(d, fit, x, ry, size, 0, th->text_dim, UI_LEFT);
        int tw = 0;
        ui_text_size(d, value[i], size, 1, &tw, NULL);
        float vh = lh;
        if ((float)tw > width - lw) {
            vh = ui_text_wrapped(d, value[i], x + lw, ry, width - lw, size, 1, th->text, 2);
            tw = (int)(width - lw);
        } else {
            ui_text(d, value[i], x + lw, ry, size, 1, th->text, UI_LEFT);
        }
        if (cells && i < UI_ROLE_FACTS)
            cells[i] = (SDL_FRect){x + lw, ry, (float)tw, vh};
        ry += vh > lh ? vh : lh;
    }
    if (n_cells)
        *n_cells = n;
    return ry - y;
}

/* ---------------------------------------------------------------- the desk */

/* An offer's terms and the line under them (the player's counter, or the proposer's words), as
 * the card shows them: whole, wrapped (OFFER_LINES lines at most each). */
#define OFFER_LINES 3
static void offer_texts(const SimWorld *w, const UiDesk *k, int i, char *terms, char *below,
                        size_t bufsz)
{
    const UiDeskOffer *of = &k->offers[i];
    const SimDeal *deal = &w->deals[of->deal];
    ui_desk_terms_text(w, k->me, &deal->t, terms, bufsz);
    below[0] = '\0';
    if (of->answer == UI_ANS_COUNTER) {
        char t[320];
        core_trf(below, bufsz, "role.offer.counter",
                 ui_desk_terms_text(w, k->me, &of->counter, t, sizeof t), NULL);
    } else if (deal->reason[0]) {
        char reason[SIM_REASON_LEN];
        core_trf(below, bufsz, "role.offer.quote",
                 core_text_pick(deal->reason, reason, sizeof reason), NULL);
    }
}

/* The height of offer i's card in width w (its texts wrapped). */
static float offer_card_h(UiDraw *d, const SimWorld *w, const UiDesk *k, int i, float width)
{
    char terms[400], below[720];
    offer_texts(w, k, i, terms, below, sizeof terms);
    float cw = width - 2 * ui_px(d, 12);
    float h = ui_text_wrapped_height(d, terms, cw, ui_px(d, 14), 0, OFFER_LINES);
    if (below[0])
        h += ui_text_wrapped_height(d, below, cw, ui_px(d, 13),
                                    k->offers[i].answer == UI_ANS_COUNTER, OFFER_LINES);
    else
        h += ui_px(d, 6);
    return ui_px(d, 10 + 21) + h + ui_px(d, 8 + 32 + 12);
}

static void offer_card(UiDraw *d, SDL_FRect r, const SimWorld *w, const UiDesk *k, int i, float mx,
                       float my, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    const UiDeskOffer *of = &k->offers[i];
    const SimDeal *deal = &w->deals[of->deal];
    int sel = i == k->sel;
    ui_fill_round_rect(d, r, ui_px(d, 8), ui_shade(th->panel, sel ? 0.10 : 0.0));
    ui_stroke_round_rect(d, r, ui_px(d, 8), ui_px(d, sel ? 2.5 : 1.0),
                         sel ? th->family[UI_FAM_REVSHARE] : th->grid);
    float pad = ui_px(d, 12), x = r.x + pad, y = r.y + ui_px(d, 10), cw = r.w - 2 * pad;
    char buf[320], fit[400], m[32], n[16];
    core_trf(buf, sizeof buf, "role.offer.title", num(i + 1, n, sizeof n),
             name_of(w, deal->proposer),
             ui_fmt_month(w->sc->start + deal->proposed_turn, m, sizeof m), NULL);
    ui_text_fit(d, buf, ui_px(d, 15), 1, cw, fit, sizeof fit);
    ui_text(d, fit, x, y, ui_px(d, 15), 1, th->text, UI_LEFT);
    y += ui_px(d, 21);
    /* The terms whole, wrapped: the full terms are on the card, not only in Counter. */
    char terms[400], below[720];
    offer_texts(w, k, i, terms, below, sizeof terms);
    y += ui_text_wrapped(d, terms, x, y, cw, ui_px(d, 14), 0, th->text, OFFER_LINES);
    if (of->answer == UI_ANS_COUNTER)
        y += ui_text_wrapped(d, below, x, y, cw, ui_px(d, 13), 1, th->family[UI_FAM_REVSHARE],
                             OFFER_LINES);
    else if (below[0])
        y += ui_text_wrapped(d, below, x, y, cw, ui_px(d, 13), 0, th->text_dim, OFFER_LINES);
    else
        y += ui_px(d, 6);
    y = r.y + r.h - ui_px(d, 12 + 32);
    float gap = ui_px(d, 8), bw = (cw - 2 * gap) / 3, bh = ui_px(d, 32);
    SDL_FRect ba = {x, y, bw, bh}, bc = {x + bw + gap, y, bw, bh},
              br = {x + 2 * (bw + gap), y, bw, bh};
    SDL_Color ca = th->up, cc = th->family[UI_FAM_REVSHARE], cr = th->down;
    ui_button(d, ba, core_tr("role.accept"), 15, inside(ba, mx, my), of->answer == UI_ANS_ACCEPT,
              &ca);
    ui_button(d, bc, core_tr("role.counter"), 15, inside(bc, mx, my), of->answer == UI_ANS_COUNTER,
              &cc);
    ui_button(d, br, core_tr("role.reject"), 15, inside(br, mx, my), of->answer == UI_ANS_REJECT,
              &cr);
    g->offer[i] = r;
    g->accept[i] = ba;
    g->counter[i] = bc;
    g->reject[i] = br;
}

/* The offers' cards from y down `room` in width w_in: those that fit, the selected one in view,
 * and a line saying how many are shown when not all are (Up/Down brings the others). */
static void draw_offers(UiDraw *d, const SimWorld *w, const UiDesk *k, float x, float y, float w_in,
                        float room, float mx, float my, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    char buf[256], n1[16], n2[16], fit[320];
    float gap = ui_px(d, 8);
    /* The cards from `first` that fit, `first` the lowest that keeps the selected card in
     * view (cards are as tall as their texts). */
    float ch[UI_DESK_OFFERS];
    for (int i = 0; i < k->n_offers; i++)
        ch[i] = offer_card_h(d, w, k, i, w_in);
    int sel = k->sel > 0 ? k->sel : 0, first = 0;
    for (;;) {
        float used = 0;
        for (int i = first; i <= sel && i < k->n_offers; i++)
            used += ch[i] + gap;
        if (used <= room + gap || first >= sel)
            break;
        first++;
    }
    int last = first;
    for (float used = 0; last < k->n_offers && used + ch[last] <= room; last++)
        used += ch[last] + gap;
    /* Not all shown: a line under them says so; the cards give it room. */
    float more_h = ui_px(d, 22);
    if ((last - first < k->n_offers || k->more_offers > 0) && last - first > 1) {
        last = first;
        for (float used = 0; last < k->n_offers && used + ch[last] <= room - more_h; last++)
            used += ch[last] + gap;
    }
    for (int i = first; i < last; i++) {
        offer_card(d, (SDL_FRect){x, y, w_in, ch[i]}, w, k, i, mx, my, g);
        y += ch[i] + gap;
    }
    int hidden = k->n_offers - (last - first) + k->more_offers;
    if (hidden > 0) {
        core_trf(buf, sizeof buf, "role.desk.more", num(last - first, n1, sizeof n1),
                 num(k->n_offers + k->more_offers, n2, sizeof n2), NULL);
        ui_text_fit(d, buf, ui_px(d, 13), 1, w_in, fit, sizeof fit);
        ui_text(d, fit, x, y, ui_px(d, 13), 1, th->family[UI_FAM_REVSHARE], UI_LEFT);
    }
}

void ui_role_draw_desk(UiDraw *d, SDL_FRect area, const SimWorld *w, const UiDesk *k, int seat,
                       int n_seats, float mx, float my, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    g->desk = area;
    for (int i = 0; i < UI_DESK_OFFERS; i++)
        g->offer[i] = g->accept[i] = g->counter[i] = g->reject[i] = (SDL_FRect){0, 0, 0, 0};
    for (int i = 0; i < UI_DESK_OWN; i++)
        g->remove[i] = (SDL_FRect){0, 0, 0, 0};
    ui_fill_rect(d, area, ui_shade(th->bg, 0.05));
    ui_fill_rect(d, (SDL_FRect){area.x, area.y, ui_px(d, 3), area.h}, th->family[UI_FAM_REVSHARE]);
    float pad = ui_px(d, 16), x = area.x + pad, w_in = area.w - 2 * pad, y = area.y + pad;
    float bottom = area.y + area.h - pad;
    char buf[256], m[48], n1[16], n2[16], fit[320];

    float seat_w = 0;
    if (n_seats > 1) {
        core_trf(buf, sizeof buf, "role.desk.seat", num(seat + 1, n1, sizeof n1),
                 num(n_seats, n2, sizeof n2), NULL);
        seat_w = (float)ui_text(d, buf, x + w_in, y + ui_px(d, 6), ui_px(d, 14), 1,
                                th->family[UI_FAM_REVSHARE], UI_RIGHT) +
                 ui_px(d, 12);
    }
    /* The seat's name in its fullest form that lets the title fit (core_name.h). */
    for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
        char form[128];
        core_trf(buf, sizeof buf, "role.desk.title",
                 core_name_short(name_of(w, k->me), lv, form, sizeof form), NULL);
        int tw = 0;
        ui_text_size(d, buf, ui_px(d, 24), 1, &tw, NULL);
        if ((float)tw <= w_in - seat_w)
            break;
    }
    ui_text_fit(d, buf, ui_px(d, 24), 1, w_in - seat_w, fit, sizeof fit);
    ui_text(d, fit, x, y, ui_px(d, 24), 1, th->text, UI_LEFT);
    y += ui_px(d, 32);
    core_tr_month(w->sc->start + w->turn, m, sizeof m);
    core_trf(buf, sizeof buf, "role.desk.hint", m, NULL);
    /* Whole: where the line is short (projector size), the short form (the controls bar and the
     * help give the keys). */
    int hw = 0;
    ui_text_size(d, buf, ui_px(d, 14), 0, &hw, NULL);
    if ((float)hw > w_in)
        core_trf(buf, sizeof buf, "role.desk.hint_short", m, NULL);
    ui_text_fit(d, buf, ui_px(d, 14), 0, w_in, fit, sizeof fit);
    ui_text(d, fit, x, y, ui_px(d, 14), 0, th->text_dim, UI_LEFT);
    y += ui_px(d, 28);

    /* The buttons at the bottom. */
    float bh = ui_px(d, 42);
    g->btn_new = (SDL_FRect){x, bottom - bh, (w_in - ui_px(d, 10)) * 0.5f, bh};
    g->btn_end = (SDL_FRect){x + g->btn_new.w + ui_px(d, 10), bottom - bh, g->btn_new.w, bh};
    ui_button(d, g->btn_new, core_tr("role.desk.new"), 16, inside(g->btn_new, mx, my), 0, NULL);
    ui_button(d, g->btn_end, core_tr("role.desk.end"), 16, inside(g->btn_end, mx, my), 1, NULL);
    bottom -= bh + ui_px(d, 12);
    section(d, core_tr("role.desk.numbers"), x, y, w_in);
    y += ui_px(d, 26);
    /* The numbers, then what became of the player's own offers and dues last month (ui_news),
     * in the room left above an offer's card and the own proposals: on a short panel the numbers
     * give up their last rows (the dialog shows them all) so that a card fits. */
    float keep = ui_px(d, 26 + 30.0 * k->n_own + 42) +
                 (k->n_offers > 0 ? offer_card_h(d, w, k, 0, w_in) : ui_px(d, 24)) +
                 (k->n_offers + k->more_offers > 1 ? ui_px(d, 22) : 0.0f);
    int most = (int)((bottom - keep - ui_px(d, 10) - y) / (ui_px(d, 15) * 1.3f));
    y += facts(d, w, k->me, x, y, w_in, ui_px(d, 15), most > 3 ? most : 3, g->fact, &g->n_facts) +
         ui_px(d, 10);
    y += ui_news_draw_yours(d, w, k->last, k->n_last, x, y, w_in, bottom - keep);

    /* Own proposals, above the buttons: as many rows as there are (at least the empty line). */
    float lh = ui_px(d, 30);
    float own_top = bottom - ui_px(d, 26) - (float)k->n_own * lh;

    core_trf(buf, sizeof buf, "role.desk.offers", num(k->n_offers + k->more_offers, n1, sizeof n1),
             NULL);
    section(d, buf, x, y, w_in);
    y += ui_px(d, 26);
    float room = own_top - ui_px(d, 8) - y;
    if (k->n_offers == 0) {
        ui_text(d, core_tr("role.desk.no_offers"), x, y, ui_px(d, 14), 0, th->text_dim, UI_LEFT);
        y += ui_px(d, 24);
    } else {
        draw_offers(d, w, k, x, y, w_in, room, mx, my, g);
    }

    y = own_top;
    section(d, core_tr("role.desk.own"), x, y, w_in);
    y += ui_px(d, 26);
    if (k->n_own == 0) /* on the section's own line, at its right */
        ui_text(d, core_tr("role.desk.no_own"), x + w_in, y - ui_px(d, 26), ui_px(d, 13), 0,
                th->text_dim, UI_RIGHT);
    for (int i = 0; i < k->n_own; i++, y += lh) {
        char t[256];
        float xw = ui_px(d, 28);
        ui_desk_own_text(k, w, i, t, sizeof t);
        ui_text_fit(d, t, ui_px(d, 14), 0, w_in - xw - ui_px(d, 8), fit, sizeof fit);
        ui_text(d, fit, x, y + ui_px(d, 4), ui_px(d, 14), 0, th->text, UI_LEFT);
        g->remove[i] = (SDL_FRect){x + w_in - xw, y, xw, ui_px(d, 26)};
        ui_button(d, g->remove[i], "x", 14, inside(g->remove[i], mx, my), 0, NULL);
    }
}

/* The dialog's terms, one row per field shown from (x, y) in width left_w, down to `bottom` at
 * most: the field's name for the kind, its value (red, in a red frame, when outside its range or
 * named by the engine's refusal), and - / + buttons (or a text box for the reason); under them
 * the range of a value outside it, in red, then the keys. Where the room is short (projector
 * size) the rows grow thinner, down to 30 units, and then the keys line (the help lists them)
 * gives way. */
static void dialog_terms(UiDraw *d, const SimWorld *w, const UiDesk *k, float x, float y,
                         float left_w, float bottom, float mx, float my, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    char buf[320], fit[400], label[96];
    float lw = ui_px(d, 150), sb = ui_px(d, 34);
    UiField noted = UI_F_COUNT; /* the row whose range is said: the focused one first */
    int n_rows = 0;
    for (int f = 0; f < UI_F_COUNT; f++) {
        if (!ui_desk_draft_shows(k, (UiField)f))
            continue;
        n_rows++;
        UiFieldState st = ui_desk_field_state(k, (UiField)f);
        if ((st == UI_FS_LOW || st == UI_FS_HIGH) &&
            (noted == UI_F_COUNT || (UiField)f == k->draft.focus))
            noted = (UiField)f;
    }
    char note[320] = "";
    if (noted != UI_F_COUNT)
        ui_desk_field_note(k, w, noted, note, sizeof note);
    float note_h =
        note[0] ? ui_text_wrapped_height(d, note, left_w, ui_px(d, 14), 1, 2) + ui_px(d, 6) : 0;
    const char *keys = core_tr("role.dialog.keys");
    float keys_h = ui_text_wrapped_height(d, keys, left_w, ui_px(d, 13), 0, 2) + ui_px(d, 4);
    float room = bottom - y - note_h, rh = ui_px(d, 36);
    if (n_rows > 0 && (float)n_rows * rh + keys_h > room)
        rh = fmaxf(ui_px(d, 30), (room - keys_h) / (float)n_rows);
    if ((float)n_rows * rh + keys_h > room)
        keys_h = 0;
    float ry = y;
    for (int f = 0; f < UI_F_COUNT; f++) {
        if (!ui_desk_draft_shows(k, (UiField)f))
            continue;
        int locked = k->draft.counter_of >= 0 && f == UI_F_OTHER;
        SDL_FRect row = {x, ry, left_w, rh - ui_px(d, 4)};
        int focus = (UiField)f == k->draft.focus;
        UiFieldState st = ui_desk_field_state(k, (UiField)f);
        if (focus)
            ui_fill_round_rect(d, row, ui_px(d, 6), ui_shade(th->panel, 0.18));
        if (st != UI_FS_OK)
            ui_stroke_round_rect(d, row, ui_px(d, 6), ui_px(d, 2), th->down);
        ui_desk_field_label(k, w, (UiField)f, label, sizeof label);
        ui_text_fit(d, label, ui_px(d, 15), focus, lw - ui_px(d, 12), fit, sizeof fit);
        ui_text(d, fit, x + ui_px(d, 8), row.y + row.h / 2, ui_px(d, 15), focus,
                focus ? th->text : th->text_dim, UI_LEFT | UI_MIDDLE);
        g->row[f] = row;
        float vx = x + lw, vw = left_w - lw - ui_px(d, 4);
        int text_field = f == UI_F_REASON;
        if (!text_field && !locked) {
            g->minus[f] = (SDL_FRect){vx, row.y + ui_px(d, 2), sb, row.h - ui_px(d, 4)};
            g->plus[f] = (SDL_FRect){vx + vw - sb, row.y + ui_px(d, 2), sb, row.h - ui_px(d, 4)};
            ui_button(d, g->minus[f], f <= UI_F_SIDE ? "<" : "-", 16, inside(g->minus[f], mx, my),
                      0, NULL);
            ui_button(d, g->plus[f], f <= UI_F_SIDE ? ">" : "+", 16, inside(g->plus[f], mx, my), 0,
                      NULL);
        }
        ui_desk_field_text(k, w, (UiField)f, buf, sizeof buf);
        if (text_field) {
            SDL_FRect tb = {vx, row.y + ui_px(d, 2), vw, row.h - ui_px(d, 4)};
            ui_fill_round_rect(d, tb, ui_px(d, 4), ui_shade(th->bg, 0.02));
            ui_text_fit(d, buf[0] ? buf : core_tr("role.dialog.reason_hint"), ui_px(d, 14), 0,
                        vw - ui_px(d, 12), fit, sizeof fit);
            ui_text(d, fit, vx + ui_px(d, 6), row.y + row.h / 2, ui_px(d, 14), 0,
                    buf[0] ? th->text : th->text_dim, UI_LEFT | UI_MIDDLE);
        } else {
            ui_text_fit(d, buf, ui_px(d, 16), 1, vw - 2 * sb - ui_px(d, 8), fit, sizeof fit);
            ui_text(d, fit, vx + vw / 2, row.y + row.h / 2, ui_px(d, 16), 1,
                    st == UI_FS_OK ? th->text : th->down, UI_CENTER | UI_MIDDLE);
        }
        ry += rh;
    }
    g->note = (SDL_FRect){0, 0, 0, 0};
    if (note[0]) {
        float h =
            ui_text_wrapped(d, note, x, ry + ui_px(d, 2), left_w, ui_px(d, 14), 1, th->down, 2);
        g->note = (SDL_FRect){x, ry + ui_px(d, 2), left_w, h};
        ry += note_h;
    }
    if (keys_h > 0)
        ui_text_wrapped(d, keys, x, ry + ui_px(d, 4), left_w, ui_px(d, 13), 0, th->text_dim, 2);
}

/* "You after this deal" from (x, y) in width w: its pieces one after the other, a piece that
 * does not fit the line going to the next; the cash piece red when cash would go below zero.
 * Returns the height used. */
static float dialog_after(UiDraw *d, const SimWorld *w, const UiDesk *k, float x, float y,
                          float width, int draw)
{
    const UiTheme *th = ui_draw_theme(d);
    char piece[3][200];
    int short_of_cash = ui_desk_after_text(k, w, piece[0], piece[1], piece[2], sizeof piece[0]);
    float size = ui_px(d, 14), lh = size * 1.35f, gap = ui_px(d, 14);
    const char *title = core_tr("desk.after.title");
    int tw = 0;
    ui_text_size(d, title, size, 1, &tw, NULL);
    if (draw)
        ui_text(d, title, x, y, size, 1, th->text_dim, UI_LEFT);
    float cx = x + (float)tw + ui_px(d, 8);
    float cy = y;
    for (int i = 0; i < 3; i++) {
        if (!piece[i][0])
            continue;
        int pw = 0;
        ui_text_size(d, piece[i], size, 1, &pw, NULL);
        if (cx > x && cx + (float)pw > x + width) {
            cx = x + ui_px(d, 16);
            cy += lh;
        }
        if (cx + (float)pw > x + width) { /* longer than a line: whole, on two */
            float room = x + width - cx;
            float h = ui_text_wrapped_height(d, piece[i], room, size, 1, 2);
            if (draw)
                ui_text_wrapped(d, piece[i], cx, cy, room, size, 1,
                                i == 0 && short_of_cash ? th->down : th->text, 2);
            cy += h - lh;
            cx = x + width; /* the next piece on a line of its own */
            continue;
        }
        if (draw) {
            char fit[240];
            ui_text_fit(d, piece[i], size, 1, x + width - cx, fit, sizeof fit);
            ui_text(d, fit, cx, cy, size, 1, i == 0 && short_of_cash ? th->down : th->text,
                    UI_LEFT);
        }
        cx += (float)pw + gap;
    }
    return cy - y + lh;
}

/* The dialog's numbers from (rx, y) in width rw, down to `bottom` at most: both firms' facts
 * and the market's guide to the move the deal would make. Where the room is short the guide's
 * footnote gives way first, then the facts from the end of each list (the longer list first)
 * down to five, then the market's line, then more facts. */
static void dialog_numbers(UiDraw *d, const SimWorld *w, const UiDesk *k, int other, float rx,
                           float y, float rw, float bottom, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    char buf[320], fit[400];
    char lab[UI_ROLE_FACTS][UI_DESK_FACT_LEN], val[UI_ROLE_FACTS][UI_DESK_FACT_LEN];
    int them = other >= 0 && other < w->n;
    int n_me = ui_desk_facts(w, k->me, lab, val, UI_ROLE_FACTS);
    int n_them = them ? ui_desk_facts(w, other, lab, val, UI_ROLE_FACTS) : 0;
    float lh = ui_px(d, 13) * 1.3f, head = ui_px(d, 24 + 8);
    int market = !k->draft.rescue, guide = market; /* the market's guide is for announced deals */
    float room = bottom - y;
#define NUMBERS_H                                                                                  \
    (head * (float)(1 + them) + (float)(n_me + n_them) * lh + (market ? ui_px(d, 24 + 20) : 0) +   \
     (guide ? ui_px(d, 16) : 0))
    if (NUMBERS_H > room)
        guide = 0;
    for (int floor = 5; floor >= 0; floor -= 5) {
        while (NUMBERS_H > room && (n_me > floor || n_them > floor)) {
            if (n_them >= n_me)
                n_them--;
            else
                n_me--;
        }
        if (NUMBERS_H > room)
            market = 0;
    }
#undef NUMBERS_H
    float yy = y;
    core_trf(buf, sizeof buf, "role.dialog.you", name_of(w, k->me), NULL);
    section(d, buf, rx, yy, rw);
    yy += ui_px(d, 24);
    yy += facts(d, w, k->me, rx, yy, rw, ui_px(d, 13), n_me, g->mine, &g->n_mine) + ui_px(d, 8);
    g->n_theirs = 0;
    if (them) {
        core_trf(buf, sizeof buf, "role.dialog.them", name_of(w, other), NULL);
        section(d, buf, rx, yy, rw);
        yy += ui_px(d, 24);
        yy += facts(d, w, other, rx, yy, rw, ui_px(d, 13), n_them, g->theirs, &g->n_theirs) +
              ui_px(d, 8);
    }
    if (!market)
        return;
    char a[32], b[32];
    section(d, core_tr("role.dialog.market"), rx, yy, rw);
    yy += ui_px(d, 24);
    if (them)
        core_trf(buf, sizeof buf, "role.dialog.move_both",
                 ui_fmt_pct(ui_desk_expected_move(k, w, k->me), a, sizeof a), name_of(w, other),
                 ui_fmt_pct(ui_desk_expected_move(k, w, other), b, sizeof b), NULL);
    else
        core_trf(buf, sizeof buf, "role.dialog.move_you",
                 ui_fmt_pct(ui_desk_expected_move(k, w, k->me), a, sizeof a), NULL);
    ui_text_fit(d, buf, ui_px(d, 15), 1, rw, fit, sizeof fit);
    ui_text(d, fit, rx, yy, ui_px(d, 15), 1, th->text, UI_LEFT);
    yy += ui_px(d, 20);
    if (guide) {
        ui_text_fit(d, core_tr("role.dialog.guide"), ui_px(d, 12), 0, rw, fit, sizeof fit);
        ui_text(d, fit, rx, yy, ui_px(d, 12), 0, th->text_dim, UI_LEFT);
    }
}

/* The right column's head, from (x, y) in width fw: the player after this deal and the other
 * side's likely answer, then a rule. Returns the y under it. */
static float dialog_outlook(UiDraw *d, const SimWorld *w, const UiDesk *k, float x, float y,
                            float fw, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    float ah = dialog_after(d, w, k, x, y, fw, 1);
    g->after = (SDL_FRect){x, y, fw, ah};
    y += ah + ui_px(d, 2);
    char forecast[480];
    ui_desk_forecast_text(k, w, forecast, sizeof forecast);
    float fh =
        forecast[0] ? ui_text_wrapped(d, forecast, x, y, fw, ui_px(d, 14), 0, th->text, 3) : 0;
    g->forecast = (SDL_FRect){x, y, fw, fh};
    y += fh + ui_px(d, 8);
    ui_fill_rect(d, (SDL_FRect){x, y, fw, ui_px(d, 1)}, th->grid);
    return y + ui_px(d, 10);
}

/* ---------------------------------------------------------------- the dialog */

void ui_role_draw_dialog(UiDraw *d, SDL_FRect screen, const SimWorld *w, const UiDesk *k, float mx,
                         float my, UiRoleGeom *g)
{
    g->dialog = (SDL_FRect){0, 0, 0, 0};
    g->explain = g->note = g->after = g->forecast = (SDL_FRect){0, 0, 0, 0};
    for (int f = 0; f < UI_F_COUNT; f++)
        g->row[f] = g->minus[f] = g->plus[f] = (SDL_FRect){0, 0, 0, 0};
    if (!k->draft.open)
        return;
    const UiTheme *th = ui_draw_theme(d);
    float bw = fminf(screen.w * 0.94f, ui_px(d, 1180)), bh = fminf(screen.h * 0.94f, ui_px(d, 720));
    SDL_FRect box = {screen.x + (screen.w - bw) / 2, screen.y + (screen.h - bh) / 2, bw, bh};
    /* The screen behind is dimmed round the box only: blending the whole screen cost a third of
     * the frame on the software renderer, and the box covers its part anyway. */
    ui_dim_around(d, screen, box, ui_alpha(th->bg, 170));
    ui_draw_plate(d); /* the dialog lies over the desk */
    g->dialog = box;
    ui_fill_round_rect(d, box, ui_px(d, 12), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 12), ui_px(d, 2), th->family[UI_FAM_REVSHARE]);
    float pad = ui_px(d, 24), x = box.x + pad, y = box.y + pad;
    char buf[320], fit[400];
    const SimTerms *t = &k->draft.t;
    int other = t->payer == k->me ? t->payee : t->payer;
    if (k->draft.rescue)
        core_trf(buf, sizeof buf, "role.dialog.rescue_title", name_of(w, k->me), NULL);
    else if (k->draft.counter_of >= 0)
        core_trf(buf, sizeof buf, "role.dialog.counter_title",
                 name_of(w, w->deals[k->offers[k->draft.counter_of].deal].proposer), NULL);
    else
        core_trf(buf, sizeof buf, "role.dialog.new_title", name_of(w, k->me), NULL);
    ui_text_fit(d, buf, ui_px(d, 26), 1, box.w - 2 * pad, fit, sizeof fit);
    ui_text(d, fit, x, y, ui_px(d, 26), 1, th->text, UI_LEFT);
    y += ui_px(d, 36);
    /* What the kind is, in a line. */
    char kind[320];
    ui_desk_kind_text(k, kind, sizeof kind);
    float eh = ui_text_wrapped(d, kind, x, y, box.w - 2 * pad, ui_px(d, 14), 0, th->text_dim, 2);
    g->explain = (SDL_FRect){x, y, box.w - 2 * pad, eh};
    y += eh + ui_px(d, 10);

    /* The verdict and the buttons, bottom; above them the terms, left, and on the right the
     * player after the deal, the other side's likely answer and both firms' numbers. */
    float bwid = ui_px(d, 230), btn_h = ui_px(d, 44), bottom = box.y + box.h - pad;
    float by = bottom - btn_h;
    float room = box.w - 2 * pad - ui_px(d, 160 + 12 + 16) - bwid;
    int vw = 0;
    ui_text_size(d, k->draft.verdict, ui_px(d, 15), 1, &vw, NULL);
    /* A long verdict (a refusal names both firms and the figures) wraps into the room left of
     * the buttons, three lines at most, rather than lose its reason to an ellipsis. */
    float vh =
        (float)vw <= room
            ? btn_h
            : fmaxf(btn_h, ui_text_wrapped_height(d, k->draft.verdict, room, ui_px(d, 15), 1, 3));
    g->verdict = (SDL_FRect){x, bottom - vh, room, vh};
    if ((float)vw <= room)
        ui_text(d, k->draft.verdict, x, by + btn_h / 2, ui_px(d, 15), 1,
                k->draft.valid ? th->up : th->down, UI_LEFT | UI_MIDDLE);
    else
        ui_text_wrapped(d, k->draft.verdict, x, g->verdict.y, room, ui_px(d, 15), 1,
                        k->draft.valid ? th->up : th->down, 3);
    float mid_bottom = g->verdict.y - ui_px(d, 12);
    float left_w = (box.w - 3 * pad) * 0.54f;
    dialog_terms(d, w, k, x, y, left_w, mid_bottom, mx, my, g);
    float rx = x + left_w + pad, rw = box.x + box.w - pad - rx;
    float ny = dialog_outlook(d, w, k, rx, y, rw, g);
    dialog_numbers(d, w, k, other, rx, ny, rw, mid_bottom, g);
    g->btn_cancel = (SDL_FRect){box.x + box.w - pad - ui_px(d, 160), by, ui_px(d, 160), btn_h};
    g->btn_ok = (SDL_FRect){g->btn_cancel.x - ui_px(d, 12) - bwid, by, bwid, btn_h};
    ui_button(d, g->btn_ok,
              core_tr(k->draft.rescue            ? "role.dialog.rescue"
                      : k->draft.counter_of >= 0 ? "role.dialog.send"
                                                 : "role.dialog.propose"),
              16, inside(g->btn_ok, mx, my), k->draft.valid, NULL);
    ui_button(d, g->btn_cancel, core_tr("role.dialog.cancel"), 16, inside(g->btn_cancel, mx, my), 0,
              NULL);
}

/* ---------------------------------------------------------------- hot seat */

void ui_role_draw_handover(UiDraw *d, SDL_FRect screen, const SimWorld *w, int who, int seat,
                           int n_seats, float mx, float my, UiRoleGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_fill_rect(d, screen, th->bg); /* opaque: the next desk stays hidden */
    ui_draw_plate(d);
    float bw = fminf(screen.w * 0.9f, ui_px(d, 820)), bh = ui_px(d, 300);
    SDL_FRect box = {screen.x + (screen.w - bw) / 2, screen.y + (screen.h - bh) / 2, bw, bh};
    g->handover = box;
    ui_fill_round_rect(d, box, ui_px(d, 14), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 14), ui_px(d, 2.5), th->family[UI_FAM_REVSHARE]);
    float cx = box.x + box.w / 2, y = box.y + ui_px(d, 30);
    char buf[256], m[48], fit[320], n1[16], n2[16];
    core_trf(buf, sizeof buf, "role.handover.seat", num(seat + 1, n1, sizeof n1),
             num(n_seats, n2, sizeof n2), NULL);
    ui_text(d, buf, cx, y, ui_px(d, 15), 1, th->family[UI_FAM_REVSHARE], UI_CENTER);
    y += ui_px(d, 36);
    core_trf(buf, sizeof buf, "role.handover.pass", name_of(w, who), NULL);
    ui_text_fit(d, buf, ui_px(d, 32), 1, box.w - ui_px(d, 40), fit, sizeof fit);
    ui_text(d, fit, cx, y, ui_px(d, 32), 1, th->text, UI_CENTER);
    y += ui_px(d, 56);
    core_tr_month(w->sc->start + w->turn, m, sizeof m);
    core_trf(buf, sizeof buf, "role.handover.look", m, NULL);
    ui_text_fit(d, buf, ui_px(d, 16), 0, box.w - ui_px(d, 40), fit, sizeof fit);
    ui_text(d, fit, cx, y, ui_px(d, 16), 0, th->text_dim, UI_CENTER);
    g->ready = (SDL_FRect){cx - ui_px(d, 170), box.y + box.h - ui_px(d, 30 + 48), ui_px(d, 340),
                           ui_px(d, 48)};
    ui_button(d, g->ready, core_tr("role.handover.ready"), 17, inside(g->ready, mx, my), 1, NULL);
}

/* ---------------------------------------------------------------- clicks */

UiRoleHit ui_role_hit(const UiRoleGeom *g, float x, float y)
{
    UiRoleHit h = {UI_ROLE_NONE, -1};
    if (g->ready.w > 0) {
        h.action = inside(g->ready, x, y) ? UI_ROLE_READY : UI_ROLE_INSIDE;
        return h;
    }
    if (g->dialog.w > 0) {
        h.action = UI_ROLE_INSIDE;
        if (inside(g->btn_ok, x, y))
            h.action = UI_ROLE_OK;
        else if (inside(g->btn_cancel, x, y))
            h.action = UI_ROLE_CANCEL;
        for (int f = 0; f < UI_F_COUNT && h.action == UI_ROLE_INSIDE; f++) {
            if (inside(g->minus[f], x, y))
                h = (UiRoleHit){UI_ROLE_MINUS, f};
            else if (inside(g->plus[f], x, y))
                h = (UiRoleHit){UI_ROLE_PLUS, f};
            else if (inside(g->row[f], x, y))
                h = (UiRoleHit){UI_ROLE_FIELD, f};
        }
        return h;
    }
    if (!inside(g->desk, x, y))
        return h;
    if (inside(g->btn_new, x, y))
        return (UiRoleHit){UI_ROLE_NEW, -1};
    if (inside(g->btn_end, x, y))
        return (UiRoleHit){UI_ROLE_END, -1};
    for (int i = 0; i < UI_DESK_OFFERS; i++) {
        if (inside(g->accept[i], x, y))
            return (UiRoleHit){UI_ROLE_ACCEPT, i};
        if (inside(g->counter[i], x, y))
            return (UiRoleHit){UI_ROLE_COUNTER, i};
        if (inside(g->reject[i], x, y))
            return (UiRoleHit){UI_ROLE_REJECT, i};
        if (inside(g->offer[i], x, y))
            return (UiRoleHit){UI_ROLE_OFFER, i};
    }
    for (int i = 0; i < UI_DESK_OWN; i++)
        if (inside(g->remove[i], x, y))
            return (UiRoleHit){UI_ROLE_REMOVE, i};
    return h;
}
