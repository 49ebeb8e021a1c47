/* ui_place: label placement (see ui_place.h). */
#include "ui_place.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI_F     3.14159265f
#define N_DIRS   24
#define N_NEAR   3 /* distances tried with every size before the far ones */
#define N_DIST   10
#define N_TRIES  16 /* orders tried: the labels left out of one go first in the next */
#define FAR_FROM 2  /* from this distance on, the label is drawn with a leader line */
#define HARD     1e6f

int ui_place_boxes_meet(SDL_FRect a, SDL_FRect b)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

int ui_place_disc_meets(SDL_FRect r, float cx, float cy, float rad)
{
    float nx = fmaxf(r.x, fminf(cx, r.x + r.w)), ny = fmaxf(r.y, fminf(cy, r.y + r.h));
    return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < rad * rad;
}

/* Liang-Barsky. */
int ui_place_clip_segment(SDL_FRect r, float *x0, float *y0, float *x1, float *y1)
{
    float dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0.0f, t1 = 1.0f;
    float p[4] = {-dx, dx, -dy, dy};
    float q[4] = {*x0 - r.x, r.x + r.w - *x0, *y0 - r.y, r.y + r.h - *y0};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0.0f) {
            if (q[k] < 0.0f)
                return 0;
            continue;
        }
        float t = q[k] / p[k];
        if (p[k] < 0.0f) {
            if (t > t1)
                return 0;
            if (t > t0)
                t0 = t;
        } else {
            if (t < t0)
                return 0;
            if (t < t1)
                t1 = t;
        }
    }
    float ox = *x0, oy = *y0;
    *x0 = ox + t0 * dx;
    *y0 = oy + t0 * dy;
    *x1 = ox + t1 * dx;
    *y1 = oy + t1 * dy;
    return 1;
}

/* The segment clipped to the box grown by the half-width: something left means they meet. */
int ui_place_seg_meets(SDL_FRect r0, float x0, float y0, float x1, float y1, float half)
{
    SDL_FRect r = {r0.x - half, r0.y - half, r0.w + 2 * half, r0.h + 2 * half};
    return ui_place_clip_segment(r, &x0, &y0, &x1, &y1);
}

/* The area two boxes share once a is grown by margin (0 if apart). */
static float shared(SDL_FRect a, SDL_FRect b, float margin)
{
    if (a.w <= 0 || b.w <= 0)
        return 0.0f;
    float w = fminf(a.x + a.w + margin, b.x + b.w) - fmaxf(a.x - margin, b.x);
    float h = fminf(a.y + a.h + margin, b.y + b.h) - fmaxf(a.y - margin, b.y);
    return w > 0 && h > 0 ? 1.0f + w * h : 0.0f;
}

/* The part of the view a label may use: the view less `share` of the margin on every side, so
 * that no label touches the window's (or the map's) edge at any size (the whole view if it is
 * too small). */
static SDL_FRect inner_view(const UiPlaceScene *s, float share)
{
    SDL_FRect v = s->view;
    float m = s->margin * share;
    if (m > 0.0f && v.w > 4.0f * m && v.h > 4.0f * m)
        v = (SDL_FRect){v.x + m, v.y + m, v.w - 2.0f * m, v.h - 2.0f * m};
    return v;
}

/* What box r would cover: HARD plus the overlap for what it must never cover (the view's edge
 * and its margin, discs, boxes placed or fixed), else 1 for each segment crossing it; 0 if
 * clear. */
static float cost(const UiPlaceScene *s, const SDL_FRect *v, const UiPlaceOut *placed, int n_placed,
                  SDL_FRect r, int edges_ok)
{
    float hard = 0.0f;
    if (r.x < v->x || r.y < v->y || r.x + r.w > v->x + v->w || r.y + r.h > v->y + v->h) {
        float iw = fminf(r.x + r.w, v->x + v->w) - fmaxf(r.x, v->x);
        float ih = fminf(r.y + r.h, v->y + v->h) - fmaxf(r.y, v->y);
        hard += 1.0f + r.w * r.h - fmaxf(iw, 0.0f) * fmaxf(ih, 0.0f);
    }
    for (int j = 0; j < s->n_discs; j++) {
        const UiPlaceDisc *c = &s->discs[j];
        float rr = c->r + s->margin;
        if (ui_place_disc_meets(r, c->x, c->y, rr))
            hard += shared(r, (SDL_FRect){c->x - rr, c->y - rr, 2 * rr, 2 * rr}, 0.0f) + 1.0f;
    }
    for (int j = 0; j < n_placed; j++)
        hard += shared(r, placed[j].box, s->margin);
    for (int j = 0; j < s->n_fixed; j++)
        hard += shared(r, s->fixed[j], s->margin);
    if (hard > 0.0f)
        return HARD + hard;
    if (edges_ok)
        return 0.0f;
    float soft = 0.0f;
    for (int k = 0; k < s->n_segs; k++) {
        const UiPlaceSeg *e = &s->segs[k];
        if (ui_place_seg_meets(r, e->x0, e->y0, e->x1, e->y1, e->half + s->margin))
            soft += 1.0f;
    }
    return soft;
}

/* The candidate box of size (w, h) in direction step j at distance ring from disc c. */
static SDL_FRect candidate(const UiPlaceScene *s, const UiPlaceDisc *c, float pref, int j, int ring,
                           float w, float h)
{
    int step = (j + 1) / 2 * (j % 2 ? 1 : -1);
    float a = pref + (float)step * 2.0f * PI_F / N_DIRS, ux = cosf(a), uy = sinf(a);
    /* The distance from the centre at which the box's nearest point is `gap` off the rim. */
    float ext = fabsf(ux) * w / 2.0f + fabsf(uy) * h / 2.0f;
    float dist = c->r + s->gap + ext + (float)ring * (h * 0.5f + s->gap);
    return (SDL_FRect){c->x + ux * dist - w / 2.0f, c->y + uy * dist - h / 2.0f, w, h};
}

/* One greedy pass in the order given: out[k] for labels[order[k]]. */
static int place_once(const UiPlaceScene *s, const UiPlaceLabel *labels, const int *order, int n,
                      UiPlaceOut *out)
{
    int shown = 0;
    for (int i = 0; i < n; i++) {
        const UiPlaceLabel *l = &labels[order[i]];
        UiPlaceOut *o = &out[i];
        memset(o, 0, sizeof *o);
        o->size = -1;
        if (l->disc < 0 || l->disc >= s->n_discs || l->n_sizes < 1)
            continue;
        const UiPlaceDisc *c = &s->discs[l->disc];
        int n_sizes = l->n_sizes < UI_PLACE_SIZES ? l->n_sizes : UI_PLACE_SIZES;
        float best_cost = -1.0f;
        SDL_FRect best = {0, 0, 0, 0};
        int best_ring = 0, found = 0;
        /* Near places with every size, then far ones; the first clear one wins. Off the view's
         * edge by the margin; a label that has no such place (a crowded map) by half of it. */
        SDL_FRect views[2] = {inner_view(s, 1.0f), inner_view(s, 0.5f)};
        for (int pass = 0; pass < 2 && !found; pass++)
            for (int band = 0; band < (l->near ? 1 : 2) && !found; band++) {
                int r0 = band ? N_NEAR : 0, r1 = band ? N_DIST : N_NEAR;
                for (int z = 0; z < n_sizes && !found; z++)
                    for (int ring = r0; ring < r1 && !found; ring++)
                        for (int j = 0; j < N_DIRS && !found; j++) {
                            SDL_FRect r = candidate(s, c, l->pref, j, ring, l->w[z], l->h[z]);
                            float k = cost(s, &views[pass], out, i, r, l->edges_ok);
                            if (k == 0.0f) {
                                o->box = r;
                                o->size = z;
                                o->clear = 1;
                                o->far = ring >= FAR_FROM;
                                found = 1;
                            } else if (l->must && pass == 0 && z == n_sizes - 1 &&
                                       (best_cost < 0.0f || k < best_cost)) {
                                best = r;
                                best_cost = k;
                                best_ring = ring;
                            }
                        }
            }
        if (!found && l->must) {
            /* Least covered, kept inside the view and off its edge. */
            SDL_FRect v = inner_view(s, 1.0f);
            best.x = fmaxf(v.x, fminf(best.x, v.x + v.w - best.w));
            best.y = fmaxf(v.y, fminf(best.y, v.y + v.h - best.h));
            o->box = best;
            o->size = n_sizes - 1;
            o->far = best_ring >= FAR_FROM;
            found = 1;
        }
        shown += found;
    }
    return shown;
}

int ui_place_labels(const UiPlaceScene *s, const UiPlaceLabel *labels, int n, UiPlaceOut *out)
{
    int *order = malloc((size_t)(n > 0 ? n : 1) * sizeof *order);
    int *next = malloc((size_t)(n > 0 ? n : 1) * sizeof *next);
    UiPlaceOut *tmp = malloc((size_t)(n > 0 ? n : 1) * sizeof *tmp);
    if (!order || !next || !tmp) {
        /* Out of memory: nothing shown (the tooltips still name every node). */
        free(order), free(next), free(tmp);
        memset(out, 0, (size_t)(n > 0 ? n : 0) * sizeof *out);
        for (int i = 0; i < n; i++)
            out[i].size = -1;
        return 0;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    int best = -1;
    for (int t = 0; t < N_TRIES; t++) {
        int shown = place_once(s, labels, order, n, tmp);
        if (shown > best) {
            best = shown;
            for (int k = 0; k < n; k++)
                out[order[k]] = tmp[k];
        }
        if (shown == n)
            break;
        /* Next: what must show, then what was left out, then the rest, each in its order. */
        int m = 0;
        for (int pass = 0; pass < 3; pass++)
            for (int k = 0; k < n; k++) {
                int must = labels[order[k]].must, left = tmp[k].box.w <= 0;
                if ((pass == 0 && must) || (pass == 1 && !must && left) ||
                    (pass == 2 && !must && !left))
                    next[m++] = order[k];
            }
        memcpy(order, next, (size_t)n * sizeof *order);
    }
    free(order), free(next), free(tmp);
    return best;
}
