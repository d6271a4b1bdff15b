/*
 * bmcsim: the client and teaching-lab tool.  Git-style subcommands from a
 * const table; "bmcsim help CMD" prints a command's help.
 */

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "hash.h"

static const struct cmd_entry *const cmd_table[] = {
    &cmd_ping_entry,
    &cmd_info_entry,
    &cmd_raw_entry,
    &cmd_trace_entry,
    &cmd_decode_entry,
    &cmd_bench_entry,
    &cmd_ctl_entry,
    &cmd_traps_entry,
};

#define CMD_COUNT (sizeof(cmd_table) / sizeof(cmd_table[0]))

const char cmd_common_help[] =
    "Session options (as ipmitool's):\n"
    "  -H HOST       BMC address or name, IPv4 or IPv6 (127.0.0.1)\n"
    "  -p PORT       UDP port (623)\n"
    "  -U USER       user name (null user)\n"
    "  -P PASSWORD   password; -E takes it from IPMI_PASSWORD\n"
    "  -k KEY        K_G, the BMC key of two-key logins; -y HEX in hex\n"
    "  -C SUITE      RMCP+ cipher suite (default: the best that Get\n"
    "                Channel Cipher Suites lists)\n"
    "  -L PRIV       CALLBACK, USER, OPERATOR or ADMINISTRATOR (default)\n"
    "  -I lan|lanplus  IPMI 1.5 or IPMI 2.0 RMCP+ (default lanplus)\n"
    "  -A AUTH       IPMI 1.5 auth type MD5 (default), MD2, PASSWORD, NONE\n"
    "  -N SECONDS    first timeout (1); each retry waits one more\n"
    "  -R COUNT      tries (4)\n"
    "  -v            verbose: show every datagram summary\n";

int
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, "usage: bmcsim %s %s\n", e->name, e->usage);
	return CMD_EXIT_USAGE;
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < CMD_COUNT; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

static void
main_usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: bmcsim COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (i = 0; i < CMD_COUNT; i++)
		fprintf(
		    fp, "  %-7s %s\n", cmd_table[i]->name, cmd_table[i]->usage);
	fprintf(fp,
	    "  help    [COMMAND]\n"
	    "  --version\n\n"
	    "Exit status: 0 success, 1 error (as ipmitool).\n");
}

static int
main_help(int argc, char **argv)
{
	const struct cmd_entry *e;

	if (argc < 2) {
		main_usage(stdout);
		return CMD_EXIT_OK;
	}
	if ((e = cmd_find(argv[1])) == NULL) {
		fprintf(stderr, "bmcsim: no command \"%s\"\n", argv[1]);
		return CMD_EXIT_USAGE;
	}
	printf("usage: bmcsim %s %s\n\n%s", e->name, e->usage, e->help);
	if (e->session_opts)
		printf("\n%s", cmd_common_help);
	return CMD_EXIT_OK;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *e;
	int			rc;

	if (argc < 2) {
		main_usage(stderr);
		return CMD_EXIT_USAGE;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)
		return main_help(argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("bmcsim %s\n", PACKAGE_VERSION);
		return CMD_EXIT_OK;
	}
	if ((e = cmd_find(argv[1])) == NULL) {
		fprintf(stderr, "bmcsim: no command \"%s\"\n", argv[1]);
		main_usage(stderr);
		return CMD_EXIT_USAGE;
	}
	if (crypto_init() != 0) {
		fprintf(stderr,
		    "bmcsim: cannot initialise the crypto "
		    "backend\n");
		return CMD_EXIT_ERROR;
	}
	rc = e->exec(argc - 1, argv + 1);
	crypto_fini();
	return rc;
}
