#include <string.h>

#include "cursor.h"
#include "err.h"

void
rd_init(struct rd *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = buf == NULL ? 0 : len;
	r->off = 0;
}

size_t
rd_left(const struct rd *r)
{
	return r->len - r->off;
}

const uint8_t *
rd_pos(const struct rd *r)
{
	return r->buf + r->off;
}

int
rd_span(struct rd *r, const uint8_t **p, size_t n)
{
	if (rd_left(r) < n)
		return ERR_TRUNCATED;
	if (p != NULL)
		*p = r->buf + r->off;
	r->off += n;
	return 0;
}

int
rd_skip(struct rd *r, size_t n)
{
	return rd_span(r, NULL, n);
}

int
rd_bytes(struct rd *r, void *dst, size_t n)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, n)) != 0)
		return rc;
	if (n > 0)
		memcpy(dst, p, n);
	return 0;
}

int
rd_sub(struct rd *r, struct rd *sub, size_t n)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, n)) != 0)
		return rc;
	sub->buf = p;
	sub->len = n;
	sub->off = 0;
	return 0;
}

int
rd_peek_u8(const struct rd *r, uint8_t *v)
{
	if (rd_left(r) < 1)
		return ERR_TRUNCATED;
	*v = r->buf[r->off];
	return 0;
}

int
rd_u8(struct rd *r, uint8_t *v)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, 1)) != 0)
		return rc;
	*v = p[0];
	return 0;
}

int
rd_u16le(struct rd *r, uint16_t *v)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, 2)) != 0)
		return rc;
	*v = (uint16_t)(p[0] | p[1] << 8);
	return 0;
}

int
rd_u16be(struct rd *r, uint16_t *v)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, 2)) != 0)
		return rc;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return 0;
}

int
rd_u32le(struct rd *r, uint32_t *v)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, 4)) != 0)
		return rc;
	*v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
	return 0;
}

int
rd_u32be(struct rd *r, uint32_t *v)
{
	const uint8_t *p;
	int	       rc;

	if ((rc = rd_span(r, &p, 4)) != 0)
		return rc;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	    (uint32_t)p[3];
	return 0;
}

int
rd_end(const struct rd *r)
{
	return rd_left(r) == 0 ? 0 : ERR_TRAILING;
}

void
wr_init(struct wr *w, void *buf, size_t cap)
{
	w->buf = buf;
	w->cap = buf == NULL ? 0 : cap;
	w->len = 0;
	w->err = 0;
}

size_t
wr_len(const struct wr *w)
{
	return w->len;
}

uint8_t *
wr_reserve(struct wr *w, size_t n)
{
	uint8_t *p;

	if (w->err != 0 || w->cap - w->len < n) {
		w->err = ERR_NOSPACE;
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

int
wr_bytes(struct wr *w, const void *src, size_t n)
{
	uint8_t *p;

	if ((p = wr_reserve(w, n)) == NULL)
		return w->err;
	if (n > 0)
		memcpy(p, src, n);
	return 0;
}

int
wr_fill(struct wr *w, uint8_t v, size_t n)
{
	uint8_t *p;

	if ((p = wr_reserve(w, n)) == NULL)
		return w->err;
	memset(p, v, n);
	return 0;
}

int
wr_u8(struct wr *w, uint8_t v)
{
	return wr_bytes(w, &v, 1);
}

int
wr_u16le(struct wr *w, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};

	return wr_bytes(w, b, sizeof(b));
}

int
wr_u16be(struct wr *w, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};

	return wr_bytes(w, b, sizeof(b));
}

int
wr_u32le(struct wr *w, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 24)};

	return wr_bytes(w, b, sizeof(b));
}

int
wr_u32be(struct wr *w, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v};

	return wr_bytes(w, b, sizeof(b));
}
