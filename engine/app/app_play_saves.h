/* app_play_saves: saving and loading from the window.
 *
 * F5 saves the game in hand to saves/SCENARIO-gameN-YYYY-MM.json (N: the game's number, given at
 * its first save; the game month; -2, -3 ... for another save of the same month); after every
 * month an autosave of the same name in saves/autosave keeps the last few months of each of
 * the last few games (app_game_autosave). F9 opens the list of saves grouped by game (a heading
 * per game: its scenario, seed, seats and latest month; then its saves, the latest month
 * first); Enter asks who plays (keep the save's seats, play as my role, watch) and the answer
 * loads it in place of the game in hand (its replay stops). The list lives in Play (saves,
 * save_row, save_title, save_detail, the question); nothing here allocates what outlives a
 * call except the loaded game, which replaces p->g and is freed by app_play. Messages go to
 * p->out / p->errout and to the window's notice. */
#ifndef APP_PLAY_SAVES_H
#define APP_PLAY_SAVES_H

#include "app_play_state.h"

/* Makes the folder if it is missing (its parent must exist); -1 with err filled if not. */
int app_play_ensure_dir(const char *dir, char *err, size_t errsz);
/* Gives the game in hand its number if it has none: one more than any in saves/, its autosave
 * and replays folders. */
void app_play_number_game(Play *p);
/* F5: saves the game now. */
void app_play_save_now(Play *p);
/* After every month; the first failure is reported once. */
void app_play_autosave(Play *p);
/* F9: the autosaves and the saves in saves/, newest first. */
void app_play_open_saves(Play *p);
/* A key while the saves list is up (or its question); 1 if it was used. */
int app_play_on_saves_key(Play *p, SDL_Keycode key);
/* A left click while the list is up. */
void app_play_on_saves_click(Play *p, float x, float y);
/* Draws the list (and the question, if it is up) over the screen, ow x oh. */
void app_play_draw_saves(Play *p, int ow, int oh);

#endif
