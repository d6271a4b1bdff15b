/*
 * IPMI 1.5 sessions: the session wrapper with its auth code, and the
 * login (Get Session Challenge, then Activate Session in the challenged
 * session).
 */
#include <string.h>

#include "authcode15.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "lockout.h"
#include "log.h"
#include "reply_cache.h"
#include "responder.h"
#include "responder_impl.h"
#include "rmcpp.h"
#include "rng.h"
#include "session_table.h"

/* Command-specific completion codes (IPMI 2.0 §22.16, §22.17). */
#define CC_CHALLENGE_INVALID_USER 0x81
#define CC_CHALLENGE_NULL_USER	  0x82
#define CC_ACTIVATE_NO_SLOT	  0x81
#define CC_ACTIVATE_NO_USER_SLOT  0x82
#define CC_ACTIVATE_NO_PRIV_SLOT  0x83
#define CC_ACTIVATE_SEQ_RANGE	  0x84
#define CC_ACTIVATE_INVALID_SID	  0x85
#define CC_ACTIVATE_PRIV_EXCEEDS  0x86

/* Get Session Challenge (IPMI 2.0 §22.16). */

void
responder_get_challenge(struct exchange *x, struct session *unused,
    const struct ipmi_req *req, struct responder_answer *a)
{
	struct responder     *r = x->r;
	struct responder_user u;
	struct session	     *s;
	struct rd	      rd;
	struct wr	      w;
	const uint8_t	     *name;
	uint8_t		      authtype, name_len;
	int		      err;

	(void)unused;
	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &authtype) != 0 || rd_span(&rd, &name, 16) != 0 ||
	    rd_end(&rd) != 0) {
		a->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	authtype &= 0x0f;
	if (!r->cfg.ipmi15_enabled || !ipmi15_authtype_valid(authtype) ||
	    authtype == IPMI15_AUTHTYPE_OEM) {
		a->cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	for (name_len = 16; name_len > 0 && name[name_len - 1] == 0; name_len--)
		;
	if (responder_find_user(r, name, name_len, &u) != 0 || !u.enabled ||
	    u.priv_limit == 0 || u.priv_limit > IPMI_PRIV_OEM ||
	    lockout_is_locked(r->lockout, u.id, x->now)) {
		a->cc = name_len == 0 ? CC_CHALLENGE_NULL_USER
				      : CC_CHALLENGE_INVALID_USER;
		ct_wipe(&u, sizeof(u));
		return;
	}
	if ((s = session_table_open_from(r->table,
		 x->now + r->cfg.halfopen_timeout_ms, x->peer, &err)) == NULL) {
		a->cc = IPMI_CC_NODE_BUSY;
		ct_wipe(&u, sizeof(u));
		return;
	}
	s->state = SESSION_CHALLENGED;
	s->ipmi15 = 1;
	s->authtype15 = authtype;
	s->user_id = u.id;
	memcpy(s->keys.kuid, u.password, sizeof(s->keys.kuid));
	ct_wipe(&u, sizeof(u));
	if (rng_bytes(r->rng, s->rakp.bmc_rand, 16) != 0) {
		session_table_close(r->table, s);
		a->cc = IPMI_CC_UNSPECIFIED;
		return;
	}
	if (x->peer != NULL)
		s->peer = *x->peer;
	wr_init(&w, a->data, 20);
	wr_u32le(&w, s->bmc_sid);
	wr_bytes(&w, s->rakp.bmc_rand, 16);
	a->len = wr_len(&w);
	a->cc = IPMI_CC_OK;
}

/* Activate Session (IPMI 2.0 §22.17), in the challenged session. */

static void
responder_activate(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a)
{
	struct responder     *r = x->r;
	struct responder_user u;
	struct rd	      rd;
	struct wr	      w;
	const uint8_t	     *challenge;
	uint8_t		      authtype, priv, limit, seqb[4];
	uint32_t	      outbound, inbound;

	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &authtype) != 0 || rd_u8(&rd, &priv) != 0 ||
	    rd_span(&rd, &challenge, 16) != 0 ||
	    rd_u32le(&rd, &outbound) != 0 || rd_end(&rd) != 0) {
		a->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	priv &= 0x0f;
	if ((authtype & 0x0f) != s->authtype15 ||
	    !ct_memeq(challenge, s->rakp.bmc_rand, 16)) {
		a->cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	if (priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
		a->cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	if (outbound == 0) {
		a->cc = CC_ACTIVATE_SEQ_RANGE;
		return;
	}
	memset(&u, 0, sizeof(u));
	if (r->ops.user_by_id_cb == NULL ||
	    r->ops.user_by_id_cb(r->ops_arg, s->user_id, &u) != 0 ||
	    !u.enabled) {
		a->cc = CC_ACTIVATE_INVALID_SID;
		return;
	}
	limit = responder_min_priv(u.priv_limit, r->cfg.channel_priv_limit);
	if (priv > limit ||
	    (r->cfg.auth15_enables[priv] & (1u << s->authtype15)) == 0) {
		a->cc = CC_ACTIVATE_PRIV_EXCEEDS;
		ct_wipe(&u, sizeof(u));
		return;
	}
	if (u.session_limit != 0 &&
	    session_table_user_count(r->table, u.id) >= u.session_limit) {
		a->cc = CC_ACTIVATE_NO_USER_SLOT;
		ct_wipe(&u, sizeof(u));
		return;
	}
	ct_wipe(&u, sizeof(u));
	do {
		if (rng_bytes(r->rng, seqb, sizeof(seqb)) != 0) {
			a->cc = IPMI_CC_UNSPECIFIED;
			return;
		}
		inbound = (uint32_t)seqb[0] | (uint32_t)seqb[1] << 8 |
		    (uint32_t)seqb[2] << 16 | (uint32_t)seqb[3] << 24;
	} while (inbound == 0);
	if (session_table_activate(
		r->table, s, x->now + r->cfg.idle_timeout_ms) != 0) {
		a->cc = CC_ACTIVATE_NO_SLOT;
		return;
	}
	lockout_record_success(r->lockout, s->user_id);
	s->max_privilege = priv;
	/* IPMI 2.0 §22.17: a session starts at USER (or its maximum). */
	s->privilege = responder_min_priv(priv, IPMI_PRIV_USER);
	seqwin_init(&s->win_auth, WINDOW_IPMI15_BELOW, WINDOW_IPMI15_ABOVE);
	/* The console's first packet carries the inbound number we chose. */
	seqwin_accept(&s->win_auth, inbound - 1);
	/*
	 * Our packets count up from the console's initial number, starting
	 * with this reply (as OpenIPMI's lanserv does).
	 */
	s->out_seq_auth = outbound - 1;
	r->stats.sessions_opened++;
	log_session("IPMI 1.5 session %08x opened (user %u, %s)", s->bmc_sid,
	    s->user_id,
	    s->authtype15 == IPMI15_AUTHTYPE_MD5	    ? "MD5"
		: s->authtype15 == IPMI15_AUTHTYPE_MD2	    ? "MD2"
		: s->authtype15 == IPMI15_AUTHTYPE_STRAIGHT ? "password"
							    : "none");
	wr_init(&w, a->data, 10);
	wr_u8(&w, s->authtype15);
	wr_u32le(&w, s->bmc_sid);
	wr_u32le(&w, inbound);
	wr_u8(&w, s->max_privilege);
	a->len = wr_len(&w);
	a->cc = IPMI_CC_OK;
}

/*
 * The request in a challenged session: only Activate Session.  Its answer
 * is cached for a retransmit; a refusal spends the challenge.
 */
static int
responder_challenged(
    struct exchange *x, struct session *s, const struct ipmi_req *req)
{
	uint8_t			data[16], msg[REPLY_CACHE_MAX];
	struct responder_answer a = {IPMI_CC_OK, data, 0, 0, 0};
	size_t			msglen;
	int			rc;

	if (req->netfn != IPMI_NETFN_APP || req->cmd != CMD_ACTIVATE_SESSION)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE);
	if (x->peer != NULL)
		s->peer = *x->peer;
	responder_activate(x, s, req, &a);
	rc = responder_send_response(
	    x, s, 1, req, a.cc, data, a.len, msg, &msglen);
	if (s->state != SESSION_ACTIVE)
		session_table_close(x->r->table, s);
	else if (rc == 0)
		(void)reply_cache_put_response(&s->reply, req,
		    reply_cache_hash(req), msg, msglen, NULL, 0);
	if (rc != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	x->r->stats.replies++;
	return 1;
}

/* The IPMI 1.5 session wrapper (IPMI 2.0 §13.6, §22.17.1). */

int
responder_ipmi15(struct exchange *x, struct rd *rd)
{
	struct responder     *r = x->r;
	struct ipmi15_session w;
	struct ipmi_req	      req;
	struct session	     *s;
	const uint8_t	     *m;
	size_t		      mlen;
	int		      rc;

	if ((rc = ipmi15_decode(rd, &w)) != 0)
		return responder_drop(x,
		    rc == ERR_FORMAT ? RESPONDER_DROP_AUTHTYPE
				     : RESPONDER_DROP_LENGTH);
	if (w.session_id == 0) {
		if (w.authtype != IPMI15_AUTHTYPE_NONE)
			return responder_drop(x, RESPONDER_DROP_AUTHTYPE);
		if (!responder_decode_req(x, w.msg, w.msg_len, &req))
			return 0;
		return responder_sessionless_request(x, 1, &req);
	}
	if ((s = session_table_find(r->table, w.session_id)) == NULL)
		return responder_drop(x, RESPONDER_DROP_SESSION);
	if (!s->ipmi15)
		return responder_drop(x, RESPONDER_DROP_SESSION_FORMAT);
	if (!r->cfg.ipmi15_enabled)
		return responder_drop(x, RESPONDER_DROP_DISABLED);
	/*
	 * Per-message authentication off (IPMI 2.0 §22.13) lets the console
	 * send "none" after activation; otherwise the session's type only.
	 */
	if (w.authtype != s->authtype15 &&
	    !(s->state == SESSION_ACTIVE && !r->cfg.per_message_auth &&
		w.authtype == IPMI15_AUTHTYPE_NONE))
		return responder_drop(x, RESPONDER_DROP_AUTHTYPE);
	if (w.authtype != IPMI15_AUTHTYPE_NONE &&
	    authcode15_verify(w.authtype, s->keys.kuid, w.session_id, w.msg,
		w.msg_len, w.seq, w.authcode) != 0) {
		if (s->state == SESSION_CHALLENGED)
			responder_login_failed(r, s->user_id, x->now);
		return responder_drop(x, RESPONDER_DROP_AUTHCODE);
	}
	if (!responder_decode_req(x, w.msg, w.msg_len, &req))
		return 0;
	if (s->state == SESSION_CHALLENGED)
		return responder_challenged(x, s, &req);
	/*
	 * A retransmitted Activate Session (still under sequence number 0)
	 * gets the answer the first one got.
	 */
	if (w.seq == 0 && req.netfn == IPMI_NETFN_APP &&
	    req.cmd == CMD_ACTIVATE_SESSION) {
		if (!reply_cache_holds_response(
			&s->reply, IPMI_NETFN_APP, CMD_ACTIVATE_SESSION))
			return responder_drop(x, RESPONDER_DROP_SEQUENCE);
		r->stats.handshake_repeats++;
		m = reply_cache_response(&s->reply, &mlen);
		if (responder_send_in_session(x, s, RMCPP_PT_IPMI, m, mlen) !=
		    0)
			return responder_drop(x, RESPONDER_DROP_INTERNAL);
		r->stats.replies++;
		return 1;
	}
	if (seqwin_check(&s->win_auth, w.seq, 1) != SEQWIN_OK)
		return responder_drop(x, RESPONDER_DROP_SEQUENCE);
	seqwin_accept(&s->win_auth, w.seq);
	x->seq = w.seq;
	s->deadline_ms = x->now + r->cfg.idle_timeout_ms;
	return responder_in_session_request(x, s, &req);
}
