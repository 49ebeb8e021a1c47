/* app_cli: flags of `closedloop`. */
#include "app_cli.h"

#include "core_err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void app_cli_help(FILE *out)
{
    fputs("closedloop - the AI compute closed loop of 2025, as a game and a simulator\n"
          "\n"
          "Usage:\n"
          "  closedloop [run] [options]     play a scenario headless and tell its story\n"
          "  closedloop play [--scenario FILE] [--seed N] [--strategy ROLE=NAME]...\n"
          "                  [--scale S] [--quit-after-turns T] [--no-start] [--classroom]\n"
          "                  [--load SAVE]\n"
          "                                 open the game window: the start screen (scenario,\n"
          "                                 seed, who plays which role), then the game month by\n"
          "                                 month and its debrief; with no display, play\n"
          "                                 headless and write the map, the charts and the\n"
          "                                 debrief as PNG files\n"
          "  closedloop                     with no arguments: the same as closedloop play\n"
          "  closedloop check SCRIPT.lua --role ROLE [--scenario FILE] [--seed N] [--turns T]\n"
          "                   [--against history|baseline|playbook|passive]\n"
          "                                 load a strategy in the sandbox, play it for a few\n"
          "                                 turns (default 24) and report errors, budget, memory\n"
          "                                 and dropped intents\n"
          "  closedloop run --load SAVE [--turns T] [--save OUT] [--json OUT] ...\n"
          "                                 go on with a saved game, headless\n"
          "  closedloop replay FILE         play a replay back and check that it ends in the\n"
          "                                 same state (exit 1 if not, 2 if it cannot be played)\n"
          "  closedloop --help | --version\n"
          "\n"
          "Options of run:\n"
          "  --scenario FILE       the scenario to play (default: the 2025 history,\n"
          "                        assets/scenarios/closed-loop-2025.json)\n"
          "  --seed N              random seed, 0 to 18446744073709551615 (default: the\n"
          "                        scenario's own)\n"
          "  --strategy ROLE=NAME  who decides for ROLE (an actor id such as nvidia, or 'all'):\n"
          "                        history  plays the dated deals as they happened (default)\n"
          "                        playbook the role's own Lua strategy (scripts/strategies)\n"
          "                        baseline joins when FOMO pressure beats risk\n"
          "                        passive  does nothing\n"
          "                        human    a person at the keyboard (play: the desk opens\n"
          "                                 each month for that role; several: hot seat)\n"
          "                        FILE.lua any Lua strategy script\n"
          "                        Repeat it for several roles; later ones win.\n"
          "  --turns T             stop after T months (default: play to the end)\n"
          "  --json OUT            write the whole history (every turn, flow, price) as JSON\n"
          "                        to OUT ('-' for standard output)\n"
          "  --png DIR             draw the flow map and the charts of the last month as\n"
          "                        DIR/map.png and DIR/charts.png (1920x1080), and the\n"
          "                        debrief of the game as DIR/debrief.png\n"
          "  --quiet               print only the final table, not the month-by-month story\n"
          "  --no-book-checks      skip the per-turn ledger check (for timing only)\n"
          "  --load SAVE           go on with a saved game (its scenario, seed and seats;\n"
          "                        with --scenario, a save of another scenario is refused)\n"
          "  --save OUT            save the whole game to OUT when the run stops\n"
          "  --autosave DIR        save after every turn into DIR, keeping the newest 5\n"
          "  --replay OUT          record a replay (scenario, seed, script hashes, human\n"
          "                        inputs, final state hash) to OUT\n"
          "\n"
          "Options of play (besides --scenario, --seed, --strategy, --png):\n"
          "  --scale S             interface scale, 0.5 to 4 (default 1; Ctrl+= and Ctrl+-\n"
          "                        change it in the window)\n"
          "  --quit-after-turns T  quit once T months have been played (for tests)\n"
          "  --no-start            no start screen: straight into the game (it is skipped\n"
          "                        too when --scenario, --seed or --strategy is given)\n"
          "  --classroom           story mode: the game stops at each historical event with a\n"
          "                        note for students and a question to discuss (T toggles it)\n"
          "  --load SAVE           open the window on a saved game (F9 in the window lists the\n"
          "                        saves and the autosaves; F5 saves)\n"
          "  In the window: Space play/pause, N or Right next month, +/- speed, H help,\n"
          "  S screenshot, D debrief, Q quit.\n"
          "\n"
          "Exit status of run: 0 the game was played; 1 the engine failed (its message says why);\n"
          "2 a bad flag, a bad scenario or save file or a script that does not load.\n"
          "Exit status of check: 0 the script played cleanly; 1 it failed a turn or had intents\n"
          "dropped; 2 it does not load, or a bad flag.\n"
          "Exit status of replay: 0 the same end as recorded; 1 another end; 2 it cannot be\n"
          "played (a bad file, another version, a script changed: the message says which).\n"
          "Saves, autosaves and replays: docs/save-format.md.\n",
          out);
    /* Many games at once: app_batch, app_merge, app_tournament (each parses its own flags). */
    fputs("\n"
          "Batch runs, sweeps and tournaments (each command has its own --help):\n"
          "  closedloop batch [--scenario FILE] [--runs N] [--seed S]\n"
          "                   [--vary PARAM=FROM:TO:STEP]... [--strategy ROLE=NAME]...\n"
          "                   [--threads T] [--shard I/N]\n"
          "                   [--out FILE.csv|FILE.jsonl] [--book-checks] [--quiet]\n"
          "                                 N runs (default 100) of every point of the sweep, one\n"
          "                                 row per run: seed, end, turn of collapse, peak\n"
          "                                 circularity and leverage, value created and\n"
          "                                 destroyed, each role's score; playbooks by default\n"
          "  closedloop merge SHARD... [--out FILE]\n"
          "                                 join the shards of one batch into one file\n"
          "  closedloop tournament --role ROLE A.lua B.lua ... [--runs N] [--seed S]\n"
          "                        [--scenario FILE] [--threads T] [--out BOARD.csv]\n"
          "                                 every strategy plays ROLE on the same seeds against\n"
          "                                 the same opponents; the leaderboard (mean score, sd,\n"
          "                                 collapse rate, wins)\n"
          "  closedloop report FILE.csv... --out DIR [--scale S]\n"
          "                                 charts as PNG: outcomes.png and collapse.png of a\n"
          "                                 batch, leaderboard.png of a tournament's board\n"
          "Exit status: 0 done; 1 runs failed or a write failed; 2 bad input; 130 interrupted\n"
          "(Ctrl-C: the rows written so far are kept, whole and in order). docs/scaling.md.\n",
          out);
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

const char *app_cli_value(int argc, char **argv, int *i, const char *flag, char *err, size_t errsz)
{
    /* Accept both "--flag value" and "--flag=value". */
    size_t n = strlen(flag);
    if (strncmp(argv[*i], flag, n) == 0 && argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (*i + 1 >= argc) {
        core_errf(err, errsz, "%s needs a value (see closedloop --help)", flag);
        return NULL;
    }
    return argv[++*i];
}

int app_cli_is_flag(const char *arg, const char *flag)
{
    size_t n = strlen(flag);
    return strncmp(arg, flag, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int app_cli_parse(int argc, char **argv, AppOptions *o, char *err, size_t errsz)
{
    memset(o, 0, sizeof *o);
    o->cmd = APP_CMD_RUN;
    o->turns = -1;
    o->check_books = 1;
    o->ui_scale = 1.0;
    int i = 1;
    /* No arguments at all: the game, from its start screen (headless, with PNG files, when there
     * is no display). */
    if (argc <= 1) {
        o->cmd = APP_CMD_PLAY;
        return 0;
    }
    if (i < argc && argv[i][0] != '-') {
        if (strcmp(argv[i], "run") == 0) {
            i++;
        } else if (strcmp(argv[i], "check") == 0) {
            o->cmd = APP_CMD_CHECK;
            o->turns = 24;
            i++;
        } else if (strcmp(argv[i], "play") == 0) {
            o->cmd = APP_CMD_PLAY;
            i++;
        } else if (strcmp(argv[i], "replay") == 0) {
            o->cmd = APP_CMD_REPLAY;
            i++;
        } else if (strcmp(argv[i], "help") == 0) {
            o->cmd = APP_CMD_HELP;
            return 0;
        } else
            return core_errf(
                err, errsz,
                "unknown command '%s': expected run, play, check, replay, batch, merge, tournament "
                "or report (see closedloop --help)",
                argv[i]);
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->cmd = APP_CMD_HELP;
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            o->cmd = APP_CMD_VERSION;
            return 0;
        } else if (app_cli_is_flag(a, "--scenario")) {
            if (!(v = app_cli_value(argc, argv, &i, "--scenario", err, errsz)))
                return -1;
            if (!*v)
                return core_errf(err, errsz, "--scenario expects a file name, got ''");
            o->scenario = v;
        } else if (app_cli_is_flag(a, "--seed")) {
            if (!(v = app_cli_value(argc, argv, &i, "--seed", err, errsz)))
                return -1;
            if (parse_u64(v, &o->seed) < 0)
                return core_errf(err, errsz,
                                 "--seed expects a whole number from 0 to "
                                 "18446744073709551615, got '%s'",
                                 v);
            o->has_seed = 1;
        } else if (app_cli_is_flag(a, "--turns")) {
            if (!(v = app_cli_value(argc, argv, &i, "--turns", err, errsz)))
                return -1;
            uint64_t t;
            if (parse_u64(v, &t) < 0 || t < 1 || t > 100000)
                return core_errf(err, errsz,
                                 "--turns expects a whole number from 1 to 100000, got '%s'", v);
            o->turns = (int)t;
        } else if (app_cli_is_flag(a, "--json")) {
            if (!(v = app_cli_value(argc, argv, &i, "--json", err, errsz)))
                return -1;
            if (!*v)
                return core_errf(err, errsz, "--json expects a file name or '-', got ''");
            o->json_out = v;
        } else if (app_cli_is_flag(a, "--png")) {
            if (!(v = app_cli_value(argc, argv, &i, "--png", err, errsz)))
                return -1;
            if (!*v)
                return core_errf(err, errsz, "--png expects a folder, got ''");
            o->png_dir = v;
        } else if (app_cli_is_flag(a, "--strategy")) {
            if (!(v = app_cli_value(argc, argv, &i, "--strategy", err, errsz)))
                return -1;
            const char *eq = strchr(v, '=');
            if (!eq || eq == v || !eq[1])
                return core_errf(err, errsz,
                                 "--strategy expects ROLE=NAME (for example nvidia=baseline), "
                                 "got '%s'",
                                 v);
            if (o->n_strategies == APP_MAX_STRATEGIES)
                return core_errf(err, errsz, "too many --strategy flags (at most %d)",
                                 APP_MAX_STRATEGIES);
            /* Split in place: argv strings are ours to edit. */
            ((char *)eq)[0] = '\0';
            o->strategies[o->n_strategies].role = v;
            o->strategies[o->n_strategies].strategy = eq + 1;
            o->n_strategies++;
        } else if ((o->cmd == APP_CMD_RUN &&
                    (app_cli_is_flag(a, "--load") || app_cli_is_flag(a, "--save") ||
                     app_cli_is_flag(a, "--autosave") || app_cli_is_flag(a, "--replay"))) ||
                   (o->cmd == APP_CMD_PLAY && app_cli_is_flag(a, "--load"))) {
            const char *flag = app_cli_is_flag(a, "--load")       ? "--load"
                               : app_cli_is_flag(a, "--save")     ? "--save"
                               : app_cli_is_flag(a, "--autosave") ? "--autosave"
                                                                  : "--replay";
            if (!(v = app_cli_value(argc, argv, &i, flag, err, errsz)))
                return -1;
            if (!*v)
                return core_errf(err, errsz, "%s expects a file name, got ''", flag);
            if (strcmp(flag, "--load") == 0)
                o->load = v;
            else if (strcmp(flag, "--save") == 0)
                o->save_out = v;
            else if (strcmp(flag, "--autosave") == 0)
                o->autosave_dir = v;
            else
                o->replay_out = v;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--no-book-checks") == 0) {
            o->check_books = 0;
        } else if (o->cmd == APP_CMD_CHECK && app_cli_is_flag(a, "--role")) {
            if (!(v = app_cli_value(argc, argv, &i, "--role", err, errsz)))
                return -1;
            o->role = v;
        } else if (o->cmd == APP_CMD_CHECK && app_cli_is_flag(a, "--against")) {
            if (!(v = app_cli_value(argc, argv, &i, "--against", err, errsz)))
                return -1;
            o->against = v;
        } else if (o->cmd == APP_CMD_PLAY && app_cli_is_flag(a, "--scale")) {
            if (!(v = app_cli_value(argc, argv, &i, "--scale", err, errsz)))
                return -1;
            char *end = NULL;
            errno = 0;
            double sc = strtod(v, &end);
            if (!*v || *end || errno || !(sc >= 0.5 && sc <= 4.0))
                return core_errf(err, errsz, "--scale expects a number from 0.5 to 4, got '%s'", v);
            o->ui_scale = sc;
        } else if (o->cmd == APP_CMD_PLAY && app_cli_is_flag(a, "--quit-after-turns")) {
            if (!(v = app_cli_value(argc, argv, &i, "--quit-after-turns", err, errsz)))
                return -1;
            uint64_t t;
            if (parse_u64(v, &t) < 0 || t < 1 || t > 100000)
                return core_errf(err, errsz,
                                 "--quit-after-turns expects a whole number from 1 to 100000, "
                                 "got '%s'",
                                 v);
            o->quit_after_turns = (int)t;
        } else if (o->cmd == APP_CMD_PLAY && strcmp(a, "--no-start") == 0) {
            o->no_start = 1;
        } else if (o->cmd == APP_CMD_PLAY && strcmp(a, "--classroom") == 0) {
            o->classroom = 1;
        } else if (a[0] == '-') {
            return core_errf(err, errsz, "unknown option '%s' (see closedloop --help)", a);
        } else if (o->cmd == APP_CMD_CHECK && !o->script) {
            o->script = a;
        } else if (o->cmd == APP_CMD_REPLAY && !o->replay_file) {
            o->replay_file = a;
        } else {
            return core_errf(err, errsz, "unexpected argument '%s' (see closedloop --help)", a);
        }
    }
    if (o->cmd == APP_CMD_REPLAY && !o->replay_file)
        return core_errf(err, errsz, "replay needs a file: closedloop replay FILE");
    if (o->load && (o->n_strategies || o->has_seed))
        return core_errf(err, errsz,
                         "--load goes on with the saved game's seed and strategies: drop --seed "
                         "and --strategy");
    if (o->load && o->replay_out)
        return core_errf(err, errsz,
                         "--replay records a game from its first turn: it cannot "
                         "start from --load");
    if (o->cmd == APP_CMD_CHECK && (!o->script || !o->role))
        return core_errf(err, errsz,
                         "check needs a script and a role: closedloop check SCRIPT.lua --role "
                         "ROLE");
    return 0;
}
