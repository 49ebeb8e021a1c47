/* app_play: the game window (see app_play.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play.h"

#include "app_run.h"
#include "app_seat.h"
#include "app_story.h"
#include "sim_turn.h"
#include "sim_world.h"
#include "ui_draw.h"
#include "ui_map.h"
#include "ui_screen.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FEED_KEEP 64 /* story lines kept for the news feed */

static const double speeds[] = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0}; /* months a second */
#define N_SPEEDS ((int)(sizeof speeds / sizeof speeds[0]))

typedef struct {
    const AppOptions *o;
    FILE *out, *errout;
    SimWorld *w;
    SDL_Window *win;
    SDL_Renderer *r;
    UiDraw *d;
    UiMap *map;
    char *feed[FEED_KEEP];
    int n_feed;
    int played, over, quit, status;
    int playing, speed_idx, show_help;
    double user_scale, pixel_ratio;
    float mouse_x, mouse_y;
    Uint32 next_step;
    char notice[160];
    Uint32 notice_until;
    int shot_pending, shot_no;
    UiScreenGeom geom;
} Play;

/* ---------------------------------------------------------------- the story and the feed */

static void feed_push(Play *p, const char *line, size_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        return;
    memcpy(s, line, len);
    s[len] = '\0';
    if (p->n_feed == FEED_KEEP) {
        free(p->feed[0]);
        memmove(p->feed, p->feed + 1, (FEED_KEEP - 1) * sizeof p->feed[0]);
        p->n_feed--;
    }
    p->feed[p->n_feed++] = s;
}

/* Tells the month to `out` as `run` does and keeps its non-empty lines for the feed. */
static void tell_month(Play *p, int turn, int first)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        app_story_turn(p->out, p->w, turn, first, p->w->n_events);
        app_story_script_notes(p->out, p->w, turn);
        return;
    }
    app_story_turn(mem, p->w, turn, first, p->w->n_events);
    app_story_script_notes(mem, p->w, turn);
    fclose(mem);
    fwrite(buf, 1, len, p->out);
    for (const char *s = buf; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n > 0)
            feed_push(p, s, n);
        s += n + (e ? 1 : 0);
    }
    free(buf);
}

static void set_title(Play *p)
{
    char t[512];
    if (p->over)
        snprintf(t, sizeof t, "closedloop - %s - game over: %s", p->w->sc->title,
                 sim_end_reason_name(p->w->end));
    else
        snprintf(t, sizeof t, "closedloop - %s", p->w->sc->title);
    SDL_SetWindowTitle(p->win, t);
}

/* Plays one month; stops auto-play when the game ends. */
static void play_turn(Play *p)
{
    if (p->over)
        return;
    char err[1024] = "";
    int first = p->w->n_events, turn = p->w->turn;
    int rc = sim_turn_step(p->w, err, sizeof err);
    if (rc < 0) {
        fprintf(p->errout, "closedloop: engine failure: %s\n", err);
        p->status = 1;
        p->over = 1;
        p->playing = 0;
        set_title(p);
        return;
    }
    tell_month(p, turn, first);
    p->played++;
    fprintf(p->out, "turn %d\n", p->w->turn);
    if (rc == 1) {
        p->over = 1;
        p->playing = 0;
        fprintf(p->out, "game over: %s\n", sim_end_reason_name(p->w->end));
        app_story_table(p->out, p->w);
        set_title(p);
    }
    fflush(p->out);
    if (p->o->quit_after_turns > 0 && p->played >= p->o->quit_after_turns)
        p->quit = 1;
}

/* ---------------------------------------------------------------- screenshots */

static void screenshot(Play *p)
{
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(p->r, &ow, &oh);
    char path[64];
    FILE *f;
    do {
        snprintf(path, sizeof path, "closedloop-shot-%03d.png", ++p->shot_no);
        f = fopen(path, "rb");
        if (f)
            fclose(f);
    } while (f && p->shot_no < 999);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s || SDL_RenderReadPixels(p->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) < 0 ||
        IMG_SavePNG(s, path) < 0) {
        fprintf(p->errout, "closedloop: screenshot %s: %s\n", path, SDL_GetError());
        snprintf(p->notice, sizeof p->notice, "screenshot failed");
    } else {
        fprintf(p->out, "screenshot %s\n", path);
        fflush(p->out);
        snprintf(p->notice, sizeof p->notice, "saved %s", path);
    }
    p->notice_until = SDL_GetTicks() + 3000;
    if (s)
        SDL_FreeSurface(s);
}

/* ---------------------------------------------------------------- input */

static void toggle_play(Play *p)
{
    if (p->over)
        return;
    p->playing = !p->playing;
    p->next_step = SDL_GetTicks();
}

static void change_scale(Play *p, double factor)
{
    double s = p->user_scale * factor;
    p->user_scale = s < 0.5 ? 0.5 : s > 4.0 ? 4.0 : s;
}

static void on_key(Play *p, const SDL_KeyboardEvent *k)
{
    int ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
    switch (k->keysym.sym) {
    case SDLK_SPACE:
        toggle_play(p);
        break;
    case SDLK_n:
    case SDLK_RIGHT:
        play_turn(p);
        break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        if (ctrl)
            change_scale(p, 1.15);
        else if (p->speed_idx < N_SPEEDS - 1)
            p->speed_idx++;
        break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        if (ctrl)
            change_scale(p, 1 / 1.15);
        else if (p->speed_idx > 0)
            p->speed_idx--;
        break;
    case SDLK_h:
    case SDLK_F1:
        p->show_help = !p->show_help;
        break;
    case SDLK_s:
        p->shot_pending = 1;
        break;
    case SDLK_ESCAPE:
        if (p->show_help)
            p->show_help = 0;
        else
            p->quit = 1;
        break;
    case SDLK_q:
        p->quit = 1;
        break;
    default:
        break;
    }
}

static void handle_events(Play *p)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT:
            p->quit = 1;
            break;
        case SDL_KEYDOWN:
            on_key(p, &e.key);
            break;
        case SDL_MOUSEMOTION:
            p->mouse_x = (float)(e.motion.x * p->pixel_ratio);
            p->mouse_y = (float)(e.motion.y * p->pixel_ratio);
            break;
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.button == SDL_BUTTON_LEFT) {
                float x = (float)(e.button.x * p->pixel_ratio),
                      y = (float)(e.button.y * p->pixel_ratio);
                p->mouse_x = x;
                p->mouse_y = y;
                if (p->show_help) {
                    p->show_help = 0;
                    break;
                }
                UiButton b = ui_screen_button_at(&p->geom, x, y);
                if (b == UI_BUTTON_NEXT)
                    play_turn(p);
                else if (b == UI_BUTTON_PLAY)
                    toggle_play(p);
            }
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_LEAVE)
                p->mouse_x = p->mouse_y = -1;
            break;
        default:
            break;
        }
    }
}

/* ---------------------------------------------------------------- the frame loop */

static int frame(Play *p)
{
    /* Update */
    int ww = 1, wh = 1, ow = 1, oh = 1;
    SDL_GetWindowSize(p->win, &ww, &wh);
    SDL_GetRendererOutputSize(p->r, &ow, &oh);
    p->pixel_ratio = ww > 0 ? (double)ow / ww : 1.0;
    /* Larger windows get larger text: 1 at 1280x800, about 1.35 at 1920x1080. */
    double fit =
        fmin((double)ow / (1280.0 * p->pixel_ratio), (double)oh / (800.0 * p->pixel_ratio));
    fit = fit < 1.0 ? 1.0 : fit;
    ui_draw_set_scale(p->d, p->pixel_ratio * p->user_scale * fit);
    Uint32 now = SDL_GetTicks();
    if (p->playing && !p->over && (Sint32)(now - p->next_step) >= 0) {
        play_turn(p);
        p->next_step = now + (Uint32)lround(1000.0 / speeds[p->speed_idx]);
    }
    if (p->notice[0] && (Sint32)(now - p->notice_until) >= 0)
        p->notice[0] = '\0';

    /* Draw */
    UiScreenState st = {(const char *const *)p->feed,
                        p->n_feed,
                        p->playing,
                        speeds[p->speed_idx],
                        p->show_help,
                        p->mouse_x,
                        p->mouse_y,
                        p->notice[0] ? p->notice : NULL};
    char err[256] = "";
    ui_clear(p->d, ui_draw_theme(p->d)->bg);
    double phase = (double)(now % 2400u) / 2400.0;
    if (ui_screen_draw(p->d, p->map, ow, oh, p->w, p->w->turn, phase, &st, &p->geom, err,
                       sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        p->status = 1;
        return -1;
    }
    if (p->shot_pending) {
        p->shot_pending = 0;
        screenshot(p);
    }
    SDL_RenderPresent(p->r);
    return 0;
}

/* No display: the headless run, with the same strategies and PNG files. */
static int fallback(const AppOptions *o, FILE *out, FILE *errout, const char *why)
{
    fprintf(errout,
            "closedloop: cannot open a window (%s); playing headless and drawing PNG files "
            "instead\n",
            why);
    AppOptions h = *o;
    h.cmd = APP_CMD_RUN;
    if (!h.png_dir)
        h.png_dir = ".";
    if (h.quit_after_turns > 0)
        h.turns = h.quit_after_turns;
    /* play's default is every role's playbook: put it before the user's choices. */
    if (h.n_strategies < APP_MAX_STRATEGIES) {
        memmove(h.strategies + 1, h.strategies, (size_t)h.n_strategies * sizeof h.strategies[0]);
        h.strategies[0].role = "all";
        h.strategies[0].strategy = "playbook";
        h.n_strategies++;
    }
    return app_run(&h, out, errout);
}

int app_play(const AppOptions *o, FILE *out, FILE *errout)
{
    /* Initialization */
    if (SDL_Init(SDL_INIT_VIDEO) < 0)
        return fallback(o, out, errout, SDL_GetError());
    /* With no display SDL may still pick a driver that draws nowhere: treat it as none. */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0)) {
        char why[128];
        snprintf(why, sizeof why, "the '%s' video driver shows nothing", drv);
        SDL_Quit();
        return fallback(o, out, errout, why);
    }
    SDL_Window *win = SDL_CreateWindow("closedloop", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       1280, 800, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win) {
        char why[256];
        snprintf(why, sizeof why, "%s", SDL_GetError());
        SDL_Quit();
        return fallback(o, out, errout, why);
    }
    SDL_SetWindowMinimumSize(win, 640, 400);
    Play p;
    memset(&p, 0, sizeof p);
    p.o = o;
    p.out = out;
    p.errout = errout;
    p.win = win;
    p.speed_idx = 2;
    p.user_scale = o->ui_scale > 0 ? o->ui_scale : 1.0;
    p.pixel_ratio = 1.0;
    p.mouse_x = p.mouse_y = -1;
    char err[1024] = "";
    int status = 0;
    p.w = app_open_world(o, errout, &status);
    if (!p.w)
        goto done;
    if (app_seat_world(p.w, o->strategies, o->n_strategies, "playbook", err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        status = 2;
        goto done;
    }
    if (sim_turn_start(p.w, err, sizeof err) < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        status = 1;
        goto done;
    }
    p.r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!p.r)
        p.r = SDL_CreateRenderer(win, -1, 0);
    if (!p.r) {
        fprintf(errout, "closedloop: cannot make a renderer: %s\n", SDL_GetError());
        status = 1;
        goto done;
    }
    p.d = ui_draw_create(p.r, 1.0, NULL, err, sizeof err);
    p.map = p.d ? ui_map_create(err, sizeof err) : NULL;
    if (!p.d || !p.map) {
        fprintf(errout, "closedloop: %s\n", err);
        status = 1;
        goto done;
    }
    fprintf(out, "%s\n%s\n", p.w->sc->title, p.w->sc->description);
    fprintf(out, "Seed %llu. Strategies:", (unsigned long long)p.w->seed);
    for (int i = 0; i < p.w->n; i++)
        fprintf(out, "%s %s=%s", i ? "," : "", p.w->sc->actors[i].id, p.w->actors[i].strategy.name);
    fputs(".\n", out);
    fflush(out);
    set_title(&p);

    while (!p.quit) {
        Uint32 t0 = SDL_GetTicks();
        /* Update (input, then the clock, in frame()) and Draw */
        handle_events(&p);
        if (p.quit || frame(&p) < 0)
            break;
        Uint32 spent = SDL_GetTicks() - t0;
        if (spent < 16)
            SDL_Delay(16 - spent);
    }
    status = p.status;

done:
    /* De-initialization */
    for (int i = 0; i < p.n_feed; i++)
        free(p.feed[i]);
    ui_map_destroy(p.map);
    ui_draw_destroy(p.d);
    if (p.r)
        SDL_DestroyRenderer(p.r);
    SDL_DestroyWindow(win);
    if (p.w)
        sim_world_destroy(p.w);
    SDL_Quit();
    return status;
}
