/* ui_levers: the teacher's lever panel, over the chart panel of the game screen: one row per
 * lever of sim_lever.h with its value, - and + buttons and a line on what it does; the row with
 * the focus is marked. The app changes the levers (sim_lever_set) on the clicks and keys this
 * panel reports; drawing only reads the world.
 *
 * Ownership: the caller owns the geometry; nothing here allocates beyond a call. */
#ifndef UI_LEVERS_H
#define UI_LEVERS_H

#include "sim_lever.h"
#include "ui_draw.h"

#include <SDL.h>

typedef struct {
    SDL_FRect box;
    SDL_FRect row[SIM_LEVER_COUNT], minus[SIM_LEVER_COUNT], plus[SIM_LEVER_COUNT];
    SDL_FRect value[SIM_LEVER_COUNT]; /* where each value was written */
} UiLeversGeom;

typedef enum {
    UI_LEVER_NONE,
    UI_LEVER_ROW,
    UI_LEVER_MINUS,
    UI_LEVER_PLUS,
    UI_LEVER_INSIDE
} UiLeverAction;

typedef struct {
    UiLeverAction action;
    int lever;
} UiLeverHit;

/* The value of lever l as the panel writes it ("120.0%", "0.60"). */
const char *ui_levers_value(const SimWorld *w, SimLever l, char *buf, size_t bufsz);

/* Lever l's name for people, the hub named where the lever is the hub's ("OpenAI's revenue
 * growth"; lever.<id>.name), and its line on what it does (lever.<id>.help). */
const char *ui_levers_name(const SimWorld *w, SimLever l, char *buf, size_t bufsz);
const char *ui_levers_help(SimLever l);

/* The sentence of a lever event (SIM_LOG_LEVER) for the narration: in English the record's own
 * text ("Market mood set from 0.10 to -0.50"), in another language the same said with the
 * tables (lever.changed). */
const char *ui_levers_event_text(const SimWorld *w, const SimEvent *e, char *buf, size_t bufsz);

/* Draws the panel into area; focus: the lever with the focus. */
void ui_levers_draw(UiDraw *d, SDL_FRect area, const SimWorld *w, int focus, float mx, float my,
                    UiLeversGeom *g);

/* What a click at (x, y) means, per the last draw (UI_LEVER_NONE outside the panel). */
UiLeverHit ui_levers_hit(const UiLeversGeom *g, float x, float y);

#endif
