/*
 * Per-source token buckets.  Levels are kept in thousandths of a token, so
 * that a refill of `rate` tokens a second is `rate` thousandths a
 * millisecond: no division on the hot path.
 */
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "srclimit.h"

struct srclimit_bucket {
	uint64_t last_ms;
	uint64_t level; /* thousandths of a token */
	uint8_t	 key[SRCLIMIT_KEY_MAX];
	uint8_t	 keylen;
	uint8_t	 used;
};

struct srclimit {
	uint32_t	       salt;
	uint32_t	       rate;
	uint32_t	       burst;
	struct srclimit_bucket slots[SRCLIMIT_SLOTS];
	struct srclimit_bucket overflow;
};

struct srclimit *
srclimit_new(uint32_t salt)
{
	struct srclimit *l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return NULL;
	l->salt = salt;
	return l;
}

void
srclimit_free(struct srclimit *l)
{
	free(l);
}

void
srclimit_set_policy(struct srclimit *l, uint32_t rate, uint32_t burst)
{
	l->rate = rate;
	l->burst = burst > 0 ? burst : 1;
}

static uint64_t
srclimit_cap(const struct srclimit *l)
{
	return (uint64_t)l->burst * 1000;
}

/* Brings b's level up to now_ms; a clock that went back refills nothing. */
static void
srclimit_refill(
    const struct srclimit *l, struct srclimit_bucket *b, uint64_t now_ms)
{
	uint64_t add;

	if (now_ms > b->last_ms) {
		add = (now_ms - b->last_ms) * l->rate;
		b->level = add >= srclimit_cap(l) - b->level ? srclimit_cap(l)
							     : b->level + add;
	}
	b->last_ms = now_ms;
}

static void
srclimit_claim(const struct srclimit *l, struct srclimit_bucket *b,
    const uint8_t *key, size_t keylen, uint64_t now_ms)
{
	memset(b->key, 0, sizeof(b->key));
	memcpy(b->key, key, keylen);
	b->keylen = (uint8_t)keylen;
	b->used = 1;
	b->level = srclimit_cap(l);
	b->last_ms = now_ms;
}

int
srclimit_allow(
    struct srclimit *l, const uint8_t *key, size_t keylen, uint64_t now_ms)
{
	struct srclimit_bucket *b;
	uint32_t		h;

	if (l->rate == 0)
		return 1;
	if (keylen > SRCLIMIT_KEY_MAX)
		keylen = SRCLIMIT_KEY_MAX;
	h = fnv1a32(
	    fnv1a32(FNV1A32_INIT, &l->salt, sizeof(l->salt)), key, keylen);
	b = &l->slots[h & (SRCLIMIT_SLOTS - 1)];
	if (!b->used)
		srclimit_claim(l, b, key, keylen, now_ms);
	else if (b->keylen != keylen || memcmp(b->key, key, keylen) != 0) {
		srclimit_refill(l, b, now_ms);
		if (b->level == srclimit_cap(l))
			srclimit_claim(l, b, key, keylen, now_ms);
		else {
			b = &l->overflow;
			if (!b->used)
				srclimit_claim(l, b, key, 0, now_ms);
		}
	}
	srclimit_refill(l, b, now_ms);
	if (b->level < 1000)
		return 0;
	b->level -= 1000;
	return 1;
}
