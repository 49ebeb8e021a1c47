/* sim_budget: the budget rules: what a party may commit to through a deal (docs/budget-rules.md).
 *
 * Every party that pays under terms is checked over the whole schedule, whatever its delay: the
 * payer; a joint venture's payee on its share; a loan's lender on its draws; a guarantor at
 * SIM_GUARANTEE_WEIGHT of the draws it guarantees; a revenue share's payer at its revenue now.
 *  - Size: what it commits may not exceed SIM_ABSURD_MULTIPLE x its market value; warrants may
 *    not grant more shares than the payer has outstanding.
 *  - A giant (an actor with a capex budget, not the hub): in every 12-month window the terms
 *    touch, what it owes under its live deals, the deals accepted earlier this turn and the terms
 *    stays within capex_budget x market.budget_slack.
 *  - The hub, or an actor without a capex budget, by the market's judgment: valued with the new
 *    commitments (sim_value_with), its default probability stays within market.max_commit_pd; and
 *    in every window the terms touch, what it owes stays within what it can carry: the revenue
 *    the market projects for that year after running costs, plus its funding room now (credit
 *    room, a year of equity raises, cash: sim_pay_funding_room).
 * Pure functions of the world; nothing to free. */
#ifndef SIM_BUDGET_H
#define SIM_BUDGET_H

#include "sim_world.h"

#include <stddef.h>

/* 0 if every party's side of terms t fits the rules above; else writes why into *why (if not
 * NULL) and the English sentence into err, and returns -1. The terms must have passed
 * sim_terms_check; the parties must not have defaulted. */
int sim_budget_check(const SimWorld *w, const SimTerms *t, SimRefusal *why, char *err,
                     size_t errsz);

/* The most actor i would owe in any 12 months from now on, with terms t added (t may be NULL),
 * $B; *at (if not NULL) gets the first month of that year, in months from now. For windows
 * and tables. */
double sim_budget_peak(const SimWorld *w, int i, const SimTerms *t, int *at);

#endif
