/*
 * The BMC side of IPMI over LAN: lifecycle, the datagram demux and the
 * drops.  The order of the checks follows the decisions of the project's
 * protocol reference (shipped as the bmcsimd(8) and bmcsim.ini(5) man
 * pages): drop what cannot be addressed, answer with an RMCP+ status code
 * what can, and with a completion code every well-formed request that
 * passed the session checks.
 */
#include <stdlib.h>
#include <string.h>

#include "asf.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "lockout.h"
#include "log.h"
#include "protect.h"
#include "responder.h"
#include "responder_impl.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "rng.h"
#include "session_table.h"
#include "srclimit.h"
#include "suite.h"

static const char *const responder_drop_names[RESPONDER_DROP_COUNT] = {"short",
    "rmcp-version", "rmcp-seq", "rmcp-class", "asf", "length", "authtype",
    "checksum", "session", "flags", "integrity", "pad", "sequence", "authcode",
    "session-format", "handshake", "payload", "disabled", "internal",
    "queue-full", "fault", "response", "peer", "rate"};

const char *
responder_drop_name(enum responder_drop d)
{
	if ((unsigned)d >= RESPONDER_DROP_COUNT)
		return "unknown";
	return responder_drop_names[d];
}

int
responder_drop(struct exchange *x, enum responder_drop why)
{
	x->r->stats.drops[why]++;
	if (x->drop != NULL)
		*x->drop = why;
	if (!x->observed && x->r->ops.observe_cb != NULL) {
		struct responder_seen seen;

		memset(&seen, 0, sizeof(seen));
		seen.outcome = RESPONDER_SEEN_DROPPED;
		seen.drop = (uint8_t)why;
		x->observed = 1;
		x->r->ops.observe_cb(x->r->ops_arg, &seen);
	}
	*x->outlen = 0;
	return 0;
}

/* Loopback sources: the kernel never takes them from a wire. */
static int
responder_peer_is_loopback(const struct peer_addr *p)
{
	static const uint8_t v6_loop[16] = {[15] = 1};
	static const uint8_t v4_mapped[12] = {[10] = 0xff, [11] = 0xff};

	if (p->family == 4)
		return p->addr[0] == 127;
	if (p->family == 6)
		return memcmp(p->addr, v6_loop, 16) == 0 ||
		    (memcmp(p->addr, v4_mapped, 12) == 0 && p->addr[12] == 127);
	return 0;
}

int
responder_unauth_allow(struct exchange *x)
{
	struct responder *r = x->r;
	uint8_t		  key[17];
	uint32_t	  salt = 0;

	if (r->cfg.unauth_rate == 0 || x->peer == NULL ||
	    responder_peer_is_loopback(x->peer))
		return 1;
	if (r->unauth == NULL) {
		/* A salt the peers cannot guess, so none can aim at a slot. */
		(void)rng_bytes(r->rng, (uint8_t *)&salt, sizeof(salt));
		if ((r->unauth = srclimit_new(salt)) == NULL)
			return 1;
	}
	srclimit_set_policy(r->unauth, r->cfg.unauth_rate, r->cfg.unauth_burst);
	key[0] = x->peer->family;
	memcpy(key + 1, x->peer->addr, 16);
	if (srclimit_allow(r->unauth, key, sizeof(key), x->now))
		return 1;
	return responder_drop(x, RESPONDER_DROP_RATE);
}

int
responder_same_peer(const struct peer_addr *a, const struct peer_addr *b)
{
	if (a->family == 0 || b->family == 0)
		return 1;
	return a->family == b->family && a->port == b->port &&
	    memcmp(a->addr, b->addr, a->family == 4 ? 4 : 16) == 0;
}

/*
 * IPMI 2.0 §5.1: an odd netFn is a response.  A BMC only ever answers
 * requests: answering a response (with D4h, say, itself a response) would
 * let one spoofed datagram start two BMCs answering each other forever.
 */
int
responder_decode_req(
    struct exchange *x, const uint8_t *p, size_t len, struct ipmi_req *req)
{
	int rc;

	if ((rc = ipmimsg_decode_req(p, len, req)) != 0)
		return responder_drop(x, responder_msg_drop(rc));
	if (req->netfn & 1)
		return responder_drop(x, RESPONDER_DROP_RESPONSE);
	return 1;
}

enum responder_drop
responder_msg_drop(int rc)
{
	return rc == ERR_CHECKSUM ? RESPONDER_DROP_CHECKSUM
				  : RESPONDER_DROP_LENGTH;
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
	/* Ten times what a busy console needs; a login asks for one. */
	c->unauth_rate = 100;
	c->unauth_burst = 200;
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

void
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
	r->lockout = lockout_new();
	if (r->table == NULL || r->lockout == NULL) {
		responder_free(r);
		return NULL;
	}
	lockout_set_policy(
	    r->lockout, cfg->bad_password_threshold, cfg->lockout_ms);
	return r;
}

void
responder_free(struct responder *r)
{
	if (r == NULL)
		return;
	session_table_free(r->table);
	lockout_free(r->lockout);
	srclimit_free(r->unauth);
	responder_queue_free(r);
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
	lockout_set_policy(
	    r->lockout, cfg->bad_password_threshold, cfg->lockout_ms);
	(void)session_table_resize(
	    r->table, cfg->max_active, cfg->max_halfopen);
	session_table_foreach(r->table, responder_close_if_disallowed_cb, r);
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

static int
responder_fill_info(const struct responder *r, const struct session *s,
    struct responder_session_info *info)
{
	if (s == NULL)
		return ERR_NOT_FOUND;
	memset(info, 0, sizeof(*info));
	info->handle = s->handle;
	info->user_id = s->user_id;
	info->privilege = s->privilege;
	info->max_privilege = s->max_privilege;
	info->ipmi15 = s->ipmi15;
	info->suite_id = s->suite_id;
	info->authtype15 = s->authtype15;
	info->channel = r->cfg.channel;
	info->bmc_sid = s->bmc_sid;
	info->console_sid = s->console_sid;
	info->peer = s->peer;
	return 0;
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
	return responder_fill_info(
	    r, session_table_nth_active(r->table, n), info);
}

int
responder_session_by_handle(const struct responder *r, uint8_t handle,
    struct responder_session_info *info)
{
	return responder_fill_info(
	    r, session_table_find_handle(r->table, handle), info);
}

int
responder_session_by_id(
    const struct responder *r, uint32_t id, struct responder_session_info *info)
{
	struct session *s = session_table_find(r->table, id);

	if (s != NULL && s->state != SESSION_ACTIVE)
		s = NULL;
	return responder_fill_info(r, s, info);
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

int
responder_close_handle(struct responder *r, uint8_t handle)
{
	struct session *s = session_table_find_handle(r->table, handle);

	if (s == NULL)
		return ERR_NOT_FOUND;
	session_table_close(r->table, s);
	r->stats.sessions_closed++;
	return 0;
}

/* Users. */

int
responder_find_user(struct responder *r, const uint8_t *name, size_t len,
    struct responder_user *u)
{
	memset(u, 0, sizeof(*u));
	if (r->ops.user_by_name_cb == NULL)
		return ERR_NOT_FOUND;
	return r->ops.user_by_name_cb(r->ops_arg, name, len, u);
}

void
responder_login_failed(struct responder *r, uint8_t user_id, uint64_t now)
{
	r->stats.login_failures++;
	if (lockout_record_failure(r->lockout, user_id, now)) {
		r->stats.lockouts++;
		log_session(
		    "user %u locked out for %u ms", user_id, r->cfg.lockout_ms);
	}
}

uint8_t
responder_suite_limit(const struct responder *r, uint8_t suite_id)
{
	uint8_t limit = r->cfg.channel_priv_limit;

	if (suite_id < SUITE_COUNT)
		limit = responder_min_priv(
		    limit, r->cfg.suite_priv_limit[suite_id]);
	return limit;
}

/* ASF presence ping (ASF 2.0 §3.2.4.3). */

static int
responder_asf(struct exchange *x, const struct rmcp_header *h, struct rd *rd)
{
	struct asf_msg	m;
	struct asf_pong pong;

	if (asf_decode(rd, &m) != 0 || m.iana != ASF_IANA ||
	    m.type != ASF_TYPE_PING)
		return responder_drop(x, RESPONDER_DROP_ASF);
	if (!responder_unauth_allow(x))
		return 0;
	memset(&pong, 0, sizeof(pong));
	pong.iana = ASF_IANA;
	pong.entities = ASF_ENTITY_IPMI | ASF_ENTITY_ASF_1_0;
	if (asf_encode_pong(
		h->seq, m.tag, &pong, x->out, x->outcap, x->outlen) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	x->r->stats.pongs++;
	return 1;
}

/* RMCP+ payload types (IPMI 2.0 §13.27.3). */

static int
responder_ipmi_outside(
    struct exchange *x, struct session *s, const uint8_t *p, size_t len)
{
	struct ipmi_req req;

	(void)s;
	if (!responder_decode_req(x, p, len, &req))
		return 0;
	return responder_sessionless_request(x, 0, &req);
}

static int
responder_ipmi_inside(
    struct exchange *x, struct session *s, const uint8_t *p, size_t len)
{
	struct ipmi_req req;

	if (!responder_decode_req(x, p, len, &req))
		return 0;
	return responder_in_session_request(x, s, &req);
}

/*
 * What each payload type is for, outside a session and inside one.  A type
 * without a row, or without a handler where it arrived, is dropped as
 * RESPONDER_DROP_PAYLOAD (inside a session, after the session checks: it
 * still refreshes the session and uses up its sequence number).  A
 * new payload type (SOL, type 1) is a row; its handler answers in x->out
 * with responder_send_in_session() and sends on its own initiative with
 * responder_queue(), both given the payload type.
 */
static const struct responder_payload {
	responder_payload_fn *outside;
	responder_payload_fn *inside;
} responder_payloads[RMCPP_PAYLOAD_TYPE_MASK + 1] = {
    [RMCPP_PT_IPMI] = {responder_ipmi_outside, responder_ipmi_inside},
    [RMCPP_PT_OPEN_SESSION_REQ] = {responder_open_session, NULL},
    [RMCPP_PT_RAKP1] = {responder_rakp1, NULL},
    [RMCPP_PT_RAKP3] = {responder_rakp3, NULL},
    [RMCPP_PT_SOL] = {NULL, responder_sol_inside},
};

/* The payload types a BMC sends and never answers (IPMI 2.0 §13.27.3). */
static int
responder_payload_is_response(uint8_t type)
{
	return type == RMCPP_PT_OPEN_SESSION_RSP || type == RMCPP_PT_RAKP2 ||
	    type == RMCPP_PT_RAKP4;
}

static responder_payload_fn *
responder_payload_handler(uint8_t type, int inside)
{
	const struct responder_payload *p;

	if (type >= sizeof(responder_payloads) / sizeof(responder_payloads[0]))
		return NULL;
	p = &responder_payloads[type];
	return inside ? p->inside : p->outside;
}

/* RMCP+ session wrapper (IPMI 2.0 §13.6, §13.28). */

static int
responder_rmcpp_session(
    struct exchange *x, struct rmcpp_packet *p, struct rd *rd)
{
	struct responder     *r = x->r;
	struct session	     *s;
	struct seqwin	     *win;
	responder_payload_fn *fn;
	uint8_t		      plain[RESPONDER_DATAGRAM_MAX];
	const uint8_t	     *msg;
	size_t		      msglen, plain_used = 0;
	int		      rc, want_auth, want_enc;

	if ((s = session_table_find(r->table, p->session_id)) == NULL ||
	    s->state != SESSION_ACTIVE || s->ipmi15)
		return responder_drop(x, RESPONDER_DROP_SESSION);
	want_auth = s->keys.integ_alg != INTEG_ALG_NONE;
	want_enc = s->keys.conf_alg != CONF_ALG_NONE;
	if (p->authenticated != want_auth || p->encrypted != want_enc)
		return responder_drop(x, RESPONDER_DROP_FLAGS);
	if ((rc = rmcpp_decode_trailer(
		 rd, suite_integ_len(s->keys.integ_alg), p)) != 0)
		return responder_drop(x,
		    rc == ERR_PAD ? RESPONDER_DROP_PAD : RESPONDER_DROP_LENGTH);
	/* Integrity first, in constant time, before anything is decrypted. */
	if (p->authenticated &&
	    protect_integrity_verify(&s->keys, p->integrity_data,
		p->integrity_len, p->authcode) != 0)
		return responder_drop(x, RESPONDER_DROP_INTEGRITY);
	/* From here on every way out passes `out`, which wipes `plain`. */
	if (p->encrypted) {
		plain_used = p->payload_len < sizeof(plain) ? p->payload_len
							    : sizeof(plain);
		if (protect_decrypt(&s->keys, p->payload, p->payload_len, plain,
			sizeof(plain), &msglen) != 0) {
			rc = responder_drop(x, RESPONDER_DROP_PAD);
			goto out;
		}
		msg = plain;
	} else {
		msg = p->payload;
		msglen = p->payload_len;
	}
	win = p->authenticated ? &s->win_auth : &s->win_unauth;
	if (seqwin_check(win, p->seq, p->authenticated) != SEQWIN_OK) {
		rc = responder_drop(x, RESPONDER_DROP_SEQUENCE);
		goto out;
	}
	seqwin_accept(win, p->seq);
	x->seq = p->seq;
	s->deadline_ms = x->now + r->cfg.idle_timeout_ms;
	if (x->peer != NULL)
		s->peer = *x->peer;
	if (responder_payload_is_response(p->payload_type))
		rc = responder_drop(x, RESPONDER_DROP_RESPONSE);
	else if ((fn = responder_payload_handler(p->payload_type, 1)) == NULL)
		rc = responder_drop(x, RESPONDER_DROP_PAYLOAD);
	else
		rc = fn(x, s, msg, msglen);
out:
	ct_wipe(plain, plain_used);
	return rc;
}

static int
responder_rmcpp(struct exchange *x, struct rd *rd)
{
	struct rmcpp_packet   p;
	responder_payload_fn *fn;

	if (!x->r->cfg.ipmi20_enabled)
		return responder_drop(x, RESPONDER_DROP_DISABLED);
	if (rmcpp_decode_header(rd, &p) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH);
	if (p.session_id != 0)
		return responder_rmcpp_session(x, &p, rd);
	/* Outside a session nothing is signed or sealed. */
	if (p.authenticated || p.encrypted)
		return responder_drop(x, RESPONDER_DROP_FLAGS);
	if (rmcpp_decode_trailer(rd, 0, &p) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH);
	if (responder_payload_is_response(p.payload_type))
		return responder_drop(x, RESPONDER_DROP_RESPONSE);
	if ((fn = responder_payload_handler(p.payload_type, 0)) == NULL)
		return responder_drop(x, RESPONDER_DROP_PAYLOAD);
	return fn(x, NULL, p.payload, p.payload_len);
}

int
responder_input(struct responder *r, uint64_t now_ms,
    const struct peer_addr *peer, const uint8_t *in, size_t inlen, uint8_t *out,
    size_t outcap, size_t *outlen, enum responder_drop *drop)
{
	struct exchange x = {r, now_ms, peer, out, outcap, outlen, drop, 0, 0};
	struct rmcp_header h;
	struct rd	   rd;
	uint8_t		   authtype;

	*outlen = 0;
	r->stats.received++;
	rd_init(&rd, in, inlen);
	if (rmcp_decode_header(&rd, &h) != 0)
		return responder_drop(&x, RESPONDER_DROP_SHORT);
	if (h.version != RMCP_VERSION_1_0)
		return responder_drop(&x, RESPONDER_DROP_RMCP_VERSION);
	if (h.class_byte & RMCP_CLASS_ACK)
		return responder_drop(&x, RESPONDER_DROP_RMCP_CLASS);
	if ((h.class_byte & RMCP_CLASS_MASK) == RMCP_CLASS_ASF)
		return responder_asf(&x, &h, &rd);
	if ((h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_IPMI)
		return responder_drop(&x, RESPONDER_DROP_RMCP_CLASS);
	/* ASF 2.0 §3.2.2.3: IPMI messages are never acknowledged. */
	if (h.seq != RMCP_SEQ_NO_ACK)
		return responder_drop(&x, RESPONDER_DROP_RMCP_SEQ);
	if (rd_peek_u8(&rd, &authtype) != 0)
		return responder_drop(&x, RESPONDER_DROP_SHORT);
	if (authtype == IPMI15_AUTHTYPE_RMCPP)
		return responder_rmcpp(&x, &rd);
	if (!ipmi15_authtype_valid(authtype))
		return responder_drop(&x, RESPONDER_DROP_AUTHTYPE);
	return responder_ipmi15(&x, &rd);
}
