/* dat_history: writes a game's record as JSON, straight into a text buffer.
 *
 * The key the file uses for each field lives in the tables and in the few key(...) calls below,
 * nowhere else. Each array element goes on a line of its own, so that two records diff well. */
#include "dat_history.h"

#include "core_text.h"

#include "core_month.h"
#include "dat_json.h"
#include "sim_turn.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_FORMAT  "closedloop-history"
#define HISTORY_VERSION 1
#define WORLD_NAME      "world"

typedef struct {
    const char *key;
    size_t off;
} Field;

/* An actor's snapshot is written series by series (sim_series.h): an ACTOR series (the largest
 * counterparty) as an actor id, or null. */

static const Field info_fields[] = {
    {"sentiment", offsetof(SimTurnInfo, sentiment)},
    {"leverage", offsetof(SimTurnInfo, leverage)},
    {"announced", offsetof(SimTurnInfo, announced)},
    {"demand", offsetof(SimTurnInfo, demand)},
};

/* Terms, with the key names of scenario files. */
static const Field terms_doubles[] = {
    {"amount", offsetof(SimTerms, amount)}, {"upfront", offsetof(SimTerms, upfront)},
    {"gw", offsetof(SimTerms, gw)},         {"rate", offsetof(SimTerms, rate)},
    {"rate2", offsetof(SimTerms, rate2)},   {"shares", offsetof(SimTerms, shares)},
};
static const Field terms_ints[] = {
    {"months", offsetof(SimTerms, months)},
    {"delay", offsetof(SimTerms, delay)},
};

static const Field deal_doubles[] = {
    {"paid", offsetof(SimDeal, paid)},
    {"gw_done", offsetof(SimDeal, gw_done)},
    {"principal", offsetof(SimDeal, principal)},
    {"vested", offsetof(SimDeal, vested)},
};
static const Field deal_ints[] = {
    {"paid_count", offsetof(SimDeal, paid_count)},
    {"missed", offsetof(SimDeal, missed)},
    {"proposed_turn", offsetof(SimDeal, proposed_turn)},
};
/* -1 in these means "not yet" or "none": written as null. */
static const Field deal_optional_ints[] = {
    {"parent", offsetof(SimDeal, parent)},
    {"decided_turn", offsetof(SimDeal, decided_turn)},
    {"start_turn", offsetof(SimDeal, start_turn)},
    {"end_turn", offsetof(SimDeal, end_turn)},
};

static const Field event_doubles[] = {
    {"amount", offsetof(SimEvent, amount)},
    {"change", offsetof(SimEvent, change)},
    {"value", offsetof(SimEvent, value)},
    {"fundamental", offsetof(SimEvent, fund)},
};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    DatBuf b;
    const SimWorld *w;
    char where[64]; /* the element being written, for the non-finite error */
} Writer;

/* ---------------------------------------------------------------------------------------------
 * Small writers */

static void key(Writer *o, const char *k)
{
    dat_buf_puts(&o->b, ",\"");
    dat_buf_puts(&o->b, k);
    dat_buf_puts(&o->b, "\":");
}

static void num(Writer *o, const char *k, double v)
{
    char what[128];
    key(o, k);
    snprintf(what, sizeof what, "%s.%s", o->where, k);
    dat_buf_double(&o->b, v, what);
}

static void integer(Writer *o, const char *k, long long v)
{
    key(o, k);
    dat_buf_printf(&o->b, "%lld", v);
}

static void opt_integer(Writer *o, const char *k, int v)
{
    key(o, k);
    if (v < 0)
        dat_buf_puts(&o->b, "null");
    else
        dat_buf_printf(&o->b, "%d", v);
}

static void str(Writer *o, const char *k, const char *s)
{
    key(o, k);
    dat_buf_string(&o->b, s);
}

/* A text of the record: one the engine left as a reference to the tables (core_text.h) is
 * written told in English, so that the record is the same in every language and readable by
 * any program; a reason a script gave in two languages keeps both parts. */
static void record_text(Writer *o, const char *k, const char *s)
{
    char told[SIM_REASON_LEN * 2];
    str(o, k, s && s[0] == CORE_TEXT_REF ? core_text_pick_en(s, told, sizeof told) : s);
}

static void month(Writer *o, const char *k, int m)
{
    char buf[16];
    core_month_format(m, buf, sizeof buf);
    str(o, k, buf);
}

static void fields(Writer *o, const void *base, const Field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        num(o, f[i].key, *(const double *)((const char *)base + f[i].off));
}

static void int_fields(Writer *o, const void *base, const Field *f, size_t n, int optional)
{
    for (size_t i = 0; i < n; i++) {
        int v = *(const int *)((const char *)base + f[i].off);
        if (optional)
            opt_integer(o, f[i].key, v);
        else
            integer(o, f[i].key, v);
    }
}

/* An actor index (or SIM_WORLD for the outside) by name; anything else is null. */
static const char *party_name(const SimWorld *w, int i)
{
    if (i >= 0 && i < w->n)
        return w->sc->actors[i].id;
    return i == SIM_WORLD ? WORLD_NAME : NULL;
}

/* A ledger account (actors 0..n-1, the world n) by name. */
static const char *account_name(const SimWorld *w, int a)
{
    if (a >= 0 && a < w->n)
        return w->sc->actors[a].id;
    return a == w->n ? WORLD_NAME : NULL;
}

/* An actor index by id, or null (no actor). */
static const char *actor_name(const SimWorld *w, int i)
{
    return i >= 0 && i < w->n ? w->sc->actors[i].id : NULL;
}

static void snap_series(Writer *o, const SimSnap *s)
{
    for (int k = 0; k < SIM_N_SERIES; k++) {
        const SimSeries *se = &sim_series[k];
        double v = sim_series_get(s, k);
        if (se->kind == SIM_SERIES_ACTOR)
            str(o, se->name, actor_name(o->w, (int)v));
        else if (sim_series_is_int(se))
            integer(o, se->name, (long long)v);
        else
            num(o, se->name, v);
    }
}

static const char *scenario_event_tag(const SimWorld *w, int e)
{
    return e >= 0 && e < w->sc->n_events ? w->sc->events[e].id : NULL;
}

static const char *role_name(SimRole r)
{
    switch (r) {
    case SIM_ROLE_HUB:
        return "hub";
    case SIM_ROLE_GIANT:
        return "giant";
    case SIM_ROLE_OUTSIDE:
        return "outside";
    }
    return "?";
}

/* Each element opens with its first key (no comma), the rest go through key(). */
static void open_element(Writer *o, int index, const char *first_key)
{
    dat_buf_puts(&o->b, index ? ",\n{\"" : "\n{\"");
    dat_buf_puts(&o->b, first_key);
    dat_buf_puts(&o->b, "\":");
}

/* ---------------------------------------------------------------------------------------------
 * Sections */

/* A key of the top-level object, on a line of its own. */
static void top_key(Writer *o, const char *k)
{
    dat_buf_puts(&o->b, ",\n\"");
    dat_buf_puts(&o->b, k);
    dat_buf_puts(&o->b, "\":");
}

static void write_head(Writer *o)
{
    const SimWorld *w = o->w;
    char seed[32], start[16];
    snprintf(seed, sizeof seed, "%" PRIu64, w->seed);
    core_month_format(w->sc->start, start, sizeof start);
    dat_buf_puts(&o->b, "{\"format\":");
    dat_buf_string(&o->b, HISTORY_FORMAT);
    integer(o, "version", HISTORY_VERSION);
    top_key(o, "scenario");
    dat_buf_string(&o->b, w->sc->id);
    top_key(o, "seed");
    dat_buf_string(&o->b, seed);
    top_key(o, "turns_played");
    dat_buf_printf(&o->b, "%d", w->turn);
    top_key(o, "end");
    dat_buf_string(&o->b, sim_end_reason_name(w->end));
    top_key(o, "start");
    dat_buf_string(&o->b, start);
    top_key(o, "actors");
    dat_buf_puts(&o->b, "[");
    for (int i = 0; i < w->n; i++) {
        const SimActorSpec *a = &w->sc->actors[i];
        open_element(o, i, "id");
        dat_buf_string(&o->b, a->id);
        str(o, "name", a->name);
        str(o, "role", role_name(a->role));
        dat_buf_puts(&o->b, "}");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_turns(Writer *o)
{
    const SimWorld *w = o->w;
    int last = w->turn < w->turns ? w->turn : w->turns;
    top_key(o, "turns");
    dat_buf_puts(&o->b, "[");
    for (int t = 0; t <= last && !o->b.failed; t++) {
        snprintf(o->where, sizeof o->where, "turns[%d]", t);
        open_element(o, t, "turn");
        dat_buf_printf(&o->b, "%d", t);
        month(o, "month", w->sc->start + t - 1);
        fields(o, &w->info[t], info_fields, NFIELDS(info_fields));
        key(o, "actors");
        dat_buf_puts(&o->b, "[");
        for (int i = 0; i < w->n; i++) {
            const SimSnap *s = sim_snap(w, t, i);
            snprintf(o->where, sizeof o->where, "turns[%d].actors[%d]", t, i);
            dat_buf_puts(&o->b, i ? ",{\"id\":" : "{\"id\":");
            dat_buf_string(&o->b, w->sc->actors[i].id);
            snap_series(o, s);
            dat_buf_puts(&o->b, "}");
        }
        dat_buf_puts(&o->b, "]}");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_deals(Writer *o)
{
    const SimWorld *w = o->w;
    top_key(o, "deals");
    dat_buf_puts(&o->b, "[");
    for (int i = 0; i < w->n_deals && !o->b.failed; i++) {
        const SimDeal *d = &w->deals[i];
        snprintf(o->where, sizeof o->where, "deals[%d]", i);
        open_element(o, i, "id");
        dat_buf_printf(&o->b, "%d", d->id);
        str(o, "tag", d->tag);
        str(o, "kind", sim_deal_kind_name(d->t.kind));
        str(o, "status", sim_deal_status_name(d->status));
        str(o, "proposer", actor_name(w, d->proposer));
        str(o, "payer", party_name(w, d->t.payer));
        str(o, "payee", party_name(w, d->t.payee));
        fields(o, &d->t, terms_doubles, NFIELDS(terms_doubles));
        int_fields(o, &d->t, terms_ints, NFIELDS(terms_ints), 0);
        int_fields(o, d, deal_ints, NFIELDS(deal_ints), 0);
        int_fields(o, d, deal_optional_ints, NFIELDS(deal_optional_ints), 1);
        fields(o, d, deal_doubles, NFIELDS(deal_doubles));
        str(o, "history_event", scenario_event_tag(w, d->history_event));
        record_text(o, "reason", d->reason);
        record_text(o, "answer", d->answer);
        dat_buf_puts(&o->b, "}");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_flows(Writer *o)
{
    const SimWorld *w = o->w;
    const SimLedger *l = &w->ledger;
    top_key(o, "flows");
    dat_buf_puts(&o->b, "[");
    for (int i = 0; i < l->n_flows && !o->b.failed; i++) {
        const SimFlow *f = &l->flows[i];
        snprintf(o->where, sizeof o->where, "flows[%d]", i);
        open_element(o, i, "turn");
        dat_buf_printf(&o->b, "%d", f->turn);
        str(o, "from", account_name(w, f->from));
        str(o, "to", account_name(w, f->to));
        num(o, "amount", f->amount);
        str(o, "kind", sim_flow_kind_name(f->kind));
        opt_integer(o, "deal", f->deal);
        str(o, "via", actor_name(w, f->via));
        dat_buf_puts(&o->b, "}");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_events(Writer *o)
{
    const SimWorld *w = o->w;
    top_key(o, "events");
    dat_buf_puts(&o->b, "[");
    for (int i = 0; i < w->n_events && !o->b.failed; i++) {
        const SimEvent *e = &w->events[i];
        snprintf(o->where, sizeof o->where, "events[%d]", i);
        open_element(o, i, "turn");
        dat_buf_printf(&o->b, "%d", e->turn);
        str(o, "kind", sim_log_kind_name(e->kind));
        str(o, "actor", actor_name(w, e->actor));
        str(o, "other", actor_name(w, e->other));
        opt_integer(o, "deal", e->deal);
        str(o, "scenario_event", scenario_event_tag(w, e->scenario_event));
        fields(o, e, event_doubles, NFIELDS(event_doubles));
        record_text(o, "text", e->text);
        dat_buf_puts(&o->b, "}");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_tail(Writer *o)
{
    const SimWorld *w = o->w;
    char what[64];
    top_key(o, "scores");
    dat_buf_puts(&o->b, "{");
    for (int i = 0; i < w->n; i++) {
        if (i)
            dat_buf_puts(&o->b, ",");
        dat_buf_string(&o->b, w->sc->actors[i].id);
        dat_buf_puts(&o->b, ":");
        snprintf(what, sizeof what, "scores.%s", w->sc->actors[i].id);
        dat_buf_double(&o->b, sim_score(w, i), what);
    }
    dat_buf_puts(&o->b, "}");
    top_key(o, "announced_value");
    dat_buf_double(&o->b, w->announced_value, "announced_value");
    dat_buf_puts(&o->b, "}\n");
}

/* ---------------------------------------------------------------------------------------------
 * Entry points */

char *dat_history_text(const SimWorld *w, size_t *len, char *err, size_t errsz)
{
    Writer o;
    memset(&o, 0, sizeof o);
    dat_buf_init(&o.b);
    o.w = w;
    write_head(&o);
    write_turns(&o);
    write_deals(&o);
    write_flows(&o);
    write_events(&o);
    write_tail(&o);
    return dat_buf_take(&o.b, len, err, errsz, "err.history.write",
                        "cannot write the game record: {1}");
}

int dat_history_write(const SimWorld *w, const char *path, char *err, size_t errsz)
{
    size_t len;
    char why[256];
    char *text = dat_history_text(w, &len, why, sizeof why);
    return dat_write_text_file(path, text, len, why, err, errsz);
}
