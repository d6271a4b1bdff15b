/* Tests for src/model/sel.c: the SEL commands' bytes, events and state. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "err.h"
#include "ipmimsg.h"

#define ST   IPMI_NETFN_STORAGE
#define CH   IPMI_NETFN_CHASSIS
#define OPER IPMI_PRIV_OPERATOR
#define USER IPMI_PRIV_USER

/* 1700000000 (the tests' start), little-endian. */
#define START_LE "00 f1 53 65"

static struct tb t;

static void
setup(void)
{
	tb_init(&t);
}

static void
teardown(void)
{
	tb_free(&t);
}

static unsigned
sel_count(void)
{
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	return t.data[1] | t.data[2] << 8;
}

static uint16_t
reserve(void)
{
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x42, ""), 0x00);
	ck_assert_uint_eq(t.len, 2);
	return (uint16_t)(t.data[0] | t.data[1] << 8);
}

START_TEST(test_empty_info)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	/* 51h, no entries, 512 x 16 bytes free, no add or erase yet. */
	tb_assert_reply(&t, "51 00 00 00 20 00 00 00 00 00 00 00 00 0b");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x41, ""), 0x00);
	tb_assert_reply(&t, "00 02 10 00 00 02 00 02 01");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0xcb);
	/* Privileges (appendix G). */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, "00"), 0xc7);
}
END_TEST

START_TEST(test_add_get_stamped)
{
	tb_start(&t);
	t.now += 5000;
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	tb_assert_reply(&t, "01 00");
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc dd"),
	    0x00);
	tb_assert_reply(&t, "02 00");
	/* The system event got the SEL time (start + 5 s: 1700000005). */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "02 00 01 00 02 05 f1 53 65 41 00 04 01 07 01 52 04 06");
	/* A non-timestamped OEM record is kept as written. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 02 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc dd");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	tb_assert_reply(&t, "51 02 00 e0 1f 05 f1 53 65 00 00 00 00 0b");
}
END_TEST

START_TEST(test_partial_reads_and_reservations)
{
	uint16_t r;
	char	 hex[64];

	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	/* A partial read needs the reservation. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 01 00 05 04"), 0xc5);
	r = reserve();
	snprintf(hex, sizeof(hex), "%02x %02x 01 00 0a 06", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, hex), 0x00);
	tb_assert_reply(&t, "ff ff 01 07 01 52 04 06");
	/* Past the record's end: CAh; an offset outside it: C9h. */
	snprintf(hex, sizeof(hex), "%02x %02x 01 00 0a 07", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, hex), 0xca);
	snprintf(hex, sizeof(hex), "%02x %02x 01 00 10 ff", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, hex), 0xc9);
	/* A new reservation cancels the old one. */
	ck_assert_uint_ne(reserve(), r);
	snprintf(hex, sizeof(hex), "%02x %02x 01 00 0a 06", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, hex), 0xc5);
	/* Delete: needs one, cancels it. */
	r = reserve();
	snprintf(hex, sizeof(hex), "%02x %02x 01 00", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, "00 00 01 00"), 0xc5);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, hex), 0x00);
	tb_assert_reply(&t, "01 00");
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, hex), 0xc5);
	ck_assert_uint_eq(sel_count(), 0);
}
END_TEST

START_TEST(test_clear_logs_the_clear)
{
	uint16_t r;
	char	 hex[64];

	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	r = reserve();
	snprintf(hex, sizeof(hex), "%02x %02x 43 4c 52 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x47, "00 00 43 4c 52 aa"), 0xc5);
	snprintf(hex, sizeof(hex), "%02x %02x 43 4c 51 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, hex), 0xcc);
	snprintf(hex, sizeof(hex), "%02x %02x 43 4c 52 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, hex), 0x00);
	tb_assert_reply(&t, "01");
	/* One entry: Event Logging Disabled, "log area reset/cleared". */
	ck_assert_uint_eq(sel_count(), 1);
	ck_assert_uint_eq(t.data[9], 0x00); /* erase time: start */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 02 00 02 00 f1 53 65 20 00 04 10 ff 6f 02 ff ff");
}
END_TEST

START_TEST(test_history_from_the_model)
{
	struct model_sel_event *e = &t.model.sel.events[2];

	e->defined = 1;
	e->ago_s = 3600;
	e->generator = 0x20;
	e->sensor_type = 0x04;
	e->sensor_number = 0x10;
	e->event_type = 0x01;
	memcpy(e->data, "\x52\x04\x06", 3);
	e = &t.model.sel.events[1];
	e->defined = 1;
	e->ago_s = 60;
	e->generator = 0x20;
	e->sensor_type = 0x09;
	e->sensor_number = 0x25;
	e->event_type = 0x6f;
	memcpy(e->data, "\x00\xff\xff", 3);
	tb_start(&t);
	ck_assert_uint_eq(sel_count(), 2);
	/* Oldest first: an hour ago (1699996400 = 6553e2f0h). */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "02 00 01 00 02 f0 e2 53 65 20 00 04 04 10 01 52 04 06");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 02 00 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 02 00 02 c4 f0 53 65 20 00 04 09 25 6f 00 ff ff");
}
END_TEST

START_TEST(test_power_events)
{
	tb_start(&t);
	t.now += 1000;
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	ck_assert_uint_eq(sel_count(), 1);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	/* Power unit, "power off/down" asserted; no such sensor: FFh. */
	tb_assert_reply(
	    &t, "ff ff 01 00 02 01 f1 53 65 20 00 04 09 ff 6f 00 ff ff");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "01"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 0d 01"), 0xc5);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	ck_assert_uint_eq(t.data[14], 0xef); /* deasserted */
}
END_TEST

START_TEST(test_full_log)
{
	unsigned i;

	t.model.sel.capacity = 16;
	tb_start(&t);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(
		    tb_call(&t, OPER, ST, 0x44,
			"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
		    0x00);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0xc4);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 16);
	ck_assert_uint_eq(t.data[3] | t.data[4] << 8, 0);
	ck_assert_uint_eq(t.data[13], 0x8b); /* overflow */
	tb_free(&t);

	tb_init(&t);
	t.model.sel.capacity = 16;
	t.model.sel.overwrite = 1;
	tb_start(&t);
	for (i = 0; i < 17; i++)
		ck_assert_uint_eq(
		    tb_call(&t, OPER, ST, 0x44,
			"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
		    0x00);
	ck_assert_uint_eq(sel_count(), 16);
	/* The oldest (ID 1) went. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 02"), 0x00);
	tb_assert_reply(&t, "03 00 02 00");
}
END_TEST

START_TEST(test_time_and_utc_offset)
{
	tb_start(&t);
	t.now += 2000;
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x48, ""), 0x00);
	tb_assert_reply(&t, "02 f1 53 65");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x49, "00 00 00 60"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x49, "00 00 00 60"), 0x00);
	t.now += 3000;
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x48, ""), 0x00);
	tb_assert_reply(&t, "03 00 00 60");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x5c, ""), 0x00);
	tb_assert_reply(&t, "ff 07");
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "c4 ff"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x5c, ""), 0x00);
	tb_assert_reply(&t, "c4 ff"); /* -60 minutes */
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "00 06"), 0xc9);
}
END_TEST

START_TEST(test_saved_and_restored)
{
	struct config_diag d = {0};
	struct tb	   u;
	char		  *text;
	size_t		   len;

	t.model.sel.events[1].defined = 1;
	t.model.sel.events[1].ago_s = 10;
	memcpy(t.model.sel.events[1].data, "\x01\xff\xff", 3);
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "3c 00"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "[sel]"));

	tb_init(&u);
	u.now += 99000; /* later: the history must not come back */
	tb_start(&u);
	ck_assert_int_eq(bmc_state_load(u.bmc, text, len, "s", &d), 0);
	free(text);
	ck_assert_uint_eq(tb_call(&u, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(u.data[1], 2);
	ck_assert_uint_eq(
	    tb_call(&u, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(
	    &u, "ff ff 02 00 02 00 f1 53 65 41 00 04 01 07 01 52 04 06");
	ck_assert_uint_eq(tb_call(&u, USER, ST, 0x5c, ""), 0x00);
	tb_assert_reply(&u, "3c 00");
	/* New entries go on from the saved next ID. */
	ck_assert_uint_eq(
	    tb_call(&u, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	tb_assert_reply(&u, "03 00");
	tb_free(&u);
	config_diag_clear(&d);
}
END_TEST

/* A saved entry is read through the record codec: its ID, its type. */
START_TEST(test_saved_entries_decoded)
{
	static const char  text[] = "[sel]\n"
				    "entry = 05000200000000410004010701520406\n"
				    "entry = 06000100000000410004010701520406\n";
	struct config_diag d = {0};

	tb_start(&t);
	ck_assert_int_eq(
	    bmc_state_load(t.bmc, text, strlen(text), "s", &d), ERR_CONFIG);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.msgs[0], "s:3: entry: not a SEL record");
	ck_assert_uint_eq(sel_count(), 1);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 05 00 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 05 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06");
	config_diag_clear(&d);
}
END_TEST

/* What the model's history gives before the real time is known. */
START_TEST(test_history_before_real_time)
{
	struct model_sel_event *e = &t.model.sel.events[1];

	e->defined = 1;
	e->ago_s = 200;
	e->generator = 0x20;
	e->sensor_type = 0x09;
	e->event_type = 0x6f;
	memcpy(e->data, "\x00\xff\xff", 3);
	/* Seconds since the clock's start: 1000 - 200 = 320h. */
	t.wall_offset = 0;
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 07"), 0x00);
	tb_assert_reply(&t, "ff ff 01 00 02 20 03 00 00");
}
END_TEST

/* Additions cancel the reservation: a clear cannot lose an unseen event. */
START_TEST(test_addition_cancels_reservation)
{
	uint16_t r;
	char	 hex[64];

	tb_start(&t);
	r = reserve();
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	snprintf(hex, sizeof(hex), "%02x %02x 43 4c 52 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, hex), 0xc5);
	r = reserve();
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	snprintf(hex, sizeof(hex), "%02x %02x 43 4c 52 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, hex), 0xc5);
	/* Reservation IDs never repeat the cancelled one. */
	ck_assert_uint_ne(reserve(), r);
	ck_assert_uint_eq(sel_count(), 2);
}
END_TEST

START_TEST(test_record_types)
{
	tb_start(&t);
	/* Record types 00h-01h and 03h-BFh are not a SEL's. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 01 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x80);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 bf 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x80);
	/* Timestamped OEM (C0h-DFh) gets the time; E0h-FFh is kept. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 c1 00 00 00 00 57 01 00 aa bb cc dd ee ff"),
	    0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 01 00 c1 00 f1 53 65 57 01 00 aa bb cc dd ee ff");
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc dd"),
	    0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 02 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc dd");
	ck_assert_uint_eq(sel_count(), 2);
}
END_TEST

/* Set BMC Global Enables bit 3 off: the BMC's events are not logged. */
START_TEST(test_logging_disabled)
{
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_ADMIN, IPMI_NETFN_APP, 0x2e, "05"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	ck_assert_uint_eq(sel_count(), 0);
	/* Entries added over IPMI still are. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x44,
		"00 00 02 00 00 00 00 41 00 04 01 07 01 52 04 06"),
	    0x00);
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_ADMIN, IPMI_NETFN_APP, 0x2e, "0d"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "01"), 0x00);
	ck_assert_uint_eq(sel_count(), 2);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(
	    &t, "ff ff 02 00 02 00 f1 53 65 20 00 04 09 ff ef 00 ff ff");
}
END_TEST

static Suite *
sel_suite(void)
{
	Suite *s = suite_create("sel");
	TCase *tc = tcase_create("sel");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty_info);
	tcase_add_test(tc, test_add_get_stamped);
	tcase_add_test(tc, test_partial_reads_and_reservations);
	tcase_add_test(tc, test_clear_logs_the_clear);
	tcase_add_test(tc, test_history_from_the_model);
	tcase_add_test(tc, test_power_events);
	tcase_add_test(tc, test_full_log);
	tcase_add_test(tc, test_time_and_utc_offset);
	tcase_add_test(tc, test_saved_and_restored);
	tcase_add_test(tc, test_history_before_real_time);
	tcase_add_test(tc, test_addition_cancels_reservation);
	tcase_add_test(tc, test_record_types);
	tcase_add_test(tc, test_logging_disabled);
	tcase_add_test(tc, test_saved_entries_decoded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sel_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
