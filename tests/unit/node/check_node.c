/*
 * The node: a real model (sim-configs/default.ini, the machine bmcsimd
 * serves by default) joined to its responder, driven without a socket or
 * a clock.  Datagrams in, every datagram out with its destination, the
 * deadlines under fake time, and what a request changes applied after its
 * reply is out.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "ipmimsg.h"
#include "control.h"
#include "node_testutil.h"
#include "testutil.h"

#ifndef SIM_CONFIGS_DIR
#error SIM_CONFIGS_DIR must name the shipped configurations
#endif

static struct nt_world w;

static const uint8_t asf_ping[] = {
    0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0xc4, 0x00, 0x00};

static void
setup(void)
{
	char why[256];

	if (nt_start(&w, SIM_CONFIGS_DIR "/default.ini", why, sizeof(why)) != 0)
		ck_abort_msg("cannot start the node: %s", why);
}

static void
teardown(void)
{
	nt_stop(&w);
}

static void
assert_to_console(const struct nt_out *o)
{
	ck_assert_uint_eq(o->dst.family, 4);
	ck_assert_mem_eq(o->dst.addr, "\xc0\x00\x02\x07", 4);
	ck_assert_uint_eq(o->dst.port, 50007);
}

static struct initiator *
login(const char *user, uint8_t privilege)
{
	struct initiator_event ev;
	struct initiator      *in = nt_initiator(
		 &w, user, "password", 17, 0, privilege);

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(nt_login(&w, in, &ev), INITIATOR_DONE);
	return in;
}

START_TEST(test_asf_ping_pong)
{
	ck_assert_uint_eq(nt_send(&w, asf_ping, sizeof(asf_ping)), 1);
	assert_to_console(&w.out[0]);
	/* ASF 2.0 §3.2.4.3: the pong, message tag c4h echoed. */
	ck_assert_uint_eq(w.out[0].len, 28);
	ck_assert_uint_eq(w.out[0].data[8], 0x40);
	ck_assert_uint_eq(w.out[0].data[9], 0xc4);
	ck_assert_uint_eq(node_responder_stats(w.node)->pongs, 1);
	/* Taken once: nothing more to write. */
	{
		struct peer_addr dst;
		uint8_t		 buf[RESPONDER_DATAGRAM_MAX];

		ck_assert_uint_eq(
		    node_write(w.node, w.now, &dst, buf, sizeof(buf)), 0);
	}
	ck_assert_uint_eq(node_stats(w.node)->queued, 1);
}
END_TEST

START_TEST(test_each_reply_to_its_sender)
{
	/* A second console elsewhere, over IPv6. */
	w.peer.family = 6;
	memset(w.peer.addr, 0, 16);
	w.peer.addr[15] = 1;
	w.peer.port = 623;
	ck_assert_uint_eq(nt_send(&w, asf_ping, sizeof(asf_ping)), 1);
	ck_assert_uint_eq(w.out[0].dst.family, 6);
	ck_assert_uint_eq(w.out[0].dst.addr[15], 1);
	ck_assert_uint_eq(w.out[0].dst.port, 623);
}
END_TEST

START_TEST(test_write_buffer_too_small)
{
	struct peer_addr dst;
	uint8_t		 small[8];

	ck_assert_int_eq(node_input(w.node, w.now, w.wall, &w.peer, asf_ping,
			     sizeof(asf_ping)),
	    1);
	ck_assert_uint_eq(
	    node_write(w.node, w.now, &dst, small, sizeof(small)), 0);
	ck_assert_uint_eq(node_stats(w.node)->write_short, 1);
}
END_TEST

START_TEST(test_login_and_request)
{
	struct initiator_event ev;
	struct initiator      *in = login("admin", IPMI_PRIV_ADMIN);

	ck_assert_int_eq(nt_call(&w, in, IPMI_NETFN_APP, 0x01, NULL, 0, &ev),
	    INITIATOR_RESPONSE);
	assert_to_console(&w.out[0]);
	ck_assert_uint_eq(w.nout, 1);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	/* default.ini: device ID 20h, firmware 1.73, IPMI 2.0, Supermicro. */
	ck_assert_uint_ge(ev.rsp.data_len, 11);
	ck_assert_uint_eq(ev.rsp.data[0], 0x20);
	ck_assert_uint_eq(ev.rsp.data[2], 0x01);
	ck_assert_uint_eq(ev.rsp.data[3], 0x73);
	ck_assert_uint_eq(ev.rsp.data[4], 0x02);
	ck_assert_uint_eq(ev.rsp.data[6], 0x7c);
	ck_assert_uint_eq(ev.rsp.data[7], 0x2a);
	ck_assert_uint_eq(node_responder_stats(w.node)->sessions_opened, 1);
	initiator_free(in);
}
END_TEST

/*
 * A tracked Send Message (IPMI 2.0 §6.12.2) to the BMC itself: its
 * response, then the bridged Get Device ID response, in that order, both
 * to the console.
 */
START_TEST(test_send_message_two_datagrams)
{
	static const uint8_t send[] = {
	    0x40, 0x20, 0x18, 0xc8, 0x20, 0x08, 0x01, 0xd7};
	struct initiator_event ev;
	struct initiator      *in = login("admin", IPMI_PRIV_ADMIN);
	uint8_t		       a[RESPONDER_DATAGRAM_MAX];
	size_t		       alen;

	ck_assert_int_eq(
	    nt_call(&w, in, IPMI_NETFN_APP, 0x34, send, sizeof(send), &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(w.nout, 2);
	assert_to_console(&w.out[0]);
	assert_to_console(&w.out[1]);
	ck_assert_uint_eq(ev.rsp.cmd, 0x34);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	initiator_expect_bridged(in, 0x01);
	ck_assert_int_eq(initiator_input(in, w.out[1].data, w.out[1].len, a,
			     sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cmd, 0x01);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	ck_assert_uint_eq(ev.rsp.data[0], 0x20);
	ck_assert_uint_eq(node_stats(w.node)->queued, 7); /* 5 login + 2 */
	initiator_free(in);
}
END_TEST

START_TEST(test_idle_session_expires)
{
	struct initiator_event ev;
	struct initiator      *in = login("admin", IPMI_PRIV_ADMIN);

	/* default.ini: session_timeout = 60. */
	ck_assert_uint_eq(node_next_deadline(w.node), w.now + 60000);
	nt_advance(&w, 59999);
	ck_assert_uint_eq(node_responder_stats(w.node)->sessions_expired, 0);
	nt_advance(&w, 1);
	ck_assert_uint_eq(node_responder_stats(w.node)->sessions_expired, 1);
	ck_assert_uint_eq(node_next_deadline(w.node), UINT64_MAX);
	ck_assert_int_eq(
	    nt_call(&w, in, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), -1);
	ck_assert_uint_eq(
	    node_responder_stats(w.node)->drops[RESPONDER_DROP_SESSION], 1);
	initiator_free(in);
}
END_TEST

static int
power_is_on(struct initiator *in)
{
	struct initiator_event ev;

	ck_assert_int_eq(
	    nt_call(&w, in, IPMI_NETFN_CHASSIS, 0x01, NULL, 0, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	return ev.rsp.data[0] & 1;
}

START_TEST(test_power_cycle_at_its_deadline)
{
	static const uint8_t   cycle = 0x02;
	struct initiator_event ev;
	struct initiator      *in = login("admin", IPMI_PRIV_ADMIN);
	uint64_t	       t0;

	ck_assert_int_eq(power_is_on(in), 1);
	ck_assert_int_eq(
	    nt_call(&w, in, IPMI_NETFN_CHASSIS, 0x02, &cycle, 1, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	t0 = w.now;
	ck_assert_int_eq(power_is_on(in), 0);
	/* default.ini: power_cycle_interval_ms = 1000. */
	ck_assert_uint_eq(node_next_deadline(w.node), t0 + 1000);
	nt_advance(&w, 999);
	ck_assert_int_eq(power_is_on(in), 0);
	nt_advance(&w, 1);
	ck_assert_int_eq(power_is_on(in), 1);
	initiator_free(in);
}
END_TEST

/*
 * Set User Password, "disable user" (IPMI 2.0 §22.30), for the user of the
 * session that asks: the reply still goes out in that session, then its
 * sessions close; another user's session stays.
 */
START_TEST(test_disabled_user_closed_after_reply)
{
	static const uint8_t   disable_admin[] = {0x02, 0x00};
	struct initiator_event ev;
	struct initiator      *admin = login("admin", IPMI_PRIV_ADMIN);
	struct initiator      *op = login("operator", IPMI_PRIV_OPERATOR);

	ck_assert_int_eq(nt_call(&w, admin, IPMI_NETFN_APP, 0x47, disable_admin,
			     sizeof(disable_admin), &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(w.nout, 1);
	ck_assert_uint_eq(ev.rsp.cc, 0);
	ck_assert_uint_eq(node_responder_stats(w.node)->sessions_closed, 1);
	ck_assert_int_eq(
	    nt_call(&w, admin, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), -1);
	ck_assert_int_eq(nt_call(&w, op, IPMI_NETFN_APP, 0x01, NULL, 0, &ev),
	    INITIATOR_RESPONSE);
	/* A saved change: a node restored from the text refuses the login. */
	ck_assert_uint_gt(node_state_generation(w.node), 0);
	{
		struct config_diag diag;
		size_t		   len;
		char		  *text = node_state_save(w.node, &len);
		struct initiator  *again;
		char		   why[128];

		ck_assert_ptr_nonnull(text);
		node_free(w.node);
		w.node = node_new(
		    &w.conf->bmcs[0], w.rng, w.now, w.wall, why, sizeof(why));
		ck_assert_ptr_nonnull(w.node);
		memset(&diag, 0, sizeof(diag));
		ck_assert_int_eq(
		    node_state_load(w.node, text, len, "saved", &diag), 0);
		config_diag_clear(&diag);
		free(text);
		again = nt_initiator(
		    &w, "admin", "password", 17, 0, IPMI_PRIV_ADMIN);
		ck_assert_int_eq(
		    nt_login(&w, again, &ev), INITIATOR_FAILED_RESULT);
		initiator_free(again);
	}
	initiator_free(admin);
	initiator_free(op);
}
END_TEST

/*
 * The control plane's path: a power change through the model's control
 * interface on node_bmc() is what the next IPMI request sees, and a user
 * disabled there loses its session once node_control_end() applies it.
 */
START_TEST(test_control_through_the_node)
{
	struct bmc_control_ctx	ctx;
	struct bmc_control_user u;
	struct initiator_event	ev;
	struct initiator       *admin = login("admin", IPMI_PRIV_ADMIN);
	struct initiator       *op = login("operator", IPMI_PRIV_OPERATOR);

	ck_assert_int_eq(power_is_on(admin), 1);
	node_control_begin(w.node, w.now, w.wall, &ctx);
	ck_assert_int_eq(
	    bmc_control_power(node_bmc(w.node), &ctx, BMC_CONTROL_POWER_OFF),
	    0);
	node_control_end(w.node);
	ck_assert_int_eq(power_is_on(admin), 0);

	bmc_control_user_init(&u);
	u.enabled = 0;
	node_control_begin(w.node, w.now, w.wall, &ctx);
	/* default.ini: user 3 is operator. */
	ck_assert_int_eq(
	    bmc_control_user_set(node_bmc(w.node), &ctx, 3, &u), 0);
	node_control_end(w.node);
	ck_assert_uint_eq(node_responder_stats(w.node)->sessions_closed, 1);
	ck_assert_int_eq(
	    nt_call(&w, op, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), -1);
	ck_assert_int_eq(nt_call(&w, admin, IPMI_NETFN_APP, 0x01, NULL, 0, &ev),
	    INITIATOR_RESPONSE);
	initiator_free(admin);
	initiator_free(op);
}
END_TEST

/*
 * node_session_close() ends the one session with that handle: the same
 * user's other session still gets answers; a handle no session has is
 * ERR_NOT_FOUND.
 */
START_TEST(test_session_close_one)
{
	struct initiator_event	  ev;
	struct initiator	 *a = login("admin", IPMI_PRIV_ADMIN);
	struct initiator	 *b = login("admin", IPMI_PRIV_ADMIN);
	struct bmc_control_ctx	  ctx;
	struct model_session_info si;
	uint8_t			  first;

	node_control_begin(w.node, w.now, w.wall, &ctx);
	ck_assert_uint_eq(ctx.sessions->active_count_cb(ctx.sessions_arg), 2);
	ck_assert_int_eq(ctx.sessions->session_info_cb(
			     ctx.sessions_arg, MODEL_SESSION_BY_INDEX, 1, &si),
	    0);
	first = si.handle;
	ck_assert_int_eq(node_session_close(w.node, first), 0);
	ck_assert_uint_eq(ctx.sessions->active_count_cb(ctx.sessions_arg), 1);
	ck_assert_int_eq(ctx.sessions->session_info_cb(ctx.sessions_arg,
			     MODEL_SESSION_BY_HANDLE, first, &si),
	    ERR_NOT_FOUND);
	ck_assert_int_eq(node_session_close(w.node, first), ERR_NOT_FOUND);
	ck_assert_int_eq(node_session_close(w.node, 0), ERR_NOT_FOUND);
	node_control_end(w.node);
	ck_assert_uint_eq(node_responder_stats(w.node)->sessions_closed, 1);
	/* Handles go in login order: a's was the first. */
	ck_assert_int_eq(
	    nt_call(&w, a, IPMI_NETFN_APP, 0x01, NULL, 0, &ev), -1);
	ck_assert_int_eq(nt_call(&w, b, IPMI_NETFN_APP, 0x01, NULL, 0, &ev),
	    INITIATOR_RESPONSE);
	initiator_free(a);
	initiator_free(b);
}
END_TEST

START_TEST(test_malformed_input_counted)
{
	static const uint8_t short_rmcp[] = {0x06, 0x00, 0xff};
	static const uint8_t bad_version[] = {
	    0x05, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t bad_asf[] = {
	    0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80};
	const struct responder_stats *s = node_responder_stats(w.node);

	ck_assert_uint_eq(nt_send(&w, short_rmcp, sizeof(short_rmcp)), 0);
	ck_assert_uint_eq(nt_send(&w, bad_version, sizeof(bad_version)), 0);
	ck_assert_uint_eq(nt_send(&w, bad_asf, sizeof(bad_asf)), 0);
	ck_assert_uint_eq(nt_send(&w, NULL, 0), 0);
	ck_assert_uint_eq(s->received, 4);
	ck_assert_uint_eq(s->drops[RESPONDER_DROP_SHORT], 2);
	ck_assert_uint_eq(s->drops[RESPONDER_DROP_RMCP_VERSION], 1);
	ck_assert_uint_eq(s->drops[RESPONDER_DROP_ASF], 1);
	ck_assert_uint_eq(node_stats(w.node)->queued, 0);
}
END_TEST

START_TEST(test_peer_format)
{
	struct peer_addr p;
	char		 buf[48];

	memset(&p, 0, sizeof(p));
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "?");
	ck_assert_str_eq(node_peer_format(NULL, buf, sizeof(buf)), "?");
	p.family = 4;
	memcpy(p.addr, "\x7f\x00\x00\x01", 4);
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "127.0.0.1");
	p.family = 6;
	memset(p.addr, 0, 16);
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "::");
	p.addr[15] = 1;
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "::1");
	memcpy(p.addr, "\x20\x01\x0d\xb8", 4);
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "2001:db8::1");
	/* RFC 5952 §4.2.3: the longer run; §4.2.2: never one group. */
	memcpy(p.addr,
	    "\x00\x01\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x03",
	    16);
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "1:0:0:2::3");
	memcpy(p.addr,
	    "\x00\x01\x00\x00\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06\x00\x07",
	    16);
	ck_assert_str_eq(
	    node_peer_format(&p, buf, sizeof(buf)), "1:0:2:3:4:5:6:7");
	memcpy(p.addr,
	    "\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06\x00\x07\x00\x00",
	    16);
	p.addr[14] = 0;
	ck_assert_str_eq(
	    node_peer_format(&p, buf, sizeof(buf)), "1:2:3:4:5:6:7:0");
	memcpy(p.addr,
	    "\xfe\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
	    16);
	ck_assert_str_eq(node_peer_format(&p, buf, sizeof(buf)), "fe80::");
}
END_TEST

static Suite *
node_suite(void)
{
	Suite *s = suite_create("node");
	TCase *tc = tcase_create("node");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_asf_ping_pong);
	tcase_add_test(tc, test_each_reply_to_its_sender);
	tcase_add_test(tc, test_write_buffer_too_small);
	tcase_add_test(tc, test_login_and_request);
	tcase_add_test(tc, test_send_message_two_datagrams);
	tcase_add_test(tc, test_idle_session_expires);
	tcase_add_test(tc, test_power_cycle_at_its_deadline);
	tcase_add_test(tc, test_disabled_user_closed_after_reply);
	tcase_add_test(tc, test_control_through_the_node);
	tcase_add_test(tc, test_malformed_input_counted);
	tcase_add_test(tc, test_peer_format);
	tcase_add_test(tc, test_session_close_one);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(node_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
