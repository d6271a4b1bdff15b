/*
 * The IPMI LAN message (IPMI 2.0 §13.8, tables 13-4 and 13-5; the IPMB
 * format of IPMB 1.0 §2.11 with the remote console in the requester slot).
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "ipmimsg.h"

#define IPMIMSG_NETFN_MAX 0x3f
#define IPMIMSG_LUN_MAX	  0x03
#define IPMIMSG_SEQ_MAX	  0x3f

uint8_t
ipmimsg_checksum(const uint8_t *p, size_t n)
{
	struct rd r;
	uint8_t	  sum = 0, b;

	rd_init(&r, p, n);
	while (rd_u8(&r, &b) == 0)
		sum += b;
	return (uint8_t)-sum;
}

/*
 * Reads n bytes and checks that they sum to zero with the checksum byte
 * that follows them (IPMI 2.0 §13.8: two's complement checksums).  The
 * covered bytes are then read again field by field from *fields.
 */
static int
ipmimsg_read_checked(struct rd *r, size_t n, struct rd *fields)
{
	const uint8_t *span;
	uint8_t	       chk;
	int	       rc;

	if ((rc = rd_sub(r, fields, n)) != 0 || (rc = rd_u8(r, &chk)) != 0)
		return rc;
	span = rd_pos(fields);
	if ((uint8_t)(ipmimsg_checksum(span, n) - chk) != 0)
		return ERR_CHECKSUM;
	return 0;
}

/*
 * The two message kinds share one layout: a 2-byte connection header with
 * its checksum, then the other address, seq/LUN, command, the body (with a
 * completion code in front for responses) and the second checksum.
 */
struct ipmimsg_raw {
	uint8_t	       addr1;
	uint8_t	       netfn_lun;
	uint8_t	       addr2;
	uint8_t	       seq_lun;
	uint8_t	       cmd;
	const uint8_t *body;
	size_t	       body_len;
};

static int
ipmimsg_decode_raw(
    const uint8_t *p, size_t n, size_t header_len, struct ipmimsg_raw *m)
{
	struct rd r, f;
	int	  rc;

	if (n < header_len)
		return ERR_TRUNCATED;
	/*
	 * The body runs from after the command to before checksum 2: the
	 * data of a request, the completion code and data of a response.
	 */
	m->body_len = n - IPMIMSG_REQ_HEADER_LEN;
	if (n - header_len > IPMIMSG_DATA_MAX)
		return ERR_INVALID_ARG;
	rd_init(&r, p, n);
	if ((rc = ipmimsg_read_checked(&r, 2, &f)) != 0)
		return rc;
	(void)rd_u8(&f, &m->addr1);
	(void)rd_u8(&f, &m->netfn_lun);
	if ((rc = ipmimsg_read_checked(&r, 3 + m->body_len, &f)) != 0)
		return rc;
	(void)rd_u8(&f, &m->addr2);
	(void)rd_u8(&f, &m->seq_lun);
	(void)rd_u8(&f, &m->cmd);
	(void)rd_span(&f, &m->body, m->body_len);
	return rd_end(&r);
}

int
ipmimsg_decode_req(const uint8_t *p, size_t n, struct ipmi_req *req)
{
	struct ipmimsg_raw m;
	int		   rc;

	memset(req, 0, sizeof(*req));
	if ((rc = ipmimsg_decode_raw(p, n, IPMIMSG_REQ_HEADER_LEN, &m)) != 0)
		return rc;
	req->rs_addr = m.addr1;
	req->netfn = m.netfn_lun >> 2;
	req->rs_lun = m.netfn_lun & IPMIMSG_LUN_MAX;
	req->rq_addr = m.addr2;
	req->rq_seq = m.seq_lun >> 2;
	req->rq_lun = m.seq_lun & IPMIMSG_LUN_MAX;
	req->cmd = m.cmd;
	req->data = m.body;
	req->data_len = m.body_len;
	return 0;
}

int
ipmimsg_decode_rsp(const uint8_t *p, size_t n, struct ipmi_rsp *rsp)
{
	struct ipmimsg_raw m;
	struct rd	   body;
	int		   rc;

	memset(rsp, 0, sizeof(*rsp));
	if ((rc = ipmimsg_decode_raw(p, n, IPMIMSG_RSP_HEADER_LEN, &m)) != 0)
		return rc;
	rsp->rq_addr = m.addr1;
	rsp->netfn = m.netfn_lun >> 2;
	rsp->rq_lun = m.netfn_lun & IPMIMSG_LUN_MAX;
	rsp->rs_addr = m.addr2;
	rsp->rq_seq = m.seq_lun >> 2;
	rsp->rs_lun = m.seq_lun & IPMIMSG_LUN_MAX;
	rsp->cmd = m.cmd;
	/* Table 13-5: the completion code is the first body byte. */
	rd_init(&body, m.body, m.body_len);
	if ((rc = rd_u8(&body, &rsp->cc)) != 0)
		return rc;
	rsp->data_len = rd_left(&body);
	(void)rd_span(&body, &rsp->data, rsp->data_len);
	return 0;
}

static int
ipmimsg_encode_raw(const struct ipmimsg_raw *m, uint8_t cc, int has_cc,
    const uint8_t *data, size_t data_len, uint8_t *out, size_t cap,
    size_t *outlen)
{
	struct wr w;
	uint8_t	 *hdr, *body;
	size_t	  len, body_len;

	if (data_len > IPMIMSG_DATA_MAX || (data == NULL && data_len > 0))
		return ERR_INVALID_ARG;
	body_len = 3 + (has_cc ? 1 : 0) + data_len;
	len = 2 + 1 + body_len + 1;
	if (len > cap)
		return ERR_NOSPACE;

	wr_init(&w, out, cap);
	hdr = wr_reserve(&w, 0);
	wr_u8(&w, m->addr1);
	wr_u8(&w, m->netfn_lun);
	if (w.err == 0)
		wr_u8(&w, ipmimsg_checksum(hdr, 2));
	body = wr_reserve(&w, 0);
	wr_u8(&w, m->addr2);
	wr_u8(&w, m->seq_lun);
	wr_u8(&w, m->cmd);
	if (has_cc)
		wr_u8(&w, cc);
	wr_bytes(&w, data, data_len);
	if (w.err == 0)
		wr_u8(&w, ipmimsg_checksum(body, body_len));
	if (w.err != 0)
		return w.err;
	*outlen = wr_len(&w);
	return 0;
}

int
ipmimsg_encode_req(
    const struct ipmi_req *req, uint8_t *out, size_t cap, size_t *outlen)
{
	struct ipmimsg_raw m;

	if (req->netfn > IPMIMSG_NETFN_MAX || req->rs_lun > IPMIMSG_LUN_MAX ||
	    req->rq_seq > IPMIMSG_SEQ_MAX || req->rq_lun > IPMIMSG_LUN_MAX)
		return ERR_INVALID_ARG;
	m.addr1 = req->rs_addr;
	m.netfn_lun = (uint8_t)(req->netfn << 2 | req->rs_lun);
	m.addr2 = req->rq_addr;
	m.seq_lun = (uint8_t)(req->rq_seq << 2 | req->rq_lun);
	m.cmd = req->cmd;
	return ipmimsg_encode_raw(
	    &m, 0, 0, req->data, req->data_len, out, cap, outlen);
}

int
ipmimsg_encode_rsp(
    const struct ipmi_rsp *rsp, uint8_t *out, size_t cap, size_t *outlen)
{
	struct ipmimsg_raw m;

	if (rsp->netfn > IPMIMSG_NETFN_MAX || rsp->rq_lun > IPMIMSG_LUN_MAX ||
	    rsp->rq_seq > IPMIMSG_SEQ_MAX || rsp->rs_lun > IPMIMSG_LUN_MAX)
		return ERR_INVALID_ARG;
	m.addr1 = rsp->rq_addr;
	m.netfn_lun = (uint8_t)(rsp->netfn << 2 | rsp->rq_lun);
	m.addr2 = rsp->rs_addr;
	m.seq_lun = (uint8_t)(rsp->rq_seq << 2 | rsp->rs_lun);
	m.cmd = rsp->cmd;
	return ipmimsg_encode_raw(
	    &m, rsp->cc, 1, rsp->data, rsp->data_len, out, cap, outlen);
}
