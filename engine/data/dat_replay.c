/* dat_replay: writes and reads replays. Key names are the format (docs/save-format.md). */
#include "dat_replay.h"

#include "core_mem.h"
#include "dat_record.h"
#include "dat_scenario.h"
#include "sim_lever.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUTS 1000000

int dat_replay_add_input(DatReplay *r, int turn, int actor, const SimIntentList *l)
{
    DatReplayInput *in = core_grow(r->inputs, &r->cap_inputs, r->n_inputs + 1, sizeof *in, 16);
    if (!in)
        return -1;
    r->inputs = in;
    in += r->n_inputs++;
    in->turn = turn;
    in->actor = actor;
    in->intents = *l;
    return 0;
}

int dat_replay_add_lever(DatReplay *r, int turn, int lever, double value)
{
    DatReplayLever *l = core_grow(r->levers, &r->cap_levers, r->n_levers + 1, sizeof *l, 8);
    if (!l)
        return -1;
    r->levers = l;
    l += r->n_levers++;
    l->turn = turn;
    l->lever = lever;
    l->value = value;
    return 0;
}

char *dat_replay_text(const DatReplay *r, size_t *len, char *err, size_t errsz)
{
    DatBuf b;
    char h[17];
    dat_buf_init(&b);
    dat_buf_puts(&b, "{\"format\":\"" DAT_REPLAY_FORMAT "\",\"version\":");
    dat_buf_printf(&b, "%d", DAT_REPLAY_VERSION);
    dat_buf_puts(&b, ",\n\"program\":");
    dat_buf_string(&b, r->program);
    dat_buf_puts(&b, ",\n\"scenario\":{\"id\":");
    dat_buf_string(&b, r->scenario_id);
    dat_buf_puts(&b, ",\"path\":");
    dat_bytes_write(&b, r->scenario_path, strlen(r->scenario_path));
    dat_hex64(r->scenario_hash, h);
    dat_buf_printf(&b, ",\"hash\":\"%s\",\"text\":", h);
    dat_bytes_write(&b, r->scenario_text, r->scenario_len);
    dat_buf_printf(&b, "},\n\"seed\":\"%" PRIu64 "\",\n\"seats\":[", r->seed);
    for (int i = 0; i < r->n_seats; i++) {
        const DatReplaySeat *s = &r->seats[i];
        dat_buf_puts(&b, i ? ",\n{\"role\":" : "\n{\"role\":");
        dat_buf_string(&b, s->role);
        dat_buf_puts(&b, ",\"choice\":");
        dat_bytes_write(&b, s->choice, strlen(s->choice));
        if (s->script[0]) {
            dat_buf_puts(&b, ",\"script\":");
            dat_bytes_write(&b, s->script, strlen(s->script));
            dat_hex64(s->script_hash, h);
            dat_buf_printf(&b, ",\"script_hash\":\"%s\"", h);
        }
        dat_buf_puts(&b, "}");
    }
    dat_buf_puts(&b, "],\n\"inputs\":[");
    for (int k = 0; k < r->n_inputs; k++) {
        const DatReplayInput *in = &r->inputs[k];
        dat_buf_printf(&b, "%s{\"turn\":%d,\"actor\":%d,\"intents\":", k ? ",\n" : "\n", in->turn,
                       in->actor);
        dat_intents_write(&b, &in->intents);
        dat_buf_puts(&b, "}");
    }
    dat_buf_puts(&b, "],\n\"levers\":[");
    for (int k = 0; k < r->n_levers; k++) {
        const DatReplayLever *l = &r->levers[k];
        const SimLeverInfo *info = sim_lever_info((SimLever)l->lever);
        dat_buf_printf(&b, "%s{\"turn\":%d,\"lever\":", k ? ",\n" : "\n", l->turn);
        dat_buf_string(&b, info ? info->id : "?");
        dat_buf_puts(&b, ",\"value\":");
        dat_buf_double(&b, l->value, "levers.value");
        dat_buf_puts(&b, "}");
    }
    dat_hex64(r->final_hash, h);
    dat_buf_printf(&b, "],\n\"turns\":%d,\n\"end\":", r->turns);
    dat_buf_string(&b, r->end);
    dat_buf_printf(&b, ",\n\"final_hash\":\"%s\"}\n", h);
    return dat_buf_take(&b, len, err, errsz, "err.replay.write", "cannot write the replay: {1}");
}

int dat_replay_write(const DatReplay *r, const char *path, char *err, size_t errsz)
{
    size_t len;
    char why[256];
    char *text = dat_replay_text(r, &len, why, sizeof why);
    return dat_write_text_file(path, text, len, why, err, errsz);
}

static const char *const top_keys[] = {"format", "version", "program",    "scenario",
                                       "seed",   "seats",   "inputs",     "levers",
                                       "turns",  "end",     "final_hash", NULL};

static int read_seed(DatReader *r, const cJSON *obj, uint64_t *out)
{
    const cJSON *v = dat_get(obj, "seed");
    const char *s = v && cJSON_IsString(v) ? v->valuestring : NULL;
    uint64_t x = 0;
    int bad = !s || !*s || strlen(s) > 20 || (s[0] == '0' && s[1]);
    for (const char *p = s; !bad && *p; p++) {
        if (*p < '0' || *p > '9' || x > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
            bad = 1;
        else
            x = x * 10 + (uint64_t)(*p - '0');
    }
    if (bad)
        return dat_fail_tr(r, "seed", "err.replay.seed",
                           "expected a whole number 0..18446744073709551615 in a string", NULL);
    *out = x;
    return 0;
}

/* format and version first, so that another file or version is named as such. */
static int read_head(DatReader *r, const cJSON *root)
{
    char got[80];
    int version;
    if (!cJSON_IsObject(root)) {
        dat_describe(root, got, sizeof got);
        return dat_fail_tr(r, NULL, "err.replay.object", "expected a replay object, got {1}", got,
                           NULL);
    }
    const cJSON *f = dat_get(root, "format");
    if (!f || !cJSON_IsString(f) || strcmp(f->valuestring, DAT_REPLAY_FORMAT) != 0) {
        dat_describe(f, got, sizeof got);
        return dat_fail_tr(r, "format", "err.replay.format",
                           "expected \"{1}\" (this is not a replay), got {2}", DAT_REPLAY_FORMAT,
                           got, NULL);
    }
    if (dat_int(r, root, "version", DAT_REQUIRED, 0, 1 << 30, 0, &version) < 0)
        return -1;
    if (version != DAT_REPLAY_VERSION) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", version);
        snprintf(b, sizeof b, "%d", DAT_REPLAY_VERSION);
        return dat_fail_tr(r, "version", "err.replay.version",
                           "unknown version {1}: this program plays replays of version {2}", a, b,
                           NULL);
    }
    return 0;
}

static int read_scenario(DatReader *r, const cJSON *root, DatReplay *out)
{
    static const char *const sc_keys[] = {"id", "path", "hash", "text", NULL};
    const cJSON *sc = dat_get(root, "scenario");
    uint64_t hash;
    if (!sc)
        return dat_fail_tr(r, "scenario", "err.replay.no_scenario",
                           "missing: expected the scenario object", NULL);
    size_t m = dat_enter_key(r, "scenario");
    int rc = 0;
    if (dat_object(r, sc, "a scenario object", sc_keys) < 0 ||
        dat_string(r, sc, "id", DAT_REQUIRED, 1, NULL, out->scenario_id, sizeof out->scenario_id) <
            0 ||
        dat_text_read(r, sc, "path", DAT_REQUIRED, out->scenario_path, sizeof out->scenario_path) <
            0 ||
        dat_hex64_read(r, sc, "hash", &hash) < 0 ||
        dat_bytes_read(r, sc, "text", DAT_REQUIRED, &out->scenario_text, &out->scenario_len,
                       DAT_SCENARIO_MAX_BYTES) < 0)
        rc = -1;
    else if ((out->scenario_hash =
                  core_fnv1a(CORE_FNV_OFFSET, out->scenario_text, out->scenario_len)) != hash)
        rc = dat_fail_tr(r, "hash", "err.replay.hash",
                         "the scenario text does not match its hash (altered)", NULL);
    dat_leave(r, m);
    return rc;
}

static int read_seats(DatReader *r, const cJSON *root, DatReplay *out)
{
    static const char *const seat_keys[] = {"role", "choice", "script", "script_hash", NULL};
    const cJSON *arr;
    int n, rc = 0;
    if (dat_array(r, root, "seats", DAT_REQUIRED, 1, 64, &arr, &n) < 0)
        return -1;
    out->seats = calloc((size_t)n, sizeof *out->seats);
    if (!out->seats)
        return dat_fail_tr(r, "seats", "err.oom", "out of memory", NULL);
    out->n_seats = n;
    size_t m = dat_enter_key(r, "seats");
    int k = 0;
    for (const cJSON *c = arr->child; c && rc == 0; c = c->next, k++) {
        DatReplaySeat *s = &out->seats[k];
        size_t mk = dat_enter_index(r, k);
        if (dat_object(r, c, "a seat object", seat_keys) < 0 ||
            dat_string(r, c, "role", DAT_REQUIRED, 1, NULL, s->role, sizeof s->role) < 0 ||
            dat_text_read(r, c, "choice", DAT_REQUIRED, s->choice, sizeof s->choice) < 0 ||
            dat_text_read(r, c, "script", DAT_OPTIONAL, s->script, sizeof s->script) < 0)
            rc = -1;
        else if (s->script[0] && dat_hex64_read(r, c, "script_hash", &s->script_hash) < 0)
            rc = -1;
        else if (!s->script[0] && dat_get(c, "script_hash"))
            rc = dat_fail_tr(r, "script_hash", "err.replay.script_hash",
                             "a seat without a script has no script_hash", NULL);
        dat_leave(r, mk);
    }
    dat_leave(r, m);
    return rc;
}

static int read_input(DatReader *r, const cJSON *c, int k, DatReplay *out)
{
    static const char *const in_keys[] = {"turn", "actor", "intents", NULL};
    int turn, actor, rc;
    SimIntentList l;
    const cJSON *iv = dat_get(c, "intents");
    if (dat_object(r, c, "an input object", in_keys) < 0 ||
        dat_int(r, c, "turn", DAT_REQUIRED, k ? out->inputs[k - 1].turn : 0, out->turns, 0, &turn) <
            0 ||
        dat_int(r, c, "actor", DAT_REQUIRED, 0, out->n_seats - 1, 0, &actor) < 0)
        return -1;
    if (!iv)
        return dat_fail_tr(r, "intents", "err.replay.intents",
                           "missing: expected an array of intents", NULL);
    size_t mi = dat_enter_key(r, "intents");
    rc = dat_intents_read(r, iv, out->n_seats, &l);
    dat_leave(r, mi);
    if (rc == 0 && dat_replay_add_input(out, turn, actor, &l) < 0)
        rc = dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
    return rc;
}

static int read_lever(DatReader *r, const cJSON *c, int k, DatReplay *out)
{
    static const char *const lever_keys[] = {"turn", "lever", "value", NULL};
    const char *ids[SIM_LEVER_COUNT];
    for (int x = 0; x < SIM_LEVER_COUNT; x++)
        ids[x] = sim_lever_info((SimLever)x)->id;
    int turn, lever;
    double value;
    if (dat_object(r, c, "a lever object", lever_keys) < 0 ||
        dat_int(r, c, "turn", DAT_REQUIRED, k ? out->levers[k - 1].turn : 0, out->turns, 0, &turn) <
            0 ||
        dat_enum(r, c, "lever", DAT_REQUIRED, ids, SIM_LEVER_COUNT, 0, &lever) < 0 ||
        dat_number(r, c, "value", DAT_REQUIRED, dat_between(-1e6, 1e6), 0, &value) < 0)
        return -1;
    if (dat_replay_add_lever(out, turn, lever, value) < 0)
        return dat_fail_tr(r, NULL, "err.oom", "out of memory", NULL);
    return 0;
}

/* Runs fn over each item of arr (NULL: none), which stands under key; stops at the first failure.
 */
static int each(DatReader *r, const cJSON *arr, const char *key, DatReplay *out,
                int (*fn)(DatReader *r, const cJSON *c, int k, DatReplay *out))
{
    size_t m = dat_enter_key(r, key);
    int k = 0, rc = 0;
    for (const cJSON *c = arr ? arr->child : NULL; c && rc == 0; c = c->next, k++) {
        size_t mk = dat_enter_index(r, k);
        rc = fn(r, c, k, out);
        dat_leave(r, mk);
    }
    dat_leave(r, m);
    return rc;
}

static int read_root(DatReader *r, const cJSON *root, void *ctx)
{
    DatReplay *out = ctx;
    const cJSON *inputs, *levers;
    int n;
    if (read_head(r, root) < 0 || dat_object(r, root, "a replay object", top_keys) < 0 ||
        dat_text_read(r, root, "program", DAT_REQUIRED, out->program, sizeof out->program) < 0 ||
        read_seed(r, root, &out->seed) < 0 || read_scenario(r, root, out) < 0 ||
        read_seats(r, root, out) < 0 ||
        dat_int(r, root, "turns", DAT_REQUIRED, 0, 1 << 20, 0, &out->turns) < 0 ||
        dat_string(r, root, "end", DAT_REQUIRED, 1, "a-z_", out->end, sizeof out->end) < 0 ||
        dat_hex64_read(r, root, "final_hash", &out->final_hash) < 0 ||
        dat_array(r, root, "inputs", DAT_REQUIRED, 0, MAX_INPUTS, &inputs, &n) < 0 ||
        each(r, inputs, "inputs", out, read_input) < 0)
        return -1;
    /* Levers: optional (none were moved). */
    if (dat_array(r, root, "levers", DAT_OPTIONAL, 0, MAX_INPUTS, &levers, &n) < 0)
        return -1;
    return each(r, levers, "levers", out, read_lever);
}

static void undo(void *r)
{
    dat_replay_free(r);
}

static const DatInto REPLAY = {read_root, undo, DAT_SAVE_MAX_BYTES};

int dat_replay_parse(const char *text, size_t len, const char *name, DatReplay *out, char *err,
                     size_t errsz)
{
    return dat_json_read_into(&REPLAY, text, len, name, out, sizeof *out, err, errsz);
}

int dat_replay_load(const char *path, DatReplay *out, char *err, size_t errsz)
{
    return dat_json_read_into(&REPLAY, NULL, 0, path, out, sizeof *out, err, errsz);
}

void dat_replay_free(DatReplay *r)
{
    if (!r)
        return;
    free(r->scenario_text);
    free(r->seats);
    free(r->inputs);
    free(r->levers);
    memset(r, 0, sizeof *r);
}
