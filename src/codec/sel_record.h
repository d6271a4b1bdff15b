/*
 * System Event Log records (IPMI 2.0 section 32): 16 bytes each, a record
 * ID and a record type first.  Three kinds: the system event record (type
 * 02h, table 32-1), OEM timestamped records (C0h-DFh, table 32-2) and OEM
 * non-timestamped records (E0h-FFh, table 32-3).  Other types are not SEL
 * record types: the decoder refuses them with ERR_FORMAT.
 *
 * The encoder writes the 16 bytes of any of the three kinds: 0 and
 * *len = 16, ERR_NOSPACE (nothing written) or ERR_FORMAT (a type that is
 * none of them).  The decoder takes exactly 16 bytes: 0, ERR_TRUNCATED,
 * ERR_TRAILING or ERR_FORMAT.
 */
#ifndef BMCSIM_SEL_RECORD_H
#define BMCSIM_SEL_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define SEL_RECORD_SIZE	       16
#define SEL_RECORD_SYSTEM      0x02
#define SEL_RECORD_OEM_TS      0xc0 /* C0h-DFh: OEM, timestamped */
#define SEL_RECORD_OEM_NTS     0xe0 /* E0h-FFh: OEM, not timestamped */
#define SEL_RECORD_EVM_REV     0x04 /* IPMI 2.0 event messages */
#define SEL_RECORD_OEM_TS_LEN  6
#define SEL_RECORD_OEM_NTS_LEN 13
/* Event Dir | Event Type byte: bit 7 set for a deassertion. */
#define SEL_RECORD_DEASSERTION 0x80

/* Table 32-1, bytes 8-16. */
struct sel_record_system {
	uint16_t generator; /* slave address or software ID, channel, LUN */
	uint8_t	 evm_rev;
	uint8_t	 sensor_type;
	uint8_t	 sensor_number;
	uint8_t	 event_type; /* direction (bit 7) and event/reading type */
	uint8_t	 data[3];
};

struct sel_record {
	uint16_t id;
	uint8_t	 type;
	uint32_t timestamp; /* not on the wire for types E0h-FFh */
	union {
		struct sel_record_system system;
		struct {
			uint32_t manufacturer; /* 3 bytes, IANA number */
			uint8_t	 data[SEL_RECORD_OEM_TS_LEN];
		} oem_ts;
		uint8_t oem_nts[SEL_RECORD_OEM_NTS_LEN];
	} u;
};

/* Whether records of this type carry a timestamp (02h, C0h-DFh). */
int sel_record_has_timestamp(uint8_t type);
/* Whether this is a SEL record type at all (02h, C0h-FFh). */
int sel_record_type_valid(uint8_t type);

int sel_record_encode(
    const struct sel_record *, uint8_t *out, size_t cap, size_t *len);
int sel_record_decode(const uint8_t *, size_t, struct sel_record *);

#endif
