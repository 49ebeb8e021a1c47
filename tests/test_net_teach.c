/* test_net_teach: the teacher's screens and the story cards over the network, message by message.
 * The teacher's `room` lists every seat (taken, connected, ready, who plays it), the levers and
 * the cards on offer; `world` carries the flow map and the hub's charts; only the teacher's token
 * opens them. A card goes to every screen when the teacher pushes it; each seat answers once
 * (changeable until the reveal, refused after it); a seat sees the others' answers only after the
 * reveal; refusals (a seat sending the teacher's messages, a card when none is on show, another
 * card's id, a choice the card does not have) change nothing. net_game_flush sends what changed
 * and nothing else. */
#include "dat_scenario.h"
#include "net_game.h"
#include "sim_game.h"
#include "sim_strategy.h"

#include <stdlib.h>
#include <string.h>

static SimWorld *w;
static NetGame *g;
static double now = 1000.0;
static char msg[4096];
static char tok_m[NET_TOKEN_LEN + 1], tok_n[NET_TOKEN_LEN + 1];
static const char *teacher;

/* Sends one message on conn; returns the answers (one JSON object a line). */
static const char *send_on(int conn, const char *text)
{
    static char answers[65536];
    DatBuf out;
    dat_buf_init(&out);
    net_game_message(g, conn, text, strlen(text), now, &out);
    snprintf(answers, sizeof answers, "%s", out.data ? out.data : "");
    dat_buf_free(&out);
    now += 0.2;
    return answers;
}

/* What a flush sent: each connection's messages, one a line. */
static char sent[8][65536];
static int sends;

static int capture(void *ctx, int conn, const char *text, size_t len)
{
    (void)ctx;
    sends++;
    if (conn >= 0 && conn < 8) {
        size_t at = strlen(sent[conn]);
        snprintf(sent[conn] + at, sizeof sent[conn] - at, "%.*s\n", (int)len, text);
    }
    return 0;
}

static void flush(void)
{
    memset(sent, 0, sizeof sent);
    sends = 0;
    net_game_flush_to(g, capture, NULL, now);
}

static void refused_on(int conn, const char *text, const char *code)
{
    NetCardTally before, after;
    net_game_card_tally(g, &before);
    NetCardPhase p0, p1;
    net_game_card(g, &p0);
    const char *a = send_on(conn, text);
    char want[64];
    snprintf(want, sizeof want, "\"code\":\"%s\"", code);
    CHECK_MSG(strstr(a, "\"type\":\"error\"") && strstr(a, want), "%s -> %s (expected %s)", text, a,
              code);
    net_game_card_tally(g, &after);
    net_game_card(g, &p1);
    CHECK(memcmp(&before, &after, sizeof before) == 0 && p0 == p1);
}

static void token_of(const char *answer, char *token)
{
    const char *p = strstr(answer, "\"token\":\"");
    token[0] = '\0';
    CHECK_MSG(p != NULL, "no token in %s", answer);
    if (p)
        snprintf(token, NET_TOKEN_LEN + 1, "%s", p + 9);
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
    const char *ids[2] = {"msft", "nvda"};
    for (int k = 0; k < 2; k++) {
        SimStrategy s;
        CHECK(sim_strategy_queued(&s) == 0);
        sim_world_set_strategy(w, sim_scenario_find_actor(w->sc, ids[k]), s);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    g = net_game_create(w, NULL, err, sizeof err);
    CHECK_MSG(g != NULL, "%s", err);
    if (!g)
        return -1;
    teacher = net_game_room(g)->teacher;
    const char *code = net_game_room(g)->code;
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"msft\"}",
             code);
    token_of(send_on(1, msg), tok_m);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"nvda\"}",
             code);
    token_of(send_on(2, msg), tok_n);
    return 0;
}

/* The teacher's room and world: only with the teacher's token. */
static void test_room(void)
{
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"room\",\"token\":\"%s\"}", tok_m);
    refused_on(1, msg, "forbidden");
    refused_on(1, "{\"v\":1,\"type\":\"room\"}", "bad_message");
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"ready\",\"token\":\"%s\"}", tok_m);
    send_on(1, msg);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"room\",\"token\":\"%s\",\"seq\":3}", teacher);
    const char *a = send_on(3, msg);
    CHECK_MSG(strstr(a, "{\"v\":1,\"type\":\"room\",\"re\":\"room\",\"seq\":3,\"room\":\"") != NULL,
              "%s", a);
    CHECK(strstr(a, net_game_room(g)->code) != NULL);
    CHECK(strstr(a, "\"month\":\"2025-01\"") && strstr(a, "\"paused\":false"));
    CHECK_MSG(strstr(a,
                     "{\"actor\":\"msft\",\"name\":\"Microsoft\",\"taken\":true,\"connected\":true,"
                     "\"ready\":true,\"queued\":0,\"played_by\":\"team\"}") != NULL,
              "%s", a);
    CHECK(strstr(a, "\"actor\":\"nvda\",\"name\":\"Nvidia\",\"taken\":true,\"connected\":true,"
                    "\"ready\":false") != NULL);
    CHECK(strstr(a, "{\"id\":\"sentiment\",\"value\":") && strstr(a, "\"id\":\"interest\""));
    CHECK(strstr(a, "\"cards\":[]") && strstr(a, "\"card\":{\"phase\":\"none\""));
    /* The world follows the room in the same answer. */
    const char *wm = strstr(a, "\"type\":\"world\"");
    CHECK_MSG(wm != NULL, "%s", a);
    if (wm) {
        CHECK(strstr(wm, "\"hub\":\"openai\"") && strstr(wm, "\"actors\":[{\"id\":"));
        CHECK(strstr(wm, "\"id\":\"msft\",\"name\":\"Microsoft\",\"x\":"));
        CHECK(strstr(wm, "\"seat\":true") && strstr(wm, "\"edges\":["));
        CHECK(strstr(wm, "\"months\":[\"2025-01\"]") && strstr(wm, "\"hub_value\":[") &&
              strstr(wm, "\"hub_owed\":["));
    }
    /* A seat whose holder left: taken, not connected; a freed seat: played by its strategy. */
    net_game_close(g, 2);
    flush();
    CHECK_MSG(strstr(sent[3], "\"actor\":\"nvda\",\"name\":\"Nvidia\",\"taken\":true,"
                              "\"connected\":false") != NULL,
              "%s", sent[3]);
    CHECK(sent[1][0] == '\0'); /* a seat gets no room */
    flush();
    CHECK(sends == 0); /* nothing changed */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", tok_n);
    send_on(2, msg);
}

static void offer(void)
{
    NetCard cards[2];
    memset(cards, 0, sizeof cards);
    snprintf(cards[0].id, sizeof cards[0].id, "stargate");
    snprintf(cards[0].month, sizeof cards[0].month, "2025-01");
    snprintf(cards[0].words[CORE_LANG_EN].title, NET_CARD_TITLE, "Stargate");
    snprintf(cards[0].words[CORE_LANG_EN].explain, NET_CARD_TEXT, "SoftBank leads the money.");
    snprintf(cards[0].words[CORE_LANG_EN].question, NET_CARD_ASK, "Who pays for it?");
    snprintf(cards[0].words[CORE_LANG_ZH].title, NET_CARD_TITLE, "星际之门");
    snprintf(cards[0].words[CORE_LANG_ZH].explain, NET_CARD_TEXT, "软银出钱。");
    snprintf(cards[0].words[CORE_LANG_ZH].question, NET_CARD_ASK, "谁来买单？");
    snprintf(cards[1].id, sizeof cards[1].id, "tokyo");
    snprintf(cards[1].words[CORE_LANG_EN].title, NET_CARD_TITLE, "Tokyo");
    net_game_card_offer(g, cards, 2);
}

static void test_cards(void)
{
    /* Nothing on show: an answer is refused; so is pushing a card not on offer. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choice\":0}",
             tok_m);
    refused_on(1, msg, "not_now");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_push\",\"token\":\"%s\",\"card\":\"stargate\"}", teacher);
    refused_on(3, msg, "no_card");
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"card_reveal\",\"token\":\"%s\"}", teacher);
    refused_on(3, msg, "not_now");
    offer();
    flush();
    CHECK(strstr(sent[3],
                 "\"cards\":[{\"card\":\"stargate\",\"month\":\"2025-01\","
                 "\"title\":\"Stargate\",\"lang\":{\"zh\":{\"title\":\"星际之门\"}}}") != NULL);
    /* A seat cannot push, reveal or close. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_push\",\"token\":\"%s\",\"card\":\"stargate\"}", tok_m);
    refused_on(1, msg, "forbidden");
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"card_reveal\",\"token\":\"%s\"}", tok_m);
    refused_on(1, msg, "forbidden");
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"card_close\",\"token\":\"%s\"}", tok_n);
    refused_on(2, msg, "forbidden");
    /* The teacher pushes it with three choices: every screen gets the card, no answers. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_push\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choices\":[\"SoftBank\",\"OpenAI\",\"Nobody\"],\"seq\":8}",
             teacher);
    CHECK(strstr(send_on(3, msg), "\"type\":\"ok\",\"re\":\"card_push\",\"seq\":8"));
    flush();
    for (int c = 1; c <= 3; c++)
        CHECK_MSG(
            strstr(sent[c], "\"type\":\"card\",\"re\":\"?\",\"phase\":\"open\","
                            "\"card\":\"stargate\"") &&
                strstr(sent[c], "\"question\":\"Who pays for it?\"") &&
                strstr(sent[c], "\"zh\":{\"title\":\"星际之门\",\"explain\":\"软银出钱。\"") &&
                strstr(sent[c], "\"choices\":[\"SoftBank\",\"OpenAI\",\"Nobody\"]"),
            "conn %d: %s", c, sent[c]);
    CHECK(strstr(sent[1], "\"answers\"") == NULL && strstr(sent[3], "\"answers\":[]"));
    /* Answers: a wrong card, a choice the card lacks, nothing at all, a long text: refused. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"tokyo\",\"choice\":0}",
             tok_m);
    refused_on(1, msg, "no_card");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choice\":3}",
             tok_m);
    refused_on(1, msg, "bad_message");
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\"}", tok_m);
    refused_on(1, msg, "bad_message");
    char longtext[260];
    memset(longtext, 'x', 201);
    longtext[201] = '\0';
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"text\":\"%s\"}",
             tok_m, longtext);
    refused_on(1, msg, "bad_message");
    /* A forged answer for another seat. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"actor\":\"nvda\","
             "\"card\":\"stargate\",\"choice\":1}",
             tok_m);
    refused_on(1, msg, "forbidden");
    /* Microsoft answers, then changes its mind; Nvidia writes a text only. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choice\":0}",
             tok_m);
    CHECK(strstr(send_on(1, msg), "\"type\":\"ok\""));
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choice\":2,\"text\":\"the hub's customers\"}",
             tok_m);
    CHECK(strstr(send_on(1, msg), "\"type\":\"ok\""));
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"text\":\"\\u8f6f\\u94f6 \\\"SoftBank\\\"\"}",
             tok_n);
    CHECK(strstr(send_on(2, msg), "\"type\":\"ok\""));
    NetCardTally t;
    net_game_card_tally(g, &t);
    CHECK(t.n_choices == 3 && t.answered == 2 && t.seats == 2);
    CHECK(t.counts[0] == 0 && t.counts[1] == 0 && t.counts[2] == 1);
    const NetCardAnswer *an = net_game_card_answer(g, 1);
    CHECK(an && an->given && an->choice == -1 && strcmp(an->text, "软银 \"SoftBank\"") == 0);
    flush();
    /* Before the reveal a seat sees its own answer only; the teacher sees them all. */
    CHECK_MSG(strstr(sent[1], "\"answered\":2,\"seats\":2,\"mine\":{\"choice\":2,"
                              "\"text\":\"the hub's customers\"}}") != NULL,
              "%s", sent[1]);
    CHECK(strstr(sent[1], "软银 \\\"SoftBank") == NULL); /* Nvidia's text */
    CHECK(strstr(sent[3], "\"counts\":[0,0,1]") && strstr(sent[3], "软银 \\\"SoftBank\\\""));
    /* The reveal: every screen sees the bar and the texts; no more changes. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"card_reveal\",\"token\":\"%s\"}", teacher);
    CHECK(strstr(send_on(3, msg), "\"type\":\"ok\""));
    refused_on(3, msg, "not_now"); /* revealed already */
    flush();
    CHECK_MSG(strstr(sent[2], "\"phase\":\"revealed\"") && strstr(sent[2], "\"counts\":[0,0,1]") &&
                  strstr(sent[2], "{\"actor\":\"msft\",\"name\":\"Microsoft\",\"choice\":2,"
                                  "\"text\":\"the hub's customers\"}"),
              "%s", sent[2]);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choice\":1}",
             tok_n);
    refused_on(2, msg, "not_now");
    /* A reconnecting seat gets the card on show with its desk. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", tok_m);
    CHECK(strstr(send_on(4, msg), "\"type\":\"card\",\"re\":\"?\",\"phase\":\"revealed\""));
    /* Close: the card leaves every screen; a new push starts with no answers. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"card_close\",\"token\":\"%s\"}", teacher);
    CHECK(strstr(send_on(3, msg), "\"type\":\"ok\""));
    flush();
    CHECK(strstr(sent[1], "{\"v\":1,\"type\":\"card\",\"re\":\"?\",\"phase\":\"none\"}"));
    char err[256];
    const char *two[] = {"yes", "no"};
    CHECK(net_game_card_push(g, "tokyo", two, 1, err, sizeof err) < 0);
    CHECK(net_game_card_push(g, "nowhere", NULL, 0, err, sizeof err) < 0);
    CHECK(net_game_card_push(g, "tokyo", two, 2, err, sizeof err) == 0);
    net_game_card_tally(g, &t);
    CHECK(t.answered == 0 && t.n_choices == 2);
    NetCardPhase ph;
    const NetCard *c = net_game_card(g, &ph);
    CHECK(c && strcmp(c->id, "tokyo") == 0 && ph == NET_CARD_OPEN);
    flush();
    /* Tokyo has no Chinese words: the card carries none. */
    CHECK(strstr(sent[1], "\"card\":\"tokyo\"") && strstr(sent[1], "\"lang\":{}"));
    /* A freed seat's answer goes with its team; the next team to take it gets the card. */
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"tokyo\","
             "\"choice\":0}",
             tok_m);
    CHECK(strstr(send_on(1, msg), "\"type\":\"ok\""));
    net_game_card_tally(g, &t);
    CHECK(t.answered == 1 && t.counts[0] == 1);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"free_seat\",\"token\":\"%s\",\"actor\":\"msft\"}", teacher);
    CHECK(strstr(send_on(3, msg), "\"type\":\"ok\""));
    net_game_card_tally(g, &t);
    CHECK(t.answered == 0 && t.counts[0] == 0 && t.seats == 1);
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"msft\"}",
             net_game_room(g)->code);
    const char *a = send_on(5, msg);
    CHECK_MSG(strstr(a, "\"type\":\"card\",\"re\":\"?\",\"phase\":\"open\",\"card\":\"tokyo\"") &&
                  !strstr(a, "\"mine\""),
              "%s", a);
    token_of(a, tok_m);
    CHECK(net_game_card_reveal(g) == 0 && net_game_card_reveal(g) < 0);
}

/* The cards in a save (a restarted host): the offers' ids, the card on show with its choices,
 * serial and each seat's answer; put back in a new game whose caller offered the cards again. */
static void test_card_save(void)
{
    char err[256];
    const char *two[] = {"yes", "no"};
    unsigned long changes = net_game_card_changes(g);
    CHECK(net_game_card_push(g, "stargate", two, 2, err, sizeof err) == 0);
    CHECK(net_game_card_changes(g) == changes + 1);
    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"card_answer\",\"token\":\"%s\",\"card\":\"stargate\","
             "\"choice\":1,\"text\":\"not us\"}",
             tok_n);
    CHECK(strstr(send_on(2, msg), "\"type\":\"ok\""));
    CHECK(net_game_card_changes(g) == changes + 2);
    DatRoom saved;
    net_game_save_room(g, &saved);
    net_game_save_card(g, &saved);
    const DatRoomCard *c = &saved.card;
    CHECK(c->n_offers == 2 && strcmp(c->offers[0], "stargate") == 0 &&
          strcmp(c->offers[1], "tokyo") == 0);
    CHECK(strcmp(c->on_show, "stargate") == 0 && !c->revealed && c->n_choices == 2 &&
          strcmp(c->choices[1], "no") == 0);
    CHECK(saved.seats[1].answered && saved.seats[1].answer_choice == 1 &&
          strcmp(saved.seats[1].answer, "not us") == 0 && !saved.seats[0].answered);
    int serial = c->serial;
    CHECK(serial >= 3); /* two pushes in test_cards, this one */
    NetGame *back = net_game_create(w, NULL, err, sizeof err), *keep = g;
    CHECK(back != NULL);
    if (!back)
        return;
    g = back;
    offer(); /* the caller (app_teach) offers the saved cards again */
    CHECK(net_game_restore_room(back, &saved, err, sizeof err) == 0);
    CHECK(net_game_restore_card(back, &saved, err, sizeof err) == 0);
    NetCardPhase ph;
    const NetCard *on = net_game_card(back, &ph);
    CHECK(on && strcmp(on->id, "stargate") == 0 && ph == NET_CARD_OPEN);
    CHECK(strcmp(net_game_card_choice(back, 0), "yes") == 0);
    NetCardTally t;
    net_game_card_tally(back, &t);
    CHECK(t.answered == 1 && t.counts[1] == 1 && t.n_choices == 2);
    const NetCardAnswer *an = net_game_card_answer(back, 1);
    CHECK(an && an->given && strcmp(an->text, "not us") == 0);
    DatRoom again;
    net_game_save_room(back, &again);
    net_game_save_card(back, &again);
    CHECK(again.card.serial == serial); /* no page takes it for a new card */
    /* Revealed comes back revealed; a card no longer offered is dropped, not an error. */
    saved.card.revealed = 1;
    CHECK(net_game_restore_card(back, &saved, err, sizeof err) == 0);
    net_game_card(back, &ph);
    CHECK(ph == NET_CARD_REVEALED);
    snprintf(saved.card.on_show, sizeof saved.card.on_show, "gone");
    net_game_card_close(back);
    CHECK(net_game_restore_card(back, &saved, err, sizeof err) == 0 &&
          net_game_card(back, NULL) == NULL);
    g = keep;
    net_game_destroy(back);
}

/* After a month: the teacher's room and world go out; seats get no teacher's messages. */
static void test_month(void)
{
    step(w);
    net_game_new_month(g, now, 60);
    flush();
    CHECK(strstr(sent[3], "\"type\":\"room\"") && strstr(sent[3], "\"type\":\"world\""));
    CHECK(strstr(sent[3], "\"months\":[\"2025-01\",\"2025-02\"]"));
    CHECK(strstr(sent[3], "\"month\":\"2025-02\"") && strstr(sent[3], "\"countdown\":60"));
    CHECK(strstr(sent[1], "\"type\":\"room\"") == NULL &&
          strstr(sent[1], "\"type\":\"world\"") == NULL);
    net_game_set_url(g, "http://10.0.0.5:8080/");
    flush();
    CHECK(strstr(sent[3], "\"url\":\"http://10.0.0.5:8080/\""));
}

/* The rows of the first "qr":[...] after from: how many (0 none), the first two in r0, r1. */
static int qr_rows(const char *from, char *r0, char *r1, int *width)
{
    const char *p = strstr(from, "\"qr\":[");
    int n = 0;
    *width = -1;
    r0[0] = r1[0] = '\0';
    if (!p)
        return -1;
    for (p += 6; *p == '"' || *p == ','; n++) {
        if (*p == ',')
            p++;
        const char *end = strchr(p + 1, '"');
        int len = (int)(end - p - 1);
        if (*width >= 0 && len != *width)
            return -2; /* rows of different lengths */
        *width = len;
        if (n < 2)
            snprintf(n ? r1 : r0, 32, "%.*s", len < 31 ? len : 31, p + 1);
        p = end + 1;
    }
    return n;
}

/* The projector's QR code of the address, and the code of a seat the teacher gives anew: in the
 * room message until its team connects with it. */
static void test_qr_handover(void)
{
    char r0[32], r1[32];
    int width, n = qr_rows(sent[3], r0, r1, &width);
    /* A QR code of version v has 17 + 4v modules a side; each row 4 modules a hex digit; the
     * finder pattern's corner: 7 dark, then a light separator (fe), then 1000001 0 (82). */
    CHECK_MSG(n >= 21 && (n - 17) % 4 == 0 && width == (n + 3) / 4, "%d rows of %d", n, width);
    CHECK_MSG(strncmp(r0, "fe", 2) == 0 && strncmp(r1, "82", 2) == 0, "%s / %s", r0, r1);
    CHECK(strstr(sent[3], "\"handover\"") == NULL);

    snprintf(msg, sizeof msg,
             "{\"v\":1,\"type\":\"assign_seat\",\"token\":\"%s\",\"actor\":\"nvda\"}", teacher);
    char fresh[NET_TOKEN_LEN + 1];
    token_of(send_on(3, msg), fresh);
    flush();
    const char *h =
        strstr(sent[3], "\"handover\":{\"actor\":\"nvda\",\"name\":\"Nvidia\",\"token\":\"");
    CHECK_MSG(h != NULL && strncmp(h + 52, fresh, NET_TOKEN_LEN) == 0, "%s", sent[3]);
    int hn = h ? qr_rows(h, r0, r1, &width) : 0;
    CHECK_MSG(hn > n && strncmp(r0, "fe", 2) == 0, "the link's QR code: %d rows", hn);
    /* The team connects with it: the projector no longer shows it. */
    snprintf(msg, sizeof msg, "{\"v\":1,\"type\":\"resume\",\"token\":\"%s\"}", fresh);
    send_on(2, msg);
    flush();
    CHECK_MSG(strstr(sent[3], "\"type\":\"room\"") && !strstr(sent[3], "\"handover\""), "%s",
              sent[3]);
    /* No address (the window's host): no QR code. */
    net_game_set_url(g, "");
    flush();
    CHECK(strstr(sent[3], "\"qr\":[]") != NULL);
}

int main(void)
{
    if (setup() == 0) {
        test_room();
        test_cards();
        test_card_save();
        test_month();
        test_qr_handover();
    }
    net_game_destroy(g);
    sim_world_destroy(w);
    TEST_END();
}
