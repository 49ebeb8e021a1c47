/* app_story: the game told in plain sentences, and the final table.
 *
 * Reads a SimWorld (never writes it) and prints to a FILE the month's events as sentences: who
 * did what and why, the money that moved, how prices reacted and why. Also the money formatter
 * the rest of the app uses. Nothing here allocates. */
#ifndef APP_STORY_H
#define APP_STORY_H

#include "sim_world.h"

#include <stddef.h>
#include <stdio.h>

/* "$13B", "$1.25T", "$640M" (negative amounts get a leading minus). */
void app_fmt_money(double billions, char *buf, size_t bufsz);

/* Tells the events w->events[first .. end) of turn `turn`, with the month's heading and a line on
 * the money that moved, if anything worth telling happened. */
void app_story_turn(FILE *out, const SimWorld *w, int turn, int first, int end);

/* What Lua strategies printed in turn `turn` (the engine's record does not hold it). */
void app_story_script_notes(FILE *out, const SimWorld *w, int turn);

/* The final table: market value change, value added on announcement days, exposure to the hub,
 * circularity, obligations against revenue, scores; then the ending and the totals. */
void app_story_table(FILE *out, const SimWorld *w);

#endif
