/* sim_ledger: the double-entry books of the game.
 *
 * Every movement of money is one SimFlow from one account to another, so the sum over all
 * accounts never changes: the actors' accounts plus one for the world outside (customers,
 * builders, lenders, the stock market). The ledger owns the balances: an actor's cash is its
 * balance here, and nothing else may change it. Each turn the books are checked: the total is
 * the opening total, and each account moved by exactly the flows booked this turn.
 * Circularity is computed from the flows, not guessed. The ledger owns its arrays;
 * sim_ledger_destroy frees them. */
#ifndef SIM_LEDGER_H
#define SIM_LEDGER_H

#include <stddef.h>

typedef enum {
    SIM_FLOW_REVENUE,         /* customers pay an actor for its own business */
    SIM_FLOW_OPEX,            /* an actor's running costs */
    SIM_FLOW_CONTRACT,        /* an instalment of a compute, chip, lease or co-development deal */
    SIM_FLOW_EQUITY,          /* an equity tranche */
    SIM_FLOW_LOAN_DRAW,       /* a lender (or the world, for a guaranteed loan) pays out */
    SIM_FLOW_LOAN_REPAY,      /* principal back to the lender */
    SIM_FLOW_INTEREST,        /* interest on loans and credit */
    SIM_FLOW_GUARANTEE_CALL,  /* a guarantor pays the lenders of a defaulted borrower */
    SIM_FLOW_REVENUE_SHARE,   /* share of revenue handed over */
    SIM_FLOW_JV_CONTRIBUTION, /* a partner's share of a joint build */
    SIM_FLOW_BUILD,           /* an actor's own data-centre spending */
    SIM_FLOW_WARRANT_SALE,    /* vested warrant shares sold on the market */
    SIM_FLOW_EQUITY_RAISE,    /* new shares sold to outside investors */
    SIM_FLOW_CREDIT_DRAW,     /* borrowing on a credit line */
    SIM_FLOW_CREDIT_REPAY,    /* paying a credit line back */
    SIM_FLOW_SHARE_SALE,      /* shares bought earlier, sold on the market */
    SIM_FLOW_EXIT_PENALTY,    /* a party that cancels a deal pays its counterparty */
    SIM_FLOW_SALVAGE,         /* a builder sells capacity stranded by a cancelled deal */
    SIM_FLOW_LIQUIDATION,     /* outside buyers pay a defaulted firm for its business and claims */
    SIM_FLOW_RECOVERY,        /* a defaulted firm's estate pays a creditor (the clearing) */
    SIM_FLOW_DEFAULT_COST,    /* what a default costs (Rogers-Veraart): lost to the world */
    SIM_FLOW_ESTATE,          /* a bought failed firm's cash handed to its buyer (sim_rescue) */
    SIM_FLOW_KIND_COUNT
} SimFlowKind;

typedef struct {
    int turn;
    int from, to; /* account indexes: actors 0..n-1, the world is n */
    double amount;
    SimFlowKind kind;
    int deal; /* the deal behind the flow, or -1 */
    int via;  /* a warrant or share sale: the issuer whose shares were sold; a liquidation of a
                 claim (sim_cascade): the debtor; else -1 */
} SimFlow;

typedef struct {
    SimFlow *flows;
    int n_flows, cap_flows;
    int n_accounts;   /* actors + 1 (the world, last) */
    double *balance;  /* n_accounts */
    double *opening;  /* balances when the current turn began */
    double total;     /* the constant sum of all balances */
    int turn_first;   /* index of the first flow of the current turn */
    double *financed; /* n_accounts^2: [vendor * n + hub] money the vendor put into the hub */
    double *paid;     /* n_accounts^2: [hub * n + vendor] contract and revenue-share payments */
    double *moved;    /* n_accounts: scratch for the turn check */
} SimLedger;

/* Sets up n_actors + 1 accounts with the given opening cash (the world starts at 0).
 * Returns 0, or -1 with err filled if memory runs out. */
int sim_ledger_init(SimLedger *l, int n_actors, const double *cash, char *err, size_t errsz);
void sim_ledger_destroy(SimLedger *l);
/* Deep copy, for forks of a world (what-ifs, tests). */
int sim_ledger_copy(SimLedger *dst, const SimLedger *src, char *err, size_t errsz);

/* The world's account index. */
int sim_ledger_world(const SimLedger *l);

/* Books a flow; amount must be finite and >= 0 (0 books nothing). Returns 0 or -1 when memory
 * runs out (the balances are then untouched). */
int sim_ledger_post(SimLedger *l, int turn, int from, int to, double amount, SimFlowKind kind,
                    int deal, int via);

/* Marks the start of a turn: remembers the balances the turn's check starts from. */
void sim_ledger_begin_turn(SimLedger *l);

/* Checks the books for the current turn: the sum of balances equals the constant total, and each
 * account changed by exactly its flows since sim_ledger_begin_turn (within a relative tolerance
 * of 1e-9 of the money in play). Returns 0, or -1 with the first discrepancy in err. */
int sim_ledger_check_turn(const SimLedger *l, char *err, size_t errsz);

/* Re-adds every flow from the opening balances and compares with the balances now: the full
 * audit, O(flows). opening_cash as given to sim_ledger_init. */
int sim_ledger_audit(const SimLedger *l, const double *opening_cash, char *err, size_t errsz);

/* Circularity of `vendor` with respect to `hub` so far: the share of the hub's payments to the
 * vendor (contract instalments, revenue share) that the vendor itself financed (its equity, its
 * loans, and the proceeds of the warrants it issued), capped at 1; 0 when the hub paid nothing.
 * O(1): the ledger keeps the running sums as it books. */
double sim_ledger_circularity(const SimLedger *l, int hub, int vendor);

/* The same, recomputed from the flows up to and including `turn` (O(flows)). */
double sim_ledger_circularity_at(const SimLedger *l, int hub, int vendor, int turn);

/* The highest value sim_ledger_circularity_at(l, hub, vendor, t) took at the end of any turn
 * t <= `turn`, in one pass over the flows (O(flows)); 0 when the hub paid nothing. */
double sim_ledger_circularity_peak(const SimLedger *l, int hub, int vendor, int turn);

/* Sum of flows of a kind between two accounts (either may be -2 meaning "any"). */
double sim_ledger_sum(const SimLedger *l, int from, int to, int kind);

const char *sim_flow_kind_name(SimFlowKind k);

#endif
