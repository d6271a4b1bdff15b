/*
 * bmcsim info: logs in and prints who the BMC says it is (Get Device ID,
 * IPMI 2.0 §20.1), its GUIDs (§20.8, §22.14) and what the session got.
 */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "cursor.h"
#include "err.h"
#include "hexdump.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "names.h"
#include "suite.h"

#define CMD_GET_DEVICE_ID   0x01
#define CMD_GET_DEVICE_GUID 0x08
#define CMD_GET_SYSTEM_GUID 0x37

/* Table 20-2: additional device support, bit by bit. */
static const char *const info_support[8] = {"Sensor Device",
    "SDR Repository Device", "SEL Device", "FRU Inventory Device",
    "IPMB Event Receiver", "IPMB Event Generator", "Bridge", "Chassis Device"};

static int
info_device_id(const struct ipmi_rsp *rsp)
{
	struct rd r;
	uint8_t	  id, rev, fw1, fw2, ver, sup, m0, m1, m2, aux[4];
	uint16_t  product;
	int	  i;

	rd_init(&r, rsp->data, rsp->data_len);
	if (rd_u8(&r, &id) != 0 || rd_u8(&r, &rev) != 0 ||
	    rd_u8(&r, &fw1) != 0 || rd_u8(&r, &fw2) != 0 ||
	    rd_u8(&r, &ver) != 0 || rd_u8(&r, &sup) != 0 ||
	    rd_u8(&r, &m0) != 0 || rd_u8(&r, &m1) != 0 || rd_u8(&r, &m2) != 0 ||
	    rd_u16le(&r, &product) != 0) {
		fprintf(stderr,
		    "bmcsim info: Get Device ID response too "
		    "short (%zu bytes)\n",
		    rsp->data_len);
		return -1;
	}
	printf("Device ID                 : %u\n", id);
	printf("Device Revision           : %u\n", rev & 0x0f);
	printf("Provides Device SDRs      : %s\n", rev & 0x80 ? "yes" : "no");
	/* Minor firmware revision and IPMI version are BCD. */
	printf("Firmware Revision         : %u.%02x\n", fw1 & 0x7f, fw2);
	printf("Device Available          : %s\n",
	    fw1 & 0x80 ? "no (update in progress)" : "yes (normal operation)");
	printf("IPMI Version              : %u.%u\n", ver & 0x0f, ver >> 4);
	printf("Manufacturer ID           : %u\n",
	    ((uint32_t)m2 << 16 | (uint32_t)m1 << 8 | m0) & 0x0fffff);
	printf("Product ID                : %u (0x%04x)\n", product, product);
	printf("Additional Device Support :\n");
	for (i = 0; i < 8; i++)
		if (sup & (1u << i))
			printf("    %s\n", info_support[i]);
	if (rd_bytes(&r, aux, sizeof(aux)) == 0)
		printf(
		    "Aux Firmware Rev Info     : 0x%02x 0x%02x 0x%02x 0x%02x\n",
		    aux[0], aux[1], aux[2], aux[3]);
	return 0;
}

/* §20.8: the GUID travels least significant byte first. */
static void
info_guid(const char *label, const struct ipmi_rsp *rsp)
{
	uint8_t	  g[16];
	struct rd r;
	int	  i;

	rd_init(&r, rsp->data, rsp->data_len);
	if (rsp->cc != IPMI_CC_OK) {
		printf("%-26s: not available (%02xh: %s)\n", label, rsp->cc,
		    names_cc(rsp->cc));
		return;
	}
	if (rd_bytes(&r, g, sizeof(g)) != 0) {
		printf("%-26s: response too short\n", label);
		return;
	}
	printf("%-26s: ", label);
	for (i = 15; i >= 0; i--)
		printf("%02x%s", g[i],
		    i == 12 || i == 10 || i == 8 || i == 6 ? "-" : "");
	printf("\n%-26s  (wire order: ", "");
	hexdump_inline_fp(stdout, g, sizeof(g));
	printf(")\n");
}

static void
info_session(struct client *c, const struct client_opts *o)
{
	const struct suite *s;
	int		    id = client_suite(c);

	if (id < 0)
		printf("Session                   : IPMI 1.5, auth type %s\n",
		    names_authtype(o->authtype15));
	else {
		s = suite_by_id((unsigned)id);
		printf("Session                   : RMCP+ cipher suite %d "
		       "(%s, %s, %s)\n",
		    id, names_auth_alg(s->auth_alg),
		    names_integ_alg(s->integ_alg), names_conf_alg(s->conf_alg));
	}
	printf(
	    "Session ID (BMC)          : 0x%08x\n", client_bmc_session_id(c));
	printf("Privilege Level           : %s (maximum granted: %s)\n",
	    names_priv(client_privilege(c)),
	    names_priv(client_max_privilege(c)));
}

static int
info_exec(int argc, char **argv)
{
	struct client_opts     o;
	struct client	      *c;
	struct initiator_event ev;
	char		       err[256];
	int		       opt, rc, status = CMD_EXIT_ERROR;

	client_opts_defaults(&o);
	while ((opt = getopt(argc, argv, CLIENT_SHORT_OPTS)) != -1)
		if ((rc = client_opts_parse(&o, opt, optarg)) <= 0) {
			client_opts_wipe(&o);
			return rc < 0 ? CMD_EXIT_ERROR
				      : cmd_usage(&cmd_info_entry);
		}
	if (optind != argc)
		return cmd_usage(&cmd_info_entry);
	c = client_new(&o, err, sizeof(err));
	if (c == NULL) {
		fprintf(stderr, "bmcsim info: %s\n", err);
		goto out;
	}
	if (client_login(c) != 0) {
		fprintf(stderr, "bmcsim info: login to %s failed: %s\n",
		    client_peer(c), client_error(c));
		goto out;
	}
	if (client_request(
		c, IPMI_NETFN_APP, CMD_GET_DEVICE_ID, NULL, 0, &ev) != 0) {
		fprintf(stderr, "bmcsim info: %s\n", client_error(c));
		goto out;
	}
	if (ev.rsp.cc != IPMI_CC_OK) {
		fprintf(stderr, "bmcsim info: Get Device ID: %s\n",
		    names_cc(ev.rsp.cc));
		goto out;
	}
	if (info_device_id(&ev.rsp) != 0)
		goto out;
	if (client_request(
		c, IPMI_NETFN_APP, CMD_GET_DEVICE_GUID, NULL, 0, &ev) == 0)
		info_guid("Device GUID", &ev.rsp);
	if (client_request(
		c, IPMI_NETFN_APP, CMD_GET_SYSTEM_GUID, NULL, 0, &ev) == 0)
		info_guid("System GUID", &ev.rsp);
	info_session(c, &o);
	if (client_logout(c) != 0)
		fprintf(stderr, "bmcsim info: close session: %s\n",
		    client_error(c));
	status = CMD_EXIT_OK;
out:
	client_free(c);
	client_opts_wipe(&o);
	return status;
}

const struct cmd_entry cmd_info_entry = {
    "info",
    info_exec,
    "[SESSION OPTIONS]",
    "Logs in (RMCP+ with the suite of -C, or the best one Get Channel\n"
    "Cipher Suites lists; IPMI 1.5 with -I lan -A TYPE), then prints the\n"
    "Device ID fields, the device and system GUIDs, the cipher suite and\n"
    "the privilege of the session, and closes it.\n",
    1,
};
