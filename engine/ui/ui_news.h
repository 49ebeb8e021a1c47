/* ui_news: the news log under the map, and the player's own month on the desk.
 *
 * The log is a list of rows, oldest first, that the app builds from the world's record
 * (app_news): a header per month ("March 2025"), the month's news (scenario events, deals,
 * prices, payments missed and defaults, the teacher's levers), "No news this month" for a quiet
 * month. ui_news draws the rows that fit from a view (the first row shown, or the newest when the
 * view follows the log), a scrollbar that shows where the view is, and the filter toggles (all /
 * my company / deals / defaults) in the panel's title strip; the geometry it fills tells the app
 * where a click landed and how far a page is. Scrolling and filtering change only the view.
 *
 * It also knows which events are a player's own outcomes (their offer accepted, turned down or
 * countered, a proposal that lapsed or that the engine refused, a payment they missed, a default,
 * a guarantee called, a write-down): ui_news_owner says whose, ui_news_yours lists the ones of a
 * month, ui_news_yours_text says one in the second person ("Oracle accepted your offer: ..."),
 * and ui_news_draw_yours draws the desk's "Your last month" block from them.
 *
 * Ownership: the caller owns the rows, their texts, the view and the world; nothing here
 * allocates beyond a call. */
#ifndef UI_NEWS_H
#define UI_NEWS_H

#include "sim_world.h"
#include "ui_draw.h"

#include <SDL.h>
#include <stddef.h>

typedef enum {
    UI_NEWS_HEADER, /* a month's header */
    UI_NEWS_QUIET,  /* nothing this month (or nothing the filter lets through) */
    UI_NEWS_STORY,  /* a scenario event, the compute target reached */
    UI_NEWS_DEAL,   /* a deal proposed, countered, accepted, turned down, lapsed, released, left */
    UI_NEWS_MARKET, /* a price's move, a sale of shares, the month's money */
    UI_NEWS_LOSS,   /* a payment missed, a default, a guarantee called, a write-down, a forced
                       sale, a rescue */
    UI_NEWS_LEVER,  /* the teacher moved a lever */
    UI_NEWS_NOTE,   /* an intent the engine refused, a strategy's note, a save loaded */
    UI_NEWS_KIND_COUNT
} UiNewsKind;

typedef enum {
    UI_NEWS_ALL,      /* everything */
    UI_NEWS_MINE,     /* what involves the player's company */
    UI_NEWS_DEALS,    /* deals only */
    UI_NEWS_DEFAULTS, /* payments missed, defaults and their losses */
    UI_NEWS_FILTERS
} UiNewsFilter;

typedef struct {
    const char *text;
    int month; /* the game month (turn index) it belongs to */
    UiNewsKind kind;
    int cont;  /* a follow-up line of the row above (a price's reaction, an event's text): set in */
    int yours; /* one of the player's own outcomes: marked */
} UiNewsRow;

/* Where the log is: what the app keeps between frames. */
typedef struct {
    int top;    /* the first row shown, when not following */
    int follow; /* 1: the newest rows are shown and new ones keep them in view */
    UiNewsFilter filter;
} UiNewsView;

#define UI_NEWS_SHOWN_MAX 64 /* rows drawn at once at most */

typedef struct {
    SDL_FRect box, list;               /* the panel; the rows' area */
    SDL_FRect bar, thumb;              /* the scrollbar (bar.w == 0: everything fits) */
    SDL_FRect toggle[UI_NEWS_FILTERS]; /* the filters (w == 0: not shown) */
    int n_rows;                        /* rows in the log as drawn */
    int first, shown;                  /* the first row drawn and how many fit whole */
    int max_top;                       /* the first row when the newest are shown */
    int mine_ok;                       /* the "my company" toggle can be clicked */
} UiNewsGeom;

typedef enum {
    UI_NEWS_HIT_NONE,
    UI_NEWS_HIT_TOGGLE,
    UI_NEWS_HIT_BAR,
    UI_NEWS_HIT_LIST
} UiNewsHitKind;

typedef struct {
    UiNewsHitKind kind;
    int index;   /* the toggle's filter */
    float where; /* on the bar: 0 at its top, 1 at its bottom */
} UiNewsHit;

/* A view that follows the log, unfiltered. */
UiNewsView ui_news_view_new(void);

/* Its id for the output and the tests: "all", "mine", "deals", "defaults". */
const char *ui_news_filter_id(UiNewsFilter f);
/* A kind's id: "header", "quiet", "story", "deal", "market", "loss", "lever", "note". */
const char *ui_news_kind_id(UiNewsKind k);

/* Draws the log into area: the title strip with the toggles (mine_ok 0: "my company" is shown
 * dimmed, nobody plays a company), the rows of the view (rows[0 .. n), oldest first) and the
 * scrollbar. empty: the text shown while there is no row at all. mx, my: the mouse (< 0: none). */
void ui_news_draw(UiDraw *d, SDL_FRect area, const UiNewsRow *rows, int n, const UiNewsView *v,
                  int mine_ok, const char *empty, float mx, float my, UiNewsGeom *g);

/* What a click at (x, y) is on, per the geometry of the last draw. */
UiNewsHit ui_news_hit(const UiNewsGeom *g, float x, float y);

/* Moves the view by `rows` (negative: back towards month 1), per the last draw; a view moved to
 * the newest rows follows the log again. */
void ui_news_scroll(UiNewsView *v, const UiNewsGeom *g, int rows);
/* A page back (dir < 0) or on: the rows that fit, less one. */
void ui_news_page(UiNewsView *v, const UiNewsGeom *g, int dir);
/* The oldest row (Home) or the newest, following (End). */
void ui_news_home(UiNewsView *v);
void ui_news_end(UiNewsView *v);
/* The view at a point of the scrollbar (0: the top, 1: the bottom). */
void ui_news_jump(UiNewsView *v, const UiNewsGeom *g, float where);
/* Another filter: the view follows the newest rows again. */
void ui_news_set_filter(UiNewsView *v, UiNewsFilter f);

/* Whose outcome event e is (the proposer of an offer accepted, turned down, countered or lapsed;
 * the actor of a payment missed, a default, a refused intent, a guarantee called, a write-down),
 * or -1: nobody's in particular. */
int ui_news_owner(const SimWorld *w, const SimEvent *e);
/* The events of month `turn` that are actor me's outcomes, as indexes in the world's log, up to
 * max (in order). Returns how many. */
int ui_news_yours(const SimWorld *w, int me, int turn, int *out, int max);
/* Event e said to its owner, in the reader's language: "Oracle accepted your offer: chip lease:
 * you pay Oracle $100B over 48 months." Returns buf. */
const char *ui_news_yours_text(const SimWorld *w, const SimEvent *e, char *buf, size_t bufsz);
/* The desk's "Your last month" block at (x, y), width w, no lower than bottom: the outcomes
 * events[0 .. n) of the month before. Returns the height used (0 when n is 0). */
float ui_news_draw_yours(UiDraw *d, const SimWorld *w, const int *events, int n, float x, float y,
                         float width, float bottom);

#endif
