/* test_ui_start: the start screen, rendered headless at 1280x800 and 1920x1080 and checked at
 * the pixels that matter: the language row top right, the settings rows in the left column and
 * one row per role in the right, stacked in order; the row with the keyboard focus lit with the
 * accent bar and no other; a person's box filled once the role is taken; the Start button bottom
 * right; nothing outside the screen. Keys and clicks change the picks as the help line says. The
 * language row switches the tables (as the app does with it) and the screen is drawn again in
 * Chinese, as well laid out. UT_SAVE=DIR keeps the images for a look. */
#include "test_ui_util.h"
#include "ui_draw.h"
#include "ui_png.h"
#include "ui_start.h"

#include <SDL_image.h>
#include <string.h>

static const char *const scenarios[] = {"closed-loop-2025.json", "what-if-no-tpu.json"};
static const char *const scripts[] = {"playbook",        "baseline",
                                      "history",         "passive",
                                      "nvidia_bind.lua", "examples/cautious_vendor.lua"};
static const char *const ids[] = {"openai", "microsoft", "nvidia", "softbank", "oracle",
                                  "amd",    "broadcom",  "tsmc",   "google"};
static const char *const names[] = {"OpenAI", "Microsoft", "Nvidia", "SoftBank", "Oracle",
                                    "AMD",    "Broadcom",  "TSMC",   "Google"};

/* The roles' words from the tables in use: again after each change of language, as
 * app_start_set_lang does (the old tables are freed). */
static void words(UiStart *s)
{
    for (int i = 0; i < s->n_roles; i++) {
        s->roles[i].name = core_tr_content(names[i % 9]);
        s->roles[i].note = i == 0 ? core_tr("start.note.hub") : "a giant";
    }
}

static void form(UiStart *s, int n_roles)
{
    memset(s, 0, sizeof *s);
    s->scenarios = scenarios;
    s->n_scenarios = 2;
    s->title = "The closed loop, 2025";
    s->about = "From the first Stargate announcement to the chip deals of the autumn: OpenAI at "
               "the hub, the giants bound to it by ever larger deals, each driven by the fear of "
               "missing out on the others.";
    s->scripts = scripts;
    s->n_scripts = 6;
    s->n_roles = n_roles;
    s->lang = (int)core_tr_lang();
    if (s->lang == CORE_LANG_ZH) {
        /* As the app gives them in Chinese: the texts of the data through the content table. */
        s->title = "2025年的闭环";
        s->about = "从第一次宣布星际之门到秋天的芯片交易：OpenAI居于枢纽，巨头们被一笔比一笔大的"
                   "交易绑在它身上，每一家都怕错过别家已经抓住的机会。";
    }
    for (int i = 0; i < n_roles; i++) {
        s->roles[i].id = ids[i % 9];
        s->roles[i].playbook = i == 2 ? "nvidia_bind" : NULL;
    }
    words(s);
    snprintf(s->seed, sizeof s->seed, "20250121");
    ui_start_reset_roles(s);
}

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static void test_keys(void)
{
    UiStart s;
    form(&s, 9);
    CHECK(ui_start_rows(&s) == 4 + 9 + 1);
    CHECK(s.focus == UI_START_ROW_SCENARIO && ui_start_people(&s, NULL) == 0);
    /* Scenario: Right goes to the next file and asks the app to reload. */
    CHECK(ui_start_key(&s, SDLK_RIGHT, 0) == UI_START_SCENARIO && s.scenario == 1);
    CHECK(ui_start_key(&s, SDLK_RIGHT, 0) == UI_START_SCENARIO && s.scenario == 0);
    /* Seed: digits replace it once the row has the focus, then add; Backspace; R. */
    CHECK(ui_start_key(&s, SDLK_DOWN, 0) == UI_START_NONE && s.focus == UI_START_ROW_SEED);
    ui_start_key(&s, SDLK_4, 0);
    ui_start_key(&s, SDLK_KP_2, 0);
    ui_start_key(&s, SDLK_7, 0);
    CHECK(strcmp(s.seed, "427") == 0);
    ui_start_key(&s, SDLK_BACKSPACE, 0);
    CHECK(strcmp(s.seed, "42") == 0);
    CHECK(ui_start_key(&s, SDLK_r, 0) == UI_START_RANDOM);
    /* You play: Watch -> OpenAI -> Microsoft, and back. */
    ui_start_key(&s, SDLK_TAB, 0);
    CHECK(s.focus == UI_START_ROW_YOU);
    ui_start_key(&s, SDLK_RIGHT, 0);
    int first;
    CHECK(ui_start_people(&s, &first) == 1 && first == 0);
    ui_start_key(&s, SDLK_RIGHT, 0);
    CHECK(ui_start_people(&s, &first) == 1 && first == 1);
    ui_start_key(&s, SDLK_LEFT, 0);
    ui_start_key(&s, SDLK_LEFT, 0);
    CHECK(ui_start_people(&s, NULL) == 0);
    ui_start_key(&s, SDLK_LEFT, 0); /* wraps to "Try a strategy" (the lab), nobody a person */
    CHECK(s.lab == 1 && ui_start_people(&s, NULL) == 0);
    ui_start_key(&s, SDLK_LEFT, 0); /* then the last role */
    CHECK(s.lab == 0 && ui_start_people(&s, &first) == 1 && first == 8);
    CHECK(ui_start_key(&s, SDLK_l, 0) == UI_START_NONE && s.lab == 1);
    CHECK(ui_start_people(&s, NULL) == 0); /* L: the lab, nobody a person */
    ui_start_key(&s, SDLK_RIGHT, 0);       /* from the lab, Right wraps to Watch */
    CHECK(s.lab == 0 && ui_start_people(&s, NULL) == 0);
    ui_start_key(&s, SDLK_l, 0);
    CHECK(ui_start_key(&s, SDLK_w, 0) == UI_START_NONE && ui_start_people(&s, NULL) == 0);
    CHECK(s.lab == 0); /* W: watch */
    /* Hot-seat: Space on two roles' rows; "You play" Right from a hot-seat goes to Watch. */
    ui_start_key(&s, SDLK_DOWN, 0);
    CHECK(s.focus == UI_START_ROW_ROLE0);
    ui_start_key(&s, SDLK_SPACE, 0);
    ui_start_key(&s, SDLK_DOWN, 0);
    ui_start_key(&s, SDLK_DOWN, 0);
    ui_start_key(&s, SDLK_p, 0);
    CHECK(ui_start_people(&s, &first) == 2 && first == 0 && s.person[2]);
    /* A role's value: Right cycles the strategies, through "a person" and back. */
    ui_start_key(&s, SDLK_DOWN, 0);
    CHECK(s.focus == UI_START_ROW_ROLE0 + 3 && s.script[3] == 0);
    ui_start_key(&s, SDLK_RIGHT, 0);
    CHECK(s.script[3] == 1 && !s.person[3]);
    ui_start_key(&s, SDLK_LEFT, 0);
    ui_start_key(&s, SDLK_LEFT, 0);
    CHECK(s.person[3]);
    ui_start_key(&s, SDLK_LEFT, 0);
    CHECK(!s.person[3] && s.script[3] == 5);
    ui_start_key(&s, SDLK_TAB, KMOD_LSHIFT);
    ui_start_key(&s, SDLK_TAB, KMOD_LSHIFT);
    ui_start_key(&s, SDLK_TAB, KMOD_LSHIFT);
    ui_start_key(&s, SDLK_TAB, KMOD_LSHIFT);
    CHECK(s.focus == UI_START_ROW_YOU);
    ui_start_key(&s, SDLK_RIGHT, 0);
    CHECK(ui_start_people(&s, NULL) == 0);
    /* Digits elsewhere do nothing; Up from the scenario reaches the language, whose arrows
     * change it (the app is told); Up from the top wraps to Start; Enter starts; Escape quits. */
    ui_start_key(&s, SDLK_9, 0);
    CHECK(strcmp(s.seed, "42") == 0);
    s.focus = UI_START_ROW_SCENARIO;
    ui_start_key(&s, SDLK_UP, 0);
    CHECK(s.focus == UI_START_ROW_LANG && s.lang == CORE_LANG_EN);
    CHECK(ui_start_key(&s, SDLK_RIGHT, 0) == UI_START_LANG && s.lang == CORE_LANG_ZH);
    CHECK(ui_start_key(&s, SDLK_RIGHT, 0) == UI_START_LANG && s.lang == CORE_LANG_EN);
    CHECK(ui_start_key(&s, SDLK_LEFT, 0) == UI_START_LANG && s.lang == CORE_LANG_ZH);
    s.lang = CORE_LANG_EN;
    ui_start_key(&s, SDLK_UP, 0);
    CHECK(s.focus == ui_start_rows(&s) - 1);
    CHECK(ui_start_key(&s, SDLK_SPACE, 0) == UI_START_GO);
    CHECK(ui_start_key(&s, SDLK_RETURN, 0) == UI_START_GO);
    CHECK(ui_start_key(&s, SDLK_ESCAPE, 0) == UI_START_QUIT);
    /* Nothing to play: Enter does nothing. */
    form(&s, 0);
    CHECK(ui_start_key(&s, SDLK_RETURN, 0) == UI_START_NONE);
}

static void check_screen(int W, int H, double scale)
{
    char err[256] = "";
    const int M = 24;
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
    SDL_Color acc = th->family[UI_FAM_EQUITY];
    UiStart st;
    form(&st, 9);
    st.focus = UI_START_ROW_ROLE0 + 2; /* Nvidia's row */
    st.person[4] = 1;                  /* Oracle: a person */
    UiStartGeom g;
    ui_start_draw(d, W, H, &st, -1, -1, &g);
    SDL_RenderPresent(r);

    SDL_FRect screen = {0, 0, (float)W, (float)H};
    CHECK(g.n_rows == ui_start_rows(&st));
    /* Settings on the left, roles on the right, in order, all on the screen. */
    for (int k = 0; k < g.n_rows; k++)
        CHECK_MSG(rect_in(g.row[k], screen), "%dx%d: row %d off the screen", W, H, k);
    for (int k = UI_START_ROW_SCENARIO; k <= UI_START_ROW_YOU; k++) {
        CHECK(g.row[k].x + g.row[k].w < (float)W * 0.5f);
        if (k > UI_START_ROW_SCENARIO)
            CHECK(g.row[k].y >= g.row[k - 1].y + g.row[k - 1].h - 0.5f);
    }
    /* The language: top right, above the settings and the roles, its box in its row. */
    SDL_FRect lr = g.row[UI_START_ROW_LANG];
    CHECK(lr.x > (float)W * 0.5f && lr.y + lr.h <= g.row[UI_START_ROW_SCENARIO].y);
    CHECK(lr.y + lr.h <= g.row[UI_START_ROW_ROLE0].y);
    CHECK(rect_in(g.value[UI_START_ROW_LANG], lr) && rect_in(g.next[UI_START_ROW_LANG], lr));
    for (int i = 0; i < 9; i++) {
        SDL_FRect row = g.row[UI_START_ROW_ROLE0 + i];
        CHECK(row.x > (float)W * 0.4f);
        CHECK(rect_in(g.person[i], row) && rect_in(g.value[UI_START_ROW_ROLE0 + i], row));
        if (i > 0)
            CHECK(row.y >=
                  g.row[UI_START_ROW_ROLE0 + i - 1].y + g.row[UI_START_ROW_ROLE0 + i - 1].h - 0.5f);
        /* Text in every row: light pixels. */
        int light = 0;
        for (int y = (int)row.y; y < (int)(row.y + row.h); y++)
            for (int x = (int)row.x; x < (int)(row.x + row.w); x++)
                light += ut_near(ut_pixel(s, x, y), th->text, 40);
        CHECK_MSG(light > 80, "%dx%d: role row %d: %d text pixels", W, H, i, light);
    }
    CHECK(g.start.x > (float)W * 0.6f && g.start.y > (float)H * 0.8f && rect_in(g.start, screen));
    /* The focused row has the accent bar at its left; the others do not. */
    for (int k = 0; k < g.n_rows - 1; k++) {
        SDL_Color c = ut_pixel(s, (int)(g.row[k].x + 2), (int)(g.row[k].y + g.row[k].h / 2));
        if (k == st.focus)
            CHECK_MSG(ut_near(c, acc, 8), "%dx%d: focused row %d not lit (%d,%d,%d)", W, H, k, c.r,
                      c.g, c.b);
        else
            CHECK_MSG(!ut_near(c, acc, 40), "%dx%d: row %d lit without the focus", W, H, k);
    }
    /* A person's box is filled; another role's is not. */
    SDL_FRect pb = g.person[4], pn = g.person[5];
    CHECK(ut_near(ut_pixel(s, (int)(pb.x + pb.w * 0.2f), (int)(pb.y + pb.h * 0.2f)), th->up, 10));
    CHECK(!ut_near(ut_pixel(s, (int)(pn.x + pn.w * 0.2f), (int)(pn.y + pn.h * 0.2f)), th->up, 40));
    /* Nothing outside the screen. */
    int stray = 0;
    for (int y = 0; y < H + M; y++)
        for (int x = 0; x < W + M; x++)
            if ((x >= W || y >= H) && !ut_near(ut_pixel(s, x, y), (SDL_Color){255, 0, 255, 255}, 0))
                stray++;
    CHECK_MSG(stray == 0, "%dx%d: %d pixels outside the screen", W, H, stray);
    const char *keep = getenv("UT_SAVE");
    if (keep && *keep) {
        char fn[512];
        snprintf(fn, sizeof fn, "%s/start-%s-%dx%d.png", keep, core_lang_code(core_tr_lang()), W,
                 H);
        IMG_SavePNG(s, fn);
    }

    /* Clicks: a person box toggles, the next arrow cycles, Start starts, Quit quits. */
    CHECK(ui_start_click(&st, &g, pb.x + pb.w / 2, pb.y + pb.h / 2) == UI_START_NONE);
    CHECK(!st.person[4] && st.focus == UI_START_ROW_ROLE0 + 4);
    SDL_FRect nx = g.next[UI_START_ROW_ROLE0 + 5];
    CHECK(ui_start_click(&st, &g, nx.x + nx.w / 2, nx.y + nx.h / 2) == UI_START_NONE);
    CHECK(st.script[5] == 1 && st.focus == UI_START_ROW_ROLE0 + 5);
    SDL_FRect sn = g.next[UI_START_ROW_SCENARIO];
    CHECK(ui_start_click(&st, &g, sn.x + 2, sn.y + 2) == UI_START_SCENARIO && st.scenario == 1);
    CHECK(ui_start_click(&st, &g, g.random.x + 3, g.random.y + 3) == UI_START_RANDOM);
    CHECK(ui_start_click(&st, &g, g.start.x + 3, g.start.y + 3) == UI_START_GO);
    CHECK(ui_start_click(&st, &g, g.quit.x + 3, g.quit.y + 3) == UI_START_QUIT);

    /* Many roles: the rows shrink to fit above the buttons. */
    form(&st, 30);
    ui_start_draw(d, W, H, &st, -1, -1, &g);
    SDL_FRect last = g.row[UI_START_ROW_ROLE0 + 29];
    CHECK_MSG(last.y + last.h <= g.start.y, "%dx%d: 30 roles run under the buttons", W, H);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Pixels that differ between two surfaces inside r. */
static int changed(SDL_Surface *a, SDL_Surface *b, SDL_FRect r)
{
    int n = 0;
    for (int y = (int)r.y; y < (int)(r.y + r.h); y++)
        for (int x = (int)r.x; x < (int)(r.x + r.w); x++)
            n += !ut_near(ut_pixel(a, x, y), ut_pixel(b, x, y), 0);
    return n;
}

/* The language row switches the language: a click on its arrow tells the app, which puts the
 * tables in use (here test_lang_use, as app_lang_init does); the screen drawn again speaks
 * Chinese: the Start button and the labels change, the layout holds. */
static void test_language_row(void)
{
    char err[256] = "";
    SDL_Surface *en = ui_png_surface(1280, 800, err, sizeof err),
                *zh = ui_png_surface(1280, 800, err, sizeof err);
    CHECK_MSG(en && zh, "%s", err);
    if (!en || !zh)
        return;
    SDL_Renderer *re = SDL_CreateSoftwareRenderer(en), *rz = SDL_CreateSoftwareRenderer(zh);
    UiDraw *de = ui_draw_create(re, 1.0, NULL, err, sizeof err),
           *dz = ui_draw_create(rz, 1.0, NULL, err, sizeof err);
    CHECK_MSG(de && dz, "%s", err);
    if (!de || !dz)
        return;
    test_lang_use(CORE_LANG_EN);
    UiStart st;
    form(&st, 9);
    CHECK(st.lang == CORE_LANG_EN);
    UiStartGeom g, g2;
    ui_start_draw(de, 1280, 800, &st, -1, -1, &g);
    SDL_RenderPresent(re);
    SDL_FRect nx = g.next[UI_START_ROW_LANG];
    CHECK(nx.w > 0);
    CHECK(ui_start_click(&st, &g, nx.x + nx.w / 2, nx.y + nx.h / 2) == UI_START_LANG);
    CHECK(st.lang == CORE_LANG_ZH && st.focus == UI_START_ROW_LANG);
    test_lang_use((CoreLang)st.lang);
    words(&st);
    CHECK(core_tr_lang() == CORE_LANG_ZH);
    CHECK(strcmp(core_tr("start.quit"), "start.quit") != 0);
    ui_start_draw(dz, 1280, 800, &st, -1, -1, &g2);
    SDL_RenderPresent(rz);
    /* The same places; other words in them. */
    CHECK(g2.n_rows == g.n_rows);
    for (int k = 0; k < g.n_rows; k++)
        CHECK(g2.row[k].y == g.row[k].y && g2.row[k].h == g.row[k].h);
    CHECK_MSG(changed(en, zh, g.start) > 100, "Start: %d pixels changed", changed(en, zh, g.start));
    CHECK(changed(en, zh, g.quit) > 100);
    CHECK(changed(en, zh, g.value[UI_START_ROW_LANG]) > 100);
    SDL_FRect label = g.row[UI_START_ROW_SEED];
    label.h = ui_px(dz, 20);
    CHECK(changed(en, zh, label) > 50);
    /* Back to English: the same screen as before. */
    CHECK(ui_start_key(&st, SDLK_LEFT, 0) == UI_START_LANG && st.lang == CORE_LANG_EN);
    test_lang_use((CoreLang)st.lang);
    form(&st, 9);
    ui_start_draw(dz, 1280, 800, &st, -1, -1, &g2);
    SDL_RenderPresent(rz);
    CHECK(changed(en, zh, g.start) == 0 && changed(en, zh, g.value[UI_START_ROW_LANG]) == 0);
    ui_draw_destroy(de);
    ui_draw_destroy(dz);
    SDL_DestroyRenderer(re);
    SDL_DestroyRenderer(rz);
    SDL_FreeSurface(en);
    SDL_FreeSurface(zh);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_keys();
    check_screen(1280, 800, 1.0);
    check_screen(1920, 1080, 1.35);
    check_screen(1024, 640, 1.0);
    test_language_row();
    /* The whole screen in Chinese, checked as in English. */
    test_lang_use(CORE_LANG_ZH);
    check_screen(1280, 800, 1.0);
    check_screen(1920, 1080, 1.35);
    check_screen(1024, 640, 1.0);
    TEST_END();
}
