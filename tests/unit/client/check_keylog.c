/* Tests for src/client/keylog.c: the journal's key log lines. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "keylog.h"

/* Shared seed 002's session, as the journal export would log it. */
static const char seed_line[] =
    "RMCPP bmc_sid=00000682 console_sid=a0a2a3a4 suite=2 "
    "sik=38b58a90095316b32b850d0e21de82c1facede15 "
    "k1=6518bc15d1209c497779a08361c1155839bdf174 "
    "k2=25268006c3774aa89ddd0558ae17ccdc6971daee\n";

START_TEST(test_seed_line)
{
	static const uint8_t sik[] = {0x38, 0xb5, 0x8a, 0x90, 0x09, 0x53, 0x16,
	    0xb3, 0x2b, 0x85, 0x0d, 0x0e, 0x21, 0xde, 0x82, 0xc1, 0xfa, 0xce,
	    0xde, 0x15};
	struct keylog_entry  e;

	ck_assert_int_eq(keylog_parse_line(seed_line, &e), 1);
	ck_assert_uint_eq(e.bmc_sid, 0x00000682);
	ck_assert_uint_eq(e.console_sid, 0xa0a2a3a4);
	ck_assert_uint_eq(e.suite, 2);
	ck_assert_uint_eq(e.key_len, 20);
	ck_assert_mem_eq(e.sik, sik, sizeof(sik));
	ck_assert_uint_eq(e.k1[0], 0x65);
	ck_assert_uint_eq(e.k2[19], 0xee);
}
END_TEST

START_TEST(test_comments_and_blank)
{
	struct keylog_entry e;

	ck_assert_int_eq(keylog_parse_line("", &e), 0);
	ck_assert_int_eq(keylog_parse_line("   \t", &e), 0);
	ck_assert_int_eq(keylog_parse_line("# journal export", &e), 0);
	/* Fields in another order, a trailing comment. */
	ck_assert_int_eq(keylog_parse_line("RMCPP k2=0102 k1=0304 sik=0506 "
					   "suite=17 console_sid=00000001 "
					   "bmc_sid=FFFFFFFE # x",
			     &e),
	    1);
	ck_assert_uint_eq(e.bmc_sid, 0xfffffffe);
	ck_assert_uint_eq(e.suite, 17);
	ck_assert_uint_eq(e.key_len, 2);
}
END_TEST

START_TEST(test_bad_lines)
{
	static const char *const bad[] = {
	    "RMCP bmc_sid=00000682 console_sid=a0a2a3a4 suite=2 sik=01 k1=01 "
	    "k2=01",
	    /* a field missing */
	    "RMCPP bmc_sid=00000682 console_sid=a0a2a3a4 suite=2 sik=01 k1=01",
	    /* repeated */
	    "RMCPP bmc_sid=00000682 bmc_sid=00000682 console_sid=a0a2a3a4 "
	    "suite=2 sik=01 k1=01 k2=01",
	    /* a session ID of 7 digits */
	    "RMCPP bmc_sid=0000682 console_sid=a0a2a3a4 suite=2 sik=01 k1=01 "
	    "k2=01",
	    /* keys of different lengths */
	    "RMCPP bmc_sid=00000682 console_sid=a0a2a3a4 suite=2 sik=0102 "
	    "k1=01 k2=01",
	    /* an odd digit count, a suite too big, an unknown field */
	    "RMCPP bmc_sid=00000682 console_sid=a0a2a3a4 suite=2 sik=012 "
	    "k1=01 k2=01",
	    "RMCPP bmc_sid=00000682 console_sid=a0a2a3a4 suite=256 sik=01 "
	    "k1=01 k2=01",
	    "RMCPP bmc_sid=00000682 console_sid=a0a2a3a4 suite=2 sik=01 k1=01 "
	    "k2=01 k3=01",
	};
	struct keylog_entry e;
	size_t		    i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(keylog_parse_line(bad[i], &e) == ERR_FORMAT,
		    "line %zu accepted", i);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("keylog");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_seed_line);
	tcase_add_test(tc, test_comments_and_blank);
	tcase_add_test(tc, test_bad_lines);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
