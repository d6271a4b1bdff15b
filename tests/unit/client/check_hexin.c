/* Tests for src/client/hexin.c: hex text records for bmcsim decode. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hexin.h"

START_TEST(test_single_datagram_any_spacing)
{
	static const char    text[] = " 06 00 ff 07\n0x00,0x01:02\n\n";
	static const uint8_t want[] = {6, 0, 0xff, 7, 0, 1, 2};
	struct hexin_record  rec;
	struct hexin	     h;
	uint8_t		     buf[64];

	hexin_init(&h, text, strlen(text));
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 1);
	ck_assert_uint_eq(rec.len, sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
	ck_assert_int_eq(rec.dir, HEXIN_DIR_UNKNOWN);
	ck_assert_uint_eq(rec.line, 1);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 0);
}
END_TEST

START_TEST(test_blank_lines_and_comments_split)
{
	static const char   text[] = "# a comment\n01 02 # trailing\n\n\n03\n";
	struct hexin_record rec;
	struct hexin	    h;
	uint8_t		    buf[64];

	hexin_init(&h, text, strlen(text));
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 1);
	ck_assert_uint_eq(rec.len, 2);
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 1);
	ck_assert_uint_eq(rec.len, 1);
	ck_assert_uint_eq(buf[0], 3);
	ck_assert_uint_eq(rec.line, 5);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 0);
}
END_TEST

START_TEST(test_named_records_skip_values)
{
	static const char   text[] = "@ c2b first\n 01 02\n 03\n"
				     "@ val secret\n aa bb\n"
				     "@ b2c second\n04\n"
				     "@ c2b empty\n"
				     "@ c2b third\n05";
	struct hexin_record rec;
	struct hexin	    h;
	uint8_t		    buf[64];

	hexin_init(&h, text, strlen(text));
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 1);
	ck_assert_str_eq(rec.name, "first");
	ck_assert_int_eq(rec.dir, HEXIN_DIR_C2B);
	ck_assert_uint_eq(rec.len, 3);
	ck_assert_uint_eq(rec.line, 1);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 1);
	ck_assert_str_eq(rec.name, "second");
	ck_assert_int_eq(rec.dir, HEXIN_DIR_B2C);
	ck_assert_uint_eq(rec.len, 1);
	ck_assert_uint_eq(buf[0], 4);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 1);
	ck_assert_str_eq(rec.name, "third");
	ck_assert_uint_eq(buf[0], 5);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 0);
}
END_TEST

START_TEST(test_errors)
{
	struct hexin_record rec;
	struct hexin	    h;
	uint8_t		    buf[2];
	static const char   odd[] = "01\n0 2\n";
	static const char   word[] = "01 zz\n";
	static const char   big[] = "01 02 03\n";

	hexin_init(&h, odd, strlen(odd));
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), ERR_FORMAT);
	ck_assert_uint_eq(h.line, 2);
	hexin_init(&h, word, strlen(word));
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), ERR_FORMAT);
	hexin_init(&h, big, strlen(big));
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), ERR_NOSPACE);
	hexin_init(&h, "", 0);
	ck_assert_int_eq(hexin_next(&h, buf, sizeof(buf), &rec), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("hexin");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_single_datagram_any_spacing);
	tcase_add_test(tc, test_blank_lines_and_comments_split);
	tcase_add_test(tc, test_named_records_skip_values);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
