/*
 * Classic pcap reading.  The global header and record headers are in the
 * byte order of the machine that wrote the file, told by the magic number;
 * everything inside a frame is in network order.  Frames are parsed with
 * sub-cursors, so a lying length inside one frame cannot reach the next.
 */

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

static int
pcapfile_u32(struct pcapfile *f, struct rd *r, uint32_t *v)
{
	return f->big_endian ? rd_u32be(r, v) : rd_u32le(r, v);
}

int
pcapfile_open(struct pcapfile *f, const uint8_t *p, size_t n)
{
	uint32_t magic, v32;
	uint16_t major, minor;
	int	 rc;

	memset(f, 0, sizeof(*f));
	rd_init(&f->r, p, n);
	if ((rc = rd_u32le(&f->r, &magic)) != 0)
		return rc;
	if (magic == PCAPFILE_MAGIC_USEC || magic == PCAPFILE_MAGIC_NSEC)
		f->big_endian = 0;
	else if (magic == __builtin_bswap32(PCAPFILE_MAGIC_USEC) ||
	    magic == __builtin_bswap32(PCAPFILE_MAGIC_NSEC)) {
		f->big_endian = 1;
		magic = __builtin_bswap32(magic);
	} else
		return ERR_FORMAT;
	f->nsec = magic == PCAPFILE_MAGIC_NSEC;
	if ((rc = f->big_endian ? rd_u16be(&f->r, &major)
				: rd_u16le(&f->r, &major)) != 0 ||
	    (rc = f->big_endian ? rd_u16be(&f->r, &minor)
				: rd_u16le(&f->r, &minor)) != 0 ||
	    (rc = pcapfile_u32(f, &f->r, &v32)) != 0 || /* thiszone */
	    (rc = pcapfile_u32(f, &f->r, &v32)) != 0 || /* sigfigs */
	    (rc = pcapfile_u32(f, &f->r, &f->snaplen)) != 0 ||
	    (rc = pcapfile_u32(f, &f->r, &f->linktype)) != 0)
		return rc;
	if (major != 2)
		return ERR_FORMAT;
	/* The upper bits of the link type field carry FCS flags. */
	f->linktype &= 0x0fffffff;
	switch (f->linktype) {
	case PCAPFILE_LINK_NULL:
	case PCAPFILE_LINK_ETHERNET:
	case PCAPFILE_LINK_RAW:
	case PCAPFILE_LINK_LOOP:
	case PCAPFILE_LINK_LINUX_SLL:
	case PCAPFILE_LINK_LINUX_SLL2:
		return 0;
	default:
		return ERR_UNSUPPORTED;
	}
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
		/* The family is in the byte order of the capturing host. */
		if (pcapfile_u32(f, r, &family) != 0)
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
	struct rd frame;
	uint32_t  sec, frac, incl, orig;
	int	  rc;

	while (rd_left(&f->r) > 0) {
		if ((rc = pcapfile_u32(f, &f->r, &sec)) != 0 ||
		    (rc = pcapfile_u32(f, &f->r, &frac)) != 0 ||
		    (rc = pcapfile_u32(f, &f->r, &incl)) != 0 ||
		    (rc = pcapfile_u32(f, &f->r, &orig)) != 0)
			return ERR_TRUNCATED;
		if (rd_sub(&f->r, &frame, incl) != 0)
			return ERR_TRUNCATED;
		f->records++;
		memset(u, 0, sizeof(*u));
		u->record = f->records;
		u->ts_sec = sec;
		u->ts_usec = f->nsec ? frac / 1000 : frac;
		if (pcapfile_frame(f, &frame, u))
			return 1;
		f->skipped++;
	}
	return 0;
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
