/*
 * [chassis] of bmcsim.ini(5): the power state a BMC starts with, its
 * restore policy (IPMI 2.0 §28.8) and the timings of its power changes.
 */
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "model.h"

static const struct ini_name chassis_conf_power_names[] = {
    {"on", 1},
    {"off", 0},
    {NULL, 0},
};

static const struct ini_name chassis_conf_restore_names[] = {
    {"always-off", MODEL_RESTORE_ALWAYS_OFF},
    {"previous", MODEL_RESTORE_PREVIOUS},
    {"always-on", MODEL_RESTORE_ALWAYS_ON},
    {NULL, 0},
};

#define U(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_chassis, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key chassis_conf_keys[] = {
    {.name = "power",
	.parse = ini_type_enum,
	.off = offsetof(struct model_chassis, power_on),
	.names = chassis_conf_power_names},
    {.name = "restore_policy",
	.parse = ini_type_enum,
	.off = offsetof(struct model_chassis, restore_policy),
	.names = chassis_conf_restore_names},
    U("identify_interval", identify_default_s, 1, 0, 255),
    U("poh_hours", poh_hours, 4, 0, UINT32_MAX),
    U("power_cycle_interval_ms", power_cycle_interval_ms, 4, 0, 3600000),
    U("soft_off_delay_ms", soft_off_delay_ms, 4, 0, 3600000),
    U("capabilities", capabilities, 1, 0, 255),
    {.name = NULL},
};

static void *
chassis_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->chassis;
}

const struct ini_section chassis_conf_section = {
    .name = "chassis",
    .arg = INI_ARG_NONE,
    .keys = chassis_conf_keys,
    .begin_cb = chassis_conf_begin,
};
