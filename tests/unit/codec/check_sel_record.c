/*
 * Tests for src/codec/sel_record.c: the three kinds of SEL record as the
 * model logs them (tests/unit/model/check_sel.c, check_sensors.c), round
 * trips, every truncation, every short output buffer.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sel_record.h"

/* Sensor 1 going over its upper non-critical threshold at 1700000000. */
static const char kat_system[] =
    "01 00 02 00 f1 53 65 20 00 04 01 01 01 57 2e 28";
static const char kat_oem_ts[] =
    "02 00 c1 05 f1 53 65 57 01 00 11 22 33 44 55 66";
static const char kat_oem_nts[] =
    "02 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc dd";

static const char *const kats[] = {kat_system, kat_oem_ts, kat_oem_nts};
#define NKATS (int)(sizeof(kats) / sizeof(kats[0]))

static size_t
hex(const char *s, uint8_t *out, size_t cap)
{
	size_t	 n = 0;
	unsigned v;
	int	 used;

	while (n < cap && sscanf(s, " %2x%n", &v, &used) == 1) {
		out[n++] = (uint8_t)v;
		s += used;
	}
	return n;
}

START_TEST(test_system_kat)
{
	struct sel_record r;
	uint8_t		  in[16], out[16];
	size_t		  len;

	ck_assert_uint_eq(hex(kat_system, in, sizeof(in)), 16);
	ck_assert_int_eq(sel_record_decode(in, 16, &r), 0);
	ck_assert_uint_eq(r.id, 1);
	ck_assert_uint_eq(r.type, SEL_RECORD_SYSTEM);
	ck_assert_uint_eq(r.timestamp, 1700000000);
	ck_assert_uint_eq(r.u.system.generator, 0x0020);
	ck_assert_uint_eq(r.u.system.evm_rev, SEL_RECORD_EVM_REV);
	ck_assert_uint_eq(r.u.system.sensor_type, 0x01);
	ck_assert_uint_eq(r.u.system.sensor_number, 0x01);
	ck_assert_uint_eq(r.u.system.event_type, 0x01);
	ck_assert_mem_eq(r.u.system.data, "\x57\x2e\x28", 3);
	/* Built from the fields, the same bytes. */
	memset(&r, 0, sizeof(r));
	r.id = 1;
	r.type = SEL_RECORD_SYSTEM;
	r.timestamp = 1700000000;
	r.u.system.generator = 0x20;
	r.u.system.evm_rev = SEL_RECORD_EVM_REV;
	r.u.system.sensor_type = 1;
	r.u.system.sensor_number = 1;
	r.u.system.event_type = 1;
	memcpy(r.u.system.data, "\x57\x2e\x28", 3);
	ck_assert_int_eq(sel_record_encode(&r, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 16);
	ck_assert_mem_eq(out, in, 16);
}
END_TEST

START_TEST(test_oem_kat)
{
	struct sel_record r;
	uint8_t		  in[16];

	hex(kat_oem_ts, in, sizeof(in));
	ck_assert_int_eq(sel_record_decode(in, 16, &r), 0);
	ck_assert_uint_eq(r.type, 0xc1);
	ck_assert_uint_eq(r.timestamp, 1700000005);
	ck_assert_uint_eq(r.u.oem_ts.manufacturer, 0x000157); /* Intel */
	ck_assert_mem_eq(r.u.oem_ts.data, "\x11\x22\x33\x44\x55\x66", 6);
	hex(kat_oem_nts, in, sizeof(in));
	ck_assert_int_eq(sel_record_decode(in, 16, &r), 0);
	ck_assert_uint_eq(r.id, 2);
	ck_assert_uint_eq(r.type, 0xe0);
	ck_assert_uint_eq(r.timestamp, 0);
	ck_assert_uint_eq(r.u.oem_nts[0], 0x11);
	ck_assert_uint_eq(r.u.oem_nts[12], 0xdd);
}
END_TEST

START_TEST(test_round_trip)
{
	struct sel_record r;
	uint8_t		  in[16], out[16];
	size_t		  len;

	hex(kats[_i], in, sizeof(in));
	ck_assert_int_eq(sel_record_decode(in, 16, &r), 0);
	ck_assert_int_eq(sel_record_encode(&r, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 16);
	ck_assert_mem_eq(out, in, 16);
}
END_TEST

START_TEST(test_every_truncation)
{
	struct sel_record r;
	uint8_t		  in[17] = {0};
	size_t		  i;

	hex(kats[_i], in, sizeof(in));
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(sel_record_decode(in, i, &r), ERR_TRUNCATED);
	ck_assert_int_eq(sel_record_decode(in, 17, &r), ERR_TRAILING);
}
END_TEST

START_TEST(test_every_short_buffer)
{
	struct sel_record r;
	uint8_t		  in[16], out[24];
	size_t		  cap, len, i;

	hex(kats[_i], in, sizeof(in));
	ck_assert_int_eq(sel_record_decode(in, 16, &r), 0);
	for (cap = 0; cap < 16; cap++) {
		memset(out, 0xee, sizeof(out));
		len = 99;
		ck_assert_int_eq(
		    sel_record_encode(&r, out, cap, &len), ERR_NOSPACE);
		ck_assert_uint_eq(len, 99);
		for (i = 0; i < sizeof(out); i++)
			ck_assert_uint_eq(out[i], 0xee);
	}
	ck_assert_int_eq(sel_record_encode(&r, out, 16, &len), 0);
	ck_assert_uint_eq(out[16], 0xee);
}
END_TEST

/* 02h, C0h-FFh only (IPMI 2.0 §32); timestamps on 02h and C0h-DFh. */
START_TEST(test_types)
{
	struct sel_record r;
	uint8_t		  in[16], out[16];
	size_t		  len;

	hex(kat_system, in, sizeof(in));
	in[2] = 0x01;
	ck_assert_int_eq(sel_record_decode(in, 16, &r), ERR_FORMAT);
	in[2] = 0xbf;
	ck_assert_int_eq(sel_record_decode(in, 16, &r), ERR_FORMAT);
	memset(&r, 0, sizeof(r));
	r.type = 0x03;
	ck_assert_int_eq(
	    sel_record_encode(&r, out, sizeof(out), &len), ERR_FORMAT);
	ck_assert(sel_record_has_timestamp(0x02));
	ck_assert(sel_record_has_timestamp(0xc0));
	ck_assert(sel_record_has_timestamp(0xdf));
	ck_assert(!sel_record_has_timestamp(0xe0));
	ck_assert(!sel_record_has_timestamp(0xff));
	ck_assert(!sel_record_has_timestamp(0x01));
	ck_assert(sel_record_type_valid(0xff));
	ck_assert(!sel_record_type_valid(0x00));
	ck_assert(!sel_record_type_valid(0xbf));
}
END_TEST

static Suite *
sel_record_suite(void)
{
	Suite *s = suite_create("sel_record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_system_kat);
	tcase_add_test(tc, test_oem_kat);
	tcase_add_loop_test(tc, test_round_trip, 0, NKATS);
	tcase_add_loop_test(tc, test_every_truncation, 0, NKATS);
	tcase_add_loop_test(tc, test_every_short_buffer, 0, NKATS);
	tcase_add_test(tc, test_types);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sel_record_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
