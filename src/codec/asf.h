/*
 * ASF 2.0 §3.2.4: the presence ping and pong carried in the RMCP ASF class.
 */
#ifndef BMCSIM_ASF_H
#define BMCSIM_ASF_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define ASF_IANA	       4542 /* 0x000011be, big-endian on the wire */
#define ASF_TYPE_PING	       0x80
#define ASF_TYPE_PONG	       0x40
#define ASF_HEADER_LEN	       8
#define ASF_PONG_DATA_LEN      16
#define ASF_ENTITY_IPMI	       0x80 /* supported entities: IPMI */
#define ASF_ENTITY_ASF_1_0     0x01 /* supported entities: ASF 1.0 */
#define ASF_INTERACTION_DASH   0x20
#define ASF_INTERACTION_SECURE 0x80

/* One ASF message; data points into the decoded buffer. */
struct asf_msg {
	uint32_t       iana;
	uint8_t	       type;
	uint8_t	       tag;
	uint8_t	       reserved;
	uint8_t	       data_len;
	const uint8_t *data;
};

/* The 16 data bytes of a presence pong. */
struct asf_pong {
	uint32_t iana; /* enterprise of the OEM field */
	uint32_t oem;
	uint8_t	 entities;
	uint8_t	 interactions;
};

/*
 * Decodes an ASF message from r (after the RMCP header), consuming exactly
 * 8 + data length bytes.  Returns 0, ERR_TRUNCATED or ERR_TRAILING.
 */
int asf_decode(struct rd *, struct asf_msg *);
/* Decodes the data of a pong: 0, ERR_TRUNCATED or ERR_TRAILING. */
int asf_decode_pong(const uint8_t *, size_t, struct asf_pong *);

/* Whole datagrams, RMCP header included.  0 or ERR_NOSPACE. */
int asf_encode_ping(uint8_t rmcp_seq, uint8_t tag, uint8_t *, size_t, size_t *);
int asf_encode_pong(uint8_t rmcp_seq, uint8_t tag, const struct asf_pong *,
    uint8_t *, size_t, size_t *);

#endif
