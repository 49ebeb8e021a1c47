/* app_play_saves: saving and loading from the window (see app_play_saves.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_play_saves.h"

#include "app_news.h"

#include "app_class.h"
#include "app_replay.h"
#include "app_save.h"
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

/* F5: saves/SCENARIO-YYYYMMDD-HHMMSS-tTURN.json. */
void app_play_save_now(Play *p)
{
    char path[1200], err[1024] = "", stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s-t%d.json", app_saves_dir(), p->w->sc->id, stamp,
             p->w->turn);
    if (app_play_ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_game_save(p->g, path, err, sizeof err) < 0) {
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

/* After every month: the last few months stay on disk whatever happens to the window. */
void app_play_autosave(Play *p)
{
    char dir[1100], err[1024] = "";
    autosave_dir(dir, sizeof dir);
    if (app_play_ensure_dir(app_saves_dir(), err, sizeof err) < 0 ||
        app_autosave(p->g, dir, APP_AUTOSAVE_KEEP, NULL, 0, err, sizeof err) < 0) {
        char line[1200];
        if (!p->autosave_failed)
            fprintf(p->errout, "%s\n", core_trf(line, sizeof line, "play.err.autosave", err, NULL));
        p->autosave_failed = 1;
    }
}

static int newest_first(const void *a, const void *b)
{
    const AppSaveEntry *x = a, *y = b;
    int c = strcmp(y->saved_at, x->saved_at);
    return c ? c : strcmp(y->path, x->path);
}

/* F9: the autosaves and the saves in saves/, newest first. */
void app_play_open_saves(Play *p)
{
    p->n_saves = 0;
    p->save_sel = 0;
    p->saves_msg[0] = '\0';
    char dir[1100], err[512] = "";
    autosave_dir(dir, sizeof dir);
    AppSaveEntry *list = NULL;
    int n = 0;
    if (app_autosave_list(dir, &list, &n, err, sizeof err) == 0) {
        for (int k = 0; k < n && p->n_saves < 64; k++)
            p->saves[p->n_saves++] = list[k];
        free(list);
    }
    DIR *dd = opendir(app_saves_dir());
    for (struct dirent *e = dd ? readdir(dd) : NULL; e && p->n_saves < 64; e = readdir(dd)) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.')
            continue;
        AppSaveEntry *s = &p->saves[p->n_saves];
        memset(s, 0, sizeof *s);
        snprintf(s->path, sizeof s->path, "%s/%s", app_saves_dir(), e->d_name);
        DatSaveInfo info;
        s->ok = dat_save_peek(s->path, &info, s->why, sizeof s->why) == 0;
        if (s->ok) {
            s->turn = info.turn;
            snprintf(s->month, sizeof s->month, "%s", info.month);
            snprintf(s->saved_at, sizeof s->saved_at, "%s", info.saved_at);
            snprintf(s->scenario, sizeof s->scenario, "%s", info.scenario);
        }
        p->n_saves++;
    }
    if (dd)
        closedir(dd);
    qsort(p->saves, (size_t)p->n_saves, sizeof p->saves[0], newest_first);
    for (int k = 0; k < p->n_saves; k++) {
        const AppSaveEntry *s = &p->saves[k];
        const char *base = strrchr(s->path, '/') ? strrchr(s->path, '/') + 1 : s->path;
        int is_auto = strstr(s->path, "/autosave/") != NULL;
        const char *name = is_auto ? core_tr("play.saves.autosave") : base;
        char nb[16];
        if (s->ok && s->month[0])
            core_trf(p->save_title[k], sizeof p->save_title[k], "play.saves.title_month", name,
                     s->month, NULL);
        else
            core_strlcpy(p->save_title[k], name, sizeof p->save_title[k]);
        if (s->ok)
            core_trf(p->save_detail[k], sizeof p->save_detail[k], "play.saves.detail", s->scenario,
                     app_play_num(s->turn, nb, sizeof nb), s->saved_at, NULL);
        else
            core_trf(p->save_detail[k], sizeof p->save_detail[k], "play.saves.bad", s->why, NULL);
    }
    p->show_saves = 1;
}

/* Loads the save picked; on failure the message stays in the list and the game goes on. */
void app_play_load_picked(Play *p)
{
    if (p->save_sel < 0 || p->save_sel >= p->n_saves)
        return;
    const AppSaveEntry *s = &p->saves[p->save_sel];
    int status = 0;
    char err[1024] = "";
    AppGame *h = s->ok ? app_game_load(s->path, NULL, &status, err, sizeof err) : NULL;
    if (!h) {
        core_strlcpy(p->saves_msg, s->ok ? err : core_tr("play.saves.bad_picked"),
                     sizeof p->saves_msg);
        fprintf(p->errout, "closedloop: %s\n", s->ok ? err : s->why);
        return;
    }
    if (p->rec) {
        fprintf(p->out, "%s\n", core_tr("play.out.replay_stopped"));
        app_replay_free(p->rec);
        p->rec = NULL;
    }
    app_game_free(p->g);
    p->g = h;
    p->w = h->world;
    p->over = p->w->end != SIM_END_NONE || p->w->turn >= p->w->turns;
    p->playing = 0;
    p->show_saves = 0;
    p->show_debrief = 0;
    p->n_fails = p->fail_at = 0;
    app_news_clear(p->news); /* built again from the loaded game's record */
    p->news_view = ui_news_view_new();
    char line[1200], n[16];
    core_trf(line, sizeof line, "play.feed.loaded", s->path, app_play_num(p->w->turn, n, sizeof n),
             NULL);
    app_play_feed_push(p, line, strlen(line));
    fprintf(p->out, "%s\n",
            core_trf(line, sizeof line, "play.out.loaded", s->path,
                     app_play_num(p->w->turn, n, sizeof n), NULL));
    fflush(p->out);
    if (p->story)
        app_class_clear(p->story);
    app_play_set_title(p);
    app_play_reseat(p);
}

/* Keys while the list of saves is up; returns 1 if the key was the list's. */
int app_play_on_saves_key(Play *p, SDL_Keycode key)
{
    if (!p->show_saves)
        return 0;
    switch (key) {
    case SDLK_UP:
        if (p->save_sel > 0)
            p->save_sel--;
        break;
    case SDLK_DOWN:
        if (p->save_sel + 1 < p->n_saves)
            p->save_sel++;
        break;
    case SDLK_HOME:
        p->save_sel = 0;
        break;
    case SDLK_END:
        p->save_sel = p->n_saves > 0 ? p->n_saves - 1 : 0;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        app_play_load_picked(p);
        break;
    case SDLK_ESCAPE:
    case SDLK_F9:
        p->show_saves = 0;
        break;
    case SDLK_q:
        return 0;
    default:
        break;
    }
    return 1;
}
