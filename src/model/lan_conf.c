/*
 * [lan] of bmcsim.ini(5): the LAN configuration parameters a BMC starts
 * with (IPMI 2.0 §23.2); MAC and IP address derive from the instance
 * unless given.
 */
#include <stddef.h>

#include "conf.h"
#include "model.h"

static const struct ini_name lan_conf_ip_source_names[] = {
    {"static", 1},
    {"dhcp", 2},
    {NULL, 0},
};

#define ADDR(key, type, field) \
	{ \
		.name = key, .parse = type, \
		.off = offsetof(struct model_lan, field) \
	}
#define U(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_lan, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key lan_conf_keys[] = {
    ADDR("ip", ini_type_ipv4, ip),
    {.name = "ip_source",
	.parse = ini_type_enum,
	.off = offsetof(struct model_lan, ip_source),
	.names = lan_conf_ip_source_names},
    ADDR("netmask", ini_type_ipv4, netmask),
    ADDR("gateway", ini_type_ipv4, gateway),
    ADDR("gateway_mac", ini_type_mac, gateway_mac),
    ADDR("mac", ini_type_mac, mac),
    U("vlan_id", vlan_id, 2, 0, 4094),
    U("vlan_priority", vlan_priority, 1, 0, 7),
    {.name = "community",
	.parse = ini_type_string,
	.off = offsetof(struct model_lan, community),
	.size = 18},
    U("destinations", destinations, 1, 0, 15),
    {.name = NULL},
};

static void *
lan_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->lan;
}

static void
lan_conf_end(struct ini_file *f, void *root, void *target)
{
	struct model_lan *lan = target;

	(void)root;
	if (ini_key_line(f, "ip") != 0)
		lan->has_ip = 1;
	if (ini_key_line(f, "mac") != 0)
		lan->has_mac = 1;
}

const struct ini_section lan_conf_section = {
    .name = "lan",
    .arg = INI_ARG_NONE,
    .keys = lan_conf_keys,
    .begin_cb = lan_conf_begin,
    .end_cb = lan_conf_end,
};
