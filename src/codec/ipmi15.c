/*
 * The IPMI 1.5 session wrapper (IPMI 2.0 §13.6, table 13-8, "IPMI v1.5
 * LAN Session Header"), as still used for pre-session commands such as
 * Get Channel Authentication Capabilities and by IPMI 1.5 sessions.
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "ipmi15.h"
#include "rmcp.h"

/*
 * IPMI 2.0 §13.6, note on the legacy pad: some legacy LAN controllers
 * cannot handle packets of these lengths (RMCP header included), so a
 * single 00h byte may be appended to them.  Decoding accepts it; encoding
 * never adds it: FreeIPMI takes the message trailer from the end of the
 * datagram, so a padded response fails its checksum, and BMCs in the
 * field do not pad.
 */
static const size_t ipmi15_pad_lengths[] = {56, 84, 112, 128, 156};

int
ipmi15_pad_needed(size_t datagram_len)
{
	size_t i;

	for (i = 0;
	     i < sizeof(ipmi15_pad_lengths) / sizeof(ipmi15_pad_lengths[0]);
	     i++)
		if (ipmi15_pad_lengths[i] == datagram_len)
			return 1;
	return 0;
}

/*
 * IPMI 2.0 §13.6, table 13-8: auth types 00h, 01h, 02h, 04h and 05h; 03h is
 * reserved and 06h announces the RMCP+ wrapper instead.  One bit each.
 */
#define IPMI15_AUTHTYPE_VALID_MASK \
	(1u << IPMI15_AUTHTYPE_NONE | 1u << IPMI15_AUTHTYPE_MD2 | \
	    1u << IPMI15_AUTHTYPE_MD5 | 1u << IPMI15_AUTHTYPE_STRAIGHT | \
	    1u << IPMI15_AUTHTYPE_OEM)

int
ipmi15_authtype_valid(uint8_t authtype)
{
	return authtype < 32 && (IPMI15_AUTHTYPE_VALID_MASK >> authtype & 1);
}

int
ipmi15_decode(struct rd *r, struct ipmi15_session *s)
{
	struct rd t = *r;
	uint8_t	  pad;
	size_t	  len;
	int	  rc;

	memset(s, 0, sizeof(*s));
	if ((rc = rd_u8(&t, &s->authtype)) != 0)
		return rc;
	if (!ipmi15_authtype_valid(s->authtype))
		return ERR_FORMAT;
	if ((rc = rd_u32le(&t, &s->seq)) != 0 ||
	    (rc = rd_u32le(&t, &s->session_id)) != 0)
		return rc;
	/* Table 13-8: the auth code field is absent for auth type none. */
	if (s->authtype != IPMI15_AUTHTYPE_NONE &&
	    (rc = rd_bytes(&t, s->authcode, IPMI15_AUTHCODE_LEN)) != 0)
		return rc;
	if ((rc = rd_u8(&t, &s->msg_len)) != 0 ||
	    (rc = rd_span(&t, &s->msg, s->msg_len)) != 0)
		return rc;
	if (rd_left(&t) == 1) {
		/* The wrapper started at r's offset, the datagram 4 before. */
		len = RMCP_HEADER_LEN + (size_t)(rd_pos(&t) - rd_pos(r));
		if (rd_peek_u8(&t, &pad) == 0 && pad == 0 &&
		    ipmi15_pad_needed(len))
			(void)rd_skip(&t, 1);
	}
	if ((rc = rd_end(&t)) != 0)
		return rc;
	*r = t;
	return 0;
}

int
ipmi15_encode(
    const struct ipmi15_session *s, uint8_t *out, size_t cap, size_t *outlen)
{
	struct wr w;
	size_t	  len;

	if (!ipmi15_authtype_valid(s->authtype) ||
	    (s->msg == NULL && s->msg_len > 0))
		return ERR_INVALID_ARG;
	len = RMCP_HEADER_LEN + 1 + 4 + 4 + 1 + s->msg_len;
	if (s->authtype != IPMI15_AUTHTYPE_NONE)
		len += IPMI15_AUTHCODE_LEN;
	if (len > cap)
		return ERR_NOSPACE;

	wr_init(&w, out, cap);
	/* IPMI 2.0 §13.1.3: IPMI messages never ask for an RMCP ACK. */
	rmcp_encode_header(&w, RMCP_SEQ_NO_ACK, RMCP_CLASS_IPMI);
	wr_u8(&w, s->authtype);
	wr_u32le(&w, s->seq);
	wr_u32le(&w, s->session_id);
	if (s->authtype != IPMI15_AUTHTYPE_NONE)
		wr_bytes(&w, s->authcode, IPMI15_AUTHCODE_LEN);
	wr_u8(&w, s->msg_len);
	wr_bytes(&w, s->msg, s->msg_len);
	if (w.err != 0)
		return w.err;
	*outlen = wr_len(&w);
	return 0;
}
