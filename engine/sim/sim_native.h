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

int sim_strategy_history(SimStrategy *out);
int sim_strategy_baseline(SimStrategy *out);

/* Makes a native strategy by name ("history", "baseline", "passive", "human"); -1 if unknown or
 * if memory runs out. */
int sim_strategy_native(const char *name, SimStrategy *out);

#endif
