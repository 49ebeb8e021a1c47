/* dat_history: the whole record of a game as one JSON file ("closedloop-history", version 1).
 *
 * It holds the scenario id, the seed (a decimal string, exact to 64 bits), how and when the game
 * ended, the actors, a snapshot of every actor after every turn played, every deal, every money
 * flow of the ledger, every logged event, and the scores. Numbers are written exactly (they read
 * back to the same bits); a non-finite number anywhere is an error, not a silent null. Actors are
 * named by id, the outside account by "world"; an absent actor, deal or turn is null.
 *
 * Turns: deals, flows and events carry the 0-based turn during which they happened (its month is
 * start + turn). turns[t] is the state after t turns played: turns[0] is the opening state, and
 * its "month" is the month whose end it shows (start + t - 1; the month before start for t = 0).
 *
 * The writer reads the world and never changes it; it owns nothing after it returns. */
#ifndef DAT_HISTORY_H
#define DAT_HISTORY_H

#include "sim_world.h"

#include <stddef.h>

/* Writes the record to path atomically (a temp file renamed over it), or to stdout for "-".
 * Returns 0, or -1 with "PATH: why" in err. */
int dat_history_write(const SimWorld *w, const char *path, char *err, size_t errsz);

/* The same JSON text in a NUL-terminated buffer the caller frees (len may be NULL). NULL with
 * err on failure. */
char *dat_history_text(const SimWorld *w, size_t *len, char *err, size_t errsz);

#endif
