/* Tests for src/codec/rmcp.c: the RMCP header. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "rmcp.h"

/* The start of the first datagram of the seed trace (ipmitool -vvvv). */
static const uint8_t seed_header[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x00,
    0x00,
    0x00,
    0x00,
};

/* An ASF presence ping (ASF 2.0 §3.2.4.1) with RMCP sequence 3. */
static const uint8_t asf_header[] = {0x06, 0x00, 0x03, 0x06};

START_TEST(test_decode_seed)
{
	struct rmcp_header h;
	struct rd	   r;

	rd_init(&r, seed_header, sizeof(seed_header));
	ck_assert_int_eq(rmcp_decode_header(&r, &h), 0);
	ck_assert_uint_eq(h.version, RMCP_VERSION_1_0);
	ck_assert_uint_eq(h.reserved, 0);
	ck_assert_uint_eq(h.seq, RMCP_SEQ_NO_ACK);
	ck_assert_uint_eq(h.class_byte, RMCP_CLASS_IPMI);
	/* The header leaves the rest of the datagram to the next layer. */
	ck_assert_uint_eq(rd_left(&r), sizeof(seed_header) - RMCP_HEADER_LEN);
	ck_assert_ptr_eq(rd_pos(&r), seed_header + RMCP_HEADER_LEN);
}
END_TEST

/* The header decoder checks no values: it reports them. */
START_TEST(test_decode_any_values)
{
	static const uint8_t odd[] = {0x07, 0x55, 0x10, 0x86};
	struct rmcp_header   h;
	struct rd	     r;

	rd_init(&r, odd, sizeof(odd));
	ck_assert_int_eq(rmcp_decode_header(&r, &h), 0);
	ck_assert_uint_eq(h.version, 0x07);
	ck_assert_uint_eq(h.reserved, 0x55);
	ck_assert_uint_eq(h.seq, 0x10);
	ck_assert_uint_eq(h.class_byte & RMCP_CLASS_MASK, RMCP_CLASS_ASF);
	ck_assert(h.class_byte & RMCP_CLASS_ACK);
	ck_assert_int_eq(rd_end(&r), 0);
}
END_TEST

START_TEST(test_decode_truncated)
{
	struct rmcp_header h;
	struct rd	   r;
	size_t		   n;

	for (n = 0; n < RMCP_HEADER_LEN; n++) {
		rd_init(&r, seed_header, n);
		ck_assert_int_eq(rmcp_decode_header(&r, &h), ERR_TRUNCATED);
		ck_assert_uint_eq(rd_left(&r), n);
	}
}
END_TEST

START_TEST(test_encode_round_trip)
{
	struct rmcp_header h;
	uint8_t		   buf[8];
	struct wr	   w;
	struct rd	   r;

	wr_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(rmcp_encode_header(&w, 0x03, RMCP_CLASS_ASF), 0);
	ck_assert_uint_eq(wr_len(&w), RMCP_HEADER_LEN);
	ck_assert_mem_eq(buf, asf_header, sizeof(asf_header));
	rd_init(&r, buf, wr_len(&w));
	ck_assert_int_eq(rmcp_decode_header(&r, &h), 0);
	ck_assert_uint_eq(h.seq, 0x03);
	ck_assert_uint_eq(h.class_byte, RMCP_CLASS_ASF);
	ck_assert_int_eq(rd_end(&r), 0);
}
END_TEST

START_TEST(test_encode_nospace)
{
	uint8_t	  buf[4];
	struct wr w;
	size_t	  cap;

	for (cap = 0; cap < RMCP_HEADER_LEN; cap++) {
		wr_init(&w, buf, cap);
		ck_assert_int_eq(
		    rmcp_encode_header(&w, RMCP_SEQ_NO_ACK, RMCP_CLASS_IPMI),
		    ERR_NOSPACE);
	}
}
END_TEST

static Suite *
rmcp_suite(void)
{
	Suite *s = suite_create("rmcp");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_decode_seed);
	tcase_add_test(tc, test_decode_any_values);
	tcase_add_test(tc, test_decode_truncated);
	tcase_add_test(tc, test_encode_round_trip);
	tcase_add_test(tc, test_encode_nospace);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rmcp_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
