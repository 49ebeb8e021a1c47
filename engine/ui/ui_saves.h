/* ui_saves: the window's list of saved games to load from, grouped by game: a heading row per
 * game (its scenario, seed and seats, drawn in the accent colour, never picked), then its saves,
 * each with its kind and game month and when it was saved; a save that would not load is
 * greyed with the reason. Up/Down or the mouse pick a row, Enter or Load asks the seat question
 * (UiSavesAsk: a panel over the list with its three answers) and the answer loads it; a failed
 * load's message stays under the list and the game in hand goes on.
 *
 * The rows come from the caller (the app reads the folder); this module draws and hit-tests.
 * Ownership: the caller owns the rows and the geometry; nothing here allocates beyond a call. */
#ifndef UI_SAVES_H
#define UI_SAVES_H

#include "ui_draw.h"

#include <SDL.h>

#define UI_SAVES_ROWS 24 /* rows drawn at most; the list scrolls to keep the selection in view */

typedef struct {
    const char *title;  /* "Autosave, September 2025" */
    const char *detail; /* "turn 11 · saved 2026-11-28 17:50" or why it does not load */
    int ok;             /* 0: it would not load (drawn grey, cannot be picked to load) */
    int heading;        /* 1: a game's heading (title: the game, detail: its seats) */
} UiSaveRow;

/* The question before a load: text (the save's seats), then up to three answers, each a button
 * (enabled[k] 0: drawn dim, cannot be picked); sel: the answer Enter takes. */
#define UI_SAVES_ASK_MAX 3
typedef struct {
    const char *title, *text, *keys;
    const char *answer[UI_SAVES_ASK_MAX];
    int enabled[UI_SAVES_ASK_MAX];
    int n, sel;
} UiSavesAsk;

typedef struct {
    SDL_FRect box, row[UI_SAVES_ROWS], btn_load, btn_cancel, message;
    SDL_FRect ask_box, btn_ask[UI_SAVES_ASK_MAX]; /* the question, when it is up */
    int first;                                    /* the row drawn first */
    int index[UI_SAVES_ROWS];                     /* the row number each drawn row shows */
    int n_drawn;
} UiSavesGeom;

typedef enum {
    UI_SAVES_NONE,
    UI_SAVES_ROW,
    UI_SAVES_LOAD,
    UI_SAVES_CANCEL,
    UI_SAVES_INSIDE,
    UI_SAVES_ASK /* an answer of the question: row is its number */
} UiSavesAction;

typedef struct {
    UiSavesAction action;
    int row; /* for UI_SAVES_ROW: the row number */
} UiSavesHit;

/* Draws the list over the screen. sel: the selected row (-1 none); message: a line under the
 * list (a failed load's error, drawn in the fall colour), or NULL; ask: the seat question over
 * the list, or NULL. */
void ui_saves_draw(UiDraw *d, SDL_FRect screen, const UiSaveRow *rows, int n, int sel,
                   const char *message, const UiSavesAsk *ask, float mx, float my, UiSavesGeom *g);

/* What a click means, per the last draw (while the question is up, only its answers count:
 * UI_SAVES_ASK with the answer's number, enabled or not: the caller checks; else
 * UI_SAVES_INSIDE). */
UiSavesHit ui_saves_hit(const UiSavesGeom *g, float x, float y);

#endif
