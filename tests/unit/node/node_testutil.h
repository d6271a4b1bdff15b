/*
 * A node under test: a real model loaded from an INI file, a seeded RNG
 * for the BMC and another for the console, fake monotonic and wall time,
 * and a console peer.  Shared by check_node and the scenario runner; the
 * helpers return what happened and never abort, so each caller reports
 * failures in its own terms (a Check assertion, a script line).
 */
#ifndef BMCSIM_NODE_TESTUTIL_H
#define BMCSIM_NODE_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "initiator.h"
#include "node.h"

#define NT_OUT_MAX	 NODE_OUTBOX_MAX
#define NT_START_MS	 1000000
#define NT_START_WALL_MS UINT64_C(1767225600000) /* 2026-01-01 00:00 UTC */

/* A datagram the node wrote. */
struct nt_out {
	struct peer_addr dst;
	size_t		 len;
	uint8_t		 data[RESPONDER_DATAGRAM_MAX];
};

struct nt_world {
	struct config	*conf;
	struct rng	*rng;  /* the BMC's */
	struct rng	*crng; /* the console's */
	struct node	*node;
	uint64_t	 now, wall;
	struct peer_addr peer; /* the console: 192.0.2.7 port 50007 */
	/* What the last nt_send() got back. */
	struct nt_out out[NT_OUT_MAX];
	unsigned      nout;
};

/*
 * Loads path and makes a node of its first BMC.  0, or -1 with the
 * loader's first message (or another reason) in why.
 */
int  nt_start(struct nt_world *, const char *path, char *why, size_t whycap);
void nt_stop(struct nt_world *);

/* Feeds one datagram from w->peer and collects every output in w->out. */
unsigned nt_send(struct nt_world *, const uint8_t *, size_t);
/* Moves fake time on by ms, running every deadline due on the way. */
void nt_advance(struct nt_world *, uint64_t ms);

/*
 * An initiator for user/password with suite (or IPMI 1.5 MD5 when
 * ipmi15) asking for privilege (IPMI_PRIV_*), drawing on w->crng.  NULL
 * on allocation failure.
 */
struct initiator *nt_initiator(struct nt_world *, const char *user,
    const char *password, int suite, int ipmi15, uint8_t privilege);
/*
 * Runs a login through the node.  INITIATOR_DONE, INITIATOR_FAILED_RESULT
 * (ev says why), or -1 when the node answered nothing.
 */
int nt_login(struct nt_world *, struct initiator *, struct initiator_event *);
/*
 * One in-session request; the first reply is fed to the initiator.
 * INITIATOR_RESPONSE (in ev), or -1 when nothing came back.
 */
int nt_call(struct nt_world *, struct initiator *, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, struct initiator_event *);

#endif
