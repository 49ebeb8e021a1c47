/* fuzz_proto: the classroom's messages (net_proto_parse) and a room acting on them (net_game).
 *
 * The input is a conversation: lines, each one message from a connection. Before a line is sent,
 * @ROOM@, @TM@, @TN@ and @TT@ in it become the room's code, the two seats' tokens and the
 * teacher's, so the fuzzer reaches past the door into every handler; two story cards, c1 and c2,
 * are on offer, and the teacher's room, world and cards are flushed after every line. Promises
 * checked: the parser refuses with a one-line message; every answer is one JSON object with a type;
 * whatever was queued, the month then plays without an engine failure. A fresh world and room each
 * input. */
#include "dat_json.h"
#include "dat_scenario.h"
#include "fuzz_util.h"
#include "net_game.h"
#include "sim_strategy.h"
#include "sim_turn.h"

static SimScenario *scenario;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char err[512];
    scenario = dat_scenario_load(CL_FUZZ_SCENARIO, err, sizeof err);
    if (!scenario)
        fuzz_fail("the scenario", err);
    return 0;
}

/* line with the placeholders replaced, into out (cut to cap). */
static size_t substitute(const char *line, size_t n, const NetRoom *r, char *out, size_t cap)
{
    static const char *const names[] = {"@ROOM@", "@TM@", "@TN@", "@TT@"};
    const char *values[] = {r->code, r->seats[0].token, r->seats[1].token, r->teacher};
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap;) {
        int hit = -1;
        for (int p = 0; p < 4 && hit < 0; p++)
            if (n - i >= strlen(names[p]) && memcmp(line + i, names[p], strlen(names[p])) == 0)
                hit = p;
        if (hit < 0) {
            out[k++] = line[i++];
            continue;
        }
        size_t v = strlen(values[hit]);
        if (k + v >= cap)
            break;
        memcpy(out + k, values[hit], v);
        k += v;
        i += strlen(names[hit]);
    }
    out[k] = '\0';
    return k;
}

static void check_answers(const char *text)
{
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char err[512];
        cJSON *j = dat_json_parse(p, n, "answer", err, sizeof err);
        if (!j || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "type"))) {
            fprintf(stderr, "fuzz: the answer: %.*s\n", (int)n, p);
            fuzz_fail("an answer that is not a JSON object with a type", err);
        }
        cJSON_Delete(j);
        p += n + (nl != NULL);
    }
}

/* Every message a flush sends is one JSON object with a type. */
static int flushed(void *ctx, int conn, const char *text, size_t len)
{
    (void)ctx, (void)conn;
    char line[1 << 16];
    if (len >= sizeof line)
        fuzz_fail("a flushed message", "longer than 64 KiB");
    memcpy(line, text, len);
    line[len] = '\0';
    check_answers(line);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    SimWorld *w = sim_world_create(scenario, 1, err, sizeof err);
    if (!w)
        fuzz_fail("the world", err);
    for (int i = 1; i < w->n && i <= 2; i++) {
        SimStrategy s;
        if (sim_strategy_queued(&s) < 0)
            fuzz_fail("a seat", "out of memory");
        sim_world_set_strategy(w, i, s);
    }
    if (sim_turn_start(w, err, sizeof err) < 0)
        fuzz_fail("the start", err);
    NetGame *g = net_game_create(w, NULL, err, sizeof err);
    if (!g)
        fuzz_fail("the room", err);
    const NetRoom *r = net_game_room(g);
    static NetCard cards[2];
    for (int k = 0; k < 2; k++) {
        snprintf(cards[k].id, sizeof cards[k].id, "c%d", k + 1);
        snprintf(cards[k].words[CORE_LANG_EN].title, NET_CARD_TITLE, "Card %d", k + 1);
    }
    net_game_card_offer(g, cards, 2);
    static char msg[2 * NET_MSG_MAX];
    for (int k = 0; k < r->n_seats; k++) {
        int n = snprintf(msg, sizeof msg,
                         "{\"v\":1,\"type\":\"take_seat\",\"room\":\"%s\",\"actor\":\"%s\"}",
                         r->code, w->sc->actors[r->seats[k].actor].id);
        DatBuf out;
        dat_buf_init(&out);
        net_game_message(g, 0, msg, (size_t)n, -1.0, &out);
        dat_buf_free(&out);
    }
    const char *text = (const char *)data;
    double now = 0;
    for (size_t i = 0; i < size;) {
        const char *nl = memchr(text + i, '\n', size - i);
        size_t n = nl ? (size_t)(nl - (text + i)) : size - i;
        size_t len = substitute(text + i, n, r, msg, sizeof msg);
        i += n + 1;
        NetMsg m;
        if (net_proto_parse(msg, len, &m, err, sizeof err) != NET_ERR_NONE)
            fuzz_check_message(err, sizeof err, "net_proto_parse");
        DatBuf out;
        dat_buf_init(&out);
        net_game_message(g, (int)(i % 3), msg, len, now, &out);
        if (out.failed)
            fuzz_fail("an answer", out.why);
        check_answers(out.data);
        dat_buf_free(&out);
        net_game_flush_to(g, flushed, NULL, now);
        now += 0.01;
    }
    if (sim_turn_step(w, err, sizeof err) < 0)
        fuzz_fail("the month after the messages", err);
    net_game_destroy(g);
    sim_world_destroy(w);
    return 0;
}
