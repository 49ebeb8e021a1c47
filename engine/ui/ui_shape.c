/* ui_shape: the filled and stroked shapes of ui_draw.h (rectangles, circles, arcs, lines,
 * arrows, rounded rectangles) with a one-pixel soft edge, built as triangles in the UiDraw's
 * vertex buffer and flushed through SDL_RenderGeometry after each shape. The buffer belongs to
 * the UiDraw (grown here, freed by ui_draw_destroy). */
#include "ui_draw_int.h"

#include "core_mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI_F          3.14159265f
#define FEATHER       1.0f /* pixels of soft edge */
#define MAX_ARC_STEPS 512

/* ---------------------------------------------------------------------------------------------
 * Geometry: a vertex buffer flushed through SDL_RenderGeometry */

static int reserve(UiDraw *d, int nv, int ni)
{
    SDL_Vertex *v = core_grow(d->v, &d->cap_v, d->nv + nv, sizeof *v, 256);
    if (v)
        d->v = v;
    int *idx = v ? core_grow(d->idx, &d->cap_i, d->ni + ni, sizeof *idx, 512) : NULL;
    if (idx)
        d->idx = idx;
    return v && idx ? 0 : -1;
}

static int vtx(UiDraw *d, float x, float y, SDL_Color c)
{
    SDL_Vertex *v = &d->v[d->nv];
    v->position.x = x;
    v->position.y = y;
    v->color = c;
    v->tex_coord.x = v->tex_coord.y = 0.0f;
    return d->nv++;
}

static void tri(UiDraw *d, int a, int b, int c)
{
    d->idx[d->ni++] = a;
    d->idx[d->ni++] = b;
    d->idx[d->ni++] = c;
}

static void quad(UiDraw *d, int a, int b, int c, int e)
{
    tri(d, a, b, c);
    tri(d, a, c, e);
}

static void flush(UiDraw *d)
{
    if (d->ni > 0)
        SDL_RenderGeometry(d->r, NULL, d->v, d->nv, d->idx, d->ni);
    d->nv = d->ni = 0;
}

static int arc_steps(float r, float a0, float a1)
{
    float len = fabsf(a1 - a0) * (r > 1.0f ? r : 1.0f);
    int n = (int)ceilf(len / 3.0f);
    int lo = (int)ceilf(fabsf(a1 - a0) / (2.0f * PI_F) * 12.0f);
    if (n < lo)
        n = lo;
    if (n < 2)
        n = 2;
    return n > MAX_ARC_STEPS ? MAX_ARC_STEPS : n;
}

void ui_fill_rect(UiDraw *d, SDL_FRect r, SDL_Color c)
{
    SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, c.a);
    if (c.a == 255) {
        /* An opaque fill needs no blending: the plain fill skips reading every pixel back,
         * which was a third of a 1920x1080 frame (docs/performance.md). */
        SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_NONE);
        SDL_RenderFillRectF(d->r, &r);
        SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
        return;
    }
    SDL_RenderFillRectF(d->r, &r);
}

void ui_fill_circle(UiDraw *d, float cx, float cy, float r, SDL_Color c)
{
    if (!(r > 0.0f))
        return;
    int n = arc_steps(r, 0.0f, 2.0f * PI_F);
    if (reserve(d, 2 * n + 1, 9 * n) < 0)
        return;
    SDL_Color clear = ui_alpha(c, 0);
    int centre = vtx(d, cx, cy, c);
    int first = d->nv;
    for (int k = 0; k < n; k++) {
        float a = 2.0f * PI_F * (float)k / (float)n, ca = cosf(a), sa = sinf(a);
        vtx(d, cx + ca * r, cy + sa * r, c);
        vtx(d, cx + ca * (r + FEATHER), cy + sa * (r + FEATHER), clear);
    }
    for (int k = 0; k < n; k++) {
        int i0 = first + 2 * k, i1 = first + 2 * ((k + 1) % n);
        tri(d, centre, i0, i1);
        quad(d, i0, i0 + 1, i1 + 1, i1);
    }
    flush(d);
}

/* A band between radii r0 < r1 over angles a0..a1, soft on both edges. */
static void band(UiDraw *d, float cx, float cy, float r0, float r1, float a0, float a1, SDL_Color c,
                 int closed)
{
    if (r0 < 0.0f)
        r0 = 0.0f;
    int n = arc_steps(r1, a0, a1);
    int pts = closed ? n : n + 1;
    if (reserve(d, 4 * pts, 18 * pts) < 0)
        return;
    SDL_Color clear = ui_alpha(c, 0);
    int first = d->nv;
    for (int k = 0; k < pts; k++) {
        float a = a0 + (a1 - a0) * (float)k / (float)n, ca = cosf(a), sa = sinf(a);
        float fi = r0 - FEATHER > 0.0f ? r0 - FEATHER : 0.0f;
        vtx(d, cx + ca * fi, cy + sa * fi, clear);
        vtx(d, cx + ca * r0, cy + sa * r0, c);
        vtx(d, cx + ca * r1, cy + sa * r1, c);
        vtx(d, cx + ca * (r1 + FEATHER), cy + sa * (r1 + FEATHER), clear);
    }
    int segs = closed ? n : n;
    for (int k = 0; k < segs; k++) {
        int i0 = first + 4 * k, i1 = first + 4 * ((k + 1) % pts);
        for (int j = 0; j < 3; j++)
            quad(d, i0 + j, i0 + j + 1, i1 + j + 1, i1 + j);
    }
    flush(d);
}

void ui_stroke_circle(UiDraw *d, float cx, float cy, float r, float width, SDL_Color c)
{
    band(d, cx, cy, r - width / 2.0f, r + width / 2.0f, 0.0f, 2.0f * PI_F, c, 1);
}

void ui_stroke_arc(UiDraw *d, float cx, float cy, float r, float a0, float a1, float width,
                   SDL_Color c)
{
    band(d, cx, cy, r - width / 2.0f, r + width / 2.0f, a0, a1, c, 0);
}

void ui_line(UiDraw *d, float x0, float y0, float x1, float y1, float width, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 1e-3f))
        return;
    if (width < 1.0f) {
        c.a = (Uint8)(c.a * (width > 0.0f ? width : 0.0f));
        width = 1.0f;
    }
    float nx = -dy / len, ny = dx / len, h = width / 2.0f, f = h + FEATHER;
    if (reserve(d, 8, 18) < 0)
        return;
    SDL_Color clear = ui_alpha(c, 0);
    int a = d->nv;
    float off[4] = {-f, -h, h, f};
    for (int j = 0; j < 4; j++) {
        SDL_Color cc = j == 0 || j == 3 ? clear : c;
        vtx(d, x0 + nx * off[j], y0 + ny * off[j], cc);
        vtx(d, x1 + nx * off[j], y1 + ny * off[j], cc);
    }
    for (int j = 0; j < 3; j++)
        quad(d, a + 2 * j, a + 2 * j + 1, a + 2 * j + 3, a + 2 * j + 2);
    flush(d);
}

void ui_arrow(UiDraw *d, float x0, float y0, float x1, float y1, float width, float head,
              SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 1e-3f))
        return;
    float ux = dx / len, uy = dy / len;
    if (head > len)
        head = len;
    float bx = x1 - ux * head, by = y1 - uy * head;
    ui_line(d, x0, y0, bx + ux * 0.5f, by + uy * 0.5f, width, c);
    float hw = head * 0.6f > width ? head * 0.6f : width;
    if (reserve(d, 3, 3) < 0)
        return;
    int a = vtx(d, x1, y1, c);
    vtx(d, bx - uy * hw, by + ux * hw, c);
    vtx(d, bx + uy * hw, by - ux * hw, c);
    tri(d, a, a + 1, a + 2);
    flush(d);
}

/* Points around a rounded rectangle grown by `grow`, corners of radius `radius + grow`. */
static int round_rect_points(SDL_FRect r, float radius, float grow, SDL_FPoint *out, int per)
{
    float maxr = (r.w < r.h ? r.w : r.h) / 2.0f;
    if (radius > maxr)
        radius = maxr;
    if (radius < 0.0f)
        radius = 0.0f;
    float rr = radius + grow;
    if (rr < 0.0f)
        rr = 0.0f;
    float cxs[4] = {r.x + r.w - radius, r.x + radius, r.x + radius, r.x + r.w - radius};
    float cys[4] = {r.y + r.h - radius, r.y + r.h - radius, r.y + radius, r.y + radius};
    int n = 0;
    for (int c = 0; c < 4; c++) {
        for (int k = 0; k <= per; k++) {
            float a = (float)c * PI_F / 2.0f + (PI_F / 2.0f) * (float)k / (float)per;
            out[n].x = cxs[c] + cosf(a) * rr;
            out[n].y = cys[c] + sinf(a) * rr;
            n++;
        }
    }
    return n;
}

#define RR_PER 8

void ui_fill_round_rect(UiDraw *d, SDL_FRect r, float radius, SDL_Color c)
{
    if (r.w <= 0.0f || r.h <= 0.0f)
        return;
    SDL_FPoint in[4 * (RR_PER + 1)], out[4 * (RR_PER + 1)];
    int n = round_rect_points(r, radius, 0.0f, in, RR_PER);
    round_rect_points(r, radius, FEATHER, out, RR_PER);
    float rad = radius, maxr = (r.w < r.h ? r.w : r.h) / 2.0f;
    rad = rad > maxr ? maxr : rad < 0.0f ? 0.0f : rad;
    /* An opaque plate of some size: the software renderer fills triangles pixel by pixel, so
     * the body goes in as plain rectangles (overlaps cost nothing when opaque) and only the
     * corners and the soft rim as triangles; a full-size dialog was 60% of its frame. */
    int opaque = c.a == 255 && r.w * r.h > 4096.0f;
    if (reserve(d, 2 * n + 13, 9 * n + 24) < 0)
        return;
    SDL_Color clear = ui_alpha(c, 0);
    int centre = vtx(d, r.x + r.w / 2.0f, r.y + r.h / 2.0f, c);
    int corner[4];
    if (opaque) {
        float cxs[4] = {r.x + r.w - rad, r.x + rad, r.x + rad, r.x + r.w - rad};
        float cys[4] = {r.y + r.h - rad, r.y + r.h - rad, r.y + rad, r.y + rad};
        for (int q = 0; q < 4; q++)
            corner[q] = vtx(d, cxs[q], cys[q], c);
    }
    int first = d->nv;
    for (int k = 0; k < n; k++) {
        vtx(d, in[k].x, in[k].y, c);
        vtx(d, out[k].x, out[k].y, clear);
    }
    for (int k = 0; k < n; k++) {
        int i0 = first + 2 * k, i1 = first + 2 * ((k + 1) % n);
        if (!opaque) {
            tri(d, centre, i0, i1);
        } else if ((k + 1) % (RR_PER + 1) != 0) { /* within one corner's arc */
            tri(d, corner[k / (RR_PER + 1)], i0, i1);
        } else {
            /* A straight side: a strip two pixels deep along its inside, so that the rim and
             * the rectangles of the body meet without a seam whatever the rounding. */
            SDL_FPoint a = in[k], b = in[(k + 1) % n];
            float dx = a.y == b.y ? 0.0f : (a.x < r.x + r.w / 2.0f ? 2.0f : -2.0f);
            float dy = a.y == b.y ? (a.y < r.y + r.h / 2.0f ? 2.0f : -2.0f) : 0.0f;
            int s0 = vtx(d, a.x + dx, a.y + dy, c), s1 = vtx(d, b.x + dx, b.y + dy, c);
            quad(d, i0, i1, s1, s0);
        }
        quad(d, i0, i0 + 1, i1 + 1, i1);
    }
    flush(d);
    if (opaque) {
        /* The body: a band across the middle and the strips between the corners, each a pixel
         * into its neighbours so that rounding leaves no seam. */
        ui_fill_rect(d, (SDL_FRect){r.x, r.y + rad - 1.0f, r.w, r.h - 2.0f * rad + 2.0f}, c);
        ui_fill_rect(d, (SDL_FRect){r.x + rad - 1.0f, r.y, r.w - 2.0f * rad + 2.0f, rad + 1.0f}, c);
        ui_fill_rect(d,
                     (SDL_FRect){r.x + rad - 1.0f, r.y + r.h - rad - 1.0f, r.w - 2.0f * rad + 2.0f,
                                 rad + 1.0f},
                     c);
    }
}

void ui_stroke_round_rect(UiDraw *d, SDL_FRect r, float radius, float width, SDL_Color c)
{
    SDL_FPoint p[4][4 * (RR_PER + 1)];
    float h = width / 2.0f, grow[4] = {-h - FEATHER, -h, h, h + FEATHER};
    int n = 0;
    for (int j = 0; j < 4; j++)
        n = round_rect_points(r, radius, grow[j], p[j], RR_PER);
    if (reserve(d, 4 * n, 18 * n) < 0)
        return;
    SDL_Color clear = ui_alpha(c, 0);
    int first = d->nv;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < 4; j++)
            vtx(d, p[j][k].x, p[j][k].y, j == 0 || j == 3 ? clear : c);
    for (int k = 0; k < n; k++) {
        int i0 = first + 4 * k, i1 = first + 4 * ((k + 1) % n);
        for (int j = 0; j < 3; j++)
            quad(d, i0 + j, i0 + j + 1, i1 + j + 1, i1 + j);
    }
    flush(d);
}

void ui_dim_around(UiDraw *d, SDL_FRect screen, SDL_FRect box, SDL_Color c)
{
    float bx1 = box.x + box.w, by1 = box.y + box.h;
    ui_fill_rect(d, (SDL_FRect){screen.x, screen.y, screen.w, box.y - screen.y}, c);
    ui_fill_rect(d, (SDL_FRect){screen.x, by1, screen.w, screen.y + screen.h - by1}, c);
    ui_fill_rect(d, (SDL_FRect){screen.x, box.y, box.x - screen.x, box.h}, c);
    ui_fill_rect(d, (SDL_FRect){bx1, box.y, screen.x + screen.w - bx1, box.h}, c);
}
