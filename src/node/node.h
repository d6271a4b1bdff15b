/*
 * One BMC as a sans-I/O object: its machine (struct bmc) joined to its
 * sessions (struct responder), in the shape of ngtcp2's connection.
 *
 * node_input() consumes one datagram; node_write(), called until it
 * returns 0, then yields every datagram to send, each with its own
 * destination (the reply, a bridged follow-up; later SOL data,
 * retransmits and PET traps).  node_next_deadline() says when
 * node_expire() has something to do: a session's idle timer, the "on"
 * half of a power cycle, a watchdog.  The node never reads a clock,
 * touches a socket or a file: the server owns those, and the tests drive
 * a node with fake time.
 *
 * Time is milliseconds on a monotonic clock of the caller's choosing;
 * wall time is milliseconds since 1970 (the SEL's clock), 0 if unknown.
 */
#ifndef BMCSIM_NODE_H
#define BMCSIM_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "responder.h"

struct bmc;
struct bmc_control_ctx;
struct fault_engine;
struct journal;
struct node;
struct rng;

/* Datagrams one input or one expiry may leave before they are written. */
#define NODE_OUTBOX_MAX 8

/* The node's own counters, beside the responder's. */
struct node_stats {
	uint64_t queued;      /* datagrams put in the outbox */
	uint64_t outbox_full; /* datagrams lost: the outbox was full */
	uint64_t write_short; /* lost: node_write()'s buffer too small */
	uint64_t no_memory;   /* lost: the outbox could not be made */
};

/*
 * Makes the BMC described by cfg (cfg and its model must outlive it) at
 * monotonic time now_ms and real time wall_ms.  rng is the randomness of
 * its sessions and must outlive it; a model with a seeded lab RNG gets its
 * own reproducible stream instead (seed + fleet index), and rng may then
 * be NULL.  NULL with a sentence in why on failure.
 */
struct node *node_new(const struct config_bmc *cfg, struct rng *rng,
    uint64_t now_ms, uint64_t wall_ms, char *why, size_t whycap);
/* Closes every session (wiping keys) and frees; NULL is fine. */
void node_free(struct node *);

/*
 * Consumes one datagram from peer (which may be NULL: replies then go to
 * an unknown address).  What it answers is queued for node_write(); what
 * it drops is counted by reason in the responder's statistics.  Model
 * changes (a user disabled, a channel policy set) take effect after the
 * reply is queued.  Returns how many datagrams were queued.
 */
int node_input(struct node *, uint64_t now_ms, uint64_t wall_ms,
    const struct peer_addr *peer, const uint8_t *in, size_t len);

/*
 * Called until it returns 0: copies the next queued datagram into out
 * (cap should be RESPONDER_DATAGRAM_MAX), sets *dst to where it goes and
 * returns its length.  A datagram larger than cap is dropped and counted.
 */
size_t node_write(struct node *, uint64_t now_ms, struct peer_addr *dst,
    uint8_t *out, size_t cap);

/* The earliest time node_expire() has something to do; UINT64_MAX: never. */
uint64_t node_next_deadline(const struct node *);
/* Expires sessions and runs the machine's timers due at now_ms. */
void node_expire(struct node *, uint64_t now_ms);

/*
 * The host side of the BMC's serial console (SOL), for a backend in the
 * server (a pty, a VM's serial socket): node_console_write() gives host
 * output (returns the bytes taken: all of them while no console is
 * attached, so the host never blocks; fewer when the attached console's
 * buffer is full) and queues what is due for node_write();
 * node_console_read() takes console input for the host (up to cap,
 * returns the count); node_console_history() copies the last host
 * output, oldest first.
 */
size_t
node_console_write(struct node *, uint64_t now_ms, const uint8_t *, size_t);
size_t node_console_read(struct node *, uint8_t *out, size_t cap);
size_t node_console_history(const struct node *, uint8_t *out, size_t cap);

/*
 * The saved state (what a real BMC keeps in flash), as bmc_state_*():
 * the generation increments when it changes; node_state_save() returns a
 * malloc'd text (wipe and free it: it holds passwords) or NULL if out of
 * memory; node_state_load() applies a saved text, diagnostics naming
 * file, and makes the sessions follow the restored policy: 0, or
 * ERR_CONFIG when something was skipped.
 */
uint64_t node_state_generation(const struct node *);
char	*node_state_save(const struct node *, size_t *len);
int	 node_state_load(struct node *, const char *text, size_t len,
	 const char *file, struct config_diag *diag);

const struct responder_stats *node_responder_stats(const struct node *);
const struct node_stats	     *node_stats(const struct node *);
/*
 * The BMC's fault rules (src/node/fault.h), made on first use; NULL when
 * out of memory.  Their streams are seeded from the seed set before
 * (node_set_fault_seed(), 0 by default).  With rules in force, answers a
 * delay holds back leave through node_write() once due, and
 * node_next_deadline() counts them.
 */
struct fault_engine *node_faults(struct node *);
void		     node_set_fault_seed(struct node *, uint64_t seed);
/* The machine, for a control plane (src/model/control.h). */
struct bmc *node_bmc(struct node *);
/*
 * A control plane's change to the machine: node_control_begin() fills ctx
 * for bmc_control_*() on node_bmc() at now_ms (session queries and the
 * sessions a user change closes are this node's); node_control_end()
 * then makes the changes take effect as after a request (sessions of
 * changed users closed, the channel policy given to the responder).  The
 * server then saves the state if its generation moved.
 */
void node_control_begin(struct node *, uint64_t now_ms, uint64_t wall_ms,
    struct bmc_control_ctx *ctx);
void node_control_end(struct node *);
/*
 * Closes the one session with this handle (Get Session Info's), between
 * datagrams, leaving the user's other sessions open: 0 or ERR_NOT_FOUND.
 */
int node_session_close(struct node *, uint8_t handle);

/*
 * Records every request this node receives in j (NULL: stop), which
 * must outlive the node or be unset first.  Off until set.
 */
void node_set_journal(struct node *, struct journal *j);

/*
 * Writes peer as text ("192.0.2.1", "2001:db8::1" in the RFC 5952 form),
 * "?" when unknown.  Returns buf.
 */
const char *node_peer_format(const struct peer_addr *, char *buf, size_t cap);

#endif
