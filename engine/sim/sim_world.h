/* sim_world: the state of one game: actors, deals, the books, the market, and the record of
 * everything that happened (events and a snapshot of every actor at every turn).
 *
 * Create a world from a scenario and a seed; it keeps its own copy of the scenario. Step it with
 * sim_turn_step. Every other layer reads a SimWorld and never writes it. sim_world_destroy frees
 * everything, including the strategies given to it. */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include "core_rng.h"
#include "sim_deal.h"
#include "sim_ledger.h"
#include "sim_scenario.h"
#include "sim_series.h"
#include "sim_strategy.h"
#include "sim_value.h"

#include <stdint.h>

typedef enum {
    SIM_LOG_NEWS,      /* a scenario event (scenario_event set) */
    SIM_LOG_PROPOSED,  /* deal proposed */
    SIM_LOG_COUNTERED, /* deal: the counter-proposal; other: the deal it counters */
    SIM_LOG_ACCEPTED,
    SIM_LOG_REJECTED,
    SIM_LOG_EXPIRED,
    SIM_LOG_RELEASED,
    SIM_LOG_REACTION, /* actor's first-day move on an announcement: change (log), value ($B),
                         amount: the net $B the market weighed, aux: FOMO share then, fund: the
                         change of its fundamental value within `change`;
                         other >= 0: a rival's spill-over from `other`'s jump */
    SIM_LOG_COMPLETED,
    SIM_LOG_MISSED,         /* actor missed amount due on deal */
    SIM_LOG_DEFAULT,        /* actor defaulted */
    SIM_LOG_GUARANTEE,      /* actor paid amount as guarantor of `other` */
    SIM_LOG_WRITEDOWN,      /* actor lost amount ($B of claims) on `other`'s default */
    SIM_LOG_RAISE,          /* actor raised amount from outside investors */
    SIM_LOG_CREDIT,         /* actor drew amount on its credit line */
    SIM_LOG_WARRANT_SALE,   /* actor sold shares of `other` for amount (warrants first) */
    SIM_LOG_DROPPED,        /* an intent of actor was invalid; text says why */
    SIM_LOG_STRATEGY_ERROR, /* actor's strategy failed this turn; text says why */
    SIM_LOG_TARGET,         /* the hub reached its compute target */
    SIM_LOG_END,
    SIM_LOG_LEVER,  /* a teacher's lever changed between months (sim_lever.h): other: the lever,
                       amount: the new value, aux: the old one */
    SIM_LOG_SOLD,   /* actor sold a stake in `other` (a sell intent): amount: the proceeds ($B),
                       value: those shares at the market price, aux: the discount (share) */
    SIM_LOG_EXITED, /* actor cancelled deal (an exit intent); other: the counterparty; amount: the
                       penalty it paid ($B); value: what was still scheduled; aux: the builder's
                       stranded capacity lost (cost less salvage, $B) */
    SIM_LOG_RESCUE, /* actor put amount ($B) into distressed `other` for new shares (a rescue):
                       value: the shares (billions), aux: the share of `other` they are; or
                       actor bought defaulted `other` whole for amount (sim_rescue): value its
                       shares, aux 1, change what its estate was worth to outside buyers */
    SIM_LOG_KIND_COUNT
} SimLogKind;

typedef struct SimEvent {
    int turn;
    SimLogKind kind;
    int actor;
    int other;          /* -1 if none */
    int deal;           /* -1 if none */
    int scenario_event; /* -1 if none */
    double amount;      /* $B */
    double change;      /* a price change (log return) */
    double value;       /* $B of market value moved */
    double aux;         /* a second figure, by kind (see SimLogKind) */
    double fund;        /* REACTION, WRITEDOWN: the part of `change` that is the change of the
                           actor's fundamental value (sim_value); the rest is the market's story */
    char text[SIM_REASON_LEN];
} SimEvent;

typedef enum {
    SIM_END_NONE,
    SIM_END_HORIZON,   /* the calendar ran out */
    SIM_END_DEFAULT,   /* the calendar ran out after the hub had defaulted (the game goes on) */
    SIM_END_TARGET,    /* the hub reached its compute target */
    SIM_END_TURN_LIMIT /* the caller's --turns ran out */
} SimEndReason;

/* SimSnap, one actor at the end of one turn, is declared by its series in sim_series.h. */

typedef struct {
    double sentiment; /* s in (-1, 1) */
    double leverage;  /* hub: obligations due in 12 months / annual revenue */
    double announced; /* $B announced this turn */
    double demand;    /* hub: revenue it could sell if compute did not bind, $B a year */
} SimTurnInfo;

typedef struct {
    const SimActorSpec *spec; /* in the world's own scenario copy */
    double debt;
    double credit_limit;
    double revenue, growth;
    double shares, price, price0;
    double log_anchor; /* the price the market pulls back to: log(fundamental equity / shares) */
    double compute_owned, compute_contracted;
    double threat; /* outside pressure on its business */
    double car;    /* sum of its first-day reactions as a joiner (log) */
    int joined;    /* has signed a deal with a borrower (sim_world_is_borrower; stays set after
                      the deal ends) */
    int last_deal_turn;
    int defaulted;
    int missed;       /* months in a row with a payment missed */
    double *holdings; /* billions of shares of each actor it holds (row of the world's table) */
    CoreRng rng;
    SimStrategy strategy;
    int strategy_failures; /* in a row */
    int turns_lost;        /* turns its strategy lost, in all (not saved: counted from the
                              start of this process's play, for batches and tournaments) */
    int retired_turn;      /* the month (1-based, as turns played) its strategy was retired to
                              passive after failing turns in a row, or 0 (not saved either) */
    double committed_now;  /* first-year payments of deals it accepted this turn, as payer */
    double scale;          /* S: its own business's weight, fitted to its opening value */
    SimValue val;          /* its balance sheet and Merton figures as last valued (sim_value) */
} SimActor;

typedef struct SimWorld {
    SimScenario *sc; /* owned copy */
    uint64_t seed;
    int n; /* actors */
    SimActor *actors;
    double *holdings; /* n * n: billions of shares of j held by i, at [i * n + j] */
    double *granted;  /* n * n: of which received as warrants (sold first, as warrant sales) */
    double *opening_cash;
    SimLedger ledger;
    SimDeal *deals;
    int n_deals, cap_deals;
    int *live, n_live; /* indexes of live deals (announced, delivering), in id order */
    int *open, n_open; /* indexes of open proposals, in id order */
    SimEvent *events;
    int n_events, cap_events;
    SimSnap *snaps;         /* (turns + 1) * n: index 0 is the opening state */
    SimTurnInfo *info;      /* turns + 1 */
    int turns;              /* length of the calendar */
    int turn;               /* turns played so far; the next turn to play */
    double sentiment_x;     /* latent sentiment */
    double demand_ceiling;  /* the hub's revenue ceiling this game drew, $B a year (sim_demand) */
    double demand_adoption; /* F: adoption so far, a share of the ceiling */
    double demand_z;        /* the ceiling's draw, in standard deviations from the median */
    double hub_share_total; /* the actors' opening shares of the hub's spending, summed */
    int next_event;         /* first scenario event not yet fired */
    SimEndReason end;
    int target_reached_turn;
    double announced_value;  /* $B of market value added on announcement days, all actors */
    int n_giants;            /* actors with the giant role */
    int n_rewarded;          /* giants bound to the hub whose announcements the market rewarded */
    int check_books;         /* check the ledger every turn (on by default) */
    SimIntentList *intents;  /* n: this turn's intents, scratch */
    const int *accepted_now; /* deals accepted so far in the turn being resolved (not yet live;
                                the budget rules count them), n_accepted_now of them; not saved:
                                none between turns */
    int n_accepted_now;
    /* While a failure of the record is played (sim_turn), the share of claims its creditors
     * recover, over market.recovery_rate; not saved: none between turns. */
    int recovery_set;
    double recovery_now;
    double *tally;         /* 3n: scratch for the snapshot */
    double *pay_scratch;   /* 4n: scratch for the month's money (sim_pay) */
    double *value_scratch; /* SIM_VALUE_SCRATCH x n: scratch for the balance sheets (sim_value) */
    struct SimDue *dues;   /* scratch for the month's dues (sim_pay), grows */
    int cap_dues;
    char books_error[256];
    /* The last clearing of defaults (sim_cascade), kept until the next one: (n + 1) actors and
     * the world (last); allocated at the first default. clear_owed ((n+1)^2), clear_outside,
     * clear_pay, clear_recv (n+1 each); clear_round (n+1); clear_scratch for sim_clear. */
    double *clear_buf;
    double *clear_owed, *clear_outside, *clear_pay, *clear_recv;
    int *clear_round;
    void *clear_scratch;
    size_t clear_scratch_size;
    int clear_turn; /* the turn of that clearing, -1 if none */
    /* The network (sim_network), for every actor against every other. Derived from the deals,
     * holdings and flows, so not saved: sim_world_restore_finish rebuilds it. */
    double *net_exposure;  /* n * n: [i * n + j] what i stands to lose if j fails, $B, as of the
                              last snapshot (sim_exposure for every pair) */
    double *circ_financed; /* n * n: [a * n + b] of a's payments to b (contract instalments,
                              revenue share), the part b itself financed, summed over months */
    double *circ_paid;     /* n * n: [a * n + b] a's payments to b, summed over months */
    double *net_carried;   /* n * n: the traced mix of each actor's cash (sim_network_carry) */
    double *net_cash;      /* n: each actor's cash at the end of the last month traced */
    double *net_buf;       /* 4 n^2 + n: scratch for the month's flows and shares */
    void *net_scratch;     /* sim_network_scratch_size(n) bytes */
    int net_month;         /* months traced so far */
    int net_flow;          /* the first flow not yet traced */
} SimWorld;

/* Makes a world at turn 0 from a scenario (copied) and a seed. Every actor starts with the
 * passive strategy; set them with sim_world_set_strategy. NULL with err on failure. */
SimWorld *sim_world_create(const SimScenario *sc, uint64_t seed, char *err, size_t errsz);
void sim_world_destroy(SimWorld *w);

/* Whether w, just made, is a start the game can play: no actor owes more debt than lenders
 * would carry at its opening value (sim_value_debt_capacity), for such an actor cannot borrow a
 * dollar and its interest alone fails it within months. 0, or -1 with err naming the JSON path:
 * in English (ref 0), or as a reference "\x1eerr.sc.debt_limit\x1ePATH\x1eID\x1e$MOST\x1e$DEBT
 * \x1eDD" (ref 1) that core_text_pick tells in the reader's language. */
int sim_world_check_start(const SimWorld *w, int ref, char *err, size_t errsz);

/* Hands a strategy to actor i; the world owns it from now on (destroys the one it replaces). */
void sim_world_set_strategy(SimWorld *w, int i, SimStrategy s);

/* Market value of actor i now ($B). */
double sim_market_value(const SimWorld *w, int i);
double sim_cash(const SimWorld *w, int i);

/* What actor i stands to lose if actor j fails: remaining payments j owes i under live deals,
 * the value of i's shares of j, loans i made to j, guarantees i gave for j, contributions i put
 * into joint builds for j. $B. */
double sim_exposure(const SimWorld *w, int i, int j);

/* What actor i stands to lose if every other actor failed: sim_exposure summed over them. */
double sim_exposure_total(const SimWorld *w, int i);

/* Circularity of `vendor` as a vendor of `payer` so far: the share of what payer paid it
 * (contract instalments, revenue share) that the vendor itself financed, directly or through
 * any firms between (docs/model.md, section 16); 0 when payer paid it nothing. payer < 0: of
 * everything every actor paid it (the snapshot's circularity). */
double sim_circularity(const SimWorld *w, int payer, int vendor);

/* Whether actor j is a borrower: the hub, or an actor some other actor has financed (a deal of
 * the finance family, sim_kind.h, with j as payee, accepted at any time). FOMO counts the
 * giants bound to a borrower. */
int sim_world_is_borrower(const SimWorld *w, int j);

/* Marks the parties of deal d joined if the other party is a borrower (announcements and the
 * deals a scenario starts with). */
void sim_world_bind(SimWorld *w, const SimDeal *d);

/* Payments actor i owes under live deals: the whole remaining schedule (within 12 months if
 * horizon is 12, or everything if horizon < 0). Revenue shares count at the current revenue. */
double sim_obligations(const SimWorld *w, int i, int horizon);

/* What actor i owes under deal d alone (its arrears included), within `horizon` months or all
 * of it if horizon < 0: one term of sim_obligations. */
double sim_deal_owed(const SimWorld *w, const SimDeal *d, int i, int horizon);
/* What actor i stands to lose through deal d alone if actor j fails (arrears included, holdings
 * aside): one term of sim_exposure. d need not be in the world (a draft's probe). */
double sim_deal_exposure(const SimWorld *w, const SimDeal *d, int i, int j);

/* The snapshot of actor i after turn t (t = 0 is the opening state). */
const SimSnap *sim_snap(const SimWorld *w, int t, int i);

/* Records every actor's state and the turn's market figures as the snapshot of turn t. */
void sim_world_snapshot(SimWorld *w, int t);

/* Appends an event to the record; returns it, or NULL if memory runs out. */
SimEvent *sim_world_log(SimWorld *w, SimLogKind kind, int actor, int other, int deal);

/* Recounts the giants and those bound to a borrower and rewarded (for FOMO); the market calls it
 * after each announcement. */
void sim_world_count_rewarded(SimWorld *w);

/* Rebuilds the live and open deal indexes; the engine calls it whenever statuses change. */
int sim_world_index_deals(SimWorld *w);

/* Adds a deal in PROPOSED state and returns its index, or -1 if memory runs out. */
int sim_world_add_deal(SimWorld *w, const SimTerms *t, int proposer, int parent);

/* A FNV-1a hash over the whole record (snapshots, flows, deals, events): the golden value of a
 * game. */
uint64_t sim_world_hash(const SimWorld *w);

/* Restoring a saved game (data/dat_save builds the world, sim/ only checks it). The loader makes
 * a world with sim_world_create from the saved scenario and seed, empties its record with
 * sim_world_clear_record, appends the saved deals (sim_world_add_deal), flows (sim_ledger_post,
 * which rebuilds the balances and the circularity sums exactly) and events (sim_world_log), writes
 * every other field, then calls sim_world_restore_finish. It checks what the engine relies on
 * (every index in range, each deal's terms, statuses, the calendar) and rebuilds what is derived
 * (the deal indexes, the start of the books' turn). 0, or -1 with "world.deals[3].parent: ..."
 * in err; the world must then be destroyed, not played. */
void sim_world_clear_record(SimWorld *w);
int sim_world_restore_finish(SimWorld *w, char *err, size_t errsz);

const char *sim_end_reason_name(SimEndReason r);
/* Whether the game has ended (its calendar ran out, the hub reached its target): not a game still
 * going nor one stopped by the caller's --turns, whose reports say "so far", not "at the end". */
int sim_game_over(const SimWorld *w);

/* The turn in which actor i defaulted, or -1 if it has not: read from the event log, so a restored
 * save knows it too. */
int sim_default_turn(const SimWorld *w, int i);
const char *sim_log_kind_name(SimLogKind k);

/* Whether actor i of w is played by history (the record's dated failures apply to it). */
int sim_plays_history(const SimWorld *w, int i);
/* Whether firm i has failed, or will by `month` (absolute) as the record plays it: a news event
 * dated by then has "default" for it and history plays it. */
int sim_record_failed_by(const SimWorld *w, int i, int month);

#endif
