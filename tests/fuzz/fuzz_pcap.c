/*
 * The capture reader of bmcsim decode: a classic pcap file from memory,
 * every record's link layer, IP and UDP headers; each datagram found is
 * summarised as decode would, and its addresses formatted.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"
#include "pcapfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pcapfile	    p;
	struct pcapfile_udp u;
	char		    addr[64], sum[256];
	uint32_t	    last = 0;
	int		    rc;

	if (pcapfile_open(&p, data, size) != 0)
		return 0;
	while ((rc = pcapfile_next_udp(&p, &u)) == 1) {
		/*
		 * Records only move forward; a payload (in libpcap's buffer)
		 * is never longer than the input.
		 */
		if (u.record <= last || u.len > size)
			abort();
		last = u.record;
		if (pcapfile_addr_str(
			addr, sizeof(addr), u.family, u.src, u.sport) == NULL ||
		    pcapfile_addr_str(
			addr, sizeof(addr), u.family, u.dst, u.dport) == NULL ||
		    strlen(addr) >= sizeof(addr))
			abort();
		(void)describe_summary(sum, sizeof(sum), u.payload, u.len);
	}
	pcapfile_close(&p);
	if (rc != 0 && rc != ERR_TRUNCATED)
		abort();
	return 0;
}
