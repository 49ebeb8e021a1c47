/* app_play_news: the news log in the window: its data (app_news) kept up with the world, the
 * rows handed to the screen, and the keys, wheel and clicks that move it.
 *
 * Keys: PgUp / PgDn a page, Home month 1, End the latest (following again), F the next filter
 * (Shift+F the one before); the mouse wheel over the log scrolls it three rows a notch; a click
 * on a toggle picks its filter, on the scrollbar jumps there. After a move the window says on
 * `out` which rows are shown ("news log: rows 1-7 of 64 from January 2025, filter all"); with
 * CLOSEDLOOP_NEWS_DUMP set in the environment it also writes each row shown ("news| deal| ..."),
 * for the tests. Its header is shared by app_play and app_play_input only. */
#ifndef APP_PLAY_NEWS_H
#define APP_PLAY_NEWS_H

#include "app_play_state.h"

#include <SDL.h>

/* Brings the log up to the world and fills the state's news rows, view and filter. */
void app_play_news_state(Play *p, UiScreenState *st);
/* After a frame drawn from st: says where the log is if the user just moved it. */
void app_play_news_drawn(Play *p, const UiScreenState *st);
/* A key, a wheel notch (dy > 0: back), a click: 1 if it was the log's. */
int app_play_news_key(Play *p, const SDL_KeyboardEvent *k);
int app_play_news_wheel(Play *p, float dy);
int app_play_news_click(Play *p, float x, float y);

#endif
