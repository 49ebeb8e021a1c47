/* ui_saves: the window's list of saved games to load from: one row per save (the newest first),
 * each with its kind and month, its turn and when it was saved; a save that would not load is
 * greyed with the reason. Up/Down or the mouse pick a row, Enter or Load loads it; a failed
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
} UiSaveRow;

typedef struct {
    SDL_FRect box, row[UI_SAVES_ROWS], btn_load, btn_cancel, message;
    int first;                /* the row drawn first */
    int index[UI_SAVES_ROWS]; /* the row number each drawn row shows */
    int n_drawn;
} UiSavesGeom;

typedef enum {
    UI_SAVES_NONE,
    UI_SAVES_ROW,
    UI_SAVES_LOAD,
    UI_SAVES_CANCEL,
    UI_SAVES_INSIDE
} UiSavesAction;

typedef struct {
    UiSavesAction action;
    int row; /* for UI_SAVES_ROW: the row number */
} UiSavesHit;

/* Draws the list over the screen. sel: the selected row (-1 none); message: a line under the
 * list (a failed load's error, drawn in the fall colour), or NULL. */
void ui_saves_draw(UiDraw *d, SDL_FRect screen, const UiSaveRow *rows, int n, int sel,
                   const char *message, float mx, float my, UiSavesGeom *g);

/* What a click means, per the last draw. */
UiSavesHit ui_saves_hit(const UiSavesGeom *g, float x, float y);

#endif
