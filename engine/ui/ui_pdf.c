/* ui_pdf: printed pages with cairo (see ui_pdf.h): the document, its fonts and its text. */
#include "ui_pdf_int.h"

#include "core_break.h"
#include "core_err.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEAD     1.4  /* line height over type size, by default */
#define ASCENT   0.93 /* DejaVu's ascender over type size: a line's baseline under its top */
#define MAX_LINE 512  /* lines of one paragraph */
/* The PDF's creation date: fixed, so that the same handout gives the same bytes. */
#define FIXED_DATE "2025-01-01T00:00:00Z"

static const UiPdfColor GREY = {0.45, 0.45, 0.45};

/* ---------------------------------------------------------------------------------------------
 * The document */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    UiPdf *p = closure;
    if (fwrite(data, 1, length, p->out) != length) {
        p->write_failed = 1;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* The face of the collection at path to set Chinese in: the first Simplified Chinese one (" SC"
 * in its family's name), else 0. */
static long sc_face(FT_Library ft, const char *path)
{
    FT_Face f;
    if (FT_New_Face(ft, path, -1, &f) != 0)
        return 0;
    long n = f->num_faces;
    FT_Done_Face(f);
    for (long i = 0; i < n; i++) {
        if (FT_New_Face(ft, path, i, &f) != 0)
            continue;
        int sc = f->family_name && strstr(f->family_name, " SC") && !strstr(f->family_name, "Mono");
        FT_Done_Face(f);
        if (sc)
            return i;
    }
    return 0;
}

/* Opens face k from path (face 0 of a collection; the bold CJK one, its Simplified Chinese face)
 * for cairo. 0, or -1 with err. */
static int open_face(UiPdf *p, int k, const char *path, char *err, size_t errsz)
{
    long index = k == PDF_CJK_BOLD ? sc_face(p->ft, path) : 0;
    if (FT_New_Face(p->ft, path, index, &p->ft_face[k]) != 0) {
        p->ft_face[k] = NULL;
        return core_errf(err, errsz,
                         "font %s: cannot be opened (install fonts-dejavu-core and "
                         "fonts-wqy-microhei, or set CLOSEDLOOP_FONT / CLOSEDLOOP_CJK_FONT)",
                         path);
    }
    p->face[k] = cairo_ft_font_face_create_for_ft_face(p->ft_face[k], 0);
    if (cairo_font_face_status(p->face[k]) != CAIRO_STATUS_SUCCESS)
        return core_errf(err, errsz, "font %s: %s", path,
                         cairo_status_to_string(cairo_font_face_status(p->face[k])));
    return 0;
}

static void footer(UiPdf *p)
{
    char n[16];
    snprintf(n, sizeof n, "%d", p->pages);
    double y = p->page_h - p->margin * 0.55;
    ui_pdf_draw(p, p->footer, strlen(p->footer), p->margin, y, UI_PDF_SMALL, 0, GREY, 0);
    ui_pdf_draw(p, n, strlen(n), p->page_w - p->margin, y, UI_PDF_SMALL, 0, GREY, 2);
    p->y = p->top;
}

UiPdf *ui_pdf_create(FILE *out, UiPdfPaper paper, const UiPdfFonts *fonts, const char *title,
                     const char *foot, char *err, size_t errsz)
{
    UiPdf *p = calloc(1, sizeof *p);
    if (!p) {
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    p->out = out;
    p->page_w = paper == UI_PDF_LETTER ? 612.0 : 595.276; /* 8.5 x 11 in; 210 x 297 mm */
    p->page_h = paper == UI_PDF_LETTER ? 792.0 : 841.890;
    p->margin = 56.7; /* 2 cm */
    p->top = p->margin;
    p->bottom = p->page_h - p->margin;
    snprintf(p->footer, sizeof p->footer, "%s", foot ? foot : "");
    if (FT_Init_FreeType(&p->ft) != 0) {
        core_errf(err, errsz, "FreeType cannot start");
        free(p);
        return NULL;
    }
    if (open_face(p, PDF_REGULAR, fonts->regular, err, errsz) < 0 ||
        open_face(p, PDF_BOLD, fonts->bold ? fonts->bold : fonts->regular, err, errsz) < 0 ||
        (fonts->cjk && open_face(p, PDF_CJK, fonts->cjk, err, errsz) < 0) ||
        (fonts->cjk && fonts->cjk_bold &&
         open_face(p, PDF_CJK_BOLD, fonts->cjk_bold, err, errsz) < 0))
        goto fail;
    p->surface = cairo_pdf_surface_create_for_stream(write_out, p, p->page_w, p->page_h);
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
        core_errf(err, errsz, "cairo: %s",
                  cairo_status_to_string(cairo_surface_status(p->surface)));
        goto fail;
    }
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "closedloop");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
    p->cr = cairo_create(p->surface);
    p->pages = 1;
    footer(p);
    return p;
fail:
    ui_pdf_destroy(p);
    return NULL;
}

void ui_pdf_destroy(UiPdf *p)
{
    if (!p)
        return;
    if (p->cr)
        cairo_destroy(p->cr);
    if (p->surface) {
        cairo_surface_finish(p->surface);
        cairo_surface_destroy(p->surface);
    }
    for (int k = 0; k < PDF_FACES; k++)
        if (p->face[k])
            cairo_font_face_destroy(p->face[k]);
    /* cairo keeps fonts in caches after their last use: empty them before the FreeType faces
     * under them go. */
    cairo_debug_reset_static_data();
    for (int k = 0; k < PDF_FACES; k++)
        if (p->ft_face[k])
            FT_Done_Face(p->ft_face[k]);
    if (p->ft)
        FT_Done_FreeType(p->ft);
    free(p);
}

int ui_pdf_finish(UiPdf *p, char *err, size_t errsz)
{
    cairo_show_page(p->cr);
    cairo_destroy(p->cr);
    p->cr = NULL;
    cairo_surface_finish(p->surface);
    cairo_status_t st = cairo_surface_status(p->surface);
    int failed = p->write_failed || st != CAIRO_STATUS_SUCCESS;
    if (failed)
        core_errf(err, errsz, "%s",
                  p->write_failed ? "the file could not be written" : cairo_status_to_string(st));
    ui_pdf_destroy(p);
    return failed ? -1 : 0;
}

int ui_pdf_pages(const UiPdf *p)
{
    return p->pages;
}

void ui_pdf_page(UiPdf *p)
{
    if (p->y <= p->top)
        return; /* this page is still empty */
    cairo_show_page(p->cr);
    p->pages++;
    footer(p);
}

double ui_pdf_width(const UiPdf *p)
{
    return p->page_w - 2 * p->margin;
}

void ui_pdf_space(UiPdf *p, double pt, double keep)
{
    p->y += pt;
    /* Space alone never begins a page (the next block does, if it must): no blank last page. */
    if (keep > 0 && p->y + keep > p->bottom)
        ui_pdf_page(p);
}

/* ---------------------------------------------------------------------------------------------
 * Text: runs of one face */

/* The face character c is drawn with: the Latin face (bold or not) if it has it, else the CJK
 * one if it has it, else the Latin face's missing-glyph box. */
static int face_of(const UiPdf *p, uint32_t c, int bold)
{
    int latin = bold ? PDF_BOLD : PDF_REGULAR;
    if (c < 0x80 || FT_Get_Char_Index(p->ft_face[latin], c) != 0 || !p->ft_face[PDF_CJK])
        return latin;
    if (bold && p->ft_face[PDF_CJK_BOLD] && FT_Get_Char_Index(p->ft_face[PDF_CJK_BOLD], c) != 0)
        return PDF_CJK_BOLD;
    return FT_Get_Char_Index(p->ft_face[PDF_CJK], c) != 0 ? PDF_CJK : latin;
}

/* The weight a text is set in: bold only if none of it needs the CJK face, which has no bold
 * (a heading half bold and half regular reads as a mistake; synthetic bold smears). */
int ui_pdf_weight(const UiPdf *p, const char *s, int bold)
{
    if (!bold || !p->ft_face[PDF_CJK] || p->ft_face[PDF_CJK_BOLD])
        return bold;
    size_t n;
    for (; *s; s += n)
        if (face_of(p, core_utf8_next(s, &n), 1) == PDF_CJK)
            return 0;
    return 1;
}

/* The end of the run of one face that starts at s[off] (before `len`), its face in *face. */
static size_t run_end(const UiPdf *p, const char *s, size_t off, size_t len, int bold, int *face)
{
    size_t n;
    *face = face_of(p, core_utf8_next(s + off, &n), bold);
    off += n;
    while (off < len) {
        uint32_t c = core_utf8_next(s + off, &n);
        if (off + n > len || face_of(p, c, bold) != *face)
            break;
        off += n;
    }
    return off < len ? off : len;
}

/* Sets the run s[a, b) up in cr (its face and size) and copies it, terminated, into buf.
 * Returns the text to draw (buf, or "" if it does not fit). */
static const char *run_text(UiPdf *p, const char *s, size_t a, size_t b, int face, double size,
                            char *buf, size_t bufsz)
{
    cairo_set_font_face(p->cr, p->face[face]);
    cairo_set_font_size(p->cr, size);
    if (b - a >= bufsz)
        return "";
    memcpy(buf, s + a, b - a);
    buf[b - a] = '\0';
    return buf;
}

double ui_pdf_measure(UiPdf *p, const char *s, size_t len, double size, int bold)
{
    double w = 0;
    char buf[2048];
    for (size_t a = 0; a < len;) {
        int face;
        size_t b = run_end(p, s, a, len, bold, &face);
        cairo_text_extents_t e;
        cairo_text_extents(p->cr, run_text(p, s, a, b, face, size, buf, sizeof buf), &e);
        w += e.x_advance;
        a = b;
    }
    return w;
}

void ui_pdf_draw(UiPdf *p, const char *s, size_t len, double x, double y, double size, int bold,
                 UiPdfColor c, int align)
{
    if (align)
        x -= ui_pdf_measure(p, s, len, size, bold) * (align == 1 ? 0.5 : 1.0);
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
    char buf[2048];
    for (size_t a = 0; a < len;) {
        int face;
        size_t b = run_end(p, s, a, len, bold, &face);
        const char *t = run_text(p, s, a, b, face, size, buf, sizeof buf);
        cairo_text_extents_t e;
        cairo_text_extents(p->cr, t, &e);
        cairo_move_to(p->cr, x, y);
        cairo_show_text(p->cr, t);
        x += e.x_advance;
        a = b;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Text: wrapping */

typedef struct {
    size_t start, len;
} Line;

/* The longest start of s[0, len) that fits in w, cut between characters (at least one). */
static size_t cut_chars(UiPdf *p, const char *s, size_t len, double w, double size, int bold)
{
    size_t fit = 0, n;
    double used = 0;
    while (fit < len) {
        core_utf8_next(s + fit, &n);
        double cw = ui_pdf_measure(p, s + fit, n, size, bold);
        if (fit > 0 && used + cw > w)
            break;
        used += cw;
        fit += n;
    }
    return fit;
}

/* One line of s from *pos (before end), the longest run of whole pieces between places where a
 * line may end that fits in w; *pos moves past it. */
static Line next_line(UiPdf *p, const char *s, size_t *pos, size_t end, double w, double size,
                      int bold)
{
    while (*pos < end && s[*pos] == ' ')
        (*pos)++;
    Line ln = {*pos, 0};
    const char *t = s + *pos;
    size_t n = end - *pos, k = 0, fit = 0;
    double used = 0;
    while (k < n) {
        size_t c = k + 1;
        while (c < n && !core_can_break(t, c))
            c++;
        double pw = ui_pdf_measure(p, t + k, c - k, size, bold);
        if (used + pw > w)
            break;
        used += pw;
        fit = k = c;
    }
    if (fit == 0 && n > 0) /* a word wider than the line */
        fit = cut_chars(p, t, n, w, size, bold);
    ln.len = fit;
    *pos += fit;
    return ln;
}

/* The lines of s wrapped at w, at most cap; returns how many. */
static int wrap(UiPdf *p, const char *s, double w, double size, int bold, Line *out, int cap)
{
    int n = 0;
    size_t len = strlen(s), pos = 0;
    while (pos < len && n < cap) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - s) : len;
        do
            out[n++] = next_line(p, s, &pos, end, w, size, bold);
        while (pos < end && n < cap);
        pos = end + 1; /* past the line break */
    }
    return n;
}

static double lead(const UiPdfStyle *st)
{
    return st->size * (st->lead > 0 ? st->lead : LEAD);
}

double ui_pdf_text_height(UiPdf *p, const char *s, const UiPdfStyle *st, double w)
{
    static Line lines[MAX_LINE];
    if (w <= 0)
        w = ui_pdf_width(p) - st->indent;
    return wrap(p, s, w, st->size, ui_pdf_weight(p, s, st->bold), lines, MAX_LINE) * lead(st);
}

void ui_pdf_text(UiPdf *p, const char *s, const UiPdfStyle *st)
{
    static Line lines[MAX_LINE];
    double w = ui_pdf_width(p) - st->indent, lh = lead(st);
    int bold = ui_pdf_weight(p, s, st->bold);
    int n = wrap(p, s, w, st->size, bold, lines, MAX_LINE);
    for (int k = 0; k < n; k++) {
        if (p->y + lh > p->bottom)
            ui_pdf_page(p);
        ui_pdf_draw(p, s + lines[k].start, lines[k].len, p->margin + st->indent,
                    p->y + st->size * ASCENT, st->size, bold, st->color, 0);
        p->y += lh;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Rules and rows */

void ui_pdf_lines(UiPdf *p, int n, double gap, double indent)
{
    cairo_set_source_rgb(p->cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(p->cr, 0.5);
    for (int k = 0; k < n; k++) {
        if (p->y + gap > p->bottom)
            ui_pdf_page(p);
        p->y += gap;
        cairo_move_to(p->cr, p->margin + indent, p->y);
        cairo_line_to(p->cr, p->page_w - p->margin, p->y);
        cairo_stroke(p->cr);
    }
}

void ui_pdf_rule(UiPdf *p, UiPdfColor c, double width)
{
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, p->margin, p->y);
    cairo_line_to(p->cr, p->page_w - p->margin, p->y);
    cairo_stroke(p->cr);
}

void ui_pdf_row(UiPdf *p, const char *const *cells, const double *cols, const int *right, int n,
                const UiPdfStyle *st, int shade)
{
    static Line lines[8][64];
    int nl[8] = {0}, most = 1, bold[8] = {0};
    double W = ui_pdf_width(p), pad = st->size * 0.3, gap = st->size * 0.8, lh = lead(st);
    if (n > 8)
        n = 8;
    for (int k = 0; k < n; k++) {
        const char *cell = cells[k] ? cells[k] : "";
        bold[k] = ui_pdf_weight(p, cell, st->bold);
        nl[k] = wrap(p, cell, cols[k] * W - gap, st->size, bold[k], lines[k], 64);
        most = nl[k] > most ? nl[k] : most;
    }
    double h = most * lh + 2 * pad;
    if (p->y + h > p->bottom)
        ui_pdf_page(p);
    if (shade) {
        cairo_set_source_rgb(p->cr, 0.94, 0.95, 0.97);
        cairo_rectangle(p->cr, p->margin, p->y, W, h);
        cairo_fill(p->cr);
    }
    double x = p->margin;
    for (int k = 0; k < n; k++) {
        double cw = cols[k] * W;
        for (int j = 0; j < nl[k]; j++) {
            double y = p->y + pad + j * lh + st->size * ASCENT;
            int r = right && right[k];
            ui_pdf_draw(p, (cells[k] ? cells[k] : "") + lines[k][j].start, lines[k][j].len,
                        r ? x + cw - gap / 2 : x + gap / 2, y, st->size, bold[k], st->color,
                        r ? 2 : 0);
        }
        x += cw;
    }
    p->y += h;
}
