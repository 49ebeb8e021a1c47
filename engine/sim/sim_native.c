/* sim_native: native strategies by name. */
#include "sim_native.h"

#include <string.h>

int sim_strategy_native(const char *name, SimStrategy *out)
{
    if (strcmp(name, "human") == 0)
        return sim_strategy_queued(out);
    if (strcmp(name, "history") == 0)
        return sim_strategy_history(out);
    if (strcmp(name, "baseline") == 0)
        return sim_strategy_baseline(out);
    if (strcmp(name, "passive") == 0)
        return sim_strategy_passive(out);
    return -1;
}
