/* sim_value: balance sheets and what each company is worth on its fundamentals.
 *
 * For every actor the market adds up what it owns and what it owes:
 *   assets A = S x (1 - opex) x PV(revenue path)     its own business (S fitted at turn 0)
 *            + (1 - PD of the customer) x PV(payments still to come) - PV(cost still to build)
 *                                                     contracted backlog, as a vendor
 *            + w x X x franchise_margin x (1 - PD hub)  its share of the hub's future spending
 *            + stakes in joint builds, loans made, shares held, cash
 *   owed   L = debt + PV(payments it still owes under live deals) + PD x guarantees given
 * and values the equity as Merton does, a call on A struck at L over T years:
 *   E = A N(d1) - L N(d2),  d2 = (ln(A/L) - sigma^2 T / 2) / (sigma sqrt T),  d1 = d2 + sigma sqrt
 * T distance to default DD = d2, default probability PD = N(-DD) Prices revert to E / shares
 * (sim_market); lenders lend while DD stays above market.lender_dd (sim_pay); vendors discount the
 * hub's payments by its PD. Every equation and parameter is in docs/model.md. Pure functions of the
 * world; results are kept in each actor's `val`. */
#ifndef SIM_VALUE_H
#define SIM_VALUE_H

struct SimWorld;

/* Doubles of scratch per actor that a world keeps for the valuation (SimWorld.value_scratch). */
#define SIM_VALUE_SCRATCH 5

typedef struct SimValue {
    double own;       /* its own business, $B */
    double backlog;   /* contracted backlog net of the cost to deliver it, $B (may be < 0) */
    double franchise; /* its share of the hub's future compute spending, $B */
    double stakes;    /* joint-venture stakes and loans made, $B */
    double holdings;  /* shares of other actors at their prices, $B */
    double assets;    /* A */
    double owed;      /* L */
    double equity;    /* E, Merton */
    double dd;        /* distance to default */
    double pd;        /* default probability over market.merton_horizon years */
    double room;      /* new debt lenders would offer now, $B */
    double spread;    /* credit spread over the risk-free rate, a year */
} SimValue;

/* Fits each actor's scale S so that its Merton equity at turn 0 equals its opening market value,
 * then values everyone. Called once by sim_world_create (and again when a save is restored). */
void sim_value_init(struct SimWorld *w);

/* Values every actor as the world stands now (the hub first: the others read its PD). */
void sim_value_update(struct SimWorld *w);

/* The most actor i may owe as it was last valued ($B, L_max of docs/model.md section 5): what
 * lenders carry before its distance to default falls to market.lender_dd. */
double sim_value_debt_capacity(const struct SimWorld *w, int i);

/* Values actor i as if it also owed `extra_owed` ($B, present value) and, the hub, had
 * `extra_gw` more GW coming: the market's judgment of a commitment before it is made (the budget
 * rules, sim_budget). Stores nothing. */
SimValue sim_value_with(const struct SimWorld *w, int i, double extra_owed, double extra_gw);

/* The yearly revenue the market projects for actor i in each of the next `years` years (rev[0]:
 * now), on the path its valuation discounts; the hub's capped by what its compute (and
 * `extra_gw` more) can serve. */
void sim_value_revenue_path(const struct SimWorld *w, int i, double extra_gw, double *rev,
                            int years);

/* Standard normal distribution function. */
double sim_value_ncdf(double x);

#endif
