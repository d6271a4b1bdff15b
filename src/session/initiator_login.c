/*
 * The initiator's login: Get Channel Authentication Capabilities, then
 * Get Session Challenge and Activate Session (IPMI 1.5, IPMI 2.0 §22.16,
 * §22.17) or Open Session and RAKP 1-4 (RMCP+, §13.17-§13.23), then Set
 * Session Privilege Level (§22.18) when asked for more than USER.
 */
#include <string.h>

#include "authcode15.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "initiator.h"
#include "initiator_impl.h"
#include "ipmi15.h"
#include "protect.h"
#include "rakp.h"
#include "rakp_keys.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "rng.h"
#include "seqwin.h"
#include "suite.h"

/* A request outside a session, in the IPMI 1.5 format. */
static int
initiator_sessionless(struct initiator *in, uint8_t cmd, const uint8_t *data,
    size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
	struct ipmi15_session w;
	uint8_t		      msg[IPMIMSG_REQ_HEADER_LEN + IPMIMSG_DATA_MAX];
	size_t		      msglen;
	int		      rc;

	if ((rc = initiator_msg(in, IPMI_NETFN_APP, cmd,
		 initiator_next_rq_seq(in), data, len, msg, sizeof(msg),
		 &msglen)) != 0)
		return rc;
	memset(&w, 0, sizeof(w));
	w.msg = msg;
	w.msg_len = (uint8_t)msglen;
	if ((rc = ipmi15_encode(&w, out, cap, outlen)) != 0)
		return rc;
	return initiator_remember(in, out, *outlen);
}

static int
initiator_send_auth_caps(
    struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t data[2];

	/* Bit 7 asks for the IPMI 2.0 extended data. */
	data[0] = (uint8_t)((in->cfg.channel & 0x0f) |
	    (in->cfg.protocol == INITIATOR_IPMI20 ? 0x80 : 0));
	data[1] = in->cfg.privilege;
	in->state = INITIATOR_AUTH_CAPS;
	return initiator_sessionless(in, CMD_GET_CHANNEL_AUTH_CAPS, data,
	    sizeof(data), out, cap, outlen);
}

static int
initiator_send_challenge(
    struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t data[17];

	memset(data, 0, sizeof(data));
	data[0] = in->cfg.authtype15;
	memcpy(data + 1, in->cfg.name, in->cfg.name_len);
	in->state = INITIATOR_CHALLENGE;
	return initiator_sessionless(in, CMD_GET_SESSION_CHALLENGE, data,
	    sizeof(data), out, cap, outlen);
}

static int
initiator_send_plain(struct initiator *in, uint8_t type, const uint8_t *payload,
    size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
	struct rmcpp_packet p;
	int		    rc;

	memset(&p, 0, sizeof(p));
	p.payload_type = type;
	p.payload = payload;
	p.payload_len = (uint16_t)len;
	if ((rc = rmcpp_encode(&p, 0, out, cap, outlen, NULL)) != 0)
		return rc;
	return initiator_remember(in, out, *outlen);
}

static int
initiator_send_open(
    struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	struct rakp_open_req q;
	uint8_t		     payload[RAKP_OPEN_REQ_LEN], b[4];
	size_t		     len;
	int		     rc;

	in->console_sid = in->cfg.console_sid;
	while (in->console_sid == 0) {
		if ((rc = rng_bytes(in->rng, b, sizeof(b))) != 0)
			return rc;
		in->console_sid = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	}
	memset(&q, 0, sizeof(q));
	q.role = in->cfg.open_privilege;
	q.console_sid = in->console_sid;
	q.auth_alg = in->suite->auth_alg;
	q.integ_alg = in->suite->integ_alg;
	q.conf_alg = in->suite->conf_alg;
	if ((rc = rakp_encode_open_req(&q, payload, sizeof(payload), &len)) !=
	    0)
		return rc;
	in->state = INITIATOR_OPEN;
	return initiator_send_plain(
	    in, RMCPP_PT_OPEN_SESSION_REQ, payload, len, out, cap, outlen);
}

int
initiator_start(struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	if (in->state != INITIATOR_IDLE)
		return ERR_WRONG_STATE;
	if (in->cfg.send_auth_caps)
		return initiator_send_auth_caps(in, out, cap, outlen);
	if (in->cfg.protocol == INITIATOR_IPMI15)
		return initiator_send_challenge(in, out, cap, outlen);
	return initiator_send_open(in, out, cap, outlen);
}

static int
initiator_established(
    struct initiator *in, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t priv = in->cfg.privilege;

	in->state = INITIATOR_ESTABLISHED;
	if (!in->cfg.set_privilege || priv <= IPMI_PRIV_USER)
		return INITIATOR_DONE;
	if (initiator_request(in, IPMI_NETFN_APP, CMD_SET_SESSION_PRIVILEGE,
		&priv, 1, out, cap, outlen) != 0)
		return ERR_NOSPACE;
	in->state = INITIATOR_SET_PRIV;
	return INITIATOR_SEND;
}

int
initiator_on_auth_caps(struct initiator *in, const struct ipmi_rsp *rsp,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	struct rd rd;
	uint8_t	  chan, types, byte3, ext;
	int	  rc;

	if (rsp->cmd != CMD_GET_CHANNEL_AUTH_CAPS)
		return INITIATOR_IGNORED;
	if (rsp->cc != IPMI_CC_OK)
		return initiator_fail(in, ev, 0, rsp->cc, ERR_REFUSED);
	rd_init(&rd, rsp->data, rsp->data_len);
	if (rd_u8(&rd, &chan) != 0 || rd_u8(&rd, &types) != 0 ||
	    rd_u8(&rd, &byte3) != 0 || rd_u8(&rd, &ext) != 0)
		return initiator_fail(in, ev, 0, 0, ERR_TRUNCATED);
	if (in->cfg.protocol == INITIATOR_IPMI20) {
		if ((types & 0x80) == 0 || (ext & 0x02) == 0)
			return initiator_fail(in, ev, 0, 0, ERR_UNSUPPORTED);
		rc = initiator_send_open(in, out, cap, outlen);
	} else {
		if ((types & (1u << in->cfg.authtype15)) == 0)
			return initiator_fail(in, ev, 0, 0, ERR_UNSUPPORTED);
		rc = initiator_send_challenge(in, out, cap, outlen);
	}
	return rc != 0 ? rc : INITIATOR_SEND;
}

int
initiator_on_challenge(struct initiator *in, const struct ipmi_rsp *rsp,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	struct ipmi15_session w;
	uint8_t		      data[22], msg[IPMIMSG_REQ_HEADER_LEN + 22], b[4];
	struct rd	      rd;
	struct wr	      wr;
	size_t		      msglen;
	uint32_t	      inbound = 0;
	int		      rc;

	if (rsp->cmd != CMD_GET_SESSION_CHALLENGE)
		return INITIATOR_IGNORED;
	if (rsp->cc != IPMI_CC_OK)
		return initiator_fail(in, ev, 0, rsp->cc, ERR_REFUSED);
	rd_init(&rd, rsp->data, rsp->data_len);
	if (rd_u32le(&rd, &in->bmc_sid) != 0 ||
	    rd_bytes(&rd, in->challenge, 16) != 0 || rd_end(&rd) != 0)
		return initiator_fail(in, ev, 0, 0, ERR_FORMAT);
	/* Our initial inbound number: where the BMC's packets start. */
	while (inbound == 0) {
		if ((rc = rng_bytes(in->rng, b, sizeof(b))) != 0)
			return rc;
		inbound = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	}
	wr_init(&wr, data, sizeof(data));
	wr_u8(&wr, in->cfg.authtype15);
	wr_u8(&wr, in->cfg.privilege);
	wr_bytes(&wr, in->challenge, 16);
	wr_u32le(&wr, inbound);
	if ((rc = initiator_msg(in, IPMI_NETFN_APP, CMD_ACTIVATE_SESSION,
		 initiator_next_rq_seq(in), data, sizeof(data), msg,
		 sizeof(msg), &msglen)) != 0)
		return rc;
	memset(&w, 0, sizeof(w));
	w.authtype = in->cfg.authtype15;
	w.session_id = in->bmc_sid;
	w.seq = 0;
	w.msg = msg;
	w.msg_len = (uint8_t)msglen;
	if (w.authtype != IPMI15_AUTHTYPE_NONE &&
	    (rc = authcode15_compute(w.authtype, in->keys.kuid, w.session_id,
		 msg, msglen, 0, w.authcode)) != 0)
		return rc;
	if ((rc = ipmi15_encode(&w, out, cap, outlen)) != 0 ||
	    (rc = initiator_remember(in, out, *outlen)) != 0)
		return rc;
	in->state = INITIATOR_ACTIVATE;
	return INITIATOR_SEND;
}

int
initiator_on_activate(struct initiator *in, const struct ipmi_rsp *rsp,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	struct rd rd;
	uint8_t	  authtype;
	uint32_t  sid, seq;

	if (rsp->cmd != CMD_ACTIVATE_SESSION)
		return INITIATOR_IGNORED;
	if (rsp->cc != IPMI_CC_OK)
		return initiator_fail(in, ev, 0, rsp->cc, ERR_REFUSED);
	rd_init(&rd, rsp->data, rsp->data_len);
	if (rd_u8(&rd, &authtype) != 0 || rd_u32le(&rd, &sid) != 0 ||
	    rd_u32le(&rd, &seq) != 0 || rd_u8(&rd, &in->max_priv) != 0 ||
	    rd_end(&rd) != 0 || sid == 0)
		return initiator_fail(in, ev, 0, 0, ERR_FORMAT);
	in->bmc_sid = sid;
	in->out_seq_auth = seq;
	return initiator_established(in, out, cap, outlen);
}

static int
initiator_decode_handshake(
    const uint8_t *dg, size_t len, uint8_t type, struct rmcpp_packet *p)
{
	struct rmcp_header h;
	struct rd	   rd;
	int		   rc;

	rd_init(&rd, dg, len);
	if ((rc = rmcp_decode_header(&rd, &h)) != 0 ||
	    (rc = rmcpp_decode_header(&rd, p)) != 0 ||
	    (rc = rmcpp_decode_trailer(&rd, 0, p)) != 0)
		return rc;
	if (p->payload_type != type || p->session_id != 0)
		return ERR_FORMAT;
	return 0;
}

int
initiator_on_open(struct initiator *in, const uint8_t *dg, size_t len,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	struct rmcpp_packet  p;
	struct rakp_open_rsp o;
	struct rakp1	     m;
	uint8_t		     payload[RAKP1_FIXED_LEN + RAKP_NAME_MAX];
	size_t		     plen;
	int		     rc;

	if (initiator_decode_handshake(
		dg, len, RMCPP_PT_OPEN_SESSION_RSP, &p) != 0 ||
	    rakp_decode_open_rsp(p.payload, p.payload_len, &o) != 0)
		return INITIATOR_IGNORED;
	if (o.console_sid != in->console_sid)
		return INITIATOR_IGNORED;
	if (o.status != RMCPP_STATUS_OK)
		return initiator_fail(in, ev, o.status, 0, ERR_REFUSED);
	if (o.auth_alg != in->suite->auth_alg ||
	    o.integ_alg != in->suite->integ_alg ||
	    o.conf_alg != in->suite->conf_alg || o.bmc_sid == 0)
		return initiator_fail(in, ev, 0, 0, ERR_FORMAT);
	in->bmc_sid = o.bmc_sid;
	in->max_priv = o.max_priv;
	memset(&m, 0, sizeof(m));
	m.bmc_sid = o.bmc_sid;
	if ((rc = rng_bytes(in->rng, m.console_rand, RAKP_RAND_LEN)) != 0)
		return rc;
	m.role = (uint8_t)(in->cfg.privilege |
	    (in->cfg.name_only_lookup ? RAKP_ROLE_NAME_ONLY : 0));
	m.name_len = in->cfg.name_len;
	memcpy(m.name, in->cfg.name, m.name_len);
	in->rakp.console_sid = in->console_sid;
	in->rakp.bmc_sid = in->bmc_sid;
	memcpy(in->rakp.console_rand, m.console_rand, RAKP_RAND_LEN);
	in->rakp.role = m.role;
	in->rakp.name_len = m.name_len;
	memcpy(in->rakp.name, m.name, m.name_len);
	initiator_trace(in, "console random", m.console_rand, RAKP_RAND_LEN);
	if ((rc = rakp_encode_rakp1(&m, payload, sizeof(payload), &plen)) != 0)
		return rc;
	in->state = INITIATOR_RAKP1;
	if ((rc = initiator_send_plain(
		 in, RMCPP_PT_RAKP1, payload, plen, out, cap, outlen)) != 0)
		return rc;
	return INITIATOR_SEND;
}

int
initiator_on_rakp2(struct initiator *in, const uint8_t *dg, size_t len,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	struct rmcpp_packet p;
	struct rakp2	    m;
	struct rakp3	    a;
	uint8_t		    expect[SUITE_KEY_MAX], auth[SUITE_KEY_MAX];
	uint8_t	       input[RAKP_KEYS_INPUT_MAX], payload[8 + SUITE_KEY_MAX];
	const uint8_t *kg;
	size_t	       auth_len, plen;
	int	       rc;

	if (initiator_decode_handshake(dg, len, RMCPP_PT_RAKP2, &p) != 0 ||
	    rakp_decode_rakp2(p.payload, p.payload_len, &m) != 0)
		return INITIATOR_IGNORED;
	if (m.console_sid != in->console_sid)
		return INITIATOR_IGNORED;
	if (m.status != RMCPP_STATUS_OK)
		return initiator_fail(in, ev, m.status, 0, ERR_REFUSED);
	auth_len = suite_auth_code_len(in->keys.auth_alg);
	memcpy(in->rakp.bmc_rand, m.bmc_rand, RAKP_RAND_LEN);
	memcpy(in->rakp.guid, m.guid, RAKP_GUID_LEN);
	initiator_trace(in, "bmc random", m.bmc_rand, RAKP_RAND_LEN);
	initiator_trace(in, "rakp2 hmac input", input,
	    rakp_keys_rakp2_input(&in->rakp, input));
	if ((rc = rakp_keys_rakp2_auth(
		 in->keys.auth_alg, in->keys.kuid, &in->rakp, expect)) != 0)
		return rc;
	/* A wrong password shows here: the BMC keyed its HMAC otherwise. */
	if (m.auth_len != auth_len || !ct_memeq(m.auth, expect, auth_len))
		return initiator_fail(in, ev, 0, 0, ERR_INTEGRITY);
	initiator_trace(in, "rakp3 hmac input", input,
	    rakp_keys_rakp3_input(&in->rakp, input));
	if ((rc = rakp_keys_rakp3_auth(
		 in->keys.auth_alg, in->keys.kuid, &in->rakp, auth)) != 0)
		return rc;
	initiator_trace(in, "rakp3 hmac", auth, auth_len);
	kg = in->cfg.kg_set ? in->cfg.kg : in->keys.kuid;
	initiator_trace(
	    in, "sik input", input, rakp_keys_sik_input(&in->rakp, input));
	/* The SIK is kept until RAKP4 is checked, then wiped. */
	if ((rc = rakp_keys_sik(in->keys.auth_alg, kg, &in->rakp, in->sik)) !=
		0 ||
	    (rc = rakp_keys_k(in->keys.auth_alg, in->sik, 1, in->keys.k1)) !=
		0 ||
	    (rc = rakp_keys_k(in->keys.auth_alg, in->sik, 2, in->keys.k2)) != 0)
		return rc;
	if ((rc = protect_keys_prepare(&in->keys)) != 0)
		return rc;
	initiator_trace(in, "sik", in->sik, auth_len);
	initiator_trace(in, "k1", in->keys.k1, auth_len);
	initiator_trace(in, "k2", in->keys.k2, auth_len);
	memset(&a, 0, sizeof(a));
	a.bmc_sid = in->bmc_sid;
	a.auth = auth;
	a.auth_len = auth_len;
	rc = rakp_encode_rakp3(&a, payload, sizeof(payload), &plen);
	ct_wipe(auth, sizeof(auth));
	ct_wipe(input, sizeof(input));
	if (rc != 0)
		return rc;
	in->state = INITIATOR_RAKP3;
	if ((rc = initiator_send_plain(
		 in, RMCPP_PT_RAKP3, payload, plen, out, cap, outlen)) != 0)
		return rc;
	return INITIATOR_SEND;
}

int
initiator_on_rakp4(struct initiator *in, const uint8_t *dg, size_t len,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	struct rmcpp_packet p;
	struct rakp4	    m;
	uint8_t		    expect[SUITE_KEY_MAX], input[RAKP_KEYS_INPUT_MAX];
	size_t		    icv_len;
	int		    rc, ok;

	if (initiator_decode_handshake(dg, len, RMCPP_PT_RAKP4, &p) != 0 ||
	    rakp_decode_rakp4(p.payload, p.payload_len, &m) != 0)
		return INITIATOR_IGNORED;
	if (m.console_sid != in->console_sid)
		return INITIATOR_IGNORED;
	if (m.status != RMCPP_STATUS_OK)
		return initiator_fail(in, ev, m.status, 0, ERR_REFUSED);
	icv_len = suite_rakp4_icv_len(in->keys.auth_alg);
	initiator_trace(in, "rakp4 icv input", input,
	    rakp_keys_rakp4_input(&in->rakp, input));
	if ((rc = rakp_keys_rakp4_icv(
		 in->keys.auth_alg, in->sik, &in->rakp, expect)) != 0)
		return rc;
	ok = m.icv_len == icv_len && ct_memeq(m.icv, expect, icv_len);
	ct_wipe(in->sik, sizeof(in->sik));
	ct_wipe(&in->rakp, sizeof(in->rakp));
	if (!ok)
		return initiator_fail(in, ev, 0, 0, ERR_INTEGRITY);
	initiator_trace(in, "rakp4 icv", expect, icv_len);
	seqwin_init(&in->win_auth, 16, 15);
	seqwin_init(&in->win_unauth, 16, 15);
	in->out_seq_auth = in->cfg.first_seq != 0 ? in->cfg.first_seq : 1;
	in->out_seq_unauth = in->out_seq_auth;
	return initiator_established(in, out, cap, outlen);
}

int
initiator_on_set_priv(struct initiator *in, const struct ipmi_rsp *rsp,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *ev)
{
	(void)out;
	(void)cap;
	(void)outlen;
	if (rsp->cmd != CMD_SET_SESSION_PRIVILEGE ||
	    rsp->rq_seq != in->req_rq_seq)
		return INITIATOR_IGNORED;
	if (rsp->cc != IPMI_CC_OK)
		return initiator_fail(in, ev, 0, rsp->cc, ERR_REFUSED);
	in->state = INITIATOR_ESTABLISHED;
	in->req_valid = 0;
	return INITIATOR_DONE;
}
