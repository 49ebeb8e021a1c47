/* ui_map_draw: drawing the flow map laid out by ui_map.c: edges, particles, nodes, and the
 * plates, badges and tags placed clear of each other (the names they found room for are kept
 * in the UiMap), and the legend. Nothing here allocates beyond the UiMap's own arrays. */
#include "ui_map_int.h"

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

/* The distance from a plate to a node's circle (0: they touch). */
static float plate_gap(SDL_FRect p, const UiMapNode *nd)
{
    float cx = fmaxf(p.x, fminf(nd->x, p.x + p.w)), cy = fmaxf(p.y, fminf(nd->y, p.y + p.h));
    float g = hypotf(cx - nd->x, cy - nd->y) - nd->r;
    return g > 0 ? g : 0;
}

/* A plate set off its node that sits nearer another node (a small map: OpenAI's plate beside
 * AMD's node) gets a leader line to its own, so that it is not read as the other's. */
static void lead_strays(UiMap *m, UiDraw *d)
{
    for (int i = 0; i < m->n; i++) {
        const UiMapNode *nd = &m->nodes[i];
        if (nd->label.w <= 0 || (m->marks[i] & MARK_FAR))
            continue;
        float own = plate_gap(nd->label, nd), nearest = 1e9f;
        for (int j = 0; j < m->n; j++)
            if (j != i)
                nearest = fminf(nearest, plate_gap(nd->label, &m->nodes[j]));
        if (own > ui_px(d, 6) && own > nearest + ui_px(d, 4))
            m->marks[i] |= MARK_FAR;
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
    lead_strays(m, d);
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

/* Lays the first n entries out in rows of at most `width`; returns the row count and, if x and
 * row are given, each entry's offset from the left and its row. */
static int legend_flow_n(UiDraw *d, int n, float width, float *x, int *row)
{
    float pt = ui_px(d, 17), gap = ui_px(d, 22), at = 0.0f;
    int rows = 1;
    for (int k = 0; k < n; k++) {
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

/* The entries shown at a width: all of them on up to three rows in a map of the normal layout
 * (960 units wide); in a narrower one (the enlarged layout's is 770) or where they would take
 * more, the flows and circular money alone on two rows at most where they would take more than
 * two, so that the map keeps its height (the marks are what a tooltip says of a node or edge). */
static int legend_count(UiDraw *d, float width)
{
    int rows = legend_flow_n(d, LEGEND_N, width, NULL, NULL);
    int most = width / ui_px(d, 1) < 860.0f ? 2 : 3;
    return rows > most ? UI_FAM_COUNT + 1 : LEGEND_N;
}

static int legend_flow(UiDraw *d, float width, float *x, int *row)
{
    return legend_flow_n(d, legend_count(d, width), width, x, row);
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
    int n = legend_count(d, area.w), n_rows = legend_flow(d, area.w, xs, rows);
    float top = area.y + (area.h - lh * (float)n_rows) / 2.0f;
    SDL_FRect box = {area.x, top, 0.0f, lh * (float)n_rows};
    for (int k = 0; k < n; k++) {
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
