/* test_ui_levers: the teacher's lever panel in the game screen, rendered headless at 1280x800
 * and 1920x1080: it takes the chart panel's place, every lever has its row with - and + where
 * the hit test finds them, the values are written (in the panel's accent colour) as
 * ui_levers_value formats them, and a click outside the panel is not the panel's. With a
 * comparison (the game without the teacher's change), the panel's chart draws the hub's value in
 * both games, the real one in the hub's colour and the other in the faint colour, inside the
 * panel; without one it says what moving a lever will show. */
#include "test_ui_lang.h"
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
    ui_tr_missing_reset();
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.1, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    ut_check_no_keys("levers", W, H);
    ut_keep_png(s, "levers", W, H);
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

/* The comparison under the levers: two lines in the chart, in the panel. */
static void check_compare(SimWorld *w, const SimWorld *without, int W, int H, double scale)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(d && m, "%s", err);
    if (!d || !m)
        return;
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1, .levers = 1};
    UiScreenGeom g;
    ui_tr_missing_reset();
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.1, &st, &g, err, sizeof err) == 0);
    CHECK(g.levers.chart.plot.w == 0 && ui_tr_asked("lever.compare.none") == 1);
    st.lever_compare = (UiLeversCompare){without, 1, "By then the hub is worth more."};
    ui_clear(d, ui_draw_theme(d)->bg);
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.1, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    ut_check_no_keys("levers compare", W, H);
    ut_keep_png(s, "levers-compare", W, H);
    SDL_FRect p = g.levers.chart.plot;
    CHECK_MSG(rect_in(p, g.levers.box) && p.h >= 30, "%dx%d: the chart's plot %gx%g", W, H,
              (double)p.w, (double)p.h);
    SDL_Color faint = ui_levers_faint(d, w), real = ui_chart_actor_color(w, w->sc->hub);
    int nf = 0, nr = 0;
    for (int y = (int)p.y; y < (int)(p.y + p.h); y++)
        for (int x = (int)p.x; x < (int)(p.x + p.w); x++) {
            nf += ut_near(ut_pixel(s, x, y), faint, 2);
            nr += ut_near(ut_pixel(s, x, y), real, 2);
        }
    CHECK_MSG(nf >= 20 && nr >= 20, "%dx%d: faint line %d pixels, real line %d", W, H, nf, nr);
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
    SimWorld *u = ut_world(6); /* two months on: the faint line alone there */
    if (u) {
        check_compare(w, u, 1280, 720, 1.0);
        check_compare(w, u, 1920, 1080, 1.35);
        sim_world_destroy(u);
    }

    /* Names and lines for people come from the tables: the hub named where the lever is its
     * own; in English a lever event reads as the record's text, in Chinese as a sentence of the
     * tables, with the same figures. */
    char name[128], text[256];
    CHECK(strcmp(ui_levers_name(w, SIM_LEVER_REVENUE_GROWTH, name, sizeof name),
                 "OpenAI's revenue growth") == 0);
    CHECK(strcmp(ui_levers_name(w, SIM_LEVER_SENTIMENT, name, sizeof name), "Market mood") == 0);
    CHECK(strstr(ui_levers_help(SIM_LEVER_INTEREST), "yearly rate") != NULL);
    char err[256] = "";
    int before = w->n_events;
    CHECK(sim_lever_set(w, SIM_LEVER_INTEREST, 0.12, err, sizeof err) == 0);
    CHECK(w->n_events == before + 1);
    const SimEvent *e = &w->events[before];
    CHECK(strcmp(ui_levers_event_text(w, e, text, sizeof text), e->text) == 0);
    test_lang_use(CORE_LANG_ZH);
    ui_tr_missing_reset();
    CHECK(strcmp(ui_levers_name(w, SIM_LEVER_REVENUE_GROWTH, name, sizeof name),
                 "OpenAI的收入增速") == 0);
    ui_levers_event_text(w, e, text, sizeof text);
    CHECK_MSG(strstr(text, "利率") && strstr(text, "12.0%"), "%s", text);
    for (int l = 0; l < SIM_LEVER_COUNT; l++) {
        ui_levers_name(w, (SimLever)l, name, sizeof name);
        CHECK(strncmp(name, "lever.", 6) != 0 && strncmp(ui_levers_help((SimLever)l), "lever.", 6));
    }
    ut_check_no_keys("lever texts", 0, 0);
    check(w, 1280, 800, 1.0);
    check(w, 1920, 1080, 1.5);
    test_lang_use(CORE_LANG_EN);
    sim_world_destroy(w);
    TEST_END();
}
