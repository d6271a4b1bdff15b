/*
 * The BMC side of IPMI over LAN.  The order of the checks follows the
 * decisions of the project's protocol reference (shipped as the bmcsimd(8)
 * and bmcsim.ini(5) man pages): drop what cannot be addressed, answer with
 * an RMCP+ status code what can, and with a completion code every
 * well-formed request that passed the session checks.
 */
#include <stdlib.h>
#include <string.h>

#include "asf.h"
#include "authcode15.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "fnv.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "log.h"
#include "protect.h"
#include "rakp.h"
#include "rakp_keys.h"
#include "responder.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "rng.h"
#include "session_table.h"
#include "suite.h"

#define CMD_GET_CHANNEL_AUTH_CAPS 0x38
#define CMD_GET_SESSION_CHALLENGE 0x39
#define CMD_ACTIVATE_SESSION	  0x3a
#define CMD_SET_SESSION_PRIVILEGE 0x3b
#define CMD_CLOSE_SESSION	  0x3c

/* Command-specific completion codes (IPMI 2.0 §22.16-§22.19). */
#define CC_CHALLENGE_INVALID_USER 0x81
#define CC_CHALLENGE_NULL_USER	  0x82
#define CC_ACTIVATE_NO_SLOT	  0x81
#define CC_ACTIVATE_NO_USER_SLOT  0x82
#define CC_ACTIVATE_NO_PRIV_SLOT  0x83
#define CC_ACTIVATE_SEQ_RANGE	  0x84
#define CC_ACTIVATE_INVALID_SID	  0x85
#define CC_ACTIVATE_PRIV_EXCEEDS  0x86
#define CC_SETPRIV_NOT_FOR_USER	  0x80
#define CC_SETPRIV_EXCEEDS_LIMIT  0x81
#define CC_CLOSE_INVALID_SID	  0x87
#define CC_CLOSE_INVALID_HANDLE	  0x88

#define WINDOW_RMCPP_BELOW  16
#define WINDOW_RMCPP_ABOVE  15
#define WINDOW_IPMI15_BELOW 8
#define WINDOW_IPMI15_ABOVE 8

struct lockout {
	uint8_t	 failures;
	uint64_t until_ms;
};

struct responder {
	struct responder_config cfg;
	struct responder_ops	ops;
	void		       *ops_arg;
	struct rng	       *rng;
	struct session_table   *table;
	struct lockout	       *lockouts; /* [64], taken on first use */
	struct responder_stats	stats;
	responder_trace_cb     *trace_cb;
	void		       *trace_arg;
	uint8_t			anti_enum_key[20];
	uint8_t			anti_enum_ready;
	/* A second datagram for the last input's peer; taken on first use. */
	uint8_t		*followup;
	size_t		 followup_len;
	struct peer_addr last_peer; /* where the follow-up goes */
};

/* Everything one datagram needs while it is being answered. */
struct exchange {
	struct responder       *r;
	uint64_t		now;
	const struct peer_addr *peer;
	uint8_t		       *out;
	size_t			outcap;
	size_t		       *outlen;
};

static const char *const responder_drop_names[RESPONDER_DROP_COUNT] = {"short",
    "rmcp-version", "rmcp-seq", "rmcp-class", "asf", "length", "authtype",
    "checksum", "session", "flags", "integrity", "pad", "sequence", "authcode",
    "session-format", "handshake", "payload", "disabled", "internal"};

const char *
responder_drop_name(enum responder_drop d)
{
	if ((unsigned)d >= RESPONDER_DROP_COUNT)
		return "unknown";
	return responder_drop_names[d];
}

void
responder_config_defaults(struct responder_config *c)
{
	unsigned i;

	memset(c, 0, sizeof(*c));
	c->channel = 1;
	c->enabled_suites = 1u << 3 | 1u << 17;
	for (i = 0; i < SUITE_COUNT; i++)
		c->suite_priv_limit[i] = IPMI_PRIV_ADMIN;
	c->channel_priv_limit = IPMI_PRIV_ADMIN;
	c->ipmi15_enabled = 1;
	c->ipmi20_enabled = 1;
	for (i = IPMI_PRIV_CALLBACK; i <= IPMI_PRIV_OEM; i++)
		c->auth15_enables[i] = 1u << IPMI15_AUTHTYPE_MD5;
	c->per_message_auth = 1;
	c->user_level_auth = 1;
	c->max_active = 15;
	c->max_halfopen = 16;
	c->halfopen_timeout_ms = 3000;
	c->idle_timeout_ms = 60000;
	c->lockout_ms = 0;
	c->response_cache = 1;
}

int
responder_config_check(const struct responder_config *c, const char **why)
{
	const struct suite *s;
	const char	   *dummy;
	unsigned	    i;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (c->max_active == 0 || c->max_active > RESPONDER_SESSIONS_MAX) {
		*why = "active sessions must be 1..63";
		return ERR_CONFIG;
	}
	if (c->max_halfopen == 0) {
		*why = "handshake slots must be at least 1";
		return ERR_CONFIG;
	}
	if (c->channel_priv_limit < IPMI_PRIV_CALLBACK ||
	    c->channel_priv_limit > IPMI_PRIV_OEM) {
		*why = "channel privilege limit must be 1..5";
		return ERR_CONFIG;
	}
	for (i = 0; i < 32; i++) {
		if ((c->enabled_suites & (1u << i)) == 0)
			continue;
		if ((s = suite_by_id(i)) == NULL || !s->implemented) {
			*why =
			    "a cipher suite that is enabled is not implemented";
			return ERR_CONFIG;
		}
	}
	if (c->halfopen_timeout_ms == 0 || c->idle_timeout_ms == 0) {
		*why = "timeouts must be positive";
		return ERR_CONFIG;
	}
	return 0;
}

static void
responder_trace(
    struct responder *r, const char *label, const uint8_t *p, size_t n)
{
	if (r->trace_cb != NULL)
		r->trace_cb(r->trace_arg, label, p, n);
}

void
responder_set_trace(struct responder *r, responder_trace_cb *cb, void *arg)
{
	r->trace_cb = cb;
	r->trace_arg = arg;
}

struct responder *
responder_new(const struct responder_config *cfg,
    const struct responder_ops *ops, void *ops_arg, struct rng *rng)
{
	struct responder *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->cfg = *cfg;
	r->ops = *ops;
	r->ops_arg = ops_arg;
	r->rng = rng;
	r->table = session_table_new(cfg->max_active, cfg->max_halfopen, rng);
	if (r->table == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

void
responder_free(struct responder *r)
{
	if (r == NULL)
		return;
	session_table_free(r->table);
	free(r->lockouts);
	if (r->followup != NULL)
		ct_wipe(r->followup, RESPONDER_DATAGRAM_MAX);
	free(r->followup);
	ct_wipe(r, sizeof(*r));
	free(r);
}

static void
responder_close_if_disallowed_cb(void *arg, struct session *s)
{
	struct responder *r = arg;

	if (!s->ipmi15 && (r->cfg.enabled_suites & (1u << s->suite_id)) == 0)
		session_table_close(r->table, s);
	else if (s->ipmi15 && !r->cfg.ipmi15_enabled)
		session_table_close(r->table, s);
}

void
responder_set_config(struct responder *r, const struct responder_config *cfg)
{
	r->cfg = *cfg;
	(void)session_table_resize(
	    r->table, cfg->max_active, cfg->max_halfopen);
	session_table_foreach(r->table, responder_close_if_disallowed_cb, r);
}

const struct responder_config *
responder_get_config(const struct responder *r)
{
	return &r->cfg;
}

const struct responder_stats *
responder_stats(const struct responder *r)
{
	return &r->stats;
}

uint64_t
responder_next_deadline(const struct responder *r)
{
	return session_table_next_deadline(r->table);
}

void
responder_expire(struct responder *r, uint64_t now_ms)
{
	unsigned n;

	if ((n = session_table_expire(r->table, now_ms)) > 0) {
		r->stats.sessions_expired += n;
		log_session("%u session(s) expired", n);
	}
}

/* Sessions, for Get Session Info. */

static void
responder_fill_info(
    const struct session *s, struct responder_session_info *info)
{
	memset(info, 0, sizeof(*info));
	info->handle = s->handle;
	info->user_id = s->user_id;
	info->privilege = s->privilege;
	info->max_privilege = s->max_privilege;
	info->ipmi15 = s->ipmi15;
	info->suite_id = s->suite_id;
	info->authtype15 = s->authtype15;
	info->bmc_sid = s->bmc_sid;
	info->console_sid = s->console_sid;
	info->peer = s->peer;
}

unsigned
responder_active_sessions(const struct responder *r)
{
	return session_table_active_count(r->table);
}

int
responder_session_by_index(
    const struct responder *r, unsigned n, struct responder_session_info *info)
{
	struct session *s;

	if ((s = session_table_nth_active(r->table, n)) == NULL)
		return ERR_NOT_FOUND;
	responder_fill_info(s, info);
	info->channel = r->cfg.channel;
	return 0;
}

int
responder_session_by_handle(const struct responder *r, uint8_t handle,
    struct responder_session_info *info)
{
	struct session *s;

	if ((s = session_table_find_handle(r->table, handle)) == NULL)
		return ERR_NOT_FOUND;
	responder_fill_info(s, info);
	info->channel = r->cfg.channel;
	return 0;
}

int
responder_session_by_id(
    const struct responder *r, uint32_t id, struct responder_session_info *info)
{
	struct session *s;

	if ((s = session_table_find(r->table, id)) == NULL ||
	    s->state != SESSION_ACTIVE)
		return ERR_NOT_FOUND;
	responder_fill_info(s, info);
	info->channel = r->cfg.channel;
	return 0;
}

struct close_user_arg {
	struct responder *r;
	uint8_t		  user_id;
};

static void
responder_close_user_cb(void *arg, struct session *s)
{
	struct close_user_arg *a = arg;

	if (s->user_id == a->user_id) {
		session_table_close(a->r->table, s);
		a->r->stats.sessions_closed++;
	}
}

void
responder_close_user_sessions(struct responder *r, uint8_t user_id)
{
	struct close_user_arg a = {r, user_id};

	session_table_foreach(r->table, responder_close_user_cb, &a);
}

/* Users and lockout (LAN configuration parameter 26 semantics). */

static int
responder_lockouts(struct responder *r)
{
	if (r->lockouts == NULL &&
	    (r->lockouts = calloc(
		 RESPONDER_USERS_MAX + 1, sizeof(*r->lockouts))) == NULL)
		return ERR_NOMEM;
	return 0;
}

static int
responder_user_locked(struct responder *r, uint8_t id, uint64_t now)
{
	if (r->lockouts == NULL || id > RESPONDER_USERS_MAX)
		return 0;
	return r->lockouts[id].until_ms > now;
}

static void
responder_auth_failed(struct responder *r, uint8_t id, uint64_t now)
{
	struct lockout *l;

	r->stats.login_failures++;
	if (r->cfg.bad_password_threshold == 0 || id == 0 ||
	    id > RESPONDER_USERS_MAX || responder_lockouts(r) != 0)
		return;
	l = &r->lockouts[id];
	if (++l->failures >= r->cfg.bad_password_threshold) {
		l->failures = 0;
		l->until_ms = now + r->cfg.lockout_ms;
		r->stats.lockouts++;
		log_session(
		    "user %u locked out for %u ms", id, r->cfg.lockout_ms);
	}
}

static void
responder_auth_succeeded(struct responder *r, uint8_t id)
{
	if (r->lockouts != NULL && id <= RESPONDER_USERS_MAX)
		r->lockouts[id].failures = 0;
}

static int
responder_find_user(struct responder *r, const uint8_t *name, size_t len,
    struct responder_user *u)
{
	memset(u, 0, sizeof(*u));
	if (r->ops.user_by_name_cb == NULL)
		return ERR_NOT_FOUND;
	return r->ops.user_by_name_cb(r->ops_arg, name, len, u);
}

static uint8_t
min_priv(uint8_t a, uint8_t b)
{
	return a < b ? a : b;
}

/* The most a session on this suite may be granted before the user is known. */
static uint8_t
responder_suite_limit(const struct responder *r, uint8_t suite_id)
{
	uint8_t limit = r->cfg.channel_priv_limit;

	if (suite_id < SUITE_COUNT)
		limit = min_priv(limit, r->cfg.suite_priv_limit[suite_id]);
	return limit;
}

/* Outgoing datagrams. */

static uint32_t
responder_next_seq(uint32_t *seq)
{
	/* Zero is never a valid in-session sequence number: skip it. */
	if (++*seq == 0)
		*seq = 1;
	return *seq;
}

static int
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

static int
responder_send_ipmi15(
    struct exchange *x, struct session *s, const uint8_t *msg, size_t len)
{
	struct ipmi15_session w;
	int		      rc;

	memset(&w, 0, sizeof(w));
	w.msg = msg;
	w.msg_len = (uint8_t)len;
	if (s != NULL) {
		w.authtype = s->authtype15;
		w.session_id = s->bmc_sid;
		w.seq = responder_next_seq(&s->out_seq_auth);
		if (w.authtype != IPMI15_AUTHTYPE_NONE &&
		    (rc = authcode15_compute(w.authtype, s->keys.kuid,
			 w.session_id, msg, len, w.seq, w.authcode)) != 0)
			return rc;
	}
	return ipmi15_encode(&w, x->out, x->outcap, x->outlen);
}

static int
responder_send_rmcpp_session(
    struct exchange *x, struct session *s, const uint8_t *msg, size_t len)
{
	struct rmcpp_packet p;
	uint8_t		    sealed[RESPONDER_DATAGRAM_MAX];
	uint8_t		   *authcode;
	size_t		    sealed_len, integ_len;
	int		    rc;

	memset(&p, 0, sizeof(p));
	p.payload_type = RMCPP_PT_IPMI;
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

/*
 * Encodes an IPMI response to req with completion code cc and data, in the
 * session's wrapper (or sessionless in the request's format).
 */
static int
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
	if ((rc = ipmimsg_encode_rsp(
		 &rsp, msgbuf, SESSION_CACHE_MAX, msglen)) != 0)
		return rc;
	if (ipmi15)
		return responder_send_ipmi15(x, s, msgbuf, *msglen);
	if (s == NULL)
		return responder_send_rmcpp_plain(
		    x, RMCPP_PT_IPMI, msgbuf, *msglen);
	return responder_send_rmcpp_session(x, s, msgbuf, *msglen);
}

/* Returns the value responder_input() returns for a drop. */
static int
responder_drop(
    struct exchange *x, enum responder_drop why, enum responder_drop *out)
{
	x->r->stats.drops[why]++;
	if (out != NULL)
		*out = why;
	*x->outlen = 0;
	return 0;
}

/* ASF presence ping (ASF 2.0 §3.2.4.3). */

static int
responder_asf(struct exchange *x, const struct rmcp_header *h, struct rd *rd,
    enum responder_drop *drop)
{
	struct asf_msg	m;
	struct asf_pong pong;

	if (asf_decode(rd, &m) != 0 || m.iana != ASF_IANA ||
	    m.type != ASF_TYPE_PING)
		return responder_drop(x, RESPONDER_DROP_ASF, drop);
	memset(&pong, 0, sizeof(pong));
	pong.iana = ASF_IANA;
	pong.entities = ASF_ENTITY_IPMI | ASF_ENTITY_ASF_1_0;
	if (asf_encode_pong(
		h->seq, m.tag, &pong, x->out, x->outcap, x->outlen) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	x->r->stats.pongs++;
	return 1;
}

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
responder_auth_caps(struct responder *r, const struct ipmi_req *req,
    uint8_t *cc, uint8_t *data, size_t *len)
{
	struct users_summary sum;
	struct wr	     w;
	struct rd	     rd;
	uint8_t		     chan, priv, types, byte3, ext;

	*len = 0;
	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &chan) != 0 || rd_u8(&rd, &priv) != 0 ||
	    rd_end(&rd) != 0) {
		*cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	ext = chan & 0x80;
	chan &= 0x0f;
	priv &= 0x0f;
	if ((chan != 0x0e && chan != r->cfg.channel) ||
	    priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
		*cc = IPMI_CC_INVALID_DATA_FIELD;
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
	wr_init(&w, data, 8);
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
	*len = wr_len(&w);
	*cc = IPMI_CC_OK;
}

/* The request context the model sees. */
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
 * Hands a request to the model.  followup (SESSION_CACHE_MAX bytes, or
 * NULL outside a session) receives the follow-up message, its length in
 * *followup_len (0: none).
 */
static void
responder_call_model(struct exchange *x, const struct session *s,
    const struct ipmi_req *req, uint8_t *cc, uint8_t *data, size_t *len,
    uint8_t *followup, size_t *followup_len)
{
	struct responder_request ctx;
	struct responder_reply	 reply;

	responder_request_ctx(x, s, req, &ctx);
	memset(&reply, 0, sizeof(reply));
	reply.cc = IPMI_CC_INVALID_CMD;
	reply.data = data;
	reply.cap = IPMIMSG_DATA_MAX;
	reply.followup = followup;
	reply.followup_cap = followup != NULL ? SESSION_CACHE_MAX : 0;
	if (x->r->ops.request_cb != NULL)
		x->r->ops.request_cb(x->r->ops_arg, &ctx, &reply);
	x->r->stats.requests++;
	*cc = reply.cc;
	*len = reply.len > reply.cap ? reply.cap : reply.len;
	if (followup_len != NULL)
		*followup_len = reply.followup_len <= reply.followup_cap
		    ? reply.followup_len
		    : 0;
}

/*
 * Wraps a follow-up message in the session, after the reply (so under the
 * next outbound sequence number), for responder_take_followup().
 */
static int
responder_queue_followup(
    struct exchange *x, struct session *s, const uint8_t *msg, size_t len)
{
	struct responder *r = x->r;
	struct exchange	  y = *x;

	if (r->followup == NULL &&
	    (r->followup = malloc(RESPONDER_DATAGRAM_MAX)) == NULL)
		return ERR_NOMEM;
	y.out = r->followup;
	y.outcap = RESPONDER_DATAGRAM_MAX;
	y.outlen = &r->followup_len;
	if (s->ipmi15)
		return responder_send_ipmi15(&y, s, msg, len);
	return responder_send_rmcpp_session(&y, s, msg, len);
}

size_t
responder_take_followup(struct responder *r, uint8_t *out, size_t outcap)
{
	size_t len = r->followup_len;

	r->followup_len = 0;
	if (len == 0 || len > outcap)
		return 0;
	memcpy(out, r->followup, len);
	return len;
}

size_t
responder_write(
    struct responder *r, struct peer_addr *dst, uint8_t *out, size_t outcap)
{
	*dst = r->last_peer;
	return responder_take_followup(r, out, outcap);
}

/* IPMI 1.5: Get Session Challenge (IPMI 2.0 §22.16). */

static void
responder_get_challenge(struct exchange *x, const struct ipmi_req *req,
    uint8_t *cc, uint8_t *data, size_t *len)
{
	struct responder     *r = x->r;
	struct responder_user u;
	struct session	     *s;
	struct rd	      rd;
	struct wr	      w;
	const uint8_t	     *name;
	uint8_t		      authtype, name_len;
	int		      err;

	*len = 0;
	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &authtype) != 0 || rd_span(&rd, &name, 16) != 0 ||
	    rd_end(&rd) != 0) {
		*cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	authtype &= 0x0f;
	if (!r->cfg.ipmi15_enabled || !ipmi15_authtype_valid(authtype) ||
	    authtype == IPMI15_AUTHTYPE_OEM) {
		*cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	for (name_len = 16; name_len > 0 && name[name_len - 1] == 0; name_len--)
		;
	if (responder_find_user(r, name, name_len, &u) != 0 || !u.enabled ||
	    u.priv_limit == 0 || u.priv_limit > IPMI_PRIV_OEM ||
	    responder_user_locked(r, u.id, x->now)) {
		*cc = name_len == 0 ? CC_CHALLENGE_NULL_USER
				    : CC_CHALLENGE_INVALID_USER;
		ct_wipe(&u, sizeof(u));
		return;
	}
	if ((s = session_table_open(r->table,
		 x->now + r->cfg.halfopen_timeout_ms, &err)) == NULL) {
		*cc = IPMI_CC_NODE_BUSY;
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
		*cc = IPMI_CC_UNSPECIFIED;
		return;
	}
	if (x->peer != NULL)
		s->peer = *x->peer;
	wr_init(&w, data, 20);
	wr_u32le(&w, s->bmc_sid);
	wr_bytes(&w, s->rakp.bmc_rand, 16);
	*len = wr_len(&w);
	*cc = IPMI_CC_OK;
}

/* IPMI 1.5: Activate Session (IPMI 2.0 §22.17). */

static void
responder_activate(struct exchange *x, struct session *s,
    const struct ipmi_req *req, uint8_t *cc, uint8_t *data, size_t *len)
{
	struct responder     *r = x->r;
	struct responder_user u;
	struct rd	      rd;
	struct wr	      w;
	const uint8_t	     *challenge;
	uint8_t		      authtype, priv, limit, seqb[4];
	uint32_t	      outbound, inbound;

	*len = 0;
	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &authtype) != 0 || rd_u8(&rd, &priv) != 0 ||
	    rd_span(&rd, &challenge, 16) != 0 ||
	    rd_u32le(&rd, &outbound) != 0 || rd_end(&rd) != 0) {
		*cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	priv &= 0x0f;
	if ((authtype & 0x0f) != s->authtype15 ||
	    !ct_memeq(challenge, s->rakp.bmc_rand, 16)) {
		*cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	if (priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
		*cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	if (outbound == 0) {
		*cc = CC_ACTIVATE_SEQ_RANGE;
		return;
	}
	memset(&u, 0, sizeof(u));
	if (r->ops.user_by_id_cb == NULL ||
	    r->ops.user_by_id_cb(r->ops_arg, s->user_id, &u) != 0 ||
	    !u.enabled) {
		*cc = CC_ACTIVATE_INVALID_SID;
		return;
	}
	limit = min_priv(u.priv_limit, r->cfg.channel_priv_limit);
	if (priv > limit ||
	    (r->cfg.auth15_enables[priv] & (1u << s->authtype15)) == 0) {
		*cc = CC_ACTIVATE_PRIV_EXCEEDS;
		ct_wipe(&u, sizeof(u));
		return;
	}
	if (u.session_limit != 0 &&
	    session_table_user_count(r->table, u.id) >= u.session_limit) {
		*cc = CC_ACTIVATE_NO_USER_SLOT;
		ct_wipe(&u, sizeof(u));
		return;
	}
	ct_wipe(&u, sizeof(u));
	do {
		if (rng_bytes(r->rng, seqb, sizeof(seqb)) != 0) {
			*cc = IPMI_CC_UNSPECIFIED;
			return;
		}
		inbound = (uint32_t)seqb[0] | (uint32_t)seqb[1] << 8 |
		    (uint32_t)seqb[2] << 16 | (uint32_t)seqb[3] << 24;
	} while (inbound == 0);
	if (session_table_activate(
		r->table, s, x->now + r->cfg.idle_timeout_ms) != 0) {
		*cc = CC_ACTIVATE_NO_SLOT;
		return;
	}
	responder_auth_succeeded(r, s->user_id);
	s->max_privilege = priv;
	/* IPMI 2.0 §22.17: a session starts at USER (or its maximum). */
	s->privilege = min_priv(priv, IPMI_PRIV_USER);
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
	wr_init(&w, data, 10);
	wr_u8(&w, s->authtype15);
	wr_u32le(&w, s->bmc_sid);
	wr_u32le(&w, inbound);
	wr_u8(&w, s->max_privilege);
	*len = wr_len(&w);
	*cc = IPMI_CC_OK;
}

/* Set Session Privilege Level (IPMI 2.0 §22.18). */

static void
responder_set_privilege(struct exchange *x, struct session *s,
    const struct ipmi_req *req, uint8_t *cc, uint8_t *data, size_t *len)
{
	struct responder     *r = x->r;
	struct responder_user u;
	struct rd	      rd;
	uint8_t		      priv, user_limit;

	*len = 0;
	rd_init(&rd, req->data, req->data_len);
	if (rd_u8(&rd, &priv) != 0 || rd_end(&rd) != 0) {
		*cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	priv &= 0x0f;
	if (priv == 0) {
		/* "No change": report the present level. */
		data[0] = s->privilege;
		*len = 1;
		*cc = IPMI_CC_OK;
		return;
	}
	if (priv > IPMI_PRIV_OEM) {
		*cc = IPMI_CC_INVALID_DATA_FIELD;
		return;
	}
	user_limit = IPMI_PRIV_OEM;
	memset(&u, 0, sizeof(u));
	if (r->ops.user_by_id_cb != NULL &&
	    r->ops.user_by_id_cb(r->ops_arg, s->user_id, &u) == 0)
		user_limit = u.priv_limit;
	ct_wipe(&u, sizeof(u));
	if (priv > user_limit) {
		*cc = CC_SETPRIV_NOT_FOR_USER;
		return;
	}
	if (priv > s->max_privilege) {
		*cc = CC_SETPRIV_EXCEEDS_LIMIT;
		return;
	}
	s->privilege = priv;
	data[0] = priv;
	*len = 1;
	*cc = IPMI_CC_OK;
}

/*
 * Close Session (IPMI 2.0 §22.19).  Returns 1 when the session that sent
 * the request must be closed after its reply is sent.
 */
static int
responder_close_session(struct exchange *x, struct session *s,
    const struct ipmi_req *req, uint8_t *cc)
{
	struct responder *r = x->r;
	struct session	 *target;
	struct rd	  rd;
	uint32_t	  sid;
	uint8_t		  handle = 0;
	int		  by_handle;

	rd_init(&rd, req->data, req->data_len);
	if (rd_u32le(&rd, &sid) != 0) {
		*cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return 0;
	}
	/* IPMI 2.0 §22.19: ID 0 means "by handle", in a fifth byte. */
	by_handle = sid == 0 && rd_left(&rd) == 1;
	if ((by_handle && rd_u8(&rd, &handle) != 0) || rd_end(&rd) != 0) {
		*cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return 0;
	}
	if (by_handle)
		target = session_table_find_handle(r->table, handle);
	else
		target = session_table_find(r->table, sid);
	if (target == NULL || target->state != SESSION_ACTIVE) {
		*cc = sid == 0 ? CC_CLOSE_INVALID_HANDLE : CC_CLOSE_INVALID_SID;
		return 0;
	}
	*cc = IPMI_CC_OK;
	if (target == s)
		return 1;
	/* Closing someone else's session takes ADMINISTRATOR. */
	if (s->privilege < IPMI_PRIV_ADMIN) {
		*cc = IPMI_CC_INSUFFICIENT_PRIV;
		return 0;
	}
	session_table_close(r->table, target);
	r->stats.sessions_closed++;
	return 0;
}

/* FNV-1a over a request's data, to tell a retry from a new request. */
static void
responder_cache_response(struct session *s, const struct ipmi_req *req,
    const uint8_t *msg, size_t msglen)
{
	s->cache_kind = SESSION_CACHE_RESPONSE;
	s->cache_rq_seq = req->rq_seq;
	s->cache_netfn = req->netfn;
	s->cache_cmd = req->cmd;
	s->cache_rq_addr = req->rq_addr;
	s->cache_req_hash = fnv1a32(FNV1A32_INIT, req->data, req->data_len);
	s->cache_len = (uint16_t)msglen;
	memcpy(s->cache, msg, msglen);
	s->cache_followup_len = 0;
}

/*
 * One request that passed the session checks: answer it from the cache if
 * it is a retry, else run it, and send the response.
 */
static int
responder_in_session_request(struct exchange *x, struct session *s,
    const struct ipmi_req *req, enum responder_drop *drop)
{
	struct responder *r = x->r;
	uint8_t		  data[IPMIMSG_DATA_MAX];
	uint8_t		  msg[SESSION_CACHE_MAX];
	uint8_t		  followup[SESSION_CACHE_MAX];
	size_t		  len = 0, msglen, followup_len = 0;
	uint32_t	  hash;
	uint8_t		  cc;
	int		  close_after = 0, rc;

	hash = fnv1a32(FNV1A32_INIT, req->data, req->data_len);
	/*
	 * A retry (same rqSeq, netFn, command, requester and data, under a
	 * new session sequence number) gets the answer the first one got, so
	 * a Chassis Control or Add SEL Entry is executed exactly once.
	 */
	if (r->cfg.response_cache && s->cache_kind == SESSION_CACHE_RESPONSE &&
	    s->cache_rq_seq == req->rq_seq && s->cache_netfn == req->netfn &&
	    s->cache_cmd == req->cmd && s->cache_rq_addr == req->rq_addr &&
	    s->cache_req_hash == hash) {
		r->stats.cached_replies++;
		if (s->ipmi15)
			rc = responder_send_ipmi15(
			    x, s, s->cache, s->cache_len);
		else
			rc = responder_send_rmcpp_session(
			    x, s, s->cache, s->cache_len);
		if (rc == 0 && s->cache_followup_len != 0)
			rc = responder_queue_followup(
			    x, s, s->cache_followup, s->cache_followup_len);
		if (rc != 0)
			return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
		r->stats.replies++;
		return 1;
	}
	if (req->netfn == IPMI_NETFN_APP) {
		switch (req->cmd) {
		case CMD_GET_CHANNEL_AUTH_CAPS:
			responder_auth_caps(r, req, &cc, data, &len);
			goto send;
		case CMD_GET_SESSION_CHALLENGE:
		case CMD_ACTIVATE_SESSION:
			cc = IPMI_CC_NOT_SUPPORTED_NOW;
			goto send;
		case CMD_SET_SESSION_PRIVILEGE:
			responder_set_privilege(x, s, req, &cc, data, &len);
			goto send;
		case CMD_CLOSE_SESSION:
			close_after = responder_close_session(x, s, req, &cc);
			goto send;
		default:
			break;
		}
	}
	responder_call_model(
	    x, s, req, &cc, data, &len, followup, &followup_len);
send:
	if ((rc = responder_send_response(
		 x, s, s->ipmi15, req, cc, data, len, msg, &msglen)) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	if (followup_len != 0 &&
	    responder_queue_followup(x, s, followup, followup_len) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	if (close_after) {
		log_session("session %08x closed by request", s->bmc_sid);
		session_table_close(r->table, s);
		r->stats.sessions_closed++;
	} else if (r->cfg.response_cache) {
		responder_cache_response(s, req, msg, msglen);
		s->cache_followup_len = (uint16_t)followup_len;
		memcpy(s->cache_followup, followup, followup_len);
	}
	ct_wipe(data, sizeof(data));
	ct_wipe(followup, followup_len);
	r->stats.replies++;
	return 1;
}

/* A request outside any session, in either wrapper format. */
static int
responder_sessionless_request(struct exchange *x, int ipmi15,
    const struct ipmi_req *req, enum responder_drop *drop)
{
	uint8_t data[IPMIMSG_DATA_MAX];
	uint8_t msg[SESSION_CACHE_MAX];
	size_t	len = 0, msglen;
	uint8_t cc;

	if (req->netfn == IPMI_NETFN_APP &&
	    req->cmd == CMD_GET_CHANNEL_AUTH_CAPS)
		responder_auth_caps(x->r, req, &cc, data, &len);
	else if (req->netfn == IPMI_NETFN_APP &&
	    req->cmd == CMD_GET_SESSION_CHALLENGE && ipmi15)
		responder_get_challenge(x, req, &cc, data, &len);
	else if (req->netfn == IPMI_NETFN_APP &&
	    (req->cmd == CMD_ACTIVATE_SESSION ||
		req->cmd == CMD_SET_SESSION_PRIVILEGE ||
		req->cmd == CMD_CLOSE_SESSION)) {
		/* These need a session; outside one, 0xD4 as for any other. */
		cc = IPMI_CC_INSUFFICIENT_PRIV;
	} else
		responder_call_model(x, NULL, req, &cc, data, &len, NULL, NULL);
	if (responder_send_response(
		x, NULL, ipmi15, req, cc, data, len, msg, &msglen) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	x->r->stats.replies++;
	return 1;
}

static enum responder_drop
responder_msg_drop(int rc)
{
	return rc == ERR_CHECKSUM ? RESPONDER_DROP_CHECKSUM
				  : RESPONDER_DROP_LENGTH;
}

/* IPMI 1.5 wrapper. */

static int
responder_ipmi15(struct exchange *x, struct rd *rd, enum responder_drop *drop)
{
	struct responder     *r = x->r;
	struct ipmi15_session w;
	struct ipmi_req	      req;
	struct session	     *s;
	enum seqwin_verdict   v;
	int		      rc;

	if ((rc = ipmi15_decode(rd, &w)) != 0)
		return responder_drop(x,
		    rc == ERR_FORMAT ? RESPONDER_DROP_AUTHTYPE
				     : RESPONDER_DROP_LENGTH,
		    drop);
	if (w.session_id == 0) {
		if (w.authtype != IPMI15_AUTHTYPE_NONE)
			return responder_drop(x, RESPONDER_DROP_AUTHTYPE, drop);
		if ((rc = ipmimsg_decode_req(w.msg, w.msg_len, &req)) != 0)
			return responder_drop(x, responder_msg_drop(rc), drop);
		return responder_sessionless_request(x, 1, &req, drop);
	}
	if ((s = session_table_find(r->table, w.session_id)) == NULL)
		return responder_drop(x, RESPONDER_DROP_SESSION, drop);
	if (!s->ipmi15)
		return responder_drop(x, RESPONDER_DROP_SESSION_FORMAT, drop);
	if (!r->cfg.ipmi15_enabled)
		return responder_drop(x, RESPONDER_DROP_DISABLED, drop);
	/*
	 * Per-message authentication off (IPMI 2.0 §22.13) lets the console
	 * send "none" after activation; otherwise the session's type only.
	 */
	if (w.authtype != s->authtype15 &&
	    !(s->state == SESSION_ACTIVE && !r->cfg.per_message_auth &&
		w.authtype == IPMI15_AUTHTYPE_NONE))
		return responder_drop(x, RESPONDER_DROP_AUTHTYPE, drop);
	if (w.authtype != IPMI15_AUTHTYPE_NONE &&
	    authcode15_verify(w.authtype, s->keys.kuid, w.session_id, w.msg,
		w.msg_len, w.seq, w.authcode) != 0) {
		if (s->state == SESSION_CHALLENGED)
			responder_auth_failed(r, s->user_id, x->now);
		return responder_drop(x, RESPONDER_DROP_AUTHCODE, drop);
	}
	if ((rc = ipmimsg_decode_req(w.msg, w.msg_len, &req)) != 0)
		return responder_drop(x, responder_msg_drop(rc), drop);
	if (s->state == SESSION_CHALLENGED) {
		uint8_t data[16], msg[SESSION_CACHE_MAX], cc;
		size_t	len = 0, msglen;

		if (req.netfn != IPMI_NETFN_APP ||
		    req.cmd != CMD_ACTIVATE_SESSION)
			return responder_drop(
			    x, RESPONDER_DROP_HANDSHAKE, drop);
		if (x->peer != NULL)
			s->peer = *x->peer;
		responder_activate(x, s, &req, &cc, data, &len);
		rc = responder_send_response(
		    x, s, 1, &req, cc, data, len, msg, &msglen);
		if (s->state == SESSION_ACTIVE)
			responder_cache_response(s, &req, msg, msglen);
		else
			/* Refused: the challenge is spent. */
			session_table_close(r->table, s);
		if (rc != 0)
			return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
		r->stats.replies++;
		return 1;
	}
	/*
	 * A retransmitted Activate Session (still under sequence number 0)
	 * gets the answer the first one got.
	 */
	if (w.seq == 0 && req.netfn == IPMI_NETFN_APP &&
	    req.cmd == CMD_ACTIVATE_SESSION) {
		if (s->cache_kind != SESSION_CACHE_RESPONSE ||
		    s->cache_cmd != CMD_ACTIVATE_SESSION)
			return responder_drop(x, RESPONDER_DROP_SEQUENCE, drop);
		r->stats.handshake_repeats++;
		if (responder_send_ipmi15(x, s, s->cache, s->cache_len) != 0)
			return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
		r->stats.replies++;
		return 1;
	}
	v = seqwin_check(&s->win_auth, w.seq, 1);
	if (v != SEQWIN_OK)
		return responder_drop(x, RESPONDER_DROP_SEQUENCE, drop);
	seqwin_accept(&s->win_auth, w.seq);
	s->deadline_ms = x->now + r->cfg.idle_timeout_ms;
	return responder_in_session_request(x, s, &req, drop);
}

/* RMCP+ Open Session (IPMI 2.0 §13.17, §13.18). */

static int
responder_send_open_rsp(struct exchange *x, const struct rakp_open_rsp *o)
{
	uint8_t payload[RAKP_OPEN_RSP_LEN];
	size_t	len;
	int	rc;

	if ((rc = rakp_encode_open_rsp(o, payload, sizeof(payload), &len)) != 0)
		return rc;
	return responder_send_rmcpp_plain(
	    x, RMCPP_PT_OPEN_SESSION_RSP, payload, len);
}

static void
responder_open_rsp_of(
    const struct session *s, int echo_role, struct rakp_open_rsp *o)
{
	const struct suite *su = suite_by_id(s->suite_id);

	memset(o, 0, sizeof(*o));
	o->tag = s->open_tag;
	o->status = RMCPP_STATUS_OK;
	o->max_priv = s->max_privilege;
	if (echo_role)
		o->max_priv = s->open_role & RAKP_ROLE_PRIV_MASK;
	o->console_sid = s->console_sid;
	o->bmc_sid = s->bmc_sid;
	o->auth_alg = su->auth_alg;
	o->integ_alg = su->integ_alg;
	o->conf_alg = su->conf_alg;
}

static uint8_t
responder_check_algs(const struct responder *r, const struct rakp_open_req *q,
    const struct suite **suite)
{
	const struct suite *s;

	*suite = NULL;
	if (!suite_auth_alg_known(q->auth_alg))
		return RMCPP_STATUS_INVALID_AUTH_ALG;
	if (!suite_integ_alg_known(q->integ_alg))
		return RMCPP_STATUS_INVALID_INTEG_ALG;
	/* RC4 suites are never implemented. */
	if (!suite_conf_alg_known(q->conf_alg) ||
	    !suite_conf_alg_implemented(q->conf_alg))
		return RMCPP_STATUS_INVALID_CONF_ALG;
	/* The whole triple must be an enabled suite, never each alone. */
	s = suite_by_algs(q->auth_alg, q->integ_alg, q->conf_alg);
	if (s == NULL || !s->implemented ||
	    (r->cfg.enabled_suites & (1u << s->id)) == 0)
		return RMCPP_STATUS_NO_SUITE_MATCH;
	*suite = s;
	return RMCPP_STATUS_OK;
}

static int
responder_open_session(
    struct exchange *x, const struct rmcpp_packet *p, enum responder_drop *drop)
{
	struct responder    *r = x->r;
	struct rakp_open_req q;
	struct rakp_open_rsp o;
	const struct suite  *su;
	struct session	    *s;
	uint8_t		     role, limit;
	int		     rc, err;

	/* Without a tag and a console session ID there is no one to answer. */
	if (p->payload_len < 8)
		return responder_drop(x, RESPONDER_DROP_LENGTH, drop);
	rc = rakp_decode_open_req(p->payload, p->payload_len, &q);
	memset(&o, 0, sizeof(o));
	o.tag = q.tag;
	o.console_sid = q.console_sid;
	role = q.role & RAKP_ROLE_PRIV_MASK;
	if (rc != 0)
		o.status = RMCPP_STATUS_ILLEGAL_PARAMETER;
	else if (q.console_sid == 0)
		o.status = RMCPP_STATUS_INVALID_SESSION_ID;
	else if (role > IPMI_PRIV_OEM || (q.role & ~RAKP_ROLE_PRIV_MASK) != 0)
		o.status = RMCPP_STATUS_INVALID_ROLE;
	else
		o.status = responder_check_algs(r, &q, &su);
	if (o.status != RMCPP_STATUS_OK)
		goto reply;
	/* A retransmitted request gets the answer the first one got. */
	if ((s = session_table_find_console(r->table, q.console_sid)) != NULL &&
	    s->state == SESSION_OPENED && s->open_tag == q.tag &&
	    s->open_role == q.role && s->suite_id == su->id) {
		r->stats.handshake_repeats++;
		responder_open_rsp_of(s, r->cfg.quirk_echo_open_role, &o);
		goto reply;
	}
	limit = responder_suite_limit(r, su->id);
	if (session_table_active_count(r->table) >= r->cfg.max_active ||
	    (s = session_table_open(r->table,
		 x->now + r->cfg.halfopen_timeout_ms, &err)) == NULL) {
		o.status = RMCPP_STATUS_NO_RESOURCES;
		goto reply;
	}
	s->state = SESSION_OPENED;
	s->suite_id = su->id;
	s->console_sid = q.console_sid;
	s->open_tag = q.tag;
	s->open_role = q.role;
	/*
	 * IPMI 2.0 §13.18: the most this session may get with the proposed
	 * algorithms; 0 ("highest") asks for exactly that.
	 */
	s->max_privilege = role == 0 ? limit : min_priv(role, limit);
	s->keys.auth_alg = su->auth_alg;
	s->keys.integ_alg = su->integ_alg;
	s->keys.conf_alg = su->conf_alg;
	if (x->peer != NULL)
		s->peer = *x->peer;
	responder_open_rsp_of(s, r->cfg.quirk_echo_open_role, &o);
	log_session("open session %08x for console %08x, suite %u", s->bmc_sid,
	    s->console_sid, s->suite_id);
reply:
	if (responder_send_open_rsp(x, &o) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	if (o.status != RMCPP_STATUS_OK)
		r->stats.login_failures++;
	r->stats.replies++;
	return 1;
}

/* RAKP1 → RAKP2 (IPMI 2.0 §13.20, §13.21). */

static int
responder_send_rakp2(struct exchange *x, const struct rakp2 *m)
{
	uint8_t payload[40 + SUITE_KEY_MAX];
	size_t	len;
	int	rc;

	if ((rc = rakp_encode_rakp2(m, payload, sizeof(payload), &len)) != 0)
		return rc;
	return responder_send_rmcpp_plain(x, RMCPP_PT_RAKP2, payload, len);
}

static int
responder_cache_reply(struct session *s, const struct exchange *x)
{
	if (*x->outlen > sizeof(s->cache))
		return ERR_NOSPACE;
	memcpy(s->cache, x->out, *x->outlen);
	s->cache_len = (uint16_t)*x->outlen;
	s->cache_kind = SESSION_CACHE_HANDSHAKE;
	return 0;
}

static int
responder_resend_cached(
    struct exchange *x, struct session *s, enum responder_drop *drop)
{
	if (s->cache_kind != SESSION_CACHE_HANDSHAKE ||
	    s->cache_len > x->outcap)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE, drop);
	memcpy(x->out, s->cache, s->cache_len);
	*x->outlen = s->cache_len;
	x->r->stats.handshake_repeats++;
	x->r->stats.replies++;
	return 1;
}

/*
 * Decides the user and privilege for RAKP1.  Returns an RMCP+ status; on
 * success *kuid holds the key and s->user_id, s->max_privilege are set.
 */
static uint8_t
responder_rakp1_user(
    struct exchange *x, struct session *s, const struct rakp1 *m, uint8_t *kuid)
{
	struct responder     *r = x->r;
	struct responder_user u;
	uint8_t		      want, limit, status = RMCPP_STATUS_OK;

	want = m->role & RAKP_ROLE_PRIV_MASK;
	if (want < IPMI_PRIV_CALLBACK || want > IPMI_PRIV_OEM ||
	    (m->role & ~(RAKP_ROLE_PRIV_MASK | RAKP_ROLE_NAME_ONLY)) != 0)
		return RMCPP_STATUS_INVALID_ROLE;
	if (responder_find_user(r, m->name, m->name_len, &u) != 0 ||
	    !u.enabled || u.priv_limit < IPMI_PRIV_CALLBACK ||
	    u.priv_limit > IPMI_PRIV_OEM ||
	    responder_user_locked(r, u.id, x->now)) {
		status = RMCPP_STATUS_UNAUTHORIZED_NAME;
		goto out;
	}
	limit = min_priv(u.priv_limit, responder_suite_limit(r, s->suite_id));
	limit = min_priv(limit, s->max_privilege);
	if ((m->role & RAKP_ROLE_NAME_ONLY) == 0) {
		/*
		 * Username/privilege lookup: the user must hold exactly this
		 * privilege.
		 */
		if (u.priv_limit != want) {
			status = RMCPP_STATUS_UNAUTHORIZED_NAME;
			goto out;
		}
		if (want > limit) {
			status = RMCPP_STATUS_UNAUTHORIZED_ROLE;
			goto out;
		}
	}
	if (u.session_limit != 0 &&
	    session_table_user_count(r->table, u.id) >= u.session_limit) {
		status = RMCPP_STATUS_NO_RESOURCES_AT_ROLE;
		goto out;
	}
	/* Name-only lookup: clamped to what the user may have, never more. */
	s->max_privilege = min_priv(want, limit);
	s->user_id = u.id;
	memcpy(kuid, u.password, RAKP_KEYS_KUID_LEN);
out:
	ct_wipe(&u, sizeof(u));
	return status;
}

static int
responder_rakp1(
    struct exchange *x, const struct rmcpp_packet *p, enum responder_drop *drop)
{
	struct responder *r = x->r;
	struct rakp1	  m;
	struct rakp2	  a;
	struct session	 *s;
	struct rd	  rd;
	uint8_t		  kuid[RAKP_KEYS_KUID_LEN], auth[SUITE_KEY_MAX];
	uint8_t		  input[RAKP_KEYS_INPUT_MAX];
	uint32_t	  bmc_sid;
	int		  rc;

	/* The BMC session ID says which handshake this belongs to. */
	rd_init(&rd, p->payload, p->payload_len);
	if (rd_skip(&rd, 4) != 0 || rd_u32le(&rd, &bmc_sid) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH, drop);
	if ((s = session_table_find(r->table, bmc_sid)) == NULL || s->ipmi15)
		return responder_drop(x, RESPONDER_DROP_SESSION, drop);
	if (s->state == SESSION_RAKP2_SENT) {
		/* Only an exact retransmit is answered, as the first time. */
		if (p->payload_len == s->handshake_req_len &&
		    memcmp(p->payload, s->handshake_req,
			s->handshake_req_len) == 0)
			return responder_resend_cached(x, s, drop);
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE, drop);
	}
	if (s->state != SESSION_OPENED)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE, drop);
	rc = rakp_decode_rakp1(p->payload, p->payload_len, &m);
	memset(&a, 0, sizeof(a));
	a.tag = m.tag;
	a.console_sid = s->console_sid;
	memset(kuid, 0, sizeof(kuid));
	if (rc != 0) {
		a.status = RMCPP_STATUS_INVALID_NAME_LEN;
		goto reply;
	}
	if ((a.status = responder_rakp1_user(x, s, &m, kuid)) != 0 &&
	    !(a.status == RMCPP_STATUS_UNAUTHORIZED_NAME &&
		r->cfg.anti_enumeration))
		goto reply;
	if (a.status != RMCPP_STATUS_OK) {
		/*
		 * Anti-enumeration: an unknown name gets a RAKP2 keyed by a
		 * secret of ours, so the failure only shows at RAKP3.
		 */
		if (!r->anti_enum_ready) {
			if (rng_bytes(r->rng, r->anti_enum_key,
				sizeof(r->anti_enum_key)) != 0)
				return responder_drop(
				    x, RESPONDER_DROP_INTERNAL, drop);
			r->anti_enum_ready = 1;
		}
		memcpy(kuid, r->anti_enum_key, sizeof(kuid));
		s->user_id = 0;
		s->max_privilege = m.role & RAKP_ROLE_PRIV_MASK;
		a.status = RMCPP_STATUS_OK;
	}
	s->rakp.console_sid = s->console_sid;
	s->rakp.bmc_sid = s->bmc_sid;
	memcpy(s->rakp.console_rand, m.console_rand, RAKP_RAND_LEN);
	memcpy(s->rakp.guid, r->cfg.guid, RAKP_GUID_LEN);
	s->rakp.role = m.role;
	s->rakp.name_len = m.name_len;
	memcpy(s->rakp.name, m.name, m.name_len);
	if (rng_bytes(r->rng, s->rakp.bmc_rand, RAKP_RAND_LEN) != 0) {
		ct_wipe(kuid, sizeof(kuid));
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	}
	memcpy(s->keys.kuid, kuid, sizeof(kuid));
	memcpy(a.bmc_rand, s->rakp.bmc_rand, RAKP_RAND_LEN);
	memcpy(a.guid, r->cfg.guid, RAKP_GUID_LEN);
	responder_trace(r, "rakp2 hmac input", input,
	    rakp_keys_rakp2_input(&s->rakp, input));
	if (rakp_keys_rakp2_auth(s->keys.auth_alg, kuid, &s->rakp, auth) != 0) {
		ct_wipe(kuid, sizeof(kuid));
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	}
	a.auth = auth;
	a.auth_len = suite_auth_code_len(s->keys.auth_alg);
	responder_trace(r, "rakp2 hmac", auth, a.auth_len);
reply:
	ct_wipe(kuid, sizeof(kuid));
	ct_wipe(input, sizeof(input));
	if (responder_send_rakp2(x, &a) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	ct_wipe(auth, sizeof(auth));
	s->state = SESSION_RAKP2_SENT;
	s->rakp_status = a.status;
	s->handshake_req_len = (uint8_t)(p->payload_len <=
		    sizeof(s->handshake_req)
		? p->payload_len
		: 0);
	memcpy(s->handshake_req, p->payload, s->handshake_req_len);
	(void)responder_cache_reply(s, x);
	if (a.status != RMCPP_STATUS_OK) {
		r->stats.login_failures++;
		log_session("RAKP1 for session %08x refused: status %02x",
		    s->bmc_sid, a.status);
	}
	r->stats.replies++;
	return 1;
}

/* RAKP3 → RAKP4 (IPMI 2.0 §13.22, §13.23). */

static int
responder_send_rakp4(struct exchange *x, const struct rakp4 *m)
{
	uint8_t payload[8 + SUITE_KEY_MAX];
	size_t	len;
	int	rc;

	if ((rc = rakp_encode_rakp4(m, payload, sizeof(payload), &len)) != 0)
		return rc;
	return responder_send_rmcpp_plain(x, RMCPP_PT_RAKP4, payload, len);
}

static int
responder_rakp3(
    struct exchange *x, const struct rmcpp_packet *p, enum responder_drop *drop)
{
	struct responder *r = x->r;
	struct rakp3	  m;
	struct rakp4	  a;
	struct session	 *s;
	struct rd	  rd;
	uint8_t expect[SUITE_KEY_MAX], sik[SUITE_KEY_MAX], icv[SUITE_KEY_MAX];
	uint8_t input[RAKP_KEYS_INPUT_MAX];
	const uint8_t *kg;
	uint32_t       bmc_sid;
	size_t	       auth_len;
	int	       ok, destroy = 0;

	rd_init(&rd, p->payload, p->payload_len);
	if (rd_skip(&rd, 4) != 0 || rd_u32le(&rd, &bmc_sid) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH, drop);
	if ((s = session_table_find(r->table, bmc_sid)) == NULL || s->ipmi15)
		return responder_drop(x, RESPONDER_DROP_SESSION, drop);
	if (s->state == SESSION_ACTIVE) {
		/* The RAKP4 was lost: an exact retransmit gets it again. */
		if (s->cache_kind == SESSION_CACHE_HANDSHAKE &&
		    p->payload_len == s->handshake_req_len &&
		    memcmp(p->payload, s->handshake_req,
			s->handshake_req_len) == 0)
			return responder_resend_cached(x, s, drop);
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE, drop);
	}
	if (s->state != SESSION_RAKP2_SENT)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE, drop);
	if (rakp_decode_rakp3(p->payload, p->payload_len, &m) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH, drop);
	memset(&a, 0, sizeof(a));
	a.tag = m.tag;
	a.console_sid = s->console_sid;
	if (s->rakp_status != RMCPP_STATUS_OK || m.status != RMCPP_STATUS_OK) {
		/* A handshake that failed at RAKP2, or that the console gave
		 * up on: acknowledge and forget it. */
		a.status = s->rakp_status != RMCPP_STATUS_OK ? s->rakp_status
							     : m.status;
		destroy = 1;
		goto reply;
	}
	auth_len = suite_auth_code_len(s->keys.auth_alg);
	responder_trace(r, "rakp3 hmac input", input,
	    rakp_keys_rakp3_input(&s->rakp, input));
	if (rakp_keys_rakp3_auth(
		s->keys.auth_alg, s->keys.kuid, &s->rakp, expect) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	ok = m.auth_len == auth_len && ct_memeq(m.auth, expect, auth_len);
	if (!ok || s->user_id == 0) {
		a.status = RMCPP_STATUS_INVALID_INTEGRITY_VALUE;
		responder_auth_failed(r, s->user_id, x->now);
		log_session(
		    "RAKP3 for session %08x failed: bad auth code", s->bmc_sid);
		destroy = 1;
		goto reply;
	}
	/* Two-key login: the SIK is keyed by K_G when the BMC has one. */
	kg = r->cfg.kg_set ? r->cfg.kg : s->keys.kuid;
	responder_trace(
	    r, "sik input", input, rakp_keys_sik_input(&s->rakp, input));
	if (rakp_keys_sik(s->keys.auth_alg, kg, &s->rakp, sik) != 0 ||
	    rakp_keys_k(s->keys.auth_alg, sik, 1, s->keys.k1) != 0 ||
	    rakp_keys_k(s->keys.auth_alg, sik, 2, s->keys.k2) != 0 ||
	    rakp_keys_rakp4_icv(s->keys.auth_alg, sik, &s->rakp, icv) != 0) {
		ct_wipe(sik, sizeof(sik));
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	}
	if (protect_keys_prepare(&s->keys) != 0) {
		ct_wipe(sik, sizeof(sik));
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	}
	responder_trace(r, "sik", sik, auth_len);
	responder_trace(r, "k1", s->keys.k1, auth_len);
	responder_trace(r, "k2", s->keys.k2, auth_len);
	responder_trace(r, "rakp4 icv input", input,
	    rakp_keys_rakp4_input(&s->rakp, input));
	ct_wipe(sik, sizeof(sik));
	if (session_table_activate(
		r->table, s, x->now + r->cfg.idle_timeout_ms) != 0) {
		a.status = RMCPP_STATUS_NO_RESOURCES;
		destroy = 1;
		goto reply;
	}
	responder_auth_succeeded(r, s->user_id);
	/* IPMI 2.0 §13.24: a session starts at USER (or its maximum). */
	s->privilege = min_priv(s->max_privilege, IPMI_PRIV_USER);
	seqwin_init(&s->win_auth, WINDOW_RMCPP_BELOW, WINDOW_RMCPP_ABOVE);
	seqwin_init(&s->win_unauth, WINDOW_RMCPP_BELOW, WINDOW_RMCPP_ABOVE);
	s->out_seq_auth = 0;
	s->out_seq_unauth = 0;
	a.icv = icv;
	a.icv_len = suite_rakp4_icv_len(s->keys.auth_alg);
	responder_trace(r, "rakp4 icv", icv, a.icv_len);
	r->stats.sessions_opened++;
	log_session("session %08x active: user %u, suite %u, max privilege %u",
	    s->bmc_sid, s->user_id, s->suite_id, s->max_privilege);
reply:
	ct_wipe(expect, sizeof(expect));
	ct_wipe(input, sizeof(input));
	if (responder_send_rakp4(x, &a) != 0) {
		ct_wipe(icv, sizeof(icv));
		return responder_drop(x, RESPONDER_DROP_INTERNAL, drop);
	}
	ct_wipe(icv, sizeof(icv));
	if (destroy) {
		if (a.status != RMCPP_STATUS_OK)
			r->stats.login_failures++;
		session_table_close(r->table, s);
	} else {
		/* Keep RAKP3 and RAKP4 to answer a retransmit. */
		s->handshake_req_len = (uint8_t)(p->payload_len <=
			    sizeof(s->handshake_req)
			? p->payload_len
			: 0);
		memcpy(s->handshake_req, p->payload, s->handshake_req_len);
		(void)responder_cache_reply(s, x);
		/* The handshake's randoms are no longer needed. */
		ct_wipe(&s->rakp, sizeof(s->rakp));
	}
	r->stats.replies++;
	return 1;
}

/* RMCP+ wrapper. */

static int
responder_rmcpp_session(struct exchange *x, struct rmcpp_packet *p,
    struct rd *rd, enum responder_drop *drop)
{
	struct responder *r = x->r;
	struct session	 *s;
	struct ipmi_req	  req;
	struct seqwin	 *win;
	uint8_t		  plain[RESPONDER_DATAGRAM_MAX];
	const uint8_t	 *msg;
	size_t		  msglen;
	int		  rc, want_auth, want_enc;

	if ((s = session_table_find(r->table, p->session_id)) == NULL ||
	    s->state != SESSION_ACTIVE || s->ipmi15)
		return responder_drop(x, RESPONDER_DROP_SESSION, drop);
	want_auth = s->keys.integ_alg != INTEG_ALG_NONE;
	want_enc = s->keys.conf_alg != CONF_ALG_NONE;
	if (p->authenticated != want_auth || p->encrypted != want_enc)
		return responder_drop(x, RESPONDER_DROP_FLAGS, drop);
	if ((rc = rmcpp_decode_trailer(
		 rd, suite_integ_len(s->keys.integ_alg), p)) != 0)
		return responder_drop(x,
		    rc == ERR_PAD ? RESPONDER_DROP_PAD : RESPONDER_DROP_LENGTH,
		    drop);
	/* Integrity first, in constant time, before anything is decrypted. */
	if (p->authenticated &&
	    protect_integrity_verify(&s->keys, p->integrity_data,
		p->integrity_len, p->authcode) != 0)
		return responder_drop(x, RESPONDER_DROP_INTEGRITY, drop);
	if (p->encrypted) {
		if (protect_decrypt(&s->keys, p->payload, p->payload_len, plain,
			sizeof(plain), &msglen) != 0)
			return responder_drop(x, RESPONDER_DROP_PAD, drop);
		msg = plain;
	} else {
		msg = p->payload;
		msglen = p->payload_len;
	}
	win = p->authenticated ? &s->win_auth : &s->win_unauth;
	if (seqwin_check(win, p->seq, p->authenticated) != SEQWIN_OK)
		return responder_drop(x, RESPONDER_DROP_SEQUENCE, drop);
	seqwin_accept(win, p->seq);
	s->deadline_ms = x->now + r->cfg.idle_timeout_ms;
	if (x->peer != NULL)
		s->peer = *x->peer;
	if (p->payload_type != RMCPP_PT_IPMI)
		return responder_drop(x, RESPONDER_DROP_PAYLOAD, drop);
	if ((rc = ipmimsg_decode_req(msg, msglen, &req)) != 0)
		return responder_drop(x, responder_msg_drop(rc), drop);
	rc = responder_in_session_request(x, s, &req, drop);
	ct_wipe(plain, msglen <= sizeof(plain) && p->encrypted ? msglen : 0);
	return rc;
}

static int
responder_rmcpp(struct exchange *x, struct rd *rd, enum responder_drop *drop)
{
	struct responder   *r = x->r;
	struct rmcpp_packet p;
	struct ipmi_req	    req;
	int		    rc;

	if (!r->cfg.ipmi20_enabled)
		return responder_drop(x, RESPONDER_DROP_DISABLED, drop);
	if ((rc = rmcpp_decode_header(rd, &p)) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH, drop);
	if (p.session_id != 0)
		return responder_rmcpp_session(x, &p, rd, drop);
	/* Outside a session nothing is signed or sealed. */
	if (p.authenticated || p.encrypted)
		return responder_drop(x, RESPONDER_DROP_FLAGS, drop);
	if (rmcpp_decode_trailer(rd, 0, &p) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH, drop);
	switch (p.payload_type) {
	case RMCPP_PT_OPEN_SESSION_REQ:
		return responder_open_session(x, &p, drop);
	case RMCPP_PT_RAKP1:
		return responder_rakp1(x, &p, drop);
	case RMCPP_PT_RAKP3:
		return responder_rakp3(x, &p, drop);
	case RMCPP_PT_IPMI:
		if ((rc = ipmimsg_decode_req(p.payload, p.payload_len, &req)) !=
		    0)
			return responder_drop(x, responder_msg_drop(rc), drop);
		return responder_sessionless_request(x, 0, &req, drop);
	default:
		return responder_drop(x, RESPONDER_DROP_PAYLOAD, drop);
	}
}

int
responder_input(struct responder *r, uint64_t now_ms,
    const struct peer_addr *peer, const uint8_t *in, size_t inlen, uint8_t *out,
    size_t outcap, size_t *outlen, enum responder_drop *drop)
{
	struct exchange	   x = {r, now_ms, peer, out, outcap, outlen};
	struct rmcp_header h;
	struct rd	   rd;
	uint8_t		   authtype;

	*outlen = 0;
	r->followup_len = 0;
	if (peer != NULL)
		r->last_peer = *peer;
	else
		memset(&r->last_peer, 0, sizeof(r->last_peer));
	r->stats.received++;
	rd_init(&rd, in, inlen);
	if (rmcp_decode_header(&rd, &h) != 0)
		return responder_drop(&x, RESPONDER_DROP_SHORT, drop);
	if (h.version != RMCP_VERSION_1_0)
		return responder_drop(&x, RESPONDER_DROP_RMCP_VERSION, drop);
	if (h.class_byte & RMCP_CLASS_ACK)
		return responder_drop(&x, RESPONDER_DROP_RMCP_CLASS, drop);
	if ((h.class_byte & RMCP_CLASS_MASK) == RMCP_CLASS_ASF)
		return responder_asf(&x, &h, &rd, drop);
	if ((h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_IPMI)
		return responder_drop(&x, RESPONDER_DROP_RMCP_CLASS, drop);
	/* ASF 2.0 §3.2.2.3: IPMI messages are never acknowledged. */
	if (h.seq != RMCP_SEQ_NO_ACK)
		return responder_drop(&x, RESPONDER_DROP_RMCP_SEQ, drop);
	if (rd_peek_u8(&rd, &authtype) != 0)
		return responder_drop(&x, RESPONDER_DROP_SHORT, drop);
	if (authtype == IPMI15_AUTHTYPE_RMCPP)
		return responder_rmcpp(&x, &rd, drop);
	if (!ipmi15_authtype_valid(authtype))
		return responder_drop(&x, RESPONDER_DROP_AUTHTYPE, drop);
	return responder_ipmi15(&x, &rd, drop);
}
