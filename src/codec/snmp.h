/*
 * SNMPv1 traps (RFC 1157) in BER, and the IPMI Platform Event Trap (PET
 * 1.0) they carry: the alerts a BMC sends to UDP port 162.  Encode and
 * decode, no state; decoded pointers point into the input.
 */
#ifndef BMCSIM_SNMP_H
#define BMCSIM_SNMP_H

#include <stddef.h>
#include <stdint.h>

#define SNMP_TRAP_PORT	  162
#define SNMP_OID_MAX	  32 /* arcs in an OID */
#define SNMP_VARBINDS_MAX 8
#define SNMP_TRAP_MAX	  484 /* RFC 1157: every agent takes this much */

/* BER tags (X.690, RFC 1155). */
#define BER_INTEGER	 0x02
#define BER_OCTET_STRING 0x04
#define BER_NULL	 0x05
#define BER_OID		 0x06
#define BER_SEQUENCE	 0x30
#define BER_IPADDRESS	 0x40
#define BER_COUNTER	 0x41
#define BER_GAUGE	 0x42
#define BER_TIMETICKS	 0x43
#define SNMP_PDU_TRAP_V1 0xa4

/* Generic trap types; PET uses enterpriseSpecific. */
#define SNMP_TRAP_ENTERPRISE_SPECIFIC 6

struct snmp_oid {
	uint32_t arc[SNMP_OID_MAX];
	uint8_t	 n;
};

struct snmp_varbind {
	struct snmp_oid name;
	uint8_t		type; /* BER tag of the value */
	const uint8_t  *value;
	size_t		value_len;
};

struct snmp_trap {
	int32_t		    version; /* 0: SNMPv1 */
	const uint8_t	   *community;
	size_t		    community_len;
	struct snmp_oid	    enterprise;
	uint8_t		    agent_addr[4];
	int32_t		    generic_trap;
	int32_t		    specific_trap;
	uint32_t	    time_stamp; /* hundredths of a second */
	struct snmp_varbind vb[SNMP_VARBINDS_MAX];
	size_t		    nvb;
};

/*
 * Decodes one SNMPv1 trap message.  0, or ERR_TRUNCATED, ERR_TRAILING,
 * ERR_FORMAT (not BER, not a v1 trap, non-minimal or indefinite lengths)
 * or ERR_UNSUPPORTED (more arcs or bindings than this decoder keeps).
 */
int snmp_decode_trap(const uint8_t *, size_t, struct snmp_trap *);
/* Encodes a trap: 0 with *outlen set, or ERR_NOSPACE / ERR_INVALID_ARG. */
int snmp_encode_trap(
    const struct snmp_trap *, uint8_t *out, size_t cap, size_t *outlen);

/* "1.3.6.1.4.1.3183.1.1" (a leading dot allowed): 0 or ERR_FORMAT. */
int snmp_oid_parse(const char *, struct snmp_oid *);
/* Dotted form, ".1.3.6..." as net-snmp prints it; truncated to cap. */
char *snmp_oid_format(const struct snmp_oid *, char *, size_t cap);
int   snmp_oid_equal(const struct snmp_oid *, const struct snmp_oid *);

/* PET 1.0: the enterprise OID of the trap and the OID of its binding. */
extern const struct snmp_oid pet_enterprise_oid; /* 1.3.6.1.4.1.3183.1.1 */
extern const struct snmp_oid pet_binding_oid;	 /* ...3183.1.1.1 */

#define PET_DATA_FIXED_LEN 46	      /* before the OEM custom fields */
#define PET_EPOCH_UNIX	   883612800u /* 1998-01-01T00:00:00Z */

/* The PET variable binding's value (PET 1.0 Table 3). */
struct pet_data {
	uint8_t	       guid[16]; /* as Get System GUID sends it */
	uint16_t       sequence;
	uint32_t       timestamp;  /* seconds since 1998-01-01, local */
	int16_t	       utc_offset; /* minutes; -1 (FFFFh): unspecified */
	uint8_t	       trap_source;
	uint8_t	       event_source;
	uint8_t	       severity;
	uint8_t	       sensor_device;
	uint8_t	       sensor_number;
	uint8_t	       entity;
	uint8_t	       entity_instance;
	uint8_t	       event_data[8];
	uint8_t	       language;
	uint32_t       manufacturer_id;
	uint16_t       system_id;
	const uint8_t *oem; /* OEM custom fields, C1h when none */
	size_t	       oem_len;
};

int pet_decode(const uint8_t *, size_t, struct pet_data *);
int pet_encode(const struct pet_data *, uint8_t *out, size_t cap, size_t *);

/* The specific trap number of a PET: sensor type, event type, offset. */
int32_t pet_specific_trap(
    uint8_t sensor_type, uint8_t event_type, int deassert, uint8_t offset);

#endif
