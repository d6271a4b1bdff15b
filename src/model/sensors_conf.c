/*
 * [sensor N] of bmcsim.ini(5): one sensor, or a row of alike sensors,
 * with the defaults its type implies (struct model_sensor), and where
 * the sections' sensors sit once the whole file is read.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "model.h"

struct sensors_conf_state {
	unsigned id; /* N of the [sensor N] being read */
};

/* IPMI 2.0 table 42-3. */
const struct ini_name sensors_conf_type_names[] = {
    {"temperature", 0x01},
    {"voltage", 0x02},
    {"current", 0x03},
    {"fan", 0x04},
    {"intrusion", 0x05},
    {"processor", 0x07},
    {"power_supply", 0x08},
    {"power_unit", 0x09},
    {"other", 0x0b},
    {"memory", 0x0c},
    {"drive_slot", 0x0d},
    {"event_logging", 0x10},
    {"system_event", 0x12},
    {"button", 0x14},
    {"watchdog", 0x23},
    {"management_subsystem", 0x28},
    {NULL, 0},
};

const struct ini_name sensors_conf_event_type_names[] = {
    {"threshold", 0x01},
    {"specific", 0x6f},
    {NULL, 0},
};

static const struct ini_name sensors_conf_record_names[] = {
    {"full", 0},
    {"compact", 1},
    {NULL, 0},
};

/* IPMI 2.0 table 43-15; "percent" is unit 0 with the percentage bit. */
#define UNITS_PERCENT 0xff
static const struct ini_name sensors_conf_units_names[] = {
    {"none", 0},
    {"degrees_c", 1},
    {"degrees_f", 2},
    {"volts", 4},
    {"amps", 5},
    {"watts", 6},
    {"joules", 7},
    {"rpm", 18},
    {"cfm", 17},
    {"percent", UNITS_PERCENT},
    {NULL, 0},
};

/* IPMI 2.0 table 43-13, the usual ones. */
static const struct ini_name sensors_conf_entity_names[] = {
    {"processor", 0x03},
    {"disk_bay", 0x04},
    {"power_supply", 0x0a},
    {"front_panel", 0x0c},
    {"system_board", 0x07},
    {"power_unit", 0x13},
    {"chassis", 0x17},
    {"fan", 0x1d},
    {"memory", 0x20},
    {"bmc", 0x2e}, /* management controller firmware */
    {"air_inlet", 0x37},
    {NULL, 0},
};

static const struct ini_name sensors_conf_wave_names[] = {
    {"constant", MODEL_WAVE_CONSTANT},
    {"ramp", MODEL_WAVE_RAMP},
    {"sine", MODEL_WAVE_SINE},
    {"walk", MODEL_WAVE_WALK},
    {NULL, 0},
};

#define SU(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_sensor, field), .size = sz, \
		.min = lo, .max = hi \
	}
#define SI(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_sint, \
		.off = offsetof(struct model_sensor, field), .size = sz, \
		.min = (uint64_t)(lo), .max = (uint64_t)(hi) \
	}
#define SD(key, field) \
	{ \
		.name = key, .parse = ini_type_double, \
		.off = offsetof(struct model_sensor, field) \
	}
#define SB(key, field) \
	{ \
		.name = key, .parse = ini_type_bool, \
		.off = offsetof(struct model_sensor, field) \
	}
#define SN(key, field, table, hi) \
	{ \
		.name = key, .parse = ini_type_name_or_number, \
		.off = offsetof(struct model_sensor, field), .max = hi, \
		.names = table \
	}

static const struct ini_key sensors_conf_keys[] = {
    {.name = "name",
	.parse = ini_type_string,
	.off = offsetof(struct model_sensor, name),
	.size = MODEL_SENSOR_NAME_LEN},
    SU("count", count, 1, 1, MODEL_SENSOR_COUNT_MAX),
    SU("number", number, 1, 1, MODEL_SENSOR_NUMBER_MAX),
    SN("type", sensor_type, sensors_conf_type_names, 0xff),
    SN("event_type", event_type, sensors_conf_event_type_names, 0x7f),
    {.name = "record",
	.parse = ini_type_enum,
	.off = offsetof(struct model_sensor, compact),
	.names = sensors_conf_record_names},
    SN("entity", entity_id, sensors_conf_entity_names, 0xff),
    SU("entity_instance", entity_instance, 1, 0, 127),
    SN("units", units, sensors_conf_units_names, 0xff),
    SB("signed", analog_signed),
    SI("m", m, 2, -512, 511),
    SI("b", b, 2, -512, 511),
    SI("b_exp", b_exp, 1, -8, 7),
    SI("r_exp", r_exp, 1, -8, 7),
    SU("accuracy", accuracy, 2, 0, 1023),
    SU("tolerance", tolerance, 1, 0, 63),
    SD("range_min", range_min),
    SD("range_max", range_max),
    SD("nominal", nominal),
    SD("off", off),
    {.name = "wave",
	.parse = ini_type_enum,
	.off = offsetof(struct model_sensor, wave),
	.names = sensors_conf_wave_names},
    SD("amplitude", amplitude),
    {.name = "period_s",
	.parse = ini_type_uint,
	.off = offsetof(struct model_sensor, period_ms),
	.size = 4,
	.min = 1,
	.max = 86400,
	.scale = 1000},
    {.name = "settle_s",
	.parse = ini_type_uint,
	.off = offsetof(struct model_sensor, settle_ms),
	.size = 4,
	.min = 0,
	.max = 3600,
	.scale = 1000},
    SD("lnr", threshold[MODEL_LNR]),
    SD("lcr", threshold[MODEL_LCR]),
    SD("lnc", threshold[MODEL_LNC]),
    SD("unc", threshold[MODEL_UNC]),
    SD("ucr", threshold[MODEL_UCR]),
    SD("unr", threshold[MODEL_UNR]),
    SB("thresholds_settable", thresholds_settable),
    SD("hysteresis", hysteresis),
    SU("state", state, 2, 0, 0x7fff),
    SU("off_state", off_state, 2, 0, 0x7fff),
    SB("events", events),
    SU("assert_mask", assert_mask, 2, 0, 0x7fff),
    SU("deassert_mask", deassert_mask, 2, 0, 0x7fff),
    {.name = NULL},
};

static void sensors_conf_error(struct ini_file *, const char *key, const char *,
    ...) __attribute__((format(printf, 3, 4)));

/* A problem of a [sensor N], at the line of the key it is about. */
static void
sensors_conf_error(struct ini_file *f, const char *key, const char *fmt, ...)
{
	struct sensors_conf_state *st = ini_state(f, &sensors_conf_section);
	char			   msg[300];
	va_list			   ap;
	unsigned		   line = ini_key_line(f, key);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ini_error_at(f, line != 0 ? line : ini_section_line(f),
	    "[sensor %u]: %s", st->id, msg);
}

/* What a sensor type is like, for the keys a section leaves out. */
struct sensors_conf_kind {
	uint8_t	 type;
	uint8_t	 units;
	uint8_t	 entity;
	uint8_t	 threshold; /* 1: a threshold sensor */
	double	 range_min, range_max, nominal;
	uint32_t settle_ms;
	uint16_t state, off_state; /* discrete */
	uint8_t	 has_off_state;
};

static const struct sensors_conf_kind sensors_conf_kinds[] = {
    {0x01, 1, 0x07, 1, 0, 127.5, 35, 60000, 0, 0, 0},	/* temperature */
    {0x02, 4, 0x07, 1, 0, 0, 0, 500, 0, 0, 0},		/* voltage */
    {0x03, 5, 0x07, 1, 0, 51, 5, 0, 0, 0, 0},		/* current */
    {0x04, 18, 0x1d, 1, 0, 20400, 6000, 3000, 0, 0, 0}, /* fan */
    {0x0b, 6, 0x07, 1, 0, 1020, 200, 0, 0, 0, 0},	/* other: W */
    {0x05, 0, 0x17, 0, 0, 0, 0, 0, 0x0000, 0, 0},	/* intrusion */
    {0x07, 0, 0x03, 0, 0, 0, 0, 0, 0x0080, 0x0080, 1},	/* processor */
    {0x08, 0, 0x0a, 0, 0, 0, 0, 0, 0x0001, 0x0001, 1},	/* PSU */
    {0x09, 0, 0x13, 0, 0, 0, 0, 0, 0x0000, 0x0001, 1},	/* power unit */
    {0x0c, 0, 0x20, 0, 0, 0, 0, 0, 0x0040, 0x0040, 1},	/* memory */
    {0x0d, 0, 0x04, 0, 0, 0, 0, 0, 0x0001, 0x0001, 1},	/* drive slot */
    {0, 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 0}, /* any other: discrete */
};

/*
 * A [sensor N] is complete: the defaults its type implies, then the
 * checks that need all its keys.
 */
static void
sensors_conf_end(struct ini_file *f, void *root, void *target)
{
	struct sensors_conf_state *st = ini_state(f, &sensors_conf_section);
	struct model_sensor	  *s = target;
	const struct sensors_conf_kind *k = sensors_conf_kinds;
	char				name[64], *brace;
	unsigned			i;
	double				last = -INFINITY;
	static const char *const	th_names[] = {
		   "lnc", "lcr", "lnr", "unc", "ucr", "unr"};
	static const int order[] = {
	    MODEL_LNR, MODEL_LCR, MODEL_LNC, MODEL_UNC, MODEL_UCR, MODEL_UNR};

	(void)root;
	if (ini_key_line(f, "name") == 0)
		ini_error_at(
		    f, ini_section_line(f), "[sensor %u] needs a name", st->id);
	if (ini_key_line(f, "type") == 0) {
		ini_error_at(
		    f, ini_section_line(f), "[sensor %u] needs a type", st->id);
		return;
	}
	while (k->type != 0 && k->type != s->sensor_type)
		k++;
	s->has_number = ini_key_line(f, "number") != 0;
	s->has_m = ini_key_line(f, "m") != 0;
	if (ini_key_line(f, "event_type") == 0)
		s->event_type = k->threshold ? 0x01 : 0x6f;
	if (ini_key_line(f, "record") == 0)
		s->compact = s->event_type != 0x01;
	if (ini_key_line(f, "entity") == 0)
		s->entity_id = k->entity;
	if (ini_key_line(f, "units") == 0)
		s->units = k->units;
	if (s->units == UNITS_PERCENT) {
		s->units = 0;
		s->percentage = 1;
	}
	if (s->settle_ms == UINT32_MAX)
		s->settle_ms = k->settle_ms;
	if (ini_key_line(f, "state") == 0)
		s->state = k->state;
	if (ini_key_line(f, "off_state") != 0)
		s->has_off_state = 1;
	else if (k->has_off_state) {
		s->off_state = k->off_state;
		s->has_off_state = 1;
	}
	if (s->event_type == 0x01) {
		if (isnan(s->nominal)) {
			if (s->sensor_type == 0x02) {
				ini_error_at(f, ini_section_line(f),
				    "[sensor %u] needs nominal (the rail's "
				    "voltage)",
				    st->id);
				return;
			}
			s->nominal = k->nominal;
		}
		if (isnan(s->range_min))
			s->range_min = s->nominal < 0 ? -128 : 0;
		if (isnan(s->range_max))
			s->range_max = k->range_max > s->nominal * 1.2
			    ? k->range_max
			    : fabs(s->nominal) * 1.5;
		if (ini_key_line(f, "signed") == 0)
			s->analog_signed = s->range_min < 0;
		if (isnan(s->off))
			s->off = s->sensor_type == 0x01
			    ? (s->nominal < 24 ? s->nominal : 24)
			    : 0;
		if (isnan(s->hysteresis))
			s->hysteresis = s->sensor_type == 0x01 ? 1 : 0;
		if (s->compact)
			sensors_conf_error(f, "record",
			    "record = compact: a threshold sensor needs a "
			    "full record (its linearisation lives there)");
		if (s->range_max <= s->range_min)
			sensors_conf_error(f, "range_max",
			    "range_max must be above range_min");
		for (i = 0; i < MODEL_THRESHOLDS; i++) {
			double t = s->threshold[order[i]];

			if (isnan(t))
				continue;
			if (t < s->range_min || t > s->range_max)
				sensors_conf_error(f, th_names[order[i]],
				    "%s = %g is outside the sensor's range "
				    "%g to %g",
				    th_names[order[i]], t, s->range_min,
				    s->range_max);
			if (t < last)
				sensors_conf_error(f, th_names[order[i]],
				    "%s = %g: thresholds must rise from lnr "
				    "to unr",
				    th_names[order[i]], t);
			last = t;
		}
		if (s->hysteresis < 0)
			sensors_conf_error(
			    f, "hysteresis", "hysteresis must not be negative");
	} else {
		if (isnan(s->nominal))
			s->nominal = 0;
		if (isnan(s->off))
			s->off = 0;
		if (isnan(s->hysteresis))
			s->hysteresis = 0;
		if (isnan(s->range_min))
			s->range_min = 0;
		if (isnan(s->range_max))
			s->range_max = 255;
	}
	/* The longest name the replicas get must fit the ID string. */
	snprintf(name, sizeof(name), "%s", s->name);
	if ((brace = strstr(name, "{n}")) != NULL)
		snprintf(brace, sizeof(name) - (size_t)(brace - name), "%u%s",
		    s->count, strstr(s->name, "{n}") + 3);
	else if (s->count > 1)
		snprintf(name + strlen(name), sizeof(name) - strlen(name),
		    " %u", s->count);
	if (strlen(name) > MODEL_SENSOR_NAME_LEN)
		ini_error_at(f, ini_section_line(f),
		    "[sensor %u]: the name '%s' is longer than %d bytes",
		    st->id, name, MODEL_SENSOR_NAME_LEN);
}

/* Defaults of a [sensor N] before its keys; see sensors_conf_end(). */
static void *
sensors_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct sensors_conf_state *st = ini_state(f, &sensors_conf_section);
	struct model_sensor	  *s = &((struct model *)root)->sensors[n - 1];
	unsigned		   i;

	(void)a;
	st->id = n;
	memset(s, 0, sizeof(*s));
	s->defined = 1;
	s->count = 1;
	s->entity_instance = 1;
	s->range_min = NAN;
	s->range_max = NAN;
	s->nominal = NAN;
	s->off = NAN;
	s->amplitude = 0;
	s->period_ms = 60000;
	s->hysteresis = NAN;
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		s->threshold[i] = NAN;
	s->thresholds_settable = 1;
	s->events = 1;
	s->settle_ms = UINT32_MAX; /* by type */
	return s;
}

/*
 * The [sensor N] sections in the order of N, without gaps; then every
 * sensor's number and LUN must be its own.
 */
static void
sensors_conf_check(struct ini_file *f, void *root)
{
	struct model		   *m = root;
	struct model_sensor_address a;
	uint8_t			    used[4][256];
	unsigned		    i, r, n = 0, lines[MODEL_SENSORS_MAX];

	for (i = 1; i <= MODEL_SENSORS_MAX; i++) {
		unsigned line = ini_header_line(f, &sensors_conf_section, i);

		if (line == 0)
			continue;
		if (n != i - 1)
			m->sensors[n] = m->sensors[i - 1];
		lines[n++] = line;
	}
	for (i = n; i < MODEL_SENSORS_MAX; i++)
		memset(&m->sensors[i], 0, sizeof(m->sensors[i]));
	m->nsensors = n;
	memset(used, 0, sizeof(used));
	for (i = 0; i < n; i++) {
		for (r = 0; r < m->sensors[i].count; r++) {
			if (model_sensor_address(m, i, r, &a) != 0) {
				ini_error_at(f, lines[i],
				    "more than %d sensors: numbers 1 to %d on "
				    "LUNs 0, 1 and 3 are all taken",
				    MODEL_SENSOR_SLOTS,
				    MODEL_SENSOR_NUMBER_MAX);
				return;
			}
			if (used[a.lun][a.number]) {
				ini_error_at(f, lines[i],
				    "sensor number %u on LUN %u is taken by an "
				    "earlier sensor",
				    a.number, a.lun);
				return;
			}
			used[a.lun][a.number] = 1;
		}
	}
}

const struct ini_section sensors_conf_section = {
    .name = "sensor",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_SENSORS_MAX,
    .keys = sensors_conf_keys,
    .state_size = sizeof(struct sensors_conf_state),
    .begin_cb = sensors_conf_begin,
    .end_cb = sensors_conf_end,
    .check_cb = sensors_conf_check,
};
