/*
 * Bounded cursors over byte buffers.
 *
 * Every read from the wire goes through struct rd: a read that would cross
 * the end fails with ERR_TRUNCATED and leaves the cursor where it was.
 * struct wr is the matching writer: a write that would overflow fails with
 * ERR_NOSPACE, writes nothing, and makes every later write fail too, so an
 * encoder may check once at the end.
 */
#ifndef BMCSIM_CURSOR_H
#define BMCSIM_CURSOR_H

#include <stddef.h>
#include <stdint.h>

struct rd {
	const uint8_t *buf;
	size_t	       len;
	size_t	       off;
};

struct wr {
	uint8_t *buf;
	size_t	 cap;
	size_t	 len;
	int	 err;
};

/* Readers: return 0, or ERR_TRUNCATED without moving. */
void rd_init(struct rd *, const void *, size_t);
int  rd_u8(struct rd *, uint8_t *);
int  rd_u16le(struct rd *, uint16_t *);
int  rd_u16be(struct rd *, uint16_t *);
int  rd_u32le(struct rd *, uint32_t *);
int  rd_u32be(struct rd *, uint32_t *);
int  rd_bytes(struct rd *, void *, size_t);
/* Points *p at the next n bytes without copying them. */
int rd_span(struct rd *, const uint8_t **, size_t);
/* Splits the next n bytes off as a cursor of their own. */
int rd_sub(struct rd *, struct rd *, size_t);
int rd_skip(struct rd *, size_t);
/* Reads the next byte without consuming it. */
int rd_peek_u8(const struct rd *, uint8_t *);
/* Returns 0 when every byte was consumed, else ERR_TRAILING. */
int    rd_end(const struct rd *);
size_t rd_left(const struct rd *);
/* Where the cursor stands, for spans that cover already-read bytes. */
const uint8_t *rd_pos(const struct rd *);

/* Writers: return 0, or ERR_NOSPACE (sticky in w->err). */
void wr_init(struct wr *, void *, size_t);
int  wr_u8(struct wr *, uint8_t);
int  wr_u16le(struct wr *, uint16_t);
int  wr_u16be(struct wr *, uint16_t);
int  wr_u32le(struct wr *, uint32_t);
int  wr_u32be(struct wr *, uint32_t);
int  wr_bytes(struct wr *, const void *, size_t);
int  wr_fill(struct wr *, uint8_t, size_t);
/* Reserves n bytes to be filled later; NULL on overflow. */
uint8_t *wr_reserve(struct wr *, size_t);
size_t	 wr_len(const struct wr *);

#endif
