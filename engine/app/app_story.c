/* app_story: narration and the final table. */
#include "app_story.h"

#include "core_month.h"
#include "core_name.h"
#include "core_text.h"
#include "scr_strategy.h"
#include "sim_cascade.h"
#include "sim_lever.h"
#include "sim_market.h"
#include "sim_turn.h"
#include "sim_verdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void app_story_verdict(FILE *out, const SimWorld *w);

/* "$13B", "$1.25T", "$640M" (negative amounts get a leading minus); "130亿美元" in Chinese. */
static void app_fmt_money(double b, char *buf, size_t bufsz)
{
    core_tr_money(b, CORE_MONEY_FULL, buf, bufsz);
}

/* Every sentence comes from the tables (assets/lang/<code>/feed.json, keys story.*) with its
 * figures as {k} arguments, so that each language orders them its own way; numbers are formatted
 * here, money and months by core_tr_money/core_tr_month. */

#define LINE 2048

static const char *name(const SimWorld *w, int i)
{
    if (i == SIM_WORLD || i < 0 || i >= w->n)
        return core_tr("story.market");
    return core_tr_content(w->sc->actors[i].name);
}

/* A text from the data files or from a strategy, in the reader's language: a strategy may give
 * one version per language ("English\x1f中文"), a data file's English text may have a
 * translation in the content table. */
static const char *told(const char *text, char *buf, size_t bufsz)
{
    core_text_pick(text, buf, bufsz);
    return core_tr_content(buf);
}

/* A number as the tables' arguments want it: printf-formatted into buf. */
static const char *num(char *buf, size_t bufsz, const char *fmt, double v)
{
    snprintf(buf, bufsz, fmt, v);
    return buf;
}

static const char *whole(char *buf, size_t bufsz, int v)
{
    snprintf(buf, bufsz, "%d", v);
    return buf;
}

/* Signed money: "+$168B", "-$50B". */
static const char *signed_money(double b, char *buf, size_t bufsz)
{
    char m[32];
    app_fmt_money(fabs(b), m, sizeof m);
    snprintf(buf, bufsz, "%s%s", b >= 0 ? "+" : "-", m);
    return buf;
}

static double pct(double log_change)
{
    return (exp(log_change) - 1.0) * 100.0;
}

/* Whether a text ends with a stop of its own ('.', '。', '！', '？'): a quoted reason that does
 * keeps it inside the quotes, and a headline that does gets no second one. */
static int stopped(const char *s)
{
    size_t n = strlen(s);
    if (n >= 1 && s[n - 1] == '.')
        return 1;
    /* Chinese full stop, exclamation and question marks (an English '!' or '?' has always been
     * followed by the sentence's own full stop: the English telling stays as it was). */
    static const char *const marks[] = {"\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (n >= 3 && strcmp(s + n - 3, marks[k]) == 0)
            return 1;
    return 0;
}

/* A count of shares (in billions) in the language's way: "160 million" (thousands: money.system
 * "western"), "1.6亿" (ten thousands: "myriad"). */
static const char *shares_words(double billions, char *buf, size_t bufsz)
{
    char n[32];
    if (strcmp(core_tr("money.system"), "myriad") != 0)
        return core_trf(buf, bufsz, "story.deal.millions", num(n, sizeof n, "%.0f", billions * 1e3),
                        NULL);
    double count = billions * 1e9;
    if (count < 1e8)
        return core_trf(buf, bufsz, "story.deal.wan", num(n, sizeof n, "%.0f", count / 1e4), NULL);
    num(n, sizeof n, "%.2f", count / 1e8);
    /* 1.60 -> 1.6, 10.00 -> 10 */
    char *dot = strchr(n, '.');
    if (dot) {
        char *e = n + strlen(n) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    return core_trf(buf, bufsz, "story.deal.yi", n, NULL);
}

/* The key of a deal kind's words under prefix ("deal.noun." + "compute"). */
static const char *kind_key(const char *prefix, SimDealKind k, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%s%s", prefix,
             (unsigned)k < SIM_DEAL_KIND_COUNT ? sim_deal_kind_name(k) : "unknown");
    return buf;
}

/* "a $300B compute contract over 60 months, 4.5 GW" */
static void deal_words(const SimWorld *w, const SimDeal *d, char *buf, size_t bufsz)
{
    const SimTerms *t = &d->t;
    char money[32], months[16], gw[16], r1[16], r2[16], key[64], count[64];
    app_fmt_money(t->amount, money, sizeof money);
    whole(months, sizeof months, t->months);
    num(gw, sizeof gw, "%.1f", t->gw);
    const char *noun = core_tr(kind_key("deal.noun.", t->kind, key, sizeof key));
    /* One sentence per kind (story.deal.<words>), the same arguments for all: {1} amount,
     * {2} noun, {3} months, {4} GW, {5} payer, {6} rate %, {7} payee, {8} rate2 %, {9} shares.
     * A kind that an amount sizes says its GW when it has some (story.deal.<words>_gw). */
    SimDealKind k = sim_kind_valid((int)t->kind) ? t->kind : SIM_DEAL_COMPUTE;
    const SimKindInfo *ki = sim_kind(k);
    char sentence[64];
    snprintf(sentence, sizeof sentence, "story.deal.%s%s", ki->words,
             t->gw > 0.0 && sim_kind_uses(k, SIM_FIELD_AMOUNT) ? "_gw" : "");
    core_trf(buf, bufsz, sentence, money, noun, months, gw, name(w, t->payer),
             num(r1, sizeof r1, "%.0f", t->rate * 100.0), name(w, t->payee),
             num(r2, sizeof r2, "%.0f", t->rate2 * 100.0),
             shares_words(t->shares, count, sizeof count), NULL);
}

/* A sentence about a deal, then the reason given for it in quotes, on one line. */
static void say_with_reason(FILE *out, const char *sentence, const char *reason)
{
    char buf[LINE], q[LINE];
    const char *r = reason && *reason ? told(reason, buf, sizeof buf) : "";
    if (*r)
        core_trf(q, sizeof q, stopped(r) ? "story.reason_stopped" : "story.reason", r, NULL);
    else
        snprintf(q, sizeof q, "%s", core_tr("story.stop"));
    fprintf(out, "  - %s%s\n", sentence, q);
}

/* "  * Headline." */
static void say_headline(FILE *out, const char *title)
{
    char buf[LINE], line[LINE];
    const char *t = told(title, buf, sizeof buf);
    if (stopped(t))
        fprintf(out, "  * %s\n", t);
    else
        fprintf(out, "  * %s\n", core_trf(line, sizeof line, "story.headline", t, NULL));
}

/* "    Text of the event." (nothing if it has none) */
static void say_text(FILE *out, const char *text)
{
    char buf[LINE];
    if (text && *text)
        fprintf(out, "    %s\n", told(text, buf, sizeof buf));
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
    char list[LINE] = "", item[256], p[16], line[LINE];
    size_t at = 0;
    int shown = 0;
    for (; k < end && w->events[k].kind == SIM_LOG_REACTION && w->events[k].other >= 0; k++) {
        const SimEvent *e = &w->events[k];
        double v = pct(e->change);
        if (fabs(v) < 0.05)
            continue;
        core_trf(item, sizeof item, "story.spill", name(w, e->actor), num(p, sizeof p, "%+.1f", v),
                 NULL);
        if (at < sizeof list)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s",
                                   shown ? core_tr("story.spill_sep") : "", item);
        shown++;
    }
    if (shown)
        fprintf(out, "    %s\n", core_trf(line, sizeof line, "story.spills", list, NULL));
    return k;
}

/* A move's fundamental part when it matters for the reader: when it is most of the move, more
 * than the move (the story held the price back), or went the other way (the story carried the
 * price against the balance sheet).
 * Otherwise "": the story is the move, as the line already says. */
static const char *tell_fundamental(const SimEvent *e, char *buf, size_t bufsz)
{
    buf[0] = '\0';
    double f = pct(e->fund), all = pct(e->change);
    char fp[16];
    num(fp, sizeof fp, "%+.1f", f);
    if (fabs(f) < 0.05)
        return buf; /* rounds to nothing */
    if (f * all < 0.0)
        return core_trf(buf, bufsz, "story.react.fund_against", fp, NULL);
    if (fabs(f) > fabs(all))
        return core_trf(buf, bufsz, "story.react.fund_beyond", fp, NULL);
    if (fabs(f) > 0.5 * fabs(all))
        return core_trf(buf, bufsz, "story.react.fund_most", fp, NULL);
    return buf;
}

/* How a deal's announcement moved the announcer's own price, and why. */
static void tell_reaction(FILE *out, const SimWorld *w, const SimEvent *e)
{
    char line[LINE], p[16], value[40], weighed[32], before[32], mood[16], rivals[16];
    num(p, sizeof p, "%.1f", fabs(pct(e->change)));
    signed_money(e->value, value, sizeof value);
    if (e->other >= 0) {
        core_trf(line, sizeof line, e->change >= 0 ? "story.rival_up" : "story.rival_down",
                 name(w, e->actor), p, value, NULL);
        fprintf(out, "    %s\n", line);
        return;
    }
    app_fmt_money(e->amount, weighed, sizeof weighed);
    app_fmt_money(sim_snap(w, e->turn, e->actor)->market_value, before, sizeof before);
    num(mood, sizeof mood, "%+.2f", w->info[e->turn].sentiment);
    int up = e->change >= 0;
    const char *key;
    if (e->actor == w->sc->hub)
        key = up ? "story.react.hub_up" : "story.react.hub_down";
    else if (e->aux > 0.0)
        key = up ? "story.react.up_rivals" : "story.react.down_rivals";
    else
        key = up ? "story.react.up" : "story.react.down";
    core_trf(line, sizeof line, key, name(w, e->actor), p, value, weighed, before, mood,
             num(rivals, sizeof rivals, "%.0f", e->aux * 100), NULL);
    char fund[LINE];
    fprintf(out, "    %s%s\n", line, tell_fundamental(e, fund, sizeof fund));
}

/* A lever change in words. The record keeps one English text (saves must not depend on the
 * language); other languages build theirs from the lever's name in the tables (lever.<id>.name,
 * lever.changed, as the levers panel shows them) and the old and new values. */
static const char *lever_words(const SimWorld *w, const SimEvent *e, char *buf, size_t bufsz)
{
    const SimLeverInfo *in = sim_lever_info((SimLever)e->other);
    if (core_tr_lang() == CORE_LANG_EN || !in)
        return told(e->text, buf, bufsz);
    char key[64], lever[128], from[32], to[32];
    snprintf(key, sizeof key, "lever.%s.name", in->id);
    core_trf(lever, sizeof lever, key, name(w, w->sc->hub), NULL);
    double scale = in->percent ? 100.0 : 1.0;
    const char *fmt = in->percent ? "%.1f%%" : "%.2f";
    snprintf(from, sizeof from, fmt, e->aux * scale);
    snprintf(to, sizeof to, fmt, e->amount * scale);
    return core_trf(buf, bufsz, "lever.changed", lever, from, to, NULL);
}

/* A deal's event: proposed, accepted, turned down, countered, lapsed, released or exited, with the
 * record's headline when the game went the way the record did. */
static void tell_deal(FILE *out, const SimWorld *w, const SimEvent *e)
{
    char m1[32], words[LINE], line[LINE];
    const SimDeal *d = e->deal >= 0 && e->deal < w->n_deals ? &w->deals[e->deal] : NULL;
    /* The record's headline (and text) when the game went the way the record did. */
    const SimScenarioEvent *rec =
        d && d->history_event >= 0 ? &w->sc->events[d->history_event] : NULL;
    switch (e->kind) {
    case SIM_LOG_PROPOSED:
        if (!d)
            break;
        deal_words(w, d, words, sizeof words);
        if (d->t.payee == SIM_WORLD)
            core_trf(line, sizeof line, "story.commits", name(w, e->actor), words, NULL);
        else
            core_trf(line, sizeof line, "story.offers", name(w, e->actor), name(w, e->other), words,
                     NULL);
        say_with_reason(out, line, d->reason);
        break;
    case SIM_LOG_ACCEPTED:
        if (!d || d->t.payee == SIM_WORLD)
            break;
        deal_words(w, d, words, sizeof words);
        if (rec && rec->accept)
            say_headline(out, rec->title);
        /* A finished joint build leased to its tenant is no one's offer (sim_pay). */
        core_trf(line, sizeof line,
                 strncmp(d->tag, "lease:", 6) == 0 ? "story.build_leased" : "story.accepts",
                 name(w, e->actor), name(w, e->other), words, NULL);
        say_with_reason(out, line, strncmp(d->tag, "lease:", 6) == 0 ? d->reason : d->answer);
        if (rec && rec->accept)
            say_text(out, rec->text);
        break;
    case SIM_LOG_REJECTED:
        if (!d)
            break;
        deal_words(w, d, words, sizeof words);
        if (rec && !rec->accept)
            say_headline(out, rec->title);
        core_trf(line, sizeof line, "story.turns_down", name(w, e->actor), name(w, e->other), words,
                 NULL);
        say_with_reason(out, line, d->answer);
        break;
    case SIM_LOG_COUNTERED:
        core_trf(line, sizeof line, "story.counters", name(w, e->actor),
                 name(w, w->deals[e->other].proposer), NULL);
        say_with_reason(out, line, e->text);
        break;
    case SIM_LOG_EXPIRED:
        if (d) {
            deal_words(w, d, words, sizeof words);
            fprintf(out, "  - %s\n",
                    core_trf(line, sizeof line, "story.lapses", name(w, e->actor), words, NULL));
        }
        break;
    case SIM_LOG_RELEASED:
        if (rec)
            say_headline(out, rec->title);
        core_trf(line, sizeof line, "story.releases", name(w, e->actor), name(w, e->other), NULL);
        say_with_reason(out, line, e->text);
        break;
    case SIM_LOG_EXITED:
        if (!d)
            break;
        deal_words(w, d, words, sizeof words);
        app_fmt_money(e->amount, m1, sizeof m1);
        core_trf(line, sizeof line, "story.exits", name(w, e->actor), name(w, e->other), words, m1,
                 NULL);
        say_with_reason(out, line, e->text);
        break;
    default:
        break;
    }
}

/* Money lost or moved under stress: sales, rescues, missed payments, defaults, guarantees called
 * and write-downs. */
static void tell_loss(FILE *out, const SimWorld *w, const SimEvent *e)
{
    char m1[32], line[LINE], n1[16];
    switch (e->kind) {
    case SIM_LOG_SOLD: {
        char pct_s[16];
        app_fmt_money(e->amount, m1, sizeof m1);
        num(pct_s, sizeof pct_s, "%.1f", e->aux * 100.0);
        if (strcmp(e->text, SIM_CASCADE_FORCED_SALE) == 0) {
            fprintf(out, "  ! %s\n",
                    core_trf(line, sizeof line, "story.forced_sale", name(w, e->actor),
                             name(w, e->other), m1, pct_s, NULL));
            break;
        }
        core_trf(line, sizeof line, "story.sells", name(w, e->actor), name(w, e->other), m1, pct_s,
                 NULL);
        say_with_reason(out, line, e->text);
        break;
    }
    case SIM_LOG_RESCUE: {
        char pct_s[16];
        app_fmt_money(e->amount, m1, sizeof m1);
        int failed = sim_default_turn(w, e->other);
        if (failed >= 0 && failed < e->turn) {
            /* A failed firm bought whole (sim_rescue): change holds what its estate was worth. */
            char m2[32];
            app_fmt_money(e->change, m2, sizeof m2);
            core_trf(line, sizeof line, "story.buys_failed", name(w, e->actor), name(w, e->other),
                     m1, m2, NULL);
            say_with_reason(out, line, e->text);
            break;
        }
        num(pct_s, sizeof pct_s, "%.1f", e->aux * 100.0);
        core_trf(line, sizeof line, "story.rescues", name(w, e->actor), name(w, e->other), m1,
                 pct_s, NULL);
        say_with_reason(out, line, e->text);
        break;
    }
    case SIM_LOG_MISSED:
        app_fmt_money(e->amount, m1, sizeof m1);
        fprintf(out, "  ! %s\n",
                core_trf(line, sizeof line, "story.missed", name(w, e->actor), m1, NULL));
        break;
    case SIM_LOG_DEFAULT: {
        /* The cascade (sim_cascade): who it failed with, in which round, its place in the order
         * of failures and its systemic weight. */
        int round = (int)e->aux, order = sim_default_order(w, e->actor);
        char r_s[16], o_s[16], w_s[16], tail[SIM_REASON_LEN * 2] = "";
        app_fmt_money(e->amount, m1, sizeof m1);
        if (round > 1 && e->other >= 0 && e->other < w->n)
            core_trf(line, sizeof line, "story.defaults_with", name(w, e->actor), name(w, e->other),
                     num(r_s, sizeof r_s, "%.0f", (double)round), m1, NULL);
        else
            core_trf(line, sizeof line, "story.defaults", name(w, e->actor), m1, NULL);
        if (round >= 1 && order > 0)
            core_trf(tail, sizeof tail, "story.failure_no",
                     num(o_s, sizeof o_s, "%.0f", (double)order),
                     num(w_s, sizeof w_s, "%.0f", e->value * 100.0), NULL);
        fprintf(out, "  ! %s%s\n", line, tail);
        break;
    }
    case SIM_LOG_GUARANTEE:
        app_fmt_money(e->amount, m1, sizeof m1);
        fprintf(out, "  ! %s\n",
                core_trf(line, sizeof line, "story.guarantee", name(w, e->actor), m1,
                         name(w, e->other), NULL));
        break;
    case SIM_LOG_WRITEDOWN:
        app_fmt_money(e->amount, m1, sizeof m1);
        if (e->aux > 0.0) {
            /* What the clearing paid it out of the defaulter's estate. */
            char m2[32];
            app_fmt_money(e->aux, m2, sizeof m2);
            fprintf(out, "  ! %s\n",
                    core_trf(line, sizeof line, "story.writedown_recovered", name(w, e->actor), m1,
                             name(w, e->other), num(n1, sizeof n1, "%.1f", fabs(pct(e->change))),
                             m2, NULL));
            break;
        }
        fprintf(out, "  ! %s\n",
                core_trf(line, sizeof line, "story.writedown", name(w, e->actor), m1,
                         name(w, e->other), num(n1, sizeof n1, "%.1f", fabs(pct(e->change))),
                         NULL));
        break;
    default:
        break;
    }
}

/* One event of the month's log as the story tells it (nothing for events it leaves out). */
static void tell(FILE *out, const SimWorld *w, const SimEvent *e)
{
    char line[LINE], buf[LINE], n1[16];
    switch (e->kind) {
    case SIM_LOG_NEWS: {
        const SimScenarioEvent *ev = &w->sc->events[e->scenario_event];
        say_headline(out, ev->title);
        say_text(out, ev->text);
        break;
    }
    case SIM_LOG_PROPOSED:
    case SIM_LOG_ACCEPTED:
    case SIM_LOG_REJECTED:
    case SIM_LOG_COUNTERED:
    case SIM_LOG_EXPIRED:
    case SIM_LOG_RELEASED:
    case SIM_LOG_EXITED:
        tell_deal(out, w, e);
        break;
    case SIM_LOG_SOLD:
    case SIM_LOG_RESCUE:
    case SIM_LOG_MISSED:
    case SIM_LOG_DEFAULT:
    case SIM_LOG_GUARANTEE:
    case SIM_LOG_WRITEDOWN:
        tell_loss(out, w, e);
        break;
    case SIM_LOG_REACTION:
        tell_reaction(out, w, e);
        break;
    case SIM_LOG_DROPPED:
    case SIM_LOG_STRATEGY_ERROR:
        fprintf(out, "  ? %s\n",
                core_trf(line, sizeof line, "story.dropped", name(w, e->actor),
                         told(e->text, buf, sizeof buf), NULL));
        break;
    case SIM_LOG_TARGET:
        fprintf(out, "  * %s\n",
                core_trf(line, sizeof line, "story.target", name(w, e->actor),
                         num(n1, sizeof n1, "%.0f", w->sc->target_gw), NULL));
        break;
    case SIM_LOG_LEVER:
        fprintf(
            out, "  ~ %s\n",
            core_trf(line, sizeof line, "story.lever", lever_words(w, e, buf, sizeof buf), NULL));
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
    char m1[32], m2[32], m3[32], m4[32], n1[16], n2[16], line[LINE], how[LINE] = "";
    const SimSnap *h = sim_snap(w, turn + 1, hub);
    app_fmt_money(between, m1, sizeof m1);
    int fell = sim_default_turn(w, hub);
    if (fell >= 0 && fell < turn) {
        /* After the hub's fall: the money among the others and the market's mood, no hub bills. */
        core_trf(line, sizeof line, "story.month.after", m1,
                 num(n1, sizeof n1, "%+.2f", w->info[turn + 1].sentiment), NULL);
        fprintf(out, "  = %s\n", line);
        return;
    }
    app_fmt_money(hub_paid, m2, sizeof m2);
    app_fmt_money(h->revenue, m3, sizeof m3);
    /* How the hub paid its way: a list of what it did, in the language's list style. */
    size_t at = 0;
    const char *sep = "";
    const double amounts[3] = {raised, sold, borrowed};
    static const char *const keys[3] = {"story.month.raised", "story.month.sold",
                                        "story.month.borrowed"};
    for (int i = 0; i < 3; i++) {
        if (amounts[i] <= 0.0 || at >= sizeof how)
            continue;
        char item[256];
        app_fmt_money(amounts[i], m4, sizeof m4);
        at += (size_t)snprintf(how + at, sizeof how - at, "%s%s", sep,
                               core_trf(item, sizeof item, keys[i], m4, NULL));
        sep = core_tr("story.list_sep");
    }
    core_trf(line, sizeof line, how[0] ? "story.month.flows_payway" : "story.month.flows", m1,
             name(w, hub), m2, m3, how, NULL);
    fprintf(out, "  = %s\n", line);
    app_fmt_money(h->due_12m, m1, sizeof m1);
    core_trf(line, sizeof line, "story.month.sentiment",
             num(n1, sizeof n1, "%+.2f", w->info[turn + 1].sentiment), name(w, hub), m1,
             num(n2, sizeof n2, "%.1f", w->info[turn + 1].leverage), NULL);
    fprintf(out, "  = %s\n", line);
}

void app_story_script_notes(FILE *out, const SimWorld *w, int turn)
{
    for (int i = 0; i < w->n; i++) {
        const SimStrategy *s = &w->actors[i].strategy;
        int n = scr_strategy_is_lua(s) ? scr_strategy_message_count(s) : 0;
        for (int k = 0; k < n; k++) {
            ScrMessage m;
            char buf[LINE], line[LINE];
            if (scr_strategy_message(s, k, &m) == 0 && m.turn == turn && m.kind == SCR_MSG_PRINT)
                fprintf(out, "  ? %s\n",
                        core_trf(line, sizeof line, "story.script", name(w, i),
                                 told(m.text, buf, sizeof buf), NULL));
        }
    }
}

/* Display columns of a UTF-8 text on a terminal: East Asian wide and full-width characters
 * (CJK, kana, hangul, full-width punctuation) take two, others one. The table pads by columns,
 * not bytes, so that Chinese headings and names line up with the figures under them. */
static int wide(unsigned c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Decodes the character at s (its byte length into *len); a stray byte counts as one. */
static unsigned utf8_char(const unsigned char *s, int *len)
{
    int n = s[0] < 0x80             ? 1
            : (s[0] & 0xE0) == 0xC0 ? 2
            : (s[0] & 0xF0) == 0xE0 ? 3
            : (s[0] & 0xF8) == 0xF0 ? 4
                                    : 1;
    unsigned c = n == 1 ? s[0] : (unsigned)(s[0] & (0x7F >> n));
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return s[0];
        }
        c = (c << 6) | (unsigned)(s[i] & 0x3F);
    }
    *len = n;
    return c;
}

/* The columns s takes on a terminal. */
static int cols(const char *s)
{
    int w = 0, len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += len)
        w += wide(utf8_char(p, &len)) ? 2 : 1;
    return w;
}

/* Writes s in a field `width` columns wide: right-aligned, or left-aligned and cut to the
 * width (never inside a character). */
static void put_cell(FILE *out, const char *s, int width, int left)
{
    int w = 0, len;
    const unsigned char *p = (const unsigned char *)s;
    if (left) {
        for (; *p; p += len) {
            int cw = wide(utf8_char(p, &len)) ? 2 : 1;
            if (w + cw > width)
                break;
            fwrite(p, 1, (size_t)len, out);
            w += cw;
        }
        fprintf(out, "%*s", width - w, "");
        return;
    }
    w = cols(s);
    fprintf(out, "%*s%s", width > w ? width - w : 0, "", s);
}

/* The table's figure columns: heading key, narrowest width (the English layout). */
enum { COLS = 11, CELL = 32, NAME_COLS = 24, TOP_COLS = 12 };
static const struct {
    const char *key;
    int width;
} columns[COLS] = {
    {"story.table.col.value_start", 9}, {"story.table.col.value_end", 9},
    {"story.table.col.change", 8},      {"story.table.col.on_news", 9},
    {"story.table.col.exposure", 9},    {"story.table.col.of_value", 6},
    {"story.table.col.top", 8},         {"story.table.col.circular", 6},
    {"story.table.col.owed", 9},        {"story.table.col.cover", 7},
    {"story.table.col.score", 7},
};

/* Actor i's name as short as it must be to fit `most` columns (core_name.h), then cut. */
static void short_name(const SimWorld *w, int i, int most, char *buf, size_t bufsz)
{
    const char *full = name(w, i);
    for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
        core_name_short(full, lv, buf, bufsz);
        if (cols(buf) <= most)
            return;
    }
}

/* Line `row` (0 or 1) of a heading written on up to two lines ("value at\nstart"). */
static const char *heading_line(const char *heading, int row, char *buf, size_t bufsz)
{
    const char *nl = strchr(heading, '\n');
    if (row == 0) {
        size_t n = nl ? (size_t)(nl - heading) : strlen(heading);
        snprintf(buf, bufsz, "%.*s", (int)(n < bufsz ? n : bufsz - 1), heading);
    } else {
        snprintf(buf, bufsz, "%s", nl ? nl + 1 : "");
    }
    return buf;
}

/* How the game ended and, when the hub failed, when. */
static void table_end_line(FILE *out, const SimWorld *w)
{
    int hub = w->sc->hub, last = w->turn;
    char mon[24], n1[16], line[LINE];
    core_tr_month(w->sc->start + (last > 0 ? last - 1 : 0), mon, sizeof mon);
    core_trf(line, sizeof line, "story.end.line",
             core_tr(w->end == SIM_END_DEFAULT   ? "story.end.default"
                     : w->end == SIM_END_TARGET  ? "story.end.target"
                     : w->end == SIM_END_HORIZON ? "story.end.horizon"
                                                 : "story.end.stopped"),
             whole(n1, sizeof n1, last), mon, NULL);
    fprintf(out, "\n%s\n", line);
    int fell = sim_default_turn(w, hub);
    if (fell >= 0) {
        core_tr_month(w->sc->start + fell, mon, sizeof mon);
        core_trf(line, sizeof line, "story.end.fell", name(w, hub), mon,
                 whole(n1, sizeof n1, fell + 1), NULL);
        fprintf(out, "%s\n", line);
    }
    fputc('\n', out);
}

/* The cells of actor i's row (on_news: the value it gained on announcement days); 1 when its
 * circularity cell carries the figure by contract. */
static int table_row(const SimWorld *w, int i, double on_news, char (*cell)[CELL])
{
    int hub = w->sc->hub, last = w->turn, shown = 0;
    const SimSnap *s0 = sim_snap(w, 0, i), *s = sim_snap(w, last, i);
    app_fmt_money(s0->market_value, cell[0], CELL);
    app_fmt_money(s->market_value, cell[1], CELL);
    snprintf(cell[2], CELL, "%+.1f%%",
             s0->market_value > 0 ? (s->market_value / s0->market_value - 1.0) * 100.0 : 0.0);
    app_fmt_money(on_news, cell[3], CELL);
    /* Exposure to every counterparty at its peak, and to whom most of it was: after a
     * default the claims are gone, the lesson is not. */
    const SimSnap *peak = s;
    for (int t = 0; t <= last; t++)
        if (sim_snap(w, t, i)->exposure > peak->exposure)
            peak = sim_snap(w, t, i);
    double of = peak->market_value > 0 ? peak->exposure / peak->market_value * 100.0 : 0.0;
    app_fmt_money(peak->exposure, cell[4], CELL);
    snprintf(cell[5], CELL, "%.0f%%", of);
    if (peak->top >= 0 && peak->exposure > 0.0)
        short_name(w, peak->top, TOP_COLS, cell[6], CELL);
    else
        snprintf(cell[6], CELL, "-");
    /* Circularity as a vendor of anyone (0 for one nobody paid with its own money); for a
     * vendor of the hub, the figure by contract in brackets (the range's upper end, as the
     * window shows it: docs/model.md, section 3). */
    double contract = i != hub && hub >= 0 && last > 0
                          ? sim_ledger_circularity_at(&w->ledger, hub, i, last - 1)
                          : 0.0;
    if (contract >= 0.005) {
        snprintf(cell[7], CELL, "%.0f%% (%.0f%%)", s->circularity * 100.0, contract * 100.0);
        shown = 1;
    } else {
        snprintf(cell[7], CELL, "%.0f%%", s->circularity * 100.0);
    }
    app_fmt_money(s->obligations, cell[8], CELL);
    snprintf(cell[9], CELL, "%.2f", s->revenue > 0 ? s->due_12m / s->revenue : 0.0);
    snprintf(cell[10], CELL, "%.3f", sim_score(w, i));
    return shown;
}

/* The lines under the table: value gained, the hub's compute, the books. */
static void table_footer(FILE *out, const SimWorld *w)
{
    int hub = w->sc->hub, last = w->turn;
    char line[LINE], n1[16];
    const SimSnap *h = sim_snap(w, last, hub);
    char m1[32], n2[16];
    app_fmt_money(w->announced_value, m1, sizeof m1);
    fprintf(out, "\n%s\n", core_trf(line, sizeof line, "story.table.gained", m1, NULL));
    fprintf(out, "%s\n",
            core_trf(line, sizeof line, "story.table.compute", name(w, hub),
                     num(n1, sizeof n1, "%.1f", h->compute_owned + h->compute_contracted),
                     num(n2, sizeof n2, "%.0f", w->sc->target_gw), NULL));
    fprintf(out, "%s\n",
            core_trf(
                line, sizeof line, sim_game_over(w) ? "story.table.books" : "story.table.books_now",
                num(n1, sizeof n1, "%+.2f", w->info[last].sentiment),
                core_tr(w->check_books ? "story.table.balanced" : "story.table.unchecked"), NULL));
}

void app_story_table(FILE *out, const SimWorld *w)
{
    int hub = w->sc->hub, last = w->turn, n = w->n < 64 ? w->n : 64;
    /* Value each actor gained on announcement days. */
    double on_news[64] = {0};
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_REACTION && e->other < 0 && e->actor < 64)
            on_news[e->actor] += e->value;
    }
    table_end_line(out, w);
    /* The cells first, then each column as wide as its widest cell (at least the English
     * layout's width): a figure in 亿美元 is wider than one in $B. */
    char cells[64][COLS][CELL];
    int width[COLS], any_contract = 0;
    for (int c = 0; c < COLS; c++)
        width[c] = columns[c].width;
    for (int i = 0; i < n; i++) {
        char(*cell)[CELL] = cells[i];
        any_contract |= table_row(w, i, on_news[i], cell);
        for (int c = 0; c < COLS; c++)
            if (cols(cell[c]) > width[c])
                width[c] = cols(cell[c]);
    }
    /* A game not over says the month of its values, not "at end". */
    char head[COLS][2][64], now[64], mon[16];
    core_month_format(w->sc->start + (w->turn > 0 ? w->turn - 1 : 0), mon, sizeof mon);
    core_trf(now, sizeof now, "story.table.col.value_now", mon, NULL);
    for (int c = 0; c < COLS; c++)
        for (int row = 0; row < 2; row++) {
            const char *key = columns[c].key;
            heading_line(c == 1 && !sim_game_over(w) ? now : core_tr(key), row, head[c][row],
                         sizeof head[c][row]);
            if (cols(head[c][row]) > width[c])
                width[c] = cols(head[c][row]);
        }
    /* The name column as wide as the longest name, from 10 columns up to NAME_COLS; a longer
     * name is shortened with intent (core_name.h), then cut. */
    int name_w = 10;
    char names[64][CELL * 2];
    for (int i = 0; i < n; i++) {
        const char *full = name(w, i);
        for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
            core_name_short(full, lv, names[i], sizeof names[i]);
            if (cols(names[i]) <= NAME_COLS)
                break;
        }
        if (cols(names[i]) > name_w)
            name_w = cols(names[i]) < NAME_COLS ? cols(names[i]) : NAME_COLS;
    }
    for (int row = 0; row < 2; row++) {
        put_cell(out, "", name_w, 1);
        for (int c = 0; c < COLS; c++) {
            fputc(' ', out);
            put_cell(out, head[c][row], width[c], 0);
        }
        fputc('\n', out);
    }
    for (int i = 0; i < n; i++) {
        put_cell(out, names[i], name_w, 1);
        for (int c = 0; c < COLS; c++) {
            fputc(' ', out);
            put_cell(out, cells[i][c], width[c], 0);
        }
        fprintf(out, "%s\n",
                sim_snap(w, last, i)->defaulted ? core_tr("story.table.defaulted") : "");
    }
    if (any_contract) {
        char line[LINE];
        fprintf(out, "\n%s\n",
                core_trf(line, sizeof line, "story.table.contract", name(w, hub), NULL));
    }
    table_footer(out, w);
    app_story_verdict(out, w);
}

/* ---------------------------------------------------------------- what decided it */

/* The percentile as an ordinal in the reader's language ("18th", "第18"), from 1 to 99. */
static const char *ordinal(double share, char *buf, size_t bufsz)
{
    int n = (int)lround(share * 100.0);
    n = n < 1 ? 1 : n > 99 ? 99 : n;
    char k[16];
    return core_trf(buf, bufsz, core_ordinal_key(n), whole(k, sizeof k, n), NULL);
}

static const char *month_of(const SimWorld *w, int turn, char *buf, size_t bufsz)
{
    core_tr_month(w->sc->start + turn, buf, bufsz);
    return buf;
}

/* "the $350B chip lease with Nvidia": the deal as the hub's counterparty sees it. */
static const char *verdict_deal(const SimWorld *w, const SimDeal *d, char *buf, size_t bufsz)
{
    char money[32], key[64];
    int other = d->t.payer == w->sc->hub ? d->t.payee : d->t.payer;
    app_fmt_money(d->t.amount, money, sizeof money);
    SimDealKind k = sim_kind_valid((int)d->t.kind) ? d->t.kind : SIM_DEAL_COMPUTE;
    return core_trf(buf, bufsz, "story.verdict.deal", money,
                    core_tr(kind_key("deal.noun.", k, key, sizeof key)), name(w, other), NULL);
}

static void say_line(FILE *out, const char *text)
{
    fprintf(out, "  %s\n", text);
}

static void verdict_body(FILE *out, const SimWorld *w)
{
    SimVerdict v;
    sim_verdict(w, &v);
    const int hub = w->sc->hub;
    const char *h = name(w, hub);
    char line[LINE], a[64], b[64], c[64], d[64], e[160];
    fprintf(out, "\n%s\n", core_tr("story.verdict.head"));

    /* The world drawn. */
    app_fmt_money(v.ceiling, a, sizeof a);
    const char *cls = v.percentile < 1.0 / 3.0   ? "story.verdict.class.weak"
                      : v.percentile > 2.0 / 3.0 ? "story.verdict.class.strong"
                                                 : "story.verdict.class.middle";
    core_trf(line, sizeof line, "story.verdict.world", h, a, core_tr(cls),
             ordinal(v.percentile, b, sizeof b), num(c, sizeof c, "%.0f%%", v.speed * 100.0),
             num(d, sizeof d, "%.0f%%", v.speed_prior * 100.0), NULL);
    say_line(out, line);
    if (v.compute_bound > 0)
        core_trf(line, sizeof line, "story.verdict.bound.some", whole(a, sizeof a, v.compute_bound),
                 whole(b, sizeof b, v.months_played), NULL);
    else
        core_trf(line, sizeof line, "story.verdict.bound.none", NULL);
    say_line(out, line);

    /* The deal that tipped it, or that added most value. */
    if (v.tipping_deal < 0) {
        say_line(out, core_trf(line, sizeof line, "story.verdict.none", h, NULL));
    } else if (v.defaulted) {
        verdict_deal(w, &w->deals[v.tipping_deal], e, sizeof e);
        core_trf(line, sizeof line, "story.verdict.tipped", e,
                 month_of(w, v.tipping_turn, a, sizeof a), h,
                 num(b, sizeof b, "%.0f%%", v.pd_before * 100.0),
                 num(c, sizeof c, "%.0f%%", v.pd_after * 100.0), NULL);
        say_line(out, line);
        if (v.month_deals > 1) {
            app_fmt_money(v.month_owed, b, sizeof b);
            say_line(out, core_trf(line, sizeof line, "story.verdict.tipped_month",
                                   whole(a, sizeof a, v.month_deals), b, h, NULL));
        }
    } else {
        verdict_deal(w, &w->deals[v.tipping_deal], e, sizeof e);
        core_trf(line, sizeof line, "story.verdict.best", e,
                 month_of(w, v.tipping_turn, a, sizeof a), signed_money(v.value_added, b, sizeof b),
                 NULL);
        say_line(out, line);
    }

    /* The funding that dried up, and whether the market saw it coming. */
    if (!v.defaulted) {
        const SimSnap *s = sim_snap(w, w->turn, hub);
        say_line(out, core_trf(line, sizeof line,
                               sim_game_over(w) ? "story.verdict.survived"
                                                : "story.verdict.survived_now",
                               h, num(a, sizeof a, "%.0f%%", s->pd * 100.0), NULL));
        return;
    }
    if (v.first_miss_turn >= 0)
        core_trf(line, sizeof line, "story.verdict.dried.miss", h,
                 month_of(w, v.first_miss_turn, a, sizeof a),
                 month_of(w, v.default_turn, b, sizeof b), NULL);
    else
        core_trf(line, sizeof line, "story.verdict.dried.nomiss", h,
                 month_of(w, v.default_turn, b, sizeof b), NULL);
    say_line(out, line);
    month_of(w, v.last_raise_turn, a, sizeof a);
    month_of(w, v.last_credit_turn, b, sizeof b);
    if (v.last_raise_turn >= 0 && v.last_credit_turn >= 0)
        core_trf(line, sizeof line, "story.verdict.funding.both", a, b, NULL);
    else if (v.last_raise_turn >= 0)
        core_trf(line, sizeof line, "story.verdict.funding.raise", a, NULL);
    else if (v.last_credit_turn >= 0)
        core_trf(line, sizeof line, "story.verdict.funding.credit", b, NULL);
    else
        core_trf(line, sizeof line, "story.verdict.funding.none", NULL);
    say_line(out, line);
    if (v.warning_months > 0)
        core_trf(e, sizeof e, "story.verdict.when.before", whole(a, sizeof a, v.warning_months),
                 NULL);
    else
        core_trf(e, sizeof e, "story.verdict.when.at", NULL);
    app_fmt_money(v.peak_value, c, sizeof c);
    core_trf(line, sizeof line, v.saw_coming ? "story.verdict.saw.yes" : "story.verdict.saw.no",
             whole(a, sizeof a, SIM_VERDICT_WINDOW), h,
             num(b, sizeof b, "%.0f%%", v.below_peak * 100.0), c, e, NULL);
    say_line(out, line);
}

/* The failures in their order (sim_cascade): month, round, whom each failed with, and its
 * systemic weight when it failed; then the weight of those still standing. */
static void verdict_cascade(FILE *out, const SimWorld *w)
{
    char line[LINE], mon[64], r[16], o[16], wt[16];
    int shown = 0;
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind != SIM_LOG_DEFAULT || e->actor < 0 || e->actor >= w->n)
            continue;
        if (!shown++)
            say_line(out, core_tr("story.verdict.cascade"));
        int round = (int)e->aux;
        num(o, sizeof o, "%.0f", (double)sim_default_order(w, e->actor));
        num(r, sizeof r, "%.0f", (double)(round > 0 ? round : 1));
        num(wt, sizeof wt, "%.0f", e->value * 100.0);
        month_of(w, e->turn, mon, sizeof mon);
        if (round > 1 && e->other >= 0 && e->other < w->n)
            core_trf(line, sizeof line, "story.verdict.fail_with", o, name(w, e->actor), mon, r,
                     name(w, e->other), wt, NULL);
        else
            core_trf(line, sizeof line, "story.verdict.fail", o, name(w, e->actor), mon, r, wt,
                     NULL);
        fprintf(out, "    %s\n", line);
    }
    if (!shown)
        return;
    double *rank = calloc((size_t)w->n, sizeof *rank);
    if (!rank || sim_cascade_debtrank(w, rank) < 0) {
        free(rank);
        return;
    }
    char list[LINE] = "", item[128];
    for (int i = 0; i < w->n; i++) {
        if (w->actors[i].defaulted)
            continue;
        snprintf(item, sizeof item, "%s %.0f%%", name(w, i), rank[i] * 100.0);
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", item);
    }
    free(rank);
    if (list[0])
        say_line(out, core_trf(line, sizeof line, "story.verdict.weights", list, NULL));
}

/* What decided the game (sim_verdict), a few sentences after the table: the world drawn, the
 * deal that tipped it (or added most value), the funding that dried up and whether the market
 * saw it coming. app_story_table ends with it. */
static void app_story_verdict(FILE *out, const SimWorld *w)
{
    verdict_body(out, w);
    verdict_cascade(out, w);
}

int app_story_event(FILE *out, const SimWorld *w, int k, int end)
{
    const SimEvent *e = &w->events[k];
    if (e->kind == SIM_LOG_REACTION && e->other >= 0)
        return tell_spills(out, w, k, end);
    tell(out, w, e);
    return k + 1;
}
