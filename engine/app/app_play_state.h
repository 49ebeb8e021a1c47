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
#include "ui_card.h"
#include "ui_draw.h"
#include "ui_fail.h"
#include "ui_lesson.h"
#include "ui_map.h"
#include "ui_saves.h"
#include "ui_screen.h"

#include <SDL.h>
#include <stddef.h>
#include <stdio.h>

#define N_SPEEDS           6   /* auto-play speeds (app_play.c's speeds[]) */
#define SAVES_MAX          64  /* save files the list reads (the newest written) */
#define SAVES_ROWS         128 /* rows of the list: the files and a heading per game */
#define PLAY_CARDS         80  /* cards on show at once (a month's story cards and defaults) */
#define PLAY_CARD_GRACE_MS 600

/* A card in the queue: a story card (ref: its index in story->cards) or a default (ref: the
 * actor). */
typedef enum { PLAY_CARD_STORY, PLAY_CARD_FAIL } PlayCardKind;
typedef struct {
    PlayCardKind kind;
    int ref;
} PlayCard;

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
    /* Saves: the game as saved (its world is w), the list of saves on show (F9): the files read
     * (saves), the list's rows (a game's heading, then its saves; save_row: the file a row
     * loads, -1 for a heading) and the row picked; the seat question asked before a load
     * (save_ask: up; ask_sel: the answer picked; 0 keep, 1 my role, 2 watch). */
    AppGame *g;
    int show_saves, save_sel, n_saves, n_save_rows, autosave_failed;
    AppSaveEntry saves[SAVES_MAX];
    int save_row[SAVES_ROWS];
    char save_title[SAVES_ROWS][160], save_detail[SAVES_ROWS][300];
    char saves_msg[600];
    UiSavesGeom saves_geom;
    int save_ask, ask_sel, ask_ok[3];
    char ask_text[800], ask_opt[3][240];
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
    /* Story mode (--classroom, T): the notes (their cards of the month are story->cards). */
    AppClass *story;
    /* The cards on show (app_play_cards): the month's story cards, then its defaults' cards, in
     * one queue; the one on show, whether it is folded to a strip, whether auto-play was on when
     * they came up, and when they came up (SDL_GetTicks: the cards' keys and clicks wait
     * PLAY_CARD_GRACE_MS, so a key meant for the month before does not dismiss one unseen). */
    PlayCard cards[PLAY_CARDS];
    int n_cards, card_at, card_folded, card_resume;
    Uint32 card_since;
    UiCardGeom card;
    int quit_ask; /* Q asked: Q again or Y quits, Escape stays */
    int new_game; /* N after the end: back to the start screen with the same scenario */
    /* The money's animation: where it stands (ms in its 2.4 s cycle); it moves while the game
     * plays and stands still while it waits (app_play_animating). */
    Uint32 phase_ms;
    /* The debrief's worlds like this one (app_worlds), played in the background from the first
     * time the debrief shows; dropped when a load changes the game. worlds_wake: the SDL event
     * their threads push after each world (it wakes the frame loop to draw the progress). */
    struct AppWorlds *worlds;
    Uint32 worlds_wake;
    int worlds_off; /* they could not be made (said once on errout): the debrief without them */
    /* The teacher's levers (app_compare): the game without the change, played beside this one
     * from the change on and drawn faint in the lever panel; whether auto-play was on when the
     * panel opened (it waits while the panel is open and goes on when it closes). */
    struct AppCompare *compare;
    int lever_resume;
    char compare_text[640];
    /* Hosting a class (o->host: `closedloop host`, "Open to the class"): the room, its server
     * and its screens (app_play_host); NULL when the window does not host. */
    struct AppPlayHost *host;
    /* The lab (app_play_lab): a script of the user's plays a role and the game is played again
     * when its file changes; NULL until --lab, "Try a strategy" or W opens it. */
    struct AppPlayLab *lab;
} Play;

/* A whole number as text, for core_trf's string arguments; returns buf. */
const char *app_play_num(long long v, char *buf, size_t n);
/* Appends item to the list in buf (n bytes, *used of them taken; "" at first), after the list
 * separator (play.out.list_sep) unless it is the first; cut at n. */
void app_play_list_add(char *buf, size_t n, size_t *used, const char *item);
/* The window's title: the scenario's, and the month. */
void app_play_set_title(Play *p);
/* The people's seats of the world in hand, and the first desk. */
void app_play_reseat(Play *p);
/* The person whose desk is open ends the turn; the next desk opens, or the month is played. */
void app_play_end_seat(Play *p);
/* Plays one month (story, log notes, cards, autosave), and the same month of the game without
 * the teacher's change if there is one; stops auto-play when the game ends. */
void app_play_turn(Play *p);
/* The lesson in numbers (ow x oh), with the class's questions when the scenario has notes. */
void app_play_draw_lesson_page(Play *p, int ow, int oh);
/* A notice over the map for four seconds (text is copied). */
void app_play_set_notice(Play *p, const char *text);
/* T: story mode on or off (the notes are read the first time). */
void app_play_toggle_story(Play *p);
/* Whether something on screen moves by itself (auto-play running: the money flows, months
 * come): the frame loop then draws on a timer; otherwise only when input comes or a notice
 * goes. Anything else drawn from the clock must be counted here. */
int app_play_animating(const Play *p);

/* app_play_cards: the queue of cards. After a month (rc: sim_turn_step's) the month's story
 * cards and defaults' cards come up, and auto-play stops until the last is dismissed. */
void app_play_cards_month(Play *p, int turn, int rc);
/* Whether a card is on show (folded or not). */
int app_play_card_up(const Play *p);
/* The id of the story card on show (its event's, or the scenario's for its lesson); "" when none
 * is, or the card on show is a default's. */
const char *app_play_card_story_id(const Play *p);
/* The next card (step 1: after the last, back to the game, auto-play on again if it was on) or
 * the one before (-1: none before the first). */
void app_play_card_go(Play *p, int step);
/* Fold the card to a strip over the news, or unfold it. */
void app_play_card_fold(Play *p);
/* The cards go (auto-play stays off). */
void app_play_cards_clear(Play *p);
/* Keys and clicks while a card is up: 1 if they were the card's (a card's key within its first
 * moment is eaten, and a key the card does not use says so in a notice). */
int app_play_card_key(Play *p, const SDL_KeyboardEvent *k);
int app_play_card_click(Play *p, float x, float y);
/* The card on show, over the screen of ow x oh pixels. */
void app_play_cards_draw(Play *p, int ow, int oh);
/* The quit question (Q), over everything. */
void app_play_ask_draw(Play *p, int ow, int oh);

/* app_play_host: the window hosting a class (o->host). Opens the room and the server over the
 * game (the world's queued seats are the room's: no desk opens in the window); -1 said on
 * errout. */
typedef struct AppPlayHost AppPlayHost;
int app_play_host_open(Play *p);
void app_play_host_close(Play *p);
/* Services the server (never waits); plays the month when the room is due (every seated team
 * ready, or the timer out); 1 if the screen must be drawn again (the room changed, the
 * countdown's second, a month). */
int app_play_host_poll(Play *p);
/* Whether the room screen is up (the teacher has not started). */
int app_play_host_room_up(const Play *p);
/* The room screen (ow x oh), or once started the room's strip over the map. */
void app_play_host_draw(Play *p, int ow, int oh);
/* The height to keep free under the map for the room's strip (0: none), for a window ow wide. */
float app_play_host_foot(Play *p, int ow);
/* Around the month's step (app_play_turn): the empty seats' stand-ins in (before = 1) and out,
 * then the next month's timer and the desks pushed. */
void app_play_host_step(Play *p, int before);
/* Keys: the room screen's (and what hosting forbids), first; the game's (Space pauses the
 * room's timer, E extends it), after the lever panel and the cards. 1 if the key was taken. */
int app_play_host_room_key(Play *p, const SDL_KeyboardEvent *k);
int app_play_host_key(Play *p, const SDL_KeyboardEvent *k);
/* A controls-bar button clicked while hosting: Play pauses or resumes the room's timer (as
 * Space does), Load is refused with a notice (a loaded game would replace the world the room
 * plays). 1 if taken; 0 otherwise (not hosting, another button: it does what it does in a game). */
int app_play_host_button(Play *p, UiButton b);
/* 1: hosting, with the room's timer paused. */
int app_play_host_timer_paused(const Play *p);
/* A click on the room screen, a seat's chip or its menu: 1 if taken. */
int app_play_host_click(Play *p, float x, float y);
/* A / the card's Show button: the class's answers to the card the window pushed are revealed on
 * every screen. 1 if hosting (the key is taken), else 0. */
int app_play_host_reveal(Play *p);
/* The answers to story card id as the window's card draws them, if it is the card pushed to
 * the class (else NULL); kept in the host until the next call. */
const UiCardAnswers *app_play_host_card_answers(Play *p, const char *id);

/* app_play_lab: the lab in the window (see app_play_lab.c). Opens it for o->lab_role/lab_file (or
 * its picker for o->lab_pick); -1 said on errout (a wrong role: the game does not start). */
typedef struct AppPlayLab AppPlayLab;
int app_play_lab_open(Play *p);
void app_play_lab_close(Play *p);
/* The watcher, once a second: a changed file is played again; 1 if the screen must be drawn. */
int app_play_lab_poll(Play *p);
/* Whether the lab's picker is up (it then takes every key, before the game's). */
int app_play_lab_picking(const Play *p);
/* Keys, typed text and clicks for the lab's picker and panel: 1 if taken. */
int app_play_lab_key(Play *p, const SDL_KeyboardEvent *k);
int app_play_lab_text(Play *p, const char *text);
int app_play_lab_click(Play *p, float x, float y);
/* The panel over the chart panel (p->geom.panel) and the picker over the screen. */
void app_play_lab_draw(Play *p, int ow, int oh);

#endif
