/*
 * The RMCP+ session wrapper (IPMI 2.0 §13.6, table 13-8, "IPMI v2.0 RMCP+
 * Session Header" and "IPMI v2.0 RMCP+ Session Trailer").
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "rmcp.h"
#include "rmcpp.h"

/* auth type, payload type, session ID, sequence, payload length */
#define RMCPP_HEADER_LEN 12
/* OEM explicit payloads add the OEM IANA (4) and payload ID (2). */
#define RMCPP_OEM_EXTRA_LEN 6
/* pad length and next header */
#define RMCPP_TRAILER_FIXED_LEN 2

static size_t
rmcpp_header_len(uint8_t payload_type)
{
	return RMCPP_HEADER_LEN +
	    (payload_type == RMCPP_PT_OEM_EXPLICIT ? RMCPP_OEM_EXTRA_LEN : 0);
}

/*
 * IPMI 2.0 table 13-8: the integrity pad makes everything from the auth
 * type through the next header a multiple of four bytes.  The pad is thus
 * fixed by alignment; we never send, and never accept, more than 3 bytes.
 */
static size_t
rmcpp_pad_len(size_t covered)
{
	return (4 - (covered + RMCPP_TRAILER_FIXED_LEN) % 4) % 4;
}

int
rmcpp_decode_header(struct rd *r, struct rmcpp_packet *p)
{
	struct rd t = *r;
	uint8_t	  authtype, pt;
	int	  rc;

	memset(p, 0, sizeof(*p));
	p->integrity_data = rd_pos(&t);
	if ((rc = rd_u8(&t, &authtype)) != 0)
		return rc;
	if (authtype != RMCPP_AUTHTYPE)
		return ERR_FORMAT;
	if ((rc = rd_u8(&t, &pt)) != 0)
		return rc;
	p->encrypted = (pt & RMCPP_PAYLOAD_ENCRYPTED) != 0;
	p->authenticated = (pt & RMCPP_PAYLOAD_AUTHENTICATED) != 0;
	p->payload_type = pt & RMCPP_PAYLOAD_TYPE_MASK;
	/*
	 * Table 13-8: OEM explicit payloads carry the OEM IANA (3 bytes used,
	 * least significant first, in a 4-byte field) and OEM payload ID.
	 */
	if (p->payload_type == RMCPP_PT_OEM_EXPLICIT &&
	    ((rc = rd_u32le(&t, &p->oem_iana)) != 0 ||
		(rc = rd_u16le(&t, &p->oem_payload_id)) != 0))
		return rc;
	if ((rc = rd_u32le(&t, &p->session_id)) != 0 ||
	    (rc = rd_u32le(&t, &p->seq)) != 0 ||
	    (rc = rd_u16le(&t, &p->payload_len)) != 0 ||
	    (rc = rd_span(&t, &p->payload, p->payload_len)) != 0)
		return rc;
	*r = t;
	return 0;
}

int
rmcpp_decode_trailer(struct rd *r, size_t authcode_len, struct rmcpp_packet *p)
{
	struct rd      t = *r;
	const uint8_t *start = p->integrity_data;
	size_t	       covered, pad, i;
	uint8_t	       b, pad_len, next;
	int	       rc;

	if (!p->authenticated)
		return rd_end(r);
	if (start == NULL || rd_pos(r) < start)
		return ERR_INVALID_ARG;
	covered = (size_t)(rd_pos(r) - start);
	pad = rmcpp_pad_len(covered);
	for (i = 0; i < pad; i++) {
		if ((rc = rd_u8(&t, &b)) != 0)
			return rc;
		if (b != RMCPP_INTEGRITY_PAD_BYTE)
			return ERR_PAD;
	}
	if ((rc = rd_u8(&t, &pad_len)) != 0)
		return rc;
	if (pad_len != pad)
		return ERR_PAD;
	if ((rc = rd_u8(&t, &next)) != 0)
		return rc;
	/* Table 13-8: next header is always 07h. */
	if (next != RMCPP_NEXT_HEADER)
		return ERR_PAD;
	if ((rc = rd_span(&t, &p->authcode, authcode_len)) != 0)
		return rc;
	if ((rc = rd_end(&t)) != 0)
		return rc;
	p->pad_len = pad_len;
	p->authcode_len = authcode_len;
	p->integrity_len = covered + pad + RMCPP_TRAILER_FIXED_LEN;
	*r = t;
	return 0;
}

int
rmcpp_infer_authcode_len(const struct rmcpp_packet *p, size_t left)
{
	size_t covered, need, n;

	if (!p->authenticated)
		return left == 0 ? 0 : -1;
	covered = rmcpp_header_len(p->payload_type) + p->payload_len;
	need = rmcpp_pad_len(covered) + RMCPP_TRAILER_FIXED_LEN;
	if (left < need)
		return -1;
	n = left - need;
	/*
	 * §13.28.4: HMAC-SHA1-96 gives 12 bytes; HMAC-MD5-128, MD5-128 and
	 * HMAC-SHA256-128 give 16; 32 leaves room for an untruncated SHA-256.
	 */
	if (n == 12 || n == 16 || n == 32)
		return (int)n;
	return -1;
}

int
rmcpp_encode(const struct rmcpp_packet *p, size_t authcode_len, uint8_t *out,
    size_t cap, size_t *outlen, uint8_t **authcode)
{
	size_t	  covered, pad = 0, len;
	uint8_t	 *ac = NULL;
	struct wr w;
	uint8_t	  pt;

	if (authcode != NULL)
		*authcode = NULL;
	if (p->payload_type > RMCPP_PAYLOAD_TYPE_MASK ||
	    (p->payload == NULL && p->payload_len > 0) ||
	    (p->authenticated && authcode_len > RMCPP_AUTHCODE_MAX))
		return ERR_INVALID_ARG;
	covered = rmcpp_header_len(p->payload_type) + p->payload_len;
	len = RMCP_HEADER_LEN + covered;
	if (p->authenticated) {
		pad = rmcpp_pad_len(covered);
		len += pad + RMCPP_TRAILER_FIXED_LEN + authcode_len;
	}
	if (len > cap)
		return ERR_NOSPACE;

	pt = p->payload_type;
	if (p->encrypted)
		pt |= RMCPP_PAYLOAD_ENCRYPTED;
	if (p->authenticated)
		pt |= RMCPP_PAYLOAD_AUTHENTICATED;
	wr_init(&w, out, cap);
	/* IPMI 2.0 §13.1.3: IPMI messages never ask for an RMCP ACK. */
	rmcp_encode_header(&w, RMCP_SEQ_NO_ACK, RMCP_CLASS_IPMI);
	wr_u8(&w, RMCPP_AUTHTYPE);
	wr_u8(&w, pt);
	if (p->payload_type == RMCPP_PT_OEM_EXPLICIT) {
		wr_u32le(&w, p->oem_iana);
		wr_u16le(&w, p->oem_payload_id);
	}
	wr_u32le(&w, p->session_id);
	wr_u32le(&w, p->seq);
	wr_u16le(&w, p->payload_len);
	wr_bytes(&w, p->payload, p->payload_len);
	if (p->authenticated) {
		wr_fill(&w, RMCPP_INTEGRITY_PAD_BYTE, pad);
		wr_u8(&w, (uint8_t)pad);
		wr_u8(&w, RMCPP_NEXT_HEADER);
		/* Zeroed here; the caller computes the value over the rest. */
		if ((ac = wr_reserve(&w, authcode_len)) != NULL)
			memset(ac, 0, authcode_len);
	}
	if (w.err != 0)
		return w.err;
	*outlen = wr_len(&w);
	if (authcode != NULL)
		*authcode = p->authenticated ? ac : NULL;
	return 0;
}
