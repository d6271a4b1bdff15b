
#include <math.h>
#include <string.h>

#include "latency.h"

void
latency_init(struct latency *l)
{
	memset(l, 0, sizeof(*l));
}

size_t
latency_index(uint64_t v)
{
	unsigned shift;

	if (v < LATENCY_SUB)
		return (size_t)v;
	/* The top LATENCY_SUB_BITS + 1 bits select the bucket. */
	shift = (unsigned)(63 - __builtin_clzll(v)) - LATENCY_SUB_BITS;
	if (shift >= LATENCY_BUCKETS / LATENCY_SUB - 1)
		return LATENCY_BUCKETS - 1;
	return LATENCY_SUB + (size_t)shift * LATENCY_SUB +
	    (size_t)((v >> shift) - LATENCY_SUB);
}

/* The lowest value and the width of bucket i. */
static void
latency_bucket_range(size_t i, uint64_t *lo, uint64_t *width)
{
	size_t shift;

	if (i < LATENCY_SUB) {
		*lo = i;
		*width = 1;
		return;
	}
	shift = (i - LATENCY_SUB) / LATENCY_SUB;
	*lo = (uint64_t)(LATENCY_SUB + (i - LATENCY_SUB) % LATENCY_SUB)
	    << shift;
	*width = (uint64_t)1 << shift;
}

void
latency_add(struct latency *l, uint64_t v)
{
	if (l->count == 0 || v < l->min)
		l->min = v;
	if (v > l->max)
		l->max = v;
	l->count++;
	l->sum += v;
	l->bucket[latency_index(v)]++;
}

void
latency_merge(struct latency *dst, const struct latency *src)
{
	size_t i;

	if (src->count == 0)
		return;
	if (dst->count == 0 || src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;
	for (i = 0; i < LATENCY_BUCKETS; i++)
		dst->bucket[i] += src->bucket[i];
}

uint64_t
latency_quantile(const struct latency *l, double q)
{
	uint64_t rank, seen = 0, lo, width, v;
	size_t	 i;

	if (l->count == 0)
		return 0;
	if (q <= 0)
		return l->min;
	if (q >= 1)
		return l->max;
	/* The rank of the sample at q, counting from 1. */
	rank = (uint64_t)ceil(q * (double)l->count);
	if (rank == 0)
		rank = 1;
	for (i = 0; i < LATENCY_BUCKETS; i++) {
		seen += l->bucket[i];
		if (seen >= rank)
			break;
	}
	latency_bucket_range(i, &lo, &width);
	v = lo + width / 2;
	if (v < l->min)
		v = l->min;
	if (v > l->max)
		v = l->max;
	return v;
}
