/* ui_map_int: the private state of a UiMap and the sizes its three files share: ui_map.c (the
 * layout: nodes, edges, lanes, particles), ui_map_draw.c (plates placed clear of each other, the
 * drawing, the legend) and ui_map_hit.c (hit tests and tooltips). No other module includes it.
 * The UiMap owns its arrays (ui_map_destroy frees them); the world is the caller's. */
#ifndef UI_MAP_INT_H
#define UI_MAP_INT_H

#include "ui_map.h"

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

#endif
