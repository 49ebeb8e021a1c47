/* app_play_state: the game in the window and what moves it (see app_play_state.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play_state.h"

#include "app_class.h"
#include "app_compare.h"
#include "app_news.h"
#include "app_play_saves.h"
#include "app_replay.h"
#include "app_story.h"
#include "core_text.h"
#include "sim_turn.h"
#include "sim_world.h"
#include "ui_desk.h"
#include "ui_fail.h"
#include "ui_takeaway.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- words */

/* A whole number as text, for core_trf's string arguments. */
const char *app_play_num(long long v, char *buf, size_t n)
{
    snprintf(buf, n, "%lld", v);
    return buf;
}

/* How the game ended, in the reader's words (end.<reason>; English: the reason's name). */
static const char *end_words(const SimWorld *w)
{
    char key[48];
    snprintf(key, sizeof key, "end.%s", sim_end_reason_name(w->end));
    return core_tr(key);
}

void app_play_list_add(char *buf, size_t n, size_t *used, const char *item)
{
    if (*used >= n)
        return;
    int k =
        snprintf(buf + *used, n - *used, "%s%s", *used ? core_tr("play.out.list_sep") : "", item);
    *used += k > 0 ? (size_t)k : 0;
}

/* ---------------------------------------------------------------- the story and the log notes */

/* Tells the month to `out` as `run` does; the strategies' printed notes also go to the log (the
 * month's events are in it from the world's record, app_news). */
static void tell_month(Play *p, int turn, int first)
{
    app_story_turn(p->out, p->w, turn, first, p->w->n_events);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        app_story_script_notes(p->out, p->w, turn);
        return;
    }
    app_story_script_notes(mem, p->w, turn);
    fclose(mem);
    fwrite(buf, 1, len, p->out);
    for (const char *s = buf; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '?'))
            lead++;
        if (n > lead && p->news) {
            char note[2048];
            snprintf(note, sizeof note, "%.*s", (int)(n - lead), s + lead);
            app_news_note(p->news, turn, note);
        }
        s += n + (e ? 1 : 0);
    }
    free(buf);
}

void app_play_set_title(Play *p)
{
    char t[512];
    if (p->over)
        core_trf(t, sizeof t, "play.title.over", core_tr_content(p->w->sc->title), end_words(p->w),
                 NULL);
    else
        core_trf(t, sizeof t, "play.title.game", core_tr_content(p->w->sc->title), NULL);
    SDL_SetWindowTitle(p->win, t);
}

/* ---------------------------------------------------------------- people's turns */

/* Opens the desk of the s-th person for the coming month (nothing if the game is over or
 * nobody plays a role); with several people, the hand-over screen first. */
static void open_seat(Play *p, int s)
{
    p->seat = -1;
    p->handover = 0;
    if (p->over || s < 0 || s >= p->n_seats)
        return;
    p->seat = s;
    p->handover = p->n_seats > 1;
    ui_desk_open(&p->desk, p->w, p->seats[s]);
}

/* The people's seats of the world in hand, and the first desk. */
void app_play_reseat(Play *p)
{
    p->n_seats = 0;
    for (int i = 0; i < p->w->n && p->n_seats < (int)(sizeof p->seats / sizeof p->seats[0]); i++)
        if (sim_strategy_is_queued(&p->w->actors[i].strategy))
            p->seats[p->n_seats++] = i;
    open_seat(p, 0);
}

/* The person whose desk is open ends the turn: their answers and proposals are queued for the
 * seat's strategy; the next person's desk opens, or the month is played. */
void app_play_end_seat(Play *p)
{
    if (p->seat < 0)
        return;
    int me = p->seats[p->seat];
    SimIntentList *q = sim_strategy_queue(&p->w->actors[me].strategy);
    if (q) {
        memset(q, 0, sizeof *q);
        ui_desk_intents(&p->desk, q);
        char line[256], n[16];
        core_trf(line, sizeof line,
                 q->n == 1 ? "play.out.ends_turn.one" : "play.out.ends_turn.many",
                 core_tr_content(p->w->sc->actors[me].name), app_play_num(q->n, n, sizeof n), NULL);
        fprintf(p->out, "%s\n", line);
    }
    if (p->seat + 1 < p->n_seats) {
        open_seat(p, p->seat + 1);
        return;
    }
    p->seat = -1;
    app_play_turn(p);
}

/* Plays one month; stops auto-play when the game ends. */
void app_play_turn(Play *p)
{
    if (p->over)
        return;
    char err[1024] = "", line[1200], n[24];
    int first = p->w->n_events, turn = p->w->turn;
    if (p->rec && app_replay_record_turn(p->rec, p->w, err, sizeof err) < 0) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.replay_off", err, NULL));
        app_replay_free(p->rec);
        p->rec = NULL;
    }
    if (p->compare && app_compare_step(p->compare, p->w, err, sizeof err) < 0)
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.engine", err, NULL));
    app_play_host_step(p, 1);
    int rc = sim_turn_step(p->w, err, sizeof err);
    app_play_host_step(p, 0);
    if (rc < 0) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.engine", err, NULL));
        p->status = 1;
        p->over = 1;
        p->playing = 0;
        app_play_set_title(p);
        return;
    }
    tell_month(p, turn, first);
    p->played++;
    if (p->g && !p->host) /* a hosted game is saved with its room by the host */
        app_play_autosave(p);
    fprintf(
        p->out, "%s\n",
        core_trf(line, sizeof line, "play.out.turn", app_play_num(p->w->turn, n, sizeof n), NULL));
    if (rc == 1) {
        p->over = 1;
        p->playing = 0;
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, "play.out.over", end_words(p->w), NULL));
        app_story_table(p->out, p->w);
        p->show_debrief = 1;
        app_play_set_title(p);
    }
    fflush(p->out);
    if (p->o->quit_after_turns > 0 && p->played >= p->o->quit_after_turns)
        p->quit = 1;
    /* The month's story cards and defaults' cards (the game goes on after a default: the
     * debrief is a key away); auto-play waits for them. */
    app_play_cards_month(p, turn, rc);
    open_seat(p, 0);
}

int app_play_animating(const Play *p)
{
    return p->playing && !p->over && p->seat < 0 && !app_play_card_up(p);
}

/* ---------------------------------------------------------------- story mode */

/* The lesson in numbers, with the class's questions when the scenario has notes. */
void app_play_draw_lesson_page(Play *p, int ow, int oh)
{
    if (!p->notes && !p->story) {
        char err[512] = "";
        p->notes = app_class_create(p->w, err, sizeof err);
    }
    const AppClass *c = p->story ? p->story : p->notes;
    const char *q[DAT_LESSON_DEBRIEF];
    int n = 0;
    for (int k = 0; c && k < c->notes->n_debrief; k++)
        q[n++] = c->notes->debrief[k];
    ui_takeaway_draw(p->d, ow, oh, p->w, q, n, core_tr("play.keys.lesson"), NULL);
}

void app_play_set_notice(Play *p, const char *text)
{
    snprintf(p->notice, sizeof p->notice, "%s", text);
    p->notice_until = SDL_GetTicks() + 4000;
}
