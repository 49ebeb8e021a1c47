/* test_story_zh: the narration told in Chinese. A seeded game is played once, then told twice,
 * in English and in Chinese (app_story only reads the world): the Chinese telling must hold no
 * English template words, no dollar figures, no key names and no unfilled {k}; money in 亿美元,
 * months as 2025年3月, the actors by their Chinese names; both tellings must have the same
 * number of lines in every month and in the final table (the telling differs, the game does not);
 * the Chinese table's rows must line up on screen (CJK characters are two columns wide). Also
 * checks the deal words of the tables (deal.kind/noun/status.<name>) for every kind and status. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "app_seat.h"
#include "app_story.h"
#include "dat_scenario.h"
#include "sim_lever.h"
#include "sim_turn.h"
#include "sim_verdict.h"
#include "sim_world.h"
#include "test_lang.h"
#include "test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TURNS 128

/* One telling of a game: the text of each month (index turn) and of the final table. */
typedef struct {
    char *month[MAX_TURNS];
    char *table;
} Telling;

static char *capture_turn(const SimWorld *w, int turn)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int first = -1, end = -1;
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].turn == turn) {
            if (first < 0)
                first = k;
            end = k + 1;
        }
    if (first >= 0)
        app_story_turn(f, w, turn, first, end);
    app_story_script_notes(f, w, turn);
    fclose(f);
    return buf;
}

static void tell(const SimWorld *w, CoreLang lang, Telling *t)
{
    test_lang_use(lang);
    for (int turn = 0; turn < w->turn && turn < MAX_TURNS; turn++)
        t->month[turn] = capture_turn(w, turn);
    size_t len = 0;
    FILE *f = open_memstream(&t->table, &len);
    app_story_table(f, w);
    fclose(f);
}

static void telling_free(Telling *t)
{
    for (int i = 0; i < MAX_TURNS; i++)
        free(t->month[i]);
    free(t->table);
}

static int lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* Display columns of UTF-8 text, as a terminal shows it: CJK and full-width forms take two. */
static int cols(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        unsigned cp = len == 1 ? c : (unsigned)(c & (0x7F >> len));
        for (int k = 1; k < len && i + (size_t)k < n; k++)
            cp = (cp << 6) | ((unsigned char)s[i + (size_t)k] & 0x3Fu);
        w += (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xFF00 && cp <= 0xFF60) ? 2 : 1;
        i += (size_t)len;
    }
    return w;
}

/* Words of the English templates that must not survive in the Chinese telling. */
static const char *const english_words[] = {
    " offers ",      " accepts ",  "turns down",      " months",     "$",
    "moved between", "Sentiment",  "investors weigh", "Rivals move", "on the day",
    " defaults",     "writes off", "cannot pay",      "The end",     "value at",
    "Market value",  "'s compute", "commits to",      "gives up",    "answers",
    "next round",    "revenue",    "story.",          "deal.",       "{1}",
    "{2}",           " GW goal",   "balanced",        "the market",  "script says",
};

/* Checks the Chinese telling of one game against its English telling. */
static void compare(const char *what, const SimWorld *w, const Telling *en, const Telling *zh)
{
    int months_told = 0, money = 0, names = 0;
    for (int turn = 0; turn < w->turn && turn < MAX_TURNS; turn++) {
        const char *e = en->month[turn], *z = zh->month[turn];
        CHECK_MSG(lines(e) == lines(z), "%s, month %d: %d lines in English, %d in Chinese", what,
                  turn, lines(e), lines(z));
        if (!z || !*z)
            continue;
        months_told++;
        /* The month's heading, after the blank line that opens it: 2025年3月. */
        int y = 0, m = 0, used = 0;
        CHECK_MSG(sscanf(z, "\n%d年%d月%n", &y, &m, &used) == 2 && z[used] == '\n' && y >= 2024 &&
                      m >= 1 && m <= 12,
                  "%s, month %d: heading %.40s", what, turn, z);
        money += strstr(z, "亿美元") != NULL;
        names +=
            strstr(z, "软银") || strstr(z, "英伟达") || strstr(z, "甲骨文") || strstr(z, "微软");
        /* Each line on its own, leaving out the engine's notes on dropped intents ("  ? "):
         * those are sim's own words, and a script's print may be in any language. */
        for (const char *line = z; *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            if (strncmp(line, "  ? ", 4) != 0)
                for (size_t k = 0; k < sizeof english_words / sizeof *english_words; k++) {
                    const char *hit = strstr(line, english_words[k]);
                    CHECK_MSG(!hit || hit >= line + n, "%s, month %d: \"%s\" in: %.*s", what, turn,
                              english_words[k], (int)n, line);
                }
            line += nl ? n + 1 : n;
        }
    }
    CHECK_MSG(months_told > 5, "%s: only %d months told", what, months_told);
    CHECK_MSG(money > 5, "%s: money in 亿美元 in only %d months", what, money);
    CHECK_MSG(names > 3, "%s: Chinese names in only %d months", what, names);
    /* The final table: as many lines, no English words, rows that line up on screen. */
    CHECK_MSG(lines(en->table) == lines(zh->table),
              "%s: table of %d lines in English, %d in Chinese", what, lines(en->table),
              lines(zh->table));
    for (size_t k = 0; k < sizeof english_words / sizeof *english_words; k++)
        CHECK_MSG(strstr(zh->table, english_words[k]) == NULL, "%s: \"%s\" in the table", what,
                  english_words[k]);
    CHECK_MSG(strstr(zh->table, "结局：") != NULL, "%s: no ending in the table", what);
    /* Rows: two heading lines and one per actor, after the ending's line and a blank line. They
     * must all be as wide (a defaulted actor's row carries a word after the score). */
    const char *row = strstr(zh->table, "\n\n");
    if (row)
        row += 2;
    int width = -1;
    for (int r = 0; row && r < w->n + 2; r++) {
        const char *nl = strchr(row, '\n');
        if (!nl)
            break;
        size_t n = (size_t)(nl - row);
        const char *tail = strstr(row, "  已违约");
        if (tail && tail < nl)
            n = (size_t)(tail - row);
        int c = cols(row, n);
        if (width < 0)
            width = c;
        CHECK_MSG(c == width, "%s: table row %d is %d columns wide, the first %d: %.*s", what, r, c,
                  width, (int)n, row);
        row = nl + 1;
    }
    CHECK_MSG(width > 0, "%s: no table rows found", what);
}

static SimWorld *play(const SimScenario *sc, uint64_t seed, const char *who, int turns)
{
    char err[1024];
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return NULL;
    int rc = app_seat_world(w, NULL, NULL, 0, who, NULL, err, sizeof err);
    if (rc == 0)
        rc = sim_turn_start(w, err, sizeof err);
    if (rc == 0)
        rc = sim_turn_run(w, turns, err, sizeof err);
    CHECK_MSG(rc >= 0, "%s", err);
    return w;
}

/* What decided the game, after the table, in both languages: for a history game whose hub
 * defaults (the first such seed) the world drawn, the deal that tipped it (its counterparty and
 * month), the funding that dried up and the market's view; for one whose hub survives the deal
 * that added most value. The seeds are searched, not fixed: the model decides which default. */
static void check_verdict(const SimScenario *sc)
{
    int found[2] = {0, 0};
    for (uint64_t seed = 1; seed <= 60 && !(found[0] && found[1]); seed++) {
        SimWorld *w = play(sc, seed, "history", -1);
        if (!w)
            continue;
        SimVerdict v;
        sim_verdict(w, &v);
        int d = v.defaulted;
        if (found[d] || v.tipping_deal < 0) {
            sim_world_destroy(w);
            continue;
        }
        found[d] = 1;
        const SimDeal *deal = &w->deals[v.tipping_deal];
        int other = deal->t.payer == w->sc->hub ? deal->t.payee : deal->t.payer;
        Telling en = {0}, zh = {0};
        tell(w, CORE_LANG_EN, &en);
        tell(w, CORE_LANG_ZH, &zh);
        char mon_en[32], mon_zh[32], name_zh[64];
        test_lang_use(CORE_LANG_EN);
        core_tr_month(w->sc->start + v.tipping_turn, mon_en, sizeof mon_en);
        test_lang_use(CORE_LANG_ZH);
        core_tr_month(w->sc->start + v.tipping_turn, mon_zh, sizeof mon_zh);
        snprintf(name_zh, sizeof name_zh, "%s", core_tr_content(w->sc->actors[other].name));
        test_lang_use(CORE_LANG_EN);
        const char *e = strstr(en.table, "\nWhat decided it:\n"),
                   *z = strstr(zh.table, "\n胜负由何而定：\n");
        CHECK_MSG(e && z, "seed %d: no verdict after the table", (int)seed);
        if (e && z) {
            CHECK(strstr(e, "The world drawn: OpenAI's revenue can reach at most $") &&
                  strstr(e, "percentile"));
            CHECK(strstr(z, "抽到的世界：OpenAI的收入上限为每年") && strstr(z, "百分位"));
            CHECK(strstr(e, w->sc->actors[other].name) && strstr(e, mon_en));
            CHECK(strstr(z, name_zh) && strstr(z, mon_zh));
            CHECK(strstr(e, d ? "The deal that tipped it: the $"
                              : "The deal that added most value: the $"));
            CHECK(strstr(z, d ? "压垮局面的交易：与" : "创造市值最多的交易：与"));
            if (d) {
                CHECK(strstr(e, "The funding that dried up: OpenAI ") &&
                      strstr(e, "saw it coming"));
                CHECK(strstr(z, "资金枯竭：OpenAI") && strstr(z, "预料"));
                char mon_def[32];
                core_tr_month(w->sc->start + v.default_turn, mon_def, sizeof mon_def);
                CHECK(strstr(e, mon_def) != NULL);
            } else {
                CHECK(strstr(e, "OpenAI did not default") && strstr(z, "OpenAI没有违约"));
            }
            /* Nothing of the English left in the Chinese verdict. */
            for (size_t k = 0; k < sizeof english_words / sizeof *english_words; k++)
                CHECK_MSG(strstr(z, english_words[k]) == NULL, "seed %d: \"%s\" in: %s", (int)seed,
                          english_words[k], z);
        }
        telling_free(&en);
        telling_free(&zh);
        sim_world_destroy(w);
    }
    CHECK_MSG(found[0] && found[1], "history seeds 1-60: a default %d, a survival %d", found[1],
              found[0]);
}

/* The words of every deal kind and status: present in both tables, no two kinds alike. */
static void check_deal_words(void)
{
    static const char *const sets[] = {"deal.kind.", "deal.noun."};
    for (int lang = 0; lang < CORE_LANG_COUNT; lang++) {
        test_lang_use((CoreLang)lang);
        char key[64], other[64];
        for (size_t s = 0; s < 2; s++)
            for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
                snprintf(key, sizeof key, "%s%s", sets[s], sim_deal_kind_name((SimDealKind)k));
                const char *words = core_tr(key);
                CHECK_MSG(strcmp(words, key) != 0 && words[0], "%s has no text", key);
                for (int j = 0; j < k; j++) {
                    snprintf(other, sizeof other, "%s%s", sets[s],
                             sim_deal_kind_name((SimDealKind)j));
                    CHECK_MSG(strcmp(words, core_tr(other)) != 0, "%s and %s both say %s", key,
                              other, words);
                }
            }
        for (int s = 0; s < SIM_DS_STATUS_COUNT; s++) {
            snprintf(key, sizeof key, "deal.status.%s", sim_deal_status_name((SimDealStatus)s));
            CHECK_MSG(strcmp(core_tr(key), key) != 0, "%s has no text", key);
        }
        for (int r = SIM_END_NONE; r <= SIM_END_TURN_LIMIT; r++) {
            snprintf(key, sizeof key, "end.%s", sim_end_reason_name((SimEndReason)r));
            CHECK_MSG(strcmp(core_tr(key), key) != 0, "%s has no text", key);
        }
    }
}

/* A sentence both tellings must hold, whole (the English one is what the docs quote). */
static void check_holds(const Telling *t, int turns, const char *want)
{
    int found = 0;
    for (int i = 0; i < turns && i < MAX_TURNS && !found; i++)
        found = t->month[i] && strstr(t->month[i], want) != NULL;
    CHECK_MSG(found, "no month says: %s", want);
}

static int count_of(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s ? strstr(s, needle) : NULL; p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* A first-day move's fundamental part is told when it is most of the move, more than the move
 * or against it, and only then: in every month each telling holds one such sentence per such
 * reaction, of the right kind. */
static void check_fundamentals(const char *what, const SimWorld *w, const Telling *en,
                               const Telling *zh)
{
    static const char *const said[3][2] = {
        {"the story did the rest.", "其余全靠市场的故事。"},
        {"the story held it back.", "是市场的故事拉住了它。"},
        {"Most of it is its fundamentals:", "占了大头。"},
    };
    int told = 0;
    for (int t = 0; t < w->turn && t < MAX_TURNS; t++) {
        int want[4] = {0, 0, 0, 0}; /* against, beyond, most; not told */
        for (int k = 0; k < w->n_events; k++) {
            const SimEvent *e = &w->events[k];
            if (e->turn != t || e->kind != SIM_LOG_REACTION || e->other >= 0)
                continue;
            double f = expm1(e->fund) * 100.0, all = expm1(e->change) * 100.0;
            if (fabs(f) < 0.05)
                continue;
            want[f * all < 0.0 ? 0 : fabs(f) > fabs(all) ? 1 : fabs(f) > 0.5 * fabs(all) ? 2 : 3]++;
        }
        for (int c = 0; c < 3; c++) {
            told += want[c];
            CHECK_MSG(count_of(en->month[t], said[c][0]) == want[c] &&
                          count_of(zh->month[t], said[c][1]) == want[c],
                      "%s, month %d: %d reactions whose fundamentals are told as \"%s\"", what, t,
                      want[c], said[c][0]);
        }
    }
    printf("%s: %d reactions with their fundamental part told\n", what, told);
}

int main(void)
{
    char err[1024];
    check_deal_words();
    test_lang_use(CORE_LANG_EN);
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        TEST_END();
    /* The 2025 scenario's own words (GW, compute) over the engine's, as the program puts them. */
    core_tr_overlay((const CoreText *const *)sc->lang_strings,
                    (const CoreText *const *)sc->lang_content);
    /* The record (history, seed 7, 20 months, as the docs tell it) and two free games played by
     * the Lua playbooks (offers, counters, defaults and write-downs). */
    static const struct {
        const char *who;
        uint64_t seed;
        int turns;
    } games[] = {{"history", 7, 20}, {"playbook", 2, -1}, {"playbook", 5, -1}, {"baseline", 3, 60}};
    for (size_t g = 0; g < sizeof games / sizeof *games; g++) {
        SimWorld *w = play(sc, games[g].seed, games[g].who, games[g].turns);
        if (!w)
            continue;
        Telling en = {0}, zh = {0};
        tell(w, CORE_LANG_EN, &en);
        tell(w, CORE_LANG_ZH, &zh);
        char what[64];
        snprintf(what, sizeof what, "%s seed %llu", games[g].who,
                 (unsigned long long)games[g].seed);
        compare(what, w, &en, &zh);
        check_fundamentals(what, w, &en, &zh);
        if (g == 0) {
            check_holds(&en, w->turn,
                        "  - SoftBank accepts OpenAI's offer of a $500B joint venture over 48 "
                        "months, 10.0 GW, SoftBank funding 20% and OpenAI 10% (\"If more compute "
                        "is better, do more\").\n");
            check_holds(&zh, w->turn,
                        "  - 软银接受了OpenAI提出的为期48个月、总额5000亿美元的合资项目（10.0 "
                        "GW，软银出资20%，OpenAI出资10%）：“");
            check_holds(&zh, w->turn, "\n2025年1月\n");
            check_holds(&zh, w->turn, "可认购1.6亿股AMD股票的认股权证（48个月内分批归属）");
        }
        if (g == 3) {
            /* The native strategy's reasons are references to the tables: told in each
             * language, and in English (never as a key) where a script or the record reads them. */
            check_holds(&en, w->turn, "does not beat risk");
            check_holds(&zh, w->turn, "未超过风险");
            int refs = 0, bad = 0;
            for (int k = 0; k < w->n_deals; k++) {
                char told[1024];
                if (w->deals[k].reason[0] != CORE_TEXT_REF)
                    continue;
                refs++;
                core_text_pick_en(w->deals[k].reason, told, sizeof told);
                if (strchr(told, CORE_TEXT_REF) || strstr(told, "reason.") || !told[0])
                    bad++;
            }
            CHECK_MSG(refs > 0 && bad == 0, "%d reasons by reference, %d told badly", refs, bad);
        }
        telling_free(&en);
        telling_free(&zh);
        sim_world_destroy(w);
    }
    check_verdict(sc);
    /* The teacher's levers, moved after three months: told from the lever tables in Chinese. */
    SimWorld *w = play(sc, 7, "history", 3);
    if (w) {
        CHECK(sim_lever_set(w, SIM_LEVER_REVENUE_GROWTH, 1.4, err, sizeof err) == 0);
        CHECK(sim_lever_set(w, SIM_LEVER_SENTIMENT, -0.5, err, sizeof err) == 0);
        CHECK(sim_turn_run(w, 6, err, sizeof err) >= 0);
        Telling en = {0}, zh = {0};
        tell(w, CORE_LANG_EN, &en);
        tell(w, CORE_LANG_ZH, &zh);
        compare("levers", w, &en, &zh);
        check_holds(&en, w->turn, "  ~ The teacher moves a lever: ");
        check_holds(&zh, w->turn, "  ~ 老师拨动了调节杆：OpenAI的收入增速从");
        check_holds(&zh, w->turn, "  ~ 老师拨动了调节杆：市场情绪从");
        telling_free(&en);
        telling_free(&zh);
        sim_world_destroy(w);
    }
    core_tr_overlay(NULL, NULL);
    sim_scenario_free(sc);
    TEST_END();
}
