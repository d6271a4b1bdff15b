/*
 * In-memory loopback: the initiator against the responder for every
 * implemented suite (with and without K_G) and every IPMI 1.5 auth type,
 * ten requests each; and each login failure at its step with its code.
 */
#include <check.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "hash.h"
#include "ipmi15.h"
#include "rakp.h"
#include "rmcpp.h"
#include "rng.h"
#include "suite.h"
#include "testutil.h"

static const uint8_t implemented_suites[] = {
    0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17};
static const uint8_t devid[] = {
    0x20, 0x81, 0x01, 0x23, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x34, 0x12};

struct fixture {
	struct responder_config cfg;
	struct tu_bmc		bmc;
	struct rng	       *rng;
	struct responder       *r;
};

static void
fixture_start(struct fixture *f)
{
	tu_bmc_init(&f->bmc);
	tu_bmc_add_user(&f->bmc, "admin", "password", IPMI_PRIV_ADMIN);
	tu_bmc_add_user(&f->bmc, "user", "userpass", IPMI_PRIV_USER);
	tu_bmc_answer(&f->bmc, IPMI_NETFN_APP, 0x01, 0, devid, sizeof(devid));
	tu_bmc_answer(&f->bmc, IPMI_NETFN_APP, 0x34, 0, NULL, 0);
	f->rng = rng_new_seeded(42);
	f->r = responder_new(&f->cfg, &tu_bmc_ops, &f->bmc, f->rng);
	ck_assert_ptr_nonnull(f->r);
}

static void
fixture_stop(struct fixture *f)
{
	responder_free(f->r);
	rng_free(f->rng);
}

/*
 * A tracked Send Message: its response, then the bridged response in a
 * datagram of its own under the same rqSeq; a retry of the Send Message
 * gets both again from the cache, the model called once.
 */
static void
bridged_request(struct fixture *f, struct initiator *in)
{
	static const uint8_t reading[] = {0x26, 0xc0, 0xc0};
	static const uint8_t send[] = {
	    0x40, 0x20, 0x11, 0xcf, 0x20, 0x08, 0x2d, 0x07, 0xa4};
	struct initiator_event ev;
	uint8_t		       a[RESPONDER_DATAGRAM_MAX];
	uint8_t		       b[RESPONDER_DATAGRAM_MAX];
	uint8_t		       c[RESPONDER_DATAGRAM_MAX];
	uint8_t		       again[RESPONDER_DATAGRAM_MAX];
	size_t		       alen, blen, clen;
	unsigned	       calls = f->bmc.calls, round;
	struct peer_addr       console = {4, {192, 0, 2, 7}, 50623}, dst;

	memcpy(f->bmc.bridged, reading, sizeof(reading));
	f->bmc.bridged_len = sizeof(reading);
	ck_assert_int_eq(initiator_request(in, IPMI_NETFN_APP, 0x34, send,
			     sizeof(send), a, sizeof(a), &alen),
	    0);
	/* Round 0's datagrams are lost; the retry is answered from cache. */
	for (round = 0; round < 2; round++) {
		ck_assert_int_eq(responder_input(f->r, 2500 + round, &console,
				     a, alen, b, sizeof(b), &blen, NULL),
		    1);
		memset(&dst, 0, sizeof(dst));
		clen = responder_write(f->r, &dst, c, sizeof(c));
		ck_assert_uint_gt(clen, 0);
		/* To the sender of the request. */
		ck_assert_uint_eq(dst.family, 4);
		ck_assert_mem_eq(dst.addr, console.addr, sizeof(dst.addr));
		ck_assert_uint_eq(dst.port, 50623);
		/* The only datagram queued: the next pull is empty. */
		ck_assert_uint_eq(
		    responder_write(f->r, &dst, again, sizeof(again)), 0);
		if (round == 0)
			ck_assert_int_eq(
			    initiator_retransmit(in, a, sizeof(a), &alen), 0);
	}
	ck_assert_int_eq(initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cmd, 0x34);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	ck_assert_uint_eq(ev.rsp.data_len, 0);
	initiator_expect_bridged(in, 0x2d);
	ck_assert_int_eq(initiator_input(in, c, clen, a, sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.netfn, IPMI_NETFN_SENSOR | 1);
	ck_assert_uint_eq(ev.rsp.rs_lun, 1);
	ck_assert_uint_eq(ev.rsp.cmd, 0x2d);
	tu_assert_bytes(ev.rsp.data, ev.rsp.data_len, reading, sizeof(reading));
	ck_assert_uint_eq(f->bmc.calls, calls + 1);
	f->bmc.bridged_len = 0;
}

static void
ten_requests_and_close(struct fixture *f, struct initiator *in)
{
	struct initiator_event ev;
	uint8_t		       out[RESPONDER_DATAGRAM_MAX];
	uint8_t		       reply[RESPONDER_DATAGRAM_MAX];
	size_t		       outlen, rlen;
	int		       i;

	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(tu_call(f->r, in, 2000 + i, IPMI_NETFN_APP,
				     0x01, NULL, 0, &ev, NULL),
		    INITIATOR_RESPONSE);
		ck_assert_uint_eq(ev.rsp.cc, 0);
		tu_assert_bytes(
		    ev.rsp.data, ev.rsp.data_len, devid, sizeof(devid));
	}
	ck_assert_uint_eq(f->bmc.executed[0], 10);
	bridged_request(f, in);
	ck_assert_uint_eq(f->bmc.last.privilege, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(f->bmc.last.in_session, 1);
	ck_assert_int_eq(initiator_close(in, out, sizeof(out), &outlen), 0);
	ck_assert_int_eq(responder_input(f->r, 3000, NULL, out, outlen, reply,
			     sizeof(reply), &rlen, NULL),
	    1);
	ck_assert_int_eq(
	    initiator_input(in, reply, rlen, out, sizeof(out), &outlen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_int_eq(initiator_state(in), INITIATOR_CLOSED);
	ck_assert_uint_eq(responder_active_sessions(f->r), 0);
}

static void
login_suite(uint8_t suite, int with_kg)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *crng = rng_new_seeded(1000 + suite);

	tu_config_all_suites(&f.cfg);
	if (with_kg) {
		memcpy(f.cfg.kg, "a-bmc-key-for-2key", 18);
		f.cfg.kg_set = 1;
	}
	fixture_start(&f);
	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = suite;
	if (with_kg) {
		memcpy(ic.kg, "a-bmc-key-for-2key", 18);
		ic.kg_set = 1;
	}
	ck_assert_ptr_nonnull(in = initiator_new(&ic, crng));
	ck_assert_int_eq(tu_login(f.r, in, 1000, &ev, NULL), INITIATOR_DONE);
	ck_assert_uint_eq(initiator_max_privilege(in), IPMI_PRIV_ADMIN);
	ten_requests_and_close(&f, in);
	initiator_free(in);
	rng_free(crng);
	fixture_stop(&f);
}

START_TEST(test_every_suite_one_key)
{
	login_suite(implemented_suites[_i], 0);
}
END_TEST

START_TEST(test_every_suite_two_key)
{
	login_suite(implemented_suites[_i], 1);
}
END_TEST

static const uint8_t authtypes15[] = {IPMI15_AUTHTYPE_MD5, IPMI15_AUTHTYPE_MD2,
    IPMI15_AUTHTYPE_STRAIGHT, IPMI15_AUTHTYPE_NONE};

START_TEST(test_ipmi15_every_authtype)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *crng = rng_new_seeded(77);
	uint8_t			type = authtypes15[_i];
	unsigned		p;

	tu_config_all_suites(&f.cfg);
	for (p = IPMI_PRIV_CALLBACK; p <= IPMI_PRIV_OEM; p++)
		f.cfg.auth15_enables[p] = 1u << type;
	fixture_start(&f);
	tu_initiator_config(&ic, "admin", "password");
	ic.protocol = INITIATOR_IPMI15;
	ic.authtype15 = type;
	ck_assert_ptr_nonnull(in = initiator_new(&ic, crng));
	ck_assert_int_eq(tu_login(f.r, in, 1000, &ev, NULL), INITIATOR_DONE);
	ck_assert_uint_eq(initiator_max_privilege(in), IPMI_PRIV_ADMIN);
	ten_requests_and_close(&f, in);
	initiator_free(in);
	rng_free(crng);
	fixture_stop(&f);
}
END_TEST

/* Runs a login expected to fail; returns the event. */
static int
failing_login(struct fixture *f, struct initiator_config *ic,
    struct initiator_event *ev, enum responder_drop *drop)
{
	struct rng	 *crng = rng_new_seeded(9);
	struct initiator *in = initiator_new(ic, crng);
	int		  rc;

	ck_assert_ptr_nonnull(in);
	rc = tu_login(f->r, in, 1000, ev, drop);
	initiator_free(in);
	rng_free(crng);
	return rc;
}

START_TEST(test_wrong_password_fails_at_rakp2)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;

	responder_config_defaults(&f.cfg);
	fixture_start(&f);
	tu_initiator_config(&ic, "admin", "wrong");
	ic.suite_id = 17;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_RAKP1);
	ck_assert_int_eq(ev.err, ERR_INTEGRITY);
	ck_assert_uint_eq(responder_active_sessions(f.r), 0);
	fixture_stop(&f);
}
END_TEST

START_TEST(test_unknown_user_gets_0d)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;

	responder_config_defaults(&f.cfg);
	fixture_start(&f);
	tu_initiator_config(&ic, "nobody", "password");
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_RAKP1);
	ck_assert_uint_eq(ev.status, RMCPP_STATUS_UNAUTHORIZED_NAME);
	fixture_stop(&f);
}
END_TEST

START_TEST(test_disabled_suite_gets_11)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;

	responder_config_defaults(&f.cfg); /* suites 3 and 17 */
	fixture_start(&f);
	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 2;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_OPEN);
	ck_assert_uint_eq(ev.status, RMCPP_STATUS_NO_SUITE_MATCH);
	/* Cipher suite 0 is off unless a model turns it on. */
	ic.suite_id = 0;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_uint_eq(ev.status, RMCPP_STATUS_NO_SUITE_MATCH);
	ck_assert_uint_eq(responder_stats(f.r)->sessions_opened, 0);
	fixture_stop(&f);
}
END_TEST

START_TEST(test_privilege_over_limit)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;

	responder_config_defaults(&f.cfg);
	fixture_start(&f);
	/* Name-only lookup: clamped to USER, then Set Session Priv fails. */
	tu_initiator_config(&ic, "user", "userpass");
	ic.privilege = IPMI_PRIV_ADMIN;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_SET_PRIV);
	ck_assert_uint_eq(ev.cc, 0x80);
	/* Username/privilege lookup: the limit must match, else 0x0D. */
	ic.name_only_lookup = 0;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_RAKP1);
	ck_assert_uint_eq(ev.status, RMCPP_STATUS_UNAUTHORIZED_NAME);
	/* At its own level the same user logs in. */
	ic.privilege = IPMI_PRIV_USER;
	ck_assert_int_eq(failing_login(&f, &ic, &ev, NULL), INITIATOR_DONE);
	fixture_stop(&f);
}
END_TEST

START_TEST(test_kg_mismatch_fails_at_rakp4)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;

	responder_config_defaults(&f.cfg);
	memcpy(f.cfg.kg, "bmc-key", 7);
	f.cfg.kg_set = 1;
	fixture_start(&f);
	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 17;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_RAKP3);
	ck_assert_int_eq(ev.err, ERR_INTEGRITY);
	fixture_stop(&f);
}
END_TEST

START_TEST(test_bad_rakp3_gets_0f)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *crng = rng_new_seeded(5);
	uint8_t	     a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	     alen, blen;
	struct rakp4 r4;
	int	     rc;

	responder_config_defaults(&f.cfg);
	fixture_start(&f);
	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 3;
	in = initiator_new(&ic, crng);
	ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
	while (initiator_state(in) != INITIATOR_RAKP3) {
		ck_assert_int_eq(responder_input(f.r, 10, NULL, a, alen, b,
				     sizeof(b), &blen, NULL),
		    1);
		rc = initiator_input(in, b, blen, a, sizeof(a), &alen, &ev);
		ck_assert_int_eq(rc, INITIATOR_SEND);
	}
	a[alen - 1] ^= 0x01; /* last byte of the RAKP3 auth code */
	ck_assert_int_eq(
	    responder_input(f.r, 10, NULL, a, alen, b, sizeof(b), &blen, NULL),
	    1);
	/* RMCP header, session header (12), payload: RAKP4 with 0x0F. */
	ck_assert_int_eq(rakp_decode_rakp4(b + 16, blen - 16, &r4), 0);
	ck_assert_uint_eq(r4.status, RMCPP_STATUS_INVALID_INTEGRITY_VALUE);
	ck_assert_uint_eq(r4.icv_len, 0);
	/* The half-open session is gone: a correct RAKP3 is now dropped. */
	a[alen - 1] ^= 0x01;
	ck_assert_int_eq(
	    responder_input(f.r, 10, NULL, a, alen, b, sizeof(b), &blen, NULL),
	    0);
	ck_assert_uint_eq(
	    responder_stats(f.r)->drops[RESPONDER_DROP_SESSION], 1);
	initiator_free(in);
	rng_free(crng);
	fixture_stop(&f);
}
END_TEST

START_TEST(test_ipmi15_failures)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;
	enum responder_drop	why;

	responder_config_defaults(&f.cfg);
	fixture_start(&f);
	tu_initiator_config(&ic, "nobody", "password");
	ic.protocol = INITIATOR_IPMI15;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_CHALLENGE);
	ck_assert_uint_eq(ev.cc, 0x81);
	/* A wrong password fails the Activate Session auth code: dropped. */
	tu_initiator_config(&ic, "admin", "wrong");
	ic.protocol = INITIATOR_IPMI15;
	ck_assert_int_eq(failing_login(&f, &ic, &ev, &why), -1);
	ck_assert_int_eq(why, RESPONDER_DROP_AUTHCODE);
	/* MD2 is not enabled by default (MD5 only). */
	tu_initiator_config(&ic, "admin", "password");
	ic.protocol = INITIATOR_IPMI15;
	ic.authtype15 = IPMI15_AUTHTYPE_MD2;
	ck_assert_int_eq(
	    failing_login(&f, &ic, &ev, NULL), INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_AUTH_CAPS);
	fixture_stop(&f);
}
END_TEST

/* Every allocation libcrypto makes, to prove the packet path makes none. */
static long crypto_allocs;

static void *
count_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	crypto_allocs++;
	return malloc(n);
}

static void *
count_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	crypto_allocs++;
	return realloc(p, n);
}

static void
count_free(void *p, const char *file, int line)
{
	(void)file;
	(void)line;
	free(p);
}

START_TEST(test_no_allocation_per_request)
{
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *crng = rng_new_system();
	long			before;
	int			i;

	responder_config_defaults(&f.cfg);
	fixture_start(&f);
	rng_free(f.rng);
	responder_free(f.r);
	/* The system rng: the IVs come from libcrypto's CSPRNG. */
	f.rng = rng_new_system();
	f.r = responder_new(&f.cfg, &tu_bmc_ops, &f.bmc, f.rng);
	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 17;
	in = initiator_new(&ic, crng);
	ck_assert_int_eq(tu_login(f.r, in, 1000, &ev, NULL), INITIATOR_DONE);
	ck_assert_int_eq(
	    tu_call(f.r, in, 1001, IPMI_NETFN_APP, 0x01, NULL, 0, &ev, NULL),
	    INITIATOR_RESPONSE);
	/* The hook is live: libcrypto allocated while setting up. */
	ck_assert_int_gt(crypto_allocs, 0);
	before = crypto_allocs;
	/* Enough IVs to refill the rng's pool at least once. */
	for (i = 0; i < 600; i++)
		ck_assert_int_eq(tu_call(f.r, in, 1002 + i, IPMI_NETFN_APP,
				     0x01, NULL, 0, &ev, NULL),
		    INITIATOR_RESPONSE);
	ck_assert_int_eq(crypto_allocs - before, 0);
	initiator_free(in);
	rng_free(crng);
	fixture_stop(&f);
}
END_TEST

/* Suite 0 leaves the datagram readable: its session sequence number. */
static void
plain_rmcpp_rsp(
    const uint8_t *dg, size_t len, uint32_t *seq, struct ipmi_rsp *rsp)
{
	struct rmcpp_packet p;
	struct rd	    rd;

	rd_init(&rd, dg, len);
	ck_assert_int_eq(rd_skip(&rd, 4), 0);
	ck_assert_int_eq(rmcpp_decode_header(&rd, &p), 0);
	ck_assert_int_eq(rmcpp_decode_trailer(&rd, 0, &p), 0);
	ck_assert_uint_eq(p.payload_type, RMCPP_PT_IPMI);
	ck_assert_int_eq(ipmimsg_decode_rsp(p.payload, p.payload_len, rsp), 0);
	*seq = p.seq;
}

/*
 * The queue holds RESPONDER_QUEUE_MAX datagrams: a fifth follow-up that
 * nobody drained is lost and counted and takes no sequence number; the
 * queued ones come out oldest first, each to the sender of its request;
 * a retry of the lost one's request brings it back from the reply cache.
 */
START_TEST(test_queue_full_drops_and_retry_restores)
{
	static const uint8_t reading[] = {0x26, 0xc0, 0xc0};
	static const uint8_t send[] = {
	    0x40, 0x20, 0x11, 0xcf, 0x20, 0x08, 0x2d, 0x07, 0xa4};
	struct fixture		f;
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct rng	       *crng = rng_new_seeded(5);
	struct peer_addr	console = {4, {192, 0, 2, 9}, 623}, dst;
	struct ipmi_rsp		rsp;
	uint8_t			a[RESPONDER_DATAGRAM_MAX];
	uint8_t			b[RESPONDER_DATAGRAM_MAX];
	uint8_t			c[RESPONDER_DATAGRAM_MAX];
	uint8_t			rq_seq[RESPONDER_QUEUE_MAX + 1];
	size_t			alen, blen, clen;
	uint32_t		seq, first = 0;
	unsigned		i;

	tu_config_all_suites(&f.cfg);
	fixture_start(&f);
	memcpy(f.bmc.bridged, reading, sizeof(reading));
	f.bmc.bridged_len = sizeof(reading);
	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 0;
	ck_assert_ptr_nonnull(in = initiator_new(&ic, crng));
	ck_assert_int_eq(tu_login(f.r, in, 1000, &ev, NULL), INITIATOR_DONE);
	ck_assert_uint_eq(responder_write(f.r, &dst, c, sizeof(c)), 0);
	for (i = 0; i < RESPONDER_QUEUE_MAX + 1; i++) {
		ck_assert_int_eq(initiator_request(in, IPMI_NETFN_APP, 0x34,
				     send, sizeof(send), a, sizeof(a), &alen),
		    0);
		ck_assert_int_eq(responder_input(f.r, 1100 + i, &console, a,
				     alen, b, sizeof(b), &blen, NULL),
		    1);
		/* Replies take n, n + 2, n + 4, n + 6 (with a follow-up
		 * each), then n + 8. */
		plain_rmcpp_rsp(b, blen, &seq, &rsp);
		if (i == 0)
			first = seq;
		ck_assert_uint_eq(seq, first + 2 * i);
		ck_assert_uint_eq(rsp.cmd, 0x34);
		rq_seq[i] = rsp.rq_seq;
		ck_assert_uint_eq(
		    responder_stats(f.r)->drops[RESPONDER_DROP_QUEUE_FULL],
		    i < RESPONDER_QUEUE_MAX ? 0 : 1);
	}
	for (i = 0; i < RESPONDER_QUEUE_MAX; i++) {
		memset(&dst, 0, sizeof(dst));
		clen = responder_write(f.r, &dst, c, sizeof(c));
		ck_assert_uint_gt(clen, 0);
		ck_assert_uint_eq(dst.family, 4);
		ck_assert_uint_eq(dst.addr[3], 9);
		ck_assert_uint_eq(dst.port, 623);
		plain_rmcpp_rsp(c, clen, &seq, &rsp);
		ck_assert_uint_eq(seq, first + 2 * i + 1);
		ck_assert_uint_eq(rsp.cmd, 0x2d);
		ck_assert_uint_eq(rsp.rq_seq, rq_seq[i]);
		tu_assert_bytes(
		    rsp.data, rsp.data_len, reading, sizeof(reading));
	}
	ck_assert_uint_eq(responder_write(f.r, &dst, c, sizeof(c)), 0);
	/* The last request again: answered from the cache, follow-up too. */
	ck_assert_int_eq(initiator_retransmit(in, a, sizeof(a), &alen), 0);
	ck_assert_int_eq(responder_input(f.r, 1200, &console, a, alen, b,
			     sizeof(b), &blen, NULL),
	    1);
	ck_assert_uint_eq(responder_stats(f.r)->cached_replies, 1);
	ck_assert_int_eq(initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cmd, 0x34);
	clen = responder_write(f.r, &dst, c, sizeof(c));
	ck_assert_uint_gt(clen, 0);
	ck_assert_uint_eq(responder_write(f.r, &dst, c, sizeof(c)), 0);
	initiator_expect_bridged(in, 0x2d);
	ck_assert_int_eq(initiator_input(in, c, clen, a, sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cmd, 0x2d);
	ck_assert_uint_eq(ev.rsp.rq_seq, rq_seq[RESPONDER_QUEUE_MAX]);
	ck_assert_uint_eq(
	    responder_stats(f.r)->drops[RESPONDER_DROP_QUEUE_FULL], 1);
	initiator_free(in);
	rng_free(crng);
	fixture_stop(&f);
}
END_TEST

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
}

int
main(void)
{
	Suite	*s;
	TCase	*tc;
	SRunner *sr;
	int	 failed;

	/* Before libcrypto allocates anything, or it refuses. */
	CRYPTO_set_mem_functions(count_malloc, count_realloc, count_free);
	s = suite_create("loopback");
	tc = tcase_create("logins");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(
	    tc, test_every_suite_one_key, 0, sizeof(implemented_suites));
	tcase_add_loop_test(
	    tc, test_every_suite_two_key, 0, sizeof(implemented_suites));
	tcase_add_loop_test(
	    tc, test_ipmi15_every_authtype, 0, sizeof(authtypes15));
	tcase_add_test(tc, test_wrong_password_fails_at_rakp2);
	tcase_add_test(tc, test_unknown_user_gets_0d);
	tcase_add_test(tc, test_disabled_suite_gets_11);
	tcase_add_test(tc, test_privilege_over_limit);
	tcase_add_test(tc, test_kg_mismatch_fails_at_rakp4);
	tcase_add_test(tc, test_bad_rakp3_gets_0f);
	tcase_add_test(tc, test_ipmi15_failures);
	tcase_add_test(tc, test_no_allocation_per_request);
	tcase_add_test(tc, test_queue_full_drops_and_retry_restores);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
