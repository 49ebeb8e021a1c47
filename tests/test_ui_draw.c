/* test_ui_draw: the drawing context on a software renderer with no video driver: circles and
 * lines land where asked in the colour asked, text renders and is cached, the scale enlarges
 * text, a missing font gives a clear error; and the number formats a class reads. */
#define _POSIX_C_SOURCE 200809L
#include "ui_desk.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_png.h"
#include "test_ui_util.h"

#include <stdlib.h>
#include <string.h>

static void test_fmt(void)
{
    char b[32];
    CHECK(strcmp(ui_fmt_money(630.0, b, sizeof b), "$630B") == 0);
    CHECK(strcmp(ui_fmt_money(1200.0, b, sizeof b), "$1.2T") == 0);
    CHECK(strcmp(ui_fmt_money(12.5, b, sizeof b), "$12B") == 0 || strcmp(b, "$13B") == 0);
    CHECK(strcmp(ui_fmt_money(2.5, b, sizeof b), "$2.5B") == 0);
    CHECK(strcmp(ui_fmt_money(0.85, b, sizeof b), "$850M") == 0);
    CHECK(strcmp(ui_fmt_money(-40.0, b, sizeof b), "-$40B") == 0);
    CHECK(strcmp(ui_fmt_money(0.0, b, sizeof b), "$0") == 0);
    CHECK(strcmp(ui_fmt_pct(0.4, b, sizeof b), "+40%") == 0);
    CHECK(strcmp(ui_fmt_pct(-0.052, b, sizeof b), "-5.2%") == 0);
    CHECK(strcmp(ui_fmt_pct(0.0, b, sizeof b), "0%") == 0);
    /* Probabilities: no sign, one decimal below 10%, never "0%" for a risk that is there. */
    CHECK(strcmp(ui_fmt_prob(0.032, b, sizeof b), "3.2%") == 0);
    CHECK(strcmp(ui_fmt_prob(0.41, b, sizeof b), "41%") == 0);
    CHECK(strcmp(ui_fmt_prob(0.0001, b, sizeof b), "<0.1%") == 0);
    CHECK(strcmp(ui_fmt_prob(1.0, b, sizeof b), "100%") == 0);
    CHECK(strcmp(ui_fmt_month(2025 * 12 + 8, b, sizeof b), "2025-09") == 0);
    CHECK_NEAR(ui_nice_step(100.0, 5), 20.0, 1e-12);
    CHECK_NEAR(ui_nice_step(1.0, 4), 0.25, 1e-12);
}

static void test_palette(void)
{
    const UiTheme *th = ui_theme_dark();
    /* Every family has its own colour, and every one stands out from the background. */
    for (int a = 0; a < UI_FAM_COUNT; a++) {
        CHECK(!ut_near(th->family[a], th->bg, 60));
        for (int b = a + 1; b < UI_FAM_COUNT; b++)
            CHECK(!ut_near(th->family[a], th->family[b], 30));
    }
    CHECK(ui_family_of_deal(SIM_DEAL_EQUITY) == UI_FAM_EQUITY);
    CHECK(ui_family_of_deal(SIM_DEAL_COMPUTE) == UI_FAM_PAYMENT);
    CHECK(ui_family_of_deal(SIM_DEAL_GUARANTEE) == UI_FAM_LOAN);
    CHECK(ui_family_of_deal(SIM_DEAL_BUILD) == UI_FAM_BUILD);
    CHECK(ui_family_of_flow(SIM_FLOW_REVENUE_SHARE) == UI_FAM_REVSHARE);
    CHECK(ui_family_of_flow(SIM_FLOW_WARRANT_SALE) == UI_FAM_WARRANTS);
    /* Every deal kind is drawn in a family of its own money: the family of the flows its
     * schedule books (a right, whose fees are plain contract money, is drawn as a right). */
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        const SimKindInfo *ki = sim_kind((SimDealKind)k);
        UiFamily f = ui_family_of_deal((SimDealKind)k);
        CHECK_MSG((unsigned)f < UI_FAM_COUNT, "kind %s has no colour", ki->name);
        if (ki->flow < SIM_FLOW_KIND_COUNT && !(ki->flags & SIM_KF_RIGHT))
            CHECK_MSG(ui_family_of_flow(ki->flow) == f,
                      "kind %s is drawn in family %d, its payments in %d", ki->name, (int)f,
                      (int)ui_family_of_flow(ki->flow));
    }
    CHECK(ui_family_of_deal(SIM_DEAL_EXCLUSIVITY) == UI_FAM_RIGHTS);
    /* Light text on a dark ground. */
    CHECK(th->text.r + th->text.g + th->text.b > 3 * 220);
    CHECK(th->bg.r + th->bg.g + th->bg.b < 3 * 50);
}

/* The deal dialog shows, for every kind, the terms that kind needs and uses, and a
 * counterparty unless the deal is with the world. */
static void test_desk_fields(void)
{
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        SimDealKind kind = (SimDealKind)k;
        const SimKindInfo *ki = sim_kind(kind);
        int other = ki->payee == SIM_PAYEE_ACTOR;
        CHECK(ui_desk_field_shown(kind, UI_F_OTHER) == other);
        CHECK(ui_desk_field_shown(kind, UI_F_SIDE) == other);
        CHECK(ui_desk_field_shown(kind, UI_F_KIND) && ui_desk_field_shown(kind, UI_F_MONTHS) &&
              ui_desk_field_shown(kind, UI_F_DELAY) && ui_desk_field_shown(kind, UI_F_REASON));
        CHECK_MSG(ui_desk_field_shown(kind, UI_F_GW) == (ki->gw != SIM_GW_NONE),
                  "kind %s: the GW row", ki->name);
        int amount = ui_desk_field_shown(kind, UI_F_AMOUNT),
            rate = ui_desk_field_shown(kind, UI_F_RATE),
            rate2 = ui_desk_field_shown(kind, UI_F_RATE2),
            shares = ui_desk_field_shown(kind, UI_F_SHARES);
        switch (ki->need) {
        case SIM_NEED_NONE:
            break;
        case SIM_NEED_AMOUNT:
            CHECK_MSG(amount, "kind %s needs an amount the dialog hides", ki->name);
            break;
        case SIM_NEED_RATE:
            CHECK_MSG(rate, "kind %s needs a rate the dialog hides", ki->name);
            break;
        case SIM_NEED_SHARES:
            CHECK_MSG(shares, "kind %s needs shares the dialog hides", ki->name);
            break;
        case SIM_NEED_SPLIT:
            CHECK_MSG(amount && rate && rate2, "kind %s: the partners' shares", ki->name);
            break;
        }
        CHECK(rate2 == ((ki->fields & SIM_FIELD_RATE2) != 0));
    }
    CHECK(!ui_desk_field_shown(SIM_DEAL_KIND_COUNT, UI_F_AMOUNT));
    CHECK(!ui_desk_field_shown(SIM_DEAL_COMPUTE, UI_F_COUNT));
}

static void test_primitives(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(400, 300, err, sizeof err);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    CHECK(r != NULL);
    UiDraw *d = ui_draw_create(r, 2.0, NULL, err, sizeof err);
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    CHECK_NEAR(ui_px(d, 10), 20.0, 1e-6);
    SDL_Color bg = ui_rgba(0x000000, 255), red = ui_rgba(0xFF0000, 255),
              green = ui_rgba(0x00FF00, 255), white = ui_rgba(0xFFFFFF, 255);
    ui_clear(d, bg);
    ui_fill_circle(d, 100, 100, 30, red);
    ui_stroke_circle(d, 300, 100, 30, 6, green);
    ui_line(d, 20, 250, 380, 250, 8, white);
    ui_fill_round_rect(d, (SDL_FRect){200, 180, 80, 40}, 10, green);
    SDL_RenderFlush(r);
    CHECK(ut_near(ut_pixel(s, 100, 100), red, 2));
    CHECK(ut_near(ut_pixel(s, 100 + 27, 100), red, 2));
    CHECK(ut_near(ut_pixel(s, 100 + 33, 100), bg, 2));
    CHECK(ut_near(ut_pixel(s, 300, 100), bg, 2));    /* a ring is hollow */
    CHECK(ut_near(ut_pixel(s, 330, 100), green, 2)); /* on the ring */
    CHECK(ut_near(ut_pixel(s, 200, 250), white, 2)); /* on the line */
    CHECK(ut_near(ut_pixel(s, 200, 256), bg, 2));    /* beyond its half-width and feather */
    CHECK(ut_near(ut_pixel(s, 240, 200), green, 2)); /* inside the rounded rectangle */
    CHECK(ut_near(ut_pixel(s, 201, 181), bg, 40));   /* its corner is rounded off */

    /* Text: drawn in its colour within the box ui_text_size gives, twice the size at scale 2,
     * and rasterised once. */
    ui_clear(d, bg);
    int tw, th1, tw2, th2;
    ui_text_size(d, "Oracle +40%", 20, 1, &tw, &th1);
    ui_text_size(d, "Oracle +40%", 40, 1, &tw2, &th2);
    CHECK(tw > 40 && th1 > 10);
    CHECK(tw2 > tw * 3 / 2 && th2 > th1 * 3 / 2);
    int drawn = ui_text(d, "Oracle +40%", 50, 50, 20, 1, white, UI_LEFT);
    CHECK(drawn == tw);
    SDL_RenderFlush(r);
    int inside = 0, outside = 0;
    for (int y = 0; y < 300; y++)
        for (int x = 0; x < 400; x++) {
            int lit = ut_near(ut_pixel(s, x, y), white, 60);
            int in = x >= 50 && x < 50 + tw && y >= 50 && y < 50 + th1;
            inside += lit && in;
            outside += lit && !in;
        }
    CHECK(inside > 50);
    CHECK(outside == 0);
    int cached = ui_draw_cached(d);
    ui_text(d, "Oracle +40%", 60, 80, 20, 1, red, UI_LEFT);
    CHECK(ui_draw_cached(d) == cached);
    ui_text(d, "Nvidia", 60, 80, 20, 1, red, UI_LEFT);
    CHECK(ui_draw_cached(d) == cached + 1);
    /* Many distinct strings: the cache stays bounded. */
    char buf[32];
    for (int k = 0; k < 2000; k++) {
        snprintf(buf, sizeof buf, "label %d", k);
        ui_text(d, buf, 0, 0, 12, 0, white, UI_LEFT);
    }
    CHECK(ui_draw_cached(d) <= 1024);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

static void test_font_error(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(64, 64, err, sizeof err);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    setenv("CLOSEDLOOP_FONT", "/nonexistent/font.ttf", 1);
    UiDraw *d = ui_draw_create(r, 1.0, NULL, err, sizeof err);
    CHECK(d == NULL);
    CHECK_MSG(strstr(err, "/nonexistent/font.ttf") && strstr(err, "CLOSEDLOOP_FONT"), "%s", err);
    unsetenv("CLOSEDLOOP_FONT");
    d = ui_draw_create(r, 1.0, "/nonexistent/other.ttf", err, sizeof err);
    CHECK(d == NULL && strstr(err, "other.ttf"));
    d = ui_draw_create(r, 1.0, NULL, err, sizeof err);
    CHECK(d != NULL);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    CHECK(ui_png_surface(0, 10, err, sizeof err) == NULL && strstr(err, "out of range"));
}

/* The key of a kept layer tells apart what the layer shows, including two games that one world
 * address holds in turn (a loaded save). */
static void test_layer_key(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(64, 64, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    SimWorld *w = ut_world(4);
    CHECK_MSG(d && w, "%s", err);
    if (d && w) {
        SDL_FRect area = {0, 0, 100, 80};
        unsigned long long k = ui_layer_key(d, w, 3, area);
        CHECK(ui_layer_key(d, w, 3, area) == k);
        CHECK(ui_layer_key(d, w, 2, area) != k);
        area.w = 101;
        CHECK(ui_layer_key(d, w, 3, area) != k);
        area.w = 100;
        ui_draw_set_scale(d, 1.5);
        CHECK(ui_layer_key(d, w, 3, area) != k);
        ui_draw_set_scale(d, 1.0);
        /* Another game in the same place at the same turn. */
        w->seed ^= 1;
        CHECK(ui_layer_key(d, w, 3, area) != k);
        w->seed ^= 1;
        SimSnap *snap = &w->snaps[3 * w->n];
        snap->cash += 1.0;
        CHECK(ui_layer_key(d, w, 3, area) != k);
        snap->cash -= 1.0;
        CHECK(ui_layer_key(d, w, 3, area) == k);
    }
    if (w)
        sim_world_destroy(w);
    ui_draw_destroy(d);
    if (r)
        SDL_DestroyRenderer(r);
    if (s)
        SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_layer_key();
    test_fmt();
    test_palette();
    test_desk_fields();
    test_primitives();
    test_font_error();
    TEST_END();
}
