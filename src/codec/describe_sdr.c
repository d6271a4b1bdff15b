/*
 * The describer of Sensor Data Records (IPMI 2.0 §43): the header, then
 * the body's fixed fields from the record type's table, then the ID
 * string.  The line printer and field walker are describe_records.c's.
 */
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "describe.h"
#include "describe_records.h"
#include "err.h"
#include "sdr_record.h"

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

static void
say_raw(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "raw %u (%02xh)", b, b);
}

static void
say_sdr_version(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh%s", b,
	    b == SDR_RECORD_VERSION ? " (IPMI 2.0 / 1.5)" : " (unexpected)");
}

static void
say_sdr_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b, sdr_record_type_name(b));
}

static void
say_addr(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh%s", b, b == 0x20 ? " (BMC)" : "");
}

static void
say_owner_lun(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "channel %u, LUN %u", b >> 4, b & 0x03);
}

static void
say_entity(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b, rdesc_entity(b));
}

static void
say_instance(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%u, %s", b & 0x7f,
	    b & 0x80 ? "logical (device-relative)" : "physical");
}

/* The names of the set bits, most significant first. */
static void
say_bits(char *o, size_t cap, uint8_t b, const char *const names[8])
{
	size_t len;
	int    i, first = 1;

	rdesc_sayf(o, cap, "%02xh", b);
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

	say_bits(o, cap, rdesc_get8(v), bits);
}

/* Sensor capabilities, table 43-1 byte 12. */
static void
say_caps(char *o, size_t cap, struct rd *v)
{
	static const char *const access[] = {
	    "none", "readable", "readable and settable", "fixed"};
	static const char *const events[] = {"per threshold/state",
	    "entire sensor only", "global disable only", "no events"};
	uint8_t			 b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh: %s%shysteresis %s, thresholds %s, events %s",
	    b, b & 0x80 ? "ignore if entity absent, " : "",
	    b & 0x40 ? "auto re-arm, " : "", access[(b >> 4) & 3],
	    access[(b >> 2) & 3], events[b & 3]);
}

static void
say_event_type(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b, rdesc_event_type(b));
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
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh: %s%s%s%s", b, format[b >> 6],
	    rate[(b >> 3) & 7], modifier[(b >> 1) & 3],
	    b & 1 ? ", percentage" : "");
}

static void
say_unit(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%u (%s)", b, rdesc_unit(b));
}

static void
say_linearization(char *o, size_t cap, struct rd *v)
{
	static const char *const names[] = {"linear", "ln", "log10", "log2",
	    "e", "exp10", "exp2", "1/x", "sqr(x)", "cube(x)", "sqrt(x)",
	    "cube root(x)"};
	uint8_t			 b = rdesc_get8(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b >= 0x70 ? "non-linear, OEM"
		      : rdesc_name_of(names, NELEM(names), b));
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
	uint8_t lo = rdesc_get8(v), hi = rdesc_get8(v);

	rdesc_sayf(o, cap, "M %d, tolerance %u",
	    sext((unsigned)(hi >> 6) << 8 | lo, 10), hi & 0x3f);
}

static void
say_b(char *o, size_t cap, struct rd *v)
{
	static const char *const dir[] = {
	    "unspecified", "input", "output", "reserved"};
	uint8_t lo = rdesc_get8(v), mid = rdesc_get8(v), hi = rdesc_get8(v);

	rdesc_sayf(o, cap, "B %d, accuracy %u x 10^%u (1/100 %%), direction %s",
	    sext((unsigned)(mid >> 6) << 8 | lo, 10),
	    (unsigned)(hi >> 4) << 6 | (mid & 0x3f), (hi >> 2) & 3,
	    dir[hi & 3]);
}

static void
say_exponents(char *o, size_t cap, struct rd *v)
{
	uint8_t b = rdesc_get8(v);

	rdesc_sayf(o, cap, "R exp %d, B exp %d", sext(b >> 4, 4), sext(b, 4));
}

static void
say_analog_flags(char *o, size_t cap, struct rd *v)
{
	static const char *const bits[8] = {NULL, NULL, NULL, NULL, NULL,
	    "normal min given", "normal max given", "nominal given"};

	say_bits(o, cap, rdesc_get8(v), bits);
}

/* ---- SDR ---- */

static const struct rdesc_field sdr_header_fields[] = {
    {2, "record ID", rdesc_say_record_id},
    {1, "SDR version", say_sdr_version},
    {1, "record type", say_sdr_type},
    {1, "record length", rdesc_say_length},
};

/* Bytes 6-23 of Full and Compact records (table 43-1, 43-2). */
#define SDR_SENSOR_FIELDS \
	{1, "sensor owner ID", say_addr}, \
	    {1, "sensor owner LUN", say_owner_lun}, \
	    {1, "sensor number", rdesc_say_number}, \
	    {1, "entity ID", say_entity}, \
	    {1, "entity instance", say_instance}, \
	    {1, "sensor initialization", say_init}, \
	    {1, "sensor capabilities", say_caps}, \
	    {1, "sensor type", rdesc_say_sensor_type}, \
	    {1, "event/reading type", say_event_type}, \
	    {2, "assertion event mask", rdesc_say_hex}, \
	    {2, "deassertion event mask", rdesc_say_hex}, \
	    {2, "reading mask", rdesc_say_hex}, \
	    {1, "sensor units 1", say_units1}, {1, "base unit", say_unit}, \
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
    {2, "reserved", rdesc_say_zero},
    {1, "OEM", rdesc_say_hex},
};

static const struct rdesc_field sdr_compact_fields[] = {
    SDR_SENSOR_FIELDS,
    {2, "record sharing", rdesc_say_hex},
    {1, "positive hysteresis", say_raw},
    {1, "negative hysteresis", say_raw},
    {3, "reserved", rdesc_say_zero},
    {1, "OEM", rdesc_say_hex},
};

static const struct rdesc_field sdr_fru_loc_fields[] = {
    {1, "device access address", say_addr},
    {1, "FRU device ID", rdesc_say_number},
    {1, "access LUN, bus", rdesc_say_hex},
    {1, "channel", rdesc_say_hex},
    {1, "reserved", rdesc_say_zero},
    {1, "device type", rdesc_say_hex},
    {1, "device type modifier", rdesc_say_hex},
    {1, "FRU entity ID", say_entity},
    {1, "FRU entity instance", say_instance},
    {1, "OEM", rdesc_say_hex},
};

static const struct rdesc_field sdr_mc_loc_fields[] = {
    {1, "device slave address", say_addr},
    {1, "channel", rdesc_say_hex},
    {1, "power state, global init", rdesc_say_hex},
    {1, "device capabilities", rdesc_say_hex},
    {3, "reserved", rdesc_say_zero},
    {1, "entity ID", say_entity},
    {1, "entity instance", say_instance},
    {1, "OEM", rdesc_say_hex},
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
	tl = rdesc_get8(&v);
	n = tl & SDR_RECORD_ID_LEN_MASK;
	rdesc_line(d, p, 1, "ID string type/length", "%s, %zu bytes",
	    rdesc_id_type(tl >> 6), n);
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
