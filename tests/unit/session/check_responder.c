/*
 * The responder's own decisions: every drop rule it can take alone, the
 * RMCP+ status codes of the handshake, retransmits, the response cache,
 * and the session commands.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aes.h"
#include "asf.h"
#include "err.h"
#include "hash.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "protect.h"
#include "rakp.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "rng.h"
#include "suite.h"
#include "testutil.h"

struct fixture {
	struct responder_config cfg;
	struct tu_bmc		bmc;
	struct rng	       *rng;
	struct responder       *r;
	uint8_t			out[RESPONDER_DATAGRAM_MAX];
	size_t			outlen;
	enum responder_drop	why;
};

static struct fixture f;

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
	responder_config_defaults(&f.cfg);
	tu_bmc_init(&f.bmc);
	tu_bmc_add_user(&f.bmc, "admin", "password", IPMI_PRIV_ADMIN);
	tu_bmc_answer(&f.bmc, IPMI_NETFN_CHASSIS, 0x02, 0, NULL, 0);
	f.rng = rng_new_seeded(1);
	f.r = responder_new(&f.cfg, &tu_bmc_ops, &f.bmc, f.rng);
}

static void
teardown(void)
{
	responder_free(f.r);
	rng_free(f.rng);
}

static int
feed(const uint8_t *p, size_t n)
{
	return responder_input(
	    f.r, 100, NULL, p, n, f.out, sizeof(f.out), &f.outlen, &f.why);
}

static int
feed_from(
    const struct peer_addr *peer, uint64_t now, const uint8_t *p, size_t n)
{
	return responder_input(
	    f.r, now, peer, p, n, f.out, sizeof(f.out), &f.outlen, &f.why);
}

static struct peer_addr
peer4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint16_t port)
{
	struct peer_addr p;

	memset(&p, 0, sizeof(p));
	p.family = 4;
	p.addr[0] = a;
	p.addr[1] = b;
	p.addr[2] = c;
	p.addr[3] = d;
	p.port = port;
	return p;
}

static int
feed_hex(const char *hex)
{
	uint8_t b[512];

	return feed(b, tu_hex(hex, b, sizeof(b)));
}

static void
assert_drop(enum responder_drop why)
{
	ck_assert_uint_eq(f.why, why);
	ck_assert_uint_eq(f.outlen, 0);
}

/* A sessionless IPMI 1.5 Get Channel Auth Caps, channel E, ADMIN. */
#define AUTH_CAPS_15 \
	"06 00 ff 07 00 00 00 00 00 00 00 00 00 09 20 18 c8 81 00 38 8e 04 b5"

START_TEST(test_drop_short)
{
	ck_assert_int_eq(feed_hex("06 00 ff"), 0);
	assert_drop(RESPONDER_DROP_SHORT);
	ck_assert_int_eq(feed_hex("06 00 ff 07"), 0);
	assert_drop(RESPONDER_DROP_SHORT);
}
END_TEST

START_TEST(test_drop_rmcp_header)
{
	ck_assert_int_eq(feed_hex("07 00 ff 07 00 00 00 00 00 00 00 00 00 09 "
				  "20 18 c8 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_RMCP_VERSION);
	ck_assert_int_eq(feed_hex("06 00 01 07 00 00 00 00 00 00 00 00 00 09 "
				  "20 18 c8 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_RMCP_SEQ);
	ck_assert_int_eq(feed_hex("06 00 ff 09 00"), 0);
	assert_drop(RESPONDER_DROP_RMCP_CLASS);
	ck_assert_int_eq(feed_hex("06 00 ff 86"), 0);
	assert_drop(RESPONDER_DROP_RMCP_CLASS);
}
END_TEST

START_TEST(test_asf_ping_pong)
{
	struct asf_pong pong;
	const uint8_t  *data;

	/* ASF ping, RMCP seq 5, tag 0x2a. */
	ck_assert_int_eq(feed_hex("06 00 05 06 00 00 11 be 80 2a 00 00"), 1);
	ck_assert_uint_eq(f.outlen, 4 + 8 + 16);
	tu_assert_bytes(f.out, 12,
	    (const uint8_t *)"\x06\x00\x05\x06\x00\x00\x11\xbe\x40\x2a\x00\x10",
	    12);
	data = f.out + 12;
	ck_assert_int_eq(asf_decode_pong(data, 16, &pong), 0);
	ck_assert_uint_eq(pong.iana, ASF_IANA);
	ck_assert_uint_eq(pong.entities, 0x81);
	/* A pong, or a ping with a foreign IANA, is not answered. */
	ck_assert_int_eq(feed_hex("06 00 05 06 00 00 11 be 40 2a 00 00"), 0);
	assert_drop(RESPONDER_DROP_ASF);
	ck_assert_int_eq(feed_hex("06 00 05 06 00 00 11 bf 80 2a 00 00"), 0);
	assert_drop(RESPONDER_DROP_ASF);
	ck_assert_int_eq(feed_hex("06 00 05 06 00 00 11 be 80 2a 00 01"), 0);
	assert_drop(RESPONDER_DROP_ASF);
}
END_TEST

START_TEST(test_auth_caps)
{
	struct ipmi_rsp	      rsp;
	struct ipmi15_session w;
	struct rd	      rd;

	ck_assert_int_eq(feed_hex(AUTH_CAPS_15), 1);
	rd_init(&rd, f.out + 4, f.outlen - 4);
	ck_assert_int_eq(ipmi15_decode(&rd, &w), 0);
	ck_assert_int_eq(ipmimsg_decode_rsp(w.msg, w.msg_len, &rsp), 0);
	ck_assert_uint_eq(rsp.cc, 0);
	/* Channel 1; 2.0 data + MD5; named users; 1.5 and 2.0. */
	tu_assert_bytes(rsp.data, rsp.data_len,
	    (const uint8_t *)"\x01\x84\x04\x03\x00\x00\x00\x00", 8);
	/* Wrong channel: 0xCC. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 09 "
				  "20 18 c8 81 00 38 85 04 be"),
	    1);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(f.out + 14, f.outlen - 14, &rsp), 0);
	ck_assert_uint_eq(rsp.cc, IPMI_CC_INVALID_DATA_FIELD);
}
END_TEST

START_TEST(test_drop_checksum_and_length)
{
	/* The second checksum off by one. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 09 "
				  "20 18 c8 81 00 38 8e 04 b6"),
	    0);
	assert_drop(RESPONDER_DROP_CHECKSUM);
	/* The first checksum. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 09 "
				  "20 18 c9 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_CHECKSUM);
	/* The message length says 10, 9 follow. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 0a "
				  "20 18 c8 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_LENGTH);
	/* A byte too many (and not a legacy pad). */
	ck_assert_int_eq(feed_hex(AUTH_CAPS_15 " 00"), 0);
	assert_drop(RESPONDER_DROP_LENGTH);
}
END_TEST

START_TEST(test_drop_authtype)
{
	ck_assert_int_eq(feed_hex("06 00 ff 07 03 00 00 00 00 00 00 00 00 09 "
				  "20 18 c8 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_AUTHTYPE);
	/* Sessionless but signed: not a thing. */
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 02 00 00 00 00 00 00 00 00 "
		     "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
		     "09 20 18 c8 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_AUTHTYPE);
}
END_TEST

START_TEST(test_drop_unknown_session)
{
	/* RMCP+ authenticated IPMI payload for session 0x12345678. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 06 40 78 56 34 12 01 00 00 00 "
				  "08 00 20 18 c8 81 04 3b 04 3c ff ff 02 07 "
				  "00 00 00 00 00 00 00 00 "
				  "00 00 00 00"),
	    0);
	assert_drop(RESPONDER_DROP_SESSION);
	/* IPMI 1.5 MD5 for an unknown session. */
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 02 01 00 00 00 78 56 34 12 "
		     "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
		     "09 20 18 c8 81 04 3b 04 3c 00"),
	    0);
	assert_drop(RESPONDER_DROP_SESSION);
}
END_TEST

/* Sends a raw Open Session request payload; returns the reply's status. */
static uint8_t
open_session(const char *payload_hex, struct rakp_open_rsp *o)
{
	struct rmcpp_packet p;
	uint8_t		    payload[64], dg[128];
	size_t		    plen, dglen;

	plen = tu_hex(payload_hex, payload, sizeof(payload));
	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_OPEN_SESSION_REQ;
	p.payload = payload;
	p.payload_len = (uint16_t)plen;
	ck_assert_int_eq(rmcpp_encode(&p, 0, dg, sizeof(dg), &dglen, NULL), 0);
	ck_assert_int_eq(feed(dg, dglen), 1);
	/* 4 RMCP + 12 session header; payload type Open Session Response. */
	ck_assert_uint_eq(f.out[5], RMCPP_PT_OPEN_SESSION_RSP);
	ck_assert_int_eq(rakp_decode_open_rsp(f.out + 16, f.outlen - 16, o), 0);
	return o->status;
}

#define ALG(t, a) " 0" #t " 00 00 08 0" #a " 00 00 00"

START_TEST(test_open_session_status_codes)
{
	struct rakp_open_rsp o;

	/* Suite 17: SHA256 / SHA256-128 / AES. */
	ck_assert_uint_eq(
	    open_session(
		"01 04 00 00 11 22 33 44" ALG(0, 3) ALG(1, 4) ALG(2, 1), &o),
	    0x00);
	ck_assert_uint_eq(o.tag, 1);
	ck_assert_uint_eq(o.console_sid, 0x44332211);
	ck_assert_uint_eq(o.max_priv, IPMI_PRIV_ADMIN);
	ck_assert_uint_ne(o.bmc_sid, 0);
	ck_assert_uint_eq(o.auth_alg, 3);
	/* Wrong length. */
	ck_assert_uint_eq(
	    open_session("02 04 00 00 11 22 33 45" ALG(0, 3) ALG(1, 4), &o),
	    0x12);
	ck_assert_uint_eq(o.tag, 2);
	ck_assert_uint_eq(o.console_sid, 0x45332211);
	/* A bad payload length byte. */
	ck_assert_uint_eq(
	    open_session("02 04 00 00 11 22 33 45"
			 " 00 00 00 07 03 00 00 00" ALG(1, 4) ALG(2, 1),
		&o),
	    0x12);
	/* Console session ID 0. */
	ck_assert_uint_eq(
	    open_session(
		"03 04 00 00 00 00 00 00" ALG(0, 3) ALG(1, 4) ALG(2, 1), &o),
	    0x02);
	/* Role 6. */
	ck_assert_uint_eq(
	    open_session(
		"04 06 00 00 11 22 33 46" ALG(0, 3) ALG(1, 4) ALG(2, 1), &o),
	    0x09);
	/* Unknown algorithms. */
	ck_assert_uint_eq(
	    open_session(
		"05 04 00 00 11 22 33 47" ALG(0, 7) ALG(1, 4) ALG(2, 1), &o),
	    0x04);
	ck_assert_uint_eq(
	    open_session(
		"06 04 00 00 11 22 33 48" ALG(0, 3) ALG(1, 9) ALG(2, 1), &o),
	    0x05);
	ck_assert_uint_eq(
	    open_session(
		"07 04 00 00 11 22 33 49" ALG(0, 3) ALG(1, 4) ALG(2, 9), &o),
	    0x10);
	/* RC4 is refused as such. */
	ck_assert_uint_eq(
	    open_session(
		"08 04 00 00 11 22 33 4a" ALG(0, 1) ALG(1, 1) ALG(2, 2), &o),
	    0x10);
	/* Each valid, but no enabled suite: 2 (SHA1, SHA1-96, none). */
	ck_assert_uint_eq(
	    open_session(
		"09 04 00 00 11 22 33 4b" ALG(0, 1) ALG(1, 1) ALG(2, 0), &o),
	    0x11);
	/* A triple no suite has at all. */
	ck_assert_uint_eq(
	    open_session(
		"0a 04 00 00 11 22 33 4c" ALG(0, 3) ALG(1, 1) ALG(2, 1), &o),
	    0x11);
	/* Cipher 0 when disabled. */
	ck_assert_uint_eq(
	    open_session(
		"0b 04 00 00 11 22 33 4d" ALG(0, 0) ALG(1, 0) ALG(2, 0), &o),
	    0x11);
	/* Only the first request took a slot. */
	ck_assert_uint_eq(responder_active_sessions(f.r), 0);
}
END_TEST

START_TEST(test_open_session_too_short_dropped)
{
	struct rmcpp_packet p;
	uint8_t		    dg[64];
	size_t		    dglen;

	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_OPEN_SESSION_REQ;
	p.payload = (const uint8_t *)"\x01\x04\x00\x00\x11\x22\x33";
	p.payload_len = 7;
	ck_assert_int_eq(rmcpp_encode(&p, 0, dg, sizeof(dg), &dglen, NULL), 0);
	ck_assert_int_eq(feed(dg, dglen), 0);
	assert_drop(RESPONDER_DROP_LENGTH);
}
END_TEST

START_TEST(test_open_session_retransmit_same_answer)
{
	struct rakp_open_rsp o1, o2;
	uint8_t		     first[128];
	size_t		     firstlen;

	open_session(
	    "01 00 00 00 11 22 33 44" ALG(0, 3) ALG(1, 4) ALG(2, 1), &o1);
	memcpy(first, f.out, f.outlen);
	firstlen = f.outlen;
	open_session(
	    "01 00 00 00 11 22 33 44" ALG(0, 3) ALG(1, 4) ALG(2, 1), &o2);
	tu_assert_bytes(f.out, f.outlen, first, firstlen);
	ck_assert_uint_eq(responder_stats(f.r)->handshake_repeats, 1);
}
END_TEST

/* Logs in with an initiator, keeping the RAKP1 and RAKP3 datagrams. */
struct logged_in {
	struct initiator *in;
	struct rng	 *rng;
	uint8_t		  rakp1[128], rakp2[128], rakp3[128];
	uint8_t		  rakp4[128];
	size_t		  rakp1_len, rakp2_len, rakp3_len, rakp4_len;
	uint8_t		  k1[SUITE_KEY_MAX], k2[SUITE_KEY_MAX];
};

static void
login_trace_cb(void *arg, const char *label, const uint8_t *p, size_t n)
{
	struct logged_in *l = arg;

	if (strcmp(label, "k1") == 0)
		memcpy(l->k1, p, n);
	else if (strcmp(label, "k2") == 0)
		memcpy(l->k2, p, n);
}

static void
login_keep_opts(struct logged_in *l, uint8_t suite, int set_privilege)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	uint8_t			a[RESPONDER_DATAGRAM_MAX];
	size_t			alen;
	int			rc;

	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = suite;
	ic.set_privilege = (uint8_t)set_privilege;
	l->rng = rng_new_seeded(3);
	l->in = initiator_new(&ic, l->rng);
	memset(l->k1, 0, sizeof(l->k1));
	memset(l->k2, 0, sizeof(l->k2));
	initiator_set_trace(l->in, login_trace_cb, l);
	ck_assert_int_eq(initiator_start(l->in, a, sizeof(a), &alen), 0);
	for (;;) {
		enum initiator_state st = initiator_state(l->in);

		if (st == INITIATOR_RAKP1) {
			memcpy(l->rakp1, a, alen);
			l->rakp1_len = alen;
		} else if (st == INITIATOR_RAKP3) {
			memcpy(l->rakp3, a, alen);
			l->rakp3_len = alen;
		}
		ck_assert_int_eq(feed(a, alen), 1);
		if (st == INITIATOR_RAKP1) {
			memcpy(l->rakp2, f.out, f.outlen);
			l->rakp2_len = f.outlen;
		} else if (st == INITIATOR_RAKP3) {
			memcpy(l->rakp4, f.out, f.outlen);
			l->rakp4_len = f.outlen;
		}
		rc = initiator_input(
		    l->in, f.out, f.outlen, a, sizeof(a), &alen, &ev);
		if (rc == INITIATOR_DONE)
			break;
		ck_assert_int_eq(rc, INITIATOR_SEND);
	}
}

static void
login_keep(struct logged_in *l, uint8_t suite)
{
	login_keep_opts(l, suite, 1);
}

static void
logout(struct logged_in *l)
{
	initiator_free(l->in);
	rng_free(l->rng);
}

START_TEST(test_handshake_retransmits_and_state)
{
	struct logged_in l;

	/* No Set Session Privilege: as if RAKP4 were lost on the way. */
	login_keep_opts(&l, 17, 0);
	/* RAKP1 again after the session is active: wrong state, dropped. */
	ck_assert_int_eq(feed(l.rakp1, l.rakp1_len), 0);
	assert_drop(RESPONDER_DROP_HANDSHAKE);
	/* RAKP3 again: the same RAKP4. */
	ck_assert_int_eq(feed(l.rakp3, l.rakp3_len), 1);
	tu_assert_bytes(f.out, f.outlen, l.rakp4, l.rakp4_len);
	ck_assert_uint_eq(responder_active_sessions(f.r), 1);
	logout(&l);
}
END_TEST

START_TEST(test_rakp1_retransmit_same_rakp2)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *rng = rng_new_seeded(8);
	uint8_t			a[256], first[256];
	size_t			alen, firstlen;

	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 3;
	in = initiator_new(&ic, rng);
	initiator_start(in, a, sizeof(a), &alen);
	while (initiator_state(in) != INITIATOR_RAKP1) {
		ck_assert_int_eq(feed(a, alen), 1);
		initiator_input(in, f.out, f.outlen, a, sizeof(a), &alen, &ev);
	}
	ck_assert_int_eq(feed(a, alen), 1);
	memcpy(first, f.out, f.outlen);
	firstlen = f.outlen;
	ck_assert_int_eq(initiator_retransmit(in, a, sizeof(a), &alen), 0);
	ck_assert_int_eq(feed(a, alen), 1);
	tu_assert_bytes(f.out, f.outlen, first, firstlen);
	/* A different RAKP1 for the same session is out of state. */
	a[alen - 1] ^= 0x20;
	ck_assert_int_eq(feed(a, alen), 0);
	assert_drop(RESPONDER_DROP_HANDSHAKE);
	/* The original exchange still completes. */
	ck_assert_int_eq(
	    initiator_input(in, first, firstlen, a, sizeof(a), &alen, &ev),
	    INITIATOR_SEND);
	ck_assert_int_eq(feed(a, alen), 1);
	ck_assert_int_eq(
	    initiator_input(in, f.out, f.outlen, a, sizeof(a), &alen, &ev),
	    INITIATOR_SEND);
	initiator_free(in);
	rng_free(rng);
}
END_TEST

START_TEST(test_rakp1_name_too_long_0c)
{
	struct rakp_open_rsp o;
	struct rmcpp_packet  p;
	struct rakp2	     r2;
	uint8_t		     payload[64], dg[128];
	size_t		     plen, dglen;

	open_session(
	    "01 04 00 00 11 22 33 44" ALG(0, 3) ALG(1, 4) ALG(2, 1), &o);
	memset(payload, 0, sizeof(payload));
	payload[4] = (uint8_t)o.bmc_sid;
	payload[5] = (uint8_t)(o.bmc_sid >> 8);
	payload[6] = (uint8_t)(o.bmc_sid >> 16);
	payload[7] = (uint8_t)(o.bmc_sid >> 24);
	payload[24] = 0x14;
	payload[27] = 17; /* name length 17 */
	plen = 28 + 17;
	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_RAKP1;
	p.payload = payload;
	p.payload_len = (uint16_t)plen;
	ck_assert_int_eq(rmcpp_encode(&p, 0, dg, sizeof(dg), &dglen, NULL), 0);
	ck_assert_int_eq(feed(dg, dglen), 1);
	ck_assert_int_eq(rakp_decode_rakp2(f.out + 16, f.outlen - 16, &r2), 0);
	ck_assert_uint_eq(r2.status, RMCPP_STATUS_INVALID_NAME_LEN);
	ck_assert_uint_eq(r2.console_sid, 0x44332211);
	ck_assert_uint_eq(f.outlen, 16 + 8);
}
END_TEST

START_TEST(test_in_session_drops)
{
	struct logged_in       l;
	struct initiator_event ev;
	uint8_t a[RESPONDER_DATAGRAM_MAX], copy[RESPONDER_DATAGRAM_MAX];
	size_t	alen;

	login_keep(&l, 17);
	ck_assert_int_eq(initiator_request(l.in, IPMI_NETFN_CHASSIS, 0x02,
			     (const uint8_t *)"\x01", 1, a, sizeof(a), &alen),
	    0);
	memcpy(copy, a, alen);
	/* Integrity: any flipped byte of the covered span or the code. */
	copy[20] ^= 0x01;
	ck_assert_int_eq(feed(copy, alen), 0);
	assert_drop(RESPONDER_DROP_INTEGRITY);
	copy[20] ^= 0x01;
	copy[alen - 1] ^= 0x80;
	ck_assert_int_eq(feed(copy, alen), 0);
	assert_drop(RESPONDER_DROP_INTEGRITY);
	copy[alen - 1] ^= 0x80;
	/* Flags: the encrypted bit cleared. */
	copy[5] &= (uint8_t)~RMCPP_PAYLOAD_ENCRYPTED;
	ck_assert_int_eq(feed(copy, alen), 0);
	assert_drop(RESPONDER_DROP_FLAGS);
	copy[5] |= RMCPP_PAYLOAD_ENCRYPTED;
	/* The genuine packet is accepted once... */
	ck_assert_int_eq(feed(a, alen), 1);
	ck_assert_int_eq(initiator_input(l.in, f.out, f.outlen, copy,
			     sizeof(copy), &alen, &ev),
	    INITIATOR_RESPONSE);
	/* ...and its replay is a duplicate sequence number. */
	ck_assert_int_eq(
	    initiator_request(l.in, IPMI_NETFN_CHASSIS, 0x02,
		(const uint8_t *)"\x01", 1, copy, sizeof(copy), &alen),
	    0);
	ck_assert_int_eq(feed(copy, alen), 1);
	memcpy(a, copy, alen);
	ck_assert_int_eq(feed(a, alen), 0);
	assert_drop(RESPONDER_DROP_SEQUENCE);
	ck_assert_uint_eq(f.bmc.executed[0], 2);
	logout(&l);
}
END_TEST

START_TEST(test_retry_answered_from_cache)
{
	struct logged_in       l;
	struct initiator_event ev;
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen;

	login_keep(&l, 3);
	/* Chassis Control, power cycle; the reply is "lost". */
	ck_assert_int_eq(initiator_request(l.in, IPMI_NETFN_CHASSIS, 0x02,
			     (const uint8_t *)"\x02", 1, a, sizeof(a), &alen),
	    0);
	ck_assert_int_eq(feed(a, alen), 1);
	/* The retry: same rqSeq, new session sequence number. */
	ck_assert_int_eq(initiator_retransmit(l.in, b, sizeof(b), &blen), 0);
	ck_assert_int_ne(memcmp(a, b, blen < alen ? blen : alen), 0);
	ck_assert_int_eq(feed(b, blen), 1);
	ck_assert_int_eq(
	    initiator_input(l.in, f.out, f.outlen, a, sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	ck_assert_uint_eq(f.bmc.executed[0], 1);
	ck_assert_uint_eq(responder_stats(f.r)->cached_replies, 1);
	/* A new request with the next rqSeq runs again. */
	ck_assert_int_eq(tu_call(f.r, l.in, 200, IPMI_NETFN_CHASSIS, 0x02,
			     (const uint8_t *)"\x02", 1, &ev, NULL),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(f.bmc.executed[0], 2);
	logout(&l);
}
END_TEST

START_TEST(test_bad_confidentiality_pad)
{
	struct logged_in       l;
	struct initiator_event ev;
	struct protect_keys    keys;
	struct rmcpp_packet    p;
	uint8_t	       block[16], sealed[32], dg[128], iv[16], *authcode;
	size_t	       dglen, msglen;
	const uint8_t *start;

	login_keep(&l, 3);
	ck_assert_int_eq(tu_call(f.r, l.in, 150, IPMI_NETFN_CHASSIS, 0x02,
			     (const uint8_t *)"\x01", 1, &ev, NULL),
	    INITIATOR_RESPONSE);
	/*
	 * Integrity right, pad wrong: built by hand from the session's K1
	 * and K2 (seen through the initiator's trace).  The IPMI pad after
	 * 8 message bytes must be 01 02 .. 07 then 07; ours is zeros.
	 */
	memset(&keys, 0, sizeof(keys));
	keys.auth_alg = AUTH_ALG_RAKP_HMAC_SHA1;
	keys.integ_alg = INTEG_ALG_HMAC_SHA1_96;
	keys.conf_alg = CONF_ALG_AES_CBC_128;
	memcpy(keys.k1, l.k1, sizeof(keys.k1));
	memcpy(keys.k2, l.k2, sizeof(keys.k2));
	msglen = tu_hex("20 00 e0 81 0c 02 01 70", block, sizeof(block));
	memset(block + msglen, 0, sizeof(block) - msglen);
	block[15] = 7;
	memset(iv, 0x5a, sizeof(iv));
	memcpy(sealed, iv, 16);
	ck_assert_int_eq(
	    aes_cbc128_encrypt(keys.k2, iv, block, 16, sealed + 16), 0);
	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_IPMI;
	p.authenticated = 1;
	p.encrypted = 1;
	p.session_id = initiator_bmc_session_id(l.in);
	p.seq = 3;
	p.payload = sealed;
	p.payload_len = sizeof(sealed);
	ck_assert_int_eq(
	    rmcpp_encode(&p, 12, dg, sizeof(dg), &dglen, &authcode), 0);
	start = dg + RMCP_HEADER_LEN;
	ck_assert_int_eq(protect_integrity(&keys, start,
			     (size_t)(authcode - start), authcode),
	    0);
	ck_assert_int_eq(feed(dg, dglen), 0);
	assert_drop(RESPONDER_DROP_PAD);
	/* The same with the right pad is accepted: the test is honest. */
	block[8] = 1;
	block[9] = 2;
	block[10] = 3;
	block[11] = 4;
	block[12] = 5;
	block[13] = 6;
	block[14] = 7;
	ck_assert_int_eq(
	    aes_cbc128_encrypt(keys.k2, iv, block, 16, sealed + 16), 0);
	ck_assert_int_eq(
	    rmcpp_encode(&p, 12, dg, sizeof(dg), &dglen, &authcode), 0);
	ck_assert_int_eq(protect_integrity(&keys, start,
			     (size_t)(authcode - start), authcode),
	    0);
	ck_assert_int_eq(feed(dg, dglen), 1);
	ck_assert_uint_eq(f.bmc.executed[0], 2);
	logout(&l);
}
END_TEST

/*
 * The payload-type table: a type without a row (or without a handler on
 * the side of a session it arrived on) is dropped as "payload"; inside a
 * session only after every session check, so it uses up its sequence
 * number and the session goes on.
 */
START_TEST(test_payload_types_without_row_dropped)
{
	static const uint8_t   sol[] = {0x01, 0x00, 0x00, 0x00, 'x'};
	struct logged_in       l;
	struct initiator_event ev;
	struct protect_keys    keys;
	struct rmcpp_packet    p;
	uint8_t		       dg[128], *authcode, block[16], sealed[32];
	size_t		       dglen;
	const uint8_t	      *start;
	unsigned	       i;

	/* Outside a session: SOL (1), Open Session Response (11h), 3Fh. */
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 06 01 00 00 00 00 00 00 00 00 00 00"), 0);
	assert_drop(RESPONDER_DROP_PAYLOAD);
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 06 11 00 00 00 00 00 00 00 00 00 00"), 0);
	assert_drop(RESPONDER_DROP_RESPONSE);
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 06 3f 00 00 00 00 00 00 00 00 00 00"), 0);
	assert_drop(RESPONDER_DROP_PAYLOAD);
	ck_assert_uint_eq(
	    responder_stats(f.r)->drops[RESPONDER_DROP_PAYLOAD], 2);

	/*
	 * Inside one (suite 3): a SOL payload sealed with K2 and signed with
	 * K1, the keys seen through the initiator's trace.
	 */
	login_keep(&l, 3);
	memset(&keys, 0, sizeof(keys));
	keys.auth_alg = AUTH_ALG_RAKP_HMAC_SHA1;
	keys.integ_alg = INTEG_ALG_HMAC_SHA1_96;
	keys.conf_alg = CONF_ALG_AES_CBC_128;
	memcpy(keys.k1, l.k1, sizeof(keys.k1));
	memcpy(keys.k2, l.k2, sizeof(keys.k2));
	/* 5 bytes, the pad 01..0a, its length 0a (IPMI 2.0 §13.29). */
	memcpy(block, sol, sizeof(sol));
	for (i = 0; i < 10; i++)
		block[sizeof(sol) + i] = (uint8_t)(i + 1);
	block[15] = 10;
	memset(sealed, 0x3c, 16);
	ck_assert_int_eq(
	    aes_cbc128_encrypt(keys.k2, sealed, block, 16, sealed + 16), 0);
	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_SOL;
	p.authenticated = 1;
	p.encrypted = 1;
	p.session_id = initiator_bmc_session_id(l.in);
	p.seq = 10;
	p.payload = sealed;
	p.payload_len = sizeof(sealed);
	ck_assert_int_eq(
	    rmcpp_encode(&p, 12, dg, sizeof(dg), &dglen, &authcode), 0);
	start = dg + RMCP_HEADER_LEN;
	ck_assert_int_eq(protect_integrity(&keys, start,
			     (size_t)(authcode - start), authcode),
	    0);
	ck_assert_int_eq(feed(dg, dglen), 0);
	assert_drop(RESPONDER_DROP_PAYLOAD);
	ck_assert_uint_eq(
	    responder_stats(f.r)->drops[RESPONDER_DROP_PAYLOAD], 3);
	/* Its sequence number was taken: the same datagram is a replay. */
	ck_assert_int_eq(feed(dg, dglen), 0);
	assert_drop(RESPONDER_DROP_SEQUENCE);
	/* And the session still answers. */
	ck_assert_int_eq(tu_call(f.r, l.in, 150, IPMI_NETFN_CHASSIS, 0x02,
			     (const uint8_t *)"\x01", 1, &ev, NULL),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	logout(&l);
}
END_TEST

/*
 * The session-command table's format column: Get Session Challenge is an
 * IPMI 1.5 command; over RMCP+ outside a session the model answers it as
 * any other command (and the responder opens no session).
 */
START_TEST(test_challenge_over_rmcpp_goes_to_model)
{
	struct ipmi_req	      req;
	struct ipmi_rsp	      rsp;
	uint8_t		      data[17], msg[64], dg[128];
	size_t		      msglen, dglen;
	struct rmcpp_packet   p;
	struct ipmi15_session w;

	memset(data, 0, sizeof(data));
	data[0] = IPMI15_AUTHTYPE_MD5;
	memcpy(data + 1, "admin", 5);
	memset(&req, 0, sizeof(req));
	req.rs_addr = IPMIMSG_BMC_ADDR;
	req.netfn = IPMI_NETFN_APP;
	req.rq_addr = IPMIMSG_CONSOLE_ADDR;
	req.rq_seq = 4;
	req.cmd = 0x39;
	req.data = data;
	req.data_len = sizeof(data);
	ck_assert_int_eq(
	    ipmimsg_encode_req(&req, msg, sizeof(msg), &msglen), 0);
	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_IPMI;
	p.payload = msg;
	p.payload_len = (uint16_t)msglen;
	ck_assert_int_eq(rmcpp_encode(&p, 0, dg, sizeof(dg), &dglen, NULL), 0);
	ck_assert_int_eq(feed(dg, dglen), 1);
	ck_assert_uint_eq(f.bmc.calls, 1);
	ck_assert_uint_eq(f.bmc.last.in_session, 0);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(f.out + 16, f.outlen - 16, &rsp), 0);
	ck_assert_uint_eq(rsp.cmd, 0x39);
	ck_assert_uint_eq(rsp.cc, IPMI_CC_INVALID_CMD);
	ck_assert_uint_eq(responder_stats(f.r)->sessions_opened, 0);
	/* The same in the IPMI 1.5 format is the responder's: a challenge. */
	memset(&w, 0, sizeof(w));
	w.msg = msg;
	w.msg_len = (uint8_t)msglen;
	ck_assert_int_eq(ipmi15_encode(&w, dg, sizeof(dg), &dglen), 0);
	ck_assert_int_eq(feed(dg, dglen), 1);
	ck_assert_uint_eq(f.bmc.calls, 1);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(f.out + 14, f.outlen - 14, &rsp), 0);
	ck_assert_uint_eq(rsp.cc, 0);
	ck_assert_uint_eq(rsp.data_len, 20);
}
END_TEST

START_TEST(test_ipmi15_packet_with_rmcpp_session_id)
{
	struct logged_in      l;
	struct ipmi15_session w;
	uint8_t		      msg[16], dg[128];
	size_t		      msglen, dglen;

	login_keep(&l, 17);
	msglen = tu_hex("20 18 c8 81 04 3b 04 3c", msg, sizeof(msg));
	memset(&w, 0, sizeof(w));
	w.authtype = IPMI15_AUTHTYPE_MD5;
	w.session_id = initiator_bmc_session_id(l.in);
	w.seq = 5;
	w.msg = msg;
	w.msg_len = (uint8_t)msglen;
	ck_assert_int_eq(ipmi15_encode(&w, dg, sizeof(dg), &dglen), 0);
	ck_assert_int_eq(feed(dg, dglen), 0);
	assert_drop(RESPONDER_DROP_SESSION_FORMAT);
	logout(&l);
}
END_TEST

START_TEST(test_sessionless_session_commands)
{
	struct ipmi_rsp rsp;

	/* Set Session Privilege outside a session: 0xD4. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 08 "
				  "20 18 c8 81 04 3b 04 3c"),
	    1);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(f.out + 14, f.outlen - 14, &rsp), 0);
	ck_assert_uint_eq(rsp.cc, IPMI_CC_INSUFFICIENT_PRIV);
	/* Anything else sessionless goes to the model with privilege 0. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 08 "
				  "20 00 e0 81 08 02 01 74"),
	    1);
	ck_assert_uint_eq(f.bmc.calls, 1);
	ck_assert_uint_eq(f.bmc.last.in_session, 0);
	ck_assert_uint_eq(f.bmc.last.privilege, 0);
}
END_TEST

START_TEST(test_close_session_codes)
{
	struct logged_in       l;
	struct initiator_event ev;

	login_keep(&l, 17);
	ck_assert_int_eq(tu_call(f.r, l.in, 150, IPMI_NETFN_APP, 0x3c,
			     (const uint8_t *)"\x01\x02\x03\x04", 4, &ev, NULL),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0x87);
	ck_assert_int_eq(
	    tu_call(f.r, l.in, 151, IPMI_NETFN_APP, 0x3c,
		(const uint8_t *)"\x00\x00\x00\x00\x09", 5, &ev, NULL),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0x88);
	ck_assert_int_eq(tu_call(f.r, l.in, 152, IPMI_NETFN_APP, 0x3c,
			     (const uint8_t *)"\x00\x00", 2, &ev, NULL),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, IPMI_CC_REQ_DATA_LEN_INVALID);
	ck_assert_uint_eq(responder_active_sessions(f.r), 1);
	logout(&l);
}
END_TEST

/*
 * A response is never answered, whatever carries it: else one datagram
 * spoofed as from another BMC starts the two answering each other.
 */
START_TEST(test_responses_never_answered)
{
	struct logged_in       l;
	struct initiator_event ev;
	enum responder_drop    why;

	/* IPMI 1.5 sessionless, netFn 07h (App response). */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 09 "
				  "20 1c c4 81 00 38 8e 04 b5"),
	    0);
	assert_drop(RESPONDER_DROP_RESPONSE);
	/* The same with a D4h completion code, as a BMC would answer. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 00 00 00 00 00 00 00 00 00 08 "
				  "81 1c 63 20 00 38 d4 d4"),
	    0);
	assert_drop(RESPONDER_DROP_RESPONSE);
	/* RMCP+ sessionless, netFn 2Dh (OEM response): 81 b4 cb 20 00 01 df. */
	ck_assert_int_eq(feed_hex("06 00 ff 07 06 00 00 00 00 00 00 00 00 00 "
				  "07 00 81 b4 cb 20 00 01 df"),
	    0);
	assert_drop(RESPONDER_DROP_RESPONSE);
	/* RAKP2 and RAKP4 payloads. */
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 06 13 00 00 00 00 00 00 00 00 00 00"), 0);
	assert_drop(RESPONDER_DROP_RESPONSE);
	ck_assert_int_eq(
	    feed_hex("06 00 ff 07 06 15 00 00 00 00 00 00 00 00 00 00"), 0);
	assert_drop(RESPONDER_DROP_RESPONSE);
	/* In a session (suite 17): a Chassis response (netFn 01h). */
	login_keep(&l, 17);
	ck_assert_int_eq(tu_call(f.r, l.in, 150, IPMI_NETFN_CHASSIS | 1, 0x01,
			     NULL, 0, &ev, &why),
	    -1);
	ck_assert_uint_eq(why, RESPONDER_DROP_RESPONSE);
	ck_assert_uint_eq(
	    responder_stats(f.r)->drops[RESPONDER_DROP_RESPONSE], 6);
	/* The session goes on. */
	ck_assert_int_eq(tu_call(f.r, l.in, 160, IPMI_NETFN_CHASSIS, 0x02,
			     (const uint8_t *)"\x01", 1, &ev, NULL),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	logout(&l);
}
END_TEST

/*
 * A handshake belongs to the address that opened it: RAKP1 and RAKP3 from
 * elsewhere are dropped and change nothing.
 */
START_TEST(test_handshake_bound_to_peer)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *rng = rng_new_seeded(9);
	struct peer_addr	mine = peer4(10, 0, 0, 1, 40000);
	struct peer_addr	other_port = peer4(10, 0, 0, 1, 40001);
	struct peer_addr	other = peer4(10, 0, 0, 2, 40000);
	uint8_t			a[256];
	size_t			alen;
	int			rc;

	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 17;
	in = initiator_new(&ic, rng);
	ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
	for (;;) {
		enum initiator_state st = initiator_state(in);

		if (st == INITIATOR_RAKP1 || st == INITIATOR_RAKP3) {
			ck_assert_int_eq(feed_from(&other, 100, a, alen), 0);
			assert_drop(RESPONDER_DROP_PEER);
			ck_assert_int_eq(
			    feed_from(&other_port, 100, a, alen), 0);
			assert_drop(RESPONDER_DROP_PEER);
		}
		ck_assert_int_eq(feed_from(&mine, 100, a, alen), 1);
		rc = initiator_input(
		    in, f.out, f.outlen, a, sizeof(a), &alen, &ev);
		if (rc == INITIATOR_DONE)
			break;
		ck_assert_int_eq(rc, INITIATOR_SEND);
	}
	ck_assert_uint_eq(responder_stats(f.r)->drops[RESPONDER_DROP_PEER], 4);
	ck_assert_uint_eq(responder_stats(f.r)->login_failures, 0);
	ck_assert_uint_eq(responder_active_sessions(f.r), 1);
	initiator_free(in);
	rng_free(rng);
}
END_TEST

/* Unauthenticated replies: a budget per source address, loopback free. */
START_TEST(test_unauth_budget_per_source)
{
	static const char ping[] = "06 00 05 06 00 00 11 be 80 2a 00 00";
	struct peer_addr  a = peer4(192, 0, 2, 7, 623);
	struct peer_addr  a2 = peer4(192, 0, 2, 7, 9999);
	struct peer_addr  b = peer4(198, 51, 100, 1, 623);
	struct peer_addr  lo = peer4(127, 0, 0, 1, 623);
	uint8_t		  pk[32], caps[64];
	size_t		  pklen, capslen;
	unsigned	  i;

	pklen = tu_hex(ping, pk, sizeof(pk));
	capslen = tu_hex(AUTH_CAPS_15, caps, sizeof(caps));
	f.cfg.unauth_rate = 10;
	f.cfg.unauth_burst = 5;
	responder_set_config(f.r, &f.cfg);
	/* Five at once, pings and Get Channel Auth Caps alike... */
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(feed_from(&a, 1000, pk, pklen), 1);
	ck_assert_int_eq(feed_from(&a2, 1000, caps, capslen), 1);
	ck_assert_int_eq(feed_from(&a, 1000, caps, capslen), 1);
	/* ...then nothing, whatever the port. */
	ck_assert_int_eq(feed_from(&a, 1000, pk, pklen), 0);
	assert_drop(RESPONDER_DROP_RATE);
	ck_assert_int_eq(feed_from(&a2, 1050, caps, capslen), 0);
	assert_drop(RESPONDER_DROP_RATE);
	/* Another source has its own budget; loopback has none. */
	ck_assert_int_eq(feed_from(&b, 1050, pk, pklen), 1);
	for (i = 0; i < 50; i++)
		ck_assert_int_eq(feed_from(&lo, 1050, pk, pklen), 1);
	/* 10 a second: one more after 100 ms, not two. */
	ck_assert_int_eq(feed_from(&a, 1100, pk, pklen), 1);
	ck_assert_int_eq(feed_from(&a, 1100, pk, pklen), 0);
	ck_assert_uint_eq(responder_stats(f.r)->drops[RESPONDER_DROP_RATE], 3);
	/* rate 0: no limit. */
	f.cfg.unauth_rate = 0;
	responder_set_config(f.r, &f.cfg);
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(feed_from(&a, 1100, pk, pklen), 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("responder");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_drop_short);
	tcase_add_test(tc, test_drop_rmcp_header);
	tcase_add_test(tc, test_asf_ping_pong);
	tcase_add_test(tc, test_auth_caps);
	tcase_add_test(tc, test_drop_checksum_and_length);
	tcase_add_test(tc, test_drop_authtype);
	tcase_add_test(tc, test_drop_unknown_session);
	tcase_add_test(tc, test_open_session_status_codes);
	tcase_add_test(tc, test_open_session_too_short_dropped);
	tcase_add_test(tc, test_open_session_retransmit_same_answer);
	tcase_add_test(tc, test_handshake_retransmits_and_state);
	tcase_add_test(tc, test_rakp1_retransmit_same_rakp2);
	tcase_add_test(tc, test_rakp1_name_too_long_0c);
	tcase_add_test(tc, test_in_session_drops);
	tcase_add_test(tc, test_retry_answered_from_cache);
	tcase_add_test(tc, test_bad_confidentiality_pad);
	tcase_add_test(tc, test_ipmi15_packet_with_rmcpp_session_id);
	tcase_add_test(tc, test_sessionless_session_commands);
	tcase_add_test(tc, test_payload_types_without_row_dropped);
	tcase_add_test(tc, test_challenge_over_rmcpp_goes_to_model);
	tcase_add_test(tc, test_close_session_codes);
	tcase_add_test(tc, test_responses_never_answered);
	tcase_add_test(tc, test_handshake_bound_to_peer);
	tcase_add_test(tc, test_unauth_budget_per_source);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
