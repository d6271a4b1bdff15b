/*
 * Capture reading.  libpcap reads the file (pcap in either byte order,
 * pcapng with its blocks); everything inside a frame is in network order
 * and parsed here with sub-cursors, so a lying length inside one frame
 * cannot reach the next.
 */

#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "pcapfile.h"

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_IPV6	0x86dd
#define ETHERTYPE_VLAN	0x8100
#define ETHERTYPE_QINQ	0x88a8
#define IPPROTO_UDP_NUM 17
#define UDP_HEADER_LEN	8

/* The classic header's magic tells the byte order and precision. */
static void
pcapfile_classic(struct pcapfile *f, const uint8_t *p, size_t n)
{
	struct rd r;
	uint32_t  magic;

	rd_init(&r, p, n);
	if (rd_u32le(&r, &magic) != 0)
		return;
	if (magic == PCAPFILE_MAGIC_PCAPNG)
		f->pcapng = 1;
	else if (magic == __builtin_bswap32(PCAPFILE_MAGIC_USEC) ||
	    magic == __builtin_bswap32(PCAPFILE_MAGIC_NSEC)) {
		f->big_endian = 1;
		magic = __builtin_bswap32(magic);
	}
	f->nsec = magic == PCAPFILE_MAGIC_NSEC;
}

int
pcapfile_sniff(const uint8_t *p, size_t n)
{
	struct rd r;
	uint32_t  m;

	rd_init(&r, p, n);
	if (rd_u32le(&r, &m) != 0)
		return 0;
	return m == PCAPFILE_MAGIC_USEC || m == PCAPFILE_MAGIC_NSEC ||
	    m == __builtin_bswap32(PCAPFILE_MAGIC_USEC) ||
	    m == __builtin_bswap32(PCAPFILE_MAGIC_NSEC) ||
	    m == PCAPFILE_MAGIC_PCAPNG;
}

int
pcapfile_open(struct pcapfile *f, const uint8_t *p, size_t n)
{
	char	errbuf[PCAP_ERRBUF_SIZE];
	FILE   *fp;
	pcap_t *pc;

	memset(f, 0, sizeof(*f));
	if (!pcapfile_sniff(p, n))
		return n < 4 ? ERR_TRUNCATED : ERR_FORMAT;
	/* libpcap reads a FILE: give it the bytes we already hold. */
	if ((fp = fmemopen((void *)(uintptr_t)p, n, "rb")) == NULL)
		return ERR_NOMEM;
	errbuf[0] = '\0';
	if ((pc = pcap_fopen_offline(fp, errbuf)) == NULL) {
		fclose(fp);
		/* A known magic that libpcap refuses: cut short or damaged. */
		return strstr(errbuf, "truncated") != NULL ||
			n < PCAPFILE_HEADER_LEN
		    ? ERR_TRUNCATED
		    : ERR_FORMAT;
	}
	f->pcap = pc;
	pcapfile_classic(f, p, n);
	f->linktype = (uint32_t)pcap_datalink(pc);
	/*
	 * libpcap hands back its DLT_ value, which for raw IP is not the
	 * file's LINKTYPE_RAW (101) but DLT_RAW (12 on Linux, 14 on some
	 * BSDs): the journal's export writes such files.
	 */
	if (f->linktype == DLT_RAW)
		f->linktype = PCAPFILE_LINK_RAW;
	f->snaplen = (uint32_t)pcap_snapshot(pc);
	switch (f->linktype) {
	case PCAPFILE_LINK_NULL:
	case PCAPFILE_LINK_ETHERNET:
	case PCAPFILE_LINK_RAW:
	case PCAPFILE_LINK_LOOP:
	case PCAPFILE_LINK_LINUX_SLL:
	case PCAPFILE_LINK_LINUX_SLL2:
		return 0;
	default:
		pcapfile_close(f);
		return ERR_UNSUPPORTED;
	}
}

void
pcapfile_close(struct pcapfile *f)
{
	if (f->pcap != NULL)
		pcap_close(f->pcap); /* closes the FILE too */
	f->pcap = NULL;
}

/* The UDP header and payload; 1 for a whole datagram, 0 to skip. */
static int
pcapfile_udp(struct pcapfile *f, struct rd *r, struct pcapfile_udp *u)
{
	uint16_t ulen, sum;

	if (rd_u16be(r, &u->sport) != 0 || rd_u16be(r, &u->dport) != 0 ||
	    rd_u16be(r, &ulen) != 0 || rd_u16be(r, &sum) != 0 ||
	    ulen < UDP_HEADER_LEN)
		return 0;
	/* Ethernet pads short frames: the UDP length is what counts. */
	if (rd_span(r, &u->payload, ulen - UDP_HEADER_LEN) != 0) {
		f->truncated++;
		return 0;
	}
	u->len = ulen - UDP_HEADER_LEN;
	return 1;
}

/* IPv4: header length from IHL, fragments are skipped. */
static int
pcapfile_ipv4(struct pcapfile *f, struct rd *r, struct pcapfile_udp *u)
{
	struct rd ip;
	uint8_t	  vihl, tos, ttl, proto;
	uint16_t  total, id, frag, sum;

	if (rd_u8(r, &vihl) != 0 || (vihl >> 4) != 4 || (vihl & 0x0f) < 5 ||
	    rd_u8(r, &tos) != 0 || rd_u16be(r, &total) != 0 ||
	    rd_u16be(r, &id) != 0 || rd_u16be(r, &frag) != 0 ||
	    rd_u8(r, &ttl) != 0 || rd_u8(r, &proto) != 0 ||
	    rd_u16be(r, &sum) != 0 || rd_bytes(r, u->src, 4) != 0 ||
	    rd_bytes(r, u->dst, 4) != 0 ||
	    rd_skip(r, (size_t)((vihl & 0x0f) - 5) * 4) != 0)
		return 0;
	if (proto != IPPROTO_UDP_NUM || (frag & 0x3fff) != 0)
		return 0;
	if (total < (vihl & 0x0f) * 4)
		return 0;
	/* Bound the UDP walk by the IP length, not the (padded) frame. */
	if (rd_sub(r, &ip, total - (size_t)(vihl & 0x0f) * 4) != 0)
		ip = *r;
	u->family = 4;
	return pcapfile_udp(f, &ip, u);
}

/* IPv6 with the common extension headers skipped. */
static int
pcapfile_ipv6(struct pcapfile *f, struct rd *r, struct pcapfile_udp *u)
{
	struct rd ip;
	uint32_t  vtf;
	uint16_t  plen;
	uint8_t	  next, hop, elen;

	if (rd_u32be(r, &vtf) != 0 || (vtf >> 28) != 6 ||
	    rd_u16be(r, &plen) != 0 || rd_u8(r, &next) != 0 ||
	    rd_u8(r, &hop) != 0 || rd_bytes(r, u->src, 16) != 0 ||
	    rd_bytes(r, u->dst, 16) != 0)
		return 0;
	if (rd_sub(r, &ip, plen) != 0)
		ip = *r;
	/* Hop-by-hop, routing, destination options: (len + 1) * 8 bytes. */
	while (next == 0 || next == 43 || next == 60) {
		if (rd_u8(&ip, &next) != 0 || rd_u8(&ip, &elen) != 0 ||
		    rd_skip(&ip, (size_t)elen * 8 + 6) != 0)
			return 0;
	}
	if (next != IPPROTO_UDP_NUM)
		return 0;
	u->family = 6;
	return pcapfile_udp(f, &ip, u);
}

static int
pcapfile_ip(struct pcapfile *f, struct rd *r, struct pcapfile_udp *u)
{
	uint8_t v;

	if (rd_peek_u8(r, &v) != 0)
		return 0;
	if (v >> 4 == 4)
		return pcapfile_ipv4(f, r, u);
	if (v >> 4 == 6)
		return pcapfile_ipv6(f, r, u);
	return 0;
}

static int
pcapfile_ethertype(
    struct pcapfile *f, struct rd *r, uint16_t type, struct pcapfile_udp *u)
{
	/* 802.1Q and 802.1ad tags: TCI then the inner type. */
	while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) {
		if (rd_skip(r, 2) != 0 || rd_u16be(r, &type) != 0)
			return 0;
	}
	if (type == ETHERTYPE_IPV4)
		return pcapfile_ipv4(f, r, u);
	if (type == ETHERTYPE_IPV6)
		return pcapfile_ipv6(f, r, u);
	return 0;
}

/* Walks one frame down to UDP; 1 if it held a datagram. */
static int
pcapfile_frame(struct pcapfile *f, struct rd *r, struct pcapfile_udp *u)
{
	uint32_t family;
	uint16_t type;

	switch (f->linktype) {
	case PCAPFILE_LINK_ETHERNET:
		if (rd_skip(r, 12) != 0 || rd_u16be(r, &type) != 0)
			return 0;
		return pcapfile_ethertype(f, r, type, u);
	case PCAPFILE_LINK_LINUX_SLL:
		/* Packet type, ARPHRD, address length, 8 address bytes. */
		if (rd_skip(r, 14) != 0 || rd_u16be(r, &type) != 0)
			return 0;
		return pcapfile_ethertype(f, r, type, u);
	case PCAPFILE_LINK_LINUX_SLL2:
		if (rd_u16be(r, &type) != 0 || rd_skip(r, 18) != 0)
			return 0;
		return pcapfile_ethertype(f, r, type, u);
	case PCAPFILE_LINK_NULL:
		/* The family is in the capturing host's order: unused. */
		if (rd_u32le(r, &family) != 0)
			return 0;
		return pcapfile_ip(f, r, u);
	case PCAPFILE_LINK_LOOP:
		if (rd_u32be(r, &family) != 0)
			return 0;
		return pcapfile_ip(f, r, u);
	case PCAPFILE_LINK_RAW:
		return pcapfile_ip(f, r, u);
	default:
		return 0;
	}
}

int
pcapfile_next_udp(struct pcapfile *f, struct pcapfile_udp *u)
{
	struct pcap_pkthdr *h;
	const u_char	   *data;
	struct rd	    frame;
	int		    rc;

	if (f->pcap == NULL)
		return 0;
	while ((rc = pcap_next_ex(f->pcap, &h, &data)) == 1) {
		f->records++;
		memset(u, 0, sizeof(*u));
		u->record = f->records;
		u->ts_sec = (uint32_t)h->ts.tv_sec;
		u->ts_usec = (uint32_t)h->ts.tv_usec;
		rd_init(&frame, data, h->caplen);
		if (pcapfile_frame(f, &frame, u))
			return 1;
		f->skipped++;
	}
	/* PCAP_ERROR_BREAK: the end of the file; anything else is damage. */
	return rc == PCAP_ERROR_BREAK ? 0 : ERR_TRUNCATED;
}

char *
pcapfile_addr_str(
    char *buf, size_t cap, uint8_t family, const uint8_t *a, uint16_t port)
{
	struct rd r;
	uint16_t  w[8];
	uint8_t	  b[4];
	size_t	  i, len;
	int	  best = -1, bestn = 0, run, j;

	rd_init(&r, a, 16);
	if (family == 4) {
		for (i = 0; i < 4; i++)
			(void)rd_u8(&r, &b[i]);
		snprintf(
		    buf, cap, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3], port);
		return buf;
	}
	for (i = 0; i < 8; i++)
		(void)rd_u16be(&r, &w[i]);
	/* RFC 5952: the longest run of two or more zero groups as "::". */
	for (i = 0; i < 8; i++) {
		for (run = 0; i + (size_t)run < 8 && w[i + (size_t)run] == 0;
		     run++)
			;
		if (run > bestn && run >= 2) {
			best = (int)i;
			bestn = run;
		}
	}
	len = (size_t)snprintf(buf, cap, "[");
	for (j = 0; j < 8 && len < cap; j++) {
		if (j == best) {
			len += (size_t)snprintf(buf + len, cap - len, "::");
			j += bestn - 1;
			continue;
		}
		len += (size_t)snprintf(buf + len, cap - len, "%s%x",
		    (j > 0 && j != best + bestn) ? ":" : "", w[j]);
	}
	if (len < cap)
		snprintf(buf + len, cap - len, "]:%u", port);
	return buf;
}
