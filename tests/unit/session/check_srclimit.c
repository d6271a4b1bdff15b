/* Per-source token buckets: budgets, refills, eviction and overflow. */
#include <check.h>
#include <stdlib.h>

#include "srclimit.h"

static const uint8_t key_a[] = {4, 192, 0, 2, 1};
static const uint8_t key_b[] = {4, 192, 0, 2, 2};

START_TEST(test_no_rate_no_limit)
{
	struct srclimit *l = srclimit_new(7);
	unsigned	 i;

	ck_assert_ptr_nonnull(l);
	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 1);
	srclimit_free(l);
}
END_TEST

START_TEST(test_burst_then_refill)
{
	struct srclimit *l = srclimit_new(7);
	unsigned	 i;

	srclimit_set_policy(l, 100, 20);
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(
		    srclimit_allow(l, key_a, sizeof(key_a), 5000), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 5000), 0);
	/* 100 a second: 9 ms is not a token yet, 10 ms is exactly one. */
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 5009), 0);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 5010), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 5010), 0);
	/* A long silence refills to the burst, not beyond. */
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(
		    srclimit_allow(l, key_a, sizeof(key_a), 900000), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 900000), 0);
	/* A clock that goes back refills nothing. */
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 1000), 0);
	srclimit_free(l);
}
END_TEST

START_TEST(test_sources_apart)
{
	struct srclimit *l = srclimit_new(7);
	unsigned	 i;

	srclimit_set_policy(l, 1, 3);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 0);
	/* b has a budget of its own (its own slot or the overflow). */
	ck_assert_int_eq(srclimit_allow(l, key_b, sizeof(key_b), 0), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 0);
	srclimit_free(l);
}
END_TEST

/*
 * Many sources against one busy one: the busy source keeps its bucket
 * (it is never evicted while draining), and the others together get no
 * more than their slots' and the overflow's bursts.
 */
START_TEST(test_spoofed_sources_cannot_reset_a_victim)
{
	struct srclimit *l = srclimit_new(12345);
	uint8_t		 k[5] = {4, 10, 0, 0, 0};
	unsigned	 i, allowed = 0;

	srclimit_set_policy(l, 1, 2);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 1);
	ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 0);
	for (i = 0; i < 5000; i++) {
		k[3] = (uint8_t)(i >> 8);
		k[4] = (uint8_t)i;
		allowed += (unsigned)srclimit_allow(l, k, sizeof(k), 0);
		ck_assert_int_eq(srclimit_allow(l, key_a, sizeof(key_a), 0), 0);
	}
	/* At most 15 other slots and the overflow, two each. */
	ck_assert_uint_le(allowed, (SRCLIMIT_SLOTS - 1) * 2 + 2);
	ck_assert_uint_ge(allowed, 2);
	srclimit_free(l);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("srclimit");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_no_rate_no_limit);
	tcase_add_test(tc, test_burst_then_refill);
	tcase_add_test(tc, test_sources_apart);
	tcase_add_test(tc, test_spoofed_sources_cannot_reset_a_victim);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
