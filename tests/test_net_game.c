/* test_net_game: a room playing a world, message by message, without a network. Seats are taken
 * with the room code and kept with their tokens; a student acts only for their own company and
 * only through the engine's validation (the same as the window's deal dialog); a forged,
 * tokenless or replayed message is refused, logged, and leaves the world and every seat's queue
 * as they were; the teacher's messages need the teacher's token; the rate limit holds; the month
 * is due when every seated team is ready or the timer runs out. */
#define NC_ROOM
#include "net_client.h"

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
    return nc_log_has(log_file, text);
}

static int setup(void)
{
    const char *seated[2] = {"msft", "nvda"};
    g = nc_room(CL_TESTDATA "/minimal.json", seated, 2, &w, &log_file);
    if (!g)
        return -1;
    MSFT = sim_scenario_find_actor(w->sc, "msft");
    NVDA = sim_scenario_find_actor(w->sc, "nvda");
    return 0;
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

/* The room as a save keeps it, put back into a new game over the same world: the same code and
 * teacher's token, each seat's token still opens it, a freed seat stays free, and the seqs of the
 * intents queued this month come back with the queue (state.queued_seq). A room that is not one
 * is refused. */
static void test_restore(void)
{
    char fresh[NET_TOKEN_LEN + 1], err[256];
    const NetRoom *r = net_game_room(g);
    net_game_new_month(g, now, 0);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"assign_seat\",\"token\":\"%s\",\"actor\":\"nvda\"}", r->teacher);
    token_of(send_on(3, msg, NULL), fresh);
    unsigned long changes = net_game_changes(g);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"propose\",\"token\":\"%s\",\"kind\":\"loan\","
             "\"counterparty\":\"msft\",\"side\":\"payer\",\"terms\":{\"amount\":1,"
             "\"months\":12,\"rate\":0.05},\"seq\":41}",
             fresh);
    CHECK(strstr(send_msg(msg), "\"type\":\"ok\"") != NULL);
    CHECK(net_game_changes(g) == changes + 1);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"state\",\"token\":\"%s\"}", fresh);
    CHECK(strstr(send_msg(msg), "\"queued\":1,\"queued_seq\":[41]") != NULL);
    DatRoom saved;
    net_game_save_room(g, &saved);
    CHECK(saved.n_seats == 2 && strcmp(saved.code, r->code) == 0);
    CHECK(strcmp(saved.seats[1].role, "nvda") == 0 && strcmp(saved.seats[1].token, fresh) == 0);
    CHECK(saved.seats[0].token[0] == '\0'); /* msft was freed in test_teacher */
    CHECK(saved.seats[1].n_queued == 1 && saved.seats[1].queued_seq[0] == 41);
    NetGame *back = net_game_create(w, NULL, err, sizeof err);
    CHECK(back && strcmp(net_game_room(back)->code, r->code) != 0); /* a new room first */
    CHECK(back && net_game_restore_room(back, &saved, err, sizeof err) == 0);
    NetGame *keep = g;
    g = back;
    if (back) {
        CHECK(strcmp(net_game_room(back)->code, saved.code) == 0);
        CHECK(strcmp(net_game_room(back)->teacher, saved.teacher) == 0);
        CHECK(net_game_seat_taken(back, 1) && !net_game_seat_taken(back, 0));
        snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", fresh);
        const char *a = send_on(5, msg, NULL);
        CHECK_MSG(strstr(a, "\"actor\":\"nvda\"") && strstr(a, "\"queued_seq\":[41]"), "%s", a);
        DatRoom bad = saved;
        bad.code[0] = '0'; /* not of the alphabet */
        CHECK(net_game_restore_room(back, &bad, err, sizeof err) < 0);
        bad = saved;
        snprintf(bad.seats[1].token, sizeof bad.seats[1].token, "XYZ");
        CHECK(net_game_restore_room(back, &bad, err, sizeof err) < 0);
    }
    g = keep;
    net_game_destroy(back);
}

int main(void)
{
    if (setup() == 0) {
        test_join();
        test_refusals();
        test_offer();
        test_teacher();
        test_rate();
        test_restore();
    }
    net_game_destroy(g);
    sim_world_destroy(w);
    if (log_file)
        fclose(log_file);
    TEST_END();
}
