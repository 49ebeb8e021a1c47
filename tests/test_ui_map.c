/* test_ui_map: the flow map, rendered headless on a software renderer, checked at the pixels
 * that matter: the hub at the centre of the layout, every node where the layout puts it and in
 * its colour, particles on their edge and moving from payer to payee, bigger market values on
 * bigger nodes, the hit test and tooltips, labels that render and stay clear of every node. */
#include "ui_desk.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_chart.h"
#include "ui_map.h"
#include "ui_png.h"
#include "dat_scenario.h"
#include "sim_cascade.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_ui_lang.h"
#include "test_ui_util.h"

#include <SDL_image.h>
#include <math.h>
#include <string.h>

#define W 1280
#define H 800

static int rect_hits_circle(SDL_FRect r, float cx, float cy, float rad)
{
    float nx = fmaxf(r.x, fminf(cx, r.x + r.w)), ny = fmaxf(r.y, fminf(cy, r.y + r.h));
    return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < rad * rad;
}

static void test_layout(const SimWorld *w)
{
    char err[256] = "";
    UiMap *m = ui_map_create(err, sizeof err);
    SDL_FRect view = {100, 50, 1000, 700};
    CHECK(ui_map_layout(m, w, w->turn, view, 1.0, err, sizeof err) == 0);
    const UiMapNode *hub = ui_map_node(m, UT_HUB);
    CHECK_NEAR(hub->x, 600.0, 1e-3);
    CHECK_NEAR(hub->y, 400.0, 1e-3);
    CHECK(hub->slot == 0);
    /* Every node inside the view, the others away from the hub. */
    for (int i = 0; i < ui_map_node_count(m); i++) {
        const UiMapNode *nd = ui_map_node(m, i);
        CHECK(nd->x - nd->r >= view.x && nd->x + nd->r <= view.x + view.w);
        CHECK(nd->y - nd->r >= view.y && nd->y + nd->r <= view.y + view.h);
        if (i != UT_HUB)
            CHECK(hypotf(nd->x - hub->x, nd->y - hub->y) > hub->r + nd->r);
    }
    /* Larger market value, larger radius. */
    CHECK(sim_snap(w, w->turn, UT_BIG)->market_value >
          sim_snap(w, w->turn, UT_VENDOR)->market_value);
    CHECK(ui_map_node(m, UT_BIG)->r > ui_map_node(m, UT_VENDOR)->r);
    /* Deterministic, and it follows the viewport: the same view twice gives the same layout; a
     * view moved by (dx, dy) moves every node by (dx, dy). */
    float x1 = ui_map_node(m, UT_VENDOR)->x, y1 = ui_map_node(m, UT_VENDOR)->y;
    SDL_FRect moved = {view.x + 40, view.y + 30, view.w, view.h};
    CHECK(ui_map_layout(m, w, w->turn, moved, 1.0, err, sizeof err) == 0);
    CHECK_NEAR(ui_map_node(m, UT_VENDOR)->x, x1 + 40, 1e-3);
    CHECK_NEAR(ui_map_node(m, UT_VENDOR)->y, y1 + 30, 1e-3);
    /* Edges: the compute deal from the hub to the vendor is paying, with circular money. */
    int found = 0;
    for (int k = 0; k < ui_map_edge_count(m); k++) {
        const UiMapEdge *e = ui_map_edge(m, k);
        if (e->from == UT_HUB && e->to == UT_VENDOR && e->family == UI_FAM_PAYMENT) {
            found = 1;
            CHECK_NEAR(e->monthly, 10.0, 1e-9);
            CHECK(e->monthly_active > 0.0);
            CHECK(e->circular > 0.0);
        }
    }
    CHECK(found);
    /* A turn out of range is clamped. */
    CHECK(ui_map_layout(m, w, w->turn + 5, view, 1.0, err, sizeof err) == 0);
    CHECK(ui_map_turn(m) == w->turn);
    ui_map_destroy(m);
}

static void test_render(const SimWorld *w)
{
    char err[256] = "";
    const UiTheme *th = ui_theme_dark();
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    UiMap *m = ui_map_create(err, sizeof err);
    int zh = core_tr_lang() == CORE_LANG_ZH;
    ui_tr_missing_reset();
    CHECK_MSG(ui_render_map(s, w, w->turn, 1.0, 0.25, m, err, sizeof err) == 0, "%s", err);
    ut_check_no_keys("map", W, H);
    ut_keep_png(s, "map", W, H);
    if (getenv("CL_UI_TEST_PNG")) /* to look at what the test checks */
        IMG_SavePNG(s, getenv("CL_UI_TEST_PNG"));

    /* The hub at the centre of the view, horizontally at the middle of the image. */
    const UiMapNode *hub = ui_map_node(m, UT_HUB);
    CHECK_NEAR(hub->x, W / 2.0, 1e-3);
    SDL_Color c = ut_pixel(s, (int)hub->x, (int)hub->y);
    CHECK_MSG(ut_near(c, th->hub, 3), "hub centre pixel %d,%d,%d", c.r, c.g, c.b);
    /* Every other node where the layout says, in the node colour, with the background just
     * beyond its rim on the side away from the hub where no label sits... at least not the
     * node colour. */
    for (int i = 0; i < ui_map_node_count(m); i++) {
        if (i == UT_HUB)
            continue;
        const UiMapNode *nd = ui_map_node(m, i);
        c = ut_pixel(s, (int)nd->x, (int)nd->y);
        CHECK_MSG(ut_near(c, th->node, 3), "node %d centre pixel %d,%d,%d", i, c.r, c.g, c.b);
        c = ut_pixel(s, (int)(nd->x + nd->r * 0.6f), (int)nd->y);
        CHECK(ut_near(c, th->node, 3));
    }
    /* Labels: text pixels inside each plate, and no plate over any node. */
    for (int i = 0; i < ui_map_node_count(m); i++) {
        SDL_FRect r = ui_map_node(m, i)->label;
        CHECK(r.w > 0 && r.h > 0);
        int bright = 0;
        for (int y = (int)r.y; y < (int)(r.y + r.h); y++)
            for (int x = (int)r.x; x < (int)(r.x + r.w); x++)
                bright += ut_near(ut_pixel(s, x, y), th->text, 40);
        CHECK_MSG(bright > 30, "label of %d has %d text pixels", i, bright);
        CHECK_MSG(r.x >= 0 && r.y >= 0 && r.x + r.w <= W && r.y + r.h <= H,
                  "label of %d outside the map", i);
        for (int j = 0; j < ui_map_node_count(m); j++) {
            const UiMapNode *o = ui_map_node(m, j);
            CHECK_MSG(!rect_hits_circle(r, o->x, o->y, o->r), "label of %d over node %d", i, j);
            SDL_FRect q = o->label;
            if (j != i)
                CHECK_MSG(r.x + r.w <= q.x || q.x + q.w <= r.x || r.y + r.h <= q.y ||
                              q.y + q.h <= r.y,
                          "label of %d over label of %d", i, j);
        }
    }
    /* Particles: on their edge's segment, drawn in their colour, moving towards the payee. */
    int checked = 0;
    for (int k = 0; k < ui_map_edge_count(m); k++) {
        const UiMapEdge *e = ui_map_edge(m, k);
        SDL_FPoint p[32], q[32];
        int n = ui_map_particles(m, k, 0.25, p, 32);
        CHECK(n == ui_map_particles(m, k, 0.30, q, 32));
        CHECK((n > 0) == (e->monthly_active > 0.0));
        float dx = e->x1 - e->x0, dy = e->y1 - e->y0, l2 = dx * dx + dy * dy;
        for (int j = 0; j < n; j++) {
            float t = ((p[j].x - e->x0) * dx + (p[j].y - e->y0) * dy) / l2;
            float ex = e->x0 + t * dx - p[j].x, ey = e->y0 + t * dy - p[j].y;
            CHECK(t >= 0.0f && t <= 1.0f);
            CHECK(sqrtf(ex * ex + ey * ey) < 0.01f);
            float t2 = ((q[j].x - e->x0) * dx + (q[j].y - e->y0) * dy) / l2;
            CHECK(t2 > t || t > 0.9f); /* forward, or wrapped around at the payee */
            SDL_Color want = ui_shade(th->family[e->family], 0.55);
            SDL_Color got = ut_pixel(s, (int)lroundf(p[j].x), (int)lroundf(p[j].y));
            int covered = 0; /* a node, plate or badge may sit over a dot */
            for (int i = 0; i < ui_map_node_count(m); i++) {
                const UiMapNode *o = ui_map_node(m, i);
                covered |= hypotf(p[j].x - o->x, p[j].y - o->y) < o->r + 8.0f;
                SDL_FRect r = ui_map_node(m, i)->label, b = ui_map_node(m, i)->badge,
                          tg = ui_map_node(m, i)->tag;
                covered |= tg.w > 0 && p[j].x >= tg.x - 2 && p[j].x <= tg.x + tg.w + 2 &&
                           p[j].y >= tg.y - 2 && p[j].y <= tg.y + tg.h + 2;
                covered |= p[j].x >= r.x - 2 && p[j].x <= r.x + r.w + 2 && p[j].y >= r.y - 2 &&
                           p[j].y <= r.y + r.h + 2;
                covered |= b.w > 0 && p[j].x >= b.x - 2 && p[j].x <= b.x + b.w + 2 &&
                           p[j].y >= b.y - 2 && p[j].y <= b.y + b.h + 2;
            }
            if (!covered) {
                CHECK_MSG(ut_near(got, want, 6), "particle %d of edge %d: %d,%d,%d", j, k, got.r,
                          got.g, got.b);
                checked++;
            }
        }
    }
    CHECK(checked > 0);

    /* Hit test and tooltips. */
    char tip[1024];
    int contract_tips = 0;
    for (int i = 0; i < ui_map_node_count(m); i++) {
        const UiMapNode *nd = ui_map_node(m, i);
        UiMapHit h = ui_map_hit(m, nd->x, nd->y);
        CHECK(h.kind == UI_HIT_NODE && h.index == i);
        CHECK(ui_map_tooltip(m, h, tip, sizeof tip) > 0);
        CHECK(strstr(tip, core_tr_content(w->sc->actors[i].name)) == tip);
        CHECK(strstr(tip, zh ? "市值" : "market value") != NULL);
        CHECK(strstr(tip, zh ? "承诺付款" : "obligations") != NULL);
        /* Exposure to every counterparty, and the largest of them by name (any actor, not only
         * towards the hub); none when it is exposed to no one. */
        const SimSnap *snx = sim_snap(w, w->turn, i);
        if (snx->top >= 0 && snx->exposure > 0.0) {
            char most[128];
            snprintf(most, sizeof most, zh ? "最大对手方%s" : "most to %s",
                     core_tr_content(w->sc->actors[snx->top].name));
            CHECK_MSG(strstr(tip, most) != NULL, "%s lacks %s", tip, most);
        } else {
            CHECK(strstr(tip, zh ? "风险敞口" : "exposure ") == NULL);
        }
        /* The balance sheet: its value on fundamentals, its default risk over the market's
         * horizon and (the month just played) what lenders would still lend, as the world has
         * them; for the hub also what it could sell against what it sells. */
        const SimSnap *sn = sim_snap(w, w->turn, i);
        char want[128], fig[32];
        ui_desk_premium_text(sn->market_value, sn->fundamental, want, sizeof want);
        CHECK_MSG(strstr(tip, want) != NULL, "%s lacks %s", tip, want);
        ui_fmt_prob(sn->pd, fig, sizeof fig);
        if (zh)
            snprintf(want, sizeof want, "%g年内违约风险%s", w->sc->market.merton_horizon, fig);
        else
            snprintf(want, sizeof want, "default risk %s within %g years", fig,
                     w->sc->market.merton_horizon);
        CHECK_MSG(strstr(tip, want) != NULL, "%s lacks %s", tip, want);
        if (w->actors[i].val.room >= 0.05)
            CHECK(strstr(tip, ui_fmt_money(w->actors[i].val.room, fig, sizeof fig)) != NULL &&
                  strstr(tip, zh ? "贷方还愿再借" : "lenders would lend") != NULL);
        /* Circularity: the pooled figure, and for a vendor of the hub the one by contract
         * beside it, naming the hub (the range's two ends). */
        double contract = ui_circ_contract(w, i, w->turn, 0);
        if (contract >= 0.005) {
            snprintf(want, sizeof want,
                     zh ? "按与%s的合同算，最多%.0f%%" : "by contract with %s, up to %.0f%%",
                     core_tr_content(w->sc->actors[UT_HUB].name), contract * 100.0);
            CHECK_MSG(strstr(tip, want) != NULL, "%s lacks %s", tip, want);
            contract_tips++;
        } else {
            CHECK(strstr(tip, zh ? "按与" : "by contract") == NULL);
        }
        int sells = strstr(tip, zh ? "每年可卖" : "could sell") != NULL;
        CHECK_MSG(sells == (i == UT_HUB), "%s", tip);
        if (i == UT_HUB) {
            CHECK(strstr(tip, ui_fmt_money(w->info[w->turn].demand, fig, sizeof fig)) != NULL);
            int bound = sn->revenue < w->info[w->turn].demand * 0.995;
            CHECK(strstr(tip, bound ? (zh ? "受算力所限" : "compute-bound")
                                    : (zh ? "受需求所限" : "demand-bound")) != NULL);
        }
    }
    printf("map %dx%d: %d tooltips with circularity by contract\n", W, H, contract_tips);
    CHECK(contract_tips > 0); /* the fixture's vendor financed the hub that pays it */
    CHECK(ui_map_hit(m, 2, H - 2).kind == UI_HIT_NONE);
    CHECK(ui_map_tooltip(m, ui_map_hit(m, 2, H - 2), tip, sizeof tip) == 0);
    int edges_hit = 0, deal_words = 0;
    for (int k = 0; k < ui_map_edge_count(m); k++) {
        const UiMapEdge *e = ui_map_edge(m, k);
        float mx = (e->x0 + e->x1) / 2, my = (e->y0 + e->y1) / 2;
        UiMapHit h = ui_map_hit(m, mx, my);
        if (h.kind == UI_HIT_EDGE && h.index == k) {
            edges_hit++;
            CHECK(ui_map_tooltip(m, h, tip, sizeof tip) > 0);
            CHECK(strstr(tip, zh ? "个月" : "months") != NULL &&
                  strstr(tip, zh ? "已付" : "paid") != NULL);
            CHECK(strstr(tip, ui_map_family_name(e->family)) != NULL);
            /* A deal's tag is an id ("msft-exclusivity"): the tip gives the deal's words (a
             * running deal's text), never the id. */
            for (int j = 0; j < e->n_deals && j < UI_MAP_EDGE_DEALS; j++) {
                const SimDeal *dl = &w->deals[e->deals[j]];
                if (dl->tag[0] && strcmp(core_tr_content(dl->tag), dl->tag) == 0)
                    CHECK_MSG(strstr(tip, dl->tag) == NULL, "%s", tip);
                for (int q = 0; q < w->sc->n_initial; q++)
                    if (dl->tag[0] && strcmp(w->sc->initial[q].tag, dl->tag) == 0 &&
                        w->sc->initial[q].text[0]) {
                        CHECK_MSG(strstr(tip, core_tr_content(w->sc->initial[q].text)) != NULL,
                                  "%s", tip);
                        deal_words++;
                    }
            }
            if (!zh)
                CHECK(strcmp(ui_map_family_name(e->family), ui_family_name(e->family)) == 0);
        }
    }
    CHECK(edges_hit > 0);
    (void)deal_words;
    ut_check_no_keys("tooltips", W, H);
    /* The same world, turn and phase render to the same pixels. */
    SDL_Surface *s2 = ui_png_surface(W, H, err, sizeof err);
    CHECK(ui_render_map(s2, w, w->turn, 1.0, 0.25, NULL, err, sizeof err) == 0);
    int same = 1;
    for (int y = 0; y < H && same; y++)
        same = memcmp((Uint8 *)s->pixels + (size_t)y * s->pitch,
                      (Uint8 *)s2->pixels + (size_t)y * s2->pitch, (size_t)W * 4) == 0;
    CHECK(same);
    SDL_FreeSurface(s2);
    ui_map_destroy(m);
    SDL_FreeSurface(s);
}

/* At the opening (turn 0) nothing is live and nothing moves; the map still draws. */
static void test_opening(const SimWorld *w)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(640, 400, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK(ui_render_map(s, w, 0, 0.6, 0.0, m, err, sizeof err) == 0);
    for (int k = 0; k < ui_map_edge_count(m); k++) {
        SDL_FPoint p[4];
        CHECK(ui_map_particles(m, k, 0.5, p, 4) == 0);
    }
    ui_map_destroy(m);
    SDL_FreeSurface(s);
}

/* The legend wraps inside the map's share of a 1280x800 screen, every entry whole. */
static void test_legend(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = ui_draw_create(r, 0.85, NULL, err, sizeof err);
    CHECK_MSG(d != NULL, "%s", err);
    SDL_FRect map = {0, 0, W * 0.64f, H * 0.7f};
    float lh = ui_map_legend_height(d, map.w - ui_px(d, 40));
    SDL_FRect area = {ui_px(d, 20), map.h - lh, map.w - ui_px(d, 40), lh};
    ui_tr_missing_reset();
    SDL_FRect box = ui_map_draw_legend(d, area);
    ut_check_no_keys("legend", W, H);
    CHECK(box.w > 0 && box.h > ui_px(d, 17) * 2.0f); /* more than one row at this width */
    CHECK_MSG(box.x >= map.x && box.x + box.w <= area.x + area.w, "legend %.0f..%.0f of %.0f",
              box.x, box.x + box.w, area.x + area.w);
    CHECK(box.y >= area.y && box.y + box.h <= map.y + map.h);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The order of failures on the map: the cascade loop (tests/data/cascade.json) played to its
 * end; each failed firm carries its number in its node, drawn in the colour of a fall, and its
 * tooltip says its place, its round and its systemic weight. */
static void test_failures(uint64_t seed)
{
    char err[256] = "";
    SimScenario *sc = dat_scenario_load(CL_TESTDATA "/cascade.json", err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return;
    SimWorld *w = ut_history_world(sc, seed);
    sim_scenario_free(sc);
    if (!w)
        return;
    while (sim_turn_step(w, err, sizeof err) == 0)
        ;
    int first = -1, failed = 0;
    for (int i = 0; i < w->n; i++) {
        failed += sim_default_turn(w, i) >= 0;
        if (sim_default_order(w, i) == 1)
            first = i;
    }
    CHECK(failed >= 1 && first >= 0);
    const UiTheme *th = ui_theme_dark();
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK(s && m);
    if (s && m && first >= 0) {
        CHECK_MSG(ui_render_map(s, w, w->turn, 1.0, 0.25, m, err, sizeof err) == 0, "%s", err);
        for (int i = 0; i < w->n; i++) {
            int o = ui_map_fail_order(m, i);
            CHECK(o == sim_default_order(w, i));
            const UiMapNode *nd = ui_map_node(m, i);
            /* Some pixel of the number, in the colour of a fall, within the node. */
            int seen = 0;
            for (int dy = -6; dy <= 6 && !seen; dy++)
                for (int dx = -6; dx <= 6 && !seen; dx++)
                    seen = ut_near(ut_pixel(s, (int)nd->x + dx, (int)nd->y + dy), th->down, 40);
            CHECK_MSG(seen == (o > 0), "node %d: order %d, number drawn %d", i, o, seen);
        }
        char tip[1024];
        UiMapHit hit = {UI_HIT_NODE, first};
        CHECK(ui_map_tooltip(m, hit, tip, sizeof tip) > 0);
        CHECK_MSG(strstr(tip, core_tr_lang() == CORE_LANG_ZH ? "第1个倒下" : "the 1st to fail"),
                  "%s", tip);
        /* Before the first failure no node carries a number. */
        int t0 = sim_default_turn(w, first);
        CHECK(ui_map_layout(m, w, t0, (SDL_FRect){0, 0, W, H}, 1.0, err, sizeof err) == 0);
        for (int i = 0; i < w->n; i++)
            CHECK(ui_map_fail_order(m, i) == 0);
    }
    ui_map_destroy(m);
    SDL_FreeSurface(s);
    sim_world_destroy(w);
}

/* An edge's tooltip in the 2025 scenario: the deals running from the start say what they are
 * (Microsoft's exclusivity: "...only cloud..."), never their tag. */
static void test_deal_words(void)
{
    char err[256] = "";
    SimScenario *sc = dat_scenario_load(CL_TESTDATA "/../../assets/scenarios/closed-loop-2025.json",
                                        err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    SimWorld *w = ut_history_world(sc, 1);
    sim_scenario_free(sc);
    if (!w)
        return;
    CHECK(sim_turn_step(w, err, sizeof err) == 0);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK(m &&
          ui_map_layout(m, w, w->turn, (SDL_FRect){0, 0, 1280, 800}, 1.0, err, sizeof err) == 0);
    int seen = 0;
    char tip[2048];
    for (int k = 0; m && k < ui_map_edge_count(m); k++) {
        UiMapHit h = {UI_HIT_EDGE, k};
        CHECK(ui_map_tooltip(m, h, tip, sizeof tip) > 0);
        CHECK_MSG(strstr(tip, "msft-exclusivity") == NULL, "%s", tip);
        seen += strstr(tip, core_tr_content(w->sc->initial[0].text)) != NULL;
    }
    CHECK_MSG(strcmp(w->sc->initial[0].tag, "msft-exclusivity") == 0, "%s", w->sc->initial[0].tag);
    CHECK(seen == 1);
    ui_map_destroy(m);
    sim_world_destroy(w);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_failures(3);
    SimWorld *w = ut_world(4);
    if (!w)
        TEST_END();
    test_layout(w);
    test_render(w);
    test_opening(w);
    test_legend();
    /* In Chinese: labels, tags and badges placed clear of each other and of the nodes, wider
     * glyphs and all; tooltips and legend from the tables. */
    test_lang_use(CORE_LANG_ZH);
    test_render(w);
    test_legend();
    test_failures(3);
    test_deal_words();
    test_lang_use(CORE_LANG_EN);
    test_deal_words();
    sim_world_destroy(w);
    TEST_END();
}
