/* app_report: `closedloop report FILE.csv... --out DIR [--scale S]`: charts of batch results
 * and tournament leaderboards as PNG files, drawn with the project's own software renderer
 * (engine/ui: no display needed).
 *
 * For a batch's CSV (closedloop batch --out FILE.csv): DIR/outcomes.png, the distribution of
 * outcomes (the month the hub defaulted, in half-year bins, and the games in which it did not;
 * each role's mean score with its spread), and, when the batch swept a parameter,
 * DIR/collapse.png, the probability of collapse against each value of the first swept parameter.
 * For a tournament's board (closedloop tournament --out BOARD.csv): DIR/leaderboard.png, the mean
 * score of each entrant with its spread, its wins and its collapse rate. DIR must exist. Exit
 * status: 0 written, 1 a PNG could not be drawn or written, 2 bad input (a file that is neither,
 * a flag). */
#ifndef APP_REPORT_H
#define APP_REPORT_H

#include <stdio.h>

/* `closedloop report ...` (argv[1] is "report"): the process exit status. */
int app_report_main(int argc, char **argv, FILE *out, FILE *errout);

/* One bar of a report chart. */
typedef struct {
    char label[96];
    double value, spread; /* spread: a whisker of +-spread (0: none) */
    char note[96];        /* over the bar */
} AppReportBar;

/* A 1600x900 PNG at path of one bar chart (the widget of every report chart; percent: the axis
 * in percent, from 0 to 100 at least). 0; -1 with err; -2 when the renderer or the file failed. */
int app_report_bars_png(const char *path, double scale, const char *title, const char *subtitle,
                        const AppReportBar *bars, int n, int percent, const char *xname, char *err,
                        size_t errsz);

#endif
