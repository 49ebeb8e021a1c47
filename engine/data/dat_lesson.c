/* dat_lesson: the classroom notes of a scenario (see dat_lesson.h). */
#include "dat_lesson.h"

#include "dat_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LESSON_BYTES (1u << 20)

static int by_event(const void *a, const void *b)
{
    const DatLesson *x = a, *y = b;
    return (x->event > y->event) - (x->event < y->event);
}

static int read_lessons(DatReader *r, const cJSON *root, const SimScenario *sc, DatLessons *out)
{
    static const char *const top[] = {"format", "version", "scenario", "lessons", "debrief", NULL};
    static const char *const item[] = {"event", "explain", "question", NULL};
    if (dat_object(r, root, "an object", top) < 0)
        return -1;
    char format[64], scenario[SIM_ID_LEN];
    if (dat_string(r, root, "format", DAT_REQUIRED, 1, NULL, format, sizeof format) < 0)
        return -1;
    if (strcmp(format, "closedloop-lessons") != 0)
        return dat_fail_tr(r, "format", "err.lesson.format",
                           "expected \"closedloop-lessons\", got \"{1}\"", format, NULL);
    int version = 0;
    if (dat_int(r, root, "version", DAT_REQUIRED, 1, 1, 1, &version) < 0)
        return -1;
    if (dat_string(r, root, "scenario", DAT_REQUIRED, 1, NULL, scenario, sizeof scenario) < 0)
        return -1;
    if (strcmp(scenario, sc->id) != 0)
        return dat_fail_tr(r, "scenario", "err.lesson.scenario",
                           "these notes are for scenario \"{1}\", not \"{2}\"", scenario, sc->id,
                           NULL);
    const cJSON *arr = NULL;
    int n = 0;
    if (dat_array(r, root, "lessons", DAT_REQUIRED, 0, sc->n_events, &arr, &n) < 0)
        return -1;
    out->lessons = calloc(n > 0 ? (size_t)n : 1, sizeof *out->lessons);
    if (!out->lessons)
        return dat_fail_tr(r, "lessons", "err.oom", "out of memory", NULL);
    int k = 0;
    size_t in_list = dat_enter_key(r, "lessons");
    for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next, k++) {
        size_t mark = dat_enter_index(r, k);
        DatLesson *l = &out->lessons[k];
        char id[SIM_TAG_LEN];
        if (dat_object(r, it, "a lesson object", item) < 0 ||
            dat_string(r, it, "event", DAT_REQUIRED, 1, NULL, id, sizeof id) < 0 ||
            dat_string(r, it, "explain", DAT_REQUIRED, 1, NULL, l->explain, sizeof l->explain) <
                0 ||
            dat_string(r, it, "question", DAT_REQUIRED, 1, NULL, l->question, sizeof l->question) <
                0)
            return -1;
        l->event = -1;
        for (int e = 0; e < sc->n_events; e++)
            if (strcmp(sc->events[e].id, id) == 0)
                l->event = e;
        if (l->event < 0)
            return dat_fail_tr(r, "event", "err.lesson.no_event",
                               "no event \"{1}\" in scenario \"{2}\"", id, sc->id, NULL);
        for (int j = 0; j < k; j++)
            if (out->lessons[j].event == l->event) {
                char at[16];
                snprintf(at, sizeof at, "%d", j);
                return dat_fail_tr(r, "event", "err.lesson.event_twice",
                                   "event \"{1}\" has a note already (lessons[{2}])", id, at, NULL);
            }
        out->n++;
        dat_leave(r, mark);
    }
    dat_leave(r, in_list);
    qsort(out->lessons, (size_t)out->n, sizeof *out->lessons, by_event);
    if (dat_array(r, root, "debrief", DAT_OPTIONAL, 0, DAT_LESSON_DEBRIEF, &arr, &n) < 0)
        return -1;
    k = 0;
    in_list = dat_enter_key(r, "debrief");
    for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next, k++) {
        size_t mark = dat_enter_index(r, k);
        if (!cJSON_IsString(it) || !it->valuestring[0] ||
            strlen(it->valuestring) >= sizeof out->debrief[0]) {
            char got[64];
            dat_describe(it, got, sizeof got);
            char most[32];
            snprintf(most, sizeof most, "%zu", sizeof out->debrief[0] - 1);
            return dat_fail_tr(r, NULL, "err.lesson.question",
                               "expected a question of 1 to {1} bytes, got {2}", most, got, NULL);
        }
        strcpy(out->debrief[k], it->valuestring);
        out->n_debrief++;
        dat_leave(r, mark);
    }
    dat_leave(r, in_list);
    return 0;
}

typedef struct {
    const SimScenario *sc;
    DatLessons *out; /* made here; NULL when the reading failed */
} Doc;

static int read_doc(DatReader *r, const cJSON *root, void *ctx)
{
    Doc *d = ctx;
    if (!(d->out = calloc(1, sizeof *d->out))) {
        char oom[128];
        return core_errf(r->err, r->errsz, "%s: %s", r->file,
                         dat_tr(oom, sizeof oom, "err.oom", "out of memory", NULL));
    }
    if (read_lessons(r, root, d->sc, d->out) < 0) {
        dat_lessons_free(d->out);
        d->out = NULL;
        return -1;
    }
    return 0;
}

DatLessons *dat_lessons_parse(const char *text, size_t len, const char *file, const SimScenario *sc,
                              char *err, size_t errsz)
{
    Doc d = {sc, NULL};
    dat_json_read_text(text, len, file, read_doc, &d, err, errsz);
    return d.out;
}

DatLessons *dat_lessons_load(const char *path, const SimScenario *sc, char *err, size_t errsz)
{
    Doc d = {sc, NULL};
    dat_json_read_file(path, MAX_LESSON_BYTES, read_doc, &d, err, errsz);
    return d.out;
}

const DatLesson *dat_lesson_for(const DatLessons *l, int event)
{
    for (int k = 0; l && k < l->n; k++)
        if (l->lessons[k].event == event)
            return &l->lessons[k];
    return NULL;
}

void dat_lessons_free(DatLessons *l)
{
    if (!l)
        return;
    free(l->lessons);
    free(l);
}
