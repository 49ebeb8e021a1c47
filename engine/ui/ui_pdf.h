/* ui_pdf: printed pages, for the teacher's handout (`closedloop handout`): a PDF written with
 * cairo, its text set in the window's own fonts (DejaVu Sans and, for the characters it lacks,
 * the CJK font, both opened with FreeType and embedded as subsets, so Chinese prints without
 * any font on the reader's machine). No SDL: this is the project's second renderer, for paper.
 *
 * The document flows down the page like a word processor's: each call puts a block (a wrapped
 * paragraph, ruled lines to write on, a table row, a chart) under the last one and starts a new
 * page when the block does not fit (a paragraph may run on over the break; rows and charts move
 * whole). Lines break at spaces and, in Chinese, between any two characters (core_break's
 * rules, the window's). Every page gets a footer: the document's footer text and its number.
 *
 * Deterministic: the PDF's creation date is fixed (cairo would write the clock's), so the same
 * document gives the same bytes.
 *
 * Ownership: ui_pdf_create writes to a FILE the caller opened and keeps (and closes after
 * ui_pdf_finish); texts are copied as they are drawn. ui_pdf_finish ends and frees the document;
 * ui_pdf_destroy frees one abandoned half-way. */
#ifndef UI_PDF_H
#define UI_PDF_H

#include <stddef.h>
#include <stdio.h>

typedef struct UiPdf UiPdf;

typedef enum { UI_PDF_A4, UI_PDF_LETTER } UiPdfPaper;

typedef struct {
    const char *regular;  /* DejaVu Sans */
    const char *bold;     /* DejaVu Sans Bold (may be the regular file) */
    const char *cjk;      /* a .ttf/.ttc with Chinese (face 0), or NULL: none */
    const char *cjk_bold; /* its bold (of a collection, the Simplified Chinese face), or NULL:
                           * bold text with Chinese is set in the regular weight */
} UiPdfFonts;

typedef struct {
    double r, g, b;
} UiPdfColor;

typedef struct {
    double size; /* points */
    int bold;
    UiPdfColor color;
    double indent; /* points from the left margin */
    double lead;   /* line height as a multiple of size (0: 1.4) */
} UiPdfStyle;

/* A new document of one empty page. title: the PDF's title (its metadata); footer: the text
 * left of the page number at the foot of each page. NULL with err if a font cannot be opened. */
UiPdf *ui_pdf_create(FILE *out, UiPdfPaper paper, const UiPdfFonts *fonts, const char *title,
                     const char *footer, char *err, size_t errsz);

/* Ends the document, writes what is left to the FILE and frees p. 0, or -1 with err. */
int ui_pdf_finish(UiPdf *p, char *err, size_t errsz);

/* Frees a document without finishing it (NULL is fine). */
void ui_pdf_destroy(UiPdf *p);

/* Pages begun so far. */
int ui_pdf_pages(const UiPdf *p);

/* Begins a new page (the cursor at its top margin). */
void ui_pdf_page(UiPdf *p);

/* The width between the margins, in points. */
double ui_pdf_width(const UiPdf *p);

/* Moves the cursor down; begins a new page if fewer than `keep` (> 0) points are left after it
 * (so a heading is never the last line of a page). */
void ui_pdf_space(UiPdf *p, double pt, double keep);

/* Height a paragraph takes at width w (points; 0: the whole width less the indent). */
double ui_pdf_text_height(UiPdf *p, const char *s, const UiPdfStyle *st, double w);

/* A wrapped paragraph at the cursor ('\n' starts a new line); the cursor goes under it. */
void ui_pdf_text(UiPdf *p, const char *s, const UiPdfStyle *st);

/* n ruled lines `gap` points apart, from `indent` to the right margin: room to write on. */
void ui_pdf_lines(UiPdf *p, int n, double gap, double indent);

/* A horizontal rule across the width. */
void ui_pdf_rule(UiPdf *p, UiPdfColor c, double width);

/* A table row: cells[k] wrapped in a column of width cols[k] (fractions of the width, summing to
 * at most 1); right[k] set aligns a one-line cell right. shade: a light band behind the row. The
 * row is kept whole on one page. */
void ui_pdf_row(UiPdf *p, const char *const *cells, const double *cols, const int *right, int n,
                const UiPdfStyle *st, int shade);

/* A line chart across the width, kept whole on one page. */
typedef struct {
    const char *name;
    const double *v; /* n points (NaN: a gap) */
    UiPdfColor color;
    double width; /* line width in points (0: 1.2) */
} UiPdfSeries;

typedef struct {
    const char *title;
    const char *note; /* a line under the title, or NULL */
    const UiPdfSeries *series;
    int n_series;
    int n;                      /* points in each series */
    const char *const *xlabels; /* n labels, NULL where none is wanted */
    int has_ref;                /* a dashed reference line at ref, named ref_label */
    double ref;
    const char *ref_label;
    double height; /* of the plot, points */
} UiPdfChart;

void ui_pdf_chart(UiPdf *p, const UiPdfChart *c);

#endif
