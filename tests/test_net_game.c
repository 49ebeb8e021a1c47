/* test_net_game: a room playing a world, message by message, without a network. Seats are taken
 * with the room code and kept with their tokens; a student acts only for their own company and
 * only through the engine's validation (the same as the window's deal dialog); a forged,
 * tokenless or replayed message is refused, logged, and leaves the world and every seat's queue
 * as they were; the teacher's messages need the teacher's token; the rate limit holds; the month
 * is due when every seated team is ready or the timer runs out. */
#include "dat_scenario.h"
#include "net_game.h"
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
    CHECK(strstr(a, "\"actor\":\"openai\"") == NULL); /* not a seat: its strategy plays it */
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
        test_teacher();
        test_rate();
    }
    net_game_destroy(g);
    sim_world_destroy(w);
    if (log_file)
        fclose(log_file);
    TEST_END();
}
