#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "snmp.h"

const struct snmp_oid pet_enterprise_oid = {{1, 3, 6, 1, 4, 1, 3183, 1, 1}, 9};
const struct snmp_oid pet_binding_oid = {{1, 3, 6, 1, 4, 1, 3183, 1, 1, 1}, 10};

/* ---- BER reading ---- */

/*
 * Reads a tag and a definite length, and hands the content to *content.
 * Lengths must be minimal (DER-like): a decoder that accepts two
 * spellings of one message is one an attacker can confuse.
 */
static int
ber_read(struct rd *r, uint8_t *tag, struct rd *content)
{
	uint8_t b, n;
	size_t	len = 0;
	int	rc;

	if ((rc = rd_u8(r, tag)) != 0 || (rc = rd_u8(r, &b)) != 0)
		return rc;
	if ((*tag & 0x1f) == 0x1f)
		return ERR_FORMAT; /* high tag numbers: not in SNMP */
	if (b < 0x80)
		len = b;
	else {
		n = b & 0x7f;
		if (n == 0 || n > 2)
			return ERR_FORMAT; /* indefinite, or absurd */
		while (n-- > 0) {
			if ((rc = rd_u8(r, &b)) != 0)
				return rc;
			if (len == 0 && b == 0)
				return ERR_FORMAT;
			len = len << 8 | b;
		}
		if (len < 0x80)
			return ERR_FORMAT;
	}
	return rd_sub(r, content, len);
}

static int
ber_expect(struct rd *r, uint8_t want, struct rd *content)
{
	uint8_t tag;
	int	rc = ber_read(r, &tag, content);

	if (rc != 0)
		return rc;
	return tag == want ? 0 : ERR_FORMAT;
}

static int
ber_int(struct rd *c, int32_t *out)
{
	size_t	len = rd_left(c);
	uint8_t b, first;
	int64_t v;

	if (len == 0 || len > 4)
		return len == 0 ? ERR_FORMAT : ERR_UNSUPPORTED;
	rd_u8(c, &first);
	if (len > 1) {
		rd_peek_u8(c, &b);
		if ((first == 0 && !(b & 0x80)) ||
		    (first == 0xff && (b & 0x80)))
			return ERR_FORMAT; /* not minimal */
	}
	v = (int8_t)first;
	while (rd_u8(c, &b) == 0)
		v = v * 256 + b;
	*out = (int32_t)v;
	return 0;
}

/* An unsigned value (TimeTicks): up to 32 bits, one leading 0 allowed. */
static int
ber_uint(struct rd *c, uint32_t *out)
{
	size_t	 len = rd_left(c);
	uint8_t	 b, first;
	uint64_t v = 0;

	if (len == 0 || len > 5)
		return len == 0 ? ERR_FORMAT : ERR_UNSUPPORTED;
	rd_peek_u8(c, &first);
	if (first & 0x80)
		return ERR_FORMAT; /* negative */
	if (len == 5 && first != 0)
		return ERR_UNSUPPORTED;
	if (len > 1 && first == 0) {
		struct rd ahead = *c;
		uint8_t	  second;

		rd_skip(&ahead, 1);
		rd_u8(&ahead, &second);
		if (!(second & 0x80))
			return ERR_FORMAT; /* not minimal */
	}
	while (rd_u8(c, &b) == 0)
		v = v << 8 | b;
	*out = (uint32_t)v;
	return 0;
}

static int
ber_oid(struct rd *c, struct snmp_oid *oid)
{
	uint32_t v = 0;
	uint8_t	 b;
	int	 started = 0, first = 1;

	oid->n = 0;
	if (rd_left(c) == 0)
		return ERR_FORMAT;
	while (rd_u8(c, &b) == 0) {
		if (!started && b == 0x80)
			return ERR_FORMAT; /* non-minimal sub-identifier */
		if (v > (UINT32_MAX >> 7))
			return ERR_UNSUPPORTED;
		v = v << 7 | (b & 0x7f);
		started = 1;
		if (b & 0x80)
			continue;
		if (first) {
			/* The first two arcs share one: 40 x + y. */
			uint32_t x = v < 40 ? 0 : v < 80 ? 1 : 2;

			oid->arc[oid->n++] = x;
			oid->arc[oid->n++] = v - 40 * x;
			first = 0;
		} else {
			if (oid->n == SNMP_OID_MAX)
				return ERR_UNSUPPORTED;
			oid->arc[oid->n++] = v;
		}
		v = 0;
		started = 0;
	}
	return started ? ERR_TRUNCATED : 0;
}

int
snmp_decode_trap(const uint8_t *p, size_t len, struct snmp_trap *t)
{
	struct rd r, msg, c, pdu, list, vb;
	int	  rc;

	memset(t, 0, sizeof(*t));
	rd_init(&r, p, len);
	if ((rc = ber_expect(&r, BER_SEQUENCE, &msg)) != 0)
		return rc;
	if (rd_end(&r) != 0)
		return ERR_TRAILING;
	if ((rc = ber_expect(&msg, BER_INTEGER, &c)) != 0 ||
	    (rc = ber_int(&c, &t->version)) != 0)
		return rc;
	if (t->version != 0)
		return ERR_FORMAT; /* SNMPv1 only carries Trap-PDU */
	if ((rc = ber_expect(&msg, BER_OCTET_STRING, &c)) != 0)
		return rc;
	t->community_len = rd_left(&c);
	rd_span(&c, &t->community, t->community_len);
	if ((rc = ber_expect(&msg, SNMP_PDU_TRAP_V1, &pdu)) != 0)
		return rc;
	if (rd_end(&msg) != 0)
		return ERR_TRAILING;
	if ((rc = ber_expect(&pdu, BER_OID, &c)) != 0 ||
	    (rc = ber_oid(&c, &t->enterprise)) != 0)
		return rc;
	if ((rc = ber_expect(&pdu, BER_IPADDRESS, &c)) != 0)
		return rc;
	if (rd_left(&c) != 4)
		return ERR_FORMAT;
	rd_bytes(&c, t->agent_addr, 4);
	if ((rc = ber_expect(&pdu, BER_INTEGER, &c)) != 0 ||
	    (rc = ber_int(&c, &t->generic_trap)) != 0)
		return rc;
	if ((rc = ber_expect(&pdu, BER_INTEGER, &c)) != 0 ||
	    (rc = ber_int(&c, &t->specific_trap)) != 0)
		return rc;
	if ((rc = ber_expect(&pdu, BER_TIMETICKS, &c)) != 0 ||
	    (rc = ber_uint(&c, &t->time_stamp)) != 0)
		return rc;
	if ((rc = ber_expect(&pdu, BER_SEQUENCE, &list)) != 0)
		return rc;
	if (rd_end(&pdu) != 0)
		return ERR_TRAILING;
	while (rd_left(&list) > 0) {
		struct snmp_varbind *v;

		if (t->nvb == SNMP_VARBINDS_MAX)
			return ERR_UNSUPPORTED;
		v = &t->vb[t->nvb++];
		if ((rc = ber_expect(&list, BER_SEQUENCE, &vb)) != 0)
			return rc;
		if ((rc = ber_expect(&vb, BER_OID, &c)) != 0 ||
		    (rc = ber_oid(&c, &v->name)) != 0)
			return rc;
		if ((rc = ber_read(&vb, &v->type, &c)) != 0)
			return rc;
		v->value_len = rd_left(&c);
		rd_span(&c, &v->value, v->value_len);
		if (rd_end(&vb) != 0)
			return ERR_TRAILING;
	}
	return 0;
}

/* ---- BER writing ---- */

static void
ber_put_len(struct wr *w, size_t len)
{
	if (len < 0x80)
		wr_u8(w, (uint8_t)len);
	else if (len < 0x100) {
		wr_u8(w, 0x81);
		wr_u8(w, (uint8_t)len);
	} else {
		wr_u8(w, 0x82);
		wr_u16be(w, (uint16_t)len);
	}
}

static void
ber_put(struct wr *w, uint8_t tag, const void *content, size_t len)
{
	wr_u8(w, tag);
	ber_put_len(w, len);
	wr_bytes(w, content, len);
}

static void
ber_put_int(struct wr *w, uint8_t tag, int64_t v, int is_unsigned)
{
	uint8_t b[9];
	size_t	n = 0, i;

	/* Big-endian, then drop redundant leading bytes. */
	for (i = 0; i < 8; i++)
		b[8 - i] = (uint8_t)(v >> (8 * i));
	b[0] = v < 0 && !is_unsigned ? 0xff : 0x00;
	while (n < 8 &&
	    ((b[n] == 0x00 && !(b[n + 1] & 0x80)) ||
		(b[n] == 0xff && (b[n + 1] & 0x80))))
		n++;
	ber_put(w, tag, b + n, 9 - n);
}

static int
ber_put_oid(struct wr *w, const struct snmp_oid *oid)
{
	uint8_t	 buf[5 * SNMP_OID_MAX];
	size_t	 len = 0;
	unsigned i;

	if (oid->n < 2 || oid->arc[0] > 2 ||
	    (oid->arc[0] < 2 && oid->arc[1] >= 40))
		return ERR_INVALID_ARG;
	for (i = 1; i < oid->n; i++) {
		uint32_t v = i == 1 ? oid->arc[0] * 40 + oid->arc[1]
				    : oid->arc[i];
		uint8_t	 tmp[5];
		int	 k = 0;

		do {
			tmp[k++] = (uint8_t)(v & 0x7f);
			v >>= 7;
		} while (v != 0);
		while (k-- > 0)
			buf[len++] = (uint8_t)(tmp[k] | (k > 0 ? 0x80 : 0));
	}
	ber_put(w, BER_OID, buf, len);
	return 0;
}

int
snmp_encode_trap(
    const struct snmp_trap *t, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t vbl[SNMP_TRAP_MAX * 2], pdu[SNMP_TRAP_MAX * 2],
	    msg[SNMP_TRAP_MAX * 2], one[SNMP_TRAP_MAX * 2];
	struct wr w, wv, wo;
	size_t	  i;

	if (t->nvb > SNMP_VARBINDS_MAX)
		return ERR_INVALID_ARG;
	/* Inside out: each constructed value needs its content's length. */
	wr_init(&wv, vbl, sizeof(vbl));
	for (i = 0; i < t->nvb; i++) {
		wr_init(&wo, one, sizeof(one));
		if (ber_put_oid(&wo, &t->vb[i].name) != 0)
			return ERR_INVALID_ARG;
		ber_put(&wo, t->vb[i].type, t->vb[i].value, t->vb[i].value_len);
		if (wo.err)
			return ERR_NOSPACE;
		ber_put(&wv, BER_SEQUENCE, one, wr_len(&wo));
	}
	if (wv.err)
		return ERR_NOSPACE;
	wr_init(&w, pdu, sizeof(pdu));
	if (ber_put_oid(&w, &t->enterprise) != 0)
		return ERR_INVALID_ARG;
	ber_put(&w, BER_IPADDRESS, t->agent_addr, 4);
	ber_put_int(&w, BER_INTEGER, t->generic_trap, 0);
	ber_put_int(&w, BER_INTEGER, t->specific_trap, 0);
	ber_put_int(&w, BER_TIMETICKS, t->time_stamp, 1);
	ber_put(&w, BER_SEQUENCE, vbl, wr_len(&wv));
	if (w.err)
		return ERR_NOSPACE;
	wr_init(&wo, msg, sizeof(msg));
	ber_put_int(&wo, BER_INTEGER, t->version, 0);
	ber_put(&wo, BER_OCTET_STRING, t->community, t->community_len);
	ber_put(&wo, SNMP_PDU_TRAP_V1, pdu, wr_len(&w));
	if (wo.err)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	ber_put(&w, BER_SEQUENCE, msg, wr_len(&wo));
	if (w.err)
		return ERR_NOSPACE;
	*outlen = wr_len(&w);
	return 0;
}

/* ---- OIDs ---- */

int
snmp_oid_parse(const char *s, struct snmp_oid *oid)
{
	oid->n = 0;
	if (*s == '.')
		s++;
	while (*s != '\0') {
		char	     *end;
		unsigned long v;

		if (*s < '0' || *s > '9' || oid->n == SNMP_OID_MAX)
			return ERR_FORMAT;
		v = strtoul(s, &end, 10);
		if (v > UINT32_MAX || (*end != '.' && *end != '\0'))
			return ERR_FORMAT;
		oid->arc[oid->n++] = (uint32_t)v;
		s = *end == '.' ? end + 1 : end;
		if (*end == '.' && *s == '\0')
			return ERR_FORMAT;
	}
	return oid->n >= 2 ? 0 : ERR_FORMAT;
}

char *
snmp_oid_format(const struct snmp_oid *oid, char *buf, size_t cap)
{
	size_t	 used = 0;
	unsigned i;

	if (cap == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < oid->n; i++) {
		int n = snprintf(buf + used, cap - used, ".%u", oid->arc[i]);

		if (n < 0 || (size_t)n >= cap - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

int
snmp_oid_equal(const struct snmp_oid *a, const struct snmp_oid *b)
{
	return a->n == b->n &&
	    memcmp(a->arc, b->arc, a->n * sizeof(a->arc[0])) == 0;
}

/* ---- PET ---- */

int
pet_decode(const uint8_t *p, size_t len, struct pet_data *d)
{
	struct rd r;
	uint16_t  off;

	memset(d, 0, sizeof(*d));
	rd_init(&r, p, len);
	if (len < PET_DATA_FIXED_LEN)
		return ERR_TRUNCATED;
	rd_bytes(&r, d->guid, 16);
	rd_u16be(&r, &d->sequence);
	rd_u32be(&r, &d->timestamp);
	rd_u16be(&r, &off);
	d->utc_offset = (int16_t)off;
	rd_u8(&r, &d->trap_source);
	rd_u8(&r, &d->event_source);
	rd_u8(&r, &d->severity);
	rd_u8(&r, &d->sensor_device);
	rd_u8(&r, &d->sensor_number);
	rd_u8(&r, &d->entity);
	rd_u8(&r, &d->entity_instance);
	rd_bytes(&r, d->event_data, 8);
	rd_u8(&r, &d->language);
	rd_u32be(&r, &d->manufacturer_id);
	rd_u16be(&r, &d->system_id);
	d->oem_len = rd_left(&r);
	rd_span(&r, &d->oem, d->oem_len);
	return 0;
}

int
pet_encode(const struct pet_data *d, uint8_t *out, size_t cap, size_t *len)
{
	static const uint8_t no_oem = 0xc1;
	struct wr	     w;

	wr_init(&w, out, cap);
	wr_bytes(&w, d->guid, 16);
	wr_u16be(&w, d->sequence);
	wr_u32be(&w, d->timestamp);
	wr_u16be(&w, (uint16_t)d->utc_offset);
	wr_u8(&w, d->trap_source);
	wr_u8(&w, d->event_source);
	wr_u8(&w, d->severity);
	wr_u8(&w, d->sensor_device);
	wr_u8(&w, d->sensor_number);
	wr_u8(&w, d->entity);
	wr_u8(&w, d->entity_instance);
	wr_bytes(&w, d->event_data, 8);
	wr_u8(&w, d->language);
	wr_u32be(&w, d->manufacturer_id);
	wr_u16be(&w, d->system_id);
	if (d->oem_len > 0)
		wr_bytes(&w, d->oem, d->oem_len);
	else
		wr_u8(&w, no_oem);
	if (w.err)
		return ERR_NOSPACE;
	*len = wr_len(&w);
	return 0;
}

int32_t
pet_specific_trap(
    uint8_t sensor_type, uint8_t event_type, int deassert, uint8_t offset)
{
	return (int32_t)((uint32_t)sensor_type << 16 |
	    (uint32_t)event_type << 8 | (deassert ? 0x80u : 0u) |
	    (offset & 0x0fu));
}
