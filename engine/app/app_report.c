/* app_report: charts of batch results and leaderboards, as PNG files. */
#define _POSIX_C_SOURCE 200809L
#include "app_report.h"

#include "app_opt.h"
#include "core_err.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_png.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_COLS 128
#define MAX_BARS 64
#define WIDTH    1600
#define HEIGHT   900

/* ---------------------------------------------------------------------------------------------
 * CSV: the simple dialect the batch commands write (quotes only around text fields). */

typedef struct {
    char *line;
    char *f[MAX_COLS];
    int n;
} Row;

/* Splits line in place at commas outside double quotes; strips the quotes. */
static void split(Row *r)
{
    char *s = r->line, *w = r->line;
    r->n = 0;
    r->f[r->n++] = w;
    int quoted = 0;
    for (; *s && *s != '\n' && *s != '\r'; s++) {
        if (*s == '"') {
            if (quoted && s[1] == '"')
                *w++ = *++s;
            else
                quoted = !quoted;
        } else if (*s == ',' && !quoted) {
            *w++ = '\0';
            if (r->n < MAX_COLS)
                r->f[r->n++] = w;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
}

static int col(const Row *head, const char *name)
{
    for (int k = 0; k < head->n; k++)
        if (strcmp(head->f[k], name) == 0)
            return k;
    return -1;
}

/* ---------------------------------------------------------------------------------------------
 * A bar chart: the one widget every report chart is made of. */

typedef AppReportBar Bar;

static double nice_step(double range)
{
    double raw = range / 5, mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void bar_chart(UiDraw *d, SDL_FRect area, const char *title, const char *subtitle,
                      const Bar *bars, int n, int percent, const char *xname)
{
    const UiTheme *t = ui_draw_theme(d);
    float pad = ui_px(d, 16), fs = ui_px(d, 15), fts = ui_px(d, 20);
    ui_text(d, title, area.x + pad, area.y + pad, fts, 1, t->text, UI_LEFT);
    float top = area.y + pad + fts * 1.4f;
    if (subtitle) {
        ui_text(d, subtitle, area.x + pad, top, fs, 0, t->text_dim, UI_LEFT);
        top += fs * 1.5f;
    }
    double lo = 0, hi = percent ? 100 : 0;
    for (int k = 0; k < n; k++) {
        lo = fmin(lo, bars[k].value - bars[k].spread);
        hi = fmax(hi, bars[k].value + bars[k].spread);
    }
    if (hi - lo < 1e-9)
        hi = lo + 1;
    double step = nice_step(hi - lo);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    SDL_FRect plot = {area.x + pad + ui_px(d, 70), top + fs * 2.2f, 0, 0};
    plot.w = area.x + area.w - pad - plot.x;
    plot.h = area.y + area.h - pad - fs * (xname ? 4.2f : 2.8f) - plot.y;
    ui_fill_rect(d, plot, t->panel);
#define YPIX(v) (plot.y + plot.h - (float)(((v)-lo) / (hi - lo)) * plot.h)
    char buf[64];
    for (double v = lo; v <= hi + step * 0.5; v += step) {
        float y = YPIX(v);
        ui_line(d, plot.x, y, plot.x + plot.w, y, 1, fabs(v) < step * 1e-6 ? t->axis : t->grid);
        snprintf(buf, sizeof buf, percent ? "%.0f%%" : "%g", fabs(v) < step * 1e-6 ? 0.0 : v);
        ui_text(d, buf, plot.x - ui_px(d, 8), y, fs, 0, t->text_dim, UI_RIGHT | UI_MIDDLE);
    }
    float slot = n ? plot.w / (float)n : plot.w, bw = slot * 0.62f;
    for (int k = 0; k < n; k++) {
        const Bar *b = &bars[k];
        float cx = plot.x + slot * ((float)k + 0.5f);
        float y0 = YPIX(0), y1 = YPIX(b->value);
        SDL_FRect r = {cx - bw / 2, fminf(y0, y1), bw, fabsf(y1 - y0)};
        if (r.h < 1)
            r.h = 1;
        ui_fill_rect(d, r, t->series[(k + 1) % 9]); /* series[0] is near white */
        if (b->spread > 0) {
            float ya = YPIX(b->value - b->spread), yb = YPIX(b->value + b->spread);
            ui_line(d, cx, ya, cx, yb, ui_px(d, 2), t->text);
            ui_line(d, cx - bw / 5, ya, cx + bw / 5, ya, ui_px(d, 2), t->text);
            ui_line(d, cx - bw / 5, yb, cx + bw / 5, yb, ui_px(d, 2), t->text);
        }
        if (b->note[0]) {
            float yn = fminf(y1, b->spread > 0 ? YPIX(b->value + b->spread) : y1);
            if (b->value < 0)
                yn = y0;
            ui_text(d, b->note, cx, yn - ui_px(d, 4), fs, 1, t->text, UI_CENTER | UI_BOTTOM);
        }
        char fit[96];
        ui_text_fit(d, b->label, fs, 0, slot - ui_px(d, 4), fit, sizeof fit);
        ui_text(d, fit, cx, plot.y + plot.h + ui_px(d, 6), fs, 0, t->text, UI_CENTER | UI_TOP);
    }
    if (xname)
        ui_text(d, xname, plot.x + plot.w / 2, plot.y + plot.h + fs * 2.0f, fs, 1, t->text_dim,
                UI_CENTER | UI_TOP);
#undef YPIX
}

/* A PNG of one or two charts side by side: draw(d, area, ctx, k) for k = 0..n-1. */
typedef void (*Panel)(UiDraw *d, SDL_FRect area, void *ctx, int k);

/* -1 with err, or -2 when the renderer or the PNG file failed (exit status 1, not 2). */
static int write_png(const char *path, double scale, int n, Panel draw, void *ctx, char *err,
                     size_t errsz)
{
    char msg[1024];
    SDL_Surface *s = ui_png_surface(WIDTH, HEIGHT, err, errsz);
    if (!s)
        return -1;
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    if (!r) {
        SDL_FreeSurface(s);
        core_errf(err, errsz, "%s",
                  ui_trf(msg, sizeof msg, "report.err.renderer", SDL_GetError(), NULL));
        return -2;
    }
    UiDraw *d = ui_draw_create(r, scale, NULL, err, errsz);
    int rc = -1;
    if (d) {
        ui_clear(d, ui_draw_theme(d)->bg);
        for (int k = 0; k < n; k++) {
            SDL_FRect a = {(float)WIDTH * (float)k / (float)n, 0, (float)WIDTH / (float)n,
                           (float)HEIGHT};
            draw(d, a, ctx, k);
        }
        SDL_RenderFlush(r);
        SDL_RenderPresent(r);
        ui_draw_destroy(d);
        rc = 0;
        if (IMG_SavePNG(s, path) != 0) {
            core_errf(err, errsz, "%s",
                      ui_trf(msg, sizeof msg, "report.err.png", path, IMG_GetError(), NULL));
            rc = -2;
        }
    }
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    return rc;
}

typedef struct {
    const char *title, *subtitle, *xname;
    const Bar *bars;
    int n, percent;
} Bars;

static void bars_panel(UiDraw *d, SDL_FRect a, void *ctx, int k)
{
    const Bars *b = ctx;
    (void)k;
    bar_chart(d, a, b->title, b->subtitle, b->bars, b->n, b->percent, b->xname);
}

int app_report_bars_png(const char *path, double scale, const char *title, const char *subtitle,
                        const AppReportBar *bars, int n, int percent, const char *xname, char *err,
                        size_t errsz)
{
    Bars b = {title, subtitle, xname, bars, n, percent};
    return write_png(path, scale, 1, bars_panel, &b, err, errsz);
}

/* ---------------------------------------------------------------------------------------------
 * A batch's rows */

typedef struct {
    Bar when[MAX_BARS], scores[MAX_BARS], collapse[MAX_BARS];
    int n_when, n_scores, n_collapse;
    long long rows, defaults;
    char vary[96];
    char sub_when[160], sub_scores[160], sub_collapse[200];
    /* The tallies of the rows */
    int c_end, c_col, c_vary; /* columns: end, collapse_turn, the first swept one (or -1) */
    double sum[MAX_COLS], sq[MAX_COLS]; /* of each score_ column */
    long long by_bin[MAX_BARS];         /* defaults in each six-month bin */
    int max_bin;
    double vals[MAX_BARS];                /* the swept values seen, in order */
    long long pn[MAX_BARS], pd[MAX_BARS]; /* runs and defaults at each of them */
} Batch;

#define BIN_MONTHS 6

static void batch_panel(UiDraw *d, SDL_FRect a, void *ctx, int k)
{
    Batch *b = ctx;
    if (k == 0)
        bar_chart(d, a, ui_tr("report.when.title"), b->sub_when, b->when, b->n_when, 1,
                  ui_tr("report.when.axis"));
    else
        bar_chart(d, a, ui_tr("report.scores.title"), b->sub_scores, b->scores, b->n_scores, 0,
                  ui_tr("report.scores.axis"));
}

static void collapse_panel(UiDraw *d, SDL_FRect a, void *ctx, int k)
{
    Batch *b = ctx;
    (void)k;
    char title[160];
    ui_trf(title, sizeof title, "report.collapse.title", b->vary, NULL);
    bar_chart(d, a, title, b->sub_collapse, b->collapse, b->n_collapse, 1, b->vary);
}

/* Counts one row: its end, the month of a default, its scores, its swept value. */
static void tally(Batch *b, const Row *head, const Row *r)
{
    b->rows++;
    int def = strcmp(r->f[b->c_end], "default") == 0;
    b->defaults += def;
    if (def) {
        int bin = atoi(r->f[b->c_col]) / BIN_MONTHS;
        if (bin > MAX_BARS - 2)
            bin = MAX_BARS - 2;
        b->by_bin[bin]++;
        if (bin + 1 > b->max_bin)
            b->max_bin = bin + 1;
    }
    for (int k = 0; k < head->n; k++)
        if (strncmp(head->f[k], "score_", 6) == 0) {
            double v = strtod(r->f[k], NULL);
            b->sum[k] += v;
            b->sq[k] += v * v;
        }
    if (b->c_vary >= 0) {
        double v = strtod(r->f[b->c_vary], NULL);
        int p = 0;
        while (p < b->n_collapse && b->vals[p] != v)
            p++;
        if (p == b->n_collapse && p < MAX_BARS) {
            b->vals[p] = v;
            snprintf(b->collapse[p].label, sizeof b->collapse[p].label, "%s", r->f[b->c_vary]);
            b->n_collapse++;
        }
        if (p < MAX_BARS) {
            b->pn[p]++;
            b->pd[p] += def;
        }
    }
}

/* The column names, then every row, tallied into b. 0, or -1 with err naming the file (and the
 * line). */
static int read_rows(FILE *f, const char *path, Batch *b, Row *head, char *err, size_t errsz)
{
    char msg[512], n1[32], n2[32], n3[32];
    size_t cap = 0;
    if (getline(&head->line, &cap, f) < 0)
        return core_errf(err, errsz, "%s",
                         ui_trf(msg, sizeof msg, "report.err.no_columns", path, NULL));
    split(head);
    b->c_end = col(head, "end");
    b->c_col = col(head, "collapse_turn");
    if (b->c_end < 0 || b->c_col < 0 || col(head, "seed") != 1)
        return core_errf(err, errsz, "%s",
                         ui_trf(msg, sizeof msg, "report.err.columns", path, NULL));
    b->c_vary = b->c_end > 2 ? 2 : -1;
    if (b->c_vary >= 0)
        core_strlcpy(b->vary, head->f[b->c_vary], sizeof b->vary);
    cap = 0;
    Row r = {0};
    int rc = 0;
    for (long long ln = 3; rc == 0 && getline(&r.line, &cap, f) >= 0; ln++) {
        split(&r);
        if (r.n == head->n) {
            tally(b, head, &r);
            continue;
        }
        snprintf(n1, sizeof n1, "%lld", ln);
        snprintf(n2, sizeof n2, "%d", r.n);
        snprintf(n3, sizeof n3, "%d", head->n);
        rc = core_errf(err, errsz, "%s",
                       ui_trf(msg, sizeof msg, "report.err.fields", path, n1, n2, n3, NULL));
    }
    free(r.line);
    if (rc == 0 && b->rows == 0)
        rc = core_errf(err, errsz, "%s", ui_trf(msg, sizeof msg, "report.err.no_rows", path, NULL));
    return rc;
}

/* The bars of the charts from the tallies. */
static void make_bars(Batch *b, const Row *head)
{
    char n1[32], n2[32], n3[32];
    for (int k = 0; k < b->max_bin; k++) {
        Bar *w = &b->when[b->n_when++];
        snprintf(w->label, sizeof w->label, "%d-%d", k * BIN_MONTHS + 1, (k + 1) * BIN_MONTHS);
        w->value = 100.0 * (double)b->by_bin[k] / (double)b->rows;
        if (b->by_bin[k])
            snprintf(w->note, sizeof w->note, "%lld", b->by_bin[k]);
    }
    Bar *none = &b->when[b->n_when++];
    snprintf(none->label, sizeof none->label, "%s", ui_tr("report.when.never"));
    none->value = 100.0 * (double)(b->rows - b->defaults) / (double)b->rows;
    snprintf(none->note, sizeof none->note, "%lld", b->rows - b->defaults);
    snprintf(n1, sizeof n1, "%lld", b->rows);
    snprintf(n2, sizeof n2, "%lld", b->defaults);
    snprintf(n3, sizeof n3, "%.0f", 100.0 * (double)b->defaults / (double)b->rows);
    ui_trf(b->sub_when, sizeof b->sub_when, "report.when.sub", n1, n2, n3, NULL);
    for (int k = 0; k < head->n && b->n_scores < MAX_BARS; k++)
        if (strncmp(head->f[k], "score_", 6) == 0) {
            Bar *s = &b->scores[b->n_scores++];
            double n = (double)b->rows, mean = b->sum[k] / n;
            snprintf(s->label, sizeof s->label, "%s", head->f[k] + 6);
            s->value = mean;
            s->spread = n > 1 ? sqrt(fmax(0, (b->sq[k] - n * mean * mean) / (n - 1))) : 0;
            snprintf(s->note, sizeof s->note, "%.2f", mean);
        }
    ui_trf(b->sub_scores, sizeof b->sub_scores, "report.scores.sub", n1, NULL);
    for (int p = 0; p < b->n_collapse; p++) {
        b->collapse[p].value = 100.0 * (double)b->pd[p] / (double)b->pn[p];
        snprintf(b->collapse[p].note, sizeof b->collapse[p].note, "%.0f%%", b->collapse[p].value);
    }
    snprintf(n1, sizeof n1, "%lld", b->pn[0]);
    ui_trf(b->sub_collapse, sizeof b->sub_collapse, "report.collapse.sub", n1, NULL);
}

/* A batch's CSV: outcomes.png, and collapse.png if a parameter was swept. */
static int report_batch(FILE *f, const char *path, const char *dir, double scale, FILE *out,
                        char *err, size_t errsz)
{
    Row head = {0};
    Batch *b = calloc(1, sizeof *b);
    char msg[512], png[4096];
    int rc = -1;
    if (!b) {
        core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
    } else if (read_rows(f, path, b, &head, err, errsz) == 0) {
        make_bars(b, &head);
        snprintf(png, sizeof png, "%s/outcomes.png", dir);
        rc = write_png(png, scale, 2, batch_panel, b, err, errsz);
        if (rc == 0)
            fprintf(out, "%s\n", ui_trf(msg, sizeof msg, "report.wrote", png, NULL));
        if (rc == 0 && b->c_vary >= 0) {
            snprintf(png, sizeof png, "%s/collapse.png", dir);
            rc = write_png(png, scale, 1, collapse_panel, b, err, errsz);
            if (rc == 0)
                fprintf(out, "%s\n", ui_trf(msg, sizeof msg, "report.wrote", png, NULL));
        }
    }
    free(head.line);
    free(b);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * A tournament's board */

typedef struct {
    Bar bars[MAX_BARS];
    int n;
    char title[160], sub[200];
} Board;

static void board_panel(UiDraw *d, SDL_FRect a, void *ctx, int k)
{
    Board *b = ctx;
    (void)k;
    bar_chart(d, a, b->title, b->sub, b->bars, b->n, 0, ui_tr("report.board.axis"));
}

static int report_board(FILE *f, const char *path, const char *dir, double scale, FILE *out,
                        char *err, size_t errsz)
{
    Board *b = calloc(1, sizeof *b);
    char *line = NULL;
    size_t cap = 0;
    char role[64] = "", runs[32] = "";
    int rc = -1;
    char msg[512], n1[32], n2[32];
    if (!b)
        return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
    for (long long ln = 2; getline(&line, &cap, f) >= 0; ln++) {
        Row r = {line, {0}, 0};
        split(&r);
        /* 15 fields; 13 before the gains over passive, 9 before the lost turns were counted. */
        if (r.n != 15 && r.n != 13 && r.n != 9) {
            snprintf(n1, sizeof n1, "%lld", ln);
            snprintf(n2, sizeof n2, "%d", r.n);
            core_errf(err, errsz, "%s",
                      ui_trf(msg, sizeof msg, "report.err.fields", path, n1, n2, "15", NULL));
            goto done;
        }
        if (b->n == MAX_BARS)
            break;
        Bar *x = &b->bars[b->n++];
        const char *name = strrchr(r.f[1], '/');
        snprintf(x->label, sizeof x->label, "%s", name ? name + 1 : r.f[1]);
        x->value = strtod(r.f[4], NULL);
        x->spread = strtod(r.f[5], NULL);
        char pct[32];
        snprintf(pct, sizeof pct, "%.0f", 100 * strtod(r.f[6], NULL));
        /* An entrant that lost turns says so under its bar: its wins exclude those runs. */
        long long retired = r.n >= 13 ? strtoll(r.f[11], NULL, 10) : 0;
        long long lost = r.n >= 13 ? strtoll(r.f[10], NULL, 10) : 0;
        if (retired > 0)
            ui_trf(x->note, sizeof x->note, "report.board.note_retired", r.f[7], pct, r.f[11],
                   NULL);
        else if (lost > 0)
            ui_trf(x->note, sizeof x->note, "report.board.note_lost", r.f[7], pct, r.f[10], NULL);
        else
            ui_trf(x->note, sizeof x->note, "report.board.note", r.f[7], pct, NULL);
        core_strlcpy(role, r.f[2], sizeof role);
        core_strlcpy(runs, r.f[3], sizeof runs);
    }
    if (b->n == 0) {
        core_errf(err, errsz, "%s", ui_trf(msg, sizeof msg, "report.err.no_rows", path, NULL));
        goto done;
    }
    ui_trf(b->title, sizeof b->title, "report.board.title", role, NULL);
    ui_trf(b->sub, sizeof b->sub, "report.board.sub", runs, NULL);
    char png[4096];
    snprintf(png, sizeof png, "%s/leaderboard.png", dir);
    if ((rc = write_png(png, scale, 1, board_panel, b, err, errsz)) < 0)
        goto done;
    fprintf(out, "%s\n", ui_trf(msg, sizeof msg, "report.wrote", png, NULL));
    rc = 0;
done:
    free(line);
    free(b);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * The command */

typedef struct {
    const char *dir; /* --out */
    double scale;    /* --scale */
    const char *files[64];
    int n;
} Args;

static int read_scale(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    char *end = NULL, msg[1024];
    (void)opt;
    errno = 0;
    a->scale = strtod(v, &end);
    if (*end || errno || !(a->scale >= 0.5 && a->scale <= 4))
        return core_errf(err, errsz, "%s", ui_trf(msg, sizeof msg, "report.err.scale", v, NULL));
    return 0;
}

static int read_file(void *ctx, const AppOpt *opt, char *v, char *err, size_t errsz)
{
    Args *a = ctx;
    (void)opt, (void)err, (void)errsz;
    if (a->n < 64)
        a->files[a->n++] = v;
    return 0;
}

static const AppOpt opts[] = {
    {"--out", NULL, "cli.arg.dir", NULL, APP_OPT_TEXT, offsetof(Args, dir), NULL, APP_OPT_MUST, 0},
    {"--scale", NULL, "cli.arg.s", NULL, APP_OPT_CALL, 0, read_scale, 0, 0},
};

static const AppCmd cmd = {
    "report", "report.operands", "report.about", opts, APP_OPT_COUNT(opts), "report.err.option",
    NULL,     read_file};

/* One file: a batch's rows or a tournament's board, by its first line. The exit status after
 * it, from the status before it: 1 once a PNG could not be made, 2 for a bad input (each with
 * its message on errout). */
static int report_file(const char *path, const char *dir, double scale, FILE *out, FILE *errout,
                       int status)
{
    char err[1024], msg[1024];
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(errout, "closedloop: %s\n",
                ui_trf(msg, sizeof msg, "report.err.read", path, strerror(errno), NULL));
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    int rc;
    if (getline(&line, &cap, f) < 0) {
        rc = core_errf(err, sizeof err, "%s",
                       ui_trf(msg, sizeof msg, "report.err.empty", path, NULL));
        status = 2;
    } else if (strncmp(line, "# closedloop batch 1 ", 21) == 0) {
        rc = report_batch(f, path, dir, scale, out, err, sizeof err);
    } else if (strncmp(line, "rank,strategy,role,runs,mean_score,", 35) == 0) {
        rc = report_board(f, path, dir, scale, out, err, sizeof err);
    } else {
        rc = core_errf(err, sizeof err, "%s",
                       ui_trf(msg, sizeof msg, "report.err.kind", path, NULL));
        status = 2;
    }
    if (rc < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        if (status == 0)
            status = rc == -2 ? 1 : 2; /* 1: the PNG could not be made; 2: the input */
    }
    free(line);
    fclose(f);
    return status;
}

int app_report_main(int argc, char **argv, FILE *out, FILE *errout)
{
    Args a = {NULL, 1.25, {NULL}, 0};
    char err[1024], msg[1024];
    int rc = app_opt_command(&cmd, argc, argv, &a, NULL, out, err, sizeof err);
    if (rc == 1)
        return 0;
    if (rc < 0) {
        fprintf(errout, "closedloop: %s\n", err);
        return 2;
    }
    if (a.n == 0 || !a.dir || !*a.dir) {
        fprintf(errout, "closedloop: %s\n", ui_tr("report.err.args"));
        return 2;
    }
    struct stat st;
    if (stat(a.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(errout, "closedloop: %s\n", ui_trf(msg, sizeof msg, "report.err.out", a.dir, NULL));
        return 2;
    }
    int status = 0;
    for (int k = 0; k < a.n && status != 2; k++) {
        status = report_file(a.files[k], a.dir, a.scale, out, errout, status);
    }
    return status;
}
