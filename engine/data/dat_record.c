/* dat_record: the records a save and a replay write the same way (see dat_record.h).
 * The key names below are the file format (docs/save-format.md): change one, change the other. */
#include "dat_record.h"

#include "core_text.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG       DAT_SAVE_BIG
#define MEM_DEPTH 32 /* as view.memory's own check */
#define MEM_ITEMS ((int)1 << 20)

/* =============================================================================================
 * Intents */

static const char *const intent_names[] = {"pass",    "propose", "accept", "reject", "counter",
                                           "release", "sell",    "exit",   "rescue"};

/* The terms after kind, payer and payee, in the file's order. */
static const DatField terms_fields[] = {
    DAT_FIELD_NUM(SimTerms, amount, 0, DAT_MAX_AMOUNT),
    DAT_FIELD_INT(SimTerms, months, 0, 100000),
    DAT_FIELD_INT(SimTerms, delay, 0, 100000),
    DAT_FIELD_NUM(SimTerms, upfront, 0, 1),
    DAT_FIELD_NUM(SimTerms, gw, 0, BIG),
    DAT_FIELD_NUM(SimTerms, rate, 0, 1),
    DAT_FIELD_NUM(SimTerms, rate2, 0, 1),
    DAT_FIELD_NUM(SimTerms, shares, 0, BIG),
};

/* An actor's numbers between its id and its random stream. */
static const DatField actor_fields[] = {
    DAT_FIELD_NUM(SimActor, debt, -BIG, BIG),
    DAT_FIELD_NUM(SimActor, credit_limit, -BIG, BIG),
    DAT_FIELD_NUM(SimActor, revenue, -BIG, BIG),
    DAT_FIELD_NUM(SimActor, growth, -BIG, BIG),
    DAT_FIELD_NUM(SimActor, shares, 0, BIG),
    DAT_FIELD_NUM(SimActor, price, 0, BIG),
    DAT_FIELD_NUM(SimActor, price0, 0, BIG),
    DAT_FIELD_NUM(SimActor, log_anchor, -1e4, 1e4),
    DAT_FIELD_NUM(SimActor, compute_owned, 0, BIG),
    DAT_FIELD_NUM(SimActor, compute_contracted, 0, BIG),
    DAT_FIELD_NUM(SimActor, threat, -BIG, BIG),
    DAT_FIELD_NUM(SimActor, car, -1e4, 1e4),
    DAT_FIELD_INT(SimActor, joined, 0, 1),
    DAT_FIELD_INT(SimActor, last_deal_turn, -1000, 1 << 20),
    DAT_FIELD_INT(SimActor, defaulted, 0, 1),
    DAT_FIELD_INT(SimActor, missed, 0, 1 << 20),
    DAT_FIELD_INT(SimActor, strategy_failures, 0, 1 << 20),
    DAT_FIELD_NUM(SimActor, committed_now, -BIG, BIG),
};

/* A deal's state between its status and its history event. */
static const DatField deal_fields[] = {
    DAT_FIELD_INT(SimDeal, proposed_turn, 0, 1 << 20),
    DAT_FIELD_INT(SimDeal, decided_turn, -1, 1 << 20),
    DAT_FIELD_INT(SimDeal, start_turn, -1, 1 << 20),
    DAT_FIELD_INT(SimDeal, paid_count, 0, 1 << 20),
    DAT_FIELD_NUM(SimDeal, paid, 0, BIG),
    DAT_FIELD_NUM(SimDeal, gw_done, 0, BIG),
    DAT_FIELD_NUM(SimDeal, principal, 0, BIG),
    DAT_FIELD_NUM(SimDeal, vested, 0, BIG),
    DAT_FIELD_NUM(SimDeal, cost_paid, 0, BIG),
    DAT_FIELD_INT(SimDeal, missed, 0, 1 << 20),
    DAT_FIELD_NUM(SimDeal, arrears, 0, BIG),
    DAT_FIELD_INT(SimDeal, end_turn, -1, 1 << 20),
};

#define N_OF(t) ((int)(sizeof t / sizeof t[0]))

void dat_actor_fields_write(DatOut *o, const SimActor *a)
{
    dat_out_fields(o, a, actor_fields, N_OF(actor_fields));
}

int dat_actor_fields_read(DatReader *r, const cJSON *v, SimActor *a)
{
    return dat_fields_read(r, v, a, actor_fields, N_OF(actor_fields));
}

void dat_deal_fields_write(DatOut *o, const SimDeal *d)
{
    dat_out_fields(o, d, deal_fields, N_OF(deal_fields));
}

int dat_deal_fields_read(DatReader *r, const cJSON *v, SimDeal *d)
{
    return dat_fields_read(r, v, d, deal_fields, N_OF(deal_fields));
}

void dat_terms_write(DatOut *o, const SimTerms *t)
{
    dat_buf_puts(&o->b, "{");
    dat_out_key(o, "kind", 1);
    dat_buf_string(&o->b, sim_deal_kind_name(t->kind));
    dat_out_int(o, "payer", t->payer);
    dat_out_int(o, "payee", t->payee);
    dat_out_fields(o, t, terms_fields, N_OF(terms_fields));
    dat_buf_puts(&o->b, "}");
}

static const char *const terms_keys[] = {"kind",    "payer", "payee", "amount", "months", "delay",
                                         "upfront", "gw",    "rate",  "rate2",  "shares", NULL};

/* 0 if the terms are valid, else fails r with why, in the reader's language: the refusal's
 * refuse.<code> text (desk.json: {1} the deal kind as in the file, {5} the amount), or
 * sim_terms_check's own English when no table has it (no tables in use). */
int dat_terms_check(DatReader *r, const SimTerms *t, int n_actors)
{
    char why[200], key[48], a[48], b[48], msg[256];
    SimRefusal re;
    if (sim_terms_check_why(t, n_actors, &re, why, sizeof why) == 0)
        return 0;
    snprintf(key, sizeof key, "refuse.%s", sim_refuse_code_name(re.code));
    const char *tmpl = core_tr(key);
    if (strcmp(tmpl, key) == 0)
        return dat_fail(r, NULL, "%s", why);
    snprintf(a, sizeof a, "?");
    snprintf(b, sizeof b, "?");
    if (isfinite(re.a))
        core_tr_money(re.a, CORE_MONEY_FULL, a, sizeof a);
    if (isfinite(re.b))
        core_tr_money(re.b, CORE_MONEY_FULL, b, sizeof b);
    const char *args[6] = {
        (unsigned)re.kind < SIM_DEAL_KIND_COUNT ? sim_deal_kind_name(re.kind) : "?",
        "?",
        "?",
        "?",
        a,
        b};
    core_text_subst(msg, sizeof msg, tmpl, args, 6);
    return dat_fail(r, NULL, "%s", msg);
}

int dat_terms_read(DatReader *r, const cJSON *v, int n_actors, SimTerms *t)
{
    const char *kinds[SIM_DEAL_KIND_COUNT];
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        kinds[k] = sim_deal_kind_name((SimDealKind)k);
    int kind;
    memset(t, 0, sizeof *t);
    if (dat_object(r, v, "a terms object", terms_keys) < 0 ||
        dat_enum(r, v, "kind", DAT_REQUIRED, kinds, SIM_DEAL_KIND_COUNT, 0, &kind) < 0 ||
        dat_int(r, v, "payer", DAT_REQUIRED, 0, n_actors - 1, 0, &t->payer) < 0 ||
        dat_int(r, v, "payee", DAT_REQUIRED, SIM_WORLD, n_actors - 1, 0, &t->payee) < 0 ||
        dat_fields_read(r, v, t, terms_fields, N_OF(terms_fields)) < 0)
        return -1;
    t->kind = (SimDealKind)kind;
    return 0;
}

void dat_intents_write(DatBuf *b, const SimIntentList *l)
{
    DatOut o;
    o.b = *b;
    snprintf(o.what, sizeof o.what, "intent");
    dat_buf_puts(&o.b, "[");
    for (int k = 0; k < l->n; k++) {
        const SimIntent *in = &l->v[k];
        dat_buf_puts(&o.b, k ? ",{" : "{");
        dat_out_key(&o, "kind", 1);
        dat_buf_string(&o.b, sim_intent_kind_name(in->kind));
        dat_out_int(&o, "deal", in->deal);
        dat_out_int(&o, "history_event", in->history_event);
        dat_out_text(&o, "reason", in->reason);
        if (in->kind == SIM_INTENT_SELL) {
            dat_out_int(&o, "actor", in->actor);
            dat_out_num(&o, "shares", in->shares);
        }
        if (in->kind == SIM_INTENT_RESCUE) {
            dat_out_int(&o, "actor", in->actor);
            dat_out_num(&o, "amount", in->amount);
        }
        if (in->kind == SIM_INTENT_PROPOSE || in->kind == SIM_INTENT_COUNTER) {
            dat_out_key(&o, "terms", 0);
            dat_terms_write(&o, &in->terms);
        }
        dat_buf_puts(&o.b, "}");
    }
    dat_buf_puts(&o.b, "]");
    *b = o.b;
}

int dat_intents_read(DatReader *r, const cJSON *arr, int n_actors, SimIntentList *out)
{
    static const char *const keys[] = {"kind",  "deal",   "history_event", "reason", "terms",
                                       "actor", "shares", "amount",        NULL};
    char got[80];
    memset(out, 0, sizeof *out);
    if (!cJSON_IsArray(arr)) {
        dat_describe(arr, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.intents_type",
                           "expected an array of intents, got {1}", got, NULL);
    }
    int k = 0;
    for (const cJSON *c = arr->child; c; c = c->next, k++) {
        if (k == SIM_MAX_INTENTS)
            return dat_fail_tr(r, NULL, "err.save.intents_many", "expected at most {1} intents",
                               dat_arg_size(got, (size_t)SIM_MAX_INTENTS), NULL);
        size_t m = dat_enter_index(r, k);
        int kind;
        SimIntent *in = sim_intents_push(out, SIM_INTENT_PASS);
        if (dat_object(r, c, "an intent object", keys) < 0 ||
            dat_enum(r, c, "kind", DAT_REQUIRED, intent_names, SIM_INTENT_KIND_COUNT, 0, &kind) <
                0 ||
            dat_int(r, c, "deal", DAT_REQUIRED, -1, DAT_SAVE_MAX_DEALS, -1, &in->deal) < 0 ||
            dat_int(r, c, "history_event", DAT_REQUIRED, -1, 100000, -1, &in->history_event) < 0 ||
            dat_text_read(r, c, "reason", DAT_REQUIRED, in->reason, sizeof in->reason) < 0) {
            dat_leave(r, m);
            return -1;
        }
        in->kind = (SimIntentKind)kind;
        /* A sale names the issuer and the shares (saves before sales have neither). */
        DatNeed sale =
            kind == SIM_INTENT_SELL || kind == SIM_INTENT_RESCUE ? DAT_REQUIRED : DAT_OPTIONAL;
        if (dat_int(r, c, "actor", sale, -1, n_actors - 1, -1, &in->actor) < 0 ||
            dat_number(r, c, "shares", kind == SIM_INTENT_SELL ? DAT_REQUIRED : DAT_OPTIONAL,
                       dat_between(0, BIG), 0, &in->shares) < 0 ||
            dat_number(r, c, "amount", kind == SIM_INTENT_RESCUE ? DAT_REQUIRED : DAT_OPTIONAL,
                       dat_between(0, BIG), 0, &in->amount) < 0) {
            dat_leave(r, m);
            return -1;
        }
        const cJSON *t = dat_get(c, "terms");
        if (kind == SIM_INTENT_PROPOSE || kind == SIM_INTENT_COUNTER) {
            if (!t) {
                dat_fail_tr(r, "terms", "err.save.terms_needed", "missing: a {1} needs terms",
                            intent_names[kind], NULL);
                dat_leave(r, m);
                return -1;
            }
            size_t m2 = dat_enter_key(r, "terms");
            if (dat_terms_read(r, t, n_actors, &in->terms) < 0) {
                dat_leave(r, m);
                return -1;
            }
            if (dat_terms_check(r, &in->terms, n_actors) < 0) {
                dat_leave(r, m);
                return -1;
            }
            dat_leave(r, m2);
        } else if (t) {
            dat_fail_tr(r, "terms", "err.save.terms_only", "only propose and counter carry terms",
                        NULL);
            dat_leave(r, m);
            return -1;
        }
        dat_leave(r, m);
    }
    return 0;
}

/* =============================================================================================
 * Lua memory trees: a table is an array of [key, value] pairs; an integral JSON number is an
 * integer, another number a float; {"int": "..."} an integer beyond 2^53, {"float": x} an integral
 * float (3.0, -0.0, 1e20), {"hex": "..."} a string of bytes that is not UTF-8. */

#define EXACT_INT ((int64_t)1 << 53)

void dat_memory_write(DatOut *o, const CoreValue *v)
{
    char num[40];
    switch (v->type) {
    case CORE_VAL_BOOL:
        dat_buf_puts(&o->b, v->b ? "true" : "false");
        return;
    case CORE_VAL_INT:
        if (v->i > -EXACT_INT && v->i < EXACT_INT)
            dat_buf_printf(&o->b, "%" PRId64, v->i);
        else
            dat_buf_printf(&o->b, "{\"int\":\"%" PRId64 "\"}", v->i);
        return;
    case CORE_VAL_FLOAT:
        if (isfinite(v->f) && v->f == floor(v->f)) {
            dat_fmt_double(num, sizeof num, v->f);
            dat_buf_printf(&o->b, "{\"float\":%s}", num);
        } else {
            dat_out_double(o, v->f);
        }
        return;
    case CORE_VAL_STRING:
        dat_bytes_write(&o->b, v->s, v->len);
        return;
    case CORE_VAL_TABLE:
        dat_buf_puts(&o->b, "[");
        for (size_t k = 0; k < v->len; k++) {
            dat_buf_puts(&o->b, k ? ",[" : "[");
            dat_memory_write(o, &v->kv[2 * k]);
            dat_buf_puts(&o->b, ",");
            dat_memory_write(o, &v->kv[2 * k + 1]);
            dat_buf_puts(&o->b, "]");
        }
        dat_buf_puts(&o->b, "]");
        return;
    default:
        dat_buf_puts(&o->b, "null");
        return;
    }
}

/* {"int": "..."}, {"float": x} or {"hex": "..."}: what a plain JSON value cannot say exactly. */
static int read_tagged(DatReader *r, const cJSON *j, CoreValue *v)
{
    char got[80];
    static const char *const keys[] = {"int", "float", "hex", NULL};
    if (dat_object(r, j, "{\"int\": ...}, {\"float\": ...} or {\"hex\": ...}", keys) < 0)
        return -1;
    if (!j->child || j->child->next)
        return dat_fail_tr(r, NULL, "err.save.memory_one",
                           "expected exactly one of int, float or hex", NULL);
    const char *k = j->child->string;
    if (strcmp(k, "hex") == 0) {
        char *s;
        size_t n;
        if (dat_bytes_node(r, j, &s, &n, (size_t)8 << 20) < 0)
            return -1;
        v->type = CORE_VAL_STRING;
        v->s = s;
        v->len = n;
        return 0;
    }
    if (strcmp(k, "float") == 0)
        return dat_number(r, j, "float", DAT_REQUIRED, dat_any(), 0, &v->f) < 0
                   ? -1
                   : (v->type = CORE_VAL_FLOAT, 0);
    const cJSON *s = j->child;
    size_t m = dat_enter_key(r, "int");
    if (!cJSON_IsString(s)) {
        dat_describe(s, got, sizeof got);
        dat_fail_tr(r, NULL, "err.save.memory_int_type",
                    "expected a whole number in a string, got {1}", got, NULL);
        dat_leave(r, m);
        return -1;
    }
    char *end = NULL;
    errno = 0;
    long long x = strtoll(s->valuestring, &end, 10);
    if (!s->valuestring[0] || *end || errno) {
        dat_fail_tr(r, NULL, "err.save.memory_int64", "expected a 64-bit whole number, got \"{1}\"",
                    s->valuestring, NULL);
        dat_leave(r, m);
        return -1;
    }
    dat_leave(r, m);
    v->type = CORE_VAL_INT;
    v->i = (int64_t)x;
    return 0;
}

static int read_value(DatReader *r, const cJSON *j, CoreValue *v, int depth, int *budget)
{
    char got[80];
    memset(v, 0, sizeof *v);
    if (--*budget < 0)
        return dat_fail_tr(r, NULL, "err.save.memory_many", "the memory holds more than {1} values",
                           dat_arg_size(got, (size_t)MEM_ITEMS), NULL);
    if (cJSON_IsBool(j)) {
        v->type = CORE_VAL_BOOL;
        v->b = cJSON_IsTrue(j);
        return 0;
    }
    if (cJSON_IsString(j))
        return core_value_set_string(v, j->valuestring, strlen(j->valuestring)) < 0
                   ? dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL)
                   : 0;
    if (cJSON_IsNumber(j)) {
        double x = j->valuedouble;
        if (!isfinite(x))
            return dat_fail_tr(r, NULL, "err.save.memory_finite",
                               "expected a finite number, got one beyond a double's range", NULL);
        if (x != floor(x)) {
            v->type = CORE_VAL_FLOAT;
            v->f = x;
            return 0;
        }
        if (!(x > -(double)EXACT_INT && x < (double)EXACT_INT))
            return dat_fail_tr(r, NULL, "err.save.memory_int",
                               "expected an integer within 2^53 (larger ones are written {\"int\": "
                               "\"...\"}), got {1}",
                               dat_arg_double(got, x), NULL);
        v->type = CORE_VAL_INT;
        v->i = (int64_t)x;
        return 0;
    }
    if (cJSON_IsObject(j))
        return read_tagged(r, j, v);
    if (!cJSON_IsArray(j)) {
        dat_describe(j, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.save.memory_value", "expected a memory value, got {1}",
                           got, NULL);
    }
    if (depth >= MEM_DEPTH)
        return dat_fail_tr(r, NULL, "err.save.memory_deep",
                           "the memory is nested deeper than {1} tables",
                           dat_arg_size(got, (size_t)MEM_DEPTH), NULL);
    core_value_set_table(v);
    int k = 0;
    for (const cJSON *c = j->child; c; c = c->next, k++) {
        size_t m = dat_enter_index(r, k);
        const cJSON *kv[2] = {NULL, NULL};
        CoreValue *slot = NULL;
        if (dat_row(r, c, 2, kv) < 0 || !(slot = core_value_table_add(v))) {
            if (!slot)
                dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
            dat_leave(r, m);
            return -1;
        }
        size_t mk = dat_enter_index(r, 0);
        int rc = read_value(r, kv[0], &slot[0], depth + 1, budget);
        if (rc == 0 && (slot[0].type == CORE_VAL_TABLE || slot[0].type == CORE_VAL_NIL))
            rc = dat_fail_tr(r, NULL, "err.save.memory_key",
                             "a key must be a number, a string or a boolean", NULL);
        dat_leave(r, mk);
        if (rc == 0) {
            mk = dat_enter_index(r, 1);
            rc = read_value(r, kv[1], &slot[1], depth + 1, budget);
            dat_leave(r, mk);
        }
        dat_leave(r, m);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int dat_memory_read(DatReader *r, const cJSON *j, CoreValue *v)
{
    int budget = MEM_ITEMS;
    return read_value(r, j, v, 0, &budget);
}
