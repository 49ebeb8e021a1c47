/* app_handout_doc: what the handout's pages say (see app_handout.h): the cover, the story cards,
 * the debrief's questions and the lesson in numbers, set down with ui_pdf. */
#include "app_handout.h"

#include "app_class.h"
#include "core_month.h"
#include "core_text.h"
#include "sim_turn.h"
#include "ui_debrief.h"
#include "ui_fmt.h"
#include "ui_takeaway.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY  10.5 /* points */
#define SMALL 8.5
#define RULED 20.0 /* between the lines to write on: 7 mm, college ruled */

static const UiPdfColor INK = {0.08, 0.08, 0.1}, DIM = {0.38, 0.38, 0.42},
                        ACCENT = {0.0, 0.36, 0.62}, LIGHT = {0.75, 0.77, 0.8};
/* Okabe and Ito's colour-blind-safe colours, darkened where paper needs it (no yellow). */
static const UiPdfColor PALETTE[] = {
    {0.0, 0.447, 0.698}, {0.85, 0.55, 0.0},     {0.0, 0.62, 0.451}, {0.835, 0.369, 0.0},
    {0.8, 0.475, 0.655}, {0.337, 0.706, 0.914}, {0.1, 0.1, 0.1},    {0.55, 0.45, 0.25}};
#define N_PALETTE (int)(sizeof PALETTE / sizeof *PALETTE)

static UiPdfStyle style(double size, int bold, UiPdfColor c, double indent)
{
    UiPdfStyle s = {size, bold, c, indent, 0};
    return s;
}

static void para(UiPdf *p, const char *text, double size, int bold, UiPdfColor c, double indent)
{
    UiPdfStyle s = style(size, bold, c, indent);
    ui_pdf_text(p, text, &s);
}

/* A section's title: on a new page, large, ruled under. */
static void section(UiPdf *p, const char *title)
{
    ui_pdf_page(p);
    para(p, title, 20, 1, INK, 0);
    ui_pdf_space(p, 2, 0);
    ui_pdf_rule(p, ACCENT, 1.5);
    ui_pdf_space(p, 12, 0);
}

/* A small heading in capitals, kept with `keep` points of what follows it. */
static void kicker(UiPdf *p, const char *text, UiPdfColor c, double keep)
{
    ui_pdf_space(p, 0, SMALL * 2 + keep);
    para(p, text, SMALL, 1, c, 0);
    ui_pdf_space(p, 2, 0);
}

/* Keeps the next `rows` rows of a table (and its head, and the `extra` points over it) on one
 * page when they fit on a page at all. */
static void keep_table(UiPdf *p, int rows, double extra)
{
    ui_pdf_space(p, 0, extra + (rows < 14 ? rows + 1 : 15) * 17.0);
}

static const char *name_of(const SimWorld *w, int i)
{
    return core_tr_content(w->sc->actors[i].name);
}

/* ---------------------------------------------------------------------------------------------
 * The cover */

static void players(UiPdf *p, const SimWorld *w)
{
    static const double cols[] = {0.24, 0.26, 0.16, 0.17, 0.17};
    static const int right[] = {0, 0, 0, 1, 1};
    const char *head[] = {core_tr("handout.players.company"), core_tr("handout.players.leader"),
                          core_tr("handout.players.role"), core_tr("handout.players.revenue"),
                          core_tr("handout.players.value")};
    keep_table(p, w->n, 20);
    kicker(p, core_tr("handout.players.title"), ACCENT, 60);
    UiPdfStyle hs = style(SMALL, 1, DIM, 0), bs = style(9.5, 0, INK, 0);
    ui_pdf_row(p, head, cols, right, 5, &hs, 0);
    static const char *const role_key[] = {"handout.role.hub", "handout.role.giant",
                                           "handout.role.outside"};
    for (int i = 0; i < w->n; i++) {
        const SimActorSpec *a = &w->sc->actors[i];
        char rev[48], val[48];
        core_tr_money(a->revenue, CORE_MONEY_SHORT, rev, sizeof rev);
        core_tr_money(sim_snap(w, 0, i)->market_value, CORE_MONEY_SHORT, val, sizeof val);
        const char *cells[] = {name_of(w, i), core_tr_content(a->leader),
                               core_tr(role_key[a->role <= SIM_ROLE_OUTSIDE ? a->role : 2]), rev,
                               val};
        bs.bold = i == w->sc->hub;
        ui_pdf_row(p, cells, cols, right, 5, &bs, i % 2 == 0);
    }
}

/* Whether event e has its card in the handout: every event with a note before a game; after
 * one (played), those the game had (app_class_had), as story mode showed them. */
static int shown_card(const SimWorld *w, const DatLessons *notes, int e, int played)
{
    return (!notes || dat_lesson_for(notes, e)) && (!played || app_class_had(w, e));
}

/* An event whose month the game played but which did not happen in it (no card after a game). */
static int missed_card(const SimWorld *w, const DatLessons *notes, int e, int played)
{
    return played && (!notes || dat_lesson_for(notes, e)) && w->turn >= 1 &&
           w->sc->events[e].month <= w->sc->start + w->turn - 1 && !app_class_had(w, e);
}

static void cover(UiPdf *p, const SimWorld *w, const DatLessons *notes, int played)
{
    const SimScenario *sc = w->sc;
    char buf[2048], a[64], b[64], n[16];
    para(p, core_tr("handout.kicker"), SMALL + 1, 1, ACCENT, 0);
    ui_pdf_space(p, 4, 0);
    para(p, core_tr_content(sc->title), 26, 1, INK, 0);
    ui_pdf_space(p, 6, 0);
    para(p, core_tr_content(sc->description), 12, 0, INK, 0);
    ui_pdf_space(p, 6, 0);
    snprintf(n, sizeof n, "%d", sc->n_actors);
    core_trf(buf, sizeof buf, "handout.cover.span", core_tr_month(sc->start, a, sizeof a),
             core_tr_month(sc->end, b, sizeof b), n, name_of(w, sc->hub), NULL);
    para(p, buf, BODY, 0, DIM, 0);
    ui_pdf_space(p, 14, 0);
    kicker(p, core_tr("handout.cover.question"), ACCENT, 40);
    if (sc->lesson[0])
        snprintf(buf, sizeof buf, "%s", core_tr_content(sc->lesson));
    else
        core_trf(buf, sizeof buf, "handout.cover.question_default", name_of(w, sc->hub), NULL);
    para(p, buf, 12, 1, INK, 0);
    ui_pdf_space(p, 16, 0);
    players(p, w);
    ui_pdf_space(p, 12, 0);
    int cards = 0, missed = 0;
    for (int e = 0; notes && e < sc->n_events; e++) {
        cards += shown_card(w, notes, e, played);
        missed += missed_card(w, notes, e, played);
    }
    char m[16];
    snprintf(n, sizeof n, "%d", cards);
    snprintf(m, sizeof m, "%d", missed);
    core_trf(buf, sizeof buf,
             !notes   ? "handout.cover.inside_none"
             : played ? "handout.cover.inside_played"
                      : "handout.cover.inside",
             n, m, NULL);
    para(p, buf, BODY, 0, DIM, 0);
}

/* ---------------------------------------------------------------------------------------------
 * The cards */

static void card(UiPdf *p, const char *head, const char *title, const char *text,
                 const char *question)
{
    UiPdfStyle ts = style(14, 1, INK, 0), bs = style(BODY, 0, INK, 0), qs = style(11.5, 1, INK, 12);
    int ask = question && *question;
    /* A card whole on one page (when it fits on a page at all): the class reads it, then writes
     * under its question. */
    double h =
        8 + SMALL * 1.4 + 3 + ui_pdf_text_height(p, title, &ts, 0) + 3 +
        ui_pdf_text_height(p, text, &bs, 0) +
        (ask ? 8 + SMALL * 1.4 + 2 + ui_pdf_text_height(p, question, &qs, 0) + 4 * RULED : 0);
    ui_pdf_space(p, 0, h);
    ui_pdf_rule(p, LIGHT, 0.6);
    ui_pdf_space(p, 8, 0);
    para(p, head, SMALL, 1, ACCENT, 0);
    ui_pdf_space(p, 3, 0);
    ui_pdf_text(p, title, &ts);
    ui_pdf_space(p, 3, 0);
    ui_pdf_text(p, text, &bs);
    if (ask) {
        ui_pdf_space(p, 8, 0);
        para(p, core_tr("handout.cards.discuss"), SMALL, 1, DIM, 12);
        ui_pdf_space(p, 2, 0);
        ui_pdf_text(p, question, &qs);
        ui_pdf_lines(p, 4, RULED, 12);
    }
    ui_pdf_space(p, 12, 0);
}

/* After a game, the cards left out because their events did not happen in it, in one line: the
 * teacher can still ask what the record had that this game did not. */
static void missed_cards(UiPdf *p, const SimWorld *w, const DatLessons *notes)
{
    char list[3072] = "", item[512], when[64], buf[3584];
    size_t used = 0;
    for (int e = 0; e < w->sc->n_events; e++) {
        if (!missed_card(w, notes, e, 1))
            continue;
        const SimScenarioEvent *ev = &w->sc->events[e];
        core_trf(item, sizeof item, "handout.cards.not_happened_item", core_tr_content(ev->title),
                 core_tr_month(ev->month, when, sizeof when), NULL);
        int k = snprintf(list + used, sizeof list - used, "%s%s", used ? "; " : "", item);
        if (k < 0 || (size_t)k >= sizeof list - used)
            break;
        used += (size_t)k;
    }
    if (!used)
        return;
    core_trf(buf, sizeof buf, "handout.cards.not_happened", list, NULL);
    para(p, buf, BODY, 0, DIM, 0);
}

static void cards(UiPdf *p, const SimWorld *w, const DatLessons *notes, int played)
{
    const SimScenario *sc = w->sc;
    section(p, core_tr("handout.cards.title"));
    int total = 0, k = 0;
    for (int e = 0; e < sc->n_events; e++)
        total += shown_card(w, notes, e, played);
    para(p,
         core_tr(!notes   ? "handout.cards.intro_none"
                 : played ? "handout.cards.intro_played"
                          : "handout.cards.intro"),
         BODY, 0, DIM, 0);
    ui_pdf_space(p, 12, 0);
    char head[256], when[64], a[16], b[16];
    snprintf(b, sizeof b, "%d", total);
    for (int e = 0; e < sc->n_events; e++) {
        const SimScenarioEvent *ev = &sc->events[e];
        const DatLesson *l = notes ? dat_lesson_for(notes, e) : NULL;
        if (!shown_card(w, notes, e, played))
            continue;
        snprintf(a, sizeof a, "%d", ++k);
        core_trf(head, sizeof head, "handout.cards.head", a, b,
                 core_tr_month(ev->month, when, sizeof when), NULL);
        card(p, head, core_tr_content(ev->title), core_tr_content(l ? l->explain : ev->text),
             l ? core_tr_content(l->question) : NULL);
    }
    if (total == 0)
        para(p, core_tr(played ? "handout.cards.played_none" : "handout.cards.none"), BODY, 0, DIM,
             0);
    if (played)
        missed_cards(p, w, notes);
}

static void debrief_questions(UiPdf *p, const DatLessons *notes)
{
    if (!notes || notes->n_debrief == 0)
        return;
    section(p, core_tr("handout.debrief.title"));
    para(p, core_tr("handout.debrief.intro"), BODY, 0, DIM, 0);
    ui_pdf_space(p, 12, 0);
    char q[1024], n[16];
    for (int k = 0; k < notes->n_debrief; k++) {
        snprintf(n, sizeof n, "%d", k + 1);
        core_trf(q, sizeof q, "takeaway.question", n, core_tr_content(notes->debrief[k]), NULL);
        UiPdfStyle qs = style(12, 1, INK, 0);
        ui_pdf_space(p, 0, ui_pdf_text_height(p, q, &qs, 0) + 6 * RULED + 4);
        ui_pdf_text(p, q, &qs);
        ui_pdf_lines(p, 6, RULED, 0);
        ui_pdf_space(p, 14, 0);
    }
}

/* ---------------------------------------------------------------------------------------------
 * The lesson in numbers */

/* One of the four figures: its head, the figure large, the sentence under it. */
static void figure(UiPdf *p, const char *head, const char *fig, const char *sentence)
{
    kicker(p, head, ACCENT, 60);
    if (fig) {
        para(p, fig, 22, 1, INK, 0);
        ui_pdf_space(p, 2, 0);
    }
    para(p, sentence, BODY, 0, INK, 0);
    ui_pdf_space(p, 12, 0);
}

static void how_it_ended(UiPdf *p, const SimWorld *w)
{
    char buf[1024], n[32];
    snprintf(n, sizeof n, "%d", w->turn);
    core_trf(buf, sizeof buf, "takeaway.subtitle", core_tr_content(w->sc->title), n, NULL);
    para(p, buf, BODY, 0, DIM, 0);
    ui_pdf_space(p, 6, 0);
    para(p, ui_debrief_headline(w, buf, sizeof buf), 14, 1, INK, 0);
    ui_pdf_space(p, 6, 0);
    static UiDebriefVerdict v;
    ui_debrief_verdict(w, &v);
    for (int k = 0; k < v.n; k++) {
        char line[UI_DEBRIEF_VERDICT_LEN + 80];
        core_trf(line, sizeof line, "handout.lesson.verdict", v.label[k], v.text[k], NULL);
        para(p, line, BODY, 0, INK, 0);
        ui_pdf_space(p, 3, 0);
    }
    /* Who played what: the strategies' names, as the debrief's table says them. */
    size_t len = 0;
    char list[2048] = "";
    for (int i = 0; i < w->n && len < sizeof list; i++) {
        char who[96], seat[256];
        core_trf(seat, sizeof seat, "handout.lesson.seat", name_of(w, i),
                 ui_debrief_played_by(w, i, who, sizeof who), NULL);
        int m = snprintf(list + len, sizeof list - len, "%s%s", i ? core_tr("run.sep") : "", seat);
        len += m > 0 ? (size_t)m : 0;
    }
    snprintf(n, sizeof n, "%llu", (unsigned long long)w->seed);
    core_trf(buf, sizeof buf, "handout.lesson.game", n, list, NULL);
    para(p, buf, SMALL, 0, DIM, 0);
    ui_pdf_space(p, 10, 0);
}

static void top_figures(UiPdf *p, const SimWorld *w, const UiTakeaway *t)
{
    const char *hub = name_of(w, w->sc->hub);
    char a[48], b[48], c[48], m[64], p1[32], fig[64], sent[1024];
    ui_fmt_money(t->announced, fig, sizeof fig);
    if (t->partners_gain > 0) {
        snprintf(p1, sizeof p1, "%.0f", 100.0 * t->announced / t->partners_gain);
        core_trf(sent, sizeof sent, "takeaway.announced.gain",
                 ui_fmt_money(t->partners_gain, a, sizeof a), p1, NULL);
    } else {
        core_trf(sent, sizeof sent, "takeaway.announced.loss",
                 ui_fmt_money(-t->partners_gain, a, sizeof a), NULL);
    }
    figure(p, core_tr("takeaway.head.announced"), fig, sent);
    snprintf(p1, sizeof p1, "%.1f", t->leverage_peak);
    core_trf(fig, sizeof fig, "takeaway.years", p1, NULL);
    core_tr_month(w->sc->start + t->leverage_peak_turn - 1, m, sizeof m);
    snprintf(p1, sizeof p1, "%.1f", t->leverage_now);
    core_trf(sent, sizeof sent, "takeaway.obligations", hub, m, p1,
             ui_fmt_money(t->owed_all, b, sizeof b), ui_fmt_money(t->revenue, c, sizeof c), NULL);
    figure(p, core_tr("takeaway.head.obligations"), fig, sent);
}

static void pct(double f, char *buf, size_t n)
{
    snprintf(buf, n, "%.0f%%", 100 * f);
}

static void circularity(UiPdf *p, const SimWorld *w, const UiTakeaway *t)
{
    static const double cols[] = {0.4, 0.2, 0.2, 0.2};
    static const int right[] = {0, 1, 1, 1};
    char sent[1024];
    int shown = 0;
    for (int k = 0; k < t->n; k++)
        shown += t->circ_peak[k] >= 0.005 || t->circ_contract[k] >= 0.005;
    /* The window's sentence speaks of its bars; the page has a table. */
    if (t->n_contract > 0)
        core_trf(sent, sizeof sent, "handout.lesson.circular_range", name_of(w, w->sc->hub), NULL);
    else
        snprintf(sent, sizeof sent, "%s",
                 core_tr(shown ? "handout.lesson.circular" : "takeaway.circular.none"));
    keep_table(p, shown, 80);
    figure(p, core_tr("takeaway.head.circular"), NULL, sent);
    if (!shown)
        return;
    const char *head[] = {core_tr("handout.players.company"), core_tr("handout.lesson.now"),
                          core_tr("handout.lesson.peak"), core_tr("handout.lesson.contract")};
    UiPdfStyle hs = style(SMALL, 1, DIM, 0), bs = style(9.5, 0, INK, 0);
    ui_pdf_row(p, head, cols, right, 4, &hs, 0);
    for (int k = 0, r = 0; k < t->n; k++) {
        if (t->circ_peak[k] < 0.005 && t->circ_contract[k] < 0.005)
            continue;
        char now[16], peak[16], con[16] = "";
        pct(t->circ_now[k], now, sizeof now);
        pct(t->circ_peak[k], peak, sizeof peak);
        if (t->circ_contract[k] >= 0.005)
            pct(t->circ_contract[k], con, sizeof con);
        const char *cells[] = {name_of(w, t->actor[k]), now, peak, con};
        ui_pdf_row(p, cells, cols, right, 4, &bs, r++ % 2 == 0);
    }
    ui_pdf_space(p, 12, 0);
}

static void exposure(UiPdf *p, const SimWorld *w, const UiTakeaway *t)
{
    static const double cols[] = {0.4, 0.3, 0.3};
    static const int right[] = {0, 1, 1};
    const double *ex = t->hub_failed ? t->lost : t->exposure;
    const double *share = t->hub_failed ? t->lost_share : t->exposure_share;
    int ne = 0;
    while (ne < t->n && ex[ne] > 0.0005)
        ne++;
    char sent[1024];
    core_trf(sent, sizeof sent,
             t->hub_failed ? "takeaway.exposure.lost"
             : ne > 0      ? "takeaway.exposure.some"
                           : "takeaway.exposure.none",
             name_of(w, w->sc->hub), NULL);
    keep_table(p, ne, 60);
    figure(p, core_tr(t->hub_failed ? "takeaway.head.hub_failed" : "takeaway.head.hub_fails"), NULL,
           sent);
    if (ne == 0)
        return;
    const char *head[] = {core_tr("handout.players.company"),
                          core_tr(t->hub_failed ? "handout.lesson.lost" : "handout.lesson.would"),
                          core_tr("handout.lesson.share")};
    UiPdfStyle hs = style(SMALL, 1, DIM, 0), bs = style(9.5, 0, INK, 0);
    ui_pdf_row(p, head, cols, right, 3, &hs, 0);
    for (int k = 0; k < ne; k++) {
        char money[48], sh[16];
        ui_fmt_money(ex[k], money, sizeof money);
        pct(share[k], sh, sizeof sh);
        const char *cells[] = {name_of(w, t->actor[k]), money, sh};
        ui_pdf_row(p, cells, cols, right, 3, &bs, k % 2 == 0);
    }
    ui_pdf_space(p, 12, 0);
}

/* The x axis of a chart of turns 0..T: the year at each January (the first month's year and
 * month when there is none). labels[k] point into store (16 bytes each). */
static void month_labels(const SimWorld *w, int n, const char **labels, char (*store)[16])
{
    int any = 0;
    for (int k = 0; k < n; k++) {
        int m = w->sc->start + k;
        labels[k] = NULL;
        if (m % 12 == 0) {
            snprintf(store[k], sizeof store[k], "%d", m / 12);
            labels[k] = store[k];
            any = 1;
        }
    }
    if (!any && n > 0) {
        snprintf(store[0], sizeof store[0], "%04d-%02d", (w->sc->start / 12) % 10000,
                 w->sc->start % 12 + 1);
        labels[0] = store[0];
    }
}

static void charts(UiPdf *p, const SimWorld *w)
{
    int n = w->turn + 1, na = w->n < 32 ? w->n : 32;
    double *v = malloc(sizeof(double) * (size_t)n * (size_t)(na + 1));
    const char **labels = malloc(sizeof *labels * (size_t)n);
    char(*store)[16] = malloc(16 * (size_t)n);
    if (!v || !labels || !store)
        goto done;
    month_labels(w, n, labels, store);
    UiPdfSeries s[33];
    for (int i = 0; i < na; i++) {
        double v0 = sim_snap(w, 0, i)->market_value;
        for (int k = 0; k < n; k++)
            v[(size_t)i * (size_t)n + (size_t)k] =
                v0 > 0 ? 100.0 * sim_snap(w, k, i)->market_value / v0 : NAN;
        s[i] = (UiPdfSeries){name_of(w, i), v + (size_t)i * (size_t)n, PALETTE[i % N_PALETTE],
                             i == w->sc->hub ? 2.4 : 1.2};
    }
    UiPdfChart c = {core_tr("handout.chart.value"),
                    core_tr("handout.chart.value_note"),
                    s,
                    na,
                    n,
                    labels,
                    1,
                    100.0,
                    core_tr("handout.chart.start"),
                    150};
    ui_pdf_chart(p, &c);
    ui_pdf_space(p, 6, 0);
    double *lev = v + (size_t)na * (size_t)n;
    for (int k = 0; k < n; k++)
        lev[k] = w->info[k].leverage;
    char title[256];
    core_trf(title, sizeof title, "handout.chart.leverage", name_of(w, w->sc->hub), NULL);
    UiPdfSeries ls = {name_of(w, w->sc->hub), lev, PALETTE[0], 2.0};
    UiPdfChart c2 = {title, core_tr("handout.chart.leverage_note"), &ls, 1, n, labels, 1,
                     1.0,   core_tr("handout.chart.one_year"),      110};
    ui_pdf_chart(p, &c2);
done:
    free(v);
    free(labels);
    free(store);
}

static void scores(UiPdf *p, const SimWorld *w)
{
    static const double cols[] = {0.26, 0.4, 0.2, 0.14};
    static const int right[] = {0, 0, 1, 1};
    int order[64], n = w->n < 64 ? w->n : 64;
    double sc[64];
    for (int i = 0; i < n; i++) {
        sc[i] = sim_score(w, i);
        int b = i;
        while (b > 0 && sc[order[b - 1]] < sc[i]) {
            order[b] = order[b - 1];
            b--;
        }
        order[b] = i;
    }
    keep_table(p, n, 20);
    int over = sim_game_over(w);
    kicker(p, core_tr(over ? "handout.scores.title" : "handout.scores.title_now"), ACCENT, 60);
    const char *head[] = {core_tr("handout.players.company"), core_tr("handout.scores.played"),
                          core_tr("handout.scores.value"), core_tr("handout.scores.score")};
    UiPdfStyle hs = style(SMALL, 1, DIM, 0), bs = style(9.5, 0, INK, 0);
    ui_pdf_row(p, head, cols, right, 4, &hs, 0);
    for (int k = 0; k < n; k++) {
        int i = order[k];
        char chg[32], s[32];
        double v0 = sim_snap(w, 0, i)->market_value, v1 = sim_snap(w, w->turn, i)->market_value;
        ui_fmt_pct(v0 > 0 ? v1 / v0 - 1 : 0, chg, sizeof chg);
        snprintf(s, sizeof s, "%.2f", sc[i]);
        char who[96];
        const char *cells[] = {name_of(w, i), ui_debrief_played_by(w, i, who, sizeof who), chg, s};
        ui_pdf_row(p, cells, cols, right, 4, &bs, k % 2 == 0);
    }
}

static void lesson(UiPdf *p, const SimWorld *w)
{
    section(p, core_tr("takeaway.title"));
    how_it_ended(p, w);
    static UiTakeaway t;
    ui_takeaway_compute(w, &t);
    top_figures(p, w, &t);
    circularity(p, w, &t);
    exposure(p, w, &t);
    ui_pdf_space(p, 4, 0);
    charts(p, w);
    ui_pdf_space(p, 8, 0);
    scores(p, w);
}

void app_handout_write(UiPdf *p, const SimWorld *w, const DatLessons *notes, int played)
{
    cover(p, w, notes, played);
    cards(p, w, notes, played);
    debrief_questions(p, notes);
    if (played)
        lesson(p, w);
}
