/*
 * The SOL payload through a node (src/session/responder_sol.c and the
 * node's SOL glue): on sim-configs/lab.ini, a session on suite 0 (nothing
 * sealed or signed, so the test can write SOL packets by hand) activates
 * SOL, sends a keystroke, gets the ACK and the host's echo on the
 * session's one outbound sequence counter; closing the session frees
 * the instance.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "initiator.h"
#include "node.h"
#include "node_testutil.h"

static struct nt_world	 w;
static struct initiator *in;
static uint32_t		 seq_in = 10;

static void
setup(void)
{
	char		       why[256];
	struct initiator_event ev;

	if (nt_start(&w, SIM_CONFIGS_DIR "/lab.ini", why, sizeof(why)) != 0)
		ck_abort_msg("%s", why);
	in = nt_initiator(&w, "admin", "password", 0, 0, 4);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(nt_login(&w, in, &ev), INITIATOR_DONE);
}

static void
teardown(void)
{
	initiator_free(in);
	nt_stop(&w);
}

/* RMCP+ session wrapper, suite 0 (IPMI 2.0 table 13-8). */
static unsigned
send_sol(const uint8_t *sol, size_t len)
{
	uint8_t	 d[64] = {0x06, 0x00, 0xff, 0x07, 0x06, 0x01};
	uint32_t sid = initiator_bmc_session_id(in);
	size_t	 i;

	for (i = 0; i < 4; i++) {
		d[6 + i] = (uint8_t)(sid >> (8 * i));
		d[10 + i] = (uint8_t)(seq_in >> (8 * i));
	}
	seq_in++;
	d[14] = (uint8_t)len;
	d[15] = 0;
	memcpy(d + 16, sol, len);
	return nt_send(&w, d, 16 + len);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The SOL payload of output o: its session sequence number in *seq. */
static const uint8_t *
sol_of(const struct nt_out *o, size_t *len, uint32_t *seq)
{
	ck_assert_uint_ge(o->len, 16);
	ck_assert_uint_eq(o->data[5], 0x01); /* SOL, plain */
	*seq = le32(o->data + 10);
	*len = (size_t)o->data[14] | (size_t)o->data[15] << 8;
	ck_assert_uint_eq(o->len, 16 + *len);
	return o->data + 16;
}

START_TEST(test_activate_type_echo_close)
{
	struct initiator_event ev;
	static const uint8_t   act[] = {1, 1, 0xc6, 0, 0, 0};
	static const uint8_t   key[] = {0x01, 0x00, 0x00, 0x00, 'r'};
	const uint8_t	      *p;
	size_t		       len;
	uint32_t	       s_ack, s_data;

	ck_assert_int_eq(nt_call(&w, in, 0x06, 0x48, act, sizeof(act), &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	ck_assert_uint_eq(ev.rsp.data_len, 12);
	/* The host is on and waits at its login prompt: type "r". */
	if (send_sol(key, sizeof(key)) != 1) {
		unsigned d;

		for (d = 0; d < RESPONDER_DROP_COUNT; d++)
			if (node_responder_stats(w.node)->drops[d] != 0)
				ck_abort_msg(
				    "dropped: %s", responder_drop_name(d));
		ck_abort_msg("no answer");
	}
	p = sol_of(&w.out[0], &len, &s_ack);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(p, "\x00\x01\x01\x00", 4);
	ck_assert_uint_eq(node_responder_stats(w.node)->sol_in, 1);
	/* The echo comes after the 60 ms accumulate interval. */
	nt_advance(&w, 59);
	ck_assert_uint_eq(w.nout, 0);
	nt_advance(&w, 1);
	ck_assert_uint_eq(w.nout, 1);
	p = sol_of(&w.out[0], &len, &s_data);
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(p, "\x01\x00\x00\x00r", 5);
	/* One counter: the data follows the ACK's number. */
	ck_assert_uint_eq(s_data, s_ack + 1);
	ck_assert_uint_eq(w.out[0].dst.port, 50007);
	/* The console's ACK only: consumed, nothing sent, nothing dropped. */
	ck_assert_uint_eq(send_sol((const uint8_t *)"\x00\x01\x01\x00", 4), 0);
	ck_assert_uint_eq(
	    node_responder_stats(w.node)->drops[RESPONDER_DROP_PAYLOAD], 0);
	nt_advance(&w, 2000);
	ck_assert_uint_eq(w.nout, 0);
}
END_TEST

START_TEST(test_close_frees_instance)
{
	struct initiator_event ev;
	struct initiator      *other;
	static const uint8_t   act[] = {1, 1, 0xc0, 0, 0, 0};
	static const uint8_t   sol1[] = {1};
	uint8_t		       out[RESPONDER_DATAGRAM_MAX];
	size_t		       olen;

	ck_assert_int_eq(nt_call(&w, in, 0x06, 0x48, act, sizeof(act), &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	other = nt_initiator(&w, "admin", "password", 17, 0, 4);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(nt_login(&w, other, &ev), INITIATOR_DONE);
	ck_assert_int_eq(
	    nt_call(&w, other, 0x06, 0x4a, sol1, 1, &ev), INITIATOR_RESPONSE);
	ck_assert_mem_eq(ev.rsp.data, "\x01\x01\x00", 3);
	/* Close Session (R6): the instance is free at once. */
	ck_assert_int_eq(initiator_close(in, out, sizeof(out), &olen), 0);
	nt_send(&w, out, olen);
	ck_assert_int_eq(
	    nt_call(&w, other, 0x06, 0x4a, sol1, 1, &ev), INITIATOR_RESPONSE);
	ck_assert_mem_eq(ev.rsp.data, "\x01\x00\x00", 3);
	initiator_free(other);
}
END_TEST

static Suite *
node_sol_suite(void)
{
	Suite *s = suite_create("node_sol");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_activate_type_echo_close);
	tcase_add_test(tc, test_close_frees_instance);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(node_sol_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
