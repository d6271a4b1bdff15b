/*
 * The commands plugins registered (bmcsim_plugin.h): a process-wide table
 * the server fills at start, before any BMC is made, and every BMC's
 * command dispatch reads.  No dynamic loading here: the server does that.
 */
#ifndef BMCSIM_MODEL_PLUGIN_H
#define BMCSIM_MODEL_PLUGIN_H

#include "bmcsim_plugin.h"

#define PLUGIN_COMMANDS_MAX 256

/* The host structure handed to a plugin's init; origin names it in logs. */
void plugin_host_init(struct bmcsim_plugin_host *, const char *origin);

struct plugin_command {
	uint8_t		       netfn;
	uint8_t		       cmd;
	uint8_t		       min_priv;
	bmcsim_plugin_handler *handler;
	void		      *arg;
};

/* The registered command for (netfn, cmd), or NULL. */
const struct plugin_command *plugin_find(uint8_t netfn, uint8_t cmd);
/* Forgets every registration (tests; a stopping daemon). */
void plugin_reset(void);

#endif
