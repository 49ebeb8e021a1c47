/* sim_native: the strategies written in C, and the one place that knows them by name.
 *
 * History replays the scenario's dated record; baseline is one parametric rule for every role
 * (sim_baseline.c); passive and human (a person's queued seat) come from sim_strategy.h. They are
 * users of the strategy interface (sim_strategy.h) as the Lua strategies of script/ are, and sit at
 * the top of sim/: they read the world and the market's rules (sim_turn, sim_pay, sim_market), and
 * nothing below them names them. Each maker returns 0 and fills *out (freed with
 * sim_strategy_destroy), or -1 if memory runs out. */
#ifndef SIM_NATIVE_H
#define SIM_NATIVE_H

#include "sim_strategy.h"
#include "sim_world.h"

int sim_strategy_history(SimStrategy *out);
int sim_strategy_baseline(SimStrategy *out);

/* Makes a native strategy by name ("history", "baseline", "passive", "human"); -1 if unknown or
 * if memory runs out. */
int sim_strategy_native(const char *name, SimStrategy *out);

/* What the baseline rule of actor `me` would answer to an offer with terms t as the world stands
 * (the offer need not be in it): 1 accept, 0 refuse, its reason (a table reference, as the rule
 * writes it in a game) into why. The engine's own check of the terms is not made here. Pure. */
int sim_baseline_answer(const SimWorld *w, int me, const SimTerms *t, char *why, size_t cap);

/* The likely answer of actor `who` to an offer of terms t this month, as its seat's strategy
 * would give it, asked without changing the game: the native rules are pure functions of the
 * world (baseline: sim_baseline_answer; history: any offer not in the record is refused);
 * passive never answers; a person's seat and a script (which keeps its own state between
 * turns) cannot be asked. The reason, when there is one, into why (else ""). */
typedef enum {
    SIM_FORECAST_ACCEPT,
    SIM_FORECAST_REJECT,
    SIM_FORECAST_SILENT, /* passive: the offer waits and expires */
    SIM_FORECAST_PERSON, /* a person's seat */
    SIM_FORECAST_UNKNOWN /* a script: cannot tell without running it */
} SimForecast;
SimForecast sim_native_forecast(const SimWorld *w, int who, const SimTerms *t, char *why,
                                size_t cap);

#endif
