/*
 * [pef], [pef_filter N], [pef_policy N] and [alert_destination N] of
 * bmcsim.ini(5): Platform Event Filtering and the LAN alert destinations
 * a BMC starts with (IPMI 2.0 §17, §30.3, table 23-4 parameters 18-19).
 * A destination may name a UDP port other than 162: an extension for
 * labs and tests, since IPMI has no field for it.
 */
#include <stddef.h>
#include <string.h>

#include "conf.h"
#include "model.h"

#define P(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_pef, field), .size = sz, \
		.min = lo, .max = hi \
	}
#define PB(key, field) \
	{ \
		.name = key, .parse = ini_type_bool, \
		.off = offsetof(struct model_pef, field) \
	}

static const struct ini_key pef_conf_keys[] = {
    PB("enable", enable),
    PB("event_messages", event_messages),
    P("actions", action_control, 1, 0, 0x3f),
    P("startup_delay", startup_delay, 1, 0, 255),
    P("alert_startup_delay", alert_startup_delay, 1, 0, 255),
    {.name = "alert_string",
	.parse = ini_type_string,
	.off = offsetof(struct model_pef, string),
	.size = MODEL_PEF_STRING_LEN},
    {.name = NULL},
};

static void *
pef_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->pef;
}

const struct ini_section pef_conf_section = {
    .name = "pef",
    .arg = INI_ARG_NONE,
    .keys = pef_conf_keys,
    .begin_cb = pef_conf_begin,
};

#define F(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_pef_filter, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key pef_conf_filter_keys[] = {
    {.name = "enabled",
	.parse = ini_type_bool,
	.off = offsetof(struct model_pef_filter, enabled)},
    F("action", action, 1, 0, 0x7f),
    F("policy", policy, 1, 1, 15),
    F("severity", severity, 1, 0, 0x20),
    F("generator", generator, 1, 0, 0xff),
    {.name = "sensor_type",
	.parse = ini_type_name_or_number,
	.off = offsetof(struct model_pef_filter, sensor_type),
	.max = 0xff,
	.names = sensors_conf_type_names},
    F("sensor", sensor_number, 1, 0, 0xff),
    {.name = "trigger",
	.parse = ini_type_name_or_number,
	.off = offsetof(struct model_pef_filter, trigger),
	.max = 0xff,
	.names = sensors_conf_event_type_names},
    F("offsets", offsets, 2, 0, 0xffff),
    {.name = NULL},
};

/* A filter matches every event and alerts policy set 1 unless told. */
static void *
pef_conf_filter_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct model_pef_filter *e = &((struct model *)root)->pef.filters[n];

	(void)f;
	(void)a;
	memset(e, 0, sizeof(*e));
	e->defined = 1;
	e->enabled = 1;
	e->action = 0x01;
	e->policy = 1;
	e->generator = 0xff;
	e->sensor_type = 0xff;
	e->sensor_number = 0xff;
	e->trigger = 0xff;
	e->offsets = 0xffff;
	return e;
}

const struct ini_section pef_conf_filter_section = {
    .name = "pef_filter",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_PEF_FILTERS,
    .arg_noun = "filter number",
    .keys = pef_conf_filter_keys,
    .begin_cb = pef_conf_filter_begin,
};

#define A(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_pef_policy, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key pef_conf_policy_keys[] = {
    {.name = "enabled",
	.parse = ini_type_bool,
	.off = offsetof(struct model_pef_policy, enabled)},
    A("policy", policy, 1, 1, 15),
    A("type", type, 1, 0, 4),
    A("channel", channel, 1, 1, 15),
    A("destination", destination, 1, 0, 15),
    A("string", string, 1, 0, 0xff),
    {.name = NULL},
};

static void *
pef_conf_policy_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct model		*m = root;
	struct model_pef_policy *e = &m->pef.policies[n];

	(void)f;
	(void)a;
	memset(e, 0, sizeof(*e));
	e->defined = 1;
	e->enabled = 1;
	e->policy = 1;
	e->channel = m->channel.number;
	e->destination = 1;
	return e;
}

const struct ini_section pef_conf_policy_section = {
    .name = "pef_policy",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_PEF_POLICIES,
    .arg_noun = "policy entry number",
    .keys = pef_conf_policy_keys,
    .begin_cb = pef_conf_policy_begin,
};

#define D(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_alert_dest, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key pef_conf_dest_keys[] = {
    {.name = "address",
	.parse = ini_type_ipv4,
	.off = offsetof(struct model_alert_dest, ip)},
    D("port", port, 2, 1, 65535),
    {.name = "mac",
	.parse = ini_type_mac,
	.off = offsetof(struct model_alert_dest, mac)},
    {.name = "ack",
	.parse = ini_type_bool,
	.off = offsetof(struct model_alert_dest, ack)},
    D("timeout", timeout, 1, 0, 255),
    D("retries", retries, 1, 0, 7),
    {.name = NULL},
};

static void *
pef_conf_dest_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct model_alert_dest *d = &((struct model *)root)->pef.dests[n];

	(void)f;
	(void)a;
	memset(d, 0, sizeof(*d));
	d->defined = 1;
	d->timeout = 3;
	d->retries = 3;
	d->port = 162;
	return d;
}

/* A destination past the LAN's count raises the count to reach it. */
static void
pef_conf_dest_end(struct ini_file *f, void *root, void *target)
{
	struct model *m = root;
	unsigned      n;

	(void)f;
	n = (unsigned)((struct model_alert_dest *)target - m->pef.dests);
	if (m->lan.destinations < n)
		m->lan.destinations = (uint8_t)n;
}

const struct ini_section pef_conf_dest_section = {
    .name = "alert_destination",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_ALERT_DESTS_MAX,
    .arg_noun = "destination number",
    .keys = pef_conf_dest_keys,
    .begin_cb = pef_conf_dest_begin,
    .end_cb = pef_conf_dest_end,
};
