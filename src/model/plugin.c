#include <stdint.h>
#include <stdio.h>

#include "log.h"
#include "plugin.h"

static struct plugin_command plugin_table[PLUGIN_COMMANDS_MAX];
static size_t		     plugin_count;

static int
plugin_register(struct bmcsim_plugin_host *host, uint8_t netfn, uint8_t cmd,
    uint8_t min_priv, bmcsim_plugin_handler *handler, void *arg)
{
	const char *origin = host->host_private;

	if (handler == NULL || (netfn & 1) != 0 || min_priv > 5 ||
	    plugin_find(netfn, cmd) != NULL ||
	    plugin_count == PLUGIN_COMMANDS_MAX) {
		log_msg(LOG_LEVEL_ERROR, origin, __func__,
		    "cannot register netFn %02xh command %02xh", netfn, cmd);
		return -1;
	}
	plugin_table[plugin_count].netfn = netfn;
	plugin_table[plugin_count].cmd = cmd;
	plugin_table[plugin_count].min_priv = min_priv;
	plugin_table[plugin_count].handler = handler;
	plugin_table[plugin_count].arg = arg;
	plugin_count++;
	log_msg(LOG_LEVEL_INFO, origin, __func__,
	    "answers netFn %02xh command %02xh", netfn, cmd);
	return 0;
}

static void
plugin_log(struct bmcsim_plugin_host *host, const char *msg)
{
	log_msg(LOG_LEVEL_INFO, host->host_private, "plugin", "%s", msg);
}

void
plugin_host_init(struct bmcsim_plugin_host *host, const char *origin)
{
	host->abi = BMCSIM_PLUGIN_ABI;
	host->register_command = plugin_register;
	host->log = plugin_log;
	host->host_private = (void *)(uintptr_t)origin;
}

const struct plugin_command *
plugin_find(uint8_t netfn, uint8_t cmd)
{
	size_t i;

	for (i = 0; i < plugin_count; i++)
		if (plugin_table[i].netfn == netfn &&
		    plugin_table[i].cmd == cmd)
			return &plugin_table[i];
	return NULL;
}

void
plugin_reset(void)
{
	plugin_count = 0;
}
