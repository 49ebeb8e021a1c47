/* app_cli: flags of `closedloop`. */
#include "app_cli.h"

#include "core_err.h"
#include "core_text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *app_cli_vtr(char *buf, size_t bufsz, const char *key, va_list ap)
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

void app_cli_say(FILE *f, const char *key, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, key);
    app_cli_vtr(buf, sizeof buf, key, ap);
    va_end(ap);
    fprintf(f, "%s\n", buf);
}

void app_cli_error(FILE *f, const char *key, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, key);
    app_cli_vtr(buf, sizeof buf, key, ap);
    va_end(ap);
    fprintf(f, "closedloop: %s\n", buf);
}

void app_cli_help(FILE *out)
{
    /* Each part whole in the table, so that a language words and lines it up its own way. */
    fputs(core_tr("cli.help.main"), out);
    fputs(core_tr("cli.help.lang"), out);
    fputs(core_tr("cli.help.exit"), out);
    /* Many games at once: app_batch, app_merge, app_tournament (each parses its own flags). */
    fputs(core_tr("cli.help.many"), out);
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

const char *app_cli_value(int argc, char **argv, int *i, const char *flag, char *err, size_t errsz)
{
    /* Accept both "--flag value" and "--flag=value". */
    size_t n = strlen(flag);
    if (strncmp(argv[*i], flag, n) == 0 && argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (*i + 1 >= argc) {
        app_cli_fail(err, errsz, "cli.err.needs_value", flag, NULL);
        return NULL;
    }
    return argv[++*i];
}

int app_cli_is_flag(const char *arg, const char *flag)
{
    size_t n = strlen(flag);
    return strncmp(arg, flag, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int app_cli_parse(int argc, char **argv, AppOptions *o, char *err, size_t errsz)
{
    memset(o, 0, sizeof *o);
    o->cmd = APP_CMD_RUN;
    o->turns = -1;
    o->check_books = 1;
    o->ui_scale = 1.0;
    int i = 1;
    /* No arguments at all: the game, from its start screen (headless, with PNG files, when there
     * is no display). */
    if (argc <= 1) {
        o->cmd = APP_CMD_PLAY;
        return 0;
    }
    if (i < argc && argv[i][0] != '-') {
        if (strcmp(argv[i], "run") == 0) {
            i++;
        } else if (strcmp(argv[i], "check") == 0) {
            o->cmd = APP_CMD_CHECK;
            o->turns = 24;
            i++;
        } else if (strcmp(argv[i], "play") == 0) {
            o->cmd = APP_CMD_PLAY;
            i++;
        } else if (strcmp(argv[i], "replay") == 0) {
            o->cmd = APP_CMD_REPLAY;
            i++;
        } else if (strcmp(argv[i], "help") == 0) {
            o->cmd = APP_CMD_HELP;
            return 0;
        } else
            return app_cli_fail(err, errsz, "cli.err.unknown_command", argv[i], NULL);
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->cmd = APP_CMD_HELP;
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            o->cmd = APP_CMD_VERSION;
            return 0;
        } else if (app_cli_is_flag(a, "--scenario")) {
            if (!(v = app_cli_value(argc, argv, &i, "--scenario", err, errsz)))
                return -1;
            if (!*v)
                return app_cli_fail(err, errsz, "cli.err.expects_file", "--scenario", NULL);
            o->scenario = v;
        } else if (app_cli_is_flag(a, "--seed")) {
            if (!(v = app_cli_value(argc, argv, &i, "--seed", err, errsz)))
                return -1;
            if (parse_u64(v, &o->seed) < 0)
                return app_cli_fail(err, errsz, "cli.err.seed", v, NULL);
            o->has_seed = 1;
        } else if (app_cli_is_flag(a, "--turns")) {
            if (!(v = app_cli_value(argc, argv, &i, "--turns", err, errsz)))
                return -1;
            uint64_t t;
            if (parse_u64(v, &t) < 0 || t < 1 || t > 100000)
                return app_cli_fail(err, errsz, "cli.err.turns", "--turns", v, NULL);
            o->turns = (int)t;
        } else if (app_cli_is_flag(a, "--json")) {
            if (!(v = app_cli_value(argc, argv, &i, "--json", err, errsz)))
                return -1;
            if (!*v)
                return app_cli_fail(err, errsz, "cli.err.json", NULL);
            o->json_out = v;
        } else if (app_cli_is_flag(a, "--png")) {
            if (!(v = app_cli_value(argc, argv, &i, "--png", err, errsz)))
                return -1;
            if (!*v)
                return app_cli_fail(err, errsz, "cli.err.png", NULL);
            o->png_dir = v;
        } else if (app_cli_is_flag(a, "--strategy")) {
            if (!(v = app_cli_value(argc, argv, &i, "--strategy", err, errsz)))
                return -1;
            const char *eq = strchr(v, '=');
            if (!eq || eq == v || !eq[1])
                return app_cli_fail(err, errsz, "cli.err.strategy", v, NULL);
            if (o->n_strategies == APP_MAX_STRATEGIES) {
                char most[16];
                snprintf(most, sizeof most, "%d", APP_MAX_STRATEGIES);
                return app_cli_fail(err, errsz, "cli.err.too_many_strategies", most, NULL);
            }
            /* Split in place: argv strings are ours to edit. */
            ((char *)eq)[0] = '\0';
            o->strategies[o->n_strategies].role = v;
            o->strategies[o->n_strategies].strategy = eq + 1;
            o->n_strategies++;
        } else if ((o->cmd == APP_CMD_RUN &&
                    (app_cli_is_flag(a, "--load") || app_cli_is_flag(a, "--save") ||
                     app_cli_is_flag(a, "--autosave") || app_cli_is_flag(a, "--replay"))) ||
                   (o->cmd == APP_CMD_PLAY && app_cli_is_flag(a, "--load"))) {
            const char *flag = app_cli_is_flag(a, "--load")       ? "--load"
                               : app_cli_is_flag(a, "--save")     ? "--save"
                               : app_cli_is_flag(a, "--autosave") ? "--autosave"
                                                                  : "--replay";
            if (!(v = app_cli_value(argc, argv, &i, flag, err, errsz)))
                return -1;
            if (!*v)
                return app_cli_fail(err, errsz, "cli.err.expects_file", flag, NULL);
            if (strcmp(flag, "--load") == 0)
                o->load = v;
            else if (strcmp(flag, "--save") == 0)
                o->save_out = v;
            else if (strcmp(flag, "--autosave") == 0)
                o->autosave_dir = v;
            else
                o->replay_out = v;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--no-book-checks") == 0) {
            o->check_books = 0;
        } else if (o->cmd == APP_CMD_CHECK && app_cli_is_flag(a, "--role")) {
            if (!(v = app_cli_value(argc, argv, &i, "--role", err, errsz)))
                return -1;
            o->role = v;
        } else if (o->cmd == APP_CMD_CHECK && app_cli_is_flag(a, "--against")) {
            if (!(v = app_cli_value(argc, argv, &i, "--against", err, errsz)))
                return -1;
            o->against = v;
        } else if (o->cmd == APP_CMD_PLAY && app_cli_is_flag(a, "--scale")) {
            if (!(v = app_cli_value(argc, argv, &i, "--scale", err, errsz)))
                return -1;
            char *end = NULL;
            errno = 0;
            double sc = strtod(v, &end);
            if (!*v || *end || errno || !(sc >= 0.5 && sc <= 4.0))
                return app_cli_fail(err, errsz, "cli.err.scale", v, NULL);
            o->ui_scale = sc;
        } else if (o->cmd == APP_CMD_PLAY && app_cli_is_flag(a, "--quit-after-turns")) {
            if (!(v = app_cli_value(argc, argv, &i, "--quit-after-turns", err, errsz)))
                return -1;
            uint64_t t;
            if (parse_u64(v, &t) < 0 || t < 1 || t > 100000)
                return app_cli_fail(err, errsz, "cli.err.turns", "--quit-after-turns", v, NULL);
            o->quit_after_turns = (int)t;
        } else if (o->cmd == APP_CMD_PLAY && strcmp(a, "--no-start") == 0) {
            o->no_start = 1;
        } else if (o->cmd == APP_CMD_PLAY && strcmp(a, "--classroom") == 0) {
            o->classroom = 1;
        } else if (a[0] == '-') {
            return app_cli_fail(err, errsz, "cli.err.unknown_option", a, NULL);
        } else if (o->cmd == APP_CMD_CHECK && !o->script) {
            o->script = a;
        } else if (o->cmd == APP_CMD_REPLAY && !o->replay_file) {
            o->replay_file = a;
        } else {
            return app_cli_fail(err, errsz, "cli.err.unexpected", a, NULL);
        }
    }
    if (o->cmd == APP_CMD_REPLAY && !o->replay_file)
        return app_cli_fail(err, errsz, "cli.err.replay_file", NULL);
    if (o->load && (o->n_strategies || o->has_seed))
        return app_cli_fail(err, errsz, "cli.err.load_seed", NULL);
    if (o->load && o->replay_out)
        return app_cli_fail(err, errsz, "cli.err.load_replay", NULL);
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
