/* app_play_host: the window hosting a class (`closedloop host`, "Open to the class"): the room
 * screen until the teacher starts, then the game with the room's strip; the server serviced
 * from the frame loop; the host itself (saves, --load, replay, stand-ins, cards offered) is the
 * same AppHostRoom as the headless host's. In story mode the story card the window shows is
 * pushed to every student's page; its answers come back onto the window's card, revealed with A
 * or a click (see app_play_state.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_host_room.h"
#include "app_play_state.h"

#include "core_month.h"
#include "core_text.h"
#include "ui_card.h"
#include "ui_room.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXTEND_SECONDS 30 /* E: the month's timer gets this much more */

struct AppPlayHost {
    AppHostRoom room;
    int started; /* the teacher pressed Start: the months come */
    char url[UI_ROOM_URLS][160], where[UI_ROOM_URLS][32];
    int n_url, qr_url;
    UiQr qr;
    UiRoom view;
    UiRoomGeom geom;
    char menu_code[NET_TOKEN_LEN + 1];
    unsigned long seen_changes; /* net_game_activity when last drawn */
    long seen_second;           /* the countdown's second when last drawn */
    float foot;                 /* the strip's height under the map, this frame */
    char shown[SIM_ID_LEN];     /* the story card the window pushed to the class ("" none) */
    UiCardAnswers ans;          /* its answers, as the window's card draws them */
    char ans_head[200], ans_reveal[120], ans_line[UI_CARD_LINES][400];
};

/* A restarted host whose save had a story card on show: the window shows it again (story mode
 * on), with the answers given so far. */
static void requeue_card(Play *p)
{
    AppPlayHost *h = p->host;
    const NetCard *c = net_game_card(h->room.room, NULL);
    if (!c || !p->story)
        return;
    int e = -1, month = p->w->sc->start;
    if (strcmp(c->id, p->w->sc->id) != 0) {
        for (int k = 0; k < p->w->sc->n_events && e < 0; k++)
            if (strcmp(p->w->sc->events[k].id, c->id) == 0)
                e = k;
        if (e < 0)
            return;
        month = p->w->sc->events[e].month;
    }
    p->story->cards[0] = e;
    p->story->n_cards = 1;
    core_tr_month(month, p->story->when, sizeof p->story->when);
    p->cards[0] = (PlayCard){PLAY_CARD_STORY, 0};
    p->n_cards = 1;
    p->card_at = p->card_folded = 0;
    p->card_since = SDL_GetTicks();
    snprintf(h->shown, sizeof h->shown, "%s", c->id);
}

int app_play_host_open(Play *p)
{
    AppPlayHost *h = calloc(1, sizeof *h);
    if (!h)
        return -1;
    /* The host keeps its own replay (every month, the stand-ins' moves in it): not the
     * window's. */
    app_replay_free(p->rec);
    p->rec = NULL;
    AppHostConf conf = *p->o->host;
    conf.loaded = p->o->load;
    if (app_host_room_open(&h->room, p->g, &conf, p->errout, p->out, p->errout) < 0) {
        app_host_room_close(&h->room);
        free(h);
        return -1;
    }
    p->host = h;
    /* The room's seats are the students': no desk opens in the window. */
    p->n_seats = 0;
    p->seat = -1;
    h->n_url = app_host_room_urls(p->o->host->bind, net_server_port(h->room.srv), h->url, h->where,
                                  UI_ROOM_URLS, &h->qr_url);
    if (h->n_url > 0 && ui_qr_make(h->url[h->qr_url], &h->qr) < 0)
        memset(&h->qr, 0, sizeof h->qr);
    const NetRoom *r = net_game_room(h->room.room);
    char line[600];
    for (int k = 0; k < h->n_url; k++)
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, k == h->qr_url ? "room.out.url_qr" : "room.out.url",
                         h->url[k], NULL));
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "host.room", r->code, NULL));
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "host.teacher", r->teacher, NULL));
    fprintf(p->out, "%s\n", core_tr("host.exposes"));
    if (!h->room.teach)
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, "host.no_cards", h->room.no_cards, NULL));
    fflush(p->out);
    if (h->n_url > 0)
        net_game_set_url(h->room.room, h->url[h->qr_url]);
    requeue_card(p);
    h->view.menu_seat = -1;
    h->seen_second = -2;
    return 0;
}

void app_play_host_close(Play *p)
{
    AppPlayHost *h = p->host;
    if (!h)
        return;
    app_host_room_close(&h->room);
    ui_qr_free(&h->qr);
    free(h);
    p->host = NULL;
}

int app_play_host_room_up(const Play *p)
{
    return p->host && !p->host->started;
}

/* The room as the projector shows it now. */
static void fill_view(Play *p)
{
    AppPlayHost *h = p->host;
    const NetGame *g = h->room.room;
    const NetRoom *r = net_game_room(g);
    UiRoom *v = &h->view;
    v->n_url = h->n_url;
    for (int k = 0; k < h->n_url; k++) {
        v->url[k] = h->url[k];
        v->where[k] = h->where[k][0] ? h->where[k] : NULL;
    }
    v->qr_url = h->qr_url;
    v->code = r->code;
    v->n_seats = r->n_seats < UI_ROOM_SEATS ? r->n_seats : UI_ROOM_SEATS;
    for (int k = 0; k < v->n_seats; k++) {
        v->seats[k].name = core_tr_content(p->w->sc->actors[r->seats[k].actor].name);
        v->seats[k].state = (UiSeatState)net_game_seat_state(g, k);
    }
    v->countdown = h->started ? net_game_countdown(g, net_clock()) : -1;
    v->paused = net_game_paused(g);
    v->menu_code = h->menu_code[0] ? h->menu_code : NULL;
}

void app_play_host_draw(Play *p, int ow, int oh)
{
    AppPlayHost *h = p->host;
    fill_view(p);
    if (!h->started) {
        ui_room_draw(p->d, ow, oh, &h->view, h->qr.size ? &h->qr : NULL, core_tr("room.keys"),
                     p->mouse_x, p->mouse_y, &h->geom);
        return;
    }
    memset(&h->geom, 0, sizeof h->geom);
    if (p->show_debrief || p->show_help || h->foot <= 0)
        return;
    const SDL_FRect *m = &p->geom.map;
    ui_room_strip(p->d, (SDL_FRect){m->x, m->y + m->h, m->w, h->foot}, &h->view, p->mouse_x,
                  p->mouse_y, &h->geom);
}

float app_play_host_foot(Play *p, int ow)
{
    AppPlayHost *h = p->host;
    if (!h || !h->started) {
        if (h)
            h->foot = 0;
        return 0;
    }
    /* The map's width of the last frame (the strip's rows depend on it; the layout's share of
     * the width before the first). */
    float w = p->geom.map.w > 0 ? p->geom.map.w : (float)ow * 0.64f;
    h->foot = ui_room_strip_height(p->d, w, net_game_room(h->room.room)->n_seats);
    return h->foot;
}

/* The month's step: the turn recorded and the stand-ins in for the empty seats (before); after
 * it, their moves recorded, the replay and the autosave written, the next month's timer, every
 * seated desk pushed, the month's cards offered (the same calls as the headless host's). */
void app_play_host_step(Play *p, int before)
{
    AppPlayHost *h = p->host;
    if (!h)
        return;
    if (before)
        app_host_room_month_begin(&h->room, p->out, p->errout);
    else
        app_host_room_month_end(&h->room, p->errout);
}

/* The story card the window shows goes to every student's page (and off them when the window's
 * card goes); a card the teacher pushed from the web page stays while the window shows none. */
static void sync_card(Play *p)
{
    AppPlayHost *h = p->host;
    const char *id = h->started ? app_play_card_story_id(p) : h->shown;
    if (strcmp(id, h->shown) == 0)
        return;
    snprintf(h->shown, sizeof h->shown, "%s", id);
    if (!id[0]) {
        net_game_card_close(h->room.room);
        return;
    }
    char err[300], line[400];
    if (net_game_card_push(h->room.room, id, NULL, 0, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        return;
    }
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "room.out.card_pushed", id, NULL));
    fflush(p->out);
}

int app_play_host_reveal(Play *p)
{
    AppPlayHost *h = p->host;
    if (!h)
        return 0;
    NetCardTally t;
    net_game_card_tally(h->room.room, &t);
    if (!h->shown[0] || net_game_card_reveal(h->room.room) < 0)
        return 1;
    char line[300], a[16], n[16];
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "room.out.card_revealed",
                     app_play_num(t.answered, a, sizeof a), app_play_num(t.seats, n, sizeof n),
                     NULL));
    fflush(p->out);
    return 1;
}

const UiCardAnswers *app_play_host_card_answers(Play *p, const char *id)
{
    AppPlayHost *h = p->host;
    NetCardPhase ph;
    const NetCard *c = h ? net_game_card(h->room.room, &ph) : NULL;
    if (!c || strcmp(c->id, id) != 0)
        return NULL;
    const NetGame *g = h->room.room;
    NetCardTally t;
    net_game_card_tally(g, &t);
    UiCardAnswers *a = &h->ans;
    memset(a, 0, sizeof *a);
    char x[16], y[16];
    a->answered = t.answered;
    a->seats = t.seats;
    a->revealed = ph == NET_CARD_REVEALED;
    a->head = core_trf(
        h->ans_head, sizeof h->ans_head, a->revealed ? "room.card.revealed" : "room.card.answered",
        app_play_num(t.answered, x, sizeof x), app_play_num(t.seats, y, sizeof y), NULL);
    a->reveal = core_trf(h->ans_reveal, sizeof h->ans_reveal, "room.card.reveal", NULL);
    a->n_choices = t.n_choices < UI_CARD_CHOICES ? t.n_choices : UI_CARD_CHOICES;
    for (int k = 0; k < a->n_choices; k++) {
        a->choice[k] = net_game_card_choice(g, k);
        a->counts[k] = t.counts[k];
    }
    const NetRoom *r = net_game_room(g);
    for (int k = 0; k < r->n_seats && a->n_lines < UI_CARD_LINES; k++) {
        const NetCardAnswer *s = net_game_card_answer(g, k);
        if (!s || !s->given)
            continue;
        const char *pick = s->choice >= 0 ? net_game_card_choice(g, s->choice) : "";
        char said[600];
        snprintf(said, sizeof said, "%s%s%s", pick, pick[0] && s->text[0] ? ": " : "", s->text);
        if (!said[0])
            continue;
        a->line[a->n_lines] =
            core_trf(h->ans_line[a->n_lines], sizeof h->ans_line[0], "room.card.line",
                     core_tr_content(p->w->sc->actors[r->seats[k].actor].name), said, NULL);
        a->n_lines++;
    }
    return a;
}

int app_play_host_poll(Play *p)
{
    AppPlayHost *h = p->host;
    if (!h)
        return 0;
    if (net_server_poll(h->room.srv, 0) < 0) {
        char line[300];
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "host.err.server", NULL));
        p->status = 1;
        p->quit = 1;
        return 0;
    }
    app_host_room_poll(&h->room, p->errout);
    sync_card(p);
    int draw = 0;
    double now = net_clock();
    if (h->started && !p->over && !app_play_card_up(p) &&
        net_game_month_now(h->room.room, h->room.srv, now)) { /* the answers made go out first */
        app_play_turn(p);
        draw = 1;
    }
    unsigned long ch = net_game_activity(h->room.room);
    double left = h->started ? net_game_countdown(h->room.room, now) : -1;
    long second = left < 0 ? -1 : (long)ceil(left);
    if (ch != h->seen_changes || second != h->seen_second)
        draw = 1;
    h->seen_changes = ch;
    h->seen_second = second;
    return draw;
}

/* Starts the game: the month's timer from now. */
static void start(Play *p)
{
    AppPlayHost *h = p->host;
    h->started = 1;
    h->view.menu_seat = -1;
    h->menu_code[0] = '\0';
    net_game_new_month(h->room.room, net_clock(), h->room.month_seconds);
    char line[200];
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "room.out.started", NULL));
    fflush(p->out);
}

/* The seat menu's actions: free the seat, or give it a new code (shown in the menu). */
static void seat_action(Play *p, int new_code)
{
    AppPlayHost *h = p->host;
    int s = h->view.menu_seat;
    if (s < 0)
        return;
    const NetRoom *r = net_game_room(h->room.room);
    const char *name = core_tr_content(p->w->sc->actors[r->seats[s].actor].name);
    char line[400], err[256];
    if (!new_code) {
        net_game_free_seat(h->room.room, s);
        h->view.menu_seat = -1;
        h->menu_code[0] = '\0';
        fprintf(p->out, "%s\n", core_trf(line, sizeof line, "room.out.freed", name, NULL));
    } else if (net_game_assign_seat(h->room.room, s, h->menu_code, err, sizeof err) < 0) {
        app_play_set_notice(p, err);
        return;
    } else {
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, "room.out.new_code", name, h->menu_code, NULL));
    }
    fflush(p->out);
}

int app_play_host_room_key(Play *p, const SDL_KeyboardEvent *k)
{
    AppPlayHost *h = p->host;
    if (!h)
        return 0;
    SDL_Keycode sym = k->keysym.sym;
    int ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
    if (h->view.menu_seat >= 0) {
        if (sym == SDLK_ESCAPE) {
            h->view.menu_seat = -1;
            h->menu_code[0] = '\0';
            return 1;
        }
        if (sym == SDLK_f || sym == SDLK_r) {
            seat_action(p, sym == SDLK_r);
            return 1;
        }
    }
    /* A loaded save would replace the world the room plays: not while hosting. */
    if (sym == SDLK_F9 || (ctrl && sym == SDLK_o)) {
        app_play_set_notice(p, core_tr("room.notice.no_load"));
        return 1;
    }
    if (h->started)
        return 0;
    if (sym == SDLK_RETURN || sym == SDLK_KP_ENTER || sym == SDLK_SPACE) {
        start(p);
        return 1;
    }
    /* Q and Escape ask to quit as on every screen; nothing else plays before the start. */
    return sym != SDLK_q && sym != SDLK_ESCAPE;
}

int app_play_host_button(Play *p, UiButton b)
{
    AppPlayHost *h = p->host;
    if (!h)
        return 0;
    if (b == UI_BUTTON_LOAD) { /* a loaded save would replace the world the room plays */
        app_play_set_notice(p, core_tr("room.notice.no_load"));
        return 1;
    }
    if (b != UI_BUTTON_PLAY || !h->started || p->over)
        return 0;
    int paused = !net_game_paused(h->room.room);
    net_game_set_paused(h->room.room, paused, net_clock());
    fprintf(p->out, "%s\n", core_tr(paused ? "room.out.paused" : "room.out.resumed"));
    fflush(p->out);
    return 1;
}

int app_play_host_timer_paused(const Play *p)
{
    return p->host && net_game_paused(p->host->room.room);
}

int app_play_host_key(Play *p, const SDL_KeyboardEvent *k)
{
    AppPlayHost *h = p->host;
    if (!h || !h->started || p->over)
        return 0;
    char line[200], n[16];
    switch (k->keysym.sym) {
    case SDLK_SPACE:
        app_play_host_button(p, UI_BUTTON_PLAY);
        return 1;
    case SDLK_e:
        net_game_extend(h->room.room, EXTEND_SECONDS);
        app_play_set_notice(p, core_trf(line, sizeof line, "room.notice.extended",
                                        app_play_num(EXTEND_SECONDS, n, sizeof n), NULL));
        return 1;
    default:
        return 0;
    }
}

int app_play_host_click(Play *p, float x, float y)
{
    AppPlayHost *h = p->host;
    if (!h)
        return 0;
    int seat = -1;
    switch (ui_room_hit(&h->geom, &h->view, x, y, &seat)) {
    case UI_ROOM_HIT_START:
        start(p);
        return 1;
    case UI_ROOM_HIT_SEAT:
        h->view.menu_seat = seat == h->view.menu_seat ? -1 : seat;
        h->menu_code[0] = '\0';
        return 1;
    case UI_ROOM_HIT_FREE:
    case UI_ROOM_HIT_NEW:
        seat_action(p, ui_room_hit(&h->geom, &h->view, x, y, &seat) == UI_ROOM_HIT_NEW);
        return 1;
    case UI_ROOM_HIT_CLOSE:
        h->view.menu_seat = -1;
        h->menu_code[0] = '\0';
        return 1;
    default:
        return !h->started; /* the room screen takes every click */
    }
}
