/* app_merge: shards of a batch back into one file. */
#define _POSIX_C_SOURCE 200809L
#include "app_merge.h"

#include "app_batch_cmd.h"
#include "app_cli.h"
#include "app_opt.h"
#include "core_err.h"
#include "core_text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUTS 4096

typedef struct {
    const char *path;
    FILE *f;
    int jsonl;
    char *meta; /* the first line */
    char *head; /* CSV: the column names */
    char batch[17];
    long long total;
    long long shard_i, shard_n;
    long long rows; /* rows read so far */
} Input;

/* Reads a line (newline kept) into *buf; -1 at the end of the file. */
static long read_line(FILE *f, char **buf, size_t *cap)
{
    ssize_t n = getline(buf, cap, f);
    return n < 0 ? -1 : (long)n;
}

/* The text after `key` in line up to the next space, quote or comma, into out. */
static int token(const char *line, const char *key, char *out, size_t outsz)
{
    return app_batch_meta_token(line, key, " \",}\n", out, outsz);
}

static int parse_ll(const char *s, long long *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* Opens an input and reads its header. */
static int open_input(Input *in, char *err, size_t errsz)
{
    size_t cap = 0;
    if (!(in->f = fopen(in->path, "r")))
        return app_cli_fail(err, errsz, "merge.err.read", in->path, strerror(errno), NULL);
    if (read_line(in->f, &in->meta, &cap) < 0)
        return app_cli_fail(err, errsz, "merge.err.empty", in->path, NULL);
    char tok[64];
    /* A batch's rows, or the evaluations of closedloop sensitivity --runs-csv (the same shape:
     * row r in shard r % N, the column names on line 2). */
    if (strncmp(in->meta, "# closedloop batch 1 ", 21) == 0 ||
        strncmp(in->meta, "# closedloop sensitivity 1 ", 27) == 0) {
        in->jsonl = 0;
        if (token(in->meta, "batch=", in->batch, sizeof in->batch) < 0 ||
            token(in->meta, "total=", tok, sizeof tok) < 0 || parse_ll(tok, &in->total) < 0 ||
            token(in->meta, "shard=", tok, sizeof tok) < 0)
            return app_cli_fail(err, errsz, "merge.err.csv_header", in->path, NULL);
        cap = 0;
        if (read_line(in->f, &in->head, &cap) < 0 || strncmp(in->head, "run,", 4) != 0)
            return app_cli_fail(err, errsz, "merge.err.columns", in->path, NULL);
    } else if (strncmp(in->meta, "{\"closedloop_batch\":1,", 22) == 0) {
        in->jsonl = 1;
        if (token(in->meta, "\"batch\":\"", in->batch, sizeof in->batch) < 0 ||
            token(in->meta, "\"total\":", tok, sizeof tok) < 0 || parse_ll(tok, &in->total) < 0 ||
            token(in->meta, "\"shard\":\"", tok, sizeof tok) < 0)
            return app_cli_fail(err, errsz, "merge.err.jsonl_header", in->path, NULL);
    } else {
        return app_cli_fail(err, errsz, "merge.err.not_batch", in->path, NULL);
    }
    char *slash = strchr(tok, '/');
    if (!slash)
        return app_cli_fail(err, errsz, "merge.err.shard_form", in->path, tok, NULL);
    *slash = '\0';
    if (parse_ll(tok, &in->shard_i) < 0 || parse_ll(slash + 1, &in->shard_n) < 0 ||
        in->shard_n < 1 || in->shard_i >= in->shard_n)
        return app_cli_fail(err, errsz, "merge.err.shard_range", in->path, NULL);
    return 0;
}

/* The meta line with its shard replaced by 0/1 (the merged file's), into a new string. */
static char *whole_meta(const Input *in)
{
    const char *key = in->jsonl ? "\"shard\":\"" : "shard=";
    const char *s = strstr(in->meta, key) + strlen(key);
    size_t n = strcspn(s, " \",}\n");
    size_t pre = (size_t)(s - in->meta);
    size_t len = strlen(in->meta);
    char *out = malloc(len + 8);
    if (!out)
        return NULL;
    memcpy(out, in->meta, pre);
    memcpy(out + pre, "0/1", 3);
    memcpy(out + pre + 3, s + n, len - pre - n + 1);
    return out;
}

/* ---------------------------------------------------------------------------------------------
 * Options */

typedef struct {
    Input ins[MAX_INPUTS];
    int n;
    const char *out; /* --out, or NULL: standard output */
} Args;

static int read_out(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    if (!*v)
        return app_cli_fail(err, errsz, "merge.err.out", NULL);
    ((Args *)ctx)->out = v;
    return 0;
}

static int read_input(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt;
    if (a->n == MAX_INPUTS)
        return app_cli_full(err, errsz, "merge.err.too_many", MAX_INPUTS);
    a->ins[a->n++].path = v;
    return 0;
}

static const AppOpt opts[] = {
    {"--out", NULL, "cli.arg.file", NULL, APP_OPT_CALL, 0, read_out, APP_OPT_MISSING, 0},
};

static const AppCmd cmd = {"merge", "merge.operands",    "merge.about",
                           opts,    APP_OPT_COUNT(opts), "merge.err.unknown_option",
                           NULL,    read_input};

/* ---------------------------------------------------------------------------------------------
 * Steps */

/* Opens every input and reads its header. */
static int open_inputs(Args *a, char *err, size_t errsz)
{
    if (a->n == 0)
        return app_cli_fail(err, errsz, "merge.err.no_files", NULL);
    for (int k = 0; k < a->n; k++) {
        if (a->out && strcmp(a->out, a->ins[k].path) == 0)
            return app_cli_fail(err, errsz, "merge.err.out_is_input", a->out, NULL);
        if (open_input(&a->ins[k], err, errsz) < 0)
            return -1;
    }
    return 0;
}

/* Every input a shard of the same batch as the first, in the same format and split. */
static int same_batch(const Args *a, char *err, size_t errsz)
{
    const Input *a0 = &a->ins[0];
    for (int k = 1; k < a->n; k++) {
        const Input *b = &a->ins[k];
        if (b->jsonl != a0->jsonl)
            return app_cli_fail(err, errsz, "merge.err.formats", a0->path,
                                a0->jsonl ? "JSON lines" : "CSV", b->path,
                                b->jsonl ? "JSON lines" : "CSV", NULL);
        if (strcmp(b->batch, a0->batch) != 0 || b->total != a0->total) {
            char t1[32], t2[32];
            snprintf(t1, sizeof t1, "%lld", a0->total);
            snprintf(t2, sizeof t2, "%lld", b->total);
            return app_cli_fail(err, errsz, "merge.err.batches", a0->path, a0->batch, t1, b->path,
                                b->batch, t2, NULL);
        }
        if (b->shard_n != a0->shard_n) {
            char n1[32], n2[32];
            snprintf(n1, sizeof n1, "%lld", a0->shard_n);
            snprintf(n2, sizeof n2, "%lld", b->shard_n);
            return app_cli_fail(err, errsz, "merge.err.splits", a0->path, n1, b->path, n2, NULL);
        }
        if (!a0->jsonl && strcmp(a0->head, b->head) != 0)
            return app_cli_fail(err, errsz, "merge.err.columns_differ", a0->path, b->path, NULL);
    }
    return 0;
}

/* by_shard[s]: the input that is shard s; every shard once. */
static int order_shards(Args *a, Input **by_shard, char *err, size_t errsz)
{
    long long N = a->ins[0].shard_n;
    if (N > a->n || N > MAX_INPUTS) {
        /* Name the first missing shard. */
        long long miss = 0;
        for (long long s = 0; s < N; s++) {
            int found = 0;
            for (int k = 0; k < a->n; k++)
                found |= a->ins[k].shard_i == s;
            if (!found) {
                miss = s;
                break;
            }
        }
        char m[48], nn[32], got[32];
        snprintf(m, sizeof m, "%lld/%lld", miss, N);
        snprintf(nn, sizeof nn, "%lld", N);
        snprintf(got, sizeof got, "%d", a->n);
        return app_cli_fail(err, errsz,
                            a->n == 1 ? "merge.err.missing.one" : "merge.err.missing.many", m, nn,
                            got, NULL);
    }
    for (int k = 0; k < a->n; k++) {
        Input *in = &a->ins[k];
        if (by_shard[in->shard_i]) {
            char sh[48];
            snprintf(sh, sizeof sh, "%lld/%lld", in->shard_i, N);
            return app_cli_fail(err, errsz, "merge.err.twice", by_shard[in->shard_i]->path,
                                in->path, sh, NULL);
        }
        by_shard[in->shard_i] = in;
    }
    if (a->n != N) {
        char n1[32], n2[32];
        snprintf(n1, sizeof n1, "%d", a->n);
        snprintf(n2, sizeof n2, "%lld", N);
        return app_cli_fail(err, errsz, "merge.err.count", n1, n2, NULL);
    }
    return 0;
}

/* The next row of `in`, which must be run r of the batch, into *line. */
static int next_row(Input *in, long long r, long long N, long long total, char **line, size_t *cap,
                    char *err, size_t errsz)
{
    if (read_line(in->f, line, cap) < 0) {
        char sh[48], rows[32], want[32];
        snprintf(sh, sizeof sh, "%lld/%lld", in->shard_i, N);
        snprintf(rows, sizeof rows, "%lld", in->rows);
        snprintf(want, sizeof want, "%lld", (total - in->shard_i + N - 1) / N);
        return app_cli_fail(err, errsz, "merge.err.short", in->path, sh, rows, want, NULL);
    }
    long long run = -1;
    const char *s = in->jsonl ? (strncmp(*line, "{\"run\":", 7) == 0 ? *line + 7 : NULL) : *line;
    if (s) {
        char *end = NULL;
        run = strtoll(s, &end, 10);
        if (end == s || *end != ',')
            run = -1;
    }
    size_t len = strlen(*line);
    if (run != r || len == 0 || (*line)[len - 1] != '\n') {
        char row[32], run_n[32], sh[48], got[48];
        snprintf(row, sizeof row, "%lld", in->rows + 1);
        snprintf(run_n, sizeof run_n, "%lld", r);
        snprintf(sh, sizeof sh, "%lld/%lld", in->shard_i, N);
        snprintf(got, sizeof got, "%.40s", *line);
        return app_cli_fail(err, errsz, "merge.err.row", in->path, row, run_n, sh, got, NULL);
    }
    in->rows++;
    return 0;
}

/* The merged file to f: the header with shard 0/1, then run r from shard r % N, in order; every
 * input must end with its last row. */
static int write_merged(Args *a, Input **by_shard, FILE *f, char *err, size_t errsz)
{
    const Input *a0 = &a->ins[0];
    long long N = a0->shard_n;
    char *meta = whole_meta(a0), *line = NULL;
    size_t cap = 0;
    int rc = 0;
    if (!meta)
        return app_cli_fail(err, errsz, "cli.err.oom", NULL);
    fputs(meta, f);
    free(meta);
    if (!a0->jsonl)
        fputs(a0->head, f);
    for (long long r = 0; r < a0->total && rc == 0; r++) {
        rc = next_row(by_shard[r % N], r, N, a0->total, &line, &cap, err, errsz);
        if (rc == 0)
            fputs(line, f);
    }
    for (int k = 0; k < a->n && rc == 0; k++)
        if (read_line(a->ins[k].f, &line, &cap) >= 0) {
            char t[32];
            snprintf(t, sizeof t, "%lld", a0->total);
            rc = app_cli_fail(err, errsz, "merge.err.long", a->ins[k].path, t, NULL);
        }
    free(line);
    return rc;
}

/* The merge into a->out through a temporary file beside it, renamed over it once whole (the
 * rows stream through: a merged batch may be larger than memory, which dat_write_file_atomic's
 * one buffer would need), or to out. 0, 1 a write failed, 2 refused; the message in err. */
static int write_output(Args *a, Input **by_shard, FILE *out, char *err, size_t errsz)
{
    if (!a->out) {
        if (write_merged(a, by_shard, out, err, errsz) < 0)
            return 2;
        if (fflush(out) == 0)
            return 0;
        app_cli_fail(err, errsz, "merge.err.write", strerror(errno), NULL);
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.part", a->out);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        app_cli_fail(err, errsz, "batch.err.out_write", a->out, strerror(errno), NULL);
        return 1;
    }
    int status = write_merged(a, by_shard, f, err, errsz) < 0 ? 2 : 0;
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (status == 0 && (bad || rename(tmp, a->out) != 0)) {
        app_cli_fail(err, errsz, "batch.err.out_write", a->out, strerror(errno), NULL);
        status = 1;
    }
    if (status != 0)
        remove(tmp);
    return status;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

int app_merge_main(int argc, char **argv, FILE *out, FILE *errout)
{
    static Args a;
    static Input *by_shard[MAX_INPUTS];
    memset(&a, 0, sizeof a);
    memset(by_shard, 0, sizeof by_shard);
    char err[1024];
    int status = 2;
    int rc = app_opt_command(&cmd, argc, argv, &a, NULL, out, err, sizeof err);
    if (rc == 1)
        return 0;
    if (rc == 0 && open_inputs(&a, err, sizeof err) == 0 && same_batch(&a, err, sizeof err) == 0 &&
        order_shards(&a, by_shard, err, sizeof err) == 0)
        status = write_output(&a, by_shard, out, err, sizeof err);
    if (status != 0)
        fprintf(errout, "closedloop: %s\n", err);
    for (int k = 0; k < a.n; k++) {
        if (a.ins[k].f)
            fclose(a.ins[k].f);
        free(a.ins[k].meta);
        free(a.ins[k].head);
    }
    return status;
}
