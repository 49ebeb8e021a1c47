/* app_merge: shards of a batch back into one file. */
#define _POSIX_C_SOURCE 200809L
#include "app_merge.h"

#include "core_err.h"

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
        return core_errf(err, errsz, "%s: cannot read it: %s", in->path, strerror(errno));
    if (read_line(in->f, &in->meta, &cap) < 0)
        return core_errf(err, errsz, "%s: empty: expected the header of a closedloop batch file",
                         in->path);
    char tok[64];
    if (strncmp(in->meta, "# closedloop batch 1 ", 21) == 0) {
        in->jsonl = 0;
        if (token(in->meta, "batch=", in->batch, sizeof in->batch) < 0 ||
            token(in->meta, "total=", tok, sizeof tok) < 0 || parse_ll(tok, &in->total) < 0 ||
            token(in->meta, "shard=", tok, sizeof tok) < 0)
            return core_errf(err, errsz,
                             "%s: line 1: a batch header without batch=, total= or "
                             "shard=",
                             in->path);
        cap = 0;
        if (read_line(in->f, &in->head, &cap) < 0 || strncmp(in->head, "run,", 4) != 0)
            return core_errf(err, errsz, "%s: line 2: expected the column names (run,seed,...)",
                             in->path);
    } else if (strncmp(in->meta, "{\"closedloop_batch\":1,", 22) == 0) {
        in->jsonl = 1;
        if (token(in->meta, "\"batch\":\"", in->batch, sizeof in->batch) < 0 ||
            token(in->meta, "\"total\":", tok, sizeof tok) < 0 || parse_ll(tok, &in->total) < 0 ||
            token(in->meta, "\"shard\":\"", tok, sizeof tok) < 0)
            return core_errf(err, errsz,
                             "%s: line 1: a batch header without batch, total or "
                             "shard",
                             in->path);
    } else {
        return core_errf(err, errsz,
                         "%s: line 1: expected the header of a closedloop batch file (written "
                         "by closedloop batch --out)",
                         in->path);
    }
    char *slash = strchr(tok, '/');
    if (!slash)
        return core_errf(err, errsz, "%s: line 1: shard '%s' is not I/N", in->path, tok);
    *slash = '\0';
    if (parse_ll(tok, &in->shard_i) < 0 || parse_ll(slash + 1, &in->shard_n) < 0 ||
        in->shard_n < 1 || in->shard_i >= in->shard_n)
        return core_errf(err, errsz, "%s: line 1: shard is not I/N with I < N", in->path);
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
    fputs("Usage: closedloop merge SHARD... [--out FILE]\n"
          "Joins the shards of one batch (closedloop batch --shard I/N --out SHARD) into the\n"
          "file one process would have written (standard output without --out).\n",
          f);
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
                core_errf(err, sizeof err, "--out expects a file name");
                goto fail;
            }
        } else if (a[0] == '-') {
            core_errf(err, sizeof err, "merge: unknown option '%s' (see closedloop merge --help)",
                      a);
            goto fail;
        } else {
            if (n == MAX_INPUTS) {
                core_errf(err, sizeof err, "merge: too many files (at most %d)", MAX_INPUTS);
                goto fail;
            }
            ins[n++].path = a;
        }
    }
    if (n == 0) {
        core_errf(err, sizeof err,
                  "merge needs the shard files: closedloop merge A.csv B.csv ... "
                  "--out ALL.csv");
        goto fail;
    }
    for (int k = 0; k < n; k++) {
        if (out_path && strcmp(out_path, ins[k].path) == 0) {
            core_errf(err, sizeof err, "--out %s is also an input: write the merge elsewhere",
                      out_path);
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
            core_errf(err, sizeof err, "%s is %s but %s is %s: merge files of one format", a0->path,
                      a0->jsonl ? "JSON lines" : "CSV", b->path, b->jsonl ? "JSON lines" : "CSV");
            goto fail;
        }
        if (strcmp(b->batch, a0->batch) != 0 || b->total != a0->total) {
            core_errf(err, sizeof err,
                      "%s (batch %s, %lld runs) and %s (batch %s, %lld runs) come from different "
                      "batches: their scenario, scripts, strategies, seed, runs or sweeps differ",
                      a0->path, a0->batch, a0->total, b->path, b->batch, b->total);
            goto fail;
        }
        if (b->shard_n != a0->shard_n) {
            core_errf(err, sizeof err,
                      "%s is a shard of %lld but %s a shard of %lld: merge the shards of one "
                      "split",
                      a0->path, a0->shard_n, b->path, b->shard_n);
            goto fail;
        }
        if (!a0->jsonl && strcmp(a0->head, b->head) != 0) {
            core_errf(err, sizeof err, "%s and %s have different columns", a0->path, b->path);
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
        core_errf(err, sizeof err,
                  "shard %lld/%lld is missing: expected all %lld shards of the "
                  "batch, got %d file%s",
                  miss, N, N, n, n == 1 ? "" : "s");
        goto fail;
    }
    Input *by_shard[MAX_INPUTS] = {0};
    for (int k = 0; k < n; k++) {
        Input *in = &ins[k];
        if (by_shard[in->shard_i]) {
            core_errf(err, sizeof err, "%s and %s are both shard %lld/%lld",
                      by_shard[in->shard_i]->path, in->path, in->shard_i, N);
            goto fail;
        }
        by_shard[in->shard_i] = in;
    }
    if (n != N) {
        core_errf(err, sizeof err, "%d files for %lld shards", n, N);
        goto fail;
    }
    /* Write: to a temporary file beside the output, renamed over it at the end. */
    if (out_path) {
        size_t len = strlen(out_path) + 16;
        if (!(tmp_path = malloc(len))) {
            core_errf(err, sizeof err, "out of memory");
            goto fail;
        }
        snprintf(tmp_path, len, "%s.part", out_path);
        if (!(f = fopen(tmp_path, "w"))) {
            core_errf(err, sizeof err, "--out %s: cannot write it: %s", out_path, strerror(errno));
            status = 1;
            goto fail;
        }
    } else {
        f = out;
    }
    if (!(meta = whole_meta(a0))) {
        core_errf(err, sizeof err, "out of memory");
        goto fail;
    }
    fputs(meta, f);
    if (!a0->jsonl)
        fputs(a0->head, f);
    for (long long r = 0; r < a0->total; r++) {
        Input *in = by_shard[r % N];
        long expect = (long)((a0->total - in->shard_i + N - 1) / N);
        if (read_line(in->f, &line, &cap) < 0) {
            core_errf(err, sizeof err,
                      "%s (shard %lld/%lld) stops after %lld rows: it should hold %ld (was it "
                      "interrupted? run that shard again)",
                      in->path, in->shard_i, N, in->rows, expect);
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
            core_errf(err, sizeof err,
                      "%s: row %lld: expected run %lld of the batch (shard %lld/%lld), got '%.40s'",
                      in->path, in->rows + 1, r, in->shard_i, N, line);
            goto fail;
        }
        in->rows++;
        fputs(line, f);
    }
    for (int k = 0; k < n; k++)
        if (read_line(ins[k].f, &line, &cap) >= 0) {
            core_errf(err, sizeof err, "%s: more rows than the batch has (%lld runs)", ins[k].path,
                      a0->total);
            goto fail;
        }
    if (f != out) {
        int bad = ferror(f);
        bad |= fclose(f) != 0;
        f = NULL;
        if (bad || rename(tmp_path, out_path) != 0) {
            core_errf(err, sizeof err, "--out %s: cannot write it: %s", out_path, strerror(errno));
            status = 1;
            goto fail;
        }
    } else if (fflush(out) != 0) {
        core_errf(err, sizeof err, "writing the merge failed: %s", strerror(errno));
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
