#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "udp.h"

struct udp_batch {
	struct mmsghdr	rx[UDP_BATCH];
	struct iovec	rxiov[UDP_BATCH];
	struct udp_slot slots[UDP_BATCH];
	struct mmsghdr	tx[UDP_SEND_MAX];
	struct iovec	txiov[UDP_SEND_MAX];
	struct udp_out	outs[UDP_SEND_MAX];
	unsigned	nout;
};

static void
explain_bind(int err, const char *host, uint16_t port, char *why, size_t whycap)
{
	char ep[96];

	if (strchr(host, ':') != NULL)
		snprintf(ep, sizeof(ep), "[%s]:%u", host, port);
	else
		snprintf(ep, sizeof(ep), "%s:%u", host, port);
	switch (err) {
	case EADDRINUSE:
		snprintf(why, whycap,
		    "%s is in use by another program (`ss -ulpn 'sport = "
		    ":%u'` shows which); stop it or choose another port with "
		    "--listen",
		    ep, port);
		break;
	case EACCES:
		if (port < 1024) {
			snprintf(why, whycap,
			    "%s: ports below 1024 need privilege: run as root "
			    "with --user NAME to drop privileges after "
			    "binding, grant the capability (setcap "
			    "cap_net_bind_service=+ep bmcsimd), or listen on "
			    "a higher port (--listen %s:6230)",
			    ep, strchr(host, ':') ? "[::1]" : "127.0.0.1");
			break;
		}
		/* FALLTHROUGH */
	default:
		snprintf(why, whycap, "%s: cannot bind: %s%s", ep,
		    strerror(err),
		    err == EADDRNOTAVAIL
			? " (the address is not configured on this machine)"
			: "");
	}
}

int
udp_open(const char *host, uint16_t port, char *why, size_t whycap)
{
	struct sockaddr_storage ss;
	socklen_t		sslen;
	int			fd, family, one = 1;

	memset(&ss, 0, sizeof(ss));
	if (strchr(host, ':') != NULL) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		family = AF_INET6;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		if (inet_pton(AF_INET6, host, &s6->sin6_addr) != 1) {
			snprintf(why, whycap, "%s: not an IPv6 address", host);
			return -1;
		}
		sslen = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		family = AF_INET;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		if (inet_pton(AF_INET, host, &s4->sin_addr) != 1) {
			snprintf(why, whycap, "%s: not an IPv4 address", host);
			return -1;
		}
		sslen = sizeof(*s4);
	}
	fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(why, whycap, "socket: %s%s", strerror(errno),
		    errno == EMFILE ? " (raise the open-file limit: ulimit -n)"
				    : "");
		return -1;
	}
	/* An IPv6 endpoint is only that: IPv4 has endpoints of its own. */
	if (family == AF_INET6)
		(void)setsockopt(
		    fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sslen) < 0) {
		explain_bind(errno, host, port, why, whycap);
		close(fd);
		return -1;
	}
	return fd;
}

struct udp_batch *
udp_batch_new(void)
{
	struct udp_batch *b = calloc(1, sizeof(*b));
	unsigned	  i;

	if (b == NULL)
		return NULL;
	for (i = 0; i < UDP_BATCH; i++) {
		struct udp_slot *s = &b->slots[i];

		b->rxiov[i].iov_base = s->in;
		b->rxiov[i].iov_len = sizeof(s->in);
		b->rx[i].msg_hdr.msg_iov = &b->rxiov[i];
		b->rx[i].msg_hdr.msg_iovlen = 1;
	}
	return b;
}

void
udp_batch_free(struct udp_batch *b)
{
	free(b);
}

static void
peer_from_sockaddr(const struct sockaddr_storage *ss, struct peer_addr *p)
{
	memset(p, 0, sizeof(*p));
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;

		p->family = 4;
		memcpy(p->addr, &s4->sin_addr, 4);
		p->port = ntohs(s4->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;

		p->family = 6;
		memcpy(p->addr, &s6->sin6_addr, 16);
		p->port = ntohs(s6->sin6_port);
	}
}

int
udp_batch_recv(struct udp_batch *b, int fd)
{
	unsigned i;
	int	 n;

	for (i = 0; i < UDP_BATCH; i++) {
		b->rx[i].msg_hdr.msg_name = &b->slots[i].from;
		b->rx[i].msg_hdr.msg_namelen = sizeof(b->slots[i].from);
		b->rx[i].msg_hdr.msg_flags = 0;
	}
	do
		n = recvmmsg(fd, b->rx, UDP_BATCH, MSG_DONTWAIT, NULL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	for (i = 0; i < (unsigned)n; i++) {
		struct udp_slot *s = &b->slots[i];

		s->fromlen = b->rx[i].msg_hdr.msg_namelen;
		s->inlen = b->rx[i].msg_len;
		s->truncated = (b->rx[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
		peer_from_sockaddr(&s->from, &s->peer);
	}
	return n;
}

struct udp_slot *
udp_batch_slot(struct udp_batch *b, unsigned i)
{
	return &b->slots[i];
}

struct udp_out *
udp_batch_next_out(struct udp_batch *b)
{
	return b->nout < UDP_SEND_MAX ? &b->outs[b->nout] : NULL;
}

static int
peer_equal(const struct peer_addr *a, const struct peer_addr *b)
{
	return a->family == b->family && a->port == b->port &&
	    memcmp(a->addr, b->addr, a->family == 4 ? 4 : 16) == 0;
}

/* Fills to from dst; 0 when dst has no usable family. */
static socklen_t
sockaddr_from_peer(const struct peer_addr *dst, struct sockaddr_storage *to)
{
	memset(to, 0, sizeof(*to));
	if (dst->family == 4) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)to;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(dst->port);
		memcpy(&s4->sin_addr, dst->addr, 4);
		return sizeof(*s4);
	}
	if (dst->family == 6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)to;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(dst->port);
		memcpy(&s6->sin6_addr, dst->addr, 16);
		return sizeof(*s6);
	}
	return 0;
}

void
udp_batch_queue(struct udp_batch *b, size_t len, const struct peer_addr *dst,
    const struct udp_slot *from)
{
	unsigned	m = b->nout;
	struct udp_out *o = &b->outs[m];

	if (from != NULL && peer_equal(dst, &from->peer)) {
		/* The sender's own address: link-local scope and all. */
		o->to = from->from;
		o->tolen = from->fromlen;
	} else if ((o->tolen = sockaddr_from_peer(dst, &o->to)) == 0)
		return; /* nowhere to send it */
	o->len = len;
	b->txiov[m].iov_base = o->data;
	b->txiov[m].iov_len = len;
	memset(&b->tx[m], 0, sizeof(b->tx[m]));
	b->tx[m].msg_hdr.msg_name = &o->to;
	b->tx[m].msg_hdr.msg_namelen = o->tolen;
	b->tx[m].msg_hdr.msg_iov = &b->txiov[m];
	b->tx[m].msg_hdr.msg_iovlen = 1;
	b->nout++;
}

unsigned
udp_batch_send(struct udp_batch *b, int fd)
{
	unsigned m = b->nout, sent = 0, failed = 0;

	b->nout = 0;
	while (sent < m) {
		int r = sendmmsg(fd, b->tx + sent, m - sent, MSG_DONTWAIT);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			/*
			 * A full socket buffer or an unreachable peer: UDP
			 * loses this one, as the network could; go on with
			 * the rest.
			 */
			failed++;
			sent++;
			continue;
		}
		sent += (unsigned)r;
	}
	return failed;
}
