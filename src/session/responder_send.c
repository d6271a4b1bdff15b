/*
 * What the responder sends: the direct reply of responder_input(), in the
 * wrapper it belongs in, and the datagrams it queues besides it for
 * responder_write() (a tracked Send Message's bridged response today).
 */
#include <stdlib.h>
#include <string.h>

#include "authcode15.h"
#include "ct.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "protect.h"
#include "responder.h"
#include "responder_impl.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "session_table.h"
#include "suite.h"

static uint32_t
responder_next_seq(uint32_t *seq)
{
	/* Zero is never a valid in-session sequence number: skip it. */
	if (++*seq == 0)
		*seq = 1;
	return *seq;
}

static uint32_t
responder_bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
	    (v << 24);
}

int
responder_send_rmcpp_plain(struct exchange *x, uint8_t payload_type,
    const uint8_t *payload, size_t len)
{
	struct rmcpp_packet p;

	memset(&p, 0, sizeof(p));
	p.payload_type = payload_type;
	p.payload = payload;
	p.payload_len = (uint16_t)len;
	return rmcpp_encode(&p, 0, x->out, x->outcap, x->outlen, NULL);
}

/* IPMI 1.5 wrapper (IPMI 2.0 §13.6, §22.17.1); s NULL: sessionless. */
static int
responder_send_ipmi15(
    struct exchange *x, struct session *s, const uint8_t *msg, size_t len)
{
	struct ipmi15_session w;
	uint32_t	      quirks;
	int		      rc;

	memset(&w, 0, sizeof(w));
	w.msg = msg;
	w.msg_len = (uint8_t)len;
	if (s != NULL) {
		quirks = x->r->cfg.quirks;
		w.authtype = s->authtype15;
		/* Quirk (Tyan M3289): session ID 0 in every reply. */
		w.session_id = (quirks & RESPONDER_QUIRK_SESSION_ID_ZERO)
		    ? 0
		    : s->bmc_sid;
		w.seq = responder_next_seq(&s->out_seq_auth);
		/* Quirk (Sun ILOM 1.0): the sequence number byte-swapped. */
		if (quirks & RESPONDER_QUIRK_SEQ_BIG_ENDIAN)
			w.seq = responder_bswap32(w.seq);
		/* The auth code covers the header as sent, quirks and all. */
		if (w.authtype != IPMI15_AUTHTYPE_NONE &&
		    (rc = authcode15_compute(w.authtype, s->keys.kuid,
			 w.session_id, msg, len, w.seq, w.authcode)) != 0)
			return rc;
		/* Quirk (Intel Windmill): an auth code that is wrong. */
		if (w.authtype != IPMI15_AUTHTYPE_NONE &&
		    (quirks & RESPONDER_QUIRK_BAD_AUTHCODE))
			w.authcode[0] ^= 0xff;
	}
	return ipmi15_encode(&w, x->out, x->outcap, x->outlen);
}

/* RMCP+ session wrapper: sealed, then signed (IPMI 2.0 §13.28, §13.29). */
static int
responder_send_rmcpp_session(struct exchange *x, struct session *s,
    uint8_t payload_type, const uint8_t *msg, size_t len)
{
	struct rmcpp_packet p;
	uint8_t		    sealed[RESPONDER_DATAGRAM_MAX];
	uint8_t		   *authcode;
	size_t		    sealed_len, integ_len;
	int		    rc;

	memset(&p, 0, sizeof(p));
	p.payload_type = payload_type;
	p.session_id = s->console_sid;
	p.encrypted = s->keys.conf_alg != CONF_ALG_NONE;
	p.authenticated = s->keys.integ_alg != INTEG_ALG_NONE;
	p.seq = p.authenticated ? responder_next_seq(&s->out_seq_auth)
				: responder_next_seq(&s->out_seq_unauth);
	if (p.encrypted) {
		if ((rc = protect_encrypt(&s->keys, x->r->rng, msg, len, sealed,
			 sizeof(sealed), &sealed_len)) != 0)
			return rc;
		p.payload = sealed;
		p.payload_len = (uint16_t)sealed_len;
	} else {
		p.payload = msg;
		p.payload_len = (uint16_t)len;
	}
	integ_len = suite_integ_len(s->keys.integ_alg);
	if ((rc = rmcpp_encode(
		 &p, integ_len, x->out, x->outcap, x->outlen, &authcode)) != 0)
		return rc;
	if (p.authenticated) {
		const uint8_t *start = x->out + RMCP_HEADER_LEN;

		responder_trace(
		    x->r, "integrity input", start, (size_t)(authcode - start));
		if ((rc = protect_integrity(&s->keys, start,
			 (size_t)(authcode - start), authcode)) != 0)
			return rc;
		responder_trace(x->r, "integrity", authcode, integ_len);
	}
	return 0;
}

int
responder_send_in_session(struct exchange *x, struct session *s,
    uint8_t payload_type, const uint8_t *payload, size_t len)
{
	if (!s->ipmi15)
		return responder_send_rmcpp_session(
		    x, s, payload_type, payload, len);
	/* IPMI 1.5 carries IPMI messages only. */
	if (payload_type != RMCPP_PT_IPMI)
		return ERR_INVALID_ARG;
	return responder_send_ipmi15(x, s, payload, len);
}

int
responder_send_response(struct exchange *x, struct session *s, int ipmi15,
    const struct ipmi_req *req, uint8_t cc, const uint8_t *data, size_t len,
    uint8_t *msgbuf, size_t *msglen)
{
	struct ipmi_rsp rsp;
	int		rc;

	memset(&rsp, 0, sizeof(rsp));
	rsp.rq_addr = req->rq_addr;
	rsp.netfn = req->netfn | 1;
	rsp.rq_lun = req->rq_lun;
	rsp.rs_addr = req->rs_addr;
	rsp.rq_seq = req->rq_seq;
	rsp.rs_lun = req->rs_lun;
	rsp.cmd = req->cmd;
	rsp.cc = cc;
	rsp.data = data;
	rsp.data_len = len;
	if ((rc = ipmimsg_encode_rsp(&rsp, msgbuf, REPLY_CACHE_MAX, msglen)) !=
	    0)
		return rc;
	/*
	 * Quirk (Supermicro X9): in a session, the second checksum (IPMI
	 * 2.0 §13.8) is wrong; the encoder wrote it last.
	 */
	if (s != NULL && (x->r->cfg.quirks & RESPONDER_QUIRK_BAD_CHECKSUM))
		msgbuf[*msglen - 1] ^= 0x5a;
	if (ipmi15)
		return responder_send_ipmi15(x, s, msgbuf, *msglen);
	if (s == NULL)
		return responder_send_rmcpp_plain(
		    x, RMCPP_PT_IPMI, msgbuf, *msglen);
	return responder_send_rmcpp_session(
	    x, s, RMCPP_PT_IPMI, msgbuf, *msglen);
}

/* The queue drained by responder_write(). */

int
responder_queue(struct responder *r, struct session *s,
    const struct peer_addr *dst, uint8_t payload_type, const uint8_t *payload,
    size_t len)
{
	struct responder_queued *q;
	struct exchange		 y;
	int			 rc;

	if (r->queue == NULL &&
	    (r->queue = calloc(RESPONDER_QUEUE_MAX, sizeof(*r->queue))) == NULL)
		return ERR_NOMEM;
	if (r->queue_count == RESPONDER_QUEUE_MAX) {
		/*
		 * The caller has not drained: losing this datagram is what
		 * the network could have done too.  It takes no sequence
		 * number, and a retried request brings a follow-up back from
		 * the reply cache.
		 */
		r->stats.drops[RESPONDER_DROP_QUEUE_FULL]++;
		return 0;
	}
	q = &r->queue[(r->queue_head + r->queue_count) % RESPONDER_QUEUE_MAX];
	/* Encoded in place: the queue slot is the only copy. */
	memset(&y, 0, sizeof(y));
	y.r = r;
	y.out = q->data;
	y.outcap = sizeof(q->data);
	y.outlen = &q->len;
	if ((rc = responder_send_in_session(
		 &y, s, payload_type, payload, len)) != 0)
		return rc;
	q->dst = dst != NULL ? *dst : s->peer;
	r->queue_count++;
	return 0;
}

size_t
responder_write(
    struct responder *r, struct peer_addr *dst, uint8_t *out, size_t outcap)
{
	struct responder_queued *q;

	while (r->queue_count > 0) {
		q = &r->queue[r->queue_head];
		r->queue_head = (r->queue_head + 1) % RESPONDER_QUEUE_MAX;
		r->queue_count--;
		if (q->len > outcap) {
			r->stats.drops[RESPONDER_DROP_INTERNAL]++;
			continue;
		}
		memcpy(out, q->data, q->len);
		if (dst != NULL)
			*dst = q->dst;
		return q->len;
	}
	return 0;
}

void
responder_queue_free(struct responder *r)
{
	if (r->queue == NULL)
		return;
	ct_wipe(r->queue, RESPONDER_QUEUE_MAX * sizeof(*r->queue));
	free(r->queue);
	r->queue = NULL;
}
