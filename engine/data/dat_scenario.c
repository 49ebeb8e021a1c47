/* dat_scenario: reads a scenario file into a SimScenario, key by key, then checks it whole.
 *
 * The key names and ranges below are the file format (docs/scenario-format.md): change one and
 * change the other. Objects are checked for unknown and duplicate keys before their fields are
 * read, so that a typo is reported as a typo and not as a missing key. */
#include "dat_scenario.h"

#include "dat_lang.h"

#include "dat_json.h"

#include "core_text.h"
#include "sim_param.h"
#include "sim_world.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_NAME    "closedloop-scenario"
#define FORMAT_VERSION 1
#define MAX_ACTORS     64
#define MAX_INITIAL    1024
#define MAX_EVENTS     10000
#define SEED_MAX       ((int64_t)1 << 53)

/* Characters allowed in ids and tags. */
#define SCENARIO_ID_CHARS "a-z0-9-"
#define ACTOR_ID_CHARS    "a-z0-9_"
#define TAG_CHARS         "a-zA-Z0-9_.-"
#define PLAYBOOK_CHARS    "a-z0-9_.-"     /* a file name in its folder of playbooks, no folders */
#define REL_PATH_CHARS    "a-zA-Z0-9_./-" /* a path relative to the scenario file */
#define PARAM_CHARS       "a-z0-9_"       /* a playbook parameter: a Lua identifier */

typedef struct {
    DatReader *r;
    SimScenario *s;
    const char *kind_names[SIM_DEAL_KIND_COUNT];
} Loader;

/* The ranges numbers are held to (docs/scenario-format.md). */
typedef enum {
    ANY,        /* any finite number */
    NONNEG,     /* >= 0 */
    POSITIVE,   /* > 0 */
    UNIT,       /* [0, 1] */
    AMOUNT,     /* $B: [0, 1e6] */
    GROWTH,     /* a growth rate: > -1 */
    ALPHA,      /* (0, 4] */
    SENT_START, /* (-5, 5) */
    RATE,       /* a discount rate: (0.03, 1]: above the long-run growth of a terminal value */
    MONTHS,     /* [0, 120] */
    LEASE,      /* [0, 600] months */
} RangeKind;

static DatRange range_of(RangeKind k)
{
    static const DatRange ranges[] = {
        [ANY] = {-DBL_MAX, DBL_MAX, 0, 0},
        [NONNEG] = {0, DBL_MAX, 0, 0},
        [POSITIVE] = {0, DBL_MAX, 1, 0},
        [UNIT] = {0, 1, 0, 0},
        [AMOUNT] = {0, DAT_MAX_AMOUNT, 0, 0},
        [GROWTH] = {-1, DBL_MAX, 1, 0},
        [ALPHA] = {0, 4, 1, 0},
        [SENT_START] = {-5, 5, 1, 1},
        [RATE] = {0.03, 1, 1, 0},
        [MONTHS] = {0, 120, 0, 0},
        [LEASE] = {0, 600, 0, 0},
    };
    return ranges[k];
}

/* A numeric field of a struct, read from the key of the same meaning. */
typedef struct {
    const char *key;
    size_t off;
    RangeKind range;
} NumField;

static const char *const top_keys[] = {
    "format", "version",     "id",   "title",     "description", "start",         "end",
    "hub",    "target_gw",   "seed", "market",    "actors",      "initial_deals", "events",
    "lesson", "sensitivity", "lang", "playbooks", "classroom",   "clearing",      NULL};

#define MKT(k) #k, offsetof(SimMarketParams, k)
static const NumField market_fields[] = {
    {MKT(jump_payee), NONNEG},
    {MKT(jump_payer), NONNEG},
    {MKT(jump_alpha), ALPHA},
    {MKT(jump_cap), NONNEG},
    {MKT(circular_discount), UNIT},
    {MKT(sentiment_gain), NONNEG},
    {MKT(fomo_gain), NONNEG},
    {MKT(rival_spill), ANY},
    {MKT(day_noise), NONNEG},
    {MKT(sentiment_start), SENT_START},
    {MKT(sentiment_decay), UNIT},
    {MKT(sentiment_news), NONNEG},
    {MKT(sentiment_strain), NONNEG},
    {MKT(reversion), UNIT},
    {MKT(demand_ceiling), POSITIVE},
    {MKT(demand_sigma), NONNEG},
    {MKT(demand_speed_sd), NONNEG},
    {MKT(demand_innovation), NONNEG},
    {MKT(revenue_per_gw), POSITIVE},
    {MKT(discount_rate), RATE},
    {MKT(merton_horizon), POSITIVE},
    {MKT(lender_dd), ANY},
    {MKT(credit_appetite), NONNEG},
    {MKT(growth_optimism), NONNEG},
    {MKT(spend_share), UNIT},
    {MKT(franchise_margin), UNIT},
    {MKT(share_weight), NONNEG},
    {MKT(delivery_lead), MONTHS},
    {MKT(salvage), UNIT},
    {MKT(jv_yield), UNIT},
    {MKT(jv_lease_months), LEASE},
    {MKT(raise_fraction), NONNEG},
    {MKT(interest_rate), NONNEG},
    {MKT(recovery_rate), UNIT},
    {MKT(equity_recovery), UNIT},
    {MKT(crash_sentiment), NONNEG},
    {MKT(threat_decay), UNIT},
    {MKT(budget_slack), NONNEG},
    {MKT(sell_impact), NONNEG},
    {MKT(exit_penalty), UNIT},
    {MKT(cash_buffer_months), MONTHS},
    {MKT(max_commit_pd), UNIT},
};
static const char *const market_keys[] = {"jump_payee",        "jump_payer",
                                          "jump_alpha",        "jump_cap",
                                          "circular_discount", "sentiment_gain",
                                          "fomo_gain",         "rival_spill",
                                          "day_noise",         "sentiment_start",
                                          "sentiment_decay",   "sentiment_news",
                                          "sentiment_strain",  "reversion",
                                          "demand_ceiling",    "demand_sigma",
                                          "demand_speed_sd",   "demand_innovation",
                                          "revenue_per_gw",    "discount_rate",
                                          "merton_horizon",    "lender_dd",
                                          "credit_appetite",   "growth_optimism",
                                          "spend_share",       "franchise_margin",
                                          "share_weight",      "delivery_lead",
                                          "salvage",           "jv_yield",
                                          "jv_lease_months",   "delivery_cost",
                                          "build_months",      "raise_fraction",
                                          "interest_rate",     "missed_to_default",
                                          "recovery_rate",     "equity_recovery",
                                          "crash_sentiment",   "threat_decay",
                                          "budget_slack",      "sell_impact",
                                          "exit_penalty",      "cash_buffer_months",
                                          "max_commit_pd",     NULL};

#define ACT(k) #k, offsetof(SimActorSpec, k)
static const NumField actor_fields[] = {
    {ACT(cash), AMOUNT},         {ACT(debt), AMOUNT},       {ACT(asset_vol), POSITIVE},
    {ACT(hub_share), UNIT},      {ACT(revenue), AMOUNT},    {ACT(revenue_growth), GROWTH},
    {ACT(growth_floor), GROWTH}, {ACT(growth_decay), UNIT}, {ACT(opex_ratio), NONNEG},
    {ACT(capex_budget), AMOUNT}, {ACT(shares), POSITIVE},   {ACT(price), POSITIVE},
    {ACT(compute_gw), NONNEG},   {ACT(volatility), NONNEG}, {ACT(sentiment_beta), ANY},
};
static const char *const actor_keys[] = {
    "id",         "name",           "leader",          "role",
    "cash",       "debt",           "asset_vol",       "hub_share",
    "revenue",    "revenue_growth", "growth_floor",    "growth_decay",
    "opex_ratio", "capex_budget",   "shares",          "price",
    "compute_gw", "volatility",     "sentiment_beta",  "objective",
    "baseline",   "playbook",       "playbook_params", NULL};

static const NumField objective_fields[] = {
    {"value", offsetof(SimObjective, w_value), ANY},
    {"compute", offsetof(SimObjective, w_compute), ANY},
    {"exposure", offsetof(SimObjective, w_exposure), ANY},
    {"survival", offsetof(SimObjective, w_survival), ANY},
};
static const char *const objective_keys[] = {"value", "compute", "exposure", "survival", NULL};

#define BASE(k) #k, offsetof(SimBaselineParams, k)
static const NumField baseline_fields[] = {
    {BASE(fomo_weight), ANY},     {BASE(threat_weight), ANY},     {BASE(sentiment_weight), ANY},
    {BASE(risk_weight), ANY},     {BASE(threshold), ANY},         {BASE(budget_share), NONNEG},
    {BASE(max_exposure), NONNEG}, {BASE(gw_per_billion), NONNEG}, {BASE(min_coverage), ANY},
};
static const char *const baseline_keys[] = {
    "fomo_weight", "threat_weight",  "sentiment_weight", "risk_weight",
    "threshold",   "budget_share",   "max_exposure",     "kind",
    "months",      "gw_per_billion", "cooldown",         "min_coverage",
    NULL};

static const char *const sens_keys[] = {"param", "low", "high", "scale", NULL};
static const char *const scale_names[] = {"linear", "log"};

static const char *const role_names[] = {"hub", "giant", "outside"};
static const char *const event_type_names[] = {"news", "deal", "release"};

/* Terms keys, shared by initial deals and deal events. */
#define TERMS_KEYS                                                                                 \
    "kind", "payer", "payee", "amount", "months", "delay", "upfront", "gw", "rate", "rate2",       \
        "shares"

static const char *const initial_keys[] = {"tag", "text", "proposer", TERMS_KEYS, NULL};

#define EVENT_KEYS "date", "type", "id", "title", "text"
static const char *const news_keys[] = {EVENT_KEYS,      "actor",  "sentiment", "growth",
                                        "threat_to",     "threat", "default",   "recovery",
                                        "after_default", NULL};
static const char *const deal_keys[] = {EVENT_KEYS, "proposer", TERMS_KEYS,      "accept", "reason",
                                        "answer",   "reaction", "after_default", NULL};
static const char *const release_keys[] = {EVENT_KEYS, "actor", "right", NULL};
static const char *const reaction_keys[] = {"payer", "payee", NULL};

/* ---------------------------------------------------------------------------------------------
 * Field readers */

static int read_fields(Loader *L, const cJSON *obj, void *base, const NumField *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double *dst = (double *)((char *)base + f[i].off);
        if (dat_number(L->r, obj, f[i].key, DAT_REQUIRED, range_of(f[i].range), 0, dst))
            return -1;
    }
    return 0;
}

/* Enters obj[key], which must be an object with the allowed keys; returns the path mark. */
static const cJSON *enter_object(Loader *L, const cJSON *obj, const char *key, const char *what,
                                 const char *const *allowed, size_t *mark)
{
    const cJSON *v = dat_get(obj, key);
    if (!v) {
        dat_fail_missing(L->r, key, what);
        return NULL;
    }
    *mark = dat_enter_key(L->r, key);
    if (dat_object(L->r, v, what, allowed)) {
        dat_leave(L->r, *mark);
        return NULL;
    }
    return v;
}

/* "one of "a", "b" or "c"" for the actors, cut after a few. */
static void actor_list(const SimScenario *s, int with_world, char *buf, size_t sz)
{
    const char *names[10];
    int n = 0;
    for (int i = 0; i < s->n_actors && n < 8; i++)
        names[n++] = s->actors[i].id;
    if (with_world)
        names[n++] = "world";
    dat_names_list(names, n, buf, sz);
    if (s->n_actors > 8) {
        size_t k = strlen(buf);
        snprintf(buf + k, sz - k, " or another actor id");
    }
}

/* An actor id (or "world" when allowed) into an actor index (or SIM_WORLD). */
static int read_actor(Loader *L, const cJSON *obj, const char *key, DatNeed need, int with_world,
                      int *out)
{
    char id[64], list[400], got[80];
    const cJSON *v = dat_get(obj, key);
    *out = -1;
    if (!v && need == DAT_OPTIONAL)
        return 0;
    if (!v || !cJSON_IsString(v)) {
        actor_list(L->s, with_world, list, sizeof list);
        if (!v)
            return dat_fail_tr(L->r, key, "err.scenario.actor_missing",
                               "expected an actor id ({1}), got nothing (the key is missing)", list,
                               NULL);
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(L->r, key, "err.scenario.actor", "expected an actor id ({1}), got {2}",
                           list, got, NULL);
    }
    if (dat_string(L->r, obj, key, need, 1, NULL, id, sizeof id))
        return -1;
    if (with_world && strcmp(id, "world") == 0) {
        *out = SIM_WORLD;
        return 0;
    }
    *out = sim_scenario_find_actor(L->s, id);
    if (*out < 0) {
        actor_list(L->s, with_world, list, sizeof list);
        snprintf(got, sizeof got, "\"%s\"", id);
        return dat_fail_tr(L->r, key, "err.scenario.actor", "expected an actor id ({1}), got {2}",
                           list, got, NULL);
    }
    return 0;
}

static int read_kind(Loader *L, const cJSON *obj, const char *key, int *out)
{
    char name[64], list[400];
    const cJSON *v = dat_get(obj, key);
    dat_names_list(L->kind_names, SIM_DEAL_KIND_COUNT, list, sizeof list);
    char got[80];
    if (!v)
        return dat_fail_tr(L->r, key, "err.scenario.kind_missing",
                           "expected a deal kind (one of {1}), got nothing (the key is missing)",
                           list, NULL);
    if (!cJSON_IsString(v)) {
        dat_describe(v, got, sizeof got);
        return dat_fail_tr(L->r, key, "err.scenario.kind",
                           "expected a deal kind (one of {1}), got {2}", list, got, NULL);
    }
    if (dat_string(L->r, obj, key, DAT_REQUIRED, 1, NULL, name, sizeof name))
        return -1;
    *out = sim_deal_kind_parse(name);
    if (*out < 0 || *out >= SIM_DEAL_KIND_COUNT) {
        snprintf(got, sizeof got, "\"%s\"", name);
        return dat_fail_tr(L->r, key, "err.scenario.kind",
                           "expected a deal kind (one of {1}), got {2}", list, got, NULL);
    }
    return 0;
}

static int read_terms(Loader *L, const cJSON *o, SimTerms *t)
{
    DatReader *r = L->r;
    int kind;
    memset(t, 0, sizeof *t);
    if (read_kind(L, o, "kind", &kind))
        return -1;
    t->kind = (SimDealKind)kind;
    if (read_actor(L, o, "payer", DAT_REQUIRED, 0, &t->payer) ||
        read_actor(L, o, "payee", DAT_REQUIRED, 1, &t->payee) ||
        dat_number(r, o, "amount", DAT_OPTIONAL, dat_amount(), 0, &t->amount) ||
        dat_int(r, o, "months", DAT_REQUIRED, 1, 600, 1, &t->months) ||
        dat_int(r, o, "delay", DAT_OPTIONAL, 0, 240, 0, &t->delay) ||
        dat_number(r, o, "upfront", DAT_OPTIONAL, dat_between(0, 1), 0, &t->upfront) ||
        dat_number(r, o, "gw", DAT_OPTIONAL, dat_at_least(0), 0, &t->gw) ||
        dat_number(r, o, "rate", DAT_OPTIONAL, dat_between(0, 1), 0, &t->rate) ||
        dat_number(r, o, "rate2", DAT_OPTIONAL, dat_between(0, 1), 0, &t->rate2) ||
        dat_number(r, o, "shares", DAT_OPTIONAL, dat_at_least(0), 0, &t->shares))
        return -1;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Sections */

/* market.delivery_cost: the builder's cost per dollar of contract, by deal kind (kinds left out
 * cost nothing to deliver). */
static int read_delivery_cost(Loader *L, const cJSON *m, SimMarketParams *p)
{
    const char *kinds[SIM_DEAL_KIND_COUNT + 1];
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        kinds[k] = L->kind_names[k];
    kinds[SIM_DEAL_KIND_COUNT] = NULL;
    size_t mark;
    const cJSON *o =
        enter_object(L, m, "delivery_cost",
                     "an object of costs per dollar of contract by deal kind", kinds, &mark);
    if (!o)
        return -1;
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        if (dat_number(L->r, o, kinds[k], DAT_OPTIONAL, dat_between(0, 1), 0, &p->delivery_cost[k]))
            return -1;
    dat_leave(L->r, mark);
    return 0;
}

/* market.build_months (optional): months over which a builder puts up a contract's capacity, by
 * deal kind; kinds left out (or the whole object) are built as delivered. */
static int read_build_months(Loader *L, const cJSON *m, SimMarketParams *p)
{
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        p->build_months[k] = 0.0;
    if (!dat_get(m, "build_months"))
        return 0;
    const char *kinds[SIM_DEAL_KIND_COUNT + 1];
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        kinds[k] = L->kind_names[k];
    kinds[SIM_DEAL_KIND_COUNT] = NULL;
    size_t mark;
    const cJSON *o = enter_object(
        L, m, "build_months", "an object of build periods in months by deal kind", kinds, &mark);
    if (!o)
        return -1;
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        if (dat_number(L->r, o, kinds[k], DAT_OPTIONAL, dat_between(0, 600), 0,
                       &p->build_months[k]))
            return -1;
    dat_leave(L->r, mark);
    return 0;
}

static int read_market(Loader *L, const cJSON *root)
{
    size_t mark;
    const cJSON *m =
        enter_object(L, root, "market", "an object of market parameters", market_keys, &mark);
    if (!m)
        return -1;
    SimMarketParams *p = &L->s->market;
    if (read_fields(L, m, p, market_fields, sizeof market_fields / sizeof market_fields[0]) ||
        dat_int(L->r, m, "missed_to_default", DAT_REQUIRED, 1, 120, 1, &p->missed_to_default) ||
        read_delivery_cost(L, m, p) || read_build_months(L, m, p))
        return -1;
    dat_leave(L->r, mark);
    return 0;
}

/* The optional "clearing" block: the recovery of a defaulter's outside assets and of its
 * receivables in the month's clearing (sim_cascade); each left out is market.recovery_rate. */
static int read_clearing(Loader *L, const cJSON *root)
{
    static const char *const keys[] = {"recovery_assets", "recovery_claims", NULL};
    SimScenario *s = L->s;
    s->clearing_set = 0;
    if (!dat_get(root, "clearing"))
        return 0;
    size_t mark;
    const cJSON *o =
        enter_object(L, root, "clearing", "an object of clearing parameters", keys, &mark);
    if (!o)
        return -1;
    double rec = s->market.recovery_rate;
    if (dat_number(L->r, o, "recovery_assets", DAT_OPTIONAL, dat_between(0, 1), rec,
                   &s->clearing_alpha) ||
        dat_number(L->r, o, "recovery_claims", DAT_OPTIONAL, dat_between(0, 1), rec,
                   &s->clearing_beta))
        return -1;
    s->clearing_set = 1;
    dat_leave(L->r, mark);
    return 0;
}

/* Ids, names and roles first: every later reference to an actor is resolved against them. */
static int read_actor_ids(Loader *L, const cJSON *arr)
{
    DatReader *r = L->r;
    size_t mark = dat_enter_key(r, "actors");
    int i = 0;
    for (const cJSON *a = arr->child; a; a = a->next, i++) {
        SimActorSpec *x = &L->s->actors[i];
        int role;
        size_t m2 = dat_enter_index(r, i);
        if (dat_object(r, a, "an actor object", actor_keys) ||
            dat_string(r, a, "id", DAT_REQUIRED, 1, ACTOR_ID_CHARS, x->id, sizeof x->id))
            return -1;
        for (int j = 0; j < i; j++) {
            if (strcmp(L->s->actors[j].id, x->id) == 0) {
                char first[16];
                snprintf(first, sizeof first, "%d", j);
                return dat_fail_tr(r, "id", "err.scenario.actor_twice",
                                   "expected a unique actor id, got \"{1}\" again (first at "
                                   "$.actors[{2}])",
                                   x->id, first, NULL);
            }
        }
        if (dat_string(r, a, "name", DAT_REQUIRED, 0, NULL, x->name, sizeof x->name) ||
            dat_string(r, a, "leader", DAT_OPTIONAL, 0, NULL, x->leader, sizeof x->leader) ||
            dat_string(r, a, "playbook", DAT_OPTIONAL, 0, PLAYBOOK_CHARS, x->playbook,
                       sizeof x->playbook) ||
            dat_enum(r, a, "role", DAT_REQUIRED, role_names, 3, 0, &role))
            return -1;
        x->role = (SimRole)role;
        dat_leave(r, m2);
    }
    dat_leave(r, mark);
    return 0;
}

/* Whether name is 1..max bytes of PARAM_CHARS, not starting with a digit. */
static int param_name_ok(const char *name, size_t max)
{
    size_t n = strlen(name);
    if (n < 1 || n > max || (name[0] >= '0' && name[0] <= '9'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

/* The optional "playbook_params": names of the playbook's parameters, each a number or a
 * boolean. The playbook itself refuses a name it does not have (the loader cannot know them). */
static int read_playbook_params(Loader *L, const cJSON *a, SimActorSpec *x)
{
    DatReader *r = L->r;
    const cJSON *o = dat_get(a, "playbook_params");
    if (!o)
        return 0;
    size_t mark = dat_enter_key(r, "playbook_params");
    int n = 0;
    if (cJSON_IsObject(o)) {
        for (const cJSON *c = o->child; c; c = c->next)
            n++;
    }
    /* Counted before dat_object, whose duplicate check is quadratic in the members. */
    if (n > SIM_PLAYBOOK_PARAMS) {
        char most[16], got[16];
        snprintf(most, sizeof most, "%d", SIM_PLAYBOOK_PARAMS);
        snprintf(got, sizeof got, "%d", n);
        return dat_fail_tr(r, NULL, "err.scenario.params_count",
                           "expected an object of at most {1} parameters, got {2}", most, got,
                           NULL);
    }
    if (dat_object(r, o, "an object of playbook parameters (name: number or boolean)", NULL))
        return -1;
    for (const cJSON *c = o->child; c; c = c->next) {
        SimPlaybookParam *p = &x->playbook_params[x->n_playbook_params];
        char got[80];
        if (!c->string || !param_name_ok(c->string, sizeof p->name - 1)) {
            char most[16];
            snprintf(most, sizeof most, "%zu", sizeof p->name - 1);
            return dat_fail_tr(r, c->string, "err.scenario.param_name",
                               "expected a parameter name of 1 to {1} characters from [{2}], not "
                               "starting with a digit",
                               most, PARAM_CHARS, NULL);
        }
        snprintf(p->name, sizeof p->name, "%s", c->string);
        if (cJSON_IsBool(c)) {
            p->is_bool = 1;
            p->value = cJSON_IsTrue(c) ? 1.0 : 0.0;
        } else if (cJSON_IsNumber(c)) {
            if (dat_number(r, o, c->string, DAT_REQUIRED, dat_any(), 0, &p->value))
                return -1;
        } else {
            dat_describe(c, got, sizeof got);
            return dat_fail_tr(r, c->string, "err.scenario.number_or_bool",
                               "expected a number or a boolean, got {1}", got, NULL);
        }
        x->n_playbook_params++;
    }
    dat_leave(r, mark);
    return 0;
}

static int read_actor_body(Loader *L, const cJSON *a, SimActorSpec *x)
{
    DatReader *r = L->r;
    size_t mark;
    const cJSON *o;
    int kind;
    if (read_fields(L, a, x, actor_fields, sizeof actor_fields / sizeof actor_fields[0]))
        return -1;
    if (!(o = enter_object(L, a, "objective", "an objective object", objective_keys, &mark)) ||
        read_fields(L, o, &x->objective, objective_fields,
                    sizeof objective_fields / sizeof objective_fields[0]))
        return -1;
    dat_leave(r, mark);
    SimBaselineParams *b = &x->baseline;
    if (!(o = enter_object(L, a, "baseline", "a baseline object", baseline_keys, &mark)) ||
        read_fields(L, o, b, baseline_fields, sizeof baseline_fields / sizeof baseline_fields[0]) ||
        read_kind(L, o, "kind", &kind) ||
        dat_int(r, o, "months", DAT_REQUIRED, 1, 240, 1, &b->months) ||
        dat_int(r, o, "cooldown", DAT_REQUIRED, 0, 240, 0, &b->cooldown))
        return -1;
    b->kind = kind;
    dat_leave(r, mark);
    return read_playbook_params(L, a, x);
}

/* Runs fn over item i of the array arr (NULL: none), which stands under key, with the path set;
 * stops at the first failure. */
static int each(Loader *L, const cJSON *arr, const char *key,
                int (*fn)(Loader *L, const cJSON *v, int i))
{
    size_t mark = dat_enter_key(L->r, key);
    int i = 0;
    for (const cJSON *c = arr ? arr->child : NULL; c; c = c->next, i++) {
        size_t m2 = dat_enter_index(L->r, i);
        if (fn(L, c, i))
            return -1;
        dat_leave(L->r, m2);
    }
    dat_leave(L->r, mark);
    return 0;
}

static int actor_at(Loader *L, const cJSON *v, int i)
{
    return read_actor_body(L, v, &L->s->actors[i]);
}

/* The optional "sensitivity" ranges: each names a parameter of the sim_param table (the same
 * names as batch --vary), low < high, both values the field accepts, and a scale. */
static int read_sensitivity(Loader *L, const cJSON *arr)
{
    DatReader *r = L->r;
    size_t mark = dat_enter_key(r, "sensitivity");
    int i = 0;
    char names[2048], got[160], a[64], b[64], c[64];
    for (const cJSON *e = arr ? arr->child : NULL; e; e = e->next, i++) {
        SimSensRange *x = &L->s->sens[i];
        SimParamRef ref;
        int scale = 0;
        size_t m2 = dat_enter_index(r, i);
        if (dat_object(r, e, "a sensitivity range object", sens_keys) ||
            dat_string(r, e, "param", DAT_REQUIRED, 1, NULL, x->param, sizeof x->param))
            return -1;
        SimParamStatus st = sim_param_find(L->s, x->param, &ref, a, sizeof a);
        if (st != SIM_PARAM_OK) {
            snprintf(got, sizeof got, "\"%.120s\"", x->param);
            if (st == SIM_PARAM_NO_ACTOR) {
                actor_list(L->s, 0, names, sizeof names);
                return dat_fail_tr(r, "param", "err.scenario.sens_actor",
                                   "expected actors.ID.NAME with ID one of {1}, got {2}", names,
                                   got, NULL);
            }
            sim_param_names(names, sizeof names);
            return dat_fail_tr(r, "param", "err.scenario.sens_param",
                               "expected a parameter name, got {1}; the names are {2}", got, names,
                               NULL);
        }
        for (int j = 0; j < i; j++)
            if (strcmp(L->s->sens[j].param, x->param) == 0) {
                snprintf(a, sizeof a, "%d", j);
                return dat_fail_tr(r, "param", "err.scenario.sens_twice",
                                   "expected each parameter once, got \"{1}\" again (first at "
                                   "$.sensitivity[{2}])",
                                   x->param, a, NULL);
            }
        if (dat_number(r, e, "low", DAT_REQUIRED, dat_any(), 0, &x->low) ||
            dat_number(r, e, "high", DAT_REQUIRED, dat_any(), 0, &x->high) ||
            dat_enum(r, e, "scale", DAT_OPTIONAL, scale_names, 2, 0, &scale))
            return -1;
        x->log = scale == 1;
        if (!(x->low < x->high)) {
            snprintf(a, sizeof a, "%.12g", x->low);
            snprintf(b, sizeof b, "%.12g", x->high);
            return dat_fail_tr(r, "high", "err.scenario.sens_order",
                               "expected a number greater than low ({1}), got {2}", a, b, NULL);
        }
        for (int end = 0; end < 2; end++) {
            double v = end ? x->high : x->low;
            if (sim_param_accepts(&ref, v))
                continue;
            double min, max;
            int open;
            sim_param_range(&ref, &min, &max, &open);
            snprintf(a, sizeof a, "%s %.12g", open ? ">" : ">=", min);
            snprintf(b, sizeof b, ", <= %.12g", max);
            if (!sim_param_bounded(&ref))
                b[0] = '\0';
            snprintf(c, sizeof c, "%.12g", v);
            return dat_fail_tr(r, end ? "high" : "low", "err.scenario.sens_out",
                               "expected a value {1} accepts ({2}{3}), got {4}", x->param, a, b, c,
                               NULL);
        }
        if (x->log && !(x->low > 0)) {
            snprintf(a, sizeof a, "%.12g", x->low);
            return dat_fail_tr(r, "low", "err.scenario.sens_log",
                               "expected a number > 0 for \"scale\": \"log\", got {1}", a, NULL);
        }
        dat_leave(r, m2);
    }
    L->s->n_sens = i;
    dat_leave(r, mark);
    return 0;
}

static int read_initial(Loader *L, const cJSON *arr)
{
    DatReader *r = L->r;
    size_t mark = dat_enter_key(r, "initial_deals");
    int i = 0;
    for (const cJSON *d = arr ? arr->child : NULL; d; d = d->next, i++) {
        SimInitialDeal *x = &L->s->initial[i];
        size_t m2 = dat_enter_index(r, i);
        if (dat_object(r, d, "an initial deal object", initial_keys) ||
            dat_string(r, d, "tag", DAT_REQUIRED, 1, TAG_CHARS, x->tag, sizeof x->tag) ||
            dat_string(r, d, "text", DAT_OPTIONAL, 0, NULL, x->text, sizeof x->text) ||
            read_actor(L, d, "proposer", DAT_REQUIRED, 0, &x->proposer) ||
            read_terms(L, d, &x->terms))
            return -1;
        dat_leave(r, m2);
    }
    dat_leave(r, mark);
    return 0;
}

static int read_reaction(Loader *L, const cJSON *e, SimScenarioEvent *x)
{
    size_t mark;
    if (!dat_get(e, "reaction"))
        return 0;
    const cJSON *o = enter_object(L, e, "reaction", "a reaction object", reaction_keys, &mark);
    /* A first-day simple return: -0.3 is a 30% fall; a price cannot fall by 100% or more. */
    if (!o || dat_number(L->r, o, "payer", DAT_OPTIONAL, dat_above(-1), NAN, &x->target_payer) ||
        dat_number(L->r, o, "payee", DAT_OPTIONAL, dat_above(-1), NAN, &x->target_payee))
        return -1;
    dat_leave(L->r, mark);
    return 0;
}

static int read_event(Loader *L, const cJSON *e, SimScenarioEvent *x)
{
    DatReader *r = L->r;
    static const char *const *const keys[] = {news_keys, deal_keys, release_keys};
    int type;
    x->actor = -1;
    x->threat_to = -1;
    x->proposer = -1;
    x->target_payer = NAN;
    x->target_payee = NAN;
    if (!cJSON_IsObject(e))
        return dat_object(r, e, "an event object", NULL);
    if (dat_enum(r, e, "type", DAT_REQUIRED, event_type_names, SIM_SEV_COUNT, 0, &type))
        return -1;
    x->type = (SimScenarioEventType)type;
    if (dat_object(r, e, "an event object", keys[type]) ||
        dat_month(r, e, "date", DAT_REQUIRED, 0, &x->month) ||
        dat_string(r, e, "id", DAT_REQUIRED, 1, TAG_CHARS, x->id, sizeof x->id) ||
        dat_string(r, e, "title", DAT_REQUIRED, 0, NULL, x->title, sizeof x->title) ||
        dat_string(r, e, "text", DAT_OPTIONAL, 0, NULL, x->text, sizeof x->text))
        return -1;
    switch (x->type) {
    case SIM_SEV_NEWS:
        if (read_actor(L, e, "actor", DAT_OPTIONAL, 0, &x->actor) ||
            dat_number(r, e, "sentiment", DAT_OPTIONAL, dat_any(), 0, &x->sentiment) ||
            dat_number(r, e, "growth", DAT_OPTIONAL, dat_any(), 0, &x->growth) ||
            read_actor(L, e, "threat_to", DAT_OPTIONAL, 0, &x->threat_to) ||
            dat_number(r, e, "threat", DAT_OPTIONAL, dat_at_least(0), 0, &x->threat))
            return -1;
        if (dat_get(e, "threat") && !dat_get(e, "threat_to"))
            return dat_fail_tr(r, "threat", "err.scenario.threat",
                               "expected \"threat_to\" beside it (the actor threatened), got none",
                               NULL);
        /* A failure of the record and the share its creditors recover (docs/scenario-format.md,
         * "Failures of the record"). */
        if (read_actor(L, e, "default", DAT_OPTIONAL, 0, &x->default_actor) ||
            dat_number(r, e, "recovery", DAT_OPTIONAL, dat_between(0, 1), NAN, &x->recovery) ||
            read_actor(L, e, "after_default", DAT_OPTIONAL, 0, &x->after_default))
            return -1;
        if (dat_get(e, "recovery") && !dat_get(e, "default"))
            return dat_fail_tr(r, "recovery", "err.scenario.recovery",
                               "expected \"default\" beside it (the firm whose creditors recover), "
                               "got none",
                               NULL);
        break;
    case SIM_SEV_DEAL:
        if (read_actor(L, e, "proposer", DAT_REQUIRED, 0, &x->proposer) ||
            read_terms(L, e, &x->terms) || dat_bool(r, e, "accept", DAT_REQUIRED, 0, &x->accept) ||
            dat_string(r, e, "reason", DAT_OPTIONAL, 0, NULL, x->reason, sizeof x->reason) ||
            dat_string(r, e, "answer", DAT_OPTIONAL, 0, NULL, x->answer, sizeof x->answer) ||
            read_reaction(L, e, x) ||
            read_actor(L, e, "after_default", DAT_OPTIONAL, 0, &x->after_default))
            return -1;
        x->actor = x->proposer;
        break;
    case SIM_SEV_RELEASE:
        if (read_actor(L, e, "actor", DAT_REQUIRED, 0, &x->actor) ||
            dat_string(r, e, "right", DAT_REQUIRED, 1, TAG_CHARS, x->release_tag,
                       sizeof x->release_tag))
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

static int event_at(Loader *L, const cJSON *v, int i)
{
    return read_event(L, v, &L->s->events[i]);
}

/* ---------------------------------------------------------------------------------------------
 * The file */

/* The optional "lang" block: for each language it offers, its own texts over the engine's tables
 * ("strings", as in assets/lang/<code>/, e.g. the unit of capacity) and the translations of its
 * texts ("content", keyed by the English text; not for English, whose texts are the file's own).
 * Whether each key is one the engine has is checked where the tables are (app_lang). */
static int read_lang(Loader *L, const cJSON *root)
{
    DatReader *r = L->r;
    const cJSON *o = dat_get(root, "lang");
    if (!o)
        return 0;
    size_t mark = dat_enter_key(r, "lang");
    const char *codes[CORE_LANG_COUNT + 1];
    for (int i = 0; i < CORE_LANG_COUNT; i++)
        codes[i] = core_lang_code((CoreLang)i);
    codes[CORE_LANG_COUNT] = NULL;
    if (dat_object(r, o, "an object of languages (\"en\", \"zh\")", codes))
        return -1;
    for (const cJSON *c = o->child; c; c = c->next) {
        int lang = core_lang_parse(c->string);
        size_t m2 = dat_enter_key(r, c->string);
        if (!cJSON_IsObject(c))
            return dat_fail(r, NULL, "expected an object with \"strings\" and/or \"content\"");
        if (lang == CORE_LANG_EN && dat_get(c, "content"))
            return dat_fail(r, "content", "English needs no translation of the file's texts");
        if (!(L->s->lang_strings[lang] = core_text_create()) ||
            !(L->s->lang_content[lang] = core_text_create()))
            return dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
        if (dat_lang_read(r, c, L->s->lang_strings[lang], L->s->lang_content[lang]))
            return -1;
        dat_leave(r, m2);
    }
    dat_leave(r, mark);
    return 0;
}

/* A path relative to the scenario's file: no leading '/', and not empty when given. */
static int read_rel_path(Loader *L, const cJSON *root, const char *key, char *out, size_t outsz)
{
    if (dat_string(L->r, root, key, DAT_OPTIONAL, 0, REL_PATH_CHARS, out, outsz))
        return -1;
    if (dat_get(root, key) && (!out[0] || out[0] == '/'))
        return dat_fail(L->r, key, "expected a path relative to the scenario's folder, got \"%s\"",
                        out);
    return 0;
}

static SimScenario *read_root(Loader *L, const cJSON *root)
{
    DatReader *r = L->r;
    const cJSON *actors, *initial, *events, *sens;
    int n_actors, n_initial, n_events, n_sens;
    char got[80];
    int64_t seed;

    /* Format and version first: a save or a newer file should say so, not list unknown keys. */
    if (!cJSON_IsObject(root)) {
        dat_object(r, root, "a scenario object", NULL);
        return NULL;
    }
    const cJSON *v = dat_get(root, "format");
    if (!cJSON_IsString(v) || strcmp(v->valuestring, FORMAT_NAME) != 0) {
        if (cJSON_IsString(v))
            snprintf(got, sizeof got, "\"%.60s\"", v->valuestring);
        else
            dat_describe(v, got, sizeof got);
        if (v)
            dat_fail_tr(r, "format", "err.scenario.format", "expected \"{1}\", got {2}",
                        FORMAT_NAME, got, NULL);
        else
            dat_fail_tr(r, "format", "err.scenario.format_missing",
                        "expected \"{1}\", got {2} (the key is missing)", FORMAT_NAME, got, NULL);
        return NULL;
    }
    v = dat_get(root, "version");
    if (!cJSON_IsNumber(v) || v->valuedouble != FORMAT_VERSION) {
        if (cJSON_IsNumber(v))
            snprintf(got, sizeof got, "%.15g", v->valuedouble);
        else
            dat_describe(v, got, sizeof got);
        char want[16];
        snprintf(want, sizeof want, "%d", FORMAT_VERSION);
        if (v)
            dat_fail_tr(r, "version", "err.scenario.version",
                        "expected {1} (the version this program reads), got {2}", want, got, NULL);
        else
            dat_fail_tr(r, "version", "err.scenario.version_missing",
                        "expected {1} (the version this program reads), got {2} (the key is "
                        "missing)",
                        want, got, NULL);
        return NULL;
    }
    if (dat_object(r, root, "a scenario object", top_keys) ||
        dat_array(r, root, "actors", DAT_REQUIRED, 1, MAX_ACTORS, &actors, &n_actors) ||
        dat_array(r, root, "initial_deals", DAT_OPTIONAL, 0, MAX_INITIAL, &initial, &n_initial) ||
        dat_array(r, root, "events", DAT_REQUIRED, 0, MAX_EVENTS, &events, &n_events) ||
        dat_array(r, root, "sensitivity", DAT_OPTIONAL, 0, SIM_SENS_MAX, &sens, &n_sens))
        return NULL;
    SimScenario *s = sim_scenario_alloc(n_actors, n_events, n_initial);
    if (!s) {
        dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
        return NULL;
    }
    L->s = s;
    if (dat_string(r, root, "id", DAT_REQUIRED, 1, SCENARIO_ID_CHARS, s->id, sizeof s->id) ||
        dat_string(r, root, "title", DAT_REQUIRED, 0, NULL, s->title, sizeof s->title) ||
        dat_string(r, root, "description", DAT_REQUIRED, 0, NULL, s->description,
                   sizeof s->description) ||
        dat_string(r, root, "lesson", DAT_OPTIONAL, 0, NULL, s->lesson, sizeof s->lesson) ||
        dat_month(r, root, "start", DAT_REQUIRED, 0, &s->start) ||
        dat_month(r, root, "end", DAT_REQUIRED, 0, &s->end) ||
        dat_number(r, root, "target_gw", DAT_REQUIRED, dat_above(0), 0, &s->target_gw) ||
        dat_int64(r, root, "seed", DAT_REQUIRED, 0, SEED_MAX, 0, &seed) || read_market(L, root) ||
        read_clearing(L, root) || read_actor_ids(L, actors) ||
        read_actor(L, root, "hub", DAT_REQUIRED, 0, &s->hub) ||
        each(L, actors, "actors", actor_at) || read_initial(L, initial) ||
        each(L, events, "events", event_at) || read_sensitivity(L, sens) || read_lang(L, root) ||
        read_rel_path(L, root, "playbooks", s->playbooks, sizeof s->playbooks) ||
        read_rel_path(L, root, "classroom", s->classroom, sizeof s->classroom))
        goto fail;
    s->default_seed = (uint64_t)seed;
    return s;
fail:
    sim_scenario_free(s);
    L->s = NULL;
    return NULL;
}

/* The cross-field check's reference in why, told in the reader's language; in sim_scenario_
 * check's English when no table has its key (no tables in use: the data layer's tests, fuzzing),
 * the same bytes as the English table's. */
static void tell_check(const SimScenario *s, char *why, size_t whysz)
{
    char key[64], told[512];
    size_t k = 0;
    if (why[0] != CORE_TEXT_REF)
        return;
    for (const char *p = why + 1; *p && *p != CORE_TEXT_REF && k + 1 < sizeof key; p++)
        key[k++] = *p;
    key[k] = '\0';
    if (strcmp(core_tr(key), key) == 0) {
        sim_scenario_check(s, why, whysz);
        return;
    }
    core_text_pick(why, told, sizeof told);
    snprintf(why, whysz, "%s", told);
}

/* Whether the start the scenario makes can be played (sim_world_check_start), told as
 * tell_check tells the cross-field checks. 0, or -1 with err. */
static int check_start(const SimScenario *s, const char *name, char *err, size_t errsz)
{
    char why[512] = "", told[512];
    SimWorld *w = sim_world_create(s, s->default_seed, why, sizeof why);
    if (!w)
        return core_errf(err, errsz, "%s: %s", name, why);
    int rc = sim_world_check_start(w, 1, why, sizeof why);
    if (rc < 0) {
        if (strcmp(core_tr("err.sc.debt_limit"), "err.sc.debt_limit") == 0)
            sim_world_check_start(w, 0, why, sizeof why);
        else
            snprintf(why, sizeof why, "%s", core_text_pick(why, told, sizeof told));
        core_errf(err, errsz, "%s: %s", name, why);
    }
    sim_world_destroy(w);
    return rc;
}

/* The scenario in L->s, or NULL (read_root frees what it made). */
static int read_doc(DatReader *r, const cJSON *root, void *ctx)
{
    Loader *L = ctx;
    L->r = r;
    return read_root(L, root) ? 0 : -1;
}

/* The scenario read (dat_json_read_text or _file) and checked as a whole, or NULL with err. */
static SimScenario *checked(Loader *L, int rc, const char *name, char *err, size_t errsz)
{
    char why[512];
    SimScenario *s = rc < 0 ? NULL : L->s;
    if (!s)
        return NULL;
    why[0] = '\0';
    if (sim_scenario_check_ref(s, why, sizeof why)) {
        tell_check(s, why, sizeof why);
        core_errf(err, errsz, "%s: %s", name, why);
        sim_scenario_free(s);
        return NULL;
    }
    if (check_start(s, name, err, errsz) < 0) {
        sim_scenario_free(s);
        return NULL;
    }
    return s;
}

static void loader_init(Loader *L)
{
    memset(L, 0, sizeof *L);
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        L->kind_names[k] = sim_deal_kind_name((SimDealKind)k);
}

SimScenario *dat_scenario_parse(const char *text, size_t len, const char *name, char *err,
                                size_t errsz)
{
    Loader L;
    loader_init(&L);
    if (!name)
        name = "(text)";
    return checked(&L, dat_json_read_text(text, len, name, read_doc, &L, err, errsz), name, err,
                   errsz);
}

SimScenario *dat_scenario_load(const char *path, char *err, size_t errsz)
{
    Loader L;
    loader_init(&L);
    SimScenario *s =
        checked(&L, dat_json_read_file(path, DAT_SCENARIO_MAX_BYTES, read_doc, &L, err, errsz),
                path, err, errsz);
    dat_scenario_set_dir(s, path);
    return s;
}

void dat_scenario_set_dir(SimScenario *s, const char *path)
{
    if (!s || !path)
        return;
    const char *slash = strrchr(path, '/');
    if (!slash) {
        s->dir[0] = '\0';
        return;
    }
    size_t n = (size_t)(slash - path);
    if (n == 0)
        n = 1; /* "/x.json": the root */
    if (n >= sizeof s->dir)
        n = sizeof s->dir - 1;
    memcpy(s->dir, path, n);
    s->dir[n] = '\0';
}
