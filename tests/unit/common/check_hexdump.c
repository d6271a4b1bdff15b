/* Tests for src/common/hexdump.c: dumps and the parser. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hexdump.h"

/* Reads back everything written to fp (a tmpfile) as a string. */
static char *
slurp(FILE *fp)
{
	static char buf[4096];
	size_t	    n;

	fflush(fp);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

START_TEST(test_dump_lines)
{
	uint8_t b[18];
	FILE   *fp;
	size_t	i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)(0xf0 + i);
	ck_assert_ptr_nonnull(fp = tmpfile());
	hexdump_fp(fp, ">>", b, sizeof(b));
	ck_assert_str_eq(slurp(fp),
	    ">> f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 fa fb fc fd fe ff\n"
	    ">> 00 01\n");
}
END_TEST

START_TEST(test_dump_empty_and_exact)
{
	uint8_t b[16];
	FILE   *fp;

	memset(b, 0, sizeof(b));
	ck_assert_ptr_nonnull(fp = tmpfile());
	hexdump_fp(fp, NULL, b, 0);
	ck_assert_str_eq(slurp(fp), "");
	ck_assert_ptr_nonnull(fp = tmpfile());
	hexdump_fp(fp, NULL, b, 16);
	ck_assert_str_eq(
	    slurp(fp), " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n");
}
END_TEST

START_TEST(test_dump_inline)
{
	static const uint8_t b[] = {0x06, 0x00, 0xff, 0x07};
	FILE		    *fp;

	ck_assert_ptr_nonnull(fp = tmpfile());
	hexdump_inline_fp(fp, b, sizeof(b));
	ck_assert_str_eq(slurp(fp), "06 00 ff 07");
}
END_TEST

START_TEST(test_parse_forms)
{
	static const uint8_t want[] = {0x06, 0x00, 0xff, 0x07, 0xab, 0xcd};
	uint8_t		     out[16];
	size_t		     n;

	ck_assert_int_eq(
	    hexdump_parse(" 06 00 ff 07\n\tAB cd ", out, sizeof(out), &n), 0);
	ck_assert_uint_eq(n, sizeof(want));
	ck_assert_mem_eq(out, want, n);
	ck_assert_int_eq(
	    hexdump_parse("0x06,0x00,0xFF,0x07:ab:cd", out, sizeof(out), &n),
	    0);
	ck_assert_uint_eq(n, sizeof(want));
	ck_assert_mem_eq(out, want, n);
	ck_assert_int_eq(
	    hexdump_parse("0600ff07abcd", out, sizeof(out), &n), 0);
	ck_assert_mem_eq(out, want, n);
	ck_assert_int_eq(hexdump_parse("", out, sizeof(out), &n), 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_parse_errors)
{
	uint8_t out[4];
	size_t	n = 99;

	ck_assert_int_eq(
	    hexdump_parse("06 0", out, sizeof(out), &n), ERR_FORMAT);
	ck_assert_int_eq(hexdump_parse("0g", out, sizeof(out), &n), ERR_FORMAT);
	ck_assert_int_eq(
	    hexdump_parse("06 zz", out, sizeof(out), &n), ERR_FORMAT);
	ck_assert_int_eq(
	    hexdump_parse("01 02 03 04 05", out, sizeof(out), &n), ERR_NOSPACE);
	ck_assert_uint_eq(n, 99);
	ck_assert_int_eq(hexdump_parse("01 02 03 04", out, sizeof(out), &n), 0);
	ck_assert_uint_eq(n, 4);
}
END_TEST

/* What hexdump_fp writes, hexdump_parse reads back. */
START_TEST(test_round_trip)
{
	uint8_t b[256], out[256];
	char   *text;
	FILE   *fp;
	size_t	i, n;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)(i * 37 + 11);
	ck_assert_ptr_nonnull(fp = tmpfile());
	hexdump_fp(fp, "  ", b, sizeof(b));
	text = slurp(fp);
	ck_assert_int_eq(hexdump_parse(text, out, sizeof(out), &n), 0);
	ck_assert_uint_eq(n, sizeof(b));
	ck_assert_mem_eq(out, b, n);
}
END_TEST

static Suite *
hexdump_suite(void)
{
	Suite *s = suite_create("hexdump");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_dump_lines);
	tcase_add_test(tc, test_dump_empty_and_exact);
	tcase_add_test(tc, test_dump_inline);
	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(hexdump_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
