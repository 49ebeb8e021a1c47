/* sim_network: exposure, circularity along any path, DebtRank (see sim_network.h). */
#include "sim_network.h"

#include "core_err.h"

#include <math.h>
#include <string.h>

/* A pivot below this share of the largest pool means a closed group of firms that nothing
 * enters: no traced money can reach them, so their shares are 0. */
#define TRACE_PIVOT_REL 1e-12

#define AT(m, n, i, j) ((m)[(size_t)(i) * (size_t)(n) + (size_t)(j)])

size_t sim_network_scratch_size(int n)
{
    if (n < 1)
        return 0;
    size_t un = (size_t)n;
    size_t clear = 4 * un * sizeof(double) + sim_clear_scratch_size(n);
    size_t trace = (un * un + 4 * un) * sizeof(double) + un * sizeof(int);
    size_t rank = 5 * un * sizeof(double) + un * sizeof(int);
    size_t most = clear > trace ? clear : trace;
    return most > rank ? most : rank;
}

void sim_network_exposure(int n, const double *claims, const double *stakes, const double *recovery,
                          double *x)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double v = 0.0;
            if (i != j) {
                v = AT(claims, n, i, j) * (recovery ? 1.0 - recovery[j] : 1.0);
                if (stakes)
                    v += AT(stakes, n, i, j);
            }
            AT(x, n, i, j) = v;
        }
}

int sim_network_exposure_cleared(const SimClearNet *net, double *x, void *scratch,
                                 size_t scratch_size, char *err, size_t errsz)
{
    int n = net->n;
    if (n < 1 || scratch_size < sim_network_scratch_size(n))
        return core_errf(err, errsz, "exposure: scratch of %zu bytes, %zu needed for %d firms",
                         scratch_size, sim_network_scratch_size(n), n);
    size_t un = (size_t)n;
    double *outside = scratch, *base = outside + un, *recv = base + un, *pay = recv + un;
    void *cs = pay + un;
    size_t cs_size = sim_clear_scratch_size(n);
    SimClearNet stressed = *net;
    stressed.outside = outside;
    SimClearOut out = {.pay = pay, .received = base};
    if (sim_clear(net, &out, cs, cs_size, err, errsz) < 0)
        return -1;
    memcpy(outside, net->outside, un * sizeof(double));
    out.received = recv;
    for (int j = 0; j < n; j++) {
        outside[j] = 0.0;
        if (sim_clear(&stressed, &out, cs, cs_size, err, errsz) < 0)
            return -1;
        outside[j] = net->outside[j];
        for (int i = 0; i < n; i++) {
            double loss = i == j ? 0.0 : base[i] - recv[i];
            AT(x, n, i, j) = loss > 0.0 ? loss : 0.0;
        }
    }
    return 0;
}

/* ---- Circularity: tracing money along every path ---------------------------------------- */

static int check_flows(const SimFlows *f, size_t scratch_size, char *err, size_t errsz)
{
    int n = f->n;
    if (n < 1 || !f->finance || !f->pay)
        return core_errf(err, errsz, "circularity: flows of %d firms (expected at least 1)", n);
    if (scratch_size < sim_network_scratch_size(n))
        return core_errf(err, errsz, "circularity: scratch of %zu bytes, %zu needed for %d firms",
                         scratch_size, sim_network_scratch_size(n), n);
    for (int a = 0; a < n; a++) {
        if (f->outside && (!(f->outside[a] >= 0.0) || !isfinite(f->outside[a])))
            return core_errf(err, errsz,
                             "circularity: outside money of firm %d is %g (expected a finite "
                             "amount >= 0)",
                             a, f->outside[a]);
        for (int b = 0; b < n; b++) {
            double c = f->carried ? AT(f->carried, n, a, b) : 0.0;
            if (!(c >= 0.0) || !isfinite(c))
                return core_errf(err, errsz,
                                 "circularity: firm %d carries %g traced to firm %d (expected a "
                                 "finite amount >= 0)",
                                 a, c, b);
            double fi = AT(f->finance, n, a, b), pa = AT(f->pay, n, a, b);
            if (a != b && (!(fi >= 0.0) || !isfinite(fi) || !(pa >= 0.0) || !isfinite(pa)))
                return core_errf(err, errsz,
                                 "circularity: firm %d financed firm %d %g and paid it %g "
                                 "(expected finite amounts >= 0)",
                                 a, b, fi, pa);
        }
    }
    return 0;
}

/* For origin b, solves for each a != b the share s_a of a's pool that b financed:
 *   T_a s_a - sum_{k != a, b} W[k][a] s_k = finance[b][a] + carried[a][b],   W = finance + pay
 * Gaussian elimination without pivoting on the matrix with row and column b removed: it is a
 * column diagonally dominant M-matrix (each firm spends no more than its pool T), so pivots stay
 * >= 0; a zero pivot is a closed group that nothing enters, whose shares are 0. */
static void trace_origin(const SimFlows *f, int b, const double *pool, double scale, double *m,
                         double *rhs, int *idx, double *share)
{
    int n = f->n, k = 0;
    for (int a = 0; a < n; a++)
        if (a != b)
            idx[k++] = a;
    size_t uk = (size_t)k;
    for (int r = 0; r < k; r++) {
        int a = idx[r];
        for (int c = 0; c < k; c++) {
            int src = idx[c];
            m[(size_t)r * uk + (size_t)c] =
                r == c ? pool[a] : -(AT(f->finance, n, src, a) + AT(f->pay, n, src, a));
        }
        rhs[r] = AT(f->finance, n, b, a) + (f->carried ? AT(f->carried, n, a, b) : 0.0);
    }
    double tiny = scale * TRACE_PIVOT_REL;
    for (int c = 0; c < k; c++) {
        double piv = m[(size_t)c * uk + (size_t)c];
        if (!(piv > tiny))
            continue;
        for (int r = c + 1; r < k; r++) {
            double g = m[(size_t)r * uk + (size_t)c];
            if (g == 0.0)
                continue;
            g /= piv;
            for (int cc = c + 1; cc < k; cc++)
                m[(size_t)r * uk + (size_t)cc] -= g * m[(size_t)c * uk + (size_t)cc];
            rhs[r] -= g * rhs[c];
        }
    }
    for (int c = k - 1; c >= 0; c--) {
        double piv = m[(size_t)c * uk + (size_t)c];
        if (!(piv > tiny)) {
            rhs[c] = 0.0;
            continue;
        }
        double v = rhs[c];
        for (int cc = c + 1; cc < k; cc++)
            v -= m[(size_t)c * uk + (size_t)cc] * rhs[cc];
        rhs[c] = v / piv;
    }
    for (int a = 0; a < n; a++)
        AT(share, n, a, b) = 0.0;
    for (int r = 0; r < k; r++) {
        double v = rhs[r];
        AT(share, n, idx[r], b) = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
    }
}

/* The fast path: one factorisation of the whole system M = diag(T) - W^T serves every origin.
 * For origin b the system is M's with row and column b removed; its solution is
 *   s = x - (x_b / g_b) g,   x = M^-1 r,  g = M^-1 e_b,  r_a = finance[b][a] + carried[a][b]
 * (r_b = 0): adding a multiple of e_b to the right-hand side absorbs b's own equation, and the
 * multiple is the one that makes s_b = 0. g_b > 0 for a non-singular M-matrix. O(n^3) in all
 * instead of O(n^4). Returns -1 (nothing written) if M is singular (a closed group that nothing
 * enters), for the slower path by origin. */
static int trace_all(const SimFlows *f, const double *pool, double scale, double *m, double *x,
                     double *g, double *share)
{
    int n = f->n;
    for (int a = 0; a < n; a++)
        for (int k = 0; k < n; k++)
            AT(m, n, a, k) = a == k ? pool[a] : -(AT(f->finance, n, k, a) + AT(f->pay, n, k, a));
    double tiny = scale * TRACE_PIVOT_REL;
    for (int c = 0; c < n; c++) {
        double piv = AT(m, n, c, c);
        if (!(piv > tiny))
            return -1;
        for (int r = c + 1; r < n; r++) {
            double v = AT(m, n, r, c);
            if (v == 0.0)
                continue;
            v /= piv;
            AT(m, n, r, c) = v;
            for (int k = c + 1; k < n; k++)
                AT(m, n, r, k) -= v * AT(m, n, c, k);
        }
    }
    for (int b = 0; b < n; b++) {
        for (int a = 0; a < n; a++) {
            x[a] = a == b ? 0.0
                          : AT(f->finance, n, b, a) + (f->carried ? AT(f->carried, n, a, b) : 0.0);
            g[a] = a == b ? 1.0 : 0.0;
        }
        sim_clear_lu_solve(m, (size_t)n, n, x);
        sim_clear_lu_solve(m, (size_t)n, n, g);
        double z = g[b] > 0.0 ? x[b] / g[b] : 0.0;
        for (int a = 0; a < n; a++) {
            double v = a == b ? 0.0 : x[a] - z * g[a];
            AT(share, n, a, b) = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
        }
    }
    return 0;
}

int sim_network_trace(const SimFlows *f, double *share, void *scratch, size_t scratch_size,
                      char *err, size_t errsz)
{
    if (!f || !share || !scratch)
        return core_errf(err, errsz, "circularity: no flows, output or scratch");
    if (check_flows(f, scratch_size, err, errsz) < 0)
        return -1;
    int n = f->n;
    size_t un = (size_t)n;
    double *pool = scratch, *rhs = pool + un, *g = rhs + un, *m = g + un;
    int *idx = (int *)(m + un * un);
    /* A firm's pool: what it received plus its outside money, or what it spent if that is more
     * (money from outside the flows given, which no one in the network financed). */
    double scale = 0.0;
    for (int a = 0; a < n; a++) {
        double in = f->outside ? f->outside[a] : 0.0, out = 0.0;
        for (int k = 0; k < n; k++)
            if (k != a) {
                in += AT(f->finance, n, k, a) + AT(f->pay, n, k, a);
                out += AT(f->finance, n, a, k) + AT(f->pay, n, a, k);
            }
        pool[a] = in > out ? in : out;
        if (!isfinite(pool[a]))
            return core_errf(err, errsz,
                             "circularity: firm %d received %g and spent %g (expected finite "
                             "totals)",
                             a, in, out);
        if (pool[a] > scale)
            scale = pool[a];
    }
    if (trace_all(f, pool, scale, m, rhs, g, share) == 0)
        return 0;
    for (int b = 0; b < n; b++)
        trace_origin(f, b, pool, scale, m, rhs, idx, share);
    return 0;
}

void sim_network_carry(int n, const double *share, const double *cash_end, double *carried_next)
{
    for (int a = 0; a < n; a++) {
        double cash = cash_end[a] > 0.0 ? cash_end[a] : 0.0;
        for (int b = 0; b < n; b++)
            AT(carried_next, n, a, b) = a == b ? 0.0 : AT(share, n, a, b) * cash;
    }
}

void sim_network_circularity(const SimFlows *f, const double *share, double *circ)
{
    int n = f->n;
    for (int b = 0; b < n; b++) {
        double paid = 0.0, financed = 0.0;
        for (int a = 0; a < n; a++)
            if (a != b) {
                double p = AT(f->pay, n, a, b);
                paid += p;
                financed += p * AT(share, n, a, b);
            }
        circ[b] = paid > 0.0 ? financed / paid : 0.0;
    }
}

/* ---- DebtRank ---------------------------------------------------------------------------- */

enum { DR_UNDISTRESSED, DR_DISTRESSED, DR_INACTIVE };

/* Impact of j's distress on i: the share of i's equity its exposure to j would take. */
static double impact(int n, const double *exposure, const double *equity, int i, int j)
{
    double x = AT(exposure, n, i, j);
    if (!(x > 0.0))
        return 0.0;
    if (!(equity[i] > 0.0))
        return 1.0;
    double w = x / equity[i];
    return w < 1.0 ? w : 1.0;
}

/* Normalised weights into v; returns 0 if the system has no weight at all. */
static int weights(int n, const double *equity, const double *value, double *v)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        double x = value ? value[i] : equity[i];
        v[i] = x > 0.0 ? x : 0.0;
        sum += v[i];
    }
    if (!(sum > 0.0))
        return 0;
    for (int i = 0; i < n; i++)
        v[i] /= sum;
    return 1;
}

/* The spread itself, with v already normalised; prev, next: n doubles, state: n ints. */
static double spread(int n, const double *exposure, const double *equity, const double *v,
                     const double *h0, double *h, double *prev, int *state)
{
    for (int i = 0; i < n; i++) {
        double x = h0[i] < 0.0 ? 0.0 : h0[i] > 1.0 ? 1.0 : h0[i];
        h[i] = x;
        state[i] = x > 0.0 ? DR_DISTRESSED : DR_UNDISTRESSED;
    }
    /* Each firm is distressed (passes distress on) in one step only: at most n steps. */
    for (int step = 0; step < n; step++) {
        int active = 0;
        memcpy(prev, h, (size_t)n * sizeof(double));
        for (int j = 0; j < n; j++) {
            if (state[j] != DR_DISTRESSED)
                continue;
            active = 1;
            for (int i = 0; i < n; i++)
                if (i != j)
                    h[i] += impact(n, exposure, equity, i, j) * prev[j];
        }
        if (!active)
            break;
        for (int i = 0; i < n; i++) {
            if (h[i] > 1.0)
                h[i] = 1.0;
            if (state[i] == DR_DISTRESSED)
                state[i] = DR_INACTIVE;
            else if (state[i] == DR_UNDISTRESSED && h[i] > 0.0)
                state[i] = DR_DISTRESSED;
        }
    }
    double lost = 0.0;
    for (int i = 0; i < n; i++)
        lost += (h[i] - (h0[i] < 0.0 ? 0.0 : h0[i] > 1.0 ? 1.0 : h0[i])) * v[i];
    return lost;
}

int sim_debtrank_spread(int n, const double *exposure, const double *equity, const double *value,
                        const double *h0, double *h, double *lost, void *scratch,
                        size_t scratch_size)
{
    if (n < 1 || !scratch || scratch_size < sim_network_scratch_size(n))
        return -1;
    size_t un = (size_t)n;
    double *v = scratch, *prev = v + un;
    int *state = (int *)(prev + 3 * un);
    if (!weights(n, equity, value, v))
        memset(v, 0, un * sizeof(double));
    *lost = spread(n, exposure, equity, v, h0, h, prev, state);
    return 0;
}

int sim_debtrank(int n, const double *exposure, const double *equity, const double *value,
                 double *rank, void *scratch, size_t scratch_size)
{
    if (n < 1 || !scratch || scratch_size < sim_network_scratch_size(n))
        return -1;
    size_t un = (size_t)n;
    double *v = scratch, *prev = v + un, *h0 = prev + un, *h = h0 + un;
    int *state = (int *)(h + 2 * un);
    if (!weights(n, equity, value, v)) {
        memset(rank, 0, un * sizeof(double));
        return 0;
    }
    memset(h0, 0, un * sizeof(double));
    for (int i = 0; i < n; i++) {
        h0[i] = 1.0;
        rank[i] = spread(n, exposure, equity, v, h0, h, prev, state);
        h0[i] = 0.0;
    }
    return 0;
}
