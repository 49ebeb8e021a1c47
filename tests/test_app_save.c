/* test_app_save: saves and loads of whole games (dat_save, app_save), exact resume, the Lua
 * memory's values, human queues, autosaves, replays, and refused files (tests/data/badsave). */
#define _POSIX_C_SOURCE 200809L
#include "app_replay.h"
#include "app_save.h"
#include "core_value.h"
#include "dat_history.h"
#include "dat_replay.h"
#include "dat_scenario.h"
#include "dat_save.h"
#include "scr_strategy.h"
#include "sim_lever.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_app_game.h"
#include "test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static void tmp_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
}

/* Plays up to `turns` turns as `closedloop run --turns` does (and stops like it). */
static void play(AppGame *g, int turns)
{
    char err[512];
    SimWorld *w = g->world;
    for (int k = 0; k < turns; k++) {
        int rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "%s", err);
        if (rc != 0)
            break;
    }
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
}

static char *history(const AppGame *g)
{
    char err[256];
    char *h = dat_history_text(g->world, NULL, err, sizeof err);
    CHECK_MSG(h != NULL, "%s", err);
    return h;
}

/* Plays n + m straight and n, save, load, m: the two histories must be the same bytes. */
static int resume_same(const char *scenario, uint64_t seed, const AppStrategyChoice *c, int nc,
                       int n, int m)
{
    char path[512], err[1024];
    int status;
    AppGame *a = test_game_new(scenario, seed, c, nc);
    AppGame *b = test_game_new(scenario, seed, c, nc);
    if (!a || !b) {
        app_game_free(a);
        app_game_free(b);
        return 0;
    }
    play(a, n + m);
    play(b, n);
    tmp_path(path, sizeof path, "resume.json");
    CHECK_MSG(app_game_save(b, path, err, sizeof err) == 0, "%s", err);
    app_game_free(b);
    b = app_game_load(path, scenario, &status, err, sizeof err);
    CHECK_MSG(b != NULL, "%s", err);
    int same = 0;
    if (b) {
        play(b, m);
        char *ha = history(a), *hb = history(b);
        same = ha && hb && strcmp(ha, hb) == 0;
        free(ha);
        free(hb);
    }
    app_game_free(a);
    app_game_free(b);
    return same;
}

static void test_resume(void)
{
    static const AppStrategyChoice sets[][3] = {
        {{"all", "history"}},
        {{"all", "baseline"}},
        {{"all", "playbook"}},
        {{"all", "playbook"}, {"microsoft", "baseline"}, {"oracle", "history"}},
        {{"all", "baseline"}, {"nvidia", CL_TESTDATA "/scripts/memory_kinds.lua"}},
    };
    static const int nsets[] = {1, 1, 1, 3, 2};
    static const int ns[] = {0, 1, 2, 7, 13, 30, 61};
    int runs = 0, fails = 0;
    for (int s = 0; s < 5; s++)
        for (uint64_t seed = 1; seed <= 6; seed++)
            for (int k = 0; k < 7; k++) {
                int n = ns[(k + (int)seed) % 7], m = 1 + (int)((seed * 7 + (uint64_t)k * 13) % 40);
                runs++;
                if (!resume_same(CL_SCENARIO, seed, sets[s], nsets[s], n, m)) {
                    fails++;
                    fprintf(stderr, "resume differs: set %d seed %llu n %d m %d\n", s,
                            (unsigned long long)seed, n, m);
                }
            }
    CHECK(fails == 0);
    printf("resume: %d games (5 seatings x 6 seeds x 7 save points), %d differ\n", runs, fails);
    /* A save of a finished game: load it, nothing more to play, same record. */
    CHECK(resume_same(CL_SCENARIO, 9, sets[2], 1, 200, 5));
}

/* A teacher moved levers before the save and after it: the resumed game is the straight one. */
static void test_levers(void)
{
    static const AppStrategyChoice c[] = {{"all", "playbook"}, {"microsoft", "baseline"}};
    char path[512], err[1024];
    int status;
    AppGame *a = test_game_new(CL_SCENARIO, 12, c, 2), *b = test_game_new(CL_SCENARIO, 12, c, 2);
    if (!a || !b)
        return;
    AppGame *g[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        play(g[k], 5);
        CHECK(sim_lever_set(g[k]->world, SIM_LEVER_NEWS_REWARD, 1.3, err, sizeof err) == 0);
        CHECK(sim_lever_set(g[k]->world, SIM_LEVER_REVENUE_GROWTH, 0.5, err, sizeof err) == 0);
        play(g[k], 4);
        CHECK(sim_lever_set(g[k]->world, SIM_LEVER_BUDGET, 1.6, err, sizeof err) == 0);
    }
    tmp_path(path, sizeof path, "levers.json");
    CHECK_MSG(app_game_save(b, path, err, sizeof err) == 0, "%s", err);
    app_game_free(b);
    b = app_game_load(path, NULL, &status, err, sizeof err);
    CHECK_MSG(b != NULL, "%s", err);
    if (b) { /* app_game_load put the levers back */
        play(a, 12);
        play(b, 12);
        char *ha = history(a), *hb = history(b);
        CHECK(ha && hb && strcmp(ha, hb) == 0);
        free(ha);
        free(hb);
    }
    app_game_free(a);
    app_game_free(b);
}

/* Save, load, save: the same file (the date aside), so every field round-trips exactly. */
static char *strip_date(char *t)
{
    char *p = strstr(t, "\"saved_at\":\"");
    if (p)
        memset(p + 12, 'x', 20);
    return t;
}

static void test_round_trip(void)
{
    static const AppStrategyChoice c[] = {
        {"all", "playbook"}, {"nvidia", CL_TESTDATA "/scripts/memory_kinds.lua"}, {"amd", "human"}};
    AppGame *g = test_game_new(CL_SCENARIO, 3, c, 3);
    if (!g)
        return;
    int amd = sim_scenario_find_actor(g->world->sc, "amd");
    play(g, 14);
    /* Something queued for the human seat, not yet played. */
    SimIntentList *q = sim_strategy_queue(&g->world->actors[amd].strategy);
    CHECK(q != NULL);
    SimIntent *in = sim_intents_push(q, SIM_INTENT_PROPOSE);
    in->terms.kind = SIM_DEAL_EQUITY;
    in->terms.payer = amd;
    in->terms.payee = g->world->sc->hub;
    in->terms.amount = 0.1 + 0.2;
    in->terms.months = 12;
    snprintf(in->reason, sizeof in->reason, "bytes \xff survive");
    char p1[512], p2[512], err[1024];
    int status;
    tmp_path(p1, sizeof p1, "rt1.json");
    tmp_path(p2, sizeof p2, "rt2.json");
    CHECK_MSG(app_game_save(g, p1, err, sizeof err) == 0, "%s", err);
    AppGame *h = app_game_load(p1, NULL, &status, err, sizeof err);
    CHECK_MSG(h != NULL, "%s", err);
    if (!h) {
        app_game_free(g);
        return;
    }
    CHECK(sim_world_hash(g->world) == sim_world_hash(h->world));
    CHECK(strcmp(h->choice[amd], "human") == 0);
    SimIntentList *q2 = sim_strategy_queue(&h->world->actors[amd].strategy);
    CHECK(q2 && q2->n == 1 && q2->v[0].terms.amount == 0.1 + 0.2 &&
          strcmp(q2->v[0].reason, "bytes \xff survive") == 0);
    /* The Lua memory, value for value. */
    int nv = sim_scenario_find_actor(g->world->sc, "nvidia");
    CoreValue ma, mb;
    CHECK(scr_strategy_memory_get(&g->world->actors[nv].strategy, &ma, err, sizeof err) == 0);
    CHECK(scr_strategy_memory_get(&h->world->actors[nv].strategy, &mb, err, sizeof err) == 0);
    CHECK(ma.type == CORE_VAL_TABLE && ma.len >= 4);
    CHECK(core_value_equal(&ma, &mb));
    core_value_clear(&ma);
    core_value_clear(&mb);
    CHECK_MSG(app_game_save(h, p2, err, sizeof err) == 0, "%s", err);
    size_t l1, l2;
    char *t1 = dat_read_file(p1, DAT_SAVE_MAX_BYTES, &l1, err, sizeof err);
    char *t2 = dat_read_file(p2, DAT_SAVE_MAX_BYTES, &l2, err, sizeof err);
    CHECK(t1 && t2 && l1 == l2 && strcmp(strip_date(t1), strip_date(t2)) == 0);
    printf("save of turn 14 with playbooks: %zu bytes\n", l1);
    free(t1);
    free(t2);
    /* Both go on the same way, human input included. */
    play(g, 10);
    play(h, 10);
    CHECK(sim_world_hash(g->world) == sim_world_hash(h->world));
    app_game_free(g);
    app_game_free(h);
}

/* ---------------------------------------------------------------------------------------------
 * Refused files */

static void expect_refused(const char *path, const char *scenario, const char *want)
{
    char err[1024] = "";
    int status = 0;
    AppGame *g = app_game_load(path, scenario, &status, err, sizeof err);
    CHECK_MSG(g == NULL, "%s loaded", path);
    app_game_free(g);
    CHECK_MSG(status == 2, "%s: status %d", path, status);
    CHECK_MSG(strstr(err, want) != NULL, "%s: message \"%s\" lacks \"%s\"", path, err, want);
}

/* A hosted game's room (its code, the teacher's token, each seat's token and the seqs of what it
 * queued) goes through a save and back exactly; a save with a room is its owner's only (0600), one
 * without stays 0644 and has no "room"; a room that is not one is refused with its path. */
static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void refused_room(const char *good, const char *from, const char *to, const char *want)
{
    char *t = strdup(good), path[512];
    char *at = t ? strstr(t, from) : NULL;
    CHECK_MSG(at != NULL, "no %s in the save", from);
    if (!at) {
        free(t);
        return;
    }
    size_t n = strlen(t) + strlen(to) + 1;
    char *u = malloc(n);
    snprintf(u, n, "%.*s%s%s", (int)(at - t), t, to, at + strlen(from));
    tmp_path(path, sizeof path, "badroom.json");
    write_text(path, u);
    expect_refused(path, NULL, want);
    free(t);
    free(u);
}

static void test_room(void)
{
    static const AppStrategyChoice c[] = {{"amd", "human"}, {"nvidia", "human"}};
    AppGame *g = test_game_new(CL_SCENARIO, 5, c, 2);
    if (!g)
        return;
    char plain[512], hosted[512], err[1024];
    struct stat st;
    tmp_path(plain, sizeof plain, "plain.json");
    tmp_path(hosted, sizeof hosted, "hosted.json");
    CHECK_MSG(app_game_save(g, plain, err, sizeof err) == 0, "%s", err);
    CHECK(stat(plain, &st) == 0 && (st.st_mode & 0777) == 0644);
    g->room = calloc(1, sizeof *g->room);
    if (!g->room) {
        app_game_free(g);
        return;
    }
    DatRoom *r = g->room;
    snprintf(r->code, sizeof r->code, "K7PQ2Z");
    snprintf(r->teacher, sizeof r->teacher, "0123456789abcdef0123456789abcdef");
    r->n_seats = 2;
    snprintf(r->seats[0].role, sizeof r->seats[0].role, "amd");
    snprintf(r->seats[0].token, sizeof r->seats[0].token, "fedcba9876543210fedcba9876543210");
    r->seats[0].n_queued = 2;
    r->seats[0].queued_seq[0] = 5;
    r->seats[0].queued_seq[1] = -1;
    snprintf(r->seats[1].role, sizeof r->seats[1].role, "nvidia");
    /* The story cards: two on offer, one on show with two choices, amd's answer. */
    r->seats[0].answered = 1;
    r->seats[0].answer_choice = 1;
    snprintf(r->seats[0].answer, sizeof r->seats[0].answer, "cheap \"money\"");
    r->card.n_offers = 2;
    snprintf(r->card.offers[0], sizeof r->card.offers[0], "tokyo");
    snprintf(r->card.offers[1], sizeof r->card.offers[1], "stargate");
    snprintf(r->card.on_show, sizeof r->card.on_show, "stargate");
    r->card.revealed = 1;
    r->card.serial = 7;
    r->card.n_choices = 2;
    snprintf(r->card.choices[0], sizeof r->card.choices[0], "belief");
    snprintf(r->card.choices[1], sizeof r->card.choices[1], "money");
    CHECK_MSG(app_game_save(g, hosted, err, sizeof err) == 0, "%s", err);
    CHECK(stat(hosted, &st) == 0 && (st.st_mode & 0777) == 0600);
    int status;
    AppGame *h = app_game_load(hosted, NULL, &status, err, sizeof err);
    CHECK_MSG(h && h->room, "%s", err);
    if (h && h->room) {
        const DatRoom *b = h->room;
        CHECK(strcmp(b->code, r->code) == 0 && strcmp(b->teacher, r->teacher) == 0);
        CHECK(b->n_seats == 2 && strcmp(b->seats[0].token, r->seats[0].token) == 0);
        CHECK(b->seats[0].n_queued == 2 && b->seats[0].queued_seq[0] == 5 &&
              b->seats[0].queued_seq[1] == -1);
        CHECK(strcmp(b->seats[1].role, "nvidia") == 0 && b->seats[1].token[0] == '\0');
        CHECK(b->seats[0].answered && b->seats[0].answer_choice == 1 &&
              strcmp(b->seats[0].answer, "cheap \"money\"") == 0 && !b->seats[1].answered);
        const DatRoomCard *rc = &b->card;
        CHECK(rc->n_offers == 2 && strcmp(rc->offers[1], "stargate") == 0 &&
              strcmp(rc->on_show, "stargate") == 0 && rc->revealed && rc->serial == 7 &&
              rc->n_choices == 2 && strcmp(rc->choices[1], "money") == 0);
    }
    app_game_free(h);
    h = app_game_load(plain, NULL, &status, err, sizeof err);
    CHECK(h && h->room == NULL);
    app_game_free(h);
    size_t len;
    char *text = dat_read_file(hosted, DAT_SAVE_MAX_BYTES, &len, err, sizeof err);
    char *ptext = dat_read_file(plain, DAT_SAVE_MAX_BYTES, &len, err, sizeof err);
    CHECK(text && strstr(text, "\"room\":{\"code\":\"K7PQ2Z\"") != NULL);
    CHECK(ptext && strstr(ptext, "\"room\"") == NULL);
    if (text) {
        refused_room(text, "\"K7PQ2Z\"", "\"K7PQ0Z\"", "$.room.code");
        refused_room(text, "\"role\":\"nvidia\",\"token\"", "\"role\":\"nobody\",\"token\"",
                     "$.room.seats[1].role: expected an actor id");
        refused_room(text, "\"role\":\"nvidia\",\"token\"", "\"role\":\"amd\",\"token\"", "twice");
        refused_room(text, "\"token\":\"fedcba", "\"token\":\"Fedcba", "$.room.seats[0].token");
        refused_room(text, "\"queued_seq\":[5", "\"queued_seq\":[0.5",
                     "$.room.seats[0].queued_seq[0]");
        refused_room(text, "\"code\":\"K7PQ2Z\"", "\"code\":\"K7PQ2Z\",\"x\":1", "$.room");
        refused_room(text, "\"choice\":1,", "\"choice\":4,", "$.room.seats[0].answer.choice");
        refused_room(text, "\"choices\":[\"belief\",", "\"choices\":[",
                     "$.room.card.choices: expected none or 2");
        refused_room(text, "\"offers\":[\"tokyo\"", "\"offers\":[\"\"", "$.room.card.offers[0]");
    }
    free(text);
    free(ptext);
    app_game_free(g);
}

static void test_bad_files(void)
{
    /* Each file in tests/data/badsave has its expected message in badsave/expected.txt. */
    char list[512];
    snprintf(list, sizeof list, "%s/badsave/expected.txt", CL_TESTDATA);
    FILE *f = fopen(list, "r");
    CHECK(f != NULL);
    char line[1024];
    int n = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        char path[2048];
        snprintf(path, sizeof path, "%s/badsave/%s", CL_TESTDATA, line);
        expect_refused(path, NULL, tab + 1);
        n++;
    }
    if (f)
        fclose(f);
    CHECK(n >= 15);
    printf("bad saves refused: %d\n", n);

    /* A good save of version 1, the model before balance sheets: refused, not misread. */
    snprintf(list, sizeof list, "%s/badsave/old_model.json", CL_TESTDATA);
    expect_refused(list, NULL,
                   "old_model.json: $.version: version 1 is a save of the model before balance "
                   "sheets, uncertain demand and delivery costs (2026-12); this program cannot "
                   "play it on: start the scenario again");

    /* Generated ones: 100 MB, deep nesting, another scenario. */
    char path[512];
    tmp_path(path, sizeof path, "huge.json");
    FILE *h = fopen(path, "wb");
    CHECK(h != NULL);
    if (h) {
        static char block[1 << 16];
        memset(block, ' ', sizeof block);
        fputc('{', h);
        for (int k = 0; k < 1600; k++)
            fwrite(block, 1, sizeof block, h);
        fputc('}', h);
        fclose(h);
        expect_refused(path, NULL, "too large");
        unlink(path);
    }
    tmp_path(path, sizeof path, "deep.json");
    h = fopen(path, "wb");
    if (h) {
        for (int k = 0; k < 100000; k++)
            fputc('[', h);
        for (int k = 0; k < 100000; k++)
            fputc(']', h);
        fclose(h);
        expect_refused(path, NULL, "deep.json:1:");
    }
    static const AppStrategyChoice c[] = {{"all", "baseline"}};
    AppGame *g = test_game_new(CL_SCENARIO, 2, c, 1);
    if (g) {
        play(g, 3);
        uint64_t before = sim_world_hash(g->world);
        tmp_path(path, sizeof path, "other.json");
        char err[512];
        CHECK(app_game_save(g, path, err, sizeof err) == 0);
        char minimal[512];
        snprintf(minimal, sizeof minimal, "%s/minimal.json", CL_TESTDATA);
        expect_refused(path, minimal, "another scenario");
        /* A failed load leaves the game in hand as it was. */
        CHECK(sim_world_hash(g->world) == before);
        app_game_free(g);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Autosaves */

static void test_autosave(void)
{
    char dir[512], err[1024];
    tmp_path(dir, sizeof dir, "auto");
    static const AppStrategyChoice c[] = {{"all", "playbook"}};
    AppGame *g = test_game_new(CL_SCENARIO, 4, c, 1);
    if (!g)
        return;
    for (int t = 0; t < 9; t++) {
        play(g, 1);
        CHECK_MSG(app_autosave(g, dir, 3, NULL, 0, err, sizeof err) == 0, "%s", err);
    }
    AppSaveEntry *list;
    int n;
    CHECK(app_autosave_list(dir, &list, &n, err, sizeof err) == 0);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(list[0].ok && list[0].turn == 9 && list[1].turn == 8 && list[2].turn == 7);
        CHECK(strlen(list[0].saved_at) == 20 && strlen(list[0].month) == 7);
        int status;
        AppGame *h = app_game_load(list[1].path, NULL, &status, err, sizeof err);
        CHECK_MSG(h && h->world->turn == 8, "%s", err);
        app_game_free(h);
    }
    free(list);
    CHECK(app_autosave_list("/nonexistent/folder", &list, &n, err, sizeof err) == 0 && n == 0);
    app_game_free(g);
}

/* ---------------------------------------------------------------------------------------------
 * Replays */

static void test_replay(void)
{
    static const AppStrategyChoice c[] = {{"all", "playbook"}, {"oracle", "human"}};
    AppGame *g = test_game_new(CL_SCENARIO, 8, c, 2);
    if (!g)
        return;
    SimWorld *w = g->world;
    int oracle = sim_scenario_find_actor(w->sc, "oracle");
    char err[1024], path[512];
    AppReplay *rec = app_replay_begin(g, err, sizeof err);
    CHECK(rec != NULL);
    int inputs = 0;
    for (int t = 0; t < 40 && rec; t++) {
        /* The person at Oracle's seat accepts every other offer and proposes now and then. */
        SimIntentList *q = sim_strategy_queue(&w->actors[oracle].strategy);
        for (int k = 0; k < w->n_open; k++) {
            const SimDeal *d = &w->deals[w->open[k]];
            if (d->proposer != oracle && (d->t.payer == oracle || d->t.payee == oracle)) {
                SimIntent *in = sim_intents_push(q, t % 2 ? SIM_INTENT_ACCEPT : SIM_INTENT_REJECT);
                if (in)
                    in->deal = d->id;
            }
        }
        if (t % 5 == 1) {
            SimIntent *in = sim_intents_push(q, SIM_INTENT_PROPOSE);
            in->terms.kind = SIM_DEAL_COMPUTE;
            in->terms.payer = w->sc->hub;
            in->terms.payee = oracle;
            in->terms.amount = 10.0 + t / 3.0;
            in->terms.months = 24;
            in->terms.gw = 0.5;
            snprintf(in->reason, sizeof in->reason, "turn %d", t);
        }
        inputs += q->n > 0;
        /* And the teacher moves a lever now and then. */
        if (t == 6 || t == 19)
            CHECK(sim_lever_set(w, t == 6 ? SIM_LEVER_NEWS_REWARD : SIM_LEVER_INTEREST,
                                t == 6 ? 1.4 : 0.09, err, sizeof err) == 0);
        CHECK(app_replay_record_turn(rec, w, err, sizeof err) == 0);
        if (sim_turn_step(w, err, sizeof err) != 0)
            break;
    }
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    tmp_path(path, sizeof path, "game.replay.json");
    CHECK_MSG(rec && app_replay_finish(rec, w, path, err, sizeof err) == 0, "%s", err);
    app_replay_free(rec);
    app_game_free(g);
    CHECK(inputs > 5);
    FILE *devnull = fopen("/dev/null", "w");
    CHECK(app_replay_play(path, devnull, stderr) == 0);
    /* A changed final hash: played to a different end (1). */
    size_t len;
    char *text = dat_read_file(path, DAT_SAVE_MAX_BYTES, &len, err, sizeof err);
    char *fh = text ? strstr(text, "\"final_hash\":\"") : NULL;
    CHECK(fh != NULL);
    if (fh) {
        fh[14] = fh[14] == '0' ? '1' : '0';
        char bad[512];
        tmp_path(bad, sizeof bad, "bad.replay.json");
        FILE *f = fopen(bad, "wb");
        fwrite(text, 1, len, f);
        fclose(f);
        CHECK(app_replay_play(bad, devnull, devnull) == 1);
    }
    free(text);
    fclose(devnull);
}

/* ---------------------------------------------------------------------------------------------
 * The loaders' messages in each language */

/* The message of loading path (a save if save, else a scenario), with the tables in use. */
static void load_message(const char *path, int save, char *err, size_t errsz)
{
    int status = 0;
    err[0] = '\0';
    if (save) {
        app_game_free(app_game_load(path, NULL, &status, err, errsz));
    } else {
        SimScenario *sc = dat_scenario_load(path, err, errsz);
        sim_scenario_free(sc);
    }
}

static void test_messages_in_languages(void)
{
    /* The data layer's phrases carry their English in C for when no table is in use (its own
     * tests, fuzzing): the same bytes as the English table's. */
    char paths[80][1024];
    int saves[80], n = 0;
    const char *dirs[2] = {"bad", "badsave"};
    for (int d = 0; d < 2; d++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", CL_TESTDATA, dirs[d]);
        DIR *dp = opendir(dir);
        CHECK(dp != NULL);
        struct dirent *e;
        while (dp && (e = readdir(dp)) != NULL && n < 80) {
            size_t len = strlen(e->d_name);
            if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 ||
                strcmp(e->d_name, "base.json") == 0)
                continue;
            snprintf(paths[n], sizeof paths[n], "%s/%s", dir, e->d_name);
            saves[n++] = d == 1;
        }
        if (dp)
            closedir(dp);
    }
    snprintf(paths[n], sizeof paths[n], "%s/no-such-file.json", CL_TESTDATA);
    saves[n++] = 0;
    CHECK(n >= 40);
    static char with[80][1024];
    for (int k = 0; k < n; k++)
        load_message(paths[k], saves[k], with[k], sizeof with[k]);
    core_tr_use(CORE_LANG_EN, NULL, NULL, NULL);
    for (int k = 0; k < n; k++) {
        char without[1024];
        load_message(paths[k], saves[k], without, sizeof without);
        CHECK_MSG(without[0] && strcmp(with[k], without) == 0,
                  "%s: \"%s\" with the English table, \"%s\" without", paths[k], with[k], without);
    }
    /* In Chinese the generic phrases are Chinese; the file, the JSON path and LINE:COL stay. */
    static const struct {
        const char *file, *want;
    } zh[] = {
        {"bad/negative_cash.json",
         "negative_cash.json: $.actors[2].cash: 应为不小于0的有限数，实际是-5"},
        {"bad/truncated.json", "truncated.json:56:1: 不是有效的JSON：对象内部意外遇到文件末尾"},
        {"bad/unknown_key.json", "$.actors[1].cahs: 未知的键（是不是想写“cash”？）"},
        {"bad/wrong_type.json", "实际是字符串\"80\""},
        {"bad/missing_field.json", "缺少这个键"},
        {"badsave/bad_plays.json",
         "应为以下之一：\"history\"、\"baseline\"、\"passive\"、\"human\"或\"lua\""},
        {"badsave/nan.json", "nan.json:15:52: 不是有效的JSON：应为一个值，却遇到“NaN”"},
        {"no-such-file.json", "no-such-file.json: 无法打开："},
        /* dat_save's own messages: what was expected and what was found. */
        {"badsave/bad_rng.json",
         "$.seats[2].rng[0]: 应为16个小写十六进制数字，实际是\"6fd9da738313a50z\""},
        {"badsave/zero_rng.json", "$.seats[2].rng: 随机数生成器的状态不能全为零"},
        {"badsave/books.json", "$.world.cash[0]: 各笔资金流加起来是10.819706489797888，而存档记的是"
                               "10.719706489797886：账目不平"},
        {"badsave/memory_table_key.json", "$.seats[2].memory[0][0]: 键只能是数值、字符串或布尔值"},
        {"badsave/lua_field_on_native.json",
         "$.seats[0].memory: 只有由lua脚本操控的座位才有memory"},
        {"badsave/turn_beyond.json", "$.turn: 应不超过24（情景的长度），实际是500"},
        {"badsave/wrong_role.json",
         "$.seats[0].role: 应为\"openai\"（情景中编号0的参与者），实际是\"google\""},
        {"badsave/altered_scenario.json",
         "$.scenario.hash: 情景文本与它的哈希不符（文件被改动过）"},
        {"badsave/bad_seed.json",
         "$.seed: 应为写在字符串里的0..18446744073709551615之间的整数，实际是\"-42\""},
        /* terms a deal cannot have: the refusal's own words (desk.json refuse.<code>) */
        {"badsave/bad_terms.json", "$.world.deals[1].terms: compute：付款方和收款方是同一家"},
        /* a save of the model before balance sheets (version 1) */
        {"badsave/old_model.json",
         "$.version: 版本1是引入资产负债表、不确定需求和交付成本之前（2026-12）的模型存档；"
         "本程序无法接着玩下去：请重新开始这个剧本"},
        /* the scenario's cross-field checks (errsim.json) */
        {"bad/out_of_order.json", "$.events[2].date：事件顺序有误：2025-02排在2025-03之后"},
    };
    test_lang_use(CORE_LANG_ZH);
    for (size_t k = 0; k < sizeof zh / sizeof zh[0]; k++) {
        char path[600], err[1024];
        snprintf(path, sizeof path, "%s/%s", CL_TESTDATA, zh[k].file);
        load_message(path, strncmp(zh[k].file, "badsave/", 8) == 0, err, sizeof err);
        CHECK_MSG(strstr(err, zh[k].want) != NULL, "%s: \"%s\" lacks \"%s\"", zh[k].file, err,
                  zh[k].want);
    }
    test_lang_use(CORE_LANG_EN);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/cl_test_save.XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    test_round_trip();
    test_room();
    test_levers();
    test_resume();
    test_bad_files();
    test_autosave();
    test_replay();
    test_messages_in_languages();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    TEST_END();
}
