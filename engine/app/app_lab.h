/* app_lab: the strategy author's lab. One role plays a Lua file; when the file changes on disk
 * the game is played again from its start with the new version, and the outcome is said against
 * the version before.
 *
 *   AppLab *lab = app_lab_new(&spec, "microsoft", "mine.lua", err, sizeof err);
 *   app_lab_reload(lab, turn, &at_turn, err, sizeof err);    version 1 (or a refusal)
 *   every frame: app_lab_poll(lab, SDL_GetTicks(), turn, &at_turn, err, sizeof err);
 *
 * The watcher looks at the file's size and modification time at most once a second (a stat, no
 * inotify); a change since the version last tried makes a reload. A reload reads the file, seats
 * it in the role over the spec's seats (the others as the spec says) and plays a whole game from
 * the start, as `closedloop run` would with the same scenario, seed and seats: so the run a
 * version makes is the run `run --strategy ROLE=FILE` makes. With a chosen month
 * (app_lab_set_from) it replays from that month instead (see there). What the script printed, the
 * intents dropped and every error (a compile error, a runtime error with its script:line and hint,
 * a retirement) go to the console, month by month. A version with an error is refused: the version
 * before stays (its run and the window's game), and the console says so; the next change of the
 * file is tried again. A version without one becomes the run in hand, and the one it replaces is
 * kept as "before", for the window to draw faintly and the sentence to compare.
 *
 * Ownership: the lab copies the spec, role and path; app_lab_free frees its runs. A game handed
 * out through at_turn is the caller's (app_game_free). Console lines and worlds returned live
 * until the next reload or the lab's free. Nothing here needs a window: tests drive it. */
#ifndef APP_LAB_H
#define APP_LAB_H

#include "app_save.h"
#include "sim_world.h"

#include <stddef.h>
#include <stdint.h>

#define APP_LAB_LINES    160 /* console lines kept (the newest) */
#define APP_LAB_LINE_LEN 400
#define APP_LAB_PRINTS   40 /* printed lines a run shows before it says how many more there were */
#define APP_LAB_LOOK_MS  1000u /* the watcher looks at the file at most this often */

typedef enum {
    APP_LAB_INFO,  /* the lab's own news: a version loaded, refused, the outcome */
    APP_LAB_ERROR, /* an error of the script (compile or runtime), or a file that cannot be read */
    APP_LAB_DROPPED, /* an intent dropped before it reached the engine */
    APP_LAB_PRINT    /* a line the script printed */
} AppLabKind;

typedef struct {
    AppLabKind kind;
    char text[APP_LAB_LINE_LEN];
} AppLabLine;

typedef struct AppLab AppLab;

/* A lab for `role` (an actor id of the spec's scenario) played by the file at path, the other
 * seats as spec says (its choices are copied; a choice of the role itself is overridden). No
 * run is made yet: call app_lab_reload. NULL with err (an unknown role: the roles listed). */
AppLab *app_lab_new(const AppGameSpec *spec, const char *role, const char *path, char *err,
                    size_t errsz);
void app_lab_free(AppLab *lab);

/* The watcher: whether the file's size or modification time differs from the version last
 * tried (a file that cannot be looked at is no change: an editor may be writing it). */
int app_lab_changed(AppLab *lab);

/* Plays the file as it is now (see above). at_turn, if not NULL, gets a copy of the new run as it
 * stood after `turn` months (or at its end if it ended before): the window's game. Returns 1 when
 * the version was taken, 0 when it was refused (the console says why; nothing else changed), -1
 * with err on an engine failure. */
int app_lab_reload(AppLab *lab, int turn, AppGame **at_turn, char *err, size_t errsz);

/* Once a second at most (now_ms: a clock in ms, SDL_GetTicks), app_lab_changed, and on a change
 * app_lab_reload. 0 when nothing was done, else app_lab_reload's result (2 if refused: said
 * apart from "nothing done"). */
int app_lab_poll(AppLab *lab, uint32_t now_ms, int turn, AppGame **at_turn, char *err,
                 size_t errsz);

/* The run of the version in hand, played to its end (NULL before the first good version), and
 * the run of the version before it (NULL if none). */
const SimWorld *app_lab_run(const AppLab *lab);
const SimWorld *app_lab_before(const AppLab *lab);
/* Good versions so far (1 after the first), and versions tried (refusals included). */
int app_lab_version(const AppLab *lab);
int app_lab_tries(const AppLab *lab);
/* The role's actor index, the role's id, the file's path. */
int app_lab_actor(const AppLab *lab);
const char *app_lab_role(const AppLab *lab);
const char *app_lab_path(const AppLab *lab);
/* Whether the last version tried was refused (its errors are in the console). */
int app_lab_refused(const AppLab *lab);

/* The chosen month (issue 16, item 5): the next version replays from month `month` (months
 * played; 0 or less: from the start) instead of the start. The months before it stay the run in
 * hand's: its game at that month (made again from the games it was played from, through the
 * save machinery: app_game_copy) gets the role seated anew on the file as a load rebuilds a
 * seat with `run --load SAVE --strategy ROLE=FILE` (app_game_reseat): the script starts fresh
 * there, its init run at that month and its view.memory empty (the version before's memory is
 * not carried over; the console says so). So the run equals `run --load SAVE_AT_M --strategy
 * ROLE=FILE` with SAVE_AT_M the run in hand saved after `month` months. A month past the run in
 * hand's end replays from its end. app_lab_from: the month chosen; app_lab_run_from: the month
 * the run in hand was replayed from (0: the start). */
void app_lab_set_from(AppLab *lab, int month);
int app_lab_from(const AppLab *lab);
int app_lab_run_from(const AppLab *lab);

/* What changed in the outcome from the run before to the run in hand, in one or a few sentences
 * in the reader's language (lab.changed.*): the role's score, why the game ended, the month the
 * hub defaulted; for the first version, the outcome alone; first, the month it was replayed
 * from, if not the start. "" before the first. */
size_t app_lab_sentence(const AppLab *lab, char *buf, size_t n);

/* The console, oldest first: k in [0, app_lab_console_count). NULL out of range. */
int app_lab_console_count(const AppLab *lab);
const AppLabLine *app_lab_console_line(const AppLab *lab, int k);

/* Writes the run in hand's history as `run --json` writes it (dat_history_write). 0, or -1 with
 * err (also when there is no run yet). */
int app_lab_write(const AppLab *lab, const char *path, char *err, size_t errsz);

#endif
