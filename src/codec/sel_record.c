/*
 * SEL records, IPMI 2.0 section 32.  All three kinds start with the record
 * ID and type; what follows depends on the type alone, so the type is the
 * decoder's switch (and the SEL's Add SEL Entry refuses the rest, §31.6).
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "sel_record.h"

int
sel_record_type_valid(uint8_t type)
{
	return type == SEL_RECORD_SYSTEM || type >= SEL_RECORD_OEM_TS;
}

int
sel_record_has_timestamp(uint8_t type)
{
	return type == SEL_RECORD_SYSTEM ||
	    (type >= SEL_RECORD_OEM_TS && type < SEL_RECORD_OEM_NTS);
}

int
sel_record_encode(
    const struct sel_record *r, uint8_t *out, size_t cap, size_t *len)
{
	const struct sel_record_system *s = &r->u.system;
	struct wr			w;

	if (!sel_record_type_valid(r->type))
		return ERR_FORMAT;
	if (cap < SEL_RECORD_SIZE)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u16le(&w, r->id);
	wr_u8(&w, r->type);
	if (r->type >= SEL_RECORD_OEM_NTS)
		wr_bytes(&w, r->u.oem_nts, SEL_RECORD_OEM_NTS_LEN);
	else {
		wr_u32le(&w, r->timestamp);
		if (r->type == SEL_RECORD_SYSTEM) {
			wr_u16le(&w, s->generator);
			wr_u8(&w, s->evm_rev);
			wr_u8(&w, s->sensor_type);
			wr_u8(&w, s->sensor_number);
			wr_u8(&w, s->event_type);
			wr_bytes(&w, s->data, sizeof(s->data));
		} else {
			/* The manufacturer ID: 3 bytes, LS byte first. */
			wr_u16le(&w, (uint16_t)r->u.oem_ts.manufacturer);
			wr_u8(&w, (uint8_t)(r->u.oem_ts.manufacturer >> 16));
			wr_bytes(&w, r->u.oem_ts.data, SEL_RECORD_OEM_TS_LEN);
		}
	}
	if (w.err != 0)
		return w.err;
	*len = wr_len(&w);
	return 0;
}

int
sel_record_decode(const uint8_t *p, size_t n, struct sel_record *r)
{
	struct sel_record_system *s = &r->u.system;
	struct rd		  rd;
	uint16_t		  lo;
	uint8_t			  hi;
	int			  rc;

	memset(r, 0, sizeof(*r));
	rd_init(&rd, p, n);
	if ((rc = rd_u16le(&rd, &r->id)) != 0 ||
	    (rc = rd_u8(&rd, &r->type)) != 0)
		return rc;
	if (!sel_record_type_valid(r->type))
		return ERR_FORMAT;
	if (r->type >= SEL_RECORD_OEM_NTS)
		rc = rd_bytes(&rd, r->u.oem_nts, SEL_RECORD_OEM_NTS_LEN);
	else if ((rc = rd_u32le(&rd, &r->timestamp)) != 0)
		return rc;
	else if (r->type == SEL_RECORD_SYSTEM) {
		if ((rc = rd_u16le(&rd, &s->generator)) != 0 ||
		    (rc = rd_u8(&rd, &s->evm_rev)) != 0 ||
		    (rc = rd_u8(&rd, &s->sensor_type)) != 0 ||
		    (rc = rd_u8(&rd, &s->sensor_number)) != 0 ||
		    (rc = rd_u8(&rd, &s->event_type)) != 0)
			return rc;
		rc = rd_bytes(&rd, s->data, sizeof(s->data));
	} else {
		if ((rc = rd_u16le(&rd, &lo)) != 0 ||
		    (rc = rd_u8(&rd, &hi)) != 0)
			return rc;
		r->u.oem_ts.manufacturer = (uint32_t)hi << 16 | lo;
		rc = rd_bytes(&rd, r->u.oem_ts.data, SEL_RECORD_OEM_TS_LEN);
	}
	if (rc != 0)
		return rc;
	return rd_end(&rd);
}
