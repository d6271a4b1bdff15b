/* Tests for src/model/watchdog.c: the countdown, expiry actions, events. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "ipmimsg.h"

#define APP  IPMI_NETFN_APP
#define ST   IPMI_NETFN_STORAGE
#define CH   IPMI_NETFN_CHASSIS
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

/* Runs the BMC's timers up to t.now. */
static void
run_until(uint64_t until)
{
	uint64_t d;

	while ((d = bmc_next_deadline(t.bmc)) <= until) {
		t.now = d;
		bmc_tick(t.bmc, d);
	}
	t.now = until;
}

static unsigned
sel_count(void)
{
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	return t.data[1];
}

START_TEST(test_get_set_reset)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	tb_assert_reply(&t, "00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x22, ""), 0x80);
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x24, "04 01 00 00 64 00"), 0xd4);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 01 00 00 64 00"), 0x00);
	/* Set, not started: present = initial. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	tb_assert_reply(&t, "04 01 00 00 64 00 64 00");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x22, ""), 0x00);
	t.now += 2500;
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	tb_assert_reply(&t, "44 01 00 00 64 00 4b 00"); /* running, 7.5 s */
	/* Bad uses, actions, a pre-timeout past the countdown. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "00 01 00 00 64 00"), 0xcc);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 04 00 00 64 00"), 0xcc);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 11 0b 00 64 00"), 0xcc);
	/* Set without "don't stop" stops it. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 01 00 00 32 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	tb_assert_reply(&t, "04 01 00 00 32 00 32 00");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
}
END_TEST

START_TEST(test_power_down_with_pretimeout)
{
	uint64_t start = t.now;

	/* SMS/OS, NMI 2 s before, power down after 5 s. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 22 02 00 32 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x22, ""), 0x00);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), start + 3000);
	run_until(start + 3000);
	ck_assert_uint_eq(sel_count(), 1);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 0a 06"), 0xc5);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	/* Watchdog 2, no sensor (FFh), timer interrupt, NMI and SMS/OS. */
	ck_assert_mem_eq(t.data + 11, "\x04\x23\xff\x6f\xc8\x24\xff", 7);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x31, ""), 0x00);
	tb_assert_reply(&t, "08");
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	run_until(start + 5000);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	/* The power down entry, then the power unit's. */
	ck_assert_uint_eq(sel_count(), 3);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 02 00 00 ff"), 0x00);
	ck_assert_mem_eq(t.data + 11, "\x04\x23\xff\x6f\xc2\x24\xff", 7);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	tb_assert_reply(&t, "04 22 02 10 32 00 00 00");
	/* The flag clears on Set. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 00 00 10 32 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	ck_assert_uint_eq(t.data[3], 0x00);
}
END_TEST

START_TEST(test_power_cycle_and_hard_reset)
{
	uint64_t start = t.now;

	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "03 03 00 00 0a 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x22, ""), 0x00);
	run_until(start + 1000);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	run_until(start + 1000 + t.model.chassis.power_cycle_interval_ms);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	ck_assert_uint_eq(t.data[0] & 0x0f, 0x04); /* watchdog */
	/* A hard reset, not logged. */
	start = t.now;
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "84 01 00 00 0a 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x22, ""), 0x00);
	unsigned before = sel_count();
	run_until(start + 1000);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(sel_count(), before);
}
END_TEST

START_TEST(test_host_off_stops_it)
{
	uint64_t start = t.now;

	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x24, "04 01 00 00 0a 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x22, ""), 0x00);
	run_until(start + 2000);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x25, ""), 0x00);
	ck_assert_uint_eq(t.data[0], 0x04); /* stopped */
	ck_assert_uint_eq(t.data[3], 0x00); /* no expiration flag */
}
END_TEST

static Suite *
watchdog_suite(void)
{
	Suite *s = suite_create("watchdog");
	TCase *tc = tcase_create("watchdog");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get_set_reset);
	tcase_add_test(tc, test_power_down_with_pretimeout);
	tcase_add_test(tc, test_power_cycle_and_hard_reset);
	tcase_add_test(tc, test_host_off_stops_it);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(watchdog_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
