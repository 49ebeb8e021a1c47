/* app_host_keep: what a hosted game keeps so that nothing is lost: the autosaves with the room,
 * the game put back by --load, the replay written every month and resumed after a restart, and
 * the stand-ins of empty seats whose moves the replay records. */
#define _DEFAULT_SOURCE /* DT_REG, mkdir */
#include "app_host_int.h"

#include "app_cli.h"
#include "app_seat.h"
#include "app_teach.h"
#include "core_err.h"
#include "sim_strategy.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------------
 * Stand-ins */

static int wrap_decide(void *self, const SimView *v, SimIntentList *out, char *err, size_t errsz)
{
    HostStandIn *s = self;
    int rc = s->inner.decide ? s->inner.decide(s->inner.self, v, out, err, errsz) : 0;
    s->last = *out;
    s->decided = rc == 0;
    return rc;
}

static void wrap_event(void *self, const SimView *v, const SimEvent *e)
{
    HostStandIn *s = self;
    if (s->inner.on_event)
        s->inner.on_event(s->inner.self, v, e);
}

int app_host_make_stand_ins(AppHostRoom *h, FILE *errout)
{
    SimWorld *w = h->game->world;
    const NetRoom *r = net_game_room(h->room);
    for (int k = 0; k < r->n_seats; k++) {
        int i = r->seats[k].actor;
        char book[4096], err[1024];
        const char *c = app_seat_playbook(w->sc, i, h->game->scenario_path, book, sizeof book)
                            ? "playbook"
                            : "baseline";
        HostStandIn *s = &h->stand_in[k];
        if (app_seat_make(w, i, c, h->game->scenario_path, &s->inner, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.stand_in", w->sc->actors[i].id, err, NULL);
            return -1;
        }
        s->made = 1;
        SimView v = {w, i};
        if (s->inner.init && s->inner.init(s->inner.self, &v, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.stand_in", w->sc->actors[i].id, err, NULL);
            return -1;
        }
    }
    return 0;
}

void app_host_stand_ins_in(AppHostRoom *h, FILE *out)
{
    SimWorld *w = h->game->world;
    const NetRoom *r = net_game_room(h->room);
    for (int k = 0; k < r->n_seats; k++) {
        HostStandIn *s = &h->stand_in[k];
        if (net_game_seat_taken(h->room, k) || !s->made)
            continue;
        int i = r->seats[k].actor;
        s->held = w->actors[i].strategy;
        SimStrategy wrap = {s->inner.name, s, NULL, wrap_decide, wrap_event, NULL};
        w->actors[i].strategy = wrap;
        s->in = 1;
        s->decided = 0;
        if (out)
            app_cli_say(out, "host.empty_seat", w->sc->actors[i].name, NULL);
    }
}

void app_host_stand_ins_out(AppHostRoom *h, int turn, FILE *errout)
{
    SimWorld *w = h->game->world;
    const NetRoom *r = net_game_room(h->room);
    for (int k = 0; k < r->n_seats; k++) {
        HostStandIn *s = &h->stand_in[k];
        if (!s->in)
            continue;
        int i = r->seats[k].actor;
        w->actors[i].strategy = s->held;
        s->in = 0;
        char err[256];
        if (s->decided && h->rec &&
            app_replay_record_intents(h->rec, turn, i, &s->last, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.replay", err, NULL);
            app_replay_free(h->rec);
            h->rec = NULL;
        }
    }
}

void app_host_stand_ins_free(AppHostRoom *h)
{
    for (int k = 0; k < NET_ROOM_SEATS; k++)
        if (h->stand_in[k].made)
            sim_strategy_destroy(&h->stand_in[k].inner);
}

/* ---------------------------------------------------------------------------------------------
 * Saves and the replay */

static int make_dir(const char *dir, FILE *errout)
{
    if (mkdir(dir, 0755) == 0 || errno == EEXIST)
        return 0;
    char err[1200];
    app_cli_fail(err, sizeof err, "save.err.mkdir", dir, strerror(errno), NULL);
    app_cli_error(errout, "host.err.keep", err, NULL);
    return -1;
}

/* The replay so far (if new_replay) and the autosave, written by the calling process. 0 or -1. */
static int write_files(AppHostRoom *h, const char *new_replay, const char *old_replay, FILE *errout)
{
    char path[1300], err[1600];
    int rc = 0;
    if (new_replay) {
        if (app_replay_write_so_far(h->rec, h->game->world, new_replay, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.replay", err, NULL);
            rc = -1;
        } else if (old_replay[0] && strcmp(old_replay, new_replay) != 0) {
            unlink(old_replay); /* one replay file a game: the month's replaces the last's */
        }
    }
    if (app_game_autosave(h->game, h->auto_dir, APP_AUTOSAVE_KEEP, APP_AUTOSAVE_GAMES, path,
                          sizeof path, err, sizeof err) < 0) {
        app_cli_error(errout, "host.err.autosave", err, NULL);
        rc = -1;
    }
    return rc;
}

/* What a save holds has changed when this has. */
static unsigned long changes(const AppHostRoom *h)
{
    return net_game_changes(h->room) + net_game_card_changes(h->room);
}

/* Whether the last writer has finished (waiting for it if wait). */
static int writer_done(AppHostRoom *h, int wait)
{
    if (h->writer > 0) {
        pid_t r = waitpid(h->writer, NULL, wait ? 0 : WNOHANG);
        if (r == 0)
            return 0;
        h->writer = 0;
    }
    return 1;
}

/* Saves the game as it stands now. The files are written, flushed to disk and renamed by a child
 * process (fork: a copy of the game at this instant), so that the loop goes on answering while
 * the disk works (an fsync takes 5-30 ms); one writer at a time, in order. Without fork, here. */
static int save_now(AppHostRoom *h, const char *new_replay, FILE *errout)
{
    net_game_save_room(h->room, h->game->room);
    net_game_save_card(h->room, h->game->room);
    h->saved_changes = changes(h);
    h->saved_at = net_clock();
    writer_done(h, 1);
    char old[sizeof h->replay_path];
    core_strlcpy(old, h->replay_path, sizeof old);
    if (new_replay)
        core_strlcpy(h->replay_path, new_replay, sizeof h->replay_path);
    fflush(stdout);
    fflush(errout);
    pid_t pid = fork();
    if (pid == 0) {
        int rc = write_files(h, new_replay, old, errout);
        fflush(errout);
        _exit(rc < 0 ? 1 : 0);
    }
    if (pid < 0)
        return write_files(h, new_replay, old, errout);
    h->writer = pid;
    return 0;
}

int app_host_autosave(AppHostRoom *h, FILE *errout)
{
    return save_now(h, NULL, errout);
}

void app_host_keep_end(AppHostRoom *h)
{
    writer_done(h, 1);
}

/* Newest first by name (a month sorts by its digits; "start" is the oldest). */
static int by_name_desc(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int sx = strstr(x, "-start") != NULL, sy = strstr(y, "-start") != NULL;
    if (sx != sy)
        return sx - sy;
    return strcmp(y, x);
}

/* The replay of a loaded game: the newest file of its number in the replays folder that goes
 * on from the loaded month. NULL with err. */
static AppReplay *find_replay(AppHostRoom *h, char *err, size_t errsz)
{
    char *names[256];
    int n = 0;
    DIR *d = opendir(h->replay_dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 256)
        if (e->d_name[0] != '.' && app_save_game_no(e->d_name) == h->game->game_no)
            if ((names[n] = strdup(e->d_name)) != NULL)
                n++;
    if (d)
        closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name_desc);
    app_cli_fail(err, errsz, "host.err.replay_none", h->replay_dir, NULL);
    AppReplay *rec = NULL;
    for (int k = 0; k < n; k++) {
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", h->replay_dir, names[k]);
        if (!rec && (rec = app_replay_resume(h->game, path, err, errsz)) != NULL)
            core_strlcpy(h->replay_path, path, sizeof h->replay_path);
        free(names[k]);
    }
    return rec;
}

int app_host_keep_begin(AppHostRoom *h, const char *dir, const char *loaded, FILE *out,
                        FILE *errout)
{
    snprintf(h->auto_dir, sizeof h->auto_dir, "%s/autosave", dir);
    snprintf(h->replay_dir, sizeof h->replay_dir, "%s/replays", dir);
    if (make_dir(dir, errout) < 0 || make_dir(h->auto_dir, errout) < 0 ||
        make_dir(h->replay_dir, errout) < 0)
        return -1;
    AppGame *g = h->game;
    char err[1200];
    if (loaded && g->room) {
        /* The room, then its cards: the saved offers made again, the card on show put back. */
        if (h->teach)
            app_teach_restore(h->teach, g->world, h->room, &g->room->card);
        if (net_game_restore_room(h->room, g->room, err, sizeof err) < 0 ||
            net_game_restore_card(h->room, g->room, err, sizeof err) < 0) {
            app_cli_error(errout, "host.err.load_room", loaded, err, NULL);
            return -1;
        }
    } else if (h->teach) {
        app_teach_offer(h->teach, g->world, h->room);
    }
    if (loaded)
        app_cli_say(out, g->room ? "host.loaded_room" : "host.loaded_fresh", loaded, NULL);
    if (!g->room && !(g->room = calloc(1, sizeof *g->room))) {
        app_cli_error(errout, "cli.err.oom", NULL);
        return -1;
    }
    g->game_no = loaded ? app_save_game_no(loaded) : 0;
    if (g->game_no <= 0) {
        const char *dirs[3] = {dir, h->auto_dir, h->replay_dir};
        g->game_no = app_save_new_game_no(dirs, 3);
    }
    char no[16];
    snprintf(no, sizeof no, "%d", g->game_no);
    app_cli_say(out, "host.saves", no, h->auto_dir, NULL);
    if (g->world->turn == 0)
        h->rec = app_replay_begin(g, err, sizeof err);
    else
        h->rec = find_replay(h, err, sizeof err);
    if (!h->rec)
        app_cli_say(out, "host.replay_off", err, NULL);
    return 0;
}

void app_host_keep_month(AppHostRoom *h, FILE *errout)
{
    char path[1300];
    if (h->rec)
        app_game_file_name(h->game->world, h->game->game_no, h->replay_dir, 0, path, sizeof path);
    save_now(h, h->rec ? path : NULL, errout);
}

void app_host_keep_poll(AppHostRoom *h, double now, FILE *errout)
{
    if (changes(h) != h->saved_changes && now - h->saved_at >= HOST_SAVE_EVERY && writer_done(h, 0))
        save_now(h, NULL, errout);
}
