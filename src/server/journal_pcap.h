/*
 * The journal as a capture file: each entry's datagrams (the request as
 * received, the reply as sent) as UDP over raw IP (LINKTYPE_RAW), written
 * with libpcap, so tcpdump, Wireshark and bmcsim decode --pcap read it;
 * and the key log with which bmcsim decode --keylog decrypts it.
 */
#ifndef BMCSIM_JOURNAL_PCAP_H
#define BMCSIM_JOURNAL_PCAP_H

#include <stddef.h>
#include <stdint.h>

struct control_call;
struct journal;
struct journal_filter;
struct peer_addr;

/*
 * The capture of what passes f into a malloc'd buffer (*len bytes); bmc_of
 * gives a BMC's own address (NULL: 127.0.0.1 port 623).  NULL when out of
 * memory.
 */
typedef int
journal_pcap_endpoint_fn(void *arg, const char *bmc, struct peer_addr *out);
uint8_t *
journal_pcap_build(const struct journal *, const struct journal_filter *,
    journal_pcap_endpoint_fn *bmc_of, void *arg, size_t *len);

/*
 * The key log, one line per RMCP+ session the journal knows keys of:
 *   RMCPP bmc_sid=<8 hex> console_sid=<8 hex> suite=<dec> sik=<hex> k1=<hex> k2=<hex>
 * malloc'd text, NULL when out of memory.
 */
char *journal_pcap_keylog(const struct journal *, size_t *len);

/* A journal_pcap_endpoint_fn over a struct daemon's BMC registry. */
int
journal_pcap_bmc_endpoint(void *daemon, const char *bmc, struct peer_addr *);

/* The routes' bodies (control_journal.c). */
void journal_pcap_export_route(struct control_call *, const struct journal *,
    const struct journal_filter *);
void journal_keylog_route(struct control_call *);

#endif
