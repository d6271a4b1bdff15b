/*
 * bmcsim trace: the teaching lab.  It logs in, sends a few commands and
 * closes the session, and prints every datagram as it goes: what the step
 * is for and what it proves to whom, every field (the describer), every
 * check and key a third party with the password can recompute, with the
 * formulas and their inputs (follow.c in explain mode), and the values the
 * console's own initiator computed (initiator_set_trace()), which must be
 * the same.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "ct.h"
#include "cursor.h"
#include "describe.h"
#include "follow.h"
#include "hexdump.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "names.h"
#include "rmcp.h"
#include "responder.h"
#include "rmcpp.h"
#include "suitelist.h"
#include "suite.h"

#define CMD_GET_DEVICE_ID	      0x01
#define CMD_GET_SELF_TEST	      0x04
#define CMD_GET_CHANNEL_AUTH_CAPS     0x38
#define CMD_GET_SESSION_CHALLENGE     0x39
#define CMD_ACTIVATE_SESSION	      0x3a
#define CMD_SET_SESSION_PRIVILEGE     0x3b
#define CMD_CLOSE_SESSION	      0x3c
#define CMD_GET_CHANNEL_CIPHER_SUITES 0x54

#define TRACE_VALUES_MAX 16
#define TRACE_VALUE_MAX	 128

struct trace {
	struct follow *follow;
	struct client *client; /* for the suite in use */
	unsigned       step;
	int	       show_secrets;
	/* The initiator's keys, to compare with the follower's. */
	uint8_t sik[SUITE_KEY_MAX], k1[SUITE_KEY_MAX], k2[SUITE_KEY_MAX];
	size_t	key_len;
	/*
	 * What the initiator computed since the last datagram it sent: told
	 * in the step of the next datagram it sends, which they built.
	 */
	struct {
		char	label[32];
		uint8_t v[TRACE_VALUE_MAX];
		size_t	len;
	} val[TRACE_VALUES_MAX];
	size_t nval;
};

/* What a datagram is for, and what it proves to whom. */
static const struct {
	uint8_t	    pt; /* RMCP+ payload type */
	const char *title;
	const char *why;
} trace_rmcpp_steps[] = {
    {RMCPP_PT_OPEN_SESSION_REQ, "Open Session Request",
	"The console proposes one authentication, integrity and\n"
	"confidentiality algorithm (a cipher suite) and picks its own session\n"
	"ID.  Nothing is secret and nothing is proven yet."},
    {RMCPP_PT_OPEN_SESSION_RSP, "Open Session Response",
	"The BMC accepts the algorithms, allocates its session ID and states\n"
	"the highest privilege the session may reach.  Still nothing proven."},
    {RMCPP_PT_RAKP1, "RAKP Message 1",
	"The console sends its random number Rm and the user name (with the\n"
	"role: privilege and lookup mode).  Rm makes the BMC's answer fresh."},
    {RMCPP_PT_RAKP2, "RAKP Message 2",
	"The BMC answers with its random number Rc, its GUID and an HMAC "
	"keyed\n"
	"by the user's password over everything exchanged so far.  Checking "
	"it\n"
	"proves TO THE CONSOLE that the BMC knows the password."},
    {RMCPP_PT_RAKP3, "RAKP Message 3",
	"The console answers with an HMAC keyed by the password over Rc.\n"
	"Checking it proves TO THE BMC that the console knows the password.\n"
	"Both ends now derive the session keys; none of them is ever sent."},
    {RMCPP_PT_RAKP4, "RAKP Message 4",
	"The BMC's integrity check value keyed by the SIK proves TO THE\n"
	"CONSOLE that the BMC derived the same SIK: the session is open."},
};

static const struct {
	uint8_t	    cmd; /* App netFn */
	const char *title;
	const char *why;
} trace_app_steps[] = {
    {CMD_GET_CHANNEL_AUTH_CAPS, "Get Channel Authentication Capabilities",
	"Sessionless and unauthenticated: which login methods this channel\n"
	"offers (IPMI 1.5 auth types, IPMI 2.0 support, K_G, null users)."},
    {CMD_GET_CHANNEL_CIPHER_SUITES, "Get Channel Cipher Suites",
	"Sessionless: the cipher suites the channel enables; the console "
	"picks\n"
	"the best one it implements (ipmitool does the same)."},
    {CMD_GET_SESSION_CHALLENGE, "Get Session Challenge",
	"IPMI 1.5: the BMC gives a temporary session ID and a random "
	"challenge\n"
	"for the named user; nothing proven yet."},
    {CMD_ACTIVATE_SESSION, "Activate Session",
	"IPMI 1.5: the request carries the challenge under an auth code keyed\n"
	"by the password, proving TO THE BMC that the console knows it; the\n"
	"signed response proves the same TO THE CONSOLE.  There is no\n"
	"encryption in IPMI 1.5 and the password is the only key."},
    {CMD_SET_SESSION_PRIVILEGE, "Set Session Privilege Level",
	"Every session starts at USER; this raises it to the level requested,\n"
	"within the maximum the BMC granted."},
    {CMD_CLOSE_SESSION, "Close Session",
	"Ends the session: both ends forget SIK, K1 and K2."},
    {CMD_GET_DEVICE_ID, "Get Device ID",
	"An ordinary command inside the session; sequence numbers stop\n"
	"replays.  What protects it depends on the suite:"},
    {CMD_GET_SELF_TEST, "Get Self Test Results",
	"Another command in the session, with the next sequence numbers."},
};

/* The netFn and command of the IPMI message a datagram carries. */
static int
trace_msg(struct trace *t, const uint8_t *p, size_t n, uint8_t *netfn,
    uint8_t *cmd, uint8_t *pt)
{
	struct rmcp_header  h;
	struct rmcpp_packet pkt;
	struct rd	    r, m;
	uint8_t		    msg[RESPONDER_DATAGRAM_MAX], b;
	size_t		    len;
	int		    rc;

	*pt = 0xff;
	rd_init(&r, p, n);
	if (rmcp_decode_header(&r, &h) == 0 && rd_peek_u8(&r, &b) == 0 &&
	    b == IPMI15_AUTHTYPE_RMCPP && rmcpp_decode_header(&r, &pkt) == 0)
		*pt = pkt.payload_type;
	if (follow_peek_msg(t->follow, p, n, msg, sizeof(msg), &len) != 0)
		return -1;
	rd_init(&m, msg, len);
	rc = rd_skip(&m, 1) != 0 || rd_u8(&m, netfn) != 0 ||
	    rd_skip(&m, 3) != 0 || rd_u8(&m, cmd) != 0;
	ct_wipe(msg, sizeof(msg));
	if (rc)
		return -1;
	*netfn >>= 2;
	return 0;
}

static void
trace_why(const char *why)
{
	const char *s = why, *e;

	while (*s != '\0') {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		printf("  | %.*s\n", (int)(e - s), s);
		s = *e == '\n' ? e + 1 : e;
	}
}

static void trace_flush_values(struct trace *);

/* In-session commands: what the suite (or IPMI 1.5) protects them with. */
static int
trace_in_session(uint8_t cmd)
{
	return cmd == CMD_GET_DEVICE_ID || cmd == CMD_GET_SELF_TEST ||
	    cmd == CMD_SET_SESSION_PRIVILEGE || cmd == CMD_CLOSE_SESSION;
}

static void
trace_protection(const struct trace *t)
{
	const struct suite *s;
	int		    id = client_suite(t->client);

	if (id < 0 || (s = suite_by_id((unsigned)id)) == NULL) {
		printf("  | protection: IPMI 1.5 (auth type in the session "
		       "header): an MD5,\n"
		       "  | MD2 or clear-password auth code keyed by the "
		       "password, when the BMC\n"
		       "  | asks for per-message authentication; NO "
		       "confidentiality at all.\n");
		return;
	}
	switch (s->integ_alg) {
	case INTEG_ALG_NONE:
		printf("  | integrity (suite %d): NONE: anyone on the path can "
		       "change this\n"
		       "  | command or inject others.\n",
		    id);
		break;
	case INTEG_ALG_MD5_128:
		printf("  | integrity (suite %d): MD5-128, MD5(password | data "
		       "| password):\n"
		       "  | keyed by the password itself, not by K1.\n",
		    id);
		break;
	default:
		printf("  | integrity (suite %d): %s, an HMAC keyed by K1 "
		       "over the session\n"
		       "  | header and payload, cut to the trailer's length: "
		       "a changed byte or a\n"
		       "  | forged packet fails the check.\n",
		    id, names_integ_alg(s->integ_alg));
		break;
	}
	if (s->conf_alg == CONF_ALG_AES_CBC_128)
		printf("  | confidentiality: AES-CBC-128 keyed by the first 16 "
		       "bytes of K2, a\n"
		       "  | fresh IV in every packet: onlookers see lengths, "
		       "not data.\n");
	else
		printf("  | confidentiality: %s: the command and its data "
		       "travel in clear.\n",
		    names_conf_alg(s->conf_alg));
}

static void
trace_observe_cb(
    void *arg, enum client_dir dir, const uint8_t *p, size_t n, int retransmit)
{
	struct trace *t = arg;
	const char   *title = NULL, *why = NULL;
	char	      summary[160], *checks = NULL;
	uint8_t	      netfn = 0, cmd = 0, pt;
	size_t	      i, len = 0;
	FILE	     *fp;

	if (trace_msg(t, p, n, &netfn, &cmd, &pt) == 0 &&
	    (netfn & ~1) == IPMI_NETFN_APP) {
		for (i = 0;
		     i < sizeof(trace_app_steps) / sizeof(trace_app_steps[0]);
		     i++)
			if (trace_app_steps[i].cmd == cmd) {
				title = trace_app_steps[i].title;
				why = trace_app_steps[i].why;
			}
	}
	for (i = 0; title == NULL &&
	     i < sizeof(trace_rmcpp_steps) / sizeof(trace_rmcpp_steps[0]);
	     i++)
		if (trace_rmcpp_steps[i].pt == pt) {
			title = trace_rmcpp_steps[i].title;
			why = trace_rmcpp_steps[i].why;
		}
	t->step++;
	printf("\n==== step %u: %s %s%s ====\n", t->step,
	    dir == CLIENT_SENT ? "console -> BMC" : "BMC -> console",
	    title != NULL ? title
			  : describe_summary(summary, sizeof(summary), p, n),
	    retransmit ? " (retransmitted after a timeout)" : "");
	/* The why of a request/response pair is told once, on the request. */
	if (why != NULL &&
	    (dir == CLIENT_SENT || pt == RMCPP_PT_RAKP2 ||
		pt == RMCPP_PT_RAKP4)) {
		trace_why(why);
		if (dir == CLIENT_SENT && title != NULL &&
		    (netfn & ~1) == IPMI_NETFN_APP && trace_in_session(cmd))
			trace_protection(t);
	}
	printf("  datagram (%zu bytes):\n", n);
	hexdump_fp(stdout, "   ", p, n);
	printf("  fields:\n");
	describe_datagram(stdout, "  ", p, n);
	if (dir == CLIENT_SENT)
		trace_flush_values(t);
	/* The follower's lines, under a heading only when there are any. */
	if ((fp = open_memstream(&checks, &len)) == NULL) {
		follow_datagram(t->follow, stdout, "    ", p, n);
		return;
	}
	follow_datagram(t->follow, fp, "    ", p, n);
	fclose(fp);
	if (len > 0) {
		printf("  checks and keys (recomputed with the password):\n");
		fputs(checks, stdout);
	}
	ct_wipe(checks, len);
	free(checks);
}

static int
trace_is_secret(const char *label)
{
	return strcmp(label, "sik") == 0 || strcmp(label, "k1") == 0 ||
	    strcmp(label, "k2") == 0;
}

static void
trace_value_cb(void *arg, const char *label, const uint8_t *p, size_t n)
{
	struct trace *t = arg;

	if (strcmp(label, "sik") == 0 && n <= sizeof(t->sik)) {
		memcpy(t->sik, p, n);
		t->key_len = n;
	} else if (strcmp(label, "k1") == 0 && n <= sizeof(t->k1))
		memcpy(t->k1, p, n);
	else if (strcmp(label, "k2") == 0 && n <= sizeof(t->k2))
		memcpy(t->k2, p, n);
	if (t->nval == TRACE_VALUES_MAX || n > TRACE_VALUE_MAX)
		return;
	snprintf(t->val[t->nval].label, sizeof(t->val[0].label), "%s", label);
	memcpy(t->val[t->nval].v, p, n);
	t->val[t->nval].len = n;
	t->nval++;
}

/* Prints and forgets the initiator's values. */
static void
trace_flush_values(struct trace *t)
{
	size_t i, n;

	if (t->nval == 0)
		return;
	printf(
	    "  the console's initiator computed, on its side (its trace):\n");
	for (i = 0; i < t->nval; i++) {
		n = t->val[i].len;
		if (trace_is_secret(t->val[i].label) && !t->show_secrets)
			printf("    %s: (%zu bytes, hidden by --no-secrets)\n",
			    t->val[i].label, n);
		else if (n <= 16) {
			printf("    %s: ", t->val[i].label);
			hexdump_inline_fp(stdout, t->val[i].v, n);
			printf("\n");
		} else {
			printf("    %s (%zu bytes):\n", t->val[i].label, n);
			hexdump_fp(stdout, "       ", t->val[i].v, n);
		}
	}
	ct_wipe(t->val, sizeof(t->val));
	t->nval = 0;
}

static void
trace_compare_keys(struct trace *t)
{
	uint8_t sik[SUITE_KEY_MAX], k1[SUITE_KEY_MAX], k2[SUITE_KEY_MAX];
	size_t	n;

	n = follow_last_keys(t->follow, sik, k1, k2);
	if (t->key_len == 0 || n == 0)
		return;
	printf(
	    "\n  The console's initiator and the independent follower derived "
	    "%s SIK, K1 and K2.\n",
	    n == t->key_len && ct_memeq(sik, t->sik, n) &&
		    ct_memeq(k1, t->k1, n) && ct_memeq(k2, t->k2, n)
		? "the same"
		: "DIFFERENT");
	ct_wipe(sik, sizeof(sik));
	ct_wipe(k1, sizeof(k1));
	ct_wipe(k2, sizeof(k2));
}

static void
trace_chosen(struct client *c)
{
	const struct suitelist *l = client_listed_suites(c);
	size_t			i;

	if (l == NULL)
		return;
	printf("\n  Get Channel Cipher Suites listed:");
	for (i = 0; i < l->count; i++)
		printf(" %s%u", l->entry[i].oem ? "OEM " : "", l->entry[i].id);
	printf("; the console chose suite %d (preference 17, 3, 8, 12, 16, "
	       "2, 7, 11, 15, 1, 6, 0).\n",
	    client_suite(c));
}

static void
trace_intro(const struct client_opts *o, struct client *c, int no_secrets)
{
	const struct suite *s;

	printf(
	    "bmcsim trace: a login to %s, two commands and a logout, step by "
	    "step.\n",
	    client_peer(c));
	printf("  user \"%.*s\", password \"%.*s\", privilege %s\n",
	    o->user_len, (const char *)o->user,
	    no_secrets ? 8 : (int)o->password_len,
	    no_secrets ? "(hidden)" : (const char *)o->password,
	    names_priv(o->privilege));
	if (o->ipmi15)
		printf("  IPMI 1.5, auth type %s\n",
		    names_authtype(o->authtype15));
	else if (o->suite >= 0 && (s = suite_by_id((unsigned)o->suite)))
		printf("  RMCP+ cipher suite %d: %s, %s, %s\n", o->suite,
		    names_auth_alg(s->auth_alg), names_integ_alg(s->integ_alg),
		    names_conf_alg(s->conf_alg));
	else
		printf(
		    "  RMCP+, the cipher suite chosen from the BMC's list\n");
	if (o->deterministic)
		printf(
		    "  randomness: deterministic, seed %llu (NOT secure: for "
		    "reproducible labs)\n",
		    (unsigned long long)o->seed);
	printf(
	    "Notation (IPMI 2.0 §13.31): m = the remote console, c = the BMC "
	    "(managed controller).\n");
	printf("Kuid = the user's password, zero-padded to 20 bytes; K_G = the "
	       "BMC key (Kuid if none).\n");
}

static int
trace_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"no-secrets", no_argument, NULL, 'S'},
	    {"deterministic", required_argument, NULL, 'D'},
	    {NULL, 0, NULL, 0},
	};
	struct client_opts     o;
	struct follow_opts     fo;
	struct trace	       t;
	struct client	      *c = NULL;
	struct initiator_event ev;
	char		       err[256], *end;
	int		       opt, rc, no_secrets = 0, status = CMD_EXIT_ERROR;

	client_opts_defaults(&o);
	memset(&t, 0, sizeof(t));
	memset(&fo, 0, sizeof(fo));
	while ((opt = getopt_long(
		    argc, argv, CLIENT_SHORT_OPTS, longopts, NULL)) != -1) {
		if (opt == 'S') {
			no_secrets = 1;
			continue;
		}
		if (opt == 'D') {
			o.deterministic = 1;
			o.seed = strtoull(optarg, &end, 0);
			if (*end != '\0')
				return cmd_usage(&cmd_trace_entry);
			continue;
		}
		if ((rc = client_opts_parse(&o, opt, optarg)) <= 0) {
			client_opts_wipe(&o);
			return rc < 0 ? CMD_EXIT_ERROR
				      : cmd_usage(&cmd_trace_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_trace_entry);
	memcpy(fo.password, o.password, sizeof(fo.password));
	fo.have_password = 1;
	memcpy(fo.kg, o.kg, sizeof(fo.kg));
	fo.kg_set = o.kg_set;
	fo.explain = 1;
	fo.show_secrets = !no_secrets;
	t.show_secrets = !no_secrets;
	if ((t.follow = follow_new(&fo)) == NULL)
		goto out;
	if ((c = client_new(&o, err, sizeof(err))) == NULL) {
		fflush(stdout);
		fprintf(stderr, "bmcsim trace: %s\n", err);
		goto out;
	}
	t.client = c;
	client_set_observer(c, trace_observe_cb, &t);
	client_set_trace(c, trace_value_cb, &t);
	trace_intro(&o, c, no_secrets);
	if (client_login(c) != 0) {
		printf("\nThe login failed: %s\n", client_error(c));
		/* Everything before it first: stderr may be the same file. */
		fflush(stdout);
		fprintf(stderr, "bmcsim trace: login failed: %s\n",
		    client_error(c));
		goto out;
	}
	trace_chosen(c);
	trace_compare_keys(&t);
	if (client_request(
		c, IPMI_NETFN_APP, CMD_GET_DEVICE_ID, NULL, 0, &ev) != 0 ||
	    client_request(
		c, IPMI_NETFN_APP, CMD_GET_SELF_TEST, NULL, 0, &ev) != 0 ||
	    client_logout(c) != 0) {
		fflush(stdout);
		fprintf(stderr, "bmcsim trace: %s\n", client_error(c));
		goto out;
	}
	printf("\nSession closed.  %u checks passed, %u failed.\n",
	    follow_stats(t.follow)->verified, follow_stats(t.follow)->failed);
	status = follow_stats(t.follow)->failed == 0 ? CMD_EXIT_OK
						     : CMD_EXIT_ERROR;
out:
	client_free(c);
	follow_free(t.follow);
	ct_wipe(&t, sizeof(t));
	ct_wipe(&fo, sizeof(fo));
	client_opts_wipe(&o);
	return status;
}

const struct cmd_entry cmd_trace_entry = {
    "trace",
    trace_exec,
    "[SESSION OPTIONS] [--no-secrets] [--deterministic SEED]",
    "The teaching lab: logs in, sends Get Device ID and Get Self Test\n"
    "Results, closes the session, and prints every datagram: what the step\n"
    "proves and to whom, every field, the HMAC inputs with their formulas\n"
    "and values (RAKP 2, RAKP 3, SIK, K1, K2, RAKP 4, per-message\n"
    "integrity), how the integrity and confidentiality pads are built, and\n"
    "the decrypted payloads.  Works with every implemented suite and with\n"
    "IPMI 1.5 (-I lan -A MD5|MD2|PASSWORD|NONE).\n"
    "  --no-secrets          hide the password, K_G, SIK, K1 and K2\n"
    "  --deterministic SEED  draw the console's session ID, random number\n"
    "                        and IVs from a seeded generator, for output\n"
    "                        that repeats against a deterministic BMC\n",
    1,
};
