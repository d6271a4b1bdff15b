/*
 * The initiator's input: what bmcsim parses from a BMC it logs in to.  A
 * real responder answers every step (tests/fuzz/conversation.h), and the
 * fuzz input truncates, changes, replaces or drops its datagrams before
 * the initiator reads them, from Get Channel Authentication Capabilities
 * through RAKP or Activate Session to in-session responses and Close
 * Session.
 */
#include <stddef.h>
#include <stdint.h>

#include "conversation.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_ignore(void *arg, int to_console, const uint8_t *d, size_t len)
{
	(void)arg;
	(void)to_console;
	(void)d;
	(void)len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd rd;

	rd_init(&rd, data, size);
	conversation_run(&rd, fuzz_ignore, NULL);
	return 0;
}
