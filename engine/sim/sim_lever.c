/* sim_lever: the teacher's levers (see sim_lever.h). */
#include "sim_lever.h"

#include "core_err.h"
#include "sim_value.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const SimLeverInfo levers[SIM_LEVER_COUNT] = {
    {"revenue_growth", "Hub's revenue growth", -0.5, 3.0, 0.05, 1},
    {"news_reward", "Reward for announcements", 0.0, 3.0, 0.05, 0},
    {"sentiment", "Market mood", -0.95, 0.95, 0.05, 0},
    {"credit", "Lenders' appetite", 0.0, 3.0, 0.1, 0},
    {"interest", "Interest rate", 0.0, 0.3, 0.005, 1},
    {"budget_slack", "Budget slack", 0.5, 4.0, 0.1, 0},
};

const SimLeverInfo *sim_lever_info(SimLever l)
{
    return (unsigned)l < SIM_LEVER_COUNT ? &levers[l] : NULL;
}

int sim_lever_parse(const char *id)
{
    for (int l = 0; id && l < SIM_LEVER_COUNT; l++)
        if (strcmp(levers[l].id, id) == 0)
            return l;
    return -1;
}

double sim_lever_get(const SimWorld *w, SimLever l)
{
    const SimMarketParams *m = &w->sc->market;
    switch (l) {
    case SIM_LEVER_REVENUE_GROWTH:
        return w->actors[w->sc->hub].growth;
    case SIM_LEVER_NEWS_REWARD:
        return m->jump_payee;
    case SIM_LEVER_SENTIMENT:
        return tanh(w->sentiment_x);
    case SIM_LEVER_CREDIT:
        return m->credit_appetite;
    case SIM_LEVER_INTEREST:
        return m->interest_rate;
    case SIM_LEVER_BUDGET:
        return m->budget_slack;
    default:
        return 0.0;
    }
}

/* The part of a change kept in the scenario copy (which a save does not carry). */
static void apply_scenario(SimWorld *w, SimLever l, double v, double old)
{
    SimMarketParams *m = &w->sc->market;
    double ratio = old != 0.0 ? v / old : 1.0;
    switch (l) {
    case SIM_LEVER_REVENUE_GROWTH:
        /* Growth drifts towards a floor: move the floor with it, or the change fades away. */
        if (old > 0.0 && v > 0.0)
            w->sc->actors[w->sc->hub].growth_floor *= ratio;
        break;
    case SIM_LEVER_NEWS_REWARD:
        m->jump_payee = v;
        m->jump_payer = old > 0.0 ? m->jump_payer * ratio : v;
        break;
    case SIM_LEVER_CREDIT:
        m->credit_appetite = v;
        break;
    case SIM_LEVER_INTEREST:
        m->interest_rate = v;
        break;
    case SIM_LEVER_BUDGET:
        m->budget_slack = v;
        break;
    default:
        break;
    }
}

int sim_lever_set(SimWorld *w, SimLever l, double v, char *err, size_t errsz)
{
    const SimLeverInfo *info = sim_lever_info(l);
    if (!info)
        return core_errf(err, errsz, "no lever %d", (int)l);
    if (!isfinite(v))
        return core_errf(err, errsz, "%s: the value is not a number", info->id);
    v = v < info->min ? info->min : v > info->max ? info->max : v;
    double old = sim_lever_get(w, l);
    if (fabs(v - old) <= 1e-12) /* tanh(atanh(v)) may be off by an ulp */
        return 0;
    SimEvent *e = sim_world_log(w, SIM_LOG_LEVER, w->sc->hub, (int)l, -1);
    if (!e)
        return core_errf(err, errsz, "out of memory");
    e->amount = v;
    e->aux = old;
    if (info->percent)
        snprintf(e->text, sizeof e->text, "%s set from %.1f%% to %.1f%%", info->name, old * 100.0,
                 v * 100.0);
    else
        snprintf(e->text, sizeof e->text, "%s set from %.2f to %.2f", info->name, old, v);
    if (l == SIM_LEVER_REVENUE_GROWTH)
        w->actors[w->sc->hub].growth = v;
    else if (l == SIM_LEVER_SENTIMENT)
        w->sentiment_x = atanh(v);
    apply_scenario(w, l, v, old);
    /* The balance sheets read the levers (lenders' appetite, the market's mood): value them
     * again at once, as a restored game does. */
    sim_value_update(w);
    return 0;
}

void sim_lever_restore(SimWorld *w)
{
    for (int k = 0; k < w->n_events; k++) {
        const SimEvent *e = &w->events[k];
        if (e->kind == SIM_LOG_LEVER && e->other >= 0 && e->other < SIM_LEVER_COUNT)
            apply_scenario(w, (SimLever)e->other, e->amount, e->aux);
    }
    /* The balance sheets were saved as valued with the levers in force: nothing to value again. */
}
