/* ui_lesson: the card of the classroom's story mode. When the game reaches the month of a
 * historical event, the window stops and shows, over the screen, what happened that month (the
 * event's title), a short explanation written for students and a question to discuss. The texts
 * come from the caller (the app reads the notes); this module puts them, in the reader's
 * language, on the window's one card (ui_card), which draws them large enough to be read from
 * the back of a room.
 *
 * Ownership: the caller owns the texts and the geometry; nothing here allocates beyond a call. */
#ifndef UI_LESSON_H
#define UI_LESSON_H

#include "ui_card.h"

typedef struct {
    const char *when;     /* "September 2025" */
    const char *title;    /* the event's title */
    const char *explain;  /* for students */
    const char *question; /* to discuss ("" or NULL: none) */
    int index, count;     /* this card is index + 1 of count this month */
} UiLessonCard;

/* The card as ui_card draws it: the texts through the content table (the notes are written in
 * English), "Leave story mode" as its action. The strings stay the caller's (or the table's). */
void ui_lesson_to_card(const UiLessonCard *in, UiCard *out);

#endif
