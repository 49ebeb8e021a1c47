/* sim_demand: what the hub can sell. Its revenue follows an adoption curve (Bass diffusion)
 * toward a ceiling that each game draws once, capped by the compute it has online.
 *
 *   F(t+1) = F(t) + (p + q F(t)) (1 - F(t)) / 12          adoption, a share of the ceiling
 *   R(t)   = min(ceiling x F(t), revenue_per_gw x GW online)   served revenue, $B a year
 *
 * The ceiling is lognormal around market.demand_ceiling (log sd market.demand_sigma); the speed
 * q is lognormal around the hub's revenue_growth (log sd market.demand_speed_sd); p is
 * market.demand_innovation. The draws come from a stream of their own ("demand"), so they do not
 * move any actor's draws. The state lives in SimWorld (demand_*); nothing here allocates. */
#ifndef SIM_DEMAND_H
#define SIM_DEMAND_H

struct SimWorld;

/* Draws the game's demand (ceiling and speed) and sets the opening adoption from the hub's
 * opening revenue. Called once by sim_world_create. */
void sim_demand_draw(struct SimWorld *w);

/* One month of adoption, then the hub's served revenue (sets the hub's revenue). */
void sim_demand_month(struct SimWorld *w);

/* The revenue the hub could sell this month if compute did not bind, $B a year. */
double sim_demand_potential(const struct SimWorld *w);

/* GW the hub has online (owned and contracted, delivered so far). */
double sim_demand_gw_online(const struct SimWorld *w);

/* Where the drawn ceiling lies in its prior distribution, in [0, 1] (0.5: the median world). */
double sim_demand_percentile(const struct SimWorld *w);

#endif
