/* test_dat_io: the pieces the data layer's loaders and writers share. One way from a text or a
 * file to a reader at "$" (dat_json_read_text/_file): the reader is named by the file, a syntax
 * error or an unreadable file never reaches the reading function, its failure comes back as is.
 * A writer hands its text over (dat_buf_take) or fails with the phrase and what failed; the text
 * is written in one step or not at all (dat_write_text_file). Field tables write a struct's
 * members in order and read them back to the bit, refusing one out of range at its path. And
 * the small helpers: UTF-8 sequence lengths, messages cleaned of control characters. */
#define _POSIX_C_SOURCE 200809L

#include "dat_field.h"
#include "dat_json.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    int calls;
    char path[DAT_PATH_LEN];
    char file[64];
    int x;
    int fail; /* make the reading fail */
} Probe;

static int read_probe(DatReader *r, const cJSON *root, void *ctx)
{
    Probe *p = ctx;
    p->calls++;
    snprintf(p->path, sizeof p->path, "%s", r->path);
    snprintf(p->file, sizeof p->file, "%s", r->file);
    if (p->fail)
        return dat_fail(r, "x", "made to fail");
    return dat_int(r, root, "x", DAT_REQUIRED, 0, 9, 0, &p->x);
}

static void test_read_text(void)
{
    char err[256] = "";
    Probe p = {0};
    const char *ok = "{\"x\": 7}";
    CHECK(dat_json_read_text(ok, strlen(ok), "a.json", read_probe, &p, err, sizeof err) == 0);
    CHECK(p.calls == 1 && p.x == 7 && strcmp(p.path, "$") == 0 && strcmp(p.file, "a.json") == 0);

    /* No name: "(text)" in the messages. */
    memset(&p, 0, sizeof p);
    const char *bad = "{\"x\": 12}";
    CHECK(dat_json_read_text(bad, strlen(bad), NULL, read_probe, &p, err, sizeof err) == -1);
    CHECK_MSG(strcmp(err, "(text): $.x: expected an integer in 0..9, got 12") == 0, "%s", err);

    /* A syntax error is reported at its line and column; the reading function never runs. */
    memset(&p, 0, sizeof p);
    const char *broken = "{\"x\": 7,\n}";
    CHECK(dat_json_read_text(broken, strlen(broken), "b.json", read_probe, &p, err, sizeof err) ==
          -1);
    CHECK(p.calls == 0);
    CHECK_MSG(strcmp(err, "b.json:1:8: not valid JSON: trailing comma before '}'") == 0, "%s", err);

    /* The reading function's failure is the result, with its message. */
    memset(&p, 0, sizeof p);
    p.fail = 1;
    CHECK(dat_json_read_text(ok, strlen(ok), "c.json", read_probe, &p, err, sizeof err) == -1);
    CHECK_MSG(strcmp(err, "c.json: $.x: made to fail") == 0, "%s", err);
}

static void test_read_file(const char *dir)
{
    char path[512], err[512] = "";
    Probe p = {0};
    snprintf(path, sizeof path, "%s/probe.json", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("{\"x\": 3}\n", f);
    fclose(f);
    CHECK(dat_json_read_file(path, 1024, read_probe, &p, err, sizeof err) == 0);
    CHECK(p.calls == 1 && p.x == 3 && strcmp(p.file, path) == 0);

    /* Over the size limit: refused before reading, the function never runs. */
    memset(&p, 0, sizeof p);
    CHECK(dat_json_read_file(path, 4, read_probe, &p, err, sizeof err) == -1);
    CHECK(p.calls == 0);
    CHECK_MSG(strstr(err, path) == err && strstr(err, "file is too large"), "%s", err);
    unlink(path);

    /* A missing file names itself. */
    snprintf(path, sizeof path, "%s/none.json", dir);
    CHECK(dat_json_read_file(path, 1024, read_probe, &p, err, sizeof err) == -1);
    CHECK(p.calls == 0);
    CHECK_MSG(strstr(err, path) == err && strstr(err, "cannot open"), "%s", err);
}

static void test_buf_take(void)
{
    char err[256] = "";
    size_t len = 99;
    DatBuf b;
    dat_buf_init(&b);
    dat_buf_puts(&b, "[1,");
    dat_buf_double(&b, 0.1, "x");
    dat_buf_puts(&b, "]");
    char *text = dat_buf_take(&b, &len, err, sizeof err, "err.test", "cannot: {1}");
    CHECK(text && strcmp(text, "[1,0.1]") == 0 && len == 7);
    CHECK(b.data == NULL && b.len == 0 && !b.failed);
    free(text);

    /* A failed buffer: NULL, nothing to free, the phrase with what failed. */
    dat_buf_init(&b);
    dat_buf_puts(&b, "[");
    dat_buf_double(&b, 1.0 / 0.0, "world.cash");
    dat_buf_puts(&b, "]");
    len = 99;
    text = dat_buf_take(&b, &len, err, sizeof err, "err.test", "cannot write it: {1}");
    CHECK(text == NULL && len == 0 && b.data == NULL);
    CHECK_MSG(strcmp(err, "cannot write it: world.cash is not a finite number (inf)") == 0, "%s",
              err);
}

static void test_write_text_file(const char *dir)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/out.json", dir);
    /* A writer that failed: nothing is written, its reason is named with the path. */
    CHECK(dat_write_text_file(path, NULL, 0, "it broke", err, sizeof err) == -1);
    CHECK(access(path, F_OK) != 0);
    char want[600];
    snprintf(want, sizeof want, "%s: it broke", path);
    CHECK_MSG(strcmp(err, want) == 0, "%s", err);

    /* A text is written whole (and freed: ASan would see a leak otherwise). */
    char *text = malloc(6);
    memcpy(text, "{\"a\"}", 6);
    CHECK(dat_write_text_file(path, text, 5, "", err, sizeof err) == 0);
    size_t len = 0;
    char *back = dat_read_file(path, 100, &len, err, sizeof err);
    CHECK(back && len == 5 && memcmp(back, "{\"a\"}", 5) == 0);
    free(back);
    unlink(path);
}

typedef struct {
    double a;
    int n;
    double b;
} Pair;

static const DatField pair_fields[] = {
    DAT_FIELD_NUM(Pair, a, -1, 1),
    DAT_FIELD_INT(Pair, n, 0, 10),
    DAT_FIELD_NUM(Pair, b, 0, 1e15),
};

static void test_fields(void)
{
    Pair in = {-0.1, 7, 1.0 / 3.0}, out = {0};
    DatOut o;
    memset(&o, 0, sizeof o);
    dat_buf_init(&o.b);
    snprintf(o.what, sizeof o.what, "pair");
    dat_buf_puts(&o.b, "{\"id\":0");
    dat_out_fields(&o, &in, pair_fields, 3);
    dat_buf_puts(&o.b, "}");
    CHECK_MSG(strcmp(o.b.data, "{\"id\":0,\"a\":-0.1,\"n\":7,\"b\":0.3333333333333333}") == 0, "%s",
              o.b.data);

    char err[256] = "";
    cJSON *root = dat_json_parse(o.b.data, o.b.len, "p.json", err, sizeof err);
    DatReader r;
    dat_reader_init(&r, "p.json", err, sizeof err);
    CHECK(root && dat_fields_read(&r, root, &out, pair_fields, 3) == 0);
    CHECK(memcmp(&in.a, &out.a, sizeof in.a) == 0 && in.n == out.n &&
          memcmp(&in.b, &out.b, sizeof in.b) == 0);
    cJSON_Delete(root);
    dat_buf_free(&o.b);

    /* Out of range, at its path; the members after it are not read. */
    const char *bad = "{\"a\": 0, \"n\": 11, \"b\": 1}";
    root = dat_json_parse(bad, strlen(bad), "p.json", err, sizeof err);
    memset(&out, 0, sizeof out);
    CHECK(root && dat_fields_read(&r, root, &out, pair_fields, 3) == -1);
    CHECK_MSG(strcmp(err, "p.json: $.n: expected an integer in 0..10, got 11") == 0, "%s", err);
    CHECK(out.b == 0);
    cJSON_Delete(root);
}

static void test_small(void)
{
    /* UTF-8: 1 to 4 bytes; overlong forms, surrogates and values past U+10FFFF are not. */
    CHECK(dat_utf8_len((const unsigned char *)"a", 1) == 1);
    CHECK(dat_utf8_len((const unsigned char *)"\xC3\xA9", 2) == 2);
    CHECK(dat_utf8_len((const unsigned char *)"\xE4\xB8\xAD", 3) == 3);
    CHECK(dat_utf8_len((const unsigned char *)"\xF0\x9F\x98\x80", 4) == 4);
    CHECK(dat_utf8_len((const unsigned char *)"\xE4\xB8\xAD", 2) == 0);
    CHECK(dat_utf8_len((const unsigned char *)"\xC0\xAF", 2) == 0);
    CHECK(dat_utf8_len((const unsigned char *)"\xED\xA0\x80", 3) == 0);
    CHECK(dat_utf8_len((const unsigned char *)"\xF4\x90\x80\x80", 4) == 0);
    CHECK(dat_utf8_len((const unsigned char *)"\x80", 1) == 0);

    char msg[] = "a\nb\x1b[31m\xC2\x85z\xC3\xA9";
    dat_msg_clean(msg);
    CHECK_MSG(strcmp(msg, "a?b?[31m??z\xC3\xA9") == 0, "%s", msg);

    char n[32], g[40];
    CHECK(strcmp(dat_arg_size(n, 65536), "65536") == 0);
    CHECK(strcmp(dat_arg_double(g, 0.1), "0.10000000000000001") == 0);
}

int main(void)
{
    char dir[] = "/tmp/test_dat_io.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    test_read_text();
    test_read_file(dir);
    test_buf_take();
    test_write_text_file(dir);
    test_fields();
    test_small();
    rmdir(dir);
    TEST_END();
}
