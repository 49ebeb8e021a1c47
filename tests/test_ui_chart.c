/* test_ui_chart: charts drawn headless keep their lines inside the plot rectangle (no pixel of a
 * line's colour outside it, even for data far outside the axis range), show their markers, and
 * the game's three charts draw from a played world; a legend column with more series than it
 * holds names the first in its order and counts the rest in "+N more", inside the chart. */
#include "ui_chart.h"
#include "ui_draw.h"
#include "ui_png.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int is_magenta(SDL_Color c)
{
    return c.r > 120 && c.b > 120 && c.g < 80 && abs(c.r - c.b) < 40;
}

static void test_clipping(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(900, 500, err, sizeof err);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, 1.0, NULL, err, sizeof err);
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    ui_clear(d, ui_draw_theme(d)->bg);
    /* A zig-zag that leaves the fixed y range [0, 100] above and below. */
    double y[40];
    for (int x = 0; x < 40; x++)
        y[x] = x % 2 ? 400.0 : -300.0 + 10.0 * x;
    int marks[] = {3, 10, 20};
    UiSeries se = {.name = "wild",
                   .color = ui_rgba(0xFF00FF, 255),
                   .y = y,
                   .n = 40,
                   .marks = marks,
                   .n_marks = 3,
                   .width = 6};
    UiChartSpec spec = {.title = "Clipping",
                        .month0 = 2025 * 12,
                        .x_max = 39,
                        .yfmt = UI_Y_MONEY,
                        .y_min = 0.0,
                        .y_max = 100.0,
                        .ref_line = NAN,
                        .no_legend = 1};
    UiChartGeom g;
    ui_chart_lines(d, (SDL_FRect){40, 30, 820, 440}, &spec, &se, 1, &g);
    SDL_RenderFlush(r);
    CHECK(g.plot.w > 500 && g.plot.h > 250);
    CHECK(g.plot.x >= 40 && g.plot.y >= 30);
    CHECK_NEAR(g.y_min, 0.0, 1e-12);
    CHECK_NEAR(g.y_max, 100.0, 1e-12);
    int inside = 0, outside = 0;
    for (int py = 0; py < s->h; py++)
        for (int px = 0; px < s->w; px++) {
            if (!is_magenta(ut_pixel(s, px, py)))
                continue;
            int in = px >= floorf(g.plot.x) && px < ceilf(g.plot.x + g.plot.w) &&
                     py >= floorf(g.plot.y) && py < ceilf(g.plot.y + g.plot.h);
            inside += in;
            outside += !in;
        }
    CHECK(inside > 1000);
    CHECK_MSG(outside == 0, "%d line pixels outside the plot", outside);

    /* With a legend and fitted range: the data fit, the legend sits right of the plot. */
    ui_clear(d, ui_draw_theme(d)->bg);
    spec.y_min = spec.y_max = 0.0;
    spec.no_legend = 0;
    ui_chart_lines(d, (SDL_FRect){40, 30, 820, 440}, &spec, &se, 1, &g);
    CHECK(g.y_min <= -300.0 + 1e-9 && g.y_max >= 400.0 - 1e-9);
    CHECK(g.legend.w > 0 && g.legend.x >= g.plot.x + g.plot.w);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

static void test_game_charts(void)
{
    SimWorld *w = ut_world(6);
    if (!w)
        return;
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(1280, 800, err, sizeof err);
    UiChartGeom g[UI_N_CHARTS];
    ui_tr_missing_reset();
    CHECK_MSG(ui_render_charts(s, w, w->turn, 1.0, g, err, sizeof err) == 0, "%s", err);
    /* The hub's demand beside its revenue, and its default risk, are on the picture. */
    CHECK(ui_tr_asked("chart.obligations.demand") == 1 && ui_tr_asked("chart.risk.title") == 1);
    ut_check_no_keys("charts", 1280, 800);
    ut_keep_png(s, "charts", 1280, 800);
    /* Prices on top, obligations below, both with room to read. */
    CHECK(g[0].plot.w > 600 && g[0].plot.h > 200);
    CHECK(g[1].plot.y > g[0].plot.y + g[0].plot.h);
    CHECK(g[0].y_min <= 100.0 && g[0].y_max >= 100.0);
    CHECK(g[1].y_min == 0.0);
    /* Every line starts at 100 on the left edge of the plot: some actor's colour is there. */
    float x0 = g[0].plot.x,
          y100 = g[0].plot.y + g[0].plot.h -
                 (float)((100.0 - g[0].y_min) / (g[0].y_max - g[0].y_min)) * g[0].plot.h;
    int lit = 0;
    for (int dy = -3; dy <= 3; dy++)
        for (int dx = 1; dx <= 3; dx++)
            for (int i = 0; i < w->n; i++)
                lit += ut_near(ut_pixel(s, (int)x0 + dx, (int)y100 + dy),
                               ui_chart_actor_color(w, i), 12);
    CHECK(lit > 0);
    /* Every line colour of the prices chart stays within the plot or the legend. */
    int outside = 0;
    for (int py = (int)g[0].plot.y; py < (int)(g[0].plot.y + g[0].plot.h); py++)
        for (int px = 0; px < (int)g[0].plot.x - 4; px++)
            outside += ut_near(ut_pixel(s, px, py), ui_chart_actor_color(w, UT_BIG), 8);
    CHECK_MSG(outside == 0, "%d pixels of a line left of the plot", outside);
    /* Opening turn and out-of-range turns draw too. */
    CHECK(ui_render_charts(s, w, 0, 1.0, g, err, sizeof err) == 0);
    CHECK(ui_render_charts(s, w, 999, 0.7, NULL, err, sizeof err) == 0);
    SDL_FreeSurface(s);
    sim_world_destroy(w);
}

/* The hub's default risk: 0 at the bottom, a top above both its worst month and the level at
 * which lenders stop, its line in the colour of losses at its height, drawn with the words that
 * say what it measures. */
static void test_risk_chart(void)
{
    SimWorld *w = ut_world(6);
    if (!w)
        return;
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(700, 400, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d) {
        sim_world_destroy(w);
        return;
    }
    /* A hub at 30% all game long. */
    for (int t = 0; t <= w->turn; t++)
        w->snaps[(size_t)t * (size_t)w->n + UT_HUB].pd = 0.30;
    const UiTheme *th = ui_draw_theme(d);
    ui_clear(d, th->bg);
    ui_tr_missing_reset();
    UiChartGeom g;
    ui_chart_risk(d, (SDL_FRect){10, 10, 680, 380}, w, w->turn, &g);
    SDL_RenderPresent(r);
    ut_keep_png(s, "chart-risk", 700, 400);
    CHECK(ui_tr_asked("chart.risk.title") == 1 && ui_tr_asked("chart.risk.series") == 1 &&
          ui_tr_asked("chart.risk.lenders") == 1);
    ut_check_no_keys("risk chart", 700, 400);
    double stop = 100.0 * sim_value_ncdf(-w->sc->market.lender_dd);
    CHECK(g.y_min == 0.0 && g.y_max >= 30.0 && g.y_max >= stop && g.y_max <= 100.0);
    float y30 = g.plot.y + g.plot.h - (float)(30.0 / g.y_max) * g.plot.h;
    int lit = 0;
    for (int dy = -3; dy <= 3; dy++)
        lit += ut_near(ut_pixel(s, (int)(g.plot.x + g.plot.w / 2), (int)y30 + dy), th->down, 12);
    CHECK_MSG(lit > 0, "no risk line at 30%% (y %.0f)", (double)y30);
    SDL_DestroyRenderer(r);
    ui_draw_destroy(d);
    SDL_FreeSurface(s);
    sim_world_destroy(w);
}

/* The legend column with more series than it can hold: it names the first ones in
 * legend_order, counts the rest in a last "+N more" entry, stays inside the area, and its texts
 * do not overlap; with few series every one is named and there is no "+N more". */
static void test_legend_more(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(900, 500, err, sizeof err);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, 1.0, NULL, err, sizeof err);
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    enum { N = 30 };
    static double y[N][8];
    static char names[N][64];
    UiSeries se[N];
    int order[N];
    for (int k = 0; k < N; k++) {
        for (int x = 0; x < 8; x++)
            y[k][x] = 100.0 + k + x;
        snprintf(names[k], sizeof names[k], "Firm %02d Communications International Inc.", k);
        se[k] = (UiSeries){.name = names[k], .color = ui_rgba(0x56B4E9, 255), .y = y[k], .n = 8};
        order[k] = N - 1 - k; /* the last series first */
    }
    SDL_FRect area = {20, 20, 600, 300};
    UiChartSpec spec = {.title = "Many firms",
                        .month0 = -1,
                        .x_max = 7,
                        .yfmt = UI_Y_INDEX,
                        .ref_line = NAN,
                        .legend_order = order};
    UiTextTrace t[256];
    UiChartGeom g;
    ui_draw_trace(d, t, 256);
    ui_chart_lines(d, area, &spec, se, N, &g);
    int n = ui_draw_traced(d);
    ui_draw_trace(d, NULL, 0);
    CHECK_MSG(g.legend_shown >= 3 && g.legend_shown < N, "%d shown", g.legend_shown);
    CHECK(g.more.w > 0 && g.more.y + g.more.h <= area.y + area.h + 0.5f);
    CHECK(g.legend.x >= area.x && g.legend.x + g.legend.w <= area.x + area.w + 0.5f);
    CHECK(g.plot.x + g.plot.w <= g.legend.x);
    int saw_first = 0, saw_more = 0, saw_left_out = 0;
    char more[32];
    snprintf(more, sizeof more, "+%d more", N - g.legend_shown);
    for (int k = 0; k < n && k < 256; k++) {
        CHECK_MSG(t[k].box.x >= area.x - 0.5f && t[k].box.x + t[k].box.w <= area.x + area.w + 0.5f,
                  "\"%s\" leaves the chart", t[k].text);
        saw_first |= strstr(t[k].text, "Firm 29") == t[k].text;
        saw_more |= strcmp(t[k].text, more) == 0;
        saw_left_out |= strstr(t[k].text, "Firm 00") != NULL;
        for (int j = k + 1; j < n && j < 256; j++) {
            SDL_FRect a = t[k].box, b = t[j].box;
            CHECK_MSG(!(a.x + 1 < b.x + b.w && b.x + 1 < a.x + a.w && a.y + 1 < b.y + b.h &&
                        b.y + 1 < a.y + a.h),
                      "\"%s\" overlaps \"%s\"", t[k].text, t[j].text);
        }
    }
    CHECK(saw_first && saw_more && !saw_left_out);
    /* Few series: all named, no "+N more". */
    spec.legend_order = NULL;
    ui_chart_lines(d, area, &spec, se, 3, &g);
    CHECK(g.legend_shown == 3 && g.more.w == 0);
    SDL_DestroyRenderer(r);
    ui_draw_destroy(d);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_clipping();
    test_legend_more();
    test_game_charts();
    test_risk_chart();
    /* In Chinese (money as 亿美元 on the axes: wider ticks): the same plots, no key showing. */
    test_lang_use(CORE_LANG_ZH);
    test_game_charts();
    test_risk_chart();
    TEST_END();
}
