/* ui_debrief: the debrief screen (see ui_debrief.h). */
#include "ui_debrief.h"

#include "sim_cascade.h"

#include "core_month.h"
#include "core_name.h"
#include "core_text.h"
#include "sim_turn.h"
#include "sim_verdict.h"
#include "ui_fmt.h"
#include "ui_scene.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The charts were sized for a whole screen; four share this one, beside the table. */
#define CHART_K 0.8

/* ---------------------------------------------------------------- the headline */

static const char *sentiment_key(const SimWorld *w)
{
    return sim_game_over(w) ? "debrief.fact.sentiment" : "debrief.fact.sentiment_now";
}

static int last_month(const SimWorld *w)
{
    return w->sc->start + (w->turn > 0 ? w->turn - 1 : 0);
}

/* The headline with the hub's name at core_name level `level` (0: as it is). */
static const char *headline_at(const SimWorld *w, int level, char *buf, size_t bufsz)
{
    char hub[128];
    core_name_short(core_tr_content(w->sc->actors[w->sc->hub].name), level, hub, sizeof hub);
    char mon[32], t[16], n[16], gw[16];
    core_tr_month(last_month(w), mon, sizeof mon);
    snprintf(t, sizeof t, "%d", w->turn);
    snprintf(n, sizeof n, "%d", w->turns);
    switch (w->end) {
    case SIM_END_DEFAULT: {
        /* The month it fell, then the calendar's end: the game went on without it. */
        int fell = sim_default_turn(w, w->sc->hub);
        char fmon[32], ft[16];
        core_tr_month(w->sc->start + (fell > 0 ? fell : 0), fmon, sizeof fmon);
        snprintf(ft, sizeof ft, "%d", fell + 1);
        ui_trf(buf, bufsz, "debrief.headline.default", hub, fmon, ft, mon, NULL);
        break;
    }
    case SIM_END_TARGET:
        snprintf(gw, sizeof gw, "%.0f", w->sc->target_gw);
        ui_trf(buf, bufsz, "debrief.headline.target", hub, gw, mon, t, NULL);
        break;
    case SIM_END_HORIZON:
        ui_trf(buf, bufsz, "debrief.headline.horizon", mon, hub, t, NULL);
        break;
    case SIM_END_TURN_LIMIT:
        ui_trf(buf, bufsz, "debrief.headline.turn_limit", t, n, mon, NULL);
        break;
    default:
        if (w->turn == 0)
            ui_trf(buf, bufsz, "debrief.headline.opening", NULL);
        else
            ui_trf(buf, bufsz, "debrief.headline.playing", t, n, mon, NULL);
        break;
    }
    return buf;
}

const char *ui_debrief_headline(const SimWorld *w, char *buf, size_t bufsz)
{
    return headline_at(w, 0, buf, bufsz);
}

/* ---------------------------------------------------------------- the score table */

/* Who played role i, in a word or two: "a person", "history", "playbook (nvidia_bind)", or a
 * script's file name without its folder and ".lua". */
static const char *played_by(const SimWorld *w, int i, char *buf, size_t bufsz)
{
    const SimStrategy *s = &w->actors[i].strategy;
    const char *name = s->name ? s->name : "?";
    if (sim_strategy_is_queued(s)) {
        /* Into buf as every other answer: the table reads buf, not the return value. */
        snprintf(buf, bufsz, "%s", ui_tr("debrief.by.person"));
        return buf;
    }
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".lua") == 0)
        len -= 4;
    const char *book = strrchr(w->sc->actors[i].playbook, '/');
    book = book ? book + 1 : w->sc->actors[i].playbook;
    int own = book[0] && strncmp(base, book, len) == 0 && strcmp(book + len, ".lua") == 0;
    char file[96];
    snprintf(file, sizeof file, "%.*s", (int)len, base);
    /* The built-in strategies have names in words; a script is known by its file. */
    static const char *const natives[] = {"history", "baseline", "passive"};
    for (size_t k = 0; !own && k < sizeof natives / sizeof natives[0]; k++)
        if (strcmp(file, natives[k]) == 0) {
            char key[48];
            snprintf(key, sizeof key, "debrief.by.%s", natives[k]);
            snprintf(buf, bufsz, "%s", ui_tr(key));
            return buf;
        }
    if (own)
        ui_trf(buf, bufsz, "debrief.by.playbook", file, NULL);
    else
        snprintf(buf, bufsz, "%s", file);
    return buf;
}

static void rank(const SimWorld *w, double *score, int *order, int n)
{
    for (int i = 0; i < n; i++) {
        score[i] = sim_score(w, i);
        order[i] = i;
    }
    /* Insertion sort, best first; ties keep the scenario's order. */
    for (int a = 1; a < n; a++) {
        int v = order[a], b = a;
        while (b > 0 && score[order[b - 1]] < score[v]) {
            order[b] = order[b - 1];
            b--;
        }
        order[b] = v;
    }
}

static void draw_table(UiDraw *d, SDL_FRect area, const SimWorld *w, UiDebriefGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    int n = w->n < UI_DEBRIEF_MAX_ROWS ? w->n : UI_DEBRIEF_MAX_ROWS;
    double score[UI_DEBRIEF_MAX_ROWS];
    int order[UI_DEBRIEF_MAX_ROWS];
    rank(w, score, order, n);

    float pad = ui_px(d, 16), title_pt = ui_px(d, 26), head_pt = ui_px(d, 15);
    ui_fill_round_rect(d, area, ui_px(d, 10), th->panel);
    float x = area.x + pad, right = area.x + area.w - pad, y = area.y + pad;
    ui_text(d, ui_tr("debrief.scores"), x, y, title_pt, 1, th->text, UI_LEFT);
    y += title_pt * 1.45f;
    /* Column heads; the columns as wide as their widest figure. */
    float name_pt0 = ui_px(d, 22);
    int score_w = 0, value_w = 0;
    for (int k = 0; k < n; k++) {
        char v[32];
        int tw = 0;
        snprintf(v, sizeof v, "%.2f", score[k]);
        ui_text_size(d, v, name_pt0, 1, &tw, NULL);
        score_w = tw > score_w ? tw : score_w;
        const SimSnap *s0 = sim_snap(w, 0, k), *s = sim_snap(w, w->turn, k);
        ui_fmt_pct(s0->market_value > 0 ? s->market_value / s0->market_value - 1.0 : 0.0, v,
                   sizeof v);
        ui_text_size(d, v, name_pt0, 1, &tw, NULL);
        value_w = tw > value_w ? tw : value_w;
    }
    float col_score = right, col_value = right - fmaxf((float)score_w, ui_px(d, 56)) - ui_px(d, 22);
    ui_text(d, ui_tr("debrief.col.value"), col_value, y, head_pt, 0, th->text_dim, UI_RIGHT);
    ui_text(d, ui_tr("debrief.col.score"), col_score, y, head_pt, 0, th->text_dim, UI_RIGHT);
    ui_text(d, ui_tr("debrief.col.role"), x + ui_px(d, 30), y, head_pt, 0, th->text_dim, UI_LEFT);
    y += head_pt * 1.5f;

    /* The facts under the rows, if they fit. */
    const int hub = w->sc->hub;
    const SimSnap *h = sim_snap(w, w->turn, hub);
    char facts[3][160], m[32];
    ui_fmt_money(w->announced_value, m, sizeof m);
    ui_trf(facts[0], sizeof facts[0], "debrief.fact.announced", m, NULL);
    char gw[16], goal[16], sent[16];
    snprintf(gw, sizeof gw, "%.1f", h->compute_owned + h->compute_contracted);
    snprintf(goal, sizeof goal, "%.0f", w->sc->target_gw);
    ui_trf(facts[1], sizeof facts[1], "debrief.fact.compute",
           core_tr_content(w->sc->actors[hub].name), gw, goal, NULL);
    snprintf(sent, sizeof sent, "%+.2f", w->info[w->turn].sentiment);
    ui_trf(facts[2], sizeof facts[2], sentiment_key(w), sent, NULL);
    float fact_pt = ui_px(d, 16), fact_lh = fact_pt * 1.45f;
    float facts_h = 3 * fact_lh + pad;

    float avail = area.y + area.h - pad - y;
    float row_h = ui_px(d, 60);
    int show_facts = avail - facts_h >= row_h * 0.8f * (float)n;
    if (show_facts)
        avail -= facts_h;
    if (row_h * (float)n > avail)
        row_h = avail / (float)(n > 0 ? n : 1);
    /* Two lines a row while they fit; one below that. */
    int two = row_h >= ui_px(d, 40);
    float name_pt = fminf(ui_px(d, 22), row_h * (two ? 0.42f : 0.62f));
    float sub_pt = fminf(ui_px(d, 15), row_h * 0.28f);
    for (int k = 0; k < n; k++) {
        int i = order[k];
        SDL_FRect row = {area.x + ui_px(d, 6), y, area.w - ui_px(d, 12), row_h};
        if (k % 2 == 0)
            ui_fill_rect(d, row, ui_shade(th->panel, 0.06));
        g->row[k] = row;
        g->order[k] = i;
        const SimSnap *s0 = sim_snap(w, 0, i), *s = sim_snap(w, w->turn, i);
        float top = two ? y + row_h * 0.1f : y + (row_h - name_pt) / 2.0f;
        float cy = top + name_pt * 0.55f;
        ui_fill_round_rect(d, (SDL_FRect){x, cy - ui_px(d, 6), ui_px(d, 20), ui_px(d, 12)},
                           ui_px(d, 3), ui_chart_actor_color(w, i));
        char label[128], fit[128], v[32];
        double change = s0->market_value > 0 ? s->market_value / s0->market_value - 1.0 : 0.0;
        ui_fmt_pct(change, v, sizeof v);
        /* A long name takes its shorter forms first ("Lucent Technologies Inc." -> "Lucent
         * Technologies" -> "Lucent", core_name.h), so that the rows keep one size of type; then
         * smaller type (down to four fifths); then an ellipsis. */
        float room = col_value - (float)value_w - ui_px(d, 12) - x - ui_px(d, 30), npt = name_pt;
        int tw = 0;
        for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
            char form[96];
            core_name_short(core_tr_content(w->sc->actors[i].name), lv, form, sizeof form);
            snprintf(label, sizeof label, "%d  %s", k + 1, form);
            ui_text_size(d, label, npt, 1, &tw, NULL);
            if ((float)tw <= room)
                break;
        }
        for (int t = 0; t < 4 && (float)tw > room; t++) {
            npt *= 0.95f;
            ui_text_size(d, label, npt, 1, &tw, NULL);
        }
        ui_text_fit(d, label, npt, 1, room, fit, sizeof fit);
        ui_text(d, fit, x + ui_px(d, 30), top + (name_pt - npt) / 2.0f, npt, 1, th->text, UI_LEFT);
        ui_text(d, v, col_value, top, name_pt, 1, change >= 0 ? th->up : th->down, UI_RIGHT);
        snprintf(v, sizeof v, "%.2f", score[i]);
        ui_text(d, v, col_score, top, name_pt, 1, th->text, UI_RIGHT);
        if (two) {
            char who[96], line[160];
            played_by(w, i, who, sizeof who);
            if (s->defaulted)
                ui_trf(line, sizeof line, "debrief.defaulted_by", who, NULL);
            else
                snprintf(line, sizeof line, "%s", who);
            ui_text_fit(d, line, sub_pt, 0, right - x - ui_px(d, 30), fit, sizeof fit);
            ui_text(d, fit, x + ui_px(d, 30), top + name_pt * 1.25f, sub_pt, 0,
                    s->defaulted ? th->down : th->text_dim, UI_LEFT);
        }
        y += row_h;
    }
    g->n_rows = n;
    if (show_facts) {
        y = area.y + area.h - pad - 3 * fact_lh;
        for (int k = 0; k < 3; k++, y += fact_lh) {
            char fit[160];
            ui_text_fit(d, facts[k], fact_pt, 0, right - x, fit, sizeof fit);
            ui_text(d, fit, x, y, fact_pt, 0, th->text_dim, UI_LEFT);
        }
    }
}

/* ---------------------------------------------------------------- what decided it */

static const char *month_of(const SimWorld *w, int turn, char *buf, size_t bufsz)
{
    if (turn < 0)
        snprintf(buf, bufsz, "%s", ui_tr("debrief.verdict.never"));
    else
        core_tr_month(w->sc->start + turn, buf, bufsz);
    return buf;
}

static const char *pct0(double share, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%.0f%%", share * 100.0);
    return buf;
}

static void add_line(UiDebriefVerdict *o, const char *label_key, const char *text)
{
    if (o->n >= UI_DEBRIEF_VERDICT_LINES)
        return;
    snprintf(o->label[o->n], sizeof o->label[o->n], "%s", ui_tr(label_key));
    snprintf(o->text[o->n], sizeof o->text[o->n], "%s", text);
    o->n++;
}

static void verdict_lines(const SimWorld *w, UiDebriefVerdict *o)
{
    SimVerdict v;
    sim_verdict(w, &v);
    const int hub = w->sc->hub;
    const char *h = core_tr_content(w->sc->actors[hub].name);
    char t[UI_DEBRIEF_VERDICT_LEN], deal[160], a[48], b[48], c[48], e[48], f[96];

    /* The world drawn. */
    int n = (int)lround(v.percentile * 100.0);
    n = n < 1 ? 1 : n > 99 ? 99 : n;
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    ui_trf(b, sizeof b, core_ordinal_key(n), num, NULL);
    ui_fmt_money(v.ceiling, a, sizeof a);
    if (v.compute_bound > 0) {
        char k[16], m[16];
        snprintf(k, sizeof k, "%d", v.compute_bound);
        snprintf(m, sizeof m, "%d", v.months_played);
        ui_trf(f, sizeof f, "debrief.verdict.bound.some", k, m, NULL);
    } else {
        ui_trf(f, sizeof f, "debrief.verdict.bound.none", NULL);
    }
    const char *cls = v.percentile < 1.0 / 3.0   ? "debrief.verdict.class.weak"
                      : v.percentile > 2.0 / 3.0 ? "debrief.verdict.class.strong"
                                                 : "debrief.verdict.class.middle";
    ui_trf(t, sizeof t, "debrief.verdict.world", ui_tr(cls), a, b, pct0(v.speed, c, sizeof c),
           pct0(v.speed_prior, e, sizeof e), f, NULL);
    add_line(o, "debrief.verdict.label.world", t);

    /* The deal that tipped it, or that added most value. */
    if (v.tipping_deal < 0) {
        ui_trf(t, sizeof t, "debrief.verdict.none", h, NULL);
        add_line(o, v.defaulted ? "debrief.verdict.label.tipped" : "debrief.verdict.label.best", t);
    } else {
        const SimDeal *d = &w->deals[v.tipping_deal];
        int other = d->t.payer == hub ? d->t.payee : d->t.payer;
        char key[64];
        SimDealKind k = sim_kind_valid((int)d->t.kind) ? d->t.kind : SIM_DEAL_COMPUTE;
        snprintf(key, sizeof key, "deal.noun.%s", sim_kind(k)->name);
        ui_fmt_money(d->t.amount, a, sizeof a);
        ui_trf(deal, sizeof deal, "story.verdict.deal", a, ui_tr(key),
               core_tr_content(w->sc->actors[other].name), NULL);
        month_of(w, v.tipping_turn, b, sizeof b);
        if (v.defaulted) {
            char one[UI_DEBRIEF_VERDICT_LEN];
            ui_trf(one, sizeof one, "debrief.verdict.tipped", deal, b,
                   pct0(v.pd_before, c, sizeof c), pct0(v.pd_after, e, sizeof e), NULL);
            if (v.month_deals > 1) {
                char cnt[16];
                snprintf(cnt, sizeof cnt, "%d", v.month_deals);
                ui_fmt_money(v.month_owed, a, sizeof a);
                ui_trf(t, sizeof t, "debrief.verdict.tipped_month", one, cnt, a, NULL);
            } else {
                snprintf(t, sizeof t, "%s", one);
            }
            add_line(o, "debrief.verdict.label.tipped", t);
        } else {
            char m[40];
            ui_fmt_money(v.value_added, m, sizeof m);
            snprintf(c, sizeof c, "%s%s", v.value_added >= 0 ? "+" : "", m);
            ui_trf(t, sizeof t, "debrief.verdict.best", deal, b, c, NULL);
            add_line(o, "debrief.verdict.label.best", t);
        }
    }

    /* The funding that dried up, and the market's view; or how the hub stands. */
    if (!v.defaulted) {
        ui_trf(t, sizeof t,
               sim_game_over(w) ? "debrief.verdict.survived" : "debrief.verdict.survived_now", h,
               pct0(sim_snap(w, w->turn, hub)->pd, a, sizeof a), NULL);
        add_line(o, sim_game_over(w) ? "debrief.verdict.label.ended" : "debrief.verdict.label.now",
                 t);
        return;
    }
    char m1[48], m2[48], m3[48], m4[48];
    ui_trf(t, sizeof t, "debrief.verdict.funding", month_of(w, v.dried_turn, m1, sizeof m1),
           month_of(w, v.last_raise_turn, m2, sizeof m2),
           month_of(w, v.last_credit_turn, m3, sizeof m3),
           month_of(w, v.default_turn, m4, sizeof m4), NULL);
    add_line(o, "debrief.verdict.label.funding", t);
    char months[16];
    snprintf(months, sizeof months, "%d", v.warning_months);
    if (v.warning_months > 0)
        ui_trf(f, sizeof f, "debrief.verdict.when.before", months, NULL);
    else
        ui_trf(f, sizeof f, "debrief.verdict.when.at", NULL);
    snprintf(months, sizeof months, "%d", SIM_VERDICT_WINDOW);
    ui_trf(t, sizeof t, v.saw_coming ? "debrief.verdict.saw.yes" : "debrief.verdict.saw.no",
           pct0(v.below_peak, a, sizeof a), months, f, NULL);
    add_line(o, "debrief.verdict.label.market", t);
}

/* The failures in their order (sim_cascade), each with its month, its round and its systemic
 * weight when it failed; then the weight of those still standing (DebtRank now). */
static void cascade_line(const SimWorld *w, UiDebriefVerdict *o)
{
    char t[UI_DEBRIEF_VERDICT_LEN] = "", one[160], ord[32], num[16], mon[48], r[16], wt[16];
    int shown = 0;
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind != SIM_LOG_DEFAULT || e->actor < 0 || e->actor >= w->n)
            continue;
        int order = sim_default_order(w, e->actor), round = (int)e->aux;
        snprintf(num, sizeof num, "%d", order);
        ui_trf(ord, sizeof ord, core_ordinal_key(order), num, NULL);
        month_of(w, e->turn, mon, sizeof mon);
        snprintf(wt, sizeof wt, "%.0f", e->value * 100.0);
        /* The names without their legal forms (core_name.h): the line holds a whole cascade. */
        char nm[128], other[128];
        core_name_short(core_tr_content(w->sc->actors[e->actor].name), 1, nm, sizeof nm);
        if (round > 1 && e->other >= 0 && e->other < w->n) {
            snprintf(r, sizeof r, "%d", round);
            core_name_short(core_tr_content(w->sc->actors[e->other].name), 1, other, sizeof other);
            ui_trf(one, sizeof one, "debrief.verdict.fail_with", ord, nm, mon, r, other, wt, NULL);
        } else {
            ui_trf(one, sizeof one, "debrief.verdict.fail", ord, nm, mon, wt, NULL);
        }
        size_t at = strlen(t);
        snprintf(t + at, sizeof t - at, "%s%s", shown ? ui_tr("debrief.verdict.fail_sep") : "",
                 one);
        shown++;
    }
    if (!shown)
        return;
    double rank[UI_DEBRIEF_MAX_ROWS];
    if (w->n <= UI_DEBRIEF_MAX_ROWS && sim_cascade_debtrank(w, rank) == 0) {
        char list[200] = "", item[64];
        for (int i = 0; i < w->n; i++) {
            if (w->actors[i].defaulted)
                continue;
            snprintf(wt, sizeof wt, "%.0f", rank[i] * 100.0);
            char nm[128];
            core_name_short(core_tr_content(w->sc->actors[i].name), 2, nm, sizeof nm);
            ui_trf(item, sizeof item, "debrief.verdict.weight", nm, wt, NULL);
            size_t at = strlen(list);
            snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", item);
        }
        if (list[0]) {
            size_t at = strlen(t);
            ui_trf(t + at, sizeof t - at, "debrief.verdict.weights", list, NULL);
        }
    }
    add_line(o, "debrief.verdict.label.cascade", t);
}

void ui_debrief_verdict(const SimWorld *w, UiDebriefVerdict *o)
{
    memset(o, 0, sizeof *o);
    verdict_lines(w, o);
    cascade_line(w, o);
}

/* The verdict's band: a label column, then each line's text, smaller type before an ellipsis. */
static void draw_verdict(UiDraw *d, SDL_FRect band, const UiDebriefVerdict *v, float pt)
{
    const UiTheme *th = ui_draw_theme(d);
    float pad = ui_px(d, 20), lh = pt * 1.4f;
    ui_fill_rect(d, band, ui_shade(th->panel, 0.0));
    int label_w = 0;
    for (int k = 0; k < v->n; k++) {
        int tw = 0;
        ui_text_size(d, v->label[k], pt, 1, &tw, NULL);
        label_w = tw > label_w ? tw : label_w;
    }
    float x = band.x + pad, tx = x + (float)label_w + ui_px(d, 18);
    float room = band.x + band.w - pad - tx;
    float y = band.y + (band.h - lh * (float)v->n) / 2.0f;
    for (int k = 0; k < v->n; k++, y += lh) {
        ui_text(d, v->label[k], x, y + lh / 2.0f, pt, 1, th->text_dim, UI_LEFT | UI_MIDDLE);
        /* Smaller type before an ellipsis, down to 11 units (20 px at projector size). */
        float tpt = pt;
        for (int tw = 0; tpt * 0.95f >= fminf(pt, ui_px(d, 11)); tpt *= 0.95f) {
            ui_text_size(d, v->text[k], tpt, 0, &tw, NULL);
            if ((float)tw <= room)
                break;
        }
        char fit[UI_DEBRIEF_VERDICT_LEN];
        ui_text_fit(d, v->text[k], tpt, 0, room, fit, sizeof fit);
        ui_text(d, fit, tx, y + lh / 2.0f, tpt, 0, th->text, UI_LEFT | UI_MIDDLE);
    }
}

/* ---------------------------------------------------------------- circularity by contract */

/* The line under the circularity chart: each vendor of the hub with its peak circularity by
 * contract (ui_circ_contract), largest first, and what the range means. 0 if no vendor has one. */
static int contract_note(const SimWorld *w, char *buf, size_t bufsz)
{
    int hub = w->sc->hub, n = 0, idx[UI_DEBRIEF_MAX_ROWS];
    double v[UI_DEBRIEF_MAX_ROWS];
    for (int i = 0; i < w->n && n < UI_DEBRIEF_MAX_ROWS; i++) {
        double c = ui_circ_contract(w, i, w->turn, 1);
        if (i == hub || c < 0.005)
            continue;
        int k = n++;
        for (; k > 0 && v[k - 1] < c; k--) {
            v[k] = v[k - 1];
            idx[k] = idx[k - 1];
        }
        v[k] = c;
        idx[k] = i;
    }
    if (n == 0)
        return 0;
    /* The names shortened with intent (core_name.h): the line has three short lines of room. */
    char list[400] = "", item[96], pct[16], nm[128], hn[128];
    for (int k = 0; k < n && k < 6; k++) {
        snprintf(pct, sizeof pct, "%.0f", v[k] * 100.0);
        core_name_short(core_tr_content(w->sc->actors[idx[k]].name), 2, nm, sizeof nm);
        ui_trf(item, sizeof item, "debrief.contract_item", nm, pct, NULL);
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s%s", k ? ", " : "", item);
    }
    core_name_short(core_tr_content(w->sc->actors[hub].name), 2, hn, sizeof hn);
    ui_trf(buf, bufsz, "debrief.contract", hn, list, NULL);
    return 1;
}

/* ---------------------------------------------------------------- the screen */

/* The body under the verdict: the charts on the left, 2 x 2, over the band of the worlds like
 * this one (when there are any); the table on the right. Where 2 x 2 would leave the charts too
 * low to read (projector size with the band), the market value and the default risk alone, side
 * by side: exposure and circularity give way (the lesson in numbers shows them), their areas
 * empty. */
static void layout_body(UiDraw *d, UiDebriefGeom *g, float body_y, float W, float H,
                        const UiDebriefWorlds *worlds)
{
    float pad = ui_px(d, 20), body_h = H - body_y - pad;
    float table_w = W * 0.32f;
    if (table_w < ui_px(d, 360))
        table_w = fminf(ui_px(d, 360), W * 0.45f);
    g->table = (SDL_FRect){W - pad - table_w, body_y, table_w, body_h};
    g->charts = (SDL_FRect){pad, body_y, g->table.x - 2 * pad, body_h};
    float gap = ui_px(d, 26), charts_h = body_h;
    if (worlds && worlds->total > 0) {
        float band = fmaxf(body_h * 0.27f, fminf(ui_px(d, 140), body_h * 0.4f));
        charts_h = body_h - band - ui_px(d, 10);
        g->worlds = (SDL_FRect){g->charts.x, body_y + charts_h + ui_px(d, 10), g->charts.w, band};
    }
    float cw = (g->charts.w - gap) / 2.0f, ch = (charts_h - gap) / 2.0f;
    if (worlds && worlds->total > 0 && ch < ui_px(d, 150)) {
        g->prices = (SDL_FRect){g->charts.x, body_y, cw, charts_h};
        g->risk = (SDL_FRect){g->charts.x + cw + gap, body_y, cw, charts_h};
        return;
    }
    g->prices = (SDL_FRect){g->charts.x, body_y, cw, ch};
    g->risk = (SDL_FRect){g->charts.x + cw + gap, body_y, cw, ch};
    g->exposure = (SDL_FRect){g->charts.x, body_y + ch + gap, cw, ch};
    g->circularity = (SDL_FRect){g->charts.x + cw + gap, body_y + ch + gap, cw, ch};
}

static void draw_all(UiDraw *d, int width, int height, const SimWorld *w, const char *hint,
                     const UiDebriefWorlds *worlds, UiDebriefGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    g->screen = ui_fill_window(d, width, height);
    float W = g->screen.w, H = g->screen.h;

    /* The title bar, as on the other screens, then the headline in a band of its own. */
    ui_scene_title(d, g->screen, w, w->turn);
    float top = ui_scene_title_height(d);
    float head_pt = ui_px(d, 30), pad = ui_px(d, 20);
    g->headline = (SDL_FRect){0, top, W, head_pt * 1.75f};
    char line[256];
    ui_debrief_headline(w, line, sizeof line);
    SDL_Color hc = w->end == SIM_END_DEFAULT  ? th->down
                   : w->end == SIM_END_TARGET ? th->up
                                              : th->text;
    float hint_w = 0;
    if (hint && *hint) {
        int tw = 0;
        ui_text_size(d, hint, ui_px(d, 15), 0, &tw, NULL);
        hint_w = (float)tw + pad;
    }
    /* Smaller type, then the hub's shorter names (core_name.h), beside the keys; if it does not
     * fit so, the keys go to the bottom line and the headline takes the width (the same steps);
     * still too long (a long name, a small screen), two lines in a taller band. The headline is
     * the point of the screen: never cut. */
    float head_max = head_pt, room = W - 2 * pad - hint_w;
    int tw = 0, keys_below = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
            headline_at(w, lv, line, sizeof line);
            for (head_pt = head_max; head_pt > ui_px(d, 20); head_pt -= ui_px(d, 1)) {
                ui_text_size(d, line, head_pt, 1, &tw, NULL);
                if ((float)tw <= room)
                    break;
            }
            ui_text_size(d, line, head_pt, 1, &tw, NULL);
            if ((float)tw <= room)
                break;
        }
        if ((float)tw <= room || hint_w <= 0)
            break;
        keys_below = 1;
        room = W - 2 * pad;
    }
    snprintf(g->headline_text, sizeof g->headline_text, "%s", line);
    g->headline_lines = 1;
    if ((float)tw <= room) {
        ui_text(d, line, pad, g->headline.y + g->headline.h / 2.0f, head_pt, 1, hc,
                UI_LEFT | UI_MIDDLE);
    } else {
        /* Two lines; smaller type if it needs more (down to 16 px). */
        char lines[600];
        for (head_pt = head_max * 0.8f; head_pt > ui_px(d, 16); head_pt -= ui_px(d, 1))
            if (ui_text_wrap_lines(d, line, room, head_pt, 1, 8, lines, sizeof lines) <= 2)
                break;
        g->headline_lines = ui_text_wrap_lines(d, line, room, head_pt, 1, 8, lines, sizeof lines);
        float h = ui_text_wrapped_height(d, line, room, head_pt, 1, 2);
        g->headline.h = h + head_pt * 0.75f;
        ui_text_wrapped(d, line, pad, g->headline.y + (g->headline.h - h) / 2.0f, room, head_pt, 1,
                        hc, 2);
    }
    if (hint && *hint && !keys_below)
        ui_text(d, hint, W - pad, g->headline.y + g->headline.h / 2.0f, ui_px(d, 15), 0,
                th->text_dim, UI_RIGHT | UI_MIDDLE);
    else if (hint && *hint)
        ui_text(d, hint, W - pad, H - pad / 2.0f, ui_px(d, 12), 0, th->text_dim,
                UI_RIGHT | UI_MIDDLE);

    /* What decided it, in a band under the headline. */
    UiDebriefVerdict verdict;
    ui_debrief_verdict(w, &verdict);
    /* A fifth line (the failures in order) in smaller type, so the band keeps its height. */
    float verdict_pt = ui_px(d, verdict.n > 4 ? 12 : 15);
    g->verdict = (SDL_FRect){0, g->headline.y + g->headline.h, W,
                             verdict_pt * 1.4f * (float)verdict.n + ui_px(d, 10)};
    draw_verdict(d, g->verdict, &verdict, verdict_pt);

    layout_body(d, g, g->verdict.y + g->verdict.h + ui_px(d, 8), W, H, worlds);
    float cw = g->circularity.w;
    /* Under the circularity chart, the same money counted by contract: the range's upper end. */
    char note[700];
    if (cw > 0 && contract_note(w, note, sizeof note)) {
        float note_pt = ui_px(d, 12.5f);
        float nh = ui_text_wrapped_height(d, note, cw, note_pt, 0, 3);
        g->circularity.h -= nh + ui_px(d, 6);
        g->contract = (SDL_FRect){g->circularity.x,
                                  g->circularity.y + g->circularity.h + ui_px(d, 6), cw, nh};
        ui_text_wrapped(d, note, g->contract.x, g->contract.y, cw, note_pt, 0, th->text_dim, 3);
    }

    double scale = ui_draw_scale(d);
    ui_draw_set_scale(d, scale * CHART_K);
    ui_chart_prices_ex(d, g->prices, w, w->turn, 0, ui_tr("chart.prices.title_plain"),
                       &g->chart[0]);
    /* The hub's default risk where the money the deals moved was: how near the end the loop came
     * says more about the game than the monthly flows, which the map and the lesson show. */
    ui_chart_risk(d, g->risk, w, w->turn, &g->chart[1]);
    if (g->exposure.w > 0)
        ui_chart_actors(d, g->exposure, w, w->turn, UI_METRIC_EXPOSURE, 1, &g->chart[2]);
    if (g->circularity.w > 0)
        ui_chart_actors(d, g->circularity, w, w->turn, UI_METRIC_CIRCULARITY, 1, &g->chart[3]);
    ui_draw_set_scale(d, scale);
    ui_clip(d, &g->screen);
    if (g->worlds.h > 0)
        ui_debrief_worlds_draw(d, g->worlds, w, worlds, g);
    draw_table(d, g->table, w, g);
    ui_clip(d, NULL);
}

void ui_debrief_draw(UiDraw *d, int width, int height, const SimWorld *w, const char *hint,
                     UiDebriefGeom *g)
{
    ui_debrief_draw_worlds(d, width, height, w, hint, NULL, g);
}

void ui_debrief_draw_worlds(UiDraw *d, int width, int height, const SimWorld *w, const char *hint,
                            const UiDebriefWorlds *worlds, UiDebriefGeom *g)
{
    if (g) {
        draw_all(d, width, height, w, hint, worlds, g);
        return;
    }
    /* The window's path: the picture changes with the record, not the frame (a draw is 20-40 ms
     * on the software renderer), so it is kept as a layer and copied. */
    UiDebriefGeom local;
    SDL_Renderer *r = ui_draw_renderer(d);
    SDL_FRect screen = {0, 0, (float)width, (float)height};
    int stale = 1;
    SDL_Texture *t =
        ui_draw_layer(d, UI_DEBRIEF_LAYER, width, height,
                      ui_layer_key(d, w, w->turn, screen) ^ 0xDEB1EFull ^
                          ((unsigned long long)core_tr_lang() << 56) ^
                          (worlds ? (unsigned long long)(worlds->done + 1) << 40 : 0ull),
                      &stale);
    if (t && stale) {
        if (SDL_SetRenderTarget(r, t) == 0) {
            draw_all(d, width, height, w, hint, worlds, &local);
            SDL_RenderFlush(r);
            SDL_SetRenderTarget(r, NULL);
        } else {
            ui_draw_layer_forget(d, UI_DEBRIEF_LAYER);
            t = NULL;
        }
    }
    if (!t) {
        draw_all(d, width, height, w, hint, worlds, &local);
        return;
    }
    ui_clip(d, NULL);
    SDL_RenderCopyF(r, t, NULL, &screen);
}

const char *ui_debrief_played_by(const SimWorld *w, int i, char *buf, size_t bufsz)
{
    return played_by(w, i, buf, bufsz);
}
