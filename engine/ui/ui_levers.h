/* ui_levers: the teacher's lever panel, over the chart panel of the game screen: one row per
 * lever of sim_lever.h with its value, - and + buttons and a line on what it does; the row with
 * the focus is marked; under them the game with and without the teacher's change, side by side. The
 * app changes the levers (sim_lever_set) on the clicks and keys this panel reports; drawing only
 * reads the world.
 *
 * Ownership: the caller owns the geometry; nothing here allocates beyond a call. */
#ifndef UI_LEVERS_H
#define UI_LEVERS_H

#include "sim_lever.h"
#include "ui_chart.h"
#include "ui_draw.h"

#include <SDL.h>

typedef struct {
    SDL_FRect box;
    SDL_FRect row[SIM_LEVER_COUNT], minus[SIM_LEVER_COUNT], plus[SIM_LEVER_COUNT];
    SDL_FRect value[SIM_LEVER_COUNT]; /* where each value was written */
    UiChartGeom chart;                /* the comparison's chart (plot.w == 0: not drawn) */
} UiLeversGeom;

/* The comparison drawn under the levers (app_compare makes it): the same game without the
 * teacher's change, played beside the real one. */
typedef struct {
    const SimWorld *without; /* the game without the change (NULL: no change yet) */
    int from;                /* the turn (months played) when the change was made */
    const char *sentence;    /* the difference in outcome, in one sentence */
} UiLeversCompare;

typedef enum {
    UI_LEVER_NONE,
    UI_LEVER_ROW,
    UI_LEVER_MINUS,
    UI_LEVER_PLUS,
    UI_LEVER_INSIDE
} UiLeverAction;

typedef struct {
    UiLeverAction action;
    int lever;
} UiLeverHit;

/* The value of lever l as the panel writes it ("120.0%", "0.60"). */
const char *ui_levers_value(const SimWorld *w, SimLever l, char *buf, size_t bufsz);

/* Lever l's name for people, the hub named where the lever is the hub's ("OpenAI's revenue
 * growth"; lever.<id>.name), and its line on what it does (lever.<id>.help). */
const char *ui_levers_name(const SimWorld *w, SimLever l, char *buf, size_t bufsz);
const char *ui_levers_help(SimLever l);

/* The sentence of a lever event (SIM_LOG_LEVER) for the narration: in English the record's own
 * text ("Market mood set from 0.10 to -0.50"), in another language the same said with the
 * tables (lever.changed). */
const char *ui_levers_event_text(const SimWorld *w, const SimEvent *e, char *buf, size_t bufsz);

/* Draws the panel into area; focus: the lever with the focus. Each lever's line on what it does
 * is wrapped, never cut (where the panel is short, only the focused lever's is shown). Under the
 * levers, cmp's comparison: the hub's market value in the real game (its colour) and, from the
 * change on, in the game without it (ui_levers_faint), then the sentence; with no comparison
 * (cmp NULL or cmp->without NULL) a line saying what moving a lever will show. */
void ui_levers_draw(UiDraw *d, SDL_FRect area, const SimWorld *w, int focus, float mx, float my,
                    const UiLeversCompare *cmp, UiLeversGeom *g);

/* The faint colour of the game without the change: the hub's colour mixed with the theme's
 * background, opaque. */
SDL_Color ui_levers_faint(const UiDraw *d, const SimWorld *w);

/* What a click at (x, y) means, per the last draw (UI_LEVER_NONE outside the panel). */
UiLeverHit ui_levers_hit(const UiLeversGeom *g, float x, float y);

#endif
