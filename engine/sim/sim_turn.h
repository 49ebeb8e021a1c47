/* sim_turn: one month of the game, in a fixed order.
 *
 *  1. scheduled scenario events fire (news, shocks, threats);
 *  2. every strategy sees a read-only view and returns intents, in actor order; none sees
 *     another's intents of this turn;
 *  3. the engine validates them and resolves them together: releases, then answers to open
 *     proposals (accept, reject, counter), then new proposals; old proposals expire;
 *  4. accepted deals are announced and the market reacts;
 *  5. revenue and running costs are booked, payments fall due (the hub funds itself by selling
 *     warrant shares, raising equity and drawing credit; what it still cannot pay is missed);
 *  6. defaults and their losses along the exposure graph;
 *  7. the monthly market move; the snapshot; the books are checked; end conditions.
 * Pure and deterministic: the same world, seed and strategies give the same game. */
#ifndef SIM_TURN_H
#define SIM_TURN_H

#include "sim_world.h"

#include <stddef.h>

/* Calls each strategy's init. Call once before the first step. */
int sim_turn_start(SimWorld *w, char *err, size_t errsz);

/* Plays one turn. Returns 0, 1 if the game ended with this turn (w->end says why), or -1 with err
 * on an engine failure (memory, or the books failed their check). */
int sim_turn_step(SimWorld *w, char *err, size_t errsz);

/* Plays until the end or max_turns more turns (max_turns < 0: no limit). Same returns. */
int sim_turn_run(SimWorld *w, int max_turns, char *err, size_t errsz);

/* Validates an intent of actor `who` against the world as it stands; 0 or -1 with why. */
int sim_turn_validate(const SimWorld *w, int who, const SimIntent *in, char *err, size_t errsz);
/* The same, also saying why as data into *why (NULL: not wanted; SIM_REFUSE_NONE if valid), for a
 * window that tells the player in their language. */
int sim_turn_validate_why(const SimWorld *w, int who, const SimIntent *in, SimRefusal *why,
                          char *err, size_t errsz);

/* Role i's score from its objective, at the current turn. */
double sim_score(const SimWorld *w, int i);

/* The four terms of sim_score, which sums them in this order: value (w_value x the share
 * price's change, a fraction), compute (w_compute x the hub's compute / target), exposure
 * (w_exposure x exposure / market value), survival (w_survival if the actor did not default). */
#define SIM_SCORE_PARTS 4
void sim_score_parts(const SimWorld *w, int i, double parts[SIM_SCORE_PARTS]);

/* Exits (SIM_INTENT_EXIT). Whether deal d is of a kind that can be exited as it stands: a live
 * compute, chip, lease or co-development contract, an equity tranche schedule, or a loan with
 * nothing drawn and owed (its undrawn part). */
int sim_turn_exitable(const SimDeal *d);
/* What is still scheduled under d from this month on, $B (a loan: its undrawn draws). */
double sim_turn_exit_scheduled(const SimWorld *w, const SimDeal *d);
/* What actor `who` pays to exit d now: market.exit_penalty x what is still scheduled, plus the
 * deal's arrears if `who` owes them. $B. */
double sim_turn_exit_cost(const SimWorld *w, const SimDeal *d, int who);

/* Sales (SIM_INTENT_SELL): what `shares` billion shares of `issuer` fetch now, $B: the market
 * price (the hub's mark) less market.sell_impact x sqrt(value sold / issuer's market value),
 * the discount written into *discount if wanted (at most 1). */
double sim_turn_sale_proceeds(const SimWorld *w, int issuer, double shares, double *discount);

/* A firm in distress, which a rescue intent may put money into: not defaulted, and it missed a
 * payment in the months just past or the market reads its default probability at
 * SIM_RESCUE_PD or more. */
#define SIM_RESCUE_PD 0.5
int sim_turn_distressed(const SimWorld *w, int i);

#endif
