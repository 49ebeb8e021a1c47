/* test_ui_saves: the list of saved games, rendered headless at 1280x800 and 1920x1080: the rows
 * inside the box in order, the selection kept in view when the list is longer than the box,
 * clicks on rows and buttons, a bad save greyed with its reason, a failed load's message drawn
 * in the fall colour under the list; the seat question asked before a load, its answers inside
 * its panel and hit. */
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_draw.h"
#include "ui_png.h"
#include "ui_saves.h"

#include <stdio.h>
#include <string.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static void check(int W, int H, double scale)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    char titles[40][64];
    UiSaveRow rows[40];
    for (int k = 0; k < 40; k++) {
        snprintf(titles[k], sizeof titles[k], "Autosave, month %d", 40 - k);
        rows[k] = (UiSaveRow){titles[k], "turn 12, saved 2026-11-28 17:50", k != 2, 0};
    }
    rows[2].detail = "$.world.deals[3].amount: expected a finite number >= 0";
    SDL_FRect screen = {0, 0, (float)W, (float)H};
    UiSavesGeom g;
    ui_clear(d, th->bg);
    ui_tr_missing_reset();
    ui_saves_draw(d, screen, rows, 5, 1, "saves/x.json: not valid JSON", NULL, -1, -1, &g);
    SDL_RenderPresent(r);
    ut_check_no_keys("saves", W, H);
    ut_keep_png(s, "saves", W, H);
    CHECK(rect_in(g.box, screen) && g.n_drawn == 5 && g.first == 0);
    for (int i = 0; i < g.n_drawn; i++) {
        CHECK(rect_in(g.row[i], g.box) && g.index[i] == i);
        if (i > 0)
            CHECK(g.row[i].y >= g.row[i - 1].y + g.row[i - 1].h);
        UiSavesHit h = ui_saves_hit(&g, g.row[i].x + 5, g.row[i].y + 5);
        CHECK(h.action == UI_SAVES_ROW && h.row == i);
    }
    CHECK(ui_saves_hit(&g, g.btn_load.x + 3, g.btn_load.y + 3).action == UI_SAVES_LOAD);
    CHECK(ui_saves_hit(&g, g.btn_cancel.x + 3, g.btn_cancel.y + 3).action == UI_SAVES_CANCEL);
    CHECK(ui_saves_hit(&g, 1, 1).action == UI_SAVES_INSIDE);
    int red = 0;
    for (int y = (int)g.message.y; y < (int)(g.message.y + g.message.h); y++)
        for (int x = (int)g.message.x; x < (int)(g.message.x + g.message.w); x++)
            red += ut_near(ut_pixel(s, x, y), th->down, 40);
    CHECK_MSG(red > 30, "%dx%d: message pixels %d", W, H, red);
    /* The bad save's reason, in the fall colour too. */
    red = 0;
    for (int y = (int)g.row[2].y; y < (int)(g.row[2].y + g.row[2].h); y++)
        for (int x = (int)g.row[2].x; x < (int)(g.row[2].x + g.row[2].w); x++)
            red += ut_near(ut_pixel(s, x, y), th->down, 40);
    CHECK_MSG(red > 30, "%dx%d: bad row pixels %d", W, H, red);
    /* A long list keeps the selection in view. */
    ui_saves_draw(d, screen, rows, 40, 33, NULL, NULL, -1, -1, &g);
    CHECK(g.n_drawn > 3 && g.n_drawn < 40 && g.index[g.n_drawn - 1] == 33);
    /* A game's heading and the seat question over the list: its answers inside it, a click on
     * one names it, a click on a row behind it does nothing. */
    rows[0].heading = 1;
    UiSavesAsk ask = {.title = ui_tr("play.saves.ask.title"),
                      .text = "Autosave, 2025-03 (month 5): played by people: OpenAI; the "
                              "others: their playbooks.",
                      .keys = ui_tr("play.saves.ask.keys"),
                      .answer = {ui_tr("play.saves.ask.keep"), ui_tr("play.saves.ask.mine_none"),
                                 ui_tr("play.saves.ask.watch")},
                      .enabled = {1, 0, 1},
                      .n = 3,
                      .sel = 0};
    ui_clear(d, th->bg);
    ui_saves_draw(d, screen, rows, 6, 1, NULL, &ask, -1, -1, &g);
    SDL_RenderPresent(r);
    ut_check_no_keys("saves ask", W, H);
    ut_keep_png(s, "saves-ask", W, H);
    CHECK(rect_in(g.ask_box, g.box));
    for (int k = 0; k < 3; k++) {
        CHECK(rect_in(g.btn_ask[k], g.ask_box));
        UiSavesHit h = ui_saves_hit(&g, g.btn_ask[k].x + 4, g.btn_ask[k].y + 4);
        CHECK(h.action == UI_SAVES_ASK && h.row == k);
    }
    CHECK(ui_saves_hit(&g, g.row[0].x + 2, g.row[0].y + 2).action == UI_SAVES_INSIDE);
    rows[0].heading = 0;
    ui_clear(d, th->bg);
    ui_saves_draw(d, screen, rows, 0, -1, NULL, NULL, -1, -1, &g);
    CHECK(g.n_drawn == 0);
    SDL_RenderPresent(r);
    ut_check_no_keys("no saves", W, H);
    ut_keep_png(s, "saves-none", W, H);
    UiSavesGeom none;
    memset(&none, 0, sizeof none);
    CHECK(ui_saves_hit(&none, 5, 5).action == UI_SAVES_NONE);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    check(1280, 800, 1.0);
    check(1920, 1080, 1.35);
    test_lang_use(CORE_LANG_ZH);
    check(1280, 800, 1.0);
    check(1920, 1080, 1.5);
    TEST_END();
}
