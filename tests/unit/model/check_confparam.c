/* Tests for src/model/confparam.c: the parameter protocol's shared rules. */
#include <check.h>
#include <stdlib.h>

#include "confparam.h"
#include "ipmimsg.h"

static const struct confparam_desc table[] = {
    {0, 1, 0},
    {1, 0, 1}, /* read-only */
    {3, 4, 0},
    {9, 2, 0},
};
#define NTABLE (sizeof(table) / sizeof(table[0]))

START_TEST(test_set_check)
{
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 0, 1), 0x00);
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 3, 4), 0x00);
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 9, 2), 0x00);
	/* Not there: 80h, whatever the length. */
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 2, 1), 0x80);
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 0xff, 0), 0x80);
	/* Read-only: 82h before the length is looked at. */
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 1, 0), 0x82);
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 1, 7), 0x82);
	/* The wrong length, short or long: C7h. */
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 3, 3), 0xc7);
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 3, 5), 0xc7);
	ck_assert_uint_eq(confparam_set_check(table, NTABLE, 0, 0), 0xc7);
	ck_assert_uint_eq(confparam_set_check(table, 0, 0, 1), 0x80);
}
END_TEST

/* LAN, SOL, system info: a commit ends the set. */
START_TEST(test_set_in_progress)
{
	uint8_t state = CONFPARAM_SET_COMPLETE;

	ck_assert_uint_eq(confparam_set_in_progress(&state, 0x01, 0), 0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_IN_PROGRESS);
	/* A second "in progress" is refused, the state kept. */
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0x01, 0), 0x81);
	ck_assert_uint_eq(state, CONFPARAM_SET_IN_PROGRESS);
	/* 11b is reserved; only bits 1:0 count. */
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0x03, 0), 0xcc);
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0xff, 0), 0xcc);
	ck_assert_uint_eq(state, CONFPARAM_SET_IN_PROGRESS);
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0x02, 0), 0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_COMPLETE);
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0xfd, 0), 0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_IN_PROGRESS);
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0x00, 0), 0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_COMPLETE);
	/* "Complete" twice is fine. */
	ck_assert_uint_eq(confparam_set_in_progress(&state, 0x00, 0), 0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_COMPLETE);
}
END_TEST

/* Boot options: a commit leaves the state as it was. */
START_TEST(test_commit_keeps)
{
	uint8_t state = CONFPARAM_SET_COMPLETE;

	ck_assert_uint_eq(
	    confparam_set_in_progress(&state, 0x01, CONFPARAM_COMMIT_KEEPS),
	    0x00);
	ck_assert_uint_eq(
	    confparam_set_in_progress(&state, 0x02, CONFPARAM_COMMIT_KEEPS),
	    0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_IN_PROGRESS);
	ck_assert_uint_eq(
	    confparam_set_in_progress(&state, 0x01, CONFPARAM_COMMIT_KEEPS),
	    0x81);
	ck_assert_uint_eq(
	    confparam_set_in_progress(&state, 0x00, CONFPARAM_COMMIT_KEEPS),
	    0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_COMPLETE);
	ck_assert_uint_eq(
	    confparam_set_in_progress(&state, 0x02, CONFPARAM_COMMIT_KEEPS),
	    0x00);
	ck_assert_uint_eq(state, CONFPARAM_SET_COMPLETE);
}
END_TEST

START_TEST(test_get_revision)
{
	uint8_t	  buf[4] = {0xee, 0xee, 0xee, 0xee};
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(confparam_get_revision(&w, 0x11, 0x01), 0);
	ck_assert_uint_eq(wr_len(&w), 1);
	ck_assert_uint_eq(buf[0], 0x11);
	wr_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(confparam_get_revision(&w, 0x11, 0x8e), 1);
	ck_assert_uint_eq(wr_len(&w), 1);
	ck_assert_uint_eq(buf[1], 0xee);
	/* No room: the writer's sticky error says so. */
	wr_init(&w, buf, 0);
	(void)confparam_get_revision(&w, 0x11, 0);
	ck_assert_int_ne(w.err, 0);
}
END_TEST

static Suite *
confparam_suite(void)
{
	Suite *s = suite_create("confparam");
	TCase *tc = tcase_create("confparam");

	tcase_add_test(tc, test_set_check);
	tcase_add_test(tc, test_set_in_progress);
	tcase_add_test(tc, test_commit_keeps);
	tcase_add_test(tc, test_get_revision);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(confparam_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
