/* test_ui_crowd: the map reads cleanly with many firms and long names (issue 12, item 6).
 *
 * - ui_place (pure boxes): a label goes where nothing is, in its fullest form that fits, is not
 *   shown where nothing is clear unless it must be, and the same input gives the same boxes;
 * - tests/data/crowd-20.json (20 firms of the telecom build-out, names such as "Qwest
 *   Communications International Inc.", loans across the ring) played by its history, drawn
 *   as the game screen at 1280x720 and 1920x1080 and as the PNG map, in English and Chinese:
 *   every firm has its plate, inside the map, no two plates overlap, no plate lies on a node
 *   and no edge crosses a plate; the title is shortened with intent, not cut;
 * - tests/data/crowd-50.json (50 firms, two rings): it renders, the hub and at least a dozen of
 *   the largest are labelled, the plates shown keep the same rules, and a firm without a plate
 *   is named by its node's tooltip.
 * UT_PNG_DIR=DIR keeps the images for a look. */
#include "core_month.h"
#include "core_name.h"
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_chart.h"
#include "ui_debrief.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_map.h"
#include "ui_place.h"
#include "ui_png.h"
#include "ui_screen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- ui_place alone */

static void test_place(void)
{
    /* One disc in the middle, segments leaving it in every direction but down-right. */
    UiPlaceDisc discs[2] = {{500, 300, 40}, {620, 300, 30}};
    UiPlaceSeg segs[8];
    int ns = 0;
    for (int k = 0; k < 8; k++) {
        float a = (float)k * 3.14159265f / 4.0f;
        if (k == 1)
            continue; /* 45 degrees: down-right stays free */
        segs[ns++] = (UiPlaceSeg){500 + 40 * cosf(a), 300 + 40 * sinf(a), 500 + 400 * cosf(a),
                                  300 + 400 * sinf(a), 2};
    }
    UiPlaceScene sc = {{0, 0, 1000, 600}, discs, 1, segs, ns, NULL, 0, 6, 4};
    UiPlaceLabel l = {.disc = 0, .pref = -1.5708f, .n_sizes = 2, .w = {300, 60}, .h = {40, 30}};
    UiPlaceOut o, o2;
    CHECK(ui_place_labels(&sc, &l, 1, &o) == 1);
    CHECK(o.clear && o.box.w > 0);
    /* Down and right of the disc's centre, clear of every segment and of the disc. */
    CHECK_MSG(o.box.x + o.box.w / 2 > 500 && o.box.y + o.box.h / 2 > 300, "%.0f,%.0f", o.box.x,
              o.box.y);
    for (int k = 0; k < ns; k++)
        CHECK(!ui_place_seg_meets(o.box, segs[k].x0, segs[k].y0, segs[k].x1, segs[k].y1,
                                  segs[k].half));
    CHECK(!ui_place_disc_meets(o.box, 500, 300, 40));
    /* The same input, the same box. */
    CHECK(ui_place_labels(&sc, &l, 1, &o2) == 1 && memcmp(&o, &o2, sizeof o) == 0);

    /* With nothing in the way the full text goes in the preferred direction, right by the node. */
    UiPlaceScene open = {{0, 0, 1000, 600}, discs, 1, NULL, 0, NULL, 0, 6, 4};
    CHECK(ui_place_labels(&open, &l, 1, &o) == 1 && o.size == 0 && !o.far);
    CHECK_NEAR(o.box.y + o.box.h, 300 - 40 - 6, 0.5);
    CHECK_NEAR(o.box.x + o.box.w / 2, 500, 0.5);

    /* Two labels of neighbours never overlap; a second that cannot fit is hidden, or shown
     * where it covers least when it must be. */
    UiPlaceScene two = {{400, 240, 280, 120}, discs, 2, NULL, 0, NULL, 0, 2, 2};
    UiPlaceLabel ls[2] = {{.disc = 0, .pref = 3.14159f, .n_sizes = 1, .w = {50}, .h = {30}},
                          {.disc = 1, .pref = 0, .n_sizes = 1, .w = {200}, .h = {100}}};
    UiPlaceOut out[2];
    CHECK(ui_place_labels(&two, ls, 2, out) == 1);
    CHECK(out[0].box.w > 0 && out[1].box.w == 0 && out[1].size == -1);
    ls[1].must = 1;
    CHECK(ui_place_labels(&two, ls, 2, out) == 2);
    CHECK(out[1].box.w > 0 && !out[1].clear);
    CHECK(out[1].box.x >= 400 - 0.01f && out[1].box.x + out[1].box.w <= 680 + 0.01f);

    /* A fixed box is avoided like a placed one. */
    SDL_FRect fixed = {420, 150, 160, 100};
    UiPlaceScene fx = {{0, 0, 1000, 600}, discs, 1, NULL, 0, &fixed, 1, 6, 4};
    CHECK(ui_place_labels(&fx, &l, 1, &o) == 1 && o.clear);
    CHECK(!ui_place_boxes_meet(o.box, fixed));
}

/* ---------------------------------------------------------------- the crowded maps */

static SimWorld *crowd_game(const char *file, int turns)
{
    char err[512] = "", path[512];
    snprintf(path, sizeof path, "%s/%s", CL_TESTDATA, file);
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return NULL;
    SimWorld *w = sim_world_create(sc, 3, err, sizeof err);
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

static int inside(SDL_FRect in, SDL_FRect out)
{
    return in.x >= out.x - 0.5f && in.y >= out.y - 0.5f && in.x + in.w <= out.x + out.w + 0.5f &&
           in.y + in.h <= out.y + out.h + 0.5f;
}

/* The rules every plate shown keeps; returns how many are shown. */
static int check_plates(const UiMap *m, SDL_FRect area, const char *what)
{
    /* A crowded map may use half the margin where a plate has no other place. */
    float min_edge = strncmp(what, "2025", 4) == 0 ? 5.5f : 2.5f;
    int n = ui_map_node_count(m), shown = 0;
    for (int i = 0; i < n; i++) {
        SDL_FRect a = ui_map_node(m, i)->label;
        if (a.w <= 0)
            continue;
        shown++;
        CHECK_MSG(inside(a, area), "%s: plate %d (%.0f,%.0f %.0fx%.0f) leaves the map", what, i,
                  a.x, a.y, a.w, a.h);
        /* Off the map's edges too (Google's plate touched the window's left edge in Chinese). */
        float edge = fminf(fminf(a.x - area.x, area.x + area.w - a.x - a.w),
                           fminf(a.y - area.y, area.y + area.h - a.y - a.h));
        CHECK_MSG(edge >= min_edge,
                  "%s: plate %d (%.0f,%.0f %.0fx%.0f) is %.1f px from the map's edge", what, i, a.x,
                  a.y, a.w, a.h, edge);
        for (int j = 0; j < n; j++) {
            const UiMapNode *o = ui_map_node(m, j);
            CHECK_MSG(!ui_place_disc_meets(a, o->x, o->y, o->r), "%s: plate %d covers node %d",
                      what, i, j);
            if (j > i)
                CHECK_MSG(!ui_place_boxes_meet(a, o->label), "%s: plates %d and %d overlap", what,
                          i, j);
        }
        for (int k = 0; k < ui_map_edge_count(m); k++) {
            const UiMapEdge *e = ui_map_edge(m, k);
            CHECK_MSG(!ui_place_seg_meets(a, e->x0, e->y0, e->x1, e->y1, e->width / 2.0f),
                      "%s: edge %d (%d->%d) crosses plate %d", what, k, e->from, e->to, i);
        }
    }
    return shown;
}

/* Draws the game screen at W x H and checks its map; returns the plates shown. */
static int check_screen(const SimWorld *w, int W, int H, double scale, const char *what)
{
    char err[256] = "", name[96];
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return 0;
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, scale, NULL, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(d && m, "%s", err);
    int shown = 0;
    if (d && m) {
        UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1};
        UiScreenGeom g;
        ui_tr_missing_reset();
        CHECK_MSG(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0, "%s",
                  err);
        SDL_RenderPresent(r);
        snprintf(name, sizeof name, "crowd-%s-%s", what, core_lang_code(core_tr_lang()));
        ut_keep_png(s, name, W, H);
        snprintf(name, sizeof name, "%s %s %dx%d", what, core_lang_code(core_tr_lang()), W, H);
        shown = check_plates(m, g.map, name);
        ut_check_no_keys(name, W, H);
        /* A firm without a plate is named on hover. */
        for (int i = 0; i < ui_map_node_count(m); i++) {
            if (ui_map_node(m, i)->label.w > 0)
                continue;
            char tip[1024];
            UiMapHit hit = {UI_HIT_NODE, i};
            CHECK(ui_map_tooltip(m, hit, tip, sizeof tip) > 0);
            CHECK_MSG(strstr(tip, core_tr_content(w->sc->actors[i].name)) == tip, "%s", tip);
        }
    }
    ui_map_destroy(m);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    return shown;
}

/* The PNG map (closedloop --png): the same rules at 1920x1080. */
static int check_png_map(const SimWorld *w, const char *what)
{
    char err[256] = "", name[96];
    SDL_Surface *s = ui_png_surface(1920, 1080, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(s && m, "%s", err);
    int shown = 0;
    if (s && m) {
        CHECK_MSG(ui_render_map(s, w, w->turn, 1.5, 0.35, m, err, sizeof err) == 0, "%s", err);
        snprintf(name, sizeof name, "crowd-png-%s-%s", what, core_lang_code(core_tr_lang()));
        ut_keep_png(s, name, 1920, 1080);
        snprintf(name, sizeof name, "png %s %s", what, core_lang_code(core_tr_lang()));
        shown = check_plates(m, (SDL_FRect){0, 0, 1920, 1080}, name);
    }
    ui_map_destroy(m);
    SDL_FreeSurface(s);
    return shown;
}

/* ---------------------------------------------------------------- the panel and the debrief */

#define TRACE_CAP 4096

/* Two texts' boxes share more than a pixel's sliver (glyph boxes include the font's leading,
 * so boxes that merely touch are not an overlap a reader sees). */
static int texts_meet(SDL_FRect a, SDL_FRect b)
{
    const float e = 1.0f;
    return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

/* Every text in t[0..n) lies inside `in` (and inside the clip it was drawn under: a text the
 * clip cuts is a cut text) and no two overlap. */
static void check_texts(const UiTextTrace *t, int n, SDL_FRect in, const char *what)
{
    for (int i = 0; i < n; i++) {
        CHECK_MSG(inside(t[i].box, in), "%s: \"%s\" (%.0f,%.0f %.0fx%.0f) leaves its area", what,
                  t[i].text, t[i].box.x, t[i].box.y, t[i].box.w, t[i].box.h);
        for (int j = i + 1; j < n; j++)
            CHECK_MSG(!texts_meet(t[i].box, t[j].box),
                      "%s: \"%s\" (%.0f,%.0f %.0fx%.0f) overlaps \"%s\" (%.0f,%.0f %.0fx%.0f)",
                      what, t[i].text, t[i].box.x, t[i].box.y, t[i].box.w, t[i].box.h, t[j].text,
                      t[j].box.x, t[j].box.y, t[j].box.w, t[j].box.h);
    }
}

/* The game screen's side panel (prices with their legend, the hub's obligations, its risk, the
 * sentiment): its texts stay in the panel and apart; the price legend names the largest firms
 * with the hub first, counts the rest in "+N more", and that entry's tooltip names them. */
static void check_panel(const SimWorld *w, int W, int H, double scale)
{
    char err[256] = "", what[96];
    snprintf(what, sizeof what, "panel %s %dx%d", core_lang_code(core_tr_lang()), W, H);
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    UiMap *m = ui_map_create(err, sizeof err);
    UiTextTrace *t = calloc(TRACE_CAP, sizeof *t);
    CHECK_MSG(d && m && t, "%s", err);
    if (d && m && t) {
        UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1};
        UiScreenGeom g;
        ui_draw_trace(d, t, TRACE_CAP);
        CHECK_MSG(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0, "%s",
                  err);
        int n = ui_draw_traced(d);
        ui_draw_trace(d, NULL, 0);
        CHECK(n > 0 && n <= TRACE_CAP);
        /* The panel's texts: drawn into its layer (panel coordinates), or onto the screen
         * inside it when there is no layer. */
        int np = 0;
        for (int k = 0; k < n && k < TRACE_CAP; k++) {
            UiTextTrace x = t[k];
            if (x.target_w == (int)SDL_ceilf(g.panel.w) &&
                x.target_h == (int)SDL_ceilf(g.panel.h)) {
                x.box.x += g.panel.x;
                x.box.y += g.panel.y;
            } else if (x.target_w > 0 || x.box.x + x.box.w <= g.panel.x ||
                       x.box.y + x.box.h <= g.panel.y || x.box.y >= g.panel.y + g.panel.h) {
                continue;
            }
            t[np++] = x;
        }
        CHECK_MSG(np >= 20, "%s: %d texts", what, np);
        check_texts(t, np, g.panel, what);

        /* The legend: the hub first, as many as fit, then "+N more". */
        const UiChartGeom *pc = &g.chart[0];
        CHECK_MSG(pc->legend.w > 0 && pc->legend_shown >= 3 && pc->legend_shown < w->n, "%s: %d",
                  what, pc->legend_shown);
        CHECK(pc->more.w > 0 && inside(pc->more, g.panel) && inside(pc->legend, g.panel));
        int *order = malloc((size_t)w->n * sizeof *order);
        if (order) {
            ui_chart_prices_order(w, w->turn, order);
            CHECK(order[0] == w->sc->hub);
            for (int k = 2; k < w->n; k++)
                CHECK(sim_snap(w, w->turn, order[k - 1])->market_value >=
                      sim_snap(w, w->turn, order[k])->market_value);
            /* The tooltip names exactly the firms the legend left out. */
            char tip[2048];
            CHECK(ui_chart_prices_rest(w, w->turn, pc->legend_shown, tip, sizeof tip) > 0);
            char num[16];
            snprintf(num, sizeof num, "%d", w->n - pc->legend_shown);
            CHECK_MSG(strstr(tip, num) != NULL, "%s", tip);
            for (int k = 0; k < w->n; k++) {
                char form[128];
                core_name_short(core_tr_content(w->sc->actors[order[k]].name), 1, form,
                                sizeof form);
                if (k >= pc->legend_shown)
                    CHECK_MSG(strstr(tip, form) != NULL, "%s: %s missing from the tooltip", what,
                              form);
            }
            CHECK(ui_chart_prices_rest(w, w->turn, w->n, tip, sizeof tip) == 0);
            free(order);
        }
        /* Hovering "+N more" draws that tooltip (its texts on the screen, over the panel). */
        st.mouse_x = pc->more.x + pc->more.w / 2;
        st.mouse_y = pc->more.y + pc->more.h / 2;
        ui_draw_trace(d, t, TRACE_CAP);
        CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0);
        int n2 = ui_draw_traced(d), tip_lines = 0;
        ui_draw_trace(d, NULL, 0);
        SDL_FRect screen = {0, 0, (float)W, (float)H};
        for (int k = 0; k < n2 && k < TRACE_CAP; k++)
            if (t[k].target_w == 0 && t[k].box.x >= g.panel.x - 400 * (float)scale &&
                t[k].box.y >= g.panel.y && t[k].box.y < g.feed.y && inside(t[k].box, screen))
                tip_lines++;
        CHECK_MSG(tip_lines >= 2, "%s: the +N more tooltip drew %d lines", what, tip_lines);
        SDL_RenderPresent(r);
        snprintf(what, sizeof what, "crowd-panel-tip-%s", core_lang_code(core_tr_lang()));
        ut_keep_png(s, what, W, H);
    }
    free(t);
    ui_map_destroy(m);
    ui_draw_destroy(d);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The debrief of a 20-firm game: every text inside the screen, none overlapping another. */
static void check_debrief(const SimWorld *w, int W, int H, double scale)
{
    char err[256] = "", what[96];
    snprintf(what, sizeof what, "debrief %s %dx%d", core_lang_code(core_tr_lang()), W, H);
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    UiTextTrace *t = calloc(TRACE_CAP, sizeof *t);
    CHECK_MSG(d && t, "%s", err);
    if (d && t) {
        UiDebriefGeom g;
        ui_tr_missing_reset();
        ui_draw_trace(d, t, TRACE_CAP);
        ui_debrief_draw(d, W, H, w, ui_tr("play.keys.debrief"), &g);
        /* The headline whole, on at most two lines: the hub's name shortened with intent, the
         * month it ends in, no ellipsis. */
        char hub[128], mon[48];
        core_name_short(core_tr_content(w->sc->actors[w->sc->hub].name), 2, hub, sizeof hub);
        core_tr_month(w->sc->start + w->turn - 1, mon, sizeof mon);
        CHECK_MSG(g.headline_lines >= 1 && g.headline_lines <= 2 &&
                      strstr(g.headline_text, "\xe2\x80\xa6") == NULL &&
                      strstr(g.headline_text, hub) != NULL && strstr(g.headline_text, mon) != NULL,
                  "%s: headline '%s' on %d lines", what, g.headline_text, g.headline_lines);
        int n = ui_draw_traced(d);
        ui_draw_trace(d, NULL, 0);
        SDL_RenderPresent(r);
        snprintf(what, sizeof what, "crowd-debrief-%s", core_lang_code(core_tr_lang()));
        ut_keep_png(s, what, W, H);
        snprintf(what, sizeof what, "debrief %s %dx%d", core_lang_code(core_tr_lang()), W, H);
        ut_check_no_keys(what, W, H);
        CHECK(n > 40 && n <= TRACE_CAP);
        check_texts(t, n < TRACE_CAP ? n : TRACE_CAP, (SDL_FRect){0, 0, (float)W, (float)H}, what);
    }
    free(t);
    ui_draw_destroy(d);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The title bar shows the title's first clause, whole, not a cut. */
static void check_title(const SimWorld *w)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(1280, 720, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (d) {
        char fit[256];
        const char *title = core_tr_content(w->sc->title);
        ui_text_fit_short(d, title, 1, 26, 1, 640, fit, sizeof fit);
        CHECK_MSG(strcmp(fit, "The telecom build-out of 1999 to 2001") == 0, "%s", fit);
        ui_text_fit_short(d, title, 1, 26, 1, 5000, fit, sizeof fit);
        CHECK(strcmp(fit, title) == 0);
        ui_text_fit_short(d, "Qwest Communications International Inc.", 0, 22, 1, 200, fit,
                          sizeof fit);
        CHECK_MSG(strcmp(fit, "Qwest") == 0, "%s", fit);
    }
    ui_draw_destroy(d);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_place();
    SimWorld *w20 = crowd_game("crowd-20.json", 6), *w50 = crowd_game("crowd-50.json", 6);
    /* Played to the end of its calendar, for the debrief. */
    SimWorld *w20end = crowd_game("crowd-20.json", 1000);
    if (!w20 || !w50 || !w20end)
        TEST_END();
    CHECK(w20->n == 20 && w50->n == 50);
    /* The 2025 scenario, whose plates sit at the map's sides. */
    SimWorld *w25 = crowd_game("../../assets/scenarios/closed-loop-2025.json", 12);
    for (int lang = 0; w25 && lang < 2; lang++) {
        test_lang_use(lang ? CORE_LANG_ZH : CORE_LANG_EN);
        int all[5] = {check_screen(w25, 1280, 720, 1.0, "2025"),
                      check_screen(w25, 1280, 800, 1.0, "2025"),
                      check_screen(w25, 1920, 1080, 1.35, "2025"),
                      check_screen(w25, 3840, 2160, 2.7, "2025"), check_png_map(w25, "2025")};
        for (int k = 0; k < 5; k++)
            CHECK_MSG(all[k] == w25->n, "2025, view %d: %d plates", k, all[k]);
    }
    sim_world_destroy(w25);
    check_title(w20);
    for (int lang = 0; lang < 2; lang++) {
        test_lang_use(lang ? CORE_LANG_ZH : CORE_LANG_EN);
        /* 20 firms: every one has its plate. */
        int all[3] = {check_screen(w20, 1280, 720, 1.0, "20"),
                      check_screen(w20, 1920, 1080, 1.35, "20"), check_png_map(w20, "20")};
        for (int k = 0; k < 3; k++)
            CHECK_MSG(all[k] == 20, "20 firms, view %d: %d plates", k, all[k]);
        check_panel(w20, 1280, 720, 1.0);
        check_panel(w20, 1920, 1080, 1.35);
        check_debrief(w20end, 1280, 720, 1.0);
        check_debrief(w20end, 1920, 1080, 1.35);
        /* 50 firms: the hub and the largest at least. */
        int shown[3] = {check_screen(w50, 1280, 720, 1.0, "50"),
                        check_screen(w50, 1920, 1080, 1.35, "50"), check_png_map(w50, "50")};
        for (int k = 0; k < 3; k++)
            CHECK_MSG(shown[k] >= 12, "50 firms, view %d: %d plates", k, shown[k]);
    }
    sim_world_destroy(w20);
    sim_world_destroy(w20end);
    sim_world_destroy(w50);
    TEST_END();
}
