/*
 * Tests for src/codec/describe_records.c: the SDR, SEL and FRU describers
 * name every field, agree with the decoders, and describe broken records
 * up to where they break.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"

static const char sdr_full[] =
    "01 00 51 01 35 20 00 01 37 01 7f 68 01 01 80 0a 80 7a 38 38 "
    "00 01 00 00 f4 40 00 00 00 d0 07 2e 4c 00 ff 00 5a 54 4c 00 00 00 "
    "02 02 00 00 00 ca 49 6e 6c 65 74 20 54 65 6d 70";
static const char sdr_compact[] =
    "01 00 51 02 27 20 01 07 07 02 7f 68 01 01 11 51 07 17 0d 05 00 01 "
    "00 00 00 01 02 00 00 00 00 cc 45 78 68 61 75 73 74 20 54 65 6d 70";
static const char sdr_fru_loc[] =
    "65 00 51 11 13 20 01 80 00 00 10 00 0a 01 00 c8 50 53 55 31 20 46 52 "
    "55";
static const char sdr_mc_loc[] =
    "ff ff 51 12 0e 20 00 00 bf 00 00 00 2e 01 00 c3 42 4d 43";
static const char sel_system[] =
    "01 00 02 00 f1 53 65 20 00 04 01 01 01 57 2e 28";
static const char sel_oem_nts[] =
    "02 00 e0 11 22 33 44 55 66 77 88 99 aa bb cc dd";
static const char fru_psu[] =
    "01 00 00 01 00 09 00 f5 01 08 00 60 65 df ca 53 75 70 65 72 6d 69 63 "
    "72 6f cc 50 57 53 2d 31 4b 30 32 41 2d 31 52 ca 50 31 4b 30 32 41 4c "
    "33 30 31 cc 50 57 53 2d 31 4b 30 32 41 2d 31 52 c0 c1 00 00 00 00 00 "
    "00 00 42 00 82 18 05 61 e8 03 7e 04 1e 05 28 23 20 67 00 00 00 00 2f "
    "3f 14 1c e8 13 00 00 00 00 00 00 00";

typedef int (*describer)(FILE *, const char *, const uint8_t *, size_t);

static char  *out;
static size_t outlen;

static size_t
hex(const char *s, uint8_t *o, size_t cap)
{
	size_t	 n = 0;
	unsigned v;
	int	 used;

	while (n < cap && sscanf(s, " %2x%n", &v, &used) == 1) {
		o[n++] = (uint8_t)v;
		s += used;
	}
	return n;
}

/* Runs a describer over bytes into the string out; its return value. */
static int
run(describer f, const uint8_t *p, size_t n)
{
	FILE *fp;
	int   rc;

	free(out);
	out = NULL;
	ck_assert_ptr_nonnull(fp = open_memstream(&out, &outlen));
	rc = f(fp, "> ", p, n);
	ck_assert_int_eq(fclose(fp), 0);
	return rc;
}

static int
run_hex(describer f, const char *h)
{
	uint8_t b[256];

	return run(f, b, hex(h, b, sizeof(b)));
}

static void
has(const char *line)
{
	if (strstr(out, line) == NULL)
		ck_abort_msg("missing \"%s\" in:\n%s", line, out);
}

START_TEST(test_sdr_full)
{
	ck_assert_int_eq(run_hex(describe_sdr_record, sdr_full), 0);
	has("> SDR record (58 bytes): Full Sensor\n");
	has(">   0000  01 00                    record ID: 0001h (1)\n");
	has("record type: 01h (Full Sensor)\n");
	has("record length: 53 bytes follow\n");
	has("entity ID: 37h (air inlet)\n");
	has("sensor type: 01h (temperature)\n");
	has("event/reading type: 01h (threshold)\n");
	has("base unit: 1 (degrees C)\n");
	has(">   0018  f4 40                    M, tolerance: M 500, "
	    "tolerance 0\n");
	has("R exp, B exp: R exp -3, B exp 0\n");
	has("upper critical: raw 84 (54h)\n");
	has("ID string type/length: 8-bit ASCII + Latin 1, 10 bytes\n");
	has(">   0030  49 6e 6c 65 74 20 54 65  ID string: \"Inlet Temp\"\n"
	    ">   0038  6d 70\n");
	ck_assert_ptr_null(strstr(out, "**"));
	ck_assert_ptr_null(strstr(out, "BAD"));
}
END_TEST

START_TEST(test_sdr_others)
{
	ck_assert_int_eq(run_hex(describe_sdr_record, sdr_compact), 0);
	has("SDR record (44 bytes): Compact Sensor\n");
	has("record sharing: 0000h\n");
	has("ID string: \"Exhaust Temp\"\n");
	ck_assert_int_eq(run_hex(describe_sdr_record, sdr_fru_loc), 0);
	has("SDR record (24 bytes): FRU Device Locator\n");
	has("FRU device ID: 01h (1)\n");
	has("FRU entity ID: 0ah (power supply)\n");
	has("ID string: \"PSU1 FRU\"\n");
	ck_assert_int_eq(run_hex(describe_sdr_record, sdr_mc_loc), 0);
	has("Management Controller Device Locator\n");
	has("device capabilities: bfh\n");
	has("entity ID: 2eh (management controller firmware)\n");
	ck_assert_ptr_null(strstr(out, "**"));
}
END_TEST

/* Every truncation says so, and returns what the decoder says. */
START_TEST(test_sdr_truncated)
{
	uint8_t b[80];
	size_t	n = hex(sdr_full, b, sizeof(b)), i;

	for (i = 0; i < n; i++) {
		ck_assert_int_eq(run(describe_sdr_record, b, i), ERR_TRUNCATED);
		has("**");
	}
	b[n] = 0;
	ck_assert_int_eq(run(describe_sdr_record, b, n + 1), ERR_TRAILING);
	has("** BAD: the length says 53 bytes, 54 follow\n");
	b[3] = 0x08; /* an Entity Association record: not described */
	ck_assert_int_eq(run(describe_sdr_record, b, n), ERR_UNSUPPORTED);
	has("record type: 08h (Entity Association)\n");
	has("record body: not described here\n");
}
END_TEST

START_TEST(test_sel)
{
	uint8_t b[16];
	size_t	i;

	ck_assert_int_eq(run_hex(describe_sel_record, sel_system), 0);
	has("> SEL record (16 bytes)\n");
	has("record type: 02h (system event record)\n");
	has(">   0003  00 f1 53 65              timestamp: 1700000000 "
	    "(2023-11-14 22:13:20)\n");
	has("generator ID: 20h (slave address, BMC), channel 0, LUN 0\n");
	has("EvM revision: 04h (IPMI 2.0)\n");
	has("event dir/type: assertion, type 01h (threshold)\n");
	has("event data 1: offset 7; data 2: trigger reading, data 3: "
	    "trigger reading\n");
	ck_assert_int_eq(run_hex(describe_sel_record, sel_oem_nts), 0);
	has("record type: e0h (OEM, not timestamped)\n");
	has("OEM defined: 13 bytes\n");
	hex(sel_system, b, sizeof(b));
	for (i = 0; i < sizeof(b); i++) {
		ck_assert_int_eq(run(describe_sel_record, b, i), ERR_TRUNCATED);
		has("** truncated");
	}
	b[2] = 0x10;
	ck_assert_int_eq(run(describe_sel_record, b, 16), ERR_FORMAT);
	has("record type: 10h (not a SEL record type)\n");
}
END_TEST

START_TEST(test_fru)
{
	ck_assert_int_eq(run_hex(describe_fru_image, fru_psu), 0);
	has("> FRU common header\n");
	has("board info area: 1 x 8 = byte 8\n");
	has("multi-record area: 9 x 8 = byte 72\n");
	has("header checksum: ok\n");
	has("> Board info area (at byte 8)\n");
	has("manufacturing time: 14640480 minutes since 1996 (2023-11-02 "
	    "00:00 UTC)\n");
	has("manufacturer: 8-bit ASCII + Latin 1, 10 bytes: \"Supermicro\"\n");
	has("FRU file ID: 8-bit ASCII + Latin 1, 0 bytes\n");
	has("end of fields: C1h\n");
	has("area checksum: ok\n");
	has("> Multi-record (at byte 72)\n");
	has("record type: 00h (power supply information)\n");
	has("end of list, format: format version 2, end of list\n");
	has("record data: 24 bytes\n");
	ck_assert_ptr_null(strstr(out, "**"));
	ck_assert_ptr_null(strstr(out, "BAD"));
}
END_TEST

START_TEST(test_fru_broken)
{
	uint8_t b[128];
	size_t	n = hex(fru_psu, b, sizeof(b)), i;

	/* Every length short of the multi-record's end is truncated. */
	for (i = 0; i < 101; i++) {
		ck_assert_int_eq(run(describe_fru_image, b, i), ERR_TRUNCATED);
		has("** ");
	}
	b[20] ^= 0x20; /* "Supermicro" -> "SuperMicro": area checksum */
	ck_assert_int_eq(run(describe_fru_image, b, n), ERR_CHECKSUM);
	has("area checksum: BAD, expected 62h\n");
	b[20] ^= 0x20;
	b[7] = 0;
	ck_assert_int_eq(run(describe_fru_image, b, n), ERR_CHECKSUM);
	has("header checksum: BAD, expected f5h\n");
}
END_TEST

/* 6-bit ASCII and BCD plus strings are shown as text. */
START_TEST(test_packed_strings)
{
	/* A product area: BCD plus "12-5", 6-bit ASCII "IPMI". */
	static const uint8_t img[] = {0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	    0xfe, 0x01, 0x02, 0x00, 0x42, 0x12, 0xb5, 0x83, 0x29, 0xdc, 0xa6,
	    0xc1, 0x00, 0x00, 0x00, 0x00, 0x05};

	ck_assert_int_eq(run(describe_fru_image, img, sizeof(img)), 0);
	has("manufacturer: BCD plus, 2 bytes: \"12-5\"\n");
	has("product name: 6-bit ASCII, packed, 3 bytes: \"IPMI\"\n");
}
END_TEST

static void
teardown(void)
{
	free(out);
	out = NULL;
}

static Suite *
describe_records_suite(void)
{
	Suite *s = suite_create("describe_records");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_sdr_full);
	tcase_add_test(tc, test_sdr_others);
	tcase_add_test(tc, test_sdr_truncated);
	tcase_add_test(tc, test_sel);
	tcase_add_test(tc, test_fru);
	tcase_add_test(tc, test_fru_broken);
	tcase_add_test(tc, test_packed_strings);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(describe_records_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
