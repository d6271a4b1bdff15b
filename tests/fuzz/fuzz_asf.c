/*
 * Fuzzes the ASF decoders on whole datagrams.  Reserved bytes are not kept
 * by the decoders, so the round trip compares fields: a pong that decodes
 * is encoded and decoded again, and must come back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asf.h"
#include "cursor.h"
#include "rmcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_pong(const struct rmcp_header *h, const struct asf_msg *m)
{
	uint8_t out[RMCP_HEADER_LEN + ASF_HEADER_LEN + ASF_PONG_DATA_LEN];
	struct asf_pong	   p1, p2;
	struct rmcp_header h2;
	struct asf_msg	   m2;
	struct rd	   r;
	size_t		   len;

	if (asf_decode_pong(m->data, m->data_len, &p1) != 0)
		return;
	if (asf_encode_pong(h->seq, m->tag, &p1, out, sizeof(out), &len) != 0)
		abort();
	rd_init(&r, out, len);
	if (rmcp_decode_header(&r, &h2) != 0 || asf_decode(&r, &m2) != 0 ||
	    asf_decode_pong(m2.data, m2.data_len, &p2) != 0)
		abort();
	if (h2.seq != h->seq || h2.class_byte != RMCP_CLASS_ASF ||
	    m2.iana != ASF_IANA || m2.type != ASF_TYPE_PONG ||
	    m2.tag != m->tag || p2.iana != p1.iana || p2.oem != p1.oem ||
	    p2.entities != p1.entities || p2.interactions != p1.interactions)
		abort();
}

static void
check_ping(const struct rmcp_header *h, const struct asf_msg *m)
{
	uint8_t		   out[RMCP_HEADER_LEN + ASF_HEADER_LEN];
	struct rmcp_header h2;
	struct asf_msg	   m2;
	struct rd	   r;
	size_t		   len;

	if (asf_encode_ping(h->seq, m->tag, out, sizeof(out), &len) != 0)
		abort();
	rd_init(&r, out, len);
	if (rmcp_decode_header(&r, &h2) != 0 || asf_decode(&r, &m2) != 0 ||
	    h2.seq != h->seq || m2.type != ASF_TYPE_PING || m2.tag != m->tag ||
	    m2.data_len != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rmcp_header h;
	struct asf_msg	   m;
	struct rd	   r;

	rd_init(&r, data, size);
	if (rmcp_decode_header(&r, &h) != 0)
		return 0;
	if (asf_decode(&r, &m) != 0) {
		if (rd_left(&r) != size - RMCP_HEADER_LEN)
			abort();
		return 0;
	}
	if (rd_left(&r) != 0 ||
	    m.data_len != size - RMCP_HEADER_LEN - ASF_HEADER_LEN)
		abort();
	if (m.type == ASF_TYPE_PONG)
		check_pong(&h, &m);
	else if (m.type == ASF_TYPE_PING && m.data_len == 0)
		check_ping(&h, &m);
	/* Any bytes at all as pong data: must not crash. */
	{
		struct asf_pong p;

		(void)asf_decode_pong(data, size, &p);
	}
	return 0;
}
