/* test_sim_turn: whole games. The books balance every turn of 200 baseline games and of games
 * played by random (often invalid) strategies; games are deterministic; each end condition
 * happens when it should, with its consequences (a forced default of the hub writes claims down
 * along the exposure graph). Strategies that fail, seats and scores are in test_sim_seat.c, the
 * market's first day in test_sim_market.c. */
#include "sim_cascade.h"
#include "sim_native.h"
#include "sim_fixture.h"
#include "sim_game.h"
#include "sim_market.h"
#include "test_util.h"

#include <string.h>

enum { HUB = FX_HUB, NVIDIA = 1, ORACLE = 2, MICROSOFT = 3 };

static void set_all(SimWorld *w, const char *name)
{
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        CHECK(sim_strategy_native(name, &s) == 0);
        sim_world_set_strategy(w, i, s);
    }
}

/* What must hold after any turn of any game. */
static int world_sane(const SimWorld *w, const char *what)
{
    int ok = 1;
    double sum = 0.0;
    for (int a = 0; a < w->ledger.n_accounts; a++)
        sum += w->ledger.balance[a];
    if (!(fabs(sum - w->ledger.total) <= 1e-9 * (fabs(w->ledger.total) + 1.0) + 1e-6)) {
        CHECK_MSG(0, "%s: the accounts sum to %.17g, not %.17g", what, sum, w->ledger.total);
        ok = 0;
    }
    for (int i = 0; i < w->n; i++) {
        const SimSnap *s = sim_snap(w, w->turn, i);
        if (!(isfinite(s->cash) && isfinite(s->price) && s->price > 0.0 && s->shares > 0.0 &&
              isfinite(s->market_value) && isfinite(s->exposure) && isfinite(s->obligations) &&
              isfinite(s->debt) && s->debt >= -1e-9 && s->circularity >= 0.0 &&
              s->circularity <= 1.0 && isfinite(s->compute_owned) &&
              isfinite(s->compute_contracted))) {
            CHECK_MSG(0, "%s: actor %d has a bad snapshot at turn %d (price %g cash %g)", what, i,
                      w->turn, s->price, s->cash);
            ok = 0;
        }
    }
    /* The snapshot's figures are the functions' figures. */
    for (int i = 0; i < w->n; i++) {
        const SimSnap *s = sim_snap(w, w->turn, i);
        double e = sim_exposure_total(w, i), o = sim_obligations(w, i, -1);
        double o12 = sim_obligations(w, i, 12);
        if (!(fabs(s->exposure - e) <= 1e-9 * (1.0 + fabs(e)) &&
              fabs(s->obligations - o) <= 1e-9 * (1.0 + fabs(o)) &&
              fabs(s->due_12m - o12) <= 1e-9 * (1.0 + fabs(o12)) && s->due_12m <= o + 1e-9)) {
            CHECK_MSG(0,
                      "%s: actor %d at turn %d: snapshot exposure %g obligations %g due %g, "
                      "functions %g %g %g",
                      what, i, w->turn, s->exposure, s->obligations, s->due_12m, e, o, o12);
            ok = 0;
        }
    }
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        char err[256] = "";
        if (sim_terms_check(&d->t, w->n, err, sizeof err) != 0 || d->id != k ||
            (d->proposer != d->t.payer && d->proposer != d->t.payee) || d->parent >= k ||
            (unsigned)d->status >= SIM_DS_STATUS_COUNT ||
            (sim_deal_is_live(d) && d->start_turn < 0)) {
            CHECK_MSG(0, "%s: deal %d is malformed (%s)", what, k, err);
            ok = 0;
        }
    }
    return ok;
}

/* ---------------------------------------------------------------------------------------------
 * Books */

static int world_of(const SimWorld *w)
{
    return sim_ledger_world(&w->ledger);
}

static void test_baseline_games(void)
{
    /* Two casts: with the seventh giant's loans the hub holds on; with six, and a hub that takes
     * offers while they cover only half of next year's bills, it sometimes fails. */
    SimScenario *sc7 = fx_scenario(FX_MAX_GIANTS, 36), *sc6 = fx_scenario(FX_MAX_GIANTS - 1, 36);
    if (sc6)
        sc6->actors[sc6->hub].baseline.min_coverage = 0.5;
    int ends[5] = {0}, accepted = 0, completed = 0, failures = 0;
    for (uint64_t seed = 1; seed <= 200; seed++) {
        char what[32], err[256] = "";
        snprintf(what, sizeof what, "baseline seed %llu", (unsigned long long)seed);
        SimWorld *w = make_world(seed % 2 ? sc7 : sc6, seed);
        if (!w)
            break;
        set_all(w, "baseline");
        CHECK(w->check_books == 1);
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        int rc = 0;
        while (rc == 0) {
            rc = sim_turn_step(w, err, sizeof err);
            if (rc < 0 || !world_sane(w, what))
                break;
        }
        CHECK_MSG(rc == 1, "%s: %s", what, err);
        failures += rc != 1;
        ends[w->end]++;
        CHECK(w->end == SIM_END_HORIZON || w->end == SIM_END_DEFAULT || w->end == SIM_END_TARGET);
        CHECK(w->end != SIM_END_HORIZON || w->turn == w->turns);
        audit(w);
        for (int k = 0; k < w->n_deals; k++) {
            accepted += w->deals[k].decided_turn >= 0 && w->deals[k].start_turn >= 0;
            completed += w->deals[k].status == SIM_DS_COMPLETED;
        }
        sim_world_destroy(w);
        if (failures > 3)
            break;
    }
    printf("baseline: 200 games, %d deals signed, %d completed; ends: horizon %d, default %d, "
           "target %d\n",
           accepted, completed, ends[SIM_END_HORIZON], ends[SIM_END_DEFAULT], ends[SIM_END_TARGET]);
    /* The games must be games: deals made and finished, more than one kind of ending. */
    CHECK_MSG(accepted > 200 && completed > 100, "%d accepted, %d completed", accepted, completed);
    CHECK_MSG(ends[SIM_END_HORIZON] > 0 && ends[SIM_END_DEFAULT] > 0,
              "ends: horizon %d default %d target %d", ends[SIM_END_HORIZON], ends[SIM_END_DEFAULT],
              ends[SIM_END_TARGET]);
    sim_scenario_free(sc7);
    sim_scenario_free(sc6);
}

/* The engine's own check is live: money changed behind the ledger's back stops the game. */
static void test_books_check_catches(void)
{
    SimScenario *sc = fx_scenario(3, 12);
    SimWorld *w = make_world(sc, 3);
    if (w) {
        set_all(w, "baseline");
        step(w);
        step(w);
        w->ledger.balance[NVIDIA] += 1.0;
        char err[256] = "";
        CHECK(sim_turn_step(w, err, sizeof err) == -1);
        CHECK_MSG(strstr(err, "books"), "message: %s", err);
        sim_world_destroy(w);
    }
    sim_scenario_free(sc);
}

/* A strategy that throws dice: mostly sane offers and answers, some nonsense of every kind. It
 * predicts with sim_turn_validate which of its intents the engine must drop. Owned by the test,
 * not by the world, so that it outlives a fallback to passive. */
typedef struct {
    CoreRng rng;
    int invalid[64]; /* per turn */
    int overflow[64];
    int intents;
} Dice;

static int dice_int(CoreRng *r, int n)
{
    return (int)(core_rng_uniform(r) * (double)n);
}

static double dice_wild(CoreRng *r)
{
    static const double v[] = {-1.0, 0.0, NAN, INFINITY, -INFINITY, 2e6, 1e6, 1e-300, 1.5};
    return v[dice_int(r, (int)(sizeof v / sizeof v[0]))];
}

static SimTerms dice_terms(CoreRng *r, const SimWorld *w, int me)
{
    SimTerms t;
    memset(&t, 0, sizeof t);
    t.kind = (SimDealKind)dice_int(r, SIM_DEAL_KIND_COUNT);
    int other = dice_int(r, w->n);
    if (dice_int(r, 2)) {
        t.payer = me;
        t.payee = other;
    } else {
        t.payer = other;
        t.payee = me;
    }
    if (t.kind == SIM_DEAL_BUILD && dice_int(r, 5) != 0) {
        t.payer = me;
        t.payee = SIM_WORLD;
    }
    double u = core_rng_uniform(r);
    t.amount = 0.5 + 150.0 * u * u;
    t.months = 1 + dice_int(r, 48);
    t.delay = dice_int(r, 4);
    t.upfront = dice_int(r, 3) == 0 ? 0.5 * core_rng_uniform(r) : 0.0;
    t.gw = 3.0 * core_rng_uniform(r);
    t.rate = 0.3 * core_rng_uniform(r);
    t.rate2 = (1.0 - t.rate) * core_rng_uniform(r);
    t.shares = 0.5 * core_rng_uniform(r);
    /* One field in four intents is nonsense. */
    if (dice_int(r, 4) == 0) {
        switch (dice_int(r, 12)) {
        case 0:
            t.kind = (SimDealKind)(dice_int(r, 2) ? -1 : SIM_DEAL_KIND_COUNT + dice_int(r, 5));
            break;
        case 1:
            t.payer = dice_int(r, w->n + 4) - 2;
            break;
        case 2:
            t.payee = dice_int(r, w->n + 4) - 2;
            break;
        case 3:
            t.amount = dice_wild(r);
            break;
        case 4:
            t.months = dice_int(r, 2) ? dice_int(r, 3) - 2 : 600 + dice_int(r, 3);
            break;
        case 5:
            t.delay = dice_int(r, 2) ? -1 - dice_int(r, 3) : 239 + dice_int(r, 4);
            break;
        case 6:
            t.upfront = dice_wild(r);
            break;
        case 7:
            t.gw = dice_wild(r) * 1e4;
            break;
        case 8:
            t.rate = dice_wild(r);
            break;
        case 9:
            t.rate2 = dice_wild(r);
            break;
        case 10:
            t.shares = dice_wild(r) * 1e3;
            break;
        default:
            t.payee = t.payer; /* pays itself */
            break;
        }
    }
    return t;
}

/* An open offer addressed to me, a live right I hold, or any number at all. */
static int dice_deal(CoreRng *r, const SimWorld *w, int me, SimIntentKind kind)
{
    if (dice_int(r, 10) < 7 && w->n_deals > 0) {
        int start = dice_int(r, w->n_deals);
        for (int j = 0; j < w->n_deals; j++) {
            int k = (start + j) % w->n_deals;
            const SimDeal *d = &w->deals[k];
            int mine =
                kind == SIM_INTENT_RELEASE
                    ? d->t.kind == SIM_DEAL_EXCLUSIVITY && d->t.payee == me && sim_deal_is_live(d)
                    : d->status == SIM_DS_PROPOSED && d->proposer != me &&
                          (d->t.payer == me || d->t.payee == me);
            if (mine)
                return k;
        }
    }
    return dice_int(r, w->n_deals + 5) - 2;
}

static int dice_decide(void *self, const SimView *view, SimIntentList *out, char *err, size_t errsz)
{
    Dice *s = self;
    const SimWorld *w = view->world;
    CoreRng *r = &s->rng;
    int me = view->self, t = w->turn < 64 ? w->turn : 63;
    s->invalid[t] = s->overflow[t] = 0;
    if (dice_int(r, 100) == 0)
        return core_errf(err, errsz, "the dice fell off the table");
    int n = dice_int(r, 20) == 0 ? SIM_MAX_INTENTS + 1 + dice_int(r, 8) : dice_int(r, 6);
    for (int k = 0; k < n; k++) {
        int roll = dice_int(r, 20);
        SimIntentKind kind = roll < 7    ? SIM_INTENT_PROPOSE
                             : roll < 11 ? SIM_INTENT_ACCEPT
                             : roll < 13 ? SIM_INTENT_REJECT
                             : roll < 15 ? SIM_INTENT_COUNTER
                             : roll < 17 ? SIM_INTENT_RELEASE
                             : roll < 18 ? SIM_INTENT_PASS
                                         : (SimIntentKind)(roll == 18 ? -1 : SIM_INTENT_KIND_COUNT);
        SimIntent *in = sim_intents_push(out, kind);
        if (!in) {
            s->overflow[t] = 1;
            continue;
        }
        s->intents++;
        if (kind == SIM_INTENT_PROPOSE || kind == SIM_INTENT_COUNTER)
            in->terms = dice_terms(r, w, me);
        if (kind != SIM_INTENT_PROPOSE && kind != SIM_INTENT_PASS)
            in->deal = dice_deal(r, w, me, kind);
        if (dice_int(r, 4) == 0)
            memset(in->reason, 'x', sizeof in->reason); /* no terminator: the engine adds one */
        else
            snprintf(in->reason, sizeof in->reason, "dice %d", k);
        if (sim_turn_validate(w, me, in, NULL, 0) < 0)
            s->invalid[t]++;
    }
    return 0;
}

static SimStrategy dice_strategy(Dice *d)
{
    SimStrategy s;
    memset(&s, 0, sizeof s);
    s.name = "dice";
    s.self = d;
    s.decide = dice_decide;
    return s;
}

static void play_dice(uint64_t seed, int with_baseline, int *deals, int *dropped, int *invalid,
                      int *ends)
{
    SimScenario *sc = fx_scenario(5, 48);
    SimWorld *w = make_world(sc, seed);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    Dice dice[8];
    memset(dice, 0, sizeof dice);
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        if (with_baseline && i % 2 == 1) {
            sim_strategy_baseline(&s);
        } else {
            core_rng_seed_named(&dice[i].rng, seed, w->sc->actors[i].id);
            s = dice_strategy(&dice[i]);
        }
        sim_world_set_strategy(w, i, s);
    }
    char what[48];
    snprintf(what, sizeof what, "dice seed %llu%s", (unsigned long long)seed,
             with_baseline ? " with baseline" : "");
    int rc = 0;
    while (rc == 0) {
        int t = w->turn;
        char err[256] = "";
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "%s turn %d: %s", what, t, err);
        if (rc < 0 || !world_sane(w, what))
            break;
        for (int i = 0; i < w->n; i++) {
            if (strcmp(w->actors[i].strategy.name, "dice") != 0 || t >= 64)
                continue;
            int expect = dice[i].invalid[t] + dice[i].overflow[t];
            int got = 0;
            for (int k = 0; k < w->n_events; k++)
                got += w->events[k].turn == t && w->events[k].kind == SIM_LOG_DROPPED &&
                       w->events[k].actor == i;
            CHECK_MSG(got >= expect, "%s turn %d actor %d: %d dropped, %d invalid", what, t, i, got,
                      expect);
            *invalid += expect;
        }
    }
    audit(w);
    *deals += w->n_deals;
    *dropped += fx_count_events(w, SIM_LOG_DROPPED, -2, -1);
    ends[w->end]++;
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

static void test_dice_games(void)
{
    int deals = 0, dropped = 0, invalid = 0, ends[5] = {0};
    for (uint64_t seed = 1; seed <= 60; seed++)
        play_dice(seed, 0, &deals, &dropped, &invalid, ends);
    for (uint64_t seed = 1; seed <= 60; seed++)
        play_dice(seed, 1, &deals, &dropped, &invalid, ends);
    printf("dice: 120 games, %d deals, %d intents dropped (%d known invalid); ends: horizon %d, "
           "default %d, target %d\n",
           deals, dropped, invalid, ends[SIM_END_HORIZON], ends[SIM_END_DEFAULT],
           ends[SIM_END_TARGET]);
    CHECK_MSG(deals > 500 && invalid > 500 && dropped >= invalid, "%d deals, %d dropped", deals,
              dropped);
    CHECK(ends[SIM_END_NONE] == 0 && ends[SIM_END_TURN_LIMIT] == 0);
}

/* ---------------------------------------------------------------------------------------------
 * Determinism */

static uint64_t play_baseline(const SimScenario *sc, uint64_t seed, uint64_t *mid)
{
    SimWorld *w = make_world(sc, seed);
    if (!w)
        return 0;
    set_all(w, "baseline");
    for (int k = 0; k < 10; k++)
        step(w);
    if (mid)
        *mid = sim_world_hash(w);
    char err[256] = "";
    CHECK(sim_turn_run(w, -1, err, sizeof err) == 1);
    uint64_t h = sim_world_hash(w);
    sim_world_destroy(w);
    return h;
}

static void test_determinism(void)
{
    SimScenario *sc = fx_scenario(5, 36);
    uint64_t mid1 = 0, mid2 = 0;
    uint64_t a = play_baseline(sc, 77, &mid1), b = play_baseline(sc, 77, &mid2);
    CHECK(a == b && mid1 == mid2);
    CHECK(a != mid1);
    uint64_t h[20];
    int distinct = 1;
    for (int s = 0; s < 20; s++) {
        h[s] = play_baseline(sc, (uint64_t)s + 1000, NULL);
        for (int j = 0; j < s; j++)
            distinct &= h[j] != h[s];
    }
    CHECK_MSG(distinct, "two seeds gave the same game");
    /* Books checks are read-only: turning them off changes nothing. */
    SimWorld *w = make_world(sc, 77);
    if (w) {
        set_all(w, "baseline");
        w->check_books = 0;
        char err[256] = "";
        CHECK(sim_turn_run(w, 10, err, sizeof err) == 1);
        w->check_books = 1;
        CHECK(sim_turn_run(w, -1, err, sizeof err) == 1);
        CHECK(sim_world_hash(w) == a);
        sim_world_destroy(w);
    }
    sim_scenario_free(sc);
}

/* Each actor's stream comes from its id: adding an actor, even before it, changes nothing for
 * the others. */
static void test_named_streams(void)
{
    SimScenario *a = fx_scenario(3, 24);
    SimScenario *b = sim_scenario_alloc(5, 0, 0);
    if (!a || !b) {
        CHECK(0);
        return;
    }
    SimActorSpec *actors = b->actors;
    *b = *a;
    b->actors = actors;
    b->n_actors = 5;
    b->actors[0] = a->actors[0];
    fx_giant(&b->actors[1], 7); /* a newcomer in front */
    for (int i = 1; i < 4; i++)
        b->actors[i + 1] = a->actors[i];
    char err[256] = "";
    CHECK_MSG(sim_scenario_check(b, err, sizeof err) == 0, "%s", err);
    SimWorld *wa = make_world(a, 99), *wb = make_world(b, 99);
    if (wa && wb) {
        for (int i = 1; i < 4; i++) {
            int j = sim_scenario_find_actor(wb->sc, a->actors[i].id);
            CHECK(j == i + 1);
            CHECK_MSG(memcmp(&wa->actors[i].rng, &wb->actors[j].rng, sizeof(CoreRng)) == 0,
                      "%s's stream moved with its index", a->actors[i].id);
        }
        CHECK(memcmp(&wa->actors[1].rng, &wa->actors[2].rng, sizeof(CoreRng)) != 0);
        /* Passive games: nobody deals, so each price path is the actor's own business. */
        int same = 1;
        for (int t = 0; t < 24; t++) {
            step(wa);
            step(wb);
            for (int i = 0; i < 4; i++) {
                int j = i == 0 ? 0 : i + 1;
                same &= sim_snap(wa, wa->turn, i)->price == sim_snap(wb, wb->turn, j)->price &&
                        sim_snap(wa, wa->turn, i)->cash == sim_snap(wb, wb->turn, j)->cash;
            }
        }
        CHECK_MSG(same, "adding an actor changed the others' games");
        CHECK(sim_snap(wa, 24, NVIDIA)->price != sim_snap(wa, 0, NVIDIA)->price);
        /* Another seed, another path. */
        SimWorld *wc = make_world(a, 100);
        if (wc) {
            step(wc);
            CHECK(sim_snap(wc, 1, NVIDIA)->price != sim_snap(wa, 1, NVIDIA)->price);
            sim_world_destroy(wc);
        }
    }
    sim_world_destroy(wa);
    sim_world_destroy(wb);
    sim_scenario_free(a);
    sim_scenario_free(b);
}

/* ---------------------------------------------------------------------------------------------
 * Scenario news */

static SimScenario *news_scenario(int with_news)
{
    SimScenario *sc = fx_scenario_ex(3, 24, with_news ? 3 : 0, 0);
    fx_quiet(sc);
    sc->market.sentiment_decay = 0.1;
    sc->actors[NVIDIA].sentiment_beta = 1.0;
    if (!with_news)
        return sc;
    SimScenarioEvent *e = &sc->events[0];
    e->month = FX_START + 2;
    e->type = SIM_SEV_NEWS;
    core_strlcpy(e->id, "chatgpt-3", sizeof e->id);
    core_strlcpy(e->title, "ChatGPT turns three", sizeof e->title);
    e->actor = NVIDIA;
    e->sentiment = 0.4;
    e->growth = 0.1;
    e->threat_to = ORACLE;
    e->threat = 0.5;
    e->proposer = -1;
    e->target_payer = e->target_payee = NAN;
    /* A historical deal in the same month: only a strategy can make it happen. */
    e = &sc->events[1];
    e->month = FX_START + 2;
    e->type = SIM_SEV_DEAL;
    core_strlcpy(e->id, "stargate", sizeof e->id);
    core_strlcpy(e->title, "Stargate", sizeof e->title);
    e->actor = -1;
    e->threat_to = -1;
    e->proposer = HUB;
    e->terms = fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 30.0, 12);
    e->accept = 1;
    e->target_payer = e->target_payee = NAN;
    e = &sc->events[2];
    e->month = FX_START + 5;
    e->type = SIM_SEV_NEWS;
    core_strlcpy(e->id, "jitters", sizeof e->id);
    core_strlcpy(e->title, "Bubble jitters", sizeof e->title);
    e->actor = -1;
    e->threat_to = -1;
    e->proposer = -1;
    e->sentiment = -0.2;
    e->target_payer = e->target_payee = NAN;
    return sc;
}

static void test_news(void)
{
    SimScenario *sc = news_scenario(1), *plain = news_scenario(0);
    char err[256] = "";
    CHECK_MSG(sim_scenario_check(sc, err, sizeof err) == 0, "%s", err);
    SimWorld *w = make_world(sc, 3), *v = make_world(plain, 3);
    if (!w || !v) {
        sim_world_destroy(w);
        sim_world_destroy(v);
        sim_scenario_free(sc);
        sim_scenario_free(plain);
        return;
    }
    step(w), step(v);
    step(w), step(v);
    CHECK(fx_count_events(w, SIM_LOG_NEWS, -2, -1) == 0);
    CHECK(w->sentiment_x == v->sentiment_x);
    double x1 = w->sentiment_x, s1 = tanh(x1), p1 = w->actors[NVIDIA].price;
    step(w), step(v); /* turn 2: the news */
    const SimEvent *e = fx_find_event(w, SIM_LOG_NEWS, -2, -2);
    CHECK(e != NULL);
    if (e) {
        CHECK(e->turn == 2 && e->scenario_event == 0 && e->actor == NVIDIA && e->other == ORACLE);
        CHECK(strcmp(e->text, "ChatGPT turns three") == 0);
    }
    CHECK(fx_count_events(w, SIM_LOG_NEWS, -2, -1) == 1);
    CHECK(w->n_deals == 0);
    /* Sentiment got the shock, then the month's decay. */
    CHECK_NEAR(w->sentiment_x, (1.0 - 0.1) * (x1 + 0.4), 1e-12);
    CHECK_NEAR(w->sentiment_x - v->sentiment_x, 0.9 * 0.4, 1e-12);
    /* Nvidia's growth got the boost (then the month's decay toward its floor). */
    double decay = sc->actors[NVIDIA].growth_decay;
    CHECK_NEAR(w->actors[NVIDIA].growth - v->actors[NVIDIA].growth, 0.1 * (1.0 - decay), 1e-12);
    CHECK(w->actors[NVIDIA].revenue > v->actors[NVIDIA].revenue);
    CHECK_NEAR(w->actors[ORACLE].threat, 0.5, 1e-12); /* quiet: threats do not decay */
    CHECK(v->actors[ORACLE].threat == 0.0);
    /* A price that follows sentiment (beta 1, nothing else moving it) moves with the month's
     * change of sentiment, news included: good news lifts it. */
    double s2 = tanh(w->sentiment_x), p2 = w->actors[NVIDIA].price;
    CHECK_MSG(fabs(log(p2 / p1) - (s2 - s1)) < 1e-12,
              "sentiment went %.4f -> %.4f on news, but a price with sentiment_beta 1 moved "
              "%+.4f (log)",
              s1, s2, log(p2 / p1));
    for (int k = 0; k < 3; k++)
        step(w), step(v);
    CHECK(fx_count_events(w, SIM_LOG_NEWS, -2, -1) == 2);
    CHECK(fx_count_events(w, SIM_LOG_NEWS, -2, 5) == 1);
    CHECK(w->n_deals == 0 && w->next_event == 3);
    sim_world_destroy(w);
    sim_world_destroy(v);
    sim_scenario_free(sc);
    sim_scenario_free(plain);
}

/* A failure of the record: Nvidia has lent Oracle $10B; the scenario says Oracle fails in month 3
 * with 25% recovered, tells of its liquidation in month 5, and of Nvidia's failure (which never
 * comes) in month 6. */
static SimScenario *failure_scenario(void)
{
    SimScenario *sc = fx_scenario_ex(3, 12, 3, 1);
    fx_quiet(sc);
    fx_rich(sc);
    SimInitialDeal *in = &sc->initial[0];
    core_strlcpy(in->tag, "nvda-orcl-loan", sizeof in->tag);
    core_strlcpy(in->text, "Nvidia lends Oracle $10B.", sizeof in->text);
    in->proposer = NVIDIA;
    in->terms = fx_terms(SIM_DEAL_LOAN, NVIDIA, ORACLE, 10.0, 2);
    static const struct {
        const char *id, *title;
        int month, fails, after;
        double recovery;
    } ev[3] = {{"orcl-fails", "Oracle files for bankruptcy", 3, ORACLE, -1, 0.25},
               {"orcl-wound-up", "Oracle's liquidators pay out", 5, -1, ORACLE, NAN},
               {"nvda-wound-up", "Nvidia's liquidators pay out", 6, -1, NVIDIA, NAN}};
    for (int k = 0; k < 3; k++) {
        SimScenarioEvent *e = &sc->events[k];
        e->month = FX_START + ev[k].month;
        e->type = SIM_SEV_NEWS;
        core_strlcpy(e->id, ev[k].id, sizeof e->id);
        core_strlcpy(e->title, ev[k].title, sizeof e->title);
        e->actor = ev[k].fails >= 0 ? ev[k].fails : ev[k].after;
        e->threat_to = e->proposer = -1;
        e->target_payer = e->target_payee = NAN;
        e->default_actor = ev[k].fails;
        e->after_default = ev[k].after;
        e->recovery = ev[k].recovery;
    }
    return sc;
}

static void test_scheduled_failure(void)
{
    SimScenario *sc = failure_scenario();
    char err[256] = "";
    CHECK_MSG(sim_scenario_check(sc, err, sizeof err) == 0, "%s", err);
    for (int seated = 0; seated < 2; seated++) {
        /* Oracle played by history (the record's failure happens), then by a free strategy
         * (passive: it pays what it owes and does not fail by date). */
        SimWorld *w = make_world(sc, 5);
        if (!w)
            break;
        set_all(w, "passive");
        if (seated) {
            SimStrategy h;
            sim_strategy_history(&h);
            sim_world_set_strategy(w, ORACLE, h);
        }
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        for (int k = 0; k < 3; k++)
            step(w);
        CHECK(!w->actors[ORACLE].defaulted);
        double owed = w->deals[0].principal + w->deals[0].arrears; /* half repaid by now */
        CHECK(owed > 1.0);
        step(w); /* month 3 */
        CHECK_MSG(w->actors[ORACLE].defaulted == seated, "seated %d: Oracle defaulted %d", seated,
                  w->actors[ORACLE].defaulted);
        const SimEvent *news = fx_find_event(w, SIM_LOG_NEWS, ORACLE, -2);
        const SimEvent *fell = fx_find_event(w, SIM_LOG_DEFAULT, ORACLE, -2);
        const SimEvent *wd = fx_find_event(w, SIM_LOG_WRITEDOWN, NVIDIA, -2);
        if (seated) {
            /* Told, then failed, in its month; Nvidia loses the loan less the record's 25%. */
            CHECK(news && fell && wd && news->turn == 3 && fell->turn == 3 && news < fell);
            CHECK(w->deals[0].status == SIM_DS_DEFAULTED);
            if (wd)
                CHECK_MSG(fabs(wd->amount - owed * 0.75) < 1e-9 && wd->other == ORACLE,
                          "Nvidia wrote off %g, expected %g x (1 - 0.25)", wd->amount, owed);
            CHECK(w->recovery_set == 0); /* the record's share is for that failure only */
        } else {
            /* A firm that trades on is not said to have failed. */
            CHECK(!news && !fell && !wd);
            CHECK(w->deals[0].status != SIM_DS_DEFAULTED);
        }
        for (int k = 0; k < 4; k++)
            step(w);
        /* The liquidators' news follows Oracle's failure only; Nvidia's never comes. */
        CHECK(fx_count_events(w, SIM_LOG_NEWS, -2, -1) == (seated ? 2 : 0));
        CHECK(fx_count_events(w, SIM_LOG_NEWS, NVIDIA, -1) == 0);
        CHECK(!w->actors[NVIDIA].defaulted && w->next_event == 3);
        audit(w);
        sim_world_destroy(w);
    }
    /* A failure told only after another firm's (Nvidia's, which never comes) still happens on
     * its date, untold. */
    sc->events[0].after_default = NVIDIA;
    SimWorld *w = make_world(sc, 5);
    if (w) {
        set_all(w, "passive");
        SimStrategy h;
        sim_strategy_history(&h);
        sim_world_set_strategy(w, ORACLE, h);
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        for (int k = 0; k < 4; k++)
            step(w);
        CHECK(w->actors[ORACLE].defaulted && fx_find_event(w, SIM_LOG_DEFAULT, ORACLE, -2));
        CHECK(fx_count_events(w, SIM_LOG_NEWS, -2, -1) == 0);
        audit(w);
        sim_world_destroy(w);
    }
    sc->events[0].after_default = -1;
    /* The checks of a scenario built in C: a recovery outside 0..1, or without a failure. */
    sc->events[0].recovery = 1.5;
    CHECK(sim_scenario_check(sc, err, sizeof err) < 0 && strstr(err, "$.events[0].recovery"));
    sc->events[0].recovery = 0.5;
    sc->events[0].default_actor = -1;
    CHECK(sim_scenario_check(sc, err, sizeof err) < 0 && strstr(err, "\"default\" beside it"));
    sim_scenario_free(sc);
}

/* A deal the record made after a firm's failure (Nvidia's loan to Microsoft once Oracle has failed)
 * is made by history only if that failure comes: not when a free strategy keeps Oracle trading. */
static void test_deal_after_failure(void)
{
    SimScenario *sc = fx_scenario_ex(3, 8, 2, 0);
    fx_quiet(sc);
    fx_rich(sc);
    SimScenarioEvent *e = &sc->events[0];
    e->month = FX_START + 3;
    e->type = SIM_SEV_NEWS;
    core_strlcpy(e->id, "orcl-fails", sizeof e->id);
    core_strlcpy(e->title, "Oracle files for bankruptcy", sizeof e->title);
    e->actor = e->default_actor = ORACLE;
    e->threat_to = e->proposer = -1;
    e->target_payer = e->target_payee = NAN;
    e = &sc->events[1];
    e->month = FX_START + 4;
    e->type = SIM_SEV_DEAL;
    core_strlcpy(e->id, "nvda-msft-line", sizeof e->id);
    core_strlcpy(e->title, "Nvidia lends Microsoft what Oracle's failure cost it", sizeof e->title);
    e->actor = e->proposer = NVIDIA;
    e->threat_to = -1;
    e->terms = fx_terms(SIM_DEAL_LOAN, NVIDIA, MICROSOFT, 1.0, 2);
    e->accept = 1;
    e->after_default = ORACLE;
    e->target_payer = e->target_payee = NAN;
    char err[256] = "";
    CHECK_MSG(sim_scenario_check(sc, err, sizeof err) == 0, "%s", err);
    for (int free_oracle = 0; free_oracle < 2; free_oracle++) {
        SimWorld *w = make_world(sc, 9);
        if (!w)
            break;
        set_all(w, "history");
        if (free_oracle) {
            SimStrategy p;
            sim_strategy_passive(&p);
            sim_world_set_strategy(w, ORACLE, p);
        }
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        CHECK(sim_record_failed_by(w, ORACLE, FX_START + 4) == !free_oracle);
        CHECK(sim_record_failed_by(w, ORACLE, FX_START + 2) == 0);
        for (int k = 0; k < 6; k++)
            step(w);
        int made = 0;
        for (int k = 0; k < w->n_deals; k++)
            made += w->deals[k].history_event == 1 && sim_deal_is_live(&w->deals[k]);
        CHECK_MSG(made == !free_oracle, "Oracle %s: the record's loan made %d times",
                  free_oracle ? "free" : "history", made);
        CHECK(w->actors[ORACLE].defaulted == !free_oracle);
        sim_world_destroy(w);
    }
    sim_scenario_free(sc);
}

/* ---------------------------------------------------------------------------------------------
 * End conditions */

static void test_horizon_and_turn_limit(void)
{
    SimScenario *sc = fx_scenario(3, 24);
    char err[256] = "";
    SimWorld *w = make_world(sc, 5);
    if (!w)
        return;
    set_all(w, "baseline");
    CHECK(sim_turn_run(w, 5, err, sizeof err) == 1);
    CHECK(w->end == SIM_END_TURN_LIMIT && w->turn == 5);
    CHECK(fx_count_events(w, SIM_LOG_END, -2, -1) == 0);
    CHECK(sim_turn_step(w, err, sizeof err) == 0);
    CHECK(w->end == SIM_END_NONE && w->turn == 6);
    CHECK(sim_turn_run(w, 0, err, sizeof err) == 1);
    CHECK(w->end == SIM_END_TURN_LIMIT && w->turn == 6);
    CHECK(sim_turn_run(w, -1, err, sizeof err) == 1);
    CHECK_MSG(w->end == SIM_END_HORIZON, "end: %s", sim_end_reason_name(w->end));
    CHECK(w->turn == 24 && w->turn == w->turns);
    const SimEvent *e = fx_find_event(w, SIM_LOG_END, -2, -2);
    CHECK(e && e->turn == 23 && strcmp(e->text, "horizon") == 0);
    CHECK(fx_count_events(w, SIM_LOG_END, -2, -1) == 1);
    /* Over: further steps do nothing. */
    uint64_t h = sim_world_hash(w);
    CHECK(sim_turn_step(w, err, sizeof err) == 1);
    CHECK(sim_turn_run(w, 3, err, sizeof err) == 1);
    CHECK(w->turn == 24 && sim_world_hash(w) == h && w->end == SIM_END_HORIZON);
    /* Stopping and going on is the same game as playing through. */
    SimWorld *v = make_world(sc, 5);
    if (v) {
        set_all(v, "baseline");
        CHECK(sim_turn_run(v, -1, err, sizeof err) == 1);
        CHECK(sim_world_hash(v) == h);
        sim_world_destroy(v);
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

static void test_target(void)
{
    /* A compute deal that brings the hub to its target. */
    SimScenario *sc = fx_scenario(3, 24);
    fx_rich(sc);
    SimWorld *w = make_world(sc, 5);
    if (!w)
        return;
    FxScript *h = fx_script(w, HUB), *n = fx_script(w, NVIDIA);
    SimTerms t = fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 100.0, 2);
    t.gw = 2.0 * (sc->target_gw - sc->actors[HUB].compute_gw); /* half of it comes at once */
    fx_propose(h, 0, t);
    fx_answer(n, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    CHECK(step(w) == 0);
    CHECK(step(w) == 1);
    CHECK_MSG(w->end == SIM_END_TARGET, "end: %s", sim_end_reason_name(w->end));
    CHECK(w->target_reached_turn == 1 && w->turn == 2);
    CHECK(fx_find_event(w, SIM_LOG_TARGET, HUB, -2) != NULL);
    CHECK(w->actors[HUB].compute_owned + w->actors[HUB].compute_contracted >= sc->target_gw);
    const SimEvent *e = fx_find_event(w, SIM_LOG_END, -2, -2);
    CHECK(e && strcmp(e->text, "target") == 0);
    char err[64];
    CHECK(sim_turn_step(w, err, sizeof err) == 1 && w->turn == 2);
    sim_world_destroy(w);

    /* Just short of it: the game goes on. */
    w = make_world(sc, 5);
    if (w) {
        h = fx_script(w, HUB);
        SimTerms b = fx_terms(SIM_DEAL_BUILD, HUB, SIM_WORLD, 10.0, 1);
        b.gw = sc->target_gw - sc->actors[HUB].compute_gw - 0.001;
        fx_propose(h, 0, b);
        CHECK(step(w) == 0 && w->end == SIM_END_NONE);
        b.gw = 0.002;
        fx_propose(h, 1, b);
        CHECK(step(w) == 1 && w->end == SIM_END_TARGET && w->target_reached_turn == 1);
        sim_world_destroy(w);
    }
    sim_scenario_free(sc);
}

/* A hub with no revenue, no credit and no investors signs a compute contract it cannot pay. */
static void test_hub_default(void)
{
    SimScenario *sc = fx_scenario(3, 24);
    fx_quiet(sc);
    SimActorSpec *hub = &sc->actors[HUB];
    hub->cash = 5.0;
    hub->revenue = 0.0;
    hub->opex_ratio = 0.0;
    SimMarketParams *m = &sc->market;
    m->credit_appetite = 0.0;
    m->raise_fraction = 0.0;
    m->missed_to_default = 3;
    m->recovery_rate = 0.4;
    m->equity_recovery = 0.25;
    m->crash_sentiment = 1.5;
    for (int i = 1; i <= 3; i++)
        sc->actors[i].capex_budget = 1e3;
    SimWorld *w = make_world(sc, 11);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    FxScript *h = fx_script(w, HUB), *nv = fx_script(w, NVIDIA), *orc = fx_script(w, ORACLE),
             *ms = fx_script(w, MICROSOFT);
    /* Deal 0: 120 of compute from Nvidia, 10 a month. Deal 1: Oracle guarantees a loan the world
     * makes to the hub. Deal 2: Microsoft buys 1 of the hub's shares. */
    fx_propose(h, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, NVIDIA, 120.0, 12));
    SimTerms g = fx_terms(SIM_DEAL_GUARANTEE, ORACLE, HUB, 2.4, 12);
    g.rate = 0.1;
    fx_propose(h, 0, g);
    fx_propose(ms, 0, fx_terms(SIM_DEAL_EQUITY, MICROSOFT, HUB, 1.0, 1));
    fx_answer(nv, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(orc, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_answer(h, 1, SIM_INTENT_ACCEPT, 2);
    for (int k = 0; k < 3; k++)
        CHECK(step(w) == 0);
    CHECK(w->deals[0].status == SIM_DS_DELIVERING && w->deals[1].status == SIM_DS_DELIVERING);
    CHECK(w->deals[2].status == SIM_DS_COMPLETED);
    CHECK(fx_count_events(w, SIM_LOG_MISSED, HUB, 1) == 1);
    CHECK(fx_count_events(w, SIM_LOG_MISSED, HUB, 2) == 1);
    CHECK(w->actors[HUB].missed == 2 && !w->actors[HUB].defaulted);
    double held = fx_holdings(w, MICROSOFT, HUB);
    CHECK(held > 0.0);

    /* What the turn of the default starts from. */
    double x0 = w->sentiment_x;
    double mv_nv = sim_market_value(w, NVIDIA), mv_ms = sim_market_value(w, MICROSOFT);
    double mv_orc = sim_market_value(w, ORACLE), hub_price = w->actors[HUB].price;
    double price_nv = w->actors[NVIDIA].price, price_orc = w->actors[ORACLE].price;
    double score_before = sim_score(w, HUB);
    CHECK(w->deals[1].principal > 0.0);

    CHECK(step(w) == 0); /* turn 3: a third month missed; the game goes on without the hub */
    CHECK_MSG(w->end == SIM_END_NONE, "end: %s", sim_end_reason_name(w->end));
    CHECK(sim_default_turn(w, HUB) == 3 && sim_default_turn(w, NVIDIA) == -1);
    CHECK(w->actors[HUB].defaulted && sim_snap(w, 4, HUB)->defaulted);
    CHECK(fx_find_event(w, SIM_LOG_DEFAULT, HUB, -2) != NULL);
    CHECK(w->deals[0].status == SIM_DS_DEFAULTED && w->deals[0].end_turn == 3);
    CHECK(w->deals[1].status == SIM_DS_DEFAULTED);
    CHECK(w->deals[2].status == SIM_DS_COMPLETED);

    /* The vendor loses the arrears it will not see again (less the recovery) and the capacity
     * it built and was not paid for (stranded: it keeps the salvage share); its price falls by
     * the change of its fundamental value. */
    double paid = fx_deal_flows(w, 0, SIM_FLOW_CONTRACT, HUB, NVIDIA, -1);
    double built = fx_deal_flows(w, 0, SIM_FLOW_BUILD, NVIDIA, sim_ledger_world(&w->ledger), -1);
    CHECK(paid < 120.0 && built > 0.0);
    CHECK_NEAR(built, w->deals[0].cost_paid, 1e-9);
    double stranded = built - m->delivery_cost[SIM_DEAL_COMPUTE] * paid;
    CHECK(stranded > 0.0);
    /* ... which it sells for the salvage share. */
    CHECK_NEAR(fx_deal_flows(w, 0, SIM_FLOW_SALVAGE, world_of(w), NVIDIA, -1),
               stranded * m->salvage, 1e-9);
    /* Since the month's clearing (sim_cascade) a creditor no longer recovers a flat
     * recovery_rate of its claim: it gets what the clearing vector pays it out of the
     * defaulter's estate (here a hub without revenue or cash: nothing), paid as a flow. */
    double recovered = fx_deal_flows(w, -1, SIM_FLOW_RECOVERY, HUB, NVIDIA, -1);
    SimClearNet net = sim_cascade_net(w);
    CHECK(w->clear_turn == 3);
    CHECK_NEAR(recovered, sim_clear_paid(&net, w->clear_pay, HUB, NVIDIA), 1e-12);
    double loss = w->deals[0].arrears - recovered + stranded * (1.0 - m->salvage);
    const SimEvent *e = fx_find_event(w, SIM_LOG_WRITEDOWN, NVIDIA, -2);
    CHECK(e != NULL);
    if (e) {
        CHECK(e->other == HUB && e->turn == 3);
        CHECK_NEAR(e->aux, recovered, 1e-12);
        CHECK_NEAR(e->amount, loss, 1e-9);
        CHECK(e->change <= 0.0 && e->change >= -2.3);
        CHECK_NEAR(log(w->actors[NVIDIA].price / price_nv), e->change, 1e-9);
    }
    (void)mv_nv;

    /* The guarantor pays the lenders its share of the principal out (this month's draw
     * included). */
    int world = sim_ledger_world(&w->ledger);
    double principal = fx_deal_flows(w, 1, SIM_FLOW_LOAN_DRAW, world, HUB, -1) -
                       fx_deal_flows(w, 1, SIM_FLOW_LOAN_REPAY, HUB, world, -1);
    CHECK(principal > 0.5);
    CHECK(w->deals[1].principal == 0.0);
    double call = fx_deal_flows(w, 1, SIM_FLOW_GUARANTEE_CALL, ORACLE, world, -1);
    /* The lenders got the clearing's share of the balance from the estate, the guarantor pays
     * the rest (before the clearing: a flat recovery_rate). */
    double owes = 0.0;
    for (int j = 0; j < net.n; j++)
        owes += net.owed[HUB * net.n + j];
    CHECK(owes > 0.0);
    double share = owes > 0.0 ? w->clear_pay[HUB] / owes : 1.0;
    CHECK_NEAR(call, principal * (1.0 - share), 1e-12);
    CHECK(fx_deal_flow_count(w, 1, SIM_FLOW_GUARANTEE_CALL, 3) == 1);
    const SimEvent *ge = fx_find_event(w, SIM_LOG_GUARANTEE, ORACLE, 1);
    CHECK(ge && ge->other == HUB && fabs(ge->amount - call) < 1e-12);
    /* The guarantor's price moves by the change of its fundamental value: never up, and not at
     * all if the market had already priced the expected call (the hub's default probability
     * was near 1 after two missed months). */
    CHECK(w->actors[ORACLE].price <= price_orc);
    const SimEvent *oe = fx_find_event(w, SIM_LOG_WRITEDOWN, ORACLE, -2);
    CHECK(oe && oe->amount == call && oe->change <= 0.0);
    (void)mv_orc;

    /* The shareholder's shares lose the hub's fall. */
    const SimEvent *se = fx_find_event(w, SIM_LOG_WRITEDOWN, MICROSOFT, -2);
    CHECK(se != NULL);
    if (se)
        CHECK_NEAR(se->amount, held * hub_price * (1.0 - m->equity_recovery), 1e-9);
    CHECK(sim_market_value(w, MICROSOFT) < mv_ms);
    CHECK_NEAR(w->actors[HUB].price, hub_price * m->equity_recovery, 1e-9);

    /* Sentiment crashes. */
    CHECK_NEAR(w->sentiment_x, x0 - m->crash_sentiment, 1e-12);
    CHECK(w->info[4].sentiment < w->info[3].sentiment);

    /* No more claims on the hub; it scores no survival. */
    CHECK(sim_exposure(w, NVIDIA, HUB) < 1e-9);
    CHECK(sim_obligations(w, HUB, -1) == 0.0);
    const SimObjective *o = &sc->actors[HUB].objective;
    CHECK(sim_score(w, HUB) < score_before - o->w_survival + 1e-9);
    /* The score's parts (check prints them) sum to it exactly, in sim_score's order; the
     * defaulted hub's survival part is 0, a survivor's is its weight. */
    for (int i = 0; i < w->n; i++) {
        double p[SIM_SCORE_PARTS];
        sim_score_parts(w, i, p);
        CHECK(p[0] + p[1] + p[2] + p[3] == sim_score(w, i));
        CHECK(p[3] == (w->actors[i].defaulted ? 0.0 : sc->actors[i].objective.w_survival));
        CHECK_NEAR(p[0],
                   sc->actors[i].objective.w_value *
                       (w->actors[i].price / sim_snap(w, 0, i)->price - 1.0),
                   1e-12);
    }
    /* The calendar runs on to its end: the others trade, the hub is out of the game, and the
     * end says the hub defaulted. */
    char err[64];
    CHECK(sim_turn_run(w, -1, err, sizeof err) == 1 && w->turn == w->turns);
    CHECK_MSG(w->end == SIM_END_DEFAULT, "end: %s", sim_end_reason_name(w->end));
    CHECK(sim_default_turn(w, HUB) == 3);
    CHECK(sim_obligations(w, HUB, -1) == 0.0);
    audit(w);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* A giant that cannot pay defaults; the game goes on without it. */
static void test_giant_default(void)
{
    SimScenario *sc = fx_scenario(3, 24);
    fx_quiet(sc);
    SimActorSpec *o = &sc->actors[ORACLE];
    o->cash = 0.0;
    o->revenue = 0.0;
    sc->market.credit_appetite = 0.0;
    o->capex_budget = 1e3;
    SimWorld *w = make_world(sc, 2);
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    FxScript *h = fx_script(w, HUB), *orc = fx_script(w, ORACLE);
    fx_propose(orc, 0, fx_terms(SIM_DEAL_EQUITY, ORACLE, HUB, 100.0, 10));
    fx_answer(h, 1, SIM_INTENT_ACCEPT, FX_OPEN);
    fx_propose(h, 6, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 2));
    for (int k = 0; k < 4; k++)
        CHECK(step(w) == 0);
    CHECK(w->actors[ORACLE].defaulted && w->end == SIM_END_NONE);
    CHECK(w->deals[0].status == SIM_DS_DEFAULTED);
    CHECK(fx_find_event(w, SIM_LOG_DEFAULT, ORACLE, -2) != NULL);
    for (int k = 0; k < 4; k++)
        CHECK(step(w) == 0);
    /* Nobody deals with a defaulted actor. */
    const SimEvent *e = fx_find_event(w, SIM_LOG_DROPPED, HUB, -2);
    CHECK(e && strstr(e->text, "defaulted"));
    audit(w);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

int main(void)
{
    test_baseline_games();
    test_books_check_catches();
    test_dice_games();
    test_determinism();
    test_named_streams();
    test_news();
    test_scheduled_failure();
    test_deal_after_failure();
    test_horizon_and_turn_limit();
    test_target();
    test_hub_default();
    test_giant_default();
    TEST_END();
}
