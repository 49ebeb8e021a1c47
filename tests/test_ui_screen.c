/* test_ui_screen: the game screen of `closedloop play`, rendered headless on a software
 * renderer at 1280x800 and 1920x1080 and checked at the pixels that matter: the hub node where
 * the map's layout puts it, the charts' plot areas inside the right panel, text in the news
 * feed, the buttons in the controls bar, and nothing drawn outside the screen. */
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_map.h"
#include "ui_png.h"
#include "ui_screen.h"

#include <string.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static void check_screen(const SimWorld *w, int W, int H, double scale)
{
    char err[256] = "";
    /* A margin of magenta round the screen: drawing must not reach it. */
    const int M = 24;
    SDL_Surface *s = ui_png_surface(W + M, H + M, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 255, 0, 255));
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, scale, NULL, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(d && m, "%s", err);
    if (!d || !m)
        return;
    const UiTheme *th = ui_draw_theme(d);
    const UiNewsRow feed[] = {
        {"March 2025", 0, UI_NEWS_HEADER, 0, 0},
        {"OpenAI offers Oracle a $300B compute contract over 60 months "
         "(\"we need every gigawatt we can find\").",
         0, UI_NEWS_DEAL, 0, 0},
        {"Sentiment +0.40; OpenAI owes $79B over the next year.", 0, UI_NEWS_MARKET, 0, 0}};
    UiScreenState st = {.news = feed,
                        .n_news = 3,
                        .news_view = ui_news_view_new(),
                        .speed = 1.0,
                        .mouse_x = -1,
                        .mouse_y = -1};
    UiScreenGeom g;
    ui_tr_missing_reset();
    CHECK_MSG(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0, "%s",
              err);
    SDL_RenderPresent(r);
    ut_keep_png(s, "screen-game", W, H);
    ut_check_no_keys("game screen", W, H);

    /* The parts tile the screen. */
    CHECK(rect_in(g.map, g.screen) && rect_in(g.panel, g.screen) && rect_in(g.feed, g.screen) &&
          rect_in(g.controls, g.screen));
    CHECK(g.map.w > g.screen.w * 0.6f && g.panel.x >= g.map.x + g.map.w - 0.5f);
    CHECK(g.controls.y + g.controls.h <= (float)H + 0.5f);
    /* The hub where the layout puts it, inside the map area, in the hub's colour. */
    const UiMapNode *hub = ui_map_node(m, UT_HUB);
    CHECK(hub->x > g.map.x && hub->x < g.map.x + g.map.w && hub->y > g.map.y &&
          hub->y < g.map.y + g.map.h);
    SDL_Color c = ut_pixel(s, (int)hub->x, (int)hub->y);
    CHECK_MSG(ut_near(c, th->hub, 3), "%dx%d: hub pixel %d,%d,%d", W, H, c.r, c.g, c.b);
    /* The charts' plot areas inside the right panel, in their own slots. */
    CHECK_MSG(rect_in(g.chart[0].plot, g.panel), "%dx%d: prices plot out of the panel", W, H);
    CHECK_MSG(rect_in(g.chart[1].plot, g.panel), "%dx%d: obligations plot out of the panel", W, H);
    CHECK(rect_in(g.chart[0].plot, g.slot[UI_CHART_PRICES]) &&
          rect_in(g.chart[1].plot, g.slot[UI_CHART_OBLIGATIONS]));
    CHECK(g.chart[0].plot.y + g.chart[0].plot.h <= g.chart[1].plot.y);
    CHECK(rect_in(g.slot[UI_CHART_GAUGE], g.panel));
    /* Text in the feed: light pixels on its dark background. */
    int bright = 0;
    for (int y = (int)g.feed.y; y < (int)(g.feed.y + g.feed.h); y++)
        for (int x = (int)g.feed.x; x < (int)(g.feed.x + g.feed.w); x++)
            bright += ut_near(ut_pixel(s, x, y), th->text, 40);
    CHECK_MSG(bright > 300, "%dx%d: feed text pixels %d", W, H, bright);
    /* The buttons in the controls bar, found by the hit test. */
    CHECK(rect_in(g.btn_play, g.controls) && rect_in(g.btn_next, g.controls));
    CHECK(ui_screen_button_at(&g, g.btn_next.x + g.btn_next.w / 2,
                              g.btn_next.y + g.btn_next.h / 2) == UI_BUTTON_NEXT);
    CHECK(ui_screen_button_at(&g, g.btn_play.x + 2, g.btn_play.y + 2) == UI_BUTTON_PLAY);
    CHECK(ui_screen_button_at(&g, g.map.x + 5, g.map.y + 5) == UI_BUTTON_NONE);
    /* Nothing outside the screen: the margin is still magenta. */
    int stray = 0;
    for (int y = 0; y < H + M; y++)
        for (int x = 0; x < W + M; x++)
            if ((x >= W || y >= H) && !ut_near(ut_pixel(s, x, y), (SDL_Color){255, 0, 255, 255}, 0))
                stray++;
    CHECK_MSG(stray == 0, "%dx%d: %d pixels outside the screen", W, H, stray);
    if (stray && getenv("UT_SAVE")) {
        char fn[64];
        snprintf(fn, sizeof fn, "/tmp/stray-%d.bmp", W);
        SDL_SaveBMP(s, fn);
    }

    /* Hover the hub: a tooltip box; the help overlay dims the map. */
    st.mouse_x = hub->x;
    st.mouse_y = hub->y;
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0);
    CHECK(g.hover.kind == UI_HIT_NODE && g.hover.index == UT_HUB);
    /* ... ringed by a halo in the text colour just outside the node. */
    SDL_RenderPresent(r);
    c = ut_pixel(s, (int)(hub->x - hub->r - ui_px(d, 5)), (int)hub->y);
    CHECK_MSG(ut_near(c, th->text, 60), "%dx%d: no halo round the hovered hub (%d,%d,%d)", W, H,
              c.r, c.g, c.b);
    ut_keep_png(s, "screen-hover-node", W, H);
    ut_check_no_keys("node tooltip", W, H);
    /* Hover the middle of an edge: its tooltip. */
    if (ui_map_edge_count(m) > 0) {
        const UiMapEdge *e = ui_map_edge(m, 0);
        st.mouse_x = (e->x0 + e->x1) / 2;
        st.mouse_y = (e->y0 + e->y1) / 2;
        CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0);
        SDL_RenderPresent(r);
        CHECK(g.hover.kind == UI_HIT_EDGE);
        ut_keep_png(s, "screen-hover-edge", W, H);
        ut_check_no_keys("edge tooltip", W, H);
    }
    /* The teacher's levers in the panel's place, playing at two months a second. */
    st.mouse_x = -1;
    st.levers = 1;
    st.playing = 1;
    st.speed = 2.0;
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    CHECK(rect_in(g.levers.box, g.panel));
    for (int l = 0; l < SIM_LEVER_COUNT; l++)
        CHECK_MSG(rect_in(g.levers.plus[l], g.panel) && rect_in(g.levers.minus[l], g.panel),
                  "%dx%d: lever %d's buttons out of the panel", W, H, l);
    ut_keep_png(s, "screen-levers", W, H);
    ut_check_no_keys("levers", W, H);
    st.levers = 0;
    st.playing = 0;
    st.speed = 0.5;
    st.show_help = 1;
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    c = ut_pixel(s, (int)hub->x, (int)hub->y);
    CHECK(!ut_near(c, th->hub, 3));
    ut_keep_png(s, "screen-help", W, H);
    ut_check_no_keys("help", W, H);
    st.show_help = 0;
    st.speed = 1.0;
    ui_map_destroy(m);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    SimWorld *w = ut_world(6);
    if (!w)
        TEST_END();
    check_screen(w, 1280, 800, 1.0);
    check_screen(w, 1920, 1080, 1.5);
    check_screen(w, 2560, 1600, 2.0);
    /* In Chinese: the same checks, and no key shows (ui_tr counts texts the tables lack). */
    test_lang_use(CORE_LANG_ZH);
    check_screen(w, 1280, 800, 1.0);
    check_screen(w, 1920, 1080, 1.5);
    test_lang_use(CORE_LANG_EN);
    sim_world_destroy(w);
    TEST_END();
}
