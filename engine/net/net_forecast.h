/* net_forecast: the deal dialog's numbers for a student's draft, as data (the `forecast` answer of
 * docs/protocol.md). The same engine functions as the window's dialog (ui_desk, ui_desk_draft):
 * the engine's check (sim_turn_validate_why) and its refusal as data, each term's range
 * (sim_terms_range) and whether the draft's value is in it (flagged, never cut), the expected
 * first-day move of both parties and the drafter after the deal (sim_after), what the deal takes
 * from the budget in its first year, and the other side's likely answer: sim_native_forecast for
 * a native seat, and for a script's seat the answer its script gives on a copy of the game, asked
 * through a function the app installs (app_game_forecast: net/ cannot call app/). Words are the
 * page's: it tells the data with the same tables as the window (desk.*, refuse.*).
 *
 * Nothing here writes the world. */
#ifndef NET_FORECAST_H
#define NET_FORECAST_H

#include "dat_jwrite.h"
#include "net_proto.h"
#include "sim_strategy.h"
#include "sim_world.h"

/* What the seat of `who` would answer this month to terms t proposed by `me`, its script run on a
 * copy of the game: a SimIntentKind (ACCEPT, REJECT, COUNTER, PASS) with its reason in reason
 * (cap bytes), or -1 with err. */
typedef int (*NetAskFn)(void *ctx, int me, int who, const SimTerms *t, char *reason, size_t cap,
                        char *err, size_t errsz);

/* Writes the members of the forecast of intent `in` (a PROPOSE or COUNTER of actor me) into an
 * open answer object b (each as `,"key":value`). ask may be NULL (a script's answer is then
 * "unknown"). */
void net_forecast_write(const SimWorld *w, int me, const SimIntent *in, NetAskFn ask, void *ask_ctx,
                        DatBuf *b);

#endif
