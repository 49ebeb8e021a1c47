/* core_rng: small, fast, reproducible random streams.
 *
 * xoshiro256** seeded through splitmix64. The engine gives each actor its own stream, derived from
 * the game seed and the actor's id string (not its position), so adding an actor changes no one
 * else's draws. A CoreRng is a plain value: copy it to save it, nothing to free. */
#ifndef CORE_RNG_H
#define CORE_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} CoreRng;

/* Seeds a stream from a 64-bit seed. */
void core_rng_seed(CoreRng *r, uint64_t seed);

/* Seeds a stream from a game seed and a name (an actor id, "market", ...). */
void core_rng_seed_named(CoreRng *r, uint64_t seed, const char *name);

/* FNV-1a hash of a string; stable across platforms. */
uint64_t core_hash_str(const char *s);

uint64_t core_rng_next(CoreRng *r);

/* Uniform double in [0, 1) with 53 random bits. */
double core_rng_uniform(CoreRng *r);

/* Standard normal draw (Box-Muller, one value per call, no cached spare so the state alone
 * determines the stream). */
double core_rng_normal(CoreRng *r);

#endif
