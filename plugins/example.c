/*
 * An example bmcsim plugin (bmcsim_plugin.h): two vendor commands.
 *
 *   netFn 30h, command 01h: a counter per BMC, incremented by each call,
 *                           as one byte (a stand-in for vendor state)
 *   netFn 30h, command 02h: echoes the request data back reversed, for
 *                           operators and up
 *
 *   bmcsimd --plugin ./example_plugin.so ...
 *   ipmitool ... raw 0x30 0x01
 */
#include <stdint.h>
#include <string.h>

#include "bmcsim_plugin.h"

#define EXAMPLE_BMCS 4096

static uint8_t example_counter[EXAMPLE_BMCS];

static void
example_counter_cmd(void *arg, const struct bmcsim_plugin_request *rq,
    struct bmcsim_plugin_reply *rp)
{
	unsigned i = rq->bmc_index % EXAMPLE_BMCS;

	(void)arg;
	if (rq->len != 0) {
		rp->cc = 0xc7; /* request data length invalid */
		return;
	}
	example_counter[i]++;
	rp->data[0] = example_counter[i];
	rp->len = 1;
}

static void
example_reverse_cmd(void *arg, const struct bmcsim_plugin_request *rq,
    struct bmcsim_plugin_reply *rp)
{
	size_t i;

	(void)arg;
	if (rq->len > rp->cap) {
		rp->cc = 0xc8; /* request data length exceeded */
		return;
	}
	for (i = 0; i < rq->len; i++)
		rp->data[i] = rq->data[rq->len - 1 - i];
	rp->len = rq->len;
}

int
bmcsim_plugin_init(struct bmcsim_plugin_host *host)
{
	if (host->abi != BMCSIM_PLUGIN_ABI)
		return -1;
	if (host->register_command(
		host, 0x30, 0x01, 2, example_counter_cmd, NULL) != 0 ||
	    host->register_command(
		host, 0x30, 0x02, 3, example_reverse_cmd, NULL) != 0)
		return -1;
	host->log(host, "example plugin: netFn 30h commands 01h and 02h");
	return 0;
}
