/* app_news: the news log's data, built from the world's record.
 *
 * Every event of the world's log (SimEvent) the story tells becomes one entry per line of its
 * telling (app_story_event), with its month, its kind (ui_news.h: story, deal, market, loss,
 * lever, note), the actors it involves and whose outcome it is (ui_news_owner); each month played
 * ends with the month's money line when the story has one. Because it is built from the record,
 * a game loaded from a save has the same log as the game that was saved. app_news_sync brings
 * the log up to the world (the new events since the last call, or all of it again for another
 * world or language); notes the app adds (a save loaded, a strategy's printed note) are kept
 * beside, by month, and are not in a save.
 *
 * app_news_rows gives the rows the window draws for a filter: a header per month, the entries
 * that pass, and "No news this month" for a month played with none (unfiltered); a filtered view
 * leaves out the months with nothing for it.
 *
 * Ownership: an AppNews owns its entries, texts and rows; app_news_free frees it all. Rows point
 * into the AppNews and live until the next app_news_sync, app_news_rows or app_news_clear. */
#ifndef APP_NEWS_H
#define APP_NEWS_H

#include "sim_world.h"
#include "ui_news.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int month; /* turn index */
    UiNewsKind kind;
    int cont;        /* a follow-up line of the entry before */
    int owner;       /* whose outcome (ui_news_owner), or -1 */
    uint64_t actors; /* bit i: actor i is involved */
    int event;       /* the first event told (index in the world's log), or -1 */
    char *text;
} AppNewsEntry;

typedef struct AppNews AppNews;

AppNews *app_news_new(void);
void app_news_free(AppNews *n);
/* Forgets everything (entries and notes): another game. */
void app_news_clear(AppNews *n);
/* Brings the entries up to w: the events logged since the last call (the same world), or every
 * event again (another world, fewer events than before, another language). 0, or -1 out of
 * memory (the log then stays as it was). */
int app_news_sync(AppNews *n, const SimWorld *w);
/* A note of the app's for month `month` (kind UI_NEWS_NOTE; text is copied). */
int app_news_note(AppNews *n, int month, const char *text);

int app_news_count(const AppNews *n);
const AppNewsEntry *app_news_entry(const AppNews *n, int i);

/* Whether entry e passes filter f for actor me (-1: nobody; "my company" then passes nothing). */
int app_news_pass(const AppNewsEntry *e, UiNewsFilter f, int me);

/* The rows to draw for filter f: me as for app_news_pass; yours: the actors whose outcomes are
 * marked (bit i, the people's seats). *out points into n. Returns the count, or -1 out of
 * memory. */
int app_news_rows(AppNews *n, const SimWorld *w, UiNewsFilter f, int me, uint64_t yours,
                  const UiNewsRow **out);

#endif
