/* Tests for src/codec/rmcpp.c: the RMCP+ session wrapper. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "rmcp.h"
#include "rmcpp.h"

/*
 * The in-session datagrams of the seed trace (ipmitool -I lanplus -vvvv,
 * cipher suite 2: HMAC-SHA1-96 integrity, no confidentiality), each with
 * its integrity pad, pad length, next header and 12-byte auth code.
 */
static const uint8_t seed_priv_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x04,
    0x3b,
    0x04,
    0x3c,
    0xff,
    0xff,
    0x02,
    0x07,
    0x61,
    0xff,
    0xe9,
    0x60,
    0xe6,
    0x5a,
    0x56,
    0x3c,
    0xac,
    0x5d,
    0x28,
    0x5a,
};

static const uint8_t seed_priv_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x01,
    0x00,
    0x00,
    0x00,
    0x09,
    0x00,
    0x81,
    0x1c,
    0x63,
    0x20,
    0x04,
    0x3b,
    0x00,
    0x04,
    0x9d,
    0xff,
    0x01,
    0x07,
    0xee,
    0x45,
    0x1a,
    0x34,
    0xce,
    0x46,
    0x76,
    0x5d,
    0x38,
    0x49,
    0x1e,
    0x0a,
};

static const uint8_t seed_hpm_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x04,
    0x00,
    0x00,
    0x00,
    0x09,
    0x00,
    0x20,
    0xb0,
    0x30,
    0x81,
    0x08,
    0x3e,
    0x00,
    0x02,
    0x37,
    0xff,
    0x01,
    0x07,
    0xdc,
    0x31,
    0x52,
    0x55,
    0xc2,
    0xe2,
    0xa7,
    0x99,
    0xd9,
    0x4c,
    0x29,
    0xb2,
};

static const uint8_t seed_hpm_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x02,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x08,
    0x3e,
    0xc1,
    0xd9,
    0xff,
    0xff,
    0x02,
    0x07,
    0xa0,
    0x0c,
    0x8b,
    0x4a,
    0xfb,
    0xfb,
    0x87,
    0x3b,
    0xb9,
    0xaa,
    0x6b,
    0x02,
};

static const uint8_t seed_devid_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x05,
    0x00,
    0x00,
    0x00,
    0x07,
    0x00,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x0c,
    0x01,
    0x72,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xce,
    0xc3,
    0x11,
    0xec,
    0x31,
    0xe5,
    0x35,
    0x81,
    0xff,
    0x79,
    0x25,
    0xfd,
};

static const uint8_t seed_devid_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x03,
    0x00,
    0x00,
    0x00,
    0x17,
    0x00,
    0x81,
    0x1c,
    0x63,
    0x20,
    0x0c,
    0x01,
    0x00,
    0x00,
    0x03,
    0x09,
    0x08,
    0x02,
    0x9f,
    0x91,
    0x12,
    0x00,
    0x02,
    0x0f,
    0x00,
    0x00,
    0x00,
    0x00,
    0x6a,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xa2,
    0xdd,
    0xb0,
    0x7c,
    0x41,
    0xce,
    0xef,
    0x78,
    0x74,
    0x13,
    0x54,
    0x1d,
};

static const uint8_t seed_picmg_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x06,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x20,
    0xb0,
    0x30,
    0x81,
    0x10,
    0x00,
    0x00,
    0x6f,
    0xff,
    0xff,
    0x02,
    0x07,
    0x2a,
    0x4e,
    0x2e,
    0xf5,
    0x8d,
    0x10,
    0xc0,
    0x4a,
    0x29,
    0x35,
    0xd2,
    0xd6,
};

static const uint8_t seed_picmg_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x04,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x10,
    0x00,
    0xc1,
    0x0f,
    0xff,
    0xff,
    0x02,
    0x07,
    0xcb,
    0xf6,
    0x8c,
    0xca,
    0x2b,
    0x9c,
    0x8b,
    0xb0,
    0x12,
    0x43,
    0x28,
    0xf3,
};

static const uint8_t seed_vso_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x07,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x20,
    0xb0,
    0x30,
    0x81,
    0x14,
    0x00,
    0x03,
    0x68,
    0xff,
    0xff,
    0x02,
    0x07,
    0x93,
    0x4d,
    0x7b,
    0xfb,
    0xc8,
    0xc0,
    0x5b,
    0x2b,
    0x11,
    0x82,
    0xe1,
    0x14,
};

static const uint8_t seed_vso_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x05,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x14,
    0x00,
    0xc1,
    0x0b,
    0xff,
    0xff,
    0x02,
    0x07,
    0x73,
    0x16,
    0x70,
    0xfe,
    0x2b,
    0xe6,
    0xac,
    0x88,
    0xed,
    0x34,
    0x24,
    0x7c,
};

static const uint8_t seed_chassis_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00,
    0x07,
    0x00,
    0x20,
    0x00,
    0xe0,
    0x81,
    0x18,
    0x01,
    0x66,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xa7,
    0x7d,
    0x18,
    0x08,
    0x25,
    0x3b,
    0x37,
    0x2f,
    0x42,
    0x5f,
    0xc4,
    0x6a,
};

static const uint8_t seed_chassis_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x06,
    0x00,
    0x00,
    0x00,
    0x0b,
    0x00,
    0x81,
    0x04,
    0x7b,
    0x20,
    0x18,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xc6,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0x86,
    0x87,
    0x98,
    0xfa,
    0x70,
    0x35,
    0x87,
    0x15,
    0x34,
    0x74,
    0x72,
    0x00,
};

static const uint8_t seed_close_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x09,
    0x00,
    0x00,
    0x00,
    0x0b,
    0x00,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x1c,
    0x3c,
    0x82,
    0x06,
    0x00,
    0x00,
    0x9f,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xab,
    0x5c,
    0xd9,
    0xd1,
    0x57,
    0x07,
    0xe4,
    0xbf,
    0xdd,
    0xca,
    0xb6,
    0xbe,
};

static const uint8_t seed_close_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x07,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0x1c,
    0x63,
    0x20,
    0x1c,
    0x3c,
    0x00,
    0x88,
    0xff,
    0xff,
    0x02,
    0x07,
    0xc8,
    0x61,
    0x4f,
    0xfe,
    0xfd,
    0x98,
    0xa5,
    0xb0,
    0x7c,
    0x2c,
    0xd4,
    0x81,
};

/* The Open Session Request: no trailer. */
static const uint8_t seed_open_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x10,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x20,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x00,
    0x00,
    0x00,
    0x08,
    0x01,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x00,
    0x08,
    0x01,
    0x00,
    0x00,
    0x00,
    0x02,
    0x00,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00,
    0x00,
};

struct vec {
	const uint8_t *p;
	size_t	       n;
	uint32_t       sid;
	uint32_t       seq;
	uint16_t       payload_len;
	uint8_t	       pad_len;
};

#define CONSOLE_SID 0xa0a2a3a4
#define BMC_SID	    0x00000682
#define VEC(a, sid, seq, plen, pad) \
	{ \
		a, sizeof(a), sid, seq, plen, pad \
	}
static const struct vec seeds[] = {
    VEC(seed_priv_req, BMC_SID, 3, 8, 2),
    VEC(seed_priv_rsp, CONSOLE_SID, 1, 9, 1),
    VEC(seed_hpm_req, BMC_SID, 4, 9, 1),
    VEC(seed_hpm_rsp, CONSOLE_SID, 2, 8, 2),
    VEC(seed_devid_req, BMC_SID, 5, 7, 3),
    VEC(seed_devid_rsp, CONSOLE_SID, 3, 23, 3),
    VEC(seed_picmg_req, BMC_SID, 6, 8, 2),
    VEC(seed_picmg_rsp, CONSOLE_SID, 4, 8, 2),
    VEC(seed_vso_req, BMC_SID, 7, 8, 2),
    VEC(seed_vso_rsp, CONSOLE_SID, 5, 8, 2),
    VEC(seed_chassis_req, BMC_SID, 8, 7, 3),
    VEC(seed_chassis_rsp, CONSOLE_SID, 6, 11, 3),
    VEC(seed_close_req, BMC_SID, 9, 11, 3),
    VEC(seed_close_rsp, CONSOLE_SID, 7, 8, 2),
};
#define NSEEDS	     (sizeof(seeds) / sizeof(seeds[0]))
#define AUTHCODE_LEN 12 /* HMAC-SHA1-96 */

/* RMCP header, session header, trailer: a whole datagram. */
static int
decode_all(
    const uint8_t *p, size_t n, size_t authcode_len, struct rmcpp_packet *pkt)
{
	struct rmcp_header h;
	struct rd	   r;
	int		   rc;

	rd_init(&r, p, n);
	if ((rc = rmcp_decode_header(&r, &h)) != 0 ||
	    (rc = rmcpp_decode_header(&r, pkt)) != 0)
		return rc;
	return rmcpp_decode_trailer(&r, authcode_len, pkt);
}

START_TEST(test_decode_seed)
{
	const struct vec   *v = &seeds[_i];
	struct rmcpp_packet pkt;

	ck_assert_int_eq(decode_all(v->p, v->n, AUTHCODE_LEN, &pkt), 0);
	ck_assert_uint_eq(pkt.payload_type, RMCPP_PT_IPMI);
	ck_assert_int_eq(pkt.authenticated, 1);
	ck_assert_int_eq(pkt.encrypted, 0);
	ck_assert_uint_eq(pkt.session_id, v->sid);
	ck_assert_uint_eq(pkt.seq, v->seq);
	ck_assert_uint_eq(pkt.payload_len, v->payload_len);
	ck_assert_ptr_eq(pkt.payload, v->p + 16);
	ck_assert_uint_eq(pkt.pad_len, v->pad_len);
	/* The auth code covers auth type through next header (§13.28.4). */
	ck_assert_ptr_eq(pkt.integrity_data, v->p + RMCP_HEADER_LEN);
	ck_assert_uint_eq(
	    pkt.integrity_len, v->n - RMCP_HEADER_LEN - AUTHCODE_LEN);
	ck_assert_uint_eq(pkt.integrity_len % 4, 0);
	ck_assert_ptr_eq(pkt.authcode, v->p + v->n - AUTHCODE_LEN);
	ck_assert_uint_eq(pkt.authcode_len, AUTHCODE_LEN);
}
END_TEST

/* The first in-session packet, as the brief spells it out. */
START_TEST(test_decode_priv_req_kat)
{
	static const uint8_t integrity[] = {
	    0x06,
	    0x40,
	    0x82,
	    0x06,
	    0x00,
	    0x00,
	    0x03,
	    0x00,
	    0x00,
	    0x00,
	    0x08,
	    0x00,
	    0x20,
	    0x18,
	    0xc8,
	    0x81,
	    0x04,
	    0x3b,
	    0x04,
	    0x3c,
	    0xff,
	    0xff,
	    0x02,
	    0x07,
	};
	static const uint8_t authcode[] = {
	    0x61,
	    0xff,
	    0xe9,
	    0x60,
	    0xe6,
	    0x5a,
	    0x56,
	    0x3c,
	    0xac,
	    0x5d,
	    0x28,
	    0x5a,
	};
	struct rmcpp_packet pkt;

	ck_assert_int_eq(decode_all(seed_priv_req, sizeof(seed_priv_req),
			     AUTHCODE_LEN, &pkt),
	    0);
	ck_assert_uint_eq(pkt.integrity_len, sizeof(integrity));
	ck_assert_mem_eq(pkt.integrity_data, integrity, sizeof(integrity));
	ck_assert_mem_eq(pkt.authcode, authcode, sizeof(authcode));
}
END_TEST

/* Re-encode the decoded fields, copy the auth code in: the same bytes. */
START_TEST(test_round_trip_seed)
{
	const struct vec   *v = &seeds[_i];
	struct rmcpp_packet pkt;
	uint8_t		    buf[128], *ac = NULL;
	size_t		    len = 0;

	ck_assert_int_eq(decode_all(v->p, v->n, AUTHCODE_LEN, &pkt), 0);
	ck_assert_int_eq(
	    rmcpp_encode(&pkt, AUTHCODE_LEN, buf, sizeof(buf), &len, &ac), 0);
	ck_assert_uint_eq(len, v->n);
	ck_assert_ptr_eq(ac, buf + len - AUTHCODE_LEN);
	memcpy(ac, pkt.authcode, AUTHCODE_LEN);
	ck_assert_mem_eq(buf, v->p, len);
}
END_TEST

START_TEST(test_decode_every_truncation)
{
	const struct vec   *v = &seeds[_i];
	struct rmcpp_packet pkt;
	size_t		    n;

	for (n = 0; n < v->n; n++)
		ck_assert_int_eq(
		    decode_all(v->p, n, AUTHCODE_LEN, &pkt), ERR_TRUNCATED);
}
END_TEST

/* A failing decode leaves the cursor where it was. */
START_TEST(test_decode_does_not_move)
{
	struct rmcpp_packet pkt;
	struct rd	    r;
	size_t		    n;

	for (n = RMCP_HEADER_LEN; n < sizeof(seed_priv_req); n++) {
		rd_init(&r, seed_priv_req, n);
		(void)rd_skip(&r, RMCP_HEADER_LEN);
		if (rmcpp_decode_header(&r, &pkt) != 0) {
			ck_assert_ptr_eq(
			    rd_pos(&r), seed_priv_req + RMCP_HEADER_LEN);
			continue;
		}
		ck_assert_ptr_eq(rd_pos(&r), seed_priv_req + 24);
		ck_assert_int_ne(
		    rmcpp_decode_trailer(&r, AUTHCODE_LEN, &pkt), 0);
		ck_assert_ptr_eq(rd_pos(&r), seed_priv_req + 24);
	}
}
END_TEST

START_TEST(test_decode_trailing)
{
	uint8_t		    buf[64];
	struct rmcpp_packet pkt;

	memcpy(buf, seed_priv_req, sizeof(seed_priv_req));
	buf[sizeof(seed_priv_req)] = 0;
	ck_assert_int_eq(
	    decode_all(buf, sizeof(seed_priv_req) + 1, AUTHCODE_LEN, &pkt),
	    ERR_TRAILING);
	/* The wrong auth code length is seen as such. */
	ck_assert_int_eq(
	    decode_all(seed_priv_req, sizeof(seed_priv_req), 8, &pkt),
	    ERR_TRAILING);
	ck_assert_int_eq(
	    decode_all(seed_priv_req, sizeof(seed_priv_req), 16, &pkt),
	    ERR_TRUNCATED);
	memcpy(buf, seed_open_req, sizeof(seed_open_req));
	buf[sizeof(seed_open_req)] = 0;
	ck_assert_int_eq(
	    decode_all(buf, sizeof(seed_open_req) + 1, 0, &pkt), ERR_TRAILING);
}
END_TEST

START_TEST(test_decode_bad_trailer)
{
	uint8_t		    buf[64];
	struct rmcpp_packet pkt;
	size_t		    n = sizeof(seed_priv_req);

	/* Pad bytes at 24-25, pad length at 26, next header at 27. */
	memcpy(buf, seed_priv_req, n);
	buf[25] = 0xfe;
	ck_assert_int_eq(decode_all(buf, n, AUTHCODE_LEN, &pkt), ERR_PAD);
	memcpy(buf, seed_priv_req, n);
	buf[26] = 0x06;
	ck_assert_int_eq(decode_all(buf, n, AUTHCODE_LEN, &pkt), ERR_PAD);
	memcpy(buf, seed_priv_req, n);
	buf[27] = 0x08;
	ck_assert_int_eq(decode_all(buf, n, AUTHCODE_LEN, &pkt), ERR_PAD);
}
END_TEST

START_TEST(test_decode_unauthenticated)
{
	struct rmcpp_packet pkt;

	ck_assert_int_eq(
	    decode_all(seed_open_req, sizeof(seed_open_req), 0, &pkt), 0);
	ck_assert_uint_eq(pkt.payload_type, RMCPP_PT_OPEN_SESSION_REQ);
	ck_assert_int_eq(pkt.authenticated, 0);
	ck_assert_int_eq(pkt.encrypted, 0);
	ck_assert_uint_eq(pkt.session_id, 0);
	ck_assert_uint_eq(pkt.seq, 0);
	ck_assert_uint_eq(pkt.payload_len, 32);
	ck_assert_ptr_null(pkt.authcode);
	ck_assert_uint_eq(pkt.authcode_len, 0);
}
END_TEST

START_TEST(test_decode_wrong_authtype)
{
	uint8_t		    buf[64];
	struct rmcpp_packet pkt;
	struct rd	    r;

	memcpy(buf, seed_priv_req, sizeof(seed_priv_req));
	buf[4] = 0x00;
	rd_init(
	    &r, buf + RMCP_HEADER_LEN, sizeof(seed_priv_req) - RMCP_HEADER_LEN);
	ck_assert_int_eq(rmcpp_decode_header(&r, &pkt), ERR_FORMAT);
	ck_assert_ptr_eq(rd_pos(&r), buf + RMCP_HEADER_LEN);
}
END_TEST

START_TEST(test_oem_explicit_round_trip)
{
	static const uint8_t payload[] = {0xde, 0xad, 0xbe, 0xef, 0x01};
	static const uint8_t want_hdr[] = {
	    0x06,
	    0x00,
	    0xff,
	    0x07,
	    0x06,
	    0xc2,
	    0x51,
	    0x12,
	    0x00,
	    0x00,
	    0x34,
	    0x12,
	    0x44,
	    0x33,
	    0x22,
	    0x11,
	    0x09,
	    0x00,
	    0x00,
	    0x00,
	    0x05,
	    0x00,
	};
	struct rmcpp_packet pkt, back;
	uint8_t		    buf[128], *ac;
	size_t		    len, i;

	memset(&pkt, 0, sizeof(pkt));
	pkt.payload_type = RMCPP_PT_OEM_EXPLICIT;
	pkt.encrypted = 1;
	pkt.authenticated = 1;
	pkt.oem_iana = 4689; /* 0x001251 */
	pkt.oem_payload_id = 0x1234;
	pkt.session_id = 0x11223344;
	pkt.seq = 9;
	pkt.payload = payload;
	pkt.payload_len = sizeof(payload);
	ck_assert_int_eq(
	    rmcpp_encode(&pkt, 16, buf, sizeof(buf), &len, &ac), 0);
	/* 18 header + 5 payload + 3 pad + 2 = 28, a multiple of 4. */
	ck_assert_uint_eq(len, RMCP_HEADER_LEN + 18 + 5 + 3 + 2 + 16);
	ck_assert_mem_eq(buf, want_hdr, sizeof(want_hdr));
	for (i = 0; i < 16; i++)
		ac[i] = (uint8_t)i;
	ck_assert_int_eq(decode_all(buf, len, 16, &back), 0);
	ck_assert_uint_eq(back.payload_type, RMCPP_PT_OEM_EXPLICIT);
	ck_assert_int_eq(back.encrypted, 1);
	ck_assert_uint_eq(back.oem_iana, 4689);
	ck_assert_uint_eq(back.oem_payload_id, 0x1234);
	ck_assert_uint_eq(back.session_id, 0x11223344);
	ck_assert_uint_eq(back.seq, 9);
	ck_assert_mem_eq(back.payload, payload, sizeof(payload));
	ck_assert_uint_eq(back.pad_len, 3);
	ck_assert_uint_eq(back.integrity_len, 28);
	ck_assert_mem_eq(back.authcode, ac, 16);
	ck_assert_int_eq(rmcpp_infer_authcode_len(&back, 3 + 2 + 16), 16);
}
END_TEST

START_TEST(test_infer_authcode_len)
{
	struct rmcpp_packet pkt;
	struct rmcp_header  h;
	size_t		    i, left;
	struct rd	    r;

	for (i = 0; i < NSEEDS; i++) {
		rd_init(&r, seeds[i].p, seeds[i].n);
		ck_assert_int_eq(rmcp_decode_header(&r, &h), 0);
		ck_assert_int_eq(rmcpp_decode_header(&r, &pkt), 0);
		ck_assert_int_eq(
		    rmcpp_infer_authcode_len(&pkt, rd_left(&r)), AUTHCODE_LEN);
	}
	/*
	 * pkt is now seed_close_rsp: pad 2, pad length, next header; only
	 * 12, 16 and 32 are auth code lengths.
	 */
	for (left = 0; left < 64; left++)
		ck_assert_int_eq(rmcpp_infer_authcode_len(&pkt, left),
		    left == 4 + 12	 ? 12
			: left == 4 + 16 ? 16
			: left == 4 + 32 ? 32
					 : -1);
	pkt.authenticated = 0;
	ck_assert_int_eq(rmcpp_infer_authcode_len(&pkt, 0), 0);
	ck_assert_int_eq(rmcpp_infer_authcode_len(&pkt, 4), -1);
}
END_TEST

START_TEST(test_encode_unauthenticated)
{
	struct rmcpp_packet pkt;
	uint8_t		    buf[64], *ac = buf;
	size_t		    len;

	ck_assert_int_eq(
	    decode_all(seed_open_req, sizeof(seed_open_req), 0, &pkt), 0);
	ck_assert_int_eq(
	    rmcpp_encode(&pkt, 12, buf, sizeof(buf), &len, &ac), 0);
	ck_assert_ptr_null(ac);
	ck_assert_uint_eq(len, sizeof(seed_open_req));
	ck_assert_mem_eq(buf, seed_open_req, len);
}
END_TEST

START_TEST(test_encode_errors)
{
	struct rmcpp_packet pkt;
	uint8_t		    buf[128], *ac;
	size_t		    cap, len = 99;

	ck_assert_int_eq(decode_all(seed_devid_rsp, sizeof(seed_devid_rsp),
			     AUTHCODE_LEN, &pkt),
	    0);
	for (cap = 0; cap < sizeof(seed_devid_rsp); cap++)
		ck_assert_int_eq(
		    rmcpp_encode(&pkt, AUTHCODE_LEN, buf, cap, &len, &ac),
		    ERR_NOSPACE);
	ck_assert_uint_eq(len, 99);
	ck_assert_int_eq(rmcpp_encode(&pkt, RMCPP_AUTHCODE_MAX + 1, buf,
			     sizeof(buf), &len, &ac),
	    ERR_INVALID_ARG);
	pkt.payload_type = 0x40;
	ck_assert_int_eq(
	    rmcpp_encode(&pkt, AUTHCODE_LEN, buf, sizeof(buf), &len, &ac),
	    ERR_INVALID_ARG);
	pkt.payload_type = RMCPP_PT_IPMI;
	pkt.payload = NULL;
	ck_assert_int_eq(
	    rmcpp_encode(&pkt, AUTHCODE_LEN, buf, sizeof(buf), &len, NULL),
	    ERR_INVALID_ARG);
}
END_TEST

static Suite *
rmcpp_suite(void)
{
	Suite *s = suite_create("rmcpp");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_decode_seed, 0, NSEEDS);
	tcase_add_test(tc, test_decode_priv_req_kat);
	tcase_add_loop_test(tc, test_round_trip_seed, 0, NSEEDS);
	tcase_add_loop_test(tc, test_decode_every_truncation, 0, NSEEDS);
	tcase_add_test(tc, test_decode_does_not_move);
	tcase_add_test(tc, test_decode_trailing);
	tcase_add_test(tc, test_decode_bad_trailer);
	tcase_add_test(tc, test_decode_unauthenticated);
	tcase_add_test(tc, test_decode_wrong_authtype);
	tcase_add_test(tc, test_oem_explicit_round_trip);
	tcase_add_test(tc, test_infer_authcode_len);
	tcase_add_test(tc, test_encode_unauthenticated);
	tcase_add_test(tc, test_encode_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rmcpp_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
