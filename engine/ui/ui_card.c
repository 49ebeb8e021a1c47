/* ui_card: the card of the window, story or default, unfolded or folded (see ui_card.h). */
#include "ui_card.h"

#include "core_text.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static int has(const char *s)
{
    return s && s[0];
}

static SDL_Color accent_of(UiDraw *d, const UiCard *c)
{
    const UiTheme *th = ui_draw_theme(d);
    return c->kind == UI_CARD_FAIL ? th->down : th->family[UI_FAM_REVSHARE];
}

/* "CLASSROOM · September 2025 · 2 OF 3" / "DEFAULT · January 2029". */
static void head_text(const UiCard *c, char *out, size_t n)
{
    const char *pre = c->kind == UI_CARD_FAIL ? "fail.head" : "lesson.head";
    char key[32], k[16], m[16];
    if (c->count > 1) {
        snprintf(key, sizeof key, "%s.many", pre);
        snprintf(k, sizeof k, "%d", c->index + 1);
        snprintf(m, sizeof m, "%d", c->count);
        ui_trf(out, n, key, c->when ? c->when : "", k, m, NULL);
    } else {
        snprintf(key, sizeof key, "%s.one", pre);
        ui_trf(out, n, key, c->when ? c->when : "", NULL);
    }
}

/* How many lines a paragraph may take: one paragraph gets the room of the card (more when there
 * is no question), several share it. */
static int body_lines(const UiCard *c)
{
    int n = 0;
    for (int k = 0; k < UI_CARD_BODY; k++)
        n += has(c->body[k]);
    int lines = n > 1 ? 4 : has(c->question) ? 8 : 14;
    /* The class's answers take the room of the explanation once they are revealed. */
    int most = !c->answers ? lines : c->answers->revealed ? 3 : 6;
    return lines < most ? lines : most;
}

/* The Back button, dimmed (and not in g) on the first card. */
static void prev_button(UiDraw *d, SDL_FRect r, const UiCard *c, float mx, float my, UiCardGeom *g)
{
    if (c->index > 0) {
        g->btn_prev = r;
        ui_button(d, r, ui_tr("card.button.prev"), 16, inside(r, mx, my), 0, NULL);
        return;
    }
    const UiTheme *th = ui_draw_theme(d);
    ui_stroke_round_rect(d, r, ui_px(d, 6), ui_px(d, 1), ui_alpha(th->axis, 120));
    ui_text(d, ui_tr("card.button.prev"), r.x + r.w / 2, r.y + r.h / 2, ui_px(d, 16), 1,
            ui_alpha(th->text_dim, 110), UI_CENTER | UI_MIDDLE);
}

/* The row of buttons in (x, y, w, h): the action at the left, Back, Fold and Continue at the
 * right; narrower than they want, all shrink alike. */
static void buttons(UiDraw *d, const UiCard *c, int folded, float x, float y, float w, float h,
                    float mx, float my, UiCardGeom *g)
{
    float gap = ui_px(d, 12);
    float wa = has(c->action) && !folded ? ui_px(d, 250) : 0, wp = ui_px(d, 150),
          wf = ui_px(d, 150), wn = ui_px(d, 230);
    float want = wa + wp + wf + wn + 3 * gap;
    float k = want > w ? w / want : 1.0f;
    wa *= k, wp *= k, wf *= k, wn *= k, gap *= k;
    g->btn_next = (SDL_FRect){x + w - wn, y, wn, h};
    g->btn_fold = (SDL_FRect){g->btn_next.x - gap - wf, y, wf, h};
    SDL_FRect prev = {g->btn_fold.x - gap - wp, y, wp, h};
    SDL_Color a = accent_of(d, c);
    const char *next = c->index + 1 < c->count ? "card.button.next" : "card.button.done";
    ui_button(d, g->btn_next, ui_tr(next), 17, inside(g->btn_next, mx, my), 1, &a);
    ui_button(d, g->btn_fold, ui_tr(folded ? "card.button.unfold" : "card.button.fold"), 16,
              inside(g->btn_fold, mx, my), 0, NULL);
    prev_button(d, prev, c, mx, my, g);
    if (wa > 0) {
        g->btn_action = (SDL_FRect){x, y, wa, h};
        ui_button(d, g->btn_action, c->action, 16, inside(g->btn_action, mx, my), 0, NULL);
    }
}

/* Folded: the strip over the news panel, the map free. */
static void draw_strip(UiDraw *d, SDL_FRect strip, const UiCard *c, float mx, float my,
                       UiCardGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = accent_of(d, c);
    float pad = ui_px(d, 12);
    SDL_FRect box = {strip.x + ui_px(d, 6), strip.y + ui_px(d, 4), strip.w - ui_px(d, 12),
                     strip.h - ui_px(d, 8)};
    g->box = box;
    g->folded = 1;
    ui_fill_round_rect(d, box, ui_px(d, 10), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 10), ui_px(d, 2.5), accent);
    float bh = fminf(ui_px(d, 40), box.h * 0.4f);
    float x = box.x + pad, tw = box.w - 2 * pad, y = box.y + pad * 0.75f;
    char head[200], fit[600];
    head_text(c, head, sizeof head);
    ui_text(d, head, x, y, ui_px(d, 14), 1, accent, UI_LEFT);
    y += ui_px(d, 22);
    /* The title on two lines when the strip has room for them and a line of the question. */
    float title_pt = ui_px(d, 19), say_pt = ui_px(d, 16);
    float bottom = box.y + box.h - pad * 0.75f - bh - ui_px(d, 6);
    int title_lines = bottom - y >= title_pt * 1.35f * 2 + say_pt * 1.35f ? 2 : 1;
    if (title_lines == 1) {
        ui_text_fit(d, c->title ? c->title : "", title_pt, 1, tw, fit, sizeof fit);
        ui_text(d, fit, x, y, title_pt, 1, th->text, UI_LEFT);
        y += title_pt * 1.35f;
    } else {
        y += ui_text_wrapped(d, c->title ? c->title : "", x, y, tw, title_pt, 1, th->text, 2);
    }
    y += ui_px(d, 4);
    /* What the class discusses: the question, else the first paragraph. */
    const char *say = has(c->question) ? c->question : c->body[0];
    int lines = (int)((bottom - y) / (say_pt * 1.35f));
    if (has(say) && lines > 0)
        ui_text_wrapped(d, say, x, y, tw, say_pt, has(c->question), th->text_dim, lines);
    buttons(d, c, 1, x, box.y + box.h - pad * 0.75f - bh, tw, bh, mx, my, g);
}

/* ---------------------------------------------------------------- the class's answers */

#define ANS_HEAD 34 /* the head row: the count and the Reveal button */
#define ANS_BAR  12
#define ANS_ROW  28 /* a choice's bar, or a team's words */

static float answers_height(UiDraw *d, const UiCardAnswers *a)
{
    if (!a)
        return 0;
    float h = ui_px(d, ANS_HEAD + ANS_BAR + 12);
    if (a->revealed)
        h += ui_px(d, ANS_ROW) * (float)(a->n_choices + a->n_lines);
    return h + ui_px(d, 12);
}

/* A bar of n out of of in (x, y, w, h). */
static void bar(UiDraw *d, float x, float y, float w, float h, int n, int of, SDL_Color c)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_fill_round_rect(d, (SDL_FRect){x, y, w, h}, h / 2, ui_alpha(th->axis, 90));
    float f = of > 0 ? (float)n / (float)of : 0;
    if (f > 0)
        ui_fill_round_rect(d, (SDL_FRect){x, y, fmaxf(h, w * fminf(f, 1)), h}, h / 2, c);
}

/* The answers from y across tw: the count and its bar (and Reveal), then once revealed a bar
 * per choice and each team's words, as many rows as end above bottom. Returns the height used. */
static float draw_answers(UiDraw *d, const UiCardAnswers *a, float x, float y, float tw,
                          float bottom, SDL_Color accent, float mx, float my, UiCardGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    float y0 = y, pt = ui_px(d, 16);
    char fit[400], n[16];
    float bw = a->revealed || !has(a->reveal) ? 0 : fminf(ui_px(d, 260), tw * 0.45f);
    ui_text_fit(d, has(a->head) ? a->head : "", pt, 1, tw - bw - ui_px(d, 12), fit, sizeof fit);
    ui_text(d, fit, x, y + ui_px(d, ANS_HEAD) / 2, pt, 1, th->text, UI_LEFT | UI_MIDDLE);
    if (bw > 0) {
        g->btn_reveal = (SDL_FRect){x + tw - bw, y + ui_px(d, 2), bw, ui_px(d, ANS_HEAD - 4)};
        ui_button(d, g->btn_reveal, a->reveal, 15, inside(g->btn_reveal, mx, my), 0, NULL);
    }
    y += ui_px(d, ANS_HEAD + 4);
    bar(d, x, y, tw, ui_px(d, ANS_BAR - 4), a->answered, a->seats, accent);
    y += ui_px(d, ANS_BAR + 8);
    if (!a->revealed)
        return y - y0;
    int most = 1;
    for (int k = 0; k < a->n_choices && k < UI_CARD_CHOICES; k++)
        most = a->counts[k] > most ? a->counts[k] : most;
    for (int k = 0; k < a->n_choices && k < UI_CARD_CHOICES && y + ui_px(d, ANS_ROW) <= bottom;
         k++) {
        float cy = y + ui_px(d, ANS_ROW) / 2, lw = tw * 0.32f, cw = ui_px(d, 40);
        ui_text_fit(d, has(a->choice[k]) ? a->choice[k] : "", pt, 0, lw - ui_px(d, 8), fit,
                    sizeof fit);
        ui_text(d, fit, x, cy, pt, 0, th->text, UI_LEFT | UI_MIDDLE);
        bar(d, x + lw, cy - ui_px(d, 7), tw - lw - cw, ui_px(d, 14), a->counts[k], most, accent);
        snprintf(n, sizeof n, "%d", a->counts[k]);
        ui_text(d, n, x + tw, cy, pt, 1, th->text, UI_RIGHT | UI_MIDDLE);
        y += ui_px(d, ANS_ROW);
    }
    for (int k = 0; k < a->n_lines && k < UI_CARD_LINES && y + ui_px(d, ANS_ROW) <= bottom; k++) {
        ui_text_fit(d, has(a->line[k]) ? a->line[k] : "", pt, 0, tw, fit, sizeof fit);
        ui_text(d, fit, x, y + ui_px(d, ANS_ROW) / 2, pt, 0, th->text_dim, UI_LEFT | UI_MIDDLE);
        y += ui_px(d, ANS_ROW);
    }
    return y - y0;
}

/* The height of an unfolded card whose texts are tw wide at these sizes; *h_q: the question's. */
static float card_height(UiDraw *d, const UiCard *c, float tw, float pad, float title_pt,
                         float body_pt, float q_pt, int lines, float *h_q)
{
    int ask = has(c->question);
    float h =
        pad + ui_px(d, 30) + ui_text_wrapped_height(d, c->title, tw, title_pt, 1, 3) + ui_px(d, 14);
    for (int k = 0; k < UI_CARD_BODY; k++)
        if (has(c->body[k]))
            h += ui_text_wrapped_height(d, c->body[k], tw, body_pt, 0, lines) + ui_px(d, 12);
    if (has(c->last))
        h += ui_px(d, 10) + ui_text_wrapped_height(d, c->last, tw, body_pt, 1, 3) + ui_px(d, 12);
    *h_q = ask ? ui_text_wrapped_height(d, c->question, tw - ui_px(d, 20), q_pt, 1, 4) : 0;
    return h + ui_px(d, 12) + (ask ? ui_px(d, 30) + *h_q + ui_px(d, 28) : 0) +
           answers_height(d, c->answers) + ui_px(d, 48) + pad;
}

void ui_card_draw(UiDraw *d, SDL_FRect screen, SDL_FRect strip, const UiCard *c, int folded,
                  float mx, float my, UiCardGeom *g)
{
    memset(g, 0, sizeof *g);
    if (folded && strip.w > 0 && strip.h > 0) {
        draw_strip(d, strip, c, mx, my, g);
        return;
    }
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = accent_of(d, c);
    float pad = ui_px(d, 32);
    float bw = fminf(screen.w * 0.9f, ui_px(d, 980));
    float tw = bw - 2 * pad;
    float title_pt = ui_px(d, 28), body_pt = ui_px(d, 20), q_pt = ui_px(d, 21), h_q = 0;
    int ask = has(c->question), lines = body_lines(c);
    /* The height the texts need, so the card fits them; smaller type (down to 70%) when they
     * would not fit the screen (a short window, a large interface scale). */
    float h = card_height(d, c, tw, pad, title_pt, body_pt, q_pt, lines, &h_q);
    for (int k = 0; k < 6 && h > screen.h * 0.96f; k++) {
        title_pt *= 0.94f;
        body_pt *= 0.94f;
        q_pt *= 0.94f;
        h = card_height(d, c, tw, pad, title_pt, body_pt, q_pt, lines, &h_q);
    }
    float bh = fminf(h, screen.h * 0.96f);
    SDL_FRect box = {screen.x + (screen.w - bw) / 2, screen.y + (screen.h - bh) / 2, bw, bh};
    g->box = box;
    ui_dim_around(d, screen, box, ui_alpha(th->bg, 190));
    ui_draw_plate(d); /* the card lies over the screen */
    ui_fill_round_rect(d, box, ui_px(d, 14), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 14), ui_px(d, 2.5), accent);

    float x = box.x + pad, y = box.y + pad;
    char head[200];
    head_text(c, head, sizeof head);
    ui_text(d, head, x, y, ui_px(d, 15), 1, accent, UI_LEFT);
    y += ui_px(d, 30);
    y += ui_text_wrapped(d, c->title, x, y, tw, title_pt, 1, th->text, 3) + ui_px(d, 14);
    for (int k = 0; k < UI_CARD_BODY; k++)
        if (has(c->body[k]))
            y += ui_text_wrapped(d, c->body[k], x, y, tw, body_pt, 0, th->text, lines) +
                 ui_px(d, 12);
    if (has(c->last))
        y += ui_px(d, 10) +
             ui_text_wrapped(d, c->last, x, y + ui_px(d, 10), tw, body_pt, 1, th->text_dim, 3) +
             ui_px(d, 12);
    y += ui_px(d, 12);
    if (ask) {
        ui_text(d, ui_tr("lesson.discuss"), x, y, ui_px(d, 15), 1, th->text_dim, UI_LEFT);
        y += ui_px(d, 30);
        g->question = (SDL_FRect){x, y, tw, h_q};
        ui_fill_rect(d, (SDL_FRect){x, y, ui_px(d, 5), h_q}, accent);
        ui_text_wrapped(d, c->question, x + ui_px(d, 20), y, tw - ui_px(d, 20), q_pt, 1, th->text,
                        4);
        y += h_q + ui_px(d, 28);
    }
    if (c->answers)
        draw_answers(d, c->answers, x, y, tw, box.y + box.h - pad - ui_px(d, 56), accent, mx, my,
                     g);
    buttons(d, c, 0, x, box.y + box.h - pad - ui_px(d, 48), tw, ui_px(d, 48), mx, my, g);
}

UiCardHit ui_card_hit(const UiCardGeom *g, float x, float y)
{
    if (g->box.w <= 0)
        return UI_CARD_NONE;
    if (inside(g->btn_next, x, y))
        return UI_CARD_NEXT;
    if (inside(g->btn_prev, x, y))
        return UI_CARD_PREV;
    if (inside(g->btn_fold, x, y))
        return UI_CARD_FOLD;
    if (inside(g->btn_action, x, y))
        return UI_CARD_ACTION;
    if (inside(g->btn_reveal, x, y))
        return UI_CARD_REVEAL;
    if (g->folded)
        return inside(g->box, x, y) ? UI_CARD_INSIDE : UI_CARD_NONE;
    return UI_CARD_INSIDE;
}

void ui_card_ask(UiDraw *d, SDL_FRect screen, const char *question, const char *keys)
{
    const UiTheme *th = ui_draw_theme(d);
    float h = ui_px(d, 64);
    SDL_FRect box = {screen.x, screen.y + screen.h - h, screen.w, h};
    ui_fill_rect(d, screen, ui_alpha(th->bg, 120));
    ui_fill_rect(d, box, th->panel);
    ui_fill_rect(d, (SDL_FRect){box.x, box.y, box.w, ui_px(d, 3)}, th->down);
    float pad = ui_px(d, 24), cy = box.y + h / 2 + ui_px(d, 1);
    int qw = ui_text(d, question, box.x + pad, cy, ui_px(d, 22), 1, th->text, UI_LEFT | UI_MIDDLE);
    char fit[300];
    float room = box.w - 3 * pad - (float)qw;
    ui_text_fit(d, keys, ui_px(d, 18), 0, room, fit, sizeof fit);
    ui_text(d, fit, box.x + box.w - pad, cy, ui_px(d, 18), 0, th->text_dim, UI_RIGHT | UI_MIDDLE);
}
