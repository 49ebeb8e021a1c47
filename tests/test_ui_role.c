/* test_ui_role: playing a role. The desk as data (ui_desk: the offers listed, answers, drafts
 * checked by the engine's own rules, the intents that come out and what the world does with
 * them) and as pixels (ui_role through ui_screen, headless at 1280x800 and 1920x1080: the desk
 * in the panel's place, the offer buttons where the hit test finds them, the dialog's numbers
 * drawn and equal to the world's, the hand-over screen). CLOSEDLOOP_TEST_PNG=DIR keeps the
 * screens as PNG files for a person to look at. */
#include "sim_turn.h"
#include "sim_native.h"
#include "test_ui_util.h"
#include "ui_desk.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_map.h"
#include "ui_png.h"
#include "ui_screen.h"

#include <SDL_image.h>

#include <stdio.h>
#include <string.h>

/* The synthetic loop after one month: the hub's compute offer waits for the vendor's answer,
 * and the vendor's and the investor's equity offers wait for the hub's. */
static SimWorld *world_after_one(void)
{
    return ut_world(1);
}

static int find_offer(const UiDesk *k, const SimWorld *w, int proposer)
{
    for (int i = 0; i < k->n_offers; i++)
        if (w->deals[k->offers[i].deal].proposer == proposer)
            return i;
    return -1;
}

/* ---------------------------------------------------------------- the desk as data */

static void test_offers_and_intents(void)
{
    SimWorld *w = world_after_one();
    if (!w)
        return;
    UiDesk k;
    ui_desk_open(&k, w, UT_HUB);
    CHECK(k.me == UT_HUB && k.turn == 1);
    CHECK_MSG(k.n_offers == 2, "%d offers to the hub", k.n_offers);
    int fv = find_offer(&k, w, UT_VENDOR), fi = find_offer(&k, w, UT_INVESTOR);
    CHECK(fv >= 0 && fi >= 0 && fv != fi);
    CHECK(k.sel == 0);
    for (int i = 0; i < k.n_offers; i++)
        CHECK(k.offers[i].answer == UI_ANS_WAIT);
    /* Nothing answered: no intents. */
    SimIntentList l;
    memset(&l, 0, sizeof l);
    ui_desk_intents(&k, &l);
    CHECK(l.n == 0);

    /* The vendor's desk has the hub's compute offer, in the engine's words (the fixture gives
     * none of its own). */
    UiDesk kv;
    ui_desk_open(&kv, w, UT_VENDOR);
    CHECK(kv.n_offers == 1 && find_offer(&kv, w, UT_HUB) == 0);
    char buf[256];
    ui_desk_terms_text(w, UT_VENDOR, &w->deals[kv.offers[0].deal].t, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "capacity contract") && strstr(buf, "pays you") && strstr(buf, "$120B"),
              "%s", buf);

    /* Accept one, answer twice to take it back, reject the other. */
    ui_desk_answer(&k, fv, UI_ANS_ACCEPT);
    ui_desk_answer(&k, fv, UI_ANS_ACCEPT);
    CHECK(k.offers[fv].answer == UI_ANS_WAIT);
    ui_desk_answer(&k, fv, UI_ANS_ACCEPT);
    ui_desk_answer(&k, fi, UI_ANS_REJECT);
    /* A proposal of its own: the default draft is one the engine takes. */
    ui_desk_draft_new(&k, w);
    CHECK(k.draft.open && k.draft.counter_of < 0);
    CHECK_MSG(k.draft.valid, "default draft: %s", k.draft.verdict);
    ui_desk_type(&k, w, "x"); /* the focus is on the counterparty: typing does nothing */
    CHECK(k.draft.valid);
    CHECK(ui_desk_draft_commit(&k, w) == 0);
    CHECK(!k.draft.open && k.n_own == 1);
    memset(&l, 0, sizeof l);
    ui_desk_intents(&k, &l);
    CHECK(l.n == 3);
    int acc = 0, rej = 0, pro = 0;
    for (int i = 0; i < l.n; i++) {
        acc += l.v[i].kind == SIM_INTENT_ACCEPT && l.v[i].deal == k.offers[fv].deal;
        rej += l.v[i].kind == SIM_INTENT_REJECT && l.v[i].deal == k.offers[fi].deal;
        pro += l.v[i].kind == SIM_INTENT_PROPOSE && l.v[i].terms.payer == UT_HUB;
    }
    CHECK(acc == 1 && rej == 1 && pro == 1);
    sim_world_destroy(w);
}

/* What the person decided is what the world does: the desk's intents through a person's seat. */
static void test_desk_moves_the_world(void)
{
    SimWorld *w = world_after_one();
    if (!w)
        return;
    SimStrategy s;
    CHECK(sim_strategy_native("human", &s) == 0);
    sim_world_set_strategy(w, UT_HUB, s);
    UiDesk k;
    ui_desk_open(&k, w, UT_HUB);
    int fv = find_offer(&k, w, UT_VENDOR), fi = find_offer(&k, w, UT_INVESTOR);
    if (fv < 0 || fi < 0) {
        CHECK(0);
        sim_world_destroy(w);
        return;
    }
    int dv = k.offers[fv].deal, di = k.offers[fi].deal;
    ui_desk_answer(&k, fi, UI_ANS_REJECT);
    /* Counter the vendor's equity offer with half the amount, typed in. */
    ui_desk_draft_counter(&k, w, fv);
    CHECK(k.draft.open && k.draft.counter_of == fv && k.draft.focus == UI_F_AMOUNT);
    CHECK(k.draft.t.amount == w->deals[dv].t.amount);
    ui_desk_type(&k, w, "30");
    CHECK(k.draft.t.amount == 30.0);
    ui_desk_focus(&k, 1);
    CHECK(k.draft.focus != UI_F_OTHER); /* a counter keeps its parties */
    k.draft.focus = UI_F_REASON;
    ui_desk_type(&k, w, "half now, the rest when we see revenue");
    ui_desk_backspace(&k, w);
    CHECK(strcmp(k.draft.reason, "half now, the rest when we see revenu") == 0);
    CHECK_MSG(ui_desk_draft_commit(&k, w) == 0, "%s", k.draft.verdict);
    CHECK(k.offers[fv].answer == UI_ANS_COUNTER && k.offers[fv].counter.amount == 30.0);

    SimIntentList *q = sim_strategy_queue(&w->actors[UT_HUB].strategy);
    CHECK(q != NULL);
    if (q)
        ui_desk_intents(&k, q);
    char err[256] = "";
    int before = w->n_deals;
    CHECK_MSG(sim_turn_step(w, err, sizeof err) >= 0, "%s", err);
    CHECK(w->deals[di].status == SIM_DS_REJECTED);
    CHECK(w->deals[dv].status == SIM_DS_COUNTERED);
    int found = 0;
    for (int d = before; d < w->n_deals; d++)
        if (w->deals[d].parent == dv && w->deals[d].proposer == UT_HUB &&
            w->deals[d].t.amount == 30.0 &&
            strcmp(w->deals[d].reason, "half now, the rest when we see revenu") == 0)
            found++;
    CHECK_MSG(found == 1, "counter-proposals found: %d", found);
    sim_world_destroy(w);
}

static void test_draft_rules(void)
{
    SimWorld *w = world_after_one();
    if (!w)
        return;
    UiDesk k;
    ui_desk_open(&k, w, UT_VENDOR);
    ui_desk_draft_new(&k, w);
    /* Every kind, chosen in the dialog, starts from terms the engine's own check accepts. */
    for (int n = 0; n < SIM_DEAL_KIND_COUNT; n++) {
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
        char err[256] = "";
        CHECK_MSG(sim_terms_check(&k.draft.t, w->n, err, sizeof err) == 0, "%s: %s",
                  sim_deal_kind_name(k.draft.t.kind), err);
        CHECK(k.draft.t.payer == UT_VENDOR || k.draft.t.payee == UT_VENDOR);
        for (int f = 0; f < UI_F_COUNT; f++) {
            char v[128];
            ui_desk_field_text(&k, w, (UiField)f, v, sizeof v);
            CHECK(f == UI_F_REASON || v[0] != '\0');
        }
    }
    /* Back to a compute contract the vendor sells. */
    while (k.draft.t.kind != SIM_DEAL_EQUITY)
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
    CHECK(k.draft.t.payer == UT_VENDOR && k.draft.t.payee == UT_HUB);
    /* Who pays flips; the counterparty cycles past the player and never lands on it. */
    ui_desk_step(&k, w, UI_F_SIDE, 1, 0);
    CHECK(k.draft.t.payer == UT_HUB && k.draft.t.payee == UT_VENDOR);
    ui_desk_step(&k, w, UI_F_SIDE, 1, 0);
    for (int n = 0; n < 2 * w->n; n++) {
        ui_desk_step(&k, w, UI_F_OTHER, n % 3 ? 1 : -1, 0);
        CHECK(k.draft.t.payer == UT_VENDOR && k.draft.t.payee != UT_VENDOR);
    }
    /* Steps stay within the engine's ranges. */
    k.draft.focus = UI_F_MONTHS;
    for (int n = 0; n < 80; n++)
        ui_desk_step(&k, w, UI_F_MONTHS, -1, 1);
    CHECK(k.draft.t.months == 1);
    ui_desk_step(&k, w, UI_F_AMOUNT, 1, 0);
    double a = k.draft.t.amount;
    ui_desk_step(&k, w, UI_F_AMOUNT, -1, 0);
    CHECK(k.draft.t.amount < a);
    for (int n = 0; n < 400; n++)
        ui_desk_step(&k, w, UI_F_AMOUNT, -1, 1);
    CHECK(k.draft.t.amount == 0.0);
    /* An amount larger than the whole vendor: refused as such, with both figures; the dialog
     * stays open with the draft as it was. */
    k.draft.focus = UI_F_AMOUNT;
    ui_desk_type(&k, w, "90000");
    CHECK(k.draft.t.amount == 90000.0);
    CHECK(!k.draft.valid && k.draft.refusal.code == SIM_REFUSE_TOO_BIG &&
          k.draft.refusal.actor == UT_VENDOR && k.draft.refusal.a == 90000.0 &&
          k.draft.refusal.b > 0.0 && k.draft.refusal.b * SIM_ABSURD_MULTIPLE < 90000.0);
    CHECK_MSG(strncmp(k.draft.verdict,
                      "The engine would refuse it: larger than the whole company: ", 59) == 0 &&
                  strstr(k.draft.verdict, " would commit $90.00T, but the whole company is worth "
                                          "only $"),
              "%s", k.draft.verdict);
    /* The dialog at 1280x720 shows that refusal whole: wrapped left of the buttons, not cut
     * with an ellipsis, and no line of it runs under a button. */
    {
        char err[256] = "";
        SDL_Surface *s = ui_png_surface(1280, 720, err, sizeof err);
        SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
        UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
        CHECK_MSG(d != NULL, "%s", err);
        if (d) {
            UiRoleGeom g;
            UiTextTrace t[512];
            ui_role_geom_clear(&g);
            ui_draw_trace(d, t, 512);
            ui_role_draw_dialog(d, (SDL_FRect){0, 0, 1280, 720}, w, &k, -1, -1, &g);
            int n = ui_draw_traced(d), lines = 0;
            ui_draw_trace(d, NULL, 0);
            char joined[1024] = "";
            for (int i = 0; i < n && i < 512; i++) {
                SDL_FRect b = t[i].box;
                if (b.y < g.verdict.y - 1 || b.y > g.verdict.y + g.verdict.h ||
                    b.x + b.w > g.btn_ok.x || strstr(k.draft.verdict, t[i].text) == NULL)
                    continue;
                lines++;
                CHECK_MSG(strstr(t[i].text, "\xE2\x80\xA6") == NULL, "cut: %s", t[i].text);
                CHECK(b.x + b.w <= g.btn_ok.x && b.y + b.h <= g.dialog.y + g.dialog.h);
                strncat(joined, t[i].text, sizeof joined - strlen(joined) - 1);
            }
            CHECK_MSG(lines >= 2 && strstr(joined, "whole company is worth"), "%d lines: %s", lines,
                      joined);
            ui_draw_destroy(d);
        }
        if (r)
            SDL_DestroyRenderer(r);
        SDL_FreeSurface(s);
    }
    /* sim/ still writes its English line for logs and scripts, the same with or without the
     * reason as data. */
    SimIntent in = {
        .kind = SIM_INTENT_PROPOSE, .deal = -1, .history_event = -1, .terms = k.draft.t};
    char e1[256] = "", e2[256] = "";
    SimRefusal why;
    CHECK(sim_turn_validate(w, UT_VENDOR, &in, e1, sizeof e1) == -1);
    CHECK(sim_turn_validate_why(w, UT_VENDOR, &in, &why, e2, sizeof e2) == -1);
    CHECK_MSG(strcmp(e1, e2) == 0 &&
                  strncmp(e1,
                          "larger than the whole company: Nvidia would commit $90000B, more "
                          "than 5 times its market value of $",
                          89) == 0,
              "%s", e1);
    CHECK(why.code == SIM_REFUSE_TOO_BIG && why.kind == k.draft.t.kind);
    CHECK(ui_desk_draft_commit(&k, w) == -1 && k.draft.open && k.n_own == 0);
    ui_desk_draft_cancel(&k);
    CHECK(!k.draft.open);
    /* At most UI_DESK_OWN proposals a month; a removed one frees a slot. */
    for (int n = 0; n < UI_DESK_OWN + 2; n++) {
        ui_desk_draft_new(&k, w);
        k.draft.focus = UI_F_AMOUNT;
        ui_desk_type(&k, w, "1");
        ui_desk_draft_commit(&k, w);
        ui_desk_draft_cancel(&k);
    }
    CHECK(k.n_own == UI_DESK_OWN);
    ui_desk_remove_own(&k, 0);
    CHECK(k.n_own == UI_DESK_OWN - 1);
    sim_world_destroy(w);
}

static void test_facts(void)
{
    SimWorld *w = world_after_one();
    if (!w)
        return;
    char label[10][UI_DESK_FACT_LEN], value[10][UI_DESK_FACT_LEN], want[64];
    int n = ui_desk_facts(w, UT_VENDOR, label, value, 10);
    CHECK(n >= 5);
    CHECK(strcmp(label[0], "Cash") == 0);
    CHECK(strcmp(value[0],
                 ui_fmt_money(sim_snap(w, w->turn, UT_VENDOR)->cash, want, sizeof want)) == 0);
    CHECK(strcmp(label[2], "Exposure to others") == 0);
    CHECK(strcmp(value[2],
                 ui_fmt_money(sim_snap(w, w->turn, UT_VENDOR)->exposure, want, sizeof want)) == 0);
    /* The balance sheet's rows: value on fundamentals against the price, default risk over the
     * market's horizon, what lenders would still lend, each the world's figure. */
    const SimSnap *sv = sim_snap(w, w->turn, UT_VENDOR);
    char fig[32], line[UI_DESK_FACT_LEN];
    int seen = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(label[i], "On fundamentals") == 0) {
            seen |= 1;
            CHECK(strcmp(value[i], ui_desk_premium_text(sv->market_value, sv->fundamental, line,
                                                        sizeof line)) == 0);
        } else if (strcmp(label[i], "Default risk") == 0) {
            seen |= 2;
            snprintf(line, sizeof line, "%s within %g years", ui_fmt_prob(sv->pd, fig, sizeof fig),
                     w->sc->market.merton_horizon);
            CHECK_MSG(strcmp(value[i], line) == 0, "%s", value[i]);
        } else if (strcmp(label[i], "Lenders would lend") == 0) {
            seen |= 4;
            double room = w->actors[UT_VENDOR].val.room;
            if (room >= 0.05)
                snprintf(line, sizeof line, "%s more", ui_fmt_money(room, fig, sizeof fig));
            else
                snprintf(line, sizeof line, "nothing more");
            CHECK_MSG(strcmp(value[i], line) == 0, "%s", value[i]);
        }
    }
    CHECK_MSG(seen == 7, "balance-sheet rows seen: %d", seen);
    n = ui_desk_facts(w, UT_HUB, label, value, 10);
    CHECK(n >= 5 && strcmp(label[1], "Revenue") == 0);
    CHECK(n == 8); /* cash, revenue, owed, value, fundamentals, risk, credit, last */
    CHECK(ui_desk_facts(w, -1, label, value, 10) == 0);
    sim_world_destroy(w);
}

/* The price against the value on fundamentals, in words: above, below, about the same, or a
 * price that is nearly all story. */
static void test_premium_text(void)
{
    char buf[128];
    CHECK_MSG(
        strcmp(ui_desk_premium_text(118.0, 100.0, buf, sizeof buf), "$100B, priced 18% above") == 0,
        "%s", buf);
    CHECK(strcmp(ui_desk_premium_text(60.0, 100.0, buf, sizeof buf), "$100B, priced 40% below") ==
          0);
    CHECK(strcmp(ui_desk_premium_text(101.0, 100.0, buf, sizeof buf), "$100B, about the price") ==
          0);
    CHECK(strstr(ui_desk_premium_text(500.0, 0.0, buf, sizeof buf), "mostly story") != NULL);
    test_lang_use(CORE_LANG_ZH);
    CHECK_MSG(
        strcmp(ui_desk_premium_text(118.0, 100.0, buf, sizeof buf), "1000亿美元，市价高出18%") == 0,
        "%s", buf);
    test_lang_use(CORE_LANG_EN);
}

/* No table key shows instead of a text (core_tr gives the key when a text is missing). */
static int no_keys(const char *s)
{
    return !strstr(s, "desk.") && !strstr(s, "role.") && !strstr(s, "refuse.") &&
           !strstr(s, "money.");
}

/* The same desk in Chinese: the dialog's numbers in Chinese money, the engine's refusal said in
 * Chinese (the same reason as data), every field, term and number a text of the table. */
static void test_chinese(void)
{
    test_lang_use(CORE_LANG_ZH);
    SimWorld *w = world_after_one();
    if (!w) {
        test_lang_use(CORE_LANG_EN);
        return;
    }
    UiDesk k;
    ui_desk_open(&k, w, UT_VENDOR);
    char buf[400], want[64];
    ui_desk_terms_text(w, UT_VENDOR, &w->deals[k.offers[0].deal].t, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "产能合同") && strstr(buf, "向你支付") && strstr(buf, "1200亿美元") &&
                  no_keys(buf),
              "%s", buf);
    ui_desk_draft_new(&k, w);
    for (int n = 0; n < SIM_DEAL_KIND_COUNT; n++) {
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
        for (int f = 0; f < UI_F_COUNT; f++) {
            CHECK(no_keys(ui_desk_field_name((UiField)f)));
            ui_desk_field_text(&k, w, (UiField)f, buf, sizeof buf);
            CHECK_MSG(no_keys(buf), "%s", buf);
        }
        ui_desk_terms_text(w, UT_VENDOR, &k.draft.t, buf, sizeof buf);
        CHECK_MSG(no_keys(buf) && !strstr(buf, " pays ") && !strstr(buf, " over "), "%s", buf);
        CHECK_MSG(no_keys(k.draft.verdict), "%s", k.draft.verdict);
    }
    while (k.draft.t.kind != SIM_DEAL_EQUITY)
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
    k.draft.focus = UI_F_AMOUNT;
    ui_desk_type(&k, w, "25");
    ui_desk_field_text(&k, w, UI_F_AMOUNT, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "25十亿美元_") == 0, "%s", buf); /* typed: in $B, said so */
    k.draft.typed[0] = '\0';
    ui_desk_field_text(&k, w, UI_F_AMOUNT, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "250亿美元") == 0, "%s", buf);
    ui_desk_field_text(&k, w, UI_F_MONTHS, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "个月") != NULL, "%s", buf);
    CHECK_MSG(k.draft.valid && strstr(k.draft.verdict, "规则允许") &&
                  strstr(k.draft.verdict, "亿美元"),
              "%s", k.draft.verdict);
    /* Far over budget: the same reason as in English, in Chinese words and money. */
    ui_desk_type(&k, w, "0");
    CHECK(k.draft.refusal.code == SIM_REFUSE_NO_AMOUNT);
    CHECK_MSG(strcmp(k.draft.verdict, "引擎会拒绝：股权投资：金额必须大于0") == 0, "%s",
              k.draft.verdict);
    ui_desk_backspace(&k, w);
    ui_desk_type(&k, w, "90000");
    CHECK(k.draft.t.amount == 90000.0);
    CHECK(!k.draft.valid && k.draft.refusal.code == SIM_REFUSE_TOO_BIG);
    core_tr_money(k.draft.refusal.a, CORE_MONEY_FULL, want, sizeof want);
    CHECK_MSG(strstr(k.draft.verdict, "引擎会拒绝：比整家公司还大：") &&
                  strstr(k.draft.verdict, want) && strstr(k.draft.verdict, "万亿美元") &&
                  no_keys(k.draft.verdict) && !strstr(k.draft.verdict, "$"),
              "%s", k.draft.verdict);
    /* Every refusal the engine can give has its Chinese sentence, with no {k} left. */
    for (int c = SIM_REFUSE_NONE; c < SIM_REFUSE_COUNT; c++) {
        SimRefusal r = {(SimRefuseCode)c, SIM_DEAL_LOAN, UT_VENDOR, UT_HUB, 3, 12.0, 5.0};
        ui_desk_refusal_text(w, &r, buf, sizeof buf);
        CHECK_MSG(no_keys(buf) && !strchr(buf, '{') && !strstr(buf, "$"), "%d: %s", c, buf);
    }
    char label[8][UI_DESK_FACT_LEN], value[8][UI_DESK_FACT_LEN];
    int n = ui_desk_facts(w, UT_VENDOR, label, value, 8);
    CHECK(n >= 5 && strcmp(label[0], "现金") == 0);
    for (int i = 0; i < n; i++)
        CHECK_MSG(no_keys(label[i]) && no_keys(value[i]) && !strchr(value[i], '$'), "%s: %s",
                  label[i], value[i]);
    sim_world_destroy(w);
    test_lang_use(CORE_LANG_EN);
}

/* ---------------------------------------------------------------- the desk as pixels */

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static int text_pixels(SDL_Surface *s, SDL_FRect r, SDL_Color text)
{
    int n = 0;
    for (int y = (int)r.y; y < (int)(r.y + r.h); y++)
        for (int x = (int)r.x; x < (int)(r.x + r.w); x++)
            n += ut_near(ut_pixel(s, x, y), text, 60);
    return n;
}

static void keep_png(SDL_Surface *s, const char *name)
{
    const char *dir = getenv("CLOSEDLOOP_TEST_PNG");
    if (!dir || !*dir)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (IMG_SavePNG(s, path) < 0)
        fprintf(stderr, "%s: %s\n", path, SDL_GetError());
}

static void check_role_screen(SimWorld *w, int W, int H, double scale)
{
    char err[256] = "";
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
    const UiTheme *th = ui_draw_theme(d);
    UiDesk k;
    ui_desk_open(&k, w, UT_HUB);
    ui_desk_answer(&k, 0, UI_ANS_ACCEPT);
    ui_desk_draft_new(&k, w);
    ui_desk_draft_commit(&k, w);
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1, .desk = &k, .n_seats = 1};
    UiScreenGeom g;

    /* The desk in the panel's place, two offer cards with their buttons, the numbers. */
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.2, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    char name[64];
    snprintf(name, sizeof name, "role-desk-%s-%dx%d.png", core_lang_code(core_tr_lang()), W, H);
    keep_png(s, name);
    CHECK(g.role.desk.x == g.panel.x && g.role.desk.w == g.panel.w);
    CHECK(g.role.dialog.w == 0 && g.role.ready.w == 0);
    for (int i = 0; i < k.n_offers; i++) {
        CHECK_MSG(rect_in(g.role.offer[i], g.role.desk), "%dx%d: card %d out of the desk", W, H, i);
        CHECK(rect_in(g.role.accept[i], g.role.offer[i]) &&
              rect_in(g.role.reject[i], g.role.offer[i]));
        SDL_FRect b = g.role.accept[i];
        UiRoleHit h = ui_role_hit(&g.role, b.x + b.w / 2, b.y + b.h / 2);
        CHECK(h.action == UI_ROLE_ACCEPT && h.index == i);
        b = g.role.counter[i];
        h = ui_role_hit(&g.role, b.x + b.w / 2, b.y + b.h / 2);
        CHECK(h.action == UI_ROLE_COUNTER && h.index == i);
    }
    CHECK(rect_in(g.role.btn_end, g.role.desk) && rect_in(g.role.btn_new, g.role.desk));
    CHECK(rect_in(g.role.remove[0], g.role.desk));
    CHECK(g.role.offer[k.n_offers - 1].y + g.role.offer[k.n_offers - 1].h <= g.role.remove[0].y);
    UiRoleHit h = ui_role_hit(&g.role, g.role.btn_end.x + 3, g.role.btn_end.y + 3);
    CHECK(h.action == UI_ROLE_END);
    h = ui_role_hit(&g.role, g.map.x + 10, g.map.y + 10);
    CHECK(h.action == UI_ROLE_NONE);
    CHECK(g.role.n_facts >= 5);
    for (int i = 0; i < g.role.n_facts; i++)
        CHECK_MSG(rect_in(g.role.fact[i], g.role.desk) &&
                      text_pixels(s, g.role.fact[i], th->text) > 20,
                  "%dx%d: fact %d not drawn", W, H, i);

    /* The dialog: each shown row with its buttons, the numbers of both sides drawn. */
    ui_desk_draft_new(&k, w);
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.2, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    snprintf(name, sizeof name, "role-dialog-%s-%dx%d.png", core_lang_code(core_tr_lang()), W, H);
    keep_png(s, name);
    CHECK(rect_in(g.role.dialog, g.screen));
    for (int f = 0; f < UI_F_COUNT; f++) {
        int shown = ui_desk_field_shown(k.draft.t.kind, (UiField)f);
        CHECK((g.role.row[f].w > 0) == shown);
        if (shown) {
            CHECK_MSG(rect_in(g.role.row[f], g.role.dialog), "%dx%d: row %d", W, H, f);
            if (f != UI_F_REASON) {
                SDL_FRect b = g.role.plus[f];
                h = ui_role_hit(&g.role, b.x + b.w / 2, b.y + b.h / 2);
                CHECK(h.action == UI_ROLE_PLUS && h.index == f);
            }
        }
    }
    CHECK(g.role.n_mine >= 5 && g.role.n_theirs >= 5);
    for (int i = 0; i < g.role.n_mine; i++)
        CHECK_MSG(rect_in(g.role.mine[i], g.role.dialog) &&
                      text_pixels(s, g.role.mine[i], th->text) > 20,
                  "%dx%d: my number %d not drawn", W, H, i);
    for (int i = 0; i < g.role.n_theirs; i++)
        CHECK_MSG(rect_in(g.role.theirs[i], g.role.dialog) &&
                      text_pixels(s, g.role.theirs[i], th->text) > 20,
                  "%dx%d: their number %d not drawn", W, H, i);
    CHECK(rect_in(g.role.btn_ok, g.role.dialog) && rect_in(g.role.verdict, g.role.dialog));
    /* The verdict in the colour of its answer. */
    CHECK(text_pixels(s, g.role.verdict, k.draft.valid ? th->up : th->down) > 20);
    h = ui_role_hit(&g.role, g.role.btn_ok.x + 4, g.role.btn_ok.y + 4);
    CHECK(h.action == UI_ROLE_OK);
    h = ui_role_hit(&g.role, 2, 2); /* outside the dialog: modal */
    CHECK(h.action == UI_ROLE_INSIDE);

    /* A refused draft (the hub asks more than the other's budget): the engine's reason in the
     * verdict's place, in the refusal's colour. */
    ui_desk_step(&k, w, UI_F_SIDE, 1, 0); /* the other side pays: its budget holds */
    k.draft.focus = UI_F_AMOUNT;
    ui_desk_type(&k, w, "90000");
    CHECK_MSG(!k.draft.valid, "%s", k.draft.verdict);
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.2, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    snprintf(name, sizeof name, "role-refused-%s-%dx%d.png", core_lang_code(core_tr_lang()), W, H);
    keep_png(s, name);
    CHECK(text_pixels(s, g.role.verdict, th->down) > 20);

    /* Hot seat: the hand-over screen covers the desk and takes every click. */
    ui_desk_draft_cancel(&k);
    st.handover = 1;
    st.n_seats = 2;
    st.seat = 1;
    CHECK(ui_screen_draw(d, m, W, H, w, w->turn, 0.2, &st, &g, err, sizeof err) == 0);
    SDL_RenderPresent(r);
    snprintf(name, sizeof name, "role-handover-%s-%dx%d.png", core_lang_code(core_tr_lang()), W, H);
    keep_png(s, name);
    CHECK(rect_in(g.role.ready, g.role.handover) && rect_in(g.role.handover, g.screen));
    h = ui_role_hit(&g.role, g.role.ready.x + g.role.ready.w / 2, g.role.ready.y + 5);
    CHECK(h.action == UI_ROLE_READY);
    h = ui_role_hit(&g.role, g.role.btn_end.x + 3, g.role.btn_end.y + 3);
    CHECK(h.action == UI_ROLE_INSIDE);

    ui_map_destroy(m);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_offers_and_intents();
    test_desk_moves_the_world();
    test_draft_rules();
    test_facts();
    test_premium_text();
    SimWorld *w = world_after_one();
    if (w) {
        check_role_screen(w, 1280, 800, 1.0);
        check_role_screen(w, 1920, 1080, 1.35);
        sim_world_destroy(w);
    }
    test_chinese();
    /* The screens in Chinese, checked as in English. */
    test_lang_use(CORE_LANG_ZH);
    w = world_after_one();
    if (w) {
        check_role_screen(w, 1280, 800, 1.0);
        check_role_screen(w, 1920, 1080, 1.35);
        sim_world_destroy(w);
    }
    TEST_END();
}
