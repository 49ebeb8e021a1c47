/* app_teach: the story cards a networked game offers (see app_teach.h). */
#include "app_teach.h"

#include "app_class.h"
#include "app_path.h"
#include "core_err.h"
#include "core_month.h"
#include "dat_lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct AppTeach {
    AppClass *cls;
    CoreText *content[CORE_LANG_COUNT]; /* English content texts to each language's */
    NetCard cards[NET_CARD_OFFERS];
    int n;
    int intro_done;
};

AppTeach *app_teach_create(const SimWorld *w, char *err, size_t errsz)
{
    AppTeach *t = calloc(1, sizeof *t);
    if (!t) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    t->cls = app_class_create(w, err, errsz);
    if (!t->cls) {
        free(t);
        return NULL;
    }
    for (int l = 0; l < CORE_LANG_COUNT; l++) {
        if (l == CORE_LANG_EN)
            continue;
        char rel[16], dir[4096], why[512];
        snprintf(rel, sizeof rel, "lang/%s", core_lang_code((CoreLang)l));
        CoreText *strings = core_text_create();
        t->content[l] = core_text_create();
        /* A language that cannot be read leaves its cards in English. */
        if (strings && t->content[l] &&
            dat_lang_load(app_data_path(rel, dir, sizeof dir), strings, t->content[l], why,
                          sizeof why) < 0) {
            core_text_destroy(t->content[l]);
            t->content[l] = NULL;
        }
        core_text_destroy(strings);
    }
    return t;
}

void app_teach_destroy(AppTeach *t)
{
    if (!t)
        return;
    app_class_destroy(t->cls);
    for (int l = 0; l < CORE_LANG_COUNT; l++)
        core_text_destroy(t->content[l]);
    free(t);
}

/* The words of an English content text in language l ("" if its table has none). */
static void word(const AppTeach *t, int l, const char *english, char *out, size_t n)
{
    const char *s = l == CORE_LANG_EN ? english
                    : t->content[l]   ? core_text_find(t->content[l], english)
                                      : NULL;
    snprintf(out, n, "%s", s && english[0] ? s : "");
}

/* Adds a card (the oldest goes when the list is full). */
static void add(AppTeach *t, const char *id, int month, const char *title, const char *explain,
                const char *question)
{
    if (t->n == NET_CARD_OFFERS) {
        memmove(t->cards, t->cards + 1, (NET_CARD_OFFERS - 1) * sizeof *t->cards);
        t->n--;
    }
    NetCard *c = &t->cards[t->n++];
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    core_month_format(month, c->month, sizeof c->month);
    for (int l = 0; l < CORE_LANG_COUNT; l++) {
        NetCardWords *x = &c->words[l];
        word(t, l, title, x->title, sizeof x->title);
        word(t, l, explain, x->explain, sizeof x->explain);
        word(t, l, question, x->question, sizeof x->question);
        if (!x->title[0]) /* a language without the title has no card of its own */
            memset(x, 0, sizeof *x);
    }
}

int app_teach_offer(AppTeach *t, const SimWorld *w, NetGame *g)
{
    int added = 0;
    if (!t->intro_done) {
        t->intro_done = 1;
        if (w->sc->lesson[0]) {
            add(t, w->sc->id, w->sc->start, w->sc->title, w->sc->lesson, "");
            added++;
        }
    }
    int n = w->turn >= 1 ? app_class_month(t->cls, w) : 0;
    for (int k = 0; k < n; k++) {
        int e = t->cls->cards[k];
        const DatLesson *l = e >= 0 ? dat_lesson_for(t->cls->notes, e) : NULL;
        if (!l)
            continue;
        const SimScenarioEvent *ev = &w->sc->events[e];
        add(t, ev->id, ev->month, ev->title, l->explain, l->question);
        added++;
    }
    app_class_clear(t->cls);
    net_game_card_offer(g, t->cards, t->n);
    return added;
}

int app_teach_restore(AppTeach *t, const SimWorld *w, NetGame *g, const DatRoomCard *saved)
{
    t->intro_done = 1;
    t->n = 0;
    for (int k = 0; k < saved->n_offers; k++) {
        const char *id = saved->offers[k];
        if (strcmp(id, w->sc->id) == 0 && w->sc->lesson[0]) {
            add(t, w->sc->id, w->sc->start, w->sc->title, w->sc->lesson, "");
            continue;
        }
        for (int e = 0; e < w->sc->n_events; e++) {
            const SimScenarioEvent *ev = &w->sc->events[e];
            const DatLesson *l = strcmp(ev->id, id) == 0 ? dat_lesson_for(t->cls->notes, e) : NULL;
            if (l) {
                add(t, ev->id, ev->month, ev->title, l->explain, l->question);
                break;
            }
        }
    }
    net_game_card_offer(g, t->cards, t->n);
    return t->n;
}
