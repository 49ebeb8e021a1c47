/* app_replay: replays recorded and played back. */
#include "app_replay.h"

#include "app_lang.h"
#include "app_cli.h"
#include "app_seat.h"
#include "core_err.h"
#include "core_mem.h"
#include "dat_replay.h"
#include "dat_scenario.h"
#include "scr_strategy.h"
#include "sim_lever.h"
#include "sim_native.h"
#include "sim_turn.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#ifndef CL_VERSION
#define CL_VERSION "0"
#endif

#define MAX_SCRIPT_BYTES (1u << 20)

struct AppReplay {
    DatReplay r;
    int scanned; /* world events already looked at for lever changes */
};

AppReplay *app_replay_begin(const AppGame *g, char *err, size_t errsz)
{
    const SimWorld *w = g->world;
    if (w->turn != 0) {
        char t[16];
        snprintf(t, sizeof t, "%d", g->world->turn);
        app_cli_fail(err, errsz, "replay.err.first_turn", t, NULL);
        return NULL;
    }
    AppReplay *rec = calloc(1, sizeof *rec);
    if (!rec || !(rec->r.seats = calloc((size_t)w->n, sizeof *rec->r.seats)) ||
        !(rec->r.scenario_text = core_strndup(g->scenario_text, g->scenario_len))) {
        if (rec)
            free(rec->r.seats);
        free(rec);
        app_cli_fail(err, errsz, "cli.err.oom", NULL);
        return NULL;
    }
    DatReplay *r = &rec->r;
    core_strlcpy(r->program, "closedloop " CL_VERSION, sizeof r->program);
    core_strlcpy(r->scenario_id, w->sc->id, sizeof r->scenario_id);
    core_strlcpy(r->scenario_path, g->scenario_path, sizeof r->scenario_path);
    r->scenario_len = g->scenario_len;
    r->scenario_hash = core_fnv1a(CORE_FNV_OFFSET, g->scenario_text, g->scenario_len);
    r->seed = w->seed;
    r->n_seats = w->n;
    for (int i = 0; i < w->n; i++) {
        DatReplaySeat *s = &r->seats[i];
        const SimStrategy *st = &w->actors[i].strategy;
        core_strlcpy(s->role, w->sc->actors[i].id, sizeof s->role);
        core_strlcpy(s->choice, g->choice[i], sizeof s->choice);
        if (scr_strategy_is_lua(st)) {
            size_t len;
            const char *text = scr_strategy_source(st, &len);
            core_strlcpy(s->script, st->name, sizeof s->script);
            s->script_hash = core_fnv1a(CORE_FNV_OFFSET, text, len);
        }
    }
    return rec;
}

int app_replay_record_turn(AppReplay *rec, const SimWorld *w, char *err, size_t errsz)
{
    /* The teacher's levers set since the last turn (sim_lever records each as an event). */
    for (; rec->scanned < w->n_events; rec->scanned++) {
        const SimEvent *e = &w->events[rec->scanned];
        if (e->kind == SIM_LOG_LEVER &&
            dat_replay_add_lever(&rec->r, w->turn, e->other, e->amount) < 0)
            return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    for (int i = 0; i < w->n; i++) {
        SimIntentList *q = sim_strategy_queue((SimStrategy *)&w->actors[i].strategy);
        if (q && q->n > 0 && dat_replay_add_input(&rec->r, w->turn, i, q) < 0)
            return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    }
    return 0;
}

int app_replay_finish(AppReplay *rec, const SimWorld *w, const char *path, char *err, size_t errsz)
{
    rec->r.turns = w->turn;
    core_strlcpy(rec->r.end, sim_end_reason_name(w->end), sizeof rec->r.end);
    rec->r.final_hash = sim_world_hash(w);
    return dat_replay_write(&rec->r, path, err, errsz);
}

void app_replay_free(AppReplay *rec)
{
    if (!rec)
        return;
    dat_replay_free(&rec->r);
    free(rec);
}

/* Seats role i from the replay's seat; 0 or -1 with why (a script changed or gone). */
static int seat(SimWorld *w, int i, const DatReplaySeat *s, char *err, size_t errsz)
{
    SimStrategy st;
    if (!s->script[0]) {
        if (sim_strategy_native(s->choice, &st) < 0)
            return app_cli_fail(err, errsz, "replay.err.unknown_strategy", s->role, s->choice,
                                NULL);
    } else {
        size_t len;
        char why[512], alt[4096];
        char *text = dat_read_file(s->script, MAX_SCRIPT_BYTES, &len, why, sizeof why);
        /* A playbook recorded from another working folder: the same file in this install. */
        if (!text && strcmp(s->choice, "playbook") == 0 &&
            app_seat_playbook(w->sc, i, NULL, alt, sizeof alt))
            text = dat_read_file(alt, MAX_SCRIPT_BYTES, &len, why, sizeof why);
        if (!text)
            return app_cli_fail(err, errsz, "replay.err.script_gone", s->role, why, NULL);
        uint64_t h = core_fnv1a(CORE_FNV_OFFSET, text, len);
        if (h != s->script_hash) {
            free(text);
            char was[24], now[24];
            snprintf(was, sizeof was, "%016" PRIx64, s->script_hash);
            snprintf(now, sizeof now, "%016" PRIx64, h);
            return app_cli_fail(err, errsz, "replay.err.script_changed", s->script, s->role, was,
                                now, NULL);
        }
        int rc = app_seat_script(s->script, text, len, w, i, &st, why, sizeof why);
        free(text);
        if (rc < 0)
            return core_errf(err, errsz, "%s", why);
    }
    sim_world_set_strategy(w, i, st);
    return 0;
}

/* The replay's seats are the scenario's roles, in order. 0, or -1 with the message on errout. */
static int check_seats(const DatReplay *r, const SimScenario *sc, const char *path, FILE *errout)
{
    if (sc->n_actors != r->n_seats) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", r->n_seats);
        snprintf(b, sizeof b, "%d", sc->n_actors);
        app_cli_error(errout, "replay.err.seats", path, a, b, NULL);
        return -1;
    }
    for (int i = 0; i < r->n_seats; i++)
        if (strcmp(r->seats[i].role, sc->actors[i].id) != 0) {
            char at[300];
            snprintf(at, sizeof at, "%s: $.seats[%d].role", path, i);
            app_cli_error(errout, "replay.err.seat_role", at, sc->actors[i].id, r->seats[i].role,
                          NULL);
            return -1;
        }
    return 0;
}

/* The teacher's levers and the people's inputs recorded for this turn, from *lv and *k on. 0, or
 * -1 with the message on errout. */
static int feed_turn(SimWorld *w, const DatReplay *r, int *lv, int *k, const char *path,
                     FILE *errout)
{
    char err[1024];
    for (; *lv < r->n_levers && r->levers[*lv].turn == w->turn; ++*lv)
        if (sim_lever_set(w, (SimLever)r->levers[*lv].lever, r->levers[*lv].value, err,
                          sizeof err) < 0) {
            fprintf(errout, "closedloop: %s: $.levers[%d]: %s\n", path, *lv, err);
            return -1;
        }
    for (; *k < r->n_inputs && r->inputs[*k].turn == w->turn; ++*k) {
        SimIntentList *q = sim_strategy_queue(&w->actors[r->inputs[*k].actor].strategy);
        if (!q) {
            char at[300];
            snprintf(at, sizeof at, "%s: $.inputs[%d]", path, *k);
            app_cli_error(errout, "replay.err.not_human", at, w->sc->actors[r->inputs[*k].actor].id,
                          NULL);
            return -1;
        }
        for (int x = 0; x < r->inputs[*k].intents.n; x++) {
            SimIntent *in = sim_intents_push(q, r->inputs[*k].intents.v[x].kind);
            if (in)
                *in = r->inputs[*k].intents.v[x];
        }
    }
    return 0;
}

/* Plays the recorded turns. 0, 1 the engine failed, 2 the file's inputs cannot be played. */
static int replay_turns(SimWorld *w, const DatReplay *r, const char *path, FILE *errout)
{
    char err[1024];
    if (sim_turn_start(w, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return 1;
    }
    int k = 0, lv = 0;
    while (w->turn < r->turns) {
        if (feed_turn(w, r, &lv, &k, path, errout) < 0)
            return 2;
        int turn = w->turn;
        int rc = sim_turn_step(w, err, sizeof err);
        if (rc < 0) {
            app_cli_error(errout, "run.err.engine", err, NULL);
            return 1;
        }
        if (rc == 1 || w->turn == turn)
            break;
    }
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    return 0;
}

/* The end against the recorded one: says which on out (the same) or errout (another). 0 the
 * same, 1 another. */
static int compare_end(const SimWorld *w, const DatReplay *r, const char *path, FILE *out,
                       FILE *errout)
{
    uint64_t h = sim_world_hash(w);
    if (w->turn != r->turns || h != r->final_hash || strcmp(sim_end_reason_name(w->end), r->end)) {
        char t1[16], h1[24], t2[16], h2[24];
        snprintf(t1, sizeof t1, "%d", w->turn);
        snprintf(h1, sizeof h1, "%016" PRIx64, h);
        snprintf(t2, sizeof t2, "%d", r->turns);
        snprintf(h2, sizeof h2, "%016" PRIx64, r->final_hash);
        app_cli_error(errout, "replay.another_end", path, t1, sim_end_reason_name(w->end), h1, t2,
                      r->end, h2, r->program, "closedloop " CL_VERSION, NULL);
        return 1;
    }
    char t[16], seed[24], ni[16], nl[16], hash[24];
    snprintf(t, sizeof t, "%d", w->turn);
    snprintf(seed, sizeof seed, "%" PRIu64, r->seed);
    snprintf(ni, sizeof ni, "%d", r->n_inputs);
    snprintf(nl, sizeof nl, "%d", r->n_levers);
    snprintf(hash, sizeof hash, "%016" PRIx64, h);
    app_cli_say(out, "replay.same_end", path, t, w->sc->id, seed, ni, nl, r->end, hash, NULL);
    return 0;
}

int app_replay_play(const char *path, FILE *out, FILE *errout)
{
    DatReplay r;
    char err[1024];
    if (dat_replay_load(path, &r, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return 2;
    }
    char name[1200];
    snprintf(name, sizeof name, "%s: $.scenario.text", path);
    SimScenario *sc = dat_scenario_parse(r.scenario_text, r.scenario_len, name, err, sizeof err);
    SimWorld *w = NULL;
    int status = 2;
    if (!sc || app_lang_use_scenario(sc, name, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        goto out;
    }
    if (check_seats(&r, sc, path, errout) < 0)
        goto out;
    if (!(w = sim_world_create(sc, r.seed, err, sizeof err))) {
        fprintf(errout, "closedloop: %s\n", err);
        status = 1;
        goto out;
    }
    for (int i = 0; i < w->n; i++)
        if (seat(w, i, &r.seats[i], err, sizeof err) < 0) {
            app_cli_error(errout, "replay.err.cannot_play", path, err, NULL);
            goto out;
        }
    status = replay_turns(w, &r, path, errout);
    if (status == 0)
        status = compare_end(w, &r, path, out, errout);
out:
    sim_world_destroy(w);
    sim_scenario_free(sc);
    dat_replay_free(&r);
    return status;
}

/* ---------------------------------------------------------------------------------------------
 * A hosted game's replay: stand-ins' intents, written every month, resumed after a restart */

int app_replay_record_intents(AppReplay *rec, int turn, int actor, const SimIntentList *l,
                              char *err, size_t errsz)
{
    if (l->n > 0 && dat_replay_add_input(&rec->r, turn, actor, l) < 0)
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    return 0;
}

int app_replay_write_so_far(AppReplay *rec, SimWorld *w, const char *path, char *err, size_t errsz)
{
    /* As sim_turn_run does when it stops: a game still going ends on the turn limit (the next
     * step takes that back). */
    SimEndReason was = w->end;
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    int rc = app_replay_finish(rec, w, path, err, errsz);
    w->end = was;
    return rc;
}

AppReplay *app_replay_resume(const AppGame *g, const char *path, char *err, size_t errsz)
{
    const SimWorld *w = g->world;
    AppReplay *rec = calloc(1, sizeof *rec);
    if (!rec) {
        app_cli_fail(err, errsz, "cli.err.oom", NULL);
        return NULL;
    }
    if (dat_replay_load(path, &rec->r, err, errsz) < 0) {
        free(rec);
        return NULL;
    }
    DatReplay *r = &rec->r;
    char t1[16], t2[16];
    snprintf(t1, sizeof t1, "%d", r->turns);
    snprintf(t2, sizeof t2, "%d", w->turn);
    if (r->scenario_hash != core_fnv1a(CORE_FNV_OFFSET, g->scenario_text, g->scenario_len) ||
        r->seed != w->seed || r->n_seats != w->n) {
        app_cli_fail(err, errsz, "host.err.replay_other", path, NULL);
        app_replay_free(rec);
        return NULL;
    }
    if (r->turns < w->turn) {
        app_cli_fail(err, errsz, "host.err.replay_short", path, t1, t2, NULL);
        app_replay_free(rec);
        return NULL;
    }
    while (r->n_inputs > 0 && r->inputs[r->n_inputs - 1].turn >= w->turn)
        r->n_inputs--;
    while (r->n_levers > 0 && r->levers[r->n_levers - 1].turn >= w->turn)
        r->n_levers--;
    r->turns = w->turn;
    /* The levers set this month before the save are in its events: recorded at the next step. */
    while (rec->scanned < w->n_events && w->events[rec->scanned].turn < w->turn)
        rec->scanned++;
    return rec;
}
