/* sim_scenario: a scenario as plain data: the actors' opening state, the market's parameters,
 * each role's objective and baseline rule, and the dated calendar of events and deals.
 *
 * data/dat_scenario fills it from a JSON file and checks every field; sim/ only reads it, and
 * every number the model uses comes from here, none from the code. A SimScenario owns its arrays:
 * create with sim_scenario_alloc, free with sim_scenario_free. */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include "core_text.h"
#include "sim_deal.h"

#include <stdint.h>

#define SIM_ID_LEN    32
#define SIM_NAME_LEN  48
#define SIM_TITLE_LEN 120
#define SIM_TEXT_LEN  480
#define SIM_PATH_LEN  64
#define SIM_DIR_LEN   1024 /* the folder a scenario file was read from */

#define SIM_LESSON_LEN      2000 /* a scenario's paragraph for a class */
#define SIM_PLAYBOOK_PARAMS 16   /* most playbook parameters a scenario may set for one actor */

typedef enum { SIM_ROLE_HUB, SIM_ROLE_GIANT, SIM_ROLE_OUTSIDE } SimRole;

/* How a role's game is scored: score = w_value * (market value change, fraction)
 *  + w_compute * (hub's compute / target) + w_exposure * (exposure to the hub / market value)
 *  + w_survival * (1 if the actor did not default). w_exposure is usually <= 0. */
typedef struct {
    double w_value;
    double w_compute;
    double w_exposure;
    double w_survival;
} SimObjective;

/* The `baseline` native strategy: join when FOMO pressure beats risk, sized by budget. */
typedef struct {
    double fomo_weight;      /* pull of rivals that joined and were rewarded */
    double threat_weight;    /* pull of an outside threat to this actor's business */
    double sentiment_weight; /* pull of market sentiment */
    double risk_weight;      /* push-back of exposure to the hub per unit of own market value */
    double threshold;        /* net pressure needed to make or accept an offer */
    double budget_share;     /* share of annual capex budget committed per year of a deal */
    double max_exposure;     /* never let exposure to the hub exceed this share of market value */
    int kind;                /* SimDealKind of the offer it makes (giants) */
    int months;              /* length of the deals it offers */
    double gw_per_billion;   /* GW of compute per $B of the deal (0 for pure finance) */
    int cooldown;            /* turns to wait after a deal before another */
    /* hub only */
    double min_coverage; /* accept an offer while (revenue + funding room) / obligations >= this */
} SimBaselineParams;

/* A parameter of an actor's playbook set by the scenario (the tunable table at the top of its
 * Lua script): the strategy sees it, read-only, and uses it instead of its own default. */
typedef struct {
    char name[SIM_ID_LEN];
    int is_bool; /* 1: a boolean (value 0 or 1); 0: a number */
    double value;
} SimPlaybookParam;

typedef struct {
    char id[SIM_ID_LEN];
    char name[SIM_NAME_LEN];
    char leader[SIM_NAME_LEN];
    char playbook[SIM_PATH_LEN]; /* its default Lua strategy, relative to scripts/strategies */
    SimRole role;
    double cash;           /* $B */
    double debt;           /* $B */
    double revenue;        /* $B a year from its own business */
    double revenue_growth; /* annual growth rate of that revenue */
    double growth_floor;   /* the growth rate it tends to */
    double growth_decay;   /* monthly share of the gap to the floor that closes */
    double opex_ratio;     /* running costs as a share of revenue */
    double capex_budget;   /* $B a year it can commit to deals and builds */
    double shares;         /* billions */
    double price;          /* $ per share (hub: private valuation per share) */
    double compute_gw;     /* GW it owns at the start */
    double volatility;     /* monthly standard deviation of its log price */
    double asset_vol;      /* annual volatility of its assets' value (Merton's sigma) */
    double hub_share;      /* its share of the hub's compute spending at the start (sim_value) */
    double sentiment_beta; /* how much its price follows AI sentiment */
    SimObjective objective;
    SimBaselineParams baseline;
    SimPlaybookParam
        playbook_params[SIM_PLAYBOOK_PARAMS]; /* overrides of its playbook's defaults */
    int n_playbook_params;
} SimActorSpec;

typedef struct {
    /* announcements (first-day jumps): dlogP = Y * (net size / market value)^alpha * mults */
    double jump_payee;        /* Y for the side that receives money */
    double jump_payer;        /* Y for the side that commits money */
    double jump_alpha;        /* alpha: how the jump grows with size */
    double jump_cap;          /* largest first-day jump, as a log return */
    double circular_discount; /* share of vendor-financed money the market looks through */
    double sentiment_gain;    /* jump multiplier per unit of sentiment */
    double fomo_gain;         /* jump multiplier per rewarded rival (share of giants) */
    double rival_spill;       /* share of a giant's jump that its rivals feel */
    double day_noise;         /* st dev of first-day noise (log) */
    /* sentiment: x' = (1 - decay) x + news * announced/total value - strain * PD(hub) + shocks;
     * s = tanh x */
    double sentiment_start;
    double sentiment_decay;
    double sentiment_news;
    double sentiment_strain; /* pull per unit of the hub's default probability (sim_value) */
    /* monthly prices: log p moves toward log(fundamental equity / shares) */
    double reversion; /* monthly pull of the log price to the fundamental */
    /* demand: the hub's revenue follows a Bass diffusion toward a ceiling drawn per game
     * (sim_demand.h); the hub's revenue_growth is the median adoption speed q */
    double demand_ceiling;    /* median ceiling of the hub's revenue, $B a year */
    double demand_sigma;      /* log standard deviation of the ceiling across games */
    double demand_speed_sd;   /* log standard deviation of the adoption speed across games */
    double demand_innovation; /* Bass p, a year: adoption that owes nothing to imitation */
    double revenue_per_gw;    /* $B a year of revenue one GW online can serve */
    /* fundamental value and credit (sim_value.h) */
    double discount_rate;    /* annual rate for discounted cash flows */
    double merton_horizon;   /* years over which default is judged (Merton's T) */
    double lender_dd;        /* lenders lend while the distance to default stays above this */
    double credit_appetite;  /* share of the Merton debt capacity lenders offer */
    double growth_optimism;  /* the hub's projected growth is scaled by 1 + this x sentiment */
    double spend_share;      /* share of the hub's revenue it spends on compute in the long run */
    double franchise_margin; /* a vendor's margin on the hub's future purchases */
    double share_weight;     /* $B of contracts the opening shares of the hub's spending weigh */
    double delivery_lead;    /* months a builder spends ahead of delivering */
    double salvage;          /* share of stranded capacity's cost a builder recovers */
    double jv_yield;        /* a finished joint build's rent to its funding partner, a year per $ */
    double jv_lease_months; /* how long the tenant leases it */
    double delivery_cost[SIM_DEAL_KIND_COUNT]; /* builder's cost per $ of contract, by kind */
    /* Months over which the builder puts up the capacity a whole contract pays for, by kind
     * (front-loaded capex: data centres are built before they are rented); 0 or at least the
     * contract's length: built as delivered, slot by slot. */
    double build_months[SIM_DEAL_KIND_COUNT];
    /* hub funding */
    double raise_fraction;     /* share of the hub's value it can raise a month at sentiment 1 */
    double cash_buffer_months; /* months of its bills the hub keeps in cash when it can raise */
    double interest_rate;      /* annual risk-free rate on credit lines, before the spread */
    int missed_to_default;     /* months in a row of missed payments that make a default */
    double recovery_rate;      /* share of claims recovered from a defaulted actor */
    double equity_recovery;    /* share of its value a defaulted actor's shares keep */
    double crash_sentiment;    /* sentiment lost when the hub defaults */
    double threat_decay;       /* monthly decay of an outside threat's pressure */
    double budget_slack;       /* how far over its yearly budget an actor may commit */
    /* exits and sales (sell and exit intents) */
    double sell_impact;   /* a stake sold goes sell_impact x sqrt(value sold / issuer's value)
                             below the market price */
    double exit_penalty;  /* share of what is still scheduled that a party cancelling pays */
    double max_commit_pd; /* the highest default probability (sim_value) with which the hub, or
                             an actor without a capex budget, may still commit to a deal; 1 turns
                             the market's judgment of it off */
} SimMarketParams;

/* market.max_commit_pd when a scenario does not say. */

typedef enum {
    SIM_SEV_NEWS,    /* a dated fact: narration, optional sentiment/growth/threat effects */
    SIM_SEV_DEAL,    /* a historical deal: proposed the month before, answered this month */
    SIM_SEV_RELEASE, /* the holder of a right gives it up (by the right's tag) */
    SIM_SEV_COUNT
} SimScenarioEventType;

typedef struct {
    int month; /* absolute month (year*12 + m-1) */
    SimScenarioEventType type;
    char id[SIM_TAG_LEN]; /* unique tag */
    char title[SIM_TITLE_LEN];
    char text[SIM_TEXT_LEN];
    int actor; /* the actor it is about, or -1 */
    /* NEWS effects */
    double sentiment; /* added to sentiment's latent x */
    double growth;    /* added to `actor`'s revenue growth */
    int threat_to;    /* actor whose business is threatened, or -1 */
    double threat;    /* pressure added to that actor */
    /* A failure of the record (NEWS): the actor that failed this month, or -1. If it is played by
     * `history` and still trading, the engine defaults it here; the news is told only once it has
     * failed (a firm a free strategy keeps alive does not fail by date). recovery: the share of
     * its creditors' claims they recover, in [0, 1], or NaN for market.recovery_rate. */
    int default_actor;
    double recovery;
    /* NEWS told, or a DEAL made by history, only once this actor has failed (or, for a deal, will
     * by its month as the record plays it), or -1 */
    int after_default;
    /* DEAL */
    int proposer;
    SimTerms terms;
    int accept; /* 1 accepted, 0 refused */
    char reason[SIM_REASON_LEN];
    char answer[SIM_REASON_LEN];
    /* the story's first-day reaction for the payer/payee, or NaN when the story gives none */
    double target_payer;
    double target_payee;
    /* RELEASE: the tag of the right given up (actor is its holder) */
    char release_tag[SIM_TAG_LEN];
} SimScenarioEvent;

/* A deal already running when the game begins (no announcement, no market reaction). */
typedef struct {
    char tag[SIM_TAG_LEN];
    char text[SIM_TEXT_LEN];
    int proposer;
    SimTerms terms;
} SimInitialDeal;

/* A range over which `closedloop sensitivity` screens a parameter (sim_param names it). */
#define SIM_SENS_MAX      64
#define SIM_SENS_NAME_LEN 96
typedef struct {
    char param[SIM_SENS_NAME_LEN]; /* market.jump_payee, actors.openai.revenue_growth, ... */
    double low, high;              /* low < high, both values the loader accepts for the field */
    int log;                       /* 1: sample on a log scale (low > 0) */
} SimSensRange;

typedef struct {
    char id[SIM_ID_LEN];
    char title[SIM_TITLE_LEN];
    char description[SIM_TEXT_LEN];
    char lesson[SIM_LESSON_LEN]; /* what a class should notice ("" if none) */
    int start;                   /* absolute month of turn 0 */
    int end;                     /* absolute month of the last turn */
    int hub;                     /* actor index of the hub */
    double target_gw;            /* the hub's compute goal; reaching it ends the game */
    uint64_t default_seed;
    SimMarketParams market;
    SimActorSpec *actors;
    int n_actors;
    SimScenarioEvent *events; /* sorted by month */
    int n_events;
    SimInitialDeal *initial;
    int n_initial;
    SimSensRange sens[SIM_SENS_MAX]; /* the optional "sensitivity" ranges, in file order */
    int n_sens;
    /* Its world, for the telling only (the game never reads these): its folder of playbooks and
     * its classroom notes, relative to dir ("" : the engine's own, scripts/strategies and
     * assets/classroom/ID.json); the folder of the file it was read from ("" : the working
     * folder); its own texts by language over the engine's tables (its unit, what it delivers,
     * its deal kinds' nouns) and the translations of its texts (NULL: none). The scenario owns
     * the tables. */
    char playbooks[SIM_PATH_LEN];
    char classroom[SIM_PATH_LEN];
    char dir[SIM_DIR_LEN];
    CoreText *lang_strings[CORE_LANG_COUNT];
    CoreText *lang_content[CORE_LANG_COUNT];
    /* The optional "clearing" block (docs/model.md section 16): the share of a defaulter's
     * outside assets (alpha) and of its receivables (beta) its creditors recover. Unset
     * (clearing_set 0): both are market.recovery_rate. */
    int clearing_set;
    double clearing_alpha, clearing_beta;
} SimScenario;

/* Allocates a scenario with room for the given counts (zeroed). NULL if memory runs out. */
SimScenario *sim_scenario_alloc(int n_actors, int n_events, int n_initial);
void sim_scenario_free(SimScenario *s);
/* Deep copy; NULL if memory runs out. */
SimScenario *sim_scenario_clone(const SimScenario *s);

/* Index of the actor with this id, or -1. */
int sim_scenario_find_actor(const SimScenario *s, const char *id);

/* Number of turns from start to end inclusive. */
int sim_scenario_turns(const SimScenario *s);

/* Checks cross-field rules that need the whole scenario (exactly one hub, the hub index right,
 * events in order and within the calendar, deal parties valid, release tags that name a right).
 * The loader runs it after parsing; writes "where: what was expected" into err, in English. */
int sim_scenario_check(const SimScenario *s, char *err, size_t errsz);
/* The same, the message written as a reference "\x1eKEY\x1eARG..." (core_text.h, CORE_TEXT_REF)
 * for core_text_pick to tell in the reader's language: keys err.sc.* (assets/lang/<code>/
 * errsim.json), whose English is sim_scenario_check's, byte for byte. */
int sim_scenario_check_ref(const SimScenario *s, char *err, size_t errsz);

#endif
