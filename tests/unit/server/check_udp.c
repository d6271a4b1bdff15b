/*
 * The daemon's UDP batch over loopback: datagrams received into their
 * slots with the sender's address, and the send slots, apart from them,
 * going out in order, each to its own destination (the sender of a
 * received slot, or another peer).
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "udp.h"

static struct udp_batch *b;
static int		 srv, cli, other;
static uint16_t		 srv_port, cli_port, other_port;

static uint16_t
bound_port(int fd)
{
	struct sockaddr_in sa;
	socklen_t	   len = sizeof(sa);

	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	return ntohs(sa.sin_port);
}

static void
setup(void)
{
	char why[256];

	b = udp_batch_new();
	ck_assert_ptr_nonnull(b);
	srv = udp_open("127.0.0.1", 0, why, sizeof(why));
	cli = udp_open("127.0.0.1", 0, why, sizeof(why));
	other = udp_open("127.0.0.1", 0, why, sizeof(why));
	ck_assert_int_ge(srv, 0);
	ck_assert_int_ge(cli, 0);
	ck_assert_int_ge(other, 0);
	srv_port = bound_port(srv);
	cli_port = bound_port(cli);
	other_port = bound_port(other);
}

static void
teardown(void)
{
	close(srv);
	close(cli);
	close(other);
	udp_batch_free(b);
}

static void
send_to(int fd, uint16_t port, const char *text)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(sendto(fd, text, strlen(text), 0,
			     (struct sockaddr *)&sa, sizeof(sa)),
	    (ssize_t)strlen(text));
}

/* Waits for one datagram on fd and returns its length. */
static size_t
recv_one(int fd, char *buf, size_t cap)
{
	struct pollfd p = {fd, POLLIN, 0};
	ssize_t	      n;

	ck_assert_int_eq(poll(&p, 1, 2000), 1);
	n = recv(fd, buf, cap - 1, 0);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	return (size_t)n;
}

static void
queue_text(
    const char *text, const struct peer_addr *dst, const struct udp_slot *from)
{
	struct udp_out *o = udp_batch_next_out(b);

	ck_assert_ptr_nonnull(o);
	memcpy(o->data, text, strlen(text));
	udp_batch_queue(b, strlen(text), dst, from);
}

START_TEST(test_receive_and_answer)
{
	struct udp_slot *s;
	struct peer_addr elsewhere;
	struct pollfd	 p = {srv, POLLIN, 0};
	char		 buf[64];

	send_to(cli, srv_port, "ping");
	ck_assert_int_eq(poll(&p, 1, 2000), 1);
	ck_assert_int_eq(udp_batch_recv(b, srv), 1);
	s = udp_batch_slot(b, 0);
	ck_assert_uint_eq(s->inlen, 4);
	ck_assert_mem_eq(s->in, "ping", 4);
	ck_assert_int_eq(s->truncated, 0);
	ck_assert_uint_eq(s->peer.family, 4);
	ck_assert_mem_eq(s->peer.addr, "\x7f\x00\x00\x01", 4);
	ck_assert_uint_eq(s->peer.port, cli_port);
	/* Two to the sender, one elsewhere, then one more to the sender. */
	elsewhere = s->peer;
	elsewhere.port = other_port;
	queue_text("reply", &s->peer, s);
	queue_text("follow-up", &s->peer, s);
	queue_text("trap", &elsewhere, s);
	queue_text("last", &s->peer, NULL);
	ck_assert_uint_eq(udp_batch_send(b, srv), 0);
	recv_one(cli, buf, sizeof(buf));
	ck_assert_str_eq(buf, "reply");
	recv_one(cli, buf, sizeof(buf));
	ck_assert_str_eq(buf, "follow-up");
	recv_one(cli, buf, sizeof(buf));
	ck_assert_str_eq(buf, "last");
	recv_one(other, buf, sizeof(buf));
	ck_assert_str_eq(buf, "trap");
	/* Sent and emptied: nothing goes twice. */
	ck_assert_uint_eq(udp_batch_send(b, srv), 0);
	ck_assert_int_eq(recv(cli, buf, sizeof(buf), MSG_DONTWAIT), -1);
}
END_TEST

START_TEST(test_send_slots_run_out)
{
	struct peer_addr dst;
	unsigned	 i;
	char		 buf[64];

	memset(&dst, 0, sizeof(dst));
	dst.family = 4;
	memcpy(dst.addr, "\x7f\x00\x00\x01", 4);
	dst.port = cli_port;
	for (i = 0; i < UDP_SEND_MAX; i++)
		queue_text("x", &dst, NULL);
	ck_assert_ptr_null(udp_batch_next_out(b));
	ck_assert_uint_eq(udp_batch_send(b, srv), 0);
	ck_assert_ptr_nonnull(udp_batch_next_out(b));
	for (i = 0; i < UDP_SEND_MAX; i++)
		recv_one(cli, buf, sizeof(buf));
	/* A destination of no family is not sent anywhere. */
	dst.family = 0;
	queue_text("nowhere", &dst, NULL);
	ck_assert_uint_eq(udp_batch_send(b, srv), 0);
	ck_assert_int_eq(recv(cli, buf, sizeof(buf), MSG_DONTWAIT), -1);
}
END_TEST

START_TEST(test_nothing_waiting)
{
	ck_assert_int_eq(udp_batch_recv(b, srv), 0);
}
END_TEST

static Suite *
udp_suite(void)
{
	Suite *s = suite_create("udp");
	TCase *tc = tcase_create("udp");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_receive_and_answer);
	tcase_add_test(tc, test_send_slots_run_out);
	tcase_add_test(tc, test_nothing_waiting);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(udp_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
