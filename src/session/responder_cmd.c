/*
 * Requests: the session commands the responder answers itself, from a
 * const table, and every other request, handed to the model.  In a
 * session a retry is answered from the reply cache.
 */
#include <string.h>

#include "ct.h"
#include "cursor.h"
#include "ipmimsg.h"
#include "log.h"
#include "reply_cache.h"
#include "responder.h"
#include "responder_impl.h"
#include "rmcpp.h"
#include "session_table.h"

/* Command-specific completion codes (IPMI 2.0 §22.18, §22.19). */
#define CC_SETPRIV_NOT_FOR_USER	 0x80
#define CC_SETPRIV_EXCEEDS_LIMIT 0x81
#define CC_CLOSE_INVALID_SID	 0x87
#define CC_CLOSE_INVALID_HANDLE	 0x88

/* Get Channel Authentication Capabilities (IPMI 2.0 §22.13). */

struct users_summary {
	uint8_t null_names; /* a user with a null name and a password */
	uint8_t anonymous;  /* null name and null password */
	uint8_t named;
};

static void
responder_users_summary(struct responder *r, struct users_summary *sum)
{
	struct responder_user u;
	static const uint8_t  zero[20];
	unsigned	      id;

	memset(sum, 0, sizeof(*sum));
	if (r->ops.user_by_id_cb == NULL)
		return;
	for (id = 1; id <= RESPONDER_USERS_MAX; id++) {
		memset(&u, 0, sizeof(u));
		if (r->ops.user_by_id_cb(r->ops_arg, (uint8_t)id, &u) != 0 ||
		    !u.enabled || u.priv_limit > IPMI_PRIV_OEM ||
		    u.priv_limit == 0)
			continue;
		if (u.name_len > 0)
			sum->named = 1;
		else if (memcmp(u.password, zero, sizeof(zero)) == 0)
			sum->anonymous = 1;
		else
			sum->null_names = 1;
		ct_wipe(&u, sizeof(u));
	}
}

static void
responder_auth_caps(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a)
{
	struct responder    *r = x->r;
	struct users_summary sum;
	struct wr	     w;
	struct rd	     rd;
	uint8_t		     chan, priv, types, byte3, ext;

	(void)s;
	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &chan) != 0 || rd_u8(&rd, &priv) != 0 ||
	    rd_end(&rd) != 0) {
		a->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	ext = chan & 0x80;
	chan &= 0x0f;
	priv &= 0x0f;
	if ((chan != 0x0e && chan != r->cfg.channel) ||
	    priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
		a->cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	responder_users_summary(r, &sum);
	types = r->cfg.ipmi15_enabled ? r->cfg.auth15_enables[priv] & 0x37 : 0;
	/* Byte 2 bit 7: extended (IPMI 2.0) data follows in byte 4. */
	if (ext && r->cfg.ipmi20_enabled)
		types |= 0x80;
	byte3 = 0;
	if (r->cfg.kg_set)
		byte3 |= 0x20;
	if (!r->cfg.per_message_auth)
		byte3 |= 0x10;
	if (!r->cfg.user_level_auth)
		byte3 |= 0x08;
	if (sum.named)
		byte3 |= 0x04;
	if (sum.null_names)
		byte3 |= 0x02;
	if (sum.anonymous)
		byte3 |= 0x01;
	/* Quirk (ASUS P5M2): no kind of login reported at all. */
	if (r->cfg.quirks & RESPONDER_QUIRK_AUTHCAP)
		byte3 &= ~0x07;
	wr_init(&w, a->data, 8);
	wr_u8(&w, r->cfg.channel);
	wr_u8(&w, types);
	wr_u8(&w, byte3);
	wr_u8(&w,
	    (uint8_t)((ext && r->cfg.ipmi20_enabled ? 0x02 : 0) |
		(r->cfg.ipmi15_enabled ? 0x01 : 0)));
	wr_u8(&w, (uint8_t)r->cfg.oem_iana);
	wr_u8(&w, (uint8_t)(r->cfg.oem_iana >> 8));
	wr_u8(&w, (uint8_t)(r->cfg.oem_iana >> 16));
	wr_u8(&w, 0);
	a->len = wr_len(&w);
	a->cc = IPMI_CC_OK;
}

/* Set Session Privilege Level (IPMI 2.0 §22.18). */

static void
responder_set_privilege(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a)
{
	struct responder     *r = x->r;
	struct responder_user u;
	struct rd	      rd;
	uint8_t		      priv, user_limit;

	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &priv) != 0 || rd_end(&rd) != 0) {
		a->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	priv &= 0x0f;
	if (priv == 0) {
		/* "No change": report the present level. */
		a->data[0] = s->privilege;
		a->len = 1;
		a->cc = IPMI_CC_OK;
		return;
	}
	if (priv > IPMI_PRIV_OEM) {
		a->cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	user_limit = IPMI_PRIV_OEM;
	memset(&u, 0, sizeof(u));
	if (r->ops.user_by_id_cb != NULL &&
	    r->ops.user_by_id_cb(r->ops_arg, s->user_id, &u) == 0)
		user_limit = u.priv_limit;
	ct_wipe(&u, sizeof(u));
	if (priv > user_limit) {
		a->cc = CC_SETPRIV_NOT_FOR_USER;
		return;
	}
	if (priv > s->max_privilege) {
		a->cc = CC_SETPRIV_EXCEEDS_LIMIT;
		return;
	}
	s->privilege = priv;
	a->data[0] = priv;
	a->len = 1;
	a->cc = IPMI_CC_OK;
}

/*
 * Close Session (IPMI 2.0 §22.19).  The session that sent the request is
 * closed after its reply is sent (a->close_after), another one at once.
 */
static void
responder_close_session(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a)
{
	struct responder *r = x->r;
	struct session	 *target;
	struct rd	  rd;
	uint32_t	  sid;
	uint8_t		  handle = 0;
	int		  by_handle;

	rd_init(&rd, req->data, req->data_len);
	if (rd_u32le(&rd, &sid) != 0) {
		a->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	/* IPMI 2.0 §22.19: ID 0 means "by handle", in a fifth byte. */
	by_handle = sid == 0 && rd_left(&rd) == 1;
	if ((by_handle && rd_u8(&rd, &handle) != 0) || rd_end(&rd) != 0) {
		a->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	if (by_handle)
		target = session_table_find_handle(r->table, handle);
	else
		target = session_table_find(r->table, sid);
	if (target == NULL || target->state != SESSION_ACTIVE) {
		a->cc = sid == 0 ? CC_CLOSE_INVALID_HANDLE
				 : CC_CLOSE_INVALID_SID;
		return;
	}
	a->cc = IPMI_CC_OK;
	if (target == s) {
		a->close_after = 1;
		return;
	}
	/* Closing someone else's session takes ADMINISTRATOR. */
	if (s->privilege < IPMI_PRIV_ADMIN) {
		a->cc = IPMI_CC_INSUFFICIENT_PRIV;
		return;
	}
	session_table_close(r->table, target);
	r->stats.sessions_closed++;
}

/* Activate, Set Privilege and Close Session need a session. */
static void
responder_needs_session(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a)
{
	(void)x;
	(void)s;
	(void)req;
	/* Outside one, 0xD4 as for any other command that needs one. */
	a->cc = IPMI_CC_INSUFFICIENT_PRIV;
}

/* The login commands of IPMI 1.5, inside a session already made. */
static void
responder_not_now(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a)
{
	(void)x;
	(void)s;
	(void)req;
	a->cc = IPMI_CC_NOT_SUPPORTED_NOW;
}

/* The wrapper formats a row's `outside` handler answers in. */
#define OUTSIDE_IPMI15 0x01
#define OUTSIDE_RMCPP  0x02
#define OUTSIDE_BOTH   (OUTSIDE_IPMI15 | OUTSIDE_RMCPP)

/*
 * The session commands, netFn App, indexed by command - 0x38.  Outside a
 * session in a format the row does not list (Get Session Challenge over
 * RMCP+), the model answers as for any other command.
 */
#define RESPONDER_CMD_FIRST CMD_GET_CHANNEL_AUTH_CAPS
static const struct responder_cmd {
	uint8_t		  cmd;
	uint8_t		  outside_formats;
	responder_cmd_fn *outside;
	responder_cmd_fn *inside;
} responder_cmds[] = {
    {CMD_GET_CHANNEL_AUTH_CAPS, OUTSIDE_BOTH, responder_auth_caps,
	responder_auth_caps},
    {CMD_GET_SESSION_CHALLENGE, OUTSIDE_IPMI15, responder_get_challenge,
	responder_not_now},
    {CMD_ACTIVATE_SESSION, OUTSIDE_BOTH, responder_needs_session,
	responder_not_now},
    {CMD_SET_SESSION_PRIVILEGE, OUTSIDE_BOTH, responder_needs_session,
	responder_set_privilege},
    {CMD_CLOSE_SESSION, OUTSIDE_BOTH, responder_needs_session,
	responder_close_session},
};

static const struct responder_cmd *
responder_cmd_find(const struct ipmi_req *req)
{
	unsigned i = (unsigned)req->cmd - RESPONDER_CMD_FIRST;

	if (req->netfn != IPMI_NETFN_APP ||
	    i >= sizeof(responder_cmds) / sizeof(responder_cmds[0]) ||
	    responder_cmds[i].cmd != req->cmd)
		return NULL;
	return &responder_cmds[i];
}

/* The observer (a journal, the packet log). */

void
responder_observe(struct exchange *x, const struct session *s,
    const struct ipmi_req *req, uint8_t outcome, uint8_t cc, const uint8_t *rsp,
    size_t rsp_len)
{
	struct responder_seen  seen;
	struct responder_reply reply;

	if (x->r->ops.observe_cb == NULL || x->observed)
		return;
	memset(&seen, 0, sizeof(seen));
	memset(&reply, 0, sizeof(reply));
	reply.cc = cc;
	reply.data = (uint8_t *)(uintptr_t)rsp;
	reply.len = reply.cap = rsp_len;
	seen.req = req;
	seen.rsp = outcome != RESPONDER_SEEN_DROPPED ? &reply : NULL;
	seen.outcome = outcome;
	seen.drop = RESPONDER_DROP_INTERNAL;
	seen.session_seq = x->seq;
	if (s != NULL) {
		seen.in_session = 1;
		seen.ipmi15 = s->ipmi15;
		seen.suite_id = s->suite_id;
		seen.privilege = s->privilege;
		seen.user_id = s->user_id;
		seen.bmc_sid = s->bmc_sid;
		seen.console_sid = s->console_sid;
	}
	x->observed = 1;
	x->r->ops.observe_cb(x->r->ops_arg, &seen);
}

/* The model. */

static void
responder_request_ctx(struct exchange *x, const struct session *s,
    const struct ipmi_req *req, struct responder_request *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->msg = req;
	ctx->now_ms = x->now;
	ctx->peer = x->peer;
	ctx->channel = x->r->cfg.channel;
	if (s != NULL) {
		ctx->in_session = 1;
		ctx->privilege = s->privilege;
		ctx->max_privilege = s->max_privilege;
		ctx->user_id = s->user_id;
		ctx->ipmi15 = s->ipmi15;
		ctx->suite_id = s->suite_id;
		ctx->session_handle = s->handle;
		ctx->session_id = s->bmc_sid;
	}
}

/*
 * Hands a request to the model.  followup (REPLY_CACHE_MAX bytes, or NULL
 * outside a session) receives the follow-up message, its length in
 * *followup_len (0: none).
 */
static void
responder_call_model(struct exchange *x, const struct session *s,
    const struct ipmi_req *req, struct responder_answer *a, uint8_t *followup,
    size_t *followup_len)
{
	struct responder_request ctx;
	struct responder_reply	 reply;

	responder_request_ctx(x, s, req, &ctx);
	memset(&reply, 0, sizeof(reply));
	reply.cc = IPMI_CC_INVALID_CMD;
	reply.data = a->data;
	reply.cap = IPMIMSG_DATA_MAX;
	reply.followup = followup;
	reply.followup_cap = followup != NULL ? REPLY_CACHE_MAX : 0;
	if (x->r->ops.request_cb != NULL)
		x->r->ops.request_cb(x->r->ops_arg, &ctx, &reply);
	x->r->stats.requests++;
	a->cc = reply.cc;
	a->len = reply.len > reply.cap ? reply.cap : reply.len;
	a->unheard = reply.unheard;
	if (followup_len != NULL)
		*followup_len = reply.followup_len <= reply.followup_cap
		    ? reply.followup_len
		    : 0;
}

int
responder_sessionless_request(
    struct exchange *x, int ipmi15, const struct ipmi_req *req)
{
	const struct responder_cmd *c;
	uint8_t			    data[IPMIMSG_DATA_MAX];
	uint8_t			    msg[REPLY_CACHE_MAX];
	struct responder_answer	    a = {IPMI_CC_OK, data, 0, 0, 0};
	size_t			    msglen;

	/* Every reply outside a session is unauthenticated: within budget. */
	if (!responder_unauth_allow(x))
		return 0;
	if ((c = responder_cmd_find(req)) != NULL &&
	    (c->outside_formats & (ipmi15 ? OUTSIDE_IPMI15 : OUTSIDE_RMCPP)) !=
		0)
		c->outside(x, NULL, req, &a);
	else
		responder_call_model(x, NULL, req, &a, NULL, NULL);
	if (a.unheard)
		return responder_drop(x, RESPONDER_DROP_FAULT);
	if (responder_send_response(
		x, NULL, ipmi15, req, a.cc, data, a.len, msg, &msglen) != 0) {
		responder_observe(
		    x, NULL, req, RESPONDER_SEEN_DROPPED, a.cc, NULL, 0);
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	}
	responder_observe(
	    x, NULL, req, RESPONDER_SEEN_ANSWERED, a.cc, data, a.len);
	x->r->stats.replies++;
	return 1;
}

/* A retry: the response the first one got, and its follow-up again. */
static int
responder_resend_response(
    struct exchange *x, struct session *s, const struct ipmi_req *req)
{
	struct ipmi_rsp rsp;
	const uint8_t  *m;
	size_t		len;

	x->r->stats.cached_replies++;
	m = reply_cache_response(&s->reply, &len);
	if (x->r->ops.observe_cb != NULL &&
	    ipmimsg_decode_rsp(m, len, &rsp) == 0)
		responder_observe(x, s, req, RESPONDER_SEEN_CACHED, rsp.cc,
		    rsp.data, rsp.data_len);
	if (responder_send_in_session(x, s, RMCPP_PT_IPMI, m, len) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	if ((m = reply_cache_followup(&s->reply, &len)) != NULL &&
	    responder_queue(x->r, s, x->peer, RMCPP_PT_IPMI, m, len) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	x->r->stats.replies++;
	return 1;
}

int
responder_in_session_request(
    struct exchange *x, struct session *s, const struct ipmi_req *req)
{
	struct responder	   *r = x->r;
	const struct responder_cmd *c;
	uint8_t			    data[IPMIMSG_DATA_MAX];
	uint8_t			    msg[REPLY_CACHE_MAX];
	uint8_t			    followup[REPLY_CACHE_MAX];
	struct responder_answer	    a = {IPMI_CC_OK, data, 0, 0, 0};
	size_t			    msglen, followup_len = 0;
	uint32_t		    hash;
	int			    rc;

	hash = reply_cache_hash(req);
	/*
	 * A retry (same rqSeq, netFn, command, requester and data, under a
	 * new session sequence number) gets the answer the first one got, so
	 * a Chassis Control or Add SEL Entry is executed exactly once.
	 */
	if (r->cfg.response_cache && reply_cache_is_retry(&s->reply, req, hash))
		return responder_resend_response(x, s, req);
	if ((c = responder_cmd_find(req)) != NULL)
		c->inside(x, s, req, &a);
	else
		responder_call_model(x, s, req, &a, followup, &followup_len);
	if (a.unheard) {
		rc = responder_drop(x, RESPONDER_DROP_FAULT);
		goto out;
	}
	/* Every way out passes `out`, which wipes what the model wrote. */
	if (responder_send_response(
		x, s, s->ipmi15, req, a.cc, data, a.len, msg, &msglen) != 0 ||
	    (followup_len != 0 &&
		responder_queue(x->r, s, x->peer, RMCPP_PT_IPMI, followup,
		    followup_len) != 0)) {
		responder_observe(
		    x, s, req, RESPONDER_SEEN_DROPPED, a.cc, NULL, 0);
		rc = responder_drop(x, RESPONDER_DROP_INTERNAL);
		goto out;
	}
	responder_observe(
	    x, s, req, RESPONDER_SEEN_ANSWERED, a.cc, data, a.len);
	if (a.close_after) {
		log_session("session %08x closed by request", s->bmc_sid);
		session_table_close(r->table, s);
		r->stats.sessions_closed++;
	} else if (r->cfg.response_cache)
		(void)reply_cache_put_response(
		    &s->reply, req, hash, msg, msglen, followup, followup_len);
	r->stats.replies++;
	rc = 1;
out:
	ct_wipe(data, sizeof(data));
	ct_wipe(followup, followup_len);
	return rc;
}
