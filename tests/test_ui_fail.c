/* test_ui_fail: the card of a firm's default. On the chain of tests/data/cascade-3.json (a
 * seed where the second firm falls in round 2 of the first one's clearing, and a third later),
 * every failure gets a card from the month it happened: cards in the order of failures, naming the
 * firm, its place and round (and who took it down, in round 2), its systemic weight as its
 * DEFAULT event has it, what its creditors recovered as the books have it, and the calendar's
 * end; drawn at 1280x720 and 1920x1080 in English and Chinese, on the screen, buttons inside,
 * no key showing, red border and text pixels. UT_PNG_DIR=DIR keeps the pictures. */
#include "core_month.h"
#include "dat_scenario.h"
#include "sim_cascade.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "test_util.h"
#include "ui_fail.h"
#include "ui_fmt.h"
#include "ui_png.h"

#include <stdio.h>
#include <string.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static int near_color(Uint32 px, SDL_Color c, int tol)
{
    int r = (int)((px >> 16) & 0xFF), g = (int)((px >> 8) & 0xFF), b = (int)(px & 0xFF);
    return abs(r - c.r) <= tol && abs(g - c.g) <= tol && abs(b - c.b) <= tol;
}

static void draw_card(const UiFailCard *c, int W, int H, double scale, const char *name)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, scale, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    ui_clear(d, th->bg);
    SDL_FRect screen = {0, 0, (float)W, (float)H};
    UiCardGeom g;
    UiCard uc;
    ui_fail_to_card(c, 0, 2, &uc);
    ui_tr_missing_reset();
    ui_card_draw(d, screen, (SDL_FRect){0, 0, 0, 0}, &uc, 0, -1, -1, &g);
    SDL_RenderFlush(r);
    ut_check_no_keys(name, W, H);
    ut_keep_png(s, name, W, H);
    CHECK_MSG(rect_in(g.box, screen), "%dx%d: the card is off the screen", W, H);
    CHECK(rect_in(g.btn_next, g.box) && rect_in(g.btn_action, g.box));
    CHECK(g.btn_action.x + g.btn_action.w < g.btn_next.x);
    /* The clicks: the buttons, the card, off it. */
    CHECK(ui_card_hit(&g, g.btn_next.x + 2, g.btn_next.y + 2) == UI_CARD_NEXT);
    CHECK(ui_card_hit(&g, g.btn_action.x + 2, g.btn_action.y + 2) == UI_CARD_ACTION);
    CHECK(ui_card_hit(&g, g.box.x + g.box.w / 2, g.box.y + 4) == UI_CARD_INSIDE);
    CHECK(ui_card_hit(&g, 1, 1) == UI_CARD_INSIDE); /* unfolded, the card is modal */
    /* The colour of a fall on its edge, and text in it. */
    int red = 0, text = 0;
    SDL_LockSurface(s);
    for (int y = (int)g.box.y; y < (int)(g.box.y + g.box.h); y++)
        for (int x = (int)g.box.x; x < (int)(g.box.x + g.box.w); x++) {
            Uint32 px = ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x];
            red += near_color(px, th->down, 12);
            text += near_color(px, th->text, 30);
        }
    SDL_UnlockSurface(s);
    CHECK_MSG(red > 500 && text > 500, "%dx%d: %d border, %d text pixels", W, H, red, text);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The recovery the books hold: what i's estate paid in its month. */
static double recovered(const SimWorld *w, int i, int turn)
{
    double s = 0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->kind == SIM_FLOW_RECOVERY && f->from == i && f->turn == turn)
            s += f->amount;
    }
    return s;
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_TESTDATA "/cascade-3.json", err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    /* The first seed with a failure in round 2 (seed 3 when this was written). */
    SimWorld *w = NULL;
    int second = -1;
    for (uint64_t seed = 1; seed <= 40 && second < 0; seed++) {
        sim_world_destroy(w);
        w = ut_history_world(sc, seed);
        if (!w)
            break;
        while (sim_turn_step(w, err, sizeof err) == 0)
            ;
        for (int i = 0; i < w->n; i++)
            if (sim_default_round(w, i) == 2)
                second = i;
    }
    CHECK_MSG(second >= 0, "no seed of 1..40 has a failure in round 2");
    if (w && second >= 0) {
        int cards = 0, shown_round2 = 0, last_order = 0;
        char end[48];
        core_tr_month(w->sc->end, end, sizeof end);
        for (int t = 0; t < w->turn; t++) {
            int who[16];
            int n = ui_fail_month(w, t, who, 16);
            for (int k = 0; k < n; k++) {
                int i = who[k];
                CHECK(sim_default_turn(w, i) == t);
                /* In the order of failures, over the whole game. */
                CHECK(sim_default_order(w, i) == last_order + 1);
                last_order = sim_default_order(w, i);
                UiFailCard c;
                ui_fail_card(w, i, k, n, &c);
                const char *name = w->sc->actors[i].name;
                CHECK_MSG(strstr(c.title, name) != NULL, "%s", c.title);
                char want[160], mon[48];
                core_tr_month(w->sc->start + t, mon, sizeof mon);
                CHECK_MSG(strstr(c.head, mon) != NULL, "%s lacks %s", c.head, mon);
                if (n > 1) {
                    snprintf(want, sizeof want, "%d OF %d", k + 1, n);
                    CHECK_MSG(strstr(c.head, want) != NULL, "%s lacks %s", c.head, want);
                }
                snprintf(want, sizeof want, "in round %d", sim_default_round(w, i));
                CHECK_MSG(strstr(c.order, want) != NULL, "%s lacks %s", c.order, want);
                if (sim_default_round(w, i) > 1) {
                    const char *cause = w->sc->actors[sim_default_cause(w, i)].name;
                    CHECK_MSG(strstr(c.order, cause) != NULL, "%s lacks %s", c.order, cause);
                    shown_round2++;
                }
                double rec = recovered(w, i, t);
                if (rec > 0.0005) {
                    char money[32];
                    ui_fmt_money(rec, money, sizeof money);
                    CHECK_MSG(strstr(c.recovery, money) != NULL, "%s lacks %s", c.recovery, money);
                }
                CHECK_MSG(strstr(c.goes_on, end) != NULL && strstr(c.goes_on, "press D") != NULL,
                          "%s", c.goes_on);
                if (cards == 0 || sim_default_round(w, i) > 1) {
                    draw_card(&c, 1280, 720, 1.0, "fail");
                    draw_card(&c, 1920, 1080, 1.5, "fail");
                    test_lang_use(CORE_LANG_ZH);
                    UiFailCard z;
                    ui_fail_card(w, i, k, n, &z);
                    CHECK(strstr(z.goes_on, "复盘") != NULL);
                    draw_card(&z, 1280, 720, 1.0, "fail");
                    draw_card(&z, 1920, 1080, 1.5, "fail");
                    test_lang_use(CORE_LANG_EN);
                }
                cards++;
            }
        }
        int failed = 0;
        for (int i = 0; i < w->n; i++)
            failed += sim_default_turn(w, i) >= 0;
        CHECK_MSG(cards == failed && cards >= 2, "%d cards for %d failures", cards, failed);
        CHECK(shown_round2 >= 1);
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
    TEST_END();
}
