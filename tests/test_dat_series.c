/* test_dat_series: the snapshot's series by name (sim_series) and the saves that store them
 * (dat_save, version 4: the names once, the rows in their order; version 3 read by its fixed
 * order). The table is the whole of SimSnap, each name once; a version 3 save and a version 4
 * save of the same game read to the same world, and the version 3 one written again is the
 * version 4 file byte for byte. */
#include "dat_save.h"
#include "sim_series.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_table(void)
{
    size_t bytes = 0;
    for (int k = 0; k < SIM_N_SERIES; k++) {
        const SimSeries *se = &sim_series[k];
        CHECK_MSG(sim_series_find(se->name) == k, "%s found at %d", se->name,
                  sim_series_find(se->name));
        CHECK(se->off < sizeof(SimSnap) && se->lo < se->hi);
        bytes += sim_series_is_int(se) ? sizeof(int) : sizeof(double);
    }
    /* Every byte of the struct is a series of the table (no field outside it, no padding). */
    CHECK(bytes == sizeof(SimSnap));
    CHECK(sim_series_find("nothing") < 0);
    /* get/set by index are the fields. */
    SimSnap s;
    memset(&s, 0, sizeof s);
    int kd = sim_series_find("due_12m"), kt = sim_series_find("top");
    CHECK(kd >= 0 && kt >= 0);
    if (kd < 0 || kt < 0)
        return;
    sim_series_set(&s, kd, 12.5);
    sim_series_set(&s, kt, 3);
    CHECK(s.due_12m == 12.5 && s.top == 3 && sim_series_get(&s, kt) == 3.0);
    CHECK(sim_series[kt].kind == SIM_SERIES_ACTOR && sim_series_is_int(&sim_series[kt]));
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void test_v3(void)
{
    char err[512] = "";
    DatSave v3, v4;
    CHECK_MSG(dat_save_load(CL_TESTDATA "/save-v3.json", &v3, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(dat_save_load(CL_TESTDATA "/badsave/base.json", &v4, err, sizeof err) == 0, "%s",
              err);
    if (!v3.world || !v4.world)
        return;
    /* The same game (the same command made both): the same snapshots, to the bit. */
    const SimWorld *a = v3.world, *b = v4.world;
    CHECK(a->turn == b->turn && a->n == b->n && a->turn == 5);
    int same = 1;
    for (int t = 0; t <= a->turn; t++)
        for (int i = 0; i < a->n; i++)
            same &= memcmp(sim_snap(a, t, i), sim_snap(b, t, i), sizeof(SimSnap)) == 0;
    CHECK(same);
    CHECK(sim_world_hash(a) == sim_world_hash(b));
    /* Written again, the version 3 save is the version 4 file. */
    size_t len = 0, flen = 0;
    char *text = dat_save_text(&v3, &len, err, sizeof err);
    char *file = slurp(CL_TESTDATA "/badsave/base.json", &flen);
    CHECK(text && file);
    if (text && file) {
        CHECK_MSG(len == flen && memcmp(text, file, len) == 0, "%zu bytes vs %zu", len, flen);
    }
    free(text);
    free(file);
    dat_save_free(&v3);
    dat_save_free(&v4);
}

int main(void)
{
    test_table();
    test_v3();
    TEST_END();
}
