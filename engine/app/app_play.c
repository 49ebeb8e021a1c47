/* app_play: the game window (see app_play.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play.h"

#include "core_err.h"

#include "app_class.h"
#include "app_run.h"
#include "app_replay.h"
#include "app_save.h"
#include "dat_save.h"
#include "app_seat.h"
#include "app_start.h"
#include "app_story.h"
#include "core_text.h"
#include "sim_lever.h"
#include "sim_turn.h"
#include "sim_world.h"
#include "ui_desk.h"
#include "ui_debrief.h"
#include "ui_draw.h"
#include "ui_fail.h"
#include "ui_lesson.h"
#include "ui_levers.h"
#include "ui_map.h"
#include "ui_saves.h"
#include "ui_screen.h"
#include "ui_takeaway.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>
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
    int show_debrief; /* the debrief screen instead of the game (D; on at the end) */
    int lesson_page;  /* on the debrief: 1 shows the lesson in numbers (Tab) */
    AppClass *notes;  /* the classroom notes for the lesson page's questions, read on demand */
    int levers, lever_focus; /* the teacher's lever panel (L) and its focused row */
    /* Saves: the game as saved (its world is w), the list of saves on show (F9). */
    AppGame *g;
    int show_saves, save_sel, n_saves, autosave_failed;
    AppSaveEntry saves[64];
    char save_title[64][96], save_detail[64][300];
    char saves_msg[600];
    UiSavesGeom saves_geom;
    /* The replay of a game played from its first month: every person's input and every lever
     * move, written when the window closes (saves/replays/). A load stops it. */
    AppReplay *rec;
    double user_scale, pixel_ratio;
    float mouse_x, mouse_y;
    Uint32 next_step;
    char notice[160];
    Uint32 notice_until;
    int shot_pending, shot_no;
    UiScreenGeom geom;
    /* People at the keyboard: the actors seated "human", in actor order; whose desk is open
     * (an index in seats, -1: nobody's turn) and whether the hand-over screen is up. */
    int seats[64];
    int n_seats, seat, handover;
    UiDesk desk;
    /* Story mode (--classroom, T): the notes, and the cards of the month on show. */
    AppClass *story;
    int story_resume; /* auto-play was on when the cards came up */
    UiLessonGeom lesson;
    /* The cards of the month's defaults (ui_fail), the one on show, and whether auto-play was on
     * when they came up. */
    int fails[64];
    int n_fails, fail_at, fail_resume;
    UiFailGeom fail;
} Play;

/* ---------------------------------------------------------------- words */

/* A whole number as text, for core_trf's string arguments. */
static const char *num(long long v, char *buf, size_t n)
{
    snprintf(buf, n, "%lld", v);
    return buf;
}

/* How the game ended, in the reader's words (end.<reason>; English: the reason's name). */
static const char *end_words(const SimWorld *w)
{
    char key[48];
    snprintf(key, sizeof key, "end.%s", sim_end_reason_name(w->end));
    return core_tr(key);
}

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
        core_trf(t, sizeof t, "play.title.over", core_tr_content(p->w->sc->title), end_words(p->w),
                 NULL);
    else
        core_trf(t, sizeof t, "play.title.game", core_tr_content(p->w->sc->title), NULL);
    SDL_SetWindowTitle(p->win, t);
}

/* ---------------------------------------------------------------- people's turns */

/* Opens the desk of the s-th person for the coming month (nothing if the game is over or
 * nobody plays a role); with several people, the hand-over screen first. */
static void open_seat(Play *p, int s)
{
    p->seat = -1;
    p->handover = 0;
    if (p->over || s < 0 || s >= p->n_seats)
        return;
    p->seat = s;
    p->handover = p->n_seats > 1;
    ui_desk_open(&p->desk, p->w, p->seats[s]);
}

static void play_turn(Play *p);
static void autosave(Play *p);

/* The people's seats of the world in hand, and the first desk. */
static void reseat(Play *p)
{
    p->n_seats = 0;
    for (int i = 0; i < p->w->n && p->n_seats < (int)(sizeof p->seats / sizeof p->seats[0]); i++)
        if (sim_strategy_is_queued(&p->w->actors[i].strategy))
            p->seats[p->n_seats++] = i;
    open_seat(p, 0);
}

/* The person whose desk is open ends the turn: their answers and proposals are queued for the
 * seat's strategy; the next person's desk opens, or the month is played. */
static void end_seat(Play *p)
{
    if (p->seat < 0)
        return;
    int me = p->seats[p->seat];
    SimIntentList *q = sim_strategy_queue(&p->w->actors[me].strategy);
    if (q) {
        memset(q, 0, sizeof *q);
        ui_desk_intents(&p->desk, q);
        char line[256], n[16];
        core_trf(line, sizeof line,
                 q->n == 1 ? "play.out.ends_turn.one" : "play.out.ends_turn.many",
                 core_tr_content(p->w->sc->actors[me].name), num(q->n, n, sizeof n), NULL);
        fprintf(p->out, "%s\n", line);
    }
    if (p->seat + 1 < p->n_seats) {
        open_seat(p, p->seat + 1);
        return;
    }
    p->seat = -1;
    play_turn(p);
}

/* Plays one month; stops auto-play when the game ends. */
static void play_turn(Play *p)
{
    if (p->over)
        return;
    char err[1024] = "", line[1200], n[24];
    int first = p->w->n_events, turn = p->w->turn;
    if (p->rec && app_replay_record_turn(p->rec, p->w, err, sizeof err) < 0) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.replay_off", err, NULL));
        app_replay_free(p->rec);
        p->rec = NULL;
    }
    int rc = sim_turn_step(p->w, err, sizeof err);
    if (rc < 0) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.engine", err, NULL));
        p->status = 1;
        p->over = 1;
        p->playing = 0;
        set_title(p);
        return;
    }
    tell_month(p, turn, first);
    p->played++;
    if (p->g)
        autosave(p);
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "play.out.turn", num(p->w->turn, n, sizeof n), NULL));
    if (rc == 1) {
        p->over = 1;
        p->playing = 0;
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, "play.out.over", end_words(p->w), NULL));
        app_story_table(p->out, p->w);
        p->show_debrief = 1;
        set_title(p);
    }
    fflush(p->out);
    if (p->o->quit_after_turns > 0 && p->played >= p->o->quit_after_turns)
        p->quit = 1;
    /* The month's defaults, a card each (the game goes on: the debrief is a key away); auto-play
     * waits for them. At the game's end the debrief says it all. */
    p->n_fails = p->fail_at = 0;
    if (rc == 0)
        p->n_fails =
            ui_fail_month(p->w, turn, p->fails, (int)(sizeof p->fails / sizeof p->fails[0]));
    if (p->n_fails > 0) {
        p->fail_resume = p->playing;
        p->playing = 0;
        for (int k = 0; k < p->n_fails; k++)
            fprintf(p->out, "%s\n",
                    core_trf(line, sizeof line, "play.out.failed",
                             core_tr_content(p->w->sc->actors[p->fails[k]].name), NULL));
        fflush(p->out);
    }
    if (p->story && app_class_month(p->story, p->w) > 0) {
        /* The class stops at the month's historical events; auto-play waits for the cards. */
        p->story_resume = p->playing;
        p->playing = 0;
        for (int k = 0; k < p->story->n_cards; k++)
            fprintf(p->out, "%s\n",
                    core_trf(line, sizeof line, "play.out.classroom",
                             p->w->sc->events[p->story->cards[k]].id, NULL));
        fflush(p->out);
    }
    open_seat(p, 0);
}

/* ---------------------------------------------------------------- failure cards */

static int fail_up(const Play *p)
{
    return p->fail_at < p->n_fails;
}

/* The next failure card, or none: auto-play goes on if it was on (and no class card waits). */
static void next_fail(Play *p)
{
    if (!fail_up(p))
        return;
    p->fail_at++;
    if (!fail_up(p) && p->fail_resume) {
        p->playing = 1;
        p->next_step = SDL_GetTicks();
    }
}

/* D on a failure card: the cards go, the debrief comes. */
static void fail_debrief(Play *p)
{
    p->fail_at = p->n_fails;
    p->show_debrief = 1;
}

/* ---------------------------------------------------------------- story mode */

/* The lesson in numbers, with the class's questions when the scenario has notes. */
static void draw_lesson_page(Play *p, int ow, int oh)
{
    if (!p->notes && !p->story) {
        char err[512] = "";
        p->notes = app_class_create(p->w, err, sizeof err);
    }
    const AppClass *c = p->story ? p->story : p->notes;
    const char *q[DAT_LESSON_DEBRIEF];
    int n = 0;
    for (int k = 0; c && k < c->notes->n_debrief; k++)
        q[n++] = c->notes->debrief[k];
    ui_takeaway_draw(p->d, ow, oh, p->w, q, n, core_tr("play.keys.lesson"), NULL);
}

static int card_up(const Play *p)
{
    return p->story && p->story->card < p->story->n_cards;
}

static void next_card(Play *p)
{
    if (!app_class_next(p->story) && p->story_resume) {
        p->playing = 1;
        p->next_step = SDL_GetTicks();
    }
}

static void set_notice(Play *p, const char *text)
{
    snprintf(p->notice, sizeof p->notice, "%s", text);
    p->notice_until = SDL_GetTicks() + 4000;
}

/* T: story mode on or off (the notes are read the first time). */
static void toggle_story(Play *p)
{
    if (p->story) {
        app_class_destroy(p->story);
        p->story = NULL;
        set_notice(p, core_tr("play.notice.story_off"));
        return;
    }
    char err[512] = "", line[700];
    p->story = app_class_create(p->w, err, sizeof err);
    if (!p->story) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.no_story", err, NULL));
        set_notice(p, core_tr("play.notice.no_notes"));
        return;
    }
    set_notice(p, core_tr("play.notice.story_on"));
    /* At the start, the scenario's own lesson first (a what-if says what to watch). */
    if (p->w->turn == 0 && app_class_intro(p->story, p->w))
        p->playing = 0;
}

/* ---------------------------------------------------------------- saves */

/* Makes the folder if it is missing (its parent must exist). */
static int ensure_dir(const char *dir, char *err, size_t errsz)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    core_trf(err, errsz, "play.err.mkdir", dir, strerror(errno), NULL);
    return -1;
}

static void autosave_dir(char *buf, size_t n)
{
    snprintf(buf, n, "%s/autosave", app_saves_dir());
}

/* F5: saves/SCENARIO-YYYYMMDD-HHMMSS-tTURN.json. */
static void save_now(Play *p)
{
    char path[1200], err[1024] = "", stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s-t%d.json", app_saves_dir(), p->w->sc->id, stamp,
             p->w->turn);
    if (ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_game_save(p->g, path, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        set_notice(p, core_tr("play.notice.save_failed"));
        return;
    }
    char line[1400];
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "play.out.saved", path, NULL));
    fflush(p->out);
    /* The notice shows the name: the folder is in the terminal's line. */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    set_notice(p, core_trf(line, sizeof line, "play.notice.saved", base, NULL));
}

/* After every month: the last few months stay on disk whatever happens to the window. */
static void autosave(Play *p)
{
    char dir[1100], err[1024] = "";
    autosave_dir(dir, sizeof dir);
    if (ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_autosave(p->g, dir, APP_AUTOSAVE_KEEP, NULL, 0, err, sizeof err) < 0) {
        char line[1200];
        if (!p->autosave_failed)
            fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.autosave", err, NULL));
        p->autosave_failed = 1;
    }
}

static int newest_first(const void *a, const void *b)
{
    const AppSaveEntry *x = a, *y = b;
    int c = strcmp(y->saved_at, x->saved_at);
    return c ? c : strcmp(y->path, x->path);
}

/* F9: the autosaves and the saves in saves/, newest first. */
static void open_saves(Play *p)
{
    p->n_saves = 0;
    p->save_sel = 0;
    p->saves_msg[0] = '\0';
    char dir[1100], err[512] = "";
    autosave_dir(dir, sizeof dir);
    AppSaveEntry *list = NULL;
    int n = 0;
    if (app_autosave_list(dir, &list, &n, err, sizeof err) == 0) {
        for (int k = 0; k < n && p->n_saves < 64; k++)
            p->saves[p->n_saves++] = list[k];
        free(list);
    }
    DIR *dd = opendir(app_saves_dir());
    for (struct dirent *e = dd ? readdir(dd) : NULL; e && p->n_saves < 64; e = readdir(dd)) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.')
            continue;
        AppSaveEntry *s = &p->saves[p->n_saves];
        memset(s, 0, sizeof *s);
        snprintf(s->path, sizeof s->path, "%s/%s", app_saves_dir(), e->d_name);
        DatSaveInfo info;
        s->ok = dat_save_peek(s->path, &info, s->why, sizeof s->why) == 0;
        if (s->ok) {
            s->turn = info.turn;
            snprintf(s->month, sizeof s->month, "%s", info.month);
            snprintf(s->saved_at, sizeof s->saved_at, "%s", info.saved_at);
            snprintf(s->scenario, sizeof s->scenario, "%s", info.scenario);
        }
        p->n_saves++;
    }
    if (dd)
        closedir(dd);
    qsort(p->saves, (size_t)p->n_saves, sizeof p->saves[0], newest_first);
    for (int k = 0; k < p->n_saves; k++) {
        const AppSaveEntry *s = &p->saves[k];
        const char *base = strrchr(s->path, '/') ? strrchr(s->path, '/') + 1 : s->path;
        int is_auto = strstr(s->path, "/autosave/") != NULL;
        const char *name = is_auto ? core_tr("play.saves.autosave") : base;
        char nb[16];
        if (s->ok && s->month[0])
            core_trf(p->save_title[k], sizeof p->save_title[k], "play.saves.title_month", name,
                     s->month, NULL);
        else
            core_strlcpy(p->save_title[k], name, sizeof p->save_title[k]);
        if (s->ok)
            core_trf(p->save_detail[k], sizeof p->save_detail[k], "play.saves.detail", s->scenario,
                     num(s->turn, nb, sizeof nb), s->saved_at, NULL);
        else
            core_trf(p->save_detail[k], sizeof p->save_detail[k], "play.saves.bad", s->why, NULL);
    }
    p->show_saves = 1;
}

static void reseat(Play *p);

/* Loads the save picked; on failure the message stays in the list and the game goes on. */
static void load_picked(Play *p)
{
    if (p->save_sel < 0 || p->save_sel >= p->n_saves)
        return;
    const AppSaveEntry *s = &p->saves[p->save_sel];
    int status = 0;
    char err[1024] = "";
    AppGame *h = s->ok ? app_game_load(s->path, NULL, &status, err, sizeof err) : NULL;
    if (!h) {
        core_strlcpy(p->saves_msg, s->ok ? err : core_tr("play.saves.bad_picked"),
                     sizeof p->saves_msg);
        fprintf(p->errout, "closedloop: %s\n", s->ok ? err : s->why);
        return;
    }
    if (p->rec) {
        fprintf(p->out, "%s\n", core_tr("play.out.replay_stopped"));
        app_replay_free(p->rec);
        p->rec = NULL;
    }
    app_game_free(p->g);
    p->g = h;
    p->w = h->world;
    p->over = p->w->end != SIM_END_NONE || p->w->turn >= p->w->turns;
    p->playing = 0;
    p->show_saves = 0;
    p->show_debrief = 0;
    p->n_fails = p->fail_at = 0;
    for (int i = 0; i < p->n_feed; i++)
        free(p->feed[i]);
    p->n_feed = 0;
    char line[1200], n[16];
    core_trf(line, sizeof line, "play.feed.loaded", s->path, num(p->w->turn, n, sizeof n), NULL);
    feed_push(p, line, strlen(line));
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "play.out.loaded", s->path, num(p->w->turn, n, sizeof n),
                     NULL));
    fflush(p->out);
    if (p->story)
        app_class_clear(p->story);
    set_title(p);
    reseat(p);
}

/* Keys while the list of saves is up; returns 1 if the key was the list's. */
static int on_saves_key(Play *p, SDL_Keycode key)
{
    if (!p->show_saves)
        return 0;
    switch (key) {
    case SDLK_UP:
        if (p->save_sel > 0)
            p->save_sel--;
        break;
    case SDLK_DOWN:
        if (p->save_sel + 1 < p->n_saves)
            p->save_sel++;
        break;
    case SDLK_HOME:
        p->save_sel = 0;
        break;
    case SDLK_END:
        p->save_sel = p->n_saves > 0 ? p->n_saves - 1 : 0;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        load_picked(p);
        break;
    case SDLK_ESCAPE:
    case SDLK_F9:
        p->show_saves = 0;
        break;
    case SDLK_q:
        return 0;
    default:
        break;
    }
    return 1;
}

/* The teacher moves lever l by dir steps (ten with big); the feed and the output say so. */
static void move_lever(Play *p, int l, int dir, int big)
{
    const SimLeverInfo *in = sim_lever_info((SimLever)l);
    if (!in || p->over)
        return;
    double v = sim_lever_get(p->w, (SimLever)l) + dir * in->step * (big ? 10 : 1);
    int before = p->w->n_events;
    char err[256] = "";
    if (sim_lever_set(p->w, (SimLever)l, v, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        set_notice(p, err);
        return;
    }
    if (p->w->n_events > before) {
        char line[640], what[400];
        core_trf(line, sizeof line, "play.out.lever",
                 ui_levers_event_text(p->w, &p->w->events[before], what, sizeof what), NULL);
        fprintf(p->out, "%s\n", line);
        fflush(p->out);
        feed_push(p, line, strlen(line));
    }
}

/* Keys while the lever panel is open; returns 1 if the key was the panel's. */
static int on_lever_key(Play *p, const SDL_KeyboardEvent *k)
{
    if (!p->levers || p->show_help)
        return 0;
    int big = (k->keysym.mod & KMOD_SHIFT) != 0;
    switch (k->keysym.sym) {
    case SDLK_UP:
        p->lever_focus = (p->lever_focus + SIM_LEVER_COUNT - 1) % SIM_LEVER_COUNT;
        return 1;
    case SDLK_DOWN:
    case SDLK_TAB:
        p->lever_focus = (p->lever_focus + 1) % SIM_LEVER_COUNT;
        return 1;
    case SDLK_LEFT:
    case SDLK_RIGHT:
        move_lever(p, p->lever_focus, k->keysym.sym == SDLK_RIGHT ? 1 : -1, big);
        return 1;
    case SDLK_ESCAPE:
    case SDLK_l:
        p->levers = 0;
        return 1;
    default:
        return 0;
    }
}

/* Keys while a card is up; returns 1 if the key was the card's. */
static int on_card_key(Play *p, SDL_Keycode key)
{
    if (!card_up(p) || p->show_help)
        return 0;
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_n:
    case SDLK_RIGHT:
        next_card(p);
        return 1;
    case SDLK_ESCAPE:
        toggle_story(p);
        return 1;
    case SDLK_s:
    case SDLK_q:
    case SDLK_h:
    case SDLK_F1:
        return 0;
    default:
        return 1;
    }
}

/* Keys while a failure card is up (and no class card); returns 1 if the key was the card's. */
static int on_fail_key(Play *p, SDL_Keycode key)
{
    if (!fail_up(p) || card_up(p) || p->show_help)
        return 0;
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_n:
    case SDLK_RIGHT:
    case SDLK_ESCAPE:
        next_fail(p);
        return 1;
    case SDLK_d:
        fail_debrief(p);
        return 1;
    case SDLK_s:
    case SDLK_q:
    case SDLK_h:
    case SDLK_F1:
        return 0;
    default:
        return 1;
    }
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

/* Keys on a person's turn; returns 1 if the key was theirs. */
static int on_desk_key(Play *p, const SDL_KeyboardEvent *k)
{
    if (p->seat < 0 || p->show_help)
        return 0;
    SDL_Keycode key = k->keysym.sym;
    int shift = (k->keysym.mod & KMOD_SHIFT) != 0, ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
    int enter = key == SDLK_RETURN || key == SDLK_KP_ENTER;
    UiDesk *d = &p->desk;
    if (p->handover) {
        if (enter || key == SDLK_SPACE)
            p->handover = 0;
        return key != SDLK_q && key != SDLK_ESCAPE && key != SDLK_s;
    }
    if (d->draft.open) {
        /* The dialog takes every key but the interface scale: letters are typed text. */
        if (ctrl)
            return 0;
        switch (key) {
        case SDLK_UP:
            ui_desk_focus(d, -1);
            break;
        case SDLK_DOWN:
            ui_desk_focus(d, 1);
            break;
        case SDLK_TAB:
            ui_desk_focus(d, shift ? -1 : 1);
            break;
        case SDLK_LEFT:
        case SDLK_RIGHT:
            if (d->draft.focus != UI_F_REASON)
                ui_desk_step(d, p->w, d->draft.focus, key == SDLK_RIGHT ? 1 : -1, shift);
            break;
        case SDLK_BACKSPACE:
            ui_desk_backspace(d, p->w);
            break;
        case SDLK_ESCAPE:
            ui_desk_draft_cancel(d);
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            ui_desk_draft_commit(d, p->w);
            break;
        default:
            break;
        }
        return 1;
    }
    if (ctrl)
        return 0;
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_n:
    case SDLK_RIGHT:
        end_seat(p);
        return 1;
    case SDLK_b: /* a rescue: money into a firm in distress, or a failed firm bought */
        ui_desk_draft_rescue(d, p->w, -1);
        return 1;
    case SDLK_p:
        ui_desk_draft_new(d, p->w);
        return 1;
    case SDLK_UP:
        if (d->sel > 0)
            d->sel--;
        return 1;
    case SDLK_DOWN:
        if (d->sel + 1 < d->n_offers)
            d->sel++;
        return 1;
    case SDLK_a:
        ui_desk_answer(d, d->sel, UI_ANS_ACCEPT);
        return 1;
    case SDLK_r:
        ui_desk_answer(d, d->sel, UI_ANS_REJECT);
        return 1;
    case SDLK_c:
        ui_desk_draft_counter(d, p->w, d->sel);
        return 1;
    case SDLK_SPACE:
        return 1; /* auto-play waits for people anyway */
    default:
        if (key >= SDLK_1 && key <= SDLK_9 && key - SDLK_1 < d->n_offers) {
            d->sel = key - SDLK_1;
            return 1;
        }
        return 0;
    }
}

/* A click on a person's desk, dialog or hand-over screen; returns 1 if it was theirs. */
static int on_desk_click(Play *p, float x, float y)
{
    if (p->seat < 0)
        return 0;
    UiRoleHit h = ui_role_hit(&p->geom.role, x, y);
    UiDesk *d = &p->desk;
    switch (h.action) {
    case UI_ROLE_NONE:
        return 0;
    case UI_ROLE_READY:
        p->handover = 0;
        break;
    case UI_ROLE_OFFER:
        d->sel = h.index;
        break;
    case UI_ROLE_ACCEPT:
        ui_desk_answer(d, h.index, UI_ANS_ACCEPT);
        break;
    case UI_ROLE_REJECT:
        ui_desk_answer(d, h.index, UI_ANS_REJECT);
        break;
    case UI_ROLE_COUNTER:
        ui_desk_draft_counter(d, p->w, h.index);
        break;
    case UI_ROLE_REMOVE:
        ui_desk_remove_own(d, h.index);
        break;
    case UI_ROLE_NEW:
        ui_desk_draft_new(d, p->w);
        break;
    case UI_ROLE_END:
        end_seat(p);
        break;
    case UI_ROLE_FIELD:
        d->draft.focus = (UiField)h.index;
        d->draft.typed[0] = '\0';
        break;
    case UI_ROLE_MINUS:
    case UI_ROLE_PLUS:
        d->draft.focus = (UiField)h.index;
        ui_desk_step(d, p->w, (UiField)h.index, h.action == UI_ROLE_PLUS ? 1 : -1,
                     (SDL_GetModState() & KMOD_SHIFT) != 0);
        break;
    case UI_ROLE_OK:
        ui_desk_draft_commit(d, p->w);
        break;
    case UI_ROLE_CANCEL:
        ui_desk_draft_cancel(d);
        break;
    case UI_ROLE_INSIDE:
        break;
    }
    return 1;
}

static void on_key(Play *p, const SDL_KeyboardEvent *k)
{
    /* On the debrief: D or Escape goes back to the game; S and Q work; nothing else. */
    SDL_Keycode sym = k->keysym.sym;
    if (p->show_debrief) {
        if (sym == SDLK_d || sym == SDLK_ESCAPE)
            p->show_debrief = 0;
        else if (sym == SDLK_TAB)
            p->lesson_page = !p->lesson_page;
        else if (sym == SDLK_s)
            p->shot_pending = 1;
        else if (sym == SDLK_q)
            p->quit = 1;
        return;
    }
    if (on_saves_key(p, k->keysym.sym))
        return;
    int ctrl_key = (k->keysym.mod & KMOD_CTRL) != 0;
    if (k->keysym.sym == SDLK_F5 || (ctrl_key && k->keysym.sym == SDLK_s)) {
        save_now(p);
        return;
    }
    if (k->keysym.sym == SDLK_F9 || (ctrl_key && k->keysym.sym == SDLK_o)) {
        open_saves(p);
        return;
    }
    if (on_card_key(p, k->keysym.sym))
        return;
    if (on_fail_key(p, k->keysym.sym))
        return;
    if (on_lever_key(p, k))
        return;
    if (on_desk_key(p, k))
        return;
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
    case SDLK_d:
        p->show_debrief = 1;
        break;
    case SDLK_t:
        toggle_story(p);
        break;
    case SDLK_l:
        p->levers = !p->levers;
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
        case SDL_TEXTINPUT:
            if (p->seat >= 0 && !p->handover && p->desk.draft.open)
                ui_desk_type(&p->desk, p->w, e.text.text);
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
                if (p->show_saves) {
                    UiSavesHit h = ui_saves_hit(&p->saves_geom, x, y);
                    if (h.action == UI_SAVES_ROW && h.row == p->save_sel)
                        load_picked(p); /* a second click on the picked row loads it */
                    else if (h.action == UI_SAVES_ROW)
                        p->save_sel = h.row;
                    else if (h.action == UI_SAVES_LOAD)
                        load_picked(p);
                    else if (h.action == UI_SAVES_CANCEL)
                        p->show_saves = 0;
                    break;
                }
                if (p->show_debrief)
                    break;
                if (p->show_help) {
                    p->show_help = 0;
                    break;
                }
                if (card_up(p)) {
                    UiLessonHit h = ui_lesson_hit(&p->lesson, x, y);
                    if (h == UI_LESSON_NEXT)
                        next_card(p);
                    else if (h == UI_LESSON_LEAVE)
                        toggle_story(p);
                    break;
                }
                if (fail_up(p)) {
                    UiFailHit h = ui_fail_hit(&p->fail, x, y);
                    if (h == UI_FAIL_NEXT)
                        next_fail(p);
                    else if (h == UI_FAIL_DEBRIEF)
                        fail_debrief(p);
                    break;
                }
                if (p->levers) {
                    UiLeverHit h = ui_levers_hit(&p->geom.levers, x, y);
                    if (h.action == UI_LEVER_MINUS || h.action == UI_LEVER_PLUS) {
                        p->lever_focus = h.lever;
                        move_lever(p, h.lever, h.action == UI_LEVER_PLUS ? 1 : -1,
                                   (SDL_GetModState() & KMOD_SHIFT) != 0);
                    } else if (h.action == UI_LEVER_ROW) {
                        p->lever_focus = h.lever;
                    }
                    if (h.action != UI_LEVER_NONE)
                        break;
                }
                if (on_desk_click(p, x, y))
                    break;
                UiButton b = ui_screen_button_at(&p->geom, x, y);
                if (b == UI_BUTTON_SAVE)
                    save_now(p);
                else if (b == UI_BUTTON_LOAD)
                    open_saves(p);
                if (b == UI_BUTTON_NEXT && p->seat >= 0)
                    end_seat(p);
                else if (b == UI_BUTTON_NEXT)
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
    if (p->playing && !p->over && p->seat < 0 && !card_up(p) && !fail_up(p) &&
        (Sint32)(now - p->next_step) >= 0) {
        play_turn(p);
        p->next_step = now + (Uint32)lround(1000.0 / speeds[p->speed_idx]);
    }
    if (p->notice[0] && (Sint32)(now - p->notice_until) >= 0)
        p->notice[0] = '\0';

    /* Draw */
    UiScreenState st = {.feed = (const char *const *)p->feed,
                        .n_feed = p->n_feed,
                        .playing = p->playing,
                        .speed = speeds[p->speed_idx],
                        .show_help = p->show_help,
                        .mouse_x = p->mouse_x,
                        .mouse_y = p->mouse_y,
                        .notice = p->notice[0] ? p->notice : NULL,
                        .desk = p->seat >= 0 ? &p->desk : NULL,
                        .seat = p->seat,
                        .n_seats = p->n_seats,
                        .handover = p->handover,
                        .levers = p->levers,
                        .lever_focus = p->lever_focus};
    char err[256] = "";
    ui_clear(p->d, ui_draw_theme(p->d)->bg);
    double phase = (double)(now % 2400u) / 2400.0;
    if (p->show_debrief && p->lesson_page)
        draw_lesson_page(p, ow, oh);
    else if (p->show_debrief)
        ui_debrief_draw(p->d, ow, oh, p->w, core_tr("play.keys.debrief"), NULL);
    else if (ui_screen_draw(p->d, p->map, ow, oh, p->w, p->w->turn, phase, &st, &p->geom, err,
                            sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        p->status = 1;
        return -1;
    }
    UiLessonCard card;
    memset(&p->lesson, 0, sizeof p->lesson);
    if (!p->show_debrief && !p->show_help && app_class_card(p->story, p->w, &card)) {
        SDL_FRect screen = {0, 0, (float)ow, (float)oh};
        ui_lesson_draw(p->d, screen, &card, p->mouse_x, p->mouse_y, &p->lesson);
    }
    memset(&p->fail, 0, sizeof p->fail);
    if (!p->show_debrief && !p->show_help && !card_up(p) && fail_up(p)) {
        SDL_FRect screen = {0, 0, (float)ow, (float)oh};
        UiFailCard fc;
        ui_fail_card(p->w, p->fails[p->fail_at], p->fail_at, p->n_fails, &fc);
        ui_fail_draw(p->d, screen, &fc, p->mouse_x, p->mouse_y, &p->fail);
    }
    memset(&p->saves_geom, 0, sizeof p->saves_geom);
    if (p->show_saves) {
        UiSaveRow rows[64];
        for (int k = 0; k < p->n_saves; k++)
            rows[k] = (UiSaveRow){p->save_title[k], p->save_detail[k], p->saves[k].ok};
        SDL_FRect screen = {0, 0, (float)ow, (float)oh};
        ui_saves_draw(p->d, screen, rows, p->n_saves, p->save_sel,
                      p->saves_msg[0] ? p->saves_msg : NULL, p->mouse_x, p->mouse_y,
                      &p->saves_geom);
    }
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
    char dir[1100], path[1300], err[1024] = "", stamp[32];
    snprintf(dir, sizeof dir, "%s/replays", app_saves_dir());
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s.json", dir, p->w->sc->id, stamp);
    /* The window stops here as `run --turns` would: a game still going ends on the turn limit,
     * which is the end the replay will reach. */
    sim_turn_run(p->w, 0, err, sizeof err);
    if (ensure_dir(app_saves_dir(), err, sizeof err) < 0 || ensure_dir(dir, err, sizeof err) < 0 ||
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
    return app_run(&h, out, errout);
}

int app_play(const AppOptions *o, FILE *out, FILE *errout)
{
    /* Initialization */
    int ok = SDL_Init(SDL_INIT_VIDEO) == 0;
    /* A display that is named but refuses the first connection (seen now and then with a busy
     * Xvfb) gets two more tries before the game gives up the window. */
    const char *named = getenv("DISPLAY");
    for (int tries = 0; !ok && named && *named && tries < 2; tries++) {
        SDL_Quit();
        SDL_Delay(400);
        ok = SDL_Init(SDL_INIT_VIDEO) == 0;
    }
    if (!ok)
        return fallback(o, out, errout, SDL_GetError());
    /* With no display SDL may still pick a driver that draws nowhere: treat it as none. */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0)) {
        char why[128];
        core_trf(why, sizeof why, "play.err.driver", drv, NULL);
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
    /* The start screen first, unless the command line decided already. */
    AppStart *start = NULL;
    AppOptions chosen;
    if (app_start_wanted(o)) {
        start = app_start_create();
        int rc = start ? app_start_run(start, win, o, &chosen, errout) : -1;
        if (rc <= 0) {
            app_start_destroy(start);
            SDL_DestroyWindow(win);
            SDL_Quit();
            return rc < 0 ? 1 : 0;
        }
        o = &chosen;
    }
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
    char err[1024] = "", line[1200];
    int status = 0;
    /* The game as an AppGame, so that it can be saved: a new one (seated, its strategies
     * started) or a saved one (--load). */
    AppGameSpec spec = {.scenario = o->scenario,
                        .has_seed = o->has_seed,
                        .seed = o->seed,
                        .choices = o->strategies,
                        .n_choices = o->n_strategies,
                        .fallback = "playbook",
                        .check_books = o->check_books,
                        .notes = errout};
    p.g = o->load ? app_game_load(o->load, o->scenario, &status, err, sizeof err)
                  : app_game_new(&spec, &status, err, sizeof err);
    if (!p.g) {
        fprintf(errout, "closedloop: %s\n", err);
        goto done;
    }
    p.w = p.g->world;
    if (o->load) {
        p.over = p.w->end != SIM_END_NONE || p.w->turn >= p.w->turns;
    } else {
        p.rec = app_replay_begin(p.g, err, sizeof err);
        if (!p.rec)
            fprintf(errout, "%s\n", core_trf(line, sizeof line, "play.err.replay_off", err, NULL));
    }
    p.r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!p.r)
        p.r = SDL_CreateRenderer(win, -1, 0);
    if (!p.r) {
        fprintf(errout, "%s\n",
                core_trf(line, sizeof line, "play.err.renderer", SDL_GetError(), NULL));
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
    fprintf(out, "%s\n%s\n", core_tr_content(p.w->sc->title),
            core_tr_content(p.w->sc->description));
    char seats[4096], seed[32];
    size_t used = 0;
    seats[0] = '\0';
    for (int i = 0; i < p.w->n && used < sizeof seats; i++) {
        int k = snprintf(seats + used, sizeof seats - used, "%s%s=%s",
                         i ? core_tr("play.out.list_sep") : "", p.w->sc->actors[i].id,
                         p.w->actors[i].strategy.name);
        used += k > 0 ? (size_t)k : 0;
    }
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)p.w->seed);
    char intro[4200];
    fprintf(out, "%s\n", core_trf(intro, sizeof intro, "play.out.seats", seed, seats, NULL));
    fflush(out);
    set_title(&p);
    if (o->classroom)
        toggle_story(&p);
    reseat(&p);

    /* The first frame before any input: a click is read against the layout on the screen,
     * and before the first frame there is none (a click that came early was lost). */
    if (frame(&p) < 0)
        p.quit = 1;
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
    write_replay(&p);

done:
    /* De-initialization */
    app_start_destroy(start);
    app_class_destroy(p.story);
    app_class_destroy(p.notes);
    for (int i = 0; i < p.n_feed; i++)
        free(p.feed[i]);
    ui_map_destroy(p.map);
    ui_draw_destroy(p.d);
    if (p.r)
        SDL_DestroyRenderer(p.r);
    SDL_DestroyWindow(win);
    app_replay_free(p.rec);
    app_game_free(p.g); /* and its world */
    SDL_Quit();
    return status;
}
