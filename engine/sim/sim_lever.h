/* sim_lever: the teacher's levers. Between two months a person may change a few parameters of
 * the model in a running game and watch the consequence: how fast the hub's revenue grows, how
 * much the market rewards an announcement, the mood of the market, lenders' appetite, the
 * rate of interest, and how far over their budgets the giants may commit.
 *
 * A change takes effect from the next month and is recorded as a SIM_LOG_LEVER event (other: the
 * lever, amount: the new value, aux: the old one, text: a sentence), so the record shows it and
 * a game rebuilt from a save can put the scenario-side settings back (sim_lever_restore: a save
 * reads its scenario afresh). Pure: no I/O; changes only the world it is given.
 *
 * Ownership: the lever table is static; nothing is allocated but the event. */
#ifndef SIM_LEVER_H
#define SIM_LEVER_H

#include "sim_world.h"

#include <stddef.h>

typedef enum {
    SIM_LEVER_REVENUE_GROWTH, /* the hub's revenue growth, a year (and its long-run floor) */
    SIM_LEVER_NEWS_REWARD,    /* the market's first-day reward for an announcement (scale) */
    SIM_LEVER_SENTIMENT,      /* the market's mood now, -1 fear .. 1 euphoria */
    SIM_LEVER_CREDIT,         /* lenders' appetite: market.credit_appetite */
    SIM_LEVER_INTEREST,       /* the annual rate of interest on credit */
    SIM_LEVER_BUDGET,         /* how far over its yearly budget a giant may commit */
    SIM_LEVER_COUNT
} SimLever;

/* What people read of a lever (its name, a line on what it does) is in the string tables under
 * "lever.<id>.name" and "lever.<id>.help" (ui_levers shows them); sim keeps the ids and, for the
 * record, one English name: the text of a lever event is saved with the game and must be the
 * same whatever language the game is told in. */
typedef struct {
    const char *id;   /* "revenue_growth" ... */
    const char *name; /* the record's name: "Hub's revenue growth" (event texts, logs) */
    double min, max, step;
    int percent; /* shown as a percentage */
} SimLeverInfo;

const SimLeverInfo *sim_lever_info(SimLever l);
/* The lever of an id, or -1. */
int sim_lever_parse(const char *id);

double sim_lever_get(const SimWorld *w, SimLever l);

/* Sets lever l to v, clamped into its range, and records the change. 0, or -1 with err (an
 * unknown lever, a value that is not a number, memory). A value equal to the current one
 * records nothing. */
int sim_lever_set(SimWorld *w, SimLever l, double v, char *err, size_t errsz);

/* Applies again, in order, the scenario-side settings of every lever change in w's record. */
void sim_lever_restore(SimWorld *w);

#endif
