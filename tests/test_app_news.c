/* test_app_news: the news log's data (app_news) and its view (ui_news).
 *
 * A game is played month by month with the log brought up to it after each month; the log then
 * has one header per month played, in month order, with the month's words; a month with nothing
 * told says "No news this month" (and only such a month does); the log built once at the end is
 * the same as the one built month by month; a game saved and loaded has the same log, entry for
 * entry. The filters: "deals" shows only deals, "defaults" only payments missed and defaults
 * (a game of tests/data/cascade.json has some), "my company" only entries that involve the
 * company, and nothing without one; a filtered view leaves out months with nothing for it. The
 * log in Chinese has the same entries, told in Chinese. A player's own outcomes: an offer
 * accepted is its proposer's, listed for that month and said in the second person. The view:
 * scrolling stops at month 1 and at the newest row (following again), a page, Home and End,
 * the scrollbar; drawn, Home shows row 0 and the newest view the last row. */
#define _POSIX_C_SOURCE 200809L
#include "app_news.h"
#include "app_save.h"
#include "core_text.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"
#include "ui_news.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Plays up to `turns` months, the log brought up to the world after each (as the window does). */
static void play(AppGame *g, AppNews *news, int turns)
{
    char err[512];
    for (int k = 0; k < turns; k++) {
        int rc = sim_turn_step(g->world, err, sizeof err);
        CHECK_MSG(rc >= 0, "%s", err);
        if (news)
            CHECK(app_news_sync(news, g->world) == 0);
        if (rc != 0)
            break;
    }
}

static int same_entries(const AppNews *a, const AppNews *b)
{
    if (app_news_count(a) != app_news_count(b))
        return 0;
    for (int i = 0; i < app_news_count(a); i++) {
        const AppNewsEntry *x = app_news_entry(a, i), *y = app_news_entry(b, i);
        if (x->month != y->month || x->kind != y->kind || x->cont != y->cont ||
            x->owner != y->owner || x->actors != y->actors || strcmp(x->text, y->text) != 0) {
            fprintf(stderr, "entry %d differs: '%s' / '%s'\n", i, x->text, y->text);
            return 0;
        }
    }
    return 1;
}

static int entries_of_month(const AppNews *n, int m)
{
    int c = 0;
    for (int i = 0; i < app_news_count(n); i++)
        c += app_news_entry(n, i)->month == m;
    return c;
}

/* The unfiltered view: a header per month in order, then its entries or the quiet line. */
static void test_months(void)
{
    const AppStrategyChoice all[] = {{"all", "passive"}};
    AppGame *g = test_game_new(NULL, 5, all, 1);
    AppNews *news = app_news_new();
    if (!g || !news)
        return;
    CHECK(app_news_sync(news, g->world) == 0);
    const UiNewsRow *rows;
    CHECK(app_news_rows(news, g->world, UI_NEWS_ALL, -1, 0, &rows) == 0); /* nothing played */
    const int months = 14;
    play(g, news, months);
    const SimWorld *w = g->world;
    CHECK(w->turn == months);
    int n = app_news_rows(news, w, UI_NEWS_ALL, -1, 0, &rows);
    int heads = 0, quiet_months = 0, at = -1;
    for (int i = 0; i < n; i++) {
        if (rows[i].kind != UI_NEWS_HEADER) {
            CHECK(rows[i].month == at);
            continue;
        }
        char want[48];
        core_tr_month(w->sc->start + heads, want, sizeof want);
        CHECK_MSG(strcmp(rows[i].text, want) == 0, "header %d: '%s', want '%s'", heads,
                  rows[i].text, want);
        CHECK(rows[i].month == heads);
        at = rows[i].month;
        /* Quiet says so, and only a quiet month. */
        int quiet = i + 1 < n && rows[i + 1].kind == UI_NEWS_QUIET;
        int told = entries_of_month(news, at);
        CHECK_MSG(quiet == (told == 0), "month %d: quiet %d with %d entries", at, quiet, told);
        CHECK(i + 1 < n && rows[i + 1].kind != UI_NEWS_HEADER); /* never a bare header */
        if (quiet) {
            CHECK(strcmp(rows[i + 1].text, core_tr("news.quiet")) == 0);
            quiet_months++;
        }
        heads++;
    }
    CHECK_MSG(heads == months, "%d headers for %d months", heads, months);
    CHECK_MSG(quiet_months > 0, "no quiet month in %d passive months", months);
    CHECK(quiet_months < months);

    /* Built once at the end: the same entries as month by month. */
    AppNews *once = app_news_new();
    CHECK(app_news_sync(once, w) == 0);
    CHECK(same_entries(news, once));
    /* A note of the app's goes under its month, in the unfiltered view only. */
    CHECK(app_news_note(once, 2, "A note of the app's") == 0);
    n = app_news_rows(once, w, UI_NEWS_ALL, -1, 0, &rows);
    int found = 0;
    for (int i = 0; i < n; i++)
        if (rows[i].kind == UI_NEWS_NOTE && strcmp(rows[i].text, "A note of the app's") == 0)
            found = rows[i].month == 2;
    CHECK(found);
    n = app_news_rows(once, w, UI_NEWS_DEALS, -1, 0, &rows);
    for (int i = 0; i < n; i++)
        CHECK(rows[i].kind != UI_NEWS_NOTE);
    app_news_free(once);
    app_news_free(news);
    app_game_free(g);
}

/* Each filtered view holds exactly the entries that pass, under their months' headers. */
static void check_filter(AppNews *news, const SimWorld *w, UiNewsFilter f, int me)
{
    const UiNewsRow *rows;
    int n = app_news_rows(news, w, f, me, 0, &rows), passed = 0, shown = 0;
    for (int i = 0; i < app_news_count(news); i++)
        passed += app_news_pass(app_news_entry(news, i), f, me);
    for (int i = 0; i < n; i++) {
        if (rows[i].kind == UI_NEWS_HEADER) {
            CHECK_MSG(i + 1 < n && rows[i + 1].kind != UI_NEWS_HEADER, "filter %s: empty month",
                      ui_news_filter_id(f));
            continue;
        }
        if (rows[i].kind == UI_NEWS_QUIET) { /* unfiltered: a quiet month; else: nothing */
            CHECK(f == UI_NEWS_ALL || (passed == 0 && n == 1));
            continue;
        }
        shown++;
        if (f == UI_NEWS_DEALS)
            CHECK(rows[i].kind == UI_NEWS_DEAL);
        if (f == UI_NEWS_DEFAULTS)
            CHECK(rows[i].kind == UI_NEWS_LOSS);
    }
    CHECK_MSG(shown == passed, "filter %s: %d rows for %d entries", ui_news_filter_id(f), shown,
              passed);
}

static void test_filters(void)
{
    AppGame *g = test_game_new(CL_TESTDATA "/cascade.json", 1, NULL, 0);
    AppNews *news = app_news_new();
    if (!g || !news)
        return;
    play(g, news, 60);
    const SimWorld *w = g->world;
    int deals = 0, losses = 0, total = app_news_count(news);
    for (int i = 0; i < total; i++) {
        deals += app_news_entry(news, i)->kind == UI_NEWS_DEAL;
        losses += app_news_entry(news, i)->kind == UI_NEWS_LOSS;
    }
    CHECK_MSG(deals > 0 && losses > 0 && deals + losses < total, "deals %d losses %d of %d", deals,
              losses, total);
    for (int f = 0; f < UI_NEWS_FILTERS; f++)
        for (int me = -1; me < w->n; me++)
            check_filter(news, w, (UiNewsFilter)f, me);
    /* My company: what involves it, and the others' news left out. */
    int me = 0, mine = 0, others = 0;
    for (int i = 0; i < total; i++) {
        const AppNewsEntry *e = app_news_entry(news, i);
        int in = (int)((e->actors >> me) & 1) || e->owner == me;
        CHECK(app_news_pass(e, UI_NEWS_MINE, me) == in);
        CHECK(!app_news_pass(e, UI_NEWS_MINE, -1));
        mine += in;
        others += !in;
    }
    CHECK(mine > 0 && others > 0);
    const UiNewsRow *rows;
    int n = app_news_rows(news, w, UI_NEWS_MINE, -1, 0, &rows);
    CHECK(n == 1 && rows[0].kind == UI_NEWS_QUIET);
    /* The people's outcomes are marked, nobody else's. */
    n = app_news_rows(news, w, UI_NEWS_ALL, me, (uint64_t)1 << me, &rows);
    int marked = 0;
    for (int i = 0; i < n; i++)
        marked += rows[i].yours;
    int owned = 0;
    for (int i = 0; i < total; i++)
        owned += app_news_entry(news, i)->owner == me;
    CHECK(marked == owned);
    app_news_free(news);
    app_game_free(g);
}

/* A game saved and loaded has the same log; the log in Chinese has the same entries. */
static void test_save_and_language(void)
{
    const AppStrategyChoice all[] = {{"all", "playbook"}};
    AppGame *g = test_game_new(NULL, 7, all, 1);
    AppNews *news = app_news_new(), *loaded = app_news_new();
    if (!g || !news || !loaded)
        return;
    play(g, news, 9);
    char dir[] = "/tmp/test_app_news.XXXXXX", path[600], err[1024];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/game.json", dir);
    CHECK_MSG(app_game_save(g, path, err, sizeof err) == 0, "%s", err);
    int status;
    AppGame *h = app_game_load(path, NULL, &status, err, sizeof err);
    CHECK_MSG(h != NULL, "%s", err);
    if (h) {
        CHECK(app_news_sync(loaded, h->world) == 0);
        CHECK(app_news_count(news) > 20);
        CHECK(same_entries(news, loaded));
        /* And the rows drawn from it. */
        const UiNewsRow *ra, *rb;
        int na = app_news_rows(news, g->world, UI_NEWS_ALL, -1, 0, &ra);
        char **texts = calloc((size_t)(na > 0 ? na : 1), sizeof *texts);
        for (int i = 0; i < na; i++)
            texts[i] = strdup(ra[i].text);
        int nb = app_news_rows(loaded, h->world, UI_NEWS_ALL, -1, 0, &rb);
        CHECK(na == nb);
        for (int i = 0; i < na && i < nb; i++)
            CHECK(strcmp(texts[i], rb[i].text) == 0 && ra[i].kind == rb[i].kind);
        for (int i = 0; i < na; i++)
            free(texts[i]);
        free(texts);
        app_game_free(h);
    }
    unlink(path);
    rmdir(dir);

    /* In Chinese: built again (another language), the same entries in Chinese words. */
    int count = app_news_count(news);
    test_lang_use(CORE_LANG_ZH);
    CHECK(app_news_sync(news, g->world) == 0);
    CHECK_MSG(app_news_count(news) == count, "%d entries in Chinese, %d in English",
              app_news_count(news), count);
    int chinese = 0;
    for (int i = 0; i < app_news_count(news); i++) {
        const char *t = app_news_entry(news, i)->text;
        CHECK(strchr(t, '{') == NULL);
        for (const unsigned char *c = (const unsigned char *)t; *c; c++)
            if (*c >= 0xE4 && *c <= 0xE9) {
                chinese++;
                break;
            }
    }
    CHECK(chinese > count / 2);
    const UiNewsRow *rows;
    int n = app_news_rows(news, g->world, UI_NEWS_ALL, -1, 0, &rows);
    CHECK(n > 0 && rows[0].kind == UI_NEWS_HEADER && strstr(rows[0].text, "年") != NULL);
    test_lang_use(CORE_LANG_EN);
    app_news_free(news);
    app_news_free(loaded);
    app_game_free(g);
}

/* The player's own outcomes: an offer accepted is its proposer's. */
static void test_yours(void)
{
    const AppStrategyChoice all[] = {{"all", "playbook"}};
    AppGame *g = test_game_new(NULL, 3, all, 1);
    if (!g)
        return;
    play(g, NULL, 12);
    const SimWorld *w = g->world;
    int checked = 0;
    for (int k = 0; k < w->n_events && !checked; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind != SIM_LOG_ACCEPTED || e->deal < 0)
            continue;
        const SimDeal *d = &w->deals[e->deal];
        if (d->t.payee == SIM_WORLD || strncmp(d->tag, "lease:", 6) == 0)
            continue;
        CHECK(ui_news_owner(w, e) == d->proposer);
        int list[8], n = ui_news_yours(w, d->proposer, e->turn, list, 8), in = 0;
        for (int i = 0; i < n; i++) {
            in |= list[i] == k;
            CHECK(w->events[list[i]].turn == e->turn);
            CHECK(ui_news_owner(w, &w->events[list[i]]) == d->proposer);
        }
        CHECK(in);
        char text[1200];
        ui_news_yours_text(w, e, text, sizeof text);
        CHECK_MSG(strstr(text, "accepted your offer") != NULL &&
                      strstr(text, core_tr_content(w->sc->actors[e->actor].name)) != NULL,
                  "%s", text);
        CHECK(strchr(text, '{') == NULL);
        checked = 1;
    }
    CHECK_MSG(checked, "no offer accepted in 12 months");
    /* A price's reaction is nobody's outcome. */
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_REACTION)
            CHECK(ui_news_owner(w, &w->events[k]) == -1);
    app_game_free(g);
}

/* The view: limits, pages, Home and End; drawn, what is on show. */
static void test_view(void)
{
    UiNewsView v = ui_news_view_new();
    UiNewsGeom g;
    memset(&g, 0, sizeof g);
    g.max_top = 30;
    g.shown = 6;
    CHECK(v.follow == 1 && v.filter == UI_NEWS_ALL);
    ui_news_scroll(&v, &g, -3);
    CHECK(!v.follow && v.top == 27);
    ui_news_page(&v, &g, -1);
    CHECK(v.top == 22);
    ui_news_scroll(&v, &g, -100);
    CHECK(v.top == 0 && !v.follow); /* stops at month 1 */
    ui_news_scroll(&v, &g, 100);
    CHECK(v.follow); /* back at the newest: following */
    ui_news_home(&v);
    CHECK(v.top == 0 && !v.follow);
    ui_news_end(&v);
    CHECK(v.follow);
    ui_news_jump(&v, &g, 0.5f);
    CHECK(v.top == 15 && !v.follow);
    ui_news_set_filter(&v, UI_NEWS_DEALS);
    CHECK(v.filter == UI_NEWS_DEALS && v.follow);
    g.max_top = 0; /* a log that fits: the wheel does not stop it following */
    ui_news_scroll(&v, &g, -3);
    CHECK(v.follow);

    /* Drawn at 1280x720's size of the log. */
    char err[256] = "";
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 820, 200, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    UiNewsRow rows[40];
    char texts[40][64];
    for (int i = 0; i < 40; i++) {
        snprintf(texts[i], sizeof texts[i], i % 5 == 0 ? "Month %d" : "Something happened (%d)",
                 i / 5 + 1);
        rows[i] = (UiNewsRow){texts[i], i / 5, i % 5 == 0 ? UI_NEWS_HEADER : UI_NEWS_DEAL, 0, 0};
    }
    SDL_FRect area = {0, 0, 820, 200};
    UiNewsGeom geo;
    v = ui_news_view_new();
    ui_news_draw(d, area, rows, 40, &v, 1, "empty", -1, -1, &geo);
    CHECK(geo.n_rows == 40 && geo.max_top > 0 && geo.first == geo.max_top && geo.shown > 2);
    CHECK(geo.first + geo.shown == 40); /* the newest row on show */
    CHECK(geo.bar.w > 0 && geo.thumb.y + geo.thumb.h >= geo.bar.y + geo.bar.h - 1);
    for (int f = 0; f < UI_NEWS_FILTERS; f++) {
        CHECK(geo.toggle[f].w > 0);
        UiNewsHit h = ui_news_hit(&geo, geo.toggle[f].x + 3, geo.toggle[f].y + 3);
        CHECK(h.kind == UI_NEWS_HIT_TOGGLE && h.index == f);
    }
    ui_news_home(&v);
    ui_news_draw(d, area, rows, 40, &v, 0, "empty", -1, -1, &geo);
    CHECK(geo.first == 0 && geo.thumb.y <= geo.bar.y + 0.5f);
    UiNewsHit h = ui_news_hit(&geo, geo.toggle[UI_NEWS_MINE].x + 3, geo.toggle[UI_NEWS_MINE].y + 3);
    CHECK(h.kind != UI_NEWS_HIT_TOGGLE); /* nobody plays a company: not a choice */
    h = ui_news_hit(&geo, geo.bar.x + 1, geo.bar.y + geo.bar.h - 1);
    CHECK(h.kind == UI_NEWS_HIT_BAR && h.where > 0.9f);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_months();
    test_filters();
    test_save_and_language();
    test_yours();
    test_view();
    TEST_END();
}
