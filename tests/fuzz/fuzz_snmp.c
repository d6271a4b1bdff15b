/*
 * Fuzzes the SNMPv1 trap and PET decoders.  BER is read strictly (definite,
 * minimal lengths and integers), so a trap that decodes must encode back
 * to the same bytes; and the describer must cope with anything.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "snmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE	*devnull;
	struct snmp_trap t;
	struct pet_data	 d;
	uint8_t		 out[4096];
	size_t		 len;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	if (snmp_decode_trap(data, size, &t) == 0 && size <= 1024) {
		if (snmp_encode_trap(&t, out, sizeof(out), &len) != 0 ||
		    len != size || memcmp(out, data, size) != 0)
			abort();
	}
	if (pet_decode(data, size, &d) == 0) {
		if (pet_encode(&d, out, sizeof(out), &len) != 0 ||
		    (d.oem_len > 0 && (len != size || memcmp(out, data, size))))
			abort();
	}
	(void)describe_snmp_trap(devnull, "", data, size);
	return 0;
}
