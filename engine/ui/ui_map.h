/* ui_map: the flow map: actors as nodes, live deals as edges, money as particles.
 *
 * ui_map_layout computes, for one world at one turn and one viewport, where everything goes:
 * the hub in the middle, the other actors on an ellipse ordered by role (giants, then outside
 * players) then id, starting half a slot right of the top so that nothing sits straight above or
 * below the hub; node radius proportional to sqrt(market value) between a minimum and a maximum;
 * one edge per (payer, payee, flow family) aggregating the live deals, width by the monthly
 * payment, parallel lanes when a pair has several; deals that defaulted stay on the map as
 * broken edges, so the end of a game shows where the loop broke. The layout is deterministic and
 * scales with the viewport. ui_map_draw draws it (particles at an animation phase in [0, 1)),
 * ui_map_hit finds what is under a point and ui_map_tooltip describes it.
 *
 * `turn` is a snapshot index, 0..w->turn: the state after that many months (sim_snap). The
 * month on show is sc->start + turn - 1, and its announcements are the events with
 * e->turn == turn - 1.
 *
 * Ownership: ui_map_create / ui_map_destroy; the map owns its node and edge arrays. After a
 * layout the map keeps a pointer to the world, which must stay alive and unchanged while the
 * map is drawn, hit-tested or described; lay it out again after every turn. */
#ifndef UI_MAP_H
#define UI_MAP_H

#include "sim_world.h"
#include "ui_draw.h"

#include <SDL.h>
#include <stddef.h>

#define UI_MAP_EDGE_DEALS 8 /* deals an edge remembers for its tooltip */

typedef struct {
    float x, y, r;   /* centre and radius, pixels */
    float angle;     /* direction from the hub, radians (the hub: -pi/2) */
    int slot;        /* 0 for the hub, 1.. around the ellipse */
    double value;    /* market value, $B */
    double change;   /* price change over the month on show (fraction) */
    double since;    /* market value change since the start of the game (fraction): the plate's
                        figure, as the debrief's table and the final table have it */
    double reaction; /* its own first-day moves on the month's announcements (fraction) */
    int n_reactions; /* how many */
    double circular; /* circularity as a vendor of anyone (the snapshot's) */
    SDL_FRect label; /* the name/value plate */
    SDL_FRect badge; /* the announcement badge (w = 0: none) */
    SDL_FRect tag;   /* the "circular N%" tag on its edge to the hub (w = 0: none) */
} UiMapNode;

typedef struct {
    int from, to; /* payer and payee actor indexes; to = SIM_WORLD for builds */
    UiFamily family;
    double monthly;        /* $B a month under the schedules of its deals */
    double monthly_active; /* of which deals delivering this month (particles) */
    float x0, y0, x1, y1;  /* the drawn segment, payer end to payee end, pixels */
    float width;
    double circular; /* > 0: an edge with circular money (vendor-hub, or a payer to a vendor that
                        financed it) */
    int broken;      /* 1: deals that defaulted (drawn thin, dashed, in the fall colour) */
    int deals[UI_MAP_EDGE_DEALS];
    int n_deals; /* all its deals (only the first UI_MAP_EDGE_DEALS are listed) */
} UiMapEdge;

typedef enum { UI_HIT_NONE, UI_HIT_NODE, UI_HIT_EDGE } UiHitKind;

typedef struct {
    UiHitKind kind;
    int index; /* actor index for a node, edge index for an edge */
} UiMapHit;

typedef struct UiMap UiMap;

/* NULL with err if memory runs out. */
UiMap *ui_map_create(char *err, size_t errsz);
void ui_map_destroy(UiMap *m);

/* Lays out world w at snapshot `turn` (clamped to 0..w->turn) in the pixel rectangle view,
 * with sizes in logical units times scale. Returns 0, or -1 with err if memory runs out. */
int ui_map_layout(UiMap *m, const SimWorld *w, int turn, SDL_FRect view, double scale, char *err,
                  size_t errsz);

int ui_map_turn(const UiMap *m);
int ui_map_node_count(const UiMap *m);
/* Node of actor i (0 <= i < node count). */
const UiMapNode *ui_map_node(const UiMap *m, int i);
/* 1 if actor i's plate is set away from its node and joined to it by a leader line (after a
 * draw), else 0. */
int ui_map_node_leader(const UiMap *m, int i);
int ui_map_edge_count(const UiMap *m);
/* Actor i's place in the order of failures as the map shows it in its node (1: the first to
 * fail), or 0 if it has not failed by the month on show. */
int ui_map_fail_order(const UiMap *m, int i);
const UiMapEdge *ui_map_edge(const UiMap *m, int k);

/* The particles of edge k at animation phase in [0, 1): up to max points on the edge's segment,
 * moving from payer to payee as phase grows; count by the active monthly amount. Returns the
 * count written (0 for edges with nothing paid this month). Deterministic. */
int ui_map_particles(const UiMap *m, int k, double phase, SDL_FPoint *out, int max);

/* Draws the laid-out map (edges, glows, particles, nodes, labels, badges) and records where the
 * label plates and badges went (they need the fonts to be measured). */
void ui_map_draw(UiMap *m, UiDraw *d, double phase);
/* The same in two parts, for a window that keeps the still part as a texture for the whole turn:
 * everything but the particles (edges, nodes, labels, badges, tags; it also places the labels),
 * then the particles alone, drawn over it (they skip what lies under nodes and labels). */
void ui_map_draw_static(UiMap *m, UiDraw *d);
void ui_map_draw_particles(UiMap *m, UiDraw *d, double phase);

/* A legend (the flow families, circular money, the marks) left-aligned in area, wrapped onto
 * as many rows as area.w needs, every entry whole; centred vertically in area. Where the whole
 * would take more than three rows, or more than two in a map narrower than 860 units (the
 * enlarged layout's), the marks are left out and the flows take two rows at most. Returns the box
 * it covers. ui_map_legend_height: the height it needs at a given width. */
float ui_map_legend_height(UiDraw *d, float width);
/* A flow family's name in the language in use ("investment", "payment", ...; map.family.*): the
 * legends' and tooltips' word (ui_family_name is the English one). */
const char *ui_map_family_name(UiFamily f);
SDL_FRect ui_map_draw_legend(UiDraw *d, SDL_FRect area);

/* What is under (x, y): a node (within its radius) before an edge (within its half-width plus
 * a few pixels, nearest first). */
UiMapHit ui_map_hit(const UiMap *m, float x, float y);

/* Tooltip text for a hit, lines separated by '\n'. Node: market value and change, cash and
 * debt, exposure to the hub, obligations; edge: each deal's kind, amount, months and what has
 * been paid so far. Returns the length written (0 for UI_HIT_NONE). */
int ui_map_tooltip(const UiMap *m, UiMapHit hit, char *buf, size_t bufsz);

#endif
