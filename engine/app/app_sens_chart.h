/* app_sens_chart: the tornado chart of `closedloop sensitivity`, drawn headless with the
 * project's renderer (engine/ui) into a PNG.
 *
 * One horizontal bar per parameter, the most important on top, its name on the left. Morris:
 * the bar is mu*, coloured by the sign of mu, with the bootstrap half-width as a whisker. Sobol:
 * a pale bar for ST and a dark one for S1 inside it, each with its whisker. The caller owns
 * everything it passes. */
#ifndef APP_SENS_CHART_H
#define APP_SENS_CHART_H

#include <stddef.h>

typedef struct {
    const char *name;
    double outer, outer_conf; /* Morris: mu*; Sobol: ST */
    double inner, inner_conf; /* Sobol: S1 (unused for Morris) */
    int negative;             /* Morris: mu < 0 */
} AppSensBar;

typedef struct {
    const char *title, *subtitle;
    const char *outer_label, *inner_label, *negative_label; /* legend (inner: NULL for Morris) */
    const char *axis;
    const AppSensBar *bars; /* in rank order */
    int n;
    int sobol;
} AppSensChart;

/* Writes the chart to path. 0, or -1 with err (the renderer or the file failed). */
int app_sens_chart_png(const AppSensChart *c, const char *path, char *err, size_t errsz);

#endif
