/*
 * bmcsimd: simulated BMCs answering IPMI over LAN.  Runs in the
 * foreground, logs to stderr; see bmcsimd(8).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "daemon.h"
#include "journal.h"
#include "envopts.h"
#include "err.h"

#ifndef BMCSIM_DEFAULT_CONFIG
#define BMCSIM_DEFAULT_CONFIG "/usr/local/share/bmcsim/sim-configs/default.ini"
#endif

/* Long options without a letter: past every char getopt returns. */
#define MAIN_OPT_READY_FILE	    256
#define MAIN_OPT_CONTROL	    257
#define MAIN_OPT_CONTROL_TOKEN_FILE 258
#define MAIN_OPT_JOURNAL_SIZE	    270
#define MAIN_OPT_SEED		    259
#define MAIN_OPT_FLEET		    260
#define MAIN_OPT_SHARD		    261
#define MAIN_OPT_CONTROL_GROUP	    262

static const char *
main_getenv(const char *name)
{
	return getenv(name);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: bmcsimd [-c FILE] [--listen ADDR:PORT] [--state-dir DIR] "
	    "[--check]\n"
	    "               [-v...] [--user NAME] [--plugin FILE...]\n"
	    "               [--ready-file FILE] [--control "
	    "unix:PATH|tcp:ADDR:PORT]\n"
	    "               [--control-token-file FILE] [--control-group "
	    "GROUP]\n"
	    "               [--journal-size N] [--seed N] [--fleet COUNT] "
	    "[--shard I/N]\n"
	    "\n"
	    "Simulated BMCs answering IPMI over LAN (RMCP, RMCP+, IPMI 1.5).\n"
	    "\n"
	    "  -c, --config FILE     configuration (bmcsim.ini(5)); default\n"
	    "                        %s\n"
	    "  -l, --listen ADDR:PORT  endpoint of a single-BMC configuration\n"
	    "                        (default %s:%u; IPv6 as [::1]:623;\n"
	    "                        port 0: a free one, logged)\n"
	    "  -s, --state-dir DIR   keep what clients change (users, boot\n"
	    "                        options, ...) in DIR across restarts\n"
	    "  -n, --check           check the configuration and exit\n"
	    "  -v, --verbose         more logs: -v sessions, -vv packets,\n"
	    "                        -vvv every field; counters on exit\n"
	    "  -u, --user NAME       started as root: run as NAME once bound\n"
	    "  -P, --plugin FILE     load a plugin (bmcsim_plugin.h); up to 8\n"
	    "      --ready-file FILE once every BMC is bound, write there one\n"
	    "                        line per BMC: NAME ADDR:PORT (the port\n"
	    "                        bound, [V6]:PORT); rewritten on reload\n"
	    "      --control unix:PATH|tcp:ADDR:PORT\n"
	    "                        the control API (bmcsim ctl); default\n"
	    "                        unix:STATE-DIR/control.sock (mode 0600)\n"
	    "      --control-token-file FILE  TCP: the bearer token, made\n"
	    "                        (mode 0600) when the file is absent\n"
	    "      --control-group GROUP  unix: the socket's group, mode\n"
	    "                        0660; members may use the API too\n"
	    "      --journal-size N  requests the journal keeps (default %u;\n"
	    "                        0: no journal)\n"
	    "      --seed N          seed of the fault rules' draws (logged\n"
	    "                        at start; the same seed, the same\n"
	    "                        firings)\n"
	    "      --fleet COUNT     make the configuration's one BMC COUNT\n"
	    "                        BMCs, NAME-0001 on its port, then the\n"
	    "                        next ports\n"
	    "      --shard I/N       serve only the I-th of N equal runs of\n"
	    "                        the BMCs (I from 0; \"host\": the number\n"
	    "                        ending the host name)\n"
	    "  -h, --help            this text\n"
	    "  -V, --version         version\n"
	    "\n"
	    "Signals: TERM/INT stop, HUP reloads the configuration (unchanged\n"
	    "BMCs keep their sessions), USR1 prints counters.\n"
	    "Environment: BMCSIM_CONFIG, BMCSIM_LISTEN, BMCSIM_STATE_DIR,\n"
	    "BMCSIM_READY_FILE, BMCSIM_FLEET, BMCSIM_SHARD, BMCSIM_VERBOSE "
	    "give\n"
	    "the defaults of the options above.\n",
	    BMCSIM_DEFAULT_CONFIG, CONFIG_DEFAULT_HOST, CONFIG_DEFAULT_PORT,
	    JOURNAL_SIZE_DEFAULT);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"listen", required_argument, NULL, 'l'},
	    {"state-dir", required_argument, NULL, 's'},
	    {"check", no_argument, NULL, 'n'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"user", required_argument, NULL, 'u'},
	    {"plugin", required_argument, NULL, 'P'},
	    {"ready-file", required_argument, NULL, MAIN_OPT_READY_FILE},
	    {"control", required_argument, NULL, MAIN_OPT_CONTROL},
	    {"control-token-file", required_argument, NULL,
		MAIN_OPT_CONTROL_TOKEN_FILE},
	    {"journal-size", required_argument, NULL, MAIN_OPT_JOURNAL_SIZE},
	    {"seed", required_argument, NULL, MAIN_OPT_SEED},
	    {"fleet", required_argument, NULL, MAIN_OPT_FLEET},
	    {"shard", required_argument, NULL, MAIN_OPT_SHARD},
	    {"control-group", required_argument, NULL, MAIN_OPT_CONTROL_GROUP},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct daemon_options o;
	int		      c;
	unsigned	      nplugins = 0;
	char		      host[256], err[256];

	memset(&o, 0, sizeof(o));
	o.config_path = BMCSIM_DEFAULT_CONFIG;
	o.journal_size = JOURNAL_SIZE_DEFAULT;
	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	/* The environment first: the command line overrides it. */
	if (envopts_apply(&o, main_getenv, host, err, sizeof(err)) != 0) {
		fprintf(stderr, "bmcsimd: %s\n", err);
		return 2;
	}
	while ((c = getopt_long(
		    argc, argv, "c:l:s:nvu:P:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o.config_path = optarg;
			break;
		case 'l':
			o.listen = optarg;
			break;
		case 's':
			o.state_dir = optarg;
			break;
		case 'n':
			o.check_only = 1;
			break;
		case 'v':
			o.verbosity++;
			break;
		case 'u':
			o.user = optarg;
			break;
		case 'P':
			if (nplugins == 8) {
				fprintf(stderr, "bmcsimd: at most 8 plugins\n");
				return 2;
			}
			o.plugins[nplugins++] = optarg;
			break;
		case MAIN_OPT_READY_FILE:
			o.ready_file = optarg;
			break;
		case MAIN_OPT_CONTROL:
			o.control = optarg;
			break;
		case MAIN_OPT_CONTROL_TOKEN_FILE:
			o.control_token_file = optarg;
			break;
		case MAIN_OPT_JOURNAL_SIZE: {
			char	     *end;
			unsigned long v = strtoul(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' ||
			    optarg[0] == '-' || v > JOURNAL_SIZE_MAX) {
				fprintf(stderr,
				    "bmcsimd: --journal-size: a number of "
				    "requests, 0 to %u\n",
				    JOURNAL_SIZE_MAX);
				return 2;
			}
			o.journal_size = (size_t)v;
			break;
		}
		case MAIN_OPT_SEED: {
			char *end;

			errno = 0;
			o.seed = strtoull(optarg, &end, 0);
			if (*optarg == '\0' || *optarg == '-' || *end != '\0' ||
			    errno != 0) {
				fprintf(stderr,
				    "bmcsimd: --seed %s: expected "
				    "a number from 0 to "
				    "18446744073709551615\n",
				    optarg);
				return 2;
			}
			o.seed_set = 1;
			break;
		}
		case MAIN_OPT_FLEET:
			if (envopts_parse_count(
				optarg, CONFIG_INSTANCES_MAX, &o.fleet) != 0) {
				fprintf(stderr,
				    "bmcsimd: --fleet %s: a number of BMCs "
				    "from 1 to %d\n",
				    optarg, CONFIG_INSTANCES_MAX);
				return 2;
			}
			break;
		case MAIN_OPT_SHARD:
			if (envopts_parse_shard(optarg, host, &o.shard,
				&o.nshards, err, sizeof(err)) != 0) {
				fprintf(stderr, "bmcsimd: --shard %s\n", err);
				return 2;
			}
			break;
		case MAIN_OPT_CONTROL_GROUP:
			o.control_group = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("bmcsimd %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "bmcsimd: unexpected argument '%s'\n",
		    argv[optind]);
		usage(stderr);
		return 2;
	}
	return daemon_run(&o);
}
