/*
 * Sensor Data Records, IPMI 2.0 section 43.  Multi-byte fields are least
 * significant byte first (§43.1); the 10-bit M, B and accuracy and the
 * 4-bit exponents are split across bytes as tables 43-1 shows.
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "sdr_record.h"

static const struct {
	uint8_t	    type;
	const char *name;
} sdr_record_types[] = {
    {SDR_RECORD_FULL, "Full Sensor"},
    {SDR_RECORD_COMPACT, "Compact Sensor"},
    {0x03, "Event-Only Sensor"},
    {0x08, "Entity Association"},
    {0x09, "Device-relative Entity Association"},
    {0x10, "Generic Device Locator"},
    {SDR_RECORD_FRU_LOC, "FRU Device Locator"},
    {SDR_RECORD_MC_LOC, "Management Controller Device Locator"},
    {0x13, "Management Controller Confirmation"},
    {0x14, "BMC Message Channel Info"},
    {0xc0, "OEM"},
};

const char *
sdr_record_type_name(uint8_t type)
{
	size_t i;

	for (i = 0; i < sizeof(sdr_record_types) / sizeof(sdr_record_types[0]);
	     i++)
		if (sdr_record_types[i].type == type)
			return sdr_record_types[i].name;
	return "unknown";
}

/* ---- encoding ---- */

static int
sdr_record_check(
    const struct sdr_record_idstr *id, size_t fixed, size_t cap, size_t *need)
{
	if (id->len > SDR_RECORD_ID_MAX)
		return ERR_INVALID_ARG;
	*need = fixed + id->len;
	return *need > cap ? ERR_NOSPACE : 0;
}

static void
sdr_record_put_header(struct wr *w, uint16_t id, uint8_t type, size_t total)
{
	wr_u16le(w, id);
	wr_u8(w, SDR_RECORD_VERSION);
	wr_u8(w, type);
	wr_u8(w, (uint8_t)(total - SDR_RECORD_HEADER_LEN));
}

static void
sdr_record_put_idstr(struct wr *w, const struct sdr_record_idstr *id)
{
	wr_u8(w, (uint8_t)(id->type << 6 | id->len));
	wr_bytes(w, id->bytes, id->len);
}

static void
sdr_record_put_sensor(struct wr *w, const struct sdr_record_sensor *s)
{
	wr_u8(w, s->owner_id);
	wr_u8(w, s->owner_lun);
	wr_u8(w, s->number);
	wr_u8(w, s->entity_id);
	wr_u8(w, s->entity_instance);
	wr_u8(w, s->init);
	wr_u8(w, s->caps);
	wr_u8(w, s->sensor_type);
	wr_u8(w, s->event_type);
	wr_u16le(w, s->assert_mask);
	wr_u16le(w, s->deassert_mask);
	wr_u16le(w, s->reading_mask);
	wr_u8(w, s->units1);
	wr_u8(w, s->units2);
	wr_u8(w, s->units3);
}

static int
sdr_record_finish(struct wr *w, size_t *len)
{
	if (w->err != 0)
		return w->err;
	*len = wr_len(w);
	return 0;
}

int
sdr_record_encode_full(
    const struct sdr_record_full *r, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;
	uint16_t  m = (uint16_t)r->m & 0x3ff, b = (uint16_t)r->b & 0x3ff;
	size_t	  need;
	int	  i, rc;

	if ((rc = sdr_record_check(
		 &r->idstr, SDR_RECORD_FULL_FIXED_LEN, cap, &need)) != 0)
		return rc;
	wr_init(&w, out, cap);
	sdr_record_put_header(&w, r->hdr.id, SDR_RECORD_FULL, need);
	sdr_record_put_sensor(&w, &r->s);
	wr_u8(&w, r->linearization);
	/* Bytes 25-30: M, tolerance, B, accuracy, exponents (table 43-1). */
	wr_u8(&w, (uint8_t)m);
	wr_u8(&w, (uint8_t)((m >> 8) << 6 | (r->tolerance & 0x3f)));
	wr_u8(&w, (uint8_t)b);
	wr_u8(&w, (uint8_t)((b >> 8) << 6 | (r->accuracy & 0x3f)));
	wr_u8(&w,
	    (uint8_t)(((r->accuracy >> 6) & 0x0f) << 4 |
		(r->accuracy_exp & 0x03) << 2 | (r->direction & 0x03)));
	wr_u8(&w, (uint8_t)((r->r_exp & 0x0f) << 4 | (r->b_exp & 0x0f)));
	wr_u8(&w, r->analog_flags);
	wr_u8(&w, r->nominal);
	wr_u8(&w, r->normal_max);
	wr_u8(&w, r->normal_min);
	wr_u8(&w, r->sensor_max);
	wr_u8(&w, r->sensor_min);
	for (i = 0; i < SDR_RECORD_THRESHOLDS; i++)
		wr_u8(&w, r->threshold[i]);
	wr_u8(&w, r->hyst_pos);
	wr_u8(&w, r->hyst_neg);
	wr_fill(&w, 0, 2); /* reserved */
	wr_u8(&w, r->oem);
	sdr_record_put_idstr(&w, &r->idstr);
	return sdr_record_finish(&w, len);
}

int
sdr_record_encode_compact(
    const struct sdr_record_compact *r, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;
	size_t	  need;
	int	  rc;

	if ((rc = sdr_record_check(
		 &r->idstr, SDR_RECORD_COMPACT_FIXED_LEN, cap, &need)) != 0)
		return rc;
	wr_init(&w, out, cap);
	sdr_record_put_header(&w, r->hdr.id, SDR_RECORD_COMPACT, need);
	sdr_record_put_sensor(&w, &r->s);
	wr_bytes(&w, r->sharing, 2);
	wr_u8(&w, r->hyst_pos);
	wr_u8(&w, r->hyst_neg);
	wr_fill(&w, 0, 3); /* reserved */
	wr_u8(&w, r->oem);
	sdr_record_put_idstr(&w, &r->idstr);
	return sdr_record_finish(&w, len);
}

int
sdr_record_encode_fru_loc(
    const struct sdr_record_fru_loc *r, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;
	size_t	  need;
	int	  rc;

	if ((rc = sdr_record_check(
		 &r->idstr, SDR_RECORD_LOC_FIXED_LEN, cap, &need)) != 0)
		return rc;
	wr_init(&w, out, cap);
	sdr_record_put_header(&w, r->hdr.id, SDR_RECORD_FRU_LOC, need);
	wr_u8(&w, r->access_addr);
	wr_u8(&w, r->fru_id);
	wr_u8(&w, r->access_lun);
	wr_u8(&w, r->channel);
	wr_u8(&w, 0); /* reserved */
	wr_u8(&w, r->device_type);
	wr_u8(&w, r->device_type_modifier);
	wr_u8(&w, r->entity_id);
	wr_u8(&w, r->entity_instance);
	wr_u8(&w, r->oem);
	sdr_record_put_idstr(&w, &r->idstr);
	return sdr_record_finish(&w, len);
}

int
sdr_record_encode_mc_loc(
    const struct sdr_record_mc_loc *r, uint8_t *out, size_t cap, size_t *len)
{
	struct wr w;
	size_t	  need;
	int	  rc;

	if ((rc = sdr_record_check(
		 &r->idstr, SDR_RECORD_LOC_FIXED_LEN, cap, &need)) != 0)
		return rc;
	wr_init(&w, out, cap);
	sdr_record_put_header(&w, r->hdr.id, SDR_RECORD_MC_LOC, need);
	wr_u8(&w, r->slave_addr);
	wr_u8(&w, r->channel);
	wr_u8(&w, r->power_state);
	wr_u8(&w, r->capabilities);
	wr_fill(&w, 0, 3); /* reserved */
	wr_u8(&w, r->entity_id);
	wr_u8(&w, r->entity_instance);
	wr_u8(&w, r->oem);
	sdr_record_put_idstr(&w, &r->idstr);
	return sdr_record_finish(&w, len);
}

/* ---- decoding ---- */

int
sdr_record_decode_header(struct rd *r, struct sdr_record_header *h)
{
	struct rd t = *r;
	int	  rc;

	/* Read from a copy, so that a short header leaves r unmoved. */
	if ((rc = rd_u16le(&t, &h->id)) != 0 ||
	    (rc = rd_u8(&t, &h->version)) != 0 ||
	    (rc = rd_u8(&t, &h->type)) != 0 ||
	    (rc = rd_u8(&t, &h->length)) != 0)
		return rc;
	*r = t;
	return 0;
}

/*
 * The header of a record of type want, and a cursor over its body: the
 * length byte must cover exactly the bytes that follow.
 */
static int
sdr_record_open(const uint8_t *p, size_t n, uint8_t want,
    struct sdr_record_header *h, struct rd *body)
{
	struct rd r;
	int	  rc;

	rd_init(&r, p, n);
	if ((rc = sdr_record_decode_header(&r, h)) != 0)
		return rc;
	if (h->type != want)
		return ERR_FORMAT;
	if (rd_left(&r) < h->length)
		return ERR_TRUNCATED;
	if (rd_left(&r) > h->length)
		return ERR_TRAILING;
	return rd_sub(&r, body, h->length);
}

/* The type/length byte and the string, which must end the record. */
static int
sdr_record_get_idstr(struct rd *r, struct sdr_record_idstr *id)
{
	uint8_t tl;
	int	rc;

	if ((rc = rd_u8(r, &tl)) != 0)
		return rc;
	id->type = tl >> 6;
	id->len = tl & SDR_RECORD_ID_LEN_MASK;
	if (rd_left(r) < id->len)
		return ERR_FORMAT;
	if ((rc = rd_bytes(r, id->bytes, id->len)) != 0)
		return rc;
	return rd_end(r);
}

static int
sdr_record_get_sensor(struct rd *r, struct sdr_record_sensor *s)
{
	int rc;

	if ((rc = rd_u8(r, &s->owner_id)) != 0 ||
	    (rc = rd_u8(r, &s->owner_lun)) != 0 ||
	    (rc = rd_u8(r, &s->number)) != 0 ||
	    (rc = rd_u8(r, &s->entity_id)) != 0 ||
	    (rc = rd_u8(r, &s->entity_instance)) != 0 ||
	    (rc = rd_u8(r, &s->init)) != 0 || (rc = rd_u8(r, &s->caps)) != 0 ||
	    (rc = rd_u8(r, &s->sensor_type)) != 0 ||
	    (rc = rd_u8(r, &s->event_type)) != 0 ||
	    (rc = rd_u16le(r, &s->assert_mask)) != 0 ||
	    (rc = rd_u16le(r, &s->deassert_mask)) != 0 ||
	    (rc = rd_u16le(r, &s->reading_mask)) != 0 ||
	    (rc = rd_u8(r, &s->units1)) != 0 ||
	    (rc = rd_u8(r, &s->units2)) != 0)
		return rc;
	return rd_u8(r, &s->units3);
}

/* A 10-bit or 4-bit two's complement field, sign-extended. */
static int16_t
sdr_record_signed(unsigned v, unsigned bits)
{
	unsigned sign = 1u << (bits - 1);

	v &= (1u << bits) - 1;
	return (int16_t)((v & sign) ? (int)v - (int)(1u << bits) : (int)v);
}

int
sdr_record_decode_full(const uint8_t *p, size_t n, struct sdr_record_full *f)
{
	struct rd r;
	uint8_t	  v[6];
	int	  i, rc;

	memset(f, 0, sizeof(*f));
	if ((rc = sdr_record_open(p, n, SDR_RECORD_FULL, &f->hdr, &r)) != 0 ||
	    (rc = sdr_record_get_sensor(&r, &f->s)) != 0 ||
	    (rc = rd_u8(&r, &f->linearization)) != 0 ||
	    (rc = rd_bytes(&r, v, sizeof(v))) != 0)
		return rc;
	f->m = sdr_record_signed((unsigned)(v[1] >> 6) << 8 | v[0], 10);
	f->tolerance = v[1] & 0x3f;
	f->b = sdr_record_signed((unsigned)(v[3] >> 6) << 8 | v[2], 10);
	f->accuracy = (uint16_t)((v[4] >> 4) << 6 | (v[3] & 0x3f));
	f->accuracy_exp = (v[4] >> 2) & 0x03;
	f->direction = v[4] & 0x03;
	f->r_exp = (int8_t)sdr_record_signed(v[5] >> 4, 4);
	f->b_exp = (int8_t)sdr_record_signed(v[5] & 0x0f, 4);
	if ((rc = rd_u8(&r, &f->analog_flags)) != 0 ||
	    (rc = rd_u8(&r, &f->nominal)) != 0 ||
	    (rc = rd_u8(&r, &f->normal_max)) != 0 ||
	    (rc = rd_u8(&r, &f->normal_min)) != 0 ||
	    (rc = rd_u8(&r, &f->sensor_max)) != 0 ||
	    (rc = rd_u8(&r, &f->sensor_min)) != 0)
		return rc;
	for (i = 0; i < SDR_RECORD_THRESHOLDS; i++)
		if ((rc = rd_u8(&r, &f->threshold[i])) != 0)
			return rc;
	if ((rc = rd_u8(&r, &f->hyst_pos)) != 0 ||
	    (rc = rd_u8(&r, &f->hyst_neg)) != 0 || (rc = rd_skip(&r, 2)) != 0 ||
	    (rc = rd_u8(&r, &f->oem)) != 0)
		return rc;
	return sdr_record_get_idstr(&r, &f->idstr);
}

int
sdr_record_decode_compact(
    const uint8_t *p, size_t n, struct sdr_record_compact *c)
{
	struct rd r;
	int	  rc;

	memset(c, 0, sizeof(*c));
	if ((rc = sdr_record_open(p, n, SDR_RECORD_COMPACT, &c->hdr, &r)) !=
		0 ||
	    (rc = sdr_record_get_sensor(&r, &c->s)) != 0 ||
	    (rc = rd_bytes(&r, c->sharing, 2)) != 0 ||
	    (rc = rd_u8(&r, &c->hyst_pos)) != 0 ||
	    (rc = rd_u8(&r, &c->hyst_neg)) != 0 || (rc = rd_skip(&r, 3)) != 0 ||
	    (rc = rd_u8(&r, &c->oem)) != 0)
		return rc;
	return sdr_record_get_idstr(&r, &c->idstr);
}

int
sdr_record_decode_fru_loc(
    const uint8_t *p, size_t n, struct sdr_record_fru_loc *l)
{
	struct rd r;
	int	  rc;

	memset(l, 0, sizeof(*l));
	if ((rc = sdr_record_open(p, n, SDR_RECORD_FRU_LOC, &l->hdr, &r)) !=
		0 ||
	    (rc = rd_u8(&r, &l->access_addr)) != 0 ||
	    (rc = rd_u8(&r, &l->fru_id)) != 0 ||
	    (rc = rd_u8(&r, &l->access_lun)) != 0 ||
	    (rc = rd_u8(&r, &l->channel)) != 0 || (rc = rd_skip(&r, 1)) != 0 ||
	    (rc = rd_u8(&r, &l->device_type)) != 0 ||
	    (rc = rd_u8(&r, &l->device_type_modifier)) != 0 ||
	    (rc = rd_u8(&r, &l->entity_id)) != 0 ||
	    (rc = rd_u8(&r, &l->entity_instance)) != 0 ||
	    (rc = rd_u8(&r, &l->oem)) != 0)
		return rc;
	return sdr_record_get_idstr(&r, &l->idstr);
}

int
sdr_record_decode_mc_loc(
    const uint8_t *p, size_t n, struct sdr_record_mc_loc *l)
{
	struct rd r;
	int	  rc;

	memset(l, 0, sizeof(*l));
	if ((rc = sdr_record_open(p, n, SDR_RECORD_MC_LOC, &l->hdr, &r)) != 0 ||
	    (rc = rd_u8(&r, &l->slave_addr)) != 0 ||
	    (rc = rd_u8(&r, &l->channel)) != 0 ||
	    (rc = rd_u8(&r, &l->power_state)) != 0 ||
	    (rc = rd_u8(&r, &l->capabilities)) != 0 ||
	    (rc = rd_skip(&r, 3)) != 0 ||
	    (rc = rd_u8(&r, &l->entity_id)) != 0 ||
	    (rc = rd_u8(&r, &l->entity_instance)) != 0 ||
	    (rc = rd_u8(&r, &l->oem)) != 0)
		return rc;
	return sdr_record_get_idstr(&r, &l->idstr);
}
