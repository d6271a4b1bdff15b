/*
 * Tests for src/model/payload.c: the payload commands (IPMI 2.0 §24) with
 * exact response bytes and every completion code of Activate Payload.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "ipmimsg.h"

#define APP  IPMI_NETFN_APP
#define TR   IPMI_NETFN_TRANSPORT
#define USER IPMI_PRIV_USER
#define OPER IPMI_PRIV_OPERATOR
#define ADMN IPMI_PRIV_ADMIN

static struct tb t;

static void
setup(void)
{
	tb_init(&t);
	t.cfg.port = 0x1234;
	tb_start(&t);
}

static void
teardown(void)
{
	tb_free(&t);
}

/* ipmitool's request: encrypt, authenticate, alerts deferred, handshake. */
#define ACTIVATE_IPMITOOL "01 01 c6 00 00 00"

START_TEST(test_activate_response)
{
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, ACTIVATE_IPMITOOL), 0);
	/* 12 bytes: aux, 255 in, 255 out, our port LS first, no VLAN. */
	tb_assert_reply(&t, "00 00 00 00 ff 00 ff 00 34 12 ff ff");
	/* R2: the owner again gets the same answer. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, ACTIVATE_IPMITOOL), 0);
	tb_assert_reply(&t, "00 00 00 00 ff 00 ff 00 34 12 ff ff");
	/* 4Ah: capacity 1, instance 1 active; 4Bh: its owner. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4a, "01"), 0);
	tb_assert_reply(&t, "01 01 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4b, "01 01"), 0);
	tb_assert_reply(&t, "00 10 00 00 01 00 00 00 00 00 00 00");
}
END_TEST

START_TEST(test_activate_codes)
{
	/* Type and instance. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "02 01 c0 00 00 00"),
	    IPMI_CC_INVALID_DATA_FIELD);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 02 c0 00 00 00"),
	    IPMI_CC_PARAM_OUT_OF_RANGE);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 00 c0 00 00 00"),
	    IPMI_CC_PARAM_OUT_OF_RANGE);
	/* Exact length. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00"),
	    IPMI_CC_REQ_DATA_LEN_INVALID);
	/* Encryption without authentication: 83h. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x48, "01 01 80 00 00 00"), 0x83);
	/* R1.8: no protection asked, none forced: fine (suite 0-2). */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 00 00 00 00"), 0);
	/* Another session: 80h, and the owner stays. */
	t.session_id = 0x2000;
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4b, "01 01"), 0);
	tb_assert_reply(&t, "00 10 00 00 01 00 00 00 00 00 00 00");
}
END_TEST

START_TEST(test_activate_sol_parameters)
{
	/* #2: Admin, forced encryption and authentication. */
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x21, "01 02 c4"), 0);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x48, "01 01 c0 00 00 00"),
	    IPMI_CC_INSUFFICIENT_PRIV);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x48, "01 01 40 00 00 00"), 0x84);
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x21, "01 02 44"), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 00 00 00 00"),
	    IPMI_CC_INVALID_DATA_FIELD);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00 00"), 0);
	/* #1 = 0 deactivates (R7), then activation is refused: 81h. */
	ck_assert_uint_eq(tb_call(&t, ADMN, TR, 0x21, "01 01 00"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4a, "01"), 0);
	tb_assert_reply(&t, "01 00 00");
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00 00"), 0x81);
}
END_TEST

START_TEST(test_deactivate)
{
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x49, "01 01 00 00 00 00"), 0x80);
	t.session_id = 0x2000;
	t.user_id = TB_USER_ID;
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x48, "01 01 c0 00 00 00"), 0);
	/* Another session at the SOL privilege (User) may end it. */
	t.session_id = 0x3000;
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x49, "01 01 00 00 00 00"), 0);
	tb_assert_reply(&t, "");
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x49, "01 01 00 00 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4b, "01 01"), 0);
	tb_assert_reply(&t, "00 00 00 00 01 00 00 00 00 00 00 00");
}
END_TEST

START_TEST(test_user_payload_access)
{
	/* 4Dh: exactly 4 bytes, SOL on by default. */
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x4d, "0e 04"), 0);
	tb_assert_reply(&t, "02 00 00 00");
	/* 4Ch takes Admin; disable SOL for user 4. */
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x4c, "0e 44 02 00 00 00"),
	    IPMI_CC_INSUFFICIENT_PRIV);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x4c, "0e 44 02 00 00 00"), 0);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x4d, "01 04"), 0);
	tb_assert_reply(&t, "00 00 00 00");
	t.user_id = TB_USER_ID;
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x48, "01 01 c0 00 00 00"), 0x81);
	t.user_id = 0;
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x4c, "0e 04 02 00 00 00"), 0);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x4d, "0e 04"), 0);
	tb_assert_reply(&t, "02 00 00 00");
	/* User 0, a wrong channel, operation 2: CCh. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x4d, "0e 00"), IPMI_CC_INVALID_DATA_FIELD);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x4d, "05 02"), IPMI_CC_INVALID_DATA_FIELD);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x4c, "0e 84 02 00 00 00"),
	    IPMI_CC_INVALID_DATA_FIELD);
}
END_TEST

START_TEST(test_access_removed_deactivates)
{
	t.user_id = TB_USER_ID;
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x48, "01 01 c0 00 00 00"), 0);
	t.user_id = 0;
	t.session_id = 0x2000;
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x4c, "0e 44 02 00 00 00"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4a, "01"), 0);
	tb_assert_reply(&t, "01 00 00");
}
END_TEST

START_TEST(test_channel_payloads)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4e, "0e"), 0);
	tb_assert_reply(&t, "03 00 3f 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4f, "0e 01"), 0);
	tb_assert_reply(&t, "10");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x4f, "0e 02"), 0x80);
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x4a, "00"), IPMI_CC_INVALID_DATA_FIELD);
	/* 55h: inactive 83h; active, but not supported: 80h. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x55, "01 01 00"), 0x83);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00 00"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x55, "01 01 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x55, "01 01 03"),
	    IPMI_CC_INVALID_DATA_FIELD);
}
END_TEST

START_TEST(test_sol_port_parameter)
{
	/* #8 is the port the BMC answers on, not 623. */
	ck_assert_uint_eq(tb_call(&t, USER, TR, 0x22, "0e 08 00 00"), 0);
	tb_assert_reply(&t, "11 34 12");
	bmc_set_port(t.bmc, 4242);
	ck_assert_uint_eq(tb_call(&t, USER, TR, 0x22, "0e 08 00 00"), 0);
	tb_assert_reply(&t, "11 92 10");
}
END_TEST

START_TEST(test_access_saved)
{
	struct tb	   u;
	struct config_diag d;
	char		  *text;
	size_t		   len;

	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x4c, "0e 43 02 00 00 00"), 0);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text, "payload_denied = 0x8\n"));
	memset(&d, 0, sizeof(d));
	tb_restart(&u, &t, text, len, &d);
	free(text);
	ck_assert_uint_eq(tb_call(&u, OPER, APP, 0x4d, "0e 03"), 0);
	tb_assert_reply(&u, "00 00 00 00");
	ck_assert_uint_eq(tb_call(&u, OPER, APP, 0x4d, "0e 02"), 0);
	tb_assert_reply(&u, "02 00 00 00");
	tb_free(&u);
}
END_TEST

static Suite *
payload_suite(void)
{
	Suite *s = suite_create("payload");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_activate_response);
	tcase_add_test(tc, test_activate_codes);
	tcase_add_test(tc, test_activate_sol_parameters);
	tcase_add_test(tc, test_deactivate);
	tcase_add_test(tc, test_user_payload_access);
	tcase_add_test(tc, test_access_removed_deactivates);
	tcase_add_test(tc, test_channel_payloads);
	tcase_add_test(tc, test_sol_port_parameter);
	tcase_add_test(tc, test_access_saved);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(payload_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
