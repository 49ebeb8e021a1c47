/* sim_clear: clearing a network of obligations (Eisenberg and Noe 2001) with default costs
 * (Rogers and Veraart 2013), and the order in which firms fail.
 *
 * n firms; L[i][j] is what firm i owes firm j this period, e[i] what i has outside the network
 * (cash and assets it can realise). Firm i owes pbar_i = sum_j L[i][j] and is paid p_j L[j][i] /
 * pbar_j by each j. The clearing vector p* is the greatest fixed point of
 *   p_i = pbar_i                                          if e_i + sum_j L[j][i] p_j / pbar_j >=
 * pbar_i p_i = alpha e_i + beta sum_j L[j][i] p_j / pbar_j    otherwise (i defaults) With alpha =
 * beta = 1 this is Eisenberg-Noe (a defaulter pays all it has); below 1 a defaulter's outside
 * assets recover alpha and its receivables beta (the rest is lost to default costs), which is what
 * lets a second default follow a first. The caller sets alpha and beta (the recovery).
 *
 * Found by the fictitious default algorithm (Eisenberg-Noe; Rogers-Veraart's "greatest clearing
 * vector algorithm"): assume everyone pays in full; the firms that cannot pay even so default in
 * round 1; solve the linear system of what the defaulters pay; the firms that now cannot pay
 * default in round 2; and so on. The set of defaulters grows every round or the algorithm stops,
 * so it ends within n rounds with the exact greatest clearing vector. The round of each default
 * is the order of failures: round 1 fails on its own, round k because of rounds 1..k-1.
 *
 * Pure and deterministic (a fixed order everywhere); nothing here allocates: the caller passes a
 * scratch buffer of sim_clear_scratch_size(n) bytes (a world can keep one for the whole game). */
#ifndef SIM_CLEAR_H
#define SIM_CLEAR_H

#include <stddef.h>

typedef struct SimClearNet {
    int n;
    const double *owed;    /* n x n, row-major: owed[i * n + j] = what i owes j, >= 0; the
                              diagonal is ignored */
    const double *outside; /* n: outside assets e_i >= 0 */
    double alpha;          /* share of a defaulter's outside assets it pays out, in [0, 1] */
    double beta;           /* share of a defaulter's receivables it pays out, in [0, 1] */
} SimClearNet;

/* What the clearing returns. pay must hold n doubles; received and round may be NULL. */
typedef struct SimClearOut {
    double *pay;      /* n: p*_i, what i pays in all; j receives pay[i] owed[i][j] / pbar_i */
    double *received; /* n: what i is paid by the others (or NULL) */
    int *round;       /* n: 0 if i pays in full, else the round of its default, 1.. (or NULL) */
    int rounds;       /* rounds in which someone defaulted (0: everyone pays in full) */
    int defaults;     /* firms that default */
    double lost;      /* default costs: what defaulters had (e + received) and did not pay out */
} SimClearOut;

/* Bytes of scratch sim_clear needs for n firms. */
size_t sim_clear_scratch_size(int n);

/* Clears the network: fills out. Returns 0, or -1 with a message in err when the input is not a
 * network (n < 1, a negative or non-finite amount, alpha or beta outside [0, 1], scratch too
 * small); out is then untouched. A shortfall smaller than one part in 10^12 of what a firm owes
 * is rounding, not a default. */
int sim_clear(const SimClearNet *net, SimClearOut *out, void *scratch, size_t scratch_size,
              char *err, size_t errsz);

/* What firm i pays firm j under the clearing vector pay. */
double sim_clear_paid(const SimClearNet *net, const double *pay, int i, int j);

/* Solves (L U) x = y in place (y becomes x) for the first n rows of a factorisation kept in lu
 * with row stride `stride`: L unit lower (below the diagonal), U upper (on and above it). Zeros
 * are skipped, so a sparse system costs less. sim_network's tracing uses it too. */
void sim_clear_lu_solve(const double *lu, size_t stride, int n, double *y);

#endif
