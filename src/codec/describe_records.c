/*
 * The describer of stored records: SDRs (IPMI 2.0 §43), FRU images (FRU
 * Information Storage Definition v1.0) and SEL records (IPMI 2.0 §32).
 * Same line layout as the datagram describer (describe.c):
 *
 *	<indent>  <offset>  <raw bytes, 8 a line>  <field>: <meaning>
 *
 * Each record type is a table of fixed fields, walked with a bounded
 * cursor; variable parts (ID strings, FRU fields, multi-records) are
 * walked by code.  A field that cannot be read ends the walk with a line
 * saying what is missing; a wrong checksum or length is marked BAD and
 * the walk goes on.  The return value is the record decoder's verdict, so
 * what the describer says and what the codec accepts cannot disagree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cursor.h"
#include "describe.h"
#include "err.h"
#include "fru_record.h"
#include "sdr_record.h"
#include "sel_record.h"

#define RD_BYTES_PER_LINE 8
#define RD_RAW_WIDTH	  (RD_BYTES_PER_LINE * 3 - 1)
#define RD_MEANING_MAX	  160

struct rdesc {
	FILE	      *fp;
	const char    *indent;
	const uint8_t *base; /* offsets count from here */
	int	       err;  /* the first problem the walk found */
};

/* A fixed field: its size, its name and what prints its meaning. */
struct rdesc_field {
	uint8_t	    len;
	const char *name;
	void (*say)(char *, size_t, struct rd *);
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void rdesc_line(struct rdesc *, const uint8_t *, size_t, const char *,
    const char *, ...) __attribute__((format(printf, 5, 6)));
static void rdesc_heading(struct rdesc *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void
sayf(char *, size_t, const char *, ...) __attribute__((format(printf, 3, 4)));

static void
rdesc_fail(struct rdesc *d, int rc)
{
	if (d->err == 0)
		d->err = rc;
}

static void
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
static void
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
static int
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

static void
sayf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
}

/* The fixed fields of a table, in order; stops at the first missing. */
static int
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
static void
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

static const char *
name_of(const char *const *names, size_t n, unsigned v)
{
	return v < n && names[v] != NULL ? names[v] : "reserved";
}

/* Sensor types, IPMI 2.0 table 42-3. */
static const char *
rdesc_sensor_type(uint8_t t)
{
	static const char *const names[] = {"reserved", "temperature",
	    "voltage", "current", "fan", "physical security",
	    "platform security", "processor", "power supply", "power unit",
	    "cooling device", "other units-based sensor", "memory",
	    "drive slot", "POST memory resize", "system firmware progress",
	    "event logging disabled", "watchdog 1", "system event",
	    "critical interrupt", "button/switch", "module/board",
	    "microcontroller", "add-in card", "chassis", "chip set",
	    "other FRU", "cable/interconnect", "terminator",
	    "system boot initiated", "boot error", "OS boot",
	    "OS critical stop", "slot/connector", "system ACPI power state",
	    "watchdog 2", "platform alert", "entity presence", "monitor ASIC",
	    "LAN", "management subsystem health", "battery", "session audit",
	    "version change", "FRU state"};

	return t >= 0xc0 ? "OEM" : name_of(names, NELEM(names), t);
}

/* Event/reading type codes, table 42-1. */
static const char *
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

/* Entity IDs, table 43-13 (the ones a BMC's records commonly use). */
static const char *
rdesc_entity(uint8_t e)
{
	static const struct {
		uint8_t	    id;
		const char *name;
	} names[] = {{0x03, "processor"}, {0x07, "system board"},
	    {0x0a, "power supply"}, {0x0b, "add-in card"},
	    {0x11, "memory module"}, {0x13, "power unit"}, {0x14, "fan"},
	    {0x17, "system chassis"}, {0x1d, "fan/cooling device"},
	    {0x20, "memory device"}, {0x22, "BIOS"},
	    {0x2e, "management controller firmware"}, {0x37, "air inlet"},
	    {0x40, "air inlet"}, {0x41, "processor"}, {0x42, "system board"}};
	size_t i;

	for (i = 0; i < NELEM(names); i++)
		if (names[i].id == e)
			return names[i].name;
	return e >= 0x90 && e <= 0xaf ? "chassis-specific"
	    : e >= 0xb0 && e <= 0xcf  ? "board-set specific"
	    : e >= 0xd0		      ? "OEM"
				      : "other";
}

/* Sensor unit type codes, table 43-15 (the first 40). */
static const char *
rdesc_unit(uint8_t u)
{
	static const char *const names[] = {"unspecified", "degrees C",
	    "degrees F", "degrees K", "Volts", "Amps", "Watts", "Joules",
	    "Coulombs", "VA", "Nits", "lumen", "lux", "Candela", "kPa", "PSI",
	    "Newton", "CFM", "RPM", "Hz", "microsecond", "millisecond",
	    "second", "minute", "hour", "day", "week", "mil", "inches", "feet",
	    "cu in", "cu feet", "mm", "cm", "m", "cu cm", "cu m", "liters",
	    "fluid ounce", "radians"};

	return u < NELEM(names) ? names[u] : "other unit";
}

/* ---- field meanings ---- */

static uint8_t
get8(struct rd *v)
{
	uint8_t b = 0;

	(void)rd_u8(v, &b);
	return b;
}

static uint16_t
get16(struct rd *v)
{
	uint16_t w = 0;

	(void)rd_u16le(v, &w);
	return w;
}

static void
say_hex(char *o, size_t cap, struct rd *v)
{
	if (rd_left(v) == 2)
		sayf(o, cap, "%04xh", get16(v));
	else
		sayf(o, cap, "%02xh", get8(v));
}

static void
say_raw(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "raw %u (%02xh)", b, b);
}

static void
say_record_id(char *o, size_t cap, struct rd *v)
{
	uint16_t id = get16(v);

	sayf(o, cap, "%04xh (%u)", id, id);
}

static void
say_sdr_version(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh%s", b,
	    b == SDR_RECORD_VERSION ? " (IPMI 2.0 / 1.5)" : " (unexpected)");
}

static void
say_sdr_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh (%s)", b, sdr_record_type_name(b));
}

static void
say_length(char *o, size_t cap, struct rd *v)
{
	sayf(o, cap, "%u bytes follow", get8(v));
}

static void
say_addr(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh%s", b, b == 0x20 ? " (BMC)" : "");
}

static void
say_owner_lun(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "channel %u, LUN %u", b >> 4, b & 0x03);
}

static void
say_number(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh (%u)", b, b);
}

static void
say_entity(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh (%s)", b, rdesc_entity(b));
}

static void
say_instance(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%u, %s", b & 0x7f,
	    b & 0x80 ? "logical (device-relative)" : "physical");
}

/* The names of the set bits, most significant first. */
static void
say_bits(char *o, size_t cap, uint8_t b, const char *const names[8])
{
	size_t len;
	int    i, first = 1;

	sayf(o, cap, "%02xh", b);
	for (i = 7; i >= 0; i--) {
		if (!(b & (1u << i)) || names[7 - i] == NULL)
			continue;
		len = strlen(o);
		snprintf(o + len, cap - len, "%s%s", first ? ": " : ", ",
		    names[7 - i]);
		first = 0;
	}
}

/* Sensor initialization, table 43-1 byte 11. */
static void
say_init(char *o, size_t cap, struct rd *v)
{
	static const char *const bits[8] = {"settable", "init scanning",
	    "init events", "init thresholds", "init hysteresis",
	    "init sensor type", "events on", "scanning on"};

	say_bits(o, cap, get8(v), bits);
}

/* Sensor capabilities, table 43-1 byte 12. */
static void
say_caps(char *o, size_t cap, struct rd *v)
{
	static const char *const access[] = {
	    "none", "readable", "readable and settable", "fixed"};
	static const char *const events[] = {"per threshold/state",
	    "entire sensor only", "global disable only", "no events"};
	uint8_t			 b = get8(v);

	sayf(o, cap, "%02xh: %s%shysteresis %s, thresholds %s, events %s", b,
	    b & 0x80 ? "ignore if entity absent, " : "",
	    b & 0x40 ? "auto re-arm, " : "", access[(b >> 4) & 3],
	    access[(b >> 2) & 3], events[b & 3]);
}

static void
say_sensor_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh (%s)", b, rdesc_sensor_type(b));
}

static void
say_event_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh (%s)", b, rdesc_event_type(b));
}

/* Units 1, table 43-1 byte 21. */
static void
say_units1(char *o, size_t cap, struct rd *v)
{
	static const char *const format[] = {"unsigned", "1's complement",
	    "2's complement", "no analog reading"};
	static const char *const rate[] = {"", ", per us", ", per ms",
	    ", per s", ", per minute", ", per hour", ", per day", ""};
	static const char *const modifier[] = {
	    "", ", divided by modifier", ", times modifier", ""};
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh: %s%s%s%s", b, format[b >> 6], rate[(b >> 3) & 7],
	    modifier[(b >> 1) & 3], b & 1 ? ", percentage" : "");
}

static void
say_unit(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%u (%s)", b, rdesc_unit(b));
}

static void
say_linearization(char *o, size_t cap, struct rd *v)
{
	static const char *const names[] = {"linear", "ln", "log10", "log2",
	    "e", "exp10", "exp2", "1/x", "sqr(x)", "cube(x)", "sqrt(x)",
	    "cube root(x)"};
	uint8_t			 b = get8(v);

	sayf(o, cap, "%02xh (%s)", b,
	    b >= 0x70 ? "non-linear, OEM" : name_of(names, NELEM(names), b));
}

/* A 10-bit or 4-bit two's complement value. */
static int
sext(unsigned v, unsigned bits)
{
	v &= (1u << bits) - 1;
	return v & (1u << (bits - 1)) ? (int)v - (int)(1u << bits) : (int)v;
}

static void
say_m(char *o, size_t cap, struct rd *v)
{
	uint8_t lo = get8(v), hi = get8(v);

	sayf(o, cap, "M %d, tolerance %u",
	    sext((unsigned)(hi >> 6) << 8 | lo, 10), hi & 0x3f);
}

static void
say_b(char *o, size_t cap, struct rd *v)
{
	static const char *const dir[] = {
	    "unspecified", "input", "output", "reserved"};
	uint8_t lo = get8(v), mid = get8(v), hi = get8(v);

	sayf(o, cap, "B %d, accuracy %u x 10^%u (1/100 %%), direction %s",
	    sext((unsigned)(mid >> 6) << 8 | lo, 10),
	    (unsigned)(hi >> 4) << 6 | (mid & 0x3f), (hi >> 2) & 3,
	    dir[hi & 3]);
}

static void
say_exponents(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "R exp %d, B exp %d", sext(b >> 4, 4), sext(b, 4));
}

static void
say_analog_flags(char *o, size_t cap, struct rd *v)
{
	static const char *const bits[8] = {NULL, NULL, NULL, NULL, NULL,
	    "normal min given", "normal max given", "nominal given"};

	say_bits(o, cap, get8(v), bits);
}

static void
say_zero(char *o, size_t cap, struct rd *v)
{
	uint8_t b, any = 0;

	while (rd_u8(v, &b) == 0)
		any |= b;
	sayf(o, cap, "%s", any ? "not zero (ignored)" : "");
}

/* ---- SDR ---- */

static const struct rdesc_field sdr_header_fields[] = {
    {2, "record ID", say_record_id},
    {1, "SDR version", say_sdr_version},
    {1, "record type", say_sdr_type},
    {1, "record length", say_length},
};

/* Bytes 6-23 of Full and Compact records (table 43-1, 43-2). */
#define SDR_SENSOR_FIELDS \
	{1, "sensor owner ID", say_addr}, \
	    {1, "sensor owner LUN", say_owner_lun}, \
	    {1, "sensor number", say_number}, {1, "entity ID", say_entity}, \
	    {1, "entity instance", say_instance}, \
	    {1, "sensor initialization", say_init}, \
	    {1, "sensor capabilities", say_caps}, \
	    {1, "sensor type", say_sensor_type}, \
	    {1, "event/reading type", say_event_type}, \
	    {2, "assertion event mask", say_hex}, \
	    {2, "deassertion event mask", say_hex}, \
	    {2, "reading mask", say_hex}, {1, "sensor units 1", say_units1}, \
	    {1, "base unit", say_unit}, \
	{ \
		1, "modifier unit", say_unit \
	}

static const struct rdesc_field sdr_full_fields[] = {
    SDR_SENSOR_FIELDS,
    {1, "linearization", say_linearization},
    {2, "M, tolerance", say_m},
    {3, "B, accuracy", say_b},
    {1, "R exp, B exp", say_exponents},
    {1, "analog characteristics", say_analog_flags},
    {1, "nominal reading", say_raw},
    {1, "normal maximum", say_raw},
    {1, "normal minimum", say_raw},
    {1, "sensor maximum", say_raw},
    {1, "sensor minimum", say_raw},
    {1, "upper non-recoverable", say_raw},
    {1, "upper critical", say_raw},
    {1, "upper non-critical", say_raw},
    {1, "lower non-recoverable", say_raw},
    {1, "lower critical", say_raw},
    {1, "lower non-critical", say_raw},
    {1, "positive hysteresis", say_raw},
    {1, "negative hysteresis", say_raw},
    {2, "reserved", say_zero},
    {1, "OEM", say_hex},
};

static const struct rdesc_field sdr_compact_fields[] = {
    SDR_SENSOR_FIELDS,
    {2, "record sharing", say_hex},
    {1, "positive hysteresis", say_raw},
    {1, "negative hysteresis", say_raw},
    {3, "reserved", say_zero},
    {1, "OEM", say_hex},
};

static const struct rdesc_field sdr_fru_loc_fields[] = {
    {1, "device access address", say_addr},
    {1, "FRU device ID", say_number},
    {1, "access LUN, bus", say_hex},
    {1, "channel", say_hex},
    {1, "reserved", say_zero},
    {1, "device type", say_hex},
    {1, "device type modifier", say_hex},
    {1, "FRU entity ID", say_entity},
    {1, "FRU entity instance", say_instance},
    {1, "OEM", say_hex},
};

static const struct rdesc_field sdr_mc_loc_fields[] = {
    {1, "device slave address", say_addr},
    {1, "channel", say_hex},
    {1, "power state, global init", say_hex},
    {1, "device capabilities", say_hex},
    {3, "reserved", say_zero},
    {1, "entity ID", say_entity},
    {1, "entity instance", say_instance},
    {1, "OEM", say_hex},
};

static int
sdr_check_full(const uint8_t *p, size_t n)
{
	struct sdr_record_full r;

	return sdr_record_decode_full(p, n, &r);
}

static int
sdr_check_compact(const uint8_t *p, size_t n)
{
	struct sdr_record_compact r;

	return sdr_record_decode_compact(p, n, &r);
}

static int
sdr_check_fru_loc(const uint8_t *p, size_t n)
{
	struct sdr_record_fru_loc r;

	return sdr_record_decode_fru_loc(p, n, &r);
}

static int
sdr_check_mc_loc(const uint8_t *p, size_t n)
{
	struct sdr_record_mc_loc r;

	return sdr_record_decode_mc_loc(p, n, &r);
}

static const struct {
	uint8_t			  type;
	const struct rdesc_field *fields;
	size_t			  nfields;
	int (*check)(const uint8_t *, size_t);
} sdr_bodies[] = {
    {SDR_RECORD_FULL, sdr_full_fields, NELEM(sdr_full_fields), sdr_check_full},
    {SDR_RECORD_COMPACT, sdr_compact_fields, NELEM(sdr_compact_fields),
	sdr_check_compact},
    {SDR_RECORD_FRU_LOC, sdr_fru_loc_fields, NELEM(sdr_fru_loc_fields),
	sdr_check_fru_loc},
    {SDR_RECORD_MC_LOC, sdr_mc_loc_fields, NELEM(sdr_mc_loc_fields),
	sdr_check_mc_loc},
};

static const char *const id_types[] = {
    "Unicode", "BCD plus", "6-bit ASCII, packed", "8-bit ASCII + Latin 1"};

/* BCD plus digits (FRU spec §13.1, also used by IPMI ID strings). */
static char
bcd_plus(uint8_t d)
{
	return "0123456789 -.:,_"[d & 0x0f];
}

/* The text of a string of the given type/length type, for the reader. */
static void
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

/* The ID string: its type/length byte, then the bytes it announces. */
static int
rdesc_sdr_id(struct rdesc *d, struct rd *r)
{
	char	       text[RD_MEANING_MAX];
	const uint8_t *p, *s;
	struct rd      v;
	uint8_t	       tl;
	size_t	       n;

	if (rdesc_take(d, r, 1, "ID string type/length", &p) != 0)
		return ERR_TRUNCATED;
	rd_init(&v, p, 1);
	tl = get8(&v);
	n = tl & SDR_RECORD_ID_LEN_MASK;
	rdesc_line(d, p, 1, "ID string type/length", "%s, %zu bytes",
	    id_types[tl >> 6], n);
	if (n == 0)
		return 0;
	if (rdesc_take(d, r, n, "ID string", &s) != 0)
		return ERR_TRUNCATED;
	rdesc_text(text, sizeof(text), tl >> 6, s, n);
	rdesc_line(d, s, n, "ID string", "\"%s\"", text);
	return 0;
}

int
describe_sdr_record(FILE *fp, const char *indent, const uint8_t *p, size_t n)
{
	struct rdesc		 d = {fp, indent != NULL ? indent : "", p, 0};
	struct sdr_record_header h;
	struct rd		 r, peek;
	size_t			 i;

	rd_init(&r, p, n);
	peek = r;
	if (sdr_record_decode_header(&peek, &h) != 0)
		memset(&h, 0, sizeof(h));
	rdesc_heading(&d, "SDR record (%zu bytes): %s", n,
	    n >= SDR_RECORD_HEADER_LEN ? sdr_record_type_name(h.type)
				       : "truncated");
	if (rdesc_fields(&d, &r, sdr_header_fields, NELEM(sdr_header_fields)) !=
	    0)
		return d.err;
	if (rd_left(&r) != h.length) {
		fprintf(fp,
		    "%s  %04zx  %-*s  ** BAD: the length says %u bytes, "
		    "%zu follow\n",
		    d.indent, (size_t)(rd_pos(&r) - p), RD_RAW_WIDTH, "",
		    h.length, rd_left(&r));
		rdesc_fail(
		    &d, rd_left(&r) < h.length ? ERR_TRUNCATED : ERR_TRAILING);
	}
	for (i = 0; i < NELEM(sdr_bodies); i++)
		if (sdr_bodies[i].type == h.type)
			break;
	if (i == NELEM(sdr_bodies)) {
		const uint8_t *b;

		if (rd_left(&r) > 0 && rd_span(&r, &b, rd_left(&r)) == 0)
			rdesc_line(&d, b, (size_t)(rd_pos(&r) - b),
			    "record body", "not described here");
		rdesc_fail(&d, ERR_UNSUPPORTED);
		return d.err;
	}
	if (rdesc_fields(&d, &r, sdr_bodies[i].fields, sdr_bodies[i].nfields) ==
	    0) {
		if (rdesc_sdr_id(&d, &r) == 0)
			rdesc_trailing(&d, &r, "after the ID string");
	}
	if (d.err == 0)
		d.err = sdr_bodies[i].check(p, n);
	return d.err;
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
		sayf(o, cap, "%u (unspecified)", t);
		return;
	}
	if (t <= 0x20000000) {
		sayf(o, cap, "%u (pre-init: s since the BMC started)", t);
		return;
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	sayf(o, cap, "%u (%s)", t, when);
}

static void
say_sel_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh (%s)", b,
	    b == SEL_RECORD_SYSTEM	  ? "system event record"
		: b >= SEL_RECORD_OEM_NTS ? "OEM, not timestamped"
		: b >= SEL_RECORD_OEM_TS  ? "OEM, timestamped"
					  : "not a SEL record type");
}

/* Generator ID, table 32-1 bytes 8-9. */
static void
say_generator(char *o, size_t cap, struct rd *v)
{
	uint8_t a = get8(v), c = get8(v);

	/* Bit 0 tells a software ID from an IPMB slave address (5.5). */
	sayf(o, cap, "%02xh (%s%s), channel %u, LUN %u", a,
	    a & 1 ? "software ID" : "slave address", a == 0x20 ? ", BMC" : "",
	    c >> 4, c & 0x03);
}

static void
say_evm_rev(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh%s", b,
	    b == SEL_RECORD_EVM_REV ? " (IPMI 2.0)"
		: b == 0x03	    ? " (IPMI 1.0)"
				    : "");
}

static void
say_event_dir(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%s, type %02xh (%s)",
	    b & SEL_RECORD_DEASSERTION ? "deassertion" : "assertion", b & 0x7f,
	    rdesc_event_type(b));
}

/* Event data 1, table 29-6: what data 2 and 3 hold, and the offset. */
static void
say_event_data1(char *o, size_t cap, struct rd *v)
{
	static const char *const use[] = {
	    "unspecified", "trigger reading", "OEM", "sensor-specific"};
	uint8_t b = get8(v);

	sayf(o, cap, "offset %u; data 2: %s, data 3: %s", b & 0x0f, use[b >> 6],
	    use[(b >> 4) & 3]);
}

static void
say_manufacturer(char *o, size_t cap, struct rd *v)
{
	uint16_t lo = get16(v);
	uint8_t	 hi = get8(v);

	sayf(o, cap, "%u (IANA enterprise number)", (unsigned)hi << 16 | lo);
}

static void
say_count(char *o, size_t cap, struct rd *v)
{
	sayf(o, cap, "%zu bytes", rd_left(v));
}

static const struct rdesc_field sel_head_fields[] = {
    {2, "record ID", say_record_id},
    {1, "record type", say_sel_type},
};

static const struct rdesc_field sel_system_fields[] = {
    {4, "timestamp", say_timestamp},
    {2, "generator ID", say_generator},
    {1, "EvM revision", say_evm_rev},
    {1, "sensor type", say_sensor_type},
    {1, "sensor number", say_number},
    {1, "event dir/type", say_event_dir},
    {1, "event data 1", say_event_data1},
    {1, "event data 2", say_hex},
    {1, "event data 3", say_hex},
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

/* ---- FRU ---- */

static void
say_fru_version(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%02xh%s", b,
	    (b & 0x0f) == FRU_RECORD_VERSION ? " (FRU spec 1.0)"
					     : " (unexpected)");
}

static void
say_offset(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	if (b == 0)
		sayf(o, cap, "none");
	else
		sayf(o, cap, "%u x 8 = byte %u", b, b * 8u);
}

static void
say_blocks(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%u x 8 = %u bytes", b, b * 8u);
}

static void
say_language(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "%u%s", b, b == 0 || b == 25 ? " (English)" : "");
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
	uint8_t			 b = get8(v);

	sayf(o, cap, "%02xh (%s)", b, name_of(names, NELEM(names), b));
}

static void
say_mfg_time(char *o, size_t cap, struct rd *v)
{
	uint16_t  lo = get16(v);
	uint8_t	  hi = get8(v);
	uint32_t  min = (uint32_t)hi << 16 | lo;
	time_t	  t = (time_t)FRU_RECORD_MFG_EPOCH_UNIX + (time_t)min * 60;
	struct tm tm;
	char	  when[32];

	if (min == 0) {
		sayf(o, cap, "0 (unspecified)");
		return;
	}
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	sayf(o, cap, "%u minutes since 1996 (%s)", min, when);
}

static const struct rdesc_field fru_header_fields[] = {
    {1, "format version", say_fru_version},
    {1, "internal use area", say_offset},
    {1, "chassis info area", say_offset},
    {1, "board info area", say_offset},
    {1, "product info area", say_offset},
    {1, "multi-record area", say_offset},
    {1, "pad", say_zero},
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
	if (get8(&v) == want)
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
		tl = get8(&v);
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
			    id_types[tl >> 6], n);
			rdesc_fail(d, ERR_FORMAT);
			return;
		}
		(void)rd_span(r, &s, n);
		rdesc_text(text, sizeof(text), tl >> 6, s, n);
		rdesc_line(d, p, n + 1, name, "%s, %zu bytes%s%s%s",
		    id_types[tl >> 6], n, n ? ": \"" : "", text, n ? "\"" : "");
	}
	if (rd_left(r) > 1) {
		n = rd_left(r) - 1;
		(void)rd_span(r, &p, n);
		rd_init(&v, p, n);
		say_zero(text, sizeof(text), &v);
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
	if ((whole = rd_sub(&r, &area, len) == 0) == 0)
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
	uint8_t			 b = get8(v);

	sayf(o, cap, "%02xh (%s)", b,
	    b >= 0xc0 ? "OEM" : name_of(names, NELEM(names), b));
}

static void
say_multi_format(char *o, size_t cap, struct rd *v)
{
	uint8_t b = get8(v);

	sayf(o, cap, "format version %u%s", b & 0x0f,
	    b & FRU_RECORD_MULTI_END ? ", end of list" : "");
}

static const struct rdesc_field fru_multi_fields[] = {
    {1, "record type", say_multi_type},
    {1, "end of list, format", say_multi_format},
    {1, "record length", say_length},
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
		(void)get8(&v);
		flags = get8(&v);
		len = get8(&v);
		if (rdesc_take(d, &r, len, "record data", &data) != 0) {
			rdesc_checksum(d, hdr, hsum, "header checksum");
			return;
		}
		rd_init(&v, sum, 1);
		if ((uint8_t)(fru_record_checksum(data, len) - get8(&v)) == 0)
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
