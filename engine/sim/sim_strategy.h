/* sim_strategy: how an actor decides, as a table of function pointers.
 *
 * Each turn the engine hands every strategy a read-only view (the world and who it is) and
 * collects intents: propose a deal, accept, reject or counter one addressed to it, release a right
 * it holds, or pass. The engine validates every intent and resolves all of them together; a bad
 * intent is dropped with a message. This header depends on no other part of sim/ but the deal
 * terms: the native strategies (sim_native.h: history, baseline) and the Lua ones (script/) are
 * users of it beside each other, and the turn (sim_turn) calls through it. The two that need no
 * model, passive and the queued seat of a person, live here. A strategy owns its `self`; the
 * engine calls `destroy` once when the game ends. */
#ifndef SIM_STRATEGY_H
#define SIM_STRATEGY_H

#include "sim_deal.h"

#include <stddef.h>

struct SimWorld;
struct SimEvent;

typedef enum {
    SIM_INTENT_PASS,
    SIM_INTENT_PROPOSE, /* terms: a new deal; the proposer must be its payer or payee */
    SIM_INTENT_ACCEPT,  /* deal: an open proposal addressed to this actor */
    SIM_INTENT_REJECT,  /* deal: an open proposal addressed to this actor */
    SIM_INTENT_COUNTER, /* deal + terms: reject and propose new terms back */
    SIM_INTENT_RELEASE, /* deal: a right (exclusivity) this actor holds */
    SIM_INTENT_SELL,    /* actor, shares: sell that many billion shares of actor it holds */
    SIM_INTENT_EXIT,    /* deal: cancel a live deal it is party to, paying the exit penalty */
    SIM_INTENT_RESCUE,  /* actor, amount: put amount ($B) into a distressed actor now, for new
                           shares at its price (sim_turn: a rescue) */
    SIM_INTENT_KIND_COUNT
} SimIntentKind;

typedef struct {
    SimIntentKind kind;
    int deal;
    SimTerms terms;
    int history_event; /* the scenario event a history strategy replays, or -1 */
    int actor;         /* sell: the issuer whose shares are sold, or -1 */
    double shares;     /* sell: billions of the issuer's shares */
    double amount;     /* rescue: $B put in */
    char reason[SIM_REASON_LEN];
    int made; /* set by the turn: the deal a propose or counter made (its offer), or -1 */
} SimIntent;

#define SIM_MAX_INTENTS 16
#define SIM_MAX_NOTES   4

typedef struct {
    SimIntent v[SIM_MAX_INTENTS];
    int n;
    int overflow; /* intents that did not fit (reported as dropped) */
    /* Intents the strategy itself threw out before handing them over (a script's malformed
     * ones): the engine records each as a dropped intent, so the story and the record show it. */
    char notes[SIM_MAX_NOTES][SIM_REASON_LEN];
    int n_notes;
    int notes_lost; /* notes beyond SIM_MAX_NOTES, counted */
} SimIntentList;

/* Adds a note of an intent the strategy dropped itself (see SimIntentList). */
void sim_intents_note(SimIntentList *l, const char *text);

typedef struct {
    const struct SimWorld *world;
    int self;
} SimView;

typedef struct SimStrategy {
    const char *name; /* "history", "baseline", a script path ... */
    void *self;
    /* Called once before the first turn. Optional. */
    int (*init)(void *self, const SimView *view, char *err, size_t errsz);
    /* Fills out; returns 0, or -1 with err (the actor then loses the turn). */
    int (*decide)(void *self, const SimView *view, SimIntentList *out, char *err, size_t errsz);
    /* Told of each event of the turn that concerns the actor. Optional. */
    void (*on_event)(void *self, const SimView *view, const struct SimEvent *ev);
    /* Frees self. Optional. */
    void (*destroy)(void *self);
} SimStrategy;

/* Appends an intent; counts an overflow instead when the list is full. Returns the slot or NULL. */
SimIntent *sim_intents_push(SimIntentList *l, SimIntentKind kind);

const char *sim_intent_kind_name(SimIntentKind k);

/* Makes out a strategy with no state of its own: name and decide, nothing to free. Returns 0. */
int sim_strategy_stateless(SimStrategy *out, const char *name,
                           int (*decide)(void *self, const SimView *view, SimIntentList *out,
                                         char *err, size_t errsz));

/* Does nothing, ever: the fallback for broken scripts and the "no strategy" of tests. */
int sim_strategy_passive(SimStrategy *out);

/* A seat for a person: decide hands over the intents queued since the last turn, then empties
 * the queue. The window (or a replay) fills the queue before each step. 0, or -1 if memory runs
 * out. Its name is "human". */
int sim_strategy_queued(SimStrategy *out);

/* The queue of a strategy made by sim_strategy_queued (NULL for any other): push intents with
 * sim_intents_push before the step; the next decide takes them all. */
SimIntentList *sim_strategy_queue(SimStrategy *s);

/* Whether s was made by sim_strategy_queued. */
int sim_strategy_is_queued(const SimStrategy *s);

void sim_strategy_destroy(SimStrategy *s);

#endif
