/* test_ui_labels: every percentage the game screen and the debrief draw says what it measures,
 * in both languages, and the map's name plates stay readable. One convention (docs/classroom.md):
 * the map's plates and the tables show market value since the start of the game (the legend
 * says so once); the month's change is in the tooltip, named as such; the charts are indexed to
 * the start.
 *
 * The 2025 scenario played by its history to its end (seed 7, as `closedloop --png` draws it),
 * and a world mid-game, rendered headless at 1280x800 and 1920x1080 in English and Chinese:
 * - the plates' figures are value since the start; the texts that carry the measures were asked
 *   for (ui_tr_asked: the key used), and each says its measure ("since start", "this month";
 *   较开局, 本月): the map's legend, the tooltip, the debrief's column;
 * - no text shows its table key (every key has an entry);
 * - every plate is inside the map, clear of every other plate and every node.
 * UT_PNG_DIR=DIR keeps the images for a look. */
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_debrief.h"
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

static int overlap(SDL_FRect a, SDL_FRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static int rect_hits_circle(SDL_FRect r, float cx, float cy, float rad)
{
    float nx = fmaxf(r.x, fminf(cx, r.x + r.w)), ny = fmaxf(r.y, fminf(cy, r.y + r.h));
    return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < rad * rad;
}

/* The measures' words in the language in use. */
static const char *since_word(void)
{
    return core_tr_lang() == CORE_LANG_ZH ? "较开局" : "since";
}

static const char *month_word(void)
{
    return core_tr_lang() == CORE_LANG_ZH ? "本月" : "this month";
}

static void check_screen(const SimWorld *w, int W, int H, double scale, const char *what)
{
    char err[256] = "", name[64];
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, scale, NULL, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(d && m, "%s", err);
    if (!d || !m)
        return;
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1};
    UiScreenGeom g;
    ui_tr_missing_reset();
    CHECK_MSG(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0, "%s",
              err);
    SDL_RenderPresent(r);
    snprintf(name, sizeof name, "labels-%s", what);
    ut_keep_png(s, name, W, H);
    /* The plates' percentages are market value since the start, as the tables', and the
     * legend says so; the price chart is indexed to the start. */
    int moved = 0;
    for (int i = 0; i < ui_map_node_count(m); i++) {
        const UiMapNode *nd = ui_map_node(m, i);
        double v0 = sim_snap(w, 0, i)->market_value, v = sim_snap(w, w->turn, i)->market_value;
        CHECK_NEAR(nd->since, v / v0 - 1.0, 1e-9);
        moved += fabs(nd->since) >= 0.0005;
    }
    CHECK(moved > 0);
    CHECK(ui_tr_asked("map.legend.plates") > 0);
    CHECK_MSG(strstr(ui_tr("map.legend.plates"), since_word()) != NULL, "%s",
              ui_tr("map.legend.plates"));
    CHECK(ui_tr_asked("chart.prices.title") > 0 && strstr(ui_tr("chart.prices.title"), "100"));
    ut_check_no_keys(what, W, H);
    /* Plates: inside the map, clear of each other and of every node. */
    int n = ui_map_node_count(m);
    for (int i = 0; i < n; i++) {
        SDL_FRect a = ui_map_node(m, i)->label;
        CHECK_MSG(rect_in(a, g.map), "%s %dx%d: plate %d (%.0f,%.0f %.0fx%.0f) leaves the map",
                  what, W, H, i, a.x, a.y, a.w, a.h);
        for (int j = 0; j < n; j++) {
            const UiMapNode *o = ui_map_node(m, j);
            CHECK_MSG(!rect_hits_circle(a, o->x, o->y, o->r), "%s %dx%d: plate %d covers node %d",
                      what, W, H, i, j);
            if (j > i)
                CHECK_MSG(!overlap(a, o->label), "%s %dx%d: plates %d and %d overlap", what, W, H,
                          i, j);
        }
    }
    /* The tooltip names both measures: since the start and this month. */
    UiMapHit hit = {.kind = UI_HIT_NODE, .index = w->sc->hub};
    char tip[1024];
    ui_tr_missing_reset();
    CHECK(ui_map_tooltip(m, hit, tip, sizeof tip) > 0);
    CHECK(ui_tr_asked("map.tip.value") == 1);
    CHECK_MSG(strstr(tip, since_word()) && strstr(tip, month_word()), "tooltip: %s", tip);
    ut_check_no_keys("tooltip", W, H);
    ui_map_destroy(m);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

static void check_debrief(const SimWorld *w, int W, int H, double scale)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    UiDebriefGeom g;
    ui_tr_missing_reset();
    CHECK_MSG(ui_render_debrief(s, w, scale, &g, err, sizeof err) == 0, "%s", err);
    ut_keep_png(s, "labels-debrief", W, H);
    /* The table's percentage column is headed with its measure, the chart with its index. */
    CHECK(ui_tr_asked("debrief.col.value") == 1);
    CHECK_MSG(strstr(ui_tr("debrief.col.value"), since_word()) != NULL, "%s",
              ui_tr("debrief.col.value"));
    CHECK(ui_tr_asked("chart.prices.title_plain") > 0);
    ut_check_no_keys("debrief", W, H);
    SDL_FreeSurface(s);
}

static SimWorld *history_game(uint64_t seed, int turns)
{
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return NULL;
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    sim_scenario_free(sc);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return NULL;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        CHECK(sim_strategy_history(&s) == 0);
        sim_world_set_strategy(w, i, s);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    CHECK_MSG(sim_turn_run(w, turns, err, sizeof err) >= 0, "%s", err);
    return w;
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    SimWorld *end = history_game(7, -1), *mid = history_game(7, 20);
    if (!end || !mid)
        TEST_END();
    CHECK(end->end != SIM_END_NONE && mid->turn == 20);
    for (int lang = 0; lang < 2; lang++) {
        test_lang_use(lang ? CORE_LANG_ZH : CORE_LANG_EN);
        check_screen(end, 1280, 800, 1.0, "end");
        check_screen(end, 1920, 1080, 1.35, "end");
        check_screen(mid, 1280, 800, 1.0, "mid");
        check_screen(mid, 1920, 1080, 1.35, "mid");
        check_debrief(end, 1280, 800, 1.0);
        check_debrief(end, 1920, 1080, 1.5);
    }
    sim_world_destroy(end);
    sim_world_destroy(mid);
    TEST_END();
}
