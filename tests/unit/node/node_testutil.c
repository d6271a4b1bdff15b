#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ipmi15.h"
#include "node_testutil.h"
#include "rng.h"

int
nt_start(struct nt_world *w, const char *path, char *why, size_t whycap)
{
	struct config_diag diag;

	memset(w, 0, sizeof(*w));
	if (crypto_init() != 0) {
		snprintf(why, whycap, "crypto_init failed");
		return -1;
	}
	memset(&diag, 0, sizeof(diag));
	if (config_load(path, &w->conf, &diag) != 0) {
		snprintf(why, whycap, "%s",
		    diag.n > 0 ? diag.msgs[0] : "cannot load the model");
		config_diag_clear(&diag);
		return -1;
	}
	config_diag_clear(&diag);
	if (w->conf->nbmcs == 0) {
		snprintf(why, whycap, "%s: no BMC", path);
		nt_stop(w);
		return -1;
	}
	w->rng = rng_new_seeded(11);
	w->crng = rng_new_seeded(12);
	w->now = NT_START_MS;
	w->wall = NT_START_WALL_MS;
	w->peer.family = 4;
	memcpy(w->peer.addr, "\xc0\x00\x02\x07", 4);
	w->peer.port = 50007;
	if (w->rng == NULL || w->crng == NULL ||
	    (w->node = node_new(&w->conf->bmcs[0], w->rng, w->now, w->wall, why,
		 whycap)) == NULL) {
		nt_stop(w);
		return -1;
	}
	return 0;
}

void
nt_stop(struct nt_world *w)
{
	node_free(w->node);
	rng_free(w->rng);
	rng_free(w->crng);
	config_free(w->conf);
	memset(w, 0, sizeof(*w));
}

/* Drains the node's outbox into w->out. */
static void
nt_drain(struct nt_world *w)
{
	struct nt_out *o;

	w->nout = 0;
	for (;;) {
		struct nt_out spare;

		o = w->nout < NT_OUT_MAX ? &w->out[w->nout] : &spare;
		o->len = node_write(
		    w->node, w->now, &o->dst, o->data, sizeof(o->data));
		if (o->len == 0)
			break;
		if (o != &spare)
			w->nout++;
	}
}

unsigned
nt_send(struct nt_world *w, const uint8_t *in, size_t len)
{
	node_input(w->node, w->now, w->wall, &w->peer, in, len);
	nt_drain(w);
	return w->nout;
}

void
nt_advance(struct nt_world *w, uint64_t ms)
{
	uint64_t until = w->now + ms, d;

	while ((d = node_next_deadline(w->node)) <= until) {
		if (d > w->now) {
			w->wall += d - w->now;
			w->now = d;
		}
		node_expire(w->node, w->now);
		/* A deadline that does not move would loop: step past it. */
		if (node_next_deadline(w->node) <= w->now) {
			if (w->now == until)
				break;
			w->wall++;
			w->now++;
		}
	}
	w->wall += until - w->now;
	w->now = until;
	nt_drain(w);
}

struct initiator *
nt_initiator(struct nt_world *w, const char *user, const char *password,
    int suite, int ipmi15, uint8_t privilege)
{
	struct initiator_config ic;

	initiator_config_defaults(&ic);
	ic.privilege = privilege;
	ic.name_len = (uint8_t)strlen(user);
	memcpy(ic.name, user, ic.name_len);
	memcpy(ic.password, password, strlen(password));
	if (ipmi15) {
		ic.protocol = INITIATOR_IPMI15;
		ic.authtype15 = IPMI15_AUTHTYPE_MD5;
	} else
		ic.suite_id = (uint8_t)suite;
	return initiator_new(&ic, w->crng);
}

int
nt_login(struct nt_world *w, struct initiator *in, struct initiator_event *ev)
{
	uint8_t a[RESPONDER_DATAGRAM_MAX];
	size_t	alen;
	int	rc, steps;

	if (initiator_start(in, a, sizeof(a), &alen) != 0)
		return -1;
	for (steps = 0; steps < 16; steps++) {
		if (nt_send(w, a, alen) == 0)
			return -1;
		rc = initiator_input(
		    in, w->out[0].data, w->out[0].len, a, sizeof(a), &alen, ev);
		if (rc != INITIATOR_SEND)
			return rc;
	}
	return -1;
}

int
nt_call(struct nt_world *w, struct initiator *in, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, struct initiator_event *ev)
{
	uint8_t a[RESPONDER_DATAGRAM_MAX];
	size_t	alen;

	if (initiator_request(in, netfn, cmd, data, len, a, sizeof(a), &alen) !=
	    0)
		return -1;
	if (nt_send(w, a, alen) == 0)
		return -1;
	return initiator_input(
	    in, w->out[0].data, w->out[0].len, a, sizeof(a), &alen, ev);
}
