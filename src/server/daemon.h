/*
 * The daemon: loads the configuration, starts one instance per BMC on one
 * event loop, and handles the signals a Unix daemon is expected to
 * (SIGTERM/SIGINT stop, SIGHUP reload, SIGUSR1 counters).
 */
#ifndef BMCSIM_DAEMON_H
#define BMCSIM_DAEMON_H

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
	int	    check_only;
	int	    verbosity; /* number of -v */
	/* The fault rules' seed (--seed); without one, drawn and logged. */
	unsigned long long seed;
	int		   seed_set;
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
struct instance *daemon_find_bmc(void *daemon, const char *name);
/* The registry; its items are the daemon's, use daemon_item_bmc(). */
const struct fleet *daemon_fleet(const struct daemon *);
struct instance	   *daemon_item_bmc(void *item);

#endif
