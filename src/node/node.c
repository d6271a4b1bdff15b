#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc.h"
#include "control.h"
#include "ct.h"
#include "describe.h"
#include "err.h"
#include "log.h"
#include "node.h"
#include "outbox.h"
#include "rng.h"

/* One datagram waiting for node_write(). */
struct node_datagram {
	struct peer_addr dst;
	size_t		 len;
	uint8_t		 data[RESPONDER_DATAGRAM_MAX];
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
};

/* ---- from the model's policy to the responder's configuration ---- */

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
	bmc_handle(n->bmc, &mr, &mp);
	rp->cc = mp.cc;
	rp->len = mp.len;
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

static const struct responder_ops node_responder_ops = {
    .user_by_name_cb = cb_user_by_name,
    .user_by_id_cb = cb_user_by_id,
    .request_cb = cb_request,
};

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
	int		      queued = 0;

	n->wall_ms = wall_ms;
	if (log_enabled(LOG_LEVEL_PACKET))
		log_datagram("from", peer, in, len);
	/*
	 * The reply is written straight into its outbox slot; with the
	 * outbox full the datagram is still consumed (a session's sequence
	 * window and the model move on as if the reply were lost on the
	 * wire) and the loss is counted.
	 */
	d = node_queue_slot(n);
	out = d != NULL ? d->data : lost;
	if (responder_input(n->resp, now_ms, peer, in, len, out,
		RESPONDER_DATAGRAM_MAX, &outlen, &drop)) {
		if (d != NULL) {
			if (peer != NULL)
				d->dst = *peer;
			else
				memset(&d->dst, 0, sizeof(d->dst));
			d->len = outlen;
			node_queue_commit(n);
			queued++;
		} else {
			ct_wipe(lost, outlen);
			node_queue_lost(n);
		}
		queued += node_queue_from_responder(n);
	} else
		log_packet("dropped: %s", responder_drop_name(drop));
	apply_model_changes(n);
	return queued;
}

size_t
node_write(struct node *n, uint64_t now_ms, struct peer_addr *dst, uint8_t *out,
    size_t cap)
{
	struct node_datagram *d;
	size_t		      len;

	(void)now_ms; /* retransmits and SOL pacing will use it */
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
	return 0;
}

uint64_t
node_next_deadline(const struct node *n)
{
	uint64_t d = responder_next_deadline(n->resp);
	uint64_t b = bmc_next_deadline(n->bmc);

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
	apply_model_changes(n);
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
