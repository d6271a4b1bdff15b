/*
 * Replays scripts (tests/scenario/NAME.scn) against a real node: a model
 * loaded from its INI file, the deterministic RNG and fake time, in the
 * manner of Unbound's testcode/replay.c.  One test per script; a failure
 * names the script, the line and the difference.
 *
 * A script is a list of steps, one a line; '#' starts a comment.
 *   model FILE               the model (the script's directory first,
 *                            then sim-configs/); must come first
 *   login USER PASS SUITE [PRIV]
 *                            logs in (SUITE a cipher suite ID, or 1.5
 *                            for IPMI 1.5 with MD5) at PRIV (user,
 *                            operator, admin; admin if not given); must
 *                            succeed
 *   login-fails USER PASS SUITE [PRIV]
 *   request NETFN CMD [HEX]  an IPMI request in the session
 *   send HEX                 a raw datagram
 *   expect HEX               after request: completion code and data;
 *                            after send: the first datagram's bytes;
 *                            "??" matches any byte, a final "..." any
 *                            rest
 *   expect-byte N LO HI      byte N of that (0: the completion code) is
 *                            within LO..HI (hex)
 *   expect-bridged CMD HEX   the next datagram is the bridged response
 *                            to CMD: its completion code and data
 *   expect-datagrams N       the last input left N datagrams
 *   expect-nothing           the last input left no datagram
 *   advance MS               fake time moves on (decimal milliseconds),
 *                            every deadline on the way run
 *   show                     prints the last answer (for script authors)
 */
#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmimsg.h"
#include "node_testutil.h"

#ifndef SCENARIO_DIR
#error SCENARIO_DIR must name the directory of the scripts
#endif

#define SCRIPTS_MAX 64
#define WORDS_MAX   300

static char    *scripts[SCRIPTS_MAX];
static unsigned nscripts;

struct replay {
	const char	 *path;
	unsigned	  line;
	struct nt_world	  w;
	int		  started;
	struct initiator *in;
	/* What the last step left to check. */
	int		       last_kind; /* 0 none, 'r' request, 's' send */
	int		       last_answered;
	struct initiator_event ev;
	uint8_t		       got[RESPONDER_DATAGRAM_MAX + 1];
	size_t		       gotlen;
	unsigned	       next_out; /* datagram for expect-bridged */
};

static void replay_fail(const struct replay *, const char *, ...)
    __attribute__((format(printf, 2, 3), noreturn));

static void
replay_fail(const struct replay *r, const char *fmt, ...)
{
	char	msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ck_abort_msg("%s:%u: %s", r->path, r->line, msg);
	abort(); /* not reached: Check leaves the test */
}

static int
hex_byte(const char *s, unsigned *out)
{
	char *end;
	long  v;

	if (s[0] == '\0' || strlen(s) > 2)
		return -1;
	v = strtol(s, &end, 16);
	if (*end != '\0' || v < 0 || v > 255)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static unsigned
parse_hex(struct replay *r, char **words, unsigned n, uint8_t *out, size_t cap)
{
	unsigned i, b;

	if (n > cap)
		replay_fail(r, "more than %zu bytes", cap);
	for (i = 0; i < n; i++) {
		if (hex_byte(words[i], &b) != 0)
			replay_fail(r, "'%s' is not a hex byte", words[i]);
		out[i] = (uint8_t)b;
	}
	return n;
}

static void
hex_text(const uint8_t *p, size_t len, char *buf, size_t cap)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < len && used + 4 < cap; i++)
		used += (size_t)snprintf(
		    buf + used, cap - used, "%s%02x", i ? " " : "", p[i]);
	if (i < len)
		snprintf(buf + used, cap - used, " ...");
	if (len == 0)
		snprintf(buf, cap, "(empty)");
}

/* Compares got with the pattern words ("??" any byte, final "..."). */
static void
expect_bytes(struct replay *r, const char *what, const uint8_t *got,
    size_t gotlen, char **words, unsigned n)
{
	char	 g[1600], want[1600];
	unsigned i, b, used = 0;
	int	 rest = n > 0 && strcmp(words[n - 1], "...") == 0;

	if (rest)
		n--;
	want[0] = '\0';
	for (i = 0; i < n; i++)
		used += (unsigned)snprintf(want + used, sizeof(want) - used,
		    "%s%s", i ? " " : "", words[i]);
	if (rest)
		snprintf(want + used, sizeof(want) - used, " ...");
	hex_text(got, gotlen, g, sizeof(g));
	if (gotlen < n || (!rest && gotlen > n))
		replay_fail(r,
		    "%s: got %zu bytes, want %s%u:\n  got:  %s\n  want: %s",
		    what, gotlen, rest ? "at least " : "", n, g, want);
	for (i = 0; i < n; i++) {
		if (strcmp(words[i], "??") == 0)
			continue;
		if (hex_byte(words[i], &b) != 0)
			replay_fail(r, "'%s' is not a hex byte", words[i]);
		if (got[i] != b)
			replay_fail(r,
			    "%s: byte %u is %02x, want %02x:\n  got:  %s\n"
			    "  want: %s",
			    what, i, got[i], b, g, want);
	}
}

static void
need_started(struct replay *r)
{
	if (!r->started)
		replay_fail(
		    r, "no model yet: the first step must be 'model FILE'");
}

static void
need_last(struct replay *r, const char *step)
{
	if (r->last_kind == 0)
		replay_fail(r, "%s: no request or send before it", step);
}

static void
step_model(struct replay *r, char **a, unsigned n)
{
	char	    path[1024], why[512];
	const char *slash = strrchr(r->path, '/');
	FILE	   *f;

	if (n != 1)
		replay_fail(r, "usage: model FILE");
	if (r->started)
		replay_fail(r, "a second model");
	snprintf(path, sizeof(path), "%.*s/%s",
	    slash != NULL ? (int)(slash - r->path) : 1,
	    slash != NULL ? r->path : ".", a[0]);
	if ((f = fopen(path, "r")) != NULL)
		fclose(f);
	else
		snprintf(path, sizeof(path), "%s/%s", SIM_CONFIGS_DIR, a[0]);
	if (nt_start(&r->w, path, why, sizeof(why)) != 0)
		replay_fail(r, "model %s: %s", a[0], why);
	r->started = 1;
}

static void
step_login(struct replay *r, char **a, unsigned n, int want_ok)
{
	static const char *const privs[] = {
	    "", "callback", "user", "operator", "admin"};
	struct initiator_event ev;
	int		       suite = 0, v15 = 0, rc;
	uint8_t		       priv = IPMI_PRIV_ADMIN;

	need_started(r);
	if (n != 3 && n != 4)
		replay_fail(r, "usage: login USER PASS SUITE [PRIV]");
	if (n == 4) {
		for (priv = 1; priv <= IPMI_PRIV_ADMIN; priv++)
			if (strcmp(a[3], privs[priv]) == 0)
				break;
		if (priv > IPMI_PRIV_ADMIN)
			replay_fail(r, "'%s' is not a privilege", a[3]);
	}
	if (strcmp(a[2], "1.5") == 0)
		v15 = 1;
	else
		suite = atoi(a[2]);
	if (r->in != NULL)
		initiator_free(r->in);
	r->in = nt_initiator(&r->w, a[0], a[1], suite, v15, priv);
	if (r->in == NULL)
		replay_fail(r, "out of memory");
	rc = nt_login(&r->w, r->in, &ev);
	if (want_ok && rc != INITIATOR_DONE)
		replay_fail(r,
		    "login of %s failed: %s (step %d, status %02x, cc "
		    "%02x)",
		    a[0], rc < 0 ? "no answer" : "refused", (int)ev.step,
		    ev.status, ev.cc);
	if (!want_ok && rc == INITIATOR_DONE)
		replay_fail(r, "login of %s succeeded; want a failure", a[0]);
	r->last_kind = 0;
}

static void
step_request(struct replay *r, char **a, unsigned n)
{
	uint8_t	 data[RESPONDER_DATAGRAM_MAX];
	unsigned netfn, cmd, len;
	int	 rc;

	need_started(r);
	if (r->in == NULL)
		replay_fail(r, "request: no session (login first)");
	if (n < 2 || hex_byte(a[0], &netfn) != 0 || hex_byte(a[1], &cmd) != 0)
		replay_fail(r, "usage: request NETFN CMD [HEX...]");
	len = parse_hex(r, a + 2, n - 2, data, sizeof(data));
	rc = nt_call(
	    &r->w, r->in, (uint8_t)netfn, (uint8_t)cmd, data, len, &r->ev);
	r->last_kind = 'r';
	r->next_out = 1;
	r->last_answered = rc == INITIATOR_RESPONSE;
	if (r->w.nout > 0 && !r->last_answered)
		replay_fail(r,
		    "request %02x %02x: a datagram the session did not "
		    "accept",
		    netfn, cmd);
	if (r->last_answered) {
		r->got[0] = r->ev.rsp.cc;
		memcpy(r->got + 1, r->ev.rsp.data, r->ev.rsp.data_len);
		r->gotlen = 1 + r->ev.rsp.data_len;
	} else
		r->gotlen = 0;
}

static void
step_send(struct replay *r, char **a, unsigned n)
{
	uint8_t dg[RESPONDER_DATAGRAM_MAX];
	size_t	len;

	need_started(r);
	len = parse_hex(r, a, n, dg, sizeof(dg));
	nt_send(&r->w, dg, len);
	r->last_kind = 's';
	r->next_out = 1;
	r->last_answered = r->w.nout > 0;
	r->gotlen = r->last_answered ? r->w.out[0].len : 0;
	if (r->last_answered)
		memcpy(r->got, r->w.out[0].data, r->gotlen);
}

static void
step_expect(struct replay *r, char **a, unsigned n)
{
	need_last(r, "expect");
	if (!r->last_answered)
		replay_fail(r, "expect: no answer came back");
	expect_bytes(r, r->last_kind == 'r' ? "cc and data" : "datagram",
	    r->got, r->gotlen, a, n);
}

static void
step_expect_byte(struct replay *r, char **a, unsigned n)
{
	unsigned idx, lo, hi;

	need_last(r, "expect-byte");
	if (n != 3 || hex_byte(a[1], &lo) != 0 || hex_byte(a[2], &hi) != 0)
		replay_fail(r, "usage: expect-byte N LO HI");
	idx = (unsigned)atoi(a[0]);
	if (!r->last_answered)
		replay_fail(r, "expect-byte: no answer came back");
	if (idx >= r->gotlen)
		replay_fail(r, "expect-byte: byte %u of %zu", idx, r->gotlen);
	if (r->got[idx] < lo || r->got[idx] > hi)
		replay_fail(r, "expect-byte: byte %u is %02x, want %02x..%02x",
		    idx, r->got[idx], lo, hi);
}

static void
step_expect_bridged(struct replay *r, char **a, unsigned n)
{
	struct initiator_event ev;
	struct nt_out	      *o;
	uint8_t		       b[RESPONDER_DATAGRAM_MAX];
	uint8_t		       got[RESPONDER_DATAGRAM_MAX + 1];
	size_t		       blen;
	unsigned	       cmd;

	if (r->last_kind != 'r')
		replay_fail(r, "expect-bridged: no request before it");
	if (n < 1 || hex_byte(a[0], &cmd) != 0)
		replay_fail(r, "usage: expect-bridged CMD HEX...");
	if (r->next_out >= r->w.nout)
		replay_fail(r,
		    "expect-bridged: %u datagram(s), no bridged response",
		    r->w.nout);
	o = &r->w.out[r->next_out++];
	initiator_expect_bridged(r->in, (uint8_t)cmd);
	if (initiator_input(r->in, o->data, o->len, b, sizeof(b), &blen, &ev) !=
	    INITIATOR_RESPONSE)
		replay_fail(r,
		    "expect-bridged: the datagram is not a response to "
		    "%02x in the session",
		    cmd);
	got[0] = ev.rsp.cc;
	memcpy(got + 1, ev.rsp.data, ev.rsp.data_len);
	expect_bytes(
	    r, "bridged cc and data", got, 1 + ev.rsp.data_len, a + 1, n - 1);
}

static void
step_expect_count(struct replay *r, char **a, unsigned n, int nothing)
{
	unsigned want;

	need_last(r, nothing ? "expect-nothing" : "expect-datagrams");
	if (nothing ? n != 0 : n != 1)
		replay_fail(r,
		    nothing ? "usage: expect-nothing"
			    : "usage: expect-datagrams N");
	want = nothing ? 0 : (unsigned)atoi(a[0]);
	if (r->w.nout != want)
		replay_fail(
		    r, "%u datagram(s) came back, want %u", r->w.nout, want);
}

static void
step_advance(struct replay *r, char **a, unsigned n)
{
	char *end;
	long  ms;

	need_started(r);
	if (n != 1 || (ms = strtol(a[0], &end, 10)) < 0 || *end != '\0')
		replay_fail(r, "usage: advance MS");
	nt_advance(&r->w, (uint64_t)ms);
	/* What left on its own: a later expect-nothing sees it. */
	r->last_kind = 'a';
	r->last_answered = 0;
	r->gotlen = 0;
}

static void
step_show(struct replay *r)
{
	char g[3200];

	hex_text(r->got, r->gotlen, g, sizeof(g));
	fprintf(stderr, "%s:%u: [now %llu next %llu] %u datagram(s); got: %s\n",
	    r->path, r->line, (unsigned long long)r->w.now,
	    (unsigned long long)node_next_deadline(r->w.node), r->w.nout, g);
}

static void
run_step(struct replay *r, char **w, unsigned n)
{
	const char *op = w[0];

	if (strcmp(op, "model") == 0)
		step_model(r, w + 1, n - 1);
	else if (strcmp(op, "login") == 0)
		step_login(r, w + 1, n - 1, 1);
	else if (strcmp(op, "login-fails") == 0)
		step_login(r, w + 1, n - 1, 0);
	else if (strcmp(op, "request") == 0)
		step_request(r, w + 1, n - 1);
	else if (strcmp(op, "send") == 0)
		step_send(r, w + 1, n - 1);
	else if (strcmp(op, "expect") == 0)
		step_expect(r, w + 1, n - 1);
	else if (strcmp(op, "expect-byte") == 0)
		step_expect_byte(r, w + 1, n - 1);
	else if (strcmp(op, "expect-bridged") == 0)
		step_expect_bridged(r, w + 1, n - 1);
	else if (strcmp(op, "expect-datagrams") == 0)
		step_expect_count(r, w + 1, n - 1, 0);
	else if (strcmp(op, "expect-nothing") == 0)
		step_expect_count(r, w + 1, n - 1, 1);
	else if (strcmp(op, "advance") == 0)
		step_advance(r, w + 1, n - 1);
	else if (strcmp(op, "show") == 0)
		step_show(r);
	else
		replay_fail(r, "unknown step '%s'", op);
}

static void
replay_file(const char *path)
{
	struct replay r;
	char	      line[4096], *words[WORDS_MAX], *p;
	unsigned      n;
	FILE	     *f;

	memset(&r, 0, sizeof(r));
	r.path = path;
	if ((f = fopen(path, "r")) == NULL)
		ck_abort_msg("%s: cannot open", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		r.line++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		n = 0;
		for (p = strtok(line, " \t\r\n"); p != NULL;
		     p = strtok(NULL, " \t\r\n")) {
			if (n == WORDS_MAX)
				replay_fail(
				    &r, "more than %d words", WORDS_MAX);
			words[n++] = p;
		}
		if (n > 0)
			run_step(&r, words, n);
	}
	fclose(f);
	if (!r.started)
		ck_abort_msg("%s: no steps", path);
	if (r.in != NULL)
		initiator_free(r.in);
	nt_stop(&r.w);
}

START_TEST(test_script)
{
	replay_file(scripts[_i]);
}
END_TEST

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.scn of SCENARIO_DIR, or the scripts named on the command line. */
static void
find_scripts(int argc, char **argv)
{
	struct dirent *de;
	DIR	      *d;
	int	       i;

	for (i = 1; i < argc && nscripts < SCRIPTS_MAX; i++)
		scripts[nscripts++] = strdup(argv[i]);
	if (nscripts > 0)
		return;
	if ((d = opendir(SCENARIO_DIR)) == NULL) {
		fprintf(stderr, "cannot open %s\n", SCENARIO_DIR);
		exit(EXIT_FAILURE);
	}
	while ((de = readdir(d)) != NULL && nscripts < SCRIPTS_MAX) {
		size_t len = strlen(de->d_name);
		char   path[1024];

		if (len < 5 || strcmp(de->d_name + len - 4, ".scn") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", SCENARIO_DIR, de->d_name);
		scripts[nscripts++] = strdup(path);
	}
	closedir(d);
	qsort(scripts, nscripts, sizeof(scripts[0]), by_name);
}

int
main(int argc, char **argv)
{
	Suite	*s = suite_create("replay");
	TCase	*tc = tcase_create("scripts");
	SRunner *sr;
	int	 failed;
	unsigned i;

	find_scripts(argc, argv);
	if (nscripts == 0) {
		fprintf(stderr, "no scripts in %s\n", SCENARIO_DIR);
		return EXIT_FAILURE;
	}
	tcase_add_loop_test(tc, test_script, 0, (int)nscripts);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (i = 0; i < nscripts; i++)
		free(scripts[i]);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
