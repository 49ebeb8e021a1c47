/* sim_native: native strategies by name. */
#include "sim_native.h"

#include "core_err.h"

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

SimForecast sim_native_forecast(const SimWorld *w, int who, const SimTerms *t, char *why,
                                size_t cap)
{
    if (cap > 0)
        why[0] = '\0';
    if (who < 0 || who >= w->n)
        return SIM_FORECAST_UNKNOWN;
    const SimStrategy *s = &w->actors[who].strategy;
    if (sim_strategy_is_queued(s))
        return SIM_FORECAST_PERSON;
    const char *name = s->name ? s->name : "";
    if (strcmp(name, "baseline") == 0)
        return sim_baseline_answer(w, who, t, why, cap) ? SIM_FORECAST_ACCEPT : SIM_FORECAST_REJECT;
    if (strcmp(name, "history") == 0) {
        /* The record answers only the offers it holds; a player's is never one of them. */
        core_strlcpy(why, "not part of the record", cap);
        return SIM_FORECAST_REJECT;
    }
    if (strcmp(name, "passive") == 0)
        return SIM_FORECAST_SILENT;
    return SIM_FORECAST_UNKNOWN;
}
