/*
 * Tests for src/server/logsink.c: the line format (UTC timestamp to the
 * millisecond, level padded to seven columns, the origin in brackets), and
 * the per-level rate limit: off, every line is written; on, each level
 * passes its own burst in a window and holds back the rest.  Lines are
 * read back from a temporary file put in the place of stderr (each test
 * runs in its own process).  The "held back" note needs the next window,
 * a second later: it is not tested here, to keep the suite free of sleeps.
 */
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "logsink.h"

static FILE *capture;

static void
setup(void)
{
	ck_assert_ptr_nonnull(capture = tmpfile());
	fflush(stderr);
	ck_assert_int_eq(dup2(fileno(capture), STDERR_FILENO), STDERR_FILENO);
	logsink_install();
	log_set_level(LOG_LEVEL_TRACE);
	log_set_context(NULL);
}

static void
teardown(void)
{
	logsink_limit(0);
	log_set_sink(NULL, NULL);
	fclose(capture);
}

/* Everything written so far, NUL-terminated; the caller frees it. */
static char *
captured(void)
{
	char *buf;
	long  n;

	fflush(stderr);
	ck_assert_int_eq(fseek(capture, 0, SEEK_END), 0);
	n = ftell(capture);
	ck_assert_int_ge(n, 0);
	ck_assert_ptr_nonnull(buf = calloc(1, (size_t)n + 1));
	rewind(capture);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, capture), (size_t)n);
	return buf;
}

static unsigned
count_lines(const char *s, const char *needle)
{
	unsigned n = 0;

	for (; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

static void
assert_matches(const char *s, const char *pattern)
{
	regex_t re;

	ck_assert_int_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	ck_assert_msg(
	    regexec(&re, s, 0, NULL, 0) == 0, "\"%s\" !~ /%s/", s, pattern);
	regfree(&re);
}

START_TEST(test_line_format)
{
	char	 *out;
	struct tm tm;
	time_t	  before = time(NULL), stamp;

	log_msg(
	    LOG_LEVEL_INFO, "rack-07", "f", "power on (%s)", "Chassis Control");
	log_msg(LOG_LEVEL_ERROR, NULL, "f", "bind: %d", 98);
	log_msg(LOG_LEVEL_SESSION, NULL, "f", "s");
	log_msg(LOG_LEVEL_PACKET, NULL, "f", "p");
	log_msg(LOG_LEVEL_TRACE, NULL, "f", "t");
	out = captured();
	assert_matches(out,
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\."
	    "[0-9]{3}Z info    \\[rack-07\\] power on \\(Chassis Control\\)\n"
	    "[0-9T:.-]{23}Z error   bind: 98\n"
	    "[0-9T:.-]{23}Z session s\n"
	    "[0-9T:.-]{23}Z packet  p\n"
	    "[0-9T:.-]{23}Z trace   t\n$");
	/* The stamp is UTC and now (within the minute, whatever the TZ). */
	memset(&tm, 0, sizeof(tm));
	ck_assert_ptr_nonnull(strptime(out, "%Y-%m-%dT%H:%M:%S", &tm));
	stamp = timegm(&tm);
	ck_assert_int_ge(stamp, before - 1);
	ck_assert_int_le(stamp, before + 60);
	free(out);
}
END_TEST

START_TEST(test_context_is_the_origin)
{
	char *out;

	log_set_context("bmc-3");
	log_info("started");
	log_msg(LOG_LEVEL_INFO, "other", "f", "explicit");
	log_set_context(NULL);
	out = captured();
	ck_assert_ptr_nonnull(strstr(out, "Z info    [bmc-3] started\n"));
	ck_assert_ptr_nonnull(strstr(out, "Z info    [other] explicit\n"));
	free(out);
}
END_TEST

START_TEST(test_unlimited_by_default)
{
	char *out;
	int   i;

	for (i = 0; i < 100; i++)
		log_error("flood %d", i);
	out = captured();
	ck_assert_uint_eq(count_lines(out, "Z error   flood "), 100);
	ck_assert_ptr_nonnull(strstr(out, "flood 99\n"));
	ck_assert_ptr_null(strstr(out, "held back"));
	free(out);
}
END_TEST

/* Per level: the burst a window lets through (logsink.c's table). */
static const struct {
	enum log_level level;
	const char    *label;
	unsigned       burst;
} bursts[] = {
    {LOG_LEVEL_ERROR, "Z error   x ", 20},
    {LOG_LEVEL_INFO, "Z info    x ", 50},
    {LOG_LEVEL_SESSION, "Z session x ", 100},
    {LOG_LEVEL_TRACE, "Z trace   x ", 200},
    {LOG_LEVEL_PACKET, "Z packet  x ", 2000},
};

START_TEST(test_limit_per_level)
{
	char	*out, last[32];
	unsigned i, want = bursts[_i].burst;

	logsink_limit(1);
	for (i = 0; i < want + 25; i++)
		log_msg(bursts[_i].level, NULL, "f", "x %u", i);
	out = captured();
	ck_assert_uint_eq(count_lines(out, bursts[_i].label), want);
	/* The first ones pass, the rest are held back. */
	ck_assert_ptr_nonnull(strstr(out, "x 0\n"));
	snprintf(last, sizeof(last), " x %u\n", want - 1);
	ck_assert_ptr_nonnull(strstr(out, last));
	snprintf(last, sizeof(last), " x %u\n", want);
	ck_assert_ptr_null(strstr(out, last));
	ck_assert_uint_eq(count_lines(out, "\n"), want);
	free(out);
}
END_TEST

START_TEST(test_levels_limited_apart)
{
	char *out;
	int   i;

	logsink_limit(1);
	for (i = 0; i < 30; i++)
		log_error("e");
	/* The error burst is spent; info has its own. */
	for (i = 0; i < 10; i++)
		log_info("i");
	logsink_limit(0);
	/* Off again: nothing held back. */
	for (i = 0; i < 5; i++)
		log_error("after");
	out = captured();
	ck_assert_uint_eq(count_lines(out, "Z error   e\n"), 20);
	ck_assert_uint_eq(count_lines(out, "Z info    i\n"), 10);
	ck_assert_uint_eq(count_lines(out, "Z error   after\n"), 5);
	free(out);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("logsink");
	TCase	*tc = tcase_create("logsink");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_line_format);
	tcase_add_test(tc, test_context_is_the_origin);
	tcase_add_test(tc, test_unlimited_by_default);
	tcase_add_loop_test(
	    tc, test_limit_per_level, 0, sizeof(bursts) / sizeof(bursts[0]));
	tcase_add_test(tc, test_levels_limited_apart);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
