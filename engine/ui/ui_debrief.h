/* ui_debrief: the end of a game on one screen, made to be projected.
 *
 * A title bar (scenario, months played), a headline saying what ended the game (the hub's
 * default, its compute goal reached, the calendar run out, or still playing), a band that says
 * what decided the game (sim_verdict: the world drawn, the deal that tipped it, the funding that
 * dried up, whether the market saw it coming), four charts of the whole game (market values
 * indexed to the start with markers at announcements, the hub's default probability month by
 * month against the level where lenders stop, each company's exposure to the hub, circularity)
 * and a score
 * table: every role ranked by its score, with its change in market value and who played it (a
 * person or a strategy). The exposure and circularity charts name their lines in a legend (the
 * largest at its peak first); the prices' lines are named by the table's colour swatches. Under
 * the charts, when the caller has them, the worlds like this one (ui_debrief_draw_worlds): the
 * same seats over 100 other seeds as a histogram of the month the loop broke, this game marked.
 * Big type, the theme's few colour-blind-safe colours.
 *
 * Drawn from a world at its current turn; ui_debrief reads the world and never writes it.
 * Nothing is allocated beyond a call but the layer the UiDraw keeps. */
#ifndef UI_DEBRIEF_H
#define UI_DEBRIEF_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_draw.h"

#include <SDL.h>
#include <stdint.h>

/* The ui_draw layer slot the debrief keeps its picture in. */
#define UI_DEBRIEF_LAYER    3
#define UI_DEBRIEF_MAX_ROWS 64
/* What decided the game: up to this many lines under the headline (sim_verdict). */
#define UI_DEBRIEF_VERDICT_LINES 5
#define UI_DEBRIEF_VERDICT_LEN   400

/* The verdict's lines as the screen shows them: a label ("What tipped it") and its text. */
typedef struct {
    int n;
    char label[UI_DEBRIEF_VERDICT_LINES][64];
    char text[UI_DEBRIEF_VERDICT_LINES][UI_DEBRIEF_VERDICT_LEN];
} UiDebriefVerdict;

/* This game among others like it: the same seats over UI_DEBRIEF_WORLDS other seeds (the app
 * plays them: app_worlds.h), as the histogram under the charts draws them. */
#define UI_DEBRIEF_WORLDS 100
typedef struct {
    int total;                    /* worlds asked for (0: none, nothing drawn) */
    int done;                     /* played so far; the histogram is drawn once done == total */
    int failed;                   /* worlds the engine could not play (left out of the counts) */
    int horizon;                  /* months of the scenario's calendar */
    int broke[UI_DEBRIEF_WORLDS]; /* per world: the month the hub defaulted (1 = the first month
                                     played), 0 if it did not within the calendar, -1 failed */
    uint64_t people;              /* bit i: role i was played by a person in this game ... */
    uint64_t baseline; /* ... and replayed by baseline (it has no playbook), else by its playbook */
} UiDebriefWorlds;

/* The histogram's bars: months grouped `width` to a bar (1, 2, 3, 6, 12 ...: over the scenario's
 * calendar, at most 20 bars), then one bar of the worlds where the loop held. */
#define UI_DEBRIEF_BINS 21
typedef struct {
    int width;                  /* months a bar */
    int n;                      /* bars, the last one "held" */
    int count[UI_DEBRIEF_BINS]; /* worlds in each bar; they add up to total - failed */
    int broke;                  /* worlds where the loop broke */
    int median;                 /* the median month of those (0: none broke) */
    int yours;                  /* this game's bar (-1: still going and not broken) */
} UiDebriefBins;

/* Groups the worlds into bars and places this game (game_broke: the month its hub defaulted, 0
 * if it did not; over: the game has ended, so 0 means it held). Pure: for tests. */
void ui_debrief_bins(const UiDebriefWorlds *wd, int game_broke, int over, UiDebriefBins *b);

/* The histogram's sentence ("In 100 worlds like this one the loop broke in 38 (median: month
 * 53); yours broke in month 49 (November 2028).") of worlds all played, into buf. */
const char *ui_debrief_worlds_sentence(const SimWorld *w, const UiDebriefWorlds *wd, char *buf,
                                       size_t n);

/* Where the parts went (pixels), for tests. */
typedef struct {
    SDL_FRect screen, headline, verdict, charts, table; /* verdict: the band under the headline */
    SDL_FRect prices, risk, exposure, circularity;      /* the charts' areas */
    SDL_FRect contract;      /* the line under the circularity chart: by contract (h = 0: none) */
    SDL_FRect worlds;        /* the histogram of the worlds like this one (h = 0: none) */
    SDL_FRect worlds_mark;   /* this game's bar in it (w = 0: not drawn yet) */
    char worlds_text[600];   /* its sentence ("In 100 worlds like this one ...") or progress */
    char worlds_people[300]; /* the line on the people's seats replayed ("" : none) */
    char headline_text[256]; /* the headline drawn (the hub's name as short as it had to be) */
    int headline_lines;      /* on how many lines it needed at its size (drawn: at most 2) */
    UiChartGeom chart[4];    /* prices, risk, exposure, circularity */
    int n_rows;              /* rows of the score table drawn */
    int order[UI_DEBRIEF_MAX_ROWS];     /* the actor on each row, best score first */
    SDL_FRect row[UI_DEBRIEF_MAX_ROWS]; /* each row's rectangle */
} UiDebriefGeom;

/* The headline: what ended the game, in a sentence ("OpenAI defaulted in September 2027, after
 * 35 months."). Writes into buf and returns it. */
const char *ui_debrief_headline(const SimWorld *w, char *buf, size_t bufsz);

/* What decided the game, in the reader's language: the world drawn, the deal that tipped it (or
 * added most value), the funding that dried up and the market's view (a default), or how the hub
 * stands (none). */
void ui_debrief_verdict(const SimWorld *w, UiDebriefVerdict *out);

/* Draws the debrief into (0, 0, width, height), background included. hint, when not NULL, is a
 * line of keys shown at the right of the headline ("D back to the game ..."). g, when not NULL,
 * receives the layout and the screen is drawn directly; with g NULL (the window) it is drawn into
 * the layer UI_DEBRIEF_LAYER and copied, and redrawn only when the world's record, the size or the
 * scale change. */
void ui_debrief_draw(UiDraw *d, int width, int height, const SimWorld *w, const char *hint,
                     UiDebriefGeom *g);

/* As ui_debrief_draw, with the worlds like this one (NULL: none) in a histogram under the
 * charts: "computing... 37/100" while they are played, then the bars and this game marked. */
void ui_debrief_draw_worlds(UiDraw *d, int width, int height, const SimWorld *w, const char *hint,
                            const UiDebriefWorlds *worlds, UiDebriefGeom *g);

/* The histogram alone, in r: its title, "computing... 37/100" until every world is played, then
 * the sentence, a legend, the bars on an axis of counts with this game's outlined and the line
 * on the people's seats replayed. Fills g's worlds fields. */
void ui_debrief_worlds_draw(UiDraw *d, SDL_FRect r, const SimWorld *w, const UiDebriefWorlds *wd,
                            UiDebriefGeom *g);

/* Who played role i, in a word or two, as the score table says it: "a person", "history",
 * "playbook (nvidia_bind)", or a script's file name without its folder and ".lua". Into buf. */
const char *ui_debrief_played_by(const SimWorld *w, int i, char *buf, size_t bufsz);

#endif
