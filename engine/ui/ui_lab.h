/* ui_lab: the strategy author's lab in the window (app_lab runs it): a panel over the chart panel
 * of the game screen with the script's version, what changed in the outcome, the run of this
 * version beside the run before it (drawn faint: the hub's market value and the role's cash,
 * each played to its end) and the console (what the script printed, its errors with
 * script:line); and the picker that chooses a role and a file for it (a list, or a path typed).
 *
 * Drawing only reads what it is given; the caller owns everything, the geometry included. */
#ifndef UI_LAB_H
#define UI_LAB_H

#include "sim_world.h"
#include "ui_chart.h"
#include "ui_draw.h"

#include <SDL.h>

/* A console line's kind (app_lab's AppLabKind, in the same order). */
enum { UI_LAB_INFO, UI_LAB_ERROR, UI_LAB_DROPPED, UI_LAB_PRINT };

typedef struct {
    const char *title;        /* "The lab: Microsoft plays mine.lua" */
    const char *status;       /* the version, and a refusal if the last change was refused */
    const char *sentence;     /* what changed in the outcome ("" before the first version) */
    const SimWorld *now;      /* the run of the version in hand, to its end (NULL: none yet) */
    const SimWorld *before;   /* the run of the version before (NULL: none) */
    int actor;                /* the role the script plays */
    const char *const *lines; /* the console, oldest first */
    const int *kinds;         /* each line's kind (UI_LAB_*) */
    int n_lines;
    int scroll; /* lines scrolled back from the newest (0: the newest at the bottom) */
} UiLab;

typedef struct {
    SDL_FRect box, console;
    UiChartGeom value, cash; /* the two charts (plot.w == 0: not drawn) */
    int first_line, shown;   /* the console lines on show: from first_line, `shown` of them */
} UiLabGeom;

/* The panel into area (the chart panel's place), drawn on a plate of its own. */
void ui_lab_draw(UiDraw *d, SDL_FRect area, const UiLab *lab, UiLabGeom *g);

/* The faint colour of the run before: actor i's colour mixed with the background, opaque. */
SDL_Color ui_lab_faint(const UiDraw *d, const SimWorld *w, int i);

/* The picker: a question over a list of rows (roles, then files), the row picked marked, and a
 * path being typed (NULL: no typing). */
typedef struct {
    const char *title, *question;
    const char *const *rows;
    int n_rows, sel;
    const char *typed;
    const char *keys;
} UiLabPick;

typedef struct {
    SDL_FRect box;
    SDL_FRect row[64]; /* the rows on show (w == 0: not shown) */
    int first;         /* the index of row[0] */
} UiLabPickGeom;

/* The picker in the middle of a screen of ow x oh pixels, over what is there. */
void ui_lab_pick_draw(UiDraw *d, int ow, int oh, const UiLabPick *pk, UiLabPickGeom *g);

/* The row at (x, y) in the last picker drawn, or -1. */
int ui_lab_pick_hit(const UiLabPickGeom *g, int n_rows, float x, float y);

#endif
