/* dat_save_write: a whole game as the text of a save (dat_save.h has the API and the format's
 * overview). The key names below are the file format (docs/save-format.md): change one, change
 * the other. */
#include "dat_record.h"
#include "dat_save.h"

#include "core_month.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void top(DatOut *o, const char *k)
{
    dat_buf_puts(&o->b, ",\n\"");
    dat_buf_puts(&o->b, k);
    dat_buf_puts(&o->b, "\":");
}

static void write_rng(DatOut *o, const CoreRng *g)
{
    char h[17];
    dat_buf_puts(&o->b, "[");
    for (int k = 0; k < 4; k++) {
        dat_hex64(g->s[k], h);
        dat_buf_puts(&o->b, k ? ",\"" : "\"");
        dat_buf_puts(&o->b, h);
        dat_buf_puts(&o->b, "\"");
    }
    dat_buf_puts(&o->b, "]");
}

static void write_doubles(DatOut *o, const double *v, int n)
{
    dat_buf_puts(&o->b, "[");
    for (int k = 0; k < n; k++) {
        if (k)
            dat_buf_puts(&o->b, ",");
        dat_out_double(o, v[k]);
    }
    dat_buf_puts(&o->b, "]");
}

static void write_actor(DatOut *o, const SimWorld *w, int i)
{
    const SimActor *a = &w->actors[i];
    snprintf(o->what, sizeof o->what, "world.actors[%d]", i);
    dat_buf_puts(&o->b, i ? ",\n{" : "\n{");
    dat_out_key(o, "id", 1);
    dat_buf_string(&o->b, w->sc->actors[i].id);
    dat_actor_fields_write(o, a);
    dat_out_key(o, "rng", 0);
    write_rng(o, &a->rng);
    dat_out_key(o, "holdings", 0);
    write_doubles(o, &w->holdings[(size_t)i * (size_t)w->n], w->n);
    dat_out_key(o, "granted", 0);
    write_doubles(o, &w->granted[(size_t)i * (size_t)w->n], w->n);
    /* Its balance sheet as the market last valued it: a valuation reads the default probabilities
     * of the one before it, so a restored game takes it as saved rather than valuing anew. */
    dat_out_key(o, "val", 0);
    write_doubles(o, (const double *)&a->val, DAT_VAL_FIELDS);
    dat_buf_puts(&o->b, "}");
}

static void write_deal(DatOut *o, const SimDeal *d, int k)
{
    snprintf(o->what, sizeof o->what, "world.deals[%d]", k);
    dat_buf_puts(&o->b, k ? ",\n{" : "\n{");
    dat_out_key(o, "id", 1);
    dat_buf_printf(&o->b, "%d", d->id);
    dat_out_key(o, "terms", 0);
    dat_terms_write(o, &d->t);
    dat_out_int(o, "proposer", d->proposer);
    dat_out_int(o, "parent", d->parent);
    dat_out_key(o, "status", 0);
    dat_buf_string(&o->b, sim_deal_status_name(d->status));
    dat_deal_fields_write(o, d);
    dat_out_int(o, "history_event", d->history_event);
    dat_out_text(o, "tag", d->tag);
    dat_out_text(o, "reason", d->reason);
    dat_out_text(o, "answer", d->answer);
    dat_buf_puts(&o->b, "}");
}

static void write_world(DatOut *o, const SimWorld *w)
{
    dat_buf_puts(&o->b, "{");
    snprintf(o->what, sizeof o->what, "world");
    dat_out_key(o, "turn", 1);
    dat_buf_printf(&o->b, "%d", w->turn);
    dat_out_key(o, "end", 0);
    dat_buf_string(&o->b, sim_end_reason_name(w->end));
    dat_out_num(o, "sentiment_x", w->sentiment_x);
    dat_out_num(o, "demand_adoption", w->demand_adoption);
    dat_out_int(o, "next_event", w->next_event);
    dat_out_int(o, "target_reached_turn", w->target_reached_turn);
    dat_out_num(o, "announced_value", w->announced_value);
    dat_out_int(o, "n_giants", w->n_giants);
    dat_out_int(o, "n_rewarded", w->n_rewarded);
    dat_buf_puts(&o->b, ",\n\"actors\":[");
    for (int i = 0; i < w->n; i++)
        write_actor(o, w, i);
    dat_buf_puts(&o->b, "]");
    snprintf(o->what, sizeof o->what, "world.cash");
    dat_buf_puts(&o->b, ",\n\"cash\":");
    write_doubles(o, w->ledger.balance, w->ledger.n_accounts);
    dat_buf_puts(&o->b, ",\n\"deals\":[");
    for (int k = 0; k < w->n_deals && !o->b.failed; k++)
        write_deal(o, &w->deals[k], k);
    dat_buf_puts(&o->b, "]");
    dat_buf_puts(&o->b, ",\n\"flows\":[");
    for (int k = 0; k < w->ledger.n_flows && !o->b.failed; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        snprintf(o->what, sizeof o->what, "world.flows[%d]", k);
        dat_buf_printf(&o->b, "%s[%d,%d,%d,", k ? ",\n" : "\n", f->turn, f->from, f->to);
        dat_out_double(o, f->amount);
        dat_buf_puts(&o->b, ",");
        dat_buf_string(&o->b, sim_flow_kind_name(f->kind));
        dat_buf_printf(&o->b, ",%d,%d]", f->deal, f->via);
    }
    dat_buf_puts(&o->b, "]");
    dat_buf_puts(&o->b, ",\n\"events\":[");
    for (int k = 0; k < w->n_events && !o->b.failed; k++) {
        const SimEvent *e = &w->events[k];
        snprintf(o->what, sizeof o->what, "world.events[%d]", k);
        dat_buf_printf(&o->b, "%s[%d,", k ? ",\n" : "\n", e->turn);
        dat_buf_string(&o->b, sim_log_kind_name(e->kind));
        dat_buf_printf(&o->b, ",%d,%d,%d,%d,", e->actor, e->other, e->deal, e->scenario_event);
        double v[5] = {e->amount, e->change, e->value, e->aux, e->fund};
        for (int x = 0; x < 5; x++) {
            dat_out_double(o, v[x]);
            dat_buf_puts(&o->b, ",");
        }
        dat_text_write(&o->b, e->text);
        dat_buf_puts(&o->b, "]");
    }
    dat_buf_puts(&o->b, "]");
    /* The snapshots' rows hold the series of sim_series, named once here. */
    dat_buf_puts(&o->b, ",\n\"series\":[");
    for (int k = 0; k < SIM_N_SERIES; k++) {
        dat_buf_puts(&o->b, k ? ",\"" : "\"");
        dat_buf_puts(&o->b, sim_series[k].name);
        dat_buf_puts(&o->b, "\"");
    }
    dat_buf_puts(&o->b, "]");
    dat_buf_puts(&o->b, ",\n\"snapshots\":[");
    for (int t = 0; t <= w->turn && !o->b.failed; t++) {
        const SimTurnInfo *in = &w->info[t];
        snprintf(o->what, sizeof o->what, "world.snapshots[%d]", t);
        dat_buf_puts(&o->b, t ? ",\n{\"info\":" : "\n{\"info\":");
        double iv[4] = {in->sentiment, in->leverage, in->announced, in->demand};
        write_doubles(o, iv, 4);
        dat_buf_puts(&o->b, ",\"actors\":[");
        for (int i = 0; i < w->n; i++) {
            const SimSnap *s = sim_snap(w, t, i);
            dat_buf_puts(&o->b, i ? ",[" : "[");
            for (int k = 0; k < SIM_N_SERIES; k++) {
                double v = sim_series_get(s, k);
                if (k)
                    dat_buf_puts(&o->b, ",");
                if (sim_series_is_int(&sim_series[k]))
                    dat_buf_printf(&o->b, "%d", (int)v);
                else
                    dat_out_double(o, v);
            }
            dat_buf_puts(&o->b, "]");
        }
        dat_buf_puts(&o->b, "]}");
    }
    dat_buf_puts(&o->b, "]}");
}

/* "hash": 16 hex digits, "text": the bytes (after a first member): a text with the hash that
 * tells it was not altered. */
static void write_hashed(DatOut *o, uint64_t hash, const char *text, size_t len)
{
    char h[17];
    dat_hex64(hash, h);
    dat_out_key(o, "hash", 0);
    dat_buf_string(&o->b, h);
    dat_out_key(o, "text", 0);
    dat_bytes_write(&o->b, text, len);
}

/* The story cards of a hosted game's room (nothing when none was offered). */
static void write_room_card(DatOut *o, const DatRoomCard *c)
{
    if (c->n_offers == 0 && !c->on_show[0])
        return;
    dat_buf_puts(&o->b, ",\"card\":{\"offers\":[");
    for (int k = 0; k < c->n_offers; k++) {
        dat_buf_puts(&o->b, k ? "," : "");
        dat_buf_string(&o->b, c->offers[k]);
    }
    dat_buf_puts(&o->b, "],\"on_show\":");
    dat_buf_string(&o->b, c->on_show);
    dat_buf_printf(&o->b, ",\"revealed\":%s,\"serial\":%d,\"choices\":[",
                   c->revealed ? "true" : "false", c->serial);
    for (int k = 0; k < c->n_choices; k++) {
        dat_buf_puts(&o->b, k ? "," : "");
        dat_buf_string(&o->b, c->choices[k]);
    }
    dat_buf_puts(&o->b, "]}");
}

/* The room of a hosted game. */
static void write_room(DatOut *o, const DatRoom *room)
{
    top(o, "room");
    dat_buf_puts(&o->b, "{\"code\":");
    dat_buf_string(&o->b, room->code);
    dat_buf_puts(&o->b, ",\"teacher\":");
    dat_buf_string(&o->b, room->teacher);
    dat_buf_puts(&o->b, ",\"seats\":[");
    for (int k = 0; k < room->n_seats; k++) {
        dat_buf_puts(&o->b, k ? ",{\"role\":" : "{\"role\":");
        dat_buf_string(&o->b, room->seats[k].role);
        dat_buf_puts(&o->b, ",\"token\":");
        dat_buf_string(&o->b, room->seats[k].token);
        if (room->seats[k].n_queued > 0) {
            dat_buf_puts(&o->b, ",\"queued_seq\":[");
            for (int i = 0; i < room->seats[k].n_queued; i++)
                dat_buf_printf(&o->b, "%s%lld", i ? "," : "",
                               (long long)room->seats[k].queued_seq[i]);
            dat_buf_puts(&o->b, "]");
        }
        if (room->seats[k].answered) {
            dat_buf_printf(&o->b,
                           ",\"answer\":{\"choice\":%d,\"text\":", room->seats[k].answer_choice);
            dat_buf_string(&o->b, room->seats[k].answer);
            dat_buf_puts(&o->b, "}");
        }
        dat_buf_puts(&o->b, "}");
    }
    dat_buf_puts(&o->b, "]");
    write_room_card(o, &room->card);
    dat_buf_puts(&o->b, "}");
}

char *dat_save_text(const DatSave *s, size_t *len, char *err, size_t errsz)
{
    const SimWorld *w = s->world;
    DatOut o;
    memset(&o, 0, sizeof o);
    dat_buf_init(&o.b);
    char seed[32], month[16] = "";
    if (w->turn > 0)
        core_month_format(w->sc->start + w->turn - 1, month, sizeof month);
    dat_buf_puts(&o.b, "{\"format\":\"" DAT_SAVE_FORMAT "\"");
    dat_out_int(&o, "version", DAT_SAVE_VERSION);
    top(&o, "program");
    dat_buf_string(&o.b, s->program);
    top(&o, "saved_at");
    dat_buf_string(&o.b, s->saved_at);
    top(&o, "turn");
    dat_buf_printf(&o.b, "%d", w->turn);
    top(&o, "month");
    dat_buf_string(&o.b, month);
    top(&o, "end");
    dat_buf_string(&o.b, sim_end_reason_name(w->end));
    top(&o, "scenario");
    dat_buf_puts(&o.b, "{\"id\":");
    dat_buf_string(&o.b, w->sc->id);
    dat_out_text(&o, "path", s->scenario_path);
    write_hashed(&o, s->scenario_hash, s->scenario_text, s->scenario_len);
    dat_buf_puts(&o.b, "}");
    snprintf(seed, sizeof seed, "%" PRIu64, w->seed);
    top(&o, "seed");
    dat_buf_string(&o.b, seed);
    top(&o, "scripts");
    dat_buf_puts(&o.b, "[");
    for (int k = 0; k < s->n_scripts; k++) {
        const DatScript *sc = &s->scripts[k];
        dat_buf_puts(&o.b, k ? ",\n{" : "\n{");
        dat_out_key(&o, "path", 1);
        dat_text_write(&o.b, sc->path);
        write_hashed(&o, sc->hash, sc->text, sc->len);
        dat_buf_puts(&o.b, "}");
    }
    dat_buf_puts(&o.b, "]");
    top(&o, "seats");
    dat_buf_puts(&o.b, "[");
    for (int i = 0; i < w->n; i++) {
        const DatSeat *st = &s->seats[i];
        snprintf(o.what, sizeof o.what, "seats[%d]", i);
        dat_buf_puts(&o.b, i ? ",\n{" : "\n{");
        dat_out_key(&o, "role", 1);
        dat_buf_string(&o.b, w->sc->actors[i].id);
        dat_out_text(&o, "choice", st->choice);
        dat_out_key(&o, "plays", 0);
        dat_buf_string(&o.b, st->plays);
        if (strcmp(st->plays, "lua") == 0) {
            dat_out_int(&o, "script", st->script);
            dat_out_key(&o, "rng", 0);
            write_rng(&o, &st->rng);
            dat_out_text(&o, "pending", st->pending);
            dat_out_key(&o, "memory", 0);
            snprintf(o.what, sizeof o.what, "seats[%d].memory", i);
            if (st->memory.type == CORE_VAL_TABLE)
                dat_memory_write(&o, &st->memory);
            else
                dat_buf_puts(&o.b, "[]");
        } else if (strcmp(st->plays, "human") == 0) {
            dat_out_key(&o, "queue", 0);
            dat_intents_write(&o.b, &st->queue);
        }
        dat_buf_puts(&o.b, "}");
    }
    dat_buf_puts(&o.b, "]");
    if (s->has_room)
        write_room(&o, &s->room);
    top(&o, "world");
    write_world(&o, w);
    dat_buf_puts(&o.b, "}\n");
    return dat_buf_take(&o.b, len, err, errsz, "err.save.write", "cannot write the save: {1}");
}

int dat_save_write(const DatSave *s, const char *path, char *err, size_t errsz)
{
    size_t len;
    char why[256];
    char *text = dat_save_text(s, &len, why, sizeof why);
    if (!s->has_room || !text)
        return dat_write_text_file(path, text, len, why, err, errsz);
    /* A hosted game's save holds the seats' tokens: for its owner's eyes only. */
    int rc = dat_write_file_mode(path, text, len, 0600, err, errsz);
    free(text);
    return rc;
}
