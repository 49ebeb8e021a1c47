/* test_ui_levers: the teacher's lever panel in the game screen, rendered headless at 1280x800
 * and 1920x1080: it takes the chart panel's place, every lever has its row with - and + where
 * the hit test finds them, the values are written (in the panel's accent colour) as
 * ui_levers_value formats them, and a click outside the panel is not the panel's. */
#include "test_ui_util.h"
#include "ui_draw.h"
#include "ui_levers.h"
#include "ui_map.h"
#include "ui_png.h"
#include "ui_screen.h"

#include <string.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static void check(SimWorld *w, int W, int H, double scale)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(d && m, "%s", err);
    if (!d || !m)
        return;
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1, .levers = 1, .lever_focus = 2};
    UiScreenGeom g;
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.1, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    CHECK(g.levers.box.x == g.panel.x && g.levers.box.w == g.panel.w);
    const UiTheme *th = ui_draw_theme(d);
    for (int l = 0; l < SIM_LEVER_COUNT; l++) {
        CHECK_MSG(rect_in(g.levers.row[l], g.levers.box), "%dx%d: row %d", W, H, l);
        CHECK(rect_in(g.levers.plus[l], g.levers.row[l]) &&
              rect_in(g.levers.minus[l], g.levers.row[l]));
        UiLeverHit h = ui_levers_hit(&g.levers, g.levers.plus[l].x + 3, g.levers.plus[l].y + 3);
        CHECK(h.action == UI_LEVER_PLUS && h.lever == l);
        h = ui_levers_hit(&g.levers, g.levers.minus[l].x + 3, g.levers.minus[l].y + 3);
        CHECK(h.action == UI_LEVER_MINUS && h.lever == l);
        int lit = 0;
        SDL_FRect v = g.levers.value[l];
        for (int y = (int)v.y; y < (int)(v.y + v.h); y++)
            for (int x = (int)v.x; x < (int)(v.x + v.w); x++)
                lit += ut_near(ut_pixel(s, x, y), th->family[UI_FAM_LOAN], 40);
        CHECK_MSG(lit > 15, "%dx%d: value of lever %d not drawn (%d)", W, H, l, lit);
    }
    CHECK(ui_levers_hit(&g.levers, g.map.x + 4, g.map.y + 4).action == UI_LEVER_NONE);
    CHECK(ui_levers_hit(&g.levers, g.levers.box.x + 4, g.levers.box.y + 4).action ==
          UI_LEVER_INSIDE);
    ui_map_destroy(m);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    SimWorld *w = ut_world(4);
    if (!w)
        TEST_END();
    char buf[32];
    CHECK(strcmp(ui_levers_value(w, SIM_LEVER_INTEREST, buf, sizeof buf), "") != 0 &&
          strchr(buf, '%'));
    CHECK(buf[0] != '+' && (ui_levers_value(w, SIM_LEVER_SENTIMENT, buf, sizeof buf),
                            buf[0] == '+' || buf[0] == '-'));
    check(w, 1280, 800, 1.0);
    check(w, 1920, 1080, 1.35);
    sim_world_destroy(w);
    TEST_END();
}
