/* Login lockout: thresholds, durations, resets, bounds. */
#include <check.h>
#include <stdlib.h>

#include "lockout.h"

START_TEST(test_no_threshold_never_locks)
{
	struct lockout *l = lockout_new();
	int		i;

	ck_assert_ptr_nonnull(l);
	for (i = 0; i < 300; i++)
		ck_assert_int_eq(lockout_record_failure(l, 2, 1000), 0);
	ck_assert_int_eq(lockout_is_locked(l, 2, 1000), 0);
	lockout_free(l);
}
END_TEST

START_TEST(test_threshold_locks_for_duration)
{
	struct lockout *l = lockout_new();

	lockout_set_policy(l, 3, 5000);
	ck_assert_int_eq(lockout_record_failure(l, 2, 1000), 0);
	ck_assert_int_eq(lockout_record_failure(l, 2, 1100), 0);
	ck_assert_int_eq(lockout_is_locked(l, 2, 1100), 0);
	/* The third failure in a row locks until 1200 + 5000. */
	ck_assert_int_eq(lockout_record_failure(l, 2, 1200), 1);
	ck_assert_int_eq(lockout_is_locked(l, 2, 1200), 1);
	ck_assert_int_eq(lockout_is_locked(l, 2, 6199), 1);
	ck_assert_int_eq(lockout_is_locked(l, 2, 6200), 0);
	/* Other users are not affected. */
	ck_assert_int_eq(lockout_is_locked(l, 3, 1200), 0);
	lockout_free(l);
}
END_TEST

START_TEST(test_count_restarts_after_lockout)
{
	struct lockout *l = lockout_new();

	lockout_set_policy(l, 2, 100);
	ck_assert_int_eq(lockout_record_failure(l, 5, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 5, 0), 1);
	/* The count started again: one more failure is not enough. */
	ck_assert_int_eq(lockout_record_failure(l, 5, 200), 0);
	ck_assert_int_eq(lockout_is_locked(l, 5, 200), 0);
	ck_assert_int_eq(lockout_record_failure(l, 5, 300), 1);
	ck_assert_int_eq(lockout_is_locked(l, 5, 399), 1);
	ck_assert_int_eq(lockout_is_locked(l, 5, 400), 0);
	lockout_free(l);
}
END_TEST

START_TEST(test_success_resets_count_not_lockout)
{
	struct lockout *l = lockout_new();

	lockout_set_policy(l, 3, 1000);
	ck_assert_int_eq(lockout_record_failure(l, 7, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 7, 0), 0);
	lockout_record_success(l, 7);
	ck_assert_int_eq(lockout_record_failure(l, 7, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 7, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 7, 10), 1);
	/* A success does not lift a running lockout. */
	lockout_record_success(l, 7);
	ck_assert_int_eq(lockout_is_locked(l, 7, 500), 1);
	lockout_free(l);
}
END_TEST

START_TEST(test_unknown_and_out_of_range_ids)
{
	struct lockout *l = lockout_new();
	int		i;

	lockout_set_policy(l, 1, 1000);
	/* ID 0 is an unknown name: nobody to lock. */
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(lockout_record_failure(l, 0, 0), 0);
	ck_assert_int_eq(lockout_is_locked(l, 0, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 64, 0), 0);
	ck_assert_int_eq(lockout_is_locked(l, 64, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 255, 0), 0);
	ck_assert_int_eq(lockout_is_locked(l, 255, 0), 0);
	lockout_record_success(l, 255);
	/* The highest valid ID is counted. */
	ck_assert_int_eq(lockout_record_failure(l, 63, 0), 1);
	ck_assert_int_eq(lockout_is_locked(l, 63, 999), 1);
	lockout_free(l);
}
END_TEST

START_TEST(test_policy_change_keeps_state)
{
	struct lockout *l = lockout_new();

	lockout_set_policy(l, 3, 1000);
	ck_assert_int_eq(lockout_record_failure(l, 4, 0), 0);
	ck_assert_int_eq(lockout_record_failure(l, 4, 0), 0);
	/* A reload lowers the threshold: the two failures still count. */
	lockout_set_policy(l, 2, 1000);
	ck_assert_int_eq(lockout_record_failure(l, 4, 50), 1);
	/* Turning lockout off neither unlocks nor counts. */
	lockout_set_policy(l, 0, 1000);
	ck_assert_int_eq(lockout_is_locked(l, 4, 1049), 1);
	ck_assert_int_eq(lockout_record_failure(l, 4, 60), 0);
	lockout_free(l);
}
END_TEST

START_TEST(test_zero_duration_never_locked)
{
	struct lockout *l = lockout_new();

	lockout_set_policy(l, 1, 0);
	/* The threshold is reached, but the lockout ends when it starts. */
	ck_assert_int_eq(lockout_record_failure(l, 2, 100), 1);
	ck_assert_int_eq(lockout_is_locked(l, 2, 100), 0);
	lockout_free(l);
}
END_TEST

START_TEST(test_untouched_is_unlocked)
{
	struct lockout *l = lockout_new();

	lockout_set_policy(l, 3, 1000);
	ck_assert_int_eq(lockout_is_locked(l, 1, 0), 0);
	lockout_record_success(l, 1);
	ck_assert_int_eq(lockout_is_locked(l, 1, 0), 0);
	lockout_free(l);
	lockout_free(NULL);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("lockout");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_no_threshold_never_locks);
	tcase_add_test(tc, test_threshold_locks_for_duration);
	tcase_add_test(tc, test_count_restarts_after_lockout);
	tcase_add_test(tc, test_success_resets_count_not_lockout);
	tcase_add_test(tc, test_unknown_and_out_of_range_ids);
	tcase_add_test(tc, test_policy_change_keeps_state);
	tcase_add_test(tc, test_zero_duration_never_locked);
	tcase_add_test(tc, test_untouched_is_unlocked);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
