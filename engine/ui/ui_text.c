/* ui_text: the fonts and text of ui_draw.h: opening the primary and CJK fonts, splitting a
 * string into runs of one font, the cache of rendered strings and measured sizes, fitting a
 * text to a width, wrapping, and the push button. Fonts, cached textures and kept wraps belong
 * to the UiDraw (ui_draw_destroy frees them); strings returned point into caller buffers. */
#include "ui_draw_int.h"

#include "core_break.h"
#include "core_err.h"
#include "core_mem.h"
#include "core_name.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * Fonts */

int ui_font_ok(const char *path, char *err, size_t errsz)
{
    TTF_Font *f = TTF_OpenFont(path, 16);
    if (!f)
        return core_errf(err, errsz,
                         "font %s: %s (install fonts-dejavu-core or set CLOSEDLOOP_FONT to a "
                         ".ttf file)",
                         path, TTF_GetError());
    TTF_CloseFont(f);
    return 0;
}

/* Where to look for a font with Chinese characters: DejaVu has none, and SDL_ttf 2.20 does no
 * font fallback of its own. */
static const char *const cjk_candidates[] = {
    UI_FONT_CJK_PATH,
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
};

/* Real bold faces with Chinese characters (Debian's fonts-noto-cjk). WenQuanYi has no bold, and
 * FreeType's synthetic bold fills the strokes of small ideographs in. */
static const char *const cjk_bold_candidates[] = {
    UI_FONT_CJK_BOLD_PATH,
};

/* The first of n files that opens for reading (into out), or 0 if none does. */
static int first_present(const char *const *files, size_t n, char *out, size_t outsz)
{
    for (size_t k = 0; k < n; k++) {
        FILE *f = fopen(files[k], "rb");
        if (f) {
            fclose(f);
            core_strlcpy(out, files[k], outsz);
            return 1;
        }
    }
    return 0;
}

/* Chooses the CJK fonts' files, regular and bold: $CLOSEDLOOP_CJK_FONT and
 * $CLOSEDLOOP_CJK_BOLD_FONT (with the first set, bold comes only from the second), else the first
 * candidates present. They are opened only when a string first needs them, so English-only runs
 * never pay for them. Without a bold face, bold Chinese is drawn in the regular weight. */
void ui_cjk_find(UiDraw *d)
{
    const char *env = getenv("CLOSEDLOOP_CJK_FONT"), *benv = getenv("CLOSEDLOOP_CJK_BOLD_FONT");
    d->cjk_path[0] = d->cjk_bold_path[0] = '\0';
    d->cjk_state = d->cjk_bold_state = 0;
    if (benv && *benv)
        core_strlcpy(d->cjk_bold_path, benv, sizeof d->cjk_bold_path);
    else if (!(env && *env) &&
             !first_present(cjk_bold_candidates,
                            sizeof cjk_bold_candidates / sizeof *cjk_bold_candidates,
                            d->cjk_bold_path, sizeof d->cjk_bold_path))
        d->cjk_bold_state = -1;
    if (env && *env) {
        core_strlcpy(d->cjk_path, env, sizeof d->cjk_path);
        if (!(benv && *benv))
            d->cjk_bold_state = -1;
        return;
    }
    if (!first_present(cjk_candidates, sizeof cjk_candidates / sizeof *cjk_candidates, d->cjk_path,
                       sizeof d->cjk_path))
        d->cjk_state = -1;
}

/* Said once per process: Chinese text then shows the missing-glyph box, but the game runs. */
static void cjk_warn(const UiDraw *d)
{
    static int warned;
    if (warned)
        return;
    warned = 1;
    if (d->cjk_path[0])
        fprintf(stderr,
                "closedloop: cannot open the Chinese font %s: %s (Chinese characters will show "
                "as boxes; install fonts-wqy-microhei or set CLOSEDLOOP_CJK_FONT to a .ttf/.ttc "
                "file)\n",
                d->cjk_path, TTF_GetError());
    else
        fprintf(stderr, "closedloop: no Chinese font found (Chinese characters will show as "
                        "boxes); install fonts-wqy-microhei or set CLOSEDLOOP_CJK_FONT to a "
                        ".ttf/.ttc file\n");
}

void ui_text_cache_flush(UiDraw *d)
{
    for (int k = 0; k < CACHE_CAP; k++) {
        TextEntry *e = &d->cache[k];
        if (e->s) {
            free(e->s);
            if (e->tex)
                SDL_DestroyTexture(e->tex);
        }
        memset(e, 0, sizeof *e);
    }
    d->n_cache = 0;
}

/* ---------------------------------------------------------------------------------------------
 * Text */

/* The font of (size, weight): the primary one, or the CJK fallback face when cjk is set (NULL if
 * there is none). Kept in a small pool, the least recently used closed first. */
static TTF_Font *font_slot(UiDraw *d, int size, int bold, int cjk)
{
    bold = bold ? 1 : 0;
    if (size < 4)
        size = 4;
    if (size > 400)
        size = 400;
    int oldest = 0;
    for (int k = 0; k < N_FONTS; k++) {
        FontSlot *f = &d->fonts[k];
        if (f->font && f->size == size && f->bold == bold && f->cjk == cjk) {
            f->used = ++d->tick;
            return f->font;
        }
        if (!f->font || (d->fonts[oldest].font && f->used < d->fonts[oldest].used))
            oldest = k;
    }
    TTF_Font *font = NULL;
    if (!cjk) {
        font = TTF_OpenFont(d->path[bold], size);
    } else {
        /* Bold from its own face (cjk_at asks for it only when there is one): never FreeType's
         * synthetic bold, which smears small ideographs. */
        font = bold ? TTF_OpenFontIndex(d->cjk_bold_path, size, d->cjk_bold_face)
                    : TTF_OpenFontIndex(d->cjk_path, size, d->cjk_face);
        if (!font && bold) {
            d->cjk_bold_state = -1;
            return font_slot(d, size, 0, 1);
        }
        if (!font) {
            d->cjk_state = -1;
            cjk_warn(d);
            return NULL;
        }
    }
    if (!font)
        return NULL;
    FontSlot *f = &d->fonts[oldest];
    if (f->font)
        TTF_CloseFont(f->font);
    f->font = font;
    f->size = size;
    f->bold = bold;
    f->cjk = cjk;
    f->used = ++d->tick;
    return f->font;
}

static TTF_Font *font_at(UiDraw *d, int size, int bold)
{
    return font_slot(d, size, bold, 0);
}

/* The face of the collection at path to draw Chinese with: a Simplified Chinese one if the
 * collection has several (Noto Sans CJK's first face is the Japanese one, with Japanese forms of
 * some Han characters), else 0; -1 if the file does not open as a font. */
static int cjk_pick_face(const char *path)
{
    TTF_Font *f = TTF_OpenFontIndex(path, 16, 0);
    if (!f)
        return -1;
    long faces = TTF_FontFaces(f);
    TTF_CloseFont(f);
    for (long k = 1; k < faces && k < 32; k++) {
        TTF_Font *g = TTF_OpenFontIndex(path, 16, k);
        const char *fam = g ? TTF_FontFaceFamilyName(g) : NULL;
        int sc = fam && strstr(fam, " SC") && !strstr(fam, "Mono");
        if (g)
            TTF_CloseFont(g);
        if (sc)
            return (int)k;
    }
    return 0;
}

/* The CJK fallback font at (size, weight), or NULL when there is none (said once on stderr).
 * The first call picks the face of each collection (cjk_pick_face). Bold is the bold face when
 * there is one, else the regular face at the regular weight (crisp, where synthetic bold smears:
 * the text's colour and size still set it apart). */
static TTF_Font *cjk_at(UiDraw *d, int size, int bold)
{
    if (d->cjk_state < 0) {
        cjk_warn(d);
        return NULL;
    }
    if (d->cjk_state == 0) {
        d->cjk_face = cjk_pick_face(d->cjk_path);
        if (d->cjk_face < 0) {
            d->cjk_face = 0;
            d->cjk_state = -1;
            cjk_warn(d);
            return NULL;
        }
        d->cjk_state = 1;
    }
    if (bold && d->cjk_bold_state == 0) {
        d->cjk_bold_face = cjk_pick_face(d->cjk_bold_path);
        d->cjk_bold_state = d->cjk_bold_face < 0 ? -1 : 1;
    }
    return font_slot(d, size, bold && d->cjk_bold_state > 0, 1);
}

const char *ui_draw_cjk_font(UiDraw *d)
{
    return cjk_at(d, 16, 0) ? d->cjk_path : NULL;
}

static int all_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80)
            return 0;
    return 1;
}

/* A run of text drawn with one font: bytes [off, off + len) of the string. */
typedef struct {
    size_t off, len;
    TTF_Font *font;
} TextRun;

/* The end of the run that starts at s[off] and its font: characters the primary font has (and
 * those no font has, which show its missing-glyph box) go to prim, the others to the CJK font. */
static size_t run_end(UiDraw *d, const char *s, size_t off, int px, int bold, TTF_Font *prim,
                      TTF_Font **font)
{
    TTF_Font *cur = NULL, *cjk = NULL;
    size_t k = off;
    while (s[k]) {
        size_t len = 1;
        uint32_t c = (unsigned char)s[k] < 0x80 ? (unsigned char)s[k] : core_utf8_next(s + k, &len);
        TTF_Font *f = prim;
        if (c >= 0x80 && !TTF_GlyphIsProvided32(prim, c)) {
            if (!cjk)
                cjk = cjk_at(d, px, bold);
            if (cjk && TTF_GlyphIsProvided32(cjk, c))
                f = cjk;
        }
        if (cur && f != cur)
            break;
        cur = f;
        k += len;
    }
    *font = cur ? cur : prim;
    return k;
}

/* Width of bytes [off, off + len) of s in font f (TTF_SizeUTF8 wants a terminated string). */
static int run_width(TTF_Font *f, const char *s, size_t off, size_t len)
{
    char small[256], *buf = len < sizeof small ? small : malloc(len + 1);
    int w = 0, h = 0;
    if (!buf)
        return 0;
    memcpy(buf, s + off, len);
    buf[len] = '\0';
    if (TTF_SizeUTF8(f, buf, &w, &h) < 0)
        w = 0;
    if (buf != small)
        free(buf);
    return w;
}

/* The width of s drawn in runs (see run_end) at px, and its height in *h; *one_run is set when the
 * whole string is one run of the primary font (drawn directly then, as SDL_ttf measures it). */
static int runs_width(UiDraw *d, const char *s, int px, int bold, TTF_Font *prim, int *h,
                      int *one_run)
{
    int w = 0;
    size_t off = 0, n = strlen(s);
    *one_run = 0;
    *h = TTF_FontHeight(prim);
    while (off < n) {
        TTF_Font *f;
        size_t end = run_end(d, s, off, px, bold, prim, &f);
        if (off == 0 && end == n && f == prim) {
            *one_run = 1;
            int tw = 0;
            TTF_SizeUTF8(prim, s, &tw, h);
            return tw;
        }
        w += run_width(f, s, off, end - off);
        off = end;
    }
    return w;
}

static uint32_t text_hash(const char *s, int size, int bold)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 16777619u;
    h = (h ^ (uint32_t)size) * 16777619u;
    return (h ^ (uint32_t)bold) * 16777619u;
}

/* Copies a white run rendered by SDL_ttf (ARGB8888) into the composed line at (x, y), keeping the
 * larger coverage where two runs' overhangs meet. */
static void put_run(SDL_Surface *dst, const SDL_Surface *src, int x, int y)
{
    for (int sy = 0; sy < src->h; sy++) {
        int dy = y + sy;
        if (dy < 0 || dy >= dst->h)
            continue;
        const Uint32 *in =
            (const Uint32 *)((const Uint8 *)src->pixels + (size_t)sy * (size_t)src->pitch);
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + (size_t)dy * (size_t)dst->pitch);
        for (int sx = 0; sx < src->w; sx++) {
            int dx = x + sx;
            if (dx < 0 || dx >= dst->w)
                continue;
            Uint32 a = in[sx] >> 24;
            if (a > out[dx] >> 24)
                out[dx] = (a << 24) | 0xFFFFFFu;
        }
    }
}

/* Renders s in white as runs of the primary and the CJK font on the primary font's baseline, in a
 * box of the primary font's height (the CJK faces' ideographs sit well inside it), as wide as
 * runs_width measures. NULL on failure. */
static SDL_Surface *render_runs(UiDraw *d, const char *s, int px, int bold, TTF_Font *prim)
{
    int one = 0, h = 0, w = runs_width(d, s, px, bold, prim, &h, &one);
    int base = TTF_FontAscent(prim);
    h = TTF_FontHeight(prim);
    SDL_Surface *out =
        w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (!out)
        return NULL;
    SDL_FillRect(out, NULL, 0x00FFFFFFu);
    SDL_Color white = {255, 255, 255, 255};
    size_t off = 0, n = strlen(s);
    int x = 0;
    while (off < n) {
        TTF_Font *f;
        size_t end = run_end(d, s, off, px, bold, prim, &f), len = end - off;
        char small[256], *buf = len < sizeof small ? small : malloc(len + 1);
        if (!buf)
            break;
        memcpy(buf, s + off, len);
        buf[len] = '\0';
        int rw = 0, rh = 0;
        TTF_SizeUTF8(f, buf, &rw, &rh);
        SDL_Surface *run = TTF_RenderUTF8_Blended(f, buf, white);
        if (buf != small)
            free(buf);
        if (run) {
            SDL_Surface *conv = run->format->format == SDL_PIXELFORMAT_ARGB8888
                                    ? run
                                    : SDL_ConvertSurfaceFormat(run, SDL_PIXELFORMAT_ARGB8888, 0);
            if (conv) {
                put_run(out, conv, x, base - TTF_FontAscent(f));
                if (conv != run)
                    SDL_FreeSurface(conv);
            }
            SDL_FreeSurface(run);
        }
        x += rw;
        off = end;
    }
    return out;
}

/* The cached entry for a string, rendering it (in white) on a miss; NULL on failure. */
static TextEntry *text_entry(UiDraw *d, const char *s, int size, int bold)
{
    uint32_t h = text_hash(s, size, bold);
    unsigned k = h & (CACHE_CAP - 1);
    for (;;) {
        TextEntry *e = &d->cache[k];
        if (!e->s)
            break;
        if (e->hash == h && e->size == size && e->bold == bold && strcmp(e->s, s) == 0)
            return e;
        k = (k + 1) & (CACHE_CAP - 1);
    }
    if (d->n_cache >= CACHE_MAX) {
        ui_text_cache_flush(d);
        k = h & (CACHE_CAP - 1);
    }
    TTF_Font *f = font_at(d, size, bold);
    if (!f)
        return NULL;
    SDL_Color white = {255, 255, 255, 255};
    /* English is one run of the primary font: rendered as it always was, with its kerning. */
    int one = 1, rh = 0;
    if (!all_ascii(s))
        runs_width(d, s, size, bold, f, &rh, &one);
    SDL_Surface *surf =
        one ? TTF_RenderUTF8_Blended(f, s, white) : render_runs(d, s, size, bold, f);
    if (!surf)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(d->r, surf);
    int w = surf->w, hh = surf->h;
    SDL_FreeSurface(surf);
    size_t len = strlen(s);
    char *copy = core_strndup(s, len);
    if (!tex || !copy) {
        if (tex)
            SDL_DestroyTexture(tex);
        free(copy);
        return NULL;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    TextEntry *e = &d->cache[k];
    *e = (TextEntry){copy, size, bold, h, tex, w, hh};
    d->n_cache++;
    if (d->text_log) {
        fprintf(d->text_log, "%s\n", s);
        fflush(d->text_log);
    }
    return e;
}

void ui_text_size(UiDraw *d, const char *s, float size, int bold, int *w, int *h)
{
    int tw = 0, th = 0, px = (int)lroundf(size);
    TTF_Font *f = font_at(d, px, bold);
    if (f && s && *s) {
        int one;
        if (all_ascii(s)) {
            TTF_SizeUTF8(f, s, &tw, &th);
        } else {
            unsigned long long key = 14695981039346656037ull;
            for (const unsigned char *p = (const unsigned char *)s; *p; p++)
                key = (key ^ *p) * 1099511628211ull;
            key = ((key ^ (unsigned)px) * 1099511628211ull ^ (unsigned)(bold != 0)) *
                  1099511628211ull;
            key += key == 0;
            SizeEntry *e = &d->sizes[key % SIZE_CAP];
            if (e->key == key) {
                tw = e->w;
                th = e->h;
            } else {
                tw = runs_width(d, s, px, bold, f, &th, &one);
                *e = (SizeEntry){key, tw, th};
            }
        }
    } else if (f) {
        th = TTF_FontHeight(f);
    }
    if (w)
        *w = tw;
    if (h)
        *h = th;
}

int ui_text(UiDraw *d, const char *s, float x, float y, float size, int bold, SDL_Color c,
            int align)
{
    if (!s || !*s)
        return 0;
    TextEntry *e = text_entry(d, s, (int)lroundf(size), bold ? 1 : 0);
    if (!e)
        return 0;
    float dx = (align & UI_RIGHT) ? -(float)e->w : (align & UI_CENTER) ? -(float)e->w / 2.0f : 0;
    float dy = (align & UI_BOTTOM)   ? -(float)e->h
               : (align & UI_MIDDLE) ? -(float)e->h / 2.0f
                                     : 0.0f;
    SDL_FRect dst = {roundf(x + dx), roundf(y + dy), (float)e->w, (float)e->h};
    SDL_SetTextureColorMod(e->tex, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(e->tex, c.a);
    SDL_RenderCopyF(d->r, e->tex, NULL, &dst);
    if (d->trace) {
        if (d->n_trace < d->trace_cap) {
            UiTextTrace *t = &d->trace[d->n_trace];
            memset(t, 0, sizeof *t);
            t->box = dst;
            t->plate = d->plate;
            SDL_Texture *target = SDL_GetRenderTarget(d->r);
            t->target = target;
            if (target)
                SDL_QueryTexture(target, NULL, NULL, &t->target_w, &t->target_h);
            SDL_Rect clip;
            SDL_RenderGetClipRect(d->r, &clip);
            t->clip = (SDL_FRect){(float)clip.x, (float)clip.y, (float)clip.w, (float)clip.h};
            snprintf(t->text, sizeof t->text, "%s", s);
        }
        d->n_trace++;
    }
    return e->w;
}

void ui_draw_trace(UiDraw *d, UiTextTrace *buf, int cap)
{
    d->trace = buf;
    d->trace_cap = buf ? cap : 0;
    d->n_trace = 0;
    d->plate = 0;
}

void ui_draw_plate(UiDraw *d)
{
    d->plate++;
}

int ui_draw_traced(const UiDraw *d)
{
    return d->n_trace;
}

const char *ui_text_fit(UiDraw *d, const char *s, float size, int bold, float maxw, char *out,
                        size_t outsz)
{
    static const char ell[] = "\xe2\x80\xa6";
    if (!out || outsz == 0)
        return out;
    out[0] = '\0';
    if (!s)
        return out;
    size_t n = strlen(s);
    int tw = 0;
    if (n < outsz) {
        memcpy(out, s, n + 1);
        ui_text_size(d, out, size, bold, &tw, NULL);
        if ((float)tw <= maxw)
            return out;
    }
    /* The longest prefix (at a character boundary) that fits with the ellipsis. */
    size_t best = 0, best_word = 0;
    for (size_t k = 1; k <= n; k++) {
        if (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
            continue; /* inside a UTF-8 sequence */
        if (k + sizeof ell > outsz)
            break;
        size_t keep = k;
        while (keep > 0 && s[keep - 1] == ' ')
            keep--;
        memcpy(out, s, keep);
        memcpy(out + keep, ell, sizeof ell);
        ui_text_size(d, out, size, bold, &tw, NULL);
        if ((float)tw > maxw)
            break;
        best = keep;
        if (k < n && s[k] == ' ')
            best_word = keep;
    }
    /* A whole word when that loses little. */
    if (best_word > 0 && best_word * 3 >= best * 2)
        best = best_word;
    memcpy(out, s, best);
    memcpy(out + best, ell, sizeof ell);
    return out;
}

const char *ui_text_fit_short(UiDraw *d, const char *s, int title, float size, int bold, float maxw,
                              char *out, size_t outsz)
{
    char form[512];
    for (int lv = 0; lv < CORE_NAME_LEVELS; lv++) {
        if (title)
            core_title_short(s, lv, form, sizeof form);
        else
            core_name_short(s, lv, form, sizeof form);
        int tw = 0;
        ui_text_size(d, form, size, bold, &tw, NULL);
        if ((float)tw <= maxw)
            return ui_text_fit(d, form, size, bold, maxw, out, outsz);
    }
    return ui_text_fit(d, form, size, bold, maxw, out, outsz);
}

void ui_button(UiDraw *d, SDL_FRect r, const char *label, double size, int hot, int on,
               const SDL_Color *accent)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color a = accent ? *accent : th->family[UI_FAM_EQUITY];
    SDL_Color fill = on ? ui_shade(a, -0.45) : ui_shade(th->panel, 0.12);
    if (hot)
        fill = ui_shade(fill, 0.15);
    ui_fill_round_rect(d, r, ui_px(d, 6), fill);
    ui_stroke_round_rect(d, r, ui_px(d, 6), ui_px(d, on ? 2.0 : 1.5), on ? a : th->axis);
    char fit[256];
    ui_text_fit(d, label, ui_px(d, size), 1, r.w - ui_px(d, 8), fit, sizeof fit);
    ui_text(d, fit, r.x + r.w / 2, r.y + r.h / 2, ui_px(d, size), 1, th->text,
            UI_CENTER | UI_MIDDLE);
}

/* The wrapping of ui_text_wrapped; draws only if draw is set, and puts the lines in out (outsz
 * bytes, lines ended by '\n') if it is not NULL. *n_lines: the number of lines. */
static float wrap_text(UiDraw *d, const char *text, float x, float y, float w, float size, int bold,
                       SDL_Color c, int max_lines, int draw, char *out, size_t outsz, int *n_lines)
{
    float lh = size * 1.35f, used = 0;
    const char *p = text;
    size_t out_len = 0;
    int line = 0;
    if (out && outsz > 0)
        out[0] = '\0';
    for (; *p && line < max_lines; line++) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char buf[512];
        size_t fit = 0, n = strlen(p);
        /* The longest run of whole words (or, in Chinese, characters) that fits: a binary
         * search over the places where the line may end, since a longer prefix is never
         * narrower (Chinese has one at every character; measuring each in turn was a third of
         * a frame with a Chinese feed). */
        size_t cand[sizeof buf];
        int nc = 0;
        for (size_t k = 1; k <= n && k < sizeof buf; k++)
            if (k == n || core_can_break(p, k))
                cand[nc++] = k;
        int lo = 0, hi = nc - 1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            size_t k = cand[mid];
            memcpy(buf, p, k);
            buf[k] = '\0';
            int tw = 0;
            ui_text_size(d, buf, size, bold, &tw, NULL);
            if ((float)tw > w) {
                hi = mid - 1;
            } else {
                fit = k;
                lo = mid + 1;
            }
        }
        int last = line == max_lines - 1;
        if (fit == 0 || (last && p[fit])) {
            /* A word wider than the line, or text left over for the last line: cut to fit with
             * an ellipsis (ui_text_fit cuts between characters when no space is near). */
            ui_text_fit(d, p, size, bold, w, buf, sizeof buf);
            fit = last ? n : strlen(buf);
            if (!last) {
                /* ui_text_fit ends with an ellipsis: take the characters before it. */
                size_t e = strlen(buf);
                if (e >= 3 && strcmp(buf + e - 3, "\xe2\x80\xa6") == 0)
                    e -= 3;
                buf[e] = '\0';
                fit = e > 0 ? e : 1;
            }
        } else {
            memcpy(buf, p, fit);
            buf[fit] = '\0';
        }
        if (draw)
            ui_text(d, buf, x, y + used, size, bold, c, UI_LEFT);
        size_t bl = strlen(buf);
        if (out && out_len + bl + 2 <= outsz) {
            memcpy(out + out_len, buf, bl);
            out_len += bl;
            out[out_len++] = '\n';
            out[out_len] = '\0';
        }
        used += lh;
        p += fit < n ? fit : n;
    }
    if (n_lines)
        *n_lines = line;
    return used;
}

/* The wrapping of text with these settings, from the kept ones or made now; NULL if memory runs
 * out (the caller wraps directly then). */
static const WrapEntry *wrap_kept(UiDraw *d, const char *text, float w, float size, int bold,
                                  int max_lines)
{
    uint32_t h = text_hash(text, (int)lroundf(size * 64.0f), bold);
    h = (h ^ (uint32_t)lroundf(w * 64.0f)) * 16777619u;
    h = (h ^ (uint32_t)max_lines) * 16777619u;
    WrapEntry *e = &d->wraps[h & (WRAP_CAP - 1)];
    if (e->text && e->hash == h && e->w == w && e->size == size && e->bold == bold &&
        e->max_lines == max_lines && strcmp(e->text, text) == 0)
        return e;
    free(e->text);
    free(e->lines);
    memset(e, 0, sizeof *e);
    size_t len = strlen(text), cap = 2 * len + 8; /* each line adds '\n', the last "\u2026" */
    char *t = core_strndup(text, len), *lines = malloc(cap);
    if (!t || !lines) {
        free(t);
        free(lines);
        return NULL;
    }
    int n = 0;
    wrap_text(d, text, 0, 0, w, size, bold, (SDL_Color){0, 0, 0, 0}, max_lines, 0, lines, cap, &n);
    *e = (WrapEntry){t, lines, h, w, size, bold, max_lines, n};
    return e;
}

float ui_text_wrapped(UiDraw *d, const char *text, float x, float y, float w, float size, int bold,
                      SDL_Color c, int max_lines)
{
    const WrapEntry *e = wrap_kept(d, text, w, size, bold, max_lines);
    if (!e)
        return wrap_text(d, text, x, y, w, size, bold, c, max_lines, 1, NULL, 0, NULL);
    float lh = size * 1.35f, used = 0;
    char buf[1024];
    for (const char *p = e->lines, *end; (end = strchr(p, '\n')) != NULL; p = end + 1) {
        size_t n = (size_t)(end - p) < sizeof buf - 1 ? (size_t)(end - p) : sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        ui_text(d, buf, x, y + used, size, bold, c, UI_LEFT);
        used += lh;
    }
    return used;
}

float ui_text_wrapped_height(UiDraw *d, const char *text, float w, float size, int bold,
                             int max_lines)
{
    const WrapEntry *e = wrap_kept(d, text, w, size, bold, max_lines);
    if (!e)
        return wrap_text(d, text, 0, 0, w, size, bold, (SDL_Color){0, 0, 0, 0}, max_lines, 0, NULL,
                         0, NULL);
    float lh = size * 1.35f, used = 0;
    for (int k = 0; k < e->n; k++)
        used += lh;
    return used;
}

int ui_text_wrap_lines(UiDraw *d, const char *text, float w, float size, int bold, int max_lines,
                       char *out, size_t outsz)
{
    int n = 0;
    wrap_text(d, text, 0, 0, w, size, bold, (SDL_Color){0, 0, 0, 0}, max_lines, 0, out, outsz, &n);
    return n;
}
