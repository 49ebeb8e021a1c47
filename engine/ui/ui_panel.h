/* ui_panel: the charts of the game, from one table, laid out and drawn the same way on the game
 * screen's right panel and on the charts sheet (charts.png, ui_scene_charts).
 *
 * UI_PANEL_CHARTS below is the list: each row names a chart, says what it draws (a drawing
 * function of ui_chart.h, or a series of sim_series.h by name drawn for every actor under a title
 * of the string tables) and where it goes on each of the two layouts: starting a row of its own
 * (UI_ROW(height, width)) or beside the chart before it (UI_BESIDE(width)), heights and widths as
 * weights of the row's or the panel's (the last row and the last chart of a row take what is
 * left). A new chart is one row here and its title in the string tables; the geometry arrays
 * (UiScreenGeom.chart, ui_render_charts) are sized by the table. Nothing is allocated beyond a
 * call. */
#ifndef UI_PANEL_H
#define UI_PANEL_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_draw.h"

#include <SDL.h>

/* Where a chart goes on one layout: beside the chart before it (1) or first in a new row (0);
 * the row's height weight (new rows) and its width weight within the row. */
typedef struct {
    unsigned char beside;
    unsigned char height, width;
} UiSlot;
/* clang-format off */
#define UI_ROW(height, width) {0, height, width}
#define UI_BESIDE(width)      {1, 0, width}
/* clang-format on */

/* A chart drawn by a function of its own (geometry into out, which may be NULL). */
typedef void (*UiChartFn)(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out);

/* The sentiment gauge as a UiChartFn (it has no plot: out is left zeroed). */
void ui_chart_gauge(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out);

/* X(ID, name, title key, series, draw, screen slot, sheet slot): title key and series for a
 * chart of a series (draw NULL), NULL for a chart with a drawing function (it titles itself).
 * Order: the drawing order, rows top to bottom, left to right within a row. */
#ifdef UI_TEST_EXTRA_CHART /* tests/test_recipe_chart.c: the recipe of docs/architecture.md */
#define UI_PANEL_TEST_ROW_(X)                                                                      \
    X(DUE, "due", "chart.due.title", "due_12m", NULL, UI_ROW(25, 100), UI_BESIDE(60))
#else
#define UI_PANEL_TEST_ROW_(X)
#endif
/* clang-format off */
#define UI_PANEL_CHARTS(X) \
    X(PRICES,      "prices",      NULL, NULL, ui_chart_prices,      UI_ROW(33, 100), UI_ROW(55, 100)) \
    X(OBLIGATIONS, "obligations", NULL, NULL, ui_chart_obligations, UI_ROW(36, 100), UI_ROW(45, 47))  \
    UI_PANEL_TEST_ROW_(X) \
    X(RISK,        "risk",        NULL, NULL, ui_chart_risk,        UI_ROW(31, 56),  UI_BESIDE(29))   \
    X(GAUGE,       "sentiment",   NULL, NULL, ui_chart_gauge,       UI_BESIDE(44),   UI_BESIDE(24))
/* clang-format on */

#define UI_PANEL_ENUM_(id, ...) UI_CHART_##id,
enum { UI_PANEL_CHARTS(UI_PANEL_ENUM_) UI_N_CHARTS };

typedef struct {
    const char *name;
    const char *title; /* string table key (series charts) */
    const char *series;
    UiChartFn draw;
    UiSlot slot[2]; /* by UiPanelKind */
} UiPanelChart;

extern const UiPanelChart ui_panel_charts[UI_N_CHARTS];

typedef enum {
    UI_PANEL_SCREEN, /* the game screen's right panel: the gaps taken out before the weights */
    UI_PANEL_SHEET   /* the charts sheet: weights of the whole, wider gaps between side by side */
} UiPanelKind;

/* The place of each chart in area (pixels, at the UiDraw's scale), below `top` pixels kept at
 * its top (the sheet's title bar). */
void ui_panel_layout(UiDraw *d, UiPanelKind kind, SDL_FRect area, float top,
                     SDL_FRect slot[UI_N_CHARTS]);

/* Draws every chart in its slot; geom, when not NULL, receives each chart's geometry. */
void ui_panel_draw(UiDraw *d, const SDL_FRect slot[UI_N_CHARTS], const SimWorld *w, int turn,
                   UiChartGeom geom[UI_N_CHARTS]);

#endif
