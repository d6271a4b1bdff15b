/*
 * bmcsim plugins: a shared library that bmcsimd loads at start (--plugin
 * FILE) to answer commands of its own, for behaviour no INI file can
 * describe.  Version 1 of this interface.
 *
 * A plugin exports one function, bmcsim_plugin_init(), which bmcsimd
 * calls once with a host structure; the plugin checks host->abi, then
 * calls host->register_command() for each (netFn, command) it answers and
 * returns 0.  Its handlers are then called for requests of every BMC of
 * the process (the request says which), in the daemon's only thread, and
 * must not block: they answer from memory.  Commands bmcsimd implements
 * come first; a plugin adds commands, it does not replace them.
 *
 * Build a plugin with: cc -shared -fPIC -o my.so my.c
 */
#ifndef BMCSIM_PLUGIN_H
#define BMCSIM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#define BMCSIM_PLUGIN_ABI 1

struct bmcsim_plugin_request {
	uint8_t	       netfn; /* request netFn (even) */
	uint8_t	       cmd;
	uint8_t	       in_session; /* 0: before a session (privilege 0) */
	uint8_t	       privilege;  /* the session's current privilege */
	const uint8_t *data;	   /* request data after the command */
	size_t	       len;
	const char    *bmc_name;  /* which BMC of the process */
	unsigned       bmc_index; /* in its fleet; 0 for a single BMC */
	uint64_t       now_ms;	  /* monotonic */
};

struct bmcsim_plugin_reply {
	uint8_t	 cc; /* completion code; 00h on entry */
	uint8_t *data;
	size_t	 cap; /* room in data */
	size_t	 len; /* response data written */
};

typedef void bmcsim_plugin_handler(void *arg,
    const struct bmcsim_plugin_request *, struct bmcsim_plugin_reply *);

struct bmcsim_plugin_host {
	unsigned abi; /* BMCSIM_PLUGIN_ABI of the daemon */
	/*
	 * Answers (netfn, cmd) with handler(arg, ...) for sessions of at
	 * least min_priv (1 callback .. 4 admin; 0: outside a session too).
	 * 0, or -1 if the command is taken or the table is full.
	 */
	int (*register_command)(struct bmcsim_plugin_host *, uint8_t netfn,
	    uint8_t cmd, uint8_t min_priv, bmcsim_plugin_handler *, void *arg);
	/* A line in the daemon's log, at the info level. */
	void (*log)(struct bmcsim_plugin_host *, const char *msg);
	void *host_private;
};

/* The entry point a plugin exports: 0, or non-zero to refuse to load. */
typedef int bmcsim_plugin_init_fn(struct bmcsim_plugin_host *);
int	    bmcsim_plugin_init(struct bmcsim_plugin_host *);

#endif
