/*
 * Scripted exchanges against the responder under fake time: expiry of
 * handshakes and idle sessions, the next deadline, a flood of handshakes,
 * lockout after bad passwords, and the session limits.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "rakp.h"
#include "rng.h"
#include "testutil.h"

struct world {
	struct responder_config cfg;
	struct tu_bmc		bmc;
	struct rng	       *rng;
	struct rng	       *crng;
	struct responder       *r;
	uint64_t		now;
};

static struct world w;

static void
world_start(void)
{
	tu_bmc_init(&w.bmc);
	tu_bmc_add_user(&w.bmc, "admin", "password", IPMI_PRIV_ADMIN);
	tu_bmc_answer(
	    &w.bmc, IPMI_NETFN_APP, 0x01, 0, (const uint8_t *)"\x20", 1);
	w.rng = rng_new_seeded(11);
	w.crng = rng_new_seeded(12);
	w.r = responder_new(&w.cfg, &tu_bmc_ops, &w.bmc, w.rng);
	ck_assert_ptr_nonnull(w.r);
	w.now = 1000000;
}

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
	responder_config_defaults(&w.cfg);
}

static void
teardown(void)
{
	responder_free(w.r);
	rng_free(w.rng);
	rng_free(w.crng);
}

/* Advances fake time, firing the responder's deadline as a server would. */
static void
advance(uint64_t ms)
{
	uint64_t until = w.now + ms;

	while (responder_next_deadline(w.r) <= until) {
		w.now = responder_next_deadline(w.r);
		responder_expire(w.r, w.now);
	}
	w.now = until;
}

static struct initiator *
login(const char *user, const char *pass, int expect)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;

	tu_initiator_config(&ic, user, pass);
	ic.suite_id = 17;
	in = initiator_new(&ic, w.crng);
	ck_assert_int_eq(tu_login(w.r, in, w.now, &ev, NULL), expect);
	return in;
}

START_TEST(test_idle_session_expires)
{
	struct initiator      *in;
	struct initiator_event ev;

	world_start();
	in = login("admin", "password", INITIATOR_DONE);
	ck_assert_uint_eq(responder_next_deadline(w.r), w.now + 60000);
	advance(59000);
	/* Activity refreshes the idle timer. */
	ck_assert_int_eq(
	    tu_call(w.r, in, w.now, IPMI_NETFN_APP, 1, NULL, 0, &ev, NULL),
	    INITIATOR_RESPONSE);
	advance(59000);
	ck_assert_uint_eq(responder_active_sessions(w.r), 1);
	advance(1000);
	ck_assert_uint_eq(responder_active_sessions(w.r), 0);
	ck_assert_uint_eq(responder_stats(w.r)->sessions_expired, 1);
	ck_assert_uint_eq(responder_next_deadline(w.r), UINT64_MAX);
	/* Its packets are now dropped as an unknown session. */
	ck_assert_int_eq(
	    tu_call(w.r, in, w.now, IPMI_NETFN_APP, 1, NULL, 0, &ev, NULL), -1);
	initiator_free(in);
}
END_TEST

START_TEST(test_configured_idle_timeout)
{
	struct initiator *in;

	w.cfg.idle_timeout_ms = 5000;
	world_start();
	in = login("admin", "password", INITIATOR_DONE);
	advance(4999);
	ck_assert_uint_eq(responder_active_sessions(w.r), 1);
	advance(1);
	ck_assert_uint_eq(responder_active_sessions(w.r), 0);
	initiator_free(in);
}
END_TEST

START_TEST(test_half_open_expires)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen;

	world_start();
	tu_initiator_config(&ic, "admin", "password");
	ic.send_auth_caps = 0;
	in = initiator_new(&ic, w.crng);
	ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
	ck_assert_int_eq(responder_input(w.r, w.now, NULL, a, alen, b,
			     sizeof(b), &blen, NULL),
	    1);
	ck_assert_uint_eq(responder_next_deadline(w.r), w.now + 3000);
	ck_assert_int_eq(initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
	    INITIATOR_SEND);
	advance(3000);
	/* RAKP1 after the handshake timed out: no such session. */
	ck_assert_int_eq(responder_input(w.r, w.now, NULL, a, alen, b,
			     sizeof(b), &blen, NULL),
	    0);
	ck_assert_uint_eq(
	    responder_stats(w.r)->drops[RESPONDER_DROP_SESSION], 1);
	initiator_free(in);
}
END_TEST

START_TEST(test_open_session_flood_then_login)
{
	struct initiator_config ic;
	struct initiator       *in, *ok;
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen;
	int	i;

	world_start();
	tu_initiator_config(&ic, "admin", "password");
	ic.send_auth_caps = 0;
	/* 10,000 Open Session requests from as many "consoles". */
	for (i = 0; i < 10000; i++) {
		ic.console_sid = 0x10000 + (uint32_t)i;
		in = initiator_new(&ic, w.crng);
		ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
		ck_assert_int_eq(responder_input(w.r, w.now, NULL, a, alen, b,
				     sizeof(b), &blen, NULL),
		    1);
		/* Every one is answered with success: the oldest evicted. */
		ck_assert_uint_eq(b[16 + 1], 0);
		initiator_free(in);
	}
	/* A legitimate login right away, during the flood's aftermath. */
	ok = login("admin", "password", INITIATOR_DONE);
	ck_assert_uint_eq(responder_active_sessions(w.r), 1);
	initiator_free(ok);
}
END_TEST

START_TEST(test_lockout_after_bad_passwords)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen;
	int	i, rc;

	w.cfg.bad_password_threshold = 3;
	w.cfg.lockout_ms = 30000;
	world_start();
	/*
	 * A wrong RAKP3 is what counts (the console knows its password is
	 * wrong at RAKP2; an attacker sends RAKP3 anyway): forge one.
	 */
	for (i = 0; i < 3; i++) {
		tu_initiator_config(&ic, "admin", "password");
		in = initiator_new(&ic, w.crng);
		ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
		do {
			ck_assert_int_eq(responder_input(w.r, w.now, NULL, a,
					     alen, b, sizeof(b), &blen, NULL),
			    1);
			rc = initiator_input(
			    in, b, blen, a, sizeof(a), &alen, &ev);
		} while (rc == INITIATOR_SEND &&
		    initiator_state(in) != INITIATOR_RAKP3);
		a[alen - 1] ^= 1;
		ck_assert_int_eq(responder_input(w.r, w.now, NULL, a, alen, b,
				     sizeof(b), &blen, NULL),
		    1);
		ck_assert_uint_eq(
		    b[16 + 1], RMCPP_STATUS_INVALID_INTEGRITY_VALUE);
		initiator_free(in);
	}
	ck_assert_uint_eq(responder_stats(w.r)->lockouts, 1);
	/* Even the right password is refused while locked out. */
	in = login("admin", "password", INITIATOR_FAILED_RESULT);
	initiator_free(in);
	advance(30000);
	in = login("admin", "password", INITIATOR_DONE);
	initiator_free(in);
}
END_TEST

START_TEST(test_active_session_limit)
{
	struct initiator *ins[3];
	struct initiator *extra;
	int		  i;

	w.cfg.max_active = 3;
	world_start();
	for (i = 0; i < 3; i++)
		ins[i] = login("admin", "password", INITIATOR_DONE);
	extra = login("admin", "password", INITIATOR_FAILED_RESULT);
	ck_assert_uint_eq(responder_active_sessions(w.r), 3);
	initiator_free(extra);
	for (i = 0; i < 3; i++)
		initiator_free(ins[i]);
}
END_TEST

START_TEST(test_per_user_session_limit)
{
	struct initiator *a, *b;

	world_start();
	w.bmc.users[0].session_limit = 1;
	a = login("admin", "password", INITIATOR_DONE);
	b = login("admin", "password", INITIATOR_FAILED_RESULT);
	initiator_free(a);
	initiator_free(b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("scenarios");
	TCase	*tc = tcase_create("fake-time");
	SRunner *sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_idle_session_expires);
	tcase_add_test(tc, test_configured_idle_timeout);
	tcase_add_test(tc, test_half_open_expires);
	tcase_add_test(tc, test_open_session_flood_then_login);
	tcase_add_test(tc, test_lockout_after_bad_passwords);
	tcase_add_test(tc, test_active_session_limit);
	tcase_add_test(tc, test_per_user_session_limit);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
