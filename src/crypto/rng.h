/*
 * Where randomness comes from.  The protocol core never calls a random
 * source directly: it is handed a struct rng.  Three sources:
 * - system: the crypto backend's CSPRNG (crypto/ossl_rng.c);
 * - seeded: a deterministic stream from a 64-bit seed, for the lab and for
 *   reproducible tests (NOT secure);
 * - script: bytes queued by a test, served in order, then the seeded
 *   stream from seed 0 (to inject known-answer values).
 */
#ifndef BMCSIM_RNG_H
#define BMCSIM_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng;

struct rng *rng_new_system(void);
struct rng *rng_new_seeded(uint64_t seed);
struct rng *rng_new_script(void);
void	    rng_free(struct rng *);

/* Queues bytes on a script source.  0, ERR_INVALID_ARG or ERR_NOMEM. */
int rng_script_push(struct rng *, const void *, size_t);

/* Fills buf.  0 or ERR_CRYPTO. */
int rng_bytes(struct rng *, void *, size_t);

/* 1 for the seeded and script sources (for logs and the lab). */
int rng_is_deterministic(const struct rng *);

/* The crypto backend's CSPRNG (crypto/ossl_rng.c): 0 or ERR_CRYPTO. */
int rng_system_bytes(void *, size_t);

#endif
