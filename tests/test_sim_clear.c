/* test_sim_clear: Eisenberg-Noe clearing with Rogers-Veraart default costs (sim_clear).
 *
 * Small networks whose clearing vector is worked by hand in the comments (a ring, a chain, a
 * star, all solvent, every debtor in default, one where default costs make a second default that
 * Eisenberg-Noe would not), then properties on random networks: the result is a fixed point, the
 * greatest one (against Picard iteration from full payment), what is paid is what is received,
 * more outside assets or recovery never lower a payment, the same input gives the same bytes,
 * and bad input is refused with a message. */
#include "sim_clear.h"
#include "test_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 64

static unsigned char scratch[1 << 16];

typedef struct Result {
    double pay[MAXN], recv[MAXN];
    int round[MAXN];
    SimClearOut out;
} Result;

static int clear(int n, const double *owed, const double *outside, double alpha, double beta,
                 Result *r)
{
    SimClearNet net = {n, owed, outside, alpha, beta};
    memset(r, 0, sizeof *r);
    r->out.pay = r->pay;
    r->out.received = r->recv;
    r->out.round = r->round;
    char err[200];
    int rc = sim_clear(&net, &r->out, scratch, sizeof scratch, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "sim_clear: %s\n", err);
    return rc;
}

/* Ring A -> B -> C -> A. A owes B 10, B owes C 10, C owes A 5; A has 2 outside, B and C none.
 * Round 1 (everyone pays in full): A has 2 + 5 = 7 < 10: A defaults and pays all it has, 7.
 * Round 2: B has 7 < 10: B defaults, pays 7; C has 10 >= 5 (B paid in full last round).
 * Solving {A, B}: p_A = 2 + p_C = 7, p_B = p_A = 7. Round 3: C has 7 >= 5: no new default.
 * p* = (7, 7, 5). And with nothing outside and 10 all round, everyone pays in full: the
 * greatest clearing vector, not the least (0, 0, 0), which is also a fixed point. */
static void test_ring(void)
{
    double owed[9] = {0, 10, 0, 0, 0, 10, 5, 0, 0};
    double e[3] = {2, 0, 0};
    Result r;
    CHECK(clear(3, owed, e, 1, 1, &r) == 0);
    CHECK_NEAR(r.pay[0], 7, 1e-12);
    CHECK_NEAR(r.pay[1], 7, 1e-12);
    CHECK_NEAR(r.pay[2], 5, 1e-12);
    CHECK(r.round[0] == 1 && r.round[1] == 2 && r.round[2] == 0);
    CHECK(r.out.rounds == 2 && r.out.defaults == 2);
    CHECK_NEAR(r.recv[0], 5, 1e-12);  /* C pays A in full */
    CHECK_NEAR(r.out.lost, 0, 1e-12); /* Eisenberg-Noe: defaulters pay out everything */

    double ring[9] = {0, 10, 0, 0, 0, 10, 10, 0, 0};
    double none[3] = {0, 0, 0};
    CHECK(clear(3, ring, none, 1, 1, &r) == 0);
    for (int i = 0; i < 3; i++)
        CHECK_NEAR(r.pay[i], 10, 0);
    CHECK(r.out.defaults == 0 && r.out.rounds == 0);
}

/* Chain A -> B -> C -> D: A owes B 10, B owes C 8, C owes D 6; outside (4, 1, 0.5, 0).
 * Round 1: A has 4 < 10, defaults, pays 4. B has 1 + 10 >= 8, C 0.5 + 8 >= 6.
 * Round 2: B has 1 + 4 = 5 < 8: defaults, pays 5. Round 3: C has 0.5 + 5 = 5.5 < 6: defaults,
 * pays 5.5. p* = (4, 5, 5.5, 0): one failure a round, in the order of the chain.
 * With C's outside 1 instead, C has exactly 6 for 6: it pays in full (no default by rounding). */
static void test_chain(void)
{
    double owed[16] = {0};
    owed[0 * 4 + 1] = 10;
    owed[1 * 4 + 2] = 8;
    owed[2 * 4 + 3] = 6;
    double e[4] = {4, 1, 0.5, 0};
    Result r;
    CHECK(clear(4, owed, e, 1, 1, &r) == 0);
    CHECK_NEAR(r.pay[0], 4, 1e-12);
    CHECK_NEAR(r.pay[1], 5, 1e-12);
    CHECK_NEAR(r.pay[2], 5.5, 1e-12);
    CHECK_NEAR(r.pay[3], 0, 0);
    CHECK(r.round[0] == 1 && r.round[1] == 2 && r.round[2] == 3 && r.round[3] == 0);
    CHECK(r.out.rounds == 3 && r.out.defaults == 3);
    CHECK_NEAR(r.recv[3], 5.5, 1e-12);

    e[2] = 1;
    CHECK(clear(4, owed, e, 1, 1, &r) == 0);
    CHECK(r.round[2] == 0);
    CHECK_NEAR(r.pay[2], 6, 0);
    /* 0.1 + 0.2 received against 0.3 owed is not a default. */
    double tiny[4] = {0, 0.3, 0.2, 0};
    double te[2] = {0.1, 0};
    CHECK(clear(2, tiny, te, 1, 1, &r) == 0);
    CHECK(r.out.defaults == 0);
}

/* Star: hub H (0) owes V1 10, V2 20, V3 30 (60 in all) and has 30 outside; V3 owes V1 20 and has
 * nothing outside. Round 1: H has 30 < 60: defaults, pays 30, shared pro rata: V1 5, V2 10, V3
 * 15. V3 had 30 >= 20 in round 1. Round 2: V3 has 15 < 20: defaults, pays 15 to V1.
 * p* = (30, 0, 0, 15); V1 receives 5 + 15 = 20, V2 10. */
static void test_star(void)
{
    double owed[16] = {0};
    owed[0 * 4 + 1] = 10;
    owed[0 * 4 + 2] = 20;
    owed[0 * 4 + 3] = 30;
    owed[3 * 4 + 1] = 20;
    double e[4] = {30, 0, 0, 0};
    Result r;
    CHECK(clear(4, owed, e, 1, 1, &r) == 0);
    CHECK_NEAR(r.pay[0], 30, 1e-12);
    CHECK_NEAR(r.pay[3], 15, 1e-12);
    CHECK_NEAR(r.recv[1], 20, 1e-12);
    CHECK_NEAR(r.recv[2], 10, 1e-12);
    CHECK_NEAR(r.recv[3], 15, 1e-12);
    CHECK(r.round[0] == 1 && r.round[3] == 2 && r.round[1] == 0 && r.round[2] == 0);
    SimClearNet net = {4, owed, e, 1, 1};
    CHECK_NEAR(sim_clear_paid(&net, r.pay, 0, 2), 10, 1e-12);
    CHECK_NEAR(sim_clear_paid(&net, r.pay, 3, 1), 15, 1e-12);
    CHECK_NEAR(sim_clear_paid(&net, r.pay, 1, 0), 0, 0);
}

/* Default costs. A owes B 10 and has 6 outside; B owes C 10 and has 5 outside.
 * Eisenberg-Noe: A defaults and pays 6; B has 5 + 6 = 11 >= 10 and pays in full. p = (6, 10).
 * Rogers-Veraart, alpha = beta = 0.5: A pays 0.5 x 6 = 3; B has 5 + 3 = 8 < 10 and defaults in
 * round 2, paying 0.5 x 5 + 0.5 x 3 = 4. p = (3, 4); C receives 4, not 10; lost to default
 * costs: (6 - 3) + (8 - 4) = 7. */
static void test_default_costs(void)
{
    double owed[9] = {0, 10, 0, 0, 0, 10, 0, 0, 0};
    double e[3] = {6, 5, 0};
    Result en, rv;
    CHECK(clear(3, owed, e, 1, 1, &en) == 0);
    CHECK_NEAR(en.pay[0], 6, 1e-12);
    CHECK_NEAR(en.pay[1], 10, 0);
    CHECK(en.out.defaults == 1 && en.round[1] == 0);
    CHECK(clear(3, owed, e, 0.5, 0.5, &rv) == 0);
    CHECK_NEAR(rv.pay[0], 3, 1e-12);
    CHECK_NEAR(rv.pay[1], 4, 1e-12);
    CHECK(rv.round[0] == 1 && rv.round[1] == 2);
    CHECK_NEAR(rv.recv[2], 4, 1e-12);
    CHECK_NEAR(rv.out.lost, 7, 1e-12);
    /* Costs on receivables only (alpha 1, beta 0): A pays 6 (no receivables), B is solvent. */
    CHECK(clear(3, owed, e, 1, 0, &rv) == 0);
    CHECK(rv.out.defaults == 1);
}

/* Everyone solvent: each owes the next 10 and has 20 outside: p = pbar, no rounds. Every debtor
 * in default: A, B, C each owe Z (3, the outside lenders, who owe nothing) 10, and A owes B 5;
 * outside (2, 3, 4, 0). Round 1: A has 2 < 15, B 3 + 5 = 8 < 10, C 4 < 10: all three default.
 * p_A = 2 (it receives nothing), p_B = 3 + 5 x 2 / 15 = 11/3, p_C = 4. Z receives 2 x 10/15 +
 * 11/3 + 4 = 9. */
static void test_all_or_none(void)
{
    double owed[9] = {0, 10, 0, 0, 0, 10, 10, 0, 0};
    double e[3] = {20, 20, 20};
    Result r;
    CHECK(clear(3, owed, e, 0.3, 0.3, &r) == 0);
    CHECK(r.out.defaults == 0 && r.out.rounds == 0);
    for (int i = 0; i < 3; i++)
        CHECK_NEAR(r.pay[i], 10, 0);

    double o4[16] = {0};
    o4[0 * 4 + 3] = 10;
    o4[1 * 4 + 3] = 10;
    o4[2 * 4 + 3] = 10;
    o4[0 * 4 + 1] = 5;
    double e4[4] = {2, 3, 4, 0};
    CHECK(clear(4, o4, e4, 1, 1, &r) == 0);
    CHECK(r.round[0] == 1 && r.round[1] == 1 && r.round[2] == 1 && r.round[3] == 0);
    CHECK(r.out.rounds == 1 && r.out.defaults == 3);
    CHECK_NEAR(r.pay[0], 2, 1e-12);
    CHECK_NEAR(r.pay[1], 11.0 / 3.0, 1e-12);
    CHECK_NEAR(r.pay[2], 4, 1e-12);
    CHECK_NEAR(r.recv[3], 9, 1e-12);
    CHECK_NEAR(r.recv[1], 2.0 / 3.0, 1e-12);
}

/* ---- random networks ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static double urand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

static void random_net(int n, double density, double *owed, double *e)
{
    for (int i = 0; i < n; i++) {
        e[i] = urand() < 0.3 ? 0.0 : 20.0 * urand();
        for (int j = 0; j < n; j++)
            owed[i * n + j] = (i != j && urand() < density) ? 10.0 * urand() : 0.0;
    }
}

/* Picard iteration from full payment, p <- min(pbar, max(0, ...)) as Rogers-Veraart write it:
 * it decreases to the greatest clearing vector. Many sweeps, for a reference. */
static void picard(int n, const double *owed, const double *e, double alpha, double beta, double *p)
{
    double pbar[MAXN], q[MAXN];
    for (int i = 0; i < n; i++) {
        pbar[i] = 0;
        for (int j = 0; j < n; j++)
            if (j != i)
                pbar[i] += owed[i * n + j];
        p[i] = pbar[i];
    }
    for (int it = 0; it < 20000; it++) {
        for (int i = 0; i < n; i++) {
            double recv = 0;
            for (int j = 0; j < n; j++)
                if (j != i && pbar[j] > 0)
                    recv += owed[j * n + i] * p[j] / pbar[j];
            q[i] = e[i] + recv >= pbar[i] ? pbar[i] : alpha * e[i] + beta * recv;
        }
        memcpy(p, q, (size_t)n * sizeof(double));
    }
}

static void test_random_properties(void)
{
    int fixed_ok = 1, greatest_ok = 1, conserve_ok = 1, mono_ok = 1, det_ok = 1, rounds_ok = 1;
    int cascades = 0;
    for (int trial = 0; trial < 200; trial++) {
        int n = 2 + (int)(urand() * 30);
        double density = trial % 2 ? 0.15 : 0.7;
        double alpha = trial % 3 ? 1.0 : 0.5 + 0.5 * urand();
        double beta = trial % 3 ? 1.0 : 0.5 + 0.5 * urand();
        double owed[MAXN * MAXN], e[MAXN];
        random_net(n, density, owed, e);
        Result r, again, more;
        if (clear(n, owed, e, alpha, beta, &r) < 0) {
            CHECK(0);
            return;
        }
        if (r.out.rounds >= 2)
            cascades++;
        /* A fixed point: solvent firms pay what they owe and can; defaulters pay their formula. */
        double paid = 0, got = 0;
        for (int i = 0; i < n; i++) {
            double pbar = 0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    pbar += owed[i * n + j];
            double want =
                e[i] + r.recv[i] >= pbar * (1 - 1e-9) ? pbar : alpha * e[i] + beta * r.recv[i];
            if (fabs(r.pay[i] - want) > 1e-9 * (1 + pbar))
                fixed_ok = 0;
            if ((r.round[i] > 0) != (r.pay[i] < pbar * (1 - 1e-12)))
                fixed_ok = 0;
            if (r.round[i] > r.out.rounds)
                rounds_ok = 0;
            paid += r.pay[i];
            got += r.recv[i];
        }
        if (fabs(paid - got) > 1e-9 * (1 + paid))
            conserve_ok = 0;
        /* The greatest fixed point: Picard from full payment converges to it from above. */
        if (n <= 12 && alpha == 1.0) {
            double p[MAXN];
            picard(n, owed, e, alpha, beta, p);
            for (int i = 0; i < n; i++)
                if (fabs(p[i] - r.pay[i]) > 1e-7 * (1 + p[i]))
                    greatest_ok = 0;
        }
        /* Same input, same bytes. */
        clear(n, owed, e, alpha, beta, &again);
        if (memcmp(r.pay, again.pay, sizeof r.pay) || memcmp(r.round, again.round, sizeof r.round))
            det_ok = 0;
        /* More outside assets for one firm, or more recovery, never lower any payment. */
        int k = (int)(urand() * n);
        double e2[MAXN];
        memcpy(e2, e, sizeof e2);
        e2[k] += 5.0;
        clear(n, owed, e2, alpha, beta, &more);
        for (int i = 0; i < n; i++)
            if (more.pay[i] < r.pay[i] - 1e-9 * (1 + r.pay[i]))
                mono_ok = 0;
        clear(n, owed, e, alpha + (1 - alpha) / 2, beta + (1 - beta) / 2, &more);
        for (int i = 0; i < n; i++)
            if (more.pay[i] < r.pay[i] - 1e-9 * (1 + r.pay[i]))
                mono_ok = 0;
    }
    CHECK_MSG(fixed_ok, "a clearing vector that is not a fixed point");
    CHECK_MSG(greatest_ok, "a clearing vector below Picard's limit from full payment");
    CHECK_MSG(conserve_ok, "what is paid differs from what is received");
    CHECK_MSG(mono_ok, "more outside assets or recovery lowered a payment");
    CHECK_MSG(det_ok, "two clearings of the same network differ");
    CHECK(rounds_ok);
    CHECK_MSG(cascades >= 10, "only %d of 200 random networks had a second round", cascades);
}

/* Default costs only ever lower payments: the Rogers-Veraart vector lies below Eisenberg-Noe's. */
static void test_rv_below_en(void)
{
    int ok = 1;
    for (int trial = 0; trial < 50; trial++) {
        int n = 3 + trial % 20;
        double owed[MAXN * MAXN], e[MAXN];
        random_net(n, 0.4, owed, e);
        Result en, rv;
        clear(n, owed, e, 1, 1, &en);
        clear(n, owed, e, 0.6, 0.8, &rv);
        for (int i = 0; i < n; i++)
            if (rv.pay[i] > en.pay[i] + 1e-9 * (1 + en.pay[i]) || rv.round[i] < (en.round[i] > 0))
                ok = 0;
        if (rv.out.defaults < en.out.defaults)
            ok = 0;
    }
    CHECK(ok);
}

static void test_bad_input(void)
{
    double owed[4] = {0, 1, 1, 0}, e[2] = {1, 1};
    double pay[2];
    SimClearOut out = {.pay = pay};
    char err[200] = "";
    SimClearNet net = {2, owed, e, 1, 1};
    owed[1] = -1;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "firm 0 owes firm 1") != NULL);
    owed[1] = NAN;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == -1);
    owed[1] = 1;
    e[1] = INFINITY;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "outside assets of firm 1") != NULL);
    e[1] = 1;
    net.alpha = 1.5;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "alpha") != NULL);
    net.alpha = 1;
    CHECK(sim_clear(&net, &out, scratch, 8, err, sizeof err) == -1);
    CHECK(strstr(err, "scratch") != NULL);
    net.n = 0;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == -1);
    net.n = 2;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == 0);
    /* The diagonal is ignored, whatever it holds. */
    owed[0] = -7;
    CHECK(sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK_NEAR(pay[0], 1, 0);
    /* Totals that overflow are refused, not cleared to NaN. */
    double big[9] = {0, 1e308, 1e308, 0, 0, 0, 0, 0, 0}, e3[3] = {0, 0, 0};
    SimClearNet huge = {3, big, e3, 1, 1};
    CHECK(sim_clear(&huge, &out, scratch, sizeof scratch, err, sizeof err) == -1);
    CHECK(strstr(err, "finite totals") != NULL);
    /* One firm alone owes nothing. */
    double one = 0, e1 = 0;
    SimClearNet single = {1, &one, &e1, 1, 1};
    CHECK(sim_clear(&single, &out, scratch, sizeof scratch, err, sizeof err) == 0);
    CHECK(out.defaults == 0);
    CHECK(sim_clear_scratch_size(100) <= (size_t)100 * 100 * 8 + 100 * 48);
}

/* Hostile numbers (negative, NaN, infinite, huge enough that totals overflow, zeros): each input
 * is refused with a one-line message, or cleared with finite payments within what is owed. */
static void test_hostile(void)
{
    static const double pick[] = {0, 1, -1, 1e308, 1e-300, 3.5, NAN, INFINITY, -0.0, 7};
    int ok = 1, refused = 0, cleared = 0;
    for (int trial = 0; trial < 2000; trial++) {
        int n = 1 + trial % 6;
        double owed[36], e[6], pay[6], recv[6];
        int round[6];
        for (int k = 0; k < n * n; k++)
            owed[k] = pick[(int)(urand() * 10)];
        for (int i = 0; i < n; i++)
            e[i] = pick[(int)(urand() * 10)];
        SimClearNet net = {n, owed, e, urand(), urand()};
        SimClearOut out = {pay, recv, round, 0, 0, 0};
        char err[200] = "";
        if (sim_clear(&net, &out, scratch, sizeof scratch, err, sizeof err) < 0) {
            refused++;
            if (!err[0] || strchr(err, '\n'))
                ok = 0;
            continue;
        }
        cleared++;
        for (int i = 0; i < n; i++) {
            double pbar = 0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    pbar += owed[i * n + j];
            if (!isfinite(pay[i]) || pay[i] < 0 || pay[i] > pbar || !isfinite(recv[i]))
                ok = 0;
        }
    }
    CHECK(ok);
    CHECK(refused > 100 && cleared > 100);
}

int main(void)
{
    test_ring();
    test_chain();
    test_star();
    test_default_costs();
    test_all_or_none();
    test_random_properties();
    test_rv_below_en();
    test_bad_input();
    test_hostile();
    TEST_END();
}
