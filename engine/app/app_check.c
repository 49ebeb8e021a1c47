/* app_check: a strategy author's check of one script. */
#include "app_check.h"

#include "app_cli.h"
#include "app_run.h"
#include "app_seat.h"
#include "core_month.h"
#include "core_text.h"
#include "scr_strategy.h"
#include "sim_turn.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the strategy's messages recorded during `turn` (-1: while loading). */
static void print_messages(FILE *out, const SimStrategy *s, int turn, int *drops)
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

/* ": why" after an answer when the side that answered gave a reason, else "". */
static const char *reason_text(const SimEvent *e, char *buf, size_t bufsz)
{
    char text[SIM_REASON_LEN * 2];
    core_text_pick(e->text, text, sizeof text);
    if (!text[0])
        return "";
    snprintf(buf, bufsz, ": %s", text);
    return buf;
}

/* A deal's offer: its kind, the other side, the amount, the months, the id (offer lines). */
static void say_offer(FILE *out, const char *key, const SimWorld *w, const SimDeal *d, int me)
{
    char months[32], id[32], money[48];
    snprintf(months, sizeof months, "%d", d->t.months);
    snprintf(id, sizeof id, "%d", d->id);
    money_text(d->t.amount, money, sizeof money);
    const char *other = d->proposer != me                     ? w->sc->actors[d->proposer].id
                        : d->t.payee >= 0 && d->t.payee != me ? w->sc->actors[d->t.payee].id
                        : d->t.payer >= 0 && d->t.payer != me ? w->sc->actors[d->t.payer].id
                                                              : core_tr("check.world");
    app_cli_say(out, key, sim_deal_kind_name(d->t.kind), other, money, months, id, NULL);
}

/* What the other side did with the script's offers this turn, offers made to it, and defaults:
 * what happened to it that it did not do itself. */
static void print_answers(FILE *out, const SimWorld *w, int me, const SimEvent *e, const SimDeal *d)
{
    const char *who = e->actor >= 0 && e->actor < w->n ? w->sc->actors[e->actor].id : "";
    char id[32], id2[32], why[SIM_REASON_LEN * 2 + 4];
    snprintf(id, sizeof id, "%d", e->deal);
    int mine = d && d->proposer == me;
    switch (e->kind) {
    case SIM_LOG_ACCEPTED:
        if (mine)
            app_cli_say(out, "check.ans.accepted", who, id, reason_text(e, why, sizeof why), NULL);
        break;
    case SIM_LOG_REJECTED:
        if (mine)
            app_cli_say(out, "check.ans.rejected", who, id, reason_text(e, why, sizeof why), NULL);
        break;
    case SIM_LOG_COUNTERED:
        /* other: the deal countered; deal: the counter-proposal. */
        if (e->other >= 0 && e->other < w->n_deals && w->deals[e->other].proposer == me) {
            snprintf(id2, sizeof id2, "%d", e->other);
            app_cli_say(out, "check.ans.countered", who, id2, id, reason_text(e, why, sizeof why),
                        NULL);
        }
        break;
    case SIM_LOG_DROPPED:
        if (mine)
            app_cli_say(out, "check.ans.refused", who, id, core_text_pick(e->text, why, sizeof why),
                        NULL);
        break;
    case SIM_LOG_PROPOSED:
        if (d && sim_deal_counterparty(d, e->actor) == me)
            say_offer(out, "check.act.offered", w, d, me);
        break;
    case SIM_LOG_DEFAULT:
        app_cli_say(out, "check.act.default", who, NULL);
        break;
    default:
        break;
    }
}

/* What the actor did this turn, as the engine recorded it, and how the others answered it. */
static void print_actions(FILE *out, const SimWorld *w, int me, int first, int *dropped)
{
    for (int k = first; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        const SimDeal *d = e->deal >= 0 && e->deal < w->n_deals ? &w->deals[e->deal] : NULL;
        if (e->kind == SIM_LOG_EXPIRED && d && d->proposer == me) {
            char id[32];
            snprintf(id, sizeof id, "%d", e->deal);
            app_cli_say(out, "check.ans.expired", id, NULL);
            continue;
        }
        if (e->actor != me) {
            print_answers(out, w, me, e, d);
            continue;
        }
        const char *other = e->other >= 0 && e->other < w->n ? w->sc->actors[e->other].id : "";
        /* Deal kinds and actor ids as the script API names them: the author writes them. */
        /* The engine's texts may be references to the tables or carry one version per
         * language: told in the reader's. */
        char n1[32], n2[32], money[48], text[1024];
        snprintf(n1, sizeof n1, "%d", e->deal);
        switch (e->kind) {
        case SIM_LOG_PROPOSED:
            if (d)
                say_offer(out, "check.act.offer", w, d, me);
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
        case SIM_LOG_DEFAULT:
            app_cli_say(out, "check.act.default", w->sc->actors[me].id, NULL);
            break;
        default:
            break;
        }
    }
}

/* The actor's cash flows of `turn`: what its deals brought in and took out, the rest (its own
 * business: revenue, costs, interest, raises), and its cash at the month's end. */
static void print_cash(FILE *out, const SimWorld *w, int me, int turn)
{
    double in = 0, paid = 0, rest = 0;
    for (int k = w->ledger.n_flows - 1; k >= 0; k--) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->turn < turn)
            break;
        if (f->turn != turn || (f->from != me && f->to != me) || f->from == f->to)
            continue;
        double signed_amount = f->to == me ? f->amount : -f->amount;
        if (f->deal < 0)
            rest += signed_amount;
        else if (signed_amount > 0)
            in += signed_amount;
        else
            paid -= signed_amount;
    }
    char a[48], b[48], c[48], d[48];
    money_text(in, a, sizeof a);
    money_text(paid, b, sizeof b);
    money_text(rest, c, sizeof c);
    money_text(sim_snap(w, turn + 1, me)->cash, d, sizeof d);
    app_cli_say(out, "check.cash", a, b, c, d, NULL);
}

/* What the checked script did over the turns. Every count is defined once here and
 * docs/strategy-api.md ("closedloop check") says the same:
 *   played   months the engine played;
 *   decided  of them, months in which the engine called the script's decide (it was seated and
 *            its actor had not defaulted): one call each;
 *   lost     of those, calls that failed (an error, a bad return, over the budget or memory):
 *            the engine's own count, as batch and tournament read it; the actor passed;
 *   retired  months played by passive after the engine retired the script (3 lost in a row);
 *   idle     months its actor did not decide because it had defaulted;
 * so that played = decided + retired + idle. */
typedef struct {
    int played, decided, lost, retired, idle;
    int drops;        /* intents the script API dropped before the engine saw them */
    int engine_drops; /* intents the engine dropped */
    ScrStats st;      /* its budget and memory, up to its last call */
} Tally;

/* Seats every other role (`against`) and the script in o->role. The script's actor, or -1 with
 * the message on errout (a bad role or script: exit 2). */
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

/* Plays o->turns turns, telling each: what the script did and printed, how the others answered,
 * its cash. 0, or -1 with the engine's message in err. */
static int play_checked(const AppOptions *o, SimWorld *w, int me, Tally *t, FILE *out, char *err,
                        size_t errsz)
{
    const SimStrategy *s = &w->actors[me].strategy;
    int rc = sim_turn_start(w, err, errsz);
    while (rc == 0 && t->played < o->turns && w->turn < w->turns) {
        int first = w->n_events, turn = w->turn;
        int lua = scr_strategy_is_lua(s), idle = w->actors[me].defaulted != 0;
        rc = sim_turn_step(w, err, errsz);
        if (rc < 0)
            break;
        t->played++;
        t->decided += lua && !idle;
        t->retired += !lua;
        t->idle += lua && idle;
        char month[16], n[16];
        core_month_format(w->sc->start + turn, month, sizeof month);
        snprintf(n, sizeof n, "%d", turn);
        app_cli_say(out, "check.turn", n, month, NULL);
        t->lost = w->actors[me].turns_lost;
        print_actions(out, w, me, first, &t->engine_drops);
        print_cash(out, w, me, turn);
        if (lua && !scr_strategy_is_lua(s))
            app_cli_say(out, "check.retired", NULL);
        if (scr_strategy_is_lua(s)) {
            print_messages(out, s, turn, &t->drops);
            scr_strategy_stats(s, &t->st);
        }
        rc = rc == 1 ? 1 : 0;
    }
    return rc < 0 ? -1 : 0;
}

/* Why the game ended (or stopped), and the hub's default if there was one. */
static void say_end(FILE *out, const AppOptions *o, const SimWorld *w, const Tally *t)
{
    char a[32], b[32], month[16];
    int hub = w->sc->hub;
    const char *hub_id = w->sc->actors[hub].id;
    snprintf(a, sizeof a, "%d", t->played);
    snprintf(b, sizeof b, "%d", w->turns);
    int fell = w->actors[hub].defaulted ? sim_default_turn(w, hub) : -1;
    core_month_format(w->sc->start + (fell >= 0 ? fell : w->turn - 1), month, sizeof month);
    if (w->end == SIM_END_TARGET)
        app_cli_say(out, "check.end.target", a, hub_id, month, NULL);
    else if (w->turn >= w->turns)
        app_cli_say(out, "check.end.horizon", a, b, NULL);
    else {
        char c[32];
        snprintf(c, sizeof c, "%d", o->turns);
        app_cli_say(out, "check.end.turns", a, b, c, NULL);
    }
    if (fell >= 0)
        app_cli_say(out, "check.end.hub_default", hub_id, month, NULL);
}

/* The role's score in its parts and against passive in the same seat. */
static void say_score(FILE *out, const SimWorld *w, int me, double passive, int has_passive)
{
    double p[SIM_SCORE_PARTS];
    sim_score_parts(w, me, p);
    char s[32], v[32], c[32], x[32], u[32];
    double score = sim_score(w, me);
    snprintf(s, sizeof s, "%.4f", score);
    snprintf(v, sizeof v, "%+.4f", p[0]);
    snprintf(c, sizeof c, "%+.4f", p[1]);
    snprintf(x, sizeof x, "%+.4f", p[2]);
    snprintf(u, sizeof u, "%+.4f", p[3]);
    app_cli_say(out, "check.score", w->sc->actors[me].id, s, v, c, x, u, NULL);
    const SimObjective *ob = &w->sc->actors[me].objective;
    snprintf(v, sizeof v, "%g", ob->w_value);
    snprintf(c, sizeof c, "%g", ob->w_compute);
    snprintf(x, sizeof x, "%g", ob->w_exposure);
    snprintf(u, sizeof u, "%g", ob->w_survival);
    app_cli_say(out, "check.score_weights", v, c, x, u, NULL);
    if (!has_passive)
        return;
    snprintf(v, sizeof v, "%.4f", passive);
    snprintf(c, sizeof c, "%+.4f", score - passive);
    app_cli_say(out, "check.gain", v, c, NULL);
}

/* The summary: the counts, budget, memory, what was lost; the verdict. 1 if there were
 * problems, else 0. */
static int summarize(FILE *out, const Tally *t, const ScrLimits *lim, const char *role)
{
    char a[48], b[48], c[48], d[48];
    snprintf(a, sizeof a, "%d", t->played);
    snprintf(b, sizeof b, "%d", t->decided);
    snprintf(c, sizeof c, "%d", t->lost);
    app_cli_say(out, "check.played", a, b, c, NULL);
    if (t->retired) {
        snprintf(a, sizeof a, "%d", t->retired);
        app_cli_say(out, "check.played_retired", a, NULL);
    }
    if (t->idle) {
        snprintf(a, sizeof a, "%d", t->idle);
        app_cli_say(out, "check.played_idle", role, a, NULL);
    }
    snprintf(a, sizeof a, "%lld", (long long)t->st.instructions_max);
    snprintf(b, sizeof b, "%lld", (long long)lim->instructions);
    snprintf(c, sizeof c, "%.1f",
             lim->instructions ? 100.0 * (double)t->st.instructions_max / (double)lim->instructions
                               : 0.0);
    snprintf(d, sizeof d, "%lld", (long long)t->st.instructions_total);
    /* A call stopped for its budget is counted as having spent all of it (the sandbox caps it). */
    app_cli_say(out,
                t->st.instructions_max >= lim->instructions ? "check.budget_over" : "check.budget",
                a, b, c, d, NULL);
    snprintf(a, sizeof a, "%.0f", (double)t->st.memory / 1024.0);
    snprintf(b, sizeof b, "%.0f", (double)t->st.memory_peak / 1024.0);
    snprintf(c, sizeof c, "%.0f", (double)lim->memory / 1024.0);
    app_cli_say(out, "check.memory", a, b, c, NULL);
    int bad = t->lost + t->engine_drops;
    snprintf(a, sizeof a, "%d", t->engine_drops);
    snprintf(b, sizeof b, "%d", t->drops);
    app_cli_say(out, "check.lost", a, b, NULL);
    app_cli_say(out, bad ? "check.verdict.problems" : "check.verdict.clean", NULL);
    return bad ? 1 : 0;
}

/* The role's score with passive in its seat: the same scenario, seed, others and turns. 0, or
 * -1 (the note on errout). */
static int passive_score(const AppOptions *o, const char *against, int me, int turns, double *score,
                         FILE *errout)
{
    char err[1024] = "";
    int status = 0;
    SimWorld *w = app_open_world(o, errout, &status);
    if (!w)
        return -1;
    AppStrategyChoice c = {w->sc->actors[me].id, "passive"};
    const char *path = o->scenario ? o->scenario : app_default_scenario();
    int rc = app_seat_world(w, path, &c, 1, against, NULL, err, sizeof err);
    if (rc == 0)
        rc = sim_turn_start(w, err, sizeof err);
    for (int k = 0; rc == 0 && k < turns && w->turn < w->turns; k++)
        rc = sim_turn_step(w, err, sizeof err) < 0 ? -1 : 0;
    if (rc < 0)
        app_cli_error(errout, "check.err.passive", err, NULL);
    else
        *score = sim_score(w, me);
    sim_world_destroy(w);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * The header, wrapped for a terminal */

#define HEAD_COLS 80 /* the header's lines at most this many terminal columns */

static int u8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* A mark a line must not begin with (Chinese closing punctuation, or ASCII punctuation). */
static int closing(const char *s)
{
    static const char *const marks[] = {"，", "。", "；", "：", "、", "）", "”", "？", "！"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (strncmp(s, marks[k], strlen(marks[k])) == 0)
            return 1;
    return strchr(",.;:)?!", *s) != NULL;
}

/* The end of the head of p that fits in cols terminal columns: at a space or beside a Chinese
 * character (wide: two columns), never before a closing mark; the whole line when it fits or
 * cannot be broken. A line break in the text ends the head. */
static const char *fit(const char *p, int cols)
{
    const char *q = p, *cut = NULL;
    int col = 0, prev_wide = 0;
    while (*q && *q != '\n') {
        int n = u8_len((unsigned char)*q);
        if (q > p && (*q == ' ' || ((n >= 3 || prev_wide) && !closing(q))))
            cut = q;
        col += n >= 3 ? 2 : 1;
        if (col > cols && cut)
            return cut;
        prev_wide = n >= 3;
        q += n;
    }
    return q;
}

/* The text of key with its arguments on out, wrapped at HEAD_COLS columns; the lines after the
 * first indented by two spaces. */
static void say_wrapped(FILE *out, const char *key, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, key);
    core_text_substv(buf, sizeof buf, core_tr(key), ap);
    va_end(ap);
    const char *p = buf;
    int indent = 0;
    while (*p) {
        const char *e = fit(p, HEAD_COLS - indent);
        fprintf(out, "%*s%.*s\n", indent, "", (int)(e - p), p);
        indent = *e == '\n' ? 0 : 2;
        p = *e == '\n' ? e + 1 : e;
        while (*p == ' ')
            p++;
    }
}

/* The header: the script, the role, the game, and who plays the other roles. */
static void say_head(FILE *out, const AppOptions *o, const SimWorld *w, int me, const char *against)
{
    char a[48], b[48], key[64];
    snprintf(a, sizeof a, "%llu", (unsigned long long)w->seed);
    snprintf(b, sizeof b, "%d", o->turns);
    static const char *const named[] = {"history", "playbook", "baseline", "passive"};
    const char *which = "script";
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (strcmp(against, named[k]) == 0)
            which = named[k];
    snprintf(key, sizeof key, "check.against.%s", which);
    say_wrapped(out, "check.head", o->script, w->sc->actors[me].id, w->sc->id, a, b, NULL);
    say_wrapped(out, "check.head_against", against, core_tr(key), NULL);
    say_wrapped(out, "check.head_defaults", NULL);
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
    say_head(out, o, w, me, against);
    Tally t;
    memset(&t, 0, sizeof t);
    print_messages(out, s, -1, &t.drops);
    if (play_checked(o, w, me, &t, out, err, sizeof err) < 0) {
        app_cli_error(errout, "run.err.engine", err, NULL);
        sim_world_destroy(w);
        return 1;
    }
    fputc('\n', out);
    say_end(out, o, w, &t);
    double passive = 0;
    int has_passive = passive_score(o, against, me, t.played, &passive, errout) == 0;
    say_score(out, w, me, passive, has_passive);
    status = summarize(out, &t, &lim, w->sc->actors[me].id);
    sim_world_destroy(w);
    return status;
}
