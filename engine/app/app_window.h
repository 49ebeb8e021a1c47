/* app_window: the game window's size, full screen and interface scale, shared by the start
 * screen and the game.
 *
 * The window opens sized to the screen it is on: its usable area (without task bars) less a
 * margin, unless --size WxH names a size; --fullscreen, the start screen's option or F11 make it
 * cover the screen: a borderless window over the whole display, which needs no window manager's
 * help and changes no video mode; F11 again gives the window back its place and size. Each frame
 * takes its UiDraw scale from ui_scale_layout (ui_scale.h): the window's size in pixels, its pixel
 * ratio (HiDPI) and the user's scale. */
#ifndef APP_WINDOW_H
#define APP_WINDOW_H

#include "app_cli.h"

#include <SDL.h>

/* The game's window (titled "closedloop"), centred, at --size, else $CLOSEDLOOP_WINDOW (WxH), else
 * the usable area of display 0 less a margin (1280x800 when SDL cannot say), or over the whole
 * display with --fullscreen. NULL with SDL_GetError on failure. */
SDL_Window *app_window_open(const AppOptions *o);
/* Whether win covers its screen now. */
int app_window_is_fullscreen(SDL_Window *win);
/* Full screen on (on = 1) or off; returns the state reached (off if the display cannot be
 * measured). */
int app_window_set_fullscreen(SDL_Window *win, int on);
/* The UiDraw scale for the next frame of win drawn by r at the user's scale; *ratio (if not
 * NULL) receives the output pixels per window point, for mouse coordinates. */
double app_window_scale(SDL_Window *win, SDL_Renderer *r, double user, double *ratio);

#endif
