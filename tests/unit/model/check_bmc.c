/*
 * The dispatcher through the registry's areas: unknown commands,
 * sessionless requests, privileges and request lengths, as ipmitool,
 * FreeIPMI and pyghmi meet them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
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

START_TEST(test_unknown_command)
{
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x99, ""), 0xc1);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, ADMIN, 0x30, 0x01, ""), 0xc1);
}
END_TEST

START_TEST(test_sessionless_refused)
{
	/* Known, unknown: both D4h outside a session. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x01, ""), 0xd4);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x99, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, 0, IPMI_NETFN_CHASSIS, 0x02, "00"), 0xd4);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	/* Appendix G: these two need no session. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x37, ""), 0x00);
	tb_assert_reply(&t, "50 51 52 53 54 55 56 57 58 59 5a 5b 5c 5d 5e 5f");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 80"), 0x00);
}
END_TEST

START_TEST(test_privilege_table)
{
	/* A USER session cannot manage users or reset the BMC. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x47,
			      "02 02 61 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x02, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x44, "01 02"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 02"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x43, "91 02 04"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, IPMI_PRIV_CALLBACK, APP, 0x01, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x01, ""), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_CALLBACK, APP, 0x54, "0e 00 80"), 0x00);
}
END_TEST

START_TEST(test_length_checks)
{
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x01, "00"), 0xc7);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x42, ""), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x54, "0e 00"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45, "05 41"), 0xc7);
	/* Set User Password: 2, 18 or 22 bytes as byte 1 bit 7 says. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "02 02 41 42"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "82 02 61 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0xc7);
}
END_TEST

/*
 * Every command of both netFns with every length of zero and of FFh
 * filler: a code always, data only with 00h, never past the buffer.
 */
START_TEST(test_every_length)
{
	static const uint8_t netfns[] = {IPMI_NETFN_CHASSIS, APP};
	char		     hex[3 * 24 + 1];
	unsigned	     n, cmd, len, fill;

	for (n = 0; n < sizeof(netfns); n++)
		for (cmd = 0; cmd <= 0xff; cmd++)
			for (fill = 0; fill < 2; fill++)
				for (len = 0; len <= 23; len++) {
					memset(hex, 0, sizeof(hex));
					for (unsigned i = 0; i < len; i++)
						memcpy(hex + 3 * i,
						    fill ? "ff " : "00 ", 3);
					tb_call(&t, ADMIN, netfns[n],
					    (uint8_t)cmd, hex);
					ck_assert_uint_le(
					    t.len, sizeof(t.data));
					if (t.cc != 0)
						ck_assert_uint_eq(t.len, 0);
					ck_assert_uint_ne(t.cc, 0xff);
				}
}
END_TEST

static Suite *
bmc_suite(void)
{
	Suite *s = suite_create("bmc");
	TCase *tc = tcase_create("bmc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unknown_command);
	tcase_add_test(tc, test_sessionless_refused);
	tcase_add_test(tc, test_privilege_table);
	tcase_add_test(tc, test_length_checks);
	tcase_add_test(tc, test_every_length);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(bmc_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
