/*
 * The daemon: loads the configuration, starts one instance per BMC on one
 * event loop, and handles the signals a Unix daemon is expected to
 * (SIGTERM/SIGINT stop, SIGHUP reload, SIGUSR1 counters).
 */
#ifndef BMCSIM_DAEMON_H
#define BMCSIM_DAEMON_H

#include <stddef.h>
#include <stdint.h>

struct daemon_options {
	const char *config_path;
	const char *listen;	/* NULL: as configured */
	const char *state_dir;	/* NULL: state lasts until exit */
	const char *user;	/* NULL: keep the identity we run as */
	const char *ready_file; /* NULL: none; else the bound endpoints */
	const char *plugins[8]; /* shared libraries to load, NULL-ended */
	/* "unix:PATH" or "tcp:ADDR:PORT"; NULL: STATE_DIR/control.sock */
	const char *control;
	const char *control_token_file; /* TCP: the bearer token's file */
	size_t	    journal_size;	/* requests kept; 0: no journal */
	const char *control_group;	/* unix: the socket's group, 0660 */
	int	    check_only;
	int	    verbosity; /* number of -v */
	/* The fault rules' seed (--seed); without one, drawn and logged. */
	unsigned long long seed;
	int		   seed_set;
	/* --fleet COUNT (0: as configured), --shard SHARD/NSHARDS (0: all). */
	unsigned fleet, shard, nshards;
	/* BMCSIM_USER, BMCSIM_PASSWORD: user 2 of every model; NULL: as is. */
	const char *admin_user, *admin_password;
};

/* Runs until stopped; returns the exit status. */
int daemon_run(const struct daemon_options *);

/*
 * For the control plane (control_*.c): the running BMCs.  daemon_find_bmc()
 * takes the daemon as void * to serve as a control_find_fn.
 */
struct daemon;
struct fleet;
struct instance;
struct journal;
struct server_counters;
struct instance *daemon_find_bmc(void *daemon, const char *name);
/* The registry; its items are the daemon's, use daemon_item_bmc(). */
const struct fleet *daemon_fleet(const struct daemon *);
struct instance	   *daemon_item_bmc(void *item);
/*
 * Starts BMC name again on its socket (its sessions end); fresh: from the
 * configuration, its saved state forgotten.  0, ERR_NOT_FOUND, ERR_SYSTEM.
 */
int daemon_bmc_restart(struct daemon *, const char *name, int fresh);
/*
 * Starts a new BMC name with the model of BMC like (NULL: the first) and
 * labels "k=v,..." (NULL: none) on host:port (0: a free port).  0 or
 * ERR_* with a sentence in why.
 */
int daemon_bmc_create(struct daemon *, const char *name, const char *like,
    const char *labels, const char *host, uint16_t port, char *why,
    size_t whycap);
/* Stops and forgets BMC name: 0 or ERR_NOT_FOUND. */
int daemon_bmc_delete(struct daemon *, const char *name);
struct event_base;
/* The event loop (for the control plane's timers). */
struct event_base *daemon_event_base(const struct daemon *);
/* The request journal (journal.h); NULL when --journal-size 0. */
struct journal *daemon_journal(const struct daemon *);
/* The daemon's own counters (datagrams too large, send failures...). */
const struct server_counters *daemon_counters(const struct daemon *);

#endif
