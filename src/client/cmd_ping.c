/*
 * bmcsim ping: the ASF presence ping (ASF 2.0 §3.2.4.3).  It needs no
 * session and no password, which is why management software uses it to
 * find BMCs; the pong says whether IPMI is supported at all.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asf.h"
#include "client.h"
#include "cmd.h"
#include "cursor.h"
#include "describe.h"
#include "err.h"
#include "rmcp.h"
#include "transport.h"

static int
ping_print(
    const uint8_t *p, size_t n, uint8_t tag, uint64_t rtt_ns, int verbose)
{
	struct rmcp_header h;
	struct asf_msg	   m;
	struct asf_pong	   pong;
	struct rd	   r;

	rd_init(&r, p, n);
	if (rmcp_decode_header(&r, &h) != 0 ||
	    (h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_ASF ||
	    asf_decode(&r, &m) != 0 || m.type != ASF_TYPE_PONG ||
	    m.tag != tag || asf_decode_pong(m.data, m.data_len, &pong) != 0)
		return ERR_FORMAT;
	printf("pong: tag %u, RTT %.3f ms\n", m.tag, (double)rtt_ns / 1e6);
	printf("  IANA enterprise        : %u%s\n", pong.iana,
	    pong.iana == ASF_IANA ? " (ASF)" : "");
	printf("  OEM defined            : %08xh\n", pong.oem);
	printf("  supported entities     : %02xh (IPMI %s, ASF 1.0 %s)\n",
	    pong.entities, pong.entities & ASF_ENTITY_IPMI ? "yes" : "no",
	    pong.entities & ASF_ENTITY_ASF_1_0 ? "yes" : "no");
	printf("  supported interactions : %02xh (RMCP security extensions "
	       "%s, DASH %s)\n",
	    pong.interactions,
	    pong.interactions & ASF_INTERACTION_SECURE ? "yes" : "no",
	    pong.interactions & ASF_INTERACTION_DASH ? "yes" : "no");
	if (verbose)
		describe_datagram(stdout, "  ", p, n);
	return 0;
}

/*
 * -r FILE: the first BMC of bmcsimd's ready file ("NAME ADDR:PORT" or
 * "NAME [V6]:PORT" per line), so a container's health check finds the
 * port of whatever BMCs it runs.  The file appears only once every BMC is
 * bound.  0, or -1 after saying why.
 */
static int
ping_target_from_ready(struct client_opts *o, const char *path)
{
	FILE	     *f = fopen(path, "r");
	char	      line[512], *ep, *colon, *end;
	unsigned long port;

	if (f == NULL) {
		fprintf(stderr, "bmcsim ping: %s: not ready (no file)\n", path);
		return -1;
	}
	if (fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		fprintf(stderr, "bmcsim ping: %s: empty\n", path);
		return -1;
	}
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	if ((ep = strchr(line, ' ')) == NULL ||
	    (colon = strrchr(++ep, ':')) == NULL)
		goto bad;
	*colon = '\0';
	port = strtoul(colon + 1, &end, 10);
	if (*end != '\0' || port == 0 || port > 65535)
		goto bad;
	if (ep[0] == '[') {
		ep++;
		if ((end = strchr(ep, ']')) == NULL)
			goto bad;
		*end = '\0';
	}
	snprintf(o->host, sizeof(o->host), "%s", ep);
	o->port = (uint16_t)port;
	return 0;
bad:
	fprintf(stderr, "bmcsim ping: %s: not a ready file\n", path);
	return -1;
}

static int
ping_exec(int argc, char **argv)
{
	struct client_opts o;
	struct client	  *c;
	uint8_t		   out[64], in[1024];
	size_t		   outlen, n;
	uint64_t	   sent, rtt;
	unsigned long	   count = 1, i;
	char		   err[256];
	int		   opt, rc, t, got, failures = 0;
	uint8_t		   tag;

	client_opts_defaults(&o);
	while ((opt = getopt(argc, argv, CLIENT_SHORT_OPTS "c:r:")) != -1) {
		if (opt == 'r') {
			if (ping_target_from_ready(&o, optarg) != 0)
				return CMD_EXIT_ERROR;
			continue;
		}
		if (opt == 'c') {
			count = strtoul(optarg, NULL, 10);
			if (count == 0)
				return cmd_usage(&cmd_ping_entry);
			continue;
		}
		if ((rc = client_opts_parse(&o, opt, optarg)) <= 0)
			return rc < 0 ? CMD_EXIT_ERROR
				      : cmd_usage(&cmd_ping_entry);
	}
	if (optind != argc)
		return cmd_usage(&cmd_ping_entry);
	if ((c = client_new(&o, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bmcsim ping: %s\n", err);
		return CMD_EXIT_ERROR;
	}
	for (i = 0; i < count; i++) {
		/* Tags 0..254: 255 means "not a request/response pair". */
		tag = (uint8_t)(i % 255);
		asf_encode_ping(
		    RMCP_SEQ_NO_ACK, tag, out, sizeof(out), &outlen);
		got = 0;
		for (t = 0; t < o.tries && !got; t++) {
			if (client_send_raw(c, out, outlen) != 0)
				break;
			sent = transport_now_ns();
			while (!got) {
				rc = client_recv_raw(c, in, sizeof(in), &n,
				    o.timeout_ms * (t + 1));
				if (rc != 0)
					break;
				rtt = transport_now_ns() - sent;
				got = ping_print(in, n, tag, rtt, o.verbose) ==
				    0;
			}
			if (rc == ERR_SYSTEM)
				break;
		}
		if (!got) {
			fprintf(stderr, "bmcsim ping: no pong from %s%s%s\n",
			    client_peer(c), client_error(c)[0] ? ": " : "",
			    client_error(c));
			failures++;
		}
	}
	client_free(c);
	return failures == 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
}

const struct cmd_entry cmd_ping_entry = {
    "ping",
    ping_exec,
    "[-H HOST] [-p PORT] [-r READY-FILE] [-c COUNT] [-N SEC] [-R TRIES] "
    "[-v]",
    "Sends ASF presence pings (RMCP class ASF, no session, no password)\n"
    "and prints each pong's fields and the round-trip time.\n"
    "  -c COUNT   pings to send (1)\n"
    "  -r FILE    ping the first BMC of bmcsimd's --ready-file (a health\n"
    "             check: fails until every BMC is bound)\n"
    "  -v         also describe the pong field by field\n",
    0,
};
