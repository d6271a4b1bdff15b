#include <stdlib.h>
#include <string.h>

#include "ct.h"
#include "err.h"
#include "rng.h"

enum rng_kind { RNG_SYSTEM, RNG_SEEDED, RNG_SCRIPT };

/*
 * The system source draws from libcrypto's CSPRNG in blocks of this size and
 * serves from the block: one RAND_bytes per 256 IVs instead of one each.
 */
#define RNG_POOL_LEN 4096

struct rng {
	enum rng_kind kind;
	uint8_t	     *pool;
	size_t	      pool_off;
	uint64_t      s[4]; /* xoshiro256** state */
	uint8_t	     *script;
	size_t	      script_len;
	size_t	      script_off;
};

static uint64_t
rng_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna): reproducible, fast, not secure. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t result = rng_rotl(r->s[1] * 5, 7) * 9;
	uint64_t t = r->s[1] << 17;

	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rng_rotl(r->s[3], 45);
	return result;
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	unsigned i;

	for (i = 0; i < 4; i++)
		r->s[i] = rng_splitmix64(&seed);
}

static struct rng *
rng_new(enum rng_kind kind, uint64_t seed)
{
	struct rng *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->kind = kind;
	rng_seed(r, seed);
	return r;
}

struct rng *
rng_new_system(void)
{
	struct rng *r;

	if ((r = rng_new(RNG_SYSTEM, 0)) == NULL)
		return NULL;
	if ((r->pool = malloc(RNG_POOL_LEN)) == NULL) {
		free(r);
		return NULL;
	}
	r->pool_off = RNG_POOL_LEN; /* empty: filled on first use */
	return r;
}

static int
rng_system_fill(struct rng *r, uint8_t *p, size_t n)
{
	size_t k;
	int    rc;

	/* Large requests (keys at start-up) go straight to the source. */
	if (n > RNG_POOL_LEN / 4)
		return rng_system_bytes(p, n);
	while (n > 0) {
		if (r->pool_off == RNG_POOL_LEN) {
			if ((rc = rng_system_bytes(r->pool, RNG_POOL_LEN)) != 0)
				return rc;
			r->pool_off = 0;
		}
		k = RNG_POOL_LEN - r->pool_off;
		if (k > n)
			k = n;
		memcpy(p, r->pool + r->pool_off, k);
		/* Served bytes do not stay behind. */
		ct_wipe(r->pool + r->pool_off, k);
		r->pool_off += k;
		p += k;
		n -= k;
	}
	return 0;
}

struct rng *
rng_new_seeded(uint64_t seed)
{
	return rng_new(RNG_SEEDED, seed);
}

struct rng *
rng_new_script(void)
{
	return rng_new(RNG_SCRIPT, 0);
}

void
rng_free(struct rng *r)
{
	if (r == NULL)
		return;
	if (r->script != NULL) {
		ct_wipe(r->script, r->script_len);
		free(r->script);
	}
	if (r->pool != NULL) {
		ct_wipe(r->pool, RNG_POOL_LEN);
		free(r->pool);
	}
	ct_wipe(r, sizeof(*r));
	free(r);
}

int
rng_script_push(struct rng *r, const void *bytes, size_t n)
{
	uint8_t *p;

	if (r->kind != RNG_SCRIPT)
		return ERR_INVALID_ARG;
	if ((p = realloc(r->script, r->script_len + n)) == NULL)
		return ERR_NOMEM;
	memcpy(p + r->script_len, bytes, n);
	r->script = p;
	r->script_len += n;
	return 0;
}

static void
rng_fill_seeded(struct rng *r, uint8_t *p, size_t n)
{
	uint64_t v;
	size_t	 k;

	while (n > 0) {
		v = rng_next(r);
		k = n < 8 ? n : 8;
		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}

int
rng_bytes(struct rng *r, void *buf, size_t n)
{
	uint8_t *p = buf;
	size_t	 k;

	switch (r->kind) {
	case RNG_SYSTEM:
		return rng_system_fill(r, buf, n);
	case RNG_SCRIPT:
		k = r->script_len - r->script_off;
		if (k > n)
			k = n;
		memcpy(p, r->script + r->script_off, k);
		r->script_off += k;
		p += k;
		n -= k;
		/* FALLTHROUGH */
	case RNG_SEEDED:
		rng_fill_seeded(r, p, n);
		return 0;
	}
	return ERR_INVALID_ARG;
}

int
rng_is_deterministic(const struct rng *r)
{
	return r->kind != RNG_SYSTEM;
}
