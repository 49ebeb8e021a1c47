/* app_save_game: saves named by game and game month, the window's autosaves per game, a save's
 * head for the list, and seating a role anew mid-game (see app_save.h, its second part). */
#define _POSIX_C_SOURCE 200809L
#include "app_save.h"

#include "app_cli.h"
#include "app_seat.h"
#include "core_err.h"
#include "core_month.h"
#include "dat_save.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------------
 * Names */

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return 1;
}

/* Whether s (n bytes) is "start" or "YYYY-MM", then optionally "-K". */
static int month_tail(const char *s, size_t n)
{
    size_t m;
    if (n >= 5 && strncmp(s, "start", 5) == 0)
        m = 5;
    else if (n >= 7 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2))
        m = 7;
    else
        return 0;
    return m == n || (s[m] == '-' && all_digits(s + m + 1, n - m - 1));
}

int app_save_game_no(const char *name)
{
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    size_t len = strlen(base);
    if (len < 5 || strcmp(base + len - 5, ".json") != 0 || base[0] == '.')
        return 0;
    len -= 5;
    /* The last "-game" whose digits are followed by "-" and a month. */
    for (const char *at = base; (at = strstr(at, "-game")) && at < base + len; at++) {
        const char *d = at + 5;
        size_t nd = 0;
        while (d + nd < base + len && d[nd] >= '0' && d[nd] <= '9')
            nd++;
        if (nd == 0 || nd > 6 || d + nd >= base + len || d[nd] != '-')
            continue;
        const char *tail = d + nd + 1;
        if (month_tail(tail, (size_t)(base + len - tail)))
            return atoi(d);
    }
    return 0;
}

int app_save_new_game_no(const char *const *dirs, int n)
{
    int top = 0;
    for (int k = 0; k < n; k++) {
        DIR *d = opendir(dirs[k]);
        for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
            int g = app_save_game_no(e->d_name);
            top = g > top ? g : top;
        }
        if (d)
            closedir(d);
    }
    return top + 1;
}

/* The scenario id as it may stand in a file name: letters, digits, '-' and '_' (others '-'). */
static void safe_id(const char *id, char *out, size_t n)
{
    size_t k = 0;
    for (; id[k] && k + 1 < n && k < 40; k++) {
        char c = id[k];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_';
        out[k] = ok ? c : '-';
    }
    out[k] = '\0';
    if (k == 0)
        core_strlcpy(out, "game", n);
}

void app_game_file_name(const SimWorld *w, int game_no, const char *dir, int unique, char *path,
                        size_t path_sz)
{
    char id[48], month[16] = "start";
    safe_id(w->sc->id, id, sizeof id);
    if (w->turn > 0)
        core_month_format(w->sc->start + w->turn - 1, month, sizeof month);
    snprintf(path, path_sz, "%s/%s-game%d-%s.json", dir, id, game_no, month);
    for (int k = 2; unique && access(path, F_OK) == 0 && k < 1000; k++)
        snprintf(path, path_sz, "%s/%s-game%d-%s-%d.json", dir, id, game_no, month, k);
}

int app_game_save_named(const AppGame *g, const char *dir, int unique, char *path_out,
                        size_t path_sz, char *err, size_t errsz)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return app_cli_fail(err, errsz, "save.err.mkdir", dir, strerror(errno), NULL);
    char path[4096];
    app_game_file_name(g->world, g->game_no, dir, unique, path, sizeof path);
    int rc = app_game_save(g, path, err, errsz);
    if (rc == 0 && path_out)
        core_strlcpy(path_out, path, path_sz);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Autosaves per game */

typedef struct {
    char name[256];
    int game;
    long long when; /* time of writing, ns */
} Auto;

static int newest_first(const void *a, const void *b)
{
    const Auto *x = a, *y = b;
    if (x->when != y->when)
        return x->when < y->when ? 1 : -1;
    return strcmp(y->name, x->name);
}

/* The numbered autosaves in dir, newest written first (the one just written, `mine`, first of
 * all); temp files of killed writers are removed. NULL with *n = 0 if there are none. */
static Auto *numbered(const char *dir, const char *mine, int *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    Auto *list = NULL;
    int cap = 0;
    for (struct dirent *e = readdir(d); e; e = readdir(d)) {
        char p[4400];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' && strstr(e->d_name, "-game") && strstr(e->d_name, ".json.")) {
            unlink(p);
            continue;
        }
        int game = app_save_game_no(e->d_name);
        struct stat st;
        if (game <= 0 || strlen(e->d_name) >= sizeof list->name || stat(p, &st) != 0)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            Auto *grown = realloc(list, (size_t)cap * sizeof *grown);
            if (!grown)
                break;
            list = grown;
        }
        Auto *a = &list[(*n)++];
        core_strlcpy(a->name, e->d_name, sizeof a->name);
        a->game = game;
        a->when = strcmp(e->d_name, mine) == 0
                      ? (long long)9e18
                      : (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    }
    closedir(d);
    if (*n)
        qsort(list, (size_t)*n, sizeof *list, newest_first);
    return list;
}

int app_game_autosave(const AppGame *g, const char *dir, int keep, int games, char *path_out,
                      size_t path_sz, char *err, size_t errsz)
{
    char path[4096];
    if (app_game_save_named(g, dir, 0, path, sizeof path, err, errsz) < 0)
        return -1;
    if (path_out)
        core_strlcpy(path_out, path, path_sz);
    int n;
    Auto *list = numbered(dir, strrchr(path, '/') + 1, &n);
    /* Newest first: a game is kept if it is among the first `games` games met; of a kept game,
     * its first `keep` files. */
    int kept[64], n_kept = 0;
    for (int k = 0; k < n; k++) {
        int at = 0;
        while (at < n_kept && kept[at] != list[k].game)
            at++;
        if (at == n_kept && n_kept < 64)
            kept[n_kept++] = list[k].game;
        int seen = 0;
        for (int j = 0; j < k; j++)
            seen += list[j].game == list[k].game;
        if (at >= games || at >= 64 || seen >= keep) {
            char old[4400];
            snprintf(old, sizeof old, "%s/%s", dir, list[k].name);
            unlink(old);
        }
    }
    free(list);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * A save's head for the list */

/* What a seat's choice says in few words: a script by its file name. */
static const char *short_choice(const char *c)
{
    const char *slash = strrchr(c, '/');
    return slash ? slash + 1 : c;
}

void app_save_entry_read(AppSaveEntry *e, const char *path)
{
    memset(e, 0, sizeof *e);
    core_strlcpy(e->path, path, sizeof e->path);
    e->game = app_save_game_no(path);
    DatSaveInfo *info = malloc(sizeof *info);
    if (!info) {
        core_strlcpy(e->why, "out of memory", sizeof e->why);
        return;
    }
    e->ok = dat_save_peek(path, info, e->why, sizeof e->why) == 0;
    if (e->ok) {
        e->turn = info->turn;
        core_strlcpy(e->month, info->month, sizeof e->month);
        core_strlcpy(e->saved_at, info->saved_at, sizeof e->saved_at);
        core_strlcpy(e->scenario, info->scenario, sizeof e->scenario);
        core_strlcpy(e->seed, info->seed, sizeof e->seed);
        uint64_t key = CORE_FNV_OFFSET;
        int mixed = 0;
        for (int i = 0; i < info->n_seats; i++) {
            const char *c = info->seat_choice[i];
            key = core_fnv1a(key, info->seat_role[i], strlen(info->seat_role[i]) + 1);
            key = core_fnv1a(key, c, strlen(c) + 1);
            if (strcmp(c, "human") == 0) {
                size_t used = strlen(e->people);
                snprintf(e->people + used, sizeof e->people - used, "%s%s", used ? "," : "",
                         info->seat_role[i]);
            } else if (!e->others[0]) {
                core_strlcpy(e->others, short_choice(c), sizeof e->others);
            } else if (strcmp(e->others, short_choice(c)) != 0) {
                mixed = 1;
            }
        }
        if (mixed)
            core_strlcpy(e->others, "mixed", sizeof e->others);
        e->seats_key = key;
    }
    free(info);
}

/* ---------------------------------------------------------------------------------------------
 * Seating anew mid-game */

int app_game_reseat(AppGame *g, int i, const char *choice, char *err, size_t errsz)
{
    SimWorld *w = g->world;
    SimStrategy s;
    char why[768];
    if (app_seat_make(w, i, choice, g->scenario_path, &s, why, sizeof why) < 0)
        return core_errf(err, errsz, "%s=%s: %s", w->sc->actors[i].id, choice, why);
    SimView v = {w, i};
    if (s.init && s.init(s.self, &v, why, sizeof why) < 0) {
        sim_strategy_destroy(&s);
        return core_errf(err, errsz, "%s=%s: %s", w->sc->actors[i].id, choice, why);
    }
    sim_world_set_strategy(w, i, s);
    core_strlcpy(g->choice[i], choice, sizeof g->choice[i]);
    return 0;
}
