/*
 * Tests for src/codec/fru_record.c: two FRU images as the model builds
 * them from sim-configs/default.ini (chassis, board and product areas; a
 * board area and a Power Supply Information multi-record), round trips,
 * every truncation, every short output buffer, checksums and formats.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "fru_record.h"

static const char kat_system[] =
    "01 00 01 06 0e 00 00 ea 01 05 17 d1 43 53 45 2d 38 31 39 55 54 53 2d "
    "52 31 4b 30 32 50 c9 43 38 31 39 30 4c 4b 33 41 c1 00 00 00 00 00 00 "
    "00 15 01 08 00 1e 59 e2 ca 53 75 70 65 72 6d 69 63 72 6f c8 58 31 32 "
    "44 50 55 2d 36 cb 4f 4d 32 34 41 53 33 30 30 31 32 c8 58 31 32 44 50 "
    "55 2d 36 cc 46 52 55 20 56 65 72 20 30 2e 30 31 c1 00 00 10 01 0b 00 "
    "ca 53 75 70 65 72 6d 69 63 72 6f cd 53 59 53 2d 31 30 32 39 55 2d 54 "
    "52 34 d1 53 59 53 2d 31 30 32 39 55 2d 54 52 34 2d 53 49 4d ca 30 31 "
    "32 33 34 35 36 37 38 39 cb 53 34 31 32 33 58 33 30 30 37 37 ca 52 41 "
    "43 4b 31 32 2d 55 30 37 c0 c1 00 00 00 00 00 d5";
static const char kat_psu[] =
    "01 00 00 01 00 09 00 f5 01 08 00 60 65 df ca 53 75 70 65 72 6d 69 63 "
    "72 6f cc 50 57 53 2d 31 4b 30 32 41 2d 31 52 ca 50 31 4b 30 32 41 4c "
    "33 30 31 cc 50 57 53 2d 31 4b 30 32 41 2d 31 52 c0 c1 00 00 00 00 00 "
    "00 00 42 00 82 18 05 61 e8 03 7e 04 1e 05 28 23 20 67 00 00 00 00 2f "
    "3f 14 1c e8 13 00 00 00 00 00 00 00";

static const char *const kats[] = {kat_system, kat_psu};
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

static void
assert_field(const struct fru_record_area *a, size_t i, const char *text)
{
	ck_assert_uint_gt(a->nfields, i);
	ck_assert_uint_eq(a->field[i].type, FRU_RECORD_LATIN1);
	ck_assert_uint_eq(a->field[i].len, strlen(text));
	ck_assert_mem_eq(a->field[i].data, text, strlen(text));
}

START_TEST(test_system_kat)
{
	struct fru_record_image img;
	uint8_t			in[256], out[256];
	size_t			n = hex(kat_system, in, sizeof(in)), len;

	ck_assert_uint_eq(n, 200);
	ck_assert_int_eq(fru_record_decode_image(in, n, &img), 0);
	ck_assert_uint_eq(img.hdr.version, 1);
	ck_assert_uint_eq(img.hdr.area[FRU_RECORD_CHASSIS], 1);
	ck_assert_uint_eq(img.hdr.area[FRU_RECORD_BOARD], 6);
	ck_assert_uint_eq(img.hdr.area[FRU_RECORD_PRODUCT], 14);
	ck_assert_uint_eq(img.hdr.multi, 0);
	ck_assert_uint_eq(img.used, 200);
	ck_assert_uint_eq(img.area[FRU_RECORD_CHASSIS].chassis_type, 0x17);
	ck_assert_uint_eq(img.area[FRU_RECORD_CHASSIS].length, 5);
	ck_assert_uint_eq(img.area[FRU_RECORD_CHASSIS].nfields, 2);
	assert_field(&img.area[FRU_RECORD_CHASSIS], 0, "CSE-819UTS-R1K02P");
	assert_field(&img.area[FRU_RECORD_CHASSIS], 1, "C8190LK3A");
	ck_assert_uint_eq(img.area[FRU_RECORD_BOARD].mfg_minutes, 0xe2591e);
	ck_assert_uint_eq(img.area[FRU_RECORD_BOARD].nfields, 5);
	assert_field(&img.area[FRU_RECORD_BOARD], 0, "Supermicro");
	assert_field(&img.area[FRU_RECORD_BOARD], 4, "FRU Ver 0.01");
	ck_assert_uint_eq(img.area[FRU_RECORD_PRODUCT].nfields, 7);
	assert_field(&img.area[FRU_RECORD_PRODUCT], 1, "SYS-1029U-TR4");
	assert_field(&img.area[FRU_RECORD_PRODUCT], 5, "RACK12-U07");
	assert_field(&img.area[FRU_RECORD_PRODUCT], 6, "");
	ck_assert_uint_eq(img.nmulti, 0);
	ck_assert_int_eq(
	    fru_record_encode_image(&img, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_mem_eq(out, in, n);
}
END_TEST

START_TEST(test_psu_kat)
{
	struct fru_record_image img;
	uint8_t			in[256], out[256];
	size_t			n = hex(kat_psu, in, sizeof(in)), len;

	ck_assert_uint_eq(n, 104);
	ck_assert_int_eq(fru_record_decode_image(in, n, &img), 0);
	ck_assert(!img.area[FRU_RECORD_CHASSIS].present);
	ck_assert(img.area[FRU_RECORD_BOARD].present);
	ck_assert(!img.area[FRU_RECORD_PRODUCT].present);
	assert_field(&img.area[FRU_RECORD_BOARD], 1, "PWS-1K02A-1R");
	ck_assert_uint_eq(img.hdr.multi, 9);
	ck_assert_uint_eq(img.nmulti, 1);
	ck_assert_uint_eq(img.multi[0].type, 0x00);
	ck_assert_uint_eq(img.multi[0].version, 2);
	ck_assert(img.multi[0].end);
	ck_assert_uint_eq(img.multi[0].len, 24);
	ck_assert_mem_eq(img.multi[0].data, "\xe8\x03\x7e\x04", 4);
	/* The record ends at 101; the area is padded to 104. */
	ck_assert_uint_eq(img.used, 72 + 5 + 24);
	ck_assert_int_eq(
	    fru_record_encode_image(&img, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_mem_eq(out, in, n);
}
END_TEST

/* Shorter than its last structure: always ERR_TRUNCATED. */
START_TEST(test_image_every_truncation)
{
	struct fru_record_image img;
	uint8_t			in[256];
	size_t			n = hex(kats[_i], in, sizeof(in)), used, i;

	ck_assert_int_eq(fru_record_decode_image(in, n, &img), 0);
	used = img.used;
	for (i = 0; i < used; i++)
		ck_assert_int_eq(
		    fru_record_decode_image(in, i, &img), ERR_TRUNCATED);
	for (; i <= n; i++)
		ck_assert_int_eq(fru_record_decode_image(in, i, &img), 0);
}
END_TEST

/* Every area of every image: exact length, truncations, checksum. */
START_TEST(test_area_every_truncation)
{
	struct fru_record_image img;
	struct fru_record_area	a;
	uint8_t			in[256], buf[256];
	size_t			n = hex(kats[_i], in, sizeof(in)), off, len, i;
	int			k;

	ck_assert_int_eq(fru_record_decode_image(in, n, &img), 0);
	for (k = 0; k < FRU_RECORD_AREAS; k++) {
		if (!img.area[k].present)
			continue;
		off = (size_t)img.hdr.area[k] * 8;
		len = (size_t)img.area[k].length * 8;
		ck_assert_int_eq(
		    fru_record_decode_area(in + off, len, (uint8_t)k, &a), 0);
		ck_assert_uint_eq(a.nfields, img.area[k].nfields);
		for (i = 0; i < len; i++)
			ck_assert_int_eq(
			    fru_record_decode_area(in + off, i, (uint8_t)k, &a),
			    ERR_TRUNCATED);
		memcpy(buf, in + off, len);
		buf[len] = 0;
		ck_assert_int_eq(
		    fru_record_decode_area(buf, len + 1, (uint8_t)k, &a),
		    ERR_TRAILING);
		buf[2] ^= 1;
		ck_assert_int_eq(
		    fru_record_decode_area(buf, len, (uint8_t)k, &a),
		    ERR_CHECKSUM);
	}
}
END_TEST

/* Capacity one short, and less: ERR_NOSPACE and nothing written. */
START_TEST(test_image_every_short_buffer)
{
	struct fru_record_image img;
	uint8_t			in[256], out[256];
	size_t			n = hex(kats[_i], in, sizeof(in)), cap, len, i;

	ck_assert_int_eq(fru_record_decode_image(in, n, &img), 0);
	for (cap = 0; cap < n; cap++) {
		memset(out, 0xee, sizeof(out));
		len = 7;
		ck_assert_int_eq(
		    fru_record_encode_image(&img, out, cap, &len), ERR_NOSPACE);
		ck_assert_uint_eq(len, 7);
		for (i = 0; i < sizeof(out); i++)
			ck_assert_uint_eq(out[i], 0xee);
	}
	memset(out, 0xee, sizeof(out));
	ck_assert_int_eq(fru_record_encode_image(&img, out, n, &len), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_uint_eq(out[n], 0xee);
}
END_TEST

START_TEST(test_parts_short_buffer)
{
	struct fru_record_image img;
	uint8_t			in[256], out[256];
	size_t			n = hex(kat_psu, in, sizeof(in)), cap, len;
	size_t			area = 64, multi = 29;

	ck_assert_int_eq(fru_record_decode_image(in, n, &img), 0);
	for (cap = 0; cap < area; cap++) {
		memset(out, 0xee, sizeof(out));
		ck_assert_int_eq(
		    fru_record_encode_area(
			&img.area[FRU_RECORD_BOARD], out, cap, &len),
		    ERR_NOSPACE);
		ck_assert_uint_eq(out[0], 0xee);
	}
	ck_assert_int_eq(fru_record_encode_area(
			     &img.area[FRU_RECORD_BOARD], out, area, &len),
	    0);
	ck_assert_uint_eq(len, area);
	ck_assert_mem_eq(out, in + 8, area);
	for (cap = 0; cap < multi; cap++) {
		memset(out, 0xee, sizeof(out));
		ck_assert_int_eq(
		    fru_record_encode_multi(&img.multi[0], out, cap, &len),
		    ERR_NOSPACE);
		ck_assert_uint_eq(out[0], 0xee);
	}
	ck_assert_int_eq(
	    fru_record_encode_multi(&img.multi[0], out, multi, &len), 0);
	ck_assert_mem_eq(out, in + 72, multi);
	for (cap = 0; cap < FRU_RECORD_HEADER_LEN; cap++)
		ck_assert_int_eq(
		    fru_record_encode_header(&img.hdr, out, cap, &len),
		    ERR_NOSPACE);
	ck_assert_int_eq(fru_record_encode_header(&img.hdr, out, 8, &len), 0);
	ck_assert_mem_eq(out, in, 8);
}
END_TEST

START_TEST(test_header_checks)
{
	struct fru_record_header h;
	struct fru_record_image	 img;
	uint8_t			 in[256];
	size_t			 i;

	hex(kat_system, in, sizeof(in));
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(
		    fru_record_decode_header(in, i, &h), ERR_TRUNCATED);
	ck_assert_int_eq(fru_record_decode_header(in, 9, &h), ERR_TRAILING);
	in[7]++;
	ck_assert_int_eq(fru_record_decode_header(in, 8, &h), ERR_CHECKSUM);
	ck_assert_int_eq(fru_record_decode_image(in, 200, &img), ERR_CHECKSUM);
	/* Format version 2, checksum right: not this format. */
	in[0] = 2;
	in[7] = (uint8_t)(in[7] - 2);
	ck_assert_int_eq(fru_record_decode_header(in, 8, &h), ERR_FORMAT);
}
END_TEST

START_TEST(test_multi_checks)
{
	struct fru_record_multi m;
	struct rd		r;
	uint8_t			in[256];
	size_t			i;

	hex(kat_psu, in, sizeof(in));
	for (i = 0; i < 29; i++) {
		rd_init(&r, in + 72, i);
		ck_assert_int_eq(
		    fru_record_decode_multi(&r, &m), ERR_TRUNCATED);
		ck_assert_uint_eq(rd_left(&r), i); /* not moved */
	}
	rd_init(&r, in + 72, 32);
	ck_assert_int_eq(fru_record_decode_multi(&r, &m), 0);
	ck_assert_uint_eq(rd_left(&r), 3);
	in[72 + 5] ^= 0x01; /* the data: record checksum wrong */
	rd_init(&r, in + 72, 32);
	ck_assert_int_eq(fru_record_decode_multi(&r, &m), ERR_CHECKSUM);
	in[72 + 5] ^= 0x01;
	in[72 + 4] ^= 0x01; /* the header checksum */
	rd_init(&r, in + 72, 32);
	ck_assert_int_eq(fru_record_decode_multi(&r, &m), ERR_CHECKSUM);
	in[72 + 4] ^= 0x01;
	in[72 + 1] = 0x81; /* version 1, header checksum fixed up */
	in[72 + 4] = (uint8_t)(in[72 + 4] + 1);
	rd_init(&r, in + 72, 32);
	ck_assert_int_eq(fru_record_decode_multi(&r, &m), ERR_FORMAT);
}
END_TEST

/* BCD plus and 6-bit ASCII fields keep their type through a round trip. */
START_TEST(test_other_field_types)
{
	struct fru_record_area a, d;
	uint8_t		       out[64];
	size_t		       len;

	memset(&a, 0, sizeof(a));
	a.kind = FRU_RECORD_PRODUCT;
	a.nfields = 3;
	a.field[0] = (struct fru_record_field){
	    FRU_RECORD_BCD_PLUS, 2, (const uint8_t *)"\x12\x3a"};
	a.field[1] = (struct fru_record_field){
	    FRU_RECORD_ASCII6, 3, (const uint8_t *)"\x29\xdc\xa6"};
	a.field[2] = (struct fru_record_field){
	    FRU_RECORD_BINARY, 2, (const uint8_t *)"\x00\xff"};
	ck_assert_int_eq(fru_record_encode_area(&a, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 16);
	ck_assert_mem_eq(out,
	    "\x01\x02\x00\x42\x12\x3a\x83\x29\xdc\xa6\x02"
	    "\x00\xff\xc1\x00",
	    15);
	ck_assert_uint_eq(fru_record_checksum(out, 16), 0);
	ck_assert_int_eq(
	    fru_record_decode_area(out, len, FRU_RECORD_PRODUCT, &d), 0);
	ck_assert_uint_eq(d.nfields, 3);
	ck_assert_uint_eq(d.field[0].type, FRU_RECORD_BCD_PLUS);
	ck_assert_uint_eq(d.field[1].type, FRU_RECORD_ASCII6);
	ck_assert_uint_eq(d.field[1].len, 3);
	ck_assert_uint_eq(d.field[2].type, FRU_RECORD_BINARY);
}
END_TEST

START_TEST(test_encoder_limits)
{
	struct fru_record_area	a;
	struct fru_record_image img;
	static const uint8_t	big[64];
	uint8_t			out[4096];
	size_t			len;

	memset(&a, 0, sizeof(a));
	a.kind = FRU_RECORD_BOARD;
	a.nfields = 1;
	a.field[0] = (struct fru_record_field){FRU_RECORD_LATIN1, 64, big};
	ck_assert_int_eq(fru_record_encode_area(&a, out, sizeof(out), &len),
	    ERR_INVALID_ARG);
	a.field[0].len = 63;
	ck_assert_int_eq(fru_record_encode_area(&a, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 72); /* 2 + 4 + 64 + C1h + checksum, to 8 */
	a.nfields = FRU_RECORD_FIELDS_MAX + 1;
	ck_assert_int_eq(fru_record_encode_area(&a, out, sizeof(out), &len),
	    ERR_INVALID_ARG);
	a.nfields = 1;
	a.kind = FRU_RECORD_AREAS;
	ck_assert_int_eq(fru_record_encode_area(&a, out, sizeof(out), &len),
	    ERR_INVALID_ARG);
	/* An area in the wrong slot of an image. */
	memset(&img, 0, sizeof(img));
	img.area[FRU_RECORD_CHASSIS] = a;
	img.area[FRU_RECORD_CHASSIS].kind = FRU_RECORD_BOARD;
	img.area[FRU_RECORD_CHASSIS].present = 1;
	ck_assert_int_eq(fru_record_encode_image(&img, out, sizeof(out), &len),
	    ERR_INVALID_ARG);
	/* An empty image: the header alone. */
	memset(&img, 0, sizeof(img));
	ck_assert_int_eq(
	    fru_record_encode_image(&img, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 8);
	ck_assert_mem_eq(out, "\x01\x00\x00\x00\x00\x00\x00\xff", 8);
	ck_assert_str_eq(fru_record_kind_name(FRU_RECORD_BOARD), "board");
	ck_assert_str_eq(fru_record_kind_name(9), "unknown");
}
END_TEST

/* An area whose fields run past it, or without an end marker. */
START_TEST(test_area_format)
{
	struct fru_record_area a;
	uint8_t buf[8] = {0x01, 0x01, 0x00, 0xc4, 'a', 'b', 'c', 0x00};

	buf[7] = fru_record_checksum(buf, 7);
	ck_assert_int_eq(
	    fru_record_decode_area(buf, 8, FRU_RECORD_PRODUCT, &a), ERR_FORMAT);
	buf[3] = 0xc3; /* fits, but no C1h follows */
	buf[7] = fru_record_checksum(buf, 7);
	ck_assert_int_eq(
	    fru_record_decode_area(buf, 8, FRU_RECORD_PRODUCT, &a), ERR_FORMAT);
	buf[3] = 0xc2;
	buf[6] = 0xc1;
	buf[7] = fru_record_checksum(buf, 7);
	ck_assert_int_eq(
	    fru_record_decode_area(buf, 8, FRU_RECORD_PRODUCT, &a), 0);
	assert_field(&a, 0, "ab");
	buf[1] = 0; /* length 0 */
	ck_assert_int_eq(
	    fru_record_decode_area(buf, 8, FRU_RECORD_PRODUCT, &a), ERR_FORMAT);
}
END_TEST

static Suite *
fru_record_suite(void)
{
	Suite *s = suite_create("fru_record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_system_kat);
	tcase_add_test(tc, test_psu_kat);
	tcase_add_loop_test(tc, test_image_every_truncation, 0, NKATS);
	tcase_add_loop_test(tc, test_area_every_truncation, 0, NKATS);
	tcase_add_loop_test(tc, test_image_every_short_buffer, 0, NKATS);
	tcase_add_test(tc, test_parts_short_buffer);
	tcase_add_test(tc, test_header_checks);
	tcase_add_test(tc, test_multi_checks);
	tcase_add_test(tc, test_other_field_types);
	tcase_add_test(tc, test_encoder_limits);
	tcase_add_test(tc, test_area_format);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(fru_record_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
