/* ui_pdf_int: what ui_pdf.c (pages, fonts, text) and ui_pdf_chart.c (charts) share. */
#ifndef UI_PDF_INT_H
#define UI_PDF_INT_H

#include "ui_pdf.h"

#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

enum { PDF_REGULAR, PDF_BOLD, PDF_CJK, PDF_CJK_BOLD, PDF_FACES };

struct UiPdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    FILE *out;
    int write_failed;
    FT_Library ft;
    FT_Face ft_face[PDF_FACES];
    cairo_font_face_t *face[PDF_FACES];
    double page_w, page_h, margin, top, bottom; /* points; bottom: the lowest y text may reach */
    double y;                                   /* the cursor: top of the next block */
    int pages;
    char footer[256];
};

/* Width of s in points at size (bold or not), each character in the face that has it. */
double ui_pdf_measure(UiPdf *p, const char *s, size_t len, double size, int bold);

/* Draws bytes [0, len) of s with its baseline at (x, y). align: 0 left, 1 centre, 2 right of x. */
void ui_pdf_draw(UiPdf *p, const char *s, size_t len, double x, double y, double size, int bold,
                 UiPdfColor c, int align);

/* bold, unless s needs the CJK face, which has no bold: then 0 (the whole text in one weight). */
int ui_pdf_weight(const UiPdf *p, const char *s, int bold);

/* The size of type the charts use for axes and legends. */
#define UI_PDF_SMALL 8.0

#endif
