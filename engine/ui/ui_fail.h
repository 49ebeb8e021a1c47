/* ui_fail: the card the window shows the month a firm defaults. The game goes on after any
 * default (the calendar runs to its end), so without it a failure would pass in one line of the
 * news. The card says who failed and when, its place in the order of failures and the round of
 * its month's clearing (sim_cascade: on its own, or brought down by another's failure), the share
 * of the system's value its failure put at risk, what its creditors recovered and what the firms
 * of the game lost on it, and that the game goes on to the calendar's end, with the debrief a
 * key away. Several failures in one month are several cards ("2 of 3").
 *
 * ui_fail_card fills the texts from the world (in the reader's language); ui_fail_to_card puts
 * them on the window's one card (ui_card), which draws them over the dimmed screen. Reads the
 * world, never writes it; allocates nothing. Ownership: the caller owns the world, the card and the
 * geometry. */
#ifndef UI_FAIL_H
#define UI_FAIL_H

#include "sim_world.h"
#include "ui_card.h"

#define UI_FAIL_TEXT 400

typedef struct {
    int actor;                   /* who failed */
    char when[48];               /* "January 2029" */
    char head[160];              /* "DEFAULT  ·  January 2029  ·  1 OF 2" */
    char title[UI_FAIL_TEXT];    /* "OpenAI has failed" */
    char order[UI_FAIL_TEXT];    /* its place in the order of failures, the round, its weight */
    char recovery[UI_FAIL_TEXT]; /* what its creditors recovered and the firms lost ("": none) */
    char goes_on[UI_FAIL_TEXT];  /* "The game goes on to December 2033; press D ..." */
} UiFailCard;

/* The defaults of the month `turn` (0-based: the month played to reach snapshot turn + 1) in
 * the order of failures, into actors (room for max); returns how many. */
int ui_fail_month(const SimWorld *w, int turn, int *actors, int max);

/* The card of actor i's default (it has defaulted), card index of count that month. */
void ui_fail_card(const SimWorld *w, int i, int index, int count, UiFailCard *c);

/* The card as ui_card draws it (index of count: its place among the cards on show), with the
 * debrief as its action. out points into c, which must outlive it. */
void ui_fail_to_card(const UiFailCard *c, int index, int count, UiCard *out);

#endif
