/* Tests for src/common/cursor.c: the bounded reader and writer. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"

static const uint8_t bytes8[] = {
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

START_TEST(test_rd_integers)
{
	struct rd r;
	uint8_t	  v8;
	uint16_t  v16;
	uint32_t  v32;

	rd_init(&r, bytes8, sizeof(bytes8));
	ck_assert_int_eq(rd_u8(&r, &v8), 0);
	ck_assert_uint_eq(v8, 0x01);
	ck_assert_int_eq(rd_u16le(&r, &v16), 0);
	ck_assert_uint_eq(v16, 0x0302);
	ck_assert_int_eq(rd_u16be(&r, &v16), 0);
	ck_assert_uint_eq(v16, 0x0405);
	ck_assert_uint_eq(rd_left(&r), 3);
	rd_init(&r, bytes8, sizeof(bytes8));
	ck_assert_int_eq(rd_u32le(&r, &v32), 0);
	ck_assert_uint_eq(v32, 0x04030201);
	ck_assert_int_eq(rd_u32be(&r, &v32), 0);
	ck_assert_uint_eq(v32, 0x05060708);
	ck_assert_int_eq(rd_end(&r), 0);
	ck_assert_uint_eq(rd_left(&r), 0);
}
END_TEST

/* Every reader, at every length short of what it needs, fails unmoved. */
START_TEST(test_rd_truncation_does_not_move)
{
	uint8_t	       buf[8];
	const uint8_t *p;
	struct rd      r, sub;
	uint8_t	       v8;
	uint16_t       v16;
	uint32_t       v32;
	size_t	       n;

	for (n = 0; n < 4; n++) {
		rd_init(&r, bytes8, n);
		if (n < 1) {
			ck_assert_int_eq(rd_u8(&r, &v8), ERR_TRUNCATED);
			ck_assert_int_eq(rd_peek_u8(&r, &v8), ERR_TRUNCATED);
		}
		if (n < 2) {
			ck_assert_int_eq(rd_u16le(&r, &v16), ERR_TRUNCATED);
			ck_assert_int_eq(rd_u16be(&r, &v16), ERR_TRUNCATED);
		}
		ck_assert_int_eq(rd_u32le(&r, &v32), ERR_TRUNCATED);
		ck_assert_int_eq(rd_u32be(&r, &v32), ERR_TRUNCATED);
		ck_assert_int_eq(rd_bytes(&r, buf, 4), ERR_TRUNCATED);
		ck_assert_int_eq(rd_span(&r, &p, 4), ERR_TRUNCATED);
		ck_assert_int_eq(rd_sub(&r, &sub, 4), ERR_TRUNCATED);
		ck_assert_int_eq(rd_skip(&r, 4), ERR_TRUNCATED);
		ck_assert_uint_eq(rd_left(&r), n);
		ck_assert_ptr_eq(rd_pos(&r), bytes8);
	}
}
END_TEST

START_TEST(test_rd_span_sub_peek)
{
	const uint8_t *p;
	struct rd      r, sub;
	uint8_t	       buf[3], v;

	rd_init(&r, bytes8, sizeof(bytes8));
	ck_assert_int_eq(rd_peek_u8(&r, &v), 0);
	ck_assert_uint_eq(v, 0x01);
	ck_assert_uint_eq(rd_left(&r), 8);
	ck_assert_int_eq(rd_span(&r, &p, 2), 0);
	ck_assert_ptr_eq(p, bytes8);
	ck_assert_ptr_eq(rd_pos(&r), bytes8 + 2);
	ck_assert_int_eq(rd_sub(&r, &sub, 3), 0);
	ck_assert_uint_eq(rd_left(&sub), 3);
	ck_assert_int_eq(rd_bytes(&sub, buf, 3), 0);
	ck_assert_mem_eq(buf, bytes8 + 2, 3);
	ck_assert_int_eq(rd_u8(&sub, &v), ERR_TRUNCATED);
	ck_assert_int_eq(rd_end(&sub), 0);
	ck_assert_int_eq(rd_end(&r), ERR_TRAILING);
	ck_assert_int_eq(rd_skip(&r, 3), 0);
	ck_assert_int_eq(rd_end(&r), 0);
	/* Zero-length reads always succeed, even at the end. */
	ck_assert_int_eq(rd_span(&r, &p, 0), 0);
	ck_assert_int_eq(rd_bytes(&r, buf, 0), 0);
}
END_TEST

START_TEST(test_rd_null_buffer)
{
	struct rd r;
	uint8_t	  v;

	rd_init(&r, NULL, 10);
	ck_assert_uint_eq(rd_left(&r), 0);
	ck_assert_int_eq(rd_u8(&r, &v), ERR_TRUNCATED);
	ck_assert_int_eq(rd_end(&r), 0);
}
END_TEST

START_TEST(test_wr_integers)
{
	static const uint8_t want[] = {0xaa, 0x34, 0x12, 0x12, 0x34, 0x78, 0x56,
	    0x34, 0x12, 0x12, 0x34, 0x56, 0x78, 0xee, 0xee, 0x01, 0x02};
	uint8_t		     buf[32], *p;
	struct wr	     w;

	wr_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(wr_u8(&w, 0xaa), 0);
	ck_assert_int_eq(wr_u16le(&w, 0x1234), 0);
	ck_assert_int_eq(wr_u16be(&w, 0x1234), 0);
	ck_assert_int_eq(wr_u32le(&w, 0x12345678), 0);
	ck_assert_int_eq(wr_u32be(&w, 0x12345678), 0);
	ck_assert_int_eq(wr_fill(&w, 0xee, 2), 0);
	ck_assert_ptr_nonnull(p = wr_reserve(&w, 1));
	*p = 0x01;
	ck_assert_int_eq(wr_bytes(&w, "\x02", 1), 0);
	ck_assert_uint_eq(wr_len(&w), sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
	ck_assert_int_eq(w.err, 0);
}
END_TEST

/* An overflowing write writes nothing and poisons every later write. */
START_TEST(test_wr_overflow_is_sticky)
{
	uint8_t	  buf[4] = {0, 0, 0, 0};
	struct wr w;

	wr_init(&w, buf, 3);
	ck_assert_int_eq(wr_u16le(&w, 0x0101), 0);
	ck_assert_int_eq(wr_u16le(&w, 0x0202), ERR_NOSPACE);
	ck_assert_uint_eq(buf[2], 0);
	ck_assert_uint_eq(wr_len(&w), 2);
	ck_assert_int_eq(wr_u8(&w, 0x03), ERR_NOSPACE);
	ck_assert_uint_eq(buf[2], 0);
	ck_assert_ptr_null(wr_reserve(&w, 0));
	ck_assert_int_eq(w.err, ERR_NOSPACE);
	ck_assert_uint_eq(buf[3], 0);
}
END_TEST

START_TEST(test_wr_each_size_overflows)
{
	uint8_t	  buf[8];
	struct wr w;
	size_t	  cap;

	for (cap = 0; cap < 4; cap++) {
		wr_init(&w, buf, cap);
		ck_assert_int_eq(wr_u32le(&w, 1), ERR_NOSPACE);
		wr_init(&w, buf, cap);
		ck_assert_int_eq(wr_u32be(&w, 1), ERR_NOSPACE);
		wr_init(&w, buf, cap);
		ck_assert_int_eq(wr_fill(&w, 0, 4), ERR_NOSPACE);
		ck_assert_uint_eq(wr_len(&w), 0);
	}
	wr_init(&w, NULL, 8);
	ck_assert_int_eq(wr_u8(&w, 1), ERR_NOSPACE);
}
END_TEST

static Suite *
cursor_suite(void)
{
	Suite *s = suite_create("cursor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rd_integers);
	tcase_add_test(tc, test_rd_truncation_does_not_move);
	tcase_add_test(tc, test_rd_span_sub_peek);
	tcase_add_test(tc, test_rd_null_buffer);
	tcase_add_test(tc, test_wr_integers);
	tcase_add_test(tc, test_wr_overflow_is_sticky);
	tcase_add_test(tc, test_wr_each_size_overflows);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cursor_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
