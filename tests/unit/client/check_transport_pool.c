/*
 * Tests for src/client/transport_pool.c over loopback UDP: the ports the
 * sockets are spread over, one echo peer answering every socket, each
 * answer handed to the callback with the index of its own socket, an
 * empty poll, and an ICMP unreachable that delivers nothing.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "transport_pool.h"

#define POOL_N 5

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

struct seen {
	unsigned count[POOL_N];
	uint8_t	 last[POOL_N][16];
	size_t	 len[POOL_N];
	unsigned calls;
};

static void
seen_cb(void *arg, size_t i, const uint8_t *p, size_t n)
{
	struct seen *s = arg;

	ck_assert_uint_lt(i, POOL_N);
	ck_assert_uint_le(n, 16);
	s->count[i]++;
	memcpy(s->last[i], p, n);
	s->len[i] = n;
	s->calls++;
}

START_TEST(test_ports_spread)
{
	struct transport_pool *p;
	char		       err[128];
	size_t		       i;

	/* Connecting a UDP socket needs nobody on the port. */
	ck_assert_ptr_nonnull(p = transport_pool_open("127.0.0.1", 40000, 40002,
				  7, err, sizeof(err)));
	for (i = 0; i < 7; i++)
		ck_assert_uint_eq(transport_pool_port(p, i), 40000 + i % 3);
	transport_pool_close(p);
	ck_assert_ptr_nonnull(p = transport_pool_open(
				  "127.0.0.1", 623, 623, 3, err, sizeof(err)));
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(transport_pool_port(p, i), 623);
	transport_pool_close(p);
	transport_pool_close(NULL);
}
END_TEST

START_TEST(test_echo_each_socket)
{
	struct transport_pool *p;
	struct sockaddr_in     from[POOL_N];
	struct seen	       s;
	socklen_t	       len;
	uint8_t		       buf[16];
	char		       err[128];
	uint16_t	       port;
	size_t		       i, k;
	ssize_t		       n;
	int		       fd = peer_open(&port), rounds;

	memset(&s, 0, sizeof(s));
	ck_assert_ptr_nonnull(p = transport_pool_open("127.0.0.1", port, port,
				  POOL_N, err, sizeof(err)));
	/* Nothing queued yet. */
	ck_assert_int_eq(transport_pool_poll(p, 0, seen_cb, &s), 0);
	ck_assert_uint_eq(s.calls, 0);
	for (i = 0; i < POOL_N; i++) {
		buf[0] = (uint8_t)('a' + i);
		ck_assert_int_eq(transport_pool_send(p, i, buf, 1), 0);
	}
	/* Five sockets, five source ports; each answered with its byte. */
	for (i = 0; i < POOL_N; i++) {
		len = sizeof(from[i]);
		n = recvfrom(
		    fd, buf, sizeof(buf), 0, (struct sockaddr *)&from[i], &len);
		ck_assert_int_eq(n, 1);
		for (k = 0; k < i; k++)
			ck_assert_uint_ne(from[k].sin_port, from[i].sin_port);
		buf[1] = buf[0];
		buf[0] = 'R';
		ck_assert_int_eq(
		    sendto(fd, buf, 2, 0, (struct sockaddr *)&from[i], len), 2);
	}
	/* Bounded: each poll waits at most a second. */
	for (rounds = 0; s.calls < POOL_N && rounds < 50; rounds++)
		ck_assert_int_ge(transport_pool_poll(p, 1000, seen_cb, &s), 0);
	ck_assert_uint_eq(s.calls, POOL_N);
	for (i = 0; i < POOL_N; i++) {
		ck_assert_uint_eq(s.count[i], 1);
		ck_assert_uint_eq(s.len[i], 2);
		ck_assert_uint_eq(s.last[i][0], 'R');
		ck_assert_uint_eq(s.last[i][1], 'a' + i);
	}
	ck_assert_int_eq(transport_pool_poll(p, 0, seen_cb, &s), 0);
	transport_pool_close(p);
	close(fd);
}
END_TEST

START_TEST(test_unreachable_delivers_nothing)
{
	struct transport_pool *p;
	struct seen	       s;
	char		       err[128];
	uint16_t	       port;
	int		       fd = peer_open(&port), rc, rounds;

	close(fd);
	memset(&s, 0, sizeof(s));
	ck_assert_ptr_nonnull(p = transport_pool_open("127.0.0.1", port, port,
				  1, err, sizeof(err)));
	ck_assert_int_eq(transport_pool_send(p, 0, (const uint8_t *)"x", 1), 0);
	/* The error wakes the poll; no datagram comes of it. */
	for (rounds = 0; rounds < 3; rounds++) {
		rc = transport_pool_poll(p, 100, seen_cb, &s);
		ck_assert_int_eq(rc, 0);
	}
	ck_assert_uint_eq(s.calls, 0);
	transport_pool_close(p);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("transport_pool");
	TCase	*tc = tcase_create("transport_pool");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_ports_spread);
	tcase_add_test(tc, test_echo_each_socket);
	tcase_add_test(tc, test_unreachable_delivers_nothing);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
