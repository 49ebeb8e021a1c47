/* app_start: the start screen's files and loop (see app_start.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_start.h"

#include "app_host_room.h"
#include "app_window.h"
#include "ui_scale.h"

#include "app_lang.h"
#include "app_run.h"
#include "app_seat.h"
#include "core_err.h"
#include "core_text.h"
#include "dat_scenario.h"
#include "ui_draw.h"
#include "ui_start.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_FILES 128
#define PATH_LEN  4096

static const char *const natives[] = {"playbook", "baseline", "history", "passive"};
#define N_NATIVES 4

struct AppStart {
    char scen_dir[PATH_LEN];
    char *scen_files[MAX_FILES]; /* file names in scen_dir, sorted */
    int n_scen;
    const char *script_labels[N_NATIVES + MAX_FILES];
    char *script_files[N_NATIVES + MAX_FILES];  /* the scripts' labels as files ("x.lua") */
    char script_words[MAX_FILES][160];          /* a shipped playbook's label in the language */
    char *script_values[N_NATIVES + MAX_FILES]; /* the choice for --strategy: a name or a path */
    int n_scripts;
    SimScenario *sc;     /* the scenario on show */
    char load_err[1024]; /* why it cannot be played ("" if it can) */
    /* The form's words, in the language in use (again after a change of language): the
     * pointers the form holds must not point into tables that a change frees. */
    char native_labels[N_NATIVES][64];
    char title[512];
    char about[4096];
    char names[UI_START_MAX_ROLES][64];
    char notes[UI_START_MAX_ROLES][160];
    char notice[256];
    char playbooks[UI_START_MAX_ROLES][64];  /* the playbooks' file names, without .lua */
    char book_words[UI_START_MAX_ROLES][96]; /* their names in the reader's language */
    char scenario_path[PATH_LEN];
    UiStart form;
};

/* ---------------------------------------------------------------- files */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The names of the files in dir ending in ext, sorted, appended to out (at most max). */
static int list_dir(const char *dir, const char *ext, char **out, int n, int max)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return n;
    int first = n;
    struct dirent *e;
    while ((e = readdir(dp)) && n < max) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ext))
            continue;
        char *s = strdup(e->d_name);
        if (s)
            out[n++] = s;
    }
    closedir(dp);
    qsort(out + first, (size_t)(n - first), sizeof *out, by_name);
    return n;
}

static void dirname_of(const char *path, char *out, size_t n)
{
    core_strlcpy(out, path, n);
    char *slash = strrchr(out, '/');
    if (slash)
        *slash = '\0';
    else
        core_strlcpy(out, ".", n);
}

static void list_scripts(AppStart *st)
{
    for (int k = 0; k < N_NATIVES; k++) {
        st->script_labels[k] = st->native_labels[k];
        st->script_values[k] = strdup(natives[k]);
    }
    st->n_scripts = N_NATIVES;
    char dirs[2][PATH_LEN], parent[PATH_LEN];
    core_strlcpy(dirs[0], app_scripts_dir(), sizeof dirs[0]);
    dirname_of(dirs[0], parent, sizeof parent);
    snprintf(dirs[1], sizeof dirs[1], "%.4000s/examples", parent);
    for (int k = 0; k < 2; k++) {
        char *names[MAX_FILES];
        int n = list_dir(dirs[k], ".lua", names, 0, MAX_FILES);
        for (int j = 0; j < n; j++) {
            if (st->n_scripts < N_NATIVES + MAX_FILES) {
                char path[PATH_LEN + 256], label[300];
                snprintf(path, sizeof path, "%s/%s", dirs[k], names[j]);
                snprintf(label, sizeof label, "%s%s", k ? "examples/" : "", names[j]);
                char *v = strdup(path), *l = strdup(label);
                if (v && l) {
                    st->script_values[st->n_scripts] = v;
                    st->script_labels[st->n_scripts] = l;
                    st->script_files[st->n_scripts] = l;
                    st->n_scripts++;
                } else {
                    free(v);
                    free(l);
                }
            }
            free(names[j]);
        }
    }
}

/* The form's words in the language in use: the natives' labels, the scenario's title and
 * description, the roles' names and notes, or why the scenario cannot be played. */
static void put_texts(AppStart *st)
{
    UiStart *f = &st->form;
    char key[64];
    for (int k = 0; k < N_NATIVES; k++) {
        snprintf(key, sizeof key, "start.script.%s", natives[k]);
        snprintf(st->native_labels[k], sizeof st->native_labels[k], "%s", core_tr(key));
    }
    /* A shipped playbook among the scripts: its name in the tables, its file beside it. */
    for (int k = N_NATIVES; k < st->n_scripts; k++) {
        const char *file = st->script_files[k];
        char bk[300];
        snprintf(bk, sizeof bk, "start.book.%.*s", (int)strcspn(file, "."), file);
        const char *words = core_tr(bk);
        st->script_labels[k] = file;
        if (strcmp(words, bk) != 0 && strncmp(words, bk + 11, strlen(words)) != 0) {
            core_trf(st->script_words[k - N_NATIVES], sizeof st->script_words[0], "start.book_file",
                     words, file, NULL);
            st->script_labels[k] = st->script_words[k - N_NATIVES];
        }
    }
    f->lang = (int)core_tr_lang();
    f->title = NULL;
    f->about = st->about;
    if (st->n_scen == 0) {
        core_trf(st->about, sizeof st->about, "start.about.none", st->scen_dir, NULL);
        return;
    }
    if (!st->sc) {
        core_trf(st->about, sizeof st->about, "start.about.bad", st->load_err, NULL);
        return;
    }
    snprintf(st->title, sizeof st->title, "%s", core_tr_content(st->sc->title));
    snprintf(st->about, sizeof st->about, "%s", core_tr_content(st->sc->description));
    f->title = st->title;
    for (int i = 0; i < f->n_roles; i++) {
        const SimActorSpec *a = &st->sc->actors[i];
        UiStartRole *r = &f->roles[i];
        snprintf(st->names[i], sizeof st->names[i], "%s", core_tr_content(a->name));
        r->name = st->names[i];
        const char *leader = a->leader[0] ? core_tr_content(a->leader) : "";
        if (a->role == SIM_ROLE_GIANT)
            snprintf(st->notes[i], sizeof st->notes[i], "%s", leader);
        else if (!leader[0])
            snprintf(st->notes[i], sizeof st->notes[i], "%s",
                     core_tr(a->role == SIM_ROLE_HUB ? "start.note.hub" : "start.note.outside"));
        else
            core_trf(st->notes[i], sizeof st->notes[i], "start.note.with_leader",
                     core_tr(a->role == SIM_ROLE_HUB ? "start.note.hub" : "start.note.outside"),
                     leader, NULL);
        r->note = st->notes[i];
        /* A playbook shipped with the game has a name in the tables (start.book.NAME); any
         * other is shown by its file name. */
        char bk[128];
        snprintf(bk, sizeof bk, "start.book.%s", st->playbooks[i]);
        const char *words = core_tr(bk);
        snprintf(st->book_words[i], sizeof st->book_words[i], "%s",
                 strcmp(words, bk) != 0 ? words : st->playbooks[i]);
        r->playbook = st->playbooks[i][0] ? st->book_words[i] : NULL;
    }
}

/* Loads the scenario on show and puts its roles, title and seed into the form. */
static void load_scenario(AppStart *st)
{
    UiStart *f = &st->form;
    if (st->sc)
        sim_scenario_free(st->sc);
    st->sc = NULL;
    f->n_roles = 0;
    st->load_err[0] = '\0';
    if (st->n_scen == 0) {
        put_texts(st);
        return;
    }
    snprintf(st->scenario_path, sizeof st->scenario_path, "%.3000s/%.1000s", st->scen_dir,
             st->scen_files[f->scenario]);
    st->sc = dat_scenario_load(st->scenario_path, st->load_err, sizeof st->load_err);
    if (st->sc &&
        app_lang_use_scenario(st->sc, st->scenario_path, st->load_err, sizeof st->load_err) < 0) {
        sim_scenario_free(st->sc);
        st->sc = NULL;
    }
    if (!st->sc) {
        put_texts(st);
        return;
    }
    int n = st->sc->n_actors < UI_START_MAX_ROLES ? st->sc->n_actors : UI_START_MAX_ROLES;
    for (int i = 0; i < n; i++) {
        const SimActorSpec *a = &st->sc->actors[i];
        UiStartRole *r = &f->roles[i];
        r->id = a->id;
        const char *base = strrchr(a->playbook, '/');
        base = base ? base + 1 : a->playbook;
        snprintf(st->playbooks[i], sizeof st->playbooks[i], "%.*s",
                 (int)(ends_with(base, ".lua") ? strlen(base) - 4 : strlen(base)), base);
    }
    f->n_roles = n;
    put_texts(st);
    ui_start_reset_roles(f);
    /* A role without a playbook starts on baseline, as on the command line. */
    char book[PATH_LEN];
    for (int i = 0; i < n; i++)
        if (!app_seat_playbook(st->sc, i, st->scenario_path, book, sizeof book))
            f->script[i] = 1;
    f->focus = UI_START_ROW_SCENARIO;
    snprintf(f->seed, sizeof f->seed, "%llu", (unsigned long long)st->sc->default_seed);
}

int app_start_set_lang(AppStart *st, int lang, char *err, size_t errsz)
{
    UiStart *f = &st->form;
    char why[512] = "";
    if (lang < 0 || lang >= CORE_LANG_COUNT || app_lang_init((CoreLang)lang, why, sizeof why) < 0) {
        f->lang = (int)core_tr_lang();
        core_trf(st->notice, sizeof st->notice, "start.notice.lang", why, NULL);
        f->notice = st->notice;
        return core_errf(err, errsz, "%s", why);
    }
    put_texts(st);
    return 0;
}

AppStart *app_start_create(void)
{
    AppStart *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    const char *def = app_default_scenario();
    dirname_of(def, st->scen_dir, sizeof st->scen_dir);
    st->n_scen = list_dir(st->scen_dir, ".json", st->scen_files, 0, MAX_FILES);
    const char *base = strrchr(def, '/');
    base = base ? base + 1 : def;
    for (int k = 0; k < st->n_scen; k++)
        if (strcmp(st->scen_files[k], base) == 0)
            st->form.scenario = k;
    list_scripts(st);
    UiStart *f = &st->form;
    f->scenarios = (const char *const *)st->scen_files;
    f->n_scenarios = st->n_scen;
    f->scripts = st->script_labels;
    f->n_scripts = st->n_scripts;
    load_scenario(st);
    return st;
}

void app_start_destroy(AppStart *st)
{
    if (!st)
        return;
    for (int k = 0; k < st->n_scen; k++)
        free(st->scen_files[k]);
    for (int k = 0; k < st->n_scripts; k++) {
        free(st->script_values[k]);
        if (k >= N_NATIVES)
            free(st->script_files[k]);
    }
    if (st->sc)
        sim_scenario_free(st->sc);
    free(st);
}

void app_start_pick(AppStart *st, const char *path)
{
    if (!path)
        return;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char dir[PATH_LEN];
    dirname_of(path, dir, sizeof dir);
    if (strcmp(dir, st->scen_dir) != 0) {
        /* A scenario from another folder: the list becomes that folder's. */
        char *files[MAX_FILES];
        int n = list_dir(dir, ".json", files, 0, MAX_FILES);
        if (n == 0)
            return;
        for (int k = 0; k < st->n_scen; k++)
            free(st->scen_files[k]);
        memcpy(st->scen_files, files, (size_t)n * sizeof files[0]);
        st->n_scen = n;
        st->form.n_scenarios = n;
        st->form.scenario = 0;
        core_strlcpy(st->scen_dir, dir, sizeof st->scen_dir);
    }
    for (int k = 0; k < st->n_scen; k++)
        if (strcmp(st->scen_files[k], base) == 0)
            st->form.scenario = k;
    load_scenario(st);
}

int app_start_wanted(const AppOptions *o)
{
    return o->cmd == APP_CMD_PLAY && !o->no_start && !o->load && !o->scenario && !o->has_seed &&
           o->n_strategies == 0 && !o->lab_file;
}

/* ---------------------------------------------------------------- the picks as options */

static void random_seed(UiStart *f)
{
    /* splitmix64 over the clock: a short number a class can read out and type again. */
    uint64_t z = (uint64_t)SDL_GetPerformanceCounter() ^ ((uint64_t)time(NULL) << 20);
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    snprintf(f->seed, sizeof f->seed, "%llu", (unsigned long long)(z % 999999u + 1u));
    f->seed_typed = 0;
}

UiStart *app_start_form(AppStart *st)
{
    return &st->form;
}

int app_start_options(AppStart *st, const AppOptions *base, AppOptions *o)
{
    UiStart *f = &st->form;
    if (!st->sc || f->n_roles == 0) {
        core_trf(st->notice, sizeof st->notice, "start.notice.unplayable", NULL);
        f->notice = st->notice;
        return -1;
    }
    const char *s = f->seed;
    char *end = NULL;
    unsigned long long seed = strtoull(s, &end, 10);
    if (!*s || *end || strlen(s) > 20 ||
        (strlen(s) == 20 && strcmp(s, "18446744073709551615") > 0)) {
        core_trf(st->notice, sizeof st->notice, "start.notice.seed", NULL);
        f->notice = st->notice;
        f->focus = UI_START_ROW_SEED;
        return -1;
    }
    *o = *base;
    o->scenario = st->scenario_path;
    o->classroom = f->story;
    o->has_seed = 1;
    o->seed = (uint64_t)seed;
    o->n_strategies = 0;
    for (int i = 0; i < f->n_roles && o->n_strategies < APP_MAX_STRATEGIES; i++) {
        AppStrategyChoice *c = &o->strategies[o->n_strategies++];
        c->role = st->sc->actors[i].id;
        c->strategy = f->person[i] ? "human" : st->script_values[f->script[i]];
        /* "playbook" picked for a role that has none: it plays baseline, as the form said. */
        char book[PATH_LEN];
        if (strcmp(c->strategy, "playbook") == 0 &&
            !app_seat_playbook(st->sc, i, st->scenario_path, book, sizeof book))
            c->strategy = st->script_values[1];
    }
    o->lab_pick = f->lab; /* "Try a strategy": the lab's picker opens with the game */
    if (f->host) {
        /* "Open to the class": the people's roles are the room's seats (every role when nobody
         * is one), on every interface, a free port, two minutes a month (host's defaults). */
        static const AppHostConf conf = {NULL, 0, NULL, 120, NULL, NULL};
        o->host = &conf;
        if (ui_start_people(f, NULL) == 0)
            for (int i = 0; i < o->n_strategies; i++)
                o->strategies[i].strategy = "human";
    }
    return 0;
}

/* ---------------------------------------------------------------- the loop */

int app_start_run(AppStart *st, SDL_Window *win, const AppOptions *base, AppOptions *chosen,
                  FILE *errout)
{
    SDL_Renderer *r =
        SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!r)
        r = SDL_CreateRenderer(win, -1, 0);
    if (!r) {
        char line[600];
        fprintf(errout, "%s\n",
                core_trf(line, sizeof line, "play.err.renderer", SDL_GetError(), NULL));
        return -1;
    }
    char err[512] = "";
    UiDraw *d = ui_draw_create(r, 1.0, NULL, err, sizeof err);
    if (!d) {
        fprintf(errout, "closedloop: %s\n", err);
        SDL_DestroyRenderer(r);
        return -1;
    }
    SDL_SetWindowTitle(win, core_tr("start.window_title"));
    UiStart *f = &st->form;
    f->story = base->classroom != 0; /* --classroom, or the game before */
    f->fullscreen = app_window_is_fullscreen(win);
    UiStartGeom g;
    memset(&g, 0, sizeof g);
    float mx = -1, my = -1;
    double ratio = 1.0, user = base->ui_scale > 0 ? base->ui_scale : 1.0;
    f->scale = ui_scale_preset_of(user);
    int rc = -2, drawn = 0;
    while (rc == -2) {
        /* Nothing on this screen moves by itself: it sleeps until input comes (a second at most,
         * a wake-up that draws nothing) and draws again only after input. */
        if (drawn && !SDL_WaitEventTimeout(NULL, 1000))
            continue;
        SDL_Event e;
        while (rc == -2 && SDL_PollEvent(&e)) {
            UiStartAction act = UI_START_NONE;
            if (e.type == SDL_QUIT) {
                rc = 0;
            } else if (e.type == SDL_KEYDOWN) {
                SDL_Keycode k = e.key.keysym.sym;
                int ctrl = (e.key.keysym.mod & KMOD_CTRL) != 0;
                if (ctrl && (k == SDLK_EQUALS || k == SDLK_PLUS || k == SDLK_KP_PLUS))
                    f->scale = ui_scale_preset_of(user = ui_scale_step(user, 1));
                else if (ctrl && (k == SDLK_MINUS || k == SDLK_KP_MINUS))
                    f->scale = ui_scale_preset_of(user = ui_scale_step(user, -1));
                else
                    act = ui_start_key(f, k, (Uint16)e.key.keysym.mod);
            } else if (e.type == SDL_MOUSEMOTION) {
                mx = (float)(e.motion.x * ratio);
                my = (float)(e.motion.y * ratio);
            } else if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT) {
                mx = (float)(e.button.x * ratio);
                my = (float)(e.button.y * ratio);
                act = ui_start_click(f, &g, mx, my);
            } else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_LEAVE) {
                mx = my = -1;
            }
            if (act != UI_START_NONE)
                f->notice = NULL;
            if (act == UI_START_SCENARIO) {
                load_scenario(st);
            } else if (act == UI_START_LANG) {
                /* The whole program speaks the new language from here on, this screen too. */
                if (app_start_set_lang(st, f->lang, err, sizeof err) < 0)
                    fprintf(errout, "closedloop: %s\n", err);
                SDL_SetWindowTitle(win, core_tr("start.window_title"));
            }
            if (act == UI_START_DISPLAY) {
                /* Applied at once: the form itself shows the choice. */
                if (f->scale >= 0)
                    user = ui_scale_preset(f->scale);
                f->fullscreen = app_window_set_fullscreen(win, f->fullscreen);
            }
            if (act == UI_START_RANDOM)
                random_seed(f);
            else if (act == UI_START_QUIT)
                rc = 0;
            else if (act == UI_START_GO && app_start_options(st, base, chosen) == 0) {
                chosen->ui_scale = user;
                chosen->fullscreen = app_window_is_fullscreen(win);
                rc = 1;
            }
        }
        if (rc != -2)
            break;
        /* Draw, at the scale of the game's screen (ui_scale.h): the form fits whole. */
        int ow = 1, oh = 1;
        SDL_GetRendererOutputSize(r, &ow, &oh);
        ui_draw_set_scale(d, app_window_scale(win, r, user, &ratio));
        ui_start_draw(d, ow, oh, f, mx, my, &g);
        SDL_RenderPresent(r);
        drawn = 1;
        SDL_Delay(16); /* at most about 60 frames a second while input streams in */
    }
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    return rc;
}
