/* app_cli: the command line of `closedloop`: subcommands, flags, their checks and the help text.
 *
 * The texts people read (the help, the messages) come from the string tables, keys "cli.*"
 * (assets/lang/<code>/cli.json), in the language app_lang chose.
 *
 * app_cli_parse fills an AppOptions from argv (it keeps pointers into argv, which must outlive
 * it) and reports the first problem in err, naming the flag and what was expected. The options
 * of run, check, play and replay are one table (app_opt), read by the parser and the help. */
#ifndef APP_CLI_H
#define APP_CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define APP_MAX_STRATEGIES 64

typedef enum {
    APP_CMD_RUN,
    APP_CMD_CHECK,
    APP_CMD_PLAY,
    APP_CMD_REPLAY,
    APP_CMD_HELP,
    APP_CMD_VERSION
} AppCommand;

typedef struct {
    const char *role;     /* an actor id, or "all" */
    const char *strategy; /* history, baseline, passive, playbook, or a .lua file */
} AppStrategyChoice;

typedef struct {
    AppCommand cmd;
    const char *scenario; /* NULL: the default 2025 scenario */
    int has_seed;
    uint64_t seed;
    int turns;            /* -1: play to the end */
    const char *json_out; /* NULL: none; "-": stdout */
    const char *png_dir;  /* NULL: none; else the folder for map.png and charts.png */
    int quiet;            /* no month-by-month story */
    int check_books;      /* 1 unless --no-book-checks */
    AppStrategyChoice strategies[APP_MAX_STRATEGIES];
    int n_strategies;
    /* check */
    const char *script;  /* the .lua file to check */
    const char *role;    /* the role it plays */
    const char *against; /* what plays the other roles (default: playbook) */
    /* play */
    double ui_scale;      /* --scale: the user's interface scale (default 1) */
    int quit_after_turns; /* --quit-after-turns: quit once this many turns were played; 0: never */
    int no_start;         /* --no-start: straight into the game, no start screen */
    int classroom;        /* --classroom: story mode, a note at each historical event */
    int fullscreen;       /* --fullscreen: the window covers the screen (F11 toggles) */
    int win_w, win_h;     /* --size WxH: the window's size in points; 0: sized to the screen */
    int scale_given;      /* --scale was given (it then overrides the settings file) */
    /* saves and replays */
    const char *load;         /* --load SAVE: go on with a saved game */
    const char *save_out;     /* --save OUT: save the game when the run stops */
    const char *autosave_dir; /* --autosave DIR: save after every turn, keeping the last few */
    const char *replay_out;   /* --replay OUT: record a replay of the run */
    const char *replay_file;  /* replay FILE: the replay to play back */
    /* host (app_host): the window hosts the game for a class (NULL: it does not) */
    const struct AppHostConf *host;
    /* the lab (app_lab, play --lab ROLE=FILE): the role a script plays, the file watched, where
     * each good version's run is written (--lab-out); lab_pick: the window opens the lab's
     * picker (the start screen's "Try a strategy") */
    const char *lab_role, *lab_file, *lab_out;
    int lab_pick;
} AppOptions;

/* Parses argv. Returns 0, or -1 with the message in err (the caller prints it and exits 2). */
int app_cli_parse(int argc, char **argv, AppOptions *o, char *err, size_t errsz);

void app_cli_help(FILE *out);

/* Texts from the string tables (core_text) with their arguments, strings ending with NULL as in
 * core_trf (format numbers first). app_cli_fail writes the text into err and returns -1, so that
 * a parser can `return app_cli_fail(err, errsz, "cli.err.x", arg, NULL)`; app_cli_say prints it
 * and a line break to f; app_cli_error prints "closedloop: " before it (the program's name stays
 * the same in every language, as a prefix tools and people grep for). */
#if defined(__GNUC__)
#define APP_SENTINEL __attribute__((sentinel))
#else
#define APP_SENTINEL
#endif
int app_cli_fail(char *err, size_t errsz, const char *key, ...) APP_SENTINEL;
void app_cli_say(FILE *f, const char *key, ...) APP_SENTINEL;
/* app_cli_fail for a list that is full: the message `key` with the limit `most` as {1}. */
int app_cli_full(char *err, size_t errsz, const char *key, long long most);
void app_cli_error(FILE *f, const char *key, ...) APP_SENTINEL;

/* Takes one `--strategy ROLE=CHOICE` value v into list[*n] (split in place at the '=', so v must
 * be writable: the program's argv) and counts it, at most APP_MAX_STRATEGIES. 0, or -1 with the
 * message in err (bad_key: the key of the message for a value that is not ROLE=CHOICE; {1}: v).
 * Every command that seats roles reads --strategy with it. */
int app_cli_strategy(char *v, AppStrategyChoice *list, int *n, const char *bad_key, char *err,
                     size_t errsz);

/* What a command that opens one game of its own takes: a scenario (the operand or --scenario), a
 * seed and seats. Such a command's argument struct starts with an AppGameArgs, so that the three
 * readers below serve as its options' callbacks (ctx: that struct). two_scenarios: the key of the
 * command's message for a second scenario ({1}, {2}: the two). */
typedef struct {
    const char *scenario;
    int has_seed;
    uint64_t seed;
    AppStrategyChoice seats[APP_MAX_STRATEGIES];
    int n_seats;
    const char *two_scenarios;
} AppGameArgs;
struct AppOpt;
int app_cli_read_game_seed(void *ctx, const struct AppOpt *opt, char *v, char *err, size_t errsz);
int app_cli_read_game_seat(void *ctx, const struct AppOpt *opt, char *v, char *err, size_t errsz);
int app_cli_read_game_scenario(void *ctx, const struct AppOpt *opt, char *v, char *err,
                               size_t errsz);

/* --scale's and --size's values (play's, and host's window): 0, or -1 with err. */
int app_cli_scale(const char *v, double *out, char *err, size_t errsz);
int app_cli_size(const char *v, int *win_w, int *win_h, char *err, size_t errsz);

/* text into buf, padded with spaces to width terminal columns (right-aligned; left-aligned for
 * a negative width). A character of three or four UTF-8 bytes (Chinese) takes two columns. */
void app_cli_pad(char *buf, size_t bufsz, const char *text, int width);

#endif
