/*
 * One running BMC: a struct node (the machine and its sessions, sans I/O)
 * joined to a UDP socket, a timer armed at the node's next deadline on the
 * daemon's event loop, and its file in the state directory.
 */
#ifndef BMCSIM_INSTANCE_H
#define BMCSIM_INSTANCE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "responder.h"

struct event_base;
struct instance;
struct node_stats;
struct rng;
struct udp_batch;

/* Counters of the server's own, beside each responder's. */
struct server_counters {
	uint64_t oversize; /* datagrams larger than the buffer */
	uint64_t recv_errors;
	uint64_t send_failures;
	uint64_t state_writes;
	uint64_t state_write_errors;
};

/* What every instance shares. */
struct instance_env {
	struct event_base      *base;
	struct udp_batch       *batch;
	struct rng	       *system_rng; /* NULL: made on first use */
	const char	       *state_dir;  /* NULL: state kept in memory */
	struct server_counters *counters;
	struct journal	       *journal;    /* NULL: none */
	uint64_t		fault_seed; /* node_set_fault_seed() */
};

/*
 * Starts the BMC described by cfg: binds its endpoint, restores its saved
 * state and starts serving.  cfg must outlive the instance.  NULL with a
 * sentence in why on failure.
 */
struct instance *instance_new(
    struct instance_env *, const struct config_bmc *, char *why, size_t whycap);
/*
 * Like instance_new(), serving fd, a socket already bound (the one a BMC
 * restarted by a reload keeps: after dropping privileges, port 623 could
 * not be bound again).  On success the caller hands fd over by
 * instance_release_fd() on the instance that served it before freeing
 * that one; on failure fd is left open and untouched.
 */
struct instance *instance_adopt(struct instance_env *,
    const struct config_bmc *, int fd, char *why, size_t whycap);
/* Saves state if it changed, closes the socket, frees. */
void instance_free(struct instance *);

/* The socket served (for getsockname()), or -1 once released. */
int instance_fd(const struct instance *);
/*
 * Stops serving the socket without closing it, so that instance_free()
 * leaves it open for the instance that adopted it.  Returns it.
 */
int instance_release_fd(struct instance *);
/*
 * Writes the state now if it changed, so that an instance started next
 * on the same state file starts from it.
 */
void instance_save(struct instance *);

const struct config_bmc	     *instance_config(const struct instance *);
const struct responder_stats *instance_stats(const struct instance *);
/* The node's own counters: datagrams it could not queue or hand over. */
const struct node_stats *instance_node_stats(const struct instance *);

/*
 * A control plane's change: instance_control_begin() fills ctx for
 * bmc_control_*() on node_bmc(instance_node()) at the current time;
 * instance_control_end() makes the change take effect as after a request
 * (node_control_end()), saves the state if it moved, sends what the
 * change queued and re-arms the timer.
 */
struct bmc_control_ctx;
struct node *instance_node(struct instance *);
void instance_control_begin(struct instance *, struct bmc_control_ctx *);
void instance_control_end(struct instance *);
/*
 * Offline for ms (UINT64_MAX: until set again, 0: back now): datagrams
 * received meanwhile are dropped unanswered, as by a BMC rebooting.
 */
void instance_set_offline(struct instance *, uint64_t ms);
int  instance_offline(const struct instance *);
/*
 * Removes the saved state file and saves nothing more: the instance
 * started next for this BMC starts from the configuration.
 */
void instance_forget_state(struct instance *);

#endif
