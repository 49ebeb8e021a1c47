/* test_net_proto: the classroom's messages. Every kind of refusal the parser makes, each with its
 * code and a message that names the JSON path and what was expected; good messages of every type
 * read into the struct; the answers are JSON a browser can read. */
#include "dat_json.h"
#include "net_proto.h"
#include "test_util.h"

#include <string.h>

#define TOKEN "0123456789abcdef0123456789abcdef"

/* Parses text; checks the code and that the message contains `has` (NULL: anything). */
static void refused(const char *text, NetErr want, const char *has)
{
    NetMsg m;
    char err[512] = "";
    NetErr e = net_proto_parse(text, strlen(text), &m, err, sizeof err);
    CHECK_MSG(e == want, "%s: got %s (%s), expected %s", text, net_err_name(e), err,
              net_err_name(want));
    CHECK_MSG(err[0] && !strchr(err, '\n'), "%s: message \"%s\" is not one line", text, err);
    if (has)
        CHECK_MSG(strstr(err, has) != NULL, "%s: message \"%s\" lacks \"%s\"", text, err, has);
}

static NetMsg parsed(const char *text)
{
    NetMsg m;
    char err[512] = "";
    NetErr e = net_proto_parse(text, strlen(text), &m, err, sizeof err);
    CHECK_MSG(e == NET_ERR_NONE, "%s: %s", text, err);
    return m;
}

static void test_refusals(void)
{
    /* Not JSON at all, or JSON with something after it. */
    refused("", NET_ERR_BAD_JSON, NULL);
    refused("{\"v\":1,", NET_ERR_BAD_JSON, NULL);
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\"} x", NET_ERR_BAD_JSON, NULL);
    refused("\"hello\"", NET_ERR_BAD_MESSAGE, "object");
    refused("[1,2]", NET_ERR_BAD_MESSAGE, "object");
    /* The envelope: type, version, seq. */
    refused("{\"v\":1,\"room\":\"ABCDEF\"}", NET_ERR_BAD_MESSAGE, "$.type");
    refused("{\"v\":1,\"type\":\"shout\"}", NET_ERR_BAD_MESSAGE, "\"hello\"");
    refused("{\"v\":1,\"type\":7}", NET_ERR_BAD_MESSAGE, "$.type");
    refused("{\"type\":\"hello\",\"room\":\"ABCDEF\"}", NET_ERR_BAD_MESSAGE, "$.v");
    refused("{\"v\":2,\"type\":\"hello\",\"room\":\"ABCDEF\"}", NET_ERR_VERSION, "$.v");
    refused("{\"v\":\"1\",\"type\":\"hello\",\"room\":\"ABCDEF\"}", NET_ERR_BAD_MESSAGE, "$.v");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\",\"seq\":-1}", NET_ERR_BAD_MESSAGE,
            "$.seq");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\",\"seq\":1.5}", NET_ERR_BAD_MESSAGE,
            "$.seq");
    /* Keys: unknown, duplicated, of another type. */
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\",\"admin\":true}", NET_ERR_BAD_MESSAGE,
            "admin");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\",\"room\":\"ABCDEG\"}",
            NET_ERR_BAD_MESSAGE, "duplicate");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\",\"token\":\"" TOKEN "\"}",
            NET_ERR_BAD_MESSAGE, "token");
    /* Room codes and tokens. */
    refused("{\"v\":1,\"type\":\"hello\"}", NET_ERR_BAD_MESSAGE, "$.room");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABC\"}", NET_ERR_BAD_MESSAGE, "$.room");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEFG\"}", NET_ERR_BAD_MESSAGE, "$.room");
    refused("{\"v\":1,\"type\":\"hello\",\"room\":\"abcdef\"}", NET_ERR_BAD_MESSAGE, "$.room");
    refused("{\"v\":1,\"type\":\"state\"}", NET_ERR_BAD_MESSAGE, "$.token");
    refused("{\"v\":1,\"type\":\"state\",\"token\":\"0123\"}", NET_ERR_BAD_MESSAGE, "$.token");
    refused("{\"v\":1,\"type\":\"state\",\"token\":\"0123456789ABCDEF0123456789abcdef\"}",
            NET_ERR_BAD_MESSAGE, "$.token");
    refused("{\"v\":1,\"type\":\"resume\",\"token\":null}", NET_ERR_BAD_MESSAGE, "$.token");
    refused("{\"v\":1,\"type\":\"take_seat\",\"room\":\"ABCDEF\"}", NET_ERR_BAD_MESSAGE, "$.actor");
    refused("{\"v\":1,\"type\":\"take_seat\",\"room\":\"ABCDEF\",\"actor\":\"a b\"}",
            NET_ERR_BAD_MESSAGE, "$.actor");
    /* Proposals. */
    const char *p = "{\"v\":1,\"type\":\"propose\",\"token\":\"" TOKEN "\",";
    char t[1024];
    snprintf(t, sizeof t,
             "%s\"counterparty\":\"nvda\",\"side\":\"payer\",\"terms\":{\"amount\":1,"
             "\"months\":12}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.kind");
    snprintf(t, sizeof t,
             "%s\"kind\":\"gift\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":1,\"months\":12}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "\"compute\"");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"both\","
             "\"terms\":{\"amount\":1,\"months\":12}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.side");
    snprintf(t, sizeof t, "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\"}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "terms");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":\"ten\",\"months\":12}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.terms.amount");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":-1,\"months\":12}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.terms.amount");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":1e300,\"months\":12}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.terms.amount");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":1,\"months\":0}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.terms.months");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":1}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "months");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":1,\"months\":12,\"upfront\":2}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.terms.upfront");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":{\"amount\":1,\"months\":12,\"payer\":\"nvda\"}}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "payer");
    snprintf(t, sizeof t,
             "%s\"kind\":\"compute\",\"counterparty\":\"nvda\",\"side\":\"payer\","
             "\"terms\":[1,12]}",
             p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.terms");
    /* Answers: a counter needs terms, and only a counter has them. */
    const char *a = "{\"v\":1,\"type\":\"answer\",\"token\":\"" TOKEN "\",";
    snprintf(t, sizeof t, "%s\"offer\":3,\"reply\":\"maybe\"}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.reply");
    snprintf(t, sizeof t, "%s\"reply\":\"accept\"}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.offer");
    snprintf(t, sizeof t, "%s\"offer\":-2,\"reply\":\"accept\"}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.offer");
    snprintf(t, sizeof t, "%s\"offer\":3,\"reply\":\"counter\"}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "terms");
    snprintf(t, sizeof t,
             "%s\"offer\":3,\"reply\":\"accept\",\"terms\":{\"amount\":1,"
             "\"months\":1}}",
             a);
    refused(t, NET_ERR_BAD_MESSAGE, "terms");
    /* The teacher's messages. */
    refused("{\"v\":1,\"type\":\"pause\",\"token\":\"" TOKEN "\"}", NET_ERR_BAD_MESSAGE,
            "$.paused");
    refused("{\"v\":1,\"type\":\"pause\",\"token\":\"" TOKEN "\",\"paused\":1}",
            NET_ERR_BAD_MESSAGE, "$.paused");
    refused("{\"v\":1,\"type\":\"extend\",\"token\":\"" TOKEN "\",\"seconds\":0}",
            NET_ERR_BAD_MESSAGE, "$.seconds");
    refused("{\"v\":1,\"type\":\"extend\",\"token\":\"" TOKEN "\",\"seconds\":3601}",
            NET_ERR_BAD_MESSAGE, "$.seconds");
    refused("{\"v\":1,\"type\":\"lever\",\"token\":\"" TOKEN "\",\"lever\":\"gravity\","
            "\"value\":1}",
            NET_ERR_BAD_MESSAGE, "\"sentiment\"");
    refused("{\"v\":1,\"type\":\"lever\",\"token\":\"" TOKEN "\",\"lever\":\"sentiment\"}",
            NET_ERR_BAD_MESSAGE, "$.value");
    refused("{\"v\":1,\"type\":\"free_seat\",\"token\":\"" TOKEN "\"}", NET_ERR_BAD_MESSAGE,
            "$.actor");
    refused("{\"v\":1,\"type\":\"ready\",\"token\":\"" TOKEN "\",\"ready\":\"yes\"}",
            NET_ERR_BAD_MESSAGE, "$.ready");
    /* A reason longer than the protocol allows. */
    char big[NET_MSG_MAX];
    int n = snprintf(big, sizeof big,
                     "%s\"kind\":\"compute\",\"counterparty\":\"nvda\","
                     "\"side\":\"payer\",\"terms\":{\"amount\":1,\"months\":12},"
                     "\"reason\":\"",
                     p);
    memset(big + n, 'x', 400);
    strcpy(big + n + 400, "\"}");
    refused(big, NET_ERR_BAD_MESSAGE, "$.reason");
}

static void test_too_big(void)
{
    /* Over NET_MSG_MAX bytes: refused unread, whatever it holds. */
    static char text[NET_MSG_MAX + 2];
    memset(text, ' ', sizeof text - 1);
    const char *hello = "{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\"}";
    memcpy(text, hello, strlen(hello));
    NetMsg m;
    char err[256] = "";
    CHECK(net_proto_parse(text, NET_MSG_MAX + 1, &m, err, sizeof err) == NET_ERR_BAD_MESSAGE);
    CHECK(strstr(err, "at most 4096") != NULL);
    CHECK(net_proto_parse(text, NET_MSG_MAX, &m, err, sizeof err) == NET_ERR_NONE);
    /* Not NUL-terminated: only len bytes are read. */
    const char *two = "{\"v\":1,\"type\":\"hello\",\"room\":\"ABCDEF\"}GARBAGE";
    CHECK(net_proto_parse(two, strlen(two) - 7, &m, err, sizeof err) == NET_ERR_NONE);
}

static void test_good(void)
{
    NetMsg m = parsed("{\"v\":1,\"type\":\"hello\",\"room\":\"K7PQ2Z\",\"seq\":42}");
    CHECK(m.type == NET_MSG_HELLO && m.seq == 42 && strcmp(m.room, "K7PQ2Z") == 0);
    m = parsed("{\"v\":1,\"type\":\"take_seat\",\"room\":\"K7PQ2Z\",\"actor\":\"msft\"}");
    CHECK(m.type == NET_MSG_TAKE_SEAT && m.seq == -1 && strcmp(m.actor, "msft") == 0);
    m = parsed("{\"v\":1,\"type\":\"resume\",\"token\":\"" TOKEN "\"}");
    CHECK(m.type == NET_MSG_RESUME && strcmp(m.token, TOKEN) == 0);
    m = parsed("{\"v\":1,\"type\":\"propose\",\"token\":\"" TOKEN "\",\"kind\":\"loan\","
               "\"counterparty\":\"nvda\",\"side\":\"payee\",\"terms\":{\"amount\":2.5,"
               "\"months\":24,\"delay\":3,\"rate\":0.07},\"reason\":\"bridge\"}");
    CHECK(m.type == NET_MSG_PROPOSE && m.kind == (int)sim_deal_kind_parse("loan"));
    CHECK(!m.is_payer && strcmp(m.counterparty, "nvda") == 0 && m.has_terms);
    CHECK(m.terms.amount == 2.5 && m.terms.months == 24 && m.terms.delay == 3);
    CHECK(m.terms.rate == 0.07 && m.terms.upfront == 0 && strcmp(m.reason, "bridge") == 0);
    m = parsed("{\"v\":1,\"type\":\"answer\",\"token\":\"" TOKEN "\",\"offer\":7,"
               "\"reply\":\"counter\",\"terms\":{\"amount\":3,\"months\":6}}");
    CHECK(m.type == NET_MSG_ANSWER && m.offer == 7 && m.reply == NET_REPLY_COUNTER);
    CHECK(m.terms.amount == 3 && m.terms.months == 6);
    m = parsed("{\"v\":1,\"type\":\"answer\",\"token\":\"" TOKEN "\",\"offer\":0,"
               "\"reply\":\"reject\",\"actor\":\"msft\"}");
    CHECK(m.reply == NET_REPLY_REJECT && m.offer == 0 && strcmp(m.actor, "msft") == 0);
    m = parsed("{\"v\":1,\"type\":\"ready\",\"token\":\"" TOKEN "\"}");
    CHECK(m.type == NET_MSG_READY && m.flag == 1);
    m = parsed("{\"v\":1,\"type\":\"ready\",\"token\":\"" TOKEN "\",\"ready\":false}");
    CHECK(m.flag == 0);
    m = parsed("{\"v\":1,\"type\":\"pause\",\"token\":\"" TOKEN "\",\"paused\":true}");
    CHECK(m.type == NET_MSG_PAUSE && m.flag == 1);
    m = parsed("{\"v\":1,\"type\":\"extend\",\"token\":\"" TOKEN "\",\"seconds\":60}");
    CHECK(m.type == NET_MSG_EXTEND && m.seconds == 60);
    m = parsed("{\"v\":1,\"type\":\"lever\",\"token\":\"" TOKEN "\",\"lever\":\"sentiment\","
               "\"value\":-0.5}");
    CHECK(m.type == NET_MSG_LEVER && m.value == -0.5);
    m = parsed("{\"v\":1,\"type\":\"free_seat\",\"token\":\"" TOKEN "\",\"actor\":\"nvda\"}");
    CHECK(m.type == NET_MSG_FREE_SEAT && strcmp(m.actor, "nvda") == 0);
    m = parsed("{\"v\":1,\"type\":\"assign_seat\",\"token\":\"" TOKEN "\",\"actor\":\"nvda\"}");
    CHECK(m.type == NET_MSG_ASSIGN_SEAT);
    /* Every type has a name and a sender. */
    for (int t = 0; t < NET_MSG_COUNT; t++)
        CHECK(net_msg_info((NetMsgType)t) && net_msg_info((NetMsgType)t)->name);
    CHECK(net_msg_info(NET_MSG_COUNT) == NULL);
}

/* Each answer is one JSON object with v, type and re (and seq when the client sent one). */
static void test_answers(void)
{
    DatBuf b;
    dat_buf_init(&b);
    net_proto_error(&b, NET_MSG_PROPOSE, 9, NET_ERR_REFUSED, "line \"1\"\nline 2", "over_budget");
    char err[256];
    cJSON *j = dat_json_parse(b.data, b.len, "answer", err, sizeof err);
    CHECK_MSG(j != NULL, "%s", err);
    if (j) {
        CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(j, "type")->valuestring, "error") == 0);
        CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(j, "re")->valuestring, "propose") == 0);
        CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(j, "code")->valuestring, "refused") == 0);
        CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(j, "why")->valuestring, "over_budget") == 0);
        CHECK(cJSON_GetObjectItemCaseSensitive(j, "seq")->valuedouble == 9);
        cJSON_Delete(j);
    }
    CHECK(!strchr(b.data, '\n')); /* the line break was escaped: one answer, one line */
    dat_buf_free(&b);
    dat_buf_init(&b);
    net_proto_ok(&b, NET_MSG_COUNT, -1);
    CHECK(strcmp(b.data, "{\"v\":1,\"type\":\"ok\",\"re\":\"?\"}") == 0);
    dat_buf_free(&b);
    dat_buf_init(&b);
    net_proto_seat(&b, NET_MSG_TAKE_SEAT, 1, "msft", "Microsoft", TOKEN);
    CHECK(strstr(b.data, "\"token\":\"" TOKEN "\"") != NULL);
    dat_buf_free(&b);
}

/* The teacher's screens and the story cards: their fields, checked like the others. */
static void test_cards(void)
{
    const char *a = "{\"v\":1,\"type\":\"card_answer\",\"token\":\"" TOKEN "\",";
    char t[1024];
    NetMsg m = parsed("{\"v\":1,\"type\":\"room\",\"token\":\"" TOKEN "\"}");
    CHECK(m.type == NET_MSG_ROOM && net_msg_info(m.type)->who == NET_WHO_TEACHER);
    m = parsed("{\"v\":1,\"type\":\"card_push\",\"token\":\"" TOKEN "\",\"card\":\"stargate\","
               "\"choices\":[\"yes\",\"no\",\"\u4e0d\u786e\u5b9a\"]}");
    CHECK(m.type == NET_MSG_CARD_PUSH && strcmp(m.card, "stargate") == 0 && m.n_choices == 3);
    CHECK(strcmp(m.choices[2], "不确定") == 0);
    m = parsed("{\"v\":1,\"type\":\"card_push\",\"token\":\"" TOKEN "\",\"card\":\"tokyo\"}");
    CHECK(m.n_choices == 0);
    m = parsed("{\"v\":1,\"type\":\"card_reveal\",\"token\":\"" TOKEN "\"}");
    CHECK(m.type == NET_MSG_CARD_REVEAL);
    m = parsed("{\"v\":1,\"type\":\"card_close\",\"token\":\"" TOKEN "\"}");
    CHECK(m.type == NET_MSG_CARD_CLOSE);
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\",\"choice\":3}", a);
    m = parsed(t);
    CHECK(m.type == NET_MSG_CARD_ANSWER && m.choice == 3 && m.text[0] == '\0');
    CHECK(net_msg_info(m.type)->who == NET_WHO_SEAT);
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\",\"text\":\"because\"}", a);
    m = parsed(t);
    CHECK(m.choice == -1 && strcmp(m.text, "because") == 0);
    /* Refusals: no card, no answer at all, a choice out of range, a text too long, choices of
     * the wrong shape, a field of another type. */
    snprintf(t, sizeof t, "%s\"choice\":1}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.card");
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\"}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "choice or a text");
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\",\"choice\":4}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choice");
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\",\"choice\":-1}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choice");
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\",\"text\":\"%0201d\"}", a, 0);
    refused(t, NET_ERR_BAD_MESSAGE, "$.text");
    snprintf(t, sizeof t, "%s\"card\":\"tokyo\",\"text\":\"%0200d\"}", a, 0);
    CHECK(strlen(parsed(t).text) == NET_ANSWER_MAX);
    snprintf(t, sizeof t, "%s\"card\":\"to kyo\",\"choice\":1}", a);
    refused(t, NET_ERR_BAD_MESSAGE, "$.card");
    const char *p = "{\"v\":1,\"type\":\"card_push\",\"token\":\"" TOKEN "\",\"card\":\"x\",";
    snprintf(t, sizeof t, "%s\"choices\":[\"only\"]}", p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choices");
    snprintf(t, sizeof t, "%s\"choices\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choices");
    snprintf(t, sizeof t, "%s\"choices\":[\"a\",2]}", p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choices[1]");
    snprintf(t, sizeof t, "%s\"choices\":[\"a\",\"\"]}", p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choices[1]");
    snprintf(t, sizeof t, "%s\"choices\":[\"a\",\"%061d\"]}", p, 0);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choices[1]");
    snprintf(t, sizeof t, "%s\"choices\":\"a,b\"}", p);
    refused(t, NET_ERR_BAD_MESSAGE, "$.choices");
    refused("{\"v\":1,\"type\":\"card_reveal\",\"token\":\"" TOKEN "\",\"card\":\"x\"}",
            NET_ERR_BAD_MESSAGE, "card");
    CHECK(strcmp(net_err_name(NET_ERR_NO_CARD), "no_card") == 0);
}

int main(void)
{
    test_refusals();
    test_too_big();
    test_good();
    test_answers();
    test_cards();
    TEST_END();
}
