/*
 * ASF presence ping and pong (ASF 2.0 §3.2.4.1 and §3.2.4.3; IPMI 2.0
 * §13.2.1 requires an IPMI BMC to answer the ping).  Unlike everything in
 * IPMI, ASF fields are big-endian.
 */
#include "asf.h"
#include "cursor.h"
#include "err.h"
#include "rmcp.h"

#define ASF_PONG_RESERVED_LEN 6

int
asf_decode(struct rd *r, struct asf_msg *m)
{
	struct rd t = *r;
	int	  rc;

	/* Work on a copy so that r moves only when the message is whole. */
	if ((rc = rd_u32be(&t, &m->iana)) != 0 ||
	    (rc = rd_u8(&t, &m->type)) != 0 || (rc = rd_u8(&t, &m->tag)) != 0 ||
	    (rc = rd_u8(&t, &m->reserved)) != 0 ||
	    (rc = rd_u8(&t, &m->data_len)) != 0 ||
	    (rc = rd_span(&t, &m->data, m->data_len)) != 0)
		return rc;
	if ((rc = rd_end(&t)) != 0)
		return rc;
	*r = t;
	return 0;
}

int
asf_decode_pong(const uint8_t *p, size_t n, struct asf_pong *pong)
{
	struct rd r;
	int	  rc;

	rd_init(&r, p, n);
	/* ASF 2.0 table 13: the 6 trailing bytes are reserved; not checked. */
	if ((rc = rd_u32be(&r, &pong->iana)) != 0 ||
	    (rc = rd_u32be(&r, &pong->oem)) != 0 ||
	    (rc = rd_u8(&r, &pong->entities)) != 0 ||
	    (rc = rd_u8(&r, &pong->interactions)) != 0 ||
	    (rc = rd_skip(&r, ASF_PONG_RESERVED_LEN)) != 0)
		return rc;
	return rd_end(&r);
}

static void
asf_write_header(
    struct wr *w, uint8_t rmcp_seq, uint8_t type, uint8_t tag, uint8_t data_len)
{
	rmcp_encode_header(w, rmcp_seq, RMCP_CLASS_ASF);
	wr_u32be(w, ASF_IANA);
	wr_u8(w, type);
	wr_u8(w, tag);
	wr_u8(w, 0);
	wr_u8(w, data_len);
}

int
asf_encode_ping(
    uint8_t rmcp_seq, uint8_t tag, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	  len = RMCP_HEADER_LEN + ASF_HEADER_LEN;
	struct wr w;

	if (len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	asf_write_header(&w, rmcp_seq, ASF_TYPE_PING, tag, 0);
	if (w.err != 0)
		return w.err;
	*outlen = wr_len(&w);
	return 0;
}

int
asf_encode_pong(uint8_t rmcp_seq, uint8_t tag, const struct asf_pong *pong,
    uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	  len = RMCP_HEADER_LEN + ASF_HEADER_LEN + ASF_PONG_DATA_LEN;
	struct wr w;

	if (len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	asf_write_header(&w, rmcp_seq, ASF_TYPE_PONG, tag, ASF_PONG_DATA_LEN);
	wr_u32be(&w, pong->iana);
	wr_u32be(&w, pong->oem);
	wr_u8(&w, pong->entities);
	wr_u8(&w, pong->interactions);
	wr_fill(&w, 0, ASF_PONG_RESERVED_LEN);
	if (w.err != 0)
		return w.err;
	*outlen = wr_len(&w);
	return 0;
}
