/*
 * The fault engine: rules read from text (every key, and the exact
 * refusals), scope and matching, the firing filters (skip, every, count,
 * window, probability), the counters, and the determinism of the
 * per-rule streams (same seed, same firings; another BMC or another seed,
 * other firings).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "bmc.h"
#include "err.h"
#include "fault.h"
#include "ipmimsg.h"
#include "node.h"
#include "node_testutil.h"

#ifndef SIM_CONFIGS_DIR
#error SIM_CONFIGS_DIR must name the shipped configurations
#endif

static void
set(struct fault_rule *r, const char *k, const char *v)
{
	const char *why;
	int	    rc = fault_rule_set(r, k, v, &why);

	if (rc != 0)
		fprintf(stderr, "%s = %s: %s\n", k, v, why ? why : "?");
	ck_assert_int_eq(rc, 0);
}

static void
refused(const char *k, const char *v, const char *want)
{
	struct fault_rule r;
	const char	 *why;

	fault_rule_init(&r);
	ck_assert_int_eq(fault_rule_set(&r, k, v, &why), ERR_FORMAT);
	ck_assert_str_eq(why, want);
}

/* A Chassis Control power cycle request, as the node describes it. */
static const uint8_t cycle_data[] = {0x02};

static struct fault_packet
ipmi_packet(uint8_t stage, uint8_t netfn, uint8_t cmd, const uint8_t *data,
    size_t len, uint64_t now)
{
	struct fault_packet p;

	memset(&p, 0, sizeof(p));
	p.stage = stage;
	p.kind = FAULT_KIND_IPMI;
	p.has_msg = 1;
	p.netfn = netfn;
	p.cmd = cmd;
	p.data = data;
	p.data_len = len;
	p.now_ms = now;
	p.session_id = 0x11223344;
	p.user_id = 2;
	return p;
}

START_TEST(test_rule_text)
{
	struct fault_rule r;
	char		  buf[32];
	const char	 *why;

	fault_rule_init(&r);
	ck_assert_int_eq(r.stage, FAULT_STAGE_RESPONSE);
	ck_assert_int_eq(r.kinds, FAULT_KIND_IPMI);
	ck_assert_int_eq(r.netfn, FAULT_ANY);
	ck_assert_uint_eq(r.probability_ppm, FAULT_PPM);
	set(&r, "name", "lost-cycle");
	set(&r, "bmc", "node-*");
	set(&r, "peer", "192.0.2.7:40000");
	set(&r, "session", "0A0B0C0D");
	set(&r, "user", "2");
	set(&r, "stage", "request");
	set(&r, "command", "00:02");
	set(&r, "data", "02 00");
	set(&r, "mask", "ff00");
	set(&r, "transmission", "first");
	set(&r, "action", "delay:250");
	set(&r, "jitter", "50");
	set(&r, "head_of_line", "yes");
	set(&r, "probability", "0.3");
	set(&r, "count", "5");
	set(&r, "skip", "1");
	set(&r, "every", "2");
	set(&r, "window", "1000-9000");
	ck_assert_str_eq(r.name, "lost-cycle");
	ck_assert_str_eq(r.bmc, "node-*");
	ck_assert_uint_eq(r.peer.family, 4);
	ck_assert_mem_eq(r.peer.addr, "\xc0\x00\x02\x07", 4);
	ck_assert_uint_eq(r.peer.port, 40000);
	ck_assert_uint_eq(r.session_id, 0x0a0b0c0d);
	ck_assert_uint_eq(r.user_id, 2);
	ck_assert_int_eq(r.stage, FAULT_STAGE_REQUEST);
	ck_assert_int_eq(r.netfn, 0x00);
	ck_assert_int_eq(r.cmd, 0x02);
	ck_assert_uint_eq(r.data_len, 2);
	ck_assert_mem_eq(r.data, "\x02\x00", 2);
	ck_assert_mem_eq(r.mask, "\xff\x00", 2);
	ck_assert_uint_eq(r.transmission, 1);
	ck_assert_int_eq(r.action, FAULT_ACTION_DELAY);
	ck_assert_uint_eq(r.delay_ms, 250);
	ck_assert_uint_eq(r.jitter_ms, 50);
	ck_assert_uint_eq(r.head_of_line, 1);
	ck_assert_uint_eq(r.probability_ppm, 300000);
	ck_assert_uint_eq(r.count, 5);
	ck_assert_uint_eq(r.skip, 1);
	ck_assert_uint_eq(r.every, 2);
	ck_assert(r.window_from_ms == 1000 && r.window_to_ms == 9000);
	ck_assert_str_eq(
	    fault_action_format(&r, buf, sizeof(buf)), "delay:250");
	ck_assert_int_eq(fault_rule_check(&r, &why), 0);
	set(&r, "action", "cc:C0");
	ck_assert_int_eq(r.action, FAULT_ACTION_CC);
	ck_assert_uint_eq(r.cc, 0xc0);
	ck_assert_uint_eq(r.cc_execute, 0);
	ck_assert_str_eq(fault_action_format(&r, buf, sizeof(buf)), "cc:C0");
	set(&r, "action", "cc-exec:0xd5");
	ck_assert_uint_eq(r.cc, 0xd5);
	ck_assert_uint_eq(r.cc_execute, 1);
	ck_assert_str_eq(
	    fault_action_format(&r, buf, sizeof(buf)), "cc-exec:D5");
	set(&r, "action", "corrupt:-1");
	ck_assert_int_eq(r.corrupt_offset, -1);
	set(&r, "action", "truncate:10");
	ck_assert_uint_eq(r.truncate_len, 10);
	set(&r, "action", "silence:3000");
	ck_assert_uint_eq(r.silence_ms, 3000);
	set(&r, "action", "duplicate");
	ck_assert_int_eq(r.action, FAULT_ACTION_DUPLICATE);
	set(&r, "kind", "open, rakp1");
	ck_assert_uint_eq(r.kinds, FAULT_KIND_OPEN | FAULT_KIND_RAKP1);
	/* A command on handshakes is refused by the check. */
	ck_assert_int_eq(fault_rule_check(&r, &why), ERR_CONFIG);
	ck_assert_str_eq(why, "data matches IPMI requests only (kind ipmi)");
	ck_assert_int_eq(
	    fault_rule_set(&r, "colour", "red", &why), ERR_NOT_FOUND);

	refused("action", "explode",
	    "expected drop, delay:MS, duplicate, corrupt:OFFSET, "
	    "truncate:LEN, cc:HEX, cc-exec:HEX or silence:MS");
	refused("action", "delay", "this action needs an argument (NAME:ARG)");
	refused("action", "drop:5", "this action takes no argument");
	refused("action", "cc:100", "expected a completion code in hex");
	refused("action", "delay:-5", "expected a number after the colon");
	refused("stage", "later", "expected request or response");
	refused("command", "0:2:3", "expected NETFN:CMD in hex, e.g. 00:02");
	refused("command", "40:02", "expected NETFN:CMD in hex, e.g. 00:02");
	refused("probability", "1.5", "expected a probability from 0 to 1");
	refused("data", "0102030405060708091011121314151617",
	    "expected up to 16 bytes in hex");
	refused("data", "123", "expected up to 16 bytes in hex");
	refused("window", "9000-1000",
	    "expected FROM-TO in milliseconds, FROM < TO");
	refused("kind", "carrier-pigeon",
	    "expected a list of asf, open, rakp1, rakp3, ipmi, sol or all");
	refused("user", "64", "expected a user ID from 0 to 63");
	refused(
	    "peer", "300.1.1.1", "expected an IPv4 address, with :PORT or not");
}
END_TEST

START_TEST(test_match_and_counters)
{
	struct fault_engine  *e = fault_engine_new("node-1", 7, 1000);
	struct fault_rule     r;
	struct fault_verdict  v;
	struct fault_counters c;
	struct fault_packet   p;
	static const uint8_t  off[] = {0x00};
	int		      i, fired = 0;

	ck_assert_ptr_nonnull(e);
	fault_rule_init(&r);
	set(&r, "name", "lost-cycle");
	set(&r, "command", "00:02");
	set(&r, "data", "02");
	set(&r, "count", "2");
	ck_assert_int_eq(fault_add(e, &r), 0);
	ck_assert_int_eq(fault_add(e, &r), ERR_CONFIG); /* same name */
	/* Another command, other data, the other stage: no match. */
	p = ipmi_packet(FAULT_STAGE_RESPONSE, 0x00, 0x01, NULL, 0, 1000);
	ck_assert_int_eq(fault_decide(e, &p, &v), 0);
	p = ipmi_packet(FAULT_STAGE_RESPONSE, 0x00, 0x02, off, 1, 1000);
	ck_assert_int_eq(fault_decide(e, &p, &v), 0);
	p = ipmi_packet(FAULT_STAGE_REQUEST, 0x00, 0x02, cycle_data, 1, 1000);
	ck_assert_int_eq(fault_decide(e, &p, &v), 0);
	ck_assert_ptr_nonnull(fault_rule_at(e, 0, &c));
	ck_assert(c.matches == 0 && c.firings == 0);
	/* A response netFn (01h) matches its request's (00h). */
	p = ipmi_packet(FAULT_STAGE_RESPONSE, 0x01, 0x02, cycle_data, 1, 1000);
	for (i = 0; i < 4; i++)
		fired += fault_decide(e, &p, &v);
	ck_assert_int_eq(fired, 2); /* count = 2 */
	ck_assert_str_eq(v.rule->name, "lost-cycle");
	ck_assert_int_eq(v.action, FAULT_ACTION_DROP);
	fault_rule_at(e, 0, &c);
	ck_assert(c.matches == 4 && c.firings == 2);

	/* Scope: a rule for another BMC never fires here. */
	fault_clear(e);
	ck_assert_uint_eq(fault_rule_count(e), 0);
	fault_rule_init(&r);
	set(&r, "name", "other");
	set(&r, "bmc", "node-2");
	ck_assert_int_eq(fault_add(e, &r), 0);
	set(&r, "name", "mine");
	set(&r, "bmc", "node-*");
	set(&r, "user", "3");
	ck_assert_int_eq(fault_add(e, &r), 0);
	p = ipmi_packet(FAULT_STAGE_RESPONSE, 0x06, 0x01, NULL, 0, 1000);
	ck_assert_int_eq(fault_decide(e, &p, &v), 0); /* user 2 */
	p.user_id = 3;
	ck_assert_int_eq(fault_decide(e, &p, &v), 1);
	ck_assert_str_eq(v.rule->name, "mine");
	/* Disabled, then removed. */
	ck_assert_int_eq(fault_set_disabled(e, "mine", 1), 0);
	ck_assert_int_eq(fault_decide(e, &p, &v), 0);
	ck_assert_int_eq(fault_remove(e, "mine"), 0);
	ck_assert_int_eq(fault_remove(e, "mine"), ERR_NOT_FOUND);
	ck_assert_uint_eq(fault_rule_count(e), 1);

	/* Retransmissions only; skip 1 then every 2nd; a window. */
	fault_clear(e);
	fault_rule_init(&r);
	set(&r, "name", "retry");
	set(&r, "transmission", "retransmission");
	set(&r, "skip", "1");
	set(&r, "every", "2");
	set(&r, "window", "100-200");
	ck_assert_int_eq(fault_add(e, &r), 0);
	p = ipmi_packet(FAULT_STAGE_RESPONSE, 0x06, 0x01, NULL, 0, 1150);
	ck_assert_int_eq(fault_decide(e, &p, &v), 0); /* a first one */
	p.retransmission = 1;
	ck_assert_int_eq(fault_decide(e, &p, &v), 0); /* match 1: skipped */
	ck_assert_int_eq(fault_decide(e, &p, &v), 0); /* match 2: odd */
	ck_assert_int_eq(fault_decide(e, &p, &v), 1); /* match 3 */
	ck_assert_int_eq(fault_decide(e, &p, &v), 0);
	p.now_ms = 1200; /* the window has closed */
	ck_assert_int_eq(fault_decide(e, &p, &v), 0);
	fault_rule_at(e, 0, &c);
	ck_assert(c.matches == 5 && c.firings == 1);

	/* Silence marks the engine. */
	fault_clear(e);
	fault_rule_init(&r);
	set(&r, "name", "down");
	set(&r, "kind", "all");
	set(&r, "stage", "request");
	set(&r, "action", "silence:3000");
	ck_assert_int_eq(fault_add(e, &r), 0);
	ck_assert(fault_silent_until(e) == 0);
	p.stage = FAULT_STAGE_REQUEST;
	p.kind = FAULT_KIND_ASF;
	p.has_msg = 0;
	p.now_ms = 5000;
	ck_assert_int_eq(fault_decide(e, &p, &v), 1);
	ck_assert(fault_silent_until(e) == 8000);
	fault_engine_free(e);
}
END_TEST

/* The firings of 30 % drops over n requests, as a bit string. */
static void
firings(const char *bmc, uint64_t seed, char *out, int n)
{
	struct fault_engine *e = fault_engine_new(bmc, seed, 0);
	struct fault_rule    r;
	struct fault_verdict v;
	struct fault_packet  p;
	int		     i;

	fault_rule_init(&r);
	set(&r, "name", "flaky");
	set(&r, "probability", "0.3");
	set(&r, "action", "delay:100");
	set(&r, "jitter", "50");
	ck_assert_int_eq(fault_add(e, &r), 0);
	p = ipmi_packet(FAULT_STAGE_RESPONSE, 0x06, 0x01, NULL, 0, 10);
	for (i = 0; i < n; i++) {
		out[i] = fault_decide(e, &p, &v) ? '1' : '0';
		if (out[i] == '1')
			ck_assert(v.delay_ms >= 100 && v.delay_ms <= 150);
	}
	out[n] = '\0';
	fault_engine_free(e);
}

START_TEST(test_deterministic)
{
	char a[1001], b[1001], c[1001], d[1001];
	int  i, ones = 0;

	firings("node-1", 42, a, 1000);
	firings("node-1", 42, b, 1000);
	firings("node-2", 42, c, 1000);
	firings("node-1", 43, d, 1000);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_str_ne(a, d);
	for (i = 0; i < 1000; i++)
		ones += a[i] == '1';
	/* 30 % of 1000, within five standard deviations (about 14.5). */
	ck_assert_int_ge(ones, 228);
	ck_assert_int_le(ones, 372);
}
END_TEST

/* A rule from key = value pairs, added to the node's engine. */
static void
node_rule(struct nt_world *w, const char *const *kv)
{
	struct fault_rule r;

	fault_rule_init(&r);
	for (; kv[0] != NULL; kv += 2)
		set(&r, kv[0], kv[1]);
	ck_assert_ptr_nonnull(node_faults(w->node));
	ck_assert_int_eq(fault_add(node_faults(w->node), &r), 0);
}

/*
 * Through a real node: a lost answer to a power cycle (the command runs
 * once, the retry's answer from the cache is lost too), a request never
 * heard (it runs on the retry), a BMC that lies with C0h without running
 * the command, a delayed answer released by node_write() once due, and
 * a duplicated one.
 */
START_TEST(test_node_actions)
{
	static const char *const lost[] = {
	    "name", "lost-cycle", "command", "00:02", "data", "02", NULL};
	static const char *const unheard[] = {
	    "name", "unheard", "command", "00:02", "stage", "request", NULL};
	static const char *const busy[] = {"name", "busy", "command", "00:02",
	    "stage", "request", "action", "cc:C0", NULL};
	static const char *const slow[] = {
	    "name", "slow", "command", "06:01", "action", "delay:500", NULL};
	static const char *const twice[] = {
	    "name", "twice", "command", "06:01", "action", "duplicate", NULL};
	struct nt_world	       w;
	struct initiator      *in;
	struct initiator_event ev;
	struct fault_counters  c;
	char		       why[256];
	uint8_t		       a[RESPONDER_DATAGRAM_MAX];
	size_t		       alen;

	memset(&w, 0, sizeof(w));
	ck_assert_msg(
	    nt_start(&w, SIM_CONFIGS_DIR "/default.ini", why, sizeof(why)) == 0,
	    "%s", why);
	in = nt_initiator(&w, "admin", "password", 17, 0, IPMI_PRIV_ADMIN);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(nt_login(&w, in, &ev), INITIATOR_DONE);
	ck_assert_int_eq(bmc_power_is_on(node_bmc(w.node)), 1);

	node_rule(&w, lost);
	ck_assert_int_eq(initiator_request(in, IPMI_NETFN_CHASSIS, 0x02,
			     cycle_data, 1, a, sizeof(a), &alen),
	    0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 0);
	ck_assert_int_eq(bmc_power_is_on(node_bmc(w.node)), 0); /* it ran */
	ck_assert_int_eq(initiator_retransmit(in, a, sizeof(a), &alen), 0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 0);
	fault_rule_at(node_faults(w.node), 0, &c);
	ck_assert(c.matches == 2 && c.firings == 2);
	ck_assert_uint_eq(
	    node_responder_stats(w.node)->cached_replies, 1); /* ran once */
	nt_advance(&w, 2000); /* the cycle's "on" half */
	ck_assert_int_eq(bmc_power_is_on(node_bmc(w.node)), 1);
	fault_clear(node_faults(w.node));

	/* Never heard: nothing runs, nothing is cached; the retry runs. */
	node_rule(&w, unheard);
	ck_assert_int_eq(initiator_request(in, IPMI_NETFN_CHASSIS, 0x02,
			     cycle_data, 1, a, sizeof(a), &alen),
	    0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 0);
	ck_assert_int_eq(bmc_power_is_on(node_bmc(w.node)), 1);
	ck_assert_uint_eq(
	    node_responder_stats(w.node)->drops[RESPONDER_DROP_FAULT], 1);
	fault_clear(node_faults(w.node));
	ck_assert_int_eq(initiator_retransmit(in, a, sizeof(a), &alen), 0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 1);
	ck_assert_int_eq(bmc_power_is_on(node_bmc(w.node)), 0);
	nt_advance(&w, 2000);

	/* A BMC that lies: C0h, and the power stays on. */
	node_rule(&w, busy);
	ck_assert_int_eq(
	    nt_call(&w, in, IPMI_NETFN_CHASSIS, 0x02, cycle_data, 1, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0xc0);
	ck_assert_int_eq(bmc_power_is_on(node_bmc(w.node)), 1);
	fault_clear(node_faults(w.node));

	/* Delayed by 500 ms: out through node_write() once due. */
	node_rule(&w, slow);
	ck_assert_int_eq(initiator_request(in, IPMI_NETFN_APP, 0x01, NULL, 0, a,
			     sizeof(a), &alen),
	    0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 0);
	ck_assert(node_next_deadline(w.node) == w.now + 500);
	nt_advance(&w, 499);
	ck_assert_uint_eq(w.nout, 0);
	nt_advance(&w, 1);
	ck_assert_uint_eq(w.nout, 1);
	fault_clear(node_faults(w.node));

	/* Duplicated: the same datagram twice. */
	node_rule(&w, twice);
	ck_assert_int_eq(initiator_request(in, IPMI_NETFN_APP, 0x01, NULL, 0, a,
			     sizeof(a), &alen),
	    0);
	nt_send(&w, a, alen);
	ck_assert_uint_eq(w.nout, 2);
	ck_assert_uint_eq(w.out[0].len, w.out[1].len);
	ck_assert_mem_eq(w.out[0].data, w.out[1].data, w.out[0].len);
	initiator_free(in);
	nt_stop(&w);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("fault");
	TCase	*tc = tcase_create("fault");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_rule_text);
	tcase_add_test(tc, test_match_and_counters);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_node_actions);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
