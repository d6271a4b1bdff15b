/*
 * Capture files, pcap and pcapng, read from memory through libpcap (the
 * library that wrote them: tcpdump, tshark's default pcapng, the journal's
 * export), and inside each record the link layer (Ethernet with VLAN tags,
 * Linux cooked v1 and v2, BSD loopback, raw IP), IPv4 or IPv6, and UDP,
 * parsed with bounded cursors.  Enough for bmcsim decode to find every
 * RMCP datagram of a capture.
 */
#ifndef BMCSIM_PCAPFILE_H
#define BMCSIM_PCAPFILE_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define PCAPFILE_MAGIC_USEC 0xa1b2c3d4u
#define PCAPFILE_MAGIC_NSEC 0xa1b23c4du
#define PCAPFILE_HEADER_LEN 24
#define PCAPFILE_RECORD_LEN 16

/* Link types (tcpdump.org/linktypes.html). */
#define PCAPFILE_LINK_NULL	 0 /* BSD loopback: 4-byte family */
#define PCAPFILE_LINK_ETHERNET	 1
#define PCAPFILE_LINK_RAW	 101 /* bare IPv4 or IPv6 */
#define PCAPFILE_LINK_LOOP	 108 /* OpenBSD loopback: family BE */
#define PCAPFILE_LINK_LINUX_SLL	 113
#define PCAPFILE_LINK_LINUX_SLL2 276

#define PCAPFILE_MAGIC_PCAPNG 0x0a0d0d0au /* section header block */

struct pcapfile {
	void	*pcap;	     /* pcap_t, opaque here */
	int	 big_endian; /* a classic file's byte order */
	int	 nsec;	     /* a classic file's timestamps in ns */
	int	 pcapng;
	uint32_t linktype;
	uint32_t snaplen;
	uint32_t records;   /* read so far */
	uint32_t skipped;   /* records that were not UDP over IP */
	uint32_t truncated; /* UDP datagrams cut by the snap length */
};

struct pcapfile_udp {
	uint32_t       record; /* 1-based record number */
	uint32_t       ts_sec;
	uint32_t       ts_usec;
	uint8_t	       family; /* 4 or 6 */
	uint8_t	       src[16];
	uint8_t	       dst[16];
	uint16_t       sport;
	uint16_t       dport;
	const uint8_t *payload;
	size_t	       len;
};

/*
 * Opens a capture held in memory (which must outlive the pcapfile).
 * Returns 0, ERR_TRUNCATED, ERR_FORMAT (neither pcap nor pcapng),
 * ERR_UNSUPPORTED (a link type not listed above) or ERR_NOMEM.  On
 * success pcapfile_close() must follow.
 */
int  pcapfile_open(struct pcapfile *, const uint8_t *, size_t);
void pcapfile_close(struct pcapfile *);

/* 1 if the bytes start like a pcap or pcapng file. */
int pcapfile_sniff(const uint8_t *, size_t);

/*
 * Finds the next record holding a whole UDP datagram over IPv4 or IPv6,
 * skipping (and counting) any other record.  Returns 1 with *u filled, 0
 * at the end of the file, ERR_TRUNCATED for a record cut short by the end
 * of the file (or any other error libpcap reports).  u->payload points
 * into libpcap's buffer: valid until the next call.
 */
int pcapfile_next_udp(struct pcapfile *, struct pcapfile_udp *);

/* Formats an address and port as 192.0.2.1:623 or [2001:db8::1]:623. */
char *pcapfile_addr_str(
    char *, size_t, uint8_t family, const uint8_t *, uint16_t port);

#endif
