/*
 * The describer of stored records: SDRs (IPMI 2.0 §43, describe_sdr.c),
 * FRU images (FRU Information Storage Definition v1.0, describe_fru.c)
 * and SEL records (IPMI 2.0 §32, below).  Same line layout as the
 * datagram describer (describe.c):
 *
 *	<indent>  <offset>  <raw bytes, 8 a line>  <field>: <meaning>
 *
 * Each record type is a table of fixed fields, walked with a bounded
 * cursor by the helpers here; variable parts (ID strings, FRU fields,
 * multi-records) are walked by code.  A field that cannot be read ends
 * the walk with a line saying what is missing; a wrong checksum or length
 * is marked BAD and the walk goes on.  The return value is the record
 * decoder's verdict, so what the describer says and what the codec
 * accepts cannot disagree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cursor.h"
#include "describe.h"
#include "describe_records.h"
#include "err.h"
#include "names.h"
#include "sel_record.h"

void
rdesc_fail(struct rdesc *d, int rc)
{
	if (d->err == 0)
		d->err = rc;
}

void
rdesc_heading(struct rdesc *d, const char *fmt, ...)
{
	va_list ap;

	fputs(d->indent, d->fp);
	va_start(ap, fmt);
	vfprintf(d->fp, fmt, ap);
	va_end(ap);
	fputc('\n', d->fp);
}

/* Up to RD_BYTES_PER_LINE bytes of r as hex; how many were taken. */
static size_t
rdesc_hex(struct rd *r, char *buf)
{
	size_t	i, len = 0;
	uint8_t b;

	buf[0] = '\0';
	for (i = 0; i < RD_BYTES_PER_LINE && rd_u8(r, &b) == 0; i++)
		len += (size_t)snprintf(
		    buf + len, 4, "%s%02x", i ? " " : "", b);
	return i;
}

/* One field's line: the bytes [p, p + n), its name and meaning. */
void
rdesc_line(struct rdesc *d, const uint8_t *p, size_t n, const char *name,
    const char *fmt, ...)
{
	char	  hex[3 * RD_BYTES_PER_LINE + 1];
	struct rd r;
	va_list	  ap;
	size_t	  k, off = (size_t)(p - d->base);

	rd_init(&r, p, n);
	k = rdesc_hex(&r, hex);
	fprintf(d->fp, "%s  %04zx  %-*s  %s", d->indent, off, RD_RAW_WIDTH, hex,
	    name);
	if (fmt != NULL && *fmt != '\0') {
		fputs(": ", d->fp);
		va_start(ap, fmt);
		vfprintf(d->fp, fmt, ap);
		va_end(ap);
	}
	fputc('\n', d->fp);
	while (rd_left(&r) > 0) {
		off += k;
		k = rdesc_hex(&r, hex);
		fprintf(d->fp, "%s  %04zx  %s\n", d->indent, off, hex);
	}
}

/* Takes n bytes for a field, or says what is missing. */
int
rdesc_take(struct rdesc *d, struct rd *r, size_t n, const char *name,
    const uint8_t **p)
{
	if (rd_span(r, p, n) == 0)
		return 0;
	fprintf(d->fp,
	    "%s  %04zx  %-*s  ** truncated: %s needs %zu byte%s, "
	    "%zu left\n",
	    d->indent, (size_t)(rd_pos(r) - d->base), RD_RAW_WIDTH, "", name, n,
	    n == 1 ? "" : "s", rd_left(r));
	rdesc_fail(d, ERR_TRUNCATED);
	return ERR_TRUNCATED;
}

void
rdesc_sayf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
}

/* The fixed fields of a table, in order; stops at the first missing. */
int
rdesc_fields(
    struct rdesc *d, struct rd *r, const struct rdesc_field *f, size_t nf)
{
	char	       meaning[RD_MEANING_MAX];
	const uint8_t *p;
	struct rd      v;
	size_t	       i;
	int	       rc;

	for (i = 0; i < nf; i++) {
		if ((rc = rdesc_take(d, r, f[i].len, f[i].name, &p)) != 0)
			return rc;
		rd_init(&v, p, f[i].len);
		meaning[0] = '\0';
		if (f[i].say != NULL)
			f[i].say(meaning, sizeof(meaning), &v);
		if (meaning[0] == '\0')
			rdesc_line(d, p, f[i].len, f[i].name, NULL);
		else
			rdesc_line(d, p, f[i].len, f[i].name, "%s", meaning);
	}
	return 0;
}

/* Whatever is left in r: shown raw, and flagged. */
void
rdesc_trailing(struct rdesc *d, struct rd *r, const char *name)
{
	const uint8_t *p;
	size_t	       n = rd_left(r);

	if (n == 0 || rd_span(r, &p, n) != 0)
		return;
	rdesc_line(
	    d, p, n, name, "%zu unexpected byte%s", n, n == 1 ? "" : "s");
	rdesc_fail(d, ERR_TRAILING);
}

/* ---- names ---- */

const char *
rdesc_name_of(const char *const *names, size_t n, unsigned v)
{
	return v < n && names[v] != NULL ? names[v] : "reserved";
}

/* Event/reading type codes, table 42-1. */
const char *
rdesc_event_type(uint8_t t)
{
	t &= 0x7f;
	if (t == 0x01)
		return "threshold";
	if (t >= 0x02 && t <= 0x0c)
		return "generic discrete";
	if (t == 0x6f)
		return "sensor-specific";
	if (t >= 0x70)
		return "OEM";
	return t == 0 ? "unspecified" : "reserved";
}

/* ---- field meanings ---- */

uint8_t
rdesc_get8(struct rd *v)
{
	uint8_t b = 0;

	(void)rd_u8(v, &b);
	return b;
}

uint16_t
rdesc_get16(struct rd *v)
{
	uint16_t w = 0;

	(void)rd_u16le(v, &w);
	return w;
}

void
rdesc_say_hex(char *o, size_t cap, struct rd *v)
{
	if (rd_left(v) == 2)
		rdesc_sayf(o, cap, "%04xh", rdesc_get16(v));
	else
		rdesc_sayf(o, cap, "%02xh", rdesc_get8(v));
}

void
rdesc_say_record_id(char *o, size_t cap, struct rd *v)
{
	uint16_t id = rdesc_get16(v);

	rdesc_sayf(o, cap, "%04xh (%u)", id, id);
}

void
rdesc_say_length(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%u bytes follow", rdesc_get8(v));
}

void
rdesc_say_number(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%u)", b, b);
}

void
rdesc_say_sensor_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b, names_sensor_type(b));
}

void
rdesc_say_zero(char *o, size_t cap, struct rd *v)
{
	uint8_t b, any = 0;

	while (rd_u8(v, &b) == 0)
		any |= b;
	rdesc_sayf(o, cap, "%s", any ? "not zero (ignored)" : "");
}

/* The type of a type/length byte (bits 7:6), IPMI 2.0 §43.15. */
const char *
rdesc_id_type(uint8_t type)
{
	static const char *const names[] = {"Unicode", "BCD plus",
	    "6-bit ASCII, packed", "8-bit ASCII + Latin 1"};

	return names[type & 0x03];
}

/* BCD plus digits (FRU spec §13.1, also used by IPMI ID strings). */
static char
bcd_plus(uint8_t d)
{
	return "0123456789 -.:,_"[d & 0x0f];
}

/* The text of a string of the given type/length type, for the reader. */
void
rdesc_text(char *o, size_t cap, uint8_t type, const uint8_t *p, size_t n)
{
	struct rd r;
	size_t	  len = 0;
	uint8_t	  b;
	uint32_t  acc = 0;
	unsigned  bits = 0;

	rd_init(&r, p, n);
	o[0] = '\0';
	while (len + 5 < cap && rd_u8(&r, &b) == 0) {
		if (type == 3) {
			/* Printable as it is, the rest as \xNN. */
			if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
				o[len++] = (char)b;
			else
				len += (size_t)snprintf(
				    o + len, cap - len, "\\x%02x", b);
		} else if (type == 1) {
			o[len++] = bcd_plus(b >> 4);
			o[len++] = bcd_plus(b);
		} else if (type == 2) {
			/* 6-bit ASCII: 4 characters in 3 bytes, LS first. */
			acc |= (uint32_t)b << bits;
			bits += 8;
			while (bits >= 6 && len + 2 < cap) {
				o[len++] = (char)(0x20 + (acc & 0x3f));
				acc >>= 6;
				bits -= 6;
			}
		} else
			len += (size_t)snprintf(o + len, cap - len, "%02x", b);
		o[len] = '\0';
	}
}

/* ---- SEL ---- */

/* SEL and SDR timestamps: seconds since 1970, IPMI 2.0 §37. */
static void
say_timestamp(char *o, size_t cap, struct rd *v)
{
	uint32_t  t = 0;
	time_t	  tt;
	struct tm tm;
	char	  when[32];

	(void)rd_u32le(v, &t);
	if (t == 0xffffffff) {
		rdesc_sayf(o, cap, "%u (unspecified)", t);
		return;
	}
	if (t <= 0x20000000) {
		rdesc_sayf(o, cap, "%u (pre-init: s since the BMC started)", t);
		return;
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	rdesc_sayf(o, cap, "%u (%s)", t, when);
}

static void
say_sel_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b == SEL_RECORD_SYSTEM	  ? "system event record"
		: b >= SEL_RECORD_OEM_NTS ? "OEM, not timestamped"
		: b >= SEL_RECORD_OEM_TS  ? "OEM, timestamped"
					  : "not a SEL record type");
}

/* Generator ID, table 32-1 bytes 8-9. */
static void
say_generator(char *o, size_t cap, struct rd *v)
{
	uint8_t a = rdesc_get8(v), c = rdesc_get8(v);

	/* Bit 0 tells a software ID from an IPMB slave address (5.5). */
	rdesc_sayf(o, cap, "%02xh (%s%s), channel %u, LUN %u", a,
	    a & 1 ? "software ID" : "slave address", a == 0x20 ? ", BMC" : "",
	    c >> 4, c & 0x03);
}

static void
say_evm_rev(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh%s", b,
	    b == SEL_RECORD_EVM_REV ? " (IPMI 2.0)"
		: b == 0x03	    ? " (IPMI 1.0)"
				    : "");
}

static void
say_event_dir(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%s, type %02xh (%s)",
	    b & SEL_RECORD_DEASSERTION ? "deassertion" : "assertion", b & 0x7f,
	    rdesc_event_type(b));
}

/* Event data 1, table 29-6: what data 2 and 3 hold, and the offset. */
static void
say_event_data1(char *o, size_t cap, struct rd *v)
{
	static const char *const use[] = {
	    "unspecified", "trigger reading", "OEM", "sensor-specific"};
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "offset %u; data 2: %s, data 3: %s", b & 0x0f,
	    use[b >> 6], use[(b >> 4) & 3]);
}

static void
say_manufacturer(char *o, size_t cap, struct rd *v)
{
	uint16_t lo = rdesc_get16(v);
	uint8_t	 hi = rdesc_get8(v);

	rdesc_sayf(
	    o, cap, "%u (IANA enterprise number)", (unsigned)hi << 16 | lo);
}

static void
say_count(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%zu bytes", rd_left(v));
}

static const struct rdesc_field sel_head_fields[] = {
    {2, "record ID", rdesc_say_record_id},
    {1, "record type", say_sel_type},
};

static const struct rdesc_field sel_system_fields[] = {
    {4, "timestamp", say_timestamp},
    {2, "generator ID", say_generator},
    {1, "EvM revision", say_evm_rev},
    {1, "sensor type", rdesc_say_sensor_type},
    {1, "sensor number", rdesc_say_number},
    {1, "event dir/type", say_event_dir},
    {1, "event data 1", say_event_data1},
    {1, "event data 2", rdesc_say_hex},
    {1, "event data 3", rdesc_say_hex},
};

static const struct rdesc_field sel_oem_ts_fields[] = {
    {4, "timestamp", say_timestamp},
    {3, "manufacturer ID", say_manufacturer},
    {SEL_RECORD_OEM_TS_LEN, "OEM defined", say_count},
};

static const struct rdesc_field sel_oem_nts_fields[] = {
    {SEL_RECORD_OEM_NTS_LEN, "OEM defined", say_count},
};

int
describe_sel_record(FILE *fp, const char *indent, const uint8_t *p, size_t n)
{
	struct rdesc		  d = {fp, indent != NULL ? indent : "", p, 0};
	const struct rdesc_field *f;
	struct sel_record	  rec;
	struct rd		  r, peek;
	uint8_t			  type = 0;
	size_t			  nf;
	int			  rc;

	rd_init(&r, p, n);
	peek = r;
	(void)rd_skip(&peek, 2);
	(void)rd_u8(&peek, &type);
	rdesc_heading(&d, "SEL record (%zu bytes)", n);
	if (rdesc_fields(&d, &r, sel_head_fields, NELEM(sel_head_fields)) != 0)
		return d.err;
	if (type == SEL_RECORD_SYSTEM) {
		f = sel_system_fields;
		nf = NELEM(sel_system_fields);
	} else if (type >= SEL_RECORD_OEM_NTS) {
		f = sel_oem_nts_fields;
		nf = NELEM(sel_oem_nts_fields);
	} else if (type >= SEL_RECORD_OEM_TS) {
		f = sel_oem_ts_fields;
		nf = NELEM(sel_oem_ts_fields);
	} else {
		rdesc_trailing(&d, &r, "record body");
		return ERR_FORMAT;
	}
	if (rdesc_fields(&d, &r, f, nf) == 0)
		rdesc_trailing(&d, &r, "after the record");
	rc = sel_record_decode(p, n, &rec);
	return d.err != 0 ? d.err : rc;
}
