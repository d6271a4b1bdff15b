/*
 * RMCP+ session establishment: Open Session and RAKP 1-4 (IPMI 2.0
 * §13.17-§13.24).  Every handshake reply is kept in the session's reply
 * cache with the request it answered, so an exact retransmit (the reply
 * was lost) gets the same reply and a different request is dropped.
 */
#include <string.h>

#include "ct.h"
#include "cursor.h"
#include "ipmimsg.h"
#include "lockout.h"
#include "log.h"
#include "protect.h"
#include "rakp.h"
#include "rakp_keys.h"
#include "reply_cache.h"
#include "responder.h"
#include "responder_impl.h"
#include "rmcpp.h"
#include "rng.h"
#include "session_table.h"
#include "suite.h"

/* Open Session (IPMI 2.0 §13.17, §13.18). */

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

int
responder_open_session(struct exchange *x, struct session *unused,
    const uint8_t *payload, size_t payload_len)
{
	struct responder    *r = x->r;
	struct rakp_open_req q;
	struct rakp_open_rsp o;
	const struct suite  *su;
	struct session	    *s;
	uint8_t		     role, limit;
	int		     rc, err;

	(void)unused;
	/* Without a tag and a console session ID there is no one to answer. */
	if (payload_len < 8)
		return responder_drop(x, RESPONDER_DROP_LENGTH);
	rc = rakp_decode_open_req(payload, payload_len, &q);
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
	    s->open_role == q.role && s->suite_id == su->id &&
	    (x->peer == NULL || responder_same_peer(x->peer, &s->peer))) {
		r->stats.handshake_repeats++;
		responder_open_rsp_of(s, r->cfg.quirk_echo_open_role, &o);
		goto reply;
	}
	limit = responder_suite_limit(r, su->id);
	if (session_table_active_count(r->table) >= r->cfg.max_active ||
	    (s = session_table_open_from(r->table,
		 x->now + r->cfg.halfopen_timeout_ms, x->peer, &err)) == NULL) {
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
	s->max_privilege = role == 0 ? limit : responder_min_priv(role, limit);
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
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	if (o.status != RMCPP_STATUS_OK)
		r->stats.login_failures++;
	r->stats.replies++;
	return 1;
}

/* The handshake cache. */

/* The session a RAKP message names by its BMC session ID, or NULL. */
static struct session *
responder_rakp_session(
    struct exchange *x, const uint8_t *payload, size_t payload_len)
{
	struct session *s;
	struct rd	rd;
	uint32_t	bmc_sid;

	rd_init(&rd, payload, payload_len);
	if (rd_skip(&rd, 4) != 0 || rd_u32le(&rd, &bmc_sid) != 0) {
		(void)responder_drop(x, RESPONDER_DROP_LENGTH);
		return NULL;
	}
	if ((s = session_table_find(x->r->table, bmc_sid)) == NULL ||
	    s->ipmi15) {
		(void)responder_drop(x, RESPONDER_DROP_SESSION);
		return NULL;
	}
	/*
	 * A handshake belongs to the address and port that opened it: a
	 * RAKP message from elsewhere naming it is dropped and leaves it as
	 * it was (else a stranger could spend or tear down another
	 * console's login).
	 */
	if (x->peer != NULL && !responder_same_peer(x->peer, &s->peer)) {
		(void)responder_drop(x, RESPONDER_DROP_PEER);
		return NULL;
	}
	return s;
}

/* An exact retransmit gets the reply it got the first time. */
static int
responder_resend_handshake(struct exchange *x, struct session *s,
    const uint8_t *payload, size_t payload_len)
{
	const uint8_t *reply;
	size_t	       len;

	if ((reply = reply_cache_handshake(
		 &s->reply, payload, payload_len, &len)) == NULL ||
	    len > x->outcap)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE);
	memcpy(x->out, reply, len);
	*x->outlen = len;
	x->r->stats.handshake_repeats++;
	x->r->stats.replies++;
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
	    lockout_is_locked(r->lockout, u.id, x->now)) {
		status = RMCPP_STATUS_UNAUTHORIZED_NAME;
		goto out;
	}
	limit = responder_min_priv(
	    u.priv_limit, responder_suite_limit(r, s->suite_id));
	limit = responder_min_priv(limit, s->max_privilege);
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
	s->max_privilege = responder_min_priv(want, limit);
	s->user_id = u.id;
	memcpy(kuid, u.password, RAKP_KEYS_KUID_LEN);
out:
	ct_wipe(&u, sizeof(u));
	return status;
}

int
responder_rakp1(struct exchange *x, struct session *unused,
    const uint8_t *payload, size_t payload_len)
{
	struct responder *r = x->r;
	struct rakp1	  m;
	struct rakp2	  a;
	struct session	 *s;
	uint8_t		  kuid[RAKP_KEYS_KUID_LEN], auth[SUITE_KEY_MAX];
	uint8_t		  input[RAKP_KEYS_INPUT_MAX];
	int		  rc;

	(void)unused;
	/* The BMC session ID says which handshake this belongs to. */
	if ((s = responder_rakp_session(x, payload, payload_len)) == NULL)
		return 0;
	if (s->state == SESSION_RAKP2_SENT)
		return responder_resend_handshake(x, s, payload, payload_len);
	if (s->state != SESSION_OPENED)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE);
	rc = rakp_decode_rakp1(payload, payload_len, &m);
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
				    x, RESPONDER_DROP_INTERNAL);
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
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	}
	memcpy(s->keys.kuid, kuid, sizeof(kuid));
	memcpy(a.bmc_rand, s->rakp.bmc_rand, RAKP_RAND_LEN);
	memcpy(a.guid, r->cfg.guid, RAKP_GUID_LEN);
	responder_trace(r, "rakp2 hmac input", input,
	    rakp_keys_rakp2_input(&s->rakp, input));
	if (rakp_keys_rakp2_auth(s->keys.auth_alg, kuid, &s->rakp, auth) != 0) {
		ct_wipe(kuid, sizeof(kuid));
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	}
	a.auth = auth;
	a.auth_len = suite_auth_code_len(s->keys.auth_alg);
	responder_trace(r, "rakp2 hmac", auth, a.auth_len);
reply:
	ct_wipe(kuid, sizeof(kuid));
	ct_wipe(input, sizeof(input));
	if (responder_send_rakp2(x, &a) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	ct_wipe(auth, sizeof(auth));
	s->state = SESSION_RAKP2_SENT;
	s->rakp_status = a.status;
	(void)reply_cache_put_handshake(
	    &s->reply, payload, payload_len, x->out, *x->outlen);
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

/*
 * Derives the session keys (IPMI 2.0 §13.31, §13.32) and the RAKP4 ICV.
 * Returns 0 or the backend's error.
 */
static int
responder_rakp3_keys(struct responder *r, struct session *s, uint8_t *icv,
    size_t auth_len, uint8_t *input)
{
	uint8_t	       sik[SUITE_KEY_MAX];
	const uint8_t *kg;
	int	       rc;

	/* Two-key login: the SIK is keyed by K_G when the BMC has one. */
	kg = r->cfg.kg_set ? r->cfg.kg : s->keys.kuid;
	responder_trace(
	    r, "sik input", input, rakp_keys_sik_input(&s->rakp, input));
	if ((rc = rakp_keys_sik(s->keys.auth_alg, kg, &s->rakp, sik)) != 0 ||
	    (rc = rakp_keys_k(s->keys.auth_alg, sik, 1, s->keys.k1)) != 0 ||
	    (rc = rakp_keys_k(s->keys.auth_alg, sik, 2, s->keys.k2)) != 0 ||
	    (rc = rakp_keys_rakp4_icv(s->keys.auth_alg, sik, &s->rakp, icv)) !=
		0 ||
	    (rc = protect_keys_prepare(&s->keys)) != 0)
		goto out;
	if (r->ops.keys_cb != NULL)
		r->ops.keys_cb(r->ops_arg, s->bmc_sid, s->console_sid,
		    s->suite_id, sik, s->keys.k1, s->keys.k2, auth_len);
	responder_trace(r, "sik", sik, auth_len);
	responder_trace(r, "k1", s->keys.k1, auth_len);
	responder_trace(r, "k2", s->keys.k2, auth_len);
	responder_trace(r, "rakp4 icv input", input,
	    rakp_keys_rakp4_input(&s->rakp, input));
out:
	ct_wipe(sik, sizeof(sik));
	return rc;
}

int
responder_rakp3(struct exchange *x, struct session *unused,
    const uint8_t *payload, size_t payload_len)
{
	struct responder *r = x->r;
	struct rakp3	  m;
	struct rakp4	  a;
	struct session	 *s;
	uint8_t		  expect[SUITE_KEY_MAX], icv[SUITE_KEY_MAX];
	uint8_t		  input[RAKP_KEYS_INPUT_MAX];
	size_t		  auth_len;
	int		  ok, destroy = 0;

	(void)unused;
	if ((s = responder_rakp_session(x, payload, payload_len)) == NULL)
		return 0;
	/* The RAKP4 was lost: an exact retransmit gets it again. */
	if (s->state == SESSION_ACTIVE)
		return responder_resend_handshake(x, s, payload, payload_len);
	if (s->state != SESSION_RAKP2_SENT)
		return responder_drop(x, RESPONDER_DROP_HANDSHAKE);
	if (rakp_decode_rakp3(payload, payload_len, &m) != 0)
		return responder_drop(x, RESPONDER_DROP_LENGTH);
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
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	ok = m.auth_len == auth_len && ct_memeq(m.auth, expect, auth_len);
	if (!ok || s->user_id == 0) {
		a.status = RMCPP_STATUS_INVALID_INTEGRITY_VALUE;
		responder_login_failed(r, s->user_id, x->now);
		log_session(
		    "RAKP3 for session %08x failed: bad auth code", s->bmc_sid);
		destroy = 1;
		goto reply;
	}
	if (responder_rakp3_keys(r, s, icv, auth_len, input) != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	if (session_table_activate(
		r->table, s, x->now + r->cfg.idle_timeout_ms) != 0) {
		a.status = RMCPP_STATUS_NO_RESOURCES;
		destroy = 1;
		goto reply;
	}
	lockout_record_success(r->lockout, s->user_id);
	/* IPMI 2.0 §13.24: a session starts at USER (or its maximum). */
	s->privilege = responder_min_priv(s->max_privilege, IPMI_PRIV_USER);
	seqwin_init(&s->win_auth, WINDOW_RMCPP_BELOW, WINDOW_RMCPP_ABOVE);
	seqwin_init(&s->win_unauth, WINDOW_RMCPP_BELOW, WINDOW_RMCPP_ABOVE);
	s->out_seq_auth = 0;
	s->out_seq_unauth = 0;
	a.icv = icv;
	a.icv_len = suite_rakp4_icv_len(s->keys.auth_alg);
	/*
	 * Quirk (Supermicro X8DTG): suite 0's RAKP 4 (IPMI 2.0 §13.23)
	 * carries an HMAC-SHA1-96-sized check value where none belongs.
	 */
	if (a.icv_len == 0 && (r->cfg.quirks & RESPONDER_QUIRK_SUITE0_ICV)) {
		memset(icv, 0, sizeof(icv));
		a.icv_len = 12;
	}
	responder_trace(r, "rakp4 icv", icv, a.icv_len);
	r->stats.sessions_opened++;
	log_session("session %08x active: user %u, suite %u, max privilege %u",
	    s->bmc_sid, s->user_id, s->suite_id, s->max_privilege);
reply:
	ct_wipe(expect, sizeof(expect));
	ct_wipe(input, sizeof(input));
	if (responder_send_rakp4(x, &a) != 0) {
		ct_wipe(icv, sizeof(icv));
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	}
	ct_wipe(icv, sizeof(icv));
	if (destroy) {
		if (a.status != RMCPP_STATUS_OK)
			r->stats.login_failures++;
		session_table_close(r->table, s);
	} else {
		/* Keep RAKP3 and RAKP4 to answer a retransmit. */
		(void)reply_cache_put_handshake(
		    &s->reply, payload, payload_len, x->out, *x->outlen);
		/* The handshake's randoms are no longer needed. */
		ct_wipe(&s->rakp, sizeof(s->rakp));
	}
	r->stats.replies++;
	return 1;
}
