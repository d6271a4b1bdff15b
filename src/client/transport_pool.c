/*
 * The benchmark's sockets.  Each console has its own socket, as separate
 * management clients would, so the responder sees distinct peers; epoll
 * makes the cost per datagram independent of the number of sockets.
 */

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "transport_pool.h"

#define POOL_EVENTS    256
#define POOL_DGRAM_MAX 2048

struct transport_pool {
	int		   ep;
	size_t		   n;
	int		  *fd;
	uint16_t	  *port;
	struct epoll_event events[POOL_EVENTS];
	uint8_t		   buf[POOL_DGRAM_MAX];
};

struct transport_pool *
transport_pool_open(const char *host, uint16_t lo, uint16_t hi, size_t n,
    char *err, size_t errcap)
{
	struct transport_pool  *p;
	struct addrinfo		hints, *res = NULL;
	struct epoll_event	ev;
	struct sockaddr_storage ss;
	socklen_t		sslen;
	size_t			i;
	uint16_t		port;
	int			rc, fd;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	if ((rc = getaddrinfo(host, NULL, &hints, &res)) != 0) {
		snprintf(err, errcap, "%s: %s", host, gai_strerror(rc));
		return NULL;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->fd = calloc(n, sizeof(int))) == NULL ||
	    (p->port = calloc(n, sizeof(uint16_t))) == NULL) {
		snprintf(err, errcap, "out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++)
		p->fd[i] = -1;
	p->n = n;
	if ((p->ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		snprintf(err, errcap, "epoll: %s", strerror(errno));
		goto fail;
	}
	for (i = 0; i < n; i++) {
		port = (uint16_t)(lo + i % ((size_t)(hi - lo) + 1));
		memcpy(&ss, res->ai_addr, res->ai_addrlen);
		sslen = res->ai_addrlen;
		if (ss.ss_family == AF_INET6)
			((struct sockaddr_in6 *)(void *)&ss)->sin6_port = htons(
			    port);
		else
			((struct sockaddr_in *)(void *)&ss)->sin_port = htons(
			    port);
		fd = socket(
		    ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&ss, sslen) != 0) {
			snprintf(
			    err, errcap, "socket %zu: %s", i, strerror(errno));
			if (fd >= 0)
				close(fd);
			goto fail;
		}
		p->fd[i] = fd;
		p->port[i] = port;
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.u64 = i;
		if (epoll_ctl(p->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
			snprintf(err, errcap, "epoll_ctl: %s", strerror(errno));
			goto fail;
		}
	}
	freeaddrinfo(res);
	return p;
fail:
	freeaddrinfo(res);
	transport_pool_close(p);
	return NULL;
}

void
transport_pool_close(struct transport_pool *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; p->fd != NULL && i < p->n; i++)
		if (p->fd[i] >= 0)
			close(p->fd[i]);
	if (p->ep > 0)
		close(p->ep);
	free(p->fd);
	free(p->port);
	free(p);
}

int
transport_pool_send(
    struct transport_pool *p, size_t i, const uint8_t *buf, size_t n)
{
	ssize_t w;

	do
		w = send(p->fd[i], buf, n, 0);
	while (w < 0 && errno == EINTR);
	return w == (ssize_t)n ? 0 : ERR_SYSTEM;
}

int
transport_pool_poll(struct transport_pool *p, int timeout_ms,
    transport_pool_recv_cb *cb, void *arg)
{
	ssize_t r;
	size_t	i;
	int	n, k, got = 0;

	n = epoll_wait(p->ep, p->events, POOL_EVENTS, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : ERR_SYSTEM;
	for (k = 0; k < n; k++) {
		i = (size_t)p->events[k].data.u64;
		/*
		 * One datagram per event: epoll is level-triggered, so a
		 * second queued datagram is reported again, and the closed
		 * loop rarely has one; draining until EAGAIN would cost an
		 * extra system call on almost every request.
		 */
		r = recv(p->fd[i], p->buf, sizeof(p->buf), MSG_DONTWAIT);
		if (r < 0)
			continue; /* EAGAIN, or a queued ICMP error */
		cb(arg, i, p->buf, (size_t)r);
		got++;
	}
	return got;
}

uint16_t
transport_pool_port(const struct transport_pool *p, size_t i)
{
	return p->port[i];
}
