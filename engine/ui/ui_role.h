/* ui_role: what a person playing a role sees on their turn, drawn from a UiDesk (ui_desk.h).
 *
 *  - the desk, in the place of the chart panel: whose move it is, the player's numbers, the
 *    proposals addressed to them with Accept / Counter / Reject buttons, their own proposals of
 *    the month, a New proposal button and an End turn button;
 *  - the deal dialog over the screen: a line on what the kind is, one row per term the kind
 *    uses (counterparty, kind, who pays, amount, months ... each with - and + buttons; a value
 *    outside its range flagged in red, with the range said under the rows), beside it the
 *    player's numbers and the other side's and the market's expected first-day move if the deal
 *    were announced; under them "you after this deal" (cash, dues within 12 months, exposure;
 *    red when cash would go below zero), the other side's likely answer as a forecast, and the
 *    engine's verdict on the draft;
 *  - the hand-over screen of hot-seat play, which asks the next person to take the keyboard.
 * Drawing only reads the world and the desk. The geometry it fills tells the app (and the tests)
 * where every button and number went; ui_role_hit maps a click to an action.
 *
 * Ownership: the caller owns everything; nothing here allocates beyond a call. */
#ifndef UI_ROLE_H
#define UI_ROLE_H

#include "ui_desk.h"
#include "ui_draw.h"

#include <SDL.h>

#define UI_ROLE_FACTS 10

typedef enum {
    UI_ROLE_NONE,
    UI_ROLE_OFFER,   /* index: the offer card (selects it) */
    UI_ROLE_ACCEPT,  /* index: the offer */
    UI_ROLE_COUNTER, /* index: the offer */
    UI_ROLE_REJECT,  /* index: the offer */
    UI_ROLE_REMOVE,  /* index: the player's own proposal */
    UI_ROLE_NEW,     /* open the dialog for a new proposal */
    UI_ROLE_END,     /* end the turn */
    UI_ROLE_FIELD,   /* index: a UiField row of the dialog (focus it) */
    UI_ROLE_MINUS,   /* index: a UiField */
    UI_ROLE_PLUS,    /* index: a UiField */
    UI_ROLE_OK,      /* queue the draft */
    UI_ROLE_CANCEL,  /* close the dialog */
    UI_ROLE_READY,   /* the next person has the keyboard */
    UI_ROLE_INSIDE   /* somewhere on the dialog or the hand-over screen: swallow the click */
} UiRoleAction;

typedef struct {
    UiRoleAction action;
    int index;
} UiRoleHit;

typedef struct {
    /* the desk */
    SDL_FRect desk;
    SDL_FRect offer[UI_DESK_OFFERS], accept[UI_DESK_OFFERS], counter[UI_DESK_OFFERS],
        reject[UI_DESK_OFFERS]; /* w == 0: not shown */
    SDL_FRect remove[UI_DESK_OWN];
    SDL_FRect btn_new, btn_end;
    SDL_FRect fact[UI_ROLE_FACTS]; /* the value cells of the player's numbers on the desk */
    int n_facts;
    /* the dialog (dialog.w == 0: not shown) */
    SDL_FRect dialog;
    SDL_FRect row[UI_F_COUNT], minus[UI_F_COUNT], plus[UI_F_COUNT]; /* w == 0: not shown */
    SDL_FRect mine[UI_ROLE_FACTS], theirs[UI_ROLE_FACTS];           /* value cells of both sides */
    int n_mine, n_theirs;
    SDL_FRect verdict, btn_ok, btn_cancel;
    /* the dialog's explanations: the kind's line, the note on a value outside its range
     * (w == 0: none), "you after this deal" and the other side's likely answer */
    SDL_FRect explain, note, after, forecast;
    /* the hand-over screen (ready.w == 0: not shown) */
    SDL_FRect handover, ready;
} UiRoleGeom;

/* Clears a geometry (nothing shown). */
void ui_role_geom_clear(UiRoleGeom *g);

/* Draws the desk into area. seat/n_seats: which of the hot-seat players this is (n_seats 1: no
 * hot seat). mx, my: the mouse in pixels (< 0: none), for hover highlights. */
void ui_role_draw_desk(UiDraw *d, SDL_FRect area, const SimWorld *w, const UiDesk *k, int seat,
                       int n_seats, float mx, float my, UiRoleGeom *g);

/* Draws the dialog centred on screen, if the desk's draft is open. */
void ui_role_draw_dialog(UiDraw *d, SDL_FRect screen, const SimWorld *w, const UiDesk *k, float mx,
                         float my, UiRoleGeom *g);

/* Draws the hand-over screen for the player of actor `who`. */
void ui_role_draw_handover(UiDraw *d, SDL_FRect screen, const SimWorld *w, int who, int seat,
                           int n_seats, float mx, float my, UiRoleGeom *g);

/* What a click at (x, y) means, per the geometry of the last draw: the hand-over screen first,
 * then the dialog (modal: a click outside it is UI_ROLE_INSIDE too), then the desk. */
UiRoleHit ui_role_hit(const UiRoleGeom *g, float x, float y);

#endif
