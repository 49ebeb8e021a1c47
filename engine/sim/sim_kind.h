/* sim_kind: every deal kind declared once, with its rules as data (in the manner of Lua's
 * lopcodes.h).
 *
 * SIM_DEAL_KINDS below is the one list of kinds: a row per kind, a column per property (how it
 * pays, who owes whom, what compute it delivers, what the market reads from it, what it adds to
 * exposure and loses in a default, what it takes from a budget, which terms it uses, how it is
 * drawn and said). The enum SimDealKind and the table sim_kinds[] are both generated from it, so
 * a row that forgets a column does not compile, and everything else indexes the table instead of
 * switching on the kind. Where a behaviour needs code (a loan's draws and repayments, a joint
 * venture's two partners), a column names the mode that selects it, as lopcodes' OpMode does.
 * Adding a kind: docs/deal-kinds.md. The table is static data; nothing owns or frees it. */
#ifndef SIM_KIND_H
#define SIM_KIND_H

#include "sim_ledger.h"

#include <stddef.h>

/* How a deal's schedule moves money (the code that each mode selects is in sim_pay.c and
 * sim_world.c). */
typedef enum {
    SIM_PAY_PLAIN,   /* payment k is amount x schedule share k, payer to payee (the world for a
                        build) */
    SIM_PAY_REVENUE, /* each month rate x the payer's revenue / 12, payer to payee */
    SIM_PAY_LOAN,    /* the lender draws amount over `months` to the payee, who then pays interest
                        on the principal and repays it over as many months again */
    SIM_PAY_SPLIT,   /* both partners fund a build: payer rate, payee rate2 of amount, to the
                        world */
    SIM_PAY_NONE,    /* no money moves (warrants vest shares; a right without fees) */
    SIM_PAY_MODE_COUNT
} SimKindPay;

/* The round of the month in which the scheduled payments fall: money coming in to the hub
 * first, then builds, then what is owed, so that the hub can pay the rest. */
typedef enum {
    SIM_ROUND_IN,    /* investments and loan draws */
    SIM_ROUND_BUILD, /* builds and joint-venture contributions */
    SIM_ROUND_OWED,  /* contract instalments, revenue shares, interest and repayments */
    SIM_ROUND_COUNT,
    SIM_ROUND_NONE = SIM_ROUND_COUNT /* the kind makes no scheduled payment */
} SimKindRound;

/* Who the payee is. */
typedef enum {
    SIM_PAYEE_ACTOR, /* another actor */
    SIM_PAYEE_WORLD, /* the world (an actor's own build): no counterparty */
} SimKindPayee;

/* Who lends: a loan's debtor is its payee (the borrower), owing the lender. Without a lender the
 * debtor is the payer, owing the payee. */
typedef enum {
    SIM_LENDER_NONE,  /* the payer owes the payee */
    SIM_LENDER_PAYER, /* the payer lends to the payee */
    SIM_LENDER_WORLD, /* the world lends to the payee; the payer guarantees it */
} SimKindLender;

/* What compute the payments deliver, and to whom (gw x the share paid). */
typedef enum {
    SIM_GW_NONE,             /* none */
    SIM_GW_PAYER_OWNED,      /* the payer owns it (purchases, builds, co-development) */
    SIM_GW_PAYER_CONTRACTED, /* the payer rents it (compute, leases) */
    SIM_GW_PAYEE_CONTRACTED, /* the payee gets it (a joint venture), as each partner pays */
} SimKindCompute;

/* What a deal moves in shares besides money. */
typedef enum {
    SIM_STAKE_NONE,
    SIM_STAKE_BUY,  /* each payment buys new payee shares at the price of the day */
    SIM_STAKE_VEST, /* payer shares vest to the payee with the schedule (dilution) */
} SimKindStake;

/* A value the market reads from terms, $B on the day. */
typedef enum {
    SIM_VALUE_NONE,       /* nothing */
    SIM_VALUE_AMOUNT,     /* amount */
    SIM_VALUE_REVENUE,    /* rate x the payer's revenue / 12 x months */
    SIM_VALUE_SHARES,     /* shares x the payer's price */
    SIM_VALUE_UNFUNDED,   /* amount x (1 - rate2): the part of a build the payee does not fund */
    SIM_VALUE_PAYER_PART, /* amount x rate: the payer's part of a build */
    SIM_VALUE_COUNT
} SimKindValue;

/* What a creditor stands to lose through the deal if the other party fails (its exposure), and
 * what the default writes off. */
typedef enum {
    SIM_RISK_NONE,      /* nothing */
    SIM_RISK_UNPAID,    /* the payee: what the payer was still to pay (arrears and the rest) */
    SIM_RISK_PRINCIPAL, /* the lender: the principal (and arrears) of a defaulted borrower */
    SIM_RISK_CALLED,    /* the guarantor: the principal, called by the lenders on a default */
    SIM_RISK_PAID_IN,   /* the payer: its part of what was paid into a joint build */
    SIM_RISK_COUNT
} SimKindRisk;

/* What the terms take from the payer's budget, month by month over the schedule (sim_budget;
 * docs/budget-rules.md). */
typedef enum {
    SIM_BUDGET_NONE,       /* nothing (warrants: no money moves) */
    SIM_BUDGET_AMOUNT,     /* the schedule of amount (a loan: the lender's draws) */
    SIM_BUDGET_SPLIT,      /* the payer's part (rate) of amount; the payee's (rate2) from its own */
    SIM_BUDGET_REVENUE,    /* rate x the payer's revenue now, each month of the term */
    SIM_BUDGET_CONTINGENT, /* SIM_GUARANTEE_WEIGHT x the schedule of the draws it guarantees */
} SimKindBudget;

/* What sim_terms_check requires above 0, beyond the ranges every term must be in. */
typedef enum {
    SIM_NEED_NONE,   /* nothing (a right: exclusivity) */
    SIM_NEED_AMOUNT, /* amount */
    SIM_NEED_RATE,   /* rate */
    SIM_NEED_SHARES, /* shares */
    SIM_NEED_SPLIT,  /* amount, and the partners' shares rate + rate2 in (0, 1] */
} SimKindNeed;

/* The terms a kind uses (the desk shows only these). */
enum {
    SIM_FIELD_AMOUNT = 1 << 0,
    SIM_FIELD_MONTHS = 1 << 1,
    SIM_FIELD_DELAY = 1 << 2,
    SIM_FIELD_UPFRONT = 1 << 3,
    SIM_FIELD_GW = 1 << 4,
    SIM_FIELD_RATE = 1 << 5,
    SIM_FIELD_RATE2 = 1 << 6,
    SIM_FIELD_SHARES = 1 << 7,
    SIM_FIELD_ALL = (1 << 8) - 1
};
/* Shorthands for the table. */
#define SIM_F_SCHED (SIM_FIELD_AMOUNT | SIM_FIELD_MONTHS | SIM_FIELD_DELAY | SIM_FIELD_UPFRONT)
#define SIM_F_TIME  (SIM_FIELD_MONTHS | SIM_FIELD_DELAY)

/* Flags. */
enum {
    SIM_KF_FINANCE = 1 << 0,   /* financing: a vendor's financing of its customer (circularity) */
    SIM_KF_RIGHT = 1 << 1,     /* the payee holds a right over the payer's compute purchases,
                                  which it may release */
    SIM_KF_EXCLUSIVE = 1 << 2, /* a compute purchase that such a right reserves to its holder */
    SIM_KF_SOLD = 1 << 3,      /* a script's proposal makes its proposer the payee by default
                                  (a vendor selling, a holder asking for a right) */
    SIM_KF_HUB_PAYS = 1 << 4,  /* in the story's deals the hub is the payer */
    SIM_KF_ALL = (1 << 5) - 1
};

/* The family a deal is drawn in (the map's colours and legend). */
typedef enum {
    SIM_FAMILY_EQUITY,   /* investment: equity tranches */
    SIM_FAMILY_PAYMENT,  /* contract instalments: compute, chips, leases, co-development */
    SIM_FAMILY_REVSHARE, /* revenue share */
    SIM_FAMILY_LOAN,     /* loans and guarantees */
    SIM_FAMILY_WARRANTS, /* share warrants */
    SIM_FAMILY_BUILD,    /* joint ventures and own builds */
    SIM_FAMILY_RIGHTS,   /* rights without money (exclusivity) */
    SIM_FAMILY_COUNT
} SimKindFamily;

/* Whose view the desk's sentence of terms takes (desk.terms.<words>.<voice>). */
typedef enum {
    SIM_VOICE_PAYER,  /* "you" when the reader pays, "other" otherwise */
    SIM_VOICE_HOLDER, /* "you" the holder (payee), "yours" the payer, "other" */
    SIM_VOICE_ANY,    /* one sentence for everyone */
} SimKindVoice;

/* The terms a new draft of a kind starts from on the desk: it runs `months` when it ran fewer than
 * `below` months (SIM_ALWAYS: always; 0: it keeps its months), with these rates and shares
 * (SIM_RATE_MARKET: the market's interest rate). */
typedef struct {
    int months, below;
    double rate, rate2, shares;
} SimKindTypical;
#define SIM_ALWAYS      100000
#define SIM_RATE_MARKET (-1.0)
#define SIM_TYPICAL(months, below, rate, rate2, shares)                                            \
    {                                                                                              \
        (months), (below), (rate), (rate2), (shares)                                               \
    }

/* A test build may add one row at the end of the list: -DSIM_TEST_EXTRA_KIND='"file.h"' names a
 * header that defines SIM_DEAL_KINDS_EXTRA(X) as that row (tests/kindtest/; docs/architecture.md
 * "A new deal kind"). The normal build adds nothing. */
#ifdef SIM_TEST_EXTRA_KIND
#include SIM_TEST_EXTRA_KIND
#else
#define SIM_DEAL_KINDS_EXTRA(X)
#endif

/* clang-format off */
/* The kinds, in the order of their numbers (saves store names, not numbers). Columns:
 *  ID, name (stable, in files and scripts; texts: desk.kind.<name>, deal.kind.<name>,
 *    deal.noun.<name>),
 *  pay mode, round, flow kind of scheduled payments (SIM_FLOW_KIND_COUNT: none),
 *  payee, lender, compute delivered, stake,
 *  value the payee receives, value the payer commits (as the market reads them),
 *  risk (exposure and default), budget, need, fields used, flags, family (colour),
 *  words (desk.terms.<words>.*, story.deal.<words>*), voice,
 *  typical terms of a new draft on the desk: SIM_TYPICAL(months, below, rate, rate2, shares),
 *  verb: the script API's constructor for the kind (cloud{...}), or NULL (propose{kind=...}). */
/* A supply contract (compute, chips bought or leased, co-development): the payer pays the payee
 * for capacity on a schedule; the four differ only in who holds the capacity delivered (compute),
 * their flags and their script verb. */
#define SIM_KIND_SUPPLY(X, ID, name, compute, flags, verb) \
X(ID, name, PLAIN, OWED, CONTRACT, ACTOR, NONE, compute, NONE, \
  AMOUNT, AMOUNT, UNPAID, AMOUNT, AMOUNT, SIM_F_SCHED | SIM_FIELD_GW, \
  flags, PAYMENT, "pay", PAYER, SIM_TYPICAL(48, 12, 0, 0, 0), verb)

#define SIM_DEAL_KINDS(X) \
SIM_KIND_SUPPLY(X, COMPUTE,       "compute", PAYER_CONTRACTED, \
  SIM_KF_EXCLUSIVE | SIM_KF_SOLD | SIM_KF_HUB_PAYS, "cloud") \
SIM_KIND_SUPPLY(X, CHIP_PURCHASE, "chip_purchase", PAYER_OWNED, \
  SIM_KF_SOLD | SIM_KF_HUB_PAYS, "sell") \
SIM_KIND_SUPPLY(X, CHIP_LEASE,    "chip_lease", PAYER_CONTRACTED, \
  SIM_KF_SOLD | SIM_KF_HUB_PAYS, "lease") \
X(EQUITY,        "equity",        PLAIN,   IN,    EQUITY,          ACTOR, NONE,  NONE,             BUY, \
  AMOUNT,   AMOUNT,     NONE,      AMOUNT, AMOUNT, SIM_F_SCHED, \
  SIM_KF_FINANCE, EQUITY, "pay", PAYER, \
  SIM_TYPICAL(1, SIM_ALWAYS, 0, 0, 0), "invest") \
X(LOAN,          "loan",          LOAN,    IN,    LOAN_DRAW,       ACTOR, PAYER, NONE,             NONE, \
  AMOUNT,   AMOUNT,     PRINCIPAL, AMOUNT, AMOUNT, SIM_F_SCHED | SIM_FIELD_RATE, \
  SIM_KF_FINANCE, LOAN, "loan", PAYER, \
  SIM_TYPICAL(24, SIM_ALWAYS, SIM_RATE_MARKET, 0, 0), "lend") \
X(GUARANTEE,     "guarantee",     LOAN,    IN,    LOAN_DRAW,       ACTOR, WORLD, NONE,             NONE, \
  AMOUNT,   AMOUNT,     CALLED,    CONTINGENT, AMOUNT, SIM_F_SCHED | SIM_FIELD_RATE, \
  SIM_KF_FINANCE, LOAN, "guarantee", PAYER, \
  SIM_TYPICAL(24, SIM_ALWAYS, SIM_RATE_MARKET, 0, 0), "guarantee") \
X(WARRANTS,      "warrants",      NONE,    NONE,  KIND_COUNT,      ACTOR, NONE,  NONE,             VEST, \
  SHARES,   SHARES,     NONE,      NONE,   SHARES, SIM_F_TIME | SIM_FIELD_UPFRONT | SIM_FIELD_SHARES, \
  SIM_KF_FINANCE, WARRANTS, "warrants", PAYER, \
  SIM_TYPICAL(48, SIM_ALWAYS, 0, 0, 0.16), "warrants") \
X(REVENUE_SHARE, "revenue_share", REVENUE, OWED,  REVENUE_SHARE,   ACTOR, NONE,  NONE,             NONE, \
  REVENUE,  REVENUE,    UNPAID,    REVENUE, RATE,  SIM_F_TIME | SIM_FIELD_RATE, \
  SIM_KF_HUB_PAYS, REVSHARE, "revenue_share", PAYER, \
  SIM_TYPICAL(60, SIM_ALWAYS, 0.2, 0, 0), NULL) \
X(JOINT_VENTURE, "joint_venture", SPLIT,   BUILD, JV_CONTRIBUTION, ACTOR, NONE,  PAYEE_CONTRACTED, NONE, \
  UNFUNDED, PAYER_PART, PAID_IN,   SPLIT,  SPLIT,  SIM_F_SCHED | SIM_FIELD_GW | SIM_FIELD_RATE | SIM_FIELD_RATE2, \
  0, BUILD, "joint_venture", PAYER, \
  SIM_TYPICAL(0, 0, 0.5, 0.5, 0), "joint_venture") \
SIM_KIND_SUPPLY(X, CODEV,         "codev", PAYER_OWNED, \
  SIM_KF_SOLD | SIM_KF_HUB_PAYS, "codevelop") \
X(EXCLUSIVITY,   "exclusivity",   PLAIN,   OWED,  CONTRACT,        ACTOR, NONE,  NONE,             NONE, \
  AMOUNT,   AMOUNT,     NONE,      AMOUNT, NONE,   SIM_F_TIME, \
  SIM_KF_RIGHT | SIM_KF_SOLD | SIM_KF_HUB_PAYS, RIGHTS, "exclusivity", HOLDER, \
  SIM_TYPICAL(48, 12, 0, 0, 0), NULL) \
X(BUILD,         "build",         PLAIN,   BUILD, BUILD,           WORLD, NONE,  PAYER_OWNED,      NONE, \
  NONE,     AMOUNT,     NONE,      AMOUNT, AMOUNT, SIM_F_SCHED | SIM_FIELD_GW, \
  0, BUILD, "build", ANY, \
  SIM_TYPICAL(48, 12, 0, 0, 0), "build") \
SIM_DEAL_KINDS_EXTRA(X)
/* clang-format on */

#define SIM_KIND_ENUM_(id, ...) SIM_DEAL_##id,
typedef enum { SIM_DEAL_KINDS(SIM_KIND_ENUM_) SIM_DEAL_KIND_COUNT } SimDealKind;
#undef SIM_KIND_ENUM_

/* One row of the table. */
typedef struct {
    const char *name;   /* stable lower-case name */
    SimKindPay pay;     /* how the schedule moves money */
    SimKindRound round; /* the round its scheduled payments fall in */
    SimFlowKind flow;   /* the ledger kind of its scheduled payments (SIM_FLOW_KIND_COUNT: none) */
    SimKindPayee payee; /* an actor or the world */
    SimKindLender lender;  /* who lends (debtor and creditor) */
    SimKindCompute gw;     /* what compute it delivers, to whom */
    SimKindStake stake;    /* what it moves in shares */
    SimKindValue receives; /* what the payee receives, as the market values it */
    SimKindValue commits;  /* what the payer commits */
    SimKindRisk risk;      /* exposure, and the write-off in a default */
    SimKindBudget budget;  /* what it takes from a budget */
    SimKindNeed need;      /* what must be above 0 */
    unsigned fields;       /* SIM_FIELD_* it uses */
    unsigned flags;        /* SIM_KF_* */
    SimKindFamily family;  /* how it is drawn */
    const char *words;  /* the group of its sentences: desk.terms.<words>.*, story.deal.<words> */
    SimKindVoice voice; /* whose view the desk's sentence takes */
    SimKindTypical typical; /* the terms a new draft starts from on the desk */
    const char *verb;       /* the Lua constructor for the kind, or NULL */
} SimKindInfo;

extern const SimKindInfo sim_kinds[SIM_DEAL_KIND_COUNT];

/* The row of kind k; k must be a kind (callers check foreign numbers first). */
static inline const SimKindInfo *sim_kind(SimDealKind k)
{
    return &sim_kinds[k];
}

/* Whether kind k is a known kind number. */
static inline int sim_kind_valid(int k)
{
    return (unsigned)k < SIM_DEAL_KIND_COUNT;
}

/* Whether k supplies compute to its payer from another actor (the hub's purchases: compute,
 * chips, leases, co-development). */
static inline int sim_kind_is_supply(SimDealKind k)
{
    const SimKindInfo *ki = sim_kind(k);
    return ki->payee == SIM_PAYEE_ACTOR &&
           (ki->gw == SIM_GW_PAYER_OWNED || ki->gw == SIM_GW_PAYER_CONTRACTED);
}

/* Whether k uses every field in `fields` (SIM_FIELD_*). */
static inline int sim_kind_uses(SimDealKind k, unsigned fields)
{
    return (sim_kind(k)->fields & fields) == fields;
}

#endif
