/* test_ui_desk_draft: the deal dialog explains instead of surprising (ui_desk_draft.c). Enter
 * confirms a row and never sends; a value outside its range is kept as typed, flagged, and its
 * range said; the rows of a kind are the terms its row of the kinds' table uses, and the terms it
 * does not use are not sent; rows named for the kind; a line per kind; the player after the deal
 * (cash, dues, exposure) from the world's own accounts; the other side's likely answer from its
 * seat's rule, the same answer the rule gives once the offer is on the table. */
#include "sim_native.h"
#include "sim_turn.h"
#include "test_ui_util.h"
#include "ui_desk.h"
#include "ui_png.h"
#include "ui_role.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static SimWorld *world(void)
{
    return ut_world(1);
}

/* Opens a new draft on the vendor's desk and chooses kind `kind`. */
static void draft_of(UiDesk *k, const SimWorld *w, int me, SimDealKind kind)
{
    ui_desk_open(k, w, me);
    ui_desk_draft_new(k, w);
    for (int n = 0; n < SIM_DEAL_KIND_COUNT && k->draft.t.kind != kind; n++)
        ui_desk_step(k, w, UI_F_KIND, 1, 0);
    CHECK(k->draft.t.kind == kind);
}

static void focus_on(UiDesk *k, UiField f)
{
    for (int n = 0; n < UI_F_COUNT && k->draft.focus != f; n++)
        ui_desk_focus(k, 1);
    CHECK(k->draft.focus == f);
}

static void test_fields_from_the_table(void)
{
    static const unsigned terms[UI_F_COUNT] = {
        [UI_F_AMOUNT] = SIM_FIELD_AMOUNT, [UI_F_MONTHS] = SIM_FIELD_MONTHS,
        [UI_F_DELAY] = SIM_FIELD_DELAY,   [UI_F_GW] = SIM_FIELD_GW,
        [UI_F_RATE] = SIM_FIELD_RATE,     [UI_F_RATE2] = SIM_FIELD_RATE2,
        [UI_F_SHARES] = SIM_FIELD_SHARES,
    };
    for (int kind = 0; kind < SIM_DEAL_KIND_COUNT; kind++) {
        const SimKindInfo *ki = sim_kind((SimDealKind)kind);
        for (int f = 0; f < UI_F_COUNT; f++) {
            int want = terms[f]                            ? (ki->fields & terms[f]) != 0
                       : f == UI_F_OTHER || f == UI_F_SIDE ? ki->payee == SIM_PAYEE_ACTOR
                                                           : 1;
            CHECK_MSG(ui_desk_field_shown((SimDealKind)kind, (UiField)f) == want, "%s row %d",
                      ki->name, f);
            CHECK(ui_desk_field_term((UiField)f) == terms[f]);
        }
    }
    /* The two the issue named: exclusive rights and warrants take no amount. */
    CHECK(!ui_desk_field_shown(SIM_DEAL_EXCLUSIVITY, UI_F_AMOUNT));
    CHECK(!ui_desk_field_shown(SIM_DEAL_WARRANTS, UI_F_AMOUNT));
    CHECK(ui_desk_field_shown(SIM_DEAL_JOINT_VENTURE, UI_F_RATE2));
}

/* Exclusive rights show no amount and send none: the verdict no longer says "you pay"; the amount
 * comes back with a kind that takes one. */
static void test_unused_terms_are_not_sent(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    UiDesk k;
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_COMPUTE);
    focus_on(&k, UI_F_AMOUNT);
    ui_desk_type(&k, w, "20");
    CHECK(k.draft.t.amount == 20.0);
    while (k.draft.t.kind != SIM_DEAL_EXCLUSIVITY)
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
    CHECK(k.draft.t.amount == 0.0 && k.draft.t.gw == 0.0 && k.draft.t.shares == 0.0);
    CHECK_MSG(k.draft.valid && strstr(k.draft.verdict, "pay") == NULL, "%s", k.draft.verdict);
    CHECK(strcmp(k.draft.verdict, "Allowed by the rules (not yet agreed by anyone).") == 0);
    CHECK(ui_desk_draft_commit(&k, w) == 0 && k.n_own == 1);
    CHECK(k.own[0].terms.kind == SIM_DEAL_EXCLUSIVITY && k.own[0].terms.amount == 0.0);
    /* A kind with an amount again: the $20B set aside. */
    ui_desk_draft_new(&k, w);
    while (k.draft.t.kind != SIM_DEAL_CHIP_PURCHASE)
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
    CHECK_MSG(k.draft.t.amount == 20.0, "%g", k.draft.t.amount);
    /* Every kind chosen: the terms it does not use are 0. */
    for (int n = 0; n < SIM_DEAL_KIND_COUNT; n++) {
        ui_desk_step(&k, w, UI_F_KIND, 1, 0);
        unsigned used = sim_kind(k.draft.t.kind)->fields;
        const SimTerms *t = &k.draft.t;
        CHECK((used & SIM_FIELD_AMOUNT) || t->amount == 0.0);
        CHECK((used & SIM_FIELD_GW) || t->gw == 0.0);
        CHECK((used & SIM_FIELD_RATE) || t->rate == 0.0);
        CHECK((used & SIM_FIELD_RATE2) || t->rate2 == 0.0);
        CHECK((used & SIM_FIELD_SHARES) || t->shares == 0.0);
        CHECK((used & SIM_FIELD_UPFRONT) || t->upfront == 0.0);
    }
    sim_world_destroy(w);
}

static void test_enter_confirms_and_ranges(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    UiDesk k;
    char buf[320];
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_COMPUTE);
    /* Enter on a row that is fine: the next row, nothing sent. */
    focus_on(&k, UI_F_AMOUNT);
    ui_desk_type(&k, w, "30");
    ui_desk_enter(&k, w);
    CHECK(k.draft.open && k.n_own == 0 && k.draft.focus == UI_F_MONTHS);
    CHECK(k.draft.t.amount == 30.0 && k.draft.typed[0] == '\0');
    /* 900 months: kept, flagged above its range, said; Enter stays on the row. */
    ui_desk_type(&k, w, "900");
    ui_desk_enter(&k, w);
    CHECK(k.draft.open && k.n_own == 0 && k.draft.focus == UI_F_MONTHS);
    CHECK_MSG(k.draft.t.months == 900, "%d", k.draft.t.months);
    CHECK(ui_desk_field_state(&k, UI_F_MONTHS) == UI_FS_HIGH);
    CHECK(strcmp(ui_desk_field_text(&k, w, UI_F_MONTHS, buf, sizeof buf), "900 months") == 0);
    ui_desk_field_note(&k, w, UI_F_MONTHS, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "Months: 900 months is above the range; the engine takes 1 month to 600 "
                          "months.") == 0,
              "%s", buf);
    CHECK(!k.draft.valid && k.draft.refusal.code == SIM_REFUSE_MONTHS);
    CHECK(ui_desk_field_state(&k, UI_F_AMOUNT) == UI_FS_OK);
    ui_desk_field_note(&k, w, UI_F_AMOUNT, buf, sizeof buf);
    CHECK(buf[0] == '\0');
    /* It cannot be sent as it stands. */
    CHECK(ui_desk_draft_commit(&k, w) == -1 && k.draft.open && k.n_own == 0);
    /* A step from outside the range lands at its edge. */
    ui_desk_step(&k, w, UI_F_MONTHS, -1, 0);
    CHECK(k.draft.t.months == 600 && ui_desk_field_state(&k, UI_F_MONTHS) == UI_FS_OK);
    /* 0 months: below. */
    ui_desk_type(&k, w, "0");
    CHECK(k.draft.t.months == 0 && ui_desk_field_state(&k, UI_F_MONTHS) == UI_FS_LOW);
    ui_desk_field_note(&k, w, UI_F_MONTHS, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "is below the range") != NULL, "%s", buf);
    /* 48 and Enter: confirmed, the next row; then the draft is sent by commit only. */
    ui_desk_backspace(&k, w);
    ui_desk_type(&k, w, "48");
    ui_desk_enter(&k, w);
    CHECK(k.draft.t.months == 48 && k.draft.focus == UI_F_DELAY && k.draft.valid);
    CHECK(k.n_own == 0 && k.draft.open);
    CHECK(ui_desk_draft_commit(&k, w) == 0 && k.n_own == 1 && k.own[0].terms.months == 48);
    /* A delay above 240 months, its bounds said as lengths. */
    ui_desk_draft_new(&k, w);
    focus_on(&k, UI_F_DELAY);
    ui_desk_type(&k, w, "300");
    CHECK(ui_desk_field_state(&k, UI_F_DELAY) == UI_FS_HIGH);
    ui_desk_field_note(&k, w, UI_F_DELAY, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "0 months to 240 months") != NULL, "%s", buf);
    ui_desk_draft_cancel(&k);
    /* A joint venture: a share above 100% is flagged; two that add to more than 100% are both
     * named by the refusal. */
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_JOINT_VENTURE);
    focus_on(&k, UI_F_RATE);
    ui_desk_type(&k, w, "150");
    CHECK(k.draft.t.rate == 1.5 && ui_desk_field_state(&k, UI_F_RATE) == UI_FS_HIGH);
    ui_desk_backspace(&k, w);
    ui_desk_backspace(&k, w);
    ui_desk_backspace(&k, w);
    ui_desk_type(&k, w, "60");
    ui_desk_enter(&k, w);
    CHECK(k.draft.focus == UI_F_RATE2);
    ui_desk_type(&k, w, "60");
    CHECK(!k.draft.valid && k.draft.refusal.code == SIM_REFUSE_JV_SHARES);
    CHECK(ui_desk_field_state(&k, UI_F_RATE) == UI_FS_REFUSED &&
          ui_desk_field_state(&k, UI_F_RATE2) == UI_FS_REFUSED);
    /* The ranges are the engine's: its check refuses just outside them, takes their edges. */
    for (int f = 0; f < UI_F_COUNT; f++) {
        double lo, hi;
        unsigned term = ui_desk_field_term((UiField)f);
        if (!term)
            continue;
        CHECK(sim_terms_range(term, &lo, &hi) == 0 && lo < hi);
    }
    double lo, hi;
    CHECK(sim_terms_range(SIM_FIELD_MONTHS, &lo, &hi) == 0 && lo == 1 && hi == 600);
    CHECK(sim_terms_range(1u << 20, &lo, &hi) == -1);
    sim_world_destroy(w);
}

static void test_labels_and_kinds(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    UiDesk k;
    char a[96], b[96], t1[320], t2[320];
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_JOINT_VENTURE);
    CHECK(strcmp(ui_desk_field_label(&k, w, UI_F_RATE, a, sizeof a), "Your part") == 0 ||
          strstr(ui_desk_field_label(&k, w, UI_F_RATE2, b, sizeof b), "Your part") != NULL);
    ui_desk_field_label(&k, w, UI_F_RATE, a, sizeof a);
    ui_desk_field_label(&k, w, UI_F_RATE2, b, sizeof b);
    CHECK_MSG(strcmp(a, b) != 0 && strstr(a, "part") && strstr(b, "part"), "%s / %s", a, b);
    CHECK(strstr(ui_desk_field_text(&k, w, UI_F_RATE, t1, sizeof t1), "of the build") != NULL);
    /* Both partners fund it: the side row says whose the capacity is, not "X pays you". */
    CHECK(strcmp(ui_desk_field_label(&k, w, UI_F_SIDE, a, sizeof a), "Built for") == 0);
    CHECK_MSG(strncmp(ui_desk_field_text(&k, w, UI_F_SIDE, t1, sizeof t1), "the capacity goes to ",
                      21) == 0,
              "%s", t1);
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_LOAN);
    CHECK(strcmp(ui_desk_field_label(&k, w, UI_F_RATE, a, sizeof a), "Interest") == 0);
    /* Chip purchase and chip lease: told apart by their capacity row and their line. */
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_CHIP_PURCHASE);
    ui_desk_field_label(&k, w, UI_F_GW, a, sizeof a);
    ui_desk_kind_text(&k, t1, sizeof t1);
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_CHIP_LEASE);
    ui_desk_field_label(&k, w, UI_F_GW, b, sizeof b);
    ui_desk_kind_text(&k, t2, sizeof t2);
    CHECK_MSG(strcmp(a, b) != 0 && strstr(a, "owned") && strstr(b, "rented"), "%s / %s", a, b);
    CHECK(strcmp(t1, t2) != 0);
    /* Every kind has its own line, in both languages (test_lang_tables checks the keys). */
    for (int kind = 0; kind < SIM_DEAL_KIND_COUNT; kind++) {
        k.draft.t.kind = (SimDealKind)kind;
        ui_desk_kind_text(&k, t1, sizeof t1);
        CHECK_MSG(strlen(t1) > 30 && strncmp(t1, "desk.", 5) != 0, "%d: %s", kind, t1);
    }
    sim_world_destroy(w);
}

/* "You after this deal" from the world's own accounts. */
static void test_after(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    UiDesk k;
    UiDeskAfter a;
    const SimSnap *s = sim_snap(w, w->turn, UT_VENDOR);
    /* The vendor invests $40B in the hub over 4 months: $10B leaves at the first payment, all
     * $40B fall within 12 months, and an equity stake is no exposure through the deal. */
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_EQUITY);
    CHECK(k.draft.t.payer == UT_VENDOR && k.draft.t.payee == UT_HUB);
    k.draft.t.amount = 40.0;
    k.draft.t.months = 4;
    k.draft.t.delay = 0;
    ui_desk_check(&k, w);
    ui_desk_after(&k, w, &a);
    CHECK(a.cash == s->cash && a.due == s->due_12m && a.exposure == s->exposure);
    CHECK_MSG(fabs(a.cash_after - (s->cash - 10.0)) < 1e-9, "%g", a.cash_after);
    CHECK_MSG(fabs(a.due_after - (s->due_12m + 40.0)) < 1e-9, "%g", a.due_after);
    CHECK(a.exposure_after == s->exposure && a.first_turn == w->turn + 1);
    /* A loan of $40B to the hub: exposed to all of it once drawn. */
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_LOAN);
    k.draft.t.amount = 40.0;
    k.draft.t.months = 10;
    ui_desk_check(&k, w);
    ui_desk_after(&k, w, &a);
    CHECK_MSG(fabs(a.exposure_after - (s->exposure + 40.0)) < 1e-9, "%g", a.exposure_after);
    CHECK(fabs(a.cash_after - (s->cash - 4.0)) < 1e-9);
    /* The hub pays the vendor for compute: cash comes in, exposure to the unpaid rest. */
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_COMPUTE);
    CHECK(k.draft.t.payer == UT_HUB && k.draft.t.payee == UT_VENDOR);
    k.draft.t.amount = 48.0;
    k.draft.t.months = 48;
    k.draft.t.delay = 2;
    ui_desk_check(&k, w);
    ui_desk_after(&k, w, &a);
    CHECK(fabs(a.cash_after - (s->cash + 1.0)) < 1e-9 && a.first_turn == w->turn + 3);
    CHECK(a.due_after == s->due_12m);
    CHECK(fabs(a.exposure_after - (s->exposure + 48.0)) < 1e-9);
    /* Paying more than the cash at hand: flagged. */
    char c[200], d[200], e[200];
    CHECK(ui_desk_after_text(&k, w, c, d, e, sizeof c) == 0 && d[0] && e[0]);
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_EQUITY);
    k.draft.t.amount = s->cash + 50.0;
    k.draft.t.months = 1;
    ui_desk_check(&k, w);
    CHECK(ui_desk_after_text(&k, w, c, d, e, sizeof c) == 1);
    CHECK_MSG(strstr(c, "not enough cash") != NULL, "%s", c);
    sim_world_destroy(w);
}

/* The intent the native rule of `who` gives the open offer `deal` (ACCEPT/REJECT), or -1. */
static int rule_answer(SimWorld *w, int who, int deal)
{
    SimIntentList l;
    memset(&l, 0, sizeof l);
    char err[128];
    SimView v = {w, who};
    SimStrategy *s = &w->actors[who].strategy;
    CHECK(s->decide(s->self, &v, &l, err, sizeof err) == 0);
    for (int i = 0; i < l.n; i++)
        if (l.v[i].deal == deal &&
            (l.v[i].kind == SIM_INTENT_ACCEPT || l.v[i].kind == SIM_INTENT_REJECT))
            return (int)l.v[i].kind;
    return -1;
}

static void seat(SimWorld *w, int who, const char *name)
{
    SimStrategy s;
    CHECK(sim_strategy_native(name, &s) == 0);
    sim_world_set_strategy(w, who, s);
}

static void test_forecast(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    UiDesk k;
    char buf[480];
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_COMPUTE);
    k.draft.t.amount = 10.0;
    ui_desk_check(&k, w);
    CHECK_MSG(k.draft.valid, "%s", k.draft.verdict);
    /* The fixture's seats are scripts: cannot tell, and said so. */
    ui_desk_forecast_text(&k, w, buf, sizeof buf);
    CHECK_MSG(strncmp(buf, "Forecast: cannot tell: ", 23) == 0, "%s", buf);
    seat(w, UT_HUB, "passive");
    ui_desk_forecast_text(&k, w, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "is passive") != NULL, "%s", buf);
    seat(w, UT_HUB, "human");
    ui_desk_forecast_text(&k, w, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "played by a person") != NULL, "%s", buf);
    seat(w, UT_HUB, "history");
    ui_desk_forecast_text(&k, w, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "historical record") != NULL, "%s", buf);
    CHECK(sim_native_forecast(w, UT_HUB, &k.draft.t, buf, sizeof buf) == SIM_FORECAST_REJECT);
    /* Baseline: the forecast is the rule's answer, which the rule gives again once the same
     * offer is on the table (made by a person's seat, so the world holds it as any offer). */
    seat(w, UT_HUB, "baseline");
    seat(w, UT_VENDOR, "human");
    int seen[2] = {0, 0};
    /* Small and large yearly dues for the hub: its coverage decides. */
    double amounts[] = {5.0, 50.0, 500.0, 1000.0, 1400.0};
    for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
        k.draft.t.amount = amounts[i];
        k.draft.t.months = amounts[i] < 100.0 ? 12 : 1;
        ui_desk_check(&k, w);
        if (!k.draft.valid)
            continue;
        char why[SIM_REASON_LEN];
        SimForecast f = sim_native_forecast(w, UT_HUB, &k.draft.t, why, sizeof why);
        CHECK(f == SIM_FORECAST_ACCEPT || f == SIM_FORECAST_REJECT);
        CHECK(strstr(why, "reason.baseline.coverage_") != NULL);
        ui_desk_forecast_text(&k, w, buf, sizeof buf);
        CHECK_MSG(strncmp(buf, "Forecast, as things stand now: ", 31) == 0 &&
                      strstr(buf, f == SIM_FORECAST_ACCEPT ? "would likely accept"
                                                           : "would likely refuse"),
                  "%s", buf);
        seen[f == SIM_FORECAST_ACCEPT]++;
        int before = w->n_deals;
        SimTerms t = k.draft.t;
        CHECK(sim_world_add_deal(w, &t, UT_VENDOR, -1) == before);
        CHECK(sim_world_index_deals(w) == 0);
        /* The rule gives the answer the forecast said (nothing else moved in between). */
        int ans = rule_answer(w, UT_HUB, before);
        CHECK_MSG(ans == (f == SIM_FORECAST_ACCEPT ? SIM_INTENT_ACCEPT : SIM_INTENT_REJECT),
                  "amount %g: forecast %d, rule %d", amounts[i], (int)f, ans);
        w->deals[before].status = SIM_DS_REJECTED; /* off the table for the next */
        CHECK(sim_world_index_deals(w) == 0);
    }
    CHECK_MSG(seen[0] > 0 && seen[1] > 0, "refused %d, accepted %d", seen[0], seen[1]);
    sim_world_destroy(w);
}

static int rect_in(SDL_FRect a, SDL_FRect b)
{
    return a.x >= b.x - 0.5f && a.y >= b.y - 0.5f && a.x + a.w <= b.x + b.w + 0.5f &&
           a.y + a.h <= b.y + b.h + 0.5f;
}

/* Drawn at 1280x720: the offer cards of a narrow desk carry their terms whole (wrapped, no
 * ellipsis, the last word shown); the dialog of a joint venture (its most rows) with a value out
 * of range keeps the rows, the note, the numbers, "you after this deal", the forecast and the
 * verdict apart, inside the box. */
static void test_drawn(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(1280, 720, err, sizeof err);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = r ? ui_draw_create(r, 1.0, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d) {
        sim_world_destroy(w);
        return;
    }
    static UiTextTrace t[1024];
    UiRoleGeom g;
    UiDesk k;
    ui_desk_open(&k, w, UT_HUB);
    CHECK(k.n_offers >= 1);
    ui_role_geom_clear(&g);
    ui_draw_trace(d, t, 1024);
    ui_role_draw_desk(d, (SDL_FRect){880, 0, 300, 720}, w, &k, 0, 1, -1, -1, &g);
    int n = ui_draw_traced(d);
    ui_draw_trace(d, NULL, 0);
    for (int i = 0; i < k.n_offers; i++) {
        if (g.offer[i].w <= 0)
            continue;
        char terms[400];
        ui_desk_terms_text(w, k.me, &w->deals[k.offers[i].deal].t, terms, sizeof terms);
        const char *last = strrchr(terms, ' ');
        last = last ? last + 1 : terms;
        int lines = 0, end_seen = 0;
        for (int j = 0; j < n && j < 1024; j++) {
            if (!rect_in(t[j].box, g.offer[i]))
                continue;
            CHECK_MSG(strstr(t[j].text, "\xE2\x80\xA6") == NULL, "cut: %s", t[j].text);
            lines++;
            size_t tl = strlen(t[j].text), ll = strlen(last);
            end_seen |= tl >= ll && strcmp(t[j].text + tl - ll, last) == 0;
        }
        CHECK_MSG(end_seen && lines >= 3, "card %d: %d lines, end \"%s\" not seen", i, lines, last);
    }
    /* The dialog. */
    ui_desk_open(&k, w, UT_VENDOR);
    draft_of(&k, w, UT_VENDOR, SIM_DEAL_JOINT_VENTURE);
    focus_on(&k, UI_F_MONTHS);
    ui_desk_type(&k, w, "900");
    ui_desk_enter(&k, w);
    ui_role_geom_clear(&g);
    ui_role_draw_dialog(d, (SDL_FRect){0, 0, 1280, 720}, w, &k, -1, -1, &g);
    CHECK(g.dialog.w > 0 && g.note.w > 0 && g.after.h > 0 && g.forecast.h > 0);
    /* The terms on the left with the range's note under them; on the right the player after
     * the deal, the forecast, then both firms' numbers; the verdict under them all. */
    float rows_end = 0, rows_right = 0;
    for (int f = 0; f < UI_F_COUNT; f++)
        if (g.row[f].w > 0) {
            CHECK(rect_in(g.row[f], g.dialog));
            rows_end = fmaxf(rows_end, g.row[f].y + g.row[f].h);
            rows_right = fmaxf(rows_right, g.row[f].x + g.row[f].w);
        }
    CHECK(g.row[UI_F_RATE2].w > 0 && g.row[UI_F_SHARES].w == 0);
    CHECK(g.note.y >= rows_end && g.note.y + g.note.h <= g.verdict.y);
    CHECK(g.after.x >= rows_right && g.forecast.x >= rows_right);
    for (int i = 0; i < g.n_theirs; i++)
        CHECK_MSG(g.theirs[i].y >= g.forecast.y + g.forecast.h &&
                      g.theirs[i].y + g.theirs[i].h <= g.verdict.y && g.theirs[i].x >= rows_right,
                  "their row %d out of the right column", i);
    CHECK(g.explain.y + g.explain.h <= g.row[UI_F_OTHER].y);
    CHECK(g.after.y + g.after.h <= g.forecast.y && g.forecast.y + g.forecast.h <= g.verdict.y);
    CHECK(rect_in(g.after, g.dialog) && rect_in(g.forecast, g.dialog) &&
          rect_in(g.verdict, g.dialog));
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    sim_world_destroy(w);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_fields_from_the_table();
    test_unused_terms_are_not_sent();
    test_enter_confirms_and_ranges();
    test_labels_and_kinds();
    test_after();
    test_forecast();
    test_drawn();
    TEST_END();
}
