/* sim_pay: the money of one month.
 *
 * Books every actor's own revenue; makes the payments that fall due under live deals, in three
 * rounds (first the money investors put in: equity tranches, loan draws; then builds and
 * joint-venture contributions; then what buyers and borrowers owe: contract instalments, revenue
 * shares, repayments, interest, and every actor's running costs) so that money promised to the
 * hub this month can pay its bills this month; funds a payer that is short (selling shares it
 * holds, raising equity for the hub while sentiment allows, drawing credit), and records what it
 * still cannot pay as missed. Delivers compute and vests warrants with the payments. Acts in place
 * on a SimWorld. */
#ifndef SIM_PAY_H
#define SIM_PAY_H

#include "sim_world.h"

/* Runs the month's money for turn w->turn. Returns 0, or -1 if memory runs out. */
int sim_pay_month(SimWorld *w);

/* The most debt actor i can carry now: its debt when last valued plus the credit room lenders
 * offered then (sim_value: Merton's debt capacity at market.lender_dd, times credit_appetite). */
double sim_pay_credit_limit(const SimWorld *w, int i);

/* The hub's funding room for the next year, $B: what it could still raise and borrow at today's
 * sentiment. Strategies weigh new obligations against revenue plus this. */
double sim_pay_funding_room(const SimWorld *w, int i);

/* Raises cash for actor i to hold `need` if it can, as the month's payments do (selling listed
 * shares it holds, raising equity for the hub, drawing credit): an exit's penalty. 0, or -1 if
 * memory runs out. */
int sim_pay_fund(SimWorld *w, int i, double need);

#endif
