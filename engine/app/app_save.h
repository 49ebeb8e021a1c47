/* app_save: a game as the app holds it (the world, who sits in each seat, the scenario text), and
 * saving, loading and autosaving it. The API the window calls.
 *
 *   AppGame *g = app_game_new(&spec, &status, err, sizeof err);    a new game, init run
 *   app_game_save(g, path, err, sizeof err);                      save now (atomic)
 *   app_autosave(g, dir, APP_AUTOSAVE_KEEP, NULL, 0, err, ...);   after each turn (--autosave)
 *   app_game_autosave(g, dir, keep, games, ...);                  the window's, per game (below)
 *   app_autosave_list(dir, &list, &n, err, ...);                  turn, month, date of each
 *   AppGame *h = app_game_load(path, NULL, &status, err, ...);    NULL: the game in hand stays
 *   app_game_free(g); g = h;                                       swap only on success
 *
 * Loading builds a whole new game (a fresh world, fresh Lua states from the saved script texts,
 * their view.memory and random streams restored, init not run again) and returns NULL with one
 * line in err ("FILE: $.world.deals[3].amount: expected ...") and nothing allocated on any
 * failure, so a failed load never touches the game in memory. status is the exit status the
 * command line uses: 2 for a bad file, 1 for an engine failure. The scenario is read afresh from
 * the save, and app_game_load puts the teacher's levers back from the record (sim_lever_restore):
 * callers must not do it again.
 *
 * Ownership: an AppGame owns its world (and the strategies in it) and its texts; app_game_free
 * frees it all. Lists from app_autosave_list are freed with free(). */
#ifndef APP_SAVE_H
#define APP_SAVE_H

#include "app_cli.h"
#include "app_path.h" /* app_saves_dir: once declared here */
#include "dat_save.h" /* DatRoom */
#include "sim_world.h"

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#define APP_CHOICE_LEN    1024
#define APP_AUTOSAVE_KEEP 5 /* autosaves kept in a folder: the newest */

typedef struct AppGame {
    SimWorld *world;
    char scenario_path[1024];
    char *scenario_text; /* the scenario file as read: saves embed it */
    size_t scenario_len;
    char (*choice)[APP_CHOICE_LEN]; /* per actor: the seat as chosen (history, playbook, ...) */
    int game_no;   /* the game's number in the names of its saves (0: none yet; see below) */
    DatRoom *room; /* a hosted game's room, saved with it (NULL: none); the game owns it */
} AppGame;

/* How to start a new game. */
typedef struct {
    const char *scenario; /* NULL: the default scenario */
    int has_seed;
    uint64_t seed;                    /* if has_seed; else the scenario's */
    const AppStrategyChoice *choices; /* ROLE=CHOICE, applied in order over the fallback */
    int n_choices;
    const char *fallback; /* every role's seat first; NULL: history */
    int check_books;
    FILE *notes; /* the note of roles without a playbook goes here (NULL: nowhere) */
} AppGameSpec;

/* Makes a game, seats every role and runs the strategies' init. NULL with err and *status. */
AppGame *app_game_new(const AppGameSpec *spec, int *status, char *err, size_t errsz);

/* Loads a save into a new game. expect_scenario: the path of the scenario the caller plays (a
 * save of another one is refused), or NULL to take the save's own. */
AppGame *app_game_load(const char *path, const char *expect_scenario, int *status, char *err,
                       size_t errsz);

/* Saves the game to path, atomically; the folder must exist. 0 or -1 with "PATH: why". */
int app_game_save(const AppGame *g, const char *path, char *err, size_t errsz);

void app_game_free(AppGame *g);

/* What the seat of actor `who` would answer, this month, to terms t proposed by `me`: the game
 * is saved into memory and read back (the seat's strategy rebuilt as a load rebuilds it, its
 * view.memory and random stream put back), the offer put on the copy's table, and the seat's
 * decide called once on the copy. Returns the SimIntentKind of its answer (ACCEPT, REJECT,
 * COUNTER; PASS when it leaves the offer waiting), its reason into reason; -1 with err. The
 * game in hand is not touched. */
int app_game_forecast(const AppGame *g, int me, int who, const SimTerms *t, char *reason,
                      size_t cap, char *err, size_t errsz);

/* A copy of the game in hand, made as app_game_forecast makes its copy (saved into memory and
 * read back) but with every seat rebuilt as a load rebuilds it (Lua seats with their
 * view.memory and random streams, people's seats with their queues): played on, it plays as
 * the game in hand would. The two share nothing. NULL with err. */
AppGame *app_game_copy(const AppGame *g, char *err, size_t errsz);

/* Writes dir/autosave-SEQ-tTURN.json (SEQ one more than the newest there; the folder is made if
 * missing), then deletes all but the `keep` newest autosaves and any temp file a killed writer
 * left. The path written goes to path_out if not NULL. 0 or -1 with err. */
int app_autosave(const AppGame *g, const char *dir, int keep, char *path_out, size_t path_sz,
                 char *err, size_t errsz);

typedef struct {
    char path[1024];
    int seq;       /* order of writing: higher is newer */
    int turn;      /* turns played */
    char month[8]; /* the last month played */
    char saved_at[32];
    char scenario[32];
    int ok; /* 0: the file does not load (why holds the reason) */
    char why[256];
    /* The game it belongs to: its number from the file name (0: a name of before, or another
     * name), its seed, and the seats: the roles people play (ids joined by ","), what plays
     * all the others ("playbook", "baseline", a script's file name, or "mixed"; "" when people
     * play every role), and a key of every role=choice (same seats, same key). */
    int game;
    char seed[24];
    char people[256];
    char others[64];
    uint64_t seats_key;
} AppSaveEntry;

/* The autosaves in dir, newest first, each read for its turn, month and date. *out is freed
 * with free(). 0 (an empty or missing folder gives n = 0) or -1 with err. */
int app_autosave_list(const char *dir, AppSaveEntry **out, int *n, char *err, size_t errsz);

/* ---------------------------------------------------------------------------------------------
 * Saves named by game and game month (the window's saves and autosaves)
 *
 *   SCENARIO-gameN-YYYY-MM.json      the game numbered N, its last month played
 *   SCENARIO-gameN-start.json        before the first month
 *   SCENARIO-gameN-YYYY-MM-K.json    a second, third ... save of the same month (F5 again)
 *
 * A game gets its number at its first save (one more than any in the folders the window keeps,
 * app_save_new_game_no); a loaded game keeps the number its file name carries, so its saves
 * stay together. Names of before (autosave-SEQ-tTURN.json, SCENARIO-DATE-TIME-tTURN.json) still
 * load and list, without a number. */

/* The game number in a save's file name (a path or a name), 0 if it has none. */
int app_save_game_no(const char *name);

/* One more than any game number in the file names in the n folders (missing ones are empty). */
int app_save_new_game_no(const char *const *dirs, int n);

/* The file name of game game_no of w in dir at w's month: dir/SCENARIO-gameN-YYYY-MM.json
 * ("start" before the first month); unique: -2, -3 ... added while a file of that name exists.
 * Saves and the window's replays are named so. */
void app_game_file_name(const SimWorld *w, int game_no, const char *dir, int unique, char *path,
                        size_t path_sz);

/* Saves g in dir (made if missing) under its game and month. g->game_no must be set (> 0).
 * unique: never replaces a file (F5: -2, -3 ... are added); else the month's save of this game
 * is replaced (an autosave). The path written goes to path_out. 0 or -1 with err. */
int app_game_save_named(const AppGame *g, const char *dir, int unique, char *path_out,
                        size_t path_sz, char *err, size_t errsz);

/* The window's autosave: app_game_save_named(g, dir, replace), then in dir only the `keep`
 * newest autosaves of each game (by time of writing) and those of the `games` games written
 * most recently stay; other numbered autosaves and temp files a killed writer left go. */
int app_game_autosave(const AppGame *g, const char *dir, int keep, int games, char *path_out,
                      size_t path_sz, char *err, size_t errsz);
#define APP_AUTOSAVE_GAMES 8 /* games whose autosaves the window keeps */

/* Reads the head of the save at path into e (the fields above; ok = 0 with why if it does not
 * read). */
void app_save_entry_read(AppSaveEntry *e, const char *path);

/* Seats choice ("human", "playbook", "baseline", ...) at role i of the game in hand mid-game: the
 * new strategy is made and started (its init runs now) and replaces the old one. 0, or -1 with
 * err and the old seat kept. */
int app_game_reseat(AppGame *g, int i, const char *choice, char *err, size_t errsz);

#endif
