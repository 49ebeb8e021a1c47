/* test_sim_network: exposure, circularity along any path and DebtRank (sim_network), on small
 * networks whose answers are worked by hand in the comments, plus properties on random flows. */
#include "sim_network.h"
#include "test_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 40

static unsigned char scratch[1 << 17];

/* Direct exposure: B (1) lent A (0) 10 at 40% recovery and holds 3 of A's shares; C (2) is owed
 * 5 by B. x[B][A] = 10 x 0.6 + 3 = 9; x[C][B] = 5 x (1 - 0.5) = 2.5; nothing else. */
static void test_exposure(void)
{
    double claims[9] = {0}, stakes[9] = {0}, rec[3] = {0.4, 0.5, 0}, x[9];
    claims[1 * 3 + 0] = 10;
    claims[2 * 3 + 1] = 5;
    stakes[1 * 3 + 0] = 3;
    claims[0] = 99; /* the diagonal is not an exposure */
    sim_network_exposure(3, claims, stakes, rec, x);
    CHECK_NEAR(x[1 * 3 + 0], 9, 1e-12);
    CHECK_NEAR(x[2 * 3 + 1], 2.5, 1e-12);
    CHECK_NEAR(x[0], 0, 0);
    CHECK_NEAR(x[2 * 3 + 0], 0, 0);
    sim_network_exposure(3, claims, NULL, NULL, x);
    CHECK_NEAR(x[1 * 3 + 0], 10, 0);
}

/* Exposure through the cascade. Chain A -> B -> C: A owes B 10, B owes C 10; outside (10, 2, 0):
 * everyone pays in full. If A fails (its outside assets lost), A pays 0, B has 2 < 10 and pays
 * 2: B loses 10 and C loses 8, though C has no claim on A. If B loses its outside 2 it still
 * has A's 10 for its 10: nobody loses. */
static void test_exposure_cleared(void)
{
    double owed[9] = {0, 10, 0, 0, 0, 10, 0, 0, 0}, e[3] = {10, 2, 0}, x[9];
    SimClearNet net = {3, owed, e, 1, 1};
    char err[200];
    CHECK(sim_network_exposure_cleared(&net, x, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(x[1 * 3 + 0], 10, 1e-12);
    CHECK_NEAR(x[2 * 3 + 0], 8, 1e-12);
    CHECK_NEAR(x[2 * 3 + 1], 0, 1e-12);
    CHECK_NEAR(x[0 * 3 + 0], 0, 0);
    CHECK(e[0] == 10 && e[1] == 2); /* the caller's outside assets are left as they were */
    CHECK(sim_network_exposure_cleared(&net, x, scratch, 16, err, sizeof err) == -1);
    CHECK(strstr(err, "scratch") != NULL);
}

/* Two vendors around a hub, month by month. H (0) has 30 of its own; vendor V1 (1) has 2.
 * Month 1: V2 (2) lends V1 8 and V1 invests 10 in H.
 *   V1's pool: 2 + 8 = 10, of which V2 financed 8: share[V1][V2] = 0.8; V1 spends it all.
 *   H's pool: 30 + 10 = 40; V1 financed 10 of it, V2 (through V1) 10 x 0.8 = 8. H spends
 *   nothing: it carries 40, 10 traced to V1 and 8 to V2.
 * Month 2: H pays V1 20 and V2 20. share[H][V1] = 10 / 40 = 0.25, share[H][V2] = 8 / 40 = 0.2.
 * So a quarter of what H paid V1 was V1's own money, and a fifth of what it paid V2 was V2's,
 * though V2 never put a dollar into H directly: circularity along a path.
 * Both months as one period pool V1's 20 from H with V2's loan (V1's pool is 30, not 10), so
 * share[V1][V2] = (8 + 20 s_H) / 30 and s_H = 10 share[V1][V2] / 40: share[V1][V2] = 0.32,
 * share[H][V2] = 0.08. Tracing month by month is what keeps the order of events. */
static void test_two_vendors(void)
{
    double fin[9] = {0}, pay[9] = {0}, own[3] = {30, 2, 0}, share[9], circ[3], carried[9];
    double cash_end[3] = {40, 0, 0};
    char err[200];
    fin[1 * 3 + 0] = 10;
    fin[2 * 3 + 1] = 8;
    SimFlows m1 = {3, fin, pay, own, NULL};
    CHECK(sim_network_trace(&m1, share, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(share[1 * 3 + 2], 0.8, 1e-12);
    CHECK_NEAR(share[0 * 3 + 1], 0.25, 1e-12);
    CHECK_NEAR(share[0 * 3 + 2], 0.2, 1e-12);
    sim_network_carry(3, share, cash_end, carried);
    CHECK_NEAR(carried[0 * 3 + 1], 10, 1e-12);
    CHECK_NEAR(carried[0 * 3 + 2], 8, 1e-12);
    CHECK_NEAR(carried[1 * 3 + 2], 0, 0); /* V1 ended with nothing */

    double fin2[9] = {0}, pay2[9] = {0}, own2[3] = {40, 0, 0};
    pay2[0 * 3 + 1] = 20;
    pay2[0 * 3 + 2] = 20;
    SimFlows m2 = {3, fin2, pay2, own2, carried};
    CHECK(sim_network_trace(&m2, share, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(share[0 * 3 + 1], 0.25, 1e-12);
    CHECK_NEAR(share[0 * 3 + 2], 0.2, 1e-12);
    CHECK_NEAR(share[0 * 3 + 0], 0, 0);
    sim_network_circularity(&m2, share, circ);
    CHECK_NEAR(circ[1], 0.25, 1e-12);
    CHECK_NEAR(circ[2], 0.2, 1e-12);
    CHECK_NEAR(circ[0], 0, 0); /* nobody paid H */

    /* Both months as one period. */
    pay[0 * 3 + 1] = 20;
    pay[0 * 3 + 2] = 20;
    SimFlows both = {3, fin, pay, own, NULL};
    CHECK(sim_network_trace(&both, share, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(share[1 * 3 + 2], 0.32, 1e-12);
    CHECK_NEAR(share[0 * 3 + 2], 0.08, 1e-12);
    CHECK_NEAR(share[0 * 3 + 1], 0.25, 1e-12);

    /* Spending more than the flows explain: the rest is the firm's own (pool = what it spent).
     * Without its own money H still spends 40 of which V1 financed 10. */
    SimFlows bare = {3, fin, pay, NULL, NULL};
    CHECK(sim_network_trace(&bare, share, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(share[0 * 3 + 1], 10.0 / 40.0, 1e-12);

    carried[1] = -1;
    CHECK(sim_network_trace(&m2, share, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "carries") != NULL);
}

/* Money that comes back to its financier is its own again. B (1) invests 10 in A (0), which
 * has 10 of its own and pays B 20; B buys 20 from C (2), which pays B 20 back.
 *   share[A][B] = 10 / 20 = 0.5. C was paid by B with B's own pool: share[C][B] = 0.
 *   circ[B] = (20 x 0.5 + 20 x 0) / 40 = 0.25. */
static void test_return_is_own(void)
{
    double fin[9] = {0}, pay[9] = {0}, own[3] = {10, 0, 0}, share[9], circ[3];
    fin[1 * 3 + 0] = 10;
    pay[0 * 3 + 1] = 20;
    pay[1 * 3 + 2] = 20;
    pay[2 * 3 + 1] = 20;
    SimFlows f = {3, fin, pay, own, NULL};
    char err[200];
    CHECK(sim_network_trace(&f, share, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(share[0 * 3 + 1], 0.5, 1e-12);
    CHECK_NEAR(share[2 * 3 + 1], 0, 1e-12);
    sim_network_circularity(&f, share, circ);
    CHECK_NEAR(circ[1], 0.25, 1e-12);
}

/* A closed pair that pays each other and receives nothing from outside: no one's financing can
 * reach it, so its shares are 0 (the singular block of the system), not a division by zero. */
static void test_closed_group(void)
{
    double fin[16] = {0}, pay[16] = {0}, share[16];
    pay[2 * 4 + 3] = 5;
    pay[3 * 4 + 2] = 5;
    fin[0 * 4 + 1] = 7;
    pay[1 * 4 + 0] = 7;
    SimFlows f = {4, fin, pay, NULL, NULL};
    char err[200];
    CHECK(sim_network_trace(&f, share, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(share[2 * 4 + 0], 0, 0);
    CHECK_NEAR(share[3 * 4 + 0], 0, 0);
    CHECK_NEAR(share[1 * 4 + 0], 1, 1e-12); /* B spent only A's money, back to A */
    for (int i = 0; i < 16; i++)
        CHECK(share[i] >= 0 && share[i] <= 1);
    pay[2 * 4 + 3] = 1e308;
    pay[1 * 4 + 3] = 1e308;
    CHECK(sim_network_trace(&f, share, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "finite totals") != NULL);
    fin[1] = -1;
    CHECK(sim_network_trace(&f, share, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "firm 0 financed firm 1") != NULL);
}

/* DebtRank. A (0), B (1), C (2) with equity 20, 10, 8 (weights 20/38, 10/38, 8/38). B's exposure
 * to A is 5 (impact 5/10 = 0.5), C's to B is 4 (4/8 = 0.5).
 *   From A: h_B = 0.5, then h_C = 0.5 x 0.5 = 0.25: rank A = (0.5 x 10 + 0.25 x 8) / 38 = 7/38.
 *   From B: h_C = 0.5: rank B = 4/38. From C: nobody is exposed to C: 0.
 * Close the loop: A's exposure to C is 20 (impact 1).
 *   From A: as before, then C passes 0.25 back to A, already failed: rank A = 7/38.
 *   From B: h_C = 0.5, h_A = 1 x 0.5 = 0.5, then A passes 0.5 x 0.5 to B, which has already
 *   passed its distress on (it does not pass it twice) and is capped at 1: rank B = (4 + 10) /
 *   38 = 14/38.
 *   From C: h_A = 1, h_B = 0.5, then B's 0.25 back to C, capped: rank C = (20 + 5) / 38. */
static void test_debtrank(void)
{
    double x[9] = {0}, eq[3] = {20, 10, 8}, rank[3];
    x[1 * 3 + 0] = 5;
    x[2 * 3 + 1] = 4;
    CHECK(sim_debtrank(3, x, eq, NULL, rank, scratch, sizeof scratch) == 0);
    CHECK_NEAR(rank[0], 7.0 / 38.0, 1e-12);
    CHECK_NEAR(rank[1], 4.0 / 38.0, 1e-12);
    CHECK_NEAR(rank[2], 0, 0);
    x[0 * 3 + 2] = 20;
    CHECK(sim_debtrank(3, x, eq, NULL, rank, scratch, sizeof scratch) == 0);
    CHECK_NEAR(rank[0], 7.0 / 38.0, 1e-12);
    CHECK_NEAR(rank[1], 14.0 / 38.0, 1e-12);
    CHECK_NEAR(rank[2], 25.0 / 38.0, 1e-12);

    /* One spread from partial distress: half of B's distress: C 0.25, A 0.25, back to B 0.125. */
    double h0[3] = {0, 0.5, 0}, h[3], lost;
    CHECK(sim_debtrank_spread(3, x, eq, NULL, h0, h, &lost, scratch, sizeof scratch) == 0);
    CHECK_NEAR(h[2], 0.25, 1e-12);
    CHECK_NEAR(h[0], 0.25, 1e-12);
    CHECK_NEAR(h[1], 0.625, 1e-12);
    CHECK_NEAR(lost, (0.25 * 8 + 0.25 * 20 + 0.125 * 10) / 38.0, 1e-12);

    /* Weights from the caller; a firm without equity takes the whole hit of any exposure. */
    double v[3] = {1, 1, 2}, eq0[3] = {20, 0, 8};
    double x2[9] = {0};
    x2[1 * 3 + 0] = 0.1;
    CHECK(sim_debtrank(3, x2, eq0, v, rank, scratch, sizeof scratch) == 0);
    CHECK_NEAR(rank[0], 0.25, 1e-12);
    CHECK(sim_debtrank(3, x2, eq0, v, rank, scratch, 8) == -1);
}

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static double urand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

/* On random flows: shares lie in [0, 1]; a firm's money traced to b satisfies b's balance equation;
 * the same flows give the same bytes. DebtRank stays in [0, 1 - v_i], and is 0 for a firm that no
 * one is exposed to. (It is not monotone in exposure: a firm reached sooner passes on the smaller
 * distress it has then, once.) */
static void test_random(void)
{
    int range_ok = 1, eq_ok = 1, det_ok = 1, dr_ok = 1;
    static double fin[MAXN * MAXN], pay[MAXN * MAXN], share[MAXN * MAXN], again[MAXN * MAXN];
    double own[MAXN];
    char err[200];
    for (int trial = 0; trial < 60; trial++) {
        int n = 2 + trial % 30;
        for (int a = 0; a < n; a++) {
            own[a] = urand() < 0.3 ? 0 : 50 * urand();
            for (int b = 0; b < n; b++) {
                fin[a * n + b] = a != b && urand() < 0.2 ? 10 * urand() : 0;
                pay[a * n + b] = a != b && urand() < 0.4 ? 10 * urand() : 0;
            }
        }
        SimFlows f = {n, fin, pay, own, NULL};
        if (sim_network_trace(&f, share, scratch, sizeof scratch, err, sizeof err) < 0) {
            CHECK(0);
            return;
        }
        sim_network_trace(&f, again, scratch, sizeof scratch, err, sizeof err);
        if (memcmp(share, again, (size_t)(n * n) * sizeof(double)))
            det_ok = 0;
        for (int a = 0; a < n; a++) {
            double in = own[a], out = 0;
            for (int k = 0; k < n; k++)
                if (k != a) {
                    in += fin[k * n + a] + pay[k * n + a];
                    out += fin[a * n + k] + pay[a * n + k];
                }
            double pool = in > out ? in : out;
            for (int b = 0; b < n; b++) {
                double s = share[a * n + b];
                if (!(s >= 0 && s <= 1))
                    range_ok = 0;
                if (a == b)
                    continue;
                /* pool_a s_a(b) = fin[b][a] + sum_{k != a, b} (fin + pay)[k][a] s_k(b) */
                double rhs = fin[b * n + a];
                for (int k = 0; k < n; k++)
                    if (k != a && k != b)
                        rhs += (fin[k * n + a] + pay[k * n + a]) * share[k * n + b];
                if (fabs(pool * s - rhs) > 1e-9 * (1 + pool))
                    eq_ok = 0;
            }
        }
        /* DebtRank over the financing as exposure, equity = own money. */
        double rank[MAXN], v[MAXN], vs = 0;
        for (int i = 0; i < n; i++)
            vs += own[i] > 0 ? own[i] : 0;
        for (int i = 0; i < n; i++)
            v[i] = own[i] > 0 ? own[i] / vs : 0;
        static double x[MAXN * MAXN];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                x[i * n + j] = fin[i * n + j];
        sim_debtrank(n, x, own, NULL, rank, scratch, sizeof scratch);
        for (int j = 0; j < n; j++) {
            if (!(rank[j] >= 0 && rank[j] <= 1 - v[j] + 1e-12))
                dr_ok = 0;
            int exposed = 0;
            for (int i = 0; i < n; i++)
                exposed |= i != j && x[i * n + j] > 0;
            if (!exposed && rank[j] != 0)
                dr_ok = 0;
        }
    }
    CHECK(range_ok);
    CHECK_MSG(eq_ok, "a traced share does not satisfy its balance equation");
    CHECK(det_ok);
    CHECK_MSG(dr_ok, "DebtRank out of [0, 1 - v] or lower with more exposure");
}

int main(void)
{
    CHECK(sim_network_scratch_size(100) >= sim_clear_scratch_size(100));
    test_exposure();
    test_exposure_cleared();
    test_two_vendors();
    test_return_is_own();
    test_closed_group();
    test_debtrank();
    test_random();
    TEST_END();
}
