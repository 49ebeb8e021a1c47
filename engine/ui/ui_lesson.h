/* ui_lesson: the card of the classroom's story mode. When the game reaches the month of a
 * historical event, the window stops and shows, over the screen, what happened that month (the
 * event's title), a short explanation written for students and a question to discuss, with a
 * Continue button. The texts come from the caller (the app reads the notes); this module draws
 * them large enough to be read from the back of a room.
 *
 * Ownership: the caller owns the texts and the geometry; nothing here allocates beyond a call. */
#ifndef UI_LESSON_H
#define UI_LESSON_H

#include "ui_draw.h"

#include <SDL.h>

typedef struct {
    const char *when;     /* "September 2025" */
    const char *title;    /* the event's title */
    const char *explain;  /* for students */
    const char *question; /* to discuss ("" or NULL: none) */
    int index, count;     /* this card is index + 1 of count this month */
} UiLessonCard;

typedef struct {
    SDL_FRect box, question, btn_next, btn_leave;
} UiLessonGeom;

typedef enum { UI_LESSON_NONE, UI_LESSON_NEXT, UI_LESSON_LEAVE, UI_LESSON_INSIDE } UiLessonHit;

/* Draws the card centred on screen (the screen behind is dimmed). mx, my: the mouse, for hover. */
void ui_lesson_draw(UiDraw *d, SDL_FRect screen, const UiLessonCard *card, float mx, float my,
                    UiLessonGeom *g);

/* What a click means, per the last draw: Continue, Leave story mode, or anywhere else (the card
 * is modal: UI_LESSON_INSIDE). */
UiLessonHit ui_lesson_hit(const UiLessonGeom *g, float x, float y);

#endif
