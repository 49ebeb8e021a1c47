/* test_core_sens: the Morris and Sobol estimators on functions whose answers are known. */
#include "core_sens.h"
#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* y = sum c_i (lo_i + u_i (hi_i - lo_i)): every elementary effect of input i is c_i (hi_i - lo_i),
 * so mu* = |c_i| * range, mu = c_i * range and sigma = 0; the input with c = 0 gets 0. */
static void test_morris_linear(void)
{
    enum { K = 4, R = 12 };
    const double c[K] = {2.0, -3.0, 0.0, 0.5}, lo[K] = {0.3, 1, -2, 10}, hi[K] = {0.8, 5, 2, 30};
    long long n = core_sens_morris_points(K, R);
    CHECK(n == R * (K + 1));
    double *u = malloc((size_t)n * K * sizeof *u), *y = malloc((size_t)n * sizeof *y);
    CHECK(core_sens_morris_design(K, R, 4, 7, u) == 0);
    for (long long p = 0; p < n; p++) {
        y[p] = 0;
        for (int i = 0; i < K; i++) {
            double v = u[p * K + i];
            CHECK(v == 0 || v == 1.0 / 3 || v == 2.0 / 3 || v == 1); /* on the 4-level grid */
            y[p] += c[i] * (lo[i] + v * (hi[i] - lo[i]));
        }
    }
    /* Each step of a trajectory moves one input by delta = 2/3, and each input once. */
    for (int t = 0; t < R; t++) {
        int seen[K] = {0};
        for (int s = 0; s < K; s++) {
            const double *a = u + ((long long)t * (K + 1) + s) * K, *b = a + K;
            int moved = 0;
            for (int i = 0; i < K; i++)
                if (a[i] != b[i]) {
                    moved++;
                    seen[i]++;
                    CHECK_NEAR(fabs(b[i] - a[i]), 2.0 / 3, 1e-12);
                }
            CHECK(moved == 1);
        }
        for (int i = 0; i < K; i++)
            CHECK(seen[i] == 1);
    }
    CoreMorris m[K];
    CHECK(core_sens_morris(K, R, u, y, 50, 7, m) == 0);
    for (int i = 0; i < K; i++) {
        CHECK_NEAR(m[i].mu_star, fabs(c[i]) * (hi[i] - lo[i]), 1e-9);
        CHECK_NEAR(m[i].mu, c[i] * (hi[i] - lo[i]), 1e-9);
        CHECK_NEAR(m[i].sigma, 0, 1e-9);
        CHECK_NEAR(m[i].mu_star_conf, 0, 1e-9);
    }
    /* The same seed, the same design; another seed, another one. */
    double *u2 = malloc((size_t)n * K * sizeof *u2);
    CHECK(core_sens_morris_design(K, R, 4, 7, u2) == 0);
    CHECK(memcmp(u, u2, (size_t)n * K * sizeof *u) == 0);
    CHECK(core_sens_morris_design(K, R, 4, 8, u2) == 0);
    CHECK(memcmp(u, u2, (size_t)n * K * sizeof *u) != 0);
    /* Odd or too few levels are refused. */
    CHECK(core_sens_morris_design(K, R, 3, 7, u2) == -1);
    CHECK(core_sens_morris_design(K, R, 0, 7, u2) == -1);
    free(u);
    free(u2);
    free(y);
}

/* y = u0 * u1: the effect of u0 depends on u1, so sigma > 0 and mu* of the two is the same in
 * expectation; a third input that does nothing gets 0. */
static void test_morris_interaction(void)
{
    enum { K = 3, R = 400 };
    long long n = core_sens_morris_points(K, R);
    double *u = malloc((size_t)n * K * sizeof *u), *y = malloc((size_t)n * sizeof *y);
    CHECK(core_sens_morris_design(K, R, 4, 1, u) == 0);
    for (long long p = 0; p < n; p++)
        y[p] = u[p * K] * u[p * K + 1];
    CoreMorris m[K];
    CHECK(core_sens_morris(K, R, u, y, 0, 1, m) == 0);
    CHECK(m[0].sigma > 0.1 && m[1].sigma > 0.1);
    CHECK_NEAR(m[0].mu_star, 0.5, 0.06); /* E|u1| on the grid = 0.5 */
    CHECK_NEAR(m[1].mu_star, 0.5, 0.06);
    CHECK(m[2].mu_star == 0 && m[2].sigma == 0);
    /* A design with a step that moves two inputs is refused. */
    u[K] = u[0] == 0 ? 1 : 0;
    u[K + 1] = u[1] == 0 ? 1 : 0;
    CHECK(core_sens_morris(K, R, u, y, 0, 1, m) == -1);
    free(u);
    free(y);
}

/* The Ishigami function (Ishigami and Homma 1990) on [-pi, pi]^3, a = 7, b = 0.1:
 * S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437. */
static void test_sobol_ishigami(void)
{
    enum { K = 4, N = 20000 }; /* a fourth input that does nothing */
    const double a = 7, b = 0.1, pi = 3.14159265358979323846;
    long long n = core_sens_sobol_points(K, N);
    CHECK(n == (long long)N * (K + 2));
    double *u = malloc((size_t)n * K * sizeof *u), *y = malloc((size_t)n * sizeof *y);
    CHECK(core_sens_sobol_design(K, N, 11, u) == 0);
    for (long long p = 0; p < n; p++) {
        double x1 = -pi + 2 * pi * u[p * K], x2 = -pi + 2 * pi * u[p * K + 1];
        double x3 = -pi + 2 * pi * u[p * K + 2];
        y[p] = sin(x1) + a * sin(x2) * sin(x2) + b * pow(x3, 4) * sin(x1);
    }
    /* The rows A_B^i are A with column i from B. */
    for (int j = 0; j < 3; j++) {
        const double *A = u + (long long)j * (K + 2) * K, *B = A + K;
        for (int i = 0; i < K; i++)
            for (int c = 0; c < K; c++)
                CHECK(A[(2 + i) * K + c] == (c == i ? B[c] : A[c]));
    }
    CoreSobol s[K];
    double v = 0;
    CHECK(core_sens_sobol(K, N, y, 100, 11, s, &v) == 0);
    const double s1[] = {0.3139, 0.4424, 0, 0}, st[] = {0.5576, 0.4424, 0.2437, 0};
    CHECK_NEAR(v, 13.8446, 0.5); /* a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 */
    for (int i = 0; i < K; i++) {
        CHECK_NEAR(s[i].s1, s1[i], 0.04);
        CHECK_NEAR(s[i].st, st[i], 0.04);
        CHECK(s[i].s1_conf < 0.06 && s[i].st_conf < 0.06);
    }
    CHECK(s[0].s1_conf > 0 && s[2].st_conf > 0);
    CHECK(s[3].st == 0 && s[3].s1 == 0); /* f(A_B^3) == f(A) exactly */
    free(u);
    free(y);
}

/* An outcome that never changes: every index 0, no division by zero. */
static void test_sobol_constant(void)
{
    enum { K = 2, N = 50 };
    long long n = core_sens_sobol_points(K, N);
    double *y = malloc((size_t)n * sizeof *y);
    for (long long p = 0; p < n; p++)
        y[p] = 1;
    CoreSobol s[K];
    double v = -1;
    CHECK(core_sens_sobol(K, N, y, 20, 1, s, &v) == 0);
    CHECK(v == 0);
    for (int i = 0; i < K; i++)
        CHECK(s[i].s1 == 0 && s[i].st == 0 && s[i].s1_conf == 0 && s[i].st_conf == 0);
    free(y);
}

int main(void)
{
    test_morris_linear();
    test_morris_interaction();
    test_sobol_ishigami();
    test_sobol_constant();
    TEST_END();
}
