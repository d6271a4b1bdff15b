/*
 * Tests for src/client/client.c.  The options as ipmitool spells them
 * (every one, and the values each refuses), the failure messages, and the
 * session driver over the real transport against our responder: a thread
 * serves it on a loopback UDP port, optionally dropping the first
 * datagrams it receives or never answering, so that retransmissions are
 * counted exactly.  Timeouts are tens of milliseconds; nothing sleeps.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "err.h"
#include "hash.h"
#include "ipmi15.h"
#include "responder.h"
#include "rng.h"
#include "suite.h"
#include "suitelist.h"
#include "testutil.h"
#include "transport.h"

static const uint8_t devid[] = {
    0x20, 0x81, 0x01, 0x23, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x34, 0x12};
/*
 * Get Channel Cipher Suites (§22.15), one short response: channel 1,
 * suites 0, 3 and 17 (records of table 22-19), whatever the list index.
 */
static const uint8_t suites_rsp[] = {0x01, 0xc0, 0x00, 0x00, 0x40, 0x80, 0xc0,
    0x03, 0x01, 0x41, 0x81, 0xc0, 0x11, 0x03, 0x44, 0x81};

/* ---- a BMC on a loopback port, in a thread ---- */

struct peer {
	int			fd;
	uint16_t		port;
	int			stop[2];
	pthread_t		th;
	struct responder_config cfg;
	struct tu_bmc		bmc;
	struct rng	       *rng;
	struct responder       *r;
	unsigned list_suites; /* answer Get Channel Cipher Suites */
	unsigned drop_first;  /* datagrams lost on arrival */
	int	 silent;      /* never answers */
	unsigned received, answered;
};

static uint64_t
peer_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void *
peer_main(void *arg)
{
	struct peer	  *p = arg;
	struct pollfd	   pfd[2];
	struct sockaddr_in from;
	socklen_t	   fromlen;
	uint8_t		   in[RESPONDER_DATAGRAM_MAX];
	uint8_t		   out[RESPONDER_DATAGRAM_MAX];
	size_t		   outlen;
	ssize_t		   n;

	for (;;) {
		pfd[0].fd = p->fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = p->stop[0];
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) < 0 || (pfd[1].revents & POLLIN) != 0)
			return NULL;
		fromlen = sizeof(from);
		n = recvfrom(p->fd, in, sizeof(in), 0, (struct sockaddr *)&from,
		    &fromlen);
		if (n < 0)
			continue;
		if (++p->received <= p->drop_first || p->silent)
			continue;
		if (responder_input(p->r, peer_now_ms(), NULL, in, (size_t)n,
			out, sizeof(out), &outlen, NULL) &&
		    sendto(p->fd, out, outlen, 0, (struct sockaddr *)&from,
			fromlen) == (ssize_t)outlen)
			p->answered++;
	}
}

/*
 * Users admin/password (ADMIN) and op/oppass (OPERATOR), every suite.  The
 * fake model answers Get Channel Cipher Suites only when asked to; else
 * C1h, as a BMC without it does.
 */
static void
peer_start(struct peer *p, unsigned drop_first, int silent, int list_suites)
{
	struct sockaddr_in sa;
	socklen_t	   len = sizeof(sa);
	unsigned	   lvl;

	memset(p, 0, sizeof(*p));
	p->drop_first = drop_first;
	p->silent = silent;
	tu_config_all_suites(&p->cfg);
	for (lvl = IPMI_PRIV_CALLBACK; lvl <= IPMI_PRIV_OEM; lvl++)
		p->cfg.auth15_enables[lvl] = 0x17;
	tu_bmc_init(&p->bmc);
	tu_bmc_add_user(&p->bmc, "admin", "password", IPMI_PRIV_ADMIN);
	tu_bmc_add_user(&p->bmc, "op", "oppass", IPMI_PRIV_OPERATOR);
	tu_bmc_answer(&p->bmc, IPMI_NETFN_APP, 0x01, 0, devid, sizeof(devid));
	if (list_suites)
		tu_bmc_answer(&p->bmc, IPMI_NETFN_APP, 0x54, 0, suites_rsp,
		    sizeof(suites_rsp));
	ck_assert_ptr_nonnull(p->rng = rng_new_seeded(42));
	ck_assert_ptr_nonnull(
	    p->r = responder_new(&p->cfg, &tu_bmc_ops, &p->bmc, p->rng));
	ck_assert_int_ge(p->fd = socket(AF_INET, SOCK_DGRAM, 0), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(p->fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(getsockname(p->fd, (struct sockaddr *)&sa, &len), 0);
	p->port = ntohs(sa.sin_port);
	ck_assert_int_eq(pipe(p->stop), 0);
	ck_assert_int_eq(pthread_create(&p->th, NULL, peer_main, p), 0);
}

/* Stops the thread; the responder stays readable until peer_free(). */
static void
peer_stop(struct peer *p)
{
	ck_assert_int_eq(write(p->stop[1], "x", 1), 1);
	ck_assert_int_eq(pthread_join(p->th, NULL), 0);
	close(p->stop[0]);
	close(p->stop[1]);
	close(p->fd);
}

static void
peer_free(struct peer *p)
{
	responder_free(p->r);
	rng_free(p->rng);
}

/* ---- what the client sent and received ---- */

struct seen {
	unsigned sent, retransmits, received;
};

static void
seen_cb(
    void *arg, enum client_dir dir, const uint8_t *p, size_t n, int retransmit)
{
	struct seen *s = arg;

	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(p);
	if (dir == CLIENT_SENT) {
		s->sent++;
		s->retransmits += retransmit != 0;
	} else
		s->received++;
}

/*
 * Timeouts: a first try that is dropped costs its whole timeout, so the
 * tests that drop one use LOST_MS; the others wait up to ANSWERED_MS, which
 * an answer ends at once: a loaded machine does not make them retransmit.
 */
#define LOST_MS	    300
#define ANSWERED_MS 2000

static struct client *
client_for(const struct peer *p, const char *user, const char *password,
    int timeout_ms, struct seen *s)
{
	struct client_opts o;
	struct client	  *c;
	char		   err[128], port[8];

	client_opts_defaults(&o);
	snprintf(port, sizeof(port), "%u", p->port);
	ck_assert_int_eq(client_opts_parse(&o, 'p', port), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'U', user), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'P', password), 1);
	o.timeout_ms = timeout_ms;
	o.deterministic = 1;
	o.seed = 9;
	ck_assert_ptr_nonnull(c = client_new(&o, err, sizeof(err)));
	client_opts_wipe(&o);
	memset(s, 0, sizeof(*s));
	client_set_observer(c, seen_cb, s);
	return c;
}

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
}

/* ---- options ---- */

START_TEST(test_opts_defaults)
{
	struct client_opts o;

	memset(&o, 0xaa, sizeof(o));
	client_opts_defaults(&o);
	ck_assert_str_eq(o.host, "127.0.0.1");
	ck_assert_uint_eq(o.port, 623);
	ck_assert_uint_eq(o.user_len, 0);
	ck_assert_uint_eq(o.password_len, 0);
	ck_assert_int_eq(o.suite, -1);
	ck_assert_uint_eq(o.privilege, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(o.ipmi15, 0);
	ck_assert_uint_eq(o.authtype15, IPMI15_AUTHTYPE_MD5);
	ck_assert_int_eq(o.timeout_ms, 1000);
	ck_assert_int_eq(o.tries, 4);
	ck_assert_uint_eq(o.kg_set, 0);
	ck_assert_int_eq(o.verbose, 0);
}
END_TEST

START_TEST(test_opts_each)
{
	static const uint8_t zero[20];
	struct client_opts   o;

	client_opts_defaults(&o);
	ck_assert_int_eq(client_opts_parse(&o, 'H', "bmc.example"), 1);
	ck_assert_str_eq(o.host, "bmc.example");
	ck_assert_int_eq(client_opts_parse(&o, 'p', "6230"), 1);
	ck_assert_uint_eq(o.port, 6230);
	ck_assert_int_eq(client_opts_parse(&o, 'p', "0x26f"), 1);
	ck_assert_uint_eq(o.port, 623);
	ck_assert_int_eq(client_opts_parse(&o, 'U', "admin"), 1);
	ck_assert_uint_eq(o.user_len, 5);
	ck_assert_mem_eq(o.user, "admin", 5);
	ck_assert_int_eq(client_opts_parse(&o, 'P', "secret"), 1);
	ck_assert_uint_eq(o.password_len, 6);
	ck_assert_mem_eq(o.password, "secret\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
	ck_assert_int_eq(client_opts_parse(&o, 'k', "gkey"), 1);
	ck_assert_uint_eq(o.kg_set, 1);
	ck_assert_mem_eq(o.kg, "gkey\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
	ck_assert_int_eq(client_opts_parse(&o, 'y', "0x0102fF"), 1);
	ck_assert_mem_eq(
	    o.kg, "\x01\x02\xff\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
	ck_assert_int_eq(client_opts_parse(&o, 'y', "A0"), 1);
	ck_assert_uint_eq(o.kg[0], 0xa0);
	ck_assert_uint_eq(o.kg[1], 0);
	ck_assert_int_eq(client_opts_parse(&o, 'C', "17"), 1);
	ck_assert_int_eq(o.suite, 17);
	ck_assert_int_eq(client_opts_parse(&o, 'C', "0"), 1);
	ck_assert_int_eq(o.suite, 0);
	ck_assert_int_eq(client_opts_parse(&o, 'L', "operator"), 1);
	ck_assert_uint_eq(o.privilege, IPMI_PRIV_OPERATOR);
	ck_assert_int_eq(client_opts_parse(&o, 'I', "lan"), 1);
	ck_assert_uint_eq(o.ipmi15, 1);
	ck_assert_int_eq(client_opts_parse(&o, 'I', "lanplus"), 1);
	ck_assert_uint_eq(o.ipmi15, 0);
	/* An IPMI 1.5 auth type implies -I lan. */
	ck_assert_int_eq(client_opts_parse(&o, 'A', "md2"), 1);
	ck_assert_uint_eq(o.authtype15, IPMI15_AUTHTYPE_MD2);
	ck_assert_uint_eq(o.ipmi15, 1);
	ck_assert_int_eq(client_opts_parse(&o, 'A', "PASSWORD"), 1);
	ck_assert_uint_eq(o.authtype15, IPMI15_AUTHTYPE_STRAIGHT);
	ck_assert_int_eq(client_opts_parse(&o, 'A', "none"), 1);
	ck_assert_uint_eq(o.authtype15, IPMI15_AUTHTYPE_NONE);
	ck_assert_int_eq(client_opts_parse(&o, 'A', "MD5"), 1);
	ck_assert_uint_eq(o.authtype15, IPMI15_AUTHTYPE_MD5);
	ck_assert_int_eq(client_opts_parse(&o, 'N', "3"), 1);
	ck_assert_int_eq(o.timeout_ms, 3000);
	ck_assert_int_eq(client_opts_parse(&o, 'R', "20"), 1);
	ck_assert_int_eq(o.tries, 20);
	ck_assert_int_eq(client_opts_parse(&o, 'v', NULL), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'v', NULL), 1);
	ck_assert_int_eq(o.verbose, 2);
	/* Not a client option. */
	ck_assert_int_eq(client_opts_parse(&o, 'x', "1"), 0);
	ck_assert_int_eq(client_opts_parse(&o, 'h', NULL), 0);
	client_opts_wipe(&o);
	ck_assert_mem_eq(o.password, zero, 20);
	ck_assert_mem_eq(o.kg, zero, 20);
}
END_TEST

/* Each refused value, and the option left as it was. */
START_TEST(test_opts_refused)
{
	static const struct {
		int	    opt;
		const char *arg;
	} bad[] = {
	    {'p', "0"},
	    {'p', "65536"},
	    {'p', "62x"},
	    {'p', ""},
	    {'U', "seventeen-bytes!!"},
	    {'P', "twenty-one-bytes-long"},
	    {'k', "twenty-one-bytes-long"},
	    {'y', "0x123"},
	    {'y', "zz"},
	    {'y', "000102030405060708090a0b0c0d0e0f1011121314"},
	    {'C', "20"},
	    {'C', "-1"},
	    {'L', "ROOT"},
	    {'I', "open"},
	    {'A', "SHA1"},
	    {'N', "0"},
	    {'N', "61"},
	    {'R', "0"},
	    {'R', "21"},
	};
	struct client_opts o, before;
	size_t		   i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		client_opts_defaults(&o);
		before = o;
		ck_assert_msg(
		    client_opts_parse(&o, bad[i].opt, bad[i].arg) == -1,
		    "-%c %s accepted", bad[i].opt, bad[i].arg);
		/* Options that were not touched stay. */
		ck_assert_uint_eq(o.port, before.port);
		ck_assert_int_eq(o.suite, before.suite);
		ck_assert_uint_eq(o.privilege, before.privilege);
		ck_assert_int_eq(o.timeout_ms, before.timeout_ms);
		ck_assert_int_eq(o.tries, before.tries);
		ck_assert_uint_eq(o.user_len, 0);
	}
	/* Exactly at the limits: accepted. */
	ck_assert_int_eq(client_opts_parse(&o, 'U', "sixteen-bytes-ok"), 1);
	ck_assert_uint_eq(o.user_len, 16);
	ck_assert_int_eq(client_opts_parse(&o, 'P', "twenty-bytes-long-ok"), 1);
	ck_assert_uint_eq(o.password_len, 20);
	ck_assert_int_eq(client_opts_parse(&o, 'p', "65535"), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'C', "19"), 1);
}
END_TEST

START_TEST(test_opts_password_from_env)
{
	struct client_opts o;

	client_opts_defaults(&o);
	unsetenv("IPMI_PASSWORD");
	unsetenv("IPMITOOL_PASSWORD");
	ck_assert_int_eq(client_opts_parse(&o, 'E', NULL), -1);
	ck_assert_int_eq(setenv("IPMITOOL_PASSWORD", "second", 1), 0);
	ck_assert_int_eq(client_opts_parse(&o, 'E', NULL), 1);
	ck_assert_uint_eq(o.password_len, 6);
	ck_assert_mem_eq(o.password, "second", 6);
	/* IPMI_PASSWORD first, as ipmitool reads them. */
	ck_assert_int_eq(setenv("IPMI_PASSWORD", "first", 1), 0);
	ck_assert_int_eq(client_opts_parse(&o, 'E', NULL), 1);
	ck_assert_uint_eq(o.password_len, 5);
	ck_assert_mem_eq(o.password, "first\0", 6);
}
END_TEST

START_TEST(test_priv_parse)
{
	ck_assert_int_eq(client_priv_parse("CALLBACK"), IPMI_PRIV_CALLBACK);
	ck_assert_int_eq(client_priv_parse("user"), IPMI_PRIV_USER);
	ck_assert_int_eq(client_priv_parse("Operator"), IPMI_PRIV_OPERATOR);
	ck_assert_int_eq(client_priv_parse("ADMINISTRATOR"), IPMI_PRIV_ADMIN);
	ck_assert_int_eq(client_priv_parse("admin"), IPMI_PRIV_ADMIN);
	ck_assert_int_eq(client_priv_parse("OEM"), IPMI_PRIV_OEM);
	ck_assert_int_eq(client_priv_parse("ADMINISTRATORS"), -1);
	ck_assert_int_eq(client_priv_parse(""), -1);
}
END_TEST

START_TEST(test_describe_failure)
{
	struct initiator_event ev;
	char		       buf[160];

	memset(&ev, 0, sizeof(ev));
	ev.step = INITIATOR_RAKP1;
	ev.status = 0x0d;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(buf, "RAKP 1/2: RMCP+ status 0dh: unauthorized name");
	ev.status = 0;
	ev.err = ERR_INTEGRITY;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(buf,
	    "RAKP 1/2: the BMC's RAKP 2 auth code does not match: wrong "
	    "password (or user)");
	ev.step = INITIATOR_RAKP3;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(
	    buf, "RAKP 3/4: the BMC's integrity check value is wrong (K_G?)");
	ev.step = INITIATOR_ACTIVATE;
	ev.err = ERR_UNSUPPORTED;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(buf,
	    "Activate Session: the BMC does not support this authentication "
	    "type or IPMI version");
	ev.step = INITIATOR_SET_PRIV;
	ev.err = 0;
	ev.cc = 0xd4;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(buf,
	    "Set Session Privilege Level: completion code d4h: insufficient "
	    "privilege level or other security restriction");
	ev.cc = 0;
	ev.step = INITIATOR_OPEN;
	ev.err = ERR_FORMAT;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(buf, "Open Session: invalid field value");
	/* A step beyond the table. */
	ev.step = (enum initiator_state)99;
	client_describe_failure(&ev, buf, sizeof(buf));
	ck_assert_str_eq(buf, "login: invalid field value");
}
END_TEST

/* ---- the driver against a BMC ---- */

/* Get Channel Authentication Capabilities, sessionless (§22.13). */
START_TEST(test_sessionless_retransmit)
{
	static const uint8_t req[] = {0x0e, 0x04};
	struct peer	     p;
	struct seen	     s;
	struct client	    *c;
	struct ipmi_rsp	     rsp;
	uint8_t		     buf[RESPONDER_DATAGRAM_MAX];

	peer_start(&p, 1, 0, 0);
	c = client_for(&p, "admin", "password", LOST_MS, &s);
	ck_assert_int_eq(client_sessionless(c, IPMI_NETFN_APP, 0x38, req,
			     sizeof(req), &rsp, buf, sizeof(buf)),
	    0);
	ck_assert_uint_eq(rsp.netfn, IPMI_NETFN_APP | 1);
	ck_assert_uint_eq(rsp.cmd, 0x38);
	ck_assert_uint_eq(rsp.cc, 0);
	ck_assert_uint_eq(rsp.data_len, 8);
	/* The channel the request came in on, not 0Eh (§22.13). */
	ck_assert_uint_eq(rsp.data[0], p.cfg.channel);
	/* The first try lost, the second answered. */
	ck_assert_uint_eq(s.sent, 2);
	ck_assert_uint_eq(s.retransmits, 1);
	ck_assert_uint_eq(s.received, 1);
	ck_assert_uint_gt(client_last_rtt_ns(c), 0);
	/* The next one is answered at the first try. */
	ck_assert_int_eq(client_sessionless(c, IPMI_NETFN_APP, 0x38, req,
			     sizeof(req), &rsp, buf, sizeof(buf)),
	    0);
	ck_assert_uint_eq(s.sent, 3);
	ck_assert_uint_eq(s.retransmits, 1);
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(p.received, 3);
	ck_assert_uint_eq(p.answered, 2);
	peer_free(&p);
}
END_TEST

START_TEST(test_silent_bmc_times_out)
{
	static const uint8_t req[] = {0x0e, 0x04};
	struct peer	     p;
	struct seen	     s;
	struct client	    *c;
	struct ipmi_rsp	     rsp;
	struct client_opts   o;
	uint8_t		     buf[RESPONDER_DATAGRAM_MAX];
	char		     want[96], err[128], port[8];
	uint64_t	     t0;

	peer_start(&p, 0, 1, 0);
	client_opts_defaults(&o);
	snprintf(port, sizeof(port), "%u", p.port);
	ck_assert_int_eq(client_opts_parse(&o, 'p', port), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'R', "3"), 1);
	o.timeout_ms = 20;
	ck_assert_ptr_nonnull(c = client_new(&o, err, sizeof(err)));
	memset(&s, 0, sizeof(s));
	client_set_observer(c, seen_cb, &s);
	t0 = transport_now_ns();
	ck_assert_int_eq(client_sessionless(c, IPMI_NETFN_APP, 0x38, req,
			     sizeof(req), &rsp, buf, sizeof(buf)),
	    ERR_TIMEOUT);
	/* Each try waits one step longer: 20 + 40 + 60 ms. */
	ck_assert_uint_ge(transport_now_ns() - t0, 120000000u);
	ck_assert_uint_eq(s.sent, 3);
	ck_assert_uint_eq(s.retransmits, 2);
	ck_assert_uint_eq(s.received, 0);
	snprintf(want, sizeof(want),
	    "no response from 127.0.0.1:%u after 3 "
	    "tries",
	    p.port);
	ck_assert_str_eq(client_error(c), want);
	/* A login gives up the same way, at Get Channel Cipher Suites. */
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(client_login(c), ERR_TIMEOUT);
	ck_assert_uint_eq(s.sent, 3);
	ck_assert_uint_eq(s.retransmits, 2);
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(p.received, 6);
	peer_free(&p);
}
END_TEST

START_TEST(test_cipher_suites_listed)
{
	struct peer	 p;
	struct seen	 s;
	struct client	*c;
	struct suitelist l;
	uint8_t		 cc = 0xff;

	peer_start(&p, 0, 0, 1);
	c = client_for(&p, "admin", "password", ANSWERED_MS, &s);
	ck_assert_int_eq(client_cipher_suites(c, &l, &cc), 0);
	ck_assert_uint_eq(cc, 0);
	ck_assert_uint_eq(l.count, 3);
	ck_assert_uint_eq(l.entry[0].id, 0);
	ck_assert_uint_eq(l.entry[1].id, 3);
	ck_assert_uint_eq(l.entry[2].id, 17);
	ck_assert_uint_eq(l.entry[2].auth_alg, 3);
	ck_assert_uint_eq(l.entry[2].integ_alg, 4);
	ck_assert_uint_eq(l.entry[2].conf_alg, 1);
	/* One request: the first response was already short. */
	ck_assert_uint_eq(s.sent, 1);
	ck_assert_uint_eq(s.received, 1);
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(p.bmc.last_len, 3);
	ck_assert_mem_eq(p.bmc.last_data, "\x0e\x00\x80", 3);
	peer_free(&p);
}
END_TEST

START_TEST(test_cipher_suites_refused)
{
	struct peer	 p;
	struct seen	 s;
	struct client	*c;
	struct suitelist l;
	uint8_t		 cc = 0;

	peer_start(&p, 0, 0, 0);
	c = client_for(&p, "admin", "password", ANSWERED_MS, &s);
	ck_assert_int_eq(client_cipher_suites(c, &l, &cc), ERR_REFUSED);
	ck_assert_uint_eq(cc, 0xc1);
	ck_assert_str_eq(
	    client_error(c), "Get Channel Cipher Suites: invalid command");
	client_free(c);
	peer_stop(&p);
	peer_free(&p);
}
END_TEST

struct keys_seen {
	unsigned sik;
};

static void
keys_cb(void *arg, const char *label, const uint8_t *p, size_t n)
{
	struct keys_seen *k = arg;

	(void)p;
	if (strcmp(label, "sik") == 0) {
		ck_assert_uint_eq(n, 32);
		k->sik++;
	}
}

/* No -C: the suite comes from Get Channel Cipher Suites. */
START_TEST(test_login_best_suite)
{
	struct peer		p;
	struct seen		s;
	struct client	       *c;
	struct initiator_event	ev;
	struct keys_seen	k = {0};
	const struct suitelist *l;

	peer_start(&p, 0, 0, 1);
	c = client_for(&p, "admin", "password", ANSWERED_MS, &s);
	ck_assert_ptr_null(client_listed_suites(c));
	ck_assert_int_eq(client_suite(c), -1);
	client_set_trace(c, keys_cb, &k);
	ck_assert_int_eq(client_login(c), 0);
	ck_assert_int_eq(client_suite(c), 17);
	ck_assert_ptr_nonnull(l = client_listed_suites(c));
	ck_assert_int_eq(suitelist_has(l, 3), 1);
	ck_assert_uint_eq(k.sik, 1);
	ck_assert_uint_eq(client_privilege(c), IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(client_max_privilege(c), IPMI_PRIV_ADMIN);
	ck_assert_uint_ne(client_bmc_session_id(c), 0);
	ck_assert_int_eq(
	    client_request(c, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), 0);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	tu_assert_bytes(ev.rsp.data, ev.rsp.data_len, devid, sizeof(devid));
	/* A command the BMC does not know: a response all the same. */
	ck_assert_int_eq(
	    client_request(c, IPMI_NETFN_APP, 0x77, NULL, 0, &ev), 0);
	ck_assert_uint_eq(ev.rsp.cc, 0xc1);
	ck_assert_int_eq(client_login(c), ERR_WRONG_STATE);
	ck_assert_str_eq(client_error(c), "already logged in");
	ck_assert_int_eq(client_logout(c), 0);
	ck_assert_uint_eq(s.retransmits, 0);
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(responder_active_sessions(p.r), 0);
	ck_assert_uint_eq(p.bmc.executed[0], 1);
	peer_free(&p);
}
END_TEST

/* No list from the BMC: suite 3, as ipmitool falls back to. */
START_TEST(test_login_fallback_suite3)
{
	struct peer    p;
	struct seen    s;
	struct client *c;

	peer_start(&p, 0, 0, 0);
	c = client_for(&p, "admin", "password", ANSWERED_MS, &s);
	ck_assert_int_eq(client_login(c), 0);
	ck_assert_int_eq(client_suite(c), 3);
	ck_assert_ptr_null(client_listed_suites(c));
	ck_assert_int_eq(client_logout(c), 0);
	client_free(c);
	peer_stop(&p);
	peer_free(&p);
}
END_TEST

/*
 * -C 3: every step of the login sent once, except the first, lost once;
 * the session then works.
 */
START_TEST(test_login_first_datagram_lost)
{
	struct peer	       p;
	struct seen	       s;
	struct client	      *c;
	struct initiator_event ev;
	struct client_opts     o;
	char		       err[128], port[8];

	peer_start(&p, 1, 0, 0);
	client_opts_defaults(&o);
	snprintf(port, sizeof(port), "%u", p.port);
	ck_assert_int_eq(client_opts_parse(&o, 'p', port), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'U', "op"), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'P', "oppass"), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'C', "3"), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'L', "OPERATOR"), 1);
	o.timeout_ms = LOST_MS;
	ck_assert_ptr_nonnull(c = client_new(&o, err, sizeof(err)));
	memset(&s, 0, sizeof(s));
	client_set_observer(c, seen_cb, &s);
	ck_assert_int_eq(client_login(c), 0);
	ck_assert_int_eq(client_suite(c), 3);
	ck_assert_ptr_null(client_listed_suites(c));
	ck_assert_uint_eq(client_max_privilege(c), IPMI_PRIV_OPERATOR);
	/*
	 * Get Channel Auth Caps (twice), Open Session, RAKP 1, RAKP 3, Set
	 * Session Privilege Level.
	 */
	ck_assert_uint_eq(s.retransmits, 1);
	ck_assert_uint_eq(s.sent, 6);
	ck_assert_uint_eq(s.received, 5);
	ck_assert_int_eq(
	    client_request(c, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), 0);
	tu_assert_bytes(ev.rsp.data, ev.rsp.data_len, devid, sizeof(devid));
	ck_assert_int_eq(client_logout(c), 0);
	ck_assert_uint_eq(s.sent, 8);
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(p.received, 8);
	peer_free(&p);
}
END_TEST

static const char *const authtypes15[] = {"MD5", "MD2", "PASSWORD", "NONE"};

START_TEST(test_login_ipmi15)
{
	struct peer	       p;
	struct seen	       s;
	struct client	      *c;
	struct initiator_event ev;
	struct client_opts     o;
	char		       err[128], port[8];

	peer_start(&p, 0, 0, 0);
	client_opts_defaults(&o);
	snprintf(port, sizeof(port), "%u", p.port);
	ck_assert_int_eq(client_opts_parse(&o, 'p', port), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'U', "admin"), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'P', "password"), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'A', authtypes15[_i]), 1);
	o.timeout_ms = ANSWERED_MS;
	ck_assert_ptr_nonnull(c = client_new(&o, err, sizeof(err)));
	memset(&s, 0, sizeof(s));
	client_set_observer(c, seen_cb, &s);
	ck_assert_int_eq(client_login(c), 0);
	ck_assert_int_eq(client_suite(c), -1);
	ck_assert_int_eq(
	    client_request(c, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), 0);
	tu_assert_bytes(ev.rsp.data, ev.rsp.data_len, devid, sizeof(devid));
	ck_assert_int_eq(client_logout(c), 0);
	ck_assert_uint_eq(s.retransmits, 0);
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(responder_active_sessions(p.r), 0);
	peer_free(&p);
}
END_TEST

START_TEST(test_login_refused)
{
	struct peer	   p;
	struct seen	   s;
	struct client	  *c;
	struct client_opts o;
	char		   err[128], port[8];

	peer_start(&p, 0, 0, 0);
	c = client_for(&p, "admin", "wrong", ANSWERED_MS, &s);
	ck_assert_int_eq(client_login(c), ERR_REFUSED);
	ck_assert_str_eq(client_error(c),
	    "RAKP 1/2: the BMC's RAKP 2 auth code does not match: wrong "
	    "password (or user)");
	client_free(c);
	c = client_for(&p, "nobody", "password", ANSWERED_MS, &s);
	ck_assert_int_eq(client_login(c), ERR_REFUSED);
	ck_assert_str_eq(
	    client_error(c), "RAKP 1/2: RMCP+ status 0dh: unauthorized name");
	client_free(c);
	/* A suite this client does not implement. */
	client_opts_defaults(&o);
	snprintf(port, sizeof(port), "%u", p.port);
	ck_assert_int_eq(client_opts_parse(&o, 'p', port), 1);
	ck_assert_int_eq(client_opts_parse(&o, 'C', "4"), 1);
	ck_assert_ptr_nonnull(c = client_new(&o, err, sizeof(err)));
	ck_assert_int_eq(client_login(c), ERR_UNSUPPORTED);
	ck_assert_str_eq(client_error(c), "cipher suite 4 is not implemented");
	client_free(c);
	peer_stop(&p);
	ck_assert_uint_eq(responder_active_sessions(p.r), 0);
	peer_free(&p);
}
END_TEST

START_TEST(test_not_logged_in)
{
	struct peer	       p;
	struct seen	       s;
	struct client	      *c;
	struct initiator_event ev;
	char		       want[32];

	peer_start(&p, 0, 0, 0);
	c = client_for(&p, "admin", "password", ANSWERED_MS, &s);
	snprintf(want, sizeof(want), "127.0.0.1:%u", p.port);
	ck_assert_str_eq(client_peer(c), want);
	ck_assert_ptr_nonnull(client_rng(c));
	ck_assert_int_eq(client_request(c, IPMI_NETFN_APP, 0x01, NULL, 0, &ev),
	    ERR_WRONG_STATE);
	ck_assert_str_eq(client_error(c), "not logged in");
	ck_assert_uint_eq(client_max_privilege(c), 0);
	ck_assert_uint_eq(client_bmc_session_id(c), 0);
	ck_assert_int_eq(client_logout(c), 0);
	ck_assert_uint_eq(s.sent, 0);
	client_free(c);
	client_free(NULL);
	peer_stop(&p);
	ck_assert_uint_eq(p.received, 0);
	peer_free(&p);
}
END_TEST

/* The ASF presence ping, raw (ASF 2.0 §3.2.4.1). */
START_TEST(test_raw_ping)
{
	static const uint8_t ping[] = {0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11,
	    0xbe, 0x80, 0x07, 0x00, 0x00};
	struct peer	     p;
	struct seen	     s;
	struct client	    *c;
	uint8_t		     buf[RESPONDER_DATAGRAM_MAX];
	size_t		     n;

	peer_start(&p, 0, 0, 0);
	c = client_for(&p, "admin", "password", ANSWERED_MS, &s);
	ck_assert_int_eq(client_send_raw(c, ping, sizeof(ping)), 0);
	ck_assert_int_eq(client_recv_raw(c, buf, sizeof(buf), &n, 2000), 0);
	/* Presence pong (40h), same message tag. */
	ck_assert_uint_ge(n, 12);
	ck_assert_uint_eq(buf[3], 0x06);
	ck_assert_uint_eq(buf[8], 0x40);
	ck_assert_uint_eq(buf[9], 0x07);
	ck_assert_uint_eq(s.sent, 1);
	ck_assert_uint_eq(s.received, 1);
	ck_assert_int_eq(
	    client_recv_raw(c, buf, sizeof(buf), &n, 0), ERR_TIMEOUT);
	client_free(c);
	peer_stop(&p);
	peer_free(&p);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("client");
	TCase	*opts = tcase_create("options");
	TCase	*drv = tcase_create("driver");
	SRunner *sr;
	int	 failed;

	tcase_add_test(opts, test_opts_defaults);
	tcase_add_test(opts, test_opts_each);
	tcase_add_test(opts, test_opts_refused);
	tcase_add_test(opts, test_opts_password_from_env);
	tcase_add_test(opts, test_priv_parse);
	tcase_add_test(opts, test_describe_failure);
	suite_add_tcase(s, opts);
	tcase_add_unchecked_fixture(drv, setup, NULL);
	tcase_add_test(drv, test_sessionless_retransmit);
	tcase_add_test(drv, test_silent_bmc_times_out);
	tcase_add_test(drv, test_cipher_suites_listed);
	tcase_add_test(drv, test_cipher_suites_refused);
	tcase_add_test(drv, test_login_best_suite);
	tcase_add_test(drv, test_login_fallback_suite3);
	tcase_add_test(drv, test_login_first_datagram_lost);
	tcase_add_loop_test(drv, test_login_ipmi15, 0,
	    sizeof(authtypes15) / sizeof(authtypes15[0]));
	tcase_add_test(drv, test_login_refused);
	tcase_add_test(drv, test_not_logged_in);
	tcase_add_test(drv, test_raw_ping);
	suite_add_tcase(s, drv);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
