/* test_company_recipe: the recipe "a new company" (docs/architecture.md), on the map.
 *
 * The shipped scenario plus the actor of tests/data/company/skhynix.json, its Chinese names merged
 * into the scenario's lang block, is a scenario the reader takes as it is; played 14 months with
 * every role on its playbook (SK hynix, which has none, on the baseline rule), its map (the PNG map
 * that `play --png` and `run --png` draw, 1920 x 1080) has a node and a plate for SK hynix inside
 * the picture, on no other node or plate and crossed by no edge, named "SK hynix" in English and
 * "SK海力士" in Chinese (from the scenario's content, not the engine's tables); and it takes part:
 * a deal with it is on the map. tests/test_company_recipe.sh runs the same scenario through the
 * program. UT_PNG_DIR=DIR keeps the maps. */
#include "core_text.h"
#include "dat_file.h"
#include "dat_scenario.h"
#include "scr_require.h"
#include "scr_strategy.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_ui_lang.h"
#include "test_util.h"
#include "ui_map.h"
#include "ui_place.h"
#include "ui_png.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

/* The shipped scenario with the fixture's actor and content added, as text (caller frees). */
static char *merged_scenario(void)
{
    char err[512] = "", path[4096];
    size_t n = 0, m = 0;
    char *text = dat_read_file(CL_SCENARIO, (size_t)1 << 24, &n, err, sizeof err);
    snprintf(path, sizeof path, "%s/company/skhynix.json", CL_TESTDATA);
    char *fix = dat_read_file(path, (size_t)1 << 20, &m, err, sizeof err);
    CHECK_MSG(text && fix, "%s", err);
    cJSON *s = text ? cJSON_ParseWithLength(text, n) : NULL;
    cJSON *f = fix ? cJSON_ParseWithLength(fix, m) : NULL;
    free(text);
    free(fix);
    cJSON *actors = cJSON_GetObjectItemCaseSensitive(s, "actors");
    cJSON *actor = cJSON_DetachItemFromObjectCaseSensitive(f, "actor");
    cJSON *slang = cJSON_GetObjectItemCaseSensitive(s, "lang");
    cJSON *szh = cJSON_GetObjectItemCaseSensitive(slang, "zh");
    cJSON *fcontent = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(f, "lang"), "zh"),
        "content");
    char *out = NULL;
    CHECK(actors && actor && szh && fcontent);
    if (actors && actor && szh && fcontent) {
        cJSON_AddItemToArray(actors, actor);
        actor = NULL;
        cJSON *content = cJSON_GetObjectItemCaseSensitive(szh, "content");
        if (!content)
            content = cJSON_AddObjectToObject(szh, "content");
        for (cJSON *e = fcontent->child; e; e = e->next)
            cJSON_AddItemToObject(content, e->string, cJSON_Duplicate(e, 1));
        out = cJSON_PrintUnformatted(s);
    }
    cJSON_Delete(actor);
    cJSON_Delete(f);
    cJSON_Delete(s);
    return out;
}

static int inside(SDL_FRect in, SDL_FRect out)
{
    return in.x >= out.x - 0.5f && in.y >= out.y - 0.5f && in.x + in.w <= out.x + out.w + 0.5f &&
           in.y + in.h <= out.y + out.h + 0.5f;
}

/* The new firm's node and plate on the PNG map, named `name` in the language in use. */
static void check_map(const SimWorld *w, int firm, const char *name)
{
    char err[256] = "", what[64];
    snprintf(what, sizeof what, "company-map");
    SDL_Surface *s = ui_png_surface(1920, 1080, err, sizeof err);
    UiMap *m = ui_map_create(err, sizeof err);
    CHECK_MSG(s && m, "%s", err);
    if (s && m) {
        ui_tr_missing_reset();
        CHECK_MSG(ui_render_map(s, w, w->turn, 1.5, 0.35, m, err, sizeof err) == 0, "%s", err);
        ut_keep_png(s, what, 1920, 1080);
        ut_check_no_keys(what, 1920, 1080);
        CHECK_MSG(ui_map_node_count(m) == w->n, "%d nodes for %d firms", ui_map_node_count(m),
                  w->n);
        const UiMapNode *node = firm < ui_map_node_count(m) ? ui_map_node(m, firm) : NULL;
        CHECK(node != NULL);
        if (node) {
            SDL_FRect a = node->label, all = {0, 0, 1920, 1080};
            CHECK_MSG(node->r > 0 && a.w > 0 && a.h > 0, "%s has no node or no plate", name);
            CHECK_MSG(inside(a, all), "%s's plate leaves the map", name);
            for (int j = 0; j < ui_map_node_count(m); j++) {
                const UiMapNode *o = ui_map_node(m, j);
                CHECK_MSG(!ui_place_disc_meets(a, o->x, o->y, o->r), "%s's plate covers node %d",
                          name, j);
                if (j != firm)
                    CHECK_MSG(!ui_place_boxes_meet(a, o->label), "%s's plate meets plate %d", name,
                              j);
            }
            int edges = 0;
            for (int k = 0; k < ui_map_edge_count(m); k++) {
                const UiMapEdge *e = ui_map_edge(m, k);
                CHECK_MSG(!ui_place_seg_meets(a, e->x0, e->y0, e->x1, e->y1, e->width / 2.0f),
                          "an edge crosses %s's plate", name);
                edges += e->from == firm || e->to == firm;
            }
            CHECK_MSG(edges > 0, "no deal of %s on the map", name);
            char tip[1024];
            UiMapHit hit = {UI_HIT_NODE, firm};
            CHECK(ui_map_tooltip(m, hit, tip, sizeof tip) > 0);
            CHECK_MSG(strncmp(tip, name, strlen(name)) == 0, "its tooltip: %s", tip);
        }
    }
    ui_map_destroy(m);
    SDL_FreeSurface(s);
}

/* Actor i on its playbook, as `--strategy all=playbook` seats it; baseline without one. */
static void seat(SimWorld *w, int i)
{
    char err[512] = "", path[4096];
    SimStrategy s;
    const char *book = w->sc->actors[i].playbook;
    if (!*book) {
        CHECK(sim_strategy_baseline(&s) == 0);
        sim_world_set_strategy(w, i, s);
        return;
    }
    /* CL_LANGDIR is SOURCE/assets/lang: the playbooks are in SOURCE/scripts/strategies and what
     * they require in SOURCE/scripts/lib. */
    snprintf(path, sizeof path, "%s/../../scripts/lib", CL_LANGDIR);
    scr_require_set_dir(path);
    snprintf(path, sizeof path, "%s/../../scripts/strategies/%s", CL_LANGDIR, book);
    size_t n = 0;
    char *src = dat_read_file(path, (size_t)1 << 20, &n, err, sizeof err);
    int rc = src ? scr_strategy_create(path, src, n, NULL, w->sc->default_seed, w->sc->actors[i].id,
                                       &s, err, sizeof err)
                 : -1;
    CHECK_MSG(rc == 0, "%s: %s", path, err);
    if (rc == 0)
        sim_world_set_strategy(w, i, s);
    free(src);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    char err[512] = "";
    char *text = merged_scenario();
    SimScenario *sc =
        text ? dat_scenario_parse(text, strlen(text), "newco.json", err, sizeof err) : NULL;
    free(text);
    CHECK_MSG(sc != NULL, "the scenario with a new company: %s", err);
    int firm = sc ? sim_scenario_find_actor(sc, "skhynix") : -1;
    CHECK(sc && firm == sc->n_actors - 1 && strcmp(sc->actors[firm].playbook, "") == 0);
    SimWorld *w = sc ? sim_world_create(sc, sc->default_seed, err, sizeof err) : NULL;
    CHECK_MSG(!sc || w, "%s", err);
    for (int i = 0; w && i < w->n; i++)
        seat(w, i);
    if (w) {
        CHECK(sim_turn_start(w, err, sizeof err) == 0);
        CHECK_MSG(sim_turn_run(w, 14, err, sizeof err) >= 0, "%s", err);
        const CoreText *strings[CORE_LANG_COUNT], *content[CORE_LANG_COUNT];
        for (int l = 0; l < CORE_LANG_COUNT; l++) {
            strings[l] = sc->lang_strings[l];
            content[l] = sc->lang_content[l];
        }
        core_tr_overlay(strings, content);
        check_map(w, firm, "SK hynix");
        test_lang_use(CORE_LANG_ZH);
        core_tr_overlay(strings, content);
        check_map(w, firm, "SK海力士");
        core_tr_overlay(NULL, NULL);
        test_lang_use(CORE_LANG_EN);
    }
    sim_world_destroy(w);
    sim_scenario_free(sc);
    TEST_END();
}
