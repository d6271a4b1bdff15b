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
#include <string.h>

#include "sdr.h"

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

static size_t
sdr_header(uint8_t *out, uint16_t id, uint8_t type)
{
	out[0] = (uint8_t)id;
	out[1] = (uint8_t)(id >> 8);
	out[2] = SDR_VERSION;
	out[3] = type;
	return SDR_HEADER_LEN;
}

static size_t
sdr_id_string(uint8_t *out, const char *name)
{
	size_t n = strlen(name);

	if (n > SDR_ID_MAX)
		n = SDR_ID_MAX;
	out[0] = (uint8_t)(0xc0 | n); /* 8-bit ASCII + Latin 1 */
	memcpy(out + 1, name, n);
	return n + 1;
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

/* Bytes 1-20 of both sensor records (after the header). */
static size_t
sdr_sensor_common(const struct sdr_sensor *s, uint8_t *p)
{
	uint8_t	 init, caps;
	uint16_t am = s->assert_mask, dm = s->deassert_mask;
	uint16_t rm = s->reading_mask;
	int	 i;

	sdr_init_caps(s, &init, &caps);
	p[0] = SDR_OWNER_BMC;
	p[1] = s->lun & 0x03;
	p[2] = s->number;
	p[3] = s->m->entity_id;
	p[4] = s->entity_instance & 0x7f;
	p[5] = init;
	p[6] = caps;
	p[7] = s->m->sensor_type;
	p[8] = s->m->event_type;
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
	p[9] = (uint8_t)am;
	p[10] = (uint8_t)(am >> 8);
	p[11] = (uint8_t)dm;
	p[12] = (uint8_t)(dm >> 8);
	p[13] = (uint8_t)rm;
	p[14] = (uint8_t)(rm >> 8);
	p[15] = sdr_units1(s);
	p[16] = s->m->units;
	p[17] = 0x00;
	return 18;
}

size_t
sdr_full(const struct sdr_sensor *s, uint16_t id, uint8_t *out)
{
	const struct sdr_linear *l = &s->lin;
	uint8_t			*p;
	size_t			 n = sdr_header(out, id, SDR_TYPE_FULL);
	uint16_t		 m = (uint16_t)l->m & 0x3ff;
	uint16_t		 b = (uint16_t)l->b & 0x3ff;
	double			 smin, smax;

	p = out + n;
	n += sdr_sensor_common(s, p);
	p = out + n;
	p[0] = 0x00; /* linear */
	p[1] = (uint8_t)m;
	p[2] = (uint8_t)((m >> 8) << 6 | (l->tolerance & 0x3f));
	p[3] = (uint8_t)b;
	p[4] = (uint8_t)((b >> 8) << 6 | (l->accuracy & 0x3f));
	p[5] = (uint8_t)(((l->accuracy >> 6) & 0x0f) << 4);
	p[6] = (uint8_t)((l->r_exp & 0x0f) << 4 | (l->b_exp & 0x0f));
	p[7] = 0x07; /* nominal, normal max and normal min given */
	p[8] = sdr_to_raw(l, s->m->nominal);
	/* Normal range: between the non-critical thresholds if any. */
	smax = !isnan(s->m->threshold[MODEL_UNC]) ? s->m->threshold[MODEL_UNC]
	    : !isnan(s->m->threshold[MODEL_UCR])  ? s->m->threshold[MODEL_UCR]
						  : s->m->range_max;
	smin = !isnan(s->m->threshold[MODEL_LNC]) ? s->m->threshold[MODEL_LNC]
	    : !isnan(s->m->threshold[MODEL_LCR])  ? s->m->threshold[MODEL_LCR]
						  : s->m->range_min;
	p[9] = sdr_to_raw(l, smax);
	p[10] = sdr_to_raw(l, smin);
	p[11] = l->sign ? 0x7f : 0xff; /* sensor maximum reading */
	p[12] = l->sign ? 0x80 : 0x00;
	p[13] = s->thresholds[MODEL_UNR];
	p[14] = s->thresholds[MODEL_UCR];
	p[15] = s->thresholds[MODEL_UNC];
	p[16] = s->thresholds[MODEL_LNR];
	p[17] = s->thresholds[MODEL_LCR];
	p[18] = s->thresholds[MODEL_LNC];
	p[19] = s->hyst_pos;
	p[20] = s->hyst_neg;
	p[21] = 0x00;
	p[22] = 0x00;
	p[23] = 0x00; /* OEM */
	n += 24;
	n += sdr_id_string(out + n, s->name);
	out[4] = (uint8_t)(n - SDR_HEADER_LEN);
	return n;
}

size_t
sdr_compact(const struct sdr_sensor *s, uint16_t id, uint8_t *out)
{
	uint8_t *p;
	size_t	 n = sdr_header(out, id, SDR_TYPE_COMPACT);

	p = out + n;
	n += sdr_sensor_common(s, p);
	p = out + n;
	p[0] = 0x00; /* no record sharing */
	p[1] = 0x00;
	p[2] = s->hyst_pos;
	p[3] = s->hyst_neg;
	p[4] = 0x00;
	p[5] = 0x00;
	p[6] = 0x00;
	p[7] = 0x00; /* OEM */
	n += 8;
	n += sdr_id_string(out + n, s->name);
	out[4] = (uint8_t)(n - SDR_HEADER_LEN);
	return n;
}

size_t
sdr_fru_locator(uint8_t fru_id, const char *name, uint16_t id, uint8_t *out)
{
	size_t n = sdr_header(out, id, SDR_TYPE_FRU_LOC);

	out[n++] = SDR_OWNER_BMC; /* device access address */
	out[n++] = fru_id;
	out[n++] = 0x80; /* logical FRU device, LUN 0, private bus 0 */
	out[n++] = 0x00; /* channel 0 */
	out[n++] = 0x00;
	out[n++] = 0x10; /* FRU inventory device behind the controller */
	out[n++] = 0x00;
	out[n++] = fru_id == 0 ? 0x07 : 0x0a; /* system board, or a PSU */
	out[n++] = 0x01;
	out[n++] = 0x00; /* OEM */
	n += sdr_id_string(out + n, name);
	out[4] = (uint8_t)(n - SDR_HEADER_LEN);
	return n;
}

size_t
sdr_mc_locator(
    uint8_t capabilities, const char *name, uint16_t id, uint8_t *out)
{
	size_t n = sdr_header(out, id, SDR_TYPE_MC_LOC);

	out[n++] = SDR_OWNER_BMC;
	out[n++] = 0x00; /* channel 0 */
	out[n++] = 0x00; /* no ACPI notifications, enable event logging */
	out[n++] = capabilities;
	out[n++] = 0x00;
	out[n++] = 0x00;
	out[n++] = 0x00;
	out[n++] = 0x2e; /* management controller firmware */
	out[n++] = 0x01;
	out[n++] = 0x00; /* OEM */
	n += sdr_id_string(out + n, name);
	out[4] = (uint8_t)(n - SDR_HEADER_LEN);
	return n;
}
