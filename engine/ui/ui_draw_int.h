/* ui_draw_int: the private state of a UiDraw, shared by the three files that implement
 * ui_draw.h: ui_draw.c (the context, layers, palette), ui_shape.c (filled and stroked shapes
 * through a vertex buffer) and ui_text.c (fonts, the text cache, fitting and wrapping). No other
 * module includes it. The UiDraw owns everything reachable from it except the renderer
 * (ui_draw_destroy frees it all; see ui_draw.h). */
#ifndef UI_DRAW_INT_H
#define UI_DRAW_INT_H

#include "ui_draw.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>

#define N_FONTS   24   /* open (size, weight) pairs kept */
#define CACHE_CAP 1024 /* text cache slots (a power of two) */
#define CACHE_MAX 700  /* entries before the cache is flushed */

typedef struct {
    TTF_Font *font;
    int size;
    int bold;
    int cjk; /* the CJK fallback face, not the primary font */
    unsigned long long used;
} FontSlot;

typedef struct {
    char *s; /* NULL: free slot */
    int size, bold;
    uint32_t hash;
    SDL_Texture *tex;
    int w, h;
} TextEntry;

/* A wrapped text kept with its lines: the feed is wrapped every frame, and measuring its
 * candidate lines was a fifth of a frame. */
typedef struct {
    char *text;  /* NULL: free slot */
    char *lines; /* the lines, each ended by '\n' */
    uint32_t hash;
    float w, size;
    int bold, max_lines, n;
} WrapEntry;

#define WRAP_CAP 64 /* wrapped texts kept (direct-mapped by hash) */

typedef struct {
    SDL_Texture *t;
    int w, h;
    unsigned long long key;
    int valid;
    double aux[UI_LAYER_AUX / sizeof(double)]; /* the caller's notes about the content */
} Layer;

/* Measured sizes of text that needs runs (Chinese): SDL_ttf keeps few glyphs of a large font, so
 * measuring a Chinese string loads its glyphs again each time, and the screens measure the same
 * strings every frame (fitting labels, placing values). Direct-mapped by a 64-bit hash of the
 * text, pixel size and weight (0: empty). */
#define SIZE_CAP 1024
typedef struct {
    unsigned long long key;
    int w, h;
} SizeEntry;

struct UiDraw {
    Layer layers[UI_LAYERS];
    SDL_Renderer *r;
    double scale;
    const UiTheme *theme;
    char path[2][512];
    char cjk_path[512]; /* the CJK fallback font ("" if none was found) */
    int cjk_face;       /* its face in a .ttc collection */
    int cjk_state;      /* 0 not opened yet, 1 usable, -1 none */
    /* A real bold CJK font, its face and state as above ("" and -1 if none: bold Chinese is then
     * drawn in the regular weight). */
    char cjk_bold_path[512];
    int cjk_bold_face, cjk_bold_state;
    FontSlot fonts[N_FONTS];
    unsigned long long tick;
    TextEntry *cache;
    WrapEntry wraps[WRAP_CAP];
    SizeEntry sizes[SIZE_CAP];
    int n_cache;
    SDL_Vertex *v;
    int *idx;
    int cap_v, cap_i, nv, ni;
    UiTextTrace *trace; /* ui_draw_trace's record, or NULL */
    FILE *text_log;     /* $CLOSEDLOOP_TEXT_LOG, or NULL */
    int trace_cap, n_trace;
    int plate; /* ui_draw_plate's count since ui_draw_trace */
};

/* ui_text.c: checks that the font at path opens (else err, -1); chooses the CJK font's file
 * without opening it; empties the text cache. */
int ui_font_ok(const char *path, char *err, size_t errsz);
void ui_cjk_find(UiDraw *d);
void ui_text_cache_flush(UiDraw *d);

#endif
