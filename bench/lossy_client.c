/*
 * A console for the exactly-once test (bench/lossy.sh): logs in over UDP
 * and sends COUNT Chassis Control power cycles, one at a time, each
 * retransmitted (same rqSeq, new session sequence number) every 100 ms
 * until its reply arrives.  Through a lossy relay many requests and
 * replies are lost; the BMC must still cycle exactly COUNT times, which
 * the calling script reads from the daemon's log.
 *
 *   lossy_client PORT USER PASSWORD SUITE COUNT
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

static int	     fd;
static unsigned long sent, retransmits, refused;

static void
send_or_die(const uint8_t *p, size_t n)
{
	sent++;
	if (send(fd, p, n, 0) < 0) {
		perror("send");
		exit(1);
	}
}

/*
 * Sends a (alen bytes) and feeds replies to the initiator until it says
 * something other than "ignored"; retransmits on every 100 ms of silence.
 */
static int
step(struct initiator *in, uint8_t *a, size_t *alen, size_t cap,
    struct initiator_event *ev)
{
	uint8_t	      b[RESPONDER_DATAGRAM_MAX];
	struct pollfd p = {0, POLLIN, 0};
	ssize_t	      n;
	int	      rc, tries;

	p.fd = fd;
	send_or_die(a, *alen);
	for (tries = 0; tries < 1000; tries++) {
		/* An error (a refused port, say) waits out the 100 ms too. */
		if (poll(&p, 1, 100) == 1 &&
		    (n = recv(fd, b, sizeof(b), 0)) > 0) {
			rc = initiator_input(
			    in, b, (size_t)n, a, cap, alen, ev);
			if (rc == INITIATOR_IGNORED)
				continue;
			return rc;
		} else if (p.revents & POLLERR)
			usleep(100000);
		if (initiator_retransmit(in, a, cap, alen) != 0) {
			fprintf(stderr, "cannot retransmit\n");
			exit(1);
		}
		retransmits++;
		send_or_die(a, *alen);
	}
	fprintf(stderr, "no answer after 1000 tries\n");
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
	uint8_t			a[RESPONDER_DATAGRAM_MAX];
	size_t			alen;
	long			count, i;
	int			rc;
	uint8_t			cycle = 0x02; /* §28.3 power cycle */

	if (argc != 6) {
		fprintf(stderr,
		    "usage: lossy_client PORT USER PASSWORD SUITE COUNT\n");
		return 2;
	}
	count = atol(argv[5]);
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
	while ((rc = step(in, a, &alen, sizeof(a), &ev)) != INITIATOR_DONE)
		if (rc != INITIATOR_SEND) {
			fprintf(stderr, "login failed: status %02x cc %02x\n",
			    ev.status, ev.cc);
			return 1;
		}
	for (i = 0; i < count; i++) {
		initiator_request(
		    in, 0x00, 0x02, &cycle, 1, a, sizeof(a), &alen);
		rc = step(in, a, &alen, sizeof(a), &ev);
		if (rc == INITIATOR_RESPONSE && ev.rsp.cc == 0xd5) {
			/*
			 * D5h: the "on" half of the last cycle has not come
			 * yet (a cycle needs the power on).  Not run: ask
			 * again, as a new request.
			 */
			refused++;
			usleep(10000);
			i--;
			continue;
		}
		if (rc != INITIATOR_RESPONSE || ev.rsp.cc != 0) {
			fprintf(stderr, "cycle %ld: rc %d cc %02x\n", i + 1, rc,
			    ev.rsp.cc);
			return 1;
		}
	}
	printf("%ld power cycles acknowledged; %lu datagrams sent, %lu "
	       "retransmits, %lu refused (D5h: still off)\n",
	    count, sent, retransmits, refused);
	initiator_free(in);
	rng_free(rng);
	return 0;
}
