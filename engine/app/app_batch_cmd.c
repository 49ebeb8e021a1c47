/* app_batch_cmd: the options the batch commands share, and the `batch` command. */
#define _POSIX_C_SOURCE 200809L
#include "app_batch_cmd.h"

#include "core_text.h"
#include "sim_turn.h"

#include <errno.h>
#include <string.h>

#define MAX_THREADS 256

/* ---------------------------------------------------------------------------------------------
 * The shared options */

int app_batch_read_runs(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppBatchArgs *a = ctx;
    return app_opt_count(opt->name, v, 1, APP_BATCH_MAX_RUNS, &a->plan.runs, err, errsz);
}

int app_batch_read_seed(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppBatchArgs *a = ctx;
    (void)opt;
    if (app_opt_u64(v, &a->plan.seed) < 0)
        return app_cli_fail(err, errsz, "cli.err.seed", v, NULL);
    a->plan.has_seed = 1;
    return 0;
}

int app_batch_read_threads(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppBatchArgs *a = ctx;
    long long n;
    if (app_opt_count(opt->name, v, 1, MAX_THREADS, &n, err, errsz) < 0)
        return -1;
    a->plan.threads = (int)n;
    return 0;
}

int app_batch_read_strategy(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppBatchArgs *a = ctx;
    (void)opt;
    return app_cli_strategy(v, a->seats, &a->n_seats, "cli.err.strategy", err, errsz);
}

int app_batch_read_shard(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    AppBatchArgs *a = ctx;
    (void)opt;
    return app_opt_shard(v, &a->plan.shard_i, &a->plan.shard_n, err, errsz);
}

int app_batch_args_variant(AppBatchArgs *a, const char *fallback, const char *role,
                           const char *choice, char *err, size_t errsz)
{
    const char *roles[APP_MAX_STRATEGIES + 1], *choices[APP_MAX_STRATEGIES + 1];
    int n = 0;
    for (; n < a->n_seats; n++) {
        roles[n] = a->seats[n].role;
        choices[n] = a->seats[n].strategy;
    }
    if (role) {
        roles[n] = role;
        choices[n++] = choice;
    }
    return app_batch_add_variant(&a->plan, fallback, roles, choices, n, err, errsz);
}

AppBatchPlan *app_batch_args_init(void *ctx, size_t size)
{
    AppBatchArgs *a = ctx;
    memset(ctx, 0, size);
    app_batch_plan_init(&a->plan);
    a->plan.runs = 100;
    return &a->plan;
}

void app_batch_args_seed(AppBatchArgs *a)
{
    if (!a->plan.has_seed)
        a->plan.seed = a->plan.sc->default_seed;
}

/* ---------------------------------------------------------------------------------------------
 * The batch command: rows as CSV or JSON lines */

typedef struct {
    const AppBatchPlan *p;
    FILE *f;
    int jsonl;
    long long rows;
    long long failed;
    AppBatchLost lost[APP_BATCH_MAX_ACTORS]; /* per role */
} Writer;

static void csv_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
    fputc('"', f);
}

static void json_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* The header: one line that names the batch (merge checks it) and, for CSV, the column names. */
static void write_header(const AppBatchPlan *p, FILE *f, int jsonl)
{
    const SimScenario *sc = p->sc;
    unsigned long long hash = (unsigned long long)app_batch_plan_hash(p);
    if (jsonl) {
        fprintf(f,
                "{\"closedloop_batch\":1,\"batch\":\"%016llx\",\"total\":%lld,\"shard\":\"%d/%d\","
                "\"scenario\":",
                hash, p->total, p->shard_i, p->shard_n);
        json_text(f, p->scenario_path);
        fprintf(f, ",\"seed\":%llu,\"runs\":%lld,\"vary\":[", (unsigned long long)p->seed, p->runs);
        for (int j = 0; j < p->n_vary; j++) {
            char spec[200];
            snprintf(spec, sizeof spec, "%s=%.12g:%.12g:%.12g", p->vary[j].name, p->vary[j].from,
                     p->vary[j].to, p->vary[j].step);
            fputs(j ? "," : "", f);
            json_text(f, spec);
        }
        fputs("],\"strategies\":{", f);
        for (int i = 0; i < sc->n_actors; i++) {
            fprintf(f, "%s\"%s\":", i ? "," : "", sc->actors[i].id);
            json_text(f, p->label[0][i]);
        }
        fprintf(f, "},\"book_checks\":%s%s}\n", p->check_books ? "true" : "false",
                p->gain ? ",\"gain\":true" : "");
        return;
    }
    fprintf(f,
            "# closedloop batch 1 batch=%016llx total=%lld shard=%d/%d scenario=%s seed=%llu "
            "runs=%lld",
            hash, p->total, p->shard_i, p->shard_n, p->scenario_path, (unsigned long long)p->seed,
            p->runs);
    for (int j = 0; j < p->n_vary; j++)
        fprintf(f, " vary=%s=%.12g:%.12g:%.12g", p->vary[j].name, p->vary[j].from, p->vary[j].to,
                p->vary[j].step);
    fputs(" strategies=", f);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, "%s%s=%s", i ? "," : "", sc->actors[i].id, p->label[0][i]);
    fprintf(f, " book_checks=%d%s\n", p->check_books, p->gain ? " gain=1" : "");
    fputs("run,seed", f);
    for (int j = 0; j < p->n_vary; j++)
        fprintf(f, ",%s", p->vary[j].name);
    fputs(",end,turns,collapse_turn,defaults,peak_circularity,peak_leverage,value_created,"
          "value_destroyed,announced_value",
          f);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, ",score_%s", sc->actors[i].id);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, ",lost_%s", sc->actors[i].id);
    for (int i = 0; i < sc->n_actors; i++)
        fprintf(f, ",retired_%s", sc->actors[i].id);
    for (int i = 0; p->gain && i < sc->n_actors; i++)
        fprintf(f, ",gain_%s", sc->actors[i].id);
    fputs(",error\n", f);
}

static const char *end_name(const AppBatchResult *r)
{
    return r->failed ? "failed" : sim_end_reason_name(r->end);
}

static int write_row(void *ctx, const AppBatchResult *r)
{
    Writer *wr = ctx;
    const AppBatchPlan *p = wr->p;
    FILE *f = wr->f;
    if (wr->jsonl) {
        fprintf(f, "{\"run\":%lld,\"seed\":%llu,\"params\":{", r->run, (unsigned long long)r->seed);
        for (int j = 0; j < p->n_vary; j++)
            fprintf(f, "%s\"%s\":%.12g", j ? "," : "", p->vary[j].name, r->values[j]);
        fprintf(f, "},\"end\":\"%s\",\"turns\":%d,\"collapse_turn\":", end_name(r), r->turns);
        if (r->collapse_turn)
            fprintf(f, "%d", r->collapse_turn);
        else
            fputs("null", f);
        fprintf(f,
                ",\"defaults\":%d,\"peak_circularity\":%.9g,\"peak_leverage\":%.9g,"
                "\"value_created\":%.9g,\"value_destroyed\":%.9g,\"announced_value\":%.9g,"
                "\"scores\":{",
                r->defaults, r->peak_circularity, r->peak_leverage, r->value_created,
                r->value_destroyed, r->announced);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, "%s\"%s\":%.9g", i ? "," : "", p->sc->actors[i].id, r->scores[i]);
        fputs("},\"lost\":{", f);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, "%s\"%s\":%d", i ? "," : "", p->sc->actors[i].id, r->lost[i]);
        fputs("},\"retired\":{", f);
        for (int i = 0; i < p->sc->n_actors; i++) {
            fprintf(f, "%s\"%s\":", i ? "," : "", p->sc->actors[i].id);
            if (r->retired[i])
                fprintf(f, "%d", r->retired[i]);
            else
                fputs("null", f);
        }
        fputs("}", f);
        for (int i = 0; p->gain && i < p->sc->n_actors; i++)
            fprintf(f, "%s\"%s\":%.9g", i ? "," : ",\"gains\":{", p->sc->actors[i].id, r->gain[i]);
        if (p->gain)
            fputs("}", f);
        if (r->failed) {
            fputs(",\"error\":", f);
            json_text(f, r->error);
        }
        fputs("}\n", f);
    } else {
        fprintf(f, "%lld,%llu", r->run, (unsigned long long)r->seed);
        for (int j = 0; j < p->n_vary; j++)
            fprintf(f, ",%.12g", r->values[j]);
        fprintf(f, ",%s,%d,", end_name(r), r->turns);
        if (r->collapse_turn)
            fprintf(f, "%d", r->collapse_turn);
        fprintf(f, ",%d,%.9g,%.9g,%.9g,%.9g,%.9g", r->defaults, r->peak_circularity,
                r->peak_leverage, r->value_created, r->value_destroyed, r->announced);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, ",%.9g", r->scores[i]);
        for (int i = 0; i < p->sc->n_actors; i++)
            fprintf(f, ",%d", r->lost[i]);
        for (int i = 0; i < p->sc->n_actors; i++) {
            fputc(',', f);
            if (r->retired[i])
                fprintf(f, "%d", r->retired[i]);
        }
        for (int i = 0; p->gain && i < p->sc->n_actors; i++)
            fprintf(f, ",%.9g", r->gain[i]);
        fputc(',', f);
        if (r->failed)
            csv_text(f, r->error);
        fputc('\n', f);
    }
    wr->rows++;
    wr->failed += r->failed;
    app_batch_lost_add(wr->lost, p->sc->n_actors, r);
    if (r->failed) {
        char run[32], seed[32];
        snprintf(run, sizeof run, "%lld", r->run);
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
        app_cli_error(stderr, "batch.run_failed", run, seed, r->error, NULL);
    }
    return ferror(f) ? -1 : 0;
}

void app_batch_lost_add(AppBatchLost *lost, int n, const AppBatchResult *r)
{
    for (int i = 0; i < n; i++) {
        lost[i].turns += r->lost[i];
        lost[i].runs += r->lost[i] > 0;
        lost[i].retired += r->retired[i] > 0;
    }
}

int app_batch_lost_warn(FILE *f, const AppBatchPlan *p, int variant, const AppBatchLost *lost,
                        long long runs, int skip)
{
    int any = 0;
    for (int i = 0; i < p->sc->n_actors; i++) {
        const AppBatchLost *l = &lost[i];
        if (l->turns == 0 || i == skip)
            continue;
        char a[32], b[32], c[32], d[32];
        snprintf(a, sizeof a, "%lld", l->turns);
        snprintf(b, sizeof b, "%lld", l->runs);
        snprintf(c, sizeof c, "%lld", runs);
        snprintf(d, sizeof d, "%lld", l->retired);
        app_cli_error(f, l->retired ? "batch.lost.retired" : "batch.lost.turns",
                      p->sc->actors[i].id, p->label[variant][i], a, b, c, d, NULL);
        any = 1;
    }
    return any;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

typedef struct {
    AppBatchArgs b; /* first: the shared readers take the context as AppBatchArgs */
    const char *varies[APP_BATCH_MAX_VARY];
    int n_varies;
    int format; /* --format: 0 none, 1 csv, 2 jsonl */
} BatchArgs;

static int read_format(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    BatchArgs *a = ctx;
    (void)opt;
    if (strcmp(v, "csv") == 0)
        a->format = 1;
    else if (strcmp(v, "jsonl") == 0)
        a->format = 2;
    else
        return app_cli_fail(err, errsz, "batch.err.format", v, NULL);
    return 0;
}

static int read_vary(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    BatchArgs *a = ctx;
    (void)opt;
    if (a->n_varies == APP_BATCH_MAX_VARY)
        return app_cli_full(err, errsz, "batch.err.too_many_vary", APP_BATCH_MAX_VARY);
    a->varies[a->n_varies++] = v;
    return 0;
}

static const AppOpt batch_opts[] = {
    APP_BATCH_OPT_SCENARIO(0),
    APP_BATCH_OPT_RUNS,
    APP_BATCH_OPT_SEED("cli.arg.s", 0),
    {"--vary", NULL, "cli.arg.vary", NULL, APP_OPT_CALL, 0, read_vary, APP_OPT_REPEAT, 0},
    APP_BATCH_OPT_STRATEGY(0),
    APP_BATCH_OPT_THREADS("cli.arg.t"),
    {"--shard", NULL, "cli.arg.shard", NULL, APP_OPT_CALL, 0, app_batch_read_shard, 0, 0},
    APP_BATCH_OPT_OUT("cli.arg.rows_out"),
    {"--format", NULL, "cli.arg.format", NULL, APP_OPT_CALL, 0, read_format, APP_OPT_MISSING, 0},
    {"--gain", NULL, NULL, NULL, APP_OPT_SWITCH, offsetof(BatchArgs, b.plan.gain), NULL, 0, 0},
    APP_BATCH_OPT_BOOK_CHECKS,
    APP_BATCH_OPT_QUIET,
    APP_BATCH_OPT_ALLOW_FAILURES(0),
};

static const AppCmd batch_cmd = {"batch",
                                 NULL,
                                 "batch.about",
                                 batch_opts,
                                 APP_OPT_COUNT(batch_opts),
                                 "batch.err.unknown_option",
                                 "batch.err.unexpected",
                                 NULL};

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The rows' format from --out and --format: 1 CSV, 2 JSON lines; 0 with err when the name and
 * the flag disagree, or neither tells ("-" is standard output; no --out: CSV there). */
static int rows_format(const BatchArgs *a, char *err, size_t errsz)
{
    const char *out = a->b.out;
    int named = !out ? 0 : ends_with(out, ".csv") ? 1 : ends_with(out, ".jsonl") ? 2 : 0;
    if (named && a->format && named != a->format) {
        app_cli_fail(err, errsz, "batch.err.format_clash", out, a->format == 1 ? "csv" : "jsonl",
                     NULL);
        return 0;
    }
    if (named || a->format)
        return named ? named : a->format;
    if (!out)
        return 1;
    app_cli_fail(err, errsz,
                 strcmp(out, "-") == 0 ? "batch.err.format_stdout" : "batch.err.out_ext", out,
                 NULL);
    return 0;
}

/* The plan from the options: scenario, seed, sweeps, seats, counts, scripts checked. */
static int plan_batch(BatchArgs *a, FILE *errout, char *err, size_t errsz)
{
    AppBatchPlan *p = &a->b.plan;
    if (!rows_format(a, err, errsz))
        return -1;
    if (app_batch_load_scenario(p, a->b.scenario, err, errsz) < 0)
        return -1;
    app_batch_args_seed(&a->b);
    for (int j = 0; j < a->n_varies; j++)
        if (app_batch_add_vary(p, a->varies[j], err, errsz) < 0)
            return -1;
    if (app_batch_args_variant(&a->b, "playbook", NULL, NULL, err, errsz) < 0 ||
        app_batch_plan_finish(p, err, errsz) < 0 || app_batch_check_scripts(p, err, errsz) < 0)
        return -1;
    app_batch_note_playbooks(errout, p);
    return 0;
}

/* The closing lines on errout after the runs, and the exit status. */
static int close_batch(const AppBatchPlan *p, const Writer *wr, const char *out_path, int rc,
                       int closed, long long done, double secs, double cpu, FILE *errout,
                       const char *err)
{
    long long count = app_batch_shard_count(p);
    const char *where = out_path ? out_path : core_tr("batch.stdout");
    char a[32], b[32], c[32], d[32], e[32];
    snprintf(a, sizeof a, "%lld", done);
    if (rc < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return 1;
    }
    if (rc == APP_BATCH_SINK_FAILED || closed != 0) {
        app_cli_error(errout, "batch.err.write", where, a, strerror(errno), NULL);
        return 1;
    }
    if (rc == APP_BATCH_INTERRUPTED) {
        snprintf(b, sizeof b, "%lld", count);
        app_cli_error(errout, "batch.interrupted", a, b, where, NULL);
        return APP_BATCH_EXIT_INTERRUPTED;
    }
    if (wr->failed) {
        snprintf(b, sizeof b, "%lld", wr->failed);
        app_cli_error(errout, "batch.failed", b, a, NULL);
        app_batch_lost_warn(errout, p, 0, wr->lost, done, -1);
        return 1;
    }
    if (app_batch_lost_warn(errout, p, 0, wr->lost, done, -1)) {
        app_cli_error(errout, p->allow_failures ? "batch.lost.allowed" : "batch.lost.status", NULL);
        return p->allow_failures ? 0 : APP_BATCH_EXIT_STRATEGY_FAILED;
    }
    if (p->progress) {
        snprintf(b, sizeof b, "%.2f", secs);
        snprintf(c, sizeof c, "%.0f", secs > 0 ? (double)done / secs : 0.0);
        snprintf(d, sizeof d, "%d", p->threads);
        snprintf(e, sizeof e, "%.3f", done ? 1e3 * cpu / (double)done : 0.0);
        const char *key = p->threads == 1
                              ? (out_path ? "batch.done.one_thread_file" : "batch.done.one_thread")
                          : out_path ? "batch.done.threads_file"
                                     : "batch.done.threads";
        app_cli_error(errout, key, a, b, c, d, e, out_path ? out_path : "", NULL);
    }
    return 0;
}

int app_batch_main(int argc, char **argv, FILE *out, FILE *errout)
{
    static BatchArgs a; /* large (the plan): not on the stack */
    AppBatchPlan *p = app_batch_args_init(&a, sizeof a);
    char err[2560];
    Writer wr;
    memset(&wr, 0, sizeof wr);
    int rc = app_opt_command(&batch_cmd, argc, argv, &a, NULL, out, err, sizeof err);
    if (rc == 1)
        return 0;
    if (rc < 0 || plan_batch(&a, errout, err, sizeof err) < 0)
        goto fail;
    wr.p = p;
    wr.f = out;
    wr.jsonl = rows_format(&a, err, sizeof err) == 2;
    if (a.b.out && strcmp(a.b.out, "-") == 0)
        a.b.out = NULL; /* standard output, as without --out */
    if (a.b.out && !(wr.f = fopen(a.b.out, "w"))) {
        app_cli_fail(err, sizeof err, "batch.err.out_write", a.b.out, strerror(errno), NULL);
        goto fail;
    }
    write_header(p, wr.f, wr.jsonl);
    long long done = 0;
    double t0 = app_batch_now(), c0 = app_batch_cpu();
    rc = app_batch_execute(p, write_row, &wr, &done, err, sizeof err);
    double secs = app_batch_now() - t0, cpu = app_batch_cpu() - c0;
    int closed = wr.f == out ? fflush(out) : fclose(wr.f);
    int status = close_batch(p, &wr, a.b.out, rc, closed, done, secs, cpu, errout, err);
    app_batch_plan_free(p);
    return status;
fail:
    fprintf(errout, "closedloop: %s\n", err);
    app_batch_plan_free(p);
    return 2;
}

int app_batch_meta_token(const char *line, const char *key, const char *stops, char *out,
                         size_t outsz)
{
    const char *s = strstr(line, key);
    if (!s)
        return -1;
    s += strlen(key);
    size_t n = strcspn(s, stops);
    if (n == 0 || n >= outsz)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}
