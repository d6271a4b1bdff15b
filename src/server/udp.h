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

/*
 * One received datagram and the reply to it, if any, and a second
 * datagram sent after the reply (a bridged response), if any.
 */
struct udp_slot {
	struct sockaddr_storage from;
	socklen_t		fromlen;
	struct peer_addr	peer;
	size_t			inlen;
	int			truncated;    /* larger than the buffer */
	size_t			outlen;	      /* 0: no reply */
	size_t			followup_len; /* 0: none */
	uint8_t			in[RESPONDER_DATAGRAM_MAX];
	uint8_t			out[RESPONDER_DATAGRAM_MAX];
	uint8_t			followup[RESPONDER_DATAGRAM_MAX];
};

struct udp_batch;

struct udp_batch *udp_batch_new(void);
void		  udp_batch_free(struct udp_batch *);

/*
 * Receives up to UDP_BATCH datagrams from fd.  Returns how many (0 when
 * none is waiting), or -1 with errno set.  Slots 0..n-1 are then valid,
 * their outlen reset to 0.
 */
int		 udp_batch_recv(struct udp_batch *, int fd);
struct udp_slot *udp_batch_slot(struct udp_batch *, unsigned i);

/*
 * Sends every slot of 0..n-1 with outlen > 0 back to where it came from,
 * its follow-up right after it.  Returns how many could not be sent.
 */
unsigned udp_batch_send(struct udp_batch *, int fd, unsigned n);

#endif
