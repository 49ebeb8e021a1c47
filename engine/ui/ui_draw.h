/* ui_draw: the drawing context every screen and widget of ui/ draws through.
 *
 * A UiDraw wraps an SDL_Renderer the caller owns (a window's renderer, or a software renderer
 * over an SDL_Surface, which needs no video driver) and adds what SDL lacks: filled and
 * outlined circles, thick lines with a soft edge (quads through SDL_RenderGeometry), arrows,
 * rounded rectangles, and text through SDL2_ttf with a cache of rendered strings, so that a
 * label is rasterised once and not every frame. It also holds the UI scale factor: widgets size
 * everything in logical units and multiply by ui_draw_scale (ui_px), so a projector or a HiDPI
 * screen can enlarge the whole interface. All geometry arguments of the primitives are in
 * pixels of the renderer's output.
 *
 * The palette is Okabe-Ito (safe for the common colour-vision deficiencies), one colour per flow
 * family, on a dark blue-grey theme with light text that reads well projected.
 *
 * Tests: ui_draw_trace records the boxes of the texts drawn; with $CLOSEDLOOP_TEXT_LOG set to a
 * file, every string drawn is appended to it (once per string, size and weight cached), so a
 * test can read what a real window showed.
 *
 * Fonts: DejaVu Sans and Sans Bold for Latin text, and a CJK font for the characters they lack
 * (Chinese): WenQuanYi Micro Hei (Debian's fonts-wqy-microhei), else Noto Sans CJK or Droid Sans
 * Fallback, or $CLOSEDLOOP_CJK_FONT. SDL2_ttf 2.20 has no fallback of its own, so ui_draw splits
 * a string into runs (characters the primary font has / the others), draws each run with its font
 * on one baseline in the primary font's line box, and caches the composed string as one texture;
 * every measuring function measures the same runs. All-ASCII text takes the primary font
 * directly. Bold Chinese is the regular CJK face emboldened by FreeType. Without a CJK font the
 * game still runs: Chinese characters show as the missing-glyph box, and stderr says once which
 * package to install. Wrapping breaks at spaces and between CJK characters (never before closing
 * punctuation such as "，。" or after opening punctuation such as "（“").
 *
 * Ownership: ui_draw_create opens the fonts (the CJK one when first needed) and ui_draw_destroy
 * closes them and frees the cache; the renderer stays the caller's and must outlive the UiDraw.
 * Errors go to caller buffers. */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include "sim_deal.h"
#include "sim_ledger.h"

#include <SDL.h>
#include <stddef.h>

/* The default fonts; $CLOSEDLOOP_FONT (a .ttf file) replaces both. */
#define UI_FONT_REGULAR_PATH "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define UI_FONT_BOLD_PATH    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
/* The first CJK font looked for (package fonts-wqy-microhei); $CLOSEDLOOP_CJK_FONT (a .ttf or
 * .ttc file) replaces the search. */
#define UI_FONT_CJK_PATH "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
/* Bold Chinese (fonts-noto-cjk); without it bold Chinese is drawn in the regular weight. */
#define UI_FONT_CJK_BOLD_PATH "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"

/* Families of money flows, one colour each. */
typedef enum {
    /* The families of deal kinds (SimKindFamily: each kind's family is in its row). */
    UI_FAM_EQUITY = SIM_FAMILY_EQUITY, /* investment: equity tranches */
    UI_FAM_PAYMENT =
        SIM_FAMILY_PAYMENT, /* contract instalments: compute, chips, leases, co-development */
    UI_FAM_REVSHARE = SIM_FAMILY_REVSHARE, /* revenue share */
    UI_FAM_LOAN = SIM_FAMILY_LOAN,         /* loans and guarantees */
    UI_FAM_WARRANTS = SIM_FAMILY_WARRANTS, /* share warrants */
    UI_FAM_BUILD = SIM_FAMILY_BUILD,       /* joint ventures and own builds */
    UI_FAM_RIGHTS = SIM_FAMILY_RIGHTS, /* rights without money (exclusivity): drawn thin and grey */
    UI_FAM_COUNT = SIM_FAMILY_COUNT
} UiFamily;

UiFamily ui_family_of_deal(SimDealKind k);
UiFamily ui_family_of_flow(SimFlowKind k);
/* "investment", "payment", ... (for legends). */
const char *ui_family_name(UiFamily f);

typedef struct {
    SDL_Color bg;       /* window background */
    SDL_Color panel;    /* panels, label plates */
    SDL_Color grid;     /* chart grid lines */
    SDL_Color axis;     /* chart axes */
    SDL_Color text;     /* main text */
    SDL_Color text_dim; /* secondary text */
    SDL_Color up;       /* price rises */
    SDL_Color down;     /* price falls */
    SDL_Color node;     /* actor fill */
    SDL_Color node_rim; /* actor outline */
    SDL_Color hub;      /* the hub's fill */
    SDL_Color glow;     /* circular flows */
    SDL_Color family[UI_FAM_COUNT];
    SDL_Color series[9]; /* chart lines, one per actor (by layout order, wrapping) */
} UiTheme;

/* The dark theme: light text on dark blue-grey, high contrast. A static value; never freed. */
const UiTheme *ui_theme_dark(void);

/* Text alignment: one horizontal and one vertical flag, OR-ed. */
enum {
    UI_LEFT = 0,
    UI_CENTER = 1,
    UI_RIGHT = 2,
    UI_TOP = 0,
    UI_MIDDLE = 4,
    UI_BOTTOM = 8,
};

typedef struct UiDraw UiDraw;

/* Makes a drawing context over r at the given scale (1.0 = 1 logical unit per pixel). Opens the
 * fonts at font_path (NULL: $CLOSEDLOOP_FONT if set, else DejaVu Sans and Sans Bold); NULL with
 * err if a font cannot be opened. Initialises SDL_ttf (reference-counted). */
UiDraw *ui_draw_create(SDL_Renderer *r, double scale, const char *font_path, char *err,
                       size_t errsz);
void ui_draw_destroy(UiDraw *d);

SDL_Renderer *ui_draw_renderer(const UiDraw *d);
double ui_draw_scale(const UiDraw *d);
void ui_draw_set_scale(UiDraw *d, double scale);
const UiTheme *ui_draw_theme(const UiDraw *d);
/* A logical size in pixels: v * scale. */
float ui_px(const UiDraw *d, double v);
/* Number of strings in the text cache (for tests and the benchmark). */
int ui_draw_cached(const UiDraw *d);
/* The file of the CJK font Chinese text is drawn with (opened now if not yet), or NULL if there is
 * none (Chinese then shows as boxes). The string belongs to d. */
const char *ui_draw_cjk_font(UiDraw *d);

/* Clip to r (NULL: no clip). */
void ui_clip(UiDraw *d, const SDL_FRect *r);
void ui_clear(UiDraw *d, SDL_Color c);
/* The first step of a full-window screen: clips to the window (width x height), fills it with the
 * theme's background and returns its rectangle. */
SDL_FRect ui_fill_window(UiDraw *d, int width, int height);

void ui_fill_rect(UiDraw *d, SDL_FRect r, SDL_Color c);
void ui_fill_round_rect(UiDraw *d, SDL_FRect r, float radius, SDL_Color c);
void ui_stroke_round_rect(UiDraw *d, SDL_FRect r, float radius, float width, SDL_Color c);
void ui_fill_circle(UiDraw *d, float cx, float cy, float r, SDL_Color c);
void ui_stroke_circle(UiDraw *d, float cx, float cy, float r, float width, SDL_Color c);
/* An arc of a ring between angles a0 and a1 (radians, 0 = +x, clockwise on screen). */
void ui_stroke_arc(UiDraw *d, float cx, float cy, float r, float a0, float a1, float width,
                   SDL_Color c);
/* A line of the given width with a one-pixel soft edge on each side. */
void ui_line(UiDraw *d, float x0, float y0, float x1, float y1, float width, SDL_Color c);
/* A line from (x0,y0) to (x1,y1) ending in a filled triangular head of length `head`. */
void ui_arrow(UiDraw *d, float x0, float y0, float x1, float y1, float width, float head,
              SDL_Color c);

/* Draws UTF-8 text of pixel height `size` (font size in pixels; use ui_px for logical sizes) at
 * (x, y) with the given alignment. Returns the width drawn in pixels (0 for empty text or on a
 * rendering failure, which draws nothing). */
int ui_text(UiDraw *d, const char *s, float x, float y, float size, int bold, SDL_Color c,
            int align);
/* Width and height in pixels that ui_text would cover. */
void ui_text_size(UiDraw *d, const char *s, float size, int bold, int *w, int *h);
/* What ui_text drew, for tests that measure a screen's texts: the box in pixels of the render
 * target it was drawn on (target_w x target_h: a layer's texture of that size; 0 x 0: the
 * screen; `target` tells two layers apart), the clip rectangle then (w = 0: none), the plate it
 * was drawn on (ui_draw_plate) and the text's first bytes. */
typedef struct {
    SDL_FRect box, clip;
    int target_w, target_h;
    int plate;
    const void *target;
    char text[64];
} UiTextTrace;
/* Records every text drawn from now into buf (cap entries; the rest are counted, not kept);
 * buf = NULL stops. The caller owns buf and keeps it alive while recording. */
void ui_draw_trace(UiDraw *d, UiTextTrace *buf, int cap);
/* Says that what is drawn from now on lies on an opaque plate drawn on purpose over what was
 * drawn before (a modal dialog, a card, a tooltip, the help overlay): texts of one plate must
 * not overlap one another, but may cover the texts of earlier plates. Each call starts a new
 * plate (numbered from 0 at ui_draw_trace); drawing is unchanged. */
void ui_draw_plate(UiDraw *d);
/* How many texts were drawn since ui_draw_trace (may exceed its cap). */
int ui_draw_traced(const UiDraw *d);
/* Copies s into out (outsz bytes), shortened to fit maxw pixels if it does not: cut at a word
 * boundary where one is close enough, else between UTF-8 characters, and ended with an ellipsis
 * ("\u2026"). Returns out. */
const char *ui_text_fit(UiDraw *d, const char *s, float size, int bold, float maxw, char *out,
                        size_t outsz);
/* The same, shortened with intent first (core_name.h): a name (title = 0) or a title (1) in its
 * fullest form that fits maxw, else its shortest form cut with an ellipsis. */
const char *ui_text_fit_short(UiDraw *d, const char *s, int title, float size, int bold, float maxw,
                              char *out, size_t outsz);

/* Draws text wrapped into width w from (x, y), lines size * 1.35 apart, at most max_lines lines
 * (the last one ends in an ellipsis if the text goes on; a word wider than the line is cut).
 * Lines break at spaces, and in Chinese between any two characters, but never before closing
 * punctuation ("，。、；：？！）」”" ...) nor after opening punctuation ("（「“" ...); a Latin word
 * inside Chinese text stays whole. Returns the height used. ui_text_wrapped_height measures
 * without drawing. The lines of the last texts wrapped are kept (by text, width, size, weight and
 * line limit), so a text wrapped every frame is measured once. */
float ui_text_wrapped(UiDraw *d, const char *text, float x, float y, float w, float size, int bold,
                      SDL_Color c, int max_lines);
float ui_text_wrapped_height(UiDraw *d, const char *text, float w, float size, int bold,
                             int max_lines);
/* The lines ui_text_wrapped would draw, each ended by '\n', into out (outsz bytes; lines that do
 * not fit are left out); returns the number of lines. For tests and for layouts that need to
 * know where the lines break. */
int ui_text_wrap_lines(UiDraw *d, const char *text, float w, float size, int bold, int max_lines,
                       char *out, size_t outsz);

/* Dims `screen` outside `box` with colour c (a modal box over the screen: the box itself is then
 * drawn opaque, so blending under it would be wasted work). */
void ui_dim_around(UiDraw *d, SDL_FRect screen, SDL_FRect box, SDL_Color c);

/* A push button: a rounded plate with a centred bold label of logical size `size`; `hot` (the
 * mouse is over it) lightens it, `on` (the button's state is on, or it is the default action)
 * fills it with the accent colour `accent` (NULL: the theme's investment colour). */
void ui_button(UiDraw *d, SDL_FRect r, const char *label, double size, int hot, int on,
               const SDL_Color *accent);

/* Colour helpers. */
SDL_Color ui_rgba(unsigned rgb, unsigned char a);
SDL_Color ui_alpha(SDL_Color c, unsigned char a);
/* Mixes c towards white (t > 0) or black (t < 0), |t| in [0, 1]. */
SDL_Color ui_shade(SDL_Color c, double t);

/* Layers: textures kept between frames for what changes only now and then (a panel of charts
 * changes with the turn, not with the frame). ui_draw_layer returns slot's texture, of w x h,
 * made or remade as needed, and sets *stale when its content does not match key (the caller
 * then redraws it); NULL if no texture can be made (draw directly then). The UiDraw owns them. */
#define UI_LAYERS 4
SDL_Texture *ui_draw_layer(UiDraw *d, int slot, int w, int h, unsigned long long key, int *stale);
/* UI_LAYER_AUX bytes kept with a layer, for what the caller must remember about its content
 * (the geometry it drew, say). NULL for a bad slot. */
#define UI_LAYER_AUX 512
void *ui_draw_layer_aux(UiDraw *d, int slot);
struct SimWorld;
/* The key of a layer that shows world w at `turn` in rectangle r at the current scale: it changes
 * when the record grows, the turn, the place or the size, or the scale changes, and between two
 * games that a world at the same address holds in turn (a loaded save: by its seed, its deals
 * and the first actor's books at that turn). */
unsigned long long ui_layer_key(const UiDraw *d, const struct SimWorld *w, int turn, SDL_FRect r);
/* Marks a layer's content as stale (after a failed redraw, say). */
void ui_draw_layer_forget(UiDraw *d, int slot);

#endif
