/* dat_record: the records a save and a replay write the same way: intents (with the terms of a
 * deal) and Lua memory trees; and the tables of an actor's and a deal's plain numbers, which the
 * save's writer (dat_save_write.c) and reader (dat_save.c) both go through, in one order.
 *
 * Intents are an array of objects; a proposal's terms are checked as the game would check them
 * (sim_terms_check) and refused in the reader's language. A Lua memory tree (view.memory) travels
 * as a CoreValue (core_value.h): a table is an array of [key, value] pairs; an integral JSON
 * number is an integer, another number a float; {"int": "..."} an integer beyond 2^53,
 * {"float": x} an integral float (3.0, -0.0, 1e20), {"hex": "..."} a string of bytes that is not
 * UTF-8. What a reader reads is the caller's to free (core_value_clear for a tree). */
#ifndef DAT_RECORD_H
#define DAT_RECORD_H

#include "core_value.h"
#include "dat_field.h"
#include "sim_world.h"

/* $B, GW, shares: anything past this is corruption, not a game. */
#define DAT_SAVE_BIG       1e15
#define DAT_SAVE_MAX_DEALS 1000000

/* SimValue is a row of doubles, saved as an array in its field order. */
#define DAT_VAL_FIELDS ((int)(sizeof(SimValue) / sizeof(double)))
_Static_assert(sizeof(SimValue) % sizeof(double) == 0, "SimValue: doubles only, saved as a row");

/* A list of intents as JSON, and back (actors as indexes of a world of n_actors). The reader
 * checks kinds, ranges and terms (sim_terms_check). */
void dat_intents_write(DatBuf *b, const SimIntentList *l);
int dat_intents_read(DatReader *r, const cJSON *arr, int n_actors, SimIntentList *out);

/* The terms of a deal as an object, and back (v at the reader's path); dat_terms_check is 0 if
 * the terms are valid, else fails r with sim_terms_check's refusal in the reader's language. */
void dat_terms_write(DatOut *o, const SimTerms *t);
int dat_terms_read(DatReader *r, const cJSON *v, int n_actors, SimTerms *t);
int dat_terms_check(DatReader *r, const SimTerms *t, int n_actors);

/* The runs of plain numbers of an actor (debt .. committed_now) and of a deal (proposed_turn ..
 * end_turn), written and read in the file's order. */
void dat_actor_fields_write(DatOut *o, const SimActor *a);
int dat_actor_fields_read(DatReader *r, const cJSON *v, SimActor *a);
void dat_deal_fields_write(DatOut *o, const SimDeal *d);
int dat_deal_fields_read(DatReader *r, const cJSON *v, SimDeal *d);

/* A Lua memory tree, and back (j at the reader's path; at most 2^20 values, 32 tables deep). */
void dat_memory_write(DatOut *o, const CoreValue *v);
int dat_memory_read(DatReader *r, const cJSON *j, CoreValue *v);

#endif
