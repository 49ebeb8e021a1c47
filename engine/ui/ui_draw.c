/* ui_draw: the drawing context, its layers and the palette (see ui_draw.h); shapes are in
 * ui_shape.c, fonts and text in ui_text.c, the state they share in ui_draw_int.h. */
#include "ui_draw_int.h"

#include "sim_world.h"

#include "core_err.h"
#include "core_name.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * Layers */

SDL_Texture *ui_draw_layer(UiDraw *d, int slot, int w, int h, unsigned long long key, int *stale)
{
    *stale = 1;
    if (slot < 0 || slot >= UI_LAYERS || w <= 0 || h <= 0)
        return NULL;
    Layer *l = &d->layers[slot];
    if (l->t && (l->w != w || l->h != h)) {
        SDL_DestroyTexture(l->t);
        l->t = NULL;
    }
    if (!l->t) {
        l->t = SDL_CreateTexture(d->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
        if (!l->t)
            return NULL;
        l->w = w;
        l->h = h;
        l->valid = 0;
    }
    *stale = !(l->valid && l->key == key);
    l->key = key;
    l->valid = 1;
    return l->t;
}

unsigned long long ui_layer_key(const UiDraw *d, const struct SimWorld *w, int turn, SDL_FRect r)
{
    /* Where the world lives is not enough: a game loaded into a world made at the same address
     * may stand at the same turn. Its seed, its deals and the first actor's books at that turn
     * tell two games apart. */
    int t = turn < 0 ? 0 : turn > w->turn ? w->turn : turn;
    const SimSnap *s = w->n > 0 ? sim_snap(w, t, 0) : NULL;
    double mv = s ? s->market_value : 0.0, cash = s ? s->cash : 0.0;
    unsigned long long bits[2];
    memcpy(&bits[0], &mv, sizeof mv);
    memcpy(&bits[1], &cash, sizeof cash);
    unsigned long long v[12] = {(unsigned long long)(uintptr_t)w,
                                (unsigned long long)turn,
                                (unsigned long long)w->n_events,
                                (unsigned long long)r.x,
                                (unsigned long long)r.y,
                                (unsigned long long)r.w,
                                (unsigned long long)r.h,
                                (unsigned long long)(d->scale * 1000.0),
                                (unsigned long long)w->seed,
                                (unsigned long long)w->n_deals,
                                bits[0],
                                bits[1]};
    unsigned long long h = 1469598103934665603ull; /* FNV-1a over the figures */
    for (int k = 0; k < 12; k++) {
        h ^= v[k];
        h *= 1099511628211ull;
    }
    return h;
}

void *ui_draw_layer_aux(UiDraw *d, int slot)
{
    return slot >= 0 && slot < UI_LAYERS ? d->layers[slot].aux : NULL;
}

void ui_draw_layer_forget(UiDraw *d, int slot)
{
    if (slot >= 0 && slot < UI_LAYERS)
        d->layers[slot].valid = 0;
}

/* ---------------------------------------------------------------------------------------------
 * Palette */

SDL_Color ui_rgba(unsigned rgb, unsigned char a)
{
    SDL_Color c = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, a};
    return c;
}

SDL_Color ui_alpha(SDL_Color c, unsigned char a)
{
    c.a = a;
    return c;
}

SDL_Color ui_shade(SDL_Color c, double t)
{
    double target = t > 0 ? 255.0 : 0.0, k = fabs(t);
    if (k > 1.0)
        k = 1.0;
    c.r = (Uint8)lround(c.r + (target - c.r) * k);
    c.g = (Uint8)lround(c.g + (target - c.g) * k);
    c.b = (Uint8)lround(c.b + (target - c.b) * k);
    return c;
}

const UiTheme *ui_theme_dark(void)
{
    static UiTheme t;
    static int ready;
    if (!ready) {
        t.bg = ui_rgba(0x121923, 255);
        t.panel = ui_rgba(0x1F2A38, 255);
        t.grid = ui_rgba(0x2C3A4C, 255);
        t.axis = ui_rgba(0x7D8CA0, 255);
        t.text = ui_rgba(0xF1F4F8, 255);
        t.text_dim = ui_rgba(0xAEB9C7, 255);
        t.up = ui_rgba(0x3FD6A8, 255);   /* bluish green, lightened */
        t.down = ui_rgba(0xFF8A4C, 255); /* vermillion, lightened */
        t.node = ui_rgba(0x2E4057, 255);
        t.node_rim = ui_rgba(0xC9D3DF, 255);
        t.hub = ui_rgba(0x4A5F7D, 255);
        t.glow = ui_rgba(0xFFFFFF, 255);
        /* Okabe-Ito: sky blue, orange, reddish purple, yellow, bluish green, vermillion. */
        t.family[UI_FAM_EQUITY] = ui_rgba(0x56B4E9, 255);
        t.family[UI_FAM_PAYMENT] = ui_rgba(0xE69F00, 255);
        t.family[UI_FAM_REVSHARE] = ui_rgba(0xCC79A7, 255);
        t.family[UI_FAM_LOAN] = ui_rgba(0xF0E442, 255);
        t.family[UI_FAM_WARRANTS] = ui_rgba(0x009E73, 255);
        t.family[UI_FAM_BUILD] = ui_rgba(0xD55E00, 255);
        t.family[UI_FAM_RIGHTS] = ui_rgba(0x8C99A8, 255);
        /* Okabe-Ito again for chart lines (its dark blue reads badly on a dark ground): white,
         * lavender and grey for the last three. */
        static const unsigned series[9] = {0xF1F4F8, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                           0x9E8CFF, 0xD55E00, 0xCC79A7, 0x9AA5B1};
        for (int k = 0; k < 9; k++)
            t.series[k] = ui_rgba(series[k], 255);
        ready = 1;
    }
    return &t;
}

UiFamily ui_family_of_deal(SimDealKind k)
{
    return sim_kind_valid((int)k) ? (UiFamily)sim_kind(k)->family : UI_FAM_PAYMENT;
}

UiFamily ui_family_of_flow(SimFlowKind k)
{
    switch (k) {
    case SIM_FLOW_EQUITY:
    case SIM_FLOW_EQUITY_RAISE:
        return UI_FAM_EQUITY;
    case SIM_FLOW_LOAN_DRAW:
    case SIM_FLOW_LOAN_REPAY:
    case SIM_FLOW_INTEREST:
    case SIM_FLOW_GUARANTEE_CALL:
    case SIM_FLOW_CREDIT_DRAW:
    case SIM_FLOW_CREDIT_REPAY:
        return UI_FAM_LOAN;
    case SIM_FLOW_REVENUE_SHARE:
        return UI_FAM_REVSHARE;
    case SIM_FLOW_WARRANT_SALE:
        return UI_FAM_WARRANTS;
    case SIM_FLOW_JV_CONTRIBUTION:
    case SIM_FLOW_BUILD:
        return UI_FAM_BUILD;
    default:
        return UI_FAM_PAYMENT;
    }
}

const char *ui_family_name(UiFamily f)
{
    static const char *names[UI_FAM_COUNT] = {
        "investment",           "payment", "revenue share", "loan or guarantee", "warrants",
        "joint venture, build", "rights"};
    return (unsigned)f < UI_FAM_COUNT ? names[f] : "?";
}

UiDraw *ui_draw_create(SDL_Renderer *r, double scale, const char *font_path, char *err,
                       size_t errsz)
{
    if (!r) {
        core_errf(err, errsz, "ui_draw_create: no renderer");
        return NULL;
    }
    if (TTF_Init() < 0) {
        core_errf(err, errsz, "SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    UiDraw *d = calloc(1, sizeof *d);
    if (!d) {
        TTF_Quit();
        core_errf(err, errsz, "out of memory");
        return NULL;
    }
    /* Every text drawn, once, for tests that read what a window shows. */
    const char *log = getenv("CLOSEDLOOP_TEXT_LOG");
    if (log && *log)
        d->text_log = fopen(log, "a");
    const char *env = getenv("CLOSEDLOOP_FONT");
    const char *regular = font_path ? font_path : env && *env ? env : UI_FONT_REGULAR_PATH;
    const char *bold = font_path || (env && *env) ? regular : UI_FONT_BOLD_PATH;
    core_strlcpy(d->path[0], regular, sizeof d->path[0]);
    core_strlcpy(d->path[1], bold, sizeof d->path[1]);
    ui_cjk_find(d);
    d->r = r;
    d->theme = ui_theme_dark();
    ui_draw_set_scale(d, scale);
    d->cache = calloc(CACHE_CAP, sizeof *d->cache);
    if (!d->cache) {
        core_errf(err, errsz, "out of memory");
        goto fail;
    }
    if (ui_font_ok(d->path[0], err, errsz) < 0 ||
        (strcmp(d->path[0], d->path[1]) != 0 && ui_font_ok(d->path[1], err, errsz) < 0))
        goto fail;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    return d;
fail:
    ui_draw_destroy(d);
    return NULL;
}

void ui_draw_destroy(UiDraw *d)
{
    if (!d)
        return;
    for (int k = 0; k < UI_LAYERS; k++)
        if (d->layers[k].t)
            SDL_DestroyTexture(d->layers[k].t);
    if (d->text_log)
        fclose(d->text_log);
    if (d->cache) {
        ui_text_cache_flush(d);
        free(d->cache);
    }
    for (int k = 0; k < WRAP_CAP; k++) {
        free(d->wraps[k].text);
        free(d->wraps[k].lines);
    }
    for (int k = 0; k < N_FONTS; k++)
        if (d->fonts[k].font)
            TTF_CloseFont(d->fonts[k].font);
    free(d->v);
    free(d->idx);
    free(d);
    TTF_Quit();
}

SDL_Renderer *ui_draw_renderer(const UiDraw *d)
{
    return d->r;
}

double ui_draw_scale(const UiDraw *d)
{
    return d->scale;
}

void ui_draw_set_scale(UiDraw *d, double scale)
{
    d->scale = isfinite(scale) && scale > 0.1 ? (scale < 8.0 ? scale : 8.0) : 1.0;
}

const UiTheme *ui_draw_theme(const UiDraw *d)
{
    return d->theme;
}

float ui_px(const UiDraw *d, double v)
{
    return (float)(v * d->scale);
}

int ui_draw_cached(const UiDraw *d)
{
    return d->n_cache;
}

void ui_clip(UiDraw *d, const SDL_FRect *r)
{
    if (!r) {
        SDL_RenderSetClipRect(d->r, NULL);
        return;
    }
    SDL_Rect c = {(int)floorf(r->x), (int)floorf(r->y), (int)ceilf(r->w), (int)ceilf(r->h)};
    SDL_RenderSetClipRect(d->r, &c);
}

SDL_FRect ui_fill_window(UiDraw *d, int width, int height)
{
    SDL_FRect r = {0, 0, (float)width, (float)height};
    ui_clip(d, &r);
    ui_fill_rect(d, r, ui_draw_theme(d)->bg);
    return r;
}

void ui_clear(UiDraw *d, SDL_Color c)
{
    SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, c.a);
    SDL_RenderClear(d->r);
}
