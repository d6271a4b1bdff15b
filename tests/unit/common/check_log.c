/* Tests for src/common/log.c: levels, sinks and the rate limiter. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "log.h"

struct capture {
	int	       count;
	enum log_level level;
	char	       origin[64];
	char	       func[64];
	char	       msg[1100];
};

static void
capture_cb(void *arg, enum log_level level, const char *origin,
    const char *func, const char *msg)
{
	struct capture *c = arg;

	c->count++;
	c->level = level;
	snprintf(c->origin, sizeof(c->origin), "%s",
	    origin != NULL ? origin : "(null)");
	snprintf(c->func, sizeof(c->func), "%s", func != NULL ? func : "");
	snprintf(c->msg, sizeof(c->msg), "%s", msg);
}

static struct capture cap;

static void
setup(void)
{
	memset(&cap, 0, sizeof(cap));
	log_set_sink(capture_cb, &cap);
	log_set_level(LOG_LEVEL_INFO);
}

static void
teardown(void)
{
	log_set_sink(NULL, NULL);
	log_set_level(LOG_LEVEL_INFO);
}

START_TEST(test_levels_filter)
{
	log_error("e %d", 1);
	ck_assert_int_eq(cap.count, 1);
	ck_assert_int_eq(cap.level, LOG_LEVEL_ERROR);
	ck_assert_str_eq(cap.msg, "e 1");
	/* __func__ of the caller, whatever name Check gives it. */
	ck_assert_ptr_nonnull(strstr(cap.func, "test_levels_filter"));
	ck_assert_str_eq(cap.origin, "(null)");
	log_info("i");
	ck_assert_int_eq(cap.count, 2);
	log_session("s");
	log_packet("p");
	log_trace("t");
	ck_assert_int_eq(cap.count, 2);
	log_set_level(LOG_LEVEL_TRACE);
	log_trace("t %s", "x");
	ck_assert_int_eq(cap.count, 3);
	ck_assert_int_eq(cap.level, LOG_LEVEL_TRACE);
	ck_assert_str_eq(cap.msg, "t x");
}
END_TEST

START_TEST(test_enabled_and_names)
{
	log_set_level(LOG_LEVEL_SESSION);
	ck_assert_int_eq(log_get_level(), LOG_LEVEL_SESSION);
	ck_assert_int_eq(log_enabled(LOG_LEVEL_ERROR), 1);
	ck_assert_int_eq(log_enabled(LOG_LEVEL_SESSION), 1);
	ck_assert_int_eq(log_enabled(LOG_LEVEL_PACKET), 0);
	ck_assert_str_eq(log_level_name(LOG_LEVEL_ERROR), "error");
	ck_assert_str_eq(log_level_name(LOG_LEVEL_TRACE), "trace");
	ck_assert_str_eq(log_level_name((enum log_level)99), "?");
	/* Out-of-range levels clamp to the most verbose. */
	log_set_level((enum log_level)42);
	ck_assert_int_eq(log_get_level(), LOG_LEVEL_TRACE);
}
END_TEST

START_TEST(test_origin_and_long_message)
{
	char big[2000];

	log_msg(LOG_LEVEL_ERROR, "bmc0", "f", "%s", "hello");
	ck_assert_str_eq(cap.origin, "bmc0");
	ck_assert_str_eq(cap.func, "f");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_msg(LOG_LEVEL_ERROR, NULL, "f", "%s", big);
	/* Truncated to the internal buffer, never overflowing it. */
	ck_assert_uint_eq(strlen(cap.msg), 1023);
}
END_TEST

START_TEST(test_peer_bytes_escaped)
{
	char out[64];

	/* A name with a newline and an ESC cannot forge a line. */
	log_msg(LOG_LEVEL_ERROR, NULL, "f", "user \"%s\" named",
	    "a\nerror: forged\x1b[2J\xc3\xa9");
	ck_assert_str_eq(
	    cap.msg, "user \"a\\x0aerror: forged\\x1b[2J\\xc3\\xa9\" named");
	/* Trace dumps keep their lines, and escape the rest. */
	log_set_level(LOG_LEVEL_TRACE);
	log_msg(LOG_LEVEL_TRACE, NULL, "f", "in\n  01 02\t");
	ck_assert_str_eq(cap.msg, "in\n  01 02\\x09");
	/* The bound holds: a cut escape is left out whole. */
	ck_assert_uint_eq(log_escape(out, 6, "ab\x01", 0), 2);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(log_escape(out, 7, "ab\x01", 0), 6);
	ck_assert_str_eq(out, "ab\\x01");
	ck_assert_uint_eq(log_escape(out, 0, "ab", 0), 0);
}
END_TEST

START_TEST(test_ratelimit)
{
	struct log_ratelimit rl;
	uint32_t	     suppressed = 99;
	int		     i;

	memset(&rl, 0, sizeof(rl));
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(
		    log_ratelimit_allow(&rl, 1000, 3, 1000, &suppressed), 1);
	ck_assert_int_eq(
	    log_ratelimit_allow(&rl, 1500, 3, 1000, &suppressed), 0);
	ck_assert_int_eq(
	    log_ratelimit_allow(&rl, 1999, 3, 1000, &suppressed), 0);
	ck_assert_uint_eq(suppressed, 0);
	/* A new window reports what the old one dropped. */
	ck_assert_int_eq(
	    log_ratelimit_allow(&rl, 2000, 3, 1000, &suppressed), 1);
	ck_assert_uint_eq(suppressed, 2);
	ck_assert_int_eq(log_ratelimit_allow(&rl, 2001, 3, 1000, NULL), 1);
	/* Time going backwards opens a new window too. */
	ck_assert_int_eq(log_ratelimit_allow(&rl, 10, 3, 1000, &suppressed), 1);
	ck_assert_uint_eq(suppressed, 0);
}
END_TEST

static Suite *
log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_levels_filter);
	tcase_add_test(tc, test_enabled_and_names);
	tcase_add_test(tc, test_origin_and_long_message);
	tcase_add_test(tc, test_ratelimit);
	tcase_add_test(tc, test_peer_bytes_escaped);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(log_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
