/* Tests for src/common/ct.c: constant-time compare and wipe. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ct.h"

START_TEST(test_memeq_equal)
{
	uint8_t a[32], b[32];
	size_t	i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = b[i] = (uint8_t)(i * 7 + 1);
	ck_assert_int_eq(ct_memeq(a, b, sizeof(a)), 1);
	ck_assert_int_eq(ct_memeq(a, b, 0), 1);
	ck_assert_int_eq(ct_memeq(a, a, sizeof(a)), 1);
}
END_TEST

/* A difference in any byte and any bit is seen. */
START_TEST(test_memeq_each_difference)
{
	uint8_t a[20], b[20];
	size_t	i;
	int	bit;

	memset(a, 0x5a, sizeof(a));
	for (i = 0; i < sizeof(a); i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(b, a, sizeof(b));
			b[i] ^= (uint8_t)(1 << bit);
			ck_assert_int_eq(ct_memeq(a, b, sizeof(a)), 0);
			/* Outside the compared range it does not matter. */
			ck_assert_int_eq(ct_memeq(a, b, i), 1);
		}
	}
}
END_TEST

START_TEST(test_memeq_all_values)
{
	uint8_t	 a, b;
	unsigned i;

	for (i = 0; i < 256; i++) {
		a = 0;
		b = (uint8_t)i;
		ck_assert_int_eq(ct_memeq(&a, &b, 1), i == 0);
	}
}
END_TEST

START_TEST(test_wipe)
{
	uint8_t buf[16], zero[16];

	memset(buf, 0xa5, sizeof(buf));
	memset(zero, 0, sizeof(zero));
	ct_wipe(buf, 8);
	ck_assert_mem_eq(buf, zero, 8);
	ck_assert_uint_eq(buf[8], 0xa5);
	ct_wipe(buf, sizeof(buf));
	ck_assert_mem_eq(buf, zero, sizeof(buf));
	/* NULL and empty are no-ops. */
	ct_wipe(NULL, 4);
	ct_wipe(buf, 0);
}
END_TEST

static Suite *
ct_suite(void)
{
	Suite *s = suite_create("ct");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_memeq_equal);
	tcase_add_test(tc, test_memeq_each_difference);
	tcase_add_test(tc, test_memeq_all_values);
	tcase_add_test(tc, test_wipe);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(ct_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
