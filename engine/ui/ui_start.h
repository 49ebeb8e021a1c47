/* ui_start: the start screen: which language, which scenario, which seed, who plays which role.
 *
 * The form is a UiStart the app owns: the app fills in what there is to choose from (the
 * scenario files it found, the roles of the scenario on show, the strategies it can seat) and
 * ui_start keeps the user's picks in it: the scenario, the seed as typed, and for every role
 * either "a person" (hot-seat: several roles may be people) or one of the strategies. A row
 * "You play" sums it up and picks quickly: Watch (every role played by its strategy), one role,
 * or a hot-seat of several. ui/ reads no files: the lists arrive as strings and stay the app's.
 * The language row (top right) picks the language of the whole program: the app switches the
 * tables (app_lang_init) when told UI_START_LANG and gives the texts of the form again; the
 * screen's own words come from the tables ("start." keys) each time it is drawn.
 *
 * Keys: Up/Down or Tab/Shift+Tab move between rows (Up from the scenario reaches the language);
 * Left/Right change the row's value; Space or P toggles a person on a role's row; digits and
 * Backspace edit the seed, R draws a random one (the app supplies it); W watches; C turns story
 * mode on or off; O "Open to the class" (Start then hosts the game for a class: the people's
 * roles are the room's seats, every role when nobody is one); F11 full screen on or off, Z the
 * interface scale (normal, large, projector); Enter starts; Escape quits. The mouse does the same:
 * click a row's arrows or value, a role's person box, Random, Story mode, Start or Quit.
 *
 * Nothing here allocates. */
#ifndef UI_START_H
#define UI_START_H

#include "ui_draw.h"

#include <SDL.h>

#define UI_START_MAX_ROLES 64
/* Rows: language, scenario, seed, you play, one per role, the Start button. */
#define UI_START_ROW_LANG     0
#define UI_START_ROW_SCENARIO 1
#define UI_START_ROW_SEED     2
#define UI_START_ROW_YOU      3
#define UI_START_ROW_ROLE0    4
#define UI_START_MAX_ROWS     (UI_START_ROW_ROLE0 + UI_START_MAX_ROLES + 1)

typedef struct {
    const char *id;       /* "nvidia" */
    const char *name;     /* "Nvidia" */
    const char *note;     /* a few words under the name (its leader, "the hub"), or NULL */
    const char *playbook; /* its playbook's name ("nvidia_bind"), or NULL */
} UiStartRole;

typedef struct UiStart {
    /* Offered by the app (its strings). */
    const char *const *scenarios; /* scenario labels (file names) */
    int n_scenarios;
    const char *title; /* the scenario on show: its title, or NULL */
    const char *about; /* its description, or why it cannot be played */
    UiStartRole roles[UI_START_MAX_ROLES];
    int n_roles;                /* 0: nothing to play (Start does nothing) */
    const char *const *scripts; /* strategy labels; scripts[0] is "playbook" */
    int n_scripts;
    /* The user's picks. */
    int lang;      /* a CoreLang: the language chosen (the app sets the one in use) */
    int scenario;  /* index into scenarios */
    char seed[24]; /* digits */
    int person[UI_START_MAX_ROLES]; /* 1: played by a person */
    int script[UI_START_MAX_ROLES]; /* index into scripts, for a role no person plays */
    int focus;                      /* the row with the keyboard */
    int seed_typed;                 /* digits typed since the seed row got the focus */
    const char *notice;             /* a line under the form (an error), or NULL */
    int story;      /* 1: story mode (the classroom's cards at each historical event; C toggles) */
    int fullscreen; /* 1: the window covers the screen (F11 or the box toggles; the app applies it)
                     */
    int scale;      /* the interface scale, a UiScalePreset (Z or the box cycles; -1: another) */
    int host;       /* 1: "Open to the class": Start hosts the game for a class (O toggles) */
    int lab;        /* 1: "Try a strategy": the game opens with the lab's picker (L toggles) */
} UiStart;

typedef enum {
    UI_START_NONE,     /* nothing the app must do */
    UI_START_SCENARIO, /* the scenario changed: the app reloads roles, title, seed */
    UI_START_LANG,     /* the language changed (lang): the app puts its tables in use */
    UI_START_RANDOM,   /* the app writes a random seed into seed */
    UI_START_GO,       /* start the game with the picks */
    UI_START_QUIT,
    UI_START_DISPLAY /* fullscreen or scale changed: the app applies them to the window */
} UiStartAction;

/* Where the parts went (pixels), for clicks and tests. w = 0: not drawn. */
typedef struct {
    SDL_FRect screen;
    SDL_FRect row[UI_START_MAX_ROWS];                           /* each row's whole rectangle */
    SDL_FRect prev[UI_START_MAX_ROWS], next[UI_START_MAX_ROWS]; /* a row's < and > arrows */
    SDL_FRect value[UI_START_MAX_ROWS];                         /* a row's value box */
    SDL_FRect person[UI_START_MAX_ROLES];                       /* a role's person box */
    SDL_FRect random, start, quit, story;                       /* buttons */
    SDL_FRect fullscreen, scale; /* the display's options, left of story mode */
    int n_rows;
    SDL_FRect host; /* "Open to the class", between story mode and full screen */
} UiStartGeom;

/* Sets the picks to their defaults for the roles now in s: nobody a person (Watch), every role
 * its playbook, the focus on the scenario. Keeps the language, the scenario and the seed. */
void ui_start_reset_roles(UiStart *s);

/* The number of rows (language, scenario, seed, you, roles, Start). */
int ui_start_rows(const UiStart *s);

/* How many roles a person plays, and the first of them (or -1). */
int ui_start_people(const UiStart *s, int *first);

/* Handles a key. */
UiStartAction ui_start_key(UiStart *s, SDL_Keycode key, Uint16 mod);

/* Handles a left click at (x, y) pixels, per the geometry of the last draw. */
UiStartAction ui_start_click(UiStart *s, const UiStartGeom *g, float x, float y);

/* Draws the screen into (0, 0, width, height), background included; (mx, my) is the mouse
 * (< 0: none), for hover. g receives the layout (ui_start_click needs it). */
void ui_start_draw(UiDraw *d, int width, int height, const UiStart *s, float mx, float my,
                   UiStartGeom *g);

#endif
