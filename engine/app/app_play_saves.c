/* app_play_saves: saving and loading from the window (see app_play_saves.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play_saves.h"

#include "app_compare.h"

#include "app_news.h"

#include "app_class.h"
#include "app_replay.h"
#include "app_save.h"
#include "app_seat.h"
#include "app_worlds.h"
#include "core_text.h"
#include "dat_save.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---------------------------------------------------------------- saves */

/* Makes the folder if it is missing (its parent must exist). */
int app_play_ensure_dir(const char *dir, char *err, size_t errsz)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    core_trf(err, errsz, "play.err.mkdir", dir, strerror(errno), NULL);
    return -1;
}

static void autosave_dir(char *buf, size_t n)
{
    snprintf(buf, n, "%s/autosave", app_saves_dir());
}

/* The game in hand gets its number at its first save (or its replay): one more than any in the
 * folders. */
void app_play_number_game(Play *p)
{
    if (p->g->game_no > 0)
        return;
    char dir[1100], rdir[1100];
    autosave_dir(dir, sizeof dir);
    snprintf(rdir, sizeof rdir, "%s/replays", app_saves_dir());
    const char *dirs[3] = {app_saves_dir(), dir, rdir};
    p->g->game_no = app_save_new_game_no(dirs, 3);
}

/* F5: saves/SCENARIO-gameN-YYYY-MM.json (-2, -3 ... for another of the same month). */
void app_play_save_now(Play *p)
{
    char path[1200], err[1024] = "";
    app_play_number_game(p);
    if (app_play_ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_game_save_named(p->g, app_saves_dir(), 1, path, sizeof path, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        app_play_set_notice(p, core_tr("play.notice.save_failed"));
        return;
    }
    char line[1400];
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "play.out.saved", path, NULL));
    fflush(p->out);
    /* The notice shows the name: the folder is in the terminal's line. */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    app_play_set_notice(p, core_trf(line, sizeof line, "play.notice.saved", base, NULL));
}

/* After every month: the last few months of each of the last few games stay on disk. */
void app_play_autosave(Play *p)
{
    char dir[1100], err[1024] = "";
    autosave_dir(dir, sizeof dir);
    app_play_number_game(p);
    if (app_play_ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_game_autosave(p->g, dir, APP_AUTOSAVE_KEEP, APP_AUTOSAVE_GAMES, NULL, 0, err,
                          sizeof err) < 0) {
        char line[1200];
        if (!p->autosave_failed)
            fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.autosave", err, NULL));
        p->autosave_failed = 1;
    }
}

/* ---------------------------------------------------------------- the list */

typedef struct {
    char path[1100];
    long long when;
} Found;

static int found_newest(const void *a, const void *b)
{
    const Found *x = a, *y = b;
    return x->when != y->when ? (x->when < y->when ? 1 : -1) : strcmp(x->path, y->path);
}

/* The .json files of dir appended to f (at most max in all), with their time of writing. */
static int list_json(const char *dir, Found *f, int n, int max)
{
    DIR *dd = opendir(dir);
    for (struct dirent *e = dd ? readdir(dd) : NULL; e && n < max; e = readdir(dd)) {
        size_t len = strlen(e->d_name);
        struct stat st;
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.')
            continue;
        snprintf(f[n].path, sizeof f[n].path, "%s/%s", dir, e->d_name);
        if (stat(f[n].path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        f[n].when = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        n++;
    }
    if (dd)
        closedir(dd);
    return n;
}

/* Whether two saves are of the same game: the same number, or (names of before) the same
 * scenario, seed and seats. */
static int same_game(const AppSaveEntry *a, const AppSaveEntry *b)
{
    if (!a->ok && !b->ok && a->game == 0 && b->game == 0)
        return 1; /* files that do not load, and whose names say no game: one group */
    if (strcmp(a->scenario, b->scenario) != 0 || (a->game > 0) != (b->game > 0))
        return 0;
    if (a->game > 0)
        return a->game == b->game;
    return a->ok && b->ok && strcmp(a->seed, b->seed) == 0 && a->seats_key == b->seats_key;
}

/* A role's name: the actor's, when the save is of the scenario in hand; else its id. */
static const char *role_name(const Play *p, const char *scenario, const char *id)
{
    if (strcmp(scenario, p->w->sc->id) == 0)
        for (int i = 0; i < p->w->n; i++)
            if (strcmp(p->w->sc->actors[i].id, id) == 0)
                return core_tr_content(p->w->sc->actors[i].name);
    return id;
}

/* The roles of e->people ("openai,oracle") by name, joined by the list separator. */
static char *people_names(const Play *p, const AppSaveEntry *e, char *buf, size_t n)
{
    buf[0] = '\0';
    char ids[256];
    core_strlcpy(ids, e->people, sizeof ids);
    size_t used = 0;
    for (char *save = NULL, *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save))
        app_play_list_add(buf, n, &used, role_name(p, e->scenario, id));
    return buf;
}

/* What plays the roles nobody plays, in words. */
static const char *others_words(const char *others)
{
    static const char *const known[] = {"playbook", "baseline", "history", "passive", "mixed"};
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        if (strcmp(others, known[k]) == 0) {
            char key[48];
            snprintf(key, sizeof key, "play.saves.plays.%s", known[k]);
            return core_tr(key);
        }
    return others;
}

/* The seats of a save in one line: "OpenAI played by a person; the others: their playbooks". */
static char *seats_words(const Play *p, const AppSaveEntry *e, char *buf, size_t n)
{
    char names[400];
    if (!e->people[0])
        return core_trf(buf, n, "play.saves.seats.watch", others_words(e->others), NULL);
    people_names(p, e, names, sizeof names);
    if (!e->others[0])
        return core_trf(buf, n, "play.saves.seats.all", names, NULL);
    return core_trf(buf, n, "play.saves.seats.people", names, others_words(e->others), NULL);
}

/* A game's heading row (first: its newest save; month: the latest month saved). */
static void heading_row(Play *p, int row, const AppSaveEntry *first, const char *month)
{
    const char *title = strcmp(first->scenario, p->w->sc->id) == 0
                            ? core_tr_content(p->w->sc->title)
                            : first->scenario;
    char nb[16], seats[600];
    if (!first->ok && first->game == 0) {
        core_strlcpy(p->save_title[row], core_tr("play.saves.game_bad"), sizeof p->save_title[0]);
        core_strlcpy(p->save_detail[row], core_tr("play.saves.game_bad_detail"),
                     sizeof p->save_detail[0]);
        p->save_row[row] = -1;
        return;
    }
    const char *key = first->game > 0 ? (p->g && p->g->game_no == first->game &&
                                                 strcmp(first->scenario, p->w->sc->id) == 0
                                             ? "play.saves.game_this"
                                             : "play.saves.game")
                                      : "play.saves.game_before";
    core_trf(p->save_title[row], sizeof p->save_title[row], key,
             app_play_num(first->game, nb, sizeof nb), title, first->seed, NULL);
    core_trf(p->save_detail[row], sizeof p->save_detail[row], "play.saves.game_detail",
             seats_words(p, first, seats, sizeof seats),
             month[0] ? month : core_tr("play.saves.start"), NULL);
    p->save_row[row] = -1;
}

/* A save's row: its kind and game month; when it was saved and its file. */
static void save_row(Play *p, int row, int k)
{
    const AppSaveEntry *s = &p->saves[k];
    const char *base = strrchr(s->path, '/') ? strrchr(s->path, '/') + 1 : s->path;
    p->save_row[row] = k;
    if (!s->ok) {
        core_strlcpy(p->save_title[row], base, sizeof p->save_title[row]);
        core_trf(p->save_detail[row], sizeof p->save_detail[row], "play.saves.bad", s->why, NULL);
        return;
    }
    char nb[16], when[32];
    int is_auto = strstr(s->path, "/autosave/") != NULL;
    core_trf(p->save_title[row], sizeof p->save_title[row], "play.saves.row",
             core_tr(is_auto ? "play.saves.autosave" : "play.saves.saved"),
             s->month[0] ? s->month : core_tr("play.saves.start"),
             app_play_num(s->turn, nb, sizeof nb), NULL);
    /* "2026-12-06T17:02:11Z" as "2026-12-06 17:02 UTC". */
    snprintf(when, sizeof when, "%.10s %.5s UTC", s->saved_at,
             strlen(s->saved_at) >= 16 ? s->saved_at + 11 : "");
    core_trf(p->save_detail[row], sizeof p->save_detail[row], "play.saves.row_detail", when, base,
             NULL);
}

static int later_save(const AppSaveEntry *a, const AppSaveEntry *b)
{
    if (a->ok != b->ok)
        return a->ok > b->ok;
    if (a->turn != b->turn)
        return a->turn > b->turn;
    return strcmp(a->saved_at, b->saved_at) > 0;
}

/* The group of saves[k]'s game: its heading, then its saves, the latest month first. */
static void add_group(Play *p, int k, int *done)
{
    int members[SAVES_MAX], m = 0;
    for (int j = k; j < p->n_saves; j++)
        if (!done[j] && (j == k || same_game(&p->saves[k], &p->saves[j]))) {
            done[j] = 1;
            int at = m++;
            while (at > 0 && later_save(&p->saves[j], &p->saves[members[at - 1]])) {
                members[at] = members[at - 1];
                at--;
            }
            members[at] = j;
        }
    heading_row(p, p->n_save_rows++, &p->saves[members[0]], p->saves[members[0]].month);
    for (int j = 0; j < m; j++)
        save_row(p, p->n_save_rows++, members[j]);
}

/* The rows: per game (the game whose save was written last first), a heading, then its saves;
 * files that do not load and whose names say no game last, in one group. */
static void make_rows(Play *p)
{
    int done[SAVES_MAX] = {0};
    p->n_save_rows = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < p->n_saves; k++) {
            const AppSaveEntry *e = &p->saves[k];
            if (!done[k] && (pass == 1) == (!e->ok && e->game == 0))
                add_group(p, k, done);
        }
}

/* Moves the pick by dir rows (0: to the first save from where it is), past headings. */
static void move_pick(Play *p, int dir)
{
    int at = p->save_sel + dir, step = dir < 0 ? -1 : 1;
    while (at >= 0 && at < p->n_save_rows && p->save_row[at] < 0)
        at += step;
    if (at >= 0 && at < p->n_save_rows)
        p->save_sel = at;
}

/* F9: the autosaves and the saves in saves/, grouped by game (the newest written first). */
void app_play_open_saves(Play *p)
{
    static Found found[4 * SAVES_MAX];
    char dir[1100];
    autosave_dir(dir, sizeof dir);
    int n = list_json(dir, found, 0, 4 * SAVES_MAX);
    n = list_json(app_saves_dir(), found, n, 4 * SAVES_MAX);
    qsort(found, (size_t)n, sizeof found[0], found_newest);
    p->n_saves = n < SAVES_MAX ? n : SAVES_MAX;
    for (int k = 0; k < p->n_saves; k++)
        app_save_entry_read(&p->saves[k], found[k].path);
    make_rows(p);
    p->save_sel = 0;
    move_pick(p, 0);
    p->saves_msg[0] = '\0';
    p->save_ask = 0;
    p->show_saves = 1;
}

/* ---------------------------------------------------------------- loading, and who plays */

enum { ASK_KEEP, ASK_MINE, ASK_WATCH };

/* The roles people play in the game in hand, by name, joined by the list separator. */
static char *my_roles(const Play *p, char *buf, size_t n)
{
    buf[0] = '\0';
    size_t used = 0;
    for (int s = 0; s < p->n_seats; s++) {
        const SimActorSpec *a = &p->w->sc->actors[p->seats[s]];
        app_play_list_add(buf, n, &used, core_tr_content(a->name));
    }
    return buf;
}

/* The question for the save picked: which seats it has, and three ways to load it. */
static void ask_seats(Play *p)
{
    int k = p->save_row[p->save_sel];
    const AppSaveEntry *s = &p->saves[k];
    char seats[600], mine[400];
    core_trf(p->ask_text, sizeof p->ask_text, "play.saves.ask.text", p->save_title[p->save_sel],
             seats_words(p, s, seats, sizeof seats), NULL);
    core_strlcpy(p->ask_opt[ASK_KEEP], core_tr("play.saves.ask.keep"), sizeof p->ask_opt[0]);
    if (p->n_seats > 0)
        core_trf(p->ask_opt[ASK_MINE], sizeof p->ask_opt[0], "play.saves.ask.mine",
                 my_roles(p, mine, sizeof mine), NULL);
    else
        core_strlcpy(p->ask_opt[ASK_MINE], core_tr("play.saves.ask.mine_none"),
                     sizeof p->ask_opt[0]);
    core_strlcpy(p->ask_opt[ASK_WATCH], core_tr("play.saves.ask.watch"), sizeof p->ask_opt[0]);
    p->ask_ok[ASK_KEEP] = p->ask_ok[ASK_WATCH] = 1;
    p->ask_ok[ASK_MINE] = p->n_seats > 0;
    p->ask_sel = ASK_KEEP;
    p->save_ask = 1;
    p->saves_msg[0] = '\0';
}

/* Enter or Load on the row picked: a save that loads gets the seat question. */
/* Enter or Load on the row picked: the seat question for a save that loads (a failed load's
 * message stays in the list and the game goes on). */
static void app_play_load_picked(Play *p)
{
    if (p->save_sel < 0 || p->save_sel >= p->n_save_rows || p->save_row[p->save_sel] < 0)
        return;
    const AppSaveEntry *s = &p->saves[p->save_row[p->save_sel]];
    if (!s->ok) {
        core_strlcpy(p->saves_msg, core_tr("play.saves.bad_picked"), sizeof p->saves_msg);
        fprintf(p->errout, "closedloop: %s\n", s->why);
        return;
    }
    ask_seats(p);
}

/* Whether actor id is one the people play in the game in hand. */
static int is_mine(const Play *p, const char *id)
{
    for (int s = 0; s < p->n_seats; s++)
        if (strcmp(p->w->sc->actors[p->seats[s]].id, id) == 0)
            return 1;
    return 0;
}

/* Seats h as answered: keep its seats, people at my roles (the other roles scripted), or
 * scripts everywhere (a role's playbook, baseline without one). The number of seats changed,
 * or -1 with err. */
static int seat_as(const Play *p, AppGame *h, int how, char *err, size_t errsz)
{
    SimWorld *w = h->world;
    int changed = 0, mine = 0;
    for (int i = 0; i < w->n; i++) {
        int person = sim_strategy_is_queued(&w->actors[i].strategy);
        int want = how == ASK_KEEP ? person : how == ASK_MINE && is_mine(p, w->sc->actors[i].id);
        mine += want;
        if (want == person)
            continue;
        char book[4096];
        const char *c = want ? "human"
                        : app_seat_playbook(w->sc, i, h->scenario_path, book, sizeof book)
                            ? "playbook"
                            : "baseline";
        if (app_game_reseat(h, i, c, err, errsz) < 0)
            return -1;
        changed++;
    }
    if (how == ASK_MINE && mine == 0) {
        char roles[400];
        core_trf(err, errsz, "play.saves.ask.no_role", my_roles(p, roles, sizeof roles), NULL);
        return -1;
    }
    return changed;
}

/* The seats now, as the intro says them: "openai=human, microsoft=playbook, ...". */
static void say_seats(Play *p)
{
    char seats[4096], line[4200];
    size_t used = 0;
    seats[0] = '\0';
    for (int i = 0; i < p->w->n; i++) {
        char item[1200];
        snprintf(item, sizeof item, "%s=%s", p->w->sc->actors[i].id, p->g->choice[i]);
        app_play_list_add(seats, sizeof seats, &used, item);
    }
    fprintf(p->out, "%s\n", core_trf(line, sizeof line, "play.out.seats_now", seats, NULL));
}

/* Loads the save picked, seated as answered; on failure the message stays in the list and the
 * game goes on. */
static void load_as(Play *p, int how)
{
    const AppSaveEntry *s = &p->saves[p->save_row[p->save_sel]];
    int status = 0, changed = 0;
    char err[1024] = "";
    AppGame *h = app_game_load(s->path, NULL, &status, err, sizeof err);
    if (h)
        changed = seat_as(p, h, how, err, sizeof err);
    if (!h || changed < 0) {
        app_game_free(h);
        p->save_ask = 0;
        core_strlcpy(p->saves_msg, err, sizeof p->saves_msg);
        fprintf(p->errout, "closedloop: %s\n", err);
        return;
    }
    /* The same seats: the same game, its saves go on under its number; other seats: a new one. */
    h->game_no = changed ? 0 : app_save_game_no(s->path);
    if (p->rec) {
        fprintf(p->out, "%s\n", core_tr("play.out.replay_stopped"));
        app_replay_free(p->rec);
        p->rec = NULL;
    }
    app_worlds_free(p->worlds); /* another game: its worlds are played afresh */
    p->worlds = NULL;
    p->worlds_off = 0;
    app_game_free(p->g);
    app_compare_free(p->compare); /* a save does not carry the game without the change: */
    p->g = h;
    p->w = h->world;
    p->compare = app_compare_rebuild(h, err, sizeof err); /* replayed where it can be */
    p->over = p->w->end != SIM_END_NONE || p->w->turn >= p->w->turns;
    p->playing = 0;
    p->show_saves = p->save_ask = 0;
    p->show_debrief = 0;
    app_play_cards_clear(p);
    app_news_clear(p->news); /* built again from the loaded game's record */
    p->news_view = ui_news_view_new();
    char line[1200], n[16];
    core_trf(line, sizeof line, "play.feed.loaded", s->path, app_play_num(p->w->turn, n, sizeof n),
             NULL);
    if (p->news)
        app_news_note(p->news, p->w->turn > 0 ? p->w->turn - 1 : 0, line);
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "play.out.loaded", s->path,
                     app_play_num(p->w->turn, n, sizeof n), NULL));
    say_seats(p);
    fflush(p->out);
    app_play_set_title(p);
    app_play_reseat(p);
}

/* An answer of the question, if it can be given. */
static void answer(Play *p, int how)
{
    if (how >= 0 && how < 3 && p->ask_ok[how])
        load_as(p, how);
}

/* Keys while the seat question is up. */
static void on_ask_key(Play *p, SDL_Keycode key)
{
    switch (key) {
    case SDLK_UP:
    case SDLK_LEFT:
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_TAB: {
        int dir = key == SDLK_UP || key == SDLK_LEFT ? 2 : 1;
        do
            p->ask_sel = (p->ask_sel + dir) % 3;
        while (!p->ask_ok[p->ask_sel]);
        break;
    }
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        answer(p, p->ask_sel);
        break;
    case SDLK_k:
    case SDLK_1:
        answer(p, ASK_KEEP);
        break;
    case SDLK_m:
    case SDLK_2:
        answer(p, ASK_MINE);
        break;
    case SDLK_w:
    case SDLK_3:
        answer(p, ASK_WATCH);
        break;
    case SDLK_ESCAPE:
        p->save_ask = 0;
        break;
    }
}

/* Keys while the list of saves is up; returns 1 if the key was the list's. */
int app_play_on_saves_key(Play *p, SDL_Keycode key)
{
    if (!p->show_saves)
        return 0;
    if (key == SDLK_q)
        return 0; /* the window's: it asks before quitting */
    if (p->save_ask) {
        on_ask_key(p, key);
        return 1;
    }
    switch (key) {
    case SDLK_UP:
        move_pick(p, -1);
        break;
    case SDLK_DOWN:
        move_pick(p, 1);
        break;
    case SDLK_HOME:
        p->save_sel = 0;
        move_pick(p, 0);
        break;
    case SDLK_END:
        p->save_sel = p->n_save_rows > 0 ? p->n_save_rows - 1 : 0;
        move_pick(p, 0);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        app_play_load_picked(p);
        break;
    case SDLK_ESCAPE:
    case SDLK_F9:
        p->show_saves = 0;
        break;
    }
    return 1;
}

void app_play_on_saves_click(Play *p, float x, float y)
{
    UiSavesHit h = ui_saves_hit(&p->saves_geom, x, y);
    if (h.action == UI_SAVES_ASK)
        answer(p, h.row);
    else if (h.action == UI_SAVES_ROW && h.row == p->save_sel)
        app_play_load_picked(p); /* a second click on the picked row asks, then loads */
    else if (h.action == UI_SAVES_ROW && p->save_row[h.row] >= 0)
        p->save_sel = h.row;
    else if (h.action == UI_SAVES_LOAD)
        app_play_load_picked(p);
    else if (h.action == UI_SAVES_CANCEL)
        p->show_saves = 0;
}

void app_play_draw_saves(Play *p, int ow, int oh)
{
    UiSaveRow rows[SAVES_ROWS];
    for (int k = 0; k < p->n_save_rows; k++) {
        int f = p->save_row[k];
        rows[k] = (UiSaveRow){p->save_title[k], p->save_detail[k], f < 0 || p->saves[f].ok, f < 0};
    }
    UiSavesAsk ask = {.title = core_tr("play.saves.ask.title"),
                      .text = p->ask_text,
                      .keys = core_tr("play.saves.ask.keys"),
                      .n = 3,
                      .sel = p->ask_sel};
    for (int k = 0; k < 3; k++) {
        ask.answer[k] = p->ask_opt[k];
        ask.enabled[k] = p->ask_ok[k];
    }
    SDL_FRect screen = {0, 0, (float)ow, (float)oh};
    ui_saves_draw(p->d, screen, rows, p->n_save_rows, p->save_sel,
                  p->saves_msg[0] ? p->saves_msg : NULL, p->save_ask ? &ask : NULL, p->mouse_x,
                  p->mouse_y, &p->saves_geom);
}
