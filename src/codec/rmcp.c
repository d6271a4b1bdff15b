/*
 * RMCP header (ASF 2.0 §3.2.2.2; IPMI 2.0 §13.1.3): version, reserved,
 * sequence number and class, one byte each.
 */
#include "cursor.h"
#include "err.h"
#include "rmcp.h"

int
rmcp_decode_header(struct rd *r, struct rmcp_header *h)
{
	struct rd hdr;
	int	  rc;

	/* Split the header off first so that a short read moves nothing. */
	if ((rc = rd_sub(r, &hdr, RMCP_HEADER_LEN)) != 0)
		return rc;
	(void)rd_u8(&hdr, &h->version);
	(void)rd_u8(&hdr, &h->reserved);
	(void)rd_u8(&hdr, &h->seq);
	(void)rd_u8(&hdr, &h->class_byte);
	return 0;
}

int
rmcp_encode_header(struct wr *w, uint8_t seq, uint8_t class_byte)
{
	wr_u8(w, RMCP_VERSION_1_0);
	wr_u8(w, 0);
	wr_u8(w, seq);
	wr_u8(w, class_byte);
	return w->err;
}
