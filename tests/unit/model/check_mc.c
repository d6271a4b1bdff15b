/*
 * Tests for src/model/mc.c: Device ID, GUIDs, self test, resets, ACPI
 * power state and session info, request bytes in, reply bytes out.
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

START_TEST(test_get_device_id)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x01, ""), 0x00);
	tb_assert_reply(&t, "20 81 01 00 02 bf 4a 23 01 0c 0b");
	tb_free(&t);
	t.model.identity.has_aux_firmware = 1;
	memcpy(t.model.identity.aux_firmware, "\x01\x02\x03\x04", 4);
	t.model.identity.fw_minor_bcd = 0x42;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x01, ""), 0x00);
	tb_assert_reply(&t, "20 81 01 42 02 bf 4a 23 01 0c 0b 01 02 03 04");
}
END_TEST

START_TEST(test_guids_self_test)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x08, ""), 0x00);
	tb_assert_reply(&t, "d0 d1 d2 d3 d4 d5 d6 d7 d8 d9 da db dc dd de df");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x37, ""), 0x00);
	tb_assert_reply(&t, "50 51 52 53 54 55 56 57 58 59 5a 5b 5c 5d 5e 5f");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x04, ""), 0x00);
	tb_assert_reply(&t, "55 00");
}
END_TEST

START_TEST(test_resets)
{
	/* A cold reset brings the volatile channel access back. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 b3 83"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x03, ""), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "33 03");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x02, ""), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "22 04");
	ck_assert_uint_eq(t.channel_changes, 2);
}
END_TEST

START_TEST(test_acpi_power_state)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "00 00");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "84 83"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "04 03");
	/* 7Fh and a clear bit 7 change nothing. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "ff 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "04 03");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "8b 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "00 84"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "82 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "02 03");
	/* Power follows the ACPI state only the other way round. */
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(
	    tb_call(&t, ADMIN, IPMI_NETFN_CHASSIS, 0x02, "00"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "05 03");
}
END_TEST

START_TEST(test_session_info)
{
	struct model_session_info *s = &t.sessions[0];

	s->handle = 1;
	s->user_id = 2;
	s->privilege = 4;
	s->channel = 1;
	s->peer_family = 4;
	memcpy(s->peer_addr, "\x7f\x00\x00\x01", 4);
	s->peer_port = 0x1234;
	t.sessions[1] = *s;
	t.sessions[1].handle = 7;
	t.sessions[1].user_id = 4;
	t.sessions[1].privilege = 2;
	t.sessions[1].ipmi15 = 1;
	t.nsessions = 2;

	/* 0: the requester's own session (handle 1). */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "00"), 0x00);
	tb_assert_reply(&t,
	    "01 0f 02 02 04 11 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "02"), 0x00);
	tb_assert_reply(&t,
	    "07 0f 02 04 02 01 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "fe 07"), 0x00);
	tb_assert_reply(&t,
	    "07 0f 02 04 02 01 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "ff 00 10 00 00"), 0x00);
	tb_assert_reply(&t,
	    "01 0f 02 02 04 11 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	/* No session at this index: the first three bytes only. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "03"), 0x00);
	tb_assert_reply(&t, "00 0f 02");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "fe 09"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "ff 00 20 00 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "fe"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "01 02"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "40"), 0xcc);
}
END_TEST

static Suite *
mc_suite(void)
{
	Suite *s = suite_create("mc");
	TCase *tc = tcase_create("mc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get_device_id);
	tcase_add_test(tc, test_guids_self_test);
	tcase_add_test(tc, test_resets);
	tcase_add_test(tc, test_acpi_power_state);
	tcase_add_test(tc, test_session_info);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(mc_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
