/* Tests for src/model/sel.c: the SEL commands' bytes and the log's state. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "err.h"
#include "ipmimsg.h"

#define ST   IPMI_NETFN_STORAGE
#define ADMN IPMI_PRIV_ADMIN
#define OPER IPMI_PRIV_OPERATOR
#define USER IPMI_PRIV_USER

/* TB_WALL_START_MS in seconds, 1700000000 = 6553F100h, LS byte first. */
#define START_TS "00 f1 53 65"

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

/* Two history events: 200 s and 100 s before the start. */
static void
model_history(struct model *m)
{
	struct model_sel_event *e = &m->sel.events[1];

	e->defined = 1;
	e->ago_s = 100;
	e->generator = 0x20;
	e->sensor_type = 0x09;
	e->sensor_number = 0x25;
	e->event_type = 0x6f;
	e->data[0] = 0x00;
	e->data[1] = 0xff;
	e->data[2] = 0xff;
	e = &m->sel.events[3];
	e->defined = 1;
	e->ago_s = 200;
	e->generator = 0x20;
	e->sensor_type = 0x04;
	e->sensor_number = 0x10;
	e->event_type = 0x01;
	e->data[0] = 0x52;
	e->data[1] = 0x04;
	e->data[2] = 0x06;
}

static uint16_t
reserve(struct tb *u)
{
	ck_assert_uint_eq(tb_call(u, USER, ST, 0x42, ""), 0x00);
	ck_assert_uint_eq(u->len, 2);
	return (uint16_t)(u->data[0] | u->data[1] << 8);
}

START_TEST(test_empty)
{
	tb_start(&t);
	/* Version 51h, no entries, 512 * 16 bytes free, never added or
	 * erased, delete/reserve/allocation info supported. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	tb_assert_reply(&t, "51 00 00 00 20 ff ff ff ff ff ff ff ff 0b");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x41, ""), 0x00);
	tb_assert_reply(&t, "00 02 10 00 00 02 00 02 01");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0xcb);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0xcb);
	/* Partial Add is not implemented: the command is unknown. */
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x45, "00 00"), 0xc1);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, "00"), 0xc7);
}
END_TEST

START_TEST(test_history)
{
	model_history(&t.model);
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	/* Two entries; the history is no "addition". */
	tb_assert_reply(&t, "51 02 00 e0 1f ff ff ff ff ff ff ff ff 0b");
	/* Oldest first: 1700000000 - 200 = 6553F038h. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "02 00 01 00 02 38 f0 53 65 20 00 04 04 10 01 52 "
	    "04 06");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 02 00 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "ff ff 02 00 02 9c f0 53 65 20 00 04 09 25 6f 00 "
	    "ff ff");
	/* FFFFh is the last one. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	ck_assert_uint_eq(t.data[2], 0x02);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 03 00 00 ff"), 0xcb);
}
END_TEST

START_TEST(test_history_before_real_time)
{
	/* Real time unknown: seconds since the start, 1000 s at creation. */
	model_history(&t.model);
	t.wall_offset = 0;
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 07"), 0x00);
	tb_assert_reply(&t, "02 00 01 00 02 20 03 00 00");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 07"), 0x00);
	tb_assert_reply(&t, "ff ff 02 00 02 84 03 00 00");
}
END_TEST

START_TEST(test_partial_read)
{
	uint16_t r;
	char	 req[64];

	model_history(&t.model);
	tb_start(&t);
	/* Offset 0: no reservation needed; any other offset: the valid one. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 01 00 00 03"), 0x00);
	tb_assert_reply(&t, "02 00 01 00 02");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 01 00 0a 03"), 0xc5);
	r = reserve(&t);
	snprintf(req, sizeof(req), "%02x %02x 01 00 0a ff", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, req), 0x00);
	tb_assert_reply(&t, "02 00 04 10 01 52 04 06");
	snprintf(req, sizeof(req), "%02x %02x 01 00 0a 07", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, req), 0xca);
	snprintf(req, sizeof(req), "%02x %02x 01 00 10 01", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, req), 0xc9);
	/* A new reservation cancels the old one. */
	ck_assert_uint_ne(reserve(&t), r);
	snprintf(req, sizeof(req), "%02x %02x 01 00 0a ff", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, req), 0xc5);
}
END_TEST

START_TEST(test_add_delete)
{
	uint16_t r;
	char	 req[64];

	tb_start(&t);
	t.now += 7000;
	/* Operator privilege; the BMC sets the ID and the timestamp. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0x00);
	tb_assert_reply(&t, "01 00");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 01 00 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "ff ff 01 00 02 07 f1 53 65 41 00 04 05 07 6f 00 "
	    "ff ff");
	/* A non-timestamped OEM record is kept as it is. */
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc "
			      "dd"),
	    0x00);
	tb_assert_reply(&t, "02 00");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 02 00 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "ff ff 02 00 e0 11 22 33 44 55 66 77 88 99 aa bb "
	    "cc dd");
	/* Record type 01h is not one a SEL takes. */
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 01 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0x80);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	tb_assert_reply(&t, "51 02 00 e0 1f 07 f1 53 65 ff ff ff ff 0b");

	/* Delete needs the reservation; an addition cancelled it. */
	r = reserve(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 01 ff "
			      "ff"),
	    0x00);
	snprintf(req, sizeof(req), "%02x %02x 01 00", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, req), 0xc5);
	r = reserve(&t);
	snprintf(req, sizeof(req), "%02x %02x 01 00", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, req), 0x00);
	tb_assert_reply(&t, "01 00");
	/* Deleted: gone, and the reservation with it. */
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, req), 0xc5);
	r = reserve(&t);
	snprintf(req, sizeof(req), "%02x %02x 01 00", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, req), 0xcb);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 04"), 0x00);
	tb_assert_reply(&t, "03 00 02 00 e0 11");
	/* FFFFh: the last. */
	snprintf(req, sizeof(req), "%02x %02x ff ff", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x46, req), 0x00);
	tb_assert_reply(&t, "03 00");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 1);
	/* Erase time: the deletion's. */
	ck_assert_uint_eq(t.data[9], 0x07);
}
END_TEST

START_TEST(test_clear)
{
	uint16_t r;
	char	 req[64];

	model_history(&t.model);
	tb_start(&t);
	t.now += 3000;
	ck_assert_uint_eq(
	    tb_call(&t, OPER, ST, 0x47, "00 00 43 4c 52 aa"), 0xc5);
	r = reserve(&t);
	snprintf(req, sizeof(req), "%02x %02x 43 4c 58 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, req), 0xcc);
	snprintf(req, sizeof(req), "%02x %02x 43 4c 52 aa", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x47, req), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, req), 0x00);
	tb_assert_reply(&t, "01");
	/* Status, with a new reservation: erased. */
	r = reserve(&t);
	snprintf(req, sizeof(req), "%02x %02x 43 4c 52 00", r & 0xff, r >> 8);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x47, req), 0x00);
	tb_assert_reply(&t, "01");
	/* One entry left: "log area reset/cleared", added and erased now. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	tb_assert_reply(&t, "51 01 00 f0 1f 03 f1 53 65 03 f1 53 65 0b");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 ff"), 0x00);
	/* New IDs go on after the history's. */
	tb_assert_reply(&t,
	    "ff ff 03 00 02 03 f1 53 65 20 00 04 10 ff 6f 02 "
	    "ff ff");
}
END_TEST

START_TEST(test_full_stops)
{
	unsigned i;

	t.model.sel.capacity = 16;
	tb_start(&t);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
				      "00 00 02 00 00 00 00 41 00 04 05 07 "
				      "6f 00 ff ff"),
		    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0xc4);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 16);
	ck_assert_uint_eq(t.data[3] | t.data[4] << 8, 0);
	ck_assert_uint_eq(t.data[13], 0x8b); /* overflow */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 02"), 0x00);
	tb_assert_reply(&t, "02 00 01 00");
}
END_TEST

START_TEST(test_full_overwrites)
{
	unsigned i;

	t.model.sel.capacity = 16;
	t.model.sel.overwrite = 1;
	tb_start(&t);
	for (i = 0; i < 18; i++)
		ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
				      "00 00 02 00 00 00 00 41 00 04 05 07 "
				      "6f 00 ff ff"),
		    0x00);
	tb_assert_reply(&t, "12 00");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 16);
	ck_assert_uint_eq(t.data[13], 0x8b);
	/* The oldest two went. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 00 00 00 02"), 0x00);
	tb_assert_reply(&t, "04 00 03 00");
}
END_TEST

START_TEST(test_power_event)
{
	tb_start(&t);
	t.now += 2000;
	/* Chassis power down: "Power off/down" asserted on the power unit. */
	ck_assert_uint_eq(tb_call(&t, OPER, IPMI_NETFN_CHASSIS, 0x02, "00"), 0);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "ff ff 01 00 02 02 f1 53 65 20 00 04 09 ff 6f 00 "
	    "ff ff");
	/* With system event logging disabled, nothing is logged. */
	ck_assert_uint_eq(tb_call(&t, ADMN, IPMI_NETFN_APP, 0x2e, "05"), 0);
	ck_assert_uint_eq(tb_call(&t, OPER, IPMI_NETFN_CHASSIS, 0x02, "01"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 1);
	ck_assert_uint_eq(tb_call(&t, ADMN, IPMI_NETFN_APP, 0x2e, "0d"), 0);
	ck_assert_uint_eq(tb_call(&t, OPER, IPMI_NETFN_CHASSIS, 0x02, "00"), 0);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "ff ff 02 00 02 02 f1 53 65 20 00 04 09 ff 6f 00 "
	    "ff ff");
}
END_TEST

START_TEST(test_time)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x48, ""), 0x00);
	tb_assert_reply(&t, START_TS);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x49, "00 00 00 10"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x49, "00 00 00 10"), 0x00);
	t.now += 5000;
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x48, ""), 0x00);
	tb_assert_reply(&t, "05 00 00 10");
	/* Entries are stamped in SEL time. */
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 03 04"), 0xc5);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 07"), 0x00);
	tb_assert_reply(&t, "ff ff 01 00 02 05 00 00 10");
	/* UTC offset: unspecified (7FFh) at first, -1440..1440 minutes. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x5c, ""), 0x00);
	tb_assert_reply(&t, "ff 07");
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "d4 fe"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x5c, ""), 0x00);
	tb_assert_reply(&t, "d4 fe");
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "a1 05"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "00 80"), 0xc9);
}
END_TEST

START_TEST(test_state_round_trip)
{
	struct tb u;
	char	 *text;
	size_t	  len;
	uint64_t  gen;

	model_history(&t.model);
	tb_start(&t);
	gen = bmc_state_generation(t.bmc);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0x00);
	ck_assert_uint_gt(bmc_state_generation(t.bmc), gen);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x49, "00 00 00 10"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x5d, "3c 00"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text, "[sel]\nnext_id = 4\n"));
	ck_assert_ptr_nonnull(strstr(text, "entry = 03000200f153654100040507"));

	tb_init(&u);
	model_history(&u.model);
	u.now += 10000;
	tb_start(&u);
	ck_assert_int_eq(bmc_state_load(u.bmc, text, len, "s", NULL), 0);
	/* The three entries, the history not added again. */
	ck_assert_uint_eq(tb_call(&u, USER, ST, 0x40, ""), 0x00);
	tb_assert_reply(&u, "51 03 00 d0 1f 00 f1 53 65 ff ff ff ff 0b");
	ck_assert_uint_eq(
	    tb_call(&u, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	tb_assert_reply(&u,
	    "ff ff 03 00 02 00 f1 53 65 41 00 04 05 07 6f 00 "
	    "ff ff");
	/* The SEL time goes on from what was set, 10 s later. */
	ck_assert_uint_eq(tb_call(&u, USER, ST, 0x48, ""), 0x00);
	tb_assert_reply(&u, "0a 00 00 10");
	ck_assert_uint_eq(tb_call(&u, USER, ST, 0x5c, ""), 0x00);
	tb_assert_reply(&u, "3c 00");
	ck_assert_uint_eq(tb_call(&u, OPER, ST, 0x44,
			      "00 00 02 00 00 00 00 41 00 04 05 07 6f 00 ff "
			      "ff"),
	    0x00);
	tb_assert_reply(&u, "04 00");
	free(text);
	tb_free(&u);

	/* Bad saved entries are reported. */
	tb_init(&u);
	tb_start(&u);
	ck_assert_int_eq(
	    bmc_state_load(u.bmc, "[sel]\nentry = 0102\n", 19, "s", NULL),
	    ERR_CONFIG);
	tb_free(&u);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sel");
	TCase	*tc = tcase_create("sel");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_history_before_real_time);
	tcase_add_test(tc, test_partial_read);
	tcase_add_test(tc, test_add_delete);
	tcase_add_test(tc, test_clear);
	tcase_add_test(tc, test_full_stops);
	tcase_add_test(tc, test_full_overwrites);
	tcase_add_test(tc, test_power_event);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_state_round_trip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
