/*
 * Fuzzes the describer, which must print something sensible for any bytes
 * at all: whole datagrams, bare IPMI messages, and one-line summaries into
 * buffers of several sizes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE *sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t caps[] = {1, 2, 17, 256};
	char		    buf[256];
	size_t		    i;
	int		    rc;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	rc = describe_datagram(sink, "  ", data, size);
	if (rc > 0 || rc < ERR_LAST)
		abort();
	rc = describe_ipmi_msg(sink, "", data, size);
	if (rc > 0 || rc < ERR_LAST)
		abort();
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		if (describe_summary(buf, caps[i], data, size) != buf ||
		    memchr(buf, '\0', caps[i]) == NULL)
			abort();
	}
	return 0;
}
