/* app_host: the `host` command (see app_host.h): options, the game and its room, the server, and
 * the loop that plays a month when the room is ready. */
#include "app_host.h"

#include "app_cli.h"
#include "app_host_room.h"
#include "app_opt.h"
#include "app_play.h"
#include "app_save.h"
#include "core_month.h"
#include "net_game.h"
#include "sim_turn.h"

#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    AppGameArgs game; /* first: the shared readers take the struct as an AppGameArgs */
    const char *bind, *web;
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
 * The game */

static AppGame *open_game(const Args *a, FILE *errout, int *status)
{
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
    app_host_room_swap(h, out, 1);
    int rc = sim_turn_step(w, err, sizeof err);
    app_host_room_swap(h, out, 0);
    if (rc < 0) {
        app_cli_error(errout, "run.err.engine", err, NULL);
        return -1;
    }
    app_cli_say(out, "host.month", month, NULL);
    app_host_room_next_month(h);
    return rc == 1;
}

static int serve(AppHostRoom *h, const Args *a, FILE *out, FILE *errout)
{
    int played = 0;
    while (!interrupted) {
        if (net_server_poll(h->srv, 50) < 0) {
            app_cli_error(errout, "host.err.server", NULL);
            return 1;
        }
        if (!net_game_month_due(h->room, net_clock()))
            continue;
        int rc = play_month(h, out, errout);
        if (rc < 0)
            return 1;
        played++;
        if (rc == 1 || (a->turns > 0 && played >= a->turns)) {
            /* The last desks go out before the host stops. */
            for (int k = 0; k < 10; k++)
                net_server_poll(h->srv, 20);
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
    conf = (AppHostConf){a->bind, a->port, a->web, a->month_seconds};
    AppOptions o;
    memset(&o, 0, sizeof o);
    o.cmd = APP_CMD_PLAY;
    o.scenario = a->game.scenario;
    o.has_seed = a->game.has_seed;
    o.seed = a->game.seed;
    o.turns = -1;
    o.check_books = 1;
    o.n_strategies = app_host_seats(&a->game, o.strategies);
    o.ui_scale = a->window.ui_scale > 0 ? a->window.ui_scale : 1.0;
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
    AppHostConf conf = {a.bind, a.port, a.web, a.month_seconds};
    status = 1;
    if (app_host_room_open(&h, game, &conf, errout, errout) == 0) {
        const NetRoom *r = net_game_room(h.room);
        say_addresses(&a, net_server_port(h.srv), out);
        app_cli_say(out, "host.room", r->code, NULL);
        app_cli_say(out, "host.teacher", r->teacher, NULL);
        app_cli_say(out, "host.exposes", NULL);
        fflush(out);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        status = serve(&h, &a, out, errout);
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
