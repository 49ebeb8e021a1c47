/* sim_param: the scenario's tunable numbers by name, one table for every command that changes
 * them: `batch --vary` sweeps them, `sensitivity` screens them, and the scenario loader checks a
 * scenario's declared "sensitivity" ranges against them.
 *
 * A parameter is named by its JSON path in the scenario file: target_gw, market.NAME (a number
 * of the "market" object) or actors.ID.NAME (a number of the actor with that id). Each field of
 * the table carries the range the scenario loader accepts for it (docs/scenario-format.md), so a
 * value set through this table is one the loader would have taken. Adding a row to the table in
 * sim_param.c is the one step that makes a scenario number sweepable and screenable. Nothing here
 * allocates. */
#ifndef SIM_PARAM_H
#define SIM_PARAM_H

#include "sim_scenario.h"

#include <stddef.h>

/* Longest parameter name, with its NUL (actors.ID.NAME with the longest id). */
#define SIM_PARAM_NAME_LEN 96

/* A parameter resolved against a scenario: a field of the table and, for actors.*, the actor. */
typedef struct {
    int field; /* index in the table */
    int actor; /* the actor of an actors.* parameter, else -1 */
} SimParamRef;

/* Why sim_param_find refused a name. */
typedef enum {
    SIM_PARAM_OK = 0,
    SIM_PARAM_UNKNOWN = -1,    /* no such field (sim_param_names lists them) */
    SIM_PARAM_ACTOR_FORM = -2, /* actors.X without .NAME, or an id too long */
    SIM_PARAM_NO_ACTOR = -3,   /* actors.ID.NAME with an ID the scenario does not have */
} SimParamStatus;

/* Resolves name against sc. SIM_PARAM_OK and *ref, or the reason; for SIM_PARAM_NO_ACTOR the id
 * is copied into id (idsz bytes) for the message. */
SimParamStatus sim_param_find(const SimScenario *sc, const char *name, SimParamRef *ref, char *id,
                              size_t idsz);

/* The number the parameter names, inside sc (to read or to set). */
double *sim_param_slot(SimScenario *sc, const SimParamRef *ref);
double sim_param_get(const SimScenario *sc, const SimParamRef *ref);

/* Whether v is a value the scenario loader accepts for the field. */
int sim_param_accepts(const SimParamRef *ref, double v);

/* The accepted range of the field: lowest value (excluded when *min_open), highest (1e6 stands
 * for no bound: sim_param_bounded says whether there is one). */
void sim_param_range(const SimParamRef *ref, double *min, double *max, int *min_open);
int sim_param_bounded(const SimParamRef *ref);

/* "market.jump_payee, ..., actors.ID.sentiment_beta" into buf. */
void sim_param_names(char *buf, size_t bufsz);

#endif
