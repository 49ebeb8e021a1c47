/* ui_screen: the game screen of `closedloop play`, drawn from a world at a turn and a phase.
 *
 * The flow map (ui_scene_map: title bar, map, legend) takes the left two thirds; a panel on the
 * right stacks the indexed prices, the hub's obligations and the sentiment gauge; under the map
 * the news log (ui_news: month headers, scrolling, filters; newest at the bottom), and a
 * controls bar across the bottom holds a Play/Pause and a Next month button and the main keys.
 * On a person's turn the desk (ui_role.h) takes the panel's place. A help overlay lists every key
 * and mouse action; a tooltip box follows the mouse over a node or an edge, and over the price
 * legend's "+N more" entry (with many firms: the ones it leaves out, named). Sizes are logical
 * units times the UiDraw's scale, so the layout grows with the window and with the user's scale.
 * ui_screen reads the world and never writes it; it knows nothing of app/: the news arrives as
 * rows (app_news builds them).
 *
 * Ownership: the caller owns the UiDraw, the UiMap (laid out again on every draw), the news
 * rows and the state; nothing here allocates beyond a call. */
#ifndef UI_SCREEN_H
#define UI_SCREEN_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_draw.h"
#include "ui_levers.h"
#include "ui_map.h"
#include "ui_panel.h"
#include "ui_news.h"
#include "ui_role.h"

#include <SDL.h>
#include <stddef.h>

/* What the app knows that the world does not. */
typedef struct {
    const UiNewsRow *news; /* the news log's rows, oldest first (ui_news.h) */
    int n_news;
    UiNewsView news_view; /* where the log is and its filter */
    int news_mine;        /* 1: someone plays a company ("my company" can be chosen) */
    int playing;          /* 1: auto-play is on (the button says Pause) */
    double speed;         /* months a second, shown in the controls bar */
    int show_help;        /* 1: the help overlay */
    float mouse_x;        /* pixels; < 0: no mouse over the window */
    float mouse_y;
    const char *notice;     /* a short message in the controls bar (screenshot path...), or NULL */
    const char *feed_empty; /* the empty news log's line; NULL: how to play the first month */
    /* 1: the window hosts a class: Play pauses the room's timer, the keys line is the host's. */
    int hosting;
    int timer_paused; /* hosting: the room's timer is paused */
    /* A person's turn (ui_role.h): the desk takes the chart panel's place, the deal dialog
     * opens over the screen when the desk's draft is open. NULL: nobody's turn. */
    const UiDesk *desk;
    int seat, n_seats; /* which of the hot-seat players it is (n_seats <= 1: no hot seat) */
    int handover;      /* 1: the hand-over screen asks the next person to take the keyboard */
    int levers;        /* 1: the teacher's lever panel takes the chart panel's place */
    int lever_focus;   /* the lever with the focus */
    UiLeversCompare lever_compare; /* the game with and without the teacher's change */
    float map_foot; /* pixels kept free under the map (a hosted room's strip, ui_room) */
} UiScreenState;

/* Where the parts went (pixels), for the app's clicks and for tests. */
typedef struct {
    SDL_FRect screen, map, panel, feed, controls;
    SDL_FRect slot[UI_N_CHARTS]; /* each chart of ui_panel's table, in the panel */
    SDL_FRect btn_play, btn_next, btn_save, btn_load;
    UiChartGeom chart[UI_N_CHARTS]; /* each chart's geometry (filled by ui_screen_draw) */
    UiMapHit hover;                 /* what the mouse is over (filled by ui_screen_draw) */
    UiRoleGeom role;     /* the desk, the dialog, the hand-over screen (filled when shown) */
    UiLeversGeom levers; /* the lever panel (box.w == 0: not shown) */
    UiNewsGeom news;     /* the news log in `feed` (filled by ui_screen_draw) */
} UiScreenGeom;

typedef enum {
    UI_BUTTON_NONE,
    UI_BUTTON_PLAY,
    UI_BUTTON_NEXT,
    UI_BUTTON_SAVE,
    UI_BUTTON_LOAD
} UiButton;

/* Draws the whole screen into (0, 0, width, height), background included, at animation phase
 * in [0, 1). g, when not NULL, receives the layout. Returns 0, or -1 with err (memory). */
int ui_screen_draw(UiDraw *d, UiMap *map, int width, int height, const SimWorld *w, int turn,
                   double phase, const UiScreenState *st, UiScreenGeom *g, char *err, size_t errsz);

/* The button under (x, y) pixels, per a layout from ui_screen_layout or ui_screen_draw. */
UiButton ui_screen_button_at(const UiScreenGeom *g, float x, float y);

#endif
