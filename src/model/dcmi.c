/*
 * DCMI 1.5 (Data Center Manageability Interface): capabilities, the power
 * reading and the power limit, the asset tag, the management controller
 * ID string, temperature readings and the DHCP configuration parameters.
 * NetFn 2Ch (group extension); every request and response starts with the
 * group extension ID DCh.
 *
 * Built-in values, those of a 1U rack server until the model describes
 * them: about 165 W at idle when powered on, swinging by up to 25 W over
 * a two-minute cycle with a little deterministic noise; 11 W standby when
 * off; inlet 23 °C, two processors about 47 °C, baseboard 36 °C when on,
 * the room's 22-25 °C when off.  The MC ID string starts as the BMC's
 * name, the asset tag empty.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "ct.h"
#include "err.h"
#include "hexdump.h"

#define DCMI_GROUP	0xdc
#define DCMI_STRING_MAX 64    /* asset tag and MC ID string */
#define DCMI_CHUNK_MAX	16    /* bytes per Get/Set of those */
#define DCMI_STATS_MS	60000 /* the statistics reporting period */
#define DCMI_TEMPS_MAX	8     /* readings per response */
#define DCMI_TEMPS_ALL	64    /* readings of one entity */
#define DCMI_PSU_MAX	16
#define DCMI_ENTITY_PSU 0x0a
#define DCMI_UNIT_WATTS 6

/* DCMI 1.5 completion codes. */
#define DCMI_CC_NO_ACTIVE_LIMIT	   0x80
#define DCMI_CC_LIMIT_OUT_OF_RANGE 0x84
#define DCMI_CC_CORRECTION_RANGE   0x85
#define DCMI_CC_SAMPLING_RANGE	   0x89

#define CMD_DCMI_GET_CAPABILITIES  0x01
#define CMD_DCMI_GET_POWER_READING 0x02
#define CMD_DCMI_GET_POWER_LIMIT   0x03
#define CMD_DCMI_SET_POWER_LIMIT   0x04
#define CMD_DCMI_ACTIVATE_LIMIT	   0x05
#define CMD_DCMI_GET_ASSET_TAG	   0x06
#define CMD_DCMI_GET_SENSOR_INFO   0x07
#define CMD_DCMI_SET_ASSET_TAG	   0x08
#define CMD_DCMI_GET_MC_ID	   0x09
#define CMD_DCMI_SET_MC_ID	   0x0a
#define CMD_DCMI_GET_TEMPERATURES  0x10
#define CMD_DCMI_SET_CONF_PARAM	   0x12
#define CMD_DCMI_GET_CONF_PARAM	   0x13

struct bmc_dcmi {
	uint8_t	 limit_active;
	uint8_t	 limit_action; /* 00h none, 01h hard power off, 11h log */
	uint16_t limit_w;
	uint32_t correction_ms;
	uint16_t sampling_s;
	uint8_t	 asset_tag[DCMI_STRING_MAX];
	uint8_t	 asset_tag_len;
	uint8_t	 mc_id[DCMI_STRING_MAX];
	uint8_t	 mc_id_len;
	uint8_t	 dhcp_discovery; /* conf param 2 */
	uint8_t	 dhcp_initial_s; /* conf param 3 */
	uint16_t dhcp_contact_s; /* conf param 4 */
	uint16_t dhcp_retry_s;	 /* conf param 5 */
	uint32_t seed;		 /* per-instance noise */
};

static struct bmc_dcmi *
dcmi_of(const struct bmc *b)
{
	return b->dcmi;
}

/* ---- the modelled power and temperatures ---- */

static uint32_t
dcmi_hash(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/*
 * Watts at a moment: the sum of the model's power supply input sensors
 * (watts, entity power supply) when it has them, so that DCMI and the
 * sensors agree; otherwise a smooth load curve that follows the power.
 */
static unsigned
dcmi_power_at(const struct bmc *b, uint64_t t_ms)
{
	const struct bmc_dcmi *d = dcmi_of(b);
	double		       w, psu[DCMI_PSU_MAX];
	unsigned	       i, n;

	n = bmc_sensors_values(
	    b, t_ms, 0xff, DCMI_ENTITY_PSU, DCMI_UNIT_WATTS, psu, DCMI_PSU_MAX);
	if (n > 0) {
		for (w = 0, i = 0; i < n && i < DCMI_PSU_MAX; i++)
			w += psu[i];
		return w < 0 ? 0 : (unsigned)(w + 0.5);
	}
	if (!b->power_on)
		return 11;
	w = 165.0 + 25.0 * sin((double)(t_ms % 120000) / 120000.0 * 2 * M_PI);
	/* A little noise, the same for a given second on every run. */
	w += (double)(dcmi_hash(d->seed ^ (uint32_t)(t_ms / 1000)) % 7) - 3.0;
	return (unsigned)(w + 0.5);
}

/* ---- handlers ---- */

static uint8_t
dcmi_group(struct rd *in, struct wr *out)
{
	uint8_t g;

	if (rd_u8(in, &g) != 0 || g != DCMI_GROUP)
		return IPMI_CC_INVALID_DATA_FIELD;
	wr_u8(out, DCMI_GROUP);
	return IPMI_CC_OK;
}

static uint8_t
dcmi_get_capabilities(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t cc, sel;

	(void)b;
	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &sel);
	/* DCMI 1.5, parameter revision 02h. */
	wr_u8(&ctx->out, 0x01);
	wr_u8(&ctx->out, 0x05);
	wr_u8(&ctx->out, 0x02);
	switch (sel) {
	case 1: /* supported capabilities */
		wr_u8(&ctx->out, 0x00);
		wr_u8(&ctx->out, 0x01); /* power management */
		/* In-band system interface and the primary LAN channel. */
		wr_u8(&ctx->out, 0x09);
		break;
	case 2:				  /* mandatory platform attributes */
		wr_u16le(&ctx->out, 512); /* SEL entries, flushed when full */
		wr_u8(&ctx->out, 0x05);	  /* GUID and asset tag */
		wr_u8(&ctx->out,
		    0x07); /* inlet, processor, baseboard temperatures */
		wr_u8(&ctx->out, 1); /* sampled every second */
		break;
	case 3: /* optional platform attributes: power management by the BMC */
		wr_u8(&ctx->out, 0x40);
		wr_u8(&ctx->out, 0x01);
		break;
	case 4: /* manageability access: LAN channel 1, no others */
		wr_u8(&ctx->out, 1);
		wr_u8(&ctx->out, 0xff);
		wr_u8(&ctx->out, 0xff);
		break;
	case 5: /* enhanced power statistics: none beyond mode 1 */
		wr_u8(&ctx->out, 0);
		break;
	default:
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	}
	return IPMI_CC_OK;
}

static uint8_t
dcmi_get_power_reading(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t	 cc, mode;
	unsigned now_w, min_w = UINT32_MAX, max_w = 0, sum = 0, i;
	uint64_t wall = ctx->req->wall_ms != 0
	    ? ctx->req->wall_ms
	    : bmc_wall_ms(b, ctx->req->now_ms);

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &mode);
	if (mode != 0x01)
		return IPMI_CC_INVALID_DATA_FIELD; /* no enhanced statistics */
	now_w = dcmi_power_at(b, ctx->req->now_ms);
	/* The statistics over the last minute, sampled every second. */
	for (i = 0; i < DCMI_STATS_MS / 1000; i++) {
		uint64_t t = ctx->req->now_ms >= i * 1000u
		    ? ctx->req->now_ms - i * 1000u
		    : 0;
		unsigned w = dcmi_power_at(b, t);

		min_w = w < min_w ? w : min_w;
		max_w = w > max_w ? w : max_w;
		sum += w;
	}
	wr_u16le(&ctx->out, (uint16_t)now_w);
	wr_u16le(&ctx->out, (uint16_t)min_w);
	wr_u16le(&ctx->out, (uint16_t)max_w);
	wr_u16le(&ctx->out, (uint16_t)(sum / (DCMI_STATS_MS / 1000)));
	wr_u32le(&ctx->out, (uint32_t)(wall / 1000));
	wr_u32le(&ctx->out, DCMI_STATS_MS);
	wr_u8(&ctx->out, 0x40); /* power measurement active */
	return IPMI_CC_OK;
}

static uint8_t
dcmi_get_power_limit(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	wr_u16le(&ctx->out, 0);
	wr_u8(&ctx->out, d->limit_action);
	wr_u16le(&ctx->out, d->limit_w);
	wr_u32le(&ctx->out, d->correction_ms);
	wr_u16le(&ctx->out, 0);
	wr_u16le(&ctx->out, d->sampling_s);
	/* DCMI 1.5 §6.6.2: the values, and 80h while none is active. */
	return d->limit_active ? IPMI_CC_OK : DCMI_CC_NO_ACTIVE_LIMIT;
}

static uint8_t
dcmi_set_power_limit(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc, action;
	uint16_t	 limit, sampling;
	uint32_t	 correction;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_skip(&ctx->in, 3);
	rd_u8(&ctx->in, &action);
	rd_u16le(&ctx->in, &limit);
	rd_u32le(&ctx->in, &correction);
	rd_skip(&ctx->in, 2);
	rd_u16le(&ctx->in, &sampling);
	if (action != 0x00 && action != 0x01 && action != 0x11)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (limit < 100 || limit > 2000)
		return DCMI_CC_LIMIT_OUT_OF_RANGE;
	if (correction < 1000 || correction > 600000)
		return DCMI_CC_CORRECTION_RANGE;
	if (sampling < 1 || sampling > 3600)
		return DCMI_CC_SAMPLING_RANGE;
	d->limit_action = action;
	d->limit_w = limit;
	d->correction_ms = correction;
	d->sampling_s = sampling;
	b->state_generation++;
	bmc_log(b, "DCMI power limit %u W (correction %u ms, sampling %u s)",
	    limit, correction, sampling);
	return IPMI_CC_OK;
}

static uint8_t
dcmi_activate_limit(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc, on;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &on);
	if (on > 1)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (on && d->limit_w == 0)
		return DCMI_CC_LIMIT_OUT_OF_RANGE; /* none was set */
	if (d->limit_active != on) {
		d->limit_active = on;
		b->state_generation++;
		bmc_log(
		    b, "DCMI power limit %s", on ? "activated" : "deactivated");
	}
	return IPMI_CC_OK;
}

/* Get Asset Tag and Get MC ID String: offset and count, 16 at most. */
static uint8_t
dcmi_get_string(const uint8_t *s, uint8_t len, struct rd *in, struct wr *out)
{
	uint8_t off, count;

	rd_u8(in, &off);
	rd_u8(in, &count);
	if (count > DCMI_CHUNK_MAX)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	wr_u8(out, len);
	if (off > len)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	if (count > len - off)
		count = (uint8_t)(len - off);
	wr_bytes(out, s + off, count);
	return IPMI_CC_OK;
}

/*
 * Set Asset Tag and Set MC ID String: writing at offset; a write that ends
 * the string (a NUL, or the end of what was written) sets its length.
 */
static uint8_t
dcmi_set_string(struct bmc *b, uint8_t *s, uint8_t *len, int nul_ends,
    struct rd *in, struct wr *out, const char *what)
{
	const uint8_t *p;
	uint8_t	       off, count, i;

	rd_u8(in, &off);
	rd_u8(in, &count);
	if (count > DCMI_CHUNK_MAX || rd_left(in) != count)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if ((unsigned)off + count > DCMI_STRING_MAX)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	rd_span(in, &p, count);
	memcpy(s + off, p, count);
	*len = (uint8_t)(off + count);
	for (i = 0; nul_ends && i < *len; i++)
		if (s[i] == '\0') {
			*len = i;
			break;
		}
	memset(s + *len, 0, DCMI_STRING_MAX - *len);
	wr_u8(out, *len);
	b->state_generation++;
	bmc_log(b, "DCMI %s \"%.*s\"", what, (int)*len, (const char *)s);
	return IPMI_CC_OK;
}

static uint8_t
dcmi_get_asset_tag(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	return dcmi_get_string(
	    d->asset_tag, d->asset_tag_len, &ctx->in, &ctx->out);
}

static uint8_t
dcmi_set_asset_tag(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	return dcmi_set_string(b, d->asset_tag, &d->asset_tag_len, 0, &ctx->in,
	    &ctx->out, "asset tag");
}

static uint8_t
dcmi_get_mc_id(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	return dcmi_get_string(d->mc_id, d->mc_id_len, &ctx->in, &ctx->out);
}

static uint8_t
dcmi_set_mc_id(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	/* The MC ID string is NUL-terminated (DCMI 1.5 §6.4.6.2). */
	return dcmi_set_string(
	    b, d->mc_id, &d->mc_id_len, 1, &ctx->in, &ctx->out, "MC ID string");
}

static uint8_t
dcmi_get_sensor_info(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t cc, type;

	(void)b;
	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &type);
	if (type != 0x01)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* Temperature sensors by SDR record: none published this way. */
	wr_u8(&ctx->out, 0);
	wr_u8(&ctx->out, 0);
	return IPMI_CC_OK;
}

static uint8_t
dcmi_get_temperatures(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t cc, type, entity, instance, start, total, n, i;
	int8_t	temps[DCMI_TEMPS_ALL];
	double	v[DCMI_TEMPS_ALL];
	uint8_t ipmi_entity;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &type);
	rd_u8(&ctx->in, &entity);
	rd_u8(&ctx->in, &instance);
	rd_u8(&ctx->in, &start);
	if (type != 0x01)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* The model's temperature sensors of the entity, when it has them. */
	ipmi_entity = entity == 0x40 ? 0x37
	    : entity == 0x41	     ? 0x03
	    : entity == 0x42	     ? 0x07
				     : entity;
	total = (uint8_t)bmc_sensors_values(b, ctx->req->now_ms,
	    BMC_SENSOR_TYPE_TEMPERATURE, ipmi_entity, 0xff, v, DCMI_TEMPS_ALL);
	if (total > DCMI_TEMPS_ALL)
		total = DCMI_TEMPS_ALL;
	for (i = 0; i < total; i++)
		temps[i] = (int8_t)(v[i] < -128 ? -128
			: v[i] > 127		? 127
				     : (v[i] < 0 ? v[i] - 0.5 : v[i] + 0.5));
	if (total > 0)
		goto answer;
	switch (entity) {
	case 0x40: /* inlet air, DCMI entity IDs and their IPMI ones */
	case 0x37:
		total = 1;
		temps[0] = b->power_on ? 23 : 22;
		break;
	case 0x41: /* processors */
	case 0x03:
		total = 2;
		temps[0] = b->power_on ? 48 : 24;
		temps[1] = b->power_on ? 46 : 24;
		break;
	case 0x42: /* baseboard */
	case 0x07:
		total = 1;
		temps[0] = b->power_on ? 36 : 25;
		break;
	default:
		return IPMI_CC_INVALID_DATA_FIELD;
	}
answer:
	wr_u8(&ctx->out, total);
	if (instance != 0) { /* one instance */
		if (instance > total)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		wr_u8(&ctx->out, 1);
		wr_u8(&ctx->out, (uint8_t)temps[instance - 1]);
		wr_u8(&ctx->out, instance);
		return IPMI_CC_OK;
	}
	if (start == 0)
		start = 1;
	n = start <= total ? (uint8_t)(total - start + 1) : 0;
	if (n > DCMI_TEMPS_MAX)
		n = DCMI_TEMPS_MAX;
	wr_u8(&ctx->out, n);
	for (i = 0; i < n; i++) {
		wr_u8(&ctx->out, (uint8_t)temps[start - 1 + i]);
		wr_u8(&ctx->out, (uint8_t)(start + i));
	}
	return IPMI_CC_OK;
}

static uint8_t
dcmi_get_conf_param(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc, param;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &param);
	wr_u8(&ctx->out, 0x01);
	wr_u8(&ctx->out, 0x05);
	wr_u8(&ctx->out, 0x01); /* parameter revision */
	switch (param) {
	case 1: /* activate DHCP: write only */
		wr_u8(&ctx->out, 0);
		break;
	case 2:
		wr_u8(&ctx->out, d->dhcp_discovery);
		break;
	case 3:
		wr_u8(&ctx->out, d->dhcp_initial_s);
		break;
	case 4:
		wr_u16le(&ctx->out, d->dhcp_contact_s);
		break;
	case 5:
		wr_u16le(&ctx->out, d->dhcp_retry_s);
		break;
	default:
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	}
	return IPMI_CC_OK;
}

static uint8_t
dcmi_set_conf_param(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_dcmi *d = dcmi_of(b);
	uint8_t		 cc, param, set, v8;
	uint16_t	 v16;

	if ((cc = dcmi_group(&ctx->in, &ctx->out)) != IPMI_CC_OK)
		return cc;
	rd_u8(&ctx->in, &param);
	rd_u8(&ctx->in, &set);
	switch (param) {
	case 1:
	case 2:
	case 3:
		if (rd_left(&ctx->in) != 1)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		rd_u8(&ctx->in, &v8);
		if (param == 2)
			d->dhcp_discovery = v8 & 0x83;
		else if (param == 3)
			d->dhcp_initial_s = v8;
		else if (v8 == 1)
			bmc_log(b, "DCMI: DHCP restarted (simulated)");
		break;
	case 4:
	case 5:
		if (rd_left(&ctx->in) != 2)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		rd_u16le(&ctx->in, &v16);
		if (param == 4)
			d->dhcp_contact_s = v16;
		else
			d->dhcp_retry_s = v16;
		break;
	default:
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	}
	if (param != 1)
		b->state_generation++;
	return IPMI_CC_OK;
}

#define DCMI IPMI_NETFN_GROUP
#define USER IPMI_PRIV_USER
#define OPER IPMI_PRIV_OPERATOR
#define ADMN IPMI_PRIV_ADMIN

static const struct cmd_entry dcmi_cmds[] = {
    {DCMI, CMD_DCMI_GET_CAPABILITIES, USER, 2, 2, 0, dcmi_get_capabilities,
	"Get DCMI Capabilities Info"},
    {DCMI, CMD_DCMI_GET_POWER_READING, USER, 4, 4, 0, dcmi_get_power_reading,
	"Get Power Reading"},
    {DCMI, CMD_DCMI_GET_POWER_LIMIT, USER, 3, 3, 0, dcmi_get_power_limit,
	"Get Power Limit"},
    {DCMI, CMD_DCMI_SET_POWER_LIMIT, OPER, 15, 15, 0, dcmi_set_power_limit,
	"Set Power Limit"},
    {DCMI, CMD_DCMI_ACTIVATE_LIMIT, OPER, 4, 4, 0, dcmi_activate_limit,
	"Activate/Deactivate Power Limit"},
    {DCMI, CMD_DCMI_GET_ASSET_TAG, USER, 3, 3, 0, dcmi_get_asset_tag,
	"Get Asset Tag"},
    {DCMI, CMD_DCMI_GET_SENSOR_INFO, USER, 5, 5, 0, dcmi_get_sensor_info,
	"Get DCMI Sensor Info"},
    {DCMI, CMD_DCMI_SET_ASSET_TAG, ADMN, 3, 19, 0, dcmi_set_asset_tag,
	"Set Asset Tag"},
    {DCMI, CMD_DCMI_GET_MC_ID, USER, 3, 3, 0, dcmi_get_mc_id,
	"Get Management Controller ID String"},
    {DCMI, CMD_DCMI_SET_MC_ID, ADMN, 3, 19, 0, dcmi_set_mc_id,
	"Set Management Controller ID String"},
    {DCMI, CMD_DCMI_GET_TEMPERATURES, USER, 5, 5, 0, dcmi_get_temperatures,
	"Get Temperature Readings"},
    {DCMI, CMD_DCMI_SET_CONF_PARAM, ADMN, 4, 5, 0, dcmi_set_conf_param,
	"Set DCMI Configuration Parameters"},
    {DCMI, CMD_DCMI_GET_CONF_PARAM, USER, 3, 3, 0, dcmi_get_conf_param,
	"Get DCMI Configuration Parameters"},
};

/* ---- life cycle and saved state ---- */

static int
dcmi_init(struct bmc *b, uint64_t now_ms)
{
	struct bmc_dcmi *d = calloc(1, sizeof(*d));
	size_t		 n = strlen(b->name);

	(void)now_ms;
	if (d == NULL)
		return ERR_NOMEM;
	d->correction_ms = 6000;
	d->sampling_s = 1;
	d->dhcp_discovery = 0x01; /* option 12 */
	d->dhcp_initial_s = 4;
	d->dhcp_contact_s = 120;
	d->dhcp_retry_s = 64;
	d->mc_id_len = (uint8_t)(n < DCMI_STRING_MAX - 1 ? n
							 : DCMI_STRING_MAX - 1);
	memcpy(d->mc_id, b->name, d->mc_id_len);
	d->seed = dcmi_hash(b->cfg->index * 2654435761u + 1);
	b->dcmi = d;
	return 0;
}

static void
dcmi_free(struct bmc *b)
{
	free(b->dcmi);
	b->dcmi = NULL;
}

static void
dcmi_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_dcmi *d = dcmi_of(b);

	bmc_state_printf(o,
	    "\n[dcmi]\nlimit_active = %u\nlimit_action = %u\nlimit_w = %u\n"
	    "correction_ms = %u\nsampling_s = %u\ndhcp_discovery = %u\n"
	    "dhcp_initial_s = %u\ndhcp_contact_s = %u\ndhcp_retry_s = %u\n",
	    d->limit_active, d->limit_action, d->limit_w, d->correction_ms,
	    d->sampling_s, d->dhcp_discovery, d->dhcp_initial_s,
	    d->dhcp_contact_s, d->dhcp_retry_s);
	bmc_state_hex(o, "asset_tag", d->asset_tag, d->asset_tag_len);
	bmc_state_hex(o, "mc_id", d->mc_id, d->mc_id_len);
}

/* A saved string: hex of at most DCMI_STRING_MAX bytes. */
static int
dcmi_hex_string(const char *v, uint8_t *s, uint8_t *len)
{
	uint8_t buf[DCMI_STRING_MAX];
	size_t	n;

	if (hexdump_parse(v, buf, sizeof(buf), &n) != 0)
		return -1;
	memset(s, 0, DCMI_STRING_MAX);
	memcpy(s, buf, n);
	*len = (uint8_t)n;
	return 0;
}

static int
dcmi_load(struct bmc *b, const char *section, const char *key,
    const char *value, struct bmc_state_in *in)
{
	struct bmc_dcmi *d = dcmi_of(b);
	char		*end;
	unsigned long	 v;

	if (strcmp(section, "dcmi") != 0)
		return 0;
	if (strcmp(key, "asset_tag") == 0 || strcmp(key, "mc_id") == 0) {
		int bad = key[0] == 'a'
		    ? dcmi_hex_string(value, d->asset_tag, &d->asset_tag_len)
		    : dcmi_hex_string(value, d->mc_id, &d->mc_id_len);

		if (bad)
			bmc_state_problem(in, "%s: not hex of at most %d bytes",
			    key, DCMI_STRING_MAX);
		return 1;
	}
	v = strtoul(value, &end, 10);
	if (*value == '\0' || *end != '\0' || v > UINT32_MAX) {
		bmc_state_problem(in, "%s = %s: not a number", key, value);
		return 1;
	}
	if (strcmp(key, "limit_active") == 0)
		d->limit_active = v != 0;
	else if (strcmp(key, "limit_action") == 0 && v <= 0xff)
		d->limit_action = (uint8_t)v;
	else if (strcmp(key, "limit_w") == 0 && v <= 0xffff)
		d->limit_w = (uint16_t)v;
	else if (strcmp(key, "correction_ms") == 0)
		d->correction_ms = (uint32_t)v;
	else if (strcmp(key, "sampling_s") == 0 && v <= 0xffff)
		d->sampling_s = (uint16_t)v;
	else if (strcmp(key, "dhcp_discovery") == 0 && v <= 0xff)
		d->dhcp_discovery = (uint8_t)v;
	else if (strcmp(key, "dhcp_initial_s") == 0 && v <= 0xff)
		d->dhcp_initial_s = (uint8_t)v;
	else if (strcmp(key, "dhcp_contact_s") == 0 && v <= 0xffff)
		d->dhcp_contact_s = (uint16_t)v;
	else if (strcmp(key, "dhcp_retry_s") == 0 && v <= 0xffff)
		d->dhcp_retry_s = (uint16_t)v;
	else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [dcmi]", key);
	return 1;
}

const struct bmc_area bmc_area_dcmi = {
    .name = "dcmi",
    .cmds = dcmi_cmds,
    .ncmds = sizeof(dcmi_cmds) / sizeof(dcmi_cmds[0]),
    .init_cb = dcmi_init,
    .free_cb = dcmi_free,
    .save_cb = dcmi_save,
    .load_cb = dcmi_load,
};
