#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc.h"
#include "control.h"
#include "ct.h"
#include "cursor.h"
#include "describe.h"
#include "err.h"
#include "fault.h"
#include "journal.h"
#include "log.h"
#include "names.h"
#include "node.h"
#include "outbox.h"
#include "rng.h"
#include "rmcpp.h"
#include "sol_console.h"

/* Sessions whose last request a node remembers for the journal. */
#define NODE_JSESS 16

/* One datagram waiting for node_write(). */
struct node_datagram {
	struct peer_addr dst;
	size_t		 len;
	uint8_t		 data[RESPONDER_DATAGRAM_MAX];
};

/* What the fault rules know of the datagram being served. */
struct node_fault {
	struct fault_packet  p;
	uint8_t		     data[FAULT_DATA_MAX];
	uint8_t		     decided; /* the response stage has been asked */
	uint8_t		     fired;
	struct fault_verdict v;
};

#define NODE_HELD_MAX 16
struct node_held {
	uint64_t	     due;
	struct node_datagram d;
};

struct node {
	const struct config_bmc *cfg;
	struct bmc		*bmc;
	struct responder	*resp;
	struct rng		*own_rng; /* seeded models only */
	uint64_t		 policy_gen;
	uint64_t		 wall_ms; /* of the datagram being served */
	/* Users whose sessions close once the current reply is out. */
	uint64_t	  close_users;
	uint8_t		  policy_dirty;
	struct node_stats stats;
	/*
	 * A FIFO ring, made on the first datagram: an idle BMC of a large
	 * fleet costs no outbox.
	 */
	struct node_datagram *outbox;
	unsigned	      out_head, out_count;
	/* The journal, and the entry of the datagram being served. */
	struct journal	     *journal;
	struct journal_entry *jent;
	/*
	 * Each session's last request (a retry's original), direct-mapped
	 * by session ID: made on the first journaled request.
	 */
	struct node_jsess {
		uint32_t sid;
		uint64_t seq;
	} * jsess;
	uint64_t		jnow;
	const struct peer_addr *jpeer;
	/* Fault rules (made on first use) and what they decided for the
	 * datagram being served. */
	struct fault_engine *faults;
	uint64_t	     fault_seed;
	struct node_fault    fcur;
	/* Answers a delay holds back, due at their time. */
	struct node_held *held;
	unsigned	  held_count;
	uint64_t	  hol_until; /* head of line: all wait until then */
};

/* ---- from the model's policy to the responder's configuration ---- */

/* The model's session quirks, as the responder's switches. */
static const struct {
	size_t	 off; /* in struct model_quirks */
	uint32_t bit;
} node_session_quirks[] = {
    {offsetof(struct model_quirks, authcap), RESPONDER_QUIRK_AUTHCAP},
    {offsetof(struct model_quirks, nochecksumcheck),
	RESPONDER_QUIRK_BAD_CHECKSUM},
    {offsetof(struct model_quirks, noauthcodecheck),
	RESPONDER_QUIRK_BAD_AUTHCODE},
    {offsetof(struct model_quirks, idzero), RESPONDER_QUIRK_SESSION_ID_ZERO},
    {offsetof(struct model_quirks, endianseq), RESPONDER_QUIRK_SEQ_BIG_ENDIAN},
    {offsetof(struct model_quirks, integritycheckvalue),
	RESPONDER_QUIRK_SUITE0_ICV},
};

static void
build_responder_quirks(
    const struct model_quirks *q, struct responder_config *rc)
{
	const uint8_t *base = (const uint8_t *)q;
	size_t	       i;

	for (i = 0;
	     i < sizeof(node_session_quirks) / sizeof(node_session_quirks[0]);
	     i++)
		if (base[node_session_quirks[i].off])
			rc->quirks |= node_session_quirks[i].bit;
	rc->quirk_echo_open_role = q->opensesspriv;
}

static void
build_responder_config(const struct node *n, struct responder_config *rc)
{
	const struct model  *m = n->cfg->model;
	struct model_channel ch;

	bmc_channel_policy(n->bmc, &ch);
	responder_config_defaults(rc);
	rc->channel = ch.number;
	memcpy(rc->guid, n->cfg->system_guid, sizeof(rc->guid));
	rc->enabled_suites = ch.enabled_suites;
	/* The loader refuses suite 0 without the lab switch; so do we. */
	if (!m->lab.allow_cipher_0)
		rc->enabled_suites &= ~1u;
	memcpy(rc->suite_priv_limit, ch.suite_priv_limit,
	    sizeof(rc->suite_priv_limit));
	rc->channel_priv_limit = ch.priv_limit;
	/* Access mode "disabled" (Set Channel Access) shuts the LAN. */
	rc->ipmi15_enabled = ch.ipmi15_enabled && ch.access_mode != 0;
	rc->ipmi20_enabled = ch.ipmi20_enabled && ch.access_mode != 0;
	memcpy(
	    rc->auth15_enables, ch.auth15_enables, sizeof(rc->auth15_enables));
	rc->per_message_auth = ch.per_message_auth;
	rc->user_level_auth = ch.user_level_auth;
	memcpy(rc->kg, ch.kg, sizeof(rc->kg));
	rc->kg_set = ch.kg_set;
	if (ch.max_sessions > 0)
		rc->max_active = ch.max_sessions;
	if (ch.max_handshakes > 0)
		rc->max_halfopen = ch.max_handshakes;
	if (ch.handshake_timeout_ms > 0)
		rc->halfopen_timeout_ms = ch.handshake_timeout_ms;
	if (ch.session_timeout_ms > 0)
		rc->idle_timeout_ms = ch.session_timeout_ms;
	rc->bad_password_threshold = ch.bad_password_threshold;
	rc->lockout_ms = ch.lockout_ms;
	rc->anti_enumeration = ch.anti_enumeration;
	build_responder_quirks(&m->quirks, rc);
	ct_wipe(&ch, sizeof(ch));
}

/* ---- responder callbacks ---- */

static void
user_to_responder(
    uint8_t id, const struct model_user *mu, struct responder_user *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->id = id;
	ru->name_len = mu->name_len;
	memcpy(ru->name, mu->name, sizeof(ru->name));
	memcpy(ru->password, mu->password, sizeof(ru->password));
	ru->enabled = mu->enabled && mu->ipmi_messaging;
	ru->priv_limit = mu->priv_limit;
	ru->session_limit = mu->session_limit;
}

static int
cb_user_by_name(
    void *arg, const uint8_t *name, size_t len, struct responder_user *ru)
{
	struct node	 *n = arg;
	struct model_user mu;
	uint8_t		  id;

	/* Anonymous login exists only where a model asks for it. */
	if (len == 0 && !n->cfg->model->lab.allow_anonymous)
		return ERR_NOT_FOUND;
	if (bmc_user_by_name(n->bmc, name, len, &mu, &id) != 0)
		return ERR_NOT_FOUND;
	user_to_responder(id, &mu, ru);
	ct_wipe(&mu, sizeof(mu));
	return 0;
}

static int
cb_user_by_id(void *arg, uint8_t id, struct responder_user *ru)
{
	struct node	 *n = arg;
	struct model_user mu;

	if (bmc_user_by_id(n->bmc, id, &mu) != 0)
		return ERR_NOT_FOUND;
	if (mu.name_len == 0 && !n->cfg->model->lab.allow_anonymous) {
		ct_wipe(&mu, sizeof(mu));
		return ERR_NOT_FOUND;
	}
	user_to_responder(id, &mu, ru);
	ct_wipe(&mu, sizeof(mu));
	return 0;
}

static unsigned
cb_active_count(void *arg)
{
	struct node *n = arg;

	return responder_active_sessions(n->resp);
}

static int
cb_session_info(void *arg, enum model_session_key key, uint32_t value,
    struct model_session_info *out)
{
	struct node		     *n = arg;
	struct responder_session_info si;
	int			      rc;

	switch (key) {
	case MODEL_SESSION_BY_INDEX:
		rc = responder_session_by_index(n->resp, value, &si);
		break;
	case MODEL_SESSION_BY_HANDLE:
		rc = responder_session_by_handle(n->resp, (uint8_t)value, &si);
		break;
	case MODEL_SESSION_BY_ID:
		rc = responder_session_by_id(n->resp, value, &si);
		break;
	default:
		return ERR_NOT_FOUND;
	}
	if (rc != 0)
		return ERR_NOT_FOUND;
	memset(out, 0, sizeof(*out));
	out->handle = si.handle;
	out->user_id = si.user_id;
	out->privilege = si.privilege;
	out->ipmi15 = si.ipmi15;
	out->channel = si.channel;
	out->peer_family = si.peer.family;
	memcpy(out->peer_addr, si.peer.addr, sizeof(out->peer_addr));
	out->peer_port = si.peer.port;
	return 0;
}

static void
cb_close_user_sessions(void *arg, uint8_t user_id)
{
	struct node *n = arg;

	if (user_id >= 1 && user_id <= 63)
		n->close_users |= UINT64_C(1) << user_id;
}

static void
cb_channel_changed(void *arg)
{
	struct node *n = arg;

	n->policy_dirty = 1;
}

static const struct model_session_ops node_session_ops = {
    .active_count_cb = cb_active_count,
    .session_info_cb = cb_session_info,
    .close_user_sessions_cb = cb_close_user_sessions,
    .channel_changed_cb = cb_channel_changed,
};

/* ---- faults ---- */

static struct node_datagram *node_queue_slot(struct node *);
static void		     node_queue_commit(struct node *);
static void		     node_queue_lost(struct node *);

static void
node_fault_log(struct node *n, const struct fault_verdict *v)
{
	char act[32];

	log_session("%s: fault %s fired: %s (draw %016llx)", n->cfg->name,
	    v->rule->name, fault_action_format(v->rule, act, sizeof(act)),
	    (unsigned long long)v->draw);
}

/* Asks the rules about the datagram at a stage; 1 when one fired. */
static int
node_fault_ask(struct node *n, uint8_t stage)
{
	n->fcur.p.stage = stage;
	if (stage == FAULT_STAGE_RESPONSE)
		n->fcur.decided = 1;
	if (!fault_decide(n->faults, &n->fcur.p, &n->fcur.v))
		return 0;
	n->fcur.fired = 1;
	node_fault_log(n, &n->fcur.v);
	return 1;
}

static void
node_fault_describe_request(struct node *n, const struct ipmi_req *req,
    uint32_t session_id, uint8_t user_id, uint8_t retransmission)
{
	struct fault_packet *p = &n->fcur.p;

	p->kind = FAULT_KIND_IPMI;
	p->has_msg = 1;
	p->netfn = req->netfn;
	p->cmd = req->cmd;
	p->data_len = req->data_len < FAULT_DATA_MAX ? req->data_len
						     : FAULT_DATA_MAX;
	memcpy(n->fcur.data, req->data, p->data_len);
	p->data = n->fcur.data;
	p->session_id = session_id;
	p->user_id = user_id;
	p->retransmission = retransmission;
}

/*
 * Before the machine runs a request: a rule at the request stage may
 * make it unheard (drop, silence) or answer a completion code without
 * running it (a BMC that lies).  1 when the machine must not run it.
 */
static int
node_fault_request(struct node *n, const struct responder_request *rq,
    struct responder_reply *rp)
{
	node_fault_describe_request(n, rq->msg, rq->session_id, rq->user_id, 0);
	if (!node_fault_ask(n, FAULT_STAGE_REQUEST))
		return 0;
	switch (n->fcur.v.action) {
	case FAULT_ACTION_DROP:
	case FAULT_ACTION_SILENCE:
		n->fcur.fired = 0; /* nothing left to do to an answer */
		rp->unheard = 1;
		return 1;
	case FAULT_ACTION_CC:
		if (n->fcur.v.rule->cc_execute)
			return 0; /* runs, then answers the code */
		rp->cc = n->fcur.v.rule->cc;
		rp->len = 0;
		n->fcur.fired = 0;
		return 1;
	default:
		return 0; /* runs; the answer is delayed or damaged */
	}
}

/* After the machine ran it: a completion code rule changes the answer. */
static void
node_fault_response(struct node *n, struct responder_reply *rp)
{
	if (!n->fcur.fired && !node_fault_ask(n, FAULT_STAGE_RESPONSE))
		return;
	if (n->fcur.v.action == FAULT_ACTION_CC) {
		rp->cc = n->fcur.v.rule->cc;
		rp->len = 0;
		rp->followup_len = 0;
		n->fcur.fired = 0;
	}
}

/*
 * What a datagram carries, from its RMCP header (IPMI 2.0 §13.1.3) and
 * its session header (§13.6, §13.8): an ASF ping, an RMCP+ payload type,
 * or an IPMI 1.5 message.
 */
static uint8_t
node_fault_kind(const uint8_t *in, size_t len)
{
	struct rd rd;
	uint8_t	  hdr[3], cls, authtype, pt;

	rd_init(&rd, in, len);
	if (rd_bytes(&rd, hdr, sizeof(hdr)) != 0 || rd_u8(&rd, &cls) != 0)
		return 0;
	if ((cls & 0x1f) == 0x06)
		return FAULT_KIND_ASF;
	if ((cls & 0x1f) != 0x07 || rd_u8(&rd, &authtype) != 0)
		return 0;
	if ((authtype & 0x0f) != 0x06)
		return FAULT_KIND_IPMI;
	if (rd_u8(&rd, &pt) != 0)
		return 0;
	switch (pt & 0x3f) {
	case 0x00:
		return FAULT_KIND_IPMI;
	case 0x01:
		return FAULT_KIND_SOL;
	case 0x10:
		return FAULT_KIND_OPEN;
	case 0x12:
		return FAULT_KIND_RAKP1;
	case 0x14:
		return FAULT_KIND_RAKP3;
	default:
		return 0;
	}
}

/* Holds an answer back until due; 0, or -1 when the hold is full. */
static int
node_fault_hold(struct node *n, const struct node_datagram *d, uint64_t due)
{
	if (n->held == NULL &&
	    (n->held = calloc(NODE_HELD_MAX, sizeof(*n->held))) == NULL)
		return -1;
	if (n->held_count == NODE_HELD_MAX)
		return -1;
	n->held[n->held_count].due = due;
	n->held[n->held_count].d = *d;
	n->held_count++;
	return 0;
}

/*
 * Does to the answer in d (not yet committed) what the rule that fired
 * says.  Returns 1 when d is to be committed, 0 when it was dropped or
 * held back.
 */
static int
node_fault_apply(struct node *n, uint64_t now, struct node_datagram *d)
{
	const struct fault_rule *r = n->fcur.v.rule;
	struct node_datagram	*copy;
	int32_t			 at;

	if (n->fcur.fired) {
		switch (n->fcur.v.action) {
		case FAULT_ACTION_DROP:
		case FAULT_ACTION_SILENCE:
			ct_wipe(d->data, d->len);
			return 0;
		case FAULT_ACTION_DELAY:
			if (r->head_of_line &&
			    now + n->fcur.v.delay_ms > n->hol_until)
				n->hol_until = now + n->fcur.v.delay_ms;
			if (node_fault_hold(n, d, now + n->fcur.v.delay_ms) !=
			    0)
				node_queue_lost(n);
			return 0;
		case FAULT_ACTION_DUPLICATE:
			/* d is the outbox's next slot: in, then a copy. */
			node_queue_commit(n);
			if ((copy = node_queue_slot(n)) == NULL) {
				node_queue_lost(n);
				return 0;
			}
			*copy = *d;
			return 1;
		case FAULT_ACTION_CORRUPT:
			at = r->corrupt_offset < 0
			    ? (int32_t)d->len + r->corrupt_offset
			    : r->corrupt_offset;
			if (at >= 0 && (size_t)at < d->len)
				d->data[at] ^= 0xff;
			break;
		case FAULT_ACTION_TRUNCATE:
			if (r->truncate_len < d->len)
				d->len = r->truncate_len;
			break;
		default:
			break;
		}
	}
	/* A slow BMC answers in order: behind the delayed one. */
	if (now < n->hol_until) {
		if (node_fault_hold(n, d, n->hol_until) != 0)
			node_queue_lost(n);
		return 0;
	}
	return 1;
}

struct fault_engine *
node_faults(struct node *n)
{
	if (n->faults == NULL)
		n->faults = fault_engine_new(
		    n->cfg->name, n->fault_seed, n->jnow);
	return n->faults;
}

void
node_set_fault_seed(struct node *n, uint64_t seed)
{
	n->fault_seed = seed;
	if (n->faults != NULL)
		fault_engine_reseed(n->faults, seed);
}

/*
 * The model's [fault NAME] rules into the engine; 0, or -1 with a
 * sentence in why.  A BMC that no rule names gets no engine.
 */
static int
node_load_faults(struct node *n, uint64_t now_ms, char *why, size_t whycap)
{
	const struct model *m = n->cfg->model;
	struct fault_rule   r;
	const char	   *err = NULL;
	unsigned	    i, k;

	for (i = 0; i < m->nfaults; i++) {
		const struct model_fault *mf = &m->faults[i];

		fault_rule_init(&r);
		(void)fault_rule_set(&r, "name", mf->name, &err);
		for (k = 0; k < mf->nkeys; k++)
			if (fault_rule_set(&r, mf->keys[k].key,
				mf->keys[k].value, &err) != 0) {
				snprintf(why, whycap,
				    "%s: [fault %s] (line %u): %s = %s: %s",
				    n->cfg->name, mf->name, mf->line,
				    mf->keys[k].key, mf->keys[k].value,
				    err != NULL ? err : "unknown key");
				return -1;
			}
		if (fault_rule_check(&r, &err) != 0) {
			snprintf(why, whycap, "%s: [fault %s] (line %u): %s",
			    n->cfg->name, mf->name, mf->line, err);
			return -1;
		}
		n->jnow = now_ms;
		if (node_faults(n) == NULL || fault_add(n->faults, &r) != 0) {
			snprintf(why, whycap, "%s: [fault %s]: out of memory",
			    n->cfg->name, mf->name);
			return -1;
		}
	}
	return 0;
}

static void
cb_request(
    void *arg, const struct responder_request *rq, struct responder_reply *rp)
{
	struct node	    *n = arg;
	struct model_request mr;
	struct model_reply   mp;
	struct model_outbox  ob;
	struct model_out     o;

	memset(&mr, 0, sizeof(mr));
	mr.msg = rq->msg;
	mr.now_ms = rq->now_ms;
	mr.wall_ms = n->wall_ms;
	mr.in_session = rq->in_session;
	mr.privilege = rq->privilege;
	mr.max_privilege = rq->max_privilege;
	mr.user_id = rq->user_id;
	mr.channel = rq->channel;
	mr.ipmi15 = rq->ipmi15;
	mr.suite_id = rq->suite_id;
	mr.session_handle = rq->session_handle;
	mr.session_id = rq->session_id;
	mr.sessions = &node_session_ops;
	mr.sessions_arg = n;
	mp.cc = 0;
	mp.data = rp->data;
	mp.cap = rp->cap;
	mp.len = 0;
	/*
	 * What the machine sends beside the reply: a message in the
	 * requester's session (a tracked Send Message's bridged response)
	 * goes to the responder, which wraps it after the reply and keeps it
	 * in the retry cache.  Outside a session nothing can be sent.
	 */
	outbox_init(&ob);
	mp.outbox = rp->followup_cap != 0 ? &ob : NULL;
	if (n->faults != NULL && node_fault_request(n, rq, rp))
		return;
	bmc_handle(n->bmc, &mr, &mp);
	rp->cc = mp.cc;
	rp->len = mp.len;
	if (n->faults != NULL)
		node_fault_response(n, rp);
	rp->followup_len = 0;
	while (outbox_take(&ob, &o) == 0) {
		if (o.kind == MODEL_OUT_SESSION_MESSAGE &&
		    rp->followup_len == 0 && o.len <= rp->followup_cap) {
			memcpy(rp->followup, o.data, o.len);
			rp->followup_len = o.len;
		} else
			n->stats.outbox_full++;
		ct_wipe(&o, sizeof(o));
	}
}

/*
 * The slot of session sid among the last NODE_JSESS sessions that sent a
 * request, or, when it is not there, the slot of the one seen longest ago
 * (whose sid differs: the caller checks).  Session IDs are random, so no
 * hash of them is free of collisions; 16 slots fit in a few cache lines.
 */
static struct node_jsess *
node_jsess_slot(struct node *n, uint32_t sid)
{
	struct node_jsess *old = &n->jsess[0];
	unsigned	   i;

	for (i = 0; i < NODE_JSESS; i++) {
		if (n->jsess[i].seq != 0 && n->jsess[i].sid == sid)
			return &n->jsess[i];
		if (n->jsess[i].seq < old->seq)
			old = &n->jsess[i];
	}
	return old;
}

/*
 * One line per request at -vv, and its journal entry: what the responder
 * saw once the session checks passed, with the session's user by name.
 */
static void
cb_observe(void *arg, const struct responder_seen *seen)
{
	struct node	     *n = arg;
	struct journal_entry *e;
	struct model_user     mu;
	char		      user[JOURNAL_USER_MAX] = "";
	uint64_t	      prev = 0;

	/* Session commands and retries answered from the cache. */
	if (n->faults != NULL && !n->fcur.decided && seen->req != NULL &&
	    seen->outcome != RESPONDER_SEEN_DROPPED) {
		node_fault_describe_request(n, seen->req, seen->bmc_sid,
		    seen->user_id, seen->outcome == RESPONDER_SEEN_CACHED);
		(void)node_fault_ask(n, FAULT_STAGE_RESPONSE);
	}
	if (n->journal == NULL && !log_enabled(LOG_LEVEL_PACKET))
		return;
	if (seen->in_session && seen->user_id != 0 &&
	    bmc_user_by_id(n->bmc, seen->user_id, &mu) == 0) {
		size_t len = mu.name_len < sizeof(user) - 1 ? mu.name_len
							    : sizeof(user) - 1;

		memcpy(user, mu.name, len);
		user[len] = '\0';
		ct_wipe(&mu, sizeof(mu));
	}
	if (log_enabled(LOG_LEVEL_PACKET)) {
		char action[JOURNAL_ACTION_MAX], result[96];

		if (seen->req == NULL)
			log_packet("request dropped: %s",
			    responder_drop_name(seen->drop));
		else {
			journal_action_of(seen->req->netfn, seen->req->cmd,
			    seen->req->data, seen->req->data_len, action,
			    sizeof(action));
			if (seen->rsp != NULL)
				snprintf(result, sizeof(result), "%scc %02x %s",
				    seen->outcome == RESPONDER_SEEN_CACHED
					? "retry answered from cache, "
					: "",
				    seen->rsp->cc, names_cc(seen->rsp->cc));
			else
				snprintf(result, sizeof(result), "dropped (%s)",
				    responder_drop_name(seen->drop));
			log_packet("request %s%s%s (%02x:%02x)%s%s%s: %s", user,
			    user[0] != '\0' ? " " : "",
			    names_cmd(seen->req->netfn, seen->req->cmd),
			    seen->req->netfn, seen->req->cmd,
			    action[0] != '\0' ? " [" : "", action,
			    action[0] != '\0' ? "]" : "", result);
		}
	}
	if (n->journal == NULL || n->jent != NULL)
		return;
	if (n->jsess == NULL &&
	    (n->jsess = calloc(NODE_JSESS, sizeof(*n->jsess))) == NULL)
		return;
	if (seen->in_session && seen->req != NULL) {
		const struct node_jsess *js = node_jsess_slot(n, seen->bmc_sid);

		if (js->seq != 0 && js->sid == seen->bmc_sid)
			prev = js->seq;
	}
	e = journal_begin(n->journal, n->cfg->name, n->jnow, n->wall_ms, prev);
	if (e == NULL)
		return;
	n->jent = e;
	if (n->jpeer != NULL)
		e->peer = *n->jpeer;
	e->outcome = seen->outcome == RESPONDER_SEEN_CACHED ? JOURNAL_CACHED
	    : seen->outcome == RESPONDER_SEEN_DROPPED	    ? JOURNAL_DROPPED
							    : JOURNAL_ANSWERED;
	e->drop = seen->drop;
	e->in_session = seen->in_session;
	e->ipmi15 = seen->ipmi15;
	e->suite_id = seen->suite_id;
	e->privilege = seen->privilege;
	e->user_id = seen->user_id;
	memcpy(e->user, user, sizeof(e->user));
	e->bmc_sid = seen->bmc_sid;
	e->console_sid = seen->console_sid;
	e->session_seq = seen->session_seq;
	if (seen->req != NULL) {
		journal_entry_set_request(e, seen->req->netfn, seen->req->cmd,
		    seen->req->data, seen->req->data_len);
		e->rq_seq = seen->req->rq_seq;
		e->rq_addr = seen->req->rq_addr;
	}
	if (seen->rsp != NULL) {
		size_t len = seen->rsp->len < sizeof(e->rsp) ? seen->rsp->len
							     : sizeof(e->rsp);

		e->cc = seen->rsp->cc;
		memcpy(e->rsp, seen->rsp->data, len);
		e->rsp_len = (uint16_t)len;
	}
}

static void
cb_keys(void *arg, uint32_t bmc_sid, uint32_t console_sid, uint8_t suite_id,
    const uint8_t *sik, const uint8_t *k1, const uint8_t *k2, size_t len)
{
	struct node	   *n = arg;
	struct journal_keys k;

	if (n->journal == NULL || len > JOURNAL_KEY_LEN)
		return;
	memset(&k, 0, sizeof(k));
	snprintf(k.bmc, sizeof(k.bmc), "%s", n->cfg->name);
	k.bmc_sid = bmc_sid;
	k.console_sid = console_sid;
	k.suite_id = suite_id;
	k.key_len = (uint8_t)len;
	memcpy(k.sik, sik, len);
	memcpy(k.k1, k1, len);
	memcpy(k.k2, k2, len);
	journal_keys_add(n->journal, &k);
	ct_wipe(&k, sizeof(k));
}

static size_t
cb_sol(void *arg, uint64_t now_ms, uint32_t bmc_sid, const uint8_t *p,
    size_t len, uint8_t *reply, size_t cap)
{
	struct node *n = arg;

	return sol_console_input(n->bmc, now_ms, bmc_sid, p, len, reply, cap);
}

static const struct responder_ops node_responder_ops = {
    .user_by_name_cb = cb_user_by_name,
    .user_by_id_cb = cb_user_by_id,
    .request_cb = cb_request,
    .observe_cb = cb_observe,
    .keys_cb = cb_keys,
    .sol_cb = cb_sol,
};

/*
 * Finishes the entry of the datagram just served: the datagrams as on
 * the wire and the power change the request made.
 */
static void
node_journal_finish(struct node *n, int power_before, const uint8_t *in,
    size_t len, const uint8_t *out, size_t outlen)
{
	struct journal_entry *e = n->jent;
	int		      power_after;

	if (e == NULL)
		return;
	n->jent = NULL;
	if (len <= sizeof(e->in)) {
		memcpy(e->in, in, len);
		e->in_len = (uint16_t)len;
	}
	if (outlen <= sizeof(e->out)) {
		memcpy(e->out, out, outlen);
		e->out_len = (uint16_t)outlen;
	}
	power_after = bmc_power_is_on(n->bmc);
	if (power_before != power_after)
		e->power = power_before ? JOURNAL_POWER_ON_OFF
					: JOURNAL_POWER_OFF_ON;
	if (e->in_session && e->has_request) {
		struct node_jsess *js = node_jsess_slot(n, e->bmc_sid);

		js->sid = e->bmc_sid;
		js->seq = e->seq;
	}
	journal_commit(n->journal, e);
}

void
node_set_journal(struct node *n, struct journal *j)
{
	n->journal = j;
	n->jent = NULL;
	free(n->jsess);
	n->jsess = NULL;
}

/* ---- after each datagram and each tick ---- */

/*
 * What a request changed that the responder must see before the next
 * datagram: sessions of users disabled or given a new password, and the
 * channel policy.  Done after the reply is built, which needs the session.
 */
static void
apply_model_changes(struct node *n)
{
	uint64_t gen = bmc_policy_generation(n->bmc);

	if (n->close_users != 0) {
		unsigned id;

		for (id = 1; id <= 63; id++)
			if (n->close_users & UINT64_C(1) << id)
				responder_close_user_sessions(n->resp, id);
		n->close_users = 0;
	}
	if (n->policy_dirty || gen != n->policy_gen) {
		struct responder_config rc;

		build_responder_config(n, &rc);
		if (responder_config_check(&rc, NULL) == 0)
			responder_set_config(n->resp, &rc);
		ct_wipe(&rc, sizeof(rc));
		n->policy_gen = gen;
		n->policy_dirty = 0;
	}
}

/* ---- the outbox ---- */

/*
 * The next free slot of the outbox, or NULL when it is full or cannot be
 * made.  The caller fills it and calls node_queue_commit(), or node_queue_lost()
 * when it had a datagram and no slot.
 */
static struct node_datagram *
node_queue_slot(struct node *n)
{
	if (n->outbox == NULL &&
	    (n->outbox = calloc(NODE_OUTBOX_MAX, sizeof(*n->outbox))) == NULL)
		return NULL;
	if (n->out_count == NODE_OUTBOX_MAX)
		return NULL;
	return &n->outbox[(n->out_head + n->out_count) % NODE_OUTBOX_MAX];
}

static void
node_queue_commit(struct node *n)
{
	n->out_count++;
	n->stats.queued++;
}

static void
node_queue_lost(struct node *n)
{
	if (n->outbox == NULL)
		n->stats.no_memory++;
	else
		n->stats.outbox_full++;
	log_packet("outbox full: a datagram to send is lost");
}

/* Moves what the responder left queued behind its reply to the outbox. */
static int
node_queue_from_responder(struct node *n)
{
	struct node_datagram *d, lost;
	int		      queued = 0;

	for (;;) {
		/* Drained all the same when there is no room. */
		if ((d = node_queue_slot(n)) == NULL)
			d = &lost;
		d->len = responder_write(
		    n->resp, &d->dst, d->data, sizeof(d->data));
		if (d->len == 0)
			break;
		if (d == &lost) {
			ct_wipe(lost.data, lost.len);
			node_queue_lost(n);
			continue;
		}
		node_queue_commit(n);
		queued++;
	}
	return queued;
}

/*
 * What the SOL console sends on its own initiative (data, resends, a
 * deactivation notice), each wrapped in its session by the responder and
 * moved to the outbox.  A console whose session closed or timed out is
 * freed first (R6): the session table is the judge of that.
 */
static int
node_queue_sol(struct node *n, uint64_t now_ms)
{
	struct responder_session_info si;
	uint8_t			      p[SOL_CONSOLE_PAYLOAD_SIZE + 4];
	uint32_t		      sid, owner;
	size_t			      len;
	int			      queued = 0;

	if ((owner = sol_console_owner(n->bmc)) != 0 &&
	    responder_session_by_id(n->resp, owner, &si) != 0)
		sol_console_session_gone(n->bmc, owner);
	while (
	    (len = sol_console_take(n->bmc, now_ms, &sid, p, sizeof(p))) != 0) {
		(void)responder_send_payload(
		    n->resp, sid, RMCPP_PT_SOL, p, len);
		queued += node_queue_from_responder(n);
	}
	ct_wipe(p, sizeof(p));
	return queued;
}

/* ---- packet log ---- */

const char *
node_peer_format(const struct peer_addr *p, char *buf, size_t cap)
{
	unsigned g[8], i, best = 8, bestlen = 0, run = 0;
	size_t	 used = 0;

	if (p == NULL || (p->family != 4 && p->family != 6)) {
		snprintf(buf, cap, "?");
		return buf;
	}
	if (p->family == 4) {
		snprintf(buf, cap, "%u.%u.%u.%u", p->addr[0], p->addr[1],
		    p->addr[2], p->addr[3]);
		return buf;
	}
	/* RFC 5952 §4.2: the longest run of two or more zero groups is ::. */
	for (i = 0; i < 8; i++) {
		g[i] = (unsigned)p->addr[2 * i] << 8 | p->addr[2 * i + 1];
		run = g[i] == 0 ? run + 1 : 0;
		if (run > bestlen) {
			bestlen = run;
			best = i + 1 - run;
		}
	}
	if (bestlen < 2)
		best = 8;
	buf[0] = '\0';
	for (i = 0; i < 8 && used < cap; i++) {
		int w;

		if (i == best) {
			w = snprintf(buf + used, cap - used, "::");
			i += bestlen - 1;
		} else
			w = snprintf(buf + used, cap - used, "%s%x",
			    i == 0 || i == best + bestlen ? "" : ":", g[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

static void
log_datagram(
    const char *dir, const struct peer_addr *peer, const uint8_t *p, size_t len)
{
	char sum[256], addr[48];

	log_packet("%s %s port %u, %zu bytes: %s", dir,
	    node_peer_format(peer, addr, sizeof(addr)),
	    peer != NULL ? peer->port : 0, len,
	    describe_summary(sum, sizeof(sum), p, len));
	if (log_enabled(LOG_LEVEL_TRACE)) {
		char  *buf = NULL;
		size_t blen = 0;
		/* A stream in memory: the describer writes to a FILE. */
		FILE *f = open_memstream(&buf, &blen);

		if (f != NULL) {
			describe_datagram(f, "    ", p, len);
			fclose(f);
			log_trace("%s\n%s", dir, buf);
		}
		free(buf);
	}
}

/* ---- the API ---- */

struct node *
node_new(const struct config_bmc *cfg, struct rng *rng, uint64_t now_ms,
    uint64_t wall_ms, char *why, size_t whycap)
{
	struct node	       *n;
	struct responder_config rc;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		goto nomem;
	n->cfg = cfg;
	n->wall_ms = wall_ms;
	if ((n->bmc = bmc_new(cfg, now_ms, wall_ms)) == NULL)
		goto nomem;
	if (cfg->model->lab.rng_seeded) {
		/* Each BMC of a fleet its own, reproducible, stream. */
		n->own_rng = rng_new_seeded(
		    cfg->model->lab.rng_seed + cfg->index);
		rng = n->own_rng;
	}
	if (rng == NULL)
		goto nomem;
	build_responder_config(n, &rc);
	if (responder_config_check(&rc, NULL) != 0) {
		snprintf(
		    why, whycap, "%s: channel policy not usable", cfg->name);
		ct_wipe(&rc, sizeof(rc));
		node_free(n);
		return NULL;
	}
	n->resp = responder_new(&rc, &node_responder_ops, n, rng);
	ct_wipe(&rc, sizeof(rc));
	if (n->resp == NULL)
		goto nomem;
	n->policy_gen = bmc_policy_generation(n->bmc);
	if (node_load_faults(n, now_ms, why, whycap) != 0) {
		node_free(n);
		return NULL;
	}
	return n;
nomem:
	snprintf(why, whycap, "%s: out of memory", cfg->name);
	node_free(n);
	return NULL;
}

void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	responder_free(n->resp);
	bmc_free(n->bmc);
	rng_free(n->own_rng);
	free(n->jsess);
	fault_engine_free(n->faults);
	if (n->held != NULL) {
		ct_wipe(n->held, NODE_HELD_MAX * sizeof(*n->held));
		free(n->held);
	}
	if (n->outbox != NULL) {
		ct_wipe(n->outbox, NODE_OUTBOX_MAX * sizeof(*n->outbox));
		free(n->outbox);
	}
	free(n);
}

int
node_input(struct node *n, uint64_t now_ms, uint64_t wall_ms,
    const struct peer_addr *peer, const uint8_t *in, size_t len)
{
	struct node_datagram *d;
	enum responder_drop   drop;
	uint8_t		      lost[RESPONDER_DATAGRAM_MAX];
	uint8_t		     *out;
	size_t		      outlen = 0;
	int		      queued = 0, power_before = 0, answered;

	n->wall_ms = wall_ms;
	if (n->journal != NULL) {
		n->jnow = now_ms;
		n->jpeer = peer;
		power_before = bmc_power_is_on(n->bmc);
	}
	if (log_enabled(LOG_LEVEL_PACKET))
		log_datagram("from", peer, in, len);
	if (n->faults != NULL) {
		memset(&n->fcur, 0, sizeof(n->fcur));
		n->fcur.p.kind = node_fault_kind(in, len);
		n->fcur.p.peer = peer;
		n->fcur.p.now_ms = now_ms;
		/* A silent BMC (down, or flapping) hears nothing. */
		if (now_ms < fault_silent_until(n->faults))
			return 0;
		/* Handshakes and pings: the rules see them here. */
		if (n->fcur.p.kind != FAULT_KIND_IPMI &&
		    node_fault_ask(n, FAULT_STAGE_REQUEST) &&
		    (n->fcur.v.action == FAULT_ACTION_DROP ||
			n->fcur.v.action == FAULT_ACTION_SILENCE))
			return 0;
	}
	/*
	 * The reply is written straight into its outbox slot; with the
	 * outbox full the datagram is still consumed (a session's sequence
	 * window and the model move on as if the reply were lost on the
	 * wire) and the loss is counted.
	 */
	d = node_queue_slot(n);
	out = d != NULL ? d->data : lost;
	answered = responder_input(n->resp, now_ms, peer, in, len, out,
	    RESPONDER_DATAGRAM_MAX, &outlen, &drop);
	if (n->jent != NULL)
		node_journal_finish(
		    n, power_before, in, len, out, answered ? outlen : 0);
	if (answered && n->faults != NULL && !n->fcur.fired &&
	    n->fcur.p.kind != FAULT_KIND_IPMI)
		(void)node_fault_ask(n, FAULT_STAGE_RESPONSE);
	if (answered) {
		if (d != NULL) {
			if (peer != NULL)
				d->dst = *peer;
			else
				memset(&d->dst, 0, sizeof(d->dst));
			d->len = outlen;
			if (n->faults == NULL ||
			    node_fault_apply(n, now_ms, d)) {
				node_queue_commit(n);
				queued++;
			}
		} else {
			ct_wipe(lost, outlen);
			node_queue_lost(n);
		}
		queued += node_queue_from_responder(n);
	} else if (drop != RESPONDER_DROP_COUNT)
		log_packet("dropped: %s", responder_drop_name(drop));
	queued += node_queue_sol(n, now_ms);
	apply_model_changes(n);
	return queued;
}

/* The earliest held answer that is due, in the order they were held. */
static size_t
node_write_held(struct node *n, uint64_t now_ms, struct peer_addr *dst,
    uint8_t *out, size_t cap)
{
	unsigned i, best = n->held_count;
	size_t	 len;

	for (i = 0; i < n->held_count; i++)
		if (n->held[i].due <= now_ms &&
		    (best == n->held_count ||
			n->held[i].due < n->held[best].due))
			best = i;
	if (best == n->held_count)
		return 0;
	len = n->held[best].d.len;
	if (len <= cap) {
		memcpy(out, n->held[best].d.data, len);
		*dst = n->held[best].d.dst;
	} else {
		n->stats.write_short++;
		len = 0;
	}
	ct_wipe(&n->held[best], sizeof(n->held[best]));
	memmove(&n->held[best], &n->held[best + 1],
	    (n->held_count - best - 1) * sizeof(n->held[0]));
	n->held_count--;
	if (len > 0 && log_enabled(LOG_LEVEL_PACKET))
		log_datagram("to  ", dst, out, len);
	return len;
}

size_t
node_write(struct node *n, uint64_t now_ms, struct peer_addr *dst, uint8_t *out,
    size_t cap)
{
	struct node_datagram *d;
	struct model_out      o;
	size_t		      len;

	(void)now_ms; /* SOL pacing will use it */
	while (n->out_count > 0) {
		d = &n->outbox[n->out_head];
		n->out_head = (n->out_head + 1) % NODE_OUTBOX_MAX;
		n->out_count--;
		len = d->len;
		d->len = 0;
		if (len > cap) {
			n->stats.write_short++;
			continue;
		}
		memcpy(out, d->data, len);
		*dst = d->dst;
		if (log_enabled(LOG_LEVEL_PACKET))
			log_datagram("to  ", dst, out, len);
		return len;
	}
	len = node_write_held(n, now_ms, dst, out, cap);
	if (len != 0)
		return len;
	/*
	 * Then what the machine sends on its own (PET traps), pulled one
	 * at a time so that a burst of alerts needs no room here.
	 */
	while (bmc_out_take(n->bmc, &o) == 0) {
		if (o.len > cap) {
			n->stats.write_short++;
			continue;
		}
		memcpy(out, o.data, o.len);
		memset(dst, 0, sizeof(*dst));
		dst->family = o.dest.family;
		memcpy(dst->addr, o.dest.addr, sizeof(dst->addr));
		dst->port = o.dest.port;
		n->stats.queued++;
		if (log_enabled(LOG_LEVEL_PACKET))
			log_datagram("to  ", dst, out, o.len);
		return o.len;
	}
	return 0;
}

uint64_t
node_next_deadline(const struct node *n)
{
	uint64_t d = responder_next_deadline(n->resp);
	uint64_t b = bmc_next_deadline(n->bmc);
	unsigned i;

	/* Held answers leave through node_write() once due. */
	for (i = 0; i < n->held_count; i++)
		if (n->held[i].due < d)
			d = n->held[i].due;
	return b < d ? b : d;
}

void
node_control_begin(struct node *n, uint64_t now_ms, uint64_t wall_ms,
    struct bmc_control_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->now_ms = now_ms;
	ctx->wall_ms = wall_ms;
	ctx->sessions = &node_session_ops;
	ctx->sessions_arg = n;
	n->wall_ms = wall_ms;
}

void
node_control_end(struct node *n)
{
	apply_model_changes(n);
}

int
node_session_close(struct node *n, uint8_t handle)
{
	return responder_close_handle(n->resp, handle);
}

void
node_expire(struct node *n, uint64_t now_ms)
{
	responder_expire(n->resp, now_ms);
	bmc_tick(n->bmc, now_ms);
	(void)node_queue_sol(n, now_ms);
	apply_model_changes(n);
}

size_t
node_console_write(
    struct node *n, uint64_t now_ms, const uint8_t *p, size_t len)
{
	size_t taken = sol_console_host_write(n->bmc, now_ms, p, len);

	(void)node_queue_sol(n, now_ms);
	return taken;
}

size_t
node_console_read(struct node *n, uint8_t *out, size_t cap)
{
	return sol_console_host_read(n->bmc, out, cap);
}

size_t
node_console_history(const struct node *n, uint8_t *out, size_t cap)
{
	return sol_console_history(n->bmc, out, cap);
}

uint64_t
node_state_generation(const struct node *n)
{
	return bmc_state_generation(n->bmc);
}

char *
node_state_save(const struct node *n, size_t *len)
{
	return bmc_state_save(n->bmc, len);
}

int
node_state_load(struct node *n, const char *text, size_t len, const char *file,
    struct config_diag *diag)
{
	int rc = bmc_state_load(n->bmc, text, len, file, diag);

	/* Users and the channel policy may differ from the model's. */
	apply_model_changes(n);
	return rc;
}

const struct responder_stats *
node_responder_stats(const struct node *n)
{
	return responder_stats(n->resp);
}

const struct node_stats *
node_stats(const struct node *n)
{
	return &n->stats;
}

struct bmc *
node_bmc(struct node *n)
{
	return n->bmc;
}
