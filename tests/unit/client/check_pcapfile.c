/*
 * Tests for src/client/pcapfile.c.  The captures are built here, record by
 * record, in both byte orders and over each link type we read.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "pcapfile.h"

static const uint8_t ping[] = {
    0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x01, 0x00, 0x00};

static uint8_t	 file[4096];
static struct wr w;
static int	 big;

static void
put32(uint32_t v)
{
	if (big)
		wr_u32be(&w, v);
	else
		wr_u32le(&w, v);
}

static void
put16(uint16_t v)
{
	if (big)
		wr_u16be(&w, v);
	else
		wr_u16le(&w, v);
}

static void
header(uint32_t magic, uint32_t linktype)
{
	wr_init(&w, file, sizeof(file));
	put32(magic);
	put16(2);
	put16(4);
	put32(0);
	put32(0);
	put32(65535);
	put32(linktype);
}

/* IPv4 + UDP around payload, into frame; returns the length. */
static size_t
ipv4_udp(uint8_t *frame, size_t cap, const uint8_t *payload, size_t n,
    uint16_t sport, uint16_t dport)
{
	static const uint8_t src[4] = {127, 0, 0, 1}, dst[4] = {127, 0, 0, 2};
	struct wr	     f;

	wr_init(&f, frame, cap);
	wr_u8(&f, 0x45);
	wr_u8(&f, 0);
	wr_u16be(&f, (uint16_t)(20 + 8 + n));
	wr_u16be(&f, 1);
	wr_u16be(&f, 0x4000); /* DF, not a fragment */
	wr_u8(&f, 64);
	wr_u8(&f, 17);
	wr_u16be(&f, 0);
	wr_bytes(&f, src, 4);
	wr_bytes(&f, dst, 4);
	wr_u16be(&f, sport);
	wr_u16be(&f, dport);
	wr_u16be(&f, (uint16_t)(8 + n));
	wr_u16be(&f, 0);
	wr_bytes(&f, payload, n);
	return wr_len(&f);
}

static size_t
ipv6_udp(uint8_t *frame, size_t cap, const uint8_t *payload, size_t n)
{
	uint8_t	  addr[16];
	struct wr f;

	memset(addr, 0, sizeof(addr));
	addr[15] = 1;
	wr_init(&f, frame, cap);
	wr_u32be(&f, 0x60000000);
	wr_u16be(&f, (uint16_t)(8 + n));
	wr_u8(&f, 17);
	wr_u8(&f, 64);
	wr_bytes(&f, addr, 16);
	wr_bytes(&f, addr, 16);
	wr_u16be(&f, 40000);
	wr_u16be(&f, 623);
	wr_u16be(&f, (uint16_t)(8 + n));
	wr_u16be(&f, 0);
	wr_bytes(&f, payload, n);
	return wr_len(&f);
}

static void
record(const uint8_t *link, size_t linklen, const uint8_t *frame, size_t n,
    size_t pad)
{
	static const uint8_t zeros[64];

	put32(1700000000);
	put32(123456);
	put32((uint32_t)(linklen + n + pad));
	put32((uint32_t)(linklen + n + pad));
	wr_bytes(&w, link, linklen);
	wr_bytes(&w, frame, n);
	wr_bytes(&w, zeros, pad);
}

START_TEST(test_ethernet_both_orders)
{
	static const uint8_t eth[14] = {
	    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00};
	static const uint8_t arp[14] = {
	    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x06};
	struct pcapfile	    f;
	struct pcapfile_udp u;
	uint8_t		    frame[128];
	size_t		    n;
	char		    addr[64];

	for (big = 0; big <= 1; big++) {
		header(PCAPFILE_MAGIC_USEC, PCAPFILE_LINK_ETHERNET);
		n = ipv4_udp(
		    frame, sizeof(frame), ping, sizeof(ping), 40000, 623);
		record(arp, sizeof(arp), frame, 28, 0);
		/* Ethernet pads to 60 bytes: the UDP length must win. */
		record(eth, sizeof(eth), frame, n, 6);
		ck_assert_int_eq(wr_len(&w) > 0 && w.err == 0, 1);
		ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), 0);
		ck_assert_int_eq(f.big_endian, big);
		ck_assert_int_eq(pcapfile_next_udp(&f, &u), 1);
		ck_assert_uint_eq(u.record, 2);
		ck_assert_uint_eq(u.family, 4);
		ck_assert_uint_eq(u.sport, 40000);
		ck_assert_uint_eq(u.dport, 623);
		ck_assert_uint_eq(u.ts_sec, 1700000000);
		ck_assert_uint_eq(u.ts_usec, 123456);
		ck_assert_uint_eq(u.len, sizeof(ping));
		ck_assert_mem_eq(u.payload, ping, sizeof(ping));
		ck_assert_str_eq(
		    pcapfile_addr_str(addr, sizeof(addr), 4, u.dst, u.dport),
		    "127.0.0.2:623");
		ck_assert_int_eq(pcapfile_next_udp(&f, &u), 0);
		ck_assert_uint_eq(f.skipped, 1);
		pcapfile_close(&f);
	}
	big = 0;
}
END_TEST

START_TEST(test_sll_ipv6_and_loopback)
{
	uint8_t		    sll[16], null4[4] = {2, 0, 0, 0}, frame[128];
	struct pcapfile	    f;
	struct pcapfile_udp u;
	size_t		    n;
	char		    addr[64];

	memset(sll, 0, sizeof(sll));
	sll[14] = 0x86;
	sll[15] = 0xdd;
	header(PCAPFILE_MAGIC_NSEC, PCAPFILE_LINK_LINUX_SLL);
	n = ipv6_udp(frame, sizeof(frame), ping, sizeof(ping));
	record(sll, sizeof(sll), frame, n, 0);
	ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), 0);
	ck_assert_int_eq(f.nsec, 1);
	ck_assert_int_eq(pcapfile_next_udp(&f, &u), 1);
	ck_assert_uint_eq(u.family, 6);
	ck_assert_uint_eq(u.ts_usec, 123);
	ck_assert_mem_eq(u.payload, ping, sizeof(ping));
	ck_assert_str_eq(
	    pcapfile_addr_str(addr, sizeof(addr), 6, u.src, u.sport),
	    "[::1]:40000");
	pcapfile_close(&f);

	header(PCAPFILE_MAGIC_USEC, PCAPFILE_LINK_NULL);
	n = ipv4_udp(frame, sizeof(frame), ping, sizeof(ping), 1, 2);
	record(null4, sizeof(null4), frame, n, 0);
	ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), 0);
	ck_assert_int_eq(pcapfile_next_udp(&f, &u), 1);
	ck_assert_uint_eq(u.dport, 2);
	pcapfile_close(&f);
}
END_TEST

START_TEST(test_every_truncation)
{
	static const uint8_t eth[14] = {
	    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00};
	struct pcapfile	    f;
	struct pcapfile_udp u;
	uint8_t		    frame[128];
	size_t		    n, full, cut;
	int		    rc;

	header(PCAPFILE_MAGIC_USEC, PCAPFILE_LINK_ETHERNET);
	n = ipv4_udp(frame, sizeof(frame), ping, sizeof(ping), 1, 623);
	record(eth, sizeof(eth), frame, n, 0);
	full = wr_len(&w);
	for (cut = 0; cut < full; cut++) {
		rc = pcapfile_open(&f, file, cut);
		if (cut < PCAPFILE_HEADER_LEN) {
			ck_assert_int_ne(rc, 0);
			continue;
		}
		ck_assert_int_eq(rc, 0);
		rc = pcapfile_next_udp(&f, &u);
		/* A cut record is an error, never a datagram. */
		ck_assert_int_eq(
		    rc, cut == PCAPFILE_HEADER_LEN ? 0 : ERR_TRUNCATED);
		pcapfile_close(&f);
	}
	/* A frame cut by the snap length inside UDP: counted, skipped. */
	header(PCAPFILE_MAGIC_USEC, PCAPFILE_LINK_ETHERNET);
	record(eth, sizeof(eth), frame, n - 4, 0);
	ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), 0);
	ck_assert_int_eq(pcapfile_next_udp(&f, &u), 0);
	ck_assert_uint_eq(f.truncated, 1);
	pcapfile_close(&f);
}
END_TEST

START_TEST(test_bad_headers)
{
	struct pcapfile f;

	header(0x0a0d0d0a, PCAPFILE_LINK_ETHERNET); /* pcapng */
	ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), ERR_FORMAT);
	header(PCAPFILE_MAGIC_USEC, 105); /* 802.11 */
	ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), ERR_UNSUPPORTED);
}
END_TEST

/* tshark's default: pcapng, a section, an interface, enhanced packets. */
START_TEST(test_pcapng)
{
	static const uint8_t eth[14] = {
	    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00};
	struct pcapfile	    f;
	struct pcapfile_udp u;
	uint8_t		    frame[128];
	size_t		    n, pad;
	uint64_t	    ts = 1700000000ull * 1000000 + 654321;

	for (big = 0; big <= 1; big++) {
		wr_init(&w, file, sizeof(file));
		put32(PCAPFILE_MAGIC_PCAPNG); /* section header block */
		put32(28);
		put32(0x1a2b3c4d);
		put16(1);
		put16(0);
		put32(0xffffffff); /* section length unknown */
		put32(0xffffffff);
		put32(28);
		put32(1); /* interface description block */
		put32(20);
		put16(PCAPFILE_LINK_ETHERNET);
		put16(0);
		put32(65535);
		put32(20);
		n = ipv4_udp(
		    frame, sizeof(frame), ping, sizeof(ping), 40001, 623);
		pad = (4 - (sizeof(eth) + n) % 4) % 4;
		put32(6); /* enhanced packet block */
		put32((uint32_t)(32 + sizeof(eth) + n + pad));
		put32(0);
		put32((uint32_t)(ts >> 32));
		put32((uint32_t)ts);
		put32((uint32_t)(sizeof(eth) + n));
		put32((uint32_t)(sizeof(eth) + n));
		wr_bytes(&w, eth, sizeof(eth));
		wr_bytes(&w, frame, n);
		wr_fill(&w, 0, pad);
		put32((uint32_t)(32 + sizeof(eth) + n + pad));
		ck_assert_int_eq(w.err, 0);
		ck_assert_int_eq(pcapfile_sniff(file, wr_len(&w)), 1);
		ck_assert_int_eq(pcapfile_open(&f, file, wr_len(&w)), 0);
		ck_assert_int_eq(f.pcapng, 1);
		ck_assert_int_eq(pcapfile_next_udp(&f, &u), 1);
		ck_assert_uint_eq(u.record, 1);
		ck_assert_uint_eq(u.sport, 40001);
		ck_assert_uint_eq(u.ts_sec, 1700000000);
		ck_assert_uint_eq(u.ts_usec, 654321);
		ck_assert_uint_eq(u.len, sizeof(ping));
		ck_assert_mem_eq(u.payload, ping, sizeof(ping));
		ck_assert_int_eq(pcapfile_next_udp(&f, &u), 0);
		pcapfile_close(&f);
	}
	big = 0;
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("pcapfile");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_ethernet_both_orders);
	tcase_add_test(tc, test_sll_ipv6_and_loopback);
	tcase_add_test(tc, test_every_truncation);
	tcase_add_test(tc, test_bad_headers);
	tcase_add_test(tc, test_pcapng);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
