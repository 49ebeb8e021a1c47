/* test_app_batch: the batch engine: sweeps and their checks, seeds, the plan's hash, and results
 * handed over in run order, the same whatever the thread count and the shard. */
#include "app_batch.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

/* Collects results in the order the sink sees them. */
typedef struct {
    AppBatchResult *r;
    long long n, cap;
    int stop_after; /* 0: never */
} Seen;

static int keep(void *ctx, const AppBatchResult *r)
{
    Seen *s = ctx;
    if (s->n < s->cap)
        s->r[s->n] = *r;
    s->n++;
    return s->stop_after && s->n >= s->stop_after;
}

/* A plan of the 2025 scenario with `choice` in every role. */
static int plan(AppBatchPlan *p, const char *choice, long long runs, const char *vary1,
                const char *vary2, char *err, size_t errsz)
{
    app_batch_plan_init(p);
    p->progress = 0;
    p->runs = runs;
    p->seed = 42;
    if (app_batch_load_scenario(p, CL_SCENARIO, err, errsz) < 0)
        return -1;
    if (vary1 && app_batch_add_vary(p, vary1, err, errsz) < 0)
        return -1;
    if (vary2 && app_batch_add_vary(p, vary2, err, errsz) < 0)
        return -1;
    if (app_batch_add_variant(p, choice, NULL, NULL, 0, err, errsz) < 0)
        return -1;
    return app_batch_plan_finish(p, err, errsz);
}

static void test_vary_checks(void)
{
    AppBatchPlan p;
    char err[2048];
    app_batch_plan_init(&p);
    CHECK(app_batch_load_scenario(&p, CL_SCENARIO, err, sizeof err) == 0);
    struct {
        const char *spec, *says;
    } bad[] = {
        {"market.nope=0:1:1", "unknown parameter 'market.nope'"},
        {"nope=0:1:1", "expected one of target_gw, market.jump_payee"},
        {"actors.nobody.cash=0:1:1", "no actor 'nobody'"},
        {"actors.openai=0:1:1", "expected actors.ID.NAME"},
        {"actors.openai.playbook=0:1:1", "unknown parameter"},
        {"market.reversion=0:1:0", "STEP must be greater than 0"},
        {"market.reversion=1:0:0.5", "FROM (1) must not be greater than TO (0)"},
        {"market.reversion=0:1", "expected PARAM=FROM:TO:STEP"},
        {"market.reversion=0:1:1:1", "expected PARAM=FROM:TO:STEP"},
        {"market.reversion=0:x:1", "must be numbers"},
        {"market.reversion=0:inf:1", "must be numbers"},
        {"market.reversion=0.5:2:0.5", "accepted range"},
        {"market.jump_alpha=0:1:0.5", "accepted range"},
        {"market.reversion=0:1e9:1e-3", "too many"},
        {"=0:1:1", "expected PARAM=FROM:TO:STEP"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        err[0] = '\0';
        CHECK_MSG(app_batch_add_vary(&p, bad[k].spec, err, sizeof err) < 0, "%s", bad[k].spec);
        CHECK_MSG(strstr(err, bad[k].says) != NULL, "%s: got '%s'", bad[k].spec, err);
    }
    CHECK(p.n_vary == 0);
    CHECK(app_batch_add_vary(&p, "market.jump_payee=0.3:0.8:0.1", err, sizeof err) == 0);
    CHECK(p.vary[0].count == 6);
    CHECK(app_batch_add_vary(&p, "actors.openai.revenue_growth=0.5:0.9:0.25", err, sizeof err) ==
          0);
    CHECK(p.vary[1].count == 2 && p.vary[1].actor == 0);
    CHECK(app_batch_add_vary(&p, "market.jump_payee=0:1:1", err, sizeof err) < 0);
    CHECK(strstr(err, "given twice") != NULL);
    app_batch_plan_free(&p);
}

static void test_seeds_and_hash(void)
{
    CHECK(app_batch_seed(1, 0) != app_batch_seed(1, 1));
    CHECK(app_batch_seed(1, 1) != app_batch_seed(2, 0));
    CHECK(app_batch_seed(7, 3) == app_batch_seed(7, 3));
    AppBatchPlan a, b;
    char err[1024];
    CHECK(plan(&a, "baseline", 3, NULL, NULL, err, sizeof err) == 0);
    CHECK(plan(&b, "baseline", 3, NULL, NULL, err, sizeof err) == 0);
    CHECK(app_batch_plan_hash(&a) == app_batch_plan_hash(&b));
    b.threads = 4;
    b.shard_n = 3;
    CHECK(app_batch_plan_hash(&a) == app_batch_plan_hash(&b)); /* not part of the identity */
    b.seed = 43;
    CHECK(app_batch_plan_hash(&a) != app_batch_plan_hash(&b));
    app_batch_plan_free(&b);
    CHECK(plan(&b, "history", 3, NULL, NULL, err, sizeof err) == 0);
    CHECK(app_batch_plan_hash(&a) != app_batch_plan_hash(&b));
    app_batch_plan_free(&b);
    CHECK(plan(&b, "baseline", 3, "market.reversion=0:0.01:0.01", NULL, err, sizeof err) == 0);
    CHECK(app_batch_plan_hash(&a) != app_batch_plan_hash(&b));
    app_batch_plan_free(&b);
    app_batch_plan_free(&a);
}

static int same_result(const AppBatchResult *x, const AppBatchResult *y, int n_actors)
{
    if (x->run != y->run || x->seed != y->seed || x->end != y->end || x->turns != y->turns ||
        x->collapse_turn != y->collapse_turn || x->peak_leverage != y->peak_leverage ||
        x->value_created != y->value_created || x->failed != y->failed)
        return 0;
    for (int i = 0; i < n_actors; i++)
        if (x->scores[i] != y->scores[i])
            return 0;
    return 1;
}

static void test_order_threads_shards(void)
{
    AppBatchPlan p;
    char err[1024];
    CHECK(plan(&p, "baseline", 5, "market.jump_payee=0.4:0.6:0.1", "market.fomo_gain=0:1:1", err,
               sizeof err) == 0);
    CHECK(p.points == 6 && p.total == 30);
    AppBatchResult one[30], many[30];
    Seen s1 = {one, 0, 30, 0}, s4 = {many, 0, 30, 0};
    long long done = 0;
    p.threads = 1;
    CHECK(app_batch_execute(&p, keep, &s1, &done, err, sizeof err) == APP_BATCH_DONE);
    CHECK(done == 30 && s1.n == 30);
    p.threads = 4;
    CHECK(app_batch_execute(&p, keep, &s4, &done, err, sizeof err) == APP_BATCH_DONE);
    CHECK(s4.n == 30);
    int n = p.sc->n_actors;
    for (int k = 0; k < 30; k++) {
        CHECK_MSG(one[k].run == k, "run %d came as %lld", k, one[k].run);
        CHECK_MSG(same_result(&one[k], &many[k], n), "run %d differs with 4 threads", k);
        CHECK(one[k].failed == 0);
    }
    /* The grid: the first sweep slowest; every point plays the same seeds. */
    CHECK(one[0].values[0] == 0.4 && one[0].values[1] == 0);
    CHECK(one[5].values[0] == 0.4 && one[5].values[1] == 1);
    CHECK(one[10].values[0] == 0.5 && one[10].values[1] == 0);
    CHECK(one[29].values[0] == 0.6 && one[29].values[1] == 1);
    for (int k = 0; k < 30; k++)
        CHECK(one[k].seed == app_batch_seed(42, k % 5));
    /* A different jump gives a different game on the same seed. */
    CHECK(one[0].seed == one[10].seed && !same_result(&one[0], &one[10], n));
    /* Shards: run r in shard r % N, in order. */
    for (int i = 0; i < 4; i++) {
        AppBatchResult part[30];
        Seen s = {part, 0, 30, 0};
        p.shard_i = i;
        p.shard_n = 4;
        p.threads = 2;
        CHECK(app_batch_shard_count(&p) == (30 - i + 3) / 4);
        CHECK(app_batch_execute(&p, keep, &s, &done, err, sizeof err) == APP_BATCH_DONE);
        CHECK(s.n == app_batch_shard_count(&p));
        for (long long k = 0; k < s.n; k++)
            CHECK(same_result(&part[k], &one[i + 4 * k], n));
    }
    /* A sink that says stop stops the batch. */
    p.shard_i = 0;
    p.shard_n = 1;
    AppBatchResult few[30];
    Seen sf = {few, 0, 30, 7};
    CHECK(app_batch_execute(&p, keep, &sf, &done, err, sizeof err) == APP_BATCH_SINK_FAILED);
    CHECK(done == 7 && sf.n == 7);
    /* The shard must lie within N. */
    p.shard_i = 4;
    p.shard_n = 4;
    CHECK(app_batch_plan_finish(&p, err, sizeof err) < 0 && strstr(err, "must be below N"));
    app_batch_plan_free(&p);
}

static void test_measures(void)
{
    /* history in every role: the story as written, which ends in the hub's default. */
    AppBatchPlan p;
    char err[1024];
    CHECK(plan(&p, "history", 2, NULL, NULL, err, sizeof err) == 0);
    AppBatchResult r[2];
    Seen s = {r, 0, 2, 0};
    long long done = 0;
    CHECK(app_batch_execute(&p, keep, &s, &done, err, sizeof err) == APP_BATCH_DONE);
    for (int k = 0; k < 2; k++) {
        CHECK(r[k].turns > 0);
        /* The calendar runs on after the hub's fall: a game ends in default when it fell. */
        CHECK((r[k].end == SIM_END_DEFAULT) == (r[k].collapse_turn > 0));
        CHECK(r[k].collapse_turn <= r[k].turns);
        CHECK(r[k].peak_circularity >= 0 && r[k].peak_circularity <= 1);
        CHECK(r[k].peak_leverage > 0);
        CHECK(r[k].value_created >= 0 && r[k].value_destroyed >= 0);
        CHECK(r[k].announced > 0);
    }
    app_batch_plan_free(&p);
}

static void test_variants(void)
{
    AppBatchPlan p;
    char err[1024];
    app_batch_plan_init(&p);
    CHECK(app_batch_load_scenario(&p, CL_SCENARIO, err, sizeof err) == 0);
    const char *roles[] = {"nvidia"}, *bad_role[] = {"nobody"};
    const char *human[] = {"human"}, *unknown[] = {"foo"}, *missing[] = {"/no/such.lua"};
    CHECK(app_batch_add_variant(&p, "baseline", bad_role, human, 1, err, sizeof err) < 0 &&
          strstr(err, "no role 'nobody'"));
    CHECK(app_batch_add_variant(&p, "baseline", roles, human, 1, err, sizeof err) < 0 &&
          strstr(err, "nobody at the keyboard"));
    CHECK(app_batch_add_variant(&p, "baseline", roles, unknown, 1, err, sizeof err) < 0 &&
          strstr(err, "unknown strategy 'foo'"));
    CHECK(app_batch_add_variant(&p, "baseline", roles, missing, 1, err, sizeof err) < 0 &&
          strstr(err, "/no/such.lua"));
    CHECK(p.n_variants == 0);
    const char *passive[] = {"passive"};
    CHECK(app_batch_add_variant(&p, "baseline", roles, passive, 1, err, sizeof err) == 0);
    CHECK(app_batch_add_variant(&p, "playbook", NULL, NULL, 0, err, sizeof err) == 1);
    int nv = 2; /* nvidia is actor 2 in the 2025 scenario */
    CHECK(strcmp(p.seat[0][nv], "passive") == 0 && p.script_of[0][nv] < 0);
    CHECK(strcmp(p.seat[0][0], "baseline") == 0);
    CHECK(p.script_of[1][0] >= 0 && p.n_scripts == p.sc->n_actors); /* each playbook read once */
    CHECK(app_batch_check_scripts(&p, err, sizeof err) == 0);
    app_batch_plan_free(&p);
}

/* The plan's messages in Chinese: whole sentences of the table, the ranges and lists in its words;
 * the parameter names and values as the user typed them. */
static void test_messages_zh(void)
{
    AppBatchPlan p;
    char err[2048];
    app_batch_plan_init(&p);
    test_lang_use(CORE_LANG_ZH);
    CHECK(app_batch_load_scenario(&p, NULL, err, sizeof err) == 0);
    static const struct {
        const char *spec, *says;
    } bad[] = {
        {"market.reversion=1:0:0.5", "--vary market.reversion：起点（1）不能大于终点（0）"},
        {"market.reversion=0:1", "格式应为“参数=起:止:步长”"},
        {"market.reversion=0.5:2:0.5", "超出允许范围：应为"},
        {"actors.nobody.cash=0:1:1", "openai、microsoft"},
    };
    for (size_t k = 0; p.sc && k < sizeof bad / sizeof bad[0]; k++) {
        err[0] = '\0';
        CHECK_MSG(app_batch_add_vary(&p, bad[k].spec, err, sizeof err) < 0, "%s", bad[k].spec);
        CHECK_MSG(strstr(err, bad[k].says) != NULL, "%s: got '%s'", bad[k].spec, err);
    }
    const char *roles[1] = {"nobody"}, *choices[1] = {"passive"};
    CHECK(p.sc && app_batch_add_variant(&p, "playbook", roles, choices, 1, err, sizeof err) < 0 &&
          strstr(err, "这个情景中没有角色“nobody”：应为all、openai、") != NULL);
    app_batch_plan_free(&p);
    test_lang_use(CORE_LANG_EN);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_vary_checks();
    test_seeds_and_hash();
    test_order_threads_shards();
    test_measures();
    test_variants();
    test_messages_zh();
    TEST_END();
}
