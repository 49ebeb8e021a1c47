/* fuzz_json: the strict JSON reader (dat_json_parse) on any bytes.
 *
 * It must refuse or accept without a memory error, an accepted text must give a tree, and a
 * refused one a one-line "FILE:LINE:COL: not valid JSON: ..." message. Accepted trees are walked
 * with the typed getters the loaders use. The first 8 bytes, read as a double, also check that
 * dat_fmt_double writes text that reads back to the same bits. */
#include "dat_json.h"
#include "fuzz_util.h"

#include <math.h>

/* Walks a tree with the getters, as a loader would, and checks the reader's path stays sane. */
static void walk(DatReader *r, const cJSON *node, int depth)
{
    char buf[64];
    dat_describe(node, buf, sizeof buf);
    if (depth > DAT_JSON_MAX_DEPTH + 1)
        fuzz_fail("walk", "a tree deeper than DAT_JSON_MAX_DEPTH was accepted");
    if (cJSON_IsObject(node)) {
        dat_object(r, node, "an object", NULL);
        for (const cJSON *c = node->child; c; c = c->next) {
            if (!c->string)
                fuzz_fail("walk", "an object member without a key");
            double d;
            int64_t i;
            int m;
            char s[32];
            dat_number(r, node, c->string, DAT_OPTIONAL, dat_any(), 0, &d);
            dat_int64(r, node, c->string, DAT_OPTIONAL, INT64_MIN / 2, INT64_MAX / 2, 0, &i);
            dat_string(r, node, c->string, DAT_OPTIONAL, 0, "a-z0-9_", s, sizeof s);
            dat_month(r, node, c->string, DAT_OPTIONAL, 0, &m);
            size_t mark = dat_enter_key(r, c->string);
            walk(r, c, depth + 1);
            dat_leave(r, mark);
        }
    } else if (cJSON_IsArray(node)) {
        int k = 0;
        for (const cJSON *c = node->child; c; c = c->next, k++) {
            size_t mark = dat_enter_index(r, k);
            walk(r, c, depth + 1);
            dat_leave(r, mark);
        }
    }
    if (fuzz_strnlen(r->path, sizeof r->path) >= sizeof r->path)
        fuzz_fail("walk", "reader path not NUL-terminated");
}

static void check_double(const uint8_t *data)
{
    double v;
    memcpy(&v, data, sizeof v);
    char buf[32];
    int rc = dat_fmt_double(buf, sizeof buf, v);
    if (!isfinite(v)) {
        if (rc != -1)
            fuzz_fail("dat_fmt_double", "a non-finite number was written");
        return;
    }
    if (rc != 0)
        fuzz_fail("dat_fmt_double", "a finite number was refused");
    char *end;
    double back = strtod(buf, &end);
    if (*end != '\0' || memcmp(&back, &v, sizeof v) != 0)
        fuzz_fail("dat_fmt_double: does not read back", buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 8)
        check_double(data);
    char err[512];
    err[0] = '\0';
    cJSON *root = dat_json_parse((const char *)data, size, "fuzz.json", err, sizeof err);
    if (!root) {
        fuzz_check_message(err, sizeof err, "dat_json_parse");
        return 0;
    }
    DatReader r;
    char rerr[512];
    dat_reader_init(&r, "fuzz.json", rerr, sizeof rerr);
    walk(&r, root, 0);
    cJSON_Delete(root);
    return 0;
}
