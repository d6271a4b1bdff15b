/*
 * Tests for src/client/transport.c over loopback UDP: a peer socket of
 * the test's own answers in place of a BMC.  Send and receive exactly,
 * the peer's name, timeouts (bounded, a few tens of milliseconds),
 * datagrams from another source ignored (the socket is connected),
 * ICMP port unreachable seen as ECONNREFUSED, and a datagram longer than
 * the buffer cut to it.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "transport.h"

/* A UDP socket bound to 127.0.0.1 on a free port. */
static int
peer_open(uint16_t *port)
{
	struct sockaddr_in sa;
	socklen_t	   len = sizeof(sa);
	int		   fd;

	ck_assert_int_ge(fd = socket(AF_INET, SOCK_DGRAM, 0), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Receives one datagram at the peer, remembering who sent it. */
static size_t
peer_recv(int fd, uint8_t *buf, size_t cap, struct sockaddr_in *from)
{
	socklen_t len = sizeof(*from);
	ssize_t	  n;

	n = recvfrom(fd, buf, cap, 0, (struct sockaddr *)from, &len);
	ck_assert_int_ge(n, 0);
	return (size_t)n;
}

static void
peer_send(int fd, const void *p, size_t n, const struct sockaddr_in *to)
{
	ck_assert_int_eq(
	    sendto(fd, p, n, 0, (const struct sockaddr *)to, sizeof(*to)),
	    (ssize_t)n);
}

START_TEST(test_round_trip)
{
	struct transport  *t;
	struct sockaddr_in from;
	uint8_t		   buf[64];
	char		   err[128], want[32];
	uint16_t	   port;
	size_t		   n;
	int		   fd = peer_open(&port);

	ck_assert_ptr_nonnull(
	    t = transport_open("127.0.0.1", port, err, sizeof(err)));
	snprintf(want, sizeof(want), "127.0.0.1:%u", port);
	ck_assert_str_eq(transport_peer(t), want);
	ck_assert_int_eq(transport_send(t, (const uint8_t *)"hello", 5), 0);
	ck_assert_uint_eq(peer_recv(fd, buf, sizeof(buf), &from), 5);
	ck_assert_mem_eq(buf, "hello", 5);
	peer_send(fd, "world!", 6, &from);
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(transport_recv(t, buf, sizeof(buf), &n, 1000), 0);
	ck_assert_uint_eq(n, 6);
	ck_assert_mem_eq(buf, "world!", 6);
	/* An empty datagram is a datagram. */
	peer_send(fd, "", 0, &from);
	n = 99;
	ck_assert_int_eq(transport_recv(t, buf, sizeof(buf), &n, 1000), 0);
	ck_assert_uint_eq(n, 0);
	transport_close(t);
	close(fd);
}
END_TEST

START_TEST(test_timeout_bounded)
{
	struct transport *t;
	uint8_t		  buf[16];
	char		  err[128];
	uint16_t	  port;
	uint64_t	  t0, dt;
	size_t		  n;
	int		  fd = peer_open(&port);

	ck_assert_ptr_nonnull(
	    t = transport_open("127.0.0.1", port, err, sizeof(err)));
	/* Nothing queued and no time given: at once. */
	ck_assert_int_eq(
	    transport_recv(t, buf, sizeof(buf), &n, 0), ERR_TIMEOUT);
	t0 = transport_now_ns();
	ck_assert_int_eq(
	    transport_recv(t, buf, sizeof(buf), &n, 30), ERR_TIMEOUT);
	dt = transport_now_ns() - t0;
	ck_assert_uint_ge(dt, 30000000u);
	/* Generous: the machine is shared; it must not wait for seconds. */
	ck_assert_uint_lt(dt, 2000000000u);
	transport_close(t);
	close(fd);
}
END_TEST

/* The socket is connected: only the peer's datagrams are received. */
START_TEST(test_other_sources_ignored)
{
	struct transport  *t;
	struct sockaddr_in from;
	uint8_t		   buf[16];
	char		   err[128];
	uint16_t	   port, other_port;
	size_t		   n;
	int		   fd = peer_open(&port);
	int		   other = peer_open(&other_port);

	ck_assert_ptr_nonnull(
	    t = transport_open("127.0.0.1", port, err, sizeof(err)));
	ck_assert_int_eq(transport_send(t, (const uint8_t *)"x", 1), 0);
	ck_assert_uint_eq(peer_recv(fd, buf, sizeof(buf), &from), 1);
	peer_send(other, "spoof", 5, &from);
	ck_assert_int_eq(
	    transport_recv(t, buf, sizeof(buf), &n, 30), ERR_TIMEOUT);
	peer_send(fd, "real", 4, &from);
	ck_assert_int_eq(transport_recv(t, buf, sizeof(buf), &n, 1000), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_mem_eq(buf, "real", 4);
	transport_close(t);
	close(other);
	close(fd);
}
END_TEST

/* Nobody on the port: the ICMP error comes back as ERR_SYSTEM. */
START_TEST(test_port_unreachable)
{
	struct transport *t;
	uint8_t		  buf[16];
	char		  err[128];
	uint16_t	  port;
	size_t		  n;
	int		  fd = peer_open(&port);

	close(fd);
	ck_assert_ptr_nonnull(
	    t = transport_open("127.0.0.1", port, err, sizeof(err)));
	ck_assert_int_eq(transport_send(t, (const uint8_t *)"x", 1), 0);
	errno = 0;
	ck_assert_int_eq(
	    transport_recv(t, buf, sizeof(buf), &n, 2000), ERR_SYSTEM);
	ck_assert_int_eq(errno, ECONNREFUSED);
	transport_close(t);
}
END_TEST

/* A datagram longer than the buffer: the buffer's worth, the rest lost. */
START_TEST(test_long_datagram_cut)
{
	struct transport  *t;
	struct sockaddr_in from;
	uint8_t		   buf[8], big[100];
	char		   err[128];
	uint16_t	   port;
	size_t		   n, i;
	int		   fd = peer_open(&port);

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	ck_assert_ptr_nonnull(
	    t = transport_open("127.0.0.1", port, err, sizeof(err)));
	ck_assert_int_eq(transport_send(t, (const uint8_t *)"x", 1), 0);
	peer_recv(fd, buf, sizeof(buf), &from);
	peer_send(fd, big, sizeof(big), &from);
	ck_assert_int_eq(transport_recv(t, buf, sizeof(buf), &n, 1000), 0);
	ck_assert_uint_eq(n, sizeof(buf));
	ck_assert_mem_eq(buf, big, sizeof(buf));
	/* Nothing of it is left for the next receive. */
	ck_assert_int_eq(
	    transport_recv(t, buf, sizeof(buf), &n, 0), ERR_TIMEOUT);
	transport_close(t);
	close(fd);
}
END_TEST

START_TEST(test_ipv6_peer_name)
{
	struct sockaddr_in6 sa;
	socklen_t	    len = sizeof(sa);
	struct transport   *t;
	char		    err[128], want[32];
	int		    fd;

	/* Only where the host has an IPv6 loopback. */
	if ((fd = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	sa.sin6_addr = in6addr_loopback;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return;
	}
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	ck_assert_ptr_nonnull(
	    t = transport_open("::1", ntohs(sa.sin6_port), err, sizeof(err)));
	snprintf(want, sizeof(want), "[::1]:%u", ntohs(sa.sin6_port));
	ck_assert_str_eq(transport_peer(t), want);
	transport_close(t);
	close(fd);
}
END_TEST

START_TEST(test_clock_monotonic)
{
	uint64_t a = transport_now_ns(), b = transport_now_ns();

	ck_assert_uint_gt(a, 0);
	ck_assert_uint_ge(b, a);
	transport_close(NULL);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("transport");
	TCase	*tc = tcase_create("transport");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_timeout_bounded);
	tcase_add_test(tc, test_other_sources_ignored);
	tcase_add_test(tc, test_port_unreachable);
	tcase_add_test(tc, test_long_datagram_cut);
	tcase_add_test(tc, test_ipv6_peer_name);
	tcase_add_test(tc, test_clock_monotonic);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
