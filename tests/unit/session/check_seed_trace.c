/*
 * The known-answer proof: the RMCP+ session of ipmitool against OpenIPMI's
 * simulator (tests/data/seed_002_rmcpp_session.txt), reproduced byte for
 * byte by both sides of our core, with the randoms, session IDs and GUID
 * injected through the rng interface.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "initiator.h"
#include "ipmimsg.h"
#include "responder.h"
#include "rng.h"
#include "seedtrace.h"
#include "testutil.h"

#define SEED_FILE "seed_002_rmcpp_session.txt"

static struct seed_trace trace;

/* Every value either side reported, in order. */
struct trace_log {
	struct {
		char	label[32];
		uint8_t bytes[128];
		size_t	len;
	} v[64];
	size_t n;
};

static void
trace_cb(void *arg, const char *label, const uint8_t *p, size_t n)
{
	struct trace_log *t = arg;

	ck_assert_uint_lt(t->n, 64);
	ck_assert_uint_le(n, 128);
	snprintf(t->v[t->n].label, sizeof(t->v[t->n].label), "%s", label);
	memcpy(t->v[t->n].bytes, p, n);
	t->v[t->n].len = n;
	t->n++;
}

/* The k-th (0-based) value reported under a label. */
static void
assert_traced(const struct trace_log *t, const char *label, size_t k,
    const char *seed_name)
{
	const struct seed_record *want = seedtrace_get(&trace, seed_name);
	size_t			  i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].label, label) == 0 && k-- == 0) {
			tu_assert_bytes(
			    t->v[i].bytes, t->v[i].len, want->bytes, want->len);
			return;
		}
	ck_abort_msg("nothing traced as %s", label);
}

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
	seedtrace_load(&trace, SEED_FILE);
}

static void
seed_responder_config(struct responder_config *c)
{
	const struct seed_record *guid = seedtrace_get(&trace, "guid");

	responder_config_defaults(c);
	c->enabled_suites = 1u << 2 | 1u << 3 | 1u << 17;
	/* OpenIPMI's lan.conf: none, MD2, MD5 and straight at every level. */
	c->auth15_enables[IPMI_PRIV_ADMIN] = 0x17;
	memcpy(c->guid, guid->bytes, 16);
	/* The seed's BMC is OpenIPMI's simulator, which echoes role 0. */
	c->quirk_echo_open_role = 1;
}

/* The BMC's answers to the commands the model handles, from the seed. */
static void
seed_model_answers(struct tu_bmc *b)
{
	static const uint8_t devid[] = {0x00, 0x03, 0x09, 0x08, 0x02, 0x9f,
	    0x91, 0x12, 0x00, 0x02, 0x0f, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t chassis[] = {0x01, 0x00, 0x00};

	tu_bmc_answer(b, IPMI_NETFN_APP, 0x01, 0x00, devid, sizeof(devid));
	tu_bmc_answer(
	    b, IPMI_NETFN_CHASSIS, 0x01, 0x00, chassis, sizeof(chassis));
	/* HPM.2 and PICMG probes fall through to 0xC1. */
}

START_TEST(test_responder_reproduces_bmc)
{
	struct responder_config	  cfg;
	struct responder	 *r;
	struct tu_bmc		  bmc;
	struct trace_log	  log;
	struct rng		 *rng;
	const struct seed_record *in, *want;
	uint8_t			  out[RESPONDER_DATAGRAM_MAX];
	size_t			  outlen, i;
	enum responder_drop	  why;

	memset(&log, 0, sizeof(log));
	seed_responder_config(&cfg);
	tu_bmc_init(&bmc);
	tu_bmc_add_user(&bmc, "ADMIN", "ADMIN", IPMI_PRIV_ADMIN);
	seed_model_answers(&bmc);
	ck_assert_ptr_nonnull(rng = rng_new_script());
	/* The BMC draws its session ID, then its random at RAKP1. */
	ck_assert_int_eq(rng_script_push(rng, "\x82\x06\x00\x00", 4), 0);
	want = seedtrace_get(&trace, "bmc_random");
	ck_assert_int_eq(rng_script_push(rng, want->bytes, want->len), 0);
	ck_assert_ptr_nonnull(r = responder_new(&cfg, &tu_bmc_ops, &bmc, rng));
	responder_set_trace(r, trace_cb, &log);
	for (i = 0; (in = seedtrace_nth(&trace, "c2b", i)) != NULL; i++) {
		want = seedtrace_nth(&trace, "b2c", i);
		ck_assert_ptr_nonnull(want);
		ck_assert_int_eq(responder_input(r, 1000 + i, NULL, in->bytes,
				     in->len, out, sizeof(out), &outlen, &why),
		    1);
		tu_assert_bytes(out, outlen, want->bytes, want->len);
	}
	ck_assert_uint_eq(i, 11);
	assert_traced(&log, "rakp2 hmac input", 0, "rakp2_hmac_input");
	assert_traced(&log, "rakp2 hmac", 0, "rakp2_hmac");
	assert_traced(&log, "rakp3 hmac input", 0, "rakp3_hmac_input");
	assert_traced(&log, "sik input", 0, "sik_input");
	assert_traced(&log, "sik", 0, "sik");
	assert_traced(&log, "k1", 0, "k1");
	assert_traced(&log, "k2", 0, "k2");
	assert_traced(&log, "rakp4 icv input", 0, "rakp4_icv_input");
	assert_traced(&log, "rakp4 icv", 0, "rakp4_icv");
	for (i = 0; i < 7; i++) {
		char name[32];

		snprintf(name, sizeof(name), "rsp_integrity_input_%zu", i);
		assert_traced(&log, "integrity input", i, name);
		snprintf(name, sizeof(name), "rsp_integrity_%zu", i);
		assert_traced(&log, "integrity", i, name);
	}
	/* The model saw Get Device ID at ADMINISTRATOR, in a session. */
	ck_assert_uint_eq(bmc.executed[0], 1);
	ck_assert_uint_eq(bmc.executed[1], 1);
	/* Close Session closed it. */
	ck_assert_uint_eq(responder_active_sessions(r), 0);
	ck_assert_uint_eq(responder_stats(r)->sessions_opened, 1);
	ck_assert_uint_eq(responder_stats(r)->sessions_closed, 1);
	responder_free(r);
	rng_free(rng);
}
END_TEST

struct seed_request {
	const char *name;
	uint8_t	    netfn, cmd;
	const char *data;
	uint8_t	    cc;
};

START_TEST(test_initiator_reproduces_console)
{
	static const struct seed_request requests[] = {
	    {"hpm2_probe", 0x2c, 0x3e, "00 02", 0xc1},
	    {"get_device_id", 0x06, 0x01, "", 0x00},
	    {"picmg_properties", 0x2c, 0x00, "00", 0xc1},
	    {"vso_capabilities", 0x2c, 0x00, "03", 0xc1},
	    {"get_chassis_status", 0x00, 0x01, "", 0x00},
	};
	struct initiator_config	  cfg;
	struct initiator_event	  ev;
	struct initiator	 *in;
	struct trace_log	  log;
	struct rng		 *rng;
	const struct seed_record *want, *rsp;
	uint8_t			  out[RESPONDER_DATAGRAM_MAX], data[16];
	size_t			  outlen, len, i;
	char			  rspname[48];
	static const char *const  steps[][2] = {
	     {"get_channel_auth_caps_rsp", "open_session_req"},
	     {"open_session_rsp", "rakp1"},
	     {"rakp2", "rakp3"},
	     {"rakp4", "set_session_privilege"},
	 };

	memset(&log, 0, sizeof(log));
	initiator_config_defaults(&cfg);
	cfg.suite_id = 2;
	cfg.open_privilege = 0;
	cfg.privilege = IPMI_PRIV_ADMIN;
	cfg.name_len = 5;
	memcpy(cfg.name, "ADMIN", 5);
	memcpy(cfg.password, "ADMIN", 5);
	cfg.console_sid = 0xa0a2a3a4;
	cfg.first_seq = 3;
	ck_assert_ptr_nonnull(rng = rng_new_script());
	want = seedtrace_get(&trace, "console_random");
	ck_assert_int_eq(rng_script_push(rng, want->bytes, want->len), 0);
	ck_assert_ptr_nonnull(in = initiator_new(&cfg, rng));
	initiator_set_trace(in, trace_cb, &log);

	ck_assert_int_eq(initiator_start(in, out, sizeof(out), &outlen), 0);
	want = seedtrace_get(&trace, "get_channel_auth_caps");
	tu_assert_bytes(out, outlen, want->bytes, want->len);
	for (i = 0; i < 4; i++) {
		rsp = seedtrace_get(&trace, steps[i][0]);
		ck_assert_int_eq(initiator_input(in, rsp->bytes, rsp->len, out,
				     sizeof(out), &outlen, &ev),
		    INITIATOR_SEND);
		want = seedtrace_get(&trace, steps[i][1]);
		tu_assert_bytes(out, outlen, want->bytes, want->len);
	}
	rsp = seedtrace_get(&trace, "set_session_privilege_rsp");
	ck_assert_int_eq(initiator_input(in, rsp->bytes, rsp->len, out,
			     sizeof(out), &outlen, &ev),
	    INITIATOR_DONE);
	ck_assert_int_eq(initiator_state(in), INITIATOR_ESTABLISHED);
	ck_assert_uint_eq(initiator_bmc_session_id(in), 0x00000682);
	/* What OpenIPMI's simulator answered to "highest" (see above). */
	ck_assert_uint_eq(initiator_max_privilege(in), 0);

	for (i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		len = tu_hex(requests[i].data, data, sizeof(data));
		ck_assert_int_eq(
		    initiator_request(in, requests[i].netfn, requests[i].cmd,
			data, len, out, sizeof(out), &outlen),
		    0);
		want = seedtrace_get(&trace, requests[i].name);
		tu_assert_bytes(out, outlen, want->bytes, want->len);
		snprintf(rspname, sizeof(rspname), "%s_rsp", requests[i].name);
		rsp = seedtrace_get(&trace, rspname);
		ck_assert_int_eq(initiator_input(in, rsp->bytes, rsp->len, out,
				     sizeof(out), &outlen, &ev),
		    INITIATOR_RESPONSE);
		ck_assert_uint_eq(ev.rsp.cc, requests[i].cc);
		ck_assert_uint_eq(ev.rsp.cmd, requests[i].cmd);
	}
	ck_assert_int_eq(initiator_close(in, out, sizeof(out), &outlen), 0);
	want = seedtrace_get(&trace, "close_session");
	tu_assert_bytes(out, outlen, want->bytes, want->len);
	rsp = seedtrace_get(&trace, "close_session_rsp");
	ck_assert_int_eq(initiator_input(in, rsp->bytes, rsp->len, out,
			     sizeof(out), &outlen, &ev),
	    INITIATOR_RESPONSE);
	ck_assert_int_eq(initiator_state(in), INITIATOR_CLOSED);

	assert_traced(&log, "rakp2 hmac input", 0, "rakp2_hmac_input");
	assert_traced(&log, "rakp3 hmac input", 0, "rakp3_hmac_input");
	assert_traced(&log, "rakp3 hmac", 0, "rakp3_hmac");
	assert_traced(&log, "sik input", 0, "sik_input");
	assert_traced(&log, "sik", 0, "sik");
	assert_traced(&log, "k1", 0, "k1");
	assert_traced(&log, "k2", 0, "k2");
	assert_traced(&log, "rakp4 icv input", 0, "rakp4_icv_input");
	assert_traced(&log, "rakp4 icv", 0, "rakp4_icv");
	for (i = 0; i < 7; i++) {
		char name[32];

		snprintf(name, sizeof(name), "req_integrity_input_%zu", i);
		assert_traced(&log, "integrity input", i, name);
		snprintf(name, sizeof(name), "req_integrity_%zu", i);
		assert_traced(&log, "integrity", i, name);
	}
	initiator_free(in);
	rng_free(rng);
}
END_TEST

START_TEST(test_initiator_rejects_tampered_rakp2)
{
	struct initiator_config	  cfg;
	struct initiator_event	  ev;
	struct initiator	 *in;
	struct rng		 *rng;
	const struct seed_record *rsp;
	uint8_t			  out[RESPONDER_DATAGRAM_MAX], bad[128];
	size_t			  outlen;

	initiator_config_defaults(&cfg);
	cfg.suite_id = 2;
	cfg.open_privilege = 0;
	cfg.name_len = 5;
	memcpy(cfg.name, "ADMIN", 5);
	memcpy(cfg.password, "ADMIX", 5); /* wrong password */
	cfg.console_sid = 0xa0a2a3a4;
	rng = rng_new_script();
	rsp = seedtrace_get(&trace, "console_random");
	rng_script_push(rng, rsp->bytes, rsp->len);
	in = initiator_new(&cfg, rng);
	ck_assert_int_eq(initiator_start(in, out, sizeof(out), &outlen), 0);
	rsp = seedtrace_get(&trace, "get_channel_auth_caps_rsp");
	ck_assert_int_eq(initiator_input(in, rsp->bytes, rsp->len, out,
			     sizeof(out), &outlen, &ev),
	    INITIATOR_SEND);
	rsp = seedtrace_get(&trace, "open_session_rsp");
	ck_assert_int_eq(initiator_input(in, rsp->bytes, rsp->len, out,
			     sizeof(out), &outlen, &ev),
	    INITIATOR_SEND);
	rsp = seedtrace_get(&trace, "rakp2");
	memcpy(bad, rsp->bytes, rsp->len);
	ck_assert_int_eq(
	    initiator_input(in, bad, rsp->len, out, sizeof(out), &outlen, &ev),
	    INITIATOR_FAILED_RESULT);
	ck_assert_int_eq(ev.step, INITIATOR_RAKP1);
	initiator_free(in);
	rng_free(rng);
}
END_TEST

static Suite *
seed_trace_suite(void)
{
	Suite *s = suite_create("seed_trace");
	TCase *tc = tcase_create("seed002");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_responder_reproduces_bmc);
	tcase_add_test(tc, test_initiator_reproduces_console);
	tcase_add_test(tc, test_initiator_rejects_tampered_rakp2);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(seed_trace_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
