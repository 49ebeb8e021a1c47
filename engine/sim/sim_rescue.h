/* sim_rescue: buying a failed firm. A rescue intent (SIM_INTENT_RESCUE) names a firm in distress
 * (sim_turn: money in for new shares) or one that has defaulted: then the rescuer buys the failed
 * firm whole for the price it names. The price goes to the failed firm's creditors, pro rata to
 * their claims (raising what they recover); the rescuer gets every share of the failed firm (its
 * old shareholders are wiped out, creditors first) and what its estate still holds: its cash and
 * its shares of other firms. A failed firm is bought once; the price must be at least what the
 * estate is worth to outside buyers (sim_rescue_estate). docs/model.md section 16.4. */
#ifndef SIM_RESCUE_H
#define SIM_RESCUE_H

#include "sim_world.h"

/* What outside buyers would pay now for failed firm j's estate, $B: its cash, its shares of
 * other firms at what a forced sale fetches (sim_turn_sale_proceeds), and its own shares at the
 * price they still trade at (what is left of its business, as the market reads it). */
double sim_rescue_estate(const SimWorld *w, int j);

/* The actor that bought failed firm j, or -1 if nobody has (read from the record: a rescue event
 * after j's default). */
int sim_rescue_buyer(const SimWorld *w, int j);

/* Whether a rescue of j can be asked for at all: j is in distress (sim_turn_distressed) or has
 * defaulted and was not bought yet. For a window's "Rescue" action. */
int sim_rescue_open(const SimWorld *w, int j);

/* Books buyer's purchase of failed firm j for `price` (validated by sim_turn: j defaulted, not
 * bought, price >= sim_rescue_estate, within the buyer's means): the buyer funds itself if it
 * must, pays the price into the estate, the estate pays it to the creditors (flow `recovery`),
 * hands its cash to the buyer (flow `estate`), its shares of others pass to the buyer, and every
 * share of j becomes the buyer's. Logs a SIM_LOG_RESCUE event (amount: the price, value: the
 * shares, aux 1: the whole company, change: what the estate was worth to outside buyers).
 * Returns 1 if booked, 0 if the buyer could not raise the price after all (nothing booked),
 * -1 if memory runs out. */
int sim_rescue_buy(SimWorld *w, int buyer, int j, double price, const char *reason);

#endif
