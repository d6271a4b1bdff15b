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
	int	    check_only;
	int	    verbosity; /* number of -v */
	/* --fleet COUNT (0: as configured), --shard SHARD/NSHARDS (0: all). */
	unsigned fleet, shard, nshards;
	/* BMCSIM_USER, BMCSIM_PASSWORD: user 2 of every model; NULL: as is. */
	const char *admin_user, *admin_password;
};

/* Runs until stopped; returns the exit status. */
int daemon_run(const struct daemon_options *);

#endif
