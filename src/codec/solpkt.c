/*
 * The SOL payload codec (IPMI 2.0 §15.9).  Both directions share one
 * layout; only the meaning of byte 4 differs, so the describer asks which
 * way a packet went.
 */
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "solpkt.h"

int
solpkt_decode(const uint8_t *p, size_t len, struct solpkt *m)
{
	struct rd r;
	size_t	  n;

	rd_init(&r, p, len);
	memset(m, 0, sizeof(*m));
	if (rd_u8(&r, &m->seq) != 0 || rd_u8(&r, &m->ack_seq) != 0 ||
	    rd_u8(&r, &m->accepted) != 0 || rd_u8(&r, &m->op) != 0)
		return ERR_TRUNCATED;
	/* §15.9: bits 7:4 of the sequence bytes are reserved. */
	m->seq &= SOLPKT_SEQ_MASK;
	m->ack_seq &= SOLPKT_SEQ_MASK;
	if ((n = rd_left(&r)) > SOLPKT_DATA_MAX)
		return ERR_FORMAT;
	m->len = n;
	return rd_span(&r, &m->data, n) != 0 ? ERR_TRUNCATED : 0;
}

int
solpkt_encode(const struct solpkt *m, uint8_t *out, size_t cap, size_t *outlen)
{
	struct wr w;
	size_t	  need = SOLPKT_HEADER_LEN + m->len;

	if (m->seq > SOLPKT_SEQ_MASK || m->ack_seq > SOLPKT_SEQ_MASK ||
	    m->len > SOLPKT_DATA_MAX)
		return ERR_INVALID_ARG;
	if (need > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, m->seq);
	wr_u8(&w, m->ack_seq);
	wr_u8(&w, m->accepted);
	wr_u8(&w, m->op);
	wr_bytes(&w, m->data, m->len);
	*outlen = need;
	return 0;
}

/* Table 15-2, bit 0 first. */
static const char *const solpkt_op_names[8] = {"flush outbound",
    "flush inbound", "deassert DCD/DSR", "CTS pause", "break", "ring", "NACK",
    "reserved bit 7"};
static const char *const solpkt_status_names[8] = {"reserved bit 0",
    "reserved bit 1", "break detected", "transmit overrun", "deactivated",
    "character transfer unavailable", "NACK", "reserved bit 7"};

const char *
solpkt_bits_format(uint8_t bits, int toward_console, char *buf, size_t cap)
{
	const char *const *names = toward_console ? solpkt_status_names
						  : solpkt_op_names;
	size_t		   used = 0;
	int		   i, w;

	if (cap == 0)
		return buf;
	buf[0] = '\0';
	if (bits == 0) {
		snprintf(buf, cap, "none");
		return buf;
	}
	/* NACK first: it qualifies the rest. */
	for (i = 7; i >= 0 && used < cap; i--) {
		int bit = i == 7 ? 6 : i == 6 ? 7 : i;

		if (!(bits & (1u << bit)))
			continue;
		w = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
		    names[bit]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}
