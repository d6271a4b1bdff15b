/*
 * bmcsim decode: describes datagrams field by field, from hex text (the
 * command line, a file, or stdin) or from a pcap capture, and, given the
 * password, follows the handshake to check every auth code and decrypt
 * every encrypted payload (follow.c).
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "cmd.h"
#include "ct.h"
#include "cursor.h"
#include "describe.h"
#include "err.h"
#include "follow.h"
#include "hexin.h"
#include "keylog.h"
#include "pcapfile.h"
#include "responder.h"
#include "rmcp.h"
#include "snmp.h"
#include "texttrace.h"

#define DECODE_FILE_MAX	 (256u << 20)
#define DECODE_DGRAM_MAX 65536

struct decode {
	struct follow *follow;
	unsigned       count;
	unsigned       malformed;
	int	       quiet; /* -q: only the follower's lines */
};

/* Reads a whole file ("-" is stdin) into a NUL-terminated buffer. */
static char *
decode_slurp(const char *path, size_t *len)
{
	FILE  *fp;
	char  *buf = NULL, *nbuf;
	size_t cap = 0, n = 0, r;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL) {
		fprintf(
		    stderr, "bmcsim decode: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n + 1 >= cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > DECODE_FILE_MAX ||
			    (nbuf = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "bmcsim decode: %s: too big\n",
				    path);
				free(buf);
				buf = NULL;
				goto out;
			}
			buf = nbuf;
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		if (r == 0)
			break;
		n += r;
	}
	if (ferror(fp)) {
		fprintf(stderr, "bmcsim decode: %s: read error\n", path);
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
	*len = n;
out:
	if (fp != stdin)
		fclose(fp);
	return buf;
}

static void
decode_one(struct decode *d, const char *heading, const uint8_t *p, size_t n)
{
	d->count++;
	printf("#%u %s (%zu bytes)\n", d->count, heading, n);
	/* A BER SEQUENCE is no RMCP header: an SNMP trap (a PET). */
	if (n > 0 && p[0] == BER_SEQUENCE) {
		if (describe_snmp_trap(stdout, "  ", p, n) != 0)
			d->malformed++;
		printf("\n");
		return;
	}
	if (!d->quiet && describe_datagram(stdout, "  ", p, n) != 0)
		d->malformed++;
	follow_datagram(d->follow, stdout, "  ", p, n);
	printf("\n");
}

static const char *
decode_dir(enum hexin_dir dir)
{
	return dir == HEXIN_DIR_C2B ? "console -> BMC" : "BMC -> console";
}

/* The packets of an ipmitool -vvvv or FreeIPMI --debug output. */
static int
decode_client_text(
    struct decode *d, const char *text, size_t len, enum texttrace_kind kind)
{
	static const char *const how[] = {"", "", ", from FreeIPMI's fields",
	    ", as FreeIPMI printed it "
	    "decrypted (rebuilt without "
	    "encryption and trailer)"};
	struct texttrace_record	 rec;
	struct texttrace	 t;
	static uint8_t		 buf[DECODE_DGRAM_MAX];
	char			 heading[192];
	int			 rc;

	texttrace_init(&t, text, len, kind);
	while ((rc = texttrace_next(&t, buf, sizeof(buf), &rec)) == 1) {
		snprintf(heading, sizeof(heading), "line %u, %s %s%s", rec.line,
		    decode_dir(rec.dir), rec.name,
		    how[rec.rebuilt < 0 || rec.rebuilt > 2 ? 0
							   : rec.rebuilt + 1]);
		decode_one(d, heading, buf, rec.len);
	}
	if (rc < 0) {
		fflush(stdout);
		fprintf(stderr, "bmcsim decode: line %u: %s\n", t.line,
		    rc == ERR_FORMAT ? "packet dump cut short or not hex"
				     : err_str(rc));
		return -1;
	}
	if (d->count == 0) {
		fprintf(stderr, "bmcsim decode: no packet in the %s output\n",
		    kind == TEXTTRACE_IPMITOOL ? "ipmitool" : "FreeIPMI");
		return -1;
	}
	return 0;
}

static int
decode_text(struct decode *d, const char *text, size_t len)
{
	struct hexin_record rec;
	struct hexin	    h;
	uint8_t		    buf[DECODE_DGRAM_MAX];
	char		    heading[128];
	enum texttrace_kind kind;
	int		    rc;

	if ((kind = texttrace_sniff(text, len)) != TEXTTRACE_NONE)
		return decode_client_text(d, text, len, kind);
	hexin_init(&h, text, len);
	while ((rc = hexin_next(&h, buf, sizeof(buf), &rec)) == 1) {
		if (rec.dir == HEXIN_DIR_UNKNOWN)
			snprintf(heading, sizeof(heading), "line %u", rec.line);
		else
			snprintf(heading, sizeof(heading), "line %u, %s %s",
			    rec.line, decode_dir(rec.dir), rec.name);
		decode_one(d, heading, buf, rec.len);
	}
	if (rc < 0) {
		fflush(stdout);
		fprintf(stderr, "bmcsim decode: line %u: %s\n", h.line,
		    rc == ERR_FORMAT ? "not hex" : err_str(rc));
		return -1;
	}
	if (d->count == 0) {
		fprintf(stderr, "bmcsim decode: no datagram in the input\n");
		return -1;
	}
	return 0;
}

/* A capture's time stamp as people read it: UTC, to the microsecond. */
static void
decode_when(char *buf, size_t cap, uint32_t sec, uint32_t usec)
{
	time_t	  t = (time_t)sec;
	struct tm tm;
	char	  day[32];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, cap, "%u.%06u", sec, usec);
	else
		snprintf(buf, cap, "%s.%06u UTC", day, usec);
}

/* RMCP version 06h and a zero reserved byte: worth describing. */
static int
decode_looks_rmcp(const uint8_t *p, size_t n)
{
	struct rmcp_header h;
	struct rd	   r;

	rd_init(&r, p, n);
	return rmcp_decode_header(&r, &h) == 0 &&
	    h.version == RMCP_VERSION_1_0 && h.reserved == 0;
}

static int
decode_pcap(struct decode *d, const uint8_t *p, size_t n)
{
	struct pcapfile	    f;
	struct pcapfile_udp u;
	char		    src[64], dst[64], heading[192], when[48];
	unsigned	    traps = 0, other = 0;
	int		    trap;
	int		    rc;

	if ((rc = pcapfile_open(&f, p, n)) != 0) {
		fprintf(stderr, "bmcsim decode: not a usable capture: %s\n",
		    rc == ERR_UNSUPPORTED ? "unsupported link type"
					  : err_str(rc));
		return -1;
	}
	while ((rc = pcapfile_next_udp(&f, &u)) == 1) {
		trap = u.sport == SNMP_TRAP_PORT || u.dport == SNMP_TRAP_PORT;
		if (trap)
			traps++;
		else if (!decode_looks_rmcp(u.payload, u.len)) {
			other++;
			continue;
		}
		pcapfile_addr_str(src, sizeof(src), u.family, u.src, u.sport);
		pcapfile_addr_str(dst, sizeof(dst), u.family, u.dst, u.dport);
		decode_when(when, sizeof(when), u.ts_sec, u.ts_usec);
		snprintf(heading, sizeof(heading), "record %u, %s, %s -> %s",
		    u.record, when, src, dst);
		decode_one(d, heading, u.payload, u.len);
	}
	pcapfile_close(&f);
	if (rc < 0) {
		/* After the records: the error must not land mid-output. */
		fflush(stdout);
		fprintf(stderr,
		    "bmcsim decode: capture truncated after "
		    "record %u\n",
		    f.records);
	}
	printf("capture: %u records, %u RMCP datagrams, %u SNMP traps (UDP "
	       "162), %u other UDP, %u not UDP over IP, %u cut by the snap "
	       "length\n",
	    f.records, d->count - traps, traps, other, f.skipped, f.truncated);
	return rc < 0 ? -1 : 0;
}

static int
decode_is_pcap(const uint8_t *p, size_t n)
{
	return pcapfile_sniff(p, n);
}

/* The journal's key log: each session's keys handed to the follower. */
static int
decode_keylog(struct follow *fol, const char *path)
{
	struct keylog_entry e;
	char		   *text, *line, *next;
	size_t		    len;
	unsigned	    lineno = 0, n = 0;
	int		    rc, status = -1;

	if ((text = decode_slurp(path, &len)) == NULL)
		return -1;
	for (line = text; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((rc = keylog_parse_line(line, &e)) == 0)
			continue;
		if (rc < 0) {
			fprintf(stderr,
			    "bmcsim decode: %s:%u: not a key log line "
			    "(RMCPP bmc_sid=.. console_sid=.. suite=.. sik=.. "
			    "k1=.. k2=..)\n",
			    path, lineno);
			goto out;
		}
		if ((rc = follow_add_keys(fol, e.console_sid, e.bmc_sid,
			 e.suite, e.sik, e.k1, e.k2, e.key_len)) != 0) {
			fprintf(stderr, "bmcsim decode: %s:%u: %s\n", path,
			    lineno,
			    rc == ERR_UNSUPPORTED
				? "cipher suite not implemented"
				: "key length does not fit the suite");
			goto out;
		}
		n++;
	}
	if (n == 0) {
		fprintf(stderr,
		    "bmcsim decode: %s: no session in the key log\n", path);
		goto out;
	}
	status = 0;
out:
	ct_wipe(&e, sizeof(e));
	ct_wipe(text, len);
	free(text);
	return status;
}

static int
decode_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"pcap", required_argument, NULL, 'r'},
	    {"file", required_argument, NULL, 'f'},
	    {"no-secrets", no_argument, NULL, 'S'},
	    {"explain", no_argument, NULL, 'x'},
	    {"keylog", required_argument, NULL, 'K'},
	    {NULL, 0, NULL, 0},
	};
	struct client_opts	   o;
	struct follow_opts	   fo;
	struct decode		   d;
	const struct follow_stats *st;
	const char		  *file = NULL, *keylog = NULL;
	char			  *text = NULL, *joined = NULL;
	size_t			   len = 0, total;
	int opt, rc, i, pcap = 0, status = CMD_EXIT_ERROR;

	client_opts_defaults(&o);
	memset(&fo, 0, sizeof(fo));
	memset(&d, 0, sizeof(d));
	fo.show_secrets = 1;
	while ((opt = getopt_long(
		    argc, argv, "P:Ek:y:f:r:qx", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			file = optarg;
			pcap = 1;
			break;
		case 'q':
			d.quiet = 1;
			break;
		case 'K':
			keylog = optarg;
			break;
		case 'x':
			fo.explain = 1;
			break;
		case 'S':
			fo.show_secrets = 0;
			break;
		case 'P':
		case 'E':
			fo.have_password = 1;
			/* FALLTHROUGH */
		case 'k':
		case 'y':
			if ((rc = client_opts_parse(&o, opt, optarg)) < 0)
				goto out;
			break;
		default:
			cmd_usage(&cmd_decode_entry);
			goto out;
		}
	}
	memcpy(fo.password, o.password, sizeof(fo.password));
	memcpy(fo.kg, o.kg, sizeof(fo.kg));
	fo.kg_set = o.kg_set;
	if ((d.follow = follow_new(&fo)) == NULL)
		goto out;
	if (keylog != NULL && decode_keylog(d.follow, keylog) != 0)
		goto out;
	if (file != NULL) {
		if (optind != argc) {
			cmd_usage(&cmd_decode_entry);
			goto out;
		}
		if ((text = decode_slurp(file, &len)) == NULL)
			goto out;
		if (pcap || decode_is_pcap((const uint8_t *)text, len))
			rc = decode_pcap(&d, (const uint8_t *)text, len);
		else
			rc = decode_text(&d, text, len);
	} else if (optind < argc) {
		/* Hex on the command line, one datagram in any pieces. */
		for (total = 1, i = optind; i < argc; i++)
			total += strlen(argv[i]) + 1;
		if ((joined = calloc(1, total)) == NULL)
			goto out;
		for (i = optind; i < argc; i++) {
			strcat(joined, argv[i]);
			strcat(joined, " ");
		}
		rc = decode_text(&d, joined, strlen(joined));
	} else {
		if ((text = decode_slurp("-", &len)) == NULL)
			goto out;
		rc = decode_text(&d, text, len);
	}
	if (rc != 0)
		goto out;
	st = follow_stats(d.follow);
	printf("%u datagram%s, %u malformed; checks: %u passed, %u failed, "
	       "%u not checked; %u payload%s decrypted\n",
	    d.count, d.count == 1 ? "" : "s", d.malformed, st->verified,
	    st->failed, st->unverifiable, st->decrypted,
	    st->decrypted == 1 ? "" : "s");
	if (d.malformed == 0 && st->failed == 0)
		status = CMD_EXIT_OK;
out:
	follow_free(d.follow);
	free(text);
	free(joined);
	client_opts_wipe(&o);
	ct_wipe(&fo, sizeof(fo));
	return status;
}

const struct cmd_entry cmd_decode_entry = {
    "decode",
    decode_exec,
    "[-P PASSWORD|-E] [-k KEY|-y HEX] [--keylog FILE] [-x] [-q] "
    "[--no-secrets] "
    "[HEX...|-f FILE|--pcap FILE]",
    "Describes IPMI and RMCP datagrams field by field: one datagram given\n"
    "as hex arguments, or every record of a text file (-f FILE, - for\n"
    "stdin; white space, 0x prefixes and # comments allowed; records end\n"
    "at a blank line or an \"@ c2b|b2c NAME\" line; the output of\n"
    "ipmitool -vvvv or of FreeIPMI --debug is read as it is, every packet\n"
    "found in order with its direction), or every RMCP datagram\n"
    "of a pcap or pcapng capture (--pcap FILE, or -f on a capture).\n"
    "With the password (and K_G) it follows each RMCP+ handshake: checks\n"
    "the RAKP 2, RAKP 3 and RAKP 4 auth codes, derives SIK, K1 and K2,\n"
    "checks every integrity trailer and IPMI 1.5 auth code, and decrypts\n"
    "encrypted payloads.  Exit status 1 if anything is malformed or a\n"
    "check fails.  SNMPv1 traps (a hex datagram starting 30h, or UDP 162\n"
    "in a capture) are decoded too, with their Platform Event Trap data.\n"
    "  -P PASSWORD, -E   the user's password (-E: from IPMI_PASSWORD)\n"
    "  -k KEY, -y HEX    K_G of a two-key login\n"
    "  --keylog FILE     session keys from bmcsimd's journal export (one\n"
    "                    \"RMCPP bmc_sid= console_sid= suite= sik= k1=\n"
    "                    k2=\" line a session): decrypt and check without\n"
    "                    the password\n"
    "  -x, --explain     print the formulas and every HMAC input\n"
    "  -q                no field listing, only the checks\n"
    "  --no-secrets      hide the keys derived\n",
    0,
};
