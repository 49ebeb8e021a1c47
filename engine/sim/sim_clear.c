/* sim_clear: Eisenberg-Noe clearing with Rogers-Veraart default costs (see sim_clear.h). */
#include "sim_clear.h"

#include "core_err.h"

#include <math.h>
#include <string.h>

/* A shortfall below this share of what a firm owes is rounding, not a default: 0.1 + 0.2 received
 * against 0.3 owed must not fail a firm. */
#define SHORTFALL_TOL 1e-12

/* A pivot this small means the defaulters' system is singular, which the theory rules out (a set
 * of defaulters that owe only one another and receive nothing from outside cannot all default at
 * the greatest clearing vector); rounding at the tolerance could still bring it, and then the
 * payments are found by iterating downward from where they are (see settle_by_sweeps). */
#define PIVOT_MIN 1e-13

/* Sweeps of the fallback iteration: it starts above the clearing vector and only moves down. */
#define FALLBACK_SWEEPS 10000

/* The scratch, laid out in one buffer: doubles first, then ints. */
typedef struct Scratch {
    double *pbar; /* n: what each owes in all */
    double *frac; /* n: share of it paid (p / pbar; 1 when it owes nothing) */
    double *recv; /* n: what each receives */
    double *full; /* n: what each receives from the firms that pay in full (reduced as they
                     default, not summed again: cheaper by a factor of n, exact to rounding of
                     the larger flows) */
    double *rhs;  /* n: the defaulters' system, right-hand side, then solution */
    double *lu;   /* n x n (row stride n): the defaulters' system factored, L below the diagonal
                     (unit diagonal implied), U on and above; it grows with the defaulters */
    int *dlist;   /* n: defaulters in the order they failed */
    int *rnd;     /* n: round of default, 0 if none */
} Scratch;

size_t sim_clear_scratch_size(int n)
{
    if (n < 1)
        return 0;
    size_t un = (size_t)n;
    return (5 * un + un * un) * sizeof(double) + 2 * un * sizeof(int);
}

static Scratch carve(void *buf, int n)
{
    size_t un = (size_t)n;
    Scratch s;
    double *d = buf;
    s.pbar = d;
    s.frac = d + un;
    s.recv = d + 2 * un;
    s.full = d + 3 * un;
    s.rhs = d + 4 * un;
    s.lu = d + 5 * un;
    int *k = (int *)(d + 5 * un + un * un);
    s.dlist = k;
    s.rnd = k + un;
    return s;
}

double sim_clear_paid(const SimClearNet *net, const double *pay, int i, int j)
{
    int n = net->n;
    if (i == j)
        return 0.0;
    double pbar = 0.0;
    for (int k = 0; k < n; k++)
        if (k != i)
            pbar += net->owed[(size_t)i * (size_t)n + (size_t)k];
    if (pbar <= 0.0)
        return 0.0;
    return net->owed[(size_t)i * (size_t)n + (size_t)j] * (pay[i] / pbar);
}

static int check_input(const SimClearNet *net, size_t scratch_size, char *err, size_t errsz)
{
    int n = net->n;
    if (n < 1 || !net->owed || !net->outside)
        return core_errf(err, errsz, "clearing: a network of %d firms (expected at least 1)", n);
    if (scratch_size < sim_clear_scratch_size(n))
        return core_errf(err, errsz, "clearing: scratch of %zu bytes, %zu needed for %d firms",
                         scratch_size, sim_clear_scratch_size(n), n);
    if (!(net->alpha >= 0.0 && net->alpha <= 1.0) || !(net->beta >= 0.0 && net->beta <= 1.0))
        return core_errf(err, errsz, "clearing: alpha %g and beta %g (expected each in [0, 1])",
                         net->alpha, net->beta);
    for (int i = 0; i < n; i++) {
        double e = net->outside[i];
        if (!(e >= 0.0) || !isfinite(e))
            return core_errf(err, errsz,
                             "clearing: outside assets of firm %d are %g (expected a finite "
                             "amount >= 0)",
                             i, e);
        for (int j = 0; j < n; j++) {
            double l = net->owed[(size_t)i * (size_t)n + (size_t)j];
            if (i != j && (!(l >= 0.0) || !isfinite(l)))
                return core_errf(err, errsz,
                                 "clearing: firm %d owes firm %d %g (expected a finite amount "
                                 ">= 0)",
                                 i, j, l);
        }
    }
    return 0;
}

/* What each firm receives: in full from those that pay in full, frac[j] of what j owes it from
 * each of the nd defaulters j. */
static void receive(const SimClearNet *net, const Scratch *s, int nd)
{
    int n = net->n;
    memcpy(s->recv, s->full, (size_t)n * sizeof(double));
    for (int a = 0; a < nd; a++) {
        int j = s->dlist[a];
        double f = s->frac[j];
        if (f == 0.0)
            continue;
        const double *row = net->owed + (size_t)j * (size_t)n;
        for (int i = 0; i < n; i++)
            if (i != j)
                s->recv[i] += row[i] * f;
    }
}

/* The fallback: Gauss-Seidel sweeps of p_i = min(pbar_i, alpha e_i + beta received_i) over the
 * defaulters, from payments that lie above the clearing vector; each sweep only lowers them. */
static void settle_by_sweeps(const SimClearNet *net, const Scratch *s, int nd)
{
    int n = net->n;
    for (int sweep = 0; sweep < FALLBACK_SWEEPS; sweep++) {
        double moved = 0.0;
        for (int a = 0; a < nd; a++) {
            int i = s->dlist[a];
            double r = 0.0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    r += net->owed[(size_t)j * (size_t)n + (size_t)i] * s->frac[j];
            double p = net->alpha * net->outside[i] + net->beta * r;
            if (p > s->pbar[i])
                p = s->pbar[i];
            double f = p / s->pbar[i];
            moved += fabs(f - s->frac[i]);
            s->frac[i] = f;
        }
        if (moved < 1e-15)
            break;
    }
}

/* Entry (a, b) of the defaulters' system I - beta Pi_DD^T: a receives from b. */
static double sys_at(const SimClearNet *net, const Scratch *s, int a, int b)
{
    if (a == b)
        return 1.0;
    int i = s->dlist[a], j = s->dlist[b];
    double l = net->owed[(size_t)j * (size_t)net->n + (size_t)i];
    return l == 0.0 ? 0.0 : -net->beta * l / s->pbar[j];
}

/* Extends the factorisation of the system from the first k defaulters to k + 1 (a bordered LU:
 * the system of D_k is the leading block of D_{k+1}'s, since entries depend only on the two
 * firms, so earlier rounds' work is kept). No pivoting: I - beta Pi_DD^T is a column diagonally
 * dominant M-matrix, whose pivots stay positive. Zeros are skipped, so a sparse network costs
 * far less than k^2. Returns 0, or -1 if the new pivot is (numerically) zero. */
static int factor_next(const SimClearNet *net, const Scratch *s, int k)
{
    size_t un = (size_t)net->n, uk = (size_t)k;
    double *lu = s->lu;
    /* Column k of U: solve L u = A[0..k-1][k], column by column. */
    for (int r = 0; r < k; r++)
        lu[(size_t)r * un + uk] = sys_at(net, s, r, k);
    for (int c = 0; c < k; c++) {
        double u = lu[(size_t)c * un + uk];
        if (u == 0.0)
            continue;
        for (int r = c + 1; r < k; r++)
            lu[(size_t)r * un + uk] -= lu[(size_t)r * un + (size_t)c] * u;
    }
    /* Row k of L: solve l U = A[k][0..k-1], row by row. */
    double *row = lu + uk * un;
    for (int c = 0; c < k; c++)
        row[c] = sys_at(net, s, k, c);
    for (int q = 0; q < k; q++) {
        if (row[q] == 0.0)
            continue;
        const double *uq = lu + (size_t)q * un;
        row[q] /= uq[q];
        for (int c = q + 1; c < k; c++)
            row[c] -= row[q] * uq[c];
    }
    double d = 1.0;
    for (int q = 0; q < k; q++)
        if (row[q] != 0.0)
            d -= row[q] * lu[(size_t)q * un + uk];
    row[k] = d;
    return d > PIVOT_MIN ? 0 : -1;
}

void sim_clear_lu_solve(const double *lu, size_t stride, int n, double *y)
{
    for (int c = 0; c < n; c++) {
        double v = y[c];
        if (v == 0.0)
            continue;
        for (int r = c + 1; r < n; r++)
            y[r] -= lu[(size_t)r * stride + (size_t)c] * v;
    }
    for (int c = n - 1; c >= 0; c--) {
        y[c] /= lu[(size_t)c * stride + (size_t)c];
        double v = y[c];
        if (v == 0.0)
            continue;
        for (int r = 0; r < c; r++)
            y[r] -= lu[(size_t)r * stride + (size_t)c] * v;
    }
}

/* What the nd defaulters pay when the others pay in full, from the factorisation:
 *   p_a - beta sum_{b in D} L[b][a] p_b / pbar_b = alpha e_a + beta sum_{j not in D} L[j][a]
 * Sets frac for the defaulters. */
static void solve_defaulters(const SimClearNet *net, const Scratch *s, int nd)
{
    double *y = s->rhs;
    for (int a = 0; a < nd; a++) {
        int i = s->dlist[a];
        y[a] = net->alpha * net->outside[i] + net->beta * s->full[i];
    }
    sim_clear_lu_solve(s->lu, (size_t)net->n, nd, y);
    for (int a = 0; a < nd; a++) {
        int i = s->dlist[a];
        double f = y[a] / s->pbar[i];
        /* The exact solution lies in [0, 1] x pbar; keep rounding from leaving it. */
        s->frac[i] = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
    }
}

int sim_clear(const SimClearNet *net, SimClearOut *out, void *scratch, size_t scratch_size,
              char *err, size_t errsz)
{
    if (!net || !out || !out->pay || !scratch)
        return core_errf(err, errsz, "clearing: no network, output or scratch");
    if (check_input(net, scratch_size, err, errsz) < 0)
        return -1;
    int n = net->n;
    Scratch s = carve(scratch, n);
    for (int i = 0; i < n; i++) {
        double owes = 0.0;
        const double *row = net->owed + (size_t)i * (size_t)n;
        for (int j = 0; j < n; j++)
            if (j != i)
                owes += row[j];
        s.pbar[i] = owes;
        s.frac[i] = 1.0;
        s.rnd[i] = 0;
        s.full[i] = 0.0;
    }
    for (int j = 0; j < n; j++) {
        const double *row = net->owed + (size_t)j * (size_t)n;
        for (int i = 0; i < n; i++)
            if (i != j)
                s.full[i] += row[i];
    }
    for (int i = 0; i < n; i++)
        if (!isfinite(s.pbar[i]) || !isfinite(net->outside[i] + s.full[i]))
            return core_errf(err, errsz,
                             "clearing: firm %d owes %g and has %g with what it is owed (expected "
                             "finite totals)",
                             i, s.pbar[i], net->outside[i] + s.full[i]);
    int nd = 0, rounds = 0, factored = 1;
    receive(net, &s, 0);
    /* Each round either adds a defaulter or ends: at most n rounds. */
    for (int round = 1; round <= n; round++) {
        int before = nd;
        for (int i = 0; i < n; i++) {
            if (s.rnd[i] || s.pbar[i] <= 0.0)
                continue;
            double has = net->outside[i] + s.recv[i];
            if (has < s.pbar[i] * (1.0 - SHORTFALL_TOL)) {
                s.rnd[i] = round;
                s.dlist[nd++] = i;
            }
        }
        if (nd == before)
            break;
        rounds = round;
        for (int a = before; a < nd; a++) {
            int j = s.dlist[a];
            const double *row = net->owed + (size_t)j * (size_t)n;
            for (int i = 0; i < n; i++)
                if (i != j)
                    s.full[i] -= row[i];
            if (factored && factor_next(net, &s, a) < 0)
                factored = 0;
        }
        if (factored)
            solve_defaulters(net, &s, nd);
        else
            settle_by_sweeps(net, &s, nd);
        receive(net, &s, nd);
    }
    double lost = 0.0;
    for (int i = 0; i < n; i++) {
        out->pay[i] = s.rnd[i] ? s.frac[i] * s.pbar[i] : s.pbar[i];
        if (out->received)
            out->received[i] = s.recv[i];
        if (out->round)
            out->round[i] = s.rnd[i];
        if (s.rnd[i]) {
            double gone = net->outside[i] + s.recv[i] - out->pay[i];
            lost += gone > 0.0 ? gone : 0.0;
        }
    }
    out->rounds = rounds;
    out->defaults = nd;
    out->lost = lost;
    return 0;
}
