/* app_window: the window's size, full screen and scale (see app_window.h). */
#include "app_window.h"

#include "ui_scale.h"

#include <stdio.h>
#include <stdlib.h>

/* The size the window opens at, in points (see app_window_open). */
static void app_window_size(const AppOptions *o, int *w, int *h)
{
    *w = 1280;
    *h = 800;
    if (o && o->win_w > 0 && o->win_h > 0) {
        *w = o->win_w;
        *h = o->win_h;
        return;
    }
    /* $CLOSEDLOOP_WINDOW=WxH: a fixed size whatever the screen (the window tests use it). */
    const char *env = getenv("CLOSEDLOOP_WINDOW");
    int ew = 0, eh = 0;
    if (env && sscanf(env, "%dx%d", &ew, &eh) == 2 && ew >= 640 && eh >= 400) {
        *w = ew;
        *h = eh;
        return;
    }
    SDL_Rect r;
    if (SDL_GetDisplayUsableBounds(0, &r) != 0 || r.w < 640 || r.h < 400)
        return;
    /* A margin so that the window's frame and title bar stay on the screen. */
    int mw = r.w / 20 > 32 ? r.w / 20 : 32, mh = r.h / 12 > 48 ? r.h / 12 : 48;
    *w = r.w - mw;
    *h = r.h - mh;
}

/* Full screen is a borderless window over the whole display the window is on ("borderless
 * full screen", as SDL's desktop full screen is on most systems): it needs no window manager's
 * help (a bare X server, a kiosk) and changes no video mode. The window's place and size before
 * are kept in its data to go back to. */
#define KEY_RECT "closedloop.windowed"

int app_window_is_fullscreen(SDL_Window *win)
{
    return SDL_GetWindowData(win, KEY_RECT) != NULL;
}

static SDL_Rect windowed; /* the window's place before full screen (one window in the program) */

SDL_Window *app_window_open(const AppOptions *o)
{
    int w = 1280, h = 800;
    app_window_size(o, &w, &h);
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    SDL_Rect b;
    if (o && o->fullscreen && SDL_GetDisplayBounds(0, &b) == 0) {
        /* Made over the display at once (a window moved after it is shown may be placed again
         * by the system); F11 gives it the centred size. */
        SDL_Window *win =
            SDL_CreateWindow("closedloop", b.x, b.y, b.w, b.h, flags | SDL_WINDOW_BORDERLESS);
        if (win) {
            windowed = (SDL_Rect){b.x + (b.w - w) / 2, b.y + (b.h - h) / 2, w, h};
            SDL_SetWindowData(win, KEY_RECT, &windowed);
        }
        return win;
    }
    return SDL_CreateWindow("closedloop", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                            flags);
}

int app_window_set_fullscreen(SDL_Window *win, int on)
{
    if (on == app_window_is_fullscreen(win))
        return on;
    if (on) {
        SDL_Rect b;
        int disp = SDL_GetWindowDisplayIndex(win);
        if (SDL_GetDisplayBounds(disp < 0 ? 0 : disp, &b) != 0)
            return 0;
        SDL_GetWindowPosition(win, &windowed.x, &windowed.y);
        SDL_GetWindowSize(win, &windowed.w, &windowed.h);
        SDL_SetWindowData(win, KEY_RECT, &windowed);
        SDL_SetWindowBordered(win, SDL_FALSE);
        SDL_SetWindowPosition(win, b.x, b.y);
        SDL_SetWindowSize(win, b.w, b.h);
        SDL_RaiseWindow(win);
    } else {
        SDL_SetWindowData(win, KEY_RECT, NULL);
        SDL_SetWindowBordered(win, SDL_TRUE);
        SDL_SetWindowSize(win, windowed.w, windowed.h);
        SDL_SetWindowPosition(win, windowed.x, windowed.y);
    }
    return on;
}

double app_window_scale(SDL_Window *win, SDL_Renderer *r, double user, double *ratio)
{
    int ww = 1, wh = 1, ow = 1, oh = 1;
    SDL_GetWindowSize(win, &ww, &wh);
    SDL_GetRendererOutputSize(r, &ow, &oh);
    double pr = ww > 0 ? (double)ow / ww : 1.0;
    if (ratio)
        *ratio = pr;
    return ui_scale_layout(ow, oh, pr, user);
}
