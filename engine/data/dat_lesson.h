/* dat_lesson: the classroom notes of a scenario, read from assets/classroom/SCENARIO.json.
 *
 * For each historical event of the scenario (by its id) a short explanation written for students
 * and a question to discuss; and the questions of the closing debrief. The window's story mode
 * stops at each event's month and shows its note. The file is checked like a scenario: strict
 * JSON, unknown or duplicate keys refused, every event id must name an event of the scenario it
 * is read for, each at most once; errors say "FILE: $.lessons[3].event: ...".
 *
 * Ownership: dat_lessons_load returns a DatLessons the caller frees with dat_lessons_free. */
#ifndef DAT_LESSON_H
#define DAT_LESSON_H

#include "sim_scenario.h"

#include <stddef.h>

#define DAT_LESSON_EXPLAIN  1024
#define DAT_LESSON_QUESTION 512
#define DAT_LESSON_DEBRIEF  8

typedef struct {
    int event; /* index in the scenario's events */
    char explain[DAT_LESSON_EXPLAIN];
    char question[DAT_LESSON_QUESTION];
} DatLesson;

typedef struct {
    DatLesson *lessons; /* in the order of the scenario's events */
    int n;
    char debrief[DAT_LESSON_DEBRIEF][DAT_LESSON_QUESTION];
    int n_debrief;
} DatLessons;

/* Reads the notes at path for scenario sc. NULL with err ("FILE: PATH: what was expected"). */
DatLessons *dat_lessons_load(const char *path, const SimScenario *sc, char *err, size_t errsz);

/* The same from len bytes of text; `file` names it in messages. */
DatLessons *dat_lessons_parse(const char *text, size_t len, const char *file, const SimScenario *sc,
                              char *err, size_t errsz);

/* The note of scenario event `event`, or NULL. */
const DatLesson *dat_lesson_for(const DatLessons *l, int event);

void dat_lessons_free(DatLessons *l);

#endif
