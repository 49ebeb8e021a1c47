/* closedloop: the one binary. Parses the command line and hands over to the command. */
#include "app_batch.h"
#include "app_check.h"
#include "app_cli.h"
#include "app_lang.h"
#include "app_merge.h"
#include "app_play.h"
#include "app_replay.h"
#include "app_report.h"
#include "app_run.h"
#include "app_tournament.h"

#include <stdio.h>
#include <string.h>

#ifndef CL_VERSION
#define CL_VERSION "0"
#endif

int main(int argc, char **argv)
{
    AppOptions o;
    char err[512];
    /* The language first: every message after this one is in it. */
    int lang = -1;
    if (app_lang_take_flag(&argc, argv, &lang, err, sizeof err) < 0) {
        fprintf(stderr, "closedloop: %s\n", err); /* no table read yet: in English */
        return 2;
    }
    if (app_lang_init(lang < 0 ? app_lang_from_env() : (CoreLang)lang, err, sizeof err) < 0) {
        /* A language asked for by name must load; one guessed from the locale may give way. */
        char why[512];
        if (lang >= 0 || app_lang_init(CORE_LANG_EN, why, sizeof why) < 0) {
            fprintf(stderr, "closedloop: %s\n", lang >= 0 ? err : why);
            return 2;
        }
        fprintf(stderr, "closedloop: %s; speaking English\n", err);
    }
    /* The commands for many games parse their own flags (app_batch, app_tournament, app_merge). */
    if (argc > 1 && strcmp(argv[1], "batch") == 0)
        return app_batch_main(argc, argv, stdout, stderr);
    if (argc > 1 && strcmp(argv[1], "merge") == 0)
        return app_merge_main(argc, argv, stdout, stderr);
    if (argc > 1 && strcmp(argv[1], "tournament") == 0)
        return app_tournament_main(argc, argv, stdout, stderr);
    if (argc > 1 && strcmp(argv[1], "report") == 0)
        return app_report_main(argc, argv, stdout, stderr);
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
