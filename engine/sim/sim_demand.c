/* sim_demand: the hub's adoption curve and its compute cap (see sim_demand.h). */
#include "sim_demand.h"

#include "sim_world.h"

#include <math.h>

void sim_demand_draw(SimWorld *w)
{
    const SimMarketParams *m = &w->sc->market;
    const SimActor *h = &w->actors[w->sc->hub];
    CoreRng r;
    core_rng_seed_named(&r, w->seed, "demand");
    double z_ceiling = core_rng_normal(&r), z_speed = core_rng_normal(&r);
    w->demand_z = z_ceiling;
    w->demand_ceiling = m->demand_ceiling * exp(m->demand_sigma * z_ceiling);
    w->actors[w->sc->hub].growth = h->spec->revenue_growth * exp(m->demand_speed_sd * z_speed);
    /* The opening revenue is what it is: the ceiling can only lie above it. */
    if (w->demand_ceiling < 1.5 * h->spec->revenue)
        w->demand_ceiling = 1.5 * h->spec->revenue;
    w->demand_adoption = w->demand_ceiling > 0.0 ? h->spec->revenue / w->demand_ceiling : 1.0;
}

double sim_demand_gw_online(const SimWorld *w)
{
    const SimActor *h = &w->actors[w->sc->hub];
    return h->compute_owned + h->compute_contracted;
}

double sim_demand_potential(const SimWorld *w)
{
    return w->demand_ceiling * w->demand_adoption;
}

void sim_demand_month(SimWorld *w)
{
    SimActor *h = &w->actors[w->sc->hub];
    double p = w->sc->market.demand_innovation, q = h->growth > 0.0 ? h->growth : 0.0;
    double f = w->demand_adoption;
    f += (p + q * f) * (1.0 - f) / 12.0;
    w->demand_adoption = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
    double cap = w->sc->market.revenue_per_gw * sim_demand_gw_online(w);
    double want = sim_demand_potential(w);
    h->revenue = want < cap ? want : cap;
}

double sim_demand_percentile(const SimWorld *w)
{
    return 0.5 * erfc(-w->demand_z / sqrt(2.0));
}
