#include <check.h>
#include <stdlib.h>

#include "seqwin.h"

START_TEST(test_first_packet_sets_window)
{
	struct seqwin w;

	seqwin_init(&w, 16, 15);
	ck_assert_int_eq(seqwin_check(&w, 3, 1), SEQWIN_OK);
	seqwin_accept(&w, 3);
	ck_assert_int_eq(seqwin_check(&w, 3, 1), SEQWIN_DUPLICATE);
	ck_assert_int_eq(seqwin_check(&w, 4, 1), SEQWIN_OK);
}
END_TEST

START_TEST(test_zero_forbidden_when_authenticated)
{
	struct seqwin w;

	seqwin_init(&w, 16, 15);
	ck_assert_int_eq(seqwin_check(&w, 0, 1), SEQWIN_ZERO);
	ck_assert_int_eq(seqwin_check(&w, 0, 0), SEQWIN_OK);
}
END_TEST

START_TEST(test_rmcpp_window_edges)
{
	struct seqwin w;

	seqwin_init(&w, 16, 15);
	seqwin_accept(&w, 100);
	ck_assert_int_eq(seqwin_check(&w, 115, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 116, 1), SEQWIN_TOO_NEW);
	ck_assert_int_eq(seqwin_check(&w, 84, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 83, 1), SEQWIN_TOO_OLD);
	ck_assert_int_eq(seqwin_check(&w, 100, 1), SEQWIN_DUPLICATE);
}
END_TEST

START_TEST(test_ipmi15_window_edges)
{
	struct seqwin w;

	seqwin_init(&w, 8, 8);
	seqwin_accept(&w, 50);
	ck_assert_int_eq(seqwin_check(&w, 58, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 59, 1), SEQWIN_TOO_NEW);
	ck_assert_int_eq(seqwin_check(&w, 42, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 41, 1), SEQWIN_TOO_OLD);
}
END_TEST

START_TEST(test_out_of_order_and_duplicates)
{
	struct seqwin w;

	seqwin_init(&w, 16, 15);
	seqwin_accept(&w, 10);
	seqwin_accept(&w, 14); /* 11..13 not yet seen */
	ck_assert_int_eq(seqwin_check(&w, 12, 1), SEQWIN_OK);
	seqwin_accept(&w, 12);
	ck_assert_int_eq(seqwin_check(&w, 12, 1), SEQWIN_DUPLICATE);
	ck_assert_int_eq(seqwin_check(&w, 10, 1), SEQWIN_DUPLICATE);
	ck_assert_int_eq(seqwin_check(&w, 11, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 13, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 14, 1), SEQWIN_DUPLICATE);
	/* A jump forward keeps the history that is still in the window. */
	seqwin_accept(&w, 29);
	ck_assert_int_eq(seqwin_check(&w, 14, 1), SEQWIN_DUPLICATE);
	ck_assert_int_eq(seqwin_check(&w, 13, 1), SEQWIN_OK);
	ck_assert_int_eq(seqwin_check(&w, 12, 1), SEQWIN_TOO_OLD);
}
END_TEST

START_TEST(test_wrap_around)
{
	struct seqwin w;

	seqwin_init(&w, 16, 15);
	seqwin_accept(&w, 0xfffffffe);
	ck_assert_int_eq(seqwin_check(&w, 0xffffffff, 1), SEQWIN_OK);
	seqwin_accept(&w, 0xffffffff);
	/* Zero is skipped when authenticated; 1 follows 0xffffffff. */
	ck_assert_int_eq(seqwin_check(&w, 0, 1), SEQWIN_ZERO);
	ck_assert_int_eq(seqwin_check(&w, 1, 1), SEQWIN_OK);
	seqwin_accept(&w, 1);
	ck_assert_int_eq(seqwin_check(&w, 0xffffffff, 1), SEQWIN_DUPLICATE);
	ck_assert_int_eq(seqwin_check(&w, 0xfffffffe, 1), SEQWIN_DUPLICATE);
	ck_assert_int_eq(seqwin_check(&w, 0xfffffff0, 1), SEQWIN_TOO_OLD);
}
END_TEST

START_TEST(test_every_offset)
{
	struct seqwin w;
	int	      d;

	seqwin_init(&w, 16, 15);
	seqwin_accept(&w, 1000);
	for (d = -40; d <= 40; d++) {
		enum seqwin_verdict v = seqwin_check(&w, 1000 + d, 1);

		if (d == 0)
			ck_assert_int_eq(v, SEQWIN_DUPLICATE);
		else if (d > 15)
			ck_assert_int_eq(v, SEQWIN_TOO_NEW);
		else if (d < -16)
			ck_assert_int_eq(v, SEQWIN_TOO_OLD);
		else
			ck_assert_int_eq(v, SEQWIN_OK);
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("seqwin");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_first_packet_sets_window);
	tcase_add_test(tc, test_zero_forbidden_when_authenticated);
	tcase_add_test(tc, test_rmcpp_window_edges);
	tcase_add_test(tc, test_ipmi15_window_edges);
	tcase_add_test(tc, test_out_of_order_and_duplicates);
	tcase_add_test(tc, test_wrap_around);
	tcase_add_test(tc, test_every_offset);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
