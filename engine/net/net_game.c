/* net_game: a room playing a world: messages checked, then acted on. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "net_game.h"
#include "net_teach.h"

#include "core_month.h"
#include "net_desk.h"
#include "net_forecast.h"
#include "sim_lever.h"
#include "sim_strategy.h"
#include "sim_turn.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int open;
    NetBucket bucket;
    int drops;        /* dropped in this episode of flooding */
    double last_drop; /* when the last one was dropped */
    int seat;         /* the seat this connection last acted for, -1 */
    int teacher;
} NetConn;

struct NetGame {
    SimWorld *w;
    FILE *log;
    NetRoom room;
    NetConn conns[NET_GAME_CONNS];
    int ready[NET_ROOM_SEATS];
    int queued[NET_ROOM_SEATS]; /* intents queued this month */
    /* The seq of each intent queued this month (-1: sent without one), so that a page can tell
     * which of its acknowledged intents the host holds (after a restart: none of this month's
     * since the last autosave). */
    int64_t queued_seq[NET_ROOM_SEATS][SIM_MAX_INTENTS];
    unsigned long changes;  /* net_game_changes */
    unsigned long activity; /* net_game_activity: messages, connections, teacher's actions */
    int paused;
    double deadline;   /* when the month's timer runs out, or -1 */
    double pause_left; /* seconds left on the timer when it was paused */
    long refusals;
    NetAskFn ask; /* asks a script's seat on a copy of the game (net_game_set_ask), or NULL */
    void *ask_ctx;
    double month_seconds;        /* the timer of net_game_new_month (<= 0: none) */
    char *lang[CORE_LANG_COUNT]; /* GET /lang/CODE.json (net_game_set_lang), or NULL */
    size_t lang_len[CORE_LANG_COUNT];
    NetTeach teach; /* the teacher's screens and the story cards (net_teach.c) */
    int last_kind;  /* the kind of the last message handled (NET_KIND_*, a NetMsgType) */
};

_Static_assert(NET_KIND_SCREENS < NET_LAT_KINDS, "the server times too few kinds");

/* The context of one message's handling. */
typedef struct {
    NetGame *g;
    int conn;
    const NetMsg *m;
    int seat; /* the token's seat, or -1 */
    double now;
    DatBuf *out;
} Ctx;

void net_game_log(NetGame *g, const char *fmt, ...)
{
    if (!g->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("net: ", g->log);
    vfprintf(g->log, fmt, ap);
    fputc('\n', g->log);
    fflush(g->log);
    va_end(ap);
}

/* Refuses the message: the answer, a log line, the count. Returns -1. */
static int refuse(Ctx *c, NetErr code, const char *message, const char *why)
{
    c->g->refusals++;
    NetMsgType re = c->m ? c->m->type : NET_MSG_COUNT;
    net_game_log(c->g, "conn %d: %s refused (%s): %s", c->conn,
                 re < NET_MSG_COUNT ? net_msg_info(re)->name : "message", net_err_name(code),
                 message);
    net_proto_error(c->out, re, c->m ? c->m->seq : -1, code, message, why);
    dat_buf_puts(c->out, "\n");
    return -1;
}

static void ok(Ctx *c)
{
    net_proto_ok(c->out, c->m->type, c->m->seq);
    dat_buf_puts(c->out, "\n");
}

static const char *actor_id(const NetGame *g, int i)
{
    return g->w->sc->actors[i].id;
}

/* ---------------------------------------------------------------- the desk (state) */

static void write_offers(const NetGame *g, int me, DatBuf *b)
{
    const SimWorld *w = g->w;
    dat_buf_puts(b, ",\"offers\":[");
    int first = 1;
    for (int k = 0; k < w->n_open; k++) {
        const SimDeal *d = &w->deals[w->open[k]];
        if (d->status != SIM_DS_PROPOSED || sim_deal_counterparty(d, d->proposer) != me)
            continue;
        dat_buf_printf(b, "%s{\"offer\":%d,\"from\":", first ? "" : ",", d->id);
        dat_buf_string(b, actor_id(g, d->proposer));
        dat_buf_puts(b, ",\"kind\":");
        dat_buf_string(b, sim_deal_kind_name(d->t.kind));
        dat_buf_puts(b, ",\"payer\":");
        dat_buf_string(b, d->t.payer >= 0 ? actor_id(g, d->t.payer) : "world");
        dat_buf_puts(b, ",\"payee\":");
        dat_buf_string(b, d->t.payee >= 0 ? actor_id(g, d->t.payee) : "world");
        net_desk_num(b, "amount", d->t.amount);
        dat_buf_printf(b, ",\"months\":%d", d->t.months);
        net_desk_offer_terms(w, d, b);
        dat_buf_puts(b, "}");
        first = 0;
    }
    dat_buf_puts(b, "]");
}

static void write_news(const NetGame *g, DatBuf *b)
{
    const SimWorld *w = g->w;
    dat_buf_puts(b, ",\"news\":[");
    int shown = 0;
    for (int k = w->n_events - 1; k >= 0 && shown < 5; k--) {
        const SimEvent *e = &w->events[k];
        if (e->kind != SIM_LOG_NEWS)
            continue;
        char month[16];
        core_month_format(w->sc->start + e->turn, month, sizeof month);
        dat_buf_printf(b, "%s{\"month\":", shown ? "," : "");
        dat_buf_string(b, month);
        dat_buf_puts(b, ",\"text\":");
        dat_buf_string(b, e->text);
        dat_buf_puts(b, "}");
        shown++;
    }
    dat_buf_puts(b, "]");
}

static double countdown(const NetGame *g, double now)
{
    if (g->paused)
        return g->pause_left;
    return g->deadline < 0 ? -1 : fmax(0, g->deadline - now);
}

/* The desk of a seat as a state answer (re, seq: the message answered; NET_MSG_COUNT, -1: none). */
static void put_state(const NetGame *g, int seat, NetMsgType re, int64_t seq, double now, DatBuf *b)
{
    const SimWorld *w = g->w;
    int me = g->room.seats[seat].actor;
    net_proto_open(b, "state", re, seq);
    dat_buf_puts(b, ",\"actor\":");
    dat_buf_string(b, actor_id(g, me));
    char month[16];
    core_month_format(w->sc->start + w->turn, month, sizeof month);
    dat_buf_puts(b, ",\"month\":");
    dat_buf_string(b, month);
    net_desk_num(b, "cash", sim_cash(w, me));
    net_desk_num(b, "budget", w->sc->actors[me].capex_budget);
    net_desk_num(b, "exposure", sim_exposure_total(w, me));
    net_desk_num(b, "value", sim_market_value(w, me));
    net_desk_num(b, "price", w->actors[me].price);
    double reaction = 0;
    if (w->turn > 0)
        reaction = log(sim_snap(w, w->turn, me)->price / sim_snap(w, w->turn - 1, me)->price);
    net_desk_num(b, "reaction", reaction);
    write_offers(g, me, b);
    dat_buf_printf(b, ",\"queued\":%d,\"queued_seq\":[", g->queued[seat]);
    for (int k = 0; k < g->queued[seat] && k < SIM_MAX_INTENTS; k++)
        dat_buf_printf(b, "%s%lld", k ? "," : "", (long long)g->queued_seq[seat][k]);
    dat_buf_printf(b, "],\"ready\":%s,\"paused\":%s", g->ready[seat] ? "true" : "false",
                   g->paused ? "true" : "false");
    net_desk_num(b, "countdown", countdown(g, now));
    write_news(g, b);
    net_desk_queue(g->w, me, b);
    net_desk_events(g->w, me, b);
    dat_buf_puts(b, "}\n");
}

static void write_state(Ctx *c, int seat)
{
    put_state(c->g, seat, c->m->type, c->m->seq, c->now, c->out);
}

/* ---------------------------------------------------------------- anyone */

static int seat_by_id(const NetGame *g, const char *id)
{
    int a = sim_scenario_find_actor(g->w->sc, id);
    return a < 0 ? -1 : net_room_seat_of(&g->room, a);
}

static int on_hello(Ctx *c)
{
    const NetGame *g = c->g;
    if (!net_room_code_ok(&g->room, c->m->room))
        return refuse(c, NET_ERR_BAD_ROOM, "room: not this room's code", NULL);
    DatBuf *b = c->out;
    net_proto_open(b, "seats", c->m->type, c->m->seq);
    char month[16];
    core_month_format(g->w->sc->start + g->w->turn, month, sizeof month);
    dat_buf_puts(b, ",\"room_ok\":true,\"month\":");
    dat_buf_string(b, month);
    dat_buf_puts(b, ",\"seats\":[");
    for (int k = 0; k < g->room.n_seats; k++) {
        int a = g->room.seats[k].actor;
        dat_buf_printf(b, "%s{\"actor\":", k ? "," : "");
        dat_buf_string(b, actor_id(g, a));
        dat_buf_puts(b, ",\"name\":");
        dat_buf_string(b, g->w->sc->actors[a].name);
        dat_buf_printf(b, ",\"free\":%s}", g->room.seats[k].token[0] ? "false" : "true");
    }
    dat_buf_puts(b, "],\"kinds\":[");
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        dat_buf_puts(b, k ? "," : "");
        dat_buf_string(b, sim_deal_kind_name((SimDealKind)k));
    }
    dat_buf_puts(b, "]");
    net_desk_game(g->w, b);
    dat_buf_puts(b, "}\n");
    return 0;
}

static void answer_seat(Ctx *c, int seat)
{
    int a = c->g->room.seats[seat].actor;
    net_proto_seat(c->out, c->m->type, c->m->seq, actor_id(c->g, a), c->g->w->sc->actors[a].name,
                   c->g->room.seats[seat].token);
    dat_buf_puts(c->out, "\n");
}

static int on_take_seat(Ctx *c)
{
    NetGame *g = c->g;
    if (!net_room_code_ok(&g->room, c->m->room))
        return refuse(c, NET_ERR_BAD_ROOM, "room: not this room's code", NULL);
    int s = seat_by_id(g, c->m->actor);
    if (s < 0)
        return refuse(c, NET_ERR_NO_SEAT, "actor: expected the id of a seat of this room", NULL);
    char token[NET_TOKEN_LEN + 1], err[256];
    int rc = net_room_take(&g->room, s, token, err, sizeof err);
    if (rc == -1)
        return refuse(c, NET_ERR_SEAT_TAKEN, "actor: that seat is taken", NULL);
    if (rc < 0)
        return refuse(c, NET_ERR_NOT_NOW, err, NULL);
    g->conns[c->conn].seat = s;
    g->changes++;
    net_game_log(g, "conn %d: took the seat of %s", c->conn, c->m->actor);
    /* The first team in: the month's timer starts now, not when the host did. */
    int taken = 0;
    for (int k = 0; k < g->room.n_seats; k++)
        taken += g->room.seats[k].token[0] != '\0';
    if (taken == 1 && g->month_seconds > 0 && !g->paused)
        g->deadline = c->now + g->month_seconds;
    answer_seat(c, s);
    write_state(c, s);
    if (g->teach.phase != NET_CARD_NONE)
        net_teach_card(g, s, NET_MSG_COUNT, -1, c->out);
    return 0;
}

static void write_teacher_screens(Ctx *c);

static int on_resume(Ctx *c)
{
    NetGame *g = c->g;
    if (c->seat == NET_ROOM_TEACHER) {
        g->conns[c->conn].teacher = 1;
        net_proto_open(c->out, "teacher", c->m->type, c->m->seq);
        dat_buf_puts(c->out, ",\"room\":");
        dat_buf_string(c->out, g->room.code);
        dat_buf_puts(c->out, "}\n");
        net_game_log(g, "conn %d: the teacher", c->conn);
        write_teacher_screens(c);
        return 0;
    }
    g->conns[c->conn].seat = c->seat;
    net_game_log(g, "conn %d: resumed the seat of %s", c->conn,
                 actor_id(g, g->room.seats[c->seat].actor));
    answer_seat(c, c->seat);
    write_state(c, c->seat);
    if (g->teach.phase != NET_CARD_NONE)
        net_teach_card(g, c->seat, NET_MSG_COUNT, -1, c->out);
    return 0;
}

/* ---------------------------------------------------------------- a seat */

static int on_state(Ctx *c)
{
    write_state(c, c->seat);
    return 0;
}

static void fill_terms(SimTerms *t, const NetTerms *x)
{
    t->amount = x->amount;
    t->months = x->months;
    t->delay = x->delay;
    t->upfront = x->upfront;
    t->gw = x->gw;
    t->rate = x->rate;
    t->rate2 = x->rate2;
    t->shares = x->shares;
}

/* The intent of a propose or answer message, for actor me. 0, or -1 refused. */
static int make_intent(Ctx *c, int me, SimIntent *in)
{
    const NetMsg *m = c->m;
    const SimWorld *w = c->g->w;
    memset(in, 0, sizeof *in);
    in->history_event = -1;
    in->actor = -1;
    in->deal = -1;
    snprintf(in->reason, sizeof in->reason, "%s", m->reason);
    if (m->type == NET_MSG_PROPOSE || m->type == NET_MSG_FORECAST) {
        int other = sim_scenario_find_actor(w->sc, m->counterparty);
        SimDealKind k = (SimDealKind)m->kind;
        if (other < 0 && sim_kind(k)->payee != SIM_PAYEE_WORLD)
            return refuse(c, NET_ERR_BAD_MESSAGE, "counterparty: expected an actor id", NULL);
        in->kind = SIM_INTENT_PROPOSE;
        in->terms.kind = k;
        in->terms.payer = m->is_payer ? me : other;
        in->terms.payee = m->is_payer ? other : me;
        if (sim_kind(k)->payee == SIM_PAYEE_WORLD)
            in->terms.payee = SIM_WORLD;
        fill_terms(&in->terms, &m->terms);
        return 0;
    }
    static const SimIntentKind kinds[NET_REPLY_COUNT] = {SIM_INTENT_ACCEPT, SIM_INTENT_REJECT,
                                                         SIM_INTENT_COUNTER};
    in->kind = kinds[m->reply];
    in->deal = m->offer;
    if (m->reply == NET_REPLY_COUNTER && m->offer < w->n_deals) {
        /* A counter keeps the offer's kind and parties; the numbers are the student's. */
        in->terms = w->deals[m->offer].t;
        fill_terms(&in->terms, &m->terms);
    }
    return 0;
}

static int on_intent(Ctx *c)
{
    NetGame *g = c->g;
    int me = g->room.seats[c->seat].actor;
    SimIntent in;
    if (make_intent(c, me, &in) < 0)
        return -1;
    SimRefusal why;
    char err[512];
    if (sim_turn_validate_why(g->w, me, &in, &why, err, sizeof err) < 0)
        return refuse(c, NET_ERR_REFUSED, err, sim_refuse_code_name(why.code));
    SimIntentList *q = sim_strategy_queue(&g->w->actors[me].strategy);
    SimIntent *slot = q ? sim_intents_push(q, in.kind) : NULL;
    if (!slot)
        return refuse(c, NET_ERR_FULL, "the seat has as many intents queued as a month takes",
                      NULL);
    *slot = in;
    if (g->queued[c->seat] < SIM_MAX_INTENTS)
        g->queued_seq[c->seat][g->queued[c->seat]] = c->m->seq;
    g->queued[c->seat]++;
    g->changes++;
    net_game_log(g, "conn %d: %s queued a %s", c->conn, actor_id(g, me),
                 sim_intent_kind_name(in.kind));
    ok(c);
    write_state(c, c->seat); /* the desk with what is queued now */
    return 0;
}

/* The deal dialog's numbers for a draft: checked, weighed, nothing queued. */
static int on_forecast(Ctx *c)
{
    NetGame *g = c->g;
    int me = g->room.seats[c->seat].actor;
    SimIntent in;
    if (make_intent(c, me, &in) < 0)
        return -1;
    net_proto_open(c->out, "forecast", c->m->type, c->m->seq);
    net_forecast_write(g->w, me, &in, g->ask, g->ask_ctx, c->out);
    dat_buf_puts(c->out, "}\n");
    return 0;
}

static int on_ready(Ctx *c)
{
    c->g->ready[c->seat] = c->m->flag;
    ok(c);
    return 0;
}

/* ---------------------------------------------------------------- the teacher */

static int on_pause(Ctx *c)
{
    net_game_set_paused(c->g, c->m->flag, c->now);
    ok(c);
    return 0;
}

static int on_extend(Ctx *c)
{
    net_game_extend(c->g, c->m->seconds);
    ok(c);
    return 0;
}

static int on_lever(Ctx *c)
{
    char err[256];
    if (sim_lever_set(c->g->w, (SimLever)c->m->lever, c->m->value, err, sizeof err) < 0)
        return refuse(c, NET_ERR_REFUSED, err, NULL);
    c->g->changes++;
    ok(c);
    return 0;
}

static int on_seat_admin(Ctx *c)
{
    NetGame *g = c->g;
    int s = seat_by_id(g, c->m->actor);
    if (s < 0)
        return refuse(c, NET_ERR_NO_SEAT, "actor: expected the id of a seat of this room", NULL);
    if (c->m->type == NET_MSG_FREE_SEAT) {
        net_game_free_seat(g, s);
        net_game_log(g, "conn %d: the teacher freed the seat of %s", c->conn, c->m->actor);
        ok(c);
        return 0;
    }
    char token[NET_TOKEN_LEN + 1], err[256];
    if (net_game_assign_seat(g, s, token, err, sizeof err) < 0)
        return refuse(c, NET_ERR_NOT_NOW, err, NULL);
    net_game_log(g, "conn %d: the teacher assigned the seat of %s", c->conn, c->m->actor);
    answer_seat(c, s);
    return 0;
}

/* ---------------------------------------------------------------- the teacher's screens, cards */

/* The teacher's room, the world and the card on show (if any), after the answer. */
static void write_teacher_screens(Ctx *c)
{
    net_teach_room(c->g, NET_MSG_COUNT, -1, c->now, c->out);
    net_teach_world(c->g, NET_MSG_COUNT, -1, c->out);
    if (c->g->teach.phase != NET_CARD_NONE)
        net_teach_card(c->g, -1, NET_MSG_COUNT, -1, c->out);
}

static int on_room(Ctx *c)
{
    c->g->conns[c->conn].teacher = 1;
    net_teach_room(c->g, c->m->type, c->m->seq, c->now, c->out);
    net_teach_world(c->g, NET_MSG_COUNT, -1, c->out);
    if (c->g->teach.phase != NET_CARD_NONE)
        net_teach_card(c->g, -1, NET_MSG_COUNT, -1, c->out);
    return 0;
}

static int on_card_push(Ctx *c)
{
    char err[256];
    const char *choices[NET_CARD_CHOICES];
    for (int k = 0; k < c->m->n_choices; k++)
        choices[k] = c->m->choices[k];
    if (net_game_card_push(c->g, c->m->card, choices, c->m->n_choices, err, sizeof err) < 0)
        return refuse(c, NET_ERR_NO_CARD, err, NULL);
    net_game_log(c->g, "conn %d: the teacher showed the card %s", c->conn, c->m->card);
    ok(c);
    return 0;
}

static int on_card_reveal(Ctx *c)
{
    if (c->m->type == NET_MSG_CARD_CLOSE)
        net_game_card_close(c->g);
    else if (net_game_card_reveal(c->g) < 0)
        return refuse(c, NET_ERR_NOT_NOW, "no card is open (none on show, or revealed already)",
                      NULL);
    ok(c);
    return 0;
}

static int on_card_answer(Ctx *c)
{
    char err[256];
    NetErr e = net_teach_answer(c->g, c->seat, c->m, err, sizeof err);
    if (e != NET_ERR_NONE)
        return refuse(c, e, err, NULL);
    ok(c);
    return 0;
}

/* ---------------------------------------------------------------- dispatch */

typedef int (*Handler)(Ctx *c);

static const Handler handlers[NET_MSG_COUNT] = {
    [NET_MSG_HELLO] = on_hello,
    [NET_MSG_TAKE_SEAT] = on_take_seat,
    [NET_MSG_RESUME] = on_resume,
    [NET_MSG_STATE] = on_state,
    [NET_MSG_PROPOSE] = on_intent,
    [NET_MSG_ANSWER] = on_intent,
    [NET_MSG_READY] = on_ready,
    [NET_MSG_PAUSE] = on_pause,
    [NET_MSG_EXTEND] = on_extend,
    [NET_MSG_LEVER] = on_lever,
    [NET_MSG_FREE_SEAT] = on_seat_admin,
    [NET_MSG_ASSIGN_SEAT] = on_seat_admin,
    [NET_MSG_FORECAST] = on_forecast,
    [NET_MSG_ROOM] = on_room,
    [NET_MSG_CARD_PUSH] = on_card_push,
    [NET_MSG_CARD_REVEAL] = on_card_reveal,
    [NET_MSG_CARD_CLOSE] = on_card_reveal,
    [NET_MSG_CARD_ANSWER] = on_card_answer,
};

/* Checks the token against who may send the message; sets c->seat. 0, or -1 refused. */
static int authorise(Ctx *c)
{
    const NetMsg *m = c->m;
    NetWho who = net_msg_info(m->type)->who;
    c->seat = -1;
    if (m->type == NET_MSG_RESUME || who != NET_WHO_ANYONE) {
        int t = net_room_who(&c->g->room, m->token);
        if (t == -1)
            return refuse(c, NET_ERR_BAD_TOKEN,
                          "token: not a token of this room (a seat freed "
                          "or reassigned has a new one)",
                          NULL);
        if (who == NET_WHO_TEACHER && t != NET_ROOM_TEACHER)
            return refuse(c, NET_ERR_FORBIDDEN, "token: the teacher's token is needed", NULL);
        if (who == NET_WHO_SEAT && t == NET_ROOM_TEACHER)
            return refuse(c, NET_ERR_FORBIDDEN, "token: a seat's token is needed", NULL);
        c->seat = t;
    }
    if (who == NET_WHO_SEAT && m->actor[0]) {
        int a = c->g->room.seats[c->seat].actor;
        if (strcmp(m->actor, actor_id(c->g, a)) != 0)
            return refuse(c, NET_ERR_FORBIDDEN, "actor: this token's seat is another company",
                          NULL);
    }
    return 0;
}

NetAfter net_game_message(NetGame *g, int conn, const char *text, size_t len, double now,
                          DatBuf *out)
{
    if (conn < 0 || conn >= NET_GAME_CONNS)
        return NET_CLOSE;
    g->activity++;
    g->last_kind = NET_KIND_OTHER;
    NetConn *cn = &g->conns[conn];
    if (!cn->open)
        net_game_open(g, conn, now);
    Ctx c = {g, conn, NULL, -1, now, out};
    if (!net_bucket_take(&cn->bucket, now)) {
        g->refusals++;
        /* An episode of flooding ends after NET_QUIET seconds without a drop. */
        if (cn->drops > 0 && now - cn->last_drop > NET_QUIET)
            cn->drops = 0;
        cn->last_drop = now;
        if (cn->drops++ == 0) {
            net_game_log(g, "conn %d: over the rate limit (%d at once, %d a second): dropping",
                         conn, NET_BURST, NET_RATE);
            net_proto_error(out, NET_MSG_COUNT, -1, NET_ERR_RATE_LIMITED,
                            "too many messages: wait a moment", NULL);
            dat_buf_puts(out, "\n");
        }
        if (cn->drops >= NET_DROPS_CLOSE) {
            net_game_log(g, "conn %d: closed after %d messages over the rate limit", conn,
                         cn->drops);
            return NET_CLOSE;
        }
        return NET_KEEP;
    }
    NetMsg m;
    char err[512];
    NetErr e = net_proto_parse(text, len, &m, err, sizeof err);
    c.m = &m;
    if (m.type < NET_MSG_COUNT)
        g->last_kind = (int)m.type;
    if (e != NET_ERR_NONE) {
        refuse(&c, e, err, NULL);
        return NET_KEEP;
    }
    if (g->w->end != SIM_END_NONE && m.type != NET_MSG_HELLO && m.type != NET_MSG_RESUME &&
        m.type != NET_MSG_STATE && m.type < NET_MSG_ROOM) {
        refuse(&c, NET_ERR_NOT_NOW, "the game is over", NULL);
        return NET_KEEP;
    }
    if (authorise(&c) == 0 && handlers[m.type](&c) == 0 && m.type != NET_MSG_HELLO &&
        m.type != NET_MSG_STATE && m.type != NET_MSG_ROOM && m.type != NET_MSG_FORECAST)
        g->teach.dirty_room = 1; /* the teacher's room may have changed */
    return NET_KEEP;
}

/* ---------------------------------------------------------------- the game */

NetGame *net_game_create(SimWorld *w, FILE *log, char *err, size_t errsz)
{
    int actors[NET_ROOM_SEATS], n = 0;
    for (int i = 0; i < w->n && n < NET_ROOM_SEATS; i++)
        if (sim_strategy_is_queued(&w->actors[i].strategy))
            actors[n++] = i;
    if (n == 0) {
        core_errf(err, errsz, "no seat for a person in this game");
        return NULL;
    }
    NetGame *g = calloc(1, sizeof *g);
    if (!g) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    if (net_room_init(&g->room, actors, n, err, errsz) < 0) {
        free(g);
        return NULL;
    }
    g->w = w;
    g->log = log;
    g->deadline = -1;
    for (int k = 0; k < NET_GAME_CONNS; k++)
        g->conns[k].seat = -1;
    return g;
}

void net_game_destroy(NetGame *g)
{
    if (!g)
        return;
    for (int l = 0; l < CORE_LANG_COUNT; l++)
        free(g->lang[l]);
    free(g);
}

const NetRoom *net_game_room(const NetGame *g)
{
    return &g->room;
}

void net_game_open(NetGame *g, int conn, double now)
{
    if (conn < 0 || conn >= NET_GAME_CONNS)
        return;
    NetConn *cn = &g->conns[conn];
    g->activity++;
    memset(cn, 0, sizeof *cn);
    cn->open = 1;
    cn->seat = -1;
    net_bucket_init(&cn->bucket, NET_BURST, NET_RATE, now);
}

void net_game_close(NetGame *g, int conn)
{
    if (conn >= 0 && conn < NET_GAME_CONNS) {
        g->teach.dirty_room |= g->conns[conn].seat >= 0;
        g->conns[conn].open = 0;
        g->activity++;
    }
}

int net_game_month_due(const NetGame *g, double now)
{
    if (g->paused)
        return 0;
    int taken = 0, ready = 0;
    for (int k = 0; k < g->room.n_seats; k++) {
        if (!g->room.seats[k].token[0])
            continue;
        taken++;
        ready += g->ready[k] != 0;
    }
    /* Nobody seated: no month passes (a class still joining loses none). */
    if (taken == 0)
        return 0;
    return ready == taken || (g->deadline >= 0 && now >= g->deadline);
}

int net_game_month_now(NetGame *g, NetServer *s, double now)
{
    if (!net_game_month_due(g, now))
        return 0;
    if (net_server_write_out(s, 50) < 0)
        net_game_log(g, "some answers were still unwritten when the month began");
    return 1;
}

void net_game_new_month(NetGame *g, double now, double seconds)
{
    g->deadline = seconds > 0 ? now + seconds : -1;
    g->month_seconds = seconds;
    memset(g->ready, 0, sizeof g->ready);
    /* A month played emptied the queues; a game put back from a save keeps what it had queued
     * (and its seqs, net_game_restore_room). */
    for (int k = 0; k < g->room.n_seats; k++) {
        const SimIntentList *q = sim_strategy_queue(&g->w->actors[g->room.seats[k].actor].strategy);
        g->queued[k] = q ? q->n : 0;
    }
    g->teach.dirty_room = g->teach.dirty_world = 1;
}

int net_game_paused(const NetGame *g)
{
    return g->paused;
}

long net_game_refusals(const NetGame *g)
{
    return g->refusals;
}

/* ---------------------------------------------------------------- the server's callbacks */

double net_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void cb_open(void *ctx, int conn)
{
    net_game_open(ctx, conn, net_clock());
}

static int cb_message(void *ctx, int conn, const char *text, size_t len, DatBuf *out, int *kind)
{
    NetGame *g = ctx;
    int close = net_game_message(g, conn, text, len, net_clock(), out) == NET_CLOSE;
    *kind = g->last_kind;
    return close;
}

static void cb_close(void *ctx, int conn)
{
    net_game_close(ctx, conn);
}

static int cb_get(void *ctx, const char *path, const char **body, size_t *len, const char **mime)
{
    NetGame *g = ctx;
    for (int l = 0; l < CORE_LANG_COUNT; l++) {
        char want[32];
        snprintf(want, sizeof want, "/lang/%s.json", core_lang_code((CoreLang)l));
        if (g->lang[l] && strcmp(path, want) == 0) {
            *body = g->lang[l];
            *len = g->lang_len[l];
            *mime = "application/json; charset=utf-8";
            return 1;
        }
    }
    return 0;
}

void net_game_attach(NetGame *g, NetServerOpts *o)
{
    o->on_get = cb_get;
    o->ctx = g;
    o->on_open = cb_open;
    o->on_message = cb_message;
    o->on_close = cb_close;
}

void net_game_push(NetGame *g, NetServer *s, double now)
{
    /* A seat's desk is the same text for each of its connections (a team on several devices):
     * made once a seat, when its first connection is met. */
    DatBuf desk[NET_ROOM_SEATS];
    int made[NET_ROOM_SEATS] = {0};
    for (int k = 0; k < NET_GAME_CONNS; k++) {
        int seat = g->conns[k].seat;
        if (!g->conns[k].open || seat < 0 || !g->room.seats[seat].token[0])
            continue;
        DatBuf *b = &desk[seat];
        if (!made[seat]) {
            dat_buf_init(b);
            put_state(g, seat, NET_MSG_COUNT, -1, now, b);
            made[seat] = 1;
        }
        if (!b->failed && b->len > 1)
            net_server_push(s, k, b->data, b->len - 1, NET_KIND_MONTH); /* without the break */
    }
    for (int k = 0; k < NET_ROOM_SEATS; k++)
        if (made[k])
            dat_buf_free(&desk[k]);
}

int net_game_seat_taken(const NetGame *g, int k)
{
    return k >= 0 && k < g->room.n_seats && g->room.seats[k].token[0];
}

void net_game_set_ask(NetGame *g, NetAskFn ask, void *ctx)
{
    g->ask = ask;
    g->ask_ctx = ctx;
}

int net_game_set_lang(NetGame *g, CoreLang lang, const char *json, size_t len)
{
    if ((unsigned)lang >= CORE_LANG_COUNT)
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, json, len);
    copy[len] = '\0';
    free(g->lang[lang]);
    g->lang[lang] = copy;
    g->lang_len[lang] = len;
    return 0;
}
/* ---------------------------------------------------------------- the room in a save */

void net_game_save_room(const NetGame *g, DatRoom *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->code, sizeof out->code, "%s", g->room.code);
    snprintf(out->teacher, sizeof out->teacher, "%s", g->room.teacher);
    for (int k = 0; k < g->room.n_seats && k < DAT_ROOM_SEATS; k++) {
        snprintf(out->seats[k].role, sizeof out->seats[k].role, "%s",
                 actor_id(g, g->room.seats[k].actor));
        snprintf(out->seats[k].token, sizeof out->seats[k].token, "%s", g->room.seats[k].token);
        int n = g->queued[k] < SIM_MAX_INTENTS ? g->queued[k] : SIM_MAX_INTENTS;
        memcpy(out->seats[k].queued_seq, g->queued_seq[k], (size_t)n * sizeof(int64_t));
        out->seats[k].n_queued = n;
        out->n_seats = k + 1;
    }
}

int net_game_restore_room(NetGame *g, const DatRoom *saved, char *err, size_t errsz)
{
    if (net_room_restore(&g->room, saved->code, saved->teacher) < 0)
        return core_errf(err, errsz, "the saved room's code or teacher's token is not one");
    for (int k = 0; k < saved->n_seats; k++) {
        int s = seat_by_id(g, saved->seats[k].role);
        if (s < 0) {
            net_game_log(g, "the saved seat of %s is not a seat of this game: skipped",
                         saved->seats[k].role);
            continue;
        }
        if (net_room_restore_seat(&g->room, s, saved->seats[k].token) < 0)
            return core_errf(err, errsz, "the saved token of %s is not one", saved->seats[k].role);
        /* What the seat had queued this month came back in its queue: its seqs with it. */
        const SimIntentList *q = sim_strategy_queue(&g->w->actors[g->room.seats[s].actor].strategy);
        int n = q ? q->n : 0;
        for (int i = 0; i < n && i < SIM_MAX_INTENTS; i++)
            g->queued_seq[s][i] = i < saved->seats[k].n_queued ? saved->seats[k].queued_seq[i] : -1;
        g->queued[s] = n;
    }
    return 0;
}

unsigned long net_game_changes(const NetGame *g)
{
    return g->changes;
}

/* ---------------------------------------------------------------- the teacher's screens */

NetTeach *net_game_teach(NetGame *g)
{
    return &g->teach;
}

const NetTeach *net_game_teach_c(const NetGame *g)
{
    return &g->teach;
}

int net_game_seat_connected(const NetGame *g, int k)
{
    if (!net_game_seat_taken(g, k))
        return 0;
    for (int c = 0; c < NET_GAME_CONNS; c++)
        if (g->conns[c].open && g->conns[c].seat == k)
            return 1;
    return 0;
}

int net_game_seat_ready(const NetGame *g, int k)
{
    return k >= 0 && k < g->room.n_seats && g->ready[k];
}

int net_game_seat_queued(const NetGame *g, int k)
{
    return k >= 0 && k < g->room.n_seats ? g->queued[k] : 0;
}

double net_game_countdown(const NetGame *g, double now)
{
    return countdown(g, now);
}

const SimWorld *net_game_world(const NetGame *g)
{
    return g->w;
}

/* Sends the text of b (one message a line) to conn, line by line. */
static void send_lines(DatBuf *b, NetSendFn send, void *ctx, int conn)
{
    if (b->failed || !b->data)
        return;
    for (const char *p = b->data; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n > 0)
            send(ctx, conn, p, n);
        p += n + (nl != NULL);
    }
}

void net_game_flush_to(NetGame *g, NetSendFn send, void *ctx, double now)
{
    NetTeach *t = &g->teach;
    if (!t->dirty_room && !t->dirty_world && !t->dirty_card)
        return;
    for (int k = 0; k < NET_GAME_CONNS; k++) {
        const NetConn *cn = &g->conns[k];
        int seat = cn->seat >= 0 && g->room.seats[cn->seat].token[0] ? cn->seat : -1;
        if (!cn->open || (!cn->teacher && seat < 0))
            continue;
        DatBuf b;
        dat_buf_init(&b);
        if (cn->teacher && t->dirty_room)
            net_teach_room(g, NET_MSG_COUNT, -1, now, &b);
        if (cn->teacher && t->dirty_world)
            net_teach_world(g, NET_MSG_COUNT, -1, &b);
        if (t->dirty_card)
            net_teach_card(g, cn->teacher ? -1 : seat, NET_MSG_COUNT, -1, &b);
        send_lines(&b, send, ctx, k);
        dat_buf_free(&b);
    }
    t->dirty_room = t->dirty_world = t->dirty_card = 0;
}

static int send_server(void *ctx, int conn, const char *text, size_t len)
{
    return net_server_push(ctx, conn, text, len, NET_KIND_SCREENS);
}

void net_game_flush(NetGame *g, NetServer *s, double now)
{
    net_game_flush_to(g, send_server, s, now);
}

/* ---------------------------------------------------------------- the projector's view and
 * the teacher's actions from the window */

int net_game_seat_state(const NetGame *g, int k)
{
    if (!net_game_seat_taken(g, k))
        return NET_SEAT_FREE;
    if (g->ready[k])
        return NET_SEAT_READY;
    return net_game_seat_connected(g, k) ? NET_SEAT_CONNECTED : NET_SEAT_TAKEN;
}

void net_game_set_paused(NetGame *g, int paused, double now)
{
    g->activity++;
    g->teach.dirty_room = 1;
    if (paused && !g->paused) {
        g->pause_left = g->deadline < 0 ? -1 : fmax(0, g->deadline - now);
        g->paused = 1;
    } else if (!paused && g->paused) {
        g->deadline = g->pause_left < 0 ? -1 : now + g->pause_left;
        g->paused = 0;
    }
}

void net_game_extend(NetGame *g, int seconds)
{
    g->activity++;
    g->teach.dirty_room = 1;
    if (g->paused && g->pause_left >= 0)
        g->pause_left += seconds;
    else if (g->deadline >= 0)
        g->deadline += seconds;
}

/* Whoever held seat s no longer does: their connections, their ready, what they queued, their
 * answer to the card on show (the seat's next team answers for itself). */
static void clear_seat(NetGame *g, int s)
{
    g->activity++;
    g->changes++;
    for (int k = 0; k < NET_GAME_CONNS; k++)
        if (g->conns[k].seat == s)
            g->conns[k].seat = -1;
    g->ready[s] = 0;
    SimIntentList *q = sim_strategy_queue(&g->w->actors[g->room.seats[s].actor].strategy);
    if (q)
        memset(q, 0, sizeof *q);
    g->queued[s] = 0;
    memset(&g->teach.answers[s], 0, sizeof g->teach.answers[s]);
    g->teach.dirty_card |= g->teach.phase != NET_CARD_NONE;
    g->teach.dirty_room = 1;
}

void net_game_free_seat(NetGame *g, int s)
{
    if (s < 0 || s >= g->room.n_seats)
        return;
    clear_seat(g, s);
    net_room_free(&g->room, s);
}

int net_game_assign_seat(NetGame *g, int s, char *token, char *err, size_t errsz)
{
    if (s < 0 || s >= g->room.n_seats)
        return core_errf(err, errsz, "no seat %d", s);
    clear_seat(g, s);
    int rc = net_room_assign(&g->room, s, token, err, errsz);
    if (rc < 0)
        return rc;
    net_teach_handover(g, s, token);
    return 0;
}

unsigned long net_game_activity(const NetGame *g)
{
    return g->activity;
}

/* ---------------------------------------------------------------- the server's times */

static const char *kind_name(int k)
{
    if (k < NET_MSG_COUNT)
        return net_msg_info((NetMsgType)k)->name;
    return k == NET_KIND_OTHER   ? "other (unreadable, rate-limited)"
           : k == NET_KIND_MONTH ? "push: desks after a month"
                                 : "push: teacher's screens, cards";
}

void net_game_log_latency(NetGame *g, const NetServer *s)
{
    NetLatency l;
    net_server_latency(s, -1, &l);
    net_game_log(g,
                 "%ld answers; from a message read to its answer written: median %.2f ms, "
                 "p99 %.2f ms, max %.2f ms (made: median %.2f ms, p99 %.2f ms, max %.2f ms)",
                 l.n, l.p50, l.p99, l.max, l.made_p50, l.made_p99, l.made_max);
    for (int k = 0; k <= NET_KIND_SCREENS; k++) {
        net_server_latency(s, k, &l);
        if (l.n == 0)
            continue;
        if (k >= NET_KIND_MONTH)
            net_game_log(g,
                         "times of %s: %ld, queued to written: median %.2f ms, p99 %.2f ms, "
                         "max %.2f ms",
                         kind_name(k), l.n, l.p50, l.p99, l.max);
        else
            net_game_log(g,
                         "times of %s: %ld, read to written: median %.2f ms, p99 %.2f ms, "
                         "max %.2f ms; read to made: median %.2f ms, p99 %.2f ms, max %.2f ms",
                         kind_name(k), l.n, l.p50, l.p99, l.max, l.made_p50, l.made_p99,
                         l.made_max);
    }
}
