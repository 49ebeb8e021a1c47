/* net_teach: the teacher's room, the projector's world, the story cards (see net_teach.h). */
#include "net_teach.h"

#include "core_month.h"
#include "net_desk.h"
#include "sim_lever.h"

#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- the cards */

void net_game_card_offer(NetGame *g, const NetCard *cards, int n)
{
    NetTeach *t = net_game_teach(g);
    if (n < 0)
        n = 0;
    if (n > NET_CARD_OFFERS)
        n = NET_CARD_OFFERS;
    if (n > 0)
        memcpy(t->offers, cards, (size_t)n * sizeof *cards);
    t->n_offers = n;
    t->dirty_room = 1;
}

int net_game_card_offers(const NetGame *g, const NetCard **cards)
{
    const NetTeach *t = net_game_teach_c(g);
    if (cards)
        *cards = t->offers;
    return t->n_offers;
}

int net_game_card_push(NetGame *g, const char *id, const char *const *choices, int n_choices,
                       char *err, size_t errsz)
{
    NetTeach *t = net_game_teach(g);
    int k = 0;
    while (k < t->n_offers && strcmp(t->offers[k].id, id) != 0)
        k++;
    if (k == t->n_offers)
        return core_errf(err, errsz, "card: \"%s\" is not a card on offer this month", id);
    if (n_choices == 1 || n_choices < 0 || n_choices > NET_CARD_CHOICES)
        return core_errf(err, errsz, "choices: expected none or 2 to %d, got %d", NET_CARD_CHOICES,
                         n_choices);
    for (int c = 0; c < n_choices; c++)
        if (!choices[c] || !choices[c][0] || strlen(choices[c]) > NET_CHOICE_MAX)
            return core_errf(err, errsz, "choices[%d]: expected 1 to %d bytes", c, NET_CHOICE_MAX);
    t->card = t->offers[k];
    t->phase = NET_CARD_OPEN;
    t->n_choices = n_choices;
    memset(t->choices, 0, sizeof t->choices);
    for (int c = 0; c < n_choices; c++)
        snprintf(t->choices[c], sizeof t->choices[c], "%s", choices[c]);
    memset(t->answers, 0, sizeof t->answers);
    t->serial++;
    t->dirty_card = t->dirty_room = 1;
    t->changes++;
    return 0;
}

int net_game_card_reveal(NetGame *g)
{
    NetTeach *t = net_game_teach(g);
    if (t->phase != NET_CARD_OPEN)
        return -1;
    t->phase = NET_CARD_REVEALED;
    t->dirty_card = t->dirty_room = 1;
    t->changes++;
    return 0;
}

void net_game_card_close(NetGame *g)
{
    NetTeach *t = net_game_teach(g);
    if (t->phase == NET_CARD_NONE)
        return;
    t->phase = NET_CARD_NONE;
    t->dirty_card = t->dirty_room = 1;
    t->changes++;
}

const NetCard *net_game_card(const NetGame *g, NetCardPhase *phase)
{
    const NetTeach *t = net_game_teach_c(g);
    if (phase)
        *phase = t->phase;
    return t->phase == NET_CARD_NONE ? NULL : &t->card;
}

void net_game_card_tally(const NetGame *g, NetCardTally *out)
{
    const NetTeach *t = net_game_teach_c(g);
    const NetRoom *r = net_game_room(g);
    memset(out, 0, sizeof *out);
    out->n_choices = t->n_choices;
    for (int k = 0; k < r->n_seats; k++) {
        out->seats += net_game_seat_taken(g, k) != 0;
        const NetCardAnswer *a = &t->answers[k];
        if (t->phase == NET_CARD_NONE || !a->given)
            continue;
        out->answered++;
        if (a->choice >= 0 && a->choice < t->n_choices)
            out->counts[a->choice]++;
    }
}

const char *net_game_card_choice(const NetGame *g, int c)
{
    const NetTeach *t = net_game_teach_c(g);
    return c >= 0 && c < t->n_choices ? t->choices[c] : "";
}

const NetCardAnswer *net_game_card_answer(const NetGame *g, int k)
{
    if (k < 0 || k >= net_game_room(g)->n_seats)
        return NULL;
    return &net_game_teach_c(g)->answers[k];
}

/* q <- the QR code of text (size 0 if text is empty, too long or libqrencode fails). */
static void qr_make(NetQr *q, const char *text)
{
    memset(q, 0, sizeof *q);
    QRcode *c = text[0] ? QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
    if (!c)
        return;
    if (c->width <= NET_QR_MAX) {
        static const char hex[] = "0123456789abcdef";
        q->size = c->width;
        /* libqrencode's byte per module: bit 0 is the colour (1 dark), the others say what it is.
         */
        for (int y = 0; y < c->width; y++)
            for (int x = 0; x < c->width; x += 4) {
                int d = 0;
                for (int k = 0; k < 4; k++)
                    d = d << 1 | (x + k < c->width && (c->data[y * c->width + x + k] & 1));
                q->rows[y][x / 4] = hex[d];
            }
    }
    QRcode_free(c);
}

void net_game_set_url(NetGame *g, const char *url)
{
    NetTeach *t = net_game_teach(g);
    snprintf(t->url, sizeof t->url, "%s", url ? url : "");
    qr_make(&t->url_qr, t->url);
    t->dirty_room = 1;
}

void net_teach_handover(NetGame *g, int s, const char *token)
{
    NetTeach *t = net_game_teach(g);
    char link[NET_URL_MAX + NET_TOKEN_LEN + 8];
    t->handover = s + 1;
    snprintf(t->handover_token, sizeof t->handover_token, "%s", token);
    snprintf(link, sizeof link, "%s#seat=%s", t->url, token);
    qr_make(&t->handover_qr, t->url[0] ? link : "");
    t->dirty_room = 1;
}

NetErr net_teach_answer(NetGame *g, int seat, const NetMsg *m, char *err, size_t errsz)
{
    NetTeach *t = net_game_teach(g);
    if (t->phase == NET_CARD_NONE) {
        core_errf(err, errsz, "card: no card is on show");
        return NET_ERR_NOT_NOW;
    }
    if (strcmp(m->card, t->card.id) != 0) {
        core_errf(err, errsz, "card: \"%s\" is not the card on show (\"%s\")", m->card, t->card.id);
        return NET_ERR_NO_CARD;
    }
    if (t->phase == NET_CARD_REVEALED) {
        core_errf(err, errsz, "card: the answers are revealed; no more changes");
        return NET_ERR_NOT_NOW;
    }
    if (m->choice >= t->n_choices) {
        core_errf(err, errsz, "choice: expected 0 to %d (the card has %d choices), got %d",
                  t->n_choices - 1, t->n_choices, m->choice);
        return NET_ERR_BAD_MESSAGE;
    }
    if (seat < 0 || seat >= NET_ROOM_SEATS)
        return NET_ERR_NO_SEAT;
    NetCardAnswer *a = &t->answers[seat];
    a->given = 1;
    a->choice = m->choice;
    snprintf(a->text, sizeof a->text, "%s", m->text);
    t->dirty_card = 1;
    t->changes++;
    return NET_ERR_NONE;
}

/* ---------------------------------------------------------------- the cards in a save */

_Static_assert(DAT_ROOM_OFFERS == NET_CARD_OFFERS && DAT_ROOM_CHOICES == NET_CARD_CHOICES &&
                   DAT_ROOM_CHOICE_LEN == NET_CHOICE_MAX && DAT_ROOM_ANSWER_LEN == NET_ANSWER_MAX,
               "a save's room holds the cards as net_teach does");

unsigned long net_game_card_changes(const NetGame *g)
{
    return net_game_teach_c(g)->changes;
}

void net_game_save_card(const NetGame *g, DatRoom *out)
{
    const NetTeach *t = net_game_teach_c(g);
    DatRoomCard *c = &out->card;
    memset(c, 0, sizeof *c);
    for (int k = 0; k < t->n_offers; k++)
        snprintf(c->offers[k], sizeof c->offers[k], "%s", t->offers[k].id);
    c->n_offers = t->n_offers;
    c->serial = t->serial;
    if (t->phase == NET_CARD_NONE)
        return;
    snprintf(c->on_show, sizeof c->on_show, "%s", t->card.id);
    c->revealed = t->phase == NET_CARD_REVEALED;
    c->n_choices = t->n_choices;
    memcpy(c->choices, t->choices, sizeof c->choices);
    for (int k = 0; k < out->n_seats && k < NET_ROOM_SEATS; k++) {
        DatRoomSeat *st = &out->seats[k];
        st->answered = t->answers[k].given;
        st->answer_choice = t->answers[k].choice;
        snprintf(st->answer, sizeof st->answer, "%s", t->answers[k].text);
    }
}

int net_game_restore_card(NetGame *g, const DatRoom *saved, char *err, size_t errsz)
{
    const DatRoomCard *c = &saved->card;
    NetTeach *t = net_game_teach(g);
    t->serial = c->serial;
    if (!c->on_show[0])
        return 0;
    const char *choices[NET_CARD_CHOICES];
    for (int k = 0; k < c->n_choices && k < NET_CARD_CHOICES; k++)
        choices[k] = c->choices[k];
    char why[256];
    if (net_game_card_push(g, c->on_show, choices, c->n_choices, why, sizeof why) < 0) {
        net_game_log(g, "the saved card on show is not offered again: %s", why);
        return 0;
    }
    t->serial = c->serial; /* the pages' serial as it was: no page takes it for a new card */
    const SimWorld *w = net_game_world(g);
    const NetRoom *r = net_game_room(g);
    for (int k = 0; k < saved->n_seats; k++) {
        const DatRoomSeat *st = &saved->seats[k];
        int i = sim_scenario_find_actor(w->sc, st->role);
        int s = i >= 0 ? net_room_seat_of(r, i) : -1;
        if (s < 0 || !st->answered)
            continue;
        if (st->answer_choice >= t->n_choices)
            return core_errf(err, errsz, "the saved answer of %s picks choice %d of %d", st->role,
                             st->answer_choice, t->n_choices);
        t->answers[s].given = 1;
        t->answers[s].choice = st->answer_choice;
        snprintf(t->answers[s].text, sizeof t->answers[s].text, "%s", st->answer);
    }
    if (c->revealed)
        net_game_card_reveal(g);
    return 0;
}

/* ---------------------------------------------------------------- writing */

static const char *tf(int v)
{
    return v ? "true" : "false";
}

static void put_month(DatBuf *b, const char *key, const SimWorld *w, int turn)
{
    char month[16];
    core_month_format(w->sc->start + turn, month, sizeof month);
    net_desk_str(b, key, month);
}

/* A card's words: the English at the top level, other languages under "lang" (title_only: the
 * titles alone, for the list of cards on offer). */
static void put_words(DatBuf *b, const NetCard *c, int title_only)
{
    net_desk_str(b, "title", c->words[CORE_LANG_EN].title);
    if (!title_only) {
        net_desk_str(b, "explain", c->words[CORE_LANG_EN].explain);
        net_desk_str(b, "question", c->words[CORE_LANG_EN].question);
    }
    dat_buf_puts(b, ",\"lang\":{");
    int first = 1;
    for (int l = 0; l < CORE_LANG_COUNT; l++) {
        const NetCardWords *x = &c->words[l];
        if (l == CORE_LANG_EN || !x->title[0])
            continue;
        dat_buf_printf(b, "%s", first ? "" : ",");
        dat_buf_string(b, core_lang_code((CoreLang)l));
        dat_buf_puts(b, ":{\"title\":");
        dat_buf_string(b, x->title);
        if (!title_only) {
            net_desk_str(b, "explain", x->explain);
            net_desk_str(b, "question", x->question);
        }
        dat_buf_puts(b, "}");
        first = 0;
    }
    dat_buf_puts(b, "}");
}

static void put_qr(DatBuf *b, const NetQr *q)
{
    dat_buf_puts(b, ",\"qr\":[");
    for (int y = 0; y < q->size; y++) {
        dat_buf_puts(b, y ? "," : "");
        dat_buf_string(b, q->rows[y]);
    }
    dat_buf_puts(b, "]");
}

/* The last seat the teacher gave a new code, while that code waits for its team. */
static void put_handover(const NetGame *g, DatBuf *b)
{
    const NetTeach *t = net_game_teach_c(g);
    const NetRoom *r = net_game_room(g);
    int s = t->handover - 1;
    if (s < 0 || s >= r->n_seats || strcmp(r->seats[s].token, t->handover_token) != 0 ||
        net_game_seat_connected(g, s))
        return;
    const SimActorSpec *a = &net_game_world(g)->sc->actors[r->seats[s].actor];
    dat_buf_puts(b, ",\"handover\":{\"actor\":");
    dat_buf_string(b, a->id);
    net_desk_str(b, "name", a->name);
    net_desk_str(b, "token", t->handover_token);
    put_qr(b, &t->handover_qr);
    dat_buf_puts(b, "}");
}

static const char *phase_name(NetCardPhase p)
{
    return p == NET_CARD_OPEN ? "open" : p == NET_CARD_REVEALED ? "revealed" : "none";
}

static void put_seats(const NetGame *g, DatBuf *b)
{
    const SimWorld *w = net_game_world(g);
    const NetRoom *r = net_game_room(g);
    dat_buf_puts(b, ",\"seats\":[");
    for (int k = 0; k < r->n_seats; k++) {
        const SimActorSpec *a = &w->sc->actors[r->seats[k].actor];
        int taken = net_game_seat_taken(g, k);
        dat_buf_printf(b, "%s{\"actor\":", k ? "," : "");
        dat_buf_string(b, a->id);
        net_desk_str(b, "name", a->name);
        dat_buf_printf(b,
                       ",\"taken\":%s,\"connected\":%s,\"ready\":%s,\"queued\":%d,"
                       "\"played_by\":\"%s\"}",
                       tf(taken), tf(net_game_seat_connected(g, k)), tf(net_game_seat_ready(g, k)),
                       net_game_seat_queued(g, k), taken ? "team" : "strategy");
    }
    dat_buf_puts(b, "]");
}

static void put_levers(const SimWorld *w, DatBuf *b)
{
    dat_buf_puts(b, ",\"levers\":[");
    for (int l = 0; l < SIM_LEVER_COUNT; l++) {
        const SimLeverInfo *li = sim_lever_info((SimLever)l);
        dat_buf_printf(b, "%s{\"id\":", l ? "," : "");
        dat_buf_string(b, li->id);
        net_desk_num(b, "value", sim_lever_get(w, (SimLever)l));
        net_desk_num(b, "min", li->min);
        net_desk_num(b, "max", li->max);
        net_desk_num(b, "step", li->step);
        dat_buf_printf(b, ",\"percent\":%s}", tf(li->percent));
    }
    dat_buf_puts(b, "]");
}

void net_teach_room(const NetGame *g, NetMsgType re, int64_t seq, double now, DatBuf *b)
{
    const NetTeach *t = net_game_teach_c(g);
    const SimWorld *w = net_game_world(g);
    net_proto_open(b, "room", re, seq);
    net_desk_str(b, "room", net_game_room(g)->code);
    net_desk_str(b, "url", t->url);
    put_qr(b, &t->url_qr);
    put_handover(g, b);
    put_month(b, "month", w, w->turn);
    put_month(b, "last", w, sim_scenario_turns(w->sc) - 1);
    dat_buf_printf(b, ",\"over\":%s,\"paused\":%s", tf(w->end != SIM_END_NONE),
                   tf(net_game_paused(g)));
    net_desk_num(b, "countdown", net_game_countdown(g, now));
    put_seats(g, b);
    put_levers(w, b);
    dat_buf_puts(b, ",\"cards\":[");
    for (int k = 0; k < t->n_offers; k++) {
        dat_buf_printf(b, "%s{\"card\":", k ? "," : "");
        dat_buf_string(b, t->offers[k].id);
        net_desk_str(b, "month", t->offers[k].month);
        put_words(b, &t->offers[k], 1);
        dat_buf_puts(b, "}");
    }
    dat_buf_puts(b, "]");
    NetCardTally tl;
    net_game_card_tally(g, &tl);
    dat_buf_printf(b, ",\"card\":{\"phase\":\"%s\",\"card\":", phase_name(t->phase));
    dat_buf_string(b, t->phase == NET_CARD_NONE ? "" : t->card.id);
    dat_buf_printf(b, ",\"answered\":%d,\"seats\":%d}}\n", tl.answered, tl.seats);
}

#define PI 3.14159265358979323846

/* An actor's place on the map: the hub in the middle, the others around it, clockwise from the
 * top in the scenario's order (x, y in 0..1). */
static void place(const SimWorld *w, int i, double *x, double *y)
{
    int hub = w->sc->hub, n = w->n - (hub >= 0);
    if (i == hub) {
        *x = *y = 0.5;
        return;
    }
    int k = hub >= 0 && i > hub ? i - 1 : i;
    double a = 2 * PI * k / (n > 0 ? n : 1) - PI / 2;
    *x = 0.5 + 0.4 * cos(a);
    *y = 0.5 + 0.4 * sin(a);
}

static void put_actors(const NetGame *g, DatBuf *b)
{
    const SimWorld *w = net_game_world(g);
    const NetRoom *r = net_game_room(g);
    dat_buf_puts(b, ",\"actors\":[");
    for (int i = 0; i < w->n; i++) {
        double x, y;
        place(w, i, &x, &y);
        dat_buf_printf(b, "%s{\"id\":", i ? "," : "");
        dat_buf_string(b, w->sc->actors[i].id);
        net_desk_str(b, "name", w->sc->actors[i].name);
        net_desk_num(b, "x", x);
        net_desk_num(b, "y", y);
        net_desk_num(b, "value", sim_market_value(w, i));
        net_desk_num(b, "cash", sim_cash(w, i));
        net_desk_num(b, "owed", sim_obligations(w, i, -1));
        net_desk_num(b, "exposure", sim_exposure_total(w, i));
        int s = net_room_seat_of(r, i);
        dat_buf_printf(b, ",\"defaulted\":%s,\"seat\":%s}", tf(w->actors[i].defaulted),
                       tf(s >= 0 && net_game_seat_taken(g, s)));
    }
    dat_buf_puts(b, "]");
}

static void put_edges(const SimWorld *w, DatBuf *b)
{
    dat_buf_puts(b, ",\"edges\":[");
    int n = 0;
    for (int k = 0; k < w->n_live && n < NET_WORLD_EDGES; k++) {
        const SimDeal *d = &w->deals[w->live[k]];
        if (d->t.payer < 0 || d->t.payee < 0)
            continue; /* with the world: no edge between two actors */
        dat_buf_printf(b, "%s{\"deal\":%d,\"from\":", n ? "," : "", d->id);
        dat_buf_string(b, w->sc->actors[d->t.payer].id);
        net_desk_str(b, "to", w->sc->actors[d->t.payee].id);
        net_desk_str(b, "kind", sim_deal_kind_name(d->t.kind));
        net_desk_num(b, "amount", d->t.amount);
        net_desk_num(b, "paid", d->paid);
        dat_buf_printf(b, ",\"months\":%d}", d->t.months);
        n++;
    }
    dat_buf_puts(b, "]");
}

/* The hub's market value and what it owes, a figure a month (the latest NET_WORLD_MONTHS). */
static void put_series(const SimWorld *w, DatBuf *b)
{
    int hub = w->sc->hub,
        from = w->turn + 1 > NET_WORLD_MONTHS ? w->turn + 1 - NET_WORLD_MONTHS : 0;
    static const char *const keys[] = {"months", "hub_value", "hub_owed"};
    for (int s = 0; s < 3; s++) {
        dat_buf_printf(b, ",\"%s\":[", keys[s]);
        for (int t = from; t <= w->turn; t++) {
            dat_buf_puts(b, t > from ? "," : "");
            if (s == 0) {
                char month[16];
                core_month_format(w->sc->start + t, month, sizeof month);
                dat_buf_string(b, month);
                continue;
            }
            const SimSnap *sn = hub >= 0 ? sim_snap(w, t, hub) : NULL;
            double v = !sn ? 0 : s == 1 ? sn->market_value : sn->obligations;
            dat_buf_double(b, isfinite(v) ? v : 0, keys[s]);
        }
        dat_buf_puts(b, "]");
    }
}

void net_teach_world(const NetGame *g, NetMsgType re, int64_t seq, DatBuf *b)
{
    const SimWorld *w = net_game_world(g);
    net_proto_open(b, "world", re, seq);
    put_month(b, "month", w, w->turn);
    net_desk_str(b, "hub", w->sc->hub >= 0 ? w->sc->actors[w->sc->hub].id : "");
    put_actors(g, b);
    put_edges(w, b);
    put_series(w, b);
    dat_buf_puts(b, "}\n");
}

static void put_answer(DatBuf *b, const NetCardAnswer *a)
{
    dat_buf_printf(b, "\"choice\":%d,\"text\":", a->choice);
    dat_buf_string(b, a->text);
}

void net_teach_card(const NetGame *g, int seat, NetMsgType re, int64_t seq, DatBuf *b)
{
    const NetTeach *t = net_game_teach_c(g);
    const SimWorld *w = net_game_world(g);
    const NetRoom *r = net_game_room(g);
    net_proto_open(b, "card", re, seq);
    dat_buf_printf(b, ",\"phase\":\"%s\"", phase_name(t->phase));
    if (t->phase == NET_CARD_NONE) {
        dat_buf_puts(b, "}\n");
        return;
    }
    net_desk_str(b, "card", t->card.id);
    dat_buf_printf(b, ",\"serial\":%d", t->serial);
    net_desk_str(b, "month", t->card.month);
    put_words(b, &t->card, 0);
    dat_buf_puts(b, ",\"choices\":[");
    for (int c = 0; c < t->n_choices; c++) {
        dat_buf_puts(b, c ? "," : "");
        dat_buf_string(b, t->choices[c]);
    }
    NetCardTally tl;
    net_game_card_tally(g, &tl);
    dat_buf_printf(b, "],\"answered\":%d,\"seats\":%d", tl.answered, tl.seats);
    if (seat >= 0 && seat < r->n_seats && t->answers[seat].given) {
        dat_buf_puts(b, ",\"mine\":{");
        put_answer(b, &t->answers[seat]);
        dat_buf_puts(b, "}");
    }
    if (seat < 0 || t->phase == NET_CARD_REVEALED) {
        dat_buf_puts(b, ",\"counts\":[");
        for (int c = 0; c < t->n_choices; c++)
            dat_buf_printf(b, "%s%d", c ? "," : "", tl.counts[c]);
        dat_buf_puts(b, "],\"answers\":[");
        int first = 1;
        for (int k = 0; k < r->n_seats; k++) {
            if (!t->answers[k].given)
                continue;
            const SimActorSpec *a = &w->sc->actors[r->seats[k].actor];
            dat_buf_printf(b, "%s{\"actor\":", first ? "" : ",");
            dat_buf_string(b, a->id);
            net_desk_str(b, "name", a->name);
            dat_buf_puts(b, ",");
            put_answer(b, &t->answers[k]);
            dat_buf_puts(b, "}");
            first = 0;
        }
        dat_buf_puts(b, "]");
    }
    dat_buf_puts(b, "}\n");
}
