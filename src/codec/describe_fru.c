/*
 * The describer of FRU images (Platform Management FRU Information
 * Storage Definition v1.0): the common header, each info area it points
 * to with its type/length fields, and the multi-record list.  The line
 * printer and field walker are describe_records.c's.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cursor.h"
#include "describe.h"
#include "describe_records.h"
#include "err.h"
#include "fru_record.h"

/* ---- FRU ---- */

static void
say_fru_version(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh%s", b,
	    (b & 0x0f) == FRU_RECORD_VERSION ? " (FRU spec 1.0)"
					     : " (unexpected)");
}

static void
say_offset(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	if (b == 0)
		rdesc_sayf(o, cap, "none");
	else
		rdesc_sayf(o, cap, "%u x 8 = byte %u", b, b * 8u);
}

static void
say_blocks(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%u x 8 = %u bytes", b, b * 8u);
}

static void
say_language(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%u%s", b, b == 0 || b == 25 ? " (English)" : "");
}

static void
say_chassis_type(char *o, size_t cap, struct rd *v)
{
	static const char *const names[] = {NULL, "other", "unknown", "desktop",
	    "low profile desktop", "pizza box", "mini tower", "tower",
	    "portable", "laptop", "notebook", "hand held", "docking station",
	    "all in one", "sub notebook", "space-saving", "lunch box",
	    "main server chassis", "expansion chassis", "sub chassis",
	    "bus expansion chassis", "peripheral chassis", "RAID chassis",
	    "rack mount chassis"};
	uint8_t			 b = rdesc_get8(v);

	rdesc_sayf(
	    o, cap, "%02xh (%s)", b, rdesc_name_of(names, NELEM(names), b));
}

static void
say_mfg_time(char *o, size_t cap, struct rd *v)
{
	uint16_t  lo = rdesc_get16(v);
	uint8_t	  hi = rdesc_get8(v);
	uint32_t  min = (uint32_t)hi << 16 | lo;
	time_t	  t = (time_t)FRU_RECORD_MFG_EPOCH_UNIX + (time_t)min * 60;
	struct tm tm;
	char	  when[32];

	if (min == 0) {
		rdesc_sayf(o, cap, "0 (unspecified)");
		return;
	}
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	rdesc_sayf(o, cap, "%u minutes since 1996 (%s)", min, when);
}

static const struct rdesc_field fru_header_fields[] = {
    {1, "format version", say_fru_version},
    {1, "internal use area", say_offset},
    {1, "chassis info area", say_offset},
    {1, "board info area", say_offset},
    {1, "product info area", say_offset},
    {1, "multi-record area", say_offset},
    {1, "pad", rdesc_say_zero},
};

static const struct rdesc_field fru_chassis_fields[] = {
    {1, "format version", say_fru_version},
    {1, "area length", say_blocks},
    {1, "chassis type", say_chassis_type},
};

static const struct rdesc_field fru_board_fields[] = {
    {1, "format version", say_fru_version},
    {1, "area length", say_blocks},
    {1, "language", say_language},
    {3, "manufacturing time", say_mfg_time},
};

static const struct rdesc_field fru_product_fields[] = {
    {1, "format version", say_fru_version},
    {1, "area length", say_blocks},
    {1, "language", say_language},
};

static const char *const fru_chassis_names[] = {"part number", "serial number"};
static const char *const fru_board_names[] = {"manufacturer", "product name",
    "serial number", "part number", "FRU file ID"};
static const char *const fru_product_names[] = {"manufacturer", "product name",
    "part/model number", "version", "serial number", "asset tag",
    "FRU file ID"};

static const struct {
	const char		 *title;
	const struct rdesc_field *fields;
	size_t			  nfields;
	const char *const	 *names;
	size_t			  nnames;
} fru_areas[FRU_RECORD_AREAS] = {
    [FRU_RECORD_CHASSIS] = {"Chassis info area", fru_chassis_fields,
	NELEM(fru_chassis_fields), fru_chassis_names, NELEM(fru_chassis_names)},
    [FRU_RECORD_BOARD] = {"Board info area", fru_board_fields,
	NELEM(fru_board_fields), fru_board_names, NELEM(fru_board_names)},
    [FRU_RECORD_PRODUCT] = {"Product info area", fru_product_fields,
	NELEM(fru_product_fields), fru_product_names, NELEM(fru_product_names)},
};

/* The checksum byte at sum, for the bytes [start, sum): ok or BAD. */
static void
rdesc_checksum(
    struct rdesc *d, const uint8_t *start, const uint8_t *sum, const char *name)
{
	uint8_t	  want = fru_record_checksum(start, (size_t)(sum - start));
	struct rd v;

	rd_init(&v, sum, 1);
	if (rdesc_get8(&v) == want)
		rdesc_line(d, sum, 1, name, "ok");
	else {
		rdesc_line(d, sum, 1, name, "BAD, expected %02xh", want);
		rdesc_fail(d, ERR_CHECKSUM);
	}
}

/* The fields of an info area up to C1h, the padding and the checksum. */
static void
rdesc_fru_fields(
    struct rdesc *d, struct rd *r, uint8_t kind, const uint8_t *start)
{
	char	       text[RD_MEANING_MAX], name[48];
	const uint8_t *p, *s;
	struct rd      v;
	uint8_t	       tl;
	size_t	       i, n;

	for (i = 0;; i++) {
		if (rd_left(r) <= 1) {
			fprintf(d->fp,
			    "%s  %04zx  %-*s  ** BAD: no end marker "
			    "(C1h) before the checksum\n",
			    d->indent, (size_t)(rd_pos(r) - d->base),
			    RD_RAW_WIDTH, "");
			rdesc_fail(d, ERR_FORMAT);
			break;
		}
		(void)rd_span(r, &p, 1);
		rd_init(&v, p, 1);
		tl = rdesc_get8(&v);
		if (tl == FRU_RECORD_END_OF_FIELDS) {
			rdesc_line(d, p, 1, "end of fields", "C1h");
			break;
		}
		n = tl & FRU_RECORD_FIELD_LEN_MAX;
		if (i < fru_areas[kind].nnames)
			snprintf(
			    name, sizeof(name), "%s", fru_areas[kind].names[i]);
		else
			snprintf(name, sizeof(name), "custom field %zu",
			    i - fru_areas[kind].nnames + 1);
		if (rd_left(r) < n + 1) {
			rdesc_line(d, p, 1, name,
			    "%s, %zu bytes: BAD, past "
			    "the area",
			    rdesc_id_type(tl >> 6), n);
			rdesc_fail(d, ERR_FORMAT);
			return;
		}
		(void)rd_span(r, &s, n);
		rdesc_text(text, sizeof(text), tl >> 6, s, n);
		rdesc_line(d, p, n + 1, name, "%s, %zu bytes%s%s%s",
		    rdesc_id_type(tl >> 6), n, n ? ": \"" : "", text,
		    n ? "\"" : "");
	}
	if (rd_left(r) > 1) {
		n = rd_left(r) - 1;
		(void)rd_span(r, &p, n);
		rd_init(&v, p, n);
		rdesc_say_zero(text, sizeof(text), &v);
		if (text[0] == '\0')
			rdesc_line(d, p, n, "pad", NULL);
		else
			rdesc_line(d, p, n, "pad", "%s", text);
	}
	if (rd_span(r, &p, 1) == 0)
		rdesc_checksum(d, start, p, "area checksum");
}

static void
rdesc_fru_area(
    struct rdesc *d, const uint8_t *img, size_t n, uint8_t kind, uint8_t offset)
{
	struct rd      r, area, peek;
	const uint8_t *start;
	uint8_t	       blocks = 0;
	size_t	       len;
	int	       whole;

	rd_init(&r, img, n);
	rdesc_heading(d, "%s (at byte %u)", fru_areas[kind].title, offset * 8u);
	if (rd_skip(&r, (size_t)offset * 8) != 0) {
		fprintf(d->fp, "%s  ** truncated: the image has %zu bytes\n",
		    d->indent, n);
		rdesc_fail(d, ERR_TRUNCATED);
		return;
	}
	start = rd_pos(&r);
	peek = r;
	(void)rd_skip(&peek, 1);
	(void)rd_u8(&peek, &blocks);
	len = (size_t)blocks * 8;
	/* Walk the area as its length byte says, or what there is of it. */
	whole = rd_sub(&r, &area, len) == 0;
	if (!whole)
		(void)rd_sub(&r, &area, rd_left(&r));
	if (rdesc_fields(
		d, &area, fru_areas[kind].fields, fru_areas[kind].nfields) != 0)
		return;
	if (len == 0 || !whole) {
		fprintf(d->fp,
		    "%s  %04zx  %-*s  ** %s: the area needs %zu bytes, %zu "
		    "are there\n",
		    d->indent, (size_t)(rd_pos(&area) - d->base), RD_RAW_WIDTH,
		    "", len == 0 ? "BAD" : "truncated", len,
		    (size_t)(rd_pos(&area) - start) + rd_left(&area));
		rdesc_fail(d, len == 0 ? ERR_FORMAT : ERR_TRUNCATED);
		return;
	}
	rdesc_fru_fields(d, &area, kind, start);
}

static void
say_multi_type(char *o, size_t cap, struct rd *v)
{
	static const char *const names[] = {"power supply information",
	    "DC output", "DC load", "management access record",
	    "base compatibility record", "extended compatibility record"};
	uint8_t			 b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b >= 0xc0 ? "OEM" : rdesc_name_of(names, NELEM(names), b));
}

static void
say_multi_format(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "format version %u%s", b & 0x0f,
	    b & FRU_RECORD_MULTI_END ? ", end of list" : "");
}

static const struct rdesc_field fru_multi_fields[] = {
    {1, "record type", say_multi_type},
    {1, "end of list, format", say_multi_format},
    {1, "record length", rdesc_say_length},
};

static void
rdesc_fru_multi(struct rdesc *d, const uint8_t *img, size_t n, uint8_t offset)
{
	struct rd      r, v;
	const uint8_t *hdr, *sum, *hsum, *data;
	uint8_t	       len, flags;
	int	       i;

	rd_init(&r, img, n);
	if (rd_skip(&r, (size_t)offset * 8) != 0) {
		rdesc_heading(d, "Multi-record area (at byte %u)", offset * 8u);
		fprintf(d->fp, "%s  ** truncated: the image has %zu bytes\n",
		    d->indent, n);
		rdesc_fail(d, ERR_TRUNCATED);
		return;
	}
	for (i = 0; i < FRU_RECORD_MULTI_MAX; i++) {
		rdesc_heading(d, "Multi-record (at byte %zu)",
		    (size_t)(rd_pos(&r) - img));
		hdr = rd_pos(&r);
		if (rdesc_fields(d, &r, fru_multi_fields,
			NELEM(fru_multi_fields)) != 0 ||
		    rdesc_take(d, &r, 1, "record checksum", &sum) != 0 ||
		    rdesc_take(d, &r, 1, "header checksum", &hsum) != 0)
			return;
		rd_init(&v, hdr, 3);
		(void)rdesc_get8(&v);
		flags = rdesc_get8(&v);
		len = rdesc_get8(&v);
		if (rdesc_take(d, &r, len, "record data", &data) != 0) {
			rdesc_checksum(d, hdr, hsum, "header checksum");
			return;
		}
		rd_init(&v, sum, 1);
		if ((uint8_t)(fru_record_checksum(data, len) -
			rdesc_get8(&v)) == 0)
			rdesc_line(d, sum, 1, "record checksum", "ok");
		else {
			rdesc_line(d, sum, 1, "record checksum",
			    "BAD, expected %02xh",
			    fru_record_checksum(data, len));
			rdesc_fail(d, ERR_CHECKSUM);
		}
		rdesc_checksum(d, hdr, hsum, "header checksum");
		if (len > 0)
			rdesc_line(
			    d, data, len, "record data", "%u bytes", len);
		if (flags & FRU_RECORD_MULTI_END)
			return;
	}
	fprintf(d->fp, "%s  ** more than %d records: not described\n",
	    d->indent, FRU_RECORD_MULTI_MAX);
	rdesc_fail(d, ERR_UNSUPPORTED);
}

int
describe_fru_image(FILE *fp, const char *indent, const uint8_t *p, size_t n)
{
	struct rdesc		d = {fp, indent != NULL ? indent : "", p, 0};
	struct fru_record_image img;
	struct rd		r, h;
	const uint8_t	       *start, *sum;
	uint8_t			off[FRU_RECORD_HEADER_LEN];
	int			i, rc;

	rd_init(&r, p, n);
	rdesc_heading(&d, "FRU common header");
	start = rd_pos(&r);
	if (rdesc_fields(&d, &r, fru_header_fields, NELEM(fru_header_fields)) !=
		0 ||
	    rdesc_take(&d, &r, 1, "header checksum", &sum) != 0)
		return d.err;
	rdesc_checksum(&d, start, sum, "header checksum");
	rd_init(&h, p, FRU_RECORD_HEADER_LEN);
	(void)rd_bytes(&h, off, sizeof(off));
	for (i = 0; i < FRU_RECORD_AREAS; i++)
		if (off[2 + i] != 0)
			rdesc_fru_area(&d, p, n, (uint8_t)i, off[2 + i]);
	if (off[5] != 0)
		rdesc_fru_multi(&d, p, n, off[5]);
	rc = fru_record_decode_image(p, n, &img);
	return d.err != 0 ? d.err : rc;
}
