/*
 * Sensors and the SDR repository: Storage netFn 0Ah commands 20h-23h,
 * Sensor/Event netFn 04h commands 02h and 20h-2Dh, readings that follow
 * the model's waves and the chassis power, and the events a BMC logs when
 * a reading crosses a threshold or a discrete state changes.
 *
 * Readings are computed when asked, from the time and the power state:
 * nothing runs for a sensor that nobody reads.  Events need a look at the
 * readings now and then, so a BMC ticks once a second, and only while
 * one of its sensors can reach a threshold (a wave that spans one, a
 * threshold set across the reading) or a power change is to be followed.
 * A fleet of idle BMCs whose readings stay clear of their thresholds
 * costs nothing.
 *
 * Threshold events are evaluated only while the host is powered on and
 * settled (five time constants after a power change): a BMC stops
 * scanning host sensors in S5, and re-arms them once the host is up.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "control.h"
#include "err.h"
#include "fnv.h"
#include "hexdump.h"
#include "sdr.h"

/* Storage netFn. */
#define CMD_SDR_GET_REPO_INFO  0x20
#define CMD_SDR_GET_ALLOC_INFO 0x21
#define CMD_SDR_RESERVE	       0x22
#define CMD_SDR_GET	       0x23
/* Sensor/Event netFn. */
#define CMD_SE_PLATFORM_EVENT	   0x02
#define CMD_SE_GET_DEVICE_SDR_INFO 0x20
#define CMD_SE_GET_DEVICE_SDR	   0x21
#define CMD_SE_RESERVE_DEVICE_SDR  0x22
#define CMD_SE_GET_READING_FACTORS 0x23
#define CMD_SE_SET_HYSTERESIS	   0x24
#define CMD_SE_GET_HYSTERESIS	   0x25
#define CMD_SE_SET_THRESHOLDS	   0x26
#define CMD_SE_GET_THRESHOLDS	   0x27
#define CMD_SE_SET_EVENT_ENABLE	   0x28
#define CMD_SE_GET_EVENT_ENABLE	   0x29
#define CMD_SE_REARM_EVENTS	   0x2a
#define CMD_SE_GET_EVENT_STATUS	   0x2b
#define CMD_SE_GET_READING	   0x2d

#define SENSORS_TICK_MS	   1000
#define SENSORS_SETTLED_TC 5 /* time constants after a power change */
#define EVENT_THRESHOLD	   0x01
#define EVENT_DEASSERT	   0x80
/* Threshold event data 1: trigger reading in 2, threshold in 3. */
#define EVENT_DATA1_THRESHOLD 0x50

/* One sensor's state (the rest is in its model section). */
struct sensor {
	uint16_t section;
	uint8_t	 replica;
	uint8_t	 lun;
	uint8_t	 number;
	uint8_t	 thresholds[MODEL_THRESHOLDS]; /* raw, as set */
	uint8_t	 hyst_pos, hyst_neg;	       /* raw */
	uint8_t	 events_on;
	uint8_t	 scanning_on;
	uint16_t assert_en, deassert_en;
	uint16_t asserted;   /* event offsets now asserted */
	uint16_t last_state; /* discrete: the states last seen */
	uint8_t	 changed;    /* thresholds or hysteresis set over IPMI */
	uint8_t	 may_cross;  /* the tick must look at it */
	uint8_t	 overridden; /* the control interface set the reading */
	float	 override;   /* in units, or a discrete sensor's states */
};

struct bmc_sensors {
	struct sensor *s;
	unsigned       n;
	unsigned       nrecords; /* sensors, FRU locators, the MC locator */
	uint16_t       reservation;
	uint64_t       init_ms;
	uint64_t       init_power_change; /* b->power_changed_ms at start */
	uint8_t	       init_power_on;
	uint64_t       seen_power_change;
	uint8_t	       follows_power; /* a discrete state changes with it */
	uint64_t       next_tick;     /* UINT64_MAX: nothing to watch */
	uint32_t       seed;
	uint32_t       added; /* SEL-style time of the repository */
};

static struct bmc_sensors *
sensors_of(const struct bmc *b)
{
	return b->sensors;
}

static const struct model_sensor *
model_of(const struct bmc *b, const struct sensor *s)
{
	return &b->model->sensors[s->section];
}

static int
is_threshold(const struct model_sensor *m)
{
	return m->event_type == EVENT_THRESHOLD;
}

static uint32_t
hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/* ---- readings ---- */

/*
 * How far the sensor is into the powered-on state: 1 on and settled, 0
 * off and settled, in between for settle_ms after a change.  Start-up
 * counts as settled.
 */
/* 1 while the power is as it was at start: settled, as a BMC finds it. */
static int
sensors_power_as_at_start(const struct bmc *b)
{
	const struct bmc_sensors *ss = sensors_of(b);

	return b->power_changed_ms == ss->init_power_change &&
	    b->power_on == ss->init_power_on;
}

static double
sensor_on_fraction(
    const struct bmc *b, const struct model_sensor *m, uint64_t now_ms)
{
	double decay;

	if (sensors_power_as_at_start(b) || m->settle_ms == 0)
		decay = 0;
	else if (now_ms <= b->power_changed_ms)
		decay = 1;
	else
		decay = exp(-(double)(now_ms - b->power_changed_ms) /
		    (double)m->settle_ms);
	return b->power_on ? 1 - decay : decay;
}

/* A smooth, bounded drift in -1..1: random knots every tenth period. */
static double
sensor_walk(uint32_t seed, uint64_t t_ms, uint32_t period_ms)
{
	uint64_t step = period_ms / 10 > 0 ? period_ms / 10 : 1;
	uint64_t k = t_ms / step;
	double	 f = (double)(t_ms % step) / (double)step;
	double	 a = (double)(hash32(seed ^ (uint32_t)k) % 2001) / 1000 - 1;
	double c = (double)(hash32(seed ^ (uint32_t)(k + 1)) % 2001) / 1000 - 1;

	f = f * f * (3 - 2 * f); /* smoothstep */
	return a + (c - a) * f;
}

static double
sensor_wave(const struct bmc *b, const struct sensor *s,
    const struct model_sensor *m, uint64_t now_ms)
{
	uint32_t seed = sensors_of(b)->seed ^
	    (uint32_t)(s->lun << 8 | s->number) * 2654435761u;
	uint32_t period = m->period_ms != 0 ? m->period_ms : 60000;
	uint64_t t = now_ms + hash32(seed) % period;
	double	 phase = (double)(t % period) / (double)period;

	switch (m->wave) {
	case MODEL_WAVE_RAMP:
		return m->amplitude * phase;
	case MODEL_WAVE_SINE:
		return m->amplitude * sin(2 * M_PI * phase);
	case MODEL_WAVE_WALK:
		return m->amplitude * sensor_walk(seed, now_ms, period);
	default:
		return 0;
	}
}

/* The reading in the sensor's units. */
static double
sensor_value(const struct bmc *b, const struct sensor *s, uint64_t now_ms)
{
	const struct model_sensor *m = model_of(b, s);
	double			   f = sensor_on_fraction(b, m, now_ms);

	if (s->overridden)
		return s->override;
	return m->off + (m->nominal - m->off) * f +
	    sensor_wave(b, s, m, now_ms) * f;
}

/* A discrete sensor's asserted states. */
static uint16_t
sensor_state(const struct bmc *b, const struct sensor *s, uint64_t now_ms)
{
	const struct model_sensor *m = model_of(b, s);

	if (s->overridden)
		return (uint16_t)s->override;
	if (m->has_off_state && sensor_on_fraction(b, m, now_ms) < 0.5)
		return m->off_state;
	return m->state;
}

/* Raw bytes compared as the sensor's numbers (signed or not). */
static int
raw_value(const struct sdr_linear *l, uint8_t raw)
{
	return l->sign ? (int8_t)raw : raw;
}

/* The threshold comparison bits of Get Sensor Reading byte 3. */
static uint8_t
sensor_status(const struct sdr_sensor *d, uint8_t raw)
{
	uint8_t bits = 0;
	int	v = raw_value(&d->lin, raw), i;

	for (i = 0; i < MODEL_THRESHOLDS; i++) {
		int t = raw_value(&d->lin, d->thresholds[i]);

		if (!(d->readable & (1u << i)))
			continue;
		if (i < MODEL_UNC ? v <= t : v >= t)
			bits |= (uint8_t)(1u << i);
	}
	return bits;
}

/* ---- the record view of a sensor ---- */

static void
sensor_view(const struct bmc *b, const struct sensor *s, struct sdr_sensor *d)
{
	const struct model_sensor *m = model_of(b, s);
	int			   i;

	memset(d, 0, sizeof(*d));
	d->m = m;
	sdr_linear_of(m, &d->lin);
	sdr_sensor_name(m, s->replica, d->name);
	d->lun = s->lun;
	d->number = s->number;
	d->entity_instance = (uint8_t)((m->entity_instance + s->replica) &
	    0x7f);
	memcpy(d->thresholds, s->thresholds, sizeof(d->thresholds));
	if (is_threshold(m))
		for (i = 0; i < MODEL_THRESHOLDS; i++)
			if (!isnan(m->threshold[i]))
				d->readable |= (uint8_t)(1u << i);
	d->settable = m->thresholds_settable ? d->readable : 0;
	d->hyst_pos = s->hyst_pos;
	d->hyst_neg = s->hyst_neg;
	sdr_sensor_masks(m, d->readable, &d->assert_mask, &d->deassert_mask,
	    &d->reading_mask);
}

/* ---- events ---- */

/*
 * Whether the tick must watch a sensor: its reading can reach a threshold
 * (or leave one it is past).
 */
static int
sensor_may_cross(const struct bmc *b, const struct sensor *s)
{
	const struct model_sensor *m = model_of(b, s);
	struct sdr_sensor	   d;
	double			   lo, hi, t, h;
	int			   i;

	if (!is_threshold(m)) /* power changes are followed anyway */
		return 0;
	if (!m->events || s->asserted != 0)
		return s->asserted != 0;
	sensor_view(b, s, &d);
	lo = m->nominal - fabs(m->amplitude);
	hi = m->nominal + fabs(m->amplitude);
	if (m->wave == MODEL_WAVE_RAMP)
		lo = m->nominal;
	if (m->wave == MODEL_WAVE_CONSTANT)
		lo = hi = m->nominal;
	if (s->overridden)
		lo = hi = s->override;
	for (i = 0; i < MODEL_THRESHOLDS; i++) {
		if (!(d.readable & (1u << i)))
			continue;
		t = sdr_from_raw(&d.lin, s->thresholds[i]);
		h = sdr_from_raw(&d.lin, 1) - sdr_from_raw(&d.lin, 0);
		if (i < MODEL_UNC ? lo <= t + fabs(h) : hi >= t - fabs(h))
			return 1;
	}
	return 0;
}

static void
sensors_plan(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sensors *ss = sensors_of(b);
	unsigned	    i;
	int		    any = 0;

	for (i = 0; i < ss->n; i++) {
		ss->s[i].may_cross = (uint8_t)sensor_may_cross(b, &ss->s[i]);
		any |= ss->s[i].may_cross;
	}
	ss->next_tick = any ? now_ms : UINT64_MAX;
}

static void
sensor_event(struct bmc *b, uint64_t now_ms, const struct sensor *s,
    uint8_t type, uint8_t d1, uint8_t d2, uint8_t d3)
{
	const struct model_sensor *m = model_of(b, s);
	struct bmc_event	   ev = {
		      .generator = 0x20,
		      .sensor_type = m->sensor_type,
		      .sensor_number = s->number,
		      .event_type = type,
		      .data = {d1, d2, d3},
	  };

	bmc_event(b, now_ms, &ev);
}

/* A threshold sensor's crossings, with hysteresis on the way back. */
static void
sensor_check_thresholds(struct bmc *b, struct sensor *s, uint64_t now_ms)
{
	const struct model_sensor *m = model_of(b, s);
	struct sdr_sensor	   d;
	uint8_t			   raw;
	int			   v, i, t, off;
	uint16_t		   bit;

	if (!b->power_on ||
	    (!sensors_power_as_at_start(b) &&
		now_ms < b->power_changed_ms +
			(uint64_t)m->settle_ms * SENSORS_SETTLED_TC))
		return;
	sensor_view(b, s, &d);
	raw = sdr_to_raw(&d.lin, sensor_value(b, s, now_ms));
	v = raw_value(&d.lin, raw);
	for (i = 0; i < MODEL_THRESHOLDS; i++) {
		if (!(d.readable & (1u << i)))
			continue;
		t = raw_value(&d.lin, s->thresholds[i]);
		off = i < MODEL_UNC ? 2 * i : 2 * i + 1;
		bit = (uint16_t)(1u << off);
		if (!(s->asserted & bit)) {
			if (i < MODEL_UNC ? v > t : v < t)
				continue;
			s->asserted |= bit;
			if (s->events_on && (s->assert_en & bit))
				sensor_event(b, now_ms, s, EVENT_THRESHOLD,
				    (uint8_t)(EVENT_DATA1_THRESHOLD | off), raw,
				    s->thresholds[i]);
		} else {
			if (i < MODEL_UNC ? v <= t + s->hyst_pos
					  : v >= t - s->hyst_neg)
				continue;
			s->asserted &= (uint16_t)~bit;
			if (s->events_on && (s->deassert_en & bit))
				sensor_event(b, now_ms, s,
				    EVENT_THRESHOLD | EVENT_DEASSERT,
				    (uint8_t)(EVENT_DATA1_THRESHOLD | off), raw,
				    s->thresholds[i]);
		}
	}
}

/* A discrete sensor's state changes, each its own event. */
static void
sensor_check_states(struct bmc *b, struct sensor *s, uint64_t now_ms)
{
	const struct model_sensor *m = model_of(b, s);
	uint16_t		   now_state = sensor_state(b, s, now_ms);
	uint16_t		   diff = now_state ^ s->last_state;
	unsigned		   off;

	s->last_state = now_state;
	/* The core logs the power unit's own events. */
	if (diff == 0 || !s->events_on ||
	    m->sensor_type == BMC_SENSOR_TYPE_POWER_UNIT)
		return;
	for (off = 0; off < 15; off++) {
		uint16_t bit = (uint16_t)(1u << off);

		if (!(diff & bit))
			continue;
		if ((now_state & bit) && (s->assert_en & bit))
			sensor_event(b, now_ms, s, m->event_type, (uint8_t)off,
			    0xff, 0xff);
		else if (!(now_state & bit) && (s->deassert_en & bit))
			sensor_event(b, now_ms, s,
			    (uint8_t)(m->event_type | EVENT_DEASSERT),
			    (uint8_t)off, 0xff, 0xff);
	}
}

static uint64_t
sensors_deadline(const struct bmc *b)
{
	const struct bmc_sensors *ss = sensors_of(b);

	if (ss->follows_power && ss->seen_power_change != b->power_changed_ms)
		return b->power_changed_ms;
	return ss->next_tick;
}

static void
sensors_tick(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sensors *ss = sensors_of(b);
	unsigned	    i;

	if (ss->seen_power_change != b->power_changed_ms) {
		ss->seen_power_change = b->power_changed_ms;
		for (i = 0; i < ss->n; i++)
			if (!is_threshold(model_of(b, &ss->s[i])))
				sensor_check_states(b, &ss->s[i], now_ms);
	}
	if (ss->next_tick > now_ms)
		return;
	ss->next_tick = UINT64_MAX;
	for (i = 0; i < ss->n; i++) {
		struct sensor *s = &ss->s[i];

		if (!s->may_cross)
			continue;
		sensor_check_thresholds(b, s, now_ms);
		s->may_cross = (uint8_t)sensor_may_cross(b, s);
		if (s->may_cross)
			ss->next_tick = now_ms + SENSORS_TICK_MS;
	}
}

unsigned
bmc_sensors_values(const struct bmc *b, uint64_t now_ms, uint8_t sensor_type,
    uint8_t entity_id, uint8_t units, double *values, unsigned max)
{
	const struct bmc_sensors *ss = sensors_of(b);
	unsigned		  i, n = 0;

	for (i = 0; i < ss->n; i++) {
		const struct model_sensor *m = model_of(b, &ss->s[i]);

		if (!is_threshold(m) ||
		    (sensor_type != 0xff && m->sensor_type != sensor_type) ||
		    (entity_id != 0xff && m->entity_id != entity_id) ||
		    (units != 0xff && m->units != units))
			continue;
		if (n < max)
			values[n] = sensor_value(b, &ss->s[i], now_ms);
		n++;
	}
	return n;
}

/* ---- lookups ---- */

unsigned
bmc_sensors_count(const struct bmc *b)
{
	return sensors_of(b)->n;
}

int
bmc_sensors_info(const struct bmc *b, uint64_t now_ms, unsigned i,
    struct bmc_control_sensor *out)
{
	const struct bmc_sensors  *ss = sensors_of(b);
	const struct sensor	  *s;
	const struct model_sensor *m;

	if (i >= ss->n)
		return ERR_NOT_FOUND;
	s = &ss->s[i];
	m = model_of(b, s);
	memset(out, 0, sizeof(*out));
	sdr_sensor_name(m, s->replica, out->name);
	out->lun = s->lun;
	out->number = s->number;
	out->sensor_type = m->sensor_type;
	out->event_type = m->event_type;
	out->units = m->units;
	out->threshold = (uint8_t)is_threshold(m);
	out->overridden = s->overridden;
	out->asserted = s->asserted;
	if (out->threshold)
		out->value = sensor_value(b, s, now_ms);
	else
		out->value = sensor_state(b, s, now_ms);
	return 0;
}

int
bmc_sensors_find_name(
    const struct bmc *b, const char *name, uint8_t *lun, uint8_t *number)
{
	const struct bmc_sensors *ss = sensors_of(b);
	char			  id[SDR_ID_MAX + 1];
	unsigned		  i;

	for (i = 0; i < ss->n; i++) {
		sdr_sensor_name(model_of(b, &ss->s[i]), ss->s[i].replica, id);
		if (strcmp(id, name) == 0) {
			*lun = ss->s[i].lun;
			*number = ss->s[i].number;
			return 0;
		}
	}
	return ERR_NOT_FOUND;
}

static struct sensor *
sensor_find(const struct bmc *b, uint8_t lun, uint8_t number)
{
	struct bmc_sensors *ss = sensors_of(b);
	unsigned	    i;

	for (i = 0; i < ss->n; i++)
		if (ss->s[i].number == number && ss->s[i].lun == lun)
			return &ss->s[i];
	return NULL;
}

/*
 * The reading the control interface sets: events are looked at now, as
 * the tick would (threshold events only powered on and settled), and the
 * tick watches the sensor while the reading may cross a threshold.
 */
int
bmc_sensors_override(struct bmc *b, uint64_t now_ms, uint8_t lun,
    uint8_t number, int on, double value)
{
	struct bmc_sensors *ss = sensors_of(b);
	struct sensor	   *s = sensor_find(b, lun, number);

	if (s == NULL)
		return ERR_NOT_FOUND;
	if (on &&
	    (isnan(value) || isinf(value) ||
		(!is_threshold(model_of(b, s)) &&
		    (value < 0 || value > 0x7fff || value != floor(value)))))
		return ERR_INVALID_ARG;
	s->overridden = on ? 1 : 0;
	s->override = on ? (float)value : 0;
	if (is_threshold(model_of(b, s))) {
		sensor_check_thresholds(b, s, now_ms);
		s->may_cross = (uint8_t)sensor_may_cross(b, s);
		if (s->may_cross && ss->next_tick > now_ms + SENSORS_TICK_MS)
			ss->next_tick = now_ms + SENSORS_TICK_MS;
	} else
		sensor_check_states(b, s, now_ms);
	return 0;
}

/* The sensor a Sensor/Event request names, on the request's LUN. */
static struct sensor *
sensor_of_request(
    const struct bmc *b, const struct model_request *req, uint8_t number)
{
	return sensor_find(b, req->msg->rs_lun & 0x03, number);
}

/* Record id (1-based) into out: its length, or 0 if there is none. */
static size_t
sdr_record(const struct bmc *b, unsigned id, uint8_t *out)
{
	const struct bmc_sensors *ss = sensors_of(b);
	struct sdr_sensor	  d;
	unsigned		  i, k;

	if (id == 0 || id > ss->nrecords)
		return 0;
	if (id <= ss->n) {
		sensor_view(b, &ss->s[id - 1], &d);
		return d.m->compact ? sdr_compact(&d, (uint16_t)id, out)
				    : sdr_full(&d, (uint16_t)id, out);
	}
	k = ss->n;
	for (i = 1; i < MODEL_FRU_MAX; i++) {
		if (!b->model->fru[i].defined)
			continue;
		if (++k == id)
			return sdr_fru_locator((uint8_t)i,
			    b->model->fru[i].name, (uint16_t)id, out);
	}
	return sdr_mc_locator(
	    b->model->identity.additional_support, "BMC", (uint16_t)id, out);
}

/* ---- handlers: the SDR repository ---- */

static uint8_t
sdr_get_repo_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sensors *ss = sensors_of(b);

	wr_u8(&ctx->out, SDR_VERSION);
	wr_u16le(&ctx->out, (uint16_t)ss->nrecords);
	wr_u16le(
	    &ctx->out, 0x0000); /* no free space: the repository is fixed */
	wr_u32le(&ctx->out, ss->added);
	wr_u32le(&ctx->out, 0);
	/* Non-modal update, reserve and allocation info supported. */
	wr_u8(&ctx->out, 0x23);
	return IPMI_CC_OK;
}

static uint8_t
sdr_get_alloc_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sensors *ss = sensors_of(b);

	/* 16-byte units: a full record with its name takes up to 4. */
	wr_u16le(&ctx->out, (uint16_t)(ss->nrecords * 4));
	wr_u16le(&ctx->out, 16);
	wr_u16le(&ctx->out, 0);
	wr_u16le(&ctx->out, 0);
	wr_u8(&ctx->out, SDR_RECORD_MAX / 16);
	return IPMI_CC_OK;
}

static uint8_t
sdr_reserve(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sensors *ss = sensors_of(b);

	ss->reservation = (uint16_t)(ss->reservation + 1);
	if (ss->reservation == 0)
		ss->reservation = 1;
	wr_u16le(&ctx->out, ss->reservation);
	return IPMI_CC_OK;
}

static uint8_t
sdr_get(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sensors *ss = sensors_of(b);
	uint8_t			  rec[SDR_RECORD_MAX];
	uint16_t		  resv, id;
	uint8_t			  offset, count;
	size_t			  len;

	rd_u16le(&ctx->in, &resv);
	rd_u16le(&ctx->in, &id);
	rd_u8(&ctx->in, &offset);
	rd_u8(&ctx->in, &count);
	/* Partial reads need the reservation (33.12). */
	if (offset != 0 && (resv == 0 || resv != ss->reservation))
		return IPMI_CC_INVALID_RESERVATION;
	if (id == 0x0000)
		id = 1;
	else if (id == 0xffff)
		id = (uint16_t)ss->nrecords;
	if ((len = sdr_record(b, id, rec)) == 0)
		return IPMI_CC_NOT_PRESENT;
	if (offset > len)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	if (count == 0xff || offset + count > len)
		count = (uint8_t)(len - offset);
	wr_u16le(&ctx->out, id < ss->nrecords ? (uint16_t)(id + 1) : 0xffff);
	wr_bytes(&ctx->out, rec + offset, count);
	return IPMI_CC_OK;
}

static uint8_t
se_get_device_sdr_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sensors *ss = sensors_of(b);
	uint8_t			  op = 0, luns = 0;
	unsigned		  i, n = 0;

	if (rd_left(&ctx->in) > 0)
		rd_u8(&ctx->in, &op);
	for (i = 0; i < ss->n; i++) {
		luns |= (uint8_t)(1u << ss->s[i].lun);
		if (ss->s[i].lun == (ctx->req->msg->rs_lun & 0x03))
			n++;
	}
	/* Operation bit 0: the SDR count instead of the sensor count. */
	wr_u8(&ctx->out, (uint8_t)((op & 0x01) ? ss->nrecords : n));
	wr_u8(&ctx->out, luns); /* static population */
	return IPMI_CC_OK;
}

static uint8_t
se_platform_event(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_event ev;
	uint8_t		 evm;

	memset(&ev, 0, sizeof(ev));
	/* The system interface form starts with the generator ID; over
	 * IPMB and LAN the requester is the generator. */
	if (rd_left(&ctx->in) == 8)
		rd_u8(&ctx->in, &ev.generator);
	else
		ev.generator = ctx->req->msg->rq_addr;
	rd_u8(&ctx->in, &evm);
	if (evm != 0x04 && evm != 0x03)
		return IPMI_CC_INVALID_DATA_FIELD;
	rd_u8(&ctx->in, &ev.sensor_type);
	rd_u8(&ctx->in, &ev.sensor_number);
	rd_u8(&ctx->in, &ev.event_type);
	memset(ev.data, 0xff, sizeof(ev.data));
	rd_bytes(
	    &ctx->in, ev.data, rd_left(&ctx->in) < 3 ? rd_left(&ctx->in) : 3);
	bmc_event(b, ctx->req->now_ms, &ev);
	return IPMI_CC_OK;
}

/* ---- handlers: sensors ---- */

static uint8_t
se_get_reading(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor	 *s;
	struct sdr_sensor d;
	uint8_t		  number, raw, flags;
	uint16_t	  st;

	rd_u8(&ctx->in, &number);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	sensor_view(b, s, &d);
	flags = (uint8_t)((s->events_on ? 0x80 : 0) |
	    (s->scanning_on ? 0x40 : 0) | (s->scanning_on ? 0 : 0x20));
	if (is_threshold(d.m)) {
		raw = sdr_to_raw(&d.lin, sensor_value(b, s, ctx->req->now_ms));
		wr_u8(&ctx->out, raw);
		wr_u8(&ctx->out, flags);
		wr_u8(&ctx->out, (uint8_t)(0xc0 | sensor_status(&d, raw)));
	} else {
		st = sensor_state(b, s, ctx->req->now_ms);
		wr_u8(&ctx->out, 0x00);
		wr_u8(&ctx->out, flags);
		wr_u8(&ctx->out, (uint8_t)st);
		wr_u8(&ctx->out, (uint8_t)(0x80 | (st >> 8)));
	}
	return IPMI_CC_OK;
}

static uint8_t
se_get_reading_factors(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor	 *s;
	struct sdr_sensor d;
	uint8_t		  number, reading, rec[SDR_RECORD_MAX];

	rd_u8(&ctx->in, &number);
	rd_u8(&ctx->in, &reading);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	sensor_view(b, s, &d);
	if (!is_threshold(d.m))
		return IPMI_CC_ILLEGAL_FOR_SENSOR;
	(void)sdr_full(&d, 0, rec);
	wr_u8(&ctx->out, 0xff); /* linear: the same factors for every reading */
	wr_bytes(
	    &ctx->out, rec + 24, 6); /* M, tolerance, B, accuracy, exponents */
	return IPMI_CC_OK;
}

static uint8_t
se_get_thresholds(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor	 *s;
	struct sdr_sensor d;
	uint8_t		  number;
	int		  i;

	rd_u8(&ctx->in, &number);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	sensor_view(b, s, &d);
	if (!is_threshold(d.m))
		return IPMI_CC_ILLEGAL_FOR_SENSOR;
	wr_u8(&ctx->out, d.readable);
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		wr_u8(
		    &ctx->out, (d.readable & (1u << i)) ? s->thresholds[i] : 0);
	return IPMI_CC_OK;
}

static uint8_t
se_set_thresholds(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor	 *s;
	struct sdr_sensor d;
	uint8_t		  number, mask, v[MODEL_THRESHOLDS];
	uint8_t		  next[MODEL_THRESHOLDS];
	static const int  order[] = {
	     MODEL_LNR, MODEL_LCR, MODEL_LNC, MODEL_UNC, MODEL_UCR, MODEL_UNR};
	int i, have = 0, last = 0;

	rd_u8(&ctx->in, &number);
	rd_u8(&ctx->in, &mask);
	rd_bytes(&ctx->in, v, sizeof(v));
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	sensor_view(b, s, &d);
	if (!is_threshold(d.m))
		return IPMI_CC_ILLEGAL_FOR_SENSOR;
	if (mask & 0xc0 || (mask & ~d.settable))
		return IPMI_CC_INVALID_DATA_FIELD;
	memcpy(next, s->thresholds, sizeof(next));
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		if (mask & (1u << i))
			next[i] = v[i];
	/* They must still rise from LNR to UNR. */
	for (i = 0; i < MODEL_THRESHOLDS; i++) {
		int t;

		if (!(d.readable & (1u << order[i])))
			continue;
		t = raw_value(&d.lin, next[order[i]]);
		if (have && t < last)
			return IPMI_CC_INVALID_DATA_FIELD;
		last = t;
		have = 1;
	}
	if (memcmp(next, s->thresholds, sizeof(next)) != 0) {
		memcpy(s->thresholds, next, sizeof(next));
		s->changed = 1;
		b->state_generation++;
		bmc_log(
		    b, "sensor %u (LUN %u) thresholds set", s->number, s->lun);
	}
	s->may_cross = (uint8_t)sensor_may_cross(b, s);
	if (s->may_cross)
		sensors_of(b)->next_tick = ctx->req->now_ms;
	return IPMI_CC_OK;
}

static uint8_t
se_get_hysteresis(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor *s;
	uint8_t	       number;

	rd_u8(&ctx->in, &number);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	if (!is_threshold(model_of(b, s)))
		return IPMI_CC_ILLEGAL_FOR_SENSOR;
	wr_u8(&ctx->out, s->hyst_pos);
	wr_u8(&ctx->out, s->hyst_neg);
	return IPMI_CC_OK;
}

static uint8_t
se_set_hysteresis(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor *s;
	uint8_t	       number, mask, pos, neg;

	rd_u8(&ctx->in, &number);
	rd_u8(&ctx->in, &mask);
	rd_u8(&ctx->in, &pos);
	rd_u8(&ctx->in, &neg);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	if (!is_threshold(model_of(b, s)))
		return IPMI_CC_ILLEGAL_FOR_SENSOR;
	if (!model_of(b, s)->thresholds_settable)
		return IPMI_CC_INVALID_CMD; /* hysteresis is read-only */
	if (pos != s->hyst_pos || neg != s->hyst_neg) {
		s->hyst_pos = pos;
		s->hyst_neg = neg;
		s->changed = 1;
		b->state_generation++;
	}
	return IPMI_CC_OK;
}

static uint8_t
se_get_event_enable(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor *s;
	uint8_t	       number;

	rd_u8(&ctx->in, &number);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	wr_u8(&ctx->out,
	    (uint8_t)((s->events_on ? 0x80 : 0) | (s->scanning_on ? 0x40 : 0)));
	wr_u16le(&ctx->out, s->assert_en);
	wr_u16le(&ctx->out, s->deassert_en);
	return IPMI_CC_OK;
}

static uint8_t
se_set_event_enable(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor	 *s;
	struct sdr_sensor d;
	uint8_t		  number, flags, bytes[4] = {0};
	uint16_t	  am, dm;
	size_t		  n = rd_left(&ctx->in) - 2;

	rd_u8(&ctx->in, &number);
	rd_u8(&ctx->in, &flags);
	rd_bytes(&ctx->in, bytes, n);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	sensor_view(b, s, &d);
	am = (uint16_t)((bytes[0] | bytes[1] << 8) & d.assert_mask);
	dm = (uint16_t)((bytes[2] | bytes[3] << 8) & d.deassert_mask);
	s->events_on = (flags & 0x80) != 0;
	s->scanning_on = (flags & 0x40) != 0;
	switch ((flags >> 4) & 0x03) {
	case 1:
		s->assert_en |= am;
		s->deassert_en |= dm;
		break;
	case 2:
		s->assert_en &= (uint16_t)~am;
		s->deassert_en &= (uint16_t)~dm;
		break;
	case 3:
		return IPMI_CC_INVALID_DATA_FIELD;
	default:
		break;
	}
	return IPMI_CC_OK;
}

static uint8_t
se_rearm(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor *s;
	uint8_t	       number, flags, bytes[4] = {0};
	size_t	       n = rd_left(&ctx->in) - 2;

	rd_u8(&ctx->in, &number);
	rd_u8(&ctx->in, &flags);
	rd_bytes(&ctx->in, bytes, n);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	/* Re-armed events are logged again if their condition holds. */
	if (flags & 0x80)
		s->asserted = 0;
	else
		s->asserted &= (uint16_t) ~(
		    bytes[0] | bytes[1] << 8 | bytes[2] | bytes[3] << 8);
	if (!is_threshold(model_of(b, s)))
		s->last_state = 0;
	s->may_cross = (uint8_t)sensor_may_cross(b, s);
	if (s->may_cross)
		sensors_of(b)->next_tick = ctx->req->now_ms;
	return IPMI_CC_OK;
}

static uint8_t
se_get_event_status(struct bmc *b, struct bmc_cmd *ctx)
{
	struct sensor *s;
	uint8_t	       number;
	uint16_t       st;

	rd_u8(&ctx->in, &number);
	if ((s = sensor_of_request(b, ctx->req, number)) == NULL)
		return IPMI_CC_NOT_PRESENT;
	st = is_threshold(model_of(b, s))
	    ? s->asserted
	    : sensor_state(b, s, ctx->req->now_ms);
	wr_u8(&ctx->out,
	    (uint8_t)((s->events_on ? 0x80 : 0) |
		(s->scanning_on ? 0x40 : 0x20)));
	wr_u16le(&ctx->out, st);
	wr_u16le(&ctx->out, 0x0000); /* deassertion events: none outstanding */
	return IPMI_CC_OK;
}

#define STORAGE IPMI_NETFN_STORAGE
#define SE	IPMI_NETFN_SENSOR
#define USER	IPMI_PRIV_USER
#define OPER	IPMI_PRIV_OPERATOR

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry sensors_cmds[] = {
    {STORAGE, CMD_SDR_GET_REPO_INFO, USER, 0, 0, 0, sdr_get_repo_info,
	"Get SDR Repository Info"},
    {STORAGE, CMD_SDR_GET_ALLOC_INFO, USER, 0, 0, 0, sdr_get_alloc_info,
	"Get SDR Repository Allocation Info"},
    {STORAGE, CMD_SDR_RESERVE, USER, 0, 0, 0, sdr_reserve,
	"Reserve SDR Repository"},
    {STORAGE, CMD_SDR_GET, USER, 6, 6, 0, sdr_get, "Get SDR"},
    {SE, CMD_SE_PLATFORM_EVENT, OPER, 5, 8, 0, se_platform_event,
	"Platform Event Message"},
    {SE, CMD_SE_GET_DEVICE_SDR_INFO, USER, 0, 1, 0, se_get_device_sdr_info,
	"Get Device SDR Info"},
    {SE, CMD_SE_GET_DEVICE_SDR, USER, 6, 6, 0, sdr_get, "Get Device SDR"},
    {SE, CMD_SE_RESERVE_DEVICE_SDR, USER, 0, 0, 0, sdr_reserve,
	"Reserve Device SDR Repository"},
    {SE, CMD_SE_GET_READING_FACTORS, USER, 2, 2, 0, se_get_reading_factors,
	"Get Sensor Reading Factors"},
    {SE, CMD_SE_SET_HYSTERESIS, OPER, 4, 4, 0, se_set_hysteresis,
	"Set Sensor Hysteresis"},
    {SE, CMD_SE_GET_HYSTERESIS, USER, 2, 2, 0, se_get_hysteresis,
	"Get Sensor Hysteresis"},
    {SE, CMD_SE_SET_THRESHOLDS, OPER, 8, 8, 0, se_set_thresholds,
	"Set Sensor Thresholds"},
    {SE, CMD_SE_GET_THRESHOLDS, USER, 1, 1, 0, se_get_thresholds,
	"Get Sensor Thresholds"},
    {SE, CMD_SE_SET_EVENT_ENABLE, OPER, 2, 6, 0, se_set_event_enable,
	"Set Sensor Event Enable"},
    {SE, CMD_SE_GET_EVENT_ENABLE, USER, 1, 1, 0, se_get_event_enable,
	"Get Sensor Event Enable"},
    {SE, CMD_SE_REARM_EVENTS, OPER, 2, 6, 0, se_rearm, "Re-arm Sensor Events"},
    {SE, CMD_SE_GET_EVENT_STATUS, USER, 1, 1, 0, se_get_event_status,
	"Get Sensor Event Status"},
    {SE, CMD_SE_GET_READING, USER, 1, 1, 0, se_get_reading,
	"Get Sensor Reading"},
};

/* ---- life cycle and saved state ---- */

/*
 * The repository's "most recent addition": clients (FreeIPMI) cache the
 * SDRs and check this time, so it stays the same from run to run and
 * changes with the model's sensors and FRU devices.  A time in 2021-2022
 * taken from a hash of them.
 */
static uint32_t
sensors_repository_time(const struct model *m)
{
	uint32_t h;
	size_t	 i;

	h = fnv1a32(
	    FNV1A32_INIT, m->sensors, m->nsensors * sizeof(m->sensors[0]));
	for (i = 0; i < MODEL_FRU_MAX; i++)
		h = fnv1a32(h, &m->fru[i].defined, 1);
	return 0x60000000u + h % (365u * 86400u);
}

static int
sensors_init(struct bmc *b, uint64_t now_ms)
{
	const struct model *m = b->model;
	struct bmc_sensors *ss = calloc(1, sizeof(*ss));
	struct sdr_sensor   d;
	unsigned	    i, r, n = 0;

	if (ss == NULL)
		return ERR_NOMEM;
	for (i = 0; i < m->nsensors; i++)
		n += m->sensors[i].count;
	if (n > 0 && (ss->s = calloc(n, sizeof(*ss->s))) == NULL) {
		free(ss);
		return ERR_NOMEM;
	}
	b->sensors = ss;
	ss->init_ms = now_ms;
	ss->init_power_change = b->power_changed_ms;
	ss->init_power_on = b->power_on;
	ss->seen_power_change = b->power_changed_ms;
	ss->seed = hash32(b->cfg->index * 2654435761u + 7);
	ss->added = sensors_repository_time(m);
	for (i = 0; i < m->nsensors; i++) {
		const struct model_sensor *ms = &m->sensors[i];

		for (r = 0; r < ms->count; r++) {
			struct sensor		 *s = &ss->s[ss->n++];
			struct bmc_sensor_address a;
			int			  t;

			bmc_sensor_address(m, i, r, &a);
			s->section = (uint16_t)i;
			s->replica = (uint8_t)r;
			s->lun = a.lun;
			s->number = a.number;
			sensor_view(b, s, &d);
			for (t = 0; t < MODEL_THRESHOLDS; t++)
				s->thresholds[t] = isnan(ms->threshold[t])
				    ? 0
				    : sdr_to_raw(&d.lin, ms->threshold[t]);
			/* Hysteresis in raw steps, rounded up. */
			s->hyst_pos = s->hyst_neg = ms->hysteresis <= 0
			    ? 0
			    : (uint8_t)ceil(ms->hysteresis /
				      fabs(sdr_from_raw(&d.lin, 1) -
					  sdr_from_raw(&d.lin, 0)) -
				  1e-9);
			s->events_on = ms->events;
			s->scanning_on = 1;
			s->assert_en = d.assert_mask;
			s->deassert_en = d.deassert_mask;
			s->last_state = sensor_state(b, s, now_ms);
			if (!is_threshold(ms) && ms->has_off_state &&
			    ms->off_state != ms->state && ms->events &&
			    ms->sensor_type != BMC_SENSOR_TYPE_POWER_UNIT)
				ss->follows_power = 1;
		}
	}
	ss->nrecords = ss->n + 1;
	for (i = 1; i < MODEL_FRU_MAX; i++)
		if (m->fru[i].defined)
			ss->nrecords++;
	sensors_plan(b, now_ms);
	return 0;
}

static void
sensors_free(struct bmc *b)
{
	if (b->sensors != NULL)
		free(b->sensors->s);
	free(b->sensors);
	b->sensors = NULL;
}

static void
sensors_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_sensors *ss = sensors_of(b);
	unsigned		  i;
	int			  header = 0;

	for (i = 0; i < ss->n; i++) {
		const struct sensor *s = &ss->s[i];
		uint8_t		     v[MODEL_THRESHOLDS + 2];
		char		     key[32];

		if (!s->changed)
			continue;
		if (!header) {
			bmc_state_printf(o, "\n[sensors]\n");
			header = 1;
		}
		memcpy(v, s->thresholds, MODEL_THRESHOLDS);
		v[MODEL_THRESHOLDS] = s->hyst_pos;
		v[MODEL_THRESHOLDS + 1] = s->hyst_neg;
		/* LUN.number: thresholds LNC..UNR, hysteresis + and -. */
		snprintf(key, sizeof(key), "%u.%u", s->lun, s->number);
		bmc_state_hex(o, key, v, sizeof(v));
	}
}

static int
sensors_load(struct bmc *b, const char *section, const char *key,
    const char *value, struct bmc_state_in *in)
{
	struct sensor *s;
	unsigned       lun, number;
	uint8_t	       v[MODEL_THRESHOLDS + 2];
	size_t	       n;
	int	       used = 0;

	if (strcmp(section, "sensors") != 0)
		return 0;
	if (sscanf(key, "%u.%u%n", &lun, &number, &used) != 2 ||
	    key[used] != '\0' || lun > 3 || number > 255 ||
	    (s = sensor_find(b, (uint8_t)lun, (uint8_t)number)) == NULL) {
		bmc_state_problem(in, "%s: no such sensor in the model", key);
		return 1;
	}
	if (hexdump_parse(value, v, sizeof(v), &n) != 0 || n != sizeof(v)) {
		bmc_state_problem(
		    in, "%s: not %zu bytes of hex", key, sizeof(v));
		return 1;
	}
	memcpy(s->thresholds, v, MODEL_THRESHOLDS);
	s->hyst_pos = v[MODEL_THRESHOLDS];
	s->hyst_neg = v[MODEL_THRESHOLDS + 1];
	s->changed = 1;
	return 1;
}

static void
sensors_loaded(struct bmc *b)
{
	struct bmc_sensors *ss = sensors_of(b);
	unsigned	    i, n = 0;

	for (i = 0; i < ss->n; i++)
		n += ss->s[i].changed;
	if (n > 0)
		bmc_log(b,
		    "thresholds of %u sensor(s) set over IPMI restored; they "
		    "override the model's",
		    n);
	/* The restored power state is where the BMC starts, settled. */
	ss->init_power_change = b->power_changed_ms;
	ss->init_power_on = b->power_on;
	ss->seen_power_change = b->power_changed_ms;
	for (i = 0; i < ss->n; i++)
		ss->s[i].last_state = sensor_state(b, &ss->s[i], ss->init_ms);
	sensors_plan(b, ss->init_ms);
}

const struct bmc_area bmc_area_sensors = {
    .name = "sensors",
    .cmds = sensors_cmds,
    .ncmds = sizeof(sensors_cmds) / sizeof(sensors_cmds[0]),
    .init_cb = sensors_init,
    .free_cb = sensors_free,
    .deadline_cb = sensors_deadline,
    .tick_cb = sensors_tick,
    .save_cb = sensors_save,
    .load_cb = sensors_load,
    .loaded_cb = sensors_loaded,
};
