/*
 * A scripted console for the retransmission test: it logs in to a started
 * bmcsimd over UDP, sending every handshake message twice and checking
 * that both answers are the same bytes; then it sends Chassis Control,
 * "loses" the reply, retransmits (same rqSeq, new session sequence) and
 * checks that the retry is answered.  Whether the command ran once is for
 * the calling script to read from the daemon's counters.
 *
 *   retry_client PORT USER PASSWORD SUITE
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hash.h"
#include "initiator.h"
#include "responder.h"
#include "rng.h"

static int fd;

static size_t
exchange(const uint8_t *out, size_t outlen, uint8_t *in, size_t cap)
{
	struct pollfd p = {fd, POLLIN, 0};
	ssize_t	      n;
	int	      tries;

	for (tries = 0; tries < 4; tries++) {
		if (send(fd, out, outlen, 0) < 0) {
			perror("send");
			exit(1);
		}
		if (poll(&p, 1, 1000) == 1 && (n = recv(fd, in, cap, 0)) > 0)
			return (size_t)n;
	}
	fprintf(stderr, "no answer\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	struct sockaddr_in	sin;
	struct rng	       *rng;
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	uint8_t c[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen, clen;
	int	rc, steps = 0;
	uint8_t action = 0x01; /* power up: valid in any power state */

	if (argc != 5) {
		fprintf(
		    stderr, "usage: retry_client PORT USER PASSWORD SUITE\n");
		return 2;
	}
	crypto_init();
	rng = rng_new_system();
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)atoi(argv[1]));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("socket");
		return 1;
	}
	initiator_config_defaults(&ic);
	ic.name_len = (uint8_t)strlen(argv[2]);
	memcpy(ic.name, argv[2], ic.name_len);
	memcpy(ic.password, argv[3], strlen(argv[3]));
	ic.suite_id = (uint8_t)atoi(argv[4]);
	in = initiator_new(&ic, rng);
	initiator_start(in, a, sizeof(a), &alen);
	for (;;) {
		int handshake = initiator_state(in) != INITIATOR_SET_PRIV;

		blen = exchange(a, alen, b, sizeof(b));
		if (handshake) {
			/* The same request again gets the same answer. */
			clen = exchange(a, alen, c, sizeof(c));
			if (clen != blen || memcmp(b, c, blen) != 0) {
				fprintf(stderr,
				    "step %d: a retransmit got a "
				    "different answer\n",
				    steps);
				return 1;
			}
			printf("handshake step %d: retransmit answered the "
			       "same\n",
			    steps);
		}
		steps++;
		rc = initiator_input(in, b, blen, a, sizeof(a), &alen, &ev);
		if (rc == INITIATOR_DONE)
			break;
		if (rc != INITIATOR_SEND) {
			fprintf(stderr, "login failed: status %02x cc %02x\n",
			    ev.status, ev.cc);
			return 1;
		}
	}
	/* Chassis Control; the first reply is "lost". */
	initiator_request(in, 0x00, 0x02, &action, 1, a, sizeof(a), &alen);
	blen = exchange(a, alen, b, sizeof(b));
	initiator_retransmit(in, a, sizeof(a), &alen);
	blen = exchange(a, alen, b, sizeof(b));
	rc = initiator_input(in, b, blen, c, sizeof(c), &clen, &ev);
	if (rc != INITIATOR_RESPONSE || ev.rsp.cc != 0) {
		fprintf(stderr, "the retried Chassis Control got no answer\n");
		return 1;
	}
	printf("retried chassis control answered: cc %02x\n", ev.rsp.cc);
	initiator_close(in, a, sizeof(a), &alen);
	exchange(a, alen, b, sizeof(b));
	initiator_free(in);
	rng_free(rng);
	return 0;
}
