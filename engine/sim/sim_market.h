/* sim_market: how prices and sentiment answer the deals.
 *
 * Announcements move prices on the day by the change of each party's fundamental value
 * (sim_value, balance sheets valued before and after the deals) plus a story premium (a jump
 * scaled by the deal's size, net of the money the vendor puts back in, against market value;
 * amplified by sentiment and by FOMO, the number of rivals that joined a borrower and were
 * rewarded; felt by rivals; noise from a stream per actor and month). Each month sentiment
 * decays, feeds on the value announced and is pulled back by the hub's default probability;
 * prices follow sentiment and revert to the fundamental value. A default writes claims down
 * along the exposure graph and moves each loser's price by the change of its fundamental value.
 * All in place on a SimWorld. */
#ifndef SIM_MARKET_H
#define SIM_MARKET_H

#include "sim_world.h"

/* Sentiment now, in (-1, 1). */
double sim_market_sentiment(const SimWorld *w);

/* FOMO pressure on actor i: the share of its rival giants that are bound to a borrower (the hub
 * or any actor another has financed: sim_world_is_borrower) and whose announcements the market
 * rewarded, in [0, 1]. */
double sim_market_fomo(const SimWorld *w, int i);

/* The first-day jump (log return, before noise) that actor i would see if a deal of `net` $B
 * were announced with i on the side `payee` (1) or payer (0). Used by the engine and by
 * strategies to weigh a deal. */
double sim_market_expected_jump(const SimWorld *w, int i, double net, int payee);

/* The size of a deal as the market reads it on the day, $B: what the payee receives or what the
 * payer commits, whichever is larger. */
double sim_market_deal_size(const SimWorld *w, const SimDeal *d);

/* Applies the market's answer to the deals announced this turn (ids in list). Logs a REACTION per
 * actor moved. Returns 0, or -1 if memory runs out. */
int sim_market_announce(SimWorld *w, const int *deals, int n_deals);

/* The monthly move of sentiment and prices at the end of a turn. */
void sim_market_month(SimWorld *w, double announced);

/* Writes down claims on defaulted actor d: counterparties lose their exposure (a vendor its
 * arrears and its stranded capacity), guarantors pay, each loser's price moves by the change of
 * its fundamental value (at most -90%), sentiment crashes if d is the hub.
 * Returns 0, or -1 if memory runs out. */
int sim_market_default(SimWorld *w, int d);

/* What the month's clearing (sim_cascade) settled for defaulter d: its debts are paid as the
 * clearing says (booked already), so sim_market_default_cleared writes down only what the
 * clearing does not cover (stranded capacity, joint-build stakes, shares) and adds the clearing's
 * losses to each creditor's write-down. */
typedef struct SimDefaultClear {
    int round;          /* its round in the month's cascade, 1.. */
    int cause;          /* the earlier defaulter whose shortfall hurt it most, or -1 */
    const double *lost; /* n: what each actor lost on its claims on d in the clearing, $B */
    const double *got;  /* n: what each actor recovered from d in the clearing, $B */
    double paid_share;  /* what d paid of what it owed: lenders of its guaranteed loans get this
                           share from the estate and the rest from the guarantor */
} SimDefaultClear;

/* sim_market_default with the clearing's settlement (c NULL: as sim_market_default). The
 * DEFAULT event carries the round in aux and the cause in other; each WRITEDOWN the recovered
 * amount in aux. */
int sim_market_default_cleared(SimWorld *w, int d, const SimDefaultClear *c);

/* The fundamental equity of every actor as the world stands (sim_value), into e (n values). */
void sim_market_fundamentals(SimWorld *w, double *e);

/* The market's answer on the day to deals ended early and stakes sold (exit and sell intents):
 * every actor with party[i] set moves by the change of its fundamental equity since e0
 * (sim_market_fundamentals, taken before), capped at jump_cap either way, and a REACTION is
 * logged naming deal_of[i] (-1 for a sale) with amount weighed[i]. 0, or -1 if memory runs out. */
int sim_market_react(SimWorld *w, const double *e0, const int *party, const int *deal_of,
                     const double *weighed);

#endif
