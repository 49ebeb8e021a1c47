/* ui_png: headless rendering into surfaces and PNG files (see ui_png.h). */
#include "ui_png.h"

#include "ui_takeaway.h"

#include "core_err.h"
#include "ui_draw.h"
#include "ui_fmt.h"
#include "ui_scene.h"

#include <SDL_image.h>
#include <stdio.h>

#define MAX_SIDE 16384

SDL_Surface *ui_png_surface(int width, int height, char *err, size_t errsz)
{
    if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE) {
        char w[16], h[16], m[16], msg[256];
        snprintf(w, sizeof w, "%d", width);
        snprintf(h, sizeof h, "%d", height);
        snprintf(m, sizeof m, "%d", MAX_SIDE);
        core_errf(err, errsz, "%s", ui_trf(msg, sizeof msg, "report.err.size", w, h, m, NULL));
        return NULL;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        char w[16], h[16], msg[512];
        snprintf(w, sizeof w, "%d", width);
        snprintf(h, sizeof h, "%d", height);
        core_errf(err, errsz, "%s",
                  ui_trf(msg, sizeof msg, "report.err.surface", w, h, SDL_GetError(), NULL));
    }
    return s;
}

/* A software renderer and a drawing context over dst, cleared to the theme's background. */
static UiDraw *begin(SDL_Surface *dst, double scale, SDL_Renderer **r, char *err, size_t errsz)
{
    *r = SDL_CreateSoftwareRenderer(dst);
    if (!*r) {
        char msg[512];
        core_errf(err, errsz, "%s",
                  ui_trf(msg, sizeof msg, "report.err.renderer", SDL_GetError(), NULL));
        return NULL;
    }
    UiDraw *d = ui_draw_create(*r, scale, NULL, err, errsz);
    if (!d) {
        SDL_DestroyRenderer(*r);
        return NULL;
    }
    ui_clear(d, ui_draw_theme(d)->bg);
    return d;
}

static void end(UiDraw *d, SDL_Renderer *r)
{
    SDL_RenderFlush(r);
    SDL_RenderPresent(r);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
}

int ui_render_map(SDL_Surface *dst, const SimWorld *w, int turn, double scale, double phase,
                  UiMap *map, char *err, size_t errsz)
{
    SDL_Renderer *r;
    UiDraw *d = begin(dst, scale, &r, err, errsz);
    if (!d)
        return -1;
    UiMap *own = map ? map : ui_map_create(err, errsz);
    int rc = -1;
    if (own) {
        SDL_FRect area = {0, 0, (float)dst->w, (float)dst->h};
        rc = ui_scene_map(d, own, area, w, turn, phase, err, errsz);
    }
    end(d, r);
    if (own != map)
        ui_map_destroy(own);
    return rc;
}

int ui_render_charts(SDL_Surface *dst, const SimWorld *w, int turn, double scale,
                     UiChartGeom geom[UI_N_CHARTS], char *err, size_t errsz)
{
    SDL_Renderer *r;
    UiDraw *d = begin(dst, scale, &r, err, errsz);
    if (!d)
        return -1;
    SDL_FRect area = {0, 0, (float)dst->w, (float)dst->h};
    ui_scene_charts(d, area, w, turn, geom);
    end(d, r);
    return 0;
}

int ui_render_debrief(SDL_Surface *dst, const SimWorld *w, double scale, UiDebriefGeom *g,
                      char *err, size_t errsz)
{
    SDL_Renderer *r;
    UiDraw *d = begin(dst, scale, &r, err, errsz);
    if (!d)
        return -1;
    ui_debrief_draw(d, dst->w, dst->h, w, NULL, g);
    end(d, r);
    return 0;
}

static int save(SDL_Surface *s, const char *path, char *err, size_t errsz)
{
    if (IMG_SavePNG(s, path) != 0) {
        char msg[1024];
        return core_errf(err, errsz, "%s",
                         ui_trf(msg, sizeof msg, "report.err.png", path, IMG_GetError(), NULL));
    }
    return 0;
}

int ui_png_write_map(const SimWorld *w, int turn, int width, int height, double scale,
                     const char *path, char *err, size_t errsz)
{
    SDL_Surface *s = ui_png_surface(width, height, err, errsz);
    if (!s)
        return -1;
    int rc = ui_render_map(s, w, turn, scale, 0.35, NULL, err, errsz);
    if (rc == 0)
        rc = save(s, path, err, errsz);
    SDL_FreeSurface(s);
    return rc;
}

int ui_png_write_charts(const SimWorld *w, int turn, int width, int height, double scale,
                        const char *path, char *err, size_t errsz)
{
    SDL_Surface *s = ui_png_surface(width, height, err, errsz);
    if (!s)
        return -1;
    int rc = ui_render_charts(s, w, turn, scale, NULL, err, errsz);
    if (rc == 0)
        rc = save(s, path, err, errsz);
    SDL_FreeSurface(s);
    return rc;
}

int ui_png_write_debrief(const SimWorld *w, int width, int height, double scale, const char *path,
                         char *err, size_t errsz)
{
    SDL_Surface *s = ui_png_surface(width, height, err, errsz);
    if (!s)
        return -1;
    int rc = ui_render_debrief(s, w, scale, NULL, err, errsz);
    if (rc == 0)
        rc = save(s, path, err, errsz);
    SDL_FreeSurface(s);
    return rc;
}

/* What a screen drawn by a callback needs: the world and the screen's own inputs. */
typedef struct {
    const SimWorld *w;
    const UiDebriefWorlds *worlds;
    const char *const *questions;
    int n_questions;
} Screen;

typedef void (*DrawScreen)(UiDraw *d, int width, int height, const Screen *sc);

/* A new surface of width x height, drawn by draw and saved as the PNG path. */
static int write_screen(int width, int height, double scale, DrawScreen draw, const Screen *sc,
                        const char *path, char *err, size_t errsz)
{
    SDL_Surface *s = ui_png_surface(width, height, err, errsz);
    if (!s)
        return -1;
    SDL_Renderer *r;
    UiDraw *d = begin(s, scale, &r, err, errsz);
    int rc = -1;
    if (d) {
        draw(d, width, height, sc);
        end(d, r);
        rc = save(s, path, err, errsz);
    }
    SDL_FreeSurface(s);
    return rc;
}

static void draw_debrief_worlds(UiDraw *d, int width, int height, const Screen *sc)
{
    ui_debrief_draw_worlds(d, width, height, sc->w, NULL, sc->worlds, NULL);
}

static void draw_takeaway(UiDraw *d, int width, int height, const Screen *sc)
{
    ui_takeaway_draw(d, width, height, sc->w, sc->questions, sc->n_questions, NULL, NULL);
}

int ui_png_write_debrief_worlds(const SimWorld *w, const UiDebriefWorlds *worlds, int width,
                                int height, double scale, const char *path, char *err, size_t errsz)
{
    Screen sc = {w, worlds, NULL, 0};
    return write_screen(width, height, scale, draw_debrief_worlds, &sc, path, err, errsz);
}

int ui_png_write_takeaway(const SimWorld *w, int width, int height, double scale,
                          const char *const *questions, int n_questions, const char *path,
                          char *err, size_t errsz)
{
    Screen sc = {w, NULL, questions, n_questions};
    return write_screen(width, height, scale, draw_takeaway, &sc, path, err, errsz);
}
