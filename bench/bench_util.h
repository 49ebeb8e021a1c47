/* bench_util: what both benchmark programs share: the process's CPU clock, a comparison for
 * medians, and keeping freed memory in the process so page faults do not swing the figures. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include "sim_scenario.h"

#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
/* A "full calendar" game: defaults and the compute target switched off, so that every game
 * plays all its months and the cost per game is the cost of the whole horizon. */
static inline void bench_full_calendar(SimScenario *sc)
{
    sc->market.missed_to_default = 1 << 30;
    sc->target_gw = 1e12;
}

#endif

static inline double bench_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Without this, each game maps fresh pages for its larger arrays and the page faults (in the
 * CPU time measured) swing the figures by 3x depending on what ran before. */
static inline void bench_keep_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

#endif
