/* app_story: the game told in plain sentences, and the final table.
 *
 * Reads a SimWorld (never writes it) and prints to a FILE the month's events as sentences: who
 * did what and why, the money that moved, how prices reacted and why. Also the money formatter
 * the rest of the app uses. Nothing here allocates.
 *
 * The telling is in the language in use (core_text): every sentence is a template of the feed
 * table (assets/lang/<code>/feed.json, keys story.*) filled with the figures; names, scenario
 * texts and classroom notes go through the content table, strategies' reasons through
 * core_text_pick. The game told is the same in every language: only the words differ, and each
 * event takes as many lines in one language as in another. */
#ifndef APP_STORY_H
#define APP_STORY_H

#include "sim_world.h"

#include <stddef.h>
#include <stdio.h>

/* Tells the events w->events[first .. end) of turn `turn`, with the month's heading and a line on
 * the money that moved, if anything worth telling happened. */
void app_story_turn(FILE *out, const SimWorld *w, int turn, int first, int end);

/* Tells event k of the world's log as app_story_turn does, without the month's heading: its lines,
 * or nothing for an event the story leaves out; a run of rivals' moves on one announcement (k its
 * first, end the end of the month's events) is one line. Returns the index after what it told. */
int app_story_event(FILE *out, const SimWorld *w, int k, int end);

/* What Lua strategies printed in turn `turn` (the engine's record does not hold it). */
void app_story_script_notes(FILE *out, const SimWorld *w, int turn);

/* The final table: market value change, value added on announcement days, exposure to the hub,
 * circularity, obligations against revenue, scores; then the ending, the totals and the verdict. */
void app_story_table(FILE *out, const SimWorld *w);

#endif
