/*
 * Tests for src/client/follow.c, the third party who knows the password.
 * Known answers first: the seed trace of ipmitool against OpenIPMI
 * (tests/data/seed_002_rmcpp_session.txt, suite 2), followed datagram by
 * datagram, gives the trace's SIK, K1 and K2 and passes every check.  Then
 * real logins of our initiator against our responder in memory, every
 * datagram of both directions recorded and fed to followers: with the
 * right password every check passes and every encrypted payload (suite
 * 17) is decrypted, the keys equal the ones the initiator derived; with a
 * wrong one checks fail and nothing is decrypted; without one nothing is
 * judged; IPMI 1.5 auth codes are checked per datagram; with K_G (two-key
 * login) a follower without it fails exactly the RAKP 4 check.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "follow.h"
#include "hash.h"
#include "initiator.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "responder.h"
#include "rng.h"
#include "seedtrace.h"
#include "testutil.h"

#define CONVO_MAX 48

static const uint8_t devid[] = {
    0x20, 0x81, 0x01, 0x23, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x34, 0x12};

/* Every datagram of a conversation, in the order sent. */
struct convo {
	uint8_t d[CONVO_MAX][RESPONDER_DATAGRAM_MAX];
	size_t	len[CONVO_MAX];
	size_t	n;
	/* What the initiator derived ("sik", "k1", "k2"). */
	uint8_t sik[32], k1[32], k2[32];
	size_t	keylen;
	/* Index of the first in-session request. */
	size_t first_request;
};

static void
convo_add(struct convo *c, const uint8_t *p, size_t n)
{
	ck_assert_uint_lt(c->n, CONVO_MAX);
	memcpy(c->d[c->n], p, n);
	c->len[c->n++] = n;
}

static void
convo_trace_cb(void *arg, const char *label, const uint8_t *p, size_t n)
{
	struct convo *c = arg;

	if (strcmp(label, "sik") == 0) {
		ck_assert_uint_le(n, sizeof(c->sik));
		memcpy(c->sik, p, n);
		c->keylen = n;
	} else if (strcmp(label, "k1") == 0)
		memcpy(c->k1, p, n);
	else if (strcmp(label, "k2") == 0)
		memcpy(c->k2, p, n);
}

struct login {
	uint8_t protocol, suite, authtype15;
	int	with_kg;
};

/*
 * Logs in as admin/password with the given login, sends three Get Device
 * IDs and closes, recording everything.
 */
static void
convo_run(struct convo *c, const struct login *l)
{
	struct responder_config cfg;
	struct initiator_config ic;
	struct initiator_event	ev;
	struct tu_bmc		bmc;
	struct responder       *r;
	struct initiator       *in;
	struct rng	       *brng, *crng;
	uint8_t			a[RESPONDER_DATAGRAM_MAX];
	uint8_t			b[RESPONDER_DATAGRAM_MAX];
	size_t			alen, blen;
	unsigned		p, i;
	int			rc = INITIATOR_SEND;

	memset(c, 0, sizeof(*c));
	tu_config_all_suites(&cfg);
	for (p = IPMI_PRIV_CALLBACK; p <= IPMI_PRIV_OEM; p++)
		cfg.auth15_enables[p] = 0x17;
	tu_bmc_init(&bmc);
	tu_bmc_add_user(&bmc, "admin", "password", IPMI_PRIV_ADMIN);
	tu_bmc_answer(&bmc, IPMI_NETFN_APP, 0x01, 0, devid, sizeof(devid));
	tu_initiator_config(&ic, "admin", "password");
	ic.protocol = l->protocol;
	ic.suite_id = l->suite;
	ic.authtype15 = l->authtype15;
	if (l->with_kg) {
		memcpy(cfg.kg, "a-bmc-key-for-2key", 18);
		cfg.kg_set = 1;
		memcpy(ic.kg, "a-bmc-key-for-2key", 18);
		ic.kg_set = 1;
	}
	ck_assert_ptr_nonnull(brng = rng_new_seeded(42));
	ck_assert_ptr_nonnull(crng = rng_new_seeded(7));
	ck_assert_ptr_nonnull(r = responder_new(&cfg, &tu_bmc_ops, &bmc, brng));
	ck_assert_ptr_nonnull(in = initiator_new(&ic, crng));
	initiator_set_trace(in, convo_trace_cb, c);
	ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
	while (rc == INITIATOR_SEND) {
		convo_add(c, a, alen);
		ck_assert_int_eq(responder_input(r, 1000, NULL, a, alen, b,
				     sizeof(b), &blen, NULL),
		    1);
		convo_add(c, b, blen);
		rc = initiator_input(in, b, blen, a, sizeof(a), &alen, &ev);
	}
	ck_assert_int_eq(rc, INITIATOR_DONE);
	c->first_request = c->n;
	for (i = 0; i < 4; i++) {
		if (i < 3)
			ck_assert_int_eq(
			    initiator_request(in, IPMI_NETFN_APP, 0x01, NULL, 0,
				a, sizeof(a), &alen),
			    0);
		else
			ck_assert_int_eq(
			    initiator_close(in, a, sizeof(a), &alen), 0);
		convo_add(c, a, alen);
		ck_assert_int_eq(responder_input(r, 2000 + i, NULL, a, alen, b,
				     sizeof(b), &blen, NULL),
		    1);
		convo_add(c, b, blen);
		ck_assert_int_eq(
		    initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
		    INITIATOR_RESPONSE);
		ck_assert_uint_eq(ev.rsp.cc, 0);
	}
	initiator_free(in);
	responder_free(r);
	rng_free(crng);
	rng_free(brng);
}

/* RMCP+ in-session datagrams by their payload type byte (§13.6). */
static int
is_session_packet(const uint8_t *d, size_t n)
{
	return n > 10 && d[4] == IPMI15_AUTHTYPE_RMCPP && (d[5] & 0x3f) == 0 &&
	    (d[6] | d[7] | d[8] | d[9]) != 0;
}

static unsigned
count_flag(const struct convo *c, uint8_t flag)
{
	unsigned n = 0;
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (is_session_packet(c->d[i], c->len[i]) &&
		    (c->d[i][5] & flag) != 0)
			n++;
	return n;
}

/* IPMI 1.5 datagrams by their auth type byte. */
static unsigned
count_authtype15(const struct convo *c, uint8_t type)
{
	unsigned n = 0;
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->d[i][4] == type)
			n++;
	return n;
}

struct followed {
	struct follow_stats st;
	uint8_t		    sik[32], k1[32], k2[32];
	size_t		    keylen;
	char		   *text;
};

static void
opts_password(struct follow_opts *o, const char *password)
{
	memset(o, 0, sizeof(*o));
	if (password != NULL) {
		memcpy(o->password, password, strlen(password));
		o->have_password = 1;
	}
}

/* Feeds datagrams [from, to) to a new follower; the caller frees text. */
static void
follow_range(const struct convo *c, const struct follow_opts *o, size_t from,
    size_t to, struct followed *out)
{
	struct follow *f;
	size_t	       textlen = 0, i;
	FILE	      *fp;
	int	       failed = 0;

	memset(out, 0, sizeof(*out));
	ck_assert_ptr_nonnull(f = follow_new(o));
	ck_assert_ptr_nonnull(fp = open_memstream(&out->text, &textlen));
	for (i = from; i < to; i++)
		failed += follow_datagram(f, fp, "  ", c->d[i], c->len[i]);
	fclose(fp);
	out->st = *follow_stats(f);
	/* The return values add up to the count. */
	ck_assert_uint_eq((unsigned)failed, out->st.failed);
	out->keylen = follow_last_keys(f, out->sik, out->k1, out->k2);
	follow_free(f);
}

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
}

START_TEST(test_seed_trace_known_keys)
{
	static struct seed_trace  t;
	struct follow_opts	  o;
	struct follow		 *f;
	const struct seed_record *rec;
	uint8_t			  sik[32], k1[32], k2[32];
	size_t			  i, nd = 0;
	char			 *text = NULL;
	size_t			  textlen = 0;
	FILE			 *fp;

	seedtrace_load(&t, "seed_002_rmcpp_session.txt");
	opts_password(&o, "ADMIN");
	ck_assert_ptr_nonnull(f = follow_new(&o));
	ck_assert_uint_eq(follow_last_keys(f, sik, k1, k2), 0);
	ck_assert_ptr_nonnull(fp = open_memstream(&text, &textlen));
	for (i = 0; i < t.n; i++) {
		rec = &t.rec[i];
		if (strcmp(rec->dir, "val") == 0)
			continue;
		ck_assert_int_eq(
		    follow_datagram(f, fp, "", rec->bytes, rec->len), 0);
		nd++;
	}
	fclose(fp);
	ck_assert_uint_eq(nd, 22);
	/*
	 * RAKP 2, 3 and 4, then the integrity of the seven requests and
	 * seven responses; suite 2 encrypts nothing.
	 */
	ck_assert_uint_eq(follow_stats(f)->verified, 3 + 14);
	ck_assert_uint_eq(follow_stats(f)->failed, 0);
	ck_assert_uint_eq(follow_stats(f)->decrypted, 0);
	ck_assert_uint_eq(follow_stats(f)->unverifiable, 0);
	ck_assert_uint_eq(follow_last_keys(f, sik, k1, k2), 20);
	rec = seedtrace_get(&t, "sik");
	tu_assert_bytes(sik, 20, rec->bytes, rec->len);
	rec = seedtrace_get(&t, "k1");
	tu_assert_bytes(k1, 20, rec->bytes, rec->len);
	rec = seedtrace_get(&t, "k2");
	tu_assert_bytes(k2, 20, rec->bytes, rec->len);
	ck_assert_ptr_nonnull(strstr(text,
	    "session: console ID 0xa0a2a3a4, BMC ID 0x00000682, cipher "
	    "suite 2"));
	ck_assert_ptr_nonnull(strstr(
	    text, "=> RAKP 2 auth code (the BMC knows the password): OK"));
	ck_assert_ptr_nonnull(strstr(
	    text, "=> RAKP 3 auth code (the console knows the password): OK"));
	ck_assert_ptr_nonnull(
	    strstr(text, "=> RAKP 4 ICV (the BMC has the same SIK): OK"));
	ck_assert_ptr_nonnull(strstr(
	    text, "SIK = HMAC-SHA1(Kuid, Rm | Rc | ROLEm | ULENm | UNAMEm)"));
	/* Secrets are hidden unless asked for. */
	ck_assert_ptr_nonnull(
	    strstr(text, "SIK: (20 bytes, hidden by --no-secrets)"));
	ck_assert_ptr_null(strstr(text, "MISMATCH"));
	free(text);
	follow_free(f);
}
END_TEST

/* The in-session checks of a suite with integrity and confidentiality. */
START_TEST(test_suite17_right_password)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 17, 0, 0};
	struct follow_opts	  o;
	struct followed		  r;
	unsigned		  integ, conf;

	convo_run(&c, &l);
	integ = count_flag(&c, 0x40);
	conf = count_flag(&c, 0x80);
	/* Set Session Privilege, three requests and Close: both ways. */
	ck_assert_uint_eq(integ, 10);
	ck_assert_uint_eq(conf, 10);
	opts_password(&o, "password");
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.unverifiable, 0);
	ck_assert_uint_eq(r.st.verified, 3 + integ);
	ck_assert_uint_eq(r.st.decrypted, conf);
	/* RAKP-HMAC-SHA256: 32-byte keys, as the initiator derived them. */
	ck_assert_uint_eq(c.keylen, 32);
	ck_assert_uint_eq(r.keylen, 32);
	tu_assert_bytes(r.sik, r.keylen, c.sik, c.keylen);
	tu_assert_bytes(r.k1, r.keylen, c.k1, c.keylen);
	tu_assert_bytes(r.k2, r.keylen, c.k2, c.keylen);
	ck_assert_ptr_nonnull(strstr(r.text, "=> decrypted with K2: "));
	ck_assert_ptr_nonnull(strstr(r.text, "HMAC-SHA256"));
	ck_assert_ptr_null(strstr(r.text, "MISMATCH"));
	free(r.text);
}
END_TEST

START_TEST(test_suite17_explain_and_secrets)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 17, 0, 0};
	struct follow_opts	  o;
	struct followed		  r;

	convo_run(&c, &l);
	opts_password(&o, "password");
	o.explain = 1;
	o.show_secrets = 1;
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.decrypted, 10);
	ck_assert_ptr_nonnull(strstr(r.text,
	    "SIK = HMAC-SHA256(K_G, Rm | Rc | ROLEm | ULENm | UNAMEm)   (no "
	    "K_G set: K_G = Kuid)"));
	ck_assert_ptr_nonnull(strstr(r.text, "Confidentiality (AES-CBC-128"));
	ck_assert_ptr_nonnull(strstr(r.text, "CVE-2013-4786"));
	/* Shown, not hidden. */
	ck_assert_ptr_null(strstr(r.text, "hidden by --no-secrets"));
	ck_assert_ptr_nonnull(strstr(r.text, "SIK (32 bytes):"));
	free(r.text);
}
END_TEST

START_TEST(test_suite17_wrong_password)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 17, 0, 0};
	struct follow_opts	  o;
	struct followed		  r;

	convo_run(&c, &l);
	opts_password(&o, "passwore");
	follow_range(&c, &o, 0, c.n, &r);
	/* RAKP 2, 3 and 4, every integrity trailer, every decryption. */
	ck_assert_uint_eq(r.st.verified, 0);
	ck_assert_uint_eq(r.st.decrypted, 0);
	ck_assert_uint_eq(r.st.failed, 3 + 10 + 10);
	ck_assert_ptr_nonnull(strstr(r.text, "=> decryption: FAILED ("));
	ck_assert_ptr_nonnull(strstr(r.text,
	    "=> RAKP 2 auth code (the BMC knows the password): MISMATCH"));
	ck_assert_ptr_null(strstr(r.text, ": OK"));
	/* Whatever keys it derived are not the session's. */
	ck_assert_uint_eq(r.keylen, 32);
	ck_assert_int_ne(memcmp(r.sik, c.sik, 32), 0);
	free(r.text);
}
END_TEST

START_TEST(test_no_password_judges_nothing)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 17, 0, 0};
	struct follow_opts	  o;
	struct followed		  r;

	convo_run(&c, &l);
	opts_password(&o, NULL);
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.verified, 0);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.decrypted, 0);
	/*
	 * RAKP 2, 3 and 4; no keys derived, so each in-session datagram is
	 * one "handshake incomplete".
	 */
	ck_assert_uint_eq(r.st.unverifiable, 3 + 10);
	ck_assert_ptr_nonnull(strstr(
	    r.text, "=> RAKP 2 auth code: not checked (no password given)"));
	ck_assert_ptr_nonnull(
	    strstr(r.text, "=> integrity: not checked (handshake incomplete)"));
	free(r.text);
}
END_TEST

/* A capture that starts after the handshake: nothing to check against. */
START_TEST(test_session_without_handshake)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 17, 0, 0};
	struct follow_opts	  o;
	struct followed		  r;

	convo_run(&c, &l);
	opts_password(&o, "password");
	follow_range(&c, &o, c.first_request, c.n, &r);
	ck_assert_uint_eq(r.st.verified, 0);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.decrypted, 0);
	ck_assert_uint_eq(r.st.unverifiable, c.n - c.first_request);
	ck_assert_uint_eq(r.keylen, 0);
	ck_assert_ptr_nonnull(
	    strstr(r.text, "no handshake seen for this session ID"));
	free(r.text);
}
END_TEST

/*
 * Two-key login: SIK is keyed by K_G, the RAKP 2 and 3 auth codes by the
 * password alone.  Without K_G the follower passes RAKP 2 and 3 and fails
 * RAKP 4, and the wrong keys fail every trailer after it.
 */
START_TEST(test_two_key_login)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 3, 0, 1};
	struct follow_opts	  o;
	struct followed		  r;
	unsigned		  integ;

	convo_run(&c, &l);
	integ = count_flag(&c, 0x40);
	ck_assert_uint_eq(integ, 10);
	opts_password(&o, "password");
	memcpy(o.kg, "a-bmc-key-for-2key", 18);
	o.kg_set = 1;
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.verified, 3 + integ);
	ck_assert_uint_eq(r.st.decrypted, count_flag(&c, 0x80));
	tu_assert_bytes(r.sik, r.keylen, c.sik, c.keylen);
	free(r.text);

	opts_password(&o, "password");
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.verified, 2);
	ck_assert_uint_eq(r.st.failed, 1 + integ + count_flag(&c, 0x80));
	ck_assert_ptr_nonnull(strstr(
	    r.text, "=> RAKP 4 ICV (the BMC has the same SIK): MISMATCH"));
	free(r.text);
}
END_TEST

/* IPMI 1.5: each datagram with an auth code is one check. */
static const uint8_t authtypes15[] = {
    IPMI15_AUTHTYPE_MD5, IPMI15_AUTHTYPE_MD2, IPMI15_AUTHTYPE_STRAIGHT};

START_TEST(test_ipmi15_auth_codes)
{
	static struct convo c;
	struct login	    l = {INITIATOR_IPMI15, 0, authtypes15[_i], 0};
	struct follow_opts  o;
	struct followed	    r;
	unsigned	    coded;

	convo_run(&c, &l);
	coded = count_authtype15(&c, authtypes15[_i]);
	/*
	 * Activate Session and its response, Set Session Privilege, three
	 * requests and Close, each both ways.
	 */
	ck_assert_uint_eq(coded, 12);
	opts_password(&o, "password");
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.verified, coded);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.decrypted, 0);
	ck_assert_ptr_nonnull(strstr(r.text,
	    "=> IPMI 1.5 auth code (the sender knows the password): OK"));
	free(r.text);

	opts_password(&o, "passw0rd");
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.verified, 0);
	ck_assert_uint_eq(r.st.failed, coded);
	free(r.text);

	opts_password(&o, NULL);
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.verified, 0);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.unverifiable, coded);
	free(r.text);
}
END_TEST

/* Auth type none: nothing to check, nothing failed. */
START_TEST(test_ipmi15_none)
{
	static struct convo	  c;
	static const struct login l = {
	    INITIATOR_IPMI15, 0, IPMI15_AUTHTYPE_NONE, 0};
	struct follow_opts o;
	struct followed	   r;

	convo_run(&c, &l);
	ck_assert_uint_eq(count_authtype15(&c, IPMI15_AUTHTYPE_NONE), c.n);
	opts_password(&o, "password");
	follow_range(&c, &o, 0, c.n, &r);
	ck_assert_uint_eq(r.st.verified, 0);
	ck_assert_uint_eq(r.st.failed, 0);
	ck_assert_uint_eq(r.st.unverifiable, 0);
	ck_assert_uint_eq(r.keylen, 0);
	free(r.text);
}
END_TEST

START_TEST(test_peek_msg)
{
	static struct convo	  c;
	static const struct login l = {INITIATOR_IPMI20, 17, 0, 0};
	struct follow_opts	  o;
	struct follow		 *f;
	struct ipmi_req		  req;
	const uint8_t		 *d;
	uint8_t			  msg[RESPONDER_DATAGRAM_MAX];
	size_t			  len, i, n;
	unsigned		  dec;
	FILE			 *null;

	convo_run(&c, &l);
	opts_password(&o, "password");
	ck_assert_ptr_nonnull(f = follow_new(&o));
	d = c.d[c.first_request];
	n = c.len[c.first_request];
	ck_assert_uint_eq(d[5] & 0x80, 0x80);
	/* Encrypted, keys not known yet. */
	ck_assert_int_eq(
	    follow_peek_msg(f, d, n, msg, sizeof(msg), &len), ERR_NOT_FOUND);
	/* Not RMCP, or not IPMI. */
	ck_assert_int_eq(
	    follow_peek_msg(f, d, 3, msg, sizeof(msg), &len), ERR_FORMAT);
	ck_assert_int_eq(follow_peek_msg(f,
			     (const uint8_t *)"\x06\x00\xff\x06\x00\x00\x11"
					      "\xbe\x80\x00\x00\x00",
			     12, msg, sizeof(msg), &len),
	    ERR_FORMAT);
	/* The first datagram: Get Channel Auth Caps, sessionless 1.5. */
	ck_assert_int_eq(
	    follow_peek_msg(f, c.d[0], c.len[0], msg, sizeof(msg), &len), 0);
	ck_assert_int_eq(ipmimsg_decode_req(msg, len, &req), 0);
	ck_assert_uint_eq(req.netfn, IPMI_NETFN_APP);
	ck_assert_uint_eq(req.cmd, 0x38);
	/* A handshake datagram carries no IPMI message. */
	ck_assert_int_eq(
	    follow_peek_msg(f, c.d[2], c.len[2], msg, sizeof(msg), &len),
	    ERR_FORMAT);
	ck_assert_ptr_nonnull(null = fopen("/dev/null", "w"));
	for (i = 0; i < c.first_request; i++)
		follow_datagram(f, null, "", c.d[i], c.len[i]);
	fclose(null);
	dec = follow_stats(f)->decrypted;
	ck_assert_int_eq(follow_peek_msg(f, d, n, msg, sizeof(msg), &len), 0);
	ck_assert_int_eq(ipmimsg_decode_req(msg, len, &req), 0);
	ck_assert_uint_eq(req.netfn, IPMI_NETFN_APP);
	ck_assert_uint_eq(req.cmd, 0x01);
	ck_assert_uint_eq(req.data_len, 0);
	/* Peeking counts nothing. */
	ck_assert_uint_eq(follow_stats(f)->decrypted, dec);
	follow_free(f);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("follow");
	TCase	*tc = tcase_create("follow");
	SRunner *sr;
	int	 failed;

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_seed_trace_known_keys);
	tcase_add_test(tc, test_suite17_right_password);
	tcase_add_test(tc, test_suite17_explain_and_secrets);
	tcase_add_test(tc, test_suite17_wrong_password);
	tcase_add_test(tc, test_no_password_judges_nothing);
	tcase_add_test(tc, test_session_without_handshake);
	tcase_add_test(tc, test_two_key_login);
	tcase_add_loop_test(tc, test_ipmi15_auth_codes, 0,
	    sizeof(authtypes15) / sizeof(authtypes15[0]));
	tcase_add_test(tc, test_ipmi15_none);
	tcase_add_test(tc, test_peek_msg);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
