/* test_app_start: the start screen's wiring without a window: the scenario files and strategy
 * scripts it lists, the roles and seed of the scenario on show, and the picks turned into the
 * options the game starts with (a person's seat is "human", the others their strategy), which
 * seat a world; a seed that is not a number is refused with a notice. The language row switches
 * the program's language and the form's words with it. */
#include "app_run.h"
#include "app_seat.h"
#include "app_start.h"
#include "sim_world.h"
#include "test_lang.h"
#include "test_util.h"
#include "ui_start.h"

#include <string.h>

static int find(const char *const *list, int n, const char *s)
{
    for (int k = 0; k < n; k++)
        if (strcmp(list[k], s) == 0)
            return k;
    return -1;
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    AppStart *st = app_start_create();
    CHECK(st != NULL);
    if (!st)
        TEST_END();
    UiStart *f = app_start_form(st);
    /* The files: the 2025 scenario on show; the natives first, then the scripts. */
    int k = find(f->scenarios, f->n_scenarios, "closed-loop-2025.json");
    CHECK(k >= 0 && f->scenario == k);
    CHECK(f->n_scripts > 4 && strcmp(f->scripts[0], "playbook") == 0);
    CHECK(find(f->scripts, f->n_scripts, "baseline") == 1);
    int bind = find(f->scripts, f->n_scripts, "nvidia_bind.lua");
    int example = find(f->scripts, f->n_scripts, "examples/cautious_vendor.lua");
    CHECK(bind > 3 && example > bind);
    /* The roles and the seed of the scenario. */
    CHECK(f->n_roles == 9 && strcmp(f->roles[0].id, "openai") == 0);
    CHECK(strcmp(f->roles[2].playbook, "nvidia_bind") == 0);
    CHECK(find(f->scripts, f->n_scripts, "openai_orchestrate.lua") > 3);
    CHECK(f->title && strstr(f->title, "2025") && f->seed[0] != '\0');
    CHECK(ui_start_people(f, NULL) == 0);

    /* OpenAI and Oracle people (hot-seat), Nvidia baseline, AMD the example script. */
    AppOptions base;
    memset(&base, 0, sizeof base);
    base.cmd = APP_CMD_PLAY;
    base.turns = -1;
    base.check_books = 1;
    f->person[0] = f->person[4] = 1;
    f->script[2] = 1;
    f->script[5] = example;
    snprintf(f->seed, sizeof f->seed, "4242");
    AppOptions o;
    CHECK(app_start_options(st, &base, &o) == 0);
    CHECK(o.has_seed && o.seed == 4242 && o.scenario &&
          strstr(o.scenario, "closed-loop-2025.json"));
    CHECK(o.n_strategies == 9);
    CHECK(strcmp(o.strategies[0].role, "openai") == 0 &&
          strcmp(o.strategies[0].strategy, "human") == 0);
    CHECK(strcmp(o.strategies[4].strategy, "human") == 0);
    CHECK(strcmp(o.strategies[2].strategy, "baseline") == 0);
    CHECK(strcmp(o.strategies[1].strategy, "playbook") == 0);
    CHECK(strstr(o.strategies[5].strategy, "examples/cautious_vendor.lua") != NULL);

    /* The options seat a world: people on queued seats, the rest as chosen. */
    int status = 0;
    SimWorld *w = app_open_world(&o, stderr, &status);
    CHECK(w != NULL && w->seed == 4242);
    char err[1024] = "";
    if (w) {
        CHECK_MSG(app_seat_world(w, NULL, o.strategies, o.n_strategies, "playbook", NULL, err,
                                 sizeof err) == 0,
                  "%s", err);
        CHECK(sim_strategy_is_queued(&w->actors[0].strategy));
        CHECK(sim_strategy_is_queued(&w->actors[4].strategy));
        CHECK(!sim_strategy_is_queued(&w->actors[2].strategy));
        CHECK(strcmp(w->actors[2].strategy.name, "baseline") == 0);
        sim_world_destroy(w);
    }

    /* A seed that is not a whole number: refused, the focus on the seed. */
    snprintf(f->seed, sizeof f->seed, "%s", "");
    CHECK(app_start_options(st, &base, &o) == -1 && f->notice && f->focus == UI_START_ROW_SEED);
    snprintf(f->seed, sizeof f->seed, "%s", "18446744073709551616");
    CHECK(app_start_options(st, &base, &o) == -1);
    snprintf(f->seed, sizeof f->seed, "%s", "18446744073709551615");
    CHECK(app_start_options(st, &base, &o) == 0 && o.seed == UINT64_MAX);
    CHECK(app_start_wanted(&base));
    base.has_seed = 1;
    CHECK(!app_start_wanted(&base));

    /* The language row: the whole program switches (the tables in use), the form's words with
     * it (the scenario's title, the roles' names and notes), the picks stay; and back. */
    char english_title[512];
    snprintf(english_title, sizeof english_title, "%s", f->title);
    f->person[2] = 1;
    CHECK_MSG(app_start_set_lang(st, CORE_LANG_ZH, err, sizeof err) == 0, "%s", err);
    CHECK(core_tr_lang() == CORE_LANG_ZH && f->lang == CORE_LANG_ZH);
    CHECK_MSG(strcmp(f->title, english_title) != 0, "title still %s", f->title);
    CHECK(strcmp(f->roles[1].name, "微软") == 0 && strcmp(f->roles[2].name, "英伟达") == 0);
    CHECK(strstr(f->roles[0].note, "枢纽") != NULL);
    CHECK(f->person[2] && f->n_roles == 9 && strcmp(f->roles[0].id, "openai") == 0);
    CHECK(strcmp(f->scripts[0], "剧本") == 0);
    /* Among the scripts to choose from, a shipped playbook by its name, its file beside it. */
    CHECK(find(f->scripts, f->n_scripts, "统筹全局（openai_orchestrate.lua）") > 3);
    /* The shipped playbooks by name in Chinese too: no file name left in a role's row. */
    CHECK_MSG(strcmp(f->roles[2].playbook, "投资绑定客户") == 0, "%s", f->roles[2].playbook);
    for (int i = 0; i < f->n_roles; i++)
        for (const char *c = f->roles[i].playbook; c && *c; c++)
            CHECK_MSG(!((*c >= 'a' && *c <= 'z') || *c == '_'), "%s", f->roles[i].playbook);
    snprintf(f->seed, sizeof f->seed, "%s", "x");
    CHECK(app_start_options(st, &base, &o) == -1 && f->notice && strstr(f->notice, "随机种子"));
    CHECK(app_start_set_lang(st, CORE_LANG_EN, err, sizeof err) == 0);
    CHECK(core_tr_lang() == CORE_LANG_EN && strcmp(f->title, english_title) == 0);
    CHECK(strcmp(f->roles[1].name, "Microsoft") == 0 && strcmp(f->scripts[0], "playbook") == 0);
    CHECK(strcmp(f->roles[2].playbook, "nvidia_bind") == 0);
    CHECK(find(f->scripts, f->n_scripts, "openai_orchestrate.lua") > 3);
    /* Story mode on the form goes to the options (--classroom). */
    snprintf(f->seed, sizeof f->seed, "%s", "5");
    f->story = 1;
    CHECK(app_start_options(st, &base, &o) == 0 && o.classroom == 1);
    f->story = 0;
    CHECK(app_start_options(st, &base, &o) == 0 && o.classroom == 0);
    /* A new game after one of another folder's scenario: that folder's list, that scenario. */
    app_start_pick(st, CL_TESTDATA "/minimal.json");
    CHECK(f->n_scenarios > 1 && strcmp(f->scenarios[f->scenario], "minimal.json") == 0);
    CHECK(app_start_options(st, &base, &o) == 0 && strstr(o.scenario, "tests/data/minimal.json"));
    CHECK(app_start_set_lang(st, 7, err, sizeof err) == -1 && core_tr_lang() == CORE_LANG_EN);
    app_start_destroy(st);
    TEST_END();
}
