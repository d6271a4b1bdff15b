/*
 * Tests for src/common/err.c: every code from success to ERR_LAST has its
 * own non-empty description, and anything outside the range gets the one
 * text for unknown codes.
 */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

START_TEST(test_known_answers)
{
	ck_assert_str_eq(err_str(0), "success");
	ck_assert_str_eq(err_str(ERR_TRUNCATED), "input truncated");
	ck_assert_str_eq(err_str(ERR_NOSPACE), "output buffer too small");
	ck_assert_str_eq(err_str(ERR_INTEGRITY), "integrity check failed");
	ck_assert_str_eq(err_str(ERR_NOT_FOUND), "not found");
	ck_assert_str_eq(err_str(ERR_REFUSED), "refused by peer");
	ck_assert_str_eq(err_str(ERR_TIMEOUT), "timed out");
	/* The last code is the end of the table, not past it. */
	ck_assert_int_eq(ERR_LAST, ERR_TIMEOUT);
}
END_TEST

START_TEST(test_every_code_distinct)
{
	int a, b;

	for (a = 0; a >= ERR_LAST; a--) {
		ck_assert_ptr_nonnull(err_str(a));
		ck_assert_uint_gt(strlen(err_str(a)), 0);
		ck_assert_str_ne(err_str(a), "unknown error");
		for (b = a - 1; b >= ERR_LAST; b--)
			ck_assert_msg(strcmp(err_str(a), err_str(b)) != 0,
			    "codes %d and %d share \"%s\"", a, b, err_str(a));
	}
}
END_TEST

START_TEST(test_unknown_codes)
{
	ck_assert_str_eq(err_str(ERR_LAST - 1), "unknown error");
	ck_assert_str_eq(err_str(-1000), "unknown error");
	ck_assert_str_eq(err_str(1), "unknown error");
	ck_assert_str_eq(err_str(INT_MIN), "unknown error");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("err");
	TCase	*tc = tcase_create("err");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_known_answers);
	tcase_add_test(tc, test_every_code_distinct);
	tcase_add_test(tc, test_unknown_codes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
