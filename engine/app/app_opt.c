/* app_opt: the option tables of the commands, their parser and their help. */
#include "app_opt.h"

#include "app_cli.h"
#include "core_text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HELP_WIDTH 88 /* columns of the synopsis */
#define LIST_COL   24 /* column of an option's text in the list */

/* ---------------------------------------------------------------------------------------------
 * Values */

int app_opt_u64(const char *s, uint64_t *out)
{
    if (!s || !*s)
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

int app_opt_double(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    if (!*s)
        return -1;
    double d = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(d))
        return -1;
    *out = d;
    return 0;
}

int app_opt_count(const char *flag, const char *v, long long min, long long max, long long *out,
                  char *err, size_t errsz)
{
    uint64_t n = 0;
    if (app_opt_u64(v, &n) < 0 || n > (uint64_t)max || (long long)n < min) {
        char lo[32], hi[32];
        snprintf(lo, sizeof lo, "%lld", min);
        snprintf(hi, sizeof hi, "%lld", max);
        return app_cli_fail(err, errsz, "batch.err.count", flag, lo, hi, v, NULL);
    }
    *out = (long long)n;
    return 0;
}

int app_opt_shard(const char *v, int *si, int *sn, char *err, size_t errsz)
{
    const char *slash = strchr(v, '/');
    char a[32], why[256];
    long long i, n;
    if (!slash || (size_t)(slash - v) >= sizeof a)
        return app_cli_fail(err, errsz, "batch.err.shard_form", v, NULL);
    memcpy(a, v, (size_t)(slash - v));
    a[slash - v] = '\0';
    if (app_opt_count("--shard N", slash + 1, 1, 1000000, &n, why, sizeof why) < 0 ||
        app_opt_count("--shard I", a, 0, 1000000, &i, why, sizeof why) < 0)
        return app_cli_fail(err, errsz, "batch.err.shard_range", v, NULL);
    if (i >= n) {
        char last[32];
        snprintf(last, sizeof last, "%lld", n - 1);
        return app_cli_fail(err, errsz, "batch.err.shard_below", v, last, NULL);
    }
    *si = (int)i;
    *sn = (int)n;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Parsing */

/* Whether arg is flag, alone or as "flag=value". */
static int is_flag(const char *arg, const char *flag)
{
    size_t n = strlen(flag);
    return strncmp(arg, flag, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static unsigned mask(const AppOpt *o)
{
    return o->in ? o->in : ~0u;
}

static int takes(const AppOpt *o, unsigned in)
{
    return !in || (mask(o) & in);
}

/* The option argument a names, or NULL. A switch matches only its exact name (or alias); an
 * option with a value also matches "name=value". */
static const AppOpt *find(const AppCmd *cmd, unsigned in, const char *a)
{
    for (size_t k = 0; k < cmd->n_opts; k++) {
        const AppOpt *o = &cmd->opts[k];
        if (!takes(o, in))
            continue;
        if (o->alias && strcmp(a, o->alias) == 0)
            return o;
        if (o->arg ? is_flag(a, o->name) : strcmp(a, o->name) == 0)
            return o;
    }
    return NULL;
}

/* Stores or hands on the value v of o (NULL for a switch). */
static int take(const AppOpt *o, void *ctx, char *v, char *err, size_t errsz)
{
    char *field = (char *)ctx + o->at;
    switch (o->kind) {
    case APP_OPT_SWITCH:
        *(int *)(void *)field = (o->flags & APP_OPT_OFF) ? 0 : 1;
        return 0;
    case APP_OPT_FILE:
        if (!*v)
            return app_cli_fail(err, errsz, "cli.err.expects_file", o->name, NULL);
        /* fall through */
    case APP_OPT_TEXT:
        *(const char **)(void *)field = v;
        return 0;
    default:
        return o->read(ctx, o, v, err, errsz);
    }
}

int app_opt_parse(const AppCmd *cmd, unsigned in, int argc, char **argv, int from, void *ctx,
                  const char **marked, char *err, size_t errsz)
{
    for (int i = from; i < argc; i++) {
        char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return 1;
        const AppOpt *o = find(cmd, in, a);
        if (!o && a[0] == '-')
            return app_cli_fail(err, errsz, cmd->unknown, a, NULL);
        if (!o) {
            if (!cmd->operand)
                return app_cli_fail(err, errsz, cmd->unexpected, a, NULL);
            if (cmd->operand(ctx, NULL, a, err, errsz) < 0)
                return -1;
            continue;
        }
        char *v = NULL;
        if (o->arg) {
            size_t n = strlen(o->name);
            if (a[n] == '=')
                v = a + n + 1;
            else if (i + 1 < argc)
                v = argv[++i];
            else if (o->flags & APP_OPT_MISSING)
                v = a + n; /* "" */
            else
                return app_cli_fail(err, errsz, "cli.err.needs_value", o->name, NULL);
        }
        int rc = take(o, ctx, v, err, errsz);
        if (rc != 0)
            return rc;
        if ((o->flags & APP_OPT_MARK) && marked)
            *marked = a;
    }
    return 0;
}

int app_opt_command(const AppCmd *cmd, int argc, char **argv, void *ctx, const char **marked,
                    FILE *out, char *err, size_t errsz)
{
    int rc = app_opt_parse(cmd, 0, argc, argv, 2, ctx, marked, err, errsz);
    if (rc == 1)
        app_opt_help(out, cmd);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Help */

/* Terminal columns of UTF-8 text (a Chinese character takes two). */
static int columns(const char *s)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            cols += *p >= 0xE0 ? 2 : 1;
    return cols;
}

/* The synopsis of cmd's options of mask `in`, wrapped under its first line at 88 columns:
 * "Usage: closedloop NAME OPERANDS [--flag ARG] ...". prefix: the text before "closedloop" on
 * the first line (the language's "Usage: ", or spaces). */
static void app_opt_synopsis(FILE *out, const AppCmd *cmd, unsigned in, const char *prefix)
{
    char head[128];
    snprintf(head, sizeof head, "%sclosedloop%s%s", prefix, cmd->name ? " " : "",
             cmd->name ? cmd->name : "");
    fputs(head, out);
    int indent = columns(head) + 1, col = indent - 1;
    for (size_t k = 0; k <= cmd->n_opts; k++) {
        char item[160];
        if (k == 0 && !cmd->operands)
            continue;
        if (k == 0) {
            snprintf(item, sizeof item, "%s", core_tr(cmd->operands));
        } else {
            const AppOpt *o = &cmd->opts[k - 1];
            if (!takes(o, in) || (o->flags & APP_OPT_HIDE))
                continue;
            int must = (o->flags & APP_OPT_MUST) != 0;
            snprintf(item, sizeof item, "%s%s%s%s%s%s", must ? "" : "[", o->name, o->arg ? " " : "",
                     o->arg ? core_tr(o->arg) : "", must ? "" : "]",
                     (o->flags & APP_OPT_REPEAT) ? "..." : "");
        }
        int w = columns(item);
        if (col > indent - 1 && col + 1 + w > HELP_WIDTH) {
            fprintf(out, "\n%*s", indent - 1, "");
            col = indent - 1;
        }
        fprintf(out, " %s", item);
        col += 1 + w;
    }
    fputc('\n', out);
}

void app_opt_list(FILE *out, const AppCmd *cmd, unsigned in, unsigned except)
{
    for (size_t k = 0; k < cmd->n_opts; k++) {
        const AppOpt *o = &cmd->opts[k];
        if (!o->help || !takes(o, in) || (mask(o) & except))
            continue;
        char flag[160];
        snprintf(flag, sizeof flag, "%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? core_tr(o->arg) : "");
        int w = columns(flag);
        fprintf(out, "  %s", flag);
        const char *text = core_tr(o->help);
        if (w + 4 > LIST_COL) /* too wide: the text starts on the next line */
            fprintf(out, "\n%*s", LIST_COL, "");
        else
            fprintf(out, "%*s", LIST_COL - 2 - w, "");
        for (const char *s = text; *s;) {
            size_t n = strcspn(s, "\n");
            fprintf(out, "%.*s\n", (int)n, s);
            s += n;
            if (*s == '\n' && *++s)
                fprintf(out, "%*s", LIST_COL, "");
        }
    }
}

void app_opt_help(FILE *out, const AppCmd *cmd)
{
    app_opt_synopsis(out, cmd, 0, core_tr("cli.usage"));
    if (cmd->about)
        fputs(core_tr(cmd->about), out);
    app_opt_list(out, cmd, 0, 0);
}
