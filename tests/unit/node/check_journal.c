/*
 * The request journal: the ring and its evictions, the filters, verify
 * with its near misses and "inconclusive", command names and decoded
 * actions, and, through a real node, a console's retransmission linked to
 * its original so that a power cycle is counted once.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "ipmimsg.h"
#include "journal.h"
#include "node_testutil.h"
#include "testutil.h"

#ifndef SIM_CONFIGS_DIR
#error SIM_CONFIGS_DIR must name the shipped configurations
#endif

/* Appends one answered request, as a node would. */
static uint64_t
add(struct journal *j, const char *bmc, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, uint8_t cc, uint64_t wall)
{
	struct journal_entry *e = journal_begin(j, bmc, 100, wall, 0);

	ck_assert_ptr_nonnull(e);
	journal_entry_set_request(e, netfn, cmd, data, len);
	e->cc = cc;
	e->in_session = 1;
	e->peer.family = 4;
	memcpy(e->peer.addr, "\xc0\x00\x02\x07", 4);
	snprintf(e->user, sizeof(e->user), "admin");
	journal_commit(j, e);
	return e->seq;
}

static const uint8_t cycle[] = {0x02};
static const uint8_t off[] = {0x00};

START_TEST(test_ring_evicts_oldest)
{
	struct journal *j = journal_new(4);
	unsigned	i;

	ck_assert_ptr_nonnull(j);
	ck_assert_ptr_null(journal_get(j, 1));
	for (i = 0; i < 6; i++)
		ck_assert_uint_eq(
		    add(j, "bmc1", 0, 2, cycle, 1, 0, 1000 + i), i + 1);
	ck_assert_uint_eq(journal_count(j), 4);
	ck_assert_uint_eq(journal_evicted(j), 2);
	ck_assert_uint_eq(journal_total(j), 6);
	ck_assert_uint_eq(journal_first_seq(j), 3);
	ck_assert_uint_eq(journal_next_seq(j), 7);
	ck_assert_ptr_null(journal_get(j, 2));
	ck_assert_uint_eq(journal_get(j, 3)->wall_ms, 1002);
	ck_assert_uint_eq(journal_get(j, 6)->wall_ms, 1005);
	ck_assert_ptr_null(journal_get(j, 7));
	journal_clear(j);
	ck_assert_uint_eq(journal_count(j), 0);
	ck_assert_uint_eq(add(j, "bmc1", 0, 2, cycle, 1, 0, 0), 7);
	journal_free(j);
	ck_assert_ptr_null(journal_new(0));
	ck_assert_ptr_null(journal_new((size_t)JOURNAL_SIZE_MAX + 1));
}
END_TEST

/* More entries than the first allocation: the ring grows, then wraps. */
START_TEST(test_ring_grows_then_wraps)
{
	struct journal *j = journal_new(100);
	uint8_t		b;
	unsigned	i;

	for (i = 0; i < 250; i++) {
		b = (uint8_t)i;
		add(j, "bmc1", 6, 1, &b, 1, 0, i);
	}
	ck_assert_uint_eq(journal_count(j), 100);
	ck_assert_uint_eq(journal_first_seq(j), 151);
	for (i = 151; i <= 250; i++)
		ck_assert_uint_eq(journal_get(j, i)->req[0], (uint8_t)(i - 1));
	journal_free(j);
}
END_TEST

/* A label selector, as the control plane answers it: rack 1's BMCs. */
static int
accept_rack1(void *arg, const char *bmc)
{
	(*(unsigned *)arg)++;
	return strncmp(bmc, "rack1-", 6) == 0;
}

START_TEST(test_filters)
{
	struct journal	     *j = journal_new(64);
	struct journal_filter f;
	static const uint8_t  pfx[] = {0x02};
	unsigned	      asked = 0;

	add(j, "rack1-a", 0, 2, cycle, 1, 0, 10);    /* 1 */
	add(j, "rack1-b", 0, 2, off, 1, 0, 20);	     /* 2 */
	add(j, "rack2-a", 6, 1, NULL, 0, 0, 30);     /* 3 */
	add(j, "rack1-a", 0, 2, cycle, 1, 0xc1, 40); /* 4 */
	journal_filter_init(&f);
	ck_assert_uint_eq(journal_count_matching(j, &f), 4);
	f.bmc = "rack1-*";
	ck_assert_uint_eq(journal_count_matching(j, &f), 3);
	f.has_command = 1;
	f.netfn = 0;
	f.cmd = 2;
	f.data_prefix = pfx;
	f.data_prefix_len = 1;
	ck_assert_uint_eq(journal_count_matching(j, &f), 2);
	f.cc = 0;
	ck_assert_uint_eq(journal_count_matching(j, &f), 1);
	ck_assert_uint_eq(journal_next(j, &f, 0)->seq, 1);
	ck_assert_ptr_null(journal_next(j, &f, 2));
	journal_filter_init(&f);
	f.seq_from = 2;
	f.seq_to = 3;
	ck_assert_uint_eq(journal_count_matching(j, &f), 2);
	journal_filter_init(&f);
	f.wall_from = 20;
	f.wall_to = 30;
	ck_assert_uint_eq(journal_count_matching(j, &f), 2);
	journal_filter_init(&f);
	f.user = "admin";
	f.peer = "192.0.2.7";
	ck_assert_uint_eq(journal_count_matching(j, &f), 4);
	f.peer = "192.0.2.8";
	ck_assert_uint_eq(journal_count_matching(j, &f), 0);
	journal_filter_init(&f);
	f.outcome = JOURNAL_DROPPED;
	ck_assert_uint_eq(journal_count_matching(j, &f), 0);
	journal_filter_init(&f);
	f.bmc_accept = accept_rack1;
	f.bmc_accept_arg = &asked;
	ck_assert_uint_eq(journal_count_matching(j, &f), 3);
	ck_assert_uint_eq(asked, 4);
	f.bmc = "*-a"; /* both must hold */
	ck_assert_uint_eq(journal_count_matching(j, &f), 2);
	journal_free(j);
}
END_TEST

START_TEST(test_marks)
{
	struct journal	     *j = journal_new(16);
	struct journal_filter f;
	char		      name[16];
	unsigned	      i;

	add(j, "bmc1", 0, 2, cycle, 1, 0, 1);
	ck_assert_uint_eq(journal_mark(j, "before", 5), 2);
	add(j, "bmc1", 0, 2, cycle, 1, 0, 2);
	ck_assert_uint_eq(journal_mark_seq(j, "before"), 2);
	ck_assert_uint_eq(journal_mark_seq(j, "nope"), 0);
	journal_filter_init(&f);
	f.seq_from = journal_mark_seq(j, "before");
	ck_assert_uint_eq(journal_count_matching(j, &f), 1);
	/* Moving a mark keeps one; a full table replaces the oldest. */
	ck_assert_uint_eq(journal_mark(j, "before", 6), 3);
	for (i = 0; i < JOURNAL_MARKS_MAX; i++) {
		snprintf(name, sizeof(name), "m%u", i);
		journal_mark(j, name, 7);
	}
	ck_assert_uint_eq(journal_mark_seq(j, "before"), 0);
	ck_assert_uint_eq(journal_mark_seq(j, "m0"), 3);
	journal_free(j);
}
END_TEST

START_TEST(test_verify_and_near_misses)
{
	struct journal	     *j = journal_new(64);
	struct journal_filter f;
	struct journal_verify v;

	add(j, "bmc1", 0, 2, cycle, 1, 0, 1);
	add(j, "bmc2", 0, 2, cycle, 1, 0, 2);
	add(j, "bmc1", 0, 2, off, 1, 0, 3);
	add(j, "bmc1", 6, 1, NULL, 0, 0, 4);
	journal_filter_init(&f);
	f.bmc = "bmc1";
	f.has_command = 1;
	f.netfn = 0;
	f.cmd = 2;
	f.data_prefix = cycle;
	f.data_prefix_len = 1;
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_OK);
	ck_assert_uint_eq(v.count, 1);
	ck_assert_uint_eq(v.other_bmc, 1);
	ck_assert_uint_eq(v.other_bmc_seq[0], 2);
	ck_assert_uint_eq(v.other_data, 1);
	ck_assert_uint_eq(v.other_data_seq[0], 3);
	ck_assert_int_eq(v.evicted, 0);
	journal_verify(j, &f, JOURNAL_EXACTLY, 2, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_FAILED);
	journal_verify(j, &f, JOURNAL_AT_LEAST, 2, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_FAILED);
	journal_verify(j, &f, JOURNAL_AT_MOST, 0, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_FAILED);
	journal_verify(j, &f, JOURNAL_AT_MOST, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_OK);
	f.bmc = "bmc3";
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_FAILED);
	ck_assert_uint_eq(v.count, 0);
	ck_assert_uint_eq(v.other_bmc, 2);
	journal_free(j);
}
END_TEST

START_TEST(test_verify_inconclusive_after_eviction)
{
	struct journal	     *j = journal_new(2);
	struct journal_filter f;
	struct journal_verify v;

	add(j, "bmc1", 0, 2, cycle, 1, 0, 10); /* evicted */
	add(j, "bmc1", 6, 1, NULL, 0, 0, 20);
	add(j, "bmc1", 0, 2, cycle, 1, 0, 30);
	journal_filter_init(&f);
	f.bmc = "bmc1";
	f.has_command = 1;
	f.cmd = 2;
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_INCONCLUSIVE);
	ck_assert_int_eq(v.evicted, 1);
	ck_assert_uint_eq(v.count, 1);
	/* Met already: evictions can only add. */
	journal_verify(j, &f, JOURNAL_AT_LEAST, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_OK);
	journal_verify(j, &f, JOURNAL_AT_LEAST, 2, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_INCONCLUSIVE);
	journal_verify(j, &f, JOURNAL_AT_MOST, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_INCONCLUSIVE);
	/* A window after what was evicted is certain again. */
	f.seq_from = 2;
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_OK);
	journal_filter_init(&f);
	f.wall_from = 11;
	f.has_command = 1;
	f.cmd = 2;
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_OK);
	f.wall_from = 10;
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_INCONCLUSIVE);
	journal_free(j);
}
END_TEST

START_TEST(test_command_names)
{
	uint8_t nf = 0xff, c = 0xff;
	char	buf[64];

	ck_assert_int_eq(journal_command_parse("chassis-control", &nf, &c), 0);
	ck_assert_uint_eq(nf, 0x00);
	ck_assert_uint_eq(c, 0x02);
	ck_assert_int_eq(journal_command_parse("Get Device ID", &nf, &c), 0);
	ck_assert_uint_eq(nf, 0x06);
	ck_assert_uint_eq(c, 0x01);
	ck_assert_int_eq(journal_command_parse("0a:47", &nf, &c), 0);
	ck_assert_uint_eq(nf, 0x0a);
	ck_assert_uint_eq(c, 0x47);
	ck_assert_int_eq(journal_command_parse("7:1", &nf, &c), 0);
	ck_assert_uint_eq(nf, 0x06);
	ck_assert_int_eq(
	    journal_command_parse("no-such-command", &nf, &c), ERR_NOT_FOUND);
	ck_assert_int_eq(journal_command_parse("0:", &nf, &c), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    journal_command_parse("0:123", &nf, &c), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    journal_command_parse("zz:01", &nf, &c), ERR_INVALID_ARG);
	ck_assert_str_eq(
	    journal_command_name(0, 2, buf, sizeof(buf)), "chassis-control");
	ck_assert_str_eq(
	    journal_command_name(0x07, 1, buf, sizeof(buf)), "get-device-id");
	ck_assert_str_eq(
	    journal_command_name(0x30, 0x99, buf, sizeof(buf)), "30:99");
}
END_TEST

START_TEST(test_actions_and_redaction)
{
	struct journal	     *j = journal_new(8);
	struct journal_entry *e;
	char		      buf[JOURNAL_ACTION_MAX];
	static const uint8_t  pw[] = {0x02, 0x02, 'S', 'e', 'c', 'r'};
	static const uint8_t  ident[] = {0x0f};

	e = journal_begin(j, "b", 0, 0, 0);
	journal_entry_set_request(e, 0, 2, cycle, 1);
	ck_assert_str_eq(journal_action(e, buf, sizeof(buf)),
	    "chassis_control: power_cycle");
	journal_entry_set_request(e, 0, 4, ident, 1);
	ck_assert_str_eq(
	    journal_action(e, buf, sizeof(buf)), "chassis_identify: 15 s");
	journal_entry_set_request(e, 6, 0x01, NULL, 0);
	ck_assert_str_eq(journal_action(e, buf, sizeof(buf)), "");
	journal_entry_set_request(e, 6, 0x47, pw, sizeof(pw));
	ck_assert_str_eq(journal_action(e, buf, sizeof(buf)),
	    "set_user_password: set_password user 2");
	ck_assert_uint_eq(e->req_len, 6);
	ck_assert_mem_eq(e->req, "\x02\x02\x00\x00\x00\x00", 6);
	ck_assert_uint_eq(e->redacted, 3);
	journal_commit(j, e);
	ck_assert_str_eq(journal_outcome_name(JOURNAL_CACHED), "cached");
	ck_assert_str_eq(journal_power_name(JOURNAL_POWER_ON_OFF), "on->off");
	journal_free(j);
}
END_TEST

/* ---- through a node ---- */

static unsigned heard;
static uint64_t heard_seq;

static void
listen_cb(void *arg, const struct journal_entry *e)
{
	(void)arg;
	heard++;
	heard_seq = e->seq;
}

START_TEST(test_node_retransmit_linked)
{
	struct nt_world		    w;
	struct journal		   *j = journal_new(64);
	struct initiator	   *in;
	struct initiator_event	    ev;
	struct journal_filter	    f;
	struct journal_verify	    v;
	const struct journal_entry *e;
	char			    why[256];
	uint8_t			    a[RESPONDER_DATAGRAM_MAX];
	size_t			    alen;

	memset(&w, 0, sizeof(w));
	ck_assert_msg(
	    nt_start(&w, SIM_CONFIGS_DIR "/default.ini", why, sizeof(why)) == 0,
	    "%s", why);
	node_set_journal(w.node, j);
	journal_set_listener(j, listen_cb, NULL);
	in = nt_initiator(&w, "admin", "password", 17, 0, IPMI_PRIV_ADMIN);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(nt_login(&w, in, &ev), INITIATOR_DONE);
	/* The login itself: Get Channel Auth Caps, Set Session Privilege. */
	ck_assert_uint_ge(journal_count(j), 1);
	/* Its keys, for a key log: suite 17 is HMAC-SHA256, 32 bytes. */
	ck_assert_uint_eq(journal_keys_count(j), 1);
	ck_assert_uint_eq(journal_keys_get(j, 0)->suite_id, 17);
	ck_assert_uint_eq(journal_keys_get(j, 0)->key_len, 32);
	ck_assert_str_eq(journal_keys_get(j, 0)->bmc, "default");
	ck_assert_ptr_null(journal_keys_get(j, 1));
	journal_clear(j);
	ck_assert_int_eq(initiator_request(in, IPMI_NETFN_CHASSIS, 0x02, cycle,
			     1, a, sizeof(a), &alen),
	    0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 1);
	/* The console heard nothing, it says: the same request again. */
	ck_assert_int_eq(initiator_retransmit(in, a, sizeof(a), &alen), 0);
	ck_assert_uint_eq(nt_send(&w, a, alen), 1);
	/* And a replay of those very bytes, dropped by the window. */
	ck_assert_uint_eq(nt_send(&w, a, alen), 0);
	ck_assert_uint_eq(journal_count(j), 3);
	ck_assert_uint_eq(heard, journal_total(j));
	ck_assert_uint_eq(heard_seq, journal_next_seq(j) - 1);

	e = journal_get(j, journal_first_seq(j));
	ck_assert_str_eq(e->bmc, "default");
	ck_assert_int_eq(e->outcome, JOURNAL_ANSWERED);
	ck_assert_uint_eq(e->has_request, 1);
	ck_assert_uint_eq(e->netfn, 0);
	ck_assert_uint_eq(e->cmd, 2);
	ck_assert_uint_eq(e->req_len, 1);
	ck_assert_uint_eq(e->req[0], 2);
	ck_assert_uint_eq(e->cc, 0);
	ck_assert_uint_eq(e->suite_id, 17);
	ck_assert_uint_eq(e->privilege, IPMI_PRIV_ADMIN);
	ck_assert_str_eq(e->user, "admin");
	ck_assert_uint_ne(e->bmc_sid, 0);
	ck_assert_uint_eq(e->bmc_sid, journal_keys_get(j, 0)->bmc_sid);
	ck_assert_uint_eq(e->console_sid, journal_keys_get(j, 0)->console_sid);
	ck_assert_uint_eq(e->retransmit_of, 0);
	ck_assert_int_eq(e->power, JOURNAL_POWER_ON_OFF);
	ck_assert_uint_gt(e->in_len, 16);
	ck_assert_uint_gt(e->out_len, 16);
	ck_assert_uint_eq(e->peer.port, 50007);
	ck_assert_uint_eq(e->wall_ms, w.wall);

	e = journal_get(j, journal_first_seq(j) + 1);
	ck_assert_int_eq(e->outcome, JOURNAL_CACHED);
	ck_assert_uint_eq(e->retransmit_of, journal_first_seq(j));
	ck_assert_uint_eq(e->cc, 0);
	ck_assert_int_eq(e->power, JOURNAL_POWER_SAME);
	ck_assert_uint_eq(e->session_seq,
	    journal_get(j, journal_first_seq(j))->session_seq + 1);

	e = journal_get(j, journal_first_seq(j) + 2);
	ck_assert_int_eq(e->outcome, JOURNAL_DROPPED);
	ck_assert_int_eq(e->drop, RESPONDER_DROP_SEQUENCE);
	ck_assert_uint_eq(e->has_request, 0);

	journal_filter_init(&f);
	f.bmc = "default";
	ck_assert_int_eq(
	    journal_command_parse("chassis-control", &f.netfn, &f.cmd), 0);
	f.has_command = 1;
	f.data_prefix = cycle;
	f.data_prefix_len = 1;
	journal_verify(j, &f, JOURNAL_EXACTLY, 1, &v);
	ck_assert_int_eq(v.verdict, JOURNAL_VERDICT_OK);
	ck_assert_uint_eq(v.count, 1);
	ck_assert_uint_eq(v.retransmits, 1);

	node_set_journal(w.node, NULL);
	ck_assert_int_eq(nt_call(&w, in, IPMI_NETFN_APP, 0x01, NULL, 0, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(journal_count(j), 3);
	initiator_free(in);
	nt_stop(&w);
	journal_free(j);
}
END_TEST

/*
 * Two consoles on one BMC: a retry is linked to its own session's
 * request, not to the other console's identical one sent in between.
 */
START_TEST(test_node_retry_among_sessions)
{
	struct nt_world		    w;
	struct journal		   *j = journal_new(64);
	struct initiator	   *a, *b;
	struct initiator_event	    ev;
	const struct journal_entry *e;
	char			    why[256];
	uint8_t			    pa[RESPONDER_DATAGRAM_MAX];
	uint8_t			    pb[RESPONDER_DATAGRAM_MAX];
	size_t			    alen, blen;
	uint64_t		    first;

	memset(&w, 0, sizeof(w));
	ck_assert_msg(
	    nt_start(&w, SIM_CONFIGS_DIR "/default.ini", why, sizeof(why)) == 0,
	    "%s", why);
	node_set_journal(w.node, j);
	a = nt_initiator(&w, "admin", "password", 17, 0, IPMI_PRIV_ADMIN);
	b = nt_initiator(&w, "admin", "password", 3, 0, IPMI_PRIV_ADMIN);
	ck_assert_int_eq(nt_login(&w, a, &ev), INITIATOR_DONE);
	ck_assert_int_eq(nt_login(&w, b, &ev), INITIATOR_DONE);
	first = journal_next_seq(j);
	ck_assert_int_eq(initiator_request(a, IPMI_NETFN_APP, 0x01, NULL, 0, pa,
			     sizeof(pa), &alen),
	    0);
	ck_assert_int_eq(initiator_request(b, IPMI_NETFN_APP, 0x01, NULL, 0, pb,
			     sizeof(pb), &blen),
	    0);
	ck_assert_uint_eq(nt_send(&w, pa, alen), 1);
	ck_assert_uint_eq(nt_send(&w, pb, blen), 1);
	ck_assert_int_eq(initiator_retransmit(a, pa, sizeof(pa), &alen), 0);
	ck_assert_uint_eq(nt_send(&w, pa, alen), 1);
	ck_assert_int_eq(initiator_retransmit(b, pb, sizeof(pb), &blen), 0);
	ck_assert_uint_eq(nt_send(&w, pb, blen), 1);
	ck_assert_uint_eq(journal_next_seq(j), first + 4);
	ck_assert_uint_eq(journal_get(j, first)->retransmit_of, 0);
	ck_assert_uint_eq(journal_get(j, first + 1)->retransmit_of, 0);
	e = journal_get(j, first + 2);
	ck_assert_int_eq(e->outcome, JOURNAL_CACHED);
	ck_assert_uint_eq(e->retransmit_of, first);
	ck_assert_uint_eq(e->suite_id, 17);
	e = journal_get(j, first + 3);
	ck_assert_int_eq(e->outcome, JOURNAL_CACHED);
	ck_assert_uint_eq(e->retransmit_of, first + 1);
	ck_assert_uint_eq(e->suite_id, 3);
	initiator_free(a);
	initiator_free(b);
	nt_stop(&w);
	journal_free(j);
}
END_TEST

static Suite *
journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("journal");

	tcase_add_test(tc, test_ring_evicts_oldest);
	tcase_add_test(tc, test_ring_grows_then_wraps);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_marks);
	tcase_add_test(tc, test_verify_and_near_misses);
	tcase_add_test(tc, test_verify_inconclusive_after_eviction);
	tcase_add_test(tc, test_command_names);
	tcase_add_test(tc, test_actions_and_redaction);
	tcase_add_test(tc, test_node_retransmit_linked);
	tcase_add_test(tc, test_node_retry_among_sessions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(journal_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
