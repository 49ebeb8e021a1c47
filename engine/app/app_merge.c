/* app_merge: shards of a batch back into one file. */
#define _POSIX_C_SOURCE 200809L
#include "app_merge.h"

#include "app_cli.h"
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
    const char *s = strstr(line, key);
    if (!s)
        return -1;
    s += strlen(key);
    size_t n = strcspn(s, " \",}\n");
    if (n == 0 || n >= outsz)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
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

static void merge_usage(FILE *f)
{
    fputs(core_tr("merge.help"), f);
}

int app_merge_main(int argc, char **argv, FILE *out, FILE *errout)
{
    static Input ins[MAX_INPUTS];
    int n = 0, status = 2;
    const char *out_path = NULL;
    char err[1024];
    char *line = NULL, *meta = NULL, *tmp_path = NULL;
    size_t cap = 0;
    FILE *f = NULL;
    memset(ins, 0, sizeof ins);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            merge_usage(out);
            return 0;
        } else if (strcmp(a, "--out") == 0 || strncmp(a, "--out=", 6) == 0) {
            out_path = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : NULL);
            if (!out_path || !*out_path) {
                app_cli_fail(err, sizeof err, "merge.err.out", NULL);
                goto fail;
            }
        } else if (a[0] == '-') {
            app_cli_fail(err, sizeof err, "merge.err.unknown_option", a, NULL);
            goto fail;
        } else {
            if (n == MAX_INPUTS) {
                char most[16];
                snprintf(most, sizeof most, "%d", MAX_INPUTS);
                app_cli_fail(err, sizeof err, "merge.err.too_many", most, NULL);
                goto fail;
            }
            ins[n++].path = a;
        }
    }
    if (n == 0) {
        app_cli_fail(err, sizeof err, "merge.err.no_files", NULL);
        goto fail;
    }
    for (int k = 0; k < n; k++) {
        if (out_path && strcmp(out_path, ins[k].path) == 0) {
            app_cli_fail(err, sizeof err, "merge.err.out_is_input", out_path, NULL);
            goto fail;
        }
        if (open_input(&ins[k], err, sizeof err) < 0)
            goto fail;
    }
    /* Same batch, every shard once. */
    const Input *a0 = &ins[0];
    for (int k = 1; k < n; k++) {
        const Input *b = &ins[k];
        if (b->jsonl != a0->jsonl) {
            app_cli_fail(err, sizeof err, "merge.err.formats", a0->path,
                         a0->jsonl ? "JSON lines" : "CSV", b->path, b->jsonl ? "JSON lines" : "CSV",
                         NULL);
            goto fail;
        }
        if (strcmp(b->batch, a0->batch) != 0 || b->total != a0->total) {
            char t1[32], t2[32];
            snprintf(t1, sizeof t1, "%lld", a0->total);
            snprintf(t2, sizeof t2, "%lld", b->total);
            app_cli_fail(err, sizeof err, "merge.err.batches", a0->path, a0->batch, t1, b->path,
                         b->batch, t2, NULL);
            goto fail;
        }
        if (b->shard_n != a0->shard_n) {
            char n1[32], n2[32];
            snprintf(n1, sizeof n1, "%lld", a0->shard_n);
            snprintf(n2, sizeof n2, "%lld", b->shard_n);
            app_cli_fail(err, sizeof err, "merge.err.splits", a0->path, n1, b->path, n2, NULL);
            goto fail;
        }
        if (!a0->jsonl && strcmp(a0->head, b->head) != 0) {
            app_cli_fail(err, sizeof err, "merge.err.columns_differ", a0->path, b->path, NULL);
            goto fail;
        }
    }
    long long N = a0->shard_n;
    if (N > n || N > MAX_INPUTS) {
        /* Name the first missing shard. */
        long long miss = 0;
        for (long long s = 0; s < N; s++) {
            int found = 0;
            for (int k = 0; k < n; k++)
                found |= ins[k].shard_i == s;
            if (!found) {
                miss = s;
                break;
            }
        }
        char m[48], nn[32], got[32];
        snprintf(m, sizeof m, "%lld/%lld", miss, N);
        snprintf(nn, sizeof nn, "%lld", N);
        snprintf(got, sizeof got, "%d", n);
        app_cli_fail(err, sizeof err, n == 1 ? "merge.err.missing.one" : "merge.err.missing.many",
                     m, nn, got, NULL);
        goto fail;
    }
    Input *by_shard[MAX_INPUTS] = {0};
    for (int k = 0; k < n; k++) {
        Input *in = &ins[k];
        if (by_shard[in->shard_i]) {
            char sh[48];
            snprintf(sh, sizeof sh, "%lld/%lld", in->shard_i, N);
            app_cli_fail(err, sizeof err, "merge.err.twice", by_shard[in->shard_i]->path, in->path,
                         sh, NULL);
            goto fail;
        }
        by_shard[in->shard_i] = in;
    }
    if (n != N) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%d", n);
        snprintf(b, sizeof b, "%lld", N);
        app_cli_fail(err, sizeof err, "merge.err.count", a, b, NULL);
        goto fail;
    }
    /* Write: to a temporary file beside the output, renamed over it at the end. */
    if (out_path) {
        size_t len = strlen(out_path) + 16;
        if (!(tmp_path = malloc(len))) {
            app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
            goto fail;
        }
        snprintf(tmp_path, len, "%s.part", out_path);
        if (!(f = fopen(tmp_path, "w"))) {
            app_cli_fail(err, sizeof err, "batch.err.out_write", out_path, strerror(errno), NULL);
            status = 1;
            goto fail;
        }
    } else {
        f = out;
    }
    if (!(meta = whole_meta(a0))) {
        app_cli_fail(err, sizeof err, "cli.err.oom", NULL);
        goto fail;
    }
    fputs(meta, f);
    if (!a0->jsonl)
        fputs(a0->head, f);
    for (long long r = 0; r < a0->total; r++) {
        Input *in = by_shard[r % N];
        long expect = (long)((a0->total - in->shard_i + N - 1) / N);
        if (read_line(in->f, &line, &cap) < 0) {
            char sh[48], rows[32], want[32];
            snprintf(sh, sizeof sh, "%lld/%lld", in->shard_i, N);
            snprintf(rows, sizeof rows, "%lld", in->rows);
            snprintf(want, sizeof want, "%ld", expect);
            app_cli_fail(err, sizeof err, "merge.err.short", in->path, sh, rows, want, NULL);
            goto fail;
        }
        long long run = -1;
        const char *s = in->jsonl ? (strncmp(line, "{\"run\":", 7) == 0 ? line + 7 : NULL) : line;
        if (s) {
            char *end = NULL;
            run = strtoll(s, &end, 10);
            if (end == s || *end != ',')
                run = -1;
        }
        size_t len = strlen(line);
        if (run != r || len == 0 || line[len - 1] != '\n') {
            char row[32], run_n[32], sh[48], got[48];
            snprintf(row, sizeof row, "%lld", in->rows + 1);
            snprintf(run_n, sizeof run_n, "%lld", r);
            snprintf(sh, sizeof sh, "%lld/%lld", in->shard_i, N);
            snprintf(got, sizeof got, "%.40s", line);
            app_cli_fail(err, sizeof err, "merge.err.row", in->path, row, run_n, sh, got, NULL);
            goto fail;
        }
        in->rows++;
        fputs(line, f);
    }
    for (int k = 0; k < n; k++)
        if (read_line(ins[k].f, &line, &cap) >= 0) {
            char t[32];
            snprintf(t, sizeof t, "%lld", a0->total);
            app_cli_fail(err, sizeof err, "merge.err.long", ins[k].path, t, NULL);
            goto fail;
        }
    if (f != out) {
        int bad = ferror(f);
        bad |= fclose(f) != 0;
        f = NULL;
        if (bad || rename(tmp_path, out_path) != 0) {
            app_cli_fail(err, sizeof err, "batch.err.out_write", out_path, strerror(errno), NULL);
            status = 1;
            goto fail;
        }
    } else if (fflush(out) != 0) {
        app_cli_fail(err, sizeof err, "merge.err.write", strerror(errno), NULL);
        status = 1;
        goto fail;
    }
    status = 0;
fail:
    if (status != 0)
        fprintf(errout, "closedloop: %s\n", err);
    if (f && f != out) {
        fclose(f);
        remove(tmp_path);
    }
    for (int k = 0; k < n; k++) {
        if (ins[k].f)
            fclose(ins[k].f);
        free(ins[k].meta);
        free(ins[k].head);
    }
    free(line);
    free(meta);
    free(tmp_path);
    return status;
}
