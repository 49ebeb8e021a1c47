/* ui_chart: line charts and a gauge for the game's numbers over time.
 *
 * ui_chart_lines is the generic widget: a title, a plot rectangle with a grid, y ticks formatted
 * as plain numbers, money ($630B, $1.2T) or an index, x ticks as months (2025-09), a legend on
 * the right, and any number of series with optional markers; lines are clipped to the plot
 * rectangle (both by geometry and by the renderer's clip) so nothing spills over the axes.
 * The three charts of the game are built on it: every actor's market value indexed to 100 at
 * the start, with markers at its announcements; the hub's obligations over the next 12 months
 * against its revenue; and a sentiment gauge from -1 to 1.
 *
 * `turn` is a snapshot index as in ui_map.h (0..w->turn); x = t is the state after t months.
 * Nothing here allocates beyond a call; series data stay the caller's. */
#ifndef UI_CHART_H
#define UI_CHART_H

#include "sim_world.h"
#include "ui_draw.h"

#include <SDL.h>

/* UI_Y_PERCENT: values are percentages (40 for 40%), labelled "40%". */
typedef enum { UI_Y_PLAIN, UI_Y_MONEY, UI_Y_INDEX, UI_Y_PERCENT } UiYFormat;

typedef struct {
    const char *name;
    SDL_Color color;
    const double *y; /* y[x] for x = 0..n-1 (NaN: no point) */
    int n;
    const int *marks; /* x values to mark with a dot, or NULL */
    int n_marks;
    float width;            /* logical units; 0: 3 */
    const char *value_text; /* shown after the name in the legend, or NULL */
} UiSeries;

typedef struct {
    const char *title;
    int month0; /* absolute month of x = 0, for the x labels (< 0: plain numbers) */
    int x_max;  /* the x axis runs 0..x_max */
    UiYFormat yfmt;
    double y_min, y_max; /* equal: fit the data (with some air) */
    int include_zero;    /* when fitting, keep 0 in range */
    double ref_line;     /* a dashed reference line at this y (NaN: none) */
    int no_legend;       /* 1: no legend, the plot takes the whole width */
    int legend_top;      /* 1: the legend in a row under the title instead of on the right */
    /* The legend column's order: indices into series, n_series of them (NULL: series order).
     * When the column cannot hold every entry, the first ones in this order are shown and a
     * last entry says "+N more" (names are shortened with intent, core_name.h, to fit). */
    const int *legend_order;
} UiChartSpec;

/* Where a chart's parts went, for tests and hit-testing. */
typedef struct {
    SDL_FRect plot;   /* the plot rectangle; lines never leave it */
    SDL_FRect legend; /* the legend box (w = 0: none) */
    SDL_FRect more;   /* the "+N more" entry of the legend column (w = 0: every entry shown) */
    int legend_shown; /* how many series the legend names (before "+N more") */
    double x_max, y_min, y_max;
} UiChartGeom;

/* Draws a line chart into area (pixels). out may be NULL. */
void ui_chart_lines(UiDraw *d, SDL_FRect area, const UiChartSpec *spec, const UiSeries *series,
                    int n_series, UiChartGeom *out);

/* Every actor's market value indexed to 100 at turn 0, up to `turn`, with markers where the
 * actor's own announcements moved it. out may be NULL. */
void ui_chart_prices(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out);

/* The order of ui_chart_prices' legend: the hub first, then the others by market value after
 * `turn`, largest first (ties: scenario order). order has room for w->n. */
void ui_chart_prices_order(const SimWorld *w, int turn, int *order);

/* The tooltip of the price legend's "+N more" entry: a heading, then the firms the legend left
 * out (those after the first `shown` in ui_chart_prices_order) with their index, several to a
 * line. Returns the length written (0: none left out). */
size_t ui_chart_prices_rest(const SimWorld *w, int turn, int shown, char *buf, size_t bufsz);

/* The same chart with the legend (legend = 1) or without it (0: the plot takes the whole width,
 * for screens that show the actors' colours elsewhere) and an optional title (NULL: the usual). */
void ui_chart_prices_ex(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, int legend,
                        const char *title, UiChartGeom *out);

/* What ui_chart_actors plots for every actor but the hub. */
typedef enum {
    UI_METRIC_EXPOSURE,   /* what it stands to lose if the hub fails, $B */
    UI_METRIC_CIRCULARITY /* share of the hub's payments to it that it financed itself, % */
} UiActorMetric;

/* One line per actor except the hub (it has neither figure towards itself), in the actors'
 * colours, up to `turn`; legend as ui_chart_prices_ex. */
void ui_chart_actors(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiActorMetric metric,
                     int legend, UiChartGeom *out);

/* Series `series` of sim_series (an index) for every actor in its colour, up to `turn`, under
 * title; a SHARE series in percent, MONEY as money, the others plain; legend as
 * ui_chart_prices_ex. ui_chart_actors is this chart of exposure or circularity. */
void ui_chart_series(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, int series,
                     const char *title, int legend, UiChartGeom *out);

/* The circularity of a vendor of the hub by contract, after `turn` months (a snapshot index):
 * what the vendor put into the hub against what the hub paid it, as if the hub spent the
 * vendor's money on that vendor first (sim_ledger_circularity_at), the upper end of the range
 * whose pooled lower end the snapshot's circularity is (docs/model.md, section 3). With peak = 1
 * the highest it reached by then. 0 for the hub itself and before the hub paid the vendor. */
double ui_circ_contract(const SimWorld *w, int vendor, int turn, int peak);

/* The hub's payments due over the next 12 months against its annual revenue (and its cash, and
 * the revenue it could sell if compute did not bind: info[t].demand), up to `turn`. */
void ui_chart_obligations(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out);

/* The hub's default probability over the market's horizon (Merton, sim_value) month by month,
 * in percent, with the level at which lenders stop lending to it. */
void ui_chart_risk(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out);

/* A half-dial from -1 (fear) to 1 (euphoria) with a needle at the sentiment after `turn`, and
 * below it the sentiment's path so far. */
void ui_chart_sentiment(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn);

/* The colour ui_chart_prices gives actor i (the same on every chart). */
SDL_Color ui_chart_actor_color(const SimWorld *w, int i);

#endif
