/* app_play_news: the news log in the window (see app_play_news.h). */
#include "app_play_news.h"

#include "app_news.h"
#include "core_text.h"
#include "ui_news.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The company "my company" means: the person's whose desk is open, else the first seat's. */
static int my_company(const Play *p)
{
    if (p->seat >= 0 && p->seat < p->n_seats)
        return p->seats[p->seat];
    return p->n_seats > 0 ? p->seats[0] : -1;
}

/* The people's companies, whose outcomes the log marks. */
static uint64_t people(const Play *p)
{
    uint64_t m = 0;
    for (int s = 0; s < p->n_seats; s++)
        if (p->seats[s] >= 0 && p->seats[s] < 64)
            m |= (uint64_t)1 << p->seats[s];
    return m;
}

void app_play_news_state(Play *p, UiScreenState *st)
{
    st->news = NULL;
    st->n_news = 0;
    st->news_view = p->news_view;
    st->news_mine = my_company(p) >= 0;
    if (!p->news || app_news_sync(p->news, p->w) < 0) {
        if (p->news)
            app_news_clear(p->news); /* out of memory: built again next frame */
        return;
    }
    int me = my_company(p);
    if (p->news_view.filter == UI_NEWS_MINE && me < 0)
        p->news_view.filter = st->news_view.filter = UI_NEWS_ALL;
    int n = app_news_rows(p->news, p->w, p->news_view.filter, me, people(p), &st->news);
    st->n_news = n > 0 ? n : 0;
}

void app_play_news_drawn(Play *p, const UiScreenState *st)
{
    if (!p->news_moved)
        return;
    p->news_moved = 0;
    const UiNewsGeom *g = &p->geom.news;
    char line[400], a[16], b[16], c[16], month[48] = "-";
    if (g->first < st->n_news)
        core_tr_month(p->w->sc->start + st->news[g->first].month, month, sizeof month);
    snprintf(a, sizeof a, "%d", st->n_news > 0 ? g->first + 1 : 0);
    snprintf(b, sizeof b, "%d", g->first + g->shown);
    snprintf(c, sizeof c, "%d", st->n_news);
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "news.out", a, b, c, month,
                     ui_news_filter_id(p->news_view.filter), NULL));
    const char *dump = getenv("CLOSEDLOOP_NEWS_DUMP");
    for (int i = g->first; dump && *dump && i < g->first + g->shown && i < st->n_news; i++)
        fprintf(p->out, "news| %s| %s%s\n", ui_news_kind_id(st->news[i].kind),
                st->news[i].yours ? "(yours) " : "", st->news[i].text);
    fflush(p->out);
}

/* Whether the log can be moved now (nothing over the screen). */
static int log_free(const Play *p)
{
    return !p->show_debrief && !p->show_saves && !p->show_help &&
           !(p->seat >= 0 && (p->handover || p->desk.draft.open));
}

static void next_filter(Play *p, int dir)
{
    int f = (int)p->news_view.filter;
    do
        f = (f + dir + UI_NEWS_FILTERS) % UI_NEWS_FILTERS;
    while (f == UI_NEWS_MINE && my_company(p) < 0);
    ui_news_set_filter(&p->news_view, (UiNewsFilter)f);
}

int app_play_news_key(Play *p, const SDL_KeyboardEvent *k)
{
    if (!log_free(p) || (k->keysym.mod & (KMOD_CTRL | KMOD_ALT)))
        return 0;
    const UiNewsGeom *g = &p->geom.news;
    switch (k->keysym.sym) {
    case SDLK_PAGEUP:
        ui_news_page(&p->news_view, g, -1);
        break;
    case SDLK_PAGEDOWN:
        ui_news_page(&p->news_view, g, 1);
        break;
    case SDLK_HOME:
        ui_news_home(&p->news_view);
        break;
    case SDLK_END:
        ui_news_end(&p->news_view);
        break;
    case SDLK_v: /* V, not F: F folds a card */
        next_filter(p, (k->keysym.mod & KMOD_SHIFT) ? -1 : 1);
        break;
    default:
        return 0;
    }
    p->news_moved = 1;
    return 1;
}

int app_play_news_wheel(Play *p, float dy)
{
    const UiNewsGeom *g = &p->geom.news;
    SDL_FRect b = g->box;
    if (!log_free(p) || p->mouse_x < b.x || p->mouse_y < b.y || p->mouse_x >= b.x + b.w ||
        p->mouse_y >= b.y + b.h || dy == 0)
        return 0;
    int rows = (int)(dy > 0 ? -3 * dy - 0.5f : -3 * dy + 0.5f);
    ui_news_scroll(&p->news_view, g, rows != 0 ? rows : (dy > 0 ? -1 : 1));
    p->news_moved = 1;
    return 1;
}

int app_play_news_click(Play *p, float x, float y)
{
    if (!log_free(p))
        return 0;
    UiNewsHit h = ui_news_hit(&p->geom.news, x, y);
    switch (h.kind) {
    case UI_NEWS_HIT_TOGGLE:
        ui_news_set_filter(&p->news_view, (UiNewsFilter)h.index);
        break;
    case UI_NEWS_HIT_BAR:
        ui_news_jump(&p->news_view, &p->geom.news, h.where);
        break;
    case UI_NEWS_HIT_LIST:
        return 1; /* the log takes the click: nothing under it */
    default:
        return 0;
    }
    p->news_moved = 1;
    return 1;
}
