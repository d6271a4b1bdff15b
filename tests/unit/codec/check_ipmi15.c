/* Tests for src/codec/ipmi15.c: the IPMI 1.5 session wrapper. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "ipmi15.h"
#include "rmcp.h"

/*
 * From the seed trace (ipmitool -I lanplus -vvvv): the 23-byte Get Channel
 * Authentication Capabilities request outside a session, and the 30-byte
 * response.
 */
static const uint8_t seed_caps_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x09,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x00,
    0x38,
    0x8e,
    0x04,
    0xb5,
};

static const uint8_t seed_caps_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
    0x81,
    0x1c,
    0x63,
    0x20,
    0x00,
    0x38,
    0x00,
    0x01,
    0x97,
    0x04,
    0x03,
    0x00,
    0x00,
    0x00,
    0x00,
    0x09,
};

/* Decodes a whole datagram: RMCP header, then the wrapper. */
static int
decode_datagram(const uint8_t *p, size_t n, struct ipmi15_session *s)
{
	struct rmcp_header h;
	struct rd	   r;
	int		   rc;

	rd_init(&r, p, n);
	if ((rc = rmcp_decode_header(&r, &h)) != 0)
		return rc;
	return ipmi15_decode(&r, s);
}

START_TEST(test_decode_seed_request)
{
	struct ipmi15_session s;

	ck_assert_int_eq(
	    decode_datagram(seed_caps_req, sizeof(seed_caps_req), &s), 0);
	ck_assert_uint_eq(s.authtype, IPMI15_AUTHTYPE_NONE);
	ck_assert_uint_eq(s.seq, 0);
	ck_assert_uint_eq(s.session_id, 0);
	ck_assert_uint_eq(s.msg_len, 9);
	ck_assert_ptr_eq(s.msg, seed_caps_req + 14);
}
END_TEST

START_TEST(test_decode_seed_response)
{
	struct ipmi15_session s;

	ck_assert_int_eq(
	    decode_datagram(seed_caps_rsp, sizeof(seed_caps_rsp), &s), 0);
	ck_assert_uint_eq(s.authtype, IPMI15_AUTHTYPE_NONE);
	ck_assert_uint_eq(s.msg_len, 16);
	ck_assert_ptr_eq(s.msg, seed_caps_rsp + 14);
}
END_TEST

/* Decode then encode gives back the seed bytes. */
START_TEST(test_round_trip_seed)
{
	const uint8_t *const seeds[] = {seed_caps_req, seed_caps_rsp};
	const size_t lens[] = {sizeof(seed_caps_req), sizeof(seed_caps_rsp)};
	struct ipmi15_session s;
	uint8_t		      buf[64];
	size_t		      i, len;

	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(decode_datagram(seeds[i], lens[i], &s), 0);
		ck_assert_int_eq(ipmi15_encode(&s, buf, sizeof(buf), &len), 0);
		ck_assert_uint_eq(len, lens[i]);
		ck_assert_mem_eq(buf, seeds[i], len);
	}
}
END_TEST

START_TEST(test_round_trip_authcode)
{
	struct ipmi15_session s, back;
	uint8_t		      msg[9], buf[64];
	size_t		      len, i;

	memset(&s, 0, sizeof(s));
	s.authtype = IPMI15_AUTHTYPE_MD5;
	s.seq = 0x01020304;
	s.session_id = 0xa0b0c0d0;
	for (i = 0; i < IPMI15_AUTHCODE_LEN; i++)
		s.authcode[i] = (uint8_t)(0xc0 + i);
	memcpy(msg, seed_caps_req + 14, sizeof(msg));
	s.msg = msg;
	s.msg_len = sizeof(msg);
	ck_assert_int_eq(ipmi15_encode(&s, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, 4 + 1 + 4 + 4 + 16 + 1 + 9);
	/* Little-endian sequence and session ID. */
	ck_assert_uint_eq(buf[5], 0x04);
	ck_assert_uint_eq(buf[9], 0xd0);
	ck_assert_int_eq(decode_datagram(buf, len, &back), 0);
	ck_assert_uint_eq(back.authtype, s.authtype);
	ck_assert_uint_eq(back.seq, s.seq);
	ck_assert_uint_eq(back.session_id, s.session_id);
	ck_assert_mem_eq(back.authcode, s.authcode, IPMI15_AUTHCODE_LEN);
	ck_assert_uint_eq(back.msg_len, s.msg_len);
	ck_assert_mem_eq(back.msg, msg, sizeof(msg));
}
END_TEST

/* Every shorter length fails with ERR_TRUNCATED and leaves r unmoved. */
START_TEST(test_decode_every_truncation)
{
	const uint8_t *const seeds[] = {seed_caps_req, seed_caps_rsp};
	const size_t lens[] = {sizeof(seed_caps_req), sizeof(seed_caps_rsp)};
	struct ipmi15_session s;
	struct rd	      r;
	size_t		      i, n;

	for (i = 0; i < 2; i++) {
		for (n = 0; n < lens[i]; n++)
			ck_assert_int_eq(
			    decode_datagram(seeds[i], n, &s), ERR_TRUNCATED);
		for (n = RMCP_HEADER_LEN; n < lens[i]; n++) {
			rd_init(&r, seeds[i], n);
			(void)rd_skip(&r, RMCP_HEADER_LEN);
			ck_assert_int_eq(ipmi15_decode(&r, &s), ERR_TRUNCATED);
			ck_assert_ptr_eq(
			    rd_pos(&r), seeds[i] + RMCP_HEADER_LEN);
		}
	}
}
END_TEST

START_TEST(test_decode_trailing)
{
	uint8_t		      buf[sizeof(seed_caps_req) + 2];
	struct ipmi15_session s;

	memcpy(buf, seed_caps_req, sizeof(seed_caps_req));
	buf[sizeof(seed_caps_req)] = 0x00;
	buf[sizeof(seed_caps_req) + 1] = 0x00;
	/* 23 bytes is not a legacy pad length: even 00h is left over. */
	ck_assert_int_eq(
	    decode_datagram(buf, sizeof(seed_caps_req) + 1, &s), ERR_TRAILING);
	ck_assert_int_eq(decode_datagram(buf, sizeof(buf), &s), ERR_TRAILING);
}
END_TEST

/*
 * IPMI 2.0 §13.6: a 56-byte datagram may carry one pad byte; it is
 * accepted, never sent.  With an MD5 auth code the header is 30 bytes,
 * so a 26-byte message makes 56.
 */
START_TEST(test_legacy_pad)
{
	struct ipmi15_session s, back;
	uint8_t		      msg[26], buf[64];
	size_t		      len;

	memset(&s, 0, sizeof(s));
	memset(msg, 0x11, sizeof(msg));
	s.authtype = IPMI15_AUTHTYPE_MD5;
	s.msg = msg;
	s.msg_len = sizeof(msg);
	ck_assert_int_eq(ipmi15_encode(&s, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, 56);
	buf[56] = 0x00;
	ck_assert_int_eq(decode_datagram(buf, 57, &back), 0);
	ck_assert_uint_eq(back.msg_len, 26);
	/* Without its pad it is still accepted. */
	ck_assert_int_eq(decode_datagram(buf, 56, &back), 0);
	/* A non-zero pad byte is not a pad. */
	buf[56] = 0x01;
	ck_assert_int_eq(decode_datagram(buf, 57, &back), ERR_TRAILING);
	/* The encoder needs no room for one. */
	ck_assert_int_eq(ipmi15_encode(&s, buf, 56, &len), 0);
	ck_assert_int_eq(ipmi15_encode(&s, buf, 55, &len), ERR_NOSPACE);
}
END_TEST

START_TEST(test_pad_lengths)
{
	size_t n;
	int    want;

	for (n = 0; n < 300; n++) {
		want = n == 56 || n == 84 || n == 112 || n == 128 || n == 156;
		ck_assert_int_eq(ipmi15_pad_needed(n), want);
	}
}
END_TEST

START_TEST(test_authtypes)
{
	uint8_t		      buf[sizeof(seed_caps_req)];
	struct ipmi15_session s;
	unsigned	      v;

	for (v = 0; v < 256; v++)
		ck_assert_int_eq(ipmi15_authtype_valid((uint8_t)v),
		    v == 0 || v == 1 || v == 2 || v == 4 || v == 5);
	memcpy(buf, seed_caps_req, sizeof(buf));
	buf[4] = 0x03;
	ck_assert_int_eq(decode_datagram(buf, sizeof(buf), &s), ERR_FORMAT);
	buf[4] = IPMI15_AUTHTYPE_RMCPP;
	ck_assert_int_eq(decode_datagram(buf, sizeof(buf), &s), ERR_FORMAT);
}
END_TEST

START_TEST(test_encode_errors)
{
	struct ipmi15_session s;
	uint8_t		      buf[64];
	size_t		      cap, len = 777;

	ck_assert_int_eq(
	    decode_datagram(seed_caps_req, sizeof(seed_caps_req), &s), 0);
	for (cap = 0; cap < sizeof(seed_caps_req); cap++)
		ck_assert_int_eq(
		    ipmi15_encode(&s, buf, cap, &len), ERR_NOSPACE);
	ck_assert_uint_eq(len, 777);
	s.authtype = 0x03;
	ck_assert_int_eq(
	    ipmi15_encode(&s, buf, sizeof(buf), &len), ERR_INVALID_ARG);
	s.authtype = IPMI15_AUTHTYPE_NONE;
	s.msg = NULL;
	ck_assert_int_eq(
	    ipmi15_encode(&s, buf, sizeof(buf), &len), ERR_INVALID_ARG);
}
END_TEST

static Suite *
ipmi15_suite(void)
{
	Suite *s = suite_create("ipmi15");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_decode_seed_request);
	tcase_add_test(tc, test_decode_seed_response);
	tcase_add_test(tc, test_round_trip_seed);
	tcase_add_test(tc, test_round_trip_authcode);
	tcase_add_test(tc, test_decode_every_truncation);
	tcase_add_test(tc, test_decode_trailing);
	tcase_add_test(tc, test_legacy_pad);
	tcase_add_test(tc, test_pad_lengths);
	tcase_add_test(tc, test_authtypes);
	tcase_add_test(tc, test_encode_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(ipmi15_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
