/* net_desk: the parts of a seat's desk (the `state` answer) and of the room's `seats` answer that
 * the student's page needs to act as the window's desk does: an offer's full terms (a counter
 * starts from them), what the seat has queued this month, the news of the last months as data
 * (the page tells each line in its reader's language with the same tables as the window), every
 * actor, and each deal kind's terms (the fields the deal dialog shows for it). Each writer appends
 * members (`,"key":value`) to an open answer object. */
#ifndef NET_DESK_H
#define NET_DESK_H

#include "dat_jwrite.h"
#include "sim_world.h"

#define NET_DESK_MONTHS 3  /* months of news in a state */
#define NET_DESK_NEWS   60 /* lines of news in a state, at most (the newest) */

/* The terms of deal d after an offer's "months" member: delay, upfront, gw, rate, rate2, shares
 * and the proposer's name. */
void net_desk_offer_terms(const SimWorld *w, const SimDeal *d, DatBuf *b);
/* "queued_list": the intents queued on actor me's queued strategy. */
void net_desk_queue(SimWorld *w, int me, DatBuf *b);
/* "events": the news of the last NET_DESK_MONTHS months played, for actor me: the scenario's
 * news, deals proposed to or by me, signed, refused and expired, defaults, my first-day moves,
 * my intents the engine dropped and why, the teacher's levers. */
void net_desk_events(const SimWorld *w, int me, DatBuf *b);
/* "actors" (every actor: id and name) and "kind_info" (each kind: the terms it uses, whether it
 * is a deal with the world, how it pays, what its GW are). */
void net_desk_game(const SimWorld *w, DatBuf *b);

#endif
