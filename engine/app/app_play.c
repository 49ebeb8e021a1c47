/* app_play: the game window (see app_play.h). The frame loop is here; the state and the
 * month's turn are in app_play_state, keys and clicks in app_play_input, saving and loading in
 * app_play_saves. */
#define _POSIX_C_SOURCE 200809L
#include "app_play.h"

#include "app_play_input.h"
#include "app_play_news.h"
#include "app_play_saves.h"
#include "app_play_state.h"

#include "app_class.h"
#include "app_compare.h"
#include "app_news.h"
#include "app_replay.h"
#include "app_run.h"
#include "app_save.h"
#include "app_settings.h"
#include "app_lang.h"
#include "app_start.h"
#include "app_worlds.h"
#include "app_window.h"
#include "core_text.h"
#include "sim_turn.h"
#include "sim_world.h"
#include "ui_debrief.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_map.h"
#include "ui_saves.h"
#include "ui_screen.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double speeds[N_SPEEDS] = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0}; /* months a second */

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
        char line[512];
        fprintf(p->errout, "%s\n",
                core_trf(line, sizeof line, "play.err.screenshot", path, SDL_GetError(), NULL));
        core_trf(p->notice, sizeof p->notice, "play.notice.shot_failed", NULL);
    } else {
        char line[512];
        fprintf(p->out, "%s\n", core_trf(line, sizeof line, "play.out.screenshot", path, NULL));
        fflush(p->out);
        core_trf(p->notice, sizeof p->notice, "play.notice.saved", path, NULL);
    }
    p->notice_until = SDL_GetTicks() + 3000;
    if (s)
        SDL_FreeSurface(s);
}

/* ---------------------------------------------------------------- the frame loop */

/* The debrief, with the worlds like this one: started in the background the first time it
 * shows (threads: the cores but one, at most 4), drawn as far as they have got. */
static void draw_debrief(Play *p, int ow, int oh)
{
    if (!p->worlds && !p->worlds_off && p->g) {
        char err[1024];
        p->worlds = app_worlds_new(p->g, UI_DEBRIEF_WORLDS, err, sizeof err);
        if (!p->worlds) {
            fprintf(p->errout, "closedloop: %s\n", err);
            p->worlds_off = 1;
        } else {
            int cpus = SDL_GetCPUCount();
            if (app_worlds_start(p->worlds,
                                 cpus > 4   ? 4
                                 : cpus > 1 ? cpus - 1
                                            : 1,
                                 p->worlds_wake) < 0)
                app_worlds_run(p->worlds); /* no thread: here, once */
        }
    }
    UiDebriefWorlds wd;
    if (p->worlds)
        app_worlds_fill(p->worlds, &wd);
    ui_debrief_draw_worlds(p->d, ow, oh, p->w,
                           core_tr(p->over ? "play.keys.debrief_over" : "play.keys.debrief"),
                           p->worlds ? &wd : NULL, NULL);
}

static int frame(Play *p)
{
    /* Update */
    int ow = 1, oh = 1;
    SDL_GetRendererOutputSize(p->r, &ow, &oh);
    /* The layout grows with the window and the user's scale, whole on the screen at any size:
     * 1 at 1280x720, 1.5 at 1920x1080, 3 at 3840x2160 (ui_scale.h). */
    ui_draw_set_scale(p->d, app_window_scale(p->win, p->r, p->user_scale, &p->pixel_ratio));
    Uint32 now = SDL_GetTicks();
    if (app_play_animating(p) && (Sint32)(now - p->next_step) >= 0) {
        app_play_turn(p);
        p->next_step = now + (Uint32)lround(1000.0 / speeds[p->speed_idx]);
    }
    if (p->notice[0] && (Sint32)(now - p->notice_until) >= 0)
        p->notice[0] = '\0';

    /* Draw */
    UiScreenState st = {.playing = p->playing,
                        .speed = speeds[p->speed_idx],
                        .show_help = p->show_help,
                        .mouse_x = p->mouse_x,
                        .mouse_y = p->mouse_y,
                        .notice = p->notice[0] ? p->notice : NULL,
                        /* Hosting, Space pauses the room's timer: the month ends by itself. */
                        .feed_empty = p->host ? ui_tr("screen.feed.empty_host") : NULL,
                        .hosting = p->host != NULL,
                        .timer_paused = app_play_host_timer_paused(p),
                        .desk = p->seat >= 0 ? &p->desk : NULL,
                        .seat = p->seat,
                        .n_seats = p->n_seats,
                        .handover = p->handover,
                        .levers = p->levers,
                        .lever_focus = p->lever_focus,
                        .map_foot = app_play_host_foot(p, ow)};
    if (p->levers && p->compare) {
        app_compare_sentence(p->compare, p->w, p->compare_text, sizeof p->compare_text);
        st.lever_compare =
            (UiLeversCompare){app_compare_world(p->compare), p->compare->from, p->compare_text};
    }
    app_play_news_state(p, &st);
    char err[256] = "";
    ui_clear(p->d, ui_draw_theme(p->d)->bg);
    /* The money flows on the map while the game plays; paused, it stands where it stopped. */
    if (app_play_animating(p))
        p->phase_ms = now % 2400u;
    double phase = (double)p->phase_ms / 2400.0;
    if (app_play_host_room_up(p))
        app_play_host_draw(p, ow, oh); /* the room screen, until the teacher starts */
    else if (p->show_debrief && p->lesson_page)
        app_play_draw_lesson_page(p, ow, oh);
    else if (p->show_debrief)
        draw_debrief(p, ow, oh);
    else if (ui_screen_draw(p->d, p->map, ow, oh, p->w, p->w->turn, phase, &st, &p->geom, err,
                            sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        p->status = 1;
        return -1;
    }
    app_play_news_drawn(p, &st);
    if (p->host && !app_play_host_room_up(p))
        app_play_host_draw(p, ow, oh); /* the room's strip over the map */
    app_play_lab_draw(p, ow, oh);      /* the lab's panel and picker */
    if (!app_play_host_room_up(p))
        app_play_cards_draw(p, ow, oh); /* the card on show (after the room screen) */
    memset(&p->saves_geom, 0, sizeof p->saves_geom);
    if (p->show_saves)
        app_play_draw_saves(p, ow, oh);
    app_play_ask_draw(p, ow, oh); /* the quit question, over everything */
    if (p->shot_pending) {
        p->shot_pending = 0;
        screenshot(p);
    }
    SDL_RenderPresent(p->r);
    return 0;
}

/* Writes the replay of the game played (if it was recorded and a month was played). */
static void write_replay(Play *p)
{
    if (!p->rec || p->played == 0 || !p->w)
        return;
    char dir[1100], path[1300], err[1024] = "";
    snprintf(dir, sizeof dir, "%s/replays", app_saves_dir());
    /* The window stops here as `run --turns` would: a game still going ends on the turn limit,
     * which is the end the replay will reach. */
    sim_turn_run(p->w, 0, err, sizeof err);
    /* Named as the saves are, by scenario, game and the game month it ends on (never the real
     * date): saves/replays/SCENARIO-gameN-YYYY-MM.json. Replays of before
     * (SCENARIO-YYYYMMDD-HHMMSS.json) load as any replay file does. */
    if (p->g)
        app_play_number_game(p);
    app_game_file_name(p->w, p->g ? p->g->game_no : 0, dir, 1, path, sizeof path);
    if (app_play_ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_play_ensure_dir(dir, err, sizeof err) < 0 ||
        app_replay_finish(p->rec, p->w, path, err, sizeof err) < 0) {
        char line[1200];
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.replay", err, NULL));
        return;
    }
    char line[1400];
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "play.out.replay", path, NULL));
    fflush(p->out);
}

/* No display: the headless run, with the same strategies and PNG files. */
static int fallback(const AppOptions *o, FILE *out, FILE *errout, const char *why)
{
    char line[600];
    if (o->host) {
        /* A class is not hosted by a game played headless: host --headless does that. */
        fprintf(errout, "%s\n", core_trf(line, sizeof line, "room.err.no_window", why, NULL));
        return 1;
    }
    fprintf(errout, "%s\n", core_trf(line, sizeof line, "play.err.no_window", why, NULL));
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
    /* The lab headless: its script in its role, played once; --lab-out is the run's history. */
    if (h.lab_file && h.n_strategies < APP_MAX_STRATEGIES) {
        h.strategies[h.n_strategies].role = h.lab_role;
        h.strategies[h.n_strategies++].strategy = h.lab_file;
        if (h.lab_out && !h.json_out)
            h.json_out = h.lab_out;
    }
    return app_run(&h, out, errout);
}

/* SDL and the window. NULL when there is no display: then *rc is the fallback run's status. */
static SDL_Window *open_window(const AppOptions *o, FILE *out, FILE *errout, int *rc)
{
    int ok = SDL_Init(SDL_INIT_VIDEO) == 0;
    /* A display that is named but refuses the first connection (seen now and then with a busy
     * Xvfb) gets two more tries before the game gives up the window. */
    const char *named = getenv("DISPLAY");
    for (int tries = 0; !ok && named && *named && tries < 2; tries++) {
        SDL_Quit();
        SDL_Delay(400);
        ok = SDL_Init(SDL_INIT_VIDEO) == 0;
    }
    if (!ok) {
        *rc = fallback(o, out, errout, SDL_GetError());
        return NULL;
    }
    /* With no display SDL may still pick a driver that draws nowhere: treat it as none. */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0)) {
        char why[128];
        core_trf(why, sizeof why, "play.err.driver", drv, NULL);
        SDL_Quit();
        *rc = fallback(o, out, errout, why);
        return NULL;
    }
    /* Sized to the screen (or --size), full screen with --fullscreen (F11 toggles). */
    SDL_Window *win = app_window_open(o);
    if (!win) {
        char why[256];
        snprintf(why, sizeof why, "%s", SDL_GetError());
        SDL_Quit();
        *rc = fallback(o, out, errout, why);
        return NULL;
    }
    SDL_SetWindowMinimumSize(win, 640, 400);
    return win;
}

/* The game as an AppGame, so that it can be saved: a new one (seated, its strategies started)
 * or a saved one (--load); then the renderer, the draw context and the map. Returns the exit
 * status on failure (said on errout), -1 when all is open. */
static int open_game(Play *p)
{
    const AppOptions *o = p->o;
    char err[1024] = "", line[1200];
    int status = 0;
    AppGameSpec spec = {.scenario = o->scenario,
                        .has_seed = o->has_seed,
                        .seed = o->seed,
                        .choices = o->strategies,
                        .n_choices = o->n_strategies,
                        .fallback = "playbook",
                        .check_books = o->check_books,
                        .notes = p->errout};
    p->g = o->load ? app_game_load(o->load, o->scenario, &status, err, sizeof err)
                   : app_game_new(&spec, &status, err, sizeof err);
    if (!p->g) {
        fprintf(p->errout, "closedloop: %s\n", err);
        return status;
    }
    p->w = p->g->world;
    if (o->load) {
        p->over = p->w->end != SIM_END_NONE || p->w->turn >= p->w->turns;
        p->g->game_no = app_save_game_no(o->load); /* its saves go on under its number */
        /* The game without the teacher's last change, replayed where it can be. */
        p->compare = app_compare_rebuild(p->g, err, sizeof err);
    } else {
        p->rec = app_replay_begin(p->g, err, sizeof err);
        if (!p->rec)
            fprintf(p->errout, "%s\n",
                    core_trf(line, sizeof line, "play.err.replay_off", err, NULL));
    }
    p->r = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!p->r)
        p->r = SDL_CreateRenderer(p->win, -1, 0);
    if (!p->r) {
        fprintf(p->errout, "%s\n",
                core_trf(line, sizeof line, "play.err.renderer", SDL_GetError(), NULL));
        return 1;
    }
    p->d = ui_draw_create(p->r, 1.0, NULL, err, sizeof err);
    p->map = p->d ? ui_map_create(err, sizeof err) : NULL;
    if (!p->d || !p->map) {
        fprintf(p->errout, "closedloop: %s\n", err);
        return 1;
    }
    return -1;
}

/* The scenario's title and description, the seats and the seed, on out. */
static void print_intro(Play *p)
{
    fprintf(p->out, "%s\n%s\n", core_tr_content(p->w->sc->title),
            core_tr_content(p->w->sc->description));
    char seats[4096], seed[32];
    size_t used = 0;
    seats[0] = '\0';
    for (int i = 0; i < p->w->n; i++) {
        char item[1200];
        snprintf(item, sizeof item, "%s=%s", p->w->sc->actors[i].id, p->w->actors[i].strategy.name);
        app_play_list_add(seats, sizeof seats, &used, item);
    }
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)p->w->seed);
    char intro[4200];
    fprintf(p->out, "%s\n", core_trf(intro, sizeof intro, "play.out.seats", seed, seats, NULL));
    fflush(p->out);
}

/* A frame every FRAME_MS while something moves by itself: smooth enough for the money flowing,
 * and half the work of 60 frames a second. */
#define FRAME_MS 33u
/* Hosting a class: the longest the loop sleeps before it services the server again (a student's
 * message waits at most this long; 40 wake-ups a second cost well under 1% of a core). */
#define HOST_POLL_MS 25u

/* Whether the screen must be drawn again although no input came: something moving is due
 * (last: when the last frame was drawn), a notice's time is up, a screenshot is asked for. */
static int redraw_due(const Play *p, Uint32 now, Uint32 last)
{
    if (p->shot_pending)
        return 1;
    if (app_play_animating(p) && now - last >= FRAME_MS)
        return 1;
    return p->notice[0] && (Sint32)(now - p->notice_until) >= 0;
}

/* How long the loop may sleep waiting for input, in ms: until the next frame while something
 * moves, until a notice is to go, else a second (a wake-up that draws nothing). */
static Uint32 idle_wait(const Play *p, Uint32 now, Uint32 last)
{
    Uint32 wait = 1000;
    if (app_play_animating(p)) {
        Uint32 since = now - last;
        wait = since >= FRAME_MS ? 0 : FRAME_MS - since;
    }
    if (p->notice[0]) {
        Sint32 left = (Sint32)(p->notice_until - now);
        Uint32 until = left > 0 ? (Uint32)left : 0;
        wait = until < wait ? until : wait;
    }
    /* Hosting, the server is serviced between waits of at most HOST_POLL_MS. */
    if (p->host && wait > HOST_POLL_MS)
        wait = HOST_POLL_MS;
    return p->shot_pending ? 0 : wait;
}

/* Update (input, then the clock, in frame()) and Draw until quit. The window sleeps in
 * SDL_WaitEventTimeout until input comes or something on screen is due to change: a paused
 * game costs nothing between keys (docs/performance.md); auto-play draws FRAME_MS apart;
 * input draws at once, at most about 60 frames a second. */
static void run_loop(Play *p)
{
    /* The first frame before any input: a click is read against the layout on the screen,
     * and before the first frame there is none (a click that came early was lost). */
    if (frame(p) < 0)
        p->quit = 1;
    Uint32 last = SDL_GetTicks();
    while (!p->quit) {
        Uint32 now = SDL_GetTicks();
        int got = SDL_WaitEventTimeout(NULL, (int)idle_wait(p, now, last));
        app_play_handle_events(p);
        if (app_play_host_poll(p))
            got = 1; /* the room changed: draw it */
        if (app_play_lab_poll(p))
            got = 1; /* the lab played a new version of its file */
        if (p->quit)
            break;
        now = SDL_GetTicks();
        if (!got && !redraw_due(p, now, last))
            continue;
        if (now - last < 16)
            SDL_Delay(16 - (now - last));
        if (frame(p) < 0)
            break;
        last = SDL_GetTicks();
    }
}

/* Frees everything the game opened; the window stays. */
static void close_play(Play *p)
{
    app_play_host_close(p);
    app_play_lab_close(p);
    app_worlds_free(p->worlds);
    app_class_destroy(p->story);
    app_class_destroy(p->notes);
    app_news_free(p->news);
    ui_map_destroy(p->map);
    ui_draw_destroy(p->d);
    if (p->r)
        SDL_DestroyRenderer(p->r);
    app_replay_free(p->rec);
    app_compare_free(p->compare);
    app_game_free(p->g); /* and its world */
}

/* One game in win with options o, from its start to the window's close or "new game" (N after
 * the end: *again is set). Returns the exit status. */
static int play_game(const AppOptions *o, SDL_Window *win, FILE *out, FILE *errout, int *again,
                     double *scale)
{
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
    p.seat = -1;
    p.news = app_news_new();
    p.news_view = ui_news_view_new();
    /* The event the worlds' threads wake the loop with (registered once per process). */
    static Uint32 wake;
    if (!wake) {
        Uint32 e = SDL_RegisterEvents(1);
        wake = e == (Uint32)-1 ? 0 : e;
    }
    p.worlds_wake = wake;
    int status = open_game(&p);
    if (status < 0) {
        print_intro(&p);
        app_play_set_title(&p);
        if (o->classroom)
            app_play_toggle_story(&p);
        app_play_reseat(&p);
        if (o->host && app_play_host_open(&p) < 0) {
            p.quit = 1;
            p.status = 1;
        }
        if (!p.quit && app_play_lab_open(&p) < 0) {
            p.quit = 1;
            p.status = 2;
        }
        run_loop(&p);
        status = p.status;
        write_replay(&p);
    }
    *again = p.new_game && status == 0;
    *scale = p.user_scale;
    close_play(&p);
    return status;
}

/* The settings file (app_settings.h) under the command line: its scale unless --scale, its full
 * screen unless --fullscreen or --size, its language unless --lang or $CLOSEDLOOP_LANG. A bad
 * file is said on errout and changes nothing. */
static void apply_settings(const AppOptions *o, AppOptions *eff, FILE *errout)
{
    *eff = *o;
    char path[4096], warn[1200];
    AppSettings s;
    if (app_settings_path(path, sizeof path) < 0)
        return;
    if (app_settings_read(path, &s, warn, sizeof warn) < 0) {
        app_cli_error(errout, "cli.warn.settings", warn, NULL);
        return;
    }
    if (s.has_scale && !o->scale_given)
        eff->ui_scale = s.scale;
    if (s.has_fullscreen && !o->fullscreen && o->win_w == 0)
        eff->fullscreen = s.fullscreen;
    if (s.has_lang && !app_lang_was_asked() && s.lang != (int)core_tr_lang() &&
        app_lang_init((CoreLang)s.lang, warn, sizeof warn) < 0)
        app_cli_error(errout, "cli.warn.lang_fallback", core_lang_code((CoreLang)s.lang), warn,
                      NULL);
}

/* Keeps the window's choices for the next run (app_settings.h); a failure is said, not fatal. */
static void keep_settings(SDL_Window *win, double scale, FILE *errout)
{
    char path[4096], err[1200];
    AppSettings s = {1, 1, 1, scale, app_window_is_fullscreen(win), (int)core_tr_lang()};
    if (app_settings_path(path, sizeof path) == 0 &&
        app_settings_write(path, &s, err, sizeof err) < 0)
        app_cli_error(errout, "cli.warn.settings_write", err, NULL);
}

int app_play(const AppOptions *given, FILE *out, FILE *errout)
{
    /* Initialization */
    int status = 0;
    AppOptions eff;
    apply_settings(given, &eff, errout);
    const AppOptions *o = &eff;
    SDL_Window *win = open_window(o, out, errout, &status);
    if (!win)
        return status;
    double scale = o->ui_scale > 0 ? o->ui_scale : 1.0;
    /* The start screen first, unless the command line decided already; again after a game
     * when the player asks for a new one, with the scenario just played. */
    AppStart *start = NULL;
    AppOptions chosen, again_with;
    const AppOptions *base = o;
    int ask = app_start_wanted(o), again = 0;
    do {
        if (ask || again) {
            if (!start)
                start = app_start_create();
            if (start && again)
                app_start_pick(start, o->scenario);
            int rc = start ? app_start_run(start, win, base, &chosen, errout) : -1;
            if (rc <= 0) {
                status = rc < 0 ? 1 : 0;
                break;
            }
            o = &chosen;
            scale = chosen.ui_scale;
        }
        status = play_game(o, win, out, errout, &again, &scale);
        if (again) {
            /* The next start screen begins from this game's options (its --classroom). */
            again_with = *o;
            again_with.load = NULL;
            base = &again_with;
        }
    } while (again);
    /* De-initialization */
    app_start_destroy(start);
    keep_settings(win, scale, errout);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return status;
}
