#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bmc.h"
#include "ct.h"
#include "err.h"
#include "instance.h"
#include "log.h"
#include "node.h"
#include "rng.h"
#include "statefile.h"
#include "udp.h"

/* Batches read per wake-up before other sockets get their turn. */
#define INSTANCE_ROUNDS 8

struct instance {
	struct instance_env	*env;
	const struct config_bmc *cfg;
	struct node		*node;
	int			 fd;
	struct event		*ev_read;
	struct event		*ev_timer;
	uint64_t		 armed; /* deadline the timer is set for */
	uint64_t		 state_gen;
	char			*state_path;
	uint64_t		 offline_until; /* control plane: silent */
	uint8_t			 forget_state;	/* control plane: no save */
};

static uint64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The SEL's and the SEL time's clock; read per batch. */
static uint64_t
wall_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * Writes the persistent state when it changed: before the replies of the
 * batch go out, so what a client was told is done survives a crash.
 */
static void
save_state(struct instance *in)
{
	uint64_t gen = node_state_generation(in->node);
	char	*text;
	size_t	 len;

	if (gen == in->state_gen || in->state_path == NULL || in->forget_state)
		return;
	text = node_state_save(in->node, &len);
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

	in->state_gen = node_state_generation(in->node);
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
	if (node_state_load(in->node, text, len, in->state_path, &diag) != 0)
		log_error(
		    "saved state %s only partly applied:", in->state_path);
	for (i = 0; i < diag.n; i++)
		log_error("%s", diag.msgs[i]);
	config_diag_clear(&diag);
	ct_wipe(text, len);
	free(text);
	/* What was restored is what is on disk. */
	in->state_gen = node_state_generation(in->node);
}

/* ---- sending ---- */

/*
 * Moves everything the node has to send into the batch's send slots,
 * sending the slots first when they are full (state saved before, as
 * for every send).  Returns how many were queued.
 */
static unsigned
flush_node(struct instance *in, uint64_t now, const struct udp_slot *from)
{
	struct udp_batch *b = in->env->batch;
	struct peer_addr  dst;
	struct udp_out	 *o;
	unsigned	  queued = 0;
	size_t		  len;

	for (;;) {
		if ((o = udp_batch_next_out(b)) == NULL) {
			save_state(in);
			in->env->counters->send_failures += udp_batch_send(
			    b, in->fd);
			o = udp_batch_next_out(b);
		}
		len = node_write(in->node, now, &dst, o->data, sizeof(o->data));
		if (len == 0)
			return queued;
		udp_batch_queue(b, len, &dst, from);
		queued++;
	}
}

static void
send_batch(struct instance *in)
{
	in->env->counters->send_failures += udp_batch_send(
	    in->env->batch, in->fd);
}

/* ---- timer and socket ---- */

static void
arm_timer(struct instance *in, uint64_t now)
{
	uint64_t       d = node_next_deadline(in->node);
	struct timeval tv;

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
	node_expire(in->node, now);
	save_state(in);
	/* Nothing leaves on a tick yet; what will (traps, SOL) goes out. */
	if (flush_node(in, now, NULL) > 0)
		send_batch(in);
	log_set_context(NULL);
	arm_timer(in, now);
}

static void
serve_slot(struct instance *in, uint64_t now, uint64_t wall, struct udp_slot *s)
{
	if (s->truncated) {
		in->env->counters->oversize++;
		log_packet(
		    "dropped a datagram over %d bytes", RESPONDER_DATAGRAM_MAX);
		return;
	}
	node_input(in->node, now, wall, &s->peer, s->in, s->inlen);
	flush_node(in, now, s);
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct instance	 *in = arg;
	struct udp_batch *b = in->env->batch;
	uint64_t	  now = 0, wall;
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
		wall = wall_clock_ms();
		/* Offline (a BMC reset, a stop): what arrives is lost. */
		if (now < in->offline_until)
			continue;
		for (i = 0; i < (unsigned)n; i++)
			serve_slot(in, now, wall, udp_batch_slot(b, i));
		save_state(in);
		send_batch(in);
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

/* The port fd is bound to; fallback when it cannot be read. */
static uint16_t
bound_port(int fd, uint16_t fallback)
{
	struct sockaddr_storage ss;
	socklen_t		len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return fallback;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	return fallback;
}

/* adopt_fd: a socket already bound to serve, or -1 to bind cfg's. */
static struct instance *
instance_start(struct instance_env *env, const struct config_bmc *cfg,
    int adopt_fd, char *why, size_t whycap)
{
	struct instance *in;
	struct rng	*rng = NULL;
	uint64_t	 now = monotonic_ms();

	in = calloc(1, sizeof(*in));
	if (in == NULL) {
		snprintf(why, whycap, "out of memory");
		return NULL;
	}
	in->env = env;
	in->cfg = cfg;
	in->fd = -1;
	in->armed = UINT64_MAX;
	/* A seeded model brings its own; the others share the system's. */
	if (!cfg->model->lab.rng_seeded) {
		if (env->system_rng == NULL)
			env->system_rng = rng_new_system();
		if ((rng = env->system_rng) == NULL)
			goto nomem;
	}
	in->node = node_new(cfg, rng, now, wall_clock_ms(), why, whycap);
	if (in->node == NULL) {
		instance_free(in);
		return NULL;
	}
	if (env->state_dir != NULL) {
		in->state_path = state_path_for(env->state_dir, cfg->name);
		if (in->state_path == NULL)
			goto nomem;
	}
	log_set_context(cfg->name);
	load_state(in);
	log_set_context(NULL);
	if (adopt_fd >= 0)
		in->fd = adopt_fd;
	else
		in->fd = udp_open(cfg->host, cfg->port, why, whycap);
	if (in->fd < 0) {
		instance_free(in);
		return NULL;
	}
	/* Port 0 took a free port: the BMC says the one it answers on. */
	bmc_set_port(node_bmc(in->node), bound_port(in->fd, cfg->port));
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
	if (in->node != NULL) {
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
	node_free(in->node);
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
	return node_responder_stats(in->node);
}

const struct node_stats *
instance_node_stats(const struct instance *in)
{
	return node_stats(in->node);
}

/* ---- control plane ---- */

struct node *
instance_node(struct instance *in)
{
	return in->node;
}

void
instance_control_begin(struct instance *in, struct bmc_control_ctx *ctx)
{
	log_set_context(in->cfg->name);
	node_control_begin(in->node, monotonic_ms(), wall_clock_ms(), ctx);
}

void
instance_control_end(struct instance *in)
{
	uint64_t now = monotonic_ms();

	node_control_end(in->node);
	save_state(in);
	/* What the change sends (an event to a console) goes out now. */
	if (in->fd >= 0 && flush_node(in, now, NULL) > 0)
		send_batch(in);
	log_set_context(NULL);
	/* A change may bring a deadline nearer (a cycle's "on" half). */
	if (in->armed != UINT64_MAX) {
		evtimer_del(in->ev_timer);
		in->armed = UINT64_MAX;
	}
	arm_timer(in, now);
}

void
instance_set_offline(struct instance *in, uint64_t ms)
{
	in->offline_until = ms == UINT64_MAX ? UINT64_MAX : monotonic_ms() + ms;
}

int
instance_offline(const struct instance *in)
{
	return monotonic_ms() < in->offline_until;
}

void
instance_forget_state(struct instance *in)
{
	in->forget_state = 1;
	if (in->state_path != NULL)
		(void)unlink(in->state_path);
}
