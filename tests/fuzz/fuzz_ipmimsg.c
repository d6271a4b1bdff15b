/*
 * Fuzzes the IPMI LAN message decoders.  Every byte of a message is fixed
 * by its fields (the checksums are verified), so a message that decodes
 * must encode back to exactly the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipmimsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t		out[IPMIMSG_DATA_MAX + IPMIMSG_RSP_HEADER_LEN];
	struct ipmi_req req;
	struct ipmi_rsp rsp;
	size_t		len;

	if (ipmimsg_decode_req(data, size, &req) == 0) {
		if (ipmimsg_encode_req(&req, out, sizeof(out), &len) != 0 ||
		    len != size || memcmp(out, data, size) != 0)
			abort();
	}
	if (ipmimsg_decode_rsp(data, size, &rsp) == 0) {
		if (ipmimsg_encode_rsp(&rsp, out, sizeof(out), &len) != 0 ||
		    len != size || memcmp(out, data, size) != 0)
			abort();
	}
	(void)ipmimsg_checksum(data, size);
	return 0;
}
