/* ui_debrief_worlds: the debrief's histogram of the worlds like this one (see ui_debrief.h). */
#include "ui_debrief.h"

#include "core_month.h"
#include "core_name.h"
#include "core_text.h"
#include "sim_turn.h"
#include "ui_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void ui_debrief_bins(const UiDebriefWorlds *wd, int game_broke, int over, UiDebriefBins *b)
{
    memset(b, 0, sizeof *b);
    int H = wd->horizon > 0 ? wd->horizon : 1;
    static const int widths[] = {1, 2, 3, 6, 12, 24, 60, 120};
    b->width = widths[7];
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++)
        if ((H + widths[k] - 1) / widths[k] <= UI_DEBRIEF_BINS - 1) {
            b->width = widths[k];
            break;
        }
    int nb = (H + b->width - 1) / b->width;
    if (nb > UI_DEBRIEF_BINS - 1)
        nb = UI_DEBRIEF_BINS - 1;
    b->n = nb + 1;
    int per_month[1201] = {0};
    int n = wd->total < UI_DEBRIEF_WORLDS ? wd->total : UI_DEBRIEF_WORLDS;
    for (int k = 0; k < n; k++) {
        int m = wd->broke[k];
        if (m < 0)
            continue;
        if (m == 0) {
            b->count[nb]++;
            continue;
        }
        int bin = (m - 1) / b->width;
        b->count[bin < nb ? bin : nb - 1]++;
        b->broke++;
        per_month[m < 1200 ? m : 1200]++;
    }
    /* The median month of the worlds that broke: the lower middle one. */
    for (int m = 1, seen = 0; b->broke > 0 && m <= 1200; m++) {
        seen += per_month[m];
        if (2 * seen >= b->broke) {
            b->median = m;
            break;
        }
    }
    if (game_broke > 0) {
        int bin = (game_broke - 1) / b->width;
        b->yours = bin < nb ? bin : nb - 1;
    } else {
        b->yours = over ? nb : -1;
    }
}

/* The month this game's hub defaulted (1 = the first month played), 0 if it has not. */
static int game_broke(const SimWorld *w)
{
    int hub = w->sc->hub;
    return w->actors[hub].defaulted ? sim_default_turn(w, hub) + 1 : 0;
}

/* The sentence: how many of the others broke (and their median month), and this game. */
static void sentence_of(const SimWorld *w, const UiDebriefWorlds *wd, const UiDebriefBins *b,
                        char *buf, size_t n)
{
    char total[16], broke[16], part[300], mine[200], med[120] = "";
    snprintf(total, sizeof total, "%d", wd->total - wd->failed);
    snprintf(broke, sizeof broke, "%d", b->broke);
    if (b->median > 0) {
        char m[16];
        snprintf(m, sizeof m, "%d", b->median);
        ui_trf(med, sizeof med, "debrief.worlds.median", m, NULL);
    }
    ui_trf(part, sizeof part, "debrief.worlds.others", total, broke, med, NULL);
    int mb = game_broke(w), over = w->end != SIM_END_NONE || w->turn >= w->turns;
    if (mb > 0) {
        char m[16], mon[48];
        snprintf(m, sizeof m, "%d", mb);
        core_tr_month(w->sc->start + mb - 1, mon, sizeof mon);
        ui_trf(mine, sizeof mine, "debrief.worlds.yours_broke", m, mon, NULL);
    } else if (over) {
        ui_trf(mine, sizeof mine, "debrief.worlds.yours_held", NULL);
    } else {
        char m[16];
        snprintf(m, sizeof m, "%d", w->turn);
        ui_trf(mine, sizeof mine, "debrief.worlds.yours_now", m, NULL);
    }
    snprintf(buf, n, "%s%s", part, mine);
    if (wd->failed > 0) {
        char f[16], more[120];
        snprintf(f, sizeof f, "%d", wd->failed);
        ui_trf(more, sizeof more, "debrief.worlds.failed", f, NULL);
        size_t at = strlen(buf);
        snprintf(buf + at, n - at, "%s", more);
    }
}

/* The roles in bits (of people), by their short names, into buf. */
static void role_list(const SimWorld *w, uint64_t bits, char *buf, size_t n)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int i = 0; i < w->n && i < 64; i++) {
        if (!(bits >> i & 1))
            continue;
        char nm[128];
        core_name_short(core_tr_content(w->sc->actors[i].name), 2, nm, sizeof nm);
        snprintf(buf + at, n - at, "%s%s", at ? ui_tr("debrief.worlds.sep") : "", nm);
        at = strlen(buf);
    }
}

/* The line on the people's seats: replayed by their playbooks, or by baseline. */
static void people_line(const SimWorld *w, const UiDebriefWorlds *wd, char *buf, size_t n)
{
    char a[200], b[200], la[260] = "", lb[260] = "";
    uint64_t book = wd->people & ~wd->baseline;
    role_list(w, book, a, sizeof a);
    role_list(w, wd->people & wd->baseline, b, sizeof b);
    if (a[0])
        ui_trf(la, sizeof la, "debrief.worlds.people", a, NULL);
    if (b[0])
        ui_trf(lb, sizeof lb, "debrief.worlds.people_baseline", b, NULL);
    snprintf(buf, n, "%s%s%s", la, la[0] && lb[0] ? " " : "", lb);
}

/* A scale for counts: the smallest of 5, 10, 20, 25, 50, 100 ... at or above top. */
static int nice_top(int top)
{
    static const int steps[] = {5, 10, 20, 25, 50, 100};
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        if (top <= steps[k])
            return steps[k];
    return (top + 99) / 100 * 100;
}

/* One legend entry (a swatch and its words) at x; returns the x after it. */
static float legend_item(UiDraw *d, float x, float y, float pt, SDL_Color c, int outline,
                         const char *text)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_FRect sw = {x, y - pt * 0.4f, pt * 1.1f, pt * 0.8f};
    if (outline)
        ui_stroke_round_rect(d, sw, 0, ui_px(d, 2), c);
    else
        ui_fill_rect(d, sw, c);
    int tw = ui_text(d, text, x + sw.w + ui_px(d, 5), y, pt, 0, th->text_dim, UI_LEFT | UI_MIDDLE);
    return x + sw.w + ui_px(d, 5) + (float)tw + ui_px(d, 14);
}

/* The bars in plot, the y axis at its left (counts of worlds), the x labels below. */
static void draw_bars(UiDraw *d, SDL_FRect plot, const SimWorld *w, const UiDebriefBins *b,
                      float pt, UiDebriefGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    int top = 0;
    for (int k = 0; k < b->n; k++)
        top = b->count[k] > top ? b->count[k] : top;
    top = nice_top(top);
    /* The y axis: 0, half and the top, with grid lines. */
    for (int s = 0; s <= 2; s++) {
        int v = top * s / 2;
        float y = plot.y + plot.h - plot.h * (float)v / (float)top;
        ui_line(d, plot.x, y, plot.x + plot.w, y, ui_px(d, 1), th->grid);
        char t[16];
        snprintf(t, sizeof t, "%d", v);
        ui_text(d, t, plot.x - ui_px(d, 5), y, pt, 0, th->text_dim, UI_RIGHT | UI_MIDDLE);
    }
    ui_line(d, plot.x, plot.y, plot.x, plot.y + plot.h, ui_px(d, 1.5f), th->axis);
    /* Slots: the month bars, a half slot of air, the "held" bar. */
    float slot = plot.w / ((float)b->n + 0.5f), bw = slot * 0.78f;
    int label_every = 1, lw = 0;
    ui_text_size(d, "2025-09", pt, 0, &lw, NULL);
    while ((float)label_every * slot < (float)lw + ui_px(d, 6) && label_every < b->n)
        label_every++;
    for (int k = 0; k < b->n; k++) {
        int held = k == b->n - 1;
        float x = plot.x + slot * ((float)k + (held ? 0.5f : 0.0f)) + (slot - bw) / 2.0f;
        float h = plot.h * (float)b->count[k] / (float)top;
        SDL_FRect bar = {x, plot.y + plot.h - h, bw, h};
        SDL_Color c = held ? th->up : th->down;
        if (k == b->yours)
            c = ui_shade(c, 0.35);
        if (h > 0)
            ui_fill_rect(d, bar, c);
        char t[16];
        if (b->count[k] > 0) {
            snprintf(t, sizeof t, "%d", b->count[k]);
            ui_text(d, t, x + bw / 2.0f, bar.y - ui_px(d, 2), pt * 0.9f, 0, th->text,
                    UI_CENTER | UI_BOTTOM);
        }
        if (k == b->yours) {
            /* This game: an outline round its bar and an arrow down to it from its label. */
            SDL_FRect mark = {x - ui_px(d, 2), plot.y, bw + ui_px(d, 4), plot.h};
            ui_stroke_round_rect(d, mark, ui_px(d, 3), ui_px(d, 2), th->text);
            g->worlds_mark = mark;
        }
        float ly = plot.y + plot.h + ui_px(d, 3);
        if (held) {
            ui_text(d, ui_tr("debrief.worlds.held"), x + bw / 2.0f, ly, pt, 0, th->text_dim,
                    UI_CENTER);
        } else if (k % label_every == 0 && (k == 0 || k + label_every < b->n)) {
            char mon[16];
            int m = w->sc->start + k * b->width;
            core_month_format(m, mon, sizeof mon);
            ui_text(d, mon, x, ly, pt, 0, th->text_dim, UI_LEFT);
        }
    }
}

/* The legend, in a row from x to at most right (entries that do not fit are left out). */
static void legend(UiDraw *d, float x, float y, float right, float pt)
{
    const UiTheme *th = ui_draw_theme(d);
    const char *key[3] = {"debrief.worlds.legend_broke", "debrief.worlds.legend_held",
                          "debrief.worlds.legend_yours"};
    SDL_Color c[3] = {th->down, th->up, th->text};
    for (int k = 0; k < 3; k++) {
        int tw = 0;
        ui_text_size(d, ui_tr(key[k]), pt, 0, &tw, NULL);
        if (x + pt * 1.1f + ui_px(d, 5) + (float)tw > right)
            break;
        x = legend_item(d, x, y, pt, c[k], k == 2, ui_tr(key[k]));
    }
}

void ui_debrief_worlds_draw(UiDraw *d, SDL_FRect r, const SimWorld *w, const UiDebriefWorlds *wd,
                            UiDebriefGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    g->worlds = r;
    ui_fill_round_rect(d, r, ui_px(d, 10), th->panel);
    /* The title across the top; under it the words at the left (the sentence, the people's
     * seats) and the bars at the right under their legend: the band is wide and low, as a
     * histogram is. */
    float pad = ui_px(d, 12), x = r.x + pad, y = r.y + pad * 0.8f, right = r.x + r.w - pad;
    float col = fminf(r.w * 0.36f, ui_px(d, 480)), bottom = r.y + r.h - pad * 0.6f;
    float title_pt = ui_px(d, 15), pt = ui_px(d, 13), lh = pt * 1.35f;
    char n[16], t[300], fit[400];
    snprintf(n, sizeof n, "%d", wd->total);
    ui_trf(t, sizeof t, "debrief.worlds.title", n, NULL);
    ui_text_fit(d, t, title_pt, 1, r.w - 2 * pad, fit, sizeof fit);
    ui_text(d, fit, x, y, title_pt, 1, th->text, UI_LEFT);
    y += title_pt * 1.5f;
    if (wd->done < wd->total) {
        char done[16];
        snprintf(done, sizeof done, "%d", wd->done);
        ui_trf(g->worlds_text, sizeof g->worlds_text, "debrief.worlds.computing", n, done, NULL);
        ui_text(d, g->worlds_text, x, y, pt, 0, th->text_dim, UI_LEFT);
        SDL_FRect bar = {x, y + lh * 1.2f, fminf(r.w - 2 * pad, ui_px(d, 300)), ui_px(d, 8)};
        ui_fill_rect(d, bar, ui_shade(th->bg, 0.1));
        bar.w *= (float)wd->done / (float)(wd->total > 0 ? wd->total : 1);
        ui_fill_rect(d, bar, th->text_dim);
        return;
    }
    UiDebriefBins b;
    int over = w->end != SIM_END_NONE || w->turn >= w->turns;
    ui_debrief_bins(wd, game_broke(w), over, &b);
    sentence_of(w, wd, &b, g->worlds_text, sizeof g->worlds_text);
    people_line(w, wd, g->worlds_people, sizeof g->worlds_people);
    float people_h =
        g->worlds_people[0] ? ui_text_wrapped_height(d, g->worlds_people, col, pt, 0, 3) : 0.0f;
    int lines = (int)((bottom - y - people_h - ui_px(d, 4)) / lh);
    lines = lines < 1 ? 1 : lines > 6 ? 6 : lines;
    ui_text_wrapped(d, g->worlds_text, x, y, col, pt, 0, th->text, lines);
    if (people_h > 0)
        ui_text_wrapped(d, g->worlds_people, x, bottom - people_h, col, pt, 0, th->text_dim, 3);
    /* The plot: the y axis's caption ("worlds") and the legend above it, its figures at its
     * left, the x labels under it. */
    int cw = 0, capw = 0;
    ui_text_size(d, "100", pt, 0, &cw, NULL);
    ui_text_size(d, ui_tr("debrief.worlds.axis_y"), pt * 0.9f, 0, &capw, NULL);
    float px = x + col + ui_px(d, 24), axis_w = (float)cw + ui_px(d, 10);
    ui_text(d, ui_tr("debrief.worlds.axis_y"), px, y, pt * 0.9f, 0, th->text_dim, UI_LEFT);
    legend(d, px + fmaxf((float)capw, axis_w) + ui_px(d, 24), y + pt * 0.5f, right, pt * 0.95f);
    SDL_FRect plot = {px + axis_w, y + lh * 1.5f, right - px - axis_w, 0};
    plot.h = bottom - lh * 1.2f - plot.y;
    if (plot.h < ui_px(d, 12) || plot.w < ui_px(d, 60))
        return;
    draw_bars(d, plot, w, &b, pt, g);
}

const char *ui_debrief_worlds_sentence(const SimWorld *w, const UiDebriefWorlds *wd, char *buf,
                                       size_t n)
{
    UiDebriefBins b;
    ui_debrief_bins(wd, game_broke(w), w->end != SIM_END_NONE || w->turn >= w->turns, &b);
    sentence_of(w, wd, &b, buf, n);
    return buf;
}
