/* test_app_opt: the option tables of the commands: what the parser takes from argv and where it
 * puts it, the messages that name a bad flag, and the help written from the same table (every
 * option in the synopsis, the option list lined up, Chinese widths counted as terminals do). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "app_cli.h"
#include "app_opt.h"
#include "test_lang.h"
#include "test_util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *file;
    int loud;
    int quiet_off;
    long long count;
    const char *operands[4];
    int n_operands;
    const char *empty;
} Ctx;

static int read_count(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    return app_opt_count(opt->name, v, 1, 10, &((Ctx *)ctx)->count, err, errsz);
}

static int read_operand(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Ctx *c = ctx;
    (void)opt;
    if (c->n_operands == 4)
        return app_cli_full(err, errsz, "merge.err.too_many", 4);
    c->operands[c->n_operands++] = v;
    return 0;
}

static int read_empty(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    if (!*v)
        return app_cli_fail(err, errsz, "merge.err.out", NULL);
    ((Ctx *)ctx)->empty = v;
    return 0;
}

enum { ONE = 1u, TWO = 2u };

static const AppOpt opts[] = {
    {"--file", NULL, "cli.arg.file", "cli.opt.scenario", APP_OPT_FILE, offsetof(Ctx, file), NULL,
     APP_OPT_MUST, 0},
    {"--loud", "-l", NULL, "cli.opt.quiet", APP_OPT_SWITCH, offsetof(Ctx, loud), NULL, APP_OPT_MARK,
     0},
    {"--no-quiet", NULL, NULL, NULL, APP_OPT_SWITCH, offsetof(Ctx, quiet_off), NULL, APP_OPT_OFF,
     ONE},
    {"--count", NULL, "cli.arg.n", NULL, APP_OPT_CALL, 0, read_count, APP_OPT_REPEAT | APP_OPT_MARK,
     TWO},
    {"--empty", NULL, "cli.arg.out", NULL, APP_OPT_CALL, 0, read_empty, APP_OPT_MISSING, 0},
};

static const AppCmd cmd = {"merge",
                           "merge.operands",
                           "merge.about",
                           opts,
                           APP_OPT_COUNT(opts),
                           "merge.err.unknown_option",
                           "cli.err.unexpected",
                           read_operand};

/* Parses the words of line (split at spaces; argv[0] and argv[1] are "closedloop" "merge"). */
static int parse(const char *line, unsigned in, Ctx *c, const char **marked, char *err,
                 size_t errsz)
{
    static char buf[512];
    static char *argv[32];
    int argc = 0;
    snprintf(buf, sizeof buf, "closedloop merge %s", line);
    for (char *s = strtok(buf, " "); s && argc < 31; s = strtok(NULL, " "))
        argv[argc++] = s;
    argv[argc] = NULL;
    memset(c, 0, sizeof *c);
    c->quiet_off = 1;
    err[0] = '\0';
    return app_opt_parse(&cmd, in, argc, argv, 2, c, marked, err, errsz);
}

static void test_parse(void)
{
    Ctx c;
    char err[512];
    const char *marked = NULL;
    /* Both forms of a value; a switch and its alias; operands in order. */
    CHECK(parse("a.csv --file x.json -l b.csv --count=3", 0, &c, &marked, err, sizeof err) == 0);
    CHECK(c.file && strcmp(c.file, "x.json") == 0);
    CHECK(c.loud == 1 && c.count == 3);
    CHECK(c.n_operands == 2 && strcmp(c.operands[0], "a.csv") == 0 &&
          strcmp(c.operands[1], "b.csv") == 0);
    CHECK(marked && strcmp(marked, "--count=3") == 0); /* the last marked option, as given */
    CHECK(parse("--file=y.json --no-quiet", ONE, &c, NULL, err, sizeof err) == 0);
    CHECK(strcmp(c.file, "y.json") == 0 && c.quiet_off == 0);
    /* --help stops the parse; what follows is not read. */
    CHECK(parse("--help --bogus", 0, &c, NULL, err, sizeof err) == 1);
    CHECK(parse("-h", 0, &c, NULL, err, sizeof err) == 1);
    /* The messages name the flag and say what was expected. */
    CHECK(parse("--bogus", 0, &c, NULL, err, sizeof err) < 0 &&
          strcmp(err, "merge: unknown option '--bogus' (see closedloop merge --help)") == 0);
    CHECK(parse("--loud=1", 0, &c, NULL, err, sizeof err) < 0 && strstr(err, "'--loud=1'"));
    CHECK(parse("--file", 0, &c, NULL, err, sizeof err) < 0 &&
          strcmp(err, "--file needs a value (see closedloop --help)") == 0);
    CHECK(parse("--file=", 0, &c, NULL, err, sizeof err) < 0 &&
          strcmp(err, "--file expects a file name, got ''") == 0);
    CHECK(parse("--count 11", 0, &c, NULL, err, sizeof err) < 0 &&
          strcmp(err, "--count expects a whole number from 1 to 10, got '11'") == 0);
    /* A value missing at the end reads as "" for an option that says so. */
    CHECK(parse("--empty", 0, &c, NULL, err, sizeof err) < 0 &&
          strcmp(err, "--out expects a file name") == 0);
    CHECK(parse("a b c d e", 0, &c, NULL, err, sizeof err) < 0 &&
          strcmp(err, "merge: too many files (at most 4)") == 0);
    /* An option of another command of a shared table is unknown here. */
    CHECK(parse("--count 2", ONE, &c, NULL, err, sizeof err) < 0 &&
          strstr(err, "unknown option '--count'"));
    CHECK(parse("--no-quiet", TWO, &c, NULL, err, sizeof err) < 0);
}

static void test_values(void)
{
    uint64_t u;
    char err[256];
    int si = -1, sn = -1;
    CHECK(app_opt_u64("18446744073709551615", &u) == 0 && u == UINT64_MAX);
    CHECK(app_opt_u64("18446744073709551616", &u) < 0);
    CHECK(app_opt_u64("+1", &u) < 0 && app_opt_u64("", &u) < 0 && app_opt_u64(" 1", &u) < 0);
    double d;
    CHECK(app_opt_double("0.25", &d) == 0 && d == 0.25);
    CHECK(app_opt_double("1e999", &d) < 0 && app_opt_double("1x", &d) < 0);
    CHECK(app_opt_shard("2/4", &si, &sn, err, sizeof err) == 0 && si == 2 && sn == 4);
    CHECK(app_opt_shard("4/4", &si, &sn, err, sizeof err) < 0 &&
          strcmp(err, "--shard 4/4: I must be below N (0 to 3)") == 0);
    CHECK(app_opt_shard("4", &si, &sn, err, sizeof err) < 0 && strstr(err, "got '4'"));
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The help as a string (the caller frees it). */
static char *help_text(unsigned in, int list)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (list)
        app_opt_list(f, &cmd, in, 0);
    else
        app_opt_help(f, &cmd);
    fclose(f);
    return text;
}

static void test_help(void)
{
    char *h = help_text(0, 0);
    /* The synopsis: operands, then every option with its argument; a needed one unbracketed, a
     * repeatable one with "...". Then the command's text. */
    /* ... wrapped at 88 columns, the next line under the first word after the name. */
    CHECK_MSG(starts(h, "Usage: closedloop merge SHARD... --file FILE [--loud] [--no-quiet] "
                        "[--count N]...\n                        [--empty OUT]\n"),
              "%s", h);
    CHECK(strstr(h, "Joins the shards of one batch") != NULL);
    /* The list: the options with a help key, the text from column 24, its lines under it. */
    CHECK(strstr(h, "\n  --file FILE           the scenario to play (default: the history that "
                    "ships,\n                        assets/scenarios/") != NULL);
    CHECK(strstr(h, "\n  --loud                print only the final table") != NULL);
    CHECK(strstr(h, "--no-quiet  ") == NULL); /* no help key: in the synopsis only */
    free(h);
    h = help_text(TWO, 1); /* the list of another command's options only */
    CHECK(strstr(h, "--file") && strstr(h, "--loud") && !strstr(h, "--no-quiet"));
    free(h);
    /* In Chinese a character takes two columns: the text still starts at column 24. */
    test_lang_use(CORE_LANG_ZH);
    h = help_text(0, 0);
    CHECK_MSG(starts(h, "用法：closedloop merge 分片... --file 文件 "), "%s", h);
    CHECK_MSG(strstr(h, "\n  --file 文件           要推演的情景") != NULL, "%s", h);
    free(h);
    test_lang_use(CORE_LANG_EN);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_parse();
    test_values();
    test_help();
    TEST_END();
}
