/*
 * RMCP (ASF 2.0 §3.2.2): the 4-byte header in front of every datagram on
 * UDP 623, and the class that says what follows (ASF or IPMI).
 */
#ifndef BMCSIM_RMCP_H
#define BMCSIM_RMCP_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define RMCP_HEADER_LEN	 4
#define RMCP_VERSION_1_0 0x06
#define RMCP_SEQ_NO_ACK	 0xff /* required for the IPMI class */
#define RMCP_CLASS_MASK	 0x1f
#define RMCP_CLASS_ACK	 0x80 /* bit 7: this message is an ACK */
#define RMCP_CLASS_ASF	 0x06
#define RMCP_CLASS_IPMI	 0x07
#define RMCP_CLASS_OEM	 0x08

struct rmcp_header {
	uint8_t version;
	uint8_t reserved;
	uint8_t seq;
	uint8_t class_byte; /* class in bits 4:0, ACK in bit 7 */
};

/*
 * Reads the 4-byte header.  Returns 0 or ERR_TRUNCATED; checks nothing else,
 * so the caller can count each kind of bad header on its own.
 */
int rmcp_decode_header(struct rd *, struct rmcp_header *);

/* Appends 06 00 seq class. */
int rmcp_encode_header(struct wr *, uint8_t seq, uint8_t class_byte);

#endif
