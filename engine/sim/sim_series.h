/* sim_series: the per-actor series of a snapshot (SimSnap), declared once, by name.
 *
 * SIM_SERIES below is the one list of a snapshot's fields: each row gives the field's name (the
 * key of saves, histories and charts), its kind (which says its C type, its unit and whether it
 * is an integer) and the bounds a reader accepts. SimSnap is generated from it, so it stays a
 * plain struct (the month's code reads its fields directly), and sim_series[] is the same list
 * as data for the code that writes, reads or draws series without naming each one: dat_save,
 * dat_history, ui_panel. A new figure is one row here, filled in sim_world.c's snapshot(); a
 * figure computed from the others alone is one row of SIM_SERIES_DERIVED and nothing else.
 * Everything here is constant data; nothing allocates. */
#ifndef SIM_SERIES_H
#define SIM_SERIES_H

#include <stddef.h>

/* The largest magnitude a reader accepts for a figure (the same as dat_save's DAT_SAVE_BIG). */
#define SIM_SERIES_BIG 1e15

typedef enum {
    SIM_SERIES_MONEY, /* $B */
    SIM_SERIES_GW,    /* gigawatts of compute */
    SIM_SERIES_SHARE, /* a fraction, 0..1 */
    SIM_SERIES_PLAIN, /* a number in units of its own (a price, billions of shares) */
    SIM_SERIES_FLAG,  /* an int, 0 or 1 */
    SIM_SERIES_ACTOR  /* an int, an actor index or -1 for none */
} SimSeriesKind;

/* The C type of each kind, for the struct. */
#define SIM_SERIES_CTYPE_SIM_SERIES_MONEY double
#define SIM_SERIES_CTYPE_SIM_SERIES_GW    double
#define SIM_SERIES_CTYPE_SIM_SERIES_SHARE double
#define SIM_SERIES_CTYPE_SIM_SERIES_PLAIN double
#define SIM_SERIES_CTYPE_SIM_SERIES_FLAG  int
#define SIM_SERIES_CTYPE_SIM_SERIES_ACTOR int

/* Bounds a save's reader accepts, as "lo, hi". An ACTOR's upper bound is the world's last actor
 * whatever the row says. */
#define SIM_SERIES_ANY   -SIM_SERIES_BIG, SIM_SERIES_BIG /* any figure */
#define SIM_SERIES_POS   0, SIM_SERIES_BIG               /* not negative */
#define SIM_SERIES_BOOL  0, 1
#define SIM_SERIES_INDEX -1, SIM_SERIES_BIG

/* X(name, kind, bounds): one actor at the end of one turn. The order is the order of saves and
 * histories. */
/* clang-format off */
#define SIM_SERIES(X) \
    X(cash,               SIM_SERIES_MONEY, SIM_SERIES_ANY) \
    X(debt,               SIM_SERIES_MONEY, SIM_SERIES_ANY) \
    X(revenue,            SIM_SERIES_MONEY, SIM_SERIES_ANY) \
    X(price,              SIM_SERIES_PLAIN, SIM_SERIES_POS) \
    X(shares,             SIM_SERIES_PLAIN, SIM_SERIES_POS) \
    X(market_value,       SIM_SERIES_MONEY, SIM_SERIES_ANY) \
    X(compute_owned,      SIM_SERIES_GW,    SIM_SERIES_ANY) \
    X(compute_contracted, SIM_SERIES_GW,    SIM_SERIES_ANY) \
    /* to every other actor: what it stands to lose if each one failed, summed (in a star \
       around one hub, its exposure to the hub) */ \
    X(exposure,           SIM_SERIES_MONEY, SIM_SERIES_ANY) \
    /* payments it owes under live deals, the whole remaining schedule */ \
    X(obligations,        SIM_SERIES_MONEY, SIM_SERIES_ANY) \
    X(due_12m,            SIM_SERIES_MONEY, SIM_SERIES_ANY) /* of which due in 12 months */ \
    /* as a vendor of anyone: the share of what the others paid it (contract instalments, \
       revenue share) that it financed itself, along any path (sim_network_trace), since the \
       start */ \
    X(circularity,        SIM_SERIES_SHARE, SIM_SERIES_ANY) \
    X(fundamental,        SIM_SERIES_MONEY, SIM_SERIES_ANY) /* equity on its fundamentals (Merton, sim_value) */ \
    X(pd,                 SIM_SERIES_SHARE, SIM_SERIES_ANY) /* default probability the market reads (1 once defaulted) */ \
    X(exposure_top,       SIM_SERIES_MONEY, SIM_SERIES_POS) /* to its largest counterparty alone */ \
    X(defaulted,          SIM_SERIES_FLAG,  SIM_SERIES_BOOL) \
    X(top,                SIM_SERIES_ACTOR, SIM_SERIES_INDEX) /* that counterparty, or -1 if it is exposed to no one */

/* X(name, kind, bounds, expr): figures computed from the snapshot's own fields (`s`, a SimSnap *)
 * once they are filled; saved and read like the others. None in the game yet; the test build of
 * tests/test_recipe_chart.c adds one to try the recipe (docs/architecture.md, "A new chart"). */
#ifdef SIM_TEST_EXTRA_SERIES
#define SIM_SERIES_DERIVED(X) \
    X(compute_total,      SIM_SERIES_GW,    SIM_SERIES_POS, s->compute_owned + s->compute_contracted)
#else
#define SIM_SERIES_DERIVED(X)
#endif
/* clang-format on */

#define SIM_SERIES_FIELD_(name, kind, ...) SIM_SERIES_CTYPE_##kind name;

typedef struct {
    SIM_SERIES(SIM_SERIES_FIELD_)
    SIM_SERIES_DERIVED(SIM_SERIES_FIELD_)
} SimSnap;

#define SIM_SERIES_COUNT_(...) +1
enum { SIM_N_SERIES = 0 SIM_SERIES(SIM_SERIES_COUNT_) SIM_SERIES_DERIVED(SIM_SERIES_COUNT_) };

typedef struct {
    const char *name;
    SimSeriesKind kind;
    size_t off; /* offsetof(SimSnap, name) */
    double lo, hi;
} SimSeries;

/* Every series, in the order of SIM_SERIES then SIM_SERIES_DERIVED. */
extern const SimSeries sim_series[SIM_N_SERIES];

/* 1 for the kinds stored as an int (FLAG, ACTOR). */
int sim_series_is_int(const SimSeries *se);

/* The index of the series called name, or -1. */
int sim_series_find(const char *name);

/* Series k of s, as a double (ints converted); and the setter (ints truncated toward zero: give
 * them whole numbers). */
double sim_series_get(const SimSnap *s, int k);
void sim_series_set(SimSnap *s, int k, double v);

/* Fills s's SIM_SERIES_DERIVED figures from its other fields. */
void sim_series_derive(SimSnap *s);

#endif
