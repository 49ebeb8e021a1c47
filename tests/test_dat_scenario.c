/* test_dat_scenario: the scenario loader, the strict JSON reader under it, and the exact writer.
 *
 * The minimal scenario must load with the right values; every file under tests/data/bad/ must be
 * refused with a message that names the file and the place (line:col or JSON path) and says what
 * was expected. More cases are made in memory from the minimal text, and the 17 MiB file is
 * written to a temp folder at run time. */
#define _POSIX_C_SOURCE 200809L

#include "dat_json.h"
#include "dat_scenario.h"
#include "test_lang.h"
#include "test_util.h"

#include "core_month.h"

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA CL_TESTDATA
#define BAD  CL_TESTDATA "/bad/"

static char *minimal_text;
static size_t minimal_len;

static int month_of(const char *s)
{
    int m = -1;
    core_month_parse(s, &m);
    return m;
}

/* ---------------------------------------------------------------------------------------------
 * The minimal scenario */

static void test_minimal(void)
{
    char err[1024] = "";
    SimScenario *s = dat_scenario_load(DATA "/minimal.json", err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(strcmp(s->id, "minimal") == 0);
    CHECK(strcmp(s->title, "Minimal loop") == 0);
    CHECK(strncmp(s->description, "A hub, two giants", 17) == 0);
    CHECK(s->start == month_of("2025-01"));
    CHECK(s->end == month_of("2026-12"));
    CHECK(sim_scenario_turns(s) == 24);
    CHECK(s->hub == 0);
    CHECK(s->target_gw == 10.0);
    CHECK(s->default_seed == 42);

    const SimMarketParams *m = &s->market;
    CHECK(m->jump_payee == 0.8 && m->jump_payer == 0.3 && m->jump_alpha == 0.5);
    CHECK(m->rival_spill == -0.1 && m->sentiment_start == 0.3 && m->demand_ceiling == 400);
    CHECK(m->delivery_cost[SIM_DEAL_COMPUTE] == 0.6 &&
          m->delivery_cost[SIM_DEAL_CHIP_LEASE] == 0.35 &&
          m->delivery_cost[SIM_DEAL_EQUITY] == 0.0 && m->discount_rate == 0.11);
    CHECK(m->missed_to_default == 3 && m->recovery_rate == 0.4 && m->budget_slack == 0.25);

    CHECK(s->n_actors == 3);
    CHECK(sim_scenario_find_actor(s, "openai") == 0);
    CHECK(sim_scenario_find_actor(s, "msft") == 1);
    CHECK(sim_scenario_find_actor(s, "nvda") == 2);
    CHECK(sim_scenario_find_actor(s, "NVDA") == -1);
    const SimActorSpec *hub = &s->actors[0], *ms = &s->actors[1], *nv = &s->actors[2];
    CHECK(hub->role == SIM_ROLE_HUB && ms->role == SIM_ROLE_GIANT && nv->role == SIM_ROLE_GIANT);
    CHECK(strcmp(ms->name, "Microsoft") == 0 && strcmp(ms->leader, "Satya Nadella") == 0);
    CHECK(nv->leader[0] == '\0'); /* optional, absent */
    CHECK(ms->cash == 80 && ms->debt == 40 && ms->asset_vol == 0.25 && ms->revenue == 260);
    CHECK(ms->shares == 7.43 && ms->price == 420 && ms->compute_gw == 5);
    CHECK(ms->revenue_growth == 0.15 && ms->growth_floor == 0.08 && ms->growth_decay == 0.02);
    CHECK(ms->opex_ratio == 0.55 && ms->capex_budget == 80 && ms->volatility == 0.06);
    CHECK(ms->sentiment_beta == 0.8);
    CHECK(ms->objective.w_value == 1 && ms->objective.w_exposure == -0.5);
    CHECK(ms->objective.w_compute == 0 && ms->objective.w_survival == 1);
    CHECK(hub->baseline.min_coverage == 0.25 && hub->baseline.kind == SIM_DEAL_COMPUTE);
    CHECK(nv->baseline.kind == SIM_DEAL_EQUITY && nv->baseline.months == 24);
    CHECK(nv->baseline.cooldown == 3 && nv->baseline.fomo_weight == 0.8);
    CHECK(nv->baseline.max_exposure == 0.2 && nv->baseline.gw_per_billion == 0);

    CHECK(s->n_initial == 1);
    const SimInitialDeal *in = &s->initial[0];
    CHECK(strcmp(in->tag, "msft-excl") == 0 && in->proposer == 1);
    CHECK(strncmp(in->text, "Microsoft holds", 15) == 0);
    CHECK(in->terms.kind == SIM_DEAL_EXCLUSIVITY && in->terms.payer == 0 && in->terms.payee == 1);
    CHECK(in->terms.months == 72 && in->terms.amount == 0 && in->terms.delay == 0);
    CHECK(in->terms.upfront == 0 && in->terms.gw == 0 && in->terms.rate == 0);

    CHECK(s->n_events == 3);
    const SimScenarioEvent *e0 = &s->events[0], *e1 = &s->events[1], *e2 = &s->events[2];
    CHECK(e0->type == SIM_SEV_NEWS && e0->month == month_of("2025-01"));
    CHECK(strcmp(e0->id, "tpu-report") == 0 && strcmp(e0->title, "OpenAI rents TPUs") == 0);
    CHECK(e0->actor == 0 && e0->threat_to == 2 && e0->threat == 0.5);
    CHECK(e0->sentiment == 0.1 && e0->growth == 0.05);
    CHECK(isnan(e0->target_payer) && isnan(e0->target_payee));

    CHECK(e1->type == SIM_SEV_DEAL && e1->month == month_of("2025-03"));
    CHECK(e1->proposer == 2 && e1->actor == 2 && e1->accept == 1);
    CHECK(e1->terms.kind == SIM_DEAL_EQUITY && e1->terms.payer == 2 && e1->terms.payee == 0);
    CHECK(e1->terms.amount == 10 && e1->terms.months == 10 && e1->terms.delay == 1);
    CHECK(e1->terms.upfront == 0.2 && e1->terms.shares == 0);
    CHECK(strcmp(e1->reason, "Keep the largest customer close.") == 0);
    CHECK(strcmp(e1->answer, "Welcome.") == 0);
    CHECK(e1->target_payer == 0.04 && isnan(e1->target_payee));
    CHECK(e1->threat_to == -1);

    CHECK(e2->type == SIM_SEV_RELEASE && e2->month == month_of("2025-06"));
    CHECK(e2->actor == 1 && strcmp(e2->release_tag, "msft-excl") == 0);
    CHECK(e2->text[0] == '\0');

    SimScenario *c = sim_scenario_clone(s);
    CHECK(c != NULL);
    if (c) {
        CHECK(c->actors != s->actors && c->events != s->events && c->initial != s->initial);
        CHECK(memcmp(c->actors, s->actors, sizeof *s->actors * 3) == 0);
        CHECK(memcmp(c->initial, s->initial, sizeof *s->initial) == 0);
        CHECK(strcmp(c->events[2].release_tag, "msft-excl") == 0);
        CHECK(sim_scenario_check(c, err, sizeof err) == 0);
        sim_scenario_free(c);
    }
    sim_scenario_free(s);
}

/* A failure of the record: the firm, the share its creditors recover, and news told only after
 * a firm's failure; events without them have none. */
static void test_record_failure(void)
{
    char err[1024] = "";
    SimScenario *s = dat_scenario_load(DATA "/record-failure.json", err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(s->n_events == 5);
    const SimScenarioEvent *e = s->events;
    for (int k = 0; k < 3; k++)
        CHECK(e[k].default_actor == -1 && e[k].after_default == -1 && isnan(e[k].recovery));
    CHECK(e[3].type == SIM_SEV_NEWS && e[3].default_actor == 1 && e[3].recovery == 0.3);
    CHECK(e[3].after_default == -1 && e[3].actor == -1);
    CHECK(e[4].default_actor == -1 && isnan(e[4].recovery) && e[4].after_default == 1);
    SimScenario *c = sim_scenario_clone(s);
    CHECK(c && c->events[3].default_actor == 1 && c->events[4].after_default == 1);
    sim_scenario_free(c);
    sim_scenario_free(s);
}

/* ---------------------------------------------------------------------------------------------
 * Bad files: each must fail, naming the file and saying what and where */

typedef struct {
    const char *file;
    const char *want[3]; /* substrings the message must contain */
} BadCase;

static const BadCase bad_files[] = {
    /* not JSON */
    {"truncated.json", {"truncated.json:56:1: not valid JSON", "unexpected end of file"}},
    {"trailing_comma.json", {"trailing_comma.json:33:25: not valid JSON", "trailing comma"}},
    {"garbage_after.json", {"garbage_after.json:166:1: not valid JSON", "after the end"}},
    {"empty.json", {"empty.json:1:1: not valid JSON", "the file is empty"}},
    {"leading_zero.json", {"leading_zero.json:11:11: not valid JSON", "leading zero"}},
    {"array.json", {"array.json: $: expected a scenario object, got array"}},
    /* wrong types and values */
    {"wrong_type.json",
     {"wrong_type.json: $.actors[1].cash: expected a finite number >= 0, got string"}},
    {"unknown_actor.json",
     {"unknown_actor.json: $.events[1].payer: expected an actor id", "got \"googl\""}},
    {"negative_cash.json",
     {"negative_cash.json: $.actors[2].cash: expected a finite number >= 0, got -5"}},
    {"nonfinite.json",
     {"nonfinite.json: $.events[1].amount: expected a finite number", "beyond the range"}},
    {"amount_absurd.json", {"amount_absurd.json: $.events[1].amount: expected at most 1e6"}},
    {"missing_field.json",
     {"missing_field.json: $.actors[1].price: expected a finite number > 0", "missing"}},
    {"unknown_key.json",
     {"unknown_key.json: $.actors[1].cahs: unknown key", "did you mean \"cash\""}},
    {"duplicate_key.json", {"duplicate_key.json: $.actors[1].cash: duplicate key"}},
    {"months_fraction.json",
     {"months_fraction.json: $.events[1].months: expected an integer in 1..600, got 1.5"}},
    {"months_huge.json", {"months_huge.json: $.events[1].months: expected an integer", "1e+20"}},
    {"bad_month.json",
     {"bad_month.json: $.events[1].date: expected a month \"YYYY-MM\"", "got \"2025-13\""}},
    {"bad_kind.json",
     {"bad_kind.json: $.events[1].kind: expected a deal kind", "\"exclusivity\"", "got \"stock\""}},
    {"wrong_format.json",
     {"wrong_format.json: $.format: expected \"closedloop-scenario\", got \"closedloop-history\""}},
    /* cross-field rules */
    {"out_of_order.json",
     {"out_of_order.json: $.events[2].date: events out of order: 2025-02 comes after 2025-03"}},
    {"two_hubs.json",
     {"two_hubs.json: $.actors[1].role: expected exactly one actor with role \"hub\"", "second"}},
    {"no_hub.json",
     {"no_hub.json: $.actors: expected exactly one actor with role \"hub\", got none"}},
    {"unknown_right.json",
     {"unknown_right.json: $.events[2].right: expected the tag of an exclusivity right held by "
      "\"msft\"",
      "got \"msft-exclusive\""}},
    {"world_payee.json",
     {"world_payee.json: $.events[1].payee:", "\"world\" only for kind \"build\""}},
    {"recovery_alone.json",
     {"recovery_alone.json: $.events[3].recovery: expected \"default\" beside it"}},
    {"recovery_range.json",
     {"recovery_range.json: $.events[3].recovery: expected a finite number in [0, 1]", "1.19"}},
    {"default_actor.json",
     {"default_actor.json: $.events[3].default: expected an actor id", "got \"msoft\""}},
    {"playbook_param_type.json",
     {"playbook_param_type.json: $.actors[0].playbook_params.first_asks: expected a number or a "
      "boolean, got string \"no\""}},
};

static void expect_refused(const char *label, SimScenario *s, const char *err,
                           const char *const *want, int n_want)
{
    if (getenv("TEST_VERBOSE")) /* to read every message */
        printf("%-24s %s\n", label, err);
    CHECK_MSG(s == NULL, "%s: loaded but should be refused", label);
    if (s) {
        sim_scenario_free(s);
        return;
    }
    CHECK_MSG(strchr(err, '\n') == NULL, "%s: message is not one line: %s", label, err);
    for (int k = 0; k < n_want && want[k]; k++)
        CHECK_MSG(strstr(err, want[k]) != NULL, "%s: message \"%s\" lacks \"%s\"", label, err,
                  want[k]);
}

static void test_bad_files(void)
{
    for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        char path[512], err[1024] = "";
        snprintf(path, sizeof path, BAD "%s", bad_files[i].file);
        SimScenario *s = dat_scenario_load(path, err, sizeof err);
        /* the message starts with the path as given */
        CHECK_MSG(strncmp(err, path, strlen(path)) == 0,
                  "%s: message does not start with the "
                  "path: %s",
                  bad_files[i].file, err);
        expect_refused(bad_files[i].file, s, err, bad_files[i].want, 3);
    }
}

/* The scenario's cross-field checks (sim_scenario_check, told by the loader) in Chinese, word for
 * word, then the same files in English with the English table: the bytes of the checks' own
 * English, as without any table. */
static void test_checks_in_languages(void)
{
    static const struct {
        const char *file, *zh, *en;
    } cases[] = {
        {"out_of_order.json",
         "out_of_order.json: $.events[2].date：事件顺序有误：2025-02排在2025-03之后",
         "out_of_order.json: $.events[2].date: events out of order: 2025-02 comes after 2025-03"},
        {"two_hubs.json",
         "two_hubs.json: "
         "$.actors[1].role：角色为\"hub\"的参与者应恰好有一个，实际出现了第二个（第一个是"
         "\"openai\"，$.actors[0]）",
         "two_hubs.json: $.actors[1].role: expected exactly one actor with role \"hub\", got a "
         "second one (the first is \"openai\", $.actors[0])"},
        {"unknown_right.json",
         "unknown_right.json: "
         "$.events[2].right：应为\"msft\"持有的一项排他权的标签（初始交易或更早的交易"
         "事件），实际是\"msft-exclusive\"，没有这个标签的交易",
         "unknown_right.json: $.events[2].right: expected the tag of an exclusivity right held by "
         "\"msft\" (an initial deal or an earlier deal event), got \"msft-exclusive\", which names "
         "no deal"},
        {"world_payee.json",
         "world_payee.json: "
         "$.events[1].payee：应为一个参与者（只有类型\"build\"才用\"world\"），实际类型"
         "\"equity\"用了\"world\"",
         "world_payee.json: $.events[1].payee: expected an actor (\"world\" only for kind "
         "\"build\"), got \"world\" for kind \"equity\""},
    };
    for (int lang = 0; lang < 2; lang++) {
        test_lang_use(lang ? CORE_LANG_EN : CORE_LANG_ZH);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char path[512], err[1024] = "";
            const char *want = lang ? cases[i].en : cases[i].zh;
            snprintf(path, sizeof path, BAD "%s", cases[i].file);
            SimScenario *s = dat_scenario_load(path, err, sizeof err);
            CHECK_MSG(s == NULL, "%s: loaded but should be refused", cases[i].file);
            sim_scenario_free(s);
            const char *at = strstr(err, cases[i].file);
            CHECK_MSG(at && strcmp(at, want) == 0, "%s: \"%s\", expected \"%s\"", cases[i].file,
                      err, want);
        }
    }
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL); /* back to no table, as the other tests run */
}

/* ---------------------------------------------------------------------------------------------
 * More cases, made in memory from the minimal text */

/* The minimal text with the first `from` replaced by `to` (a fresh buffer the caller frees). */
static char *mutate(const char *from, const char *to, size_t *len)
{
    const char *at = strstr(minimal_text, from);
    if (!at) {
        fprintf(stderr, "mutate: \"%s\" not in minimal.json\n", from);
        return NULL;
    }
    size_t a = (size_t)(at - minimal_text), nf = strlen(from), nt = strlen(to);
    *len = minimal_len - nf + nt;
    char *out = malloc(*len + 1);
    memcpy(out, minimal_text, a);
    memcpy(out + a, to, nt);
    memcpy(out + a + nt, at + nf, minimal_len - a - nf);
    out[*len] = '\0';
    return out;
}

typedef struct {
    const char *label;
    const char *from, *to; /* from "@key": the whole value of the first "key" becomes `to` */
    const char *want[3];   /* NULL want[0]: must load */
} Mutation;

/* The end of the JSON value that starts at p (valid JSON assumed). */
static const char *value_end(const char *p)
{
    int depth = 0, in_str = 0;
    for (; *p; p++) {
        if (in_str) {
            if (*p == '\\')
                p++;
            else if (*p == '"')
                in_str = 0;
            continue;
        }
        if (*p == '"')
            in_str = 1;
        else if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']') {
            if (depth == 0)
                return p;
            if (--depth == 0)
                return p + 1;
        } else if (depth == 0 && *p == ',')
            return p;
    }
    return p;
}

/* The minimal text with the value of the first "key" replaced by `to`. */
static char *mutate_value(const char *key, const char *to, size_t *len)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    const char *at = strstr(minimal_text, pat);
    if (!at)
        return NULL;
    const char *v = at + strlen(pat), *e = value_end(v);
    size_t a = (size_t)(v - minimal_text), nt = strlen(to),
           rest = minimal_len - (size_t)(e - minimal_text);
    *len = a + nt + rest;
    char *out = malloc(*len + 1);
    memcpy(out, minimal_text, a);
    memcpy(out + a, to, nt);
    memcpy(out + a + nt, e, rest);
    out[*len] = '\0';
    return out;
}

/* The minimal scenario's hub with these playbook parameters. */
#define PB(obj) "\"name\": \"OpenAI\", \"playbook_params\": " obj ","

/* The minimal scenario with a "sensitivity" array of these ranges. */
#define SENS(items) "\"seed\": 42, \"sensitivity\": [" items "]"

static const Mutation mutations[] = {
    {"ok: BOM", "{\n  \"format\"", "\xEF\xBB\xBF{\n  \"format\"", {NULL}},
    {"ok: no events", "@events", "[]", {NULL}},
    /* A start lenders would not finance is refused; a large debt they carry is not. */
    {"ok: a large debt lenders carry", "\"debt\": 40,", "\"debt\": 2000,", {NULL}},
    {"debt above what lenders carry",
     "\"debt\": 40,",
     "\"debt\": 9000,",
     {"mem: $.actors[1].debt: expected at most $",
      "B, the debt lenders carry for \"msft\" at its opening value (down to a distance to "
      "default of market.lender_dd = 1), got $9000.0B"}},
    {"ok: seed 2^53", "\"seed\": 42", "\"seed\": 9007199254740992", {NULL}},
    {"ok: sensitivity",
     "\"seed\": 42",
     SENS("{\"param\": \"market.jump_payee\", \"low\": 0.3, \"high\": 0.8}, {\"param\": "
          "\"actors.openai.revenue_growth\", \"low\": 0.5, \"high\": 2, \"scale\": \"log\"}"),
     {NULL}},
    {"sensitivity unknown param",
     "\"seed\": 42",
     SENS("{\"param\": \"market.jump_payed\", \"low\": 0.3, \"high\": 0.8}"),
     {"$.sensitivity[0].param: expected a parameter name, got \"market.jump_payed\"; the names "
      "are target_gw, market.jump_payee"}},
    {"sensitivity unknown actor",
     "\"seed\": 42",
     SENS("{\"param\": \"actors.oracle.cash\", \"low\": 1, \"high\": 2}"),
     {"$.sensitivity[0].param: expected actors.ID.NAME with ID one of \"openai\"",
      "got \"actors.oracle.cash\""}},
    {"sensitivity twice",
     "\"seed\": 42",
     SENS("{\"param\": \"target_gw\", \"low\": 1, \"high\": 2}, {\"param\": \"target_gw\", "
          "\"low\": 1, \"high\": 3}"),
     {"$.sensitivity[1].param: expected each parameter once, got \"target_gw\" again (first at "
      "$.sensitivity[0])"}},
    {"sensitivity low >= high",
     "\"seed\": 42",
     SENS("{\"param\": \"market.fomo_gain\", \"low\": 2, \"high\": 2}"),
     {"$.sensitivity[0].high: expected a number greater than low (2), got 2"}},
    {"sensitivity outside the field",
     "\"seed\": 42",
     SENS("{\"param\": \"market.jump_alpha\", \"low\": 0.5, \"high\": 5}"),
     {"$.sensitivity[0].high: expected a value market.jump_alpha accepts (> 0, <= 4), got 5"}},
    {"sensitivity below the field",
     "\"seed\": 42",
     SENS("{\"param\": \"market.day_noise\", \"low\": -0.1, \"high\": 0.5}"),
     {"$.sensitivity[0].low: expected a value market.day_noise accepts (>= 0), got -0.1"}},
    {"sensitivity log from 0",
     "\"seed\": 42",
     SENS("{\"param\": \"market.day_noise\", \"low\": 0, \"high\": 0.5, \"scale\": \"log\"}"),
     {"$.sensitivity[0].low: expected a number > 0 for \"scale\": \"log\", got 0"}},
    {"sensitivity bad scale",
     "\"seed\": 42",
     SENS("{\"param\": \"market.day_noise\", \"low\": 0.1, \"high\": 0.5, \"scale\": \"ln\"}"),
     {"$.sensitivity[0].scale: expected one of \"linear\" or \"log\""}},
    {"sensitivity unknown key",
     "\"seed\": 42",
     SENS("{\"param\": \"market.day_noise\", \"lo\": 0.1, \"high\": 0.5}"),
     {"$.sensitivity[0].lo: unknown key"}},
    {"sensitivity not an array",
     "\"seed\": 42",
     "\"seed\": 42, \"sensitivity\": {}",
     {"$.sensitivity: expected an array"}},
    {"unknown top key",
     "\"events\": [",
     "\"events\": [], \"x_unused\": [",
     {"mem: $.x_unused: unknown key; expected one of: format, version"}},
    {"NUL byte", "Minimal loop", "Minimal\0loop", {"mem:5:", "NUL byte"}},
    {"\\u0000", "Minimal loop", "Minimal\\u0000loop", {"mem:5:20:", "\\u0000 is not allowed"}},
    {"bad UTF-8", "Minimal loop", "Minimal \xC3\x28 loop", {"mem:5:", "invalid UTF-8"}},
    {"raw tab", "Minimal loop", "Minimal\tloop", {"mem:5:", "raw control character"}},
    {"bad escape", "Minimal loop", "Minimal \\q loop", {"mem:5:", "invalid escape"}},
    {"lone surrogate", "Minimal loop", "Minimal \\ud800 loop", {"mem:5:", "surrogate"}},
    {"single quotes", "\"format\"", "'format'", {"mem:2:3:", "expected a key in double quotes"}},
    {"missing colon", "\"version\": 1", "\"version\" 1", {"mem:3:", "expected ':'"}},
    {"missing comma", "\"version\": 1,", "\"version\": 1", {"mem:4:3:", "expected ',' or '}'"}},
    {"bare word", "\"seed\": 42", "\"seed\": NaN", {"mem:11:11:", "expected a value, found 'NaN'"}},
    {"1.", "\"seed\": 42", "\"seed\": 42.", {"mem:11:11:", "a digit must follow '.'"}},
    {"hex", "\"seed\": 42", "\"seed\": 0x2A", {"mem:11:11:", "invalid number"}},
    {"seed too big",
     "\"seed\": 42",
     "\"seed\": 9007199254740994",
     {"mem: $.seed: expected an integer in 0..9007199254740992"}},
    {"seed negative", "\"seed\": 42", "\"seed\": -1", {"$.seed: expected an integer", "got -1"}},
    {"seed string", "\"seed\": 42", "\"seed\": \"42\"", {"$.seed:", "got string \"42\""}},
    {"version 2", "\"version\": 1", "\"version\": 2", {"$.version: expected 1", "got 2"}},
    {"format missing",
     "\"format\": \"closedloop-scenario\",",
     "",
     {"$.format: expected \"closedloop-scenario\", got nothing (the key is missing)"}},
    {"version string",
     "\"version\": 1",
     "\"version\": \"1\"",
     {"$.version: expected 1 (the version this program reads), got string \"1\""}},
    {"id uppercase",
     "\"id\": \"minimal\"",
     "\"id\": \"Minimal\"",
     {"$.id: expected a string of 1 to 31 characters from [a-z0-9-]", "got \"Minimal\""}},
    {"id too long",
     "\"id\": \"minimal\"",
     "\"id\": \"minimal-minimal-minimal-minimal-x\"",
     {"$.id: expected a string of 1 to 31", "got 33 bytes"}},
    {"title too long",
     "\"title\": \"Minimal loop\"",
     "\"title\": \"Minimal loop Minimal loop Minimal loop Minimal loop Minimal loop Minimal loop "
     "Minimal loop Minimal loop Minimal loop Minimal loop\"",
     {"$.title: expected a string of at most 119 bytes", "got 129 bytes"}},
    {"case-sensitive key",
     "\"cash\": 80,",
     "\"Cash\": 80,",
     {"$.actors[1].Cash: unknown key (did you mean \"cash\"?)"}},
    {"odd key",
     "\"cash\": 80,",
     "\"cash\": 80, \"ca sh\": 1,",
     {"$.actors[1][\"ca sh\"]: unknown key"}},
    {"null value", "\"cash\": 80,", "\"cash\": null,", {"$.actors[1].cash:", "got null"}},
    {"bool for number", "\"cash\": 80,", "\"cash\": true,", {"$.actors[1].cash:", "got true"}},
    {"market missing key",
     "    \"reversion\": 0.05,\n",
     "",
     {"$.market.reversion: expected a finite number", "missing"}},
    {"market unknown key",
     "\"reversion\": 0.05,",
     "\"reversion\": 0.05, \"revresion\": 0,",
     {"$.market.revresion: unknown key"}},
    {"jump_alpha 0",
     "\"jump_alpha\": 0.5",
     "\"jump_alpha\": 0",
     {"$.market.jump_alpha: expected a finite number in (0, 4], got 0"}},
    {"sentiment_start 5",
     "\"sentiment_start\": 0.3",
     "\"sentiment_start\": 5",
     {"$.market.sentiment_start: expected a finite number in (-5, 5), got 5"}},
    {"recovery 1.5",
     "\"recovery_rate\": 0.4",
     "\"recovery_rate\": 1.5",
     {"$.market.recovery_rate: expected a finite number in [0, 1], got 1.5"}},
    {"missed_to_default 0",
     "\"missed_to_default\": 3",
     "\"missed_to_default\": 0",
     {"$.market.missed_to_default: expected an integer in 1..120, got 0"}},
    {"market array",
     "@market",
     "[]",
     {"$.market: expected an object of market parameters, got array"}},
    {"growth -1",
     "\"revenue_growth\": 0.15",
     "\"revenue_growth\": -1",
     {"$.actors[1].revenue_growth: expected a finite number > -1, got -1"}},
    {"shares 0",
     "\"shares\": 7.43",
     "\"shares\": 0",
     {"$.actors[1].shares: expected a finite number > 0, got 0"}},
    {"bad role",
     "\"role\": \"giant\"",
     "\"role\": \"boss\"",
     {"$.actors[1].role: expected one of \"hub\", \"giant\" or \"outside\", got \"boss\""}},
    {"actor id dash",
     "\"id\": \"msft\"",
     "\"id\": \"ms-ft\"",
     {"$.actors[1].id: expected a string of 1 to 31 characters from [a-z0-9_]"}},
    {"duplicate actor",
     "\"id\": \"nvda\"",
     "\"id\": \"msft\"",
     {"$.actors[2].id: expected a unique actor id, got \"msft\" again"}},
    {"no actors", "@actors", "[]", {"$.actors: expected an array of at least 1 item, got 0"}},
    {"objective typo",
     "\"exposure\": -0.5",
     "\"exposur\": -0.5",
     {"$.actors[1].objective.exposur: unknown key (did you mean \"exposure\"?)"}},
    {"baseline months",
     "\"months\": 24,",
     "\"months\": 0,",
     {"$.actors[2].baseline.months: expected an integer in 1..240, got 0"}},
    {"baseline kind",
     "\"kind\": \"equity\",\n        \"months\"",
     "\"kind\": \"shares\",\n        \"months\"",
     {"$.actors[2].baseline.kind: expected a deal kind", "got \"shares\""}},
    {"hub not the hub",
     "\"hub\": \"openai\"",
     "\"hub\": \"msft\"",
     {"$.hub: expected \"openai\", the actor with role \"hub\", got \"msft\""}},
    {"hub unknown",
     "\"hub\": \"openai\"",
     "\"hub\": \"oai\"",
     {"$.hub: expected an actor id", "got \"oai\""}},
    {"end before start",
     "\"end\": \"2026-12\"",
     "\"end\": \"2024-12\"",
     {"$.end: expected a month not before the start 2025-01, got 2024-12"}},
    {"target 0",
     "\"target_gw\": 10",
     "\"target_gw\": 0",
     {"$.target_gw: expected a finite number > 0, got 0"}},
    {"event after end",
     "\"date\": \"2025-06\"",
     "\"date\": \"2027-01\"",
     {"$.events[2].date: expected a month within the calendar 2025-01..2026-12, got 2027-01"}},
    {"deal at start",
     "\"date\": \"2025-03\"",
     "\"date\": \"2025-01\"",
     {"$.events[1].date: expected a month after the start 2025-01 for a deal"}},
    {"duplicate event id",
     "\"id\": \"msft-release\"",
     "\"id\": \"tpu-report\"",
     {"$.events[2].id: expected a unique tag, got \"tpu-report\" again (first at $.events[0])"}},
    {"event id = initial tag",
     "\"id\": \"tpu-report\"",
     "\"id\": \"msft-excl\"",
     {"$.events[0].id: expected a unique tag", "first at $.initial_deals[0]"}},
    {"bad event type",
     "\"type\": \"news\"",
     "\"type\": \"rumour\"",
     {"$.events[0].type: expected one of \"news\", \"deal\" or \"release\", got \"rumour\""}},
    {"key of another type",
     "\"threat\": 0.5",
     "\"threat\": 0.5, \"accept\": true",
     {"$.events[0].accept: unknown key"}},
    {"growth without actor",
     "\"actor\": \"openai\",\n      \"sentiment\"",
     "\"sentiment\"",
     {"$.events[0].growth: expected \"actor\" beside it"}},
    {"threat without threat_to",
     "\"threat_to\": \"nvda\",",
     "",
     {"$.events[0].threat: expected \"threat_to\""}},
    {"payer = payee",
     "\"payee\": \"openai\",\n      \"amount\": 10",
     "\"payee\": \"nvda\",\n      \"amount\": 10",
     {"$.events[1].payee: expected an actor other than the payer, got \"nvda\" again"}},
    {"proposer not a party",
     "\"proposer\": \"nvda\"",
     "\"proposer\": \"msft\"",
     {"$.events[1].proposer: expected the payer (\"nvda\") or the payee (\"openai\"), got "
      "\"msft\""}},
    {"accept missing",
     "\"accept\": true,",
     "",
     {"$.events[1].accept: expected true or false, got nothing"}},
    {"accept string",
     "\"accept\": true,",
     "\"accept\": \"yes\",",
     {"$.events[1].accept: expected true or false, got string \"yes\""}},
    {"upfront 2",
     "\"upfront\": 0.2",
     "\"upfront\": 2",
     {"$.events[1].upfront: expected a finite number in [0, 1], got 2"}},
    {"reaction typo",
     "{\"payer\": 0.04}",
     "{\"payor\": 0.04}",
     {"$.events[1].reaction.payor: unknown key (did you mean \"payer\"?)"}},
    {"reaction -1",
     "{\"payer\": 0.04}",
     "{\"payer\": -1}",
     {"$.events[1].reaction.payer: expected a finite number > -1, got -1"}},
    {"reaction not object",
     "{\"payer\": 0.04}",
     "0.04",
     {"$.events[1].reaction: expected a reaction object, got number 0.04"}},
    {"terms check",
     "\"amount\": 10,",
     "\"amount\": 0,",
     {"$.events[1]: equity: amount must be above 0"}},
    {"release by another",
     "\"actor\": \"msft\",\n      \"right\"",
     "\"actor\": \"nvda\",\n      \"right\"",
     {"$.events[2].right: expected the tag of an exclusivity right held by \"nvda\"",
      "which \"msft\" holds"}},
    {"release of a non-right",
     "\"right\": \"msft-excl\"",
     "\"right\": \"nvda-equity\"",
     {"$.events[2].right:", "a deal of kind \"equity\""}},
    {"release twice",
     "\"right\": \"msft-excl\"\n    }",
     "\"right\": \"msft-excl\"\n    },\n    {\"date\": \"2025-07\", \"type\": \"release\", \"id\": "
     "\"again\", \"title\": \"Again\", \"actor\": \"msft\", \"right\": \"msft-excl\"}",
     {"$.events[3].right: the right \"msft-excl\" is already released at $.events[2]"}},
    {"release missing actor",
     "\"actor\": \"msft\",\n      \"right\"",
     "\"right\"",
     {"$.events[2].actor: expected an actor id", "missing"}},
    {"initial proposer",
     "\"proposer\": \"msft\"",
     "\"proposer\": \"nvda\"",
     {"$.initial_deals[0].proposer: expected the payer (\"openai\") or the payee (\"msft\")"}},
    {"initial tag chars",
     "\"tag\": \"msft-excl\"",
     "\"tag\": \"msft excl\"",
     {"$.initial_deals[0].tag: expected a string of 1 to 31 characters"}},
    {"initial not array",
     "@initial_deals",
     "{}",
     {"$.initial_deals: expected an array, got object"}},
    {"events not array", "@events", "3", {"$.events: expected an array, got number 3"}},
    {"event not object",
     "\"events\": [",
     "\"events\": [\"news\",",
     {"$.events[0]: expected an event object, got string \"news\""}},
    /* a playbook's parameters and the lesson */
    {"ok: playbook_params empty", "\"name\": \"OpenAI\",", PB("{}"), {NULL}},
    {"playbook_params not object",
     "\"name\": \"OpenAI\",",
     PB("3"),
     {"$.actors[0].playbook_params: expected an object of playbook parameters", "got number 3"}},
    {"playbook_params string",
     "\"name\": \"OpenAI\",",
     PB("{\"invest\": \"0\"}"),
     {"$.actors[0].playbook_params.invest: expected a number or a boolean, got string \"0\""}},
    {"playbook_params null",
     "\"name\": \"OpenAI\",",
     PB("{\"invest\": null}"),
     {"$.actors[0].playbook_params.invest: expected a number or a boolean, got null"}},
    {"playbook_params table",
     "\"name\": \"OpenAI\",",
     PB("{\"invest\": [1]}"),
     {"$.actors[0].playbook_params.invest: expected a number or a boolean, got array"}},
    {"playbook_params name",
     "\"name\": \"OpenAI\",",
     PB("{\"Invest\": 1}"),
     {"$.actors[0].playbook_params.Invest: expected a parameter name of 1 to 31 characters "
      "from [a-z0-9_]"}},
    {"playbook_params digit",
     "\"name\": \"OpenAI\",",
     PB("{\"2x\": 1}"),
     {"$.actors[0].playbook_params[\"2x\"]: expected a parameter name", "not starting with"}},
    {"playbook_params empty name",
     "\"name\": \"OpenAI\",",
     PB("{\"\": 1}"),
     {"$.actors[0].playbook_params", "expected a parameter name"}},
    {"playbook_params duplicate",
     "\"name\": \"OpenAI\",",
     PB("{\"a\": 1, \"a\": 2}"),
     {"$.actors[0].playbook_params.a: duplicate key"}},
    {"playbook_params nonfinite",
     "\"name\": \"OpenAI\",",
     PB("{\"a\": 1e400}"),
     {"$.actors[0].playbook_params.a: expected a finite number"}},
    {"playbook_params too many",
     "\"name\": \"OpenAI\",",
     PB("{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1, \"g\": 1, \"h\": 1, \"i\": "
        "1, "
        "\"j\": 1, \"k\": 1, \"l\": 1, \"m\": 1, \"n\": 1, \"o\": 1, \"p\": 1, \"q\": 1}"),
     {"$.actors[0].playbook_params: expected an object of at most 16 parameters, got 17"}},
    {"playbook_params misspelt",
     "\"name\": \"OpenAI\",",
     "\"name\": \"OpenAI\", \"playbook_param\": {},",
     {"$.actors[0].playbook_param: unknown key", "did you mean \"playbook_params\""}},
    {"lesson not string",
     "\"start\": \"2025-01\"",
     "\"lesson\": 3, \"start\": \"2025-01\"",
     {"$.lesson: expected a string of at most 1999 bytes, got number 3"}},
};

static void test_mutations(void)
{
    for (size_t i = 0; i < sizeof mutations / sizeof mutations[0]; i++) {
        const Mutation *m = &mutations[i];
        size_t len = 0;
        char err[1024] = "";
        char *text = NULL;
        /* "\0" inside a string literal: build that case by hand */
        if (strcmp(m->label, "NUL byte") == 0) {
            text = mutate(m->from, "Minimal_loop", &len);
            if (text)
                text[strstr(text, "Minimal_loop") - text + 7] = '\0';
        } else if (m->from[0] == '@') {
            text = mutate_value(m->from + 1, m->to, &len);
        } else {
            text = mutate(m->from, m->to, &len);
        }
        CHECK_MSG(text != NULL, "%s: mutation not applied", m->label);
        if (!text)
            continue;
        SimScenario *s = dat_scenario_parse(text, len, "mem", err, sizeof err);
        if (!m->want[0]) {
            CHECK_MSG(s != NULL, "%s: should load: %s", m->label, err);
            sim_scenario_free(s);
        } else {
            expect_refused(m->label, s, err, m->want, 3);
        }
        free(text);
    }
}

/* Declared sensitivity ranges keep their order, values and scales. */
static void test_sensitivity_ranges(void)
{
    size_t len = 0;
    char err[1024] = "";
    char *text = mutate("\"seed\": 42",
                        SENS("{\"param\": \"market.jump_payee\", \"low\": 0.3, \"high\": 0.8}, "
                             "{\"param\": \"actors.msft.cash\", \"low\": 10, \"high\": 100, "
                             "\"scale\": \"log\"}"),
                        &len);
    SimScenario *s = text ? dat_scenario_parse(text, len, "mem", err, sizeof err) : NULL;
    CHECK_MSG(s != NULL, "%s", err);
    if (s) {
        CHECK(s->n_sens == 2);
        CHECK(strcmp(s->sens[0].param, "market.jump_payee") == 0);
        CHECK(s->sens[0].low == 0.3 && s->sens[0].high == 0.8 && s->sens[0].log == 0);
        CHECK(strcmp(s->sens[1].param, "actors.msft.cash") == 0);
        CHECK(s->sens[1].low == 10 && s->sens[1].high == 100 && s->sens[1].log == 1);
    }
    sim_scenario_free(s);
    free(text);
    s = dat_scenario_parse(minimal_text, minimal_len, "mem", err, sizeof err);
    CHECK(s && s->n_sens == 0);
    sim_scenario_free(s);
}

/* Playbook parameters keep their names, values and types, in the file's order; a lesson is read
 * whole up to its limit and refused beyond it. */
static void test_playbook_params(void)
{
    char err[1024] = "";
    size_t len;
    char *text =
        mutate("\"name\": \"OpenAI\",",
               PB("{\"invest\": 0, \"first_asks\": false, \"stretch\": 1.5, \"on\": true}"), &len);
    SimScenario *s = text ? dat_scenario_parse(text, len, "mem", err, sizeof err) : NULL;
    CHECK_MSG(s != NULL, "%s", err);
    if (s) {
        const SimActorSpec *a = &s->actors[0];
        CHECK(a->n_playbook_params == 4);
        CHECK(strcmp(a->playbook_params[0].name, "invest") == 0);
        CHECK(a->playbook_params[0].value == 0.0 && !a->playbook_params[0].is_bool);
        CHECK(strcmp(a->playbook_params[1].name, "first_asks") == 0);
        CHECK(a->playbook_params[1].value == 0.0 && a->playbook_params[1].is_bool);
        CHECK(a->playbook_params[2].value == 1.5 && !a->playbook_params[2].is_bool);
        CHECK(a->playbook_params[3].value == 1.0 && a->playbook_params[3].is_bool);
        CHECK(s->actors[1].n_playbook_params == 0);
        CHECK(s->lesson[0] == '\0');
    }
    sim_scenario_free(s);
    free(text);

    /* a lesson of 1999 bytes loads whole; 2000 is refused */
    for (int n = SIM_LESSON_LEN - 1; n <= SIM_LESSON_LEN; n++) {
        char *lesson = malloc((size_t)n + 32);
        int k = snprintf(lesson, 32, "\"lesson\": \"");
        memset(lesson + k, 'a', (size_t)n);
        snprintf(lesson + k + n, 32, "\", \"start\"");
        text = mutate("\"start\"", lesson, &len);
        s = text ? dat_scenario_parse(text, len, "mem", err, sizeof err) : NULL;
        if (n < SIM_LESSON_LEN) {
            CHECK_MSG(s != NULL && strlen(s->lesson) == (size_t)n, "%s", err);
        } else {
            CHECK(s == NULL);
            CHECK_MSG(strstr(err, "$.lesson: expected a string of at most 1999 bytes, got 2000"),
                      "%s", err);
        }
        sim_scenario_free(s);
        free(text);
        free(lesson);
    }
}

/* The text need not be NUL-terminated: parse from an exact-size copy (ASan sees any overread). */
static void test_unterminated_buffer(void)
{
    char err[512] = "";
    char *copy = malloc(minimal_len);
    memcpy(copy, minimal_text, minimal_len);
    SimScenario *s = dat_scenario_parse(copy, minimal_len, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    sim_scenario_free(s);
    /* cut in the middle of a number: an error, not a read past the end */
    const char *at = strstr(minimal_text, "\"seed\": 42");
    size_t cut = (size_t)(at - minimal_text) + 9;
    s = dat_scenario_parse(copy, cut, "cut", err, sizeof err);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err, "cut:11:") && strstr(err, "unexpected end of file"), "%s", err);
    free(copy);
}

static void test_misc_text(void)
{
    char err[512] = "";
    SimScenario *s = dat_scenario_parse("  \n\t ", 5, "ws", err, sizeof err);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err, "ws:2:3: not valid JSON: the file holds only white space"), "%s", err);

    /* nesting deeper than the limit */
    size_t depth = DAT_JSON_MAX_DEPTH + 10;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    s = dat_scenario_parse(deep, 2 * depth, "deep", err, sizeof err);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err, "deep:1:") && strstr(err, "nesting deeper than"), "%s", err);
    free(deep);

    /* the top level is something else again */
    s = dat_scenario_parse("\"scenario\"", 10, "str", err, sizeof err);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err, "str: $: expected a scenario object, got string"), "%s", err);

    /* columns count characters, not bytes */
    int line, col;
    const char *u = "{\"é\": x}";
    dat_json_line_col(u, strlen(u), (size_t)(strchr(u, 'x') - u), &line, &col);
    CHECK(line == 1 && col == 7);
    s = dat_scenario_parse(u, strlen(u), "u", err, sizeof err);
    CHECK_MSG(s == NULL && strstr(err, "u:1:7: not valid JSON: expected a value, found 'x'"), "%s",
              err);
}

/* A message quotes text from the file: it must stay one line and send no control character (an
 * escape sequence) to the terminal, and a value cut at 40 bytes is cut between characters. Found
 * by fuzz_save: a string holding "\n" broke the one-line message (values went in raw). */
static int has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0))
            return 1;
    return 0;
}

static void test_message_controls(void)
{
    static const char *const cases[][2] = {
        {"\"closedloop-scenario\"", "\"x\\n\\u001b[31mred\\u009b2J\\ty\""}, /* dat_fail */
        {"\"hub\": \"openai\"", "\"hub\": \"open\\nai\\u001b\""},           /* dat_scenario's own */
        {"\"closedloop-scenario\"",
         "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u00e9\u00e9\""}, /* cut */
        {"\"hub\": \"openai\"", "\"hub\": \xc2\x9b"},                /* syntax */
        /* keys in the path (found by fuzz_replay and fuzz_save: DEL went through) */
        {"\"hub\": \"openai\"", "\"hub\": \"openai\", \"h\\u007fb\\u0085\\n\": 1"},
        {"\"hub\": \"openai\"",
         "\"hub\": \"openai\", \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u00e9\u00e9\": 1"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len;
        char err[512] = "";
        char *text = mutate(cases[k][0], cases[k][1], &len);
        if (!text)
            continue;
        SimScenario *s = dat_scenario_parse(text, len, "ctl", err, sizeof err);
        CHECK(s == NULL);
        CHECK_MSG(strncmp(err, "ctl", 3) == 0 && !has_control(err), "case %zu: %s", k, err);
        CHECK_MSG(strstr(err, "\xc3.") == NULL && strstr(err, "\xc3\"") == NULL,
                  "case %zu: a character cut: %s", k, err);
        sim_scenario_free(s);
        free(text);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Files: size cap, missing file, folder */

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[1024];
    if (!d)
        return;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    }
    closedir(d);
    return n;
}

static void test_files(const char *tmp)
{
    char path[1024], err[512] = "";
    SimScenario *s;

    /* 17 MiB: refused from its size */
    snprintf(path, sizeof path, "%s/huge.json", tmp);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        static char chunk[1 << 20];
        memset(chunk, ' ', sizeof chunk);
        chunk[0] = '{';
        for (int i = 0; i < 17; i++) {
            fwrite(chunk, 1, sizeof chunk, f);
            chunk[0] = ' ';
        }
        fputc('}', f);
        fclose(f);
        s = dat_scenario_load(path, err, sizeof err);
        CHECK(s == NULL);
        sim_scenario_free(s);
        CHECK_MSG(strstr(err, "huge.json: file is too large") && strstr(err, "17.0 MiB") &&
                      strstr(err, "the limit is 16 MiB"),
                  "%s", err);
        unlink(path);
    }

    snprintf(path, sizeof path, "%s/none.json", tmp);
    s = dat_scenario_load(path, err, sizeof err);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err, "none.json: cannot open: ") != NULL, "%s", err);

    s = dat_scenario_load(tmp, err, sizeof err);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err, ": is a folder, not a file") != NULL, "%s", err);

    /* the error buffer may be NULL or tiny */
    s = dat_scenario_load(BAD "negative_cash.json", NULL, 0);
    CHECK(s == NULL);
    char tiny[8];
    s = dat_scenario_load(BAD "negative_cash.json", tiny, sizeof tiny);
    CHECK(s == NULL && strlen(tiny) == 7);

    /* atomic write: replaces, leaves no temp file behind */
    snprintf(path, sizeof path, "%s/out.json", tmp);
    CHECK(dat_write_file_atomic(path, "{\"a\":1}\n", 8, err, sizeof err) == 0);
    CHECK(dat_write_file_atomic(path, "[]\n", 3, err, sizeof err) == 0);
    size_t len = 0;
    char *back = dat_read_file(path, 100, &len, err, sizeof err);
    CHECK(back && len == 3 && memcmp(back, "[]\n", 3) == 0);
    free(back);
    back = dat_read_file(path, 2, &len, err, sizeof err);
    CHECK(back == NULL && strstr(err, "too large"));
    CHECK(count_entries(tmp) == 1);
    snprintf(path, sizeof path, "%s/no/such/dir/out.json", tmp);
    CHECK(dat_write_file_atomic(path, "x", 1, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "out.json: cannot create a temporary file") != NULL, "%s", err);
}

/* ---------------------------------------------------------------------------------------------
 * Exact writing */

static void test_numbers(void)
{
    const double values[] = {0.0,     -0.0,     0.1,  0.1 + 0.2,   1.0 / 3.0,          1e-310,
                             DBL_MAX, -DBL_MIN, 1e21, 123456789.0, 9007199254740993.0, -2.5e-7,
                             630.0,   1e6};
    char buf[40];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        double v = values[i];
        CHECK(dat_fmt_double(buf, sizeof buf, v) == 0);
        double back = strtod(buf, NULL);
        CHECK_MSG(memcmp(&back, &v, sizeof v) == 0, "%.17g wrote %s", v, buf);
        /* the result must parse as JSON too */
        cJSON *j = cJSON_Parse(buf);
        CHECK_MSG(j && cJSON_IsNumber(j) && j->valuedouble == v, "%s", buf);
        cJSON_Delete(j);
    }
    CHECK(dat_fmt_double(buf, sizeof buf, 0.1) == 0 && strcmp(buf, "0.1") == 0);
    CHECK(dat_fmt_double(buf, sizeof buf, 0.1 + 0.2) == 0 &&
          strcmp(buf, "0.30000000000000004") == 0);
    CHECK(dat_fmt_double(buf, sizeof buf, NAN) == -1);
    CHECK(dat_fmt_double(buf, sizeof buf, INFINITY) == -1);

    DatBuf b;
    dat_buf_init(&b);
    dat_buf_string(&b, "a\"b\\c\n\x01 \xC3\xA9 \xFF");
    CHECK_MSG(b.data && strcmp(b.data, "\"a\\\"b\\\\c\\n\\u0001 \xC3\xA9 \xEF\xBF\xBD\"") == 0,
              "%s", b.data);
    dat_buf_puts(&b, ",");
    CHECK(dat_buf_double(&b, 2.5, "x") == 0);
    CHECK(dat_buf_double(&b, NAN, "turns[3].price") == -1);
    CHECK(b.failed && strstr(b.why, "turns[3].price is not a finite number"));
    CHECK(dat_buf_puts(&b, "more") == -1);
    dat_buf_free(&b);
}

int main(void)
{
    char err[512];
    minimal_text = dat_read_file(DATA "/minimal.json", 1 << 20, &minimal_len, err, sizeof err);
    CHECK_MSG(minimal_text != NULL, "%s", err);
    if (!minimal_text)
        TEST_END();

    const char *env = getenv("TMPDIR");
    char tmpl[1024];
    snprintf(tmpl, sizeof tmpl, "%s/test_dat_scenario.XXXXXX", env && *env ? env : "/tmp");
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);

    test_minimal();
    test_record_failure();
    test_bad_files();
    test_mutations();
    test_sensitivity_ranges();
    test_unterminated_buffer();
    test_misc_text();
    test_message_controls();
    if (dir)
        test_files(dir);
    test_numbers();
    test_playbook_params();
    test_checks_in_languages();

    if (dir)
        remove_tree(dir);
    free(minimal_text);
    TEST_END();
}
