/*
 * The describer of SNMPv1 traps and the Platform Event Trap they carry:
 * every field named, OIDs in dotted form, the PET's bit fields spelled
 * out, so that a trap a BMC sent can be read without a MIB browser.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "describe.h"
#include "err.h"
#include "names.h"
#include "snmp.h"

static const char *
generic_trap_name(int32_t g)
{
	static const char *const names[] = {"coldStart", "warmStart",
	    "linkDown", "linkUp", "authenticationFailure", "egpNeighborLoss",
	    "enterpriseSpecific"};

	return g >= 0 && g <= 6 ? names[g] : "unknown";
}

static const char *
pet_severity_name(uint8_t s)
{
	switch (s) {
	case 0x00:
		return "unspecified";
	case 0x01:
		return "monitor";
	case 0x02:
		return "information";
	case 0x04:
		return "OK";
	case 0x08:
		return "non-critical";
	case 0x10:
		return "critical";
	case 0x20:
		return "non-recoverable";
	default:
		return "reserved";
	}
}

static const char *
pet_source_name(uint8_t s)
{
	static const char *const names[] = {"platform firmware", "SMI handler",
	    "ISV system management software", "alert ASIC", "IPMI",
	    "BIOS vendor", "system board set vendor", "system integrator",
	    "third party add-in", "OSV", "NIC", "system management card"};

	if (s == 0xff)
		return "unspecified";
	return (s >> 3) < 12 ? names[s >> 3] : "reserved";
}

static void
describe_pet(FILE *fp, const char *in, const uint8_t *p, size_t n)
{
	struct pet_data d;
	char		when[64];
	unsigned	i;

	if (pet_decode(p, n, &d) != 0) {
		fprintf(fp, "%s    PET data: truncated (%zu of %d bytes)\n", in,
		    n, PET_DATA_FIXED_LEN);
		return;
	}
	fprintf(fp, "%s    PET data (IPMI Platform Event Trap 1.0):\n", in);
	fprintf(fp, "%s      GUID            : ", in);
	/* Sent least significant byte first, like Get System GUID. */
	for (i = 0; i < 16; i++)
		fprintf(fp, "%02x%s", d.guid[15 - i],
		    i == 3 || i == 5 || i == 7 || i == 9 ? "-" : "");
	fprintf(fp, "\n%s      sequence        : %u\n", in, d.sequence);
	if (d.timestamp == 0)
		snprintf(when, sizeof(when), "unspecified");
	else {
		time_t	  t = (time_t)d.timestamp + PET_EPOCH_UNIX;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S local", &tm);
	}
	fprintf(fp, "%s      local timestamp : %u s after 1998-01-01 (%s)\n",
	    in, d.timestamp, when);
	if (d.utc_offset == -1)
		fprintf(fp, "%s      UTC offset      : unspecified\n", in);
	else
		fprintf(fp, "%s      UTC offset      : %d minutes\n", in,
		    d.utc_offset);
	fprintf(fp, "%s      trap source     : %02xh (%s)\n", in, d.trap_source,
	    pet_source_name(d.trap_source));
	fprintf(fp, "%s      event source    : %02xh (%s)\n", in,
	    d.event_source, pet_source_name(d.event_source));
	fprintf(fp, "%s      severity        : %02xh (%s)\n", in, d.severity,
	    pet_severity_name(d.severity));
	fprintf(fp, "%s      sensor device   : %02xh\n", in, d.sensor_device);
	fprintf(fp, "%s      sensor number   : %02xh\n", in, d.sensor_number);
	fprintf(fp, "%s      entity          : %02xh instance %02xh\n", in,
	    d.entity, d.entity_instance);
	fprintf(fp, "%s      event data      :", in);
	for (i = 0; i < 8; i++)
		fprintf(fp, " %02x", d.event_data[i]);
	fprintf(fp, "\n%s      language code   : %u\n", in, d.language);
	fprintf(fp, "%s      manufacturer ID : %u\n", in, d.manufacturer_id);
	fprintf(fp, "%s      system ID       : %u\n", in, d.system_id);
	fprintf(fp, "%s      OEM custom      :", in);
	if (d.oem_len == 1 && d.oem[0] == 0xc1)
		fprintf(fp, " none (C1h)");
	for (i = 0; i < d.oem_len && !(d.oem_len == 1 && d.oem[0] == 0xc1); i++)
		fprintf(fp, " %02x", d.oem[i]);
	fprintf(fp, "\n");
}

int
describe_snmp_trap(FILE *fp, const char *in, const uint8_t *p, size_t n)
{
	struct snmp_trap t;
	char		 oid[256];
	size_t		 i;
	int		 rc, pet;

	rc = snmp_decode_trap(p, n, &t);
	if (rc != 0) {
		fprintf(fp,
		    "%sSNMP: not an SNMPv1 trap this decoder reads (%s)\n", in,
		    err_str(rc));
		return rc;
	}
	pet = snmp_oid_equal(&t.enterprise, &pet_enterprise_oid);
	fprintf(fp, "%sSNMP message (%zu bytes)\n", in, n);
	fprintf(fp, "%s  version         : %d (SNMPv1)\n", in, t.version);
	fprintf(fp, "%s  community       : \"%.*s\"\n", in,
	    (int)t.community_len, (const char *)t.community);
	fprintf(fp, "%s  PDU             : Trap-PDU (A4h)\n", in);
	fprintf(fp, "%s  enterprise      : %s%s\n", in,
	    snmp_oid_format(&t.enterprise, oid, sizeof(oid)),
	    pet ? " (wired for management, IPMI PET 1.0)" : "");
	fprintf(fp, "%s  agent address   : %u.%u.%u.%u\n", in, t.agent_addr[0],
	    t.agent_addr[1], t.agent_addr[2], t.agent_addr[3]);
	fprintf(fp, "%s  generic trap    : %d (%s)\n", in, t.generic_trap,
	    generic_trap_name(t.generic_trap));
	fprintf(fp, "%s  specific trap   : %d (%06xh)", in, t.specific_trap,
	    (unsigned)t.specific_trap & 0xffffffu);
	if (pet) {
		uint8_t st = (uint8_t)(t.specific_trap >> 16);

		fprintf(fp,
		    ": sensor type %02xh (%s), event type %02xh, %s, "
		    "offset %u",
		    st, names_sensor_type(st),
		    (unsigned)(t.specific_trap >> 8) & 0xff,
		    t.specific_trap & 0x80 ? "deassertion" : "assertion",
		    (unsigned)t.specific_trap & 0x0f);
	}
	fprintf(fp,
	    "\n%s  time stamp      : %u (%u.%02u s since the agent "
	    "started)\n",
	    in, t.time_stamp, t.time_stamp / 100, t.time_stamp % 100);
	fprintf(fp, "%s  variable bindings: %zu\n", in, t.nvb);
	for (i = 0; i < t.nvb; i++) {
		const struct snmp_varbind *v = &t.vb[i];

		fprintf(fp, "%s    %s = type %02xh, %zu bytes\n", in,
		    snmp_oid_format(&v->name, oid, sizeof(oid)), v->type,
		    v->value_len);
		if (v->type == BER_OCTET_STRING &&
		    snmp_oid_equal(&v->name, &pet_binding_oid))
			describe_pet(fp, in, v->value, v->value_len);
	}
	return 0;
}
