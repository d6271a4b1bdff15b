/*
 * The control API's view of a BMC's serial console: its history (the
 * last host output the SOL console kept, oldest first) and who holds the
 * SOL instance.  One route, in the table control.c serves.
 */
#include <jansson.h>
#include <stdio.h>

#include "control.h"
#include "instance.h"
#include "node.h"
#include "sol_console.h"

/* Kept by the console (sol_console.c's history size). */
#define CONTROL_SOL_HISTORY_MAX 4096

/*
 * GET /v1/bmcs/{bmc}/console: {"history": text, "bytes": n, "active":
 * bool, "session": "0x..." or null}.  The history is host output as it
 * came; bytes that are not 7-bit text are shown as '?' (JSON strings are
 * UTF-8).
 */
static void
get_console(struct control_call *c)
{
	struct node *n = instance_node(control_call_bmc(c));
	char	     text[CONTROL_SOL_HISTORY_MAX + 1];
	uint8_t	     raw[CONTROL_SOL_HISTORY_MAX];
	char	     sid[16];
	uint32_t     owner = sol_console_owner(node_bmc(n));
	size_t	     len, i;

	len = node_console_history(n, raw, sizeof(raw));
	for (i = 0; i < len; i++)
		text[i] = raw[i] < 0x80 ? (char)raw[i] : '?';
	text[len] = '\0';
	snprintf(sid, sizeof(sid), "0x%08x", (unsigned)owner);
	control_call_reply(c, 200,
	    json_pack("{s:s%,s:I,s:b,s:o}", "history", text, len, "bytes",
		(json_int_t)len, "active", owner != 0, "session",
		owner != 0 ? json_string(sid) : json_null()));
}

const struct control_route control_sol_routes[] = {
    {"GET", "/v1/bmcs/{bmc}/console", get_console},
    {NULL, NULL, NULL},
};
