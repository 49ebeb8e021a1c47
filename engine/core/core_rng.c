/* core_rng: xoshiro256** with splitmix64 seeding. */
#include "core_rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void core_rng_seed(CoreRng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

uint64_t core_hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

void core_rng_seed_named(CoreRng *r, uint64_t seed, const char *name)
{
    uint64_t x = seed ^ core_hash_str(name);
    core_rng_seed(r, splitmix64(&x));
}

uint64_t core_rng_next(CoreRng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double core_rng_uniform(CoreRng *r)
{
    return (double)(core_rng_next(r) >> 11) * 0x1.0p-53;
}

double core_rng_normal(CoreRng *r)
{
    /* 1 - u keeps the argument of log in (0, 1]. */
    double u1 = 1.0 - core_rng_uniform(r);
    double u2 = core_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
