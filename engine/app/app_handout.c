/* app_handout: the `handout` command (see app_handout.h): its options, the game, the fonts and the
 * file; what goes on the pages is app_handout_doc.c's. */
#define _POSIX_C_SOURCE 200809L
#include "app_handout.h"

#include "app_class.h"
#include "app_cli.h"
#include "app_opt.h"
#include "app_save.h"
#include "core_text.h"
#include "sim_turn.h"
#include "ui_draw.h" /* the window's font files */

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    AppGameArgs game; /* first: the shared readers take the struct as an AppGameArgs */
    const char *out, *load;
    UiPdfPaper paper;
} Args;

/* ---------------------------------------------------------------------------------------------
 * Options */

static int read_paper(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    (void)opt;
    Args *a = ctx;
    if (strcmp(v, "a4") == 0 || strcmp(v, "A4") == 0)
        a->paper = UI_PDF_A4;
    else if (strcmp(v, "letter") == 0)
        a->paper = UI_PDF_LETTER;
    else
        return app_cli_fail(err, errsz, "handout.err.paper", v, NULL);
    return 0;
}

static const AppOpt opts[] = {
    {"--out", NULL, "handout.arg.pdf", "handout.opt.out", APP_OPT_FILE, offsetof(Args, out), NULL,
     APP_OPT_MUST, 0},
    {"--paper", NULL, "handout.arg.paper", "handout.opt.paper", APP_OPT_CALL, 0, read_paper, 0, 0},
    {"--scenario", NULL, "cli.arg.file", NULL, APP_OPT_CALL, 0, app_cli_read_game_scenario,
     APP_OPT_HIDE, 0},
    {"--load", NULL, "cli.arg.save", "handout.opt.load", APP_OPT_FILE, offsetof(Args, load), NULL,
     0, 0},
    {"--seed", NULL, "cli.arg.n", "handout.opt.seed", APP_OPT_CALL, 0, app_cli_read_game_seed, 0,
     0},
    {"--strategy", NULL, "cli.arg.role_name", "handout.opt.strategy", APP_OPT_CALL, 0,
     app_cli_read_game_seat, APP_OPT_REPEAT, 0},
};

static const AppCmd cmd = {"handout", "handout.operands",        "handout.about",
                           opts,      APP_OPT_COUNT(opts),       "handout.err.unknown_option",
                           NULL,      app_cli_read_game_scenario};

/* ---------------------------------------------------------------------------------------------
 * Steps */

/* The game: a save, or a new one (played to its end when a seed or seats were given). NULL with
 * the message on errout and *status set. */
static AppGame *open_game(const Args *a, int *played, FILE *errout, int *status)
{
    char err[1024] = "";
    AppGame *g;
    *played = a->load || a->game.has_seed || a->game.n_seats > 0;
    if (a->load) {
        g = app_game_load(a->load, a->game.scenario, status, err, sizeof err);
    } else {
        AppGameSpec spec = {a->game.scenario,
                            a->game.has_seed,
                            a->game.seed,
                            a->game.seats,
                            a->game.n_seats,
                            NULL,
                            1,
                            NULL};
        g = app_game_new(&spec, status, err, sizeof err);
    }
    if (!g) {
        fprintf(errout, "closedloop: %s\n", err);
        return NULL;
    }
    if (a->load || !*played)
        return g;
    SimWorld *w = g->world;
    for (;;) {
        int rc = sim_turn_step(w, err, sizeof err);
        if (rc < 0) {
            app_cli_error(errout, "run.err.engine", err, NULL);
            app_game_free(g);
            *status = 1;
            return NULL;
        }
        if (rc == 1)
            break;
    }
    if (w->end == SIM_END_NONE)
        w->end = SIM_END_TURN_LIMIT;
    return g;
}

/* The window's fonts: $CLOSEDLOOP_FONT or DejaVu Sans (and Bold), $CLOSEDLOOP_CJK_FONT or the
 * first CJK font installed, and a bold CJK font (ui_text looks in the same places). */
static void find_fonts(UiPdfFonts *f)
{
    static const char *const cjk[] = {
        UI_FONT_CJK_PATH,
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    };
    const char *env = getenv("CLOSEDLOOP_FONT");
    f->regular = env && *env ? env : UI_FONT_REGULAR_PATH;
    f->bold = env && *env ? env : UI_FONT_BOLD_PATH;
    env = getenv("CLOSEDLOOP_CJK_FONT");
    f->cjk = env && *env ? env : NULL;
    for (size_t k = 0; !f->cjk && k < sizeof cjk / sizeof *cjk; k++)
        if (access(cjk[k], R_OK) == 0)
            f->cjk = cjk[k];
    /* Bold Chinese as the window draws it: $CLOSEDLOOP_CJK_BOLD_FONT, else (unless
     * $CLOSEDLOOP_CJK_FONT chose the font) Noto Sans CJK Bold when installed. */
    const char *benv = getenv("CLOSEDLOOP_CJK_BOLD_FONT");
    f->cjk_bold = benv && *benv ? benv
                  : !(env && *env) && access(UI_FONT_CJK_BOLD_PATH, R_OK) == 0
                      ? UI_FONT_CJK_BOLD_PATH
                      : NULL;
}

/* The scenario's classroom notes, or NULL when it has none. A scenario that names its notes
 * file must have it readable: else -1 with the message on errout. */
static int open_notes(const SimWorld *w, AppClass **c, FILE *errout)
{
    char err[1024];
    *c = app_class_create(w, err, sizeof err);
    if (!*c && w->sc->classroom[0]) {
        fprintf(errout, "closedloop: %s\n", err);
        return -1;
    }
    return 0;
}

/* Sets the handout down into tmp (open) and closes it. 0, or the exit status with the message
 * on errout. */
static int write_pdf(const Args *a, FILE *tmp, const SimWorld *w, const DatLessons *notes,
                     int played, int *pages, FILE *errout)
{
    char err[1024], title[512], foot[512];
    UiPdfFonts fonts;
    find_fonts(&fonts);
    snprintf(title, sizeof title, "%s", core_tr_content(w->sc->title));
    core_trf(foot, sizeof foot, "handout.footer", title, NULL);
    UiPdf *p = ui_pdf_create(tmp, a->paper, &fonts, title, foot, err, sizeof err);
    if (!p) {
        fclose(tmp);
        fprintf(errout, "closedloop: %s\n", err);
        return 1;
    }
    app_handout_write(p, w, notes, played);
    *pages = ui_pdf_pages(p);
    int rc = ui_pdf_finish(p, err, sizeof err);
    if (fclose(tmp) != 0 && rc == 0) {
        rc = -1;
        snprintf(err, sizeof err, "%s", strerror(errno));
    }
    if (rc < 0) {
        app_cli_error(errout, "handout.err.write", a->out, err, NULL);
        return 1;
    }
    return 0;
}

int app_handout_main(int argc, char **argv, FILE *out, FILE *errout)
{
    Args a;
    memset(&a, 0, sizeof a);
    a.game.two_scenarios = "handout.err.two_scenarios";
    char err[1024];
    int rc = app_opt_command(&cmd, argc, argv, &a, NULL, out, err, sizeof err);
    if (rc == 1)
        return 0;
    if (rc == 0 && !a.out)
        rc = app_cli_fail(err, sizeof err, "handout.err.no_out", NULL);
    if (rc == 0 && a.load && (a.game.has_seed || a.game.n_seats > 0))
        rc = app_cli_fail(err, sizeof err, "cli.err.load_seed", NULL);
    if (rc != 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return 2;
    }
    /* The temporary file first: an --out that cannot be written is said before a game is
     * played for it. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", a.out, (long)getpid());
    struct stat st;
    if (stat(a.out, &st) == 0 && S_ISDIR(st.st_mode)) {
        app_cli_error(errout, "handout.err.folder", a.out, NULL);
        return 2;
    }
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        app_cli_error(errout, "handout.err.open", a.out, strerror(errno), NULL);
        return 2;
    }
    int status = 0, played = 0, pages = 0;
    AppClass *c = NULL;
    AppGame *g = open_game(&a, &played, errout, &status);
    if (!g || open_notes(g->world, &c, errout) < 0) {
        fclose(f);
        remove(tmp);
        app_game_free(g);
        return g ? 2 : status;
    }
    status = write_pdf(&a, f, g->world, c ? c->notes : NULL, played, &pages, errout);
    if (status == 0 && rename(tmp, a.out) != 0) {
        app_cli_error(errout, "handout.err.write", a.out, strerror(errno), NULL);
        status = 1;
    }
    if (status != 0)
        remove(tmp);
    else {
        char n[16];
        snprintf(n, sizeof n, "%d", pages);
        app_cli_say(out, "handout.wrote", a.out, n, NULL);
    }
    app_class_destroy(c);
    app_game_free(g);
    return status;
}
