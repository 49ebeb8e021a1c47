/* ui_news: the news log and the player's own month (see ui_news.h). */
#include "ui_news.h"

#include "core_text.h"
#include "ui_desk.h"
#include "ui_fmt.h"

#include <stdio.h>
#include <string.h>

/* The rows' type: the size the feed had, and larger (a projector reads it). */
#define ROW_SIZE  15.0
#define HEAD_SIZE 15.5
#define ROW_GAP   4.0  /* between two rows */
#define HEAD_GAP  7.0  /* above a month's header */
#define INDENT    22.0 /* a follow-up line */
#define GUTTER    14.0 /* the kind's mark, left of a row */
#define BAR_W     9.0
#define MAX_LINES 8 /* a row wraps to this many lines at most */
#define STRIP_H   28.0

static const char *const filter_ids[UI_NEWS_FILTERS] = {"all", "mine", "deals", "defaults"};
static const char *const kind_ids[UI_NEWS_KIND_COUNT] = {"header", "quiet", "story", "deal",
                                                         "market", "loss",  "lever", "note"};

UiNewsView ui_news_view_new(void)
{
    return (UiNewsView){0, 1, UI_NEWS_ALL};
}

const char *ui_news_filter_id(UiNewsFilter f)
{
    return (unsigned)f < UI_NEWS_FILTERS ? filter_ids[f] : "all";
}

/* The filter's name as its toggle says it ("All", "My company", "Deals", "Defaults"). */
static const char *ui_news_filter_name(UiNewsFilter f)
{
    char key[48];
    snprintf(key, sizeof key, "news.filter.%s", ui_news_filter_id(f));
    return ui_tr(key);
}

const char *ui_news_kind_id(UiNewsKind k)
{
    return (unsigned)k < UI_NEWS_KIND_COUNT ? kind_ids[k] : "note";
}

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* ---------------------------------------------------------------- rows */

static float row_x(UiDraw *d, const UiNewsRow *r)
{
    if (r->kind == UI_NEWS_HEADER)
        return 0;
    return ui_px(d, GUTTER) + (r->cont ? ui_px(d, INDENT) : 0);
}

static int row_bold(const UiNewsRow *r)
{
    return r->kind == UI_NEWS_HEADER || (r->yours && !r->cont);
}

static float row_size(UiDraw *d, const UiNewsRow *r)
{
    return ui_px(d, r->kind == UI_NEWS_HEADER ? HEAD_SIZE : ROW_SIZE);
}

/* The room above a row: a month's header stands apart from the month before. */
static float row_above(UiDraw *d, const UiNewsRow *r, int first)
{
    return r->kind == UI_NEWS_HEADER && !first ? ui_px(d, HEAD_GAP) : 0;
}

/* The row's height in the list, its gap below included (the room above not). */
static float row_h(UiDraw *d, const UiNewsRow *r, float width)
{
    float w = width - row_x(d, r);
    float h = ui_text_wrapped_height(d, r->text ? r->text : "", w > 1 ? w : 1, row_size(d, r),
                                     row_bold(r), MAX_LINES);
    if (h <= 0)
        h = row_size(d, r) * 1.35f;
    return h + ui_px(d, ROW_GAP);
}

static SDL_Color kind_color(const UiTheme *th, UiNewsKind k)
{
    switch (k) {
    case UI_NEWS_DEAL:
        return th->family[UI_FAM_PAYMENT];
    case UI_NEWS_LOSS:
        return th->down;
    case UI_NEWS_LEVER:
        return th->family[UI_FAM_WARRANTS];
    case UI_NEWS_STORY:
        return th->text;
    default:
        return ui_alpha(th->text_dim, 0);
    }
}

static void draw_row(UiDraw *d, const UiNewsRow *r, float x, float y, float width, float h)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = th->family[UI_FAM_REVSHARE];
    float size = row_size(d, r), rx = x + row_x(d, r);
    if (r->kind == UI_NEWS_HEADER) {
        int tw = ui_text(d, r->text, x, y, size, 1, accent, UI_LEFT);
        float ly = y + size * 0.7f, lx = x + (float)tw + ui_px(d, 10);
        if (lx < x + width)
            ui_fill_rect(d, (SDL_FRect){lx, ly, x + width - lx, ui_px(d, 1)}, th->grid);
        return;
    }
    if (r->yours) /* the player's own outcome: a bar in the desk's colour */
        ui_fill_rect(d, (SDL_FRect){x, y, ui_px(d, 4), h - ui_px(d, ROW_GAP)}, accent);
    else if (!r->cont && kind_color(th, r->kind).a > 0)
        ui_fill_circle(d, x + ui_px(d, 5), y + size * 0.62f, ui_px(d, 3), kind_color(th, r->kind));
    SDL_Color c = r->kind == UI_NEWS_QUIET || r->kind == UI_NEWS_MARKET || r->kind == UI_NEWS_NOTE
                      ? th->text_dim
                      : th->text;
    if (r->yours)
        c = ui_shade(accent, 0.45);
    ui_text_wrapped(d, r->text, rx, y, x + width - rx, size, row_bold(r), c, MAX_LINES);
}

/* ---------------------------------------------------------------- the panel */

/* The title strip: "News", a word when scrolled back, and the filter toggles on the right. */
static void draw_strip(UiDraw *d, SDL_FRect area, const UiNewsView *v, int back, int mine_ok,
                       float mx, float my, UiNewsGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    float pad = ui_px(d, 14), th_h = ui_px(d, 22), ty = area.y + ui_px(d, 4);
    float x = area.x + area.w - pad;
    for (int f = UI_NEWS_FILTERS - 1; f >= 0; f--) {
        const char *label = ui_news_filter_name((UiNewsFilter)f);
        int tw = 0;
        ui_text_size(d, label, ui_px(d, 13), 1, &tw, NULL);
        float bw = (float)tw + ui_px(d, 18);
        x -= bw;
        SDL_FRect b = {x, ty, bw, th_h};
        x -= ui_px(d, 6);
        g->toggle[f] = b;
        int on = v->filter == (UiNewsFilter)f, ok = f != UI_NEWS_MINE || mine_ok;
        SDL_Color fill = on ? th->family[UI_FAM_REVSHARE]
                            : ui_shade(th->panel, inside(b, mx, my) && ok ? 0.12 : 0.0);
        ui_fill_round_rect(d, b, ui_px(d, 5), fill);
        ui_stroke_round_rect(d, b, ui_px(d, 5), ui_px(d, 1), on ? fill : th->grid);
        ui_text(d, label, b.x + b.w / 2, b.y + b.h / 2, ui_px(d, 13), 1,
                on   ? th->bg
                : ok ? th->text
                     : ui_alpha(th->text_dim, 120),
                UI_CENTER | UI_MIDDLE);
    }
    int tw = ui_text(d, ui_tr("screen.feed.title"), area.x + pad, ty + th_h / 2, ui_px(d, 14), 1,
                     th->text_dim, UI_LEFT | UI_MIDDLE);
    if (back) {
        char fit[200];
        float room = x - (area.x + pad + (float)tw + ui_px(d, 14));
        if (room > ui_px(d, 40)) {
            ui_text_fit(d, ui_tr("news.back"), ui_px(d, 13), 0, room, fit, sizeof fit);
            ui_text(d, fit, area.x + pad + (float)tw + ui_px(d, 14), ty + th_h / 2, ui_px(d, 13), 0,
                    th->family[UI_FAM_REVSHARE], UI_LEFT | UI_MIDDLE);
        }
    }
}

/* The first row that shows the newest rows whole (the newest alone if even it does not fit). */
static int newest_top(UiDraw *d, const UiNewsRow *rows, int n, float width, float height)
{
    float acc = 0;
    for (int i = n - 1; i >= 0; i--) {
        acc += row_h(d, &rows[i], width) + row_above(d, &rows[i], i == 0);
        if (acc > height)
            return i + 1 < n ? i + 1 : n - 1;
    }
    return 0;
}

static void draw_bar(UiDraw *d, UiNewsGeom *g, float mx, float my)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_FRect b = g->bar;
    ui_fill_round_rect(d, b, b.w / 2, ui_shade(th->bg, 0.08));
    int n = g->n_rows > 0 ? g->n_rows : 1;
    float h = b.h * (float)(g->shown > 0 ? g->shown : 1) / (float)n, minh = ui_px(d, 18);
    if (h < minh)
        h = minh;
    if (h > b.h)
        h = b.h;
    float span = g->max_top > 0 ? (float)g->first / (float)g->max_top : 1.0f;
    g->thumb = (SDL_FRect){b.x, b.y + (b.h - h) * (span > 1 ? 1 : span), b.w, h};
    ui_fill_round_rect(d, g->thumb, b.w / 2,
                       inside(b, mx, my) ? ui_shade(th->axis, 0.3) : th->axis);
}

void ui_news_draw(UiDraw *d, SDL_FRect area, const UiNewsRow *rows, int n, const UiNewsView *v,
                  int mine_ok, const char *empty, float mx, float my, UiNewsGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    memset(g, 0, sizeof *g);
    g->box = area;
    ui_fill_rect(d, area, ui_shade(th->bg, -0.25));
    ui_fill_rect(d, (SDL_FRect){area.x, area.y, area.w, ui_px(d, 1)}, th->grid);
    float pad = ui_px(d, 14), strip = ui_px(d, STRIP_H);
    g->list = (SDL_FRect){area.x + pad, area.y + strip, area.w - 2 * pad - ui_px(d, BAR_W + 8),
                          area.h - strip - ui_px(d, 6)};
    g->n_rows = n;
    int first = 0;
    if (n > 0 && g->list.h > 0) {
        g->max_top = newest_top(d, rows, n, g->list.w, g->list.h);
        first = v->follow || v->top > g->max_top ? g->max_top : v->top < 0 ? 0 : v->top;
    }
    g->first = first;
    draw_strip(d, area, v, n > 0 && first < g->max_top, mine_ok, mx, my, g);
    if (n <= 0 || g->list.h <= 0) {
        if (g->list.h > 0 && empty)
            ui_text(d, empty, g->list.x, g->list.y, ui_px(d, ROW_SIZE), 0, th->text_dim, UI_LEFT);
        return;
    }
    ui_clip(d, &g->list);
    float y = g->list.y, bottom = g->list.y + g->list.h;
    /* The rows from `first` down, whole: no row cut by the top edge (the newest rows fit whole
     * by newest_top; the row before them is a scroll away). */
    for (int i = first; i < n && y < bottom && i - first < UI_NEWS_SHOWN_MAX; i++) {
        y += row_above(d, &rows[i], i == first);
        float h = row_h(d, &rows[i], g->list.w);
        draw_row(d, &rows[i], g->list.x, y, g->list.w, h);
        if (y + h - ui_px(d, ROW_GAP) <= bottom + 0.5f)
            g->shown++;
        y += h;
    }
    ui_clip(d, &area);
    if (g->max_top > 0) {
        g->bar = (SDL_FRect){area.x + area.w - pad - ui_px(d, BAR_W), g->list.y, ui_px(d, BAR_W),
                             g->list.h};
        draw_bar(d, g, mx, my);
    }
    g->mine_ok = mine_ok;
}

UiNewsHit ui_news_hit(const UiNewsGeom *g, float x, float y)
{
    UiNewsHit h = {UI_NEWS_HIT_NONE, 0, 0};
    for (int f = 0; f < UI_NEWS_FILTERS; f++)
        if (inside(g->toggle[f], x, y) && (f != UI_NEWS_MINE || g->mine_ok)) {
            h.kind = UI_NEWS_HIT_TOGGLE;
            h.index = f;
            return h;
        }
    SDL_FRect wide = {g->bar.x - g->bar.w, g->bar.y, g->bar.w * 3, g->bar.h};
    if (g->bar.w > 0 && inside(wide, x, y)) {
        h.kind = UI_NEWS_HIT_BAR;
        h.where = g->bar.h > 0 ? (y - g->bar.y) / g->bar.h : 0;
        return h;
    }
    if (inside(g->box, x, y))
        h.kind = UI_NEWS_HIT_LIST;
    return h;
}

/* ---------------------------------------------------------------- moving the view */

void ui_news_scroll(UiNewsView *v, const UiNewsGeom *g, int rows)
{
    int top = (v->follow ? g->max_top : v->top) + rows;
    if (top >= g->max_top || g->max_top <= 0) { /* at the newest, or it all fits: follow */
        ui_news_end(v);
        return;
    }
    v->top = top < 0 ? 0 : top;
    v->follow = 0;
}

void ui_news_page(UiNewsView *v, const UiNewsGeom *g, int dir)
{
    int page = g->shown > 1 ? g->shown - 1 : 1;
    ui_news_scroll(v, g, dir < 0 ? -page : page);
}

void ui_news_home(UiNewsView *v)
{
    v->top = 0;
    v->follow = 0;
}

void ui_news_end(UiNewsView *v)
{
    v->top = 0;
    v->follow = 1;
}

void ui_news_jump(UiNewsView *v, const UiNewsGeom *g, float where)
{
    where = where < 0 ? 0 : where > 1 ? 1 : where;
    int top = (int)(where * (float)g->max_top + 0.5f);
    v->top = 0;
    v->follow = 0;
    ui_news_scroll(v, g, top);
}

void ui_news_set_filter(UiNewsView *v, UiNewsFilter f)
{
    v->filter = (unsigned)f < UI_NEWS_FILTERS ? f : UI_NEWS_ALL;
    ui_news_end(v);
}

/* ---------------------------------------------------------------- the player's own month */

int ui_news_owner(const SimWorld *w, const SimEvent *e)
{
    const SimDeal *d = e->deal >= 0 && e->deal < w->n_deals ? &w->deals[e->deal] : NULL;
    int who = -1;
    switch (e->kind) {
    case SIM_LOG_ACCEPTED:
        /* A finished joint build leased to its tenant is no one's offer (sim_pay). */
        if (d && d->t.payee != SIM_WORLD && strncmp(d->tag, "lease:", 6) != 0 &&
            d->proposer != e->actor)
            who = d->proposer;
        break;
    case SIM_LOG_REJECTED:
        who = d ? d->proposer : e->other;
        break;
    case SIM_LOG_COUNTERED:
        if (e->other >= 0 && e->other < w->n_deals)
            who = w->deals[e->other].proposer;
        break;
    case SIM_LOG_EXPIRED:
    case SIM_LOG_MISSED:
    case SIM_LOG_DEFAULT:
    case SIM_LOG_DROPPED:
    case SIM_LOG_GUARANTEE:
    case SIM_LOG_WRITEDOWN:
        who = e->actor;
        break;
    default:
        break;
    }
    return who >= 0 && who < w->n ? who : -1;
}

int ui_news_yours(const SimWorld *w, int me, int turn, int *out, int max)
{
    int n = 0;
    if (me < 0 || turn < 0)
        return 0;
    /* The log is in month order: back from its end to the month's first event. */
    int k = w->n_events;
    while (k > 0 && w->events[k - 1].turn >= turn)
        k--;
    for (; k < w->n_events && w->events[k].turn == turn && n < max; k++)
        if (ui_news_owner(w, &w->events[k]) == me)
            out[n++] = k;
    return n;
}

static const char *name_of(const SimWorld *w, int i)
{
    return i >= 0 && i < w->n ? core_tr_content(w->sc->actors[i].name) : "?";
}

/* A text of the record in the reader's language (a strategy's "English\x1f中文", a data file's
 * English with its translation in the content table). */
static const char *told(const char *text, char *buf, size_t bufsz)
{
    core_text_pick(text, buf, bufsz);
    return core_tr_content(buf);
}

/* The sentence, then the other side's reason in quotes when there is one. */
static const char *with_reason(char *buf, size_t bufsz, const char *reason)
{
    char r[SIM_REASON_LEN * 2], s[1024];
    if (!reason || !*reason)
        return buf;
    told(reason, r, sizeof r);
    if (!r[0])
        return buf;
    snprintf(s, sizeof s, "%s", buf);
    return ui_trf(buf, bufsz, "news.yours.why", s, core_tr_content(r), NULL);
}

const char *ui_news_yours_text(const SimWorld *w, const SimEvent *e, char *buf, size_t bufsz)
{
    int me = ui_news_owner(w, e);
    const SimDeal *d = e->deal >= 0 && e->deal < w->n_deals ? &w->deals[e->deal] : NULL;
    char terms[512], m[48], r[SIM_REASON_LEN * 2];
    buf[0] = '\0';
    if (d)
        ui_desk_terms_text(w, me, &d->t, terms, sizeof terms);
    else
        terms[0] = '\0';
    switch (e->kind) {
    case SIM_LOG_ACCEPTED:
        ui_trf(buf, bufsz, "news.yours.accepted", name_of(w, e->actor), terms, NULL);
        return with_reason(buf, bufsz, d ? d->answer : NULL);
    case SIM_LOG_REJECTED:
        ui_trf(buf, bufsz, "news.yours.refused", name_of(w, e->actor), terms, NULL);
        return with_reason(buf, bufsz, d && d->answer[0] ? d->answer : e->text);
    case SIM_LOG_COUNTERED:
        ui_trf(buf, bufsz, "news.yours.countered", name_of(w, e->actor), terms, NULL);
        return with_reason(buf, bufsz, e->text);
    case SIM_LOG_EXPIRED:
        return ui_trf(buf, bufsz, "news.yours.lapsed", terms, NULL);
    case SIM_LOG_MISSED:
        core_tr_money(e->amount, CORE_MONEY_FULL, m, sizeof m);
        return ui_trf(buf, bufsz, "news.yours.missed", m, NULL);
    case SIM_LOG_DEFAULT:
        core_tr_money(e->amount, CORE_MONEY_FULL, m, sizeof m);
        return ui_trf(buf, bufsz, "news.yours.defaulted", m, NULL);
    case SIM_LOG_DROPPED:
        return ui_trf(buf, bufsz, "news.yours.dropped", told(e->text, r, sizeof r), NULL);
    case SIM_LOG_GUARANTEE:
        core_tr_money(e->amount, CORE_MONEY_FULL, m, sizeof m);
        return ui_trf(buf, bufsz, "news.yours.guarantee", m, name_of(w, e->other), NULL);
    case SIM_LOG_WRITEDOWN:
        core_tr_money(e->amount, CORE_MONEY_FULL, m, sizeof m);
        return ui_trf(buf, bufsz, "news.yours.writedown", m, name_of(w, e->other), NULL);
    default:
        return buf;
    }
}

float ui_news_draw_yours(UiDraw *d, const SimWorld *w, const int *events, int n, float x, float y,
                         float width, float bottom)
{
    if (n <= 0 || y + ui_px(d, 42) > bottom)
        return 0;
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color accent = th->family[UI_FAM_REVSHARE];
    char buf[1200], m[48];
    int turn = w->events[events[0]].turn;
    core_tr_month(w->sc->start + turn, m, sizeof m);
    ui_trf(buf, sizeof buf, "news.yours.title", m, NULL);
    ui_text(d, buf, x, y, ui_px(d, 13), 1, accent, UI_LEFT);
    ui_fill_rect(d, (SDL_FRect){x, y + ui_px(d, 17), width, ui_px(d, 1)}, accent);
    float at = y + ui_px(d, 23), size = ui_px(d, 14), lh = size * 1.35f;
    for (int i = 0; i < n; i++) {
        ui_news_yours_text(w, &w->events[events[i]], buf, sizeof buf);
        int lines = (int)((bottom - at) / lh);
        if (lines < 1)
            break;
        if (lines > 3)
            lines = 3;
        ui_fill_rect(d, (SDL_FRect){x, at + ui_px(d, 2), ui_px(d, 3), lh - ui_px(d, 4)}, accent);
        at += ui_text_wrapped(d, buf, x + ui_px(d, 10), at, width - ui_px(d, 10), size, 0, th->text,
                              lines) +
              ui_px(d, 4);
    }
    return at - y + ui_px(d, 6);
}
