/*
 * UDP endpoints of the daemon: opening a socket with a message a user can
 * act on when it fails, and moving datagrams in batches (recvmmsg,
 * sendmmsg) through one set of buffers reused by every socket.
 */
#ifndef BMCSIM_UDP_H
#define BMCSIM_UDP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "responder.h"

#define UDP_BATCH 64 /* datagrams per recvmmsg / sendmmsg */

/*
 * Opens a non-blocking UDP socket bound to host (numeric IPv4 or IPv6)
 * and port.  Returns the descriptor, or -1 with a sentence in why saying
 * what failed and how to fix it.
 */
int udp_open(const char *host, uint16_t port, char *why, size_t whycap);

/* One received datagram. */
struct udp_slot {
	struct sockaddr_storage from;
	socklen_t		fromlen;
	struct peer_addr	peer;
	size_t			inlen;
	int			truncated; /* larger than the buffer */
	uint8_t			in[RESPONDER_DATAGRAM_MAX];
};

/*
 * One datagram to send: the batch's send slots are apart from its
 * receive slots, since a datagram received may leave 0..k to send.
 */
#define UDP_SEND_MAX (2 * UDP_BATCH)
struct udp_out {
	struct sockaddr_storage to;
	socklen_t		tolen;
	size_t			len;
	uint8_t			data[RESPONDER_DATAGRAM_MAX];
};

struct udp_batch;

struct udp_batch *udp_batch_new(void);
void		  udp_batch_free(struct udp_batch *);

/*
 * Receives up to UDP_BATCH datagrams from fd.  Returns how many (0 when
 * none is waiting), or -1 with errno set.  Slots 0..n-1 are then valid.
 */
int		 udp_batch_recv(struct udp_batch *, int fd);
struct udp_slot *udp_batch_slot(struct udp_batch *, unsigned i);

/*
 * The next free send slot, or NULL when UDP_SEND_MAX are queued (send
 * them first).  Its data is filled by the caller, then udp_batch_queue()
 * queues it for dst; when dst is the peer of the received slot from (which
 * may be NULL), the address is that slot's own, IPv6 scope included.
 */
struct udp_out *udp_batch_next_out(struct udp_batch *);
void		udp_batch_queue(struct udp_batch *, size_t len,
	       const struct peer_addr *dst, const struct udp_slot *from);

/*
 * Sends every queued datagram, in order, and empties the queue.  Returns
 * how many could not be sent.
 */
unsigned udp_batch_send(struct udp_batch *, int fd);

#endif
