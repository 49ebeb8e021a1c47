/* core_sens: global sensitivity analysis on the unit cube: the designs (which points to
 * evaluate) and the estimators (what the outcomes at those points say about each input).
 *
 * Two methods, both on k inputs scaled to [0, 1] (the caller maps them to its ranges):
 * - Morris elementary effects (Morris 1991, with mu* of Campolongo et al. 2007): r trajectories
 *   of k + 1 points on a p-level grid, each step moving one input by delta = p / (2 (p - 1)).
 *   The elementary effect of input i is (y after - y before) / (u after - u before): the change
 *   in the outcome per whole range of the input. mu* is the mean of |EE|, mu the mean, sigma the
 *   sample standard deviation over the r trajectories.
 * - Sobol indices by Saltelli sampling (Saltelli et al. 2010): n base rows of two independent
 *   matrices A and B and, for each input i, A with its column i taken from B (A_B^i): n (k + 2)
 *   points. First-order S1_i = mean(f(B) (f(A_B^i) - f(A))) / V (Saltelli 2010) and total
 *   ST_i = mean((f(A) - f(A_B^i))^2) / (2 V) (Jansen 1999), V the variance of f over A and B.
 *
 * Points are drawn from core_rng streams seeded by the caller's seed: the same seed gives the
 * same design on every machine. Bootstrap confidence half-widths (1.96 times the standard
 * deviation of the estimate over resamples of trajectories or base rows) come from a stream of
 * their own. Callers own every array; nothing here allocates except the estimators' scratch. */
#ifndef CORE_SENS_H
#define CORE_SENS_H

#include <stdint.h>

/* Points of a Morris design of k inputs and r trajectories: r (k + 1). */
long long core_sens_morris_points(int k, int r);

/* Fills u (morris_points rows of k values, row-major) with r trajectories on a grid of `levels`
 * levels (even, >= 2). Trajectory t is rows t (k + 1) ... t (k + 1) + k. 0, or -1 if levels is
 * odd or below 2, or k or r below 1. */
int core_sens_morris_design(int k, int r, int levels, uint64_t seed, double *u);

typedef struct {
    double mu_star;      /* mean |EE| */
    double mu;           /* mean EE */
    double sigma;        /* sample standard deviation of EE (0 with one trajectory) */
    double mu_star_conf; /* bootstrap 95% half-width of mu* (0 when n_boot is 0) */
} CoreMorris;

/* The Morris measures of each input (out: k of them) from the design u and the outcomes y (one
 * per row). n_boot resamples of the trajectories for mu_star_conf. 0, or -1 if memory runs out or
 * a step of u moves no input or more than one (not a Morris design). */
int core_sens_morris(int k, int r, const double *u, const double *y, int n_boot, uint64_t seed,
                     CoreMorris *out);

/* Points of a Saltelli design of k inputs and n base rows: n (k + 2). */
long long core_sens_sobol_points(int k, int n);

/* Fills u (sobol_points rows of k values): for base row j, row j (k + 2) is A_j, the next B_j,
 * then A_j with column i from B_j for i = 0 .. k - 1. 0, or -1 if k or n is below 1. */
int core_sens_sobol_design(int k, int n, uint64_t seed, double *u);

typedef struct {
    double s1, st;           /* first-order and total indices */
    double s1_conf, st_conf; /* bootstrap 95% half-widths (0 when n_boot is 0) */
} CoreSobol;

/* The Sobol indices of each input (out: k of them) from the outcomes y of a Saltelli design
 * (one per row, in the design's order). *variance gets V. When V is 0 (the outcome never
 * changed) every index is 0. 0, or -1 if memory runs out. */
int core_sens_sobol(int k, int n, const double *y, int n_boot, uint64_t seed, CoreSobol *out,
                    double *variance);

#endif
