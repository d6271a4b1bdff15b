/*
 * The console side of IPMI over LAN: the same handshakes as the responder,
 * driven from the other end, for the client tool, the benchmark and the
 * tests.  This file: lifecycle, requests in a session and the input
 * demux; the login steps are in initiator_login.c.
 */
#include <stdlib.h>
#include <string.h>

#include "authcode15.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "initiator.h"
#include "initiator_impl.h"
#include "ipmi15.h"
#include "protect.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "seqwin.h"
#include "suite.h"

void
initiator_config_defaults(struct initiator_config *c)
{
	memset(c, 0, sizeof(*c));
	c->protocol = INITIATOR_IPMI20;
	c->suite_id = 3;
	c->authtype15 = IPMI15_AUTHTYPE_MD5;
	c->privilege = IPMI_PRIV_ADMIN;
	c->open_privilege = IPMI_PRIV_ADMIN;
	c->name_only_lookup = 1;
	c->channel = 0x0e;
	c->first_seq = 1;
	c->send_auth_caps = 1;
	c->set_privilege = 1;
}

void
initiator_trace(
    struct initiator *in, const char *label, const uint8_t *p, size_t n)
{
	if (in->trace_cb != NULL)
		in->trace_cb(in->trace_arg, label, p, n);
}

void
initiator_set_trace(struct initiator *in, initiator_trace_cb *cb, void *arg)
{
	in->trace_cb = cb;
	in->trace_arg = arg;
}

struct initiator *
initiator_new(const struct initiator_config *cfg, struct rng *rng)
{
	struct initiator *in;

	if (cfg->protocol == INITIATOR_IPMI20) {
		const struct suite *s = suite_by_id(cfg->suite_id);

		if (s == NULL || !s->implemented)
			return NULL;
	}
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return NULL;
	in->cfg = *cfg;
	in->rng = rng;
	in->state = INITIATOR_IDLE;
	in->rq_seq = cfg->first_rq_seq & 0x3f;
	if (cfg->protocol == INITIATOR_IPMI20) {
		in->suite = suite_by_id(cfg->suite_id);
		in->keys.auth_alg = in->suite->auth_alg;
		in->keys.integ_alg = in->suite->integ_alg;
		in->keys.conf_alg = in->suite->conf_alg;
	}
	memcpy(in->keys.kuid, cfg->password, sizeof(in->keys.kuid));
	return in;
}

void
initiator_free(struct initiator *in)
{
	if (in == NULL)
		return;
	protect_keys_release(&in->keys);
	ct_wipe(in, sizeof(*in));
	free(in);
}

enum initiator_state
initiator_state(const struct initiator *in)
{
	return in->state;
}

uint32_t
initiator_bmc_session_id(const struct initiator *in)
{
	return in->bmc_sid;
}

uint8_t
initiator_max_privilege(const struct initiator *in)
{
	return in->max_priv;
}

uint8_t
initiator_next_rq_seq(struct initiator *in)
{
	uint8_t s = in->rq_seq;

	in->rq_seq = (in->rq_seq + 1) & 0x3f;
	return s;
}

static uint32_t
initiator_next_seq(uint32_t *seq)
{
	uint32_t s = *seq;

	if (++*seq == 0)
		*seq = 1;
	return s;
}

int
initiator_remember(struct initiator *in, const uint8_t *out, size_t len)
{
	if (len > sizeof(in->last))
		return ERR_NOSPACE;
	memcpy(in->last, out, len);
	in->last_len = len;
	return 0;
}

/* Encodes an IPMI request message. */
int
initiator_msg(struct initiator *in, uint8_t netfn, uint8_t cmd, uint8_t rq_seq,
    const uint8_t *data, size_t len, uint8_t *msg, size_t cap, size_t *msglen)
{
	struct ipmi_req req;

	(void)in;
	memset(&req, 0, sizeof(req));
	req.rs_addr = IPMIMSG_BMC_ADDR;
	req.netfn = netfn;
	req.rq_addr = IPMIMSG_CONSOLE_ADDR;
	req.rq_seq = rq_seq;
	req.cmd = cmd;
	req.data = data;
	req.data_len = len;
	return ipmimsg_encode_req(&req, msg, cap, msglen);
}

int
initiator_retransmit(
    struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	if (in->state == INITIATOR_ESTABLISHED ||
	    in->state == INITIATOR_SET_PRIV) {
		if (!in->req_valid)
			return ERR_WRONG_STATE;
		/* Same rqSeq, new session sequence number: a retry. */
		in->rq_seq = in->req_rq_seq;
		return initiator_request(in, in->req_netfn, in->req_cmd,
		    in->req_data, in->req_len, out, cap, outlen);
	}
	if (in->last_len == 0 || in->last_len > cap)
		return ERR_WRONG_STATE;
	memcpy(out, in->last, in->last_len);
	*outlen = in->last_len;
	return 0;
}

/* Wraps an in-session IPMI message in the session's format. */
static int
initiator_wrap(struct initiator *in, const uint8_t *msg, size_t msglen,
    uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t		      sealed[RESPONDER_DATAGRAM_MAX];
	struct rmcpp_packet   p;
	struct ipmi15_session w;
	uint8_t		     *authcode;
	size_t		      sealed_len, integ_len;
	int		      rc;

	if (in->cfg.protocol == INITIATOR_IPMI15) {
		memset(&w, 0, sizeof(w));
		w.authtype = in->cfg.authtype15;
		w.session_id = in->bmc_sid;
		w.seq = initiator_next_seq(&in->out_seq_auth);
		w.msg = msg;
		w.msg_len = (uint8_t)msglen;
		if (w.authtype != IPMI15_AUTHTYPE_NONE &&
		    (rc = authcode15_compute(w.authtype, in->keys.kuid,
			 w.session_id, msg, msglen, w.seq, w.authcode)) != 0)
			return rc;
		return ipmi15_encode(&w, out, cap, outlen);
	}
	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_IPMI;
	p.session_id = in->bmc_sid;
	p.authenticated = in->keys.integ_alg != INTEG_ALG_NONE;
	p.encrypted = in->keys.conf_alg != CONF_ALG_NONE;
	p.seq = p.authenticated ? initiator_next_seq(&in->out_seq_auth)
				: initiator_next_seq(&in->out_seq_unauth);
	if (p.encrypted) {
		if ((rc = protect_encrypt(&in->keys, in->rng, msg, msglen,
			 sealed, sizeof(sealed), &sealed_len)) != 0)
			return rc;
		p.payload = sealed;
		p.payload_len = (uint16_t)sealed_len;
	} else {
		p.payload = msg;
		p.payload_len = (uint16_t)msglen;
	}
	integ_len = suite_integ_len(in->keys.integ_alg);
	if ((rc = rmcpp_encode(&p, integ_len, out, cap, outlen, &authcode)) !=
	    0)
		return rc;
	if (p.authenticated) {
		const uint8_t *start = out + RMCP_HEADER_LEN;

		initiator_trace(
		    in, "integrity input", start, (size_t)(authcode - start));
		if ((rc = protect_integrity(&in->keys, start,
			 (size_t)(authcode - start), authcode)) != 0)
			return rc;
		initiator_trace(in, "integrity", authcode, integ_len);
	}
	return 0;
}

int
initiator_request(struct initiator *in, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t msg[IPMIMSG_REQ_HEADER_LEN + IPMIMSG_DATA_MAX];
	size_t	msglen;
	uint8_t rq_seq;
	int	rc;

	if (in->state != INITIATOR_ESTABLISHED &&
	    in->state != INITIATOR_SET_PRIV)
		return ERR_WRONG_STATE;
	if (len > IPMIMSG_DATA_MAX)
		return ERR_INVALID_ARG;
	rq_seq = initiator_next_rq_seq(in);
	if ((rc = initiator_msg(in, netfn, cmd, rq_seq, data, len, msg,
		 sizeof(msg), &msglen)) != 0)
		return rc;
	if (data != in->req_data && len > 0)
		memcpy(in->req_data, data, len);
	in->req_len = len;
	in->req_netfn = netfn;
	in->req_cmd = cmd;
	in->req_rq_seq = rq_seq;
	in->req_valid = 1;
	return initiator_wrap(in, msg, msglen, out, cap, outlen);
}

void
initiator_expect_bridged(struct initiator *in, uint8_t cmd)
{
	if (in->state != INITIATOR_ESTABLISHED)
		return;
	in->req_cmd = cmd;
	in->req_valid = 1;
}

int
initiator_close(struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t	  data[4];
	struct wr w;
	int	  rc;

	wr_init(&w, data, sizeof(data));
	wr_u32le(&w, in->bmc_sid);
	if ((rc = initiator_request(in, IPMI_NETFN_APP, CMD_CLOSE_SESSION, data,
		 sizeof(data), out, cap, outlen)) != 0)
		return rc;
	return 0;
}

int
initiator_fail(struct initiator *in, struct initiator_event *ev, uint8_t status,
    uint8_t cc, int err)
{
	ev->step = in->state;
	ev->status = status;
	ev->cc = cc;
	ev->err = err;
	in->state = INITIATOR_FAILED;
	protect_keys_release(&in->keys);
	ct_wipe(&in->keys, sizeof(in->keys));
	return INITIATOR_FAILED_RESULT;
}

/* Copies a verified response into the event. */
static void
initiator_deliver(struct initiator_event *ev, const struct ipmi_rsp *rsp)
{
	ev->rsp = *rsp;
	if (rsp->data_len > 0)
		memcpy(ev->rsp_buf, rsp->data, rsp->data_len);
	ev->rsp.data = ev->rsp_buf;
}

/*
 * Unwraps an IPMI response from a datagram: sessionless (1.5 or RMCP+
 * format) before the session exists, else verified against the session.
 * Returns 0, or ERR_* (the datagram is then ignored).
 */
static int
initiator_unwrap(struct initiator *in, const uint8_t *dg, size_t len,
    struct ipmi_rsp *rsp, uint8_t *plain, size_t plaincap)
{
	struct rmcp_header    h;
	struct ipmi15_session w;
	struct rmcpp_packet   p;
	struct seqwin	     *win;
	struct rd	      rd;
	uint8_t		      authtype;
	size_t		      msglen;
	const uint8_t	     *msg;
	int		      rc;

	rd_init(&rd, dg, len);
	if ((rc = rmcp_decode_header(&rd, &h)) != 0)
		return rc;
	if (h.version != RMCP_VERSION_1_0 ||
	    (h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_IPMI)
		return ERR_FORMAT;
	if ((rc = rd_peek_u8(&rd, &authtype)) != 0)
		return rc;
	if (authtype != IPMI15_AUTHTYPE_RMCPP) {
		if ((rc = ipmi15_decode(&rd, &w)) != 0)
			return rc;
		if (w.session_id != 0 && w.authtype != IPMI15_AUTHTYPE_NONE) {
			if ((rc = authcode15_verify(w.authtype, in->keys.kuid,
				 w.session_id, w.msg, w.msg_len, w.seq,
				 w.authcode)) != 0)
				return rc;
		} else if (in->state == INITIATOR_ESTABLISHED &&
		    in->cfg.protocol == INITIATOR_IPMI15 &&
		    in->cfg.authtype15 != IPMI15_AUTHTYPE_NONE)
			return ERR_INTEGRITY;
		return ipmimsg_decode_rsp(w.msg, w.msg_len, rsp);
	}
	if ((rc = rmcpp_decode_header(&rd, &p)) != 0)
		return rc;
	if (p.payload_type != RMCPP_PT_IPMI)
		return ERR_FORMAT;
	if (p.session_id == 0) {
		if (p.authenticated || p.encrypted ||
		    (rc = rmcpp_decode_trailer(&rd, 0, &p)) != 0)
			return ERR_FORMAT;
		return ipmimsg_decode_rsp(p.payload, p.payload_len, rsp);
	}
	if (p.session_id != in->console_sid)
		return ERR_NOT_FOUND;
	if (p.authenticated != (in->keys.integ_alg != INTEG_ALG_NONE) ||
	    p.encrypted != (in->keys.conf_alg != CONF_ALG_NONE))
		return ERR_FORMAT;
	if ((rc = rmcpp_decode_trailer(
		 &rd, suite_integ_len(in->keys.integ_alg), &p)) != 0)
		return rc;
	if (p.authenticated &&
	    (rc = protect_integrity_verify(&in->keys, p.integrity_data,
		 p.integrity_len, p.authcode)) != 0)
		return rc;
	if (p.encrypted) {
		if ((rc = protect_decrypt(&in->keys, p.payload, p.payload_len,
			 plain, plaincap, &msglen)) != 0)
			return rc;
		msg = plain;
	} else {
		msg = p.payload;
		msglen = p.payload_len;
	}
	win = p.authenticated ? &in->win_auth : &in->win_unauth;
	if (seqwin_check(win, p.seq, p.authenticated) != SEQWIN_OK)
		return ERR_WRONG_STATE;
	seqwin_accept(win, p.seq);
	if ((rc = ipmimsg_decode_rsp(msg, msglen, rsp)) != 0)
		return rc;
	/* The plain text goes out in rsp->data, which points into plain. */
	return 0;
}

/* A response to the request in flight (or to an expected bridged one). */
static int
initiator_on_response(struct initiator *in, const struct ipmi_rsp *rsp,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	(void)out;
	(void)cap;
	(void)outlen;
	if (!in->req_valid || rsp->rq_seq != in->req_rq_seq ||
	    rsp->cmd != in->req_cmd)
		return INITIATOR_IGNORED;
	initiator_deliver(ev, rsp);
	if (rsp->cmd == CMD_CLOSE_SESSION &&
	    rsp->netfn == (IPMI_NETFN_APP | 1) && rsp->cc == IPMI_CC_OK) {
		in->state = INITIATOR_CLOSED;
		protect_keys_release(&in->keys);
		ct_wipe(&in->keys, sizeof(in->keys));
	}
	in->req_valid = 0;
	return INITIATOR_RESPONSE;
}

/*
 * What a datagram means at each step: an RMCP+ handshake payload, or an
 * IPMI response to unwrap.  A state without a row (idle, closed, failed)
 * ignores everything.
 */
static const struct initiator_step {
	initiator_handshake_fn *on_handshake;
	initiator_response_fn  *on_response;
} initiator_steps[] = {
    [INITIATOR_AUTH_CAPS] = {NULL, initiator_on_auth_caps},
    [INITIATOR_CHALLENGE] = {NULL, initiator_on_challenge},
    [INITIATOR_ACTIVATE] = {NULL, initiator_on_activate},
    [INITIATOR_OPEN] = {initiator_on_open, NULL},
    [INITIATOR_RAKP1] = {initiator_on_rakp2, NULL},
    [INITIATOR_RAKP3] = {initiator_on_rakp4, NULL},
    [INITIATOR_SET_PRIV] = {NULL, initiator_on_set_priv},
    [INITIATOR_ESTABLISHED] = {NULL, initiator_on_response},
};

int
initiator_input(struct initiator *in, const uint8_t *dg, size_t len,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	const struct initiator_step *step;
	uint8_t			     plain[RESPONDER_DATAGRAM_MAX];
	struct ipmi_rsp		     rsp;
	int			     rc;

	memset(ev, 0, sizeof(*ev));
	*outlen = 0;
	if ((unsigned)in->state >=
	    sizeof(initiator_steps) / sizeof(initiator_steps[0]))
		return INITIATOR_IGNORED;
	step = &initiator_steps[in->state];
	if (step->on_handshake != NULL)
		return step->on_handshake(in, dg, len, out, cap, outlen, ev);
	if (step->on_response == NULL)
		return INITIATOR_IGNORED;
	rc = INITIATOR_IGNORED;
	if (initiator_unwrap(in, dg, len, &rsp, plain, sizeof(plain)) == 0)
		rc = step->on_response(in, &rsp, out, cap, outlen, ev);
	/* The response was copied out: no decrypted byte stays behind. */
	ct_wipe(plain, sizeof(plain));
	return rc;
}
