/*
 * The client's UDP transport: one connected socket to HOST:PORT (IPv4 or
 * IPv6), send, receive with a timeout, and the monotonic clock.  It knows
 * nothing of IPMI: retransmission is decided by the caller (client.c), as
 * the initiator's contract wants.  Only src/client/transport*.c include
 * socket headers.
 */
#ifndef BMCSIM_TRANSPORT_H
#define BMCSIM_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

struct transport;

/*
 * Resolves host (a name or a numeric IPv4/IPv6 address) and connects a UDP
 * socket to it.  NULL on failure, with the reason in errbuf.
 */
struct transport *
transport_open(const char *host, uint16_t port, char *errbuf, size_t errcap);
void transport_close(struct transport *);

/* Sends one datagram.  0 or ERR_SYSTEM (errno set). */
int transport_send(struct transport *, const uint8_t *, size_t);

/*
 * Waits up to timeout_ms for one datagram from the peer.  Returns 0 with
 * *len set, ERR_TIMEOUT, or ERR_SYSTEM (e.g. ICMP port unreachable seen
 * as ECONNREFUSED, errno set).
 */
int transport_recv(
    struct transport *, uint8_t *, size_t cap, size_t *len, int timeout_ms);

/* The peer as "127.0.0.1:623" or "[::1]:623". */
const char *transport_peer(const struct transport *);

/* Monotonic time in nanoseconds. */
uint64_t transport_now_ns(void);

#endif
