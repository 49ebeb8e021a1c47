/* sim_game: the few steps every whole-game test repeats (make a world, play a turn, audit the
 * books), each reporting through test_util's CHECK. Static inline: a test uses what it needs. */
#ifndef SIM_GAME_H
#define SIM_GAME_H

#include "sim_ledger.h"
#include "sim_turn.h"
#include "test_util.h"

static inline SimWorld *make_world(const SimScenario *sc, uint64_t seed)
{
    char err[256] = "";
    SimWorld *w = sim_world_create(sc, seed, err, sizeof err);
    CHECK_MSG(w != NULL, "world: %s", err);
    return w;
}

static inline int step(SimWorld *w)
{
    char err[256] = "";
    int rc = sim_turn_step(w, err, sizeof err);
    CHECK_MSG(rc >= 0, "turn %d: %s", w->turn, err);
    return rc;
}

static inline int audit(const SimWorld *w)
{
    char err[256] = "";
    int rc = sim_ledger_audit(&w->ledger, w->opening_cash, err, sizeof err);
    CHECK_MSG(rc == 0, "audit: %s", err);
    return rc;
}

#endif
