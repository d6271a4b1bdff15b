/*
 * Fuzzes the RMCP+ session wrapper on whole datagrams.  The auth code
 * length is inferred from the trailer as the describer does (and 12, the
 * commonest, tried as well).  A packet that decodes re-encodes to the same
 * bytes after the RMCP header: the pad is fixed by alignment and checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "rmcp.h"
#include "rmcpp.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_round_trip(
    const uint8_t *data, size_t size, const struct rmcpp_packet *pkt)
{
	uint8_t *out, *ac;
	size_t	 len;

	if ((out = malloc(size + 64)) == NULL)
		abort();
	if (rmcpp_encode(pkt, pkt->authcode_len, out, size + 64, &len, &ac) !=
		0 ||
	    len != size)
		abort();
	if (pkt->authenticated) {
		if (ac != out + size - pkt->authcode_len)
			abort();
		memcpy(ac, pkt->authcode, pkt->authcode_len);
		if (pkt->integrity_data != data + RMCP_HEADER_LEN ||
		    pkt->integrity_len % 4 != 0 ||
		    RMCP_HEADER_LEN + pkt->integrity_len + pkt->authcode_len !=
			size)
			abort();
	} else if (ac != NULL)
		abort();
	if (memcmp(out + RMCP_HEADER_LEN, data + RMCP_HEADER_LEN,
		size - RMCP_HEADER_LEN) != 0)
		abort();
	free(out);
}

static void
try_trailer(const uint8_t *data, size_t size, struct rd r,
    struct rmcpp_packet pkt, size_t authcode_len)
{
	const uint8_t *before = rd_pos(&r);

	if (rmcpp_decode_trailer(&r, authcode_len, &pkt) != 0) {
		if (rd_pos(&r) != before)
			abort();
		return;
	}
	if (rd_left(&r) != 0)
		abort();
	check_round_trip(data, size, &pkt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rmcpp_packet pkt;
	struct rmcp_header  h;
	struct rd	    r;
	int		    n;

	rd_init(&r, data, size);
	if (rmcp_decode_header(&r, &h) != 0)
		return 0;
	if (rmcpp_decode_header(&r, &pkt) != 0) {
		if (rd_left(&r) != size - RMCP_HEADER_LEN)
			abort();
		return 0;
	}
	if (pkt.payload + pkt.payload_len != rd_pos(&r))
		abort();
	n = rmcpp_infer_authcode_len(&pkt, rd_left(&r));
	if (n >= 0)
		try_trailer(data, size, r, pkt, (size_t)n);
	if (n != 12)
		try_trailer(data, size, r, pkt, 12);
	return 0;
}
