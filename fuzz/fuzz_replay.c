/* fuzz_replay: the replay loader (dat_replay_parse) on any bytes, and what it accepts.
 *
 * A refused file must give one line naming the place and what was expected, with nothing left
 * allocated. An accepted replay must write again (dat_replay_text) to a text that loads and
 * writes again byte for byte, and its embedded scenario must be one the scenario loader can read
 * (or refuse with a message: a replay's scenario is checked when it is played). */
#include "dat_replay.h"
#include "dat_scenario.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[1024];
    err[0] = '\0';
    DatReplay r;
    if (dat_replay_parse((const char *)data, size, "fuzz.json", &r, err, sizeof err) < 0) {
        fuzz_check_message(err, sizeof err, "dat_replay_parse");
        return 0;
    }
    size_t n1 = 0, n2 = 0;
    char *t1 = dat_replay_text(&r, &n1, err, sizeof err);
    if (!t1)
        fuzz_fail("a loaded replay cannot be written", err);
    DatReplay r2;
    if (dat_replay_parse(t1, n1, "written.json", &r2, err, sizeof err) < 0)
        fuzz_fail("a written replay does not load", err);
    char *t2 = dat_replay_text(&r2, &n2, err, sizeof err);
    if (!t2)
        fuzz_fail("a reloaded replay cannot be written", err);
    if (n1 != n2 || memcmp(t1, t2, n1) != 0)
        fuzz_fail("written, loaded and written again, a replay changes", NULL);
    free(t1);
    free(t2);
    dat_replay_free(&r2);
    if (r.scenario_text) {
        err[0] = '\0';
        SimScenario *sc =
            dat_scenario_parse(r.scenario_text, r.scenario_len, "embedded", err, sizeof err);
        if (sc)
            sim_scenario_free(sc);
        else
            fuzz_check_message(err, sizeof err, "dat_scenario_parse of a replay's scenario");
    }
    dat_replay_free(&r);
    return 0;
}
