/* app_play_lab: the lab in the game window (app_lab runs it, ui_lab draws it).
 *
 * `play --lab ROLE=FILE`, the start screen's "Try a strategy" or W in the game: a script plays a
 * role, and each time its file is saved the game is played again from its start with the new
 * version (or from the month F chose: app_lab_set_from). The window's game becomes the new
 * version's game at the month it was at (played on from there as any game is: auto-play goes on if
 * it was on); the lab's panel over the chart panel shows what changed, the two runs and the
 * console. A version with errors is refused and the game in hand plays on. Nothing here runs when
 * no lab is open. */
#define _POSIX_C_SOURCE 200809L
#include "app_lab.h"
#include "app_play_saves.h"
#include "app_play_state.h"

#include "app_compare.h"
#include "app_news.h"
#include "app_path.h"
#include "app_replay.h"
#include "app_worlds.h"
#include "core_err.h"
#include "core_text.h"
#include "ui_lab.h"
#include "ui_news.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PICK_FILES 96
#define PICK_ROWS  (PICK_FILES + 64)

struct AppPlayLab {
    AppLab *lab;
    int shown, scroll;
    UiLabGeom geom;
    /* The picker: 1 the role, 2 the file (0: not up); the row picked; the path typed; the rows
     * (roles, or files: their paths and labels). */
    int picking, sel, role;
    char typed[1024];
    char files[PICK_FILES][1024];
    char labels[PICK_ROWS][300];
    int n_rows;
    UiLabPickGeom pick_geom;
};

static AppPlayLab *state(Play *p)
{
    if (!p->lab)
        p->lab = calloc(1, sizeof *p->lab);
    return p->lab;
}

/* ---------------------------------------------------------------- a new version in the window */

/* The game of the new version (h, at the month the window was at) in place of the game in hand,
 * as a load puts a game in place (app_play_saves): the replay stops, the worlds and the lever
 * comparison go, the news is built again. Auto-play stays as it was. */
static void swap_game(Play *p, AppGame *h)
{
    /* The replay goes on recording a game the lab put in place at its start (the first
     * version, from --lab); one put in place mid-game is not this replay's game. */
    if (p->rec) {
        app_replay_free(p->rec);
        p->rec = NULL;
        char err[512];
        if (h->world->turn == 0 && p->w->turn == 0)
            p->rec = app_replay_begin(h, err, sizeof err);
        if (!p->rec)
            fprintf(p->out, "%s\n", core_tr("lab.out.replay_stopped"));
    }
    app_worlds_free(p->worlds);
    p->worlds = NULL;
    p->worlds_off = 0;
    app_compare_free(p->compare);
    p->compare = NULL;
    app_game_free(p->g);
    p->g = h;
    p->w = h->world;
    p->over = p->w->end != SIM_END_NONE || p->w->turn >= p->w->turns;
    if (p->over)
        p->playing = 0;
    app_play_cards_clear(p);
    app_news_clear(p->news);
    p->news_view = ui_news_view_new();
    app_play_set_title(p);
    app_play_reseat(p);
}

/* What a reload's result says: on out, in the notice, and the run in --lab-out. */
static void after_reload(Play *p, int rc, AppGame *h, const char *err)
{
    AppLab *lab = p->lab->lab;
    char line[2400], n[16], sentence[1600], month[32];
    if (rc < 0) {
        fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "lab.err.engine", err, NULL));
        return;
    }
    if (rc != 1) {
        /* The first error of this try says why (the lines since the lab's last own line). */
        const char *why = "";
        for (int k = app_lab_console_count(lab) - 1; k >= 0; k--) {
            const AppLabLine *l = app_lab_console_line(lab, k);
            if (l->kind == APP_LAB_ERROR)
                why = l->text;
            else if (l->kind == APP_LAB_INFO && why[0])
                break;
        }
        fprintf(p->out, "%s\n",
                core_trf(line, sizeof line, "lab.out.refused", app_lab_path(lab), why, NULL));
        fflush(p->out);
        if (app_lab_version(lab))
            core_trf(line, sizeof line, "lab.refused_note",
                     app_play_num(app_lab_version(lab), n, sizeof n), NULL);
        else
            core_strlcpy(line, core_tr("lab.console.refused_first"), sizeof line);
        app_play_set_notice(p, line);
        return;
    }
    swap_game(p, h);
    /* --lab-out: the run as `run --json` writes it, whole or not at all (a reader never sees
     * half a file), before the line on out that says the version is in (a test waits for it). */
    if (p->o->lab_out) {
        char tmp[1100], why[1024] = "";
        snprintf(tmp, sizeof tmp, "%s.tmp", p->o->lab_out);
        if (app_lab_write(lab, tmp, why, sizeof why) == 0 && rename(tmp, p->o->lab_out) != 0)
            snprintf(why, sizeof why, "%s: cannot write it", p->o->lab_out);
        if (why[0])
            fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "lab.err.write", why, NULL));
    }
    app_lab_sentence(lab, sentence, sizeof sentence);
    app_play_num(app_lab_version(lab), n, sizeof n);
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "lab.out.version", n, app_lab_path(lab), sentence, NULL));
    fflush(p->out);
    core_tr_month(p->w->sc->start - 1 + p->w->turn, month, sizeof month);
    app_play_set_notice(p, p->w->turn
                               ? core_trf(line, sizeof line, "lab.out.replayed", n, month, NULL)
                               : core_trf(line, sizeof line, "lab.out.start", n, NULL));
}

/* Plays the file again now (R, and the first version). */
static void reload_now(Play *p)
{
    AppGame *h = NULL;
    char err[1024] = "";
    int rc = app_lab_reload(p->lab->lab, p->w->turn, &h, err, sizeof err);
    after_reload(p, rc, h, err);
}

/* The lab for role played by path, over the seats of the game in hand; its first version
 * played. -1 with err (a role the scenario does not have). */
static int start_lab(Play *p, const char *role, const char *path, char *err, size_t errsz)
{
    AppPlayLab *pl = state(p);
    if (!pl)
        return core_errf(err, errsz, "out of memory");
    const SimWorld *w = p->w;
    AppStrategyChoice *c = calloc((size_t)w->n, sizeof *c);
    if (!c)
        return core_errf(err, errsz, "out of memory");
    for (int i = 0; i < w->n; i++)
        c[i] = (AppStrategyChoice){w->sc->actors[i].id, p->g->choice[i]};
    AppGameSpec spec = {.scenario = p->g->scenario_path,
                        .has_seed = 1,
                        .seed = w->seed,
                        .choices = c,
                        .n_choices = w->n,
                        .fallback = "playbook",
                        .check_books = p->o->check_books};
    AppLab *lab = app_lab_new(&spec, role, path, err, errsz);
    free(c);
    if (!lab)
        return -1;
    app_lab_free(pl->lab);
    pl->lab = lab;
    pl->shown = 1;
    pl->scroll = 0;
    reload_now(p);
    return 0;
}

/* ---------------------------------------------------------------- the picker */

/* The .lua files of dir, as rows "label" with their paths, after those there are. */
static void add_dir(AppPlayLab *pl, const char *dir, const char *label)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    int first = pl->n_rows;
    while ((e = readdir(dp)) && pl->n_rows < PICK_FILES) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0)
            continue;
        snprintf(pl->files[pl->n_rows], sizeof pl->files[0], "%s/%s", dir, e->d_name);
        snprintf(pl->labels[pl->n_rows], sizeof pl->labels[0], "%s%s", label, e->d_name);
        pl->n_rows++;
    }
    closedir(dp);
    /* Sorted by label (a small list: insertion). */
    for (int i = first + 1; i < pl->n_rows; i++)
        for (int j = i; j > first && strcmp(pl->labels[j - 1], pl->labels[j]) > 0; j--) {
            char f[1024], l[300];
            memcpy(f, pl->files[j], sizeof f);
            memcpy(l, pl->labels[j], sizeof l);
            memcpy(pl->files[j], pl->files[j - 1], sizeof f);
            memcpy(pl->labels[j], pl->labels[j - 1], sizeof l);
            memcpy(pl->files[j - 1], f, sizeof f);
            memcpy(pl->labels[j - 1], l, sizeof l);
        }
}

/* The picker's rows: the roles (step 1), or the files (step 2): the working folder's scripts,
 * the scenario's own playbooks, the shipped playbooks, examples and cookbook. */
static void fill_rows(Play *p)
{
    AppPlayLab *pl = p->lab;
    pl->n_rows = 0;
    pl->sel = 0;
    if (pl->picking == 1) {
        for (int i = 0; i < p->w->n && i < PICK_ROWS; i++) {
            snprintf(pl->labels[i], sizeof pl->labels[0], "%s (%s)",
                     core_tr_content(p->w->sc->actors[i].name), p->w->sc->actors[i].id);
            pl->n_rows++;
        }
        return;
    }
    char dir[1100], parent[1100 + 16]; /* parent: dir and a sub-folder's name */
    add_dir(pl, ".", "");
    core_strlcpy(dir, p->g->scenario_path, sizeof dir);
    size_t len = strlen(dir);
    if (len > 5 && strcmp(dir + len - 5, ".json") == 0) {
        dir[len - 5] = '\0';
        char *slash = strrchr(dir, '/');
        snprintf(parent, sizeof parent, "%s/", slash ? slash + 1 : dir);
        add_dir(pl, dir, parent);
    }
    core_strlcpy(dir, app_scripts_dir(), sizeof dir);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    snprintf(parent, sizeof parent, "%s/strategies", dir);
    add_dir(pl, parent, "strategies/");
    snprintf(parent, sizeof parent, "%s/examples", dir);
    add_dir(pl, parent, "examples/");
    snprintf(parent, sizeof parent, "%s/cookbook", dir);
    add_dir(pl, parent, "cookbook/");
}

static void open_picker(Play *p)
{
    AppPlayLab *pl = state(p);
    if (!pl)
        return;
    pl->picking = 1;
    pl->typed[0] = '\0';
    fill_rows(p);
    p->lever_resume = p->playing;
    p->playing = 0; /* the game waits while the picker is up */
    SDL_StartTextInput();
}

static void close_picker(Play *p)
{
    p->lab->picking = 0;
    p->playing = p->lever_resume && !p->over;
}

/* Enter: the role picked, then the file (the path typed, else the row). */
static void pick(Play *p)
{
    AppPlayLab *pl = p->lab;
    if (pl->picking == 1) {
        if (pl->n_rows == 0)
            return;
        pl->role = pl->sel;
        pl->picking = 2;
        fill_rows(p);
        return;
    }
    const char *path = pl->typed[0] ? pl->typed : pl->n_rows ? pl->files[pl->sel] : NULL;
    if (!path)
        return;
    char err[1024] = "", chosen[1024];
    core_strlcpy(chosen, path, sizeof chosen);
    close_picker(p);
    if (start_lab(p, p->w->sc->actors[pl->role].id, chosen, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        app_play_set_notice(p, err);
    }
}

static int picker_key(Play *p, SDL_Keycode key)
{
    AppPlayLab *pl = p->lab;
    switch (key) {
    case SDLK_ESCAPE:
        close_picker(p);
        break;
    case SDLK_UP:
        pl->sel = pl->sel > 0 ? pl->sel - 1 : 0;
        break;
    case SDLK_DOWN:
        pl->sel = pl->sel + 1 < pl->n_rows ? pl->sel + 1 : pl->sel;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        pick(p);
        break;
    case SDLK_BACKSPACE: {
        size_t n = strlen(pl->typed);
        while (n > 0 && ((unsigned char)pl->typed[n - 1] & 0xC0) == 0x80)
            n--; /* a whole UTF-8 character */
        pl->typed[n > 0 ? n - 1 : 0] = '\0';
        break;
    }
    default:
        break;
    }
    return 1; /* the picker takes every key while it is up */
}

/* F: the next version replays from the month the window is at (F again at that month, or 0:
 * from the start), said in the notice. */
static void set_from(Play *p, int month)
{
    AppLab *lab = p->lab->lab;
    if (month == app_lab_from(lab))
        month = 0;
    app_lab_set_from(lab, month);
    char line[512], name[32];
    core_tr_month(p->w->sc->start + month, name, sizeof name);
    app_play_set_notice(p, month ? core_trf(line, sizeof line, "lab.from_set", name, NULL)
                                 : core_tr("lab.from_start"));
    /* On out too, with the months played (a test saves the game there to compare). */
    char n[16], said[600];
    if (month)
        core_trf(said, sizeof said, "lab.out.from", name, app_play_num(month, n, sizeof n), NULL);
    else
        core_strlcpy(said, core_tr("lab.out.from_start"), sizeof said);
    fprintf(p->out, "%s\n", said);
    fflush(p->out);
}

/* ---------------------------------------------------------------- the frame loop's calls */

int app_play_lab_open(Play *p)
{
    const AppOptions *o = p->o;
    char err[1024] = "";
    if (p->host && (o->lab_file || o->lab_pick)) {
        /* A hosted room's seats are the world's: the lab does not swap the game under them. */
        fprintf(p->errout, "closedloop: %s\n", core_tr("lab.err.host"));
        return o->lab_file ? -1 : 0;
    }
    if (o->lab_file && start_lab(p, o->lab_role, o->lab_file, err, sizeof err) < 0) {
        fprintf(p->errout, "closedloop: %s\n", err);
        return -1;
    }
    if (o->lab_pick && !o->lab_file)
        open_picker(p);
    return 0;
}

void app_play_lab_close(Play *p)
{
    if (!p->lab)
        return;
    app_lab_free(p->lab->lab);
    free(p->lab);
    p->lab = NULL;
}

int app_play_lab_poll(Play *p)
{
    if (!p->lab || !p->lab->lab)
        return 0;
    AppGame *h = NULL;
    char err[1024] = "";
    int rc = app_lab_poll(p->lab->lab, SDL_GetTicks(), p->w->turn, &h, err, sizeof err);
    if (rc == 0)
        return 0;
    p->lab->scroll = 0;
    after_reload(p, rc == 2 ? 0 : rc, h, err);
    return 1;
}

int app_play_lab_picking(const Play *p)
{
    return p->lab && p->lab->picking;
}

int app_play_lab_key(Play *p, const SDL_KeyboardEvent *k)
{
    AppPlayLab *pl = p->lab;
    SDL_Keycode key = k->keysym.sym;
    if (pl && pl->picking)
        return picker_key(p, key);
    if (key == SDLK_w) {
        /* W: the picker the first time (Shift+W: again, for another role or file), then the
         * panel shown or hidden. */
        if (p->host)
            app_play_set_notice(p, core_tr("lab.err.host"));
        else if (!pl || !pl->lab || (k->keysym.mod & KMOD_SHIFT))
            open_picker(p);
        else
            pl->shown = !pl->shown;
        return 1;
    }
    if (!pl || !pl->lab || !pl->shown)
        return 0;
    int n = app_lab_console_count(pl->lab), page = pl->geom.shown > 1 ? pl->geom.shown - 1 : 1;
    if (key == SDLK_LEFTBRACKET) {
        pl->scroll = pl->scroll + page < n ? pl->scroll + page : (n > 0 ? n - 1 : 0);
        return 1;
    }
    if (key == SDLK_RIGHTBRACKET) {
        pl->scroll = pl->scroll > page ? pl->scroll - page : 0;
        return 1;
    }
    if (key == SDLK_r) {
        pl->scroll = 0;
        reload_now(p);
        return 1;
    }
    if (key == SDLK_f || key == SDLK_0 || key == SDLK_KP_0) {
        set_from(p, key == SDLK_f ? p->w->turn : 0);
        return 1;
    }
    return 0;
}

int app_play_lab_text(Play *p, const char *text)
{
    AppPlayLab *pl = p->lab;
    if (!pl || pl->picking != 2)
        return 0;
    size_t n = strlen(pl->typed), m = strlen(text);
    if (n + m < sizeof pl->typed)
        memcpy(pl->typed + n, text, m + 1);
    return 1;
}

int app_play_lab_click(Play *p, float x, float y)
{
    AppPlayLab *pl = p->lab;
    if (!pl || !pl->picking)
        return 0;
    int row = ui_lab_pick_hit(&pl->pick_geom, pl->n_rows, x, y);
    if (row >= 0) {
        pl->sel = row;
        pl->typed[0] = '\0';
        pick(p);
    }
    return 1;
}

/* The panel's texts and console, as ui_lab takes them; draws it into area. */
static void draw_panel(Play *p, SDL_FRect area)
{
    AppPlayLab *pl = p->lab;
    AppLab *lab = pl->lab;
    const char *base = strrchr(app_lab_path(lab), '/');
    char title[512], status[1100], sentence[1600], n1[16] = "", n2[16], note[512];
    int actor = app_lab_actor(lab), v = app_lab_version(lab);
    core_trf(title, sizeof title, "lab.title", core_tr_content(p->w->sc->actors[actor].name),
             base ? base + 1 : app_lab_path(lab), NULL);
    if (v)
        core_trf(status, sizeof status, "lab.version", app_play_num(v, n1, sizeof n1),
                 app_play_num(app_lab_tries(lab), n2, sizeof n2), NULL);
    else
        core_strlcpy(status, core_tr("lab.none_yet"), sizeof status);
    if (app_lab_refused(lab) && v) {
        core_trf(note, sizeof note, "lab.refused_note", n1, NULL);
        size_t used = strlen(status);
        snprintf(status + used, sizeof status - used, " %s", note);
    } else if (v && app_lab_from(lab) > 0) {
        char month[32];
        core_tr_month(p->w->sc->start + app_lab_from(lab), month, sizeof month);
        core_trf(note, sizeof note, "lab.watching_from", month, NULL);
        size_t used = strlen(status);
        snprintf(status + used, sizeof status - used, " %s", note);
    } else if (v) {
        size_t used = strlen(status);
        snprintf(status + used, sizeof status - used, " %s", core_tr("lab.watching"));
    }
    app_lab_sentence(lab, sentence, sizeof sentence);
    int count = app_lab_console_count(lab);
    const char **lines = calloc((size_t)count + 1, sizeof *lines);
    int *kinds = calloc((size_t)count + 1, sizeof *kinds);
    if (lines && kinds) {
        for (int k = 0; k < count; k++) {
            lines[k] = app_lab_console_line(lab, k)->text;
            kinds[k] = (int)app_lab_console_line(lab, k)->kind;
        }
        UiLab u = {title, status, sentence, app_lab_run(lab), app_lab_before(lab), actor,
                   lines, kinds,  count,    pl->scroll};
        ui_lab_draw(p->d, area, &u, &pl->geom);
    }
    free(lines);
    free(kinds);
}

void app_play_lab_draw(Play *p, int ow, int oh)
{
    AppPlayLab *pl = p->lab;
    if (!pl)
        return;
    if (pl->lab && pl->shown && !p->show_debrief && p->geom.panel.w > 0)
        draw_panel(p, p->geom.panel);
    if (pl->picking) {
        const char *rows[PICK_ROWS];
        for (int k = 0; k < pl->n_rows; k++)
            rows[k] = pl->labels[k];
        char q[512];
        if (pl->picking == 1)
            core_strlcpy(q, core_tr("lab.pick.role"), sizeof q);
        else
            core_trf(q, sizeof q, "lab.pick.file", core_tr_content(p->w->sc->actors[pl->role].name),
                     NULL);
        UiLabPick pk = {core_tr("lab.pick.title"),
                        q,
                        rows,
                        pl->n_rows,
                        pl->sel,
                        pl->picking == 2 ? pl->typed : NULL,
                        core_tr("lab.pick.keys")};
        ui_lab_pick_draw(p->d, ow, oh, &pk, &pl->pick_geom);
    }
}
