/*
 * bmcsim raw NETFN CMD [DATA...]: one request in a session, as ipmitool
 * raw does: numbers as C literals (0x06, 6), the response data printed in
 * hex, a non-zero completion code reported and exit status 1.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "cursor.h"
#include "cmd.h"
#include "describe_cmd.h"
#include "ipmimsg.h"
#include "names.h"

static int
raw_byte(const char *s, unsigned max, uint8_t *v)
{
	unsigned long x;
	char	     *end;

	errno = 0;
	x = strtoul(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || x > max) {
		fprintf(stderr, "bmcsim raw: invalid value \"%s\"\n", s);
		return -1;
	}
	*v = (uint8_t)x;
	return 0;
}

static void
raw_print(const struct ipmi_rsp *rsp)
{
	size_t	  i;
	struct rd r;
	uint8_t	  b;

	rd_init(&r, rsp->data, rsp->data_len);
	for (i = 0; rd_u8(&r, &b) == 0; i++) {
		if (i > 0 && i % 16 == 0)
			printf("\n");
		printf(" %02x", b);
	}
	printf("\n");
}

static int
raw_exec(int argc, char **argv)
{
	struct client_opts     o;
	struct client	      *c = NULL;
	struct initiator_event ev;
	uint8_t		       netfn, cmd, data[IPMIMSG_DATA_MAX];
	size_t		       len = 0;
	char		       err[256];
	int		       opt, rc, i, status = CMD_EXIT_ERROR;

	client_opts_defaults(&o);
	while ((opt = getopt(argc, argv, "+" CLIENT_SHORT_OPTS)) != -1)
		if ((rc = client_opts_parse(&o, opt, optarg)) <= 0) {
			client_opts_wipe(&o);
			return rc < 0 ? CMD_EXIT_ERROR
				      : cmd_usage(&cmd_raw_entry);
		}
	if (argc - optind < 2) {
		client_opts_wipe(&o);
		return cmd_usage(&cmd_raw_entry);
	}
	if (raw_byte(argv[optind], 0x3f, &netfn) != 0 ||
	    raw_byte(argv[optind + 1], 0xff, &cmd) != 0)
		goto out;
	for (i = optind + 2; i < argc; i++) {
		if (len == sizeof(data)) {
			fprintf(stderr,
			    "bmcsim raw: more than %zu data "
			    "bytes\n",
			    sizeof(data));
			goto out;
		}
		if (raw_byte(argv[i], 0xff, &data[len++]) != 0)
			goto out;
	}
	if ((c = client_new(&o, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bmcsim raw: %s\n", err);
		goto out;
	}
	if (client_login(c) != 0) {
		fprintf(stderr, "bmcsim raw: login to %s failed: %s\n",
		    client_peer(c), client_error(c));
		goto out;
	}
	if (client_request(c, netfn, cmd, data, len, &ev) != 0) {
		fprintf(stderr, "bmcsim raw: %s\n", client_error(c));
		goto out;
	}
	if (ev.rsp.cc != IPMI_CC_OK)
		fprintf(stderr,
		    "Unable to send RAW command (channel=0x0 netfn=0x%x "
		    "lun=0x0 "
		    "cmd=0x%x rsp=0x%x): %s\n",
		    netfn, cmd, ev.rsp.cc,
		    describe_cmd_cc((uint8_t)(netfn | 1), (uint8_t)cmd,
			ev.rsp.data, ev.rsp.data_len, ev.rsp.cc) != NULL
			? describe_cmd_cc((uint8_t)(netfn | 1), (uint8_t)cmd,
			      ev.rsp.data, ev.rsp.data_len, ev.rsp.cc)
			: names_cc(ev.rsp.cc));
	else {
		raw_print(&ev.rsp);
		status = CMD_EXIT_OK;
	}
	(void)client_logout(c);
out:
	client_free(c);
	client_opts_wipe(&o);
	return status;
}

const struct cmd_entry cmd_raw_entry = {
    "raw",
    raw_exec,
    "[SESSION OPTIONS] NETFN CMD [DATA...]",
    "Sends one request in a session and prints the response data in hex,\n"
    "16 bytes a line, like ipmitool raw.  Numbers are C literals: 0x06 or\n"
    "6.  A completion code other than 00h is printed with its meaning and\n"
    "the exit status is 1.\n",
    1,
};
