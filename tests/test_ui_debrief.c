/* test_ui_debrief: the debrief of a whole 2025 game (history strategies, one seat held by a
 * person who never acts), rendered headless at 1280x800 and 1920x1080 and checked at the pixels
 * that matter: the four charts in their quarters with their lines inside their axes, the score
 * table beside them with one row per role, best score first, each row showing its actor's colour,
 * and nothing drawn outside the screen. Also the headline for each way a game ends, and a PNG
 * file. UT_SAVE=DIR keeps the images for a look. */
#define _POSIX_C_SOURCE 200809L
#include "dat_scenario.h"
#include "sim_turn.h"
#include "sim_native.h"
#include "sim_verdict.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_chart.h"
#include "ui_debrief.h"
#include "ui_draw.h"
#include "ui_png.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static int overlap(SDL_FRect a, SDL_FRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Pixels of colour c (within tol) in r. */
static int count(SDL_Surface *s, SDL_FRect r, SDL_Color c, int tol)
{
    int n = 0;
    for (int y = (int)r.y; y < (int)(r.y + r.h); y++)
        for (int x = (int)r.x; x < (int)(r.x + r.w); x++)
            n += ut_near(ut_pixel(s, x, y), c, tol);
    return n;
}

static void check_debrief(const SimWorld *w, int W, int H, double scale)
{
    char err[256] = "";
    const int M = 24; /* a magenta margin that drawing must not reach */
    SDL_Surface *s = ui_png_surface(W + M, H + M, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 255, 0, 255));
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, scale, NULL, err, sizeof err);
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    UiDebriefGeom g;
    ui_tr_missing_reset();
    Uint64 t0 = SDL_GetPerformanceCounter();
    ui_debrief_draw(d, W, H, w, "D back to the game   S screenshot   Q quit", &g);
    SDL_RenderFlush(r);
    int asked_contract = ui_tr_asked("debrief.contract");
    double ms =
        1000.0 * (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
    /* A second draw has its text cached, as in the window; its texts are recorded: the seat a
     * person holds says so in its row, once (not the row above's strategy). */
    static UiTextTrace trace[2048];
    ui_draw_trace(d, trace, 2048);
    t0 = SDL_GetPerformanceCounter();
    ui_debrief_draw(d, W, H, w, "D back to the game   S screenshot   Q quit", &g);
    SDL_RenderFlush(r);
    double ms2 =
        1000.0 * (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
    printf("debrief %dx%d: first draw %.1f ms, next %.1f ms\n", W, H, ms, ms2);
    int n_trace = ui_draw_traced(d), persons = 0, n_people = 0;
    ui_draw_trace(d, NULL, 0);
    for (int k = 0; k < n_trace && k < 2048; k++)
        persons += strcmp(trace[k].text, ui_tr("debrief.by.person")) == 0;
    for (int i = 0; i < w->n; i++)
        n_people += sim_strategy_is_queued(&w->actors[i].strategy);
    CHECK_MSG(persons == n_people, "%d rows say a person, %d seats are people", persons, n_people);
    ut_check_no_keys("debrief", W, H);
    ut_keep_png(s, "debrief", W, H);

    /* The parts: charts on the left in four quarters, the table on the right, none overlapping;
     * what decided the game in a band between the headline and them, with text in it. */
    SDL_FRect screen = {0, 0, (float)W, (float)H};
    CHECK(rect_in(g.verdict, screen) && g.verdict.y >= g.headline.y + g.headline.h - 0.5f);
    CHECK(g.charts.y >= g.verdict.y + g.verdict.h && g.table.y >= g.verdict.y + g.verdict.h);
    CHECK_MSG(count(s, g.verdict, th->text, 40) > 300, "%dx%d: %d text pixels in the verdict", W, H,
              count(s, g.verdict, th->text, 40));
    CHECK(rect_in(g.charts, screen) && rect_in(g.table, screen) && rect_in(g.headline, screen));
    CHECK(!overlap(g.charts, g.table) && g.table.x > g.charts.x + g.charts.w * 0.9f);
    SDL_FRect area[4] = {g.prices, g.risk, g.exposure, g.circularity};
    for (int k = 0; k < 4; k++) {
        CHECK_MSG(rect_in(area[k], g.charts), "%dx%d: chart %d out of the charts' part", W, H, k);
        CHECK_MSG(rect_in(g.chart[k].plot, area[k]), "%dx%d: plot %d out of its quarter", W, H, k);
        /* (With four lines of verdict and a two-row legend, the flows chart keeps 17% of the
         * height: still readable at 1920x1080, looked at.) */
        /* (The exposure and circularity charts have their legends at the right: 14%.) */
        CHECK_MSG(g.chart[k].plot.w > (float)W * (k >= 2 ? 0.14f : 0.2f) &&
                      g.chart[k].plot.h > (float)H * 0.16f,
                  "%dx%d: plot %d is %.0fx%.0f", W, H, k, g.chart[k].plot.w, g.chart[k].plot.h);
        for (int j = 0; j < k; j++)
            CHECK(!overlap(area[j], area[k]));
    }
    /* Under the circularity chart, the figure by contract of the hub's vendors, when one has
     * it: on the screen, in the charts' part, below the chart and clear of the others. */
    int n_contract = 0;
    for (int i = 0; i < w->n; i++)
        n_contract += ui_circ_contract(w, i, w->turn, 1) >= 0.005;
    CHECK_MSG((g.contract.h > 0) == (n_contract > 0),
              "%dx%d: %d vendors with a figure by contract, "
              "note %.0f high",
              W, H, n_contract, g.contract.h);
    if (g.contract.h > 0) {
        CHECK(rect_in(g.contract, g.charts) && g.contract.y >= g.circularity.y + g.circularity.h);
        CHECK(!overlap(g.contract, g.exposure) && !overlap(g.contract, g.table));
        CHECK(asked_contract > 0);
    }
    /* Lines inside their axes: Nvidia's colour (not used by text) inside the prices, exposure and
     * circularity plots, and nowhere else in their quarters (the title, ticks and margins). */
    int nv = sim_scenario_find_actor(w->sc, "nvidia");
    SDL_Color nvc = ui_chart_actor_color(w, nv);
    int quarter[3] = {0, 2, 3};
    for (int q = 0; q < 3; q++) {
        int k = quarter[q];
        SDL_FRect p = g.chart[k].plot;
        /* In the prices chart every company has a line, and Nvidia's may lie under the others
         * for most of a short game: check the line of whichever of Nvidia and Microsoft shows
         * more of it. */
        SDL_Color c = nvc;
        if (k == 0) {
            SDL_Color mc = ui_chart_actor_color(w, sim_scenario_find_actor(w->sc, "microsoft"));
            if (count(s, p, mc, 6) > count(s, p, nvc, 6))
                c = mc;
        }
        int in = count(s, p, c, 6), all = count(s, area[k], c, 6);
        /* (A short game's line, crossed by the others and squeezed under the hub's, shows
         * fewer: 10 is still a line.) */
        CHECK_MSG(in > 10, "%dx%d: chart %d: %d line pixels in the plot", W, H, k, in);
        /* Anti-aliased edges may touch the axis pixel: allow the plot's border. */
        SDL_FRect grown = {p.x - 2, p.y - 2, p.w + 4, p.h + 4};
        int near = count(s, grown, c, 6);
        /* The legend's swatch of that colour is the other place it may be (exposure and
         * circularity name their lines, issue 14). */
        if (g.chart[k].legend.w > 0)
            near += count(s, g.chart[k].legend, c, 6);
        CHECK_MSG(k >= 2 ? g.chart[k].legend.w > 0 : 1, "%dx%d: chart %d has no legend", W, H, k);
        CHECK_MSG(all == near, "%dx%d: chart %d: %d line pixels outside the plot", W, H, k,
                  all - near);
    }
    /* The risk chart draws the hub's default probability, from 0, in the colour of losses
     * inside its plot, and the level where lenders stop. */
    CHECK(g.chart[1].y_min == 0.0 &&
          g.chart[1].y_max >= 100.0 * sim_value_ncdf(-w->sc->market.lender_dd));
    CHECK_MSG(count(s, g.chart[1].plot, th->down, 6) > 40, "%dx%d: risk line pixels %d", W, H,
              count(s, g.chart[1].plot, th->down, 6));

    /* The score table: every role, best first, in the table, each row with its colour swatch. */
    CHECK_MSG(g.n_rows == w->n, "%d rows for %d roles", g.n_rows, w->n);
    for (int k = 0; k < g.n_rows; k++) {
        CHECK(rect_in(g.row[k], g.table));
        if (k > 0) {
            CHECK(sim_score(w, g.order[k - 1]) >= sim_score(w, g.order[k]));
            CHECK(g.row[k].y >= g.row[k - 1].y + g.row[k - 1].h - 0.5f);
        }
        SDL_Color c = ui_chart_actor_color(w, g.order[k]);
        int sw = count(s, g.row[k], c, 3);
        CHECK_MSG(sw > 60, "%dx%d: row %d (%s): %d swatch pixels", W, H, k,
                  w->sc->actors[g.order[k]].id, sw);
        /* And text: light pixels. */
        CHECK(count(s, g.row[k], th->text, 40) > 100);
    }
    /* The headline in large type: many light or coloured pixels in its band. */
    CHECK(count(s, g.headline, th->bg, 8) < (int)(g.headline.w * g.headline.h * 0.97f));

    /* Nothing outside the screen: the margin is still magenta. */
    int stray = 0;
    for (int y = 0; y < H + M; y++)
        for (int x = 0; x < W + M; x++)
            if ((x >= W || y >= H) && !ut_near(ut_pixel(s, x, y), (SDL_Color){255, 0, 255, 255}, 0))
                stray++;
    CHECK_MSG(stray == 0, "%dx%d: %d pixels outside the screen", W, H, stray);
    /* The window's path keeps the picture as a layer: the first draw makes it, the next ones
     * copy it, and the table's swatches are where the direct draw put them. */
    double kept = 0;
    for (int k = 0; k < 3; k++) {
        t0 = SDL_GetPerformanceCounter();
        ui_debrief_draw(d, W, H, w, "D back to the game   S screenshot   Q quit", NULL);
        SDL_RenderFlush(r);
        kept = 1000.0 * (double)(SDL_GetPerformanceCounter() - t0) /
               (double)SDL_GetPerformanceFrequency();
    }
    printf("debrief %dx%d: a frame from the kept layer %.2f ms\n", W, H, kept);
    CHECK(count(s, g.row[0], ui_chart_actor_color(w, g.order[0]), 3) > 60);
    const char *keep = getenv("UT_SAVE");
    if (keep && *keep) {
        char fn[512];
        snprintf(fn, sizeof fn, "%s/debrief-%dx%d.png", keep, W, H);
        IMG_SavePNG(s, fn);
    }
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

static void check_headlines(SimWorld *w)
{
    char buf[256];
    SimEndReason was = w->end;
    int turn = w->turn;
    w->end = SIM_END_DEFAULT;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "OpenAI defaulted in") != NULL);
    w->end = SIM_END_TARGET;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "compute goal") != NULL);
    w->end = SIM_END_HORIZON;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "calendar ran out") != NULL);
    w->end = SIM_END_TURN_LIMIT;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "Stopped after") != NULL);
    w->end = SIM_END_NONE;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "Still playing") != NULL);
    w->turn = 0;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "Not started") != NULL);
    w->turn = turn;
    w->end = was;
}

/* The headlines in Chinese: each end its own sentence, the hub by its name, no key. */
static void check_headlines_zh(SimWorld *w)
{
    char buf[256];
    SimEndReason was = w->end;
    int turn = w->turn;
    static const struct {
        SimEndReason end;
        const char *has;
    } want[] = {{SIM_END_DEFAULT, "OpenAI在"}, {SIM_END_DEFAULT, "违约"},
                {SIM_END_TARGET, "算力目标"},  {SIM_END_HORIZON, "日历"},
                {SIM_END_TURN_LIMIT, "停止"},  {SIM_END_NONE, "进行中"}};
    ui_tr_missing_reset();
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        w->end = want[k].end;
        ui_debrief_headline(w, buf, sizeof buf);
        CHECK_MSG(strstr(buf, want[k].has) != NULL && strstr(buf, "年") != NULL, "headline %d: %s",
                  (int)want[k].end, buf);
    }
    w->turn = 0;
    CHECK(strstr(ui_debrief_headline(w, buf, sizeof buf), "尚未开始") != NULL);
    ut_check_no_keys("headlines", 0, 0);
    w->turn = turn;
    w->end = was;
}

/* What decided the game, as the screen says it: for a game that survives and one that defaults
 * (the first history seed that does), the lines and their labels in both languages, with the
 * tipping deal's counterparty and month; then the default's whole screen drawn and checked. */
/* The first history game of seeds 1-60 that ends as `end` says (a default, or not), or NULL. */
static SimWorld *history_game(const SimScenario *sc, int defaulted)
{
    char err[512];
    for (uint64_t seed = 1; seed <= 60; seed++) {
        SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
        for (int i = 0; w && i < w->n; i++) {
            SimStrategy s;
            sim_strategy_history(&s);
            sim_world_set_strategy(w, i, s);
        }
        if (w && sim_turn_start(w, err, sizeof err) == 0 &&
            sim_turn_run(w, -1, err, sizeof err) >= 0 && (w->end == SIM_END_DEFAULT) == defaulted)
            return w;
        sim_world_destroy(w);
    }
    return NULL;
}

static void check_verdict(const SimWorld *any)
{
    UiDebriefVerdict v;
    SimVerdict sv;
    SimWorld *survivor = history_game(any->sc, 0);
    CHECK_MSG(survivor != NULL, "no history seed in 1-60 survives");
    if (survivor) {
        sim_verdict(survivor, &sv);
        ui_debrief_verdict(survivor, &v);
        CHECK_MSG(!sv.defaulted && v.n == 3, "%d lines", v.n);
        CHECK(strcmp(v.label[0], "The world drawn") == 0 && strstr(v.text[0], "percentile"));
        CHECK(strcmp(v.label[1], "What added most") == 0 && strstr(v.text[1], "of market value"));
        CHECK(strstr(v.text[2], "did not default") != NULL);
        sim_world_destroy(survivor);
    }
    SimWorld *w = history_game(any->sc, 1);
    CHECK_MSG(w != NULL, "no history seed in 1-60 defaults");
    if (!w)
        return;
    sim_verdict(w, &sv);
    const SimDeal *d = sv.tipping_deal >= 0 ? &w->deals[sv.tipping_deal] : NULL;
    CHECK(d != NULL);
    if (!d) {
        sim_world_destroy(w);
        return;
    }
    int other = d->t.payer == w->sc->hub ? d->t.payee : d->t.payer;
    char mon[32];
    core_tr_month(w->sc->start + sv.tipping_turn, mon, sizeof mon);
    ui_debrief_verdict(w, &v);
    /* Four lines, and a fifth since the cascade (sim_cascade): the failures in their order, each
     * with its systemic weight, and the weight of those still standing. */
    CHECK_MSG(v.n == 5, "%d lines", v.n);
    CHECK(strcmp(v.label[4], "The failures") == 0 &&
          strstr(v.text[4], w->sc->actors[w->sc->hub].name) && strstr(v.text[4], "1st") &&
          strstr(v.text[4], "weight now"));
    CHECK(strcmp(v.label[1], "What tipped it") == 0 &&
          strstr(v.text[1], w->sc->actors[other].name) && strstr(v.text[1], mon) &&
          strstr(v.text[1], "default probability"));
    CHECK(strcmp(v.label[2], "Funding") == 0 && strstr(v.text[2], "dried up in"));
    CHECK(strcmp(v.label[3], "The market") == 0 && strstr(v.text[3], "saw it coming"));
    ut_check_no_keys("verdict", 0, 0);
    check_debrief(w, 1280, 800, 1.0);
    test_lang_use(CORE_LANG_ZH);
    ui_debrief_verdict(w, &v);
    core_tr_month(w->sc->start + sv.tipping_turn, mon, sizeof mon);
    CHECK(v.n == 5 && strcmp(v.label[4], "倒下的顺序") == 0 && strstr(v.text[4], "第1"));
    CHECK(strcmp(v.label[1], "压垮局面的交易") == 0 && strstr(v.text[1], mon) &&
          strstr(v.text[1], core_tr_content(w->sc->actors[other].name)));
    CHECK(strstr(v.text[0], "百分位") && strstr(v.text[2], "资金枯竭") &&
          strstr(v.text[3], "预料"));
    for (int k = 0; k < v.n; k++)
        CHECK_MSG(!strstr(v.text[k], "$") && !strstr(v.text[k], "debrief."), "%s", v.text[k]);
    ut_check_no_keys("verdict", 0, 0);
    check_debrief(w, 1920, 1080, 1.5);
    test_lang_use(CORE_LANG_EN);
    sim_world_destroy(w);
}

/* Whether a text drawn (per the trace) holds needle. */
static int traced(const UiTextTrace *t, int n, const char *needle)
{
    for (int k = 0; k < n; k++)
        if (strstr(t[k].text, needle))
            return 1;
    return 0;
}

/* The debrief of a game still going (month 1) says "so far", not "at the end"; at the end it
 * says "at the end". In the reader's language. */
static void check_so_far(const SimWorld *over)
{
    char err[256] = "";
    SimWorld *w = ut_history_world(over->sc, 3);
    if (!w)
        return;
    CHECK(sim_turn_step(w, err, sizeof err) == 0);
    int zh = core_tr_lang() == CORE_LANG_ZH;
    const char *now = zh ? "目前的市场情绪" : "Sentiment so far",
               *end = zh ? "结束时" : "at the end";
    SDL_Surface *s = ui_png_surface(1920, 1200, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    static UiTextTrace t[600];
    for (int k = 0; d && k < 2; k++) {
        const SimWorld *x = k == 0 ? w : over;
        ui_draw_trace(d, t, 600);
        ui_debrief_draw(d, 1920, 1200, x, "D back", NULL);
        int n = ui_draw_traced(d) < 600 ? ui_draw_traced(d) : 600;
        ui_draw_trace(d, NULL, 0);
        CHECK_MSG(traced(t, n, now) == (k == 0), "%s: \"%s\" %s", k ? "the end" : "month 1", now,
                  k ? "shown" : "missing");
        CHECK_MSG(traced(t, n, end) == (k == 1), "%s: \"%s\" %s", k ? "the end" : "month 1", end,
                  k ? "missing" : "shown");
    }
    ui_draw_destroy(d);
    if (r)
        SDL_DestroyRenderer(r);
    if (s)
        SDL_FreeSurface(s);
    sim_world_destroy(w);
}

/* The worlds like this one: while they are played, "computing" with the count; then a band
 * under the charts (clear of them and of the table) with the bars, this game's outlined, the
 * sentence and the line on the person's seat; at 1280x720 and 1920x1080. */
static void check_worlds(const SimWorld *w, int W, int H, double scale)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    UiDebriefWorlds wd;
    memset(&wd, 0, sizeof wd);
    wd.total = UI_DEBRIEF_WORLDS;
    wd.done = 37;
    wd.horizon = w->turns;
    int person = sim_scenario_find_actor(w->sc, "google");
    wd.people = (uint64_t)1 << person;
    UiDebriefGeom g;
    ui_debrief_draw_worlds(d, W, H, w, NULL, &wd, &g);
    CHECK_MSG(strstr(g.worlds_text, "37/100") != NULL, "progress: '%s'", g.worlds_text);
    CHECK(g.worlds.h > 0 && g.worlds_mark.w == 0);
    /* All played: a third broke, spread over the calendar. */
    wd.done = UI_DEBRIEF_WORLDS;
    for (int k = 0; k < UI_DEBRIEF_WORLDS; k++)
        wd.broke[k] = k % 3 == 0 ? 1 + (k * 7) % w->turns : 0;
    ui_debrief_draw_worlds(d, W, H, w, NULL, &wd, &g);
    SDL_RenderFlush(r);
    SDL_FRect screen = {0, 0, (float)W, (float)H};
    CHECK(rect_in(g.worlds, screen) && rect_in(g.worlds, g.charts));
    CHECK(!overlap(g.worlds, g.table) && !overlap(g.worlds, g.exposure) &&
          !overlap(g.worlds, g.circularity) && !overlap(g.worlds, g.contract));
    CHECK_MSG(g.worlds_mark.w > 0 && rect_in(g.worlds_mark, g.worlds), "%dx%d: no mark", W, H);
    char want[600];
    ui_debrief_worlds_sentence(w, &wd, want, sizeof want);
    CHECK_MSG(strcmp(g.worlds_text, want) == 0 && strstr(want, "100") != NULL, "'%s'",
              g.worlds_text);
    CHECK_MSG(strstr(g.worlds_people, core_tr_content(w->sc->actors[person].name)) != NULL, "'%s'",
              g.worlds_people);
    /* The bars: the worlds that held in the colour of gains, those that broke in that of
     * losses, inside the band. */
    CHECK_MSG(count(s, g.worlds, th->up, 6) > 100, "%dx%d: held bar %d px", W, H,
              count(s, g.worlds, th->up, 6));
    CHECK(count(s, g.worlds, th->down, 6) > 20);
    ut_check_no_keys("worlds", W, H);
    const char *keep = getenv("UT_SAVE");
    if (keep && *keep) {
        char fn[512];
        snprintf(fn, sizeof fn, "%s/debrief-worlds-%dx%d.png", keep, W, H);
        IMG_SavePNG(s, fn);
    }
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    SimWorld *w = sim_world_create(sc, sc->default_seed, err, sizeof err);
    sim_scenario_free(sc);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        TEST_END();
    /* The 2025 scenario's own words (GW, compute) over the engine's, as the program puts them. */
    core_tr_overlay((const CoreText *const *)w->sc->lang_strings,
                    (const CoreText *const *)w->sc->lang_content);
    int person = sim_scenario_find_actor(w->sc, "google");
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        CHECK(i == person ? sim_strategy_native("human", &s) == 0 : sim_strategy_history(&s) == 0);
        sim_world_set_strategy(w, i, s);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    CHECK_MSG(sim_turn_run(w, -1, err, sizeof err) >= 0, "%s", err);
    CHECK(w->end != SIM_END_NONE);
    check_headlines(w);
    check_verdict(w);
    check_so_far(w);
    check_debrief(w, 1280, 800, 1.0);
    check_debrief(w, 1920, 1080, 1.5);
    check_debrief(w, 1920, 1080, 1.35);
    check_worlds(w, 1280, 720, 1.0);
    check_worlds(w, 1920, 1080, 1.5);
    /* In Chinese: the same checks, and no key shows. */
    test_lang_use(CORE_LANG_ZH);
    check_headlines_zh(w);
    check_so_far(w);
    check_debrief(w, 1280, 800, 1.0);
    check_debrief(w, 1920, 1080, 1.5);
    check_worlds(w, 1280, 720, 1.0);
    test_lang_use(CORE_LANG_EN);

    /* Before the first month (D pressed at once): the opening state, a row per role. */
    {
        SimWorld *w0 = sim_world_create(w->sc, 3, err, sizeof err);
        CHECK_MSG(w0 != NULL, "%s", err);
        SDL_Surface *s0 = w0 ? ui_png_surface(1280, 800, err, sizeof err) : NULL;
        UiDebriefGeom g0;
        CHECK(s0 && ui_render_debrief(s0, w0, 1.0, &g0, err, sizeof err) == 0);
        CHECK(g0.n_rows == w0->n && rect_in(g0.chart[0].plot, g0.prices));
        if (s0)
            SDL_FreeSurface(s0);
        if (w0)
            sim_world_destroy(w0);
    }

    /* The PNG file. */
    char dir[] = "/tmp/cl_ui_debrief_XXXXXX", path[512];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/debrief.png", dir);
    CHECK_MSG(ui_png_write_debrief(w, 1920, 1080, 1.5, path, err, sizeof err) == 0, "%s", err);
    SDL_Surface *img = IMG_Load(path);
    CHECK_MSG(img && img->w == 1920 && img->h == 1080, "%s", IMG_GetError());
    if (img)
        SDL_FreeSurface(img);
    remove(path);
    rmdir(dir);
    core_tr_overlay(NULL, NULL);
    sim_world_destroy(w);
    TEST_END();
}
