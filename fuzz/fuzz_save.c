/* fuzz_save: the save loader (dat_save_parse) on any bytes, and what it accepts.
 *
 * A refused file must give one line naming the place and what was expected, with nothing left
 * allocated (the leak checker sees it). An accepted save is a promise of three things, each
 * checked: it can be written again (dat_save_text), what is written loads again to the same
 * world (same sim_world_hash) and writes the same text byte for byte (the numbers are exact),
 * and the game goes on: seated as the save says (a Lua seat plays passive here: the sandbox has
 * its own harness), the world plays a few more turns without an engine failure. */
#include "dat_save.h"
#include "fuzz_util.h"
#include "sim_turn.h"
#include "sim_native.h"

/* Turns played on after loading. */
#define FUZZ_TURNS 3

static void seat(SimWorld *w, const DatSave *s)
{
    for (int i = 0; i < w->n; i++) {
        const DatSeat *st = &s->seats[i];
        const char *plays = strcmp(st->plays, "lua") == 0 ? "passive" : st->plays;
        SimStrategy strat;
        if (sim_strategy_native(plays, &strat) < 0)
            fuzz_fail("a loaded seat names no native strategy", st->plays);
        if (strcmp(plays, "human") == 0)
            *sim_strategy_queue(&strat) = st->queue;
        sim_world_set_strategy(w, i, strat);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[1024];
    err[0] = '\0';
    DatSave s;
    if (dat_save_parse((const char *)data, size, "fuzz.json", &s, err, sizeof err) < 0) {
        fuzz_check_message(err, sizeof err, "dat_save_parse");
        return 0;
    }
    if (!s.world || !s.seats)
        fuzz_fail("dat_save_parse", "accepted a save without a world or seats");
    size_t n1 = 0, n2 = 0;
    char *t1 = dat_save_text(&s, &n1, err, sizeof err);
    if (!t1)
        fuzz_fail("a loaded save cannot be written", err);
    DatSave s2;
    if (dat_save_parse(t1, n1, "written.json", &s2, err, sizeof err) < 0)
        fuzz_fail("a written save does not load", err);
    char *t2 = dat_save_text(&s2, &n2, err, sizeof err);
    if (!t2)
        fuzz_fail("a reloaded save cannot be written", err);
    if (n1 != n2 || memcmp(t1, t2, n1) != 0)
        fuzz_fail("written, loaded and written again, a save changes", NULL);
    if (sim_world_hash(s.world) != sim_world_hash(s2.world))
        fuzz_fail("written and loaded again, a save is another world", NULL);
    free(t1);
    free(t2);
    dat_save_free(&s2);

    SimWorld *w = s.world;
    if (w->end == SIM_END_NONE) {
        seat(w, &s);
        if (sim_turn_run(w, FUZZ_TURNS, err, sizeof err) < 0)
            fuzz_fail("the engine failed on a loaded save", err);
    }
    dat_save_free(&s);
    return 0;
}
