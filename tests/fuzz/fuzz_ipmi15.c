/*
 * Fuzzes the IPMI 1.5 session wrapper on whole datagrams.  A wrapper that
 * decodes encodes back to the same bytes after the RMCP header, less the
 * legacy pad when the sender added one (the encoder never does).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "ipmi15.h"
#include "rmcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[RMCP_HEADER_LEN + 1 + 4 + 4 + IPMI15_AUTHCODE_LEN + 1 +
	    IPMI15_MSG_MAX + 1];
	struct ipmi15_session s;
	struct rmcp_header    h;
	struct rd	      r;
	size_t		      len;

	rd_init(&r, data, size);
	if (rmcp_decode_header(&r, &h) != 0)
		return 0;
	if (ipmi15_decode(&r, &s) != 0) {
		/* A failed decode leaves the cursor where it was. */
		if (rd_left(&r) != size - RMCP_HEADER_LEN)
			abort();
		return 0;
	}
	if (rd_left(&r) != 0)
		abort();
	if (ipmi15_encode(&s, out, sizeof(out), &len) != 0)
		abort();
	if (len != size &&
	    !(len + 1 == size && ipmi15_pad_needed(len) && data[len] == 0))
		abort();
	if (memcmp(out + RMCP_HEADER_LEN, data + RMCP_HEADER_LEN,
		len - RMCP_HEADER_LEN) != 0)
		abort();
	return 0;
}
