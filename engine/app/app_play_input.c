/* app_play_input: keys and clicks in the window (see app_play_input.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play_input.h"

#include "app_play_news.h"
#include "app_play_saves.h"
#include "app_window.h"
#include "app_compare.h"
#include "core_text.h"
#include "ui_scale.h"
#include "sim_lever.h"
#include "ui_desk.h"
#include "ui_levers.h"
#include "ui_saves.h"
#include "ui_screen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Before a lever moves in a month with no comparison yet: the game as it stands is kept, to be
 * played on beside this one without the change (app_compare). A copy that fails is said in a
 * notice; the lever moves all the same. */
static void keep_unchanged(Play *p)
{
    if (!p->g || !app_compare_wants_new(p->compare, p->w))
        return;
    char err[768] = "";
    AppCompare *c = app_compare_begin(p->g, err, sizeof err);
    if (!c) {
        fprintf(p->errout, "closedloop: %s\n", err);
        app_play_set_notice(p, err);
        return;
    }
    app_compare_free(p->compare);
    p->compare = c;
}

/* The teacher moves lever l by dir steps (ten with big); the output says so (the log shows it). */
static void move_lever(Play *p, int l, int dir, int big)
{
    const SimLeverInfo *in = sim_lever_info((SimLever)l);
    if (!in || p->over)
        return;
    double now = sim_lever_get(p->w, (SimLever)l);
    double v = now + dir * in->step * (big ? 10 : 1);
    v = v < in->min ? in->min : v > in->max ? in->max : v;
    if (fabs(v - now) <= 1e-12)
        return; /* at the end of its range */
    keep_unchanged(p);
    int before = p->w->n_events;
    char err[256] = "";
    if (sim_lever_set(p->w, (SimLever)l, v, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        app_play_set_notice(p, err);
        return;
    }
    if (p->w->n_events > before) {
        char line[640], what[400];
        core_trf(line, sizeof line, "play.out.lever",
                 ui_levers_event_text(p->w, &p->w->events[before], what, sizeof what), NULL);
        fprintf(p->out, "%s\n", line);
        fflush(p->out); /* the log shows the lever's event from the world's record */
    }
}

/* Keys while the lever panel is open; returns 1 if the key was the panel's. */
static int on_lever_key(Play *p, const SDL_KeyboardEvent *k)
{
    if (!p->levers || p->show_help)
        return 0;
    int big = (k->keysym.mod & KMOD_SHIFT) != 0;
    switch (k->keysym.sym) {
    case SDLK_UP:
        p->lever_focus = (p->lever_focus + SIM_LEVER_COUNT - 1) % SIM_LEVER_COUNT;
        return 1;
    case SDLK_DOWN:
    case SDLK_TAB:
        p->lever_focus = (p->lever_focus + 1) % SIM_LEVER_COUNT;
        return 1;
    case SDLK_LEFT:
    case SDLK_RIGHT:
        move_lever(p, p->lever_focus, k->keysym.sym == SDLK_RIGHT ? 1 : -1, big);
        return 1;
    case SDLK_ESCAPE:
    case SDLK_l:
        p->levers = 0;
        /* Auto-play waited while the panel was open: it goes on if it was on. */
        if (p->lever_resume && !p->over) {
            p->playing = 1;
            p->next_step = SDL_GetTicks();
        }
        p->lever_resume = 0;
        return 1;
    default:
        return 0;
    }
}

/* Q (or Escape) asked to quit: Q again or Y quits, anything else stays; returns 1 while the
 * question is up. */
static int on_quit_key(Play *p, SDL_Keycode key)
{
    if (!p->quit_ask)
        return 0;
    if (key == SDLK_LCTRL || key == SDLK_RCTRL || key == SDLK_LSHIFT || key == SDLK_RSHIFT)
        return 1;
    p->quit_ask = 0;
    if (key == SDLK_q || key == SDLK_y)
        p->quit = 1;
    return 1;
}

/* ---------------------------------------------------------------- input */

static void toggle_play(Play *p)
{
    if (p->over)
        return;
    p->lever_resume = 0; /* the person decides: closing the levers leaves it so */
    p->playing = !p->playing;
    p->next_step = SDL_GetTicks();
}

/* Ctrl+= and Ctrl+-: the next interface scale up or down (ui_scale.h); the notice names it,
 * and says so when the window holds no larger one. */
static void change_scale(Play *p, int dir)
{
    int ow = 1, oh = 1;
    SDL_GetRendererOutputSize(p->r, &ow, &oh);
    double before = ui_scale_layout(ow, oh, p->pixel_ratio, p->user_scale);
    p->user_scale = ui_scale_step(p->user_scale, dir);
    double after = ui_scale_layout(ow, oh, p->pixel_ratio, p->user_scale);
    int preset = ui_scale_preset_of(p->user_scale);
    char name[64], pct[16];
    snprintf(name, sizeof name, "start.scale_name.%s",
             preset >= 0 ? ui_scale_preset_name(preset) : "other");
    snprintf(pct, sizeof pct, "%.0f%%", p->user_scale * 100);
    core_trf(p->notice, sizeof p->notice,
             dir > 0 && after <= before * 1.001 ? "play.notice.scale_most" : "play.notice.scale",
             core_tr(name), pct, NULL);
    p->notice_until = SDL_GetTicks() + 3000;
}

/* F11: full screen on or off. */
static void toggle_fullscreen(Play *p)
{
    int on = app_window_set_fullscreen(p->win, !app_window_is_fullscreen(p->win));
    core_trf(p->notice, sizeof p->notice,
             on ? "play.notice.fullscreen_on" : "play.notice.fullscreen_off", NULL);
    p->notice_until = SDL_GetTicks() + 3000;
}

/* Keys on a person's turn; returns 1 if the key was theirs. */
static int on_desk_key(Play *p, const SDL_KeyboardEvent *k)
{
    if (p->seat < 0 || p->show_help)
        return 0;
    SDL_Keycode key = k->keysym.sym;
    int shift = (k->keysym.mod & KMOD_SHIFT) != 0, ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
    int enter = key == SDLK_RETURN || key == SDLK_KP_ENTER;
    UiDesk *d = &p->desk;
    if (p->handover) {
        if (enter || key == SDLK_SPACE)
            p->handover = 0;
        return key != SDLK_q && key != SDLK_ESCAPE && key != SDLK_s;
    }
    if (d->draft.open) {
        /* Ctrl+Enter sends the draft; Enter only confirms the row (ui_desk_enter). */
        if (ctrl && enter) {
            ui_desk_draft_commit(d, p->w);
            return 1;
        }
        /* The dialog takes every other key but the interface scale: letters are typed text. */
        if (ctrl)
            return 0;
        switch (key) {
        case SDLK_UP:
            ui_desk_focus(d, -1);
            break;
        case SDLK_DOWN:
            ui_desk_focus(d, 1);
            break;
        case SDLK_TAB:
            ui_desk_focus(d, shift ? -1 : 1);
            break;
        case SDLK_LEFT:
        case SDLK_RIGHT:
            if (d->draft.focus != UI_F_REASON)
                ui_desk_step(d, p->w, d->draft.focus, key == SDLK_RIGHT ? 1 : -1, shift);
            break;
        case SDLK_BACKSPACE:
            ui_desk_backspace(d, p->w);
            break;
        case SDLK_ESCAPE:
            ui_desk_draft_cancel(d);
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            ui_desk_enter(d, p->w);
            break;
        default:
            break;
        }
        return 1;
    }
    if (ctrl)
        return 0;
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_n:
    case SDLK_RIGHT:
        app_play_end_seat(p);
        return 1;
    case SDLK_b: /* a rescue: money into a firm in distress, or a failed firm bought */
        ui_desk_draft_rescue(d, p->w, -1);
        return 1;
    case SDLK_p:
        ui_desk_draft_new(d, p->w);
        return 1;
    case SDLK_UP:
        if (d->sel > 0)
            d->sel--;
        return 1;
    case SDLK_DOWN:
        if (d->sel + 1 < d->n_offers)
            d->sel++;
        return 1;
    case SDLK_a:
        ui_desk_answer(d, d->sel, UI_ANS_ACCEPT);
        return 1;
    case SDLK_r:
        ui_desk_answer(d, d->sel, UI_ANS_REJECT);
        return 1;
    case SDLK_c:
        ui_desk_draft_counter(d, p->w, d->sel);
        return 1;
    case SDLK_SPACE:
        return 1; /* auto-play waits for people anyway */
    default:
        if (key >= SDLK_1 && key <= SDLK_9 && key - SDLK_1 < d->n_offers) {
            d->sel = key - SDLK_1;
            return 1;
        }
        return 0;
    }
}

/* A click on a person's desk, dialog or hand-over screen; returns 1 if it was theirs. */
static int on_desk_click(Play *p, float x, float y)
{
    if (p->seat < 0)
        return 0;
    UiRoleHit h = ui_role_hit(&p->geom.role, x, y);
    UiDesk *d = &p->desk;
    switch (h.action) {
    case UI_ROLE_NONE:
        return 0;
    case UI_ROLE_READY:
        p->handover = 0;
        break;
    case UI_ROLE_OFFER:
        d->sel = h.index;
        break;
    case UI_ROLE_ACCEPT:
        ui_desk_answer(d, h.index, UI_ANS_ACCEPT);
        break;
    case UI_ROLE_REJECT:
        ui_desk_answer(d, h.index, UI_ANS_REJECT);
        break;
    case UI_ROLE_COUNTER:
        ui_desk_draft_counter(d, p->w, h.index);
        break;
    case UI_ROLE_REMOVE:
        ui_desk_remove_own(d, h.index);
        break;
    case UI_ROLE_NEW:
        ui_desk_draft_new(d, p->w);
        break;
    case UI_ROLE_END:
        app_play_end_seat(p);
        break;
    case UI_ROLE_FIELD:
        d->draft.focus = (UiField)h.index;
        d->draft.typed[0] = '\0';
        break;
    case UI_ROLE_MINUS:
    case UI_ROLE_PLUS:
        d->draft.focus = (UiField)h.index;
        ui_desk_step(d, p->w, (UiField)h.index, h.action == UI_ROLE_PLUS ? 1 : -1,
                     (SDL_GetModState() & KMOD_SHIFT) != 0);
        break;
    case UI_ROLE_OK:
        ui_desk_draft_commit(d, p->w);
        break;
    case UI_ROLE_CANCEL:
        ui_desk_draft_cancel(d);
        break;
    case UI_ROLE_INSIDE:
        break;
    }
    return 1;
}

static void on_key(Play *p, const SDL_KeyboardEvent *k)
{
    /* On the debrief: D or Escape goes back to the game; S and Q work; nothing else. */
    SDL_Keycode sym = k->keysym.sym;
    if (app_play_lab_picking(p) && !p->quit_ask) {
        app_play_lab_key(p, k); /* a path being typed: every key is the picker's */
        return;
    }
    if (on_quit_key(p, sym))
        return;
    /* Full screen and the interface scale work on every screen, over a card or a dialog. */
    int ctrl_scale = (k->keysym.mod & KMOD_CTRL) != 0;
    if (sym == SDLK_F11) {
        toggle_fullscreen(p);
        return;
    }
    if (ctrl_scale && (sym == SDLK_EQUALS || sym == SDLK_PLUS || sym == SDLK_KP_PLUS ||
                       sym == SDLK_MINUS || sym == SDLK_KP_MINUS)) {
        change_scale(p, sym == SDLK_MINUS || sym == SDLK_KP_MINUS ? -1 : 1);
        return;
    }
    if (app_play_host_room_key(p, k))
        return;
    if (p->show_debrief) {
        if (sym == SDLK_d || sym == SDLK_ESCAPE)
            p->show_debrief = 0;
        else if (sym == SDLK_TAB)
            p->lesson_page = !p->lesson_page;
        else if (sym == SDLK_s)
            p->shot_pending = 1;
        else if (sym == SDLK_q)
            p->quit_ask = 1;
        else if (sym == SDLK_n && p->over)
            p->new_game = p->quit = 1; /* the start screen again, the same scenario */
        return;
    }
    if (app_play_on_saves_key(p, k->keysym.sym))
        return;
    int ctrl_key = (k->keysym.mod & KMOD_CTRL) != 0;
    if (k->keysym.sym == SDLK_F5 || (ctrl_key && k->keysym.sym == SDLK_s)) {
        app_play_save_now(p);
        return;
    }
    if (k->keysym.sym == SDLK_F9 || (ctrl_key && k->keysym.sym == SDLK_o)) {
        app_play_open_saves(p);
        return;
    }
    /* The lever panel first: a card folds beside it (L), and its arrows are the panel's. */
    if (on_lever_key(p, k))
        return;
    if (app_play_card_key(p, k))
        return;
    if (app_play_host_key(p, k))
        return;
    if (on_desk_key(p, k))
        return;
    if (app_play_lab_key(p, k))
        return;
    if (app_play_news_key(p, k))
        return;
    switch (k->keysym.sym) {
    case SDLK_SPACE:
        toggle_play(p);
        break;
    case SDLK_n:
    case SDLK_RIGHT:
        app_play_turn(p);
        break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        if (p->speed_idx < N_SPEEDS - 1)
            p->speed_idx++;
        break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        if (p->speed_idx > 0)
            p->speed_idx--;
        break;
    case SDLK_h:
    case SDLK_F1:
        p->show_help = !p->show_help;
        break;
    case SDLK_s:
        p->shot_pending = 1;
        break;
    case SDLK_ESCAPE:
        if (p->show_help)
            p->show_help = 0;
        else
            p->quit_ask = 1;
        break;
    case SDLK_q:
        p->quit_ask = 1;
        break;
    case SDLK_d:
        p->show_debrief = 1;
        break;
    case SDLK_t:
        app_play_toggle_story(p);
        break;
    case SDLK_l:
        /* The levers open with the game waiting: a change is seen before the next month. */
        p->levers = 1;
        p->lever_resume = p->playing;
        p->playing = 0;
        break;
    default:
        break;
    }
}

/* The draft's other side plays a script: it is asked, on a copy of the game, what it would answer
 * to the terms as they stand (once per change of the terms; the game is not touched). */
static void ask_other_side(Play *p)
{
    UiDesk *d = &p->desk;
    if (p->seat < 0 || p->handover || !p->g || !ui_desk_wants_asking(d, p->w))
        return;
    const SimTerms *t = &d->draft.t;
    int other = t->payer == d->me ? t->payee : t->payer;
    char reason[SIM_REASON_LEN], err[256];
    int answer = app_game_forecast(p->g, d->me, other, t, reason, sizeof reason, err, sizeof err);
    ui_desk_set_asked(d, answer, answer < 0 ? "" : reason);
}

void app_play_handle_events(Play *p)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT:
            p->quit = 1;
            break;
        case SDL_KEYDOWN:
            on_key(p, &e.key);
            break;
        case SDL_TEXTINPUT:
            if (app_play_lab_text(p, e.text.text))
                break;
            if (p->seat >= 0 && !p->handover && p->desk.draft.open)
                ui_desk_type(&p->desk, p->w, e.text.text);
            break;
        case SDL_MOUSEMOTION:
            p->mouse_x = (float)(e.motion.x * p->pixel_ratio);
            p->mouse_y = (float)(e.motion.y * p->pixel_ratio);
            break;
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.button == SDL_BUTTON_LEFT) {
                float x = (float)(e.button.x * p->pixel_ratio),
                      y = (float)(e.button.y * p->pixel_ratio);
                p->mouse_x = x;
                p->mouse_y = y;
                if (p->show_saves) {
                    app_play_on_saves_click(p, x, y);
                    break;
                }
                if (p->show_debrief)
                    break;
                if (p->show_help) {
                    p->show_help = 0;
                    break;
                }
                if (p->quit_ask) {
                    p->quit_ask = 0; /* a click stays */
                    break;
                }
                if (app_play_lab_click(p, x, y) || app_play_host_click(p, x, y))
                    break;
                if (app_play_card_click(p, x, y))
                    break;
                if (p->levers) {
                    UiLeverHit h = ui_levers_hit(&p->geom.levers, x, y);
                    if (h.action == UI_LEVER_MINUS || h.action == UI_LEVER_PLUS) {
                        p->lever_focus = h.lever;
                        move_lever(p, h.lever, h.action == UI_LEVER_PLUS ? 1 : -1,
                                   (SDL_GetModState() & KMOD_SHIFT) != 0);
                    } else if (h.action == UI_LEVER_ROW) {
                        p->lever_focus = h.lever;
                    }
                    if (h.action != UI_LEVER_NONE)
                        break;
                }
                if (on_desk_click(p, x, y) || app_play_news_click(p, x, y))
                    break;
                UiButton b = ui_screen_button_at(&p->geom, x, y);
                if (app_play_host_button(p, b))
                    break; /* hosting: the room's timer, no load */
                if (b == UI_BUTTON_SAVE)
                    app_play_save_now(p);
                else if (b == UI_BUTTON_LOAD)
                    app_play_open_saves(p);
                if (b == UI_BUTTON_NEXT && p->seat >= 0)
                    app_play_end_seat(p);
                else if (b == UI_BUTTON_NEXT)
                    app_play_turn(p);
                else if (b == UI_BUTTON_PLAY)
                    toggle_play(p);
            }
            break;
        case SDL_MOUSEWHEEL: {
            int dy = e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e.wheel.y : e.wheel.y;
            app_play_news_wheel(p, dy > 0 ? 1.0f : dy < 0 ? -1.0f : 0.0f);
            break;
        }
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_LEAVE)
                p->mouse_x = p->mouse_y = -1;
            break;
        default:
            break;
        }
    }
    ask_other_side(p);
}
