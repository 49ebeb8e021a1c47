/* app_class: the classroom's story mode of the window, as state: which notes belong to the
 * scenario being played, and which cards wait to be shown after a month.
 *
 * The notes are the file the scenario declares ("classroom", relative to the scenario file), else
 * those of scenario ID, assets/classroom/ID.json, found under $CLOSEDLOOP_CLASSROOM (a
 * folder) if set, else under the working folder, else under the source tree. After each month
 * app_class_month queues a card for every historical event of that month that has a note and
 * that the game told or played (no card tells of a failure the game did not have); the window
 * shows them one by one (ui_lesson) and the game waits. The cards are in the reader's
 * language: the notes and titles through the content table (core_tr_content), the frame words
 * through the feed table (story.class.*).
 *
 * Ownership: app_class_create / app_class_destroy; the class owns its notes. */
#ifndef APP_CLASS_H
#define APP_CLASS_H

#include "dat_lesson.h"
#include "sim_world.h"
#include "ui_lesson.h"

#include <stddef.h>

#define APP_CLASS_CARDS 16

typedef struct {
    DatLessons *notes;
    int cards[APP_CLASS_CARDS]; /* scenario event indexes waiting to be shown (-1: the
                                   scenario's own lesson) */
    int n_cards;
    char when[48]; /* "September 2025" for the cards on show */
} AppClass;

/* Loads the notes of w's scenario. NULL with err naming the file and what is wrong. */
AppClass *app_class_create(const SimWorld *w, char *err, size_t errsz);
void app_class_destroy(AppClass *c);

/* Queues the scenario's own lesson (what a class should notice in it) as a first card, if it
 * has one; returns 1 if it did. */
int app_class_intro(AppClass *c, const SimWorld *w);

/* Queues the cards of the month just played (w->turn - 1); returns how many. */
int app_class_month(AppClass *c, const SimWorld *w);

/* Card k of those queued (0 <= k < n_cards); 0 if there is none. */
int app_class_card_at(const AppClass *c, const SimWorld *w, int k, UiLessonCard *out);

/* Drops the cards waiting. */
void app_class_clear(AppClass *c);

/* Whether the game told or played scenario event e (a news item the engine skipped, a deal after
 * a failure that did not come: not; other deal events: yes, the record is the lesson) and its
 * month has been played (w->turn). The window's story cards and the handout after a game show the
 * events the game had. */
int app_class_had(const SimWorld *w, int e);

#endif
