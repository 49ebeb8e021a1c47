/* dat_save: reading and checking a save (the writer is dat_save_write.c; dat_save.h has the API
 * and the format's overview). The key names below are the file format (docs/save-format.md):
 * change one, change the other. */
#include "dat_save.h"

#include "core_text.h"
#include "dat_record.h"
#include "dat_scenario.h"
#include "sim_lever.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG        DAT_SAVE_BIG
#define MAX_FLOWS  10000000
#define MAX_EVENTS 10000000
#define MAX_SCRIPT ((size_t)1 << 20)

static const char *const plays_names[] = {"history", "baseline", "passive", "human", "lua"};
#define N_PLAYS 5

static const char *const top_keys[] = {"format", "version", "program",  "saved_at", "turn",
                                       "month",  "end",     "scenario", "seed",     "scripts",
                                       "seats",  "world",   "room",     NULL};

static const char *const end_names[] = {"none", "horizon", "default", "target", "turn_limit"};

/* format and version first, so that another file or version is named as such. */
static int read_head(DatReader *r, const cJSON *root, int *version_out)
{
    int version;
    char got[80];
    if (!cJSON_IsObject(root)) {
        dat_describe(root, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.object",
                           "expected a save (an object with \"format\": \"{1}\"), got {2}",
                           DAT_SAVE_FORMAT, got, NULL);
    }
    const cJSON *f = dat_get(root, "format");
    if (!f || !cJSON_IsString(f) || strcmp(f->valuestring, DAT_SAVE_FORMAT) != 0) {
        dat_describe(f, got, sizeof got);
        return dat_fail_tr(r, "format", "err.save.format",
                           "expected \"{1}\" (this is not a save), got {2}", DAT_SAVE_FORMAT, got,
                           NULL);
    }
    if (dat_int(r, root, "version", DAT_REQUIRED, 0, 1 << 30, 0, &version) < 0)
        return -1;
    if (version == 1)
        return dat_fail_tr(r, "version", "err.save.old_model",
                           "version 1 is a save of the model before balance sheets, uncertain "
                           "demand and delivery costs (2026-12); this program cannot play it on: "
                           "start the scenario again",
                           NULL);
    if (version == 2)
        return dat_fail_tr(r, "version", "err.save.old_network",
                           "version 2 is a save from before exposure and circularity were "
                           "counted over the whole network (2026-12); this program cannot play "
                           "it on: start the scenario again",
                           NULL);
    if (version != DAT_SAVE_VERSION && version != DAT_SAVE_V3) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", version);
        snprintf(b, sizeof b, "%d", DAT_SAVE_VERSION);
        return dat_fail_tr(r, "version", "err.save.version",
                           "unknown version {1}: this program reads saves of version {2}", a, b,
                           NULL);
    }
    if (version_out)
        *version_out = version;
    return dat_object(r, root, "a save object", top_keys);
}

static int read_rng(DatReader *r, const cJSON *obj, const char *key, CoreRng *g)
{
    const cJSON *items[4];
    size_t m = dat_enter_key(r, key);
    const cJSON *v = dat_get(obj, key);
    if (!v) {
        dat_leave(r, m);
        return dat_fail_tr(r, key, "err.save.rng_missing", "missing: expected 4 hex strings", NULL);
    }
    if (dat_row(r, v, 4, items) < 0) {
        dat_leave(r, m);
        return -1;
    }
    for (int k = 0; k < 4; k++) {
        size_t mk = dat_enter_index(r, k);
        int rc = dat_hex64_read(r, items[k], NULL, &g->s[k]);
        dat_leave(r, mk);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    if (!(g->s[0] | g->s[1] | g->s[2] | g->s[3]))
        return dat_fail_tr(r, key, "err.save.rng_zero", "an all-zero state is not a random stream",
                           NULL);
    return 0;
}

static int read_doubles(DatReader *r, const cJSON *obj, const char *key, int n, double lo,
                        double hi, double *out)
{
    const cJSON *items[65];
    const cJSON *v = dat_get(obj, key);
    char num[32];
    size_t m = dat_enter_key(r, key);
    int rc = 0;
    if (!v)
        rc = dat_fail_tr(r, NULL, "err.save.numbers_missing",
                         "missing: expected an array of {1} numbers", dat_arg_size(num, (size_t)n),
                         NULL);
    else if (n > 65)
        rc = dat_fail_tr(r, NULL, "err.save.too_many_actors", "too many actors", NULL);
    else
        rc = dat_row(r, v, n, items);
    for (int k = 0; rc == 0 && k < n; k++)
        rc = dat_item_num(r, items[k], k, lo, hi, &out[k]);
    dat_leave(r, m);
    return rc;
}

static const char *const actor_keys[] = {"id",
                                         "debt",
                                         "credit_limit",
                                         "revenue",
                                         "growth",
                                         "shares",
                                         "price",
                                         "price0",
                                         "log_anchor",
                                         "compute_owned",
                                         "compute_contracted",
                                         "threat",
                                         "car",
                                         "joined",
                                         "last_deal_turn",
                                         "defaulted",
                                         "missed",
                                         "strategy_failures",
                                         "committed_now",
                                         "rng",
                                         "holdings",
                                         "val",
                                         "granted",
                                         NULL};

static int read_actor(DatReader *r, const cJSON *v, void *ctx, int i)
{
    SimWorld *w = ctx;
    SimActor *a = &w->actors[i];
    char id[SIM_ID_LEN], num[32];
    if (dat_object(r, v, "an actor object", actor_keys) < 0 ||
        dat_string(r, v, "id", DAT_REQUIRED, 1, NULL, id, sizeof id) < 0)
        return -1;
    if (strcmp(id, w->sc->actors[i].id) != 0)
        return dat_fail_tr(r, "id", "err.save.actor",
                           "expected \"{1}\" (the scenario's actor {2}), got \"{3}\"",
                           w->sc->actors[i].id, dat_arg_size(num, (size_t)i), id, NULL);
    if (dat_actor_fields_read(r, v, a) < 0 || read_rng(r, v, "rng", &a->rng) < 0 ||
        read_doubles(r, v, "holdings", w->n, 0, BIG, &w->holdings[(size_t)i * (size_t)w->n]) < 0 ||
        read_doubles(r, v, "granted", w->n, 0, BIG, &w->granted[(size_t)i * (size_t)w->n]) < 0 ||
        read_doubles(r, v, "val", DAT_VAL_FIELDS, -BIG, BIG, (double *)&a->val) < 0)
        return -1;
    return 0;
}

static const char *const deal_keys[] = {
    "id",           "terms",      "proposer",   "parent",   "status",        "proposed_turn",
    "decided_turn", "start_turn", "paid_count", "paid",     "gw_done",       "principal",
    "vested",       "missed",     "arrears",    "end_turn", "history_event", "tag",
    "reason",       "answer",     "cost_paid",  NULL};

static int read_deal(DatReader *r, const cJSON *v, void *ctx, int k)
{
    SimWorld *w = ctx;
    const char *status[SIM_DS_STATUS_COUNT];
    for (int s = 0; s < SIM_DS_STATUS_COUNT; s++)
        status[s] = sim_deal_status_name((SimDealStatus)s);
    SimTerms t;
    int id, proposer, parent, st;
    if (dat_object(r, v, "a deal object", deal_keys) < 0 ||
        dat_int(r, v, "id", DAT_REQUIRED, k, k, 0, &id) < 0 ||
        dat_int(r, v, "proposer", DAT_REQUIRED, 0, w->n - 1, 0, &proposer) < 0 ||
        dat_int(r, v, "parent", DAT_REQUIRED, -1, k - 1, -1, &parent) < 0)
        return -1;
    size_t m = dat_enter_key(r, "terms");
    const cJSON *tv = dat_get(v, "terms");
    int rc = tv ? dat_terms_read(r, tv, w->n, &t)
                : dat_fail_tr(r, NULL, "err.save.terms_missing", "missing: expected terms", NULL);
    if (rc == 0)
        rc = dat_terms_check(r, &t, w->n);
    dat_leave(r, m);
    if (rc < 0)
        return -1;
    int d = sim_world_add_deal(w, &t, proposer, parent);
    if (d != k)
        return dat_fail_tr(r, NULL, "err.save.oom_deals", "out of memory for the deals", NULL);
    SimDeal *x = &w->deals[k];
    if (dat_enum(r, v, "status", DAT_REQUIRED, status, SIM_DS_STATUS_COUNT, 0, &st) < 0 ||
        dat_deal_fields_read(r, v, x) < 0 ||
        dat_int(r, v, "history_event", DAT_REQUIRED, -1, w->sc->n_events - 1, -1,
                &x->history_event) < 0 ||
        dat_text_read(r, v, "tag", DAT_REQUIRED, x->tag, sizeof x->tag) < 0 ||
        dat_text_read(r, v, "reason", DAT_REQUIRED, x->reason, sizeof x->reason) < 0 ||
        dat_text_read(r, v, "answer", DAT_REQUIRED, x->answer, sizeof x->answer) < 0)
        return -1;
    x->status = (SimDealStatus)st;
    return 0;
}

static int read_flow(DatReader *r, const cJSON *v, SimWorld *w)
{
    const char *kinds[SIM_FLOW_KIND_COUNT];
    for (int s = 0; s < SIM_FLOW_KIND_COUNT; s++)
        kinds[s] = sim_flow_kind_name((SimFlowKind)s);
    const cJSON *it[7] = {NULL};
    int turn, from, to, kind = -1, deal, via;
    double amount;
    if (dat_row(r, v, 7, it) < 0 || dat_item_int(r, it[0], 0, 0, w->turns, &turn) < 0 ||
        dat_item_int(r, it[1], 1, 0, w->n, &from) < 0 ||
        dat_item_int(r, it[2], 2, 0, w->n, &to) < 0 ||
        dat_item_num(r, it[3], 3, DBL_MIN, BIG, &amount) < 0 ||
        dat_item_int(r, it[5], 5, -1, w->n_deals - 1, &deal) < 0 ||
        dat_item_int(r, it[6], 6, -1, w->n - 1, &via) < 0)
        return -1;
    for (int s = 0; s < SIM_FLOW_KIND_COUNT && cJSON_IsString(it[4]); s++)
        if (strcmp(it[4]->valuestring, kinds[s]) == 0)
            kind = s;
    if (kind < 0) {
        size_t m = dat_enter_index(r, 4);
        char list[400];
        dat_names_list(kinds, SIM_FLOW_KIND_COUNT, list, sizeof list);
        dat_fail_tr(r, NULL, "err.save.flow_kind", "expected a flow kind: {1}", list, NULL);
        dat_leave(r, m);
        return -1;
    }
    if (sim_ledger_post(&w->ledger, turn, from, to, amount, (SimFlowKind)kind, deal, via) < 0)
        return dat_fail_tr(r, NULL, "err.save.oom_flows", "out of memory for the flows", NULL);
    return 0;
}

static int read_event(DatReader *r, const cJSON *v, SimWorld *w)
{
    const char *kinds[SIM_LOG_KIND_COUNT];
    for (int s = 0; s < SIM_LOG_KIND_COUNT; s++)
        kinds[s] = sim_log_kind_name((SimLogKind)s);
    const cJSON *it[12] = {NULL};
    int turn, kind = -1, actor, other, deal, sev;
    double d[5];
    if (dat_row(r, v, 12, it) < 0 || dat_item_int(r, it[0], 0, 0, w->turns, &turn) < 0)
        return -1;
    for (int s = 0; s < SIM_LOG_KIND_COUNT && cJSON_IsString(it[1]); s++)
        if (strcmp(it[1]->valuestring, kinds[s]) == 0)
            kind = s;
    if (kind < 0) {
        size_t m = dat_enter_index(r, 1);
        dat_fail_tr(r, NULL, "err.save.event_kind",
                    "expected an event kind (news, proposed, accepted, ...)", NULL);
        dat_leave(r, m);
        return -1;
    }
    /* other is a deal for a counter-offer, a lever for a lever's change, else an actor. */
    int other_max = kind == SIM_LOG_COUNTERED ? w->n_deals - 1
                    : kind == SIM_LOG_LEVER   ? SIM_LEVER_COUNT - 1
                                              : w->n - 1;
    if (dat_item_int(r, it[2], 2, -1, w->n - 1, &actor) < 0 ||
        dat_item_int(r, it[3], 3, -1, other_max, &other) < 0 ||
        dat_item_int(r, it[4], 4, -1, w->n_deals - 1, &deal) < 0 ||
        dat_item_int(r, it[5], 5, -1, w->sc->n_events - 1, &sev) < 0)
        return -1;
    for (int x = 0; x < 5; x++)
        if (dat_item_num(r, it[6 + x], 6 + x, -BIG, BIG, &d[x]) < 0)
            return -1;
    SimEvent *e = sim_world_log(w, (SimLogKind)kind, actor, other, deal);
    if (!e)
        return dat_fail_tr(r, NULL, "err.save.oom_events", "out of memory for the events", NULL);
    e->turn = turn;
    e->scenario_event = sev;
    e->amount = d[0];
    e->change = d[1];
    e->value = d[2];
    e->aux = d[3];
    e->fund = d[4];
    /* The text is item 11: read it through a one-key view of the row. */
    size_t m = dat_enter_index(r, 11);
    int rc = 0;
    char *str;
    size_t n;
    rc = dat_bytes_node(r, it[11], &str, &n, sizeof e->text - 1);
    if (rc == 0) {
        if (memchr(str, 0, n))
            rc = dat_fail_tr(r, NULL, "err.text_nul", "expected text without NUL bytes", NULL);
        else
            memcpy(e->text, str, n + 1);
        free(str);
    }
    dat_leave(r, m);
    return rc;
}

/* Version 3 wrote an actor's snapshot as a row in this order, with no names. */
static const char *const v3_series[] = {
    "cash",        "debt",         "revenue",       "price",
    "shares",      "market_value", "compute_owned", "compute_contracted",
    "exposure",    "obligations",  "due_12m",       "circularity",
    "fundamental", "pd",           "defaulted",     "exposure_top",
    "top"};
#define N_V3_SERIES ((int)(sizeof v3_series / sizeof v3_series[0]))

/* The columns of the snapshots' rows: col[x] is the sim_series index of item x. */
typedef struct {
    int n;
    int col[SIM_N_SERIES];
    int derive; /* 1: compute the derived series (a version 3 save has none) */
} Columns;

static int v3_columns(DatReader *r, Columns *cols)
{
    cols->n = N_V3_SERIES;
    cols->derive = 1;
    for (int x = 0; x < N_V3_SERIES; x++)
        if ((cols->col[x] = sim_series_find(v3_series[x])) < 0)
            return dat_fail(r, NULL, "internal: version 3 series %s is not in sim_series",
                            v3_series[x]);
    return 0;
}

/* world.series (version 4): every series of sim_series by name, once each, in the order of the
 * snapshots' rows. */
static int read_columns(DatReader *r, const cJSON *v, Columns *cols)
{
    const cJSON *arr;
    int n, at[SIM_N_SERIES];
    char got[80], num[16];
    if (dat_array(r, v, "series", DAT_REQUIRED, 1, SIM_N_SERIES, &arr, &n) < 0)
        return -1;
    for (int k = 0; k < SIM_N_SERIES; k++)
        at[k] = -1;
    size_t m = dat_enter_key(r, "series");
    int x = 0, rc = 0;
    for (const cJSON *c = arr->child; c && rc == 0; c = c->next, x++) {
        size_t mx = dat_enter_index(r, x);
        int k = cJSON_IsString(c) ? sim_series_find(c->valuestring) : -1;
        if (k < 0) {
            const char *names[SIM_N_SERIES];
            char list[1024];
            for (int j = 0; j < SIM_N_SERIES; j++)
                names[j] = sim_series[j].name;
            dat_names_list(names, SIM_N_SERIES, list, sizeof list);
            dat_describe(c, got, sizeof got);
            rc = dat_fail_tr(r, NULL, "err.save.series_unknown",
                             "expected the name of a series ({1}), got {2}", list, got, NULL);
        } else if (at[k] >= 0) {
            snprintf(num, sizeof num, "%d", at[k]);
            rc = dat_fail_tr(r, NULL, "err.save.series_twice",
                             "expected each series once, got \"{1}\" again (first at "
                             "$.world.series[{2}])",
                             sim_series[k].name, num, NULL);
        }
        if (rc == 0)
            at[k] = x;
        cols->col[x] = k;
        dat_leave(r, mx);
    }
    dat_leave(r, m);
    cols->n = n;
    cols->derive = 0;
    for (int k = 0; k < SIM_N_SERIES && rc == 0; k++)
        if (at[k] < 0)
            rc = dat_fail_tr(r, "series", "err.save.series_missing",
                             "expected the series \"{1}\" too, got a list without it",
                             sim_series[k].name, NULL);
    return rc;
}

/* One actor's row of a snapshot, item x being series cols->col[x]. */
static int read_snap_row(DatReader *r, const cJSON *c, const Columns *cols, int n_actors,
                         SimSnap *s)
{
    const cJSON *it[SIM_N_SERIES] = {NULL};
    int rc = dat_row(r, c, cols->n, it);
    for (int x = 0; rc == 0 && x < cols->n; x++) {
        const SimSeries *se = &sim_series[cols->col[x]];
        double v;
        if (sim_series_is_int(se)) {
            int hi = se->kind == SIM_SERIES_ACTOR ? n_actors - 1 : (int)se->hi, iv;
            rc = dat_item_int(r, it[x], x, (int)se->lo, hi, &iv);
            v = iv;
        } else {
            rc = dat_item_num(r, it[x], x, se->lo, se->hi, &v);
        }
        if (rc == 0)
            sim_series_set(s, cols->col[x], v);
    }
    return rc;
}

/* Runs fn over each element of the array obj[key] (min to max of them), with the path set. */
typedef int (*ItemFn)(DatReader *r, const cJSON *v, void *ctx, int k);

static int each(DatReader *r, const cJSON *obj, const char *key, int min, int max, ItemFn fn,
                void *ctx)
{
    const cJSON *arr;
    int n;
    if (dat_array(r, obj, key, DAT_REQUIRED, min, max, &arr, &n) < 0)
        return -1;
    size_t m = dat_enter_key(r, key);
    int k = 0;
    for (const cJSON *c = arr->child; c; c = c->next, k++) {
        size_t mk = dat_enter_index(r, k);
        int rc = fn(r, c, ctx, k);
        dat_leave(r, mk);
        if (rc < 0) {
            dat_leave(r, m);
            return -1;
        }
    }
    dat_leave(r, m);
    return 0;
}

/* The snapshots' walk: the world, the rows' columns and the month being read. */
typedef struct {
    SimWorld *w;
    const Columns *cols;
    int t;
} SnapWalk;

static int snap_row_fn(DatReader *r, const cJSON *v, void *ctx, int i)
{
    SnapWalk *sw = ctx;
    SimWorld *w = sw->w;
    SimSnap *s = &w->snaps[(size_t)sw->t * (size_t)w->n + (size_t)i];
    int rc = read_snap_row(r, v, sw->cols, w->n, s);
    /* Version 3 had no derived series: they are computed, as the game does. */
    if (rc == 0 && sw->cols->derive)
        sim_series_derive(s);
    return rc;
}

static int read_snapshot(DatReader *r, const cJSON *v, void *ctx, int t)
{
    static const char *const keys[] = {"info", "actors", NULL};
    SnapWalk *sw = ctx;
    SimWorld *w = sw->w;
    double iv[4];
    if (dat_object(r, v, "a snapshot object", keys) < 0 ||
        read_doubles(r, v, "info", 4, -BIG, BIG, iv) < 0)
        return -1;
    w->info[t].sentiment = iv[0];
    w->info[t].leverage = iv[1];
    w->info[t].announced = iv[2];
    w->info[t].demand = iv[3];
    sw->t = t;
    return each(r, v, "actors", w->n, w->n, snap_row_fn, sw);
}

static int flow_fn(DatReader *r, const cJSON *v, void *ctx, int k)
{
    (void)k;
    return read_flow(r, v, ctx);
}

static int event_fn(DatReader *r, const cJSON *v, void *ctx, int k)
{
    (void)k;
    return read_event(r, v, ctx);
}

static const char *const world_keys[] = {"turn",
                                         "end",
                                         "sentiment_x",
                                         "demand_adoption",
                                         "next_event",
                                         "target_reached_turn",
                                         "announced_value",
                                         "n_giants",
                                         "n_rewarded",
                                         "actors",
                                         "cash",
                                         "deals",
                                         "flows",
                                         "events",
                                         "snapshots",
                                         "series",
                                         NULL};
#define N_WORLD_KEYS ((int)(sizeof world_keys / sizeof world_keys[0]) - 1)

static int read_world(DatReader *r, const cJSON *v, SimWorld *w, int turn, int version)
{
    int end;
    /* Version 3 has every key but the last, "series". */
    const char *v3_keys[N_WORLD_KEYS];
    memcpy(v3_keys, world_keys, sizeof v3_keys);
    v3_keys[N_WORLD_KEYS - 1] = NULL;
    Columns cols;
    if (dat_object(r, v, "a world object", version == DAT_SAVE_V3 ? v3_keys : world_keys) < 0 ||
        (version == DAT_SAVE_V3 ? v3_columns(r, &cols) : read_columns(r, v, &cols)) < 0 ||
        dat_int(r, v, "turn", DAT_REQUIRED, turn, turn, 0, &w->turn) < 0 ||
        dat_enum(r, v, "end", DAT_REQUIRED, end_names, 5, 0, &end) < 0 ||
        dat_number(r, v, "sentiment_x", DAT_REQUIRED, dat_between(-1e6, 1e6), 0, &w->sentiment_x) <
            0 ||
        dat_number(r, v, "demand_adoption", DAT_REQUIRED, dat_between(0, 1), 0,
                   &w->demand_adoption) < 0 ||
        dat_int(r, v, "next_event", DAT_REQUIRED, 0, w->sc->n_events, 0, &w->next_event) < 0 ||
        dat_int(r, v, "target_reached_turn", DAT_REQUIRED, -1, w->turns, -1,
                &w->target_reached_turn) < 0 ||
        dat_number(r, v, "announced_value", DAT_REQUIRED, dat_between(-BIG, BIG), 0,
                   &w->announced_value) < 0 ||
        dat_int(r, v, "n_giants", DAT_REQUIRED, 0, w->n, 0, &w->n_giants) < 0 ||
        dat_int(r, v, "n_rewarded", DAT_REQUIRED, 0, w->n, 0, &w->n_rewarded) < 0)
        return -1;
    w->end = (SimEndReason)end;
    if (each(r, v, "actors", w->n, w->n, read_actor, w) < 0)
        return -1;
    sim_world_clear_record(w);
    if (each(r, v, "deals", 0, DAT_SAVE_MAX_DEALS, read_deal, w) < 0 ||
        each(r, v, "flows", 0, MAX_FLOWS, flow_fn, w) < 0 ||
        each(r, v, "events", 0, MAX_EVENTS, event_fn, w) < 0)
        return -1;
    /* The balances the flows add up to must be the saved ones, to the bit. */
    double cash[65];
    int na = w->ledger.n_accounts;
    if (read_doubles(r, v, "cash", na, -BIG, BIG, cash) < 0)
        return -1;
    for (int a = 0; a < na; a++)
        if (memcmp(&cash[a], &w->ledger.balance[a], sizeof cash[a]) != 0) {
            size_t mc = dat_enter_key(r, "cash");
            dat_enter_index(r, a);
            char sum[40], saved[40];
            dat_fail_tr(r, NULL, "err.save.books",
                        "the flows add up to {1}, not {2}: the books do not balance",
                        dat_arg_double(sum, w->ledger.balance[a]), dat_arg_double(saved, cash[a]),
                        NULL);
            dat_leave(r, mc);
            return -1;
        }
    SnapWalk sw = {w, &cols, 0};
    if (each(r, v, "snapshots", w->turn + 1, w->turn + 1, read_snapshot, &sw) < 0)
        return -1;
    char why[256];
    if (sim_world_restore_finish(w, why, sizeof why) < 0)
        return core_errf(r->err, r->errsz, "%s: $.%s", r->file, why);
    return 0;
}

static const char *const seat_keys[] = {"role",    "choice", "plays", "script", "rng",
                                        "pending", "memory", "queue", NULL};

static int read_seat(DatReader *r, const cJSON *v, void *ctx, int i)
{
    DatSave *s = ctx;
    DatSeat *st = &s->seats[i];
    const SimWorld *w = s->world;
    int plays;
    char num[32];
    if (dat_object(r, v, "a seat object", seat_keys) < 0 ||
        dat_string(r, v, "role", DAT_REQUIRED, 1, NULL, st->role, sizeof st->role) < 0)
        return -1;
    if (strcmp(st->role, w->sc->actors[i].id) != 0)
        return dat_fail_tr(r, "role", "err.save.actor",
                           "expected \"{1}\" (the scenario's actor {2}), got \"{3}\"",
                           w->sc->actors[i].id, dat_arg_size(num, (size_t)i), st->role, NULL);
    if (dat_text_read(r, v, "choice", DAT_REQUIRED, st->choice, sizeof st->choice) < 0 ||
        dat_enum(r, v, "plays", DAT_REQUIRED, plays_names, N_PLAYS, 0, &plays) < 0)
        return -1;
    core_strlcpy(st->plays, plays_names[plays], sizeof st->plays);
    int lua = plays == 4, human = plays == 3;
    static const char *const lua_only[] = {"script", "rng", "pending", "memory"};
    for (int k = 0; k < 4; k++)
        if (!lua && dat_get(v, lua_only[k]))
            return dat_fail_tr(r, lua_only[k], "err.save.lua_only",
                               "only a seat that plays lua has {1}", lua_only[k], NULL);
    if (!human && dat_get(v, "queue"))
        return dat_fail_tr(r, "queue", "err.save.queue_only", "only a human seat has a queue",
                           NULL);
    if (human) {
        const cJSON *q = dat_get(v, "queue");
        if (!q)
            return dat_fail_tr(r, "queue", "err.save.queue_missing",
                               "missing: expected an array of intents", NULL);
        size_t m = dat_enter_key(r, "queue");
        int rc = dat_intents_read(r, q, w->n, &st->queue);
        dat_leave(r, m);
        return rc;
    }
    if (!lua)
        return 0;
    if (dat_int(r, v, "script", DAT_REQUIRED, 0, s->n_scripts - 1, 0, &st->script) < 0 ||
        read_rng(r, v, "rng", &st->rng) < 0 ||
        dat_text_read(r, v, "pending", DAT_REQUIRED, st->pending, sizeof st->pending) < 0)
        return -1;
    const cJSON *mem = dat_get(v, "memory");
    if (!mem)
        return dat_fail_tr(r, "memory", "err.save.memory_missing",
                           "missing: expected an array of [key, value] pairs", NULL);
    size_t m = dat_enter_key(r, "memory");
    int rc = cJSON_IsArray(mem) ? dat_memory_read(r, mem, &st->memory)
                                : dat_fail_tr(r, NULL, "err.save.memory_pairs",
                                              "expected an array of [key, value] pairs", NULL);
    dat_leave(r, m);
    return rc;
}

static int read_scenario(DatReader *r, const cJSON *root, DatSave *s, SimScenario **sc)
{
    static const char *const keys[] = {"id", "path", "hash", "text", NULL};
    const cJSON *v = dat_get(root, "scenario");
    char id[SIM_ID_LEN];
    uint64_t hash;
    if (!v)
        return dat_fail_tr(r, "scenario", "err.save.scenario_missing",
                           "missing: expected the scenario object", NULL);
    size_t m = dat_enter_key(r, "scenario");
    int rc = -1;
    if (dat_object(r, v, "a scenario object", keys) < 0 ||
        dat_string(r, v, "id", DAT_REQUIRED, 1, NULL, id, sizeof id) < 0 ||
        dat_text_read(r, v, "path", DAT_REQUIRED, s->scenario_path, sizeof s->scenario_path) < 0 ||
        dat_hex64_read(r, v, "hash", &hash) < 0 ||
        dat_bytes_read(r, v, "text", DAT_REQUIRED, &s->scenario_text, &s->scenario_len,
                       DAT_SCENARIO_MAX_BYTES) < 0)
        goto out;
    s->scenario_hash = core_fnv1a(CORE_FNV_OFFSET, s->scenario_text, s->scenario_len);
    if (s->scenario_hash != hash) {
        dat_fail_tr(r, "hash", "err.save.scenario_hash",
                    "the scenario text does not match its hash (the file was altered)", NULL);
        goto out;
    }
    char name[DAT_PATH_LEN + 64], why[1024];
    snprintf(name, sizeof name, "%s: $.scenario.text", r->file);
    *sc = dat_scenario_parse(s->scenario_text, s->scenario_len, name, why, sizeof why);
    if (!*sc) {
        core_errf(r->err, r->errsz, "%s", why);
        goto out;
    }
    dat_scenario_set_dir(*sc, s->scenario_path);
    if (strcmp((*sc)->id, id) != 0) {
        dat_fail_tr(r, "id", "err.save.scenario_id",
                    "expected \"{1}\" (the id in the scenario text), got \"{2}\"", (*sc)->id, id,
                    NULL);
        sim_scenario_free(*sc);
        *sc = NULL;
        goto out;
    }
    rc = 0;
out:
    dat_leave(r, m);
    return rc;
}

static int read_scripts(DatReader *r, const cJSON *root, DatSave *s)
{
    static const char *const keys[] = {"path", "hash", "text", NULL};
    const cJSON *arr;
    int n;
    if (dat_array(r, root, "scripts", DAT_REQUIRED, 0, 64, &arr, &n) < 0)
        return -1;
    s->scripts = calloc((size_t)(n ? n : 1), sizeof *s->scripts);
    if (!s->scripts)
        return dat_fail_tr(r, "scripts", "err.oom", "out of memory", NULL);
    size_t m = dat_enter_key(r, "scripts");
    int k = 0, rc = 0;
    for (const cJSON *c = arr->child; c && rc == 0; c = c->next, k++) {
        size_t mk = dat_enter_index(r, k);
        DatScript *sc = &s->scripts[k];
        size_t pl;
        uint64_t hash;
        s->n_scripts = k + 1;
        if (dat_object(r, c, "a script object", keys) < 0 ||
            dat_bytes_read(r, c, "path", DAT_REQUIRED, &sc->path, &pl, 4095) < 0 ||
            dat_hex64_read(r, c, "hash", &hash) < 0 ||
            dat_bytes_read(r, c, "text", DAT_REQUIRED, &sc->text, &sc->len, MAX_SCRIPT) < 0)
            rc = -1;
        else if ((sc->hash = core_fnv1a(CORE_FNV_OFFSET, sc->text, sc->len)) != hash)
            rc = dat_fail_tr(r, "hash", "err.save.script_hash",
                             "the script text does not match its hash (altered)", NULL);
        else if (!pl || memchr(sc->path, 0, pl))
            rc = dat_fail_tr(r, "path", "err.save.file_name", "expected a file name", NULL);
        dat_leave(r, mk);
    }
    dat_leave(r, m);
    return rc;
}

/* A seat's answer to the card on show (optional): {"choice": -1..3, "text": "..."}. */
static int read_room_answer(DatReader *r, const cJSON *seat, DatRoomSeat *st)
{
    static const char *const keys[] = {"choice", "text", NULL};
    const cJSON *v = dat_get(seat, "answer");
    st->answer_choice = -1;
    if (!v)
        return 0;
    size_t m = dat_enter_key(r, "answer");
    int rc =
        dat_object(r, v, "an answer object", keys) < 0 ||
                dat_int(r, v, "choice", DAT_REQUIRED, -1, DAT_ROOM_CHOICES - 1, -1,
                        &st->answer_choice) < 0 ||
                dat_string(r, v, "text", DAT_REQUIRED, 0, NULL, st->answer, sizeof st->answer) < 0
            ? -1
            : 0;
    st->answered = rc == 0;
    dat_leave(r, m);
    return rc;
}

/* An array of up to max strings of 1..n-1 bytes into out, a row of n bytes each. */
static int read_strings(DatReader *r, const cJSON *obj, const char *key, int max, char *out,
                        size_t n, int *count)
{
    const cJSON *arr;
    if (dat_array(r, obj, key, DAT_REQUIRED, 0, max, &arr, count) < 0)
        return -1;
    size_t m = dat_enter_key(r, key);
    int k = 0, rc = 0;
    for (const cJSON *c = arr->child; c && rc == 0; c = c->next, k++) {
        size_t mk = dat_enter_index(r, k);
        const char *t = cJSON_GetStringValue(c);
        if (!t || !t[0] || strlen(t) >= n)
            rc = dat_fail_tr(r, NULL, "err.save.room_card_id",
                             "expected a text, not empty and not too long", NULL);
        else
            snprintf(out + (size_t)k * n, n, "%s", t);
        dat_leave(r, mk);
    }
    dat_leave(r, m);
    return rc;
}

/* The room's story cards (optional): the offers' ids, the card on show, revealed, serial, the
 * choices. */
static int read_room_card(DatReader *r, const cJSON *room, DatRoomCard *c)
{
    static const char *const keys[] = {"offers", "on_show", "revealed", "serial", "choices", NULL};
    const cJSON *v = dat_get(room, "card");
    if (!v)
        return 0;
    size_t m = dat_enter_key(r, "card");
    int rc = dat_object(r, v, "a room card object", keys) < 0 ||
                     read_strings(r, v, "offers", DAT_ROOM_OFFERS, &c->offers[0][0],
                                  sizeof c->offers[0], &c->n_offers) < 0 ||
                     dat_string(r, v, "on_show", DAT_REQUIRED, 0, NULL, c->on_show,
                                sizeof c->on_show) < 0 ||
                     dat_bool(r, v, "revealed", DAT_REQUIRED, 0, &c->revealed) < 0 ||
                     dat_int(r, v, "serial", DAT_REQUIRED, 0, 1000000000, 0, &c->serial) < 0 ||
                     read_strings(r, v, "choices", DAT_ROOM_CHOICES, &c->choices[0][0],
                                  sizeof c->choices[0], &c->n_choices) < 0
                 ? -1
                 : 0;
    if (rc == 0 && c->n_choices == 1)
        rc = dat_fail_tr(r, "choices", "err.save.room_choices", "expected none or 2 to 4 choices",
                         NULL);
    dat_leave(r, m);
    return rc;
}

/* The room of a hosted game (optional): a code of the room alphabet, tokens of 32 hex digits, each
 * seat a role of the scenario, once. */
static int read_room_seat(DatReader *r, const cJSON *v, void *ctx, int k)
{
    static const char *const keys[] = {"role", "token", "queued_seq", "answer", NULL};
    DatSave *s = ctx;
    DatRoomSeat *st = &s->room.seats[k];
    const cJSON *q;
    if (dat_object(r, v, "a room seat object", keys) < 0 ||
        dat_string(r, v, "role", DAT_REQUIRED, 1, NULL, st->role, sizeof st->role) < 0 ||
        dat_string(r, v, "token", DAT_REQUIRED, 0, "0-9a-f", st->token, sizeof st->token) < 0 ||
        dat_array(r, v, "queued_seq", DAT_OPTIONAL, 0, SIM_MAX_INTENTS, &q, &st->n_queued) < 0 ||
        read_room_answer(r, v, st) < 0)
        return -1;
    size_t m = dat_enter_key(r, "queued_seq");
    int i = 0, rc = 0;
    for (const cJSON *c = q ? q->child : NULL; c && rc == 0; c = c->next, i++) {
        size_t mi = dat_enter_index(r, i);
        if (!cJSON_IsNumber(c) || c->valuedouble != floor(c->valuedouble) || c->valuedouble < -1 ||
            c->valuedouble > 9007199254740992.0)
            rc = dat_fail_tr(r, NULL, "err.save.room_seq",
                             "expected a whole number from -1 to 2^53 (a message's seq)", NULL);
        else
            st->queued_seq[i] = (int64_t)c->valuedouble;
        dat_leave(r, mi);
    }
    dat_leave(r, m);
    if (rc < 0)
        return -1;
    if (sim_scenario_find_actor(s->world->sc, st->role) < 0)
        return dat_fail_tr(r, "role", "err.save.room_role",
                           "expected an actor id of the scenario, got \"{1}\"", st->role, NULL);
    for (int j = 0; j < k; j++)
        if (strcmp(s->room.seats[j].role, st->role) == 0)
            return dat_fail_tr(r, "role", "err.save.room_twice",
                               "expected each role once, got \"{1}\" twice", st->role, NULL);
    if (st->token[0] && strlen(st->token) != DAT_ROOM_TOKEN_LEN)
        return dat_fail_tr(r, "token", "err.save.room_token",
                           "expected \"\" (a free seat) or 32 hex digits", NULL);
    s->room.n_seats = k + 1;
    return 0;
}

static int read_room(DatReader *r, const cJSON *root, DatSave *s)
{
    static const char *const keys[] = {"code", "teacher", "seats", "card", NULL};
    const cJSON *v = dat_get(root, "room");
    if (!v)
        return 0;
    size_t m = dat_enter_key(r, "room");
    int rc = -1;
    if (dat_object(r, v, "a room object", keys) < 0 ||
        dat_string(r, v, "code", DAT_REQUIRED, DAT_ROOM_CODE_LEN, "A-HJ-NP-Z2-9", s->room.code,
                   sizeof s->room.code) < 0 ||
        dat_string(r, v, "teacher", DAT_REQUIRED, DAT_ROOM_TOKEN_LEN, "0-9a-f", s->room.teacher,
                   sizeof s->room.teacher) < 0)
        goto out;
    rc = each(r, v, "seats", 1, DAT_ROOM_SEATS, read_room_seat, s);
    if (rc == 0)
        rc = read_room_card(r, v, &s->room.card);
    s->has_room = rc == 0;
out:
    dat_leave(r, m);
    return rc;
}

static int read_root(DatReader *r, const cJSON *root, void *ctx)
{
    DatSave *s = ctx;
    SimScenario *sc = NULL;
    int turn, version;
    uint64_t seed = 0;
    char month[16], end[16], num[32], num2[32];
    if (read_head(r, root, &version) < 0 ||
        dat_text_read(r, root, "program", DAT_REQUIRED, s->program, sizeof s->program) < 0 ||
        dat_text_read(r, root, "saved_at", DAT_REQUIRED, s->saved_at, sizeof s->saved_at) < 0 ||
        dat_int(r, root, "turn", DAT_REQUIRED, 0, 1 << 20, 0, &turn) < 0 ||
        dat_string(r, root, "month", DAT_REQUIRED, 0, "0-9-", month, sizeof month) < 0 ||
        dat_string(r, root, "end", DAT_REQUIRED, 1, "a-z_", end, sizeof end) < 0 ||
        dat_u64_read(r, root, "seed", &seed) < 0 || read_scenario(r, root, s, &sc) < 0)
        return -1;
    char why[512];
    s->world = sim_world_create(sc, seed, why, sizeof why);
    sim_scenario_free(sc);
    if (!s->world)
        return dat_fail(r, NULL, "%s", why);
    s->owns_world = 1;
    SimWorld *w = s->world;
    if (turn > w->turns)
        return dat_fail_tr(r, "turn", "err.save.turn_beyond",
                           "expected at most {1} (the scenario's length), got {2}",
                           dat_arg_size(num, (size_t)w->turns), dat_arg_size(num2, (size_t)turn),
                           NULL);
    const cJSON *wv = dat_get(root, "world");
    if (!wv)
        return dat_fail_tr(r, "world", "err.save.world_missing",
                           "missing: expected the world object", NULL);
    size_t m = dat_enter_key(r, "world");
    int rc = read_world(r, wv, w, turn, version);
    dat_leave(r, m);
    if (rc < 0)
        return -1;
    if (strcmp(end, sim_end_reason_name(w->end)) != 0)
        return dat_fail_tr(r, "end", "err.save.end",
                           "expected \"{1}\" (as the world says), got \"{2}\"",
                           sim_end_reason_name(w->end), end, NULL);
    if (read_scripts(r, root, s) < 0)
        return -1;
    s->seats = calloc((size_t)w->n, sizeof *s->seats);
    if (!s->seats)
        return dat_fail_tr(r, "seats", "err.oom", "out of memory", NULL);
    if (each(r, root, "seats", w->n, w->n, read_seat, s) < 0)
        return -1;
    return read_room(r, root, s);
}

static void undo(void *s)
{
    dat_save_free(s);
}

static const DatInto SAVE = {read_root, undo, DAT_SAVE_MAX_BYTES};

int dat_save_parse(const char *text, size_t len, const char *name, DatSave *out, char *err,
                   size_t errsz)
{
    return dat_json_read_into(&SAVE, text, len, name, out, sizeof *out, err, errsz);
}

int dat_save_load(const char *path, DatSave *out, char *err, size_t errsz)
{
    return dat_json_read_into(&SAVE, NULL, 0, path, out, sizeof *out, err, errsz);
}

/* The seed and the seats' roles and choices, as far as they are there and strings: a listing
 * shows them; dat_save_load checks them. */
static void read_info_seats(const cJSON *root, DatSaveInfo *info)
{
    const cJSON *seed = dat_get(root, "seed");
    if (cJSON_IsString(seed))
        snprintf(info->seed, sizeof info->seed, "%s", seed->valuestring);
    const cJSON *seats = dat_get(root, "seats"), *it;
    if (!cJSON_IsArray(seats))
        return;
    cJSON_ArrayForEach(it, seats)
    {
        if (info->n_seats >= DAT_INFO_SEATS)
            break;
        const cJSON *role = dat_get(it, "role"), *choice = dat_get(it, "choice");
        if (!cJSON_IsString(role) || !cJSON_IsString(choice))
            continue;
        const char *c = choice->valuestring;
        size_t len = strlen(c);
        if (len >= DAT_INFO_CHOICE_LEN)
            c += len - (DAT_INFO_CHOICE_LEN - 1);
        snprintf(info->seat_role[info->n_seats], SIM_ID_LEN, "%s", role->valuestring);
        snprintf(info->seat_choice[info->n_seats], DAT_INFO_CHOICE_LEN, "%s", c);
        info->n_seats++;
    }
}

static int read_info(DatReader *r, const cJSON *root, void *ctx)
{
    DatSaveInfo *info = ctx;
    const cJSON *sc = dat_get(root, "scenario");
    int rc = read_head(r, root, NULL);
    if (rc == 0)
        rc = dat_int(r, root, "turn", DAT_REQUIRED, 0, 1 << 20, 0, &info->turn);
    if (rc == 0)
        rc = dat_string(r, root, "month", DAT_REQUIRED, 0, "0-9-", info->month, sizeof info->month);
    if (rc == 0)
        rc =
            dat_text_read(r, root, "saved_at", DAT_REQUIRED, info->saved_at, sizeof info->saved_at);
    if (rc == 0)
        rc = dat_string(r, root, "end", DAT_REQUIRED, 1, "a-z_", info->end, sizeof info->end);
    if (rc == 0 && sc)
        rc = dat_string(r, sc, "id", DAT_REQUIRED, 1, NULL, info->scenario, sizeof info->scenario);
    if (rc == 0)
        read_info_seats(root, info);
    return rc;
}

int dat_save_peek(const char *path, DatSaveInfo *info, char *err, size_t errsz)
{
    memset(info, 0, sizeof *info);
    return dat_json_read_file(path, DAT_SAVE_MAX_BYTES, read_info, info, err, errsz);
}

void dat_save_free(DatSave *s)
{
    if (!s)
        return;
    if (s->seats && s->world)
        for (int i = 0; i < s->world->n; i++)
            core_value_clear(&s->seats[i].memory);
    free(s->seats);
    if (s->owns_world)
        sim_world_destroy(s->world);
    for (int k = 0; k < s->n_scripts; k++) {
        free(s->scripts[k].path);
        free(s->scripts[k].text);
    }
    free(s->scripts);
    free(s->scenario_text);
    memset(s, 0, sizeof *s);
}
