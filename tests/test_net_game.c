/* test_net_game: a room playing a world, message by message, without a network. Seats are taken
 * with the room code and kept with their tokens; a student acts only for their own company and
 * only through the engine's validation (the same as the window's deal dialog); a forged,
 * tokenless or replayed message is refused, logged, and leaves the world and every seat's queue
 * as they were; the teacher's messages need the teacher's token; the rate limit holds; the month
 * is due when every seated team is ready or the timer runs out. */
#include "dat_scenario.h"
#include "net_game.h"
#include "net_lang.h"
#include "sim_game.h"
#include "sim_strategy.h"

#include <stdlib.h>
#include <string.h>

static SimWorld *w;
static NetGame *g;
static FILE *log_file;
static double now = 1000.0;
static int MSFT, NVDA;

/* Sends one message on conn; returns the answers (static, one JSON object a line). */
static const char *send_on(int conn, const char *text, NetAfter *after)
{
    static char answers[16384];
    DatBuf out;
    dat_buf_init(&out);
    NetAfter a = net_game_message(g, conn, text, strlen(text), now, &out);
    if (after)
        *after = a;
    snprintf(answers, sizeof answers, "%s", out.data ? out.data : "");
    dat_buf_free(&out);
    now += 0.2; /* slower than the rate limit */
    return answers;
}

static const char *send_msg(const char *text)
{
    return send_on(1, text, NULL);
}

static int queued(int actor)
{
    return sim_strategy_queue(&w->actors[actor].strategy)->n;
}

/* Sends text, which must be refused with code (in the answer and the log) and change nothing. */
static void refused(const char *text, const char *code)
{
    uint64_t h = sim_world_hash(w);
    int qm = queued(MSFT), qn = queued(NVDA);
    long before = net_game_refusals(g);
    const char *a = send_msg(text);
    char want[64];
    snprintf(want, sizeof want, "\"code\":\"%s\"", code);
    CHECK_MSG(strstr(a, "\"type\":\"error\"") && strstr(a, want), "%s -> %s (expected %s)", text, a,
              code);
    CHECK(sim_world_hash(w) == h && queued(MSFT) == qm && queued(NVDA) == qn);
    CHECK(net_game_refusals(g) == before + 1);
}

/* The token in a seat answer. */
static void token_of(const char *answer, char *token)
{
    const char *p = strstr(answer, "\"token\":\"");
    token[0] = '\0';
    CHECK_MSG(p != NULL, "no token in %s", answer);
    if (p)
        snprintf(token, NET_TOKEN_LEN + 1, "%s", p + 9);
}

static int log_has(const char *text)
{
    fflush(log_file);
    rewind(log_file);
    char line[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, log_file))
        found = strstr(line, text) != NULL;
    fseek(log_file, 0, SEEK_END);
    return found;
}

static int setup(void)
{
    char err[512];
    SimScenario *sc = dat_scenario_load(CL_TESTDATA "/minimal.json", err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return -1;
    w = make_world(sc, 7);
    sim_scenario_free(sc);
    if (!w)
        return -1;
    MSFT = sim_scenario_find_actor(w->sc, "msft");
    NVDA = sim_scenario_find_actor(w->sc, "nvda");
    int seated[2] = {MSFT, NVDA};
    for (int k = 0; k < 2; k++) {
        SimStrategy s;
        CHECK(sim_strategy_queued(&s) == 0);
        sim_world_set_strategy(w, seated[k], s);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    log_file = tmpfile();
    g = net_game_create(w, log_file, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    return g ? 0 : -1;
}

static char tok_m[NET_TOKEN_LEN + 1], tok_n[NET_TOKEN_LEN + 1];
static char msg[2048];

static void test_join(void)
{
    const NetRoom *r = net_game_room(g);
    CHECK(r->n_seats == 2);
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"AAAAAA\"}", "bad_room");
    CHECK(log_has("hello refused (bad_room)"));
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"hello\",\"room\":\"%s\",\"seq\":5}", r->code);
    const char *a = send_msg(msg);
    CHECK(strstr(a, "\"type\":\"seats\"") && strstr(a, "\"seq\":5"));
    CHECK(strstr(a, "{\"actor\":\"msft\",\"name\":\"Microsoft\",\"free\":true}") != NULL);
    char seats[512] = ""; /* openai is not a seat: its strategy plays it */
    const char *p = strstr(a, "\"seats\":["), *e = p ? strchr(p, ']') : NULL;
    if (p && e)
        snprintf(seats, sizeof seats, "%.*s", (int)(e - p), p);
    CHECK(seats[0] && !strstr(seats, "\"openai\""));
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"msft\"}",
             r->code);
    a = send_msg(msg);
    CHECK(strstr(a, "\"type\":\"seat\"") && strstr(a, "\"type\":\"state\""));
    token_of(a, tok_m);
    refused(msg, "seat_taken");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"openai\"}", r->code);
    refused(msg, "no_seat");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"take_seat\",\"room\":\"BBBBBB\",\"actor\":\"nvda\"}");
    refused(msg, "bad_room");
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"nvda\"}",
             r->code);
    token_of(send_msg(msg), tok_n);
    CHECK(strcmp(tok_m, tok_n) != 0);
    /* The desk of a seat. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", tok_m);
    a = send_msg(msg);
    CHECK(strstr(a, "\"actor\":\"msft\"") && strstr(a, "\"month\":\"2025-01\""));
    CHECK(strstr(a, "\"cash\":") && strstr(a, "\"budget\":80") && strstr(a, "\"offers\":[]"));
    /* A laptop that slept: resume with the token gets the seat back. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", tok_n);
    a = send_on(2, msg, NULL);
    CHECK(strstr(a, "\"type\":\"seat\"") && strstr(a, "\"actor\":\"nvda\""));
}

static void test_refusals(void)
{
    const NetRoom *r = net_game_room(g);
    /* No token, a made-up one, another type's. */
    refused("{\"v\":1,\"type\":\"state\"}", "bad_message");
    refused("{\"v\":1,\"type\":\"state\",\"token\":\"00000000000000000000000000000000\"}",
            "bad_token");
    CHECK(log_has("state refused (bad_token)"));
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", r->teacher);
    refused(msg, "forbidden");
    /* A forged act: Microsoft's token, acting as Nvidia. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"actor\":\"nvda\",\"kind\":\"loan\","
             "\"counterparty\":\"openai\",\"side\":\"payer\",\"terms\":{\"amount\":1,"
             "\"months\":12,\"rate\":0.05}}",
             tok_m);
    refused(msg, "forbidden");
    CHECK(log_has("propose refused (forbidden)"));
    /* The engine's own refusals: with itself, and far over the budget. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"msft\",\"side\":\"payer\",\"terms\":{\"amount\":1,"
             "\"months\":12,\"rate\":0.05}}",
             tok_m);
    refused(msg, "refused");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"nvda\",\"side\":\"payer\",\"terms\":{\"amount\":50000,"
             "\"months\":1,\"rate\":0.05}}",
             tok_m);
    refused(msg, "refused");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"tsmc\",\"side\":\"payer\",\"terms\":{\"amount\":1,"
             "\"months\":12,\"rate\":0.05}}",
             tok_m);
    refused(msg, "bad_message");
    /* An answer to an offer that does not exist. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"answer\",\"token\":\"%s\",\"offer\":999,\"reply\":\"accept\"}",
             tok_m);
    refused(msg, "refused");
    /* A student sending a teacher's message. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"pause\",\"token\":\"%s\",\"paused\":true}",
             tok_m);
    refused(msg, "forbidden");
    CHECK(!net_game_paused(g));
}

/* A proposal through the engine, played into an offer; the wrong seat cannot answer it. */
static void test_offer(void)
{
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"nvda\",\"side\":\"payer\",\"terms\":{\"amount\":2,"
             "\"months\":12,\"rate\":0.05},\"reason\":\"a bridge\",\"seq\":11}",
             tok_m);
    const char *a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"type\":\"ok\"") && strstr(a, "\"seq\":11"), "%s", a);
    CHECK(queued(MSFT) == 1 && queued(NVDA) == 0);
    step(w);
    net_game_new_month(g, now, 0);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", tok_n);
    a = send_msg(msg);
    const char *of = strstr(a, "\"offers\":[{\"offer\":");
    CHECK_MSG(of && strstr(a, "\"from\":\"msft\"") && strstr(a, "\"kind\":\"loan\""), "%s", a);
    int id = of ? atoi(of + strlen("\"offers\":[{\"offer\":")) : 0;
    /* Microsoft cannot accept its own offer to Nvidia: the engine says it is not open to it. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"answer\",\"token\":\"%s\",\"offer\":%d,\"reply\":\"accept\"}",
             tok_m, id);
    refused(msg, "refused");
    CHECK(log_has("not_open") || log_has("answer refused (refused)"));
    /* Nvidia counters, with Microsoft's kind and parties and its own numbers. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"answer\",\"token\":\"%s\",\"offer\":%d,\"reply\":\"counter\","
             "\"terms\":{\"amount\":3,\"months\":12,\"rate\":0.06}}",
             tok_n, id);
    a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"type\":\"ok\""), "%s", a);
    const SimIntentList *q = sim_strategy_queue(&w->actors[NVDA].strategy);
    CHECK(q->n == 1 && q->v[0].kind == SIM_INTENT_COUNTER && q->v[0].deal == id);
    CHECK(q->v[0].terms.payer == MSFT && q->v[0].terms.payee == NVDA);
    CHECK(q->v[0].terms.amount == 3 && q->v[0].terms.rate == 0.06);
    /* The offer carries every term (a counter starts from them), and the desk what is queued. */
    CHECK_MSG(strstr(a, "\"type\":\"state\"") &&
                  strstr(a, "\"queued_list\":[{\"intent\":\"counter\""),
              "%s", a);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", tok_n);
    a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"rate\":0.05") && strstr(a, "\"from_name\":\"Microsoft\""), "%s", a);
    CHECK_MSG(strstr(a, "\"events\":[") && strstr(a, "\"kind\":\"proposed\""), "%s", a);
}

/* What the fake script of test_forecast was asked, and its answer. */
static int asked;
static int ask_fake(void *ctx, int me, int who, const SimTerms *t, char *reason, size_t cap,
                    char *err, size_t errsz)
{
    (void)ctx;
    (void)err;
    (void)errsz;
    asked++;
    CHECK(me == MSFT && who == sim_scenario_find_actor(w->sc, "openai") && t->amount == 4);
    snprintf(reason, cap, "too small");
    return SIM_INTENT_COUNTER;
}

static int decide_nothing(void *self, const SimView *view, SimIntentList *out, char *err,
                          size_t errsz)
{
    (void)self;
    (void)view;
    (void)out;
    (void)err;
    (void)errsz;
    return 0;
}

/* The deal dialog's numbers for a draft: the engine's check, the ranges, the expected moves, the
 * drafter after the deal, the other side's likely answer; nothing queued, the world untouched. */
static void test_forecast(void)
{
    uint64_t h = sim_world_hash(w);
    int qm = queued(MSFT);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"forecast\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"nvda\",\"side\":\"payer\",\"terms\":{\"amount\":2,"
             "\"months\":12,\"rate\":0.05},\"seq\":21}",
             tok_m);
    const char *a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"type\":\"forecast\"") && strstr(a, "\"seq\":21") &&
                  strstr(a, "\"valid\":true"),
              "%s", a);
    CHECK_MSG(strstr(a, "\"fields\":{\"amount\":{\"lo\":") && strstr(a, "\"months\":{\"lo\":1,") &&
                  strstr(a, "\"rate\":{\"lo\":0,\"hi\":1,\"state\":\"ok\"}"),
              "%s", a);
    CHECK(strstr(a, "\"gw\":{") == NULL); /* a loan delivers no capacity: no such row */
    CHECK_MSG(strstr(a, "\"move\":{\"me\":") && strstr(a, "\"other\":\"nvda\",\"them\":"), "%s", a);
    CHECK_MSG(strstr(a, "\"after\":{\"cash\":") && strstr(a, "\"first_month\":\"2025-03\""), "%s",
              a);
    CHECK_MSG(strstr(a, "\"answer\":{\"by\":\"person\""), "%s", a); /* Nvidia is a seat */
    /* Refused by the engine: the refusal as data, for the page to tell. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"forecast\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"nvda\",\"side\":\"payer\",\"terms\":{\"amount\":50000,"
             "\"months\":1,\"rate\":0.05}}",
             tok_m);
    a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"valid\":false,\"refusal\":{\"code\":\"") &&
                  strstr(a, "\"answer\":{\"by\":\"refused\"}"),
              "%s", a);
    /* A script's seat is asked through the app's function, on a copy of the game. */
    int openai = sim_scenario_find_actor(w->sc, "openai");
    SimStrategy fake;
    sim_strategy_stateless(&fake, "scripts/fake.lua", decide_nothing);
    sim_world_set_strategy(w, openai, fake);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"forecast\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"openai\",\"side\":\"payer\",\"terms\":{\"amount\":4,"
             "\"months\":12,\"rate\":0.05}}",
             tok_m);
    a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"by\":\"script\",\"reply\":\"unknown\"") && asked == 0, "%s", a);
    net_game_set_ask(g, ask_fake, NULL);
    a = send_msg(msg);
    CHECK(asked == 1);
    CHECK_MSG(strstr(a, "\"by\":\"script\",\"reply\":\"counter\",\"who\":\"openai\","
                        "\"seat\":\"fake.lua\",\"reason\":\"too small\""),
              "%s", a);
    /* A value outside its range never reaches the engine: the parser names it. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"forecast\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"nvda\",\"side\":\"payer\",\"terms\":{\"amount\":2,"
             "\"months\":900}}",
             tok_m);
    refused(msg, "bad_message");
    /* Another company's token cannot weigh drafts for this one. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"forecast\",\"token\":\"%s\",\"actor\":\"nvda\","
             "\"kind\":\"loan\",\"counterparty\":\"openai\",\"side\":\"payer\","
             "\"terms\":{\"amount\":2,\"months\":12}}",
             tok_m);
    refused(msg, "forbidden");
    CHECK(sim_world_hash(w) == h && queued(MSFT) == qm);
    /* The room's game for the page: every actor, each kind's terms. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"hello\",\"room\":\"%s\"}",
             net_game_room(g)->code);
    a = send_msg(msg);
    CHECK_MSG(strstr(a, "\"actors\":[{\"actor\":\"openai\",\"name\":\"OpenAI\"}") &&
                  strstr(a, "{\"kind\":\"loan\",\"fields\":[\"amount\",\"months\",\"delay\","
                            "\"upfront\",\"rate\"],\"world\":false,\"pay\":\"loan\""),
              "%s", a);
}

/* The pages' tables: the served prefixes only, the language's words over English, the
 * scenario's names translated. */
static void test_lang(void)
{
    CoreText *en = core_text_create(), *zh = core_text_create(), *content = core_text_create();
    core_text_put(en, "web.join.go", "Join");
    core_text_put(en, "desk.kind.loan", "loan");
    core_text_put(en, "cli.secret", "not for pages");
    core_text_put(zh, "web.join.go", "加入");
    core_text_put(content, "Microsoft", "微软");
    DatBuf b;
    dat_buf_init(&b);
    net_lang_json("zh", zh, en, content, w->sc, &b);
    CHECK_MSG(b.data && strstr(b.data, "{\"lang\":\"zh\",\"strings\":{\"web.join.go\":\"加入\","
                                       "\"desk.kind.loan\":\"loan\"},\"content\":{"
                                       "\"Microsoft\":\"微软\"}}"),
              "%s", b.data ? b.data : "");
    dat_buf_free(&b);
    core_text_destroy(en);
    core_text_destroy(zh);
    core_text_destroy(content);
}

static void test_teacher(void)
{
    const NetRoom *r = net_game_room(g);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", r->teacher);
    const char *a = send_on(3, msg, NULL);
    CHECK(strstr(a, "\"type\":\"teacher\"") != NULL);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"free_seat\",\"token\":\"%s\",\"actor\":\"msft\"}", r->teacher);
    CHECK(strstr(send_on(3, msg, NULL), "\"type\":\"ok\""));
    /* Microsoft's old token, replayed: dead. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", tok_m);
    refused(msg, "bad_token");
    CHECK(queued(NVDA) == 1); /* the counter of test_offer */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"assign_seat\",\"token\":\"%s\",\"actor\":\"nvda\"}", r->teacher);
    a = send_on(3, msg, NULL);
    char fresh[NET_TOKEN_LEN + 1];
    token_of(a, fresh);
    CHECK(strcmp(fresh, tok_n) != 0);
    CHECK(queued(NVDA) == 0); /* reassigned: the old holder's intents went with them */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"ready\",\"token\":\"%s\"}", tok_n);
    refused(msg, "bad_token");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"lever\",\"token\":\"%s\",\"lever\":\"sentiment\",\"value\":-0.5}",
             r->teacher);
    CHECK(strstr(send_on(3, msg, NULL), "\"type\":\"ok\""));
    CHECK(w->events[w->n_events - 1].kind == SIM_LOG_LEVER);
    /* The month: due when every seated team is ready; not while paused; or when time is up. */
    net_game_new_month(g, now, 60);
    CHECK(!net_game_month_due(g, now));
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"ready\",\"token\":\"%s\"}", fresh);
    CHECK(strstr(send_msg(msg), "\"type\":\"ok\""));
    CHECK(net_game_month_due(g, now)); /* Nvidia is the only seat taken now */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"pause\",\"token\":\"%s\",\"paused\":true}",
             r->teacher);
    send_on(3, msg, NULL);
    CHECK(net_game_paused(g) && !net_game_month_due(g, now + 1000));
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"pause\",\"token\":\"%s\",\"paused\":false}",
             r->teacher);
    send_on(3, msg, NULL);
    net_game_new_month(g, now, 30);
    CHECK(!net_game_month_due(g, now + 29));
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"extend\",\"token\":\"%s\",\"seconds\":60}",
             r->teacher);
    send_on(3, msg, NULL);
    CHECK(!net_game_month_due(g, now + 80) && net_game_month_due(g, now + 91));
}

/* A thousand messages at once from one connection: the burst is served, one warning, then
 * silence, and the connection is closed after NET_DROPS_CLOSE drops; others are served. */
static void test_rate(void)
{
    const NetRoom *r = net_game_room(g);
    uint64_t h = sim_world_hash(w);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"hello\",\"room\":\"%s\"}", r->code);
    int served = 0, warned = 0, closed_at = -1;
    for (int i = 0; i < 1000 && closed_at < 0; i++) {
        DatBuf out;
        dat_buf_init(&out);
        NetAfter after = net_game_message(g, 9, msg, strlen(msg), now + i / 1000.0, &out);
        if (out.data && strstr(out.data, "\"type\":\"seats\""))
            served++;
        if (out.data && strstr(out.data, "rate_limited"))
            warned++;
        if (after == NET_CLOSE)
            closed_at = i;
        dat_buf_free(&out);
    }
    CHECK_MSG(served >= NET_BURST && served <= NET_BURST + 3, "%d served", served); /* + 10/s */
    CHECK(warned == 1);
    CHECK_MSG(closed_at > 0 && closed_at < 1000, "closed at %d", closed_at);
    CHECK(log_has("over the rate limit") && log_has("closed after"));
    CHECK(sim_world_hash(w) == h);
    now += 2;
    CHECK(strstr(send_on(4, msg, NULL), "\"type\":\"seats\"") != NULL);
}

int main(void)
{
    if (setup() == 0) {
        test_join();
        test_refusals();
        test_offer();
        test_forecast();
        test_lang();
        test_teacher();
        test_rate();
    }
    net_game_destroy(g);
    sim_world_destroy(w);
    if (log_file)
        fclose(log_file);
    TEST_END();
}
