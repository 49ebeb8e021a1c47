/* ui_takeaway: the lesson of a game in four numbers, for the end of a class.
 *
 *  - how much market value the announcements alone added, on their first days, against what
 *    the partners gained in all;
 *  - the hub's obligations against its revenue: at the peak and now;
 *  - money that went round: each vendor's circularity (the share of what the hub paid it that
 *    came from the vendor's own money), now and at the peak, and for a vendor of the hub the
 *    same money counted by contract (an outline bar, the range's upper end);
 *  - who holds the exposure if the hub failed now, in $B and as a share of each one's value (once
 *    it has failed: what each one lost);
 * The two kinds of bars are on absolute scales, each with an axis and a legend on its tile's
 * heading row: circularity from 0 to 100%, exposure in $B from 0 to a round figure (1, 2, 2.5 or
 * 5 times a power of ten) at or above the largest.
 * Under them, the questions for the class (from the classroom notes, passed in by the caller).
 * ui_takeaway_compute gives the figures (for tests and for text); ui_takeaway_draw draws the
 * page, big enough to project. Reads the world, never writes it; allocates nothing.
 *
 * Ownership: the caller owns the world, the questions and the figures. */
#ifndef UI_TAKEAWAY_H
#define UI_TAKEAWAY_H

#include "sim_world.h"
#include "ui_draw.h"

#include <SDL.h>

#define UI_TAKEAWAY_ACTORS 32

typedef struct {
    double announced;     /* $B of market value added on announcement days, all actors */
    double partners_gain; /* $B: the partners' (every actor but the hub) change of value */
    double leverage_now, leverage_peak; /* obligations due within 12 months / annual revenue */
    int leverage_peak_turn;             /* snapshot index of the peak */
    double owed_all, revenue;           /* the hub's obligations, all deals, and revenue a year */
    int n;                              /* actors listed below (all but the hub) */
    int actor[UI_TAKEAWAY_ACTORS];      /* by exposure, largest first */
    double exposure[UI_TAKEAWAY_ACTORS], exposure_share[UI_TAKEAWAY_ACTORS];
    double circ_now[UI_TAKEAWAY_ACTORS], circ_peak[UI_TAKEAWAY_ACTORS];
    /* The peak circularity by contract of each vendor of the hub (ui_circ_contract: as if the
     * hub spent a vendor's money on that vendor first), the range's upper end; 0 for the rest. */
    double circ_contract[UI_TAKEAWAY_ACTORS];
    int n_contract; /* vendors with one (at least half a percent) */
    /* When the hub has defaulted: what each lost on it (claims written off and guarantees
     * paid, $B), and that as a share of its value the month before. */
    int hub_failed;
    double lost[UI_TAKEAWAY_ACTORS], lost_share[UI_TAKEAWAY_ACTORS];
} UiTakeaway;

/* The figures of w at its current turn. */
void ui_takeaway_compute(const SimWorld *w, UiTakeaway *t);

typedef struct {
    SDL_FRect tile[4]; /* announcements, obligations, circularity, exposure */
    SDL_FRect questions;
    int n_bars; /* bars drawn in the exposure tile */
} UiTakeawayGeom;

/* Draws the page into (0, 0, width, height), background included. questions: n_questions
 * strings for the class (may be 0). hint: a line of keys at the top right, or NULL. */
void ui_takeaway_draw(UiDraw *d, int width, int height, const SimWorld *w,
                      const char *const *questions, int n_questions, const char *hint,
                      UiTakeawayGeom *g);

#endif
