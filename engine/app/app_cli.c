/* app_cli: flags of `closedloop`. */
#include "app_cli.h"

#include "app_opt.h"
#include "core_err.h"
#include "core_text.h"
#include "ui_scale.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The text of key with the arguments in a va_list (for the wrappers below); writes into buf,
 * returns buf. */
static char *app_cli_vtr(char *buf, size_t bufsz, const char *key, va_list ap)
{
    return core_text_substv(buf, bufsz, core_tr(key), ap);
}

int app_cli_fail(char *err, size_t errsz, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    app_cli_vtr(err, errsz, key, ap);
    va_end(ap);
    return -1;
}

int app_cli_full(char *err, size_t errsz, const char *key, long long most)
{
    char n[32];
    snprintf(n, sizeof n, "%lld", most);
    return app_cli_fail(err, errsz, key, n, NULL);
}

/* The text of key with its arguments on f, after prefix, with a line break. */
static void say(FILE *f, const char *prefix, const char *key, va_list ap)
{
    char buf[2048];
    app_cli_vtr(buf, sizeof buf, key, ap);
    fprintf(f, "%s%s\n", prefix, buf);
}

void app_cli_say(FILE *f, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    say(f, "", key, ap);
    va_end(ap);
}

void app_cli_error(FILE *f, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    say(f, "closedloop: ", key, ap);
    va_end(ap);
}

int app_cli_read_game_seed(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    AppGameArgs *a = ctx;
    if (app_opt_u64(v, &a->seed) < 0)
        return app_cli_fail(err, errsz, "cli.err.seed", v, NULL);
    a->has_seed = 1;
    return 0;
}

int app_cli_read_game_seat(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    AppGameArgs *a = ctx;
    return app_cli_strategy(v, a->seats, &a->n_seats, "cli.err.strategy", err, errsz);
}

int app_cli_read_game_scenario(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    AppGameArgs *a = ctx;
    if (a->scenario)
        return app_cli_fail(err, errsz, a->two_scenarios, a->scenario, v, NULL);
    if (!*v)
        return app_cli_fail(err, errsz, "cli.err.expects_file", "--scenario", NULL);
    a->scenario = v;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The options of run, check, play and replay: one table, each option marked with the commands
 * that take it. */

enum { RUN = 1u, CHECK = 2u, PLAY = 4u, REPLAY = 8u };

int app_cli_strategy(char *v, AppStrategyChoice *list, int *n, const char *bad_key, char *err,
                     size_t errsz)
{
    char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1])
        return app_cli_fail(err, errsz, bad_key, v, NULL);
    if (*n == APP_MAX_STRATEGIES)
        return app_cli_full(err, errsz, "cli.err.too_many_strategies", APP_MAX_STRATEGIES);
    /* The value is the program's own argv: split it in place at the '='. */
    *eq = '\0';
    list[*n].role = v;
    list[(*n)++].strategy = eq + 1;
    return 0;
}

static int read_seed(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppOptions *o = ctx;
    (void)opt;
    if (app_opt_u64(v, &o->seed) < 0)
        return app_cli_fail(err, errsz, "cli.err.seed", v, NULL);
    o->has_seed = 1;
    return 0;
}

static int read_turns(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppOptions *o = ctx;
    uint64_t t;
    if (app_opt_u64(v, &t) < 0 || t < 1 || t > 100000)
        return app_cli_fail(err, errsz, "cli.err.turns", opt->name, v, NULL);
    *(strcmp(opt->name, "--turns") == 0 ? &o->turns : &o->quit_after_turns) = (int)t;
    return 0;
}

/* --json and --png: a file name ('-' for standard output) and a folder, never "". */
static int read_target(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    if (!*v)
        return app_cli_fail(
            err, errsz, strcmp(opt->name, "--json") == 0 ? "cli.err.json" : "cli.err.png", NULL);
    *(const char **)(void *)((char *)ctx + opt->at) = v;
    return 0;
}

static int read_strategy(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppOptions *o = ctx;
    (void)opt;
    return app_cli_strategy(v, o->strategies, &o->n_strategies, "cli.err.strategy", err, errsz);
}

static int read_scale(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    AppOptions *o = ctx;
    if (app_cli_scale(v, &o->ui_scale, err, errsz) < 0)
        return -1;
    o->scale_given = 1; /* over the settings file's size */
    return 0;
}

int app_cli_scale(const char *v, double *out, char *err, size_t errsz)
{
    char *end = NULL;
    errno = 0;
    /* A word (normal, large, projector) or a number. */
    int preset = ui_scale_preset_parse(v);
    double sc = preset >= 0 ? ui_scale_preset(preset) : strtod(v, &end);
    if (preset < 0 && (!*v || *end || errno || !(sc >= 0.5 && sc <= 4.0)))
        return app_cli_fail(err, errsz, "cli.err.scale", v, NULL);
    *out = sc;
    return 0;
}

/* --size WxH: the window's size, 640x400 to 16384x16384. */
static int read_size(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    return app_cli_size(v, &((AppOptions *)ctx)->win_w, &((AppOptions *)ctx)->win_h, err, errsz);
}

int app_cli_size(const char *v, int *win_w, int *win_h, char *err, size_t errsz)
{
    char *end = NULL, *x = NULL;
    errno = 0;
    long w = strtol(v, &x, 10), h = 0;
    if (x && x != v && (*x == 'x' || *x == 'X') && isdigit((unsigned char)x[1]))
        h = strtol(x + 1, &end, 10);
    if (!end || *end || errno || w < 640 || h < 400 || w > 16384 || h > 16384)
        return app_cli_fail(err, errsz, "cli.err.size", v, NULL);
    *win_w = (int)w;
    *win_h = (int)h;
    return 0;
}

static int read_version(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt, (void)v, (void)err, (void)errsz;
    ((AppOptions *)ctx)->cmd = APP_CMD_VERSION;
    return 2; /* nothing after it is read */
}

/* --lab ROLE=FILE: the lab's role and file (split in place, as --strategy is). */
static int read_lab(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppOptions *o = ctx;
    (void)opt;
    char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1])
        return app_cli_fail(err, errsz, "cli.err.lab", v, NULL);
    *eq = '\0';
    o->lab_role = v;
    o->lab_file = eq + 1;
    return 0;
}

/* check's script, replay's file; any other operand is unexpected. */
static int read_operand(void *ctx, const AppOpt *opt, char *a, char *err, size_t errsz)
{
    AppOptions *o = ctx;
    (void)opt;
    if (o->cmd == APP_CMD_CHECK && !o->script)
        o->script = a;
    else if (o->cmd == APP_CMD_REPLAY && !o->replay_file)
        o->replay_file = a;
    else
        return app_cli_fail(err, errsz, "cli.err.unexpected", a, NULL);
    return 0;
}

#define AT(f) offsetof(AppOptions, f)
static const AppOpt opts[] = {
    {"--version", NULL, NULL, NULL, APP_OPT_CALL, 0, read_version, APP_OPT_HIDE, 0},
    {"--scenario", NULL, "cli.arg.file", "cli.opt.scenario", APP_OPT_FILE, AT(scenario), NULL, 0,
     0},
    {"--seed", NULL, "cli.arg.n", "cli.opt.seed", APP_OPT_CALL, 0, read_seed, 0, 0},
    {"--strategy", NULL, "cli.arg.role_name", "cli.opt.strategy", APP_OPT_CALL, 0, read_strategy,
     APP_OPT_REPEAT, 0},
    {"--turns", NULL, "cli.arg.t", "cli.opt.turns", APP_OPT_CALL, 0, read_turns, 0, 0},
    {"--json", NULL, "cli.arg.out", "cli.opt.json", APP_OPT_CALL, AT(json_out), read_target, 0, 0},
    {"--png", NULL, "cli.arg.dir", "cli.opt.png", APP_OPT_CALL, AT(png_dir), read_target, 0, 0},
    {"--quiet", "-q", NULL, "cli.opt.quiet", APP_OPT_SWITCH, AT(quiet), NULL, 0, 0},
    {"--no-book-checks", NULL, NULL, "cli.opt.no_book_checks", APP_OPT_SWITCH, AT(check_books),
     NULL, APP_OPT_OFF, 0},
    {"--load", NULL, "cli.arg.save", "cli.opt.load", APP_OPT_FILE, AT(load), NULL, 0, RUN},
    {"--save", NULL, "cli.arg.out", "cli.opt.save", APP_OPT_FILE, AT(save_out), NULL, 0, RUN},
    {"--autosave", NULL, "cli.arg.dir", "cli.opt.autosave", APP_OPT_FILE, AT(autosave_dir), NULL, 0,
     RUN},
    {"--replay", NULL, "cli.arg.out", "cli.opt.replay", APP_OPT_FILE, AT(replay_out), NULL, 0, RUN},
    {"--role", NULL, "cli.arg.role", NULL, APP_OPT_TEXT, AT(role), NULL, 0, CHECK},
    {"--against", NULL, "cli.arg.against", NULL, APP_OPT_TEXT, AT(against), NULL, 0, CHECK},
    {"--scale", NULL, "cli.arg.s", "cli.opt.scale", APP_OPT_CALL, 0, read_scale, 0, PLAY},
    {"--quit-after-turns", NULL, "cli.arg.t", "cli.opt.quit_after_turns", APP_OPT_CALL, 0,
     read_turns, 0, PLAY},
    {"--no-start", NULL, NULL, "cli.opt.no_start", APP_OPT_SWITCH, AT(no_start), NULL, 0, PLAY},
    {"--classroom", NULL, NULL, "cli.opt.classroom", APP_OPT_SWITCH, AT(classroom), NULL, 0, PLAY},
    {"--load", NULL, "cli.arg.save", "cli.opt.load_play", APP_OPT_FILE, AT(load), NULL, 0, PLAY},
    {"--fullscreen", NULL, NULL, "cli.opt.fullscreen", APP_OPT_SWITCH, AT(fullscreen), NULL, 0,
     PLAY},
    {"--size", NULL, "cli.arg.size", "cli.opt.size", APP_OPT_CALL, 0, read_size, 0, PLAY},
    {"--lab", NULL, "cli.arg.role_file", "cli.opt.lab", APP_OPT_CALL, 0, read_lab, 0, PLAY},
    {"--lab-out", NULL, "cli.arg.out", "cli.opt.lab_out", APP_OPT_FILE, AT(lab_out), NULL, 0, PLAY},
};
#undef AT

static const AppCmd cmd = {NULL,
                           NULL,
                           NULL,
                           opts,
                           APP_OPT_COUNT(opts),
                           "cli.err.unknown_option",
                           "cli.err.unexpected",
                           read_operand};

void app_cli_help(FILE *out)
{
    /* Each part whole in the table, so that a language words and lines it up its own way; the
     * options of run and play from the option table. */
    fputs(core_tr("cli.help.main"), out);
    fputs(core_tr("cli.help.run_opts"), out);
    app_opt_list(out, &cmd, RUN, 0);
    fputs(core_tr("cli.help.play_opts"), out);
    app_opt_list(out, &cmd, PLAY, RUN);
    fputs(core_tr("cli.help.window"), out);
    fputs(core_tr("cli.help.lang"), out);
    fputs(core_tr("cli.help.exit"), out);
    /* Many games at once: batch, merge, tournament, sensitivity, report (each its own table). */
    fputs(core_tr("cli.help.many"), out);
}

/* The command word, if any: its bit in the option table, or 0 after setting err (or for help). */
static unsigned command(int argc, char **argv, int *i, AppOptions *o, char *err, size_t errsz)
{
    static const struct {
        const char *word;
        AppCommand cmd;
        unsigned bit;
    } words[] = {{"run", APP_CMD_RUN, RUN},
                 {"check", APP_CMD_CHECK, CHECK},
                 {"play", APP_CMD_PLAY, PLAY},
                 {"replay", APP_CMD_REPLAY, REPLAY},
                 {"help", APP_CMD_HELP, 0}};
    if (*i >= argc || argv[*i][0] == '-')
        return RUN;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(argv[*i], words[k].word) == 0) {
            o->cmd = words[k].cmd;
            ++*i;
            return words[k].bit;
        }
    app_cli_fail(err, errsz, "cli.err.unknown_command", argv[*i], NULL);
    return 0;
}

int app_cli_parse(int argc, char **argv, AppOptions *o, char *err, size_t errsz)
{
    memset(o, 0, sizeof *o);
    o->cmd = APP_CMD_RUN;
    o->turns = -1;
    o->check_books = 1;
    o->ui_scale = 1.0;
    /* No arguments at all: the game, from its start screen (headless, with PNG files, when there
     * is no display). */
    if (argc <= 1) {
        o->cmd = APP_CMD_PLAY;
        return 0;
    }
    int i = 1;
    unsigned in = command(argc, argv, &i, o, err, errsz);
    if (o->cmd == APP_CMD_HELP)
        return 0;
    if (!in)
        return -1;
    if (o->cmd == APP_CMD_CHECK)
        o->turns = 24;
    int rc = app_opt_parse(&cmd, in, argc, argv, i, o, NULL, err, errsz);
    if (rc != 0) {
        if (rc == 1)
            o->cmd = APP_CMD_HELP;
        return rc < 0 ? -1 : 0;
    }
    if (o->cmd == APP_CMD_REPLAY && !o->replay_file)
        return app_cli_fail(err, errsz, "cli.err.replay_file", NULL);
    /* run --load --strategy ROLE=FILE reseats ROLE in the loaded game (app_run); a seed, and
     * seats for the other commands, are the save's. */
    if (o->load && o->has_seed && o->cmd == APP_CMD_RUN)
        return app_cli_fail(err, errsz, "cli.err.load_seed_run", NULL);
    if (o->load && (o->has_seed || (o->n_strategies && o->cmd != APP_CMD_RUN)))
        return app_cli_fail(err, errsz, "cli.err.load_seed", NULL);
    if (o->load && o->replay_out)
        return app_cli_fail(err, errsz, "cli.err.load_replay", NULL);
    if (o->lab_out && !o->lab_file)
        return app_cli_fail(err, errsz, "cli.err.lab_out", NULL);
    if (o->cmd == APP_CMD_CHECK && (!o->script || !o->role))
        return app_cli_fail(err, errsz, "cli.err.check_args", NULL);
    return 0;
}

void app_cli_pad(char *buf, size_t bufsz, const char *text, int width)
{
    int cols = 0;
    for (const unsigned char *s = (const unsigned char *)text; *s; s++)
        if ((*s & 0xC0) != 0x80)
            cols += *s >= 0xE0 ? 2 : 1;
    int left = width < 0 ? -width : width;
    int fill = left > cols ? left - cols : 0;
    if (width < 0)
        snprintf(buf, bufsz, "%s%*s", text, fill, "");
    else
        snprintf(buf, bufsz, "%*s%s", fill, "", text);
}
