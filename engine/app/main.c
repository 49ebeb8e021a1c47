/* closedloop: the one binary. Parses the command line and hands over to the command. */
#include "app_batch_cmd.h"
#include "app_check.h"
#include "app_handout.h"
#include "app_host.h"
#include "app_cli.h"
#include "app_seat.h"
#include "app_lang.h"
#include "core_text.h"
#include "app_merge.h"
#include "app_play.h"
#include "app_replay.h"
#include "app_report.h"
#include "app_run.h"
#include "app_sens.h"
#include "app_tournament.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CL_VERSION
#define CL_VERSION "0"
#endif

/* The first --lang of argv with no language or another than en and zh, named in the message
 * (app_lang_take_flag stopped at it). */
static void lang_flag_error(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *code = NULL;
        if (strcmp(argv[i], "--lang") == 0) {
            if (i + 1 >= argc) {
                app_cli_error(stderr, "cli.err.lang_missing", NULL);
                return;
            }
            code = argv[++i];
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            code = argv[i] + 7;
        } else {
            continue;
        }
        if (core_lang_parse(code) < 0 || strlen(code) != 2) {
            char shown[48];
            snprintf(shown, sizeof shown, "%.40s", code);
            app_cli_error(stderr, "cli.err.lang_bad", shown, NULL);
            return;
        }
    }
    app_cli_error(stderr, "cli.err.lang_missing", NULL);
}

int main(int argc, char **argv)
{
    AppOptions o;
    char err[512];
    /* The language first: every message after this one is in it. */
    int lang = -1;
    char **given = malloc(((size_t)argc + 1) * sizeof *given); /* argv before --lang is taken */
    if (given)
        memcpy(given, argv, ((size_t)argc + 1) * sizeof *given);
    int given_argc = argc;
    if (app_lang_take_flag(&argc, argv, &lang, err, sizeof err) < 0) {
        /* Say it in the language of the environment, if its tables load. */
        if (app_lang_init(app_lang_from_env(), err, sizeof err) < 0 &&
            app_lang_init(CORE_LANG_EN, err, sizeof err) < 0) {
            fputs("closedloop: --lang expects en or zh\n", stderr); /* no tables at all */
            free(given);
            return 2;
        }
        lang_flag_error(given ? given_argc : 1, given);
        free(given);
        return 2;
    }
    free(given);
    if (app_lang_init(lang < 0 ? app_lang_from_env() : (CoreLang)lang, err, sizeof err) < 0) {
        /* A language asked for by name must load; one guessed from the locale gives way to
         * English. Either way the message is in English: the other tables did not load. */
        char why[512];
        if (app_lang_init(CORE_LANG_EN, why, sizeof why) < 0) {
            fprintf(stderr, "closedloop: %s\n", why); /* not even English: no tables */
            return 2;
        }
        const char *code = core_lang_code(lang < 0 ? app_lang_from_env() : (CoreLang)lang);
        if (lang >= 0) {
            app_cli_error(stderr, "cli.err.lang_load", code, err, NULL);
            return 2;
        }
        app_cli_error(stderr, "cli.warn.lang_fallback", code, err, NULL);
    }
    /* The commands for many games: each parses its own option table (app_opt). */
    static const struct {
        const char *name;
        int (*entry)(int argc, char **argv, FILE *out, FILE *errout);
    } commands[] = {{"batch", app_batch_main},
                    {"merge", app_merge_main},
                    {"tournament", app_tournament_main},
                    {"sensitivity", app_sens_main},
                    {"report", app_report_main},
                    {"handout", app_handout_main},
                    {"host", app_host_main}};
    for (size_t k = 0; argc > 1 && k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[1], commands[k].name) == 0)
            return commands[k].entry(argc, argv, stdout, stderr);
    if (app_cli_parse(argc, argv, &o, err, sizeof err) < 0) {
        fprintf(stderr, "closedloop: %s\n", err);
        return 2;
    }
    switch (o.cmd) {
    case APP_CMD_HELP:
        app_cli_help(stdout);
        return 0;
    case APP_CMD_VERSION:
        printf("closedloop %s\n", CL_VERSION);
        return 0;
    case APP_CMD_PLAY:
        return app_play(&o, stdout, stderr);
    case APP_CMD_CHECK:
        return app_check(&o, stdout, stderr);
    case APP_CMD_REPLAY:
        return app_replay_play(o.replay_file, stdout, stderr);
    default:
        return app_run(&o, stdout, stderr);
    }
}
