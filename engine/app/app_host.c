/* app_host: the `host` command (see app_host.h): options, the game and its room, the server, and
 * the loop that plays a month when the room is ready. */
#define _DEFAULT_SOURCE /* getifaddrs */
#include "app_host.h"

#include "app_cli.h"
#include "app_host_int.h"
#include "app_host_room.h"
#include "app_opt.h"
#include "app_play.h"
#include "app_save.h"
#include "app_seat.h"
#include "core_month.h"
#include "dat_lang.h"
#include "net_lang.h"
#include "net_game.h"
#include "sim_strategy.h"
#include "sim_turn.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    AppGameArgs game; /* first: the shared readers take the struct as an AppGameArgs */
    const char *bind, *web, *load, *save_dir;
    int headless, port, turns;
    double month_seconds;
    struct {
        double ui_scale;
        int classroom, fullscreen, win_w, win_h;
    } window; /* as play's --scale, --classroom, --fullscreen, --size */
} Args;

#define APP_HOST_URLS 16

/* ---------------------------------------------------------------------------------------------
 * Options */

/* --port, --turns, --month-seconds: whole numbers in a range. */
static int read_number(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    uint64_t n = 0;
    int port = strcmp(opt->name, "--port") == 0, turns = strcmp(opt->name, "--turns") == 0;
    uint64_t lo = port ? 0 : 1, hi = port ? 65535 : turns ? 100000 : 86400;
    if (app_opt_u64(v, &n) < 0 || n < lo || n > hi) {
        char l[24], h[24];
        snprintf(l, sizeof l, "%llu", (unsigned long long)lo);
        snprintf(h, sizeof h, "%llu", (unsigned long long)hi);
        return app_cli_fail(err, errsz, "host.err.number", opt->name, l, h, v, NULL);
    }
    if (port)
        a->port = (int)n;
    else if (turns)
        a->turns = (int)n;
    else
        a->month_seconds = (double)n;
    return 0;
}

static int read_scale(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    return app_cli_scale(v, &((Args *)ctx)->window.ui_scale, err, errsz);
}

static int read_size(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    Args *a = ctx;
    return app_cli_size(v, &a->window.win_w, &a->window.win_h, err, errsz);
}

static const AppOpt opts[] = {
    {"--headless", NULL, NULL, "host.opt.headless", APP_OPT_SWITCH, offsetof(Args, headless), NULL,
     0, 0},
    {"--scenario", NULL, "cli.arg.file", NULL, APP_OPT_CALL, 0, app_cli_read_game_scenario,
     APP_OPT_HIDE, 0},
    {"--strategy", NULL, "cli.arg.role_name", "host.opt.strategy", APP_OPT_CALL, 0,
     app_cli_read_game_seat, APP_OPT_REPEAT, 0},
    {"--bind", NULL, "host.arg.addr", "host.opt.bind", APP_OPT_TEXT, offsetof(Args, bind), NULL, 0,
     0},
    {"--port", NULL, "cli.arg.n", "host.opt.port", APP_OPT_CALL, 0, read_number, 0, 0},
    {"--month-seconds", NULL, "host.arg.s", "host.opt.month_seconds", APP_OPT_CALL, 0, read_number,
     0, 0},
    {"--turns", NULL, "cli.arg.t", "host.opt.turns", APP_OPT_CALL, 0, read_number, 0, 0},
    {"--seed", NULL, "cli.arg.n", "host.opt.seed", APP_OPT_CALL, 0, app_cli_read_game_seed, 0, 0},
    {"--web", NULL, "cli.arg.dir", "host.opt.web", APP_OPT_FILE, offsetof(Args, web), NULL, 0, 0},
    {"--load", NULL, "cli.arg.file", "host.opt.load", APP_OPT_FILE, offsetof(Args, load), NULL, 0,
     0},
    {"--save-dir", NULL, "cli.arg.dir", "host.opt.save_dir", APP_OPT_FILE, offsetof(Args, save_dir),
     NULL, 0, 0},
    {"--classroom", NULL, NULL, "cli.opt.classroom", APP_OPT_SWITCH,
     offsetof(Args, window.classroom), NULL, 0, 0},
    {"--fullscreen", NULL, NULL, "cli.opt.fullscreen", APP_OPT_SWITCH,
     offsetof(Args, window.fullscreen), NULL, 0, 0},
    {"--size", NULL, "cli.arg.size", "cli.opt.size", APP_OPT_CALL, 0, read_size, 0, 0},
    {"--scale", NULL, "cli.arg.s", "cli.opt.scale", APP_OPT_CALL, 0, read_scale, 0, 0},
};

static const AppCmd cmd = {"host", "host.operands",           "host.about",
                           opts,   APP_OPT_COUNT(opts),       "host.err.unknown_option",
                           NULL,   app_cli_read_game_scenario};

/* ---------------------------------------------------------------------------------------------
 * The game and who plays an empty seat */

static AppGame *open_game(const Args *a, FILE *errout, int *status)
{
    if (a->load) {
        char why[1024] = "";
        AppGame *g = app_game_load(a->load, NULL, status, why, sizeof why);
        if (!g)
            fprintf(errout, "closedloop: %s\n", why);
        return g;
    }
    AppStrategyChoice seats[APP_MAX_STRATEGIES];
    int n = app_host_seats(&a->game, seats);
    char err[1024] = "";
    AppGameSpec spec = {
        a->game.scenario, a->game.has_seed, a->game.seed, seats, n, "playbook", 1, errout};
    AppGame *g = app_game_new(&spec, status, err, sizeof err);
    if (!g)
        fprintf(errout, "closedloop: %s\n", err);
    return g;
}

/* ---------------------------------------------------------------------------------------------
 * What the pages need of the app: a script's answer, the string tables */

/* A forecast's question to a script's seat: its answer on a copy of the game, as the window's
 * deal dialog asks it. */
int app_host_ask_seat(void *ctx, int me, int who, const SimTerms *t, char *reason, size_t cap,
                      char *err, size_t errsz)
{
    return app_game_forecast((AppGame *)ctx, me, who, t, reason, cap, err, errsz);
}

/* The pages' tables of every language (GET /lang/CODE.json), read from the same folders as the
 * window's (assets/lang/CODE). 0, or -1 with err. */
int app_host_serve_tables(NetGame *room, const SimScenario *sc, char *err, size_t errsz)
{
    CoreText *t[CORE_LANG_COUNT] = {0}, *content[CORE_LANG_COUNT] = {0};
    int rc = 0;
    for (int l = 0; l < CORE_LANG_COUNT && rc == 0; l++) {
        char rel[16], dir[4096];
        snprintf(rel, sizeof rel, "lang/%s", core_lang_code((CoreLang)l));
        t[l] = core_text_create();
        content[l] = core_text_create();
        if (!t[l] || !content[l])
            rc = core_errf(err, errsz, "out of memory");
        else
            rc = dat_lang_load(app_data_path(rel, dir, sizeof dir), t[l], content[l], err, errsz);
    }
    for (int l = 0; l < CORE_LANG_COUNT && rc == 0; l++) {
        DatBuf b;
        dat_buf_init(&b);
        net_lang_json(core_lang_code((CoreLang)l), t[l], t[CORE_LANG_EN],
                      l == CORE_LANG_EN ? NULL : content[l], sc, &b);
        if (b.failed || net_game_set_lang(room, (CoreLang)l, b.data, b.len) < 0)
            rc = core_errf(err, errsz, "out of memory");
        dat_buf_free(&b);
    }
    for (int l = 0; l < CORE_LANG_COUNT; l++) {
        core_text_destroy(t[l]);
        core_text_destroy(content[l]);
    }
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Saying what is exposed */

static void say_addresses(const Args *a, int port, FILE *out)
{
    char url[APP_HOST_URLS][160], where[APP_HOST_URLS][32];
    int qr = 0, n = app_host_room_urls(a->bind, port, url, where, APP_HOST_URLS, &qr);
    if (a->bind && a->bind[0]) {
        app_cli_say(out, "host.listen_one", url[0], NULL);
        return;
    }
    app_cli_say(out, "host.listen_all", NULL);
    for (int k = 0; k < n; k++)
        fprintf(out, "  %-28s %s\n", url[k], where[k]);
}

/* The address students use, for the teacher's links and the projector: the one the window's QR
 * code carries (the bound one, else the first IPv4 address that is not the loopback). */
static void main_url(const Args *a, int port, char *url, size_t n)
{
    char urls[APP_HOST_URLS][160], where[APP_HOST_URLS][32];
    int qr = 0, k = app_host_room_urls(a->bind, port, urls, where, APP_HOST_URLS, &qr);
    snprintf(url, n, "%s", k > 0 ? urls[qr] : "http://127.0.0.1/");
}

/* The teacher's and the projector's pages, with the teacher's token in the fragment (a browser
 * never sends a fragment to the server, so the token stays out of logs); the story cards. */
static void say_teacher(AppHostRoom *h, const Args *a, FILE *out)
{
    char url[160], page[256];
    main_url(a, net_server_port(h->srv), url, sizeof url);
    net_game_set_url(h->room, url);
    const char *token = net_game_room(h->room)->teacher;
    snprintf(page, sizeof page, "%steacher.html#t=%s", url, token);
    app_cli_say(out, "host.teacher_url", page, NULL);
    snprintf(page, sizeof page, "%sprojector.html#t=%s", url, token);
    app_cli_say(out, "host.projector_url", page, NULL);
    if (!h->teach)
        app_cli_say(out, "host.no_cards", h->no_cards, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * The loop */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Plays one month. 1 if the game is over, 0, or -1 (the engine failed). */
static int play_month(AppHostRoom *h, FILE *out, FILE *errout)
{
    SimWorld *w = h->game->world;
    char err[1024], month[16];
    core_month_format(w->sc->start + w->turn, month, sizeof month);
    app_host_room_month_begin(h, out, errout);
    int rc = sim_turn_step(w, err, sizeof err);
    if (rc < 0) {
        app_host_stand_ins_out(h, h->turn, errout);
        app_cli_error(errout, "run.err.engine", err, NULL);
        return -1;
    }
    app_cli_say(out, "host.month", month, NULL);
    if (app_host_room_month_end(h, errout) > 0)
        app_cli_say(out, "host.cards", month, NULL);
    return rc == 1;
}

static int serve(AppHostRoom *h, const Args *a, FILE *out, FILE *errout)
{
    int played = 0;
    net_game_new_month(h->room, net_clock(), a->month_seconds);
    while (!interrupted) {
        if (net_server_poll(h->srv, 50) < 0) {
            app_cli_error(errout, "host.err.server", NULL);
            return 1;
        }
        app_host_room_poll(h, errout);
        if (!net_game_month_now(h->room, h->srv, net_clock())) /* the answers made go out first */
            continue;
        int rc = play_month(h, out, errout);
        if (rc < 0)
            return 1;
        played++;
        if (rc == 1 || (a->turns > 0 && played >= a->turns)) {
            /* (The last desks go out in app_host_room_close.) */
            app_cli_say(out, "host.over", NULL);
            return 0;
        }
    }
    return 130;
}

/* The projector's window: `play` with the room (app_play_host). */
static int host_window(const Args *a, FILE *out, FILE *errout)
{
    static AppHostConf conf;
    conf = (AppHostConf){a->bind, a->port, a->web, a->month_seconds, a->save_dir, a->load};
    AppOptions o;
    memset(&o, 0, sizeof o);
    o.cmd = APP_CMD_PLAY;
    o.scenario = a->game.scenario;
    o.load = a->load;
    o.has_seed = a->game.has_seed;
    o.seed = a->game.seed;
    o.turns = -1;
    o.check_books = 1;
    o.n_strategies = app_host_seats(&a->game, o.strategies);
    o.ui_scale = a->window.ui_scale > 0 ? a->window.ui_scale : 1.0;
    o.scale_given = a->window.ui_scale > 0;
    o.quit_after_turns = a->turns;
    o.no_start = 1;
    o.classroom = a->window.classroom;
    o.fullscreen = a->window.fullscreen;
    o.win_w = a->window.win_w;
    o.win_h = a->window.win_h;
    o.host = &conf;
    return app_play(&o, out, errout);
}

int app_host_main(int argc, char **argv, FILE *out, FILE *errout)
{
    Args a;
    memset(&a, 0, sizeof a);
    a.game.two_scenarios = "host.err.two_scenarios";
    a.month_seconds = 120;
    char err[1024];
    int rc = app_opt_command(&cmd, argc, argv, &a, NULL, out, err, sizeof err);
    if (rc == 1)
        return 0;
    if (rc == 0 && a.load && (a.game.scenario || a.game.n_seats || a.game.has_seed))
        rc = app_cli_fail(err, sizeof err, "host.err.load_with", NULL);
    if (rc != 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return 2;
    }
    if (!a.headless)
        return host_window(&a, out, errout);
    AppHostRoom h;
    memset(&h, 0, sizeof h);
    int status = 2;
    AppGame *game = open_game(&a, errout, &status);
    if (!game)
        return status;
    AppHostConf conf = {a.bind, a.port, a.web, a.month_seconds, a.save_dir, a.load};
    status = 1;
    if (app_host_room_open(&h, game, &conf, errout, out, errout) == 0) {
        const NetRoom *r = net_game_room(h.room);
        say_addresses(&a, net_server_port(h.srv), out);
        app_cli_say(out, "host.room", r->code, NULL);
        app_cli_say(out, "host.teacher", r->teacher, NULL);
        say_teacher(&h, &a, out);
        app_cli_say(out, "host.exposes", NULL);
        fflush(out);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        status = serve(&h, &a, out, errout);
        net_game_log_latency(h.room, h.srv);
    }
    app_host_room_close(&h);
    app_game_free(game);
    return status;
}

int app_host_seats(const AppGameArgs *a, AppStrategyChoice *seats)
{
    int n = a->n_seats;
    memcpy(seats, a->seats, sizeof a->seats);
    int people = 0;
    for (int k = 0; k < n; k++)
        people += strcmp(seats[k].strategy, "human") == 0;
    if (people == 0 && n < APP_MAX_STRATEGIES)
        seats[n++] = (AppStrategyChoice){"all", "human"};
    return n;
}
