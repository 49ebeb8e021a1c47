/* app_play: the `play` command: the game in a window.
 *
 * Loads the scenario and seats the strategies as `run` does (every role plays its playbook
 * unless --strategy says otherwise), opens a resizable SDL window and runs the frame loop:
 * keys and mouse step the game a month at a time or auto-play it, the story of each month goes
 * to `out` (and its last lines to the window's news feed), "turn N" is printed after each month
 * played. With no display (SDL_Init or the window fails) it says so on errout and falls back to
 * the headless run with PNG files (in --png DIR, or the working folder).
 *
 * Returns the process exit status (0 played, 1 engine or SDL failure, 2 bad input). Everything
 * it opens it closes before returning. */
#ifndef APP_PLAY_H
#define APP_PLAY_H

#include "app_cli.h"

#include <stdio.h>

int app_play(const AppOptions *o, FILE *out, FILE *errout);

#endif
