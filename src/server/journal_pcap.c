#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "daemon.h"
#include "fleet.h"
#include "journal.h"
#include "journal_pcap.h"
#include "responder.h"

/* IPv4 (RFC 791) or IPv6 (RFC 8200) header, then UDP (RFC 768). */
#define PCAP_IP4_LEN 20
#define PCAP_IP6_LEN 40
#define PCAP_UDP_LEN 8

static uint32_t
sum16(uint32_t s, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t
fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/*
 * One datagram from src to dst as a raw IP packet into pkt (room for
 * PCAP_IP6_LEN + PCAP_UDP_LEN + len); returns its length, 0 when the
 * families differ or are unknown.
 */
static size_t
frame(uint8_t *pkt, const struct peer_addr *src, const struct peer_addr *dst,
    const uint8_t *data, size_t len)
{
	uint8_t *udp;
	size_t	 iplen, total;
	uint32_t s;

	if (src->family != dst->family ||
	    (src->family != 4 && src->family != 6))
		return 0;
	iplen = src->family == 4 ? PCAP_IP4_LEN : PCAP_IP6_LEN;
	total = iplen + PCAP_UDP_LEN + len;
	memset(pkt, 0, iplen + PCAP_UDP_LEN);
	if (src->family == 4) {
		pkt[0] = 0x45;
		put16(pkt + 2, (uint16_t)total);
		pkt[8] = 64; /* TTL */
		pkt[9] = 17; /* UDP */
		memcpy(pkt + 12, src->addr, 4);
		memcpy(pkt + 16, dst->addr, 4);
		put16(pkt + 10, fold(sum16(0, pkt, PCAP_IP4_LEN)));
	} else {
		pkt[0] = 0x60;
		put16(pkt + 4, (uint16_t)(PCAP_UDP_LEN + len));
		pkt[6] = 17;
		pkt[7] = 64;
		memcpy(pkt + 8, src->addr, 16);
		memcpy(pkt + 24, dst->addr, 16);
	}
	udp = pkt + iplen;
	put16(udp, src->port);
	put16(udp + 2, dst->port);
	put16(udp + 4, (uint16_t)(PCAP_UDP_LEN + len));
	memcpy(udp + PCAP_UDP_LEN, data, len);
	if (src->family == 6) {
		/* RFC 8200 §8.1: the pseudo-header; 0 is sent as ffff. */
		uint16_t c;

		s = sum16(0, src->addr, 16);
		s = sum16(s, dst->addr, 16);
		s += (uint32_t)(PCAP_UDP_LEN + len) + 17;
		s = sum16(s, udp, PCAP_UDP_LEN + len);
		c = fold(s);
		put16(udp + 6, c == 0 ? 0xffff : c);
	}
	return total;
}

static void
dump(pcap_dumper_t *d, uint64_t wall_ms, const uint8_t *pkt, size_t len)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(wall_ms / 1000);
	h.ts.tv_usec = (suseconds_t)(wall_ms % 1000) * 1000;
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)d, &h, pkt);
}

uint8_t *
journal_pcap_build(const struct journal *j, const struct journal_filter *f,
    journal_pcap_endpoint_fn *bmc_of, void *arg, size_t *len)
{
	const struct journal_entry *e;
	pcap_t			   *p;
	pcap_dumper_t		   *d;
	FILE			   *mem;
	char			   *buf = NULL;
	size_t			    blen = 0;
	uint8_t pkt[PCAP_IP6_LEN + PCAP_UDP_LEN + RESPONDER_DATAGRAM_MAX];

	*len = 0;
	if ((p = pcap_open_dead(DLT_RAW, 65535)) == NULL)
		return NULL;
	if ((mem = open_memstream(&buf, &blen)) == NULL) {
		pcap_close(p);
		return NULL;
	}
	if ((d = pcap_dump_fopen(p, mem)) == NULL) {
		fclose(mem);
		free(buf);
		pcap_close(p);
		return NULL;
	}
	for (e = journal_next(j, f, 0); e != NULL;
	     e = journal_next(j, f, e->seq + 1)) {
		struct peer_addr bmc;
		size_t		 n;

		memset(&bmc, 0, sizeof(bmc));
		if (bmc_of == NULL || bmc_of(arg, e->bmc, &bmc) != 0) {
			bmc.family = 4;
			memcpy(bmc.addr, "\x7f\x00\x00\x01", 4);
			bmc.port = 623;
		}
		if (e->in_len > 0 &&
		    (n = frame(pkt, &e->peer, &bmc, e->in, e->in_len)) > 0)
			dump(d, e->wall_ms, pkt, n);
		if (e->out_len > 0 &&
		    (n = frame(pkt, &bmc, &e->peer, e->out, e->out_len)) > 0)
			dump(d, e->wall_ms, pkt, n);
	}
	pcap_dump_close(d); /* closes mem */
	pcap_close(p);
	*len = blen;
	return (uint8_t *)buf;
}

static void
hex(FILE *f, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

char *
journal_pcap_keylog(const struct journal *j, size_t *len)
{
	char  *buf = NULL;
	size_t blen = 0, i;
	FILE  *f = open_memstream(&buf, &blen);

	if (f == NULL)
		return NULL;
	fprintf(f, "# bmcsimd key log: one RMCP+ session a line\n");
	for (i = 0; i < journal_keys_count(j); i++) {
		const struct journal_keys *k = journal_keys_get(j, i);

		fprintf(f,
		    "# %s\nRMCPP bmc_sid=%08x console_sid=%08x suite=%u sik=",
		    k->bmc, k->bmc_sid, k->console_sid, k->suite_id);
		hex(f, k->sik, k->key_len);
		fprintf(f, " k1=");
		hex(f, k->k1, k->key_len);
		fprintf(f, " k2=");
		hex(f, k->k2, k->key_len);
		fprintf(f, "\n");
	}
	fclose(f);
	*len = blen;
	return buf;
}

/* ---- routes ---- */

int
journal_pcap_bmc_endpoint(void *arg, const char *bmc, struct peer_addr *out)
{
	const struct fleet	    *fl = daemon_fleet(arg);
	const struct fleet_endpoint *ep;

	if (fl == NULL || (ep = fleet_endpoint_of(fl, bmc)) == NULL)
		return -1;
	out->family = ep->family;
	memcpy(out->addr, ep->addr, sizeof(out->addr));
	out->port = ep->port;
	return 0;
}

void
journal_pcap_export_route(struct control_call *c, const struct journal *j,
    const struct journal_filter *f)
{
	struct daemon *d = control_call_daemon(c);
	uint8_t	      *buf;
	size_t	       len;

	buf = journal_pcap_build(
	    j, f, d != NULL ? journal_pcap_bmc_endpoint : NULL, d, &len);
	if (buf == NULL) {
		control_call_problem(c, 500, "Out of memory", "pcap export");
		return;
	}
	control_call_reply_text(
	    c, 200, "application/vnd.tcpdump.pcap", (const char *)buf, len);
	free(buf);
}

void
journal_keylog_route(struct control_call *c)
{
	struct daemon  *d = control_call_daemon(c);
	struct journal *j = d != NULL ? daemon_journal(d) : NULL;
	char	       *text;
	size_t		len;

	if (j == NULL) {
		control_call_problem(
		    c, 404, "No journal", "bmcsimd runs with --journal-size 0");
		return;
	}
	if ((text = journal_pcap_keylog(j, &len)) == NULL) {
		control_call_problem(c, 500, "Out of memory", "key log");
		return;
	}
	control_call_reply_text(c, 200, "text/plain", text, len);
	free(text);
}
