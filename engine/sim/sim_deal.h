/* sim_deal: the typed deals of the closed loop, their terms, payment schedules and life cycle.
 *
 * A deal is a contract between two actors, the payer (whose money leaves) and the payee (who
 * receives it), proposed by one of them. Its terms fix a schedule of monthly payments; what a
 * payment means (a contract instalment, an equity tranche, a loan draw, a joint-venture
 * contribution) depends on the kind. This module is pure: it names kinds and statuses, checks
 * terms, and computes schedules; sim_turn moves deals through their life cycle and books their
 * flows. SimDeal values live inside SimWorld, which owns them. */
#ifndef SIM_DEAL_H
#define SIM_DEAL_H

#include "sim_kind.h"

#include <stddef.h>

#define SIM_TAG_LEN 32
/* Reasons and the events' texts: up to 319 bytes, room for a reason in two languages kept as
 * "English\x1f中文" (core_text_pick; docs/strategy-api.md). */
#define SIM_REASON_LEN 320

/* The builders, lenders and customers outside the modelled actors: an account in the ledger. */
#define SIM_WORLD (-1)

/* SimDealKind, SIM_DEAL_KIND_COUNT and the kinds' rules: sim_kind.h. */

typedef enum {
    SIM_DS_PROPOSED,   /* waiting for the counterparty's answer */
    SIM_DS_COUNTERED,  /* replaced by a counter-proposal (see the deal whose parent it is) */
    SIM_DS_REJECTED,   /* refused by the counterparty */
    SIM_DS_EXPIRED,    /* never answered */
    SIM_DS_ACCEPTED,   /* signed, not yet public (the same turn it is announced) */
    SIM_DS_ANNOUNCED,  /* public, the market has reacted, no payment yet */
    SIM_DS_DELIVERING, /* payments under way */
    SIM_DS_COMPLETED,  /* every payment made (or the term ran out) */
    SIM_DS_DEFAULTED,  /* a party failed; the rest of the schedule is lost */
    SIM_DS_RELEASED,   /* a right given up by its holder before the term */
    SIM_DS_CANCELLED,  /* ended early by a party that paid the exit penalty (an exit intent) */
    SIM_DS_STATUS_COUNT
} SimDealStatus;

typedef struct {
    SimDealKind kind;
    int payer;      /* actor index */
    int payee;      /* actor index, or SIM_WORLD for BUILD */
    double amount;  /* $B over the schedule (loans: principal; JV: the whole build) */
    int months;     /* number of monthly payments, >= 1 (exclusivity: its length) */
    int delay;      /* months from acceptance to the first payment */
    double upfront; /* share of amount in the first payment, in [0, 1] */
    double gw;      /* compute delivered with the payments (to the payer; JV: to the payee) */
    double rate;    /* revenue share: share of revenue; loan/guarantee: annual interest;
                       JV: payer's share of the build */
    double rate2;   /* JV: payee's share of the build */
    double shares;  /* warrants: billions of the payer's shares */
} SimTerms;

typedef struct {
    int id; /* index in SimWorld.deals */
    SimTerms t;
    int proposer;
    int parent; /* the deal this one counters, or -1 */
    SimDealStatus status;
    int proposed_turn;
    int decided_turn;  /* accepted, rejected, countered or expired; -1 before */
    int start_turn;    /* the first payment's turn; -1 before acceptance */
    int paid_count;    /* scheduled payments made */
    double paid;       /* $B the payer has paid under the schedule (JV: payer + payee) */
    double gw_done;    /* GW delivered so far */
    double principal;  /* loans and guarantees: principal outstanding */
    double vested;     /* warrants: billions of shares vested so far */
    double cost_paid;  /* $B the payee has spent building what it delivers (sim_pay) */
    int missed;        /* payments missed (in whole or part) so far */
    double arrears;    /* $B the debtor failed to pay and still owes: contract instalments,
                          revenue share, loan repayments and interest; due again each month */
    int end_turn;      /* completed, defaulted or released; -1 before */
    int history_event; /* index of the scenario event this deal replays, or -1 */
    char tag[SIM_TAG_LEN];
    char reason[SIM_REASON_LEN]; /* the proposer's reason */
    char answer[SIM_REASON_LEN]; /* the counterparty's reason */
} SimDeal;

/* Why the engine refuses terms or an intent, as data: a code and what it concerns, so that a
 * window can say it in its reader's language (the functions that fill it also write the English
 * message into err, as logs and scripts have always read it). The comment says what each code
 * sets beside `kind` (the deal kind checked, when there is one). */
typedef enum {
    SIM_REFUSE_NONE,
    SIM_REFUSE_KIND,            /* unknown deal kind */
    SIM_REFUSE_PAYER,           /* the payer is not an actor */
    SIM_REFUSE_PAYEE,           /* the payee is not an actor */
    SIM_REFUSE_BUILD_PAYEE,     /* a build's payee is not the world */
    SIM_REFUSE_SAME_PARTY,      /* payer and payee are the same actor */
    SIM_REFUSE_AMOUNT,          /* the amount is not a finite number >= 0 */
    SIM_REFUSE_AMOUNT_HUGE,     /* a: the amount, above 1e6 $B */
    SIM_REFUSE_MONTHS,          /* months outside 1..600 */
    SIM_REFUSE_DELAY,           /* delay outside 0..240 */
    SIM_REFUSE_UPFRONT,         /* upfront outside [0, 1] */
    SIM_REFUSE_GW,              /* gw outside [0, 1e4] */
    SIM_REFUSE_RATES,           /* rate or rate2 outside [0, 1] */
    SIM_REFUSE_SHARES,          /* shares outside [0, 1000] billion */
    SIM_REFUSE_NO_RATE,         /* a revenue share of 0 */
    SIM_REFUSE_NO_SHARES,       /* warrants for no shares */
    SIM_REFUSE_NO_AMOUNT,       /* an amount of 0 */
    SIM_REFUSE_JV_SHARES,       /* a joint venture's two shares are not in (0, 1] */
    SIM_REFUSE_NOT_OPEN,        /* deal is not an open offer to actor */
    SIM_REFUSE_COUNTER_PARTIES, /* a counter not between the two parties of deal */
    SIM_REFUSE_NOT_PARTY,       /* actor is neither the payer nor the payee */
    SIM_REFUSE_DEFAULTED,       /* a party has defaulted */
    SIM_REFUSE_EXCLUSIVE,       /* actor's compute purchases are exclusive to other */
    SIM_REFUSE_OVER_BUDGET,     /* actor would owe a $B in one year of the schedules (the busiest
                                   12 months the terms touch) against a yearly budget of b */
    SIM_REFUSE_NOT_HELD,        /* deal is not a right that actor holds (release) */
    SIM_REFUSE_NOT_EXITABLE, /* deal is not a live supply, equity or undrawn loan deal of actor */
    SIM_REFUSE_NO_STAKE,     /* actor holds fewer than a billion shares of other (b: asked) */
    SIM_REFUSE_NO_BUYER,     /* no funding round buys other's shares (sentiment a <= 0) */
    SIM_REFUSE_CANNOT_PAY,   /* actor cannot pay a $B of penalty with b of cash and credit */
    SIM_REFUSE_TOO_BIG,      /* actor would commit a $B (warrants: shares worth a $B), more
                                than SIM_ABSURD_MULTIPLE x (1 for shares) its market value b */
    SIM_REFUSE_TOO_RISKY,    /* with the deal actor (the hub, or an actor without a budget)
                                would owe a $B (present value) against assets worth b: a
                                default probability above market.max_commit_pd */
    SIM_REFUSE_CANNOT_CARRY, /* actor (idem) would owe a $B in one year against b: its revenue
                                after costs that year plus its funding room now */
    SIM_REFUSE_UNKNOWN_INTENT,
    SIM_REFUSE_NOT_DISTRESSED, /* a rescue of other, which has missed no payment and whose default
                                  probability a is below SIM_RESCUE_PD */
    SIM_REFUSE_NO_FUNDS,       /* actor cannot put a $B in with b of cash and credit */
    SIM_REFUSE_BELOW_ESTATE,   /* actor offers a $B for failed other, whose estate is worth b to
                                  outside buyers (sim_rescue_estate) */
    SIM_REFUSE_BOUGHT,         /* failed other was bought already (by actor) */
    SIM_REFUSE_COUNT
} SimRefuseCode;

typedef struct {
    SimRefuseCode code;
    SimDealKind kind; /* the kind of the terms checked (SIM_DEAL_KIND_COUNT if none) */
    int actor, other; /* actors concerned, or -1 */
    int deal;         /* the deal concerned, or -1 */
    double a, b;      /* figures, $B */
} SimRefusal;

/* A stable lower-case name of the code ("over_budget"), for tables keyed by it. */
const char *sim_refuse_code_name(SimRefuseCode c);

/* Stable lower-case names ("compute", "chip_lease", ...), as in scenario files and saves. They
 * are identifiers, not words for a reader: those are in the tables of each language, under
 * deal.kind.<name> ("a compute contract"), deal.noun.<name> ("compute contract", after an
 * amount) and deal.status.<name> (assets/lang/<code>/feed.json). */
const char *sim_deal_kind_name(SimDealKind k);
/* Returns the kind for a name, or -1. */
int sim_deal_kind_parse(const char *name);
/* "proposed", "delivering" ... as in saves and the script API. */
const char *sim_deal_status_name(SimDealStatus s);

/* Who owes a deal's arrears: the borrower for loans and guarantees, the payer otherwise. */
int sim_deal_debtor(const SimTerms *t);
/* Whom those arrears are owed to: the lender (the world for a guaranteed loan), the payee
 * otherwise. SIM_WORLD for the world. */
int sim_deal_creditor(const SimTerms *t);

/* The other side of the deal from `actor` (payer <-> payee). */
int sim_deal_counterparty(const SimDeal *d, int actor);

/* Checks that terms make sense on their own (no world needed): kinds that need an amount have a
 * positive finite one (at most 1e6 $B), months within 1..600, delay within 0..240, upfront,
 * rate and rate2 within [0, 1], gw within [0, 1e4], shares within [0, 1000] billion, and the
 * parties differ (the payee of a build is the world). Writes what is wrong into err and returns -1.
 */
int sim_terms_check(const SimTerms *t, int n_actors, char *err, size_t errsz);
/* The same, also saying why as data into *why (NULL: not wanted; code SIM_REFUSE_NONE if the
 * terms are fine). */
int sim_terms_check_why(const SimTerms *t, int n_actors, SimRefusal *why, char *err, size_t errsz);
/* The range sim_terms_check allows term `field` (one SIM_FIELD_*), in the term's own unit (rates
 * and upfront as fractions, amount in $B, shares in billions): 0 with *lo and *hi, or -1 for no
 * such field. A window shows a typed value outside it as such, and says the range. */
int sim_terms_range(unsigned field, double *lo, double *hi);

/* The share of `amount` due in payment k (0-based) of n: the first carries `upfront`, the rest
 * split evenly. Sums to exactly 1 over k = 0..n-1 up to rounding. */
double sim_schedule_share(const SimTerms *t, int k);

/* The sum of sim_schedule_share over payments k in [from, to), clipped to the schedule; O(1). */
double sim_schedule_sum(const SimTerms *t, int from, int to);

/* The budget rules (docs/budget-rules.md). A guarantee counts against its guarantor's budget at
 * this weight of the draws it guarantees: the lenders may call it, the guarantor need not pay. */
#define SIM_GUARANTEE_WEIGHT 0.5
/* No party may commit more than this many times its market value in one deal. */
#define SIM_ABSURD_MULTIPLE 5.0

/* What the payer owes in the first 12 months after acceptance, $B: the part of its budget the
 * terms take (a joint venture: the payer's share; a guarantee: SIM_GUARANTEE_WEIGHT of the draws;
 * warrants take none, nor revenue shares, whose size depends on revenue: sim_budget counts them
 * with the world at hand). */
double sim_terms_first_year(const SimTerms *t);

/* Number of turns over which the deal makes payments (loans: draws then repayments). */
int sim_deal_span(const SimTerms *t);

/* True once a deal binds its parties (announced, delivering). */
static inline int sim_deal_is_live(const SimDeal *d)
{
    return d->status == SIM_DS_ANNOUNCED || d->status == SIM_DS_DELIVERING;
}

#endif
