/*
 * Latency histograms for the benchmark: fixed memory, no allocation per
 * sample, about 1.6 % relative precision (64 linear sub-buckets per power
 * of two, as HdrHistogram does), exact count, minimum, maximum and mean.
 */
#ifndef BMCSIM_LATENCY_H
#define BMCSIM_LATENCY_H

#include <stddef.h>
#include <stdint.h>

#define LATENCY_SUB_BITS 6
#define LATENCY_SUB	 (1u << LATENCY_SUB_BITS)
#define LATENCY_BUCKETS	 (LATENCY_SUB + 58 * LATENCY_SUB)

struct latency {
	uint64_t count;
	uint64_t sum;
	uint64_t min;
	uint64_t max;
	uint64_t bucket[LATENCY_BUCKETS];
};

void latency_init(struct latency *);
/* Records one sample (any unit; the benchmark uses nanoseconds). */
void latency_add(struct latency *, uint64_t);
/* Adds every sample of src into dst. */
void latency_merge(struct latency *dst, const struct latency *src);
/*
 * The value at quantile q (0 < q <= 1): the smallest recorded value v such
 * that at least q of the samples are <= v, to the histogram's precision
 * (the middle of its bucket, clamped to the exact minimum and maximum).
 * 0 when empty.
 */
uint64_t latency_quantile(const struct latency *, double q);
/* The bucket index of a value, exposed for the tests. */
size_t latency_index(uint64_t);

#endif
