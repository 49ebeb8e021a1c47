/* test_sim_rescue: buying a failed firm (sim_rescue), played on tests/data/cascade.json: a
 * carrier borrows from its vendor, which borrows from a bank. Once the carrier has failed, a
 * buyer (the bystander, or the vendor, its lender) buys it whole: the price reaches the
 * creditors pro rata to what they recovered (their claims), the books balance every month, the
 * buyer holds every share of it, and a price below the estate, beyond the buyer's means, a
 * second purchase or a healthy target are refused with their codes. A Lua strategy does the same
 * through rescue{}, and a game saved after the purchase and loaded plays on to the same bytes. */
#include "app_save.h"
#include "app_story.h"
#include "dat_history.h"
#include "dat_scenario.h"
#include "sim_rescue.h"
#include "sim_native.h"
#include "sim_strategy.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"
#include "ui_desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CARRIER, VENDOR, BANK, BYSTANDER, N_ACTORS };

#define SEEDS   40
#define PREMIUM 2.0

/* The sum of the flows of a kind from one account to another in a turn (turn < 0: any). */
static double flows(const SimWorld *w, int turn, SimFlowKind kind, int from, int to)
{
    double s = 0.0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if ((turn < 0 || f->turn == turn) && f->kind == kind && f->from == from && f->to == to)
            s += f->amount;
    }
    return s;
}

/* A buyer: once the carrier has failed, checks the refusals and buys it for its estate and
 * PREMIUM more. */
typedef struct {
    SimStrategy inner; /* history: the seat plays the calendar besides */
    int me;
    int turn; /* the turn it asked, -1 before */
    double price, estate;
    int refused_low, refused_huge;
} Buyer;

static int buy_init(void *self, const SimView *v, char *err, size_t errsz)
{
    Buyer *b = self;
    return b->inner.init ? b->inner.init(b->inner.self, v, err, errsz) : 0;
}

static int buy_decide(void *self, const SimView *v, SimIntentList *out, char *err, size_t errsz)
{
    Buyer *b = self;
    const SimWorld *w = v->world;
    if (b->inner.decide(b->inner.self, v, out, err, errsz) < 0)
        return -1;
    if (b->turn >= 0 || !w->actors[CARRIER].defaulted || w->actors[b->me].defaulted)
        return 0;
    char why_text[256];
    SimRefusal why;
    double estate = sim_rescue_estate(w, CARRIER);
    SimIntent low = {.kind = SIM_INTENT_RESCUE, .actor = CARRIER, .amount = estate * 0.5};
    b->refused_low = sim_turn_validate_why(w, b->me, &low, &why, why_text, sizeof why_text) < 0 &&
                     why.code == SIM_REFUSE_BELOW_ESTATE && why.a == low.amount &&
                     why.b == estate && why.other == CARRIER;
    SimIntent huge = {.kind = SIM_INTENT_RESCUE, .actor = CARRIER, .amount = 1e6};
    b->refused_huge = sim_turn_validate_why(w, b->me, &huge, &why, why_text, sizeof why_text) < 0 &&
                      why.code == SIM_REFUSE_NO_FUNDS;
    SimIntent *in = sim_intents_push(out, SIM_INTENT_RESCUE);
    if (in) {
        in->actor = CARRIER;
        in->amount = estate + PREMIUM;
        snprintf(in->reason, sizeof in->reason, "buy the failed carrier");
        b->turn = w->turn;
        b->price = in->amount;
        b->estate = estate;
    }
    return 0;
}

static SimWorld *start(const SimScenario *sc, uint64_t seed, Buyer *b, int buyer)
{
    char err[256];
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return NULL;
    CHECK(w->check_books);
    for (int i = 0; i < w->n; i++) {
        SimStrategy st;
        sim_strategy_history(&st);
        sim_world_set_strategy(w, i, st);
    }
    if (b) {
        memset(b, 0, sizeof *b);
        b->me = buyer;
        b->turn = -1;
        sim_strategy_history(&b->inner);
        /* Named history: the record's dated failures apply to it as to the other seats. */
        SimStrategy st = {"history", b, buy_init, buy_decide, NULL, NULL};
        sim_world_set_strategy(w, buyer, st);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    return w;
}

/* Plays to the end; the books are checked every month (check_books), the ledger at the end. */
static void finish(SimWorld *w, uint64_t seed)
{
    char err[256];
    int rc = 0;
    while (rc == 0) {
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "seed %llu: %s", (unsigned long long)seed, err);
    }
    CHECK_MSG(sim_ledger_audit(&w->ledger, w->opening_cash, err, sizeof err) == 0, "%s", err);
}

/* One purchase by `buyer`, checked against the record. Returns 1 if the carrier was bought. */
static int check_buy(const SimScenario *sc, uint64_t seed, int buyer)
{
    static Buyer b;
    SimWorld *w = start(sc, seed, &b, buyer);
    if (!w)
        return 0;
    /* A healthy firm is neither in distress nor failed: no rescue of it. */
    SimIntent healthy = {.kind = SIM_INTENT_RESCUE, .actor = BANK, .amount = 1.0};
    SimRefusal why;
    char err[256];
    if (!sim_turn_distressed(w, BANK)) {
        CHECK(sim_turn_validate_why(w, buyer, &healthy, &why, err, sizeof err) < 0);
        CHECK(why.code == SIM_REFUSE_NOT_DISTRESSED);
        CHECK(!sim_rescue_open(w, BANK));
    }
    finish(w, seed);
    int td = sim_default_turn(w, CARRIER);
    if (td < 0 || b.turn < 0 || sim_default_turn(w, buyer) >= 0) {
        sim_world_destroy(w);
        return 0;
    }
    CHECK(b.turn > td);
    CHECK(b.refused_low || b.estate == 0.0);
    CHECK(b.refused_huge);
    CHECK(b.estate > 0.0);
    /* The event: the buyer bought the carrier whole, for the price. */
    const SimEvent *ev = NULL;
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_RESCUE && w->events[k].other == CARRIER)
            ev = &w->events[k];
    CHECK(ev != NULL);
    if (!ev) {
        sim_world_destroy(w);
        return 0;
    }
    CHECK(ev->actor == buyer && ev->turn == b.turn && ev->amount == b.price && ev->aux == 1.0);
    CHECK(ev->change == b.estate);
    CHECK(sim_rescue_buyer(w, CARRIER) == buyer);
    CHECK(!sim_rescue_open(w, CARRIER));
    /* The price in, and all of it out to the creditors pro rata to what they recovered at the
     * default: each one's recovery rises by the same share of its claim. */
    int world = sim_ledger_world(&w->ledger);
    CHECK_NEAR(flows(w, b.turn, SIM_FLOW_EQUITY, buyer, CARRIER), b.price, 1e-12);
    double at_default = 0.0, now = 0.0;
    for (int a = 0; a <= w->n; a++) {
        int acct = a == w->n ? world : a;
        if (a != CARRIER) {
            at_default += flows(w, td, SIM_FLOW_RECOVERY, CARRIER, acct);
            now += flows(w, b.turn, SIM_FLOW_RECOVERY, CARRIER, acct);
        }
    }
    CHECK_NEAR(now, b.price, 1e-9 * b.price);
    CHECK(at_default > 0.0);
    for (int a = 0; a <= w->n && at_default > 0.0; a++) {
        int acct = a == w->n ? world : a;
        if (a == CARRIER)
            continue;
        double r0 = flows(w, td, SIM_FLOW_RECOVERY, CARRIER, acct);
        double r1 = flows(w, b.turn, SIM_FLOW_RECOVERY, CARRIER, acct);
        if (a < w->n && sim_default_turn(w, a) >= 0 && sim_default_turn(w, a) <= b.turn)
            continue; /* a failed creditor's share went to the world */
        if (a < w->n)
            CHECK_NEAR(r1, b.price * r0 / at_default, 1e-9 * b.price);
    }
    /* The vendor lent the carrier: its recovery rose. */
    CHECK(flows(w, b.turn, SIM_FLOW_RECOVERY, CARRIER, VENDOR) > 0.0 ||
          sim_default_turn(w, VENDOR) >= 0);
    /* The failed firm's cash passed to its buyer and it has nothing left. */
    CHECK_NEAR(sim_cash(w, CARRIER), 0.0, 1e-9);
    /* Every share of it is the buyer's. */
    for (int i = 0; i < w->n; i++) {
        double held = w->holdings[(size_t)i * (size_t)w->n + CARRIER];
        CHECK(i == buyer ? held == w->actors[CARRIER].shares : held == 0.0);
    }
    for (int k = 0; k < w->n; k++)
        CHECK(w->holdings[(size_t)CARRIER * (size_t)w->n + (size_t)k] == 0.0);
    /* Sold once: a second buyer is refused, and so is the first one again. */
    for (int other = 0; other < w->n; other++) {
        if (other == CARRIER || w->actors[other].defaulted)
            continue;
        SimIntent again = {.kind = SIM_INTENT_RESCUE, .actor = CARRIER, .amount = 1e-3};
        CHECK(sim_turn_validate_why(w, other, &again, &why, err, sizeof err) < 0);
        CHECK(why.code == SIM_REFUSE_BOUGHT && why.actor == buyer && why.other == CARRIER);
    }
    sim_world_destroy(w);
    return 1;
}

/* Without a buyer the carrier's creditors take only what the clearing paid: the same game with
 * a buyer gives them exactly the price more (the purchase moves nothing before it). */
static void check_against_none(const SimScenario *sc, uint64_t seed)
{
    static Buyer b;
    SimWorld *with = start(sc, seed, &b, BYSTANDER), *none = start(sc, seed, NULL, 0);
    if (!with || !none) {
        sim_world_destroy(with);
        sim_world_destroy(none);
        return;
    }
    finish(with, seed);
    finish(none, seed);
    if (b.turn >= 0) {
        int world = sim_ledger_world(&with->ledger);
        double got_with = 0.0, got_none = 0.0;
        for (int a = 0; a <= with->n; a++) {
            int acct = a == with->n ? world : a;
            if (a == CARRIER)
                continue;
            got_with += flows(with, -1, SIM_FLOW_RECOVERY, CARRIER, acct);
            got_none += flows(none, -1, SIM_FLOW_RECOVERY, CARRIER, acct);
        }
        CHECK_NEAR(got_with - got_none, b.price, 1e-9 * (1.0 + got_none));
    }
    sim_world_destroy(with);
    sim_world_destroy(none);
}

/* A buyer that has failed cannot buy, and a price of 0 is no price. */
static void check_refusals(const SimScenario *sc)
{
    char err[256];
    SimRefusal why;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        SimWorld *w = start(sc, seed, NULL, 0);
        if (!w)
            continue;
        finish(w, seed);
        if (w->actors[CARRIER].defaulted && w->actors[VENDOR].defaulted) {
            SimIntent in = {.kind = SIM_INTENT_RESCUE, .actor = CARRIER, .amount = 1e3};
            CHECK(sim_turn_validate_why(w, VENDOR, &in, &why, err, sizeof err) < 0);
            CHECK(why.code == SIM_REFUSE_DEFAULTED && why.actor == VENDOR);
        }
        if (w->actors[CARRIER].defaulted) {
            SimIntent zero = {.kind = SIM_INTENT_RESCUE, .actor = CARRIER, .amount = 0.0};
            CHECK(sim_turn_validate_why(w, BANK, &zero, &why, err, sizeof err) < 0);
            CHECK(why.code == SIM_REFUSE_NO_AMOUNT);
            CHECK(sim_rescue_open(w, CARRIER));
            CHECK(sim_rescue_estate(w, CARRIER) > 0.0);
        }
        sim_world_destroy(w);
    }
}

/* The Lua buyer (tests/data/scripts/buy_failed.lua) seated as the bystander. */
static const AppStrategyChoice lua_seat[] = {{"all", "history"},
                                             {"bystander", CL_TESTDATA "/scripts/buy_failed.lua"}};

static AppGame *lua_game(uint64_t seed)
{
    return test_game_new(CL_TESTDATA "/cascade.json", seed, lua_seat, 2);
}

/* Plays up to `turns` turns; returns the turns played. */
static int play(AppGame *g, int turns)
{
    char err[512];
    int k = 0;
    for (; k < turns; k++) {
        int rc = sim_turn_step(g->world, err, sizeof err);
        CHECK_MSG(rc >= 0, "%s", err);
        if (rc != 0) {
            k++;
            break;
        }
    }
    return k;
}

static char *history(const AppGame *g)
{
    char err[256];
    char *h = dat_history_text(g->world, NULL, err, sizeof err);
    CHECK_MSG(h != NULL, "%s", err);
    return h;
}

/* The turn of the Lua buyer's purchase, or -1. */
static int bought_turn(const SimWorld *w)
{
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_RESCUE && w->events[k].other == CARRIER &&
            w->events[k].actor == BYSTANDER)
            return w->events[k].turn;
    return -1;
}

/* The story's lines of turn t, in the language in use, into buf. */
static void story(const SimWorld *w, int t, char *buf, size_t bufsz)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    buf[0] = '\0';
    if (!f)
        return;
    int first = -1, end = 0;
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].turn == t) {
            if (first < 0)
                first = k;
            end = k + 1;
        }
    if (first >= 0)
        app_story_turn(f, w, t, first, end);
    rewind(f);
    size_t n = fread(buf, 1, bufsz - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* A script buys the failed carrier through rescue{}; the story tells it in both languages; a
 * save made after the purchase loads and plays on to the same record as the game played
 * straight. */
static void check_lua_and_save(void)
{
    int bought = 0, resumed = 0;
    char path[256], err[1024];
    static char text[1 << 16];
    snprintf(path, sizeof path, "/tmp/test_sim_rescue_%ld.json", (long)getpid());
    for (uint64_t seed = 1; seed <= 12; seed++) {
        AppGame *a = lua_game(seed);
        if (!a)
            continue;
        play(a, 1000);
        int t = bought_turn(a->world);
        if (t < 0) {
            app_game_free(a);
            continue;
        }
        bought++;
        CHECK(sim_rescue_buyer(a->world, CARRIER) == BYSTANDER);
        CHECK(sim_ledger_audit(&a->world->ledger, a->world->opening_cash, err, sizeof err) == 0);
        test_lang_use(CORE_LANG_EN);
        story(a->world, t, text, sizeof text);
        CHECK_MSG(strstr(text, "buys the failed Carrier One whole") != NULL, "%s", text);
        test_lang_use(CORE_LANG_ZH);
        story(a->world, t, text, sizeof text);
        CHECK_MSG(strstr(text, "整体收购已倒闭的") != NULL, "%s", text);
        test_lang_use(CORE_LANG_EN);
        /* Saved in the month after the purchase, loaded, played on: the same record. */
        AppGame *b = lua_game(seed);
        if (b) {
            play(b, t + 1);
            CHECK(bought_turn(b->world) == t);
            CHECK_MSG(app_game_save(b, path, err, sizeof err) == 0, "%s", err);
            app_game_free(b);
            int status;
            b = app_game_load(path, CL_TESTDATA "/cascade.json", &status, err, sizeof err);
            CHECK_MSG(b != NULL, "%s", err);
        }
        if (b) {
            CHECK(sim_rescue_buyer(b->world, CARRIER) == BYSTANDER);
            play(b, 1000);
            char *ha = history(a), *hb = history(b);
            int same = ha && hb && strcmp(ha, hb) == 0;
            CHECK_MSG(same, "seed %llu: the game loaded after the purchase plays differently",
                      (unsigned long long)seed);
            resumed += same;
            free(ha);
            free(hb);
            app_game_free(b);
        }
        app_game_free(a);
    }
    remove(path);
    printf("Lua buyer: bought the failed carrier in %d of 12 seeds; %d resumed the same\n", bought,
           resumed);
    CHECK(bought >= 1);
}

/* A strategy that plays the intents a person queued at the desk this month, then history. */
typedef struct {
    SimStrategy inner;
    SimIntentList queued;
} Desk;

static int desk_decide(void *self, const SimView *v, SimIntentList *out, char *err, size_t errsz)
{
    Desk *d = self;
    if (d->inner.decide(d->inner.self, v, out, err, errsz) < 0)
        return -1;
    for (int k = 0; k < d->queued.n; k++) {
        SimIntent *in = sim_intents_push(out, d->queued.v[k].kind);
        if (in)
            *in = d->queued.v[k];
    }
    d->queued.n = 0;
    return 0;
}

/* The desk (ui_desk): a person seated as the bystander opens the rescue dialog once the carrier
 * has failed; it starts on the carrier at its estate, a price below it is refused with the
 * engine's reason in the reader's language, the price is queued as a rescue intent, and the month
 * played with it books the purchase. */
static void check_desk(const SimScenario *sc)
{
    int tried = 0;
    char err[256];
    for (uint64_t seed = 1; seed <= 6; seed++) {
        static Desk dk;
        memset(&dk, 0, sizeof dk);
        sim_strategy_history(&dk.inner);
        SimWorld *w = start(sc, seed, NULL, 0);
        if (!w)
            continue;
        SimStrategy st = {"history", &dk, NULL, desk_decide, NULL, NULL};
        sim_world_set_strategy(w, BYSTANDER, st);
        int rc = 0;
        while (rc == 0 && !w->actors[CARRIER].defaulted)
            rc = sim_turn_step(w, err, sizeof err);
        if (rc != 0 || w->actors[BYSTANDER].defaulted) {
            sim_world_destroy(w);
            continue;
        }
        tried++;
        static UiDesk k;
        ui_desk_open(&k, w, BYSTANDER);
        ui_desk_draft_rescue(&k, w, -1);
        CHECK(k.draft.open && k.draft.rescue);
        CHECK(k.draft.t.payee == CARRIER); /* the first firm that can be rescued */
        double estate = sim_rescue_estate(w, CARRIER);
        CHECK(k.draft.t.amount >= estate && k.draft.t.amount < estate + 0.1 + 1e-9);
        CHECK_MSG(k.draft.valid, "%s", k.draft.verdict);
        CHECK(strstr(k.draft.verdict, "buy the failed Carrier One whole") != NULL);
        CHECK(ui_desk_draft_shows(&k, UI_F_AMOUNT) && ui_desk_draft_shows(&k, UI_F_OTHER));
        CHECK(!ui_desk_draft_shows(&k, UI_F_MONTHS) && !ui_desk_draft_shows(&k, UI_F_KIND));
        /* Typed below the estate: the engine's refusal, in words. */
        k.draft.focus = UI_F_AMOUNT;
        k.draft.typed[0] = '\0';
        ui_desk_type(&k, w, "0.001");
        CHECK(!k.draft.valid && k.draft.refusal.code == SIM_REFUSE_BELOW_ESTATE);
        CHECK_MSG(strstr(k.draft.verdict, "less than the") != NULL, "%s", k.draft.verdict);
        CHECK(ui_desk_draft_commit(&k, w) < 0 && k.n_own == 0);
        /* The same in Chinese. */
        test_lang_use(CORE_LANG_ZH);
        ui_desk_check(&k, w);
        CHECK_MSG(strstr(k.draft.verdict, "破产财产") != NULL, "%s", k.draft.verdict);
        test_lang_use(CORE_LANG_EN);
        /* A price above it, queued and played. */
        char typed[32];
        snprintf(typed, sizeof typed, "%.1f", estate + 3.0);
        k.draft.typed[0] = '\0';
        ui_desk_type(&k, w, typed);
        CHECK_MSG(k.draft.valid, "%s", k.draft.verdict);
        CHECK(ui_desk_draft_commit(&k, w) == 0 && k.n_own == 1);
        char line[256];
        ui_desk_own_text(&k, w, 0, line, sizeof line);
        CHECK_MSG(strstr(line, "buy the failed Carrier One whole") != NULL, "%s", line);
        ui_desk_intents(&k, &dk.queued);
        CHECK(dk.queued.n == 1 && dk.queued.v[0].kind == SIM_INTENT_RESCUE &&
              dk.queued.v[0].actor == CARRIER);
        int t = w->turn;
        CHECK(sim_turn_step(w, err, sizeof err) >= 0);
        CHECK(sim_rescue_buyer(w, CARRIER) == BYSTANDER);
        for (int e = 0; e < w->n_events; e++)
            if (w->events[e].kind == SIM_LOG_RESCUE)
                CHECK(w->events[e].turn == t && w->events[e].amount == strtod(typed, NULL));
        /* Bought: the dialog now finds nobody to buy, and says why. */
        ui_desk_open(&k, w, BYSTANDER);
        ui_desk_draft_rescue(&k, w, CARRIER);
        CHECK(!k.draft.valid && k.draft.refusal.code == SIM_REFUSE_BOUGHT);
        CHECK_MSG(strstr(k.draft.verdict, "was bought already") != NULL, "%s", k.draft.verdict);
        finish(w, seed);
        sim_world_destroy(w);
    }
    CHECK(tried >= 1);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char err[512];
    SimScenario *sc = dat_scenario_load(CL_TESTDATA "/cascade.json", err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    int by_bystander = 0, by_vendor = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        by_bystander += check_buy(sc, seed, BYSTANDER);
        by_vendor += check_buy(sc, seed, VENDOR);
    }
    printf("the failed carrier bought by the bystander in %d seeds, by its lender in %d\n",
           by_bystander, by_vendor);
    CHECK(by_bystander >= 1);
    CHECK(by_vendor >= 1);
    for (uint64_t seed = 1; seed <= 8; seed++)
        check_against_none(sc, seed);
    check_refusals(sc);
    check_desk(sc);
    sim_scenario_free(sc);
    check_lua_and_save();
    TEST_END();
}
