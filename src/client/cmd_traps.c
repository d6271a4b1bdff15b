/*
 * bmcsim traps: a small trap receiver.  Every SNMPv1 trap that arrives is
 * printed field by field, a Platform Event Trap's variable binding
 * decoded (PET 1.0); with --ack it answers each PET with a PET
 * Acknowledge (IPMI 2.0 §30.8) outside a session, as FreeIPMI's
 * ipmi-pet --pet-acknowledge does, which stops an acknowledged
 * destination's resends.
 */
#include <errno.h>
#include <getopt.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmd.h"
#include "describe.h"
#include "err.h"
#include "petack.h"
#include "snmp.h"

#define TRAPS_DGRAM_MAX 2048

struct traps_opts {
	char	      host[256];
	char	      port[8];
	int	      ack;
	unsigned long ack_port; /* 0: the trap's source port */
	unsigned long count;	/* 0: forever */
	unsigned long idle_s;	/* 0: forever */
	int	      hex;
};

/* "ADDR:PORT", "[V6]:PORT", "ADDR" or ":PORT": 0, or -1. */
static int
traps_parse_listen(const char *s, struct traps_opts *o)
{
	const char *colon;
	size_t	    hl;

	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (end == NULL)
			return -1;
		hl = (size_t)(end - s - 1);
		if (hl >= sizeof(o->host))
			return -1;
		memcpy(o->host, s + 1, hl);
		o->host[hl] = '\0';
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] != '\0' && colon == NULL)
			return -1;
	} else {
		colon = strrchr(s, ':');
		hl = colon != NULL ? (size_t)(colon - s) : strlen(s);
		if (hl >= sizeof(o->host))
			return -1;
		memcpy(o->host, s, hl);
		o->host[hl] = '\0';
	}
	if (colon != NULL) {
		if (strlen(colon + 1) == 0 ||
		    strlen(colon + 1) >= sizeof(o->port))
			return -1;
		snprintf(o->port, sizeof(o->port), "%s", colon + 1);
	}
	if (o->host[0] == '\0')
		snprintf(o->host, sizeof(o->host), "0.0.0.0");
	return 0;
}

static int
traps_bind(const struct traps_opts *o)
{
	struct addrinfo hints, *res, *ai;
	int		fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	if ((rc = getaddrinfo(o->host, o->port, &hints, &res)) != 0) {
		fprintf(stderr, "bmcsim traps: %s:%s: %s\n", o->host, o->port,
		    gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, SOCK_DGRAM, 0)) < 0)
			continue;
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		fprintf(stderr,
		    "bmcsim traps: cannot listen on %s port %s: %s%s\n",
		    o->host, o->port, strerror(errno),
		    errno == EACCES ? " (port 162 needs privileges: try -l "
				      "ADDR:11162)"
				    : "");
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* The sender as text and its port. */
static void
traps_peer(const struct sockaddr_storage *ss, socklen_t sl, char *host,
    size_t hcap, unsigned *port)
{
	char serv[16];

	if (getnameinfo((const struct sockaddr *)ss, sl, host, (socklen_t)hcap,
		serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(host, hcap, "?");
		snprintf(serv, sizeof(serv), "0");
	}
	*port = (unsigned)strtoul(serv, NULL, 10);
}

static void
traps_ack(int fd, const struct traps_opts *o, const uint8_t *p, size_t n,
    struct sockaddr_storage *from, socklen_t sl, const char *host,
    unsigned port, uint8_t seq)
{
	uint8_t out[128];
	size_t	len;

	if (petack_encode(p, n, seq, out, sizeof(out), &len) != 0) {
		printf("  (not a PET: no acknowledgement)\n");
		return;
	}
	if (o->ack_port != 0) {
		port = (unsigned)o->ack_port;
		if (from->ss_family == AF_INET)
			((struct sockaddr_in *)from)->sin_port = htons(
			    (uint16_t)port);
		else if (from->ss_family == AF_INET6)
			((struct sockaddr_in6 *)from)->sin6_port = htons(
			    (uint16_t)port);
	}
	if (sendto(fd, out, len, 0, (struct sockaddr *)from, sl) < 0)
		printf("  PET Acknowledge to %s port %u failed: %s\n", host,
		    port, strerror(errno));
	else
		printf("  PET Acknowledge sent to %s port %u (%zu bytes)\n",
		    host, port, len);
}

static int
traps_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    {"ack", no_argument, NULL, 'a'},
	    {"ack-port", required_argument, NULL, 'P'},
	    {"count", required_argument, NULL, 'c'},
	    {"timeout", required_argument, NULL, 't'},
	    {"hex", no_argument, NULL, 'x'},
	    {NULL, 0, NULL, 0},
	};
	struct traps_opts	o;
	struct sockaddr_storage from;
	socklen_t		sl;
	struct pollfd		pfd;
	uint8_t			buf[TRAPS_DGRAM_MAX];
	char			host[64];
	unsigned long		got = 0;
	unsigned		port;
	ssize_t			n;
	uint8_t			seq = 0;
	int			opt, fd, r;
	char		       *end;

	memset(&o, 0, sizeof(o));
	snprintf(o.host, sizeof(o.host), "0.0.0.0");
	snprintf(o.port, sizeof(o.port), "%u", SNMP_TRAP_PORT);
	optind = 1;
	while (
	    (opt = getopt_long(argc, argv, "l:ac:t:x", longopts, NULL)) != -1) {
		switch (opt) {
		case 'l':
			if (traps_parse_listen(optarg, &o) != 0)
				return cmd_usage(&cmd_traps_entry);
			break;
		case 'a':
			o.ack = 1;
			break;
		case 'P':
			o.ack_port = strtoul(optarg, &end, 10);
			if (*end != '\0' || o.ack_port == 0 ||
			    o.ack_port > 65535)
				return cmd_usage(&cmd_traps_entry);
			o.ack = 1;
			break;
		case 'c':
			o.count = strtoul(optarg, &end, 10);
			if (*end != '\0')
				return cmd_usage(&cmd_traps_entry);
			break;
		case 't':
			o.idle_s = strtoul(optarg, &end, 10);
			if (*end != '\0')
				return cmd_usage(&cmd_traps_entry);
			break;
		case 'x':
			o.hex = 1;
			break;
		default:
			return cmd_usage(&cmd_traps_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_traps_entry);
	if ((fd = traps_bind(&o)) < 0)
		return CMD_EXIT_ERROR;
	printf("listening for traps on %s port %s\n", o.host, o.port);
	fflush(stdout);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (o.count == 0 || got < o.count) {
		r = poll(&pfd, 1, o.idle_s != 0 ? (int)(o.idle_s * 1000) : -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sl = sizeof(from);
		n = recvfrom(
		    fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &sl);
		if (n < 0)
			continue;
		got++;
		traps_peer(&from, sl, host, sizeof(host), &port);
		printf("trap %lu from %s port %u, %zd bytes\n", got, host, port,
		    n);
		if (o.hex) {
			ssize_t i;

			printf("  hex:");
			for (i = 0; i < n; i++)
				printf(" %02x", buf[i]);
			printf("\n");
		}
		(void)describe_snmp_trap(stdout, "  ", buf, (size_t)n);
		if (o.ack)
			traps_ack(fd, &o, buf, (size_t)n, &from, sl, host, port,
			    seq++);
		fflush(stdout);
	}
	close(fd);
	if (o.count != 0 && got < o.count) {
		fprintf(stderr,
		    "bmcsim traps: %lu of %lu traps before the "
		    "timeout\n",
		    got, o.count);
		return CMD_EXIT_ERROR;
	}
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_traps_entry = {
    "traps",
    traps_exec,
    "[-l ADDR:PORT] [--ack] [--ack-port PORT] [-c COUNT] [-t SEC] [-x]",
    "Receives SNMPv1 traps and prints each field by field, a Platform\n"
    "Event Trap's variable binding decoded (GUID, sequence number, time,\n"
    "severity, sensor, event data, manufacturer, alert string).\n"
    "  -l, --listen ADDR:PORT  where to listen (default 0.0.0.0:162;\n"
    "                          [V6]:PORT for IPv6)\n"
    "  -a, --ack               answer each PET with a PET Acknowledge\n"
    "                          (sessionless IPMI 1.5) to the trap's source\n"
    "                          address and port: bmcsimd sends traps from\n"
    "                          the BMC's own endpoint\n"
    "      --ack-port PORT     send the acknowledgement to this port of\n"
    "                          the source instead (623 for a real BMC)\n"
    "  -c, --count N           exit after N traps (1 if fewer came)\n"
    "  -t, --timeout SEC       exit after SEC seconds without a trap\n"
    "  -x, --hex               print each datagram in hex too\n",
    0,
};
