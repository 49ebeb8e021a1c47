/* ui_png: the map and the charts as images, with no display at all.
 *
 * Each function draws with SDL's software renderer into a surface (SDL_CreateSoftwareRenderer
 * needs no video driver) and, for the _write_ functions, saves it with IMG_SavePNG. The charts
 * come as one PNG with the three charts (prices across the top, the hub's obligations against
 * its revenue and the sentiment gauge below), as ui_scene_charts lays them out. `turn` is a
 * snapshot index (0..w->turn); scale enlarges text and strokes (1.0 for 1280x800, about 1.5 for
 * 1920x1080 on a projector). The fonts are found as ui_draw_create says.
 *
 * Ownership: the caller owns the surfaces it passes in and the UiMap it may pass to learn the
 * layout; the _write_ functions free everything they make. Errors go to err; each returns 0 or
 * -1. */
#ifndef UI_PNG_H
#define UI_PNG_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_debrief.h"
#include "ui_map.h"
#include "ui_panel.h"

#include <SDL.h>
#include <stddef.h>

/* Draws the map screen into dst at animation phase in [0, 1). map, when not NULL, is laid out
 * as drawn (so a caller can check where things went). */
int ui_render_map(SDL_Surface *dst, const SimWorld *w, int turn, double scale, double phase,
                  UiMap *map, char *err, size_t errsz);

/* Draws the charts screen into dst; geom (NULL or UI_N_CHARTS entries) as ui_scene_charts. */
int ui_render_charts(SDL_Surface *dst, const SimWorld *w, int turn, double scale,
                     UiChartGeom geom[UI_N_CHARTS], char *err, size_t errsz);

/* Draws the debrief (ui_debrief.h) of w as it stands into dst; g may be NULL. */
int ui_render_debrief(SDL_Surface *dst, const SimWorld *w, double scale, UiDebriefGeom *g,
                      char *err, size_t errsz);

/* A new width x height surface in a 32-bit format the renderers and IMG_SavePNG handle; the
 * caller frees it with SDL_FreeSurface. NULL with err. */
SDL_Surface *ui_png_surface(int width, int height, char *err, size_t errsz);

/* Renders and writes a PNG (phase 0.35 for the map's particles). */
int ui_png_write_map(const SimWorld *w, int turn, int width, int height, double scale,
                     const char *path, char *err, size_t errsz);
int ui_png_write_charts(const SimWorld *w, int turn, int width, int height, double scale,
                        const char *path, char *err, size_t errsz);
int ui_png_write_debrief(const SimWorld *w, int width, int height, double scale, const char *path,
                         char *err, size_t errsz);
/* The debrief with the worlds like this one (ui_debrief_draw_worlds; NULL: none). */
int ui_png_write_debrief_worlds(const SimWorld *w, const UiDebriefWorlds *worlds, int width,
                                int height, double scale, const char *path, char *err,
                                size_t errsz);
/* The lesson in numbers (ui_takeaway.h), with n_questions questions for the class (may be 0). */
int ui_png_write_takeaway(const SimWorld *w, int width, int height, double scale,
                          const char *const *questions, int n_questions, const char *path,
                          char *err, size_t errsz);

#endif
