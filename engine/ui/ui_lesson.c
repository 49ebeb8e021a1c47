/* ui_lesson: the classroom card (see ui_lesson.h). */
#include "ui_lesson.h"

#include "core_text.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

void ui_lesson_draw(UiDraw *d, SDL_FRect screen, const UiLessonCard *card, float mx, float my,
                    UiLessonGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    /* The notes are written in English: the reader's language from the content table (a text
     * without a translation, or one already translated, comes back as it is). */
    const char *title = core_tr_content(card->title), *explain = core_tr_content(card->explain),
               *question = core_tr_content(card->question), *when = core_tr_content(card->when);
    SDL_Color accent = th->family[UI_FAM_REVSHARE];
    float pad = ui_px(d, 32);
    float bw = fminf(screen.w * 0.9f, ui_px(d, 980));
    float tw = bw - 2 * pad;
    float title_pt = ui_px(d, 28), body_pt = ui_px(d, 20), q_pt = ui_px(d, 21);
    /* The height the texts need, so the card fits them (within the screen). */
    float h_title = ui_text_wrapped_height(d, title, tw, title_pt, 1, 3);
    int ask = question && question[0];
    int body_lines = ask ? 8 : 14; /* a scenario's own lesson has no question: more room */
    float h_body = ui_text_wrapped_height(d, explain, tw, body_pt, 0, body_lines);
    float h_q = ask ? ui_text_wrapped_height(d, question, tw - ui_px(d, 20), q_pt, 1, 4) : 0;
    float bh = pad + ui_px(d, 30) + h_title + ui_px(d, 14) + h_body + ui_px(d, 24) +
               (ask ? ui_px(d, 30) + h_q + ui_px(d, 28) : 0) + ui_px(d, 48) + pad;
    bh = fminf(bh, screen.h * 0.96f);
    SDL_FRect box = {screen.x + (screen.w - bw) / 2, screen.y + (screen.h - bh) / 2, bw, bh};
    g->box = box;
    ui_dim_around(d, screen, box, ui_alpha(th->bg, 190));
    ui_fill_round_rect(d, box, ui_px(d, 14), th->panel);
    ui_stroke_round_rect(d, box, ui_px(d, 14), ui_px(d, 2.5), accent);

    float x = box.x + pad, y = box.y + pad;
    char head[160], k[16], n[16];
    if (card->count > 1) {
        snprintf(k, sizeof k, "%d", card->index + 1);
        snprintf(n, sizeof n, "%d", card->count);
        ui_trf(head, sizeof head, "lesson.head.many", when ? when : "", k, n, NULL);
    } else {
        ui_trf(head, sizeof head, "lesson.head.one", when ? when : "", NULL);
    }
    ui_text(d, head, x, y, ui_px(d, 15), 1, accent, UI_LEFT);
    y += ui_px(d, 30);
    y += ui_text_wrapped(d, title, x, y, tw, title_pt, 1, th->text, 3) + ui_px(d, 14);
    y += ui_text_wrapped(d, explain, x, y, tw, body_pt, 0, th->text, body_lines) + ui_px(d, 24);
    if (ask) {
        ui_text(d, ui_tr("lesson.discuss"), x, y, ui_px(d, 15), 1, th->text_dim, UI_LEFT);
        y += ui_px(d, 30);
        g->question = (SDL_FRect){x, y, tw, h_q};
        ui_fill_rect(d, (SDL_FRect){x, y, ui_px(d, 5), h_q}, accent);
        ui_text_wrapped(d, question, x + ui_px(d, 20), y, tw - ui_px(d, 20), q_pt, 1, th->text, 4);
    }

    float by = box.y + box.h - pad - ui_px(d, 48);
    g->btn_next = (SDL_FRect){box.x + box.w - pad - ui_px(d, 260), by, ui_px(d, 260), ui_px(d, 48)};
    g->btn_leave = (SDL_FRect){x, by, ui_px(d, 300), ui_px(d, 48)};
    ui_button(d, g->btn_next, ui_tr("lesson.button.next"), 18, inside(g->btn_next, mx, my), 1,
              NULL);
    ui_button(d, g->btn_leave, ui_tr("lesson.button.leave"), 16, inside(g->btn_leave, mx, my), 0,
              NULL);
}

UiLessonHit ui_lesson_hit(const UiLessonGeom *g, float x, float y)
{
    if (g->box.w <= 0)
        return UI_LESSON_NONE;
    if (inside(g->btn_next, x, y))
        return UI_LESSON_NEXT;
    if (inside(g->btn_leave, x, y))
        return UI_LESSON_LEAVE;
    return UI_LESSON_INSIDE;
}
