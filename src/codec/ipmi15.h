/*
 * The IPMI 1.5 session wrapper (IPMI 2.0 §13.6, table 13-8): auth type,
 * session sequence number, session ID, 16-byte auth code (absent for auth
 * type none), message length, the IPMI message, and the legacy pad.
 */
#ifndef BMCSIM_IPMI15_H
#define BMCSIM_IPMI15_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define IPMI15_AUTHTYPE_NONE	 0x00
#define IPMI15_AUTHTYPE_MD2	 0x01
#define IPMI15_AUTHTYPE_MD5	 0x02
#define IPMI15_AUTHTYPE_STRAIGHT 0x04
#define IPMI15_AUTHTYPE_OEM	 0x05
#define IPMI15_AUTHTYPE_RMCPP	 0x06 /* not 1.5: RMCP+ follows */
#define IPMI15_AUTHCODE_LEN	 16
#define IPMI15_MSG_MAX		 255

struct ipmi15_session {
	uint8_t	       authtype;
	uint32_t       seq;
	uint32_t       session_id;
	uint8_t	       authcode[IPMI15_AUTHCODE_LEN]; /* if authtype != NONE */
	const uint8_t *msg;
	uint8_t	       msg_len;
};

/* 1 for NONE, MD2, MD5, STRAIGHT and OEM; 0 for anything else. */
int ipmi15_authtype_valid(uint8_t);

/*
 * 1 if a datagram of this length (RMCP header included, pad excluded) gets
 * the legacy pad byte: 56, 84, 112, 128 or 156 (IPMI 2.0 §13.6).
 */
int ipmi15_pad_needed(size_t datagram_len);

/*
 * Decodes the wrapper from r, positioned just after the RMCP header, and
 * consumes the rest of the datagram.  One trailing zero byte is accepted
 * only as the legacy pad (IPMI 2.0 §13.6: a packet of 56, 84, 112, 128 or
 * 156 bytes gets one).  Returns 0, ERR_TRUNCATED, ERR_TRAILING, or
 * ERR_FORMAT for an unknown auth type.
 */
int ipmi15_decode(struct rd *, struct ipmi15_session *);

/*
 * Encodes a whole datagram: RMCP header (seq ff, class IPMI), wrapper,
 * message and legacy pad where needed.  The auth code is taken from s as
 * is.  Returns 0, ERR_NOSPACE, or ERR_INVALID_ARG (message too long).
 */
int ipmi15_encode(const struct ipmi15_session *, uint8_t *, size_t, size_t *);

#endif
