/* scr_api: the strategy API as a Lua script sees it.
 *
 * A strategy script returns a table with decide(view) and optionally init(view) and
 * on_event(view, ev). This module gives it:
 *  - `view`, read-only (a write raises "the view is read-only" at the script's line): turn,
 *    month ("YYYY-MM"), turns, me (own actor id), hub (the hub's id), sentiment, leverage,
 *    target_gw, self (own state), actors (each actor's state, as an array 1..n and by id),
 *    offers_to_me and my_offers (open proposals), deals (live deals involving it), news (the last
 *    64 events that concern it or are public), prices (each actor's market value over the last 24
 *    turns, by id and by position), calendar (the scenario's dated events), params (its baseline
 *    parameters from the scenario) and memory (its own table, the one writable part).
 *    An actor's record: id, name, role, index, cash, debt, credit_limit, revenue, growth, shares,
 *    price, market_value, compute_owned, compute_contracted, exposure (to every other actor,
 *    summed), exposure_top and top (its largest counterparty's exposure and id, nil if none),
 *    exposure_to (by counterparty id, the nonzero ones), obligations, due_12m, circularity (as
 *    a vendor of anyone, traced along any path), threat, fomo, joined (bound to a borrower),
 *    defaulted, capex_budget, last_deal (turn, or nil), deal_kind (the kind its baseline
 *    offers). A deal's record: id, kind, from (proposer),
 *    to, payer, payee ("world" for a build), amount, months, delay, upfront, gw, rate, rate2,
 *    shares, reason, answer, parent, proposed, decided, start, ended, status, paid, gw_done,
 *    principal, vested, missed, size (what the market weighs), tag. An event's record: index,
 *    turn, kind, actor, other, deal, amount, change, value, aux, text, tag. A calendar entry:
 *    month, turn, type, id, title, actor;
 *  - helper globals: expected_jump(id, net, as_payee), exposure(a, b), circularity(vendor [,
 *    payer]), fomo(id),
 *    obligations(id [, months]), funding_room(id), check(intent) -> true | nil, why (what the
 *    engine would say of it now), deal_size(intent) -> $B (what the market would weigh);
 *  - intent constructors: propose{to=, kind=, amount=, months=, delay=, upfront=, gw=, rate=,
 *    rate2=, shares=, pay=, reason=} and its shorthands invest, lease, sell, guarantee, lend,
 *    warrants, cloud, codevelop, joint_venture, build; accept(id, reason), reject(id, reason),
 *    counter(id, {terms}, reason), release(id, reason), pass(reason). Each returns a plain table
 *    ({op = "propose", line = LINE, ...}) that remembers the line it was made on (propose{...}
 *    and counter(id, {...}) mark and return the very table they are given). The payer of a
 *    proposal follows `pay` (true: the proposer pays); by default the counterparty pays for the
 *    supply kinds (compute, chip_purchase, chip_lease, codev) and for exclusivity (the proposer
 *    holds the right), the proposer for the others. A counter starts from the countered deal's
 *    terms. months defaults to 12, rate to the market's interest rate for loans and guarantees
 *    and to 1 - rate2 for joint ventures. A reason is a string in any language or a table
 *    {en = "...", zh = "..."} (either part may be missing), kept as one text "EN\x1fZH"
 *    (CORE_TEXT_SEP between the parts; a reader shows its language's part with core_text_pick).
 *    The view gives reasons back as they are kept, both parts: what a script reads must not
 *    depend on the language the game is shown in, so the view has no language either.
 * The view is built on the first call and kept in the registry, and a turn costs what the script
 * reads, not the size of the world: the records of actors, deals and events read each field
 * from the world when asked; the lists are filled on first read and refilled only when they
 * change (the news only with what is new). View
 * tables are reused from turn to turn (a deal's record is the same table for the deal's whole
 * life): copy into memory what must outlive the call.
 *
 * Ownership: scr_api_create makes a context bound to a sandbox; scr_api_destroy frees the C side
 * (the Lua side is freed with the sandbox's state). The functions marked "inside a call" must run
 * in a C function called through scr_sandbox_call: they allocate Lua objects and may raise. */
#ifndef SCR_API_H
#define SCR_API_H

#include "scr_sandbox.h"
#include "sim_strategy.h"
#include "sim_world.h"

#include <lua.h>
#include <stddef.h>

/* The longest reason an intent keeps, both parts and the separator together (longer ones are cut
 * at a UTF-8 character boundary: when both parts do not fit, the shorter keeps all of its words
 * if it takes at most half the room, and otherwise each part gets half). */
#define SCR_REASON_MAX (SIM_REASON_LEN - 1)
/* The most news the view keeps. */
#define SCR_NEWS_MAX 64
/* The most turns of prices the view keeps. */
#define SCR_PRICES_MAX 24
/* Largest number an intent may carry ($B, GW, months...). */
#define SCR_ABSURD 1e6

typedef struct ScrApi ScrApi;

/* Told of intents dropped before they reached the engine: `count` of them (more than one only for
 * a list longer than SIM_MAX_INTENTS), msg one line such as
 * "name:LINE: propose dropped: unknown actor 'nvdia'". */
typedef void (*ScrDropFn)(void *ud, int count, const char *msg);

/* Installs the helpers and constructors in the sandbox's globals and makes view.memory. drop may
 * be NULL. NULL with err on failure. */
ScrApi *scr_api_create(ScrSandbox *sb, ScrDropFn drop, void *drop_ud, char *err, size_t errsz);
void scr_api_destroy(ScrApi *api);

/* Inside a call: points the API at the world as v sees it (building the view on first use, or
 * again for another world or actor), marks every record stale, and pushes the view. */
void scr_api_begin(lua_State *L, ScrApi *api, const SimView *v);
/* After the call: the view must not be read until the next scr_api_begin. */
void scr_api_end(ScrApi *api);

/* Inside a call, after scr_api_begin: pushes the read-only record of world event ev (an element
 * of v->world->events): {index, turn, kind, actor, other, deal, amount, change, value, aux, text,
 * tag}. */
void scr_api_push_event(lua_State *L, ScrApi *api, const SimEvent *ev);

/* Inside a call, after scr_api_begin: turns the value at idx (what decide returned) into intents
 * appended to out. nil or an empty table is a pass; a table of intents is read in order; a single
 * intent alone is accepted too. A malformed intent is dropped (told to the drop function) and the
 * rest kept, as are the first SIM_MAX_INTENTS well-formed ones (the rest dropped and counted in
 * out->overflow). Anything else (a number, a string, a list holding a non-table) raises
 * "name:LINE: decide returned ...", LINE being `line` (where decide is defined). Returns the
 * number of intents dropped. */
int scr_api_intents(lua_State *L, ScrApi *api, int idx, int line, SimIntentList *out);

/* After a failed decide: the refs of its offers are not followed (the turn takes none of them). */
void scr_api_forget_refs(ScrApi *api);

/* Inside a call: the values decide returned beyond the first (stack from..top): each one not nil
 * is told to the drop function as dropped ("decide returned 2 values and only the first counts"),
 * at the line its intent was made on, or `line`. */
void scr_api_extra_results(lua_State *L, ScrApi *api, int from, int line);

/* Inside a call: raises "name: view.memory.PATH holds ..." unless view.memory holds only plain
 * data: string, number (finite) and boolean keys; string, number (finite), boolean and table
 * values; tables without metatables, nested at most 32 deep, without cycles. The first problem in
 * pairs' order is named, so the message does not change from run to run. After such a failure
 * view.memory is emptied (the same table), so that the next call does not fail on the same value
 * again. */
void scr_api_check_memory(lua_State *L, ScrApi *api);

/* The registry reference of the memory table (lua_rawgeti(L, LUA_REGISTRYINDEX, ref) pushes it).
 * A saver walks it with scr_sandbox_sorted_keys, which gives keys in a fixed order; the checks
 * above guarantee that it is a tree of plain values. */
int scr_api_memory_ref(const ScrApi *api);

#endif
