/*
 * The floor of the machine for the benchmark: a UDP responder that does
 * nothing but turn ASF presence pings into pongs, drained and answered in
 * batches with recvmmsg/sendmmsg, as bmcsimd does.  Driven by the same
 * load client, it measures what the kernel and the loop cost alone.
 *
 *   pong_floor ADDR PORT        (stops on SIGINT or SIGTERM)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define DGRAM 512

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char **argv)
{
	static uint8_t	    in[BATCH][DGRAM], out[BATCH][40];
	struct sockaddr_in6 peers[BATCH];
	struct mmsghdr	    rx[BATCH], tx[BATCH];
	struct iovec	    riov[BATCH], tiov[BATCH];
	struct sockaddr_in  sin;
	struct pollfd	    pfd;
	unsigned long long  pongs = 0;
	int		    fd, n, i, k;

	if (argc != 3) {
		fprintf(stderr, "usage: pong_floor ADDR PORT\n");
		return 2;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)atoi(argv[2]));
	if (inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1)
		return 2;
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("pong_floor");
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	for (i = 0; i < BATCH; i++) {
		riov[i].iov_base = in[i];
		riov[i].iov_len = DGRAM;
		memset(&rx[i], 0, sizeof(rx[i]));
		rx[i].msg_hdr.msg_iov = &riov[i];
		rx[i].msg_hdr.msg_iovlen = 1;
		rx[i].msg_hdr.msg_name = &peers[i];
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!stop) {
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		for (i = 0; i < BATCH; i++)
			rx[i].msg_hdr.msg_namelen = sizeof(peers[i]);
		if ((n = recvmmsg(fd, rx, BATCH, 0, NULL)) <= 0)
			continue;
		for (i = 0, k = 0; i < n; i++) {
			const uint8_t *p = in[i];

			/* RMCP ASF class, IANA 4542, presence ping. */
			if (rx[i].msg_len < 12 || p[3] != 0x06 || p[8] != 0x80)
				continue;
			memcpy(
			    out[k], "\x06\x00\xff\x06\x00\x00\x11\xbe\x40", 9);
			out[k][2] = p[2];
			out[k][9] = p[9];
			out[k][10] = 0;
			out[k][11] = 16;
			memset(out[k] + 12, 0, 16);
			memcpy(out[k] + 12, "\x00\x00\x11\xbe", 4);
			out[k][20] = 0x81;
			tiov[k].iov_base = out[k];
			tiov[k].iov_len = 28;
			memset(&tx[k], 0, sizeof(tx[k]));
			tx[k].msg_hdr.msg_iov = &tiov[k];
			tx[k].msg_hdr.msg_iovlen = 1;
			tx[k].msg_hdr.msg_name = &peers[i];
			tx[k].msg_hdr.msg_namelen = rx[i].msg_hdr.msg_namelen;
			k++;
		}
		if (k > 0 && sendmmsg(fd, tx, (unsigned)k, 0) > 0)
			pongs += (unsigned long long)k;
	}
	fprintf(stderr, "pong_floor: %llu pongs\n", pongs);
	close(fd);
	return 0;
}
