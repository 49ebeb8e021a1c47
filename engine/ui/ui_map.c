/* ui_map: the flow map's layout (see ui_map.h); its drawing is in ui_map_draw.c, its hit tests
 * and tooltips in ui_map_hit.c, the state they share in ui_map_int.h. */
#include "ui_map_int.h"

#include "core_err.h"
#include "core_mem.h"
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

int ui_map_node_leader(const UiMap *m, int i)
{
    return i >= 0 && i < m->n && m->marks && (m->marks[i] & MARK_FAR) ? 1 : 0;
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
    UiMapEdge *e = core_grow(m->edges, &m->cap_edges, m->n_edges + 1, sizeof *e, 32);
    if (!e)
        return -1;
    m->edges = e;
    e += m->n_edges;
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
