/*
 * The Serial over LAN payload (RMCP+ payload type 01h, IPMI 2.0 §15.9,
 * table 15-2): a 4-byte header, then character data, in both directions.
 *
 *   byte 1  bits 3:0 packet sequence number, 1..15; 0: an ACK-only packet
 *   byte 2  bits 3:0 the sequence number being ACKed or NACKed; 0: none
 *   byte 3  accepted character count for that packet
 *   byte 4  operation (console to BMC) or status (BMC to console) bits
 *   5..N    characters
 */
#ifndef BMCSIM_SOLPKT_H
#define BMCSIM_SOLPKT_H

#include <stddef.h>
#include <stdint.h>

#define SOLPKT_HEADER_LEN 4
#define SOLPKT_DATA_MAX	  255 /* the accepted count is one byte */
#define SOLPKT_SEQ_MASK	  0x0f

/* Byte 4, both directions. */
#define SOLPKT_NACK 0x40
/* Console to BMC (operation, table 15-2). */
#define SOLPKT_OP_RING		 0x20
#define SOLPKT_OP_BREAK		 0x10
#define SOLPKT_OP_CTS_PAUSE	 0x08
#define SOLPKT_OP_DCD_DSR	 0x04
#define SOLPKT_OP_FLUSH_INBOUND	 0x02 /* console-to-system data in the BMC */
#define SOLPKT_OP_FLUSH_OUTBOUND 0x01 /* system-to-console data */
/* BMC to console (status). */
#define SOLPKT_ST_UNAVAILABLE 0x20 /* character transfer unavailable */
#define SOLPKT_ST_DEACTIVATED 0x10
#define SOLPKT_ST_OVERRUN     0x08
#define SOLPKT_ST_BREAK	      0x04

struct solpkt {
	uint8_t	       seq;	 /* 0: ACK only */
	uint8_t	       ack_seq;	 /* 0: acknowledges nothing */
	uint8_t	       accepted; /* characters of ack_seq taken */
	uint8_t	       op;	 /* operation or status bits */
	const uint8_t *data;
	size_t	       len; /* 0..SOLPKT_DATA_MAX */
};

/*
 * Reads a whole SOL payload: 0, ERR_TRUNCATED (under 4 bytes) or
 * ERR_FORMAT (more than SOLPKT_DATA_MAX characters).  The reserved high
 * nibbles of bytes 1 and 2 are ignored, as the spec asks of a receiver.
 * m->data points into p.
 */
int solpkt_decode(const uint8_t *p, size_t len, struct solpkt *m);

/*
 * Writes m into out (cap bytes): 0 and *outlen, ERR_NOSPACE, or
 * ERR_INVALID_ARG (a sequence number above 15 or too many characters).
 */
int
solpkt_encode(const struct solpkt *m, uint8_t *out, size_t cap, size_t *outlen);

/*
 * The status or operation bits as words ("NACK, break"), toward_console
 * choosing the table; "none" for 0.  Returns buf.
 */
const char *
solpkt_bits_format(uint8_t bits, int toward_console, char *buf, size_t cap);

#endif
