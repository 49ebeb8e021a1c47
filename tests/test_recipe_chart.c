/* test_recipe_chart: the recipe "a new chart" of docs/architecture.md, tried. This test and the
 * sim/, data/ and ui/ it links are built with two rows more than the game has, each added as the
 * recipe says and nothing else: UI_TEST_EXTRA_CHART adds a chart row to ui_panel.h (a chart of
 * the existing series due_12m, titled "chart.due.title"), SIM_TEST_EXTRA_SERIES adds a series row
 * to sim_series.h (compute_total, computed from two others). It checks that the new series is
 * filled every month, saved and read back by name (and refused when a save lacks it, derived
 * when a version 3 save could not have it), and that the new chart is laid out, titled and drawn
 * on the charts sheet and on the game screen's panel, between the charts it was put between. */
#include "dat_save.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_png.h"
#include "ui_screen.h"

#include <stdlib.h>
#include <string.h>

#ifndef UI_TEST_EXTRA_CHART
#error "test_recipe_chart is built with -DUI_TEST_EXTRA_CHART -DSIM_TEST_EXTRA_SERIES"
#endif

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static int total_ok(const SimWorld *w, int k)
{
    for (int t = 0; t <= w->turn; t++)
        for (int i = 0; i < w->n; i++) {
            const SimSnap *s = sim_snap(w, t, i);
            if (sim_series_get(s, k) != s->compute_owned + s->compute_contracted)
                return 0;
        }
    return 1;
}

static int same_snaps(const SimWorld *a, const SimWorld *b)
{
    if (a->turn != b->turn || a->n != b->n)
        return 0;
    for (int t = 0; t <= a->turn; t++)
        for (int i = 0; i < a->n; i++)
            for (int k = 0; k < SIM_N_SERIES; k++) {
                double x = sim_series_get(sim_snap(a, t, i), k),
                       y = sim_series_get(sim_snap(b, t, i), k);
                if (memcmp(&x, &y, sizeof x) != 0)
                    return 0;
            }
    return 1;
}

/* Copies the row [a,b,...,z] at p to *o as [z,a,b,...]; returns p's closing ']'. */
static const char *rotate(const char *p, char **o)
{
    const char *end = strchr(p, ']'), *last = end;
    while (last[-1] != ',')
        last--;
    char *q = *o;
    *q++ = '[';
    memcpy(q, last, (size_t)(end - last));
    q += end - last;
    *q++ = ',';
    memcpy(q, p + 1, (size_t)(last - 1 - (p + 1)));
    *o = q + (last - 1 - (p + 1));
    return end;
}

/* Copies p up to `to` into *o; returns `to`. */
static const char *copy_to(const char *p, const char *to, char **o)
{
    memcpy(*o, p, (size_t)(to - p));
    *o += to - p;
    return to;
}

/* The save text with the last series moved first: in the list of names and in every row of
 * the snapshots (rows of numbers, no nesting), as another program might write it. The text
 * itself, not a JSON library's reprint: the books are checked to the bit. */
static char *move_last_first(const char *text)
{
    char *out = malloc(strlen(text) + 1), *o = out;
    const char *p = text, *series = strstr(text, "\"series\":[");
    if (!out || !series)
        return free(out), NULL;
    p = rotate(copy_to(p, series + strlen("\"series\":"), &o), &o);
    for (const char *row; (row = strstr(p, "\"actors\":[[")) != NULL;) {
        p = copy_to(p, row + strlen("\"actors\":["), &o);
        while (*p == '[') {
            p = rotate(p, &o);
            *o++ = *p++; /* the row's ']' */
            if (*p == ',')
                *o++ = *p++;
        }
    }
    strcpy(o, p);
    return out;
}

/* The new series: one row more in the table, filled by the month, saved and read by name. */
static void test_series(void)
{
    int k = sim_series_find("compute_total");
    CHECK(SIM_N_SERIES == 18 && k == SIM_N_SERIES - 1);
    if (k < 0)
        return;
    CHECK(sim_series[k].kind == SIM_SERIES_GW && !sim_series_is_int(&sim_series[k]));
    SimWorld *w = ut_world(6);
    if (w) {
        double sum = 0;
        for (int i = 0; i < w->n; i++)
            sum += sim_series_get(sim_snap(w, w->turn, i), k);
        CHECK(sum > 0 && total_ok(w, k));
        sim_world_destroy(w);
    }
    /* A version 3 save has no such series: it is computed as it is read. */
    char err[512] = "";
    DatSave v3, back;
    CHECK_MSG(dat_save_load(CL_TESTDATA "/save-v3.json", &v3, err, sizeof err) == 0, "%s", err);
    if (!v3.world)
        return;
    CHECK(total_ok(v3.world, k));
    /* Saved, it is a column of its own by name; read back, the same bits. */
    size_t len = 0;
    char *text = dat_save_text(&v3, &len, err, sizeof err);
    CHECK_MSG(text != NULL, "%s", err);
    if (!text) {
        dat_save_free(&v3);
        return;
    }
    CHECK(strstr(text, ",\"compute_total\"]") != NULL);
    CHECK_MSG(dat_save_parse(text, len, "extra.json", &back, err, sizeof err) == 0, "%s", err);
    if (back.world) {
        const SimWorld *a = v3.world, *b = back.world;
        CHECK(b->turn == a->turn && total_ok(b, k));
        CHECK(same_snaps(a, b));
        CHECK(sim_world_hash(a) == sim_world_hash(b));
        dat_save_free(&back);
    }
    /* Read by name, not by place: its column moved first, the same snapshots. */
    char *moved = move_last_first(text);
    CHECK(moved && strstr(moved, "\"series\":[\"compute_total\",\"cash\","));
    CHECK_MSG(moved &&
                  dat_save_parse(moved, strlen(moved), "moved.json", &back, err, sizeof err) == 0,
              "%s", err);
    if (back.world) {
        CHECK(same_snaps(v3.world, back.world));
        dat_save_free(&back);
    }
    free(moved);
    free(text);
    dat_save_free(&v3);
    /* A save of the game without it (version 4) lacks a series this build has: refused. */
    CHECK(dat_save_load(CL_TESTDATA "/badsave/base.json", &back, err, sizeof err) < 0);
    CHECK_MSG(strstr(err, "$.world.series: expected the series \"compute_total\" too") != NULL,
              "%s", err);
}

/* The new chart: one row more in ui_panel's table, between the obligations and the risk. */
static void test_chart(void)
{
    CHECK(UI_N_CHARTS == 5 && UI_CHART_DUE == UI_CHART_OBLIGATIONS + 1 &&
          UI_CHART_RISK == UI_CHART_DUE + 1);
    const UiPanelChart *c = &ui_panel_charts[UI_CHART_DUE];
    CHECK(strcmp(c->name, "due") == 0 && strcmp(c->title, "chart.due.title") == 0 &&
          strcmp(c->series, "due_12m") == 0 && c->draw == NULL);
    SimWorld *w = ut_world(6);
    if (!w)
        return;
    char err[256] = "";

    /* The charts sheet: prices on top; obligations, the new chart, risk and gauge below. */
    SDL_Surface *s = ui_png_surface(1920, 1080, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    UiChartGeom g[UI_N_CHARTS];
    memset(g, 0, sizeof g);
    ui_tr_missing_reset();
    CHECK_MSG(ui_render_charts(s, w, w->turn, 1.5, g, err, sizeof err) == 0, "%s", err);
    CHECK(ui_tr_asked("chart.due.title") == 1);
    ut_check_no_keys("recipe charts", 1920, 1080);
    ut_keep_png(s, "recipe-charts", 1920, 1080);
    SDL_FRect due = g[UI_CHART_DUE].plot, obl = g[UI_CHART_OBLIGATIONS].plot,
              risk = g[UI_CHART_RISK].plot, prices = g[UI_CHART_PRICES].plot;
    CHECK_MSG(due.w > 150 && due.h > 150, "due plot %.0fx%.0f", due.w, due.h);
    CHECK(due.y > prices.y + prices.h && due.x > obl.x + obl.w && due.x + due.w < risk.x);
    CHECK(rect_in(due, (SDL_FRect){0, 0, 1920, 1080}));
    /* Its lines are drawn: the hub owes most within the year, in its colour, in the plot. */
    CHECK(g[UI_CHART_DUE].y_max >= sim_snap(w, w->turn, UT_HUB)->due_12m);
    SDL_Color hub = ui_chart_actor_color(w, UT_HUB);
    int lit = 0;
    for (int py = (int)due.y; py < (int)(due.y + due.h); py++)
        for (int px = (int)due.x; px < (int)(due.x + due.w); px++)
            lit += ut_near(ut_pixel(s, px, py), hub, 12);
    CHECK_MSG(lit > 50, "%d pixels of the hub's line", lit);
    SDL_FreeSurface(s);

    /* The game screen's panel: a row of its own between the obligations and the risk. */
    s = ui_png_surface(1920, 1080, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(d && m, "%s", err);
    if (d && m) {
        UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1};
        UiScreenGeom sg;
        ui_tr_missing_reset();
        CHECK_MSG(ui_screen_draw(d, m, 1920, 1080, w, w->turn, 0.3, &st, &sg, err, sizeof err) == 0,
                  "%s", err);
        SDL_RenderPresent(r);
        CHECK(ui_tr_asked("chart.due.title") == 1);
        ut_check_no_keys("recipe screen", 1920, 1080);
        ut_keep_png(s, "recipe-screen", 1920, 1080);
        SDL_FRect pd = sg.chart[UI_CHART_DUE].plot, po = sg.chart[UI_CHART_OBLIGATIONS].plot,
                  pr = sg.chart[UI_CHART_RISK].plot;
        CHECK(rect_in(pd, sg.slot[UI_CHART_DUE]) && rect_in(sg.slot[UI_CHART_DUE], sg.panel));
        CHECK(pd.y > po.y + po.h && pd.y + pd.h < pr.y && pd.h > 60);
        CHECK(rect_in(sg.slot[UI_CHART_GAUGE], sg.panel));
    }
    if (d)
        ui_draw_destroy(d);
    ui_map_destroy(m);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    sim_world_destroy(w);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_series();
    test_chart();
    test_lang_use(CORE_LANG_ZH);
    test_chart();
    TEST_END();
}
