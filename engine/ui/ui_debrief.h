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
 * person or a strategy). The table's colour swatches are the charts' legend, so the charts give
 * their whole width to the plot. Big type, the theme's few colour-blind-safe colours.
 *
 * Drawn from a world at its current turn; ui_debrief reads the world and never writes it.
 * Nothing is allocated beyond a call but the layer the UiDraw keeps. */
#ifndef UI_DEBRIEF_H
#define UI_DEBRIEF_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_draw.h"

#include <SDL.h>

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

/* Where the parts went (pixels), for tests. */
typedef struct {
    SDL_FRect screen, headline, verdict, charts, table; /* verdict: the band under the headline */
    SDL_FRect prices, risk, exposure, circularity;      /* the charts' areas */
    SDL_FRect contract;      /* the line under the circularity chart: by contract (h = 0: none) */
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

/* Who played role i, in a word or two, as the score table says it: "a person", "history",
 * "playbook (nvidia_bind)", or a script's file name without its folder and ".lua". Into buf. */
const char *ui_debrief_played_by(const SimWorld *w, int i, char *buf, size_t bufsz);

#endif
