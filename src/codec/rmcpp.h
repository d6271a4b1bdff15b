/*
 * The RMCP+ session wrapper (IPMI 2.0 §13.6, table 13-8): auth type 06h,
 * payload type with its encrypted and authenticated bits, the OEM IANA and
 * payload ID for OEM explicit payloads, session ID, sequence number, a
 * 16-bit payload length, the payload, and for authenticated packets the
 * integrity trailer (table 13-8 and §13.28.4): pad of FFh bytes so that
 * everything from the auth type through the next header is a multiple of
 * four bytes, the pad length, next header 07h, and the auth code.
 */
#ifndef BMCSIM_RMCPP_H
#define BMCSIM_RMCPP_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define RMCPP_AUTHTYPE		    0x06
#define RMCPP_PAYLOAD_ENCRYPTED	    0x80
#define RMCPP_PAYLOAD_AUTHENTICATED 0x40
#define RMCPP_PAYLOAD_TYPE_MASK	    0x3f
#define RMCPP_NEXT_HEADER	    0x07
#define RMCPP_INTEGRITY_PAD_BYTE    0xff
#define RMCPP_AUTHCODE_MAX	    32

enum rmcpp_payload_type {
	RMCPP_PT_IPMI = 0x00,
	RMCPP_PT_SOL = 0x01,
	RMCPP_PT_OEM_EXPLICIT = 0x02,
	RMCPP_PT_OPEN_SESSION_REQ = 0x10,
	RMCPP_PT_OPEN_SESSION_RSP = 0x11,
	RMCPP_PT_RAKP1 = 0x12,
	RMCPP_PT_RAKP2 = 0x13,
	RMCPP_PT_RAKP3 = 0x14,
	RMCPP_PT_RAKP4 = 0x15
};

struct rmcpp_packet {
	uint8_t	       payload_type; /* bits 5:0 */
	int	       encrypted;
	int	       authenticated;
	uint32_t       oem_iana;       /* OEM explicit only; 3 bytes LE */
	uint16_t       oem_payload_id; /* OEM explicit only */
	uint32_t       session_id;
	uint32_t       seq;
	const uint8_t *payload;
	uint16_t       payload_len;
	/* Set by rmcpp_decode_trailer for authenticated packets. */
	uint8_t	       pad_len;
	const uint8_t *authcode;
	size_t	       authcode_len;
	/* The bytes the auth code covers: auth type through next header. */
	const uint8_t *integrity_data;
	size_t	       integrity_len;
};

/*
 * Decodes the session header and the payload span from r, positioned at the
 * auth type byte (just after the RMCP header).  What follows the payload is
 * left in r for rmcpp_decode_trailer().  Returns 0, ERR_TRUNCATED, or
 * ERR_FORMAT if the auth type is not 06h.
 */
int rmcpp_decode_header(struct rd *, struct rmcpp_packet *);

/*
 * Consumes the rest of r: nothing for an unauthenticated packet; else the
 * integrity pad, pad length, next header and an auth code of authcode_len
 * bytes (which the caller knows from the session's integrity algorithm).
 * Returns 0, ERR_TRUNCATED, ERR_TRAILING, or ERR_PAD for a pad that is not
 * FFh bytes, a pad length that disagrees, a misaligned trailer, or a next
 * header other than 07h.
 */
int
rmcpp_decode_trailer(struct rd *, size_t authcode_len, struct rmcpp_packet *);

/*
 * For a packet whose integrity algorithm is unknown (the describer, a
 * capture): the auth code length implied by the trailer, or -1.
 */
int rmcpp_infer_authcode_len(const struct rmcpp_packet *, size_t left);

/*
 * Encodes a whole datagram: RMCP header, session header, p->payload (already
 * encrypted if p->encrypted) and, when p->authenticated, the trailer with
 * authcode_len zero bytes of auth code.  *authcode (if not NULL) is pointed
 * at those bytes inside out, or set to NULL; the caller computes the
 * integrity value over out + RMCP_HEADER_LEN up to *authcode and writes it
 * there.  Returns 0, ERR_NOSPACE or ERR_INVALID_ARG.
 */
int rmcpp_encode(const struct rmcpp_packet *, size_t authcode_len, uint8_t *,
    size_t, size_t *, uint8_t **authcode);

#endif
