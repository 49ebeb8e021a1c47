/* app_start: the start screen of `closedloop play`, wired to files and the window.
 *
 * Lists the scenario files (the folder of the default scenario) and the strategy scripts
 * (scripts/strategies and scripts/examples), loads the scenario on show to learn its roles and
 * default seed, and runs the start screen (ui_start) in the game's window until the user starts
 * or quits. The result is the options the game starts with: the scenario's path, the seed, and a
 * ROLE=CHOICE for every role, "human" for a person's seat. The screen's language row switches
 * the language of the whole program (app_lang_init): the game that starts speaks it too.
 *
 * Ownership: an AppStart owns the strings the chosen options point to; destroy it only after the
 * game is over. It makes its own renderer on the window and destroys it before returning. */
#ifndef APP_START_H
#define APP_START_H

#include "app_cli.h"

#include <SDL.h>
#include <stdio.h>

typedef struct AppStart AppStart;

/* Whether `play` asks first: not when --no-start, --scenario, --seed or --strategy decided. */
int app_start_wanted(const AppOptions *o);

/* NULL if memory runs out. */
AppStart *app_start_create(void);
void app_start_destroy(AppStart *st);

/* The form the screen shows and edits (the AppStart's own). */
struct UiStart *app_start_form(AppStart *st);

/* The picks on the form as options: base with the scenario's path, the seed and a ROLE=CHOICE
 * for every role ("human" for a person). 0, or -1 with the form's notice saying what is wrong
 * (a seed that is not a whole number, a scenario that cannot be played). */
int app_start_options(AppStart *st, const AppOptions *base, AppOptions *chosen);

/* Switches the program to language lang (a CoreLang) and gives the form its texts again in it:
 * 0, or -1 with the reason in err and in the form's notice (the language in use stays). */
int app_start_set_lang(AppStart *st, int lang, char *err, size_t errsz);

/* Puts the scenario at path on show (the list becomes its folder's): the form for a new game
 * after one played. */
void app_start_pick(AppStart *st, const char *path);

/* Shows the start screen in win. 1: *chosen is base with the user's picks; 0: the user quit;
 * -1: a failure, said on errout. */
int app_start_run(AppStart *st, SDL_Window *win, const AppOptions *base, AppOptions *chosen,
                  FILE *errout);

#endif
