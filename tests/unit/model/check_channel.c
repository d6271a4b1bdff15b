/*
 * Tests for src/model/channel.c: channel info and access, and the cipher
 * suites as ipmitool, FreeIPMI and pyghmi ask for them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "err.h"

#define APP   IPMI_NETFN_APP
#define ADMIN IPMI_PRIV_ADMIN
#define OPER  IPMI_PRIV_OPERATOR
#define USER  IPMI_PRIV_USER

static struct tb t;

static void
setup(void)
{
	tb_init(&t);
	tb_start(&t);
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_channel_info)
{
	t.nsessions = 1;
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "0e"), 0x00);
	tb_assert_reply(&t, "01 04 01 81 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "01"), 0x00);
	tb_assert_reply(&t, "01 04 01 81 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "00"), 0x00);
	tb_assert_reply(&t, "00 01 01 00 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "0f"), 0x00);
	tb_assert_reply(&t, "0f 0c 05 00 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "05"), 0xcc);
}
END_TEST

START_TEST(test_channel_access)
{
	struct model_channel c;
	uint64_t	     gen = bmc_policy_generation(t.bmc);
	uint64_t	     sgen = bmc_state_generation(t.bmc);

	/* Defaults: alerting off (bit 5 set), always available, ADMIN. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "0e 80"), 0x00);
	tb_assert_reply(&t, "22 04");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&t, "22 04");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 c0"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "02 80"), 0xcc);

	/* Volatile: alerting and per-message auth off, shared, OPERATOR. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 b3 83"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "33 03");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&t, "22 04");
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(c.per_message_auth, 0);
	ck_assert_uint_eq(c.access_mode, 3);
	ck_assert_uint_eq(t.channel_changes, 1);
	ck_assert_uint_gt(bmc_policy_generation(t.bmc), gen);
	ck_assert_uint_eq(bmc_state_generation(t.bmc), sgen);

	/* Non-volatile: saved, not in force; privilege byte untouched. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 42 04"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&t, "02 04");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "33 03");
	ck_assert_uint_eq(t.channel_changes, 1);
	ck_assert_uint_gt(bmc_state_generation(t.bmc), sgen);

	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 84 80"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 00 86"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 c2 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "03 82 00"), 0xcc);
}
END_TEST

/*
 * Suites 3 and 17, by suite: what ipmitool's "channel getciphers ipmi"
 * and its suite negotiation parse (C0h, ID, auth, 40h|integ, 80h|conf).
 */
START_TEST(test_cipher_suites_3_17)
{
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 80"), 0x00);
	tb_assert_reply(&t, "01 c0 03 01 41 81 c0 11 03 44 81");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 81"), 0x00);
	tb_assert_reply(&t, "01");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x54, "01 01 80"), 0x00);
	tb_assert_reply(&t, "01 c0 03 01 41 81 c0 11 03 44 81");
	/* By algorithm: each once, with its tag. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 00"), 0x00);
	tb_assert_reply(&t, "01 01 41 81 03 44");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "02 00 80"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 05 80"), 0xcc);
}
END_TEST

START_TEST(test_cipher_suites_chunks)
{
	tb_free(&t);
	t.model.channel.enabled_suites = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 |
	    1u << 6 | 1u << 7 | 1u << 8 | 1u << 11 | 1u << 12 | 1u << 15 |
	    1u << 16 | 1u << 17;
	tb_start(&t);
	/* 12 records of 5 bytes: 16 + 16 + 16 + 12. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 80"), 0x00);
	tb_assert_reply(&t,
	    "01 c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 "
	    "c0");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 81"), 0x00);
	tb_assert_reply(&t,
	    "01 03 01 41 81 c0 06 02 40 80 c0 07 02 42 80 c0 "
	    "08");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 82"), 0x00);
	tb_assert_reply(&t,
	    "01 02 42 81 c0 0b 02 43 80 c0 0c 02 43 81 c0 0f "
	    "03");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 83"), 0x00);
	tb_assert_reply(&t, "01 40 80 c0 10 03 44 80 c0 11 03 44 81");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 84"), 0x00);
	tb_assert_reply(&t, "01");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 bf"), 0x00);
	tb_assert_reply(&t, "01");
}
END_TEST

/* [channel]: the non-volatile access, in force after the load. */
START_TEST(test_state_round_trip)
{
	static const char  bad[] = "[channel]\naccess_mode = 1\n"
				   "privilege_limit = 6\n";
	struct tb	   b;
	struct config_diag diag = {0};
	char		  *sec, *text;
	size_t		   len;

	/* Non-volatile: shared, per-message and user auth off, OPERATOR. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 5b 43"), 0x00);
	sec = tb_state_section(t.bmc, "[channel]");
	ck_assert_str_eq(sec,
	    "[channel]\naccess_mode = 3\nprivilege_limit = 3\n"
	    "per_message_auth = 0\nuser_level_auth = 0\nalerting = 1\n");
	free(sec);

	text = bmc_state_save(t.bmc, &len);
	ck_assert_int_eq(tb_state_load_fresh(&b, text, &diag), 0);
	free(text);
	ck_assert_uint_eq(diag.n, 0);
	ck_assert_uint_eq(tb_call(&b, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&b, "1b 03");
	ck_assert_uint_eq(tb_call(&b, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&b, "1b 03");
	tb_free(&b);

	ck_assert_int_eq(tb_state_load_fresh(&b, bad, &diag), ERR_CONFIG);
	ck_assert_uint_eq(diag.n, 1);
	ck_assert_str_eq(diag.msgs[0], "s:3: privilege_limit must be 1..5");
	/* The good key before it was applied (the model: 22h 04h). */
	ck_assert_uint_eq(tb_call(&b, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&b, "21 04");
	config_diag_clear(&diag);
	tb_free(&b);
}
END_TEST

static Suite *
channel_suite(void)
{
	Suite *s = suite_create("channel");
	TCase *tc = tcase_create("channel");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_channel_info);
	tcase_add_test(tc, test_channel_access);
	tcase_add_test(tc, test_cipher_suites_3_17);
	tcase_add_test(tc, test_cipher_suites_chunks);
	tcase_add_test(tc, test_state_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(channel_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
