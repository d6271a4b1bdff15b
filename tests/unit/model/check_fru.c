/* Tests for src/model/fru.c: image bytes, the FRU commands, saved writes. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "fru.h"
#include "fru_record.h"
#include "ipmimsg.h"

#define ST   IPMI_NETFN_STORAGE
#define OPER IPMI_PRIV_OPERATOR
#define USER IPMI_PRIV_USER

static struct tb t;

static uint8_t
sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n-- > 0)
		s = (uint8_t)(s + *p++);
	return s;
}

static void
setup(void)
{
	struct model_fru *f;

	tb_init(&t);
	f = &t.model.fru[0];
	f->defined = 1;
	f->chassis_type = 0x17;
	strcpy(f->chassis_serial, "CS{index}");
	f->board_mfg_minutes = 1440 + 10; /* 1996-01-02 00:10 */
	strcpy(f->board_manufacturer, "ACME");
	strcpy(f->board_serial, "{name}-{index}");
	strcpy(f->product_name, "Box");
	f = &t.model.fru[2];
	f->defined = 1;
	f->size = 64;
	strcpy(f->board_product, "PSU");
	f->psu_capacity_w = 1000;
	f->psu_peak_va = 1150;
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_image_bytes)
{
	uint8_t out[512];
	size_t	n;

	n = fru_image_build(&t.model.fru[0], 7, "node", out, sizeof(out));
	/* Header: chassis at 8, board at 24, product at 48. */
	ck_assert_uint_eq(n, 64);
	ck_assert_mem_eq(out, "\x01\x00\x01\x03\x06\x00\x00\xf5", 8);
	ck_assert_uint_eq(sum(out, 8), 0);
	/* Chassis: 16 bytes, type 17h, empty part, "CS7", C1h, checksum. */
	ck_assert_mem_eq(out + 8,
	    "\x01\x02\x17\xc0\xc3"
	    "CS7\xc1",
	    9);
	ck_assert_uint_eq(sum(out + 8, 16), 0);
	/* Board: English, minutes 05AAh LSB first, "ACME", "node-7". */
	ck_assert_mem_eq(out + 24,
	    "\x01\x03\x00\xaa\x05\x00\xc4"
	    "ACME\xc0",
	    12);
	ck_assert_mem_eq(out + 36, "\xc6node-7\xc0\xc0\xc1", 10);
	ck_assert_uint_eq(sum(out + 24, 24), 0);
	/* Product: "Box" and six empty fields. */
	ck_assert_mem_eq(out + 48,
	    "\x01\x02\x00\xc0\xc3"
	    "Box",
	    8);
	ck_assert_uint_eq(sum(out + 48, 16), 0);
	/* Too small a buffer: nothing. */
	ck_assert_uint_eq(
	    fru_image_build(&t.model.fru[0], 7, "node", out, 40), 0);
}
END_TEST

/*
 * A one-character field is two bytes ("X "): as one byte its type/length
 * would be C1h, the end-of-fields marker, and the fields after it lost.
 */
START_TEST(test_one_character_field)
{
	struct model_fru	     *f = &t.model.fru[3];
	struct fru_record_image	      img;
	const struct fru_record_area *p;
	uint8_t			      out[512];
	size_t			      n;

	memset(f, 0, sizeof(*f));
	f->defined = 1;
	strcpy(f->product_manufacturer, "Z");
	strcpy(f->product_name, "Box");
	n = fru_image_build(f, 0, "x", out, sizeof(out));
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(fru_record_decode_image(out, n, &img), 0);
	p = &img.area[FRU_RECORD_PRODUCT];
	ck_assert_uint_ge(p->nfields, 2);
	ck_assert_uint_eq(p->field[0].type, FRU_RECORD_LATIN1);
	ck_assert_uint_eq(p->field[0].len, 2);
	ck_assert_mem_eq(p->field[0].data, "Z ", 2);
	ck_assert_uint_eq(p->field[1].len, 3);
	ck_assert_mem_eq(p->field[1].data, "Box", 3);
}
END_TEST

START_TEST(test_psu_record)
{
	uint8_t out[512];
	size_t	n;

	n = fru_image_build(&t.model.fru[2], 0, "x", out, sizeof(out));
	ck_assert_uint_eq(out[5], 3); /* multi-record area at 24 */
	ck_assert_uint_eq(n, 24 + 5 + 24 + 3);
	/* Power supply information, last, version 2, 24 bytes. */
	ck_assert_mem_eq(out + 24, "\x00\x82\x18", 3);
	ck_assert_uint_eq(sum(out + 24, 5), 0);
	ck_assert_uint_eq((uint8_t)(sum(out + 29, 24) + out[27]), 0);
	ck_assert_mem_eq(out + 29, "\xe8\x03\x7e\x04", 4); /* 1000 W, 1150 VA */
}
END_TEST

/* An image from a file is served as it is, bad checksum and all. */
START_TEST(test_image_file_as_is)
{
	struct model_fru    *f = &t.model.fru[1];
	static const uint8_t image[16] = {0x01, 0x00, 0x00, 0x01, 0x00, 0x00,
	    0x00, 0x00, /* bad sum */
	    0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0xc1, 0x3c};

	f->defined = 1;
	memcpy(f->image, image, sizeof(image));
	f->image_len = sizeof(image);
	tb_start(&t);
	/* The device has the default 512 bytes, the image first. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x10, "01"), 0x00);
	tb_assert_reply(&t, "00 02 00");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x11, "01 00 00 10"), 0x00);
	ck_assert_uint_eq(t.data[0], 16);
	ck_assert_mem_eq(t.data + 1, image, sizeof(image));
}
END_TEST

START_TEST(test_commands)
{
	uint8_t image[512];

	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x10, "00"), 0x00);
	tb_assert_reply(&t, "00 02 00"); /* 512 bytes, by bytes */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x10, "02"), 0x00);
	tb_assert_reply(&t, "40 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x10, "01"), 0xcb);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x10, "08"), 0xcb);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x11, "00 00 00 08"), 0x00);
	tb_assert_reply(&t, "08 01 00 01 03 06 00 00 f5");
	/* The end of the device, and past it. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x11, "02 3c 00 10"), 0x00);
	ck_assert_uint_eq(t.data[0], 4);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x11, "02 40 00 01"), 0xc9);
	/* Instance 0, named "test" by the test bench. */
	ck_assert_uint_eq(
	    fru_image_build(&t.model.fru[0], 0, "test", image, sizeof(image)),
	    64);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x11, "00 24 00 08"), 0x00);
	ck_assert_uint_eq(t.data[0], 8);
	ck_assert_mem_eq(t.data + 1, image + 0x24, 8);
	/* Writes: operators, within the device. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x12, "00 00 01 aa bb"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x12, "00 00 01 aa bb"), 0x00);
	tb_assert_reply(&t, "02");
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x11, "00 ff 00 04"), 0x00);
	tb_assert_reply(&t, "04 00 aa bb 00");
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x12, "02 3f 00 01 02"), 0xc9);
	ck_assert_ptr_nonnull(strstr(tb_all_logs, "FRU 0 written over IPMI"));
}
END_TEST

START_TEST(test_writes_saved)
{
	struct config_diag d = {0};
	struct tb	   u;
	char		  *text;
	size_t		   len;

	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, ST, 0x12, "02 30 00 de ad"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text, "[fru]\n2.0 = "));
	ck_assert_ptr_nonnull(strstr(text, "\n2.32 = "));
	ck_assert_ptr_null(strstr(text, "\n0.0 = ")); /* unwritten */

	tb_restart(&u, &t, text, len, &d);
	free(text);
	ck_assert_uint_eq(tb_call(&u, USER, ST, 0x11, "02 30 00 02"), 0x00);
	tb_assert_reply(&u, "02 de ad");
	ck_assert_ptr_nonnull(
	    strstr(tb_all_logs, "FRU 2 as written over IPMI"));
	tb_free(&u);
	config_diag_clear(&d);
}
END_TEST

static Suite *
fru_suite(void)
{
	Suite *s = suite_create("fru");
	TCase *tc = tcase_create("fru");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_image_bytes);
	tcase_add_test(tc, test_one_character_field);
	tcase_add_test(tc, test_psu_record);
	tcase_add_test(tc, test_image_file_as_is);
	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_writes_saved);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(fru_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
