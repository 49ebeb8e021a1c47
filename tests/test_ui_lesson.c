/* test_ui_lesson: the classroom card, rendered headless at 1280x800 and 1920x1080 with the
 * longest note shipped: the card on the screen, every text inside it (nothing drawn to the right
 * of the text column), the question marked, the buttons where the hit test finds them, and the
 * wrapping it relies on (ui_text_wrapped). CLOSEDLOOP_TEST_PNG=DIR keeps the screens. */
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_draw.h"
#include "ui_lesson.h"
#include "ui_png.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static const char *explain =
    "Oracle signs a $300B compute contract with OpenAI, about 4.5 GW over about five years. Its "
    "shares jump almost 40% and its value nears $1 trillion, on a customer whose revenue is about "
    "$13B a year.";

/* A card of the 2025 notes (tokyo), which the content table translates. */
static const char *tokyo_title =
    "Altman spends several days at Masayoshi Son's estate near Tokyo; they come to terms";
static const char *tokyo_explain =
    "Altman spends several days with Masayoshi Son near Tokyo, and they come to terms. Son, still "
    "marked by losses such as WeWork, wants one more very large bet; his reasoning is short: if "
    "more compute is better, build more. One believer with deep pockets is enough to start a "
    "race.";
static const char *tokyo_question =
    "Why does the first large commitment matter more than the ones that follow it?";

static void check_card(int W, int H, double scale)
{
    int zh = core_tr_lang() == CORE_LANG_ZH;
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    ui_clear(d, th->bg);
    UiLessonCard card = {"September 2025",
                         "Oracle signs a $300B compute contract with OpenAI",
                         explain,
                         "The market added that value on the day of the news. What has been "
                         "delivered so far, and what is still a promise?",
                         0,
                         2};
    if (zh) {
        /* The notes' own texts: the card shows them in Chinese (through the content table). */
        card.title = tokyo_title;
        card.explain = tokyo_explain;
        card.question = tokyo_question;
        static char when[32];
        card.when = core_tr_month(2024 * 12 + 10, when, sizeof when); /* as app_class does */
        CHECK(strcmp(core_tr_content(tokyo_title), tokyo_title) != 0 &&
              strcmp(core_tr_content(tokyo_explain), tokyo_explain) != 0 &&
              strcmp(core_tr_content(tokyo_question), tokyo_question) != 0);
    }
    UiCardGeom g;
    memset(&g, 0, sizeof g);
    SDL_FRect screen = {0, 0, (float)W, (float)H};
    SDL_FRect strip = {0, (float)H * 0.7f, (float)W * 0.64f, (float)H * 0.2f};
    UiCard uc;
    ui_lesson_to_card(&card, &uc);
    ui_tr_missing_reset();
    ui_card_draw(d, screen, strip, &uc, 0, -1, -1, &g);
    SDL_RenderPresent(r);
    ut_check_no_keys("lesson card", W, H);
    ut_keep_png(s, "lesson", W, H);
    const char *dir = getenv("CLOSEDLOOP_TEST_PNG");
    if (dir && *dir) {
        char path[512];
        snprintf(path, sizeof path, "%s/lesson-%dx%d.png", dir, W, H);
        IMG_SavePNG(s, path);
    }
    CHECK(rect_in(g.box, screen));
    CHECK(rect_in(g.question, g.box) && rect_in(g.btn_next, g.box) && rect_in(g.btn_action, g.box));
    CHECK(g.question.y + g.question.h <= g.btn_next.y);
    /* The question is marked by the accent bar at its left. */
    SDL_Color c = ut_pixel(s, (int)(g.question.x + 2), (int)(g.question.y + g.question.h / 2));
    CHECK_MSG(ut_near(c, th->family[UI_FAM_REVSHARE], 3), "%dx%d: no bar", W, H);
    /* Light text inside the card, none in the padding on its right. */
    int text = 0, stray = 0;
    float pad = ui_px(d, 32);
    for (int y = (int)g.box.y; y < (int)(g.btn_next.y); y++)
        for (int x = (int)g.box.x; x < (int)(g.box.x + g.box.w); x++) {
            int light = ut_near(ut_pixel(s, x, y), th->text, 50);
            text += light;
            if (light && x > (int)(g.box.x + g.box.w - pad + 2))
                stray++;
        }
    CHECK_MSG(text > 2000, "%dx%d: %d text pixels", W, H, text);
    CHECK_MSG(stray == 0, "%dx%d: %d text pixels in the right padding", W, H, stray);
    CHECK(ui_card_hit(&g, g.btn_next.x + 5, g.btn_next.y + 5) == UI_CARD_NEXT);
    CHECK(ui_card_hit(&g, g.btn_action.x + 5, g.btn_action.y + 5) == UI_CARD_ACTION);
    CHECK(ui_card_hit(&g, g.btn_fold.x + 5, g.btn_fold.y + 5) == UI_CARD_FOLD);
    CHECK(ui_card_hit(&g, 1, 1) == UI_CARD_INSIDE);
    /* The first of two: no Back (its place is drawn, dimmed, and a click there does nothing);
     * the second has one, and the buttons of the row do not overlap. */
    CHECK(g.btn_prev.w == 0);
    uc.index = 1;
    ui_card_draw(d, screen, strip, &uc, 0, -1, -1, &g);
    CHECK(rect_in(g.btn_prev, g.box));
    CHECK(ui_card_hit(&g, g.btn_prev.x + 5, g.btn_prev.y + 5) == UI_CARD_PREV);
    CHECK(g.btn_action.x + g.btn_action.w <= g.btn_prev.x &&
          g.btn_prev.x + g.btn_prev.w <= g.btn_fold.x &&
          g.btn_fold.x + g.btn_fold.w <= g.btn_next.x);
    /* Folded: a strip in the news panel's place, the screen above it (the map) not dimmed, the
     * buttons inside the strip, a click off it the screen's. */
    ui_clear(d, th->bg);
    ui_card_draw(d, screen, strip, &uc, 1, -1, -1, &g);
    SDL_RenderPresent(r);
    ut_keep_png(s, "lesson-folded", W, H);
    CHECK(g.folded && rect_in(g.box, strip));
    CHECK(rect_in(g.btn_next, g.box) && rect_in(g.btn_prev, g.box) && rect_in(g.btn_fold, g.box));
    CHECK(g.btn_action.w == 0);
    CHECK(ut_near(ut_pixel(s, W / 2, H / 4), th->bg, 2));
    CHECK(ui_card_hit(&g, 1, 1) == UI_CARD_NONE);
    CHECK(ui_card_hit(&g, g.btn_fold.x + 3, g.btn_fold.y + 3) == UI_CARD_FOLD);
    uc.index = 0;
    ui_card_draw(d, screen, strip, &uc, 0, -1, -1, &g);
    /* A card with nothing to discuss (a scenario's own lesson): no question block, a shorter
     * card. */
    float with_q = g.box.h;
    UiLessonCard plain = card;
    plain.question = "";
    ui_lesson_to_card(&plain, &uc);
    ui_card_draw(d, screen, strip, &uc, 0, -1, -1, &g);
    CHECK(g.question.w == 0 && g.box.h < with_q && rect_in(g.btn_next, g.box));
    plain.question = NULL;
    ui_lesson_to_card(&plain, &uc);
    ui_card_draw(d, screen, strip, &uc, 0, -1, -1, &g);
    CHECK(g.question.w == 0);
    UiCardGeom none;
    memset(&none, 0, sizeof none);
    CHECK(ui_card_hit(&none, 1, 1) == UI_CARD_NONE);

    /* Wrapping: more lines for a narrower column, each within it; a lone word wider than the
     * column is cut; max_lines holds. */
    float size = ui_px(d, 20);
    float h1 = ui_text_wrapped_height(d, explain, 900, size, 0, 20);
    float h2 = ui_text_wrapped_height(d, explain, 300, size, 0, 20);
    CHECK(h2 > h1 && h1 >= size);
    CHECK(ui_text_wrapped_height(d, explain, 300, size, 0, 2) <= 2 * size * 1.35f + 0.01f);
    CHECK(ui_text_wrapped_height(d, "", 300, size, 0, 5) == 0.0f);
    ui_clear(d, th->bg);
    float used = ui_text_wrapped(d, "Supercalifragilisticexpialidocious-and-then-some more", 10, 10,
                                 120, size, 1, th->text, 5);
    SDL_RenderPresent(r);
    CHECK(used >= 2 * size);
    stray = 0;
    for (int y = 0; y < 200 && y < H; y++)
        for (int x = 132; x < 400; x++)
            stray += ut_near(ut_pixel(s, x, y), th->text, 50);
    CHECK_MSG(stray == 0, "wrapped text beyond its column: %d pixels", stray);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    check_card(1280, 800, 1.0);
    check_card(1920, 1080, 1.35);
    test_lang_use(CORE_LANG_ZH);
    check_card(1280, 800, 1.0);
    check_card(1920, 1080, 1.5);
    TEST_END();
}
