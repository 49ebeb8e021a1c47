/* ui_scene: whole screens composed from the widgets, the same on a window and in a PNG.
 *
 * ui_scene_map draws a title bar (scenario, month, sentiment), the flow map and its legend;
 * ui_scene_charts draws the title bar and the charts of ui_panel's table (the indexed prices
 * across the top; the hub's obligations against its revenue, its default risk and the sentiment
 * gauge below, left to right). Both fill the rectangle they are given (pixels) and size text by
 * the UiDraw's scale. `turn` is a snapshot index
 * (0..w->turn) as in ui_map.h. Nothing is allocated that outlives a call, except the layout the
 * caller's UiMap keeps. */
#ifndef UI_SCENE_H
#define UI_SCENE_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_draw.h"
#include "ui_map.h"
#include "ui_panel.h"

#include <SDL.h>
#include <stddef.h>

/* The title bar's height at this scale (pixels). */
float ui_scene_title_height(const UiDraw *d);

/* Draws the title bar across the top of area: scenario title, the month on show, the turn
 * count, and on the right the sentiment. */
void ui_scene_title(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn);

/* Lays out map (the caller's) for area minus the title and legend and draws the map screen at
 * animation phase in [0, 1). Returns 0, or -1 with err if memory runs out. */
int ui_scene_map(UiDraw *d, UiMap *map, SDL_FRect area, const SimWorld *w, int turn, double phase,
                 char *err, size_t errsz);
/* The same without the title bar (its room left empty at the top of area): for a screen that
 * draws the bar across more than the map. */
int ui_scene_map_view(UiDraw *d, UiMap *map, SDL_FRect area, const SimWorld *w, int turn,
                      double phase, char *err, size_t errsz);

/* Draws the charts screen: the title bar, then the charts of ui_panel's table as the sheet lays
 * them out. geom, when not NULL, receives each chart's geometry (index UI_CHART_...). */
void ui_scene_charts(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn,
                     UiChartGeom geom[UI_N_CHARTS]);

#endif
