/* app_class: the classroom's story mode (see app_class.h). */
#include "app_class.h"

#include "app_path.h"
#include "core_err.h"
#include "core_month.h"
#include "core_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The notes' path for scenario sc: the file it declares (relative to its own), else, by its id,
 * the first folder that has them, else the source tree's. */
static void notes_path(const SimScenario *sc, char *buf, size_t n)
{
    const char *id = sc->id;
    if (sc->classroom[0]) {
        if (sc->dir[0])
            snprintf(buf, n, "%s/%s", sc->dir, sc->classroom);
        else
            snprintf(buf, n, "%s", sc->classroom);
        return;
    }
    app_classroom_path(id, buf, n);
}

AppClass *app_class_create(const SimWorld *w, char *err, size_t errsz)
{
    char path[4096];
    notes_path(w->sc, path, sizeof path);
    AppClass *c = calloc(1, sizeof *c);
    if (!c) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    c->notes = dat_lessons_load(path, w->sc, err, errsz);
    if (!c->notes) {
        free(c);
        return NULL;
    }
    return c;
}

void app_class_destroy(AppClass *c)
{
    if (!c)
        return;
    dat_lessons_free(c->notes);
    free(c);
}

/* Whether the game told or played scenario event e: a card never tells of a failure the game did
 * not have (a news item the engine skipped, a deal after a failure that did not come). Other
 * deal events keep their card whether or not the players made them: the record is the lesson. */
static int app_class_happened(const SimWorld *w, int e)
{
    const SimScenarioEvent *ev = &w->sc->events[e];
    if (ev->type == SIM_SEV_NEWS) {
        for (int k = w->n_events - 1; k >= 0; k--)
            if (w->events[k].kind == SIM_LOG_NEWS && w->events[k].scenario_event == e)
                return 1;
        return 0;
    }
    if (ev->type == SIM_SEV_DEAL && ev->after_default >= 0) {
        for (int d = 0; d < w->n_deals; d++)
            if (w->deals[d].history_event == e)
                return 1;
        return 0;
    }
    return 1;
}

int app_class_had(const SimWorld *w, int e)
{
    return w->turn >= 1 && w->sc->events[e].month <= w->sc->start + w->turn - 1 &&
           app_class_happened(w, e);
}

int app_class_month(AppClass *c, const SimWorld *w)
{
    c->n_cards = 0;
    if (w->turn < 1)
        return 0;
    int month = w->sc->start + w->turn - 1;
    for (int e = 0; e < w->sc->n_events && c->n_cards < APP_CLASS_CARDS; e++)
        if (w->sc->events[e].month == month && dat_lesson_for(c->notes, e) &&
            app_class_happened(w, e))
            c->cards[c->n_cards++] = e;
    core_tr_month(month, c->when, sizeof c->when);
    return c->n_cards;
}

int app_class_intro(AppClass *c, const SimWorld *w)
{
    c->n_cards = 0;
    if (!w->sc->lesson[0])
        return 0;
    c->cards[c->n_cards++] = -1;
    snprintf(c->when, sizeof c->when, "%s", core_tr("story.class.before"));
    return 1;
}

int app_class_card_at(const AppClass *c, const SimWorld *w, int k, UiLessonCard *out)
{
    if (!c || k < 0 || k >= c->n_cards)
        return 0;
    int e = c->cards[k];
    if (e < 0) {
        out->when = c->when;
        out->title = core_tr_content(w->sc->title);
        out->explain = core_tr_content(w->sc->lesson);
        out->question = "";
        out->index = k;
        out->count = c->n_cards;
        return 1;
    }
    const DatLesson *l = dat_lesson_for(c->notes, e);
    if (!l)
        return 0;
    out->when = c->when;
    /* The notes and titles are written in English in the data files; the reader sees them in
     * their language when the content table has them. */
    out->title = core_tr_content(w->sc->events[e].title);
    out->explain = core_tr_content(l->explain);
    out->question = core_tr_content(l->question);
    out->index = k;
    out->count = c->n_cards;
    return 1;
}

void app_class_clear(AppClass *c)
{
    c->n_cards = 0;
}
