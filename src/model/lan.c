/*
 * LAN configuration parameters (IPMI 2.0 section 23.1-23.2, Transport
 * netFn 0Ch commands 01h and 02h) of the LAN channel: addresses, VLAN,
 * the alert community and destinations (which the PET alerts use), and
 * the parameters that are the channel's session policy seen from here:
 * authentication type enables (2), cipher suite privilege levels (24) and
 * the bad password threshold (26).  Changes to those apply to sessions
 * opened afterwards, as on a real BMC.
 *
 * Starting values come from the model's [lan]; without an address or a
 * MAC, each BMC gets its own from its index: 10.0.0.2 for a single BMC
 * and the fleet's members counting up from there, and a locally
 * administered MAC 02:00:5e:xx:yy:zz from the BMC's name.  Everything
 * changed over IPMI is kept in the saved state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "confparam.h"
#include "err.h"
#include "fnv.h"
#include "hexdump.h"

#define CMD_LAN_SET_CONFIG 0x01
#define CMD_LAN_GET_CONFIG 0x02

#define LAN_REVISION	  0x11
#define LAN_DEST_MAX	  15
#define LAN_COMMUNITY_LEN 18
#define LAN_SUITE_ENTRIES 16
/* Authentication types this BMC supports (param 1): none, MD2, MD5, pw. */
#define LAN_AUTH_SUPPORT 0x17
/* Param 9: the secure (RMCP over TLS) port 298h, which nothing uses. */
#define LAN_SECONDARY_PORT 664
/*
 * IPv6 (IPMI 2.0 errata 4, table 23-4): param 50 says none is supported
 * and 51 that addressing is IPv4 only.  The IPv6 parameters proper (55
 * on) stay unsupported (80h), which tells a client (FreeIPMI's
 * Lan6_Conf) that there is no IPv6 configuration to read.
 */
#define LAN_IPV6_UNSUPPORTED 0x00
#define LAN_IPV4_ONLY	     0x00

enum lan_param {
	LAN_SET_IN_PROGRESS = 0,
	LAN_AUTH_TYPE_SUPPORT = 1,
	LAN_AUTH_TYPE_ENABLES = 2,
	LAN_IP = 3,
	LAN_IP_SOURCE = 4,
	LAN_MAC = 5,
	LAN_NETMASK = 6,
	LAN_IPV4_HEADER = 7,
	LAN_PRIMARY_RMCP_PORT = 8,
	LAN_SECONDARY_RMCP_PORT = 9,
	LAN_ARP_CONTROL = 10,
	LAN_ARP_INTERVAL = 11,
	LAN_GATEWAY = 12,
	LAN_GATEWAY_MAC = 13,
	LAN_BACKUP_GATEWAY = 14,
	LAN_BACKUP_GATEWAY_MAC = 15,
	LAN_COMMUNITY = 16,
	LAN_DEST_COUNT = 17,
	LAN_DEST_TYPE = 18,
	LAN_DEST_ADDR = 19,
	LAN_VLAN_ID = 20,
	LAN_VLAN_PRIORITY = 21,
	LAN_SUITE_SUPPORT = 22,
	LAN_SUITE_ENTRIES_PARAM = 23,
	LAN_SUITE_PRIVS = 24,
	LAN_DEST_VLAN = 25,
	LAN_BAD_PASSWORD = 26,
	LAN_IP_SUPPORT = 50,
	LAN_IP_ADDRESSING = 51
};

struct lan_dest {
	uint8_t type[3];  /* type, ack timeout, retries (param 18) */
	uint8_t addr[12]; /* format, gateway, IPv4, MAC (param 19) */
	uint8_t vlan[3];  /* format, tag (param 25) */
};

struct bmc_lan {
	uint8_t		set_in_progress;
	uint8_t		ip[4];
	uint8_t		ip_source;
	uint8_t		mac[6];
	uint8_t		netmask[4];
	uint8_t		ipv4_header[3];
	uint8_t		arp_control;
	uint8_t		arp_interval;
	uint8_t		gateway[4];
	uint8_t		gateway_mac[6];
	uint8_t		backup_gateway[4];
	uint8_t		backup_gateway_mac[6];
	uint8_t		community[LAN_COMMUNITY_LEN];
	uint8_t		ndest;
	struct lan_dest dest[LAN_DEST_MAX + 1]; /* 0: the volatile one */
	/* The UDP port of each: the model's (an extension), else 162. */
	uint16_t dest_port[LAN_DEST_MAX + 1];
	uint16_t vlan; /* [15] enabled, [11:0] ID */
	uint8_t	 vlan_priority;
	uint8_t	 bad_password_event;
	uint16_t bad_password_reset_10s;
	uint8_t	 changed; /* set over IPMI: saved */
};

static struct bmc_lan *
lan_of(const struct bmc *b)
{
	return b->lan;
}

/* The enabled suites in ID order: param 23's entries, 24's nibbles. */
static unsigned
lan_suites(const struct bmc *b, uint8_t ids[LAN_SUITE_ENTRIES])
{
	unsigned id, n = 0;

	for (id = 0; id < SUITE_COUNT && n < LAN_SUITE_ENTRIES; id++)
		if (b->channel.enabled_suites & (1u << id))
			ids[n++] = (uint8_t)id;
	return n;
}

static uint8_t
lan_get_config(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_lan *l = lan_of(b);
	uint8_t		      chan, param, set, block, ids[LAN_SUITE_ENTRIES];
	unsigned	      i, n;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &param);
	rd_u8(&ctx->in, &set);
	rd_u8(&ctx->in, &block);
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (confparam_get_revision(&ctx->out, LAN_REVISION, chan))
		return IPMI_CC_OK;
	switch (param) {
	case LAN_SET_IN_PROGRESS:
		wr_u8(&ctx->out, l->set_in_progress);
		break;
	case LAN_AUTH_TYPE_SUPPORT:
		wr_u8(&ctx->out, LAN_AUTH_SUPPORT);
		break;
	case LAN_AUTH_TYPE_ENABLES:
		for (i = IPMI_PRIV_CALLBACK; i <= IPMI_PRIV_OEM; i++)
			wr_u8(&ctx->out, b->channel.auth15_enables[i]);
		break;
	case LAN_IP:
		wr_bytes(&ctx->out, l->ip, 4);
		break;
	case LAN_IP_SOURCE:
		wr_u8(&ctx->out, l->ip_source);
		break;
	case LAN_MAC:
		wr_bytes(&ctx->out, l->mac, 6);
		break;
	case LAN_NETMASK:
		wr_bytes(&ctx->out, l->netmask, 4);
		break;
	case LAN_IPV4_HEADER:
		wr_bytes(&ctx->out, l->ipv4_header, 3);
		break;
	case LAN_PRIMARY_RMCP_PORT:
		/* The port this BMC answers on, least significant byte first. */
		wr_u16le(&ctx->out, b->port);
		break;
	case LAN_SECONDARY_RMCP_PORT:
		wr_u16le(&ctx->out, LAN_SECONDARY_PORT);
		break;
	case LAN_ARP_CONTROL:
		wr_u8(&ctx->out, l->arp_control);
		break;
	case LAN_ARP_INTERVAL:
		wr_u8(&ctx->out, l->arp_interval);
		break;
	case LAN_GATEWAY:
		wr_bytes(&ctx->out, l->gateway, 4);
		break;
	case LAN_GATEWAY_MAC:
		wr_bytes(&ctx->out, l->gateway_mac, 6);
		break;
	case LAN_BACKUP_GATEWAY:
		wr_bytes(&ctx->out, l->backup_gateway, 4);
		break;
	case LAN_BACKUP_GATEWAY_MAC:
		wr_bytes(&ctx->out, l->backup_gateway_mac, 6);
		break;
	case LAN_COMMUNITY:
		wr_bytes(&ctx->out, l->community, LAN_COMMUNITY_LEN);
		break;
	case LAN_DEST_COUNT:
		wr_u8(&ctx->out, l->ndest);
		break;
	case LAN_DEST_TYPE:
	case LAN_DEST_ADDR:
	case LAN_DEST_VLAN:
		if ((set & 0x0f) > l->ndest)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		wr_u8(&ctx->out, set & 0x0f);
		if (param == LAN_DEST_TYPE)
			wr_bytes(&ctx->out, l->dest[set & 0x0f].type, 3);
		else if (param == LAN_DEST_ADDR)
			wr_bytes(&ctx->out, l->dest[set & 0x0f].addr, 12);
		else
			wr_bytes(&ctx->out, l->dest[set & 0x0f].vlan, 3);
		break;
	case LAN_VLAN_ID:
		wr_u16le(&ctx->out, l->vlan);
		break;
	case LAN_VLAN_PRIORITY:
		wr_u8(&ctx->out, l->vlan_priority);
		break;
	case LAN_SUITE_SUPPORT:
		wr_u8(&ctx->out, (uint8_t)lan_suites(b, ids));
		break;
	case LAN_SUITE_ENTRIES_PARAM:
		n = lan_suites(b, ids);
		wr_u8(&ctx->out, 0x00);
		wr_bytes(&ctx->out, ids, n);
		break;
	case LAN_SUITE_PRIVS:
		/* Two entries a byte, the first in the low nibble. */
		n = lan_suites(b, ids);
		wr_u8(&ctx->out, 0x00);
		for (i = 0; i < LAN_SUITE_ENTRIES; i += 2) {
			uint8_t lo = i < n ? b->channel.suite_priv_limit[ids[i]]
					   : 0;
			uint8_t hi = i + 1 < n
			    ? b->channel.suite_priv_limit[ids[i + 1]]
			    : 0;

			wr_u8(&ctx->out,
			    (uint8_t)((hi & 0x0f) << 4 | (lo & 0x0f)));
		}
		break;
	case LAN_IP_SUPPORT:
		wr_u8(&ctx->out, LAN_IPV6_UNSUPPORTED);
		break;
	case LAN_IP_ADDRESSING:
		wr_u8(&ctx->out, LAN_IPV4_ONLY);
		break;
	case LAN_BAD_PASSWORD:
		wr_u8(&ctx->out, l->bad_password_event);
		wr_u8(&ctx->out, b->channel.bad_password_threshold);
		wr_u16le(&ctx->out, l->bad_password_reset_10s);
		wr_u16le(&ctx->out, (uint16_t)(b->channel.lockout_ms / 10000));
		break;
	default:
		return CONFPARAM_CC_NOT_SUPPORTED;
	}
	return IPMI_CC_OK;
}

/* What a Set of each parameter carries (IPMI 2.0 table 23-4). */
static const struct confparam_desc lan_params[] = {
    {LAN_SET_IN_PROGRESS, 1, 0},
    {LAN_AUTH_TYPE_SUPPORT, 0, 1},
    {LAN_AUTH_TYPE_ENABLES, 5, 0},
    {LAN_IP, 4, 0},
    {LAN_IP_SOURCE, 1, 0},
    {LAN_MAC, 6, 0},
    {LAN_NETMASK, 4, 0},
    {LAN_IPV4_HEADER, 3, 0},
    /* The socket is bound to the port: read-only. */
    {LAN_PRIMARY_RMCP_PORT, 2, 1},
    {LAN_SECONDARY_RMCP_PORT, 2, 1},
    {LAN_ARP_CONTROL, 1, 0},
    {LAN_ARP_INTERVAL, 1, 0},
    {LAN_GATEWAY, 4, 0},
    {LAN_GATEWAY_MAC, 6, 0},
    {LAN_BACKUP_GATEWAY, 4, 0},
    {LAN_BACKUP_GATEWAY_MAC, 6, 0},
    {LAN_COMMUNITY, LAN_COMMUNITY_LEN, 0},
    {LAN_DEST_COUNT, 0, 1},
    {LAN_DEST_TYPE, 4, 0},
    {LAN_DEST_ADDR, 13, 0},
    {LAN_VLAN_ID, 2, 0},
    {LAN_VLAN_PRIORITY, 1, 0},
    {LAN_SUITE_SUPPORT, 0, 1},
    {LAN_SUITE_ENTRIES_PARAM, 0, 1},
    {LAN_SUITE_PRIVS, 9, 0},
    {LAN_DEST_VLAN, 4, 0},
    {LAN_BAD_PASSWORD, 6, 0},
    {LAN_IP_SUPPORT, 1, 1},
    {LAN_IP_ADDRESSING, 1, 0},
};

static int
lan_netmask_valid(const uint8_t m[4])
{
	uint32_t v = (uint32_t)m[0] << 24 | m[1] << 16 | m[2] << 8 | m[3];

	/* Ones then zeros. */
	return (~v & (~v + 1)) == 0;
}

static uint8_t
lan_set_config(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_lan *l = lan_of(b);
	uint8_t	 chan, param, v[LAN_COMMUNITY_LEN], ids[LAN_SUITE_ENTRIES];
	uint8_t	 cc;
	unsigned i, n;
	int	 policy = 0;
	size_t	 len;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &param);
	len = rd_left(&ctx->in);
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	cc = confparam_set_check(
	    lan_params, sizeof(lan_params) / sizeof(lan_params[0]), param, len);
	if (cc != IPMI_CC_OK)
		return cc;
	rd_bytes(&ctx->in, v, len);
	switch (param) {
	case LAN_SET_IN_PROGRESS:
		return confparam_set_in_progress(&l->set_in_progress, v[0], 0);
	case LAN_IP_ADDRESSING:
		/* IPv4 only is what there is; IPv6 is not supported. */
		return v[0] == LAN_IPV4_ONLY ? IPMI_CC_OK
					     : IPMI_CC_INVALID_DATA_FIELD;
	case LAN_AUTH_TYPE_ENABLES:
		for (i = 0; i < 5; i++)
			if (v[i] & (uint8_t)~LAN_AUTH_SUPPORT)
				return IPMI_CC_INVALID_DATA_FIELD;
		for (i = 0; i < 5; i++)
			b->channel.auth15_enables[IPMI_PRIV_CALLBACK + i] =
			    v[i];
		policy = 1;
		break;
	case LAN_IP:
		memcpy(l->ip, v, 4);
		break;
	case LAN_IP_SOURCE:
		if ((v[0] & 0x0f) > 4)
			return IPMI_CC_INVALID_DATA_FIELD;
		l->ip_source = v[0] & 0x0f;
		break;
	case LAN_MAC:
		if (v[0] & 0x01) /* a multicast address */
			return IPMI_CC_INVALID_DATA_FIELD;
		memcpy(l->mac, v, 6);
		break;
	case LAN_NETMASK:
		if (!lan_netmask_valid(v))
			return IPMI_CC_INVALID_DATA_FIELD;
		memcpy(l->netmask, v, 4);
		break;
	case LAN_IPV4_HEADER:
		memcpy(l->ipv4_header, v, 3);
		break;
	case LAN_ARP_CONTROL:
		l->arp_control = v[0] & 0x03;
		break;
	case LAN_ARP_INTERVAL:
		l->arp_interval = v[0];
		break;
	case LAN_GATEWAY:
		memcpy(l->gateway, v, 4);
		break;
	case LAN_GATEWAY_MAC:
		memcpy(l->gateway_mac, v, 6);
		break;
	case LAN_BACKUP_GATEWAY:
		memcpy(l->backup_gateway, v, 4);
		break;
	case LAN_BACKUP_GATEWAY_MAC:
		memcpy(l->backup_gateway_mac, v, 6);
		break;
	case LAN_COMMUNITY:
		memcpy(l->community, v, LAN_COMMUNITY_LEN);
		break;
	case LAN_DEST_TYPE:
	case LAN_DEST_ADDR:
	case LAN_DEST_VLAN:
		if ((v[0] & 0x0f) > l->ndest)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		if (param == LAN_DEST_TYPE)
			memcpy(l->dest[v[0] & 0x0f].type, v + 1, 3);
		else if (param == LAN_DEST_ADDR)
			memcpy(l->dest[v[0] & 0x0f].addr, v + 1, 12);
		else
			memcpy(l->dest[v[0] & 0x0f].vlan, v + 1, 3);
		break;
	case LAN_VLAN_ID:
		l->vlan = (uint16_t)((v[0] | v[1] << 8) & 0x8fff);
		if ((l->vlan & 0x0fff) == 0 || (l->vlan & 0x0fff) == 0x0fff)
			l->vlan &=
			    0x0fff; /* IDs 0 and 4095 cannot be enabled */
		break;
	case LAN_VLAN_PRIORITY:
		if (v[0] > 7)
			return IPMI_CC_INVALID_DATA_FIELD;
		l->vlan_priority = v[0];
		break;
	case LAN_SUITE_PRIVS:
		n = lan_suites(b, ids);
		for (i = 0; i < n; i++) {
			uint8_t p = (uint8_t)((v[1 + i / 2] >> (4 * (i % 2))) &
			    0x0f);

			if (p < IPMI_PRIV_CALLBACK || p > IPMI_PRIV_OEM)
				return IPMI_CC_INVALID_DATA_FIELD;
		}
		for (i = 0; i < n; i++)
			b->channel.suite_priv_limit[ids[i]] =
			    (uint8_t)((v[1 + i / 2] >> (4 * (i % 2))) & 0x0f);
		policy = 1;
		break;
	case LAN_BAD_PASSWORD:
		l->bad_password_event = v[0] & 0x01;
		b->channel.bad_password_threshold = v[1];
		l->bad_password_reset_10s = (uint16_t)(v[2] | v[3] << 8);
		b->channel.lockout_ms = (uint32_t)(v[4] | v[5] << 8) * 10000;
		policy = 1;
		break;
	}
	l->changed = 1;
	b->state_generation++;
	if (policy)
		bmc_channel_changed(b, ctx->req);
	bmc_log(b, "LAN configuration parameter %u set", param);
	return IPMI_CC_OK;
}

#define TRANSPORT IPMI_NETFN_TRANSPORT

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry lan_cmds[] = {
    {TRANSPORT, CMD_LAN_SET_CONFIG, IPMI_PRIV_ADMIN, 3, 20, 0, lan_set_config,
	"Set LAN Configuration Parameters"},
    {TRANSPORT, CMD_LAN_GET_CONFIG, IPMI_PRIV_OPERATOR, 4, 4, 0, lan_get_config,
	"Get LAN Configuration Parameters"},
};

/* ---- life cycle and saved state ---- */

static int
lan_init(struct bmc *b, uint64_t now_ms)
{
	const struct model_lan *m = &b->model->lan;
	struct bmc_lan	       *l = calloc(1, sizeof(*l));
	uint32_t		host, h;
	unsigned		i;

	(void)now_ms;
	if (l == NULL)
		return ERR_NOMEM;
	if (m->has_ip)
		memcpy(l->ip, m->ip, 4);
	else {
		host = 2 + b->cfg->index;
		l->ip[0] = 10;
		l->ip[1] = (uint8_t)(host >> 16);
		l->ip[2] = (uint8_t)(host >> 8);
		l->ip[3] = (uint8_t)host;
	}
	if (m->has_mac)
		memcpy(l->mac, m->mac, 6);
	else {
		h = fnv1a32(FNV1A32_INIT, b->name, strlen(b->name));
		memcpy(l->mac,
		    (const uint8_t[]){0x02, 0x00, 0x5e, (uint8_t)(h >> 16),
			(uint8_t)(h >> 8), (uint8_t)h},
		    6);
	}
	l->ip_source = m->ip_source;
	memcpy(l->netmask, m->netmask, 4);
	memcpy(l->gateway, m->gateway, 4);
	memcpy(l->gateway_mac, m->gateway_mac, 6);
	memcpy(l->ipv4_header, (const uint8_t[]){0x40, 0x40, 0x10}, 3);
	l->arp_control = 0x02; /* answers ARP, no gratuitous ARP */
	l->arp_interval = 4;   /* 2 s */
	memcpy(l->community, m->community, strlen(m->community));
	l->ndest = m->destinations;
	for (i = 0; i <= LAN_DEST_MAX; i++) {
		const struct model_alert_dest *d = &b->model->pef.dests[i];

		l->dest[i].type[1] = 3; /* ack timeout, s */
		l->dest[i].type[2] = 3; /* retries */
		l->dest_port[i] = 162;
		if (i == 0 || !d->defined)
			continue;
		/* Type PET (000b), bit 7: acknowledged (table 23-4, 18). */
		l->dest[i].type[0] = d->ack ? 0x80 : 0x00;
		l->dest[i].type[1] = d->timeout;
		l->dest[i].type[2] = d->retries;
		/* Param 19: format 0 (IPv4 and MAC), default gateway. */
		memcpy(l->dest[i].addr + 2, d->ip, 4);
		memcpy(l->dest[i].addr + 6, d->mac, 6);
		l->dest_port[i] = d->port;
	}
	l->vlan = m->vlan_id != 0 ? (uint16_t)(0x8000 | m->vlan_id) : 0;
	l->vlan_priority = m->vlan_priority;
	l->bad_password_reset_10s = 30;
	b->lan = l;
	return 0;
}

static void
lan_free(struct bmc *b)
{
	free(b->lan);
	b->lan = NULL;
}

static void
lan_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_lan *l = lan_of(b);
	unsigned	      i;
	char		      key[16];

	if (!l->changed)
		return;
	bmc_state_printf(o, "\n[lan]\n");
	bmc_state_hex(o, "ip", l->ip, 4);
	bmc_state_printf(o, "ip_source = %u\n", l->ip_source);
	bmc_state_hex(o, "mac", l->mac, 6);
	bmc_state_hex(o, "netmask", l->netmask, 4);
	bmc_state_hex(o, "ipv4_header", l->ipv4_header, 3);
	bmc_state_printf(o, "arp = %u %u\n", l->arp_control, l->arp_interval);
	bmc_state_hex(o, "gateway", l->gateway, 4);
	bmc_state_hex(o, "gateway_mac", l->gateway_mac, 6);
	bmc_state_hex(o, "backup_gateway", l->backup_gateway, 4);
	bmc_state_hex(o, "backup_gateway_mac", l->backup_gateway_mac, 6);
	bmc_state_hex(o, "community", l->community, LAN_COMMUNITY_LEN);
	for (i = 1; i <= l->ndest; i++) {
		snprintf(key, sizeof(key), "dest.%u", i);
		bmc_state_hex(
		    o, key, (const uint8_t *)&l->dest[i], sizeof(l->dest[i]));
	}
	bmc_state_printf(o, "vlan = %u %u\n", l->vlan, l->vlan_priority);
	bmc_state_hex(o, "auth_enables", b->channel.auth15_enables + 1, 5);
	bmc_state_hex(
	    o, "suite_privileges", b->channel.suite_priv_limit, SUITE_COUNT);
	bmc_state_printf(o, "bad_password = %u %u %u %u\n",
	    l->bad_password_event, b->channel.bad_password_threshold,
	    l->bad_password_reset_10s, b->channel.lockout_ms / 10000);
}

/* A saved hex value of exactly n bytes into out: 0, or -1 said. */
static int
lan_load_hex(struct bmc_state_in *in, const char *key, const char *value,
    uint8_t *out, size_t n)
{
	uint8_t buf[64];
	size_t	got;

	if (hexdump_parse(value, buf, sizeof(buf), &got) != 0 || got != n) {
		bmc_state_problem(in, "%s: not %zu bytes of hex", key, n);
		return -1;
	}
	memcpy(out, buf, n);
	return 0;
}

static int
lan_load(struct bmc *b, const char *section, const char *key, const char *value,
    struct bmc_state_in *in)
{
	struct bmc_lan *l = lan_of(b);
	unsigned	a, c, d, e, i;
	int		used = 0;

	if (strcmp(section, "lan") != 0)
		return 0;
	l->changed = 1;
	if (strcmp(key, "ip") == 0)
		lan_load_hex(in, key, value, l->ip, 4);
	else if (strcmp(key, "ip_source") == 0 &&
	    sscanf(value, "%u%n", &a, &used) == 1 && value[used] == '\0' &&
	    a <= 4)
		l->ip_source = (uint8_t)a;
	else if (strcmp(key, "mac") == 0)
		lan_load_hex(in, key, value, l->mac, 6);
	else if (strcmp(key, "netmask") == 0)
		lan_load_hex(in, key, value, l->netmask, 4);
	else if (strcmp(key, "ipv4_header") == 0)
		lan_load_hex(in, key, value, l->ipv4_header, 3);
	else if (strcmp(key, "arp") == 0 &&
	    sscanf(value, "%u %u%n", &a, &c, &used) == 2 &&
	    value[used] == '\0' && a <= 3 && c <= 255) {
		l->arp_control = (uint8_t)a;
		l->arp_interval = (uint8_t)c;
	} else if (strcmp(key, "gateway") == 0)
		lan_load_hex(in, key, value, l->gateway, 4);
	else if (strcmp(key, "gateway_mac") == 0)
		lan_load_hex(in, key, value, l->gateway_mac, 6);
	else if (strcmp(key, "backup_gateway") == 0)
		lan_load_hex(in, key, value, l->backup_gateway, 4);
	else if (strcmp(key, "backup_gateway_mac") == 0)
		lan_load_hex(in, key, value, l->backup_gateway_mac, 6);
	else if (strcmp(key, "community") == 0)
		lan_load_hex(in, key, value, l->community, LAN_COMMUNITY_LEN);
	else if (sscanf(key, "dest.%u%n", &i, &used) == 1 &&
	    key[used] == '\0' && i >= 1 && i <= l->ndest)
		lan_load_hex(
		    in, key, value, (uint8_t *)&l->dest[i], sizeof(l->dest[i]));
	else if (strcmp(key, "vlan") == 0 &&
	    sscanf(value, "%u %u%n", &a, &c, &used) == 2 &&
	    value[used] == '\0' && a <= 0xffff && c <= 7) {
		l->vlan = (uint16_t)a;
		l->vlan_priority = (uint8_t)c;
	} else if (strcmp(key, "auth_enables") == 0)
		lan_load_hex(in, key, value, b->channel.auth15_enables + 1, 5);
	else if (strcmp(key, "suite_privileges") == 0)
		lan_load_hex(
		    in, key, value, b->channel.suite_priv_limit, SUITE_COUNT);
	else if (strcmp(key, "bad_password") == 0 &&
	    sscanf(value, "%u %u %u %u%n", &a, &c, &d, &e, &used) == 4 &&
	    value[used] == '\0' && a <= 1 && c <= 255 && d <= 0xffff &&
	    e <= 0xffff) {
		l->bad_password_event = (uint8_t)a;
		b->channel.bad_password_threshold = (uint8_t)c;
		l->bad_password_reset_10s = (uint16_t)d;
		b->channel.lockout_ms = e * 10000;
	} else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [lan]", key);
	return 1;
}

static void
lan_loaded(struct bmc *b)
{
	if (lan_of(b)->changed) {
		b->policy_generation++;
		bmc_log(b,
		    "LAN configuration set over IPMI restored; it "
		    "overrides the model's");
	}
}

/* ---- what the PEF area's alerts need ---- */

int
bmc_lan_alert_dest(
    const struct bmc *b, uint8_t selector, struct bmc_alert_dest *out)
{
	const struct bmc_lan  *l = lan_of(b);
	const struct lan_dest *d;

	if (selector > l->ndest || selector > LAN_DEST_MAX)
		return ERR_NOT_FOUND;
	d = &l->dest[selector];
	out->type = d->type[0] & 0x07;
	out->ack = (d->type[0] & 0x80) != 0;
	out->timeout_s = d->type[1];
	out->retries = d->type[2] & 0x07;
	out->format = d->addr[0] >> 4;
	memcpy(out->ip, d->addr + 2, 4);
	out->port = l->dest_port[selector];
	return 0;
}

void
bmc_lan_alert_source(
    const struct bmc *b, uint8_t ip[4], char community[BMC_COMMUNITY_LEN + 1])
{
	const struct bmc_lan *l = lan_of(b);

	memcpy(ip, l->ip, 4);
	/* Param 16 is NUL-padded; the trap carries it up to the first NUL. */
	memcpy(community, l->community, LAN_COMMUNITY_LEN);
	community[LAN_COMMUNITY_LEN] = '\0';
}

const struct bmc_area bmc_area_lan = {
    .name = "lan",
    .cmds = lan_cmds,
    .ncmds = sizeof(lan_cmds) / sizeof(lan_cmds[0]),
    .init_cb = lan_init,
    .free_cb = lan_free,
    .save_cb = lan_save,
    .load_cb = lan_load,
    .loaded_cb = lan_loaded,
};
