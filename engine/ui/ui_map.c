/* ui_map: the flow map (see ui_map.h). */
#include "ui_map.h"

#include "core_err.h"
#include "core_name.h"
#include "core_text.h"
#include "sim_cascade.h"
#include "ui_chart.h"
#include "ui_desk.h"
#include "ui_fmt.h"
#include "ui_place.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI_D  3.14159265358979323846
#define PI_F_ 3.14159265f

/* Logical sizes (times scale). */
#define NAME_PT           22.0
#define VALUE_PT          19.0
#define BADGE_PT          17.0
#define TAG_PT            16.0
#define R_MIN             24.0
#define R_MAX             96.0
#define LABEL_PAD         8.0
#define STUB_LEN          70.0
#define MAX_PART          24
#define NAME_BYTES        96 /* a name on a plate, in its chosen form */
#define UI_MAP_MAX_BADGES 64
#define MARK_FAR          1     /* the plate is set away from its node: a leader line to it */
#define MARK_BARE         2     /* the plate has the name alone (the value is on hover) */
#define RING_ONE          12    /* more firms than this around the hub: a crowded ring */
#define RING_TWO          24    /* more than this: two rings */
#define INNER_RING        0.58f /* the inner ring's size, a share of the outer's */

struct UiMap {
    const SimWorld *w;
    int turn;
    int laid_out;    /* the layout below is complete and matches w, turn, view, scale */
    int seen_events; /* w->n_events then: the record only grows, so this tells a new turn */
    int seen_deals;
    SDL_FRect view;
    double scale;
    float cx, cy;
    UiMapNode *nodes;
    int n, cap_n;
    UiMapEdge *edges;
    int n_edges, cap_edges;
    char (*names)[NAME_BYTES]; /* each plate's name as drawn (the form that found a place) */
    unsigned char *marks;      /* MARK_* flags of each plate */
};

UiMap *ui_map_create(char *err, size_t errsz)
{
    UiMap *m = calloc(1, sizeof *m);
    if (!m)
        core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
    return m;
}

void ui_map_destroy(UiMap *m)
{
    if (!m)
        return;
    free(m->nodes);
    free(m->edges);
    free(m->names);
    free(m->marks);
    free(m);
}

int ui_map_turn(const UiMap *m)
{
    return m->turn;
}

int ui_map_node_count(const UiMap *m)
{
    return m->n;
}

const UiMapNode *ui_map_node(const UiMap *m, int i)
{
    return i >= 0 && i < m->n ? &m->nodes[i] : NULL;
}

int ui_map_edge_count(const UiMap *m)
{
    return m->n_edges;
}

const UiMapEdge *ui_map_edge(const UiMap *m, int k)
{
    return k >= 0 && k < m->n_edges ? &m->edges[k] : NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Layout */

static const SimWorld *sort_world;

/* Larger at the start of the game first, then by id. */
static int cmp_size(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    double x = sim_snap(sort_world, 0, i)->market_value,
           y = sim_snap(sort_world, 0, j)->market_value;
    if (x != y)
        return x > y ? -1 : 1;
    return strcmp(sort_world->sc->actors[i].id, sort_world->sc->actors[j].id);
}

/* Ring order: giants before outside players, then by id. */
static int cmp_ring(const void *a, const void *b)
{
    const SimActorSpec *x = &sort_world->sc->actors[*(const int *)a];
    const SimActorSpec *y = &sort_world->sc->actors[*(const int *)b];
    if (x->role != y->role)
        return (int)x->role - (int)y->role;
    return strcmp(x->id, y->id);
}

/* Is deal d bound (announced or paying) at snapshot t? The month on show is t - 1. */
static int deal_live_at(const SimDeal *d, int t)
{
    int month = t - 1 < 0 ? 0 : t - 1;
    if (d->start_turn < 0 || d->decided_turn < 0 || d->decided_turn > month)
        return 0;
    return d->end_turn < 0 || d->end_turn > month;
}

/* Did deal d default on or before the month on show? */
static int deal_broken_at(const SimDeal *d, int t)
{
    return d->status == SIM_DS_DEFAULTED && d->end_turn >= 0 && d->end_turn <= t - 1;
}

static int deal_paying_at(const SimDeal *d, int t)
{
    int month = t - 1;
    return deal_live_at(d, t) && !(sim_kind(d->t.kind)->flags & SIM_KF_RIGHT) &&
           d->start_turn <= month && month < d->start_turn + sim_deal_span(&d->t);
}

/* $B a month that the deal moves from payer to payee, as the map weighs it. */
static double deal_monthly(const SimWorld *w, const SimDeal *d, int t)
{
    const SimTerms *x = &d->t;
    int months = x->months > 0 ? x->months : 1;
    const SimKindInfo *ki = sim_kind(x->kind);
    if (ki->flags & SIM_KF_RIGHT)
        return 0.0; /* a right moves no money worth drawing */
    /* What the payer commits, by the month, at the month's revenue and price. */
    switch (ki->commits) {
    case SIM_VALUE_REVENUE:
        return x->rate * sim_snap(w, t, x->payer)->revenue / 12.0;
    case SIM_VALUE_SHARES:
        return x->shares * sim_snap(w, t, x->payer)->price / months;
    case SIM_VALUE_PAYER_PART:
        return x->amount * x->rate / months;
    case SIM_VALUE_UNFUNDED:
        return x->amount * (1.0 - x->rate2) / months;
    case SIM_VALUE_NONE:
    case SIM_VALUE_COUNT:
        return 0.0;
    case SIM_VALUE_AMOUNT:
        break;
    }
    return x->amount / months;
}

static int edge_of(UiMap *m, int from, int to, UiFamily fam, int broken)
{
    for (int k = 0; k < m->n_edges; k++)
        if (m->edges[k].from == from && m->edges[k].to == to && m->edges[k].family == fam &&
            m->edges[k].broken == broken)
            return k;
    if (m->n_edges == m->cap_edges) {
        int cap = m->cap_edges ? 2 * m->cap_edges : 32;
        UiMapEdge *e = realloc(m->edges, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        m->edges = e;
        m->cap_edges = cap;
    }
    UiMapEdge *e = &m->edges[m->n_edges];
    memset(e, 0, sizeof *e);
    e->from = from;
    e->to = to;
    e->family = fam;
    e->broken = broken;
    return m->n_edges++;
}

static float edge_width(double monthly, double scale)
{
    double w = 2.0 + 2.0 * sqrt(monthly > 0 ? monthly : 0.0);
    if (w > 16.0)
        w = 16.0;
    return (float)(w * scale);
}

/* Both ends of the lane of edge e (offset `off` to the left of the unordered pair lo->hi). */
static void place_edge(UiMap *m, UiMapEdge *e, float off)
{
    const UiMapNode *a = &m->nodes[e->from];
    if (e->to == SIM_WORLD) {
        /* A stub outwards, turned aside from the label, to the builders outside the map. */
        double ang = a->slot == 0 ? -PI_D / 2.0 : a->angle + 0.6;
        float ux = (float)cos(ang), uy = (float)sin(ang);
        e->x0 = a->x + ux * a->r;
        e->y0 = a->y + uy * a->r;
        e->x1 = a->x + ux * (a->r + (float)(STUB_LEN * m->scale));
        e->y1 = a->y + uy * (a->r + (float)(STUB_LEN * m->scale));
        return;
    }
    const UiMapNode *b = &m->nodes[e->to];
    int lo = e->from < e->to ? e->from : e->to, hi = e->from < e->to ? e->to : e->from;
    const UiMapNode *p = &m->nodes[lo], *q = &m->nodes[hi];
    float dx = q->x - p->x, dy = q->y - p->y, len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-3f)
        len = 1e-3f;
    float ux = dx / len, uy = dy / len, nx = -uy, ny = ux;
    /* Lanes stay inside both circles' rims: pull the offset in for small nodes. */
    float lim = (a->r < b->r ? a->r : b->r) * 0.8f;
    if (off > lim)
        off = lim;
    if (off < -lim)
        off = -lim;
    float ia = sqrtf(fmaxf(a->r * a->r - off * off, 0.0f));
    float ib = sqrtf(fmaxf(b->r * b->r - off * off, 0.0f));
    float sgn = e->from == lo ? 1.0f : -1.0f; /* direction from payer to payee along u */
    e->x0 = a->x + sgn * ux * ia + nx * off;
    e->y0 = a->y + sgn * uy * ia + ny * off;
    e->x1 = b->x - sgn * ux * ib + nx * off;
    e->y1 = b->y - sgn * uy * ib + ny * off;
}

static int cmp_lane(const void *a, const void *b, const UiMapEdge *edges)
{
    const UiMapEdge *x = &edges[*(const int *)a], *y = &edges[*(const int *)b];
    if (x->from != y->from)
        return x->from - y->from;
    if (x->broken != y->broken)
        return x->broken - y->broken;
    return (int)x->family - (int)y->family;
}

static const UiMapEdge *lane_edges;
static int cmp_lane_q(const void *a, const void *b)
{
    return cmp_lane(a, b, lane_edges);
}

/* Room for w's nodes in m, cleared; 0, or -1 with err. */
static int reserve_nodes(UiMap *m, const SimWorld *w, char *err, size_t errsz)
{
    if (w->n > m->cap_n) {
        UiMapNode *nn = realloc(m->nodes, (size_t)w->n * sizeof *nn);
        if (!nn)
            return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
        m->nodes = nn;
        char(*names)[NAME_BYTES] = realloc(m->names, (size_t)w->n * sizeof *names);
        if (names)
            m->names = names;
        unsigned char *marks = realloc(m->marks, (size_t)w->n);
        if (marks)
            m->marks = marks;
        if (!names || !marks)
            return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
        m->cap_n = w->n;
    }
    m->n = w->n;
    memset(m->nodes, 0, (size_t)m->n * sizeof *m->nodes);
    return 0;
}

/* Radii of the nodes: the largest and smallest, and the hub's, and the value that gets the largest.
 */
typedef struct {
    float rmax, rmin, hub_rmax;
    double ref;
} Radii;

/* The nodes' places: the hub in the middle, the others on one ellipse or, past RING_TWO firms,
 * two; and the radii that keep neighbours apart. 0, or -1 with err. */
static int place_nodes(UiMap *m, const SimWorld *w, int turn, SDL_FRect view, double scale,
                       Radii *rd, char *err, size_t errsz)
{
    int hub = w->sc->hub;
    /* Sizes: the largest market value seen up to this turn gets the largest radius. */
    double ref = 1.0;
    for (int t = 0; t <= turn; t++)
        for (int i = 0; i < w->n; i++)
            if (sim_snap(w, t, i)->market_value > ref)
                ref = sim_snap(w, t, i)->market_value;
    float half = (view.w < view.h ? view.w : view.h) / 2.0f;
    float rmax = (float)(R_MAX * scale), rmin = (float)(R_MIN * scale);
    if (rmax > half * 0.2f)
        rmax = half * 0.2f;
    if (rmin > rmax * 0.5f)
        rmin = rmax * 0.5f;

    /* The ellipse leaves room for the biggest node and its label outside it. */
    m->cx = view.x + view.w / 2.0f;
    m->cy = view.y + view.h / 2.0f;
    float label_h = (float)((NAME_PT + VALUE_PT + 2.0 * LABEL_PAD + 10.0) * scale);
    float label_w = (float)(200.0 * scale);
    int n_ring = w->n - 1;
    /* A crowded ring (more than RING_ONE firms) spreads to the whole view: its labels go to the
     * sides, stacked, and to two rows above and below (ui_place). */
    int crowded = n_ring > RING_ONE;
    float ring_r = rmax; /* the largest ring node; a crowded ring's are smaller (below) */
    if (crowded) {
        float ex = view.w / 2.0f - label_w, ey = view.h / 2.0f - label_h;
        float est = PI_F_ * (ex + ey) / (float)(n_ring > RING_TWO ? (n_ring + 1) / 2 : n_ring);
        ring_r = fminf(rmax, 0.42f * est);
        label_w = fmaxf(view.w * 0.17f, (float)(120.0 * scale)) + (float)(2 * LABEL_PAD * scale);
    }
    float ry = view.h / 2.0f - ring_r - label_h * (crowded ? 1.1f : 1.0f);
    float rx = view.w / 2.0f - ring_r - label_w;
    if (ry < half * 0.3f)
        ry = half * 0.3f;
    if (rx < ry)
        rx = ry;
    if (rx > (crowded ? 3.0f : 2.3f) * ry)
        rx = (crowded ? 3.0f : 2.3f) * ry;

    int *order = malloc((size_t)w->n * sizeof *order);
    if (!order)
        return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
    n_ring = 0;
    for (int i = 0; i < w->n; i++)
        if (i != hub)
            order[n_ring++] = i;
    sort_world = w;
    /* Past RING_TWO firms, an inner ring: the largest at the start (so that the rings do not
     * change from month to month) keep the outer ring, where labels have room. */
    int n_outer = n_ring;
    if (n_ring > RING_TWO) {
        qsort(order, (size_t)n_ring, sizeof *order, cmp_size);
        n_outer = (n_ring + 1) / 2;
        qsort(order + n_outer, (size_t)(n_ring - n_outer), sizeof *order, cmp_ring);
    }
    qsort(order, (size_t)n_outer, sizeof *order, cmp_ring);
    for (int s = 0; s < n_ring; s++) {
        UiMapNode *nd = &m->nodes[order[s]];
        int outer = s < n_outer, k = outer ? s : s - n_outer,
            nk = outer ? n_outer : n_ring - n_outer;
        /* The inner ring half a slot round from the outer, so that spokes pass between. */
        double a = -PI_D / 2.0 + 2.0 * PI_D * (k + (outer ? 0.5 : 0.0)) / nk;
        float f = outer ? 1.0f : INNER_RING;
        nd->slot = s + 1;
        nd->angle = (float)a;
        nd->x = m->cx + f * rx * (float)cos(a);
        nd->y = m->cy + f * ry * (float)sin(a);
    }
    free(order);
    /* No two nodes of a ring touch: radii capped at a share of the distance between
     * neighbours (an ellipse's perimeter, Ramanujan's approximation). */
    float perim = PI_F_ * (3.0f * (rx + ry) - sqrtf((3.0f * rx + ry) * (rx + 3.0f * ry)));
    float room = perim / (float)(n_outer > 0 ? n_outer : 1);
    if (n_ring > n_outer)
        room = fminf(room, perim * INNER_RING / (float)(n_ring - n_outer));
    /* The hub, alone in the middle, keeps its size while it stays clear of the inner ring. */
    float hub_rmax = fminf(rmax, (n_ring > n_outer ? INNER_RING : 1.0f) * ry * 0.5f);
    if (n_ring > 0 && rmax > room * 0.42f)
        rmax = room * 0.42f;
    if (rmin > rmax * 0.5f)
        rmin = rmax * 0.5f;
    m->nodes[hub].x = m->cx;
    m->nodes[hub].y = m->cy;
    m->nodes[hub].angle = (float)(-PI_D / 2.0);
    m->nodes[hub].slot = 0;
    rd->rmax = rmax;
    rd->rmin = rmin;
    rd->hub_rmax = hub_rmax;
    rd->ref = ref;
    return 0;
}

/* Each node's size, price change, change since the start, circularity and the month's first-day
 * reactions. 0, or -1 with err. */
static int node_figures(UiMap *m, const SimWorld *w, int turn, const Radii *rd, char *err,
                        size_t errsz)
{
    int hub = w->sc->hub;
    float rmax = rd->rmax, rmin = rd->rmin, hub_rmax = rd->hub_rmax;
    double ref = rd->ref;
    for (int i = 0; i < w->n; i++) {
        UiMapNode *nd = &m->nodes[i];
        const SimSnap *s = sim_snap(w, turn, i);
        nd->value = s->market_value;
        float r = (i == hub ? fmaxf(hub_rmax, rmax) : rmax) *
                  (float)sqrt((s->market_value > 0 ? s->market_value : 0.0) / ref);
        nd->r = r < rmin ? rmin : r;
        double p0 = turn > 0 ? sim_snap(w, turn - 1, i)->price : s->price;
        nd->change = p0 > 0 ? s->price / p0 - 1.0 : 0.0;
        double v0 = sim_snap(w, 0, i)->market_value;
        nd->since = v0 > 0 ? s->market_value / v0 - 1.0 : 0.0;
        nd->circular = i == hub ? 0.0 : s->circularity;
    }
    /* The month's own first-day reactions. */
    double *logsum = calloc((size_t)w->n, sizeof *logsum);
    if (!logsum)
        return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_REACTION && e->turn == turn - 1 && e->other < 0 && e->actor >= 0 &&
            e->actor < w->n) {
            logsum[e->actor] += e->change;
            m->nodes[e->actor].n_reactions++;
        }
    }
    for (int i = 0; i < w->n; i++)
        m->nodes[i].reaction = exp(logsum[i]) - 1.0;
    free(logsum);
    return 0;
}

/* Edges: live deals, aggregated by payer, payee and family, with their widths and glow. 0, or -1
 * with err. */
static int gather_edges(UiMap *m, const SimWorld *w, int turn, double scale, char *err,
                        size_t errsz)
{
    int hub = w->sc->hub;
    for (int k = 0; k < w->n_deals; k++) {
        const SimDeal *d = &w->deals[k];
        int broken = deal_broken_at(d, turn);
        if (!broken && !deal_live_at(d, turn))
            continue;
        int to = d->t.payee < 0 ? SIM_WORLD : d->t.payee;
        int ei = edge_of(m, d->t.payer, to, ui_family_of_deal(d->t.kind), broken);
        if (ei < 0)
            return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
        UiMapEdge *e = &m->edges[ei];
        double mo = deal_monthly(w, d, turn);
        e->monthly += mo;
        if (!broken && deal_paying_at(d, turn))
            e->monthly_active += mo;
        if (e->n_deals < UI_MAP_EDGE_DEALS)
            e->deals[e->n_deals] = k;
        e->n_deals++;
    }
    for (int k = 0; k < m->n_edges; k++) {
        UiMapEdge *e = &m->edges[k];
        e->width = e->family == UI_FAM_RIGHTS || e->broken ? (float)(2.5 * scale)
                                                           : edge_width(e->monthly, scale);
        int vendor = e->from == hub ? e->to : e->to == hub ? e->from : -1;
        /* Away from the hub, a payer's edge to a vendor that financed part of what that payer
         * paid it (a vendor's loan to a second borrower that buys its gear) glows too. */
        if (vendor < 0 && e->from >= 0 && e->from < w->n && e->to >= 0 && e->to < w->n &&
            sim_circularity(w, e->from, e->to) > 0.0)
            vendor = e->to;
        e->circular = vendor >= 0 && vendor != SIM_WORLD ? m->nodes[vendor].circular : 0.0;
    }
    return 0;
}

/* Lanes: the edges of one unordered pair side by side. 0, or -1 with err. */
static int lay_lanes(UiMap *m, double scale, char *err, size_t errsz)
{
    int *lane = malloc((size_t)(m->n_edges > 0 ? m->n_edges : 1) * sizeof *lane);
    char *done = calloc((size_t)(m->n_edges > 0 ? m->n_edges : 1), 1);
    if (!lane || !done) {
        free(lane);
        free(done);
        return core_errf(err, errsz, "%s", ui_tr("report.err.memory"));
    }
    for (int k = 0; k < m->n_edges; k++) {
        if (done[k])
            continue;
        const UiMapEdge *e = &m->edges[k];
        int nl = 0;
        for (int j = k; j < m->n_edges; j++) {
            const UiMapEdge *f = &m->edges[j];
            if (!done[j] && ((f->from == e->from && f->to == e->to) ||
                             (f->from == e->to && f->to == e->from))) {
                lane[nl++] = j;
                done[j] = 1;
            }
        }
        lane_edges = m->edges;
        qsort(lane, (size_t)nl, sizeof *lane, cmp_lane_q);
        float gap = (float)(5.0 * scale), total = 0.0f;
        for (int j = 0; j < nl; j++)
            total += m->edges[lane[j]].width + (j ? gap : 0.0f);
        float at = -total / 2.0f;
        for (int j = 0; j < nl; j++) {
            UiMapEdge *f = &m->edges[lane[j]];
            place_edge(m, f, at + f->width / 2.0f);
            at += f->width + gap;
        }
    }
    free(lane);
    free(done);
    return 0;
}

int ui_map_layout(UiMap *m, const SimWorld *w, int turn, SDL_FRect view, double scale, char *err,
                  size_t errsz)
{
    if (turn < 0)
        turn = 0;
    if (turn > w->turn)
        turn = w->turn;
    if (!(scale > 0.1))
        scale = 1.0;
    /* The same world, turn, view and scale give the same layout: a window asks every frame, and
     * placing the labels is the dearest part of drawing the map. */
    if (m->laid_out && m->w == w && m->turn == turn && m->scale == scale && m->view.x == view.x &&
        m->view.y == view.y && m->view.w == view.w && m->view.h == view.h &&
        m->seen_events == w->n_events && m->seen_deals == w->n_deals)
        return 0;
    m->laid_out = 0;
    m->w = w;
    m->turn = turn;
    m->view = view;
    m->scale = scale;
    m->n_edges = 0;
    Radii rd = {0};
    if (reserve_nodes(m, w, err, errsz) < 0 ||
        place_nodes(m, w, turn, view, scale, &rd, err, errsz) < 0 ||
        node_figures(m, w, turn, &rd, err, errsz) < 0 ||
        gather_edges(m, w, turn, scale, err, errsz) < 0 || lay_lanes(m, scale, err, errsz) < 0)
        return -1;
    m->laid_out = 1;
    m->seen_events = w->n_events;
    m->seen_deals = w->n_deals;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Particles */

static double edge_jitter(const UiMapEdge *e)
{
    unsigned h = 2166136261u;
    h = (h ^ (unsigned)(e->from + 7)) * 16777619u;
    h = (h ^ (unsigned)(e->to + 7)) * 16777619u;
    h = (h ^ (unsigned)e->family) * 16777619u;
    return (double)(h % 1000u) / 1000.0;
}

int ui_map_particles(const UiMap *m, int k, double phase, SDL_FPoint *out, int max)
{
    const UiMapEdge *e = ui_map_edge(m, k);
    if (!e || !(e->monthly_active > 0.0) || max <= 0)
        return 0;
    int n = 1 + (int)(1.5 * sqrt(e->monthly_active));
    if (n > MAX_PART)
        n = MAX_PART;
    if (n > max)
        n = max;
    if (!isfinite(phase))
        phase = 0.0;
    double base = phase - floor(phase) + edge_jitter(e) / n;
    for (int j = 0; j < n; j++) {
        double t = base + (double)j / n;
        t -= floor(t);
        out[j].x = e->x0 + (float)t * (e->x1 - e->x0);
        out[j].y = e->y0 + (float)t * (e->y1 - e->y0);
    }
    return n;
}

/* ---------------------------------------------------------------------------------------------
 * Drawing */

static void draw_plate(UiDraw *d, SDL_FRect r, SDL_Color rim)
{
    const UiTheme *th = ui_draw_theme(d);
    ui_fill_round_rect(d, r, ui_px(d, 6), ui_alpha(th->panel, 235));
    if (rim.a)
        ui_stroke_round_rect(d, r, ui_px(d, 6), ui_px(d, 1.5), rim);
}

/* The direction from the hub with the most room between its edges, for its label: among eight,
 * below first on ties. */
static float hub_label_angle(const UiMap *m)
{
    const UiMapNode *h = &m->nodes[m->w->sc->hub];
    float best = (float)(PI_D / 2.0), best_gap = -1.0f;
    for (int c = 0; c < 8; c++) {
        float a = (float)(PI_D / 2.0 + c * PI_D / 4.0), gap = (float)PI_D;
        for (int k = 0; k < m->n_edges; k++) {
            const UiMapEdge *e = &m->edges[k];
            float ox, oy;
            if (e->from == m->w->sc->hub) {
                ox = e->x1;
                oy = e->y1;
            } else if (e->to == m->w->sc->hub) {
                ox = e->x0;
                oy = e->y0;
            } else {
                continue;
            }
            float ea = atan2f(oy - h->y, ox - h->x), da = fabsf(remainderf(ea - a, 2.0f * PI_F_));
            gap = fminf(gap, da);
        }
        if (gap > best_gap + 0.05f) {
            best_gap = gap;
            best = a;
        }
    }
    return best;
}

typedef struct {
    char name[NAME_BYTES];
    char a[32], b[80];
    int up, nw, nh, vw, vh, cw, ch;
    float sep;
} LabelText;

/* A node's label lines (with the name given) and their measures. */
static void label_text(UiDraw *d, const UiMapNode *nd, const char *name, int bare, LabelText *lt)
{
    memset(lt, 0, sizeof *lt);
    snprintf(lt->name, sizeof lt->name, "%s", name);
    ui_text_size(d, lt->name, ui_px(d, NAME_PT), 1, &lt->nw, &lt->nh);
    if (bare)
        return;
    ui_fmt_money(nd->value, lt->a, sizeof lt->a);
    /* The change since the start of the game, as the debrief's and the final table's: the
     * legend says so once ("% on plates: since start"; written on each plate it pushed the
     * plates of the nine actors over one another at 1280x800), the tooltip gives it with the
     * month's change, each named (docs/classroom.md). */
    lt->up = nd->since >= 0.0;
    if (fabs(nd->since) >= 0.0005)
        ui_fmt_pct(nd->since, lt->b, sizeof lt->b);
    ui_text_size(d, lt->a, ui_px(d, VALUE_PT), 0, &lt->vw, &lt->vh);
    if (lt->b[0])
        ui_text_size(d, lt->b, ui_px(d, VALUE_PT), 1, &lt->cw, &lt->ch);
    lt->sep = lt->b[0] ? ui_px(d, 10) : 0.0f;
}

static float label_w(UiDraw *d, const LabelText *lt)
{
    return fmaxf((float)lt->nw, (float)lt->vw + lt->sep + (float)lt->cw) + 2 * ui_px(d, LABEL_PAD);
}

static float label_h(UiDraw *d, const LabelText *lt)
{
    if (!lt->a[0])
        return (float)lt->nh + ui_px(d, LABEL_PAD);
    return (float)lt->nh + (float)lt->vh + 2 * ui_px(d, LABEL_PAD) - ui_px(d, 2);
}

static int badge_text(const UiMapNode *nd, char *buf, size_t n)
{
    char a[32];
    if (nd->n_reactions == 0)
        return 0;
    ui_trf(buf, n, "map.badge", ui_fmt_pct(nd->reaction, a, sizeof a), NULL);
    return 1;
}

/* The "circular N%" tag of vendor i, if it has one (circular money and an edge to the hub). */
static int tag_text(const UiMap *m, int i, char *buf, size_t n)
{
    int hub = m->w->sc->hub;
    const UiMapNode *v = &m->nodes[i];
    if (i == hub || !(v->circular > 0.0005))
        return 0;
    int linked = 0;
    for (int k = 0; k < m->n_edges; k++)
        linked |= (m->edges[k].from == i && m->edges[k].to == hub) ||
                  (m->edges[k].from == hub && m->edges[k].to == i);
    if (!linked)
        return 0;
    char pct[16];
    if (v->circular < 0.005)
        snprintf(pct, sizeof pct, "<1%%");
    else
        snprintf(pct, sizeof pct, "%.0f%%", v->circular * 100.0);
    ui_trf(buf, n, "map.tag", pct, NULL);
    return 1;
}

/* Where a node's label would rather go: outwards from the hub (to the side when the node is at
 * the side, above or below when it is above or below); the hub's where its edges leave most
 * room. A badge: above a node whose label goes to a side, else to its outer side. */
static float label_pref(const UiMapNode *nd, float hub_angle)
{
    float ca = cosf(nd->angle), sa = sinf(nd->angle);
    if (nd->slot == 0)
        return hub_angle;
    if (fabsf(ca) > 0.55f)
        return ca > 0 ? 0.0f : PI_F_;
    return sa > 0 ? PI_F_ / 2.0f : -PI_F_ / 2.0f;
}

static float badge_pref(const UiMapNode *nd, float hub_angle)
{
    float ca = cosf(nd->angle);
    if (nd->slot == 0)
        return hub_angle + PI_F_;
    if (fabsf(ca) > 0.55f)
        return -PI_F_ / 2.0f;
    return ca >= 0 ? 0.0f : PI_F_;
}

static const UiMap *prio_map;

/* Labels' priority: the hub, then by market value, then by index. */
static int cmp_prio(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b, hub = prio_map->w->sc->hub;
    if ((i == hub) != (j == hub))
        return i == hub ? -1 : 1;
    double x = prio_map->nodes[i].value, y = prio_map->nodes[j].value;
    if (x != y)
        return x > y ? -1 : 1;
    return i - j;
}

/* The widest a name may be on its plate: a share of the view, less when the ring is crowded. */
static float name_max_w(const UiMap *m, UiDraw *d)
{
    float share = m->n - 1 > RING_ONE ? 0.2f : 0.24f;
    return fmaxf(m->view.w * share, ui_px(d, 120));
}

/* Tags on their edge to the hub: two thirds of the way out, else nearer or further, clear of
 * every node, label, badge and tag placed before. */
static void place_tags(UiMap *m, UiDraw *d)
{
    int n = m->n, hub = m->w->sc->hub;
    char line[96];
    static const float along[] = {0.62f, 0.52f, 0.72f, 0.44f, 0.8f};
    for (int i = 0; i < n; i++) {
        UiMapNode *nd = &m->nodes[i];
        int tw, tht;
        if (i == hub || !tag_text(m, i, line, sizeof line))
            continue;
        const UiMapNode *h = &m->nodes[hub];
        ui_text_size(d, line, ui_px(d, TAG_PT), 1, &tw, &tht);
        for (size_t k = 0; k < sizeof along / sizeof *along && nd->tag.w <= 0; k++) {
            float tx = h->x + (nd->x - h->x) * along[k], ty = h->y + (nd->y - h->y) * along[k];
            SDL_FRect r = {tx - (float)tw / 2.0f - ui_px(d, 7),
                           ty - (float)tht / 2.0f - ui_px(d, 2), (float)tw + ui_px(d, 14),
                           (float)tht + ui_px(d, 4)};
            int clear = 1;
            for (int j = 0; j < n && clear; j++) {
                const UiMapNode *q = &m->nodes[j];
                clear = !ui_place_disc_meets(r, q->x, q->y, q->r + ui_px(d, 3)) &&
                        !ui_place_boxes_meet(r, q->label) && !ui_place_boxes_meet(r, q->badge) &&
                        !ui_place_boxes_meet(r, q->tag);
            }
            if (clear)
                nd->tag = r;
        }
    }
}

/* Places the plates (each name in its fullest form that finds a clear place: the full name,
 * then shorter forms from core_name_short, then cut with an ellipsis; see ui_place.h), the
 * badges after them, then the circularity tags along their edges, each where it covers
 * nothing (a badge may cross an edge). What finds no place is not drawn; its node's tooltip
 * says it. Returns -1 if memory runs out. */
static int place_marks(UiMap *m, UiDraw *d)
{
    const SimWorld *w = m->w;
    int n = m->n, hub = w->sc->hub;
    UiPlaceDisc *discs = malloc((size_t)n * sizeof *discs);
    UiPlaceSeg *segs = malloc((size_t)(m->n_edges ? m->n_edges : 1) * sizeof *segs);
    UiPlaceLabel *ls = malloc((size_t)(2 * n) * sizeof *ls);
    UiPlaceOut *out = malloc((size_t)(2 * n) * sizeof *out);
    int *order = malloc((size_t)n * sizeof *order), *bare = malloc((size_t)n * sizeof *bare);
    char(*forms)[UI_PLACE_SIZES][NAME_BYTES] = malloc((size_t)n * sizeof *forms);
    if (!discs || !segs || !ls || !out || !order || !bare || !forms) {
        free(discs), free(segs), free(ls), free(out), free(order), free(bare), free(forms);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        discs[i] = (UiPlaceDisc){m->nodes[i].x, m->nodes[i].y, m->nodes[i].r};
        order[i] = i;
    }
    for (int k = 0; k < m->n_edges; k++) {
        const UiMapEdge *e = &m->edges[k];
        segs[k] = (UiPlaceSeg){e->x0, e->y0, e->x1, e->y1, e->width / 2.0f};
    }
    prio_map = m;
    qsort(order, (size_t)n, sizeof *order, cmp_prio);
    float hub_angle = hub_label_angle(m), maxw = name_max_w(m, d);
    char line[96], buf[NAME_BYTES], shortest[NAME_BYTES];
    for (int o = 0; o < n; o++) {
        int i = order[o];
        UiMapNode *nd = &m->nodes[i];
        UiPlaceLabel *l = &ls[o];
        memset(l, 0, sizeof *l);
        l->disc = i;
        l->pref = label_pref(nd, hub_angle);
        l->must = i == hub;
        const char *full = core_tr_content(w->sc->actors[i].name);
        for (int lv = 0; lv <= CORE_NAME_LEVELS && l->n_sizes < UI_PLACE_SIZES; lv++) {
            if (lv < CORE_NAME_LEVELS)
                core_name_short(full, lv, buf, sizeof buf);
            else /* the last resort: the shortest form cut to the widest a name may be */
                ui_text_fit(d,
                            core_name_short(full, CORE_NAME_LEVELS - 1, shortest, sizeof shortest),
                            ui_px(d, NAME_PT), 1, maxw, buf, sizeof buf);
            if (l->n_sizes > 0 && strcmp(buf, forms[o][l->n_sizes - 1]) == 0)
                continue;
            LabelText lt;
            label_text(d, nd, buf, 0, &lt);
            if ((float)lt.nw > maxw && lv < CORE_NAME_LEVELS)
                continue;
            snprintf(forms[o][l->n_sizes], NAME_BYTES, "%s", buf);
            l->w[l->n_sizes] = label_w(d, &lt);
            l->h[l->n_sizes] = label_h(d, &lt);
            l->n_sizes++;
        }
        /* Where even that finds no place, on a crowded map: the name alone. */
        bare[o] = -1;
        if (m->n - 1 > RING_ONE && l->n_sizes > 0) {
            int z = l->n_sizes < UI_PLACE_SIZES ? l->n_sizes : UI_PLACE_SIZES - 1;
            if (z != l->n_sizes - 1)
                memmove(forms[o][z], forms[o][l->n_sizes - 1], NAME_BYTES);
            LabelText lt;
            label_text(d, nd, forms[o][z], 1, &lt);
            l->w[z] = label_w(d, &lt);
            l->h[z] = label_h(d, &lt);
            l->n_sizes = z + 1;
            bare[o] = z;
        }
    }
    /* Badges after every plate: the news matters less than knowing who is who. */
    int n_badges = 0, badge_of[UI_MAP_MAX_BADGES];
    for (int o = 0; o < n && n_badges < UI_MAP_MAX_BADGES; o++) {
        int i = order[o];
        int tw, tht;
        if (!badge_text(&m->nodes[i], line, sizeof line))
            continue;
        ui_text_size(d, line, ui_px(d, BADGE_PT), 1, &tw, &tht);
        UiPlaceLabel *l = &ls[n + n_badges];
        memset(l, 0, sizeof *l);
        l->disc = i;
        l->pref = badge_pref(&m->nodes[i], hub_angle);
        l->n_sizes = 1;
        l->w[0] = (float)tw + 2 * ui_px(d, 10);
        l->h[0] = (float)tht + ui_px(d, 6);
        l->near = 1;
        l->edges_ok = 1;
        badge_of[n_badges++] = i;
    }
    UiPlaceScene sc = {m->view, discs, n, segs, m->n_edges, NULL, 0, ui_px(d, 8), ui_px(d, 6)};
    ui_place_labels(&sc, ls, n + n_badges, out);
    for (int o = 0; o < n; o++) {
        UiMapNode *nd = &m->nodes[order[o]];
        nd->label = out[o].box;
        nd->badge.w = 0;
        nd->tag.w = 0;
        m->marks[order[o]] =
            (unsigned char)((out[o].far ? MARK_FAR : 0) |
                            (out[o].size >= 0 && bare[o] == out[o].size ? MARK_BARE : 0));
        snprintf(m->names[order[o]], NAME_BYTES, "%s",
                 out[o].size >= 0 ? forms[o][out[o].size] : "");
    }
    for (int b = 0; b < n_badges; b++)
        m->nodes[badge_of[b]].badge = out[n + b].box;
    place_tags(m, d);
    free(discs), free(segs), free(ls), free(out), free(order), free(bare), free(forms);
    return 0;
}

static void draw_edge(const UiMap *m, UiDraw *d, const UiMapEdge *e)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color c = th->family[e->family];
    int active = e->monthly_active > 0.0;
    if (e->broken) {
        /* Dashes in the fall colour: the money stopped here. */
        float dx = e->x1 - e->x0, dy = e->y1 - e->y0, len = sqrtf(dx * dx + dy * dy);
        float dash = ui_px(d, 10), step = ui_px(d, 17);
        for (float s = 0; len > 0 && s < len; s += step) {
            float s1 = fminf(s + dash, len);
            ui_line(d, e->x0 + dx * s / len, e->y0 + dy * s / len, e->x0 + dx * s1 / len,
                    e->y0 + dy * s1 / len, e->width, ui_alpha(th->down, 190));
        }
        return;
    }
    if (!active)
        c = ui_alpha(c, e->family == UI_FAM_RIGHTS ? 200 : 110);
    float head = e->width * 1.6f + ui_px(d, 6);
    ui_arrow(d, e->x0, e->y0, e->x1, e->y1, e->width, head, c);
    if (e->to == SIM_WORLD) {
        float s = ui_px(d, 7);
        SDL_FRect box = {e->x1 - s, e->y1 - s, 2 * s, 2 * s};
        ui_fill_round_rect(d, box, ui_px(d, 2), th->text_dim);
    }
    (void)m;
}

/* Under the particles: the glow of circular links, then the edges. */
static void draw_under(UiMap *m, UiDraw *d)
{
    const UiTheme *th = ui_draw_theme(d);
    const SimWorld *w = m->w;
    int hub = w->sc->hub;

    /* Glow under the hub's edges with vendors whose money comes back to them. */
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *v = &m->nodes[i];
        if (i == hub || !(v->circular > 0.0))
            continue;
        float lo = 0, hi = 0;
        int any = 0;
        for (int k = 0; k < m->n_edges; k++) {
            const UiMapEdge *e = &m->edges[k];
            if (!((e->from == i && e->to == hub) || (e->from == hub && e->to == i)))
                continue;
            any = 1;
            float dx = v->x - m->nodes[hub].x, dy = v->y - m->nodes[hub].y;
            float len = sqrtf(dx * dx + dy * dy);
            float off = ((e->x0 + e->x1) / 2.0f - (m->nodes[hub].x + v->x) / 2.0f) * (-dy / len) +
                        ((e->y0 + e->y1) / 2.0f - (m->nodes[hub].y + v->y) / 2.0f) * (dx / len);
            if (off - e->width / 2 < lo)
                lo = off - e->width / 2;
            if (off + e->width / 2 > hi)
                hi = off + e->width / 2;
        }
        if (!any)
            continue;
        const UiMapNode *h = &m->nodes[hub];
        float dx = v->x - h->x, dy = v->y - h->y, len = sqrtf(dx * dx + dy * dy);
        float nx = -dy / len, ny = dx / len, mid = (lo + hi) / 2.0f;
        float gw = (hi - lo) + ui_px(d, 14);
        ui_line(d, h->x + nx * mid, h->y + ny * mid, v->x + nx * mid, v->y + ny * mid, gw,
                ui_alpha(th->glow, 45));
        ui_line(d, h->x + nx * mid, h->y + ny * mid, v->x + nx * mid, v->y + ny * mid,
                gw - ui_px(d, 8), ui_alpha(th->glow, 50));
    }
    /* Away from the hub: a payer's edge to a vendor whose own money came back through it. */
    for (int k = 0; k < m->n_edges; k++) {
        const UiMapEdge *e = &m->edges[k];
        if (!(e->circular > 0.0) || e->from == hub || e->to == hub)
            continue;
        float gw = e->width + ui_px(d, 14);
        ui_line(d, e->x0, e->y0, e->x1, e->y1, gw, ui_alpha(th->glow, 45));
        ui_line(d, e->x0, e->y0, e->x1, e->y1, gw - ui_px(d, 8), ui_alpha(th->glow, 50));
    }
    /* Edges: waiting ones (announced, not yet paying) first, faint; then paying ones. */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < m->n_edges; k++) {
            const UiMapEdge *e = &m->edges[k];
            if ((e->monthly_active > 0.0) == pass)
                draw_edge(m, d, e);
        }
}

/* Money moving along the edges this month, at animation phase `phase`. */
static void draw_particles(UiMap *m, UiDraw *d, double phase)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_FPoint pts[MAX_PART];
    for (int k = 0; k < m->n_edges; k++) {
        const UiMapEdge *e = &m->edges[k];
        int np = ui_map_particles(m, k, phase, pts, MAX_PART);
        float pr = fmaxf(e->width * 0.45f, ui_px(d, 3.5));
        SDL_Color pc = ui_shade(th->family[e->family], 0.55);
        for (int j = 0; j < np; j++) {
            ui_fill_circle(d, pts[j].x, pts[j].y, pr + ui_px(d, 1.5), ui_alpha(th->bg, 200));
            ui_fill_circle(d, pts[j].x, pts[j].y, pr, pc);
        }
    }
}

int ui_map_fail_order(const UiMap *m, int i)
{
    if (!m->w || i < 0 || i >= m->n || !sim_snap(m->w, m->turn, i)->defaulted)
        return 0;
    return sim_default_order(m->w, i);
}

/* Actor i's systemic weight when it failed (its DEFAULT event's value), or 0. */
static double fail_weight(const SimWorld *w, int i)
{
    for (int k = 0; k < w->n_events; k++)
        if (w->events[k].kind == SIM_LOG_DEFAULT && w->events[k].actor == i)
            return w->events[k].value;
    return 0.0;
}

/* Over the particles: nodes, then badges, tags and labels placed clear of each other. */
static void draw_over(UiMap *m, UiDraw *d)
{
    const UiTheme *th = ui_draw_theme(d);
    const SimWorld *w = m->w;
    int hub = w->sc->hub;
    char line[96];
    /* Nodes. */
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        int dead = sim_snap(w, m->turn, i)->defaulted;
        SDL_Color fill = i == hub ? th->hub : th->node;
        ui_fill_circle(d, nd->x, nd->y, nd->r, fill);
        ui_stroke_circle(d, nd->x, nd->y, nd->r, ui_px(d, i == hub ? 4 : 2.5),
                         dead ? th->down : th->node_rim);
    }
    /* The order of failures: each failed firm's number in its node (1: the first to fail). */
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        int order = ui_map_fail_order(m, i);
        if (order <= 0)
            continue;
        snprintf(line, sizeof line, "%d", order);
        ui_fill_circle(d, nd->x, nd->y, nd->r * 0.62f, ui_alpha(th->bg, 235));
        ui_text(d, line, nd->x, nd->y, fminf(ui_px(d, BADGE_PT), nd->r), 1, th->down,
                UI_CENTER | UI_MIDDLE);
    }
    /* Plates, badges and tags placed clear of each other, of the nodes and of the edges. */
    if (place_marks(m, d) < 0)
        return;
    float badge_pt = ui_px(d, BADGE_PT), tag_pt = ui_px(d, TAG_PT);
    float name_pt = ui_px(d, NAME_PT), value_pt = ui_px(d, VALUE_PT), pad = ui_px(d, LABEL_PAD);
    /* A plate set away from its node has a thin line to it. */
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        SDL_FRect r = nd->label;
        if (r.w <= 0 || !(m->marks[i] & MARK_FAR))
            continue;
        float px = fmaxf(r.x, fminf(nd->x, r.x + r.w)), py = fmaxf(r.y, fminf(nd->y, r.y + r.h));
        float dx = px - nd->x, dy = py - nd->y, len = sqrtf(dx * dx + dy * dy);
        if (len > nd->r)
            ui_line(d, nd->x + dx / len * nd->r, nd->y + dy / len * nd->r, px, py, ui_px(d, 1.5),
                    ui_alpha(th->text_dim, 160));
    }
    for (int i = 0; i < m->n; i++) {
        UiMapNode *nd = &m->nodes[i];
        SDL_FRect r = nd->label;
        if (r.w <= 0)
            continue;
        LabelText lt;
        label_text(d, nd, m->names[i], m->marks[i] & MARK_BARE, &lt);
        draw_plate(d, r, ui_alpha(th->grid, 255));
        if (!lt.a[0]) {
            ui_text(d, lt.name, r.x + r.w / 2.0f, r.y + r.h / 2.0f, name_pt, 1, th->text,
                    UI_CENTER | UI_MIDDLE);
            continue;
        }
        ui_text(d, lt.name, r.x + r.w / 2.0f, r.y + pad - ui_px(d, 2), name_pt, 1, th->text,
                UI_CENTER);
        float vy = r.y + pad + (float)lt.nh - ui_px(d, 2);
        float rowx = r.x + (r.w - ((float)lt.vw + lt.sep + (float)lt.cw)) / 2.0f;
        ui_text(d, lt.a, rowx, vy, value_pt, 0, th->text_dim, UI_LEFT);
        if (lt.b[0])
            ui_text(d, lt.b, rowx + (float)lt.vw + lt.sep, vy, value_pt, 1,
                    lt.up ? th->up : th->down, UI_LEFT);
    }
    /* Announcement badges: the first-day move on the news, beside the node. */
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        if (nd->badge.w <= 0 || !badge_text(nd, line, sizeof line))
            continue;
        SDL_FRect r = nd->badge;
        SDL_Color col = nd->reaction >= 0 ? th->up : th->down;
        ui_fill_round_rect(d, r, r.h / 2.0f, ui_alpha(th->bg, 240));
        ui_stroke_round_rect(d, r, r.h / 2.0f, ui_px(d, 2), col);
        ui_text(d, line, r.x + r.w / 2.0f, r.y + r.h / 2.0f, badge_pt, 1, col,
                UI_CENTER | UI_MIDDLE);
    }
    /* Circularity tags, at two thirds of the way from the hub to the vendor. */
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *v = &m->nodes[i];
        if (v->tag.w <= 0 || !tag_text(m, i, line, sizeof line))
            continue;
        SDL_FRect r = v->tag;
        ui_fill_round_rect(d, r, r.h / 2.0f, ui_alpha(th->bg, 235));
        ui_stroke_round_rect(d, r, r.h / 2.0f, ui_px(d, 1.5), th->glow);
        ui_text(d, line, r.x + r.w / 2.0f, r.y + r.h / 2.0f, tag_pt, 1, th->glow,
                UI_CENTER | UI_MIDDLE);
    }
}

void ui_map_draw(UiMap *m, UiDraw *d, double phase)
{
    if (!m->w)
        return;
    draw_under(m, d);
    draw_particles(m, d, phase);
    draw_over(m, d);
}

void ui_map_draw_static(UiMap *m, UiDraw *d)
{
    if (!m->w)
        return;
    draw_under(m, d);
    draw_over(m, d);
}

void ui_map_draw_particles(UiMap *m, UiDraw *d, double phase)
{
    if (m->w)
        draw_particles(m, d, phase);
}

const char *ui_map_family_name(UiFamily f)
{
    static const char *const keys[UI_FAM_COUNT] = {
        "map.family.equity",   "map.family.payment", "map.family.revshare", "map.family.loan",
        "map.family.warrants", "map.family.build",   "map.family.rights"};
    return (unsigned)f < UI_FAM_COUNT ? ui_tr(keys[f]) : "?";
}

/* A deal's kind in words, with its article in English ("a compute contract"): deal.kind.<id> of
 * the feed's table. */
static const char *kind_words(SimDealKind k)
{
    static char key[SIM_DEAL_KIND_COUNT][48];
    if (!sim_kind_valid((int)k))
        return ui_tr("deal.kind.unknown");
    snprintf(key[k], sizeof key[k], "deal.kind.%s", sim_deal_kind_name(k)); /* outlives the call */
    return ui_tr(key[k]);
}

/* The legend's entries: the flow families, circular money, then the marks. */
#define LEGEND_MARKS 6
static const char *const legend_marks[LEGEND_MARKS] = {"map.legend.faint",    "map.legend.dots",
                                                       "map.legend.dashed",   "map.legend.area",
                                                       "map.legend.builders", "map.legend.plates"};
#define LEGEND_N (UI_FAM_COUNT + 1 + LEGEND_MARKS)

/* Entry k's text and the width of its swatch (0 for a plain mark). */
static const char *legend_entry(UiDraw *d, int k, float *swatch, int *dim)
{
    *dim = k > UI_FAM_COUNT;
    if (k < UI_FAM_COUNT) {
        *swatch = ui_px(d, 34 + 8);
        return ui_map_family_name((UiFamily)k);
    }
    if (k == UI_FAM_COUNT) {
        *swatch = ui_px(d, 34 + 8);
        return ui_tr("map.legend.circular");
    }
    *swatch = 0.0f;
    return ui_tr(legend_marks[k - UI_FAM_COUNT - 1]);
}

/* Lays the entries out in rows of at most `width`; returns the row count and, if x and row are
 * given, each entry's offset from the left and its row. */
static int legend_flow(UiDraw *d, float width, float *x, int *row)
{
    float pt = ui_px(d, 17), gap = ui_px(d, 22), at = 0.0f;
    int rows = 1;
    for (int k = 0; k < LEGEND_N; k++) {
        float sw;
        int dim, tw = 0;
        const char *s = legend_entry(d, k, &sw, &dim);
        ui_text_size(d, s, pt, 0, &tw, NULL);
        float w = sw + (float)tw;
        if (at > 0.0f && at + w > width) {
            rows++;
            at = 0.0f;
        }
        if (x)
            x[k] = at;
        if (row)
            row[k] = rows - 1;
        at += w + gap;
    }
    return rows;
}

float ui_map_legend_height(UiDraw *d, float width)
{
    int rows = legend_flow(d, width, NULL, NULL);
    return ui_px(d, 17) * 1.55f * (float)rows + ui_px(d, 14);
}

SDL_FRect ui_map_draw_legend(UiDraw *d, SDL_FRect area)
{
    const UiTheme *th = ui_draw_theme(d);
    float pt = ui_px(d, 17), lh = pt * 1.55f, xs[LEGEND_N];
    int rows[LEGEND_N];
    int n_rows = legend_flow(d, area.w, xs, rows);
    float top = area.y + (area.h - lh * (float)n_rows) / 2.0f;
    SDL_FRect box = {area.x, top, 0.0f, lh * (float)n_rows};
    for (int k = 0; k < LEGEND_N; k++) {
        float sw;
        int dim;
        const char *s = legend_entry(d, k, &sw, &dim);
        float x = area.x + xs[k], cy = top + lh * ((float)rows[k] + 0.5f);
        if (k < UI_FAM_COUNT)
            ui_arrow(d, x, cy, x + ui_px(d, 34), cy, ui_px(d, 5), ui_px(d, 12), th->family[k]);
        else if (k == UI_FAM_COUNT)
            ui_line(d, x, cy, x + ui_px(d, 34), cy, ui_px(d, 14), ui_alpha(th->glow, 80));
        int tw =
            ui_text(d, s, x + sw, cy, pt, 0, dim ? th->text_dim : th->text, UI_LEFT | UI_MIDDLE);
        if (xs[k] + sw + (float)tw > box.w)
            box.w = xs[k] + sw + (float)tw;
    }
    return box;
}

/* ---------------------------------------------------------------------------------------------
 * Hit test and tooltips */

static float seg_dist(float px, float py, float x0, float y0, float x1, float y1)
{
    float dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
    float t = l2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / l2 : 0.0f;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float ex = x0 + t * dx - px, ey = y0 + t * dy - py;
    return sqrtf(ex * ex + ey * ey);
}

UiMapHit ui_map_hit(const UiMap *m, float x, float y)
{
    UiMapHit h = {UI_HIT_NONE, -1};
    float best = 0;
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        float dx = x - nd->x, dy = y - nd->y, dist = sqrtf(dx * dx + dy * dy);
        if (dist <= nd->r && (h.kind == UI_HIT_NONE || dist / nd->r < best)) {
            h.kind = UI_HIT_NODE;
            h.index = i;
            best = dist / nd->r;
        }
    }
    if (h.kind == UI_HIT_NODE)
        return h;
    for (int k = 0; k < m->n_edges; k++) {
        const UiMapEdge *e = &m->edges[k];
        float dist = seg_dist(x, y, e->x0, e->y0, e->x1, e->y1);
        if (dist <= e->width / 2.0f + (float)(4.0 * m->scale) &&
            (h.kind == UI_HIT_NONE || dist < best)) {
            h.kind = UI_HIT_EDGE;
            h.index = k;
            best = dist;
        }
    }
    return h;
}

/* Appends formatted text to buf at *at, keeping it terminated. */
static void put(char *buf, size_t bufsz, size_t *at, const char *fmt, ...) CORE_PRINTF(4, 5);
static void put(char *buf, size_t bufsz, size_t *at, const char *fmt, ...)
{
    if (*at >= bufsz)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *at, bufsz - *at, fmt, ap);
    va_end(ap);
    if (n > 0)
        *at += (size_t)n < bufsz - *at ? (size_t)n : bufsz - *at - 1;
}

static double paid_until(const SimWorld *w, int deal, int turn)
{
    double s = 0.0;
    for (int k = 0; k < w->ledger.n_flows; k++) {
        const SimFlow *f = &w->ledger.flows[k];
        if (f->deal == deal && f->turn < turn && f->from != f->to)
            s += f->amount;
    }
    return s;
}

int ui_map_tooltip(const UiMap *m, UiMapHit hit, char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0)
        return 0;
    buf[0] = '\0';
    const SimWorld *w = m->w;
    if (!w)
        return 0;
    size_t at = 0;
    char a[32], b[32], c[32];
    int hub = w->sc->hub;
    if (hit.kind == UI_HIT_NODE && hit.index >= 0 && hit.index < m->n) {
        int i = hit.index;
        const SimSnap *s = sim_snap(w, m->turn, i);
        const UiMapNode *nd = &m->nodes[i];
        char line[512];
        put(buf, bufsz, &at, "%s\n", core_tr_content(w->sc->actors[i].name));
        put(buf, bufsz, &at, "%s\n",
            ui_trf(line, sizeof line, "map.tip.value", ui_fmt_money(s->market_value, a, sizeof a),
                   ui_fmt_pct(nd->since, b, sizeof b), ui_fmt_pct(nd->change, c, sizeof c), NULL));
        put(buf, bufsz, &at, "%s\n",
            ui_trf(line, sizeof line, "map.tip.cash", ui_fmt_money(s->cash, a, sizeof a),
                   ui_fmt_money(s->debt, b, sizeof b), NULL));
        if (s->top >= 0 && s->exposure > 0.0)
            put(buf, bufsz, &at, "%s\n",
                ui_trf(line, sizeof line, "map.tip.exposure",
                       core_tr_content(w->sc->actors[s->top].name),
                       ui_fmt_money(s->exposure, a, sizeof a),
                       ui_fmt_money(s->exposure_top, b, sizeof b), NULL));
        put(buf, bufsz, &at, "%s",
            ui_trf(line, sizeof line, "map.tip.obligations",
                   ui_fmt_money(s->obligations, a, sizeof a), ui_fmt_money(s->due_12m, b, sizeof b),
                   NULL));
        if (!s->defaulted) {
            /* On its fundamentals, its default risk and (for the month just played, the only
             * one whose balance sheet the world keeps) what lenders would still lend. */
            char fund[128], years[16];
            ui_desk_premium_text(s->market_value, s->fundamental, fund, sizeof fund);
            put(buf, bufsz, &at, "\n%s",
                ui_trf(line, sizeof line, "map.tip.fundamental", fund, NULL));
            snprintf(years, sizeof years, "%g", w->sc->market.merton_horizon);
            ui_fmt_prob(s->pd, a, sizeof a);
            if (m->turn == w->turn && w->actors[i].val.room < 0.05)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.risk_noroom", a, years, NULL));
            else if (m->turn == w->turn)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.risk_room", a, years,
                           ui_fmt_money(w->actors[i].val.room, b, sizeof b), NULL));
            else
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.risk", a, years, NULL));
        }
        if (i == hub) {
            /* What it could sell against what it sells: compute binds when it sells less. */
            double could = w->info[m->turn].demand;
            put(buf, bufsz, &at, "\n%s",
                ui_trf(line, sizeof line,
                       s->revenue < could * 0.995 ? "map.tip.demand_compute" : "map.tip.demand_met",
                       ui_fmt_money(could, a, sizeof a), ui_fmt_money(s->revenue, b, sizeof b),
                       NULL));
        }
        /* Pooled along any path (the snapshot's), and for a vendor of the hub the earmarked
         * figure by contract beside it: the range is the lesson (docs/model.md, section 3). */
        double contract = ui_circ_contract(w, i, m->turn, 0);
        if (s->circularity > 0.0 || contract >= 0.005) {
            snprintf(a, sizeof a, "%.0f", s->circularity * 100.0);
            snprintf(b, sizeof b, "%.0f", contract * 100.0);
            if (contract >= 0.005)
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.circular_contract", a, b,
                           core_tr_content(w->sc->actors[hub].name), NULL));
            else
                put(buf, bufsz, &at, "\n%s",
                    ui_trf(line, sizeof line, "map.tip.circular", a, NULL));
        }
        if (s->defaulted)
            put(buf, bufsz, &at, "\n%s", ui_tr("map.tip.defaulted"));
        int order = ui_map_fail_order(m, i);
        if (order > 0) {
            /* Its place in the order of failures (sim_cascade) and its systemic weight. */
            char o[32], n[16], r[16], wt[16];
            snprintf(n, sizeof n, "%d", order);
            ui_trf(o, sizeof o, core_ordinal_key(order), n, NULL);
            snprintf(r, sizeof r, "%d", sim_default_round(w, i));
            snprintf(wt, sizeof wt, "%.0f", fail_weight(w, i) * 100.0);
            put(buf, bufsz, &at, "\n%s",
                ui_trf(line, sizeof line, "map.tip.failed", o, r, wt, NULL));
        }
    } else if (hit.kind == UI_HIT_EDGE && hit.index >= 0 && hit.index < m->n_edges) {
        const UiMapEdge *e = &m->edges[hit.index];
        char line[512], n[16];
        put(buf, bufsz, &at, "%s\n",
            ui_trf(line, sizeof line, "map.tip.edge", core_tr_content(w->sc->actors[e->from].name),
                   e->to == SIM_WORLD ? ui_tr("map.tip.builders")
                                      : core_tr_content(w->sc->actors[e->to].name),
                   ui_map_family_name(e->family), ui_fmt_money(e->monthly, a, sizeof a), NULL));
        int shown = e->n_deals < UI_MAP_EDGE_DEALS ? e->n_deals : UI_MAP_EDGE_DEALS;
        for (int j = 0; j < shown; j++) {
            const SimDeal *d = &w->deals[e->deals[j]];
            snprintf(n, sizeof n, "%d", d->t.months);
            put(buf, bufsz, &at, "%s",
                ui_trf(line, sizeof line, "map.tip.deal", kind_words(d->t.kind),
                       ui_fmt_money(d->t.amount, a, sizeof a), n,
                       ui_fmt_money(paid_until(w, d->id, m->turn), b, sizeof b), NULL));
            if (d->tag[0])
                put(buf, bufsz, &at, "%s",
                    ui_trf(line, sizeof line, "map.tip.tag", core_tr_content(d->tag), NULL));
            if (j + 1 < shown)
                put(buf, bufsz, &at, "\n");
        }
        if (e->n_deals > shown) {
            snprintf(n, sizeof n, "%d", e->n_deals - shown);
            put(buf, bufsz, &at, "\n%s", ui_trf(line, sizeof line, "map.tip.more", n, NULL));
        }
    }
    return (int)at;
}
