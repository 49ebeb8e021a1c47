/* net_proto: the classroom's messages, parsed and checked; the answers written. */
#include "net_proto.h"

#include "dat_json.h"
#include "sim_lever.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- the table of types */

static const NetMsgInfo infos[NET_MSG_COUNT] = {
    [NET_MSG_HELLO] = {"hello", NET_WHO_ANYONE},
    [NET_MSG_TAKE_SEAT] = {"take_seat", NET_WHO_ANYONE},
    [NET_MSG_RESUME] = {"resume", NET_WHO_ANYONE},
    [NET_MSG_STATE] = {"state", NET_WHO_SEAT},
    [NET_MSG_PROPOSE] = {"propose", NET_WHO_SEAT},
    [NET_MSG_ANSWER] = {"answer", NET_WHO_SEAT},
    [NET_MSG_READY] = {"ready", NET_WHO_SEAT},
    [NET_MSG_PAUSE] = {"pause", NET_WHO_TEACHER},
    [NET_MSG_EXTEND] = {"extend", NET_WHO_TEACHER},
    [NET_MSG_LEVER] = {"lever", NET_WHO_TEACHER},
    [NET_MSG_FREE_SEAT] = {"free_seat", NET_WHO_TEACHER},
    [NET_MSG_ASSIGN_SEAT] = {"assign_seat", NET_WHO_TEACHER},
    [NET_MSG_FORECAST] = {"forecast", NET_WHO_SEAT},
    [NET_MSG_ROOM] = {"room", NET_WHO_TEACHER},
    [NET_MSG_CARD_PUSH] = {"card_push", NET_WHO_TEACHER},
    [NET_MSG_CARD_REVEAL] = {"card_reveal", NET_WHO_TEACHER},
    [NET_MSG_CARD_CLOSE] = {"card_close", NET_WHO_TEACHER},
    [NET_MSG_CARD_ANSWER] = {"card_answer", NET_WHO_SEAT},
};

static const char *const err_names[NET_ERR_COUNT] = {
    "none",       "bad_json", "bad_message", "version", "bad_room",     "bad_token", "forbidden",
    "seat_taken", "no_seat",  "refused",     "full",    "rate_limited", "not_now",   "no_card",
};

const NetMsgInfo *net_msg_info(NetMsgType t)
{
    return (unsigned)t < NET_MSG_COUNT ? &infos[t] : NULL;
}

const char *net_err_name(NetErr e)
{
    return (unsigned)e < NET_ERR_COUNT ? err_names[e] : "?";
}

/* ---------------------------------------------------------------- fields */

/* The fields a message may carry, each with its reader; a type lists the fields it allows and
 * which of them it requires. */
typedef enum {
    F_ROOM,
    F_TOKEN,
    F_ACTOR,
    F_COUNTERPARTY,
    F_KIND,
    F_SIDE,
    F_TERMS,
    F_REASON,
    F_OFFER,
    F_REPLY,
    F_READY,
    F_PAUSED,
    F_SECONDS,
    F_LEVER,
    F_VALUE,
    F_CARD,
    F_CHOICES,
    F_CHOICE,
    F_TEXT,
    F_COUNT
} Field;

#define BIT(f) (1u << (f))

typedef struct {
    unsigned allowed, required;
} TypeFields;

static const TypeFields type_fields[NET_MSG_COUNT] = {
    [NET_MSG_HELLO] = {BIT(F_ROOM), BIT(F_ROOM)},
    [NET_MSG_TAKE_SEAT] = {BIT(F_ROOM) | BIT(F_ACTOR), BIT(F_ROOM) | BIT(F_ACTOR)},
    [NET_MSG_RESUME] = {BIT(F_TOKEN), BIT(F_TOKEN)},
    [NET_MSG_STATE] = {BIT(F_TOKEN) | BIT(F_ACTOR), BIT(F_TOKEN)},
    [NET_MSG_PROPOSE] = {BIT(F_TOKEN) | BIT(F_ACTOR) | BIT(F_KIND) | BIT(F_COUNTERPARTY) |
                             BIT(F_SIDE) | BIT(F_TERMS) | BIT(F_REASON),
                         BIT(F_TOKEN) | BIT(F_KIND) | BIT(F_COUNTERPARTY) | BIT(F_SIDE) |
                             BIT(F_TERMS)},
    [NET_MSG_ANSWER] = {BIT(F_TOKEN) | BIT(F_ACTOR) | BIT(F_OFFER) | BIT(F_REPLY) | BIT(F_TERMS) |
                            BIT(F_REASON),
                        BIT(F_TOKEN) | BIT(F_OFFER) | BIT(F_REPLY)},
    [NET_MSG_READY] = {BIT(F_TOKEN) | BIT(F_ACTOR) | BIT(F_READY), BIT(F_TOKEN)},
    [NET_MSG_PAUSE] = {BIT(F_TOKEN) | BIT(F_PAUSED), BIT(F_TOKEN) | BIT(F_PAUSED)},
    [NET_MSG_EXTEND] = {BIT(F_TOKEN) | BIT(F_SECONDS), BIT(F_TOKEN) | BIT(F_SECONDS)},
    [NET_MSG_LEVER] = {BIT(F_TOKEN) | BIT(F_LEVER) | BIT(F_VALUE),
                       BIT(F_TOKEN) | BIT(F_LEVER) | BIT(F_VALUE)},
    [NET_MSG_FREE_SEAT] = {BIT(F_TOKEN) | BIT(F_ACTOR), BIT(F_TOKEN) | BIT(F_ACTOR)},
    [NET_MSG_ASSIGN_SEAT] = {BIT(F_TOKEN) | BIT(F_ACTOR), BIT(F_TOKEN) | BIT(F_ACTOR)},
    /* A draft of a proposal (or a counter: the offer's kind and parties) to weigh, not to send. */
    [NET_MSG_FORECAST] = {BIT(F_TOKEN) | BIT(F_ACTOR) | BIT(F_KIND) | BIT(F_COUNTERPARTY) |
                              BIT(F_SIDE) | BIT(F_TERMS) | BIT(F_REASON),
                          BIT(F_TOKEN) | BIT(F_KIND) | BIT(F_COUNTERPARTY) | BIT(F_SIDE) |
                              BIT(F_TERMS)},
    [NET_MSG_ROOM] = {BIT(F_TOKEN), BIT(F_TOKEN)},
    [NET_MSG_CARD_PUSH] = {BIT(F_TOKEN) | BIT(F_CARD) | BIT(F_CHOICES), BIT(F_TOKEN) | BIT(F_CARD)},
    [NET_MSG_CARD_REVEAL] = {BIT(F_TOKEN), BIT(F_TOKEN)},
    [NET_MSG_CARD_CLOSE] = {BIT(F_TOKEN), BIT(F_TOKEN)},
    [NET_MSG_CARD_ANSWER] = {BIT(F_TOKEN) | BIT(F_ACTOR) | BIT(F_CARD) | BIT(F_CHOICE) |
                                 BIT(F_TEXT),
                             BIT(F_TOKEN) | BIT(F_CARD)},
};

static const char *const field_names[F_COUNT] = {
    "room",   "token", "actor",   "counterparty", "kind",   "side",    "terms",
    "reason", "offer", "reply",   "ready",        "paused", "seconds", "lever",
    "value",  "card",  "choices", "choice",       "text",
};

#define ID_CHARS "a-zA-Z0-9_.-"

static const char *const sides[] = {"payer", "payee"};
static const char *const replies[NET_REPLY_COUNT] = {"accept", "reject", "counter"};

static int read_terms(DatReader *r, const cJSON *obj, DatNeed need, NetMsg *m)
{
    static const char *const keys[] = {"amount", "months", "delay",  "upfront", "gw",
                                       "rate",   "rate2",  "shares", NULL};
    const cJSON *t = dat_get(obj, "terms");
    if (!t)
        return need == DAT_REQUIRED ? dat_fail_missing(r, "terms", "a terms object") : 0;
    size_t mark = dat_enter_key(r, "terms");
    NetTerms *x = &m->terms;
    int rc =
        dat_object(r, t, "a terms object", keys) < 0 ||
                dat_number(r, t, "amount", DAT_REQUIRED, dat_amount(), 0, &x->amount) < 0 ||
                dat_int(r, t, "months", DAT_REQUIRED, 1, 600, 1, &x->months) < 0 ||
                dat_int(r, t, "delay", DAT_OPTIONAL, 0, 240, 0, &x->delay) < 0 ||
                dat_number(r, t, "upfront", DAT_OPTIONAL, dat_between(0, 1), 0, &x->upfront) < 0 ||
                dat_number(r, t, "gw", DAT_OPTIONAL, dat_between(0, 1e4), 0, &x->gw) < 0 ||
                dat_number(r, t, "rate", DAT_OPTIONAL, dat_between(0, 1), 0, &x->rate) < 0 ||
                dat_number(r, t, "rate2", DAT_OPTIONAL, dat_between(0, 1), 0, &x->rate2) < 0 ||
                dat_number(r, t, "shares", DAT_OPTIONAL, dat_between(0, 1000), 0, &x->shares) < 0
            ? -1
            : 0;
    dat_leave(r, mark);
    m->has_terms = rc == 0;
    return rc;
}

static int read_kind(DatReader *r, const cJSON *obj, DatNeed need, NetMsg *m)
{
    const char *names[SIM_DEAL_KIND_COUNT];
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++)
        names[k] = sim_deal_kind_name((SimDealKind)k);
    return dat_enum(r, obj, "kind", need, names, SIM_DEAL_KIND_COUNT, 0, &m->kind);
}

static int read_lever(DatReader *r, const cJSON *obj, DatNeed need, NetMsg *m)
{
    const char *names[SIM_LEVER_COUNT];
    for (int k = 0; k < SIM_LEVER_COUNT; k++)
        names[k] = sim_lever_info((SimLever)k)->id;
    return dat_enum(r, obj, "lever", need, names, SIM_LEVER_COUNT, 0, &m->lever);
}

/* The teacher's choices of a card: 2..NET_CARD_CHOICES labels of 1..NET_CHOICE_MAX bytes. */
static int read_choices(DatReader *r, const cJSON *obj, DatNeed need, NetMsg *m)
{
    const cJSON *arr = NULL;
    int n = 0;
    if (dat_array(r, obj, "choices", need, 2, NET_CARD_CHOICES, &arr, &n) < 0)
        return -1;
    size_t in_list = dat_enter_key(r, "choices");
    int k = 0;
    for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next, k++) {
        size_t mark = dat_enter_index(r, k);
        if (!cJSON_IsString(it) || !it->valuestring[0] ||
            strlen(it->valuestring) > NET_CHOICE_MAX) {
            char got[64];
            dat_describe(it, got, sizeof got);
            return dat_fail(r, NULL, "expected a choice of 1 to %d bytes, got %s", NET_CHOICE_MAX,
                            got);
        }
        snprintf(m->choices[k], sizeof m->choices[k], "%s", it->valuestring);
        dat_leave(r, mark);
    }
    dat_leave(r, in_list);
    m->n_choices = n;
    return 0;
}

/* Reads field f of obj into m. */
static int read_field(DatReader *r, const cJSON *obj, Field f, DatNeed need, NetMsg *m)
{
    int v = 0;
    switch (f) {
    case F_ROOM:
        return dat_string(r, obj, "room", need, NET_ROOM_LEN, "A-Z0-9", m->room, sizeof m->room);
    case F_TOKEN:
        return dat_string(r, obj, "token", need, NET_TOKEN_LEN, "0-9a-f", m->token,
                          sizeof m->token);
    case F_ACTOR:
        return dat_string(r, obj, "actor", need, 1, ID_CHARS, m->actor, sizeof m->actor);
    case F_COUNTERPARTY:
        return dat_string(r, obj, "counterparty", need, 1, ID_CHARS, m->counterparty,
                          sizeof m->counterparty);
    case F_KIND:
        return read_kind(r, obj, need, m);
    case F_SIDE:
        if (dat_enum(r, obj, "side", need, sides, 2, 0, &v) < 0)
            return -1;
        m->is_payer = v == 0;
        return 0;
    case F_TERMS:
        return read_terms(r, obj, need, m);
    case F_REASON:
        return dat_string(r, obj, "reason", need, 0, NULL, m->reason, sizeof m->reason);
    case F_OFFER:
        return dat_int(r, obj, "offer", need, 0, 1 << 30, 0, &m->offer);
    case F_REPLY:
        if (dat_enum(r, obj, "reply", need, replies, NET_REPLY_COUNT, 0, &v) < 0)
            return -1;
        m->reply = (NetReply)v;
        return 0;
    case F_READY:
        return dat_bool(r, obj, "ready", need, 1, &m->flag);
    case F_PAUSED:
        return dat_bool(r, obj, "paused", need, 1, &m->flag);
    case F_SECONDS:
        return dat_int(r, obj, "seconds", need, 1, 3600, 0, &m->seconds);
    case F_LEVER:
        return read_lever(r, obj, need, m);
    case F_VALUE:
        return dat_number(r, obj, "value", need, dat_any(), 0, &m->value);
    case F_CARD:
        return dat_string(r, obj, "card", need, 1, ID_CHARS, m->card, sizeof m->card);
    case F_CHOICES:
        return read_choices(r, obj, need, m);
    case F_CHOICE:
        return dat_int(r, obj, "choice", need, 0, NET_CARD_CHOICES - 1, -1, &m->choice);
    case F_TEXT:
        return dat_string(r, obj, "text", need, 0, NULL, m->text, sizeof m->text);
    case F_COUNT:
        break;
    }
    return -1;
}

/* ---------------------------------------------------------------- the message */

typedef struct {
    NetMsg *m;
    NetErr code;
} Parse;

static int read_message(DatReader *r, const cJSON *root, void *ctx)
{
    Parse *p = ctx;
    NetMsg *m = p->m;
    p->code = NET_ERR_BAD_MESSAGE;
    if (!cJSON_IsObject(root))
        return dat_object(r, root, "a message object", NULL);
    int64_t seq = -1;
    if (dat_int64(r, root, "seq", DAT_OPTIONAL, 0, (int64_t)1 << 53, -1, &seq) < 0)
        return -1;
    m->seq = seq;
    const char *names[NET_MSG_COUNT];
    for (int t = 0; t < NET_MSG_COUNT; t++)
        names[t] = infos[t].name;
    int type = 0;
    if (dat_enum(r, root, "type", DAT_REQUIRED, names, NET_MSG_COUNT, 0, &type) < 0)
        return -1;
    m->type = (NetMsgType)type;
    const cJSON *v = dat_get(root, "v");
    int version = 0;
    if (cJSON_IsNumber(v) && v->valuedouble != NET_PROTO_VERSION)
        p->code = NET_ERR_VERSION;
    if (dat_int(r, root, "v", DAT_REQUIRED, NET_PROTO_VERSION, NET_PROTO_VERSION, 0, &version) < 0)
        return -1;
    p->code = NET_ERR_BAD_MESSAGE;
    const TypeFields *tf = &type_fields[type];
    const char *keys[F_COUNT + 4];
    int n = 0;
    keys[n++] = "v";
    keys[n++] = "type";
    keys[n++] = "seq";
    for (int f = 0; f < F_COUNT; f++)
        if (tf->allowed & BIT(f))
            keys[n++] = field_names[f];
    keys[n] = NULL;
    if (dat_object(r, root, "a message object", keys) < 0)
        return -1;
    for (int f = 0; f < F_COUNT; f++) {
        if (!(tf->allowed & BIT(f)))
            continue;
        DatNeed need = (tf->required & BIT(f)) ? DAT_REQUIRED : DAT_OPTIONAL;
        if (read_field(r, root, (Field)f, need, m) < 0)
            return -1;
    }
    if (m->type == NET_MSG_ANSWER && (m->reply == NET_REPLY_COUNTER) != m->has_terms)
        return dat_fail(r, "terms", "expected terms with a counter, and only with a counter");
    if (m->type == NET_MSG_CARD_ANSWER && m->choice < 0 && !m->text[0])
        return dat_fail(r, "choice", "expected a choice or a text (or both)");
    p->code = NET_ERR_NONE;
    return 0;
}

NetErr net_proto_parse(const char *text, size_t len, NetMsg *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    out->type = NET_MSG_COUNT;
    out->seq = -1;
    out->offer = -1;
    out->choice = -1;
    if (len > NET_MSG_MAX) {
        core_errf(err, errsz, "message: %zu bytes, expected at most %d", len, NET_MSG_MAX);
        return NET_ERR_BAD_MESSAGE;
    }
    cJSON *root = dat_json_parse(text, len, "message", err, errsz);
    if (!root)
        return NET_ERR_BAD_JSON;
    DatReader r;
    dat_reader_init(&r, "message", err, errsz);
    Parse p = {out, NET_ERR_BAD_MESSAGE};
    int rc = read_message(&r, root, &p);
    cJSON_Delete(root);
    return rc == 0 ? NET_ERR_NONE : p.code;
}

/* ---------------------------------------------------------------- answers */

void net_proto_open(DatBuf *b, const char *type, NetMsgType re, int64_t seq)
{
    dat_buf_puts(b, "{\"v\":1,\"type\":");
    dat_buf_string(b, type);
    dat_buf_puts(b, ",\"re\":");
    dat_buf_string(b, (unsigned)re < NET_MSG_COUNT ? infos[re].name : "?");
    if (seq >= 0)
        dat_buf_printf(b, ",\"seq\":%lld", (long long)seq);
}

void net_proto_error(DatBuf *b, NetMsgType re, int64_t seq, NetErr code, const char *message,
                     const char *why)
{
    net_proto_open(b, "error", re, seq);
    dat_buf_puts(b, ",\"code\":");
    dat_buf_string(b, net_err_name(code));
    dat_buf_puts(b, ",\"message\":");
    dat_buf_string(b, message ? message : "");
    if (why) {
        dat_buf_puts(b, ",\"why\":");
        dat_buf_string(b, why);
    }
    dat_buf_puts(b, "}");
}

void net_proto_ok(DatBuf *b, NetMsgType re, int64_t seq)
{
    net_proto_open(b, "ok", re, seq);
    dat_buf_puts(b, "}");
}

void net_proto_seat(DatBuf *b, NetMsgType re, int64_t seq, const char *actor, const char *name,
                    const char *token)
{
    net_proto_open(b, "seat", re, seq);
    dat_buf_puts(b, ",\"actor\":");
    dat_buf_string(b, actor);
    dat_buf_puts(b, ",\"name\":");
    dat_buf_string(b, name);
    dat_buf_puts(b, ",\"token\":");
    dat_buf_string(b, token);
    dat_buf_puts(b, "}");
}
