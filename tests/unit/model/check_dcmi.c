/* Tests for src/model/dcmi.c: every DCMI command's bytes and state. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "err.h"
#include "ipmimsg.h"

#define DC   IPMI_NETFN_GROUP
#define ADMN IPMI_PRIV_ADMIN
#define OPER IPMI_PRIV_OPERATOR
#define USER IPMI_PRIV_USER

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

START_TEST(test_capabilities)
{
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dc 01"), 0x00);
	tb_assert_reply(&t, "dc 01 05 02 00 01 09");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dc 02"), 0x00);
	tb_assert_reply(&t, "dc 01 05 02 00 02 05 07 01");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dc 03"), 0x00);
	tb_assert_reply(&t, "dc 01 05 02 40 01");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dc 04"), 0x00);
	tb_assert_reply(&t, "dc 01 05 02 01 ff ff");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dc 06"), 0xc9);
	/* The group extension ID is checked. */
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dd 01"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x01, "dc"), 0xc7);
}
END_TEST

START_TEST(test_power_reading_follows_power)
{
	unsigned on_w, off_w;

	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x02, "dc 01 00 00"), 0x00);
	ck_assert_uint_eq(t.len, 18);
	ck_assert_uint_eq(t.data[0], 0xdc);
	on_w = t.data[1] | t.data[2] << 8;
	ck_assert_uint_ge(on_w, 130);
	ck_assert_uint_le(on_w, 200);
	/* min <= current <= max, average between them, 60 s period, active. */
	ck_assert_uint_le(t.data[3] | t.data[4] << 8, on_w);
	ck_assert_uint_ge(t.data[5] | t.data[6] << 8, on_w);
	ck_assert_uint_eq(
	    t.data[13] | t.data[14] << 8 | t.data[15] << 16, 60000);
	ck_assert_uint_eq(t.data[17], 0x40);
	/* Chassis power down: standby power. */
	ck_assert_uint_eq(tb_call(&t, OPER, IPMI_NETFN_CHASSIS, 0x02, "00"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x02, "dc 01 00 00"), 0x00);
	off_w = t.data[1] | t.data[2] << 8;
	ck_assert_uint_eq(off_w, 11);
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x02, "dc 02 00 00"), 0xcc);
}
END_TEST

START_TEST(test_power_limit)
{
	/* None active: 80h, with the values a console reads back. */
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x03, "dc 00 00"), 0x80);
	tb_assert_reply(&t, "dc 00 00 00 00 00 70 17 00 00 00 00 01 00");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x04,
			      "dc 00 00 00 01 c2 01 70 17 00 00 00 00 05 00"),
	    0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x04,
			      "dc 00 00 00 01 c2 01 70 17 00 00 00 00 05 00"),
	    0x00);
	tb_assert_reply(&t, "dc");
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x05, "dc 01 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x03, "dc 00 00"), 0x00);
	tb_assert_reply(&t, "dc 00 00 01 c2 01 70 17 00 00 00 00 05 00");
	/* Out of range: the DCMI codes. */
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x04,
			      "dc 00 00 00 00 05 00 70 17 00 00 00 00 05 00"),
	    0x84);
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x04,
			      "dc 00 00 00 00 c2 01 05 00 00 00 00 00 05 00"),
	    0x85);
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x04,
			      "dc 00 00 00 00 c2 01 70 17 00 00 00 00 00 00"),
	    0x89);
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x05, "dc 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x03, "dc 00 00"), 0x80);
}
END_TEST

START_TEST(test_asset_tag_and_mc_id)
{
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x06, "dc 00 10"), 0x00);
	tb_assert_reply(&t, "dc 00");
	/* "RACK7-U12", then read back in two pieces. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, DC, 0x08, "dc 00 09 52 41 43 4b 37 2d 55 31 32"),
	    0x00);
	tb_assert_reply(&t, "dc 09");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x06, "dc 00 04"), 0x00);
	tb_assert_reply(&t, "dc 09 52 41 43 4b");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x06, "dc 04 10"), 0x00);
	tb_assert_reply(&t, "dc 09 37 2d 55 31 32");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x06, "dc 00 11"), 0xc9);
	/* The MC ID string starts as the BMC's name; NUL ends a new one. */
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x09, "dc 00 10"), 0x00);
	tb_assert_reply(&t, "dc 04 74 65 73 74");
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, DC, 0x0a, "dc 00 04 6e 6f 64 00"), 0x00);
	tb_assert_reply(&t, "dc 03");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x09, "dc 00 10"), 0x00);
	tb_assert_reply(&t, "dc 03 6e 6f 64");
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x0a, "dc 00 01 41"), 0xd4);
}
END_TEST

START_TEST(test_temperatures)
{
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x10, "dc 01 40 00 00"), 0x00);
	tb_assert_reply(&t, "dc 01 01 17 01");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x10, "dc 01 41 00 00"), 0x00);
	tb_assert_reply(&t, "dc 02 02 30 01 2e 02");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x10, "dc 01 41 02 00"), 0x00);
	tb_assert_reply(&t, "dc 02 01 2e 02");
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x10, "dc 01 41 03 00"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, USER, DC, 0x10, "dc 01 99 00 00"), 0xcc);
}
END_TEST

START_TEST(test_state_round_trip)
{
	struct tb u;
	char	 *text;
	size_t	  len;

	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x04,
			      "dc 00 00 00 01 c2 01 70 17 00 00 00 00 05 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, DC, 0x05, "dc 01 00 00"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, DC, 0x08, "dc 00 03 41 42 43"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, DC, 0x12, "dc 03 00 09"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text, "[dcmi]\nlimit_active = 1\n"));
	tb_init(&u);
	tb_start(&u);
	ck_assert_int_eq(bmc_state_load(u.bmc, text, len, "s", NULL), 0);
	ck_assert_uint_eq(tb_call(&u, USER, DC, 0x03, "dc 00 00"), 0x00);
	tb_assert_reply(&u, "dc 00 00 01 c2 01 70 17 00 00 00 00 05 00");
	ck_assert_uint_eq(tb_call(&u, USER, DC, 0x06, "dc 00 10"), 0x00);
	tb_assert_reply(&u, "dc 03 41 42 43");
	ck_assert_uint_eq(tb_call(&u, USER, DC, 0x13, "dc 03 00"), 0x00);
	tb_assert_reply(&u, "dc 01 05 01 09");
	free(text);
	tb_free(&u);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("dcmi");
	TCase	*tc = tcase_create("dcmi");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_capabilities);
	tcase_add_test(tc, test_power_reading_follows_power);
	tcase_add_test(tc, test_power_limit);
	tcase_add_test(tc, test_asset_tag_and_mc_id);
	tcase_add_test(tc, test_temperatures);
	tcase_add_test(tc, test_state_round_trip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
