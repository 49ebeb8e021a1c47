/* app_check: a strategy author's check of one script. */
#include "app_check.h"

#include "app_run.h"
#include "app_seat.h"
#include "core_month.h"
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
            fprintf(out, "    %-7s %s\n",
                    m.kind == SCR_MSG_PRINT   ? "print"
                    : m.kind == SCR_MSG_ERROR ? "error"
                                              : "dropped",
                    m.text);
        *errors += m.kind == SCR_MSG_ERROR;
        *drops += m.kind == SCR_MSG_DROPPED;
    }
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
        switch (e->kind) {
        case SIM_LOG_PROPOSED:
            if (d)
                fprintf(out, "    offer   %s %s $%.1fB over %d months (deal %d)\n",
                        sim_deal_kind_name(d->t.kind),
                        d->t.payee >= 0 && d->t.payee != me ? w->sc->actors[d->t.payee].id
                        : d->t.payer != me                  ? w->sc->actors[d->t.payer].id
                                                            : "world",
                        d->t.amount, d->t.months, d->id);
            break;
        case SIM_LOG_ACCEPTED:
        case SIM_LOG_REJECTED:
        case SIM_LOG_RELEASED:
            fprintf(out, "    %-7s deal %d from %s\n", sim_log_kind_name(e->kind), e->deal, other);
            break;
        case SIM_LOG_COUNTERED:
            fprintf(out, "    counter deal %d with deal %d\n", e->other, e->deal);
            break;
        case SIM_LOG_DROPPED:
            fprintf(out, "    dropped %s\n", e->text);
            (*dropped)++;
            break;
        case SIM_LOG_STRATEGY_ERROR:
            fprintf(out, "    lost    %s\n", e->text);
            break;
        default:
            break;
        }
    }
}

int app_check(const AppOptions *o, FILE *out, FILE *errout)
{
    char err[1024] = "";
    int status = 0;
    SimWorld *w = app_open_world(o, errout, &status);
    if (!w)
        return status;
    int me = sim_scenario_find_actor(w->sc, o->role);
    if (me < 0) {
        fprintf(errout, "closedloop: --role %s: no such role in %s\n", o->role, w->sc->id);
        sim_world_destroy(w);
        return 2;
    }
    uint64_t seed = w->seed;
    const char *against = o->against ? o->against : "playbook";
    SimStrategy mine;
    if (app_seat_world(w, NULL, 0, against, err, sizeof err) < 0 ||
        app_seat_make(w, me, o->script, &mine, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        sim_world_destroy(w);
        return 2;
    }
    if (!scr_strategy_is_lua(&mine)) {
        fprintf(errout, "closedloop: %s is not a Lua script (expected FILE.lua)\n", o->script);
        sim_strategy_destroy(&mine);
        sim_world_destroy(w);
        return 2;
    }
    sim_world_set_strategy(w, me, mine);
    const SimStrategy *s = &w->actors[me].strategy;
    ScrLimits lim = *scr_sandbox_limits(scr_strategy_sandbox(s));
    fprintf(out, "%s plays %s in %s, seed %llu, against %s, for up to %d turns.\n", o->script,
            w->sc->actors[me].id, w->sc->id, (unsigned long long)seed, against, o->turns);
    int errors = 0, drops = 0, engine_drops = 0, lost = 0, played = 0;
    print_messages(out, s, -1, &errors, &drops);
    ScrStats st = {0};
    int rc = sim_turn_start(w, err, sizeof err);
    while (rc == 0 && played < o->turns) {
        int first = w->n_events, turn = w->turn;
        rc = sim_turn_step(w, err, sizeof err);
        if (rc < 0)
            break;
        played++;
        char month[16];
        core_month_format(w->sc->start + turn, month, sizeof month);
        fprintf(out, "  turn %d (%s)\n", turn, month);
        for (int k = first; k < w->n_events; k++)
            lost += w->events[k].actor == me && w->events[k].kind == SIM_LOG_STRATEGY_ERROR &&
                    strstr(w->events[k].text, "lost its turn") != NULL;
        print_actions(out, w, me, first, &engine_drops);
        if (scr_strategy_is_lua(s)) {
            print_messages(out, s, turn, &errors, &drops);
            scr_strategy_stats(s, &st);
        } else {
            fprintf(out, "    retired: the engine replaced the script with the passive strategy "
                         "(the figures below stop at its last call before that)\n");
            break;
        }
    }
    if (rc < 0) {
        fprintf(errout, "closedloop: engine failure: %s\n", err);
        sim_world_destroy(w);
        return 1;
    }
    fprintf(out, "\n%d turns played. Calls into the script: %d, failed: %d.\n", played, st.calls,
            st.failures);
    fprintf(out, "Budget: at most %lld of %lld units in one call (%.1f%%), %lld in all.\n",
            (long long)st.instructions_max, (long long)lim.instructions,
            lim.instructions ? 100.0 * (double)st.instructions_max / (double)lim.instructions : 0.0,
            (long long)st.instructions_total);
    fprintf(out, "Memory: %.0f KB now, %.0f KB at the most, of %.0f KB allowed.\n",
            (double)st.memory / 1024.0, (double)st.memory_peak / 1024.0,
            (double)lim.memory / 1024.0);
    int bad = lost + engine_drops;
    fprintf(out, "Turns lost: %d. Intents dropped: %d (%d of them by the script API).\n", lost,
            engine_drops, drops);
    fprintf(out, "%s\n", bad ? "Verdict: problems above." : "Verdict: clean.");
    sim_world_destroy(w);
    return bad ? 1 : 0;
}
