/*
 * The bmcsim subcommands, one file each (tmux's cmd-*.c), listed in a
 * const table in main.c.  Each takes its own argv (argv[0] is the
 * command name) and returns the exit status: 0 ok, 1 error or bad usage (as ipmitool).
 */
#ifndef BMCSIM_CMD_H
#define BMCSIM_CMD_H

#define CMD_EXIT_OK    0
#define CMD_EXIT_ERROR 1
#define CMD_EXIT_USAGE 1 /* ipmitool exits 1 on bad usage too */

struct cmd_entry {
	const char *name;
	int (*exec)(int, char **);
	const char *usage;	  /* the synopsis after "bmcsim NAME" */
	const char *help;	  /* what it does and its own options */
	int	    session_opts; /* takes the shared session options */
};

extern const struct cmd_entry cmd_ping_entry;
extern const struct cmd_entry cmd_info_entry;
extern const struct cmd_entry cmd_raw_entry;
extern const struct cmd_entry cmd_trace_entry;
extern const struct cmd_entry cmd_decode_entry;
extern const struct cmd_entry cmd_bench_entry;
extern const struct cmd_entry cmd_ctl_entry;
extern const struct cmd_entry cmd_traps_entry;

/* Prints "usage: bmcsim NAME USAGE" to stderr and returns CMD_EXIT_USAGE. */
int cmd_usage(const struct cmd_entry *);

/* The help text of the options every session command shares. */
extern const char cmd_common_help[];

#endif
