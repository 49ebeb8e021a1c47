/* app_play_saves: saving and loading from the window.
 *
 * F5 saves the game in hand to saves/SCENARIO-YYYYMMDD-HHMMSS-tTURN.json; after every month an
 * autosave keeps the last few months in saves/autosave; F9 opens the list of saves (newest
 * first) and Enter loads the one picked in place of the game in hand (its replay stops). The
 * list lives in Play (saves, save_title, save_detail); nothing here allocates what outlives a
 * call except the loaded game, which replaces p->g and is freed by app_play. Messages go to
 * p->out / p->errout and to the window's notice. */
#ifndef APP_PLAY_SAVES_H
#define APP_PLAY_SAVES_H

#include "app_play_state.h"

/* Makes the folder if it is missing (its parent must exist); -1 with err filled if not. */
int app_play_ensure_dir(const char *dir, char *err, size_t errsz);
/* F5: saves the game now. */
void app_play_save_now(Play *p);
/* After every month; the first failure is reported once. */
void app_play_autosave(Play *p);
/* F9: the autosaves and the saves in saves/, newest first. */
void app_play_open_saves(Play *p);
/* Loads the save picked; on failure the message stays in the list and the game goes on. */
void app_play_load_picked(Play *p);
/* A key while the saves list is up; 1 if it was used. */
int app_play_on_saves_key(Play *p, SDL_Keycode key);

#endif
