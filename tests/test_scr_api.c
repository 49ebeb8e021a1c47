/* test_scr_api: the strategy API from a script's side, in synthetic worlds (sim_fixture.h).
 *
 * Scripts propose, accept, reject, counter and release, and the game records the deals they
 * meant; the view holds the world's figures; view tables are read-only but can be iterated;
 * memory persists across turns; on_event hears every event the engine tells; init runs once and
 * its failure costs the first turn; broken strategies are retired after three failures; two
 * games with the same scripts and seed are the same game; reasons come in either language or
 * both ({en = ..., zh = ...}, kept as "EN\x1fZH"), survive a save, and the game played with the
 * roles' playbooks is the same game whatever language it is shown in. */
#include "core_month.h"
#include "core_text.h"
#include "dat_save.h"
#include "dat_scenario.h"
#include "scr_api.h"
#include "scr_require.h"
#include "scr_strategy.h"
#include "sim_fixture.h"
#include "sim_native.h"
#include "sim_market.h"
#include "sim_pay.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"

#include <lauxlib.h>

#include <stdlib.h>
#include <string.h>

enum { HUB = FX_HUB, NVIDIA = 1, ORACLE = 2, MICROSOFT = 3 };

static SimScenario *scenario(int turns)
{
    SimScenario *sc = fx_scenario(3, turns);
    if (sc) {
        fx_quiet(sc);
        fx_rich(sc);
    }
    return sc;
}

static SimWorld *make_world(const SimScenario *sc, uint64_t seed)
{
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    CHECK_MSG(w != NULL, "world: %s", err);
    return w;
}

static int make(SimStrategy *s, const char *name, const char *src, const char *actor, uint64_t seed)
{
    char err[256] = "";
    int rc = scr_strategy_create(name, src, strlen(src), NULL, seed, actor, s, err, sizeof err);
    CHECK_MSG(rc == 0, "%s: %s", name, err);
    return rc;
}

static int attach(SimWorld *w, int i, const char *src)
{
    SimStrategy s;
    char name[64];
    snprintf(name, sizeof name, "%s.lua", w->sc->actors[i].id);
    if (make(&s, name, src, w->sc->actors[i].id, 99) < 0)
        return -1;
    sim_world_set_strategy(w, i, s);
    return 0;
}

static int play(SimWorld *w, int turns)
{
    char err[256] = "";
    int rc = w->turn == 0 ? sim_turn_start(w, err, sizeof err) : 0;
    CHECK_MSG(rc == 0, "start: %s", err);
    for (int k = 0; k < turns && rc == 0; k++) {
        rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "turn %d: %s", w->turn, err);
    }
    return rc;
}

static void print_messages(const SimStrategy *s, const char *who)
{
    int n = scr_strategy_message_count(s);
    for (int k = 0; k < n; k++) {
        ScrMessage m;
        scr_strategy_message(s, k, &m);
        fprintf(stderr, "  %s message: %s\n", who, m.text);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Reading view.memory from C (through the one protected call) */

typedef struct {
    const char *path;
    double num;
    char str[128];
    int type;
} MemRead;

static int read_path(lua_State *L)
{
    MemRead *r = lua_touserdata(L, 1);
    int ref = (int)lua_tointeger(L, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    char key[64];
    const char *p = r->path;
    while (*p && lua_type(L, -1) == LUA_TTABLE) {
        size_t n = strcspn(p, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        if (n > 0 && strspn(key, "0123456789") == n)
            lua_pushinteger(L, atoi(key));
        else
            lua_pushstring(L, key);
        lua_rawget(L, -2);
        lua_remove(L, -2);
        p += n + (p[n] == '.');
    }
    r->type = lua_type(L, -1);
    r->num = r->type == LUA_TNUMBER    ? lua_tonumber(L, -1)
             : r->type == LUA_TBOOLEAN ? (double)lua_toboolean(L, -1)
                                       : (double)NAN;
    core_strlcpy(r->str, r->type == LUA_TSTRING ? lua_tostring(L, -1) : "", sizeof r->str);
    return 0;
}

static MemRead mem(const SimStrategy *s, const char *path)
{
    MemRead r = {path, NAN, "", LUA_TNONE};
    lua_State *L;
    int ref = scr_strategy_memory_ref(s, &L);
    CHECK(ref != -1);
    if (ref == -1)
        return r;
    char err[256];
    lua_pushcfunction(L, read_path);
    lua_pushlightuserdata(L, &r);
    lua_pushinteger(L, ref);
    CHECK_MSG(scr_sandbox_call(scr_strategy_sandbox(s), 2, 0, err, sizeof err) == 0, "read: %s",
              err);
    return r;
}

static double memn(const SimStrategy *s, const char *path)
{
    return mem(s, path).num;
}

/* ---------------------------------------------------------------------------------------------
 * Deals made from Lua */

static const char hub_src[] =
    "return {\n"
    "  decide = function(view)\n"
    "    local out = {}\n"
    "    for _, o in ipairs(view.offers_to_me) do\n"
    "      if o.from == 'nvidia' then out[#out + 1] = accept(o.id, 'chips, yes')\n"
    "      elseif o.from == 'oracle' then out[#out + 1] = reject(o.id, 'not now')\n"
    "      elseif o.from == 'microsoft' and o.kind == 'equity' and o.amount > 15 then\n"
    "        out[#out + 1] = counter(o.id, {amount = o.amount / 2}, 'half of it')\n"
    "      elseif o.from == 'microsoft' then out[#out + 1] = accept(o.id, 'fine')\n"
    "      end\n"
    "    end\n"
    "    if view.turn == 6 then\n"
    "      out[#out + 1] = build{amount = 4, months = 4, gw = 0.4, reason = 'our own'}\n"
    "    end\n"
    "    return out\n"
    "  end,\n"
    "}\n";

static const char nvidia_src[] =
    "return {decide = function(view)\n"
    "  if view.turn == 0 then\n"
    "    return {lease{to = view.hub, amount = 12, months = 12, gw = 1.2, reason = 'GPUs'}}\n"
    "  end\n"
    "end}\n";

static const char oracle_src[] =
    "return {decide = function(view)\n"
    "  if view.turn == 0 then return cloud{to = 'openai', amount = 30, months = 24} end\n"
    "end}\n";

static const char microsoft_src[] =
    "return {decide = function(view)\n"
    "  local out = {}\n"
    "  if view.turn == 0 then\n"
    "    out[1] = propose{to = 'openai', kind = 'exclusivity', months = 60, reason = 'ours'}\n"
    "  elseif view.turn == 2 then\n"
    "    out[1] = invest{to = 'openai', amount = 20, months = 4, reason = 'a stake'}\n"
    "  end\n"
    "  for _, o in ipairs(view.offers_to_me) do\n"
    "    out[#out + 1] = accept(o.id, 'agreed')\n"
    "  end\n"
    "  if view.turn == 5 then\n"
    "    for _, d in ipairs(view.deals) do\n"
    "      if d.kind == 'exclusivity' then out[#out + 1] = release(d.id, 'let it go') end\n"
    "    end\n"
    "  end\n"
    "  return out\n"
    "end}\n";

static const SimDeal *find_deal(const SimWorld *w, SimDealKind kind, int proposer)
{
    for (int k = 0; k < w->n_deals; k++)
        if (w->deals[k].t.kind == kind && w->deals[k].proposer == proposer)
            return &w->deals[k];
    return NULL;
}

static void test_deals(void)
{
    SimScenario *sc = scenario(12);
    SimWorld *w = sc ? make_world(sc, 5) : NULL;
    if (!w || attach(w, HUB, hub_src) || attach(w, NVIDIA, nvidia_src) ||
        attach(w, ORACLE, oracle_src) || attach(w, MICROSOFT, microsoft_src)) {
        sim_world_destroy(w);
        sim_scenario_free(sc);
        return;
    }
    play(w, 8);
    const SimDeal *lease = find_deal(w, SIM_DEAL_CHIP_LEASE, NVIDIA);
    CHECK(lease && lease->t.payer == HUB && lease->t.payee == NVIDIA && lease->t.amount == 12.0 &&
          lease->t.months == 12 && lease->t.gw == 1.2 && strcmp(lease->reason, "GPUs") == 0 &&
          strcmp(lease->answer, "chips, yes") == 0 && lease->decided_turn == 1 &&
          (lease->status == SIM_DS_ANNOUNCED || lease->status == SIM_DS_DELIVERING));
    const SimDeal *cloud = find_deal(w, SIM_DEAL_COMPUTE, ORACLE);
    CHECK(cloud && cloud->status == SIM_DS_REJECTED && cloud->t.payer == HUB &&
          cloud->t.payee == ORACLE && cloud->t.months == 24 &&
          strcmp(cloud->answer, "not now") == 0);
    const SimDeal *excl = find_deal(w, SIM_DEAL_EXCLUSIVITY, MICROSOFT);
    CHECK(excl && excl->t.payer == HUB && excl->t.payee == MICROSOFT &&
          excl->status == SIM_DS_RELEASED && excl->end_turn == 5 &&
          strcmp(excl->answer, "let it go") == 0);
    const SimDeal *stake = find_deal(w, SIM_DEAL_EQUITY, MICROSOFT);
    CHECK(stake && stake->status == SIM_DS_COUNTERED && stake->t.amount == 20.0 &&
          stake->t.payer == MICROSOFT && stake->t.payee == HUB);
    const SimDeal *half = find_deal(w, SIM_DEAL_EQUITY, HUB);
    CHECK(half && stake && half->parent == stake->id && half->t.amount == 10.0 &&
          half->t.months == 4 && half->t.payer == MICROSOFT && half->t.payee == HUB);
    CHECK_MSG(half && strcmp(half->reason, "half of it") == 0 &&
                  strcmp(half->answer, "agreed") == 0 && half->decided_turn == 4 &&
                  (sim_deal_is_live(half) || half->status == SIM_DS_COMPLETED),
              "counter: reason %s answer %s decided %d status %s", half ? half->reason : "",
              half ? half->answer : "", half ? half->decided_turn : -1,
              half ? sim_deal_status_name(half->status) : "");
    const SimDeal *build = find_deal(w, SIM_DEAL_BUILD, HUB);
    CHECK(build && build->t.payee == SIM_WORLD && build->t.amount == 4.0 &&
          build->decided_turn == 6 && strcmp(build->reason, "our own") == 0);
    CHECK(fx_count_events(w, SIM_LOG_DROPPED, -2, -1) == 0);
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, -2, -1) == 0);
    for (int i = 0; i < w->n; i++) {
        ScrStats st;
        CHECK(scr_strategy_stats(&w->actors[i].strategy, &st) == 0);
        CHECK_MSG(st.dropped == 0 && st.failures == 0, "%s: %d dropped, %d failed",
                  w->sc->actors[i].id, st.dropped, st.failures);
        if (st.dropped || st.failures)
            print_messages(&w->actors[i].strategy, w->sc->actors[i].id);
        CHECK(st.calls == 1 + 8); /* the main chunk, then one decide a turn */
        CHECK(st.memory > 0 && st.memory < ((size_t)1 << 20));
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* ---------------------------------------------------------------------------------------------
 * Reasons in English and Chinese */

static const char lang_hub_src[] =
    "return {decide = function(view)\n"
    "  local out = {}\n"
    "  for _, o in ipairs(view.offers_to_me) do\n"
    "    if o.from == 'nvidia' then\n"
    "      out[#out + 1] = accept(o.id, {en = 'chips, yes', zh = '芯片，要了'})\n"
    "    elseif o.from == 'oracle' then\n"
    "      out[#out + 1] = reject(o.id, {zh = '现在不行'})\n"
    "    else\n"
    "      view.memory.heard = o.reason\n"
    "      out[#out + 1] = counter(o.id, {amount = o.amount / 2}, o.reason)\n"
    "    end\n"
    "  end\n"
    "  return out\n"
    "end}\n";

static const char lang_nvidia_src[] =
    "return {decide = function(view)\n"
    "  if view.turn == 0 then\n"
    "    return lease{to = view.hub, amount = 12, months = 12, gw = 1.2,\n"
    "                 reason = {en = 'GPUs', zh = '显卡'}}\n"
    "  end\n"
    "end}\n";

static const char lang_oracle_src[] =
    "return {decide = function(view)\n"
    "  if view.turn == 0 then\n"
    "    return cloud{to = 'openai', amount = 30, months = 24, reason = '算力管够'}\n"
    "  end\n"
    "end}\n";

static const char lang_microsoft_src[] =
    "return {decide = function(view)\n"
    "  if view.turn == 0 then\n"
    "    return invest{to = 'openai', amount = 20, months = 4,\n"
    "                  reason = {en = 'a stake\\31 in you', zh = '入股'}}\n"
    "  end\n"
    "end}\n";

/* The reader's part of a stored text, in the language in use. */
static const char *pick(const char *text)
{
    static char buf[SIM_REASON_LEN];
    return core_text_pick(text, buf, sizeof buf);
}

static void test_reason_languages(void)
{
    SimScenario *sc = scenario(6);
    SimWorld *w = sc ? make_world(sc, 5) : NULL;
    if (!w || attach(w, HUB, lang_hub_src) || attach(w, NVIDIA, lang_nvidia_src) ||
        attach(w, ORACLE, lang_oracle_src) || attach(w, MICROSOFT, lang_microsoft_src)) {
        sim_world_destroy(w);
        sim_scenario_free(sc);
        return;
    }
    play(w, 3);
    CHECK(fx_count_events(w, SIM_LOG_DROPPED, -2, -1) == 0);
    const SimDeal *lease = find_deal(w, SIM_DEAL_CHIP_LEASE, NVIDIA);
    CHECK(lease && strcmp(lease->reason, "GPUs\x1f显卡") == 0 &&
          strcmp(lease->answer, "chips, yes\x1f芯片，要了") == 0);
    /* A table with one language only is kept as a plain text; a Chinese string passes as is. */
    const SimDeal *cloud = find_deal(w, SIM_DEAL_COMPUTE, ORACLE);
    CHECK(cloud && strcmp(cloud->reason, "算力管够") == 0 &&
          strcmp(cloud->answer, "现在不行") == 0);
    /* A separator inside a part becomes a space; the view gives a reason back with both parts,
     * and a script may pass it on as its own reason. */
    const SimDeal *stake = find_deal(w, SIM_DEAL_EQUITY, MICROSOFT);
    const SimDeal *half = find_deal(w, SIM_DEAL_EQUITY, HUB);
    CHECK(stake && strcmp(stake->reason, "a stake  in you\x1f入股") == 0);
    CHECK(half && strcmp(half->reason, "a stake  in you\x1f入股") == 0);
    CHECK(strcmp(mem(&w->actors[HUB].strategy, "heard").str, "a stake  in you\x1f入股") == 0);
    /* The proposed event tells the reason as kept. */
    int told = 0;
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_PROPOSED && w->events[k].deal == (lease ? lease->id : -2))
            told = strcmp(w->events[k].text, "GPUs\x1f显卡") == 0;
    CHECK(told);
    /* A reader sees its language's part. */
    test_lang_use(CORE_LANG_EN);
    CHECK(lease && strcmp(pick(lease->reason), "GPUs") == 0);
    CHECK(lease && strcmp(pick(lease->answer), "chips, yes") == 0);
    CHECK(cloud && strcmp(pick(cloud->reason), "算力管够") == 0);
    test_lang_use(CORE_LANG_ZH);
    CHECK(lease && strcmp(pick(lease->reason), "显卡") == 0);
    CHECK(lease && strcmp(pick(lease->answer), "芯片，要了") == 0);
    CHECK(stake && strcmp(pick(stake->reason), "入股") == 0);
    test_lang_use(CORE_LANG_EN);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* Whether s is valid UTF-8 (no character cut). */
static int utf8_whole(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int k = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : 3;
        p++;
        for (int j = 0; j < k; j++, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* Bad reasons drop their intent with a message naming the script's line; long ones are cut. */
static const char reasons_src[] =
    "local long_zh = string.rep('长', 140)\n" /* 420 bytes */
    "return {decide = function(view)\n"
    "  return {\n"
    "    build{amount = 1, months = 2, reason = 42},\n"                    /* line 4 */
    "    build{amount = 1, months = 2, reason = {en = 'x', fr = 'y'}},\n"  /* line 5 */
    "    build{amount = 1, months = 2, reason = {en = 'x', zh = true}},\n" /* line 6 */
    "    build{amount = 1, months = 2, reason = {'yes', '是'}},\n"         /* line 7 */
    "    pass(function() end),\n"                                          /* line 8 */
    "    build{amount = 1, months = 2, reason = {en = string.rep('e', 200), zh = long_zh}},\n"
    "    build{amount = 1, months = 2, reason = {en = 'short', zh = long_zh}},\n"
    "    build{amount = 1, months = 2, reason = long_zh},\n"
    "    build{amount = 1, months = 2, reason = {}},\n"
    "  }\n"
    "end}\n";

static void test_reason_errors(void)
{
    SimScenario *sc = scenario(6);
    SimWorld *w = sc ? make_world(sc, 5) : NULL;
    SimStrategy s;
    if (!w || make(&s, "r.lua", reasons_src, "nvidia", 1) < 0) {
        sim_world_destroy(w);
        sim_scenario_free(sc);
        return;
    }
    SimView v = {w, NVIDIA};
    SimIntentList l;
    memset(&l, 0, sizeof l);
    char err[SIM_REASON_LEN] = "";
    CHECK_MSG(s.decide(s.self, &v, &l, err, sizeof err) == 0, "decide: %s", err);
    static const char *const want[] = {
        "r.lua:4: propose dropped: reason: expected a string or a table {en=..., zh=...}, got "
        "number",
        "r.lua:5: propose dropped: reason: unknown language 'fr' (a reason table takes en and zh)",
        "r.lua:6: propose dropped: reason.zh: expected a string, got boolean",
        "r.lua:7: propose dropped: reason: a table's keys must be en and zh, not a number",
        "r.lua:8: pass dropped: reason: expected a string or a table {en=..., zh=...}, got "
        "function",
    };
    int n = scr_strategy_message_count(&s);
    CHECK_MSG(n == 5, "%d messages", n);
    for (int k = 0; k < n && k < 5; k++) {
        ScrMessage m;
        scr_strategy_message(&s, k, &m);
        CHECK_MSG(strcmp(m.text, want[k]) == 0, "message %d: %s", k, m.text);
    }
    CHECK_MSG(l.n == 4, "%d intents", l.n);
    if (l.n == 4) {
        /* Both long: half the room each (159 bytes: 53 Chinese characters). */
        const char *r = l.v[0].reason, *sep = strchr(r, CORE_TEXT_SEP);
        CHECK(sep && sep - r == 159 && strlen(sep + 1) == 159 && utf8_whole(r));
        /* A short part keeps all of it, the other takes the rest, cut at a character. */
        r = l.v[1].reason;
        sep = strchr(r, CORE_TEXT_SEP);
        CHECK(sep && sep - r == 5 && strlen(sep + 1) == 312 && utf8_whole(r));
        /* A plain string is cut at a character within 319 bytes. */
        CHECK(strlen(l.v[2].reason) == 318 && utf8_whole(l.v[2].reason));
        CHECK(strcmp(l.v[3].reason, "") == 0);
        for (int k = 0; k < 4; k++)
            CHECK(strlen(l.v[k].reason) <= SCR_REASON_MAX);
    }
    sim_strategy_destroy(&s);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* ---------------------------------------------------------------------------------------------
 * The 2025 scenario with the roles' playbooks */

/* The 2025 scenario with every actor on its playbook, or NULL. *text gets the scenario file. */
static SimWorld *playbook_world(uint64_t seed, SimScenario **sc, char **text, size_t *len)
{
    char err[512] = "", path[4096];
    *text = dat_read_file(CL_SCENARIO, (size_t)1 << 24, len, err, sizeof err);
    *sc = *text ? dat_scenario_parse(*text, *len, CL_SCENARIO, err, sizeof err) : NULL;
    CHECK_MSG(*sc != NULL, "scenario: %s", err);
    SimWorld *w = *sc ? make_world(*sc, seed) : NULL;
    snprintf(path, sizeof path, "%s/../../scripts/lib", CL_LANGDIR); /* what they require */
    scr_require_set_dir(path);
    for (int i = 0; w && i < w->n; i++) {
        /* CL_LANGDIR is SOURCE/assets/lang: the playbooks are in SOURCE/scripts/strategies. */
        snprintf(path, sizeof path, "%s/../../scripts/strategies/%s", CL_LANGDIR,
                 w->sc->actors[i].playbook);
        size_t n;
        char *src = dat_read_file(path, (size_t)1 << 20, &n, err, sizeof err);
        CHECK_MSG(src != NULL, "%s", err);
        SimStrategy s;
        if (src && scr_strategy_create(path, src, n, NULL, seed, w->sc->actors[i].id, &s, err,
                                       sizeof err) == 0)
            sim_world_set_strategy(w, i, s);
        else
            CHECK_MSG(0, "%s: %s", path, err);
        free(src);
    }
    return w;
}

/* Whether a text holds a reason in two languages. */
static int two_parts(const char *s)
{
    const char *sep = strchr(s, CORE_TEXT_SEP);
    return sep && sep > s && sep[1] && !strchr(sep + 1, CORE_TEXT_SEP);
}

static uint64_t playbook_game(CoreLang lang, int *both)
{
    test_lang_use(lang);
    SimScenario *sc;
    char *text, err[256] = "";
    size_t len;
    uint64_t h = 0;
    SimWorld *w = playbook_world(11, &sc, &text, &len);
    if (w) {
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        CHECK_MSG(sim_turn_run(w, -1, err, sizeof err) >= 0, "%s", err);
        h = sim_world_hash(w);
        *both = 0;
        for (int k = 0; k < w->n_deals; k++)
            *both += two_parts(w->deals[k].reason) + two_parts(w->deals[k].answer);
        CHECK(fx_count_events(w, SIM_LOG_DROPPED, -2, -1) == 0);
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
    free(text);
    test_lang_use(CORE_LANG_EN);
    return h;
}

/* The game is the same whatever language it is shown in, and the playbooks' reasons are in
 * both. */
static void test_playbooks_any_language(void)
{
    int both_en = 0, both_zh = 0;
    uint64_t en = playbook_game(CORE_LANG_EN, &both_en), zh = playbook_game(CORE_LANG_ZH, &both_zh);
    CHECK_MSG(en != 0 && en == zh, "end state %016llx in English, %016llx in Chinese",
              (unsigned long long)en, (unsigned long long)zh);
    CHECK_MSG(both_en >= 10 && both_en == both_zh, "%d and %d reasons in two languages", both_en,
              both_zh);
}

/* A save of a game with reasons in two languages loads back with both parts. */
static void test_reason_save(void)
{
    SimScenario *sc;
    char *text, err[512] = "";
    size_t len;
    SimWorld *w = playbook_world(3, &sc, &text, &len);
    DatSeat *seats = w ? calloc((size_t)w->n, sizeof *seats) : NULL;
    if (!seats) {
        sim_world_destroy(w);
        sim_scenario_free(sc);
        free(text);
        return;
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    for (int k = 0; k < 40; k++)
        CHECK_MSG(sim_turn_step(w, err, sizeof err) >= 0, "%s", err);
    for (int i = 0; i < w->n; i++) {
        core_strlcpy(seats[i].role, w->sc->actors[i].id, sizeof seats[i].role);
        core_strlcpy(seats[i].choice, "passive", sizeof seats[i].choice);
        core_strlcpy(seats[i].plays, "passive", sizeof seats[i].plays);
    }
    DatSave save = {.program = "test_scr_api",
                    .scenario_path = CL_SCENARIO,
                    .scenario_text = text,
                    .scenario_len = len,
                    .scenario_hash = core_fnv1a(CORE_FNV_OFFSET, text, len),
                    .world = w,
                    .seats = seats};
    size_t n = 0;
    char *json = dat_save_text(&save, &n, err, sizeof err);
    CHECK_MSG(json != NULL, "save: %s", err);
    CHECK(json && strstr(json, "\\u001f") != NULL);
    DatSave back;
    memset(&back, 0, sizeof back);
    int rc = json ? dat_save_parse(json, n, "save", &back, err, sizeof err) : -1;
    CHECK_MSG(rc == 0, "load: %s", err);
    if (rc == 0) {
        const SimWorld *b = back.world;
        int both = 0, same = b->n_deals == w->n_deals && b->n_events == w->n_events;
        for (int k = 0; same && k < w->n_deals; k++) {
            same = strcmp(b->deals[k].reason, w->deals[k].reason) == 0 &&
                   strcmp(b->deals[k].answer, w->deals[k].answer) == 0;
            both += two_parts(b->deals[k].reason) + two_parts(b->deals[k].answer);
        }
        for (int k = 0; same && k < w->n_events; k++)
            same = strcmp(b->events[k].text, w->events[k].text) == 0;
        CHECK(same);
        CHECK_MSG(both >= 5, "%d reasons in two languages", both);
        CHECK(sim_world_hash(b) == sim_world_hash(w));
    }
    dat_save_free(&back);
    free(json);
    free(seats);
    sim_world_destroy(w);
    sim_scenario_free(sc);
    free(text);
}

/* ---------------------------------------------------------------------------------------------
 * The view holds the world's figures */

static const char view_src[] =
    "local function copy(t, keys)\n"
    "  local o = {}\n"
    "  for _, k in ipairs(keys) do o[k] = t[k] end\n"
    "  return o\n"
    "end\n"
    "local fields = {'cash', 'debt', 'credit_limit', 'revenue', 'growth', 'shares', 'price',\n"
    "  'market_value', 'compute_owned', 'compute_contracted', 'exposure', 'obligations',\n"
    "  'due_12m', 'circularity', 'threat', 'fomo', 'joined', 'defaulted', 'capex_budget',\n"
    "  'index', 'id', 'role', 'last_deal'}\n"
    "return {decide = function(view)\n"
    "  local m = view.memory\n"
    "  m.len_self = #view.self -- (# of a record must not freeze it)\n"
    "  m.turn, m.month, m.me, m.hub = view.turn, view.month, view.me, view.hub\n"
    "  m.sentiment, m.leverage, m.target_gw = view.sentiment, view.leverage, view.target_gw\n"
    "  m.turns, m.start = view.turns, view.start\n"
    "  m.self = copy(view.self, fields)\n"
    "  m.hubrec = copy(view.actors[view.hub], fields)\n"
    "  m.n_actors, m.n_offers, m.n_mine, m.n_deals = #view.actors, #view.offers_to_me,\n"
    "    #view.my_offers, #view.deals\n"
    "  m.same_self = rawequal(view.self, view.actors[view.me]) and\n"
    "    rawequal(view.self, view.actors[view.self.index])\n"
    "  m.fomo_weight, m.params_kind = view.params.fomo_weight, view.params.kind\n"
    "  local series = view.prices[view.me]\n"
    "  m.n_prices, m.last_price = #series, series[#series]\n"
    "  m.n_calendar = #view.calendar\n"
    "  m.jump = expected_jump(view.me, 10, true)\n"
    "  m.exposure_fn = exposure(view.me, view.hub)\n"
    "  m.fomo_fn = fomo(view.me)\n"
    "  m.obligations_fn = obligations(view.me, 12)\n"
    "  m.room = funding_room(view.hub)\n"
    "  local n = 0 for k, v in pairs(view.self) do n = n + 1 end\n"
    "  m.self_fields = n\n"
    "  local keys = {} for k in pairs(view.actors) do keys[#keys + 1] = tostring(k) end\n"
    "  m.actor_keys = table.concat(keys, ',')\n"
    "  local offer = view.offers_to_me[1]\n"
    "  if offer then\n"
    "    m.offer = copy(offer, {'id', 'from', 'to', 'kind', 'payer', 'payee', 'amount',\n"
    "      'months', 'status', 'reason', 'size'})\n"
    "    local s = deal_size(lend{to = view.hub, amount = 7, months = 3})\n"
    "    m.size7 = s\n"
    "  end\n"
    "  local ok, why = check(lend{to = view.hub, amount = 1e5, months = 3})\n"
    "  m.check_ok, m.check_why = ok == true, why\n"
    "  ok, why = check(invest{to = view.hub, amount = 1e6, months = 60, delay = 12})\n"
    "  m.issue_ok, m.issue_why = ok == true, why\n"
    "  m.news_n = #view.news\n"
    "  local last = view.news[#view.news]\n"
    "  if last then m.news_last = copy(last, {'index', 'turn', 'kind', 'actor', 'text'}) end\n"
    "  return {}\n"
    "end}\n";

static void check_actor_copy(const SimStrategy *s, const SimWorld *w, const char *rec, int i)
{
    char p[64];
    const SimActor *a = &w->actors[i];
    int hub = w->sc->hub;
    struct {
        const char *f;
        double v;
    } want[] = {
        {"cash", sim_cash(w, i)},
        {"debt", a->debt},
        {"credit_limit", sim_pay_credit_limit(w, i)}, /* the hub's is set by the market */
        {"revenue", a->revenue},
        {"growth", a->growth},
        {"shares", a->shares},
        {"price", a->price},
        {"market_value", sim_market_value(w, i)},
        {"compute_owned", a->compute_owned},
        {"compute_contracted", a->compute_contracted},
        {"exposure", i == hub ? 0.0 : sim_exposure(w, i, hub)},
        {"obligations", sim_obligations(w, i, -1)},
        {"due_12m", sim_obligations(w, i, 12)},
        {"threat", a->threat},
        {"fomo", sim_market_fomo(w, i)},
        {"joined", a->joined},
        {"defaulted", a->defaulted},
        {"capex_budget", w->sc->actors[i].capex_budget},
        {"index", i + 1},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        snprintf(p, sizeof p, "%s.%s", rec, want[k].f);
        double got = memn(s, p);
        CHECK_MSG(fabs(got - want[k].v) <= 1e-9 * (1.0 + fabs(want[k].v)),
                  "%s: view %.17g, world %.17g", p, got, want[k].v);
    }
    snprintf(p, sizeof p, "%s.id", rec);
    CHECK(strcmp(mem(s, p).str, w->sc->actors[i].id) == 0);
    snprintf(p, sizeof p, "%s.last_deal", rec);
    MemRead ld = mem(s, p);
    if (a->last_deal_turn < 0)
        CHECK(ld.type == LUA_TNIL);
    else
        CHECK(ld.type == LUA_TNUMBER && ld.num == a->last_deal_turn);
}

static void test_view(void)
{
    SimScenario *sc = scenario(24);
    SimWorld *w = sc ? make_world(sc, 8) : NULL;
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    /* The other actors play the native baseline; Oracle's view is checked turn by turn, its
     * decide called by hand on the world as the engine would see it. */
    for (int i = 0; i < w->n; i++) {
        SimStrategy b;
        sim_strategy_native("baseline", &b);
        sim_world_set_strategy(w, i, b);
    }
    FxScript *ora = fx_script(w, ORACLE);
    fx_propose(ora, 1, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 40.0, 24));
    FxScript *hubs = fx_script(w, HUB);
    fx_propose(hubs, 3, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 25.0, 12));
    fx_answer(hubs, 2, SIM_INTENT_ACCEPT, FX_OPEN);
    SimStrategy lua;
    if (make(&lua, "view.lua", view_src, "oracle", 1) < 0) {
        sim_world_destroy(w);
        sim_scenario_free(sc);
        return;
    }
    for (int turn = 0; turn < 8; turn++) {
        SimView v = {w, ORACLE};
        SimIntentList l;
        memset(&l, 0, sizeof l);
        char err[SIM_REASON_LEN] = "";
        CHECK_MSG(lua.decide(lua.self, &v, &l, err, sizeof err) == 0, "turn %d: %s", turn, err);
        if (turn == 0)
            print_messages(&lua, "view");
        CHECK(memn(&lua, "turn") == turn);
        char month[16];
        core_month_format(w->sc->start + turn, month, sizeof month);
        CHECK_MSG(strcmp(mem(&lua, "month").str, month) == 0, "month %s", mem(&lua, "month").str);
        CHECK(strcmp(mem(&lua, "me").str, "oracle") == 0);
        CHECK(strcmp(mem(&lua, "hub").str, "openai") == 0);
        CHECK(strcmp(mem(&lua, "start").str, "2025-01") == 0);
        CHECK(memn(&lua, "turns") == w->turns);
        CHECK_NEAR(memn(&lua, "sentiment"), sim_market_sentiment(w), 0.0);
        CHECK_NEAR(memn(&lua, "leverage"), w->info[w->turn].leverage, 0.0);
        CHECK_NEAR(memn(&lua, "target_gw"), w->sc->target_gw, 0.0);
        check_actor_copy(&lua, w, "self", ORACLE);
        check_actor_copy(&lua, w, "hubrec", HUB);
        CHECK(memn(&lua, "same_self") == 1.0);
        CHECK(memn(&lua, "n_actors") == w->n);
        int offers = 0, mine = 0, live = 0;
        for (int k = 0; k < w->n_deals; k++) {
            const SimDeal *d = &w->deals[k];
            int party = d->t.payer == ORACLE || d->t.payee == ORACLE;
            offers += d->status == SIM_DS_PROPOSED && party && d->proposer != ORACLE;
            mine += d->status == SIM_DS_PROPOSED && d->proposer == ORACLE;
            live += sim_deal_is_live(d) && party;
        }
        CHECK_MSG(memn(&lua, "n_offers") == offers && memn(&lua, "n_mine") == mine &&
                      memn(&lua, "n_deals") == live,
                  "turn %d: lists %g %g %g, world %d %d %d", turn, memn(&lua, "n_offers"),
                  memn(&lua, "n_mine"), memn(&lua, "n_deals"), offers, mine, live);
        CHECK(memn(&lua, "fomo_weight") == w->sc->actors[ORACLE].baseline.fomo_weight);
        CHECK(strcmp(mem(&lua, "params_kind").str, "compute") == 0);
        CHECK(memn(&lua, "n_prices") == (turn + 1 < SCR_PRICES_MAX ? turn + 1 : SCR_PRICES_MAX));
        CHECK_NEAR(memn(&lua, "last_price"), sim_market_value(w, ORACLE), 1e-9);
        CHECK(memn(&lua, "n_calendar") == 0);
        CHECK_NEAR(memn(&lua, "jump"), sim_market_expected_jump(w, ORACLE, 10.0, 1), 0.0);
        CHECK_NEAR(memn(&lua, "exposure_fn"), sim_exposure(w, ORACLE, HUB), 0.0);
        CHECK_NEAR(memn(&lua, "fomo_fn"), sim_market_fomo(w, ORACLE), 0.0);
        CHECK_NEAR(memn(&lua, "obligations_fn"), sim_obligations(w, ORACLE, 12), 0.0);
        CHECK(memn(&lua, "self_fields") >= 20);
        CHECK_MSG(strcmp(mem(&lua, "actor_keys").str, "1,2,3,4,microsoft,nvidia,openai,oracle") ==
                      0,
                  "pairs(view.actors): %s", mem(&lua, "actor_keys").str);
        CHECK_MSG(memn(&lua, "check_ok") == 0.0 &&
                      strstr(mem(&lua, "check_why").str, "larger than the whole company"),
                  "%s", mem(&lua, "check_why").str);
        /* The case: a quadrillion dollars a year out is refused, and says why. */
        CHECK_MSG(memn(&lua, "issue_ok") == 0.0 &&
                      strstr(mem(&lua, "issue_why").str,
                             "larger than the whole company: Oracle would commit $1000000B"),
                  "%s", mem(&lua, "issue_why").str);
        if (offers > 0) {
            const SimDeal *d = NULL;
            for (int k = 0; k < w->n_deals && !d; k++)
                if (w->deals[k].status == SIM_DS_PROPOSED && w->deals[k].proposer != ORACLE &&
                    (w->deals[k].t.payer == ORACLE || w->deals[k].t.payee == ORACLE))
                    d = &w->deals[k];
            CHECK(d && memn(&lua, "offer.id") == d->id);
            CHECK(d && memn(&lua, "offer.amount") == d->t.amount);
            CHECK(d && memn(&lua, "offer.months") == d->t.months);
            CHECK(strcmp(mem(&lua, "offer.from").str, "openai") == 0);
            CHECK(strcmp(mem(&lua, "offer.to").str, "oracle") == 0);
            CHECK(strcmp(mem(&lua, "offer.payer").str, "openai") == 0);
            CHECK(strcmp(mem(&lua, "offer.kind").str, "compute") == 0);
            CHECK(strcmp(mem(&lua, "offer.status").str, "proposed") == 0);
            CHECK(d && memn(&lua, "offer.size") == sim_market_deal_size(w, d));
            CHECK(memn(&lua, "size7") == 7.0);
        }
        int news = 0, last = -1;
        for (int k = 0; k < w->n_events; k++) {
            const SimEvent *e = &w->events[k];
            int priv = e->kind == SIM_LOG_PROPOSED || e->kind == SIM_LOG_COUNTERED ||
                       e->kind == SIM_LOG_REJECTED || e->kind == SIM_LOG_EXPIRED ||
                       e->kind == SIM_LOG_DROPPED || e->kind == SIM_LOG_STRATEGY_ERROR;
            int involved =
                e->actor == ORACLE || (e->kind != SIM_LOG_COUNTERED && e->other == ORACLE) ||
                (e->deal >= 0 &&
                 (w->deals[e->deal].t.payer == ORACLE || w->deals[e->deal].t.payee == ORACLE));
            if (!priv || involved) {
                news++;
                last = k;
            }
        }
        CHECK_MSG(memn(&lua, "news_n") == (news < SCR_NEWS_MAX ? news : SCR_NEWS_MAX),
                  "turn %d: %g news, %d visible", turn, memn(&lua, "news_n"), news);
        if (last >= 0) {
            CHECK(memn(&lua, "news_last.index") == last);
            CHECK(memn(&lua, "news_last.turn") == w->events[last].turn);
            CHECK(strcmp(mem(&lua, "news_last.kind").str,
                         sim_log_kind_name(w->events[last].kind)) == 0);
        }
        play(w, 1);
    }
    ScrStats st;
    CHECK(scr_strategy_stats(&lua, &st) == 0 && st.calls == 9 && st.failures == 0 &&
          st.instructions > 0 && st.instructions_max >= st.instructions);
    sim_strategy_destroy(&lua);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* view.params.playbook: the scenario's playbook parameters for this role, read-only; whole
 * numbers come as integers; a role the scenario sets none for sees an empty table. */
static const char playbook_src[] = "return {decide = function(view)\n"
                                   "  local m, pb = view.memory, view.params.playbook\n"
                                   "  m.invest, m.invest_type = pb.invest, math.type(pb.invest)\n"
                                   "  m.rate, m.on, m.off = pb.rate, pb.on, pb.off\n"
                                   "  local n = 0 for _ in pairs(pb) do n = n + 1 end\n"
                                   "  m.n = n\n"
                                   "  m.read_only = not pcall(function() pb.invest = 1 end)\n"
                                   "  return {}\n"
                                   "end}\n";

static void test_playbook_params(void)
{
    SimScenario *sc = scenario(24);
    if (!sc)
        return;
    static const SimPlaybookParam set[] = {
        {"invest", 0, 0.0}, {"rate", 0, 1.5}, {"on", 1, 1.0}, {"off", 1, 0.0}};
    for (int k = 0; k < 4; k++)
        sc->actors[ORACLE].playbook_params[k] = set[k];
    sc->actors[ORACLE].n_playbook_params = 4;
    SimWorld *w = make_world(sc, 8);
    SimStrategy lua[2];
    int who[2] = {ORACLE, HUB};
    const char *ids[2] = {"oracle", "openai"};
    for (int x = 0; w && x < 2; x++) {
        if (make(&lua[x], "pb.lua", playbook_src, ids[x], 1) < 0)
            continue;
        SimView v = {w, who[x]};
        SimIntentList l;
        memset(&l, 0, sizeof l);
        char err[SIM_REASON_LEN] = "";
        CHECK_MSG(lua[x].decide(lua[x].self, &v, &l, err, sizeof err) == 0, "%s: %s", ids[x], err);
        if (x == 0) {
            CHECK(memn(&lua[x], "invest") == 0.0);
            CHECK(strcmp(mem(&lua[x], "invest_type").str, "integer") == 0);
            CHECK(memn(&lua[x], "rate") == 1.5);
            CHECK(mem(&lua[x], "on").type == LUA_TBOOLEAN && memn(&lua[x], "on") == 1.0);
            CHECK(mem(&lua[x], "off").type == LUA_TBOOLEAN && memn(&lua[x], "off") == 0.0);
            CHECK(memn(&lua[x], "n") == 4.0);
        } else {
            CHECK(mem(&lua[x], "invest").type == LUA_TNIL);
            CHECK(memn(&lua[x], "n") == 0.0);
        }
        CHECK(mem(&lua[x], "read_only").type == LUA_TBOOLEAN && memn(&lua[x], "read_only") == 1.0);
        sim_strategy_destroy(&lua[x]);
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* ---------------------------------------------------------------------------------------------
 * Memory, init, on_event */

static const char memory_src[] =
    "local inits = 0\n"
    "return {\n"
    "  init = function(view)\n"
    "    inits = inits + 1\n"
    "    view.memory.inits = inits\n"
    "    view.memory.decides = 0\n"
    "    view.memory.events = 0\n"
    "    view.memory.kinds = {}\n"
    "    view.memory.seen = {}\n"
    "  end,\n"
    "  decide = function(view)\n"
    "    local m = view.memory\n"
    "    m.decides = m.decides + 1\n"
    "    m.history = m.history or {}\n"
    "    m.history[#m.history + 1] = {turn = view.turn, cash = view.self.cash}\n"
    "    if view.turn == 0 then return {build{amount = 2, months = 2, gw = 0.1}} end\n"
    "  end,\n"
    "  on_event = function(view, ev)\n"
    "    local m = view.memory\n"
    "    m.events = m.events + 1\n"
    "    m.kinds[ev.kind] = (m.kinds[ev.kind] or 0) + 1\n"
    "    assert(ev.actor == view.me or ev.other == view.me or ev.deal ~= nil, 'not mine')\n"
    "    assert(ev.turn == view.turn - 1, 'events come after their turn')\n"
    "    m.seen[#m.seen + 1] = ev.index\n"
    "  end,\n"
    "}\n";

static void test_memory_and_events(void)
{
    SimScenario *sc = scenario(12);
    SimWorld *w = sc ? make_world(sc, 2) : NULL;
    if (!w || attach(w, NVIDIA, memory_src)) {
        sim_world_destroy(w);
        sim_scenario_free(sc);
        return;
    }
    FxScript *hub = fx_script(w, HUB);
    fx_propose(hub, 1, fx_terms(SIM_DEAL_CHIP_LEASE, HUB, NVIDIA, 10.0, 6));
    play(w, 6);
    const SimStrategy *s = &w->actors[NVIDIA].strategy;
    print_messages(s, "memory");
    CHECK(memn(s, "inits") == 1.0);
    CHECK(memn(s, "decides") == 6.0);
    CHECK(memn(s, "history.6.turn") == 5.0);
    int told = 0;
    for (int k = 0; k < w->n_events; k++)
        told += w->events[k].actor == NVIDIA || w->events[k].other == NVIDIA;
    CHECK_MSG(memn(s, "events") == told && told > 0, "on_event heard %g of %d", memn(s, "events"),
              told);
    CHECK(memn(s, "kinds.proposed") >= 1.0);
    CHECK(memn(s, "seen.1") >= 0.0);
    ScrStats st;
    CHECK(scr_strategy_stats(s, &st) == 0 && st.failures == 0);
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* view.memory nested to the limit is kept and deeper is refused, and neither overruns the Lua
 * stack: the check walks the tables recursively, a few stack slots a level, more than the 20 a C
 * function is given (found by fuzz_lua: the walk wrote past the end of the stack, into the heap).
 * Each game makes new states, so that an overrun shows as heap corruption on the next ones. */
static const char deep_src[] = "return {decide = function(view)\n"
                               "  local t = view.memory\n"
                               "  for i = 1, DEPTH do t.n = {} t = t.n end\n"
                               "  t.v = 1\n"
                               "end}\n";

static void test_memory_deep(void)
{
    for (int game = 0; game < 20; game++) {
        SimScenario *sc = scenario(12);
        SimWorld *w = sc ? make_world(sc, (uint64_t)game) : NULL;
        char src[sizeof deep_src + 16];
        const char *at = strstr(deep_src, "DEPTH");
        int deep = 33 + game * 10;
        int ok = w != NULL;
        snprintf(src, sizeof src, "%.*s32%s", (int)(at - deep_src), deep_src, at + 5);
        ok = ok && attach(w, NVIDIA, src) == 0;
        snprintf(src, sizeof src, "%.*s%d%s", (int)(at - deep_src), deep_src, deep, at + 5);
        ok = ok && attach(w, ORACLE, src) == 0;
        if (ok) {
            play(w, 2); /* the deep one fails each turn: three would retire it */
            char path[2 * 32 + 2] = "";
            for (int k = 0; k < 32; k++)
                strcat(path, "n.");
            strcat(path, "v");
            ScrStats st;
            const SimStrategy *s = &w->actors[NVIDIA].strategy;
            CHECK(scr_strategy_stats(s, &st) == 0 && st.failures == 0);
            CHECK(memn(s, path) == 1.0);
            s = &w->actors[ORACLE].strategy;
            CHECK(scr_strategy_is_lua(s));
            CHECK_MSG(strstr(scr_strategy_last_error(s), "nested deeper than 32"), "%s",
                      scr_strategy_last_error(s));
            CHECK(mem(s, "n").type == LUA_TNIL);
        }
        sim_world_destroy(w);
        sim_scenario_free(sc);
    }
}

/* init's failure costs the first turn; on_event's failure the next one; three failures in a
 * row retire the strategy. */
static void test_failures(void)
{
    SimScenario *sc = scenario(12);
    SimWorld *w = sc ? make_world(sc, 2) : NULL;
    if (!w) {
        sim_scenario_free(sc);
        return;
    }
    attach(w, NVIDIA,
           "return {init = function(view) error('no init') end,\n"
           "        decide = function(view) return {} end}");
    attach(w, ORACLE,
           "return {decide = function(view) return {} end,\n"
           "        on_event = function(view, ev) error('deaf') end}");
    attach(w, MICROSOFT,
           "return {decide = function(view)\n"
           "  if view.turn < 5 then error('broken ' .. view.turn) end\n"
           "end}");
    FxScript *hub = fx_script(w, HUB);
    fx_propose(hub, 0, fx_terms(SIM_DEAL_COMPUTE, HUB, ORACLE, 10.0, 6));
    play(w, 6);
    const SimEvent *e = fx_find_event(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, -2);
    CHECK_MSG(e && e->turn == 0 && strstr(e->text, "init failed: nvidia.lua:1: no init"), "%s",
              e ? e->text : "no event");
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, NVIDIA, -1) == 1);
    e = fx_find_event(w, SIM_LOG_STRATEGY_ERROR, ORACLE, -2);
    CHECK_MSG(e && e->turn == 1 && strstr(e->text, "on_event failed: oracle.lua:2: deaf"), "%s",
              e ? e->text : "no event");
    /* Microsoft: three failures, then passive */
    CHECK(fx_count_events(w, SIM_LOG_STRATEGY_ERROR, MICROSOFT, -1) == 4);
    CHECK(strcmp(w->actors[MICROSOFT].strategy.name, "passive") == 0);
    e = fx_find_event(w, SIM_LOG_STRATEGY_ERROR, MICROSOFT, -2);
    CHECK_MSG(e && strstr(e->text, "microsoft.lua:2: broken 0"), "%s", e ? e->text : "");
    ScrStats st;
    CHECK(scr_strategy_stats(&w->actors[NVIDIA].strategy, &st) == 0 && st.failures == 1);
    CHECK(strstr(scr_strategy_last_error(&w->actors[NVIDIA].strategy), "stack traceback"));
    sim_world_destroy(w);
    sim_scenario_free(sc);
}

/* ---------------------------------------------------------------------------------------------
 * Determinism */

static const char random_src[] =
    "return {decide = function(view)\n"
    "  local out = {}\n"
    "  local names = {}\n"
    "  for id, a in pairs(view.actors) do\n"
    "    if type(id) == 'string' and id ~= view.me then names[#names + 1] = id end\n"
    "  end\n"
    "  local bag = {}\n"
    "  for i = 1, 20 do bag['k' .. math.random(1000)] = i end\n"
    "  local order = {}\n"
    "  for k in pairs(bag) do order[#order + 1] = k end\n"
    "  view.memory.order = table.concat(order, ',')\n"
    "  for _, o in ipairs(view.offers_to_me) do\n"
    "    if math.random() < 0.5 then out[#out + 1] = accept(o.id) else\n"
    "      out[#out + 1] = reject(o.id) end\n"
    "  end\n"
    "  if math.random() < 0.3 then\n"
    "    local to = names[math.random(#names)]\n"
    "    local kinds = {'compute', 'chip_lease', 'equity', 'loan'}\n"
    "    out[#out + 1] = propose{to = to, kind = kinds[math.random(#kinds)],\n"
    "                            amount = math.random(5, 50), months = math.random(6, 24),\n"
    "                            reason = order[1]}\n"
    "  end\n"
    "  return out\n"
    "end}\n";

static uint64_t random_game(uint64_t seed, int *deals)
{
    SimScenario *sc = fx_scenario(3, 36);
    SimWorld *w = sc ? make_world(sc, seed) : NULL;
    uint64_t h = 0;
    if (w) {
        for (int i = 0; i < w->n; i++) {
            SimStrategy s;
            if (make(&s, "random.lua", random_src, w->sc->actors[i].id, seed) == 0)
                sim_world_set_strategy(w, i, s);
        }
        char err[256];
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        CHECK(sim_turn_run(w, -1, err, sizeof err) >= 0);
        h = sim_world_hash(w);
        *deals = w->n_deals;
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
    return h;
}

static void test_determinism(void)
{
    int d1 = 0, d2 = 0, d3 = 0;
    uint64_t a = random_game(17, &d1), b = random_game(17, &d2), c = random_game(18, &d3);
    CHECK(a != 0 && a == b && d1 == d2);
    CHECK_MSG(d1 > 5, "the random game made only %d deals", d1);
    CHECK(a != c);
}

int main(void)
{
    test_deals();
    test_view();
    test_playbook_params();
    test_memory_and_events();
    test_memory_deep();
    test_failures();
    test_determinism();
    test_reason_languages();
    test_reason_errors();
    test_playbooks_any_language();
    test_reason_save();
    TEST_END();
}
