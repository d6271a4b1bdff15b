/*
 * One connected UDP socket.  Connecting lets the kernel drop datagrams
 * from any other source and report ICMP unreachable errors to us, which
 * turns "nobody listens on that port" into an immediate error instead of
 * four timeouts.
 */

#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "transport.h"

struct transport {
	int  fd;
	char peer[64];
};

struct transport *
transport_open(const char *host, uint16_t port, char *errbuf, size_t errcap)
{
	struct addrinfo	  hints, *res = NULL, *ai;
	struct transport *t;
	char		  portstr[8], addr[INET6_ADDRSTRLEN];
	int		  rc, fd = -1;

	snprintf(portstr, sizeof(portstr), "%u", port);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	if ((rc = getaddrinfo(host, portstr, &hints, &res)) != 0) {
		snprintf(errbuf, errcap, "%s: %s", host, gai_strerror(rc));
		return NULL;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		snprintf(errbuf, errcap, "%s port %u: %s", host, port,
		    strerror(errno));
		freeaddrinfo(res);
		return NULL;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		snprintf(errbuf, errcap, "out of memory");
		close(fd);
		freeaddrinfo(res);
		return NULL;
	}
	t->fd = fd;
	if (ai->ai_family == AF_INET6) {
		inet_ntop(AF_INET6,
		    &((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr,
		    addr, sizeof(addr));
		snprintf(t->peer, sizeof(t->peer), "[%s]:%u", addr, port);
	} else {
		inet_ntop(AF_INET,
		    &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr,
		    addr, sizeof(addr));
		snprintf(t->peer, sizeof(t->peer), "%s:%u", addr, port);
	}
	freeaddrinfo(res);
	return t;
}

void
transport_close(struct transport *t)
{
	if (t == NULL)
		return;
	close(t->fd);
	free(t);
}

int
transport_send(struct transport *t, const uint8_t *p, size_t n)
{
	ssize_t w;

	do
		w = send(t->fd, p, n, 0);
	while (w < 0 && errno == EINTR);
	if (w < 0 || (size_t)w != n)
		return ERR_SYSTEM;
	return 0;
}

int
transport_recv(
    struct transport *t, uint8_t *p, size_t cap, size_t *len, int timeout_ms)
{
	struct pollfd pfd;
	uint64_t      deadline, now;
	ssize_t	      r;
	int	      rc, left;

	deadline = transport_now_ns() + (uint64_t)timeout_ms * 1000000u;
	for (;;) {
		now = transport_now_ns();
		if (now >= deadline)
			return ERR_TIMEOUT;
		left = (int)((deadline - now + 999999) / 1000000);
		pfd.fd = t->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		rc = poll(&pfd, 1, left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return ERR_SYSTEM;
		if (rc == 0)
			return ERR_TIMEOUT;
		r = recv(t->fd, p, cap, MSG_DONTWAIT);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (r < 0)
			return ERR_SYSTEM;
		*len = (size_t)r;
		return 0;
	}
}

const char *
transport_peer(const struct transport *t)
{
	return t->peer;
}

uint64_t
transport_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
