/*
 * Sensor Data Records and the linear reading conversion.
 *
 * A sensor that does not give M, B and the exponents gets the finest
 * linearisation that covers its range in the 256 raw steps: the step is
 * (range_max - range_min) / 255 written as M 10^r_exp with M as large as
 * fits (the most significant digits), and range_min as B 10^(b_exp +
 * r_exp).  A signed sensor's raw byte is two's complement, -128..127
 * around zero.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sdr.h"
#include "sdr_record.h"

static double
pow10i(int e)
{
	double v = 1;

	for (; e > 0; e--)
		v *= 10;
	for (; e < 0; e++)
		v /= 10;
	return v;
}

void
sdr_linear_of(const struct model_sensor *s, struct sdr_linear *l)
{
	double step, lo = s->range_min, hi = s->range_max, bv;
	int    r, be;

	memset(l, 0, sizeof(*l));
	l->sign = s->analog_signed;
	l->accuracy = s->accuracy;
	l->tolerance = s->tolerance;
	if (s->has_m) {
		l->m = s->m;
		l->b = s->b;
		l->b_exp = s->b_exp;
		l->r_exp = s->r_exp;
		return;
	}
	if (l->sign) {
		double top = fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi);

		step = top / 127.0;
		lo = 0;
	} else
		step = (hi - lo) / 255.0;
	if (!(step > 0))
		step = 1;
	/* The smallest exponent for which M fits: the most digits. */
	for (r = -8; r < 7 && ceil(step / pow10i(r) - 1e-9) > 511; r++)
		;
	l->r_exp = (int8_t)r;
	l->m = (int16_t)ceil(step / pow10i(r) - 1e-9);
	if (l->m < 1)
		l->m = 1;
	/* range_min = B 10^(b_exp + r): the smallest b_exp that fits B. */
	for (be = -8; be < 7; be++) {
		bv = lo / pow10i(be + r);
		if (fabs(bv) <= 511 && fabs(bv - round(bv)) < 1e-6)
			break;
	}
	if (be == 7 || lo == 0) {
		for (be = 0; be < 7; be++)
			if (fabs(lo / pow10i(be + r)) <= 511)
				break;
	}
	l->b_exp = (int8_t)be;
	l->b = (int16_t)round(lo / pow10i(be + r));
}

double
sdr_from_raw(const struct sdr_linear *l, uint8_t raw)
{
	double x = l->sign ? (double)(int8_t)raw : (double)raw;

	return ((double)l->m * x + (double)l->b * pow10i(l->b_exp)) *
	    pow10i(l->r_exp);
}

uint8_t
sdr_to_raw(const struct sdr_linear *l, double value)
{
	double x;

	if (l->m == 0)
		return 0;
	x = (value / pow10i(l->r_exp) - (double)l->b * pow10i(l->b_exp)) /
	    (double)l->m;
	x = round(x);
	if (l->sign) {
		if (x < -128)
			x = -128;
		if (x > 127)
			x = 127;
		return (uint8_t)(int8_t)x;
	}
	if (x < 0)
		x = 0;
	if (x > 255)
		x = 255;
	return (uint8_t)x;
}

/* The ID string, cut to 16 bytes: 8-bit ASCII + Latin 1. */
static void
sdr_id_string(struct sdr_record_idstr *id, const char *name)
{
	size_t n = strlen(name);

	if (n > SDR_RECORD_ID_MAX)
		n = SDR_RECORD_ID_MAX;
	id->type = SDR_RECORD_ID_LATIN1;
	id->len = (uint8_t)n;
	memcpy(id->bytes, name, n);
}

/* Sensor initialization and capabilities (table 43-1, bytes 11-12). */
static void
sdr_init_caps(const struct sdr_sensor *s, uint8_t *init, uint8_t *caps)
{
	int threshold = s->m->event_type == 0x01;

	/* Scanning and events on at start; thresholds and hysteresis too. */
	*init = threshold ? 0x7f : 0x67;
	if (!s->m->events)
		*init &= (uint8_t)~0x02;
	*caps = 0x40; /* auto re-arm */
	if (threshold) {
		*caps |= s->settable ? 0x20 : 0x10; /* hysteresis */
		*caps |= s->settable ? 0x08 : 0x04; /* thresholds */
	}
	if (!s->m->events)
		*caps |= 0x03; /* no events */
}

/* Units 1: analog format, percentage. */
static uint8_t
sdr_units1(const struct sdr_sensor *s)
{
	uint8_t u = s->m->percentage ? 0x01 : 0x00;

	if (s->m->event_type != 0x01)
		return (uint8_t)(u | 0xc0); /* no analog reading */
	return (uint8_t)(u | (s->lin.sign ? 0x80 : 0x00));
}

/* Bytes 5-22 of both sensor records (table 43-1). */
static void
sdr_sensor_common(const struct sdr_sensor *s, struct sdr_record_sensor *r)
{
	uint16_t am = s->assert_mask, dm = s->deassert_mask;
	uint16_t rm = s->reading_mask;
	int	 i;

	memset(r, 0, sizeof(*r));
	sdr_init_caps(s, &r->init, &r->caps);
	r->owner_id = SDR_OWNER_BMC;
	r->owner_lun = s->lun & 0x03;
	r->number = s->number;
	r->entity_id = s->m->entity_id;
	r->entity_instance = s->entity_instance & 0x7f;
	r->sensor_type = s->m->sensor_type;
	r->event_type = s->m->event_type;
	if (s->m->event_type == 0x01) {
		/* Lower/upper "comparison returned" bits 12-14, and the
		 * readable and settable threshold masks. */
		rm = (uint16_t)(s->readable | s->settable << 8);
		for (i = 0; i < 3; i++) {
			if (s->readable & (1u << i))
				am |= (uint16_t)(1u << (12 + i));
			if (s->readable & (1u << (3 + i)))
				dm |= (uint16_t)(1u << (12 + i));
		}
	}
	r->assert_mask = am;
	r->deassert_mask = dm;
	r->reading_mask = rm;
	r->units1 = sdr_units1(s);
	r->units2 = s->m->units;
	r->units3 = 0x00;
}

/*
 * The encoders below fill the codec's record and let it write the bytes:
 * out holds SDR_RECORD_MAX bytes (the longest record), so they cannot
 * fail; 0 would mean a record the codec refused.
 */
_Static_assert(SDR_RECORD_MAX >= SDR_RECORD_LEN_MAX,
    "SDR_RECORD_MAX holds the longest record");

static size_t
sdr_encoded(int rc, size_t len)
{
	return rc == 0 ? len : 0;
}

size_t
sdr_full(const struct sdr_sensor *s, uint16_t id, uint8_t *out)
{
	const struct sdr_linear *l = &s->lin;
	struct sdr_record_full	 r;
	double			 smin, smax;
	size_t			 len = 0;
	int			 rc;

	memset(&r, 0, sizeof(r));
	r.hdr.id = id;
	sdr_sensor_common(s, &r.s);
	r.linearization = 0x00; /* linear */
	r.m = l->m;
	r.tolerance = l->tolerance;
	r.b = l->b;
	r.accuracy = l->accuracy;
	r.r_exp = l->r_exp;
	r.b_exp = l->b_exp;
	r.analog_flags = 0x07; /* nominal, normal max and normal min given */
	r.nominal = sdr_to_raw(l, s->m->nominal);
	/* Normal range: between the non-critical thresholds if any. */
	smax = !isnan(s->m->threshold[MODEL_UNC]) ? s->m->threshold[MODEL_UNC]
	    : !isnan(s->m->threshold[MODEL_UCR])  ? s->m->threshold[MODEL_UCR]
						  : s->m->range_max;
	smin = !isnan(s->m->threshold[MODEL_LNC]) ? s->m->threshold[MODEL_LNC]
	    : !isnan(s->m->threshold[MODEL_LCR])  ? s->m->threshold[MODEL_LCR]
						  : s->m->range_min;
	r.normal_max = sdr_to_raw(l, smax);
	r.normal_min = sdr_to_raw(l, smin);
	r.sensor_max = l->sign ? 0x7f : 0xff;
	r.sensor_min = l->sign ? 0x80 : 0x00;
	r.threshold[SDR_RECORD_UNR] = s->thresholds[MODEL_UNR];
	r.threshold[SDR_RECORD_UCR] = s->thresholds[MODEL_UCR];
	r.threshold[SDR_RECORD_UNC] = s->thresholds[MODEL_UNC];
	r.threshold[SDR_RECORD_LNR] = s->thresholds[MODEL_LNR];
	r.threshold[SDR_RECORD_LCR] = s->thresholds[MODEL_LCR];
	r.threshold[SDR_RECORD_LNC] = s->thresholds[MODEL_LNC];
	r.hyst_pos = s->hyst_pos;
	r.hyst_neg = s->hyst_neg;
	sdr_id_string(&r.idstr, s->name);
	rc = sdr_record_encode_full(&r, out, SDR_RECORD_MAX, &len);
	return sdr_encoded(rc, len);
}

size_t
sdr_compact(const struct sdr_sensor *s, uint16_t id, uint8_t *out)
{
	struct sdr_record_compact r;
	size_t			  len = 0;
	int			  rc;

	memset(&r, 0, sizeof(r));
	r.hdr.id = id;
	sdr_sensor_common(s, &r.s); /* no record sharing */
	r.hyst_pos = s->hyst_pos;
	r.hyst_neg = s->hyst_neg;
	sdr_id_string(&r.idstr, s->name);
	rc = sdr_record_encode_compact(&r, out, SDR_RECORD_MAX, &len);
	return sdr_encoded(rc, len);
}

size_t
sdr_fru_locator(uint8_t fru_id, const char *name, uint16_t id, uint8_t *out)
{
	struct sdr_record_fru_loc r;
	size_t			  len = 0;
	int			  rc;

	memset(&r, 0, sizeof(r));
	r.hdr.id = id;
	r.access_addr = SDR_OWNER_BMC;
	r.fru_id = fru_id;
	r.access_lun = 0x80; /* logical FRU device, LUN 0, private bus 0 */
	r.channel = 0x00;
	r.device_type = 0x10; /* FRU inventory device behind the controller */
	r.device_type_modifier = 0x00;
	r.entity_id = fru_id == 0 ? 0x07 : 0x0a; /* system board, or a PSU */
	r.entity_instance = 0x01;
	sdr_id_string(&r.idstr, name);
	rc = sdr_record_encode_fru_loc(&r, out, SDR_RECORD_MAX, &len);
	return sdr_encoded(rc, len);
}

size_t
sdr_mc_locator(
    uint8_t capabilities, const char *name, uint16_t id, uint8_t *out)
{
	struct sdr_record_mc_loc r;
	size_t			 len = 0;
	int			 rc;

	memset(&r, 0, sizeof(r));
	r.hdr.id = id;
	r.slave_addr = SDR_OWNER_BMC;
	r.channel = 0x00;
	r.power_state = 0x00; /* no ACPI notifications, event logging on */
	r.capabilities = capabilities;
	r.entity_id = 0x2e; /* management controller firmware */
	r.entity_instance = 0x01;
	sdr_id_string(&r.idstr, name);
	rc = sdr_record_encode_mc_loc(&r, out, SDR_RECORD_MAX, &len);
	return sdr_encoded(rc, len);
}

/* The record name of replica r: "{n}" in the model name numbers it. */
void
sdr_sensor_name(const struct model_sensor *m, unsigned replica, char *out)
{
	const char *brace = strstr(m->name, "{n}");
	char	    buf[64];

	if (brace != NULL)
		snprintf(buf, sizeof(buf), "%.*s%u%s", (int)(brace - m->name),
		    m->name, replica + 1, brace + 3);
	else if (m->count > 1)
		snprintf(buf, sizeof(buf), "%s %u", m->name, replica + 1);
	else
		snprintf(buf, sizeof(buf), "%s", m->name);
	/* The loader checked that every name fits. */
	buf[SDR_ID_MAX] = '\0';
	memcpy(out, buf, strlen(buf) + 1);
}

/* The event and reading masks a sensor's model leaves to the record. */
void
sdr_sensor_masks(const struct model_sensor *m, uint8_t readable,
    uint16_t *assert_mask, uint16_t *deassert_mask, uint16_t *reading_mask)
{
	uint16_t a = 0;
	int	 i;

	if (m->event_type == SDR_EVENT_THRESHOLD) {
		for (i = 0; i < MODEL_THRESHOLDS; i++)
			if (readable & (1u << i))
				a |= (uint16_t)(1u
				    << (i < MODEL_UNC ? 2 * i : 2 * i + 1));
		*reading_mask = 0;
	} else {
		/* Every state the sensor shows, on or off. */
		a = (uint16_t)(m->state | m->off_state);
		if (a == 0)
			a = 0x0001;
		*reading_mask = a;
	}
	*assert_mask = m->assert_mask != 0 ? m->assert_mask : a;
	*deassert_mask = m->deassert_mask != 0 ? m->deassert_mask : a;
}
