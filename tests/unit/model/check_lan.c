/* Tests for src/model/lan.c: parameter bytes, checks, policy, saved state. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "ipmimsg.h"

#define TR   IPMI_NETFN_TRANSPORT
#define ADMN IPMI_PRIV_ADMIN
#define OPER IPMI_PRIV_OPERATOR

static struct tb t;

#define ADMN_SET_EXPECT(hex, cc) \
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, hex), cc)

static void
setup(void)
{
	tb_init(&t);
	t.cfg.index = 3;
	memcpy(t.model.lan.gateway, "\x0a\x00\x00\x01", 4);
	t.model.lan.vlan_id = 100;
	t.model.lan.vlan_priority = 5;
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_get)
{
	tb_start(&t);
	/* Fleet member 3: 10.0.0.5. */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 03 00 00"), 0x00);
	tb_assert_reply(&t, "11 0a 00 00 05");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "0e 06 00 00"), 0x00);
	tb_assert_reply(&t, "11 ff ff ff 00");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 0c 00 00"), 0x00);
	tb_assert_reply(&t, "11 0a 00 00 01");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 14 00 00"), 0x00);
	tb_assert_reply(&t, "11 64 80"); /* VLAN 100, enabled */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 10 00 00"), 0x00);
	tb_assert_reply(&t,
	    "11 70 75 62 6c 69 63 00 00 00 00 00 00 00 00 00 "
	    "00 00 00");
	/* Suites 3 and 17, both admin; the MD5 enables. */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 16 00 00"), 0x00);
	tb_assert_reply(&t, "11 02");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 17 00 00"), 0x00);
	tb_assert_reply(&t, "11 00 03 11");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 18 00 00"), 0x00);
	tb_assert_reply(&t, "11 00 44 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 02 00 00"), 0x00);
	tb_assert_reply(&t, "11 04 04 04 04 04");
	/* Destinations: four, selector 0-4. */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 11 00 00"), 0x00);
	tb_assert_reply(&t, "11 04");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 13 05 00"), 0xc9);
	/* Revision only; other channels; unknown parameters; privilege. */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "81 03 00 00"), 0x00);
	tb_assert_reply(&t, "11");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "02 03 00 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 63 00 00"), 0x80);
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_USER, TR, 0x02, "01 03 00 00"), 0xd4);
}
END_TEST

/* Parameters 8, 9 (RMCP ports), 50 and 51 (IPv6: none), read-only. */
START_TEST(test_ports_and_ipv6)
{
	t.cfg.port = 1623;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 08 00 00"), 0x00);
	tb_assert_reply(&t, "11 57 06"); /* 1623, LS byte first */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 09 00 00"), 0x00);
	tb_assert_reply(&t, "11 98 02"); /* 664 */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 32 00 00"), 0x00);
	tb_assert_reply(&t, "11 00");
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 33 00 00"), 0x00);
	tb_assert_reply(&t, "11 00");
	/* The IPv6 parameters proper: not supported. */
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 37 00 00"), 0x80);
	ADMN_SET_EXPECT("01 08 6f 02", 0x82);
	ADMN_SET_EXPECT("01 09 98 02", 0x82);
	ADMN_SET_EXPECT("01 32 00", 0x82);
	/* IPv4 only is accepted as it is; IPv6 is refused. */
	ADMN_SET_EXPECT("01 33 00", 0x00);
	ADMN_SET_EXPECT("01 33 02", 0xcc);
	ADMN_SET_EXPECT("01 33 00 00", 0xc7);
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 33 00 00"), 0x00);
	tb_assert_reply(&t, "11 00");
}
END_TEST

START_TEST(test_set)
{
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, TR, 0x01, "01 03 0a 01 02 03"), 0xd4);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 03 0a 01 02 03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 03 00 00"), 0x00);
	tb_assert_reply(&t, "11 0a 01 02 03");
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 06 ff 00 ff 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, "01 03 0a 01 02"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, "01 01 17"), 0x82);
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, "01 17 00 03"), 0x82);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 05 01 00 00 00 00 01"),
	    0xcc); /* multicast MAC */
	/* Set in progress twice: 81h. */
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, "01 00 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, "01 00 01"), 0x81);
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x01, "01 00 00"), 0x00);
}
END_TEST

START_TEST(test_policy_parameters)
{
	struct model_channel c;

	tb_start(&t);
	/* Suite 3 (entry 0) user, suite 17 (entry 1) operator. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 18 00 32 00 00 00 00 00 00 00"),
	    0x00);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.suite_priv_limit[3], IPMI_PRIV_USER);
	ck_assert_uint_eq(c.suite_priv_limit[17], IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(t.channel_changes, 1);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 18 00 72 00 00 00 00 00 00 00"),
	    0xcc);
	/* Bad password threshold 3, lockout 60 s. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 1a 01 03 1e 00 06 00"), 0x00);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.bad_password_threshold, 3);
	ck_assert_uint_eq(c.lockout_ms, 60000);
	ck_assert_uint_eq(tb_call(&t, OPER, TR, 0x02, "01 1a 00 00"), 0x00);
	tb_assert_reply(&t, "11 01 03 1e 00 06 00");
	/* Auth type enables: straight password for users only. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 02 04 10 04 04 04"), 0x00);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.auth15_enables[IPMI_PRIV_USER], 0x10);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 02 04 20 04 04 04"), 0xcc);
}
END_TEST

START_TEST(test_saved)
{
	struct config_diag   d = {0};
	struct tb	     u;
	struct model_channel c;
	char		    *text;
	size_t		     len;

	tb_start(&t);
	/* Nothing changed: no section. */
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_null(strstr(text, "[lan]"));
	free(text);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 03 0a 09 08 07"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, TR, 0x01, "01 18 00 32 00 00 00 00 00 00 00"),
	    0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text, "[lan]\nip = 0a090807\n"));
	tb_restart(&u, &t, text, len, &d);
	free(text);
	ck_assert_uint_eq(tb_call(&u, OPER, TR, 0x02, "01 03 00 00"), 0x00);
	tb_assert_reply(&u, "11 0a 09 08 07");
	bmc_channel_policy(u.bmc, &c);
	ck_assert_uint_eq(c.suite_priv_limit[3], IPMI_PRIV_USER);
	ck_assert_ptr_nonnull(strstr(tb_all_logs, "LAN configuration set"));
	tb_free(&u);
	config_diag_clear(&d);
}
END_TEST

static Suite *
lan_suite(void)
{
	Suite *s = suite_create("lan");
	TCase *tc = tcase_create("lan");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get);
	tcase_add_test(tc, test_ports_and_ipv6);
	tcase_add_test(tc, test_set);
	tcase_add_test(tc, test_policy_parameters);
	tcase_add_test(tc, test_saved);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(lan_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
