/* app_check: a strategy author's check of one script. */
#include "app_check.h"

#include "app_cli.h"
#include "app_run.h"
#include "app_seat.h"
#include "core_month.h"
#include "core_text.h"
#include "scr_strategy.h"
#include "sim_turn.h"

#include <stdlib.h>
#include <string.h>

/* Prints the strategy's messages recorded during `turn` (-1: while loading). */
static void print_messages(FILE *out, const SimStrategy *s, int turn, int *errors, int *drops)
{
    int n = scr_strategy_message_count(s);
    for (int k = 0; k < n; k++) {
        ScrMessage m;
        if (scr_strategy_message(s, k, &m) < 0 || m.turn != turn)
            continue;
        /* Failures and dropped intents are in the engine's record (print_actions); here only
         * what happens outside a turn (loading) and what the script printed. */
        if (m.kind == SCR_MSG_PRINT || turn < 0)
            app_cli_say(out,
                        m.kind == SCR_MSG_PRINT   ? "check.msg.print"
                        : m.kind == SCR_MSG_ERROR ? "check.msg.error"
                                                  : "check.msg.dropped",
                        m.text, NULL);
        *errors += m.kind == SCR_MSG_ERROR;
        *drops += m.kind == SCR_MSG_DROPPED;
    }
}

/* An amount in the reader's money; English keeps the one decimal docs/strategy-api.md shows
 * ("$60.0B"). */
static void money_text(double amount, char *buf, size_t bufsz)
{
    if (core_tr_lang() == CORE_LANG_EN)
        snprintf(buf, bufsz, "$%.1fB", amount);
    else
        core_tr_money(amount, CORE_MONEY_FULL, buf, bufsz);
}

/* What the actor did this turn, as the engine recorded it. */
static void print_actions(FILE *out, const SimWorld *w, int me, int first, int *dropped)
{
    for (int k = first; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->actor != me)
            continue;
        const SimDeal *d = e->deal >= 0 && e->deal < w->n_deals ? &w->deals[e->deal] : NULL;
        const char *other = e->other >= 0 && e->other < w->n ? w->sc->actors[e->other].id : "";
        /* Deal kinds and actor ids as the script API names them: the author writes them. */
        /* The engine's texts may be references to the tables or carry one version per
         * language: told in the reader's. */
        char n1[32], n2[32], money[48], text[1024];
        snprintf(n1, sizeof n1, "%d", e->deal);
        switch (e->kind) {
        case SIM_LOG_PROPOSED:
            if (d) {
                snprintf(n1, sizeof n1, "%d", d->t.months);
                snprintf(n2, sizeof n2, "%d", d->id);
                money_text(d->t.amount, money, sizeof money);
                app_cli_say(out, "check.act.offer", sim_deal_kind_name(d->t.kind),
                            d->t.payee >= 0 && d->t.payee != me ? w->sc->actors[d->t.payee].id
                            : d->t.payer != me                  ? w->sc->actors[d->t.payer].id
                                                                : core_tr("check.world"),
                            money, n1, n2, NULL);
            }
            break;
        case SIM_LOG_ACCEPTED:
            app_cli_say(out, "check.act.accepted", n1, other, NULL);
            break;
        case SIM_LOG_REJECTED:
            app_cli_say(out, "check.act.rejected", n1, other, NULL);
            break;
        case SIM_LOG_RELEASED:
            app_cli_say(out, "check.act.released", n1, other, NULL);
            break;
        case SIM_LOG_EXITED:
            money_text(e->amount, money, sizeof money);
            app_cli_say(out, "check.act.exited", n1, other, money, NULL);
            break;
        case SIM_LOG_SOLD:
            money_text(e->amount, money, sizeof money);
            snprintf(n2, sizeof n2, "%.1f", e->aux * 100.0);
            app_cli_say(out, "check.act.sold", other, money, n2, NULL);
            break;
        case SIM_LOG_COUNTERED:
            snprintf(n2, sizeof n2, "%d", e->other);
            app_cli_say(out, "check.act.countered", n2, n1, NULL);
            break;
        case SIM_LOG_DROPPED:
            app_cli_say(out, "check.act.dropped", core_text_pick(e->text, text, sizeof text), NULL);
            (*dropped)++;
            break;
        case SIM_LOG_STRATEGY_ERROR:
            app_cli_say(out, "check.act.lost", core_text_pick(e->text, text, sizeof text), NULL);
            break;
        default:
            break;
        }
    }
}

/* What the checked script did over the turns. */
typedef struct {
    int errors, drops; /* its messages: errors, intents it dropped itself */
    int engine_drops;  /* intents the engine dropped */
    int lost, played;  /* turns lost (the engine's count, as batch and tournament read), played */
    ScrStats st;       /* its budget and memory */
} Tally;

/* Seats every other role (o->against, default playbook) and the script in o->role. The script's
 * actor, or -1 with the message on errout (a bad role or script: exit 2). */
static int seat_script(const AppOptions *o, SimWorld *w, const char *against, FILE *errout)
{
    char err[1024] = "";
    int me = sim_scenario_find_actor(w->sc, o->role);
    if (me < 0) {
        char ids[1024] = "", near[128] = "";
        const char *names[128];
        int n = w->sc->n_actors < 128 ? w->sc->n_actors : 128;
        for (int j = 0; j < n; j++) {
            names[j] = w->sc->actors[j].id;
            size_t len = strlen(ids);
            snprintf(ids + len, sizeof ids - len, "%s%s", j ? ", " : "", names[j]);
        }
        int k = core_nearest(o->role, strlen(o->role), names, n);
        if (k >= 0)
            core_trf(near, sizeof near, "check.err.no_role_near", names[k], NULL);
        app_cli_error(errout, "check.err.no_role", o->role, w->sc->id, ids, near, NULL);
        return -1;
    }
    SimStrategy mine;
    const char *path = o->scenario ? o->scenario : app_default_scenario();
    if (app_seat_world(w, path, NULL, 0, against, errout, err, sizeof err) < 0 ||
        app_seat_make(w, me, o->script, path, &mine, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return -1;
    }
    if (!scr_strategy_is_lua(&mine)) {
        app_cli_error(errout, "check.err.not_lua", o->script, NULL);
        sim_strategy_destroy(&mine);
        return -1;
    }
    sim_world_set_strategy(w, me, mine);
    return me;
}

/* Plays o->turns turns, telling each: what the script did and printed. 0, or -1 with the
 * engine's message in err. */
static int play_checked(const AppOptions *o, SimWorld *w, int me, Tally *t, FILE *out, char *err,
                        size_t errsz)
{
    const SimStrategy *s = &w->actors[me].strategy;
    int rc = sim_turn_start(w, err, errsz);
    while (rc == 0 && t->played < o->turns) {
        int first = w->n_events, turn = w->turn;
        rc = sim_turn_step(w, err, errsz);
        if (rc < 0)
            break;
        t->played++;
        char month[16], n[16];
        core_month_format(w->sc->start + turn, month, sizeof month);
        snprintf(n, sizeof n, "%d", turn);
        app_cli_say(out, "check.turn", n, month, NULL);
        t->lost = w->actors[me].turns_lost;
        print_actions(out, w, me, first, &t->engine_drops);
        if (!scr_strategy_is_lua(s)) {
            app_cli_say(out, "check.retired", NULL);
            break;
        }
        print_messages(out, s, turn, &t->errors, &t->drops);
        scr_strategy_stats(s, &t->st);
    }
    return rc < 0 ? -1 : 0;
}

/* The summary: turns and calls, budget, memory, what was lost; the verdict. 1 if there were
 * problems, else 0. */
static int summarize(FILE *out, const Tally *t, const ScrLimits *lim)
{
    char a[48], b[48], c[48], d[48];
    fputc('\n', out);
    snprintf(a, sizeof a, "%d", t->played);
    snprintf(b, sizeof b, "%d", t->st.calls);
    snprintf(c, sizeof c, "%d", t->st.failures);
    app_cli_say(out, "check.played", a, b, c, NULL);
    snprintf(a, sizeof a, "%lld", (long long)t->st.instructions_max);
    snprintf(b, sizeof b, "%lld", (long long)lim->instructions);
    snprintf(c, sizeof c, "%.1f",
             lim->instructions ? 100.0 * (double)t->st.instructions_max / (double)lim->instructions
                               : 0.0);
    snprintf(d, sizeof d, "%lld", (long long)t->st.instructions_total);
    app_cli_say(out, "check.budget", a, b, c, d, NULL);
    snprintf(a, sizeof a, "%.0f", (double)t->st.memory / 1024.0);
    snprintf(b, sizeof b, "%.0f", (double)t->st.memory_peak / 1024.0);
    snprintf(c, sizeof c, "%.0f", (double)lim->memory / 1024.0);
    app_cli_say(out, "check.memory", a, b, c, NULL);
    int bad = t->lost + t->engine_drops;
    snprintf(a, sizeof a, "%d", t->lost);
    snprintf(b, sizeof b, "%d", t->engine_drops);
    snprintf(c, sizeof c, "%d", t->drops);
    app_cli_say(out, "check.lost", a, b, c, NULL);
    app_cli_say(out, bad ? "check.verdict.problems" : "check.verdict.clean", NULL);
    return bad ? 1 : 0;
}

int app_check(const AppOptions *o, FILE *out, FILE *errout)
{
    char err[1024] = "";
    int status = 0;
    SimWorld *w = app_open_world(o, errout, &status);
    if (!w)
        return status;
    const char *against = o->against ? o->against : "playbook";
    int me = seat_script(o, w, against, errout);
    if (me < 0) {
        sim_world_destroy(w);
        return 2;
    }
    const SimStrategy *s = &w->actors[me].strategy;
    ScrLimits lim = *scr_sandbox_limits(scr_strategy_sandbox(s));
    char a[48], b[48];
    snprintf(a, sizeof a, "%llu", (unsigned long long)w->seed);
    snprintf(b, sizeof b, "%d", o->turns);
    app_cli_say(out, "check.head", o->script, w->sc->actors[me].id, w->sc->id, a, against, b, NULL);
    Tally t;
    memset(&t, 0, sizeof t);
    print_messages(out, s, -1, &t.errors, &t.drops);
    if (play_checked(o, w, me, &t, out, err, sizeof err) < 0) {
        app_cli_error(errout, "run.err.engine", err, NULL);
        sim_world_destroy(w);
        return 1;
    }
    status = summarize(out, &t, &lim);
    sim_world_destroy(w);
    return status;
}
