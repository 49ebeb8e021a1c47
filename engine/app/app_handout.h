/* app_handout: `closedloop handout [SCENARIO] --out FILE.pdf [--paper a4|letter] [--load SAVE |
 * --seed N --strategy ROLE=NAME ...]`: the teacher's printable handout of a scenario, as a PDF
 * (ui_pdf: cairo, the window's fonts embedded), in the language in use (--lang).
 *
 * A cover (the scenario's title and story, its question, its companies), one section per story
 * card (the month, the event, the note for students, the question with lines to write on; after
 * a game, only the events it had, as story mode showed them, and a line naming the others), the
 * classroom notes' debrief questions, and, after a game, its lesson in numbers: how the game
 * ended and what decided it, the four figures of the window's lesson screen (the same
 * functions compute them: ui_takeaway_compute, ui_debrief_headline, ui_debrief_verdict), charts
 * of market values and of the hub's obligations against its revenue, and the final scores.
 * The game is a save (--load: the lesson as it stands in it) or one played headless to its end
 * first (--seed and/or --strategy); with neither, the handout is for before the game.
 *
 * The file is written atomically (a temporary beside it, renamed once whole) and the same
 * inputs give the same bytes. Exit status: 0 written; 1 the engine or the writing failed; 2 bad
 * input (a flag, the scenario, the save, an --out that cannot be written). */
#ifndef APP_HANDOUT_H
#define APP_HANDOUT_H

#include "dat_lesson.h"
#include "sim_world.h"
#include "ui_pdf.h"

#include <stdio.h>

/* `closedloop handout ...` (argv[1] is "handout"): the process exit status. */
int app_handout_main(int argc, char **argv, FILE *out, FILE *errout);

/* Sets the handout of w down in p: the cover, the cards (notes may be NULL: none), the debrief
 * questions and, if played, the lesson in numbers of w at its current turn (app_handout_doc.c). */
void app_handout_write(UiPdf *p, const SimWorld *w, const DatLessons *notes, int played);

#endif
