/*
 * The FRU information format (Platform Management FRU Information Storage
 * Definition v1.0).  Lengths and offsets count 8-byte blocks; every
 * structure ends in a zero checksum; info area fields are type/length
 * bytes followed by the data, ended by C1h.
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "fru_record.h"

/* Bytes between an info area's length byte and its first field. */
static const struct {
	const char *name;
	size_t	    fixed;
} fru_record_kinds[FRU_RECORD_AREAS] = {
    [FRU_RECORD_CHASSIS] = {"chassis", 1}, /* chassis type (§10) */
    [FRU_RECORD_BOARD] = {"board", 4},	   /* language, mfg time (§11) */
    [FRU_RECORD_PRODUCT] = {"product", 1}, /* language (§12) */
};

const char *
fru_record_kind_name(uint8_t kind)
{
	return kind < FRU_RECORD_AREAS ? fru_record_kinds[kind].name
				       : "unknown";
}

uint8_t
fru_record_checksum(const uint8_t *p, size_t n)
{
	struct rd r;
	uint8_t	  b, sum = 0;

	rd_init(&r, p, n);
	while (rd_u8(&r, &b) == 0)
		sum = (uint8_t)(sum + b);
	return (uint8_t)-sum;
}

/* ---- encoding ---- */

static int
fru_record_finish(struct wr *w, size_t *len)
{
	if (w->err != 0)
		return w->err;
	*len = wr_len(w);
	return 0;
}

int
fru_record_encode_header(
    const struct fru_record_header *h, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;
	int	  i;

	if (cap < FRU_RECORD_HEADER_LEN)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, h->version);
	wr_u8(&w, h->internal_use);
	for (i = 0; i < FRU_RECORD_AREAS; i++)
		wr_u8(&w, h->area[i]);
	wr_u8(&w, h->multi);
	wr_u8(&w, 0x00); /* pad */
	wr_u8(&w, fru_record_checksum(out, FRU_RECORD_HEADER_LEN - 1));
	return fru_record_finish(&w, len);
}

/* The area's whole length (a multiple of 8), or 0 if it cannot be one. */
static size_t
fru_record_area_len(const struct fru_record_area *a)
{
	size_t n, i;

	if (a->kind >= FRU_RECORD_AREAS || a->nfields > FRU_RECORD_FIELDS_MAX)
		return 0;
	n = 2 + fru_record_kinds[a->kind].fixed;
	for (i = 0; i < a->nfields; i++) {
		if (a->field[i].len > FRU_RECORD_FIELD_LEN_MAX)
			return 0;
		n += 1 + a->field[i].len;
	}
	n += 1 + 1; /* the end marker and the checksum */
	n = (n + 7) / 8 * 8;
	return n / 8 > 0xff ? 0 : n;
}

int
fru_record_encode_area(
    const struct fru_record_area *a, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;
	size_t	  need = fru_record_area_len(a), i;

	if (need == 0)
		return ERR_INVALID_ARG;
	if (need > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, FRU_RECORD_VERSION);
	wr_u8(&w, (uint8_t)(need / 8));
	if (a->kind == FRU_RECORD_CHASSIS)
		wr_u8(&w, a->chassis_type);
	else
		wr_u8(&w, a->language);
	if (a->kind == FRU_RECORD_BOARD) {
		/* Minutes since 1996-01-01, 3 bytes, LS byte first (§11). */
		wr_u16le(&w, (uint16_t)a->mfg_minutes);
		wr_u8(&w, (uint8_t)(a->mfg_minutes >> 16));
	}
	for (i = 0; i < a->nfields; i++) {
		wr_u8(&w, (uint8_t)(a->field[i].type << 6 | a->field[i].len));
		wr_bytes(&w, a->field[i].data, a->field[i].len);
	}
	wr_u8(&w, FRU_RECORD_END_OF_FIELDS);
	wr_fill(&w, 0x00, need - 1 - wr_len(&w));
	wr_u8(&w, fru_record_checksum(out, need - 1));
	return fru_record_finish(&w, len);
}

int
fru_record_encode_multi(
    const struct fru_record_multi *m, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;

	if (FRU_RECORD_MULTI_HDR_LEN + (size_t)m->len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, m->type);
	wr_u8(&w,
	    (uint8_t)((m->end ? FRU_RECORD_MULTI_END : 0) |
		(m->version & 0x0f)));
	wr_u8(&w, m->len);
	wr_u8(&w, fru_record_checksum(m->data, m->len));
	wr_u8(&w, fru_record_checksum(out, 4));
	wr_bytes(&w, m->data, m->len);
	return fru_record_finish(&w, len);
}

int
fru_record_encode_image(
    const struct fru_record_image *img, uint8_t *out, size_t cap, size_t *len)
{
	struct fru_record_header h = {.version = FRU_RECORD_VERSION};
	struct fru_record_multi	 m;
	size_t			 need = FRU_RECORD_HEADER_LEN, n, i;
	size_t			 at[FRU_RECORD_AREAS] = {0};
	int			 rc;

	if (img->nmulti > FRU_RECORD_MULTI_MAX)
		return ERR_INVALID_ARG;
	/* The layout and the length first; offsets must fit a byte. */
	for (i = 0; i < FRU_RECORD_AREAS; i++) {
		if (!img->area[i].present)
			continue;
		if (img->area[i].kind != i ||
		    (n = fru_record_area_len(&img->area[i])) == 0)
			return ERR_INVALID_ARG;
		if (need / 8 > 0xff)
			return ERR_INVALID_ARG; /* the offset fits a byte */
		at[i] = need;
		need += n;
	}
	if (img->nmulti > 0) {
		if (need / 8 > 0xff)
			return ERR_INVALID_ARG;
		h.multi = (uint8_t)(need / 8);
		for (i = 0; i < img->nmulti; i++)
			need += FRU_RECORD_MULTI_HDR_LEN + img->multi[i].len;
		need = (need + 7) / 8 * 8;
	}
	if (need > cap)
		return ERR_NOSPACE;
	for (i = 0; i < FRU_RECORD_AREAS; i++)
		h.area[i] = (uint8_t)(at[i] / 8);
	/* Everything fits: each part is written where the layout put it. */
	if ((rc = fru_record_encode_header(&h, out, cap, &n)) != 0)
		return rc;
	for (i = 0; i < FRU_RECORD_AREAS; i++)
		if (img->area[i].present &&
		    (rc = fru_record_encode_area(
			 &img->area[i], out + at[i], cap - at[i], &n)) != 0)
			return rc;
	if (img->nmulti > 0) {
		size_t off = (size_t)h.multi * 8;

		for (i = 0; i < img->nmulti; i++) {
			m = img->multi[i];
			m.end = i + 1 == img->nmulti;
			if ((rc = fru_record_encode_multi(
				 &m, out + off, cap - off, &n)) != 0)
				return rc;
			off += n;
		}
		memset(out + off, 0, need - off);
	}
	*len = need;
	return 0;
}

/* ---- decoding ---- */

int
fru_record_decode_header(
    const uint8_t *p, size_t n, struct fru_record_header *h)
{
	struct rd r;
	uint8_t	  pad, sum;
	int	  i, rc;

	memset(h, 0, sizeof(*h));
	rd_init(&r, p, n);
	if ((rc = rd_u8(&r, &h->version)) != 0 ||
	    (rc = rd_u8(&r, &h->internal_use)) != 0)
		return rc;
	for (i = 0; i < FRU_RECORD_AREAS; i++)
		if ((rc = rd_u8(&r, &h->area[i])) != 0)
			return rc;
	if ((rc = rd_u8(&r, &h->multi)) != 0 || (rc = rd_u8(&r, &pad)) != 0 ||
	    (rc = rd_u8(&r, &sum)) != 0 || (rc = rd_end(&r)) != 0)
		return rc;
	if (fru_record_checksum(p, n) != 0)
		return ERR_CHECKSUM;
	/* Bits 3:0 are the format version; 7:4 are reserved (§8). */
	return (h->version & 0x0f) == FRU_RECORD_VERSION ? 0 : ERR_FORMAT;
}

/* The fields up to the end marker; the rest of r is padding. */
static int
fru_record_get_fields(struct rd *r, struct fru_record_area *a)
{
	struct fru_record_field *f;
	uint8_t			 tl;
	int			 rc;

	for (;;) {
		if (rd_u8(r, &tl) != 0)
			return ERR_FORMAT; /* no end marker */
		if (tl == FRU_RECORD_END_OF_FIELDS)
			return rd_skip(r, rd_left(r));
		if (a->nfields == FRU_RECORD_FIELDS_MAX)
			return ERR_UNSUPPORTED;
		f = &a->field[a->nfields];
		f->type = tl >> 6;
		f->len = tl & FRU_RECORD_FIELD_LEN_MAX;
		if ((rc = rd_span(r, &f->data, f->len)) != 0)
			return ERR_FORMAT;
		a->nfields++;
	}
}

int
fru_record_decode_area(
    const uint8_t *p, size_t n, uint8_t kind, struct fru_record_area *a)
{
	struct rd r, body;
	uint8_t	  lo, mid, hi, sum;
	int	  rc;

	memset(a, 0, sizeof(*a));
	if (kind >= FRU_RECORD_AREAS)
		return ERR_INVALID_ARG;
	a->kind = kind;
	rd_init(&r, p, n);
	if ((rc = rd_u8(&r, &a->version)) != 0 ||
	    (rc = rd_u8(&r, &a->length)) != 0)
		return rc;
	if (a->length == 0)
		return ERR_FORMAT;
	if (n < (size_t)a->length * 8)
		return ERR_TRUNCATED;
	if (n > (size_t)a->length * 8)
		return ERR_TRAILING;
	if (fru_record_checksum(p, n) != 0)
		return ERR_CHECKSUM;
	if ((a->version & 0x0f) != FRU_RECORD_VERSION)
		return ERR_FORMAT;
	/* Everything but the checksum byte holds fields and padding. */
	if ((rc = rd_sub(&r, &body, rd_left(&r) - 1)) != 0 ||
	    (rc = rd_u8(&r, &sum)) != 0)
		return rc;
	if (kind == FRU_RECORD_CHASSIS)
		rc = rd_u8(&body, &a->chassis_type);
	else
		rc = rd_u8(&body, &a->language);
	if (rc == 0 && kind == FRU_RECORD_BOARD) {
		if ((rc = rd_u8(&body, &lo)) == 0 &&
		    (rc = rd_u8(&body, &mid)) == 0 &&
		    (rc = rd_u8(&body, &hi)) == 0)
			a->mfg_minutes = (uint32_t)hi << 16 |
			    (uint32_t)mid << 8 | lo;
	}
	if (rc != 0)
		return ERR_FORMAT; /* an 8-byte area too short for its kind */
	if ((rc = fru_record_get_fields(&body, a)) != 0)
		return rc;
	a->present = 1;
	return rd_end(&r);
}

int
fru_record_decode_multi(struct rd *r, struct fru_record_multi *m)
{
	struct rd      t = *r, h;
	const uint8_t *hdr;
	uint8_t	       b1, sum;
	int	       rc;

	memset(m, 0, sizeof(*m));
	if ((rc = rd_span(&t, &hdr, FRU_RECORD_MULTI_HDR_LEN)) != 0)
		return rc;
	rd_init(&h, hdr, FRU_RECORD_MULTI_HDR_LEN);
	if ((rc = rd_u8(&h, &m->type)) != 0 || (rc = rd_u8(&h, &b1)) != 0 ||
	    (rc = rd_u8(&h, &m->len)) != 0 || (rc = rd_u8(&h, &sum)) != 0)
		return rc;
	/* The header checksum covers the five header bytes (§16.2.1). */
	if (fru_record_checksum(hdr, FRU_RECORD_MULTI_HDR_LEN) != 0)
		return ERR_CHECKSUM;
	m->end = (b1 & FRU_RECORD_MULTI_END) != 0;
	m->version = b1 & 0x0f;
	if (m->version != FRU_RECORD_MULTI_VERSION)
		return ERR_FORMAT;
	if ((rc = rd_span(&t, &m->data, m->len)) != 0)
		return rc;
	if (fru_record_checksum(m->data, m->len) != sum)
		return ERR_CHECKSUM;
	*r = t;
	return 0;
}

/* The bytes from offset off (in 8-byte blocks) on, as a cursor. */
static int
fru_record_at(const uint8_t *p, size_t n, uint8_t off, struct rd *r)
{
	rd_init(r, p, n);
	return rd_skip(r, (size_t)off * 8);
}

int
fru_record_decode_image(
    const uint8_t *p, size_t n, struct fru_record_image *img)
{
	struct rd      r, peek;
	const uint8_t *area;
	uint8_t	       blocks;
	size_t	       end;
	int	       i, rc;

	memset(img, 0, sizeof(*img));
	if (n < FRU_RECORD_HEADER_LEN)
		return ERR_TRUNCATED;
	if ((rc = fru_record_decode_header(
		 p, FRU_RECORD_HEADER_LEN, &img->hdr)) != 0)
		return rc;
	img->used = FRU_RECORD_HEADER_LEN;
	for (i = 0; i < FRU_RECORD_AREAS; i++) {
		if (img->hdr.area[i] == 0)
			continue;
		/* The length byte, then the area as long as it says. */
		if ((rc = fru_record_at(p, n, img->hdr.area[i], &r)) != 0)
			return rc;
		peek = r;
		if ((rc = rd_skip(&peek, 1)) != 0 ||
		    (rc = rd_u8(&peek, &blocks)) != 0)
			return rc;
		if (blocks == 0)
			return ERR_FORMAT;
		if ((rc = rd_span(&r, &area, (size_t)blocks * 8)) != 0 ||
		    (rc = fru_record_decode_area(area, (size_t)blocks * 8,
			 (uint8_t)i, &img->area[i])) != 0)
			return rc;
		end = (size_t)img->hdr.area[i] * 8 + (size_t)blocks * 8;
		if (end > img->used)
			img->used = end;
	}
	if (img->hdr.multi == 0)
		return 0;
	if ((rc = fru_record_at(p, n, img->hdr.multi, &r)) != 0)
		return rc;
	do {
		if (img->nmulti == FRU_RECORD_MULTI_MAX)
			return ERR_UNSUPPORTED;
		if ((rc = fru_record_decode_multi(
			 &r, &img->multi[img->nmulti])) != 0)
			return rc;
	} while (!img->multi[img->nmulti++].end);
	end = n - rd_left(&r);
	if (end > img->used)
		img->used = end;
	return 0;
}
