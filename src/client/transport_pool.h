/*
 * Many UDP sockets for the benchmark: one non-blocking connected socket
 * per simulated console, spread over a port range (a fleet of BMCs), all
 * watched by one epoll set.  No allocation after transport_pool_open().
 */
#ifndef BMCSIM_TRANSPORT_POOL_H
#define BMCSIM_TRANSPORT_POOL_H

#include <stddef.h>
#include <stdint.h>

struct transport_pool;

/* Called for each datagram received on socket i. */
typedef void transport_pool_recv_cb(void *, size_t i, const uint8_t *, size_t);

/*
 * Opens n sockets, socket i connected to host, port lo + i % (hi - lo + 1).
 * NULL with the reason in err.
 */
struct transport_pool *transport_pool_open(const char *host, uint16_t lo,
    uint16_t hi, size_t n, char *err, size_t errcap);
void		       transport_pool_close(struct transport_pool *);

/*
 * Sends on socket i.  0, or ERR_SYSTEM (errno set; EAGAIN when the socket
 * buffer is full, ECONNREFUSED after an ICMP unreachable).
 */
int
transport_pool_send(struct transport_pool *, size_t i, const uint8_t *, size_t);

/*
 * Waits up to timeout_ms for readable sockets and hands every datagram
 * queued on them to cb.  Returns the number of datagrams, or ERR_SYSTEM.
 */
int transport_pool_poll(
    struct transport_pool *, int timeout_ms, transport_pool_recv_cb *, void *);

/* The port socket i talks to. */
uint16_t transport_pool_port(const struct transport_pool *, size_t i);

#endif
