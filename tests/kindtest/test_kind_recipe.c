/* test_kind_recipe: the recipe "a new deal kind" (docs/architecture.md), tried in a test build.
 *
 * Built only with SIM_TEST_EXTRA_KIND (tests/kindtest/CMakeLists.txt), which adds the one row of
 * kind_row.h, "prepay", to SIM_DEAL_KINDS; its texts are tests/kindtest/lang. Nothing else in the
 * engine knows of it. The test shows that the row is enough: a script proposes it through the
 * normal intent path with the constructor the row names (prepay{...}), the other side reads its
 * kind and accepts it, it is signed, pays its instalments, delivers its compute and ends; a save
 * of the game in its middle loads back to the same state and plays on to the same end; a scenario
 * may start with one; a player finds it in the deal dialog and drafts one from the row's typical
 * terms; and the engine's checks refuse it as they refuse any kind (the term it needs, a
 * commitment the payer cannot carry, a malformed intent, a bad initial deal), naming it. */
#include "core_err.h"
#include "core_value.h"
#include "core_text.h"
#include "dat_file.h"
#include "dat_save.h"
#include "dat_scenario.h"
#include "scr_strategy.h"
#include "sim_deal.h"
#include "sim_fixture.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"
#include "ui_desk.h"

#include <cjson/cJSON.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef SIM_TEST_EXTRA_KIND
#error "test_kind_recipe is built with SIM_TEST_EXTRA_KIND (tests/kindtest/CMakeLists.txt)"
#endif

/* The hub prepays Oracle for half a GW over six months; it prints what check() says of two
 * variants the engine refuses, and sends a third that is dropped. */
static const char hub_src[] =
    "return {decide = function(view)\n"
    "  if view.turn ~= 0 then return {} end\n"
    "  local ok, why = check(prepay{to = 'oracle', amount = 0, months = 6})\n"
    "  print('no amount: ' .. tostring(ok) .. ' ' .. tostring(why))\n"
    "  ok, why = check(prepay{to = 'oracle', amount = 400, months = 6})\n"
    "  print('too much: ' .. tostring(ok) .. ' ' .. tostring(why))\n"
    "  return {prepay{to = 'oracle', amount = 6, months = 6, delay = 1, gw = 0.5,\n"
    "                 reason = 'a year ahead'},\n"
    "          prepay{to = 'oracle', amount = -1, months = 6, reason = 'dropped'}}\n"
    "end}\n";

/* Oracle accepts what it is offered, saying the kind it read. */
static const char oracle_src[] = "return {decide = function(view)\n"
                                 "  local out = {}\n"
                                 "  for _, o in ipairs(view.offers_to_me) do\n"
                                 "    out[#out + 1] = accept(o.id, 'read: ' .. o.kind)\n"
                                 "  end\n"
                                 "  return out\n"
                                 "end}\n";

typedef struct {
    char *text;
    size_t len;
    SimScenario *sc;
    SimWorld *w;
} Game;

static int attach(SimWorld *w, const char *id, const char *src)
{
    int i = sim_scenario_find_actor(w->sc, id);
    CHECK_MSG(i >= 0, "no actor %s", id);
    if (i < 0)
        return -1;
    SimStrategy s;
    char err[256] = "", name[64];
    snprintf(name, sizeof name, "%s.lua", id);
    int rc = scr_strategy_create(name, src, strlen(src), NULL, 7, id, &s, err, sizeof err);
    CHECK_MSG(rc == 0, "%s: %s", name, err);
    if (rc == 0)
        sim_world_set_strategy(w, i, s);
    return rc;
}

static void game_close(Game *g)
{
    sim_world_destroy(g->w);
    sim_scenario_free(g->sc);
    free(g->text);
}

/* The shipped scenario, every role passive but the hub's and Oracle's scripts. All or nothing:
 * -1 (a failed check) leaves nothing to close. */
static int game_open(Game *g)
{
    char err[512] = "";
    memset(g, 0, sizeof *g);
    g->text = dat_read_file(CL_SCENARIO, (size_t)1 << 24, &g->len, err, sizeof err);
    g->sc = g->text ? dat_scenario_parse(g->text, g->len, CL_SCENARIO, err, sizeof err) : NULL;
    CHECK_MSG(g->sc != NULL, "scenario: %s", err);
    g->w = g->sc ? sim_world_create(g->sc, 5, err, sizeof err) : NULL;
    CHECK_MSG(g->w != NULL, "world: %s", err);
    if (!g->w || attach(g->w, "openai", hub_src) < 0 || attach(g->w, "oracle", oracle_src) < 0) {
        game_close(g);
        return -1;
    }
    CHECK_MSG(sim_turn_start(g->w, err, sizeof err) == 0, "start: %s", err);
    return 0;
}

static int step(SimWorld *w)
{
    char err[256] = "";
    int rc = sim_turn_step(w, err, sizeof err);
    CHECK_MSG(rc >= 0, "turn %d: %s", w->turn, err);
    return rc;
}

static const SimDeal *find_prepay(const SimWorld *w)
{
    for (int k = 0; k < w->n_deals; k++)
        if (w->deals[k].t.kind == SIM_DEAL_PREPAY)
            return &w->deals[k];
    return NULL;
}

/* Whether one of the strategy's messages holds all of `a` and `b`. */
static int said(const SimStrategy *s, const char *a, const char *b)
{
    int n = scr_strategy_message_count(s);
    for (int k = 0; k < n; k++) {
        ScrMessage m;
        if (scr_strategy_message(s, k, &m) == 0 && strstr(m.text, a) && (!b || strstr(m.text, b)))
            return 1;
    }
    return 0;
}

static void print_messages(const SimStrategy *s)
{
    int n = scr_strategy_message_count(s);
    for (int k = 0; k < n; k++) {
        ScrMessage m;
        if (scr_strategy_message(s, k, &m) == 0)
            fprintf(stderr, "  message: %s\n", m.text);
    }
}

/* The table has the row, its name parses, its constructor is the row's. */
static void test_row(void)
{
    CHECK(SIM_DEAL_PREPAY == SIM_DEAL_KIND_COUNT - 1);
    CHECK(sim_deal_kind_parse("prepay") == SIM_DEAL_PREPAY);
    CHECK(strcmp(sim_kind(SIM_DEAL_PREPAY)->verb, "prepay") == 0);
    CHECK(sim_kind_is_supply(SIM_DEAL_PREPAY));
    /* Its texts, in both languages, from the test's own table. */
    char buf[256];
    core_trf(buf, sizeof buf, "deal.noun.prepay", NULL);
    CHECK_MSG(strcmp(buf, "capacity prepayment") == 0, "deal.noun.prepay: %s", buf);
    test_lang_use(CORE_LANG_ZH);
    core_trf(buf, sizeof buf, "desk.kind.prepay", NULL);
    CHECK_MSG(strcmp(buf, "产能预付款") == 0, "desk.kind.prepay in Chinese: %s", buf);
    test_lang_use(CORE_LANG_EN);
}

/* Proposed from Lua, accepted, signed, paid, delivered, ended; refused where it should be. */
static void test_life(void)
{
    Game g;
    if (game_open(&g) < 0)
        return;
    SimWorld *w = g.w;
    int hub = sim_scenario_find_actor(w->sc, "openai");
    int oracle = sim_scenario_find_actor(w->sc, "oracle");
    double contracted = w->actors[hub].compute_contracted;
    step(w); /* turn 0: proposed */
    const SimDeal *d = find_prepay(w);
    CHECK_MSG(d != NULL, "no prepay deal after turn 0");
    if (!d) {
        print_messages(&w->actors[hub].strategy);
        game_close(&g);
        return;
    }
    int id = d->id;
    CHECK(d->status == SIM_DS_PROPOSED && d->proposer == hub && d->t.payer == hub &&
          d->t.payee == oracle && d->t.amount == 6.0 && d->t.months == 6 && d->t.gw == 0.5);
    CHECK(strcmp(d->reason, "a year ahead") == 0);
    /* The engine's checks, asked from Lua and applied to the intents. */
    const SimStrategy *hs = &w->actors[hub].strategy;
    CHECK_MSG(said(hs, "no amount: nil", "prepay"), "check() of a prepay without an amount");
    CHECK_MSG(said(hs, "too much: nil", "too risky"), "check() of a prepay the hub cannot carry");
    CHECK_MSG(fx_count_events(w, SIM_LOG_DROPPED, hub, -1) == 1, "%d intents dropped",
              fx_count_events(w, SIM_LOG_DROPPED, hub, -1));
    CHECK(w->n_deals >= 1);
    step(w); /* turn 1: accepted, announced */
    d = &w->deals[id];
    CHECK_MSG(d->status == SIM_DS_ANNOUNCED, "prepay is %s after turn 1",
              sim_deal_status_name(d->status));
    CHECK_MSG(strcmp(d->answer, "read: prepay") == 0, "answer: %s", d->answer);
    CHECK(d->start_turn == 2);
    int last = d->start_turn + sim_deal_span(&d->t) - 1;
    while (w->turn <= last)
        if (step(w) < 0)
            break;
    d = &w->deals[id];
    CHECK_MSG(d->status == SIM_DS_COMPLETED && d->end_turn == last, "prepay is %s, ended %d",
              sim_deal_status_name(d->status), d->end_turn);
    CHECK(d->paid_count == 6);
    CHECK_NEAR(d->paid, 6.0, 1e-9);
    CHECK_NEAR(d->gw_done, 0.5, 1e-9);
    double paid = 0.0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->deal == id && f->kind == SIM_FLOW_CONTRACT) {
            CHECK(f->from == hub && f->to == oracle);
            paid += f->amount;
        }
    }
    CHECK_NEAR(paid, 6.0, 1e-9);
    CHECK(w->actors[hub].compute_contracted >= contracted + 0.5 - 1e-9);
    char err[256] = "";
    CHECK_MSG(sim_ledger_audit(&w->ledger, w->opening_cash, err, sizeof err) == 0, "audit: %s",
              err);
    game_close(&g);
}

/* A save in the middle of its life holds the kind by name, loads to the same state, and the
 * loaded game ends it as the first does. */
static void test_save(void)
{
    Game g;
    if (game_open(&g) < 0)
        return;
    SimWorld *w = g.w;
    for (int k = 0; k < 4; k++)
        step(w);
    const SimDeal *d = find_prepay(w);
    CHECK(d && d->status == SIM_DS_DELIVERING);
    int n = w->n;
    DatSeat *seats = calloc((size_t)n, sizeof *seats);
    for (int i = 0; seats && i < n; i++) {
        core_strlcpy(seats[i].role, w->sc->actors[i].id, sizeof seats[i].role);
        core_strlcpy(seats[i].choice, "passive", sizeof seats[i].choice);
        core_strlcpy(seats[i].plays, "passive", sizeof seats[i].plays);
    }
    DatSave save = {.program = "test_kind_recipe",
                    .scenario_path = CL_SCENARIO,
                    .scenario_text = g.text,
                    .scenario_len = g.len,
                    .scenario_hash = core_fnv1a(CORE_FNV_OFFSET, g.text, g.len),
                    .world = w,
                    .seats = seats};
    char err[512] = "";
    size_t len = 0;
    char *json = seats ? dat_save_text(&save, &len, err, sizeof err) : NULL;
    CHECK_MSG(json != NULL, "save: %s", err);
    CHECK(json && strstr(json, "\"kind\":\"prepay\"") != NULL);
    DatSave back;
    memset(&back, 0, sizeof back);
    int rc = json ? dat_save_parse(json, len, "save", &back, err, sizeof err) : -1;
    CHECK_MSG(rc == 0, "load: %s", err);
    if (rc == 0) {
        SimWorld *b = back.world;
        CHECK(sim_world_hash(b) == sim_world_hash(w));
        const SimDeal *bd = find_prepay(b);
        CHECK(bd && d && bd->id == d->id && bd->status == SIM_DS_DELIVERING);
        /* Both play on without scripts: the deal runs by itself to the same end. */
        SimStrategy none;
        for (int i = 0; i < n; i++) {
            sim_strategy_passive(&none);
            sim_world_set_strategy(w, i, none);
        }
        for (int k = 0; k < 8; k++) {
            step(w);
            step(b);
        }
        CHECK(sim_world_hash(b) == sim_world_hash(w));
        bd = find_prepay(b);
        CHECK(bd && bd->status == SIM_DS_COMPLETED && fabs(bd->paid - 6.0) < 1e-9);
    }
    dat_save_free(&back);
    free(json);
    free(seats);
    game_close(&g);
}

/* The deal dialog steps through the table's kinds: the player reaches prepay, sees it in the
 * test's words, starts from the row's typical months, and the draft becomes a prepay intent. */
static void test_desk(void)
{
    Game g;
    if (game_open(&g) < 0)
        return;
    SimWorld *w = g.w;
    int hub = sim_scenario_find_actor(w->sc, "openai");
    UiDesk k;
    ui_desk_open(&k, w, hub);
    ui_desk_draft_new(&k, w);
    int seen = 0;
    for (int n = 0; n < SIM_DEAL_KIND_COUNT && k.draft.t.kind != SIM_DEAL_PREPAY; n++, seen++)
        ui_desk_step(&k, w, UI_F_KIND, +1, 0);
    CHECK_MSG(k.draft.t.kind == SIM_DEAL_PREPAY, "the dialog never reached prepay in %d steps",
              seen);
    char buf[256];
    ui_desk_field_text(&k, w, UI_F_KIND, buf, sizeof buf);
    CHECK_MSG(strstr(buf, "capacity prepayment") != NULL, "the kind row says %s", buf);
    CHECK_MSG(k.draft.t.months == 12, "a new prepay runs %d months", k.draft.t.months);
    CHECK(ui_desk_draft_shows(&k, UI_F_GW) && !ui_desk_draft_shows(&k, UI_F_RATE));
    /* The hub pays (HUB_PAYS): to a vendor, for its compute. */
    CHECK(k.draft.t.payer == hub && k.draft.t.payee != hub && k.draft.t.payee >= 0);
    /* A size the hub can carry (the desk's draft keeps the last kind's amount). */
    k.draft.t.amount = 6.0;
    k.draft.t.gw = 0.5;
    ui_desk_check(&k, w);
    CHECK_MSG(k.draft.valid, "the drafted prepay is refused: %s", k.draft.verdict);
    CHECK(ui_desk_draft_commit(&k, w) == 0);
    SimIntentList l;
    memset(&l, 0, sizeof l);
    ui_desk_intents(&k, &l);
    int found = 0;
    for (int i = 0; i < l.n; i++)
        found += l.v[i].kind == SIM_INTENT_PROPOSE && l.v[i].terms.kind == SIM_DEAL_PREPAY;
    CHECK_MSG(found == 1, "%d prepay intents from the desk", found);
    game_close(&g);
}

/* The scenario `text` with `deal` (JSON) added to its initial deals; the caller frees it. */
static char *with_initial(const char *text, size_t len, const char *deal)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    cJSON *list = root ? cJSON_GetObjectItemCaseSensitive(root, "initial_deals") : NULL;
    cJSON *item = cJSON_Parse(deal);
    if (!list || !item) {
        cJSON_Delete(item);
        cJSON_Delete(root);
        return NULL;
    }
    cJSON_AddItemToArray(list, item);
    char *out = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return out;
}

/* A scenario may start with one running; the load check refuses one that breaks the rules, with
 * its JSON path and the kind's name. */
static void test_scenario(void)
{
    char err[512] = "";
    size_t len = 0;
    char *text = dat_read_file(CL_SCENARIO, (size_t)1 << 24, &len, err, sizeof err);
    CHECK_MSG(text != NULL, "%s", err);
    if (!text)
        return;
    char *good = with_initial(text, len,
                              "{\"tag\": \"prepay-oracle\", \"proposer\": \"openai\", \"kind\": "
                              "\"prepay\", \"payer\": \"openai\", \"payee\": \"oracle\", "
                              "\"amount\": 3, \"months\": 6, \"gw\": 0.2}");
    SimScenario *sc =
        good ? dat_scenario_parse(good, strlen(good), "prepay.json", err, sizeof err) : NULL;
    CHECK_MSG(sc != NULL, "a scenario with an initial prepay: %s", err);
    int found = 0;
    for (int k = 0; sc && k < sc->n_initial; k++)
        found += sc->initial[k].terms.kind == SIM_DEAL_PREPAY;
    CHECK(found == 1);
    sim_scenario_free(sc);
    free(good);

    char *bad = with_initial(text, len,
                             "{\"tag\": \"prepay-none\", \"proposer\": \"openai\", \"kind\": "
                             "\"prepay\", \"payer\": \"openai\", \"payee\": \"oracle\", "
                             "\"amount\": 0, \"months\": 6}");
    sc = bad ? dat_scenario_parse(bad, strlen(bad), "prepay.json", err, sizeof err) : NULL;
    CHECK_MSG(sc == NULL && strstr(err, "prepay.json") && strstr(err, "$.initial_deals[3]") &&
                  strstr(err, "prepay"),
              "an initial prepay of nothing: %s", sc ? "accepted" : err);
    sim_scenario_free(sc);
    free(bad);

    /* Its name is one the scenario reader lists among the kinds. */
    bad = with_initial(text, len,
                       "{\"tag\": \"x\", \"proposer\": \"openai\", \"kind\": \"prepaid\", "
                       "\"payer\": \"openai\", \"payee\": \"oracle\", \"amount\": 1, "
                       "\"months\": 6}");
    sc = bad ? dat_scenario_parse(bad, strlen(bad), "prepay.json", err, sizeof err) : NULL;
    CHECK_MSG(sc == NULL && strstr(err, "prepay"), "an unknown kind: %s", sc ? "accepted" : err);
    sim_scenario_free(sc);
    free(bad);
    free(text);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_row();
    test_life();
    test_save();
    test_desk();
    test_scenario();
    TEST_END();
}
