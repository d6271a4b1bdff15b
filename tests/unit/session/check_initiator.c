/*
 * The initiator on its own: retransmission decisions left to the caller,
 * datagrams that are not for it ignored, tampered responses ignored.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "rng.h"
#include "testutil.h"

static struct responder_config cfg;
static struct tu_bmc	       bmc;
static struct rng	      *brng, *crng;
static struct responder	      *r;

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
	responder_config_defaults(&cfg);
	tu_bmc_init(&bmc);
	tu_bmc_add_user(&bmc, "admin", "password", IPMI_PRIV_ADMIN);
	tu_bmc_answer(
	    &bmc, IPMI_NETFN_APP, 0x01, 0, (const uint8_t *)"\x20", 1);
	brng = rng_new_seeded(21);
	crng = rng_new_seeded(22);
	r = responder_new(&cfg, &tu_bmc_ops, &bmc, brng);
}

static void
teardown(void)
{
	responder_free(r);
	rng_free(brng);
	rng_free(crng);
}

START_TEST(test_request_before_login_refused)
{
	struct initiator_config ic;
	struct initiator       *in;
	uint8_t			out[256];
	size_t			outlen;

	tu_initiator_config(&ic, "admin", "password");
	in = initiator_new(&ic, crng);
	ck_assert_int_eq(
	    initiator_request(in, 6, 1, NULL, 0, out, sizeof(out), &outlen),
	    ERR_WRONG_STATE);
	ck_assert_int_eq(
	    initiator_close(in, out, sizeof(out), &outlen), ERR_WRONG_STATE);
	initiator_free(in);
}
END_TEST

START_TEST(test_unknown_suite_refused)
{
	struct initiator_config ic;

	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 4; /* xRC4: never implemented */
	ck_assert_ptr_null(initiator_new(&ic, crng));
	ic.suite_id = 20;
	ck_assert_ptr_null(initiator_new(&ic, crng));
}
END_TEST

START_TEST(test_handshake_retransmit_same_bytes)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	uint8_t			a[256], b[256], again[256];
	size_t			alen, blen, againlen;
	int			rc;

	tu_initiator_config(&ic, "admin", "password");
	in = initiator_new(&ic, crng);
	ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
	for (;;) {
		/* Handshake steps go again as they were (in-session ones get
		 * a new sequence number: see the next test). */
		if (initiator_state(in) != INITIATOR_SET_PRIV) {
			ck_assert_int_eq(initiator_retransmit(in, again,
					     sizeof(again), &againlen),
			    0);
			tu_assert_bytes(again, againlen, a, alen);
		}
		ck_assert_int_eq(responder_input(r, 10, NULL, a, alen, b,
				     sizeof(b), &blen, NULL),
		    1);
		rc = initiator_input(in, b, blen, a, sizeof(a), &alen, &ev);
		if (rc == INITIATOR_DONE)
			break;
		ck_assert_int_eq(rc, INITIATOR_SEND);
	}
	initiator_free(in);
}
END_TEST

START_TEST(test_ignores_foreign_and_tampered)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	uint8_t			a[256], b[256];
	size_t			alen, blen;

	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 17;
	in = initiator_new(&ic, crng);
	ck_assert_int_eq(tu_login(r, in, 10, &ev, NULL), INITIATOR_DONE);
	ck_assert_int_eq(
	    initiator_request(in, 6, 1, NULL, 0, a, sizeof(a), &alen), 0);
	ck_assert_int_eq(
	    responder_input(r, 11, NULL, a, alen, b, sizeof(b), &blen, NULL),
	    1);
	/* Tampered: integrity fails, so it is not the answer. */
	b[blen - 1] ^= 1;
	ck_assert_int_eq(initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
	    INITIATOR_IGNORED);
	b[blen - 1] ^= 1;
	/* Garbage and a pong are not answers either. */
	ck_assert_int_eq(initiator_input(in, (const uint8_t *)"\x06\x00", 2, a,
			     sizeof(a), &alen, &ev),
	    INITIATOR_IGNORED);
	/* The genuine one is, once. */
	ck_assert_int_eq(initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_uint_eq(ev.rsp.data_len, 1);
	ck_assert_uint_eq(ev.rsp_buf[0], 0x20);
	ck_assert_int_eq(initiator_input(in, b, blen, a, sizeof(a), &alen, &ev),
	    INITIATOR_IGNORED);
	initiator_free(in);
}
END_TEST

START_TEST(test_retry_uses_new_sequence_same_rqseq)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	struct initiator       *in;
	uint8_t			a[256], b[256];
	size_t			alen, blen;

	tu_initiator_config(&ic, "admin", "password");
	ic.suite_id = 2; /* no encryption: the bytes can be compared */
	cfg.enabled_suites |= 1u << 2;
	responder_set_config(r, &cfg);
	in = initiator_new(&ic, crng);
	ck_assert_int_eq(tu_login(r, in, 10, &ev, NULL), INITIATOR_DONE);
	ck_assert_int_eq(
	    initiator_request(in, 6, 1, NULL, 0, a, sizeof(a), &alen), 0);
	ck_assert_int_eq(initiator_retransmit(in, b, sizeof(b), &blen), 0);
	ck_assert_uint_eq(alen, blen);
	/* Session sequence (bytes 10..13) differs, the message does not. */
	ck_assert_int_ne(memcmp(a + 10, b + 10, 4), 0);
	ck_assert_int_eq(memcmp(a + 16, b + 16, 8), 0);
	initiator_free(in);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("initiator");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_request_before_login_refused);
	tcase_add_test(tc, test_unknown_suite_refused);
	tcase_add_test(tc, test_handshake_retransmit_same_bytes);
	tcase_add_test(tc, test_ignores_foreign_and_tampered);
	tcase_add_test(tc, test_retry_uses_new_sequence_same_rqseq);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
