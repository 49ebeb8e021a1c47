/* sim_cascade: the month's defaults, cleared over the whole network of what firms owe each other
 * (Eisenberg-Noe with Rogers-Veraart default costs, sim_clear), and the order of failures.
 *
 * After the month's money, a firm that has missed payments market.missed_to_default months in a
 * row fails (the payment rule). If any does, the network is cleared: every firm's debts to the
 * others and to the world (loan balances, arrears, credit lines) are L; a firm's outside assets
 * are its cash, the shares it holds at what a forced sale fetches, and the rest of its balance
 * sheet (its business, backlog and stakes, sim_value) without its loans to others, which it is
 * paid through L. A firm the rule has not failed is taken as able to pay what it owes when
 * everyone pays it, so it fails in the clearing only through its losses on others: round 2 and
 * on. Each defaulter's estate sells its shares (pushing their prices down by the sale's
 * discount, market.sell_impact), sells its business and its claims on firms that still pay to
 * outside buyers, pays each creditor what the clearing vector gives (sim_clear_paid), and loses
 * the default costs to the world; every amount is a flow in the books. Then sim_market_default_
 * cleared ends its deals and writes down what the clearing does not cover. docs/model.md
 * section 16 has the equations. */
#ifndef SIM_CASCADE_H
#define SIM_CASCADE_H

#include "sim_clear.h"
#include "sim_world.h"

/* The text of the SOLD event of a defaulter's forced sale of the shares it held. */
#define SIM_CASCADE_FORCED_SALE "forced sale"

/* Fails the firms the payment rule fails this month and whoever fails with them in the
 * clearing. Does nothing (and allocates nothing) in a month without a new default. Returns the
 * number of firms that failed, or -1 if memory runs out. */
int sim_cascade_month(SimWorld *w);

/* The network of the last clearing (w->clear_turn >= 0): n + 1 firms, the world last. */
SimClearNet sim_cascade_net(const SimWorld *w);

/* Each live actor's systemic weight now (DebtRank, sim_network): the share of the system's
 * value its failure would put at risk beyond its own, from what each owes the others under live
 * deals (less recovery) and the shares each holds of the others, against each one's equity.
 * Defaulted actors get 0. rank: n values. Returns 0, or -1 if memory runs out. The month's
 * clearing records each defaulter's weight, taken just before it failed, in its DEFAULT event's
 * `value`. */
int sim_cascade_debtrank(const SimWorld *w, double *rank);

/* The round of actor i's default in its month's cascade (1: it failed on its own, k: because of
 * the failures of rounds before), or 0 if it has not defaulted (or failed outside a clearing).
 * Read from the event log, so a restored save knows it too. */
int sim_default_round(const SimWorld *w, int i);

/* Actor i's place in the order of failures over the whole game (1: the first to fail; firms of
 * one month by round, then by the scenario's order), or 0 if it has not defaulted. */
int sim_default_order(const SimWorld *w, int i);

/* The defaulter whose failure took actor i down (the largest shortfall on its claims in the
 * clearing), or -1 (it failed on its own, or has not failed). */
int sim_default_cause(const SimWorld *w, int i);

#endif
