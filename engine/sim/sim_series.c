/* sim_series: the snapshot's series as data (see sim_series.h). */
#include "sim_series.h"

#include <string.h>

#define ROW_(name, kind, ...)                  {#name, kind, offsetof(SimSnap, name), __VA_ARGS__},
#define DERIVED_ROW_(name, kind, bounds, expr) {#name, kind, offsetof(SimSnap, name), bounds},

const SimSeries sim_series[SIM_N_SERIES] = {SIM_SERIES(ROW_) SIM_SERIES_DERIVED(DERIVED_ROW_)};

int sim_series_is_int(const SimSeries *se)
{
    return se->kind == SIM_SERIES_FLAG || se->kind == SIM_SERIES_ACTOR;
}

int sim_series_find(const char *name)
{
    for (int k = 0; k < SIM_N_SERIES; k++)
        if (strcmp(sim_series[k].name, name) == 0)
            return k;
    return -1;
}

double sim_series_get(const SimSnap *s, int k)
{
    const SimSeries *se = &sim_series[k];
    const char *p = (const char *)s + se->off;
    if (sim_series_is_int(se)) {
        int v;
        memcpy(&v, p, sizeof v);
        return v;
    }
    double v;
    memcpy(&v, p, sizeof v);
    return v;
}

void sim_series_set(SimSnap *s, int k, double v)
{
    const SimSeries *se = &sim_series[k];
    char *p = (char *)s + se->off;
    if (sim_series_is_int(se)) {
        int i = (int)v;
        memcpy(p, &i, sizeof i);
    } else {
        memcpy(p, &v, sizeof v);
    }
}

#define DERIVE_(name, kind, bounds, expr) s->name = (expr);

void sim_series_derive(SimSnap *s)
{
    (void)s;
    SIM_SERIES_DERIVED(DERIVE_)
}
