/* app_news: the news log's data (see app_news.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "app_news.h"

#include "app_story.h"
#include "core_text.h"
#include "sim_cascade.h"
#include "ui_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct AppNews {
    AppNewsEntry *e, *notes;
    int n, cap, n_notes, cap_notes;
    UiNewsRow *rows;
    int n_rows, cap_rows;
    char (*heads)[48]; /* the months' headers, by month */
    int cap_heads;
    const SimWorld *w; /* the world the entries were built from */
    int built;         /* its events told so far */
    int months;        /* months whose money line is in */
    CoreLang lang;
    /* The rows of the last app_news_rows and what they were made from: a frame that changes
     * nothing gets them again without a walk through the log. */
    unsigned long version, rows_version; /* version: counts the changes to entries and notes */
    const SimWorld *rows_w;
    int rows_turn, rows_me, rows_filter;
    uint64_t rows_yours;
};

AppNews *app_news_new(void)
{
    return calloc(1, sizeof(AppNews));
}

/* The rows made before are stale. */
static void changed(AppNews *n)
{
    n->version++;
}

static void free_entries(AppNewsEntry *e, int n)
{
    for (int i = 0; i < n; i++)
        free(e[i].text);
}

void app_news_clear(AppNews *n)
{
    if (!n)
        return;
    free_entries(n->e, n->n);
    free_entries(n->notes, n->n_notes);
    n->n = n->n_notes = n->n_rows = 0;
    n->w = NULL;
    n->built = n->months = 0;
    changed(n);
}

void app_news_free(AppNews *n)
{
    if (!n)
        return;
    app_news_clear(n);
    free(n->e);
    free(n->notes);
    free(n->rows);
    free(n->heads);
    free(n);
}

int app_news_count(const AppNews *n)
{
    return n ? n->n : 0;
}

const AppNewsEntry *app_news_entry(const AppNews *n, int i)
{
    return n && i >= 0 && i < n->n ? &n->e[i] : NULL;
}

/* ---------------------------------------------------------------- entries */

static int grow(void **p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return 0;
    int c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int push(AppNewsEntry **list, int *n, int *cap, const AppNewsEntry *proto, const char *text,
                size_t len)
{
    if (grow((void **)list, cap, *n + 1, sizeof **list) < 0)
        return -1;
    char *s = malloc(len + 1);
    if (!s)
        return -1;
    memcpy(s, text, len);
    s[len] = '\0';
    (*list)[*n] = *proto;
    (*list)[*n].text = s;
    (*n)++;
    return 0;
}

int app_news_note(AppNews *n, int month, const char *text)
{
    AppNewsEntry proto = {month < 0 ? 0 : month, UI_NEWS_NOTE, 0, -1, 0, -1, NULL};
    changed(n);
    return push(&n->notes, &n->n_notes, &n->cap_notes, &proto, text, strlen(text));
}

static uint64_t bit(const SimWorld *w, int i)
{
    return i >= 0 && i < w->n && i < 64 ? (uint64_t)1 << i : 0;
}

/* The actors event e involves: its actor, the other side, the deal's parties. */
static uint64_t involved(const SimWorld *w, const SimEvent *e)
{
    uint64_t m = bit(w, e->actor);
    if (e->kind == SIM_LOG_COUNTERED) {
        if (e->other >= 0 && e->other < w->n_deals)
            m |= bit(w, w->deals[e->other].proposer);
    } else if (e->kind != SIM_LOG_LEVER) {
        m |= bit(w, e->other);
    }
    if (e->deal >= 0 && e->deal < w->n_deals) {
        const SimDeal *d = &w->deals[e->deal];
        m |= bit(w, d->proposer) | bit(w, d->t.payer) | bit(w, d->t.payee);
    }
    return m;
}

static UiNewsKind kind_of(const SimEvent *e)
{
    switch (e->kind) {
    case SIM_LOG_NEWS:
    case SIM_LOG_TARGET:
        return UI_NEWS_STORY;
    case SIM_LOG_PROPOSED:
    case SIM_LOG_COUNTERED:
    case SIM_LOG_ACCEPTED:
    case SIM_LOG_REJECTED:
    case SIM_LOG_EXPIRED:
    case SIM_LOG_RELEASED:
    case SIM_LOG_EXITED:
        return UI_NEWS_DEAL;
    case SIM_LOG_SOLD:
        return strcmp(e->text, SIM_CASCADE_FORCED_SALE) == 0 ? UI_NEWS_LOSS : UI_NEWS_MARKET;
    case SIM_LOG_MISSED:
    case SIM_LOG_DEFAULT:
    case SIM_LOG_GUARANTEE:
    case SIM_LOG_WRITEDOWN:
    case SIM_LOG_RESCUE:
        return UI_NEWS_LOSS;
    case SIM_LOG_LEVER:
        return UI_NEWS_LEVER;
    case SIM_LOG_REACTION:
        return UI_NEWS_MARKET;
    default:
        return UI_NEWS_NOTE;
    }
}

/* The lines of a telling as entries: "    " sets a line in (a follow-up), the story's marks
 * ("  - ", "  ! ", "  * ", "  ~ ", "  ? ", "  = ") go. Only the lines starting with `only` when
 * it is not NULL. */
static int push_lines(AppNews *n, const AppNewsEntry *proto, const char *buf, const char *only)
{
    for (const char *s = buf; s && *s;) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        AppNewsEntry p = *proto;
        const char *t = s;
        size_t tl = len;
        int keep = !only || (len >= strlen(only) && strncmp(s, only, strlen(only)) == 0);
        if (tl >= 4 && strncmp(t, "    ", 4) == 0) {
            p.cont = 1;
            t += 4, tl -= 4;
        } else if (tl >= 4 && t[0] == ' ' && t[1] == ' ' && t[3] == ' ' && strchr("-!*~?=", t[2])) {
            t += 4, tl -= 4;
        }
        while (tl > 0 && *t == ' ')
            t++, tl--;
        if (keep && tl > 0 && push(&n->e, &n->n, &n->cap, &p, t, tl) < 0)
            return -1;
        s += len + (end ? 1 : 0);
    }
    return 0;
}

/* The index after the last event of event k's month. */
static int month_end(const SimWorld *w, int k)
{
    int t = w->events[k].turn, e = k;
    while (e < w->n_events && w->events[e].turn == t)
        e++;
    return e;
}

/* Tells event k (a run of rivals' moves at once) as entries; returns the index after it. */
static int add_event(AppNews *n, const SimWorld *w, int k, int *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        *err = 1;
        return k + 1;
    }
    int next = app_story_event(mem, w, k, month_end(w, k));
    fclose(mem);
    const SimEvent *e = &w->events[k];
    AppNewsEntry proto = {e->turn, kind_of(e), 0, ui_news_owner(w, e), 0, k, NULL};
    for (int j = k; j < next; j++)
        proto.actors |= involved(w, &w->events[j]);
    if (push_lines(n, &proto, buf, NULL) < 0)
        *err = 1;
    free(buf);
    return next > k ? next : k + 1;
}

/* Month m's money line ("$40B moved between the players..."), told after its events. */
static void add_money(AppNews *n, const SimWorld *w, int m, int *err)
{
    int first = w->n_events, end = w->n_events;
    while (first > 0 && w->events[first - 1].turn >= m)
        first--;
    while (end > first && w->events[end - 1].turn > m)
        end--;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        *err = 1;
        return;
    }
    app_story_turn(mem, w, m, first, end);
    fclose(mem);
    AppNewsEntry proto = {m, UI_NEWS_MARKET, 0, -1, bit(w, w->sc->hub), -1, NULL};
    if (push_lines(n, &proto, buf, "  = ") < 0)
        *err = 1;
    free(buf);
}

int app_news_sync(AppNews *n, const SimWorld *w)
{
    if (n->w != w || w->n_events < n->built || w->turn < n->months || n->lang != core_tr_lang()) {
        free_entries(n->e, n->n);
        n->n = 0;
        n->built = n->months = 0;
        n->w = w;
        n->lang = core_tr_lang();
        changed(n);
    }
    if (n->built < w->n_events || n->months < w->turn)
        changed(n);
    int err = 0, k = n->built;
    while (k < w->n_events) {
        const SimEvent *e = &w->events[k];
        while (n->months < e->turn && n->months < w->turn)
            add_money(n, w, n->months++, &err);
        k = add_event(n, w, k, &err);
    }
    while (n->months < w->turn)
        add_money(n, w, n->months++, &err);
    n->built = w->n_events;
    return err ? -1 : 0;
}

/* ---------------------------------------------------------------- rows */

int app_news_pass(const AppNewsEntry *e, UiNewsFilter f, int me)
{
    switch (f) {
    case UI_NEWS_MINE:
        return me >= 0 && me < 64 && (((e->actors >> me) & 1) || e->owner == me);
    case UI_NEWS_DEALS:
        return e->kind == UI_NEWS_DEAL;
    case UI_NEWS_DEFAULTS:
        return e->kind == UI_NEWS_LOSS;
    default:
        return 1;
    }
}

static int add_row(AppNews *n, const char *text, int month, UiNewsKind kind, int cont, int yours)
{
    if (grow((void **)&n->rows, &n->cap_rows, n->n_rows + 1, sizeof *n->rows) < 0)
        return -1;
    n->rows[n->n_rows++] = (UiNewsRow){text, month, kind, cont, yours};
    return 0;
}

int app_news_rows(AppNews *n, const SimWorld *w, UiNewsFilter f, int me, uint64_t yours,
                  const UiNewsRow **out)
{
    *out = n->rows;
    if (n->rows_version == n->version && n->rows_w == w && n->rows_turn == w->turn &&
        n->rows_me == me && n->rows_filter == (int)f && n->rows_yours == yours && n->version)
        return n->n_rows;
    n->rows_version = 0; /* until these rows are whole */
    n->n_rows = 0;
    int last = w->turn - 1;
    if (n->n > 0 && n->e[n->n - 1].month > last)
        last = n->e[n->n - 1].month;
    for (int i = 0; i < n->n_notes; i++)
        if (n->notes[i].month > last)
            last = n->notes[i].month;
    if (last >= 0 && grow((void **)&n->heads, &n->cap_heads, last + 1, sizeof *n->heads) < 0)
        return -1;
    int at = 0; /* entries are in month order */
    for (int m = 0; m <= last; m++) {
        core_tr_month(w->sc->start + m, n->heads[m], sizeof n->heads[m]);
        int head = n->n_rows;
        if (add_row(n, n->heads[m], m, UI_NEWS_HEADER, 0, 0) < 0)
            return -1;
        for (; at < n->n && n->e[at].month <= m; at++) {
            const AppNewsEntry *e = &n->e[at];
            if (e->month == m && app_news_pass(e, f, me) &&
                add_row(n, e->text, m, e->kind, e->cont,
                        e->owner >= 0 && e->owner < 64 && ((yours >> e->owner) & 1)) < 0)
                return -1;
        }
        for (int i = 0; f == UI_NEWS_ALL && i < n->n_notes; i++)
            if (n->notes[i].month == m && add_row(n, n->notes[i].text, m, UI_NEWS_NOTE, 0, 0) < 0)
                return -1;
        if (n->n_rows > head + 1)
            continue;
        if (f == UI_NEWS_ALL && m < w->turn) {
            if (add_row(n, ui_tr("news.quiet"), m, UI_NEWS_QUIET, 0, 0) < 0)
                return -1;
        } else {
            n->n_rows = head; /* a filtered view leaves the month out */
        }
    }
    if (n->n_rows == 0 && f != UI_NEWS_ALL && w->turn > 0 &&
        add_row(n, ui_tr("news.quiet_filter"), 0, UI_NEWS_QUIET, 0, 0) < 0)
        return -1;
    *out = n->rows;
    n->rows_version = n->version;
    n->rows_w = w;
    n->rows_turn = w->turn;
    n->rows_me = me;
    n->rows_filter = (int)f;
    n->rows_yours = yours;
    return n->n_rows;
}
