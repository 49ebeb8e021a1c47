/* app_play_input: keys and clicks in the window.
 *
 * Reads SDL's pending events each frame and turns them into changes of Play: the desk's keys
 * and clicks, the teacher's lever panel, the story and failure cards, the saves list, auto-play
 * and its speed, the UI scale, help, debrief, screenshots (asked for here, taken by the frame)
 * and quitting (p->quit). Nothing here allocates; what it changes app_play frees. */
#ifndef APP_PLAY_INPUT_H
#define APP_PLAY_INPUT_H

#include "app_play_state.h"

/* Handles every pending event. */
void app_play_handle_events(Play *p);

#endif
