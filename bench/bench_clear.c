/* bench_clear: how fast a network of obligations clears (sim_clear), and what the network
 * measures cost (sim_network), at 100 firms.
 *
 * Not a test: it times, it does not judge. Builds networks of N firms from a fixed seed:
 * dense (everyone owes everyone), sparse (each firm owes 3 others), and a chain (each owes the
 * next: one default a round, N rounds, the worst case for the number of rounds); outside assets
 * are set near what each firm needs, so that defaults cascade over several rounds. Clears each
 * one month's worth, Eisenberg-Noe (alpha = beta = 1) and with default costs (alpha 0.5, beta
 * 0.7), and prints the median CPU time of one clearing (CLOCK_PROCESS_CPUTIME_ID, median of 5
 * batches), with the rounds and defaults of that network. Then, once per network: the exposure
 * through the cascade (N + 1 clearings), circularity tracing and DebtRank for every firm.
 * docs/performance.md quotes its output.
 *
 * Usage: cl_bench_clear [N] [REPEATS]   (defaults: 100 firms, 200 clearings a batch) */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "sim_clear.h"
#include "sim_network.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCHES 5

static uint64_t rng = 0x853c49e6748fea9bull;

static double urand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) * (1.0 / 9007199254740992.0);
}

enum { DENSE, SPARSE, CHAIN };

/* Obligations of the shape asked; outside assets put each firm within -10%..+30% of what it owes
 * net of what it would receive if everyone paid: a few fail on their own, the rest may follow. */
static void build(int n, int shape, double *owed, double *e)
{
    memset(owed, 0, (size_t)n * (size_t)n * sizeof(double));
    for (int i = 0; i < n; i++) {
        if (shape == DENSE) {
            for (int j = 0; j < n; j++)
                if (j != i)
                    owed[(size_t)i * (size_t)n + (size_t)j] = 10.0 * urand();
        } else if (shape == SPARSE) {
            for (int k = 0; k < 3; k++) {
                int j = (int)(urand() * n);
                if (j != i)
                    owed[(size_t)i * (size_t)n + (size_t)j] += 10.0 + 20.0 * urand();
            }
        } else if (i + 1 < n) {
            owed[(size_t)i * (size_t)n + (size_t)(i + 1)] = 10.0;
        }
    }
    for (int i = 0; i < n; i++) {
        double pbar = 0.0, recv = 0.0;
        for (int j = 0; j < n; j++) {
            pbar += owed[(size_t)i * (size_t)n + (size_t)j];
            recv += owed[(size_t)j * (size_t)n + (size_t)i];
        }
        double need = pbar - recv + pbar * (-0.1 + 0.4 * urand());
        e[i] = need > 0.0 ? need : 0.0;
    }
    if (shape == CHAIN) {
        /* The head cannot pay; each next firm has a little less than what it loses. */
        e[0] = 1.0;
        for (int i = 1; i < n; i++)
            e[i] = 0.5;
    }
}

static double median(double *v, int k)
{
    qsort(v, (size_t)k, sizeof v[0], bench_cmp_double);
    return v[k / 2];
}

/* Median microseconds of one clearing; the last result goes to out. */
static double time_clear(const SimClearNet *net, SimClearOut *out, void *scratch, size_t size,
                         int repeats)
{
    double per[BATCHES];
    char err[200];
    for (int b = 0; b < BATCHES; b++) {
        double t0 = bench_cpu_seconds();
        for (int r = 0; r < repeats; r++)
            if (sim_clear(net, out, scratch, size, err, sizeof err) < 0) {
                fprintf(stderr, "bench_clear: %s\n", err);
                exit(1);
            }
        per[b] = (bench_cpu_seconds() - t0) / repeats * 1e6;
    }
    return median(per, BATCHES);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100;
    int repeats = argc > 2 ? atoi(argv[2]) : 200;
    if (n < 2 || repeats < 1) {
        fprintf(stderr, "usage: cl_bench_clear [N >= 2] [REPEATS >= 1]\n");
        return 2;
    }
    size_t nn = (size_t)n * (size_t)n;
    double *owed = malloc(nn * sizeof(double)), *e = malloc((size_t)n * sizeof(double));
    double *x = malloc(nn * sizeof(double)), *share = malloc(nn * sizeof(double));
    double *pay = malloc((size_t)n * sizeof(double)), *eq = malloc((size_t)n * sizeof(double));
    int *round = malloc((size_t)n * sizeof(int));
    size_t size = sim_network_scratch_size(n);
    void *scratch = malloc(size);
    if (!owed || !e || !x || !share || !pay || !eq || !round || !scratch)
        return 1;
    static const char *shapes[] = {"dense", "sparse", "chain"};
    printf("%d firms, %d clearings a batch, median of %d batches; scratch %zu bytes\n", n, repeats,
           BATCHES, size);
    printf("%-7s %-14s %7s %9s %12s\n", "network", "clearing", "rounds", "defaults",
           "CPU/clearing");
    for (int shape = DENSE; shape <= CHAIN; shape++) {
        build(n, shape, owed, e);
        for (int rv = 0; rv < 2; rv++) {
            SimClearNet net = {n, owed, e, rv ? 0.5 : 1.0, rv ? 0.7 : 1.0};
            SimClearOut out = {.pay = pay, .round = round};
            double us = time_clear(&net, &out, scratch, size, repeats);
            printf("%-7s %-14s %7d %9d %9.1f us\n", shapes[shape],
                   rv ? "RV 0.5/0.7" : "Eisenberg-Noe", out.rounds, out.defaults, us);
        }
    }
    printf("\nonce per network (median of %d):\n", BATCHES);
    char err[200];
    for (int shape = DENSE; shape <= SPARSE; shape++) {
        build(n, shape, owed, e);
        SimClearNet net = {n, owed, e, 0.5, 0.7};
        double t_exp[BATCHES], t_trace[BATCHES], t_rank[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            double t0 = bench_cpu_seconds();
            if (sim_network_exposure_cleared(&net, x, scratch, size, err, sizeof err) < 0)
                return 1;
            double t1 = bench_cpu_seconds();
            /* The obligations as this period's payments, half of them as financing. */
            for (size_t k = 0; k < nn; k++)
                share[k] = (k % 2) ? owed[k] : 0.0;
            SimFlows f = {n, share, owed, e, NULL};
            double *traced = x; /* reuse: the exposures are timed, not kept */
            double t2 = bench_cpu_seconds();
            if (sim_network_trace(&f, traced, scratch, size, err, sizeof err) < 0)
                return 1;
            double t3 = bench_cpu_seconds();
            for (int i = 0; i < n; i++)
                eq[i] = e[i] + 1.0;
            if (sim_debtrank(n, owed, eq, NULL, pay, scratch, size) < 0)
                return 1;
            double t4 = bench_cpu_seconds();
            t_exp[b] = (t1 - t0) * 1e3;
            t_trace[b] = (t3 - t2) * 1e3;
            t_rank[b] = (t4 - t3) * 1e3;
        }
        printf("%-7s exposure through the cascade %.2f ms, circularity trace %.2f ms, "
               "DebtRank of every firm %.2f ms\n",
               shapes[shape], median(t_exp, BATCHES), median(t_trace, BATCHES),
               median(t_rank, BATCHES));
    }
    free(owed);
    free(e);
    free(x);
    free(share);
    free(pay);
    free(eq);
    free(round);
    free(scratch);
    return 0;
}
