/* Tests for src/client/latency.c: the benchmark's percentiles. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "latency.h"

static struct latency l;

/* Within the histogram's precision (1/64) of the exact value. */
static void
near(uint64_t got, uint64_t want)
{
	uint64_t d = got > want ? got - want : want - got;

	ck_assert_msg(d * 64 <= want + 64, "got %llu, want %llu",
	    (unsigned long long)got, (unsigned long long)want);
}

START_TEST(test_uniform)
{
	uint64_t v;

	latency_init(&l);
	for (v = 1; v <= 100000; v++)
		latency_add(&l, v * 1000); /* 1 us .. 100 ms in ns */
	ck_assert_uint_eq(l.count, 100000);
	ck_assert_uint_eq(l.min, 1000);
	ck_assert_uint_eq(l.max, 100000000);
	near(latency_quantile(&l, 0.5), 50000000);
	near(latency_quantile(&l, 0.99), 99000000);
	near(latency_quantile(&l, 0.999), 99900000);
	ck_assert_uint_eq(latency_quantile(&l, 1.0), 100000000);
	ck_assert_uint_eq(latency_quantile(&l, 0.0), 1000);
}
END_TEST

START_TEST(test_small_exact_and_outliers)
{
	int i;

	latency_init(&l);
	ck_assert_uint_eq(latency_quantile(&l, 0.5), 0);
	/* Values below 64 have buckets of their own: exact. */
	for (i = 0; i < 999; i++)
		latency_add(&l, 10);
	latency_add(&l, 5000000);
	ck_assert_uint_eq(latency_quantile(&l, 0.5), 10);
	ck_assert_uint_eq(latency_quantile(&l, 0.99), 10);
	ck_assert_uint_eq(latency_quantile(&l, 0.999), 10);
	/* The 1000th sample is the outlier: p99.99 sees it. */
	near(latency_quantile(&l, 0.9999), 5000000);
}
END_TEST

START_TEST(test_index_monotonic_and_merge)
{
	static struct latency a, b;
	uint64_t	      v;
	size_t		      prev = 0, i;

	/* 150,000 values: one check each, cheap enough under ASan. */
	for (v = 0; v < 1u << 20; v += 7) {
		i = latency_index(v);
		if (i < prev || i >= LATENCY_BUCKETS)
			ck_abort_msg("latency_index(%llu) = %zu after %zu",
			    (unsigned long long)v, i, prev);
		prev = i;
	}
	ck_assert_uint_lt(latency_index(UINT64_MAX), LATENCY_BUCKETS);
	latency_init(&a);
	latency_init(&b);
	latency_add(&a, 100);
	latency_add(&b, 300);
	latency_add(&b, 200);
	latency_merge(&a, &b);
	ck_assert_uint_eq(a.count, 3);
	ck_assert_uint_eq(a.min, 100);
	ck_assert_uint_eq(a.max, 300);
	ck_assert_uint_eq(a.sum, 600);
	near(latency_quantile(&a, 0.5), 200);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("latency");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_uniform);
	tcase_add_test(tc, test_small_exact_and_outliers);
	tcase_add_test(tc, test_index_monotonic_and_merge);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
