/* sim_param: the table of the scenario's tunable numbers. */
#include "sim_param.h"

#include <stdio.h>
#include <string.h>

typedef enum { P_MARKET, P_ACTOR, P_TOP } ParamScope;

typedef struct {
    const char *key;
    ParamScope scope;
    size_t off;
    double min, max; /* accepted values, inclusive unless min_open */
    int min_open;
} ParamField;

#define BIG 1e6
#define MKT(k, lo, hi, open)                                                                       \
    {                                                                                              \
#k, P_MARKET, offsetof(SimMarketParams, k), lo, hi, open                                   \
    }
#define ACT(k, lo, hi, open)                                                                       \
    {                                                                                              \
#k, P_ACTOR, offsetof(SimActorSpec, k), lo, hi, open                                       \
    }
/* The ranges are the scenario loader's (dat_scenario.c): change one, change the other. */
static const ParamField params[] = {
    {"target_gw", P_TOP, offsetof(SimScenario, target_gw), 0, BIG, 1},
    MKT(jump_payee, 0, BIG, 0),
    MKT(jump_payer, 0, BIG, 0),
    MKT(jump_alpha, 0, 4, 1),
    MKT(jump_cap, 0, BIG, 0),
    MKT(circular_discount, 0, 1, 0),
    MKT(sentiment_gain, 0, BIG, 0),
    MKT(fomo_gain, 0, BIG, 0),
    MKT(rival_spill, -BIG, BIG, 0),
    MKT(day_noise, 0, BIG, 0),
    MKT(sentiment_start, -5, 5, 1),
    MKT(sentiment_decay, 0, 1, 0),
    MKT(sentiment_news, 0, BIG, 0),
    MKT(sentiment_strain, 0, BIG, 0),
    MKT(reversion, 0, 1, 0),
    MKT(demand_ceiling, 0, BIG, 1),
    MKT(demand_sigma, 0, BIG, 0),
    MKT(demand_speed_sd, 0, BIG, 0),
    MKT(demand_innovation, 0, BIG, 0),
    MKT(revenue_per_gw, 0, BIG, 1),
    MKT(discount_rate, 0.03, 1, 1),
    MKT(merton_horizon, 0, BIG, 1),
    MKT(lender_dd, -BIG, BIG, 0),
    MKT(credit_appetite, 0, BIG, 0),
    MKT(growth_optimism, 0, BIG, 0),
    MKT(spend_share, 0, 1, 0),
    MKT(franchise_margin, 0, 1, 0),
    MKT(share_weight, 0, BIG, 0),
    MKT(delivery_lead, 0, 120, 0),
    MKT(salvage, 0, 1, 0),
    MKT(jv_yield, 0, 1, 0),
    MKT(jv_lease_months, 0, 600, 0),
    MKT(raise_fraction, 0, BIG, 0),
    MKT(cash_buffer_months, 0, 120, 0),
    MKT(interest_rate, 0, BIG, 0),
    MKT(recovery_rate, 0, 1, 0),
    MKT(equity_recovery, 0, 1, 0),
    MKT(crash_sentiment, 0, BIG, 0),
    MKT(threat_decay, 0, 1, 0),
    MKT(budget_slack, 0, BIG, 0),
    MKT(sell_impact, 0, BIG, 0),
    MKT(exit_penalty, 0, 1, 0),
    MKT(max_commit_pd, 0, 1, 0),
    ACT(cash, 0, BIG, 0),
    ACT(debt, 0, BIG, 0),
    ACT(asset_vol, 0, BIG, 1),
    ACT(hub_share, 0, 1, 0),
    ACT(revenue, 0, BIG, 0),
    ACT(revenue_growth, -1, BIG, 1),
    ACT(growth_floor, -1, BIG, 1),
    ACT(growth_decay, 0, 1, 0),
    ACT(opex_ratio, 0, BIG, 0),
    ACT(capex_budget, 0, BIG, 0),
    ACT(volatility, 0, BIG, 0),
    ACT(sentiment_beta, -BIG, BIG, 0),
};
#define N_PARAMS ((int)(sizeof params / sizeof params[0]))

void sim_param_names(char *buf, size_t bufsz)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < N_PARAMS && len < bufsz; k++) {
        const char *pre = params[k].scope == P_MARKET  ? "market."
                          : params[k].scope == P_ACTOR ? "actors.ID."
                                                       : "";
        int n = snprintf(buf + len, bufsz - len, "%s%s%s", k ? ", " : "", pre, params[k].key);
        if (n < 0)
            break;
        len += (size_t)n;
    }
}

SimParamStatus sim_param_find(const SimScenario *sc, const char *name, SimParamRef *ref, char *id,
                              size_t idsz)
{
    const char *key = name;
    ParamScope scope = P_TOP;
    ref->field = -1;
    ref->actor = -1;
    if (strncmp(name, "market.", 7) == 0) {
        scope = P_MARKET;
        key = name + 7;
    } else if (strncmp(name, "actors.", 7) == 0) {
        scope = P_ACTOR;
        const char *dot = strrchr(name + 7, '.');
        char buf[SIM_ID_LEN];
        if (!dot || dot == name + 7 || (size_t)(dot - (name + 7)) >= sizeof buf)
            return SIM_PARAM_ACTOR_FORM;
        memcpy(buf, name + 7, (size_t)(dot - (name + 7)));
        buf[dot - (name + 7)] = '\0';
        ref->actor = sim_scenario_find_actor(sc, buf);
        if (ref->actor < 0) {
            if (id && idsz)
                snprintf(id, idsz, "%s", buf);
            return SIM_PARAM_NO_ACTOR;
        }
        key = dot + 1;
    }
    for (int k = 0; k < N_PARAMS; k++)
        if (params[k].scope == scope && strcmp(params[k].key, key) == 0)
            ref->field = k;
    return ref->field < 0 ? SIM_PARAM_UNKNOWN : SIM_PARAM_OK;
}

double *sim_param_slot(SimScenario *sc, const SimParamRef *ref)
{
    const ParamField *f = &params[ref->field];
    char *base = f->scope == P_MARKET  ? (char *)&sc->market
                 : f->scope == P_ACTOR ? (char *)&sc->actors[ref->actor]
                                       : (char *)sc;
    return (double *)(base + f->off);
}

double sim_param_get(const SimScenario *sc, const SimParamRef *ref)
{
    return *sim_param_slot((SimScenario *)sc, ref);
}

int sim_param_accepts(const SimParamRef *ref, double v)
{
    const ParamField *f = &params[ref->field];
    return v >= f->min && !(f->min_open && v <= f->min) && v <= f->max;
}

void sim_param_range(const SimParamRef *ref, double *min, double *max, int *min_open)
{
    const ParamField *f = &params[ref->field];
    *min = f->min;
    *max = f->max;
    *min_open = f->min_open;
}

int sim_param_bounded(const SimParamRef *ref)
{
    return params[ref->field].max < BIG;
}
