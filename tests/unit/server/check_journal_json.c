/*
 * The journal as the control plane shows it: an entry as JSON (every
 * field a test reads), and filters read from parameters, refusals with
 * the parameter named.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "journal_json.h"

struct kv {
	const char *k, *v;
};

static const char *
lookup(void *arg, const char *name)
{
	const struct kv *p;

	for (p = arg; p->k != NULL; p++)
		if (strcmp(p->k, name) == 0)
			return p->v;
	return NULL;
}

static struct journal_entry *
power_cycle(struct journal *j)
{
	static const uint8_t  cycle[] = {0x02};
	struct journal_entry *e = journal_begin(j, "rack-7", 5, 1000, 0);

	journal_entry_set_request(e, 0x00, 0x02, cycle, 1);
	e->in_session = 1;
	e->suite_id = 17;
	e->privilege = 4;
	e->user_id = 2;
	snprintf(e->user, sizeof(e->user), "admin");
	e->bmc_sid = 0x0200ae3d;
	e->console_sid = 0xa0a2a3a4;
	e->session_seq = 8;
	e->rq_seq = 6;
	e->peer.family = 4;
	memcpy(e->peer.addr, "\x7f\x00\x00\x01", 4);
	e->peer.port = 40000;
	e->power = JOURNAL_POWER_ON_OFF;
	journal_commit(j, e);
	return e;
}

START_TEST(test_entry_json)
{
	struct journal *j = journal_new(8);
	json_t	       *o = journal_json_entry(power_cycle(j));
	json_t	       *s = json_object_get(o, "session");

	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(json_integer_value(json_object_get(o, "seq")), 1);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(o, "time_ms")), 1000);
	ck_assert_str_eq(
	    json_string_value(json_object_get(o, "bmc")), "rack-7");
	ck_assert_str_eq(
	    json_string_value(json_object_get(o, "peer")), "127.0.0.1");
	ck_assert_int_eq(
	    json_integer_value(json_object_get(o, "peer_port")), 40000);
	ck_assert_str_eq(
	    json_string_value(json_object_get(o, "outcome")), "answered");
	ck_assert_str_eq(json_string_value(json_object_get(o, "command")),
	    "chassis-control");
	ck_assert_str_eq(
	    json_string_value(json_object_get(o, "netfn_cmd")), "00:02");
	ck_assert_str_eq(json_string_value(json_object_get(o, "data")), "02");
	ck_assert_str_eq(json_string_value(json_object_get(o, "action")),
	    "chassis_control: power_cycle");
	ck_assert_str_eq(json_string_value(json_object_get(o, "cc")), "00");
	ck_assert_str_eq(json_string_value(json_object_get(
			     json_object_get(o, "change"), "power")),
	    "on->off");
	ck_assert(json_is_null(json_object_get(o, "retransmit_of")));
	ck_assert_str_eq(
	    json_string_value(json_object_get(s, "bmc_sid")), "0200ae3d");
	ck_assert_str_eq(
	    json_string_value(json_object_get(s, "console_sid")), "a0a2a3a4");
	ck_assert_str_eq(
	    json_string_value(json_object_get(s, "user")), "admin");
	ck_assert_str_eq(json_string_value(json_object_get(s, "privilege")),
	    "ADMINISTRATOR");
	ck_assert_int_eq(json_integer_value(json_object_get(s, "suite")), 17);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "seq")), 8);
	json_decref(o);
	journal_free(j);
}
END_TEST

START_TEST(test_dropped_entry_json)
{
	struct journal	     *j = journal_new(8);
	struct journal_entry *e = journal_begin(j, "b", 0, 0, 0);
	json_t		     *o;

	e->outcome = JOURNAL_DROPPED;
	e->drop = 12; /* RESPONDER_DROP_SEQUENCE */
	journal_commit(j, e);
	o = journal_json_entry(e);
	ck_assert_str_eq(
	    json_string_value(json_object_get(o, "outcome")), "dropped");
	ck_assert_str_eq(
	    json_string_value(json_object_get(o, "drop")), "sequence");
	ck_assert(json_is_null(json_object_get(o, "session")));
	ck_assert_ptr_null(json_object_get(o, "command"));
	ck_assert_ptr_null(json_object_get(o, "cc"));
	json_decref(o);
	journal_free(j);
}
END_TEST

START_TEST(test_filter_from_params)
{
	struct journal		  *j = journal_new(8);
	struct journal_json_filter f;
	char			   why[160];
	struct kv p[] = {{"bmc", "rack-*"}, {"command", "chassis-control"},
	    {"data", "0x02"}, {"cc", "c1"}, {"outcome", "cached"},
	    {"from_seq", "3"}, {"to_seq", "9"}, {"originals", "1"},
	    {NULL, NULL}};

	ck_assert_int_eq(
	    journal_json_filter(&f, j, lookup, p, why, sizeof(why)), 0);
	ck_assert_str_eq(f.f.bmc, "rack-*");
	ck_assert_uint_eq(f.f.has_command, 1);
	ck_assert_uint_eq(f.f.netfn, 0);
	ck_assert_uint_eq(f.f.cmd, 2);
	ck_assert_uint_eq(f.f.data_prefix_len, 1);
	ck_assert_uint_eq(f.f.data_prefix[0], 2);
	ck_assert_int_eq(f.f.cc, 0xc1);
	ck_assert_int_eq(f.f.outcome, JOURNAL_CACHED);
	ck_assert_uint_eq(f.f.seq_from, 3);
	ck_assert_uint_eq(f.f.seq_to, 9);
	ck_assert_uint_eq(f.f.originals_only, 1);
	journal_free(j);
}
END_TEST

START_TEST(test_filter_marks)
{
	struct journal		  *j = journal_new(8);
	struct journal_json_filter f;
	char			   why[160];
	struct kv		   p[] = {
			     {"since_mark", "a"}, {"until_mark", "b"}, {NULL, NULL}};
	struct kv early[] = {{"until_mark", "a"}, {NULL, NULL}};

	journal_mark(j, "a", 0); /* at 1 */
	power_cycle(j);
	power_cycle(j);
	journal_mark(j, "b", 0); /* at 3 */
	power_cycle(j);
	ck_assert_int_eq(
	    journal_json_filter(&f, j, lookup, p, why, sizeof(why)), 0);
	ck_assert_uint_eq(f.f.seq_from, 1);
	ck_assert_uint_eq(f.f.seq_to, 2);
	ck_assert_uint_eq(journal_count_matching(j, &f.f), 2);
	/* Nothing came before a mark set first. */
	ck_assert_int_eq(
	    journal_json_filter(&f, j, lookup, early, why, sizeof(why)), 0);
	ck_assert_uint_eq(journal_count_matching(j, &f.f), 0);
	journal_free(j);
}
END_TEST

START_TEST(test_filter_refusals)
{
	static const struct {
		const char *k, *v, *why;
	} bad[] = {
	    {"command", "frobnicate", "command frobnicate"},
	    {"data", "0g", "data 0g"},
	    {"data", "123", "data 123"},
	    {"cc", "100", "cc 100"},
	    {"outcome", "lost", "outcome lost"},
	    {"from_seq", "-1", "from_seq -1"},
	    {"since_mark", "nope", "since_mark nope: no such mark"},
	};
	struct journal		  *j = journal_new(8);
	struct journal_json_filter f;
	char			   why[160];
	size_t			   i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct kv p[] = {{bad[i].k, bad[i].v}, {NULL, NULL}};

		ck_assert_int_eq(
		    journal_json_filter(&f, j, lookup, p, why, sizeof(why)),
		    -1);
		ck_assert_msg(strncmp(why, bad[i].why, strlen(bad[i].why)) == 0,
		    "%s: %s", bad[i].k, why);
	}
	journal_free(j);
}
END_TEST

START_TEST(test_hex)
{
	uint8_t b[4];

	ck_assert_int_eq(journal_json_hex("0x0200", b, sizeof(b)), 2);
	ck_assert_uint_eq(b[0], 2);
	ck_assert_uint_eq(b[1], 0);
	ck_assert_int_eq(journal_json_hex("de ad:be,ef", b, sizeof(b)), 4);
	ck_assert_uint_eq(b[3], 0xef);
	ck_assert_int_eq(journal_json_hex("0102030405", b, sizeof(b)), -1);
	ck_assert_int_eq(journal_json_hex("1", b, sizeof(b)), -1);
	ck_assert_int_eq(journal_json_hex("", b, sizeof(b)), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("journal_json");
	TCase	*tc = tcase_create("journal_json");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_entry_json);
	tcase_add_test(tc, test_dropped_entry_json);
	tcase_add_test(tc, test_filter_from_params);
	tcase_add_test(tc, test_filter_marks);
	tcase_add_test(tc, test_filter_refusals);
	tcase_add_test(tc, test_hex);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
