/* sim_after: what a drafted deal would do to the party drafting it, before anyone answers: the
 * market's expected first-day move of each party, and the drafter's cash, dues and exposure once
 * the deal is in force. The window's deal dialog (ui_desk) and the classroom's `forecast` message
 * (net_forecast) show these same numbers; neither writes the world. */
#ifndef SIM_AFTER_H
#define SIM_AFTER_H

#include "sim_world.h"

/* The market's expected first-day move (a fraction, before noise) of actor `who`, a party of t,
 * if t were announced now (0 for an actor that is not a party). */
double sim_after_move(const SimWorld *w, int who, const SimTerms *t);

/* Actor me after terms t, $B: cash now and after the deal's first payment (what it pays or
 * receives then; other flows aside), what it owes within 12 months, and its exposure to others
 * now and once the deal is fully in force (a loan drawn, a build funded). rescue: t.amount is
 * money put into a firm this month (paid at once: cash only). */
typedef struct {
    double cash, cash_after;
    double due, due_after;
    double exposure, exposure_after;
    int first_turn; /* the world's turn of the first payment */
} SimAfter;
void sim_after_terms(const SimWorld *w, int me, const SimTerms *t, int rescue, SimAfter *a);

#endif
