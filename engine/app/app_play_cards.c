/* app_play_cards: the cards the window stops on, story and default, in one queue (see
 * app_play_state.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play_state.h"

#include "app_class.h"
#include "core_text.h"
#include "ui_card.h"
#include "ui_fail.h"
#include "ui_lesson.h"

#include <stdio.h>
#include <string.h>

/* Says on `out` which card is on show ("card 2 of 3: tsmc-7t-refusal"), for the people who
 * follow a game in the terminal and for the tests that drive the window. */
static void tell_card(Play *p)
{
    char line[400], k[16], n[16], what[200];
    if (!app_play_card_up(p)) {
        fprintf(p->out, "%s\n", core_tr("play.out.cards_done"));
        fflush(p->out);
        return;
    }
    const PlayCard *c = &p->cards[p->card_at];
    if (c->kind == PLAY_CARD_FAIL)
        core_trf(what, sizeof what, "play.out.card_fail", p->w->sc->actors[c->ref].id, NULL);
    else if (p->story && p->story->cards[c->ref] >= 0)
        snprintf(what, sizeof what, "%s", p->w->sc->events[p->story->cards[c->ref]].id);
    else
        snprintf(what, sizeof what, "%s", core_tr("play.out.card_intro"));
    core_trf(line, sizeof line, "play.out.card", app_play_num(p->card_at + 1, k, sizeof k),
             app_play_num(p->n_cards, n, sizeof n), what, NULL);
    fprintf(p->out, "%s\n", line);
    fflush(p->out);
}

/* The cards just queued come up: auto-play stops until the last is dismissed, and for a moment
 * their keys wait. */
static void cards_up(Play *p)
{
    if (p->n_cards == 0)
        return;
    p->card_at = 0;
    p->card_folded = 0;
    p->card_resume = p->card_resume || p->playing;
    p->playing = 0;
    p->card_since = SDL_GetTicks();
    tell_card(p);
}

void app_play_cards_month(Play *p, int turn, int rc)
{
    char line[1200];
    p->n_cards = p->card_at = 0;
    p->card_resume = 0;
    if (p->story && app_class_month(p->story, p->w) > 0) {
        for (int k = 0; k < p->story->n_cards; k++) {
            p->cards[p->n_cards++] = (PlayCard){PLAY_CARD_STORY, k};
            fprintf(p->out, "%s\n",
                    core_trf(line, sizeof line, "play.out.classroom",
                             p->w->sc->events[p->story->cards[k]].id, NULL));
        }
    }
    /* At the game's end the debrief says it all: no default's card then. */
    int fails[64], n = 0;
    if (rc == 0)
        n = ui_fail_month(p->w, turn, fails, (int)(sizeof fails / sizeof fails[0]));
    for (int k = 0; k < n && p->n_cards < PLAY_CARDS; k++) {
        p->cards[p->n_cards++] = (PlayCard){PLAY_CARD_FAIL, fails[k]};
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, "play.out.failed",
                         core_tr_content(p->w->sc->actors[fails[k]].name), NULL));
    }
    fflush(p->out);
    cards_up(p);
}

int app_play_card_up(const Play *p)
{
    return p->card_at < p->n_cards;
}

const char *app_play_card_story_id(const Play *p)
{
    if (!app_play_card_up(p) || !p->story)
        return "";
    const PlayCard *c = &p->cards[p->card_at];
    if (c->kind != PLAY_CARD_STORY || c->ref < 0 || c->ref >= p->story->n_cards)
        return "";
    int e = p->story->cards[c->ref];
    return e >= 0 ? p->w->sc->events[e].id : p->w->sc->id;
}

/* How long auto-play waits after the last card before the next month: one step at its speed
 * (app_play.c's speeds[] are 0.25 months a second doubled at each index), at least a second,
 * so the map is seen before the month goes on. */
static Uint32 resume_wait(const Play *p)
{
    Uint32 step = 4000u >> (p->speed_idx < 0 ? 0 : p->speed_idx);
    return step < 1000u ? 1000u : step;
}

void app_play_card_go(Play *p, int step)
{
    if (!app_play_card_up(p) || (step < 0 && p->card_at == 0))
        return;
    p->card_at += step < 0 ? -1 : 1;
    if (app_play_card_up(p)) {
        tell_card(p);
        return;
    }
    p->n_cards = p->card_at = 0;
    if (p->story)
        app_class_clear(p->story);
    tell_card(p);
    if (p->card_resume && !p->over) {
        p->playing = 1;
        p->next_step = SDL_GetTicks() + resume_wait(p);
    }
    p->card_resume = 0;
}

void app_play_card_fold(Play *p)
{
    if (app_play_card_up(p))
        p->card_folded = !p->card_folded;
}

void app_play_cards_clear(Play *p)
{
    p->n_cards = p->card_at = p->card_folded = p->card_resume = 0;
    if (p->story)
        app_class_clear(p->story);
}

/* ---------------------------------------------------------------- story mode */

/* The story cards leave the queue (story mode goes off); the defaults' cards stay. */
static void drop_story_cards(Play *p)
{
    int n = 0, at = 0;
    for (int k = 0; k < p->n_cards; k++) {
        if (k == p->card_at)
            at = n;
        if (p->cards[k].kind != PLAY_CARD_STORY)
            p->cards[n++] = p->cards[k];
    }
    int was_up = app_play_card_up(p);
    p->n_cards = n;
    p->card_at = at < n ? at : n;
    if (was_up && !app_play_card_up(p)) {
        p->card_at = p->n_cards = 0;
        if (p->card_resume && !p->over) {
            p->playing = 1;
            p->next_step = SDL_GetTicks() + resume_wait(p);
        }
        p->card_resume = 0;
    }
}

/* T: story mode on or off (the notes are read the first time). */
void app_play_toggle_story(Play *p)
{
    if (p->story) {
        drop_story_cards(p);
        app_class_destroy(p->story);
        p->story = NULL;
        app_play_set_notice(p, core_tr("play.notice.story_off"));
        return;
    }
    char err[512] = "", line[700];
    p->story = app_class_create(p->w, err, sizeof err);
    if (!p->story) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.no_story", err, NULL));
        app_play_set_notice(p, core_tr("play.notice.no_notes"));
        return;
    }
    app_play_set_notice(p, core_tr("play.notice.story_on"));
    /* At the start, the scenario's own lesson first (a what-if says what to watch). */
    if (p->w->turn == 0 && !app_play_card_up(p) && app_class_intro(p->story, p->w)) {
        p->n_cards = 0;
        p->cards[p->n_cards++] = (PlayCard){PLAY_CARD_STORY, 0};
        cards_up(p);
    }
}

/* ---------------------------------------------------------------- keys and clicks */

/* The card's own action: leave story mode (a story card) or the debrief (a default's). */
static void card_action(Play *p)
{
    if (p->cards[p->card_at].kind == PLAY_CARD_STORY)
        app_play_toggle_story(p);
    else
        p->show_debrief = 1;
}

static int in_grace(const Play *p)
{
    return (Sint32)(SDL_GetTicks() - (p->card_since + PLAY_CARD_GRACE_MS)) < 0;
}

int app_play_card_key(Play *p, const SDL_KeyboardEvent *k)
{
    if (!app_play_card_up(p) || p->show_help)
        return 0;
    SDL_Keycode key = k->keysym.sym;
    int step = 0;
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_n:
    case SDLK_RIGHT:
        step = 1;
        break;
    case SDLK_LEFT:
    case SDLK_BACKSPACE:
        step = -1;
        break;
    case SDLK_ESCAPE:
        /* A story card: leave story mode (its button says so); a default's: the next card. */
        if (!in_grace(p)) {
            if (p->cards[p->card_at].kind == PLAY_CARD_STORY)
                app_play_toggle_story(p);
            else
                app_play_card_go(p, 1);
        }
        return 1;
    case SDLK_f:
        app_play_card_fold(p);
        return 1;
    case SDLK_d:
        p->show_debrief = 1; /* the cards wait: D comes back to them */
        return 1;
    case SDLK_a: /* hosting: the class's answers shown */
        if (!app_play_host_reveal(p))
            app_play_set_notice(p, core_tr("play.notice.card_keys"));
        return 1;
    case SDLK_l:
        p->card_folded = 1; /* the levers beside the folded card, the map in view */
        return 0;
    default:
        /* Keys that do their own thing with a card up: help, screenshot, quit, speed, scale,
         * story mode, save and load, and the news log's own keys (PgUp/PgDn/Home/End scroll it,
         * V filters it: a card never takes them, so each key has one role). Any other says what
         * the card wants. */
        if (key == SDLK_PAGEUP || key == SDLK_PAGEDOWN || key == SDLK_HOME || key == SDLK_END ||
            key == SDLK_v)
            return 0;
        if (key == SDLK_h || key == SDLK_F1 || key == SDLK_s || key == SDLK_q || key == SDLK_t ||
            key == SDLK_PLUS || key == SDLK_EQUALS || key == SDLK_KP_PLUS || key == SDLK_MINUS ||
            key == SDLK_KP_MINUS || (k->keysym.mod & KMOD_CTRL) || key == SDLK_F5 ||
            key == SDLK_F9 || key == SDLK_F11)
            return 0;
        if (key != SDLK_CAPSLOCK && !(key >= SDLK_LCTRL && key <= SDLK_RGUI))
            app_play_set_notice(p, core_tr("play.notice.card_keys"));
        return 1;
    }
    if (!in_grace(p))
        app_play_card_go(p, step);
    return 1;
}

int app_play_card_click(Play *p, float x, float y)
{
    if (!app_play_card_up(p))
        return 0;
    UiCardHit h = ui_card_hit(&p->card, x, y);
    if (h == UI_CARD_NONE)
        return 0;
    if (in_grace(p))
        return 1;
    switch (h) {
    case UI_CARD_NEXT:
        app_play_card_go(p, 1);
        break;
    case UI_CARD_PREV:
        app_play_card_go(p, -1);
        break;
    case UI_CARD_FOLD:
        app_play_card_fold(p);
        break;
    case UI_CARD_ACTION:
        card_action(p);
        break;
    case UI_CARD_REVEAL:
        app_play_host_reveal(p);
        break;
    default:
        break;
    }
    return 1;
}

/* ---------------------------------------------------------------- drawing */

void app_play_cards_draw(Play *p, int ow, int oh)
{
    memset(&p->card, 0, sizeof p->card);
    SDL_FRect screen = {0, 0, (float)ow, (float)oh};
    if (!p->show_debrief && !p->show_help && app_play_card_up(p)) {
        const PlayCard *pc = &p->cards[p->card_at];
        UiCard c;
        UiFailCard fc;
        UiLessonCard lc;
        int ok = 0;
        if (pc->kind == PLAY_CARD_FAIL) {
            ui_fail_card(p->w, pc->ref, p->card_at, p->n_cards, &fc);
            ui_fail_to_card(&fc, p->card_at, p->n_cards, &c);
            ok = 1;
        } else if (app_class_card_at(p->story, p->w, pc->ref, &lc)) {
            ui_lesson_to_card(&lc, &c);
            c.index = p->card_at;
            c.count = p->n_cards;
            c.answers = app_play_host_card_answers(p, app_play_card_story_id(p));
            ok = 1;
        }
        if (ok)
            ui_card_draw(p->d, screen, p->geom.feed, &c, p->card_folded || p->levers, p->mouse_x,
                         p->mouse_y, &p->card);
    }
}

void app_play_ask_draw(Play *p, int ow, int oh)
{
    SDL_FRect screen = {0, 0, (float)ow, (float)oh};
    if (p->quit_ask)
        ui_card_ask(p->d, screen, core_tr("play.ask.quit"), core_tr("play.ask.quit_keys"));
}
