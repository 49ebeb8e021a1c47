/* core_sens: Morris and Sobol designs and estimators (see core_sens.h for the equations). */
#include "core_sens.h"

#include "core_rng.h"

#include <math.h>
#include <stdlib.h>

/* A whole number in [0, n): from 53 random bits, no modulo bias worth the name for small n. */
static int draw_int(CoreRng *r, int n)
{
    int v = (int)(core_rng_uniform(r) * (double)n);
    return v < n ? v : n - 1;
}

long long core_sens_morris_points(int k, int r)
{
    return (long long)r * (k + 1);
}

int core_sens_morris_design(int k, int r, int levels, uint64_t seed, double *u)
{
    if (k < 1 || r < 1 || levels < 2 || levels % 2)
        return -1;
    CoreRng rng;
    core_rng_seed_named(&rng, seed, "morris");
    int *order = malloc((size_t)k * sizeof *order);
    int *level = malloc((size_t)k * sizeof *level);
    if (!order || !level) {
        free(order);
        free(level);
        return -1;
    }
    int jump = levels / 2; /* delta = p / (2 (p - 1)) in units of 1 / (p - 1) */
    double top = levels - 1;
    for (int t = 0; t < r; t++) {
        double *row = u + (long long)t * (k + 1) * k;
        for (int i = 0; i < k; i++) {
            level[i] = draw_int(&rng, levels);
            order[i] = i;
        }
        for (int i = k - 1; i > 0; i--) { /* Fisher-Yates: the order the inputs move in */
            int j = draw_int(&rng, i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int i = 0; i < k; i++)
            row[i] = level[i] / top;
        for (int s = 0; s < k; s++) {
            int i = order[s];
            /* Up when the grid has room above, else down: each level is a start equally often. */
            level[i] += level[i] + jump <= levels - 1 ? jump : -jump;
            double *next = row + (long long)(s + 1) * k;
            for (int j = 0; j < k; j++)
                next[j] = level[j] / top;
        }
    }
    free(order);
    free(level);
    return 0;
}

/* mu* of the elementary effects ee[t * k + i] over the trajectories pick[0 .. r-1]. */
static double mu_star_of(const double *ee, int k, int i, const int *pick, int r)
{
    double s = 0;
    for (int t = 0; t < r; t++)
        s += fabs(ee[(long long)pick[t] * k + i]);
    return s / r;
}

int core_sens_morris(int k, int r, const double *u, const double *y, int n_boot, uint64_t seed,
                     CoreMorris *out)
{
    double *ee = malloc((size_t)r * (size_t)k * sizeof *ee);
    int *pick = malloc((size_t)r * sizeof *pick);
    int rc = -1;
    if (!ee || !pick)
        goto done;
    for (int t = 0; t < r; t++) {
        const double *row = u + (long long)t * (k + 1) * k;
        const double *yt = y + (long long)t * (k + 1);
        for (int i = 0; i < k; i++)
            ee[(long long)t * k + i] = NAN;
        for (int s = 0; s < k; s++) {
            const double *a = row + (long long)s * k, *b = a + k;
            int moved = -1;
            for (int j = 0; j < k; j++)
                if (a[j] != b[j]) {
                    if (moved >= 0)
                        goto done;
                    moved = j;
                }
            if (moved < 0 || !isnan(ee[(long long)t * k + moved]))
                goto done;
            ee[(long long)t * k + moved] = (yt[s + 1] - yt[s]) / (b[moved] - a[moved]);
        }
    }
    for (int t = 0; t < r; t++)
        pick[t] = t;
    CoreRng rng;
    core_rng_seed_named(&rng, seed, "morris-bootstrap");
    for (int i = 0; i < k; i++) {
        double sum = 0, sum_abs = 0;
        for (int t = 0; t < r; t++) {
            double e = ee[(long long)t * k + i];
            sum += e;
            sum_abs += fabs(e);
        }
        double mu = sum / r, ss = 0;
        for (int t = 0; t < r; t++) {
            double d = ee[(long long)t * k + i] - mu;
            ss += d * d;
        }
        out[i].mu = mu;
        out[i].mu_star = sum_abs / r;
        out[i].sigma = r > 1 ? sqrt(ss / (r - 1)) : 0;
        out[i].mu_star_conf = 0;
    }
    if (n_boot > 1) {
        double *m = malloc((size_t)n_boot * (size_t)k * sizeof *m);
        if (!m)
            goto done;
        for (int b = 0; b < n_boot; b++) {
            for (int t = 0; t < r; t++)
                pick[t] = draw_int(&rng, r);
            for (int i = 0; i < k; i++)
                m[(long long)b * k + i] = mu_star_of(ee, k, i, pick, r);
        }
        for (int i = 0; i < k; i++) {
            double s = 0, ss = 0;
            for (int b = 0; b < n_boot; b++)
                s += m[(long long)b * k + i];
            double mean = s / n_boot;
            for (int b = 0; b < n_boot; b++) {
                double d = m[(long long)b * k + i] - mean;
                ss += d * d;
            }
            out[i].mu_star_conf = 1.96 * sqrt(ss / (n_boot - 1));
        }
        free(m);
    }
    rc = 0;
done:
    free(ee);
    free(pick);
    return rc;
}

long long core_sens_sobol_points(int k, int n)
{
    return (long long)n * (k + 2);
}

int core_sens_sobol_design(int k, int n, uint64_t seed, double *u)
{
    if (k < 1 || n < 1)
        return -1;
    CoreRng rng;
    core_rng_seed_named(&rng, seed, "saltelli");
    for (int j = 0; j < n; j++) {
        double *a = u + (long long)j * (k + 2) * k, *b = a + k;
        for (int i = 0; i < k; i++)
            a[i] = core_rng_uniform(&rng);
        for (int i = 0; i < k; i++)
            b[i] = core_rng_uniform(&rng);
        for (int i = 0; i < k; i++) {
            double *ab = a + (long long)(2 + i) * k;
            for (int c = 0; c < k; c++)
                ab[c] = c == i ? b[c] : a[c];
        }
    }
    return 0;
}

/* S1 and ST of every input over the base rows pick[0 .. n-1] (with repeats, for the bootstrap).
 * Returns V. */
static double sobol_once(int k, int n, const double *y, const int *pick, double *s1, double *st)
{
    double sum = 0;
    for (int t = 0; t < n; t++) {
        const double *yj = y + (long long)pick[t] * (k + 2);
        sum += yj[0] + yj[1];
    }
    double mean = sum / (2.0 * n);
    /* The variance of the 2n values of A and B, by the two-pass formula for accuracy. */
    double v = 0;
    for (int t = 0; t < n; t++) {
        const double *yj = y + (long long)pick[t] * (k + 2);
        v += (yj[0] - mean) * (yj[0] - mean) + (yj[1] - mean) * (yj[1] - mean);
    }
    v /= 2.0 * n;
    for (int i = 0; i < k; i++) {
        double a = 0, b = 0;
        for (int t = 0; t < n; t++) {
            const double *yj = y + (long long)pick[t] * (k + 2);
            double fa = yj[0], fb = yj[1], fab = yj[2 + i];
            a += fb * (fab - fa);
            b += (fa - fab) * (fa - fab);
        }
        s1[i] = v > 0 ? a / n / v : 0;
        st[i] = v > 0 ? b / (2.0 * n) / v : 0;
    }
    return v;
}

int core_sens_sobol(int k, int n, const double *y, int n_boot, uint64_t seed, CoreSobol *out,
                    double *variance)
{
    int *pick = malloc((size_t)n * sizeof *pick);
    double *s1 = malloc((size_t)k * sizeof *s1), *st = malloc((size_t)k * sizeof *st);
    double *bs1 = NULL, *bst = NULL;
    int rc = -1;
    if (!pick || !s1 || !st)
        goto done;
    for (int t = 0; t < n; t++)
        pick[t] = t;
    *variance = sobol_once(k, n, y, pick, s1, st);
    for (int i = 0; i < k; i++) {
        out[i].s1 = s1[i];
        out[i].st = st[i];
        out[i].s1_conf = out[i].st_conf = 0;
    }
    if (n_boot > 1) {
        bs1 = calloc((size_t)k * 2, sizeof *bs1);
        bst = calloc((size_t)k * 2, sizeof *bst);
        if (!bs1 || !bst)
            goto done;
        CoreRng rng;
        core_rng_seed_named(&rng, seed, "sobol-bootstrap");
        /* Running sums and sums of squares per input: [i] sum, [k + i] squares. */
        for (int b = 0; b < n_boot; b++) {
            for (int t = 0; t < n; t++)
                pick[t] = draw_int(&rng, n);
            sobol_once(k, n, y, pick, s1, st);
            for (int i = 0; i < k; i++) {
                bs1[i] += s1[i];
                bs1[k + i] += s1[i] * s1[i];
                bst[i] += st[i];
                bst[k + i] += st[i] * st[i];
            }
        }
        for (int i = 0; i < k; i++) {
            double m1 = bs1[i] / n_boot, mt = bst[i] / n_boot;
            double v1 = (bs1[k + i] - n_boot * m1 * m1) / (n_boot - 1);
            double vt = (bst[k + i] - n_boot * mt * mt) / (n_boot - 1);
            out[i].s1_conf = 1.96 * sqrt(v1 > 0 ? v1 : 0);
            out[i].st_conf = 1.96 * sqrt(vt > 0 ? vt : 0);
        }
    }
    rc = 0;
done:
    free(pick);
    free(s1);
    free(st);
    free(bs1);
    free(bst);
    return rc;
}
