/* Tests for src/codec/asf.c: presence ping and pong. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asf.h"
#include "cursor.h"
#include "err.h"
#include "rmcp.h"

/* ASF 2.0 §3.2.4.1: presence ping, RMCP seq ffh, message tag 5. */
static const uint8_t ping[] = {
    0x06,
    0x00,
    0xff,
    0x06,
    0x00,
    0x00,
    0x11,
    0xbe,
    0x80,
    0x05,
    0x00,
    0x00,
};

/*
 * ASF 2.0 §3.2.4.3 and IPMI 2.0 §13.2.1: the pong a BMC sends back, IANA
 * 4542 in the OEM field, entities 81h (IPMI, ASF 1.0), no interactions.
 */
static const uint8_t pong[] = {
    0x06,
    0x00,
    0xff,
    0x06,
    0x00,
    0x00,
    0x11,
    0xbe,
    0x40,
    0x05,
    0x00,
    0x10,
    0x00,
    0x00,
    0x11,
    0xbe,
    0x00,
    0x00,
    0x00,
    0x00,
    0x81,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
};

static const struct asf_pong pong_fields = {
    .iana = ASF_IANA,
    .oem = 0,
    .entities = ASF_ENTITY_IPMI | ASF_ENTITY_ASF_1_0,
    .interactions = 0,
};

START_TEST(test_encode_ping_kat)
{
	uint8_t buf[64];
	size_t	len = 0;

	ck_assert_int_eq(asf_encode_ping(0xff, 5, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, sizeof(ping));
	ck_assert_mem_eq(buf, ping, len);
}
END_TEST

START_TEST(test_encode_pong_kat)
{
	uint8_t buf[64];
	size_t	len = 0;

	ck_assert_int_eq(
	    asf_encode_pong(0xff, 5, &pong_fields, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, sizeof(pong));
	ck_assert_mem_eq(buf, pong, len);
}
END_TEST

START_TEST(test_decode_ping)
{
	struct rmcp_header h;
	struct asf_msg	   m;
	struct rd	   r;

	rd_init(&r, ping, sizeof(ping));
	ck_assert_int_eq(rmcp_decode_header(&r, &h), 0);
	ck_assert_uint_eq(h.class_byte, RMCP_CLASS_ASF);
	ck_assert_int_eq(asf_decode(&r, &m), 0);
	ck_assert_uint_eq(m.iana, ASF_IANA);
	ck_assert_uint_eq(m.type, ASF_TYPE_PING);
	ck_assert_uint_eq(m.tag, 5);
	ck_assert_uint_eq(m.data_len, 0);
	ck_assert_int_eq(rd_end(&r), 0);
}
END_TEST

/* Decode, then encode the decoded fields: the same bytes. */
START_TEST(test_pong_round_trip)
{
	struct asf_pong pf;
	struct asf_msg	m;
	uint8_t		buf[64];
	struct rd	r;
	size_t		len;

	rd_init(&r, pong + RMCP_HEADER_LEN, sizeof(pong) - RMCP_HEADER_LEN);
	ck_assert_int_eq(asf_decode(&r, &m), 0);
	ck_assert_uint_eq(m.type, ASF_TYPE_PONG);
	ck_assert_uint_eq(m.data_len, ASF_PONG_DATA_LEN);
	ck_assert_ptr_eq(m.data, pong + RMCP_HEADER_LEN + ASF_HEADER_LEN);
	ck_assert_int_eq(asf_decode_pong(m.data, m.data_len, &pf), 0);
	ck_assert_uint_eq(pf.iana, ASF_IANA);
	ck_assert_uint_eq(pf.oem, 0);
	ck_assert_uint_eq(pf.entities, 0x81);
	ck_assert_uint_eq(pf.interactions, 0);
	ck_assert_int_eq(
	    asf_encode_pong(0xff, m.tag, &pf, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, sizeof(pong));
	ck_assert_mem_eq(buf, pong, len);
}
END_TEST

START_TEST(test_pong_big_endian_fields)
{
	static const struct asf_pong pf = {.iana = 0x01020304,
	    .oem = 0xa1b2c3d4,
	    .entities = ASF_ENTITY_IPMI,
	    .interactions = ASF_INTERACTION_SECURE};
	static const uint8_t want[] = {0x01, 0x02, 0x03, 0x04, 0xa1, 0xb2, 0xc3,
	    0xd4, 0x80, 0x80, 0, 0, 0, 0, 0, 0};
	struct asf_pong	     back;
	uint8_t		     buf[64];
	size_t		     len;

	ck_assert_int_eq(
	    asf_encode_pong(0x11, 0x22, &pf, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(buf[2], 0x11);
	ck_assert_uint_eq(buf[9], 0x22);
	ck_assert_mem_eq(
	    buf + RMCP_HEADER_LEN + ASF_HEADER_LEN, want, sizeof(want));
	ck_assert_int_eq(asf_decode_pong(want, sizeof(want), &back), 0);
	ck_assert_uint_eq(back.iana, pf.iana);
	ck_assert_uint_eq(back.oem, pf.oem);
	ck_assert_uint_eq(back.entities, pf.entities);
	ck_assert_uint_eq(back.interactions, pf.interactions);
}
END_TEST

/* Every truncation of the ASF message fails, and leaves r unmoved. */
START_TEST(test_decode_truncated)
{
	const uint8_t *body = pong + RMCP_HEADER_LEN;
	size_t	       full = sizeof(pong) - RMCP_HEADER_LEN, n;
	struct asf_msg m;
	struct rd      r;

	for (n = 0; n < full; n++) {
		rd_init(&r, body, n);
		ck_assert_int_eq(asf_decode(&r, &m), ERR_TRUNCATED);
		ck_assert_uint_eq(rd_left(&r), n);
	}
	for (n = 0; n < sizeof(ping) - RMCP_HEADER_LEN; n++) {
		rd_init(&r, ping + RMCP_HEADER_LEN, n);
		ck_assert_int_eq(asf_decode(&r, &m), ERR_TRUNCATED);
	}
}
END_TEST

START_TEST(test_decode_pong_truncated)
{
	const uint8_t  *data = pong + RMCP_HEADER_LEN + ASF_HEADER_LEN;
	struct asf_pong pf;
	size_t		n;

	for (n = 0; n < ASF_PONG_DATA_LEN; n++)
		ck_assert_int_eq(asf_decode_pong(data, n, &pf), ERR_TRUNCATED);
}
END_TEST

START_TEST(test_decode_trailing)
{
	uint8_t		buf[sizeof(pong) + 1], data[ASF_PONG_DATA_LEN + 1];
	struct asf_pong pf;
	struct asf_msg	m;
	struct rd	r;

	memcpy(buf, ping, sizeof(ping));
	buf[sizeof(ping)] = 0;
	rd_init(&r, buf + RMCP_HEADER_LEN, sizeof(ping) + 1 - RMCP_HEADER_LEN);
	ck_assert_int_eq(asf_decode(&r, &m), ERR_TRAILING);
	ck_assert_ptr_eq(rd_pos(&r), buf + RMCP_HEADER_LEN);
	memcpy(
	    data, pong + RMCP_HEADER_LEN + ASF_HEADER_LEN, ASF_PONG_DATA_LEN);
	data[ASF_PONG_DATA_LEN] = 0;
	ck_assert_int_eq(
	    asf_decode_pong(data, sizeof(data), &pf), ERR_TRAILING);
}
END_TEST

START_TEST(test_encode_nospace)
{
	uint8_t buf[64];
	size_t	cap, len = 12345;

	for (cap = 0; cap < sizeof(ping); cap++)
		ck_assert_int_eq(
		    asf_encode_ping(0xff, 0, buf, cap, &len), ERR_NOSPACE);
	for (cap = 0; cap < sizeof(pong); cap++)
		ck_assert_int_eq(
		    asf_encode_pong(0xff, 0, &pong_fields, buf, cap, &len),
		    ERR_NOSPACE);
	ck_assert_uint_eq(len, 12345);
}
END_TEST

static Suite *
asf_suite(void)
{
	Suite *s = suite_create("asf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_encode_ping_kat);
	tcase_add_test(tc, test_encode_pong_kat);
	tcase_add_test(tc, test_decode_ping);
	tcase_add_test(tc, test_pong_round_trip);
	tcase_add_test(tc, test_pong_big_endian_fields);
	tcase_add_test(tc, test_decode_truncated);
	tcase_add_test(tc, test_decode_pong_truncated);
	tcase_add_test(tc, test_decode_trailing);
	tcase_add_test(tc, test_encode_nospace);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(asf_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
