#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bmc.h"
#include "ct.h"
#include "describe.h"
#include "err.h"
#include "instance.h"
#include "log.h"
#include "rng.h"
#include "statefile.h"
#include "udp.h"

/* Batches read per wake-up before other sockets get their turn. */
#define INSTANCE_ROUNDS 8

struct instance {
	struct instance_env	*env;
	const struct config_bmc *cfg;
	struct bmc		*bmc;
	struct responder	*resp;
	struct rng		*own_rng; /* deterministic models only */
	int			 fd;
	struct event		*ev_read;
	struct event		*ev_timer;
	uint64_t		 armed; /* deadline the timer is set for */
	uint64_t		 policy_gen;
	uint64_t		 state_gen;
	char			*state_path;
	/* Users whose sessions close once the current reply is out. */
	uint64_t close_users;
	uint8_t	 policy_dirty;
};

static uint64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The SEL's and the SEL time's clock; read per request, rarely needed. */
static uint64_t
wall_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- from the model's policy to the responder's configuration ---- */

static void
build_responder_config(const struct instance *in, struct responder_config *rc)
{
	const struct model  *m = in->cfg->model;
	struct model_channel ch;

	bmc_channel_policy(in->bmc, &ch);
	responder_config_defaults(rc);
	rc->channel = ch.number;
	memcpy(rc->guid, in->cfg->system_guid, sizeof(rc->guid));
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
	struct instance	 *in = arg;
	struct model_user mu;
	uint8_t		  id;

	/* Anonymous login exists only where a model asks for it. */
	if (len == 0 && !in->cfg->model->lab.allow_anonymous)
		return ERR_NOT_FOUND;
	if (bmc_user_by_name(in->bmc, name, len, &mu, &id) != 0)
		return ERR_NOT_FOUND;
	user_to_responder(id, &mu, ru);
	ct_wipe(&mu, sizeof(mu));
	return 0;
}

static int
cb_user_by_id(void *arg, uint8_t id, struct responder_user *ru)
{
	struct instance	 *in = arg;
	struct model_user mu;

	if (bmc_user_by_id(in->bmc, id, &mu) != 0)
		return ERR_NOT_FOUND;
	if (mu.name_len == 0 && !in->cfg->model->lab.allow_anonymous) {
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
	struct instance *in = arg;

	return responder_active_sessions(in->resp);
}

static int
cb_session_info(void *arg, enum model_session_key key, uint32_t value,
    struct model_session_info *out)
{
	struct instance		     *in = arg;
	struct responder_session_info si;
	int			      rc;

	switch (key) {
	case MODEL_SESSION_BY_INDEX:
		rc = responder_session_by_index(in->resp, value, &si);
		break;
	case MODEL_SESSION_BY_HANDLE:
		rc = responder_session_by_handle(in->resp, (uint8_t)value, &si);
		break;
	case MODEL_SESSION_BY_ID:
		rc = responder_session_by_id(in->resp, value, &si);
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
	struct instance *in = arg;

	if (user_id >= 1 && user_id <= 63)
		in->close_users |= UINT64_C(1) << user_id;
}

static void
cb_channel_changed(void *arg)
{
	struct instance *in = arg;

	in->policy_dirty = 1;
}

static const struct model_session_ops instance_session_ops = {
    .active_count_cb = cb_active_count,
    .session_info_cb = cb_session_info,
    .close_user_sessions_cb = cb_close_user_sessions,
    .channel_changed_cb = cb_channel_changed,
};

static void
cb_request(
    void *arg, const struct responder_request *rq, struct responder_reply *rp)
{
	struct instance	    *in = arg;
	struct model_request mr;
	struct model_reply   mp;

	memset(&mr, 0, sizeof(mr));
	mr.msg = rq->msg;
	mr.now_ms = rq->now_ms;
	mr.wall_ms = wall_clock_ms();
	mr.in_session = rq->in_session;
	mr.privilege = rq->privilege;
	mr.max_privilege = rq->max_privilege;
	mr.user_id = rq->user_id;
	mr.channel = rq->channel;
	mr.ipmi15 = rq->ipmi15;
	mr.suite_id = rq->suite_id;
	mr.session_handle = rq->session_handle;
	mr.session_id = rq->session_id;
	mr.sessions = &instance_session_ops;
	mr.sessions_arg = in;
	mp.cc = 0;
	mp.data = rp->data;
	mp.cap = rp->cap;
	mp.len = 0;
	mp.followup = rp->followup;
	mp.followup_cap = rp->followup_cap;
	mp.followup_len = 0;
	bmc_handle(in->bmc, &mr, &mp);
	rp->cc = mp.cc;
	rp->len = mp.len;
	rp->followup_len = mp.followup_len;
}

static const struct responder_ops instance_responder_ops = {
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
apply_model_changes(struct instance *in)
{
	uint64_t gen = bmc_policy_generation(in->bmc);

	if (in->close_users != 0) {
		unsigned id;

		for (id = 1; id <= 63; id++)
			if (in->close_users & UINT64_C(1) << id)
				responder_close_user_sessions(in->resp, id);
		in->close_users = 0;
	}
	if (in->policy_dirty || gen != in->policy_gen) {
		struct responder_config rc;

		build_responder_config(in, &rc);
		if (responder_config_check(&rc, NULL) == 0)
			responder_set_config(in->resp, &rc);
		ct_wipe(&rc, sizeof(rc));
		in->policy_gen = gen;
		in->policy_dirty = 0;
	}
}

/*
 * Writes the persistent state when it changed: before the replies of the
 * batch go out, so what a client was told is done survives a crash.
 */
static void
save_state(struct instance *in)
{
	uint64_t gen = bmc_state_generation(in->bmc);
	char	*text;
	size_t	 len;

	if (gen == in->state_gen || in->state_path == NULL)
		return;
	text = bmc_state_save(in->bmc, &len);
	if (text == NULL) {
		in->env->counters->state_write_errors++;
		log_error("cannot save state: out of memory");
		return;
	}
	if (statefile_write(in->state_path, text, len) != 0) {
		in->env->counters->state_write_errors++;
		log_error("cannot save state to %s: %s", in->state_path,
		    strerror(errno));
	} else {
		in->env->counters->state_writes++;
		in->state_gen = gen;
	}
	ct_wipe(text, len);
	free(text);
}

static void
load_state(struct instance *in)
{
	struct config_diag diag;
	char		  *text;
	size_t		   len, i;
	int		   rc;

	in->state_gen = bmc_state_generation(in->bmc);
	if (in->state_path == NULL)
		return;
	rc = statefile_read(in->state_path, &text, &len);
	if (rc == ERR_NOT_FOUND)
		return;
	if (rc != 0) {
		log_error("cannot read saved state %s: %s; starting from the "
			  "model",
		    in->state_path, strerror(errno));
		return;
	}
	memset(&diag, 0, sizeof(diag));
	if (bmc_state_load(in->bmc, text, len, in->state_path, &diag) != 0)
		log_error(
		    "saved state %s only partly applied:", in->state_path);
	for (i = 0; i < diag.n; i++)
		log_error("%s", diag.msgs[i]);
	config_diag_clear(&diag);
	ct_wipe(text, len);
	free(text);
	/* What was restored is what is on disk. */
	in->state_gen = bmc_state_generation(in->bmc);
}

/* ---- timer and socket ---- */

static void
arm_timer(struct instance *in, uint64_t now)
{
	uint64_t       d = responder_next_deadline(in->resp);
	uint64_t       b = bmc_next_deadline(in->bmc);
	struct timeval tv;

	if (b < d)
		d = b;
	if (d == UINT64_MAX) {
		if (in->armed != UINT64_MAX)
			evtimer_del(in->ev_timer);
		in->armed = UINT64_MAX;
		return;
	}
	/*
	 * Deadlines mostly move later (every request refreshes a session's
	 * idle timer); a timer that fires early costs one look, re-arming
	 * on every packet would cost a heap update each.
	 */
	if (in->armed != UINT64_MAX && in->armed <= d)
		return;
	d = d > now ? d - now : 0;
	tv.tv_sec = (time_t)(d / 1000);
	tv.tv_usec = (suseconds_t)(d % 1000) * 1000;
	evtimer_add(in->ev_timer, &tv);
	in->armed = now + d;
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct instance *in = arg;
	uint64_t	 now = monotonic_ms();

	(void)fd;
	(void)what;
	in->armed = UINT64_MAX;
	log_set_context(in->cfg->name);
	responder_expire(in->resp, now);
	bmc_tick(in->bmc, now);
	apply_model_changes(in);
	save_state(in);
	log_set_context(NULL);
	arm_timer(in, now);
}

static void
log_datagram(
    const char *dir, const struct udp_slot *s, const uint8_t *p, size_t len)
{
	char sum[256], addr[INET6_ADDRSTRLEN];

	if (inet_ntop(s->peer.family == 6 ? AF_INET6 : AF_INET, s->peer.addr,
		addr, sizeof(addr)) == NULL)
		strcpy(addr, "?");
	log_packet("%s %s port %u, %zu bytes: %s", dir, addr, s->peer.port, len,
	    describe_summary(sum, sizeof(sum), p, len));
	if (log_enabled(LOG_LEVEL_TRACE)) {
		char  *buf = NULL;
		size_t blen = 0;
		FILE  *f = open_memstream(&buf, &blen);

		if (f != NULL) {
			describe_datagram(f, "    ", p, len);
			fclose(f);
			log_trace("%s\n%s", dir, buf);
		}
		free(buf);
	}
}

static void
serve_slot(struct instance *in, uint64_t now, struct udp_slot *s)
{
	enum responder_drop drop;
	size_t		    outlen = 0;

	if (s->truncated) {
		in->env->counters->oversize++;
		log_packet(
		    "dropped a datagram over %d bytes", RESPONDER_DATAGRAM_MAX);
		return;
	}
	if (log_enabled(LOG_LEVEL_PACKET))
		log_datagram("from", s, s->in, s->inlen);
	if (responder_input(in->resp, now, &s->peer, s->in, s->inlen, s->out,
		sizeof(s->out), &outlen, &drop)) {
		s->outlen = outlen;
		if (log_enabled(LOG_LEVEL_PACKET))
			log_datagram("to  ", s, s->out, outlen);
		s->followup_len = responder_take_followup(
		    in->resp, s->followup, sizeof(s->followup));
		if (s->followup_len != 0 && log_enabled(LOG_LEVEL_PACKET))
			log_datagram("to  ", s, s->followup, s->followup_len);
	} else
		log_packet("dropped: %s", responder_drop_name(drop));
	apply_model_changes(in);
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct instance	 *in = arg;
	struct udp_batch *b = in->env->batch;
	uint64_t	  now = 0;
	unsigned	  round, i;

	(void)what;
	log_set_context(in->cfg->name);
	for (round = 0; round < INSTANCE_ROUNDS; round++) {
		int n = udp_batch_recv(b, fd);

		if (n <= 0) {
			if (n < 0)
				in->env->counters->recv_errors++;
			break;
		}
		now = monotonic_ms();
		for (i = 0; i < (unsigned)n; i++)
			serve_slot(in, now, udp_batch_slot(b, i));
		save_state(in);
		in->env->counters->send_failures += udp_batch_send(
		    b, fd, (unsigned)n);
		if (n < UDP_BATCH)
			break;
	}
	log_set_context(NULL);
	if (now != 0)
		arm_timer(in, now);
}

/* ---- life cycle ---- */

static char *
state_path_for(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 16;
	char  *p = malloc(len), *q;

	if (p == NULL)
		return NULL;
	snprintf(p, len, "%s/", dir);
	q = p + strlen(p);
	/* Names are the loader's; still, never a path of their own. */
	for (; *name != '\0'; name++)
		*q++ = *name == '/' ? '_' : *name;
	strcpy(q, ".state");
	return p;
}

/* adopt_fd: a socket already bound to serve, or -1 to bind cfg's. */
static struct instance *
instance_start(struct instance_env *env, const struct config_bmc *cfg,
    int adopt_fd, char *why, size_t whycap)
{
	struct instance	       *in;
	struct responder_config rc;
	struct rng	       *rng;
	uint64_t		now = monotonic_ms();

	in = calloc(1, sizeof(*in));
	if (in == NULL) {
		snprintf(why, whycap, "out of memory");
		return NULL;
	}
	in->env = env;
	in->cfg = cfg;
	in->fd = -1;
	in->armed = UINT64_MAX;
	in->bmc = bmc_new(cfg, now, wall_clock_ms());
	if (in->bmc == NULL)
		goto nomem;
	if (env->state_dir != NULL) {
		in->state_path = state_path_for(env->state_dir, cfg->name);
		if (in->state_path == NULL)
			goto nomem;
	}
	log_set_context(cfg->name);
	load_state(in);
	log_set_context(NULL);
	if (cfg->model->lab.rng_seeded) {
		/* Each BMC of a fleet its own, reproducible, stream. */
		in->own_rng = rng_new_seeded(
		    cfg->model->lab.rng_seed + cfg->index);
		rng = in->own_rng;
	} else {
		if (env->system_rng == NULL)
			env->system_rng = rng_new_system();
		rng = env->system_rng;
	}
	if (rng == NULL)
		goto nomem;
	build_responder_config(in, &rc);
	if (responder_config_check(&rc, NULL) != 0) {
		snprintf(
		    why, whycap, "%s: channel policy not usable", cfg->name);
		ct_wipe(&rc, sizeof(rc));
		instance_free(in);
		return NULL;
	}
	in->resp = responder_new(&rc, &instance_responder_ops, in, rng);
	ct_wipe(&rc, sizeof(rc));
	if (in->resp == NULL)
		goto nomem;
	in->policy_gen = bmc_policy_generation(in->bmc);
	if (adopt_fd >= 0)
		in->fd = adopt_fd;
	else
		in->fd = udp_open(cfg->host, cfg->port, why, whycap);
	if (in->fd < 0) {
		instance_free(in);
		return NULL;
	}
	in->ev_read = event_new(
	    env->base, in->fd, EV_READ | EV_PERSIST, on_readable, in);
	in->ev_timer = evtimer_new(env->base, on_timer, in);
	if (in->ev_read == NULL || in->ev_timer == NULL ||
	    event_add(in->ev_read, NULL) != 0)
		goto nomem;
	arm_timer(in, now);
	return in;
nomem:
	snprintf(why, whycap, "%s: out of memory", cfg->name);
	/* An adopted socket stays its owner's. */
	if (adopt_fd >= 0)
		instance_release_fd(in);
	instance_free(in);
	return NULL;
}

struct instance *
instance_new(struct instance_env *env, const struct config_bmc *cfg, char *why,
    size_t whycap)
{
	return instance_start(env, cfg, -1, why, whycap);
}

struct instance *
instance_adopt(struct instance_env *env, const struct config_bmc *cfg, int fd,
    char *why, size_t whycap)
{
	return instance_start(env, cfg, fd, why, whycap);
}

int
instance_fd(const struct instance *in)
{
	return in->fd;
}

int
instance_release_fd(struct instance *in)
{
	int fd = in->fd;

	/* Another instance may serve it on: only this one's event goes. */
	if (in->ev_read != NULL) {
		event_free(in->ev_read);
		in->ev_read = NULL;
	}
	in->fd = -1;
	return fd;
}

void
instance_save(struct instance *in)
{
	log_set_context(in->cfg->name);
	save_state(in);
	log_set_context(NULL);
}

void
instance_free(struct instance *in)
{
	if (in == NULL)
		return;
	if (in->bmc != NULL) {
		log_set_context(in->cfg->name);
		save_state(in);
		log_set_context(NULL);
	}
	if (in->ev_read != NULL)
		event_free(in->ev_read);
	if (in->ev_timer != NULL)
		event_free(in->ev_timer);
	if (in->fd >= 0)
		close(in->fd);
	responder_free(in->resp);
	bmc_free(in->bmc);
	rng_free(in->own_rng);
	free(in->state_path);
	free(in);
}

const struct config_bmc *
instance_config(const struct instance *in)
{
	return in->cfg;
}

const struct responder_stats *
instance_stats(const struct instance *in)
{
	return responder_stats(in->resp);
}
