/* ui_place: where the map's labels go, clear of each other, of the nodes and of the edges.
 *
 * A pure function of boxes: the nodes as discs, the edges as segments with a half-width, boxes
 * already fixed, and for each label the sizes its text can take (its full text first, then
 * shorter forms). ui_place_labels places the labels one after the other in the order given (the
 * caller puts the most important first: the hub, then the largest firms). For each label it
 * tries candidate boxes around its node: 24 directions, starting from the preferred one and
 * turning either way, at growing distances from the rim; near places (the first three
 * distances) with every size before far ones, the fullest text first at each distance. The
 * first candidate that covers nothing (inside the view, off every disc, off every placed or
 * fixed box by `margin`, crossed by no segment) wins. A label with no clear place is not shown
 * (the caller gives it on hover), unless it is marked `must`: then it takes the place that
 * covers least (first whatever it must never cover: the view's edge, discs and boxes; then
 * segments), with its shortest text. When some are left out, the placement is tried again
 * (up to sixteen times in all) with those first, after the ones that must show, and the try that
 * shows most is kept: a greedy order otherwise lets large labels take the only place a small
 * neighbour had.
 *
 * Deterministic: the same input gives the same boxes. No fonts, no renderer: tests call it
 * with boxes of their own. Cost: labels x sizes x candidates x (discs + boxes + segments). */
#ifndef UI_PLACE_H
#define UI_PLACE_H

#include <SDL.h>

#define UI_PLACE_SIZES 4

typedef struct {
    float x, y, r;
} UiPlaceDisc;

typedef struct {
    float x0, y0, x1, y1, half; /* a segment and half its drawn width */
} UiPlaceSeg;

typedef struct {
    int disc;    /* the node it names (index into the discs) */
    float pref;  /* preferred direction from the node's centre, radians (0: right, pi/2: down) */
    int n_sizes; /* 1..UI_PLACE_SIZES */
    float w[UI_PLACE_SIZES], h[UI_PLACE_SIZES]; /* fullest text first */
    int must;                                   /* 1: shown even where nothing is clear */
    int near;                                   /* 1: only near its node (the first distances) */
    int edges_ok; /* 1: it may lie across edges (it needs only to clear discs and boxes) */
} UiPlaceLabel;

typedef struct {
    SDL_FRect box; /* w = 0: not shown */
    int size;      /* which of the label's sizes; -1: not shown */
    int clear;     /* 1: it covers nothing */
    int far;       /* 1: placed away from its node (draw a leader line to it) */
} UiPlaceOut;

typedef struct {
    SDL_FRect view;
    const UiPlaceDisc *discs;
    int n_discs;
    const UiPlaceSeg *segs;
    int n_segs;
    const SDL_FRect *fixed; /* boxes already there (w = 0 ignored) */
    int n_fixed;
    float gap;    /* from a node's rim to its label */
    float margin; /* between two boxes, around discs and segments, and off the view's edges */
} UiPlaceScene;

/* Places n labels into out[0..n-1]; returns how many are shown (0 with none shown if memory
 * runs out). */
int ui_place_labels(const UiPlaceScene *s, const UiPlaceLabel *labels, int n, UiPlaceOut *out);

/* The tests' measures, the same ones the placement uses: do two boxes overlap (by more than
 * touching)? Does the segment (with half-width `half`) cross the box? Does the disc? */
int ui_place_boxes_meet(SDL_FRect a, SDL_FRect b);
int ui_place_seg_meets(SDL_FRect r, float x0, float y0, float x1, float y1, float half);
int ui_place_disc_meets(SDL_FRect r, float cx, float cy, float rad);

/* Clips the segment (x0,y0)-(x1,y1) to the box r in place (Liang-Barsky); 0 if nothing of it is
 * inside (the chart clips its lines to the plot with it). */
int ui_place_clip_segment(SDL_FRect r, float *x0, float *y0, float *x1, float *y1);

#endif
