/*
 * The session driver.  The initiator produces every datagram and judges
 * every reply; this file only moves them and decides, on a timeout,
 * whether to call initiator_retransmit() or to give up.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client.h"
#include "describe_cmd.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "initiator.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "names.h"
#include "responder.h"
#include "rmcp.h"
#include "rng.h"
#include "suite.h"
#include "suitelist.h"
#include "transport.h"

#define CMD_GET_CHANNEL_CIPHER_SUITES 0x54
#define CLIENT_CHANNEL_CURRENT	      0x0e
#define CLIENT_DGRAM_MAX	      RESPONDER_DATAGRAM_MAX

struct client {
	struct client_opts  opts;
	struct transport   *t;
	struct rng	   *rng;
	struct initiator   *in;
	int		    suite;
	uint8_t		    rq_seq; /* sessionless requests */
	uint64_t	    rtt_ns;
	client_observe_cb  *observe;
	void		   *observe_arg;
	initiator_trace_cb *trace;
	void		   *trace_arg;
	char		    error[256];
	struct suitelist    listed;
	int		    have_listed;
};

static void client_fail(struct client *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

void
client_opts_defaults(struct client_opts *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->host, sizeof(o->host), "127.0.0.1");
	o->port = 623;
	o->suite = -1;
	o->privilege = IPMI_PRIV_ADMIN;
	o->authtype15 = IPMI15_AUTHTYPE_MD5;
	o->timeout_ms = 1000;
	o->tries = 4;
}

void
client_opts_wipe(struct client_opts *o)
{
	ct_wipe(o->password, sizeof(o->password));
	ct_wipe(o->kg, sizeof(o->kg));
}

int
client_priv_parse(const char *s)
{
	static const struct {
		const char *name;
		uint8_t	    priv;
	} t[] = {
	    {"CALLBACK", IPMI_PRIV_CALLBACK},
	    {"USER", IPMI_PRIV_USER},
	    {"OPERATOR", IPMI_PRIV_OPERATOR},
	    {"ADMINISTRATOR", IPMI_PRIV_ADMIN},
	    {"ADMIN", IPMI_PRIV_ADMIN},
	    {"OEM", IPMI_PRIV_OEM},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcasecmp(s, t[i].name) == 0)
			return t[i].priv;
	return -1;
}

static int
client_parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || *v > max)
		return -1;
	return 0;
}

static int
client_set_secret(
    uint8_t *dst, size_t cap, size_t *len, const char *s, const char *what)
{
	size_t n = strlen(s);

	if (n > cap) {
		fprintf(
		    stderr, "bmcsim: %s longer than %zu bytes\n", what, cap);
		return -1;
	}
	memset(dst, 0, cap);
	memcpy(dst, s, n);
	if (len != NULL)
		*len = n;
	return 0;
}

int
client_opts_parse(struct client_opts *o, int opt, const char *arg)
{
	unsigned long v;
	const char   *env;
	size_t	      n;
	int	      p;

	switch (opt) {
	case 'H':
		snprintf(o->host, sizeof(o->host), "%s", arg);
		return 1;
	case 'p':
		if (client_parse_uint(arg, 65535, &v) != 0 || v == 0)
			goto bad;
		o->port = (uint16_t)v;
		return 1;
	case 'U':
		if ((n = strlen(arg)) > sizeof(o->user)) {
			fprintf(stderr, "bmcsim: user name over 16 bytes\n");
			return -1;
		}
		memcpy(o->user, arg, n);
		o->user_len = (uint8_t)n;
		return 1;
	case 'P':
		return client_set_secret(o->password, sizeof(o->password),
			   &o->password_len, arg, "password") == 0
		    ? 1
		    : -1;
	case 'E':
		/* ipmitool reads IPMI_PASSWORD, then IPMITOOL_PASSWORD. */
		if ((env = getenv("IPMI_PASSWORD")) == NULL &&
		    (env = getenv("IPMITOOL_PASSWORD")) == NULL) {
			fprintf(stderr,
			    "bmcsim: -E: IPMI_PASSWORD is not "
			    "set\n");
			return -1;
		}
		return client_set_secret(o->password, sizeof(o->password),
			   &o->password_len, env, "password") == 0
		    ? 1
		    : -1;
	case 'k':
		if (client_set_secret(o->kg, sizeof(o->kg), NULL, arg, "K_G") !=
		    0)
			return -1;
		o->kg_set = 1;
		return 1;
	case 'y':
		/* ipmitool -y: K_G in hex. */
		memset(o->kg, 0, sizeof(o->kg));
		if (strncasecmp(arg, "0x", 2) == 0)
			arg += 2;
		if (strlen(arg) > 2 * sizeof(o->kg))
			goto bad;
		for (n = 0; arg[2 * n] != '\0'; n++) {
			char  hex[3] = {arg[2 * n], arg[2 * n + 1], '\0'};
			char *end;

			o->kg[n] = (uint8_t)strtoul(hex, &end, 16);
			if (*end != '\0' || hex[1] == '\0')
				goto bad;
		}
		o->kg_set = 1;
		return 1;
	case 'C':
		if (client_parse_uint(arg, SUITE_COUNT - 1, &v) != 0)
			goto bad;
		o->suite = (int)v;
		return 1;
	case 'L':
		if ((p = client_priv_parse(arg)) < 0)
			goto bad;
		o->privilege = (uint8_t)p;
		return 1;
	case 'I':
		if (strcmp(arg, "lan") == 0)
			o->ipmi15 = 1;
		else if (strcmp(arg, "lanplus") == 0)
			o->ipmi15 = 0;
		else
			goto bad;
		return 1;
	case 'A':
		if (strcasecmp(arg, "MD5") == 0)
			o->authtype15 = IPMI15_AUTHTYPE_MD5;
		else if (strcasecmp(arg, "MD2") == 0)
			o->authtype15 = IPMI15_AUTHTYPE_MD2;
		else if (strcasecmp(arg, "PASSWORD") == 0)
			o->authtype15 = IPMI15_AUTHTYPE_STRAIGHT;
		else if (strcasecmp(arg, "NONE") == 0)
			o->authtype15 = IPMI15_AUTHTYPE_NONE;
		else
			goto bad;
		/* An IPMI 1.5 auth type only makes sense on -I lan. */
		o->ipmi15 = 1;
		return 1;
	case 'N':
		if (client_parse_uint(arg, 60, &v) != 0 || v == 0)
			goto bad;
		o->timeout_ms = (int)v * 1000;
		return 1;
	case 'R':
		if (client_parse_uint(arg, 20, &v) != 0 || v == 0)
			goto bad;
		o->tries = (int)v;
		return 1;
	case 'v':
		o->verbose++;
		return 1;
	default:
		return 0;
	}
bad:
	fprintf(stderr, "bmcsim: -%c: bad value \"%s\"\n", opt, arg);
	return -1;
}

static void
client_fail(struct client *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->error, sizeof(c->error), fmt, ap);
	va_end(ap);
}

struct client *
client_new(const struct client_opts *o, char *err, size_t errcap)
{
	struct client *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errcap, "out of memory");
		return NULL;
	}
	c->opts = *o;
	c->suite = -1;
	c->rng = o->deterministic ? rng_new_seeded(o->seed) : rng_new_system();
	if (c->rng == NULL) {
		snprintf(err, errcap, "cannot set up the random source");
		client_free(c);
		return NULL;
	}
	if ((c->t = transport_open(o->host, o->port, err, errcap)) == NULL) {
		client_free(c);
		return NULL;
	}
	return c;
}

void
client_free(struct client *c)
{
	if (c == NULL)
		return;
	initiator_free(c->in);
	transport_close(c->t);
	rng_free(c->rng);
	ct_wipe(c, sizeof(*c));
	free(c);
}

void
client_set_observer(struct client *c, client_observe_cb *cb, void *arg)
{
	c->observe = cb;
	c->observe_arg = arg;
}

void
client_set_trace(struct client *c, initiator_trace_cb *cb, void *arg)
{
	c->trace = cb;
	c->trace_arg = arg;
}

const char *
client_error(const struct client *c)
{
	return c->error;
}

int
client_suite(const struct client *c)
{
	return c->suite;
}

uint8_t
client_privilege(const struct client *c)
{
	return c->opts.privilege;
}

uint8_t
client_max_privilege(const struct client *c)
{
	return c->in != NULL ? initiator_max_privilege(c->in) : 0;
}

uint32_t
client_bmc_session_id(const struct client *c)
{
	return c->in != NULL ? initiator_bmc_session_id(c->in) : 0;
}

const char *
client_peer(const struct client *c)
{
	return transport_peer(c->t);
}

uint64_t
client_last_rtt_ns(const struct client *c)
{
	return c->rtt_ns;
}

const struct suitelist *
client_listed_suites(const struct client *c)
{
	return c->have_listed ? &c->listed : NULL;
}

struct rng *
client_rng(struct client *c)
{
	return c->rng;
}

static int
client_send(struct client *c, const uint8_t *p, size_t n, int retransmit)
{
	if (c->observe != NULL)
		c->observe(c->observe_arg, CLIENT_SENT, p, n, retransmit);
	if (transport_send(c->t, p, n) != 0) {
		client_fail(
		    c, "send to %s: %s", transport_peer(c->t), strerror(errno));
		return ERR_SYSTEM;
	}
	return 0;
}

int
client_send_raw(struct client *c, const uint8_t *p, size_t n)
{
	return client_send(c, p, n, 0);
}

/* Receives one datagram; the observer sees it. */
static int
client_recv(struct client *c, uint8_t *p, size_t cap, size_t *n, int ms)
{
	int rc;

	rc = transport_recv(c->t, p, cap, n, ms);
	if (rc == ERR_SYSTEM) {
		client_fail(c, "receive from %s: %s", transport_peer(c->t),
		    strerror(errno));
		return rc;
	}
	if (rc == 0 && c->observe != NULL)
		c->observe(c->observe_arg, CLIENT_RECEIVED, p, *n, 0);
	return rc;
}

int
client_recv_raw(
    struct client *c, uint8_t *p, size_t cap, size_t *n, int timeout_ms)
{
	return client_recv(c, p, cap, n, timeout_ms);
}

/* The timeout of try number i (from 0): it grows by one step a try. */
static int
client_try_timeout(const struct client *c, int i)
{
	return c->opts.timeout_ms * (i + 1);
}

/* Decodes a sessionless IPMI 1.5-format response. */
static int
client_decode_sessionless(const uint8_t *p, size_t n, struct ipmi_rsp *rsp)
{
	struct rmcp_header    h;
	struct ipmi15_session s;
	struct rd	      r;
	int		      rc;

	rd_init(&r, p, n);
	if ((rc = rmcp_decode_header(&r, &h)) != 0)
		return rc;
	if ((h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_IPMI)
		return ERR_FORMAT;
	if ((rc = ipmi15_decode(&r, &s)) != 0)
		return rc;
	return ipmimsg_decode_rsp(s.msg, s.msg_len, rsp);
}

int
client_sessionless(struct client *c, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, struct ipmi_rsp *rsp, uint8_t *buf,
    size_t cap)
{
	struct ipmi15_session s;
	struct ipmi_req	      req;
	uint8_t		      msg[IPMIMSG_REQ_HEADER_LEN + IPMIMSG_DATA_MAX];
	uint8_t		      out[CLIENT_DGRAM_MAX];
	size_t		      msglen, outlen, n;
	uint64_t	      sent;
	int		      i, rc;

	memset(&req, 0, sizeof(req));
	req.rs_addr = IPMIMSG_BMC_ADDR;
	req.netfn = netfn;
	req.rq_addr = IPMIMSG_CONSOLE_ADDR;
	req.rq_seq = c->rq_seq;
	c->rq_seq = (c->rq_seq + 1) & 0x3f;
	req.cmd = cmd;
	req.data = data;
	req.data_len = len;
	memset(&s, 0, sizeof(s));
	if ((rc = ipmimsg_encode_req(&req, msg, sizeof(msg), &msglen)) != 0)
		return rc;
	s.msg = msg;
	s.msg_len = (uint8_t)msglen;
	if ((rc = ipmi15_encode(&s, out, sizeof(out), &outlen)) != 0)
		return rc;
	for (i = 0; i < c->opts.tries; i++) {
		if ((rc = client_send(c, out, outlen, i > 0)) != 0)
			return rc;
		sent = transport_now_ns();
		for (;;) {
			rc = client_recv(
			    c, buf, cap, &n, client_try_timeout(c, i));
			if (rc == ERR_TIMEOUT)
				break;
			if (rc != 0)
				return rc;
			/* Anything else (a late answer) is not ours. */
			if (client_decode_sessionless(buf, n, rsp) == 0 &&
			    rsp->cmd == cmd && rsp->netfn == (netfn | 1) &&
			    rsp->rq_seq == req.rq_seq) {
				c->rtt_ns = transport_now_ns() - sent;
				return 0;
			}
		}
	}
	client_fail(c, "no response from %s after %d tries",
	    transport_peer(c->t), c->opts.tries);
	return ERR_TIMEOUT;
}

int
client_cipher_suites(struct client *c, struct suitelist *l, uint8_t *cc)
{
	struct ipmi_rsp rsp;
	struct rd	r;
	uint8_t		buf[CLIENT_DGRAM_MAX], req[3], chan;
	uint8_t		records[SUITELIST_MAX * 8];
	size_t		total = 0, n;
	unsigned	index;
	int		rc;

	*cc = 0;
	/* Table 22-18: 16 record bytes a response, until a short one. */
	for (index = 0; index < 0x40; index++) {
		req[0] = CLIENT_CHANNEL_CURRENT;
		req[1] = 0x00;			  /* payload type IPMI */
		req[2] = (uint8_t)(0x80 | index); /* by cipher suite */
		if ((rc = client_sessionless(c, IPMI_NETFN_APP,
			 CMD_GET_CHANNEL_CIPHER_SUITES, req, sizeof(req), &rsp,
			 buf, sizeof(buf))) != 0)
			return rc;
		if (rsp.cc != IPMI_CC_OK) {
			*cc = rsp.cc;
			client_fail(c, "Get Channel Cipher Suites: %s",
			    names_cc(rsp.cc));
			return ERR_REFUSED;
		}
		rd_init(&r, rsp.data, rsp.data_len);
		if (rd_u8(&r, &chan) != 0) {
			client_fail(c,
			    "Get Channel Cipher Suites: empty "
			    "response");
			return ERR_FORMAT;
		}
		n = rd_left(&r);
		if (n > 16 || total + n > sizeof(records) ||
		    rd_bytes(&r, records + total, n) != 0)
			return ERR_FORMAT;
		total += n;
		if (n < 16)
			break;
	}
	if ((rc = suitelist_parse(records, total, l)) != 0) {
		client_fail(c, "Get Channel Cipher Suites: bad records (%s)",
		    err_str(rc));
		return ERR_FORMAT;
	}
	return 0;
}
/* A login step's completion code, command-specific ones by command. */
static const char *
client_cc_name(enum initiator_state step, uint8_t cc)
{
	static const uint8_t cmds[] = {
	    [INITIATOR_SET_PRIV] = 0x3b, /* Set Session Privilege Level */
	};
	const char *s = NULL;

	if ((size_t)step < sizeof(cmds) && cmds[step] != 0)
		s = describe_cmd_cc(
		    IPMI_NETFN_APP | 1, cmds[step], NULL, 0, cc);
	return s != NULL ? s : names_cc(cc);
}

void
client_describe_failure(const struct initiator_event *ev, char *buf, size_t cap)
{
	static const char *const steps[] = {
	    [INITIATOR_IDLE] = "start",
	    [INITIATOR_AUTH_CAPS] = "Get Channel Authentication Capabilities",
	    [INITIATOR_CHALLENGE] = "Get Session Challenge",
	    [INITIATOR_ACTIVATE] = "Activate Session",
	    [INITIATOR_OPEN] = "Open Session",
	    [INITIATOR_RAKP1] = "RAKP 1/2",
	    [INITIATOR_RAKP3] = "RAKP 3/4",
	    [INITIATOR_SET_PRIV] = "Set Session Privilege Level",
	    [INITIATOR_ESTABLISHED] = "session",
	    [INITIATOR_CLOSED] = "closed session",
	    [INITIATOR_FAILED] = "failed session",
	};
	const char *step = (size_t)ev->step < sizeof(steps) / sizeof(steps[0])
	    ? steps[ev->step]
	    : "login";

	if (ev->status != 0)
		snprintf(buf, cap, "%s: RMCP+ status %02xh: %s", step,
		    ev->status, names_rmcpp_status(ev->status));
	else if (ev->cc != 0)
		snprintf(buf, cap, "%s: completion code %02xh: %s", step,
		    ev->cc, client_cc_name(ev->step, ev->cc));
	else if (ev->err == ERR_INTEGRITY && ev->step == INITIATOR_RAKP1)
		snprintf(buf, cap,
		    "%s: the BMC's RAKP 2 auth code does not match: wrong "
		    "password (or user)",
		    step);
	else if (ev->err == ERR_INTEGRITY)
		snprintf(buf, cap,
		    "%s: the BMC's integrity check value is "
		    "wrong (K_G?)",
		    step);
	else if (ev->err == ERR_UNSUPPORTED)
		snprintf(buf, cap,
		    "%s: the BMC does not support this "
		    "authentication type or IPMI version",
		    step);
	else
		snprintf(buf, cap, "%s: %s", step, err_str(ev->err));
}

/* Milliseconds left until deadline (ns), at least 1 while any is. */
static int
client_left_ms(uint64_t deadline)
{
	uint64_t now = transport_now_ns();

	if (now >= deadline)
		return 0;
	return (int)((deadline - now + 999999) / 1000000);
}

/*
 * Sends out[0..outlen) and feeds replies to the initiator until it says
 * DONE or RESPONSE (0) or FAILED.  INITIATOR_SEND puts the next step of
 * the handshake in out: it is sent at once, with tries of its own.  On a
 * timeout the initiator writes the retransmission.
 */
static int
client_drive(
    struct client *c, uint8_t *out, size_t outlen, struct initiator_event *ev)
{
	uint8_t	 in[CLIENT_DGRAM_MAX];
	size_t	 n;
	uint64_t sent, deadline;
	unsigned rejected = 0;
	int	 tries = 0, fresh = 1, rc, res, ms;

	for (;;) {
		if (fresh) {
			tries = 0;
			fresh = 0;
		} else if (tries >= c->opts.tries) {
			if (rejected > 0)
				client_fail(c,
				    "no valid response from %s "
				    "after %d tries: %u repl%s failed "
				    "verification (integrity, "
				    "decryption or sequence)",
				    transport_peer(c->t), c->opts.tries,
				    rejected, rejected == 1 ? "y" : "ies");
			else
				client_fail(c,
				    "no response from %s after %d "
				    "tries",
				    transport_peer(c->t), c->opts.tries);
			return ERR_TIMEOUT;
		} else if ((rc = initiator_retransmit(
				c->in, out, CLIENT_DGRAM_MAX, &outlen)) != 0) {
			client_fail(c, "retransmit: %s", err_str(rc));
			return rc;
		}
		if ((rc = client_send(c, out, outlen, tries > 0)) != 0)
			return rc;
		sent = transport_now_ns();
		deadline = sent +
		    (uint64_t)client_try_timeout(c, tries) * 1000000u;
		for (;;) {
			if ((ms = client_left_ms(deadline)) == 0)
				rc = ERR_TIMEOUT;
			else
				rc = client_recv(c, in, sizeof(in), &n, ms);
			if (rc == ERR_TIMEOUT) {
				tries++;
				break;
			}
			if (rc != 0)
				return rc;
			res = initiator_input(
			    c->in, in, n, out, CLIENT_DGRAM_MAX, &outlen, ev);
			if (res < 0) {
				client_fail(c, "%s", err_str(res));
				return res;
			}
			if (res == INITIATOR_IGNORED) {
				rejected++;
				continue;
			}
			c->rtt_ns = transport_now_ns() - sent;
			if (res == INITIATOR_FAILED_RESULT) {
				client_describe_failure(
				    ev, c->error, sizeof(c->error));
				return ERR_REFUSED;
			}
			if (res == INITIATOR_SEND) {
				fresh = 1;
				break;
			}
			return 0;
		}
	}
}

/* The suite to propose when -C was not given. */
static int
client_pick_suite(struct client *c)
{
	struct suitelist l;
	uint8_t		 cc;
	int		 rc, best;

	rc = client_cipher_suites(c, &l, &cc);
	if (rc == ERR_TIMEOUT || rc == ERR_SYSTEM)
		return rc;
	/* ipmitool falls back to suite 3 when the list is unavailable. */
	if (rc != 0)
		return 3;
	c->listed = l;
	c->have_listed = 1;
	if ((best = suitelist_best(&l)) < 0) {
		client_fail(c,
		    "the BMC lists no cipher suite this client "
		    "implements");
		return ERR_UNSUPPORTED;
	}
	return best;
}

int
client_login(struct client *c)
{
	struct initiator_config cfg;
	struct initiator_event	ev;
	uint8_t			out[CLIENT_DGRAM_MAX];
	size_t			outlen;
	int			rc, suite = -1;

	if (c->in != NULL) {
		client_fail(c, "already logged in");
		return ERR_WRONG_STATE;
	}
	initiator_config_defaults(&cfg);
	if (c->opts.ipmi15) {
		cfg.protocol = INITIATOR_IPMI15;
		cfg.authtype15 = c->opts.authtype15;
	} else {
		suite = c->opts.suite;
		if (suite < 0 && (suite = client_pick_suite(c)) < 0)
			return suite;
		cfg.protocol = INITIATOR_IPMI20;
		cfg.suite_id = (uint8_t)suite;
	}
	cfg.privilege = c->opts.privilege;
	cfg.open_privilege = c->opts.privilege;
	cfg.name_len = c->opts.user_len;
	memcpy(cfg.name, c->opts.user, c->opts.user_len);
	memcpy(cfg.password, c->opts.password, sizeof(cfg.password));
	memcpy(cfg.kg, c->opts.kg, sizeof(cfg.kg));
	cfg.kg_set = c->opts.kg_set;
	c->in = initiator_new(&cfg, c->rng);
	ct_wipe(&cfg, sizeof(cfg));
	if (c->in == NULL) {
		client_fail(c, "cipher suite %d is not implemented", suite);
		return ERR_UNSUPPORTED;
	}
	c->suite = suite;
	if (c->trace != NULL)
		initiator_set_trace(c->in, c->trace, c->trace_arg);
	if ((rc = initiator_start(c->in, out, sizeof(out), &outlen)) != 0) {
		client_fail(c, "%s", err_str(rc));
		return rc;
	}
	return client_drive(c, out, outlen, &ev);
}

int
client_request(struct client *c, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, struct initiator_event *ev)
{
	uint8_t out[CLIENT_DGRAM_MAX];
	size_t	outlen;
	int	rc;

	if (c->in == NULL) {
		client_fail(c, "not logged in");
		return ERR_WRONG_STATE;
	}
	if ((rc = initiator_request(c->in, netfn, cmd, data, len, out,
		 sizeof(out), &outlen)) != 0) {
		client_fail(c, "request: %s", err_str(rc));
		return rc;
	}
	return client_drive(c, out, outlen, ev);
}

int
client_logout(struct client *c)
{
	struct initiator_event ev;
	uint8_t		       out[CLIENT_DGRAM_MAX];
	size_t		       outlen;
	int		       rc;

	if (c->in == NULL || initiator_state(c->in) != INITIATOR_ESTABLISHED)
		return 0;
	if ((rc = initiator_close(c->in, out, sizeof(out), &outlen)) != 0)
		return rc;
	if ((rc = client_drive(c, out, outlen, &ev)) != 0)
		return rc;
	if (ev.rsp.cc != IPMI_CC_OK) {
		client_fail(c, "Close Session: %s", names_cc(ev.rsp.cc));
		return ERR_REFUSED;
	}
	return 0;
}
