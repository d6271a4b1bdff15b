/*
 * Chassis commands: power that really changes, with time passing through
 * bmc_tick(), identify, restore policy, restart cause, boot options as
 * ipmitool ("chassis bootdev pxe", "chassis bootparam get 5") and pyghmi
 * (get_bootdev, set_bootdev) use them, and the POH counter.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "err.h"

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

static void
advance(uint64_t ms)
{
	t.now += ms;
	bmc_tick(t.bmc, t.now);
}

START_TEST(test_capabilities_and_status)
{
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x00, ""), 0x00);
	tb_assert_reply(&t, "0c 20 20 20 20");
	/* On, restore policy "previous", identify supported and off. */
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 00 40");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "07 00");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	ck_assert_str_eq(bmc_name(t.bmc), "test");
}
END_TEST

START_TEST(test_power_down_up)
{
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x02, "00"), 0xd4);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	ck_assert_str_eq(tb_last_log, "test: power off (Chassis Control)");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "20 00 40");
	/* Off already: still fine, nothing happens. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);

	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "01"), 0x00);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_str_eq(tb_last_log, "test: power on (Chassis Control)");
	/* Byte 2 bit 4: "power on" came from an IPMI command. */
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 10 40");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "01 01");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "06"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, ""), 0xc7);
}
END_TEST

START_TEST(test_power_cycle_through_tick)
{
	uint64_t start = t.now;

	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "02"), 0x00);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), start + 1000);
	advance(999);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	advance(1);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_str_eq(tb_last_log, "test: power on (power cycle)");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 10 40");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "01 01");

	/* The model's interval; a power up during the off half wins. */
	tb_free(&t);
	t.model.chassis.power_cycle_interval_ms = 5000;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "02"), 0x00);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 5000);
	advance(100);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "01"), 0x00);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);

	/* With the power off: D5h for cycle, reset and diagnostic pulse. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "02"), 0xd5);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "03"), 0xd5);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "04"), 0xd5);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
}
END_TEST

START_TEST(test_reset_diag_soft_off)
{
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "03"), 0x00);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_str_eq(tb_last_log, "test: hard reset (Chassis Control)");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "01 01");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "04"), 0x00);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);

	/* Soft off: the simulated OS takes soft_off_delay_ms. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "05"), 0x00);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 1000);
	advance(1000);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	ck_assert_str_eq(tb_last_log, "test: power off (soft shutdown)");
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_USER, IPMI_NETFN_APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "05 03");
}
END_TEST

START_TEST(test_identify)
{
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x04, "05"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x04, "05"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 00 50");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 5000);
	advance(4999);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 00 50");
	advance(1);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 00 40");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);

	/* Force on: no deadline.  Interval 0: off. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x04, "00 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 00 60");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x04, "00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 00 40");
	/* No data: the model's default, 15 s. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x04, ""), 0x00);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 15000);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x04, "00 00 00"), 0xc7);
}
END_TEST

START_TEST(test_power_restore_policy)
{
	uint64_t gen = bmc_state_generation(t.bmc);

	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x06, "03"), 0x00);
	tb_assert_reply(&t, "07");
	ck_assert_uint_eq(bmc_state_generation(t.bmc), gen);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x06, "02"), 0x00);
	tb_assert_reply(&t, "07");
	ck_assert_uint_gt(bmc_state_generation(t.bmc), gen);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "41 00 40");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x06, "00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "01 00 40");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x06, "04"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x06, "02"), 0xd4);
}
END_TEST

/* What "ipmitool chassis bootdev pxe" sends, in order. */
static void
ipmitool_bootdev_pxe(void)
{
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "04 01 01"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "05 80 04 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 02"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 00"), 0x00);
}

START_TEST(test_bootdev_pxe_one_time)
{
	ipmitool_bootdev_pxe();
	ck_assert_str_eq(tb_last_log,
	    "test: boot device PXE (next boot, "
	    "legacy)");
	/* "ipmitool chassis bootparam get 5", pyghmi get_bootdev. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 80 04 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "04 00 00"), 0x00);
	tb_assert_reply(&t, "01 04 00 01");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "00 00 00"), 0x00);
	tb_assert_reply(&t, "01 00 00");

	/* The power cycle boots from PXE once; the valid bit clears. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "02"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 80 04 00 00 00");
	advance(1000);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 00 04 00 00 00");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
}
END_TEST

START_TEST(test_bootdev_persistent_kept)
{
	/* pyghmi set_bootdev('network', persist=True, uefiboot=True). */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "05 e0 04 00 00 00"), 0x00);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "02"), 0x00);
	advance(1000);
	advance(120000);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 e0 04 00 00 00");
	/* A one-time flag is used by a hard reset too. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "05 80 18 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 00 18 00 00 00");
	/* And by a power on. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "05 80 14 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 00 14 00 00 00");
}
END_TEST

START_TEST(test_boot_valid_timeout)
{
	uint64_t set_at = t.now;

	ipmitool_bootdev_pxe();
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), set_at + 60000);
	/* A Chassis Control restarts the countdown. */
	advance(30000);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "04"), 0x00);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 60000);
	advance(59999);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 80 04 00 00 00");
	advance(1);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 00 04 00 00 00");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);

	/* Parameter 3 bit 3 (pyghmi sets it): no timeout. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "03 08"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "03 00 00"), 0x00);
	tb_assert_reply(&t, "01 03 08");
	ipmitool_bootdev_pxe();
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	advance(600000);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 80 04 00 00 00");
}
END_TEST

START_TEST(test_boot_parameters)
{
	/* 0: set in progress twice is 81h. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "00 00 00"), 0x00);
	tb_assert_reply(&t, "01 00 01");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 01"), 0x81);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 03"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "00 00"), 0x00);
	/* 1, 2. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "01 42"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "01 00 00"), 0x00);
	tb_assert_reply(&t, "01 01 42");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "02 03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "02 00 00"), 0x00);
	tb_assert_reply(&t, "01 02 03");
	/* 4: byte 1 masks byte 2. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "04 03 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "04 02 ff"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "04 00 00"), 0x00);
	tb_assert_reply(&t, "01 04 00 03");
	/* 6: initiator info, 9 bytes. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "06 01 11 22 33 44 55 66 77 88"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "06 00 00"), 0x00);
	tb_assert_reply(&t, "01 06 01 11 22 33 44 55 66 77 88");
	/* 7: mailbox blocks 0..4. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "07 00 f2 1b 00 41"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "07 00 00"), 0x00);
	tb_assert_reply(&t,
	    "01 07 00 f2 1b 00 41 00 00 00 00 00 00 00 00 00 "
	    "00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08,
			      "07 04 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e "
			      "0f 10"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "07 04 00"), 0x00);
	tb_assert_reply(&t,
	    "01 07 04 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d "
	    "0e 0f 10");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "07 05 01"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "07 05 00"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "07 01"), 0xc7);
	/* Unsupported parameters: 80h; wrong lengths: C7h. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "08 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "08 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "64 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "05 80 04 00 00"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "03"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x09, "05 00 00"), 0xd4);
	/* Byte 1 bit 7 marks a parameter invalid; Get says so. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "81 07"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "01 00 00"), 0x00);
	tb_assert_reply(&t, "01 81 07");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "01 07"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "01 00 00"), 0x00);
	tb_assert_reply(&t, "01 01 07");
}
END_TEST

START_TEST(test_poh_counter)
{
	tb_free(&t);
	t.model.chassis.poh_hours = 100;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x0f, ""), 0x00);
	tb_assert_reply(&t, "3c 64 00 00 00");
	advance(2 * 3600000 + 1000);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x0f, ""), 0x00);
	tb_assert_reply(&t, "3c 66 00 00 00");
	/* Off: the counter stops. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	advance(5 * 3600000);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x0f, ""), 0x00);
	tb_assert_reply(&t, "3c 66 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "01"), 0x00);
	advance(3600000 - 1000);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x0f, ""), 0x00);
	tb_assert_reply(&t, "3c 67 00 00 00");
}
END_TEST

START_TEST(test_cold_start_off)
{
	tb_free(&t);
	t.model.chassis.power_on = 0;
	t.model.chassis.restore_policy = MODEL_RESTORE_ALWAYS_OFF;
	tb_start(&t);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "00 00 40");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "00 00");
}
END_TEST

/* [chassis] and [boot]: saved as they are, and back from the text. */
START_TEST(test_state_round_trip)
{
	static const char  bad[] = "[boot]\nvalid_bit_clearing = 32\n";
	struct tb	   b;
	struct config_diag diag = {0};
	char		  *sec, *text;
	size_t		   len;

	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x06, "01"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, CH, 0x08, "05 e0 04 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x08, "03 1f"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	sec = tb_state_section(t.bmc, "[chassis]");
	ck_assert_str_eq(
	    sec, "[chassis]\npower = off\nrestore_policy = previous\n");
	free(sec);
	sec = tb_state_section(t.bmc, "[boot]");
	ck_assert_str_eq(
	    sec, "[boot]\nvalid_bit_clearing = 31\nflags = e004000000\n");
	free(sec);

	text = bmc_state_save(t.bmc, &len);
	ck_assert_int_eq(tb_state_load_fresh(&b, text, &diag), 0);
	free(text);
	ck_assert_uint_eq(diag.n, 0);
	/* "previous", saved off: the fresh BMC (model: on) is off. */
	ck_assert_int_eq(bmc_power_is_on(b.bmc), 0);
	ck_assert_uint_eq(tb_call(&b, OPER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&b, "20 00 40");
	ck_assert_uint_eq(tb_call(&b, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&b, "01 05 e0 04 00 00 00");
	ck_assert_uint_eq(tb_call(&b, OPER, CH, 0x09, "03 00 00"), 0x00);
	tb_assert_reply(&b, "01 03 1f");
	tb_free(&b);

	ck_assert_int_eq(tb_state_load_fresh(&b, bad, &diag), ERR_CONFIG);
	ck_assert_uint_eq(diag.n, 1);
	ck_assert_str_eq(diag.msgs[0], "s:2: valid_bit_clearing must be 0..31");
	config_diag_clear(&diag);
	tb_free(&b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("bmc_chassis");
	TCase	*tc = tcase_create("chassis");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_capabilities_and_status);
	tcase_add_test(tc, test_power_down_up);
	tcase_add_test(tc, test_power_cycle_through_tick);
	tcase_add_test(tc, test_reset_diag_soft_off);
	tcase_add_test(tc, test_identify);
	tcase_add_test(tc, test_power_restore_policy);
	tcase_add_test(tc, test_bootdev_pxe_one_time);
	tcase_add_test(tc, test_bootdev_persistent_kept);
	tcase_add_test(tc, test_boot_valid_timeout);
	tcase_add_test(tc, test_boot_parameters);
	tcase_add_test(tc, test_poh_counter);
	tcase_add_test(tc, test_cold_start_off);
	tcase_add_test(tc, test_state_round_trip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
