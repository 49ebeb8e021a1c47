/* app_lab: the strategy author's lab (see app_lab.h). */
#define _POSIX_C_SOURCE 200809L
#include "app_lab.h"

#include "core_err.h"
#include "core_text.h"
#include "dat_history.h"
#include "scr_strategy.h"
#include "sim_turn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct AppLab {
    /* The game's spec, copied: the scenario, the seed, the seats (the lab's own last). */
    char scenario[1024];
    int has_seed, check_books;
    uint64_t seed;
    char fallback[64];
    AppStrategyChoice *choices; /* n_choices + 1; the strings in `texts` */
    char (*texts)[2][APP_CHOICE_LEN];
    int n_choices;
    char role[64], path[1024];
    int actor;
    /* The watcher: the file's size and time as last tried, when it was looked at last. */
    long long size, mtime_ns;
    int looked, tried;
    uint32_t last_look;
    /* The runs, each played to its end. */
    AppGame *run, *before;
    int version, refused;
    /* The month the next version replays from (0: the start), the month the run in hand was
     * replayed from, and the games it was played from, oldest first (a copy of each, made when
     * its version was taken): bases[k] covers the months from its turn to the next one's. */
    int from, run_from;
    AppGame **bases;
    int n_bases;
    /* The console: a ring of the newest lines. */
    AppLabLine lines[APP_LAB_LINES];
    int first, n_lines;
};

/* A whole number as text, for core_trf's string arguments; returns buf. */
static const char *num(long long v, char *buf, size_t n)
{
    snprintf(buf, n, "%lld", v);
    return buf;
}

/* Adds a line to the console (the oldest goes when it is full). */
static void say(AppLab *lab, AppLabKind kind, const char *text)
{
    int at = (lab->first + lab->n_lines) % APP_LAB_LINES;
    if (lab->n_lines == APP_LAB_LINES)
        lab->first = (lab->first + 1) % APP_LAB_LINES;
    else
        lab->n_lines++;
    lab->lines[at].kind = kind;
    core_strlcpy(lab->lines[at].text, text, sizeof lab->lines[at].text);
}

/* The spec with the lab's seat last: the spec's seats, then ROLE=FILE (the later choice wins). */
static AppGameSpec lab_spec(const AppLab *lab, const char *choice)
{
    lab->choices[lab->n_choices] = (AppStrategyChoice){lab->role, choice};
    return (AppGameSpec){.scenario = lab->scenario[0] ? lab->scenario : NULL,
                         .has_seed = lab->has_seed,
                         .seed = lab->seed,
                         .choices = lab->choices,
                         .n_choices = lab->n_choices + 1,
                         .fallback = lab->fallback[0] ? lab->fallback : NULL,
                         .check_books = lab->check_books};
}

AppLab *app_lab_new(const AppGameSpec *spec, const char *role, const char *path, char *err,
                    size_t errsz)
{
    AppLab *lab = calloc(1, sizeof *lab);
    int n = spec->n_choices > 0 ? spec->n_choices : 0;
    if (lab) {
        lab->choices = calloc((size_t)n + 1, sizeof *lab->choices);
        lab->texts = calloc((size_t)n + 1, sizeof *lab->texts);
    }
    if (!lab || !lab->choices || !lab->texts) {
        app_lab_free(lab);
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    core_strlcpy(lab->scenario, spec->scenario ? spec->scenario : "", sizeof lab->scenario);
    core_strlcpy(lab->fallback, spec->fallback ? spec->fallback : "", sizeof lab->fallback);
    lab->has_seed = spec->has_seed;
    lab->seed = spec->seed;
    lab->check_books = spec->check_books;
    for (int k = 0; k < n; k++) {
        core_strlcpy(lab->texts[k][0], spec->choices[k].role, APP_CHOICE_LEN);
        core_strlcpy(lab->texts[k][1], spec->choices[k].strategy, APP_CHOICE_LEN);
        lab->choices[k] = (AppStrategyChoice){lab->texts[k][0], lab->texts[k][1]};
    }
    lab->n_choices = n;
    core_strlcpy(lab->role, role, sizeof lab->role);
    core_strlcpy(lab->path, path, sizeof lab->path);
    /* The role and the other seats are checked once, with passive in the role: a wrong role is
     * said as every command says it (the roles listed), before any file is read. */
    AppGameSpec s = lab_spec(lab, "passive");
    int status = 0;
    AppGame *g = app_game_new(&s, &status, err, errsz);
    if (!g) {
        app_lab_free(lab);
        return NULL;
    }
    lab->actor = sim_scenario_find_actor(g->world->sc, lab->role);
    app_game_free(g);
    return lab;
}

void app_lab_free(AppLab *lab)
{
    if (!lab)
        return;
    app_game_free(lab->run);
    app_game_free(lab->before);
    for (int k = 0; k < lab->n_bases; k++)
        app_game_free(lab->bases[k]);
    free(lab->bases);
    free(lab->choices);
    free(lab->texts);
    free(lab);
}

/* The file's size and time (ns), or -1 if it cannot be looked at. */
static int look(const char *path, long long *size, long long *mtime_ns)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    *size = (long long)st.st_size;
    *mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + (long long)st.st_mtim.tv_nsec;
    return 0;
}

int app_lab_changed(AppLab *lab)
{
    long long size = 0, t = 0;
    if (look(lab->path, &size, &t) < 0)
        return 0;
    return !lab->tried || size != lab->size || t != lab->mtime_ns;
}

/* ---------------------------------------------------------------- a run and its console */

/* The console lines of the role's month `turn` (-1: loading): what the script printed and the
 * intents dropped (its messages), the turns it lost and its retirement (the engine's record from
 * event `first` on). Returns the errors among them; *prints counts the printed lines. */
static int month_lines(AppLab *lab, const SimWorld *w, int turn, int first, int *prints)
{
    char month[32], line[APP_LAB_LINE_LEN + 64], n[16];
    if (turn >= 0)
        core_tr_month(w->sc->start + turn, month, sizeof month);
    else
        core_strlcpy(month, core_tr("lab.console.loading"), sizeof month);
    const SimStrategy *s = &w->actors[lab->actor].strategy;
    int count = scr_strategy_is_lua(s) ? scr_strategy_message_count(s) : 0, errors = 0;
    for (int k = 0; k < count; k++) {
        ScrMessage m;
        if (scr_strategy_message(s, k, &m) < 0 || m.turn != turn || m.kind == SCR_MSG_ERROR)
            continue; /* errors: from the engine's record below, once each */
        if (m.kind == SCR_MSG_PRINT && ++*prints > APP_LAB_PRINTS)
            continue;
        core_trf(line, sizeof line,
                 m.kind == SCR_MSG_PRINT ? "lab.console.print" : "lab.console.dropped", month,
                 m.text, NULL);
        say(lab, m.kind == SCR_MSG_PRINT ? APP_LAB_PRINT : APP_LAB_DROPPED, line);
    }
    for (int k = first; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind != SIM_LOG_STRATEGY_ERROR || e->actor != lab->actor)
            continue;
        /* "NAME lost its turn: WHY" (sim_turn): WHY is the script's "file:LINE: what". */
        const char *why = strstr(e->text, " lost its turn: ");
        if (why)
            core_trf(line, sizeof line, "lab.console.lost", month, why + 16, NULL);
        else
            core_trf(line, sizeof line, "lab.console.retired", month, num(3, n, sizeof n), NULL);
        say(lab, APP_LAB_ERROR, line);
        errors++;
    }
    return errors;
}

/* Plays g to its end, the console told month by month; a copy at `turn` into *at_turn. Returns
 * the errors, or -1 with err. */
static int play_out(AppLab *lab, AppGame *g, int turn, AppGame **at_turn, char *err, size_t errsz)
{
    SimWorld *w = g->world;
    int prints = 0, errors = month_lines(lab, w, -1, w->n_events, &prints), rc = 0;
    while (rc == 0) {
        if (at_turn && !*at_turn && w->turn >= turn && !(*at_turn = app_game_copy(g, err, errsz)))
            return -1;
        int first = w->n_events, t = w->turn;
        rc = sim_turn_step(w, err, errsz);
        if (rc < 0)
            return -1;
        errors += month_lines(lab, w, t, first, &prints);
    }
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    if (at_turn && !*at_turn && !(*at_turn = app_game_copy(g, err, errsz)))
        return -1;
    if (prints > APP_LAB_PRINTS) {
        char n[16], line[256];
        core_trf(line, sizeof line, "lab.console.more_prints",
                 num(prints - APP_LAB_PRINTS, n, sizeof n), NULL);
        say(lab, APP_LAB_INFO, line);
    }
    return errors;
}

/* The run in hand's game at month m, through the save machinery: a copy of the last game it was
 * played from at or before m, played on to m, and copied again (saved into memory and read
 * back, as `run --turns M --save` and `run --load` would). NULL with err. */
static AppGame *game_at(const AppLab *lab, int m, char *err, size_t errsz)
{
    const AppGame *base = NULL;
    for (int k = 0; k < lab->n_bases; k++)
        if (lab->bases[k]->world->turn <= m)
            base = lab->bases[k];
    if (!base) {
        core_errf(err, errsz, "no game of the run in hand at month %d", m);
        return NULL;
    }
    AppGame *g = app_game_copy(base, err, errsz);
    int rc = 0;
    while (g && rc == 0 && g->world->turn < m)
        rc = sim_turn_step(g->world, err, errsz);
    AppGame *at = g && rc >= 0 ? app_game_copy(g, err, errsz) : NULL;
    app_game_free(g);
    return at;
}

/* The game a version plays from: a new game with the file in the role (m = 0), or the run in
 * hand's game at month m with the role seated anew on the file, as `run --load SAVE
 * --strategy ROLE=FILE` seats it (app_game_reseat: a fresh script, its init run at m, its
 * view.memory empty). NULL with why and *status (2: the script's fault). */
static AppGame *open_version(AppLab *lab, int m, int *status, char *why, size_t whysz)
{
    if (m == 0) {
        AppGameSpec s = lab_spec(lab, lab->path);
        return app_game_new(&s, status, why, whysz);
    }
    *status = 1;
    AppGame *g = game_at(lab, m, why, whysz);
    if (g && app_game_reseat(g, lab->actor, lab->path, why, whysz) < 0) {
        app_game_free(g);
        *status = 2;
        return NULL;
    }
    if (g) {
        char line[APP_LAB_LINE_LEN], month[32];
        core_tr_month(g->world->sc->start + m, month, sizeof month);
        say(lab, APP_LAB_INFO, core_trf(line, sizeof line, "lab.console.from", month, NULL));
    }
    return g;
}

/* The version in g (played from month m, `keep` a copy of g before it played) becomes the run
 * in hand; the games it was played from are those of the run before up to m, then keep. */
static void take(AppLab *lab, AppGame *g, AppGame *keep, int m)
{
    int n = 0;
    for (int k = 0; k < lab->n_bases; k++) {
        if (lab->bases[k]->world->turn < m)
            lab->bases[n++] = lab->bases[k];
        else
            app_game_free(lab->bases[k]);
    }
    lab->bases[n++] = keep;
    lab->n_bases = n;
    app_game_free(lab->before);
    lab->before = lab->run;
    lab->run = g;
    lab->run_from = m;
    lab->version++;
}

/* A refused or failed try: nothing kept, and *at_turn emptied. */
static void drop_try(AppGame *g, AppGame *keep, AppGame **at_turn)
{
    app_game_free(g);
    app_game_free(keep);
    if (at_turn) {
        app_game_free(*at_turn);
        *at_turn = NULL;
    }
}

int app_lab_reload(AppLab *lab, int turn, AppGame **at_turn, char *err, size_t errsz)
{
    char line[APP_LAB_LINE_LEN], n[16], month[32];
    if (at_turn)
        *at_turn = NULL;
    /* What is tried is the file as it is now: a change while it is read is seen next time. */
    look(lab->path, &lab->size, &lab->mtime_ns);
    lab->tried++;
    core_trf(line, sizeof line, "lab.console.trying", lab->path, num(lab->tried, n, sizeof n),
             NULL);
    say(lab, APP_LAB_INFO, line);
    /* From the month chosen, if the run in hand got there (else from where it ended). */
    int m = lab->run && lab->from > 0 ? lab->from : 0;
    if (lab->run && m > lab->run->world->turn)
        m = lab->run->world->turn;
    int status = 0, errors = 0;
    char why[1024] = "";
    AppGame *g = open_version(lab, m, &status, why, sizeof why), *keep = NULL;
    if (!g) {
        if (status != 2) /* not the script's fault */
            return core_errf(err, errsz, "%s", why);
        say(lab, APP_LAB_ERROR, why); /* "FILE:LINE: what", as check says it */
        errors = 1;
    } else {
        g->world->check_books = lab->check_books;
        AppGame **b = realloc(lab->bases, ((size_t)lab->n_bases + 1) * sizeof *b);
        if (b)
            lab->bases = b;
        else
            core_errf(err, errsz, "out of memory");
        keep = b ? app_game_copy(g, err, errsz) : NULL;
        errors = keep ? play_out(lab, g, turn, at_turn, err, errsz) : -1;
        if (errors < 0) {
            drop_try(g, keep, at_turn);
            return -1;
        }
    }
    lab->refused = errors > 0;
    if (errors > 0) {
        drop_try(g, keep, at_turn);
        core_trf(line, sizeof line,
                 lab->version ? "lab.console.refused" : "lab.console.refused_first",
                 num(lab->version, n, sizeof n), NULL);
        say(lab, APP_LAB_INFO, line);
        return 0;
    }
    take(lab, g, keep, m);
    char sentence[1200];
    app_lab_sentence(lab, sentence, sizeof sentence);
    num(lab->version, n, sizeof n);
    core_tr_month(g->world->sc->start + m, month, sizeof month);
    if (m > 0)
        core_trf(line, sizeof line, "lab.console.taken_from", n, month, sentence, NULL);
    else
        core_trf(line, sizeof line, "lab.console.taken", n, sentence, NULL);
    say(lab, APP_LAB_INFO, line);
    return 1;
}

int app_lab_poll(AppLab *lab, uint32_t now_ms, int turn, AppGame **at_turn, char *err, size_t errsz)
{
    if (at_turn)
        *at_turn = NULL;
    if (lab->looked && now_ms - lab->last_look < APP_LAB_LOOK_MS)
        return 0;
    lab->looked = 1;
    lab->last_look = now_ms;
    if (!app_lab_changed(lab))
        return 0;
    int rc = app_lab_reload(lab, turn, at_turn, err, errsz);
    return rc == 0 ? 2 : rc;
}

/* ---------------------------------------------------------------- what it says */

const SimWorld *app_lab_run(const AppLab *lab)
{
    return lab && lab->run ? lab->run->world : NULL;
}

const SimWorld *app_lab_before(const AppLab *lab)
{
    return lab && lab->before ? lab->before->world : NULL;
}

int app_lab_version(const AppLab *lab)
{
    return lab ? lab->version : 0;
}

int app_lab_tries(const AppLab *lab)
{
    return lab ? lab->tried : 0;
}

int app_lab_actor(const AppLab *lab)
{
    return lab->actor;
}

const char *app_lab_role(const AppLab *lab)
{
    return lab->role;
}

const char *app_lab_path(const AppLab *lab)
{
    return lab->path;
}

int app_lab_refused(const AppLab *lab)
{
    return lab && lab->refused;
}

void app_lab_set_from(AppLab *lab, int month)
{
    lab->from = month > 0 ? month : 0;
}

int app_lab_from(const AppLab *lab)
{
    return lab ? lab->from : 0;
}

int app_lab_run_from(const AppLab *lab)
{
    return lab ? lab->run_from : 0;
}

/* How world w ended, said for the sentence (lab.end.*). */
static const char *end_text(const SimWorld *w)
{
    switch (w->end) {
    case SIM_END_TARGET:
        return core_tr("lab.end.target");
    case SIM_END_DEFAULT:
        return core_tr("lab.end.default");
    case SIM_END_TURN_LIMIT:
        return core_tr("lab.end.turns");
    default:
        return core_tr("lab.end.horizon");
    }
}

/* Appends a sentence to buf (lab.changed.join: after a space in English, none in Chinese). */
static void add(char *buf, size_t n, const char *text)
{
    char first[1200];
    if (!buf[0]) {
        core_strlcpy(buf, text, n);
        return;
    }
    core_strlcpy(first, buf, sizeof first);
    core_trf(buf, n, "lab.changed.join", first, text, NULL);
}

size_t app_lab_sentence(const AppLab *lab, char *buf, size_t n)
{
    if (n == 0)
        return 0;
    buf[0] = '\0';
    const SimWorld *a = app_lab_run(lab), *b = app_lab_before(lab);
    if (!a)
        return 0;
    char part[512], s1[32], s2[32], d1[64], d2[64];
    const char *role = core_tr_content(a->sc->actors[lab->actor].name);
    const char *hub = core_tr_content(a->sc->actors[a->sc->hub].name);
    double x = sim_score(a, lab->actor), y = b ? sim_score(b, lab->actor) : 0.0;
    if (lab->run_from > 0) {
        core_tr_month(a->sc->start + lab->run_from, d1, sizeof d1);
        add(buf, n, core_trf(part, sizeof part, "lab.changed.from", d1, NULL));
    }
    snprintf(s1, sizeof s1, "%.3f", x);
    snprintf(s2, sizeof s2, "%.3f", y);
    if (!b)
        core_trf(part, sizeof part, "lab.changed.score_first", role, s1, NULL);
    else if (strcmp(s1, s2) == 0)
        core_trf(part, sizeof part, "lab.changed.score_same", role, s1, NULL);
    else {
        char dif[32];
        snprintf(dif, sizeof dif, "%+.3f", x - y);
        core_trf(part, sizeof part, "lab.changed.score", role, s1, s2, dif, NULL);
    }
    add(buf, n, part);
    if (!b || b->end == a->end)
        core_trf(part, sizeof part, b ? "lab.changed.end_same" : "lab.changed.end_first",
                 end_text(a), NULL);
    else {
        core_strlcpy(d2, end_text(b), sizeof d2);
        core_trf(part, sizeof part, "lab.changed.end", end_text(a), d2, NULL);
    }
    add(buf, n, part);
    int da = sim_default_turn(a, a->sc->hub), db = b ? sim_default_turn(b, b->sc->hub) : -1;
    if (da >= 0)
        core_tr_month(a->sc->start + da, d1, sizeof d1);
    if (db >= 0)
        core_tr_month(a->sc->start + db, d2, sizeof d2);
    if (!b)
        core_trf(part, sizeof part,
                 da >= 0 ? "lab.changed.default_first" : "lab.changed.no_default_first", hub, d1,
                 NULL);
    else if (da >= 0 && db >= 0)
        core_trf(part, sizeof part,
                 da == db ? "lab.changed.default_same" : "lab.changed.default_moved", hub, d1, d2,
                 NULL);
    else if (da >= 0)
        core_trf(part, sizeof part, "lab.changed.default_new", hub, d1, NULL);
    else if (db >= 0)
        core_trf(part, sizeof part, "lab.changed.default_gone", hub, d2, NULL);
    else
        core_trf(part, sizeof part, "lab.changed.no_default", hub, NULL);
    add(buf, n, part);
    return strlen(buf);
}

int app_lab_console_count(const AppLab *lab)
{
    return lab ? lab->n_lines : 0;
}

const AppLabLine *app_lab_console_line(const AppLab *lab, int k)
{
    if (!lab || k < 0 || k >= lab->n_lines)
        return NULL;
    return &lab->lines[(lab->first + k) % APP_LAB_LINES];
}

int app_lab_write(const AppLab *lab, const char *path, char *err, size_t errsz)
{
    if (!app_lab_run(lab))
        return core_errf(err, errsz, "%s: no run of %s yet", path, lab->path);
    return dat_history_write(app_lab_run(lab), path, err, errsz);
}
