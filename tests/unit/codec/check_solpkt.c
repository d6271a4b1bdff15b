/* Tests for src/codec/solpkt.c: the SOL payload header and its bits. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "solpkt.h"

/* ipmitool's first keystroke: seq 1, no ACK, "x". */
static const uint8_t key_x[] = {0x01, 0x00, 0x00, 0x00, 'x'};

START_TEST(test_decode_known)
{
	struct solpkt m;

	ck_assert_int_eq(solpkt_decode(key_x, sizeof(key_x), &m), 0);
	ck_assert_uint_eq(m.seq, 1);
	ck_assert_uint_eq(m.ack_seq, 0);
	ck_assert_uint_eq(m.accepted, 0);
	ck_assert_uint_eq(m.op, 0);
	ck_assert_uint_eq(m.len, 1);
	ck_assert_uint_eq(m.data[0], 'x');
}
END_TEST

START_TEST(test_reserved_nibbles_ignored)
{
	static const uint8_t p[] = {0xf3, 0xa7, 0x05, 0x50};
	struct solpkt	     m;

	ck_assert_int_eq(solpkt_decode(p, sizeof(p), &m), 0);
	ck_assert_uint_eq(m.seq, 3);
	ck_assert_uint_eq(m.ack_seq, 7);
	ck_assert_uint_eq(m.accepted, 5);
	ck_assert_uint_eq(m.op, 0x50);
	ck_assert_uint_eq(m.len, 0);
}
END_TEST

START_TEST(test_every_truncation)
{
	struct solpkt m;
	size_t	      n;

	for (n = 0; n < SOLPKT_HEADER_LEN; n++)
		ck_assert_int_eq(solpkt_decode(key_x, n, &m), ERR_TRUNCATED);
	ck_assert_int_eq(solpkt_decode(key_x, SOLPKT_HEADER_LEN, &m), 0);
	ck_assert_uint_eq(m.len, 0);
}
END_TEST

START_TEST(test_too_many_characters)
{
	uint8_t	      p[SOLPKT_HEADER_LEN + SOLPKT_DATA_MAX + 1];
	struct solpkt m;

	memset(p, 'a', sizeof(p));
	p[0] = 1;
	ck_assert_int_eq(solpkt_decode(p, sizeof(p), &m), ERR_FORMAT);
	ck_assert_int_eq(solpkt_decode(p, sizeof(p) - 1, &m), 0);
	ck_assert_uint_eq(m.len, SOLPKT_DATA_MAX);
}
END_TEST

START_TEST(test_round_trip)
{
	static const uint8_t text[] = "login: ";
	struct solpkt	     m = {15, 4, 9, SOLPKT_ST_UNAVAILABLE, text, 7}, d;
	uint8_t		     out[64];
	size_t		     len = 0;

	ck_assert_int_eq(solpkt_encode(&m, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 11);
	ck_assert_mem_eq(out, "\x0f\x04\x09\x20login: ", 11);
	ck_assert_int_eq(solpkt_decode(out, len, &d), 0);
	ck_assert_uint_eq(d.seq, 15);
	ck_assert_uint_eq(d.ack_seq, 4);
	ck_assert_uint_eq(d.accepted, 9);
	ck_assert_uint_eq(d.op, SOLPKT_ST_UNAVAILABLE);
	ck_assert_uint_eq(d.len, 7);
	ck_assert_mem_eq(d.data, text, 7);
}
END_TEST

START_TEST(test_encode_capacity_and_args)
{
	struct solpkt m = {1, 0, 0, 0, key_x, 5};
	uint8_t	      out[16];
	size_t	      len = 99, cap;

	for (cap = 0; cap < 9; cap++)
		ck_assert_int_eq(
		    solpkt_encode(&m, out, cap, &len), ERR_NOSPACE);
	ck_assert_uint_eq(len, 99);
	ck_assert_int_eq(solpkt_encode(&m, out, 9, &len), 0);
	ck_assert_uint_eq(len, 9);
	m.seq = 16;
	ck_assert_int_eq(
	    solpkt_encode(&m, out, sizeof(out), &len), ERR_INVALID_ARG);
	m.seq = 1;
	m.ack_seq = 16;
	ck_assert_int_eq(
	    solpkt_encode(&m, out, sizeof(out), &len), ERR_INVALID_ARG);
	m.ack_seq = 0;
	m.len = SOLPKT_DATA_MAX + 1;
	ck_assert_int_eq(
	    solpkt_encode(&m, out, sizeof(out), &len), ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_bits_format)
{
	char buf[128];

	ck_assert_str_eq(solpkt_bits_format(0, 1, buf, sizeof(buf)), "none");
	ck_assert_str_eq(
	    solpkt_bits_format(0x50, 1, buf, sizeof(buf)), "NACK, deactivated");
	ck_assert_str_eq(
	    solpkt_bits_format(0x10, 0, buf, sizeof(buf)), "break");
	ck_assert_str_eq(solpkt_bits_format(0x03, 0, buf, sizeof(buf)),
	    "flush inbound, flush outbound");
	ck_assert_str_eq(solpkt_bits_format(0x28, 1, buf, sizeof(buf)),
	    "character transfer unavailable, transmit overrun");
}
END_TEST

static Suite *
solpkt_suite(void)
{
	Suite *s = suite_create("solpkt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_decode_known);
	tcase_add_test(tc, test_reserved_nibbles_ignored);
	tcase_add_test(tc, test_every_truncation);
	tcase_add_test(tc, test_too_many_characters);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_encode_capacity_and_args);
	tcase_add_test(tc, test_bits_format);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(solpkt_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
