/* app_play_state: the game in the window (the `play` command's state) and what moves it.
 *
 * Play is everything the window keeps between frames: the world (owned by the AppGame g), the
 * SDL window and renderer, the news log, the people's seats and desk, the story and failure
 * cards, the saves list and the replay being recorded. app_play creates one on its stack and
 * frees what it holds when the window closes (the news log, the class notes, the map, the
 * draw context, the renderer, the replay and the game); the functions here only change it.
 * This module holds the month's story and notes, the people's turns (a seat's desk, ending a
 * turn, playing the month), the failure cards and story mode. Its header is shared by
 * app_play, app_play_input, app_play_news and app_play_saves only. */
#ifndef APP_PLAY_STATE_H
#define APP_PLAY_STATE_H

#include "app_class.h"
#include "app_cli.h"
#include "app_replay.h"
#include "app_save.h"
#include "sim_world.h"
#include "ui_desk.h"
#include "ui_draw.h"
#include "ui_fail.h"
#include "ui_lesson.h"
#include "ui_map.h"
#include "ui_saves.h"
#include "ui_screen.h"

#include <SDL.h>
#include <stddef.h>
#include <stdio.h>

#define N_SPEEDS 6 /* auto-play speeds (app_play.c's speeds[]) */

typedef struct {
    const AppOptions *o;
    FILE *out, *errout;
    SimWorld *w;
    SDL_Window *win;
    SDL_Renderer *r;
    UiDraw *d;
    UiMap *map;
    struct AppNews *news; /* the news log's data (app_news), built from the world's record */
    UiNewsView news_view; /* where the log is, its filter */
    int news_moved;       /* the user moved the log: say where it is after the next frame */
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

/* A whole number as text, for core_trf's string arguments; returns buf. */
const char *app_play_num(long long v, char *buf, size_t n);
/* Keeps a copy of line (len bytes) in the news log, as a note of the last month played. */
void app_play_feed_push(Play *p, const char *line, size_t len);
/* The window's title: the scenario's, and the month. */
void app_play_set_title(Play *p);
/* The people's seats of the world in hand, and the first desk. */
void app_play_reseat(Play *p);
/* The person whose desk is open ends the turn; the next desk opens, or the month is played. */
void app_play_end_seat(Play *p);
/* Plays one month (story, log notes, cards, autosave); stops auto-play when the game ends. */
void app_play_turn(Play *p);
/* Whether a failure card is on show; the next one (auto-play resumes after the last); D on one. */
int app_play_fail_up(const Play *p);
void app_play_next_fail(Play *p);
void app_play_fail_debrief(Play *p);
/* The lesson in numbers (ow x oh), with the class's questions when the scenario has notes. */
void app_play_draw_lesson_page(Play *p, int ow, int oh);
/* Whether a story card is on show; the next one (auto-play resumes after the last). */
int app_play_card_up(const Play *p);
void app_play_next_card(Play *p);
/* A notice over the map for four seconds (text is copied). */
void app_play_set_notice(Play *p, const char *text);
/* T: story mode on or off (the notes are read the first time). */
void app_play_toggle_story(Play *p);

#endif
