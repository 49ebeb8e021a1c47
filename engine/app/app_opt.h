/* app_opt: a command's options as one table (name, argument, help key, where it goes), read by
 * the parser and by the help alike, as redis's command table and git's builtins do.
 *
 * Each command (run, play, check, replay, batch, tournament, merge, sensitivity, report)
 * describes its options in an array of AppOpt and itself in an AppCmd. app_opt_parse walks argv
 * against it: "--flag value" and "--flag=value" both work; an option stores its value at an
 * offset of the command's context struct (a switch, a text, a file name) or hands it to the
 * command's reader; an unknown flag or a stray argument gets the command's own message naming
 * it. app_opt_help writes the synopsis ("Usage: closedloop batch [--runs N] ...") from the same
 * table, the command's text under it, and a line for each option that has a help key.
 *
 * The texts are keys of the string tables (assets/lang/<code>/cli.json: cli.arg.*, cli.opt.*).
 * Values point into argv (which must outlive them); a reader may edit its value in place. */
#ifndef APP_OPT_H
#define APP_OPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    APP_OPT_SWITCH, /* no value: sets the int at `at` to 1 (to 0 with APP_OPT_OFF) */
    APP_OPT_TEXT,   /* a value, stored as const char * at `at` */
    APP_OPT_FILE,   /* a file name: the same, but "" is refused (cli.err.expects_file) */
    APP_OPT_CALL    /* the command's reader takes the value (or, for a switch, NULL) */
} AppOptKind;

enum {
    APP_OPT_REPEAT = 1u,  /* may be given again: "..." after it in the synopsis */
    APP_OPT_MISSING = 2u, /* a value missing at the end of argv reads as "" (the reader then
                             says what it expects) instead of cli.err.needs_value */
    APP_OPT_MARK = 4u,    /* app_opt_parse reports the last one given in *marked */
    APP_OPT_OFF = 8u,     /* a switch that sets its int to 0 */
    APP_OPT_HIDE = 16u,   /* not in the synopsis (the command's text shows it) */
    APP_OPT_MUST = 32u    /* the command needs it: no brackets in the synopsis */
};

typedef struct AppOpt AppOpt;

/* Takes an option's value (opt NULL: an operand, the argument itself). 0, or -1 with err; or 2
 * to stop there (app_opt_parse returns 2: --version). */
typedef int (*AppOptRead)(void *ctx, const AppOpt *opt, char *value, char *err, size_t errsz);

struct AppOpt {
    const char *name;  /* "--seed" */
    const char *alias; /* "-q", or NULL */
    const char *arg;   /* key of the value's name in the help (cli.arg.*); NULL: a switch */
    const char *help;  /* key of its line in the option list, or NULL: in the synopsis only */
    AppOptKind kind;
    size_t at;       /* SWITCH, TEXT, FILE: offsetof the field in the command's context */
    AppOptRead read; /* CALL */
    unsigned flags;  /* APP_OPT_* */
    unsigned in;     /* for a table several commands share: the bit mask of those that take it
                        (app_opt_parse's `in`); 0: every one */
};

typedef struct {
    const char *name;     /* "batch": "Usage: closedloop batch ..."; NULL: "closedloop" alone */
    const char *operands; /* key of the operands in the synopsis, before the options, or NULL */
    const char *about;    /* key of the text under the synopsis, or NULL */
    const AppOpt *opts;
    size_t n_opts;
    const char *unknown;    /* key of the message for an unknown option ({1}: the option) */
    const char *unexpected; /* key of the message for an operand the command does not take */
    AppOptRead operand;     /* takes an operand; NULL: none is taken */
} AppCmd;

#define APP_OPT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Parses argv[from..argc-1] against cmd's options of mask `in` (0: all), filling ctx. Returns 0,
 * 1 if --help or -h was given (nothing after it is read; the caller prints the help), 2 if a
 * reader stopped it, or -1
 * with the message in err naming the flag and what was expected. marked (may be NULL) receives
 * the last argument that was an APP_OPT_MARK option (else it is left alone). */
int app_opt_parse(const AppCmd *cmd, unsigned in, int argc, char **argv, int from, void *ctx,
                  const char **marked, char *err, size_t errsz);

/* A command's own parse: argv[2..] (argv[1] is its name) against all of cmd's options; on --help
 * it writes the help to out and returns 1. Otherwise as app_opt_parse. */
int app_opt_command(const AppCmd *cmd, int argc, char **argv, void *ctx, const char **marked,
                    FILE *out, char *err, size_t errsz);

/* One line for each option with a help key that a command of mask `in` takes and none of mask
 * `except` does: "  --flag ARG  text", the text's own lines under one another from column 24. */
void app_opt_list(FILE *out, const AppCmd *cmd, unsigned in, unsigned except);

/* The whole help of a command: the synopsis, its text, its option list. */
void app_opt_help(FILE *out, const AppCmd *cmd);

/* Readers for a value: a whole number from 0 to 2^64-1 with nothing else (no sign, no space). */
int app_opt_u64(const char *s, uint64_t *out);

/* A finite number with nothing after it. 0 or -1. */
int app_opt_double(const char *s, double *out);

/* A whole number in [min, max]; else -1 with "FLAG expects a whole number from MIN to MAX, got
 * 'V'" (batch.err.count) in err. */
int app_opt_count(const char *flag, const char *v, long long min, long long max, long long *out,
                  char *err, size_t errsz);

/* I/N with 0 <= I < N <= 1000000 (the --shard of batch and sensitivity). 0 or -1 with err. */
int app_opt_shard(const char *v, int *si, int *sn, char *err, size_t errsz);

#endif
