/* app_story: narration and the final table. */
#include "app_story.h"

#include "core_month.h"
#include "core_text.h"
#include "scr_strategy.h"
#include "sim_market.h"
#include "sim_turn.h"

#include <math.h>
#include <string.h>

void app_fmt_money(double b, char *buf, size_t bufsz)
{
    core_tr_money(b, CORE_MONEY_FULL, buf, bufsz);
}

static const char *name(const SimWorld *w, int i)
{
    if (i == SIM_WORLD || i < 0 || i >= w->n)
        return "the market";
    return w->sc->actors[i].name;
}

static double pct(double log_change)
{
    return (exp(log_change) - 1.0) * 100.0;
}

/* "a $300B compute contract over 60 months (4.5 GW)" */
static void deal_words(const SimWorld *w, const SimDeal *d, char *buf, size_t bufsz)
{
    const SimTerms *t = &d->t;
    char money[32], extra[160] = "";
    app_fmt_money(t->amount, money, sizeof money);
    switch (t->kind) {
    case SIM_DEAL_REVENUE_SHARE:
        snprintf(buf, bufsz, "a %.0f%% share of %s's revenue for %d months", t->rate * 100.0,
                 name(w, t->payer), t->months);
        return;
    case SIM_DEAL_WARRANTS:
        snprintf(buf, bufsz, "warrants for %.0f million %s shares, vesting over %d months",
                 t->shares * 1000.0, name(w, t->payer), t->months);
        return;
    case SIM_DEAL_EXCLUSIVITY:
        snprintf(buf, bufsz, "exclusive rights over %s's compute for %d months", name(w, t->payer),
                 t->months);
        return;
    case SIM_DEAL_JOINT_VENTURE:
        snprintf(extra, sizeof extra, ", %s funding %.0f%% and %s %.0f%%", name(w, t->payer),
                 t->rate * 100.0, name(w, t->payee), t->rate2 * 100.0);
        break;
    default:
        break;
    }
    char gw[32] = "";
    if (t->gw > 0.0)
        snprintf(gw, sizeof gw, ", %.1f GW", t->gw);
    if (t->kind == SIM_DEAL_BUILD) {
        snprintf(buf, bufsz, "a %s data-centre build of its own over %d months%s", money, t->months,
                 gw);
        return;
    }
    const char *words = sim_deal_kind_words(t->kind);
    if (strncmp(words, "a ", 2) == 0)
        words += 2;
    else if (strncmp(words, "an ", 3) == 0)
        words += 3;
    snprintf(buf, bufsz, "a %s %s over %d months%s%s", money, words, t->months, gw, extra);
}

static void say_reason(FILE *out, const char *reason)
{
    if (reason && *reason) {
        /* A reason that is a whole sentence keeps its own full stop, inside the quotes. */
        size_t n = strlen(reason);
        fprintf(out, " (\"%s\")%s\n", reason, reason[n - 1] == '.' ? "" : ".");
        return;
    }
    fputs(".\n", out);
}

static int notable(SimLogKind k)
{
    return k != SIM_LOG_RAISE && k != SIM_LOG_CREDIT && k != SIM_LOG_WARRANT_SALE &&
           k != SIM_LOG_COMPLETED;
}

/* Rivals' small moves when a deal is announced, on one line: "Rivals move: Nvidia -0.8%, ...".
 * Moves under 0.05% are left out. Returns the index after the run of spill-over events. */
static int tell_spills(FILE *out, const SimWorld *w, int k, int end)
{
    int shown = 0;
    for (; k < end && w->events[k].kind == SIM_LOG_REACTION && w->events[k].other >= 0; k++) {
        const SimEvent *e = &w->events[k];
        double p = pct(e->change);
        if (fabs(p) < 0.05)
            continue;
        fprintf(out, "%s%s %+.1f%%",
                shown ? ", " : "    Rivals move as the deal lands: ", name(w, e->actor), p);
        shown++;
    }
    if (shown)
        fputs(".\n", out);
    return k;
}

static void tell(FILE *out, const SimWorld *w, const SimEvent *e)
{
    char m1[32], m2[32], words[400];
    const SimDeal *d = e->deal >= 0 && e->deal < w->n_deals ? &w->deals[e->deal] : NULL;
    switch (e->kind) {
    case SIM_LOG_NEWS: {
        const SimScenarioEvent *ev = &w->sc->events[e->scenario_event];
        fprintf(out, "  * %s.\n", ev->title);
        if (ev->text[0])
            fprintf(out, "    %s\n", ev->text);
        break;
    }
    case SIM_LOG_PROPOSED:
        if (!d)
            break;
        deal_words(w, d, words, sizeof words);
        if (d->t.payee == SIM_WORLD)
            fprintf(out, "  - %s commits to %s", name(w, e->actor), words);
        else
            fprintf(out, "  - %s offers %s %s", name(w, e->actor), name(w, e->other), words);
        say_reason(out, d->reason);
        break;
    case SIM_LOG_ACCEPTED:
        if (!d || d->t.payee == SIM_WORLD)
            break;
        deal_words(w, d, words, sizeof words);
        /* The record's headline only when the game went the way the record did. */
        if (d->history_event >= 0 && w->sc->events[d->history_event].accept)
            fprintf(out, "  * %s.\n", w->sc->events[d->history_event].title);
        fprintf(out, "  - %s accepts %s's offer of %s", name(w, e->actor), name(w, e->other),
                words);
        say_reason(out, d->answer);
        if (d->history_event >= 0 && w->sc->events[d->history_event].accept &&
            w->sc->events[d->history_event].text[0])
            fprintf(out, "    %s\n", w->sc->events[d->history_event].text);
        break;
    case SIM_LOG_REJECTED:
        if (!d)
            break;
        deal_words(w, d, words, sizeof words);
        if (d->history_event >= 0 && !w->sc->events[d->history_event].accept)
            fprintf(out, "  * %s.\n", w->sc->events[d->history_event].title);
        fprintf(out, "  - %s turns down %s's offer of %s", name(w, e->actor), name(w, e->other),
                words);
        say_reason(out, d->answer);
        break;
    case SIM_LOG_COUNTERED:
        fprintf(out, "  - %s answers %s's offer with terms of its own", name(w, e->actor),
                name(w, w->deals[e->other].proposer));
        say_reason(out, e->text);
        break;
    case SIM_LOG_EXPIRED:
        if (d) {
            deal_words(w, d, words, sizeof words);
            fprintf(out, "  - Nobody answered %s's offer of %s; it lapses.\n", name(w, e->actor),
                    words);
        }
        break;
    case SIM_LOG_RELEASED:
        if (d && d->history_event >= 0)
            fprintf(out, "  * %s.\n", w->sc->events[d->history_event].title);
        fprintf(out, "  - %s gives up its exclusive rights over %s", name(w, e->actor),
                name(w, e->other));
        say_reason(out, e->text);
        break;
    case SIM_LOG_REACTION:
        app_fmt_money(fabs(e->value), m1, sizeof m1);
        if (e->other >= 0) {
            fprintf(out, "    %s %s %.1f%% (%s%s) as a rival lands the deal.\n", name(w, e->actor),
                    e->change >= 0 ? "edges up" : "slips", fabs(pct(e->change)),
                    e->value >= 0 ? "+" : "-", m1);
        } else {
            const SimSnap *before = sim_snap(w, e->turn, e->actor);
            app_fmt_money(e->amount, m2, sizeof m2);
            int hub = e->actor == w->sc->hub;
            fprintf(out,
                    "    %s's %s %s %.1f%% %s (%s%s of value): investors weigh %s against a "
                    "value of ",
                    name(w, e->actor), hub ? "private valuation" : "shares",
                    e->change >= 0 ? (hub ? "is marked up" : "rise")
                                   : (hub ? "is marked down" : "fall"),
                    fabs(pct(e->change)), hub ? "in the next round" : "on the day",
                    e->value >= 0 ? "+" : "-", m1, m2);
            app_fmt_money(before->market_value, m1, sizeof m1);
            fprintf(out, "%s, with sentiment at %+.2f", m1, w->info[e->turn].sentiment);
            if (e->actor != w->sc->hub && e->aux > 0.0)
                fprintf(out, " and %.0f%% of its rivals already rewarded for joining",
                        e->aux * 100);
            fputs(".\n", out);
        }
        break;
    case SIM_LOG_MISSED:
        app_fmt_money(e->amount, m1, sizeof m1);
        fprintf(out, "  ! %s cannot pay %s of what it owes this month.\n", name(w, e->actor), m1);
        break;
    case SIM_LOG_DEFAULT:
        app_fmt_money(e->amount, m1, sizeof m1);
        fprintf(out,
                "  ! %s defaults, with %s of obligations outstanding. Its partners take the "
                "losses.\n",
                name(w, e->actor), m1);
        break;
    case SIM_LOG_GUARANTEE:
        app_fmt_money(e->amount, m1, sizeof m1);
        fprintf(out, "  ! %s pays %s to %s's lenders under its guarantee.\n", name(w, e->actor), m1,
                name(w, e->other));
        break;
    case SIM_LOG_WRITEDOWN:
        app_fmt_money(e->amount, m1, sizeof m1);
        fprintf(out, "  ! %s writes off %s of claims on %s; its shares fall %.1f%%.\n",
                name(w, e->actor), m1, name(w, e->other), fabs(pct(e->change)));
        break;
    case SIM_LOG_DROPPED:
    case SIM_LOG_STRATEGY_ERROR:
        fprintf(out, "  ? %s: %s\n", name(w, e->actor), e->text);
        break;
    case SIM_LOG_TARGET:
        fprintf(out, "  * %s reaches its goal of %.0f GW of compute.\n", name(w, e->actor),
                w->sc->target_gw);
        break;
    case SIM_LOG_LEVER:
        fprintf(out, "  ~ The teacher moves a lever: %s, from next month.\n", e->text);
        break;
    default:
        break;
    }
}

void app_story_turn(FILE *out, const SimWorld *w, int turn, int first, int end)
{
    int any = 0;
    for (int k = first; k < end; k++)
        if (w->events[k].kind != SIM_LOG_END && notable(w->events[k].kind))
            any = 1;
    /* Money moved between the players this month, and how the hub paid its way. */
    int hub = w->sc->hub, world = sim_ledger_world(&w->ledger);
    double between = 0.0, hub_paid = 0.0, raised = 0.0, borrowed = 0.0, sold = 0.0;
    for (int k = w->ledger.n_flows - 1; k >= 0 && w->ledger.flows[k].turn >= turn; k--) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->turn != turn)
            continue;
        if (f->from != world && f->to != world)
            between += f->amount;
        if (f->from == hub && f->kind != SIM_FLOW_OPEX)
            hub_paid += f->amount;
        if (f->to == hub && f->kind == SIM_FLOW_EQUITY_RAISE)
            raised += f->amount;
        if (f->to == hub && f->kind == SIM_FLOW_CREDIT_DRAW)
            borrowed += f->amount;
        if (f->to == hub && f->kind == SIM_FLOW_WARRANT_SALE)
            sold += f->amount;
    }
    int year_end = (w->sc->start + turn) % 12 == 11;
    if (!any && !year_end)
        return;
    char month[24];
    core_tr_month(w->sc->start + turn, month, sizeof month);
    fprintf(out, "\n%s\n", month);
    for (int k = first; k < end;) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_REACTION && e->other >= 0) {
            k = tell_spills(out, w, k, end);
            continue;
        }
        tell(out, w, e);
        k++;
    }
    char m1[32], m2[32], m3[32];
    const SimSnap *h = sim_snap(w, turn + 1, hub);
    app_fmt_money(between, m1, sizeof m1);
    app_fmt_money(hub_paid, m2, sizeof m2);
    app_fmt_money(h->revenue, m3, sizeof m3);
    fprintf(out,
            "  = %s moved between the players. %s paid out %s this month on %s a year of "
            "revenue",
            m1, name(w, hub), m2, m3);
    if (raised > 0.0 || borrowed > 0.0 || sold > 0.0) {
        fputs("; to pay its way it", out);
        const char *sep = " ";
        if (raised > 0.0) {
            app_fmt_money(raised, m1, sizeof m1);
            fprintf(out, "%sraised %s from investors", sep, m1);
            sep = ", ";
        }
        if (sold > 0.0) {
            app_fmt_money(sold, m1, sizeof m1);
            fprintf(out, "%ssold %s of partners' shares", sep, m1);
            sep = ", ";
        }
        if (borrowed > 0.0) {
            app_fmt_money(borrowed, m1, sizeof m1);
            fprintf(out, "%sborrowed %s", sep, m1);
        }
    }
    app_fmt_money(h->due_12m, m1, sizeof m1);
    fprintf(out, ".\n  = Sentiment %+.2f; %s owes %s over the next year, %.1f years of revenue.\n",
            w->info[turn + 1].sentiment, name(w, hub), m1, w->info[turn + 1].leverage);
}

void app_story_script_notes(FILE *out, const SimWorld *w, int turn)
{
    for (int i = 0; i < w->n; i++) {
        const SimStrategy *s = &w->actors[i].strategy;
        int n = scr_strategy_is_lua(s) ? scr_strategy_message_count(s) : 0;
        for (int k = 0; k < n; k++) {
            ScrMessage m;
            if (scr_strategy_message(s, k, &m) == 0 && m.turn == turn && m.kind == SCR_MSG_PRINT)
                fprintf(out, "  ? %s's script says: %s\n", name(w, i), m.text);
        }
    }
}

void app_story_table(FILE *out, const SimWorld *w)
{
    int hub = w->sc->hub, last = w->turn;
    /* Value each actor gained on announcement days. */
    double on_news[64] = {0};
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_REACTION && e->other < 0 && e->actor < 64)
            on_news[e->actor] += e->value;
    }
    char mon[24];
    core_tr_month(w->sc->start + (last > 0 ? last - 1 : 0), mon, sizeof mon);
    fprintf(out, "\nThe end: %s after %d months (%s).\n\n",
            w->end == SIM_END_DEFAULT   ? "the hub defaulted"
            : w->end == SIM_END_TARGET  ? "the hub reached its compute goal"
            : w->end == SIM_END_HORIZON ? "the calendar ran out"
                                        : "stopped early",
            last, mon);
    fprintf(out, "%-10s %9s %9s %8s %9s %9s %6s %6s %9s %7s %7s\n", "", "value at", "value",
            "change", "on news", "peak exp.", "of", "circ-", "still", "due/", "score");
    fprintf(out, "%-10s %9s %9s %8s %9s %9s %6s %6s %9s %7s %7s\n", "", "start", "at end", "",
            "days", "to hub", "value", "ular", "owed", "revenue", "");
    for (int i = 0; i < w->n; i++) {
        const SimSnap *s0 = sim_snap(w, 0, i), *s = sim_snap(w, last, i);
        char a[32], b[32], c[32], d[32], e[32];
        app_fmt_money(s0->market_value, a, sizeof a);
        app_fmt_money(s->market_value, b, sizeof b);
        app_fmt_money(on_news[i], c, sizeof c);
        /* Exposure at its peak: after a default the claims are gone, the lesson is not. */
        const SimSnap *peak = s;
        for (int t = 0; t <= last; t++)
            if (sim_snap(w, t, i)->exposure > peak->exposure)
                peak = sim_snap(w, t, i);
        app_fmt_money(peak->exposure, d, sizeof d);
        app_fmt_money(s->obligations, e, sizeof e);
        double of = peak->market_value > 0 ? peak->exposure / peak->market_value * 100.0 : 0.0;
        double cover = s->revenue > 0 ? s->due_12m / s->revenue : 0.0;
        char circ[16] = "-";
        if (i != hub)
            snprintf(circ, sizeof circ, "%.0f%%", s->circularity * 100.0);
        fprintf(out, "%-10.10s %9s %9s %+7.1f%% %9s %9s %5.0f%% %6s %9s %7.2f %7.3f%s\n",
                w->sc->actors[i].name, a, b,
                s0->market_value > 0 ? (s->market_value / s0->market_value - 1.0) * 100.0 : 0.0, c,
                i == hub ? "-" : d, i == hub ? 0.0 : of, circ, e, cover, sim_score(w, i),
                s->defaulted ? "  defaulted" : "");
    }
    const SimSnap *h = sim_snap(w, last, hub);
    char m1[32];
    app_fmt_money(w->announced_value, m1, sizeof m1);
    fprintf(out, "\nMarket value the partners gained on announcement days: %s.\n", m1);
    fprintf(out, "%s's compute: %.1f GW owned or contracted, of a %.0f GW goal.\n",
            w->sc->actors[hub].name, h->compute_owned + h->compute_contracted, w->sc->target_gw);
    fprintf(out, "Sentiment at the end: %+.2f. Money in the books checked every month: %s.\n",
            w->info[last].sentiment, w->check_books ? "balanced" : "not checked");
}
